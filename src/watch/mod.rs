//! Finding entity files in the watched folder, and knowing when they are finished.
//!
//! - [`scan`]: a one-shot look (what `sheetdrop validate` needs): every file directly in the
//!   folder whose name matches an entity's pattern, skipping temporary and lock files; when
//!   several match one entity, the newest wins.
//! - [`Settler`] (in `settle.rs`): the pure settle tracker, with an injected clock, that says
//!   when a file has stopped changing and batches files that changed together.
//! - [`Watcher`] (in `notify.rs`): `notify` events plus a periodic full rescan feeding a
//!   [`Settler`]; the agent asks it for the next batch of settled files.

mod notify;
mod settle;

pub use self::notify::{WatchMode, Watcher};
pub use self::settle::{readable, Settler};

use crate::config::{Catalog, Entity};
use crate::validate::EntityFile;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why the folder cannot be watched.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The folder cannot be listed: missing, not a folder, no permission, share offline.
    #[error("cannot read the watched folder {}: {source}", path.display())]
    Folder {
        /// The watched folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Neither the native watcher nor polling could be set up on the folder.
    #[error("cannot watch {}: {source}", path.display())]
    Watch {
        /// The watched folder.
        path: PathBuf,
        /// Why.
        source: ::notify::Error,
    },
}

impl Error {
    /// The error in `lang` (its `Display` stays English, for the log).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{Message, Text};
        match self {
            Error::Folder { path, source } => Message::new(Text::WatchFolder)
                .with("path", path.display())
                .with_io("error", source),
            Error::Watch { path, source } => Message::new(Text::WatchCannotWatch)
                .with("path", path.display())
                .with("error", source),
        }
        .render(lang)
    }
}

/// True for names that are never entity files: partial downloads, editor and office lock
/// files, our own temp files, hidden files.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.starts_with('.')
        || lower.starts_with("~$")
        || lower.ends_with('~')
        || [".tmp", ".part", ".partial", ".crdownload", ".download"]
            .iter()
            .any(|s| lower.ends_with(s))
}

/// Finds each catalog entity's file in `folder` (not in subfolders).
pub fn scan(catalog: &Catalog, folder: &Path) -> io::Result<Vec<EntityFile>> {
    let mut candidates = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_temporary(&name) {
            continue;
        }
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            continue;
        };
        if meta.is_file() {
            candidates.push((
                name,
                meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                entry.path(),
            ));
        }
    }
    Ok(catalog
        .entities()
        .iter()
        .map(|entity| EntityFile {
            entity: entity.name.clone(),
            path: newest_of(entity, &candidates).cloned(),
            name: None,
        })
        .collect())
}

/// Of `paths`, the one that is `entity`'s snapshot by the rule [`scan`] uses (the newest
/// match; the greater name on a tie). Files that cannot be stat'ed are left out.
pub fn newest_match(entity: &Entity, paths: &[PathBuf]) -> Option<PathBuf> {
    let candidates: Vec<_> = paths
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let modified = std::fs::metadata(path)
                .ok()?
                .modified()
                .unwrap_or(SystemTime::UNIX_EPOCH);
            Some((name, modified, path.clone()))
        })
        .collect();
    newest_of(entity, &candidates).cloned()
}

/// The newest of (name, modified, path) `candidates` whose name matches `entity`; the
/// greater name wins a tie, so the choice never depends on listing order.
fn newest_of<'a>(
    entity: &Entity,
    candidates: &'a [(String, SystemTime, PathBuf)],
) -> Option<&'a PathBuf> {
    candidates
        .iter()
        .filter(|(name, _, _)| entity.matches(name))
        .max_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)))
        .map(|(_, _, path)| path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_and_lock_files_are_recognised() {
        for name in [
            "~$clientes.csv",
            ".~lock.clientes.csv#",
            "clientes.csv.tmp",
            "ventas.csv.part",
            ".hidden.csv",
            "a.csv~",
        ] {
            assert!(is_temporary(name), "{name}");
        }
        for name in ["clientes.csv", "CLIENTES.CSV", "ventas_2026.csv"] {
            assert!(!is_temporary(name), "{name}");
        }
    }

    #[test]
    fn newest_match_wins_and_temp_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("clientes_1.csv");
        let new = dir.path().join("clientes_2.csv");
        std::fs::write(&new, "a\n").unwrap();
        std::fs::write(&old, "a\n").unwrap();
        std::fs::write(dir.path().join("~$clientes_3.csv"), "a\n").unwrap();
        let t = SystemTime::now();
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(t - std::time::Duration::from_secs(60))
            .unwrap();
        std::fs::File::options()
            .write(true)
            .open(&new)
            .unwrap()
            .set_modified(t)
            .unwrap();
        let text = "[[entity]]\nname = \"clientes\"\nfile = \"clientes_*.csv\"\n";
        let config = crate::config::Config::from_toml(text, Path::new("x.toml")).unwrap();
        let found = scan(&config.catalog, dir.path()).unwrap();
        assert_eq!(found[0].path.as_deref(), Some(new.as_path()));
    }
}

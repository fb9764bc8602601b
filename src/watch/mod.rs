//! Finding entity files in the watched folder, and knowing when they are finished.
//!
//! - [`scan`]: a one-shot look (what `sheetdrop validate` needs): every entry directly in the
//!   folder whose name an entity owns, skipping temporary and lock files; when several
//!   belong to one entity, the newest wins.
//! - [`owner`] (in `owner.rs`): the one rule saying which entity a name belongs to (the most
//!   specific pattern; a tie belongs to neither), used by every part that picks files.
//! - [`inspect`] and [`choose`] (in `entry.rs`): what an entry is (a regular file, or a FIFO,
//!   folder, device or link that is never opened) and which one an entity takes.
//! - [`Settler`] (in `settle.rs`): the pure settle tracker, with an injected clock, that says
//!   when a file has stopped changing and batches files that changed together.
//! - [`Watcher`] (in `notify.rs`): `notify` events plus a periodic full rescan feeding a
//!   [`Settler`]; the agent asks it for the next batch of settled files.

mod entry;
mod notify;
mod owner;
mod settle;

pub use self::entry::{choose, entries, follow_root, inspect, Found, What};
pub use self::notify::{WatchMode, Watcher};
pub use self::owner::{owner, Owner};
pub use self::settle::{open_nonblocking, readable, Settler};

use crate::config::{Catalog, Entity};
use crate::validate::EntityFile;
use std::io;
use std::path::{Path, PathBuf};

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

/// Finds each catalog entity's file in `folder` (not in subfolders), without following
/// symbolic links: [`scan_with`] with `follow_symlinks` off.
pub fn scan(catalog: &Catalog, folder: &Path) -> io::Result<Vec<EntityFile>> {
    scan_with(catalog, folder, false)
}

/// Finds each catalog entity's file in `folder` (not in subfolders): of the entries whose
/// name it [`owner`]s, the newest. An entity whose entry must not be read (not a regular
/// file, or a name tied with another entity) gets it with its [`crate::validate::FileProblem`];
/// nothing is opened here. Links are followed only with `follow_symlinks`, and only to
/// regular files inside `folder`.
pub fn scan_with(
    catalog: &Catalog,
    folder: &Path,
    follow_symlinks: bool,
) -> io::Result<Vec<EntityFile>> {
    let root = follow_root(folder, follow_symlinks);
    let found = entries(folder, root.as_deref(), |name| {
        owner(catalog, name).is_some()
    })?;
    Ok(catalog
        .entities()
        .iter()
        .map(|entity| entity_file(catalog, entity, &found))
        .collect())
}

/// `entity`'s file among `found` ([`choose`]), as validate takes it.
fn entity_file(catalog: &Catalog, entity: &Entity, found: &[Found]) -> EntityFile {
    let Some((chosen, open)) = choose(catalog, entity, found) else {
        return EntityFile::new(entity.name.clone(), None);
    };
    // An entry with a problem is never opened: it is known by its own path.
    let (path, problem) = match open {
        Ok(open) => (open.to_path_buf(), None),
        Err(problem) => (chosen.path.clone(), Some(problem)),
    };
    EntityFile {
        entity: entity.name.clone(),
        name: (path != chosen.path).then(|| chosen.name.clone()),
        path: Some(path),
        problem,
        delta: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

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
        assert_eq!(found[0].problem, None);
    }

    #[cfg(unix)]
    #[test]
    fn scan_reports_non_files_and_follows_links_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("in");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("data.txt"), "id\n1\n").unwrap();
        std::os::unix::fs::symlink(folder.join("data.txt"), folder.join("clientes.csv")).unwrap();
        std::fs::create_dir(folder.join("ventas.csv")).unwrap();
        let text = "[[entity]]\nname = \"clientes\"\n[[entity]]\nname = \"ventas\"\n";
        let config = crate::config::Config::from_toml(text, Path::new("x.toml")).unwrap();
        let not = |k| Some(crate::validate::FileProblem::NotAFile(k));
        let found = scan(&config.catalog, &folder).unwrap();
        assert_eq!(found[0].problem, not(crate::validate::FileKind::Symlink));
        assert_eq!(found[1].problem, not(crate::validate::FileKind::Directory));
        let found = scan_with(&config.catalog, &folder, true).unwrap();
        assert_eq!(found[0].problem, None);
        assert_eq!(found[0].name.as_deref(), Some("clientes.csv"));
        assert_eq!(
            found[0].path,
            Some(std::fs::canonicalize(folder.join("data.txt")).unwrap())
        );
    }
}

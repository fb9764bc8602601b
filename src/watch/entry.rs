//! What a directory entry named like an entity's file is, found without reading it: a regular
//! file (read from where), or something else (a FIFO, folder, device, link) that is never
//! opened. Also: which entry an entity takes ([`choose`]), by the ownership rule and age.
//!
//! Symbolic links are not followed unless `[source] follow_symlinks` is on, and then only to
//! a regular file inside the (canonical) watched folder: a link leading out of it is
//! reported, its target never opened. Only metadata is looked at here; the spool opens the
//! chosen file without following links and checks the handle again (`snapshot::open_regular`).

use super::owner::{owner, Owner};
use crate::config::{Catalog, Entity};
use crate::snapshot::FileKind;
use crate::validate::FileProblem;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A directory entry, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The entry in the watched folder.
    pub path: PathBuf,
    /// Its name, as the client sees it.
    pub name: String,
    /// Its size (of the link's target, when a link is followed).
    pub size: u64,
    /// Its modification time (likewise).
    pub modified: SystemTime,
    /// What it is.
    pub what: What,
}

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A regular file, to be read at `open`: the entry itself, or the canonical target of a
    /// followed link.
    File {
        /// Where to read it.
        open: PathBuf,
    },
    /// Not a regular file: never opened.
    NotAFile(FileKind),
}

/// Where links may lead when they are followed: the watched folder's canonical form, or
/// `None` (links are not followed) when `follow_symlinks` is off or the folder cannot be
/// resolved.
pub fn follow_root(folder: &Path, follow_symlinks: bool) -> Option<PathBuf> {
    follow_symlinks
        .then(|| std::fs::canonicalize(folder).ok())
        .flatten()
}

/// Looks at `path` without reading it; links are followed only into `follow_in` (see
/// [`follow_root`]). Errors when the entry itself cannot be looked at (gone, no permission).
pub fn inspect(path: &Path, follow_in: Option<&Path>) -> io::Result<Found> {
    let meta = std::fs::symlink_metadata(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let found = |meta: &std::fs::Metadata, what| Found {
        path: path.to_path_buf(),
        name: name.clone(),
        size: meta.len(),
        modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        what,
    };
    let kind = match FileKind::of(meta.file_type()) {
        None => {
            let open = path.to_path_buf();
            return Ok(found(&meta, What::File { open }));
        }
        Some(kind) => kind,
    };
    if kind != FileKind::Symlink {
        return Ok(found(&meta, What::NotAFile(kind)));
    }
    let Some(root) = follow_in else {
        // Not followed; a stat (never an open) tells a broken link from a live one.
        let kind = match std::fs::metadata(path) {
            Ok(_) => FileKind::Symlink,
            Err(_) => FileKind::BrokenLink,
        };
        return Ok(found(&meta, What::NotAFile(kind)));
    };
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        // Missing target, or links that loop.
        Err(_) => return Ok(found(&meta, What::NotAFile(FileKind::BrokenLink))),
    };
    if !target.starts_with(root) {
        return Ok(found(&meta, What::NotAFile(FileKind::LinkOutside)));
    }
    match std::fs::symlink_metadata(&target) {
        Ok(target_meta) => match FileKind::of(target_meta.file_type()) {
            None => Ok(found(&target_meta, What::File { open: target })),
            Some(kind) => Ok(found(&meta, What::NotAFile(kind))),
        },
        Err(_) => Ok(found(&meta, What::NotAFile(FileKind::BrokenLink))),
    }
}

/// The entries directly in `folder` (not in subfolders) that are not temporary
/// ([`super::is_temporary`]) and whose name `wanted` accepts, as [`inspect`] finds them: links
/// are followed only into `follow_in`, nothing is opened, and an entry that vanished or cannot
/// be looked at is left out. Errors when the folder cannot be listed.
pub fn entries(
    folder: &Path,
    follow_in: Option<&Path>,
    wanted: impl Fn(&str) -> bool,
) -> io::Result<Vec<Found>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !super::is_temporary(&name) && wanted(&name) {
            found.extend(inspect(&entry.path(), follow_in).ok());
        }
    }
    Ok(found)
}

/// The entry `entity` takes among `found`: the newest of those whose name concerns it by
/// [`owner`] (the greater name on a tie, so listing order never matters), with where to read
/// it, or the problem that keeps it from being read: a name tied with another entity's
/// pattern (`ambiguous-file`), or not a regular file (`not-a-file`).
pub fn choose<'a>(
    catalog: &Catalog,
    entity: &Entity,
    found: &'a [Found],
) -> Option<(&'a Found, Result<&'a Path, FileProblem>)> {
    let (chosen, owner) = found
        .iter()
        .map(|f| (f, owner(catalog, &f.name)))
        .filter(|(_, o)| o.concerns(&entity.name))
        .max_by(|(a, _), (b, _)| (a.modified, &a.name).cmp(&(b.modified, &b.name)))?;
    let open = match (owner, &chosen.what) {
        (Owner::Ambiguous(..), _) => Err(FileProblem::Ambiguous {
            other: owner.rival(&entity.name)?.name.clone(),
        }),
        (_, What::NotAFile(kind)) => Err(FileProblem::NotAFile(*kind)),
        (_, What::File { open }) => Ok(open.as_path()),
    };
    Some((chosen, open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_into_the_folder_and_only_when_asked() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("in");
        std::fs::create_dir(&folder).unwrap();
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "s").unwrap();
        std::fs::write(folder.join("real.dat"), "id\n1\n").unwrap();
        symlink(&secret, folder.join("out.csv")).unwrap();
        symlink(folder.join("real.dat"), folder.join("in.csv")).unwrap();
        symlink(folder.join("none"), folder.join("dangling.csv")).unwrap();
        symlink(folder.join("loop.csv"), folder.join("loop.csv")).unwrap();
        symlink("/dev/zero", folder.join("zero.csv")).unwrap();
        std::fs::create_dir(folder.join("dir.csv")).unwrap();
        let root = follow_root(&folder, true);
        assert!(root.is_some());
        assert_eq!(follow_root(&folder, false), None);
        let what =
            |name: &str, follow: Option<&Path>| inspect(&folder.join(name), follow).unwrap().what;
        let not = What::NotAFile;
        assert_eq!(what("out.csv", None), not(FileKind::Symlink));
        assert_eq!(what("in.csv", None), not(FileKind::Symlink));
        assert_eq!(what("dangling.csv", None), not(FileKind::BrokenLink));
        assert_eq!(what("loop.csv", None), not(FileKind::BrokenLink));
        assert_eq!(what("zero.csv", None), not(FileKind::Symlink));
        assert_eq!(what("dir.csv", None), not(FileKind::Directory));
        let root = root.as_deref();
        assert_eq!(what("out.csv", root), not(FileKind::LinkOutside));
        assert_eq!(what("zero.csv", root), not(FileKind::LinkOutside));
        assert_eq!(what("dangling.csv", root), not(FileKind::BrokenLink));
        assert_eq!(what("loop.csv", root), not(FileKind::BrokenLink));
        let inside = inspect(&folder.join("in.csv"), root).unwrap();
        assert_eq!(
            inside.what,
            What::File {
                open: std::fs::canonicalize(folder.join("real.dat")).unwrap()
            }
        );
        assert_eq!((inside.name.as_str(), inside.size), ("in.csv", 5));
        assert!(inspect(&folder.join("gone.csv"), root).is_err());
    }

    #[test]
    fn an_entity_takes_its_newest_entry_with_its_problem() {
        let text = "[[entity]]\nname = \"ventas\"\nfile = \"ventas*.csv\"\n\
                    [[entity]]\nname = \"pagos\"\nfile = \"ventas_pagos*.csv\"\n\
                    [[entity]]\nname = \"a\"\nfile = \"x*.csv\"\n\
                    [[entity]]\nname = \"b\"\nfile = \"*x.csv\"\n";
        let config = crate::config::Config::from_toml(text, Path::new("t.toml")).unwrap();
        let t = |s| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(s);
        let entry = |name: &str, secs, what| Found {
            path: PathBuf::from(name),
            name: name.into(),
            size: 1,
            modified: t(secs),
            what,
        };
        let file = |name: &str| What::File { open: name.into() };
        let found = [
            entry("ventas.csv", 10, file("ventas.csv")),
            entry("ventas_pagos.csv", 20, file("ventas_pagos.csv")),
            entry("ventas_2.csv", 5, What::NotAFile(FileKind::Fifo)),
            entry("x.csv", 1, file("x.csv")),
        ];
        let pick = |name: &str| {
            let entity = config.catalog.get(name).unwrap();
            choose(&config.catalog, entity, &found).map(|(f, open)| (f.name.clone(), open.err()))
        };
        // The newer ventas_pagos.csv is not ventas's.
        assert_eq!(pick("ventas"), Some(("ventas.csv".into(), None)));
        assert_eq!(pick("pagos"), Some(("ventas_pagos.csv".into(), None)));
        assert_eq!(
            pick("a"),
            Some((
                "x.csv".into(),
                Some(FileProblem::Ambiguous { other: "b".into() })
            ))
        );
        assert_eq!(
            pick("b"),
            Some((
                "x.csv".into(),
                Some(FileProblem::Ambiguous { other: "a".into() })
            ))
        );
        let newer_fifo = [entry("ventas_2.csv", 50, What::NotAFile(FileKind::Fifo))];
        let ventas = config.catalog.get("ventas").unwrap();
        assert_eq!(
            choose(&config.catalog, ventas, &newer_fifo).map(|(_, open)| open.err()),
            Some(Some(FileProblem::NotAFile(FileKind::Fifo)))
        );
    }
}

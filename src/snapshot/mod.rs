//! Snapshots: a settled file is copied into the spool before anything reads it, so what is
//! checked is exactly what is published, whatever the client does to the original meanwhile.
//!
//! The spool copy is content-addressed (`<spool>/<entity>/<sha256>.csv`): two identical
//! exports share one copy, and a copy's name says what it holds. Every write here goes to a
//! temporary file that is synced and then renamed over its final name ([`write_atomic`]), so a
//! crash leaves either the old file or the new one, never half of one.

mod kind;

pub use kind::FileKind;

use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why a file could not be spooled.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the source or writing the spool failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done ("read", "write the spool copy of").
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The source's size or modification time changed while it was copied: the writer is not
    /// done after all. The copy was discarded; the file comes back once it settles again.
    #[error("{} changed while it was being copied; it will be read once it settles", path.display())]
    Changed {
        /// The source file.
        path: PathBuf,
    },
    /// The source is not a regular file (a link, FIFO, folder, device): it was not read.
    #[error("{} is not a regular file ({}); it is not read", path.display(), kind.as_str())]
    NotAFile {
        /// The source path.
        path: PathBuf,
        /// What it is.
        kind: FileKind,
    },
}

impl Error {
    /// The error in `lang` (its `Display` stays English, for the log).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        self.to_message().render(lang)
    }

    /// What failed, for the log line: reading the client's file, or making its spool copy
    /// (a full disk while writing the spool is no reading problem).
    pub fn failure(&self) -> &'static str {
        match self {
            Error::Io { action, .. } => match *action {
                "open" | "read" => "cannot read the file",
                "create" => "cannot create the spool folder",
                _ => "cannot write the spool copy",
            },
            Error::Changed { .. } => "the file changed while it was copied",
            Error::NotAFile { .. } => "not a regular file, not read",
        }
    }

    /// The error as a [`crate::i18n::Message`], for the entity's status in the agent's
    /// language.
    pub fn to_message(&self) -> crate::i18n::Message {
        use crate::i18n::{Message, Text};
        match self {
            Error::Io {
                action,
                path,
                source,
            } => {
                let key = match *action {
                    "create" => Text::SnapshotCreate,
                    "open" => Text::SnapshotOpen,
                    "read" => Text::SnapshotRead,
                    "write the spool copy of" => Text::SnapshotSpool,
                    _ => Text::SnapshotOther,
                };
                Message::new(key)
                    .with("action", action)
                    .with("path", path.display())
                    .with_io("error", source)
            }
            Error::Changed { path } => {
                Message::new(Text::SnapshotChanged).with("path", path.display())
            }
            Error::NotAFile { path, kind } => Message::new(Text::SnapshotNotAFile)
                .with("path", path.display())
                .with_message("kind", kind.message()),
        }
    }
}

/// A settled file, copied into the spool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spooled {
    /// The spool copy.
    pub path: PathBuf,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The source's file name, as the client sees it.
    pub source_name: String,
}

/// Why [`open_regular`] refused or failed.
#[derive(Debug)]
pub enum OpenError {
    /// The path is not a regular file: a symbolic link (never followed here), a FIFO, a
    /// folder, a device. Nothing was read.
    NotAFile(FileKind),
    /// Opening failed (missing, no permission, ...).
    Io(io::Error),
}

/// Opens `path` for reading only if it is a regular file, without following a symbolic link
/// in its last component and without blocking on a FIFO; the type is checked on the opened
/// handle, so the file cannot be swapped for something else between the check and the read.
/// (On Unix: `O_NOFOLLOW | O_NONBLOCK`, then `fstat`. Elsewhere: the entry is checked with
/// `symlink_metadata` first, then the handle.)
pub fn open_regular(path: &Path) -> Result<File, OpenError> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    {
        let meta = std::fs::symlink_metadata(path).map_err(OpenError::Io)?;
        if let Some(kind) = FileKind::of(meta.file_type()) {
            return Err(OpenError::NotAFile(kind));
        }
    }
    let file = match options.open(path) {
        Ok(file) => file,
        // O_NOFOLLOW on a link fails with ELOOP (EMLINK on some BSDs): say what it is.
        Err(e) => {
            return Err(match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.file_type().is_symlink() => OpenError::NotAFile(FileKind::Symlink),
                Ok(meta) => match FileKind::of(meta.file_type()) {
                    Some(kind) if e.kind() != io::ErrorKind::PermissionDenied => {
                        OpenError::NotAFile(kind)
                    }
                    _ => OpenError::Io(e),
                },
                Err(_) => OpenError::Io(e),
            })
        }
    };
    let meta = file.metadata().map_err(OpenError::Io)?;
    match FileKind::of(meta.file_type()) {
        None => Ok(file),
        Some(kind) => Err(OpenError::NotAFile(kind)),
    }
}

/// Copies `source` into `<spool_dir>/<entity>/<sha256>.csv` (atomically) and hashes it.
/// Fails with [`Error::Changed`] when the source changed during the copy, and with
/// [`Error::NotAFile`] (nothing read, nothing written) when `source` is not a regular file:
/// a symbolic link is never followed here, whatever it points to.
pub fn spool(source: &Path, spool_dir: &Path, entity: &str) -> Result<Spooled, Error> {
    let mut input = open_source(source)?;
    let before = stamp(&input).map_err(io_err("read", source))?;
    let dir = spool_dir.join(entity);
    std::fs::create_dir_all(&dir).map_err(io_err("create", &dir))?;

    let temp = dir.join(format!(".sheetdrop.{}.tmp", std::process::id()));
    let mut output = File::create(&temp).map_err(io_err("write the spool copy of", source))?;
    let copied = copy_hashing(&mut input, &mut output);
    let (size, digest) = match copied {
        Ok(done) => done,
        Err((read, e)) => {
            let _ = std::fs::remove_file(&temp);
            return Err(if read {
                io_err("read", source)(e)
            } else {
                io_err("write the spool copy of", source)(e)
            });
        }
    };
    let after = open_source(source)
        .map_err(drop)
        .and_then(|f| stamp(&f).map_err(drop));
    if after.as_ref().ok() != Some(&before) || size != before.0 {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::Changed {
            path: source.to_path_buf(),
        });
    }
    if let Err(e) = output.sync_all() {
        let _ = std::fs::remove_file(&temp);
        return Err(io_err("write the spool copy of", source)(e));
    }
    drop(output);
    let sha256 = hex(&digest);
    let path = dir.join(format!("{sha256}.csv"));
    std::fs::rename(&temp, &path).map_err(io_err("write the spool copy of", source))?;
    sync_dir(&dir);
    let source_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Spooled {
        path,
        sha256,
        size,
        source_name,
    })
}

/// Removes spool copies (with their row files, [`rows_path`]) and temporary files left by a
/// crash that are not in `keep`.
/// Returns how many files were removed.
pub fn prune(spool_dir: &Path, keep: &[PathBuf]) -> io::Result<usize> {
    let mut removed = 0;
    let Ok(entities) = std::fs::read_dir(spool_dir) else {
        return Ok(0);
    };
    for entity in entities {
        let entity = entity?;
        if !entity.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(entity.path())? {
            let path = file?.path();
            // A copy's row file (`rows_path`) goes with it.
            let owner = path
                .to_str()
                .and_then(|p| p.strip_suffix(ROWS_SUFFIX))
                .map(PathBuf::from);
            let kept = keep.contains(&path) || owner.is_some_and(|o| keep.contains(&o));
            if !kept && std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// What a spool copy's row file adds to the copy's name.
const ROWS_SUFFIX: &str = ".rows";

/// The row file of the spool copy at `spool`: its published rows' ID and row hashes, for the
/// next snapshot's delta (`validate::delta`). It is pruned with the copy.
pub fn rows_path(spool: &Path) -> PathBuf {
    let mut name = spool.as_os_str().to_owned();
    name.push(ROWS_SUFFIX);
    PathBuf::from(name)
}

/// Writes `bytes` to `path` so that a reader sees the old content or the new, never a mix:
/// a temporary file beside it (`.sheetdrop.<name>.tmp`), synced, then renamed over it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], with the content streamed by `fill` into a buffered writer.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_mode(path, None, fill)
}

/// Like [`write_atomic_with`], the file given the Unix permission bits `mode` (e.g. 0o600)
/// before anything is written to it, whatever the umask; `None` (and other systems): the
/// umask's.
pub fn write_atomic_mode(
    path: &Path,
    mode: Option<u32>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = temp_path(path);
    let result = (|| {
        let file = File::create(&temp)?;
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        #[cfg(not(unix))]
        let _ = mode;
        let mut out = io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    } else {
        sync_dir(dir);
    }
    result
}

/// The temporary file [`write_atomic_with`] fills before renaming it over `path`
/// (`.sheetdrop.<name>.tmp` beside it). A crash can leave it behind; writing `path` again
/// reuses it, and whoever skips that write may remove it.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".sheetdrop.{name}.tmp"))
}

/// [`open_regular`] for [`spool`]'s errors.
fn open_source(source: &Path) -> Result<File, Error> {
    open_regular(source).map_err(|e| match e {
        OpenError::NotAFile(kind) => Error::NotAFile {
            path: source.to_path_buf(),
            kind,
        },
        OpenError::Io(e) => io_err("open", source)(e),
    })
}

/// Turns an `io::Error` into an [`Error::Io`] for `action` on `path`.
fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

/// (size, modification time) of an open file.
fn stamp(file: &File) -> io::Result<(u64, Option<SystemTime>)> {
    let meta = file.metadata()?;
    Ok((meta.len(), meta.modified().ok()))
}

/// Copies `input` to `output`, hashing; the error says whether reading (true) failed.
fn copy_hashing(input: &mut File, output: &mut File) -> Result<(u64, [u8; 32]), (bool, io::Error)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((true, e)),
        };
        hasher.update(&buf[..n]);
        output.write_all(&buf[..n]).map_err(|e| (false, e))?;
        size += n as u64;
    }
    Ok((size, hasher.finalize().into()))
}

/// Lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes a rename in `dir` durable where the OS allows it (Unix; a no-op elsewhere).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spools_a_content_addressed_copy_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("Clientes.CSV");
        std::fs::write(&source, "id\n1\n").unwrap();
        let spooled = spool(&source, &dir.path().join("spool"), "clientes").unwrap();
        // sha256("id\n1\n")
        assert_eq!(spooled.sha256.len(), 64);
        assert_eq!(spooled.size, 5);
        assert_eq!(spooled.source_name, "Clientes.CSV");
        assert_eq!(
            spooled.path,
            dir.path()
                .join("spool/clientes")
                .join(format!("{}.csv", spooled.sha256))
        );
        assert_eq!(std::fs::read(&spooled.path).unwrap(), b"id\n1\n");
        let again = spool(&source, &dir.path().join("spool"), "clientes").unwrap();
        assert_eq!(again, spooled);
        std::fs::write(&source, "id\n2\n").unwrap();
        assert_ne!(
            spool(&source, &dir.path().join("spool"), "clientes")
                .unwrap()
                .sha256,
            spooled.sha256
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("spool/clientes"))
            .unwrap()
            .collect();
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn a_missing_source_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = spool(&dir.path().join("nope.csv"), dir.path(), "x").unwrap_err();
        assert!(err.to_string().contains("nope.csv"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_fifos_and_folders_are_never_read_or_copied() {
        let dir = tempfile::tempdir().unwrap();
        let spool_dir = dir.path().join("spool");
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "TOP-SECRET").unwrap();
        let link = dir.path().join("clientes.csv");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let fifo = dir.path().join("ventas.csv");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let folder = dir.path().join("unidades.csv");
        std::fs::create_dir(&folder).unwrap();
        for (path, kind) in [
            (&link, FileKind::Symlink),
            (&fifo, FileKind::Fifo),
            (&folder, FileKind::Directory),
        ] {
            // A FIFO without a writer would block a plain open: this returns at once.
            match spool(path, &spool_dir, "x") {
                Err(Error::NotAFile { kind: k, .. }) => assert_eq!(k, kind, "{path:?}"),
                other => panic!("{path:?}: {other:?}"),
            }
        }
        assert!(!spool_dir.exists(), "nothing written to the spool");
        assert!(matches!(
            open_regular(Path::new("/dev/zero")),
            Err(OpenError::NotAFile(FileKind::Device))
        ));
        assert!(matches!(
            open_regular(&dir.path().join("none.csv")),
            Err(OpenError::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
    }

    #[test]
    fn the_log_says_whether_reading_the_file_or_writing_the_spool_failed() {
        let dir = tempfile::tempdir().unwrap();
        let err = spool(&dir.path().join("nope.csv"), dir.path(), "x").unwrap_err();
        assert_eq!(err.failure(), "cannot read the file");
        let source = dir.path().join("a.csv");
        std::fs::write(&source, "abc").unwrap();
        // The temporary copy's name is taken by a folder: the spool cannot be written.
        let spool_dir = dir.path().join("spool");
        std::fs::create_dir_all(
            spool_dir
                .join("a")
                .join(format!(".sheetdrop.{}.tmp", std::process::id())),
        )
        .unwrap();
        let err = spool(&source, &spool_dir, "a").unwrap_err();
        assert_eq!(err.failure(), "cannot write the spool copy", "{err}");
    }

    #[test]
    fn known_digest() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("a.csv");
        std::fs::write(&source, "abc").unwrap();
        let s = spool(&source, dir.path(), "a").unwrap();
        assert_eq!(
            s.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn prune_keeps_only_what_is_listed() {
        let dir = tempfile::tempdir().unwrap();
        let spool_dir = dir.path().join("spool");
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "1").unwrap();
        let one = spool(&a, &spool_dir, "a").unwrap();
        std::fs::write(&a, "2").unwrap();
        let two = spool(&a, &spool_dir, "a").unwrap();
        std::fs::write(spool_dir.join("a/.sheetdrop.1.tmp"), "half").unwrap();
        std::fs::write(rows_path(&one.path), "rows").unwrap();
        std::fs::write(rows_path(&two.path), "rows").unwrap();
        assert_eq!(
            prune(&spool_dir, std::slice::from_ref(&two.path)).unwrap(),
            3
        );
        assert!(!one.path.exists());
        assert!(!rows_path(&one.path).exists());
        assert!(two.path.exists());
        assert!(rows_path(&two.path).exists());
    }

    #[test]
    fn write_atomic_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new content").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new content");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A failing writer leaves the old file and no temporary one.
        let err = write_atomic_with(&path, |_| Err(io::Error::other("boom"))).unwrap_err();
        assert_eq!(err.to_string(), "boom");
        assert_eq!(std::fs::read(&path).unwrap(), b"new content");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

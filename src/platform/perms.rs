//! Who may read what sheetdrop writes. The data dir holds the clients' data (names, national
//! IDs, e-mails in the spool, the state store, the logs and the report), so it and everything
//! in it are the owner's only: on Unix directories 0700 and files 0600. The process's umask
//! is set to 0o077 at start ([`restrict_umask`]), so that whatever creates a file — SQLite
//! and its `-wal`/`-shm`/`-journal`, the log appender at each rotation, the spool, the lock —
//! creates it owner-only, and [`make_private`] repairs a data dir an older version left
//! world-readable (without following symlinks). The local destination's folder is the
//! user's: what is published there gets the mode the original umask gives
//! ([`shared_file_mode`], e.g. 0644 under umask 022), or [`OUTBOX_UMASK_VAR`]'s (the systemd
//! unit's `UMask=0077` is the whole process's, so it names 0022 there, as before).
//!
//! On Windows the per-user data dir (`%LOCALAPPDATA%`) is already the user's; the
//! system-wide one under `%ProgramData%` inherits "Users may read" from it, so
//! [`restrict_system_dir`] gives it an ACL of its own (SYSTEM, Administrators and the
//! installing user) with `icacls`. That path was neither compiled for Windows nor run when
//! it was written (no Windows host, no Windows target installed): only the arguments it
//! passes are tested, on every OS.

use std::io;
use std::path::{Path, PathBuf};

/// The umask for what is written for others (the outbox), once [`restrict_umask`] replaced
/// the process's: the one it started with, or [`OUTBOX_UMASK_VAR`]'s.
static SHARED_UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// The environment variable that sets the umask of what the agent writes for others (the
/// outbox's files, and the outbox or watched folder when it creates them), in octal, e.g.
/// `0022`. Unset, it is the umask the process started with. The systemd unit sets it, since
/// its `UMask=0077` is the whole process's.
pub const OUTBOX_UMASK_VAR: &str = "SHEETDROP_OUTBOX_UMASK";

/// Sets the process's umask to 0o077 (files 0600, directories 0700 whoever creates them)
/// and remembers the original one (or [`OUTBOX_UMASK_VAR`]'s) for [`shared_file_mode`]. Call
/// it once at start, before threads create files; calling it again changes nothing. A no-op
/// on non-Unix systems.
pub fn restrict_umask() {
    #[cfg(unix)]
    {
        SHARED_UMASK.get_or_init(|| {
            // SAFETY: umask only swaps the process's file mode creation mask.
            let original = unsafe { libc::umask(0o077) };
            // mode_t is u32 on Linux, u16 on macOS.
            #[allow(clippy::useless_conversion)]
            let original = u32::from(original);
            shared_umask(original, std::env::var(OUTBOX_UMASK_VAR).ok().as_deref())
        });
    }
}

/// The umask for the outbox: `setting` ([`OUTBOX_UMASK_VAR`], octal) when it is one, else
/// the process's `original` umask.
#[cfg(unix)]
fn shared_umask(original: u32, setting: Option<&str>) -> u32 {
    setting
        .and_then(|text| u32::from_str_radix(text.trim(), 8).ok())
        .filter(|umask| *umask <= 0o777)
        .unwrap_or(original)
}

/// The mode a file shared with others (the local destination's) would have had under the
/// original umask (0o666 minus it, or minus [`OUTBOX_UMASK_VAR`]'s), when [`restrict_umask`]
/// changed the umask; `None` when it did not (the current umask already gives that mode),
/// and on non-Unix systems.
pub fn shared_file_mode() -> Option<u32> {
    SHARED_UMASK.get().map(|umask| 0o666 & !umask)
}

/// Like [`shared_file_mode`], for a directory (0o777 minus the original umask).
pub fn shared_dir_mode() -> Option<u32> {
    SHARED_UMASK.get().map(|umask| 0o777 & !umask)
}

/// Creates `dir` and its missing parents the way the user's own tools would (the original
/// umask's mode, see [`shared_dir_mode`]): for folders that are the user's, not sheetdrop's
/// (the watched folder, the local destination's folder).
pub fn create_shared_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_shared_dir_all(parent)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => set_mode(dir, shared_dir_mode()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates `dir` (and its missing parents) owner-only: 0700 on Unix.
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR);
    builder.create(dir)
}

/// Gives `path` the Unix permission bits `mode` (`None`, and on other systems: unchanged).
pub fn set_mode(path: &Path, mode: Option<u32>) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        return std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
    let _ = (path, mode);
    Ok(())
}

/// A directory of the data dir: the owner's only.
pub const PRIVATE_DIR: u32 = 0o700;
/// A file of the data dir: the owner's only.
pub const PRIVATE_FILE: u32 = 0o600;
/// The data dir itself when a folder others use (the system-wide default watched folder or
/// outbox, `/var/lib/sheetdrop/exportaciones`) lies inside it: others may pass through to
/// that folder, but not list or read anything else.
pub const PRIVATE_DIR_PASSED_THROUGH: u32 = 0o711;

/// What [`make_private`] did.
#[derive(Debug, Default)]
pub struct Repair {
    /// How many directories and files it had to restrict.
    pub changed: usize,
    /// The ones it could not, and why.
    pub failed: Vec<(PathBuf, io::Error)>,
}

impl Repair {
    /// Logs what was repaired and what could not be (nothing when all was already right).
    pub fn log(&self, root: &Path) {
        if self.changed > 0 {
            tracing::info!(
                data_dir = %root.display(),
                changed = self.changed,
                "data dir made readable by its owner only"
            );
        }
        for (path, error) in &self.failed {
            tracing::warn!(path = %path.display(), %error, "cannot make this owner-only");
        }
    }
}

/// Makes the data dir `root` and everything in it the owner's only (Unix: directories 0700,
/// files and anything else 0600), creating `root` when missing. Symlinks are neither followed
/// nor changed; the folders in `keep` (the watched folder and the outbox, when the config
/// puts them inside the data dir) and what is in them keep their modes, and `root` is then
/// [`PRIVATE_DIR_PASSED_THROUGH`] so that others can still reach them. A `root` that already
/// is [`PRIVATE_DIR`] (and needs to be) is not walked: nothing in it is reachable by others.
/// On Windows it only creates `root` (see [`restrict_system_dir`]).
pub fn make_private(root: &Path, keep: &[PathBuf]) -> Repair {
    let mut repair = Repair::default();
    if let Err(e) = create_private_dir_all(root) {
        repair.failed.push((root.to_path_buf(), e));
        return repair;
    }
    #[cfg(unix)]
    {
        let base = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let keep: Vec<PathBuf> = keep.iter().filter_map(|k| k.canonicalize().ok()).collect();
        let passed_through = keep.iter().any(|k| k != &base && k.starts_with(&base));
        let root_mode = if passed_through {
            PRIVATE_DIR_PASSED_THROUGH
        } else {
            PRIVATE_DIR
        };
        if !keep.contains(&base) {
            // A root already the owner's only (0700) lets no one else reach what is in it
            // (with the umask of `restrict_umask`, all the agent creates is private anyway):
            // the tree is walked only when the root was open or others pass through it.
            let closed = root_mode == PRIVATE_DIR && mode_of(&base) == Some(PRIVATE_DIR);
            restrict(&base, root_mode, &mut repair);
            if !closed {
                walk(&base, &keep, 0, &mut repair);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = keep;
    repair
}

/// How deep [`make_private`] goes (the data dir's tree is three levels deep).
#[cfg(unix)]
const MAX_DEPTH: usize = 32;

/// Restricts what is in `dir`, depth first, without following symlinks.
#[cfg(unix)]
fn walk(dir: &Path, keep: &[PathBuf], depth: usize, repair: &mut Repair) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return repair.failed.push((dir.to_path_buf(), e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() || keep.contains(&path) {
            continue;
        }
        if kind.is_dir() {
            restrict(&path, PRIVATE_DIR, repair);
            if depth < MAX_DEPTH {
                walk(&path, keep, depth + 1, repair);
            }
        } else {
            restrict(&path, PRIVATE_FILE, repair);
        }
    }
}

/// The permission bits of `path` itself (a symlink is not followed), if it can be read.
#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::symlink_metadata(path).ok()?;
    Some(meta.permissions().mode() & 0o7777)
}

/// Gives `path` (not a symlink) `mode` unless it has it.
#[cfg(unix)]
fn restrict(path: &Path, mode: u32, repair: &mut Repair) {
    use std::os::unix::fs::PermissionsExt;
    let current = match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_symlink() => meta.permissions().mode() & 0o7777,
        Ok(_) => return,
        Err(e) => return repair.failed.push((path.to_path_buf(), e)),
    };
    if current == mode {
        return;
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
        Ok(()) => repair.changed += 1,
        Err(e) => repair.failed.push((path.to_path_buf(), e)),
    }
}

/// The `icacls` arguments that give `dir` an ACL of its own (inheritance from
/// `%ProgramData%` removed) granting full control to SYSTEM (S-1-5-18), Administrators
/// (S-1-5-32-544) and `user` when given (`DOMAIN\name`), inherited by everything in it.
pub fn system_dir_acl_args(dir: &Path, user: Option<&str>) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec![dir.as_os_str().to_owned()];
    for arg in [
        "/inheritance:r",
        "/grant:r",
        "*S-1-5-18:(OI)(CI)F",
        "*S-1-5-32-544:(OI)(CI)F",
    ] {
        args.push(arg.into());
    }
    if let Some(user) = user.filter(|u| !u.is_empty()) {
        args.push(format!("{user}:(OI)(CI)F").into());
    }
    args
}

/// Windows: restricts the system-wide data dir `dir` to SYSTEM, Administrators and `user`
/// (the one installing the service), running `icacls` with [`system_dir_acl_args`] (its
/// arguments, never a shell line). `/grant:r` replaces only the listed accounts' entries, so
/// running it again without `user` keeps the one granted at install. Elsewhere a no-op:
/// [`make_private`] does the job there.
/// Never run on a real Windows host by its author (see the module's doc).
pub fn restrict_system_dir(dir: &Path, user: Option<&str>) -> io::Result<()> {
    #[cfg(windows)]
    {
        let output = std::process::Command::new("icacls")
            .args(system_dir_acl_args(dir, user))
            .output()?;
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stdout).trim().to_string();
            return Err(io::Error::other(format!(
                "icacls exited with {}: {said}",
                output.status
            )));
        }
    }
    #[cfg(not(windows))]
    let _ = (dir, user);
    Ok(())
}

/// The user running this process as `DOMAIN\name` (Windows' `USERDOMAIN` and `USERNAME`), for
/// [`restrict_system_dir`]; `None` when unknown.
pub fn current_windows_user() -> Option<String> {
    let name = std::env::var("USERNAME").ok().filter(|n| !n.is_empty())?;
    Some(match std::env::var("USERDOMAIN") {
        Ok(domain) if !domain.is_empty() => format!("{domain}\\{name}"),
        _ => name,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn an_open_data_dir_is_closed_without_following_links() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("data");
        let outside = tmp.path().join("outside.txt");
        std::fs::write(&outside, "x").unwrap();
        chmod(&outside, 0o644);
        std::fs::create_dir_all(root.join("spool/clientes")).unwrap();
        std::fs::write(root.join("spool/clientes/a.csv"), "x").unwrap();
        std::fs::write(root.join("state.sqlite"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("link")).unwrap();
        for path in [&root, &root.join("spool"), &root.join("spool/clientes")] {
            chmod(path, 0o755);
        }
        chmod(&root.join("state.sqlite"), 0o644);
        chmod(&root.join("spool/clientes/a.csv"), 0o644);

        let repair = make_private(&root, &[]);
        assert!(repair.failed.is_empty(), "{:?}", repair.failed);
        assert_eq!(repair.changed, 5);
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&root.join("spool")), 0o700);
        assert_eq!(mode(&root.join("spool/clientes")), 0o700);
        assert_eq!(mode(&root.join("spool/clientes/a.csv")), 0o600);
        assert_eq!(mode(&root.join("state.sqlite")), 0o600);
        // The link's target is not the data dir's: left alone.
        assert_eq!(mode(&outside), 0o644);
        // A second pass finds nothing to do.
        assert_eq!(make_private(&root, &[]).changed, 0);
    }

    #[test]
    fn folders_others_use_inside_the_data_dir_keep_their_modes() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("data");
        let watched = root.join("exportaciones");
        std::fs::create_dir_all(&watched).unwrap();
        std::fs::write(watched.join("clientes.csv"), "x").unwrap();
        chmod(&watched, 0o775);
        chmod(&watched.join("clientes.csv"), 0o664);
        std::fs::write(root.join("report.html"), "x").unwrap();
        chmod(&root.join("report.html"), 0o644);

        make_private(&root, &[watched.clone(), tmp.path().join("elsewhere")]);
        assert_eq!(mode(&root), PRIVATE_DIR_PASSED_THROUGH);
        assert_eq!(mode(&root.join("report.html")), 0o600);
        assert_eq!(mode(&watched), 0o775);
        assert_eq!(mode(&watched.join("clientes.csv")), 0o664);
    }

    #[test]
    fn a_missing_data_dir_is_created_owner_only() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("a/b");
        assert!(make_private(&root, &[]).failed.is_empty());
        assert_eq!(mode(&root), 0o700);
    }

    #[test]
    fn the_outbox_umask_is_the_original_unless_set() {
        assert_eq!(shared_umask(0o022, None), 0o022);
        assert_eq!(shared_umask(0o077, Some("0022")), 0o022);
        assert_eq!(shared_umask(0o077, Some(" 027 ")), 0o027);
        for bad in ["", "9", "0o22", "1000", "-1"] {
            assert_eq!(shared_umask(0o077, Some(bad)), 0o077, "{bad:?}");
        }
    }

    #[test]
    fn the_windows_acl_keeps_out_everyone_but_system_admins_and_the_installer() {
        let args =
            system_dir_acl_args(Path::new(r"C:\ProgramData\sheetdrop\data"), Some("PC\\ana"));
        let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
        assert_eq!(
            args,
            [
                r"C:\ProgramData\sheetdrop\data",
                "/inheritance:r",
                "/grant:r",
                "*S-1-5-18:(OI)(CI)F",
                "*S-1-5-32-544:(OI)(CI)F",
                "PC\\ana:(OI)(CI)F",
            ]
        );
        assert_eq!(system_dir_acl_args(Path::new("d"), None).len(), 5);
    }
}

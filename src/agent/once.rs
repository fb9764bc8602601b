//! `sheetdrop run --once`: wait until the files in the folder have settled, then one pass.
//!
//! A file still being written is never read: the wait is bounded ([`once_wait`]: `settle`
//! × 20, at most [`MAX_ONCE_WAIT`]), and a file still changing then is left out, said in its
//! entity's status, and makes the run exit 1.

use crate::watch::What;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The longest `run --once` waits for files to settle, whatever `settle_seconds` says.
pub const MAX_ONCE_WAIT: Duration = Duration::from_secs(10 * 60);

/// What [`settled_files`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    /// Entity entries to process: regular files unchanged for `settle`, and entries that are
    /// not regular files (never opened; the pass refuses them).
    pub ready: Vec<PathBuf>,
    /// Regular files still changing when the wait ended: not to be read.
    pub unsettled: Vec<PathBuf>,
}

/// How long `run --once` waits at most for files to settle: `settle` × 20, capped at
/// [`MAX_ONCE_WAIT`] (never an overflow, whatever `settle` is).
pub fn once_wait(settle: Duration) -> Duration {
    settle.saturating_mul(20).min(MAX_ONCE_WAIT)
}

/// The entries directly in `folder` that are not temporary and that `wanted` accepts (entity
/// files), once none of the regular files among them has changed for `settle`, or once
/// [`once_wait`] has passed: those still changing then are `unsettled`, never to be read.
/// Links are followed only into `follow_in` (`watch::follow_root`); other links, FIFOs,
/// folders and devices are `ready` at once, as what they are (nothing is opened here).
pub fn settled_files(
    folder: &Path,
    settle: Duration,
    follow_in: Option<&Path>,
    wanted: impl Fn(&str) -> bool,
) -> std::io::Result<Settled> {
    let start = Instant::now();
    let wait = once_wait(settle);
    loop {
        let seen = stat_all(folder, follow_in, &wanted)?;
        let now = SystemTime::now();
        // A write updates the modification time, so "unchanged for `settle`" is "modified at
        // least `settle` ago" (a clock set back makes a file look new: it waits, no harm).
        let age = |modified: &Option<SystemTime>| {
            modified.map(|m| now.duration_since(m).unwrap_or_default())
        };
        let youngest = seen.iter().filter_map(|(_, m)| age(m)).min();
        let waited = start.elapsed();
        match youngest {
            Some(young) if young < settle && waited < wait => {
                let nap = (settle - young)
                    .min(wait - waited)
                    .min(Duration::from_secs(1));
                std::thread::sleep(nap.max(Duration::from_millis(10)));
            }
            _ => {
                let mut out = Settled::default();
                for (path, modified) in seen {
                    match age(&modified) {
                        Some(young) if young < settle => out.unsettled.push(path),
                        _ => out.ready.push(path),
                    }
                }
                return Ok(out);
            }
        }
    }
}

/// Every non-temporary entry directly in `folder` that `wanted` accepts, in path order, with
/// the modification time of a regular file (or followed link); `None` for an entry that is
/// not a regular file (no settling: it is never read).
fn stat_all(
    folder: &Path,
    follow_in: Option<&Path>,
    wanted: &impl Fn(&str) -> bool,
) -> std::io::Result<Vec<(PathBuf, Option<SystemTime>)>> {
    let mut out: Vec<_> = crate::watch::entries(folder, follow_in, wanted)?
        .into_iter()
        .map(|found| {
            let modified = matches!(found.what, What::File { .. }).then_some(found.modified);
            (found.path, modified)
        })
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_files_are_settled_at_once_and_temp_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("clientes.csv");
        std::fs::write(&a, "a\n").unwrap();
        std::fs::write(dir.path().join("~$clientes.csv"), "x").unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&a)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let start = std::time::Instant::now();
        std::fs::write(
            dir.path().join("notes.txt"),
            "fresh, but not an entity file",
        )
        .unwrap();
        let wanted = |name: &str| name.ends_with(".csv");
        let found = settled_files(dir.path(), Duration::from_secs(5), None, wanted).unwrap();
        assert_eq!(found.ready, vec![a]);
        assert!(found.unsettled.is_empty());
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_fresh_file_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ventas.csv"), "a\n").unwrap();
        let start = std::time::Instant::now();
        let files = settled_files(dir.path(), Duration::from_millis(300), None, |_| true).unwrap();
        assert_eq!(files.ready.len(), 1);
        assert!(start.elapsed() >= Duration::from_millis(250));
    }

    #[test]
    fn the_wait_is_bounded_and_never_overflows() {
        assert_eq!(once_wait(Duration::from_secs(3)), Duration::from_secs(60));
        assert_eq!(once_wait(Duration::from_secs(u64::MAX)), MAX_ONCE_WAIT);
        assert_eq!(once_wait(Duration::MAX), MAX_ONCE_WAIT);
        assert_eq!(once_wait(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn a_file_written_without_end_is_left_out_not_returned() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("clientes.csv");
        std::fs::write(&old, "a\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(60))
            .unwrap();
        let busy = dir.path().join("ventas.csv");
        std::fs::write(&busy, "a\n").unwrap();
        // Modified in the future: it looks young whatever the wait (a writer at work).
        std::fs::File::options()
            .write(true)
            .open(&busy)
            .unwrap()
            .set_modified(SystemTime::now() + Duration::from_secs(3600))
            .unwrap();
        let files = settled_files(dir.path(), Duration::from_millis(50), None, |_| true).unwrap();
        assert_eq!(files.ready, vec![old]);
        assert_eq!(files.unsettled, vec![busy]);
    }

    #[cfg(unix)]
    #[test]
    fn entries_that_are_not_files_are_ready_at_once_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("clientes.csv");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let files = settled_files(dir.path(), Duration::from_secs(3600), None, |_| true).unwrap();
        assert_eq!(files.ready, vec![fifo]);
    }
}

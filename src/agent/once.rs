//! `sheetdrop run --once`: wait until the files in the folder have settled, then one pass.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The files directly in `folder` that are not temporary and that `wanted` accepts (entity
/// files), once none of them has changed for `settle`: a file still being written is never
/// read. Gives up waiting after `settle` × 20
/// and returns the files as they are then (the pass spools them, and a file that changes while
/// it is copied is skipped).
pub fn settled_files(
    folder: &Path,
    settle: Duration,
    wanted: impl Fn(&str) -> bool,
) -> std::io::Result<Vec<PathBuf>> {
    let deadline = SystemTime::now() + settle * 20;
    loop {
        let seen = stat_all(folder, &wanted)?;
        let now = SystemTime::now();
        // A write updates the modification time, so "unchanged for `settle`" is "modified at
        // least `settle` ago" (a clock set back makes a file look new: it waits, no harm).
        let youngest = seen
            .iter()
            .map(|(_, _, modified)| now.duration_since(*modified).unwrap_or_default())
            .min();
        match youngest {
            Some(age) if age < settle && now < deadline => std::thread::sleep(settle - age),
            _ => return Ok(seen.into_iter().map(|(path, _, _)| path).collect()),
        }
    }
}

/// (path, size, modified) of every regular, non-temporary file directly in `folder`.
fn stat_all(
    folder: &Path,
    wanted: &impl Fn(&str) -> bool,
) -> std::io::Result<Vec<(PathBuf, u64, SystemTime)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if crate::watch::is_temporary(&name) || !wanted(&name) {
            continue;
        }
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            continue;
        };
        if meta.is_file() {
            out.push((
                entry.path(),
                meta.len(),
                meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            ));
        }
    }
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
        assert_eq!(
            settled_files(dir.path(), Duration::from_secs(5), wanted).unwrap(),
            vec![a]
        );
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_fresh_file_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ventas.csv"), "a\n").unwrap();
        let start = std::time::Instant::now();
        let files = settled_files(dir.path(), Duration::from_millis(300), |_| true).unwrap();
        assert_eq!(files.len(), 1);
        assert!(start.elapsed() >= Duration::from_millis(250));
    }
}

//! When is a file finished? The settle tracker, a pure state machine over what scans saw.
//!
//! A file is *settled* once its (size, mtime) has stayed the same for `settle` since it was
//! first seen that way. Each distinct (size, mtime) of a file is returned once: a file that
//! changes again later is returned again once it settles again. The clock is injected (every
//! call takes `now`), so the timing is tested without sleeping; the only I/O here is
//! [`readable`], kept apart so the tracker stays pure.
//!
//! # Batching
//! Entity files exported together (a parent and its children) must be read together, so a
//! child is checked against the parent that arrived with it. [`Settler::settled_batch`]
//! releases files in batches by this rule:
//!
//! - A file is *ready* when it has settled and the caller's `ready` check (normally
//!   [`readable`]) passes; every other file that changed and has not been returned yet is
//!   *pending*.
//! - While some file is pending, ready files are held back, so they leave together with it.
//! - Nobody waits forever behind a file written without end (or locked for good): once the
//!   file that has been ready the longest has been held for `max_hold` (5 × `settle` unless
//!   set with [`Settler::with_max_hold`]), every ready file is released anyway; the pending
//!   ones follow in a later batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// True when `path` can be opened for reading now.
///
/// On Windows a file still being written is usually locked by its writer, so opening it fails
/// and the file is not ready yet; on unix this just opens (and closes) it. Meant as the
/// `ready` check of [`Settler::settled_batch`]. Meant for regular files; on unix the open
/// does not block, so a file swapped for a FIFO meanwhile cannot hang the watcher.
pub fn readable(path: &Path) -> bool {
    open_nonblocking(path).is_ok()
}

/// Opens `path` for reading; on unix without blocking (a FIFO without a writer would block
/// a plain open). Links are followed: call it on paths already looked at.
pub fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What the tracker knows of one file.
#[derive(Debug, Clone)]
struct Seen {
    size: u64,
    mtime: SystemTime,
    /// When this (size, mtime) was first seen.
    since: Instant,
    /// This (size, mtime) has been returned already.
    released: bool,
}

/// Tracks the files of one folder and says which have settled; see the module doc.
#[derive(Debug, Clone)]
pub struct Settler {
    settle: Duration,
    max_hold: Duration,
    files: BTreeMap<PathBuf, Seen>,
}

impl Settler {
    /// A tracker for which a file is settled after `settle` without change; ready files are
    /// held back for a batch at most 5 × `settle`.
    pub fn new(settle: Duration) -> Settler {
        Settler {
            settle,
            max_hold: settle.saturating_mul(5),
            files: BTreeMap::new(),
        }
    }

    /// Sets how long [`settled_batch`](Self::settled_batch) may hold a ready file back while
    /// others are still pending.
    pub fn with_max_hold(mut self, max_hold: Duration) -> Settler {
        self.max_hold = max_hold;
        self
    }

    /// How long a file must stay unchanged to be settled.
    pub fn settle(&self) -> Duration {
        self.settle
    }

    /// Records that a scan (or an event) saw `path` with this size and mtime at `now`.
    ///
    /// The same (size, mtime) as before changes nothing; anything else restarts the file's
    /// settle timer and makes it due to be returned again.
    pub fn observe(&mut self, path: &Path, size: u64, mtime: SystemTime, now: Instant) {
        let seen = Seen {
            size,
            mtime,
            since: now,
            released: false,
        };
        match self.files.get_mut(path) {
            Some(old) if old.size == size && old.mtime == mtime => {}
            Some(old) => *old = seen,
            None => {
                self.files.insert(path.to_path_buf(), seen);
            }
        }
    }

    /// Forgets `path` (the file disappeared): if it comes back, it is a new file.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }

    /// Keeps only the files for which `keep` is true (a full rescan forgets what it did
    /// not find).
    pub fn retain(&mut self, mut keep: impl FnMut(&Path) -> bool) {
        self.files.retain(|path, _| keep(path));
    }

    /// The files seen changed and not returned yet (still settling, held back, or not
    /// readable), in path order.
    pub fn waiting(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .filter(|(_, seen)| !seen.released)
            .map(|(path, _)| path.as_path())
    }

    /// The earliest instant at which a waiting file's settle time ends, or `None` when no
    /// file is waiting. It may be in the past, when a file has settled but is held back or
    /// not readable: the caller then checks again after a short tick.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.files
            .values()
            .filter(|seen| !seen.released)
            .filter_map(|seen| seen.since.checked_add(self.settle))
            .min()
    }

    /// Returns, in path order, every file settled at `now` and not returned yet for its
    /// current (size, mtime), and marks them returned. No batching, no readability check.
    pub fn settled(&mut self, now: Instant) -> Vec<PathBuf> {
        let settle = self.settle;
        let mut out = Vec::new();
        for (path, seen) in &mut self.files {
            if !seen.released && now.saturating_duration_since(seen.since) >= settle {
                seen.released = true;
                out.push(path.clone());
            }
        }
        out
    }

    /// Like [`settled`](Self::settled), with batching (see the module doc): returns the ready
    /// files, in path order, or nothing while they are held back for a pending one. `ready`
    /// is asked only about settled files; one that fails it counts as pending.
    pub fn settled_batch(
        &mut self,
        now: Instant,
        mut ready: impl FnMut(&Path) -> bool,
    ) -> Vec<PathBuf> {
        let settle = self.settle;
        let mut batch = Vec::new();
        let mut pending = false;
        let mut longest_held = Duration::ZERO;
        for (path, seen) in &self.files {
            if seen.released {
                continue;
            }
            let age = now.saturating_duration_since(seen.since);
            if age >= settle && ready(path) {
                longest_held = longest_held.max(age - settle);
                batch.push(path.clone());
            } else {
                pending = true;
            }
        }
        if batch.is_empty() || (pending && longest_held < self.max_hold) {
            return Vec::new();
        }
        for path in &batch {
            if let Some(seen) = self.files.get_mut(path) {
                seen.released = true;
            }
        }
        batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTLE: Duration = Duration::from_secs(3);

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn mtime(n: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + n)
    }

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    fn all_ready(_: &Path) -> bool {
        true
    }

    #[test]
    fn a_file_settles_after_the_settle_time_and_is_returned_once() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        let a = Path::new("a.csv");
        s.observe(a, 10, mtime(0), t0);
        assert!(s.settled(t0).is_empty());
        // Rescans that see the same thing do not restart the timer.
        s.observe(a, 10, mtime(0), t0 + ms(1000));
        s.observe(a, 10, mtime(0), t0 + ms(2000));
        assert!(s.settled(t0 + ms(2999)).is_empty());
        assert_eq!(s.settled(t0 + ms(3000)), paths(&["a.csv"]));
        assert!(s.settled(t0 + ms(3001)).is_empty());
        s.observe(a, 10, mtime(0), t0 + ms(10_000));
        assert!(s.settled(t0 + ms(60_000)).is_empty());
        assert_eq!(s.waiting().count(), 0);
    }

    #[test]
    fn a_change_restarts_the_timer_and_the_file_is_returned_again() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        let a = Path::new("a.csv");
        s.observe(a, 10, mtime(0), t0);
        s.observe(a, 20, mtime(1), t0 + ms(2000));
        assert!(s.settled(t0 + ms(3000)).is_empty());
        assert!(s.settled(t0 + ms(4999)).is_empty());
        assert_eq!(s.settled(t0 + ms(5000)), paths(&["a.csv"]));
        // Rewritten later with the same size: the mtime alone makes it new.
        s.observe(a, 20, mtime(9), t0 + ms(20_000));
        assert_eq!(s.waiting().collect::<Vec<_>>(), vec![a]);
        assert!(s.settled(t0 + ms(22_000)).is_empty());
        assert_eq!(s.settled(t0 + ms(23_000)), paths(&["a.csv"]));
    }

    #[test]
    fn a_file_that_keeps_growing_is_never_returned_until_it_stops() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        let a = Path::new("a.csv");
        let mut last = t0;
        for i in 0..60u64 {
            last = t0 + ms(i * 1000);
            s.observe(a, i * 100, mtime(i), last);
            assert!(
                s.settled(last).is_empty(),
                "returned while growing, step {i}"
            );
        }
        assert!(s.settled(last + ms(2999)).is_empty());
        assert_eq!(s.settled(last + SETTLE), paths(&["a.csv"]));
    }

    #[test]
    fn a_forgotten_file_that_comes_back_is_new() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        let a = Path::new("a.csv");
        s.observe(a, 10, mtime(0), t0);
        assert_eq!(s.settled(t0 + SETTLE), paths(&["a.csv"]));
        s.forget(a);
        assert_eq!(s.next_deadline(), None);
        s.observe(a, 10, mtime(0), t0 + ms(10_000));
        assert_eq!(s.next_deadline(), Some(t0 + ms(13_000)));
        assert_eq!(s.settled(t0 + ms(13_000)), paths(&["a.csv"]));

        s.observe(Path::new("b.csv"), 1, mtime(0), t0);
        s.retain(|p| p != Path::new("b.csv"));
        assert!(s.settled(t0 + ms(60_000)).is_empty());
    }

    #[test]
    fn next_deadline_is_the_earliest_settle_end_of_waiting_files() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        assert_eq!(s.next_deadline(), None);
        s.observe(Path::new("b.csv"), 1, mtime(0), t0 + ms(500));
        s.observe(Path::new("a.csv"), 1, mtime(0), t0 + ms(1000));
        assert_eq!(s.next_deadline(), Some(t0 + ms(3500)));
        s.settled(t0 + ms(3500));
        assert_eq!(s.next_deadline(), Some(t0 + ms(4000)));
    }

    #[test]
    fn settled_files_wait_for_a_file_that_changed_with_them() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        s.observe(Path::new("clientes.csv"), 100, mtime(0), t0);
        s.observe(Path::new("ventas.csv"), 10, mtime(0), t0 + ms(500));
        s.observe(Path::new("ventas.csv"), 20, mtime(1), t0 + ms(1500));
        // clientes settled at 3 s, ventas is still being written: hold clientes back.
        assert!(s.settled_batch(t0 + ms(3000), all_ready).is_empty());
        assert!(s.settled_batch(t0 + ms(4499), all_ready).is_empty());
        assert_eq!(
            s.settled_batch(t0 + ms(4500), all_ready),
            paths(&["clientes.csv", "ventas.csv"])
        );
        assert!(s.settled_batch(t0 + ms(9000), all_ready).is_empty());
    }

    #[test]
    fn a_lone_settled_file_is_released_at_once() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        s.observe(Path::new("a.csv"), 1, mtime(0), t0);
        s.observe(Path::new("b.csv"), 1, mtime(0), t0);
        assert_eq!(
            s.settled_batch(t0 + SETTLE, all_ready),
            paths(&["a.csv", "b.csv"])
        );
        // Later, only b changes: it goes alone, a (returned, unchanged) holds nothing.
        s.observe(Path::new("b.csv"), 2, mtime(1), t0 + ms(10_000));
        assert_eq!(
            s.settled_batch(t0 + ms(13_000), all_ready),
            paths(&["b.csv"])
        );
    }

    #[test]
    fn the_hold_cap_releases_settled_files_while_another_keeps_changing() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE); // cap 5 × 3 s = 15 s after settling
        s.observe(Path::new("clientes.csv"), 100, mtime(0), t0);
        let mut released = Vec::new();
        for i in 0..40u64 {
            let now = t0 + ms(i * 500);
            s.observe(Path::new("log.csv"), i, mtime(i), now);
            let batch = s.settled_batch(now, all_ready);
            if !batch.is_empty() {
                released.push((now, batch));
            }
        }
        // clientes settled at 3 s, held 15 s, released at 18 s without the growing file.
        assert_eq!(released, vec![(t0 + ms(18_000), paths(&["clientes.csv"]))]);
        assert_eq!(s.waiting().collect::<Vec<_>>(), vec![Path::new("log.csv")]);
    }

    #[test]
    fn the_hold_cap_can_be_set() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE).with_max_hold(ms(1000));
        s.observe(Path::new("a.csv"), 1, mtime(0), t0);
        s.observe(Path::new("b.csv"), 1, mtime(0), t0 + ms(60_000));
        assert!(s.settled_batch(t0 + ms(3999), all_ready).is_empty());
        assert_eq!(s.settled_batch(t0 + ms(4000), all_ready), paths(&["a.csv"]));
    }

    #[test]
    fn an_unreadable_file_is_not_released_and_holds_the_others_back() {
        let t0 = Instant::now();
        let mut s = Settler::new(SETTLE);
        s.observe(Path::new("a.csv"), 1, mtime(0), t0);
        s.observe(Path::new("locked.csv"), 1, mtime(0), t0);
        let locked_until = t0 + ms(5000);
        let mut at = |now: Instant| {
            s.settled_batch(now, |p: &Path| {
                p != Path::new("locked.csv") || now >= locked_until
            })
        };
        assert!(at(t0 + ms(3000)).is_empty());
        assert!(at(t0 + ms(4000)).is_empty());
        assert_eq!(at(t0 + ms(5000)), paths(&["a.csv", "locked.csv"]));
    }

    #[test]
    fn readable_opens_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        assert!(!readable(&path));
        std::fs::write(&path, "id\n1\n").unwrap();
        assert!(readable(&path));
    }
}

//! The live watcher: `notify` events plus a periodic full rescan, feeding a [`Settler`].
//!
//! Events are only hints: any event about a path in the folder means "stat that path again";
//! the settle tracker decides. A rename into the folder is a new path, a removed file is
//! forgotten. Network shares and some editors lose events, so the whole folder is also
//! rescanned at start-up, every `rescan` interval and on [`Watcher::rescan_now`]; files that
//! are still settling are stat'ed again at every wake-up, so a lost event never releases a
//! file early. When the native watcher cannot start (or the folder is a UNC network path),
//! a `notify::PollWatcher` takes its place and [`Watcher::mode`] says so; the caller logs it.

use super::entry::{inspect, What};
use super::settle::{readable, Settler};
use super::{is_temporary, Error};
use crate::snapshot::FileKind;
use ::notify::event::{AccessKind, AccessMode, ModifyKind};
use ::notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf, Prefix};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How the folder's changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The OS notifies changes (inotify, ReadDirectoryChangesW, FSEvents).
    Native,
    /// The folder is polled: the native watcher failed to start or the folder is on a
    /// network share, where native events are unreliable.
    Polling,
}

/// The `notify` backend in use; kept alive for as long as the watcher.
enum Backend {
    Native(RecommendedWatcher),
    Polling(PollWatcher),
}

impl Backend {
    fn native(events: Sender<::notify::Result<Event>>, folder: &Path) -> ::notify::Result<Self> {
        let mut watcher = ::notify::recommended_watcher(events)?;
        ::notify::Watcher::watch(&mut watcher, folder, RecursiveMode::NonRecursive)?;
        Ok(Backend::Native(watcher))
    }

    fn polling(
        events: Sender<::notify::Result<Event>>,
        folder: &Path,
        settle: Duration,
    ) -> ::notify::Result<Self> {
        let interval = (settle / 2).clamp(Duration::from_millis(100), Duration::from_secs(5));
        let config = ::notify::Config::default().with_poll_interval(interval);
        let mut watcher = PollWatcher::new(events, config)?;
        ::notify::Watcher::watch(&mut watcher, folder, RecursiveMode::NonRecursive)?;
        Ok(Backend::Polling(watcher))
    }

    /// Watches `folder` again (after it was unreachable, its watch may be gone).
    fn rewatch(&mut self, folder: &Path) {
        let watcher: &mut dyn ::notify::Watcher = match self {
            Backend::Native(w) => w,
            Backend::Polling(w) => w,
        };
        let _ = watcher.unwatch(folder);
        let _ = watcher.watch(folder, RecursiveMode::NonRecursive);
    }
}

/// Watches one folder (not its subfolders) and hands out batches of settled files.
///
/// Temporary and lock files ([`is_temporary`]) and directories are never returned. Batching
/// follows [`Settler::settled_batch`]; a file is only released once [`readable`] succeeds.
pub struct Watcher {
    folder: PathBuf,
    /// The folder's canonical form, as some backends (FSEvents) report paths.
    canonical: Option<PathBuf>,
    settler: Settler,
    backend: Backend,
    mode: WatchMode,
    fallback: Option<String>,
    events: Receiver<::notify::Result<Event>>,
    rescan_every: Duration,
    next_rescan: Instant,
    /// Paths named by events since they were last stat'ed.
    dirty: BTreeSet<PathBuf>,
    /// How often files still settling are checked again.
    tick: Duration,
    problem: Option<Error>,
    /// The folder's watch may be gone (folder removed or unreachable): renew it once the
    /// folder can be read again.
    rewatch: bool,
    /// Where links may lead when followed ([`Watcher::follow_symlinks`]); `None`: links are
    /// not followed.
    follow: Option<PathBuf>,
    /// Which names of entries that are not regular files are returned
    /// ([`Watcher::report_non_files`]); `None`: such entries are ignored.
    non_files: Option<NameFilter>,
    /// The entries that are not regular files, as last seen.
    odd: BTreeMap<PathBuf, FileKind>,
    /// Those new or changed since they were last returned.
    odd_new: BTreeSet<PathBuf>,
}

/// Which file names the caller wants to hear about.
pub type NameFilter = Box<dyn Fn(&str) -> bool + Send>;

impl Watcher {
    /// Starts watching `folder`: natively when possible, else by polling (see
    /// [`mode`](Self::mode) and [`fallback_reason`](Self::fallback_reason)). A file is settled
    /// once unchanged for `settle`; the whole folder is rescanned every `rescan` (at least
    /// 100 ms, at most a day), starting now.
    pub fn start(folder: &Path, settle: Duration, rescan: Duration) -> Result<Watcher, Error> {
        Self::start_with(folder, settle, rescan, None, None)
    }

    /// [`start`](Self::start), following links into `follow`
    /// ([`follow_symlinks`](Self::follow_symlinks)) and returning the entries that are not
    /// regular files whose names `non_files` accepts
    /// ([`report_non_files`](Self::report_non_files)) from its first scan on.
    pub fn start_with(
        folder: &Path,
        settle: Duration,
        rescan: Duration,
        follow: Option<PathBuf>,
        non_files: Option<NameFilter>,
    ) -> Result<Watcher, Error> {
        let (tx, rx) = mpsc::channel();
        Self::check_folder(folder)?;
        let native = if is_network_path(folder) {
            Err("the folder is on a network share".to_string())
        } else {
            Backend::native(tx.clone(), folder).map_err(|e| e.to_string())
        };
        let (backend, fallback) = match native {
            Ok(backend) => (backend, None),
            Err(reason) => (Self::polling_backend(tx, folder, settle)?, Some(reason)),
        };
        let mut watcher = Self::new(folder, settle, rescan, backend, fallback, rx);
        watcher.follow = follow;
        watcher.non_files = non_files;
        watcher.rescan_now();
        Ok(watcher)
    }

    /// Starts watching `folder` by polling, without trying the native watcher; for folders
    /// known to be on network drives, and for tests.
    pub fn start_polling(
        folder: &Path,
        settle: Duration,
        rescan: Duration,
    ) -> Result<Watcher, Error> {
        let (tx, rx) = mpsc::channel();
        Self::check_folder(folder)?;
        let backend = Self::polling_backend(tx, folder, settle)?;
        let mut watcher = Self::new(folder, settle, rescan, backend, None, rx);
        watcher.rescan_now();
        Ok(watcher)
    }

    fn check_folder(folder: &Path) -> Result<(), Error> {
        std::fs::read_dir(folder)
            .map(drop)
            .map_err(|source| Error::Folder {
                path: folder.to_path_buf(),
                source,
            })
    }

    fn polling_backend(
        tx: Sender<::notify::Result<Event>>,
        folder: &Path,
        settle: Duration,
    ) -> Result<Backend, Error> {
        Backend::polling(tx, folder, settle).map_err(|source| Error::Watch {
            path: folder.to_path_buf(),
            source,
        })
    }

    fn new(
        folder: &Path,
        settle: Duration,
        rescan: Duration,
        backend: Backend,
        fallback: Option<String>,
        events: Receiver<::notify::Result<Event>>,
    ) -> Watcher {
        let mode = match backend {
            Backend::Native(_) => WatchMode::Native,
            Backend::Polling(_) => WatchMode::Polling,
        };
        Watcher {
            folder: folder.to_path_buf(),
            canonical: std::fs::canonicalize(folder).ok(),
            settler: Settler::new(settle),
            backend,
            mode,
            fallback,
            events,
            rescan_every: rescan.clamp(Duration::from_millis(100), Duration::from_secs(86_400)),
            next_rescan: Instant::now(),
            dirty: BTreeSet::new(),
            tick: (settle / 4).clamp(Duration::from_millis(20), Duration::from_millis(500)),
            problem: None,
            rewatch: false,
            follow: None,
            non_files: None,
            odd: BTreeMap::new(),
            odd_new: BTreeSet::new(),
        }
    }

    /// Follows symbolic links whose target is a regular file inside `root` (the watched
    /// folder's canonical form, `entry::follow_root`): such a link settles and is returned
    /// like a file. `None` (the default): links are entries that are not files. Rescans now.
    pub fn follow_symlinks(&mut self, root: Option<PathBuf>) {
        self.follow = root;
        self.rescan_now();
    }

    /// Also returns, in the next batch and once per change (new, or a different kind), the
    /// entries named so that `wanted` accepts them that are not regular files (a FIFO, a
    /// folder, a device, a link not followed): they are never opened here, and need no
    /// settling. Without this they are ignored. Rescans now.
    pub fn report_non_files(&mut self, wanted: impl Fn(&str) -> bool + Send + 'static) {
        self.non_files = Some(Box::new(wanted));
        self.rescan_now();
    }

    /// How changes are noticed: natively or by polling.
    pub fn mode(&self) -> WatchMode {
        self.mode
    }

    /// Why [`start`](Self::start) fell back to polling, for the log; `None` when watching
    /// natively or when polling was asked for.
    pub fn fallback_reason(&self) -> Option<&str> {
        self.fallback.as_deref()
    }

    /// The folder being watched.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Why the last rescan failed (folder gone, share offline), or `None` when it
    /// succeeded. Files already seen are kept meanwhile; the watcher recovers by itself.
    pub fn problem(&self) -> Option<&Error> {
        self.problem.as_ref()
    }

    /// Files seen changing and not returned yet, for "waiting for …" in the tray.
    pub fn waiting(&self) -> impl Iterator<Item = &Path> {
        self.settler.waiting()
    }

    /// The entries seen and not returned yet: the [`waiting`](Self::waiting) files and the
    /// new entries that are not files (right after start: what the first scan found).
    pub fn not_returned(&self) -> impl Iterator<Item = &Path> {
        self.settler
            .waiting()
            .chain(self.odd_new.iter().map(PathBuf::as_path))
    }

    /// Rescans the whole folder now (the tray's "Sincronizar ahora"): new and changed files
    /// start settling even if their events were lost. Files already returned and unchanged
    /// are not returned again (see [`retry`](Self::retry)).
    pub fn rescan_now(&mut self) {
        let now = Instant::now();
        self.next_rescan = now.checked_add(self.rescan_every).unwrap_or(now);
        let entries: std::io::Result<Vec<_>> = std::fs::read_dir(&self.folder)
            .and_then(|dir| dir.map(|entry| entry.map(|e| e.path())).collect());
        let entries = match entries {
            Ok(entries) => entries,
            Err(source) => {
                self.problem = Some(Error::Folder {
                    path: self.folder.clone(),
                    source,
                });
                self.rewatch = true;
                return;
            }
        };
        self.problem = None;
        if std::mem::take(&mut self.rewatch) {
            self.backend.rewatch(&self.folder);
        }
        let mut present = HashSet::new();
        for path in entries {
            if self.observe(&path, now) {
                present.insert(path);
            }
        }
        self.settler.retain(|path| present.contains(path));
        self.odd.retain(|path, _| present.contains(path));
    }

    /// Makes `path` new again: once settled (and still there) it is returned again, even if
    /// unchanged. For when the caller could not read a file it was given.
    pub fn retry(&mut self, path: &Path) {
        self.settler.forget(path);
        self.dirty.insert(path.to_path_buf());
    }

    /// Waits up to `timeout` for files to settle and returns the next batch (paths in the
    /// folder, in path order), or an empty list when the time is up. A zero timeout only
    /// looks at what is already known.
    pub fn next_batch(&mut self, timeout: Duration) -> Vec<PathBuf> {
        let deadline = Instant::now().checked_add(timeout);
        loop {
            while let Ok(event) = self.events.try_recv() {
                self.on_event(event);
            }
            if Instant::now() >= self.next_rescan {
                self.rescan_now();
            }
            let now = Instant::now();
            let mut restat = std::mem::take(&mut self.dirty);
            restat.extend(self.settler.waiting().map(Path::to_path_buf));
            for path in &restat {
                self.observe(path, now);
            }
            let mut batch = self.settler.settled_batch(now, readable);
            let odd = std::mem::take(&mut self.odd_new);
            batch.extend(odd.into_iter().filter(|p| self.odd.contains_key(p)));
            if !batch.is_empty() {
                batch.sort();
                batch.dedup();
                return batch;
            }
            let mut wake = self.next_rescan;
            if let Some(deadline) = deadline {
                if now >= deadline {
                    return Vec::new();
                }
                wake = wake.min(deadline);
            }
            if let Some(due) = self.settler.next_deadline() {
                wake = wake.min(due.max(now + self.tick));
            }
            self.wait_until(wake);
        }
    }

    /// Sleeps until `wake` or until an event worth a look arrives (events that change
    /// nothing, like the opens `readable` itself causes, do not end the wait).
    fn wait_until(&mut self, wake: Instant) {
        loop {
            let wait = wake.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(wait) {
                Ok(event) => {
                    if self.on_event(event) {
                        return;
                    }
                }
                Err(RecvTimeoutError::Timeout) => return,
                Err(RecvTimeoutError::Disconnected) => return std::thread::sleep(wait),
            }
        }
    }

    /// Looks at `path` (never opening it) and tells the settler; true when it is an entry the
    /// watcher tracks: a regular file (or a followed link to one), or an entry that is not a
    /// file and that the caller wants to hear about.
    fn observe(&mut self, path: &Path, now: Instant) -> bool {
        let Some(name) = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .filter(|name| !is_temporary(name))
        else {
            return self.untrack(path);
        };
        let Ok(found) = inspect(path, self.follow.as_deref()) else {
            return self.untrack(path);
        };
        match found.what {
            What::File { .. } => {
                self.odd.remove(path);
                self.settler.observe(path, found.size, found.modified, now);
                true
            }
            What::NotAFile(kind) if self.non_files.as_ref().is_some_and(|w| w(&name)) => {
                self.settler.forget(path);
                if self.odd.insert(path.to_path_buf(), kind) != Some(kind) {
                    self.odd_new.insert(path.to_path_buf());
                }
                true
            }
            What::NotAFile(_) => self.untrack(path),
        }
    }

    /// Stops tracking `path` (gone, temporary, or an entry nobody wants to hear about);
    /// false, for [`observe`](Self::observe).
    fn untrack(&mut self, path: &Path) -> bool {
        self.settler.forget(path);
        self.odd.remove(path);
        false
    }

    /// Notes what an event says needs a look; false when it changes nothing.
    fn on_event(&mut self, event: ::notify::Result<Event>) -> bool {
        let Ok(event) = event else {
            // The backend lost track (e.g. inotify queue overflow): look at everything.
            self.next_rescan = Instant::now();
            return true;
        };
        if event.need_rescan() {
            self.next_rescan = Instant::now();
        }
        // Opening and reading change nothing (and `readable` itself opens files); closing
        // after writing is worth a look.
        if let EventKind::Access(kind) = event.kind {
            if kind != AccessKind::Close(AccessMode::Write) {
                return event.need_rescan();
            }
        }
        for path in &event.paths {
            match self.in_folder(path) {
                Some(path) => {
                    self.dirty.insert(path);
                }
                // The folder itself, or something unexpected: look at everything, and if the
                // folder was removed or moved, watch it again once it is back.
                None => {
                    self.next_rescan = Instant::now();
                    if matches!(
                        event.kind,
                        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
                    ) {
                        self.rewatch = true;
                    }
                }
            }
        }
        true
    }

    /// `path` as `folder/name` when it names an entry directly in the folder.
    fn in_folder(&self, path: &Path) -> Option<PathBuf> {
        let parent = path.parent()?;
        let name = path.file_name()?;
        (parent == self.folder || Some(parent) == self.canonical.as_deref())
            .then(|| self.folder.join(name))
    }
}

/// True for UNC paths (`\\server\share\...`), where native change events are unreliable.
/// Mapped drive letters cannot be told apart without Windows APIs; the rescan covers them.
fn is_network_path(path: &Path) -> bool {
    match path.components().next() {
        Some(Component::Prefix(prefix)) => {
            matches!(prefix.kind(), Prefix::UNC(..) | Prefix::VerbatimUNC(..))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const SETTLE: Duration = Duration::from_millis(200);
    const RESCAN: Duration = Duration::from_secs(1);
    const PATIENCE: Duration = Duration::from_secs(10);
    /// No periodic rescan within a test: only events can find a new file.
    const NEVER: Duration = Duration::from_secs(3600);

    /// Collects batches: waits for the first (up to `PATIENCE`), then goes on until `quiet`
    /// has passed since the last one.
    fn batches(watcher: &mut Watcher, quiet: Duration) -> Vec<(Instant, Vec<PathBuf>)> {
        let start = Instant::now();
        let mut out = Vec::new();
        let mut last = start;
        while start.elapsed() < PATIENCE && (out.is_empty() || last.elapsed() < quiet) {
            let batch = watcher.next_batch(Duration::from_millis(100));
            if !batch.is_empty() {
                last = Instant::now();
                out.push((last, batch));
            }
        }
        out
    }

    /// Waits (up to `PATIENCE`) for the first non-empty batch.
    fn first_batch(watcher: &mut Watcher) -> Vec<PathBuf> {
        watcher.next_batch(PATIENCE)
    }

    /// What a run of [`write_slowly`] saw.
    struct Run {
        dir: tempfile::TempDir,
        batches: Vec<(Instant, Vec<PathBuf>)>,
        last_write: Instant,
        /// The writer kept its pace: no gap of a whole settle time between writes (a loaded
        /// machine can stall a thread that long, and that run proves nothing).
        steady: bool,
    }

    /// Starts a native watcher on a new folder, then from another thread writes each
    /// `(file, chunk)` in turn, 100 ms apart, collecting batches meanwhile.
    fn write_slowly(chunks: &'static [(&'static str, &'static str)]) -> Run {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = Watcher::start(dir.path(), SETTLE, RESCAN).unwrap();
        let folder = dir.path().to_path_buf();
        let writer = std::thread::spawn(move || {
            let mut times = Vec::new();
            for (name, chunk) in chunks {
                let mut file = std::fs::File::options()
                    .create(true)
                    .append(true)
                    .open(folder.join(name))
                    .unwrap();
                file.write_all(chunk.as_bytes()).unwrap();
                times.push(Instant::now());
                std::thread::sleep(Duration::from_millis(100));
            }
            times
        });
        let batches = batches(&mut watcher, Duration::from_secs(2));
        let times = writer.join().unwrap();
        Run {
            dir,
            batches,
            last_write: *times.last().unwrap(),
            steady: times.windows(2).all(|w| w[1] - w[0] < SETTLE),
        }
    }

    /// Repeats `run` until the writer kept its pace (at most 3 times), then checks it.
    fn with_steady_writer(mut run: impl FnMut() -> Run, check: impl Fn(&Run)) {
        for _attempt in 0..3 {
            let run = run();
            if run.steady {
                return check(&run);
            }
        }
        panic!("the writer thread never kept a 100 ms pace");
    }

    #[test]
    fn a_file_written_in_chunks_is_returned_once_after_the_last_write() {
        const CHUNKS: &[(&str, &str)] = &[
            ("clientes.csv", "id;nombre\n"),
            ("clientes.csv", "1;Ana\n"),
            ("clientes.csv", "2;Peña\n"),
        ];
        with_steady_writer(
            || write_slowly(CHUNKS),
            |run| {
                let path = run.dir.path().join("clientes.csv");
                assert_eq!(run.batches.len(), 1, "batches: {:?}", run.batches);
                assert_eq!(run.batches[0].1, vec![path.clone()]);
                assert!(run.batches[0].0 >= run.last_write + SETTLE);
                let content = std::fs::read_to_string(&path).unwrap();
                assert_eq!(content, "id;nombre\n1;Ana\n2;Peña\n");
            },
        );
    }

    #[test]
    fn files_changed_together_come_in_one_batch() {
        // clientes is complete after the first write and settles while ventas is still
        // being written: it waits for ventas.
        const CHUNKS: &[(&str, &str)] = &[
            ("clientes.csv", "id\n1\n"),
            ("ventas.csv", "id;cliente\n"),
            ("ventas.csv", "1;1\n"),
            ("ventas.csv", "2;1\n"),
            ("ventas.csv", "3;1\n"),
        ];
        with_steady_writer(
            || write_slowly(CHUNKS),
            |run| {
                let expected = vec![
                    run.dir.path().join("clientes.csv"),
                    run.dir.path().join("ventas.csv"),
                ];
                assert_eq!(run.batches.len(), 1, "batches: {:?}", run.batches);
                assert_eq!(run.batches[0].1, expected);
                assert!(run.batches[0].0 >= run.last_write + SETTLE);
            },
        );
    }

    #[test]
    fn a_file_renamed_into_the_folder_is_picked_up_and_temp_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = Watcher::start(dir.path(), SETTLE, NEVER).unwrap();
        #[cfg(target_os = "linux")]
        assert_eq!(watcher.mode(), WatchMode::Native);
        let tmp = dir.path().join(".sheetdrop.ventas.csv.tmp");
        let lock = dir.path().join("~$ventas.csv");
        std::fs::write(&lock, "owner").unwrap();
        std::fs::write(&tmp, "id\n1\n").unwrap();
        let ventas = dir.path().join("ventas.csv");
        std::fs::rename(&tmp, &ventas).unwrap();
        std::fs::create_dir(dir.path().join("sub.csv")).unwrap();
        assert_eq!(first_batch(&mut watcher), vec![ventas.clone()]);

        // Replaced by rename: a new version, returned again.
        std::fs::write(&tmp, "id\n1\n2\n").unwrap();
        std::fs::rename(&tmp, &ventas).unwrap();
        assert_eq!(first_batch(&mut watcher), vec![ventas.clone()]);
        assert!(watcher.next_batch(SETTLE * 3).is_empty());
    }

    #[test]
    fn files_present_at_start_are_returned_and_removed_ones_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "id\n1\n").unwrap();
        let mut watcher = Watcher::start(dir.path(), SETTLE, RESCAN).unwrap();
        assert_eq!(watcher.waiting().collect::<Vec<_>>(), vec![a.as_path()]);
        assert_eq!(first_batch(&mut watcher), vec![a.clone()]);
        assert!(watcher.next_batch(Duration::ZERO).is_empty());
        // Removed, then put back unchanged: a new file as far as the watcher knows.
        let kept = std::fs::read(&a).unwrap();
        std::fs::remove_file(&a).unwrap();
        watcher.rescan_now();
        std::fs::write(&a, kept).unwrap();
        assert_eq!(first_batch(&mut watcher), vec![a.clone()]);
        watcher.retry(&a);
        assert_eq!(first_batch(&mut watcher), vec![a]);
    }

    #[test]
    fn polling_works_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = Watcher::start_polling(dir.path(), SETTLE, NEVER).unwrap();
        assert_eq!(watcher.mode(), WatchMode::Polling);
        assert_eq!(watcher.fallback_reason(), None);
        let path = dir.path().join("unidades.csv");
        let mut file = std::fs::File::create(&path).unwrap();
        for _ in 0..3 {
            file.write_all(b"id\n").unwrap();
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(file);
        assert_eq!(first_batch(&mut watcher), vec![path]);
    }

    #[test]
    fn rescan_now_finds_files_without_events_and_reports_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("in");
        std::fs::create_dir(&folder).unwrap();
        // An hour between rescans and no call to next_batch: only rescan_now looks.
        let mut watcher = Watcher::start_polling(&folder, SETTLE, NEVER).unwrap();
        assert!(watcher.problem().is_none());
        std::fs::remove_dir(&folder).unwrap();
        watcher.rescan_now();
        assert!(matches!(watcher.problem(), Some(Error::Folder { .. })));
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("a.csv");
        std::fs::write(&path, "id\n").unwrap();
        watcher.rescan_now();
        assert!(watcher.problem().is_none());
        assert_eq!(watcher.waiting().collect::<Vec<_>>(), vec![path.as_path()]);
    }

    #[test]
    fn a_missing_folder_cannot_be_watched() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let err = Watcher::start(&missing, SETTLE, RESCAN).err().unwrap();
        assert!(matches!(err, Error::Folder { ref path, .. } if *path == missing));
        assert!(err
            .to_string()
            .starts_with("cannot read the watched folder"));
    }

    #[test]
    fn unc_paths_are_network_paths() {
        assert!(!is_network_path(Path::new("/srv/exports")));
        #[cfg(windows)]
        {
            assert!(is_network_path(Path::new(r"\\server\share\exports")));
            assert!(is_network_path(Path::new(r"\\?\UNC\server\share")));
            assert!(!is_network_path(Path::new(r"C:\exports")));
        }
    }

    #[test]
    fn the_watcher_can_move_to_another_thread() {
        fn is_send<T: Send>() {}
        is_send::<Watcher>();
    }

    #[cfg(unix)]
    #[test]
    fn non_files_come_once_per_change_and_links_settle_when_followed() {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = Watcher::start_polling(dir.path(), SETTLE, NEVER).unwrap();
        watcher.report_non_files(|name| name.ends_with(".csv"));
        let fifo = dir.path().join("clientes.csv");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        std::fs::create_dir(dir.path().join("notes")).unwrap();
        watcher.rescan_now();
        // At once (nothing to settle), and only once while it stays a FIFO.
        assert_eq!(watcher.next_batch(Duration::ZERO), vec![fifo.clone()]);
        watcher.rescan_now();
        assert!(watcher.next_batch(SETTLE * 2).is_empty());
        // Now a folder under that name: a change, returned again.
        std::fs::remove_file(&fifo).unwrap();
        std::fs::create_dir(&fifo).unwrap();
        watcher.rescan_now();
        assert_eq!(watcher.next_batch(Duration::ZERO), vec![fifo.clone()]);

        // A link to a file inside: not followed, an entry that is not a file; followed, a
        // file that settles like any other.
        std::fs::write(dir.path().join("data.txt"), "id\n").unwrap();
        let link = dir.path().join("ventas.csv");
        std::os::unix::fs::symlink(dir.path().join("data.txt"), &link).unwrap();
        watcher.rescan_now();
        let batch = first_batch(&mut watcher);
        assert!(batch.contains(&link), "{batch:?}");
        watcher.follow_symlinks(crate::watch::follow_root(dir.path(), true));
        let batch = first_batch(&mut watcher);
        assert!(batch.contains(&link), "{batch:?}");
        assert!(!watcher.odd.contains_key(&link));
    }
}

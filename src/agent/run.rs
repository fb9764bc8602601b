//! The long-running agent: watch the folder, process each batch of settled files, retry what
//! the outbox holds, until asked to stop.

use super::{Agent, Error, Summary, OUTBOX_TICK};
use crate::state::Trigger;
use crate::tray::{Command, Tray};
use crate::watch::{WatchMode, Watcher};
use std::collections::HashSet;
use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the loop pauses after a failure of the state store before trying again.
const BACKOFF_ON_ERROR: Duration = Duration::from_secs(5);

/// Takes the data directory's lock so that two agents never publish from one state store.
/// Keep the returned file open for as long as the agent runs; the OS releases the lock when
/// the process ends, however it ends.
pub fn lock_data_dir(data: &super::DataDir) -> Result<File, Error> {
    let path = data.root.join("agent.lock");
    let folder_err = |source| Error::Folder {
        what: super::DATA_DIRECTORY,
        path: data.root.clone(),
        source,
    };
    crate::platform::perms::create_private_dir_all(&data.root).map_err(folder_err)?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(folder_err)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::AlreadyRunning(data.root.clone())),
        Err(std::fs::TryLockError::Error(e)) => Err(folder_err(e)),
    }
}

/// Watches the agent's folder and processes every batch of settled files until `stop` is
/// set (checked at least every second); publishes due outbox items in between. A step in
/// progress when `stop` is set is finished first, so the state is always consistent.
pub fn watch_loop(agent: &mut Agent, stop: &AtomicBool) -> Result<(), Error> {
    watch_loop_with(agent, stop, None)
}

/// [`watch_loop`] with a tray: each iteration takes its commands (sync now: rescan and make
/// pending publishes due; pause: files wait, still watched; resume; quit: like `stop`), and
/// each pass tells it when it starts and ends. The tray only reads and asks; without one the
/// loop is the same.
pub fn watch_loop_with(
    agent: &mut Agent,
    stop: &AtomicBool,
    tray: Option<&Tray>,
) -> Result<(), Error> {
    let source = &agent.config().source;
    let settle = Duration::from_secs(source.settle_seconds);
    let rescan = Duration::from_secs(source.rescan_seconds.max(1));
    let catalog = agent.config().catalog.clone();
    let mut watcher = Watcher::start_with(
        agent.folder(),
        settle,
        rescan,
        agent.follow_root().map(Into::into),
        Some(Box::new(move |name| {
            crate::watch::owner(&catalog, name).is_some()
        })),
    )?;
    match watcher.mode() {
        WatchMode::Native => tracing::info!(folder = %agent.folder().display(), "watching"),
        WatchMode::Polling => tracing::info!(
            folder = %agent.folder().display(),
            reason = watcher.fallback_reason().unwrap_or("requested"),
            "watching by polling"
        ),
    }
    // Until the start-up scan's files are out, publishes left over from a previous run wait:
    // the folder may hold newer data that supersedes them, and publishing the old first would
    // show stale data for a moment.
    let mut started = false;
    // What the folder held when the agent started: a pass over those (not handed out yet) is
    // the start-up pass; a pass over anything else was caused by a change.
    let mut at_startup: HashSet<PathBuf> = watcher.not_returned().map(Into::into).collect();
    let mut problem_shown = false;
    let mut idle_since = Instant::now();
    let mut paused = false;
    while !stop.load(Ordering::SeqCst) {
        for command in std::iter::from_fn(|| tray.and_then(Tray::try_command)) {
            tracing::info!(?command, "from the tray");
            match command {
                Command::SyncNow => {
                    watcher.rescan_now();
                    if let Err(e) = agent.retry_now() {
                        tracing::warn!(error = %e, "cannot make the pending publishes due");
                    }
                }
                Command::Pause => paused = true,
                Command::Resume => paused = false,
                Command::Quit => stop.store(true, Ordering::SeqCst),
            }
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let batch = watcher.next_batch(OUTBOX_TICK);
        if paused {
            // Watched, not taken: they come out again once resumed.
            for path in &batch {
                watcher.retry(path);
            }
            continue;
        }
        match (watcher.problem(), problem_shown) {
            (Some(problem), false) => {
                tracing::warn!(error = %problem, "the watched folder is unavailable; waiting for it");
                problem_shown = true;
            }
            (None, true) => {
                tracing::info!("the watched folder is back");
                problem_shown = false;
            }
            _ => {}
        }
        agent.report_unreadable(watcher.waiting(), settle.saturating_mul(2));
        if !batch.is_empty() {
            let trigger = trigger_of(&batch, &mut at_startup);
            step(agent, &mut watcher, &batch, trigger, tray);
            idle_since = Instant::now();
        } else if !started {
            // Nothing came out for twice the settle time: the start-up scan is done.
            started = idle_since.elapsed() > settle.saturating_mul(2);
        } else if matches!(agent.publish_is_due(), Ok(true)) {
            step(agent, &mut watcher, &[], Trigger::Retry, tray);
        }
    }
    tracing::info!("stopping");
    Ok(())
}

/// What caused a pass over `batch`: `startup` when every file of it was in the folder when
/// the agent started and is handed out for the first time, else `change` (a file written
/// after start-up, however soon after). Takes the batch's files out of `at_startup`.
fn trigger_of(batch: &[PathBuf], at_startup: &mut HashSet<PathBuf>) -> Trigger {
    let startup = batch.iter().all(|path| at_startup.contains(path));
    for path in batch {
        at_startup.remove(path);
    }
    if startup {
        Trigger::Startup
    } else {
        Trigger::Change
    }
}

/// One pass; failures are logged and the loop goes on after a pause (a full disk or a busy
/// database should not stop the agent for good).
fn step(
    agent: &mut Agent,
    watcher: &mut Watcher,
    batch: &[std::path::PathBuf],
    trigger: Trigger,
    tray: Option<&Tray>,
) {
    if let Some(tray) = tray {
        tray.busy(true);
    }
    let result = if batch.is_empty() {
        let mut summary = Summary::default();
        let result = agent.publish_due(&mut summary).map(|()| summary);
        agent.write_report();
        result
    } else {
        agent.process(batch, trigger)
    };
    match result {
        Ok(summary) => {
            for path in &summary.retry {
                watcher.retry(path);
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "pass failed; trying again shortly");
            for path in batch {
                watcher.retry(path);
            }
            std::thread::sleep(BACKOFF_ON_ERROR);
        }
    }
    if let Some(tray) = tray {
        tray.busy(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_is_the_start_up_one_only_over_files_there_at_start_up_and_not_handed_out_yet() {
        let p = |name: &str| PathBuf::from("/in").join(name);
        let mut at_startup: HashSet<PathBuf> = [p("clientes.csv"), p("usuarios.csv")].into();
        assert_eq!(
            trigger_of(&[p("clientes.csv")], &mut at_startup),
            Trigger::Startup
        );
        // Rewritten right after start-up, or new: a change, however soon it comes.
        assert_eq!(
            trigger_of(&[p("clientes.csv")], &mut at_startup),
            Trigger::Change
        );
        assert_eq!(
            trigger_of(&[p("usuarios.csv"), p("ventas.csv")], &mut at_startup),
            Trigger::Change
        );
        assert!(at_startup.is_empty());
        assert_eq!(
            trigger_of(&[p("usuarios.csv")], &mut at_startup),
            Trigger::Change
        );
    }
}

//! Stopping within a bound. A stop request (Ctrl-C, SIGTERM, the Windows service manager's
//! Stop) sets the loop's flag, and the loop returns at its next check — but a pass over a
//! big file can take minutes, and service managers kill what does not stop in time. So the
//! loop runs on its own thread, and once the flag is set the caller waits at most
//! [`STOP_GRACE`] for it; then it says so in the log and returns, and the process ends with
//! the pass unfinished.
//!
//! Ending mid-pass is safe because the agent is crash-safe (`tests/crash.rs` kills it with
//! SIGKILL at random instants and checks that it converges): the state store is SQLite in
//! WAL mode, where a transaction is committed or not at all; spool copies, published files
//! and the report are written to a temporary file and renamed; a publish leaves the outbox
//! only once its destination confirmed it, and the next start re-queues any accepted
//! snapshot that was not published. A pass cut short is redone from its files at the next
//! start.

use super::{Agent, Error};
use crate::tray::Tray;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long the loop may take to return once a stop was asked for; with the process's own
/// ending it stays under the 10 s that service managers are promised.
pub const STOP_GRACE: Duration = Duration::from_secs(8);

/// How the watch loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It returned: the step in progress was finished.
    Cleanly,
    /// It had not returned [`STOP_GRACE`] after the stop request: it is left running on its
    /// thread, for the process to end with it.
    MidPass,
}

/// Runs [`super::watch_loop_with`] on its own thread until `stop` is set; once set, waits at
/// most `grace` for the loop to return. The agent and the tray are dropped on that thread
/// when the loop returns (closing the state store); when it does not return in time, the
/// log says so ("stopping in the middle of a pass") and the result is [`Ended::MidPass`]:
/// the caller ends the process, and the pass is redone at the next start (module doc).
pub fn watch_until_stopped(
    agent: Agent,
    stop: Arc<AtomicBool>,
    tray: Option<Tray>,
    grace: Duration,
) -> Result<Ended, Error> {
    let flag = stop.clone();
    let state_db = agent.data.state_db();
    let looping = move || {
        let mut agent = agent;
        let result = super::watch_loop_with(&mut agent, &flag, tray.as_ref());
        drop(tray);
        drop(agent);
        result
    };
    match bounded(looping, &stop, grace).map_err(Error::Thread)? {
        Some(result) => result.map(|()| Ended::Cleanly),
        None => {
            tracing::warn!(
                grace_seconds = grace.as_secs(),
                "stopping in the middle of a pass; it will be redone at the next start"
            );
            // Stopped on request, not by the file being checked: no quarantine for it.
            super::quarantine::forget_checking(&state_db);
            Ok(Ended::MidPass)
        }
    }
}

/// Runs `work` on a new thread and returns its result; once `stop` is set, waits at most
/// `grace` more and then returns `None`, leaving the thread running. A panic on the thread
/// is resumed on this one.
fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
    stop: &AtomicBool,
    grace: Duration,
) -> std::io::Result<Option<T>> {
    let (done, finished) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("watch-loop".into())
        .spawn(move || {
            let _ = done.send(work());
        })?;
    let mut asked: Option<Instant> = None;
    loop {
        match finished.recv_timeout(POLL) {
            Ok(value) => {
                let _ = thread.join();
                return Ok(Some(value));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => match thread.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                Ok(()) => unreachable!("the thread always sends before it ends"),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if stop.load(Ordering::SeqCst) {
                    let since = *asked.get_or_insert_with(Instant::now);
                    if since.elapsed() >= grace {
                        return Ok(None);
                    }
                }
            }
        }
    }
}

/// How often the stop flag is looked at while the loop runs.
const POLL: Duration = Duration::from_millis(100);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_that_ends_gives_its_result_stopped_or_not() {
        let stop = AtomicBool::new(false);
        let got = bounded(|| 7, &stop, Duration::from_secs(5)).unwrap();
        assert_eq!(got, Some(7));
    }

    #[test]
    fn work_that_returns_within_the_grace_after_the_stop_is_waited_for() {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let work = move || {
            while !flag.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(300));
            "finished"
        };
        let setter = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            setter.store(true, Ordering::SeqCst);
        });
        let got = bounded(work, &stop, Duration::from_secs(5)).unwrap();
        assert_eq!(got, Some("finished"));
    }

    #[test]
    fn work_still_running_after_the_grace_is_left_behind() {
        let stop = AtomicBool::new(true);
        let start = Instant::now();
        let got = bounded(
            || std::thread::sleep(Duration::from_secs(30)),
            &stop,
            Duration::from_millis(400),
        )
        .unwrap();
        assert_eq!(got, None);
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(400) && took < Duration::from_secs(5),
            "{took:?}"
        );
    }

    #[test]
    fn without_a_stop_request_there_is_no_bound() {
        let stop = AtomicBool::new(false);
        let got = bounded(
            || {
                std::thread::sleep(Duration::from_millis(700));
                1
            },
            &stop,
            Duration::from_millis(100),
        )
        .unwrap();
        assert_eq!(got, Some(1));
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn a_panic_in_the_work_is_not_swallowed() {
        let stop = AtomicBool::new(false);
        let _ = bounded(|| panic!("boom"), &stop, Duration::from_secs(1));
    }
}

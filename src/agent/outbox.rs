//! The agent's outbox decisions: when a failed publish is tried again (a pure function of
//! the failure, the attempts, a random draw and the clock, as `watch/settle.rs` decides for
//! files), and, from outside the agent, making every pending publish due now once a command
//! (`auth login`) fixed what made them fail.

use super::{DataDir, Error};
use crate::publish::ErrorKind;
use crate::state::{self, State};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// When a failed publish is tried again, and what the pass does with the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Retry {
    /// How long from `now` the publish waits.
    pub delay: Duration,
    /// When it is due again.
    pub at: SystemTime,
    /// True when the other publishes due in this pass wait as long, untried: the destination
    /// cannot be reached, and they would spend the same retries to fail the same way.
    pub others_wait: bool,
}

/// The retry of a publish that failed with `kind` after `attempts` earlier failures, at
/// `now`, with `jitter` a random draw in [0, 1] ([`state::retry_delay`]). A permanent failure
/// waits the longest delay: retrying cannot fix it, but the status keeps saying why until a
/// newer snapshot supersedes it.
pub(super) fn after_failure(kind: ErrorKind, attempts: u32, jitter: f64, now: SystemTime) -> Retry {
    let attempts = match kind {
        ErrorKind::Retry | ErrorKind::Unreachable => attempts.saturating_add(1),
        ErrorKind::Permanent => u32::MAX,
    };
    let delay = state::retry_delay(attempts, jitter);
    Retry {
        delay,
        at: now + delay,
        others_wait: kind == ErrorKind::Unreachable,
    }
}

/// Makes every publish pending for `destination` ([`super::destination_name`]) in `data`'s
/// state store due now; returns how many. With no state store yet (no agent ever ran there)
/// none is, and no store is created.
pub fn retry_pending_now(data: &DataDir, destination: &str) -> Result<usize, Error> {
    retry_pending_at(&data.state_db(), destination, SystemTime::now())
}

/// [`retry_pending_now`] with the state store's path and the clock passed in.
fn retry_pending_at(db: &Path, destination: &str, now: SystemTime) -> Result<usize, Error> {
    if !db.exists() {
        return Ok(0);
    }
    Ok(State::open(db)?.retry_now(destination, now)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_publish_waits_longer_each_time_and_a_permanent_one_the_longest() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let retry = |kind, attempts| after_failure(kind, attempts, 0.5, now);
        let first = retry(ErrorKind::Retry, 0);
        assert_eq!(
            (first.delay, first.at),
            (state::RETRY_BASE, now + state::RETRY_BASE)
        );
        assert!(!first.others_wait);
        assert!(retry(ErrorKind::Retry, 3).delay > retry(ErrorKind::Retry, 2).delay);
        assert_eq!(retry(ErrorKind::Permanent, 0).delay, state::RETRY_CAP);
        assert_eq!(
            retry(ErrorKind::Permanent, 0).delay,
            retry(ErrorKind::Retry, 40).delay
        );
        let unreachable = retry(ErrorKind::Unreachable, 1);
        assert!(unreachable.others_wait);
        assert_eq!(unreachable.delay, retry(ErrorKind::Retry, 1).delay);
        // The draw moves the wait by ±20% at most.
        let low = after_failure(ErrorKind::Retry, 4, 0.0, now).delay;
        let high = after_failure(ErrorKind::Retry, 4, 1.0, now).delay;
        assert_eq!(
            (low, high),
            (
                retry(ErrorKind::Retry, 4).delay.mul_f64(0.8),
                retry(ErrorKind::Retry, 4).delay.mul_f64(1.2)
            )
        );
    }
    use crate::state::Snapshot;
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000 + secs)
    }

    #[test]
    fn pending_publishes_of_the_destination_become_due_and_no_store_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir {
            root: dir.path().to_path_buf(),
        };
        assert_eq!(retry_pending_now(&data, "google").unwrap(), 0);
        assert!(!data.state_db().exists(), "no store is created");

        let mut state = State::open(&data.state_db()).unwrap();
        let snapshot = state
            .record_snapshot(&Snapshot {
                entity: "clientes".into(),
                source_name: "clientes.csv".into(),
                spool_path: dir.path().join("spool/a.csv"),
                sha256: "aa".into(),
                size: 10,
                rows: 1,
                rows_accepted: 1,
                verdict: "accepted".into(),
                report_json: "{}".into(),
                left_out_rows: vec![],
                received_at: at(0),
            })
            .unwrap();
        let google = state
            .enqueue("clientes", snapshot, "google", at(1))
            .unwrap();
        let local = state.enqueue("clientes", snapshot, "local", at(1)).unwrap();
        state.mark_failed(google, "no login", at(900)).unwrap();
        state.mark_failed(local, "disk full", at(900)).unwrap();
        drop(state);

        let db = data.state_db();
        assert_eq!(retry_pending_at(&db, "google", at(10)).unwrap(), 1);
        assert_eq!(retry_pending_at(&db, "google", at(10)).unwrap(), 0);
        let state = State::open(&db).unwrap();
        let due: Vec<_> = state.due(at(10)).unwrap().iter().map(|i| i.id).collect();
        assert_eq!(due, [google], "the local publish still waits");
    }
}

//! The agent's outbox seen from outside the agent: a command (`auth login`) that fixed what
//! made publishes fail makes them due now, so the running agent (or the next `run`) tries
//! them at once instead of after their backoff.

use super::{DataDir, Error};
use crate::state::State;
use std::path::Path;
use std::time::SystemTime;

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

//! The agent's decisions, apart from its I/O: what a checked file becomes (the snapshot
//! recorded, whether it is published), which publishes wait after a failure, when old state
//! is dropped, when a file has settled, what a pass says it did. Each is a pure
//! function of values, the clock passed in (as `watch/settle.rs` and `outbox::after_failure`
//! decide), so each is tested here without files, a state store or a destination; `mod.rs`
//! reads the clock ([`Clock`]), does the I/O and follows these answers.

use super::outbox::Retry;
use super::record::Spooled;
use super::Summary;
use crate::state::{OutboxItem, PassCounts, Snapshot};
use crate::validate::EntityReport;
use std::time::{Duration, Instant, SystemTime};

/// Where the agent reads the time and draws its random numbers: the system's, or a test's.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The time now.
    pub now: fn() -> SystemTime,
    /// A number in [0, 1) that differs from call to call (retry jitter).
    pub jitter: fn() -> f64,
}

impl Clock {
    /// The system's clock and a random draw.
    pub const SYSTEM: Clock = Clock {
        now: SystemTime::now,
        jitter: system_jitter,
    };
}

/// A number in [0, 1) that differs from call to call.
fn system_jitter() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    (RandomState::new().hash_one(SystemTime::now()) >> 11) as f64 / (1u64 << 53) as f64
}

/// What a file checked in a pass becomes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Checked {
    /// The snapshot to record.
    pub snapshot: Snapshot,
    /// Whether it goes to the outbox (accepted or partial, not rejected or held).
    pub publish: bool,
}

/// The snapshot of `spooled`, which `report` checked, received `now`. The report names the
/// client's file, never the spool copy.
pub(super) fn checked(spooled: &Spooled, mut report: EntityReport, now: SystemTime) -> Checked {
    report.file = Some(spooled.inner.source_name.clone());
    Checked {
        publish: report.publishable(),
        snapshot: Snapshot {
            entity: spooled.entity.clone(),
            source_name: spooled.inner.source_name.clone(),
            spool_path: spooled.inner.path.clone(),
            sha256: spooled.inner.sha256.clone(),
            size: spooled.inner.size,
            rows: report.rows,
            rows_accepted: report.rows_accepted,
            verdict: report.verdict.as_str().to_string(),
            report_json: serde_json::to_string(&report).unwrap_or_default(),
            left_out_rows: report.left_out_rows,
            received_at: now,
        },
    }
}

/// The outbox items that wait for `retry` after `due[failed]` failed: that one, and when the
/// destination cannot be reached (`others_wait`) every item after it, untried — the pass then
/// publishes nothing more.
pub(super) fn waiting_after_failure<'a>(
    due: &'a [OutboxItem],
    failed: usize,
    retry: &Retry,
) -> &'a [OutboxItem] {
    if retry.others_wait {
        &due[failed..]
    } else {
        &due[failed..=failed]
    }
}

/// Whether the retention policy is applied now: on a process's first pass (`last` is `None`),
/// then once `every` has gone by since it last was.
pub(super) fn retention_due(last: Option<Instant>, now: Instant, every: Duration) -> bool {
    last.is_none_or(|last| now.saturating_duration_since(last) >= every)
}

/// Whether a file has stopped changing: `modified` at least `old_enough` before `now`. A file
/// whose time cannot be read, or that was modified after `now` (a clock set back), has not.
/// A file that cannot be opened is reported only once so.
pub(super) fn settled(modified: Option<SystemTime>, now: SystemTime, old_enough: Duration) -> bool {
    modified
        .and_then(|m| now.duration_since(m).ok())
        .is_some_and(|age| age >= old_enough)
}

/// What a pass did, in numbers, as its run record keeps it.
pub(super) fn pass_counts(summary: &Summary) -> PassCounts {
    PassCounts {
        checked: summary.checked as u64,
        unchanged: summary.unchanged as u64,
        refused: summary.refused as u64,
        published: summary.published as u64,
        pending: summary.pending as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Verdict;
    use std::path::PathBuf;

    fn spooled() -> Spooled {
        Spooled {
            entity: "clientes".into(),
            inner: crate::snapshot::Spooled {
                path: PathBuf::from("/data/spool/clientes/abc.csv"),
                source_name: "CLIENTES 2026-12-07.csv".into(),
                sha256: "abc".into(),
                size: 120,
            },
            previous_rows: Some(3),
            previous_spool: None,
        }
    }

    fn report(verdict: Verdict) -> EntityReport {
        let mut report = EntityReport::missing("clientes");
        report.file = Some("/data/spool/clientes/abc.csv".into());
        report.verdict = verdict;
        report.rows = 4;
        report.rows_accepted = 3;
        report.left_out_rows = vec![2];
        report
    }

    #[test]
    fn a_checked_file_is_recorded_under_the_clients_name_and_published_unless_refused() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        for (verdict, publish) in [
            (Verdict::Accepted, true),
            (Verdict::Partial, true),
            (Verdict::Rejected, false),
            (Verdict::Held, false),
        ] {
            let got = checked(&spooled(), report(verdict), now);
            assert_eq!(got.publish, publish, "{verdict:?}");
            let s = &got.snapshot;
            assert_eq!(
                (
                    s.entity.as_str(),
                    s.source_name.as_str(),
                    s.verdict.as_str()
                ),
                ("clientes", "CLIENTES 2026-12-07.csv", verdict.as_str())
            );
            assert_eq!((s.rows, s.rows_accepted, s.size), (4, 3, 120));
            assert_eq!(s.spool_path, PathBuf::from("/data/spool/clientes/abc.csv"));
            assert_eq!(s.received_at, now);
            // The stored report names the client's file, not the spool copy.
            let stored: serde_json::Value = serde_json::from_str(&s.report_json).unwrap();
            assert_eq!(stored["file"], "CLIENTES 2026-12-07.csv");
        }
        let accepted = checked(&spooled(), report(Verdict::Accepted), now);
        assert_eq!(accepted.snapshot.left_out_rows, vec![2]);
    }

    fn item(id: i64) -> OutboxItem {
        OutboxItem {
            id,
            entity: format!("e{id}"),
            snapshot_id: id,
            destination: "google".into(),
            attempts: 0,
            next_attempt_at: SystemTime::UNIX_EPOCH,
            last_error: None,
            created_at: SystemTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn an_unreachable_destination_makes_the_rest_of_the_pass_wait_any_other_failure_only_itself() {
        let due: Vec<OutboxItem> = (1..=4).map(item).collect();
        let retry = |others_wait| Retry {
            delay: Duration::from_secs(30),
            at: SystemTime::UNIX_EPOCH,
            others_wait,
        };
        let ids = |items: &[OutboxItem]| items.iter().map(|i| i.id).collect::<Vec<_>>();
        assert_eq!(ids(waiting_after_failure(&due, 1, &retry(true))), [2, 3, 4]);
        assert_eq!(ids(waiting_after_failure(&due, 1, &retry(false))), [2]);
        assert_eq!(ids(waiting_after_failure(&due, 3, &retry(true))), [4]);
    }

    #[test]
    fn retention_runs_on_the_first_pass_then_once_an_hour() {
        let hour = Duration::from_secs(3600);
        let start = Instant::now();
        assert!(retention_due(None, start, hour));
        assert!(!retention_due(Some(start), start + hour / 2, hour));
        assert!(retention_due(Some(start), start + hour, hour));
        // A clock read before the last run (never, but not a panic either).
        assert!(!retention_due(Some(start + hour), start, hour));
    }

    #[test]
    fn a_file_has_settled_once_unchanged_long_enough() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let enough = Duration::from_secs(10);
        let ago = |s| Some(now - Duration::from_secs(s));
        assert!(settled(ago(10), now, enough));
        assert!(settled(ago(600), now, enough));
        assert!(!settled(ago(9), now, enough), "still changing");
        assert!(!settled(None, now, enough), "no time known");
        assert!(
            !settled(Some(now + enough), now, enough),
            "modified in the future"
        );
    }

    #[test]
    fn a_pass_counts_what_it_did() {
        let summary = Summary {
            checked: 3,
            unchanged: 1,
            refused: 1,
            published: 2,
            pending: 4,
            unreadable: 9,
            retry: vec![PathBuf::from("x")],
        };
        assert_eq!(
            pass_counts(&summary),
            PassCounts {
                checked: 3,
                unchanged: 1,
                refused: 1,
                published: 2,
                pending: 4,
            }
        );
    }

    #[test]
    fn the_system_jitter_is_a_fraction() {
        for _ in 0..100 {
            let j = (Clock::SYSTEM.jitter)();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}

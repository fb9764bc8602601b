//! The shrink guard: a snapshot that would publish suspiciously fewer rows than the last
//! accepted one — or none at all — is held until someone approves it. A half-finished export
//! or a wrong filter in the ERP should not wipe the CRM's data. Nor should one branch's export
//! replacing another's: a snapshot whose delta removes more of the last accepted snapshot's
//! IDs than the guard allows is held too, even when it has as many rows.

use crate::config::Policy;
use crate::validate::{Code, Delta, EntityReport, Facts, Verdict};

/// Holds `report` (verdict `held`, a `shrink` issue) when its rows to publish are 0, or lose
/// more than the policy's `shrink_guard` of `previous` (the last accepted snapshot's rows to
/// publish). Returns whether it was held. Reports that cannot be published are left alone.
pub fn apply(policy: &Policy, previous: Option<u64>, report: &mut EntityReport) -> bool {
    // A file with no row to publish is held by validate already (`validate::hold_empty`, so
    // `validate` says what `run` does); whoever held it, here it learns the last accepted count.
    crate::validate::hold_empty(report);
    if report.verdict == Verdict::Held {
        if let Some(issue) = report.issues.iter_mut().find(|i| i.code == Code::Shrink) {
            issue.facts.previous_rows_accepted = previous;
            return true;
        }
    }
    if !report.publishable() {
        return false;
    }
    let now = report.rows_accepted;
    let mut facts = Facts {
        rows_accepted: Some(now),
        previous_rows_accepted: previous,
        shrink_guard: Some(policy.shrink_guard.config_spelling()),
        ..Facts::default()
    };
    let message = match (previous, &report.delta) {
        (Some(before), _) if before > now && policy.shrink_guard.exceeded(before - now, before) => format!(
            "{now} rows to publish against {before} last time (more than {} fewer); held until approved \
             with `sheetdrop approve {}`",
            policy.shrink_guard, report.entity
        ),
        (_, Some(delta)) if removes_too_many(policy, delta) => {
            facts.ids_removed = Some(delta.removed);
            facts.previous_ids = Some(delta.previous);
            format!(
                "{} of the {} IDs published last time are gone (more than {}), though {now} rows are \
                 to publish against {} last time; held until approved with `sheetdrop approve {}`",
                delta.removed,
                delta.previous,
                policy.shrink_guard,
                previous.unwrap_or_default(),
                report.entity
            )
        }
        _ => return false,
    };
    report.hold(facts, message);
    true
}

/// Whether `delta` removes more of the previous snapshot's IDs than the guard allows.
fn removes_too_many(policy: &Policy, delta: &Delta) -> bool {
    delta.removed > 0 && policy.shrink_guard.exceeded(delta.removed, delta.previous)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Threshold;

    fn report(rows_accepted: u64) -> EntityReport {
        let mut r = EntityReport::missing("clientes");
        r.file = Some("clientes.csv".into());
        r.verdict = Verdict::Accepted;
        r.rows = rows_accepted;
        r.rows_accepted = rows_accepted;
        r
    }

    #[test]
    fn holds_empty_and_much_smaller_snapshots_only() {
        let policy = Policy {
            shrink_guard: Threshold::Percent(50.0),
            ..Policy::default()
        };
        let mut r = report(0);
        assert!(apply(&policy, None, &mut r));
        assert_eq!(r.verdict, Verdict::Held);
        assert_eq!(r.counts[&Code::Shrink], 1);
        let facts = &r.issues[0].facts;
        assert_eq!(
            (facts.rows_accepted, facts.previous_rows_accepted),
            (Some(0), None)
        );
        let mut smaller = report(49);
        assert!(apply(&policy, Some(100), &mut smaller));
        let facts = &smaller.issues[0].facts;
        assert_eq!(
            (facts.rows_accepted, facts.previous_rows_accepted),
            (Some(49), Some(100))
        );
        assert_eq!(facts.shrink_guard.as_deref(), Some("50%"));
        let by_count = Policy {
            shrink_guard: Threshold::Count(10),
            ..Policy::default()
        };
        let mut smaller = report(89);
        assert!(apply(&by_count, Some(100), &mut smaller));
        assert_eq!(smaller.issues[0].facts.shrink_guard.as_deref(), Some("10"));
        assert!(!apply(&policy, Some(100), &mut report(50)));
        assert!(!apply(&policy, Some(100), &mut report(150)));
        assert!(!apply(&policy, None, &mut report(10)));
        let mut rejected = report(0);
        rejected.verdict = Verdict::Rejected;
        assert!(!apply(&policy, Some(100), &mut rejected));
    }

    #[test]
    fn holds_a_snapshot_of_as_many_rows_that_removes_too_many_ids() {
        let policy = Policy {
            shrink_guard: Threshold::Percent(50.0),
            ..Policy::default()
        };
        let with_delta = |removed: u64| {
            let mut r = report(100);
            r.delta = Some(Delta {
                added: removed,
                removed,
                changed: 0,
                previous: 100,
                removed_ids: vec![],
            });
            r
        };
        // Another branch's export: the same 100 rows, 60 of the last IDs gone.
        let mut replaced = with_delta(60);
        assert!(apply(&policy, Some(100), &mut replaced));
        assert_eq!(replaced.verdict, Verdict::Held);
        let facts = &replaced.issues[0].facts;
        assert_eq!(
            (facts.ids_removed, facts.previous_ids),
            (Some(60), Some(100))
        );
        assert_eq!(facts.rows_accepted, Some(100));
        assert!(replaced.issues[0].message.contains("60 of the 100 IDs"));
        // Half of them gone is within the guard; so is no delta at all.
        assert!(!apply(&policy, Some(100), &mut with_delta(50)));
        assert!(!apply(&policy, Some(100), &mut report(100)));
    }
}

//! Column changes (`columns-changed`): a snapshot's header against the header of its entity's
//! last accepted snapshot. An ERP update or a changed export template that drops, renames or
//! shuffles a column silently breaks the importer's mapping at the destination: it is said,
//! and per `[policy] on_column_change` the snapshot is held until `sheetdrop approve`.
//!
//! The comparison ([`compare`]) is a pure function of the two headers:
//! - Columns are matched by name (as the report stores them: trimmed, long names cut). A
//!   name that appears several times (unnamed columns) is matched occurrence by occurrence:
//!   the 2nd unnamed column of one header with the 2nd of the other.
//! - **Renamed**: when both headers have the same number of columns, a position whose name
//!   differs, where the old name is nowhere in the new header and the new name nowhere in the
//!   old one (same position, new name).
//! - **Removed** / **added**: the other names only in the old / only in the new header.
//! - **Moved**: of the columns in both headers, the fewest that explain the new order: those
//!   outside a longest run kept in the same relative order (a longest increasing
//!   subsequence). `A B C D` → `B C D A` moved `A` only.
//!
//! The first snapshot of an entity has nothing to compare with: no issue.

use super::{Code, EntityReport, Facts, Issue, Severity, Verdict};
use crate::config::OnColumnChange;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A column that kept its position under a new name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenamedColumn {
    /// Its name in the last accepted snapshot.
    pub from: String,
    /// Its name now.
    pub to: String,
}

/// What changed between two headers ([`compare`]); every list in the order of the header
/// it comes from (removed: the old one; the others: the new one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnChanges {
    /// Columns only in the new header (not renames).
    pub added: Vec<String>,
    /// Columns only in the old header (not renames).
    pub removed: Vec<String>,
    /// Columns at the same position under a new name.
    pub renamed: Vec<RenamedColumn>,
    /// Columns in both headers whose place in the order changed.
    pub moved: Vec<String>,
}

impl ColumnChanges {
    /// True when the headers are the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.moved.is_empty()
    }

    /// True when `policy` holds a snapshot with these changes: `hold` any change,
    /// `hold-removed` a removed or renamed column, `warn` none.
    pub fn holds(&self, policy: OnColumnChange) -> bool {
        match policy {
            OnColumnChange::Hold => !self.is_empty(),
            OnColumnChange::HoldRemoved => !self.removed.is_empty() || !self.renamed.is_empty(),
            OnColumnChange::Warn => false,
        }
    }
}

/// Each name of `header` with its occurrence number (0 for the first time it appears), so
/// that every key is unique.
fn keyed(header: &[String]) -> Vec<(&str, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    header
        .iter()
        .map(|name| {
            let n = seen.entry(name.as_str()).or_insert(0);
            *n += 1;
            (name.as_str(), *n - 1)
        })
        .collect()
}

/// What changed from the `previous` header (the last accepted snapshot's) to `current`; see
/// the module's documentation for the rules.
pub fn compare(previous: &[String], current: &[String]) -> ColumnChanges {
    let old = keyed(previous);
    let new = keyed(current);
    let old_at: HashMap<(&str, usize), usize> =
        old.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let new_at: HashMap<(&str, usize), usize> =
        new.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut changes = ColumnChanges::default();
    let mut renamed_old = vec![false; old.len()];
    let mut renamed_new = vec![false; new.len()];
    if old.len() == new.len() {
        for (i, (o, n)) in old.iter().zip(&new).enumerate() {
            if o != n && !new_at.contains_key(o) && !old_at.contains_key(n) {
                renamed_old[i] = true;
                renamed_new[i] = true;
                changes.renamed.push(RenamedColumn {
                    from: o.0.to_string(),
                    to: n.0.to_string(),
                });
            }
        }
    }
    for (i, key) in old.iter().enumerate() {
        if !renamed_old[i] && !new_at.contains_key(key) {
            changes.removed.push(key.0.to_string());
        }
    }
    for (i, key) in new.iter().enumerate() {
        if !renamed_new[i] && !old_at.contains_key(key) {
            changes.added.push(key.0.to_string());
        }
    }
    // The common columns in the new order, by their old position: those outside a longest
    // increasing run of old positions moved.
    let common: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(j, key)| old_at.get(key).map(|&i| (j, i)))
        .collect();
    let olds: Vec<usize> = common.iter().map(|&(_, i)| i).collect();
    let kept = longest_increasing(&olds);
    for (k, &(j, _)) in common.iter().enumerate() {
        if !kept[k] {
            changes.moved.push(new[j].0.to_string());
        }
    }
    changes
}

/// Marks the members of one longest strictly increasing subsequence of `values`
/// (O(n log n)).
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    // tails[l]: the index of the smallest last value of an increasing run of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let l = tails.partition_point(|&t| values[t] < v);
        before[i] = l.checked_sub(1).map(|p| tails[p]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut kept = vec![false; values.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = before[i];
    }
    kept
}

/// Compares `report`'s columns with `previous` (the header of its entity's last accepted
/// snapshot; `None` when there is none: nothing to compare) and, when they differ, adds one
/// `columns-changed` issue: the hold reason (an error, verdict `held`, released by
/// `sheetdrop approve`) when `policy` holds these changes and the report could be
/// published or is held already, else a warning. A rejected report gets the warning too:
/// a dropped column often is why. Returns whether this held the report.
pub fn apply(
    policy: OnColumnChange,
    previous: Option<&[String]>,
    report: &mut EntityReport,
) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    if report.verdict == Verdict::Missing || report.columns.is_empty() {
        return false;
    }
    let changes = compare(previous, &report.columns);
    if changes.is_empty() {
        return false;
    }
    let holds = changes.holds(policy) && (report.publishable() || report.verdict == Verdict::Held);
    let message = message(&changes, holds.then_some(report.entity.as_str()));
    let facts = Facts {
        columns_added: some(changes.added),
        columns_removed: some(changes.removed),
        columns_renamed: some(changes.renamed),
        columns_moved: some(changes.moved),
        on_column_change: holds.then(|| policy.config_spelling().to_string()),
        ..Facts::default()
    };
    let severity = if holds {
        report.verdict = Verdict::Held;
        Severity::Error
    } else {
        Severity::Warning
    };
    *report.counts.entry(Code::ColumnsChanged).or_insert(0) += 1;
    report.issues.push(Issue {
        facts,
        message,
        ..Issue::new(Code::ColumnsChanged, severity)
    });
    holds
}

/// `list`, or `None` when it is empty (so the fact is absent).
fn some<T>(list: Vec<T>) -> Option<Vec<T>> {
    (!list.is_empty()).then_some(list)
}

/// The English message: what changed, and whether (`held`: the entity) it is held.
fn message(changes: &ColumnChanges, held: Option<&str>) -> String {
    let names = |list: &[String]| list.join(", ");
    let mut parts = Vec::new();
    if !changes.removed.is_empty() {
        parts.push(format!("removed {}", names(&changes.removed)));
    }
    if !changes.renamed.is_empty() {
        let renamed: Vec<String> = changes
            .renamed
            .iter()
            .map(|r| format!("{} → {}", r.from, r.to))
            .collect();
        parts.push(format!("renamed {}", renamed.join(", ")));
    }
    if !changes.added.is_empty() {
        parts.push(format!("added {}", names(&changes.added)));
    }
    if !changes.moved.is_empty() {
        parts.push(format!("moved {}", names(&changes.moved)));
    }
    let mut message = format!(
        "the columns changed since the last accepted file: {}",
        parts.join("; ")
    );
    if let Some(entity) = held {
        message.push_str(&format!(
            "; held until approved with `sheetdrop approve {entity}`"
        ));
    }
    super::findings::cut_message(&message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &str) -> Vec<String> {
        names
            .split(' ')
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect()
    }

    fn renamed(from: &str, to: &str) -> RenamedColumn {
        RenamedColumn {
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn the_same_header_has_no_change() {
        assert!(compare(&h("A B C"), &h("A B C")).is_empty());
        assert!(compare(&[], &[]).is_empty());
    }

    #[test]
    fn a_dropped_column_is_removed_and_nothing_else() {
        let c = compare(&h("ID NOMBRE EMAIL TEL"), &h("ID NOMBRE TEL"));
        assert_eq!(c.removed, h("EMAIL"));
        assert!(
            c.added.is_empty() && c.renamed.is_empty() && c.moved.is_empty(),
            "{c:?}"
        );
    }

    #[test]
    fn a_new_column_is_added_wherever_it_is() {
        let c = compare(&h("ID NOMBRE"), &h("ID CUIT NOMBRE"));
        assert_eq!(c.added, h("CUIT"));
        assert!(
            c.removed.is_empty() && c.renamed.is_empty() && c.moved.is_empty(),
            "{c:?}"
        );
    }

    #[test]
    fn same_position_new_name_same_count_is_a_rename() {
        let c = compare(&h("ID TEL EMAIL"), &h("ID TELEFONO EMAIL"));
        assert_eq!(c.renamed, vec![renamed("TEL", "TELEFONO")]);
        assert!(
            c.added.is_empty() && c.removed.is_empty() && c.moved.is_empty(),
            "{c:?}"
        );
        // Two at once.
        let c = compare(&h("A B C"), &h("X B Y"));
        assert_eq!(c.renamed, vec![renamed("A", "X"), renamed("C", "Y")]);
    }

    #[test]
    fn a_different_count_is_never_a_rename() {
        let c = compare(&h("ID TEL EMAIL"), &h("ID TELEFONO EMAIL CUIT"));
        assert!(c.renamed.is_empty());
        assert_eq!((c.removed, c.added), (h("TEL"), h("TELEFONO CUIT")));
    }

    #[test]
    fn a_name_that_is_elsewhere_is_not_a_rename() {
        // Position 1 holds C, which was there before (at 2): B removed, D added, C kept.
        let c = compare(&h("A B C"), &h("A C D"));
        assert!(c.renamed.is_empty(), "{c:?}");
        assert_eq!((c.removed, c.added), (h("B"), h("D")));
        assert!(c.moved.is_empty());
    }

    #[test]
    fn moved_is_the_fewest_columns_that_explain_the_new_order() {
        let c = compare(&h("A B C D"), &h("B C D A"));
        assert_eq!(c.moved, h("A"));
        let c = compare(&h("A B C D"), &h("A C B D"));
        assert_eq!(c.moved.len(), 1, "{c:?}");
        let c = compare(&h("A B C"), &h("C B A"));
        assert_eq!(c.moved.len(), 2, "{c:?}");
        // A swap with a removal: moves are among the common columns only.
        let c = compare(&h("A B C D"), &h("C A B"));
        assert_eq!((c.removed, c.moved), (h("D"), h("C")));
    }

    #[test]
    fn repeated_names_are_matched_occurrence_by_occurrence() {
        let blank = |n| vec![String::new(); n];
        let mut before = h("A");
        before.extend(blank(2));
        let mut after = h("A");
        after.extend(blank(1));
        let c = compare(&before, &after);
        assert_eq!(c.removed, blank(1));
        assert!(c.added.is_empty() && c.moved.is_empty() && c.renamed.is_empty());
    }

    #[test]
    fn each_policy_holds_what_it_says() {
        let added = compare(&h("A B"), &h("A B C"));
        let moved = compare(&h("A B"), &h("B A"));
        let removed = compare(&h("A B"), &h("A"));
        let renamed = compare(&h("A B"), &h("A X"));
        for (changes, hold_removed) in [
            (&added, false),
            (&moved, false),
            (&removed, true),
            (&renamed, true),
        ] {
            assert_eq!(
                changes.holds(OnColumnChange::HoldRemoved),
                hold_removed,
                "{changes:?}"
            );
            assert!(changes.holds(OnColumnChange::Hold), "{changes:?}");
            assert!(!changes.holds(OnColumnChange::Warn), "{changes:?}");
        }
        assert!(!ColumnChanges::default().holds(OnColumnChange::Hold));
    }

    fn report(columns: &str, verdict: Verdict) -> EntityReport {
        let mut r = EntityReport::missing("clientes");
        r.file = Some("clientes.csv".into());
        r.verdict = verdict;
        r.columns = h(columns);
        r.rows = 10;
        r.rows_accepted = 10;
        r
    }

    #[test]
    fn apply_holds_or_warns_and_says_what_changed() {
        let before = h("ID NOMBRE EMAIL");
        // First snapshot: nothing to compare.
        let mut first = report("ID NOMBRE", Verdict::Accepted);
        assert!(!apply(OnColumnChange::Hold, None, &mut first));
        assert!(first.issues.is_empty());
        // Unchanged.
        let mut same = report("ID NOMBRE EMAIL", Verdict::Accepted);
        assert!(!apply(OnColumnChange::Hold, Some(&before), &mut same));
        assert!(same.issues.is_empty());
        // Removed under hold-removed: held, an error with the facts.
        let mut dropped = report("ID NOMBRE", Verdict::Accepted);
        assert!(apply(
            OnColumnChange::HoldRemoved,
            Some(&before),
            &mut dropped
        ));
        assert_eq!(dropped.verdict, Verdict::Held);
        assert_eq!(dropped.counts[&Code::ColumnsChanged], 1);
        let issue = &dropped.issues[0];
        assert_eq!(issue.severity, Severity::Error);
        assert_eq!(issue.facts.columns_removed, Some(h("EMAIL")));
        assert_eq!(
            issue.facts.on_column_change.as_deref(),
            Some("hold-removed")
        );
        assert!(issue.message.contains("removed EMAIL"), "{}", issue.message);
        assert!(
            issue.message.contains("sheetdrop approve clientes"),
            "{}",
            issue.message
        );
        // Added under hold-removed: a warning, still accepted.
        let mut added = report("ID NOMBRE EMAIL CUIT", Verdict::Partial);
        assert!(!apply(
            OnColumnChange::HoldRemoved,
            Some(&before),
            &mut added
        ));
        assert_eq!(added.verdict, Verdict::Partial);
        let issue = &added.issues[0];
        assert_eq!(issue.severity, Severity::Warning);
        assert_eq!(issue.facts.columns_added, Some(h("CUIT")));
        assert_eq!(issue.facts.on_column_change, None);
        // Warn never holds.
        let mut dropped = report("ID NOMBRE", Verdict::Accepted);
        assert!(!apply(OnColumnChange::Warn, Some(&before), &mut dropped));
        assert_eq!(dropped.verdict, Verdict::Accepted);
        // A rejected file is told, never held.
        let mut rejected = report("ID NOMBRE", Verdict::Rejected);
        assert!(!apply(OnColumnChange::Hold, Some(&before), &mut rejected));
        assert_eq!(rejected.verdict, Verdict::Rejected);
        assert_eq!(rejected.issues[0].severity, Severity::Warning);
        // Held already (the shrink guard): the change is a second hold reason.
        let mut held = report("ID NOMBRE", Verdict::Held);
        assert!(apply(OnColumnChange::Hold, Some(&before), &mut held));
        assert_eq!(held.issues[0].severity, Severity::Error);
    }
}

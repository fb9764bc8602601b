//! Collecting issues (listed up to a cap, counted in full) and turning them into a verdict.

use super::{Code, EntityReport, Facts, Issue, Severity, Verdict, MAX_LISTED_PER_CODE};
use crate::config::{Entity, OnError, Policy};
use crate::table::{self, Reader};
use std::collections::BTreeMap;

/// Cell values longer than this are cut in issues (the report is for people).
const MAX_VALUE_CHARS: usize = 200;

/// Cuts long cell text for display.
pub(super) fn cut(value: &str) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

/// Issues found so far, listed up to a cap per code, counted in full.
#[derive(Default)]
pub(super) struct Findings {
    issues: Vec<Issue>,
    counts: BTreeMap<Code, u64>,
    /// Error-severity issues found so far.
    pub errors: u64,
}

impl Findings {
    /// Counts an issue of `code` and lists it unless the code already has the maximum listed;
    /// `fill` completes the blank issue it is given, and runs only when the issue is listed.
    pub fn add(&mut self, code: Code, severity: Severity, fill: impl FnOnce(Issue) -> Issue) {
        let count = self.counts.entry(code).or_insert(0);
        *count += 1;
        if severity == Severity::Error {
            self.errors += 1;
        }
        if *count <= MAX_LISTED_PER_CODE {
            let blank = Issue {
                code,
                severity,
                row: None,
                line: None,
                column: None,
                value: None,
                first_row: None,
                facts: Facts::default(),
                message: String::new(),
            };
            self.issues.push(fill(blank));
        }
    }
}

/// What the policy makes of a file's findings.
pub(super) struct Outcome {
    verdict: Verdict,
    rows_accepted: u64,
}

/// Applies `policy`: a file-level error or too many left-out rows reject the file.
pub(super) fn decide(policy: &Policy, file_errors: u64, rows: u64, left_out: u64) -> Outcome {
    let rejected = file_errors > 0
        || (policy.on_error == OnError::Reject && left_out > 0)
        || policy.max_invalid_rows.exceeded(left_out, rows);
    let verdict = match (rejected, left_out) {
        (true, _) => Verdict::Rejected,
        (false, 0) => Verdict::Accepted,
        (false, _) => Verdict::Partial,
    };
    let rows_accepted = if rejected { 0 } else { rows - left_out };
    Outcome {
        verdict,
        rows_accepted,
    }
}

/// The entity's report from its reader (for the dialect and rows) and findings.
pub(super) fn report(
    entity: &Entity,
    file_name: &str,
    reader: &Reader,
    columns: Vec<String>,
    findings: Findings,
    outcome: Outcome,
) -> EntityReport {
    let dialect = reader.dialect();
    EntityReport {
        entity: entity.name.clone(),
        file: Some(file_name.to_string()),
        encoding: Some(table::encoding_name(dialect.encoding)),
        delimiter: Some((dialect.delimiter as char).to_string()),
        rows: reader.rows(),
        columns,
        verdict: outcome.verdict,
        rows_accepted: outcome.rows_accepted,
        counts: findings.counts,
        issues: findings.issues,
        left_out_rows: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Threshold;

    fn policy(on_error: OnError, max: Threshold) -> Policy {
        Policy {
            on_error,
            max_invalid_rows: max,
            ..Policy::default()
        }
    }

    #[test]
    fn verdicts_follow_the_policy() {
        let skip = policy(OnError::SkipRows, Threshold::Percent(1.0));
        let v = |p: &Policy, file_errors, rows, left_out| {
            let o = decide(p, file_errors, rows, left_out);
            (o.verdict, o.rows_accepted)
        };
        assert_eq!(v(&skip, 0, 100, 0), (Verdict::Accepted, 100));
        assert_eq!(v(&skip, 0, 100, 1), (Verdict::Partial, 99));
        assert_eq!(v(&skip, 0, 100, 2), (Verdict::Rejected, 0));
        assert_eq!(v(&skip, 1, 100, 0), (Verdict::Rejected, 0));
        assert_eq!(v(&skip, 0, 0, 0), (Verdict::Accepted, 0));
        let reject = policy(OnError::Reject, Threshold::Percent(50.0));
        assert_eq!(v(&reject, 0, 100, 1), (Verdict::Rejected, 0));
        let count = policy(OnError::SkipRows, Threshold::Count(3));
        assert_eq!(v(&count, 0, 10, 3), (Verdict::Partial, 7));
        assert_eq!(v(&count, 0, 10, 4), (Verdict::Rejected, 0));
    }

    #[test]
    fn issues_are_listed_up_to_the_cap_and_counted_in_full() {
        let mut f = Findings::default();
        for _ in 0..MAX_LISTED_PER_CODE + 5 {
            f.add(Code::DuplicateId, Severity::Error, |i| i);
        }
        f.add(Code::EmptyHeader, Severity::Warning, |i| i);
        assert_eq!(f.issues.len() as u64, MAX_LISTED_PER_CODE + 1);
        assert_eq!(f.counts[&Code::DuplicateId], MAX_LISTED_PER_CODE + 5);
        assert_eq!(f.errors, MAX_LISTED_PER_CODE + 5);
    }

    #[test]
    fn long_values_are_cut_on_a_character_boundary() {
        let long = "ñ".repeat(MAX_VALUE_CHARS + 10);
        let cut_value = cut(&long);
        assert_eq!(cut_value.chars().count(), MAX_VALUE_CHARS + 1);
        assert!(cut_value.ends_with('…'));
        assert_eq!(cut("short"), "short");
    }
}

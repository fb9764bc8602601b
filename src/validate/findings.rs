//! Collecting issues (listed up to a cap, counted in full) and turning them into a verdict.

use super::{Code, EntityReport, Facts, Issue, Severity, Verdict, MAX_LISTED_PER_CODE};
use crate::config::{Entity, OnError, Policy};
use crate::table::{self, Dialect, Oversize};
use std::collections::BTreeMap;

/// Cell values (and column and file names) longer than this are cut in issues: the report,
/// the stored state and the status are for people, and must not grow with a hostile cell.
pub const MAX_VALUE_CHARS: usize = 200;

/// An issue's message longer than this is cut (it may quote values and column names).
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// Cuts long cell text for display: its first [`MAX_VALUE_CHARS`] characters and "…".
pub(super) fn cut(value: &str) -> String {
    cut_to(value, MAX_VALUE_CHARS)
}

/// `text`, cut to its first `max` characters and "…" when longer.
fn cut_to(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

impl Issue {
    /// The issue with every text bounded: the value cut to [`MAX_VALUE_CHARS`] characters
    /// (its full length then in the facts' `value_chars`), the column and file names too, the
    /// message to [`MAX_MESSAGE_CHARS`]. Every issue a file's checks find goes through it, so
    /// what is stored, reported and shown stays small whatever the file holds.
    pub fn bounded(mut self) -> Issue {
        if let Some(value) = &self.value {
            if value.len() > MAX_VALUE_CHARS {
                let chars = value.chars().count();
                if chars > MAX_VALUE_CHARS {
                    self.value = Some(cut(value));
                    self.facts.value_chars = Some(chars as u64);
                }
            }
        }
        let short = |text: &mut Option<String>| {
            if let Some(t) = text {
                *t = cut(t);
            }
        };
        short(&mut self.column);
        short(&mut self.facts.closest_column);
        short(&mut self.facts.ref_entity);
        short(&mut self.facts.ref_file);
        short(&mut self.facts.os_error);
        self.message = cut_to(&self.message, MAX_MESSAGE_CHARS);
        self
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
            self.issues.push(fill(blank).bounded());
        }
    }

    /// How many issues of `code` were found (listed or not).
    pub fn count(&self, code: Code) -> u64 {
        self.counts.get(&code).copied().unwrap_or(0)
    }

    /// Adds the `oversize-record` issue of `oversize` (an error of the whole file).
    pub fn oversize(&mut self, oversize: Oversize) {
        let what = if oversize.row.is_some() {
            "the record"
        } else {
            "the header"
        };
        self.add(Code::OversizeRecord, Severity::Error, |i| Issue {
            row: oversize.row,
            line: Some(oversize.line),
            facts: Facts {
                max_record_bytes: Some(oversize.limit),
                ..Facts::default()
            },
            message: format!(
                "{what} starting on line {} is larger than {} bytes, the limit of [policy] \
                 max_record_bytes: the file is rejected without being read further; raise the \
                 limit if such records are real",
                oversize.line, oversize.limit
            ),
            ..i
        });
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

/// The entity's report from the dialect and row count its reader ended with, and findings.
/// Column names are cut like values ([`cut`]).
pub(super) fn report(
    entity: &Entity,
    file_name: &str,
    (dialect, rows): (Dialect, u64),
    columns: Vec<String>,
    findings: Findings,
    outcome: Outcome,
) -> EntityReport {
    EntityReport {
        entity: entity.name.clone(),
        file: Some(file_name.to_string()),
        encoding: Some(table::encoding_name(dialect.encoding)),
        delimiter: Some((dialect.delimiter as char).to_string()),
        rows,
        columns: columns.iter().map(|c| cut(c)).collect(),
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
    fn issues_are_bounded_and_say_the_full_length_of_a_cut_value() {
        let mut f = Findings::default();
        let huge = "A".repeat(1_234_567);
        f.add(Code::DuplicateId, Severity::Error, |i| Issue {
            column: Some("C".repeat(5000)),
            value: Some(huge.clone()),
            message: format!("ID {huge} already used on row 1"),
            ..i
        });
        let issue = &f.issues[0];
        let value = issue.value.as_deref().unwrap();
        assert_eq!(value.chars().count(), MAX_VALUE_CHARS + 1);
        assert!(value.starts_with("AAAA") && value.ends_with('…'));
        assert_eq!(issue.facts.value_chars, Some(1_234_567));
        assert_eq!(issue.message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert_eq!(
            issue.column.as_ref().unwrap().chars().count(),
            MAX_VALUE_CHARS + 1
        );
        let json = serde_json::to_string(issue).unwrap();
        assert!(json.len() < 2000, "{}", json.len());
        assert!(json.contains(r#""value_chars":1234567"#), "{json}");
        // A value at the bound is kept whole, and says no length.
        let exact = "ñ".repeat(MAX_VALUE_CHARS);
        f.add(Code::DuplicateId, Severity::Error, |i| Issue {
            value: Some(exact.clone()),
            ..i
        });
        assert_eq!(f.issues[1].value.as_deref(), Some(exact.as_str()));
        assert_eq!(f.issues[1].facts.value_chars, None);
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

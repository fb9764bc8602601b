//! Collecting issues (listed up to a cap, counted in full) and turning them into a verdict.

use super::{
    Code, EntityReport, Facts, Issue, Severity, Verdict, WorkbookProblem, MAX_LISTED_PER_CODE,
};
use crate::config::{Entity, OnError, Policy};
use crate::table::{
    self, column_letters, Dialect, Ending, LooksLike, Oversize, Record, StrayQuote, WorkbookError,
};
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

/// An issue's `message` cut to [`MAX_MESSAGE_CHARS`] (for issues made outside [`Findings`]).
pub(super) fn cut_message(message: &str) -> String {
    cut_to(message, MAX_MESSAGE_CHARS)
}

/// `text`, cut to its first `max` characters and "…" when longer.
fn cut_to(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Whether `c` is a control character as `table::Record::controls` finds them: a C0
/// control other than tab, CR and LF, or DEL.
pub(super) fn is_control(c: char) -> bool {
    c.is_ascii() && crate::table::is_control_byte(c as u8)
}

/// `text` with each control character ([`is_control`]) written `\x00`, so a report shows it
/// and a terminal or a page does not act on it.
pub(super) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&format!("\\x{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
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
    /// Set when a stray quote runs to the end of the file: no byte tells it from a file cut
    /// inside a quoted field, so the whole file is rejected, as a cut one is.
    pub open_stray_quote: bool,
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
            self.issues.push(fill(Issue::new(code, severity)).bounded());
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

impl Findings {
    /// Adds the `not-a-table` issue of a file that looks like `kind` (an error of the whole
    /// file).
    pub fn not_a_table(&mut self, kind: LooksLike) {
        let what = match kind {
            LooksLike::Pdf => "a PDF",
            LooksLike::Zip => "a ZIP archive that is not a workbook (.xlsx, .ods)",
            LooksLike::Office => "an Office document that is not an Excel workbook (a Word or PowerPoint 97-2003 file?)",
            LooksLike::Image => "an image",
            LooksLike::Executable => "a program",
            LooksLike::Gzip => "a compressed (gzip) file",
            LooksLike::Binary | LooksLike::Other => "binary content (NUL bytes), not text",
        };
        self.add(Code::NotATable, Severity::Error, |i| Issue {
            facts: Facts {
                looks_like: Some(kind),
                ..Facts::default()
            },
            message: format!("this is {what}, not a CSV: export the data as CSV"),
            ..i
        });
    }

    /// Adds the `too-many-invalid-rows` issue (an error of the whole file) when the rows left
    /// out, `left_out` of `rows`, reject a file that has no file-level error: they pass the
    /// policy's `max_invalid_rows`, or `on_error = "reject"` and there is at least one. It
    /// says why nothing of the file is published; the rows themselves are listed already.
    pub fn too_many_invalid_rows(&mut self, policy: &Policy, rows: u64, left_out: u64) {
        if !rows_reject(policy, rows, left_out) {
            return;
        }
        let reject = policy.on_error == OnError::Reject;
        let limit = (!reject).then(|| policy.max_invalid_rows.config_spelling());
        let why = match &limit {
            Some(_) => format!(
                "above [policy] max_invalid_rows ({})",
                policy.max_invalid_rows
            ),
            None => "and [policy] on_error = \"reject\" rejects a file with any".to_string(),
        };
        let message = format!(
            "{left_out} of {rows} rows ({}) had errors, {why}: nothing of the file was \
             published; fix the listed rows, or raise the limit",
            percent(left_out, rows)
        );
        self.add(Code::TooManyInvalidRows, Severity::Error, |i| Issue {
            facts: Facts {
                invalid_rows: Some(left_out),
                total_rows: Some(rows),
                max_invalid_rows: limit,
                ..Facts::default()
            },
            message,
            ..i
        });
    }
}

impl Findings {
    /// Adds the `stray-quote` issue of `record` (its field `stray.field`, named `column`),
    /// and notes a quote never closed ([`Findings::open_stray_quote`]).
    pub fn stray_quote(&mut self, record: &Record, stray: StrayQuote, column: Option<String>) {
        let open = record.ending() == Ending::InsideQuotes;
        self.open_stray_quote |= open;
        let line = record.line() + stray.line_offset;
        self.add(Code::StrayQuote, Severity::Error, |i| {
            // The quote's own line: the rest of its field is the swallowed rows.
            let text = record.field(stray.field).unwrap_or_default();
            let first = text
                .split('\n')
                .next()
                .unwrap_or_default()
                .trim_end_matches('\r');
            let lines = match stray.lines {
                1 => "1 line".to_string(),
                n => format!("{n} lines"),
            };
            Issue {
                row: Some(record.row()),
                line: Some(line),
                value: Some(format!("\"{first}")),
                facts: Facts {
                    lines_swallowed: Some(stray.lines),
                    open_quote: Some(open),
                    ..Facts::default()
                },
                message: if open {
                    format!(
                        "a quote opens a field on this row and is never closed: the {lines} \
                     after it, shaped like whole rows, went into one cell up to the end of the \
                     file, so the whole file is rejected; remove the quote and export again"
                    )
                } else {
                    format!(
                        "a quote opens a field on this row and swallowed the {lines} after \
                     it, shaped like whole rows, into one cell: each counts as a row with an \
                     error; remove the quote and export again"
                    )
                },
                column,
                ..i
            }
        });
    }
}

/// `part` of `whole` as a percentage for people: whole numbers as they are ("10%"), others
/// with one decimal ("0.5%"), and never "0%" or "100%" for a part that is not (a
/// `.`-decimal: callers in other languages swap it).
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".into();
    }
    let p = part as f64 * 100.0 / whole as f64;
    let mut tenths = (p * 10.0).round() as u64;
    if part > 0 && tenths == 0 {
        tenths = 1;
    } else if part < whole && tenths == 1000 {
        tenths = 999;
    }
    match tenths % 10 {
        0 => format!("{}%", tenths / 10),
        d => format!("{}.{d}%", tenths / 10),
    }
}

/// What the policy makes of a file's findings.
pub(super) struct Outcome {
    verdict: Verdict,
    rows_accepted: u64,
}

/// True when `left_out` of `rows` left out reject the file: they pass `max_invalid_rows`, or
/// `on_error = "reject"` and there is one.
fn rows_reject(policy: &Policy, rows: u64, left_out: u64) -> bool {
    left_out > 0
        && (policy.on_error == OnError::Reject || policy.max_invalid_rows.exceeded(left_out, rows))
}

/// Applies `policy`: a file-level error or too many left-out rows reject the file.
pub(super) fn decide(policy: &Policy, file_errors: u64, rows: u64, left_out: u64) -> Outcome {
    let rejected = file_errors > 0 || rows_reject(policy, rows, left_out);
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

/// Holds `report` (verdict `held`, a `shrink` issue) when it could be published but has no
/// row to publish (a header-only file, or every row left out under a lenient
/// `max_invalid_rows`): publishing it would empty the entity at the destination. The agent's
/// shrink guard (`agent::shrink`) holds it the same way, so `validate` and `run` agree; the
/// agent adds the last accepted count. Returns whether it was held.
pub fn hold_empty(report: &mut EntityReport) -> bool {
    if !report.publishable() || report.rows_accepted > 0 {
        return false;
    }
    report.left_out_rows.clear();
    report.hold(
        Facts {
            rows_accepted: Some(0),
            ..Facts::default()
        },
        "the file has no rows to publish; held until approved".to_string(),
    );
    true
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
        sheet: None,
        rows,
        columns: columns.iter().map(|c| cut(c)).collect(),
        verdict: outcome.verdict,
        rows_accepted: outcome.rows_accepted,
        counts: findings.counts,
        issues: findings.issues,
        left_out_rows: Vec::new(),
        delta: None,
    }
}

/// The report rejecting a workbook that cannot be read as a table (`unreadable`): the
/// configured sheet is absent (the facts name the sheets it has), or it is too big or
/// damaged (the reason as `os_error`, in English).
pub(super) fn workbook_refused(
    entity: &Entity,
    file_name: &str,
    error: &WorkbookError,
) -> EntityReport {
    let problem = |p| Facts {
        workbook_problem: Some(p),
        ..Facts::default()
    };
    let facts = match error {
        WorkbookError::MissingSheet { sheet, sheets } => Facts {
            sheet: Some(sheet.clone()),
            sheets: Some(sheets.clone()),
            ..Facts::default()
        },
        WorkbookError::TooBig { limit } => Facts {
            max_workbook_bytes: Some(*limit),
            ..problem(WorkbookProblem::TooBig)
        },
        WorkbookError::Cut => problem(WorkbookProblem::Cut),
        WorkbookError::Damaged(reason) => Facts {
            os_error: Some(reason.clone()),
            ..problem(WorkbookProblem::Damaged)
        },
    };
    let message = format!("cannot read {file_name}: {error}");
    EntityReport::rejected(&entity.name, file_name, Code::Unreadable, facts, message)
}

/// Names the cell of every issue of a workbook's report that has a line (the sheet's row)
/// and a column: `C17`. `first_column` is the sheet's column of the first field.
pub(super) fn name_cells(report: &mut EntityReport, names: &[String], first_column: u32) {
    for issue in &mut report.issues {
        let (Some(line), Some(column)) = (issue.line, &issue.column) else {
            continue;
        };
        if let Some(at) = names.iter().position(|n| n == column) {
            let letters = column_letters(first_column.saturating_add(at as u32));
            issue.facts.cell = Some(format!("{letters}{line}"));
        }
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
    fn a_file_rejected_for_its_bad_rows_says_why_with_the_limit_as_configured() {
        let mut f = Findings::default();
        let one_percent = policy(OnError::SkipRows, Threshold::Percent(1.0));
        f.too_many_invalid_rows(&one_percent, 100, 1);
        assert!(f.issues.is_empty(), "1 of 100 is within 1%");
        f.too_many_invalid_rows(&one_percent, 20, 2);
        let issue = &f.issues[0];
        assert_eq!(
            (issue.code, issue.severity),
            (Code::TooManyInvalidRows, Severity::Error)
        );
        assert_eq!((issue.row, issue.line), (None, None));
        assert_eq!(issue.facts.invalid_rows, Some(2));
        assert_eq!(issue.facts.total_rows, Some(20));
        assert_eq!(issue.facts.max_invalid_rows.as_deref(), Some("1%"));
        assert!(
            issue
                .message
                .starts_with("2 of 20 rows (10%) had errors, above"),
            "{}",
            issue.message
        );
        let mut f = Findings::default();
        f.too_many_invalid_rows(&policy(OnError::SkipRows, Threshold::Count(5)), 1000, 6);
        assert_eq!(f.issues[0].facts.max_invalid_rows.as_deref(), Some("5"));
        let mut f = Findings::default();
        let reject = policy(OnError::Reject, Threshold::Percent(50.0));
        f.too_many_invalid_rows(&reject, 10, 0);
        assert!(f.issues.is_empty());
        f.too_many_invalid_rows(&reject, 10, 1);
        assert_eq!(f.issues[0].facts.max_invalid_rows, None);
        assert!(
            f.issues[0].message.contains("on_error"),
            "{}",
            f.issues[0].message
        );
    }

    #[test]
    fn a_publishable_report_without_rows_to_publish_is_held() {
        let mut empty = EntityReport::missing("clientes");
        empty.verdict = Verdict::Accepted;
        assert!(hold_empty(&mut empty));
        assert_eq!(empty.verdict, Verdict::Held);
        assert_eq!(empty.counts[&Code::Shrink], 1);
        assert_eq!(empty.issues[0].facts.rows_accepted, Some(0));
        let mut rows = EntityReport::missing("clientes");
        (rows.verdict, rows.rows, rows.rows_accepted) = (Verdict::Partial, 3, 1);
        assert!(!hold_empty(&mut rows));
        let mut rejected = EntityReport::missing("clientes");
        rejected.verdict = Verdict::Rejected;
        assert!(!hold_empty(&mut rejected));
        assert_eq!(rejected.verdict, Verdict::Rejected);
    }

    #[test]
    fn percentages_are_never_rounded_to_none_or_all() {
        assert_eq!(percent(2, 20), "10%");
        assert_eq!(percent(1, 200), "0.5%");
        assert_eq!(percent(1, 1_000_000), "0.1%");
        assert_eq!(percent(999_999, 1_000_000), "99.9%");
        assert_eq!(percent(3, 3), "100%");
        assert_eq!(percent(0, 0), "0%");
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
    fn control_characters_are_shown_escaped_and_tabs_and_breaks_are_not_controls() {
        assert_eq!(escaped("a\0b\u{1b}c\u{7f}"), "a\\x00b\\x1Bc\\x7F");
        assert_eq!(escaped("tab\there\r\nñ"), "tab\there\r\nñ");
        assert!(!is_control('\t') && !is_control('\n') && !is_control('\r'));
        assert!(is_control('\0') && is_control('\u{c}') && is_control('\u{7f}'));
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

//! Renderings of a [`Report`] for people and programs: JSON (CONTRACT.md §2) and a short text
//! summary for a terminal; and the HTML report of the agent's status ([`html`]), built from
//! each entity's stored report ([`StoredReport`]).
//!
//! Every value from a CSV or a file name is untrusted: the text rendering escapes control
//! characters so a cell cannot move the cursor, recolour or clear a support person's terminal.

pub mod html;
mod stored;

pub use stored::{StoredIssue, StoredReport};

use crate::validate::{EntityReport, Report, Severity, Verdict};
use std::fmt::Write as _;

/// How many issues per file the text summary shows.
const TEXT_ISSUES_PER_FILE: usize = 5;

/// The report as pretty-printed JSON, exactly the shape of CONTRACT.md §2.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report always serializes")
}

/// A short summary per entity (file, encoding, delimiter, rows, verdict, counts) and the
/// first issues of each file, for a person at a terminal.
pub fn to_text(report: &Report, folder: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Checked {}", printable(folder));
    for e in &report.entities {
        entity_text(&mut out, e);
    }
    out.push('\n');
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn entity_text(out: &mut String, e: &EntityReport) {
    let verdict = e.verdict.as_str().to_uppercase();
    let Some(file) = &e.file else {
        let _ = writeln!(out, "{:<12} {verdict}: no file found", e.entity);
        return;
    };
    let delimiter = match e.delimiter.as_deref() {
        Some("\t") => "tab".to_string(),
        Some(d) => format!("\"{d}\""),
        None => "?".into(),
    };
    let _ = writeln!(
        out,
        "{:<12} {verdict}: {} ({}, delimiter {delimiter}), {} rows, {}",
        e.entity,
        printable(file),
        e.encoding.as_deref().unwrap_or("?"),
        e.rows,
        match e.verdict {
            Verdict::Accepted => "all can be published".to_string(),
            Verdict::Partial => format!(
                "{} can be published, {} left out",
                e.rows_accepted,
                e.rows - e.rows_accepted
            ),
            _ => "nothing will be published".to_string(),
        }
    );
    if e.counts.is_empty() {
        return;
    }
    let counts: Vec<String> = e
        .counts
        .iter()
        .map(|(code, n)| format!("{} {n}", code.as_str()))
        .collect();
    let _ = writeln!(out, "{:<12} issues: {}", "", counts.join(", "));
    for issue in e.issues.iter().take(TEXT_ISSUES_PER_FILE) {
        let mut place = String::new();
        if let Some(row) = issue.row {
            let _ = write!(place, "row {row}");
        }
        if let Some(line) = issue.line {
            let _ = write!(
                place,
                "{}line {line}",
                if place.is_empty() { "" } else { ", " }
            );
        }
        let kind = match issue.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = if place.is_empty() {
            String::new()
        } else {
            format!("{place}: ")
        };
        let _ = writeln!(
            out,
            "{:<12} - {kind}: {place}{}",
            "",
            printable(&issue.message)
        );
    }
    let total: u64 = e.counts.values().sum();
    if total > TEXT_ISSUES_PER_FILE as u64 {
        let _ = writeln!(
            out,
            "{:<12}   ... and {} more (use --format json for all)",
            "",
            total - TEXT_ISSUES_PER_FILE as u64
        );
    }
}

fn summary_line(report: &Report) -> String {
    let count = |v: Verdict| report.entities.iter().filter(|e| e.verdict == v).count();
    let (partial, rejected) = (count(Verdict::Partial), count(Verdict::Rejected));
    if report.ok {
        "Result: every file found can be published. (validate only checks; it publishes nothing)"
            .into()
    } else {
        format!(
            "Result: {rejected} file(s) rejected, {partial} partial. (validate only checks; it publishes nothing)"
        )
    }
}

/// `text` with control characters (escape sequences, carriage returns, newlines) shown
/// escaped, so untrusted text cannot act on the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\x1b[2Jb\nc"), "a\\u{1b}[2Jb\\nc");
        assert_eq!(printable("Peña"), "Peña");
    }

    #[test]
    fn missing_entities_and_ok_reports_render() {
        let report = Report::new(vec![EntityReport::missing("clientes")]);
        let text = to_text(&report, "/x");
        assert!(
            text.contains("clientes") && text.contains("MISSING"),
            "{text}"
        );
        assert!(to_json(&report).contains("\"verdict\": \"missing\""));
    }
}

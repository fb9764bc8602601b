//! Renderings of a [`Report`] for people and programs: JSON (docs/contract.md §2) and a short text
//! summary for a terminal; and the HTML report of the agent's status ([`html`]), built from
//! each entity's stored report ([`StoredReport`]). Both say each issue's detail in the
//! report's language ([`detail`]).
//!
//! Every value from a CSV or a file name is untrusted: the text rendering escapes control
//! characters so a cell cannot move the cursor, recolour or clear a support person's terminal.

mod detail;
pub mod html;

pub use crate::i18n::printable;
pub use crate::validate::{counts_text, StoredIssue, StoredReport};
pub use detail::{detail, shown_value};

use crate::i18n::{Lang, Text};
use crate::validate::{EntityReport, Issue, Report, Severity, Verdict};
use std::fmt::Write as _;

/// How many issues per file the text summary shows.
const TEXT_ISSUES_PER_FILE: usize = 5;

/// The report as pretty-printed JSON, exactly the shape of docs/contract.md §2.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report always serializes")
}

/// A short summary per entity (file, encoding, delimiter, rows, verdict, counts) and the
/// first issues of each file, for a person at a terminal, in `lang`.
pub fn to_text(report: &Report, folder: &str, lang: Lang) -> String {
    let mut out = String::new();
    let folder = printable(folder);
    let _ = writeln!(
        out,
        "{}",
        lang.format(Text::CliChecked, &[("folder", &folder)])
    );
    for e in &report.entities {
        entity_text(&mut out, e, lang);
    }
    out.push('\n');
    out.push_str(&summary_line(report, lang));
    out.push('\n');
    out
}

fn entity_text(out: &mut String, e: &EntityReport, lang: Lang) {
    let verdict = lang.verdict(e.verdict.as_str()).to_uppercase();
    let Some(file) = &e.file else {
        let _ = writeln!(
            out,
            "{:<12} {verdict}: {}",
            e.entity,
            lang.text(Text::CliNoFile)
        );
        return;
    };
    let delimiter = match e.delimiter.as_deref() {
        Some(",") => lang.text(Text::DelimComma).to_string(),
        Some(";") => lang.text(Text::DelimSemicolon).to_string(),
        Some("\t") => lang.text(Text::DelimTab).to_string(),
        Some("|") => lang.text(Text::DelimPipe).to_string(),
        Some(d) => format!("\"{}\"", printable(d)),
        None => "?".into(),
    };
    let outcome = match e.verdict {
        Verdict::Accepted => lang.text(Text::CliAllPublishable).to_string(),
        Verdict::Partial => lang.format(
            Text::CliPartPublishable,
            &[
                ("accepted", &lang.number(e.rows_accepted)),
                ("left", &lang.number(e.rows - e.rows_accepted)),
            ],
        ),
        _ => lang.text(Text::CliNothingPublishable).to_string(),
    };
    let line = lang.format(
        Text::CliEntityLine,
        &[
            ("file", &printable(file)),
            ("encoding", &e.encoding.as_deref().unwrap_or("?")),
            ("delimiter", &delimiter),
            ("rows", &lang.plural(e.rows, Text::RowsOne, Text::RowsMany)),
            ("outcome", &outcome),
        ],
    );
    let _ = writeln!(out, "{:<12} {verdict}: {line}", e.entity);
    if e.counts.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{:<12} {}",
        "",
        counts_text(e.counts.iter().map(|(c, n)| (c.as_str(), *n)), lang)
    );
    for issue in e.issues.iter().take(TEXT_ISSUES_PER_FILE) {
        let mut place = Vec::new();
        if let Some(row) = issue.row {
            place.push(lang.format(Text::CliRow, &[("n", &row)]));
        }
        // In a workbook, the cell as the sheet names it (`C17`) says the line and the column.
        if let Some(cell) = &issue.facts.cell {
            place.push(lang.format(Text::CliCell, &[("cell", cell)]));
        } else if let Some(line) = issue.line {
            place.push(lang.format(Text::CliLine, &[("n", &line)]));
        }
        let kind = lang
            .text(match issue.severity {
                Severity::Error => Text::SeverityError,
                Severity::Warning => Text::SeverityWarning,
            })
            .to_lowercase();
        let place = if place.is_empty() {
            String::new()
        } else {
            format!("{}: ", place.join(", "))
        };
        let _ = writeln!(
            out,
            "{:<12} - {kind}: {place}{}",
            "",
            issue_text(issue, &e.columns, lang)
        );
    }
    let total: u64 = e.counts.values().sum();
    if total > TEXT_ISSUES_PER_FILE as u64 {
        let more = lang.number(total - TEXT_ISSUES_PER_FILE as u64);
        let _ = writeln!(
            out,
            "{:<12}   {}",
            "",
            lang.format(Text::CliMore, &[("n", &more)])
        );
    }
}

/// What an issue is about: the code's title, the column, the value and the detail
/// ([`detail`]; `header` is the file's column names), all in `lang`.
fn issue_text(issue: &Issue, header: &[String], lang: Lang) -> String {
    let mut parts = vec![issue.code.title(lang).to_string()];
    if let Some(column) = &issue.column {
        parts.push(lang.format(Text::CliColumn, &[("column", &printable(column))]));
    }
    let stored = StoredIssue::from(issue);
    if let Some(value) = shown_value(&stored, lang) {
        let value = if value.is_empty() {
            lang.text(Text::EmptyValue).to_string()
        } else {
            printable(&value).into_owned()
        };
        parts.push(lang.format(Text::CliValue, &[("value", &value)]));
    }
    // An issue just found has every fact its detail needs; the message is only a safety net.
    match detail(&stored, header, lang) {
        Some(detail) => parts.push(printable(&detail).into_owned()),
        None if issue.message.is_empty() => {}
        None => parts.push(printable(&issue.message).into_owned()),
    }
    parts.join(", ")
}

fn summary_line(report: &Report, lang: Lang) -> String {
    let count = |v: Verdict| report.entities.iter().filter(|e| e.verdict == v).count();
    let (partial, rejected) = (count(Verdict::Partial), count(Verdict::Rejected));
    if report.ok {
        lang.text(Text::CliResultOk).into()
    } else {
        lang.format(
            Text::CliResultNotOk,
            &[("rejected", &rejected), ("partial", &partial)],
        )
    }
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
        let text = to_text(&report, "/x", Lang::En);
        assert!(
            text.contains("clientes") && text.contains("NO FILE: missing from the folder"),
            "{text}"
        );
        let text = to_text(&report, "/x", Lang::Es);
        assert!(
            text.contains("clientes") && text.contains("SIN ARCHIVO: no está en la carpeta"),
            "{text}"
        );
        assert!(to_json(&report).contains("\"verdict\": \"missing\""));
    }
}

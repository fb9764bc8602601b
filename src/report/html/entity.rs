//! The per-entity parts of the page: the summary table, and one section per entity with its
//! file's facts, what happened to it, and every issue grouped by code with what to fix.

use super::{cell, escape, file_url, web_link, when, Destination, Page};
use crate::i18n::{Lang, Text};
use crate::report::{detail, StoredIssue, StoredReport};
use crate::status::{EntityView, Status};
use crate::validate::Code;
use std::fmt::Write as _;

/// The table of every entity at a glance, each row linking to its section.
pub(super) fn summary_table(out: &mut String, status: &Status, page: &Page<'_>) {
    let lang = page.lang;
    let _ = writeln!(
        out,
        "<section class=\"card\" aria-labelledby=\"summary\"><h2 id=\"summary\">{}</h2><div class=\"table-wrap\"><table class=\"summary\"><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th>\
         <th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.text(Text::SummaryHeading),
        lang.text(Text::ColEntity),
        lang.text(Text::ColFile),
        lang.text(Text::ColVerdict),
        lang.text(Text::ColRows),
        lang.text(Text::ColRowsAccepted),
        lang.text(Text::ColIssues),
        lang.text(Text::ColPublished),
    );
    for e in &status.entities {
        let issues: u64 = e.counts.values().sum();
        let issues = if issues == 0 {
            "<span class=\"empty\">—</span>".to_string()
        } else {
            escape(&lang.plural(issues, Text::IssuesOne, Text::IssuesMany)).into_owned()
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{issues}</td><td>{}</td></tr>",
            anchor(&e.entity),
            cell(&e.entity),
            e.last_file.as_deref().map(cell).unwrap_or_default(),
            verdict_badge(lang, e.last_verdict.as_deref()),
            lang.number(e.rows),
            lang.number(e.rows_accepted),
            published(page, e),
        );
    }
    out.push_str("</tbody></table></div></section>\n");
}

/// One entity's section.
pub(super) fn section(out: &mut String, e: &EntityView, page: &Page<'_>) {
    let lang = page.lang;
    let id = anchor(&e.entity);
    let _ = writeln!(
        out,
        "<section class=\"card entity\" id=\"{id}\" aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{} {}</h2>",
        cell(&e.entity),
        verdict_badge(lang, e.last_verdict.as_deref()),
    );
    let report = e.report.as_ref();
    facts(out, e, report, page);
    removed_ids(out, report, lang);
    notes(out, e, page);
    match report {
        Some(r) if !r.issues.is_empty() || r.counts.values().any(|&n| n > 0) => {
            issues(out, r, lang)
        }
        _ if e.last_snapshot_id.is_some() && e.last_error.is_none() => {
            let _ = writeln!(
                out,
                "<p class=\"note v-ok\">{}</p>",
                lang.text(Text::NoIssues)
            );
        }
        _ => {}
    }
    out.push_str("</section>\n");
}

/// The file's facts as a definition list.
fn facts(out: &mut String, e: &EntityView, report: Option<&StoredReport>, page: &Page<'_>) {
    let lang = page.lang;
    let unknown = || format!("<span class=\"empty\">{}</span>", lang.text(Text::Unknown));
    let file = e
        .last_file
        .as_deref()
        .or(report.and_then(|r| r.file.as_deref()));
    let mut items: Vec<(Text, String)> = vec![
        (Text::ColFile, file.map(cell).unwrap_or_else(unknown)),
        (
            Text::Encoding,
            report
                .and_then(|r| r.encoding.as_deref())
                .map(cell)
                .unwrap_or_else(unknown),
        ),
        (
            Text::Delimiter,
            report
                .and_then(|r| r.delimiter.as_deref())
                .map(|d| delimiter(lang, d))
                .unwrap_or_else(unknown),
        ),
        (Text::ColRows, lang.number(e.rows)),
        (Text::ColRowsAccepted, lang.number(e.rows_accepted)),
        (
            Text::ColVerdict,
            escape(lang.verdict(e.last_verdict.as_deref().unwrap_or("-"))).into_owned(),
        ),
    ];
    if let Some(delta) = delta(report, lang) {
        items.push((Text::DeltaLabel, delta));
    }
    if let Some(at) = e.last_received_at {
        items.push((Text::ReceivedAt, escape(&when(lang, at)).into_owned()));
    }
    items.push((Text::ColPublished, published(page, e)));
    items.push((
        Text::Destination,
        destination(page.destination, &e.entity, lang),
    ));
    out.push_str("<dl class=\"facts\">");
    for (label, value) in items {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{value}</dd></div>",
            lang.text(label)
        );
    }
    out.push_str("</dl>\n");
}

/// The row-level delta against the last accepted snapshot, for a snapshot that may be
/// published (or is held); "first time" when it has none.
fn delta(report: Option<&StoredReport>, lang: Lang) -> Option<String> {
    let report = report?;
    if let Some(d) = &report.delta {
        let counts = lang.format(
            Text::DeltaCounts,
            &[
                ("added", &lang.number(d.added)),
                ("removed", &lang.number(d.removed)),
                ("changed", &lang.number(d.changed)),
            ],
        );
        return Some(escape(&counts).into_owned());
    }
    matches!(
        report.verdict.as_deref(),
        Some("accepted" | "partial" | "held")
    )
    .then(|| {
        format!(
            "<span class=\"empty\">{}</span>",
            lang.text(Text::DeltaFirstTime)
        )
    })
}

/// The first removed IDs of the delta, when it removed any.
fn removed_ids(out: &mut String, report: Option<&StoredReport>, lang: Lang) {
    let Some(d) = report.and_then(|r| r.delta.as_ref()) else {
        return;
    };
    if d.removed_ids.is_empty() {
        return;
    }
    let label = lang.format(
        Text::DeltaRemovedIds,
        &[
            ("shown", &lang.number(d.removed_ids.len() as u64)),
            ("removed", &lang.number(d.removed)),
        ],
    );
    let ids: Vec<String> = d
        .removed_ids
        .iter()
        .map(|id| format!("<code>{}</code>", cell(id)))
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"note removed-ids\">{} {}</p>",
        escape(&label),
        ids.join(" ")
    );
}

/// What happened and what to do: last error, pending publish, held, rejected, partial.
fn notes(out: &mut String, e: &EntityView, page: &Page<'_>) {
    let lang = page.lang;
    if let Some(err) = &e.last_error {
        let _ = writeln!(
            out,
            "<p class=\"note v-bad\"><strong>{}:</strong> <span lang=\"en\">{}</span></p>",
            lang.text(Text::LastError),
            cell(err)
        );
    }
    if e.pending {
        let next = e
            .next_attempt_at
            .and_then(|t| t.duration_since(page.now).ok())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<p class=\"note v-work\">{}</p>",
            escape(&lang.format(Text::PublishPending, &[("when", &lang.within(next))]))
        );
    }
    match e.last_verdict.as_deref() {
        Some("held") => {
            let command = format!("<code>sheetdrop approve {}</code>", cell(&e.entity));
            let text = escape(lang.text(Text::HeldHint)).replace("{command}", &command);
            let _ = writeln!(out, "<p class=\"note v-warn\">{text}</p>");
        }
        Some("rejected") => {
            let _ = writeln!(
                out,
                "<p class=\"note v-bad\">{}</p>",
                lang.text(Text::RejectedHint)
            );
        }
        Some("partial") => {
            let text = lang.format(
                Text::PartialHint,
                &[
                    ("accepted", &lang.number(e.rows_accepted)),
                    ("rows", &lang.plural(e.rows, Text::RowsOne, Text::RowsMany)),
                ],
            );
            let _ = writeln!(out, "<p class=\"note v-warn\">{}</p>", escape(&text));
        }
        _ => {}
    }
}

/// Every issue, grouped by code (in the report's order), each group with its explanation.
fn issues(out: &mut String, report: &StoredReport, lang: Lang) {
    let _ = writeln!(out, "<h3>{}</h3>", lang.text(Text::IssuesHeading));
    let mut codes: Vec<&str> = Vec::new();
    for code in report
        .issues
        .iter()
        .map(|i| i.code.as_str())
        .chain(report.counts.keys().map(String::as_str))
    {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    for code in codes {
        let listed: Vec<&StoredIssue> = report.issues.iter().filter(|i| i.code == code).collect();
        let total = report
            .counts
            .get(code)
            .copied()
            .unwrap_or(0)
            .max(listed.len() as u64);
        group(out, code, &listed, total, &report.columns, lang);
    }
}

/// One code's issues: title, severity, what to fix, and a table of every listed issue;
/// `header` is the file's column names, for the details.
fn group(
    out: &mut String,
    code: &str,
    listed: &[&StoredIssue],
    total: u64,
    header: &[String],
    lang: Lang,
) {
    let known = Code::from_name(code);
    let title = known.map_or_else(|| cell(code), |c| c.title(lang).to_string());
    let warning_only = !listed.is_empty() && listed.iter().all(|i| i.severity == "warning");
    let errors_only = !listed.is_empty() && listed.iter().all(|i| i.severity != "warning");
    let _ = write!(
        out,
        "<div class=\"group\" data-code=\"{}\"><h4>",
        cell(code)
    );
    if errors_only {
        out.push_str(&severity_badge(lang, "error"));
    } else if warning_only {
        out.push_str(&severity_badge(lang, "warning"));
    }
    let _ = write!(
        out,
        " {title} <span class=\"muted\">({})</span></h4>",
        escape(&lang.plural(total, Text::IssuesOne, Text::IssuesMany))
    );
    if let Some(c) = known {
        let _ = write!(
            out,
            "<p class=\"fix\"><strong>{}:</strong> {}</p>",
            lang.text(Text::WhatToFix),
            escape(c.explanation(lang))
        );
    }
    let mixed = !listed.is_empty() && !errors_only && !warning_only;
    if !listed.is_empty() {
        out.push_str("<div class=\"table-wrap\"><table class=\"issues\"><thead><tr>");
        let mut columns = vec![];
        if mixed {
            columns.push(("", Text::ColSeverity));
        }
        columns.extend([
            (" class=\"num\"", Text::ColRow),
            (" class=\"num\"", Text::ColLine),
            ("", Text::ColColumn),
            ("", Text::ColValue),
            ("", Text::ColDetail),
        ]);
        for (class, label) in columns {
            let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", lang.text(label));
        }
        out.push_str("</tr></thead><tbody>\n");
        for issue in listed {
            row(out, issue, mixed, header, lang);
        }
        out.push_str("</tbody></table></div>");
    }
    let more = total.saturating_sub(listed.len() as u64);
    if more > 0 {
        let _ = write!(
            out,
            "<p class=\"more\">{}</p>",
            escape(&lang.format(Text::MoreNotListed, &[("n", &lang.number(more))]))
        );
    }
    out.push_str("</div>\n");
}

/// One issue's row. Its detail is said in `lang` from its facts; an issue stored by a
/// sheetdrop older than them shows validate's English message, marked as English.
fn row(out: &mut String, issue: &StoredIssue, mixed: bool, header: &[String], lang: Lang) {
    let dash = "<span class=\"empty\">—</span>";
    let num = |n: Option<u64>| n.map_or_else(|| dash.to_string(), |n| n.to_string());
    let _ = write!(
        out,
        "<tr class=\"issue\" data-code=\"{}\">",
        cell(&issue.code)
    );
    if mixed {
        let _ = write!(
            out,
            "<td class=\"sev\">{}</td>",
            severity_badge(lang, &issue.severity)
        );
    }
    let value = match crate::report::shown_value(issue, lang) {
        None => dash.to_string(),
        Some(v) if v.trim().is_empty() => {
            format!(
                "<span class=\"empty\">{}</span>",
                lang.text(Text::EmptyValue)
            )
        }
        Some(v) => format!("<div>{}</div>", cell(&v)),
    };
    let detail = match detail(issue, header, lang) {
        Some(text) => cell(&text),
        None if issue.message.is_empty() => dash.to_string(),
        None if lang == Lang::En => cell(&issue.message),
        None => format!("<span lang=\"en\">{}</span>", cell(&issue.message)),
    };
    let _ = writeln!(
        out,
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"value\">{value}</td><td>{detail}</td></tr>",
        num(issue.row),
        // In a workbook, the cell as the sheet names it (`C17`) instead of the bare line.
        match &issue.facts.cell {
            Some(c) => cell(&lang.format(Text::CliCell, &[("cell", c)])),
            None => num(issue.line),
        },
        issue.column.as_deref().map_or_else(|| dash.to_string(), cell),
    );
}

/// A verdict as a badge: a symbol and the word, coloured.
fn verdict_badge(lang: Lang, verdict: Option<&str>) -> String {
    let verdict = verdict.unwrap_or("-");
    let (class, symbol) = match verdict {
        "accepted" | "unchanged" => ("v-ok", "✓"),
        "partial" => ("v-warn", "◐"),
        "held" => ("v-warn", "❚❚"),
        "rejected" => ("v-bad", "✕"),
        _ => ("v-none", "○"),
    };
    format!(
        "<span class=\"badge {class}\"><span aria-hidden=\"true\">{symbol}</span> {}</span>",
        cell(lang.verdict(verdict))
    )
}

/// A severity as a badge.
fn severity_badge(lang: Lang, severity: &str) -> String {
    if severity == "warning" {
        format!(
            "<span class=\"badge v-warn\"><span aria-hidden=\"true\">▲</span> {}</span>",
            lang.text(Text::SeverityWarning)
        )
    } else {
        format!(
            "<span class=\"badge v-bad\"><span aria-hidden=\"true\">✕</span> {}</span>",
            lang.text(Text::SeverityError)
        )
    }
}

/// "3 may 2024, 14:05 (hace 3 min)" or "todavía no".
fn published(page: &Page<'_>, e: &EntityView) -> String {
    let lang = page.lang;
    match e.last_published_at {
        None => format!(
            "<span class=\"empty\">{}</span>",
            lang.text(Text::NotPublishedYet)
        ),
        Some(at) => {
            let ago = page
                .now
                .duration_since(at)
                .map(|d| format!(" <span class=\"muted\">({})</span>", escape(&lang.ago(d))))
                .unwrap_or_default();
            format!("{}{ago}", escape(&when(lang, at)))
        }
    }
}

/// The delimiter with its name: "; (punto y coma)".
fn delimiter(lang: Lang, d: &str) -> String {
    let name = match d {
        "," => Text::DelimComma,
        ";" => Text::DelimSemicolon,
        "\t" => return lang.text(Text::DelimTab).to_string(),
        "|" => Text::DelimPipe,
        other => return format!("<code>{}</code>", cell(other)),
    };
    format!("<code>{d}</code> ({})", lang.text(name))
}

/// Where this entity's data goes, with a link when there is one.
fn destination(dest: &Destination, entity: &str, lang: Lang) -> String {
    match dest {
        Destination::Local { folder } => {
            let file = folder.join(format!("{entity}.csv"));
            format!(
                "<code>{}</code> <a href=\"{}\">{}</a>",
                cell(&file.display().to_string()),
                escape(&file_url(folder)),
                lang.text(Text::OpenLink)
            )
        }
        Destination::Other { description, links } => {
            let text = cell(description);
            match links.get(entity).and_then(|url| web_link(url)) {
                Some(url) => format!("<a href=\"{}\">{text}</a>", escape(url)),
                None => text,
            }
        }
    }
}

/// The section id of an entity: `e-` and its name with anything but ASCII letters and
/// digits replaced by `-`.
pub(super) fn anchor(entity: &str) -> String {
    let name: String = entity
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("e-{name}")
}

/// [`destination`] for the tests of the parent module.
#[cfg(test)]
pub(super) fn destination_for_tests(dest: &Destination, entity: &str) -> String {
    destination(dest, entity, Lang::En)
}

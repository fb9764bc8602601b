//! The end of the page: the activity timeline (the newest runs) and where things are.

use super::{cell, escape, when, Page, TIMELINE_RUNS};
use crate::i18n::{Lang, Text};
use crate::state::Trigger;
use crate::status::Status;
use std::fmt::Write as _;

/// The newest runs, at most [`TIMELINE_RUNS`]: when, how long, why, what happened.
pub(super) fn timeline(out: &mut String, status: &Status, page: &Page<'_>) {
    let lang = page.lang;
    let _ = writeln!(
        out,
        "<section class=\"card\" aria-labelledby=\"activity\"><h2 id=\"activity\">{}</h2>",
        lang.text(Text::ActivityHeading)
    );
    if status.runs.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p></section>",
            lang.text(Text::NoRuns)
        );
        return;
    }
    let _ = writeln!(
        out,
        "<div class=\"table-wrap\"><table class=\"activity\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.text(Text::ColStarted),
        lang.text(Text::ColDuration),
        lang.text(Text::ColTrigger),
        lang.text(Text::ColOutcome),
    );
    for run in status.runs.iter().take(TIMELINE_RUNS) {
        let ago = page
            .now
            .duration_since(run.started_at)
            .map(|d| format!(" <span class=\"muted\">({})</span>", escape(&lang.ago(d))))
            .unwrap_or_default();
        let duration = run
            .finished_at
            .and_then(|f| f.duration_since(run.started_at).ok())
            .map_or_else(
                || "—".to_string(),
                |d| match d.as_millis() {
                    0..1000 => format!("{} ms", d.as_millis()),
                    _ => format!("{} s", lang.number(d.as_secs())),
                },
            );
        let outcome = match (&run.outcome, &run.summary) {
            (Some(outcome), _) => escape(&outcome.words(lang)).into_owned(),
            (None, Some(summary)) => cell(summary),
            (None, None) => format!(
                "<span class=\"empty\">{}</span>",
                lang.text(Text::RunUnfinished)
            ),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}{ago}</td><td class=\"num\">{duration}</td><td>{}</td><td>{outcome}</td></tr>",
            escape(&when(lang, run.started_at)),
            trigger(lang, run.trigger),
        );
    }
    out.push_str("</tbody></table></div></section>\n");
}

/// Why a run started, in words.
fn trigger(lang: Lang, trigger: Trigger) -> String {
    trigger
        .words()
        .map_or_else(|| cell(trigger.as_str()), |key| lang.text(key).to_string())
}

/// The data folder, the logs and this report, for support.
pub(super) fn where_things_are(out: &mut String, status: &Status, lang: Lang) {
    let _ = write!(
        out,
        "<section class=\"card\" aria-labelledby=\"where\"><h2 id=\"where\">{}</h2><dl class=\"where\">",
        lang.text(Text::WhereHeading)
    );
    for (label, path) in [
        (Text::ThisReport, &status.paths.report),
        (Text::DataFolder, &status.paths.data_dir),
        (Text::LogFolder, &status.paths.log),
    ] {
        let _ = write!(
            out,
            "<dt>{}</dt><dd><code>{}</code></dd>",
            lang.text(label),
            cell(&path.display().to_string())
        );
    }
    out.push_str("</dl></section>\n");
}

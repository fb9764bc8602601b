//! The status model: what `sheetdrop status` shows (and, later, the tray and the HTML
//! report), read from the state store — each entity's last snapshot, verdict, rows, published
//! time, pending publish and last error, the outbox and the recent runs.
//!
//! It reads the store read-only, so it works while the agent runs.

pub use crate::i18n::Health;
use crate::i18n::{Lang, Text};
use crate::state::{self, EntityStatus, OutboxItem, RunRow, State};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many recent runs the status lists.
pub const RECENT_RUNS: usize = 20;

/// Where things are, for people and support scripts.
#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    /// The data directory.
    pub data_dir: PathBuf,
    /// The HTML report.
    pub report: PathBuf,
    /// The folder of log files.
    pub log: PathBuf,
}

/// Everything `sheetdrop status` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Where things are.
    #[serde(flatten)]
    pub paths: Paths,
    /// True when the state store exists (the agent has run at least once).
    pub initialized: bool,
    /// Per entity, by name.
    pub entities: Vec<EntityView>,
    /// Publishes still to do.
    pub outbox: Vec<OutboxItem>,
    /// The newest runs first.
    pub runs: Vec<RunRow>,
}

/// One entity's status, with the issue counts of its last snapshot's report.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// What the state store records.
    #[serde(flatten)]
    pub status: EntityStatus,
    /// How many issues of each code the last snapshot had (docs/contract.md §2 codes).
    pub counts: BTreeMap<String, u64>,
    /// The last snapshot's whole report, for the HTML report. The status JSON gives only its
    /// row-level delta, as `delta` (`null` when there is none: the first snapshot).
    #[serde(rename = "delta", serialize_with = "delta_only")]
    pub report: Option<crate::validate::StoredReport>,
}

/// Serializes a report as its delta alone (`EntityView::report` in the status JSON).
fn delta_only<S: serde::Serializer>(
    report: &Option<crate::validate::StoredReport>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    report
        .as_ref()
        .and_then(|r| r.delta.as_ref())
        .serialize(serializer)
}

impl EntityView {
    /// The last snapshot's row-level delta against the last accepted one, if it has one.
    pub fn delta(&self) -> Option<&crate::validate::Delta> {
        self.report.as_ref()?.delta.as_ref()
    }
}

impl std::ops::Deref for EntityView {
    type Target = EntityStatus;
    fn deref(&self) -> &EntityStatus {
        &self.status
    }
}

impl Status {
    /// Reads the status from the state store at `state_db`; a store that does not exist yet
    /// gives an empty status.
    pub fn read(state_db: &Path, paths: Paths) -> Result<Status, state::Error> {
        Status::read_with_runs(state_db, paths, RECENT_RUNS)
    }

    /// Like [`Status::read`], with the newest `runs` runs (the HTML report shows 50).
    pub fn read_with_runs(
        state_db: &Path,
        paths: Paths,
        runs: usize,
    ) -> Result<Status, state::Error> {
        if !state_db.exists() {
            return Ok(Status {
                paths,
                initialized: false,
                entities: vec![],
                outbox: vec![],
                runs: vec![],
            });
        }
        let state = State::open_read_only(state_db)?;
        Ok(Status {
            paths,
            initialized: true,
            entities: state
                .entity_statuses()?
                .into_iter()
                .map(|status| {
                    let report = match status.last_snapshot_id {
                        Some(id) => state.snapshot(id)?.and_then(|s| {
                            crate::validate::StoredReport::parse(&s.snapshot.report_json)
                        }),
                        None => None,
                    };
                    let counts = report
                        .as_ref()
                        .map(|r| r.counts.clone())
                        .unwrap_or_default();
                    Ok(EntityView {
                        status,
                        counts,
                        report,
                    })
                })
                .collect::<Result<_, state::Error>>()?,
            outbox: state.pending()?,
            runs: state.recent_runs(runs)?,
        })
    }

    /// True when the newest run never finished: a pass in progress, or one cut short (the
    /// agent died or was stopped in the middle; the next start redoes it).
    pub fn last_run_unfinished(&self) -> bool {
        self.runs.first().is_some_and(|r| r.finished_at.is_none())
    }

    /// True when every entity's newest snapshot is published (or unchanged), nothing is
    /// pending or failing, and the last pass finished (a pass cut short may have left files
    /// unchecked; a quarantined file is a rejected snapshot).
    pub fn all_published(&self) -> bool {
        !self.last_run_unfinished()
            && self.outbox.is_empty()
            && self.entities.iter().all(|e| {
                e.last_error.is_none()
                    && matches!(
                        e.last_verdict.as_deref(),
                        Some("accepted" | "partial" | "unchanged") | None
                    )
            })
    }

    /// The state at a glance (tray icon, report banner): error when a file is rejected or
    /// unreadable or a publish fails; attention when one is partial, held or has warnings;
    /// working while a publish waits or a run is in progress; else all published.
    pub fn health(&self) -> Health {
        let verdict =
            |e: &EntityView, v: &[&str]| v.contains(&e.last_verdict.as_deref().unwrap_or(""));
        if self
            .entities
            .iter()
            .any(|e| e.last_error.is_some() || verdict(e, &["rejected"]))
            || self.outbox.iter().any(|o| o.last_error.is_some())
        {
            Health::Error
        } else if self.entities.iter().any(|e| {
            verdict(e, &["partial", "held"]) || e.report.as_ref().is_some_and(|r| r.has_warnings())
        }) {
            Health::Attention
        } else if !self.outbox.is_empty() || self.last_run_unfinished() {
            Health::Working
        } else {
            Health::Published
        }
    }

    /// The status as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the status serializes")
    }

    /// A short text for people, in `lang`: one block per entity, then the last run.
    pub fn to_text(&self, now: SystemTime, lang: Lang) -> String {
        let mut out = String::new();
        let dir = self.paths.data_dir.display();
        if !self.initialized {
            let _ = writeln!(out, "{}", lang.format(Text::StatusNotRun, &[("dir", &dir)]));
            return out;
        }
        let overall = lang.health(if self.all_published() {
            Health::Published
        } else {
            Health::Attention
        });
        let _ = writeln!(
            out,
            "{}",
            lang.format(Text::StatusHeader, &[("overall", &overall), ("dir", &dir)])
        );
        if self.last_run_unfinished() {
            let _ = writeln!(out, "{}", lang.text(Text::StatusRunUnfinished));
        }
        for e in &self.entities {
            let verdict = e.last_verdict.as_deref().map_or("-", |v| lang.verdict(v));
            let file = e
                .last_file
                .as_deref()
                .map(crate::i18n::printable)
                .unwrap_or_default();
            let _ = writeln!(out, "\n{}: {verdict}  {file}", e.entity);
            let rows = lang.format(
                Text::StatusRows,
                &[
                    ("rows", &lang.number(e.rows)),
                    ("accepted", &lang.number(e.rows_accepted)),
                ],
            );
            let _ = writeln!(out, "  {rows}");
            let when = ago(lang, e.last_published_at, now);
            let _ = writeln!(
                out,
                "  {}",
                lang.format(Text::StatusLastPublished, &[("when", &when)])
            );
            if !e.counts.is_empty() {
                let counts = e.counts.iter().map(|(code, n)| (code.as_str(), *n));
                let _ = writeln!(out, "  {}", crate::validate::counts_text(counts, lang));
            }
            if e.pending {
                let when = until(lang, e.next_attempt_at, now);
                let _ = writeln!(
                    out,
                    "  {}",
                    lang.format(Text::StatusPending, &[("when", &when)])
                );
            }
            if let Some(err) = &e.last_error {
                let error = crate::i18n::printable(err);
                let _ = writeln!(
                    out,
                    "  {}",
                    lang.format(Text::StatusLastError, &[("error", &error)])
                );
            }
            if e.counts
                .contains_key(crate::validate::Code::Quarantined.as_str())
            {
                let _ = writeln!(out, "  {}", lang.text(Text::StatusQuarantined));
            }
            if e.last_verdict.as_deref() == Some("held") {
                let _ = writeln!(
                    out,
                    "  {}",
                    lang.format(Text::StatusHeld, &[("entity", &e.entity)])
                );
            }
        }
        if let Some(run) = self.runs.first() {
            let outcome = match (&run.outcome, run.summary.as_deref()) {
                (Some(outcome), _) => outcome.words(lang),
                (None, Some(summary)) => crate::i18n::printable(summary).into_owned(),
                (None, None) => lang.text(Text::RunUnfinished).to_string(),
            };
            let trigger = run.trigger.words().map_or_else(
                || run.trigger.as_str().to_string(),
                |key| lang.text(key).to_string(),
            );
            let when = ago(lang, Some(run.started_at), now);
            let _ = writeln!(
                out,
                "\n{}",
                lang.format(
                    Text::StatusLastRun,
                    &[
                        ("when", &when),
                        ("trigger", &trigger),
                        ("outcome", &outcome)
                    ]
                )
            );
        }
        out
    }
}

/// "hace 3 min", "never"; a time in the future (a clock that moved back) as a timestamp.
fn ago(lang: Lang, at: Option<SystemTime>, now: SystemTime) -> String {
    match at {
        None => lang.text(Text::Never).into(),
        Some(at) => match now.duration_since(at) {
            Ok(d) => lang.ago(d),
            Err(_) => humantime::format_rfc3339_seconds(at).to_string(),
        },
    }
}

/// "en 4 s", "ahora".
fn until(lang: Lang, at: Option<SystemTime>, now: SystemTime) -> String {
    let remaining = at
        .and_then(|at| at.duration_since(now).ok())
        .unwrap_or_default();
    lang.within(std::time::Duration::from_secs(remaining.as_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Snapshot;
    use std::time::Duration;

    fn paths(dir: &Path) -> Paths {
        Paths {
            data_dir: dir.into(),
            report: dir.join("report.html"),
            log: dir.join("logs"),
        }
    }

    #[test]
    fn no_store_is_an_empty_status() {
        let dir = tempfile::tempdir().unwrap();
        let status = Status::read(&dir.path().join("state.sqlite"), paths(dir.path())).unwrap();
        assert!(!status.initialized);
        assert!(status
            .to_text(SystemTime::now(), Lang::En)
            .contains("has not run"));
        assert!(status
            .to_text(SystemTime::now(), Lang::Es)
            .contains("el agente no se ejecutó"));
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).unwrap();
        assert_eq!(json["data_dir"], dir.path().to_str().unwrap());
        assert_eq!(json["entities"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn an_unfinished_last_run_or_a_quarantined_file_is_not_all_published() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let now = SystemTime::now();
        let mut state = State::open(&db).unwrap();
        let run = state
            .start_run(crate::state::Trigger::Startup, now)
            .unwrap();
        let read = || Status::read(&db, paths(dir.path())).unwrap();
        let status = read();
        assert!(status.last_run_unfinished() && !status.all_published());
        let text = status.to_text(now, Lang::Es);
        assert!(!text.contains("Todo publicado"), "{text}");
        assert!(text.contains("la última pasada no terminó"), "{text}");
        state
            .finish_run(run, &crate::state::Outcome::Pass(Default::default()), now)
            .unwrap();
        assert!(read().all_published());
        assert!(read().to_text(now, Lang::Es).contains("Todo publicado"));
        state
            .record_snapshot(&Snapshot {
                entity: "clientes".into(),
                source_name: "clientes.csv".into(),
                spool_path: dir.path().join("x.csv"),
                sha256: "ab".into(),
                size: 1,
                rows: 0,
                rows_accepted: 0,
                verdict: "rejected".into(),
                report_json: r#"{"counts":{"quarantined":1}}"#.into(),
                left_out_rows: vec![],
                received_at: now,
            })
            .unwrap();
        let status = read();
        assert!(!status.all_published());
        assert_eq!(status.health(), Health::Error);
        let text = status.to_text(now, Lang::En);
        assert!(
            text.contains("quarantined: the agent stopped while checking"),
            "{text}"
        );
    }

    #[test]
    fn shows_held_and_pending_entities() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let now = SystemTime::now();
        {
            let mut state = State::open(&db).unwrap();
            let snap = |entity: &str, verdict: &str| Snapshot {
                entity: entity.into(),
                source_name: format!("{entity}.csv"),
                spool_path: dir.path().join("x.csv"),
                sha256: "ab".into(),
                size: 1,
                rows: 10,
                rows_accepted: 10,
                verdict: verdict.into(),
                report_json: r#"{"counts":{"shrink":1}}"#.into(),
                left_out_rows: vec![],
                received_at: now,
            };
            state.record_snapshot(&snap("clientes", "held")).unwrap();
            let id = state.record_snapshot(&snap("ventas", "accepted")).unwrap();
            state.enqueue("ventas", id, "local", now).unwrap();
            let item = state.pending().unwrap()[0].id;
            state
                .mark_failed(item, "disk full", now + Duration::from_secs(60))
                .unwrap();
        }
        let status = Status::read(&db, paths(dir.path())).unwrap();
        assert!(!status.all_published());
        let text = status.to_text(now, Lang::En);
        assert!(text.contains("sheetdrop approve clientes"), "{text}");
        let shrink = crate::validate::code_title(Lang::En, "shrink");
        assert!(text.contains(&format!("issues: {shrink} (1)")), "{text}");
        assert!(text.contains("last error: disk full"), "{text}");
        assert!(text.contains("publish pending, next attempt in "), "{text}");
        let text = status.to_text(now, Lang::PtBr);
        assert!(text.contains("retido: "), "{text}");
        assert!(text.contains("sheetdrop approve clientes"), "{text}");
        assert!(text.contains("último erro: disk full"), "{text}");
        assert!(
            text.contains("publicação pendente, próxima tentativa em "),
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).unwrap();
        assert_eq!(json["outbox"][0]["entity"], "ventas");
        assert_eq!(json["entities"][1]["pending"], true);
        assert_eq!(json["entities"][0]["counts"]["shrink"], 1);
    }
}

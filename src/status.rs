//! The status model: what `sheetdrop status` shows (and, later, the tray and the HTML
//! report), read from the state store — each entity's last snapshot, verdict, rows, published
//! time, pending publish and last error, the outbox and the recent runs.
//!
//! It reads the store read-only, so it works while the agent runs.

pub use crate::i18n::Health;
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
    /// How many issues of each code the last snapshot had (CONTRACT.md §2 codes).
    pub counts: BTreeMap<String, u64>,
    /// The last snapshot's whole report, for the HTML report (not in the status JSON).
    #[serde(skip)]
    pub report: Option<crate::report::StoredReport>,
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
                        Some(id) => state
                            .snapshot(id)?
                            .and_then(|s| crate::report::StoredReport::parse(&s.report_json)),
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

    /// True when every entity's newest snapshot is published (or unchanged) and nothing is
    /// pending or failing.
    pub fn all_published(&self) -> bool {
        self.outbox.is_empty()
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
        } else if !self.outbox.is_empty()
            || self.runs.first().is_some_and(|r| r.finished_at.is_none())
        {
            Health::Working
        } else {
            Health::Published
        }
    }

    /// The status as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the status serializes")
    }

    /// A short text for people: one block per entity, then the pending publishes.
    pub fn to_text(&self, now: SystemTime) -> String {
        let mut out = String::new();
        if !self.initialized {
            let _ = writeln!(
                out,
                "No state yet in {}: the agent has not run.",
                self.paths.data_dir.display()
            );
            return out;
        }
        let overall = if self.all_published() {
            "All published"
        } else {
            "Attention needed"
        };
        let _ = writeln!(out, "{overall}. Data: {}", self.paths.data_dir.display());
        for e in &self.entities {
            let verdict = e.last_verdict.as_deref().unwrap_or("-");
            let file = e
                .last_file
                .as_deref()
                .map(crate::report::printable)
                .unwrap_or_default();
            let _ = writeln!(out, "\n{}: {verdict}  {file}", e.entity);
            let _ = writeln!(out, "  rows {} ({} accepted)", e.rows, e.rows_accepted);
            let _ = writeln!(out, "  last published: {}", ago(e.last_published_at, now));
            if !e.counts.is_empty() {
                let counts: Vec<_> = e
                    .counts
                    .iter()
                    .map(|(code, n)| format!("{code} {n}"))
                    .collect();
                let _ = writeln!(out, "  issues: {}", counts.join(", "));
            }
            if e.pending {
                let _ = writeln!(
                    out,
                    "  publish pending, next attempt {}",
                    until(e.next_attempt_at, now)
                );
            }
            if let Some(err) = &e.last_error {
                let _ = writeln!(out, "  last error: {}", crate::report::printable(err));
            }
            if verdict == "held" {
                let _ = writeln!(
                    out,
                    "  held: release it with `sheetdrop approve {}`",
                    e.entity
                );
            }
        }
        if let Some(run) = self.runs.first() {
            let summary = run.summary.as_deref().unwrap_or("(running or interrupted)");
            let _ = writeln!(
                out,
                "\nLast run {} ({}): {summary}",
                ago(Some(run.started_at), now),
                run.trigger
            );
        }
        out
    }
}

/// "3 min ago", "never".
fn ago(at: Option<SystemTime>, now: SystemTime) -> String {
    match at {
        None => "never".into(),
        Some(at) => match now.duration_since(at) {
            Ok(d) => format!(
                "{} ago",
                humantime::format_duration(std::time::Duration::from_secs(d.as_secs()))
            ),
            Err(_) => humantime::format_rfc3339_seconds(at).to_string(),
        },
    }
}

/// "in 4s", "now".
fn until(at: Option<SystemTime>, now: SystemTime) -> String {
    match at.and_then(|at| at.duration_since(now).ok()) {
        Some(d) if d.as_secs() > 0 => {
            format!(
                "in {}",
                humantime::format_duration(std::time::Duration::from_secs(d.as_secs()))
            )
        }
        _ => "now".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::NewSnapshot;
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
        assert!(status.to_text(SystemTime::now()).contains("has not run"));
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).unwrap();
        assert_eq!(json["data_dir"], dir.path().to_str().unwrap());
        assert_eq!(json["entities"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn shows_held_and_pending_entities() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let now = SystemTime::now();
        {
            let mut state = State::open(&db).unwrap();
            let snap = |entity: &str, verdict: &str| NewSnapshot {
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
        let text = status.to_text(now);
        assert!(text.contains("sheetdrop approve clientes"), "{text}");
        assert!(text.contains("issues: shrink 1"), "{text}");
        assert!(text.contains("last error: disk full"), "{text}");
        assert!(text.contains("publish pending, next attempt in "), "{text}");
        let json: serde_json::Value = serde_json::from_str(&status.to_json()).unwrap();
        assert_eq!(json["outbox"][0]["entity"], "ventas");
        assert_eq!(json["entities"][1]["pending"], true);
        assert_eq!(json["entities"][0]["counts"]["shrink"], 1);
    }
}

//! The activity timeline: one run per pass of the agent (start-up, a change, a rescan, a
//! manual sync, an approval), with what it did as numbers ([`Outcome`]), put into words only
//! when shown.

use super::{from_ms, ser, to_ms, Context, Error, State};
use crate::i18n::{Lang, Text};
use rusqlite::{params, Connection, Row};
use serde::Serialize;
use std::time::SystemTime;

/// What started a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    /// Files that were in the folder when the agent started.
    Startup,
    /// A file written or changed after start-up.
    Change,
    /// The periodic look at the folder.
    Rescan,
    /// A sync asked for by a person.
    Manual,
    /// `sheetdrop approve`.
    Approve,
    /// `sheetdrop run --once`.
    Once,
    /// A publish retried.
    Retry,
    /// A trigger this version does not know (written by another version).
    Other,
}

impl Trigger {
    /// Every trigger this version writes.
    pub const ALL: [Trigger; 7] = [
        Trigger::Startup,
        Trigger::Change,
        Trigger::Rescan,
        Trigger::Manual,
        Trigger::Approve,
        Trigger::Once,
        Trigger::Retry,
    ];

    /// The trigger as stored and in `status --json`, e.g. `startup`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Startup => "startup",
            Trigger::Change => "change",
            Trigger::Rescan => "rescan",
            Trigger::Manual => "manual",
            Trigger::Approve => "approve",
            Trigger::Once => "once",
            Trigger::Retry => "retry",
            Trigger::Other => "other",
        }
    }

    /// The trigger stored as `text`; [`Trigger::Other`] for one this version does not know.
    pub fn parse(text: &str) -> Trigger {
        Trigger::ALL
            .into_iter()
            .find(|t| t.as_str() == text)
            .unwrap_or(Trigger::Other)
    }

    /// Why the pass ran, in words; `None` for [`Trigger::Other`].
    pub fn words(self) -> Option<Text> {
        Some(match self {
            Trigger::Startup => Text::TriggerStartup,
            Trigger::Change => Text::TriggerChange,
            Trigger::Rescan => Text::TriggerRescan,
            Trigger::Manual => Text::TriggerManual,
            Trigger::Approve => Text::TriggerApprove,
            Trigger::Once => Text::TriggerOnce,
            Trigger::Retry => Text::TriggerRetry,
            Trigger::Other => return None,
        })
    }
}

/// What a pass did with the files it was given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PassCounts {
    /// Files checked.
    pub checked: u64,
    /// Files identical to the last snapshot of their entity.
    pub unchanged: u64,
    /// Files rejected or held.
    pub refused: u64,
    /// Snapshots published.
    pub published: u64,
    /// Publishes still waiting.
    pub pending: u64,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A pass over files.
    Pass(PassCounts),
    /// An approval released a held snapshot.
    Approved {
        /// The entity.
        entity: String,
        /// The held file.
        file: String,
        /// Its accepted rows.
        rows: u64,
    },
}

impl Outcome {
    /// The outcome in English as the timeline has always said it ("checked 1, unchanged 0,
    /// refused 0, published 1, pending 0"; "clientes: c.csv approved (3 rows)"): for logs and
    /// the `summary` of `status --json`.
    pub fn english(&self) -> String {
        match self {
            Outcome::Pass(c) => format!(
                "checked {}, unchanged {}, refused {}, published {}, pending {}",
                c.checked, c.unchanged, c.refused, c.published, c.pending
            ),
            Outcome::Approved { entity, file, rows } => {
                format!("{entity}: {file} approved ({rows} rows)")
            }
        }
    }

    /// The outcome in `lang`: a pass's non-zero counts ("nothing new" when all are zero), or
    /// what an approval released.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Outcome::Pass(c) => {
                let parts: Vec<String> = [
                    (c.checked, Text::RunChecked),
                    (c.unchanged, Text::RunUnchanged),
                    (c.refused, Text::RunRefused),
                    (c.published, Text::RunPublished),
                    (c.pending, Text::RunPending),
                ]
                .into_iter()
                .filter(|&(n, _)| n > 0)
                .map(|(n, key)| lang.format(key, &[("n", &lang.number(n))]))
                .collect();
                if parts.is_empty() {
                    lang.text(Text::RunNothingNew).to_string()
                } else {
                    parts.join(", ")
                }
            }
            Outcome::Approved { entity, file, rows } => {
                let rows = lang.plural(*rows, Text::RowsOne, Text::RowsMany);
                lang.format(
                    Text::RunApproved,
                    &[("entity", entity), ("file", file), ("rows", &rows)],
                )
            }
        }
    }
}

/// One pass of the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunRow {
    /// Its id (increasing).
    pub id: i64,
    /// When it started.
    #[serde(serialize_with = "ser::time")]
    pub started_at: SystemTime,
    /// When it finished; `None` while running, or when the agent died during it.
    #[serde(serialize_with = "ser::opt_time")]
    pub finished_at: Option<SystemTime>,
    /// What started it.
    pub trigger: Trigger,
    /// What it did in English ([`Outcome::english`]), or the text an older version stored
    /// that says neither a pass's counts nor an approval; `None` while running.
    pub summary: Option<String>,
    /// What it did, once finished (`None` too for an older version's free text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

impl State {
    /// Records the start of a run started by `trigger`. Returns its id, for
    /// [`State::finish_run`].
    pub fn start_run(&mut self, trigger: Trigger, now: SystemTime) -> Result<i64, Error> {
        self.conn
            .execute(
                r#"INSERT INTO runs (started_at, "trigger") VALUES (?1, ?2)"#,
                params![to_ms(now), trigger.as_str()],
            )
            .ctx(format_args!("start a {} run", trigger.as_str()))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of run `id` with what it did. Fails with [`Error::UnknownRun`].
    pub fn finish_run(&mut self, id: i64, outcome: &Outcome, now: SystemTime) -> Result<(), Error> {
        let (counts, approved) = match outcome {
            Outcome::Pass(c) => (Some(*c), None),
            Outcome::Approved { entity, file, rows } => (None, Some((entity, file, *rows))),
        };
        let n = |f: fn(&PassCounts) -> u64| counts.as_ref().map(|c| to_sql(f(c)));
        let changed = self
            .conn
            .execute(
                "UPDATE runs SET finished_at = ?2, checked = ?3, unchanged = ?4, refused = ?5,
                     published = ?6, pending = ?7, approved_entity = ?8, approved_file = ?9,
                     approved_rows = ?10
                 WHERE id = ?1",
                params![
                    id,
                    to_ms(now),
                    n(|c| c.checked),
                    n(|c| c.unchanged),
                    n(|c| c.refused),
                    n(|c| c.published),
                    n(|c| c.pending),
                    approved.map(|a| a.0),
                    approved.map(|a| a.1),
                    approved.map(|a| to_sql(a.2)),
                ],
            )
            .ctx(format_args!("finish run {id}"))?;
        if changed == 0 {
            return Err(Error::UnknownRun { id });
        }
        Ok(())
    }

    /// The `n` most recent runs, newest first.
    pub fn recent_runs(&self, n: usize) -> Result<Vec<RunRow>, Error> {
        let context = "read the recent runs";
        let mut stmt = self
            .conn
            .prepare(
                r#"SELECT id, started_at, finished_at, "trigger", summary, checked, unchanged,
                          refused, published, pending, approved_entity, approved_file,
                          approved_rows
                   FROM runs ORDER BY id DESC LIMIT ?1"#,
            )
            .ctx(context)?;
        let rows = stmt
            .query_map([i64::try_from(n).unwrap_or(i64::MAX)], |r| {
                let outcome = outcome(r)?;
                Ok(RunRow {
                    id: r.get(0)?,
                    started_at: from_ms(r.get(1)?),
                    finished_at: r.get::<_, Option<i64>>(2)?.map(from_ms),
                    trigger: Trigger::parse(&r.get::<_, String>(3)?),
                    summary: match &outcome {
                        Some(outcome) => Some(outcome.english()),
                        None => r.get(4)?,
                    },
                    outcome,
                })
            })
            .ctx(context)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(context)
    }
}

/// A count as SQLite stores it.
fn to_sql(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The outcome in columns 5..=12 of a row of [`State::recent_runs`].
fn outcome(r: &Row) -> rusqlite::Result<Option<Outcome>> {
    let count = |i| -> rusqlite::Result<Option<u64>> {
        Ok(r.get::<_, Option<i64>>(i)?
            .map(|n| u64::try_from(n).unwrap_or(0)))
    };
    if let (Some(checked), Some(unchanged), Some(refused), Some(published), Some(pending)) =
        (count(5)?, count(6)?, count(7)?, count(8)?, count(9)?)
    {
        return Ok(Some(Outcome::Pass(PassCounts {
            checked,
            unchanged,
            refused,
            published,
            pending,
        })));
    }
    let (entity, file) = (
        r.get::<_, Option<String>>(10)?,
        r.get::<_, Option<String>>(11)?,
    );
    Ok(match (entity, file, count(12)?) {
        (Some(entity), Some(file), Some(rows)) => Some(Outcome::Approved { entity, file, rows }),
        _ => None,
    })
}

/// Deletes all but the `keep` most recent runs (the timeline of an agent running for months
/// would otherwise grow without end), on `conn` (a transaction of
/// [`State::apply_retention`]). Returns how many were deleted.
pub(super) fn prune_runs(conn: &Connection, keep: usize) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?1)",
        [i64::try_from(keep).unwrap_or(i64::MAX)],
    )
}

#[cfg(test)]
mod tests {
    use super::super::snapshots::tests::{at, fresh};
    use super::*;

    fn pass(checked: u64, published: u64) -> Outcome {
        Outcome::Pass(PassCounts {
            checked,
            published,
            ..PassCounts::default()
        })
    }

    #[test]
    fn runs_are_listed_newest_first_with_their_outcome() {
        let (_dir, mut state) = fresh();
        let a = state.start_run(Trigger::Startup, at(1)).unwrap();
        state.finish_run(a, &pass(2, 1), at(2)).unwrap();
        let b = state.start_run(Trigger::Change, at(3)).unwrap();
        let runs = state.recent_runs(10).unwrap();
        assert_eq!(runs.iter().map(|r| r.id).collect::<Vec<_>>(), [b, a]);
        assert_eq!(
            (runs[0].finished_at, runs[0].summary.as_deref()),
            (None, None)
        );
        assert_eq!(runs[0].outcome, None);
        assert_eq!(runs[1].trigger, Trigger::Startup);
        assert_eq!(
            (runs[1].finished_at, runs[1].outcome.clone()),
            (Some(at(2)), Some(pass(2, 1)))
        );
        assert_eq!(
            runs[1].summary.as_deref(),
            Some("checked 2, unchanged 0, refused 0, published 1, pending 0")
        );
        assert_eq!(state.recent_runs(1).unwrap().len(), 1);
        assert!(matches!(
            state.finish_run(b + 1, &pass(0, 0), at(4)),
            Err(Error::UnknownRun { .. })
        ));
    }

    #[test]
    fn an_outcome_is_put_into_words_from_its_numbers() {
        assert_eq!(
            pass(1200, 3).words(Lang::Es),
            "1.200 revisados, 3 publicados"
        );
        assert_eq!(pass(0, 0).words(Lang::En), "nothing new");
        let approved = Outcome::Approved {
            entity: "clientes".into(),
            file: "c {rows}.csv".into(),
            rows: 1200,
        };
        assert_eq!(
            approved.words(Lang::Es),
            "clientes: c {rows}.csv aprobado (1.200 filas)"
        );
        assert_eq!(
            approved.english(),
            "clientes: c {rows}.csv approved (1200 rows)"
        );
        for trigger in Trigger::ALL {
            assert_eq!(Trigger::parse(trigger.as_str()), trigger);
            assert!(trigger.words().is_some());
        }
        assert_eq!(Trigger::parse("from-the-future"), Trigger::Other);
    }

    #[test]
    fn the_migration_turns_old_summaries_into_numbers_and_leaves_other_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            super::super::schema::migrate(&mut conn, &super::super::schema::MIGRATIONS[..2])
                .unwrap();
            conn.execute_batch(
                r#"INSERT INTO runs (started_at, "trigger", summary) VALUES
                   (1, 'startup', 'checked 12, unchanged 3, refused 1, published 7, pending 2'),
                   (2, 'approve', 'clientes: clientes 2026: v2.csv approved (1200 rows)'),
                   (3, 'change', 'something an old version wrote'),
                   (4, 'change', NULL);"#,
            )
            .unwrap();
        }
        let state = State::open(&path).unwrap();
        let runs = state.recent_runs(10).unwrap();
        let outcomes: Vec<_> = runs.iter().rev().map(|r| r.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            [
                Some(Outcome::Pass(PassCounts {
                    checked: 12,
                    unchanged: 3,
                    refused: 1,
                    published: 7,
                    pending: 2
                })),
                Some(Outcome::Approved {
                    entity: "clientes".into(),
                    file: "clientes 2026: v2.csv".into(),
                    rows: 1200
                }),
                None,
                None,
            ]
        );
        assert_eq!(
            runs[1].summary.as_deref(),
            Some("something an old version wrote")
        );
        assert_eq!(runs[3].trigger, Trigger::Startup);
    }

    #[test]
    fn pruning_keeps_the_newest_runs() {
        let (_dir, mut state) = fresh();
        let ids: Vec<i64> = (0..5)
            .map(|i| state.start_run(Trigger::Rescan, at(i)).unwrap())
            .collect();
        assert_eq!(prune_runs(&state.conn, 2).unwrap(), 3);
        assert_eq!(
            state
                .recent_runs(10)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>(),
            [ids[4], ids[3]]
        );
        assert_eq!(prune_runs(&state.conn, 2).unwrap(), 0);
    }
}

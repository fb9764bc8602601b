//! The activity timeline: one run per pass of the agent (start-up, a change, a rescan, a
//! manual sync, an approval), with a summary of what it did.

use super::{from_ms, ser, to_ms, Context, Error, State};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::time::SystemTime;

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
    /// What started it: `startup`, `change`, `rescan`, `manual` or `approve`.
    pub trigger: String,
    /// What it did (free text or JSON), once finished.
    pub summary: Option<String>,
}

impl State {
    /// Records the start of a run; `trigger` says what started it (`startup`, `change`,
    /// `rescan`, `manual`, `approve`). Returns its id, for [`State::finish_run`].
    pub fn start_run(&mut self, trigger: &str, now: SystemTime) -> Result<i64, Error> {
        self.conn
            .execute(
                r#"INSERT INTO runs (started_at, "trigger") VALUES (?1, ?2)"#,
                params![to_ms(now), trigger],
            )
            .ctx(format_args!("start a {trigger} run"))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of run `id` with its summary. Fails with [`Error::UnknownRun`].
    pub fn finish_run(&mut self, id: i64, summary: &str, now: SystemTime) -> Result<(), Error> {
        let changed = self
            .conn
            .execute(
                "UPDATE runs SET finished_at = ?2, summary = ?3 WHERE id = ?1",
                params![id, to_ms(now), summary],
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
                r#"SELECT id, started_at, finished_at, "trigger", summary FROM runs
                   ORDER BY id DESC LIMIT ?1"#,
            )
            .ctx(context)?;
        let rows = stmt
            .query_map([i64::try_from(n).unwrap_or(i64::MAX)], |r| {
                Ok(RunRow {
                    id: r.get(0)?,
                    started_at: from_ms(r.get(1)?),
                    finished_at: r.get::<_, Option<i64>>(2)?.map(from_ms),
                    trigger: r.get(3)?,
                    summary: r.get(4)?,
                })
            })
            .ctx(context)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(context)
    }
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

    #[test]
    fn runs_are_listed_newest_first_with_their_summary() {
        let (_dir, mut state) = fresh();
        let a = state.start_run("startup", at(1)).unwrap();
        state.finish_run(a, "checked 2", at(2)).unwrap();
        let b = state.start_run("change", at(3)).unwrap();
        let runs = state.recent_runs(10).unwrap();
        assert_eq!(runs.iter().map(|r| r.id).collect::<Vec<_>>(), [b, a]);
        assert_eq!(
            (runs[0].finished_at, runs[0].summary.as_deref()),
            (None, None)
        );
        assert_eq!(runs[1].trigger, "startup");
        assert_eq!(
            (runs[1].finished_at, runs[1].summary.as_deref()),
            (Some(at(2)), Some("checked 2"))
        );
        assert_eq!(state.recent_runs(1).unwrap().len(), 1);
        assert!(matches!(
            state.finish_run(b + 1, "x", at(4)),
            Err(Error::UnknownRun { .. })
        ));
    }

    #[test]
    fn pruning_keeps_the_newest_runs() {
        let (_dir, mut state) = fresh();
        let ids: Vec<i64> = (0..5)
            .map(|i| state.start_run("rescan", at(i)).unwrap())
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

//! Snapshots (every settled file checked, with its verdict) and the per-entity status derived
//! from them and from the outbox.

use super::{from_ms, ser, to_ms, Context, Error, State};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use std::path::PathBuf;
use std::time::SystemTime;

/// The verdicts a snapshot can have: `accepted` and `partial` (published, all rows or the
/// valid ones), `rejected` (nothing published), `held` (waiting for `sheetdrop approve`, e.g.
/// the shrink guard), `unchanged` (identical to the last accepted snapshot, not published
/// again). Verdicts are stored and passed as these strings (the same words as
/// `validate::Verdict::as_str`), checked on write.
pub const VERDICTS: [&str; 5] = ["accepted", "partial", "rejected", "held", "unchanged"];

/// True for the verdicts whose data goes to the destination (`accepted`, `partial`).
pub fn is_publishable(verdict: &str) -> bool {
    matches!(verdict, "accepted" | "partial")
}

/// Fails with [`Error::UnknownVerdict`] unless `verdict` is one of [`VERDICTS`].
fn check_verdict(verdict: &str) -> Result<(), Error> {
    if VERDICTS.contains(&verdict) {
        Ok(())
    } else {
        Err(Error::UnknownVerdict {
            verdict: verdict.to_string(),
        })
    }
}

/// A snapshot to record: a settled file copied into the spool and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// The entity the file is a snapshot of.
    pub entity: String,
    /// The client's file name (as shown to people).
    pub source_name: String,
    /// The spooled copy that a publisher reads.
    pub spool_path: PathBuf,
    /// The file's SHA-256, lowercase hex.
    pub sha256: String,
    /// The file's size in bytes.
    pub size: u64,
    /// Its data records.
    pub rows: u64,
    /// The records that can be published (0 when rejected).
    pub rows_accepted: u64,
    /// One of [`VERDICTS`].
    pub verdict: String,
    /// The entity's JSON report from validate (embedded as JSON when serialized).
    #[serde(serialize_with = "ser::json_text")]
    pub report_json: String,
    /// The 1-based rows left out, in order, so a publisher re-reading the spool skips them.
    pub left_out_rows: Vec<u64>,
    /// When the file was taken.
    #[serde(serialize_with = "ser::time")]
    pub received_at: SystemTime,
}

/// A recorded snapshot: what was recorded, under its id, and whether it was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotRow {
    /// Its id: increases with every snapshot recorded, so a larger id is a newer snapshot.
    pub id: i64,
    /// The file, its figures and its verdict, as recorded.
    #[serde(flatten)]
    pub snapshot: Snapshot,
    /// When a destination confirmed it, if one did.
    #[serde(serialize_with = "ser::opt_time")]
    pub published_at: Option<SystemTime>,
}

/// What `sheetdrop status` shows for one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityStatus {
    /// The entity.
    pub entity: String,
    /// Its newest snapshot, if any is still recorded.
    pub last_snapshot_id: Option<i64>,
    /// That snapshot's file name.
    pub last_file: Option<String>,
    /// When that snapshot was taken.
    #[serde(serialize_with = "ser::opt_time")]
    pub last_received_at: Option<SystemTime>,
    /// That snapshot's verdict (one of [`VERDICTS`]).
    pub last_verdict: Option<String>,
    /// That snapshot's data records.
    pub rows: u64,
    /// That snapshot's records that can be published.
    pub rows_accepted: u64,
    /// When a destination last confirmed a current publish of this entity.
    #[serde(serialize_with = "ser::opt_time")]
    pub last_published_at: Option<SystemTime>,
    /// The last publish failure (cleared by a success), or another per-file problem.
    pub last_error: Option<String>,
    /// When this status last changed.
    #[serde(serialize_with = "ser::time")]
    pub updated_at: SystemTime,
    /// True while the outbox holds a publish of this entity.
    pub pending: bool,
    /// The earliest next attempt of those pending publishes.
    #[serde(serialize_with = "ser::opt_time")]
    pub next_attempt_at: Option<SystemTime>,
}

/// A count as stored (SQLite integers are i64; counts beyond that are saturated).
fn int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A stored count; a negative one is an error.
fn get_u64(row: &Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    let v: i64 = row.get(idx)?;
    u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, v))
}

/// The snapshot columns, in the order [`snapshot_row`] reads them.
const SNAPSHOT_COLUMNS: &str =
    "id, entity, source_name, spool_path, sha256, size, rows, rows_accepted, verdict, \
                                report_json, left_out_rows, received_at, published_at";

/// Reads a [`SnapshotRow`] selected with [`SNAPSHOT_COLUMNS`].
fn snapshot_row(row: &Row<'_>) -> rusqlite::Result<SnapshotRow> {
    let left_out: String = row.get(10)?;
    let left_out_rows = serde_json::from_str(&left_out).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(SnapshotRow {
        id: row.get(0)?,
        snapshot: Snapshot {
            entity: row.get(1)?,
            source_name: row.get(2)?,
            spool_path: PathBuf::from(row.get::<_, String>(3)?),
            sha256: row.get(4)?,
            size: get_u64(row, 5)?,
            rows: get_u64(row, 6)?,
            rows_accepted: get_u64(row, 7)?,
            verdict: row.get(8)?,
            report_json: row.get(9)?,
            left_out_rows,
            received_at: from_ms(row.get(11)?),
        },
        published_at: row.get::<_, Option<i64>>(12)?.map(from_ms),
    })
}

impl State {
    /// Records a snapshot and makes it its entity's latest in the status, in one transaction.
    /// Returns its id. Fails on a verdict not in [`VERDICTS`] or a non-UTF-8 spool path.
    pub fn record_snapshot(&mut self, s: &Snapshot) -> Result<i64, Error> {
        check_verdict(&s.verdict)?;
        let spool = s.spool_path.to_str().ok_or_else(|| Error::NonUtf8Path {
            path: s.spool_path.clone(),
        })?;
        let left_out = serde_json::to_string(&s.left_out_rows).unwrap_or_else(|_| "[]".into());
        // Stored bounded, whatever the file held (see `retention`).
        let report = super::retention::bound_report(&s.report_json, super::retention::REPORT_BYTES);
        let report = report.as_deref().unwrap_or(&s.report_json);
        let context = format!("record snapshot of {}", s.entity);
        let tx = self.write_tx(&context)?;
        tx.execute(
            "INSERT INTO snapshots (entity, source_name, spool_path, sha256, size, rows, rows_accepted, verdict, \
             report_json, left_out_rows, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                s.entity,
                s.source_name,
                spool,
                s.sha256,
                int(s.size),
                int(s.rows),
                int(s.rows_accepted),
                s.verdict,
                report,
                left_out,
                to_ms(s.received_at)
            ],
        )
        .ctx(&context)?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO entity_status (entity, last_snapshot_id, last_verdict, rows, rows_accepted, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (entity) DO UPDATE SET last_snapshot_id = excluded.last_snapshot_id, \
             last_verdict = excluded.last_verdict, rows = excluded.rows, \
             rows_accepted = excluded.rows_accepted, updated_at = excluded.updated_at",
            params![s.entity, id, s.verdict, int(s.rows), int(s.rows_accepted), to_ms(s.received_at)],
        )
        .ctx(&context)?;
        tx.commit().ctx(&context)?;
        Ok(id)
    }

    /// The snapshot with this id.
    pub fn snapshot(&self, id: i64) -> Result<Option<SnapshotRow>, Error> {
        self.conn
            .query_row(
                &format!("SELECT {SNAPSHOT_COLUMNS} FROM snapshots WHERE id = ?1"),
                [id],
                snapshot_row,
            )
            .optional()
            .ctx(format_args!("read snapshot {id}"))
    }

    /// The entity's newest snapshot, whatever its verdict.
    pub fn last_snapshot(&self, entity: &str) -> Result<Option<SnapshotRow>, Error> {
        self.conn
            .query_row(
                &format!("SELECT {SNAPSHOT_COLUMNS} FROM snapshots WHERE entity = ?1 ORDER BY id DESC LIMIT 1"),
                [entity],
                snapshot_row,
            )
            .optional()
            .ctx(format_args!("read the last snapshot of {entity}"))
    }

    /// The entity's newest `accepted` or `partial` snapshot: the data the destination has or
    /// will have. Used for the shrink guard, to tell an unchanged file by its sha256, and to
    /// check a child that arrives alone against its parent. Rejected, held and unchanged
    /// snapshots are ignored.
    pub fn last_accepted(&self, entity: &str) -> Result<Option<SnapshotRow>, Error> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {SNAPSHOT_COLUMNS} FROM snapshots WHERE entity = ?1 \
                     AND verdict IN ('accepted', 'partial') ORDER BY id DESC LIMIT 1"
                ),
                [entity],
                snapshot_row,
            )
            .optional()
            .ctx(format_args!("read the last accepted snapshot of {entity}"))
    }

    /// The entity's newest `held` snapshot, if it is newer than its last accepted one (an
    /// older held snapshot was overtaken by newer data and is not worth releasing).
    pub fn held(&self, entity: &str) -> Result<Option<SnapshotRow>, Error> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {SNAPSHOT_COLUMNS} FROM snapshots WHERE entity = ?1 AND verdict = 'held' \
                     AND id > COALESCE((SELECT MAX(id) FROM snapshots WHERE entity = ?1 \
                                        AND verdict IN ('accepted', 'partial')), 0) \
                     ORDER BY id DESC LIMIT 1"
                ),
                [entity],
                snapshot_row,
            )
            .optional()
            .ctx(format_args!("read the held snapshot of {entity}"))
    }

    /// Changes a snapshot's verdict (`sheetdrop approve` releases a held one as `accepted` or
    /// `partial`, then enqueues it), and its entity's status when it is the latest snapshot.
    /// Fails on an unknown verdict or id.
    pub fn set_verdict(&mut self, id: i64, verdict: &str) -> Result<(), Error> {
        self.set_verdict_and_report(id, verdict, None)
    }

    /// [`State::set_verdict`], also replacing the stored report when `report_json` is given
    /// (`sheetdrop approve` marks the hold it lifted), in the same transaction.
    pub fn set_verdict_and_report(
        &mut self,
        id: i64,
        verdict: &str,
        report_json: Option<&str>,
    ) -> Result<(), Error> {
        check_verdict(verdict)?;
        let context = format!("set the verdict of snapshot {id}");
        let tx = self.write_tx(&context)?;
        let changed = tx
            .execute(
                "UPDATE snapshots SET verdict = ?2, report_json = COALESCE(?3, report_json)
                 WHERE id = ?1",
                params![id, verdict, report_json],
            )
            .ctx(&context)?;
        if changed == 0 {
            return Err(Error::UnknownSnapshot { id });
        }
        tx.execute(
            "UPDATE entity_status SET last_verdict = ?2, updated_at = ?3 WHERE last_snapshot_id = ?1",
            params![id, verdict, to_ms(SystemTime::now())],
        )
        .ctx(&context)?;
        tx.commit().ctx(&context)
    }

    /// Sets (or with `None` clears) an entity's last error for a problem outside publishing,
    /// e.g. a file that could not be read; creates the status row if needed.
    pub fn set_entity_error(
        &mut self,
        entity: &str,
        error: Option<&str>,
        now: SystemTime,
    ) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO entity_status (entity, last_error, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (entity) DO UPDATE SET last_error = excluded.last_error, updated_at = excluded.updated_at",
                params![entity, error, to_ms(now)],
            )
            .ctx(format_args!("set the last error of {entity}"))?;
        Ok(())
    }

    /// Every entity's status, by entity name, with whether a publish of it is pending.
    pub fn entity_statuses(&self) -> Result<Vec<EntityStatus>, Error> {
        let context = "read the entity statuses";
        let mut stmt = self
            .conn
            .prepare(
                "SELECT es.entity, es.last_snapshot_id, s.source_name, s.received_at, es.last_verdict, es.rows, \
                 es.rows_accepted, es.last_published_at, es.last_error, es.updated_at, \
                 (SELECT MIN(o.next_attempt_at) FROM outbox o WHERE o.entity = es.entity) \
                 FROM entity_status es LEFT JOIN snapshots s ON s.id = es.last_snapshot_id \
                 ORDER BY es.entity",
            )
            .ctx(context)?;
        let rows = stmt
            .query_map([], |row| {
                let next_attempt_at = row.get::<_, Option<i64>>(10)?.map(from_ms);
                Ok(EntityStatus {
                    entity: row.get(0)?,
                    last_snapshot_id: row.get(1)?,
                    last_file: row.get(2)?,
                    last_received_at: row.get::<_, Option<i64>>(3)?.map(from_ms),
                    last_verdict: row.get(4)?,
                    rows: get_u64(row, 5)?,
                    rows_accepted: get_u64(row, 6)?,
                    last_published_at: row.get::<_, Option<i64>>(7)?.map(from_ms),
                    last_error: row.get(8)?,
                    updated_at: from_ms(row.get(9)?),
                    pending: next_attempt_at.is_some(),
                    next_attempt_at,
                })
            })
            .ctx(context)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(context)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    /// A time `secs` seconds after an arbitrary fixed instant.
    pub fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000 + secs)
    }

    /// A snapshot of `entity` with `rows` rows and this verdict.
    pub fn snap(entity: &str, verdict: &str, rows: u64, sha: &str) -> Snapshot {
        let publishable = is_publishable(verdict);
        Snapshot {
            entity: entity.into(),
            source_name: format!("{entity}.csv"),
            spool_path: PathBuf::from(format!("/spool/{entity}-{sha}.csv")),
            sha256: sha.into(),
            size: rows * 10,
            rows,
            rows_accepted: if publishable { rows } else { 0 },
            verdict: verdict.into(),
            report_json: format!(r#"{{"entity":"{entity}","rows":{rows}}}"#),
            left_out_rows: Vec::new(),
            received_at: at(rows),
        }
    }

    /// A fresh state store in a temp dir (kept alive by the returned guard).
    pub fn fresh() -> (tempfile::TempDir, State) {
        let dir = tempfile::tempdir().unwrap();
        let state = State::open(&dir.path().join("state.db")).unwrap();
        (dir, state)
    }

    #[test]
    fn a_snapshot_round_trips_with_its_left_out_rows() {
        let (_dir, mut state) = fresh();
        let mut s = snap("clientes", "partial", 100, "aa");
        s.rows_accepted = 98;
        s.left_out_rows = vec![3, 77];
        let id = state.record_snapshot(&s).unwrap();
        let row = state.snapshot(id).unwrap().unwrap();
        assert_eq!(row.snapshot.left_out_rows, vec![3, 77]);
        assert_eq!(row.snapshot.rows_accepted, 98);
        assert_eq!(row.snapshot.spool_path, s.spool_path);
        assert_eq!(row.snapshot.received_at, s.received_at);
        assert_eq!(row.published_at, None);
        assert!(state.snapshot(id + 1).unwrap().is_none());
        assert_eq!(state.last_snapshot("clientes").unwrap().unwrap().id, id);
        assert!(state.last_snapshot("ventas").unwrap().is_none());
    }

    #[test]
    fn unknown_verdicts_are_refused() {
        let (_dir, mut state) = fresh();
        assert!(matches!(
            state.record_snapshot(&snap("c", "great", 1, "a")),
            Err(Error::UnknownVerdict { .. })
        ));
        let id = state.record_snapshot(&snap("c", "held", 1, "a")).unwrap();
        assert!(matches!(
            state.set_verdict(id, "missing"),
            Err(Error::UnknownVerdict { .. })
        ));
        assert!(
            matches!(state.set_verdict(id + 5, "accepted"), Err(Error::UnknownSnapshot { id: i }) if i == id + 5)
        );
    }

    #[test]
    fn last_accepted_ignores_rejected_held_and_unchanged() {
        let (_dir, mut state) = fresh();
        assert!(state.last_accepted("clientes").unwrap().is_none());
        let first = state
            .record_snapshot(&snap("clientes", "accepted", 10, "a"))
            .unwrap();
        let partial = state
            .record_snapshot(&snap("clientes", "partial", 11, "b"))
            .unwrap();
        state
            .record_snapshot(&snap("clientes", "rejected", 12, "c"))
            .unwrap();
        state
            .record_snapshot(&snap("clientes", "held", 0, "d"))
            .unwrap();
        state
            .record_snapshot(&snap("clientes", "unchanged", 11, "b"))
            .unwrap();
        state
            .record_snapshot(&snap("ventas", "accepted", 5, "e"))
            .unwrap();
        assert!(partial > first);
        let last = state.last_accepted("clientes").unwrap().unwrap();
        assert_eq!((last.id, last.snapshot.sha256.as_str()), (partial, "b"));
    }

    #[test]
    fn held_is_only_newer_than_the_last_accepted_and_approve_releases_it() {
        let (_dir, mut state) = fresh();
        let old_held = state
            .record_snapshot(&snap("clientes", "held", 0, "a"))
            .unwrap();
        assert_eq!(state.held("clientes").unwrap().unwrap().id, old_held);
        state
            .record_snapshot(&snap("clientes", "accepted", 100, "b"))
            .unwrap();
        assert!(
            state.held("clientes").unwrap().is_none(),
            "overtaken by newer accepted data"
        );
        let held = state
            .record_snapshot(&snap("clientes", "held", 3, "c"))
            .unwrap();
        state
            .record_snapshot(&snap("clientes", "rejected", 4, "d"))
            .unwrap();
        assert_eq!(state.held("clientes").unwrap().unwrap().id, held);

        state.set_verdict(held, "accepted").unwrap();
        assert_eq!(state.last_accepted("clientes").unwrap().unwrap().id, held);
        assert!(state.held("clientes").unwrap().is_none());
    }

    #[test]
    fn status_follows_the_latest_snapshot_and_its_approval() {
        let (_dir, mut state) = fresh();
        state
            .record_snapshot(&snap("ventas", "accepted", 5, "a"))
            .unwrap();
        let held = state
            .record_snapshot(&snap("ventas", "held", 2, "b"))
            .unwrap();
        state
            .record_snapshot(&snap("clientes", "rejected", 7, "c"))
            .unwrap();
        let statuses = state.entity_statuses().unwrap();
        assert_eq!(
            statuses
                .iter()
                .map(|s| s.entity.as_str())
                .collect::<Vec<_>>(),
            ["clientes", "ventas"]
        );
        let ventas = &statuses[1];
        assert_eq!(ventas.last_snapshot_id, Some(held));
        assert_eq!(ventas.last_verdict.as_deref(), Some("held"));
        assert_eq!(ventas.last_file.as_deref(), Some("ventas.csv"));
        assert_eq!(ventas.last_received_at, Some(at(2)));
        assert_eq!((ventas.rows, ventas.pending), (2, false));

        state.set_verdict(held, "accepted").unwrap();
        let ventas = state.entity_statuses().unwrap().remove(1);
        assert_eq!(ventas.last_verdict.as_deref(), Some("accepted"));
    }

    #[test]
    fn entity_errors_are_set_and_cleared() {
        let (_dir, mut state) = fresh();
        state
            .set_entity_error("clientes", Some("cannot read clientes.csv: locked"), at(1))
            .unwrap();
        let s = state.entity_statuses().unwrap().remove(0);
        assert_eq!(
            (s.last_error.as_deref(), s.last_snapshot_id),
            (Some("cannot read clientes.csv: locked"), None)
        );
        state
            .record_snapshot(&snap("clientes", "accepted", 3, "a"))
            .unwrap();
        state.set_entity_error("clientes", None, at(9)).unwrap();
        let s = state.entity_statuses().unwrap().remove(0);
        assert_eq!((s.last_error, s.rows, s.updated_at), (None, 3, at(9)));
    }

    #[test]
    fn status_json_has_rfc3339_times_and_embedded_reports() {
        let (_dir, mut state) = fresh();
        let id = state
            .record_snapshot(&snap("clientes", "accepted", 3, "a"))
            .unwrap();
        let json = serde_json::to_value(state.entity_statuses().unwrap()).unwrap();
        assert_eq!(json[0]["updated_at"], "2023-11-14T22:13:23Z");
        assert_eq!(json[0]["last_published_at"], serde_json::Value::Null);
        let row = serde_json::to_value(state.snapshot(id).unwrap().unwrap()).unwrap();
        assert_eq!(row["report_json"]["rows"], 3);
        assert_eq!(row["spool_path"], "/spool/clientes-a.csv");
    }
}

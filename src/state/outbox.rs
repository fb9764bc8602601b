//! The durable outbox: publishes still to do, one per entity and destination.
//!
//! A publish is enqueued (committed) before it is attempted and leaves the outbox only once the
//! destination confirmed it ([`State::mark_published`]); a failure stays with its attempt
//! count, error and next attempt time ([`State::mark_failed`], [`retry_delay`]). A newer
//! snapshot of an entity replaces its pending publish: the row gets a new id and the old id is
//! remembered for a day as *superseded*, so a publish of the old snapshot that was already in
//! flight (e.g. while `sheetdrop approve` enqueued from another process) still marks its
//! snapshot published without touching the newer pending row. Killed at any instant, the agent
//! finds on restart every publish not yet confirmed; at worst one is done twice (destinations
//! replace, so that is harmless), never lost.

use super::{from_ms, is_publishable, ser, to_ms, Context, Error, State};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use std::time::{Duration, SystemTime};

/// The first retry delay; each further failure doubles it.
pub const RETRY_BASE: Duration = Duration::from_secs(2);

/// The longest retry delay before jitter.
pub const RETRY_CAP: Duration = Duration::from_secs(15 * 60);

/// How long a superseded outbox id is remembered (a publish in flight takes far less).
const SUPERSEDED_KEPT_MS: i64 = 24 * 3600 * 1000;

/// The wait before the next attempt after `attempts` failures (counting the one that just
/// happened; 0 is taken as 1): 2 s, 4 s, 8 s, ... doubling up to [`RETRY_CAP`] (15 min), then
/// multiplied by `0.8 + 0.4 × jitter`, i.e. ±20%, so that many agents (or entities) failing
/// together do not retry in step. `jitter` is a number in [0, 1] the caller draws at random
/// (clamped; NaN counts as 0.5), which keeps this function pure and testable. Below the cap
/// the delay grows strictly with `attempts` whatever the jitter (×2 beats ±20%).
pub fn retry_delay(attempts: u32, jitter: f64) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    let base = RETRY_BASE.saturating_mul(1 << doublings).min(RETRY_CAP);
    let jitter = if jitter.is_nan() {
        0.5
    } else {
        jitter.clamp(0.0, 1.0)
    };
    base.mul_f64(0.8 + 0.4 * jitter)
}

/// A publish waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxItem {
    /// Its id; a superseding snapshot gets a new one.
    pub id: i64,
    /// The entity.
    pub entity: String,
    /// The snapshot to publish.
    pub snapshot_id: i64,
    /// The destination's name (`local`, `google`).
    pub destination: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Not to be attempted before this.
    #[serde(serialize_with = "ser::time")]
    pub next_attempt_at: SystemTime,
    /// The last failure.
    pub last_error: Option<String>,
    /// When it was enqueued.
    #[serde(serialize_with = "ser::time")]
    pub created_at: SystemTime,
}

/// What [`State::mark_published`] or [`State::mark_failed`] found for the id given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Marked {
    /// The pending item: it was cleared (published) or rescheduled (failed).
    Current,
    /// The item had been superseded by a newer snapshot, which stays pending untouched; a
    /// publish still marks the old snapshot published.
    Superseded,
    /// No such item (already cleared, or superseded more than a day ago): nothing changed.
    Unknown,
}

/// The outbox columns, in the order [`outbox_item`] reads them.
const OUTBOX_COLUMNS: &str =
    "id, entity, snapshot_id, destination, attempts, next_attempt_at, last_error, created_at";

/// Reads an [`OutboxItem`] selected with [`OUTBOX_COLUMNS`].
fn outbox_item(row: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    Ok(OutboxItem {
        id: row.get(0)?,
        entity: row.get(1)?,
        snapshot_id: row.get(2)?,
        destination: row.get(3)?,
        attempts: row.get(4)?,
        next_attempt_at: from_ms(row.get(5)?),
        last_error: row.get(6)?,
        created_at: from_ms(row.get(7)?),
    })
}

impl State {
    /// Records that `snapshot_id` of `entity` is to be published to `destination`, due at
    /// `now`; call it (it commits) BEFORE attempting the publish. Returns the item's id.
    ///
    /// A pending publish of an older snapshot of the same entity and destination is replaced
    /// (new id, attempts reset). Enqueuing the snapshot already pending, or an older one than
    /// it, changes nothing and returns the pending id: the outbox only moves forward. Fails
    /// when the snapshot is unknown, of another entity, or not `accepted`/`partial`.
    pub fn enqueue(
        &mut self,
        entity: &str,
        snapshot_id: i64,
        destination: &str,
        now: SystemTime,
    ) -> Result<i64, Error> {
        let context = format!("enqueue snapshot {snapshot_id} of {entity} for {destination}");
        let now = to_ms(now);
        let tx = self.write_tx(&context)?;
        let found: Option<(String, String)> = tx
            .query_row(
                "SELECT entity, verdict FROM snapshots WHERE id = ?1",
                [snapshot_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx(&context)?;
        let (actual, verdict) = found.ok_or(Error::UnknownSnapshot { id: snapshot_id })?;
        if actual != entity {
            return Err(Error::WrongEntity {
                id: snapshot_id,
                entity: entity.to_string(),
                actual,
            });
        }
        if !is_publishable(&verdict) {
            return Err(Error::NotPublishable {
                id: snapshot_id,
                entity: actual,
                verdict,
            });
        }
        tx.execute(
            "DELETE FROM outbox_superseded WHERE superseded_at < ?1",
            [now - SUPERSEDED_KEPT_MS],
        )
        .ctx(&context)?;
        let pending: Option<(i64, i64)> = tx
            .query_row(
                "SELECT id, snapshot_id FROM outbox WHERE entity = ?1 AND destination = ?2",
                [entity, destination],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx(&context)?;
        match pending {
            Some((id, pending_snapshot)) if pending_snapshot >= snapshot_id => {
                tx.commit().ctx(&context)?;
                return Ok(id);
            }
            Some((id, pending_snapshot)) => {
                tx.execute(
                    "INSERT OR REPLACE INTO outbox_superseded (id, entity, snapshot_id, destination, superseded_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, entity, pending_snapshot, destination, now],
                )
                .ctx(&context)?;
                tx.execute("DELETE FROM outbox WHERE id = ?1", [id])
                    .ctx(&context)?;
            }
            None => {}
        }
        tx.execute(
            "INSERT INTO outbox (entity, snapshot_id, destination, attempts, next_attempt_at, created_at) \
             VALUES (?1, ?2, ?3, 0, ?4, ?4)",
            params![entity, snapshot_id, destination, now],
        )
        .ctx(&context)?;
        let id = tx.last_insert_rowid();
        tx.commit().ctx(&context)?;
        Ok(id)
    }

    /// The pending publishes due at `now` (next attempt at or before it), oldest first.
    pub fn due(&self, now: SystemTime) -> Result<Vec<OutboxItem>, Error> {
        self.outbox_up_to(to_ms(now), "read the due publishes")
    }

    /// Every pending publish, oldest first.
    pub fn pending(&self) -> Result<Vec<OutboxItem>, Error> {
        self.outbox_up_to(i64::MAX, "read the pending publishes")
    }

    /// When the next pending publish is due (possibly in the past), `None` when none is pending.
    pub fn next_due_at(&self) -> Result<Option<SystemTime>, Error> {
        let next: Option<i64> = self
            .conn
            .query_row("SELECT MIN(next_attempt_at) FROM outbox", [], |r| r.get(0))
            .ctx("read the next due publish")?;
        Ok(next.map(from_ms))
    }

    /// Makes every pending publish to `destination` due at `now` (e.g. after `auth login`
    /// fixed what made them fail); returns how many. Attempts and errors stay as they are.
    pub fn retry_now(&mut self, destination: &str, now: SystemTime) -> Result<usize, Error> {
        let context = "make the pending publishes due";
        let tx = self.write_tx(context)?;
        let n = tx
            .execute(
                "UPDATE outbox SET next_attempt_at = ?2 WHERE destination = ?1 AND next_attempt_at > ?2",
                params![destination, to_ms(now)],
            )
            .ctx(context)?;
        tx.commit().ctx(context)?;
        Ok(n)
    }

    /// Records a failed attempt of item `id`: one more attempt, its error, not before
    /// `next_attempt_at` (see [`retry_delay`]); the entity's status shows the error. An item
    /// superseded meanwhile is forgotten instead (its newer replacement stays as it is).
    pub fn mark_failed(
        &mut self,
        id: i64,
        error: &str,
        next_attempt_at: SystemTime,
    ) -> Result<Marked, Error> {
        let context = format!("record the failure of publish {id}");
        let tx = self.write_tx(&context)?;
        let entity: Option<String> = tx
            .query_row(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 \
                 WHERE id = ?1 RETURNING entity",
                params![id, error, to_ms(next_attempt_at)],
                |r| r.get(0),
            )
            .optional()
            .ctx(&context)?;
        let marked = match entity {
            Some(entity) => {
                tx.execute(
                    "UPDATE entity_status SET last_error = ?2, updated_at = ?3 WHERE entity = ?1",
                    params![entity, error, to_ms(SystemTime::now())],
                )
                .ctx(&context)?;
                Marked::Current
            }
            None => forget_superseded(&tx, id, None).ctx(&context)?,
        };
        tx.commit().ctx(&context)?;
        Ok(marked)
    }

    /// Records that the destination confirmed item `id`, in one transaction: sets its
    /// snapshot's `published_at`; and, when the item is still the pending one, removes it and
    /// sets the entity's `last_published_at` (clearing its last error). When a newer snapshot
    /// superseded the item meanwhile, only the old snapshot's `published_at` is set and the
    /// newer pending publish stays. Call it only after the side effect succeeded.
    pub fn mark_published(&mut self, id: i64, published_at: SystemTime) -> Result<Marked, Error> {
        let context = format!("record the success of publish {id}");
        let at = to_ms(published_at);
        let tx = self.write_tx(&context)?;
        let current: Option<(i64, String)> = tx
            .query_row(
                "DELETE FROM outbox WHERE id = ?1 RETURNING snapshot_id, entity",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx(&context)?;
        let marked = match current {
            Some((snapshot_id, entity)) => {
                tx.execute(
                    "UPDATE snapshots SET published_at = ?2 WHERE id = ?1",
                    params![snapshot_id, at],
                )
                .ctx(&context)?;
                tx.execute(
                    "UPDATE entity_status SET last_published_at = ?2, last_error = NULL, updated_at = ?2 \
                     WHERE entity = ?1",
                    params![entity, at],
                )
                .ctx(&context)?;
                Marked::Current
            }
            None => forget_superseded(&tx, id, Some(at)).ctx(&context)?,
        };
        tx.commit().ctx(&context)?;
        Ok(marked)
    }

    /// Outbox rows whose next attempt is at or before `until` (ms), oldest first.
    fn outbox_up_to(&self, until: i64, context: &str) -> Result<Vec<OutboxItem>, Error> {
        let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE next_attempt_at <= ?1 ORDER BY created_at, id");
        let mut stmt = self.conn.prepare(&sql).ctx(context)?;
        let rows = stmt.query_map([until], outbox_item).ctx(context)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx(context)
    }
}

/// Forgets superseded item `id`, first marking its snapshot published at `published_at` if
/// given. Returns [`Marked::Superseded`], or [`Marked::Unknown`] when there is no such item.
fn forget_superseded(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    published_at: Option<i64>,
) -> rusqlite::Result<Marked> {
    let snapshot: Option<i64> = tx
        .query_row(
            "DELETE FROM outbox_superseded WHERE id = ?1 RETURNING snapshot_id",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(snapshot) = snapshot else {
        return Ok(Marked::Unknown);
    };
    if let Some(at) = published_at {
        tx.execute(
            "UPDATE snapshots SET published_at = ?2 WHERE id = ?1",
            params![snapshot, at],
        )?;
    }
    Ok(Marked::Superseded)
}

#[cfg(test)]
mod tests {
    use super::super::snapshots::tests::{at, fresh, snap};
    use super::*;

    #[test]
    fn retry_delay_doubles_from_2s_to_the_cap_within_20_percent() {
        let jitters = [0.0, 0.25, 0.5, 0.999, 1.0];
        assert_eq!(retry_delay(1, 0.5), Duration::from_secs(2));
        assert_eq!(retry_delay(0, 0.5), Duration::from_secs(2));
        assert_eq!(retry_delay(2, 0.5), Duration::from_secs(4));
        assert_eq!(retry_delay(1, 0.0), Duration::from_millis(1600));
        assert_eq!(retry_delay(1, 1.0), Duration::from_millis(2400));
        let mut previous_max = Duration::ZERO;
        for attempts in 1..=40u32 {
            let nominal = (RETRY_BASE * 2u32.pow(attempts.min(20) - 1)).min(RETRY_CAP);
            let delays: Vec<Duration> = jitters.iter().map(|&j| retry_delay(attempts, j)).collect();
            for d in &delays {
                assert!(
                    *d >= nominal.mul_f64(0.8) && *d <= nominal.mul_f64(1.2),
                    "{attempts}: {d:?}"
                );
            }
            if nominal < RETRY_CAP {
                // Strictly growing whatever the jitter, until the cap.
                assert!(delays.iter().all(|d| *d > previous_max), "{attempts}");
            } else {
                assert!(delays.iter().all(|d| *d <= RETRY_CAP.mul_f64(1.2)));
            }
            previous_max = *delays.iter().max().unwrap();
        }
        assert_eq!(retry_delay(10, 0.5), RETRY_CAP);
        assert_eq!(retry_delay(u32::MAX, 0.5), RETRY_CAP);
        assert_eq!(retry_delay(3, f64::NAN), Duration::from_secs(8));
        assert_eq!(retry_delay(3, 7.0), retry_delay(3, 1.0));
    }

    #[test]
    fn retry_now_makes_a_destination_s_pending_publishes_due() {
        let (_dir, mut state) = fresh();
        let s1 = state
            .record_snapshot(&snap("clientes", "accepted", 10, "a"))
            .unwrap();
        let google = state.enqueue("clientes", s1, "google", at(1)).unwrap();
        let local = state.enqueue("clientes", s1, "local", at(1)).unwrap();
        state.mark_failed(google, "no login", at(900)).unwrap();
        state.mark_failed(local, "disk full", at(900)).unwrap();
        assert_eq!(state.retry_now("google", at(10)).unwrap(), 1);
        assert_eq!(state.retry_now("google", at(10)).unwrap(), 0);
        let due: Vec<_> = state.due(at(10)).unwrap().iter().map(|i| i.id).collect();
        assert_eq!(due, [google]);
        assert_eq!(state.pending().unwrap()[0].attempts, 1);
    }

    #[test]
    fn enqueue_supersedes_an_older_pending_snapshot() {
        let (_dir, mut state) = fresh();
        let s1 = state
            .record_snapshot(&snap("clientes", "accepted", 10, "a"))
            .unwrap();
        let first = state.enqueue("clientes", s1, "local", at(1)).unwrap();
        assert_eq!(
            state.enqueue("clientes", s1, "local", at(2)).unwrap(),
            first,
            "same snapshot: no change"
        );
        state.mark_failed(first, "disk full", at(100)).unwrap();

        let s2 = state
            .record_snapshot(&snap("clientes", "partial", 11, "b"))
            .unwrap();
        let second = state.enqueue("clientes", s2, "local", at(3)).unwrap();
        assert_ne!(second, first);
        let pending = state.pending().unwrap();
        assert_eq!(pending.len(), 1);
        let item = &pending[0];
        assert_eq!((item.id, item.snapshot_id, item.attempts), (second, s2, 0));
        assert_eq!(
            (
                item.last_error.as_deref(),
                item.next_attempt_at,
                item.created_at
            ),
            (None, at(3), at(3))
        );

        // An older snapshot never replaces a newer pending one.
        assert_eq!(
            state.enqueue("clientes", s1, "local", at(4)).unwrap(),
            second
        );
        assert_eq!(state.pending().unwrap()[0].snapshot_id, s2);
        // Other destinations and entities are separate items.
        state.enqueue("clientes", s1, "google", at(5)).unwrap();
        assert_eq!(state.pending().unwrap().len(), 2);
    }

    #[test]
    fn only_publishable_snapshots_of_the_right_entity_are_enqueued() {
        let (_dir, mut state) = fresh();
        let held = state
            .record_snapshot(&snap("clientes", "held", 0, "a"))
            .unwrap();
        let err = state.enqueue("clientes", held, "local", at(1)).unwrap_err();
        assert!(
            matches!(err, Error::NotPublishable { ref verdict, .. } if verdict == "held"),
            "{err}"
        );
        let ok = state
            .record_snapshot(&snap("clientes", "accepted", 5, "b"))
            .unwrap();
        assert!(matches!(
            state.enqueue("ventas", ok, "local", at(1)),
            Err(Error::WrongEntity { .. })
        ));
        assert!(matches!(
            state.enqueue("clientes", ok + 9, "local", at(1)),
            Err(Error::UnknownSnapshot { .. })
        ));
        assert!(state.pending().unwrap().is_empty());
    }

    #[test]
    fn due_respects_next_attempt_at_oldest_first() {
        let (_dir, mut state) = fresh();
        assert_eq!(state.next_due_at().unwrap(), None);
        let c = state
            .record_snapshot(&snap("clientes", "accepted", 1, "a"))
            .unwrap();
        let v = state
            .record_snapshot(&snap("ventas", "accepted", 2, "b"))
            .unwrap();
        let ic = state.enqueue("clientes", c, "local", at(10)).unwrap();
        let iv = state.enqueue("ventas", v, "local", at(20)).unwrap();
        assert!(state.due(at(9)).unwrap().is_empty());
        assert_eq!(
            state
                .due(at(10))
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [ic]
        );
        assert_eq!(
            state
                .due(at(20))
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [ic, iv]
        );
        assert_eq!(state.next_due_at().unwrap(), Some(at(10)));

        assert_eq!(
            state.mark_failed(ic, "timeout", at(50)).unwrap(),
            Marked::Current
        );
        assert_eq!(
            state
                .due(at(49))
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [iv]
        );
        assert_eq!(state.next_due_at().unwrap(), Some(at(20)));
        let retried = state.due(at(50)).unwrap();
        assert_eq!(
            (retried[0].id, retried[0].attempts),
            (ic, 1),
            "still oldest first"
        );
        assert_eq!(retried[0].last_error.as_deref(), Some("timeout"));
        let status = state.entity_statuses().unwrap().remove(0);
        assert_eq!(
            (status.last_error.as_deref(), status.pending),
            (Some("timeout"), true)
        );
        assert_eq!(status.next_attempt_at, Some(at(50)));
    }

    #[test]
    fn mark_published_clears_the_item_and_updates_status() {
        let (_dir, mut state) = fresh();
        let s = state
            .record_snapshot(&snap("clientes", "accepted", 1, "a"))
            .unwrap();
        let id = state.enqueue("clientes", s, "local", at(1)).unwrap();
        state.mark_failed(id, "locked", at(2)).unwrap();
        assert_eq!(state.mark_published(id, at(3)).unwrap(), Marked::Current);
        assert!(state.pending().unwrap().is_empty());
        assert_eq!(
            state.snapshot(s).unwrap().unwrap().published_at,
            Some(at(3))
        );
        let status = state.entity_statuses().unwrap().remove(0);
        assert_eq!(
            (status.last_published_at, status.last_error, status.pending),
            (Some(at(3)), None, false)
        );
        assert_eq!(
            state.mark_published(id, at(4)).unwrap(),
            Marked::Unknown,
            "twice: nothing changes"
        );
        assert_eq!(
            state.snapshot(s).unwrap().unwrap().published_at,
            Some(at(3))
        );
        assert_eq!(
            state.mark_failed(id, "late", at(5)).unwrap(),
            Marked::Unknown
        );
    }

    #[test]
    fn mark_published_after_a_supersede_keeps_the_newer_pending_item() {
        let (_dir, mut state) = fresh();
        let s1 = state
            .record_snapshot(&snap("clientes", "accepted", 1, "a"))
            .unwrap();
        let old = state.enqueue("clientes", s1, "local", at(1)).unwrap();
        let in_flight = state.due(at(1)).unwrap().remove(0);
        // Meanwhile (e.g. `approve` in another process) a newer snapshot is enqueued.
        let s2 = state
            .record_snapshot(&snap("clientes", "accepted", 2, "b"))
            .unwrap();
        let new = state.enqueue("clientes", s2, "local", at(2)).unwrap();
        assert_eq!(
            state.mark_published(in_flight.id, at(3)).unwrap(),
            Marked::Superseded
        );
        assert_eq!(old, in_flight.id);

        let pending = state.pending().unwrap();
        assert_eq!(
            pending
                .iter()
                .map(|i| (i.id, i.snapshot_id))
                .collect::<Vec<_>>(),
            [(new, s2)]
        );
        assert_eq!(
            state.snapshot(s1).unwrap().unwrap().published_at,
            Some(at(3))
        );
        assert_eq!(state.snapshot(s2).unwrap().unwrap().published_at, None);
        let status = state.entity_statuses().unwrap().remove(0);
        assert_eq!((status.last_published_at, status.pending), (None, true));
    }

    #[test]
    fn mark_failed_after_a_supersede_leaves_the_newer_item_alone() {
        let (_dir, mut state) = fresh();
        let s1 = state
            .record_snapshot(&snap("clientes", "accepted", 1, "a"))
            .unwrap();
        let old = state.enqueue("clientes", s1, "local", at(1)).unwrap();
        let s2 = state
            .record_snapshot(&snap("clientes", "accepted", 2, "b"))
            .unwrap();
        state.enqueue("clientes", s2, "local", at(2)).unwrap();
        assert_eq!(
            state.mark_failed(old, "boom", at(900)).unwrap(),
            Marked::Superseded
        );
        let item = state.pending().unwrap().remove(0);
        assert_eq!(
            (item.snapshot_id, item.attempts, item.next_attempt_at),
            (s2, 0, at(2))
        );
        assert_eq!(state.entity_statuses().unwrap()[0].last_error, None);
    }

    #[test]
    fn superseded_ids_are_forgotten_after_a_day() {
        let (_dir, mut state) = fresh();
        let s1 = state
            .record_snapshot(&snap("clientes", "accepted", 1, "a"))
            .unwrap();
        let old = state.enqueue("clientes", s1, "local", at(0)).unwrap();
        let s2 = state
            .record_snapshot(&snap("clientes", "accepted", 2, "b"))
            .unwrap();
        state.enqueue("clientes", s2, "local", at(1)).unwrap();
        let s3 = state
            .record_snapshot(&snap("clientes", "accepted", 3, "c"))
            .unwrap();
        state
            .enqueue("clientes", s3, "local", at(1 + 24 * 3600 + 1))
            .unwrap();
        assert_eq!(
            state.mark_published(old, at(90_000)).unwrap(),
            Marked::Unknown
        );
        assert_eq!(state.snapshot(s1).unwrap().unwrap().published_at, None);
    }
}

//! Retention: what the state store keeps, and for how long, so that an agent running for
//! years (or fed a hostile file again and again) keeps a small `state.sqlite`, a small
//! `report.html` and a `status` that needs little memory.
//!
//! The policy ([`Retention::default`]), applied by the agent on its first pass and then at
//! most once an hour ([`State::apply_retention`]):
//! - **Snapshots**: each entity keeps its newest [`Retention::snapshots_per_entity`] (20)
//!   snapshots with their reports. Older ones are deleted, except the ones still needed,
//!   whatever their age: the entity's newest snapshot, its last accepted (or partial) one
//!   (the data the destination has: the shrink guard, "unchanged" and the parent check of a
//!   lone child use it), its newest held one (`sheetdrop approve` may release it), and any
//!   snapshot a pending publish refers to. Spool copies follow (the agent removes the copies
//!   no kept snapshot needs).
//! - **Reports**: the report stored with a snapshot is at most [`REPORT_BYTES`]
//!   (512 KiB): beyond that, issues are dropped from the end of the list (their counts are
//!   kept, and the report says how many were not stored: "N more not listed"), then column
//!   names. Reports stored by an older sheetdrop are cut the same way, once.
//! - **Runs**: the activity timeline keeps 90 days ([`Retention::run_age`]), and at most
//!   [`Retention::max_runs`] (1000) runs.
//! - **Space**: deleted rows free pages inside the file; when they are many (a quarter of the
//!   file and at least 1 MiB), the file is compacted (incremental vacuum, or a full `VACUUM`
//!   the first time, switching the file to incremental auto-vacuum) and the write-ahead log
//!   truncated, so the file itself shrinks.
//!
//! The decisions ([`snapshots_to_drop`], [`bound_report`], [`should_compact`]) are pure
//! functions; [`State::apply_retention`] is the SQL around them.

use super::{to_ms, Context, Error, State};
use rusqlite::params;
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, SystemTime};

/// What the state store keeps (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Snapshots kept per entity (besides the ones still needed).
    pub snapshots_per_entity: usize,
    /// Runs older than this are deleted.
    pub run_age: Duration,
    /// At most this many runs are kept.
    pub max_runs: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            snapshots_per_entity: 20,
            run_age: Duration::from_secs(90 * 24 * 3600),
            max_runs: 1000,
        }
    }
}

/// The largest report stored with a snapshot, in bytes of JSON: 512 KiB.
pub const REPORT_BYTES: usize = 512 * 1024;

/// What one application of the policy did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Snapshots deleted.
    pub snapshots: usize,
    /// Runs deleted.
    pub runs: usize,
    /// Stored reports cut to the bound (written by an older sheetdrop).
    pub reports_cut: usize,
    /// True when the file was compacted.
    pub compacted: bool,
}

/// The settings key that records that every stored report is within the bound.
const REPORTS_BOUNDED: &str = "retention.reports_bounded";

/// The snapshot ids to delete: `history` is every snapshot as (id, entity); each entity
/// keeps its `keep` newest (largest ids) and every id in `protected`.
pub fn snapshots_to_drop(
    history: &[(i64, String)],
    protected: &BTreeSet<i64>,
    keep: usize,
) -> Vec<i64> {
    let mut sorted: Vec<&(i64, String)> = history.iter().collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    let mut drop = Vec::new();
    let mut current: Option<&str> = None;
    let mut seen = 0usize;
    for (id, entity) in sorted {
        if current != Some(entity.as_str()) {
            current = Some(entity.as_str());
            seen = 0;
        }
        seen += 1;
        if seen > keep && !protected.contains(id) {
            drop.push(*id);
        }
    }
    drop.sort_unstable();
    drop
}

/// `report` (a stored report's JSON) cut to at most `max_bytes`, or `None` when it already
/// fits. Issues are dropped from the end (`issues_not_stored` says how many; `counts` keeps
/// counting all of them), then column names (`columns_not_stored`); a report that still does
/// not fit (or is not a JSON object) keeps only its scalar fields and counts, or nothing.
pub fn bound_report(report: &str, max_bytes: usize) -> Option<String> {
    if report.len() <= max_bytes {
        return None;
    }
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(report) else {
        return Some("{}".to_string());
    };
    let size = |map: &serde_json::Map<String, Value>| {
        serde_json::to_string(map).map_or(usize::MAX, |s| s.len())
    };
    for (list, note) in [
        ("issues", "issues_not_stored"),
        ("columns", "columns_not_stored"),
    ] {
        let Some(Value::Array(items)) = map.get_mut(list) else {
            continue;
        };
        let all = std::mem::take(items);
        let total = all.len();
        // The rest of the report, with room for the note.
        map.insert(note.to_string(), Value::from(total));
        let base = size(&map);
        let mut used = base;
        let mut kept = Vec::new();
        for item in all {
            let len = serde_json::to_string(&item).map_or(usize::MAX, |s| s.len()) + 1;
            if used.saturating_add(len) > max_bytes {
                break;
            }
            used += len;
            kept.push(item);
        }
        let dropped = total - kept.len();
        map.insert(list.to_string(), Value::Array(kept));
        if dropped == 0 {
            map.remove(note);
        } else {
            map.insert(note.to_string(), Value::from(dropped));
        }
        if size(&map) <= max_bytes {
            return serde_json::to_string(&map).ok();
        }
    }
    // Still too big: the scalar fields and the counts, if even they fit.
    map.retain(|key, value| {
        key == "counts"
            || !(value.is_array() || value.is_object() || value.is_string())
            || value.as_str().is_some_and(|s| s.len() <= 256)
    });
    if size(&map) > max_bytes {
        return Some("{}".to_string());
    }
    serde_json::to_string(&map).ok()
}

/// True when the pages freed inside the file are worth giving back: a quarter of the file
/// and at least 1 MiB.
pub fn should_compact(free_pages: u64, page_count: u64, page_size: u64) -> bool {
    free_pages.saturating_mul(page_size) >= 1024 * 1024
        && free_pages.saturating_mul(4) >= page_count
}

impl State {
    /// Applies `policy` (see the module doc) at `now`: deletes the snapshots and runs it
    /// does not keep, cuts reports stored by an older sheetdrop, and compacts the file when
    /// much was freed.
    pub fn apply_retention(
        &mut self,
        policy: &Retention,
        now: SystemTime,
    ) -> Result<Pruned, Error> {
        let mut pruned = Pruned::default();
        let context = "apply the retention policy";
        let tx = self.write_tx(context)?;
        let history = {
            let mut stmt = tx
                .prepare("SELECT id, entity FROM snapshots")
                .ctx(context)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .ctx(context)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().ctx(context)?
        };
        let protected: BTreeSet<i64> = {
            let mut stmt = tx
                .prepare(
                    "SELECT MAX(id) FROM snapshots GROUP BY entity \
                     UNION SELECT MAX(id) FROM snapshots WHERE verdict IN ('accepted', 'partial') GROUP BY entity \
                     UNION SELECT MAX(id) FROM snapshots WHERE verdict = 'held' GROUP BY entity \
                     UNION SELECT snapshot_id FROM outbox \
                     UNION SELECT snapshot_id FROM outbox_superseded \
                     UNION SELECT last_snapshot_id FROM entity_status WHERE last_snapshot_id IS NOT NULL",
                )
                .ctx(context)?;
            let rows = stmt.query_map([], |r| r.get::<_, i64>(0)).ctx(context)?;
            rows.collect::<rusqlite::Result<_>>().ctx(context)?
        };
        let drop = snapshots_to_drop(&history, &protected, policy.snapshots_per_entity);
        {
            let mut delete = tx
                .prepare("DELETE FROM snapshots WHERE id = ?1")
                .ctx(context)?;
            for id in &drop {
                pruned.snapshots += delete.execute([id]).ctx(context)?;
            }
        }
        let cutoff = to_ms(
            now.checked_sub(policy.run_age)
                .unwrap_or(SystemTime::UNIX_EPOCH),
        );
        pruned.runs += tx
            .execute("DELETE FROM runs WHERE started_at < ?1", [cutoff])
            .ctx(context)?;
        pruned.runs += super::runs::prune_runs(&tx, policy.max_runs).ctx(context)?;
        tx.commit().ctx(context)?;
        if self.setting(REPORTS_BOUNDED)?.is_none() {
            pruned.reports_cut = self.bound_stored_reports(REPORT_BYTES)?;
            self.set_setting(REPORTS_BOUNDED, "1")?;
        }
        pruned.compacted = self.compact_if_worth_it()?;
        Ok(pruned)
    }

    /// Cuts every stored report longer than `max_bytes` ([`bound_report`]); returns how many.
    fn bound_stored_reports(&mut self, max_bytes: usize) -> Result<usize, Error> {
        let context = "cut the stored reports";
        let tx = self.write_tx(context)?;
        let long: Vec<(i64, String)> = {
            let mut stmt = tx
                .prepare("SELECT id, report_json FROM snapshots WHERE length(CAST(report_json AS BLOB)) > ?1")
                .ctx(context)?;
            let rows = stmt
                .query_map([i64::try_from(max_bytes).unwrap_or(i64::MAX)], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .ctx(context)?;
            rows.collect::<rusqlite::Result<_>>().ctx(context)?
        };
        let mut cut = 0;
        for (id, report) in long {
            if let Some(bounded) = bound_report(&report, max_bytes) {
                cut += tx
                    .execute(
                        "UPDATE snapshots SET report_json = ?2 WHERE id = ?1",
                        params![id, bounded],
                    )
                    .ctx(context)?;
            }
        }
        tx.commit().ctx(context)?;
        Ok(cut)
    }

    /// Gives freed pages back to the file system when [`should_compact`] says so: an
    /// incremental vacuum when the file is in that mode, else one full `VACUUM` that also
    /// switches it to it (`State::open` asks for incremental auto-vacuum); then truncates the
    /// write-ahead log, which a vacuum fills. Returns true when it compacted.
    fn compact_if_worth_it(&mut self) -> Result<bool, Error> {
        let context = "compact the state store";
        let pragma = |name: &str| -> Result<u64, Error> {
            self.conn
                .pragma_query_value(None, name, |r| r.get::<_, i64>(0))
                .ctx(context)
                .map(|v| u64::try_from(v).unwrap_or(0))
        };
        let (free, pages, size) = (
            pragma("freelist_count")?,
            pragma("page_count")?,
            pragma("page_size")?,
        );
        if !should_compact(free, pages, size) {
            return Ok(false);
        }
        if pragma("auto_vacuum")? == INCREMENTAL {
            // It frees pages one step at a time: step it to the end.
            let mut stmt = self
                .conn
                .prepare("PRAGMA incremental_vacuum")
                .ctx(context)?;
            let mut rows = stmt.query([]).ctx(context)?;
            while rows.next().ctx(context)?.is_some() {}
        } else {
            self.conn
                .execute_batch("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;")
                .ctx(context)?;
        }
        // A reader (`sheetdrop status`) may hold the log: then it is truncated another time.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .ctx(context)?;
        Ok(true)
    }
}

/// `PRAGMA auto_vacuum`'s value for incremental.
const INCREMENTAL: u64 = 2;

#[cfg(test)]
mod tests {
    use super::super::snapshots::tests::{at, fresh, snap};
    use super::*;

    fn h(rows: &[(i64, &str)]) -> Vec<(i64, String)> {
        rows.iter().map(|&(id, e)| (id, e.to_string())).collect()
    }

    #[test]
    fn each_entity_keeps_its_newest_and_the_protected_ones() {
        let history = h(&[(1, "a"), (2, "b"), (3, "a"), (4, "a"), (5, "b"), (6, "a")]);
        let none = BTreeSet::new();
        assert_eq!(snapshots_to_drop(&history, &none, 2), [1, 3]);
        assert_eq!(snapshots_to_drop(&history, &none, 10), Vec::<i64>::new());
        let protected = BTreeSet::from([1, 2]);
        assert_eq!(snapshots_to_drop(&history, &protected, 1), [3, 4]);
        assert_eq!(snapshots_to_drop(&history, &protected, 0), [3, 4, 5, 6]);
    }

    fn report(issues: usize, value_len: usize) -> String {
        let issues: Vec<Value> = (0..issues)
            .map(|i| serde_json::json!({"code": "duplicate-id", "row": i, "value": "v".repeat(value_len)}))
            .collect();
        serde_json::json!({
            "entity": "clientes", "verdict": "rejected", "rows": 5000,
            "counts": {"duplicate-id": issues.len()}, "columns": ["A", "B"], "issues": issues,
        })
        .to_string()
    }

    #[test]
    fn a_big_report_keeps_its_first_issues_and_all_its_counts() {
        let small = report(3, 10);
        assert_eq!(bound_report(&small, 10_000), None);
        let big = report(5000, 200);
        let cut = bound_report(&big, 64 * 1024).unwrap();
        assert!(cut.len() <= 64 * 1024, "{}", cut.len());
        let v: Value = serde_json::from_str(&cut).unwrap();
        let kept = v["issues"].as_array().unwrap().len();
        assert!(kept > 100 && kept < 5000, "{kept}");
        assert_eq!(v["issues"][0]["row"], 0);
        assert_eq!(v["issues_not_stored"], 5000 - kept);
        assert_eq!(v["counts"]["duplicate-id"], 5000);
        assert_eq!(v["columns"], serde_json::json!(["A", "B"]));
        // A header of huge column names: the columns go too.
        let wide = serde_json::json!({"counts": {}, "columns": vec!["x".repeat(1000); 1000], "issues": []});
        let cut: Value =
            serde_json::from_str(&bound_report(&wide.to_string(), 8192).unwrap()).unwrap();
        assert!(cut["columns"].as_array().unwrap().len() <= 8);
        assert_eq!(
            cut["columns_not_stored"].as_u64().unwrap()
                + cut["columns"].as_array().unwrap().len() as u64,
            1000
        );
        assert_eq!(bound_report(&"x".repeat(100), 10).as_deref(), Some("{}"));
    }

    #[test]
    fn compacting_needs_a_quarter_of_the_file_and_a_mebibyte() {
        assert!(!should_compact(0, 100, 4096));
        assert!(!should_compact(100, 200, 4096), "400 KiB is not worth it");
        assert!(should_compact(300, 1000, 4096));
        assert!(!should_compact(300, 2000, 4096), "less than a quarter");
    }

    #[test]
    fn retention_keeps_what_is_needed_and_the_file_shrinks() {
        let (dir, mut state) = fresh();
        let path = dir.path().join("state.db");
        let accepted = state
            .record_snapshot(&snap("clientes", "accepted", 7, "ok"))
            .unwrap();
        state.enqueue("clientes", accepted, "local", at(1)).unwrap();
        let held = state
            .record_snapshot(&snap("clientes", "held", 0, "h"))
            .unwrap();
        let mut last = 0;
        for i in 0..200 {
            let mut s = snap("clientes", "rejected", i, &format!("r{i}"));
            s.report_json = report(1000, 100);
            last = state.record_snapshot(&s).unwrap();
        }
        state
            .record_snapshot(&snap("ventas", "accepted", 3, "v"))
            .unwrap();
        for i in 0..1100 {
            state
                .start_run(crate::state::Trigger::Rescan, at(i))
                .unwrap();
        }
        state
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        let old_run = state
            .start_run(crate::state::Trigger::Startup, SystemTime::UNIX_EPOCH)
            .unwrap();

        let pruned = state
            .apply_retention(&Retention::default(), at(2000))
            .unwrap();
        assert_eq!(pruned.snapshots, 200 - 20);
        assert!(pruned.compacted, "{pruned:?}");
        let after = std::fs::metadata(&path).unwrap().len();
        assert!(after * 4 < before, "{before} -> {after} bytes");
        let kept = |id| state.snapshot(id).unwrap().is_some();
        assert!(
            kept(accepted) && kept(held) && kept(last),
            "the needed ones stay"
        );
        assert_eq!(
            state.last_accepted("clientes").unwrap().unwrap().id,
            accepted
        );
        assert_eq!(state.held("clientes").unwrap().unwrap().id, held);
        assert_eq!(state.pending().unwrap()[0].snapshot_id, accepted);
        assert_eq!(state.entity_statuses().unwrap().len(), 2);
        let runs = state.recent_runs(5000).unwrap();
        assert_eq!(runs.len(), 1000);
        assert!(runs.iter().all(|r| r.id != old_run), "older than 90 days");
        // Applying it again removes nothing more.
        let again = state
            .apply_retention(&Retention::default(), at(2001))
            .unwrap();
        assert_eq!(
            (again.snapshots, again.runs, again.compacted),
            (0, 0, false)
        );
    }

    #[test]
    fn a_file_without_auto_vacuum_is_switched_by_its_first_compaction() {
        let (dir, mut state) = fresh();
        // As an older sheetdrop created it.
        state
            .conn
            .execute_batch("PRAGMA auto_vacuum = NONE; VACUUM;")
            .unwrap();
        let mode = |s: &State| {
            s.conn
                .pragma_query_value(None, "auto_vacuum", |r| r.get::<_, i64>(0))
                .unwrap()
        };
        assert_eq!(mode(&state), 0);
        for i in 0..100 {
            let mut s = snap("clientes", "rejected", i, &format!("r{i}"));
            s.report_json = report(1000, 100);
            state.record_snapshot(&s).unwrap();
        }
        state
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        let before = std::fs::metadata(dir.path().join("state.db"))
            .unwrap()
            .len();
        assert!(
            state
                .apply_retention(&Retention::default(), at(1))
                .unwrap()
                .compacted
        );
        assert_eq!(mode(&state), INCREMENTAL as i64);
        let after = std::fs::metadata(dir.path().join("state.db"))
            .unwrap()
            .len();
        assert!(after * 2 < before, "{before} -> {after}");
    }

    #[test]
    fn reports_are_stored_bounded_and_old_big_ones_are_cut_once() {
        let (_dir, mut state) = fresh();
        let mut s = snap("clientes", "rejected", 5000, "big");
        s.report_json = report(20_000, 100);
        assert!(s.report_json.len() > REPORT_BYTES);
        let id = state.record_snapshot(&s).unwrap();
        let stored = state.snapshot(id).unwrap().unwrap().snapshot.report_json;
        assert!(stored.len() <= REPORT_BYTES, "{}", stored.len());
        // One stored by an older sheetdrop, too big.
        state
            .conn
            .execute(
                "UPDATE snapshots SET report_json = ?1 WHERE id = ?2",
                params![s.report_json, id],
            )
            .unwrap();
        let pruned = state.apply_retention(&Retention::default(), at(1)).unwrap();
        assert_eq!(pruned.reports_cut, 1);
        let stored = state.snapshot(id).unwrap().unwrap().snapshot.report_json;
        assert!(stored.len() <= REPORT_BYTES);
        assert_eq!(
            state
                .apply_retention(&Retention::default(), at(2))
                .unwrap()
                .reports_cut,
            0
        );
    }
}

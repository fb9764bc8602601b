//! The versioned schema: an ordered list of migrations, each one SQL batch. The database's
//! `PRAGMA user_version` is the number of migrations applied; opening applies the missing ones,
//! each in its own transaction that also bumps the version, so a crash mid-migration leaves the
//! previous version intact. Never edit a released migration: append a new one.

use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order. Migration `i` (0-based) takes the schema from version `i` to `i + 1`.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: snapshots, runs, entity status, outbox.
    r#"
    CREATE TABLE snapshots (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        entity        TEXT    NOT NULL,
        source_name   TEXT    NOT NULL,
        spool_path    TEXT    NOT NULL,
        sha256        TEXT    NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        rows          INTEGER NOT NULL CHECK (rows >= 0),
        rows_accepted INTEGER NOT NULL CHECK (rows_accepted >= 0),
        verdict       TEXT    NOT NULL
                      CHECK (verdict IN ('accepted', 'partial', 'rejected', 'held', 'unchanged')),
        report_json   TEXT    NOT NULL,
        left_out_rows TEXT    NOT NULL DEFAULT '[]',
        received_at   INTEGER NOT NULL,
        published_at  INTEGER
    );
    CREATE INDEX snapshots_by_entity ON snapshots (entity, id);

    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        "trigger"   TEXT    NOT NULL,
        summary     TEXT
    );

    CREATE TABLE entity_status (
        entity            TEXT    PRIMARY KEY,
        last_snapshot_id  INTEGER REFERENCES snapshots (id) ON DELETE SET NULL,
        last_verdict      TEXT,
        rows              INTEGER NOT NULL DEFAULT 0,
        rows_accepted     INTEGER NOT NULL DEFAULT 0,
        last_published_at INTEGER,
        last_error        TEXT,
        updated_at        INTEGER NOT NULL
    );

    CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        entity          TEXT    NOT NULL,
        snapshot_id     INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        destination     TEXT    NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        created_at      INTEGER NOT NULL,
        UNIQUE (entity, destination)
    );
    CREATE INDEX outbox_by_due ON outbox (next_attempt_at);

    -- Outbox rows replaced by a newer snapshot, kept a while so that a publish already in
    -- flight when it was superseded can still mark its snapshot published.
    CREATE TABLE outbox_superseded (
        id            INTEGER PRIMARY KEY,
        entity        TEXT    NOT NULL,
        snapshot_id   INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        destination   TEXT    NOT NULL,
        superseded_at INTEGER NOT NULL
    );
    "#,
    // 2: small key/value settings a destination remembers (e.g. the ids of the spreadsheet
    // and Drive folder the google destination created).
    r#"
    CREATE TABLE settings (
        key        TEXT    PRIMARY KEY,
        value      TEXT    NOT NULL,
        updated_at INTEGER NOT NULL
    );
    "#,
    // 3: a run's outcome as numbers, not an English sentence: a pass's counts, or what an
    // approval released. Old rows' sentences are converted (SQLite's CAST reads the leading
    // integer of a text); a summary that is neither stays as it was, shown as it is.
    r#"
    ALTER TABLE runs ADD COLUMN checked         INTEGER;
    ALTER TABLE runs ADD COLUMN unchanged       INTEGER;
    ALTER TABLE runs ADD COLUMN refused         INTEGER;
    ALTER TABLE runs ADD COLUMN published       INTEGER;
    ALTER TABLE runs ADD COLUMN pending         INTEGER;
    ALTER TABLE runs ADD COLUMN approved_entity TEXT;
    ALTER TABLE runs ADD COLUMN approved_file   TEXT;
    ALTER TABLE runs ADD COLUMN approved_rows   INTEGER;
    UPDATE runs SET
        checked   = CAST(substr(summary, instr(summary, 'checked ') + 8) AS INTEGER),
        unchanged = CAST(substr(summary, instr(summary, ', unchanged ') + 12) AS INTEGER),
        refused   = CAST(substr(summary, instr(summary, ', refused ') + 10) AS INTEGER),
        published = CAST(substr(summary, instr(summary, ', published ') + 12) AS INTEGER),
        pending   = CAST(substr(summary, instr(summary, ', pending ') + 10) AS INTEGER),
        summary   = NULL
    WHERE summary GLOB 'checked [0-9]*, unchanged [0-9]*, refused [0-9]*, published [0-9]*, pending [0-9]*';
    UPDATE runs SET
        approved_entity = substr(summary, 1, instr(summary, ': ') - 1),
        approved_file   = substr(summary, instr(summary, ': ') + 2,
                                 instr(summary, ' approved (') - instr(summary, ': ') - 2),
        approved_rows   = CAST(substr(summary, instr(summary, ' approved (') + 11) AS INTEGER),
        summary         = NULL
    WHERE summary GLOB '?*: ?* approved ([0-9]* rows)' AND checked IS NULL;
    "#,
];

/// The database's `user_version`.
pub(super) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))
        .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
}

/// What went wrong migrating.
#[derive(Debug)]
pub(super) enum MigrateError {
    /// The database is newer than `migrations`.
    Newer { found: u32 },
    /// Migration `to` (the version it leads to) failed and was rolled back.
    Failed { to: u32, source: rusqlite::Error },
    /// The version could not be read (or the transaction begun).
    Sqlite(rusqlite::Error),
}

/// Applies the migrations the database lacks, each in one immediate transaction that re-reads
/// the version first (another process may have migrated meanwhile) and sets it last.
pub(super) fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<u32, MigrateError> {
    let known = migrations.len() as u32;
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(MigrateError::Sqlite)?;
        let current = version(&tx).map_err(MigrateError::Sqlite)?;
        if current > known {
            return Err(MigrateError::Newer { found: current });
        }
        if current == known {
            return Ok(current);
        }
        let to = current + 1;
        let failed = |source| MigrateError::Failed { to, source };
        tx.execute_batch(migrations[current as usize])
            .map_err(failed)?;
        tx.pragma_update(None, "user_version", i64::from(to))
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_MIGRATIONS: &[&str] = &[
        "CREATE TABLE t (x INTEGER);",
        "INSERT INTO t VALUES (1);",
        "CREATE TABLE u (y INTEGER); INSERT INTO u VALUES (2);",
    ];

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn each_migration_runs_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(migrate(&mut conn, &TEST_MIGRATIONS[..2]).unwrap(), 2);
        assert_eq!(version(&conn).unwrap(), 2);
        // Reopening with one more migration applies only that one.
        drop(conn);
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(migrate(&mut conn, TEST_MIGRATIONS).unwrap(), 3);
        assert_eq!(migrate(&mut conn, TEST_MIGRATIONS).unwrap(), 3);
        assert_eq!(count(&conn, "t"), 1);
        assert_eq!(count(&conn, "u"), 1);
    }

    #[test]
    fn a_failing_migration_is_rolled_back_whole() {
        let mut conn = Connection::open_in_memory().unwrap();
        let bad = &[
            TEST_MIGRATIONS[0],
            "INSERT INTO t VALUES (5); INSERT INTO nowhere VALUES (1);",
        ];
        match migrate(&mut conn, bad) {
            Err(MigrateError::Failed { to: 2, .. }) => {}
            other => panic!("expected failure of migration 2, got {other:?}"),
        }
        assert_eq!(version(&conn).unwrap(), 1);
        assert_eq!(count(&conn, "t"), 0);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        match migrate(&mut conn, TEST_MIGRATIONS) {
            Err(MigrateError::Newer { found: 7 }) => {}
            other => panic!("expected Newer, got {other:?}"),
        }
    }

    #[test]
    fn the_real_migrations_apply_on_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(
            migrate(&mut conn, MIGRATIONS).unwrap(),
            MIGRATIONS.len() as u32
        );
        for table in [
            "snapshots",
            "runs",
            "entity_status",
            "outbox",
            "outbox_superseded",
        ] {
            assert_eq!(count(&conn, table), 0);
        }
    }
}

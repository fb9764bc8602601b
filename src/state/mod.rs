//! The embedded state store (SQLite): snapshots, runs, entity status and the outbox.
//!
//! One file, `state.sqlite` in the data dir, written by the agent (`sheetdrop run`) and read at the
//! same time by `sheetdrop status` in another process. It is opened in WAL mode so readers never
//! wait for the writer, with `synchronous=NORMAL` (a committed transaction survives a crash of
//! the process; a power cut may lose the last few, never corrupt the file), a 5 s busy timeout
//! (`sheetdrop approve` may write while the agent does) and foreign keys on. Every write that
//! touches more than one row is one immediate transaction.
//!
//! The schema is versioned (`PRAGMA user_version`, see `schema.rs`): [`State::open`] applies
//! the missing migrations; a database newer than this code is refused.
//!
//! What lives here: [`Snapshot`]/[`SnapshotRow`] (every file checked and its verdict), the
//! run timeline ([`RunRow`]), per-entity status ([`EntityStatus`]) and the durable outbox of
//! publishes still to do ([`OutboxItem`], with [`retry_delay`] for its backoff), and what is
//! kept for how long ([`Retention`], applied by the agent after every pass).

mod message;
mod outbox;
mod retention;
mod runs;
mod schema;
mod settings;
mod snapshots;

pub use outbox::{retry_delay, Marked, OutboxItem, RETRY_BASE, RETRY_CAP};
pub use retention::{Pruned, Retention};
pub use runs::{Outcome, PassCounts, RunRow, Trigger};
pub use snapshots::{is_publishable, EntityStatus, Snapshot, SnapshotRow, VERDICTS};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The schema version this build of sheetdrop reads and writes (the number of migrations).
pub const SCHEMA_VERSION: u32 = schema::MIGRATIONS.len() as u32;

/// How long a statement waits for another process's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What went wrong with the state store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The directory that holds the database could not be created.
    #[error("cannot create the state directory {}: {source}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The database could not be opened or configured.
    #[error("cannot open the state store {}: {source}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// `open_read_only` found no database (the agent has not run yet with this data dir).
    #[error("no state store at {} (has the agent run with this data dir?)", path.display())]
    Missing {
        /// The database file looked for.
        path: PathBuf,
    },
    /// The database would not switch to WAL mode (e.g. a file system without shared memory).
    #[error("state store {}: journal mode is {mode:?}, expected \"wal\"", path.display())]
    NotWal {
        /// The database file.
        path: PathBuf,
        /// The journal mode SQLite reported.
        mode: String,
    },
    /// The database was written by a newer sheetdrop.
    #[error(
        "state store {} has schema version {found}, newer than version {known} known to this sheetdrop; \
         update sheetdrop", path.display()
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: u32,
        /// The newest version this code knows.
        known: u32,
    },
    /// A read-only open found an older schema (the agent migrates it on its next start).
    #[error(
        "state store {} has schema version {found}, older than version {known}; start the agent once to \
         migrate it", path.display()
    )]
    OlderSchema {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: u32,
        /// The version this code reads.
        known: u32,
    },
    /// A migration failed; it was rolled back and the database is at the previous version.
    #[error("state store {}: migration to schema version {to} failed: {source}", path.display())]
    Migration {
        /// The database file.
        path: PathBuf,
        /// The version the migration leads to.
        to: u32,
        /// Why.
        source: rusqlite::Error,
    },
    /// A query or statement failed.
    #[error("state store: {context}: {source}")]
    Sqlite {
        /// What was being done, with the entity or id involved.
        context: String,
        /// Why.
        source: rusqlite::Error,
    },
    /// A verdict that is not one of [`VERDICTS`].
    #[error("unknown verdict {verdict:?} (expected one of accepted, partial, rejected, held, unchanged)")]
    UnknownVerdict {
        /// The verdict given.
        verdict: String,
    },
    /// No snapshot has this id.
    #[error("no snapshot with id {id} in the state store")]
    UnknownSnapshot {
        /// The id given.
        id: i64,
    },
    /// No run has this id.
    #[error("no run with id {id} in the state store")]
    UnknownRun {
        /// The id given.
        id: i64,
    },
    /// Only accepted or partial snapshots go to the outbox.
    #[error(
        "snapshot {id} of {entity} is {verdict}: only accepted or partial snapshots are published"
    )]
    NotPublishable {
        /// The snapshot.
        id: i64,
        /// Its entity.
        entity: String,
        /// Its verdict.
        verdict: String,
    },
    /// The snapshot given belongs to another entity.
    #[error("snapshot {id} belongs to entity {actual}, not {entity}")]
    WrongEntity {
        /// The snapshot.
        id: i64,
        /// The entity given.
        entity: String,
        /// The snapshot's entity.
        actual: String,
    },
    /// A spool path that cannot be stored as text.
    #[error("spool path {} is not valid UTF-8", path.display())]
    NonUtf8Path {
        /// The path.
        path: PathBuf,
    },
}

/// The state store: one SQLite connection, for the agent (read-write, [`State::open`]) or for
/// `sheetdrop status` ([`State::open_read_only`]). Dropping it closes the connection; every
/// method commits before returning, so nothing is lost when the process dies between calls.
pub struct State {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl State {
    /// Opens (creating it and its parent directories if needed) the database at `path` for
    /// reading and writing, switches it to WAL and applies the missing migrations. Fails with
    /// [`Error::NewerSchema`] when the file was written by a newer sheetdrop.
    pub fn open(path: &Path) -> Result<State, Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let open_err = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // A new file frees pages incrementally (see `retention`); an older one is switched by
        // its first compaction.
        conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")
            .map_err(open_err)?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::NotWal {
                path: path.to_path_buf(),
                mode,
            });
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_err)?;
        schema::migrate(&mut conn, schema::MIGRATIONS).map_err(|e| match e {
            schema::MigrateError::Newer { found } => Error::NewerSchema {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            },
            schema::MigrateError::Failed { to, source } => Error::Migration {
                path: path.to_path_buf(),
                to,
                source,
            },
            schema::MigrateError::Sqlite(source) => open_err(source),
        })?;
        Ok(State {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing database for reading only (`sheetdrop status`), while the agent may
    /// be writing it. Applies no migration: fails when the file is missing
    /// ([`Error::Missing`]) or its schema version is not exactly [`SCHEMA_VERSION`]. The write
    /// methods of a read-only `State` fail.
    pub fn open_read_only(path: &Path) -> Result<State, Error> {
        if !path.is_file() {
            return Err(Error::Missing {
                path: path.to_path_buf(),
            });
        }
        let open_err = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        let found = schema::version(&conn).map_err(open_err)?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(Error::OlderSchema {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(State {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The database's schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, Error> {
        schema::version(&self.conn).ctx("read the schema version")
    }

    /// Begins an immediate transaction: the write lock is taken at once (waiting up to the busy
    /// timeout), so a transaction that reads then writes never fails half-way on a lock.
    fn write_tx(&mut self, context: &str) -> Result<Transaction<'_>, Error> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(format_args!("{context}: begin"))
    }
}

/// Attaches what was being done to a SQLite error.
trait Context<T> {
    /// Maps the error to [`Error::Sqlite`] with `context` (formatted only on error).
    fn ctx(self, context: impl Display) -> Result<T, Error>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn ctx(self, context: impl Display) -> Result<T, Error> {
        self.map_err(|source| Error::Sqlite {
            context: context.to_string(),
            source,
        })
    }
}

/// The latest time stored (end of year 9999, the last one RFC 3339 can show), in ms.
const MAX_MS: i64 = 253_402_300_799_999;

/// A time as stored: unix milliseconds, clamped to [1970, 9999].
fn to_ms(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| {
        i64::try_from(d.as_millis()).unwrap_or(MAX_MS).min(MAX_MS)
    })
}

/// A stored time back as a `SystemTime` (clamped like [`to_ms`]).
fn from_ms(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms.clamp(0, MAX_MS) as u64)
}

/// Serde helpers: times as RFC 3339 (seconds), stored JSON text as JSON.
mod ser {
    use serde::Serializer;
    use std::time::SystemTime;

    /// A time as RFC 3339, e.g. `2024-05-01T12:00:00Z`.
    pub fn time<S: Serializer>(t: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        let t = super::from_ms(super::to_ms(*t));
        s.collect_str(&humantime::format_rfc3339_seconds(t))
    }

    /// An optional time as RFC 3339 or null.
    pub fn opt_time<S: Serializer>(t: &Option<SystemTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => time(t, s),
            None => s.serialize_none(),
        }
    }

    /// Text holding JSON, embedded as JSON (as a string if it does not parse).
    pub fn json_text<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => serde::Serialize::serialize(&value, s),
            Err(_) => s.serialize_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::snapshots::tests::{at, fresh, snap};
    use super::*;
    use std::time::Instant;

    fn pragma(state: &State, name: &str) -> String {
        state
            .conn
            .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map_or_else(
                |e| e.to_string(),
                |v| match v {
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    other => format!("{other:?}"),
                },
            )
    }

    #[test]
    fn open_creates_the_directories_and_sets_the_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("b").join("state.db");
        let state = State::open(&path).unwrap();
        assert!(path.is_file());
        assert_eq!(state.path(), path);
        assert_eq!(state.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(pragma(&state, "journal_mode"), "wal");
        assert_eq!(pragma(&state, "synchronous"), "1", "NORMAL");
        assert_eq!(pragma(&state, "foreign_keys"), "1");
        assert_eq!(pragma(&state, "busy_timeout"), "5000");
    }

    #[test]
    fn reopening_keeps_the_data_and_migrates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let mut state = State::open(&path).unwrap();
        let id = state
            .record_snapshot(&snap("clientes", "accepted", 4, "a"))
            .unwrap();
        drop(state);
        for _ in 0..2 {
            let state = State::open(&path).unwrap();
            assert_eq!(state.schema_version().unwrap(), SCHEMA_VERSION);
            assert_eq!(state.last_accepted("clientes").unwrap().unwrap().id, id);
        }
    }

    #[test]
    fn a_newer_schema_is_refused_naming_both_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let state = State::open(&path).unwrap();
        state
            .conn
            .pragma_update(None, "user_version", i64::from(SCHEMA_VERSION + 3))
            .unwrap();
        drop(state);
        let err = State::open(&path).unwrap_err();
        assert!(
            matches!(err, Error::NewerSchema { found, known, .. } if found == SCHEMA_VERSION + 3 && known == SCHEMA_VERSION),
            "{err}"
        );
        let message = err.to_string();
        assert!(
            message.contains(&format!("version {}", SCHEMA_VERSION + 3)),
            "{message}"
        );
        assert!(
            message.contains(&format!("version {SCHEMA_VERSION} known")),
            "{message}"
        );
        assert!(matches!(
            State::open_read_only(&path),
            Err(Error::NewerSchema { .. })
        ));
    }

    #[test]
    fn read_only_needs_an_existing_current_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        assert!(matches!(
            State::open_read_only(&path),
            Err(Error::Missing { .. })
        ));
        assert!(!path.exists(), "a read-only open creates nothing");
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE other (x);")
            .unwrap();
        let err = State::open_read_only(&path).unwrap_err();
        assert!(matches!(err, Error::OlderSchema { found: 0, .. }), "{err}");
    }

    #[test]
    fn read_only_reads_after_the_agent_closed_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let mut state = State::open(&path).unwrap();
        state
            .record_snapshot(&snap("clientes", "accepted", 4, "a"))
            .unwrap();
        drop(state); // the last connection: SQLite checkpoints and removes the -wal and -shm files
        let mut reader = State::open_read_only(&path).unwrap();
        assert_eq!(reader.entity_statuses().unwrap().len(), 1);
        assert!(matches!(
            reader.start_run(Trigger::Manual, at(1)),
            Err(Error::Sqlite { .. })
        ));
    }

    #[test]
    fn readers_are_not_blocked_by_a_write_transaction() {
        let (dir, mut writer) = fresh();
        writer
            .record_snapshot(&snap("clientes", "accepted", 4, "a"))
            .unwrap();
        writer.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        writer
            .conn
            .execute(
                "UPDATE snapshots SET verdict = 'rejected' WHERE entity = 'clientes'",
                [],
            )
            .unwrap();

        let start = Instant::now();
        let reader = State::open_read_only(&dir.path().join("state.db")).unwrap();
        let seen = reader.last_accepted("clientes").unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "the reader waited for the writer"
        );
        assert_eq!(
            seen.map(|s| s.snapshot.verdict).as_deref(),
            Some("accepted"),
            "uncommitted change invisible"
        );

        writer.conn.execute_batch("COMMIT").unwrap();
        assert!(
            reader.last_accepted("clientes").unwrap().is_none(),
            "committed change visible"
        );
    }

    #[test]
    fn a_second_writer_waits_for_the_first_instead_of_failing() {
        // `sheetdrop approve` writes while the agent may be in a transaction.
        let (dir, mut agent) = fresh();
        let id = agent
            .record_snapshot(&snap("clientes", "held", 0, "a"))
            .unwrap();
        agent.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        let path = dir.path().join("state.db");
        let approve = std::thread::spawn(move || {
            let mut other = State::open(&path)?;
            other.set_verdict(id, "accepted")?;
            other.enqueue("clientes", id, "local", at(1))
        });
        // Whether or not `approve` already waits on the lock, it must succeed once we commit.
        std::thread::sleep(Duration::from_millis(100));
        agent.conn.execute_batch("COMMIT").unwrap();
        let item = approve.join().unwrap().unwrap();
        assert_eq!(
            agent
                .pending()
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [item]
        );
    }

    #[test]
    fn committed_rows_survive_a_state_dropped_mid_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let mut state = State::open(&path).unwrap();
        let kept = state
            .record_snapshot(&snap("clientes", "accepted", 4, "a"))
            .unwrap();
        let item = state.enqueue("clientes", kept, "local", at(1)).unwrap();
        state
            .conn
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM outbox; DELETE FROM snapshots;")
            .unwrap();
        drop(state); // no commit, no explicit close
        let state = State::open(&path).unwrap();
        assert_eq!(state.snapshot(kept).unwrap().map(|s| s.id), Some(kept));
        assert_eq!(
            state
                .pending()
                .unwrap()
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [item]
        );
    }

    #[test]
    fn committed_rows_are_readable_while_a_dead_writer_still_holds_its_lock() {
        // A process that dies without closing: its connection is never closed, its last
        // transaction never committed, the WAL never checkpointed.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let mut state = State::open(&path).unwrap();
        let kept = state
            .record_snapshot(&snap("clientes", "accepted", 4, "a"))
            .unwrap();
        state
            .conn
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM snapshots;")
            .unwrap();
        std::mem::forget(state);
        let reader = State::open_read_only(&path).unwrap();
        assert_eq!(
            reader.last_accepted("clientes").unwrap().map(|s| s.id),
            Some(kept)
        );
    }

    #[test]
    fn times_are_stored_as_clamped_milliseconds() {
        assert_eq!(to_ms(at(0)), 1_700_000_000_000);
        assert_eq!(
            from_ms(to_ms(at(5) + Duration::from_millis(7))),
            at(5) + Duration::from_millis(7)
        );
        assert_eq!(to_ms(UNIX_EPOCH - Duration::from_secs(1)), 0);
        assert_eq!(from_ms(-5), UNIX_EPOCH);
        assert_eq!(from_ms(i64::MAX), from_ms(MAX_MS));
    }
}

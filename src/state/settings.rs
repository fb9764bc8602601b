//! Small key/value settings remembered across runs, e.g. the ids of the spreadsheet and the
//! Drive folder the google destination created (so it creates them only once).

use super::{to_ms, Context, Error, State};
use rusqlite::OptionalExtension;
use std::time::SystemTime;

impl State {
    /// The value stored under `key`, if any.
    pub fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .ctx(format_args!("read setting {key}"))
    }

    /// Stores `value` under `key`, replacing what was there.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value,
                                                 updated_at = excluded.updated_at",
                rusqlite::params![key, value, to_ms(SystemTime::now())],
            )
            .ctx(format_args!("store setting {key}"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_stored_replaced_and_kept_across_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite");
        let mut state = State::open(&path).unwrap();
        assert_eq!(state.setting("google.spreadsheet_id").unwrap(), None);
        state.set_setting("google.spreadsheet_id", "abc").unwrap();
        state.set_setting("google.spreadsheet_id", "def").unwrap();
        drop(state);
        let state = State::open_read_only(&path).unwrap();
        assert_eq!(
            state.setting("google.spreadsheet_id").unwrap().as_deref(),
            Some("def")
        );
    }
}

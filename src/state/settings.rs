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

    /// Every setting whose key starts with `prefix`, as `(key, value)`, in key order.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>, Error> {
        let context = || format!("read settings {prefix}*");
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings WHERE substr(key, 1, ?1) = ?2 ORDER BY key")
            .ctx(context())?;
        let rows = stmt
            .query_map(
                rusqlite::params![prefix.chars().count() as i64, prefix],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ctx(context())?;
        rows.collect::<Result<_, _>>().ctx(context())
    }

    /// Removes the setting `key`, if there is one.
    pub fn delete_setting(&mut self, key: &str) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [key])
            .ctx(format_args!("delete setting {key}"))?;
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

    #[test]
    fn settings_are_listed_by_prefix_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = State::open(&dir.path().join("state.sqlite")).unwrap();
        for key in ["checking:ventas", "checking:clientes", "checkingx", "other"] {
            state.set_setting(key, "v").unwrap();
        }
        let keys = |state: &State| -> Vec<String> {
            let found = state.settings_with_prefix("checking:").unwrap();
            found.into_iter().map(|(k, _)| k).collect()
        };
        assert_eq!(keys(&state), ["checking:clientes", "checking:ventas"]);
        state.delete_setting("checking:ventas").unwrap();
        state.delete_setting("nothing").unwrap();
        assert_eq!(keys(&state), ["checking:clientes"]);
        // LIKE wildcards in a prefix are plain characters.
        assert!(state.settings_with_prefix("%").unwrap().is_empty());
    }
}

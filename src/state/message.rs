//! [`Error::message`]: the state store's errors in the user's language (their `Display`
//! stays English, for the log). SQLite's own words are kept as they came.

use super::Error;
use crate::i18n::{Lang, Message, Text};

impl Error {
    /// The error in `lang`, naming the database file and what to do where there is
    /// something to do.
    pub fn message(&self, lang: Lang) -> String {
        self.to_message().render(lang)
    }

    /// The error as a [`Message`] (rendered in any language later).
    pub fn to_message(&self) -> Message {
        match self {
            Error::CreateDir { path, source } => Message::new(Text::StateCreateDir)
                .with("path", path.display())
                .with_io("error", source),
            Error::Open { path, source } => Message::new(Text::StateOpen)
                .with("path", path.display())
                .with("error", source),
            Error::Missing { path } => {
                Message::new(Text::StateMissing).with("path", path.display())
            }
            Error::NotWal { path, mode } => Message::new(Text::StateNotWal)
                .with("path", path.display())
                .with("mode", format!("{mode:?}")),
            Error::NewerSchema { path, found, known } => Message::new(Text::StateNewerSchema)
                .with("path", path.display())
                .with("found", found)
                .with("known", known),
            Error::OlderSchema { path, found, known } => Message::new(Text::StateOlderSchema)
                .with("path", path.display())
                .with("found", found)
                .with("known", known),
            Error::Migration { path, to, source } => Message::new(Text::StateMigration)
                .with("path", path.display())
                .with("to", to)
                .with("error", source),
            // What was being done is for the log (English); people get the reason.
            Error::Sqlite { source, .. } => {
                Message::new(Text::StateSqlite).with_message("error", sqlite_reason(source))
            }
            Error::UnknownVerdict { verdict } => {
                Message::new(Text::StateUnknownVerdict).with("verdict", format!("{verdict:?}"))
            }
            Error::UnknownSnapshot { id } => {
                Message::new(Text::StateUnknownSnapshot).with("id", id)
            }
            Error::UnknownRun { id } => Message::new(Text::StateUnknownRun).with("id", id),
            Error::NotPublishable {
                id,
                entity,
                verdict,
            } => Message::new(Text::StateNotPublishable)
                .with("id", id)
                .with("entity", entity)
                .with("verdict", verdict),
            Error::WrongEntity { id, entity, actual } => Message::new(Text::StateWrongEntity)
                .with("id", id)
                .with("entity", entity)
                .with("actual", actual),
            Error::NonUtf8Path { path } => {
                Message::new(Text::StateNonUtf8Path).with("path", path.display())
            }
        }
    }
}

/// SQLite's failure in words for the kinds people meet (busy, full or read-only disk,
/// damaged file); SQLite's own words otherwise.
fn sqlite_reason(error: &rusqlite::Error) -> Message {
    use rusqlite::ErrorCode as C;
    let rusqlite::Error::SqliteFailure(failure, _) = error else {
        return Message::verbatim(error.to_string());
    };
    let key = match failure.code {
        C::DatabaseBusy | C::DatabaseLocked => Text::StateBusy,
        C::DiskFull => Text::IoStorageFull,
        C::ReadOnly => Text::IoReadOnly,
        C::PermissionDenied => Text::IoPermissionDenied,
        C::DatabaseCorrupt | C::NotADatabase => Text::StateCorrupt,
        C::CannotOpen => Text::StateCannotOpen,
        C::OutOfMemory => Text::IoOutOfMemory,
        _ => return Message::verbatim(error.to_string()),
    };
    Message::new(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn english_messages_match_the_log_and_others_are_translated() {
        let errors = [
            Error::Missing {
                path: PathBuf::from("/d/state.sqlite"),
            },
            Error::NewerSchema {
                path: PathBuf::from("/d/state.sqlite"),
                found: 9,
                known: 3,
            },
            Error::CreateDir {
                path: PathBuf::from("/d"),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            Error::NotWal {
                path: PathBuf::from("/d/state.sqlite"),
                mode: "delete".into(),
            },
        ];
        for e in &errors {
            assert_eq!(e.message(Lang::En), e.to_string());
            assert_ne!(e.message(Lang::Es), e.to_string(), "{e}");
            assert_ne!(e.message(Lang::PtBr), e.message(Lang::Es), "{e}");
        }
        assert_eq!(
            errors[2].message(Lang::Es),
            "no se puede crear la carpeta de datos /d: permiso denegado"
        );
    }

    #[test]
    fn a_failed_statement_says_why_in_the_language_and_keeps_what_it_did_for_the_log() {
        let full = Error::Sqlite {
            context: "read snapshot 5".into(),
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
                None,
            ),
        };
        assert_eq!(
            full.message(Lang::Es),
            "base de estado: no queda espacio en el disco"
        );
        assert_eq!(
            full.message(Lang::PtBr),
            "base de estado: não há espaço no disco"
        );
        assert!(
            full.to_string()
                .starts_with("state store: read snapshot 5: "),
            "{full}"
        );
        let busy = Error::Sqlite {
            context: "record snapshot of clientes".into(),
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some("database is locked".into()),
            ),
        };
        assert_eq!(
            busy.message(Lang::Es),
            "base de estado: otro proceso la tiene ocupada"
        );
    }
}

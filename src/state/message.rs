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
            Error::Sqlite { context, source } => Message::new(Text::StateSqlite)
                .with("context", context)
                .with("error", source),
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
}

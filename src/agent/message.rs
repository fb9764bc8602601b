//! [`Error::message`]: the agent's errors in the user's language (their `Display` stays
//! English, for the log); the state store's and the watcher's say it in their own words.

use super::Error;
use crate::i18n::{Lang, Message, Text};

impl Error {
    /// The error in `lang`, naming the folder or file and what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::State(e) => e.message(lang),
            Error::Watch(e) => e.message(lang),
            Error::Destination(why) => Message::new(Text::AgentDestination)
                .with_message("error", why.clone())
                .render(lang),
            Error::AlreadyRunning(dir) => Message::new(Text::AgentAlreadyRunning)
                .with("path", dir.display())
                .render(lang),
            Error::Thread(e) => Message::new(Text::AgentThread)
                .with_io("error", e)
                .render(lang),
            Error::Folder { what, path, source } => {
                let key = match *what {
                    super::WATCHED_FOLDER => Text::AgentWatchedFolder,
                    super::DATA_DIRECTORY => Text::AgentDataDir,
                    _ => Text::AgentFolder,
                };
                Message::new(key)
                    .with("what", what)
                    .with("path", path.display())
                    .with_io("error", source)
                    .render(lang)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn agent_errors_in_three_languages() {
        let running = Error::AlreadyRunning(PathBuf::from("/d"));
        assert_eq!(running.message(Lang::En), running.to_string());
        assert!(running.message(Lang::Es).starts_with("ya hay otro agente"));
        let folder = Error::Folder {
            what: super::super::DATA_DIRECTORY,
            path: PathBuf::from("/d"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert_eq!(folder.message(Lang::En), folder.to_string());
        let state = Error::from(crate::state::Error::Sqlite {
            context: "read snapshot 5".into(),
            source: rusqlite::Error::QueryReturnedNoRows,
        });
        assert_eq!(
            state.to_string().matches("state store").count(),
            1,
            "{state}"
        );
        assert_eq!(
            folder.message(Lang::PtBr),
            "não é possível usar a pasta de dados /d: permissão negada (escolha outra com --data-dir)"
        );
    }
}

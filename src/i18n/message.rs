//! [`Message`]: a sentence for people whose language is chosen when it is shown. An error
//! keeps one instead of an English string, so that the same error reads in English in the
//! log (its `Display`) and in the user's language on screen ([`Message::render`]).

use super::{Lang, Text};
use std::fmt;

/// A sentence to show a person: a [`Text`] key with its values, or text that has no
/// translation (an answer from Google, a parser's words), kept as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message(Body);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Body {
    /// A key of the table and its `{name}` values, themselves messages.
    Text {
        key: Text,
        args: Vec<(&'static str, Message)>,
    },
    /// Words that are shown as they are, whatever the language.
    Verbatim(String),
    /// An I/O error: the OS's words in English, ours for the kinds people meet most.
    Io {
        kind: std::io::ErrorKind,
        os_text: String,
    },
    /// A count, with the language's thousands separator.
    Number(u64),
}

impl Message {
    /// The sentence of `key`; its `{name}` values are added with [`Message::with`].
    pub fn new(key: Text) -> Message {
        Message(Body::Text {
            key,
            args: Vec::new(),
        })
    }

    /// Words with no translation (Google's answer, a parser's message), shown as they are.
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message(Body::Verbatim(text.into()))
    }

    /// An I/O error: in English the OS's own words ("No such file or directory (os error
    /// 2)"); in Spanish and Portuguese, ours for the common kinds (missing, no permission,
    /// disk full...), else the OS's.
    pub fn io(error: &std::io::Error) -> Message {
        Message(Body::Io {
            kind: error.kind(),
            os_text: error.to_string(),
        })
    }

    /// Sets `{name}` to `value`, shown as it is (a path, a number, a name).
    pub fn with(self, name: &'static str, value: impl fmt::Display) -> Message {
        self.with_message(name, Message::verbatim(value.to_string()))
    }

    /// Sets `{name}` to another message, shown in the same language.
    pub fn with_message(mut self, name: &'static str, value: Message) -> Message {
        if let Body::Text { args, .. } = &mut self.0 {
            args.push((name, value));
        }
        self
    }

    /// Sets `{name}` to a count, written with the language's thousands separator.
    pub fn with_number(self, name: &'static str, n: u64) -> Message {
        self.with_message(name, Message(Body::Number(n)))
    }

    /// Sets `{name}` to an I/O error ([`Message::io`]).
    pub fn with_io(self, name: &'static str, error: &std::io::Error) -> Message {
        self.with_message(name, Message::io(error))
    }

    /// The sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match &self.0 {
            Body::Text { key, args } => {
                let values: Vec<(&str, String)> =
                    args.iter().map(|(n, m)| (*n, m.render(lang))).collect();
                let refs: Vec<(&str, &dyn fmt::Display)> = values
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn fmt::Display))
                    .collect();
                lang.format(*key, &refs)
            }
            Body::Verbatim(text) => text.clone(),
            Body::Io { kind, os_text } => match (lang, io_text(*kind)) {
                (Lang::En, _) | (_, None) => os_text.clone(),
                (_, Some(key)) => lang.text(key).to_string(),
            },
            Body::Number(n) => lang.number(*n),
        }
    }

    /// The key of this sentence, `None` for verbatim text (for tests and matching).
    pub fn key(&self) -> Option<Text> {
        match &self.0 {
            Body::Text { key, .. } => Some(*key),
            Body::Verbatim(_) | Body::Io { .. } | Body::Number(_) => None,
        }
    }
}

/// True for the kinds of a failure to connect (refused, reset, unreachable, network down,
/// timed out): what a request that got no answer at all meets.
pub fn is_connection_failure(kind: std::io::ErrorKind) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        kind,
        K::ConnectionRefused
            | K::ConnectionReset
            | K::ConnectionAborted
            | K::BrokenPipe
            | K::HostUnreachable
            | K::NetworkUnreachable
            | K::NetworkDown
            | K::AddrNotAvailable
            | K::TimedOut
    )
}

/// Our words for the I/O errors people meet most; `None` leaves the OS's.
fn io_text(kind: std::io::ErrorKind) -> Option<Text> {
    use std::io::ErrorKind as K;
    Some(match kind {
        K::NotFound => Text::IoNotFound,
        K::PermissionDenied => Text::IoPermissionDenied,
        K::AlreadyExists => Text::IoAlreadyExists,
        K::StorageFull => Text::IoStorageFull,
        K::ReadOnlyFilesystem => Text::IoReadOnly,
        K::NotADirectory => Text::IoNotADirectory,
        K::IsADirectory => Text::IoIsADirectory,
        K::TimedOut => Text::IoTimedOut,
        K::ConnectionRefused => Text::IoConnectionRefused,
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => Text::IoConnectionReset,
        K::HostUnreachable | K::NetworkUnreachable | K::AddrNotAvailable => Text::IoUnreachable,
        K::NetworkDown => Text::IoNetworkDown,
        K::QuotaExceeded => Text::IoQuotaExceeded,
        K::FileTooLarge => Text::IoFileTooLarge,
        K::InvalidFilename => Text::IoInvalidFilename,
        K::ResourceBusy | K::ExecutableFileBusy => Text::IoResourceBusy,
        K::DirectoryNotEmpty => Text::IoDirectoryNotEmpty,
        K::CrossesDevices => Text::IoCrossesDevices,
        K::StaleNetworkFileHandle => Text::IoStaleNetworkFile,
        K::OutOfMemory => Text::IoOutOfMemory,
        K::Unsupported => Text::IoUnsupported,
        K::UnexpectedEof => Text::IoUnexpectedEof,
        _ => return None,
    })
}

/// English: what the log shows.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A message can be an error of its own (`cli::print_error` renders it in the user's language).
impl std::error::Error for Message {}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::verbatim(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::verbatim(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_renders_in_each_language_with_nested_values() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let m = Message::new(Text::ConfigRead)
            .with("path", "/x/sheetdrop.toml")
            .with_io("error", &missing);
        assert_eq!(
            m.render(Lang::Es),
            "no se puede leer /x/sheetdrop.toml: no existe"
        );
        assert_eq!(
            m.render(Lang::PtBr),
            "não é possível ler /x/sheetdrop.toml: não existe"
        );
        assert_eq!(
            m.to_string(),
            format!("cannot read /x/sheetdrop.toml: {missing}"),
            "English keeps the OS's words"
        );
        assert_eq!(m.key(), Some(Text::ConfigRead));
        let google = Message::verbatim("HTTP 403 PERMISSION_DENIED x");
        assert_eq!(google.render(Lang::Es), "HTTP 403 PERMISSION_DENIED x");
        assert_eq!(google.key(), None);
    }

    #[test]
    fn uncommon_io_errors_keep_the_os_words() {
        let odd = std::io::Error::other("strange failure");
        assert_eq!(Message::io(&odd).render(Lang::Es), "strange failure");
    }
}

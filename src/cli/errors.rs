//! [`describe`]: an error and its causes in the user's language, as the command line shows
//! them. The first cause sheetdrop knows (a config, state store, agent, watcher, spool or
//! service error, a [`Message`]) is said in the user's language, and ends the line: its words already
//! include what its own causes say. A cause it does not know is shown as its `Display`, and
//! only when the text before it does not already say it (an error whose `Display` includes
//! its source would otherwise be printed twice, the way anyhow's `{:#}` does).

use crate::i18n::{Lang, Message};
use std::error::Error;

/// `error` and its causes in `lang`, `: `-joined.
pub fn describe(error: &(dyn Error + 'static), lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(text) = known(e, lang) {
            parts.push(text);
            break;
        }
        let text = e.to_string();
        let text = text.trim_end();
        if !parts.last().is_some_and(|before| before.contains(text)) {
            parts.push(text.to_string());
        }
        next = e.source();
    }
    parts.join(": ")
}

/// The error in `lang` when it is one sheetdrop words itself.
fn known(e: &(dyn Error + 'static), lang: Lang) -> Option<String> {
    if let Some(m) = e.downcast_ref::<Message>() {
        return Some(m.render(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::config::Error>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::agent::Error>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::state::Error>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::watch::Error>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::snapshot::Error>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::doctor::ConfigNotFound>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<crate::platform::service::Error>() {
        return Some(e.message(lang));
    }
    if let Some(e) = e.downcast_ref::<std::io::Error>() {
        return Some(Message::io(e).render(lang));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    /// An error whose `Display` includes its source, as thiserror's `{source}` does.
    #[derive(Debug)]
    struct Wrapper(Inner);
    #[derive(Debug)]
    struct Inner;
    impl fmt::Display for Inner {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("the disk said no")
        }
    }
    impl Error for Inner {}
    impl fmt::Display for Wrapper {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "cannot write x: {}", self.0)
        }
    }
    impl Error for Wrapper {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_source_already_in_the_text_is_not_repeated() {
        assert_eq!(
            describe(&Wrapper(Inner), Lang::Es),
            "cannot write x: the disk said no"
        );
    }

    #[test]
    fn a_known_error_is_said_in_the_language_once() {
        let e = crate::config::Error::Read {
            path: "nope.toml".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert_eq!(
            describe(&e, Lang::Es),
            "no se puede leer nope.toml: no existe"
        );
        assert_eq!(
            describe(&e, Lang::En),
            format!(
                "cannot read nope.toml: {}",
                std::io::Error::from(std::io::ErrorKind::NotFound)
            )
        );
    }
}

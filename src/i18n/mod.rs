//! Every user-facing string of the HTML report, the tray, the notifications and the command
//! line, in Spanish, English and Brazilian Portuguese, in one place: [`Text`] keys
//! (`text/`, a file per area), and the few pieces of grammar that differ by language
//! (numbers, dates, relative times, plurals).
//!
//! Errors keep an English `Display` for the log; what people see is said from the table:
//! an error carries a [`Message`] (`message.rs`: a key and its values, rendered in any
//! language) or has a `message(lang)` of its own, and `cli::errors::describe` says an
//! error and its causes in the user's language. `cli::help` does the same for clap's
//! `--help` and usage errors, with the keys of this table.
//!
//! The language comes from `language` in the config; `auto` follows the OS locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`, then the OS's own setting through `sys-locale`), and is
//! Spanish when the locale is unknown. Every table is an exhaustive `match` returning one
//! string per language, so a key cannot be added without all three translations.

mod message;
mod text;

pub use message::{is_connection_failure, Message};
pub use text::Text;

use std::fmt::{Display, Write as _};
use std::time::Duration;

/// The user interface language as configured (`language = ...`); [`Lang::from_config`]
/// resolves `Auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Follow the OS locale; Spanish when unknown.
    #[default]
    Auto,
    /// Spanish.
    Es,
    /// English.
    En,
    /// Brazilian Portuguese.
    PtBr,
}

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Spanish (the default).
    #[default]
    Es,
    /// English.
    En,
    /// Brazilian Portuguese.
    PtBr,
}

/// The interface's state at a glance (tray icon, report banner), from best to worst; the
/// status decides which one applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Health {
    /// Everything seen is published.
    Published,
    /// Checking or publishing right now, or a publish is waiting for its turn.
    Working,
    /// Something to look at: warnings, a partial file, a held file.
    Attention,
    /// Something failed: a rejected file, a failing publish, an unreadable file.
    Error,
    /// Paused by the user.
    Paused,
}

impl Lang {
    /// The three languages.
    pub const ALL: [Lang; 3] = [Lang::Es, Lang::En, Lang::PtBr];

    /// The language the config asks for; `auto` follows the OS locale ([`Lang::detect`]).
    pub fn from_config(language: Language) -> Lang {
        match language {
            Language::Auto => Lang::detect(),
            Language::Es => Lang::Es,
            Language::En => Lang::En,
            Language::PtBr => Lang::PtBr,
        }
    }

    /// The OS locale's language: the first set of `LC_ALL`, `LC_MESSAGES` and `LANG` (the
    /// POSIX order), else the OS setting (Windows, macOS), else Spanish.
    pub fn detect() -> Lang {
        let env = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|v| !v.is_empty());
        match env {
            Some(tag) => Lang::from_locale(&tag),
            None => sys_locale::get_locale().and_then(|tag| Lang::from_locale(&tag)),
        }
        .unwrap_or_default()
    }

    /// The language of a locale name such as `es_AR.UTF-8`, `en-US` or `pt_BR`; `None` for
    /// `C`, `POSIX` and languages the interface does not speak. Any Portuguese is pt-BR.
    pub fn from_locale(tag: &str) -> Option<Lang> {
        let language: String = tag
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        match language.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            "pt" => Some(Lang::PtBr),
            _ => None,
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
        }
    }

    /// Picks this language's entry of a `[es, en, pt-BR]` triple.
    pub fn pick<T: Copy>(self, triple: [T; 3]) -> T {
        triple[self as usize]
    }

    /// The string of `key`.
    pub fn text(self, key: Text) -> &'static str {
        self.pick(text::table(key))
    }

    /// The string of `key` with each `{name}` replaced by its value.
    pub fn format(self, key: Text, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(key), args)
    }

    /// The name of a verdict as stored (`accepted`, `partial`, `rejected`, `held`, `missing`,
    /// `unchanged`); an unknown one is returned as is.
    pub fn verdict(self, verdict: &str) -> &str {
        let key = match verdict {
            "accepted" => Text::VerdictAccepted,
            "partial" => Text::VerdictPartial,
            "rejected" => Text::VerdictRejected,
            "held" => Text::VerdictHeld,
            "missing" => Text::VerdictMissing,
            "unchanged" => Text::VerdictUnchanged,
            other => return other,
        };
        self.text(key)
    }

    /// The name of a state at a glance, e.g. "Todo publicado".
    pub fn health(self, health: Health) -> &'static str {
        self.text(match health {
            Health::Published => Text::HealthPublished,
            Health::Working => Text::HealthWorking,
            Health::Attention => Text::HealthAttention,
            Health::Error => Text::HealthError,
            Health::Paused => Text::HealthPaused,
        })
    }

    /// The status line of the tray menu and the report: "Todo publicado · hace 3 min";
    /// `since` is how long ago the last publish (or check) was.
    pub fn status_line(self, health: Health, since: Option<Duration>) -> String {
        match since {
            Some(since) => format!("{} · {}", self.health(health), self.ago(since)),
            None => self.health(health).to_string(),
        }
    }

    /// "hace 3 min", "3 min ago", "há 3 min"; under 10 seconds, "just now".
    pub fn ago(self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs();
        if secs < 10 {
            return self.text(Text::JustNow).into();
        }
        let (key, n) = relative(secs, [Text::AgoSeconds, Text::AgoMinutes, Text::AgoHours]);
        match key {
            Some(key) => self.format(key, &[("n", &n)]),
            None => self.plural(n, Text::AgoDay, Text::AgoDays),
        }
    }

    /// "en 4 s", "in 4 s", "em 4 s"; "now" when it is due.
    pub fn within(self, remaining: Duration) -> String {
        let secs = remaining.as_secs();
        if secs == 0 {
            return self.text(Text::Now).into();
        }
        let (key, n) = relative(secs, [Text::InSeconds, Text::InMinutes, Text::InHours]);
        self.format(key.unwrap_or(Text::InDays), &[("n", &n)])
    }

    /// `one` when `n` is 1, else `many`, with `{n}` filled in.
    pub fn plural(self, n: u64, one: Text, many: Text) -> String {
        let n_text = self.number(n);
        self.format(if n == 1 { one } else { many }, &[("n", &n_text)])
    }

    /// A count with this language's thousands separator: 10.234 (es, pt-BR), 10,234 (en).
    pub fn number(self, n: u64) -> String {
        let sep = match self {
            Lang::En => ',',
            Lang::Es | Lang::PtBr => '.',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A local date and time for people: "3 may 2024, 14:05" (`month` 1-12).
    pub fn date_time(self, year: i32, month: u32, day: u32, hour: u32, minute: u32) -> String {
        let months = match self {
            Lang::Es => [
                "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
            ],
            Lang::En => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
            Lang::PtBr => [
                "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez",
            ],
        };
        let month = months[(month.clamp(1, 12) - 1) as usize];
        format!("{day} {month} {year}, {hour:02}:{minute:02}")
    }
}

/// Which unit a relative time is said in: the key for seconds, minutes or hours, or `None`
/// for days; and the count in that unit.
fn relative(secs: u64, keys: [Text; 3]) -> (Option<Text>, u64) {
    match secs {
        0..60 => (Some(keys[0]), secs),
        60..3600 => (Some(keys[1]), secs / 60),
        3600..86400 => (Some(keys[2]), secs / 3600),
        _ => (None, secs / 86400),
    }
}

/// `template` with each `{name}` of `args` replaced by its value.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    // One pass over the template: a value is never searched for placeholders itself (a
    // file named `c {rows}.csv` stays as it is).
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        let value = name.and_then(|name| args.iter().find(|(n, _)| *n == name));
        match (name, value) {
            (Some(name), Some((_, value))) => {
                let _ = write!(out, "{value}");
                rest = &after[name.len() + 1..];
            }
            _ => {
                // A placeholder the call does not give is a bug of the call (or of a
                // translation naming a value its key does not have): tests fail on it.
                debug_assert!(
                    !name.is_some_and(is_placeholder),
                    "no value for {{{}}} in {template:?}",
                    name.unwrap_or_default()
                );
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `name` (between braces) is shaped like a placeholder: a word of lower-case
/// letters, digits and `_`.
fn is_placeholder(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The `{name}` placeholders of a template, sorted.
#[cfg(test)]
fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

/// `text` with control characters (escape sequences, carriage returns, newlines) shown
/// escaped, so untrusted text cannot act on the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_put_in_one_pass_and_never_read_as_placeholders() {
        let args: [(&str, &dyn Display); 2] = [("x", &"{y}"), ("y", &2)];
        assert_eq!(fill("a {x} b {y} { Z} {", &args), "a {y} b 2 { Z} {");
        assert_eq!(fill("{x}{x}", &args), "{y}{y}");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no value for {rows}")]
    fn a_template_naming_a_value_the_call_does_not_give_fails_the_tests() {
        fill("{entity}: {rows}", &[("entity", &"clientes")]);
    }

    #[test]
    fn every_text_exists_in_all_three_languages_with_the_same_placeholders() {
        for key in Text::ALL {
            let [es, en, pt] = text::table(*key);
            for s in [es, en, pt] {
                assert!(!s.trim().is_empty(), "{key:?} has an empty translation");
            }
            assert_eq!(placeholders(es), placeholders(en), "{key:?}: es vs en");
            assert_eq!(placeholders(es), placeholders(pt), "{key:?}: es vs pt-BR");
        }
    }

    #[test]
    fn text_all_lists_every_key_once() {
        // `Text::ALL` drives the test above; the macro builds it from the same list as the
        // enum, so each key is there exactly once.
        let mut seen = std::collections::HashSet::new();
        for key in Text::ALL {
            assert!(seen.insert(*key as usize), "{key:?} listed twice");
        }
        assert_eq!(seen.len(), Text::ALL.len());
        assert_eq!(*Text::ALL.last().unwrap() as usize, Text::ALL.len() - 1);
    }

    #[test]
    fn locale_names() {
        assert_eq!(Lang::from_locale("es_AR.UTF-8"), Some(Lang::Es));
        assert_eq!(Lang::from_locale("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_locale("pt_BR.utf8"), Some(Lang::PtBr));
        assert_eq!(Lang::from_locale("pt-PT"), Some(Lang::PtBr));
        assert_eq!(Lang::from_locale("EN"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("POSIX"), None);
        assert_eq!(Lang::from_locale("fr_FR"), None);
        assert_eq!(Lang::default(), Lang::Es, "Spanish when unknown");
        assert_eq!(Lang::from_config(Language::PtBr), Lang::PtBr);
        assert_eq!(Lang::from_config(Language::En), Lang::En);
    }

    #[test]
    fn status_line_and_relative_times() {
        let min = Duration::from_secs(60);
        assert_eq!(
            Lang::Es.status_line(Health::Published, Some(3 * min)),
            "Todo publicado · hace 3 min"
        );
        assert_eq!(
            Lang::En.status_line(Health::Published, Some(3 * min)),
            "All published · 3 min ago"
        );
        assert_eq!(
            Lang::PtBr.status_line(Health::Published, Some(3 * min)),
            "Tudo publicado · há 3 min"
        );
        assert_eq!(Lang::Es.ago(Duration::from_secs(5)), "recién");
        assert_eq!(Lang::En.ago(Duration::from_secs(45)), "45 s ago");
        assert_eq!(Lang::Es.ago(2 * 3600 * Duration::from_secs(1)), "hace 2 h");
        assert_eq!(Lang::Es.ago(Duration::from_secs(86400)), "hace 1 día");
        assert_eq!(Lang::PtBr.ago(Duration::from_secs(3 * 86400)), "há 3 dias");
        assert_eq!(Lang::Es.within(Duration::from_secs(4)), "en 4 s");
        assert_eq!(Lang::En.within(Duration::ZERO), "now");
        assert_eq!(Lang::Es.health(Health::Paused), "En pausa");
    }

    #[test]
    fn numbers_dates_plurals_and_verdicts() {
        assert_eq!(Lang::Es.number(10234), "10.234");
        assert_eq!(Lang::En.number(1_000_000), "1,000,000");
        assert_eq!(Lang::PtBr.number(999), "999");
        assert_eq!(Lang::Es.number(0), "0");
        assert_eq!(Lang::Es.date_time(2024, 5, 3, 14, 5), "3 may 2024, 14:05");
        assert_eq!(Lang::En.date_time(2024, 12, 31, 9, 0), "31 Dec 2024, 09:00");
        assert_eq!(
            Lang::Es.plural(1, Text::IssuesOne, Text::IssuesMany),
            "1 problema"
        );
        assert_eq!(
            Lang::En.plural(1200, Text::IssuesOne, Text::IssuesMany),
            "1,200 issues"
        );
        assert_eq!(Lang::Es.verdict("held"), "Retenido");
        assert_eq!(Lang::PtBr.verdict("rejected"), "Rejeitado");
        assert_eq!(Lang::En.verdict("something-new"), "something-new");
        assert_eq!(
            Lang::Es.format(Text::FirstUsedOnRow, &[("row", &3)]),
            "ya usado en la fila 3"
        );
    }
}

//! `sheetdrop.toml` and Frictionless `datapackage.json` → a validated [`Config`] with its
//! [`Catalog`] of entities in dependency order.
//!
//! Checking happens in two stages (vector's habit): serde with `deny_unknown_fields` turns the
//! file into raw structs, so an unknown key is an error that names the key and the line; then
//! [`Config::from_toml`] checks what serde cannot (refs to unknown entities, cycles of required
//! refs) and builds the frozen types the rest of the program uses.

pub mod bounds;
mod catalog;
mod datapackage;
pub mod format;
mod problem;
mod raw;

pub use catalog::{
    Catalog, ColumnRule, Entity, Overlap, Ref, RuleSeverity, Specificity, DEFAULT_ENTITIES,
};
pub use format::Format;

use crate::i18n::{Lang, Message, Text};
use crate::platform::{self, Env, Mode, Os};
use std::fmt;
use std::path::{Path, PathBuf};

/// The name of the config file in the per-user and system-wide config directories.
pub const FILE_NAME: &str = crate::platform::paths::CONFIG_FILE;

/// An error in the configuration: it names the file and, where known, the line. Its
/// `Display` is English (for the log); [`Error::message`] says it in the user's language.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The config file (or the catalog it names) could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file that could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML/JSON or has an unknown key or a bad value.
    #[error("{}", self.message(Lang::En))]
    Syntax {
        /// The file with the error.
        path: PathBuf,
        /// The 1-based line of the error, when the parser knows it.
        line: Option<usize>,
        /// The 1-based column of the error, when the parser knows it.
        column: Option<usize>,
        /// What the parser found wrong, in words ([`Message::verbatim`] when it is a
        /// complaint sheetdrop does not know, e.g. a TOML syntax error).
        problem: Message,
        /// The offending line as the parser shows it (gutter, line, caret); empty when the
        /// position is unknown.
        snippet: String,
    },
    /// The file parses but says something impossible (a ref to an unknown entity, a cycle).
    #[error("{}{}: {message}", path.display(), Line(*line))]
    Invalid {
        /// The file with the error.
        path: PathBuf,
        /// The 1-based line the problem is on, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        message: Message,
    },
}

impl Error {
    /// The error in `lang`: the file, the line (and column) and what to fix there; a
    /// parser's snippet of the line follows on its own lines.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Read { path, source } => Message::new(Text::ConfigRead)
                .with("path", path.display())
                .with_io("error", source)
                .render(lang),
            Error::Syntax {
                path,
                line,
                column,
                problem,
                snippet,
            } => {
                let head = at(path, *line, *column, problem).render(lang);
                if snippet.is_empty() {
                    head
                } else {
                    format!("{head}\n{snippet}")
                }
            }
            Error::Invalid {
                path,
                line,
                message,
            } => at(path, *line, None, message).render(lang),
        }
    }
}

/// "{path}, line L, column C: {problem}", or as much of it as is known.
fn at(path: &Path, line: Option<usize>, column: Option<usize>, problem: &Message) -> Message {
    let message = match (line, column) {
        (Some(line), Some(column)) => Message::new(Text::ConfigAtColumn)
            .with("line", line)
            .with("column", column),
        (Some(line), None) => Message::new(Text::ConfigAtLine).with("line", line),
        (None, _) => Message::new(Text::ConfigIn),
    };
    message
        .with("path", path.display())
        .with_message("problem", problem.clone())
}

/// Displays ", line N" when a line is known.
struct Line(Option<usize>);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ", line {line}"),
            None => Ok(()),
        }
    }
}

/// The `language` of the config [`Config::load_for`] reads for `explicit` and `mode` (see
/// [`language_of`]); `None` without a config file or a valid `language` in it.
pub fn language_for(explicit: Option<&Path>, mode: Mode) -> Option<Language> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => platform::paths::config_search_paths(Os::current(), mode, &Env::current())
            .into_iter()
            .find(|p| p.is_file())?,
    };
    language_of(&path)
}

/// The `language` of the config file at `path`, read even when the rest of the file does not
/// load (an unknown key, a bad value, or not even TOML: see [`scan_language`]), so that its
/// errors are said in that language; `None` when the file cannot be read or sets no valid
/// language.
pub fn language_of(path: &Path) -> Option<Language> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    match text.parse::<toml::Table>() {
        Ok(table) => language_named(table.get("language")?.as_str()?),
        Err(_) => scan_language(&text),
    }
}

/// The `language = "..."` of a file that is not valid TOML: the first such line before the
/// first `[table]` header (where a top-level key must be), whatever follows it; `None` when
/// there is none or it names no known language.
pub fn scan_language(text: &str) -> Option<Language> {
    for line in text.trim_start_matches('\u{feff}').lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return None;
        }
        let Some(rest) = line.strip_prefix("language") else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|&q| q == '"' || q == '\'')?;
        let inner = &value[1..];
        let end = inner.find(quote)?;
        let after = inner[end + 1..].trim_start();
        if !(after.is_empty() || after.starts_with('#')) {
            return None;
        }
        return language_named(&inner[..end]);
    }
    None
}

/// The language a config value names.
fn language_named(value: &str) -> Option<Language> {
    match value {
        "auto" => Some(Language::Auto),
        "es" => Some(Language::Es),
        "en" => Some(Language::En),
        "pt-BR" => Some(Language::PtBr),
        _ => None,
    }
}

/// The user interface language (`language = ...`), defined where it is translated.
pub use crate::i18n::Language;

/// What to do with a file that has errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Leave out the rows with errors and publish the rest (unless above `max_invalid_rows`).
    #[default]
    SkipRows,
    /// Reject the whole file at the first error.
    Reject,
}

/// What a change of columns against the last accepted snapshot does
/// (`[policy] on_column_change`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnColumnChange {
    /// A removed or renamed column holds the snapshot until approved; added or moved
    /// columns are published with a warning.
    #[default]
    HoldRemoved,
    /// Any change of columns holds the snapshot until approved.
    Hold,
    /// Never holds: every change is a warning.
    Warn,
}

impl OnColumnChange {
    /// The value as the config writes it: `hold-removed`, `hold` or `warn`.
    pub fn config_spelling(self) -> &'static str {
        match self {
            OnColumnChange::HoldRemoved => "hold-removed",
            OnColumnChange::Hold => "hold",
            OnColumnChange::Warn => "warn",
        }
    }
}

/// A limit given either as a number of rows or as a percentage of the rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// At most this many rows.
    Count(u64),
    /// At most this percentage (0–100) of the rows.
    Percent(f64),
}

impl Threshold {
    /// True when `n` out of `total` rows goes above this limit.
    pub fn exceeded(&self, n: u64, total: u64) -> bool {
        match *self {
            Threshold::Count(max) => n > max,
            Threshold::Percent(pct) => (n as f64) * 100.0 > pct * (total as f64),
        }
    }

    /// The limit as a config writes it: "N%", or the bare row count (reports keep it so,
    /// and word it in the reader's language).
    pub fn config_spelling(&self) -> String {
        match self {
            Threshold::Count(n) => n.to_string(),
            percent => percent.to_string(),
        }
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threshold::Count(n) => write!(f, "{n} rows"),
            Threshold::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// How findings turn into verdicts.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Skip bad rows or reject the file.
    pub on_error: OnError,
    /// Above this many left-out rows the whole file is rejected.
    pub max_invalid_rows: Threshold,
    /// A snapshot that loses more rows than this versus the last accepted one is held.
    pub shrink_guard: Threshold,
    /// The most one record (a field, the header) may take, in bytes: its text plus 8 bytes
    /// per field. A file with a bigger one is rejected (`oversize-record`) without being held
    /// in memory (`[policy] max_record_bytes`, default 16 MiB, from 1 KiB to 1 GiB).
    pub max_record_bytes: u64,
    /// What a change of columns against the last accepted snapshot does
    /// (`[policy] on_column_change`, default `hold-removed`).
    pub on_column_change: OnColumnChange,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            on_error: OnError::SkipRows,
            max_invalid_rows: Threshold::Percent(1.0),
            shrink_guard: Threshold::Percent(50.0),
            max_record_bytes: crate::table::DEFAULT_MAX_RECORD_BYTES,
            on_column_change: OnColumnChange::HoldRemoved,
        }
    }
}

/// The watched folder and its timing.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The folder the exports are dropped into; `None` means the default in the user's documents.
    pub folder: Option<PathBuf>,
    /// A file must be unchanged this long before it is read.
    pub settle_seconds: u64,
    /// A full rescan runs this often, as a safety net for missed events.
    pub rescan_seconds: u64,
    /// Follow a symbolic link named like an entity's file, when its target is a regular file
    /// inside the watched folder (`[source] follow_symlinks`, default false: links are
    /// reported as `not-a-file` and never read). A link leading outside is never followed.
    pub follow_symlinks: bool,
}

impl Default for Source {
    fn default() -> Self {
        Source {
            folder: None,
            settle_seconds: 3,
            rescan_seconds: 60,
            follow_symlinks: false,
        }
    }
}

/// Where accepted snapshots go.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// The embedded default: files in a local folder.
    Local {
        /// The output folder; `None` means the default beside the watched folder.
        folder: Option<PathBuf>,
    },
    /// Google Drive and Sheets.
    Google(Google),
}

/// Settings of the Google destination (`[destination.google]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Google {
    /// A service-account key file, or "oauth" for the browser login.
    pub credentials: String,
    /// The spreadsheet to publish into; empty means create one on first publish.
    pub spreadsheet_id: String,
    /// The Drive folder for raw files; empty means create one.
    pub drive_folder_id: String,
    /// E-mails given reader access to what the agent creates.
    pub share_with: Vec<String>,
    /// The pacer's ceiling for write requests.
    pub writes_per_minute: u32,
    /// Test-only root URL of an emulator; empty means Google's own endpoints.
    pub endpoint: String,
    /// `credentials = "oauth"`: the OAuth client (a Google Cloud "Desktop app" client-secret
    /// JSON file, relative to the config file); empty means `client_secret.json`.
    pub client_secret: String,
}

/// The whole validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// The user interface language.
    pub language: Language,
    /// The watched folder.
    pub source: Source,
    /// Verdict rules.
    pub policy: Policy,
    /// Where accepted snapshots go.
    pub destination: Destination,
    /// The entities, in dependency order.
    pub catalog: Catalog,
}

impl Default for Config {
    /// No config file at all: the default catalog and default settings.
    fn default() -> Self {
        Config {
            path: None,
            language: Language::Auto,
            source: Source::default(),
            policy: Policy::default(),
            destination: Destination::Local { folder: None },
            catalog: Catalog::default(),
        }
    }
}

impl Config {
    /// Loads the config from `explicit` if given, else from the first config file found in
    /// [`search_paths`], else the built-in defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config, Error> {
        Config::load_for(explicit, Mode::User)
    }

    /// Like [`Config::load`], searching `mode`'s places: per-user, the per-user config dir
    /// then the system-wide one; system-wide (`--system`, the service), only the latter.
    pub fn load_for(explicit: Option<&Path>, mode: Mode) -> Result<Config, Error> {
        if let Some(path) = explicit {
            return Config::from_file(path);
        }
        for path in platform::paths::config_search_paths(Os::current(), mode, &Env::current()) {
            if path.is_file() {
                return Config::from_file(&path);
            }
        }
        Ok(Config::default())
    }

    /// Reads and validates one config file.
    pub fn from_file(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::from_toml(&text, path)
    }

    /// Validates the TOML text of a config file; `path` names it in errors and anchors the
    /// relative paths it contains.
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, Error> {
        raw::parse(text, path)
    }
}

/// Where a config file is looked for when `--config` is not given: the per-user config dir,
/// then the system-wide one.
pub fn search_paths() -> Vec<PathBuf> {
    platform::paths::config_search_paths(Os::current(), Mode::User, &Env::current())
}

/// The system-wide config directory (`/etc/sheetdrop`, `%ProgramData%\sheetdrop`,
/// `/Library/Application Support/sheetdrop`).
pub fn system_config_dir() -> PathBuf {
    platform::paths::system_config_dir(Os::current(), &Env::current())
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> Error {
        Config::from_toml(text, Path::new("/etc/sheetdrop.toml")).unwrap_err()
    }

    #[test]
    fn errors_name_file_line_and_fix_in_each_language() {
        let syntax = error("[source]\nfolder = 3\n");
        assert_eq!(
            syntax.message(Lang::Es),
            "/etc/sheetdrop.toml, línea 2, columna 10: aquí va un texto entre comillas, no el \
             número 3\n  |\n2 | folder = 3\n  |          ^"
        );
        assert_eq!(
            syntax.message(Lang::En),
            syntax.to_string(),
            "the log's English"
        );
        assert!(syntax
            .message(Lang::PtBr)
            .starts_with("/etc/sheetdrop.toml, linha 2, coluna 10: aqui vai"));

        let invalid =
            error("[[entity]]\nname = \"a\"\nrefs = [{ column = \"X\", entity = \"zz\" }]\n");
        assert_eq!(
            invalid.message(Lang::Es),
            "/etc/sheetdrop.toml, línea 3: la columna `X` de `a` se refiere a la entidad `zz`, \
             que no existe (declaradas: a)"
        );
        assert_eq!(invalid.message(Lang::En), invalid.to_string());

        let read = Config::from_file(Path::new("/nonexistent/sheetdrop.toml")).unwrap_err();
        assert_eq!(
            read.message(Lang::PtBr),
            "não é possível ler /nonexistent/sheetdrop.toml: não existe"
        );
    }

    #[test]
    fn the_language_is_read_from_a_file_that_does_not_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheetdrop.toml");
        std::fs::write(&path, "language = \"pt-BR\"\n[source]\nbogus = 1\n").unwrap();
        assert!(Config::from_file(&path).is_err());
        assert_eq!(language_of(&path), Some(Language::PtBr));
        assert_eq!(language_for(Some(&path), Mode::User), Some(Language::PtBr));
        std::fs::write(&path, "language = [\n").unwrap();
        assert_eq!(language_of(&path), None, "not TOML, no language");
        std::fs::write(
            &path,
            "# mine\nlanguage = \"en\"  # English\n[source]\nfolder = \"x\n",
        )
        .unwrap();
        assert_eq!(
            language_of(&path),
            Some(Language::En),
            "not TOML further down"
        );
        assert_eq!(language_of(&dir.path().join("none.toml")), None);
    }

    #[test]
    fn the_language_pre_scan_reads_only_the_top_level_and_forgives_the_rest() {
        let scan = scan_language;
        assert_eq!(
            scan("language = 'pt-BR'\n[[entity]\n"),
            Some(Language::PtBr)
        );
        assert_eq!(
            scan("\u{feff}  language=\"es\"\n= = =\n"),
            Some(Language::Es)
        );
        assert_eq!(
            scan("x = 1\n\nlanguage = \"en\"\n\"oops\n"),
            Some(Language::En)
        );
        assert_eq!(
            scan("[source]\nlanguage = \"en\"\n"),
            None,
            "inside a table"
        );
        assert_eq!(scan("language = \"fr\"\n"), None);
        assert_eq!(scan("language = \"en\" trailing\n"), None);
        assert_eq!(scan("language = \"en\n"), None, "unterminated");
        assert_eq!(scan("languages = \"en\"\n"), None);
        assert_eq!(scan(""), None);
    }
}

//! `sheetdrop doctor`: the one command support asks a client to run. It checks, in order, the
//! config, the watched folder, the data dir, the state store, the destination and the clock,
//! and says for each whether it is OK and, when not, how to fix it, in the config's language.
//!
//! - `local.rs`: the checks on this computer (folder, data dir, state store, local outbox);
//! - `google.rs`: the Google destination's checks, worded from `publish::google_probe`;
//! - `clock.rs`: whether the system clock is sane (pure decision plus its check);
//! - `render.rs`: the text and JSON outputs.
//!
//! Doctor never takes the agent's lock and opens an existing state store read-only, so it
//! works while an agent runs. It only writes to prove a folder writable (a temp file it
//! removes at once), and creates what the agent would create anyway: the data dir, the
//! outbox and, when there is none yet, the state store.

mod clock;
mod google;
mod local;
mod render;

use crate::agent::{self, DataDir};
use crate::config::{self, Config};
use crate::i18n::{Lang, Text};
use crate::platform::{paths, Env, Mode, Os};
use std::path::{Path, PathBuf};

/// One line of the doctor's output: a check, its verdict, what it found and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Stable English name, for scripts: `config`, `folder`, `data_dir`, `state`,
    /// `destination`, `credentials`, `token`, `spreadsheet`, `drive_folder`, `clock`,
    /// `patterns` (a warning: two entities' file patterns match one name).
    pub name: &'static str,
    /// True when nothing needs doing.
    pub ok: bool,
    /// What was found, in the user's language, on one line.
    pub detail: String,
    /// What to do about a failure, in the user's language; `None` when `ok` (but a warning
    /// has one).
    pub fix: Option<String>,
    /// A warning: `ok` (the doctor does not fail for it), but worth fixing.
    pub warning: bool,
}

impl Check {
    /// A check that passed.
    fn pass(name: &'static str, detail: impl Into<String>) -> Check {
        Check {
            name,
            ok: true,
            detail: one_line(&detail.into()),
            fix: None,
            warning: false,
        }
    }

    /// A check that passed with a warning: worth fixing, not a failure.
    fn warn(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            ok: true,
            detail: one_line(&detail.into()),
            fix: Some(one_line(&fix.into())),
            warning: true,
        }
    }

    /// A check that failed, with what to do about it.
    fn fail(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            ok: false,
            detail: one_line(&detail.into()),
            fix: Some(one_line(&fix.into())),
            warning: false,
        }
    }
}

/// What is printed besides the checks: enough to know which installation answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// sheetdrop's version.
    pub version: &'static str,
    /// The OS and architecture, e.g. `linux x86_64`.
    pub os: String,
    /// The config file used; `None` for the built-in defaults.
    pub config: Option<PathBuf>,
    /// The data dir.
    pub data_dir: PathBuf,
    /// Where the agent writes its logs.
    pub log_dir: PathBuf,
}

/// The doctor's findings, ready to print.
#[derive(Debug, Clone)]
pub struct Doctor {
    /// The language of the details and fixes.
    pub lang: Lang,
    /// Version, OS and paths.
    pub info: Info,
    /// The checks, in the order they ran.
    pub checks: Vec<Check>,
}

impl Doctor {
    /// True when every check passed (`doctor` exits 0).
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

/// The config file given with `--config` does not exist: nothing to check (exit 2, like any
/// usage error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the config file {} (given with --config) does not exist", path.display())]
pub struct ConfigNotFound {
    /// The path given.
    pub path: PathBuf,
}

impl ConfigNotFound {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        lang.format(
            Text::DoctorConfigNotFound,
            &[("path", &self.path.display())],
        )
    }
}

/// Where the config came from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// `--config PATH`.
    Explicit(PathBuf),
    /// The per-user config dir.
    User(PathBuf),
    /// The system-wide config dir.
    System(PathBuf),
    /// No file: the built-in defaults; where a file was looked for.
    Defaults(Vec<PathBuf>),
}

impl Source {
    /// The config file `explicit` names, else the first found where [`Config::load_for`]
    /// looks in `mode`.
    fn find(explicit: Option<&Path>, mode: Mode) -> Result<Source, ConfigNotFound> {
        let env = Env::current();
        let searched = paths::config_search_paths(Os::current(), mode, &env);
        if let Some(path) = explicit {
            if !path.exists() {
                return Err(ConfigNotFound {
                    path: path.to_path_buf(),
                });
            }
            // Absolute, so that support reads where it is (and the paths relative to it).
            let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            // `--system` hands the system-wide file over as if it were given with --config.
            if mode == Mode::System && searched.contains(&path) {
                return Ok(Source::System(path));
            }
            return Ok(Source::Explicit(path));
        }
        let user = env.user_config_dir.map(|dir| dir.join(config::FILE_NAME));
        Ok(match searched.iter().find(|p| p.is_file()) {
            Some(path) if Some(path) == user.as_ref() => Source::User(path.clone()),
            Some(path) => Source::System(path.clone()),
            None => Source::Defaults(searched),
        })
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Source::Explicit(p) | Source::User(p) | Source::System(p) => Some(p),
            Source::Defaults(_) => None,
        }
    }
}

/// Runs every check for the config `explicit_config` (else the one `Config::load_for` finds
/// in `mode`) and the data dir `data_dir` (else the per-user one), with `mode`'s defaults
/// (per-user, or the service's with `--system`). Only a `--config` file that does not exist
/// stops it; any other problem is a failed check, and the checks that do not depend on it
/// still run (without a config that loads, the folder and destination are not checked).
pub fn run(
    explicit_config: Option<&Path>,
    data_dir: Option<&Path>,
    mode: Mode,
) -> Result<Doctor, ConfigNotFound> {
    let source = Source::find(explicit_config, mode)?;
    let loaded = Config::load_for(source.path(), mode).map(|mut config| {
        agent::apply_mode_defaults(&mut config, mode);
        config
    });
    let lang = match &loaded {
        Ok(config) => Lang::from_config(config.language),
        // A config that does not load is still said in its own language.
        Err(_) => source
            .path()
            .and_then(config::language_of)
            .map_or_else(Lang::detect, Lang::from_config),
    };
    let data = DataDir::resolve(data_dir);
    let info = Info {
        version: env!("CARGO_PKG_VERSION"),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        config: source.path().map(Path::to_path_buf),
        data_dir: data.root.clone(),
        log_dir: data.logs(),
    };
    let mut checks = vec![config_check(&source, &loaded, lang)];
    let config = loaded.ok();
    if let Some(config) = &config {
        checks.extend(patterns_checks(config, lang));
        checks.push(local::folder(config, lang));
    }
    checks.push(local::data_dir(&data, lang));
    let (state_check, state) = local::state(&data, lang);
    checks.push(state_check);
    let mut server_time = None;
    if let Some(config) = &config {
        match &config.destination {
            config::Destination::Local { .. } => checks.push(local::outbox(config, lang)),
            config::Destination::Google(settings) => {
                let (google_checks, time) = google::checks(config, settings, state.as_ref(), lang);
                checks.extend(google_checks);
                server_time = time;
            }
        }
    }
    checks.push(clock::check(
        std::time::SystemTime::now(),
        server_time,
        lang,
    ));
    Ok(Doctor { lang, info, checks })
}

/// The config check: which file, and whether it loads (the error names the file and line).
fn config_check(source: &Source, loaded: &Result<Config, config::Error>, lang: Lang) -> Check {
    const NAME: &str = "config";
    match loaded {
        Ok(_) => {
            let detail = match source {
                Source::Explicit(p) => {
                    lang.format(Text::DoctorConfigExplicit, &[("path", &p.display())])
                }
                Source::User(p) => lang.format(Text::DoctorConfigUser, &[("path", &p.display())]),
                Source::System(p) => {
                    lang.format(Text::DoctorConfigSystem, &[("path", &p.display())])
                }
                Source::Defaults(looked) => {
                    let paths: Vec<_> = looked.iter().map(|p| p.display().to_string()).collect();
                    lang.format(Text::DoctorConfigDefaults, &[("paths", &paths.join(", "))])
                }
            };
            Check::pass(NAME, detail)
        }
        Err(e) => {
            let path = source
                .path()
                .map_or_else(|| config::FILE_NAME.into(), |p| p.display().to_string());
            let fix = match e {
                config::Error::Read { .. } => Text::DoctorConfigUnreadableFix,
                _ => Text::DoctorConfigFix,
            };
            Check::fail(NAME, e.message(lang), lang.format(fix, &[("path", &path)]))
        }
    }
}

/// One warning per pair of entities whose file patterns can match one name (none when they
/// cannot): the file goes to the more specific pattern, or, on a tie, to neither.
fn patterns_checks(config: &Config, lang: Lang) -> Vec<Check> {
    let fix = lang.format(Text::DoctorPatternsFix, &[("config", &config_name(config))]);
    config
        .catalog
        .overlaps()
        .iter()
        .map(|o| Check::warn("patterns", o.message().render(lang), fix.clone()))
        .collect()
}

/// The config file as named in fixes: its path, else `sheetdrop.toml`.
fn config_name(config: &Config) -> String {
    config
        .path
        .as_deref()
        .map_or_else(|| config::FILE_NAME.into(), |p| p.display().to_string())
}

/// `text` on one line: a parser's source snippet (`  |`, `4 | bogus = 1`, `  | ^^^`) is left
/// out, the remaining lines are joined with ": ", and control characters are escaped.
fn one_line(text: &str) -> String {
    let is_snippet = |line: &str| {
        let rest = line
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        rest.trim_start().starts_with('|')
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !is_snippet(line))
        .collect();
    crate::report::printable(&lines.join(": ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_error_becomes_one_line_with_its_file_and_line() {
        let text = "/etc/sheetdrop.toml: TOML parse error at line 4, column 1\n  |\n4 | bogus = 1\n  | ^^^^^\nunknown field `bogus`, expected `folder`\n";
        assert_eq!(
            one_line(text),
            "/etc/sheetdrop.toml: TOML parse error at line 4, column 1: unknown field `bogus`, expected `folder`"
        );
        assert_eq!(one_line("a\tb"), "a\\tb", "control characters are escaped");
        assert_eq!(
            one_line("12 items | ok"),
            "12 items | ok",
            "a pipe inside a line stays"
        );
    }

    #[test]
    fn a_missing_explicit_config_stops_the_doctor_and_a_broken_one_is_a_failed_check() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let err = run(Some(&missing), Some(&dir.path().join("data")), Mode::User).unwrap_err();
        assert_eq!(err.path, missing);
        assert!(err.message(Lang::En).contains("nope.toml"));

        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "language = \"en\"\n[source]\nbogus = 1\n").unwrap();
        let doctor = run(Some(&bad), Some(&dir.path().join("data")), Mode::User).unwrap();
        assert!(!doctor.ok());
        let config = &doctor.checks[0];
        assert_eq!((config.name, config.ok), ("config", false));
        assert!(config.detail.contains("bad.toml"), "{config:?}");
        // In the locale's language: the config did not load.
        assert!(
            ["line 3", "línea 3", "linha 3"]
                .iter()
                .any(|l| config.detail.contains(l)),
            "{config:?}"
        );
        assert!(
            config.fix.as_deref().unwrap().contains("bad.toml"),
            "{config:?}"
        );
        let names: Vec<_> = doctor.checks.iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            ["config", "data_dir", "state", "clock"],
            "what can be checked still is"
        );
    }

    #[test]
    fn overlapping_patterns_are_a_warning_not_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheetdrop.toml");
        std::fs::write(
            &path,
            "language = \"en\"\n[source]\nfolder = \".\"\n\
             [[entity]]\nname = \"ventas\"\nfile = \"ventas*.csv\"\n\
             [[entity]]\nname = \"pagos\"\nfile = \"ventas_pagos*.csv\"\n",
        )
        .unwrap();
        let doctor = run(Some(&path), Some(&dir.path().join("data")), Mode::User).unwrap();
        let check = doctor.checks.iter().find(|c| c.name == "patterns").unwrap();
        assert!(check.ok && check.warning, "{check:?}");
        assert!(check.detail.contains("ventas_pagos*.csv"), "{check:?}");
        assert!(doctor.ok(), "a warning does not fail the doctor");
        assert!(
            doctor.to_text().contains("WARN file patterns:"),
            "{}",
            doctor.to_text()
        );
        assert!(doctor.to_json().contains("\"warning\":true"));
    }
}

//! `sheetdrop service install|uninstall|status|run`: sheetdrop as the OS's service, started
//! at boot without anybody logged in, with the system-wide config and data dir.
//!
//! One file per service manager — systemd (`linux.rs`), launchd (`macos.rs`), the Windows
//! service control manager (`windows.rs`) — each installs, removes and queries the service
//! under a [`Host`] whose root, binary and manager command tests replace. This file holds what
//! they share: the outcomes and their exit codes, the sample config, and the dispatch;
//! `error.rs` says why a command failed, `text.rs` turns outcomes into the CLI's text, both
//! in the user's language.
//!
//! Exit codes (docs/contract.md §4): install and uninstall 0 done, 1 not done (no rights, the manager
//! failed: the message says what to run); status 0 running, 3 installed but not running,
//! 4 not installed.

// systemd and launchd are driven through their commands only, so both compile (and are
// tested) on every Unix; only the current OS's is used outside tests.
mod error;
#[cfg(any(target_os = "linux", all(test, unix)))]
mod linux;
#[cfg(any(target_os = "macos", all(test, unix)))]
mod macos;
mod text;
#[cfg(windows)]
mod windows;

#[cfg(target_os = "linux")]
use linux as imp;
#[cfg(target_os = "macos")]
use macos as imp;
#[cfg(windows)]
use windows as imp;

/// The other OSes (the BSDs, ...): no service manager sheetdrop knows.
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
mod imp {
    use super::{Error, Host, Installed, State, Uninstalled};
    pub(super) fn install(_: &Host) -> Result<Installed, Error> {
        Err(Error::Unsupported)
    }
    pub(super) fn uninstall(_: &Host) -> Result<Uninstalled, Error> {
        Err(Error::Unsupported)
    }
    pub(super) fn status(_: &Host) -> Result<State, Error> {
        Err(Error::Unsupported)
    }
}

pub use error::{Error, Request, Step};

use crate::i18n::{Lang, Message};
use std::io;
use std::path::{Path, PathBuf};

/// The sample config `install` copies when there is none: every key, commented, with its
/// default; as it is, it is the built-in defaults.
pub const SAMPLE_CONFIG: &str = include_str!("../../../installer/linux/sheetdrop.toml");

/// The service's name for the service manager.
pub const NAME: &str = "sheetdrop";

/// What the service is installed on: the file system root, the binary it runs, the service
/// manager's command. [`Host::current`] is the real one; tests install into a temp root with
/// a fake manager.
#[derive(Debug, Clone)]
pub struct Host {
    /// Prefix of every system path: `/` for real, a temp dir in tests (Unix; Windows's
    /// service control manager has no files to redirect and ignores it).
    pub root: PathBuf,
    /// The binary the service runs (`<binary> service run`).
    pub exe: PathBuf,
    /// The service manager's command: `systemctl`, `launchctl` (unused on Windows).
    pub manager: PathBuf,
}

impl Host {
    /// This machine, this binary, the OS's service manager.
    pub fn current() -> Result<Host, Error> {
        let exe = std::env::current_exe().map_err(|source| Error::Io {
            step: Step::FindBinary,
            path: PathBuf::from("sheetdrop"),
            source,
        })?;
        let manager = if cfg!(target_os = "macos") {
            "launchctl"
        } else {
            "systemctl"
        };
        Ok(Host {
            root: PathBuf::from("/"),
            exe,
            manager: PathBuf::from(manager),
        })
    }

    /// `path` (absolute) under this host's root.
    pub fn path(&self, path: &Path) -> PathBuf {
        self.root.join(path.strip_prefix("/").unwrap_or(path))
    }

    /// True when this host is the real machine (not a test's temp root).
    #[cfg(unix)]
    fn is_real(&self) -> bool {
        self.root == Path::new("/")
    }

    /// Runs the service manager (`systemctl`, `launchctl`) with `args`: its output, whatever
    /// its exit status, or why it could not be run at all.
    #[cfg(unix)]
    fn run_manager(&self, args: &[&str]) -> Result<std::process::Output, Message> {
        std::process::Command::new(&self.manager)
            .args(args)
            .output()
            .map_err(|e| error::manager_not_run(&self.manager.display().to_string(), &e))
    }

    /// Runs the service manager, named `name` in what is said, with `args`: its stdout when
    /// it succeeded, else why it failed (its stderr, its exit code, or that it is missing).
    #[cfg(unix)]
    fn manager_stdout(&self, name: &str, args: &[&str]) -> Result<String, Message> {
        let output = self.run_manager(args)?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            let command = format!("{name} {}", args.join(" "));
            Err(error::manager_exited(
                &command,
                output.status,
                &output.stderr,
            ))
        }
    }
}

/// A step the service manager did not carry out, and the command to carry it out by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotDone {
    /// The manager's command, as people know it (`systemctl`, `launchctl`, `sc`).
    pub manager: String,
    /// Why: its own words, or that it is missing or failed without a word.
    pub reason: Message,
    /// What to run instead, exactly.
    pub command: String,
}

/// What `install` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The service's definition: the unit file, the plist, the Windows service's name.
    pub definition: String,
    /// True when a definition was already there (a package's unit, the MSI's service) and
    /// was used rather than writing one.
    pub packaged: bool,
    /// The config file the service uses.
    pub config: PathBuf,
    /// True when the sample config was copied there (there was none).
    pub config_created: bool,
    /// The service's data dir.
    pub data_dir: PathBuf,
    /// Enabled at boot and started, or what was not done.
    pub started: Result<(), NotDone>,
}

/// What `uninstall` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uninstalled {
    /// The definition that was removed (or, packaged, disabled); `None`: nothing installed.
    pub definition: Option<String>,
    /// True when the definition belongs to a package: disabled, left for the package manager.
    pub packaged: bool,
    /// The config file, kept.
    pub config: PathBuf,
    /// The data dir, kept.
    pub data_dir: PathBuf,
    /// Stopped and disabled, or what was not done.
    pub stopped: Result<(), NotDone>,
}

impl Uninstalled {
    /// Nothing was installed: nothing removed, nothing to stop; its config and data stay.
    pub(crate) fn nothing(config: PathBuf, data_dir: PathBuf) -> Uninstalled {
        Uninstalled {
            definition: None,
            packaged: false,
            config,
            data_dir,
            stopped: Ok(()),
        }
    }
}

/// What `status` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The service's definition; `None` when it is not installed.
    pub definition: Option<String>,
    /// Starts at boot; `None` when the manager could not say.
    pub enabled: Option<bool>,
    /// Running now; `None` when the manager could not say.
    pub running: Option<bool>,
    /// Why the manager could not say: its own words, or that it is missing.
    pub detail: Option<Message>,
    /// The config file the service uses.
    pub config: PathBuf,
    /// The service's data dir.
    pub data_dir: PathBuf,
}

impl State {
    /// Not installed: nothing to say but where its config and data would be.
    pub(crate) fn not_installed(config: PathBuf, data_dir: PathBuf) -> State {
        State {
            definition: None,
            enabled: None,
            running: None,
            detail: None,
            config,
            data_dir,
        }
    }

    /// 0 running, 3 installed but not running (or not known to run), 4 not installed.
    pub fn exit_code(&self) -> u8 {
        match (&self.definition, self.running) {
            (None, _) => 4,
            (Some(_), Some(true)) => 0,
            (Some(_), _) => 3,
        }
    }
}

/// A `service` subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Install, enable at boot and start.
    Install,
    /// Stop, disable and remove; keep the config and data.
    Uninstall,
    /// Installed? Enabled? Running? Where are its config and data?
    Status,
}

/// What a `service` subcommand prints and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// For stdout.
    pub stdout: String,
    /// For stderr.
    pub stderr: String,
    /// The exit code (module doc).
    pub code: u8,
}

/// Carries out `action` on `host` and says what happened, in `lang`.
pub fn perform(action: Action, host: &Host, lang: Lang) -> Outcome {
    let result = match action {
        Action::Install => imp::install(host).map(|done| text::installed(&done, lang)),
        Action::Uninstall => imp::uninstall(host).map(|done| text::uninstalled(&done, lang)),
        Action::Status => imp::status(host).map(|state| text::state(&state, lang)),
    };
    result.unwrap_or_else(|e| text::error(&e, action, lang))
}

/// What `install` says before it starts when the command line named a config or data dir
/// (`--config`, `--data-dir`) other than the service's: the service always uses the
/// system-wide ones, so a user who expected theirs to be used learns it now, not from a
/// service that watches the wrong folder. Empty when there is nothing to say.
pub fn not_used(host: &Host, config: Option<&Path>, data_dir: Option<&Path>, lang: Lang) -> String {
    let (service_config, service_data) = system_paths(host, super::Os::current());
    text::not_used(
        [
            (config, service_config.as_path()),
            (data_dir, service_data.as_path()),
        ],
        lang,
    )
}

/// Runs the agent as the OS's service. Under systemd and launchd a service is an ordinary
/// foreground process stopped by SIGTERM, so this is `body` with a flag set by the signals;
/// Windows has its own (see `windows.rs`). `body`'s error is returned as it is.
#[cfg(not(windows))]
pub fn run_service(body: ServiceBody, lang: Lang) -> Result<(), String> {
    run_foreground(body, lang)
}

/// `body` as an ordinary foreground process, with a flag set by Ctrl-C and the signals.
fn run_foreground(body: ServiceBody, lang: Lang) -> Result<(), String> {
    let stop = super::stop_on_signals().map_err(|e| {
        Message::new(crate::i18n::Text::CliStopHandler)
            .with("error", e)
            .render(lang)
    })?;
    body(stop)
}

#[cfg(windows)]
pub use windows::run_service;

/// The agent as a service: runs until the flag is set, then returns (an error as its text).
pub type ServiceBody =
    Box<dyn FnOnce(std::sync::Arc<std::sync::atomic::AtomicBool>) -> Result<(), String> + Send>;

/// Copies [`SAMPLE_CONFIG`] to `path` unless a file is there; true when copied.
fn install_config(path: &Path) -> Result<bool, Error> {
    if path.exists() {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        create_dir(dir, Step::CreateConfigFolder)?;
    }
    crate::snapshot::write_atomic(path, SAMPLE_CONFIG.as_bytes())
        .map_err(io_error(Step::WriteConfig, path))?;
    Ok(true)
}

/// Creates `dir` and its parents (`step` says which folder it is).
fn create_dir(dir: &Path, step: Step) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(io_error(step, dir))
}

/// Creates the system-wide data dir (and its parents) its owner's only: 0700 on Unix; on
/// Windows an ACL of its own for SYSTEM, Administrators and the installing user
/// (`platform::perms`; the agent repairs an older data dir's modes when it starts).
fn create_data_dir(dir: &Path) -> Result<(), Error> {
    use crate::platform::perms;
    let step = Step::CreateDataDir;
    perms::create_private_dir_all(dir).map_err(io_error(step, dir))?;
    let user = perms::current_windows_user();
    perms::restrict_system_dir(dir, user.as_deref()).map_err(io_error(step, dir))
}

/// An I/O error of `step` on `path`; a permission error means the user lacks the rights.
fn io_error(step: Step, path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| {
        if source.kind() == io::ErrorKind::PermissionDenied {
            Error::NeedsAdmin
        } else {
            Error::Io {
                step,
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

/// The config file and data dir of the service on `host` (`os`'s system-wide places).
fn system_paths(host: &Host, os: super::Os) -> (PathBuf, PathBuf) {
    use super::paths;
    let env = super::Env::current();
    let config = paths::system_config_dir(os, &env).join(paths::CONFIG_FILE);
    let data = paths::data_dir_for(os, super::Mode::System, &env);
    if os == super::Os::Windows {
        (config, data)
    } else {
        (host.path(&config), host.path(&data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_says_when_the_named_config_or_data_dir_is_not_the_services() {
        let root = tempfile::tempdir().unwrap();
        let host = Host {
            root: root.path().to_path_buf(),
            exe: PathBuf::from("/usr/bin/sheetdrop"),
            manager: PathBuf::from("systemctl"),
        };
        let (config, data) = system_paths(&host, super::super::Os::current());
        let mine = root.path().join("mine.toml");
        let my_data = root.path().join("my-data");
        // Nothing named, or the service's own: nothing to say.
        assert_eq!(not_used(&host, None, None, Lang::En), "");
        assert_eq!(not_used(&host, Some(&config), Some(&data), Lang::En), "");
        let said = not_used(&host, Some(&mine), Some(&my_data), Lang::En);
        assert_eq!(
            said,
            format!(
                "note: the service does not use {}: it always reads {} (copy your config there)\n\
                 note: the service does not use {}: it always keeps its data in {}\n",
                mine.display(),
                config.display(),
                my_data.display(),
                data.display()
            )
        );
        // The service's config named another way (through `..`) is still the service's.
        std::fs::create_dir_all(config.parent().unwrap()).unwrap();
        std::fs::write(&config, "").unwrap();
        let roundabout = config
            .parent()
            .unwrap()
            .join("..")
            .join(config.parent().unwrap().file_name().unwrap())
            .join(config.file_name().unwrap());
        assert_eq!(not_used(&host, Some(&roundabout), None, Lang::En), "");
        assert!(
            not_used(&host, Some(&mine), None, Lang::Es).starts_with("aviso: el servicio no usa ")
        );
    }

    #[test]
    fn the_sample_config_is_the_defaults() {
        let config =
            crate::config::Config::from_toml(SAMPLE_CONFIG, Path::new("/etc/sheetdrop/x.toml"))
                .unwrap();
        let defaults = crate::config::Config::default();
        assert_eq!(config.language, defaults.language);
        assert_eq!(config.source, defaults.source);
        assert_eq!(config.policy, defaults.policy);
        assert_eq!(config.destination, defaults.destination);
        let names = |c: &crate::config::Config| -> Vec<String> {
            c.catalog
                .entities()
                .iter()
                .map(|e| e.name.clone())
                .collect()
        };
        assert_eq!(names(&config), names(&defaults));
    }

    #[test]
    fn the_sample_config_names_every_key_of_the_contract() {
        for key in [
            "language",
            "[source]",
            "folder",
            "settle_seconds",
            "rescan_seconds",
            "follow_symlinks",
            "[policy]",
            "on_error",
            "max_invalid_rows",
            "shrink_guard",
            "max_record_bytes",
            "[destination]",
            "kind",
            "[destination.google]",
            "credentials",
            "spreadsheet_id",
            "drive_folder_id",
            "share_with",
            "writes_per_minute",
            "endpoint",
            "client_secret",
            "catalog",
            "[[entity]]",
            "name",
            "file",
            "id",
            "encoding",
            "delimiter",
            "refs",
            "column",
            "required",
        ] {
            let written = if key.starts_with('[') {
                key.to_string()
            } else {
                format!("{key} = ")
            };
            assert!(
                SAMPLE_CONFIG.contains(&written),
                "{key} is not in the sample config"
            );
        }
        // Every value line is commented out.
        for line in SAMPLE_CONFIG.lines().filter(|l| l.contains('=')) {
            assert!(line.starts_with('#'), "not commented: {line}");
        }
    }

    #[test]
    fn exit_codes_of_status() {
        let state = |definition: Option<&str>, running| State {
            definition: definition.map(String::from),
            enabled: Some(true),
            running,
            detail: None,
            config: PathBuf::new(),
            data_dir: PathBuf::new(),
        };
        assert_eq!(state(None, None).exit_code(), 4);
        assert_eq!(state(Some("u"), Some(true)).exit_code(), 0);
        assert_eq!(state(Some("u"), Some(false)).exit_code(), 3);
        assert_eq!(state(Some("u"), None).exit_code(), 3);
    }

    #[test]
    fn install_config_keeps_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("etc/sheetdrop/sheetdrop.toml");
        assert!(install_config(&path).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), SAMPLE_CONFIG);
        std::fs::write(&path, "language = \"en\"\n").unwrap();
        assert!(!install_config(&path).unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "language = \"en\"\n"
        );
    }
}

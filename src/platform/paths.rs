//! Where sheetdrop keeps its config and data, per OS and per mode (per-user or system-wide),
//! as pure functions of ([`Os`], [`Mode`], [`Env`]): the real call passes the current OS and
//! environment, tests pass any, so the Windows and macOS choices are checked on Linux too.
//!
//! | | config (system) | data dir (system) | watched folder (system) |
//! |---|---|---|---|
//! | Linux | `/etc/sheetdrop` | `/var/lib/sheetdrop` | `/var/lib/sheetdrop/exportaciones` |
//! | Windows | `%ProgramData%\sheetdrop` | `%ProgramData%\sheetdrop\data` | `%ProgramData%\sheetdrop\exportaciones` |
//! | macOS | `/Library/Application Support/sheetdrop` | `…/sheetdrop/data` | `…/sheetdrop/exportaciones` |
//!
//! Per-user, the config and data dirs are the `directories` crate's (e.g.
//! `~/.config/sheetdrop`, `~/.local/share/sheetdrop`) and the watched folder is
//! `Documents/sheetdrop/exportaciones`, as before the system mode existed.

use std::path::{Path, PathBuf};

/// The name of the config file in each folder where it is looked for.
pub const CONFIG_FILE: &str = "sheetdrop.toml";

/// The operating systems whose conventions sheetdrop follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Linux, and the other Unix-likes that follow the same file system layout (FHS).
    Linux,
    /// Windows.
    Windows,
    /// macOS.
    MacOs,
}

impl Os {
    /// The OS this binary was built for.
    pub fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }
}

/// Whose locations: the logged-in user's, or the machine's (a service, `--system`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The per-user config and data dirs (the default).
    #[default]
    User,
    /// The system-wide ones, used by the service and by `--system`.
    System,
}

/// The environment values the path choices depend on; [`Env::current`] reads them, tests
/// build their own. The per-user directories are resolved by the `directories` crate (on
/// Windows through the shell's known folders, not environment variables).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `%ProgramData%` (Windows); `C:\ProgramData` when unset.
    pub program_data: Option<PathBuf>,
    /// sheetdrop's per-user config directory.
    pub user_config_dir: Option<PathBuf>,
    /// sheetdrop's per-user (local) data directory.
    pub user_data_dir: Option<PathBuf>,
    /// The user's documents folder.
    pub documents_dir: Option<PathBuf>,
    /// The user's home directory.
    pub home_dir: Option<PathBuf>,
}

impl Env {
    /// The values of this process's environment.
    pub fn current() -> Env {
        let project = directories::ProjectDirs::from("", "", "sheetdrop");
        let user = directories::UserDirs::new();
        Env {
            program_data: std::env::var_os("ProgramData").map(PathBuf::from),
            user_config_dir: project.as_ref().map(|d| d.config_dir().to_path_buf()),
            user_data_dir: project.as_ref().map(|d| d.data_local_dir().to_path_buf()),
            documents_dir: user
                .as_ref()
                .and_then(|u| u.document_dir().map(Path::to_path_buf)),
            home_dir: user.as_ref().map(|u| u.home_dir().to_path_buf()),
        }
    }
}

/// The name of sheetdrop's directory in the system-wide places.
const NAME: &str = "sheetdrop";

/// The system-wide directory that holds `sheetdrop.toml` (and, on Windows and macOS, the
/// data dir and the default folders): `/etc/sheetdrop`, `%ProgramData%\sheetdrop`,
/// `/Library/Application Support/sheetdrop`.
pub fn system_config_dir(os: Os, env: &Env) -> PathBuf {
    match os {
        Os::Linux => PathBuf::from("/etc").join(NAME),
        Os::Windows => join(os, &program_data(env), &[NAME]),
        Os::MacOs => PathBuf::from("/Library/Application Support").join(NAME),
    }
}

/// Where a config file is looked for when `--config` is not given, in order: per-user, the
/// per-user config dir then the system-wide one; system-wide, only the latter. macOS also
/// looks in `/etc/sheetdrop`, where it was looked for before it had a place of its own.
pub fn config_search_paths(os: Os, mode: Mode, env: &Env) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if mode == Mode::User {
        paths.extend(env.user_config_dir.iter().map(|d| d.join(CONFIG_FILE)));
    }
    paths.push(join(os, &system_config_dir(os, env), &[CONFIG_FILE]));
    if os == Os::MacOs {
        paths.push(system_config_dir(Os::Linux, env).join(CONFIG_FILE));
    }
    paths
}

/// The data directory (state, spool, logs, report) when `--data-dir` is not given: per-user,
/// the `directories` crate's local data dir (else `./sheetdrop-data`); system-wide,
/// `/var/lib/sheetdrop`, `%ProgramData%\sheetdrop\data`,
/// `/Library/Application Support/sheetdrop/data`.
pub fn data_dir_for(os: Os, mode: Mode, env: &Env) -> PathBuf {
    match (mode, os) {
        (Mode::User, _) => env
            .user_data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("sheetdrop-data")),
        (Mode::System, Os::Linux) => PathBuf::from("/var/lib").join(NAME),
        (Mode::System, Os::Windows | Os::MacOs) => join(os, &system_config_dir(os, env), &["data"]),
    }
}

/// The watched folder when the config has no `[source] folder`. Per-user:
/// `Documents/sheetdrop/exportaciones` (the home directory's, else the current directory's,
/// when there is no documents folder). System-wide it must not be anybody's home: an
/// `exportaciones` folder in sheetdrop's system-wide place — `/var/lib/sheetdrop/exportaciones`
/// (beside the state in the data dir, which the service may write under systemd's
/// `ProtectSystem`), `%ProgramData%\sheetdrop\exportaciones`,
/// `/Library/Application Support/sheetdrop/exportaciones`. The local destination's default,
/// an `outbox` beside the watched folder, follows it.
pub fn default_watched_folder(os: Os, mode: Mode, env: &Env) -> PathBuf {
    let base = match (mode, os) {
        (Mode::User, _) => {
            let documents = env.documents_dir.clone().or(env.home_dir.clone());
            return documents
                .unwrap_or_else(|| PathBuf::from("."))
                .join(NAME)
                .join(DEFAULT_FOLDER);
        }
        (Mode::System, Os::Linux) => data_dir_for(os, mode, env),
        (Mode::System, Os::Windows | Os::MacOs) => system_config_dir(os, env),
    };
    join(os, &base, &[DEFAULT_FOLDER])
}

/// The name of the default watched folder.
const DEFAULT_FOLDER: &str = "exportaciones";

/// `%ProgramData%`, else its usual value.
fn program_data(env: &Env) -> PathBuf {
    env.program_data
        .clone()
        .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"))
}

/// `base` joined with `parts` with `os`'s separator, so that Windows paths come out right
/// when computed on another OS (in tests); on the OS itself it is `Path::join`.
fn join(os: Os, base: &Path, parts: &[&str]) -> PathBuf {
    if os == Os::Windows && !cfg!(windows) {
        let mut text = base.to_string_lossy().trim_end_matches('\\').to_string();
        for part in parts {
            text.push('\\');
            text.push_str(part);
        }
        PathBuf::from(text)
    } else {
        parts
            .iter()
            .fold(base.to_path_buf(), |path, part| path.join(part))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_env() -> Env {
        Env {
            program_data: Some(PathBuf::from(r"D:\Datos")),
            user_config_dir: Some(PathBuf::from("/home/ana/.config/sheetdrop")),
            user_data_dir: Some(PathBuf::from("/home/ana/.local/share/sheetdrop")),
            documents_dir: Some(PathBuf::from("/home/ana/Documentos")),
            home_dir: Some(PathBuf::from("/home/ana")),
        }
    }

    fn p(text: &str) -> PathBuf {
        PathBuf::from(text)
    }

    #[test]
    fn system_paths_on_linux() {
        let env = user_env();
        assert_eq!(system_config_dir(Os::Linux, &env), p("/etc/sheetdrop"));
        assert_eq!(
            config_search_paths(Os::Linux, Mode::System, &env),
            [p("/etc/sheetdrop/sheetdrop.toml")]
        );
        assert_eq!(
            data_dir_for(Os::Linux, Mode::System, &env),
            p("/var/lib/sheetdrop")
        );
        assert_eq!(
            default_watched_folder(Os::Linux, Mode::System, &env),
            p("/var/lib/sheetdrop/exportaciones")
        );
    }

    #[test]
    fn system_paths_on_windows_follow_program_data() {
        let env = user_env();
        assert_eq!(
            system_config_dir(Os::Windows, &env),
            p(r"D:\Datos\sheetdrop")
        );
        assert_eq!(
            config_search_paths(Os::Windows, Mode::System, &env),
            [p(r"D:\Datos\sheetdrop\sheetdrop.toml")]
        );
        assert_eq!(
            data_dir_for(Os::Windows, Mode::System, &env),
            p(r"D:\Datos\sheetdrop\data")
        );
        assert_eq!(
            default_watched_folder(Os::Windows, Mode::System, &env),
            p(r"D:\Datos\sheetdrop\exportaciones")
        );
        // Unset (or with a trailing separator): the usual place.
        let bare = Env::default();
        assert_eq!(
            data_dir_for(Os::Windows, Mode::System, &bare),
            p(r"C:\ProgramData\sheetdrop\data")
        );
        let trailing = Env {
            program_data: Some(p(r"C:\ProgramData\")),
            ..Env::default()
        };
        assert_eq!(
            system_config_dir(Os::Windows, &trailing),
            p(r"C:\ProgramData\sheetdrop")
        );
    }

    #[test]
    fn system_paths_on_macos() {
        let env = user_env();
        let base = "/Library/Application Support/sheetdrop";
        assert_eq!(system_config_dir(Os::MacOs, &env), p(base));
        assert_eq!(
            config_search_paths(Os::MacOs, Mode::System, &env),
            [
                p(&format!("{base}/sheetdrop.toml")),
                p("/etc/sheetdrop/sheetdrop.toml")
            ]
        );
        assert_eq!(
            data_dir_for(Os::MacOs, Mode::System, &env),
            p(&format!("{base}/data"))
        );
        assert_eq!(
            default_watched_folder(Os::MacOs, Mode::System, &env),
            p(&format!("{base}/exportaciones"))
        );
    }

    #[test]
    fn per_user_paths_are_the_users_on_every_os() {
        let env = user_env();
        for os in [Os::Linux, Os::Windows, Os::MacOs] {
            let search = config_search_paths(os, Mode::User, &env);
            assert_eq!(search[0], p("/home/ana/.config/sheetdrop/sheetdrop.toml"));
            // The system-wide file comes after the user's.
            assert_eq!(search[1], config_search_paths(os, Mode::System, &env)[0]);
            assert_eq!(
                data_dir_for(os, Mode::User, &env),
                p("/home/ana/.local/share/sheetdrop")
            );
            assert_eq!(
                default_watched_folder(os, Mode::User, &env),
                p("/home/ana/Documentos/sheetdrop/exportaciones")
            );
        }
    }

    #[test]
    fn per_user_fallbacks_without_user_directories() {
        let home_only = Env {
            home_dir: Some(p("/home/ana")),
            ..Env::default()
        };
        assert_eq!(
            default_watched_folder(Os::Linux, Mode::User, &home_only),
            p("/home/ana/sheetdrop/exportaciones")
        );
        let none = Env::default();
        assert_eq!(
            default_watched_folder(Os::Linux, Mode::User, &none),
            p("./sheetdrop/exportaciones")
        );
        assert_eq!(
            data_dir_for(Os::Linux, Mode::User, &none),
            p("sheetdrop-data")
        );
        assert_eq!(
            config_search_paths(Os::Linux, Mode::User, &none),
            [p("/etc/sheetdrop/sheetdrop.toml")]
        );
    }

    #[test]
    fn a_system_watched_folder_is_never_in_a_home() {
        let env = user_env();
        for os in [Os::Linux, Os::Windows, Os::MacOs] {
            let folder = default_watched_folder(os, Mode::System, &env);
            assert!(!folder.starts_with("/home/ana"), "{os:?}: {folder:?}");
            assert!(
                !folder.to_string_lossy().contains("Users"),
                "{os:?}: {folder:?}"
            );
        }
    }
}

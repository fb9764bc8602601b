//! Where the agent keeps its things, and where it watches and publishes by default (the
//! per-OS choices are `platform::paths`'s).

use crate::config::{Config, Destination};
use crate::platform::{paths, perms, Env, Mode, Os};
use std::path::{Path, PathBuf};

/// The data directory's layout: state store, spool, logs and the HTML report.
#[derive(Debug, Clone)]
pub struct DataDir {
    /// The directory itself.
    pub root: PathBuf,
}

impl DataDir {
    /// `explicit` (`--data-dir`), else the per-user data dir (e.g. `~/.local/share/sheetdrop`,
    /// `%LOCALAPPDATA%\sheetdrop\data`), else `./sheetdrop-data`.
    pub fn resolve(explicit: Option<&Path>) -> DataDir {
        DataDir::resolve_for(explicit, Mode::User)
    }

    /// `explicit` (`--data-dir`, which wins), else `mode`'s data dir: per-user as
    /// [`DataDir::resolve`], system-wide `/var/lib/sheetdrop`, `%ProgramData%\sheetdrop\data`,
    /// `/Library/Application Support/sheetdrop/data`.
    pub fn resolve_for(explicit: Option<&Path>, mode: Mode) -> DataDir {
        let root = match explicit {
            Some(path) => path.to_path_buf(),
            None => paths::data_dir_for(Os::current(), mode, &Env::current()),
        };
        DataDir { root }
    }

    /// The SQLite state store.
    pub fn state_db(&self) -> PathBuf {
        self.root.join("state.sqlite")
    }

    /// Where settled files are copied before they are read.
    pub fn spool(&self) -> PathBuf {
        self.root.join("spool")
    }

    /// Where the rotating log files go.
    pub fn logs(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// The HTML report (written from issue 5 on).
    pub fn report_html(&self) -> PathBuf {
        self.root.join("report.html")
    }

    /// Where its things are, as the status shows them to people and support scripts
    /// (`status --json`, the tray, the HTML report).
    pub fn status_paths(&self) -> crate::status::Paths {
        crate::status::Paths {
            data_dir: self.root.clone(),
            report: self.report_html(),
            log: self.logs(),
        }
    }

    /// Creates the data dir if needed and makes it and everything in it readable by its
    /// owner only (Unix: 0700 / 0600, repairing what an older version left open; symlinks are
    /// not followed). The watched folder and the local outbox of `config`, when they lie
    /// inside (the system-wide defaults do), are the users' and keep their modes. On Windows
    /// the system-wide data dir gets (again) an ACL of its own: SYSTEM and Administrators,
    /// besides the user `service install` granted it to. See `platform::perms`.
    pub fn make_private(&self, config: &Config) -> perms::Repair {
        let keep = [watched_folder(config), local_outbox(config)];
        let mut repair = perms::make_private(&self.root, &keep);
        let system = paths::data_dir_for(Os::current(), Mode::System, &Env::current());
        if cfg!(windows) && self.root == system {
            if let Err(e) = perms::restrict_system_dir(&self.root, None) {
                repair.failed.push((self.root.clone(), e));
            }
        }
        repair
    }
}

/// The folder to watch: `[source] folder`, else `Documents/sheetdrop/exportaciones` (see
/// [`apply_mode_defaults`] for the system-wide default).
pub fn watched_folder(config: &Config) -> PathBuf {
    config.source.folder.clone().unwrap_or_else(|| {
        paths::default_watched_folder(Os::current(), Mode::User, &Env::current())
    })
}

/// Gives a config without `[source] folder` `mode`'s default watched folder. Per-user that
/// is [`watched_folder`]'s; system-wide (the service, `--system`) it is nobody's home
/// directory: `/var/lib/sheetdrop/exportaciones`, `%ProgramData%\sheetdrop\exportaciones`,
/// `/Library/Application Support/sheetdrop/exportaciones` — and the local destination's
/// default, an `outbox` beside it, follows.
pub fn apply_mode_defaults(config: &mut Config, mode: Mode) {
    if mode == Mode::System && config.source.folder.is_none() {
        let folder = paths::default_watched_folder(Os::current(), mode, &Env::current());
        config.source.folder = Some(folder);
    }
}

/// The local destination's folder: `[destination] folder`, else an `outbox` beside the
/// watched folder.
pub fn local_outbox(config: &Config) -> PathBuf {
    match &config.destination {
        Destination::Local {
            folder: Some(folder),
        } => folder.clone(),
        _ => {
            let watched = watched_folder(config);
            watched
                .parent()
                .map(|p| p.join("outbox"))
                .unwrap_or_else(|| PathBuf::from("outbox"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_data_dir_wins_and_lays_out_its_files() {
        let d = DataDir::resolve(Some(Path::new("/tmp/x")));
        assert_eq!(d.state_db(), Path::new("/tmp/x/state.sqlite"));
        assert_eq!(d.spool(), Path::new("/tmp/x/spool"));
        let paths = d.status_paths();
        assert_eq!(paths.data_dir, Path::new("/tmp/x"));
        assert_eq!(paths.report, Path::new("/tmp/x/report.html"));
        assert_eq!(paths.log, Path::new("/tmp/x/logs"));
    }

    #[test]
    fn the_outbox_defaults_beside_the_watched_folder() {
        let text = "[source]\nfolder = \"exports\"\n";
        let config = Config::from_toml(text, Path::new("/srv/cfg/sheetdrop.toml")).unwrap();
        assert_eq!(watched_folder(&config), Path::new("/srv/cfg/exports"));
        assert_eq!(local_outbox(&config), Path::new("/srv/cfg/outbox"));
        let text = "[destination]\nfolder = \"/data/out\"\n";
        let config = Config::from_toml(text, Path::new("/srv/cfg/sheetdrop.toml")).unwrap();
        assert_eq!(local_outbox(&config), Path::new("/data/out"));
    }

    #[test]
    fn system_mode_watches_a_system_folder_unless_the_config_names_one() {
        let mut config = Config::default();
        apply_mode_defaults(&mut config, Mode::User);
        assert_eq!(config.source.folder, None);
        apply_mode_defaults(&mut config, Mode::System);
        let folder = watched_folder(&config);
        let system = paths::default_watched_folder(Os::current(), Mode::System, &Env::current());
        assert_eq!(folder, system);
        assert_eq!(
            local_outbox(&config),
            system.parent().unwrap().join("outbox")
        );
        if cfg!(target_os = "linux") {
            assert_eq!(folder, Path::new("/var/lib/sheetdrop/exportaciones"));
            assert_eq!(
                local_outbox(&config),
                Path::new("/var/lib/sheetdrop/outbox")
            );
        }
        let text = "[source]\nfolder = \"/srv/exports\"\n";
        let mut named =
            Config::from_toml(text, Path::new("/etc/sheetdrop/sheetdrop.toml")).unwrap();
        apply_mode_defaults(&mut named, Mode::System);
        assert_eq!(watched_folder(&named), Path::new("/srv/exports"));
    }

    #[test]
    fn the_system_data_dir_unless_one_is_given() {
        let explicit = DataDir::resolve_for(Some(Path::new("/tmp/d")), Mode::System);
        assert_eq!(explicit.root, Path::new("/tmp/d"));
        let system = DataDir::resolve_for(None, Mode::System);
        assert_eq!(
            system.root,
            paths::data_dir_for(Os::current(), Mode::System, &Env::current())
        );
        assert_eq!(
            DataDir::resolve(None).root,
            DataDir::resolve_for(None, Mode::User).root
        );
    }
}

//! Where the agent keeps its things, and where it watches and publishes by default.

use crate::config::{Config, Destination};
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
        let root = match explicit {
            Some(path) => path.to_path_buf(),
            None => directories::ProjectDirs::from("", "", "sheetdrop")
                .map(|d| d.data_local_dir().to_path_buf())
                .unwrap_or_else(|| PathBuf::from("sheetdrop-data")),
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
}

/// The folder to watch: `[source] folder`, else `Documents/sheetdrop/exportaciones`.
pub fn watched_folder(config: &Config) -> PathBuf {
    config
        .source
        .folder
        .clone()
        .unwrap_or_else(|| default_base().join("exportaciones"))
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

/// `Documents/sheetdrop` (or the home directory's, or the current directory's).
fn default_base() -> PathBuf {
    let user = directories::UserDirs::new();
    let documents = user
        .as_ref()
        .and_then(|u| u.document_dir().map(Path::to_path_buf));
    let home = user.as_ref().map(|u| u.home_dir().to_path_buf());
    documents
        .or(home)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("sheetdrop")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_data_dir_wins_and_lays_out_its_files() {
        let d = DataDir::resolve(Some(Path::new("/tmp/x")));
        assert_eq!(d.state_db(), Path::new("/tmp/x/state.sqlite"));
        assert_eq!(d.spool(), Path::new("/tmp/x/spool"));
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
}

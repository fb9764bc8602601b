//! The doctor's checks on this computer: the watched folder, the data dir, the state store
//! and the local destination's outbox.

use super::{config_name, Check};
use crate::agent::{self, DataDir};
use crate::config::Config;
use crate::i18n::{Lang, Message, Text};
use crate::state::{self, State};
use std::io::Write;
use std::path::Path;

/// The watched folder exists, is a folder, can be listed; says how many entity files it holds.
pub(super) fn folder(config: &Config, lang: Lang) -> Check {
    const NAME: &str = "folder";
    let folder = agent::watched_folder(config);
    let path = folder.display();
    let config_file = config_name(config);
    match std::fs::metadata(&folder) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Check::fail(
                NAME,
                lang.format(Text::DoctorFolderMissing, &[("path", &path)]),
                lang.format(
                    Text::DoctorFolderMissingFix,
                    &[("path", &path), ("config", &config_file)],
                ),
            )
        }
        Ok(meta) if !meta.is_dir() => {
            return Check::fail(
                NAME,
                lang.format(Text::CliNotAFolder, &[("path", &path)]),
                lang.format(Text::DoctorFolderNotDirFix, &[("config", &config_file)]),
            )
        }
        // Other errors (no permission on a parent) show up when it is listed.
        _ => {}
    }
    match crate::watch::scan(&config.catalog, &folder) {
        Ok(files) => {
            let found: Vec<&str> = files
                .iter()
                .filter(|f| f.path.is_some())
                .map(|f| f.entity.as_str())
                .collect();
            let mut count = lang.plural(
                found.len() as u64,
                Text::DoctorFilesOne,
                Text::DoctorFilesMany,
            );
            if !found.is_empty() {
                count = format!("{count} ({})", found.join(", "));
            }
            Check::pass(
                NAME,
                lang.format(Text::DoctorFolderOk, &[("path", &path), ("files", &count)]),
            )
        }
        Err(e) => Check::fail(
            NAME,
            Message::new(Text::DoctorFolderUnreadable)
                .with("path", &path)
                .with_io("error", &e)
                .render(lang),
            lang.format(Text::DoctorFolderUnreadableFix, &[("path", &path)]),
        ),
    }
}

/// The data dir exists or can be created, and a file can be written in it.
pub(super) fn data_dir(data: &DataDir, lang: Lang) -> Check {
    const NAME: &str = "data_dir";
    let path = data.root.display();
    match prove_writable(&data.root) {
        Ok(created) => {
            let key = if created {
                Text::DoctorCreatedWritable
            } else {
                Text::DoctorWritable
            };
            Check::pass(NAME, lang.format(key, &[("path", &path)]))
        }
        Err(e) => Check::fail(
            NAME,
            write_failed(&path, &e, lang),
            lang.format(Text::DoctorDataDirFix, &[("path", &path)]),
        ),
    }
}

/// The state store opens and its schema is one this sheetdrop reads. An existing store is
/// opened read-only (an agent may be writing it; its lock is not taken), so it is never
/// migrated here; a missing one is created as the agent would. Returns the store when it
/// could be opened, for the destination's remembered ids.
pub(super) fn state(data: &DataDir, lang: Lang) -> (Check, Option<State>) {
    const NAME: &str = "state";
    let db = data.state_db();
    let path = db.display();
    let existed = db.is_file();
    let opened = if existed {
        State::open_read_only(&db)
    } else {
        State::open(&db)
    };
    match opened.and_then(|store| store.schema_version().map(|version| (store, version))) {
        Ok((store, version)) => {
            let key = if existed {
                Text::DoctorStateOk
            } else {
                Text::DoctorStateCreated
            };
            let detail = lang.format(key, &[("path", &path), ("version", &version)]);
            (Check::pass(NAME, detail), Some(store))
        }
        Err(state::Error::OlderSchema { found, known, .. }) => {
            let detail = lang.format(
                Text::DoctorStateOlder,
                &[("path", &path), ("found", &found), ("known", &known)],
            );
            (Check::pass(NAME, detail), None)
        }
        Err(e) => {
            let fix = match e {
                state::Error::NewerSchema { .. } => Text::DoctorStateNewerFix,
                state::Error::NotWal { .. } => Text::DoctorStateNotWalFix,
                _ => Text::DoctorStateFix,
            };
            let fix = lang.format(fix, &[("path", &path)]);
            (Check::fail(NAME, e.message(lang), fix), None)
        }
    }
}

/// The local destination's outbox exists or can be created, and a file can be written in it.
pub(super) fn outbox(config: &Config, lang: Lang) -> Check {
    const NAME: &str = "destination";
    let folder = agent::local_outbox(config);
    let path = folder.display();
    match prove_writable(&folder) {
        Ok(_) => Check::pass(NAME, lang.format(Text::DoctorLocalOk, &[("path", &path)])),
        Err(e) => Check::fail(
            NAME,
            write_failed(&path, &e, lang),
            lang.format(
                Text::DoctorLocalFix,
                &[("path", &path), ("config", &config_name(config))],
            ),
        ),
    }
}

/// "cannot write in `path`: why", the OS's reason in `lang` for the common kinds.
fn write_failed(path: &dyn std::fmt::Display, error: &std::io::Error, lang: Lang) -> String {
    Message::new(Text::DoctorWriteFailed)
        .with("path", path)
        .with_io("error", error)
        .render(lang)
}

/// Creates `dir` if needed, then writes, syncs and removes a temp file in it (named like the
/// agent's own temp files, which the watcher ignores). Returns whether `dir` was created.
fn prove_writable(dir: &Path) -> std::io::Result<bool> {
    let created = !dir.is_dir();
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".sheetdrop.doctor-{}.tmp", std::process::id()));
    let written = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut file| {
            file.write_all(b"sheetdrop doctor\n")?;
            file.sync_all()
        });
    let removed = std::fs::remove_file(&tmp);
    written?;
    removed?;
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_in(dir: &Path, text: &str) -> Config {
        Config::from_toml(
            &format!("language = \"en\"\n{text}"),
            &dir.join("sheetdrop.toml"),
        )
        .unwrap()
    }

    #[test]
    fn the_folder_check_counts_entity_files_and_names_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_in(dir.path(), "[source]\nfolder = \"in\"\n");
        let check = folder(&config, Lang::En);
        assert!(!check.ok);
        assert!(check.detail.contains("does not exist"), "{check:?}");
        let fix = check.fix.unwrap();
        assert!(
            fix.contains(&dir.path().join("in").display().to_string()),
            "{fix}"
        );
        assert!(fix.contains("sheetdrop.toml"), "{fix}");

        std::fs::create_dir(dir.path().join("in")).unwrap();
        std::fs::write(dir.path().join("in/clientes.csv"), "ID\n1\n").unwrap();
        std::fs::write(dir.path().join("in/notes.txt"), "x").unwrap();
        let check = folder(&config, Lang::En);
        assert!(check.ok, "{check:?}");
        assert!(
            check.detail.ends_with("1 entity file found (clientes)"),
            "{check:?}"
        );
    }

    #[test]
    fn writability_is_proved_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b");
        assert!(prove_writable(&target).unwrap(), "created");
        assert!(!prove_writable(&target).unwrap(), "already there");
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(prove_writable(&file.join("sub")).is_err(), "under a file");
    }

    #[test]
    fn the_state_store_is_created_once_then_opened_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::resolve(Some(&dir.path().join("data")));
        let (check, store) = state(&data, Lang::En);
        assert!(
            check.ok && check.detail.contains("created now"),
            "{check:?}"
        );
        assert!(store.is_some());
        drop(store);
        let (check, store) = state(&data, Lang::En);
        assert!(check.ok && check.detail.ends_with(", ok"), "{check:?}");
        let mut store = store.unwrap();
        assert!(
            store.set_setting("x", "y").is_err(),
            "opened read-only: doctor never writes the agent's store"
        );
    }
}

//! launchd: the daemon `/Library/LaunchDaemons/com.sheetdrop.agent.plist` (from the template
//! committed at `installer/macos/com.sheetdrop.agent.plist`, with this binary as the first
//! program argument), loaded with `launchctl bootstrap system` and removed with `bootout`.
//!
//! Only `launchctl` and files are used, so this compiles and is tested on every Unix; it has
//! not been run on a Mac.
#![cfg_attr(not(target_os = "macos"), allow(dead_code))]

use super::{
    create_data_dir, create_dir, install_config, io_error, system_paths, Error, Host, NotDone,
};
use super::{Installed, State, Step, Uninstalled};
use crate::i18n::Message;
use crate::platform::Os;
use std::path::Path;

/// The daemon's definition as committed; its binary is `/usr/local/bin/sheetdrop`.
const TEMPLATE: &str = include_str!("../../../installer/macos/com.sheetdrop.agent.plist");

/// The template's program, replaced by the installing binary.
const PROGRAM: &str = "<string>/usr/local/bin/sheetdrop</string>";

/// The daemon's label.
const LABEL: &str = "com.sheetdrop.agent";

/// Where `install` writes the plist.
const PLIST: &str = "/Library/LaunchDaemons/com.sheetdrop.agent.plist";

/// The plist for `exe`.
pub(super) fn plist_for(exe: &Path) -> String {
    let exe = exe
        .to_string_lossy()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    TEMPLATE.replacen(PROGRAM, &format!("<string>{exe}</string>"), 1)
}

/// Writes the plist, creates the config and data folders, copies the sample config if there
/// is none, and loads the daemon (which starts it: `RunAtLoad`).
pub(super) fn install(host: &Host) -> Result<Installed, Error> {
    require_root(host)?;
    let (config, data_dir) = system_paths(host, Os::MacOs);
    let plist = host.path(Path::new(PLIST));
    if let Some(dir) = plist.parent() {
        create_dir(dir, Step::CreateDaemonsFolder)?;
    }
    // A loaded daemon keeps its old definition until it is booted out.
    let _ = launchctl(host, &["bootout", &target()]);
    crate::snapshot::write_atomic(&plist, plist_for(&host.exe).as_bytes())
        .map_err(io_error(Step::WritePlist, &plist))?;
    let config_created = install_config(&config)?;
    create_data_dir(&data_dir)?;
    let plist_text = plist.display().to_string();
    let started = launchctl(host, &["bootstrap", "system", &plist_text])
        .map(drop)
        .map_err(|reason| not_done(reason, format!("launchctl bootstrap system {PLIST}")));
    Ok(Installed {
        definition: plist_text,
        packaged: false,
        config,
        config_created,
        data_dir,
        started,
    })
}

/// Boots the daemon out (stopping it) and removes the plist; the config and data stay.
pub(super) fn uninstall(host: &Host) -> Result<Uninstalled, Error> {
    require_root(host)?;
    let (config, data_dir) = system_paths(host, Os::MacOs);
    let plist = host.path(Path::new(PLIST));
    if !plist.exists() {
        return Ok(Uninstalled::nothing(config, data_dir));
    }
    // Not loaded is as good as booted out.
    let loaded = launchctl(host, &["print", &target()]).is_ok();
    let stopped = if loaded {
        launchctl(host, &["bootout", &target()])
            .map(drop)
            .map_err(|reason| not_done(reason, format!("launchctl bootout {}", target())))
    } else {
        Ok(())
    };
    std::fs::remove_file(&plist).map_err(io_error(Step::RemovePlist, &plist))?;
    Ok(Uninstalled {
        definition: Some(plist.display().to_string()),
        packaged: false,
        config,
        data_dir,
        stopped,
    })
}

/// Installed (the plist), enabled (loaded: it starts at boot), running (`state = running`
/// in `launchctl print`).
pub(super) fn status(host: &Host) -> Result<State, Error> {
    let (config, data_dir) = system_paths(host, Os::MacOs);
    let plist = host.path(Path::new(PLIST));
    if !plist.exists() {
        return Ok(State::not_installed(config, data_dir));
    }
    let (enabled, running) = match launchctl(host, &["print", &target()]) {
        Ok(text) => (
            Some(true),
            Some(text.lines().any(|l| l.trim() == "state = running")),
        ),
        // Not loaded: installed, but it will not start until loaded (or the next boot).
        Err(_) => (Some(false), Some(false)),
    };
    Ok(State {
        definition: Some(plist.display().to_string()),
        enabled,
        running,
        detail: None,
        config,
        data_dir,
    })
}

/// The daemon in launchd's system domain.
fn target() -> String {
    format!("system/{LABEL}")
}

fn require_root(host: &Host) -> Result<(), Error> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if host.is_real() && unsafe { libc::geteuid() } != 0 {
        return Err(Error::NeedsAdmin);
    }
    Ok(())
}

/// Runs `launchctl ARGS`; its stdout, or why it failed (its stderr, its exit code, or that
/// it is missing).
fn launchctl(host: &Host, args: &[&str]) -> Result<String, Message> {
    host.manager_stdout("launchctl", args)
}

fn not_done(reason: Message, command: String) -> NotDone {
    NotDone {
        manager: "launchctl".into(),
        reason,
        command: format!("sudo {command}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;

    /// A temp root with a fake `launchctl`: `print` succeeds (running) once `bootstrap` ran
    /// and until `bootout`.
    fn fake() -> (tempfile::TempDir, Host) {
        let root = tempfile::tempdir().unwrap();
        let loaded = root.path().join("loaded");
        let script = format!(
            "#!/bin/sh\necho \"$*\" >> '{log}'\ncase \"$1\" in\n\
             bootstrap) touch '{loaded}';;\n\
             bootout) [ -e '{loaded}' ] || exit 3; rm '{loaded}';;\n\
             print) [ -e '{loaded}' ] || exit 113; echo '\tstate = running';;\nesac\n",
            log = root.path().join("launchctl.log").display(),
            loaded = loaded.display(),
        );
        let path = root.path().join("launchctl");
        fs::write(&path, script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        let host = Host {
            root: root.path().to_path_buf(),
            exe: PathBuf::from("/Applications/sheetdrop & co/sheetdrop"),
            manager: path,
        };
        (root, host)
    }

    #[test]
    fn the_plist_runs_this_binary_as_a_kept_alive_daemon() {
        let plist = plist_for(Path::new("/Applications/a&b/sheetdrop"));
        assert!(plist.contains("<string>/Applications/a&amp;b/sheetdrop</string>\n    <string>service</string>\n    <string>run</string>"), "{plist}");
        for key in [
            "<key>RunAtLoad</key>\n  <true/>",
            "<key>KeepAlive</key>\n  <true/>",
            "<string>com.sheetdrop.agent</string>",
        ] {
            assert!(plist.contains(key), "{key}");
        }
    }

    #[test]
    fn install_status_uninstall() {
        let (root, host) = fake();
        let done = install(&host).unwrap();
        let plist = root
            .path()
            .join("Library/LaunchDaemons/com.sheetdrop.agent.plist");
        assert_eq!(done.definition, plist.display().to_string());
        assert_eq!(fs::read_to_string(&plist).unwrap(), plist_for(&host.exe));
        let base = root.path().join("Library/Application Support/sheetdrop");
        assert_eq!(done.config, base.join("sheetdrop.toml"));
        assert!(done.config_created && done.config.is_file());
        assert_eq!(done.data_dir, base.join("data"));
        assert!(done.data_dir.is_dir());
        assert_eq!(done.started, Ok(()));

        let state = status(&host).unwrap();
        assert_eq!(
            (state.enabled, state.running, state.exit_code()),
            (Some(true), Some(true), 0)
        );

        let gone = uninstall(&host).unwrap();
        assert_eq!(gone.stopped, Ok(()));
        assert!(!plist.exists() && done.config.is_file() && done.data_dir.is_dir());
        assert_eq!(status(&host).unwrap().exit_code(), 4);
        let log = fs::read_to_string(root.path().join("launchctl.log")).unwrap();
        let calls: Vec<_> = log.lines().collect();
        assert_eq!(
            calls,
            [
                "bootout system/com.sheetdrop.agent".to_string(),
                format!("bootstrap system {}", plist.display()),
                "print system/com.sheetdrop.agent".into(),
                "print system/com.sheetdrop.agent".into(),
                "bootout system/com.sheetdrop.agent".into(),
            ]
        );
    }

    #[test]
    fn a_plist_not_loaded_is_installed_but_not_running() {
        let (root, host) = fake();
        install(&host).unwrap();
        fs::remove_file(root.path().join("loaded")).unwrap();
        let state = status(&host).unwrap();
        assert_eq!(
            (state.enabled, state.running, state.exit_code()),
            (Some(false), Some(false), 3)
        );
    }
}

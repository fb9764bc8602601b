//! systemd: the unit `/etc/systemd/system/sheetdrop.service` (from the template committed at
//! `installer/linux/sheetdrop.service`, with this binary in `ExecStart`), or the `.deb`'s
//! `/lib/systemd/system/sheetdrop.service` when the package installed one; `systemctl`
//! enables, starts, stops and queries it.
#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

use super::error::manager_exited;
use super::{
    create_data_dir, create_dir, install_config, io_error, system_paths, Error, Host, NotDone,
};
use super::{Installed, State, Step, Uninstalled};
use crate::i18n::Message;
use crate::platform::Os;
use std::path::{Path, PathBuf};

/// The unit as committed; its binary is `/usr/bin/sheetdrop` (where the `.deb` puts it).
const TEMPLATE: &str = include_str!("../../../installer/linux/sheetdrop.service");

/// The `ExecStart` line of the template, up to the arguments.
const EXEC_START: &str = "ExecStart=/usr/bin/sheetdrop ";

/// Where `install` writes the unit (the administrator's place, which wins over packages').
const UNIT: &str = "/etc/systemd/system/sheetdrop.service";

/// Where a package installs it (Debian's place, then the merged-/usr one).
const PACKAGED: [&str; 2] = [
    "/lib/systemd/system/sheetdrop.service",
    "/usr/lib/systemd/system/sheetdrop.service",
];

/// What to run when `systemctl` could not enable and start the service.
const ENABLE: &str = "systemctl daemon-reload && systemctl enable --now sheetdrop";

/// What to run when it could not stop it after its unit was removed.
const STOP: &str = "systemctl stop sheetdrop; systemctl daemon-reload";

/// What to run when it could not stop and disable a package's unit.
const DISABLE: &str = "systemctl disable --now sheetdrop";

/// The unit for `exe`: the template with `ExecStart` running `exe service run`.
pub(super) fn unit_for(exe: &Path) -> String {
    TEMPLATE.replacen(EXEC_START, &format!("ExecStart={} ", exec_path(exe)), 1)
}

/// `exe` as the first word of a systemd command line: `%` escaped (a specifier otherwise),
/// quoted when it has spaces, quotes or backslashes.
fn exec_path(exe: &Path) -> String {
    let text = exe.to_string_lossy().replace('%', "%%");
    if text.contains([' ', '\t', '"', '\'', '\\']) {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text
    }
}

/// Writes the unit (unless a package installed one), creates the config and data folders,
/// copies the sample config if there is none, then reloads systemd and enables and starts
/// the service. When `systemctl` is missing or fails (a container without systemd), the
/// files stay written and the outcome says what to run.
pub(super) fn install(host: &Host) -> Result<Installed, Error> {
    require_root(host)?;
    let (config, data_dir) = system_paths(host, Os::Linux);
    let packaged = packaged_unit(host);
    let definition = match &packaged {
        Some(unit) => unit.clone(),
        None => {
            let unit = host.path(Path::new(UNIT));
            if let Some(dir) = unit.parent() {
                create_dir(dir, Step::CreateUnitFolder)?;
            }
            crate::snapshot::write_atomic(&unit, unit_for(&host.exe).as_bytes())
                .map_err(io_error(Step::WriteUnit, &unit))?;
            unit
        }
    };
    let config_created = install_config(&config)?;
    create_data_dir(&data_dir)?;
    let started = systemctl(host, &["daemon-reload"])
        .and_then(|_| systemctl(host, &["enable", "--now", super::NAME]))
        .map(drop)
        .map_err(|reason| not_done(host, reason, ENABLE));
    Ok(Installed {
        definition: definition.display().to_string(),
        packaged: packaged.is_some(),
        config,
        config_created,
        data_dir,
        started,
    })
}

/// Stops and disables the service, removes the unit `install` wrote (a package's stays, for
/// the package manager) and reloads systemd. The config and data dir stay.
pub(super) fn uninstall(host: &Host) -> Result<Uninstalled, Error> {
    require_root(host)?;
    let (config, data_dir) = system_paths(host, Os::Linux);
    let ours = host.path(Path::new(UNIT));
    let ours = ours.exists().then_some(ours);
    let packaged = packaged_unit(host);
    let Some(definition) = ours.clone().or(packaged.clone()) else {
        return Ok(Uninstalled::nothing(config, data_dir));
    };
    let disabled = systemctl(host, &["disable", "--now", super::NAME]).inspect_err(|_| {
        // Without a running systemd `--now` fails, but disabling alone works offline: the
        // boot-time links go, whatever happens to the unit.
        let _ = systemctl(host, &["disable", super::NAME]);
    });
    let stopped = match &ours {
        Some(unit) => {
            std::fs::remove_file(unit).map_err(io_error(Step::RemoveUnit, unit))?;
            disabled
                .and_then(|_| systemctl(host, &["daemon-reload"]))
                .map_err(|reason| not_done(host, reason, STOP))
        }
        None => disabled.map_err(|reason| not_done(host, reason, DISABLE)),
    }
    .map(drop);
    Ok(Uninstalled {
        definition: Some(definition.display().to_string()),
        packaged: ours.is_none(),
        config,
        data_dir,
        stopped,
    })
}

/// Installed (a unit file), enabled (`systemctl is-enabled`), running (`is-active`).
pub(super) fn status(host: &Host) -> Result<State, Error> {
    let (config, data_dir) = system_paths(host, Os::Linux);
    let ours = host.path(Path::new(UNIT));
    let definition = if ours.exists() {
        Some(ours)
    } else {
        packaged_unit(host)
    };
    let Some(definition) = definition else {
        return Ok(State::not_installed(config, data_dir));
    };
    let mut detail = None;
    let mut ask = |verb: &str, yes: &[&str]| match query(host, &[verb, super::NAME]) {
        Ok(answer) => Some(yes.contains(&answer.as_str())),
        Err(why) => {
            detail.get_or_insert(why);
            None
        }
    };
    let enabled = ask("is-enabled", &["enabled", "enabled-runtime", "static"]);
    let running = ask("is-active", &["active", "reloading"]);
    Ok(State {
        definition: Some(definition.display().to_string()),
        enabled,
        running,
        detail,
        config,
        data_dir,
    })
}

/// The unit a package installed, if any.
fn packaged_unit(host: &Host) -> Option<PathBuf> {
    PACKAGED
        .iter()
        .map(|unit| host.path(Path::new(unit)))
        .find(|unit| unit.exists())
}

/// Root is needed to write units and drive systemd; said before anything is touched (a
/// test's temp root needs no rights).
fn require_root(host: &Host) -> Result<(), Error> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if host.is_real() && unsafe { libc::geteuid() } != 0 {
        return Err(Error::NeedsAdmin);
    }
    Ok(())
}

/// Runs `systemctl ARGS`; its stdout, or why it failed (its stderr, its exit code, or that
/// it is missing).
fn systemctl(host: &Host, args: &[&str]) -> Result<String, Message> {
    host.manager_stdout("systemctl", args)
        .map(|stdout| stdout.trim().to_string())
}

/// A `systemctl is-*` query: its one-word answer, which it prints also when it exits non-zero
/// (`disabled`, `inactive`); an error when it printed none (systemd not running, no systemctl).
fn query(host: &Host, args: &[&str]) -> Result<String, Message> {
    let output = host.run_manager(args)?;
    let answer = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if answer.is_empty() || answer.contains(char::is_whitespace) {
        return Err(
            if !output.stderr.trim_ascii().is_empty() || answer.is_empty() {
                let command = format!("systemctl {}", args.join(" "));
                manager_exited(&command, output.status, &output.stderr)
            } else {
                Message::verbatim(answer)
            },
        );
    }
    Ok(answer)
}

fn not_done(host: &Host, reason: Message, command: &str) -> NotDone {
    NotDone {
        manager: host
            .manager
            .file_name()
            .map_or_else(|| "systemctl".into(), |n| n.to_string_lossy().into_owned()),
        reason,
        command: command.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A temp root with a fake `systemctl` that logs its arguments and answers the queries
    /// with `enabled` / `active` answers, or fails with `fail` on stderr.
    struct Fake {
        root: tempfile::TempDir,
    }

    impl Fake {
        fn new(script_body: &str) -> Fake {
            let root = tempfile::tempdir().unwrap();
            let bin = root.path().join("fake-bin");
            fs::create_dir(&bin).unwrap();
            let log = root.path().join("systemctl.log");
            let script = format!(
                "#!/bin/sh\necho \"$*\" >> '{}'\n{script_body}\n",
                log.display()
            );
            let path = bin.join("systemctl");
            fs::write(&path, script).unwrap();
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
            Fake { root }
        }

        fn host(&self) -> Host {
            Host {
                root: self.root.path().to_path_buf(),
                exe: PathBuf::from("/opt/sheetdrop/bin/sheetdrop"),
                manager: self.root.path().join("fake-bin/systemctl"),
            }
        }

        fn calls(&self) -> Vec<String> {
            fs::read_to_string(self.root.path().join("systemctl.log"))
                .unwrap_or_default()
                .lines()
                .map(String::from)
                .collect()
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.root.path().join(rel)
        }
    }

    const WORKS: &str = "case \"$1\" in is-enabled) echo enabled;; is-active) echo active;; esac";

    #[test]
    fn the_unit_runs_this_binary_and_keeps_the_rest_of_the_template() {
        let unit = unit_for(Path::new("/opt/sheetdrop/bin/sheetdrop"));
        assert!(unit.contains("\nExecStart=/opt/sheetdrop/bin/sheetdrop service run\n"));
        assert_eq!(
            unit.replace("/opt/sheetdrop/bin/sheetdrop", "/usr/bin/sheetdrop"),
            TEMPLATE
        );
        for line in [
            "Restart=on-failure",
            "TimeoutStopSec=15",
            "StateDirectory=sheetdrop",
            "ConfigurationDirectory=sheetdrop",
            "ProtectSystem=full",
            "PrivateTmp=yes",
            "NoNewPrivileges=yes",
            "WantedBy=multi-user.target",
        ] {
            assert!(unit.lines().any(|l| l == line), "{line}");
        }
        let odd = unit_for(Path::new("/opt/my apps/100%/sheetdrop"));
        assert!(
            odd.contains("\nExecStart=\"/opt/my apps/100%%/sheetdrop\" service run\n"),
            "{odd}"
        );
    }

    #[test]
    fn install_writes_the_unit_config_and_data_dir_and_starts_it() {
        let fake = Fake::new(WORKS);
        let done = install(&fake.host()).unwrap();
        let unit = fake.path("etc/systemd/system/sheetdrop.service");
        assert_eq!(done.definition, unit.display().to_string());
        assert!(!done.packaged);
        assert_eq!(
            fs::read_to_string(&unit).unwrap(),
            unit_for(&fake.host().exe)
        );
        assert_eq!(done.config, fake.path("etc/sheetdrop/sheetdrop.toml"));
        assert!(done.config_created);
        assert_eq!(
            fs::read_to_string(&done.config).unwrap(),
            super::super::SAMPLE_CONFIG
        );
        assert_eq!(done.data_dir, fake.path("var/lib/sheetdrop"));
        assert!(done.data_dir.is_dir());
        assert_eq!(done.started, Ok(()));
        assert_eq!(fake.calls(), ["daemon-reload", "enable --now sheetdrop"]);

        // Installed again: the edited config stays, the unit is rewritten.
        fs::write(&done.config, "language = \"en\"\n").unwrap();
        fs::write(&unit, "stale").unwrap();
        let again = install(&fake.host()).unwrap();
        assert!(!again.config_created);
        assert_eq!(
            fs::read_to_string(&done.config).unwrap(),
            "language = \"en\"\n"
        );
        assert_eq!(
            fs::read_to_string(&unit).unwrap(),
            unit_for(&fake.host().exe)
        );

        let state = status(&fake.host()).unwrap();
        assert_eq!(
            (state.enabled, state.running, state.exit_code()),
            (Some(true), Some(true), 0)
        );
    }

    #[test]
    fn without_systemd_the_unit_is_written_and_the_command_to_run_given() {
        let fake = Fake::new("echo 'System has not been booted with systemd as init system (PID 1). Can'\\''t operate.' >&2; exit 1");
        let done = install(&fake.host()).unwrap();
        assert!(fake.path("etc/systemd/system/sheetdrop.service").is_file());
        let not_done = done.started.unwrap_err();
        assert!(
            not_done
                .reason
                .to_string()
                .contains("not been booted with systemd"),
            "{not_done:?}"
        );
        assert_eq!(not_done.command, ENABLE);
        assert_eq!(not_done.manager, "systemctl");

        let mut host = fake.host();
        host.manager = fake.path("no-such-dir/systemctl");
        let done = install(&host).unwrap();
        let not_done = done.started.unwrap_err();
        assert!(
            not_done.reason.to_string().ends_with("not found"),
            "{not_done:?}"
        );

        // Installed, but not known to run: 3, with systemctl's reason.
        let state = status(&fake.host()).unwrap();
        assert_eq!((state.running, state.exit_code()), (None, 3));
        assert!(state
            .detail
            .unwrap()
            .to_string()
            .contains("not been booted"));
    }

    #[test]
    fn a_packaged_unit_is_enabled_not_written_again_and_stays_on_uninstall() {
        let fake = Fake::new(WORKS);
        let packaged = fake.path("lib/systemd/system/sheetdrop.service");
        fs::create_dir_all(packaged.parent().unwrap()).unwrap();
        fs::write(&packaged, TEMPLATE).unwrap();
        let done = install(&fake.host()).unwrap();
        assert!(done.packaged);
        assert_eq!(done.definition, packaged.display().to_string());
        assert!(!fake.path("etc/systemd/system/sheetdrop.service").exists());
        assert_eq!(
            status(&fake.host()).unwrap().definition,
            Some(done.definition)
        );

        let gone = uninstall(&fake.host()).unwrap();
        assert!(gone.packaged);
        assert!(packaged.is_file());
        assert_eq!(
            fake.calls(),
            [
                "daemon-reload",
                "enable --now sheetdrop",
                "is-enabled sheetdrop",
                "is-active sheetdrop",
                "disable --now sheetdrop",
            ]
        );
    }

    #[test]
    fn uninstall_removes_the_unit_and_keeps_config_and_data() {
        let fake = Fake::new(WORKS);
        let done = install(&fake.host()).unwrap();
        fs::write(done.data_dir.join("state.sqlite"), "x").unwrap();
        let gone = uninstall(&fake.host()).unwrap();
        assert_eq!(gone.definition, Some(done.definition.clone()));
        assert!(!gone.packaged);
        assert_eq!(gone.stopped, Ok(()));
        assert!(!Path::new(&done.definition).exists());
        assert!(done.config.is_file() && done.data_dir.join("state.sqlite").is_file());
        assert_eq!(
            &fake.calls()[2..],
            ["disable --now sheetdrop", "daemon-reload"]
        );
        // Not installed any more: status 4, uninstall again does nothing.
        let state = status(&fake.host()).unwrap();
        assert_eq!((state.exit_code(), state.definition), (4, None));
        assert_eq!(uninstall(&fake.host()).unwrap().definition, None);
        assert_eq!(fake.calls().len(), 4);
    }

    #[test]
    fn a_stopped_service_is_3_and_a_disabled_one_says_so() {
        let fake = Fake::new(
            "case \"$1\" in is-enabled) echo disabled; exit 1;; is-active) echo inactive; exit 3;; esac",
        );
        install(&fake.host()).unwrap();
        let state = status(&fake.host()).unwrap();
        assert_eq!(
            (
                state.exit_code(),
                state.enabled,
                state.running,
                state.detail
            ),
            (3, Some(false), Some(false), None)
        );
    }

    /// `systemd-analyze verify` accepts the unit (with a binary that exists: this test's).
    #[test]
    fn systemd_analyze_verifies_the_unit() {
        let analyze = Path::new("/usr/bin/systemd-analyze");
        if !analyze.exists() {
            eprintln!(
                "### SKIPPED: {} is not installed; the unit was not verified ###",
                analyze.display()
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let unit = dir.path().join("sheetdrop.service");
        fs::write(&unit, unit_for(&std::env::current_exe().unwrap())).unwrap();
        let out = std::process::Command::new(analyze)
            .arg("verify")
            .arg(&unit)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "systemd-analyze verify failed:\n{stderr}"
        );
        assert!(
            !stderr.contains("sheetdrop.service"),
            "warnings about the unit:\n{stderr}"
        );
    }
}

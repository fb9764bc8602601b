//! The text of the `service` subcommands' outcomes, in the user's language.

use super::{Action, Error, Installed, NotDone, Outcome, State, Uninstalled};
use crate::i18n::{Lang, Text};
use std::fmt::Write;
use std::path::Path;

/// `install`: what was written, where the config and data are, whether it runs.
pub(super) fn installed(done: &Installed, lang: Lang) -> Outcome {
    let mut out = String::new();
    let definition = &done.definition;
    let key = if done.packaged {
        Text::ServicePackagedUnit
    } else {
        Text::ServiceInstalled
    };
    line(&mut out, lang.format(key, &[("definition", definition)]));
    let path = done.config.display();
    let key = if done.config_created {
        Text::ServiceConfigCreated
    } else {
        Text::ServiceConfigKept
    };
    line(&mut out, lang.format(key, &[("path", &path)]));
    let path = done.data_dir.display();
    line(
        &mut out,
        lang.format(Text::ServiceDataDir, &[("path", &path)]),
    );
    match &done.started {
        Ok(()) => {
            line(&mut out, lang.text(Text::ServiceStarted).to_string());
            line(&mut out, lang.text(Text::ServiceStatusHint).to_string());
            finished(out, String::new(), 0)
        }
        Err(not_done) => finished(out, not_done_text(not_done, lang), 1),
    }
}

/// `uninstall`: what was removed, what was kept.
pub(super) fn uninstalled(done: &Uninstalled, lang: Lang) -> Outcome {
    let mut out = String::new();
    match (&done.definition, done.packaged) {
        (None, _) => line(&mut out, lang.text(Text::ServiceNotInstalled).to_string()),
        (Some(definition), false) => line(
            &mut out,
            lang.format(Text::ServiceUninstalled, &[("definition", definition)]),
        ),
        (Some(definition), true) => line(
            &mut out,
            lang.format(Text::ServicePackagedStays, &[("definition", definition)]),
        ),
    }
    let (config, data) = (done.config.display(), done.data_dir.display());
    line(
        &mut out,
        lang.format(Text::ServiceKept, &[("config", &config), ("data", &data)]),
    );
    match &done.stopped {
        Ok(()) => finished(out, String::new(), 0),
        Err(not_done) => finished(out, not_done_text(not_done, lang), 1),
    }
}

/// `status`: installed, enabled, running, config, data; the exit code says the same.
pub(super) fn state(state: &State, lang: Lang) -> Outcome {
    let mut out = String::new();
    let installed = match &state.definition {
        Some(definition) => format!("{} ({definition})", lang.text(Text::ServiceYes)),
        None => lang.text(Text::ServiceNo).to_string(),
    };
    line(
        &mut out,
        lang.format(Text::ServiceStatusInstalled, &[("value", &installed)]),
    );
    if state.definition.is_some() {
        let detail = state.detail.as_ref();
        let value = |known: Option<bool>| match known {
            Some(true) => lang.text(Text::ServiceYes).to_string(),
            Some(false) => lang.text(Text::ServiceNo).to_string(),
            None => match detail {
                Some(why) => format!("{} ({})", lang.text(Text::ServiceUnknown), why.render(lang)),
                None => lang.text(Text::ServiceUnknown).to_string(),
            },
        };
        let enabled = value(state.enabled);
        let running = value(state.running);
        line(
            &mut out,
            lang.format(Text::ServiceStatusEnabled, &[("value", &enabled)]),
        );
        line(
            &mut out,
            lang.format(Text::ServiceStatusRunning, &[("value", &running)]),
        );
    }
    let (config, data) = (state.config.display(), state.data_dir.display());
    line(
        &mut out,
        lang.format(Text::ServiceStatusConfig, &[("path", &config)]),
    );
    line(
        &mut out,
        lang.format(Text::ServiceStatusData, &[("path", &data)]),
    );
    if state.definition.is_some() {
        line(&mut out, lang.text(Text::ServiceStatusHint).to_string());
    }
    finished(out, String::new(), state.exit_code())
}

/// A failed `action`: the reason on stderr, exit 1 (for `status`: the state could not be
/// found out, which is neither "not running" nor "not installed").
pub(super) fn error(error: &Error, action: Action, lang: Lang) -> Outcome {
    let command = match action {
        Action::Install => "sheetdrop service install",
        Action::Uninstall => "sheetdrop service uninstall",
        Action::Status => "sheetdrop service status",
    };
    let message = match error {
        Error::NeedsAdmin if cfg!(windows) => lang.text(Text::ServiceNeedsAdmin).to_string(),
        Error::NeedsAdmin => lang.format(Text::ServiceNeedsRoot, &[("command", &command)]),
        other => other.message(lang),
    };
    let prefix = lang.text(Text::CliErrorPrefix);
    finished(
        String::new(),
        format!("sheetdrop: {prefix}: {message}\n"),
        1,
    )
}

/// What the manager did not do and what to run by hand.
fn not_done_text(not_done: &NotDone, lang: Lang) -> String {
    let mut err = String::new();
    let (manager, reason) = (&not_done.manager, not_done.reason.render(lang));
    line(
        &mut err,
        format!(
            "sheetdrop: {}",
            lang.format(
                Text::ServiceManagerFailed,
                &[("manager", manager), ("reason", &reason)]
            )
        ),
    );
    let command = &not_done.command;
    line(
        &mut err,
        format!(
            "  {}",
            lang.format(Text::ServiceRunCommand, &[("command", command)])
        ),
    );
    err
}

/// [`super::not_used`]: a line for the given config (first) and data dir (second) that is not
/// the service's own.
pub(super) fn not_used(given: [(Option<&Path>, &Path); 2], lang: Lang) -> String {
    let mut out = String::new();
    for ((given, service), key) in given
        .into_iter()
        .zip([Text::ServiceConfigNotUsed, Text::ServiceDataDirNotUsed])
    {
        let Some(given) = given else { continue };
        if same_place(given, service) {
            continue;
        }
        let (given, path) = (given.display(), service.display());
        line(
            &mut out,
            lang.format(key, &[("given", &given), ("path", &path)]),
        );
    }
    out
}

/// Whether `a` and `b` name one file or folder (`b` may not exist yet).
fn same_place(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

fn line(out: &mut String, text: String) {
    let _ = writeln!(out, "{text}");
}

fn finished(stdout: String, stderr: String, code: u8) -> Outcome {
    Outcome {
        stdout,
        stderr,
        code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Message;
    use std::path::PathBuf;

    fn installed_with(started: Result<(), NotDone>) -> Installed {
        Installed {
            definition: "/etc/systemd/system/sheetdrop.service".into(),
            packaged: false,
            config: PathBuf::from("/etc/sheetdrop/sheetdrop.toml"),
            config_created: true,
            data_dir: PathBuf::from("/var/lib/sheetdrop"),
            started,
        }
    }

    #[test]
    fn install_that_could_not_start_says_what_to_run_and_exits_1() {
        let out = installed(
            &installed_with(Err(NotDone {
                manager: "systemctl".into(),
                reason: Message::verbatim("System has not been booted with systemd"),
                command: "systemctl daemon-reload && systemctl enable --now sheetdrop".into(),
            })),
            Lang::En,
        );
        assert_eq!(out.code, 1);
        assert!(
            out.stdout.contains("/etc/systemd/system/sheetdrop.service"),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("/etc/sheetdrop/sheetdrop.toml"),
            "{}",
            out.stdout
        );
        assert!(out.stdout.contains("/var/lib/sheetdrop"), "{}", out.stdout);
        assert!(out.stderr.contains("not been booted"), "{}", out.stderr);
        assert!(
            out.stderr
                .contains("systemctl daemon-reload && systemctl enable --now sheetdrop"),
            "{}",
            out.stderr
        );
        let ok = installed(&installed_with(Ok(())), Lang::Es);
        assert_eq!((ok.code, ok.stderr.as_str()), (0, ""));
    }

    #[test]
    fn needing_root_says_so_with_the_command() {
        let out = error(&Error::NeedsAdmin, Action::Install, Lang::En);
        assert_eq!(out.code, 1);
        if !cfg!(windows) {
            assert!(
                out.stderr
                    .contains("run as root (sudo sheetdrop service install)"),
                "{}",
                out.stderr
            );
        }
    }

    #[test]
    fn failures_are_said_in_the_users_language_with_the_os_and_manager_words() {
        let full = Error::Io {
            step: super::super::Step::WriteUnit,
            path: PathBuf::from("/etc/systemd/system/sheetdrop.service"),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        };
        let out = error(&full, Action::Install, Lang::Es);
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (
                1,
                "sheetdrop: error: no se puede escribir la unidad de systemd \
                 /etc/systemd/system/sheetdrop.service: no queda espacio en el disco\n"
            )
        );
        let out = error(&Error::Unsupported, Action::Status, Lang::PtBr);
        assert_eq!(
            out.stderr,
            "sheetdrop: erro: o modo serviço não está disponível neste sistema operacional\n"
        );
        let out = installed(
            &installed_with(Err(NotDone {
                manager: "systemctl".into(),
                reason: Message::new(Text::ServiceManagerNotFound).with("command", "systemctl"),
                command: "systemctl daemon-reload && systemctl enable --now sheetdrop".into(),
            })),
            Lang::Es,
        );
        assert_eq!(
            out.stderr,
            "sheetdrop: systemctl no pudo hacerlo: no se encontró systemctl\n  \
             ejecute a mano: systemctl daemon-reload && systemctl enable --now sheetdrop\n"
        );
        if !cfg!(windows) {
            let out = error(&Error::NeedsAdmin, Action::Uninstall, Lang::PtBr);
            assert_eq!(
                out.stderr,
                "sheetdrop: erro: são necessárias permissões de administrador: execute como \
                 root (sudo sheetdrop service uninstall)\n"
            );
        }
    }

    #[test]
    fn status_lines_in_every_language() {
        let state = State {
            definition: Some("/etc/systemd/system/sheetdrop.service".into()),
            enabled: Some(true),
            running: None,
            detail: Some("offline".into()),
            config: PathBuf::from("/etc/sheetdrop/sheetdrop.toml"),
            data_dir: PathBuf::from("/var/lib/sheetdrop"),
        };
        for lang in Lang::ALL {
            let out = super::state(&state, lang);
            assert_eq!(out.code, 3);
            assert_eq!(out.stdout.lines().count(), 6, "{}", out.stdout);
            assert!(out.stdout.contains("(offline)"), "{}", out.stdout);
        }
        let out = super::state(&state, Lang::En);
        assert!(
            out.stdout.contains("running: unknown (offline)"),
            "{}",
            out.stdout
        );
        assert!(out.stdout.contains("starts at boot: yes"), "{}", out.stdout);
    }
}

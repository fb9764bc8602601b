//! Why a service command could not be carried out ([`Error`]), and why the service manager
//! did not do a step ([`manager_exited`] and friends), as [`Message`]s: English in the log,
//! the user's language on screen, the OS's or the manager's own words kept inside.

use crate::i18n::{Lang, Message, Text};
use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why a service command could not be carried out.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Installing or removing a service needs root (Administrator on Windows).
    NeedsAdmin,
    /// A file or folder could not be written, read or removed.
    Io {
        /// What was being done.
        step: Step,
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The service manager refused a request (Windows).
    Manager {
        /// The request.
        request: Request,
        /// The manager's answer, in the OS's words.
        message: String,
    },
    /// This OS has no service manager sheetdrop knows.
    Unsupported,
}

/// A file-system step of installing or removing the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// Finding the running binary, which the service runs.
    FindBinary,
    /// Creating the system-wide config folder.
    CreateConfigFolder,
    /// Writing the sample config there.
    WriteConfig,
    /// Creating the service's data dir.
    CreateDataDir,
    /// Creating `/etc/systemd/system`.
    CreateUnitFolder,
    /// Writing the systemd unit.
    WriteUnit,
    /// Removing the systemd unit.
    RemoveUnit,
    /// Creating `/Library/LaunchDaemons`.
    CreateDaemonsFolder,
    /// Writing the launchd plist.
    WritePlist,
    /// Removing the launchd plist.
    RemovePlist,
}

/// A request to the Windows service control manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Request {
    /// Connecting to it.
    Connect,
    /// Opening the service.
    Open,
    /// Creating the service.
    Create,
    /// Setting the service's description.
    Describe,
    /// Setting the restart after a crash.
    SetRestart,
    /// Stopping the service.
    Stop,
    /// Deleting the service.
    Delete,
    /// Starting the dispatcher that runs the service.
    StartDispatcher,
    /// Registering the service's control handler.
    Register,
    /// Reporting the service running.
    ReportRunning,
}

impl Step {
    fn text(self) -> Text {
        match self {
            Step::FindBinary => Text::ServiceFindBinary,
            Step::CreateConfigFolder => Text::ServiceCreateConfigFolder,
            Step::WriteConfig => Text::ServiceWriteConfig,
            Step::CreateDataDir => Text::ServiceCreateDataDir,
            Step::CreateUnitFolder => Text::ServiceCreateUnitFolder,
            Step::WriteUnit => Text::ServiceWriteUnit,
            Step::RemoveUnit => Text::ServiceRemoveUnit,
            Step::CreateDaemonsFolder => Text::ServiceCreateDaemonsFolder,
            Step::WritePlist => Text::ServiceWritePlist,
            Step::RemovePlist => Text::ServiceRemovePlist,
        }
    }
}

impl Request {
    fn text(self) -> Text {
        match self {
            Request::Connect => Text::ServiceScmConnect,
            Request::Open => Text::ServiceScmOpen,
            Request::Create => Text::ServiceScmCreate,
            Request::Describe => Text::ServiceScmDescribe,
            Request::SetRestart => Text::ServiceScmSetRestart,
            Request::Stop => Text::ServiceScmStop,
            Request::Delete => Text::ServiceScmDelete,
            Request::StartDispatcher => Text::ServiceScmDispatcher,
            Request::Register => Text::ServiceScmRegister,
            Request::ReportRunning => Text::ServiceScmReportRunning,
        }
    }

    /// "cannot `request`: `os_text`", the OS's words kept as they came.
    pub fn failed(self, os_text: impl fmt::Display) -> Message {
        Message::new(Text::ServiceScmFailed)
            .with_message("request", Message::new(self.text()))
            .with("error", os_text)
    }
}

impl Error {
    /// The error as a sentence for people (`render`) and the log (`Display`).
    pub fn to_message(&self) -> Message {
        match self {
            Error::NeedsAdmin => Message::new(Text::ServiceAdminRights),
            Error::Io { step, path, source } => Message::new(step.text())
                .with("path", path.display())
                .with_io("error", source),
            Error::Manager { request, message } => request.failed(message),
            Error::Unsupported => Message::new(Text::ServiceUnsupported),
        }
    }

    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.to_message().render(lang)
    }
}

/// English: what the log shows.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_message().fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why the manager's command `command` could not be run at all: missing, or the OS's reason.
#[cfg(unix)]
pub(super) fn manager_not_run(command: &str, error: &io::Error) -> Message {
    if error.kind() == io::ErrorKind::NotFound {
        Message::new(Text::ServiceManagerNotFound).with("command", command)
    } else {
        Message::new(Text::ServiceManagerCannotRun)
            .with("command", command)
            .with_io("error", error)
    }
}

/// Why the manager's command `command` failed: its own words on stderr when it said any,
/// else its exit code (or that a signal ended it).
#[cfg(unix)]
pub(super) fn manager_exited(
    command: &str,
    status: std::process::ExitStatus,
    stderr: &[u8],
) -> Message {
    let said = String::from_utf8_lossy(stderr).trim().to_string();
    if !said.is_empty() {
        return Message::verbatim(said);
    }
    match status.code() {
        Some(code) => Message::new(Text::ServiceManagerExitCode)
            .with("command", command)
            .with("code", code),
        None => Message::new(Text::ServiceManagerSignal).with("command", command),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_said_in_each_language_with_the_os_words_inside() {
        let denied = Error::Io {
            step: Step::CreateDataDir,
            path: "/var/lib/sheetdrop".into(),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        assert_eq!(
            denied.message(Lang::Es),
            "no se puede crear la carpeta de datos /var/lib/sheetdrop: no queda espacio en el disco"
        );
        assert!(
            denied
                .to_string()
                .starts_with("cannot create the data directory /var/lib/sheetdrop: "),
            "{denied}"
        );
        let refused = Error::Manager {
            request: Request::Open,
            message: "Acesso negado. (os error 5)".into(),
        };
        assert_eq!(
            refused.message(Lang::PtBr),
            "não foi possível abrir o serviço: Acesso negado. (os error 5)"
        );
        assert_eq!(
            refused.to_string(),
            "cannot open the service: Acesso negado. (os error 5)"
        );
        assert_eq!(
            Error::Unsupported.message(Lang::Es),
            "el modo servicio no está disponible en este sistema operativo"
        );
        assert_eq!(Error::NeedsAdmin.to_string(), "administrator rights needed");
    }

    #[cfg(unix)]
    #[test]
    fn a_manager_that_failed_is_said_with_its_words_or_its_exit_code() {
        use std::os::unix::process::ExitStatusExt;
        let code_3 = std::process::ExitStatus::from_raw(3 << 8);
        let said = manager_exited("systemctl daemon-reload", code_3, b" Failed to connect\n");
        assert_eq!(said.render(Lang::Es), "Failed to connect", "its own words");
        let silent = manager_exited("systemctl daemon-reload", code_3, b"");
        assert_eq!(
            silent.render(Lang::Es),
            "«systemctl daemon-reload» terminó con el código 3"
        );
        assert_eq!(
            silent.to_string(),
            "systemctl daemon-reload exited with code 3"
        );
        let killed = std::process::ExitStatus::from_raw(9);
        assert_eq!(
            manager_exited("launchctl print", killed, b"").render(Lang::PtBr),
            "“launchctl print” foi interrompido por um sinal"
        );
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(
            manager_not_run("systemctl", &missing).render(Lang::Es),
            "no se encontró systemctl"
        );
        assert_eq!(
            manager_not_run("systemctl", &missing).to_string(),
            "systemctl not found"
        );
        let odd = io::Error::other("exec format error");
        assert_eq!(
            manager_not_run("systemctl", &odd).render(Lang::PtBr),
            "não é possível executar systemctl: exec format error"
        );
    }
}

//! The Windows service control manager (SCM): `install` creates the auto-start service
//! "sheetdrop" running `<this binary> service run` as LocalSystem (or starts the one the MSI
//! installed); `service run` hands the process to the SCM's dispatcher, reports Running, and
//! turns Stop and Shutdown into the agent's stop flag.

use super::{
    create_data_dir, create_dir, install_config, system_paths, Error, Host, NotDone, ServiceBody,
};
use super::{Installed, Request, State, Step, Uninstalled, NAME};
use crate::i18n::{Lang, Message, Text};
use crate::platform::Os;
use std::ffi::{OsStr, OsString};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use windows_service::service::{
    ServiceAccess, ServiceAction, ServiceActionType, ServiceControl, ServiceControlAccept,
    ServiceErrorControl, ServiceExitCode, ServiceFailureActions, ServiceFailureResetPeriod,
    ServiceInfo, ServiceStartType, ServiceState, ServiceStatus, ServiceType,
};
use windows_service::service_control_handler::ServiceStatusHandle;
use windows_service::service_control_handler::{self, ServiceControlHandlerResult};
use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};
use windows_service::{define_windows_service, service_dispatcher};

/// Win32 error codes the SCM answers with.
const ERROR_ACCESS_DENIED: i32 = 5;
const ERROR_SERVICE_ALREADY_RUNNING: i32 = 1056;
const ERROR_SERVICE_DOES_NOT_EXIST: i32 = 1060;
const ERROR_SERVICE_NOT_ACTIVE: i32 = 1062;
/// `StartServiceCtrlDispatcher` outside the SCM (the binary was started from a console).
const ERROR_FAILED_SERVICE_CONTROLLER_CONNECT: i32 = 1063;
const ERROR_SERVICE_EXISTS: i32 = 1073;

/// What the Services console shows under the name.
const DESCRIPTION: &str =
    "Watches the folder of ERP CSV exports, checks each one and publishes what is good \
     (config and data in %ProgramData%\\sheetdrop).";

/// How long `uninstall` waits for the service to stop.
const STOP_WAIT: Duration = Duration::from_secs(15);

const OWN_PROCESS: ServiceType = ServiceType::OWN_PROCESS;

/// Creates (or updates) the service, creates `%ProgramData%\sheetdrop` and its data dir,
/// copies the sample config if there is none, and starts the service.
pub(super) fn install(host: &Host) -> Result<Installed, Error> {
    let (config, data_dir) = system_paths(host, Os::Windows);
    let manager = ServiceManager::local_computer(
        None::<&str>,
        ServiceManagerAccess::CONNECT | ServiceManagerAccess::CREATE_SERVICE,
    )
    .map_err(scm(Request::Connect))?;
    let info = ServiceInfo {
        name: NAME.into(),
        display_name: NAME.into(),
        service_type: OWN_PROCESS,
        start_type: ServiceStartType::AutoStart,
        error_control: ServiceErrorControl::Normal,
        executable_path: host.exe.clone(),
        launch_arguments: vec!["service".into(), "run".into()],
        dependencies: vec![],
        account_name: None, // LocalSystem
        account_password: None,
    };
    let access = ServiceAccess::CHANGE_CONFIG
        | ServiceAccess::START
        | ServiceAccess::QUERY_STATUS
        | ServiceAccess::QUERY_CONFIG;
    // A service already there (the MSI's "Service" feature, an earlier install) is kept as
    // it is and only started, as systemd's packaged unit is: no second definition.
    let (service, existing) = match manager.create_service(&info, access) {
        Ok(service) => (service, false),
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_EXISTS) => {
            let service = manager
                .open_service(NAME, access)
                .map_err(scm(Request::Open))?;
            (service, true)
        }
        Err(e) => return Err(scm(Request::Create)(e)),
    };
    if !existing {
        service
            .set_description(DESCRIPTION)
            .map_err(scm(Request::Describe))?;
        // Restarted after a crash, as systemd's Restart=on-failure.
        let restart = |secs| ServiceAction {
            action_type: ServiceActionType::Restart,
            delay: Duration::from_secs(secs),
        };
        service
            .update_failure_actions(ServiceFailureActions {
                reset_period: ServiceFailureResetPeriod::After(Duration::from_secs(24 * 3600)),
                reboot_msg: None,
                command: None,
                actions: Some(vec![restart(10), restart(60), restart(60)]),
            })
            .map_err(scm(Request::SetRestart))?;
    }
    let definition = match service.query_config() {
        Ok(c) => format!("{NAME} ({})", c.executable_path.display()),
        Err(_) => NAME.to_string(),
    };
    if let Some(dir) = config.parent() {
        create_dir(dir, Step::CreateConfigFolder)?;
    }
    let config_created = install_config(&config)?;
    create_data_dir(&data_dir)?;
    let started = match service.start(&[] as &[&OsStr]) {
        Ok(()) => Ok(()),
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_ALREADY_RUNNING) => Ok(()),
        Err(e) => Err(NotDone {
            manager: "sc".into(),
            reason: Message::verbatim(describe(&e)),
            command: format!("sc start {NAME}"),
        }),
    };
    Ok(Installed {
        definition,
        packaged: existing,
        config,
        config_created,
        data_dir,
        started,
    })
}

/// Stops the service (waiting up to 15 s) and deletes it; the config and data stay.
pub(super) fn uninstall(host: &Host) -> Result<Uninstalled, Error> {
    let (config, data_dir) = system_paths(host, Os::Windows);
    let manager = ServiceManager::local_computer(None::<&str>, ServiceManagerAccess::CONNECT)
        .map_err(scm(Request::Connect))?;
    let access = ServiceAccess::QUERY_STATUS | ServiceAccess::STOP | ServiceAccess::DELETE;
    let service = match manager.open_service(NAME, access) {
        Ok(service) => service,
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_DOES_NOT_EXIST) => {
            return Ok(Uninstalled::nothing(config, data_dir))
        }
        Err(e) => return Err(scm(Request::Open)(e)),
    };
    let mut stopped = Ok(());
    let state = |s: &windows_service::service::Service| s.query_status().map(|st| st.current_state);
    if !matches!(state(&service), Ok(ServiceState::Stopped)) {
        match service.stop() {
            Ok(_) => {}
            Err(e) if os_code(&e) == Some(ERROR_SERVICE_NOT_ACTIVE) => {}
            Err(e) => return Err(scm(Request::Stop)(e)),
        }
        let asked = Instant::now();
        while !matches!(state(&service), Ok(ServiceState::Stopped)) {
            if asked.elapsed() > STOP_WAIT {
                stopped = Err(NotDone {
                    manager: "sc".into(),
                    reason: Message::new(Text::ServiceStillRunning)
                        .with_number("n", STOP_WAIT.as_secs()),
                    command: format!("taskkill /F /FI \"SERVICES eq {NAME}\""),
                });
                break;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
    // Deleted once stopped and every handle to it is closed.
    service.delete().map_err(scm(Request::Delete))?;
    Ok(Uninstalled {
        definition: Some(NAME.to_string()),
        packaged: false,
        config,
        data_dir,
        stopped,
    })
}

/// Installed (the SCM knows it), enabled (auto start), running.
pub(super) fn status(host: &Host) -> Result<State, Error> {
    let (config, data_dir) = system_paths(host, Os::Windows);
    let manager = ServiceManager::local_computer(None::<&str>, ServiceManagerAccess::CONNECT)
        .map_err(scm(Request::Connect))?;
    let access = ServiceAccess::QUERY_STATUS | ServiceAccess::QUERY_CONFIG;
    let service = match manager.open_service(NAME, access) {
        Ok(service) => service,
        Err(e) if os_code(&e) == Some(ERROR_SERVICE_DOES_NOT_EXIST) => {
            return Ok(State::not_installed(config, data_dir))
        }
        Err(e) => return Err(scm(Request::Open)(e)),
    };
    let mut detail = None;
    let service_config = service.query_config();
    let definition = match &service_config {
        Ok(c) => format!("{NAME} ({})", c.executable_path.display()),
        Err(_) => NAME.to_string(),
    };
    let enabled = match service_config {
        Ok(c) => Some(c.start_type == ServiceStartType::AutoStart),
        Err(e) => {
            detail = Some(Message::verbatim(describe(&e)));
            None
        }
    };
    let running = match service.query_status() {
        Ok(s) => Some(s.current_state == ServiceState::Running),
        Err(e) => {
            detail.get_or_insert(Message::verbatim(describe(&e)));
            None
        }
    };
    Ok(State {
        definition: Some(definition),
        enabled,
        running,
        detail,
        config,
        data_dir,
    })
}

/// The agent and the language of the service's messages, waiting for the SCM to call
/// [`service_main`].
static BODY: Mutex<Option<(ServiceBody, Lang)>> = Mutex::new(None);
/// What the agent returned, for the dispatcher's thread.
static RESULT: Mutex<Option<Result<(), String>>> = Mutex::new(None);

define_windows_service!(ffi_service_main, service_main);

/// Runs `body` as the service: the SCM's dispatcher takes this thread until the service
/// stops and runs the service on its own. Started from a console instead (not by the SCM),
/// it says so and runs `body` in the foreground, stopped by Ctrl-C.
pub fn run_service(body: ServiceBody, lang: Lang) -> Result<(), String> {
    *lock(&BODY) = Some((body, lang));
    match service_dispatcher::start(NAME, ffi_service_main) {
        Ok(()) => lock(&RESULT)
            .take()
            .unwrap_or_else(|| Err(lang.text(Text::ServiceNeverStarted).to_string())),
        Err(e) if os_code(&e) == Some(ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) => {
            eprintln!("sheetdrop: {}", lang.text(Text::ServiceForeground));
            let (body, _) = lock(&BODY)
                .take()
                .ok_or_else(|| lang.text(Text::ServiceAlreadyRan).to_string())?;
            super::run_foreground(body, lang)
        }
        Err(e) => Err(Request::StartDispatcher.failed(describe(&e)).render(lang)),
    }
}

/// The service's main, on the SCM's thread: keeps the outcome for [`run_service`].
fn service_main(_arguments: Vec<OsString>) {
    let result = serve();
    if let Err(error) = &result {
        tracing::error!(%error, "the service stopped on an error");
    }
    *lock(&RESULT) = Some(result);
}

/// Registers the control handler (Stop, Shutdown → the stop flag, and StopPending),
/// reports Running, runs the agent, reports Stopped.
fn serve() -> Result<(), String> {
    let (body, lang) = lock(&BODY)
        .take()
        // Without the body there is no language either: the OS locale's.
        .ok_or_else(|| Lang::detect().text(Text::ServiceAlreadyRan).to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let handle: Arc<OnceLock<ServiceStatusHandle>> = Arc::default();
    let (flag, stopping) = (stop.clone(), handle.clone());
    let handler = move |control| match control {
        ServiceControl::Stop | ServiceControl::Shutdown => {
            flag.store(true, Ordering::SeqCst);
            if let Some(handle) = stopping.get() {
                // The agent stops within 10 s (a pass in progress is abandoned after 8).
                let _ = handle.set_service_status(report(
                    ServiceState::StopPending,
                    ServiceExitCode::NO_ERROR,
                    Duration::from_secs(12),
                ));
            }
            ServiceControlHandlerResult::NoError
        }
        ServiceControl::Interrogate => ServiceControlHandlerResult::NoError,
        _ => ServiceControlHandlerResult::NotImplemented,
    };
    let registered = service_control_handler::register(NAME, handler)
        .map_err(|e| Request::Register.failed(describe(&e)).render(lang))?;
    let _ = handle.set(registered);
    registered
        .set_service_status(report(
            ServiceState::Running,
            ServiceExitCode::NO_ERROR,
            Duration::ZERO,
        ))
        .map_err(|e| Request::ReportRunning.failed(describe(&e)).render(lang))?;
    let result = body(stop);
    let exit = match result {
        Ok(()) => ServiceExitCode::NO_ERROR,
        Err(_) => ServiceExitCode::ServiceSpecific(2),
    };
    let _ = registered.set_service_status(report(ServiceState::Stopped, exit, Duration::ZERO));
    result
}

/// A status report for the SCM; Running accepts Stop and Shutdown, the others nothing.
fn report(state: ServiceState, exit_code: ServiceExitCode, wait_hint: Duration) -> ServiceStatus {
    let controls_accepted = if state == ServiceState::Running {
        ServiceControlAccept::STOP | ServiceControlAccept::SHUTDOWN
    } else {
        ServiceControlAccept::empty()
    };
    ServiceStatus {
        service_type: OWN_PROCESS,
        current_state: state,
        controls_accepted,
        exit_code,
        checkpoint: 0,
        wait_hint,
        process_id: None,
    }
}

/// The Win32 error code of a failed SCM call.
fn os_code(e: &windows_service::Error) -> Option<i32> {
    match e {
        windows_service::Error::Winapi(io) => io.raw_os_error(),
        _ => None,
    }
}

/// The error with its OS message (the crate's Display alone says only "IO error").
fn describe(e: &windows_service::Error) -> String {
    match e {
        windows_service::Error::Winapi(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// A failed SCM request; access denied means the user is not an administrator.
fn scm(request: Request) -> impl FnOnce(windows_service::Error) -> Error {
    move |e| {
        if os_code(&e) == Some(ERROR_ACCESS_DENIED) {
            Error::NeedsAdmin
        } else {
            Error::Manager {
                request,
                message: describe(&e),
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

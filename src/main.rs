//! The `sheetdrop` command line: parses arguments, runs one subcommand, maps the outcome to
//! an exit code (0 ok, 1 findings, 2 usage or configuration error). No logic lives here.

use anyhow::{bail, Result};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use sheetdrop::agent::{self, Agent, Approved, DataDir};
use sheetdrop::i18n::{command_line, Lang, Message, Text};
use sheetdrop::platform::{self, Mode};
use sheetdrop::status::{Paths, Status};
use sheetdrop::{config::Config, report, state::State, validate, watch};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

#[derive(Parser)]
#[command(
    name = "sheetdrop",
    version,
    about = "Checks and publishes folders of CSV exports"
)]
struct Cli {
    /// The config file (default: the per-user, then the system-wide sheetdrop.toml).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Where state, spool, logs and the report live (default: the per-user data dir).
    #[arg(long, global = true, value_name = "PATH")]
    data_dir: Option<PathBuf>,
    /// Use the system-wide config and data dir (the service's) instead of the per-user ones.
    #[arg(long, global = true)]
    system: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every entity file in FOLDER and print a report; publishes nothing.
    Validate {
        /// The folder of CSV exports.
        folder: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run the agent: watch the folder, check each finished file, publish what is good.
    Run {
        /// Process what is in the folder now, publish, and exit (0 all published, 1 not).
        #[arg(long)]
        once: bool,
        /// No tray icon, even with a desktop session.
        #[arg(long)]
        headless: bool,
    },
    /// Show each entity's last snapshot, verdict, rows, publish time and errors.
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Release an entity's held snapshot (e.g. one the shrink guard stopped).
    Approve {
        /// The entity, as named in the config.
        entity: String,
    },
    /// Google credentials of `[destination.google]`: log in, check, log out.
    Auth {
        #[command(subcommand)]
        action: AuthAction,
    },
    /// Run as the OS's service (systemd, Windows service, launchd): install, uninstall, status.
    Service {
        #[command(subcommand)]
        action: ServiceAction,
    },
    /// Check the installation: config, folder, data dir, state store, destination, clock.
    Doctor {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// `sheetdrop service ...`: the system-wide config and data dir, always.
#[derive(Subcommand)]
enum ServiceAction {
    /// Install the service, start it at boot and now (root / Administrator).
    Install,
    /// Stop and remove the service; its config and data stay (root / Administrator).
    Uninstall,
    /// Installed? Starts at boot? Running? Exit 0 running, 3 not running, 4 not installed.
    Status,
    /// The service's entry point (`run --headless --system` under systemd and launchd).
    #[command(hide = true)]
    Run,
}

#[derive(Subcommand)]
enum AuthAction {
    /// Log in with a browser (`credentials = "oauth"`) and cache the token for the agent.
    Login {
        /// Only print the address to open; do not start a browser.
        #[arg(long)]
        no_browser: bool,
    },
    /// Say which identity publishes and whether its token works (exit 0), or why not (1).
    Status,
    /// Revoke and remove the cached login.
    Logout,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The language of this command's messages, chosen once in `main` before parsing: the
/// `language` of the config the command would read, else the OS locale's
/// (`command_line::language_for_args`).
static LANG: OnceLock<Lang> = OnceLock::new();

/// Per-user or system-wide (`--system`, `service ...`) config and data dir.
static MODE: OnceLock<Mode> = OnceLock::new();

/// The mode of this command (per-user until `run` decides).
fn mode() -> Mode {
    MODE.get().copied().unwrap_or_default()
}

/// The language of the messages ([`LANG`]).
fn lang() -> Lang {
    LANG.get().copied().unwrap_or_else(Lang::detect)
}

/// Loads the config of this command's mode.
fn load_config(path: Option<&std::path::Path>) -> Result<Config> {
    Ok(Config::load_for(path, mode())?)
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Chosen before parsing, so that `--help` and usage errors are in it too.
    let _ = LANG.set(command_line::language_for_args(&args));
    let cli = parse_cli(args, lang());
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Line by line: a TOML error's snippet spans lines; other control characters
            // (from file names or cells) are shown escaped.
            let message = sheetdrop::i18n::describe(e.as_ref(), lang());
            let lines: Vec<_> = message.lines().map(report::printable).collect();
            let prefix = lang().text(Text::CliErrorPrefix);
            eprintln!("sheetdrop: {prefix}: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

/// The command line parsed by clap's derive, with the help and the usage errors in `lang`;
/// a usage error exits 2, `--help` and `--version` exit 0.
fn parse_cli(args: Vec<std::ffi::OsString>, lang: Lang) -> Cli {
    let parsed = command_line::localize(Cli::command(), lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.unwrap_or_else(|e| match command_line::usage_error(&e, lang) {
        Some(text) => {
            eprint!("{text}");
            std::process::exit(2)
        }
        None => e.exit(),
    })
}

fn run(mut cli: Cli) -> Result<ExitCode> {
    // What the command line named, before the system-wide places fill in the rest.
    let given = (cli.config.clone(), cli.data_dir.clone());
    let manages_service = matches!(&cli.command, Command::Service { action } if !matches!(action, ServiceAction::Run));
    if !manages_service {
        // What the agent creates (state, spool, logs, report) is its owner's only; the
        // outbox gets the original umask's mode (platform::perms).
        platform::perms::restrict_umask();
    }
    if cli.system || matches!(cli.command, Command::Service { .. }) {
        // `--config` and `--data-dir` still win.
        let _ = MODE.set(Mode::System);
        cli.config = cli.config.or_else(platform::system_config_file);
        cli.data_dir = cli.data_dir.or_else(|| Some(platform::system_data_dir()));
    }
    match cli.command {
        Command::Validate { folder, format } => {
            cmd_validate(cli.config, cli.data_dir, folder, format)
        }
        Command::Run { once, headless } if once || headless => {
            cmd_run(cli.config, cli.data_dir, once, headless, None)
        }
        // With a tray: on macOS its event loop takes the main thread and the agent runs on
        // another; elsewhere this is the plain call.
        Command::Run { .. } => sheetdrop::tray::run_with_event_loop(move || {
            cmd_run(cli.config, cli.data_dir, false, false, None)
        }),
        Command::Service { action } => cmd_service(cli.config, cli.data_dir, given, action),
        Command::Status { json } => cmd_status(cli.config, cli.data_dir, json),
        Command::Approve { entity } => cmd_approve(cli.config, cli.data_dir, &entity),
        Command::Auth { action } => cmd_auth(cli.config, cli.data_dir, action),
        Command::Doctor { json } => cmd_doctor(cli.config, cli.data_dir, json),
    }
}

fn cmd_doctor(config: Option<PathBuf>, data_dir: Option<PathBuf>, json: bool) -> Result<ExitCode> {
    let doctor = sheetdrop::doctor::run(config.as_deref(), data_dir.as_deref(), mode())
        .map_err(|e| anyhow::anyhow!(e.message(lang())))?;
    if json {
        println!("{}", doctor.to_json());
    } else {
        print!("{}", doctor.to_text());
    }
    Ok(ExitCode::from(if doctor.ok() { 0 } else { 1 }))
}

fn cmd_auth(
    config: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    action: AuthAction,
) -> Result<ExitCode> {
    use sheetdrop::publish::google_auth;
    let config = load_config(config.as_deref())?;
    let lang = lang();
    let sheetdrop::config::Destination::Google(google) = &config.destination else {
        let path = config.path.as_deref().map_or_else(
            || lang.text(Text::AuthDefaultConfig).to_string(),
            |p| p.display().to_string(),
        );
        bail!(lang.format(Text::AuthNotGoogle, &[("config", &path)]));
    };
    let config_dir = config.path.as_deref().and_then(std::path::Path::parent);
    match action {
        AuthAction::Login { no_browser } => {
            match google_auth::login(google, config_dir, !no_browser, lang) {
                Ok(cache) => {
                    let path = cache.display();
                    println!("{}", lang.format(Text::AuthLoggedIn, &[("path", &path)]));
                    // Publishes that failed for want of a login are tried again at once (by
                    // the running agent, or the next `run`), not after their backoff.
                    let data = DataDir::resolve(data_dir.as_deref());
                    if data.state_db().exists() {
                        let retried = State::open(&data.state_db())
                            .and_then(|mut state| state.retry_now("google", SystemTime::now()));
                        if let Ok(n @ 1..) = retried {
                            let text =
                                lang.plural(n as u64, Text::AuthRetryOne, Text::AuthRetryMany);
                            println!("{text}");
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let text = lang.format(Text::AuthLoginFailed, &[("error", &e.render(lang))]);
                    eprintln!("sheetdrop: {text}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        AuthAction::Status => {
            let status = google_auth::status(google, config_dir);
            let identity = status.identity.render(lang);
            println!(
                "{}",
                lang.format(Text::AuthIdentity, &[("identity", &identity)])
            );
            match status.works {
                Ok(()) => {
                    println!("{}", lang.text(Text::AuthTokenWorks));
                    Ok(ExitCode::SUCCESS)
                }
                Err(why) => {
                    let why = why.render(lang);
                    println!("{}", lang.format(Text::AuthTokenFails, &[("why", &why)]));
                    Ok(ExitCode::from(1))
                }
            }
        }
        AuthAction::Logout => match google_auth::logout(google) {
            Ok(done) => {
                println!("{}", done.render(lang));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                let text = lang.format(Text::AuthLogoutFailed, &[("error", &e.render(lang))]);
                eprintln!("sheetdrop: {text}");
                Ok(ExitCode::from(1))
            }
        },
    }
}

/// `run`; `stop` is the service manager's stop request (else Ctrl-C and SIGTERM set it).
fn cmd_run(
    config: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    once: bool,
    headless: bool,
    stop: Option<Arc<AtomicBool>>,
) -> Result<ExitCode> {
    let mut config = load_config(config.as_deref())?;
    agent::apply_mode_defaults(&mut config, mode());
    let data = DataDir::resolve(data_dir.as_deref());
    // After the lock: a second `run` that fails with AlreadyRunning leaves the live agent's
    // data dir alone.
    let _lock = agent::lock_data_dir(&data)?;
    let repaired = data.make_private(&config);
    let _log = agent::init_logging(&data.logs());
    repaired.log(&data.root);
    let mut agent = Agent::new(config, data.clone())?;
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        folder = %agent.folder().display(),
        destination = %agent.destination(),
        data_dir = %data.root.display(),
        "sheetdrop agent"
    );
    let settle = Duration::from_secs(agent.config().source.settle_seconds);
    if once {
        let files = agent::settled_files(agent.folder(), settle, agent.follow_root(), |name| {
            agent.is_entity_file(name)
        })
        .map_err(|e| cannot_list(agent.folder(), &e))?;
        for path in &files.unsettled {
            let text = Message::new(Text::AgentStillWriting).with("path", path.display());
            eprintln!("sheetdrop: {}", report::printable(&text.render(lang())));
        }
        let summary = agent.process_once(&files)?;
        return Ok(ExitCode::from(if summary.all_published() { 0 } else { 1 }));
    }
    let stop = match stop {
        Some(stop) => stop,
        None => platform::stop_on_signals()
            .map_err(|e| Message::new(Text::CliStopHandler).with("error", e))?,
    };
    let tray = if headless {
        None
    } else {
        start_tray(&agent, &data)
    };
    if tray.is_some() {
        // The tray is the agent's window now: a console Windows opened for it alone goes
        // (without a tray it stays, the only sign the agent runs).
        platform::console::detach_if_own();
    }
    // Stopped within STOP_GRACE: a pass still running then is left, and redone next start.
    agent::watch_until_stopped(agent, stop, tray, agent::STOP_GRACE)?;
    Ok(ExitCode::SUCCESS)
}

/// `service install|uninstall|status` print what they did (exit codes in
/// `platform::service`); `service run` is the agent as the OS's service.
fn cmd_service(
    config: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    (given_config, given_data_dir): (Option<PathBuf>, Option<PathBuf>),
    action: ServiceAction,
) -> Result<ExitCode> {
    use sheetdrop::platform::service::{self, Action};
    let action = match action {
        ServiceAction::Install => Action::Install,
        ServiceAction::Uninstall => Action::Uninstall,
        ServiceAction::Status => Action::Status,
        ServiceAction::Run => {
            let body: service::ServiceBody = Box::new(move |stop| {
                cmd_run(config, data_dir, false, true, Some(stop))
                    .map(drop)
                    .map_err(|e| sheetdrop::i18n::describe(e.as_ref(), lang()))
            });
            service::run_service(body, lang()).map_err(anyhow::Error::msg)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    // The config (`--config`, else the system-wide one) only chooses the language here,
    // done in `main`; the service itself always uses the system-wide places, and `install`
    // says so first when others were named.
    let host = service::Host::current()?;
    if action == Action::Install {
        eprint!(
            "{}",
            service::not_used(
                &host,
                given_config.as_deref(),
                given_data_dir.as_deref(),
                lang()
            )
        );
    }
    let outcome = service::perform(action, &host, lang());
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    Ok(ExitCode::from(outcome.code))
}

/// The tray, when the desktop has one; else `None`, said once in the log.
fn start_tray(agent: &Agent, data: &DataDir) -> Option<sheetdrop::tray::Tray> {
    let ctx = sheetdrop::tray::Context {
        lang: sheetdrop::i18n::Lang::from_config(agent.config().language),
        config_path: agent.config().path.clone(),
        folder: agent.folder().to_path_buf(),
        destination: agent.destination(),
        state_db: data.state_db(),
        paths: Paths {
            data_dir: data.root.clone(),
            report: data.report_html(),
            log: data.logs(),
        },
    };
    match sheetdrop::tray::Tray::start(ctx) {
        Ok(tray) => {
            tracing::info!("tray icon shown");
            Some(tray)
        }
        Err(e) => {
            tracing::info!(reason = %e, "running headless");
            None
        }
    }
}

fn cmd_status(config: Option<PathBuf>, data_dir: Option<PathBuf>, json: bool) -> Result<ExitCode> {
    // The config only chooses the language (done in `main`), but an explicit one must load.
    if let Some(path) = config {
        load_config(Some(&path))?;
    }
    let lang = lang();
    let data = DataDir::resolve(data_dir.as_deref());
    let paths = Paths {
        data_dir: data.root.clone(),
        report: data.report_html(),
        log: data.logs(),
    };
    let status = Status::read(&data.state_db(), paths)?;
    if json {
        println!("{}", status.to_json());
    } else {
        print!("{}", status.to_text(SystemTime::now(), lang));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_approve(
    config: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    entity: &str,
) -> Result<ExitCode> {
    let config = load_config(config.as_deref())?;
    if config.catalog.get(entity).is_none() {
        let names: Vec<_> = config
            .catalog
            .entities()
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        bail!(lang().format(
            Text::ApproveUnknownEntity,
            &[
                ("entity", &format!("{entity:?}")),
                ("names", &names.join(", "))
            ]
        ));
    }
    let data = DataDir::resolve(data_dir.as_deref());
    if !data.state_db().exists() {
        let dir = data.root.display();
        bail!(lang().format(Text::ApproveNoState, &[("dir", &dir)]));
    }
    let mut state = State::open(&data.state_db())?;
    match agent::approve(&mut state, entity, agent::destination_name(&config))? {
        Approved::Released {
            file,
            rows,
            verdict,
        } => {
            let lang = lang();
            let text = lang.format(
                Text::ApproveReleased,
                &[
                    ("entity", &entity),
                    ("file", &report::printable(&file)),
                    ("verdict", &lang.verdict(&verdict).to_lowercase()),
                    ("rows", &lang.plural(rows, Text::RowsOne, Text::RowsMany)),
                ],
            );
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Approved::NothingHeld => {
            let text = lang().format(Text::ApproveNothingHeld, &[("entity", &entity)]);
            println!("{text}");
            Ok(ExitCode::from(1))
        }
    }
}

/// `validate FOLDER`: checks the folder's files as the agent would, exit 0 when all is
/// publishable. With `--data-dir`, a child whose parent's file is absent (or not accepted)
/// is checked against the parent's last accepted snapshot in the agent's state there.
fn cmd_validate(
    config: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    folder: PathBuf,
    format: Format,
) -> Result<ExitCode> {
    let config = load_config(config.as_deref())?;
    if !folder.is_dir() {
        let path = folder.display();
        bail!(lang().format(Text::CliNotAFolder, &[("path", &path)]));
    }
    // Two entities' patterns that can match one name: said, not fatal.
    for overlap in config.catalog.overlaps() {
        warn(&overlap.message().render(lang()));
    }
    let files = watch::scan_with(&config.catalog, &folder, config.source.follow_symlinks)
        .map_err(|e| cannot_list(&folder, &e))?;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(2);
    // Read only: the agent may be running on the same state. Without one, as without
    // `--data-dir`, which is said.
    let last_accepted = match data_dir.map(|dir| DataDir::resolve(Some(&dir))) {
        Some(data) => match State::open_read_only(&data.state_db()) {
            Ok(state) => Some(agent::LastAccepted::new(&state, &config)?),
            Err(sheetdrop::state::Error::Missing { .. }) => {
                let dir = data.root.display();
                warn(&lang().format(Text::CliValidateNoState, &[("dir", &dir)]));
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    // With the agent's state: parents' last accepted IDs, and each entity's last accepted
    // columns to compare headers with, as the agent does.
    let prior = |entity: &str| last_accepted.as_ref()?.get(entity);
    let hold = |report: &mut validate::EntityReport| {
        if let Some(last) = &last_accepted {
            let columns = last.columns(&report.entity);
            let policy = config.policy.on_column_change;
            validate::columns::apply(policy, columns.as_deref(), report);
        }
    };
    let result = validate::validate_batch(
        &config.catalog,
        &config.policy,
        &files,
        workers,
        &prior,
        &hold,
    );
    match format {
        Format::Json => println!("{}", report::to_json(&result)),
        Format::Text => print!(
            "{}",
            report::to_text(&result, &folder.display().to_string(), lang())
        ),
    }
    Ok(ExitCode::from(if result.ok { 0 } else { 1 }))
}

/// Prints "sheetdrop: warning: TEXT" on stderr, in the user's language, control characters
/// (from file names or cells) shown escaped.
fn warn(text: &str) {
    let prefix = lang().text(Text::CliWarningPrefix);
    eprintln!("sheetdrop: {prefix}: {}", report::printable(text));
}

/// "cannot list FOLDER: why", said in the user's language by main's error printer.
fn cannot_list(folder: &std::path::Path, error: &std::io::Error) -> Message {
    Message::new(Text::CliCannotList)
        .with("path", folder.display())
        .with_io("error", error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_its_help_in_the_i18n_table() {
        let missing = command_line::untranslated(&Cli::command());
        assert!(missing.is_empty(), "not in src/i18n/text.rs: {missing:?}");
    }
}

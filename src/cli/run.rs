//! `sheetdrop run [--once] [--headless]`: the agent. `--once` processes what is in the folder,
//! publishes and exits (0 all published, 1 not); else it watches until stopped (exit 0), with
//! the tray when the desktop has one.

use super::{cannot_list, Context, Result};
use crate::agent::{self, Agent, DataDir};
use crate::i18n::{Lang, Message, Text};
use crate::{platform, report, tray};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// Runs the agent; `stop` is the service manager's stop request (else Ctrl-C and SIGTERM
/// set it).
pub fn run(
    ctx: &Context,
    once: bool,
    headless: bool,
    stop: Option<Arc<AtomicBool>>,
) -> Result<ExitCode> {
    let mut config = ctx.load_config()?;
    agent::apply_mode_defaults(&mut config, ctx.mode);
    let data = ctx.data_dir();
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
            eprintln!("sheetdrop: {}", report::printable(&text.render(ctx.lang)));
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

/// The tray, when the desktop has one; else `None`, said once in the log.
fn start_tray(agent: &Agent, data: &DataDir) -> Option<tray::Tray> {
    let ctx = tray::Context {
        lang: Lang::from_config(agent.config().language),
        config_path: agent.config().path.clone(),
        folder: agent.folder().to_path_buf(),
        destination: agent.destination(),
        state_db: data.state_db(),
        paths: data.status_paths(),
    };
    match tray::Tray::start(ctx) {
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

//! `sheetdrop service install|uninstall|status`: the OS service, and `service run`, the agent
//! as that service. Exit codes are `platform::service`'s (status: 0 running, 3 not running,
//! 4 not installed).

use super::{Context, Result, ServiceAction};
use crate::platform::service::{self, Action};
use std::path::PathBuf;
use std::process::ExitCode;

/// Installs, uninstalls or looks at the service and prints what it did, or runs the agent as
/// the service (`service run`). `given` are the `--config` and `--data-dir` the command line
/// named, before the system-wide places filled in `ctx`: `install` says they are not used.
pub fn run(
    ctx: &Context,
    (given_config, given_data_dir): (Option<PathBuf>, Option<PathBuf>),
    action: ServiceAction,
) -> Result<ExitCode> {
    let lang = ctx.lang;
    let action = match action {
        ServiceAction::Install => Action::Install,
        ServiceAction::Uninstall => Action::Uninstall,
        ServiceAction::Status => Action::Status,
        ServiceAction::Run => {
            let ctx = ctx.clone();
            let body: service::ServiceBody = Box::new(move |stop| {
                super::run::run(&ctx, false, true, Some(stop))
                    .map(drop)
                    .map_err(|e| super::errors::describe(&*e, ctx.lang))
            });
            service::run_service(body, lang)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    // The config (`--config`, else the system-wide one) only chooses the language here,
    // done before parsing; the service itself always uses the system-wide places, and
    // `install` says so first when others were named.
    let host = service::Host::current()?;
    if action == Action::Install {
        eprint!(
            "{}",
            service::not_used(
                &host,
                given_config.as_deref(),
                given_data_dir.as_deref(),
                lang
            )
        );
    }
    let outcome = service::perform(action, &host, lang);
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    Ok(ExitCode::from(outcome.code))
}

//! `sheetdrop status [--json]`: each entity's last snapshot, verdict, rows, publish time and
//! errors, read from the state store (read-only: it works while the agent runs). Exit 0.

use super::{Context, Result};
use crate::status::Status;
use std::process::ExitCode;
use std::time::SystemTime;

/// Prints the status as text in the user's language, or JSON with `json`.
pub fn run(ctx: &Context, json: bool) -> Result<ExitCode> {
    // The config only chooses the language (done before parsing), but an explicit one must
    // load.
    if ctx.config.is_some() {
        ctx.load_config()?;
    }
    let data = ctx.data_dir();
    let status = Status::read(&data.state_db(), data.status_paths())?;
    if json {
        println!("{}", status.to_json());
    } else {
        print!("{}", status.to_text(SystemTime::now(), ctx.lang));
    }
    Ok(ExitCode::SUCCESS)
}

//! `sheetdrop doctor [--json]`: checks the installation end to end and prints what it found;
//! exit 0 sound, 1 not. Read-only.

use super::{Context, Result};
use std::process::ExitCode;

/// Runs the doctor's checks and prints them as text, or JSON with `json`.
pub fn run(ctx: &Context, json: bool) -> Result<ExitCode> {
    let doctor = crate::doctor::run(ctx.config.as_deref(), ctx.data_dir.as_deref(), ctx.mode)
        .map_err(|e| e.message(ctx.lang))?;
    if json {
        println!("{}", doctor.to_json());
    } else {
        print!("{}", doctor.to_text());
    }
    Ok(ExitCode::from(if doctor.ok() { 0 } else { 1 }))
}

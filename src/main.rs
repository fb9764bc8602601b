//! The `sheetdrop` command line: parses arguments, runs one subcommand, maps the outcome to
//! an exit code (0 ok, 1 findings, 2 usage or configuration error). No logic lives here.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use sheetdrop::{config::Config, report, validate, watch};
use std::path::PathBuf;
use std::process::ExitCode;

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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Line by line: a TOML error's snippet spans lines; other control characters
            // (from file names or cells) are shown escaped.
            let message = format!("{e:#}");
            let lines: Vec<_> = message.lines().map(report::printable).collect();
            eprintln!("sheetdrop: error: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Validate { folder, format } => cmd_validate(cli.config, folder, format),
    }
}

fn cmd_validate(config: Option<PathBuf>, folder: PathBuf, format: Format) -> Result<ExitCode> {
    let config = Config::load(config.as_deref())?;
    if !folder.is_dir() {
        bail!("{} is not a folder", folder.display());
    }
    let files = watch::scan(&config.catalog, &folder)
        .with_context(|| format!("cannot list {}", folder.display()))?;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(2);
    let result = validate::validate_files(&config.catalog, &config.policy, &files, workers);
    match format {
        Format::Json => println!("{}", report::to_json(&result)),
        Format::Text => print!(
            "{}",
            report::to_text(&result, &folder.display().to_string())
        ),
    }
    Ok(ExitCode::from(if result.ok { 0 } else { 1 }))
}

//! The command line's shape: clap's derive definitions of every command, option and argument.
//! Their English help is the derive's (doc comments); what people see is translated by
//! [`super::help::localize`], and each entry must be in its table (the test below).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The whole command line: the global options and one command.
#[derive(Debug, Parser)]
#[command(
    name = "sheetdrop",
    version,
    about = "Checks and publishes folders of CSV exports"
)]
pub struct Cli {
    /// The config file (default: the per-user, then the system-wide sheetdrop.toml).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Where state, spool, logs and the report live (default: the per-user data dir).
    #[arg(long, global = true, value_name = "PATH")]
    pub data_dir: Option<PathBuf>,
    /// Use the system-wide config and data dir (the service's) instead of the per-user ones.
    #[arg(long, global = true)]
    pub system: bool,
    /// The command (clap's derive takes no help from a subcommand field's doc).
    #[command(subcommand)]
    pub command: Command,
}

/// A command and its own arguments.
#[derive(Debug, Subcommand)]
pub enum Command {
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
        /// What to do.
        #[command(subcommand)]
        action: AuthAction,
    },
    /// Run as the OS's service (systemd, Windows service, launchd): install, uninstall, status.
    Service {
        /// What to do.
        #[command(subcommand)]
        action: ServiceAction,
    },
    /// Write a config from the exports in FOLDER and check the folder with it.
    Init {
        /// The folder of exports (default: the configured or default one).
        #[arg(value_name = "FOLDER")]
        folder: Option<PathBuf>,
        /// Replace the config file if it already exists.
        #[arg(long)]
        force: bool,
        /// Use a known catalog, matched to the files.
        #[arg(long, value_enum)]
        preset: Option<Preset>,
    },
    /// Check the installation: config, folder, data dir, state store, destination, clock.
    Doctor {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// `sheetdrop service ...`: the system-wide config and data dir, always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum ServiceAction {
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

/// `sheetdrop auth ...`: the Google login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum AuthAction {
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

/// `init --preset`: a known catalog.
#[allow(missing_docs)] // Doc comments here would become clap's help of each value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    Tecnom,
}

/// `validate --format`: how the report is printed.
#[allow(missing_docs)] // Doc comments here would become clap's help of each value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_command_and_option_has_its_help_in_the_i18n_table() {
        let missing = super::super::help::untranslated(&Cli::command());
        assert!(missing.is_empty(), "not in src/i18n/text.rs: {missing:?}");
    }
}

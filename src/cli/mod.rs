//! The command line: clap's definitions ([`Cli`], `args.rs`) and their help and usage errors
//! in the user's language ([`help`]), the dispatch ([`run`]), and one file per command, each
//! with its printing and its exit code. `main.rs` only parses and calls [`run`].
//!
//! Exit codes: 0 ok; 1 findings (something not accepted, published, held, working...; each
//! command says which); 2 a usage or configuration error, or any other error a command
//! returns ([`print_error`] says it); `service status` adds 3 (not running) and 4 (not
//! installed). What a command needs to know besides its own arguments — the language, the
//! mode, the config and data dir named — is a [`Context`], decided once by [`run`].

pub mod approve;
mod args;
pub mod auth;
pub mod doctor;
mod errors;
pub mod help;
pub mod init;
pub mod run;
pub mod service;
pub mod status;
pub mod validate;

pub use args::{AuthAction, Cli, Command, Format, Preset, ServiceAction};

use crate::agent::DataDir;
use crate::config::Config;
use crate::i18n::{Lang, Message, Text};
use crate::platform::{self, Mode};
use crate::report;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Why a command could not run: any error, said to people by [`print_error`] (exit 2).
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A command's outcome: its exit code, or why it could not run.
pub type Result<T> = std::result::Result<T, Error>;

/// What every command is given besides its own arguments, decided once before it runs.
#[derive(Debug, Clone)]
pub struct Context {
    /// The language of the messages, chosen before parsing ([`help::language_for_args`]):
    /// the `language` of the config the command would read, else the OS locale's.
    pub lang: Lang,
    /// Per-user, or system-wide (`--system`, `service ...`).
    pub mode: Mode,
    /// `--config`; system-wide, else the system-wide config file.
    pub config: Option<PathBuf>,
    /// `--data-dir`; system-wide, else the system-wide data dir.
    pub data_dir: Option<PathBuf>,
}

impl Context {
    /// The context of command line `cli`, its messages in `lang`: system-wide with
    /// `--system` and for `service ...`, where the system-wide config and data dir fill in
    /// what `--config` and `--data-dir` did not name; else per-user, as named.
    pub fn of(cli: &Cli, lang: Lang) -> Context {
        let mut ctx = Context {
            lang,
            mode: Mode::default(),
            config: cli.config.clone(),
            data_dir: cli.data_dir.clone(),
        };
        if cli.system || matches!(cli.command, Command::Service { .. }) {
            // `--config` and `--data-dir` still win.
            ctx.mode = Mode::System;
            ctx.config = ctx.config.or_else(platform::system_config_file);
            ctx.data_dir = ctx.data_dir.or_else(|| Some(platform::system_data_dir()));
        }
        ctx
    }

    /// Loads the config of this command's mode (`--config`, else the one found).
    pub fn load_config(&self) -> Result<Config> {
        Ok(Config::load_for(self.config.as_deref(), self.mode)?)
    }

    /// The data dir: `--data-dir` (or the system-wide one), else the per-user one.
    pub fn data_dir(&self) -> DataDir {
        DataDir::resolve(self.data_dir.as_deref())
    }
}

/// Runs the parsed command line with its messages in `lang`; returns the exit code, or the
/// error that stopped the command (exit 2).
pub fn run(cli: Cli, lang: Lang) -> Result<ExitCode> {
    // What the command line named, before the system-wide places fill in the rest.
    let given = (cli.config.clone(), cli.data_dir.clone());
    let manages_service = matches!(&cli.command, Command::Service { action } if !matches!(action, ServiceAction::Run));
    if !manages_service {
        // What the agent creates (state, spool, logs, report) is its owner's only; the
        // outbox gets the original umask's mode (platform::perms).
        platform::perms::restrict_umask();
    }
    let ctx = Context::of(&cli, lang);
    match cli.command {
        Command::Validate { folder, format } => validate::run(&ctx, &folder, format),
        Command::Run { once, headless } if once || headless => run::run(&ctx, once, headless, None),
        // With a tray: on macOS its event loop takes the main thread and the agent runs on
        // another; elsewhere this is the plain call.
        Command::Run { .. } => {
            crate::tray::run_with_event_loop(move || run::run(&ctx, false, false, None))
        }
        Command::Service { action } => service::run(&ctx, given, action),
        Command::Status { json } => status::run(&ctx, json),
        Command::Approve { entity } => approve::run(&ctx, &entity),
        Command::Auth { action } => auth::run(&ctx, action),
        Command::Doctor { json } => doctor::run(&ctx, json),
        Command::Init {
            folder,
            force,
            preset,
        } => init::run(&ctx, folder.as_deref(), force, preset),
    }
}

/// Prints a command's error on stderr, "sheetdrop: error: ..." in `lang`: line by line (a
/// TOML error's snippet spans lines), other control characters (from file names or cells)
/// shown escaped.
pub fn print_error(error: &(dyn std::error::Error + 'static), lang: Lang) {
    let message = errors::describe(error, lang);
    let lines: Vec<_> = message.lines().map(report::printable).collect();
    let prefix = lang.text(Text::CliErrorPrefix);
    eprintln!("sheetdrop: {prefix}: {}", lines.join("\n"));
}

/// Prints "sheetdrop: warning: TEXT" on stderr, in `lang`, control characters (from file
/// names or cells) shown escaped.
fn warn(lang: Lang, text: &str) {
    let prefix = lang.text(Text::CliWarningPrefix);
    eprintln!("sheetdrop: {prefix}: {}", report::printable(text));
}

/// "cannot list FOLDER: why", said in the user's language by [`print_error`].
fn cannot_list(folder: &Path, error: &std::io::Error) -> Message {
    Message::new(Text::CliCannotList)
        .with("path", folder.display())
        .with_io("error", error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn context(args: &[&str]) -> Context {
        Context::of(&Cli::parse_from(args), Lang::En)
    }

    #[test]
    fn system_wide_places_fill_in_what_the_command_line_did_not_name() {
        let ctx = context(&["sheetdrop", "status", "--data-dir", "d"]);
        assert_eq!(ctx.mode, Mode::User);
        assert_eq!((ctx.config, ctx.data_dir), (None, Some("d".into())));

        let ctx = context(&["sheetdrop", "status", "--system", "--config", "c.toml"]);
        assert_eq!(ctx.mode, Mode::System);
        assert_eq!(ctx.config, Some("c.toml".into()), "--config still wins");
        assert_eq!(ctx.data_dir, Some(platform::system_data_dir()));

        let ctx = context(&["sheetdrop", "service", "status", "--data-dir", "d"]);
        assert_eq!(ctx.mode, Mode::System, "the service is system-wide");
        assert_eq!(ctx.config, platform::system_config_file());
        assert_eq!(ctx.data_dir, Some("d".into()));
        assert_eq!(ctx.lang, Lang::En);
    }
}

//! The `sheetdrop` command line: parses the arguments, runs the command (`sheetdrop::cli`),
//! maps the outcome to an exit code (0 ok, 1 findings, 2 usage or configuration error). No
//! logic lives here.

use clap::{CommandFactory, FromArgMatches};
use sheetdrop::cli::{self, help, Cli};
use sheetdrop::i18n::Lang;
use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // Chosen before parsing, so that `--help` and usage errors are in it too.
    let lang = help::language_for_args(&args);
    let cli = parse(args, lang);
    match cli::run(cli, lang) {
        Ok(code) => code,
        Err(e) => {
            cli::print_error(&*e, lang);
            ExitCode::from(2)
        }
    }
}

/// The command line parsed by clap's derive, with the help and the usage errors in `lang`;
/// a usage error exits 2, `--help` and `--version` exit 0.
fn parse(args: Vec<OsString>, lang: Lang) -> Cli {
    let parsed = help::localize(Cli::command(), lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.unwrap_or_else(|e| match help::usage_error(&e, lang) {
        Some(text) => {
            eprint!("{text}");
            std::process::exit(2)
        }
        None => e.exit(),
    })
}

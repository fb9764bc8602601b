//! The command line in the user's language: clap's `--help` (about, argument help, value
//! names, headings) and its usage errors. Parsing keeps clap's derive ([`super::Cli`]); the
//! `Command` is built with `Cli::command()` and handed to [`localize`] before parsing,
//! which overwrites every text from the [`Text`] table. Usage errors are worded by
//! [`usage_error`], every kind sheetdrop's arguments can cause; the kinds they cannot keep
//! clap's own (English) text.
//!
//! The language is chosen before anything is parsed ([`language_for_args`]): the `language`
//! of the config file `--config` names, else of the one found per-user (or system-wide with
//! `--system` and `service`), else the OS locale.

use crate::config::{self, Language};
use crate::i18n::{Lang, Text};
use crate::platform::Mode;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use std::ffi::OsString;
use std::path::PathBuf;

/// The language of the messages for the raw command line `args` (program name first), read
/// before parsing them.
pub fn language_for_args(args: &[OsString]) -> Lang {
    let peek = Peek::of(args);
    let language = config::language_for(peek.config.as_deref(), peek.mode);
    Lang::from_config(language.unwrap_or(Language::Auto))
}

/// What the raw arguments say about where the config is.
#[derive(Debug, Default, PartialEq)]
struct Peek {
    config: Option<PathBuf>,
    mode: Mode,
}

impl Peek {
    fn of(args: &[OsString]) -> Peek {
        let mut peek = Peek::default();
        let mut subcommand = None;
        let mut rest = args.iter().skip(1);
        while let Some(arg) = rest.next() {
            let text = arg.to_string_lossy();
            if text == "--" {
                break;
            } else if text == "--config" {
                peek.config = rest.next().map(PathBuf::from);
            } else if let Some(path) = text.strip_prefix("--config=") {
                peek.config = Some(PathBuf::from(path));
            } else if text == "--data-dir" {
                rest.next();
            } else if text == "--system" {
                peek.mode = Mode::System;
            } else if !text.starts_with('-') && subcommand.is_none() {
                subcommand = Some(text.into_owned());
            }
        }
        if subcommand.as_deref() == Some("service") {
            peek.mode = Mode::System;
        }
        peek
    }
}

/// `cmd` (the whole program, from `Cli::command()`) with its help in `lang`.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    // Built first, so that `--help`, `--version`, the `help` subcommand and the global
    // options copied into each subcommand exist and are translated too.
    cmd.build();
    localize_command(cmd, "", lang)
}

fn localize_command(cmd: Command, path: &str, lang: Lang) -> Command {
    let usage = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}{}:{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}",
        lang.text(Text::HelpUsage)
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(lang.text(Text::HelpCommands))
        .subcommand_value_name(lang.text(Text::HelpValueCommand))
        .mut_args(|arg| localize_arg(arg, path, lang));
    if let Some(key) = about(path) {
        cmd = cmd.about(lang.text(key));
    }
    // The usage line with the translated value names, and "[OPTIONS]" in words.
    let rendered = cmd.render_usage().to_string();
    let line = rendered
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(&rendered)
        .trim()
        .replace("[OPTIONS]", lang.text(Text::HelpOptionsPlaceholder));
    cmd = cmd.override_usage(line);
    cmd.mut_subcommands(|sub| {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        localize_command(sub, &sub_path, lang)
    })
}

fn localize_arg(arg: Arg, path: &str, lang: Lang) -> Arg {
    let mut arg = match arg_help(path, arg.get_id().as_str()) {
        Some(key) => arg.help(lang.text(key)),
        None => arg,
    };
    let names: Option<Vec<clap::builder::Str>> = arg.get_value_names().map(|names| {
        names
            .iter()
            .map(|name| match value_name(name.as_str()) {
                Some(key) => lang.text(key).into(),
                None => name.clone(),
            })
            .collect()
    });
    if let Some(names) = names {
        arg = arg.value_names(names);
    }
    if !arg.get_possible_values().is_empty() {
        // The help text says the choices and the default in words.
        arg = arg.hide_possible_values(true).hide_default_value(true);
    }
    let heading = if arg.is_positional() {
        Text::HelpArguments
    } else {
        Text::HelpOptions
    };
    arg.help_heading(lang.text(heading))
}

/// The about of the command at `path` ("" for the program, "auth login", ...).
fn about(path: &str) -> Option<Text> {
    let last = path.rsplit(' ').next().unwrap_or("");
    // The `help` subcommand's tree mirrors the commands: "auth help login" is "auth login".
    let words: Vec<&str> = path.split(' ').collect();
    if let Some(at) = words.iter().position(|w| *w == "help") {
        if at + 1 < words.len() {
            let mirrored: Vec<&str> = words[..at]
                .iter()
                .chain(&words[at + 1..])
                .copied()
                .collect();
            return about(&mirrored.join(" "));
        }
    }
    Some(match path {
        "" => Text::HelpAbout,
        "validate" => Text::HelpValidate,
        "run" => Text::HelpRun,
        "status" => Text::HelpStatus,
        "approve" => Text::HelpApprove,
        "auth" => Text::HelpAuth,
        "auth login" => Text::HelpAuthLogin,
        "auth status" => Text::HelpAuthStatus,
        "auth logout" => Text::HelpAuthLogout,
        "service" => Text::HelpService,
        "service install" => Text::HelpServiceInstall,
        "service uninstall" => Text::HelpServiceUninstall,
        "service status" => Text::HelpServiceStatus,
        "service run" => Text::HelpServiceRun,
        "doctor" => Text::HelpDoctor,
        "init" => Text::HelpInit,
        _ if last == "help" => Text::HelpHelpCommand,
        _ => return None,
    })
}

/// The help of argument `id` of the command at `path`.
fn arg_help(path: &str, id: &str) -> Option<Text> {
    let last = path.rsplit(' ').next().unwrap_or("");
    Some(match (path, id) {
        (_, "config") => Text::HelpArgConfig,
        (_, "data_dir") => Text::HelpArgDataDir,
        (_, "system") => Text::HelpArgSystem,
        (_, "help") => Text::HelpPrintHelp,
        (_, "version") => Text::HelpPrintVersion,
        ("validate", "folder") => Text::HelpArgFolder,
        ("validate", "format") => Text::HelpArgFormat,
        ("run", "once") => Text::HelpArgOnce,
        ("run", "headless") => Text::HelpArgHeadless,
        ("status" | "doctor", "json") => Text::HelpArgJson,
        ("approve", "entity") => Text::HelpArgEntity,
        ("init", "folder") => Text::HelpArgInitFolder,
        ("init", "force") => Text::HelpArgForce,
        ("init", "preset") => Text::HelpArgPreset,
        ("auth login", "no_browser") => Text::HelpArgNoBrowser,
        (_, "subcommand") if last == "help" => Text::HelpHelpSubcommands,
        _ => return None,
    })
}

/// The translation of a value name (`<PATH>`, `<FOLDER>`...).
fn value_name(name: &str) -> Option<Text> {
    Some(match name {
        "PATH" => Text::HelpValuePath,
        "FOLDER" => Text::HelpValueFolder,
        "ENTITY" => Text::HelpValueEntity,
        "FORMAT" => Text::HelpValueFormat,
        "COMMAND" => Text::HelpValueCommand,
        "PRESET" => Text::HelpValuePreset,
        _ => return None,
    })
}

/// Every command and argument of `cmd` (already [`localize`]d or not) that has no entry in
/// the table, as "path" or "path --id": a new subcommand or option must be translated.
pub fn untranslated(cmd: &Command) -> Vec<String> {
    let mut cmd = cmd.clone();
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, "", &mut missing);
    missing
}

fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
    if about(path).is_none() {
        missing.push(format!("command {path:?}"));
    }
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if arg_help(path, id).is_none() {
            missing.push(format!("{path:?} argument {id}"));
        }
        let names = match arg.get_action().takes_values() {
            true => arg.get_value_names().unwrap_or_default(),
            false => &[],
        };
        for name in names {
            if value_name(name.as_str()).is_none() {
                missing.push(format!("{path:?} value name {name}"));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        walk(sub, &sub_path, missing);
    }
}

/// A usage error in `lang`, with the usage line and where to find more; `None` for help and
/// version requests (clap prints those) and for the kinds this program's arguments cannot
/// cause (a value without `=` where one is required, too few or a wrong number of values, a
/// custom parser's refusal, a subcommand that excludes an option), left in clap's words.
pub fn usage_error(err: &clap::Error, lang: Lang) -> Option<String> {
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let first = match err.kind() {
        ErrorKind::InvalidSubcommand => lang.format(
            Text::UsageUnknownCommand,
            &[("name", &string(ContextKind::InvalidSubcommand)?)],
        ),
        ErrorKind::UnknownArgument => lang.format(
            Text::UsageUnknownArgument,
            &[("name", &string(ContextKind::InvalidArg)?)],
        ),
        ErrorKind::MissingRequiredArgument => lang.format(
            Text::UsageMissing,
            &[("names", &string(ContextKind::InvalidArg)?)],
        ),
        ErrorKind::InvalidValue => {
            let arg = string(ContextKind::InvalidArg)?;
            let value = string(ContextKind::InvalidValue)?;
            let mut text = if value.is_empty() {
                lang.format(Text::UsageValueMissing, &[("arg", &arg)])
            } else {
                lang.format(Text::UsageInvalidValue, &[("value", &value), ("arg", &arg)])
            };
            // A path or a name has no list of values: clap gives an empty one.
            if let Some(values) = string(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
                text.push_str("\n  ");
                text.push_str(&lang.format(Text::UsageValidValues, &[("values", &values)]));
            }
            text
        }
        ErrorKind::ArgumentConflict => {
            let arg = string(ContextKind::InvalidArg)?;
            let others = match err.get(ContextKind::PriorArg) {
                Some(ContextValue::String(prior)) => vec![prior.clone()],
                Some(ContextValue::Strings(prior)) => prior.clone(),
                _ => return None,
            };
            if others == [arg.as_str()] {
                // The same option twice: a conflict with itself.
                lang.format(Text::UsageRepeated, &[("arg", &arg)])
            } else {
                let others: Vec<String> = others.iter().map(|o| format!("'{o}'")).collect();
                lang.format(
                    Text::UsageConflict,
                    &[("arg", &arg), ("others", &others.join(", "))],
                )
            }
        }
        ErrorKind::MissingSubcommand => {
            let name = string(ContextKind::InvalidSubcommand)?;
            let mut text = lang.format(Text::UsageMissingCommand, &[("name", &name)]);
            if let Some(names) = string(ContextKind::ValidSubcommand).filter(|v| !v.is_empty()) {
                text.push_str("\n  ");
                text.push_str(&lang.format(Text::UsageValidCommands, &[("names", &names)]));
            }
            text
        }
        ErrorKind::TooManyValues => lang.format(
            Text::UsageUnexpectedValue,
            &[
                ("arg", &string(ContextKind::InvalidArg)?),
                ("value", &string(ContextKind::InvalidValue)?),
            ],
        ),
        ErrorKind::InvalidUtf8 => lang.text(Text::UsageInvalidUtf8).to_string(),
        _ => return None,
    };
    let mut text = format!("{}: {first}", lang.text(Text::CliErrorPrefix));
    let similar = [
        (ContextKind::SuggestedSubcommand, Text::UsageSimilarCommand),
        (ContextKind::SuggestedArg, Text::UsageSimilarArgument),
        (ContextKind::SuggestedValue, Text::UsageSimilarValue),
    ];
    for (kind, key) in similar {
        if let Some(name) = string(kind) {
            let tip = lang.format(key, &[("name", &name)]);
            text.push_str(&format!(
                "\n\n  {}",
                lang.format(Text::UsageTip, &[("tip", &tip)])
            ));
        }
    }
    if let Some(usage) = string(ContextKind::Usage) {
        let line = usage.trim();
        let line = line.strip_prefix("Usage:").unwrap_or(line).trim();
        text.push_str(&format!("\n\n{}: {line}", lang.text(Text::HelpUsage)));
    }
    text.push_str(&format!("\n\n{}\n", lang.text(Text::UsageMoreInfo)));
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_config_and_mode_are_peeked_from_raw_arguments() {
        let p = Peek::of(&args(&["sheetdrop", "validate", "--config", "a.toml", "."]));
        assert_eq!(p.config, Some(PathBuf::from("a.toml")));
        assert_eq!(p.mode, Mode::User);
        let p = Peek::of(&args(&[
            "sheetdrop",
            "--config=b.toml",
            "status",
            "--system",
        ]));
        assert_eq!(
            (p.config, p.mode),
            (Some(PathBuf::from("b.toml")), Mode::System)
        );
        let p = Peek::of(&args(&["sheetdrop", "--data-dir", "service", "status"]));
        assert_eq!(p.mode, Mode::User, "`service` here is --data-dir's value");
        let p = Peek::of(&args(&["sheetdrop", "service", "status"]));
        assert_eq!(p.mode, Mode::System);
    }

    fn program() -> Command {
        Command::new("prog")
            .about("x")
            .subcommand_required(true)
            .arg(
                Arg::new("config")
                    .long("config")
                    .value_name("PATH")
                    .global(true),
            )
            .subcommand(
                Command::new("validate")
                    .arg(Arg::new("folder").value_name("FOLDER").required(true)),
            )
            .subcommand(Command::new("status").arg(Arg::new("verbose").long("verbose").num_args(0)))
    }

    #[test]
    fn help_is_translated_with_headings_and_value_names() {
        let mut cmd = localize(program(), Lang::Es);
        let help = cmd.render_help().to_string();
        for expected in [
            "Revisa y publica",
            "Uso: prog [OPCIONES] <COMANDO>",
            "Comandos:",
            "Opciones:",
            "--config <RUTA>",
            "Muestra la ayuda",
            "Muestra esta ayuda o la de los comandos indicados",
        ] {
            assert!(help.contains(expected), "{expected:?} in:\n{help}");
        }
        let validate = cmd.find_subcommand_mut("validate").unwrap();
        let help = validate.render_help().to_string();
        assert!(
            help.contains("Argumentos:") && help.contains("<CARPETA>"),
            "{help}"
        );
        assert!(
            !help.contains("Usage") && !help.contains("Options"),
            "{help}"
        );
        let missing = untranslated(&program());
        assert_eq!(missing, ["\"status\" argument verbose"], "not in the table");
    }

    #[test]
    fn usage_errors_in_three_languages() {
        let error = |lang, argv: &[&str]| {
            let e = localize(program(), lang)
                .try_get_matches_from(argv)
                .unwrap_err();
            usage_error(&e, lang)
        };
        let text = error(Lang::Es, &["prog", "valdate"]).unwrap();
        assert!(
            text.starts_with("error: el comando 'valdate' no existe"),
            "{text}"
        );
        assert!(text.contains("'validate'"), "the similar one: {text}");
        assert!(text.contains("Uso: prog [OPCIONES] <COMANDO>"), "{text}");
        let text = error(Lang::PtBr, &["prog", "validate"]).unwrap();
        assert!(
            text.starts_with("erro: faltam dados obrigatórios: <PASTA>"),
            "{text}"
        );
        let text = error(Lang::En, &["prog", "status", "--verbse"]).unwrap();
        assert!(
            text.contains("unexpected argument '--verbse' found"),
            "{text}"
        );
        assert!(
            text.contains("For more information, try '--help'."),
            "{text}"
        );
        assert!(
            error(Lang::Es, &["prog", "--help"]).is_none(),
            "help is clap's to print"
        );
    }

    #[test]
    fn the_rarer_usage_errors_in_three_languages() {
        let error = |lang, cmd: Command, argv: Vec<OsString>| {
            let e = localize(cmd, lang).try_get_matches_from(argv).unwrap_err();
            usage_error(&e, lang).expect("worded")
        };
        let text = error(
            Lang::Es,
            program(),
            args(&["prog", "status", "--verbose", "--verbose"]),
        );
        assert!(
            text.starts_with("error: la opción '--verbose' va una sola vez\n"),
            "{text}"
        );
        assert!(text.contains("Uso: prog status [OPCIONES]"), "{text}");
        let text = error(
            Lang::En,
            program(),
            args(&["prog", "status", "--verbose", "--verbose"]),
        );
        assert!(
            text.starts_with("error: the argument '--verbose' cannot be used multiple times"),
            "{text}"
        );
        let text = error(
            Lang::PtBr,
            program(),
            args(&["prog", "status", "--verbose=sim"]),
        );
        assert!(
            text.starts_with("erro: '--verbose' não leva mais valores: sobra 'sim'\n"),
            "{text}"
        );
        let text = error(Lang::Es, program(), args(&["prog", "--config", "x.toml"]));
        assert!(
            text.starts_with(
                "error: falta el comando después de 'prog'\n  comandos: validate, status, help\n"
            ),
            "{text}"
        );
        let text = error(Lang::En, program(), args(&["prog", "--config", "x.toml"]));
        assert!(
            text.starts_with("error: 'prog' requires a subcommand but one was not provided"),
            "{text}"
        );

        // Options that exclude each other (sheetdrop has none yet), and a value that is not
        // text.
        let exclusive = || {
            Command::new("prog")
                .arg(Arg::new("a").long("a").num_args(0).conflicts_with("b"))
                .arg(Arg::new("b").long("b").num_args(0))
                .arg(Arg::new("name"))
        };
        let text = error(Lang::PtBr, exclusive(), args(&["prog", "--b", "--a"]));
        assert!(
            text.starts_with("erro: a opção '--b' não pode ir junto com '--a'\n"),
            "{text}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let argv = vec![OsString::from("prog"), OsString::from_vec(vec![0xff])];
            let text = error(Lang::Es, exclusive(), argv);
            assert!(
                text.starts_with("error: algún argumento no es texto UTF-8 válido\n"),
                "{text}"
            );
        }

        // `--config` without its value: no empty list of possible values after it.
        let text = error(Lang::Es, program(), args(&["prog", "--config"]));
        assert!(
            text.starts_with("error: falta el valor de '--config <RUTA>'\n\n"),
            "{text}"
        );
        assert!(!text.contains("valores posibles"), "{text}");
    }
}

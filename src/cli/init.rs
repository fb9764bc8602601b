//! `sheetdrop init [FOLDER] [--config PATH] [--force] [--preset tecnom]`: writes a config inferred from the
//! exports in FOLDER ([`crate::init`]), then checks the folder with it and prints the
//! summary, as `validate` does. FOLDER: the configured watched folder, else the default one;
//! PATH: `--config`, else the per-user config file. An existing file is replaced only with
//! `--force`. With `--preset tecnom`, the TECNOM catalog's entities and dependencies matched
//! to the files ([`init::preset`]), what cannot be matched said. Exit 0 written and every file accepted, 1 written but the folder has errors,
//! 2 nothing written.

use super::{cannot_list, validate, warn, Context, Format, Preset, Result};
use crate::config::Config;
use crate::i18n::{Message, Text};
use crate::platform::paths::{self, Env, Os};
use crate::{agent, init, snapshot};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs `init`; see the module doc.
pub fn run(
    ctx: &Context,
    folder: Option<&Path>,
    force: bool,
    preset: Option<Preset>,
) -> Result<ExitCode> {
    let lang = ctx.lang;
    let folder = match folder {
        Some(folder) => folder.to_path_buf(),
        // The configured folder when a config loads; the default one otherwise.
        None => agent::watched_folder(&ctx.load_config().unwrap_or_default()),
    };
    let target = config_path(ctx)?;
    if target.exists() && !force {
        let path = target.display();
        return Err(lang.format(Text::InitExists, &[("path", &path)]).into());
    }
    if !folder.is_dir() {
        let path = folder.display();
        return Err(lang.format(Text::CliNotAFolder, &[("path", &path)]).into());
    }
    let folder = std::path::absolute(&folder).unwrap_or(folder);
    let (facts, unreadable) =
        init::read::read_folder(&folder).map_err(|e| cannot_list(&folder, &e))?;
    for u in &unreadable {
        let text = Message::new(Text::InitUnreadable)
            .with("file", &u.file)
            .with_io("error", &u.error);
        warn(lang, &text.render(lang));
    }
    if facts.is_empty() {
        let path = folder.display();
        return Err(lang
            .format(Text::InitNoExports, &[("folder", &path)])
            .into());
    }
    let mut plan = init::infer::plan(facts);
    if let Some(Preset::Tecnom) = preset {
        plan = init::preset::apply(plan, init::preset::TECNOM);
        for note in &plan.notes {
            warn(lang, &init::write::note_message(note).render(lang));
        }
        if plan.entities.is_empty() {
            let path = folder.display();
            return Err(lang
                .format(Text::InitNoExports, &[("folder", &path)])
                .into());
        }
    }
    let text = init::write::to_toml(&plan, &folder, lang);
    // What is written must load: a bug here must not leave a config the agent refuses.
    Config::from_toml(&text, &target)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    snapshot::write_atomic(&target, text.as_bytes())?;
    let refs = plan.entities.iter().flat_map(|e| &e.refs);
    let active = refs.clone().filter(|r| r.doubt.is_none()).count() as u64;
    let doubtful = refs.count() as u64 - active;
    let wrote = Message::new(Text::InitWrote)
        .with("path", target.display())
        .with("entities", lang.number(plan.entities.len() as u64))
        .with("refs", lang.number(active))
        .with("doubtful", lang.number(doubtful));
    println!(
        "{}\n\n{}",
        wrote.render(lang),
        lang.text(Text::InitCheckedWith)
    );
    tracing::info!(path = %target.display(), entities = plan.entities.len(), "init wrote a config");
    // The folder checked with the new config, as `validate` does (no agent state).
    let checking = Context {
        config: Some(target),
        data_dir: None,
        ..ctx.clone()
    };
    match validate::run(&checking, &folder, Format::Text) {
        Ok(code) => Ok(code),
        Err(e) => {
            super::print_error(e.as_ref(), lang);
            Ok(ExitCode::from(1))
        }
    }
}

/// Where the config is written: `--config`, else the first config file of this mode's
/// places (per-user: the per-user config file).
fn config_path(ctx: &Context) -> Result<PathBuf> {
    if let Some(path) = &ctx.config {
        return Ok(path.clone());
    }
    paths::config_search_paths(Os::current(), ctx.mode, &Env::current())
        .into_iter()
        .next()
        .ok_or_else(|| "no place for a config file".into())
}

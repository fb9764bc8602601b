//! `sheetdrop validate FOLDER [--format text|json]`: checks the folder's files as the agent
//! would and prints the report; publishes nothing. Exit 0 every file accepted, 1 not.

use super::{cannot_list, warn, Context, Format, Result};
use crate::agent::{self, DataDir};
use crate::i18n::Text;
use crate::state::State;
use crate::{report, validate, watch};
use std::path::Path;
use std::process::ExitCode;

/// Checks `folder` and prints the report. With `--data-dir`, a child whose parent's file is
/// absent (or not accepted) is checked against the parent's last accepted snapshot in the
/// agent's state there, and each entity's columns against its last accepted ones.
pub fn run(ctx: &Context, folder: &Path, format: Format) -> Result<ExitCode> {
    let lang = ctx.lang;
    let config = ctx.load_config()?;
    if !folder.is_dir() {
        let path = folder.display();
        return Err(lang.format(Text::CliNotAFolder, &[("path", &path)]).into());
    }
    // Two entities' patterns that can match one name: said, not fatal.
    for overlap in config.catalog.overlaps() {
        warn(lang, &overlap.message().render(lang));
    }
    let files = watch::scan_with(&config.catalog, folder, config.source.follow_symlinks)
        .map_err(|e| cannot_list(folder, &e))?;
    // Read only: the agent may be running on the same state. Without one, as without
    // `--data-dir`, which is said.
    let last_accepted = match ctx
        .data_dir
        .as_deref()
        .map(|dir| DataDir::resolve(Some(dir)))
    {
        Some(data) => match State::open_read_only(&data.state_db()) {
            Ok(state) => Some(agent::LastAccepted::new(&state, &config)?),
            Err(crate::state::Error::Missing { .. }) => {
                let dir = data.root.display();
                warn(
                    lang,
                    &lang.format(Text::CliValidateNoState, &[("dir", &dir)]),
                );
                None
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    // With the agent's state: parents' last accepted IDs, and each entity's last accepted
    // columns to compare headers with, as the agent does.
    let prior = |entity: &str| last_accepted.as_ref()?.get(entity);
    let hold = |report: &mut validate::EntityReport| {
        if let Some(last) = &last_accepted {
            let columns = last.columns(&report.entity);
            let policy = config.policy.on_column_change;
            validate::columns::apply(policy, columns.as_deref(), report);
        }
    };
    let result = validate::validate_batch(
        &config.catalog,
        &config.policy,
        &files,
        validate::default_workers(),
        &prior,
        &hold,
    );
    match format {
        Format::Json => println!("{}", report::to_json(&result)),
        Format::Text => print!(
            "{}",
            report::to_text(&result, &folder.display().to_string(), lang)
        ),
    }
    Ok(ExitCode::from(if result.ok { 0 } else { 1 }))
}

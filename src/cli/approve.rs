//! `sheetdrop approve ENTITY`: releases an entity's held snapshot to be published; exit 0
//! released, 1 nothing held.

use super::{Context, Result};
use crate::agent::{self, Approved};
use crate::i18n::Text;
use crate::report;
use crate::state::State;
use std::process::ExitCode;

/// Releases `entity`'s held snapshot and says what was released, or that nothing was held.
/// An entity the config does not name, or no state store, is an error.
pub fn run(ctx: &Context, entity: &str) -> Result<ExitCode> {
    let lang = ctx.lang;
    let config = ctx.load_config()?;
    if config.catalog.get(entity).is_none() {
        let names: Vec<_> = config
            .catalog
            .entities()
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        return Err(lang
            .format(
                Text::ApproveUnknownEntity,
                &[
                    ("entity", &format!("{entity:?}")),
                    ("names", &names.join(", ")),
                ],
            )
            .into());
    }
    let data = ctx.data_dir();
    if !data.state_db().exists() {
        let dir = data.root.display();
        return Err(lang.format(Text::ApproveNoState, &[("dir", &dir)]).into());
    }
    let mut state = State::open(&data.state_db())?;
    let now = std::time::SystemTime::now();
    match agent::approve(&mut state, entity, agent::destination_name(&config), now)? {
        Approved::Released {
            file,
            rows,
            verdict,
        } => {
            let text = lang.format(
                Text::ApproveReleased,
                &[
                    ("entity", &entity),
                    ("file", &report::printable(&file)),
                    ("verdict", &lang.verdict(&verdict).to_lowercase()),
                    ("rows", &lang.plural(rows, Text::RowsOne, Text::RowsMany)),
                ],
            );
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Approved::NothingHeld => {
            let text = lang.format(Text::ApproveNothingHeld, &[("entity", &entity)]);
            println!("{text}");
            Ok(ExitCode::from(1))
        }
    }
}

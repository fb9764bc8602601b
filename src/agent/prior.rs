//! Each entity's last accepted snapshot, read from the state once per pass: its IDs, for
//! checking a child whose parent's file is not in the batch (or was not accepted) — what the
//! destination holds is what refs must name — and its columns, the reference of the column
//! check. Used by the agent's passes and by `validate --data-dir`.

use crate::config::{Config, Entity, Policy};
use crate::state::{self, State};
use crate::validate::{self, IdIndex, PriorIds};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Each entity's last accepted snapshot, its IDs read from the spool on first use.
pub struct LastAccepted {
    spooled: HashMap<String, Spooled>,
    loaded: Mutex<HashMap<String, Option<Arc<IdIndex>>>>,
    policy: Policy,
}

/// Where an entity's last accepted snapshot is, which of its rows were left out, and its
/// stored report (its columns are read from it when asked).
struct Spooled {
    entity: Entity,
    path: PathBuf,
    left_out: Vec<u64>,
    source_name: String,
    id: i64,
    report_json: String,
}

impl LastAccepted {
    /// The last accepted snapshot of every entity of `config`'s catalog that has one in
    /// `state`. Nothing is read from the spool yet.
    pub fn new(state: &State, config: &Config) -> Result<LastAccepted, state::Error> {
        let mut spooled = HashMap::new();
        for entity in config.catalog.entities() {
            if let Some(last) = state.last_accepted(&entity.name)? {
                let snapshot = last.snapshot;
                spooled.insert(
                    entity.name.clone(),
                    Spooled {
                        entity: entity.clone(),
                        path: snapshot.spool_path,
                        left_out: snapshot.left_out_rows,
                        source_name: snapshot.source_name,
                        id: last.id,
                        report_json: snapshot.report_json,
                    },
                );
            }
        }
        Ok(LastAccepted {
            spooled,
            loaded: Mutex::new(HashMap::new()),
            policy: config.policy.clone(),
        })
    }

    /// The columns of `entity`'s last accepted snapshot, as its stored report lists them;
    /// `None` when it has none (the first snapshot: nothing to compare with), or when its
    /// stored report does not hold them all (cut to the store's bound, or written by a
    /// sheetdrop that did not store them): then no comparison is made, and the log says why.
    pub fn columns(&self, entity: &str) -> Option<Vec<String>> {
        let spooled = self.spooled.get(entity)?;
        let columns = super::columns::stored_columns(&spooled.report_json);
        if columns.is_none() {
            tracing::warn!(entity, snapshot = spooled.id,
                "the last accepted snapshot's stored report does not list all its columns: column changes are not checked");
        }
        columns
    }

    /// The IDs of `entity`'s last accepted snapshot (rows left out then marked so), read
    /// from its spooled copy once; `None` when there is none, or its copy cannot be read.
    pub fn get(&self, entity: &str) -> Option<PriorIds> {
        let spooled = self.spooled.get(entity)?;
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let ids = loaded
            .entry(entity.to_string())
            .or_insert_with(|| {
                let input = std::fs::File::open(&spooled.path).ok()?;
                let len = input.metadata().ok().map(|m| m.len());
                validate::index_file(
                    &spooled.entity,
                    &self.policy,
                    (input, len),
                    &spooled.left_out,
                )
                .ok()
                .map(Arc::new)
            })
            .clone()?;
        Some(PriorIds {
            ids,
            file: spooled.source_name.clone(),
        })
    }
}

//! Taking files in, for a pass: which entry each entity takes (by `watch::owner` and age),
//! spooling it, refusing without reading it what must not be read (an entry that is not a
//! regular file, a name two entities tie on), and leaving out, in `run --once`, the entities
//! whose file is still being written.

use super::record::{record_rejected, Spooled};
use super::{Agent, Error, Summary};
use crate::config::Catalog;
use crate::i18n::{Message, Text};
use crate::state::{self, Snapshot};
use crate::validate;
use std::path::{Path, PathBuf};

/// The owner of `path`'s file name.
pub(super) fn owner_of<'a>(catalog: &'a Catalog, path: &Path) -> crate::watch::Owner<'a> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    crate::watch::owner(catalog, name.as_deref().unwrap_or(""))
}

/// (entity, file) for each entity that one of the `unsettled` files concerns (both, on a
/// tie).
pub(super) fn still_writing(catalog: &Catalog, unsettled: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut writing = Vec::new();
    for path in unsettled {
        let owner = owner_of(catalog, path);
        for entity in catalog
            .entities()
            .iter()
            .filter(|e| owner.concerns(&e.name))
        {
            writing.push((entity.name.clone(), path.clone()));
        }
    }
    writing
}

/// `paths` without the files of the entities in `writing`: an entity whose newest file is
/// still being written sends nothing (not even an older file).
pub(super) fn leave_out(
    catalog: &Catalog,
    paths: &[PathBuf],
    writing: &[(String, PathBuf)],
) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| {
            let owner = owner_of(catalog, p);
            !writing.iter().any(|(entity, _)| owner.concerns(entity))
        })
        .cloned()
        .collect()
}

impl Agent {
    /// Spools each entity's newest settled file; returns the batch to check. A file identical
    /// to its entity's last accepted snapshot is "unchanged": recorded, not checked or
    /// published again. A file that cannot be read is reported in the entity's status. An
    /// entry that is not a regular file, or a name two entities tie on, is refused without
    /// being opened ([`Agent::refuse`]).
    pub(super) fn spool(
        &mut self,
        paths: &[PathBuf],
        summary: &mut Summary,
    ) -> Result<Vec<Spooled>, Error> {
        let mut batch = Vec::new();
        let entities = self.config.catalog.entities().to_vec();
        let pending = self.state.pending()?;
        let found: Vec<crate::watch::Found> = paths
            .iter()
            .filter_map(|path| crate::watch::inspect(path, self.follow.as_deref()).ok())
            .collect();
        for entity in &entities {
            let Some((chosen, open)) = crate::watch::choose(&self.config.catalog, entity, &found)
            else {
                continue;
            };
            let source = match open {
                Ok(open) => open.to_path_buf(),
                Err(problem) => {
                    self.refuse(&entity.name, &chosen.name, &problem, summary)?;
                    continue;
                }
            };
            let path = chosen.path.clone();
            let mut spooled =
                match crate::snapshot::spool(&source, &self.data.spool(), &entity.name) {
                    Ok(s) => s,
                    Err(e @ crate::snapshot::Error::Changed { .. }) => {
                        // Still being written after all: it comes back once it settles.
                        tracing::info!(entity = %entity.name, error = %e, "not read yet");
                        summary.retry.push(path);
                        continue;
                    }
                    Err(crate::snapshot::Error::NotAFile { kind, .. }) => {
                        // Swapped for something else since it was looked at.
                        let problem = validate::FileProblem::NotAFile(kind);
                        self.refuse(&entity.name, &chosen.name, &problem, summary)?;
                        continue;
                    }
                    Err(e) => {
                        tracing::warn!(entity = %entity.name, error = %e, "{}", e.failure());
                        self.state.set_entity_error(
                            &entity.name,
                            Some(&e.message(self.lang())),
                            self.now(),
                        )?;
                        summary.unreadable += 1;
                        summary.retry.push(path);
                        continue;
                    }
                };
            // A followed link is known by its own name, not its target's.
            spooled.source_name = chosen.name.clone();
            // The file could be read: an earlier "cannot open" is over (a publish failure
            // stays shown until its publish succeeds).
            if !pending.iter().any(|item| item.entity == entity.name) {
                self.state
                    .set_entity_error(&entity.name, None, self.now())?;
            }
            let last = self.state.last_accepted(&entity.name)?;
            let previous_rows = last.as_ref().map(|l| l.snapshot.rows_accepted);
            let previous_spool = last.as_ref().map(|l| l.snapshot.spool_path.clone());
            if let Some(last) = last.filter(|l| l.snapshot.sha256 == spooled.sha256) {
                summary.unchanged += 1;
                tracing::info!(entity = %entity.name, file = %spooled.source_name, "unchanged, not published again");
                let newest = self.state.last_snapshot(&entity.name)?;
                if newest.is_some_and(|n| n.id != last.id && n.snapshot.sha256 != spooled.sha256) {
                    // The folder went back to the published data after a refused file: say so.
                    self.record_unchanged(&spooled, &last)?;
                }
                continue;
            }
            let spooled = Spooled {
                entity: entity.name.clone(),
                inner: spooled,
                previous_rows,
                previous_spool,
            };
            if super::quarantine::skip(&mut self.state, &spooled)? {
                summary.refused += 1;
                continue;
            }
            batch.push(spooled);
        }
        Ok(batch)
    }

    /// Refuses `entity`'s entry `name` for `problem` without reading it: a `rejected`
    /// snapshot with no copy and one issue (`not-a-file` or `ambiguous-file`), so that
    /// `status`, the report and `run --once`'s exit code say it. Recorded and logged once
    /// per change: when the entity's newest snapshot already says the same of the same
    /// name, nothing is recorded again (a rescan, a restart).
    fn refuse(
        &mut self,
        entity: &str,
        name: &str,
        problem: &validate::FileProblem,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        summary.refused += 1;
        let report = problem.report(entity, name);
        let report_json = serde_json::to_string(&report).unwrap_or_default();
        let last = self.state.last_snapshot(entity)?;
        if last.is_some_and(|l| {
            l.snapshot.source_name == name && l.snapshot.report_json == report_json
        }) {
            return Ok(());
        }
        let issue = &report.issues[0];
        tracing::warn!(
            entity, file = %crate::report::printable(name), code = issue.code.as_str(),
            kind = issue.facts.file_kind.map(|k| k.as_str()),
            other = issue.facts.other_entity.as_deref(),
            "refused without reading it"
        );
        let now = self.now();
        record_rejected(&mut self.state, &report, PathBuf::new(), "", 0, now)?;
        Ok(())
    }

    /// Records an `unchanged` snapshot of `last`'s entity that repeats its figures.
    fn record_unchanged(
        &mut self,
        spooled: &crate::snapshot::Spooled,
        last: &state::SnapshotRow,
    ) -> Result<i64, Error> {
        // This file, with the figures and report of the snapshot it repeats.
        Ok(self.state.record_snapshot(&Snapshot {
            source_name: spooled.source_name.clone(),
            spool_path: spooled.path.clone(),
            sha256: spooled.sha256.clone(),
            size: spooled.size,
            verdict: "unchanged".to_string(),
            received_at: self.now(),
            ..last.snapshot.clone()
        })?)
    }

    /// Says, in each entity's status and the log, that its file in `writing` is still being
    /// written and was not read; the pass is then not all published.
    pub(super) fn report_still_writing(
        &mut self,
        writing: &[(String, PathBuf)],
        summary: &mut Summary,
    ) -> Result<(), Error> {
        for (entity, path) in writing {
            let message = Message::new(Text::AgentStillWriting).with("path", path.display());
            tracing::warn!(entity = %entity, file = %path.display(), "still being written: not read, left for the next run");
            self.state
                .set_entity_error(entity, Some(&message.render(self.lang())), self.now())?;
            summary.retry.push(path.clone());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entity_with_a_file_still_being_written_sends_nothing_else() {
        let text = "[[entity]]\nname = \"ventas\"\nfile = \"ventas*.csv\"\n\
                    [[entity]]\nname = \"clientes\"\n";
        let config = crate::config::Config::from_toml(text, Path::new("t.toml")).unwrap();
        let catalog = &config.catalog;
        let writing = still_writing(catalog, &[PathBuf::from("in/ventas_2.csv")]);
        assert_eq!(
            writing,
            vec![("ventas".into(), PathBuf::from("in/ventas_2.csv"))]
        );
        let ready = [
            PathBuf::from("in/ventas_1.csv"),
            PathBuf::from("in/clientes.csv"),
        ];
        assert_eq!(
            leave_out(catalog, &ready, &writing),
            vec![PathBuf::from("in/clientes.csv")]
        );
        assert!(still_writing(catalog, &[PathBuf::from("in/notes.txt")]).is_empty());
    }
}

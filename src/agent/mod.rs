//! The agent: wires watch → snapshot → validate → state → publish. The only module that knows
//! them all; each stage knows nothing of the others.
//!
//! A pass takes the settled files of a batch, spools each (copy + sha256), skips those identical
//! to their entity's last accepted snapshot ("unchanged"), validates the rest together (a child
//! against the parent that came with it, else the parent's last accepted snapshot), holds
//! suspicious shrinks, records every snapshot, and puts the publishable ones in the durable
//! outbox before publishing anything. Publishing then drains the outbox: an item leaves it only
//! once its destination confirmed, and failures are retried with backoff — so an agent killed
//! at any instant and restarted converges to the newest accepted snapshots published.

mod approve;
mod columns;
mod decide;
mod intake;
mod logging;
mod message;
mod once;
mod outbox;
mod paths;
mod prior;
mod quarantine;
mod record;
mod run;
mod shrink;
mod stop;

pub use approve::{approve, Approved};
pub use decide::Clock;
pub use logging::init_logging;
pub use once::{settled_files, Settled};
pub use outbox::retry_pending_now;
pub use paths::{apply_mode_defaults, local_outbox, watched_folder, DataDir};
pub use prior::LastAccepted;
pub use run::{lock_data_dir, watch_loop, watch_loop_with};
pub use stop::{watch_until_stopped, Ended, STOP_GRACE};

use crate::config::{Catalog, Config};
use crate::i18n::{Lang, Message, Text};
use crate::publish::{self, Destination, PublishItem};
use crate::state::{self, Outcome, State, Trigger};
use crate::validate::{self, EntityFile};
use record::Spooled;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::time::{Duration, SystemTime};

/// What went wrong running the agent (per-file problems are findings, not errors).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The state store failed (its own `Display` already says "state store").
    #[error(transparent)]
    State(#[from] state::Error),
    /// The destination cannot be set up (e.g. its credentials cannot be read).
    #[error("destination: {0}")]
    Destination(crate::i18n::Message),
    /// The watched folder cannot be watched.
    #[error(transparent)]
    Watch(#[from] crate::watch::Error),
    /// Another agent already runs on this data directory.
    #[error("another sheetdrop agent is already running with the data directory {}", .0.display())]
    AlreadyRunning(PathBuf),
    /// The watch loop's thread could not be started.
    #[error("cannot start the watch loop: {0}")]
    Thread(std::io::Error),
    /// A folder could not be created or listed.
    #[error("{what} {}: {source}", path.display())]
    Folder {
        /// What the folder is for.
        what: &'static str,
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// [`Error::Folder`]'s `what` for the watched folder.
pub const WATCHED_FOLDER: &str = "watched folder";
/// [`Error::Folder`]'s `what` for the data directory.
pub const DATA_DIRECTORY: &str = "data directory";

/// What one pass did, for logs and the exit code of `run --once`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Files whose snapshot was checked this pass.
    pub checked: usize,
    /// Files identical to their last accepted snapshot.
    pub unchanged: usize,
    /// Snapshots rejected or held this pass.
    pub refused: usize,
    /// Publishes that succeeded.
    pub published: usize,
    /// Publishes still pending (failed or not yet due).
    pub pending: usize,
    /// Files that could not be read this pass.
    pub unreadable: usize,
    /// Files to look at again once they settle (changed while copied, unreadable).
    pub retry: Vec<PathBuf>,
}

impl Summary {
    /// True when everything this pass saw is published: nothing refused, unreadable, left
    /// to retry (changed while copied) or waiting in the outbox (`run --once` exits 0).
    pub fn all_published(&self) -> bool {
        self.refused == 0 && self.unreadable == 0 && self.pending == 0 && self.retry.is_empty()
    }
}

/// The agent: configuration, data directory, state store and destination.
pub struct Agent {
    config: Config,
    data: DataDir,
    folder: PathBuf,
    state: State,
    destination: Box<dyn Destination>,
    /// Files already reported as impossible to open.
    unreadable: std::collections::HashSet<PathBuf>,
    /// Where links may lead when followed (`[source] follow_symlinks`), else `None`.
    follow: Option<PathBuf>,
    /// When this process last applied the retention policy; `None` before its first pass.
    last_retention: Option<std::time::Instant>,
    /// Where the time and random draws come from.
    clock: Clock,
}

/// How often a running agent applies the retention policy at most: its first pass does, then
/// a pass only once this long has gone by (a scan of every snapshot, deletes and a vacuum are
/// too much for every pass; old state can wait an hour).
const RETENTION_EVERY: Duration = Duration::from_secs(60 * 60);

impl Agent {
    /// Opens the state store and the destination; creates the watched folder and the data
    /// directory if they do not exist. Files that were being checked when an agent died are
    /// suspected or quarantined (`quarantine.rs`): the caller must hold the data directory's
    /// lock ([`lock_data_dir`]), or a live agent's checks would be taken for a crash.
    pub fn new(config: Config, data: DataDir) -> Result<Agent, Error> {
        let folder = watched_folder(&config);
        // The watched folder is the users' (their umask's mode); the data dir its owner's.
        use crate::platform::perms::{create_private_dir_all, create_shared_dir_all};
        let folder_err = |what, path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Folder { what, path, source }
        };
        create_shared_dir_all(&folder).map_err(folder_err(WATCHED_FOLDER, &folder))?;
        create_private_dir_all(&data.root).map_err(folder_err(DATA_DIRECTORY, &data.root))?;
        let destination: Box<dyn Destination> = match &config.destination {
            crate::config::Destination::Local { .. } => {
                Box::new(publish::LocalDestination::new(local_outbox(&config)))
            }
            crate::config::Destination::Google(google) => Box::new(
                publish::GoogleDestination::new(
                    google,
                    config.path.as_deref().and_then(Path::parent),
                    &data.state_db(),
                )
                .map_err(|e| Error::Destination(e.message))?,
            ),
        };
        let mut state = State::open(&data.state_db())?;
        quarantine::after_crash(&mut state)?;
        requeue_unpublished(
            &mut state,
            &config.catalog,
            destination.name(),
            SystemTime::now(),
        )?;
        for overlap in config.catalog.overlaps() {
            tracing::warn!(
                first = %overlap.first, second = %overlap.second, example = %overlap.example,
                owner = overlap.winner.as_deref().unwrap_or("neither: ambiguous-file"),
                "two entities' file patterns match the same name"
            );
        }
        let follow = crate::watch::follow_root(&folder, config.source.follow_symlinks);
        Ok(Agent {
            config,
            data,
            folder,
            state,
            destination,
            unreadable: Default::default(),
            follow,
            last_retention: None,
            clock: Clock::SYSTEM,
        })
    }

    /// The agent with `clock` instead of the system's (for tests).
    pub fn with_clock(mut self, clock: Clock) -> Agent {
        self.clock = clock;
        self
    }

    /// The time now, by the agent's clock.
    fn now(&self) -> SystemTime {
        (self.clock.now)()
    }

    /// The watched folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Where the destination publishes: `render` it in the user's language for people; its
    /// `Display` is the log's English.
    pub fn destination(&self) -> crate::i18n::Message {
        self.destination.describe()
    }

    /// True when `file_name` is an entity's file (or claimed by two in a tie:
    /// `watch::owner`).
    pub fn is_entity_file(&self, file_name: &str) -> bool {
        crate::watch::owner(&self.config.catalog, file_name).is_some()
    }

    /// Where symbolic links may lead when they are followed (the watched folder's canonical
    /// form), or `None`: `[source] follow_symlinks` is off.
    pub fn follow_root(&self) -> Option<&Path> {
        self.follow.as_deref()
    }

    /// The configuration the agent runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Processes the settled files `paths` of the watched folder as one batch, then publishes
    /// what is due. Files that match no entity are ignored; entries that are not regular
    /// files, and names two entities tie on, are refused without being read.
    pub fn process(&mut self, paths: &[PathBuf], trigger: Trigger) -> Result<Summary, Error> {
        self.process_leaving(paths, &[], trigger)
    }

    /// `run --once`'s pass over what [`settled_files`] found: the settled files are processed
    /// as by [`Agent::process`]; each entity with a file still being written is left out
    /// whole (none of its files is read, so its older file does not go out either), its
    /// status says so, and the pass does not count as all published.
    pub fn process_once(&mut self, files: &once::Settled) -> Result<Summary, Error> {
        self.process_leaving(&files.ready, &files.unsettled, Trigger::Once)
    }

    /// [`Agent::process`] of `paths`, minus the entities of the `unsettled` files.
    fn process_leaving(
        &mut self,
        paths: &[PathBuf],
        unsettled: &[PathBuf],
        trigger: Trigger,
    ) -> Result<Summary, Error> {
        let run = self.state.start_run(trigger, self.now())?;
        let mut summary = Summary::default();
        let writing = intake::still_writing(&self.config.catalog, unsettled);
        let paths = intake::leave_out(&self.config.catalog, paths, &writing);
        let files = self.spool(&paths, &mut summary)?;
        self.report_still_writing(&writing, &mut summary)?;
        if !files.is_empty() {
            self.check_and_record(&files, &mut summary)?;
        }
        self.publish_due(&mut summary)?;
        let outcome = Outcome::Pass(decide::pass_counts(&summary));
        self.state.finish_run(run, &outcome, self.now())?;
        self.apply_retention();
        tracing::info!(trigger = trigger.as_str(), outcome = %outcome.english(), "pass done");
        self.write_report();
        Ok(summary)
    }

    /// Applies the retention policy on this process's first pass, then at most once every
    /// [`RETENTION_EVERY`]. Housekeeping: a failure (a full disk cannot vacuum) is logged and
    /// must not stop publishing.
    fn apply_retention(&mut self) {
        let now = std::time::Instant::now();
        if !decide::retention_due(self.last_retention, now, RETENTION_EVERY) {
            return;
        }
        self.last_retention = Some(now);
        let now = self.now();
        match self
            .state
            .apply_retention(&state::Retention::default(), now)
        {
            Ok(p) if p != state::Pruned::default() => tracing::info!(
                snapshots = p.snapshots,
                runs = p.runs,
                reports_cut = p.reports_cut,
                compacted = p.compacted,
                "old state dropped (retention)"
            ),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot apply the retention policy"),
        }
    }

    /// Rewrites the HTML report (atomically) from the state store; a failure is logged, never
    /// fatal: the report is for people, the pipeline goes on without it.
    pub fn write_report(&self) {
        let paths = self.data.status_paths();
        let lang = self.lang();
        let destination = match &self.config.destination {
            crate::config::Destination::Local { .. } => crate::report::html::Destination::Local {
                folder: local_outbox(&self.config),
            },
            // Hook: a destination with a web page per entity (the spreadsheet's tabs) fills
            // `links` with them.
            crate::config::Destination::Google(_) => crate::report::html::Destination::Other {
                description: self.destination.describe().render(lang),
                links: Default::default(),
            },
        };
        let page = crate::report::html::Page {
            lang,
            now: self.now(),
            destination: &destination,
        };
        let result = crate::status::Status::read_with_runs(
            &self.data.state_db(),
            paths,
            crate::report::html::TIMELINE_RUNS,
        )
        .map_err(|e| e.to_string())
        .and_then(|status| {
            crate::report::html::write(&self.data.report_html(), &status, &page)
                .map_err(|e| e.to_string())
        });
        if let Err(error) = result {
            tracing::warn!(%error, report = %self.data.report_html().display(), "cannot write the report");
        }
    }

    /// Checks and records the spooled batch, each file under a durable "checking" marker;
    /// files suspected of crashing the agent are checked alone (`quarantine.rs`).
    fn check_and_record(&mut self, batch: &[Spooled], summary: &mut Summary) -> Result<(), Error> {
        for group in quarantine::groups(&self.state, batch)? {
            quarantine::mark_checking(&mut self.state, &group)?;
            self.check_group(&group, summary)?;
            quarantine::clear_checking(&mut self.state, &group)?;
        }
        Ok(())
    }

    /// Validates a group of spooled files together, applies the shrink guard and the column
    /// check, records every snapshot and enqueues the publishable ones.
    fn check_group(&mut self, batch: &[&Spooled], summary: &mut Summary) -> Result<(), Error> {
        let files: Vec<EntityFile> = batch
            .iter()
            .map(|s| EntityFile {
                entity: s.entity.clone(),
                path: Some(s.inner.path.clone()),
                name: Some(s.inner.source_name.clone()),
                problem: None,
                delta: Some(validate::DeltaInput {
                    prior: s.previous_spool.clone(),
                }),
            })
            .collect();
        let priors = LastAccepted::new(&self.state, &self.config)?;
        let workers = validate::default_workers();
        // The shrink guard, then the column check, hold a report as soon as it is checked,
        // so a held parent's children are checked against its last accepted snapshot.
        let policy = &self.config.policy;
        let previous_columns: HashMap<&str, Option<Vec<String>>> = batch
            .iter()
            .map(|s| (s.entity.as_str(), priors.columns(&s.entity)))
            .collect();
        let hold = |report: &mut validate::EntityReport| {
            if let Some(spooled) = batch.iter().find(|s| s.entity == report.entity) {
                shrink::apply(policy, spooled.previous_rows, report);
                // After the shrink guard, which would not look at a report held already.
                let columns = previous_columns
                    .get(report.entity.as_str())
                    .and_then(|c| c.as_deref());
                validate::columns::apply(policy.on_column_change, columns, report);
            }
        };
        let report = validate::validate_batch(
            &self.config.catalog,
            policy,
            &files,
            workers,
            &|p| priors.get(p),
            &hold,
        );
        let now = self.now();
        for entity_report in report.entities {
            let Some(spooled) = batch.iter().find(|s| s.entity == entity_report.entity) else {
                continue;
            };
            let checked = decide::checked(spooled, entity_report, now);
            summary.checked += 1;
            if !checked.publish {
                summary.refused += 1;
            }
            let id = self.state.record_snapshot(&checked.snapshot)?;
            let s = &checked.snapshot;
            tracing::info!(
                entity = %s.entity, file = %s.source_name, verdict = s.verdict,
                rows = s.rows, rows_accepted = s.rows_accepted, "checked"
            );
            if checked.publish {
                self.state
                    .enqueue(&s.entity, id, self.destination.name(), now)?;
            }
        }
        Ok(())
    }

    /// Publishes every outbox item that is due; failures are rescheduled with backoff.
    pub fn publish_due(&mut self, summary: &mut Summary) -> Result<(), Error> {
        let due = self.state.due(self.now())?;
        for (i, item) in due.iter().enumerate() {
            match self.publish_one(item) {
                Ok(published) => {
                    self.state.mark_published(item.id, self.now())?;
                    summary.published += 1;
                    tracing::info!(
                        entity = %item.entity, destination = self.destination.name(),
                        location = %published.location, already_there = published.already_there, "published"
                    );
                }
                Err(e) => {
                    let retry = outbox::after_failure(
                        e.kind,
                        item.attempts,
                        (self.clock.jitter)(),
                        self.now(),
                    );
                    let message = e.message.render(self.lang());
                    let retry_in = humantime::format_duration(retry.delay);
                    tracing::warn!(entity = %item.entity, error = %e, %retry_in, "publish failed");
                    let waiting = decide::waiting_after_failure(&due, i, &retry);
                    for waits in waiting {
                        self.state.mark_failed(waits.id, &message, retry.at)?;
                    }
                    if retry.others_wait {
                        // They wait as long, for the same reason, and the pass ends now.
                        if waiting.len() > 1 {
                            tracing::warn!(waiting = waiting.len() - 1, %retry_in,
                                "the destination cannot be reached: the other publishes wait for the next try");
                        }
                        break;
                    }
                }
            }
        }
        summary.pending = self.state.pending()?.len();
        self.prune_spool();
        Ok(())
    }

    /// Makes every pending publish due now (the tray's "Sincronizar ahora"); returns how
    /// many.
    pub fn retry_now(&mut self) -> Result<usize, Error> {
        Ok(self.state.retry_now(self.destination.name(), self.now())?)
    }

    /// True when an outbox item is due now (a cheap look, for the watch loop).
    pub fn publish_is_due(&self) -> Result<bool, Error> {
        Ok(self.state.next_due_at()?.is_some_and(|at| at <= self.now()))
    }

    /// Publishes one outbox item through the destination.
    fn publish_one(
        &mut self,
        item: &state::OutboxItem,
    ) -> Result<publish::Published, publish::Error> {
        let state_err = |e: state::Error| publish::Error::retry(e.to_message());
        let snapshot = self
            .state
            .snapshot(item.snapshot_id)
            .map_err(state_err)?
            .ok_or_else(|| {
                publish::Error::permanent(
                    Message::new(Text::PublishSnapshotGone)
                        .with("id", item.snapshot_id)
                        .with("entity", &item.entity),
                )
            })?
            .snapshot;
        let entity = self.config.catalog.get(&snapshot.entity).ok_or_else(|| {
            publish::Error::permanent(
                Message::new(Text::PublishEntityGone).with("entity", &snapshot.entity),
            )
        })?;
        self.destination.publish(&PublishItem {
            path: snapshot.spool_path,
            options: validate::read_options(entity, &self.config.policy),
            left_out: snapshot.left_out_rows,
            sha256: snapshot.sha256,
            source_name: snapshot.source_name,
            verdict: snapshot.verdict,
            rows: snapshot.rows,
            rows_accepted: snapshot.rows_accepted,
            delta: crate::report::StoredReport::parse(&snapshot.report_json)
                .and_then(|r| r.delta)
                .map(|d| d.counts()),
            entity: snapshot.entity,
        })
    }

    /// Removes spool copies nothing refers to any more: each entity keeps its newest, last
    /// accepted and held snapshots' copies, and those of pending publishes.
    fn prune_spool(&self) {
        let keep = || -> Result<Vec<PathBuf>, state::Error> {
            let mut keep = Vec::new();
            for entity in self.config.catalog.entities() {
                for s in [
                    self.state.last_snapshot(&entity.name)?,
                    self.state.last_accepted(&entity.name)?,
                    self.state.held(&entity.name)?,
                ]
                .into_iter()
                .flatten()
                {
                    keep.push(s.snapshot.spool_path);
                }
            }
            for item in self.state.pending()? {
                keep.extend(
                    self.state
                        .snapshot(item.snapshot_id)?
                        .map(|s| s.snapshot.spool_path),
                );
            }
            Ok(keep)
        };
        match keep() {
            Ok(keep) => {
                if let Err(e) = crate::snapshot::prune(&self.data.spool(), &keep) {
                    tracing::warn!(error = %e, "cannot prune the spool");
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot prune the spool"),
        }
    }
}

/// Puts back in the outbox each entity's last accepted snapshot that was neither published nor
/// queued. Recording a snapshot and enqueuing its publish are two commits (so are `approve`'s
/// release and enqueue): an agent killed between them would otherwise find the same file
/// "unchanged" on restart and never publish it. Enqueuing is idempotent and only moves
/// forward, so a snapshot already pending (or an older one pending) is handled as it should.
fn requeue_unpublished(
    state: &mut State,
    catalog: &Catalog,
    destination: &str,
    now: SystemTime,
) -> Result<(), Error> {
    for entity in catalog.entities() {
        let Some(last) = state.last_accepted(&entity.name)? else {
            continue;
        };
        if last.published_at.is_none() {
            let id = state.enqueue(&entity.name, last.id, destination, now)?;
            tracing::info!(entity = %entity.name, snapshot = last.id, outbox = id, "unpublished snapshot queued");
        }
    }
    Ok(())
}

/// The name under which the configured destination queues its publishes.
pub fn destination_name(config: &Config) -> &'static str {
    match config.destination {
        crate::config::Destination::Local { .. } => "local",
        crate::config::Destination::Google(_) => "google",
    }
}

impl Agent {
    /// Reports, in their entities' status, the files among `waiting` that have stopped
    /// changing but cannot be opened (locked by their writer, no permission): they are never
    /// read while so, and people must know why their data is not going out. Returns the
    /// files newly reported; a file is reported again only after it was readable once.
    pub fn report_unreadable<'a>(
        &mut self,
        waiting: impl Iterator<Item = &'a Path>,
        old_enough: Duration,
    ) -> Vec<PathBuf> {
        let mut reported = Vec::new();
        let mut still = std::collections::HashSet::new();
        for path in waiting {
            let Some(entity) = self.entity_of(path) else {
                continue;
            };
            let Err(e) = crate::watch::open_nonblocking(path) else {
                continue;
            };
            let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
            if !decide::settled(modified, self.now(), old_enough) {
                continue;
            }
            still.insert(path.to_path_buf());
            if self.unreadable.contains(path) {
                continue;
            }
            let message = Message::new(Text::AgentCannotOpen)
                .with("path", path.display())
                .with_io("error", &e)
                .render(self.lang());
            tracing::warn!(entity = %entity, file = %path.display(), error = %e, "file cannot be opened");
            if let Err(e) = self
                .state
                .set_entity_error(&entity, Some(&message), self.now())
            {
                tracing::warn!(error = %e, "cannot record the error");
            }
            reported.push(path.to_path_buf());
        }
        self.unreadable = still;
        reported
    }

    /// The language of what the agent records for people (the entities' last errors).
    fn lang(&self) -> Lang {
        Lang::from_config(self.config.language)
    }

    /// The entity `path`'s name belongs to (`watch::owner`); `None` for a tie too.
    fn entity_of(&self, path: &Path) -> Option<String> {
        intake::owner_of(&self.config.catalog, path)
            .entity()
            .map(|e| e.name.clone())
    }
}

/// How long the agent sleeps at most between looks at the outbox.
pub const OUTBOX_TICK: Duration = Duration::from_secs(1);

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A fixed time, as a clock's `now`.
    fn fixed() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_900_000_000)
    }

    #[test]
    fn a_pass_reads_the_time_from_the_agents_clock() {
        let dir = tempfile::tempdir().unwrap();
        let (input, out) = (dir.path().join("in"), dir.path().join("out"));
        let text = format!(
            "[source]\nfolder = '{}'\n[destination]\nkind = \"local\"\nfolder = '{}'\n\
             [[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"COD_CLIENTE\"\n",
            input.display(),
            out.display()
        );
        let config = Config::from_toml(&text, &dir.path().join("sheetdrop.toml")).unwrap();
        let data = DataDir::resolve(Some(&dir.path().join("data")));
        let mut agent = Agent::new(config, data.clone()).unwrap().with_clock(Clock {
            now: fixed,
            jitter: || 0.5,
        });
        let file = input.join("clientes.csv");
        fs::write(&file, "COD_CLIENTE;NOMBRE\n1;Ana\n2;Luis\n").unwrap();
        let summary = agent.process(&[file], Trigger::Change).unwrap();
        assert_eq!((summary.checked, summary.published), (1, 1));
        let state = State::open(&data.state_db()).unwrap();
        let last = state.last_accepted("clientes").unwrap().unwrap();
        assert_eq!(last.snapshot.received_at, fixed());
        assert_eq!(last.published_at, Some(fixed()));
    }
}

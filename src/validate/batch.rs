//! Checking a batch of files together: parents before children, independent files in
//! parallel, each parent's IDs kept only until its last child in the batch is done.

use super::check::{check_file_rows, Parent, Unverified};
use super::delta::{Collector, DeltaInput};
use super::{Code, EntityReport, Facts, FileKind, IdIndex, OsErrorKind, Report, Verdict};
use crate::config::Entity;
use crate::config::{Catalog, Policy};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

/// One entity's file in a batch (`None`: the entity has no file this time).
#[derive(Debug, Clone)]
pub struct EntityFile {
    /// The entity's name in the catalog.
    pub entity: String,
    /// The file to check.
    pub path: Option<PathBuf>,
    /// The file's name as its owner knows it, when `path` is a copy (the agent checks spool
    /// copies named by their hash); `None`: the name in `path`. Reports and messages use it.
    pub name: Option<String>,
    /// Why the file must not be opened at all (found before reading it): the entity is
    /// rejected with this problem, and `path` is never touched.
    pub problem: Option<FileProblem>,
    /// When given, the published rows are written beside `path` (its row file) and the
    /// report gets its delta against the previous snapshot ([`super::delta`]): the agent's
    /// spool copies. `None`: neither (`validate`).
    pub delta: Option<DeltaInput>,
}

impl EntityFile {
    /// `entity`'s file at `path` (`None`: no file), under its own name, with no problem.
    pub fn new(entity: impl Into<String>, path: Option<PathBuf>) -> EntityFile {
        EntityFile {
            entity: entity.into(),
            path,
            name: None,
            problem: None,
            delta: None,
        }
    }
}

/// Why an entity's file is refused without being opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not a regular file inside the watched folder (`not-a-file`).
    NotAFile(FileKind),
    /// Another entity's pattern matches the file as specifically (`ambiguous-file`).
    Ambiguous {
        /// The other entity.
        other: String,
    },
}

impl FileProblem {
    /// The rejected report of `entity`'s file `name` with this problem: one issue, no rows.
    pub fn report(&self, entity: &str, name: &str) -> EntityReport {
        let (code, facts, message) = match self {
            FileProblem::NotAFile(kind) => (
                Code::NotAFile,
                Facts {
                    file_kind: Some(*kind),
                    ..Facts::default()
                },
                format!("{name} is not a regular file ({})", kind.as_str()),
            ),
            FileProblem::Ambiguous { other } => (
                Code::AmbiguousFile,
                Facts {
                    other_entity: Some(other.clone()),
                    ..Facts::default()
                },
                format!(
                    "{name} matches the file patterns of {entity} and {other} equally: it \
                     belongs to neither"
                ),
            ),
        };
        EntityReport::rejected(entity, name, code, facts, message)
    }
}

/// What a finished check leaves for the entities that reference it.
struct Done {
    report: EntityReport,
    /// The IDs, while some child in the batch still needs them (and the file was not rejected).
    ids: Option<Arc<IdIndex>>,
}

/// The scheduler's shared state.
struct Board {
    started: Vec<bool>,
    done: HashMap<String, Done>,
    /// Children in the batch still to be checked, per parent entity.
    waiting_children: HashMap<String, usize>,
}

/// The IDs of a parent entity's last accepted snapshot, for a batch that lacks a usable file
/// of that parent.
pub struct PriorIds {
    /// The IDs, with each row's accepted flag.
    pub ids: Arc<IdIndex>,
    /// The snapshot's source file name, for messages.
    pub file: String,
}

/// Checks every catalog entity's file of `files`, in dependency order, on up to `workers`
/// threads, and gathers the reports in catalog order. Entities not in `files`, or with no
/// path, are reported `missing`. Refs to a parent without a usable file in the batch are
/// `unverified-refs` (see [`validate_batch`] to check them against earlier snapshots).
pub fn validate_files(
    catalog: &Catalog,
    policy: &Policy,
    files: &[EntityFile],
    workers: usize,
) -> Report {
    validate_batch(catalog, policy, files, workers, &|_| None)
}

/// [`validate_files`], where refs to a parent whose file is absent from the batch (or
/// rejected) are checked against `prior(parent)`, its last accepted snapshot, if any.
pub fn validate_batch(
    catalog: &Catalog,
    policy: &Policy,
    files: &[EntityFile],
    workers: usize,
    prior: &(dyn Fn(&str) -> Option<PriorIds> + Sync),
) -> Report {
    let entities = catalog.entities();
    let file_of: Vec<Option<&EntityFile>> = entities
        .iter()
        .map(|e| files.iter().find(|f| f.entity == e.name))
        .collect();
    let has_path = |f: &Option<&EntityFile>| f.is_some_and(|f| f.path.is_some());
    let present = |name: &str| {
        entities
            .iter()
            .zip(&file_of)
            .any(|(e, f)| e.name == name && has_path(f))
    };
    let mut waiting_children = HashMap::new();
    for (entity, file) in entities.iter().zip(&file_of) {
        if has_path(file) {
            for parent in parents_of(entity) {
                *waiting_children.entry(parent.to_string()).or_insert(0) += 1;
            }
        }
    }
    // Parents that come before entity `i` in dependency order (an optional ref that closes a
    // cycle points at a later entity, which cannot be waited for).
    let earlier_parents = |i: usize| {
        parents_of(&entities[i]).filter(move |p| entities[..i].iter().any(|e| e.name == *p))
    };
    let board = Mutex::new(Board {
        started: vec![false; entities.len()],
        done: HashMap::new(),
        waiting_children,
    });
    let wake = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| loop {
                let mut b = board.lock().expect("no worker panics holding the board");
                // The first entity not started whose parents present in the batch are done.
                let next = (0..entities.len()).find(|&i| {
                    !b.started[i]
                        && earlier_parents(i).all(|p| !present(p) || b.done.contains_key(p))
                });
                let Some(i) = next else {
                    if b.started.iter().all(|&s| s) {
                        return;
                    }
                    drop(wake.wait(b).expect("no worker panics holding the board"));
                    continue;
                };
                b.started[i] = true;
                let entity = &entities[i];
                // Each parent's IDs: from this batch when its file came and can be published,
                // else from the last accepted snapshot (what the destination still has).
                let mut parents: HashMap<&str, Result<(Arc<IdIndex>, String), Unverified>> =
                    HashMap::new();
                for p in earlier_parents(i) {
                    let done = b.done.get(p);
                    let here = done.and_then(|d| Some((d.ids.clone()?, d.report.file.clone()?)));
                    let found = here.or_else(|| prior(p).map(|prior| (prior.ids, prior.file)));
                    let why = match done.and_then(|d| d.report.file.clone()) {
                        Some(file) => Unverified::Rejected(file),
                        None => Unverified::Missing,
                    };
                    parents.insert(p, found.ok_or(why));
                }
                drop(b);
                let lookup = |name: &str| match parents.get(name) {
                    Some(Ok((ids, file))) => Parent::Ids(ids, file),
                    Some(Err(why)) => Parent::Unavailable(why.clone()),
                    None => Parent::Unavailable(Unverified::Cycle),
                };
                let (report, ids) = match file_of[i] {
                    Some(file @ EntityFile { path: Some(_), .. }) => {
                        check_path(entity, policy, file, &lookup)
                    }
                    _ => (EntityReport::missing(&entity.name), None),
                };
                let mut b = board.lock().expect("no worker panics holding the board");
                for p in parents_of(entity) {
                    if let Some(n) = b.waiting_children.get_mut(p) {
                        *n -= 1;
                        if *n == 0 {
                            if let Some(d) = b.done.get_mut(p) {
                                d.ids = None; // no child needs these IDs any more
                            }
                        }
                    }
                }
                let keep = report.publishable()
                    && b.waiting_children.get(&entity.name).is_some_and(|&n| n > 0);
                let ids = ids.filter(|_| keep).map(Arc::new);
                b.done.insert(entity.name.clone(), Done { report, ids });
                wake.notify_all();
            });
        }
    });
    let mut done = board
        .into_inner()
        .expect("no worker panics holding the board")
        .done;
    Report::new(
        entities
            .iter()
            .filter_map(|e| done.remove(&e.name).map(|d| d.report))
            .collect(),
    )
}

/// The distinct entities `entity` references.
fn parents_of(entity: &Entity) -> impl Iterator<Item = &str> {
    let mut seen = Vec::new();
    entity
        .refs
        .iter()
        .map(|r| r.entity.as_str())
        .filter(move |p| {
            let new = !seen.contains(p);
            seen.push(p);
            new
        })
}

/// Opens and checks `entity`'s `file` (its path is given); a file with a problem found
/// before (not a file, ambiguous) is refused unopened, one that cannot be read is rejected
/// with `unreadable`.
fn check_path<'p>(
    entity: &Entity,
    policy: &Policy,
    file: &EntityFile,
    lookup: &dyn Fn(&str) -> Parent<'p>,
) -> (EntityReport, Option<IdIndex>) {
    let path = file
        .path
        .as_deref()
        .expect("check_path is given a file with a path");
    let name = file_name(path, file.name.as_deref());
    let delta = file.delta.as_ref();
    if let Some(problem) = &file.problem {
        return (problem.report(&entity.name, &name), None);
    }
    let file = match crate::snapshot::open_regular(path) {
        Ok(file) => file,
        Err(crate::snapshot::OpenError::NotAFile(kind)) => {
            return (
                FileProblem::NotAFile(kind).report(&entity.name, &name),
                None,
            )
        }
        Err(crate::snapshot::OpenError::Io(e)) => {
            return (unreadable(entity, &name, path, &e), None)
        }
    };
    let len = file.metadata().map(|m| m.len()).ok();
    let mut rows = delta.map(|_| Collector::new());
    match check_file_rows(entity, policy, &name, (file, len), lookup, rows.as_mut()) {
        Ok((mut report, ids)) => {
            if let (Some(input), Some(rows)) = (delta, rows) {
                with_delta(entity, policy, &mut report, rows, path, input);
            }
            (report, Some(ids))
        }
        Err(e) => (unreadable(entity, &name, path, &e), None),
    }
}

/// Writes the row file of `report`'s file at `path` and gives the report its delta, when the
/// snapshot can be published (or is held: approved, it becomes the last accepted one).
fn with_delta(
    entity: &Entity,
    policy: &Policy,
    report: &mut EntityReport,
    rows: Collector,
    path: &std::path::Path,
    input: &DeltaInput,
) {
    if !(report.publishable() || report.verdict == Verdict::Held) {
        return;
    }
    let rows_file = crate::snapshot::rows_path(path);
    match super::delta::finish(entity, policy, rows, (path, &rows_file), input) {
        Ok(delta) => report.delta = delta,
        Err(e) => {
            tracing::warn!(entity = %entity.name, rows = %rows_file.display(), error = %e, "cannot write the row file: no delta")
        }
    }
}

/// `name`, else the last component of `path`.
fn file_name(path: &std::path::Path, name: Option<&str>) -> String {
    name.map(str::to_string).unwrap_or_else(|| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    })
}

/// The rejected report of a file that could not be read.
fn unreadable(
    entity: &Entity,
    name: &str,
    path: &std::path::Path,
    e: &std::io::Error,
) -> EntityReport {
    let facts = Facts {
        os_error: Some(e.to_string()),
        os_error_kind: Some(OsErrorKind::of(e)),
        ..Facts::default()
    };
    let message = format!("cannot read {}: {e}", path.display());
    EntityReport::rejected(&entity.name, name, Code::Unreadable, facts, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::validate::{index_file, Code};
    use std::path::Path;

    const CONFIG: &str = r#"
[[entity]]
name = "clientes"
id = "COD"
[[entity]]
name = "ventas"
id = "NRO"
refs = [ { column = "COD_CLIENTE", entity = "clientes", required = true } ]
"#;

    #[test]
    fn a_child_alone_is_checked_against_the_parents_last_accepted_snapshot() {
        let config = Config::from_toml(CONFIG, Path::new("t.toml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let clientes = dir.path().join("clientes.csv");
        let ventas = dir.path().join("ventas.csv");
        let rows: String = (1..=300).map(|i| format!("C{i};x\n")).collect();
        std::fs::write(&clientes, format!("COD;NOMBRE\n{rows}C2;dup\n")).unwrap();
        // 200 sales, one of them (row 2) naming a client that does not exist: 0.5% left out.
        let sales: String = (3..=200).map(|i| format!("V{i};C{i}\n")).collect();
        std::fs::write(&ventas, format!("NRO;COD_CLIENTE\nV1;C1\nV2;C999\n{sales}")).unwrap();

        // The parent's batch: C2 is duplicated on row 301, which is left out; C2 itself stays.
        let files = [EntityFile {
            entity: "clientes".into(),
            path: Some(clientes.clone()),
            name: None,
            problem: None,
            delta: None,
        }];
        let first = validate_files(&config.catalog, &config.policy, &files, 1);
        let parent = &first.entities[0];
        assert_eq!(parent.left_out_rows, vec![301]);

        // Later the child arrives alone; its parent comes from the spool and the left-out rows.
        let entity = config.catalog.get("clientes").unwrap();
        let file = std::fs::File::open(&clientes).unwrap();
        let ids = index_file(entity, &config.policy, (file, None), &parent.left_out_rows).unwrap();
        assert_eq!(ids.len(), 300);
        let prior = Arc::new(ids);
        let lookup = |name: &str| {
            (name == "clientes").then(|| PriorIds {
                ids: prior.clone(),
                file: "clientes.csv".into(),
            })
        };
        let files = [EntityFile {
            entity: "ventas".into(),
            path: Some(ventas),
            name: None,
            problem: None,
            delta: None,
        }];
        let report = validate_batch(&config.catalog, &config.policy, &files, 2, &lookup);
        let ventas = report
            .entities
            .iter()
            .find(|e| e.entity == "ventas")
            .unwrap();
        assert_eq!(ventas.counts.get(&Code::DanglingRef), Some(&1));
        assert_eq!(ventas.counts.get(&Code::UnverifiedRefs), None);
        assert_eq!(ventas.left_out_rows, vec![2]);

        // Without a prior snapshot the same child cannot be verified.
        let report = validate_files(&config.catalog, &config.policy, &files, 2);
        let ventas = report
            .entities
            .iter()
            .find(|e| e.entity == "ventas")
            .unwrap();
        assert_eq!(ventas.counts.get(&Code::UnverifiedRefs), Some(&1));
    }

    #[test]
    fn unverified_and_unreadable_issues_carry_their_facts() {
        // a's optional ref to b closes a cycle: b is checked after a, so a's refs cannot be.
        let config = Config::from_toml(
            r#"
[[entity]]
name = "a"
id = "ID"
refs = [ { column = "B", entity = "b", required = false } ]
[[entity]]
name = "b"
id = "ID"
refs = [ { column = "A", entity = "a", required = true } ]
"#,
            Path::new("t.toml"),
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "ID;B\nA1;B1\n").unwrap();
        let files = [
            EntityFile {
                entity: "a".into(),
                path: Some(dir.path().join("a.csv")),
                name: None,
                problem: None,
                delta: None,
            },
            EntityFile {
                entity: "b".into(),
                path: Some(dir.path().join("no-such-b.csv")),
                name: Some("b.csv".into()),
                problem: None,
                delta: None,
            },
        ];
        let report = validate_files(&config.catalog, &config.policy, &files, 1);
        let a = &report.entities[0].issues[0];
        assert_eq!(a.code, Code::UnverifiedRefs);
        assert_eq!(a.facts.ref_entity.as_deref(), Some("b"));
        assert_eq!(
            a.facts.unverified_reason,
            Some(crate::validate::UnverifiedReason::Cycle)
        );
        assert_eq!(
            a.message,
            "B not checked: b is checked after a (a cycle of refs)"
        );

        let b = &report.entities[1].issues[0];
        assert_eq!(b.code, Code::Unreadable);
        assert_eq!(b.facts.os_error_kind, Some(OsErrorKind::NotFound));
        let os_error = b.facts.os_error.as_deref().unwrap();
        assert!(
            b.message.ends_with(&format!(": {os_error}")),
            "{}",
            b.message
        );
    }
}

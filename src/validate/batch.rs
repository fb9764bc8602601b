//! Checking a batch of files together: parents before children, independent files in
//! parallel, each parent's IDs kept only until its last child in the batch is done.

use super::check::{check_file_rows, Lookup, Parent, Unverified};
use super::delta::{Collector, DeltaInput};
use super::{
    Code, EntityReport, Facts, FileKind, IdIndex, OsErrorKind, RefAgainst, Report, Verdict,
};
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
    /// A worker panicked: the others stop instead of waiting for what it will never finish,
    /// and the panic goes on to the caller (the agent dies, and its quarantine counts it).
    failed: bool,
}

/// Wakes the other workers when its worker unwinds from a panic, marking the board failed.
struct PanicAlarm<'a> {
    board: &'a Mutex<Board>,
    wake: &'a Condvar,
}

impl Drop for PanicAlarm<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.board.lock().unwrap_or_else(|e| e.into_inner()).failed = true;
            self.wake.notify_all();
        }
    }
}

/// The IDs of a parent entity's last accepted snapshot, for a batch that lacks a usable file
/// of that parent.
pub struct PriorIds {
    /// The IDs, with each row's accepted flag.
    pub ids: Arc<IdIndex>,
    /// The snapshot's source file name, for messages.
    pub file: String,
}

/// How many files a batch checks at once, in `validate` and in the agent alike: the
/// machine's cores, at most two (the count both have always used; each file is itself read
/// on a parsing thread besides its checking one).
pub fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(2)
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
    validate_batch(catalog, policy, files, workers, &|_| None, &|_| {})
}

/// [`validate_files`], where refs to a parent whose file is absent from the batch (or not
/// accepted) are checked against `prior(parent)`, its last accepted snapshot, if any; and
/// `hold` may hold each entity's report (the agent's shrink guard) as soon as it is checked,
/// before its children are: a held parent's children are checked against what the
/// destination still holds.
pub fn validate_batch(
    catalog: &Catalog,
    policy: &Policy,
    files: &[EntityFile],
    workers: usize,
    prior: &(dyn Fn(&str) -> Option<PriorIds> + Sync),
    hold: &(dyn Fn(&mut EntityReport) + Sync),
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
        failed: false,
    });
    let wake = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| loop {
                let _alarm = PanicAlarm {
                    board: &board,
                    wake: &wake,
                };
                let mut b = board.lock().unwrap_or_else(|e| e.into_inner());
                if b.failed {
                    return;
                }
                // The first entity not started whose parents present in the batch are done.
                let next = (0..entities.len()).find(|&i| {
                    !b.started[i]
                        && earlier_parents(i).all(|p| !present(p) || b.done.contains_key(p))
                });
                let Some(i) = next else {
                    if b.started.iter().all(|&s| s) {
                        return;
                    }
                    drop(wake.wait(b).unwrap_or_else(|e| e.into_inner()));
                    continue;
                };
                b.started[i] = true;
                let entity = &entities[i];
                // Each parent's IDs: from this batch when its file came and can be published,
                // else from the last accepted snapshot (what the destination still has), else
                // every ID of its file that was read whole but not accepted.
                let mut parents: HashMap<&str, Result<Target, Unverified>> = HashMap::new();
                for p in earlier_parents(i) {
                    let done = b.done.get(p);
                    let here = |against| {
                        done.and_then(|d| Some((d.ids.clone()?, d.report.file.clone()?, against)))
                    };
                    let accepted = done.is_some_and(|d| d.report.publishable());
                    let found = accepted
                        .then(|| here(None))
                        .flatten()
                        .or_else(|| {
                            let prior = prior(p)?;
                            Some((prior.ids, prior.file, Some(RefAgainst::LastAccepted)))
                        })
                        .or_else(|| here(Some(RefAgainst::NotAccepted)));
                    let why = match done.and_then(|d| d.report.file.clone()) {
                        Some(file) => Unverified::Rejected(file),
                        None => Unverified::Missing,
                    };
                    parents.insert(p, found.ok_or(why));
                }
                drop(b);
                let lookup = |name: &str| match parents.get(name) {
                    Some(Ok((ids, file, against))) => Parent::Ids(Lookup {
                        ids,
                        file,
                        against: *against,
                    }),
                    Some(Err(why)) => Parent::Unavailable(why.clone()),
                    None => Parent::Unavailable(Unverified::Cycle),
                };
                let (report, ids) = match file_of[i] {
                    Some(file @ EntityFile { path: Some(_), .. }) => {
                        let (mut report, ids) = check_path(entity, policy, file, &lookup);
                        hold(&mut report);
                        (report, ids)
                    }
                    _ => (EntityReport::missing(&entity.name), None),
                };
                let mut b = board.lock().expect("no worker panics holding the board");
                // Only a child with a file was counted as waiting for its parents.
                let counted = has_path(&file_of[i]);
                for p in parents_of(entity).filter(|_| counted) {
                    if let Some(n) = b.waiting_children.get_mut(p) {
                        *n -= 1;
                        if *n == 0 {
                            if let Some(d) = b.done.get_mut(p) {
                                d.ids = None; // no child needs these IDs any more
                            }
                        }
                    }
                }
                // A file not accepted still gives its IDs when they are all there (`ids` is
                // `None` otherwise): a child's refs are checked against them.
                let keep = b.waiting_children.get(&entity.name).is_some_and(|&n| n > 0);
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

/// A parent's IDs for a child's refs: the index, its file name, and where they come from.
type Target = (Arc<IdIndex>, String, Option<RefAgainst>);

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
            (report, ids)
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
    fn a_child_without_a_file_does_not_take_the_parents_ids_from_a_child_with_one() {
        // `bajas` (no file) comes before `ventas` in dependency order and shares its parent:
        // it once counted itself off the parent's waiting children, which dropped the
        // parent's IDs before `ventas` was checked and then underflowed the count (a panic,
        // and in the agent's pool, a worker waiting for ever).
        let config = Config::from_toml(
            r#"
[[entity]]
name = "clientes"
id = "COD"
[[entity]]
name = "bajas"
id = "NRO"
refs = [ { column = "COD_CLIENTE", entity = "clientes", required = true } ]
[[entity]]
name = "ventas"
id = "NRO"
refs = [ { column = "COD_CLIENTE", entity = "clientes", required = true } ]
"#,
            Path::new("t.toml"),
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let clientes = dir.path().join("clientes.csv");
        let ventas = dir.path().join("ventas.csv");
        std::fs::write(&clientes, "COD;NOMBRE\nC1;x\nC2;y\n").unwrap();
        std::fs::write(&ventas, "NRO;COD_CLIENTE\nV1;C1\nV2;C9\n").unwrap();
        let file = |entity: &str, path: &Path| EntityFile::new(entity, Some(path.to_path_buf()));
        let files = [file("clientes", &clientes), file("ventas", &ventas)];
        let report = validate_files(&config.catalog, &config.policy, &files, 1);
        let ventas = report
            .entities
            .iter()
            .find(|e| e.entity == "ventas")
            .unwrap();
        assert_eq!(
            ventas.counts.get(&Code::UnverifiedRefs),
            None,
            "{ventas:#?}"
        );
        assert_eq!(
            ventas.counts.get(&Code::DanglingRef),
            Some(&1),
            "{ventas:#?}"
        );
        // The child alone, its parent absent too.
        let alone = [file("ventas", dir.path().join("ventas.csv").as_path())];
        let report = validate_files(&config.catalog, &config.policy, &alone, 1);
        let ventas = report
            .entities
            .iter()
            .find(|e| e.entity == "ventas")
            .unwrap();
        assert_eq!(
            ventas.counts.get(&Code::UnverifiedRefs),
            Some(&1),
            "{ventas:#?}"
        );
    }

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
        let report = validate_batch(&config.catalog, &config.policy, &files, 2, &lookup, &|_| {});
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
    fn refs_to_a_rejected_parent_are_checked_against_its_ids_or_its_last_accepted_snapshot() {
        let config = Config::from_toml(CONFIG, Path::new("t.toml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let clientes = dir.path().join("clientes.csv");
        let ventas = dir.path().join("ventas.csv");
        // 20 clients, 5 of them duplicated (25% of the rows): the file is rejected.
        let rows: String = (1..=20).map(|i| format!("C{i};x\n")).collect();
        let dups: String = (1..=5).map(|i| format!("C{i};dup\n")).collect();
        std::fs::write(&clientes, format!("COD;NOMBRE\n{rows}{dups}")).unwrap();
        // V1 names a duplicated client, V2 a client nobody has, V3 a client only the last
        // accepted snapshot lacks.
        std::fs::write(&ventas, "NRO;COD_CLIENTE\nV1;C1\nV2;C999\nV3;C20\n").unwrap();
        let files = [
            EntityFile::new("clientes", Some(clientes)),
            EntityFile::new("ventas", Some(ventas)),
        ];
        let ventas_of = |report: &Report| {
            report
                .entities
                .iter()
                .find(|e| e.entity == "ventas")
                .unwrap()
                .clone()
        };

        // No earlier snapshot: the rejected file's IDs are used, and the warning stays.
        let report = validate_files(&config.catalog, &config.policy, &files, 2);
        assert!(!report.entities[0].publishable());
        let ventas = ventas_of(&report);
        let dangling: Vec<_> = ventas
            .issues
            .iter()
            .filter(|i| i.code == Code::DanglingRef)
            .collect();
        assert_eq!(dangling.len(), 1, "{:?}", ventas.issues);
        assert_eq!(dangling[0].row, Some(2));
        assert_eq!(dangling[0].value.as_deref(), Some("C999"));
        assert_eq!(dangling[0].facts.ref_against, Some(RefAgainst::NotAccepted));
        assert_eq!(ventas.counts.get(&Code::OrphanedRef), None);
        let warning = ventas
            .issues
            .iter()
            .find(|i| i.code == Code::UnverifiedRefs)
            .expect("the parent itself was not accepted");
        assert_eq!(warning.facts.ref_against, Some(RefAgainst::NotAccepted));
        assert_eq!(warning.facts.ref_file.as_deref(), Some("clientes.csv"));

        // With a last accepted snapshot (C1..C10), that is what refs are checked against.
        let earlier = dir.path().join("earlier.csv");
        let rows: String = (1..=10).map(|i| format!("C{i};x\n")).collect();
        std::fs::write(&earlier, format!("COD;NOMBRE\n{rows}")).unwrap();
        let entity = config.catalog.get("clientes").unwrap();
        let file = std::fs::File::open(&earlier).unwrap();
        let prior = Arc::new(index_file(entity, &config.policy, (file, None), &[]).unwrap());
        let lookup = |name: &str| {
            (name == "clientes").then(|| PriorIds {
                ids: prior.clone(),
                file: "clientes-ayer.csv".into(),
            })
        };
        let report = validate_batch(&config.catalog, &config.policy, &files, 2, &lookup, &|_| {});
        let ventas = ventas_of(&report);
        let dangling: Vec<_> = ventas
            .issues
            .iter()
            .filter(|i| i.code == Code::DanglingRef)
            .map(|i| (i.row, i.facts.ref_against, i.facts.ref_file.clone()))
            .collect();
        let last = Some(RefAgainst::LastAccepted);
        let file = Some("clientes-ayer.csv".to_string());
        assert_eq!(
            dangling,
            vec![(Some(2), last, file.clone()), (Some(3), last, file)]
        );
        assert_eq!(ventas.counts.get(&Code::UnverifiedRefs), None);
    }

    #[test]
    fn a_worker_that_panics_stops_the_batch_instead_of_leaving_the_others_waiting() {
        let config = Config::from_toml(CONFIG, Path::new("t.toml")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("clientes.csv"), "COD;N\nC1;x\n").unwrap();
        std::fs::write(dir.path().join("ventas.csv"), "NRO;COD_CLIENTE\nV1;C1\n").unwrap();
        let files = [
            EntityFile::new("clientes", Some(dir.path().join("clientes.csv"))),
            EntityFile::new("ventas", Some(dir.path().join("ventas.csv"))),
        ];
        // The parent's worker panics (here in the hold hook, outside the board's lock): the
        // other worker, waiting for that parent, must not wait for ever.
        let hold = |report: &mut EntityReport| {
            if report.entity == "clientes" {
                panic!("a bug while checking clientes");
            }
        };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                validate_batch(&config.catalog, &config.policy, &files, 2, &|_| None, &hold)
            }));
            let _ = tx.send(caught.is_err());
        });
        let panicked = rx
            .recv_timeout(std::time::Duration::from_secs(600))
            .expect("the batch ends");
        assert!(panicked, "the worker's panic reaches the caller");
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

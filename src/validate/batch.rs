//! Checking a batch of files together: parents before children, independent files in
//! parallel, each parent's IDs kept only until its last child in the batch is done.

use super::check::{check_file, Parent};
use super::{Code, EntityReport, IdIndex, Issue, Report, Severity, Verdict};
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

/// Checks every catalog entity's file of `files`, in dependency order, on up to `workers`
/// threads, and gathers the reports in catalog order. Entities not in `files`, or with no
/// path, are reported `missing`.
pub fn validate_files(
    catalog: &Catalog,
    policy: &Policy,
    files: &[EntityFile],
    workers: usize,
) -> Report {
    let entities = catalog.entities();
    let path_of = |name: &str| {
        files
            .iter()
            .find(|f| f.entity == name)
            .and_then(|f| f.path.clone())
    };
    let paths: Vec<Option<PathBuf>> = entities.iter().map(|e| path_of(&e.name)).collect();
    let present = |name: &str| {
        entities
            .iter()
            .zip(&paths)
            .any(|(e, p)| e.name == name && p.is_some())
    };
    let mut waiting_children = HashMap::new();
    for (entity, path) in entities.iter().zip(&paths) {
        if path.is_some() {
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
                // Each parent's IDs (if usable) and file name (if any).
                let parents: HashMap<&str, (Option<Arc<IdIndex>>, Option<String>)> =
                    earlier_parents(i)
                        .map(|p| {
                            let d = b.done.get(p);
                            (
                                p,
                                (
                                    d.and_then(|d| d.ids.clone()),
                                    d.and_then(|d| d.report.file.clone()),
                                ),
                            )
                        })
                        .collect();
                drop(b);
                let lookup = |name: &str| match parents.get(name) {
                    Some((Some(ids), Some(file))) => Parent::Ids(ids, file),
                    Some((None, Some(file))) => {
                        Parent::Unavailable(format!("{file} ({name}) was rejected"))
                    }
                    Some((_, None)) => {
                        Parent::Unavailable(format!("there is no {name} file to check against"))
                    }
                    None => Parent::Unavailable(format!(
                        "{name} is checked after {} (a cycle of refs)",
                        entities[i].name
                    )),
                };
                let (report, ids) = match &paths[i] {
                    None => (EntityReport::missing(&entity.name), None),
                    Some(path) => check_path(entity, policy, path, &lookup),
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

/// Opens and checks one file; a file that cannot be read is rejected with `unreadable`.
fn check_path<'p>(
    entity: &Entity,
    policy: &Policy,
    path: &std::path::Path,
    lookup: &dyn Fn(&str) -> Parent<'p>,
) -> (EntityReport, Option<IdIndex>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = std::fs::File::open(path).and_then(|f| {
        let len = f.metadata().map(|m| m.len()).ok();
        check_file(entity, policy, &name, (f, len), lookup)
    });
    match result {
        Ok((report, ids)) => (report, Some(ids)),
        Err(e) => {
            let mut report = EntityReport::missing(&entity.name);
            report.file = Some(name);
            report.verdict = Verdict::Rejected;
            report.counts.insert(Code::Unreadable, 1);
            report.issues.push(Issue {
                code: Code::Unreadable,
                severity: Severity::Error,
                row: None,
                line: None,
                column: None,
                value: None,
                first_row: None,
                message: format!("cannot read {}: {e}", path.display()),
            });
            (report, None)
        }
    }
}

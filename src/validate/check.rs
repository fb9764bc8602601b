//! The checks of one file: header, then every record, against its parents' IDs.

use super::{Code, EntityReport, IdEntry, IdIndex, Issue, Severity, Verdict, MAX_LISTED_PER_CODE};
use crate::config::{Entity, OnError, Policy, Ref};
use crate::table::{self, Header, Options, Reader, Record};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read};

/// Cell values longer than this are cut in issues (the report is for people).
const MAX_VALUE_CHARS: usize = 200;

/// What a child's references are checked against, for one parent entity.
pub enum Parent<'a> {
    /// The parent snapshot's IDs, and its file name for messages.
    Ids(&'a IdIndex, &'a str),
    /// No snapshot to check against; the text says why (absent, rejected).
    Unavailable(String),
}

/// Checks one file of `entity` read from `input`, looking refs up through `parent`.
/// Returns the findings and the file's IDs (with each row's accepted flag).
/// `Err` only when the input cannot be read.
pub fn check_file<'p, R: Read + Send + 'static>(
    entity: &Entity,
    policy: &Policy,
    file_name: &str,
    input: R,
    parent: &dyn Fn(&str) -> Parent<'p>,
) -> io::Result<(EntityReport, IdIndex)> {
    let options = Options {
        encoding: entity.encoding,
        delimiter: entity.delimiter,
    };
    let reader = Reader::new(input, &options)?;
    let mut findings = Findings::default();
    let mut ids = IdIndex::new();
    let Some(header) = reader.header().cloned() else {
        findings.add(Code::EmptyFile, Severity::Error, |i| Issue {
            message: "the file has no header row: it is empty or blank".into(),
            ..i
        });
        let outcome = decide(policy, 1, 0, 0);
        return Ok((
            report(entity, file_name, &reader, Vec::new(), findings, outcome),
            ids,
        ));
    };
    let columns = Columns::resolve(entity, &header, &mut findings);
    let file_errors = findings.errors;
    let targets: Vec<Option<Parent>> = columns
        .refs
        .iter()
        .map(|&(r, col)| match col.map(|_| parent(&r.entity))? {
            Parent::Unavailable(why) => {
                findings.add(Code::UnverifiedRefs, Severity::Warning, |i| Issue {
                    column: Some(r.column.clone()),
                    message: format!("{} not checked: {why}", r.column),
                    ..i
                });
                None
            }
            ids => Some(ids),
        })
        .collect();
    let mut left_out = 0u64;
    let width = header.names.len();
    let reader = reader.for_each(
        |record, refs| look_up_refs(record, width, &columns, &targets, refs),
        |record, refs| {
            if check_record(
                record,
                &header,
                &columns,
                &targets,
                refs,
                &mut findings,
                &mut ids,
            ) {
                left_out += 1;
            }
        },
    )?;
    let outcome = decide(policy, file_errors, reader.rows(), left_out);
    Ok((
        report(entity, file_name, &reader, header.names, findings, outcome),
        ids,
    ))
}

/// The positions of the columns the checks need.
struct Columns<'e> {
    id: Option<usize>,
    id_name: String,
    refs: Vec<(&'e Ref, Option<usize>)>,
}

impl<'e> Columns<'e> {
    /// Finds the ID and ref columns, reporting header problems on the way.
    fn resolve(entity: &'e Entity, header: &Header, findings: &mut Findings) -> Self {
        let names = &header.names;
        let line = Some(header.line);
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            if header.undecodable.contains(&i) {
                findings.add(Code::Undecodable, Severity::Error, |blank| Issue {
                    line,
                    column: Some(name.clone()),
                    value: Some(cut(name)),
                    message: format!(
                        "the name of column {} has bytes invalid in the file's encoding",
                        i + 1
                    ),
                    ..blank
                });
            }
            if name.is_empty() {
                findings.add(Code::EmptyHeader, Severity::Warning, |blank| Issue {
                    line,
                    message: format!("column {} of the header has no name", i + 1),
                    ..blank
                });
            } else if let Some(&first) = first_at.get(name.as_str()) {
                findings.add(Code::DuplicateHeader, Severity::Error, |blank| Issue {
                    line,
                    column: Some(name.clone()),
                    message: format!("columns {} and {} are both called {name}", first + 1, i + 1),
                    ..blank
                });
            } else {
                first_at.insert(name, i);
            }
        }
        let mut find = |wanted: &str| -> Option<usize> {
            let found = first_at.get(wanted).copied();
            if found.is_none() {
                findings.add(Code::MissingColumn, Severity::Error, |i| Issue {
                    line,
                    column: Some(wanted.to_string()),
                    message: missing_column_message(wanted, names),
                    ..i
                });
            }
            found
        };
        let (id, id_name) = match &entity.id {
            Some(name) => (find(name), name.clone()),
            None => (Some(0), names[0].clone()),
        };
        let refs = entity.refs.iter().map(|r| (r, find(&r.column))).collect();
        Columns { id, id_name, refs }
    }
}

/// "column X not found; the header has A, B, C; did you mean B?"
fn missing_column_message(wanted: &str, names: &[String]) -> String {
    let closest = names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| {
            (
                strsim::jaro_winkler(&wanted.to_lowercase(), &n.to_lowercase()),
                n,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let mut msg = format!(
        "column {wanted} is not in the header, which has: {}",
        names.join(", ")
    );
    if let Some((score, name)) = closest {
        if score > 0.7 {
            msg.push_str(&format!("; closest match: {name}"));
        }
    }
    msg
}

/// What the parsing thread found for one ref cell of a record.
#[derive(Debug, Clone, Copy)]
enum RefCheck {
    /// Nothing to check: no such column, a ragged row, or no parent IDs to check against.
    Skip,
    /// The cell is empty.
    Empty,
    /// The value is not an ID of the parent.
    Dangling,
    /// The value is an ID of the parent, on this row.
    Found(IdEntry),
}

/// Looks up each ref cell of `record` in its parent's IDs (read-only work, done on the
/// parsing thread), into `out`, one entry per ref of `columns`.
fn look_up_refs(
    record: &Record,
    width: usize,
    columns: &Columns,
    targets: &[Option<Parent>],
    out: &mut Vec<RefCheck>,
) {
    out.clear();
    for ((_, col), target) in columns.refs.iter().zip(targets) {
        let cell = col
            .and_then(|c| record.field(c))
            .filter(|_| record.len() == width);
        out.push(match (cell, target) {
            (None, _) => RefCheck::Skip,
            (Some(cell), _) if cell.trim().is_empty() => RefCheck::Empty,
            (Some(cell), Some(Parent::Ids(ids, _))) => ids
                .get(cell.trim())
                .map_or(RefCheck::Dangling, RefCheck::Found),
            (Some(_), _) => RefCheck::Skip,
        });
    }
}

/// Checks one record, given its refs looked up by [`look_up_refs`], and records its ID.
/// Returns true when the row is left out (it has an error).
fn check_record(
    record: &Record,
    header: &Header,
    columns: &Columns,
    targets: &[Option<Parent>],
    refs: &[RefCheck],
    findings: &mut Findings,
    ids: &mut IdIndex,
) -> bool {
    let errors_before = findings.errors;
    let at = |mut i: Issue| {
        i.row = Some(record.row());
        i.line = Some(record.line());
        i
    };
    if record.len() != header.names.len() {
        findings.add(Code::RaggedRow, Severity::Error, |i| Issue {
            message: format!(
                "the row has {} fields but the header has {}",
                record.len(),
                header.names.len()
            ),
            ..at(i)
        });
        // Its cells may be shifted, so nothing else is checked; but its ID (usually the first
        // column) is remembered as left out, so children pointing at it are told why.
        if let Some(id) = columns.id.and_then(|c| record.field(c)) {
            let id = id.trim();
            if !id.is_empty() {
                let _ = ids.insert(id, record.row(), false);
            }
        }
        return true;
    }
    for &c in record.undecodable() {
        let name = &header.names[c];
        findings.add(Code::Undecodable, Severity::Error, |i| Issue {
            column: Some(name.clone()),
            value: record.field(c).map(|v| cut(&v)),
            message: format!("{name} has bytes that are not valid text in the file's encoding"),
            ..at(i)
        });
    }
    for (((r, col), target), check) in columns.refs.iter().zip(targets).zip(refs) {
        let severity = if r.required {
            Severity::Error
        } else {
            Severity::Warning
        };
        let parent_file = match target {
            Some(Parent::Ids(_, file)) => *file,
            _ => "",
        };
        let value = || {
            let cell = col.and_then(|c| record.field(c)).unwrap_or_default();
            cut(cell.trim())
        };
        match *check {
            RefCheck::Empty if r.required => findings.add(Code::MissingRef, Severity::Error, |i| Issue {
                column: Some(r.column.clone()),
                message: format!("{} is empty, but every row must name one of {}", r.column, r.entity),
                ..at(i)
            }),
            RefCheck::Dangling => findings.add(Code::DanglingRef, severity, |i| Issue {
                column: Some(r.column.clone()),
                message: format!("{} {} is not an ID of {} ({parent_file})", r.column, value(), r.entity),
                value: Some(value()),
                ..at(i)
            }),
            RefCheck::Found(found) if !found.accepted => findings.add(Code::OrphanedRef, severity, |i| Issue {
                column: Some(r.column.clone()),
                message: format!(
                    "{} {} points at row {} of {} ({parent_file}), which is left out for its own errors",
                    r.column,
                    value(),
                    found.row,
                    r.entity
                ),
                value: Some(value()),
                ..at(i)
            }),
            _ => {}
        }
    }
    let Some(id_col) = columns.id else {
        return findings.errors > errors_before;
    };
    let id = record.field(id_col).unwrap_or_default();
    let id = id.trim();
    if id.is_empty() {
        findings.add(Code::EmptyId, Severity::Error, |i| Issue {
            column: Some(columns.id_name.clone()),
            message: format!("the ID ({}) is empty", columns.id_name),
            ..at(i)
        });
        return true;
    }
    // Whether the row is accepted is known only now that its other checks are done.
    let accepted = findings.errors == errors_before;
    if let Err(first) = ids.insert(id, record.row(), accepted) {
        findings.add(Code::DuplicateId, Severity::Error, |i| Issue {
            column: Some(columns.id_name.clone()),
            value: Some(cut(id)),
            first_row: Some(first.row),
            message: format!("ID {id} already used on row {}", first.row),
            ..at(i)
        });
    }
    findings.errors > errors_before
}

/// Cuts long cell text for display.
fn cut(value: &str) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

/// Issues found so far, listed up to a cap per code, counted in full.
#[derive(Default)]
struct Findings {
    issues: Vec<Issue>,
    counts: BTreeMap<Code, u64>,
    /// Error-severity issues found so far.
    errors: u64,
}

impl Findings {
    /// Counts an issue of `code` and lists it unless the code already has the maximum listed;
    /// `fill` completes the blank issue it is given, and runs only when the issue is listed.
    fn add(&mut self, code: Code, severity: Severity, fill: impl FnOnce(Issue) -> Issue) {
        let count = self.counts.entry(code).or_insert(0);
        *count += 1;
        if severity == Severity::Error {
            self.errors += 1;
        }
        if *count <= MAX_LISTED_PER_CODE {
            let blank = Issue {
                code,
                severity,
                row: None,
                line: None,
                column: None,
                value: None,
                first_row: None,
                message: String::new(),
            };
            self.issues.push(fill(blank));
        }
    }
}

/// What the policy makes of a file's findings.
struct Outcome {
    verdict: Verdict,
    rows_accepted: u64,
}

/// Applies `policy`: a file-level error or too many left-out rows reject the file.
fn decide(policy: &Policy, file_errors: u64, rows: u64, left_out: u64) -> Outcome {
    let rejected = file_errors > 0
        || (policy.on_error == OnError::Reject && left_out > 0)
        || policy.max_invalid_rows.exceeded(left_out, rows);
    let verdict = match (rejected, left_out) {
        (true, _) => Verdict::Rejected,
        (false, 0) => Verdict::Accepted,
        (false, _) => Verdict::Partial,
    };
    let rows_accepted = if rejected { 0 } else { rows - left_out };
    Outcome {
        verdict,
        rows_accepted,
    }
}

fn report(
    entity: &Entity,
    file_name: &str,
    reader: &Reader,
    columns: Vec<String>,
    findings: Findings,
    outcome: Outcome,
) -> EntityReport {
    let dialect = reader.dialect();
    EntityReport {
        entity: entity.name.clone(),
        file: Some(file_name.to_string()),
        encoding: Some(table::encoding_name(dialect.encoding)),
        delimiter: Some((dialect.delimiter as char).to_string()),
        rows: reader.rows(),
        columns,
        verdict: outcome.verdict,
        rows_accepted: outcome.rows_accepted,
        counts: findings.counts,
        issues: findings.issues,
    }
}

//! The checks of one file: header, then every record, against its parents' IDs.
//!
//! Records come in batches from the parsing thread ([`Reader::for_each_prepared`]). Each
//! batch is first prepared — every ID and ref cell decoded and hashed once, refs looked up in
//! the parents' IDs ([`prepare`]), on whichever of the two threads has time — then checked
//! and its IDs recorded ([`check_batch`]). Both steps prefetch the hash-table slots a few
//! records ahead of using them: on large files the tables do not fit in cache, and
//! overlapping those memory loads instead of waiting for each in turn is what keeps
//! validation near parsing speed.

use super::delta::{Collector, RowHashes};
use super::findings::{
    cut, decide, escaped, hold_empty, is_control, name_cells, report, workbook_refused, Findings,
};
use super::header::Columns;
use super::read_options;
use super::rules::Rules;
use super::{
    Code, EntityReport, Facts, IdEntry, IdHash, IdIndex, Issue, RefAgainst, Severity,
    UnverifiedReason,
};
use crate::config::{Entity, Policy};
use crate::table::{Ending, Header, Oversize, Reader, Record, StrayQuote, WorkbookError};
use std::borrow::Cow;
use std::io::{self, Read};

/// What a child's references are checked against, for one parent entity.
pub enum Parent<'a> {
    /// IDs to look the refs up in.
    Ids(Lookup<'a>),
    /// No snapshot to check against, and why.
    Unavailable(Unverified),
}

/// A parent's IDs to look a child's refs up in, and where they come from.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    /// The IDs, with each row's accepted flag.
    pub ids: &'a IdIndex,
    /// The parent's file name, for messages.
    pub file: &'a str,
    /// `None`: the parent's file accepted in the same batch; else its last accepted snapshot,
    /// or the IDs of its file that was not accepted (refs are still checked, and an
    /// `unverified-refs` warning says the parent itself was not accepted).
    pub against: Option<RefAgainst>,
}

impl<'a> Parent<'a> {
    /// The IDs of the parent's file `file`, accepted in the same batch.
    pub fn ids(ids: &'a IdIndex, file: &'a str) -> Parent<'a> {
        Parent::Ids(Lookup {
            ids,
            file,
            against: None,
        })
    }

    /// The IDs to look refs up in, if there are any.
    fn lookup(&self) -> Option<&Lookup<'a>> {
        match self {
            Parent::Ids(lookup) => Some(lookup),
            Parent::Unavailable(_) => None,
        }
    }
}

/// Why a parent's IDs are not there to check a child's refs against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unverified {
    /// No file of the parent, in the batch or accepted earlier.
    Missing,
    /// The parent's file (named here) was rejected, and none was accepted earlier.
    Rejected(String),
    /// The parent is checked after the child (an optional ref closing a cycle).
    Cycle,
}

impl Unverified {
    /// The reason as the issue's `unverified_reason` says it.
    fn reason(&self) -> UnverifiedReason {
        match self {
            Unverified::Missing => UnverifiedReason::Missing,
            Unverified::Rejected(_) => UnverifiedReason::Rejected,
            Unverified::Cycle => UnverifiedReason::Cycle,
        }
    }

    /// The parent's rejected file, if that is the reason.
    fn file(&self) -> Option<String> {
        match self {
            Unverified::Rejected(file) => Some(file.clone()),
            Unverified::Missing | Unverified::Cycle => None,
        }
    }

    /// Why `child`'s refs to `parent` were not checked, in English, for the message.
    fn english(&self, parent: &str, child: &str) -> String {
        match self {
            Unverified::Missing => format!("there is no {parent} file to check against"),
            Unverified::Rejected(file) => format!("{file} ({parent}) was rejected"),
            Unverified::Cycle => format!("{parent} is checked after {child} (a cycle of refs)"),
        }
    }
}

/// Checks one file of `entity` read from `input`, looking refs up through `parent`.
/// `input_len`, when known, sizes the ID index up front. Returns the findings and the
/// file's IDs (with each row's accepted flag) when they are all there: `None` when the file
/// was not read to its end (cut, a stray quote never closed, a record past the limit,
/// refused before its rows) or has no ID column. `Err` only when the input cannot be read.
/// A record past `policy.max_record_bytes` rejects the file (`oversize-record`); the rest of
/// the file is not read. A file whose first bytes say it is not a table (a PDF, a ZIP, NUL
/// bytes: `table::LooksLike`) is rejected as `not-a-table`, its header never read. A
/// workbook is read from its sheet (`entity.sheet`, else the first); a workbook without that
/// sheet, too big or damaged is rejected as `unreadable`; its issues name their cells (`C17`).
pub fn check_file<'p, R: Read + Send + 'static>(
    entity: &Entity,
    policy: &Policy,
    file_name: &str,
    input: (R, Option<u64>),
    parent: &dyn Fn(&str) -> Parent<'p>,
) -> io::Result<(EntityReport, Option<IdIndex>)> {
    check_file_rows(entity, policy, file_name, input, parent, None)
}

/// [`check_file`], where `rows`, when given, collects every published row for the delta
/// ([`super::delta`]) in the same pass.
pub fn check_file_rows<'p, R: Read + Send + 'static>(
    entity: &Entity,
    policy: &Policy,
    file_name: &str,
    (input, input_len): (R, Option<u64>),
    parent: &dyn Fn(&str) -> Parent<'p>,
    mut rows: Option<&mut Collector>,
) -> io::Result<(EntityReport, Option<IdIndex>)> {
    let mut reader = match Reader::detect(input, &read_options(entity, policy)) {
        Ok(reader) => reader,
        Err(e) => {
            let Some(workbook) = WorkbookError::of(&e) else {
                return Err(e);
            };
            let report = workbook_refused(entity, file_name, workbook);
            return Ok((report, None));
        }
    };
    let sheet = reader
        .sheet()
        .map(|(name, column)| (name.to_string(), column));
    let mut findings = Findings::default();
    // A file refused whole before its rows are read: one error of the file, no rows.
    let refused = |findings: Findings, dialect, columns: Vec<String>| {
        let outcome = decide(policy, 1, 0, 0);
        let report = report(entity, file_name, (dialect, 0), columns, findings, outcome);
        Ok((report, None))
    };
    if let Some(kind) = reader.looks_like() {
        findings.not_a_table(kind);
        return refused(findings, reader.dialect(), Vec::new());
    }
    if let Err(e) = reader.read_header() {
        findings.oversize(Oversize::of(&e).ok_or(e)?);
        return refused(findings, reader.dialect(), Vec::new());
    }
    let Some(header) = reader.header().cloned() else {
        findings.add(Code::EmptyFile, Severity::Error, |i| Issue {
            message: "the file has no header row: it is empty or blank".into(),
            ..i
        });
        return refused(findings, reader.dialect(), Vec::new());
    };
    if header.ending == Ending::InsideQuotes {
        findings.add(Code::Truncated, Severity::Error, |i| Issue {
            line: Some(header.line),
            facts: Facts {
                open_quote: Some(true),
                ..Facts::default()
            },
            message: "the file ends inside a quoted field of the header: the export looks \
                      interrupted; export it again"
                .into(),
            ..i
        });
        return refused(findings, reader.dialect(), header.names);
    }
    let expected = presize(&reader, input_len);
    let mut ids = IdIndex::with_capacity(expected);
    let columns = Columns::resolve(entity, &header, &mut findings);
    let mut rules = Rules::resolve(entity, &header, expected, &mut findings);
    let file_errors = findings.errors;
    let targets: Vec<Option<Parent>> = columns
        .refs
        .iter()
        .map(|&(r, col)| {
            let target = col.map(|_| parent(&r.entity))?;
            let why = match &target {
                Parent::Unavailable(why) => why.clone(),
                Parent::Ids(Lookup {
                    file,
                    against: Some(RefAgainst::NotAccepted),
                    ..
                }) => Unverified::Rejected(file.to_string()),
                Parent::Ids(_) => return Some(target),
            };
            let checked = target.lookup().is_some();
            findings.add(Code::UnverifiedRefs, Severity::Warning, |i| Issue {
                column: Some(r.column.clone()),
                facts: Facts {
                    ref_entity: Some(r.entity.clone()),
                    ref_file: why.file(),
                    unverified_reason: Some(why.reason()),
                    ref_against: checked.then_some(RefAgainst::NotAccepted),
                    ..Facts::default()
                },
                message: if checked {
                    format!(
                        "{} checked against the IDs of {}, but {}: its rows are not published",
                        r.column,
                        r.entity,
                        why.english(&r.entity, &entity.name)
                    )
                } else {
                    format!(
                        "{} not checked: {}",
                        r.column,
                        why.english(&r.entity, &entity.name)
                    )
                },
                ..i
            });
            checked.then_some(target)
        })
        .collect();
    if let Some(rows) = rows.as_deref_mut() {
        rows.start(&header.names);
    }
    let file = File {
        header: &header,
        columns: &columns,
        targets: &targets,
        collect: rows.is_some(),
    };
    let mut left_out = Vec::new();
    let dialect = reader.dialect();
    let read = reader.for_each_prepared(
        |batch| prepare(&file, batch),
        |batch| {
            let state = (&mut findings, &mut ids, &mut rules);
            check_batch(&file, batch, state, &mut left_out);
            if let Some(rows) = rows.as_deref_mut() {
                collect(batch, &left_out, rows);
            }
        },
    );
    // A cut last record is an error of the whole file: a cut export is not published.
    let file_errors = file_errors + findings.count(Code::Truncated);
    // So is a stray quote never closed; but its swallowed rows still say whether they alone
    // pass the limit (`too-many-invalid-rows`).
    let open_stray_quote = u64::from(findings.open_stray_quote);
    let (at_end, file_errors, read_to_end) = match read {
        Ok(reader) => ((reader.dialect(), reader.rows()), file_errors, true),
        Err(e) => {
            let oversize = Oversize::of(&e).ok_or(e)?;
            findings.oversize(oversize);
            let rows = oversize.row.map_or(0, |r| r - 1);
            ((dialect, rows), file_errors + 1, false)
        }
    };
    // Every ID of the file is in the index only when every record was read and split as
    // the file's own records: a cut last record or a stray quote never closed hides the rest.
    let whole = read_to_end
        && columns.id.is_some()
        && findings.count(Code::Truncated) == 0
        && !findings.open_stray_quote;
    if file_errors == 0 {
        findings.too_many_invalid_rows(policy, at_end.1, left_out.len() as u64);
    }
    let names = sheet.as_ref().map(|_| header.names.clone());
    let outcome = decide(
        policy,
        file_errors + open_stray_quote,
        at_end.1,
        left_out.len() as u64,
    );
    let mut report = report(entity, file_name, at_end, header.names, findings, outcome);
    if let (Some((name, first_column)), Some(names)) = (sheet, names) {
        report.sheet = Some(name);
        name_cells(&mut report, &names, first_column);
    }
    hold_empty(&mut report);
    if report.publishable() {
        report.left_out_rows = left_out;
    }
    Ok((report, whole.then_some(ids)))
}

/// Reads the IDs of a snapshot checked earlier (a spooled file) back into an index, marking
/// the rows left out then (`left_out`, sorted) as not accepted: how a child that arrives
/// without its parent is checked against the parent's last accepted snapshot.
/// `Err` when the file cannot be read, or has a record past `policy.max_record_bytes`.
pub fn index_file<R: Read + Send + 'static>(
    entity: &Entity,
    policy: &Policy,
    (input, input_len): (R, Option<u64>),
    left_out: &[u64],
) -> io::Result<IdIndex> {
    let reader = Reader::new(input, &read_options(entity, policy))?;
    let mut ids = IdIndex::with_capacity(presize(&reader, input_len));
    let Some(header) = reader.header() else {
        return Ok(ids);
    };
    let column = match &entity.id {
        Some(name) => header.names.iter().position(|n| n == name),
        None => Some(0),
    };
    let Some(column) = column else {
        return Ok(ids);
    };
    reader.for_each(|batch: &mut [(Record, ())]| {
        for (record, _) in batch.iter() {
            let Some(id) = record.field(column) else {
                continue;
            };
            let id = trim(&id);
            if !id.is_empty() {
                let accepted = left_out.binary_search(&record.row()).is_err();
                let _ = ids.insert(id, record.row(), accepted);
            }
        }
    })?;
    Ok(ids)
}

/// The most IDs an index is sized for up front (about 180 MB of slots): past it, it grows
/// as IDs come. A guess from the first records must not allocate for a billion rows that a
/// file of one repeated short line would suggest.
const MAX_PRESIZED_IDS: u64 = 8 << 20;

/// How many IDs to size a file's index for: the estimate from its first records, with a
/// quarter of headroom (the estimate comes from the first records only, and growing a large
/// table late costs time and, while old and new coexist, memory), at most
/// [`MAX_PRESIZED_IDS`].
fn presize(reader: &Reader, input_len: Option<u64>) -> usize {
    let expected = input_len.map_or(0, |len| reader.estimated_rows(len).min(len / 2) / 4 * 5);
    expected.min(MAX_PRESIZED_IDS) as usize
}

/// What the checks of every record of one file share.
struct File<'a> {
    header: &'a Header,
    columns: &'a Columns<'a>,
    /// Per ref of `columns`: the parent's IDs, or `None` when there is nothing to check.
    targets: &'a [Option<Parent<'a>>],
    /// Whether the rows are collected for the delta (their hashes are then prepared).
    collect: bool,
}

/// What the parsing thread works out for a record ahead of its checks.
#[derive(Default)]
struct Prepared {
    /// The ID, when the row has the header's width and a non-empty ID.
    id: Option<Key>,
    /// One per ref of the file.
    refs: Vec<RefCheck>,
    /// The row's hashes for the delta, when rows are collected and it has an ID.
    row: Option<RowHashes>,
}

/// A trimmed, non-empty ID or ref value with its hash, decoded once.
struct Key {
    hash: IdHash,
    text: KeyText,
}

/// Where a key's text is: most cells are valid UTF-8 already, and are not copied.
enum KeyText {
    /// Bytes `start..end` of field `field` of the record.
    InRecord {
        field: usize,
        start: usize,
        end: usize,
    },
    /// Decoded from another encoding.
    Decoded(String),
}

impl Key {
    /// The trimmed text of field `column` of `record`: `Ok(None)` when it is empty, `Err` when
    /// there is no such cell (no such column, or a ragged row).
    fn read(file: &File, record: &Record, column: Option<usize>) -> Result<Option<Key>, ()> {
        if record.len() != file.header.names.len() {
            return Err(());
        }
        let field = column.ok_or(())?;
        let decoded = record.field(field).ok_or(())?;
        let trimmed = trim(&decoded);
        if trimmed.is_empty() {
            return Ok(None);
        }
        let hash = IdHash::of(trimmed);
        let text = match &decoded {
            // Borrowed text is a slice of the raw bytes: remember where, copy nothing.
            Cow::Borrowed(whole) => {
                let start = trimmed.as_ptr() as usize - whole.as_ptr() as usize;
                KeyText::InRecord {
                    field,
                    start,
                    end: start + trimmed.len(),
                }
            }
            Cow::Owned(_) => KeyText::Decoded(trimmed.to_string()),
        };
        Ok(Some(Key { hash, text }))
    }

    /// The key's UTF-8 bytes.
    fn bytes<'r>(&'r self, record: &'r Record) -> &'r [u8] {
        match &self.text {
            KeyText::InRecord { field, start, end } => {
                &record.raw_field(*field).unwrap_or_default()[*start..*end]
            }
            KeyText::Decoded(text) => text.as_bytes(),
        }
    }

    /// The key's text, for messages.
    fn text<'r>(&'r self, record: &'r Record) -> Cow<'r, str> {
        String::from_utf8_lossy(self.bytes(record))
    }
}

/// `text` without surrounding whitespace. Most cells have none, which one look at each end
/// tells; only the others pay for Unicode-aware trimming.
fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if plain(bytes.first()) && plain(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// What the parsing thread found for one ref cell of a record.
enum RefCheck {
    /// Nothing to check: no such column, a ragged row, or no parent IDs to check against.
    Skip,
    /// The cell is empty.
    Empty,
    /// To be looked up in the parent's IDs.
    Pending(Key),
    /// The value is not an ID of the parent.
    Dangling(Key),
    /// The value is an ID of the parent, on this row.
    Found(Key, IdEntry),
}

/// How many records ahead of its lookups the slots are prefetched: far enough that a load
/// from memory has landed when its lookup comes, near enough that the CPU can keep that many
/// loads in flight (a few dozen).
const PREFETCH_AHEAD: usize = 4;

/// Decodes and hashes every ID and ref cell of the batch, then looks the refs up in the
/// parents' IDs, prefetching each record's slots [`PREFETCH_AHEAD`] records before its
/// lookups. It reads only immutable data, so it runs on whichever thread has time for it
/// ([`Reader::for_each_prepared`]).
fn prepare(file: &File, batch: &mut [(Record, Prepared)]) {
    for (record, prepared) in batch.iter_mut() {
        prepared.id = Key::read(file, record, file.columns.id).ok().flatten();
        prepared.row = match &prepared.id {
            Some(key) if file.collect => Some(RowHashes::of(key.bytes(record), record)),
            _ => None,
        };
        prepared.refs.clear();
        for ((_, column), target) in file.columns.refs.iter().zip(file.targets) {
            prepared
                .refs
                .push(match (Key::read(file, record, *column), target) {
                    (Err(()), _) => RefCheck::Skip,
                    (Ok(None), _) => RefCheck::Empty,
                    (Ok(Some(key)), Some(Parent::Ids(_))) => RefCheck::Pending(key),
                    (Ok(Some(_)), None | Some(Parent::Unavailable(_))) => RefCheck::Skip,
                });
        }
    }
    let prefetch = |prepared: &Prepared| {
        for (target, check) in file.targets.iter().zip(&prepared.refs) {
            if let (Some(Parent::Ids(lookup)), RefCheck::Pending(key)) = (target, check) {
                lookup.ids.prefetch(key.hash);
            }
        }
    };
    batch
        .iter()
        .take(PREFETCH_AHEAD)
        .for_each(|(_, prepared)| prefetch(prepared));
    for i in 0..batch.len() {
        if let Some((_, ahead)) = batch.get(i + PREFETCH_AHEAD) {
            prefetch(ahead);
        }
        let (record, prepared) = &mut batch[i];
        for (target, check) in file.targets.iter().zip(&mut prepared.refs) {
            let (Some(Parent::Ids(lookup)), RefCheck::Pending(_)) = (target, &*check) else {
                continue;
            };
            if let RefCheck::Pending(key) = std::mem::replace(check, RefCheck::Skip) {
                *check = match lookup.ids.get_hashed(key.bytes(record), key.hash) {
                    Some(found) => RefCheck::Found(key, found),
                    None => RefCheck::Dangling(key),
                };
            }
        }
    }
}

/// Checks a prepared batch and records its IDs, prefetching the ID slots ahead; returns how
/// many rows are left out.
fn check_batch(
    file: &File,
    batch: &[(Record, Prepared)],
    (findings, ids, rules): (&mut Findings, &mut IdIndex, &mut Rules),
    left_out: &mut Vec<u64>,
) {
    let prefetch = |ids: &IdIndex, prepared: &Prepared| {
        if let Some(key) = &prepared.id {
            ids.prefetch(key.hash);
        }
    };
    batch
        .iter()
        .take(PREFETCH_AHEAD)
        .for_each(|(_, prepared)| prefetch(ids, prepared));
    for (i, (record, prepared)) in batch.iter().enumerate() {
        if let Some((_, ahead)) = batch.get(i + PREFETCH_AHEAD) {
            prefetch(ids, ahead);
        }
        if check_record(file, record, prepared, (findings, ids, rules)) {
            left_out.push(record.row());
            // The lines a stray quote swallowed were rows: they are lost, so left out too.
            if let Some(stray) = record.stray_quote() {
                left_out.extend(record.row() + 1..=record.row() + stray.lines);
            }
        }
    }
}

/// Adds the `stray-quote` issue of `record`, and remembers its ID as left out (so children
/// pointing at it are told why), as a ragged row's is.
fn stray_quote(
    file: &File,
    record: &Record,
    stray: StrayQuote,
    findings: &mut Findings,
    ids: &mut IdIndex,
) {
    let column = file.header.names.get(stray.field).cloned();
    findings.stray_quote(record, stray, column);
    let id_column = file.columns.id.filter(|&c| c != stray.field);
    if let Some(id) = id_column.and_then(|c| record.field(c)) {
        let id = id.trim();
        if !id.is_empty() {
            let _ = ids.insert(id, record.row(), false);
        }
    }
}

/// Gives `rows` the batch's published rows: those with an ID that are not in `left_out`
/// (ascending, its last rows are the batch's own).
fn collect(batch: &[(Record, Prepared)], left_out: &[u64], rows: &mut Collector) {
    let first = batch.first().map_or(0, |(record, _)| record.row());
    let start = left_out.partition_point(|&row| row < first);
    let mut left_out = left_out[start..].iter().peekable();
    for (record, prepared) in batch {
        if left_out.next_if_eq(&&record.row()).is_some() {
            continue;
        }
        if let (Some(key), Some(hashes)) = (&prepared.id, prepared.row) {
            rows.add(key.bytes(record), hashes, record.row());
        }
    }
}

/// Checks one record, given what [`prepare`] found, and records its ID. Returns true when the
/// row is left out (it has an error).
fn check_record(
    file: &File,
    record: &Record,
    prepared: &Prepared,
    (findings, ids, rules): (&mut Findings, &mut IdIndex, &mut Rules),
) -> bool {
    let errors_before = findings.errors;
    let (header, columns) = (file.header, file.columns);
    let at = |mut i: Issue| {
        i.row = Some(record.row());
        i.line = Some(record.line());
        i
    };
    if let Some(stray) = record.stray_quote() {
        stray_quote(file, record, stray, findings, ids);
        return true;
    }
    if let Some(open_quote) = record.cut(header.names.len()) {
        let (fields, expected) = (record.len(), header.names.len());
        let column = header.names.get(fields.saturating_sub(1)).cloned();
        findings.add(Code::Truncated, Severity::Error, |i| Issue {
            column,
            facts: Facts {
                fields: Some(fields as u64),
                expected_fields: Some(expected as u64),
                open_quote: Some(open_quote),
                ..Facts::default()
            },
            message: if open_quote {
                "the file ends inside a quoted field that opens on this row: the export looks \
                 interrupted; export it again"
                    .into()
            } else {
                format!(
                    "the file ends in the middle of this row: it has {fields} of the header's \
                     {expected} fields and no line break after it; the export looks \
                     interrupted; export it again"
                )
            },
            ..at(i)
        });
        return true;
    }
    if record.len() != header.names.len() {
        findings.add(Code::RaggedRow, Severity::Error, |i| Issue {
            facts: Facts {
                fields: Some(record.len() as u64),
                expected_fields: Some(header.names.len() as u64),
                ..Facts::default()
            },
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
    for &c in record.controls() {
        let name = &header.names[c];
        let key = columns.id == Some(c) || columns.refs.iter().any(|(_, col)| *col == Some(c));
        let severity = if key {
            Severity::Error
        } else {
            Severity::Warning
        };
        findings.add(Code::InvalidCharacter, severity, |i| {
            let text = record.field(c).unwrap_or_default();
            let first = text.chars().find(|&ch| is_control(ch)).unwrap_or('\0');
            Issue {
                column: Some(name.clone()),
                value: Some(escaped(&text)),
                facts: Facts {
                    character: Some(format!("U+{:04X}", first as u32)),
                    ..Facts::default()
                },
                message: format!(
                    "{name} holds a control character (U+{:04X}){}",
                    first as u32,
                    if key { "; the row is left out" } else { "" }
                ),
                ..at(i)
            }
        });
    }
    for &c in record.cell_errors() {
        let name = &header.names[c];
        findings.add(Code::CellError, Severity::Warning, |i| {
            let value = record.field(c).unwrap_or_default().into_owned();
            Issue {
                column: Some(name.clone()),
                message: format!(
                    "{name} shows the formula error {value}: it is published as that text"
                ),
                value: Some(value),
                ..at(i)
            }
        });
    }
    for &c in record.undecodable() {
        let name = &header.names[c];
        findings.add(Code::Undecodable, Severity::Error, |i| Issue {
            column: Some(name.clone()),
            value: record.field(c).map(|v| v.into_owned()),
            message: format!("{name} has bytes that are not valid text in the file's encoding"),
            ..at(i)
        });
    }
    rules.check(record, findings, &at);
    for (((r, _), target), check) in columns.refs.iter().zip(file.targets).zip(&prepared.refs) {
        let severity = if r.required {
            Severity::Error
        } else {
            Severity::Warning
        };
        let (parent_file, against) = match target.as_ref().and_then(Parent::lookup) {
            Some(lookup) => (lookup.file, lookup.against),
            None => ("", None),
        };
        // The parent file was not accepted: all of it is left out, which the one
        // `unverified-refs` warning says; a row of it is not an orphan on its own.
        let orphans = against != Some(RefAgainst::NotAccepted);
        match check {
            RefCheck::Empty if r.required => findings.add(Code::MissingRef, Severity::Error, |i| Issue {
                column: Some(r.column.clone()),
                facts: Facts {
                    ref_entity: Some(r.entity.clone()),
                    ..Facts::default()
                },
                message: format!("{} is empty, but every row must name one of {}", r.column, r.entity),
                ..at(i)
            }),
            RefCheck::Dangling(key) => findings.add(Code::DanglingRef, severity, |i| Issue {
                column: Some(r.column.clone()),
                facts: Facts {
                    ref_entity: Some(r.entity.clone()),
                    ref_file: Some(parent_file.to_string()),
                    ref_against: against,
                    ..Facts::default()
                },
                message: format!(
                    "{} {} is not an ID of {} ({parent_file}{})",
                    r.column,
                    cut(&key.text(record)),
                    r.entity,
                    match against {
                        Some(RefAgainst::LastAccepted) => ", the last accepted",
                        Some(RefAgainst::NotAccepted) => ", not accepted",
                        _ => "",
                    }
                ),
                value: Some(key.text(record).into_owned()),
                ..at(i)
            }),
            RefCheck::Found(key, found) if !found.accepted && orphans => findings.add(Code::OrphanedRef, severity, |i| Issue {
                column: Some(r.column.clone()),
                facts: Facts {
                    ref_entity: Some(r.entity.clone()),
                    ref_file: Some(parent_file.to_string()),
                    ref_row: Some(found.row),
                    ref_against: against,
                    ..Facts::default()
                },
                message: format!(
                    "{} {} points at row {} of {} ({parent_file}), which is left out for its own errors",
                    r.column,
                    cut(&key.text(record)),
                    found.row,
                    r.entity
                ),
                value: Some(key.text(record).into_owned()),
                ..at(i)
            }),
            _ => {}
        }
    }
    if columns.id.is_none() {
        return findings.errors > errors_before;
    }
    let Some(key) = &prepared.id else {
        findings.add(Code::EmptyId, Severity::Error, |i| Issue {
            column: Some(columns.id_name.clone()),
            message: format!("the ID ({}) is empty", columns.id_name),
            ..at(i)
        });
        return true;
    };
    // Whether the row is accepted is known only now that its other checks are done.
    let accepted = findings.errors == errors_before;
    if let Err(first) = ids.insert_hashed(key.bytes(record), key.hash, record.row(), accepted) {
        let id = key.text(record);
        findings.add(Code::DuplicateId, Severity::Error, |i| Issue {
            column: Some(columns.id_name.clone()),
            value: Some(id.to_string()),
            first_row: Some(first.row),
            message: format!("ID {} already used on row {}", cut(&id), first.row),
            ..at(i)
        });
    }
    findings.errors > errors_before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::validate::Verdict;
    use std::path::Path;

    /// Checks `data` as the file of entity `ventas` (ID `NRO`, no refs); 10% of rows may be
    /// left out.
    fn check(data: &str) -> EntityReport {
        let config = Config::from_toml(
            "[policy]\nmax_invalid_rows = \"10%\"\n[[entity]]\nname = \"ventas\"\nid = \"NRO\"\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let entity = config.catalog.get("ventas").unwrap();
        let input = std::io::Cursor::new(data.as_bytes().to_vec());
        let no_parent = |_: &str| Parent::Unavailable(Unverified::Missing);
        check_file(
            entity,
            &config.policy,
            "ventas.csv",
            (input, None),
            &no_parent,
        )
        .unwrap()
        .0
    }

    #[test]
    fn the_rows_read_before_a_record_past_the_limit_are_still_checked() {
        let config = Config::from_toml(
            "[policy]\nmax_record_bytes = \"1KiB\"\n[[entity]]\nname = \"ventas\"\nid = \"NRO\"\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let entity = config.catalog.get("ventas").unwrap();
        // Row 2 repeats row 1's ID; row 4 is past the limit (all in the first batch read).
        let data = format!(
            "NRO;NOTA\nV1;a\nV1;b\nV3;c\nV4;{}\nV5;e\n",
            "x".repeat(2000)
        );
        let input = std::io::Cursor::new(data.into_bytes());
        let no_parent = |_: &str| Parent::Unavailable(Unverified::Missing);
        let (report, _) =
            check_file(entity, &config.policy, "v.csv", (input, None), &no_parent).unwrap();
        assert_eq!(report.counts.get(&Code::OversizeRecord), Some(&1));
        let duplicate = report.issues.iter().find(|i| i.code == Code::DuplicateId);
        assert_eq!(
            duplicate.and_then(|i| i.row),
            Some(2),
            "{:?}",
            report.issues
        );
    }

    const WHOLE: &str = "NRO;CLIENTE;NOTA\n\
        V1;C1;ok\n\
        V2;C2;\"primera línea\nsegunda línea\"\n\
        V3;C3;\"otra nota\nmás\"\n";

    /// The rows of `WHOLE` plus enough whole rows that one ragged row stays under 10%.
    fn with_rows_before(tail: &str) -> String {
        let rows: String = (10..30).map(|i| format!("V{i};C{i};x\n")).collect();
        format!("{WHOLE}{rows}{tail}")
    }

    #[test]
    fn a_file_cut_inside_a_quoted_field_is_rejected_whole_at_the_row_it_was_cut_in() {
        let cut = &WHOLE[..WHOLE.find("más").unwrap()];
        let report = check(cut);
        assert_eq!(report.verdict, Verdict::Rejected);
        assert_eq!(report.rows_accepted, 0);
        assert_eq!(report.counts.get(&Code::Truncated), Some(&1));
        assert_eq!(report.issues.len(), 1, "{:?}", report.issues);
        let issue = &report.issues[0];
        assert_eq!((issue.row, issue.line), (Some(3), Some(5)));
        assert_eq!(issue.column.as_deref(), Some("NOTA"));
        assert_eq!(issue.facts.open_quote, Some(true));
        assert!(
            issue.message.contains("export it again"),
            "{}",
            issue.message
        );
        // Cut right after the opening quote, or inside the first quoted field: the same.
        for at in ["V2;C2;\"", "V2;C2;\"primera"] {
            let report = check(&WHOLE[..WHOLE.find(at).unwrap() + at.len()]);
            assert_eq!(report.verdict, Verdict::Rejected, "{at}");
            assert_eq!(report.issues[0].row, Some(2), "{at}");
        }
    }

    #[test]
    fn a_stray_quote_counts_the_rows_it_swallowed_and_rejects_the_file_when_never_closed() {
        // Closed by a later quote (row 26): rows 25 and 26 are swallowed into row 24.
        let after: String = (40..50).map(|i| format!("V{i};C{i};x\n")).collect();
        let tail = format!("V99;\"Lo de Pepe;x\nV100;C1;y\nV101;\"C1\";y\n{after}");
        let report = check(&with_rows_before(&tail));
        assert_eq!(report.rows, 36);
        assert_eq!(report.verdict, Verdict::Partial);
        assert_eq!(report.rows_accepted, 33);
        assert_eq!(report.left_out_rows, [24, 25, 26]);
        let issue = &report.issues[0];
        assert_eq!(issue.code, Code::StrayQuote);
        assert_eq!((issue.row, issue.line), (Some(24), Some(27)));
        assert_eq!(issue.column.as_deref(), Some("CLIENTE"));
        assert_eq!(issue.value.as_deref(), Some("\"Lo de Pepe;x"));
        assert_eq!(issue.facts.lines_swallowed, Some(2));
        assert_eq!(issue.facts.open_quote, Some(false));
        // Never closed: the rest of the file, and the file is rejected whole (no byte tells
        // it from a cut), with the swallowed rows counted.
        let data = with_rows_before("V99;\"Lo de Pepe;x\nV100;C1;y\nV101;C1;y\n");
        let report = check(&data);
        assert_eq!((report.rows, report.verdict), (26, Verdict::Rejected));
        assert_eq!(report.counts.get(&Code::StrayQuote), Some(&1));
        assert_eq!(report.counts.get(&Code::Truncated), None);
        assert_eq!(report.issues[0].facts.open_quote, Some(true));
        assert_eq!(report.issues[0].facts.lines_swallowed, Some(2));
        // 3 of 26 rows is above the 10% allowed: said too.
        let too_many = report
            .issues
            .iter()
            .find(|i| i.code == Code::TooManyInvalidRows);
        assert_eq!(too_many.unwrap().facts.invalid_rows, Some(3));
        // Multi-line notes (WHOLE's) are not stray quotes.
        assert_eq!(check(WHOLE).verdict, Verdict::Accepted);
    }

    #[test]
    fn a_short_last_record_without_a_line_break_is_truncated_with_one_it_is_ragged() {
        let report = check(&with_rows_before("V99;C9"));
        assert_eq!(report.verdict, Verdict::Rejected);
        let issue = &report.issues[0];
        assert_eq!(issue.code, Code::Truncated);
        assert_eq!((issue.row, issue.line), (Some(24), Some(27)));
        assert_eq!(issue.facts.open_quote, Some(false));
        assert_eq!(
            (issue.facts.fields, issue.facts.expected_fields),
            (Some(2), Some(3))
        );
        assert_eq!(issue.column.as_deref(), Some("CLIENTE"));
        // The same row with a line break after it is a ragged row: the file is partial.
        let report = check(&with_rows_before("V99;C9\n"));
        assert_eq!(report.verdict, Verdict::Partial);
        assert_eq!(report.counts.get(&Code::RaggedRow), Some(&1));
        assert_eq!(report.counts.get(&Code::Truncated), None);
    }

    #[test]
    fn a_whole_last_record_without_a_line_break_is_whole() {
        for data in [
            WHOLE.trim_end().to_string(),
            with_rows_before("V99;C9;\"nota\ncerrada\""),
            with_rows_before("V99;C9;"),
            format!("{WHOLE}\r\n\r\n"),
        ] {
            let report = check(&data);
            assert_eq!(report.verdict, Verdict::Accepted, "{data:?}");
            assert!(report.issues.is_empty(), "{:?}", report.issues);
        }
    }

    #[test]
    fn the_blank_start_of_a_cut_record_is_truncated_and_a_dos_end_mark_is_not() {
        let report = check(&with_rows_before("  "));
        assert_eq!(report.verdict, Verdict::Rejected);
        assert_eq!(report.issues[0].code, Code::Truncated);
        assert_eq!(report.issues[0].row, Some(24));
        // Blank lines with a line break, or as wide as the header, are still no rows.
        for tail in ["  \n", " ; ; "] {
            let report = check(&with_rows_before(tail));
            assert_eq!(report.verdict, Verdict::Accepted, "{tail:?}");
            assert_eq!(report.rows, 23, "{tail:?}");
        }
        // Ctrl-Z at the end, as old DOS programs wrote it: a ragged row, as before.
        let report = check(&with_rows_before("\x1A"));
        assert_eq!(report.verdict, Verdict::Partial);
        assert_eq!(report.counts.get(&Code::RaggedRow), Some(&1));
    }

    #[test]
    fn a_file_cut_inside_a_quoted_header_is_truncated_at_the_header() {
        let report = check("NRO;CLIENTE;\"NO");
        assert_eq!(report.verdict, Verdict::Rejected);
        assert_eq!(report.issues.len(), 1, "{:?}", report.issues);
        let issue = &report.issues[0];
        assert_eq!(issue.code, Code::Truncated);
        assert_eq!((issue.row, issue.line), (None, Some(1)));
    }
}

//! Per-file and cross-file checks: a folder of snapshots in, a [`Report`] out.
//!
//! Findings are data: every problem becomes an [`Issue`] with its code, row, line, column and
//! value (docs/contract.md §2); `Err` only means a check could not run at all. Files are checked
//! parents first, so a child's references are looked up in the IDs of the parent snapshot
//! checked in the same batch ([`IdIndex`]); rows left out of a parent make references to them
//! `orphaned-ref`, so published data never links to a row that was not published.

mod batch;
mod check;
pub mod columns;
pub mod delta;
mod facts;
mod findings;
mod header;
mod ids;
mod rules;
mod stored;
mod words;

pub use crate::snapshot::FileKind;
pub use crate::table::LooksLike;
pub use batch::{
    default_workers, validate_batch, validate_files, EntityFile, FileProblem, PriorIds,
};
pub use check::{check_file, check_file_rows, index_file, Lookup, Parent, Unverified};
pub use columns::{ColumnChanges, RenamedColumn};
pub use delta::{Delta, DeltaCounts, DeltaInput};
pub use facts::{Facts, OsErrorKind, RefAgainst, UnverifiedReason, WorkbookProblem};
pub use findings::{hold_empty, percent};
pub use ids::{IdEntry, IdHash, IdIndex};
pub use stored::{StoredIssue, StoredReport};
pub use words::{code_title, counts_text};

use serde::Serialize;
use std::collections::BTreeMap;

/// How `entity`'s files are read under `policy`: what the entity forces, and the record
/// size limit.
pub(crate) fn read_options(
    entity: &crate::config::Entity,
    policy: &crate::config::Policy,
) -> crate::table::Options {
    crate::table::Options {
        encoding: entity.encoding,
        delimiter: entity.delimiter,
        max_record_bytes: policy.max_record_bytes,
        sheet: entity.sheet.clone(),
    }
}

/// At most this many issues of one code are listed per file; `counts` still counts all.
pub const MAX_LISTED_PER_CODE: u64 = 1000;

/// What kind of problem an issue is (docs/contract.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// No header row at all.
    EmptyFile,
    /// The configured ID or ref column is not in the header.
    MissingColumn,
    /// Two columns share a name.
    DuplicateHeader,
    /// A column has no name.
    EmptyHeader,
    /// A record's field count differs from the header's.
    RaggedRow,
    /// Bytes invalid in the file's encoding.
    Undecodable,
    /// The ID cell is empty.
    EmptyId,
    /// The ID was already used.
    DuplicateId,
    /// A required ref cell is empty.
    MissingRef,
    /// The ref names no ID of the target entity.
    DanglingRef,
    /// The ref names an ID whose row was left out for its own errors.
    OrphanedRef,
    /// The target entity has no snapshot to check against.
    UnverifiedRefs,
    /// The shrink guard held the file.
    Shrink,
    /// The file could not be read at all (permissions, a lock, an I/O error).
    Unreadable,
    /// A file matched equally well by two entities' patterns: it belongs to neither.
    AmbiguousFile,
    /// A FIFO, folder, device or link where an entity's file was expected: never opened.
    NotAFile,
    /// A record, the header or a field is larger than `[policy] max_record_bytes`: the file
    /// is rejected, without being read past that record.
    OversizeRecord,
    /// The agent stopped (killed, out of memory) while checking this very file: it is not
    /// read again until it changes.
    Quarantined,
    /// More rows have errors than `[policy] max_invalid_rows` allows (or any, with
    /// `on_error = "reject"`): the file is rejected, and this says why.
    TooManyInvalidRows,
    /// The file is not a table at all (a PDF, a ZIP archive or workbook, an image, a program,
    /// binary content), told by its first bytes: rejected without being read as text.
    NotATable,
    /// A cell holds a control character (NUL, ESC, DEL…; not tab or a line break): an error
    /// in the ID or a ref column (the row is left out), a warning elsewhere.
    InvalidCharacter,
    /// The file ends in the middle of a record: inside a quoted field, or after a last record
    /// with fewer fields than the header and no line break. A cut export: the whole file is
    /// rejected, so it never replaces a whole one.
    Truncated,
    /// Columns were added, removed, renamed or moved since the entity's last accepted
    /// snapshot: a warning, or (per `[policy] on_column_change`) the reason it is held.
    ColumnsChanged,
    /// A workbook cell holds an error value (`#N/A`, `#DIV/0!`, `#REF!`…): the cell is read
    /// as that text, and this warns that the formula behind it failed.
    CellError,
    /// A quoted field swallowed lines shaped like whole records of the file (a lone `"` at
    /// the start of an unquoted field): the row and every line it swallowed count as invalid
    /// rows. When the quote is never closed, the file is rejected whole, as a cut one is.
    StrayQuote,
    /// A column that `columns = { X = { required = true } }` says every row fills is empty
    /// (after trimming).
    RequiredEmpty,
    /// A column that `columns = { X = { unique = true } }` says holds no value twice has this
    /// row's value already (`first_row` says where).
    DuplicateValue,
    /// A non-empty value of a column with `columns = { X = { format = "..." } }` does not
    /// have that format (the facts' `format` names it).
    InvalidFormat,
}

impl Code {
    /// Every code, in the order reports and the report's legend list them.
    pub const ALL: [Code; 28] = [
        Code::EmptyFile,
        Code::MissingColumn,
        Code::DuplicateHeader,
        Code::EmptyHeader,
        Code::RaggedRow,
        Code::Undecodable,
        Code::EmptyId,
        Code::DuplicateId,
        Code::MissingRef,
        Code::DanglingRef,
        Code::OrphanedRef,
        Code::UnverifiedRefs,
        Code::Shrink,
        Code::Unreadable,
        Code::AmbiguousFile,
        Code::NotAFile,
        Code::OversizeRecord,
        Code::Quarantined,
        Code::TooManyInvalidRows,
        Code::NotATable,
        Code::InvalidCharacter,
        Code::Truncated,
        Code::ColumnsChanged,
        Code::CellError,
        Code::StrayQuote,
        Code::RequiredEmpty,
        Code::DuplicateValue,
        Code::InvalidFormat,
    ];

    /// The code as written in reports, e.g. `duplicate-id`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::EmptyFile => "empty-file",
            Code::MissingColumn => "missing-column",
            Code::DuplicateHeader => "duplicate-header",
            Code::EmptyHeader => "empty-header",
            Code::RaggedRow => "ragged-row",
            Code::Undecodable => "undecodable",
            Code::EmptyId => "empty-id",
            Code::DuplicateId => "duplicate-id",
            Code::MissingRef => "missing-ref",
            Code::DanglingRef => "dangling-ref",
            Code::OrphanedRef => "orphaned-ref",
            Code::UnverifiedRefs => "unverified-refs",
            Code::Shrink => "shrink",
            Code::Unreadable => "unreadable",
            Code::AmbiguousFile => "ambiguous-file",
            Code::NotAFile => "not-a-file",
            Code::OversizeRecord => "oversize-record",
            Code::Quarantined => "quarantined",
            Code::TooManyInvalidRows => "too-many-invalid-rows",
            Code::NotATable => "not-a-table",
            Code::InvalidCharacter => "invalid-character",
            Code::Truncated => "truncated",
            Code::ColumnsChanged => "columns-changed",
            Code::CellError => "cell-error",
            Code::StrayQuote => "stray-quote",
            Code::RequiredEmpty => "required-empty",
            Code::DuplicateValue => "duplicate-value",
            Code::InvalidFormat => "invalid-format",
        }
    }
}

/// How bad an issue is: errors leave a row (or the file) out, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row (or, without a row, the file) cannot be published.
    Error,
    /// Worth knowing; publishing goes on.
    Warning,
}

/// One finding, located as precisely as the problem allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// What kind of problem.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The 1-based data record; absent for problems of the whole file or header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The physical line the record (or header) starts on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The column concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The offending cell's text, cut to 200 characters and an ellipsis when longer (the
    /// facts' `value_chars` then gives its full length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For `duplicate-id` and `duplicate-value`: the row where the ID (or value) was first
    /// used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_row: Option<u64>,
    /// The specifics the detail is made of, as optional keys beside these ([`Facts`]).
    #[serde(flatten)]
    pub facts: Facts,
    /// A plain-language explanation, in English (the facts say it in other languages); cut
    /// to 1000 characters.
    pub message: String,
}

impl Issue {
    /// A blank issue of `code`: no place, no facts, no message; fill in what applies
    /// (`Issue { facts, message, ..Issue::new(code, severity) }`).
    pub fn new(code: Code, severity: Severity) -> Issue {
        Issue {
            code,
            severity,
            row: None,
            line: None,
            column: None,
            value: None,
            first_row: None,
            facts: Facts::default(),
            message: String::new(),
        }
    }
}

/// What happens to a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No error: every row is published.
    Accepted,
    /// Rows with errors are left out; the rest is published.
    Partial,
    /// Nothing is published.
    Rejected,
    /// Waiting for confirmation (e.g. the shrink guard).
    Held,
    /// No file for this entity.
    Missing,
}

impl Verdict {
    /// The verdict as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Partial => "partial",
            Verdict::Rejected => "rejected",
            Verdict::Held => "held",
            Verdict::Missing => "missing",
        }
    }
}

/// The findings for one entity's file.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    /// The entity's name.
    pub entity: String,
    /// The file's name, `None` when missing.
    pub file: Option<String>,
    /// The encoding it was read with.
    pub encoding: Option<String>,
    /// The delimiter it was read with.
    pub delimiter: Option<String>,
    /// The sheet read, when the file is a workbook (`.xlsx`, `.xls`, `.ods`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The number of data records.
    pub rows: u64,
    /// The header's column names.
    pub columns: Vec<String>,
    /// What happens to the snapshot.
    pub verdict: Verdict,
    /// Rows that can be published.
    pub rows_accepted: u64,
    /// How many issues of each code (all of them, listed or not).
    pub counts: BTreeMap<Code, u64>,
    /// The issues, at most [`MAX_LISTED_PER_CODE`] per code.
    pub issues: Vec<Issue>,
    /// The 1-based rows left out for their errors, in order, when the file can be published
    /// (what a destination must skip); empty otherwise. Not part of the JSON report.
    #[serde(skip)]
    pub left_out_rows: Vec<u64>,
    /// The row-level delta against the entity's last accepted snapshot, worked out by the
    /// agent ([`delta`]); `None` when there is none to compare with (the first time), and
    /// always in `validate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<Delta>,
}

impl EntityReport {
    /// The report of an entity whose file is absent.
    pub fn missing(entity: &str) -> Self {
        EntityReport {
            entity: entity.to_string(),
            file: None,
            encoding: None,
            delimiter: None,
            sheet: None,
            rows: 0,
            columns: Vec::new(),
            verdict: Verdict::Missing,
            rows_accepted: 0,
            counts: BTreeMap::new(),
            issues: Vec::new(),
            left_out_rows: Vec::new(),
            delta: None,
        }
    }

    /// A report rejecting `entity`'s file `file` for one error of the whole file: no rows,
    /// one issue of `code`.
    pub fn rejected(
        entity: &str,
        file: &str,
        code: Code,
        facts: Facts,
        message: String,
    ) -> EntityReport {
        let mut report = EntityReport::missing(entity);
        report.file = Some(file.to_string());
        report.verdict = Verdict::Rejected;
        report.counts.insert(code, 1);
        report.issues.push(Issue {
            facts,
            message,
            ..Issue::new(code, Severity::Error)
        });
        report
    }

    /// Holds the report (verdict `held`) for one `shrink` error with `facts` and `message`:
    /// the shrink guard's and [`hold_empty`]'s way of holding.
    pub fn hold(&mut self, facts: Facts, message: String) {
        self.verdict = Verdict::Held;
        *self.counts.entry(Code::Shrink).or_insert(0) += 1;
        self.issues.push(Issue {
            facts,
            message,
            ..Issue::new(Code::Shrink, Severity::Error)
        });
    }

    /// True when the verdict lets (some of) the snapshot through.
    pub fn publishable(&self) -> bool {
        matches!(self.verdict, Verdict::Accepted | Verdict::Partial)
    }
}

/// The findings for a whole folder.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// True when no file is partial, rejected or held.
    pub ok: bool,
    /// One entry per catalog entity, in dependency order.
    pub entities: Vec<EntityReport>,
}

impl Report {
    /// Builds the report and its `ok` flag from the entities' reports.
    pub fn new(entities: Vec<EntityReport>) -> Self {
        let ok = entities
            .iter()
            .all(|e| matches!(e.verdict, Verdict::Accepted | Verdict::Missing));
        Report { ok, entities }
    }
}

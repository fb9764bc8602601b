//! The specifics of an issue as data ([`Facts`]): what its detail sentence is made of, so a
//! report can say it in any language (`report::detail`) and a program can read it without
//! parsing the English `message`. Each key is optional and present only on the codes that
//! have it; the issue JSON carries them beside its other keys (docs/contract.md §2, extended).

use super::columns::RenamedColumn;
use crate::snapshot::FileKind;
use crate::table::LooksLike;
use serde::{Deserialize, Serialize};

/// The facts of one issue. Every field is absent unless its code has it; a report stored by an
/// earlier sheetdrop has none of them, and is shown with its English `message` instead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    /// `duplicate-header`: the 1-based numbers of the two columns that share the name;
    /// `empty-header`, and `undecodable` in the header: the number of the column concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_numbers: Option<Vec<u64>>,
    /// `missing-column`: the header's name most like the missing one, when one is close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closest_column: Option<String>,
    /// `ragged-row`, `truncated`: how many fields the record has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<u64>,
    /// `ragged-row`, `truncated`: how many fields the header has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_fields: Option<u64>,
    /// `missing-ref`, `dangling-ref`, `orphaned-ref`, `unverified-refs`: the entity the ref
    /// points at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ref_entity: Option<String>,
    /// `dangling-ref`, `orphaned-ref`: the file of `ref_entity` the value was looked up in;
    /// `unverified-refs` with `unverified_reason` `rejected`: that entity's rejected file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ref_file: Option<String>,
    /// `orphaned-ref`: the row of `ref_file` the value names, left out for its own errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ref_row: Option<u64>,
    /// `unverified-refs`: why the refs could not be checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unverified_reason: Option<UnverifiedReason>,
    /// `dangling-ref`, `orphaned-ref`, `unverified-refs`: what the refs were checked against
    /// when it is not the parent's file accepted in the same batch: its last accepted
    /// snapshot (what the destination holds), or the IDs of its file that was not accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ref_against: Option<RefAgainst>,
    /// `shrink`, `columns-changed`: true once the hold was lifted by `sheetdrop approve`
    /// (the snapshot's stored report then has its new verdict, and the issue is a warning).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<bool>,
    /// `shrink`: the rows the held snapshot would publish (its `rows_accepted`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows_accepted: Option<u64>,
    /// `shrink`: the rows the last accepted snapshot published; absent when there was none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_rows_accepted: Option<u64>,
    /// `shrink`: the policy's `shrink_guard` as the config writes it: `"50%"`, or a row
    /// count such as `"100"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shrink_guard: Option<String>,
    /// `shrink`, held for the IDs it removes: how many of the last accepted snapshot's IDs
    /// are not in this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids_removed: Option<u64>,
    /// `shrink`, held for the IDs it removes: how many IDs the last accepted snapshot
    /// published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_ids: Option<u64>,
    /// `unreadable`: the operating system's reason, verbatim (in the OS's language).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_error: Option<String>,
    /// `unreadable`: the kind of that error, so it can be said in the report's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_error_kind: Option<OsErrorKind>,
    /// `oversize-record`: the limit the record went past, in bytes (`[policy]
    /// max_record_bytes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_record_bytes: Option<u64>,
    /// Any code with a `value`: the value's full length in characters, present when the
    /// `value` shown was cut.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_chars: Option<u64>,
    /// `not-a-file`: what was found where the entity's file was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_kind: Option<FileKind>,
    /// `ambiguous-file`: the other entity whose pattern matches the file as well.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_entity: Option<String>,
    /// `too-many-invalid-rows`: how many rows had errors (were left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_rows: Option<u64>,
    /// `too-many-invalid-rows`: how many data rows the file has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_rows: Option<u64>,
    /// `too-many-invalid-rows`: the policy's `max_invalid_rows` as the config writes it
    /// (`"1%"`, or a row count such as `"5"`); absent when `on_error = "reject"` rejected
    /// the file (one row with an error is then enough).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_invalid_rows: Option<String>,
    /// `not-a-table`: what the file looks like instead (`pdf`, `zip`, `office`, `image`,
    /// `executable`, `gzip`, `binary`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub looks_like: Option<LooksLike>,
    /// `invalid-character`: the first control character of the cell, as `U+0000` (the
    /// `value` shows each one escaped, as `\x00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character: Option<String>,
    /// `truncated`: true when the file ends inside a quoted field (an open quote runs to the
    /// end of the file); false when its last record has fewer fields than the header
    /// (`fields`, `expected_fields`) and no line break after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_quote: Option<bool>,
    /// `columns-changed`: the columns the last accepted snapshot did not have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns_added: Option<Vec<String>>,
    /// `columns-changed`: the last accepted snapshot's columns that are gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns_removed: Option<Vec<String>>,
    /// `columns-changed`: the columns at the same position under a new name (`{from, to}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns_renamed: Option<Vec<RenamedColumn>>,
    /// `columns-changed`: the columns whose place in the order changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns_moved: Option<Vec<String>>,
    /// `columns-changed` that held the snapshot: the policy's `on_column_change` as the
    /// config writes it (`hold-removed`, `hold`); absent on a warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_column_change: Option<String>,
    /// Any issue of a workbook's row (or header) in a column: the cell as the sheet names it,
    /// e.g. `C17` (the issue's `line` is the sheet's row number, 17).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// `invalid-format`: the format the column's values must have, as the config writes it
    /// (`cuit`, `email`, `date:dd/mm/yyyy`, `regex:...`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// `unreadable` of a workbook without the configured sheet: that sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// `unreadable` of a workbook without the configured sheet: the sheets it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheets: Option<Vec<String>>,
    /// `unreadable` of a workbook that cannot be read as a table: why (`cut`, `too-big`,
    /// `damaged`; the last with calamine's reason in `os_error`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workbook_problem: Option<WorkbookProblem>,
    /// `unreadable` of a workbook `too-big`: the most a workbook may take, in bytes (16 ×
    /// `[policy] max_record_bytes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_workbook_bytes: Option<u64>,
    /// `stray-quote`: how many non-blank lines after the quote's own line went into its
    /// field (each counted as an invalid row); `open_quote` is true when the quote is never
    /// closed (it runs to the end of the file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines_swallowed: Option<u64>,
}

/// Why a workbook could not be read as a table (`workbook_problem`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WorkbookProblem {
    /// Its end is missing: a cut copy or export.
    Cut,
    /// Larger, once uncompressed, than `max_workbook_bytes`.
    TooBig,
    /// Damaged, or in a form that cannot be read.
    Damaged,
    /// A reason this version does not know (a report written by a newer sheetdrop).
    #[serde(other)]
    Other,
}

/// Why a ref column was not checked (`unverified_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum UnverifiedReason {
    /// There is no file of the referenced entity, in the batch or accepted earlier.
    Missing,
    /// The referenced entity's file was rejected (`ref_file`), and none was accepted earlier.
    Rejected,
    /// The referenced entity is checked after this one (an optional ref closing a cycle).
    Cycle,
    /// A reason this version does not know (a report written by a newer sheetdrop).
    #[serde(other)]
    Other,
}

/// What a child's refs were checked against, when not the parent's file accepted in the same
/// batch (`ref_against`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RefAgainst {
    /// The parent's last accepted snapshot (`ref_file`): what the destination holds.
    LastAccepted,
    /// Every non-empty ID of the parent's file (`ref_file`), which was read whole but not
    /// accepted (rejected for its rows' errors, or held), and no snapshot was accepted before.
    NotAccepted,
    /// A value this version does not know (a report written by a newer sheetdrop).
    #[serde(other)]
    Other,
}

/// The kind of I/O error that made a file unreadable (`os_error_kind`): the kinds people
/// meet; any other is `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum OsErrorKind {
    /// The file is gone.
    NotFound,
    /// No permission to read it.
    PermissionDenied,
    /// The path is a folder.
    IsADirectory,
    /// A network drive did not answer in time.
    TimedOut,
    /// Any other kind (`os_error` says which).
    #[serde(other)]
    Other,
}

impl OsErrorKind {
    /// The kind of `error`.
    pub fn of(error: &std::io::Error) -> OsErrorKind {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::NotFound => OsErrorKind::NotFound,
            K::PermissionDenied => OsErrorKind::PermissionDenied,
            K::IsADirectory => OsErrorKind::IsADirectory,
            K::TimedOut => OsErrorKind::TimedOut,
            _ => OsErrorKind::Other,
        }
    }

    /// The standard library's kind, to say it through `i18n::Message::io`.
    pub fn io_kind(self) -> std::io::ErrorKind {
        use std::io::ErrorKind as K;
        match self {
            OsErrorKind::NotFound => K::NotFound,
            OsErrorKind::PermissionDenied => K::PermissionDenied,
            OsErrorKind::IsADirectory => K::IsADirectory,
            OsErrorKind::TimedOut => K::TimedOut,
            OsErrorKind::Other => K::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_facts_are_not_written_and_unknown_values_still_read() {
        assert_eq!(serde_json::to_string(&Facts::default()).unwrap(), "{}");
        let facts = Facts {
            column_numbers: Some(vec![2, 5]),
            unverified_reason: Some(UnverifiedReason::Rejected),
            os_error_kind: Some(OsErrorKind::PermissionDenied),
            ..Facts::default()
        };
        let json = serde_json::to_string(&facts).unwrap();
        assert_eq!(
            json,
            r#"{"column_numbers":[2,5],"unverified_reason":"rejected","os_error_kind":"permission-denied"}"#
        );
        assert_eq!(serde_json::from_str::<Facts>(&json).unwrap(), facts);
        let newer: Facts = serde_json::from_str(
            r#"{"unverified_reason":"someday","os_error_kind":"quantum","future_key":1}"#,
        )
        .unwrap();
        assert_eq!(newer.unverified_reason, Some(UnverifiedReason::Other));
        assert_eq!(newer.os_error_kind, Some(OsErrorKind::Other));
        let kinds: Facts =
            serde_json::from_str(r#"{"file_kind":"link-outside","other_entity":"ventas"}"#)
                .unwrap();
        assert_eq!(kinds.file_kind, Some(FileKind::LinkOutside));
        assert_eq!(kinds.other_entity.as_deref(), Some("ventas"));
        let unknown: Facts = serde_json::from_str(r#"{"file_kind":"wormhole"}"#).unwrap();
        assert_eq!(unknown.file_kind, Some(FileKind::Other));
        let looks: Facts = serde_json::from_str(r#"{"looks_like":"pdf"}"#).unwrap();
        assert_eq!(looks.looks_like, Some(LooksLike::Pdf));
        let unknown: Facts = serde_json::from_str(r#"{"looks_like":"hologram"}"#).unwrap();
        assert_eq!(unknown.looks_like, Some(LooksLike::Other));
    }

    #[test]
    fn os_error_kinds_round_trip_through_the_standard_library() {
        for kind in [
            OsErrorKind::NotFound,
            OsErrorKind::PermissionDenied,
            OsErrorKind::IsADirectory,
            OsErrorKind::TimedOut,
            OsErrorKind::Other,
        ] {
            let error = std::io::Error::from(kind.io_kind());
            assert_eq!(OsErrorKind::of(&error), kind);
        }
    }
}

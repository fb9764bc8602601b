//! `sheetdrop init`: a working config inferred from the exports themselves.
//!
//! The decisions are pure functions of file names and column values: the entity and its
//! file pattern from a file name ([`name`]), the ID column and the references by inclusion
//! ([`infer`], with what names say in [`words`]); reading the files into those values is
//! [`read`] (the crate's own [`crate::table::Reader`], every row, memory bounded), and the
//! commented TOML in the user's language is [`write`]. `init` proposes no column formats yet.

pub mod infer;
pub mod name;
pub mod read;
pub mod words;
pub mod write;

use std::collections::HashMap;

/// What was read of one column of one file: counts over every row, and its distinct values.
#[derive(Debug, Clone, Default)]
pub struct ColumnFacts {
    /// The column's name in the header.
    pub name: String,
    /// Rows where the cell is empty (or blank).
    pub empty: u64,
    /// Rows whose value was seen on an earlier row (exact only when [`Self::complete`]).
    pub duplicates: u64,
    /// Distinct non-empty values (trimmed) with how many rows hold each: all of them when
    /// [`Self::complete`], else the first ones seen (a sample).
    pub values: HashMap<String, u64>,
    /// `values` holds every distinct value of the column.
    pub complete: bool,
}

impl ColumnFacts {
    /// Non-empty rows whose value is in [`Self::values`].
    pub fn sampled_rows(&self) -> u64 {
        self.values.values().sum()
    }
}

/// What was read of one export.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// The file's name.
    pub file: String,
    /// The entity its name says ([`name::guess`]).
    pub entity: String,
    /// The glob's literal part ([`name::NameGuess::prefix`]).
    pub prefix: String,
    /// The extensions of this entity's files in the folder (sorted).
    pub exts: Vec<String>,
    /// Data rows (the header not counted).
    pub rows: u64,
    /// The encoding and delimiter it was read with, as reports show them ("windows-1252",
    /// ';'); `None` for a workbook.
    pub dialect: Option<(String, char)>,
    /// Its columns, in header order.
    pub columns: Vec<ColumnFacts>,
}

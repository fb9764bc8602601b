//! `sheetdrop init`: a working config inferred from the exports themselves.
//!
//! The decisions are pure functions of file names and column values: the entity and its
//! file pattern from a file name ([`name`]), the ID column and the references by inclusion
//! ([`infer`], with what names say in [`words`]); reading the files into those values is
//! [`read`] (the crate's own [`crate::table::Reader`], every row, memory bounded), and the
//! commented TOML in the user's language is [`write`](mod@write); the column rules it
//! proposes are [`rules`].

pub mod infer;
pub mod name;
pub mod preset;
pub mod read;
pub mod rules;
pub mod words;
pub mod write;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

/// The distinct values a column keeps as text, with their counts (its sample for
/// references and number ranges); past them, an ID candidate keeps only their hashes.
pub const SAMPLE_VALUES: usize = 20_000;

/// What was read of one column of one file: counts over every row, a sample of its distinct
/// values, and, while it can be an ID, the hash of every distinct value.
#[derive(Debug, Clone)]
pub struct ColumnFacts {
    /// The column's name in the header.
    pub name: String,
    /// Rows where the cell is empty (or blank).
    pub empty: u64,
    /// Rows whose value was seen on an earlier row (exact only when [`Self::complete`]).
    pub duplicates: u64,
    /// The first [`SAMPLE_VALUES`] distinct non-empty values (trimmed) met, with how many
    /// rows hold each.
    pub values: HashMap<String, u64>,
    /// The hash of every distinct non-empty value ([`value_hash`]) while [`Self::complete`];
    /// emptied once the column has too many defects to be an ID.
    pub hashes: HashSet<u64, foldhash::fast::FixedState>,
    /// `hashes` holds every distinct value of the column.
    pub complete: bool,
    /// The cells counted so far.
    pub rows: u64,
}

impl Default for ColumnFacts {
    fn default() -> Self {
        ColumnFacts::new("")
    }
}

/// The hash a value is known by in [`ColumnFacts::hashes`] (64 bits: a collision among a
/// million IDs has a chance of about 1 in 30 million).
pub fn value_hash(value: &str) -> u64 {
    // Fixed, so that a child's value and a parent's ID hash alike; fast, as every cell of
    // every candidate column is hashed.
    const HASHER: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0x696e_6974_5f76_616c);
    HASHER.hash_one(value)
}

impl ColumnFacts {
    /// A column called `name`, nothing counted yet.
    pub fn new(name: &str) -> ColumnFacts {
        ColumnFacts {
            name: name.to_string(),
            empty: 0,
            duplicates: 0,
            values: HashMap::new(),
            hashes: HashSet::default(),
            complete: true,
            rows: 0,
        }
    }

    /// Counts one cell (trimmed by the caller).
    pub fn add(&mut self, value: &str) {
        self.rows += 1;
        if value.is_empty() {
            self.empty += 1;
            return self.check_defects();
        }
        if let Some(n) = self.values.get_mut(value) {
            *n += 1;
            self.duplicates += 1;
            return self.check_defects();
        }
        if self.complete && !self.hashes.insert(value_hash(value)) {
            self.duplicates += 1;
            return self.check_defects();
        }
        if self.values.len() < SAMPLE_VALUES {
            self.values.insert(value.to_string(), 1);
        }
    }

    /// Once it has too many defects to be an ID ([`infer::may_still_be_id`]), a column's
    /// hashes are dropped.
    fn check_defects(&mut self) {
        if self.complete && !infer::may_still_be_id(self.duplicates + self.empty, self.rows) {
            self.complete = false;
            self.hashes = HashSet::default();
        }
    }

    /// Distinct non-empty values: exact while [`Self::complete`], else those sampled.
    pub fn distinct(&self) -> u64 {
        if self.complete {
            self.hashes.len() as u64
        } else {
            self.values.len() as u64
        }
    }

    /// True when `value` is one of the column's values (exact while [`Self::complete`]).
    pub fn contains(&self, value: &str) -> bool {
        if self.complete {
            self.hashes.contains(&value_hash(value))
        } else {
            self.values.contains_key(value)
        }
    }

    /// Non-empty rows whose value is in [`Self::values`].
    pub fn sampled_rows(&self) -> u64 {
        self.values.values().sum()
    }
}

#[cfg(test)]
impl ColumnFacts {
    /// A column of `values`, one row each ("" is an empty cell), counted as the reader does.
    pub fn of<S: AsRef<str>>(name: &str, values: &[S]) -> ColumnFacts {
        let mut column = ColumnFacts::new(name);
        for value in values {
            column.add(value.as_ref());
        }
        column
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

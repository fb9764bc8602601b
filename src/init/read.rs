//! Reading a folder's exports into [`FileFacts`]: each file's header and every row, through
//! the crate's own [`Reader`] (encodings, delimiters and workbooks as `validate` reads them).
//!
//! Memory is bounded: a column keeps the first [`SAMPLE_VALUES`](super::SAMPLE_VALUES) distinct values it meets,
//! with their counts, and the 64-bit hash of every distinct value only while it can still be
//! an ID (see [`super::infer::may_still_be_id`]).

use super::name::{self, NameGuess};
#[cfg(test)]
use super::SAMPLE_VALUES;
use super::{ColumnFacts, FileFacts};
use crate::table::{encoding_name, Options, Reader, Record};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file that could not be read, and why.
#[derive(Debug)]
pub struct Unreadable {
    /// The file's name.
    pub file: String,
    /// Why.
    pub error: io::Error,
}

/// A file of an entity: when it was modified, its name and path.
type Found = (SystemTime, String, PathBuf);

/// The facts of `folder`'s exports, one per entity (its newest file, by modification time
/// then name), in the order of the entities' names; the files that could not be read.
/// `Err` when the folder cannot be listed.
pub fn read_folder(folder: &Path) -> io::Result<(Vec<FileFacts>, Vec<Unreadable>)> {
    let mut found: BTreeMap<String, (NameGuess, Vec<Found>)> = BTreeMap::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let meta = match std::fs::symlink_metadata(entry.path()) {
            Ok(meta) if meta.is_file() => meta,
            _ => continue,
        };
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(guess) = name::guess(&file) else {
            continue;
        };
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let slot = found
            .entry(guess.entity.clone())
            .or_insert_with(|| (guess.clone(), Vec::new()));
        // One file with something before the name: the glob must allow it for all.
        if guess.prefix.starts_with('*') {
            slot.0.prefix = guess.prefix;
        }
        slot.1.push((modified, file, entry.path()));
    }
    let mut facts = Vec::new();
    let mut unreadable = Vec::new();
    for (entity, (guess, mut files)) in found {
        let mut exts: Vec<String> = files
            .iter()
            .filter_map(|(_, f, _)| name::guess(f).map(|g| g.ext))
            .collect();
        exts.sort();
        exts.dedup();
        files.sort();
        let (_, file, path) = files.pop().expect("one file at least");
        match read_file(&path) {
            Ok(mut f) => {
                f.file = file;
                f.entity = entity;
                f.prefix = guess.prefix;
                f.exts = exts;
                facts.push(f);
            }
            Err(error) => unreadable.push(Unreadable { file, error }),
        }
    }
    Ok((facts, unreadable))
}

/// Reads one export whole: its columns' facts (names and counts; the caller fills in the
/// entity and file).
pub fn read_file(path: &Path) -> io::Result<FileFacts> {
    let input = std::fs::File::open(path)?;
    read(input)
}

/// [`read_file`] of any byte stream.
pub fn read<R: io::Read + Send + 'static>(input: R) -> io::Result<FileFacts> {
    let reader = Reader::new(input, &Options::default())?;
    let Some(header) = reader.header() else {
        return Ok(FileFacts::default());
    };
    let mut columns: Vec<ColumnFacts> = header
        .names
        .iter()
        .map(|n| ColumnFacts::new(n.trim()))
        .collect();
    let mut rows = 0u64;
    let reader = reader.for_each(|batch: &mut [(Record, ())]| {
        for (record, _) in batch.iter() {
            rows += 1;
            for (i, column) in columns.iter_mut().enumerate() {
                let field = record.field(i);
                column.add(field.as_deref().unwrap_or("").trim());
            }
        }
    })?;
    let dialect = reader.dialect();
    let dialect = reader
        .sheet()
        .is_none()
        .then(|| (encoding_name(dialect.encoding), dialect.delimiter as char));
    Ok(FileFacts {
        rows,
        dialect,
        columns,
        ..FileFacts::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_1252_file_with_semicolons_is_read_whole() {
        let text = "COD;NOMBRE;ZONA\r\n1;Peña;N\r\n2;Muñoz;\r\n2;Gómez;S\r\n";
        let bytes = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
        let f = read(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(f.rows, 3);
        assert_eq!(f.dialect, Some(("windows-1252".into(), ';')));
        let names: Vec<_> = f.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["COD", "NOMBRE", "ZONA"]);
        assert_eq!((f.columns[0].duplicates, f.columns[0].values.len()), (1, 2));
        assert!(f.columns[1].values.contains_key("Peña"));
        assert_eq!(f.columns[2].empty, 1);
    }

    #[test]
    fn a_column_that_cannot_be_an_id_keeps_only_a_sample() {
        let mut column = ColumnFacts::new("C");
        // More defects than an ID may have, early and at the end (1 % of the rows).
        for _ in 0..1_500 {
            column.add("same");
        }
        for i in 0..(SAMPLE_VALUES + 10) {
            column.add(&i.to_string());
        }
        assert_eq!(column.values.len(), SAMPLE_VALUES);
        assert!(!column.complete && column.hashes.is_empty());
        // An ID-like column keeps the hash of every value, and counts a duplicate past
        // the sample.
        let mut id = ColumnFacts::new("ID");
        for i in 0..(SAMPLE_VALUES + 10) {
            id.add(&i.to_string());
        }
        id.add(&(SAMPLE_VALUES + 5).to_string());
        assert!(id.complete && id.distinct() == SAMPLE_VALUES as u64 + 10);
        assert_eq!(id.values.len(), SAMPLE_VALUES);
        assert_eq!(id.duplicates, 1);
        assert!(id.contains(&(SAMPLE_VALUES + 9).to_string()));
    }
}

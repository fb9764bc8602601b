//! The row-level delta of a snapshot against its entity's last accepted one, keyed by ID:
//! how many IDs were `added`, `removed`, and `changed` (same ID, other content over the
//! columns both snapshots share).
//!
//! It is worked out in the pass that validates the file: every published row gives a
//! [`Collector`] a stable 64-bit hash of its ID, a 64-bit hash of its cells, its row number
//! and its ID's text. Once the file is read they are sorted by ID hash and written beside the
//! spool copy, as its *row file* (`<spool copy>.rows`, [`crate::snapshot::rows_path`]):
//!
//! ```text
//! sheetdrop-rows 1\n
//! {"columns": [...], "rows": N}\n          the header the row hashes were computed over
//! N × [id hash u64 LE][row hash u64 LE][row u32 LE][ID length u8][ID bytes]
//! [checksum u64 LE]                          a row file torn by a crash is no row file
//! ```
//!
//! 21 bytes a row plus the ID's text (at most [`ID_TEXT_BYTES`]): about 31 MB for a million
//! rows of 10-byte IDs — no SQLite row per ID. The ID's text is there so that the removed IDs
//! can be named without reading the previous export again. The next snapshot's delta is a
//! merge of its sorted rows with the previous row file, read as a stream.
//!
//! When the columns differ from the previous snapshot's (one added, dropped, moved), the
//! stored row hashes do not compare: both spool copies are read again and hashed over the
//! columns they share, by name, so that an added column does not make every row "changed".

use crate::config::{Entity, Policy};
use crate::table::{Options, Reader, Record};
use serde::{Deserialize, Serialize};
use std::collections::BinaryHeap;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// How many removed IDs a delta names (the first ones, in the previous file's row order).
pub const LISTED_REMOVED: usize = 50;

/// The most bytes of an ID's text a row file keeps (a longer ID is cut, for display only).
pub const ID_TEXT_BYTES: usize = 64;

/// The first line of a row file: what it is, and its format's version.
const MAGIC: &[u8] = b"sheetdrop-rows 1\n";

/// The hasher of IDs and rows: seeded with constants, so a row file written by one run
/// compares with the next (the IDs' index uses a per-process random seed instead).
const HASHER: foldhash::quality::FixedState =
    foldhash::quality::FixedState::with_seed(0x7368_6565_7464_726f);

/// A snapshot's delta against its entity's last accepted snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Delta {
    /// IDs that the last accepted snapshot did not publish.
    pub added: u64,
    /// IDs that the last accepted snapshot published and this one does not.
    pub removed: u64,
    /// IDs in both whose content differs over the columns both have.
    pub changed: u64,
    /// How many IDs the last accepted snapshot published (what `removed` is a share of).
    pub previous: u64,
    /// The first [`LISTED_REMOVED`] removed IDs, in the previous file's row order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed_ids: Vec<String>,
}

/// The counts of a [`Delta`], as `manifest.json` and the `_manifest` tab give them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeltaCounts {
    /// IDs added.
    pub added: u64,
    /// IDs removed.
    pub removed: u64,
    /// IDs changed.
    pub changed: u64,
}

impl Delta {
    /// Just the counts.
    pub fn counts(&self) -> DeltaCounts {
        DeltaCounts {
            added: self.added,
            removed: self.removed,
            changed: self.changed,
        }
    }
}

/// What the agent gives a file to work its delta out: a row file is written beside the file
/// (a spool copy), and compared with the previous one's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeltaInput {
    /// The spool copy of the entity's last accepted snapshot; `None` the first time (no
    /// delta then).
    pub prior: Option<PathBuf>,
}

/// What the delta keeps of a row: the hash of its ID and of all its fields. Worked out apart
/// from [`Collector::add`], on whichever thread has time (see `check::prepare`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowHashes {
    id: u64,
    row: u64,
}

impl RowHashes {
    /// The hashes of the row `record` whose ID is `id` (its trimmed UTF-8 bytes).
    pub fn of(id: &[u8], record: &Record) -> RowHashes {
        RowHashes {
            id: HASHER.hash_one(id),
            row: record_hash(record),
        }
    }
}

/// One published row, as collected.
#[derive(Debug, Clone, Copy)]
struct Entry {
    id: u64,
    hash: u64,
    row: u32,
    /// Where the ID's text is in [`Collector::text`] (a length byte, then the bytes).
    text: u32,
}

/// The published rows of one file, collected while it is validated.
#[derive(Debug, Default)]
pub struct Collector {
    columns: Vec<String>,
    entries: Vec<Entry>,
    text: Vec<u8>,
}

impl Collector {
    /// An empty collector.
    pub fn new() -> Collector {
        Collector::default()
    }

    /// The header the rows' hashes are computed over.
    pub fn start(&mut self, columns: &[String]) {
        self.columns = columns.to_vec();
    }

    /// Collects the published `row` whose ID is `id` (its trimmed UTF-8 bytes), with its
    /// [`RowHashes`].
    pub fn add(&mut self, id: &[u8], hashes: RowHashes, row: u64) {
        let at = self.text.len() as u32;
        let kept = &id[..floor_char(id, ID_TEXT_BYTES)];
        self.text.push(kept.len() as u8);
        self.text.extend_from_slice(kept);
        self.entries.push(Entry {
            id: hashes.id,
            hash: hashes.row,
            row: row.min(u32::MAX as u64) as u32,
            text: at,
        });
    }

    /// The ID text of `entry`.
    fn text_of(&self, entry: &Entry) -> &[u8] {
        let at = entry.text as usize;
        let len = self.text[at] as usize;
        &self.text[at + 1..at + 1 + len]
    }

    /// How many rows were collected.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no row was collected.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The longest prefix of `bytes`, at most `max` long, that does not cut a UTF-8 character.
fn floor_char(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let mut end = max;
    while end > 0 && (bytes[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    end
}

/// The hash of all of `record`'s fields: their bytes back to back and where each ends (so
/// `a;bc` and `ab;c` differ) — two writes a row, not two a field.
fn record_hash(record: &Record) -> u64 {
    let (bytes, ends) = record.raw_fields();
    let mut hasher = HASHER.build_hasher();
    hasher.write(bytes);
    let ends = ends.iter().fold(ends.len() as u64, |h, &end| {
        h.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(end as u64)
    });
    hasher.write_u64(ends);
    hasher.finish()
}

/// The hash of `record`'s fields `columns`, in that order, each with its length (so `a;bc`
/// and `ab;c` differ).
fn row_hash(record: &Record, columns: impl Iterator<Item = usize>) -> u64 {
    let mut hasher = HASHER.build_hasher();
    for c in columns {
        let field = record.raw_field(c).unwrap_or_default();
        hasher.write(field);
        hasher.write_usize(field.len());
    }
    hasher.finish()
}

/// Sorts what `rows` collected, writes it as the row file `rows_file`, and works out the
/// delta against the previous snapshot's spool copy `input.prior` (through its row file).
/// `None` when there is no previous snapshot, or its row file is absent (a snapshot taken by
/// a sheetdrop older than deltas), torn or unreadable, or a spool copy to read again is.
/// `Err` when the row file cannot be written.
pub fn finish(
    entity: &Entity,
    policy: &Policy,
    mut rows: Collector,
    (spool, rows_file): (&Path, &Path),
    input: &DeltaInput,
) -> io::Result<Option<Delta>> {
    sort_by_id(&mut rows.entries);
    write_rows(rows_file, &rows)?;
    let Some(prior) = &input.prior else {
        return Ok(None);
    };
    let prior_rows = crate::snapshot::rows_path(prior);
    let mut previous = match RowFile::open(&prior_rows) {
        Ok(file) => file,
        Err(e) => {
            tracing::info!(entity = %entity.name, rows = %prior_rows.display(), error = %e, "no previous row file: no delta");
            return Ok(None);
        }
    };
    let delta = (|| {
        if previous.columns == rows.columns {
            return compare(&rows, &mut previous, |_, now, before| now == before);
        }
        let shared = shared_columns(&previous.columns, &rows.columns);
        let options = super::read_options(entity, policy);
        let id = entity.id.as_deref();
        let before = hashed_over(prior, &options, id, &shared)?;
        let now = hashed_over(spool, &options, id, &shared)?;
        let look = |hashes: &[(u64, u64)], id: u64| {
            hashes
                .binary_search_by_key(&id, |&(i, _)| i)
                .ok()
                .map(|at| hashes[at].1)
        };
        compare(&rows, &mut previous, |id, _, _| {
            look(&now, id) == look(&before, id)
        })
    })();
    match delta {
        Ok(delta) => Ok(Some(delta)),
        Err(e) => {
            tracing::warn!(entity = %entity.name, rows = %prior_rows.display(), error = %e, "cannot compare with the previous rows: no delta");
            Ok(None)
        }
    }
}

/// Sorts `entries` by ID hash, a large list on two threads: it is sorted once the file is
/// read, when the parsing thread has ended and its core would idle. The order of equal
/// hashes is left open, as by `sort_unstable`.
fn sort_by_id(entries: &mut Vec<Entry>) {
    if entries.len() < 1 << 16 {
        entries.sort_unstable_by_key(|e| e.id);
        return;
    }
    let half = entries.len() / 2;
    let (first, second) = entries.split_at_mut(half);
    std::thread::scope(|scope| {
        scope.spawn(|| first.sort_unstable_by_key(|e| e.id));
        second.sort_unstable_by_key(|e| e.id);
    });
    let (first, second) = entries.split_at(half);
    let mut merged = Vec::with_capacity(entries.len());
    let (mut a, mut b) = (first.iter().peekable(), second.iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        merged.push(if x.id <= y.id {
            *a.next().unwrap()
        } else {
            *b.next().unwrap()
        });
    }
    merged.extend(a.chain(b));
    *entries = merged;
}

/// The names in both `before` and `now`, sorted: rows are compared over them whatever their
/// order in either file.
fn shared_columns(before: &[String], now: &[String]) -> Vec<String> {
    let mut shared: Vec<String> = now.iter().filter(|c| before.contains(c)).cloned().collect();
    shared.sort();
    shared.dedup();
    shared
}

/// Reads the file at `path` again: for each ID (column `id`, else the first), the hash of
/// its first whole-width row over the columns `shared`, sorted by ID hash. The first row is
/// the published one whenever the ID was published (a later one is a duplicate).
fn hashed_over(
    path: &Path,
    options: &Options,
    id: Option<&str>,
    shared: &[String],
) -> io::Result<Vec<(u64, u64)>> {
    let mut reader = Reader::new(std::fs::File::open(path)?, options)?;
    let Some(header) = reader.header().cloned() else {
        return Ok(Vec::new());
    };
    let position = |name: &str| header.names.iter().position(|n| n == name);
    let id_column = match id {
        Some(name) => position(name),
        None => Some(0),
    };
    let Some(id_column) = id_column else {
        return Ok(Vec::new());
    };
    let columns: Vec<usize> = shared.iter().filter_map(|c| position(c)).collect();
    let mut hashes = Vec::new();
    let mut record = Record::default();
    while reader.read(&mut record)? {
        if record.len() != header.names.len() {
            continue;
        }
        let Some(text) = record.field(id_column) else {
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let id = HASHER.hash_one(text.as_bytes());
        hashes.push((id, row_hash(&record, columns.iter().copied())));
    }
    // Stable: the first row of each ID stays first, and is the one kept.
    hashes.sort_by_key(|&(id, _)| id);
    hashes.dedup_by_key(|&mut (id, _)| id);
    Ok(hashes)
}

/// Merges `now` (sorted) with the previous row file: IDs only in `now` are added, only in
/// the previous one removed, and in both changed unless `same(id, now's hash, previous
/// hash)`.
fn compare(
    now: &Collector,
    previous: &mut RowFile,
    same: impl Fn(u64, u64, u64) -> bool,
) -> io::Result<Delta> {
    let mut delta = Delta::default();
    // The removed IDs with the lowest rows: a max-heap of (row, text) kept to LISTED_REMOVED.
    let mut listed: BinaryHeap<(u32, Vec<u8>)> = BinaryHeap::new();
    let mut current = now.entries.iter().peekable();
    while let Some((id, hash, row)) = previous.next()? {
        delta.previous += 1;
        while current.next_if(|e| e.id < id).is_some() {
            delta.added += 1;
        }
        match current.next_if(|e| e.id == id) {
            Some(entry) => {
                if !same(id, entry.hash, hash) {
                    delta.changed += 1;
                }
            }
            None => {
                delta.removed += 1;
                if listed.len() < LISTED_REMOVED {
                    listed.push((row, previous.text().to_vec()));
                } else if listed.peek().is_some_and(|(last, _)| row < *last) {
                    listed.pop();
                    listed.push((row, previous.text().to_vec()));
                }
            }
        }
    }
    delta.added += current.count() as u64;
    delta.removed_ids = listed
        .into_sorted_vec()
        .into_iter()
        .map(|(_, text)| String::from_utf8_lossy(&text).into_owned())
        .collect();
    Ok(delta)
}

/// How many bytes of a row file are written or read at a time.
const CHUNK: usize = 1 << 20;

/// One row's share of a row file's checksum (its last 8 bytes: the wrapping sum of every
/// row's share). A row file torn by a crash reads as no row file, never as other rows.
fn share(id: u64, hash: u64, row: u32) -> u64 {
    (id ^ hash.rotate_left(21) ^ u64::from(row).rotate_left(43)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Writes `rows` (sorted) as a row file at `path`: to a temporary file renamed over it, not
/// synced (it can be worked out again; a torn one fails its checksum: no delta, once).
fn write_rows(path: &Path, rows: &Collector) -> io::Result<()> {
    let temp = crate::snapshot::temp_path(path);
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        let mut buf = Vec::with_capacity(CHUNK + 32 + ID_TEXT_BYTES);
        buf.extend_from_slice(MAGIC);
        let header = serde_json::json!({"columns": rows.columns, "rows": rows.entries.len()});
        serde_json::to_writer(&mut buf, &header)?;
        buf.push(b'\n');
        let mut sum = 0u64;
        for entry in &rows.entries {
            let text = rows.text_of(entry);
            buf.extend_from_slice(&entry.id.to_le_bytes());
            buf.extend_from_slice(&entry.hash.to_le_bytes());
            buf.extend_from_slice(&entry.row.to_le_bytes());
            buf.push(text.len() as u8);
            buf.extend_from_slice(text);
            sum = sum.wrapping_add(share(entry.id, entry.hash, entry.row));
            if buf.len() >= CHUNK {
                file.write_all(&buf)?;
                buf.clear();
            }
        }
        buf.extend_from_slice(&sum.to_le_bytes());
        file.write_all(&buf)?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// A row file, read as a stream, a chunk at a time.
struct RowFile {
    columns: Vec<String>,
    /// The rows its header announces, and how many were read.
    rows: u64,
    read: u64,
    /// The sum of the rows' shares so far.
    sum: u64,
    input: std::fs::File,
    buf: Vec<u8>,
    at: usize,
    /// Where the last row's ID text is in `buf`.
    text: std::ops::Range<usize>,
}

/// The header line of a row file.
#[derive(Deserialize)]
struct RowFileHeader {
    columns: Vec<String>,
    rows: u64,
}

/// The error of a row file that is not whole, or not one.
fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("row file: {what}"))
}

impl RowFile {
    /// Opens the row file at `path` and reads its header.
    fn open(path: &Path) -> io::Result<RowFile> {
        let mut input = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
        let mut magic = [0; MAGIC.len()];
        input.read_exact(&mut magic)?;
        if magic != MAGIC {
            return Err(invalid("not one of this version"));
        }
        let mut line = String::new();
        input.read_line(&mut line)?;
        let header: RowFileHeader = serde_json::from_str(&line)?;
        let buf = input.buffer().to_vec();
        Ok(RowFile {
            columns: header.columns,
            rows: header.rows,
            read: 0,
            sum: 0,
            input: input.into_inner(),
            buf,
            at: 0,
            text: 0..0,
        })
    }

    /// Makes sure `need` bytes are buffered from `at`; false when the file ends first.
    fn fill(&mut self, need: usize) -> io::Result<bool> {
        if self.buf.len() - self.at >= need {
            return Ok(true);
        }
        self.buf.drain(..self.at);
        self.at = 0;
        while self.buf.len() < need {
            let len = self.buf.len();
            self.buf.resize(len + CHUNK, 0);
            let n = self.input.read(&mut self.buf[len..])?;
            self.buf.truncate(len + n);
            if n == 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The next row: (ID hash, row hash, row), its ID's text then in [`RowFile::text`];
    /// `None` at the end, once the checksum is found right. `Err` for a torn file.
    fn next(&mut self) -> io::Result<Option<(u64, u64, u32)>> {
        if self.read == self.rows {
            if !self.fill(8)? || self.buf.len() - self.at != 8 || self.input.read(&mut [0])? != 0 {
                return Err(invalid("its end is not where its header says"));
            }
            let sum = u64::from_le_bytes(self.buf[self.at..self.at + 8].try_into().unwrap());
            return match sum == self.sum {
                true => Ok(None),
                false => Err(invalid("its checksum does not match")),
            };
        }
        if !self.fill(21)? {
            return Err(invalid("it ends early"));
        }
        let b = &self.buf[self.at..];
        let id = u64::from_le_bytes(b[..8].try_into().unwrap());
        let hash = u64::from_le_bytes(b[8..16].try_into().unwrap());
        let row = u32::from_le_bytes(b[16..20].try_into().unwrap());
        let len = b[20] as usize;
        if !self.fill(21 + len)? {
            return Err(invalid("it ends early"));
        }
        self.text = self.at + 21..self.at + 21 + len;
        self.at += 21 + len;
        self.read += 1;
        self.sum = self.sum.wrapping_add(share(id, hash, row));
        Ok(Some((id, hash, row)))
    }

    /// The ID text of the row [`RowFile::next`] gave last.
    fn text(&self) -> &[u8] {
        &self.buf[self.text.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// Collects the published rows of `csv` (ID `ID`, every row published) as a snapshot's
    /// spool copy in `dir` named `name`, and works its delta out against `prior`.
    fn snapshot(dir: &Path, name: &str, csv: &str, prior: Option<&Path>) -> Option<Delta> {
        let config = Config::from_toml(
            "[[entity]]\nname = \"clientes\"\nid = \"ID\"\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let entity = config.catalog.get("clientes").unwrap();
        let spool = dir.join(name);
        std::fs::write(&spool, csv).unwrap();
        let options = Options {
            encoding: None,
            delimiter: None,
            max_record_bytes: config.policy.max_record_bytes,
            sheet: None,
        };
        let mut reader = Reader::new(std::fs::File::open(&spool).unwrap(), &options).unwrap();
        let mut rows = Collector::new();
        let header = reader.header().unwrap().names.clone();
        rows.start(&header);
        let id = header.iter().position(|c| c == "ID").unwrap();
        let mut record = Record::default();
        while reader.read(&mut record).unwrap() {
            let text = record.field(id).unwrap().into_owned();
            rows.add(
                text.as_bytes(),
                RowHashes::of(text.as_bytes(), &record),
                record.row(),
            );
        }
        let input = DeltaInput {
            prior: prior.map(Path::to_path_buf),
        };
        let rows_file = crate::snapshot::rows_path(&spool);
        finish(entity, &config.policy, rows, (&spool, &rows_file), &input).unwrap()
    }

    fn counts(delta: &Delta) -> (u64, u64, u64) {
        (delta.added, delta.removed, delta.changed)
    }

    #[test]
    fn counts_added_removed_and_changed_ids_against_the_previous_rows() {
        let dir = tempfile::tempdir().unwrap();
        let first = "ID;NOMBRE\n1;Ana\n2;Beto\n3;Caro\n4;Dani\n";
        assert_eq!(snapshot(dir.path(), "a.csv", first, None), None);
        let prior = dir.path().join("a.csv");
        // 2 removed, 4 changed, 5 and 6 added; 1 and 3 the same, whatever the row order.
        let second = "ID;NOMBRE\n6;Fede\n3;Caro\n1;Ana\n4;Dana\n5;Eli\n";
        let delta = snapshot(dir.path(), "b.csv", second, Some(&prior)).unwrap();
        assert_eq!(counts(&delta), (2, 1, 1));
        assert_eq!(delta.previous, 4);
        assert_eq!(delta.removed_ids, ["2"]);
        // The same rows again: nothing.
        let delta = snapshot(dir.path(), "c.csv", first, Some(&prior)).unwrap();
        assert_eq!((counts(&delta), delta.removed_ids.len()), ((0, 0, 0), 0));
    }

    #[test]
    fn an_added_or_moved_column_changes_only_the_rows_whose_shared_cells_changed() {
        let dir = tempfile::tempdir().unwrap();
        snapshot(
            dir.path(),
            "a.csv",
            "ID;NOMBRE;CIUDAD\n1;Ana;Salta\n2;Beto;Jujuy\n",
            None,
        );
        let prior = dir.path().join("a.csv");
        let added = "CIUDAD;ID;NOMBRE;TEL\nSalta;1;Ana;111\nTucumán;2;Beto;222\n";
        let delta = snapshot(dir.path(), "b.csv", added, Some(&prior)).unwrap();
        assert_eq!(counts(&delta), (0, 0, 1));
        // A dropped column: the rest compared.
        let dropped = "ID;NOMBRE\n1;Ana\n2;Beto\n";
        let delta = snapshot(dir.path(), "c.csv", dropped, Some(&prior)).unwrap();
        assert_eq!(counts(&delta), (0, 0, 0));
    }

    #[test]
    fn names_the_first_removed_ids_in_the_previous_files_order() {
        let dir = tempfile::tempdir().unwrap();
        let rows: String = (1..=200).map(|i| format!("C{i:03};x\n")).collect();
        snapshot(dir.path(), "a.csv", &format!("ID;V\n{rows}"), None);
        let prior = dir.path().join("a.csv");
        let kept: String = (1..=200)
            .filter(|i| i % 2 == 0)
            .map(|i| format!("C{i:03};x\n"))
            .collect();
        let delta = snapshot(dir.path(), "b.csv", &format!("ID;V\n{kept}"), Some(&prior)).unwrap();
        assert_eq!(counts(&delta), (0, 100, 0));
        let expected: Vec<String> = (1..=99).step_by(2).map(|i| format!("C{i:03}")).collect();
        assert_eq!(delta.removed_ids, expected);
    }

    #[test]
    fn no_delta_without_the_previous_row_file() {
        let dir = tempfile::tempdir().unwrap();
        let prior = dir.path().join("gone.csv");
        std::fs::write(&prior, "ID\n1\n").unwrap();
        assert_eq!(snapshot(dir.path(), "b.csv", "ID\n1\n", Some(&prior)), None);
        // Its own row file was written all the same.
        assert!(crate::snapshot::rows_path(&dir.path().join("b.csv")).exists());
    }

    #[test]
    fn a_torn_previous_row_file_gives_no_delta_not_a_wrong_one() {
        let dir = tempfile::tempdir().unwrap();
        let rows: String = (1..=100).map(|i| format!("C{i:03};x\n")).collect();
        let csv = format!("ID;V\n{rows}");
        snapshot(dir.path(), "a.csv", &csv, None);
        let prior = dir.path().join("a.csv");
        let rows_file = crate::snapshot::rows_path(&prior);
        let whole = std::fs::read(&rows_file).unwrap();
        let header = whole
            .iter()
            .skip(MAGIC.len())
            .position(|&b| b == b'\n')
            .unwrap();
        let body = MAGIC.len() + header + 1;
        // Cut short; a block of rows zeroed (what a crash may leave of an unsynced file).
        let mut zeroed = whole.clone();
        zeroed[body + 100..body + 400].fill(0);
        for torn in [whole[..whole.len() - 30].to_vec(), zeroed] {
            std::fs::write(&rows_file, &torn).unwrap();
            assert_eq!(snapshot(dir.path(), "b.csv", &csv, Some(&prior)), None);
        }
        std::fs::write(&rows_file, &whole).unwrap();
        let delta = snapshot(dir.path(), "b.csv", &csv, Some(&prior)).unwrap();
        assert_eq!((counts(&delta), delta.previous), ((0, 0, 0), 100));
    }

    #[test]
    fn a_large_list_is_sorted_on_two_threads_as_on_one() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut entries: Vec<Entry> = (0..200_000u32)
            .map(|row| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Few distinct values, so that equal hashes meet across the halves.
                Entry {
                    id: seed % 50_000,
                    hash: 0,
                    row,
                    text: 0,
                }
            })
            .collect();
        let mut expected: Vec<u64> = entries.iter().map(|e| e.id).collect();
        expected.sort_unstable();
        sort_by_id(&mut entries);
        assert_eq!(entries.iter().map(|e| e.id).collect::<Vec<_>>(), expected);
        let mut rows: Vec<u32> = entries.iter().map(|e| e.row).collect();
        rows.sort_unstable();
        assert!(rows.iter().copied().eq(0..200_000), "every entry kept once");
    }

    #[test]
    fn long_ids_are_kept_cut_at_a_character() {
        let id = "ñ".repeat(40);
        assert_eq!(floor_char(id.as_bytes(), ID_TEXT_BYTES), 64);
        assert_eq!(floor_char("aé".as_bytes(), 2), 1);
    }
}

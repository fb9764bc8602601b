//! Splits a byte stream into CSV records with `csv_core`, keeping exact physical line numbers.
//!
//! The `csv` crate's `Position` points at where the reader *was* before it skipped blank
//! lines, so it names the wrong line after a blank one. Driving `csv_core` ourselves we own the
//! input buffer: blank-line bytes are skipped here (the same bytes `csv_core` would discard),
//! and every consumed `\n` is counted, so a record's first line is known exactly, quoted
//! newlines included.

use std::io::{self, Read};

/// Size of the input buffer. Large enough that refills are rare, small enough to stay in cache.
const BUF_SIZE: usize = 64 * 1024;

/// What one field costs in a record's size beside its bytes: the end offset kept for it.
pub(crate) const FIELD_COST: usize = std::mem::size_of::<usize>();

/// One record's raw fields: all field bytes back to back, plus the end offset of each field.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawFields {
    data: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
}

impl RawFields {
    /// The number of fields.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The bytes of field `i`.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        if i >= self.len {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.data[start..self.ends[i]])
    }

    /// All field bytes back to back (for quick whole-record checks such as "is it ASCII").
    pub fn as_slice(&self) -> &[u8] {
        &self.data[..self
            .ends
            .get(self.len.wrapping_sub(1))
            .copied()
            .unwrap_or(0)]
    }

    /// Iterates over the fields' bytes.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len).map(|i| self.get(i).unwrap_or_default())
    }

    /// The record's size as the limit counts it: its field bytes plus [`FIELD_COST`] per field.
    pub fn size(&self) -> usize {
        self.as_slice().len() + self.len * FIELD_COST
    }

    /// Gives back the memory of buffers grown past `bytes` by an earlier, larger record.
    pub fn shrink(&mut self, bytes: usize) {
        if self.data.len() > bytes {
            self.data = vec![0; bytes];
            self.len = 0;
        }
        if self.ends.len() * FIELD_COST > bytes {
            self.ends = vec![0; bytes / FIELD_COST];
            self.len = 0;
        }
    }
}

/// Where a record past the size limit starts (see [`Parser::with_limit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooBig {
    /// The physical line it starts on.
    pub line: u64,
}

/// A pull parser over any byte stream.
pub(crate) struct Parser<R> {
    core: csv_core::Reader,
    input: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
    eof: bool,
    /// Number of `\n` bytes before `buf[newline_at[next_newline]]`, i.e. counted so far.
    newlines: u64,
    /// Offsets in `buf` of its `\n` bytes, found once per refill (one long SIMD scan is far
    /// cheaper than a short one per record).
    newline_at: Vec<usize>,
    /// The first entry of `newline_at` not yet counted.
    next_newline: usize,
    /// The most a record may take: its field bytes plus [`FIELD_COST`] per field.
    limit: usize,
    /// Set once a record went past `limit`: the parser stops there for good.
    too_big: Option<TooBig>,
}

impl<R: Read> Parser<R> {
    /// A parser for `delimiter`-separated fields with `"` quotes and doubled-quote escapes.
    pub fn new(input: R, delimiter: u8) -> Self {
        let core = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            .quote(b'"')
            .double_quote(true)
            .build();
        Parser {
            core,
            input,
            buf: vec![0; BUF_SIZE].into_boxed_slice(),
            pos: 0,
            end: 0,
            eof: false,
            newlines: 0,
            newline_at: Vec::new(),
            next_newline: 0,
            limit: usize::MAX,
            too_big: None,
        }
    }

    /// Limits a record (a field, the header) to `limit` bytes: its field bytes plus
    /// [`FIELD_COST`] per field. A bigger record is not held in memory: [`Parser::read`]
    /// stops buffering it at the limit and returns [`TooBig`], then, for good, nothing else.
    pub fn with_limit(mut self, limit: u64) -> Self {
        self.limit = usize::try_from(limit).unwrap_or(usize::MAX);
        self
    }

    /// Reads the next record into `fields`; returns the 1-based line it starts on, `None` at
    /// the end of the input, or `Err(TooBig)` (and then always) for a record past the limit.
    pub fn read(&mut self, fields: &mut RawFields) -> io::Result<Result<Option<u64>, TooBig>> {
        if let Some(too_big) = self.too_big {
            return Ok(Err(too_big));
        }
        if !self.skip_blank_lines()? {
            return Ok(Ok(None));
        }
        self.count_newlines_to_pos();
        let first_line = self.newlines + 1;
        if fields.data.is_empty() {
            fields.data.resize(1024, 0);
        }
        if fields.ends.is_empty() {
            fields.ends.resize(32, 0);
        }
        let (mut out, mut nends) = (0, 0);
        loop {
            let input = &self.buf[self.pos..self.end];
            let (res, nin, nout, nend) =
                self.core
                    .read_record(input, &mut fields.data[out..], &mut fields.ends[nends..]);
            self.pos += nin;
            out += nout;
            nends += nend;
            if out.saturating_add(nends.saturating_mul(FIELD_COST)) > self.limit {
                let too_big = TooBig { line: first_line };
                self.too_big = Some(too_big);
                fields.len = 0;
                return Ok(Err(too_big));
            }
            // Buffers grow by doubling, but never much past what the limit lets a record use.
            let grown = |len: usize, cap: usize| (len * 2).min(cap.saturating_add(1)).max(len + 1);
            match res {
                csv_core::ReadRecordResult::InputEmpty => {
                    self.refill()?;
                }
                csv_core::ReadRecordResult::OutputFull => {
                    let n = grown(fields.data.len(), self.limit);
                    fields.data.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = grown(fields.ends.len(), self.limit / FIELD_COST);
                    fields.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    fields.len = nends;
                    return Ok(Ok(Some(first_line)));
                }
                csv_core::ReadRecordResult::End => {
                    fields.len = 0;
                    return Ok(Ok(None));
                }
            }
        }
    }

    /// Skips `\r` and `\n` bytes (empty lines, the rest of a CRLF); false at end of input.
    fn skip_blank_lines(&mut self) -> io::Result<bool> {
        loop {
            if self.pos == self.end && !self.refill()? {
                return Ok(false);
            }
            match self.buf[self.pos] {
                b'\n' | b'\r' => self.pos += 1,
                _ => return Ok(true),
            }
        }
    }

    /// Moves unread bytes to the front and reads more; false when the input is exhausted
    /// (after which `csv_core` is fed an empty slice, its end-of-input signal).
    fn refill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.count_newlines_to_pos();
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.pos = 0;
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    self.find_newlines();
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    self.find_newlines();
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl<R> Parser<R> {
    /// Counts the newlines before `pos`.
    fn count_newlines_to_pos(&mut self) {
        while self
            .newline_at
            .get(self.next_newline)
            .is_some_and(|&at| at < self.pos)
        {
            self.newlines += 1;
            self.next_newline += 1;
        }
    }

    /// Lists the newlines of the buffer (after a refill moved it).
    fn find_newlines(&mut self) {
        self.newline_at.clear();
        self.newline_at
            .extend(memchr::memchr_iter(b'\n', &self.buf[..self.end]));
        self.next_newline = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(data: &[u8], delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut p = Parser::new(data, delimiter);
        let mut f = RawFields::default();
        let mut out = Vec::new();
        while let Some(line) = p.read(&mut f).unwrap().unwrap() {
            out.push((
                line,
                f.iter()
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .collect(),
            ));
        }
        out
    }

    #[test]
    fn lines_are_exact_across_blank_lines_crlf_and_quoted_newlines() {
        let got = records(b"a,b\r\n\r\n1,2\n\n\n;;\n\"x\ny\",3\n\n4,\"5\"\"6\"", b',');
        assert_eq!(
            got,
            vec![
                (1, vec!["a".into(), "b".into()]),
                (3, vec!["1".into(), "2".into()]),
                (6, vec![";;".into()]),
                (7, vec!["x\ny".into(), "3".into()]),
                (10, vec!["4".into(), "5\"6".into()]),
            ]
        );
    }

    #[test]
    fn empty_input_and_lone_newlines_give_no_record() {
        assert!(records(b"", b',').is_empty());
        assert!(records(b"\r\n\n\r", b',').is_empty());
    }

    #[test]
    fn long_fields_and_many_fields_grow_the_buffers() {
        let long = "x".repeat(5000);
        let many = vec!["f"; 100].join(";");
        let data = format!("{long};y\n{many}\n");
        let got = records(data.as_bytes(), b';');
        assert_eq!(got[0].1[0].len(), 5000);
        assert_eq!(got[1].1.len(), 100);
        assert_eq!(got[1].0, 2);
    }
}

//! Splits a byte stream into CSV records with `csv_core`, keeping exact physical line numbers.
//!
//! The `csv` crate's `Position` points at where the reader *was* before it skipped blank
//! lines, so it names the wrong line after a blank one. Driving `csv_core` ourselves we own the
//! input buffer: blank-line bytes are skipped here (the same bytes `csv_core` would discard),
//! and every consumed `\n` is counted, so a record's first line is known exactly, quoted
//! newlines included.

use super::Ending;
use std::io::{self, Read};

mod simple;

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
    /// How the record ended: a line break, or the end of the input (inside quotes or not).
    ending: Ending,
}

impl RawFields {
    /// The number of fields.
    pub fn len(&self) -> usize {
        self.len
    }

    /// How the record ended.
    pub fn ending(&self) -> Ending {
        self.ending
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

    /// Where each field ends in [`RawFields::as_slice`].
    pub fn ends(&self) -> &[usize] {
        &self.ends[..self.len]
    }

    /// Iterates over the fields' bytes.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len).map(|i| self.get(i).unwrap_or_default())
    }

    /// The record's size as the limit counts it: its field bytes plus [`FIELD_COST`] per field.
    pub fn size(&self) -> usize {
        self.as_slice().len() + self.len * FIELD_COST
    }

    /// Sets the fields to `texts` (a workbook row), as a record ended by a line break.
    pub fn set<'a>(&mut self, texts: impl Iterator<Item = &'a str>) {
        self.data.clear();
        self.ends.clear();
        for text in texts {
            self.data.extend_from_slice(text.as_bytes());
            self.ends.push(self.data.len());
        }
        self.len = self.ends.len();
        self.ending = Ending::LineBreak;
    }

    /// Gives back the memory of buffers grown past `bytes` by an earlier, larger record.
    pub fn shrink(&mut self, bytes: usize) {
        if self.data.len() > bytes {
            self.data.truncate(bytes);
            self.data.shrink_to(bytes);
            self.len = 0;
        }
        if self.ends.len() * FIELD_COST > bytes {
            self.ends.truncate(bytes / FIELD_COST);
            self.ends.shrink_to(bytes / FIELD_COST);
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
    /// Where in `buf` the record being read (or last read) starts, while `in_record`.
    record_start: usize,
    /// Whether a record is being read: a refill then keeps its consumed bytes in `spill`.
    in_record: bool,
    /// The raw bytes of the current record that a refill moved out of `buf`.
    spill: Vec<u8>,
    /// Whether plain one-line records are split by [`simple::split`] rather than `csv_core`
    /// (always, but for the tests that compare both).
    fast: bool,
    delimiter: u8,
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
            record_start: 0,
            in_record: false,
            spill: Vec::new(),
            fast: true,
            delimiter,
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
        self.record_start = self.pos;
        self.in_record = true;
        if self.spill.capacity() > BUF_SIZE {
            self.spill = Vec::new();
        }
        self.spill.clear();
        if fields.data.is_empty() {
            fields.data.resize(1024, 0);
        }
        if fields.ends.is_empty() {
            fields.ends.resize(32, 0);
        }
        fields.ending = Ending::LineBreak;
        if let Some(split) = self.split_plain(fields) {
            self.pos += split.consumed;
            self.in_record = false;
            fields.len = split.fields;
            return Ok(Ok(Some(first_line)));
        }
        let (mut out, mut nends) = (0, 0);
        // Set when the input ended inside this record: the next call feeds `csv_core` one
        // line break that is not in the file, to learn whether the record was inside quotes
        // (the line break goes into a field) or not (it ends the record).
        let mut probing = false;
        loop {
            let input: &[u8] = if probing {
                b"\n"
            } else {
                &self.buf[self.pos..self.end]
            };
            let (res, nin, mut nout, nend) =
                self.core
                    .read_record(input, &mut fields.data[out..], &mut fields.ends[nends..]);
            if !probing {
                self.pos += nin;
            } else if let csv_core::ReadRecordResult::InputEmpty = res {
                // The line break went into a quoted field: it is not the file's, and the
                // end of input then ends the record (and its last field, one byte shorter).
                probing = false;
                fields.ending = Ending::InsideQuotes;
                nout = 0;
            } else if let csv_core::ReadRecordResult::Record = res {
                probing = false;
                fields.ending = Ending::EndOfFile;
            }
            out += nout;
            nends += nend;
            if out.saturating_add(nends.saturating_mul(FIELD_COST)) > self.limit {
                self.in_record = false;
                self.spill = Vec::new();
                let too_big = TooBig { line: first_line };
                self.too_big = Some(too_big);
                fields.len = 0;
                return Ok(Err(too_big));
            }
            // Buffers grow by doubling, but never much past what the limit lets a record use.
            let grown = |len: usize, cap: usize| (len * 2).min(cap.saturating_add(1)).max(len + 1);
            match res {
                csv_core::ReadRecordResult::InputEmpty => {
                    if fields.ending == Ending::LineBreak && !self.refill()? {
                        probing = true;
                    }
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
                    self.in_record = false;
                    fields.len = nends;
                    if fields.ending == Ending::InsideQuotes {
                        // `csv_core` counted the probe's line break in the last field.
                        fields.ends[nends - 1] -= 1;
                    }
                    return Ok(Ok(Some(first_line)));
                }
                csv_core::ReadRecordResult::End => {
                    self.in_record = false;
                    fields.len = 0;
                    return Ok(Ok(None));
                }
            }
        }
    }

    /// Splits the record at `pos` with [`simple::split`] when it is a plain line that lies
    /// whole in the buffer and within the limit; `None` leaves it to `csv_core`.
    fn split_plain(&mut self, fields: &mut RawFields) -> Option<simple::Split> {
        if !self.fast {
            return None;
        }
        // The first line break at or after `pos` (the ones before it are counted).
        let newline = *self.newline_at.get(self.next_newline)?;
        let split = simple::split(
            &self.buf[self.pos..],
            newline - self.pos,
            self.delimiter,
            &mut fields.data,
            &mut fields.ends,
        )?;
        (split.out + split.fields * FIELD_COST <= self.limit).then_some(split)
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
        if self.in_record {
            // The record goes on past the buffer: keep what of it is about to be moved out.
            self.spill
                .extend_from_slice(&self.buf[self.record_start..self.pos]);
            self.record_start = 0;
        }
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
    /// The raw bytes of the record [`Parser::read`] returned last, as in the input (quotes
    /// and delimiters included), in two parts: what a refill moved out of the buffer, then
    /// the rest. Valid until the next read.
    pub fn raw(&self) -> (&[u8], &[u8]) {
        let start = self.record_start.min(self.pos);
        (&self.spill, &self.buf[start..self.pos])
    }

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

    /// How each record of `data` ended.
    fn endings(data: &[u8]) -> Vec<Ending> {
        let mut p = Parser::new(data, b',');
        let mut f = RawFields::default();
        let mut out = Vec::new();
        while p.read(&mut f).unwrap().unwrap().is_some() {
            out.push(f.ending());
        }
        out
    }

    #[test]
    fn a_record_says_whether_a_line_break_quotes_or_the_end_of_the_input_ended_it() {
        use Ending::{EndOfFile, InsideQuotes, LineBreak};
        let cases: [(&[u8], Ending); 12] = [
            (b"a,b\n1,2\n", LineBreak),
            (b"a,b\r\n1,2\r\n", LineBreak),
            (b"a,b\r\n1,2\r", LineBreak),
            (b"a,b\n1,2\n\n\n", LineBreak),
            (b"a,b\n1,2", EndOfFile),
            (b"a,b\n1,\"x\ny\"", EndOfFile),
            (b"a,b\n1,x\"y", EndOfFile),
            (b"a,b\n1,", EndOfFile),
            (b"a,b\n1,\"x\ny", InsideQuotes),
            (b"a,b\n1,\"x\"\"", InsideQuotes),
            (b"a,b\n1,\"", InsideQuotes),
            (b"a,b\n\"1,2\n3,4\n", InsideQuotes),
        ];
        for (data, last) in cases {
            let got = endings(data);
            assert_eq!(got.len(), 2, "{:?}", String::from_utf8_lossy(data));
            assert_eq!(
                got,
                [LineBreak, last],
                "{:?}",
                String::from_utf8_lossy(data)
            );
        }
        assert_eq!(endings(b"\"a,b\n1"), [InsideQuotes]);
        assert_eq!(endings(b"a,b"), [EndOfFile]);
        // Finding it out changes no field.
        let got = records(b"a,b\n1,\"x\ny", b',');
        assert_eq!(got[1], (2, vec!["1".into(), "x\ny".into()]));
        let got = records(b"a,b\n1,", b',');
        assert_eq!(got[1], (2, vec!["1".into(), String::new()]));
        // Also when the record fills its buffers exactly (1024 bytes, 32 fields).
        for (data, ending, len, last) in [
            (
                format!("a\n\"{}", "x".repeat(1024)),
                Ending::InsideQuotes,
                1,
                1024,
            ),
            (format!("a\n{}", ",".repeat(31)), Ending::EndOfFile, 32, 0),
            (
                format!("a\n{}\"", ",".repeat(31)),
                Ending::InsideQuotes,
                32,
                0,
            ),
        ] {
            let mut p = Parser::new(data.as_bytes(), b',');
            let mut f = RawFields::default();
            p.read(&mut f).unwrap().unwrap();
            p.read(&mut f).unwrap().unwrap();
            assert_eq!(
                (f.ending(), f.len(), f.get(len - 1).unwrap().len()),
                (ending, len, last)
            );
        }
    }

    #[test]
    fn the_ending_is_found_across_refills_of_the_buffer() {
        // The open quote starts in the first buffer and the input ends in a later one.
        let mut data = b"id,note\n1,\"".to_vec();
        data.extend("x\n".repeat(BUF_SIZE).as_bytes());
        assert_eq!(endings(&data), [Ending::LineBreak, Ending::InsideQuotes]);
        data.extend(b"\"\n2,y");
        assert_eq!(
            endings(&data),
            [Ending::LineBreak, Ending::LineBreak, Ending::EndOfFile]
        );
    }

    #[test]
    fn the_raw_bytes_of_a_record_are_whole_across_refills() {
        let long = format!("2,\"{}\n\"\"x\",y\n", "z".repeat(BUF_SIZE * 2));
        let data = format!("a,b\n1,2\n{long}3,4");
        let mut p = Parser::new(data.as_bytes(), b',');
        let mut f = RawFields::default();
        let mut raws = Vec::new();
        while p.read(&mut f).unwrap().unwrap().is_some() {
            let (spill, rest) = p.raw();
            raws.push(String::from_utf8([spill, rest].concat()).unwrap());
        }
        assert_eq!(raws, ["a,b\n", "1,2\n", long.as_str(), "3,4"]);
    }

    /// Everything the parser says of `data`, record by record: the line (or the error), the
    /// fields, the ending and the raw bytes.
    type Said = (Result<Option<u64>, TooBig>, Vec<Vec<u8>>, Ending, Vec<u8>);

    fn everything(data: &[u8], delimiter: u8, limit: u64, fast: bool) -> Vec<Said> {
        let mut p = Parser::new(data, delimiter).with_limit(limit);
        p.fast = fast;
        let mut f = RawFields::default();
        let mut out = Vec::new();
        loop {
            let read = p.read(&mut f).unwrap();
            let (spill, rest) = p.raw();
            let raw = [spill, rest].concat();
            let fields = f.iter().map(<[u8]>::to_vec).collect();
            let stop = !matches!(read, Ok(Some(_)));
            out.push((read, fields, f.ending(), raw));
            if stop {
                return out;
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_gives_exactly_what_csv_core_gives(
            data in proptest::collection::vec(
                proptest::sample::select(b"ab,;\"\r\n \xC3\xA9".to_vec()),
                0..300,
            ),
            delimiter in proptest::sample::select(b",;".to_vec()),
            limit in proptest::sample::select(vec![u64::MAX, 40, 9]),
        ) {
            proptest::prop_assert_eq!(
                everything(&data, delimiter, limit, true),
                everything(&data, delimiter, limit, false)
            );
        }
    }

    #[test]
    fn the_fast_path_gives_exactly_what_csv_core_gives_across_refills() {
        // Records of every kind, plain ones mostly, over several buffers.
        let pieces: [&[u8]; 10] = [
            b"abc",
            b"d",
            b";",
            b",",
            b"\"x;y\"",
            b"\"",
            b"\r\n",
            b"\n",
            b"\r",
            b"\xC3\xA9",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut data = Vec::new();
        while data.len() < BUF_SIZE * 5 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Plain text and delimiters mostly, a quote or a CR now and then.
            let pick = (seed % 100) as usize;
            let index = match pick {
                0..=39 => 0,
                40..=54 => 1,
                55..=79 => 2,
                80..=84 => 3,
                85..=89 => 4,
                90 => 5,
                91..=95 => 7,
                96 | 97 => 6,
                98 => 8,
                _ => 9,
            };
            data.extend_from_slice(pieces[index]);
        }
        for delimiter in [b';', b','] {
            let fast = everything(&data, delimiter, u64::MAX, true);
            assert!(fast.len() > 1000, "{} records", fast.len());
            assert_eq!(fast, everything(&data, delimiter, u64::MAX, false));
        }
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

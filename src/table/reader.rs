//! [`Reader`]: a CSV file as a header plus a stream of decoded [`Record`]s.

use super::detect::{self, LooksLike, TextPath};
use super::parse::{Parser, RawFields, TooBig};
use super::stray::{self, StrayQuote};
use super::workbook::{self, Sheet};
use super::{Dialect, Ending, Options, Oversize};
use encoding_rs::{Encoding, WINDOWS_1252};
use std::borrow::Cow;
use std::io::{self, Cursor, Read};
use std::sync::mpsc;

/// How many bytes are looked at to detect the encoding and the delimiter.
const SAMPLE_SIZE: usize = 64 * 1024;

/// Records handed from the parsing thread to the checking thread at a time.
const BATCH_SIZE: usize = 512;

/// A batch ends early once its records take this many bytes, so that a few batches of large
/// records in flight stay a few times the record limit, not [`BATCH_SIZE`] times.
const BATCH_BYTES: usize = 4 << 20;

/// A record slot whose buffers grew past this for a large record gives the memory back
/// before it is reused.
const SLOT_KEEP_BYTES: usize = 64 << 10;

/// The header row: column names (trimmed) and where it was.
#[derive(Debug, Clone)]
pub struct Header {
    /// Column names, surrounding whitespace trimmed.
    pub names: Vec<String>,
    /// The physical line the header starts on.
    pub line: u64,
    /// Indices of names whose bytes were invalid in the encoding.
    pub undecodable: Vec<usize>,
    /// How the header ended: [`Ending::InsideQuotes`] when the file ends inside it.
    pub ending: Ending,
}

/// How a record's field bytes turn into text.
#[derive(Debug, Clone, Copy, Default)]
enum FieldText {
    /// Every field was checked to be valid UTF-8 (or is ASCII, the same in every encoding
    /// read here), so fields are handed out without checking again.
    #[default]
    ValidUtf8,
    /// UTF-8 with some invalid bytes: fields are checked, invalid bytes become U+FFFD.
    Utf8,
    /// A single-byte encoding, decoded field by field.
    SingleByte(&'static Encoding),
}

/// One data record: its fields, its position, and which fields could not be decoded.
#[derive(Debug, Clone, Default)]
pub struct Record {
    fields: RawFields,
    row: u64,
    line: u64,
    text: FieldText,
    undecodable: Vec<usize>,
    controls: Vec<usize>,
    cell_errors: Vec<usize>,
    stray: Option<StrayQuote>,
}

impl Record {
    /// The 1-based data record number (the header and blank records are not counted).
    pub fn row(&self) -> u64 {
        self.row
    }

    /// The physical line (1-based) where the record starts; in a workbook, the sheet's row
    /// number.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True when the record has no field (never the case for records a [`Reader`] yields).
    pub fn is_empty(&self) -> bool {
        self.fields.len() == 0
    }

    /// Field `i` as text. Bytes invalid in the encoding come out as U+FFFD (and the field is
    /// listed by [`Record::undecodable`]).
    pub fn field(&self, i: usize) -> Option<Cow<'_, str>> {
        let bytes = self.fields.get(i)?;
        Some(match self.text {
            FieldText::ValidUtf8 => {
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: `Reader::classify` set `ValidUtf8` only after checking that every
                // field of this record is ASCII or valid UTF-8, and the fields are not changed
                // until the next `classify`.
                Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(bytes) })
            }
            FieldText::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(bytes),
            },
            FieldText::SingleByte(enc) => enc.decode_without_bom_handling(bytes).0,
        })
    }

    /// Every field as text.
    pub fn fields(&self) -> impl Iterator<Item = Cow<'_, str>> {
        (0..self.len()).map(|i| self.field(i).unwrap_or_default())
    }

    /// The stray quote of the record, if it has one: a quoted field that swallowed lines
    /// shaped like whole records of the file. Those lines are counted as rows (the next
    /// record's row number is past them), none of them yielded.
    pub fn stray_quote(&self) -> Option<StrayQuote> {
        self.stray
    }

    /// How the record ended: by a line break, or by the end of the file (then it is the
    /// last record), inside a quoted field or not.
    pub fn ending(&self) -> Ending {
        self.fields.ending()
    }

    /// Where the file was cut in this record, if it was (the one rule of `truncated`):
    /// `Some(true)` when the file ends inside its quotes, `Some(false)` when it is the last
    /// record, has fewer fields than the header's `header_width` and no line break after it.
    /// A last record with all its fields and no line break is whole (many exporters write no
    /// final line break), and so is one that is only the end-of-file mark of old DOS programs
    /// (Ctrl-Z, 0x1A).
    pub fn cut(&self, header_width: usize) -> Option<bool> {
        let dos_eof = || self.len() == 1 && self.raw_field(0) == Some(b"\x1A");
        match self.ending() {
            Ending::InsideQuotes => Some(true),
            Ending::EndOfFile if self.len() < header_width && !dos_eof() => Some(false),
            Ending::EndOfFile | Ending::LineBreak => None,
        }
    }

    /// Indices of the fields holding bytes invalid in the file's encoding.
    pub fn undecodable(&self) -> &[usize] {
        &self.undecodable
    }

    /// Indices of the fields holding a control character: a C0 control other than tab, CR
    /// and LF (NUL, ESC, form feed…) or DEL.
    pub fn controls(&self) -> &[usize] {
        &self.controls
    }

    /// Indices of the fields that are workbook cells holding an error (`#N/A`, `#DIV/0!`…);
    /// always empty for a text file.
    pub fn cell_errors(&self) -> &[usize] {
        &self.cell_errors
    }

    /// Every field's raw bytes back to back, and where each field ends in them: the whole
    /// record at once (the delta hashes it so).
    pub fn raw_fields(&self) -> (&[u8], &[usize]) {
        (self.fields.as_slice(), self.fields.ends())
    }

    /// The raw bytes of field `i`, as they are in the file (after transcoding, for UTF-16).
    pub fn raw_field(&self, i: usize) -> Option<&[u8]> {
        self.fields.get(i)
    }
}

/// Whether `bytes` hold a control character: a C0 control other than tab, CR and LF, or DEL.
/// The same bytes in every encoding read here (UTF-8, the single-byte ones, and UTF-16 once
/// transcoded).
pub(crate) fn has_control(bytes: &[u8]) -> bool {
    scan(bytes).control
}

/// What one pass over a record's bytes tells.
#[derive(Debug, PartialEq)]
struct Scan {
    /// A byte is a control character ([`is_control_byte`]).
    control: bool,
    /// Every byte is ASCII.
    ascii: bool,
}

/// Looks at every byte of `bytes` once for both [`Scan`] answers. Every record of every file
/// goes through it, so it is written to be vectorised: whole blocks of bytes, byte-wise `|`
/// into one block of flags that is reduced once at the end, the last partial block padded
/// with a plain letter, and no early exit (a branch per byte costs more than the bytes).
fn scan(bytes: &[u8]) -> Scan {
    const BLOCK: usize = 32;
    let mut control = [0u8; BLOCK];
    let mut high = [0u8; BLOCK];
    let mut look = |block: &[u8; BLOCK]| {
        for i in 0..BLOCK {
            control[i] |= u8::from(is_control_byte(block[i]));
            high[i] |= block[i];
        }
    };
    let mut blocks = bytes.chunks_exact(BLOCK);
    for block in &mut blocks {
        look(block.try_into().expect("a whole block"));
    }
    let mut last = [b'a'; BLOCK];
    last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
    look(&last);
    Scan {
        control: control.iter().any(|&c| c != 0),
        ascii: high.iter().all(|&b| b < 0x80),
    }
}

/// Whether `b` is a control character as [`Record::controls`] finds them: a C0 control other
/// than tab, CR and LF, or DEL (the one rule; `validate` asks it of characters too).
pub(crate) fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7F)
}

/// A streaming CSV reader for messy exports: it detects the encoding and the delimiter,
/// reads the header, then yields records one at a time; memory does not grow with the file.
pub struct Reader {
    parser: Parser<Box<dyn Read + Send>>,
    path: TextPath,
    delimiter: u8,
    bom: bool,
    /// Whether a non-ASCII character has been read as valid UTF-8 (auto mode switches to
    /// Windows-1252 at the first invalid byte only if not: otherwise the file is mixed).
    seen_utf8: bool,
    /// Whether the single-byte encoding leaves some bytes unmapped (then they are checked).
    has_unmapped: bool,
    header: Option<Header>,
    rows: u64,
    records_per_byte: f64,
    /// The most one record may take (`Options::max_record_bytes`).
    limit: u64,
    /// What the file looks like when its first bytes say it is not a table.
    looks_like: Option<LooksLike>,
    /// The sheet read when the file is a workbook (then `parser` reads nothing).
    sheet: Option<Sheet>,
    /// The workbook sheet's name and the 0-based column of its first field.
    sheet_place: Option<(String, u32)>,
}

impl Reader {
    /// Detects the dialect of `input` (or takes it from `options`) and reads its header. A
    /// header past `options.max_record_bytes` is an error that [`Oversize::of`] recognises.
    pub fn new<R: Read + Send + 'static>(input: R, options: &Options) -> io::Result<Reader> {
        let mut reader = Reader::detect(input, options)?;
        reader.read_header()?;
        Ok(reader)
    }

    /// Detects the dialect of `input` (or takes it from `options`) from its first bytes,
    /// without reading the header yet: [`Reader::read_header`] does, and until then the
    /// reader has no header and yields no record. For callers that report on the file even
    /// when its header cannot be read (its dialect is known by then).
    ///
    /// A workbook is read whole into memory (at most 16 × `options.max_record_bytes`; a
    /// bigger one, or one whose sheet `options.sheet` is absent, is an error that
    /// [`super::WorkbookError::of`] recognises), then its sheet is handed out row by row.
    pub fn detect<R: Read + Send + 'static>(mut input: R, options: &Options) -> io::Result<Reader> {
        let sample = read_up_to(&mut input, SAMPLE_SIZE)?;
        if workbook::may_be(&sample) {
            let limit = workbook::limit(options.max_record_bytes);
            let bytes = match workbook::read_all(sample, input, limit)? {
                Ok(bytes) => bytes,
                // Too big to be read as a workbook: the archive or document it also is.
                Err((bytes, rest)) => {
                    if workbook::starts_like_one(&bytes) {
                        return Err(super::WorkbookError::TooBig { limit }.into());
                    }
                    return Reader::detect_text(bytes, Box::new(rest), options);
                }
            };
            if let Some(sheet) = workbook::open(&bytes, options.sheet.as_deref(), limit)? {
                return Ok(Reader::of_sheet(sheet, options));
            }
            return Reader::detect_text(bytes, Box::new(io::empty()), options);
        }
        Reader::detect_text(sample, Box::new(input), options)
    }

    /// A reader handing out the rows of a workbook's `sheet`.
    fn of_sheet(sheet: Sheet, options: &Options) -> Reader {
        let empty: Box<dyn Read + Send> = Box::new(io::empty());
        Reader {
            parser: Parser::new(empty, b','),
            limit: options.max_record_bytes,
            path: TextPath::Utf8,
            delimiter: b',',
            bom: false,
            seen_utf8: false,
            has_unmapped: false,
            header: None,
            rows: 0,
            records_per_byte: 0.0,
            looks_like: None,
            sheet_place: Some((sheet.name.clone(), sheet.first_column)),
            sheet: Some(sheet),
        }
    }

    /// Detects the dialect of a text file whose first bytes are `sample` and whose other
    /// bytes follow in `input`.
    fn detect_text(
        sample: Vec<u8>,
        input: Box<dyn Read + Send>,
        options: &Options,
    ) -> io::Result<Reader> {
        let (sample, input): (Vec<u8>, Box<dyn Read + Send>) = if sample.len() > SAMPLE_SIZE {
            // A file read whole to learn it is no workbook: its first bytes are the sample,
            // the rest is read from where it is (not copied).
            let head = sample[..SAMPLE_SIZE].to_vec();
            let mut rest = Cursor::new(sample);
            rest.set_position(SAMPLE_SIZE as u64);
            (head, Box::new(rest.chain(input)))
        } else {
            (sample, input)
        };
        let complete = sample.len() < SAMPLE_SIZE;
        let looks_like = detect::looks_like(&sample, options.encoding);
        let (path, bom_len) = detect::text_path(&sample, options.encoding);
        let bom = bom_len > 0
            || (matches!(path, TextPath::Transcode(_)) && Encoding::for_bom(&sample).is_some());
        let (stream, text_sample, complete): (Box<dyn Read + Send>, Vec<u8>, bool) = match path {
            TextPath::Transcode(enc) => {
                let raw = Cursor::new(sample).chain(input);
                let mut decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(enc))
                    .bom_override(true)
                    .strip_bom(true)
                    .build(raw);
                let text = read_up_to(&mut decoded, SAMPLE_SIZE)?;
                let complete = text.len() < SAMPLE_SIZE;
                (
                    Box::new(Cursor::new(text.clone()).chain(decoded)),
                    text,
                    complete,
                )
            }
            _ => {
                let text = sample[bom_len..].to_vec();
                (
                    Box::new(Cursor::new(text.clone()).chain(input)),
                    text,
                    complete,
                )
            }
        };
        let delimiter = options
            .delimiter
            .unwrap_or_else(|| detect::sniff_delimiter(&text_sample, complete));
        // Records per byte of the file, from the sample: lets callers size tables up front.
        let sample_records = detect::count_records(&text_sample, delimiter, complete) as f64;
        let raw_per_text_byte = if matches!(path, TextPath::Transcode(_)) {
            2.0
        } else {
            1.0
        };
        let records_per_byte =
            sample_records / (text_sample.len().max(1) as f64 * raw_per_text_byte);
        let has_unmapped = match path {
            TextPath::SingleByte(enc) => (0x80..=0xFFu8).any(|b| {
                enc.decode_without_bom_handling_and_without_replacement(&[b])
                    .is_none()
            }),
            _ => false,
        };
        Ok(Reader {
            parser: Parser::new(stream, delimiter).with_limit(options.max_record_bytes),
            limit: options.max_record_bytes,
            path,
            delimiter,
            bom,
            seen_utf8: false,
            has_unmapped,
            header: None,
            rows: 0,
            records_per_byte,
            looks_like,
            sheet: None,
            sheet_place: None,
        })
    }

    /// Reads the header (the first non-blank record), after [`Reader::detect`]. A header past
    /// the size limit is an error that [`Oversize::of`] recognises.
    pub fn read_header(&mut self) -> io::Result<()> {
        let mut first = Record::default();
        if self.header.is_none() && self.next_nonblank(&mut first)? {
            self.header = Some(Header {
                names: first.fields().map(|n| n.trim().to_string()).collect(),
                line: first.line,
                undecodable: first.undecodable.clone(),
                ending: first.ending(),
            });
        }
        Ok(())
    }

    /// The header, or `None` when the file has no row at all.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// What the file looks like when its first bytes say it is not a table at all (a PDF,
    /// a ZIP archive or workbook, an image, a program, binary content); `None` for text.
    /// The reader reads such a file all the same: refusing it is the caller's decision.
    pub fn looks_like(&self) -> Option<LooksLike> {
        self.looks_like
    }

    /// The sheet read, when the file is a workbook: its name and the 0-based column of its
    /// first field (add a field's index to name its cell, as in `C17`).
    pub fn sheet(&self) -> Option<(&str, u32)> {
        self.sheet_place.as_ref().map(|(n, c)| (n.as_str(), *c))
    }

    /// The dialect as known so far. In auto mode a UTF-8 guess can still turn into
    /// Windows-1252 later in the file, so ask again after the last record.
    pub fn dialect(&self) -> Dialect {
        Dialect {
            encoding: self.path.encoding(),
            delimiter: self.delimiter,
            bom: self.bom,
        }
    }

    /// A guess at the number of records in a file of `file_len` bytes, from the density of
    /// records in the first bytes. For sizing tables up front; never for anything exact.
    pub fn estimated_rows(&self, file_len: u64) -> u64 {
        (file_len as f64 * self.records_per_byte) as u64
    }

    /// The number of data records read so far, the lines a stray quote swallowed included
    /// ([`Record::stray_quote`]).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the next data record into `record`; false at the end of the file. A record past
    /// the size limit is an error that [`Oversize::of`] recognises; nothing is read after it.
    pub fn read(&mut self, record: &mut Record) -> io::Result<bool> {
        if self.header.is_none() || !self.next_nonblank(record)? {
            return Ok(false);
        }
        self.rows += 1;
        record.row = self.rows;
        let width = self.header.as_ref().map_or(0, |h| h.names.len());
        // A last record cut short (no quote open) is a cut, whatever its quotes did.
        record.stray = match record.cut(width) {
            Some(false) => None,
            _ => stray::find(&record.fields, self.parser.raw(), self.delimiter, width),
        };
        if let Some(stray) = record.stray {
            // The swallowed lines were records: they keep their row numbers, and count.
            self.rows += stray.lines;
        }
        Ok(true)
    }

    /// Reads every remaining record with two threads, so that both cores work on one file: a
    /// second thread parses records into batches while this one runs `each` on every batch,
    /// in order. Every record comes with a scratch value `T` for `each` to use; batches and
    /// their allocations are reused. Returns the reader, whose [`Reader::dialect`] is now
    /// final.
    pub fn for_each<T: Default + Send>(
        self,
        each: impl FnMut(&mut [(Record, T)]),
    ) -> io::Result<Reader> {
        self.for_each_prepared(|_| {}, each)
    }

    /// [`Reader::for_each`], with a step `prepare` that runs on every batch before `each`
    /// does, on whichever thread has time for it: the parsing thread when this one is behind
    /// (the batches parsed ahead wait), this one otherwise. `prepare` should do the work
    /// that needs only the batch (decoding, hashing); how much of it each thread takes then
    /// follows the file, which a fixed split cannot (a file of many refs loads this thread,
    /// one of long rows the parser).
    ///
    /// Two threads, not more: a third stage would leave the parser a share of two cores
    /// among three threads and make it the bottleneck (measured: 15% slower).
    pub fn for_each_prepared<T: Default + Send>(
        self,
        prepare: impl Fn(&mut [(Record, T)]) + Sync,
        mut each: impl FnMut(&mut [(Record, T)]),
    ) -> io::Result<Reader> {
        /// A batch of records, and whether `prepare` ran on it.
        #[derive(Default)]
        struct Batch<T> {
            records: Vec<(Record, T)>,
            prepared: bool,
        }
        let (parsed_tx, parsed_rx) = mpsc::sync_channel::<io::Result<Batch<T>>>(2);
        let (empty_tx, empty_rx) = mpsc::channel::<Batch<T>>();
        let prepare = &prepare;
        // Hands a parsed batch (or an error) over; when there is no room for a batch yet,
        // this thread prepares it rather than wait.
        let hand_over = move |item: io::Result<Batch<T>>| match parsed_tx.try_send(item) {
            Ok(()) => Ok(()),
            Err(mpsc::TrySendError::Full(Ok(mut batch))) => {
                prepare(&mut batch.records);
                batch.prepared = true;
                parsed_tx.send(Ok(batch))
            }
            Err(mpsc::TrySendError::Full(error)) => parsed_tx.send(error),
            Err(mpsc::TrySendError::Disconnected(item)) => Err(mpsc::SendError(item)),
        };
        std::thread::scope(|scope| {
            let parser = scope.spawn(move || {
                let mut reader = self;
                loop {
                    let mut batch = empty_rx.try_recv().unwrap_or_default();
                    batch.prepared = false;
                    let filled = reader.fill(&mut batch.records);
                    let done = !matches!(filled, Ok(true));
                    // The records read before an error are checked too.
                    let sent = match filled {
                        Ok(_) => hand_over(Ok(batch)),
                        Err(e) => hand_over(Ok(batch)).and_then(|()| hand_over(Err(e))),
                    };
                    if sent.is_err() || done {
                        return reader;
                    }
                }
            });
            for batch in parsed_rx {
                let mut batch = batch?;
                if !batch.prepared {
                    prepare(&mut batch.records);
                }
                each(&mut batch.records);
                let _ = empty_tx.send(batch);
            }
            Ok(parser.join().expect("the parsing thread does not panic"))
        })
    }

    /// Fills `batch` with up to [`BATCH_SIZE`] records, reusing its allocations; false once
    /// the end of the file has been reached. On an error, `batch` holds the records read
    /// before it.
    fn fill<T: Default>(&mut self, batch: &mut Vec<(Record, T)>) -> io::Result<bool> {
        let mut bytes = 0;
        for n in 0..BATCH_SIZE {
            if n == batch.len() {
                batch.push(Default::default());
            }
            let record = &mut batch[n].0;
            record.fields.shrink(SLOT_KEEP_BYTES);
            let read = self.read(record);
            if !matches!(read, Ok(true)) {
                batch.truncate(n);
                return read;
            }
            bytes += record.fields.size();
            if bytes >= BATCH_BYTES {
                batch.truncate(n + 1);
                return Ok(true);
            }
        }
        Ok(true)
    }

    /// Parses records until one has a non-blank field; false at the end of the input.
    fn next_nonblank(&mut self, record: &mut Record) -> io::Result<bool> {
        if let Some(sheet) = &mut self.sheet {
            let Some((number, texts, errors)) = sheet.next_row() else {
                return Ok(false);
            };
            record.fields.set(texts.iter().map(String::as_str));
            record.line = u64::from(number);
            if record.fields.size() as u64 > self.limit {
                let row = self.header.as_ref().map(|_| self.rows + 1);
                self.sheet = Some(Sheet::empty());
                return Err(Oversize {
                    line: record.line,
                    row,
                    limit: self.limit,
                }
                .into());
            }
            record.cell_errors = errors;
            self.classify(record);
            return Ok(true);
        }
        record.cell_errors.clear();
        loop {
            let line = match self.parser.read(&mut record.fields)? {
                Ok(Some(line)) => line,
                Ok(None) => return Ok(false),
                Err(TooBig { line }) => {
                    let row = self.header.as_ref().map(|_| self.rows + 1);
                    return Err(Oversize {
                        line,
                        row,
                        limit: self.limit,
                    }
                    .into());
                }
            };
            // A blank record is skipped, unless it is where the file was cut: the file ends
            // inside its quotes, or right after it while it is narrower than the header (the
            // blank start of a cut record, such as `  ` of `  ;x`).
            let width = self.header.as_ref().map_or(0, |h| h.names.len());
            let cut = record.cut(width).is_some();
            if !cut
                && record
                    .fields
                    .iter()
                    .all(|f| f.iter().all(u8::is_ascii_whitespace))
            {
                continue;
            }
            record.line = line;
            self.classify(record);
            return Ok(true);
        }
    }

    /// Decides how `record` decodes and which of its fields are undecodable; switches auto
    /// mode to Windows-1252 at the first invalid UTF-8 if everything before it was ASCII.
    fn classify(&mut self, record: &mut Record) {
        record.controls.clear();
        let seen = scan(record.fields.as_slice());
        if seen.control {
            record.controls.extend(
                (0..record.fields.len()).filter(|&i| record.fields.get(i).is_some_and(has_control)),
            );
        }
        record.undecodable.clear();
        record.text = FieldText::ValidUtf8;
        if seen.ascii {
            return;
        }
        let invalid_utf8 = |r: &Record| -> Vec<usize> {
            // Fast path: the whole record is valid and no field starts inside a character
            // (a lead byte, a delimiter, then continuation bytes is valid once the delimiter is
            // gone, but both fields are damaged).
            let continuation = |f: &[u8]| f.first().is_some_and(|&b| (0x80..0xC0).contains(&b));
            if std::str::from_utf8(r.fields.as_slice()).is_ok()
                && !r.fields.iter().any(continuation)
            {
                return Vec::new();
            }
            r.fields
                .iter()
                .enumerate()
                .filter(|(_, f)| std::str::from_utf8(f).is_err())
                .map(|(i, _)| i)
                .collect()
        };
        match self.path {
            TextPath::Utf8 => {
                record.undecodable = invalid_utf8(record);
                if !record.undecodable.is_empty() {
                    record.text = FieldText::Utf8;
                }
            }
            TextPath::AutoUtf8 => {
                let bad = invalid_utf8(record);
                if bad.is_empty() {
                    self.seen_utf8 = true;
                } else if self.seen_utf8 {
                    record.text = FieldText::Utf8;
                    record.undecodable = bad;
                } else {
                    self.path = TextPath::SingleByte(WINDOWS_1252);
                    self.classify(record);
                }
            }
            TextPath::SingleByte(enc) => {
                record.text = FieldText::SingleByte(enc);
                if self.has_unmapped {
                    record.undecodable = record
                        .fields
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| {
                            enc.decode_without_bom_handling_and_without_replacement(f)
                                .is_none()
                        })
                        .map(|(i, _)| i)
                        .collect();
                }
            }
            TextPath::Transcode(_) => {
                // The transcoder put U+FFFD where the source bytes were invalid.
                record.undecodable = record
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.windows(3).any(|w| w == "\u{FFFD}".as_bytes()))
                    .map(|(i, _)| i)
                    .collect();
            }
        }
    }
}

/// Reads until `limit` bytes or the end of input.
fn read_up_to(input: &mut impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(limit);
    input.take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_scan_agrees_with_a_byte_by_byte_look_at_every_byte_and_place() {
        for len in [0, 1, 31, 32, 33, 64, 70] {
            for at in 0..len {
                for b in 0..=u8::MAX {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = Scan {
                        control: bytes.iter().any(|&b| is_control_byte(b)),
                        ascii: bytes.is_ascii(),
                    };
                    assert_eq!(scan(&bytes), expected, "byte {b:#x} at {at} of {len}");
                }
            }
        }
        assert_eq!(
            scan(b""),
            Scan {
                control: false,
                ascii: true
            }
        );
    }
}

//! Reading real ERP exports: encoding and delimiter detection, then a stream of records.
//!
//! Everything here takes a byte stream, never a path, so it is the same code for a file on
//! disk, a spooled snapshot or a test's bytes. Memory does not grow with the file: records are
//! parsed into reused buffers and handed out one at a time, and one record (the header too)
//! may take at most [`Options::max_record_bytes`]: past it, reading stops with [`Oversize`]
//! instead of buffering the rest (a file of NUL bytes is one endless field).
//!
//! Handled without configuration: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or
//! recognised by their NUL bytes), Windows-1252 when the bytes are not valid UTF-8; the
//! delimiters `,` `;` TAB `|`; quoted fields with delimiters, doubled quotes and newlines;
//! CRLF or LF; blank lines anywhere. Configuration may force the encoding (any WHATWG label)
//! and the delimiter.
//!
//! Every record says how it ended ([`Ending`]): a file cut in the middle of its last record
//! (an interrupted export) shows as a last record that ends inside quotes, or without a line
//! break; what to make of that is validation's call.
//!
//! A workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`, told by its content) is read too: one sheet
//! of it, its cells as the text a person sees, each record's line the sheet's row number
//! (see `workbook`). Its cells are valid UTF-8 and it has no delimiter; its [`Dialect`] says
//! UTF-8 and `,`, the CSV it is published as.

mod detect;
mod parse;
mod reader;
mod stray;
mod workbook;

pub use detect::{LooksLike, DELIMITERS};
pub(crate) use reader::is_control_byte;
pub use reader::{Header, Reader, Record};
pub use stray::StrayQuote;
pub use workbook::{column_letters, WorkbookError};

use encoding_rs::Encoding;

/// The default of [`Options::max_record_bytes`] (`[policy] max_record_bytes`): 16 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 16 << 20;

/// What configuration forces; `None` means detect.
#[derive(Debug, Clone)]
pub struct Options {
    /// A forced encoding. A byte-order mark still wins over it.
    pub encoding: Option<&'static Encoding>,
    /// A forced delimiter.
    pub delimiter: Option<u8>,
    /// The most one record (the header too) may take: its field bytes (as text, quotes
    /// removed) plus 8 bytes per field, what it costs in memory. A bigger one is an
    /// [`Oversize`] error, found without holding the record in memory.
    pub max_record_bytes: u64,
    /// The sheet of a workbook to read (`[[entity]] sheet`); `None` means the first. Text
    /// files have no sheets and ignore it.
    pub sheet: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            encoding: None,
            delimiter: None,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            sheet: None,
        }
    }
}

/// A record (or the header) past [`Options::max_record_bytes`]: reading stops there, for
/// good. Travels inside an `io::Error` (kind `InvalidData`); [`Oversize::of`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the record starting on line {line} is larger than the limit of {limit} bytes ([policy] max_record_bytes)")]
pub struct Oversize {
    /// The physical line where the record starts.
    pub line: u64,
    /// The 1-based data record; `None` for the header.
    pub row: Option<u64>,
    /// The limit it went past, in bytes.
    pub limit: u64,
}

impl Oversize {
    /// The oversize record an I/O error from a [`Reader`] stands for, if that is what it is.
    pub fn of(error: &std::io::Error) -> Option<Oversize> {
        error.get_ref()?.downcast_ref::<Oversize>().copied()
    }
}

impl From<Oversize> for std::io::Error {
    fn from(o: Oversize) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, o)
    }
}

/// How a record (or the header) ended. Only the last record of a file can end without a
/// line break; one that ends inside a quoted field is cut (an open quote ran to the end of
/// the file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Ending {
    /// A line break (CR, LF or CRLF) follows it.
    #[default]
    LineBreak,
    /// The file ends right after it, with no line break: fine for a whole record, a sign of
    /// a cut file for a record with fewer fields than the header.
    EndOfFile,
    /// The file ends inside one of its quoted fields: the file was cut.
    InsideQuotes,
}

/// The dialect a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// The text encoding.
    pub encoding: &'static Encoding,
    /// The field delimiter.
    pub delimiter: u8,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
}

/// The lowercase WHATWG name of an encoding, as reports show it ("utf-8", "windows-1252").
pub fn encoding_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

    struct Read {
        dialect: Dialect,
        header: Vec<String>,
        rows: Vec<(u64, u64, Vec<String>, Vec<usize>)>,
    }

    fn read(bytes: Vec<u8>, options: Options) -> Read {
        let mut reader = Reader::new(std::io::Cursor::new(bytes), &options).unwrap();
        let header = reader.header().map(|h| h.names.clone()).unwrap_or_default();
        let mut rows = Vec::new();
        let mut rec = Record::default();
        while reader.read(&mut rec).unwrap() {
            rows.push((
                rec.row(),
                rec.line(),
                rec.fields().map(|f| f.into_owned()).collect(),
                rec.undecodable().to_vec(),
            ));
        }
        Read {
            dialect: reader.dialect(),
            header,
            rows,
        }
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const TEXT: &str =
        " ID ;Nombre\r\n1;Peña\r\n2;\"Muñoz; \"\"el Tano\"\"\nSegunda línea\"\r\n\r\n";

    #[test]
    fn fields_with_control_characters_are_named() {
        let text = "ID;Nombre;Nota\n1;Pe\u{1b}ña;ok\n2;x\ty;\"a\r\nb\"\n3;z\u{7f};\u{c}\n";
        let controls = |bytes: Vec<u8>| {
            let mut reader = Reader::new(std::io::Cursor::new(bytes), &Options::default()).unwrap();
            let mut rec = Record::default();
            let mut found = Vec::new();
            while reader.read(&mut rec).unwrap() {
                found.push(rec.controls().to_vec());
            }
            found
        };
        let expected = vec![vec![1], vec![], vec![1, 2]];
        assert_eq!(controls(text.as_bytes().to_vec()), expected, "UTF-8");
        assert_eq!(controls(utf16(text, true)), expected, "UTF-16");
        let cp1252 = WINDOWS_1252.encode(text).0.into_owned();
        assert_eq!(controls(cp1252), expected, "Windows-1252");
        // Past the first 64 bytes of a long field too.
        let long = format!("ID\n{}\0\n", "A".repeat(10_000));
        let mut with_nul = "A".repeat(10_000).into_bytes();
        with_nul.push(0);
        assert!(reader::has_control(&with_nul));
        assert_eq!(controls(long.into_bytes()), vec![vec![0]]);
    }

    #[test]
    fn every_encoding_reads_the_same_text() {
        let cp1252 = WINDOWS_1252.encode(TEXT).0.into_owned();
        let cases: Vec<(Vec<u8>, &'static Encoding, bool)> = vec![
            (TEXT.as_bytes().to_vec(), UTF_8, false),
            (
                [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat(),
                UTF_8,
                true,
            ),
            (utf16(TEXT, true), UTF_16LE, true),
            (utf16(TEXT, false), UTF_16BE, true),
            (cp1252, WINDOWS_1252, false),
        ];
        for (bytes, encoding, bom) in cases {
            let r = read(bytes, Options::default());
            assert_eq!(
                r.dialect,
                Dialect {
                    encoding,
                    delimiter: b';',
                    bom
                },
                "{}",
                encoding.name()
            );
            assert_eq!(r.header, ["ID", "Nombre"]);
            assert_eq!(r.rows.len(), 2);
            assert_eq!(r.rows[0], (1, 2, vec!["1".into(), "Peña".into()], vec![]));
            assert_eq!(r.rows[1].2[1], "Muñoz; \"el Tano\"\nSegunda línea");
            assert_eq!((r.rows[1].0, r.rows[1].1), (2, 3));
        }
    }

    #[test]
    fn auto_switches_to_windows_1252_after_an_ascii_prefix() {
        let mut bytes = b"id,nombre\n".to_vec();
        for i in 0..5000 {
            bytes.extend(format!("{i},ascii only\n").as_bytes());
        }
        bytes.extend(b"9999,Pe\xF1a\n");
        let r = read(bytes, Options::default());
        assert_eq!(r.dialect.encoding, WINDOWS_1252);
        assert_eq!(r.rows.last().unwrap().2[1], "Peña");
        assert!(r.rows.iter().all(|row| row.3.is_empty()));
    }

    #[test]
    fn invalid_bytes_after_real_utf8_are_undecodable() {
        let mut bytes = "id,nombre\n1,Peña\n".as_bytes().to_vec();
        bytes.extend(b"2,Mu\xF1oz\n");
        let r = read(bytes, Options::default());
        assert_eq!(r.dialect.encoding, UTF_8);
        assert_eq!(r.rows[1].3, vec![1]);
        assert_eq!(r.rows[1].2[1], "Mu\u{FFFD}oz");
    }

    #[test]
    fn a_declared_encoding_is_used_and_checked() {
        let r = read(
            b"id,n\n1,Pe\xF1a\n".to_vec(),
            Options {
                encoding: Some(UTF_8),
                ..Options::default()
            },
        );
        assert_eq!(r.rows[0].3, vec![1]);
        let latin1 = Encoding::for_label(b"latin1").unwrap();
        let r = read(
            b"id,n\n1,Pe\xF1a\n".to_vec(),
            Options {
                encoding: Some(latin1),
                ..Options::default()
            },
        );
        assert_eq!(r.rows[0].2[1], "Peña");
        assert!(r.rows[0].3.is_empty());
    }

    #[test]
    fn a_forced_delimiter_wins() {
        let r = read(
            b"a;b,c\n1;2,3\n".to_vec(),
            Options {
                delimiter: Some(b','),
                ..Options::default()
            },
        );
        assert_eq!(r.header, ["a;b", "c"]);
    }

    #[test]
    fn blank_and_all_empty_records_are_not_rows() {
        let r = read(b"\n\na;b\n;\n1;2\n  ;  \n3;4".to_vec(), Options::default());
        assert_eq!(r.header, ["a", "b"]);
        let pos: Vec<_> = r.rows.iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(pos, [(1, 5), (2, 7)]);
    }

    #[test]
    fn empty_input_has_no_header() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\r\n\r\n", b" , \n"] {
            let r = read(bytes.to_vec(), Options::default());
            assert!(r.header.is_empty() && r.rows.is_empty());
        }
    }

    #[test]
    fn for_each_sees_every_record_in_order_and_reports_the_final_encoding() {
        let mut bytes = b"id;x\n".to_vec();
        for i in 0..10_000 {
            bytes.extend(format!("{i};v\n").as_bytes());
        }
        bytes.extend(b"z;\xE9\n");
        let reader = Reader::new(std::io::Cursor::new(bytes), &Options::default()).unwrap();
        let mut seen = Vec::new();
        let reader = reader
            .for_each(|batch: &mut [(Record, ())]| {
                seen.extend(batch.iter().map(|(r, _)| (r.row(), r.line())))
            })
            .unwrap();
        assert_eq!(seen.len(), 10_001);
        assert!(seen
            .iter()
            .enumerate()
            .all(|(i, &(row, line))| row == i as u64 + 1 && line == i as u64 + 2));
        assert_eq!(reader.dialect().encoding, WINDOWS_1252);
    }

    /// Reads `bytes` with a record limit of `limit`: the header and rows, or where reading
    /// stopped.
    fn read_limited(bytes: Vec<u8>, limit: u64) -> Result<(Vec<String>, Vec<u64>), Oversize> {
        let options = Options {
            max_record_bytes: limit,
            ..Options::default()
        };
        let oversize = |e: std::io::Error| Oversize::of(&e).expect("an oversize error");
        let mut reader = Reader::new(std::io::Cursor::new(bytes), &options).map_err(oversize)?;
        let header = reader.header().map(|h| h.names.clone()).unwrap_or_default();
        let mut rows = Vec::new();
        let mut rec = Record::default();
        while reader.read(&mut rec).map_err(oversize)? {
            rows.push(rec.row());
        }
        Ok((header, rows))
    }

    #[test]
    fn a_header_exactly_at_the_limit_is_read_and_one_byte_more_is_oversize() {
        // One field: its bytes plus 8 for the field.
        let header = |n: usize| format!("{}\n1\n", "h".repeat(n)).into_bytes();
        let (names, rows) = read_limited(header(1016), 1024).unwrap();
        assert_eq!((names[0].len(), rows), (1016, vec![1]));
        assert_eq!(
            read_limited(header(1017), 1024),
            Err(Oversize {
                line: 1,
                row: None,
                limit: 1024
            })
        );
    }

    #[test]
    fn a_record_or_field_past_the_limit_is_oversize_with_its_row_and_line() {
        // Two fields: their bytes plus 16.
        let file = |n: usize| format!("id,x\n\n1,a\n2,{}\n3,c\n", "v".repeat(n)).into_bytes();
        assert_eq!(
            read_limited(file(1024 - 17), 1024).unwrap().1,
            vec![1, 2, 3]
        );
        assert_eq!(
            read_limited(file(1024 - 16), 1024),
            Err(Oversize {
                line: 4,
                row: Some(2),
                limit: 1024
            })
        );
        // Many empty fields cost their 8 bytes each: a line of commas is no way around it.
        let commas = format!("id\n1\n{}\n", ",".repeat(200)).into_bytes();
        assert_eq!(read_limited(commas, 1024).unwrap_err().row, Some(2));
    }

    #[test]
    fn a_quoted_field_spanning_lines_is_measured_whole_from_its_first_line() {
        let mut bytes = b"id;note\n1;ok\n2;\"".to_vec();
        for _ in 0..100 {
            bytes.extend(b"twenty bytes a line\n");
        }
        bytes.extend(b"\"\n3;after\n");
        assert_eq!(read_limited(bytes.clone(), 4096).unwrap().1, vec![1, 2, 3]);
        assert_eq!(
            read_limited(bytes, 1024),
            Err(Oversize {
                line: 3,
                row: Some(2),
                limit: 1024
            })
        );
    }

    #[test]
    fn a_transcoded_file_is_limited_too() {
        let text = format!("id\n{}\n", "x".repeat(5000));
        assert_eq!(
            read_limited(utf16(&text, true), 1024).unwrap_err().row,
            Some(1)
        );
    }

    #[test]
    fn batches_of_large_records_are_bounded_by_bytes_not_only_by_count() {
        let mut bytes = b"id,text\n".to_vec();
        for i in 0..40 {
            bytes.extend(format!("{i},{}\n", "y".repeat(900 << 10)).as_bytes());
            bytes.extend(format!("s{i},small\n").as_bytes());
        }
        let options = Options {
            max_record_bytes: 1 << 20,
            ..Options::default()
        };
        let reader = Reader::new(std::io::Cursor::new(bytes), &options).unwrap();
        let (mut rows, mut widest) = (0, 0);
        let reader = reader
            .for_each(|batch: &mut [(Record, ())]| {
                rows += batch.len();
                widest = widest.max(batch.len());
                for (record, _) in batch.iter() {
                    assert_eq!(record.len(), 2, "row {}", record.row());
                }
            })
            .unwrap();
        assert_eq!((rows, reader.rows()), (80, 80));
        // 4 MiB a batch: a few records of 900 KB, not 512.
        assert!(widest <= 10, "{widest} records in one batch");
    }

    /// A stream of NUL bytes that counts what was taken from it.
    struct Counted(std::io::Take<std::io::Repeat>, Arc<AtomicU64>);

    impl std::io::Read for Counted {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1.fetch_add(n as u64, Ordering::Relaxed);
            Ok(n)
        }
    }

    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    #[test]
    fn an_oversize_record_is_not_held_in_memory_and_reading_stops_there() {
        let taken = Arc::new(AtomicU64::new(0));
        let nuls = Counted(
            std::io::Read::take(std::io::repeat(0), 1 << 30),
            taken.clone(),
        );
        let options = Options {
            max_record_bytes: 1 << 20,
            ..Options::default()
        };
        let err = Reader::new(nuls, &options)
            .err()
            .expect("the header is too big");
        assert_eq!(
            Oversize::of(&err),
            Some(Oversize {
                line: 1,
                row: None,
                limit: 1 << 20
            })
        );
        // The limit, the sample and one input buffer: not the gigabyte offered.
        let read = taken.load(Ordering::Relaxed);
        assert!(read <= (1 << 20) + 3 * (64 << 10), "{read} bytes read");
        // A reader stopped by a big record stays stopped, in both ways of reading.
        let mut bytes = b"id,x\n1,a\n".to_vec();
        bytes.extend(vec![b'z'; 4000]);
        bytes.extend(b"\n3,c\n");
        let small = Options {
            max_record_bytes: 1024,
            ..Options::default()
        };
        let mut reader = Reader::new(std::io::Cursor::new(bytes.clone()), &small).unwrap();
        let mut rec = Record::default();
        assert!(reader.read(&mut rec).unwrap());
        for _ in 0..2 {
            let e = reader.read(&mut rec).unwrap_err();
            assert_eq!(Oversize::of(&e).unwrap().row, Some(2));
        }
        let reader = Reader::new(std::io::Cursor::new(bytes), &small).unwrap();
        let e = reader.for_each(|_: &mut [(Record, ())]| {}).err().unwrap();
        assert_eq!(Oversize::of(&e).unwrap().line, 3);
        // Other I/O errors are not taken for it.
        assert_eq!(Oversize::of(&std::io::Error::other("x")), None);
    }
}

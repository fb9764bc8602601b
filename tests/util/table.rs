//! Tables written as CSV text and encoded as an export may be: shared by the property tests
//! (tests/properties.rs) and the cut-file tests (tests/truncation.rs).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// An encoding an export may come in (with its byte order mark, for the BOM variants).
#[derive(Debug, Clone, Copy)]
pub enum Enc {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Cp1252,
}

impl Enc {
    /// The encoding a reader should detect for text in this encoding.
    pub fn encoding(self) -> &'static Encoding {
        match self {
            Enc::Utf8 | Enc::Utf8Bom => UTF_8,
            Enc::Utf16Le => UTF_16LE,
            Enc::Utf16Be => UTF_16BE,
            Enc::Cp1252 => WINDOWS_1252,
        }
    }

    /// `text` in this encoding, with its byte order mark (UTF-16, and UTF-8 with BOM).
    /// Text that Windows-1252 cannot hold fails the test.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Enc::Utf8 => text.as_bytes().to_vec(),
            Enc::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            Enc::Utf16Le => [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
            Enc::Utf16Be => [0xFE, 0xFF]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
            Enc::Cp1252 => {
                let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
                assert!(!unmappable);
                bytes.into_owned()
            }
        }
    }
}

/// `header` and `records` as the csv crate writes them, with `delimiter`, lines ended by
/// CRLF or LF.
pub fn write_csv(header: &[String], records: &[Vec<String>], delimiter: u8, crlf: bool) -> String {
    let term = if crlf {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(term)
        .from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in records {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

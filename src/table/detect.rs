//! Encoding and delimiter detection from the first bytes of a file.
//!
//! Encoding rules, in order (ripgrep's): a byte-order mark wins; then the configured label;
//! then, with no configuration, UTF-16 is recognised by its NUL bytes, bytes that are not
//! valid UTF-8 mean Windows-1252 (the usual Spanish Windows export), and anything else is
//! read as UTF-8 — which may still turn into Windows-1252 later in the file (see
//! [`super::reader`]).

use super::parse::{Parser, RawFields};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};

/// How far into a file NUL bytes make it binary ([`looks_like`]).
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// What a file that is not a table looks like, from its first bytes (`looks_like` of
/// `not-a-table`): said to people instead of a header of mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LooksLike {
    /// A PDF document (`%PDF-`).
    Pdf,
    /// A ZIP archive (`PK\x03\x04`) that is not a workbook (an `.xlsx` or `.ods` is one too,
    /// but is read as a table: see `table::workbook`).
    Zip,
    /// An old Office document (OLE2) that is not an Excel 97-2003 `.xls` workbook (which is
    /// read as a table).
    Office,
    /// A PNG, JPEG, GIF or WebP image.
    Image,
    /// A program (Windows `MZ`, Linux ELF, macOS Mach-O).
    Executable,
    /// A gzip-compressed file.
    Gzip,
    /// Other binary content: NUL bytes in its first 8 KB, and it is not UTF-16.
    Binary,
    /// A kind this version does not know (a report written by a newer sheetdrop).
    #[serde(other)]
    Other,
}

/// What the file whose first bytes are `sample` looks like when it is not a table: a known
/// signature at its start, or NUL bytes in its first 8 KB when it is not UTF-16 (by BOM, by
/// configuration — `configured` — or by its NUL pattern). `None` for text.
pub(crate) fn looks_like(
    sample: &[u8],
    configured: Option<&'static Encoding>,
) -> Option<LooksLike> {
    const SIGNATURES: [(&[u8], LooksLike); 16] = [
        (b"%PDF-", LooksLike::Pdf),
        (b"PK\x03\x04", LooksLike::Zip),
        (b"PK\x05\x06", LooksLike::Zip),
        (b"PK\x07\x08", LooksLike::Zip),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", LooksLike::Office),
        (b"\x89PNG\r\n\x1A\n", LooksLike::Image),
        (b"\xFF\xD8\xFF", LooksLike::Image),
        (b"GIF87a", LooksLike::Image),
        (b"GIF89a", LooksLike::Image),
        (b"\x7FELF", LooksLike::Executable),
        (b"\xCF\xFA\xED\xFE", LooksLike::Executable),
        (b"\xCE\xFA\xED\xFE", LooksLike::Executable),
        (b"\xFE\xED\xFA\xCF", LooksLike::Executable),
        (b"\xFE\xED\xFA\xCE", LooksLike::Executable),
        (b"\x1F\x8B", LooksLike::Gzip),
        (b"\x1F\x9D", LooksLike::Gzip),
    ];
    if let Some(&(_, kind)) = SIGNATURES
        .iter()
        .find(|(magic, _)| sample.starts_with(magic))
    {
        return Some(kind);
    }
    if sample.len() >= 12 && sample.starts_with(b"RIFF") && &sample[8..12] == b"WEBP" {
        return Some(LooksLike::Image);
    }
    let head = &sample[..sample.len().min(BINARY_SNIFF_BYTES)];
    if !head.contains(&0) {
        return None;
    }
    let utf16 = |enc: &'static Encoding| enc == UTF_16LE || enc == UTF_16BE;
    let text = match Encoding::for_bom(sample) {
        Some((enc, _)) => utf16(enc),
        None => configured.is_some_and(utf16) || utf16_without_bom(head).is_some(),
    };
    if text {
        return None;
    }
    // "MZ" may start a header ("MZONA;..."); with NULs after it, it is a Windows program.
    Some(if sample.starts_with(b"MZ") {
        LooksLike::Executable
    } else {
        LooksLike::Binary
    })
}

/// The delimiters tried when sniffing, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many records of the sample the sniffer looks at.
const SNIFF_RECORDS: usize = 100;

/// How the bytes of a file become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextPath {
    /// UTF-8 declared by a BOM or by configuration: invalid bytes are errors.
    Utf8,
    /// No BOM, no configuration: UTF-8 until proven otherwise, then Windows-1252.
    AutoUtf8,
    /// An ASCII-compatible single-byte encoding, decoded field by field.
    SingleByte(&'static Encoding),
    /// Anything else (UTF-16, multi-byte Asian encodings): transcoded to UTF-8 as a stream.
    Transcode(&'static Encoding),
}

impl TextPath {
    /// The encoding this path reads (UTF-8 for both UTF-8 paths).
    pub fn encoding(self) -> &'static Encoding {
        match self {
            TextPath::Utf8 | TextPath::AutoUtf8 => UTF_8,
            TextPath::SingleByte(e) | TextPath::Transcode(e) => e,
        }
    }
}

/// Chooses the text path from the first bytes of the file and the configured encoding.
/// Returns the path and the length of the BOM to skip (0 when the transcoder handles it).
pub(crate) fn text_path(sample: &[u8], configured: Option<&'static Encoding>) -> (TextPath, usize) {
    if let Some((enc, bom_len)) = Encoding::for_bom(sample) {
        return if enc == UTF_8 {
            (TextPath::Utf8, bom_len)
        } else {
            (TextPath::Transcode(enc), 0)
        };
    }
    if let Some(enc) = configured {
        return (path_for(enc), 0);
    }
    if let Some(enc) = utf16_without_bom(sample) {
        return (TextPath::Transcode(enc), 0);
    }
    match std::str::from_utf8(sample) {
        // Invalid UTF-8 after pure ASCII: Windows-1252. After real UTF-8 text the file is
        // UTF-8 with damaged bytes, which the reader reports as undecodable. A character cut
        // by the end of the sample (`error_len() == None`) is no evidence either way.
        Err(e) if e.error_len().is_some() && sample[..e.valid_up_to()].is_ascii() => {
            (TextPath::SingleByte(WINDOWS_1252), 0)
        }
        _ => (TextPath::AutoUtf8, 0),
    }
}

fn path_for(enc: &'static Encoding) -> TextPath {
    if enc == UTF_8 {
        TextPath::Utf8
    } else if enc.is_single_byte() {
        TextPath::SingleByte(enc)
    } else {
        TextPath::Transcode(enc)
    }
}

/// Recognises BOM-less UTF-16 by its NUL bytes: text that is mostly ASCII has a NUL in every
/// other byte.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Picks the delimiter that splits the sample's records into the same number of fields as
/// the header (two at least), quote-aware. `complete` says whether the sample is the whole
/// file; if not, its last record may be cut and is ignored. Falls back to `,`.
pub(crate) fn sniff_delimiter(sample: &[u8], complete: bool) -> u8 {
    let mut best = (b',', 0usize, 0usize); // (delimiter, consistent records, header width)
    for &d in &DELIMITERS {
        let counts = field_counts(sample, d, complete);
        let Some(&width) = counts.first() else {
            continue;
        };
        if width < 2 {
            continue;
        }
        // Share of records (per mille) with the header's width; then the wider split wins.
        let consistent = counts.iter().filter(|&&c| c == width).count() * 1000 / counts.len();
        if (consistent, width) > (best.1, best.2) {
            best = (d, consistent, width);
        }
    }
    best.0
}

/// The number of records in `sample` (its cut last record not counted unless `complete`).
pub(crate) fn count_records(sample: &[u8], delimiter: u8, complete: bool) -> usize {
    let mut parser = Parser::new(sample, delimiter);
    let mut fields = RawFields::default();
    let mut n = 0;
    while let Ok(Ok(Some(_))) = parser.read(&mut fields) {
        n += 1;
    }
    if complete {
        n
    } else {
        n.saturating_sub(1)
    }
}

fn field_counts(sample: &[u8], delimiter: u8, complete: bool) -> Vec<usize> {
    let mut parser = Parser::new(sample, delimiter);
    let mut fields = RawFields::default();
    let mut counts = Vec::new();
    while counts.len() <= SNIFF_RECORDS {
        match parser.read(&mut fields) {
            Ok(Ok(Some(_))) => {
                if !fields.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    counts.push(fields.len());
                }
            }
            _ => break,
        }
    }
    if !complete && counts.len() > 1 {
        counts.pop();
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_configuration() {
        assert_eq!(
            text_path(b"\xEF\xBB\xBFa;b", Some(WINDOWS_1252)),
            (TextPath::Utf8, 3)
        );
        assert_eq!(
            text_path(b"\xFF\xFEa\0", None).0,
            TextPath::Transcode(UTF_16LE)
        );
        assert_eq!(
            text_path(b"\xFE\xFF\0a", None).0,
            TextPath::Transcode(UTF_16BE)
        );
    }

    #[test]
    fn invalid_utf8_means_windows_1252_unless_configured() {
        assert_eq!(
            text_path(b"a;Pe\xF1a", None).0,
            TextPath::SingleByte(WINDOWS_1252)
        );
        // Real UTF-8 first, then a bad byte: UTF-8 with an undecodable cell.
        assert_eq!(
            text_path(&["ñ;Pe".as_bytes(), b"\xF1a"].concat(), None).0,
            TextPath::AutoUtf8
        );
        assert_eq!(text_path("a;Peña".as_bytes(), None).0, TextPath::AutoUtf8);
        assert_eq!(text_path(b"a;Pe\xF1a", Some(UTF_8)).0, TextPath::Utf8);
        // A character cut by the end of the sample is still UTF-8.
        assert_eq!(
            text_path(&"a;ñ".as_bytes()[..3], None).0,
            TextPath::AutoUtf8
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "id,nombre\n1,x\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = "id,nombre\n1,x\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(text_path(&le, None).0, TextPath::Transcode(UTF_16LE));
        assert_eq!(text_path(&be, None).0, TextPath::Transcode(UTF_16BE));
    }

    #[test]
    fn files_that_are_not_tables_are_told_by_their_first_bytes() {
        let cases: [(&[u8], LooksLike); 9] = [
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", LooksLike::Pdf),
            (
                b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml",
                LooksLike::Zip,
            ),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", LooksLike::Office),
            (b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", LooksLike::Image),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF", LooksLike::Image),
            (b"GIF89a\x01\0\x01\0", LooksLike::Image),
            (b"MZ\x90\0\x03\0\0\0\x04\0", LooksLike::Executable),
            (b"\x7FELF\x02\x01\x01\0", LooksLike::Executable),
            (b"\x1F\x8B\x08\0\0\0\0\0", LooksLike::Gzip),
        ];
        for (bytes, kind) in cases {
            assert_eq!(looks_like(bytes, None), Some(kind), "{bytes:?}");
        }
        assert_eq!(looks_like(&[0; 100_000], None), Some(LooksLike::Binary));
        let nul_late = [b"a;b\n1;2\n".repeat(2000), vec![0]].concat();
        assert_eq!(
            looks_like(&nul_late, None),
            None,
            "a NUL past 8 KB is a cell's problem"
        );
        assert_eq!(looks_like(b"a;b\n1;\0x\n", None), Some(LooksLike::Binary));
        // Text, in every form the reader takes, is not refused.
        assert_eq!(looks_like(b"MZONA;NOMBRE\n1;x\n", None), None);
        assert_eq!(looks_like(b"PKG;NOMBRE\n1;x\n", None), None);
        assert_eq!(looks_like("COD;Peña\n".as_bytes(), None), None);
        assert_eq!(looks_like(b"", None), None);
        let le: Vec<u8> = "id;nombre\n1;x\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = "id;nombre\n1;x\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(looks_like(&le, None), None);
        assert_eq!(looks_like(&be, None), None);
        assert_eq!(
            looks_like(&[b"\xFF\xFE".as_slice(), &le].concat(), None),
            None
        );
        // UTF-16 declared by configuration, its pattern broken by non-ASCII text.
        let cjk: Vec<u8> = "编号;名称\n1;x\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(looks_like(&cjk, Some(UTF_16LE)), None);
    }

    #[test]
    fn delimiters_are_sniffed_quote_aware() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3\n", true), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n", true), b'\t');
        assert_eq!(sniff_delimiter(b"a|b\n1|2\n", true), b'|');
        assert_eq!(sniff_delimiter(b"a,b\n\"1;2;3\",4\n", true), b',');
        assert_eq!(
            sniff_delimiter(b"id;desc\n1;\"x, y, z\"\n2;\"a,b\"\n", true),
            b';'
        );
        // One column: nothing to split, the default.
        assert_eq!(sniff_delimiter(b"id\n1\n", true), b',');
    }

    #[test]
    fn a_cut_last_record_does_not_sway_the_sniffer() {
        assert_eq!(sniff_delimiter(b"a;b\n1;2\n3;4\n5", false), b';');
    }
}

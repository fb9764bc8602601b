//! Property tests: what the csv crate writes, `table` reads back identically, in every
//! encoding and delimiter; and no byte string makes validation panic.

mod util;

use proptest::prelude::*;
use sheetdrop::config::Config;
use sheetdrop::table::{Options, Reader, Record};
use sheetdrop::validate::{check_file, Parent, Verdict};
use std::path::Path;
use util::table::{write_csv, Enc};

fn any_enc() -> impl Strategy<Value = Enc> {
    prop_oneof![
        Just(Enc::Utf8),
        Just(Enc::Utf8Bom),
        Just(Enc::Utf16Le),
        Just(Enc::Utf16Be),
        Just(Enc::Cp1252)
    ]
}

/// A table: a header of unique names and records of the same width, each with a non-blank
/// first cell (a record of blank cells is a blank line, not a row). `cell` is the alphabet.
fn any_table(cell: &'static str) -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..6).prop_flat_map(move |width| {
        let header = proptest::collection::btree_set("[A-Z][A-Z_0-9ÑÁ]{0,8}", width..=width)
            .prop_map(|names| names.into_iter().collect::<Vec<_>>());
        let record = (
            "[a-zA-Z0-9ñ][a-zA-Z0-9ñ]{0,6}",
            proptest::collection::vec(proptest::string::string_regex(cell).unwrap(), width - 1),
        )
            .prop_map(|(id, rest)| std::iter::once(id).chain(rest).collect::<Vec<_>>());
        (header, proptest::collection::vec(record, 0..20))
    })
}

fn read_back(bytes: Vec<u8>, options: Options) -> (Reader, Vec<Vec<String>>) {
    let mut reader = Reader::new(std::io::Cursor::new(bytes), &options).unwrap();
    let mut rows = Vec::new();
    let mut rec = Record::default();
    while reader.read(&mut rec).unwrap() {
        assert!(rec.undecodable().is_empty());
        rows.push(rec.fields().map(|f| f.into_owned()).collect());
    }
    (reader, rows)
}

/// Cells for Windows-1252 files: text whose non-ASCII letters cannot pass for UTF-8.
const CELL_1252: &str = "[ a-zA-Z0-9áéíóúñÑü,;|\t\"\r\n.-]{0,12}";
/// Cells for UTF files: anything but NUL, and but U+FFFD, which in a transcoded (UTF-16) file
/// is taken for the transcoder's mark of an undecodable byte.
const CELL_ANY: &str = "[^\u{0}\u{FFFD}]{0,12}";
/// Cells without any candidate delimiter, so that sniffing has one right answer.
const CELL_NO_DELIMS: &str = "[ a-zA-Z0-9áéíóúñÑü\"\r\n.-]{0,12}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn what_the_csv_crate_writes_reads_back_identically(
        enc in any_enc(),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
        crlf in any::<bool>(),
        (header, records) in any_table(CELL_ANY),
        (header_1252, records_1252) in any_table(CELL_1252),
    ) {
        let (header, records) = if matches!(enc, Enc::Cp1252) { (header_1252, records_1252) } else { (header, records) };
        let bytes = enc.encode(&write_csv(&header, &records, delimiter, crlf));
        let (reader, rows) = read_back(bytes, Options { delimiter: Some(delimiter), ..Options::default() });
        prop_assert_eq!(&reader.header().unwrap().names, &header);
        prop_assert_eq!(&rows, &records);
        let non_ascii = header.iter().chain(records.iter().flatten()).any(|s| !s.is_ascii());
        if non_ascii || !matches!(enc, Enc::Cp1252 | Enc::Utf8) {
            prop_assert_eq!(reader.dialect().encoding, enc.encoding());
        }
    }

    #[test]
    fn the_delimiter_and_encoding_are_detected(
        enc in any_enc(),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
        (header, records) in any_table(CELL_NO_DELIMS).prop_filter("two columns at least", |(h, _)| h.len() >= 2),
    ) {
        let bytes = enc.encode(&write_csv(&header, &records, delimiter, true));
        let (reader, rows) = read_back(bytes, Options::default());
        prop_assert_eq!(reader.dialect().delimiter, delimiter);
        prop_assert_eq!(&reader.header().unwrap().names, &header);
        prop_assert_eq!(rows, records);
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_always_give_a_report(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = "[[entity]]\nname = \"clientes\"\n[[entity]]\nname = \"ventas\"\nid = \"NRO\"\n\
                    refs = [{ column = \"CLI\", entity = \"clientes\", required = true }]\n";
        let config = Config::from_toml(text, Path::new("t.toml")).unwrap();
        let parents = sheetdrop::validate::IdIndex::new();
        for entity in config.catalog.entities() {
            let lookup = |_: &str| Parent::ids(&parents, "clientes.csv");
            let (report, _) = check_file(entity, &config.policy, "x.csv", (std::io::Cursor::new(bytes.clone()), Some(bytes.len() as u64)), &lookup).unwrap();
            prop_assert!(report.rows_accepted <= report.rows);
            prop_assert!(report.verdict != Verdict::Missing);
            let listed = report.issues.len() as u64;
            prop_assert!(listed <= report.counts.values().sum::<u64>());
        }
    }
}

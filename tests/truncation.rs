//! A cut export (issue 13, point 1): a file that ends inside a quoted field, or whose last
//! record has fewer fields than the header and no line break after it, is `truncated` and
//! rejected whole; the published data stays as it was.
//!
//! The property: every fixture, and generated files with quoted multi-line fields, CRLF,
//! BOMs and other encodings, cut at every byte offset (sampled offsets for the larger
//! fixtures) is either a file whose records are all whole (the cut fell at a record
//! boundary, or inside the last field of a record that has all its fields, which no byte
//! tells from a file without a final line break) or is reported `truncated` — never accepted
//! with a record cut short. (A quote never closed over lines shaped like whole records is
//! reported `stray-quote` instead, and rejected whole the same way: no byte tells the two
//! apart, and the stray quote is the likelier story.) Then the same through the binary:
//! `validate` and `run --once`.

mod util;

use proptest::prelude::*;
use sheetdrop::config::{Config, Entity, Policy};
use sheetdrop::table::{Ending, Options, Reader, Record};
use sheetdrop::validate::{check_file, Code, EntityReport, Parent, Unverified, Verdict};
use std::fs;
use std::path::{Path, PathBuf};
use util::table::{write_csv, Enc};
use util::Sandbox;

// ─────────────────────── the property: every cut is whole or truncated ───────────────────────

/// A file's records as read with a fixed dialect: the header's width and, per record, its
/// raw fields, how it ended, its row and line.
struct Read {
    header: Option<(usize, u64)>,
    records: Vec<Rec>,
}

#[derive(Debug, PartialEq)]
struct Rec {
    fields: Vec<Vec<u8>>,
    ending: Ending,
    row: u64,
    line: u64,
}

fn read(bytes: &[u8], options: &Options) -> Read {
    let mut reader = Reader::new(std::io::Cursor::new(bytes.to_vec()), options).unwrap();
    let header = reader.header().map(|h| (h.names.len(), h.line));
    let mut records = Vec::new();
    let mut rec = Record::default();
    while reader.read(&mut rec).unwrap() {
        records.push(Rec {
            fields: (0..rec.len())
                .map(|i| rec.raw_field(i).unwrap().to_vec())
                .collect(),
            ending: rec.ending(),
            row: rec.row(),
            line: rec.line(),
        });
    }
    Read { header, records }
}

/// One file to cut: an entity that reads it with the dialect detected on the whole file
/// (a cut must not change how it is read, only where it ends), and its whole records.
struct Subject {
    name: String,
    bytes: Vec<u8>,
    entity: Entity,
    policy: Policy,
    options: Options,
    whole: Read,
}

impl Subject {
    fn new(name: String, bytes: Vec<u8>) -> Subject {
        let reader = Reader::new(std::io::Cursor::new(bytes.clone()), &Options::default())
            .unwrap()
            .for_each(|_: &mut [(Record, ())]| {})
            .unwrap();
        let dialect = reader.dialect();
        // Every row may be left out: only `truncated` rejects the file.
        let config = Config::from_toml(
            "[policy]\nmax_invalid_rows = \"100%\"\n[[entity]]\nname = \"t\"\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let mut entity = config.catalog.get("t").unwrap().clone();
        entity.encoding = Some(dialect.encoding);
        entity.delimiter = Some(dialect.delimiter);
        let options = Options {
            encoding: entity.encoding,
            delimiter: entity.delimiter,
            ..Options::default()
        };
        let whole = read(&bytes, &options);
        Subject {
            name,
            bytes,
            entity,
            policy: config.policy,
            options,
            whole,
        }
    }

    fn check(&self, bytes: &[u8]) -> EntityReport {
        let input = std::io::Cursor::new(bytes.to_vec());
        let none = |_: &str| Parent::Unavailable(Unverified::Missing);
        check_file(&self.entity, &self.policy, "t.csv", (input, None), &none)
            .unwrap()
            .0
    }

    /// Checks the file cut after `len` bytes: whole records, or `truncated` (and then
    /// rejected whole, at the record the cut is in). Says whether it was `truncated`.
    fn cut_at(&self, len: usize) -> Result<bool, String> {
        let at = format!("{} cut at {len} of {}", self.name, self.bytes.len());
        let mut cut = read(&self.bytes[..len], &self.options);
        let report = self.check(&self.bytes[..len]);
        let mut truncated = report.counts.get(&Code::Truncated).copied().unwrap_or(0);
        // A quote never closed over lines shaped like whole records is said to be a stray
        // quote (issue 13, point 9), not a cut: the file is rejected whole all the same, at
        // the record the quote opens in.
        let mut code = Code::Truncated;
        if truncated == 0 {
            let open = |i: &&sheetdrop::validate::Issue| {
                i.code == Code::StrayQuote && i.facts.open_quote == Some(true)
            };
            truncated = report.issues.iter().filter(open).count() as u64;
            code = Code::StrayQuote;
        }
        let width = self.whole.header.map_or(0, |h| h.0);
        // Whether the first records of the cut file are the whole file's, the last one
        // possibly cut where no byte can tell.
        let whole = |records: &[Rec]| {
            records.iter().enumerate().all(|(i, r)| {
                self.whole.records.get(i).is_some_and(|original| {
                    r.fields == original.fields
                        || (i + 1 == records.len() && undetectable(r, original, width))
                })
            })
        };
        if truncated > 0 {
            if truncated != 1 || report.verdict != Verdict::Rejected || report.rows_accepted != 0 {
                return Err(format!(
                    "{at}: truncated, yet not rejected whole: {report:?}"
                ));
            }
            let issue = report.issues.iter().find(|i| {
                i.code == code && (code == Code::Truncated || i.facts.open_quote == Some(true))
            });
            let issue = issue.ok_or(format!("{at}: the truncated issue is not listed"))?;
            let expected = match cut.records.last() {
                Some(last) => (Some(last.row), Some(last.line)),
                None => (None, cut.header.map(|h| h.1)),
            };
            // A stray quote names the line it opens on, which may be a later line of its
            // record.
            let line = match (code, issue.line, expected.1) {
                (Code::StrayQuote, Some(line), Some(start)) if line >= start => expected.1,
                _ => issue.line,
            };
            if (issue.row, line) != expected {
                return Err(format!("{at}: {issue:?} is not at {expected:?}"));
            }
            // No false alarm: whole records, the last with its line break, are not cut.
            let last_ends_in_a_break = cut
                .records
                .last()
                .is_some_and(|r| r.ending == Ending::LineBreak);
            if whole(&cut.records) && last_ends_in_a_break {
                return Err(format!("{at}: whole records reported truncated"));
            }
            return Ok(true);
        }
        // A UTF-16 file cut inside the line break after its last record: the half of it
        // left is one U+FFFD on a line of its own, a row left out as undecodable.
        let left_out = |row: u64| !report.publishable() || report.left_out_rows.contains(&row);
        if let Some(last) = cut.records.last() {
            if cut.records.len() > self.whole.records.len()
                && last
                    .fields
                    .iter()
                    .all(|f| without_replacement(f).is_empty())
                && left_out(last.row)
            {
                cut.records.pop();
            }
        }
        if !whole(&cut.records) {
            return Err(format!(
                "{at}: a record is cut and not reported: {report:?}\n{:?}",
                cut.records.last()
            ));
        }
        if let Some(last) = cut.records.last() {
            if last.ending == Ending::InsideQuotes
                || (last.ending == Ending::EndOfFile && last.fields.len() < width)
            {
                return Err(format!("{at}: cut inside {last:?}, not reported"));
            }
        }
        Ok(false)
    }

    /// The offsets to cut at: all of them for a small file; for a larger one 200 spread
    /// over the file, the last 30, and the two at each of its first 60 quotes (where a
    /// quoted field opens or closes). Cutting is quadratic in the file's size: this keeps
    /// the test to seconds.
    fn offsets(&self) -> Vec<usize> {
        let len = self.bytes.len();
        if len <= 200 {
            return (0..=len).collect();
        }
        let spread = (0..200).map(|i| i * (len + 1) / 200 + i * 13 % 7);
        let quotes = memchr::memchr_iter(b'"', &self.bytes).take(60);
        let picked: std::collections::BTreeSet<usize> = spread
            .chain(len - 30..=len)
            .chain(quotes.flat_map(|q| [q, q + 1]))
            .filter(|&k| k <= len)
            .collect();
        picked.into_iter().collect()
    }
}

/// A record cut inside its last field, with all its fields and no line break: the bytes
/// cannot tell it from a whole record of a file without a final line break (the shrink guard
/// and the delta are the defence there). A transcoded (UTF-16) file cut inside a character
/// ends in U+FFFD.
fn undetectable(cut: &Rec, original: &Rec, width: usize) -> bool {
    let n = cut.fields.len();
    if cut.ending != Ending::EndOfFile || n < width || n > original.fields.len() || n == 0 {
        return false;
    }
    let last = without_replacement(&cut.fields[n - 1]);
    cut.fields[..n - 1] == original.fields[..n - 1] && original.fields[n - 1].starts_with(last)
}

/// `field` without the U+FFFD a transcoder puts for a character cut at the end of the file.
fn without_replacement(mut field: &[u8]) -> &[u8] {
    while let Some(shorter) = field.strip_suffix("\u{FFFD}".as_bytes()) {
        field = shorter;
    }
    field
}

/// Every CSV of `dir` and below.
fn csvs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            csvs(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_cut_at_every_offset_is_whole_or_truncated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    csvs(&root.join("tests/fixtures"), &mut files);
    csvs(&root.join("assets/sample"), &mut files);
    files.sort();
    assert!(files.len() > 50, "{} fixtures", files.len());
    let (mut cuts, mut truncated_somewhere) = (0, 0);
    for path in files {
        let name = path.strip_prefix(root).unwrap().display().to_string();
        let subject = Subject::new(name.clone(), fs::read(&path).unwrap());
        // The fixtures themselves are whole.
        let whole = subject.check(&subject.bytes);
        assert_eq!(whole.counts.get(&Code::Truncated), None, "{name}");
        let mut any = false;
        for len in subject.offsets() {
            any |= subject.cut_at(len).unwrap();
            cuts += 1;
        }
        truncated_somewhere += any as u32;
    }
    eprintln!("{cuts} cuts, {truncated_somewhere} files with a truncated cut");
    // The property is not vacuous: most files have a cut that is caught.
    assert!(cuts > 5_000, "{cuts} cuts");
    assert!(truncated_somewhere > 40, "{truncated_somewhere} files");
}

/// A table whose cells hold delimiters, quotes and line breaks (quoted multi-line fields);
/// each record's first cell is not blank, so no record is a blank line.
fn any_table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..5).prop_flat_map(|width| {
        let header = proptest::collection::btree_set("[A-Z]{1,6}", width..=width)
            .prop_map(|names| names.into_iter().collect::<Vec<_>>());
        let cell = "[ a-zñ0-9,;\"\r\n]{0,8}";
        let record = (
            "[a-z0-9][a-z0-9\"\n]{0,4}",
            proptest::collection::vec(cell, width - 1),
        )
            .prop_map(|(id, rest)| std::iter::once(id).chain(rest).collect::<Vec<_>>());
        (header, proptest::collection::vec(record, 0..8))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_generated_file_cut_at_every_offset_is_whole_or_truncated(
        enc in prop_oneof![Just(Enc::Utf8), Just(Enc::Utf8Bom), Just(Enc::Utf16Le), Just(Enc::Cp1252)],
        delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        crlf in any::<bool>(),
        final_break in any::<bool>(),
        (header, records) in any_table(),
    ) {
        let mut text = write_csv(&header, &records, delimiter, crlf);
        if !final_break {
            text.truncate(text.trim_end_matches(['\r', '\n']).len());
        }
        let subject = Subject::new(format!("{enc:?} {text:?}"), enc.encode(&text));
        prop_assert_eq!(subject.whole.records.len(), records.len(), "{}", subject.name);
        for len in 0..=subject.bytes.len() {
            if let Err(e) = subject.cut_at(len) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}

// ─────────────────────────────── through the binary ───────────────────────────────

const ENTITIES: &str = util::CLIENTES_VENTAS_ENTITIES;

const CLIENTES: &str = "COD_CLIENTE;NOMBRE\nC1;Ana\nC2;Beto\nC3;Carla\n";

/// A sales export with quoted multi-line notes: 6 rows on 10 lines.
const VENTAS: &str = "NRO_VENTA;COD_CLIENTE;NOTA\n\
    V1;C1;sin nota\n\
    V2;C2;\"entrega en dos partes:\nprimera el lunes\"\n\
    V3;C3;ok\n\
    V4;C1;\"llamar antes;\ntimbre roto\nsegundo piso\"\n\
    V5;C2;ok\n\
    V6;C3;ok\n";

/// `VENTAS` cut inside V4's quoted note (row 4, line 6): the exporter died there.
fn cut_in_quotes() -> &'static str {
    &VENTAS[..VENTAS.find("timbre").unwrap()]
}

/// `VENTAS` cut inside V6, an unquoted last record: `V6;C` (row 6, line 10).
fn cut_unquoted() -> &'static str {
    &VENTAS[..VENTAS.find("V6;C").unwrap() + 4]
}

/// `validate` of a folder holding `clientes.csv` and `ventas`: the JSON report.
fn validate_ventas(ventas: &str, expected_exit: i32) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sheetdrop.toml"), ENTITIES).unwrap();
    fs::write(dir.path().join("clientes.csv"), CLIENTES).unwrap();
    fs::write(dir.path().join("ventas.csv"), ventas).unwrap();
    util::validate_dir(dir.path(), expected_exit)
}

/// Asserts that `ventas` in `report` was rejected for one `truncated` issue at `row`/`line`.
fn assert_truncated_at(report: &serde_json::Value, row: u64, line: u64, open_quote: bool) {
    let ventas = util::entity(report, "ventas");
    assert_eq!(ventas["verdict"], "rejected", "{ventas:#}");
    assert_eq!(ventas["rows_accepted"], 0, "{ventas:#}");
    assert_eq!(
        ventas["counts"],
        serde_json::json!({"truncated": 1}),
        "{ventas:#}"
    );
    let issue = util::issue_at(ventas, "truncated", Some(row));
    assert_eq!(issue["line"], line, "{issue:#}");
    assert_eq!(issue["severity"], "error", "{issue:#}");
    assert_eq!(issue["open_quote"], open_quote, "{issue:#}");
    let message = issue["message"].as_str().unwrap();
    assert!(message.contains("export looks interrupted"), "{message}");
    assert!(message.contains("export it again"), "{message}");
    // clientes is untouched by its child's cut.
    assert_eq!(util::entity(report, "clientes")["verdict"], "accepted");
}

#[test]
fn validate_rejects_a_file_cut_inside_a_quoted_multi_line_field() {
    let whole = validate_ventas(VENTAS, 0);
    assert_eq!(util::entity(&whole, "ventas")["verdict"], "accepted");
    assert_eq!(util::entity(&whole, "ventas")["rows"], 6);
    let report = validate_ventas(cut_in_quotes(), 1);
    assert_truncated_at(&report, 4, 6, true);
}

#[test]
fn validate_rejects_a_file_cut_inside_an_unquoted_last_record() {
    let report = validate_ventas(cut_unquoted(), 1);
    assert_truncated_at(&report, 6, 10, false);
    let issue = util::issue_at(util::entity(&report, "ventas"), "truncated", Some(6));
    assert_eq!(
        (issue["fields"].as_u64(), issue["expected_fields"].as_u64()),
        (Some(2), Some(3))
    );
    // A whole last record without a final line break is no cut.
    let report = validate_ventas(VENTAS.trim_end(), 0);
    assert_eq!(util::entity(&report, "ventas")["verdict"], "accepted");
}

#[test]
fn run_once_keeps_the_good_export_published_when_a_cut_one_replaces_it() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    sandbox.write_old("clientes.csv", CLIENTES);
    sandbox.write_old("ventas.csv", VENTAS);
    sandbox
        .run_once()
        .assert_code(0, "run --once with whole files");
    let published = sandbox.published("ventas").expect("ventas published");
    let entry = sandbox.entry("ventas");
    assert_eq!(entry["rows"], 6, "{entry:#}");
    let published_at = sandbox.entity_status("ventas")["last_published_at"].clone();
    assert!(!published_at.is_null());

    for (cut, rows) in [(cut_in_quotes(), 4), (cut_unquoted(), 6)] {
        sandbox.write_old("ventas.csv", cut);
        sandbox
            .run_once()
            .assert_code(1, "run --once with a cut ventas.csv");
        // What the destination holds is the good export, as it was.
        assert_eq!(
            sandbox.published("ventas").as_deref(),
            Some(published.as_str())
        );
        assert_eq!(sandbox.entry("ventas"), entry);
        let status = sandbox.entity_status("ventas");
        assert_eq!(status["last_verdict"], "rejected", "{status:#}");
        assert_eq!(
            (status["rows"].as_u64(), status["rows_accepted"].as_u64()),
            (Some(rows), Some(0)),
            "{status:#}"
        );
        assert_eq!(status["counts"]["truncated"], 1, "{status:#}");
        assert_eq!(status["last_published_at"], published_at, "{status:#}");
        let text = sandbox.run(&["status"]);
        assert!(text.stdout.contains("ventas: Rejected"), "{}", text.stdout);
        assert!(
            text.stdout
                .contains("File cut short: the export looks interrupted"),
            "{}",
            text.stdout
        );
    }
}

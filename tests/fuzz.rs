//! Fuzzing, bounded so that it runs in every `cargo test` (a few seconds): the reader and the
//! checks over the repository's real exports mutated byte by byte (BOMs, quotes, NULs, line
//! breaks, cuts), under every declared encoding, delimiter and error policy; and the config
//! loader over the repository's real configs mutated line by line with TOML fragments and
//! extreme numbers, and over arbitrary text. Nothing may panic or loop; a config error names
//! a line wherever the TOML parser knows it. `tests/properties.rs` keeps its own property
//! (arbitrary bytes under one fixed config): these start from real files instead.
//!
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz` runs a longer campaign.

use proptest::prelude::*;
use proptest::sample::Index;
use sheetdrop::config::{self, Config};
use sheetdrop::i18n::Lang;
use sheetdrop::table::{Options, Reader, Record};
use sheetdrop::validate::{check_file, IdIndex, Parent};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `default` cases, or `PROPTEST_CASES`'s number for a longer run.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // A failure is shrunk, but not for minutes on a busy CI box.
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// The files under `dir` (recursively) whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, suffix, found);
        } else if path.to_string_lossy().ends_with(suffix) {
            found.push(path);
        }
    }
    found.sort();
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The exports in the repository: the fixtures' and the bundled sample's.
fn csv_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths = Vec::new();
        files(&repo("tests/fixtures"), ".csv", &mut paths);
        files(&repo("assets/sample"), ".csv", &mut paths);
        let seeds: Vec<Vec<u8>> = paths
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            // A 200 MB fixture would make each case slow; the small ones carry the shapes.
            .filter(|bytes| bytes.len() <= 64 * 1024)
            .collect();
        assert!(seeds.len() >= 10, "too few CSV seeds: {}", seeds.len());
        seeds
    })
}

/// The configs in the repository: the sample's, the package's and the fixtures'.
fn config_seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths = vec![
            repo("assets/sample/sheetdrop.toml"),
            repo("installer/linux/sheetdrop.toml"),
        ];
        files(&repo("tests/fixtures"), ".toml", &mut paths);
        let seeds: Vec<String> = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(seeds.len() >= 10, "too few config seeds: {}", seeds.len());
        seeds
    })
}

/// Byte strings a CSV reader finds hard.
const NASTY_BYTES: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b"\0",
    b"\r",
    b"\n",
    b"\r\n",
    b",",
    b";",
    b"\t",
    b"|",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\x1b[2J",
    b"\xC3",
    b"\xE2\x80",
    b"\xFF",
    b"=cmd|' /C calc'!A0",
    b"%PDF-1.4",
    b"PK\x03\x04",
];

/// One change to an export's bytes.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Repeat(Index, usize, usize),
    Cut(Index),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let nasty = prop::sample::select(NASTY_BYTES).prop_map(<[u8]>::to_vec);
    let random = proptest::collection::vec(any::<u8>(), 1..16);
    prop_oneof![
        3 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteEdit::Flip(i, b)),
        4 => (any::<Index>(), prop_oneof![3 => nasty, 1 => random]).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        2 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        1 => (any::<Index>(), 1usize..64, 1usize..20).prop_map(|(i, n, k)| ByteEdit::Repeat(i, n, k)),
        1 => any::<Index>().prop_map(ByteEdit::Cut),
    ]
}

fn apply_bytes(mut bytes: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for edit in edits {
        let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
        match edit {
            ByteEdit::Flip(i, b) if !bytes.is_empty() => {
                let i = i.index(bytes.len());
                bytes[i] = *b;
            }
            ByteEdit::Flip(..) => {}
            ByteEdit::Insert(i, b) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, b.iter().copied());
            }
            ByteEdit::Delete(i, n) => {
                let i = at(i, bytes.len());
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            ByteEdit::Repeat(i, n, k) => {
                let i = at(i, bytes.len());
                let end = (i + n).min(bytes.len());
                let piece = bytes[i..end].to_vec();
                for _ in 0..*k {
                    bytes.splice(end..end, piece.iter().copied());
                }
            }
            ByteEdit::Cut(i) => {
                let i = at(i, bytes.len());
                bytes.truncate(i);
            }
        }
    }
    bytes
}

/// The entity's declared reading and the policy, as config lines.
fn entity_config() -> impl Strategy<Value = String> {
    let encoding = prop::sample::select(vec![
        "",
        "auto",
        "utf-8",
        "utf-16le",
        "utf-16be",
        "windows-1252",
        "shift_jis",
        "gb18030",
    ]);
    let delimiter = prop::sample::select(vec!["", "auto", ",", ";", "\\t", "|"]);
    let policy = prop::sample::select(vec![
        "",
        "on_error = \"reject\"\n",
        "on_error = \"skip-rows\"\nmax_invalid_rows = \"100%\"\n",
        "max_invalid_rows = \"0\"\n",
        "max_invalid_rows = \"99.999%\"\n",
    ]);
    (encoding, delimiter, policy, any::<bool>()).prop_map(|(enc, delim, policy, refs)| {
        let mut text = format!("[policy]\n{policy}\n[[entity]]\nname = \"padres\"\nfile = \"padres.csv\"\n\n[[entity]]\nname = \"datos\"\nfile = \"datos.csv\"\n");
        if !enc.is_empty() {
            text += &format!("encoding = \"{enc}\"\n");
        }
        if !delim.is_empty() {
            text += &format!("delimiter = \"{delim}\"\n");
        }
        if refs {
            text += "refs = [{ column = \"COD_CLIENTE\", entity = \"padres\", required = true }]\n";
        }
        text
    })
}

/// Reads `bytes` to the end as `options` say; every record comes from at least one byte, so
/// more records than bytes would mean a reader that does not advance.
fn read_all(bytes: &[u8], options: &Options) {
    let Ok(mut reader) = Reader::new(std::io::Cursor::new(bytes.to_vec()), options) else {
        return;
    };
    let mut record = Record::default();
    let mut records = 0usize;
    while let Ok(true) = reader.read(&mut record) {
        records += 1;
        assert!(records <= bytes.len() + 1, "the reader does not advance");
        let _ = record.fields().count();
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_real_exports_are_read_and_checked_without_panic(
        seed in any::<Index>(),
        edits in proptest::collection::vec(byte_edit(), 0..12),
        entity_text in entity_config(),
    ) {
        let seeds = csv_seeds();
        let bytes = apply_bytes(seeds[seed.index(seeds.len())].clone(), &edits);
        let config = Config::from_toml(&entity_text, Path::new("fuzz.toml")).unwrap();
        let entity = config.catalog.get("datos").unwrap();
        read_all(&bytes, &Options { encoding: entity.encoding, delimiter: entity.delimiter, ..Options::default() });
        let parents = IdIndex::new();
        let lookup = |_: &str| Parent::ids(&parents, "padres.csv");
        let input = (std::io::Cursor::new(bytes.clone()), Some(bytes.len() as u64));
        let (report, _) = check_file(entity, &config.policy, "datos.csv", input, &lookup).unwrap();
        prop_assert!(report.rows_accepted <= report.rows);
        // Every report renders, in every language.
        for lang in Lang::ALL {
            let text = sheetdrop::report::to_text(&sheetdrop::validate::Report::new(vec![report.clone()]), "x", lang);
            prop_assert!(!text.is_empty());
        }
    }
}

/// TOML fragments, many with numbers at or past the edge of their type.
const FRAGMENTS: &[&str] = &[
    "[source]",
    "[policy]",
    "[destination]",
    "[destination.google]",
    "[[entity]]",
    "language = \"xx\"",
    "settle_seconds = 9223372036854775807",
    "settle_seconds = -9223372036854775808",
    "settle_seconds = 18446744073709551616",
    "rescan_seconds = 0",
    "rescan_seconds = 1e308",
    "writes_per_minute = 0",
    "writes_per_minute = 4294967296",
    "max_invalid_rows = \"1e400%\"",
    "max_invalid_rows = \"-1\"",
    "max_invalid_rows = \"18446744073709551616\"",
    "shrink_guard = \"-5%\"",
    "shrink_guard = \"NaN%\"",
    "shrink_guard = \"inf\"",
    "max_record_bytes = \"99999999999999TiB\"",
    "max_record_bytes = 0",
    "max_age = \"9999999999999999999h\"",
    "max_age = \"-1s\"",
    "name = \"../../escape\"",
    "name = \"\"",
    "name = \"\u{0}\u{1b}[31m\"",
    "file = \"*\"",
    "file = \"[\"",
    "file = \"**/../*.csv\"",
    "id = \"\"",
    "refs = [{ column = \"A\", entity = \"a\" }]",
    "refs = [{ column = \"A\", entity = \"clientes\", required = 1 }]",
    "columns = { A = { format = \"cuit\", unique = true } }",
    "kind = \"google\"",
    "kind = \"nope\"",
    "folder = \"\"",
    "catalog = \"datapackage.json\"",
    "x = 1e-320",
    "x = inf",
    "x = nan",
    "x = 0x7fffffffffffffff",
    "x = 0o777",
    "x = 1979-05-27T07:32:00Z",
    "x = [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
    "x = \"\"\"",
    "x = '''",
    "x = { a = { b = { c = {} } } }",
    "= 1",
    "[",
    "[[",
    "\"",
    "\\",
    "\u{FEFF}",
];

/// Numbers put in place of a config's own.
const EXTREME_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999",
    "1e308",
    "-1e308",
    "1e-320",
    "inf",
    "nan",
    "0.5",
    "0x10",
    "\"1%\"",
    "\"100000000000000000000%\"",
    "\"\"",
];

/// One change to a config's text.
#[derive(Debug, Clone)]
enum TextEdit {
    InsertLine(Index, &'static str),
    DeleteLine(Index),
    RepeatLine(Index),
    SwapLines(Index, Index),
    /// The `n`th number of the text replaced by an extreme one.
    Number(Index, &'static str),
    InsertChar(Index, char),
    Cut(Index),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        4 => (any::<Index>(), prop::sample::select(FRAGMENTS)).prop_map(|(i, f)| TextEdit::InsertLine(i, f)),
        2 => any::<Index>().prop_map(TextEdit::DeleteLine),
        1 => any::<Index>().prop_map(TextEdit::RepeatLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TextEdit::SwapLines(a, b)),
        4 => (any::<Index>(), prop::sample::select(EXTREME_NUMBERS)).prop_map(|(i, n)| TextEdit::Number(i, n)),
        2 => (any::<Index>(), any::<char>()).prop_map(|(i, c)| TextEdit::InsertChar(i, c)),
        1 => any::<Index>().prop_map(TextEdit::Cut),
    ]
}

/// The byte ranges of the decimal numbers in `text`.
fn numbers(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn apply_text(text: &str, edits: &[TextEdit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut text;
    for edit in edits {
        let n = lines.len();
        match edit {
            TextEdit::InsertLine(i, fragment) => lines.insert(i.index(n + 1), fragment.to_string()),
            TextEdit::DeleteLine(i) if n > 0 => {
                lines.remove(i.index(n));
            }
            TextEdit::RepeatLine(i) if n > 0 => {
                let line = lines[i.index(n)].clone();
                lines.insert(i.index(n), line);
            }
            TextEdit::SwapLines(a, b) if n > 0 => lines.swap(a.index(n), b.index(n)),
            TextEdit::Number(i, number) => {
                text = lines.join("\n");
                let found = numbers(&text);
                if !found.is_empty() {
                    text.replace_range(found[i.index(found.len())].clone(), number);
                }
                lines = text.lines().map(str::to_string).collect();
            }
            TextEdit::InsertChar(i, c) => {
                text = lines.join("\n");
                let bounds: Vec<usize> = text
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain([text.len()])
                    .collect();
                text.insert(bounds[i.index(bounds.len())], *c);
                lines = text.lines().map(str::to_string).collect();
            }
            TextEdit::Cut(i) => {
                text = lines.join("\n");
                let bounds: Vec<usize> = text
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain([text.len()])
                    .collect();
                text.truncate(bounds[i.index(bounds.len())]);
                lines = text.lines().map(str::to_string).collect();
            }
            _ => {}
        }
    }
    lines.join("\n") + "\n"
}

/// Loads `text` as a config; whatever the outcome, nothing panics, an error's line is one
/// of the text's, a TOML syntax error has its line, every error renders in every language,
/// and a config that loads checks a small export.
fn load_and_use(text: &str) -> Result<(), TestCaseError> {
    // A path in a folder that does not exist: a `catalog` named by the text cannot be read.
    let path = Path::new("/nonexistent-sheetdrop-fuzz/sheetdrop.toml");
    let lines = text.lines().count().max(1);
    match Config::from_toml(text, path) {
        Ok(config) => {
            let csv = b"COD_CLIENTE;NOMBRE\n1;Ana\n2;Luis\n1;Eva\n".to_vec();
            let parents = IdIndex::new();
            let lookup = |_: &str| Parent::ids(&parents, "p.csv");
            for entity in config.catalog.entities().iter().take(4) {
                let input = (std::io::Cursor::new(csv.clone()), Some(csv.len() as u64));
                check_file(entity, &config.policy, "x.csv", input, &lookup).unwrap();
            }
        }
        Err(error) => {
            let line = match &error {
                config::Error::Syntax { line, .. } | config::Error::Invalid { line, .. } => *line,
                _ => None,
            };
            if let Some(line) = line {
                prop_assert!(
                    (1..=lines + 1).contains(&line),
                    "line {line} of {lines}: {error}"
                );
            }
            if text.parse::<toml::Table>().is_err() {
                prop_assert!(
                    line.is_some(),
                    "a TOML syntax error without its line: {error}"
                );
            }
            for lang in Lang::ALL {
                prop_assert!(!error.message(lang).is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn mutated_real_configs_load_or_say_where_without_panic(
        seed in any::<Index>(),
        edits in proptest::collection::vec(text_edit(), 1..8),
    ) {
        let seeds = config_seeds();
        let text = apply_text(&seeds[seed.index(seeds.len())], &edits);
        load_and_use(&text)?;
    }

    #[test]
    fn toml_shaped_text_loads_or_says_where_without_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                3 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
                2 => ("[a-z_]{1,16}", prop::sample::select(EXTREME_NUMBERS)).prop_map(|(k, v)| format!("{k} = {v}")),
                1 => any::<String>(),
            ],
            0..12,
        ),
    ) {
        load_and_use(&lines.join("\n"))?;
    }
}

#[test]
fn the_seeds_themselves_load_or_say_where() {
    for text in config_seeds() {
        load_and_use(text).unwrap();
    }
}

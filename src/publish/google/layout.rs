//! The pure part of the Sheets side: tab names and A1 ranges as they go into a URL, how many
//! rows go into one `values.update` request, and Sheets' limits. No I/O here.

use crate::i18n::{Message, Text};
use std::fmt::Write as _;

/// Suffix of the tab a snapshot is written into before it replaces the entity's tab.
pub(super) const STAGING_SUFFIX: &str = "__staging";

/// The tab describing what each entity's tab holds.
pub(super) const MANIFEST_TAB: &str = "_manifest";

/// The `_manifest` tab's header row.
pub(super) const MANIFEST_HEADER: [&str; 10] = [
    "entity",
    "rows",
    "columns",
    "sha256",
    "source_file",
    "verdict",
    "published_at",
    "agent_version",
    "host",
    "delta",
];

/// Sheets' ceiling on the cells of one spreadsheet, all tabs together.
pub(super) const MAX_CELLS: u64 = 10_000_000;

/// Sheets' ceiling on the characters of one cell.
pub(super) const MAX_CELL_CHARS: usize = 50_000;

/// Longest tab title Sheets accepts.
const MAX_TITLE_CHARS: usize = 100;

/// The JSON payload one `values.update` request aims at.
pub(super) const TARGET_REQUEST_BYTES: usize = 2_000_000;

/// The JSON payload no request may go above (Google refuses bigger bodies).
pub(super) const MAX_REQUEST_BYTES: usize = 10 << 20;

/// The staging tab of `entity`.
pub(super) fn staging_tab(entity: &str) -> String {
    format!("{entity}{STAGING_SUFFIX}")
}

/// Checks that `entity` can be a tab title, with its staging suffix; says why not.
pub(super) fn check_tab_name(entity: &str) -> Result<(), Message> {
    let named = |key| Message::new(key).with("entity", format!("{entity:?}"));
    if entity.trim().is_empty() {
        return Err(Message::new(Text::GoogleTabEmpty));
    }
    if entity == MANIFEST_TAB || entity.ends_with(STAGING_SUFFIX) {
        return Err(named(Text::GoogleTabReserved)
            .with("manifest", MANIFEST_TAB)
            .with("suffix", STAGING_SUFFIX));
    }
    if entity.chars().any(char::is_control) {
        return Err(named(Text::GoogleTabControl));
    }
    let chars = entity.chars().count() + STAGING_SUFFIX.len();
    if chars > MAX_TITLE_CHARS {
        let max = (MAX_TITLE_CHARS - STAGING_SUFFIX.len()) as u64;
        return Err(named(Text::GoogleTabTooLong).with_number("max", max));
    }
    Ok(())
}

/// `tab` quoted for A1 notation: `'it''s'`.
pub(super) fn quote_tab(tab: &str) -> String {
    format!("'{}'", tab.replace('\'', "''"))
}

/// The column letters of 0-based column `index`: 0 → A, 25 → Z, 26 → AA.
pub(super) fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The A1 range of rows `first..=last` (1-based) and columns `0..columns` of `tab`.
pub(super) fn a1_range(tab: &str, first: u64, last: u64, columns: usize) -> String {
    format!(
        "{}!A{first}:{}{last}",
        quote_tab(tab),
        column_letters(columns.max(1) - 1)
    )
}

/// `s` percent-encoded for a URL path segment: everything but `A-Z a-z 0-9 - . _ ~`. The
/// client crates put the range into the path as given, so a tab name with `#`, `?`, `/` or
/// `%` would otherwise break the URL.
pub(super) fn encode_path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The length of `s` as a JSON string, quotes included (serde_json's escaping).
pub(super) fn json_string_len(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// The length of one row as a JSON array of strings, with the comma that separates it
/// from the next.
pub(super) fn json_row_len<S: AsRef<str>>(cells: &[S]) -> usize {
    let cells_len: usize = cells.iter().map(|c| json_string_len(c.as_ref())).sum();
    2 + cells_len + cells.len().saturating_sub(1) + 1
}

/// Groups rows into requests: call [`Batcher::push`] with each row's JSON length; it says
/// when the rows gathered so far must be sent first.
#[derive(Debug, Clone)]
pub(super) struct Batcher {
    target: usize,
    bytes: usize,
    rows: usize,
}

impl Batcher {
    /// Requests of about `target` bytes of JSON each.
    pub(super) fn new(target: usize) -> Batcher {
        Batcher {
            target,
            bytes: 0,
            rows: 0,
        }
    }

    /// Adds a row of `len` bytes; returns true when the rows gathered before it must go out
    /// first (it starts the next request).
    pub(super) fn push(&mut self, len: usize) -> bool {
        let flush = self.rows > 0 && self.bytes + len > self.target;
        if flush {
            self.bytes = 0;
            self.rows = 0;
        }
        self.bytes += len;
        self.rows += 1;
        flush
    }
}

/// What the snapshot's first pass found: its size and its longest cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Shape {
    /// Data rows (header not counted).
    pub rows: u64,
    /// Columns (the widest of the header and the rows).
    pub columns: usize,
    /// Cells longer than [`MAX_CELL_CHARS`].
    pub long_cells: u64,
    /// The first of them: the source's data row (0 for the header), column name, length.
    pub first_long: Option<(u64, String, usize)>,
    /// The longest row as JSON, bytes.
    pub widest_row_json: usize,
}

impl Shape {
    /// The cells the new tab takes: the header row plus the data rows, full width.
    pub(super) fn cells(&self) -> u64 {
        (self.rows + 1) * self.columns.max(1) as u64
    }
}

/// Why a snapshot does not fit in Sheets, for the status: names the limit and by how much.
pub(super) fn check_limits(entity: &str, shape: &Shape, other_cells: u64) -> Result<(), Message> {
    if let Some((row, column, len)) = &shape.first_long {
        let place = if *row == 0 {
            Message::new(Text::GoogleHeaderColumn).with("column", format!("{column:?}"))
        } else {
            Message::new(Text::GoogleRowColumn)
                .with_number("row", *row)
                .with("column", format!("{column:?}"))
        };
        return Err(Message::new(Text::GoogleCellTooLong)
            .with("entity", entity)
            .with_number("cells", shape.long_cells)
            .with_number("max", MAX_CELL_CHARS as u64)
            .with_message("place", place)
            .with_number("len", *len as u64)
            .with_number("over", (*len - MAX_CELL_CHARS) as u64));
    }
    let total = other_cells + shape.cells();
    if total > MAX_CELLS {
        return Err(Message::new(Text::GoogleTooManyCells)
            .with("entity", entity)
            .with_number("cells", shape.cells())
            .with_number("rows", shape.rows + 1)
            .with_number("columns", shape.columns as u64)
            .with_number("other", other_cells)
            .with_number("total", total)
            .with_number("over", total - MAX_CELLS)
            .with_number("max", MAX_CELLS));
    }
    if shape.widest_row_json > MAX_REQUEST_BYTES {
        return Err(Message::new(Text::GoogleRowTooBig)
            .with("entity", entity)
            .with_number("bytes", shape.widest_row_json as u64)
            .with_number("max", MAX_REQUEST_BYTES as u64));
    }
    Ok(())
}

/// The `_manifest` rows after `row` replaced (or joined) its entity's: header first, then one
/// row per entity sorted by name. Rows read back may be ragged or short: they are padded.
pub(super) fn merge_manifest(existing: &[Vec<String>], row: Vec<String>) -> Vec<Vec<String>> {
    let width = MANIFEST_HEADER.len();
    let mut rows: Vec<Vec<String>> = existing
        .iter()
        .skip(1)
        .filter(|r| r.first().is_some_and(|e| !e.is_empty() && *e != row[0]))
        .map(|r| {
            let mut r = r.clone();
            r.resize(width, String::new());
            r
        })
        .collect();
    rows.push(row);
    rows.sort_by(|a, b| a[0].cmp(&b[0]));
    let mut out = vec![MANIFEST_HEADER.iter().map(|s| s.to_string()).collect()];
    out.extend(rows);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_names_are_quoted_and_percent_encoded() {
        assert_eq!(quote_tab("ventas"), "'ventas'");
        assert_eq!(quote_tab("it's"), "'it''s'");
        let range = a1_range("a#b?c/d%e f'g", 1, 10, 3);
        assert_eq!(range, "'a#b?c/d%e f''g'!A1:C10");
        let encoded = encode_path_segment(&range);
        assert_eq!(encoded, "%27a%23b%3Fc%2Fd%25e%20f%27%27g%27%21A1%3AC10");
        assert!(encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"%-._~".contains(&b)));
        assert_eq!(encode_path_segment("peña"), "pe%C3%B1a");
    }

    #[test]
    fn column_letters_follow_sheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(51), "AZ");
        assert_eq!(column_letters(52), "BA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(18_277), "ZZZ");
        assert_eq!(a1_range("t", 5, 9, 0), "'t'!A5:A9");
    }

    #[test]
    fn entity_names_sheets_cannot_hold_are_refused() {
        assert!(check_tab_name("ventas").is_ok());
        assert!(check_tab_name("a/b#c").is_ok());
        assert!(check_tab_name("").is_err());
        assert!(check_tab_name("_manifest").is_err());
        assert!(check_tab_name("x__staging").is_err());
        assert!(check_tab_name("a\tb").is_err());
        assert!(check_tab_name(&"x".repeat(91)).is_ok());
        assert!(check_tab_name(&"x".repeat(92)).is_err());
    }

    #[test]
    fn json_lengths_match_serde_json() {
        for s in [
            "",
            "abc",
            "a\"b\\c",
            "l1\nl2\r\t",
            "\u{1}\u{1f}",
            "peña €",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(
                json_string_len(s),
                serde_json::to_string(s).unwrap().len(),
                "{s:?}"
            );
        }
        let row = vec!["a".to_string(), "".into(), "x\"y".into()];
        // `["a","","x\"y"]` plus the separating comma.
        assert_eq!(
            json_row_len(&row),
            serde_json::to_string(&row).unwrap().len() + 1
        );
    }

    #[test]
    fn requests_stay_near_the_target_size() {
        // 10,000 rows of 1,000 bytes in requests of ~2 MB: 5 requests of 2,000 rows.
        let mut b = Batcher::new(TARGET_REQUEST_BYTES);
        let mut sizes = vec![0usize];
        for _ in 0..10_000 {
            if b.push(1_000) {
                sizes.push(0);
            }
            *sizes.last_mut().unwrap() += 1_000;
        }
        assert_eq!(sizes, vec![2_000_000; 5]);
        // A row bigger than the target goes alone, never with others.
        let mut b = Batcher::new(100);
        assert!(!b.push(10));
        assert!(b.push(500));
        assert!(b.push(10));
        assert!(!b.push(10));
    }

    #[test]
    fn limits_say_why_and_by_how_much() {
        let fits = Shape {
            rows: 999_999,
            columns: 10,
            ..Shape::default()
        };
        assert_eq!(fits.cells(), 10_000_000);
        assert!(check_limits("clientes", &fits, 0).is_ok());
        let err = check_limits("clientes", &fits, 50).unwrap_err().to_string();
        assert!(err.contains("10,000,050"), "{err}");
        assert!(err.contains("50 over"), "{err}");
        assert!(err.contains("raw file is in Drive"), "{err}");
        let long = Shape {
            rows: 3,
            columns: 2,
            long_cells: 2,
            first_long: Some((2, "NOTAS".into(), 50_007)),
            ..Shape::default()
        };
        let err = check_limits("ventas", &long, 0).unwrap_err();
        let spanish = err.render(crate::i18n::Lang::Es);
        assert!(
            spanish.contains("50.007 caracteres (7 de más)"),
            "{spanish}"
        );
        let err = err.to_string();
        assert!(err.contains("row 2, column \"NOTAS\""), "{err}");
        assert!(err.contains("50,007 characters (7 over)"), "{err}");
        let wide = Shape {
            rows: 1,
            columns: 1,
            widest_row_json: MAX_REQUEST_BYTES + 1,
            ..Shape::default()
        };
        assert!(check_limits("x", &wide, 0).is_err());
    }

    #[test]
    fn the_manifest_keeps_one_sorted_row_per_entity() {
        let row = |e: &str, sha: &str| {
            let mut r = vec![e.to_string(), "1".into(), "2".into(), sha.to_string()];
            r.resize(MANIFEST_HEADER.len(), String::new());
            r
        };
        let merged = merge_manifest(&[], row("ventas", "a"));
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0][0], "entity");
        let merged = merge_manifest(&merged, row("clientes", "b"));
        let merged = merge_manifest(&merged, row("ventas", "c"));
        let names: Vec<_> = merged
            .iter()
            .map(|r| (r[0].as_str(), r[3].as_str()))
            .collect();
        assert_eq!(
            names,
            [("entity", "sha256"), ("clientes", "b"), ("ventas", "c")]
        );
        // A short row read back is padded to the header's width.
        let short = vec![
            MANIFEST_HEADER.iter().map(|s| s.to_string()).collect(),
            vec!["sucursales".to_string()],
        ];
        let merged = merge_manifest(&short, row("ventas", "d"));
        assert!(merged.iter().all(|r| r.len() == MANIFEST_HEADER.len()));
    }
}

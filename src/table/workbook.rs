//! Workbooks read as tables: Excel `.xlsx`/`.xlsm` (Office Open XML), Excel 97-2003 `.xls`
//! (BIFF in an OLE2 container) and OpenDocument `.ods`, with `calamine`.
//!
//! A workbook is told by its content, never by its name: a ZIP archive holding
//! `xl/workbook.xml` (Excel) or whose `mimetype` says OpenDocument spreadsheet, or an OLE2
//! container that calamine reads as an Excel 97-2003 workbook. Any other ZIP or OLE2 file is
//! not a workbook (the caller then refuses it as `not-a-table`).
//!
//! One sheet (the configured one, else the first) becomes rows of text: each cell as the
//! text a person sees ([`cell_text`]), columns from the leftmost to the rightmost used one,
//! blank rows skipped, each row numbered as the sheet numbers it. Memory is bounded: the
//! file, the sizes its ZIP directory declares once uncompressed, and the text of the sheet
//! may each take at most [`limit`] bytes (16 × `[policy] max_record_bytes`); past it the
//! workbook is refused ([`WorkbookError::TooBig`]) before calamine loads it.

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime, Reader as _};
use std::io::{self, Cursor, Read};

/// What one cell costs beside its text, as the limit counts it (its place and flag).
const CELL_COST: u64 = 32;

/// A workbook's (or its sheet's) size limit for a record limit of `max_record_bytes`.
pub(crate) fn limit(max_record_bytes: u64) -> u64 {
    max_record_bytes.saturating_mul(16)
}

/// Why a workbook cannot be read as a table. Travels inside an `io::Error` (kind
/// `InvalidData`); [`WorkbookError::of`] finds it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkbookError {
    /// The configured sheet is not in the workbook.
    #[error("the workbook has no sheet \"{sheet}\"; its sheets are: {}", .sheets.join(", "))]
    MissingSheet {
        /// The sheet configured (`[[entity]] sheet`).
        sheet: String,
        /// The sheets the workbook has, in order.
        sheets: Vec<String>,
    },
    /// The workbook would take more memory than allowed.
    #[error(
        "the workbook takes more than {limit} bytes once uncompressed (16 times [policy] \
         max_record_bytes): it is not read; export it as CSV, or raise the limit"
    )]
    TooBig {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The workbook's start without its end: a cut copy or export.
    #[error(
        "the workbook is cut short (its ZIP directory, at the end, is missing): the copy or the \
         export was interrupted; save or copy it again"
    )]
    Cut,
    /// The workbook is damaged, or in a form calamine cannot read (calamine's reason).
    #[error("the workbook cannot be read: {0}")]
    Damaged(String),
}

impl WorkbookError {
    /// The workbook error an I/O error from a `Reader` stands for, if that is what it is.
    pub fn of(error: &io::Error) -> Option<&WorkbookError> {
        error.get_ref()?.downcast_ref::<WorkbookError>()
    }
}

impl From<WorkbookError> for io::Error {
    fn from(e: WorkbookError) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, e)
    }
}

/// One used cell of a sheet row: its 0-based column, its text, and whether it is an error.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    column: u32,
    text: String,
    error: bool,
}

/// One row of a sheet holding at least one non-blank cell.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    /// The row's number as the sheet shows it (1-based).
    number: u32,
    /// Its used cells, by column.
    cells: Vec<Cell>,
}

/// A sheet read as rows of text, handed out one row at a time ([`Sheet::next_row`]).
#[derive(Debug)]
pub(crate) struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// The 0-based column of the leftmost used cell (the first field of every row).
    pub first_column: u32,
    /// Fields per row: the leftmost to the rightmost used column.
    width: u32,
    rows: std::vec::IntoIter<Row>,
}

/// One row as fields: `(sheet row number, texts, indices of error cells)`.
pub(crate) type SheetRow = (u32, Vec<String>, Vec<usize>);

impl Sheet {
    /// A sheet with no row (what is left after an oversize row).
    pub fn empty() -> Sheet {
        Sheet {
            name: String::new(),
            first_column: 0,
            width: 0,
            rows: Vec::new().into_iter(),
        }
    }

    /// The next non-blank row, with a field for every column of the sheet's used range.
    pub fn next_row(&mut self) -> Option<SheetRow> {
        let row = self.rows.next()?;
        let mut fields = vec![String::new(); self.width as usize];
        let mut errors = Vec::new();
        for cell in row.cells {
            let i = (cell.column - self.first_column) as usize;
            if cell.error {
                errors.push(i);
            }
            fields[i] = cell.text;
        }
        errors.sort_unstable();
        Some((row.number, fields, errors))
    }
}

/// Whether a file starting with `sample` may be a workbook: a ZIP archive or an OLE2
/// container (then the whole file is needed to tell).
pub(crate) fn may_be(sample: &[u8]) -> bool {
    sample.starts_with(b"PK\x03\x04") || sample.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Whether a file too big to be read whole starts like a workbook: a ZIP archive whose first
/// entry is one that Excel or OpenDocument writes first.
pub(crate) fn starts_like_one(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") || bytes.len() < 30 {
        return false;
    }
    let name_len = usize::from(u16::from_le_bytes([bytes[26], bytes[27]]));
    let Some(name) = bytes.get(30..30 + name_len) else {
        return false;
    };
    [
        b"[Content_Types].xml".as_slice(),
        b"xl/",
        b"_rels/",
        b"docProps/",
    ]
    .iter()
    .any(|start| name.starts_with(start))
        || (name == b"mimetype"
            && memchr::memmem::find(&bytes[..bytes.len().min(200)], b"opendocument.spreadsheet")
                .is_some())
}

/// The workbook formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Xls,
}

/// Reads the sheet `sheet` (else the first) of the workbook whose bytes are `bytes`, at most
/// `limit` bytes of it. `Ok(None)` when the bytes are not a workbook. A panic of calamine on
/// a malformed file is caught and said as a damaged workbook: one bad file must not stop
/// the agent.
pub(crate) fn open(bytes: &[u8], sheet: Option<&str>, limit: u64) -> io::Result<Option<Sheet>> {
    std::panic::catch_unwind(|| read_sheet(bytes, sheet, limit)).unwrap_or_else(|_| {
        Err(WorkbookError::Damaged("it is malformed (the reader gave up on it)".into()).into())
    })
}

/// [`open`], without its guard against panics.
fn read_sheet(bytes: &[u8], sheet: Option<&str>, limit: u64) -> io::Result<Option<Sheet>> {
    if bytes.len() as u64 > limit {
        return Err(WorkbookError::TooBig { limit }.into());
    }
    let Some(format) = format_of(bytes, limit)? else {
        return Ok(None);
    };
    let damaged = |e: &dyn std::fmt::Display| WorkbookError::Damaged(e.to_string());
    let mut budget = Budget { left: limit, limit };
    let (name, rows) = match format {
        Format::Xlsx => {
            let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
            let name = pick(book.sheet_names(), sheet)?;
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| damaged(&e))?;
            let mut rows = Rows::default();
            while let Some(cell) = cells.next_cell().map_err(|e| damaged(&e))? {
                let (row, column) = cell.get_position();
                if let Some((text, error)) = ref_text(cell.get_value()) {
                    rows.push(row, column, text, error, &mut budget)?;
                }
            }
            (name, rows)
        }
        Format::Ods => {
            let mut book = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
            let name = pick(book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| damaged(&e))?;
            (name, Rows::of_range(&range, true, &mut budget)?)
        }
        Format::Xls => {
            let Ok(mut book) = calamine::Xls::new(Cursor::new(bytes)) else {
                // An OLE2 file that is no Excel workbook (a Word document…).
                return Ok(None);
            };
            let name = pick(book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| damaged(&e))?;
            (name, Rows::of_range(&range, false, &mut budget)?)
        }
    };
    let (first_column, width) = match (rows.min_column, rows.max_column) {
        (Some(min), Some(max)) => (min, max - min + 1),
        _ => (0, 0),
    };
    let mut rows = rows.rows;
    rows.sort_by_key(|r| r.number);
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.column);
    }
    Ok(Some(Sheet {
        name,
        first_column,
        width,
        rows: rows.into_iter(),
    }))
}

/// What is left of the limit on a sheet's text.
struct Budget {
    left: u64,
    limit: u64,
}

/// A sheet's non-blank rows as they are read, and its used columns.
#[derive(Default)]
struct Rows {
    rows: Vec<Row>,
    min_column: Option<u32>,
    max_column: Option<u32>,
}

impl Rows {
    /// Adds a non-empty cell at 0-based `(row, column)`.
    fn push(
        &mut self,
        row: u32,
        column: u32,
        text: String,
        error: bool,
        budget: &mut Budget,
    ) -> io::Result<()> {
        let cost = text.len() as u64 + CELL_COST;
        budget.left = budget.left.checked_sub(cost).ok_or(WorkbookError::TooBig {
            limit: budget.limit,
        })?;
        if text.trim().is_empty() && !error {
            return Ok(()); // a blank cell widens nothing, as a blank CSV line
        }
        let number = row.saturating_add(1);
        if self.rows.last().is_none_or(|r| r.number != number) {
            self.rows.push(Row {
                number,
                cells: Vec::new(),
            });
        }
        let last = self.rows.last_mut().expect("a row was just pushed");
        last.cells.push(Cell {
            column,
            text,
            error,
        });
        self.min_column = Some(self.min_column.map_or(column, |m| m.min(column)));
        self.max_column = Some(self.max_column.map_or(column, |m| m.max(column)));
        Ok(())
    }

    /// The rows of a sheet calamine loaded whole (`.ods`, `.xls`). calamine reads an `.ods`
    /// formula's error as the text LibreOffice shows (`#DIV/0!`, `Err:502`): with `ods`,
    /// such a text is taken for an error cell ([`ods_error`]).
    fn of_range(range: &calamine::Range<Data>, ods: bool, budget: &mut Budget) -> io::Result<Rows> {
        let mut rows = Rows::default();
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, c, data) in range.used_cells() {
            if let Some((text, error)) = data_text(data) {
                let error = error || (ods && ods_error(&text));
                rows.push(top + r as u32, left + c as u32, text, error, budget)?;
            }
        }
        Ok(rows)
    }
}

/// The sheet `wanted` among `names`, else the first sheet.
fn pick(names: Vec<String>, wanted: Option<&str>) -> io::Result<String> {
    match wanted {
        Some(sheet) => names.iter().find(|n| *n == sheet).cloned().ok_or_else(|| {
            WorkbookError::MissingSheet {
                sheet: sheet.to_string(),
                sheets: names.clone(),
            }
            .into()
        }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| WorkbookError::Damaged("it has no sheet".into()).into()),
    }
}

/// The workbook format of `bytes`, from their content; `None` when they are not a
/// workbook. A ZIP whose directory declares more than `limit` bytes uncompressed is refused
/// before anything is inflated (a ZIP bomb).
fn format_of(bytes: &[u8], limit: u64) -> io::Result<Option<Format>> {
    if !bytes.starts_with(b"PK") {
        return Ok(may_be(bytes).then_some(Format::Xls));
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // A workbook's start without its ZIP directory (at the end): a cut copy.
        if starts_like_one(bytes) {
            return Err(WorkbookError::Cut.into());
        }
        return Ok(None);
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            return Ok(None);
        };
        total = total.saturating_add(entry.size());
    }
    let excel = zip.index_for_name("xl/workbook.xml").is_some();
    let ods = !excel && {
        let mut mimetype = String::new();
        zip.by_name("mimetype")
            .ok()
            .and_then(|f| f.take(100).read_to_string(&mut mimetype).ok())
            .is_some()
            && mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet"
    };
    if !excel && !ods {
        return Ok(None);
    }
    if total > limit {
        return Err(WorkbookError::TooBig { limit }.into());
    }
    if ods {
        // Repeated rows and cells are expanded when calamine loads an `.ods` (up to 100
        // million cells): a few bytes of XML can ask for gigabytes. Count them first.
        let mut content = Vec::new();
        if let Ok(file) = zip.by_name("content.xml") {
            file.take(limit).read_to_end(&mut content)?;
        }
        if ods_cells(&content).saturating_mul(CELL_COST) > limit {
            return Err(WorkbookError::TooBig { limit }.into());
        }
    }
    Ok(Some(if excel { Format::Xlsx } else { Format::Ods }))
}

/// How many cells holding something the OpenDocument `content.xml` asks for once its
/// repeated rows and cells are expanded (all sheets together, an upper bound): each cell
/// with a value or content counts `number-columns-repeated` times, in a row that counts
/// `number-rows-repeated` times. Empty cells are not counted (calamine does not keep them).
fn ods_cells(xml: &[u8]) -> u64 {
    let repeats = |tag: &[u8], attribute: &[u8]| -> u64 {
        memchr::memmem::find(tag, attribute)
            .and_then(|at| {
                let rest = &tag[at + attribute.len()..];
                let rest = rest.strip_prefix(b"=\"")?;
                let end = rest.iter().position(|&b| b == b'"')?;
                std::str::from_utf8(&rest[..end]).ok()?.parse().ok()
            })
            .unwrap_or(1)
    };
    let (mut cells, mut row_repeats) = (0u64, 1u64);
    for start in memchr::memmem::find_iter(xml, b"<table:") {
        let tag = &xml[start..];
        let end = memchr::memchr(b'>', tag).map_or(tag.len(), |e| e + 1);
        let tag = &tag[..end];
        if tag.starts_with(b"<table:table-row ") || tag.starts_with(b"<table:table-row>") {
            row_repeats = repeats(tag, b"table:number-rows-repeated");
        } else if tag.starts_with(b"<table:table-cell")
            || tag.starts_with(b"<table:covered-table-cell")
        {
            let empty = tag.ends_with(b"/>") && memchr::memmem::find(tag, b"value").is_none();
            if !empty {
                let n = repeats(tag, b"table:number-columns-repeated");
                cells = cells.saturating_add(n.saturating_mul(row_repeats));
            }
        }
    }
    cells
}

/// Whether the text of an `.ods` cell is a formula's error as LibreOffice shows it: one of
/// the spreadsheet error values (`#N/A`, `#DIV/0!`…) or LibreOffice's own `Err:` and a
/// number (`Err:502`). The file does mark errors, but calamine keeps only their text.
fn ods_error(text: &str) -> bool {
    const ERRORS: [&str; 7] = [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
    ];
    ERRORS.contains(&text)
        || text
            .strip_prefix("Err:")
            .is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A cell of a loaded sheet as text, and whether it is an error; `None` when empty.
fn data_text(data: &Data) -> Option<(String, bool)> {
    Some(match data {
        Data::Empty => return None,
        Data::String(s) => (s.clone(), false),
        Data::Int(i) => (i.to_string(), false),
        Data::Float(f) => (number_text(*f), false),
        Data::Bool(b) => (bool_text(*b), false),
        Data::DateTime(d) => (date_text(d), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), false),
        Data::Error(e) => (error_text(e), true),
    })
}

/// A cell streamed from an `.xlsx` sheet as text, and whether it is an error; `None` when
/// empty.
fn ref_text(data: &DataRef) -> Option<(String, bool)> {
    Some(match data {
        DataRef::Empty => return None,
        DataRef::String(s) => (s.clone(), false),
        DataRef::SharedString(s) => (s.to_string(), false),
        DataRef::Int(i) => (i.to_string(), false),
        DataRef::Float(f) => (number_text(*f), false),
        DataRef::Bool(b) => (bool_text(*b), false),
        DataRef::DateTime(d) => (date_text(d), false),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (s.clone(), false),
        DataRef::Error(e) => (error_text(e), true),
    })
}

/// A number as people read it: a whole number without `.0` (and never `-0`), any other in
/// the shortest form that reads back as the same number (`0.1`, not `0.1000000000000000055`).
pub(crate) fn number_text(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        return (f as i64).to_string();
    }
    format!("{f}")
}

/// A boolean as Excel shows it.
fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

/// An error cell as Excel shows it (`#N/A`, `#DIV/0!`…).
fn error_text(e: &CellErrorType) -> String {
    e.to_string()
}

/// A date, time or duration cell in ISO 8601: `2024-03-05` for a date without a time,
/// `2024-03-05T14:30:00` with one (and `.250` when it has milliseconds), `14:30:00` for a
/// time of day alone, and a duration as hours, minutes and seconds (`36:00:00`).
pub(crate) fn date_text(d: &ExcelDateTime) -> String {
    let ms = |ms: u16| {
        if ms == 0 {
            String::new()
        } else {
            format!(".{ms:03}")
        }
    };
    if d.is_duration() {
        let total_ms = (d.as_f64() * 86_400_000.0).round() as i64;
        let sign = if total_ms < 0 { "-" } else { "" };
        let t = total_ms.unsigned_abs();
        let (h, m, s) = (t / 3_600_000, t / 60_000 % 60, t / 1000 % 60);
        return format!("{sign}{h:02}:{m:02}:{s:02}{}", ms((t % 1000) as u16));
    }
    let (year, month, day, hour, minute, second, milli) = d.to_ymd_hms_milli();
    let time = format!("{hour:02}:{minute:02}:{second:02}{}", ms(milli));
    let value = d.as_f64();
    if (0.0..1.0).contains(&value) {
        time
    } else if (hour, minute, second, milli) == (0, 0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{time}")
    }
}

/// The letters of a 0-based column as a sheet names it: `A`…`Z`, `AA`…
pub fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// A file read whole ([`read_all`]), or, when it is longer than the limit, the bytes read
/// (the limit and one more) and the rest of the input.
pub(crate) type Whole<R> = Result<Vec<u8>, (Vec<u8>, R)>;

/// Reads all of `input` after `sample` into memory, at most `limit` bytes; `Err` with the
/// bytes read (sample included) and the rest of the input when it is longer.
pub(crate) fn read_all<R: Read>(sample: Vec<u8>, mut input: R, limit: u64) -> io::Result<Whole<R>> {
    let mut bytes = sample;
    let room = limit.saturating_sub(bytes.len() as u64).saturating_add(1);
    (&mut input).take(room).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err((bytes, input)));
    }
    Ok(Ok(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(-42.0), "-42");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(0.1), "0.1");
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(20_301_234_567.0), "20301234567");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(1.5e-7), "0.00000015");
    }

    #[test]
    fn dates_are_iso_8601_with_a_time_only_when_there_is_one() {
        let date = |v: f64| date_text(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(date(45356.0), "2024-03-05");
        assert_eq!(date(45356.5), "2024-03-05T12:00:00");
        assert_eq!(date(45356.0 + 14.5 / 24.0), "2024-03-05T14:30:00");
        assert_eq!(date(0.75), "18:00:00");
        assert_eq!(date(45356.0 + 1.25 / 86_400.0), "2024-03-05T00:00:01.250");
        let duration =
            |v: f64| date_text(&ExcelDateTime::new(v, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(duration(1.5), "36:00:00");
    }

    #[test]
    fn cells_become_the_text_a_person_sees() {
        let text = |d: Data| data_text(&d);
        assert_eq!(text(Data::Empty), None);
        assert_eq!(
            text(Data::String("00123".into())),
            Some(("00123".into(), false))
        );
        assert_eq!(text(Data::Int(7)), Some(("7".into(), false)));
        assert_eq!(text(Data::Float(7.0)), Some(("7".into(), false)));
        assert_eq!(text(Data::Bool(true)), Some(("TRUE".into(), false)));
        assert_eq!(text(Data::Bool(false)), Some(("FALSE".into(), false)));
        assert_eq!(
            text(Data::Error(CellErrorType::NA)),
            Some(("#N/A".into(), true))
        );
        assert_eq!(
            text(Data::DateTimeIso("2024-03-05".into())),
            Some(("2024-03-05".into(), false))
        );
        assert_eq!(
            ref_text(&DataRef::SharedString("Peña")),
            Some(("Peña".into(), false))
        );
        assert_eq!(
            ref_text(&DataRef::Error(CellErrorType::Div0)),
            Some(("#DIV/0!".into(), true))
        );
    }

    #[test]
    fn ods_error_texts_are_told_from_other_texts() {
        for error in [
            "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "Err:502",
        ] {
            assert!(ods_error(error), "{error}");
        }
        for text in [
            "",
            "#",
            "N/A",
            "#n/a",
            "Err:",
            "Err:x",
            "Err:12345",
            "#DIV/0! ",
            "Peña",
        ] {
            assert!(!ods_error(text), "{text}");
        }
    }

    #[test]
    fn columns_are_named_as_sheets_name_them() {
        let names: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702, 16_383]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            names,
            ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
    }

    /// The rows a `Reader` gives for a file of tests/fixtures/workbooks/, with `sheet`.
    fn fixture_rows(name: &str, sheet: Option<&str>) -> io::Result<Vec<(u64, Vec<String>)>> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/workbooks")
            .join(name);
        let options = crate::table::Options {
            sheet: sheet.map(str::to_string),
            ..Default::default()
        };
        let mut reader = crate::table::Reader::new(std::fs::File::open(path)?, &options)?;
        let mut rows = vec![(1, reader.header().unwrap().names.clone())];
        let mut record = crate::table::Record::default();
        while reader.read(&mut record)? {
            rows.push((
                record.line(),
                record.fields().map(|f| f.into_owned()).collect(),
            ));
        }
        Ok(rows)
    }

    #[test]
    fn workbooks_saved_by_other_programs_read_as_the_csv_they_were_made_from() {
        let csv = fixture_rows("clientes.csv", None).unwrap();
        assert_eq!(
            csv[1].1,
            ["00101", "Peña, Juan", "2024-03-05", "1500", "TRUE"]
        );
        for name in [
            "clientes_openpyxl.xlsx",
            "clientes_libreoffice.xlsx",
            "clientes_libreoffice.ods",
            "clientes_libreoffice.xls",
        ] {
            assert_eq!(fixture_rows(name, None).unwrap(), csv, "{name}");
        }
        let missing = fixture_rows("clientes_openpyxl.xlsx", Some("Hoja1")).unwrap_err();
        assert_eq!(
            WorkbookError::of(&missing),
            Some(&WorkbookError::MissingSheet {
                sheet: "Hoja1".into(),
                sheets: vec!["Clientes".into()],
            })
        );
        // The sheet's own name picks it too; a text file ignores the option.
        assert_eq!(
            fixture_rows("clientes_openpyxl.xlsx", Some("Clientes")).unwrap(),
            csv
        );
        assert_eq!(fixture_rows("clientes.csv", Some("Clientes")).unwrap(), csv);
    }

    #[test]
    fn an_ods_whose_repeated_cells_would_pass_the_limit_is_refused_unread() {
        let content = |rows: u64, columns: u64| {
            format!(
                "<office:document-content><office:body><office:spreadsheet>\
                 <table:table table:name=\"Hoja1\"><table:table-row>\
                 <table:table-cell office:value-type=\"string\"><text:p>COD</text:p></table:table-cell>\
                 </table:table-row><table:table-row table:number-rows-repeated=\"{rows}\">\
                 <table:table-cell table:number-columns-repeated=\"{columns}\" \
                 office:value-type=\"float\" office:value=\"1\"/>\
                 <table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row>\
                 </table:table></office:spreadsheet></office:body></office:document-content>"
            )
        };
        assert_eq!(ods_cells(content(3, 2).as_bytes()), 7);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", options).unwrap();
        std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("content.xml", options).unwrap();
        std::io::Write::write_all(&mut zip, content(1_000_000, 100).as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 2000);
        let err = open(&bytes, None, 1 << 30).unwrap_err();
        assert_eq!(
            WorkbookError::of(&err),
            Some(&WorkbookError::TooBig { limit: 1 << 30 })
        );
    }

    #[test]
    fn a_cut_workbook_is_said_to_be_cut() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/workbooks/clientes_libreoffice.xlsx");
        let whole = std::fs::read(path).unwrap();
        for len in [100, 3000, whole.len() - 10] {
            let err = open(&whole[..len], None, 1 << 20).unwrap_err();
            assert_eq!(WorkbookError::of(&err), Some(&WorkbookError::Cut), "{len}");
        }
    }

    #[test]
    fn zips_and_ole2_files_that_are_not_workbooks_are_not_read_as_one() {
        assert!(may_be(b"PK\x03\x04rest"));
        assert!(!may_be(b"PKG;NOMBRE\n"));
        assert!(open(b"PK\x03\x04 not really a zip", None, 1 << 20)
            .unwrap()
            .is_none());
        let ole2 = [b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(), &[0; 600]].concat();
        assert!(open(&ole2, None, 1 << 20).unwrap().is_none());
    }
}

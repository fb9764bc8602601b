//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) through the real binary (issue 13, point 7):
//! one sheet read as a table, its cells as the text a person sees, its issues located by
//! the sheet's row numbers and cells (`C17`); the same data as a workbook and as a CSV give
//! the same report and the same published CSV. Workbooks are written here (a minimal
//! SpreadsheetML writer on the `zip` crate) and, under tests/fixtures/workbooks/, saved by
//! openpyxl and LibreOffice (see its README).

mod util;

use serde_json::{json, Value};
use std::fs;
use std::io::Write;
use std::path::Path;
use util::*;

// ───────────────────────────── a minimal .xlsx writer ─────────────────────────────

/// One cell to write.
#[derive(Clone)]
enum C {
    /// A text cell (an inline string).
    S(&'static str),
    /// A number.
    N(f64),
    /// A boolean.
    B(bool),
    /// An error value such as `#N/A`.
    E(&'static str),
    /// A date: the serial number, shown with the built-in date format 14.
    D(f64),
    /// Nothing.
    Blank,
}

/// The letters of a 0-based column.
fn letters(mut column: usize) -> String {
    let mut out = Vec::new();
    column += 1;
    while column > 0 {
        out.push(b'A' + ((column - 1) % 26) as u8);
        column = (column - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A sheet's XML: `rows` from sheet row `top` (1-based) and column `left` (0-based).
fn sheet_xml(rows: &[Vec<C>], top: usize, left: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in rows.iter().enumerate() {
        let n = top + r;
        xml += &format!("<row r=\"{n}\">");
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{n}", letters(left + c));
            xml += &match cell {
                C::S(s) => format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(s)
                ),
                C::N(v) => format!("<c r=\"{at}\"><v>{v}</v></c>"),
                C::B(b) => format!("<c r=\"{at}\" t=\"b\"><v>{}</v></c>", u8::from(*b)),
                C::E(e) => format!("<c r=\"{at}\" t=\"e\"><v>{}</v></c>", escape(e)),
                C::D(v) => format!("<c r=\"{at}\" s=\"1\"><v>{v}</v></c>"),
                C::Blank => String::new(),
            };
        }
        xml += "</row>";
    }
    xml + "</sheetData></worksheet>"
}

/// An `.xlsx` holding `sheets` (name, rows, top row, left column), in order, plus `extra`
/// entries (name, bytes) stored as they are.
fn xlsx_with(sheets: &[(&str, Vec<Vec<C>>, usize, usize)], extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, text: &[u8]| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text).unwrap();
    };
    let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let mut types = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"{ct}.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"{ct}.styles+xml\"/>"
    );
    for i in 1..=sheets.len() {
        types += &format!(
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{ct}.worksheet+xml\"/>"
        );
    }
    types += "</Types>";
    put("[Content_Types].xml", types.as_bytes());
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    put(
        "_rels/.rels",
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
             xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/>\
             </Relationships>"
        )
        .as_bytes(),
    );
    let mut book = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"{rel}\"><sheets>"
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
         xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, (name, ..)) in sheets.iter().enumerate() {
        let i = i + 1;
        book += &format!(
            "<sheet name=\"{}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>",
            escape(name)
        );
        rels += &format!(
            "<Relationship Id=\"rId{i}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
        );
    }
    book += "</sheets></workbook>";
    rels += &format!(
        "<Relationship Id=\"rIdS\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>"
    );
    put("xl/workbook.xml", book.as_bytes());
    put("xl/_rels/workbook.xml.rels", rels.as_bytes());
    put(
        "xl/styles.xml",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet \
          xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
          <cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>\
          </cellXfs></styleSheet>",
    );
    for (i, (_, rows, top, left)) in sheets.iter().enumerate() {
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet_xml(rows, *top, *left).as_bytes(),
        );
    }
    for (name, bytes) in extra {
        put(name, bytes);
    }
    zip.finish().unwrap().into_inner()
}

/// An `.xlsx` of one sheet `name` whose rows start at A1.
fn xlsx(name: &str, rows: Vec<Vec<C>>) -> Vec<u8> {
    xlsx_with(&[(name, rows, 1, 0)], &[])
}

/// The rows as a UTF-8, comma-separated CSV, each cell as a person sees it in the sheet.
fn csv(rows: &[Vec<C>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                C::S(s) | C::E(s) => s.to_string(),
                C::N(v) => format!("{v}"),
                C::B(b) => if *b { "TRUE" } else { "FALSE" }.into(),
                C::D(_) => unreachable!("the shared data has no dates"),
                C::Blank => String::new(),
            })
            .map(|s| {
                if s.contains([',', '"', '\n']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s
                }
            })
            .collect();
        out += &cells.join(",");
        out += "\n";
    }
    out
}

// ───────────────────────────── the shared data ─────────────────────────────

/// Clients: IDs with leading zeros, a duplicate ID (row 4), numbers of every kind, booleans.
fn clientes() -> Vec<Vec<C>> {
    use C::*;
    vec![
        vec![S("COD"), S("NOMBRE"), S("SALDO"), S("ACTIVO"), S("CUIT")],
        vec![
            S("00123"),
            S("Peña, Juan"),
            N(1500.0),
            B(true),
            N(20301234567.0),
        ],
        vec![
            S("00124"),
            S("Muñoz \"el Tano\""),
            N(-0.1),
            B(false),
            N(27111111112.0),
        ],
        vec![
            S("00123"),
            S("Repetido"),
            N(3.25),
            B(true),
            N(30111111118.0),
        ],
        vec![S("00125"), S("Sin saldo"), Blank, B(true), N(1e-7)],
    ]
}

/// Sales: refs to clients, one dangling.
fn ventas() -> Vec<Vec<C>> {
    use C::*;
    vec![
        vec![S("NRO"), S("COD_CLIENTE"), S("IMPORTE")],
        vec![N(1.0), S("00123"), N(10.5)],
        vec![N(2.0), S("00124"), N(0.30000000000000004)],
        vec![N(3.0), S("99999"), N(7.0)],
    ]
}

fn config(folder: &Path, ext: &str, sheet: &str) -> std::path::PathBuf {
    let path = folder.join("sheetdrop.toml");
    fs::write(
        &path,
        format!(
            "[policy]\nmax_invalid_rows = \"50%\"\n\n[[entity]]\nname = \"clientes\"\nfile = \"clientes*.{ext}\"\nid = \"COD\"\n{sheet}\n\
             [[entity]]\nname = \"ventas\"\nfile = \"ventas*.{ext}\"\nid = \"NRO\"\n\
             refs = [ {{ column = \"COD_CLIENTE\", entity = \"clientes\", required = true }} ]\n"
        ),
    )
    .unwrap();
    path
}

/// What must be the same whatever the file: everything but the file name, the sheet and
/// the cell of each issue (and its English message, which names the file).
fn comparable(report: &Value) -> Value {
    let mut report = report.clone();
    for e in report["entities"].as_array_mut().unwrap() {
        let e = e.as_object_mut().unwrap();
        e.remove("file");
        e.remove("sheet");
        for i in e["issues"].as_array_mut().unwrap() {
            let i = i.as_object_mut().unwrap();
            i.remove("cell");
            i.remove("ref_file");
            i.remove("message");
        }
    }
    report
}

#[test]
fn the_same_data_as_xlsx_and_as_csv_gives_the_same_report_and_the_same_published_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (as_csv, as_xlsx) = (dir.path().join("csv"), dir.path().join("xlsx"));
    fs::create_dir_all(&as_csv).unwrap();
    fs::create_dir_all(&as_xlsx).unwrap();
    fs::write(as_csv.join("clientes.csv"), csv(&clientes())).unwrap();
    fs::write(as_csv.join("ventas.csv"), csv(&ventas())).unwrap();
    fs::write(
        as_xlsx.join("clientes_2024.xlsx"),
        xlsx("Clientes", clientes()),
    )
    .unwrap();
    fs::write(as_xlsx.join("ventas.XLSX"), xlsx("Ventas", ventas())).unwrap();

    let from_csv = validate(&as_csv, Some(&config(&as_csv, "csv", "")), 1);
    let from_xlsx = validate(&as_xlsx, Some(&config(&as_xlsx, "xlsx", "")), 1);
    assert_eq!(
        comparable(&from_xlsx),
        comparable(&from_csv),
        "{from_xlsx:#}"
    );

    let clientes = entity(&from_xlsx, "clientes");
    assert_fields(
        clientes,
        json!({"file": "clientes_2024.xlsx", "sheet": "Clientes", "rows": 4, "verdict": "partial",
               "rows_accepted": 3, "columns": ["COD", "NOMBRE", "SALDO", "ACTIVO", "CUIT"]}),
    );
    // The duplicate ID: its data row, the sheet's row, and the cell.
    assert_issue(
        issue_at(clientes, "duplicate-id", Some(3)),
        json!({"line": 4, "column": "COD", "value": "00123", "first_row": 1, "cell": "A4"}),
        &["code", "severity", "row", "message"],
    );
    let dangling = issue_at(entity(&from_xlsx, "ventas"), "dangling-ref", Some(3));
    assert_eq!(
        (&dangling["value"], &dangling["cell"]),
        (&json!("99999"), &json!("B4"))
    );

    // Published: the accepted rows, as a person sees them in the sheet.
    let published = |folder: &Path, ext: &str| {
        let sandbox = Sandbox::new(|s| {
            let entities = fs::read_to_string(config(folder, ext, "")).unwrap();
            s.local_config("es", "", &entities)
        });
        for f in fs::read_dir(folder).unwrap() {
            let f = f.unwrap();
            if f.file_name() != "sheetdrop.toml" {
                sandbox.write_old(
                    &f.file_name().to_string_lossy(),
                    fs::read(f.path()).unwrap(),
                );
            }
        }
        sandbox
            .run_once()
            .assert_code(0, "run --once with partial files");
        (
            sandbox.published("clientes").expect("clientes published"),
            sandbox.published("ventas").expect("ventas published"),
        )
    };
    let (clientes_csv, ventas_csv) = published(&as_xlsx, "xlsx");
    assert_eq!(
        (clientes_csv.clone(), ventas_csv),
        published(&as_csv, "csv")
    );
    assert_eq!(
        clientes_csv,
        "COD,NOMBRE,SALDO,ACTIVO,CUIT\n\
         00123,\"Peña, Juan\",1500,TRUE,20301234567\n\
         00124,\"Muñoz \"\"el Tano\"\"\",-0.1,FALSE,27111111112\n\
         00125,Sin saldo,,TRUE,0.0000001\n"
    );
}

#[test]
fn a_sheet_is_picked_by_name_and_a_missing_one_names_the_sheets_there_are() {
    use C::*;
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx_with(
        &[
            ("Resumen", vec![vec![S("Total"), N(3.0)]], 1, 0),
            ("Clientes", clientes(), 1, 0),
        ],
        &[],
    );
    fs::write(dir.path().join("clientes.xlsx"), &book).unwrap();
    let first = validate(dir.path(), Some(&config(dir.path(), "xlsx", "")), 1);
    let e = entity(&first, "clientes");
    assert_fields(
        e,
        json!({"sheet": "Resumen", "columns": ["Total", "3"], "rows": 0}),
    );

    let picked = validate(
        dir.path(),
        Some(&config(dir.path(), "xlsx", "sheet = \"Clientes\"")),
        1,
    );
    let e = entity(&picked, "clientes");
    assert_fields(
        e,
        json!({"sheet": "Clientes", "rows": 4, "rows_accepted": 3}),
    );
    // The agent publishes that sheet too (its publisher re-reads the spool copy).
    let sandbox = Sandbox::new(|s| {
        let entities = fs::read_to_string(dir.path().join("sheetdrop.toml")).unwrap();
        s.local_config("es", "", &entities)
    });
    sandbox.write_old("clientes.xlsx", &book);
    sandbox
        .run_once()
        .assert_code(0, "run --once, sheet Clientes");
    let published = sandbox.published("clientes").expect("clientes published");
    assert!(
        published.starts_with("COD,NOMBRE,SALDO,ACTIVO,CUIT\n00123,"),
        "{published}"
    );
    assert_eq!(sandbox.entry("clientes")["rows"], 3);

    let config = config(dir.path(), "xlsx", "sheet = \"Clients\"");
    let missing = validate(dir.path(), Some(&config), 1);
    let e = entity(&missing, "clientes");
    assert_fields(
        e,
        json!({"verdict": "rejected", "counts": {"unreadable": 1}}),
    );
    assert_issue(
        &e["issues"][0],
        json!({"code": "unreadable", "sheet": "Clients", "sheets": ["Resumen", "Clientes"]}),
        &["severity", "message"],
    );
    let text = validate_fmt(dir.path(), Some(&config), "text");
    assert!(
        text.stdout
            .contains("el libro no tiene la hoja «Clients» (sheet en la configuración); sus hojas son: Resumen, Clientes"),
        "{}",
        text.stdout
    );
}

#[test]
fn error_cells_are_read_as_their_text_with_a_cell_error_warning() {
    use C::*;
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![S("COD"), S("NOMBRE"), S("PRECIO")],
        vec![S("A1"), S("uno"), N(2.0)],
        vec![S("A2"), S("dos"), E("#N/A")],
        vec![S("A3"), E("#DIV/0!"), N(1.0)],
    ];
    fs::write(dir.path().join("clientes.xlsx"), xlsx("Hoja1", rows)).unwrap();
    let report = validate(dir.path(), Some(&config(dir.path(), "xlsx", "")), 0);
    let e = entity(&report, "clientes");
    assert_fields(
        e,
        json!({"verdict": "accepted", "rows": 3, "rows_accepted": 3, "counts": {"cell-error": 2}}),
    );
    assert_issue(
        issue_at(e, "cell-error", Some(2)),
        json!({"severity": "warning", "line": 3, "column": "PRECIO", "value": "#N/A", "cell": "C3"}),
        &["code", "row", "message"],
    );
    assert_eq!(issue_at(e, "cell-error", Some(3))["cell"], "B4");
    let text = validate_fmt(dir.path(), Some(&dir.path().join("sheetdrop.toml")), "text");
    assert!(
        text.stdout.contains("celda C3") && text.stdout.contains("error de fórmula #N/A"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_duplicate_id_in_a_workbook_is_reported_with_its_sheet_row_and_cell() {
    use C::*;
    let dir = tempfile::tempdir().unwrap();
    // The table starts at B3, with a blank row inside it: rows keep the sheet's numbers.
    let rows = vec![
        vec![S("COD"), S("NOMBRE")],
        vec![S("X-1"), S("uno")],
        vec![Blank, Blank],
        vec![S("X-2"), S("dos")],
        vec![S("X-1"), S("otra vez")],
        // A date as the ID: read as ISO 8601, so both are the same ID.
        vec![D(45356.5), S("fecha")],
        vec![D(45356.5), S("fecha otra vez")],
    ];
    let book = xlsx_with(&[("Datos", rows, 3, 1)], &[]);
    fs::write(dir.path().join("clientes.xlsx"), book).unwrap();
    let config = config(dir.path(), "xlsx", "");
    let report = validate(dir.path(), Some(&config), 1);
    let e = entity(&report, "clientes");
    assert_fields(
        e,
        json!({"rows": 5, "rows_accepted": 3, "columns": ["COD", "NOMBRE"]}),
    );
    assert_issue(
        issue_at(e, "duplicate-id", Some(3)),
        json!({"line": 7, "column": "COD", "value": "X-1", "first_row": 1, "cell": "B7"}),
        &["code", "severity", "row", "message"],
    );
    assert_issue(
        issue_at(e, "duplicate-id", Some(5)),
        json!({"line": 9, "value": "2024-03-05T12:00:00", "first_row": 4, "cell": "B9"}),
        &["code", "severity", "row", "column", "message"],
    );
    let text = validate_fmt(dir.path(), Some(&config), "text");
    assert!(text.stdout.contains("fila 3, celda B7"), "{}", text.stdout);
}

#[test]
fn a_zip_that_is_not_a_workbook_is_not_a_table() {
    // An archive of a CSV export, stored: larger than the 64 KB the reader samples first.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("clientes.csv", stored).unwrap();
    zip.write_all(b"COD,NOMBRE\n").unwrap();
    for i in 0..20_000 {
        writeln!(zip, "{i},cliente {i}").unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() > 64 << 10);
    for name in ["clientes.xlsx", "clientes.zip"] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(name), &bytes).unwrap();
        let ext = name.rsplit('.').next().unwrap();
        let report = validate(dir.path(), Some(&config(dir.path(), ext, "")), 1);
        let e = entity(&report, "clientes");
        assert_fields(
            e,
            json!({"verdict": "rejected", "rows": 0, "counts": {"not-a-table": 1}}),
        );
        assert_eq!(e["issues"][0]["looks_like"], "zip");
    }
}

#[test]
fn a_workbook_bigger_than_the_limit_once_uncompressed_is_refused_before_it_is_read() {
    use C::*;
    let dir = tempfile::tempdir().unwrap();
    // 64 MiB of zeros deflate to about 64 KB: a small file, a big promise.
    let bomb = vec![0u8; 64 << 20];
    let book = xlsx_with(
        &[("Hoja1", vec![vec![S("COD")], vec![S("1")]], 1, 0)],
        &[("xl/media/image1.bin", bomb)],
    );
    assert!(book.len() < 1 << 20, "{}", book.len());
    fs::write(dir.path().join("clientes.xlsx"), book).unwrap();
    let config = config(dir.path(), "xlsx", "");
    let text = fs::read_to_string(&config).unwrap();
    // 1 MiB records: a workbook may take 16 MiB.
    let text = text.replace("[policy]\n", "[policy]\nmax_record_bytes = 1048576\n");
    fs::write(&config, text).unwrap();
    let report = validate(dir.path(), Some(&config), 1);
    let e = entity(&report, "clientes");
    assert_fields(
        e,
        json!({"verdict": "rejected", "counts": {"unreadable": 1}}),
    );
    assert_issue(
        &e["issues"][0],
        json!({"code": "unreadable", "workbook_problem": "too-big", "max_workbook_bytes": 16 << 20}),
        &["severity", "message"],
    );
    let text = validate_fmt(dir.path(), Some(&config), "text");
    assert!(
        text.stdout
            .contains("el libro ocupa más de 16 MiB sin comprimir"),
        "{}",
        text.stdout
    );
}

// ───────────────────────────── workbooks we did not write ─────────────────────────────

/// tests/fixtures/workbooks/clientes.csv saved as a workbook by openpyxl and by LibreOffice
/// (`.xlsx`, `.ods`, `.xls`) read as the CSV reads, with the duplicate ID and the error cell
/// at the same places.
#[test]
fn workbooks_saved_by_openpyxl_and_libreoffice_read_as_their_csv() {
    let fixtures = fixture("workbooks");
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures.join("clientes.csv"),
        dir.path().join("clientes.csv"),
    )
    .unwrap();
    let expected = comparable(&validate(
        dir.path(),
        Some(&config(dir.path(), "csv", "")),
        1,
    ));
    let mut files: Vec<_> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("clientes_") && !n.ends_with(".csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for name in files {
        let ext = name.rsplit('.').next().unwrap().to_string();
        let dir = tempfile::tempdir().unwrap();
        fs::copy(fixtures.join(&name), dir.path().join(&name)).unwrap();
        let report = validate(dir.path(), Some(&config(dir.path(), &ext, "")), 1);
        assert_eq!(comparable(&report), expected, "{name}: {report:#}");
        let e = entity(&report, "clientes");
        assert_eq!(e["file"], name);
        assert_eq!(issue_at(e, "duplicate-id", Some(4))["cell"], "A5", "{name}");
    }
}

/// Formula errors as LibreOffice computed and saved them (`.xlsx`, `.ods`, `.xls`): each
/// is a `cell-error` warning at its cell, and the row is still published.
#[test]
fn formula_errors_saved_by_libreoffice_are_cell_error_warnings() {
    for ext in ["xlsx", "ods", "xls"] {
        let name = format!("precios_libreoffice.{ext}");
        let dir = tempfile::tempdir().unwrap();
        fs::copy(
            fixture("workbooks").join(&name),
            dir.path().join(format!("clientes.{ext}")),
        )
        .unwrap();
        let report = validate(dir.path(), Some(&config(dir.path(), ext, "")), 0);
        let e = entity(&report, "clientes");
        assert_fields(
            e,
            json!({"verdict": "accepted", "rows": 3, "rows_accepted": 3,
                   "columns": ["COD", "PRECIO", "CANTIDAD", "TOTAL"],
                   "counts": {"cell-error": 2}}),
        );
        let at = |row| {
            let i = issue_at(e, "cell-error", Some(row));
            (i["value"].clone(), i["cell"].clone(), i["severity"].clone())
        };
        assert_eq!(
            at(2),
            (json!("#DIV/0!"), json!("D3"), json!("warning")),
            "{name}"
        );
        // LibreOffice's own code for it in its own format, Excel's in Excel's.
        let value = if ext == "ods" { "Err:502" } else { "#VALUE!" };
        assert_eq!(
            at(3),
            (json!(value), json!("D4"), json!("warning")),
            "{name}"
        );
    }
}

/// A workbook cut by an interrupted copy (its ZIP directory, at the end, is gone) is
/// rejected as a cut workbook, not taken for some other ZIP.
#[test]
fn a_cut_workbook_is_rejected_as_cut() {
    let dir = tempfile::tempdir().unwrap();
    let whole = xlsx("Clientes", clientes());
    fs::write(dir.path().join("clientes.xlsx"), &whole[..whole.len() / 2]).unwrap();
    let config = config(dir.path(), "xlsx", "");
    let report = validate(dir.path(), Some(&config), 1);
    let e = entity(&report, "clientes");
    assert_fields(
        e,
        json!({"verdict": "rejected", "counts": {"unreadable": 1}}),
    );
    assert_eq!(e["issues"][0]["workbook_problem"], "cut");
    let text = validate_fmt(dir.path(), Some(&config), "text");
    assert!(
        text.stdout
            .contains("el libro está cortado (le falta el final)"),
        "{}",
        text.stdout
    );
}

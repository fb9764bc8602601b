//! Black-box tests of issue 13 points 4, 8 and 10: why a file was rejected
//! (`too-many-invalid-rows`), files that are not a table (`not-a-table`), control characters in
//! cells (`invalid-character`), and a header-only file said the same way by `validate` and
//! `run`. Every test runs the real binary on files written here.

mod util;

use serde_json::{json, Value};
use std::path::Path;
use util::*;

/// The clientes entity of every config here.
const CLIENTES: &str = CLIENTES_ENTITY;

/// A folder holding `sheetdrop.toml` (`policy` under `[policy]`, then the clientes entity)
/// and `clientes.csv` with `bytes`.
fn folder(policy: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = format!("language = \"en\"\n\n[policy]\n{policy}\n{CLIENTES}");
    std::fs::write(dir.path().join("sheetdrop.toml"), config).unwrap();
    std::fs::write(dir.path().join("clientes.csv"), bytes).unwrap();
    dir
}

/// clientes.csv with `rows` rows, of which the `bad` first have an empty ID.
fn clientes(rows: usize, bad: usize) -> Vec<u8> {
    let mut csv = String::from("COD_CLIENTE;NOMBRE\n");
    for i in 1..=rows {
        let id = if i <= bad {
            String::new()
        } else {
            format!("C{i}")
        };
        csv.push_str(&format!("{id};Cliente {i}\n"));
    }
    csv.into_bytes()
}

/// `validate --format json` of `dir`, with the exit code `exit`: the clientes entry.
fn checked(dir: &Path, exit: i32) -> Value {
    let report = validate_dir(dir, exit);
    entity(&report, "clientes").clone()
}

// ─────────────────────── 4. why a file was rejected ───────────────────────

#[test]
fn a_file_rejected_for_too_many_bad_rows_says_how_many_of_how_many_and_the_limit() {
    let dir = folder("max_invalid_rows = \"1%\"", &clientes(20, 2));
    let e = checked(dir.path(), 1);
    assert_fields(
        &e,
        json!({"verdict": "rejected", "rows": 20, "rows_accepted": 0}),
    );
    assert_eq!(e["counts"]["empty-id"], 2, "{e:#}");
    assert_eq!(e["counts"]["too-many-invalid-rows"], 1, "{e:#}");
    let issue = issue_at(&e, "too-many-invalid-rows", None);
    assert_issue(
        issue,
        json!({
            "code": "too-many-invalid-rows",
            "severity": "error",
            "invalid_rows": 2,
            "total_rows": 20,
            "max_invalid_rows": "1%",
        }),
        &["message"],
    );
    let message = issue["message"].as_str().unwrap();
    assert!(
        message.starts_with("2 of 20 rows (10%) had errors"),
        "{message}"
    );

    // Said in the report's language by the text output.
    let text = validate_fmt(dir.path(), Some(&dir.path().join("sheetdrop.toml")), "text");
    assert!(
        text.stdout
            .contains("2 of 20 rows had errors (10%), above the limit of 1% "),
        "{}",
        text.stdout
    );

    // A count as the limit is said as rows; within the limit, the file is partial and nothing
    // says it was rejected.
    let dir = folder("max_invalid_rows = 1", &clientes(20, 2));
    let e = checked(dir.path(), 1);
    assert_eq!(
        issue_at(&e, "too-many-invalid-rows", None)["max_invalid_rows"],
        "1"
    );
    let dir = folder("max_invalid_rows = 2", &clientes(20, 2));
    let e = checked(dir.path(), 1);
    assert_fields(&e, json!({"verdict": "partial", "rows_accepted": 18}));
    assert!(e["counts"].get("too-many-invalid-rows").is_none(), "{e:#}");
}

#[test]
fn with_on_error_reject_one_bad_row_is_enough_and_the_issue_says_so() {
    let dir = folder(
        "on_error = \"reject\"\nmax_invalid_rows = \"50%\"",
        &clientes(20, 1),
    );
    let e = checked(dir.path(), 1);
    assert_fields(&e, json!({"verdict": "rejected", "rows_accepted": 0}));
    let issue = issue_at(&e, "too-many-invalid-rows", None);
    assert_eq!(
        (issue["invalid_rows"].clone(), issue["total_rows"].clone()),
        (json!(1), json!(20))
    );
    assert!(issue.get("max_invalid_rows").is_none(), "{issue:#}");
    assert!(
        issue["message"].as_str().unwrap().contains("on_error"),
        "{issue:#}"
    );
}

// ───────────────────────────── 8. not a table ─────────────────────────────

/// The `not-a-table` issue of clientes in `validate`'s report of `dir`, which must reject
/// the file (exit 1) without a header read.
fn not_a_table(dir: &Path) -> Value {
    let e = checked(dir, 1);
    assert_fields(
        &e,
        json!({"verdict": "rejected", "rows": 0, "rows_accepted": 0,
                              "columns": [], "counts": {"not-a-table": 1}}),
    );
    let issue = issue_at(&e, "not-a-table", None);
    assert_eq!(issue["severity"], "error");
    issue.clone()
}

#[test]
fn a_pdf_a_workbook_an_image_a_program_are_refused_for_what_they_are() {
    let cases: [(&[u8], &str, &str); 6] = [
        (
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n",
            "pdf",
            "this is a PDF, not a CSV: export the data as CSV",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
            "zip",
            "a ZIP archive that is not a workbook",
        ),
        (
            b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10",
            "image",
            "an image",
        ),
        (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", "image", "an image"),
        (
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0",
            "executable",
            "a program",
        ),
        (b"\x1F\x8B\x08\0\0\0\0\0\0\x03COD_CLIENTE", "gzip", "gzip"),
    ];
    for (bytes, kind, words) in cases {
        let dir = folder("", bytes);
        let issue = not_a_table(dir.path());
        assert_eq!(issue["looks_like"], kind, "{issue:#}");
        assert!(
            issue["message"].as_str().unwrap().contains(words),
            "{issue:#}"
        );
    }
    // People are told in their language (the HTML report and the text output).
    let dir = folder("", cases[0].0);
    let config = dir.path().join("sheetdrop.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("\"en\"", "\"es\"");
    std::fs::write(&config, text).unwrap();
    let out = validate_fmt(dir.path(), Some(&config), "text");
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("esto es un PDF, no un CSV: exporte los datos como CSV"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_2_gb_file_of_nul_bytes_is_binary_told_from_its_first_bytes() {
    let dir = folder("", b"");
    let path = dir.path().join("clientes.csv");
    // Sparse on Unix: 2 GB of NULs that take no disk (elsewhere a smaller file). Before, it
    // was read up to max_record_bytes and rejected as oversize-record; its first 8 KB say
    // enough.
    let len: u64 = if cfg!(unix) { 2 << 30 } else { 64 << 20 };
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len)
        .unwrap();
    let issue = not_a_table(dir.path());
    assert_eq!(issue["looks_like"], "binary", "{issue:#}");
    // NULs among the first 8 KB of text are binary too: a database dump, a damaged copy.
    let dir = folder("", b"COD_CLIENTE;NOMBRE\nC1;uno\0\0\0\0\x01\x02\nC2;dos\n");
    assert_eq!(not_a_table(dir.path())["looks_like"], "binary");
}

#[test]
fn utf16_text_with_its_nul_bytes_is_still_a_table() {
    let text = "COD_CLIENTE;NOMBRE\nC1;Peña\nC2;Núñez\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let with_bom = [b"\xFF\xFE".as_slice(), &le].concat();
    for bytes in [le, be, with_bom] {
        let dir = folder("", &bytes);
        let e = checked(dir.path(), 0);
        assert_fields(&e, json!({"verdict": "accepted", "rows": 2, "counts": {}}));
    }
    // A header that merely starts like a signature is a header.
    let dir = folder("", b"COD_CLIENTE;NOMBRE\nMZ1;x\n");
    assert_fields(&checked(dir.path(), 0), json!({"verdict": "accepted"}));
}

// ──────────────────────── 10. control characters ────────────────────────

#[test]
fn control_characters_leave_out_a_row_by_its_id_and_warn_elsewhere() {
    let policy = "max_invalid_rows = 5";
    // Rows past the first 8 KB, so the NUL is a cell's, not a binary file's.
    let mut csv = String::from("COD_CLIENTE;NOMBRE\n");
    for i in 1..=400 {
        csv.push_str(&format!("C{i};Cliente número {i}\n"));
    }
    csv.push_str("C\u{1b}401;Escape en el ID\n"); // row 401
    csv.push_str("C402;Nombre con \0 nulo\n"); // row 402
    csv.push_str("C403;Borrado\u{7f} y salto de\u{c}página\n"); // row 403
    csv.push_str("C404;\"Nota en\r\ndos líneas\ty tab\"\n"); // row 404: no control
    let dir = folder(policy, csv.as_bytes());
    let e = checked(dir.path(), 1);
    assert_fields(
        &e,
        json!({"verdict": "partial", "rows": 404, "rows_accepted": 403,
                              "counts": {"invalid-character": 3}}),
    );
    assert_issue(
        issue_at(&e, "invalid-character", Some(401)),
        json!({"code": "invalid-character", "severity": "error", "row": 401, "line": 402,
               "column": "COD_CLIENTE", "value": "C\\x1B401", "character": "U+001B"}),
        &["message"],
    );
    assert_issue(
        issue_at(&e, "invalid-character", Some(402)),
        json!({"code": "invalid-character", "severity": "warning", "row": 402, "line": 403,
               "column": "NOMBRE", "value": "Nombre con \\x00 nulo", "character": "U+0000"}),
        &["message"],
    );
    let both = issue_at(&e, "invalid-character", Some(403));
    assert_eq!(
        both["value"], "Borrado\\x7F y salto de\\x0Cpágina",
        "{both:#}"
    );
    assert_eq!(both["character"], "U+007F", "{both:#}");

    // A ref column is as strict as the ID: the sale naming a client with a NUL is left out.
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "language = \"en\"\n{CLIENTES}\n[[entity]]\nname = \"ventas\"\nfile = \"ventas.csv\"\n\
         id = \"NRO\"\nrefs = [{{ column = \"COD_CLIENTE\", entity = \"clientes\", required = false }}]\n"
    );
    std::fs::write(dir.path().join("sheetdrop.toml"), config).unwrap();
    std::fs::write(dir.path().join("clientes.csv"), &csv).unwrap();
    let mut ventas = String::from("NRO;COD_CLIENTE\n");
    for i in 1..=400 {
        ventas.push_str(&format!("V{i};C{i}\n"));
    }
    ventas.push_str("V401;C1\u{1}\n");
    std::fs::write(dir.path().join("ventas.csv"), ventas).unwrap();
    let report = validate_dir(dir.path(), 1);
    let v = entity(&report, "ventas");
    assert_fields(v, json!({"verdict": "partial", "rows_accepted": 400}));
    let issue = issue_at(v, "invalid-character", Some(401));
    assert_eq!(
        (issue["severity"].clone(), issue["column"].clone()),
        (json!("error"), json!("COD_CLIENTE"))
    );
}

#[test]
fn a_header_only_file_is_held_by_validate_as_by_run() {
    let case = Sandbox::new(|s| s.local_config("en", "settle_seconds = 1\n", CLIENTES));
    case.write_old("clientes.csv", "COD_CLIENTE;NOMBRE\n");
    let folder = case.input("");
    let out = case.run(&["validate", folder.to_str().unwrap(), "--format", "json"]);
    out.assert_code(1, "validate of a header-only file");
    let report = out.json();
    let e = entity(&report, "clientes");
    assert_fields(
        e,
        json!({"verdict": "held", "rows": 0, "rows_accepted": 0,
                             "counts": {"shrink": 1}}),
    );
    assert_eq!(issue_at(e, "shrink", None)["rows_accepted"], 0);

    let run = case.run_once();
    run.assert_code(1, "run --once with a header-only file");
    let status = case.entity_status("clientes");
    assert_eq!(status["last_verdict"], "held", "{status:#}");
    assert_eq!(status["counts"]["shrink"], 1, "{status:#}");
    assert_eq!(case.published("clientes"), None);

    // validate with the agent's data dir says the same, and a row makes both publish.
    case.write_old("clientes.csv", "COD_CLIENTE;NOMBRE\nC1;uno\n");
    let out = case.run(&["validate", folder.to_str().unwrap(), "--format", "json"]);
    out.assert_code(0, "validate of one row");
    case.run_once().assert_code(0, "run --once with one row");
    assert_eq!(case.entity_status("clientes")["last_verdict"], "accepted");
}

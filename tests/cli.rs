//! Black-box tests of `sheetdrop validate` (docs/contract.md §1-2 and the validate semantics).
//! Every test runs the real binary on fixtures under tests/fixtures (written byte-exact by a
//! generator; see tests/fixtures/.gitattributes) or on files generated at run time.

mod util;

use serde_json::{json, Value};
use std::fs;
use std::path::Path;
use util::*;

const HDR: [&str; 3] = ["COD_CLIENTE", "RAZÓN_SOCIAL", "CIUDAD"];
const DEFAULT_ENTITIES: [&str; 6] = [
    "usuarios",
    "sucursales",
    "clientes",
    "ventas",
    "unidades",
    "servicios",
];

// ───────────────────────────── reading ─────────────────────────────

/// The reading fixtures hold the same three clients (IDs PEÑA-01, NÚÑEZ-02, MUÑOZ-03) in some
/// encoding/dialect, plus a UTF-8 `ventas.csv` whose required refs name those three IDs: ventas
/// is clean only if clientes' accented values were decoded right.
#[test]
fn reads_the_three_clients_in_each_encoding_and_dialect() {
    // (case: the fixture under read/, the encoding and the delimiter the report names)
    check_cases(
        [
            ("reads_utf8", ("utf8", "utf-8", ",")),
            ("reads_utf8_with_bom", ("utf8_bom", "utf-8", ";")),
            ("reads_utf16le_with_bom", ("utf16le_bom", "utf-16le", ";")),
            ("reads_utf16be_with_bom", ("utf16be_bom", "utf-16be", "\t")),
            ("detects_windows_1252", ("windows1252", "windows-1252", ";")),
            // config says windows-1252, the file starts with a UTF-8 BOM
            (
                "bom_wins_over_configured_encoding",
                ("bom_beats_config", "utf-8", ";"),
            ),
            ("sniffs_comma", ("delim_comma", "utf-8", ",")),
            ("sniffs_semicolon", ("delim_semicolon", "utf-8", ";")),
            ("sniffs_tab", ("delim_tab", "utf-8", "\t")),
            ("sniffs_pipe", ("delim_pipe", "utf-8", "|")),
            (
                "header_names_and_values_are_trimmed",
                ("header_spaces", "utf-8", ";"),
            ),
        ],
        |(folder, encoding, delimiter)| {
            let report = validate_dir(&fixture(&format!("read/{folder}")), 0);
            assert_eq!(report["ok"], true);
            assert_fields(
                entity(&report, "clientes"),
                json!({
                    "file": "clientes.csv", "encoding": encoding, "delimiter": delimiter,
                    "rows": 3, "columns": HDR, "verdict": "accepted", "rows_accepted": 3,
                    "counts": {}, "issues": [],
                }),
            );
            assert_fields(
                entity(&report, "ventas"),
                json!({"verdict": "accepted", "rows": 3, "rows_accepted": 3, "counts": {}, "issues": []}),
            );
        },
    );
}

/// What the report of a fixture folder must hold: its exit code (`ok` true with 0 only), the
/// fields of some entities, and issues as [`assert_issue`] compares them (with the keys left
/// unchecked), each found by its entity and the code and row it gives.
struct Folder {
    fixture: &'static str,
    exit: i32,
    fields: Vec<(&'static str, Value)>,
    issues: Vec<(&'static str, Value, &'static [&'static str])>,
}

impl Folder {
    fn new(fixture: &'static str, exit: i32) -> Folder {
        let (fields, issues) = (Vec::new(), Vec::new());
        Folder {
            fixture,
            exit,
            fields,
            issues,
        }
    }

    /// `entity` has these fields (see [`assert_fields`]).
    fn fields(mut self, entity: &'static str, fields: Value) -> Folder {
        self.fields.push((entity, fields));
        self
    }

    /// `entity` lists this issue, exactly.
    fn issue(self, entity: &'static str, issue: Value) -> Folder {
        self.issue_but(entity, issue, &[])
    }

    /// `entity` lists this issue, exactly but for the keys `ignore`.
    fn issue_but(
        mut self,
        entity: &'static str,
        issue: Value,
        ignore: &'static [&'static str],
    ) -> Folder {
        self.issues.push((entity, issue, ignore));
        self
    }

    fn check(self) {
        let report = validate_dir(&fixture(self.fixture), self.exit);
        assert_eq!(report["ok"], self.exit == 0);
        for (name, fields) in self.fields {
            assert_fields(entity(&report, name), fields);
        }
        for (name, issue, ignore) in self.issues {
            let code = issue["code"].as_str().expect("an issue has a code");
            let found = issue_at(entity(&report, name), code, issue["row"].as_u64());
            assert_issue(found, issue, ignore);
        }
    }
}

/// A duplicate-id issue of `COD_CLIENTE`.
fn dup(row: u64, line: u64, value: &str, first_row: u64) -> Value {
    json!({"code": "duplicate-id", "severity": "error", "row": row, "line": line,
           "column": "COD_CLIENTE", "value": value, "first_row": first_row})
}

/// A folder whose clientes (4 rows split on `delimiter`, columns COD_CLIENTE, RAZÓN_SOCIAL and
/// `more`) repeats an ID on row 4, at (line, value, first row): partial, one row left out.
fn row_4_repeats(
    fixture: &'static str,
    delimiter: &str,
    more: &[&str],
    at: (u64, &str, u64),
) -> Folder {
    let columns: Vec<&str> = ["COD_CLIENTE", "RAZÓN_SOCIAL"]
        .iter()
        .chain(more)
        .copied()
        .collect();
    let (line, value, first_row) = at;
    Folder::new(fixture, 1)
        .fields(
            "clientes",
            json!({"delimiter": delimiter, "rows": 4, "columns": columns, "verdict": "partial",
                   "rows_accepted": 3, "counts": {"duplicate-id": 1}}),
        )
        .issue("clientes", dup(4, line, value, first_row))
}

#[test]
fn reads_what_the_config_says_and_each_dialect_to_the_line() {
    check_cases(
        [
            (
                // The bytes C3 91 are valid UTF-8 ("Ñ"), so auto-detection would say utf-8;
                // with encoding = "latin1" they are "Ã‘", which is what ventas.csv refers to.
                "configured_latin1_overrides_detection",
                Folder::new("read/latin1_override", 0)
                    .fields(
                        "clientes",
                        json!({
                            "encoding": "windows-1252", "delimiter": ";", "rows": 3,
                            "columns": ["COD_CLIENTE", "RAZON_SOCIAL", "CIUDAD"],
                            "verdict": "accepted", "rows_accepted": 3, "counts": {},
                        }),
                    )
                    .fields(
                        "ventas",
                        json!({"verdict": "accepted", "rows": 2, "counts": {}, "issues": []}),
                    ),
            ),
            (
                // Split on "," the file has 3 consistent columns and no COD_CLIENTE column;
                // the configured ";" gives 2 columns.
                "configured_delimiter_overrides_sniffing",
                Folder::new("read/delim_override", 0)
                    .fields(
                        "clientes",
                        json!({
                            "delimiter": ";", "rows": 3, "columns": ["COD_CLIENTE", "NOMBRE,CIUDAD,PAIS"],
                            "verdict": "accepted", "rows_accepted": 3, "counts": {},
                        }),
                    )
                    .fields("ventas", json!({"verdict": "accepted", "counts": {}})),
            ),
            (
                // the ID is the last column, so a lost final byte would break ventas' ref to
                // MUÑOZ-03
                "no_trailing_newline_keeps_last_value",
                Folder::new("read/no_trailing_newline", 0)
                    .fields(
                        "clientes",
                        json!({
                            "delimiter": ",", "rows": 3, "columns": ["RAZÓN_SOCIAL", "CIUDAD", "COD_CLIENTE"],
                            "verdict": "accepted", "rows_accepted": 3, "counts": {},
                        }),
                    )
                    .fields("ventas", json!({"verdict": "accepted", "counts": {}})),
            ),
            (
                // row 2 has a cell spanning lines 3-5; the duplicate of row 1 is row 4 on
                // line 7, and its ID is the quoted `"PEÑA,""01"""`.
                "quoted_delimiters_quotes_and_newlines",
                row_4_repeats("read/quoted", ",", &["NOTAS"], (7, "PEÑA,\"01\"", 1)),
            ),
            (
                "crlf_with_quoted_crlf_counts_lines",
                row_4_repeats("read/crlf", ";", &["NOTAS"], (6, "NÚÑEZ-02", 2)),
            ),
            (
                // lines 3, 5 (" ; ;;"), 7 (spaces), 9, 10 (";;;") and 11 are skipped; the
                // duplicate of row 1 is row 4 on line 8.
                "blank_lines_and_empty_records_are_not_rows",
                row_4_repeats(
                    "read/blank_lines",
                    ";",
                    &["CIUDAD", "TELÉFONO"],
                    (8, "PEÑA-01", 1),
                ),
            ),
        ],
        Folder::check,
    );
}

#[test]
fn upper_case_file_name_matches_default_catalog() {
    // no --config, empty XDG_CONFIG_HOME: the default catalog, ID = first column
    let report = validate(&fixture("read/upper_case_name"), None, 0);
    let mut names = entity_names(&report);
    names.sort();
    let mut expected = DEFAULT_ENTITIES.to_vec();
    expected.sort();
    assert_eq!(names, expected);
    assert_fields(
        entity(&report, "clientes"),
        json!({
            "file": "CLIENTES.CSV", "encoding": "utf-8", "delimiter": ";", "rows": 3,
            "columns": HDR, "verdict": "accepted", "rows_accepted": 3, "counts": {},
        }),
    );
    for name in DEFAULT_ENTITIES.iter().filter(|n| **n != "clientes") {
        assert_eq!(entity(&report, name)["verdict"], "missing", "{name}");
    }
}

#[test]
fn glob_picks_the_newest_match() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("read/glob"), dir.path());
    let (enero, febrero) = (
        dir.path().join("ventas_enero.csv"),
        dir.path().join("ventas_febrero.csv"),
    );

    set_age(&febrero, 3600);
    set_age(&enero, 60);
    let report = validate_dir(dir.path(), 0);
    assert_fields(
        entity(&report, "ventas"),
        json!({"file": "ventas_enero.csv", "rows": 3, "verdict": "accepted", "counts": {}}),
    );

    set_age(&enero, 7200);
    let report = validate_dir(dir.path(), 0);
    assert_fields(
        entity(&report, "ventas"),
        json!({"file": "ventas_febrero.csv", "rows": 2, "verdict": "accepted", "counts": {}}),
    );
}

#[test]
fn temp_lock_and_hidden_files_are_ignored() {
    // the entity's glob "*clientes.csv*" matches all of these names
    let junk = [
        "~$clientes.csv",
        ".~lock.clientes.csv#",
        "clientes.csv.tmp",
        ".clientes.csv",
    ];
    let body = "COD_CLIENTE;NOMBRE\nC1;Ana\n";
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("read/lock_files/sheetdrop.toml"),
        dir.path().join("sheetdrop.toml"),
    )
    .unwrap();
    for n in junk {
        fs::write(dir.path().join(n), body).unwrap();
    }
    let report = validate_dir(dir.path(), 0);
    assert_eq!(report["ok"], true);
    assert_fields(
        entity(&report, "clientes"),
        json!({"verdict": "missing", "file": null, "rows": 0, "columns": [], "counts": {}, "issues": []}),
    );

    // a real file wins even though every junk file is newer
    let real = dir.path().join("clientes.csv");
    fs::write(&real, "COD_CLIENTE;NOMBRE\nC1;Ana\nC2;Beto\n").unwrap();
    set_age(&real, 3600);
    for n in junk {
        set_age(&dir.path().join(n), 1);
    }
    let report = validate_dir(dir.path(), 0);
    assert_fields(
        entity(&report, "clientes"),
        json!({"file": "clientes.csv", "rows": 2, "verdict": "accepted"}),
    );
}

// ───────────────────────────── one folder per issue code ─────────────────────────────

#[test]
fn empty_file_zero_bytes_bom_only_blank_only() {
    let report = validate_dir(&fixture("issues/empty_file"), 1);
    assert_eq!(report["ok"], false);
    // clientes: 0 bytes; usuarios: only a UTF-8 BOM; sucursales: only blank lines
    for name in ["clientes", "usuarios", "sucursales"] {
        let e = entity(&report, name);
        assert_fields(
            e,
            json!({"verdict": "rejected", "rows": 0, "rows_accepted": 0, "columns": [],
                   "counts": {"empty-file": 1}}),
        );
        assert_eq!(e["issues"].as_array().unwrap().len(), 1, "{name}");
        assert_issue(
            &e["issues"][0],
            json!({"code": "empty-file", "severity": "error"}),
            &["line"],
        );
    }
    assert_eq!(entity(&report, "usuarios")["encoding"], "utf-8");
}

#[test]
fn missing_id_and_ref_columns() {
    let report = validate_dir(&fixture("issues/missing_column"), 1);
    let c = entity(&report, "clientes");
    assert_fields(
        c,
        json!({"verdict": "rejected", "rows": 2, "rows_accepted": 0,
               "columns": ["RAZON_SOCIAL", "CODCLIENTE", "CIUDAD"],
               "counts": {"missing-column": 1}}),
    );
    let i = issue_at(c, "missing-column", None);
    assert_issue(
        i,
        json!({"code": "missing-column", "severity": "error", "line": 1, "column": "COD_CLIENTE",
               "closest_column": "CODCLIENTE"}),
        &[],
    );
    let msg = i["message"].as_str().unwrap();
    for col in ["RAZON_SOCIAL", "CODCLIENTE", "CIUDAD"] {
        assert!(
            msg.contains(col),
            "message lists the header's columns: {msg}"
        );
    }
    // once in the list of columns and once as the closest match
    assert!(
        msg.matches("CODCLIENTE").count() >= 2,
        "message names the closest column: {msg}"
    );

    let v = entity(&report, "ventas");
    assert_fields(
        v,
        json!({"verdict": "rejected", "rows_accepted": 0, "counts": {"missing-column": 1}}),
    );
    assert_issue(
        issue_at(v, "missing-column", None),
        json!({"code": "missing-column", "severity": "error", "line": 1, "column": "COD_VENDEDOR",
               "closest_column": "VENDEDOR"}),
        &[],
    );
    assert_fields(
        entity(&report, "usuarios"),
        json!({"verdict": "accepted", "counts": {}}),
    );
}

/// One fixture folder per issue code (or a few close ones), its report compared field by field.
#[test]
fn each_issue_code_is_reported_where_it_is() {
    let ragged = |row: u64, line: u64, fields: u64| {
        json!({"code": "ragged-row", "severity": "error", "row": row, "line": line,
               "fields": fields, "expected_fields": 3})
    };
    let orphaned =
        |severity: &str, row: u64, column: &str, value: &str, parent: &str, ref_row: u64| {
            json!({"code": "orphaned-ref", "severity": severity, "row": row, "line": row + 1,
               "column": column, "value": value, "ref_entity": parent,
               "ref_file": format!("{parent}.csv"), "ref_row": ref_row})
        };
    check_cases(
        [
            (
                "duplicate_header_after_trimming",
                Folder::new("issues/duplicate_header", 1)
                    .fields(
                        "clientes",
                        json!({"verdict": "rejected", "rows": 2, "rows_accepted": 0,
                               "columns": ["COD_CLIENTE", "NOMBRE", "CIUDAD", "NOMBRE"],
                               "counts": {"duplicate-header": 1}}),
                    )
                    .issue(
                        "clientes",
                        json!({"code": "duplicate-header", "severity": "error", "line": 1, "column": "NOMBRE",
                               "column_numbers": [2, 4]}),
                    ),
            ),
            (
                // "COD_CLIENTE;NOMBRE;CIUDAD;" — the trailing delimiter many exports add
                "empty_header_is_only_a_warning",
                Folder::new("issues/empty_header", 0)
                    .fields(
                        "clientes",
                        json!({"verdict": "accepted", "rows": 2, "rows_accepted": 2,
                               "columns": ["COD_CLIENTE", "NOMBRE", "CIUDAD", ""],
                               "counts": {"empty-header": 1}}),
                    )
                    .issue_but(
                        "clientes",
                        json!({"code": "empty-header", "severity": "warning", "line": 1, "column_numbers": [4]}),
                        &["column"],
                    ),
            ),
            (
                "ragged_rows_short_and_long",
                Folder::new("issues/ragged_row", 1)
                    .fields(
                        "clientes",
                        json!({"delimiter": ";", "verdict": "partial", "rows": 6, "rows_accepted": 4,
                               "counts": {"ragged-row": 2}}),
                    )
                    .issue("clientes", ragged(2, 3, 2))
                    .issue("clientes", ragged(4, 5, 4)),
            ),
            (
                "undecodable_byte_in_declared_utf8",
                Folder::new("issues/undecodable", 1)
                    .fields(
                        "clientes",
                        json!({"encoding": "utf-8", "verdict": "partial", "rows": 3, "rows_accepted": 2,
                               "counts": {"undecodable": 1}}),
                    )
                    .issue(
                        "clientes",
                        json!({"code": "undecodable", "severity": "error", "row": 2, "line": 3,
                               "column": "NOMBRE", "value": "Jos\u{FFFD}"}),
                    ),
            ),
            (
                // row 2 is "" and row 3 is "   "
                "empty_and_blank_ids",
                [(2, 3), (3, 4)].into_iter().fold(
                    Folder::new("issues/empty_id", 1).fields(
                        "clientes",
                        json!({"verdict": "partial", "rows": 5, "rows_accepted": 3, "counts": {"empty-id": 2}}),
                    ),
                    |folder, (row, line)| {
                        folder.issue_but(
                            "clientes",
                            json!({"code": "empty-id", "severity": "error", "row": row, "line": line,
                                   "column": "COD_CLIENTE"}),
                            &["value"],
                        )
                    },
                ),
            ),
            (
                // C1, C2, " C1 " (trimmed), C3, C2, C1
                "duplicate_ids_point_to_first_row",
                Folder::new("issues/duplicate_id", 1)
                    .fields(
                        "clientes",
                        json!({"verdict": "partial", "rows": 6, "rows_accepted": 3, "counts": {"duplicate-id": 3}}),
                    )
                    .issue("clientes", dup(3, 4, "C1", 1))
                    .issue("clientes", dup(5, 6, "C2", 2))
                    .issue("clientes", dup(6, 7, "C1", 1)),
            ),
            (
                // an empty optional ref (row 5) and a ref with spaces around it (row 6) are
                // fine; the optional dangling ref (row 4) is a warning and does not leave its
                // row out
                "missing_and_dangling_refs",
                Folder::new("issues/refs", 1)
                    .fields("usuarios", json!({"verdict": "accepted", "counts": {}}))
                    .fields("clientes", json!({"verdict": "accepted", "counts": {}}))
                    .fields(
                        "ventas",
                        json!({"verdict": "partial", "rows": 6, "rows_accepted": 4,
                               "counts": {"missing-ref": 1, "dangling-ref": 2}}),
                    )
                    .issue_but(
                        "ventas",
                        json!({"code": "missing-ref", "severity": "error", "row": 2, "line": 3,
                               "column": "COD_CLIENTE", "ref_entity": "clientes"}),
                        &["value"],
                    )
                    .issue(
                        "ventas",
                        json!({"code": "dangling-ref", "severity": "error", "row": 3, "line": 4,
                               "column": "COD_CLIENTE", "value": "C9",
                               "ref_entity": "clientes", "ref_file": "clientes.csv"}),
                    )
                    .issue(
                        "ventas",
                        json!({"code": "dangling-ref", "severity": "warning", "row": 4, "line": 5,
                               "column": "COD_VENDEDOR", "value": "U7",
                               "ref_entity": "usuarios", "ref_file": "usuarios.csv"}),
                    ),
            ),
            (
                // V3 -> C03 is fine: the first C03 stayed, only its duplicate was left out
                "orphaned_refs_to_rows_left_out",
                Folder::new("issues/orphaned_ref", 1)
                    .fields(
                        "usuarios",
                        json!({"verdict": "partial", "rows": 4, "rows_accepted": 3, "counts": {"ragged-row": 1}}),
                    )
                    .fields(
                        "clientes",
                        json!({"verdict": "partial", "rows": 6, "rows_accepted": 3,
                               "counts": {"ragged-row": 2, "duplicate-id": 1}}),
                    )
                    .fields(
                        "ventas",
                        json!({"verdict": "partial", "rows": 7, "rows_accepted": 5, "counts": {"orphaned-ref": 3}}),
                    )
                    .issue("clientes", ragged(2, 3, 2))
                    .issue("clientes", dup(4, 5, "C03", 3))
                    .issue("clientes", ragged(5, 6, 4))
                    .issue("ventas", orphaned("error", 2, "COD_CLIENTE", "C02", "clientes", 2))
                    .issue("ventas", orphaned("error", 4, "COD_CLIENTE", "C04", "clientes", 5))
                    .issue("ventas", orphaned("warning", 5, "COD_VENDEDOR", "U2", "usuarios", 2)),
            ),
            (
                // V2 -> C9 is not reported as dangling: the rejected clientes file is no
                // reference
                "unverified_refs_when_parent_file_rejected",
                Folder::new("issues/unverified_rejected", 1)
                    .fields("clientes", json!({"verdict": "rejected"}))
                    .fields(
                        "ventas",
                        json!({"verdict": "accepted", "rows": 2, "rows_accepted": 2,
                               "counts": {"unverified-refs": 1}}),
                    )
                    .issue_but(
                        "ventas",
                        json!({"code": "unverified-refs", "severity": "warning", "column": "COD_CLIENTE",
                               "ref_entity": "clientes", "ref_file": "clientes.csv", "unverified_reason": "rejected"}),
                        &["line"],
                    ),
            ),
            (
                // A rejected file still lists its issues. ventas has only warnings: an
                // optional dangling ref, and its clientes refs unverified because clientes
                // was rejected.
                "on_error_reject_rejects_on_any_error_but_not_on_warnings",
                Folder::new("issues/on_error_reject", 1)
                    .fields(
                        "clientes",
                        json!({"verdict": "rejected", "rows": 4, "rows_accepted": 0,
                               "counts": {"duplicate-id": 1, "too-many-invalid-rows": 1}}),
                    )
                    .issue("clientes", dup(4, 5, "C2", 2))
                    .fields(
                        "ventas",
                        json!({"verdict": "accepted", "rows": 2, "rows_accepted": 2,
                               "counts": {"dangling-ref": 1, "unverified-refs": 1}}),
                    )
                    .issue(
                        "ventas",
                        json!({"code": "dangling-ref", "severity": "warning", "row": 2, "line": 3,
                               "column": "COD_VENDEDOR", "value": "U9",
                               "ref_entity": "usuarios", "ref_file": "usuarios.csv"}),
                    )
                    .fields("usuarios", json!({"verdict": "accepted"})),
            ),
        ],
        Folder::check,
    );
}

#[test]
fn unverified_refs_when_parent_file_absent() {
    let report = validate_dir(&fixture("issues/unverified_absent"), 0);
    assert_eq!(report["ok"], true);
    assert_eq!(entity(&report, "clientes")["verdict"], "missing");
    assert_eq!(entity(&report, "usuarios")["verdict"], "missing");
    let v = entity(&report, "ventas");
    // V2 names C9/U9, which cannot be checked: no dangling-ref
    assert_fields(
        v,
        json!({"verdict": "accepted", "rows": 3, "rows_accepted": 3,
               "counts": {"unverified-refs": 2}}),
    );
    assert_eq!(v["issues"].as_array().unwrap().len(), 2);
    for (col, parent) in [("COD_CLIENTE", "clientes"), ("COD_VENDEDOR", "usuarios")] {
        let i = issues(v, "unverified-refs")
            .into_iter()
            .find(|i| i["column"] == col);
        let i = i.unwrap_or_else(|| panic!("unverified-refs for {col}: {v:#}"));
        assert_issue(
            i,
            json!({"code": "unverified-refs", "severity": "warning", "column": col,
                   "ref_entity": parent, "unverified_reason": "missing"}),
            &["line"],
        );
    }
}

// ───────────────────────────── thresholds and caps (generated at run time) ─────────────

/// A folder with clientes.csv of `rows` data rows, the last `dups` of which repeat row 1's ID,
/// and a config with `policy` as its [policy] body.
fn threshold_case(rows: usize, dups: usize, policy: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("COD_CLIENTE;NOMBRE\n");
    for r in 1..=rows {
        let id = if r > rows - dups { 1 } else { r };
        csv.push_str(&format!("C{id};Cliente {r}\n"));
    }
    fs::write(dir.path().join("clientes.csv"), csv).unwrap();
    fs::write(
        dir.path().join("sheetdrop.toml"),
        format!("[policy]\n{policy}\n\n[[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"COD_CLIENTE\"\n"),
    )
    .unwrap();
    dir
}

fn verdict_for(rows: usize, dups: usize, policy: &str, exit: i32) -> Value {
    let dir = threshold_case(rows, dups, policy);
    let report = validate_dir(dir.path(), exit);
    let c = entity(&report, "clientes").clone();
    assert_eq!(c["rows"], rows, "rows");
    // A file rejected for its bad rows says so, once (issue 13 point 4).
    let mut counts = json!({"duplicate-id": dups});
    if c["verdict"] == "rejected" {
        counts["too-many-invalid-rows"] = json!(1);
    }
    assert_eq!(c["counts"], counts);
    assert_eq!(
        issues(&c, "duplicate-id").len(),
        dups,
        "every issue listed, whatever the verdict"
    );
    c
}

#[test]
fn max_invalid_rows_boundaries() {
    // (case: policy, rows, duplicates, verdict, rows accepted): at the limit, then over it
    check_cases(
        [
            (
                "count_boundary_at",
                ("max_invalid_rows = 2", 10, 2, "partial", 8),
            ),
            (
                "count_boundary_over",
                ("max_invalid_rows = 2", 10, 3, "rejected", 0),
            ),
            // 10% of 20 rows: 2 left out is at the limit, 3 is over it
            (
                "percent_boundary_at",
                ("max_invalid_rows = \"10%\"", 20, 2, "partial", 18),
            ),
            (
                "percent_boundary_over",
                ("max_invalid_rows = \"10%\"", 20, 3, "rejected", 0),
            ),
            ("default_is_one_percent_at", ("", 100, 1, "partial", 99)),
            ("default_is_one_percent_over", ("", 100, 2, "rejected", 0)),
        ],
        |(policy, rows, dups, verdict, accepted)| {
            let c = verdict_for(rows, dups, policy, 1);
            assert_fields(&c, json!({"verdict": verdict, "rows_accepted": accepted}));
        },
    );
}

#[test]
fn issues_capped_at_1000_per_code_but_all_counted() {
    // rows 1-100 unique, rows 101-1600 repeat them (1500 duplicate-id), rows 1601-1603 empty IDs
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("COD_CLIENTE;NOMBRE\n");
    for r in 1..=1600 {
        csv.push_str(&format!("C{};Cliente {r}\n", (r - 1) % 100 + 1));
    }
    csv.push_str(";Sin ID 1\n;Sin ID 2\n;Sin ID 3\n");
    fs::write(dir.path().join("clientes.csv"), csv).unwrap();
    fs::write(
        dir.path().join("sheetdrop.toml"),
        "[[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"COD_CLIENTE\"\n",
    )
    .unwrap();
    let report = validate_dir(dir.path(), 1);
    let c = entity(&report, "clientes");
    assert_fields(
        c,
        json!({"rows": 1603, "verdict": "rejected", "rows_accepted": 0,
               "counts": {"duplicate-id": 1500, "empty-id": 3, "too-many-invalid-rows": 1}}),
    );
    let dups = issues(c, "duplicate-id");
    assert_eq!(dups.len(), 1000);
    assert_eq!(issues(c, "empty-id").len(), 3, "the cap is per code");
    // the first 1000 in file order are the ones listed
    let mut rows: Vec<u64> = dups.iter().map(|i| i["row"].as_u64().unwrap()).collect();
    rows.sort();
    assert_eq!(rows, (101..=1100).collect::<Vec<u64>>());
    for i in dups {
        let row = i["row"].as_u64().unwrap();
        assert_eq!(i["line"], row + 1);
        assert_eq!(i["first_row"], (row - 1) % 100 + 1);
    }
}

// ───────────────────────────── whole folders, exit codes, config errors ─────────────

#[test]
fn defective_folder_full_report() {
    let report = validate(
        &fixture("six/defective"),
        Some(&fixture("six/sheetdrop.toml")),
        1,
    );
    assert_eq!(report["ok"], false);
    let names = entity_names(&report);
    assert_eq!(names.len(), 6, "{names:?}");
    for n in DEFAULT_ENTITIES {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
    // parents before children along required refs
    let pos = |n: &str| names.iter().position(|x| x == n).unwrap();
    for (parent, child) in [
        ("clientes", "ventas"),
        ("clientes", "servicios"),
        ("unidades", "servicios"),
    ] {
        assert!(
            pos(parent) < pos(child),
            "{parent} before {child}: {names:?}"
        );
    }

    assert_fields(
        entity(&report, "usuarios"),
        json!({"file": "usuarios.csv", "encoding": "utf-8", "delimiter": ",", "rows": 2,
               "columns": ["COD_USUARIO", "NOMBRE"], "verdict": "accepted", "rows_accepted": 2,
               "counts": {}, "issues": []}),
    );
    assert_fields(
        entity(&report, "sucursales"),
        json!({"verdict": "missing", "file": null, "rows": 0, "columns": [], "counts": {}, "issues": []}),
    );

    let c = entity(&report, "clientes");
    assert_fields(
        c,
        json!({"file": "clientes.csv", "encoding": "windows-1252", "delimiter": ";", "rows": 4,
               "columns": ["COD_CLIENTE", "RAZÓN_SOCIAL"], "verdict": "partial",
               "rows_accepted": 3, "counts": {"duplicate-id": 1}}),
    );
    assert_issue(
        issue_at(c, "duplicate-id", Some(4)),
        json!({"code": "duplicate-id", "severity": "error", "row": 4, "line": 5,
               "column": "COD_CLIENTE", "value": "C2", "first_row": 2}),
        &[],
    );

    let v = entity(&report, "ventas");
    assert_fields(
        v,
        json!({"file": "ventas.csv", "encoding": "utf-8", "delimiter": ";", "rows": 4,
               "columns": ["NRO_VENTA", "COD_CLIENTE", "COD_VENDEDOR", "COD_SUCURSAL"],
               "verdict": "partial", "rows_accepted": 3,
               "counts": {"dangling-ref": 2, "unverified-refs": 1}}),
    );
    assert_issue(
        issue_at(v, "dangling-ref", Some(2)),
        json!({"code": "dangling-ref", "severity": "error", "row": 2, "line": 3,
               "column": "COD_CLIENTE", "value": "C9",
               "ref_entity": "clientes", "ref_file": "clientes.csv"}),
        &[],
    );
    assert_issue(
        issue_at(v, "dangling-ref", Some(3)),
        json!({"code": "dangling-ref", "severity": "warning", "row": 3, "line": 4,
               "column": "COD_VENDEDOR", "value": "U7",
               "ref_entity": "usuarios", "ref_file": "usuarios.csv"}),
        &[],
    );
    assert_issue(
        issue_at(v, "unverified-refs", None),
        json!({"code": "unverified-refs", "severity": "warning", "column": "COD_SUCURSAL",
               "ref_entity": "sucursales", "unverified_reason": "missing"}),
        &["line"],
    );

    let u = entity(&report, "unidades");
    // VIN2 names sale V2, left out of ventas for its dangling client: optional, so a warning
    assert_fields(
        u,
        json!({"rows": 3, "verdict": "accepted", "rows_accepted": 3,
               "counts": {"orphaned-ref": 1, "unverified-refs": 1}}),
    );
    assert_issue(
        issue_at(u, "orphaned-ref", Some(2)),
        json!({"code": "orphaned-ref", "severity": "warning", "row": 2, "line": 3,
               "column": "NRO_VENTA", "value": "V2",
               "ref_entity": "ventas", "ref_file": "ventas.csv", "ref_row": 2}),
        &[],
    );

    // validate's English messages stay as they were, beside the new facts.
    for (e, code, row, message) in [
        ("ventas", "dangling-ref", Some(2), "COD_CLIENTE C9 is not an ID of clientes (clientes.csv)"),
        ("ventas", "unverified-refs", None,
         "COD_SUCURSAL not checked: there is no sucursales file to check against"),
        ("unidades", "orphaned-ref", Some(2),
         "NRO_VENTA V2 points at row 2 of ventas (ventas.csv), which is left out for its own errors"),
        ("servicios", "ragged-row", Some(2), "the row has 4 fields but the header has 5"),
        ("servicios", "missing-ref", Some(3),
         "COD_CLIENTE is empty, but every row must name one of clientes"),
    ] {
        assert_eq!(issue_at(entity(&report, e), code, row)["message"], message, "{e} {code}");
    }

    let s = entity(&report, "servicios");
    assert_fields(
        s,
        json!({"rows": 5, "verdict": "partial", "rows_accepted": 3,
               "columns": ["NRO_OT", "COD_CLIENTE", "VIN", "COD_SUCURSAL", "COD_USUARIO"],
               "counts": {"ragged-row": 1, "missing-ref": 1, "unverified-refs": 1}}),
    );
    assert_issue(
        issue_at(s, "ragged-row", Some(2)),
        json!({"code": "ragged-row", "severity": "error", "row": 2, "line": 3,
               "fields": 4, "expected_fields": 5}),
        &[],
    );
    assert_issue(
        issue_at(s, "missing-ref", Some(3)),
        json!({"code": "missing-ref", "severity": "error", "row": 3, "line": 4,
               "column": "COD_CLIENTE", "ref_entity": "clientes"}),
        &["value"],
    );
    assert_issue(
        issue_at(s, "unverified-refs", None),
        json!({"code": "unverified-refs", "severity": "warning", "column": "COD_SUCURSAL",
               "ref_entity": "sucursales", "unverified_reason": "missing"}),
        &["line"],
    );
}

#[test]
fn clean_folder_is_ok_and_exits_0() {
    let report = validate(
        &fixture("six/clean"),
        Some(&fixture("six/sheetdrop.toml")),
        0,
    );
    assert_eq!(report["ok"], true);
    assert_eq!(entity_names(&report).len(), 6);
    for (name, rows) in [
        ("usuarios", 2),
        ("sucursales", 2),
        ("clientes", 3),
        ("ventas", 4),
        ("unidades", 3),
        ("servicios", 5),
    ] {
        assert_fields(
            entity(&report, name),
            json!({"verdict": "accepted", "rows": rows, "rows_accepted": rows,
                   "counts": {}, "issues": []}),
        );
    }
}

#[test]
fn text_format_names_entities_and_verdicts() {
    let cfg = fixture("six/sheetdrop.toml"); // language = "en"
    let out = validate_fmt(&fixture("six/defective"), Some(&cfg), "text");
    assert_eq!(
        out.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    let text = out.stdout.to_lowercase();
    for name in DEFAULT_ENTITIES {
        assert!(text.contains(name), "{name} in:\n{}", out.stdout);
    }
    for word in ["accepted", "partial", "missing"] {
        assert!(text.contains(word), "{word} in:\n{}", out.stdout);
    }
    // Each issue's title, column, value and detail.
    for line in [
        "- error: row 2, line 3: Reference to a record that does not exist, column \"COD_CLIENTE\", \
         value \"C9\", not an ID of clientes (clientes.csv)",
        "- error: row 2, line 3: Row with too many or too few columns, the row has 4 fields but \
         the header has 5 fields",
    ] {
        assert!(out.stdout.contains(line), "{line:?} in:\n{}", out.stdout);
    }

    let out = validate_fmt(&fixture("six/clean"), Some(&cfg), "text");
    assert_eq!(
        out.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout.to_lowercase().contains("accepted"),
        "{}",
        out.stdout
    );
}

/// `validate --format text` of `six/defective` with the six config set to `language`.
fn defective_text_in(language: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = fs::read_to_string(fixture("six/sheetdrop.toml"))
        .unwrap()
        .replace("language = \"en\"", &format!("language = \"{language}\""));
    assert!(
        config.contains(language),
        "the six config names its language"
    );
    let cfg = dir.path().join("sheetdrop.toml");
    fs::write(&cfg, config).unwrap();
    let out = validate_fmt(&fixture("six/defective"), Some(&cfg), "text");
    assert_eq!(
        out.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    out.stdout
}

/// Fails when `text` (a text report in Spanish or Portuguese) has words of the English one.
fn assert_no_english(text: &str) {
    for english in [
        "Checked",
        "ACCEPTED",
        "rows",
        "issues:",
        "warning",
        "Result:",
        "not an ID",
        "points at",
        "the row has",
        "check against",
        "every row",
    ] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
}

#[test]
fn text_format_in_spanish_and_brazilian_portuguese() {
    check_cases(
        [
            (
                "text_format_in_spanish",
                ("es", [
                    "Carpeta revisada: ",
                    "usuarios     ACEPTADO: usuarios.csv (utf-8, separador coma), 2 filas, se puede publicar todo",
                    "sucursales   SIN ARCHIVO: no está en la carpeta",
                    "clientes     PARCIAL: clientes.csv (windows-1252, separador punto y coma), 4 filas, \
                     filas publicables: 3, filas que quedan afuera: 1",
                    "problemas: ID repetido (1)",
                    "- error: fila 4, línea 5: ID repetido, columna «COD_CLIENTE», valor «C2», ya usado en la fila 2",
                    // Each issue's detail, said from its facts.
                    "- aviso: Referencias sin verificar, columna «COD_SUCURSAL», no hay archivo de sucursales \
                     con el cual comparar",
                    "- error: fila 2, línea 3: Referencia a un registro que no existe, columna «COD_CLIENTE», \
                     valor «C9», no es un ID de clientes (clientes.csv)",
                    "- aviso: fila 2, línea 3: Referencia a una fila descartada, columna «NRO_VENTA», valor «V2», \
                     apunta a la fila 2 de ventas (ventas.csv), que quedó afuera por sus propios errores",
                    "- error: fila 2, línea 3: Fila con columnas de más o de menos, la fila tiene 4 columnas, \
                     pero el encabezado tiene 5 columnas",
                    "- error: fila 3, línea 4: Falta una referencia obligatoria, columna «COD_CLIENTE», está \
                     vacía, pero cada fila debe indicar un ID de clientes",
                    "Resultado: archivos rechazados: 0; parciales: 3. (validate solo revisa; no publica nada)",
                ]),
            ),
            (
                "text_format_in_brazilian_portuguese",
                ("pt-BR", [
                    "Pasta verificada: ",
                    "usuarios     ACEITO: usuarios.csv (utf-8, separador vírgula), 2 registros, tudo pode ser publicado",
                    "sucursales   SEM ARQUIVO: não está na pasta",
                    "clientes     PARCIAL: clientes.csv (windows-1252, separador ponto e vírgula), 4 registros, \
                     registros publicáveis: 3, registros que ficam de fora: 1",
                    "problemas: ID repetido (1)",
                    "- erro: registro 4, linha 5: ID repetido, coluna “COD_CLIENTE”, valor “C2”, já usado no registro 2",
                    // Each issue's detail, said from its facts.
                    "- aviso: Referências não verificadas, coluna “COD_SUCURSAL”, não há arquivo de sucursales \
                     com o qual comparar",
                    "- erro: registro 2, linha 3: Referência a um registro que não existe, coluna “COD_CLIENTE”, \
                     valor “C9”, não é um ID de clientes (clientes.csv)",
                    "- aviso: registro 2, linha 3: Referência a um registro descartado, coluna “NRO_VENTA”, \
                     valor “V2”, aponta para o registro 2 de ventas (ventas.csv), que ficou de fora pelos \
                     próprios erros",
                    "- erro: registro 2, linha 3: Registro com colunas a mais ou a menos, o registro tem 4 \
                     colunas, mas o cabeçalho tem 5 colunas",
                    "- erro: registro 3, linha 4: Falta uma referência obrigatória, coluna “COD_CLIENTE”, está \
                     vazia, mas cada registro deve indicar um ID de clientes",
                    "Resultado: arquivos rejeitados: 0; parciais: 3. (validate só verifica; não publica nada)",
                ]),
            ),
        ],
        |(language, lines)| {
            let text = defective_text_in(language);
            for expected in lines {
                assert!(text.contains(expected), "{expected:?} in:\n{text}");
            }
            assert_no_english(&text);
        },
    );
}

#[test]
fn config_errors_and_a_missing_folder_are_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    // (case: the folder, the config, what stderr must name, a line it must name)
    check_cases(
        [
            (
                "unknown_config_key_is_exit_2_naming_key_and_line",
                (
                    fixture("config_errors/data"),
                    "config_errors/unknown_key.toml",
                    &["on_eror"][..],
                    Some(7),
                ),
            ),
            (
                "ref_to_unknown_entity_is_exit_2",
                (
                    fixture("config_errors/data"),
                    "config_errors/unknown_entity.toml",
                    &["clientez"][..],
                    None,
                ),
            ),
            (
                "cycle_of_required_refs_is_exit_2",
                (
                    fixture("config_errors/data"),
                    "config_errors/cycle.toml",
                    &[][..],
                    None,
                ),
            ),
            (
                "nonexistent_folder_is_exit_2",
                (missing, "read/utf8/sheetdrop.toml", &[][..], None),
            ),
        ],
        |(folder, config, named, line)| {
            let out = validate_fmt(&folder, Some(&fixture(config)), "json");
            out.assert_code(2, config);
            assert!(!out.stderr.trim().is_empty());
            for name in named {
                assert!(out.stderr.contains(name), "{name} named: {}", out.stderr);
            }
            if let Some(line) = line {
                assert!(
                    mentions_line(&out.stderr, line),
                    "line {line} named: {}",
                    out.stderr
                );
            }
        },
    );
}

// ───────────────────────────── Frictionless catalog ─────────────────────────────

#[test]
fn datapackage_catalog_matches_equivalent_toml() {
    let data = fixture("datapackage/data");
    // config/sheetdrop.toml says catalog = "datapackage.json": relative to the toml,
    // not to the data folder or the working directory
    let dp = validate(
        &data,
        Some(&fixture("datapackage/config/sheetdrop.toml")),
        1,
    );
    let toml = validate(
        &data,
        Some(&fixture("datapackage/config/equivalent.toml")),
        1,
    );

    let c = entity(&dp, "clientes");
    assert_fields(
        c,
        json!({"encoding": "windows-1252", "delimiter": ";", "rows": 4,
               "columns": ["COD_CLIENTE", "RAZÓN_SOCIAL"], "verdict": "partial",
               "rows_accepted": 3, "counts": {"duplicate-id": 1}}),
    );
    assert_issue(
        issue_at(c, "duplicate-id", Some(3)),
        json!({"code": "duplicate-id", "severity": "error", "row": 3, "line": 4,
               "column": "COD_CLIENTE", "value": "C2", "first_row": 2}),
        &[],
    );
    let v = entity(&dp, "ventas");
    assert_fields(
        v,
        json!({"rows": 5, "verdict": "partial", "rows_accepted": 3,
               "counts": {"missing-ref": 1, "dangling-ref": 2}}),
    );
    assert_issue(
        issue_at(v, "missing-ref", Some(2)),
        json!({"code": "missing-ref", "severity": "error", "row": 2, "line": 3,
               "column": "COD_CLIENTE", "ref_entity": "clientes"}),
        &["value"],
    );
    assert_issue(
        issue_at(v, "dangling-ref", Some(3)),
        json!({"code": "dangling-ref", "severity": "error", "row": 3, "line": 4,
               "column": "COD_CLIENTE", "value": "C9",
               "ref_entity": "clientes", "ref_file": "clientes.csv"}),
        &[],
    );
    // COD_CLIENTE_FACTURA has no constraints.required: an optional ref
    assert_issue(
        issue_at(v, "dangling-ref", Some(4)),
        json!({"code": "dangling-ref", "severity": "warning", "row": 4, "line": 5,
               "column": "COD_CLIENTE_FACTURA", "value": "C8",
               "ref_entity": "clientes", "ref_file": "clientes.csv"}),
        &[],
    );

    assert_eq!(
        dp["entities"], toml["entities"],
        "datapackage.json and toml give the same report"
    );
}

// ───────────────────────────── errors and --help in each language ─────────────────────

/// What each language must say, for the tests below.
struct Words {
    /// The config's `language` value, and a locale of the same language.
    language: &'static str,
    locale: &'static str,
    /// A parse error of `folder = 3` on line 3, column 10.
    at_line: &'static str,
    wrong_type: &'static str,
    /// `--config nope.toml`.
    cannot_read: &'static str,
    /// `auth status` without the key file.
    identity: &'static str,
    no_key: &'static str,
    /// `sheetdrop frobnicate`.
    unknown_command: &'static str,
    usage: &'static str,
    /// `--help` and `validate --help`.
    headings: [&'static str; 6],
    /// `run --once --once`, and `--system` without a command.
    repeated: &'static str,
    no_command: &'static str,
    /// `service install|uninstall` without root, up to the action (tested on Linux).
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    needs_root: &'static str,
    /// `--config X service install`: the service does not use X (then its path).
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    config_not_used: &'static str,
}

const LANGUAGES: [Words; 3] = [
    Words {
        language: "es",
        locale: "es_AR.UTF-8",
        at_line: "línea 3, columna 10",
        wrong_type: "aquí va un texto entre comillas, no el número 3",
        cannot_read: "no se puede leer",
        identity: "identidad: cuenta de servicio (clave ",
        no_key: "token: no funciona: no se puede leer la clave de la cuenta de servicio ",
        unknown_command: "error: el comando 'frobnicate' no existe",
        usage: "Uso: sheetdrop [OPCIONES] <COMANDO>",
        headings: [
            "Uso:",
            "Comandos:",
            "Opciones:",
            "Muestra la ayuda",
            "Muestra la versión",
            "Argumentos:",
        ],
        repeated: "error: la opción '--once' va una sola vez\n",
        no_command: "error: falta el comando después de 'sheetdrop'\n  comandos: validate, run,",
        config_not_used: "aviso: el servicio no usa ",
        needs_root: "sheetdrop: error: hacen falta permisos de administrador: ejecútelo como root \
                     (sudo sheetdrop service ",
    },
    Words {
        language: "en",
        locale: "en_US.UTF-8",
        at_line: "line 3, column 10",
        wrong_type: "expected a text in quotes, found the number 3",
        cannot_read: "cannot read",
        identity: "identity: service account (key ",
        no_key: "token: does not work: cannot read the service-account key ",
        unknown_command: "error: unrecognized subcommand 'frobnicate'",
        usage: "Usage: sheetdrop [OPTIONS] <COMMAND>",
        headings: [
            "Usage:",
            "Commands:",
            "Options:",
            "Print help",
            "Print version",
            "Arguments:",
        ],
        repeated: "error: the argument '--once' cannot be used multiple times\n",
        no_command: "error: 'sheetdrop' requires a subcommand but one was not provided\n  \
                     subcommands: validate, run,",
        config_not_used: "note: the service does not use ",
        needs_root: "sheetdrop: error: administrator rights needed: run as root \
                     (sudo sheetdrop service ",
    },
    Words {
        language: "pt-BR",
        locale: "pt_BR.UTF-8",
        at_line: "linha 3, coluna 10",
        wrong_type: "aqui vai um texto entre aspas, não o número 3",
        cannot_read: "não é possível ler",
        identity: "identidade: conta de serviço (chave ",
        no_key: "token: não funciona: não é possível ler a chave da conta de serviço ",
        unknown_command: "erro: o comando 'frobnicate' não existe",
        usage: "Uso: sheetdrop [OPÇÕES] <COMANDO>",
        headings: [
            "Uso:",
            "Comandos:",
            "Opções:",
            "Mostra a ajuda",
            "Mostra a versão",
            "Argumentos:",
        ],
        repeated: "erro: a opção '--once' vai uma única vez\n",
        no_command: "erro: falta o comando depois de 'sheetdrop'\n  comandos: validate, run,",
        config_not_used: "aviso: o serviço não usa ",
        needs_root: "sheetdrop: erro: são necessárias permissões de administrador: execute como \
                     root (sudo sheetdrop service ",
    },
];

/// Runs `sheetdrop ARGS` with the OS locale `locale` (no LC_ALL or LC_MESSAGES to win over
/// it), no per-user config (HOME and XDG dirs are empty temp dirs) and `dir` as the working
/// directory.
fn sheetdrop_in(locale: &str, dir: &Path, args: &[&str]) -> Output {
    run_in(
        locale,
        dir,
        args,
        std::process::Command::new(env!("CARGO_BIN_EXE_sheetdrop")),
    )
}

/// [`sheetdrop_in`] as an ordinary user: as `nobody` when the tests run as root.
#[cfg(target_os = "linux")]
fn sheetdrop_unprivileged_in(locale: &str, dir: &Path, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        use std::os::unix::process::CommandExt;
        cmd.uid(65534).gid(65534);
    }
    run_in(locale, dir, args, cmd)
}

fn run_in(locale: &str, dir: &Path, args: &[&str], mut cmd: std::process::Command) -> Output {
    let home = tempfile::tempdir().unwrap();
    let out = cmd
        .args(args)
        .current_dir(dir)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run sheetdrop");
    Output {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_config_parse_error_is_in_the_configs_language_with_file_line_and_snippet() {
    let dir = tempfile::tempdir().unwrap();
    for words in &LANGUAGES {
        // The file does not load, yet its `language` is read; the locale says another one.
        let config = format!("language = \"{}\"\n[source]\nfolder = 3\n", words.language);
        fs::write(dir.path().join("bad.toml"), config).unwrap();
        let other = if words.language == "es" {
            "en_US.UTF-8"
        } else {
            "es_ES.UTF-8"
        };
        let out = sheetdrop_in(
            other,
            dir.path(),
            &["--config", "bad.toml", "validate", "."],
        );
        out.assert_code(2, words.language);
        let expected = format!("bad.toml, {}: {}\n", words.at_line, words.wrong_type);
        assert!(
            out.stderr.contains(&expected),
            "{expected:?} in:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("3 | folder = 3\n"),
            "toml's snippet:\n{}",
            out.stderr
        );
    }
}

#[test]
fn a_missing_config_is_said_in_the_locales_language_once() {
    let dir = tempfile::tempdir().unwrap();
    for words in &LANGUAGES {
        let out = sheetdrop_in(
            words.locale,
            dir.path(),
            &["--config", "nope.toml", "validate", "."],
        );
        out.assert_code(2, words.language);
        let expected = format!("{} nope.toml: ", words.cannot_read);
        assert!(
            out.stderr.contains(&expected),
            "{expected:?} in:\n{}",
            out.stderr
        );
        // The OS's reason, said once (it used to be repeated by the error chain).
        let reason = out.stderr.split(&expected).nth(1).unwrap().trim();
        assert!(
            !reason.is_empty() && !reason.contains(':'),
            "{}",
            out.stderr
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
}

#[test]
fn auth_status_without_the_key_is_in_the_configs_language() {
    let dir = tempfile::tempdir().unwrap();
    for words in &LANGUAGES {
        let config = format!(
            "language = \"{}\"\n[destination]\nkind = \"google\"\n[destination.google]\ncredentials = \"gone.json\"\n",
            words.language
        );
        fs::write(dir.path().join("google.toml"), config).unwrap();
        let out = sheetdrop_in(
            "C",
            dir.path(),
            &["--config", "google.toml", "auth", "status"],
        );
        out.assert_code(1, words.language);
        for expected in [words.identity, words.no_key, "gone.json"] {
            assert!(
                out.stdout.contains(expected),
                "{expected:?} in:\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn usage_errors_and_help_are_in_the_locales_language() {
    let dir = tempfile::tempdir().unwrap();
    for words in &LANGUAGES {
        let out = sheetdrop_in(words.locale, dir.path(), &["frobnicate"]);
        out.assert_code(2, "an unknown subcommand is a usage error");
        assert!(
            out.stderr.starts_with(words.unknown_command),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains(words.usage), "{}", out.stderr);

        let help = sheetdrop_in(words.locale, dir.path(), &["--help"]);
        help.assert_code(0, "--help");
        let validate = sheetdrop_in(words.locale, dir.path(), &["validate", "--help"]);
        validate.assert_code(0, "validate --help");
        let both = format!("{}{}", help.stdout, validate.stdout);
        for heading in words.headings {
            assert!(both.contains(heading), "{heading:?} in:\n{both}");
        }
    }
    // A config's language wins over the locale, for --help too.
    fs::write(dir.path().join("pt.toml"), "language = \"pt-BR\"\n").unwrap();
    let help = sheetdrop_in(
        "es_AR.UTF-8",
        dir.path(),
        &["--config", "pt.toml", "--help"],
    );
    assert!(
        help.stdout.contains("Comandos:") && help.stdout.contains("Opções:"),
        "{}",
        help.stdout
    );
}

#[test]
fn rarer_usage_errors_are_in_the_locales_language() {
    let dir = tempfile::tempdir().unwrap();
    for words in &LANGUAGES {
        let out = sheetdrop_in(words.locale, dir.path(), &["run", "--once", "--once"]);
        out.assert_code(2, "an option given twice is a usage error");
        assert!(out.stderr.starts_with(words.repeated), "{}", out.stderr);
        let out = sheetdrop_in(words.locale, dir.path(), &["--system"]);
        out.assert_code(2, "no command is a usage error");
        assert!(out.stderr.starts_with(words.no_command), "{}", out.stderr);
    }
}

/// The rest of the "not used" line of `service install`: where the service reads its config.
#[cfg(target_os = "linux")]
fn service_reads(language: &str) -> &'static str {
    match language {
        "es" => "lee siempre /etc/sheetdrop/sheetdrop.toml (copie allí su configuración)",
        "en" => "it always reads /etc/sheetdrop/sheetdrop.toml (copy your config there)",
        _ => "ele sempre lê /etc/sheetdrop/sheetdrop.toml (copie sua configuração para lá)",
    }
}

/// Without root, `service install` and `uninstall` say to run them as root, in the language
/// of the config or, without one, of the locale; exit 1, nothing on stdout.
#[cfg(target_os = "linux")]
#[test]
fn service_without_root_says_so_in_the_configs_or_the_locales_language() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Readable by `nobody`, who runs sheetdrop when the tests run as root.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    for words in &LANGUAGES {
        let config = dir.path().join(format!("{}.toml", words.language));
        fs::write(&config, format!("language = \"{}\"\n", words.language)).unwrap();
        fs::set_permissions(&config, fs::Permissions::from_mode(0o644)).unwrap();
        let other = if words.language == "es" {
            "en_US.UTF-8"
        } else {
            "es_ES.UTF-8"
        };
        let config = config.to_str().unwrap();
        for action in ["install", "uninstall"] {
            for (locale, args) in [
                (words.locale, vec!["service", action]),
                (other, vec!["--config", config, "service", action]),
            ] {
                let out = sheetdrop_unprivileged_in(locale, dir.path(), &args);
                out.assert_code(1, &format!("{args:?} as a user ({locale})"));
                // `install` given a config says first that the service will not use it.
                let not_used = if action == "install" && args[0] == "--config" {
                    format!(
                        "{}{config}: {}\n",
                        words.config_not_used,
                        service_reads(words.language)
                    )
                } else {
                    String::new()
                };
                assert_eq!(
                    out.stderr,
                    format!("{not_used}{}{action})\n", words.needs_root)
                );
                assert_eq!(out.stdout, "", "{args:?}");
            }
        }
    }
}

// ───────────────────────────── property: row and line accounting ─────────────────────

mod prop {
    use super::*;
    use proptest::prelude::*;

    fn quote(cell: &str) -> String {
        format!("\"{}\"", cell.replace('"', "\"\""))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        /// Whatever the quoted cells hold (delimiters, quotes, newlines, accents), a duplicate
        /// ID after them is reported on row n+1 at the physical line where its record starts.
        #[test]
        fn duplicate_after_quoted_cells_has_right_row_and_line(
            cells in proptest::collection::vec("[a-zñé ,;|\"\n]{0,12}", 1..8),
            crlf in any::<bool>(),
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut csv = format!("ID,NOTA{nl}");
            for (i, cell) in cells.iter().enumerate() {
                let cell = cell.replace('\n', nl);
                csv.push_str(&format!("ID{},{}{nl}", i + 1, quote(&cell)));
            }
            let line = csv.matches('\n').count() + 1;
            csv.push_str(&format!("ID1,dup{nl}"));

            let dir = tempfile::tempdir().unwrap();
            fs::write(dir.path().join("clientes.csv"), &csv).unwrap();
            fs::write(
                dir.path().join("sheetdrop.toml"),
                "[policy]\nmax_invalid_rows = \"100%\"\n\n[[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"ID\"\n",
            ).unwrap();
            let report = validate_dir(Path::new(dir.path()), 1);
            let c = entity(&report, "clientes");
            let n = cells.len() as u64;
            prop_assert_eq!(&c["delimiter"], ",");
            prop_assert_eq!(&c["rows"], &json!(n + 1));
            prop_assert_eq!(&c["counts"], &json!({"duplicate-id": 1}));
            assert_issue(
                issue_at(c, "duplicate-id", Some(n + 1)),
                json!({"code": "duplicate-id", "severity": "error", "row": n + 1, "line": line,
                       "column": "ID", "value": "ID1", "first_row": 1}),
                &[],
            );
        }
    }
}

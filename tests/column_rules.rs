//! Column rules (issue 15, point 2) through the binary: `[[entity]] columns = { NRO_DOC = {
//! required = true, unique = true, format = "cuit" }, EMAIL = { format = "email", severity =
//! "warning" } }`. An empty required cell, a CUIT with a wrong check digit and a tax ID used
//! twice leave their rows out (`required-empty`, `invalid-format`, `duplicate-value`); a bad
//! e-mail under a warning rule is reported and published.

mod util;

use serde_json::{json, Value};
use std::fs;

/// The clients' config: the issue's rules, and room for a few rows with errors.
const CONFIG: &str = r#"
[policy]
max_invalid_rows = "10%"

[[entity]]
name = "clientes"
file = "clientes*.csv"
id = "COD_CLIENTE"
columns = { NRO_DOC = { required = true, unique = true, format = "cuit" }, EMAIL = { format = "email", severity = "warning" } }
"#;

/// A valid CUIT of prefix 20 for each of `n` bodies from 30.000.000 up, written with dashes:
/// the check digit by AFIP's mod-11 (weights 5 4 3 2 7 6 5 4 3 2), skipping bodies whose
/// digit would be 10 (never issued).
fn cuits(n: usize) -> Vec<String> {
    (30_000_000u64..)
        .filter_map(|body| {
            let digits: Vec<u64> = format!("20{body}")
                .bytes()
                .map(|b| u64::from(b - b'0'))
                .collect();
            let sum: u64 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
                .iter()
                .zip(&digits)
                .map(|(w, d)| w * d)
                .sum();
            match 11 - sum % 11 {
                10 => None,
                11 => Some(format!("20-{body}-0")),
                d => Some(format!("20-{body}-{d}")),
            }
        })
        .take(n)
        .collect()
}

/// 40 clients; row 5's NRO_DOC is blank, row 10's CUIT has a wrong check digit, row 20 has
/// row 3's CUIT written without dashes, row 30's e-mail has no domain.
fn clientes() -> String {
    let cuits = cuits(40);
    let mut out = String::from("COD_CLIENTE;NOMBRE;NRO_DOC;EMAIL\n");
    for (i, cuit) in (1..=40).zip(&cuits) {
        let mut doc = cuit.clone();
        let mut email = format!("cliente{i}@example.com.ar");
        match i {
            5 => doc = "  ".into(),
            10 => {
                let last = doc.pop().unwrap().to_digit(10).unwrap();
                doc.push(char::from_digit((last + 1) % 10, 10).unwrap());
            }
            20 => doc = cuits[2].replace('-', ""),
            30 => email = "cliente30@".into(),
            _ => {}
        }
        out.push_str(&format!("C{i};Cliente {i};{doc};{email}\n"));
    }
    out
}

/// `validate --format json` of a folder with `clientes_20261207.csv` = `data` under `config`.
fn validate(config: &str, data: &str, expected_exit: i32) -> Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sheetdrop.toml"), config).unwrap();
    fs::write(dir.path().join("clientes_20261207.csv"), data).unwrap();
    let report = util::validate_dir(dir.path(), expected_exit);
    util::entity(&report, "clientes").clone()
}

#[test]
fn validate_reports_each_broken_column_rule_with_its_place_and_leaves_error_rows_out() {
    let data = clientes();
    let cuits = cuits(40);
    let clientes = validate(CONFIG, &data, 1);
    assert_eq!(clientes["verdict"], "partial", "{clientes:#}");
    assert_eq!(clientes["rows"], 40);
    // Rows 5, 10 and 20 are left out; row 30's bad e-mail is only a warning.
    assert_eq!(clientes["rows_accepted"], 37, "{clientes:#}");
    assert_eq!(
        clientes["counts"],
        json!({"required-empty": 1, "invalid-format": 2, "duplicate-value": 1}),
        "{clientes:#}"
    );
    let at = |code, row| util::issue_at(&clientes, code, Some(row)).clone();
    util::assert_issue(
        &at("required-empty", 5),
        json!({"code": "required-empty", "severity": "error", "row": 5, "line": 6,
               "column": "NRO_DOC"}),
        &[],
    );
    let mut wrong = cuits[9].clone();
    let last = wrong.pop().unwrap().to_digit(10).unwrap();
    wrong.push(char::from_digit((last + 1) % 10, 10).unwrap());
    util::assert_issue(
        &at("invalid-format", 10),
        json!({"code": "invalid-format", "severity": "error", "row": 10, "line": 11,
               "column": "NRO_DOC", "value": wrong, "format": "cuit"}),
        &[],
    );
    util::assert_issue(
        &at("duplicate-value", 20),
        json!({"code": "duplicate-value", "severity": "error", "row": 20, "line": 21,
               "column": "NRO_DOC", "value": cuits[2].replace('-', ""), "first_row": 3}),
        &[],
    );
    util::assert_issue(
        &at("invalid-format", 30),
        json!({"code": "invalid-format", "severity": "warning", "row": 30, "line": 31,
               "column": "EMAIL", "value": "cliente30@", "format": "email"}),
        &[],
    );
    // The same file without the rules is accepted whole: the rules found all of it.
    let plain = CONFIG.replace(
        "columns = { NRO_DOC = { required = true, unique = true, format = \"cuit\" }, EMAIL = { format = \"email\", severity = \"warning\" } }",
        "",
    );
    assert_ne!(plain, CONFIG);
    let clientes = validate(&plain, &data, 0);
    assert_eq!(clientes["verdict"], "accepted", "{clientes:#}");
}

#[test]
fn warning_rules_only_report_and_a_rule_s_missing_column_rejects_the_file() {
    let warnings = CONFIG.replace(
        "required = true, unique = true, format = \"cuit\" }",
        "required = true, unique = true, format = \"cuit\", severity = \"warning\" }",
    );
    let data = clientes();
    let clientes = validate(&warnings, &data, 0);
    assert_eq!(clientes["verdict"], "accepted", "{clientes:#}");
    assert_eq!(clientes["rows_accepted"], 40);
    let issues = clientes["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 4, "{clientes:#}");
    assert!(issues.iter().all(|i| i["severity"] == "warning"));
    // A rule on a column the export does not have: like a missing ID column.
    let missing = CONFIG.replace("NRO_DOC = {", "CUIT = {");
    let clientes = validate(&missing, &data, 1);
    assert_eq!(clientes["verdict"], "rejected", "{clientes:#}");
    let issue = util::issue_at(&clientes, "missing-column", None);
    assert_eq!(issue["column"], "CUIT", "{issue:#}");
    assert_eq!(issue["severity"], "error", "{issue:#}");
}

#[test]
fn a_bad_format_in_the_config_names_entity_column_value_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("sheetdrop.toml"),
        CONFIG.replace("format = \"cuit\"", "format = \"cuil-ar\""),
    )
    .unwrap();
    fs::write(dir.path().join("clientes.csv"), clientes()).unwrap();
    let config = dir.path().join("sheetdrop.toml");
    let out = util::validate_fmt(dir.path(), Some(&config), "json");
    out.assert_code(2, "a config with a bad format");
    for part in ["clientes", "NRO_DOC", "cuil-ar"] {
        assert!(out.stderr.contains(part), "{part}: {}", out.stderr);
    }
    assert!(util::mentions_line(&out.stderr, 9), "{}", out.stderr);
}

//! Black-box tests of issue 13 points 4, 8 and 10: why a file was rejected
//! (`too-many-invalid-rows`), files that are not a table (`not-a-table`), control characters in
//! cells (`invalid-character`), and a header-only file said the same way by `validate` and
//! `run`. Every test runs the real binary on files written here.

mod util;

use serde_json::{json, Value};
use std::path::Path;
use util::*;

const CLIENTES: &str = r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "COD_CLIENTE"
"#;

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

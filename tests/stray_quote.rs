//! Stray quotes (issue 13, point 9): a lone `"` at the start of an unquoted field
//! (`900;"Lo de Pepe;Córdoba`) opens a quoted field that swallows the following lines, whole
//! records, into one cell. `stray-quote` says where it opens and how many lines it swallowed;
//! each swallowed line counts as an invalid row (and as a row), so `max_invalid_rows` and the
//! shrink guard see the real loss. A quote never closed runs to the end of the file: the file
//! is rejected whole, as a cut one is. Legitimate multi-line notes stay accepted.

mod util;

use serde_json::Value;
use std::fs;
use std::path::Path;
use util::Sandbox;

const CLIENTES: &str = util::CLIENTES_ENTITY;

/// A clients export of `rows` rows (`COD_CLIENTE;NOMBRE;CIUDAD`), with `change` applied to
/// each row's line (given its number and the usual line).
fn clientes(rows: u64, change: impl Fn(u64, String) -> String) -> String {
    let mut out = String::from("COD_CLIENTE;NOMBRE;CIUDAD\n");
    for i in 1..=rows {
        out.push_str(&change(i, format!("{i};Cliente {i};Salta")));
        out.push('\n');
    }
    out
}

/// The 1,000-row export whose row 900 is `900;"Lo de Pepe;Córdoba`: the quote is never
/// closed, and swallows rows 901 to 1,000.
fn stray_on_900() -> String {
    clientes(1000, |i, line| {
        if i == 900 {
            "900;\"Lo de Pepe;Córdoba".into()
        } else {
            line
        }
    })
}

/// `validate --format json` of a folder holding `clientes.csv` = `data`.
fn validate(data: &str, expected_exit: i32) -> Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sheetdrop.toml"), CLIENTES).unwrap();
    fs::write(dir.path().join("clientes.csv"), data).unwrap();
    let report = util::validate_dir(dir.path(), expected_exit);
    util::entity(&report, "clientes").clone()
}

#[test]
fn validate_rejects_the_1000_row_file_whose_stray_quote_on_row_900_swallows_101_rows() {
    let clientes = validate(&stray_on_900(), 1);
    assert_eq!(clientes["verdict"], "rejected", "{clientes:#}");
    // The swallowed lines are rows: 1,000, not 900.
    assert_eq!(clientes["rows"], 1000, "{clientes:#}");
    assert_eq!(clientes["rows_accepted"], 0);
    assert_eq!(
        clientes["counts"],
        serde_json::json!({"stray-quote": 1, "too-many-invalid-rows": 1}),
        "{clientes:#}"
    );
    let issue = util::issue_at(&clientes, "stray-quote", Some(900));
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["line"], 901, "{issue:#}");
    assert_eq!(issue["column"], "NOMBRE", "{issue:#}");
    assert_eq!(issue["value"], "\"Lo de Pepe;Córdoba", "{issue:#}");
    assert_eq!(issue["lines_swallowed"], 100, "{issue:#}");
    assert_eq!(issue["open_quote"], true, "{issue:#}");
    // Row 900 and the 100 rows it swallowed, of 1,000: above the default 1%.
    let why = util::issue_at(&clientes, "too-many-invalid-rows", None);
    assert_eq!(
        (why["invalid_rows"].as_u64(), why["total_rows"].as_u64()),
        (Some(101), Some(1000)),
        "{why:#}"
    );
    assert_eq!(why["max_invalid_rows"], "1%");
}

#[test]
fn validate_does_not_accept_a_small_file_whose_row_2_is_2_quote_abc() {
    let data = "COD_CLIENTE,NOMBRE\n1,Ana\n2,\"abc\n3,Beto\n4,Carla\n";
    let clientes = validate(data, 1);
    assert_eq!(clientes["verdict"], "rejected", "{clientes:#}");
    assert_eq!(clientes["rows"], 4, "{clientes:#}");
    let issue = util::issue_at(&clientes, "stray-quote", Some(2));
    assert_eq!(issue["line"], 3, "{issue:#}");
    assert_eq!(issue["column"], "NOMBRE", "{issue:#}");
    assert_eq!(issue["lines_swallowed"], 2, "{issue:#}");
    let why = util::issue_at(&clientes, "too-many-invalid-rows", None);
    assert_eq!(why["invalid_rows"], 3, "{why:#}");
    // Without the stray quote: accepted, 4 rows.
    let clientes = validate(&data.replace("\"abc", "abc"), 0);
    assert_eq!(
        (clientes["verdict"].as_str(), clientes["rows"].as_u64()),
        (Some("accepted"), Some(4))
    );
}

#[test]
fn validate_counts_a_stray_quote_closed_later_and_publishes_the_rest_under_the_limit() {
    // Row 900's quote is closed by row 905's quoted name: rows 901 to 905 are swallowed.
    let data = clientes(1000, |i, line| match i {
        900 => "900;\"Lo de Pepe;Córdoba".into(),
        905 => "905;\"Cliente 905\";Salta".into(),
        _ => line,
    });
    let clientes = validate(&data, 1);
    assert_eq!(clientes["verdict"], "partial", "{clientes:#}");
    assert_eq!(clientes["rows"], 1000, "{clientes:#}");
    assert_eq!(clientes["rows_accepted"], 994, "{clientes:#}");
    assert_eq!(clientes["counts"], serde_json::json!({"stray-quote": 1}));
    let issue = util::issue_at(&clientes, "stray-quote", Some(900));
    assert_eq!(issue["lines_swallowed"], 5, "{issue:#}");
    assert_eq!(issue["open_quote"], false, "{issue:#}");
}

#[test]
fn the_samples_multi_line_notes_stay_accepted() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let servicios = fs::read_to_string(sample.join("servicios.csv")).unwrap();
    assert!(servicios.contains(";\"") && servicios.contains("\n"));
    let dir = tempfile::tempdir().unwrap();
    util::copy_dir(&sample, dir.path());
    let out = util::validate_fmt(dir.path(), Some(&dir.path().join("sheetdrop.toml")), "json");
    let report = out.json();
    for entity in report["entities"].as_array().unwrap() {
        assert!(entity["counts"].get("stray-quote").is_none(), "{entity:#}");
    }
    let servicios = util::entity(&report, "servicios");
    assert_eq!(servicios["verdict"], "accepted", "{servicios:#}");
    assert_eq!(servicios["rows"], 40, "{servicios:#}");
}

#[test]
fn run_once_keeps_the_published_clients_when_a_stray_quote_swallows_the_last_rows() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", CLIENTES));
    let whole = clientes(1000, |_, line| line);
    sandbox.write_old("clientes.csv", &whole);
    sandbox
        .run_once()
        .assert_code(0, "run --once with the whole file");
    let published = sandbox.published("clientes").expect("clientes published");
    assert_eq!(sandbox.entry("clientes")["rows"], 1000);

    sandbox.write_old("clientes.csv", stray_on_900());
    sandbox
        .run_once()
        .assert_code(1, "run --once with a stray quote on row 900");
    assert_eq!(
        sandbox.published("clientes").as_deref(),
        Some(published.as_str())
    );
    let status = sandbox.entity_status("clientes");
    assert_eq!(status["last_verdict"], "rejected", "{status:#}");
    assert_eq!(
        (status["rows"].as_u64(), status["rows_accepted"].as_u64()),
        (Some(1000), Some(0)),
        "{status:#}"
    );
    assert_eq!(status["counts"]["stray-quote"], 1, "{status:#}");
    assert_eq!(status["counts"]["too-many-invalid-rows"], 1, "{status:#}");
    let text = sandbox.run(&["status"]);
    assert!(
        text.stdout.contains("Stray quote: it swallowed whole rows"),
        "{}",
        text.stdout
    );
}

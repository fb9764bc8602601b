//! Refs checked against what the destination holds (issue 13, points 2 and 3): a child whose
//! parent's file is rejected is still checked, against the parent's last accepted snapshot
//! when there is one, else against every ID the rejected file holds; `validate --data-dir`
//! checks a child whose parent's file is absent against the agent's last accepted parent.

mod util;

use serde_json::Value;
use std::fs;
use util::{entity, issues, Sandbox};

const ENTITIES: &str = r#"
[[entity]]
name = "usuarios"
file = "usuarios.csv"
id = "ID"

[[entity]]
name = "ventas"
file = "ventas.csv"
id = "NRO"
refs = [ { column = "VENDEDOR", entity = "usuarios", required = true } ]
"#;

/// `usuarios.csv` with users U1..=U`n`, then `dups` of them again (rejected when many).
fn usuarios(n: u32, dups: u32) -> String {
    let rows: String = (1..=n).map(|i| format!("U{i};Usuario {i}\n")).collect();
    let again: String = (1..=dups).map(|i| format!("U{i};Otra vez\n")).collect();
    format!("ID;NOMBRE\n{rows}{again}")
}

/// `ventas.csv`: 300 sales of U1, then one sale per named user (rows 301…).
fn ventas(sellers: &[&str]) -> String {
    let base: String = (1..=300).map(|i| format!("V{i};U1\n")).collect();
    let more: String = sellers
        .iter()
        .enumerate()
        .map(|(i, u)| format!("X{i};{u}\n"))
        .collect();
    format!("NRO;VENDEDOR\n{base}{more}")
}

/// Asserts that entity `e`'s only `dangling-ref` is at `row`, names `value`, and was looked up
/// in `usuarios.csv` as `against` says (`last-accepted`, `not-accepted`).
fn assert_one_dangling(e: &Value, row: u64, value: &str, against: &str) {
    let expected = (
        row,
        value.to_string(),
        Value::from(against),
        Value::from("usuarios.csv"),
    );
    assert_eq!(dangling(e), vec![expected], "{e:#}");
}

/// `(row, value, ref_against, ref_file)` of each `dangling-ref` of entity `e`.
fn dangling(e: &Value) -> Vec<(u64, String, Value, Value)> {
    issues(e, "dangling-ref")
        .iter()
        .map(|i| {
            (
                i["row"].as_u64().unwrap(),
                i["value"].as_str().unwrap().to_string(),
                i["ref_against"].clone(),
                i["ref_file"].clone(),
            )
        })
        .collect()
}

#[test]
fn refs_to_a_rejected_parent_are_checked_against_the_ids_its_file_holds() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    // 10 users, 3 of them twice: 23% of the rows have errors, the file is rejected.
    sandbox.write_old("usuarios.csv", usuarios(10, 3));
    // U2 is one of the duplicated users (it is in the file); U99 is nobody.
    sandbox.write_old("ventas.csv", ventas(&["U2", "U99"]));
    let folder = sandbox.input("");
    let report = util::validate(&folder, Some(&sandbox.config()), 1);
    assert_eq!(entity(&report, "usuarios")["verdict"], "rejected");
    let ventas = entity(&report, "ventas");
    assert_one_dangling(ventas, 302, "U99", "not-accepted");
    assert!(issues(ventas, "orphaned-ref").is_empty(), "{ventas:#}");
    // The parent itself was not accepted: the warning stays, and says the refs were checked.
    let warning = issues(ventas, "unverified-refs");
    assert_eq!(warning.len(), 1, "{ventas:#}");
    assert_eq!(warning[0]["unverified_reason"], "rejected");
    assert_eq!(warning[0]["ref_against"], "not-accepted");
    assert_eq!(warning[0]["ref_file"], "usuarios.csv");

    // Said in the text report, in the config's language.
    let text = util::validate_fmt(&folder, Some(&sandbox.config()), "text");
    assert!(
        text.stdout
            .contains("not an ID of usuarios (usuarios.csv, which was not accepted)"),
        "{}",
        text.stdout
    );
}

#[test]
fn refs_to_a_parent_not_read_to_its_end_stay_unverified_not_dangling() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    // A quote opened on row 3 and never closed swallows U4..U10 into one cell: the file is
    // rejected, and the IDs it holds past row 3 were never seen.
    let mut cut = usuarios(10, 0).replace("U3;Usuario 3", "U3;\"Usuario 3");
    cut.push_str("U11;Usuario 11\n");
    sandbox.write_old("usuarios.csv", cut);
    sandbox.write_old("ventas.csv", ventas(&["U9", "U99"]));
    let folder = sandbox.input("");
    let report = util::validate(&folder, Some(&sandbox.config()), 1);
    let usuarios = entity(&report, "usuarios");
    assert_eq!(usuarios["verdict"], "rejected", "{usuarios:#}");
    assert_eq!(issues(usuarios, "stray-quote").len(), 1, "{usuarios:#}");
    let ventas = entity(&report, "ventas");
    // U9 is in the file but past the stray quote: no ref is called dangling against IDs
    // that are only partly known; the warning says the refs were not checked.
    assert_eq!(dangling(ventas), vec![], "{ventas:#}");
    let warning = issues(ventas, "unverified-refs");
    assert_eq!(warning.len(), 1, "{ventas:#}");
    assert_eq!(warning[0]["unverified_reason"], "rejected");
    assert!(warning[0].get("ref_against").is_none(), "{ventas:#}");
}

#[test]
fn the_agent_checks_a_child_against_the_last_accepted_parent_when_the_new_one_is_rejected() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    sandbox.write_old("usuarios.csv", usuarios(10, 0));
    sandbox.write_old("ventas.csv", ventas(&["U10"]));
    sandbox.run_once().assert_code(0, "the first, clean pass");
    assert_eq!(sandbox.entry("usuarios")["rows"], 10);

    // A new usuarios adds U11 but is rejected; a sale names U11, which the destination does
    // not have: the child is checked against what was published (U1..U10).
    sandbox.write_old("usuarios.csv", usuarios(11, 4));
    sandbox.write_old("ventas.csv", ventas(&["U10", "U11"]));
    sandbox
        .run_once()
        .assert_code(1, "a pass with a rejected parent");
    let ventas = &sandbox.entity_status("ventas");
    assert_eq!(ventas["last_verdict"], "partial", "{ventas:#}");
    assert_eq!(ventas["rows_accepted"], 301, "{ventas:#}");
    // The published ventas leaves the sale of U11 out.
    let published = sandbox.published("ventas").unwrap();
    assert!(published.contains("X0,U10"), "{published}");
    assert!(!published.contains("U11"), "{published}");

    // `validate --data-dir` says the same for the folder, naming the last accepted file.
    let out = sandbox.run(&[
        "validate",
        sandbox.input("").to_str().unwrap(),
        "--format",
        "json",
    ]);
    out.assert_code(1, "validate --data-dir");
    let report = out.json();
    let ventas = entity(&report, "ventas");
    assert_one_dangling(ventas, 302, "U11", "last-accepted");
    assert!(issues(ventas, "unverified-refs").is_empty(), "{ventas:#}");
}

#[test]
fn validate_with_a_data_dir_checks_a_child_alone_against_the_last_accepted_parent() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    sandbox.write_old("usuarios.csv", usuarios(10, 0));
    sandbox.write_old("ventas.csv", ventas(&[]));
    sandbox.run_once().assert_code(0, "the first, clean pass");

    // Another folder with only ventas: one sale names a user the destination lacks.
    let alone = sandbox.path("alone");
    fs::create_dir(&alone).unwrap();
    fs::write(alone.join("ventas.csv"), ventas(&["U3", "U12"])).unwrap();
    let folder = alone.to_str().unwrap();

    let out = sandbox.run(&["validate", folder, "--format", "json"]);
    out.assert_code(1, "validate --data-dir: U12 is nobody");
    let report = out.json();
    let ventas = entity(&report, "ventas");
    assert_one_dangling(ventas, 302, "U12", "last-accepted");
    assert_eq!(ventas["verdict"], "partial");
    let out = sandbox.run(&["validate", folder, "--format", "text"]);
    assert!(
        out.stdout
            .contains("not an ID of usuarios in its last accepted file (usuarios.csv)"),
        "{}",
        out.stdout
    );

    // Without the agent's state (the test harness gives a fresh, empty data dir): said on
    // stderr, then as before: the refs cannot be checked, a warning says so.
    let out = util::validate_fmt(&alone, Some(&sandbox.config()), "json");
    out.assert_code(0, "validate with an empty data dir");
    assert!(out.stderr.contains("no agent state in"), "{}", out.stderr);
    let report = out.json();
    let ventas = entity(&report, "ventas");
    assert!(issues(ventas, "dangling-ref").is_empty(), "{ventas:#}");
    assert_eq!(
        issues(ventas, "unverified-refs")[0]["unverified_reason"],
        "missing"
    );
}

#[test]
fn a_child_of_a_parent_held_by_the_shrink_guard_is_checked_against_the_last_accepted_one() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    sandbox.write_old("usuarios.csv", usuarios(10, 0));
    sandbox.write_old("ventas.csv", ventas(&["U10"]));
    sandbox.run_once().assert_code(0, "the first, clean pass");

    // usuarios shrinks from 10 to 4 users (U1..U3 and a new U11): held. A sale names U11,
    // which the destination does not have while usuarios is held.
    let shrunk = "ID;NOMBRE\nU1;a\nU2;b\nU3;c\nU11;nuevo\n";
    sandbox.write_old("usuarios.csv", shrunk);
    sandbox.write_old("ventas.csv", ventas(&["U2", "U11"]));
    sandbox
        .run_once()
        .assert_code(1, "a pass with a held parent");
    assert_eq!(sandbox.entity_status("usuarios")["last_verdict"], "held");
    let ventas = sandbox.entity_status("ventas");
    assert_eq!(ventas["last_verdict"], "partial", "{ventas:#}");
    assert_eq!(ventas["rows_accepted"], 301, "{ventas:#}");
    let published = sandbox.published("ventas").unwrap();
    assert!(published.contains("X0,U2"), "{published}");
    assert!(!published.contains("U11"), "{published}");
}

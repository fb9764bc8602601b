//! The row-level delta through the binary (issue 13, point 5): `run --once` on one export,
//! then on a changed one, and what `manifest.json`, `status --json` and the HTML report say
//! of the IDs added, removed and changed; and the shrink guard holding another branch's
//! export of the same size for the IDs it removes, until `approve`.
#![cfg(unix)]

mod util;

use serde_json::{json, Value};
use util::Sandbox;

const ENTITIES: &str = "[[entity]]\nname = \"clientes\"\nid = \"ID\"\n";

/// A `clientes.csv` with the rows `(id, name)` and, when `tel`, a `TEL` column at the end.
fn clientes(rows: &[(String, String)], tel: bool) -> String {
    let mut text = String::from(if tel {
        "ID;NOMBRE;TEL\n"
    } else {
        "ID;NOMBRE\n"
    });
    for (id, name) in rows {
        text.push_str(&format!("{id};{name}"));
        if tel {
            text.push_str(";555");
        }
        text.push('\n');
    }
    text
}

/// `(C01, Cliente 1)` … for `ids`, named with `suffix`.
fn rows(ids: impl IntoIterator<Item = u32>, prefix: &str) -> Vec<(String, String)> {
    ids.into_iter()
        .map(|i| (format!("{prefix}{i:02}"), format!("Cliente {i}")))
        .collect()
}

/// The delta's counts in a JSON object that has them.
fn counts(delta: &Value) -> Value {
    json!({"added": delta["added"], "removed": delta["removed"], "changed": delta["changed"]})
}

#[test]
fn a_second_export_gives_the_manifest_status_and_report_its_delta() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    sandbox.write_old("clientes.csv", clientes(&rows(1..=10, "C"), false));
    sandbox
        .run_once()
        .assert_code(0, "run --once, first export");
    // The first time there is nothing to compare with: no delta, not zeros.
    let entry = sandbox.entry("clientes");
    assert_eq!(entry["rows"], 10, "{entry:#}");
    assert!(entry["delta"].is_null(), "{entry:#}");
    let status = sandbox.entity_status("clientes");
    assert!(status["delta"].is_null(), "{status:#}");

    // C01 and C02 gone, C03..C05 renamed, C11 new.
    let mut second = rows(3..=11, "C");
    for row in &mut second[..3] {
        row.1.push_str(" (nuevo nombre)");
    }
    sandbox.write_old("clientes.csv", clientes(&second, false));
    sandbox
        .run_once()
        .assert_code(0, "run --once, second export");
    let entry = sandbox.entry("clientes");
    assert_eq!(entry["rows"], 9, "{entry:#}");
    assert_eq!(
        entry["delta"],
        json!({"added": 1, "removed": 2, "changed": 3}),
        "{entry:#}"
    );
    let status = sandbox.entity_status("clientes");
    let delta = &status["delta"];
    assert_eq!(
        counts(delta),
        json!({"added": 1, "removed": 2, "changed": 3}),
        "{status:#}"
    );
    assert_eq!(delta["previous"], 10, "{status:#}");
    assert_eq!(delta["removed_ids"], json!(["C01", "C02"]), "{status:#}");
    let html = std::fs::read_to_string(sandbox.status_json()["report"].as_str().unwrap()).unwrap();
    assert!(
        html.contains("1 added · 2 removed · 3 changed"),
        "the report gives the counts"
    );
    assert!(
        html.contains("Removed IDs (the first 2 of 2): <code>C01</code> <code>C02</code>"),
        "the report names the removed IDs"
    );

    // The same rows with a column added: no row is changed for it.
    sandbox.write_old("clientes.csv", clientes(&second, true));
    sandbox
        .run_once()
        .assert_code(0, "run --once, a column added");
    assert_eq!(
        sandbox.entry("clientes")["delta"],
        json!({"added": 0, "removed": 0, "changed": 0})
    );
}

#[test]
fn another_branchs_export_of_the_same_size_is_held_for_the_ids_it_removes() {
    let sandbox = Sandbox::new(|s| s.local_config("en", "", ENTITIES));
    let branch_one = clientes(&rows(1..=20, "S1-"), false);
    sandbox.write_old("clientes.csv", &branch_one);
    sandbox.run_once().assert_code(0, "run --once, branch 1");
    let published = sandbox.published("clientes").expect("branch 1 published");

    // As many rows, none of the same IDs: not one row fewer, but every ID removed.
    sandbox.write_old("clientes.csv", clientes(&rows(1..=20, "S2-"), false));
    sandbox
        .run_once()
        .assert_code(1, "run --once, branch 2 held");
    assert_eq!(sandbox.published("clientes"), Some(published));
    let status = sandbox.entity_status("clientes");
    assert_eq!(status["last_verdict"], "held", "{status:#}");
    assert_eq!(status["counts"]["shrink"], 1, "{status:#}");
    assert_eq!(
        counts(&status["delta"]),
        json!({"added": 20, "removed": 20, "changed": 0}),
        "{status:#}"
    );
    let text = sandbox.run(&["status"]);
    let html = std::fs::read_to_string(sandbox.status_json()["report"].as_str().unwrap()).unwrap();
    assert!(
        html.contains("20 of the 20 IDs published last time are gone (more than 50%)"),
        "the hold says why; status:\n{}",
        text.stdout
    );

    sandbox
        .run(&["approve", "clientes"])
        .assert_code(0, "approve clientes");
    sandbox
        .run_once()
        .assert_code(0, "run --once after approve");
    let entry = sandbox.entry("clientes");
    assert!(
        sandbox.published("clientes").unwrap().contains("S2-01"),
        "branch 2 published"
    );
    assert_eq!(
        entry["delta"],
        json!({"added": 20, "removed": 20, "changed": 0}),
        "{entry:#}"
    );
}

#[test]
fn the_google_manifest_tab_gives_the_delta() {
    let emulator = google_emulator::Emulator::start();
    let root = tempfile::tempdir().unwrap();
    let p = root.path();
    std::fs::create_dir(p.join("in")).unwrap();
    std::fs::create_dir(p.join("home")).unwrap();
    emulator.write_service_account_key(&p.join("key.json"));
    let config = format!(
        "language = \"en\"\n\n[source]\nfolder = '{}'\nsettle_seconds = 1\n\n\
         [destination]\nkind = \"google\"\n\n[destination.google]\ncredentials = \"key.json\"\n\
         endpoint = \"{}\"\nwrites_per_minute = 600\n\n{ENTITIES}",
        p.join("in").display(),
        emulator.url(),
    );
    std::fs::write(p.join("sheetdrop.toml"), config).unwrap();
    let run_once = |csv: String| {
        let file = p.join("in/clientes.csv");
        std::fs::write(&file, csv).unwrap();
        util::set_age(&file, 60);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
            .args(["run", "--once", "--headless", "--config"])
            .arg(p.join("sheetdrop.toml"))
            .arg("--data-dir")
            .arg(p.join("data"))
            .env("HOME", p.join("home"))
            .env_remove("SHEETDROP_LOG")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let ids = emulator.spreadsheet_ids();
        let manifest = emulator.tab_values(&ids[0], "_manifest").unwrap();
        let delta = manifest[0]
            .iter()
            .position(|c| c == "delta")
            .expect("a delta column");
        let row = manifest.iter().find(|r| r[0] == "clientes").unwrap();
        row.get(delta).cloned().unwrap_or_default()
    };
    // Empty the first time; the counts, as manifest.json gives them, the next.
    assert_eq!(run_once(clientes(&rows(1..=10, "C"), false)), "");
    let cell = run_once(clientes(&rows(2..=12, "C"), false));
    assert_eq!(
        serde_json::from_str::<Value>(&cell).unwrap(),
        json!({"added": 2, "removed": 1, "changed": 0})
    );
}

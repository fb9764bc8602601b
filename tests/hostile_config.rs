//! Black-box tests of issue 12's hostile configs and long runs, through the real binary:
//! entity names that are paths (point 5), the state store's retention over many versions
//! (point 6), numbers out of range in every numeric key (point 7), and the words of errors
//! (point 10: the language of a file that is not TOML, no English inside a Spanish `status`,
//! what the log says when the spool cannot be written).
#![cfg(unix)]

mod util;

use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use util::{Output, Sandbox, CLIENTES_ENTITY};

/// A sandbox whose config is `language`, `[source]` (settle 0), `[destination]`, then `rest`;
/// the folders sit two levels down (`a/b/`), so a name climbing two levels up stays inside the
/// root where the test can see it.
fn new_case(language: &str, rest: &str) -> Sandbox {
    Sandbox::nested("a/b", |s| {
        s.local_config(language, "settle_seconds = 0\n", rest)
    })
}

/// What these tests do with a sandbox, beyond [`Sandbox`]'s own.
impl Sandbox {
    /// The 1-based line of the config that contains `needle`.
    fn line_of(&self, needle: &str) -> usize {
        let text = fs::read_to_string(self.config()).unwrap();
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    /// `validate` of the watched folder (text).
    fn validate(&self) -> Output {
        let folder = self.path("a/b/in");
        self.run(&["validate", folder.to_str().unwrap()])
    }

    /// Every file under the root, relative to it.
    fn files(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, root, out);
                }
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
        let root = self.path("");
        let mut out = Vec::new();
        walk(&root, &root, &mut out);
        out
    }
}

const CLIENTES: &str = "COD_CLIENTE,NOMBRE\nC1,Ana\nC2,Beto\n";

/// Fails unless `out` exited with 2 and said, in English, the config's line and `words`.
fn assert_refused_at(out: &Output, what: &str, line: usize, words: &[&str]) {
    assert_eq!(
        out.code, 2,
        "{what}: exit code\nstdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    for w in [format!("line {line}")]
        .iter()
        .map(String::as_str)
        .chain(words.iter().copied())
    {
        assert!(
            out.stderr.contains(w),
            "{what}: no {w:?} in\n{}",
            out.stderr
        );
    }
    assert!(!out.stderr.contains("panicked"), "{what}: {}", out.stderr);
}

// ───────────────────── point 5: entity names that are paths ─────────────────────

#[test]
fn an_entity_name_that_climbs_out_of_its_folder_is_refused_at_load_and_writes_nothing() {
    let case = new_case(
        "en",
        "\n[[entity]]\nname = \"../../escape\"\nfile = \"clientes.csv\"\nid = \"COD_CLIENTE\"\n",
    );
    fs::write(case.path("a/b/in/clientes.csv"), CLIENTES).unwrap();
    let line = case.line_of("../../escape");
    for (what, out) in [
        ("validate", case.validate()),
        ("run --once", case.run_once()),
    ] {
        assert_refused_at(
            &out,
            what,
            line,
            &[
                "\"../../escape\"",
                "it contains `.`",
                "letters, digits, _ or -",
            ],
        );
    }
    let files = case.files();
    assert!(
        !files.iter().any(|f| f.contains("escape")),
        "written outside the outbox or the spool: {files:?}"
    );
    assert!(!case.path("a/b/out").exists(), "nothing published");

    // In Spanish, and the other refusals: reserved prefix, Windows device, too long.
    let long = "x".repeat(101);
    for (name, words) in [
        ("../../escape", "no sirve (contiene `.`)"),
        ("_status", "_manifest y _status"),
        ("CON", "nombre reservado de Windows"),
        (long.as_str(), "tiene 101 caracteres"),
        ("a b", "contiene \" \""),
    ] {
        let case = new_case(
            "es",
            &format!("\n[[entity]]\nname = \"{name}\"\nfile = \"clientes.csv\"\n"),
        );
        let out = case.validate();
        out.assert_code(2, name);
        let line = case.line_of("name =");
        assert!(
            out.stderr.contains(&format!("línea {line}")) && out.stderr.contains(words),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_data_package_resource_named_like_a_path_is_refused() {
    let case = new_case("en", "catalog = \"datapackage.json\"\n");
    // `catalog` must be a top-level key: put it before the tables.
    let text = fs::read_to_string(case.config()).unwrap();
    case.write_config(&format!(
        "catalog = \"datapackage.json\"\n{}",
        text.replace("catalog = \"datapackage.json\"\n", "")
    ));
    fs::write(
        case.path("a/b/datapackage.json"),
        r#"{"resources": [{"name": "../../escape", "path": "clientes.csv"}]}"#,
    )
    .unwrap();
    fs::write(case.path("a/b/in/clientes.csv"), CLIENTES).unwrap();
    let out = case.run_once();
    out.assert_code(2, "run --once");
    assert!(
        out.stderr.contains("datapackage.json, line 1: ")
            && out.stderr.contains("\"../../escape\""),
        "{}",
        out.stderr
    );
    assert!(!case.files().iter().any(|f| f.contains("escape")));
}

// ───────────────────── point 7: numbers out of range ─────────────────────

/// Every numeric key, where it is written, and values it must refuse (huge, negative, zero
/// where zero means nothing, a float, a text, NaN).
const EXTREMES: [(&str, &str, &[&str]); 5] = [
    (
        "source",
        "settle_seconds",
        &["9223372036854775807", "-1", "3601", "2.5", "\"NaN\""],
    ),
    (
        "source",
        "rescan_seconds",
        &["0", "9223372036854775807", "-86400", "nan"],
    ),
    (
        "destination.google",
        "writes_per_minute",
        &["0", "-1", "9223372036854775807", "1e9"],
    ),
    (
        "policy",
        "max_invalid_rows",
        &["-1", "9223372036854775807", "\"nan%\"", "\"inf%\"", "1.5"],
    ),
    (
        "policy",
        "shrink_guard",
        &[
            "\"101%\"",
            "-5",
            "\"-1%\"",
            "\"18446744073709551616\"",
            "inf",
        ],
    ),
];

#[test]
fn every_numeric_key_out_of_range_stops_every_command_naming_the_key_and_line() {
    for (table, key, values) in EXTREMES {
        for value in values {
            let case = new_case("en", "");
            // The key goes into its table: `[source]` exists; the others are added.
            let text = fs::read_to_string(case.config()).unwrap();
            let text = if table == "source" {
                text.replace(
                    "settle_seconds = 0\n",
                    &format!("settle_seconds = 0\n{key} = {value}\n"),
                )
                .replacen(
                    "settle_seconds = 0\nsettle_seconds",
                    "settle_seconds",
                    1,
                )
            } else {
                format!("{text}\n[{table}]\n{key} = {value}\n")
            };
            case.write_config(&text);
            fs::write(case.path("a/b/in/clientes.csv"), CLIENTES).unwrap();
            let line = case.line_of(&format!("{key} = {value}"));
            let what = format!("{key} = {value}");
            for command in [
                &["validate", case.path("a/b/in").to_str().unwrap()][..],
                &["run", "--once", "--headless"],
                &["status"],
            ] {
                let out = case.run(command);
                let named = format!("`{key}` = ");
                assert_refused_at(&out, &format!("{what}: {}", command[0]), line, &[&named]);
            }
            // `doctor` is read-only and says FAIL on the config line (exit 1 by its contract).
            let out = case.run(&["doctor"]);
            assert_eq!(
                out.code, 1,
                "{what}: doctor\n{}\n{}",
                out.stdout, out.stderr
            );
            assert!(
                out.stdout.contains(&format!("line {line}: "))
                    && out.stdout.contains(&format!("`{key}` = ")),
                "{what}: doctor\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn the_settle_seconds_that_panicked_run_once_is_refused_in_spanish_with_its_range() {
    let case = new_case("es", "");
    let text = fs::read_to_string(case.config()).unwrap();
    case.write_config(&text.replace("settle_seconds = 0", "settle_seconds = 9223372036854775807"));
    fs::write(case.path("a/b/in/clientes.csv"), CLIENTES).unwrap();
    let out = case.run_once();
    out.assert_code(2, "run --once");
    let line = case.line_of("settle_seconds");
    assert!(
        out.stderr.contains(&format!(
            "línea {line}: `settle_seconds` = 9223372036854775807 está fuera de rango: escriba un \
             número entero de 0 a 3.600"
        )),
        "{}",
        out.stderr
    );
}

// ───────────────────── point 6: retention over many versions ─────────────────────

/// Version `v` of clientes: 1500 rows sharing one ID (every row an issue), so that each
/// version is rejected with a long issue list.
fn rejected_version(v: usize) -> String {
    let mut text = String::from("COD_CLIENTE,NOMBRE\n");
    for i in 0..1500 {
        let _ = writeln!(text, "C-{v},nombre {i} de la version {v}");
    }
    text
}

/// state.sqlite and its write-ahead log, in bytes.
fn state_size(case: &Sandbox) -> u64 {
    ["state.sqlite", "state.sqlite-wal"]
        .iter()
        .map(|f| fs::metadata(case.path("a/b/data").join(f)).map_or(0, |m| m.len()))
        .sum()
}

#[test]
fn many_rejected_versions_keep_the_state_and_the_report_bounded_and_the_last_accepted() {
    let case = new_case(
        "en",
        &format!("\n[policy]\nmax_invalid_rows = \"1%\"\n{CLIENTES_ENTITY}"),
    );
    let file = case.path("a/b/in/clientes.csv");
    fs::write(&file, CLIENTES).unwrap();
    case.run_once().assert_code(0, "the accepted version");
    let published = fs::read_to_string(case.path("a/b/out/clientes.csv")).unwrap();

    const VERSIONS: usize = 60;
    let mut size_at = Vec::new();
    for v in 1..=VERSIONS {
        fs::write(&file, rejected_version(v)).unwrap();
        case.run_once()
            .assert_code(1, &format!("rejected version {v}"));
        size_at.push(state_size(&case));
    }
    let (middle, last) = (size_at[VERSIONS / 2 - 1], size_at[VERSIONS - 1]);
    // Each rejected version stores a report of ~1000 issues (~200 KB): 60 kept would be
    // ~12 MB; 20 kept, ~4 MB.
    assert!(
        last < 8 << 20,
        "state.sqlite grew to {last} bytes: {size_at:?}"
    );
    assert!(
        last * 4 < middle * 5,
        "still growing: {middle} bytes after {} versions, {last} after {VERSIONS}",
        VERSIONS / 2
    );
    let report = fs::metadata(case.path("a/b/data/report.html"))
        .unwrap()
        .len();
    assert!(report < 2 << 20, "report.html is {report} bytes");

    let status = case.status_json();
    let clientes = &status["entities"][0];
    assert_eq!(clientes["last_verdict"], "rejected", "{status}");
    assert_eq!(
        fs::read_to_string(case.path("a/b/out/clientes.csv")).unwrap(),
        published,
        "the published data stays"
    );
    // The last accepted snapshot is still known: the same file again is "unchanged".
    fs::write(&file, CLIENTES).unwrap();
    case.run_once().assert_code(0, "the accepted file again");
    assert_eq!(
        case.status_json()["entities"][0]["last_verdict"],
        "unchanged"
    );
}

#[test]
fn a_big_state_left_by_an_older_sheetdrop_shrinks_after_one_pass() {
    let case = new_case("en", CLIENTES_ENTITY);
    let file = case.path("a/b/in/clientes.csv");
    fs::write(&file, CLIENTES).unwrap();
    case.run_once().assert_code(0, "the accepted version");
    // What an older sheetdrop left: no auto-vacuum, every rejected version's whole report
    // (the newest ones of several megabytes).
    let db = case.path("a/b/data/state.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        // (An older sheetdrop had not cut its stored reports yet.)
        conn.execute_batch(
            "PRAGMA auto_vacuum = NONE; VACUUM; \
             DELETE FROM settings WHERE key = 'retention.reports_bounded';",
        )
        .unwrap();
        for v in 0..105 {
            let (issues, value) = if v < 100 { (2000, 150) } else { (3000, 1000) };
            let issues: Vec<Value> = (0..issues)
                .map(|i| serde_json::json!({"code": "duplicate-id", "row": i, "value": "v".repeat(value)}))
                .collect();
            let report = serde_json::json!({
                "entity": "clientes", "verdict": "rejected", "rows": 3000, "rows_accepted": 0,
                "counts": {"duplicate-id": issues.len()}, "issues": issues,
            });
            conn.execute(
                "INSERT INTO snapshots (entity, source_name, spool_path, sha256, size, rows, \
                 rows_accepted, verdict, report_json, received_at) VALUES ('clientes', \
                 'clientes.csv', '/gone.csv', ?1, 1, 3000, 0, 'rejected', ?2, 0)",
                rusqlite::params![format!("old{v}"), report.to_string()],
            )
            .unwrap();
        }
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = state_size(&case);
    assert!(before > 40 << 20, "{before} bytes");
    case.run_once().assert_code(0, "a pass with the same file");
    let after = state_size(&case);
    assert!(
        after * 4 < before,
        "{before} bytes before the pass, {after} after"
    );
    let status = case.status_json();
    assert_eq!(
        status["entities"][0]["last_verdict"], "unchanged",
        "{status}"
    );
}

// ───────────────────── point 10: words ─────────────────────

#[test]
fn a_config_that_is_not_toml_is_refused_in_its_own_language() {
    let case = new_case("en", "\n[[entity]\nname = \"clientes\"\n");
    let out = case.validate();
    out.assert_code(2, "validate");
    assert!(out.stderr.contains("not valid TOML"), "{}", out.stderr);
    assert!(!out.stderr.contains("no es TOML"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("line {}", case.line_of("[[entity]"))),
        "{}",
        out.stderr
    );

    let case = new_case("pt-BR", "\n[[entity]\nname = \"clientes\"\n");
    let out = case.run_once();
    out.assert_code(2, "run --once");
    assert!(out.stderr.contains("não é TOML válido"), "{}", out.stderr);
}

#[test]
fn a_spanish_status_says_a_publish_failure_in_spanish() {
    // An outbox whose folder name is longer than any file system allows.
    let long = "x".repeat(300);
    let case = new_case("es", CLIENTES_ENTITY);
    let text = fs::read_to_string(case.config()).unwrap();
    let out_dir = case.path("a/b/out").display().to_string();
    case.write_config(&text.replace(&out_dir, &format!("{out_dir}/{long}")));
    fs::write(case.path("a/b/in/clientes.csv"), CLIENTES).unwrap();
    case.run_once()
        .assert_code(1, "run --once (the publish fails)");
    let status = case.run(&["status"]);
    status.assert_code(0, "status");
    assert!(
        status
            .stdout
            .contains("el nombre del archivo no es válido o es demasiado largo"),
        "{}",
        status.stdout
    );
    for english in ["os error", "File name too long", "cannot", "state store"] {
        assert!(
            !status.stdout.contains(english),
            "{english:?} in\n{}",
            status.stdout
        );
    }
}

#[test]
fn the_log_says_the_spool_could_not_be_written_not_that_the_file_could_not_be_read() {
    let case = new_case("en", CLIENTES_ENTITY);
    fs::write(case.path("a/b/in/clientes.csv"), CLIENTES).unwrap();
    // The spool folder of clientes cannot be made: a file holds its name.
    fs::create_dir_all(case.path("a/b/data/spool")).unwrap();
    fs::write(case.path("a/b/data/spool/clientes"), "in the way").unwrap();
    let out = case.run_once();
    out.assert_code(1, "run --once");
    assert!(
        out.stderr.contains("cannot create the spool folder"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("cannot read the file"),
        "{}",
        out.stderr
    );
}

//! Shared helpers for the black-box CLI tests: run the real `sheetdrop` binary in an
//! isolated environment and pick apart its JSON report.
#![allow(dead_code)]

use serde_json::{Map, Value};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The config of one entity, `clientes` (`clientes.csv`, ID `COD_CLIENTE`), as the agent,
/// service and auth tests publish it.
pub const CLIENTES_ENTITY: &str = r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "COD_CLIENTE"
"#;

/// The config of two entities, `clientes` (as [`CLIENTES_ENTITY`]) and `ventas` (`ventas.csv`,
/// ID `NRO_VENTA`), whose `COD_CLIENTE` must name a clientes row.
pub const CLIENTES_VENTAS_ENTITIES: &str = r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "COD_CLIENTE"

[[entity]]
name = "ventas"
file = "ventas.csv"
id = "NRO_VENTA"
refs = [{ column = "COD_CLIENTE", entity = "clientes", required = true }]
"#;

/// A hung binary must fail the test, not the whole CI job.
const TIMEOUT: Duration = Duration::from_secs(120);

mod process;
mod sandbox;
pub mod table;
#[allow(unused_imports)]
pub use process::{sha256, wait_until, write_big, Running};
#[allow(unused_imports)]
pub use sandbox::Sandbox;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A finished command: its exit code and what it printed.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON object ({e})\nexit: {}\nstdout:\n{}\nstderr:\n{}",
                self.code, self.stdout, self.stderr
            )
        })
    }

    /// Fails the test (showing the output) unless the command exited with `code`.
    pub fn assert_code(&self, code: i32, what: &str) {
        assert_eq!(
            self.code, code,
            "{what}: exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
    }
}

/// Runs `sheetdrop ARGS... --data-dir <tmp>` with HOME and the XDG dirs pointing at empty
/// temp dirs (so no user or system config leaks in) and the working directory set to a temp
/// dir (so nothing may depend on the cwd).
pub fn sheetdrop(args: &[&std::ffi::OsStr]) -> Output {
    let sandbox = tempfile::tempdir().unwrap();
    let sub = |n: &str| {
        let p = sandbox.path().join(n);
        fs::create_dir_all(&p).unwrap();
        p
    };
    let (home, config, data, state, cache, cwd, data_dir) = (
        sub("home"),
        sub("xdg-config"),
        sub("xdg-data"),
        sub("xdg-state"),
        sub("xdg-cache"),
        sub("cwd"),
        sub("sheetdrop-data"),
    );
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(&data_dir)
        .current_dir(&cwd)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_DATA_HOME", &data)
        .env("XDG_STATE_HOME", &state)
        .env("XDG_CACHE_HOME", &cache)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn sheetdrop");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).unwrap();
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).unwrap();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("sheetdrop {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    Output {
        code: status.code().expect("killed by a signal"),
        stdout,
        stderr,
    }
}

/// `sheetdrop validate FOLDER [--config CONFIG] --format FORMAT`
pub fn validate_fmt(folder: &Path, config: Option<&Path>, format: &str) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["validate".as_ref(), folder.as_os_str()];
    if let Some(c) = config {
        args.push("--config".as_ref());
        args.push(c.as_os_str());
    }
    args.push("--format".as_ref());
    args.push(format.as_ref());
    sheetdrop(&args)
}

/// Runs `validate --format json`, checks the report's general well-formedness and that
/// the exit code is `expected_exit`, and returns the report.
pub fn validate(folder: &Path, config: Option<&Path>, expected_exit: i32) -> Value {
    let out = validate_fmt(folder, config, "json");
    assert_eq!(
        out.code, expected_exit,
        "exit code\nstdout:\n{}\nstderr:\n{}",
        out.stdout, out.stderr
    );
    let report = out.json();
    assert_well_formed(&report, out.code);
    report
}

/// Validates FOLDER with FOLDER/sheetdrop.toml.
pub fn validate_dir(folder: &Path, expected_exit: i32) -> Value {
    validate(folder, Some(&folder.join("sheetdrop.toml")), expected_exit)
}

/// Runs `check` on every case of a table (each named by its first field), all of them even
/// when one fails; then fails naming every case that failed (each one's own message is
/// printed above it).
pub fn check_cases<T>(cases: impl IntoIterator<Item = (&'static str, T)>, check: impl Fn(T)) {
    let mut failed = Vec::new();
    for (case, data) in cases {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(data)));
        if run.is_err() {
            eprintln!("^ case {case:?} failed");
            failed.push(case);
        }
    }
    assert!(failed.is_empty(), "failed cases: {failed:?}");
}

/// Properties every report must have, whatever the case.
pub fn assert_well_formed(report: &Value, exit: i32) {
    let ok = report["ok"].as_bool().expect("top-level \"ok\" is a bool");
    assert_eq!(ok, exit == 0, "\"ok\" must mirror exit code 0: {report:#}");
    let entities = report["entities"]
        .as_array()
        .expect("\"entities\" is an array");
    for e in entities {
        let name = e["entity"].as_str().expect("entity name");
        for key in [
            "file",
            "rows",
            "columns",
            "verdict",
            "rows_accepted",
            "counts",
            "issues",
        ] {
            assert!(e.get(key).is_some(), "{name}: key {key:?} missing: {e:#}");
        }
        let verdict = e["verdict"].as_str().unwrap();
        assert!(
            ["accepted", "partial", "rejected", "held", "missing"].contains(&verdict),
            "{name}: verdict {verdict:?}"
        );
        let issues = e["issues"].as_array().expect("issues array");
        let counts = e["counts"].as_object().expect("counts object");
        for i in issues {
            let code = i["code"].as_str().expect("issue code");
            let sev = i["severity"].as_str().expect("issue severity");
            assert!(
                sev == "error" || sev == "warning",
                "{name}: severity {sev:?}"
            );
            let msg = i["message"].as_str().expect("issue message");
            assert!(!msg.trim().is_empty(), "{name}: empty message in {i}");
            let listed = issues.iter().filter(|j| j["code"] == code).count() as u64;
            let counted = counts.get(code).and_then(Value::as_u64).unwrap_or(0);
            assert!(
                counted >= listed,
                "{name}: counts[{code}]={counted} < {listed} listed"
            );
        }
        if verdict == "rejected" || verdict == "missing" {
            assert_eq!(
                e["rows_accepted"], 0,
                "{name}: rows_accepted of a {verdict} file"
            );
        }
        if verdict == "missing" {
            assert_eq!(
                e["file"],
                Value::Null,
                "{name}: missing entity has file null"
            );
            assert_eq!(e["rows"], 0, "{name}");
            assert_eq!(e["columns"], serde_json::json!([]), "{name}");
            assert_eq!(e["counts"], serde_json::json!({}), "{name}");
            assert_eq!(e["issues"], serde_json::json!([]), "{name}");
        }
    }
}

pub fn entity<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == name)
        .unwrap_or_else(|| panic!("entity {name:?} not in report: {report:#}"))
}

pub fn entity_names(report: &Value) -> Vec<String> {
    report["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity"].as_str().unwrap().to_string())
        .collect()
}

pub fn issues<'a>(e: &'a Value, code: &str) -> Vec<&'a Value> {
    e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == code)
        .collect()
}

/// Asserts that `e` has exactly these values for the given keys (other keys unchecked).
pub fn assert_fields(e: &Value, expected: Value) {
    let name = e["entity"].as_str().unwrap_or("?");
    for (k, v) in expected.as_object().unwrap() {
        assert_eq!(&e[k], v, "{name}: field {k:?} in {e:#}");
    }
}

/// Asserts an issue object is exactly `expected`, ignoring "message" and the keys in
/// `ignore` (fields whose value the semantics leave open). Keys absent from `expected`
/// must be absent from the issue (inapplicable fields are omitted).
pub fn assert_issue(issue: &Value, expected: Value, ignore: &[&str]) {
    let mut actual: Map<String, Value> = issue.as_object().unwrap().clone();
    actual.remove("message");
    for k in ignore {
        actual.remove(*k);
    }
    assert_eq!(Value::Object(actual), expected, "issue {issue:#}");
}

/// Finds the single issue with this code on this row (or with no row when `row` is None).
pub fn issue_at<'a>(e: &'a Value, code: &str, row: Option<u64>) -> &'a Value {
    let found: Vec<_> = issues(e, code)
        .into_iter()
        .filter(|i| match row {
            Some(r) => i["row"] == r,
            None => i.get("row").is_none(),
        })
        .collect();
    assert_eq!(found.len(), 1, "one {code} at row {row:?} in {e:#}");
    found[0]
}

pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// Sets a file's modification time to `secs_ago` seconds before now.
pub fn set_age(path: &Path, secs_ago: u64) {
    let t = SystemTime::now() - Duration::from_secs(secs_ago);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// True when `text` names line `n` in one of the usual ways ("line 7", "línea 7", "7:",
/// a toml-style "7 |" gutter, ...).
pub fn mentions_line(text: &str, n: usize) -> bool {
    let lower = text.to_lowercase();
    [
        format!("line {n}"),
        format!("line: {n}"),
        format!("línea {n}"),
        format!("linea {n}"),
        format!("linha {n}"),
        format!(":{n}:"),
        format!("{n} |"),
    ]
    .iter()
    .any(|p| lower.contains(p.as_str()))
}

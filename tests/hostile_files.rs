//! Black-box tests of what stands in the watched folder under an entity's name when it is not
//! simply that entity's finished file (issue 12, points 1, 3, 4 and 8): a symbolic link to a
//! secret, a FIFO, a folder, a broken or looping link, a link to a device, a name two
//! entities' patterns both match, a file still being written when `run --once` must end.
//!
//! Every case runs the real binary (`validate`, `run --once`, `run`, `status`, `doctor`) on
//! its own temp folders and asserts what a user sees: exit codes, `status --json`, the
//! published outbox and manifest, and that a secret's bytes appear nowhere in the data dir.
#![cfg(unix)]

mod util;

use serde_json::Value;
use std::fs;
use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use util::{issues, set_age, sha256, wait_until, Output, Sandbox};

/// How long the running agent may take to notice and record something.
const WITHIN: Duration = Duration::from_secs(30);

const CLIENTES_VENTAS: &str = r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "COD_CLIENTE"

[[entity]]
name = "ventas"
file = "ventas.csv"
id = "NRO_VENTA"
"#;

/// A clientes export that would be accepted and published if it were read.
const CLIENTES_CSV: &str = "COD_CLIENTE,NOMBRE\nC1,Ana\nC2,Beto\n";
/// A ventas export, likewise.
const VENTAS_CSV: &str = "NRO_VENTA,IMPORTE\nV1,10\nV2,20\n";

/// A sandbox whose config has `[source]` (plus `source_extra` lines), `[destination]`, then
/// `rest` (entities), with a folder `outside` beside the watched one.
fn new_case(source_extra: &str, rest: &str) -> Sandbox {
    let source = format!("settle_seconds = 1\nrescan_seconds = 1\n{source_extra}");
    let case = Sandbox::new(|s| s.local_config("en", &source, rest));
    fs::create_dir(case.path("outside")).unwrap();
    case
}

/// What these tests read of a sandbox, beyond [`Sandbox`]'s own.
impl Sandbox {
    /// `validate in --format json`; the report.
    fn validate(&self, expected_exit: i32) -> (Value, Output) {
        let input = self.path("in");
        let out = self.run(&["validate", input.to_str().unwrap(), "--format", "json"]);
        out.assert_code(expected_exit, "validate");
        (out.json(), out)
    }

    /// True when `needle` occurs in any file under `rel` (the data dir: spool, state store
    /// and its WAL, logs, report.html), read as bytes.
    fn anywhere_under(&self, rel: &str, needle: &str) -> Vec<PathBuf> {
        let mut hits = Vec::new();
        let mut stack = vec![self.path(rel)];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let entry = entry.unwrap();
                let kind = entry.file_type().unwrap();
                if kind.is_dir() {
                    stack.push(entry.path());
                } else if kind.is_file() {
                    let bytes = fs::read(entry.path()).unwrap();
                    if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                        hits.push(entry.path());
                    }
                }
            }
        }
        hits
    }
}

/// The element of the JSON array `list` whose `key` is `value`.
fn find(list: &Value, key: &str, value: &str) -> Value {
    list.as_array()
        .expect("an array")
        .iter()
        .find(|e| e[key] == value)
        .cloned()
        .unwrap_or_else(|| panic!("no {key} = {value} in {list:#}"))
}

/// Makes a FIFO at `path`.
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Checks that `entity` is refused `not-a-file` (`kind`) by `validate` (exit 1), `run
/// --once` (exit 1, the other entity published) and `status` (rejected, the code counted,
/// not "All published").
fn assert_not_a_file(case: &Sandbox, entity: &str, kind: &str) {
    let (report, _) = case.validate(1);
    let found = issues(util::entity(&report, entity), "not-a-file");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file_kind"], kind, "{report:#}");
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(util::entity(&report, entity)["verdict"], "rejected");

    let once = case.run_once();
    once.assert_code(1, "run --once with a non-file");
    let status = case.entity_status(entity);
    assert_eq!(status["last_verdict"], "rejected", "{status:#}");
    assert_eq!(status["counts"]["not-a-file"], 1, "{status:#}");
    assert_eq!(status["last_file"], format!("{entity}.csv"));
    let other = if entity == "clientes" {
        "ventas"
    } else {
        "clientes"
    };
    assert_eq!(
        case.entry(other)["source_file"],
        format!("{other}.csv"),
        "the other entity is published"
    );
    assert!(
        case.entry(entity).is_null(),
        "nothing of {entity} is published"
    );
    let text = case.run(&["status"]);
    assert!(!text.stdout.contains("All published"), "{}", text.stdout);
    // A second pass records nothing new: the same entry is reported once.
    case.run_once().assert_code(1, "run --once again");
    assert_eq!(
        case.entity_status(entity)["last_snapshot_id"],
        status["last_snapshot_id"],
        "reported once per change"
    );
}

#[test]
fn a_link_to_a_secret_outside_the_folder_is_refused_and_its_bytes_are_nowhere() {
    let case = new_case("", CLIENTES_VENTAS);
    // A secret that is also a valid clientes export: read, it would be published.
    let marker = "S3CR3T-0b5e7a";
    let secret = case.path("outside/shadow");
    fs::write(&secret, format!("COD_CLIENTE,HASH\nroot,{marker}\n")).unwrap();
    set_age(&secret, 60);
    symlink(&secret, case.input("clientes.csv")).unwrap();
    case.write_old("ventas.csv", VENTAS_CSV);

    assert_not_a_file(&case, "clientes", "symlink");
    let hits = case.anywhere_under("data", marker);
    assert!(hits.is_empty(), "the secret leaked into {hits:?}");
    assert!(case.anywhere_under("out", marker).is_empty());
    assert!(case.path("data/report.html").is_file());
}

#[test]
fn followed_links_publish_a_file_inside_and_never_read_one_outside() {
    let case = new_case("follow_symlinks = true\n", CLIENTES_VENTAS);
    let inside = case.path("in/exports-data.txt");
    fs::write(&inside, CLIENTES_CSV).unwrap();
    set_age(&inside, 60);
    symlink(&inside, case.input("clientes.csv")).unwrap();
    let marker = "S3CR3T-f011ow";
    let secret = case.path("outside/ventas.csv");
    fs::write(&secret, format!("NRO_VENTA,X\nV1,{marker}\n")).unwrap();
    set_age(&secret, 60);
    symlink(&secret, case.input("ventas.csv")).unwrap();

    let (report, _) = case.validate(1);
    assert_eq!(util::entity(&report, "clientes")["verdict"], "accepted");
    let outside = issues(util::entity(&report, "ventas"), "not-a-file");
    assert_eq!(outside[0]["file_kind"], "link-outside", "{report:#}");

    case.run_once().assert_code(1, "run --once: ventas refused");
    let entry = case.entry("clientes");
    assert_eq!(
        entry["source_file"], "clientes.csv",
        "known by the link's name"
    );
    assert_eq!(entry["sha256"], sha256(CLIENTES_CSV.as_bytes()));
    assert_eq!(
        fs::read_to_string(case.path("out/clientes.csv")).unwrap(),
        CLIENTES_CSV
    );
    assert_eq!(case.entity_status("ventas")["counts"]["not-a-file"], 1);
    assert!(case.anywhere_under("data", marker).is_empty());
    assert!(case.anywhere_under("out", marker).is_empty());
}

#[test]
fn a_fifo_named_like_an_export_is_refused_without_hanging() {
    let case = new_case("", CLIENTES_VENTAS);
    mkfifo(&case.input("clientes.csv"));
    case.write_old("ventas.csv", VENTAS_CSV);
    // Opening the FIFO would block for ever: each command ends (within the sandbox timeout).
    assert_not_a_file(&case, "clientes", "fifo");
}

#[test]
fn a_folder_named_like_an_export_is_refused() {
    let case = new_case("", CLIENTES_VENTAS);
    fs::create_dir(case.input("clientes.csv")).unwrap();
    case.write_old("ventas.csv", VENTAS_CSV);
    assert_not_a_file(&case, "clientes", "directory");
}

#[test]
fn dangling_and_looping_links_are_refused_as_broken() {
    let dangling = new_case("", CLIENTES_VENTAS);
    symlink(
        dangling.path("outside/none.csv"),
        dangling.input("clientes.csv"),
    )
    .unwrap();
    dangling.write_old("ventas.csv", VENTAS_CSV);
    assert_not_a_file(&dangling, "clientes", "broken-link");

    let looping = new_case("follow_symlinks = true\n", CLIENTES_VENTAS);
    symlink(looping.input("clientes.csv"), looping.input("clientes.csv")).unwrap();
    looping.write_old("ventas.csv", VENTAS_CSV);
    assert_not_a_file(&looping, "clientes", "broken-link");
}

#[test]
fn a_link_to_dev_zero_is_refused_and_never_read() {
    let not_followed = new_case("", CLIENTES_VENTAS);
    symlink("/dev/zero", not_followed.input("clientes.csv")).unwrap();
    not_followed.write_old("ventas.csv", VENTAS_CSV);
    assert_not_a_file(&not_followed, "clientes", "symlink");

    let followed = new_case("follow_symlinks = true\n", CLIENTES_VENTAS);
    symlink("/dev/zero", followed.input("clientes.csv")).unwrap();
    followed.write_old("ventas.csv", VENTAS_CSV);
    assert_not_a_file(&followed, "clientes", "link-outside");
}

#[test]
fn the_running_agent_reports_a_fifo_once_and_goes_on() {
    let case = new_case("", CLIENTES_VENTAS);
    let mut agent = case.start_agent(WITHIN);
    mkfifo(&case.input("clientes.csv"));
    let first = wait_until("clientes refused as not-a-file", WITHIN, || {
        agent.assert_running();
        let e = case.entity_status("clientes");
        (e["counts"]["not-a-file"] == 1).then_some(e)
    });
    assert_eq!(first["last_verdict"], "rejected");
    // Two more files, each published after at least one rescan (every second).
    for n in 1..=2 {
        let ventas = format!("{VENTAS_CSV}V{},{n}\n", n + 2);
        fs::write(case.input("ventas.csv"), &ventas).unwrap();
        let sha = sha256(ventas.as_bytes());
        wait_until("ventas published", WITHIN, || {
            agent.assert_running();
            (case.entry("ventas")["sha256"] == sha.as_str()).then_some(())
        });
    }
    let now = case.entity_status("clientes");
    assert_eq!(
        now["last_snapshot_id"], first["last_snapshot_id"],
        "recorded once"
    );
    let log = agent.stderr();
    assert_eq!(
        log.matches("refused without reading it").count(),
        1,
        "logged once:\n{log}"
    );
    let text = case.run(&["status"]);
    assert!(!text.stdout.contains("All published"), "{}", text.stdout);
}

const OVERLAPPING: &str = r#"
[[entity]]
name = "ventas"
file = "ventas*.csv"
id = "NRO_VENTA"

[[entity]]
name = "ventas_pagos"
file = "ventas_pagos*.csv"
id = "NRO_PAGO"
"#;

#[test]
fn a_file_goes_to_the_most_specific_pattern_and_the_overlap_is_warned() {
    let case = new_case("", OVERLAPPING);
    case.write_old("ventas.csv", VENTAS_CSV);
    // Newer than ventas.csv, and matched by ventas*.csv too.
    let pagos = "NRO_PAGO,IMPORTE\nP1,5\n";
    fs::write(case.input("ventas_pagos.csv"), pagos).unwrap();
    set_age(&case.input("ventas_pagos.csv"), 30);

    let (report, out) = case.validate(0);
    assert_eq!(util::entity(&report, "ventas")["file"], "ventas.csv");
    assert_eq!(
        util::entity(&report, "ventas_pagos")["file"],
        "ventas_pagos.csv"
    );
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("ventas_pagos*.csv"),
        "{}",
        out.stderr
    );

    case.run_once().assert_code(0, "run --once");
    assert_eq!(case.entry("ventas")["source_file"], "ventas.csv");
    assert_eq!(
        case.entry("ventas")["sha256"],
        sha256(VENTAS_CSV.as_bytes())
    );
    assert_eq!(
        case.entry("ventas_pagos")["source_file"],
        "ventas_pagos.csv"
    );
    assert_eq!(
        fs::read_to_string(case.path("out/ventas.csv")).unwrap(),
        VENTAS_CSV
    );

    let doctor = case.run(&["doctor"]);
    doctor.assert_code(0, "doctor: a warning is not a failure");
    assert!(
        doctor.stdout.contains("WARN") && doctor.stdout.contains("ventas_pagos*.csv"),
        "{}",
        doctor.stdout
    );
    let json = case.run(&["doctor", "--json"]).json();
    let check = find(&json["checks"], "name", "patterns");
    assert_eq!(
        (check["ok"].as_bool(), check["warning"].as_bool()),
        (Some(true), Some(true))
    );
}

#[test]
fn a_true_tie_is_ambiguous_file_on_both_entities() {
    let case = new_case(
        "",
        r#"
[[entity]]
name = "pagos"
file = "pagos*.csv"

[[entity]]
name = "anual"
file = "*_2026.csv"
"#,
    );
    case.write_old("pagos_2026.csv", "ID,X\n1,2\n");
    let (report, out) = case.validate(1);
    for (entity, other) in [("pagos", "anual"), ("anual", "pagos")] {
        let found = issues(util::entity(&report, entity), "ambiguous-file");
        assert_eq!(found.len(), 1, "{report:#}");
        assert_eq!(found[0]["other_entity"], other);
        assert!(found[0]["message"].as_str().unwrap().contains(other));
    }
    assert!(out.stderr.contains("neither"), "{}", out.stderr);

    case.run_once()
        .assert_code(1, "run --once with an ambiguous file");
    for entity in ["pagos", "anual"] {
        let status = case.entity_status(entity);
        assert_eq!(status["counts"]["ambiguous-file"], 1, "{status:#}");
        assert!(case.entry(entity).is_null(), "{entity} published nothing");
    }
    assert!(
        case.anywhere_under("data/spool", "ID,X").is_empty(),
        "never read"
    );
}

/// Runs `run --once` while a thread appends a line to `ventas.csv` every 100 ms, until the
/// run ends; the run's output, and whether the writer kept its pace (no gap of a whole
/// settle time, which a stalled machine can cause and which makes the file settled).
fn once_with_a_busy_writer(case: &Sandbox) -> (Output, bool) {
    let path = case.input("ventas.csv");
    fs::write(&path, "NRO_VENTA,IMPORTE\n").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut file = fs::File::options().append(true).open(&path).unwrap();
            let mut last = std::time::Instant::now();
            let mut steady = true;
            let mut n = 0u64;
            loop {
                // The gap is measured before `stop` is read: a stall in the last sleep counts.
                steady &= last.elapsed() < Duration::from_millis(800);
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                n += 1;
                writeln!(file, "V{n},{n}").unwrap();
                last = std::time::Instant::now();
                std::thread::sleep(Duration::from_millis(100));
            }
            steady
        })
    };
    let once = case.run_once();
    stop.store(true, Ordering::SeqCst);
    let steady = writer.join().unwrap();
    (once, steady)
}

#[test]
fn run_once_never_publishes_a_file_still_being_written() {
    for _attempt in 0..3 {
        let case = new_case("", CLIENTES_VENTAS);
        case.write_old("clientes.csv", CLIENTES_CSV);
        let (once, steady) = once_with_a_busy_writer(&case);
        if !steady {
            continue; // the writer stalled a whole settle time: this run proves nothing
        }
        once.assert_code(1, "run --once with a file still being written");
        assert!(
            once.stderr.contains("still being written"),
            "{}",
            once.stderr
        );
        assert!(case.entry("ventas").is_null(), "ventas was published");
        assert!(!case.path("out/ventas.csv").exists());
        assert_eq!(case.entry("clientes")["source_file"], "clientes.csv");
        let ventas = case.entity_status("ventas");
        let error = ventas["last_error"].as_str().unwrap_or_default();
        assert!(error.contains("still being written"), "{ventas:#}");
        return;
    }
    panic!("the writer thread never kept its pace");
}

#[test]
fn a_huge_settle_time_does_not_overflow_run_once() {
    let case = new_case("", CLIENTES_VENTAS);
    let config = fs::read_to_string(case.path("sheetdrop.toml"))
        .unwrap()
        .replace("settle_seconds = 1", "settle_seconds = 9223372036854775807");
    fs::write(case.path("sheetdrop.toml"), config).unwrap();
    // An empty folder: nothing to wait for (a file would wait the 10-minute cap).
    let once = case.run_once();
    assert!(!once.stderr.contains("panicked"), "{}", once.stderr);
    // Either the config's range check refuses it (exit 2) or it runs: never a panic (101).
    assert!(
        [0, 2].contains(&once.code),
        "exit {}: {}",
        once.code,
        once.stderr
    );
}

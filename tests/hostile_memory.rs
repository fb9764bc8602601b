//! Black-box tests of issue 12 point 2: one huge field must not take all memory, and a file
//! that crashed the agent must not crash it again at every start.
//!
//! - an endless field (8 KB of text, then NUL bytes), or a one-line header of tens of MB, is rejected
//!   as `oversize-record` (`[policy] max_record_bytes`) under an address-space limit set here
//!   (`ulimit -v`), where reading it whole aborts the process;
//! - `run --once` publishes the other entities beside it and exits 1;
//! - a file being checked when the agent is killed (`kill -9`) is checked alone at the next
//!   start, and quarantined when that stops the agent again, while it is the same file; the
//!   other entities go on being published, `status` never says all is published meanwhile,
//!   and a new file is checked again.
//!
//! Unix only: `ulimit`, signals.
#![cfg(unix)]

mod util;

use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::Duration;
use util::{entity, sha256, wait_until, write_big, Output, Running, Sandbox};

/// How long an agent may take to notice, check and publish a small file.
const PUBLISH_WITHIN: Duration = Duration::from_secs(30);
/// How long a command may run before the test fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(180);
/// The address space the commands get, in KiB (`ulimit -v`): 300 MB, far less than reading
/// a big record whole takes (the file of NULs below made `validate` allocate gigabytes).
const MEMORY_KIB: u64 = 300 * 1024;

const ENTITIES: &str = r#"
[[entity]]
name = "sucursales"
file = "sucursales.csv"
id = "COD_SUCURSAL"

[[entity]]
name = "clientes"
file = "clientes.csv"
id = "COD_CLIENTE"
"#;

/// A sandbox whose config has `[source]`, `[destination]`, `policy` under `[policy]`, then the
/// entities `sucursales` and `clientes`.
fn new_case(policy: &str) -> Sandbox {
    let rest = format!("\n[policy]\n{policy}\n{ENTITIES}");
    Sandbox::new(|s| s.local_config("en", "settle_seconds = 1\nrescan_seconds = 2\n", &rest))
        .with_timeout(COMMAND_TIMEOUT)
}

/// What these tests do with a sandbox, beyond [`Sandbox`]'s own.
impl Sandbox {
    /// Runs `sheetdrop ARGS` to its end under the memory limit; a process killed by a signal
    /// (aborted for want of memory) fails the test, showing what it said.
    fn run_limited(&self, args: &[&str]) -> Output {
        // The limit is set in the test, on this very process: not a number trusted.
        let cmd = self.command_under(&format!("ulimit -v {MEMORY_KIB}"), args);
        let what = format!("sheetdrop {} (ulimit -v {MEMORY_KIB})", args.join(" "));
        self.start(cmd, &what).finish(COMMAND_TIMEOUT)
    }

    /// `validate` of the watched folder, as JSON, under the memory limit.
    fn validate(&self) -> (Output, Value) {
        let folder = self.path("in");
        let out = self.run_limited(&["validate", folder.to_str().unwrap(), "--format", "json"]);
        let json = out.json();
        (out, json)
    }

    /// `sheetdrop status` as people read it (English).
    fn status_text(&self) -> String {
        let out = self.run(&["status"]);
        out.stdout
    }

    /// The "checking" marker the agent keeps in its state store while it checks `entity`'s
    /// file (the value, JSON), if there is one now.
    fn checking_marker(&self, entity: &str) -> Option<String> {
        let db = self.path("data/state.sqlite");
        let conn =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .ok()?;
        conn.query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [format!("checking:{entity}")],
            |r| r.get(0),
        )
        .ok()
    }

    /// Waits until the published `entity.csv` is `content`.
    fn wait_published(&self, entity: &str, content: &str) {
        wait_until(&format!("{entity} published"), PUBLISH_WITHIN, || {
            (self.published(entity).as_deref() == Some(content)).then_some(())
        });
    }
}

/// A small, good export of `entity` (its ID column first), rows `ids`.
fn good(entity: &str, ids: std::ops::Range<u32>) -> String {
    let id = match entity {
        "clientes" => "COD_CLIENTE",
        _ => "COD_SUCURSAL",
    };
    let mut csv = format!("{id},NOMBRE\n");
    for i in ids {
        csv.push_str(&format!("{i},nombre {i}\n"));
    }
    csv
}

/// A `clientes.csv` with a header and one good row, then `len` bytes in all: a sparse file
/// (cheap to make), read as one endless field of row 2. The field starts with 8 KB of `A`s
/// and goes on as NUL bytes: NULs among the first 8 KB would make the file `not-a-table`
/// (binary) at once, told from its first bytes (tests/validation.rs), and this file is here
/// to test the bound on memory of a record read.
fn nul_file(path: &Path, len: u64) {
    let start = format!("COD_CLIENTE,NOMBRE\nC1,uno\nC2,{}", "A".repeat(8 * 1024));
    fs::write(path, start).unwrap();
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(len)
        .unwrap();
    util::set_age(path, 60);
}

#[test]
fn a_file_of_nul_bytes_is_rejected_as_oversize_under_a_memory_limit() {
    let case = new_case("");
    case.write_old("sucursales.csv", good("sucursales", 1..4));
    nul_file(&case.input("clientes.csv"), 256 << 20);
    let (out, report) = case.validate();
    out.assert_code(1, "validate of a 256 MB file of NULs under a 300 MB limit");
    let clientes = entity(&report, "clientes");
    assert_eq!(clientes["verdict"], "rejected", "{clientes:#}");
    assert_eq!(clientes["counts"]["oversize-record"], 1, "{clientes:#}");
    let issue = util::issue_at(clientes, "oversize-record", Some(2));
    assert_eq!(issue["line"], 3, "{issue:#}");
    assert_eq!(issue["severity"], "error");
    assert_eq!(issue["max_record_bytes"], 16 << 20, "{issue:#}");
    // The report stays small: nothing of the field is in it.
    assert!(out.stdout.len() < 20_000, "{} bytes", out.stdout.len());
    assert_eq!(entity(&report, "sucursales")["verdict"], "accepted");
}

#[test]
fn a_40_mb_header_is_oversize_past_a_1_mib_limit() {
    let case = new_case("max_record_bytes = \"1MiB\"");
    let mut header = String::with_capacity(41 << 20);
    let mut i = 0;
    while header.len() < 40 << 20 {
        header.push_str(&format!("COLUMNA_{i:08},"));
        i += 1;
    }
    header.push_str("COD_CLIENTE\n1,x\n");
    case.write_old("clientes.csv", header);
    let (out, report) = case.validate();
    out.assert_code(1, "validate of a 40 MB header");
    let clientes = entity(&report, "clientes");
    assert_eq!(clientes["verdict"], "rejected", "{clientes:#}");
    let issue = util::issue_at(clientes, "oversize-record", None);
    assert_eq!(issue["line"], 1, "{issue:#}");
    assert_eq!(issue["max_record_bytes"], 1 << 20, "{issue:#}");
    // People are told the limit and the key to raise it, in their language.
    let folder = case.path("in");
    let text = case.run_limited(&["validate", folder.to_str().unwrap()]);
    text.assert_code(1, "validate (text)");
    assert!(
        text.stdout
            .contains("the header is larger than the limit of 1 MiB ([policy] max_record_bytes)"),
        "{}",
        text.stdout
    );
    // A limit out of range is a config error naming the line.
    let bad = new_case("max_record_bytes = \"2GiB\"");
    let out = bad.run(&["validate", folder.to_str().unwrap()]);
    out.assert_code(2, "validate with max_record_bytes = 2GiB");
    assert!(
        util::mentions_line(&out.stderr, 13) && out.stderr.contains("2GiB"),
        "{}",
        out.stderr
    );
}

#[test]
fn run_once_publishes_the_other_entities_beside_a_huge_file() {
    let case = new_case("");
    let sucursales = good("sucursales", 1..4);
    case.write_old("sucursales.csv", &sucursales);
    nul_file(&case.input("clientes.csv"), 64 << 20);
    let out = case.run_limited(&["run", "--once", "--headless"]);
    out.assert_code(
        1,
        "run --once with a 64 MB file of NULs under a 300 MB limit",
    );
    assert_eq!(
        case.published("sucursales").as_deref(),
        Some(sucursales.as_str())
    );
    assert_eq!(case.published("clientes"), None);
    let clientes = case.entity_status("clientes");
    assert_eq!(clientes["last_verdict"], "rejected", "{clientes:#}");
    assert_eq!(clientes["counts"]["oversize-record"], 1, "{clientes:#}");
    let text = case.status_text();
    assert!(!text.contains("All published"), "{text}");
    assert!(text.contains("Record too large (1)"), "{text}");
}

/// Waits until the agent checks `clientes` (its marker is in the state store), then kills it
/// with SIGKILL.
fn kill_while_checking_clientes(case: &Sandbox, mut agent: Running, also: &dyn Fn() -> bool) {
    let marker = wait_until("the checking marker of clientes", COMMAND_TIMEOUT, || {
        agent.assert_running();
        // `also` may take a while (it may run a whole command): the marker is read after it,
        // right before the kill.
        if also() {
            case.checking_marker("clientes")
        } else {
            None
        }
    });
    agent.signal(libc::SIGKILL);
    agent.wait_exit(Duration::from_secs(10)).expect("killed");
    let sha = sha256(&fs::read(case.input("clientes.csv")).unwrap());
    assert!(marker.contains(&sha), "{marker}");
    // Killed before the check ended: nothing was recorded of this file.
    let clientes = case.entity_status("clientes");
    assert!(
        clientes["last_verdict"].is_null() || clientes["counts"].get("quarantined").is_some(),
        "{clientes:#}"
    );
}

#[test]
fn a_file_that_stops_the_agent_three_times_while_checked_is_quarantined_until_it_changes() {
    let case = new_case("");
    let sucursales = good("sucursales", 1..4);
    case.write_old("sucursales.csv", &sucursales);
    let agent = case.start_agent(PUBLISH_WITHIN);
    case.wait_published("sucursales", &sucursales);

    // A file long to check arrives (written beside, then moved in whole: the agent settles
    // in 1 s); the agent is killed while it checks it.
    let beside = case.path("big.tmp");
    write_big(&beside, 1_000_000);
    fs::rename(&beside, case.input("clientes.csv")).unwrap();
    kill_while_checking_clientes(&case, agent, &|| true);
    let text = case.status_text();
    assert!(
        !text.contains("All published") && text.contains("the last pass did not finish"),
        "{text}"
    );
    // Restarted, it checks the suspect alone, and is killed again, twice.
    for _ in 0..2 {
        let agent = case.start_agent(PUBLISH_WITHIN);
        kill_while_checking_clientes(&case, agent, &|| true);
        assert!(case.entity_status("clientes")["last_verdict"].is_null());
    }

    // Restarted: the same file is quarantined, not read; the others go on.
    let mut agent = case.start_agent(PUBLISH_WITHIN);
    let clientes = wait_until("clientes quarantined", COMMAND_TIMEOUT, || {
        agent.assert_running();
        let e = case.entity_status("clientes");
        (e["counts"]["quarantined"] == 1).then_some(e)
    });
    assert_eq!(clientes["last_verdict"], "rejected", "{clientes:#}");
    assert!(case.checking_marker("clientes").is_none());
    let newer = good("sucursales", 1..6);
    case.write_old("sucursales.csv", &newer);
    case.wait_published("sucursales", &newer);
    assert_eq!(case.published("clientes"), None);
    assert!(agent.stderr().contains("quarantined"), "{}", agent.stderr());
    let text = case.status_text();
    assert!(!text.contains("All published"), "{text}");
    assert!(
        text.contains("quarantined: the agent stopped while checking this file"),
        "{text}"
    );

    // A new file is checked again, and published.
    let fixed = good("clientes", 1..10);
    case.write_old("clientes.csv", &fixed);
    case.wait_published("clientes", &fixed);
    let clientes = case.entity_status("clientes");
    assert_eq!(clientes["last_verdict"], "accepted", "{clientes:#}");
    agent.signal(libc::SIGTERM);
    agent.wait_exit(COMMAND_TIMEOUT).expect("stops");
    assert!(case.status_text().contains("All published"));
}

#[test]
fn files_checked_together_when_the_agent_is_killed_are_checked_alone_and_only_the_culprit_quarantined(
) {
    let case = new_case("");
    let sucursales = good("sucursales", 1..4);
    case.write_old("sucursales.csv", &sucursales);
    let big = case.input("clientes.csv");
    write_big(&big, 1_000_000);
    util::set_age(&big, 60);

    // Both files are checked in the first pass: the agent is killed; either may be at fault.
    let agent = case.start_agent(PUBLISH_WITHIN);
    kill_while_checking_clientes(&case, agent, &|| {
        case.checking_marker("sucursales").is_some()
    });

    // Restarted: each is checked alone, sucursales first; killed again during clientes,
    // and once more.
    let agent = case.start_agent(PUBLISH_WITHIN);
    kill_while_checking_clientes(&case, agent, &|| {
        case.entity_status("sucursales")["last_verdict"] == "accepted"
    });
    assert!(case.entity_status("clientes")["last_verdict"].is_null());
    let agent = case.start_agent(PUBLISH_WITHIN);
    kill_while_checking_clientes(&case, agent, &|| true);
    assert!(case.entity_status("clientes")["last_verdict"].is_null());

    // Now the culprit is known: quarantined, and sucursales is published.
    let mut agent = case.start_agent(PUBLISH_WITHIN);
    case.wait_published("sucursales", &sucursales);
    let clientes = wait_until("clientes quarantined", COMMAND_TIMEOUT, || {
        agent.assert_running();
        let e = case.entity_status("clientes");
        (e["counts"]["quarantined"] == 1).then_some(e)
    });
    assert_eq!(clientes["last_verdict"], "rejected", "{clientes:#}");
    let sucursales_status = case.entity_status("sucursales");
    assert!(sucursales_status["counts"].get("quarantined").is_none());
    agent.signal(libc::SIGTERM);
    agent.wait_exit(COMMAND_TIMEOUT).expect("stops");
}

//! Black-box tests of service mode: `sheetdrop service run` is `run --headless --system` with
//! `--config`/`--data-dir` still winning, `service status` on a machine where nothing is
//! installed, `service install` without root, and the bounded stop: an agent asked to stop
//! in the middle of a long pass exits within 10 s, and the next run converges.
//!
//! Nothing here installs a real service: installing into a temp root with a fake
//! `systemctl` is tested beside the code (`src/platform/service/linux.rs`).
//! Unix only: signals and dropping root privileges.
#![cfg(unix)]

mod util;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use util::{set_age, sha256, wait_until, write_big, Output, Running, Sandbox};

/// What a stop request may take, end to end (the service managers are promised 10 s).
const STOP_WITHIN: Duration = Duration::from_secs(10);
/// How long an agent may take to notice, check and publish a small file.
const PUBLISH_WITHIN: Duration = Duration::from_secs(20);

const CLIENTES: &str = util::CLIENTES_ENTITY;

/// A [`Sandbox`] (watched `in`, destination `out`, data dir, sandbox HOME) whose English
/// config watches for clientes, settling in 1 s; what the service tests ask of it.
struct Case(Sandbox);

impl Case {
    fn new() -> Case {
        Case(Sandbox::new(|s| {
            s.local_config("en", "settle_seconds = 1\nrescan_seconds = 2\n", CLIENTES)
        }))
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.path(rel)
    }

    /// Starts `sheetdrop ARGS --config … --data-dir …`, sandboxed (`what` names it in
    /// failure messages).
    fn command(&self, args: &[&str], what: &str) -> Running {
        self.0.start(self.0.command(args), what)
    }

    /// Runs `sheetdrop ARGS` to its end (failing the test after `timeout`).
    fn run(&self, args: &[&str], what: &str, timeout: Duration) -> Output {
        self.command(args, what).finish(timeout)
    }

    /// `manifest.json`'s entry for `entity` (`Null` while there is none).
    fn published(&self, entity: &str) -> Value {
        self.0.entry(entity)
    }
}

/// Every file under `dir` (recursively) whose name says it is temporary.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temp_files(&path));
        } else if entry.file_name().to_string_lossy().ends_with(".tmp") {
            found.push(path);
        }
    }
    found
}

// ───────────────────────────── stopping ─────────────────────────────

/// SIGTERM while a 200 MB file is being checked: the agent exits 0 within 10 s (it does not
/// wait for the pass, which takes far longer in a debug build), and `run --once` afterwards
/// publishes the file: the state the early exit left is consistent.
#[test]
fn sigterm_in_the_middle_of_a_long_pass_stops_within_10_s_and_the_next_run_converges() {
    const ROWS: u32 = 2_000_000;
    let case = Case::new();
    let input = case.path("in/clientes.csv");
    let size = write_big(&input, ROWS);
    set_age(&input, 60);

    let mut agent = case.command(&["run", "--headless"], "agent");
    // The pass has begun once the spool copy is being written.
    wait_until(
        "the pass over the big file to start",
        PUBLISH_WITHIN,
        || {
            agent.assert_running();
            let spool = case.path("data/spool/clientes");
            fs::read_dir(spool).ok()?.next().map(drop)
        },
    );
    std::thread::sleep(Duration::from_millis(500));
    agent.assert_running();
    let asked = Instant::now();
    agent.signal(libc::SIGTERM);
    let status = agent.wait_exit(STOP_WITHIN + Duration::from_secs(20));
    let took = asked.elapsed();
    let log = agent.stderr();
    let status = status.unwrap_or_else(|| panic!("still running {took:?} after SIGTERM\n{log}"));
    assert!(took < STOP_WITHIN, "stopped {took:?} after SIGTERM\n{log}");
    assert_eq!(status.code(), Some(0), "exit after SIGTERM\n{log}");
    // Either the pass was cut short, and the log says so, or it ended in time (a fast
    // machine, a release build).
    let mid_pass = log.contains("stopping in the middle of a pass");
    assert!(
        mid_pass || log.contains("pass done"),
        "neither cut short nor finished:\n{log}"
    );
    eprintln!("stopped {took:?} after SIGTERM, mid-pass: {mid_pass} ({size} bytes)");

    let out = case.run(
        &["run", "--once", "--headless"],
        "once",
        Duration::from_secs(600),
    );
    assert_eq!(out.code, 0, "run --once after the stop\n{}", out.stderr);
    let entry = case.published("clientes");
    assert_eq!(entry["rows"], ROWS, "{entry:#}");
    assert_eq!(entry["verdict"], "accepted");
    assert_eq!(
        fs::metadata(case.path("out/clientes.csv")).unwrap().len(),
        size
    );
    assert_eq!(temp_files(&case.path("out")), Vec::<PathBuf>::new());
    let status = case.run(&["status", "--json"], "status", PUBLISH_WITHIN);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let status: Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(status["outbox"], serde_json::json!([]), "{status:#}");
}

// ───────────────────────────── service run ─────────────────────────────

/// `service run` is the agent, headless, in the foreground: with `--config` and `--data-dir`
/// (which win over the system-wide places) it watches, publishes, and stops on SIGTERM.
#[test]
fn service_run_watches_and_publishes_with_the_given_config_and_data_dir() {
    let case = Case::new();
    let data = "COD_CLIENTE,NOMBRE\nC1,Ana\nC2,Luis\n";
    fs::write(case.path("in/clientes.csv"), data).unwrap();
    let mut service = case.command(&["service", "run"], "service");
    let sha = sha256(data.as_bytes());
    wait_until("the service to publish clientes", PUBLISH_WITHIN, || {
        service.assert_running();
        (case.published("clientes")["sha256"] == sha.as_str()).then_some(())
    });
    let log = service.stderr();
    assert!(
        log.contains(&format!("data_dir={}", case.path("data").display())),
        "{log}"
    );
    assert!(!log.contains("tray icon shown"), "{log}");
    assert!(case.path("data/state.sqlite").is_file());

    // Its state is the one `status --system --data-dir` reads.
    let status = case.run(&["status", "--system", "--json"], "status", PUBLISH_WITHIN);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let status: Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(status["data_dir"], case.path("data").display().to_string());

    service.signal(libc::SIGTERM);
    let out = service.finish(STOP_WITHIN);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("stopping"), "{}", out.stderr);
}

// ───────────────────────────── install, status ─────────────────────────────

/// The unit files a package or `service install` would have put on this machine.
#[cfg(target_os = "linux")]
const UNITS: [&str; 3] = [
    "/etc/systemd/system/sheetdrop.service",
    "/lib/systemd/system/sheetdrop.service",
    "/usr/lib/systemd/system/sheetdrop.service",
];

#[cfg(target_os = "linux")]
#[test]
fn service_status_without_a_service_exits_4_and_names_the_system_paths() {
    if let Some(unit) = UNITS.iter().find(|u| Path::new(u).exists()) {
        eprintln!("### SKIPPED: {unit} exists: sheetdrop is installed on this machine ###");
        return;
    }
    let case = Case::new();
    let out = case.run(&["service", "status"], "status", PUBLISH_WITHIN);
    assert_eq!(out.code, 4, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout,
        "installed: no\nconfig: /etc/sheetdrop/sheetdrop.toml\ndata: /var/lib/sheetdrop\n"
    );
    assert_eq!(out.stderr, "");
}

/// Without root, `install` and `uninstall` say to run them as root, and touch nothing.
#[cfg(target_os = "linux")]
#[test]
fn install_without_root_says_to_run_it_as_root() {
    use std::process::{Command, Stdio};
    let before: Vec<bool> = UNITS.iter().map(|u| Path::new(u).exists()).collect();
    for action in ["install", "uninstall"] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
        // As `nobody` (when the tests run as root), who cannot read a temp config: the
        // language comes from the locale.
        cmd.args(["service", action])
            .env("LC_ALL", "en_US.UTF-8")
            .env_remove("SHEETDROP_LOG")
            .current_dir("/")
            .stdin(Stdio::null());
        if unsafe { libc::geteuid() } == 0 {
            use std::os::unix::process::CommandExt;
            cmd.uid(65534).gid(65534).env("HOME", "/nonexistent");
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{action}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "sheetdrop: error: administrator rights needed: run as root (sudo sheetdrop service {action})\n"
            ),
        );
        assert!(out.stdout.is_empty(), "{action}");
    }
    let after: Vec<bool> = UNITS.iter().map(|u| Path::new(u).exists()).collect();
    assert_eq!(before, after, "a unit file appeared or went");
}

/// `service run` is an entry point for service managers, not for people: `--help` hides it.
#[test]
fn service_help_lists_install_uninstall_status_and_hides_run() {
    let case = Case::new();
    let out = case.run(&["service", "--help"], "help", PUBLISH_WITHIN);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for command in ["install", "uninstall", "status"] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(command)),
            "{command} missing:\n{}",
            out.stdout
        );
    }
    assert!(
        !out.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("run")),
        "run is listed:\n{}",
        out.stdout
    );
}

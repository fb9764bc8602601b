//! Latency, idle CPU and memory benchmark for the watching agent, `sheetdrop run`.
//!
//! What it measures:
//! 1. It starts the real binary, `sheetdrop run --headless --config <dir>/sheetdrop.toml
//!    --data-dir <dir>/data`, as a child process, watching `<dir>/exportaciones` with
//!    `settle_seconds = 1` and publishing to the local destination `<dir>/outbox`. `<dir>` is a
//!    fresh temporary folder under `<target dir>/bench-data/`, removed at the end.
//! 2. Publish latency: for 1 + R rounds (the first is a warm-up, not counted) it writes a new
//!    version of a dealership's `clientes.csv` — N rows (default 10,000), 12 columns of
//!    Spanish text, Windows-1252, `;`, CRLF, a few quoted cells, what a Windows ERP writes;
//!    every round's content differs, the IDs stay the same — in place (create/truncate, one
//!    write, close), and takes the instant right after the close as "last write". It then
//!    polls every 5 ms until `outbox/manifest.json` names the written file's SHA-256 for
//!    `clientes` (the manifest is replaced after the CSV, so the CSV is out by then) and
//!    records the elapsed time. It also notes when the agent's spool copy
//!    (`data/spool/clientes/<sha256>.csv`) appears, which splits the latency into "write →
//!    spooled" (settle wait + wake-up slack + copy/hash) and "spooled → published" (validate,
//!    state store, CSV and manifest written); the settle wait itself is `settle_seconds`.
//! 3. Idle cost: after the rounds the agent is left alone (default 10 s) while the bench
//!    samples its `/proc/<pid>/stat` utime + stime (CPU % of one core) and
//!    `/proc/<pid>/status` VmRSS (resident memory, every second) and VmHWM (its peak since
//!    start, i.e. while processing).
//! 4. It prints each round, a summary table with PASS/FAIL per target (median latency
//!    < 1.5 s, idle CPU < 0.5 % of one core, idle RSS < 30 MB), the hypervisor's CPU steal
//!    and how busy the machine's CPUs were during each round (other work on the machine
//!    delays the agent). Then it stops the agent with SIGTERM and checks that it exits 0.
//!    It is a measurement, not a test: it exits 0 whatever the figures, and panics only
//!    when the agent dies, or a round is not published within 30 s.
//!
//! The binary: like `benches/validate.rs`, the bench runs `env!("CARGO_BIN_EXE_sheetdrop")`.
//! Cargo sets that variable for benches as well as integration tests, and builds the binary
//! (with the `bench` profile, which inherits `release`: `target/release/sheetdrop`) before it
//! builds the bench, so `cargo bench --bench agent` always measures the current sources, from
//! a clean checkout too, without running cargo from the bench or guessing a path.
//!
//! Run it with:
//!     cargo bench --bench agent
//! Environment: `SHEETDROP_BENCH_ROUNDS` (default 15), `SHEETDROP_BENCH_ROWS` (default
//! 10000), `SHEETDROP_BENCH_IDLE_SECS` (default 10). Linux gives every figure; elsewhere the
//! /proc ones are "n/a". MB means 10^6 bytes throughout.

mod common;

use common::*;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SETTLE_SECONDS: u64 = 1;
const TARGET_LATENCY_S: f64 = 1.5;
/// "About 0 %": below 5 ms of CPU per second.
const TARGET_IDLE_CPU_PCT: f64 = 0.5;
const TARGET_RSS_MB: f64 = 30.0;
/// How often the outbox is looked at while waiting for a publish.
const POLL: Duration = Duration::from_millis(5);
/// A round not published by then is a failure of the agent, not a slow figure.
const ROUND_TIMEOUT: Duration = Duration::from_secs(30);
/// Pause between rounds, so each write finds the agent idle (as an ERP's exports would).
const GAP: Duration = Duration::from_millis(500);

// ---------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------

fn main() {
    let rounds = env_u64("SHEETDROP_BENCH_ROUNDS", 15).max(1) as usize;
    let rows = env_u64("SHEETDROP_BENCH_ROWS", 10_000).max(1);
    let idle_secs = env_u64("SHEETDROP_BENCH_IDLE_SECS", 10).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let root = bench_data_root();
    fs::create_dir_all(&root).expect("creating the bench-data folder");
    let dir = tempfile::Builder::new()
        .prefix("agent-")
        .tempdir_in(&root)
        .expect("creating the bench folder");
    let setup = Setup::new(dir.path());
    println!(
        "sheetdrop agent benchmark: clientes.csv of {rows} rows, settle_seconds = {SETTLE_SECONDS}, \
         {rounds} rounds (+1 warm-up), {idle_secs} s idle, {cores} cores"
    );
    println!("binary: {}", env!("CARGO_BIN_EXE_sheetdrop"));
    println!("folder: {}", dir.path().display());
    println!("load average at start: {}", loadavg());

    let mut agent = Agent::start(&setup);
    println!("agent pid {}", agent.pid());

    let mut results = Vec::new();
    for round in 0..=rounds {
        let content = clientes_csv(rows, round as u64);
        let r = measure_round(&setup, &mut agent, &content, rows);
        if round == 0 {
            println!(
                "warm-up: {:.3} s ({} bytes, watching {})",
                r.latency,
                content.len(),
                agent.watch_mode()
            );
        } else {
            println!(
                "round {round:>2}: published {:.3} s after the last write (spooled at {}, then \
                 {} to publish), agent CPU {}, machine CPUs busy {}, stolen by the hypervisor {}",
                r.latency,
                fmt_secs(r.spooled),
                fmt_secs(r.spooled.map(|s| r.latency - s)),
                r.agent_cpu
                    .map_or("n/a".to_string(), |c| format!("{:.0} ms", c * 1e3)),
                fmt_pct(r.load.busy),
                fmt_pct(r.load.steal),
            );
            results.push(r);
        }
        std::thread::sleep(GAP);
    }

    // Let the last pass finish its bookkeeping before idling.
    std::thread::sleep(Duration::from_secs(2));
    let idle = measure_idle(&mut agent, Duration::from_secs(idle_secs));
    println!("load average at end: {}", loadavg());
    let exit = agent.stop();
    print_summary(&results, &idle, rows);
    println!(
        "agent stopped on SIGTERM, exit {}",
        exit.map_or("n/a".to_string(), |c| c.to_string())
    );
    println!(
        "note: the latency is the settle wait ({SETTLE_SECONDS} s after the watcher last saw the \
         file change) plus the watcher's wake-up and the pass; other load on the machine (see \
         'busy' and 'steal' per round) only lengthens the pass, so judge by quiet rounds."
    );
}

// ---------------------------------------------------------------------------------------
// Set-up and the agent process
// ---------------------------------------------------------------------------------------

struct Setup {
    config: PathBuf,
    data: PathBuf,
    source: PathBuf,
    outbox: PathBuf,
    log: PathBuf,
}

impl Setup {
    fn new(dir: &Path) -> Setup {
        let setup = Setup {
            config: dir.join("sheetdrop.toml"),
            data: dir.join("data"),
            source: dir.join("exportaciones"),
            outbox: dir.join("outbox"),
            log: dir.join("agent-stderr.log"),
        };
        fs::create_dir_all(&setup.source).expect("creating the watched folder");
        // TOML literal strings, so Windows backslashes need no escaping.
        let config = format!(
            "# Generated by benches/agent.rs.\n\
             [source]\nfolder = '{}'\nsettle_seconds = {SETTLE_SECONDS}\nrescan_seconds = 60\n\n\
             [destination]\nkind = \"local\"\nfolder = '{}'\n\n\
             [[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"COD_CLIENTE\"\n",
            setup.source.display(),
            setup.outbox.display()
        );
        fs::write(&setup.config, config).expect("writing the bench config");
        setup
    }

    fn file(&self) -> PathBuf {
        self.source.join("clientes.csv")
    }

    fn manifest(&self) -> PathBuf {
        self.outbox.join("manifest.json")
    }

    fn spool_copy(&self, sha256: &str) -> PathBuf {
        self.data
            .join("spool")
            .join("clientes")
            .join(format!("{sha256}.csv"))
    }
}

/// The running agent; killed if the bench panics.
struct Agent {
    child: Option<Child>,
    log: PathBuf,
}

impl Agent {
    fn start(setup: &Setup) -> Agent {
        let stderr = File::create(&setup.log).expect("creating the agent's log file");
        let child = Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
            .args(["run", "--headless", "--config"])
            .arg(&setup.config)
            .arg("--data-dir")
            .arg(&setup.data)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("starting sheetdrop run");
        Agent {
            child: Some(child),
            log: setup.log.clone(),
        }
    }

    fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Panics, with the agent's log, when it is no longer running.
    fn check_alive(&mut self) {
        let child = self.child.as_mut().expect("agent running");
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "the agent exited ({status}) during the bench; its log:\n{}",
                self.log_tail()
            );
        }
    }

    fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<_> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// "natively" or "by polling", from the agent's log.
    fn watch_mode(&self) -> &'static str {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        if text.contains("watching by polling") {
            "by polling"
        } else if text.contains("watching") {
            "natively"
        } else {
            "?"
        }
    }

    /// Asks the agent to stop (SIGTERM) and waits up to 10 s; returns its exit code.
    fn stop(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        terminate(&child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        println!("the agent did not stop within 10 s of SIGTERM; killing it");
        let _ = child.kill();
        let _ = child.wait();
        None
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[cfg(unix)]
fn terminate(child: &Child) {
    // SAFETY: kill only sends a signal to our own child.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
}

#[cfg(not(unix))]
fn terminate(_child: &Child) {}

// ---------------------------------------------------------------------------------------
// One latency round
// ---------------------------------------------------------------------------------------

struct Round {
    /// Last write (after close) → manifest names the new SHA-256, seconds.
    latency: f64,
    /// Last write → the spool copy exists, seconds.
    spooled: Option<f64>,
    /// CPU seconds the agent used during the round.
    agent_cpu: Option<f64>,
    load: Load,
}

fn measure_round(setup: &Setup, agent: &mut Agent, content: &[u8], rows: u64) -> Round {
    agent.check_alive();
    let sha256 = hex(&Sha256::digest(content));
    let spool_copy = setup.spool_copy(&sha256);
    let cpu_before = process_cpu_secs(agent.pid());
    let ticks_before = cpu_ticks();

    {
        let mut file = File::create(setup.file()).expect("writing clientes.csv");
        file.write_all(content).expect("writing clientes.csv");
        file.flush().expect("writing clientes.csv");
    } // closed here
    let written = Instant::now();

    let mut spooled = None;
    let latency = loop {
        let now = Instant::now();
        if spooled.is_none() && spool_copy.exists() {
            spooled = Some(now.duration_since(written).as_secs_f64());
        }
        if let Some(entry) = manifest_entry(&setup.manifest()) {
            if entry.sha256 == sha256 {
                assert_eq!(
                    entry.rows,
                    rows,
                    "the agent published {} rows of {rows}; its log:\n{}",
                    entry.rows,
                    agent.log_tail()
                );
                break now.duration_since(written).as_secs_f64();
            }
        }
        if now.duration_since(written) > ROUND_TIMEOUT {
            agent.check_alive();
            panic!(
                "clientes.csv was not published within {ROUND_TIMEOUT:?}; the agent's log:\n{}",
                agent.log_tail()
            );
        }
        std::thread::sleep(POLL);
    };
    let cpu_after = process_cpu_secs(agent.pid());
    Round {
        latency,
        spooled,
        agent_cpu: cpu_before.zip(cpu_after).map(|(b, a)| a - b),
        load: load_between(ticks_before, cpu_ticks()),
    }
}

struct ManifestEntry {
    sha256: String,
    rows: u64,
}

/// The manifest's `clientes` entry, or `None` while there is none (or it cannot be read).
fn manifest_entry(path: &Path) -> Option<ManifestEntry> {
    let bytes = fs::read(path).ok()?;
    let manifest: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let entry = &manifest["entities"]["clientes"];
    Some(ManifestEntry {
        sha256: entry["sha256"].as_str()?.to_string(),
        rows: entry["rows"].as_u64()?,
    })
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

// ---------------------------------------------------------------------------------------
// Idle cost
// ---------------------------------------------------------------------------------------

struct Idle {
    secs: f64,
    /// CPU of one core, percent.
    cpu_pct: Option<f64>,
    /// Largest VmRSS sampled while idle, bytes.
    rss: Option<u64>,
    /// VmHWM at the end: the peak since start (while processing), bytes.
    hwm: Option<u64>,
    load: Load,
}

fn measure_idle(agent: &mut Agent, span: Duration) -> Idle {
    agent.check_alive();
    let pid = agent.pid();
    let ticks_before = cpu_ticks();
    let cpu_before = process_cpu_secs(pid);
    let start = Instant::now();
    let mut rss: Option<u64> = None;
    while start.elapsed() < span {
        if let Some(r) = proc_status_bytes(pid, "VmRSS") {
            rss = Some(rss.map_or(r, |m| m.max(r)));
        }
        std::thread::sleep(Duration::from_secs(1).min(span.saturating_sub(start.elapsed())));
    }
    let cpu_after = process_cpu_secs(pid);
    let secs = start.elapsed().as_secs_f64();
    agent.check_alive();
    Idle {
        secs,
        cpu_pct: cpu_before
            .zip(cpu_after)
            .map(|(b, a)| (a - b) * 100.0 / secs),
        rss,
        hwm: proc_status_bytes(pid, "VmHWM"),
        load: load_between(ticks_before, cpu_ticks()),
    }
}

/// utime + stime of process `pid` (all its threads), in seconds, from /proc/<pid>/stat.
fn process_cpu_secs(pid: u32) -> Option<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of the line are the 12th and 13th after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as f64 / clock_ticks_per_sec()?)
}

#[cfg(unix)]
fn clock_ticks_per_sec() -> Option<f64> {
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (hz > 0).then_some(hz as f64)
}

#[cfg(not(unix))]
fn clock_ticks_per_sec() -> Option<f64> {
    None
}

/// A `kB` line of /proc/<pid>/status (e.g. VmRSS), in bytes.
fn proc_status_bytes(pid: u32, key: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.split(':').next() == Some(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

// ---------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------

fn print_summary(rounds: &[Round], idle: &Idle, rows: u64) {
    let latencies: Vec<f64> = rounds.iter().map(|r| r.latency).collect();
    let spooled: Vec<f64> = rounds.iter().filter_map(|r| r.spooled).collect();
    let publish: Vec<f64> = rounds
        .iter()
        .filter_map(|r| r.spooled.map(|s| r.latency - s))
        .collect();
    let cpu: Vec<f64> = rounds.iter().filter_map(|r| r.agent_cpu).collect();
    let busy: Vec<f64> = rounds.iter().filter_map(|r| r.load.busy).collect();
    let steal: Vec<f64> = rounds.iter().filter_map(|r| r.load.steal).collect();
    let med = median(&latencies);
    let min = latencies.iter().copied().fold(f64::INFINITY, f64::min);
    let max = latencies.iter().copied().fold(0.0, f64::max);
    let settle = SETTLE_SECONDS as f64;

    println!();
    println!(
        "publish latency of a {rows}-row clientes.csv, {} rounds: median {med:.3} s, min {min:.3} s, max {max:.3} s",
        rounds.len()
    );
    println!(
        "  of the median: settle wait {settle:.3} s ({:.0}%), the rest {:.3} s ({:.0}%)",
        settle * 100.0 / med,
        med - settle,
        (med - settle) * 100.0 / med
    );
    if !spooled.is_empty() {
        let (s, p) = (median(&spooled), median(&publish));
        println!(
            "  medians by stage: write -> spooled {s:.3} s (settle {settle:.3} s + wake-up and \
             copy/hash {:.3} s), spooled -> published {p:.3} s (validate, state, CSV, manifest)",
            s - settle
        );
    }
    if !cpu.is_empty() {
        println!("  agent CPU per round: median {:.0} ms", median(&cpu) * 1e3);
    }
    println!(
        "  machine during the rounds: CPUs busy median {}, max {}; hypervisor steal median {}, max {}",
        fmt_pct(median_opt(&busy)),
        fmt_pct(max_opt(&busy)),
        fmt_pct(median_opt(&steal)),
        fmt_pct(max_opt(&steal)),
    );
    println!(
        "idle for {:.1} s: agent CPU {} (counted in clock ticks of {}), machine CPUs busy {}, \
         hypervisor steal {}",
        idle.secs,
        idle.cpu_pct.map_or("n/a".to_string(), |c| format!(
            "{:.0} ms",
            c * idle.secs * 10.0
        )),
        clock_ticks_per_sec().map_or("n/a".to_string(), |hz| format!("{:.0} ms", 1e3 / hz)),
        fmt_pct(idle.load.busy),
        fmt_pct(idle.load.steal)
    );

    println!();
    println!(
        "{:<38}  {:>12}  {:>12}  result",
        "target", "measured", "target"
    );
    let row = |name: &str, measured: String, target: String, ok: Option<bool>| {
        println!(
            "{name:<38}  {measured:>12}  {target:>12}  {}",
            ok.map_or("n/a", pass)
        );
    };
    row(
        "publish latency, median",
        format!("{med:.3} s"),
        format!("< {TARGET_LATENCY_S} s"),
        Some(med < TARGET_LATENCY_S),
    );
    row(
        "idle CPU (% of one core)",
        idle.cpu_pct
            .map_or("n/a".to_string(), |c| format!("{c:.2} %")),
        format!("< {TARGET_IDLE_CPU_PCT} %"),
        idle.cpu_pct.map(|c| c < TARGET_IDLE_CPU_PCT),
    );
    row(
        "idle RSS (VmRSS, largest sample)",
        fmt_mb(idle.rss),
        format!("< {TARGET_RSS_MB} MB"),
        idle.rss.map(|r| mb(r) < TARGET_RSS_MB),
    );
    println!(
        "{:<38}  {:>12}  {:>12}  (no target)",
        "peak RSS since start (VmHWM)",
        fmt_mb(idle.hwm),
        "-"
    );
}

// ---------------------------------------------------------------------------------------
// The clientes file: 12 columns, Spanish text, Windows-1252, `;`, CRLF
// ---------------------------------------------------------------------------------------

/// Version `version` of a clientes export of `rows` rows: the same IDs every version, most
/// other cells drawn again, so every version's bytes (and SHA-256) differ.
fn clientes_csv(rows: u64, version: u64) -> Vec<u8> {
    let mut rng = Rng(0xC11E_0000 ^ version.wrapping_mul(0x9E37_79B9));
    let mut text = String::with_capacity(rows as usize * 160);
    text.push_str(
        "COD_CLIENTE;APELLIDO;NOMBRE;DNI;CUIT;EMAIL;TELEFONO;DIRECCION;LOCALIDAD;PROVINCIA;\
         FECHA_ALTA;OBSERVACIONES\r\n",
    );
    let mut cells: Vec<String> = Vec::with_capacity(12);
    for k in 1..=rows {
        cells.clear();
        let (nombre, n_mail) = rng.pick(NOMBRES);
        let (apellido, a_mail) = rng.pick(APELLIDOS);
        let dni = rng.range(8_000_000, 46_000_000);
        let (localidad, provincia, area) = rng.pick(LOCALIDADES);
        cells.push(format!("CL{k:07}"));
        cells.push(apellido.to_string());
        cells.push(nombre.to_string());
        cells.push(dni.to_string());
        cells.push(if rng.below(10) < 3 {
            let prefix = 20 + 7 * rng.below(2);
            format!("{prefix}-{dni}-{}", rng.below(10))
        } else {
            String::new()
        });
        cells.push(format!(
            "{n_mail}.{a_mail}{}@{}",
            rng.below(100),
            rng.pick(DOMINIOS)
        ));
        cells.push(format!(
            "({area}) 15-{}-{:04}",
            rng.range(4000, 6999),
            rng.below(10_000)
        ));
        cells.push(format!(
            "{} {}, piso {}",
            rng.pick(CALLES),
            rng.range(1, 9999),
            rng.range(1, 12)
        ));
        cells.push(localidad.to_string());
        cells.push(provincia.to_string());
        cells.push(format!(
            "{:02}/{:02}/{}",
            rng.range(1, 28),
            rng.range(1, 12),
            rng.range(2005, 2025)
        ));
        cells.push(if rng.below(20) == 0 {
            rng.pick(OBSERVACIONES).to_string()
        } else {
            String::new()
        });
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push(';');
            }
            push_cell(&mut text, cell);
        }
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "a character outside Windows-1252");
    bytes.into_owned()
}

/// (as written, as used in an e-mail address)
#[rustfmt::skip]
const NOMBRES: &[(&str, &str)] = &[
    ("José", "jose"), ("María", "maria"), ("Juan Pablo", "juanpablo"), ("Sofía", "sofia"),
    ("Martín", "martin"), ("Lucía", "lucia"), ("Agustín", "agustin"), ("Inés", "ines"),
    ("Joaquín", "joaquin"), ("Valentina", "valentina"), ("Héctor", "hector"), ("Mónica", "monica"),
    ("Raúl", "raul"), ("Verónica", "veronica"), ("Julián", "julian"), ("Belén", "belen"),
];

#[rustfmt::skip]
const APELLIDOS: &[(&str, &str)] = &[
    ("Peña", "pena"), ("González", "gonzalez"), ("Rodríguez", "rodriguez"), ("Fernández", "fernandez"),
    ("López", "lopez"), ("Martínez", "martinez"), ("Gómez", "gomez"), ("Pérez", "perez"),
    ("Díaz", "diaz"), ("Sánchez", "sanchez"), ("Muñoz", "munoz"), ("Ibáñez", "ibanez"),
    ("Núñez", "nunez"), ("Benítez", "benitez"), ("D'Angelo", "dangelo"), ("Müller", "muller"),
];

#[rustfmt::skip]
const DOMINIOS: &[&str] =
    &["gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com", "fibertel.com.ar"];

#[rustfmt::skip]
const CALLES: &[&str] = &[
    "Av. Corrientes", "Av. Santa Fe", "Belgrano", "San Martín", "Av. Rivadavia", "Av. Colón",
    "Bv. Oroño", "Güemes", "Av. Vélez Sarsfield", "Pueyrredón", "Hipólito Yrigoyen", "Entre Ríos",
];

/// (localidad, provincia, código de área)
#[rustfmt::skip]
const LOCALIDADES: &[(&str, &str, &str)] = &[
    ("CABA", "Ciudad Autónoma de Buenos Aires", "11"), ("Rosario", "Santa Fe", "341"),
    ("Córdoba", "Córdoba", "351"), ("San Miguel de Tucumán", "Tucumán", "381"),
    ("Neuquén", "Neuquén", "299"), ("Río Cuarto", "Córdoba", "358"),
    ("Bahía Blanca", "Buenos Aires", "291"), ("San Martín de los Andes", "Neuquén", "2972"),
];

const OBSERVACIONES: &[&str] = &[
    "Cliente preferencial; pidió factura A",
    "Llamar después de las 18 hs",
    "Dirección de entrega: \"portón verde\"",
    "Tiene un reclamo pendiente\nen el taller",
    "No enviar publicidad por correo",
];

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn fmt_secs(secs: Option<f64>) -> String {
    secs.map_or("n/a".to_string(), |s| format!("{s:.3} s"))
}

//! Requests, bytes and wall time of one publish to Google, against the emulator.
//!
//! What it measures:
//! 1. It generates (deterministically, once, cached in `<target dir>/bench-data/google/`) two
//!    versions of a workshop `servicios.csv` export: N rows (default 100,000), 15 columns of
//!    Spanish text (work orders: dates, plates, makes and models, mileage, service, a free-text
//!    description, mechanic, branch, amount, state), Windows-1252, `;`, CRLF, a few quoted
//!    cells with `;`, quotes or line breaks — what a Windows ERP writes. The IDs are the same in
//!    both versions, the other cells differ, so each version is a new snapshot.
//! 2. It starts the in-process emulator (`google-emulator`) with the Sheets write quota at 60
//!    a minute, and a config with `kind = "google"`, `endpoint` = the emulator and
//!    `writes_per_minute = 60`. Each round copies a version into the watched folder (dated a
//!    minute ago: no settle wait) and runs the real binary, `sheetdrop run --once --headless`,
//!    as users run it; the first round (cold) creates the Drive folders and the spreadsheet,
//!    the next R rounds (default 3) republish the two versions in turn: the steady state.
//!    Before each round the emulator's record of requests and its quota window are reset
//!    (rounds are independent, as publishes a minute or more apart are).
//! 3. Per round, from the emulator's `requests()`: requests, bytes sent (request bodies) and
//!    received (response bodies), split by kind: token, Drive reads (list), Drive writes
//!    (folders, shares, deletes, upload session), Drive upload chunks, Sheets reads (tabs,
//!    values), Sheets batchUpdate, Sheets values writes, other Sheets writes (create). The
//!    payload — the JSON of the values the tab must hold, `[[header...],[row...],...]` — is
//!    computed here, independently of sheetdrop: the generated file decoded with encoding_rs,
//!    parsed with the csv crate, each row serialised with serde_json. The wall time of the
//!    process, split by a poller into "start → first Google request" (start-up, spool copy,
//!    validate, token), "Google" (first → last request) and the rest; sheetdrop's CPU time;
//!    the emulator's (this process's) CPU time; the hypervisor's CPU steal.
//! 4. After the last round it reads the tab back and checks it equals the file's rows, cell
//!    for cell, and that the Drive file is the snapshot byte for byte, so the figures are
//!    those of a correct publish.
//! 5. A summary table with PASS/FAIL for the issue's target — "within 1.2x of payload / 2 MB
//!    requests, plus at most 4" read as: requests per publish <= 1.2 x (payload / 2 MB) + 4 —
//!    for the whole publish and for its Sheets part (and, strictly, <= ceil(payload / 2 MB) + 4
//!    for the Sheets part), the Sheets bytes sent against the payload
//!    (<= 1.2x), the largest request (< 10 MiB) and 429 answers (none: the pacer keeps under
//!    the quota). It is a measurement, not a test: it exits 0 whatever the figures, and panics
//!    only when a publish fails or what was published is wrong.
//!
//! Run it with:
//!     cargo bench --bench google
//! Environment: `SHEETDROP_BENCH_ROWS` (default 100000), `SHEETDROP_BENCH_ROUNDS` (republish
//! rounds, default 3). MB means 10^6 bytes, MiB 2^20.

mod common;

use common::*;
use google_emulator::{Emulator, RequestRecord};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Bump when the generated data changes, so that cached files are rebuilt.
const GENERATOR_VERSION: u32 = 1;
const COLUMNS: usize = 15;
const ENTITY: &str = "servicios";
const WRITES_PER_MINUTE: u32 = 60;
/// "About 2 MB" of JSON per values request (the figure).
const REQUEST_MB: f64 = 2.0;
const TARGET_REQUEST_FACTOR: f64 = 1.2;
const TARGET_EXTRA_REQUESTS: f64 = 4.0;
const TARGET_BYTES_FACTOR: f64 = 1.2;
/// Google refuses request bodies above this.
const MAX_BODY: u64 = 10 << 20;
/// How often the poller looks at the emulator's request log.
const POLL: Duration = Duration::from_millis(2);

// ---------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------

fn main() {
    let rows = env_u64("SHEETDROP_BENCH_ROWS", 100_000).max(10);
    let rounds = env_u64("SHEETDROP_BENCH_ROUNDS", 3).max(1) as usize;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let root = bench_data_root();
    let versions: Vec<Version> = (0..2)
        .map(|v| ensure_version(&root.join("google"), rows, v))
        .collect();
    println!(
        "sheetdrop google benchmark: {ENTITY}.csv of {rows} rows x {COLUMNS} columns, {:.1} MB \
         (Windows-1252), values payload {:.1} MB of JSON; quota {WRITES_PER_MINUTE} writes/min \
         (emulator and writes_per_minute); 1 cold + {rounds} republish rounds; {cores} cores",
        mb(versions[0].file_bytes),
        mb(versions[0].payload),
    );
    println!("binary: {}", env!("CARGO_BIN_EXE_sheetdrop"));
    println!("load average at start: {}", loadavg());

    fs::create_dir_all(&root).expect("creating the bench-data folder");
    let dir = tempfile::Builder::new()
        .prefix("google-")
        .tempdir_in(&root)
        .expect("creating the bench folder");
    let emu = Emulator::start();
    let setup = Setup::new(dir.path(), &emu);
    println!("emulator: {}; folder: {}", emu.url(), dir.path().display());

    let mut results = Vec::new();
    for round in 0..=rounds {
        // Cold round: version 0; then 1, 0, 1...
        let version = &versions[round % 2];
        let r = run_round(&setup, &emu, version);
        print_round(round, version, &r);
        results.push(r);
    }

    verify(&emu, &versions[rounds % 2]);
    println!("load average at end: {}", loadavg());
    print_summary(&results, &versions[0]);
}

// ---------------------------------------------------------------------------------------
// The data: servicios.csv, 15 columns, Windows-1252, `;`, CRLF
// ---------------------------------------------------------------------------------------

/// One generated version and what the bench knows of it independently of sheetdrop.
struct Version {
    path: PathBuf,
    file_bytes: u64,
    /// JSON length of all rows (header first) as `[[..],[..]]`, cells as strings.
    payload: u64,
    /// Data rows.
    rows: u64,
    /// Which version (0 or 1).
    number: u64,
}

/// The cached version `v` (generated when missing or from another generator version).
fn ensure_version(dir: &Path, rows: u64, v: u64) -> Version {
    fs::create_dir_all(dir).expect("creating the bench-data folder");
    let path = dir.join(format!("{ENTITY}-{rows}-v{v}.csv"));
    let marker = dir.join(format!("{ENTITY}-{rows}-v{v}.complete"));
    let stamp = format!("generator {GENERATOR_VERSION}\n");
    if fs::read_to_string(&marker).ok().as_deref() != Some(stamp.as_str()) || !path.exists() {
        let started = Instant::now();
        let _ = fs::remove_file(&marker);
        let bytes = servicios_csv(rows, v);
        let mut out = BufWriter::new(File::create(&path).expect("writing the bench file"));
        out.write_all(&bytes).expect("writing the bench file");
        out.flush().expect("writing the bench file");
        fs::write(&marker, stamp).expect("writing the marker");
        println!(
            "generated {} ({:.1} MB) in {:.1} s",
            path.display(),
            mb(bytes.len() as u64),
            started.elapsed().as_secs_f64()
        );
    }
    let table = read_table(&path);
    assert_eq!(table.len() as u64, rows + 1, "{}", path.display());
    Version {
        file_bytes: fs::metadata(&path).expect("bench file").len(),
        payload: payload_len(&table),
        rows,
        number: v,
        path,
    }
}

/// The file's records (header first), decoded and parsed with the csv crate.
fn read_table(path: &Path) -> Vec<Vec<String>> {
    let bytes = fs::read(path).expect("reading the bench file");
    let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(!bad, "undecodable bench file");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed record");
            let mut cells: Vec<String> = r.iter().map(str::to_string).collect();
            cells.resize(COLUMNS, String::new());
            cells
        })
        .collect()
}

/// The values' JSON length: `[` rows joined by `,` `]`.
fn payload_len(table: &[Vec<String>]) -> u64 {
    let rows: usize = table
        .iter()
        .map(|r| serde_json::to_string(r).expect("json").len())
        .sum();
    (rows + table.len().saturating_sub(1) + 2) as u64
}

/// Version `version` of a servicios export of `rows` work orders.
fn servicios_csv(rows: u64, version: u64) -> Vec<u8> {
    let mut rng = Rng(0x5E41_C105 ^ version.wrapping_mul(0x9E37_79B9));
    let mut text = String::with_capacity(rows as usize * 200);
    text.push_str(
        "NRO_OT;FECHA_INGRESO;FECHA_ENTREGA;COD_CLIENTE;PATENTE;MARCA;MODELO;ANIO;KILOMETRAJE;\
         TIPO_SERVICIO;DESCRIPCION;MECANICO;SUCURSAL;IMPORTE;ESTADO\r\n",
    );
    let mut cells: Vec<String> = Vec::with_capacity(COLUMNS);
    for k in 1..=rows {
        cells.clear();
        let (marca, modelos) = rng.pick(MARCAS);
        let year = rng.range(2008, 2025);
        let (day, month) = (rng.range(1, 27), rng.range(1, 12));
        let estado = rng.pick(ESTADOS);
        cells.push(format!("OT{k:08}"));
        cells.push(format!("{day:02}/{month:02}/2024"));
        cells.push(if estado == "Entregado" {
            format!("{:02}/{month:02}/2024", day + rng.range(0, 1))
        } else {
            String::new()
        });
        cells.push(format!("CL{:07}", rng.range(1, 250_000)));
        cells.push(if year >= 2016 {
            format!(
                "{}{} {:03} {}{}",
                letter(&mut rng),
                letter(&mut rng),
                rng.below(1000),
                letter(&mut rng),
                letter(&mut rng)
            )
        } else {
            format!(
                "{}{}{} {:03}",
                letter(&mut rng),
                letter(&mut rng),
                letter(&mut rng),
                rng.below(1000)
            )
        });
        cells.push(marca.to_string());
        cells.push(rng.pick(modelos).to_string());
        cells.push(year.to_string());
        cells.push(rng.range(500, 260_000).to_string());
        cells.push(rng.pick(SERVICIOS).to_string());
        let mut description = rng.pick(DESCRIPCIONES).to_string();
        if rng.below(3) == 0 {
            description.push_str(". ");
            description.push_str(rng.pick(DESCRIPCIONES));
        }
        if rng.below(50) == 0 {
            description.push_str(rng.pick(NOTAS));
        }
        cells.push(description);
        cells.push(rng.pick(MECANICOS).to_string());
        cells.push(rng.pick(SUCURSALES).to_string());
        cells.push(format!(
            "{}.{:03},{:02}",
            rng.range(15, 1_450),
            rng.below(1000),
            rng.below(100)
        ));
        cells.push(estado.to_string());
        debug_assert_eq!(cells.len(), COLUMNS);
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

fn letter(rng: &mut Rng) -> char {
    (b'A' + rng.below(26) as u8) as char
}

#[rustfmt::skip]
const MARCAS: &[(&str, &[&str])] = &[
    ("Volkswagen", &["Amarok 2.0 TDI Highline", "Gol Trend 1.6", "Vento 1.4 TSI", "Polo Track", "Taos Comfortline"]),
    ("Toyota", &["Hilux 2.8 SRX 4x4", "Corolla 2.0 XEi CVT", "Etios XLS", "Yaris S 1.5", "SW4 Diamond"]),
    ("Ford", &["Ranger XLT 3.2", "Focus SE Plus", "Territory Titanium", "EcoSport Freestyle", "Maverick Lariat"]),
    ("Chevrolet", &["Cruze LTZ 1.4T", "Onix Premier", "Tracker RS", "S10 High Country", "Spin Activ"]),
    ("Renault", &["Kangoo II Stepway", "Sandero 1.6", "Duster Iconic", "Logan Life", "Alaskan Emotion"]),
    ("Peugeot", &["208 Feline", "2008 GT", "Partner Patagónica", "308 Allure", "3008 GT Line"]),
    ("Fiat", &["Cronos Precision 1.3", "Toro Freedom", "Strada Volcano", "Argo Drive", "Fiorino Endurance"]),
];

#[rustfmt::skip]
const SERVICIOS: &[&str] = &[
    "Service 10.000 km", "Service 20.000 km", "Service 40.000 km", "Cambio de aceite y filtros",
    "Alineación y balanceo", "Frenos", "Distribución", "Embrague", "Diagnóstico electrónico",
    "Garantía", "Chapa y pintura", "Aire acondicionado", "Tren delantero",
];

#[rustfmt::skip]
const DESCRIPCIONES: &[&str] = &[
    "Cambio de aceite 5W30 sintético y filtro de aceite",
    "Reemplazo de pastillas y rectificado de discos delanteros",
    "Cliente reporta ruido en tren delantero al girar",
    "Revisión general según plan de mantenimiento del fabricante",
    "Cambio de correa de distribución, tensor y bomba de agua",
    "Recarga de gas del aire acondicionado y control de pérdidas",
    "Escaneo de módulos: falla intermitente en sensor de oxígeno",
    "Alineación, balanceo y rotación de neumáticos",
    "Reemplazo de kit de embrague y volante bimasa",
    "Pintura de paragolpes trasero y pulido de ópticas",
    "Actualización de software de la ECU (campaña del fabricante)",
    "Cambio de batería 75 Ah",
];

const NOTAS: &[&str] = &[
    "; cliente espera en el salón",
    " (pidió presupuesto \"sin IVA\")",
    "\nRetira el vehículo su hijo",
];

#[rustfmt::skip]
const MECANICOS: &[&str] = &[
    "Héctor Ibáñez", "Raúl Núñez", "Julián Benítez", "Martín Gómez", "Agustín Peña",
    "Joaquín Sánchez", "Sofía Muñoz", "Lucía Fernández",
];

#[rustfmt::skip]
const SUCURSALES: &[&str] = &[
    "Casa central - Av. Corrientes 4520", "Rosario - Bv. Oroño 1234", "Córdoba - Av. Colón 2890",
    "Neuquén - Av. Argentina 560", "Bahía Blanca - Sarmiento 1870",
];

const ESTADOS: &[&str] = &[
    "Entregado",
    "Entregado",
    "Entregado",
    "En reparación",
    "Esperando repuestos",
    "Presupuestado",
];

// ---------------------------------------------------------------------------------------
// Set-up and one round
// ---------------------------------------------------------------------------------------

struct Setup {
    dir: PathBuf,
    config: PathBuf,
    data: PathBuf,
    source: PathBuf,
}

impl Setup {
    fn new(dir: &Path, emu: &Emulator) -> Setup {
        let setup = Setup {
            dir: dir.to_path_buf(),
            config: dir.join("sheetdrop.toml"),
            data: dir.join("data"),
            source: dir.join("exportaciones"),
        };
        fs::create_dir_all(&setup.source).expect("creating the watched folder");
        fs::create_dir_all(dir.join("home")).expect("creating HOME");
        emu.write_service_account_key(&dir.join("key.json"));
        // TOML literal strings, so Windows backslashes need no escaping.
        let config = format!(
            "# Generated by benches/google.rs.\n\
             [source]\nfolder = '{}'\nsettle_seconds = 1\n\n\
             [destination]\nkind = \"google\"\n\n\
             [destination.google]\ncredentials = '{}'\nendpoint = \"{}\"\n\
             writes_per_minute = {WRITES_PER_MINUTE}\n\n\
             [[entity]]\nname = \"{ENTITY}\"\nfile = \"{ENTITY}.csv\"\nid = \"NRO_OT\"\n",
            setup.source.display(),
            dir.join("key.json").display(),
            emu.url(),
        );
        fs::write(&setup.config, config).expect("writing the bench config");
        setup
    }
}

/// What one `run --once` did.
struct Round {
    wall: f64,
    /// Process start → first request the emulator saw.
    before_google: Option<f64>,
    /// First → last request.
    google: Option<f64>,
    /// sheetdrop's CPU (user + system), seconds.
    agent_cpu: Option<f64>,
    /// This process's CPU over the round (the emulator, and the poller), seconds.
    emulator_cpu: Option<f64>,
    steal: Option<f64>,
    busy: Option<f64>,
    requests: Vec<RequestRecord>,
    /// The published version's payload.
    payload: u64,
}

fn run_round(setup: &Setup, emu: &Emulator, version: &Version) -> Round {
    let target = setup.source.join(format!("{ENTITY}.csv"));
    fs::copy(&version.path, &target).expect("copying the export");
    // Dated a minute ago: settled already.
    File::options()
        .write(true)
        .open(&target)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(60)))
        .expect("dating the export");
    emu.clear_requests();
    // A fresh quota window: rounds are independent publishes.
    emu.set_write_quota_per_minute(WRITES_PER_MINUTE);

    let ticks_before = cpu_ticks();
    let children_before = rusage_secs(Who::Children);
    let self_before = rusage_secs(Who::Myself);
    let done = AtomicBool::new(false);
    let (start, output, first, last) = std::thread::scope(|s| {
        let start = Instant::now();
        let poller = s.spawn(|| {
            let (mut first, mut last, mut seen) = (None, None, 0);
            while !done.load(Ordering::Relaxed) {
                let n = emu.requests().len();
                if n != seen {
                    let now = Instant::now();
                    first.get_or_insert(now);
                    last = Some(now);
                    seen = n;
                }
                std::thread::sleep(POLL);
            }
            (first, last)
        });
        let output = sheetdrop(setup, &["run", "--once", "--headless"]);
        done.store(true, Ordering::Relaxed);
        let (first, last) = poller.join().expect("the poller");
        (start, output, first, last)
    });
    let end = Instant::now();
    let self_after = rusage_secs(Who::Myself);
    let children_after = rusage_secs(Who::Children);
    let Load { busy, steal } = load_between(ticks_before, cpu_ticks());
    if !output.status.success() {
        panic!(
            "sheetdrop run --once exited {:?}\nstderr:\n{}\nlog:\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr),
            log_tail(setup)
        );
    }
    let requests = emu.requests();
    assert!(
        requests.iter().all(|r| r.status != 0),
        "a request was left unanswered: {requests:#?}"
    );
    Round {
        wall: end.duration_since(start).as_secs_f64(),
        before_google: first.map(|f| f.duration_since(start).as_secs_f64()),
        google: first
            .zip(last)
            .map(|(f, l)| l.duration_since(f).as_secs_f64()),
        agent_cpu: children_before.zip(children_after).map(|(b, a)| a - b),
        emulator_cpu: self_before.zip(self_after).map(|(b, a)| a - b),
        steal,
        busy,
        requests,
        payload: version.payload,
    }
}

fn sheetdrop(setup: &Setup, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
        .args(args)
        .arg("--config")
        .arg(&setup.config)
        .arg("--data-dir")
        .arg(&setup.data)
        .env("HOME", setup.dir.join("home"))
        .env_remove("SHEETDROP_LOG")
        .output()
        .expect("running sheetdrop")
}

fn log_tail(setup: &Setup) -> String {
    let mut text = String::new();
    if let Ok(dir) = fs::read_dir(setup.data.join("logs")) {
        for e in dir.flatten() {
            text.push_str(&fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    let lines: Vec<_> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// The tab holds `version`'s rows cell for cell (as the emulator shows them: trailing empty
/// cells trimmed) and the newest Drive file is its bytes.
fn verify(emu: &Emulator, version: &Version) {
    let ids = emu.spreadsheet_ids();
    assert_eq!(ids.len(), 1, "one spreadsheet: {ids:?}");
    let tabs = emu.tabs(&ids[0]);
    let mut sorted = tabs.clone();
    sorted.sort();
    assert_eq!(sorted, ["_manifest", ENTITY], "tabs");
    let tab = emu.tab_values(&ids[0], ENTITY).expect("the entity's tab");
    let expected: Vec<Vec<String>> = read_table(&version.path)
        .into_iter()
        .map(|mut r| {
            while r.last().is_some_and(String::is_empty) {
                r.pop();
            }
            r
        })
        .collect();
    assert_eq!(tab.len(), expected.len(), "rows in the tab");
    if let Some(i) = (0..tab.len()).find(|&i| tab[i] != expected[i]) {
        panic!(
            "tab row {} differs:\n  tab:  {:?}\n  file: {:?}",
            i + 1,
            tab[i],
            expected[i]
        );
    }
    let bytes = fs::read(&version.path).expect("bench file");
    let newest = emu
        .drive_files()
        .into_iter()
        .rfind(|f| f.name.ends_with(&format!("_{ENTITY}.csv")) && !f.trashed)
        .expect("a raw file in Drive");
    assert!(newest.content == bytes, "the Drive file differs");
    println!(
        "checked: tab {ENTITY} = the {} rows + header, cell for cell; Drive file {} = the \
         snapshot, byte for byte",
        version.rows, newest.name
    );
}

// ---------------------------------------------------------------------------------------
// Requests by kind
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Token,
    DriveRead,
    DriveWrite,
    DriveChunk,
    SheetsRead,
    SheetsBatchUpdate,
    SheetsValues,
    SheetsOther,
    Other,
}

impl Kind {
    fn of(r: &RequestRecord) -> Kind {
        let p = r.path.as_str();
        if p == "/token" {
            Kind::Token
        } else if p.contains("/upload/drive/") && r.query.contains("upload_id=") {
            Kind::DriveChunk
        } else if p.starts_with("/drive/") || p.contains("/upload/drive/") {
            if r.method == "GET" {
                Kind::DriveRead
            } else {
                Kind::DriveWrite
            }
        } else if p.starts_with("/v4/spreadsheets") {
            if r.method == "GET" {
                Kind::SheetsRead
            } else if p.contains("/values") {
                Kind::SheetsValues
            } else if p.ends_with(":batchUpdate") {
                Kind::SheetsBatchUpdate
            } else {
                Kind::SheetsOther
            }
        } else {
            Kind::Other
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Token => "token",
            Kind::DriveRead => "Drive reads (list)",
            Kind::DriveWrite => "Drive writes (folder, share, upload)",
            Kind::DriveChunk => "Drive upload chunks",
            Kind::SheetsRead => "Sheets reads (tabs, values)",
            Kind::SheetsBatchUpdate => "Sheets batchUpdate",
            Kind::SheetsValues => "Sheets values writes",
            Kind::SheetsOther => "Sheets other writes (create)",
            Kind::Other => "other",
        }
    }

    fn is_sheets(self) -> bool {
        matches!(
            self,
            Kind::SheetsRead | Kind::SheetsBatchUpdate | Kind::SheetsValues | Kind::SheetsOther
        )
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    requests: u64,
    sent: u64,
    received: u64,
}

impl Tally {
    fn add(&mut self, r: &RequestRecord) {
        self.requests += 1;
        self.sent += r.request_bytes;
        self.received += r.response_bytes;
    }
}

fn by_kind(requests: &[RequestRecord]) -> BTreeMap<Kind, Tally> {
    let mut map = BTreeMap::new();
    for r in requests {
        map.entry(Kind::of(r)).or_insert_with(Tally::default).add(r);
    }
    map
}

fn total(map: &BTreeMap<Kind, Tally>, pick: impl Fn(Kind) -> bool) -> Tally {
    let mut t = Tally::default();
    for (&k, v) in map {
        if pick(k) {
            t.requests += v.requests;
            t.sent += v.sent;
            t.received += v.received;
        }
    }
    t
}

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

fn print_round(round: usize, version: &Version, r: &Round) {
    let label = if round == 0 {
        "cold publish (creates folders and spreadsheet)".to_string()
    } else {
        format!("republish {round}")
    };
    let kinds = by_kind(&r.requests);
    let all = total(&kinds, |_| true);
    println!();
    println!(
        "{label}, v{}: {} requests, {:.2} MB sent, {:.2} MB received; wall {:.2} s (before the \
         first Google request {}, Google {}), sheetdrop CPU {}, emulator CPU {}, machine CPUs \
         busy {}, stolen by the hypervisor {}",
        version.number,
        all.requests,
        mb(all.sent),
        mb(all.received),
        r.wall,
        fmt_secs(r.before_google),
        fmt_secs(r.google),
        fmt_secs(r.agent_cpu),
        fmt_secs(r.emulator_cpu),
        fmt_pct(r.busy),
        fmt_pct(r.steal),
    );
    for (kind, t) in &kinds {
        println!(
            "  {:<40} {:>3} requests  {:>10} bytes sent  {:>9} bytes received",
            kind.name(),
            t.requests,
            t.sent,
            t.received
        );
    }
    let statuses: Vec<String> = r
        .requests
        .iter()
        .map(|q| {
            let short = match Kind::of(q) {
                Kind::Token => "tok",
                Kind::DriveRead => "dR",
                Kind::DriveWrite => "dW",
                Kind::DriveChunk => "dC",
                Kind::SheetsRead => "sR",
                Kind::SheetsBatchUpdate => "sB",
                Kind::SheetsValues => "sV",
                Kind::SheetsOther => "sO",
                Kind::Other => "?",
            };
            if q.status < 300 {
                short.to_string()
            } else {
                format!("{short}:{}", q.status)
            }
        })
        .collect();
    println!("  sequence: {}", statuses.join(" "));
}

fn print_summary(results: &[Round], v: &Version) {
    let steady: Vec<&Round> = results.iter().skip(1).collect();
    let payload = v.payload as f64;
    let requests_target =
        TARGET_REQUEST_FACTOR * payload / (REQUEST_MB * 1e6) + TARGET_EXTRA_REQUESTS;
    let ideal = (payload / (REQUEST_MB * 1e6)).ceil();
    let counts = |r: &Round, sheets_only: bool| {
        total(&by_kind(&r.requests), |k| !sheets_only || k.is_sheets())
    };
    let range = |f: &dyn Fn(&Round) -> u64| {
        let xs: Vec<u64> = steady.iter().map(|r| f(r)).collect();
        let (lo, hi) = (
            xs.iter().copied().min().unwrap_or(0),
            xs.iter().copied().max().unwrap_or(0),
        );
        (lo, hi)
    };
    let fmt_range = |(lo, hi): (u64, u64)| {
        if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}-{hi}")
        }
    };
    let all_req = range(&|r| counts(r, false).requests);
    let sheets_req = range(&|r| counts(r, true).requests);
    // Bytes sent over the round's own payload (or raw file), the worst round.
    let worst = |f: &dyn Fn(&Round) -> f64| steady.iter().map(|r| f(r)).fold(0.0, f64::max);
    let values_ratio = worst(&|r| {
        by_kind(&r.requests)
            .get(&Kind::SheetsValues)
            .map_or(0, |t| t.sent) as f64
            / r.payload as f64
    });
    let sheets_ratio = worst(&|r| counts(r, true).sent as f64 / r.payload as f64);
    let drive_ratio = worst(&|r| {
        by_kind(&r.requests)
            .get(&Kind::DriveChunk)
            .map_or(0, |t| t.sent) as f64
            / v.file_bytes as f64
    });
    let largest = |sheets: bool| {
        results
            .iter()
            .flat_map(|r| &r.requests)
            .filter(|q| Kind::of(q).is_sheets() == sheets)
            .map(|q| q.request_bytes)
            .max()
            .unwrap_or(0)
    };
    let pacer_writes = steady
        .iter()
        .map(|r| {
            r.requests
                .iter()
                .filter(|q| q.method != "GET" && Kind::of(q) != Kind::Token)
                .count()
        })
        .max()
        .unwrap_or(0);
    let too_many = results
        .iter()
        .flat_map(|r| &r.requests)
        .filter(|q| q.status == 429)
        .count();
    let cold = &results[0];
    let cold_all = counts(cold, false);
    let cold_sheets = counts(cold, true);
    let walls: Vec<f64> = steady.iter().map(|r| r.wall).collect();
    let googles: Vec<f64> = steady.iter().filter_map(|r| r.google).collect();
    let befores: Vec<f64> = steady.iter().filter_map(|r| r.before_google).collect();
    let agent_cpu: Vec<f64> = steady.iter().filter_map(|r| r.agent_cpu).collect();
    let emu_cpu: Vec<f64> = steady.iter().filter_map(|r| r.emulator_cpu).collect();
    let steal: Vec<f64> = results.iter().filter_map(|r| r.steal).collect();
    let busy: Vec<f64> = results.iter().filter_map(|r| r.busy).collect();
    let writes = steady
        .iter()
        .map(|r| {
            r.requests
                .iter()
                .filter(|q| {
                    let k = Kind::of(q);
                    k.is_sheets() && k != Kind::SheetsRead
                })
                .count()
        })
        .max()
        .unwrap_or(0);

    println!();
    println!(
        "payload: {} bytes of values JSON ({:.2} MB) = {ideal:.0} requests of ~{REQUEST_MB} MB; \
         target per publish: <= {TARGET_REQUEST_FACTOR} x {:.2} + {TARGET_EXTRA_REQUESTS} = \
         {requests_target:.1} requests",
        v.payload,
        mb(v.payload),
        payload / (REQUEST_MB * 1e6),
    );
    println!(
        "steady state ({} republishes): {} requests ({} Sheets, {} Drive + token); cold: {} \
         ({} Sheets)",
        steady.len(),
        fmt_range(all_req),
        fmt_range(sheets_req),
        fmt_range((all_req.0 - sheets_req.0, all_req.1 - sheets_req.1)),
        cold_all.requests,
        cold_sheets.requests,
    );
    println!(
        "wall time, republish, median of {}: {:.2} s (before the first Google request {}, Google \
         {}); sheetdrop CPU {}, emulator CPU {}; per publish {writes} Sheets writes (the \
         emulator's quota counts these) and {pacer_writes} writes in all (the pacer counts Drive's \
         too) of {WRITES_PER_MINUTE}/min: the quota binds only beyond that",
        walls.len(),
        median(&walls),
        fmt_secs(median_opt(&befores)),
        fmt_secs(median_opt(&googles)),
        fmt_secs(median_opt(&agent_cpu)),
        fmt_secs(median_opt(&emu_cpu)),
    );
    println!(
        "machine during the rounds: CPUs busy median {}, max {}; hypervisor steal median {}, max {}",
        fmt_pct(median_opt(&busy)),
        fmt_pct(max_opt(&busy)),
        fmt_pct(median_opt(&steal)),
        fmt_pct(max_opt(&steal)),
    );

    println!();
    println!(
        "{:<44}  {:>14}  {:>14}  result",
        "per publish (steady state)", "measured", "target"
    );
    let row = |name: &str, measured: String, target: String, ok: Option<bool>| {
        println!(
            "{name:<44}  {measured:>14}  {target:>14}  {}",
            ok.map_or("(no target)", pass)
        );
    };
    row(
        "requests, all (token, Drive, Sheets)",
        fmt_range(all_req),
        format!("<= {requests_target:.1}"),
        Some(all_req.1 as f64 <= requests_target),
    );
    row(
        "requests, Sheets only",
        fmt_range(sheets_req),
        format!("<= {requests_target:.1}"),
        Some(sheets_req.1 as f64 <= requests_target),
    );
    row(
        "requests, Sheets only, strict reading",
        fmt_range(sheets_req),
        format!("<= {:.0}", ideal + TARGET_EXTRA_REQUESTS),
        Some(sheets_req.1 as f64 <= ideal + TARGET_EXTRA_REQUESTS),
    );
    row(
        "Sheets values bytes sent / payload",
        format!("{values_ratio:.4}x"),
        format!("<= {TARGET_BYTES_FACTOR}x"),
        Some(values_ratio <= TARGET_BYTES_FACTOR),
    );
    row(
        "Sheets bytes sent, all / payload",
        format!("{sheets_ratio:.4}x"),
        format!("<= {TARGET_BYTES_FACTOR}x"),
        Some(sheets_ratio <= TARGET_BYTES_FACTOR),
    );
    row(
        "Drive chunk bytes / raw file",
        format!("{drive_ratio:.4}x"),
        "-".into(),
        None,
    );
    row(
        "largest Sheets request body",
        format!("{:.2} MB", mb(largest(true))),
        "< 10 MiB".into(),
        Some(largest(true) < MAX_BODY),
    );
    row(
        "largest Drive request body (8 MiB chunks)",
        format!("{:.2} MB", mb(largest(false))),
        "-".into(),
        None,
    );
    row(
        "429 answers (all rounds)",
        too_many.to_string(),
        "0".into(),
        Some(too_many == 0),
    );
    row(
        "wall time (run --once), median",
        format!("{:.2} s", median(&walls)),
        "-".into(),
        None,
    );
    row(
        "wall time, cold publish",
        format!("{:.2} s", cold.wall),
        "-".into(),
        None,
    );
    println!(
        "note: the wall time includes the process start, the spool copy and validate; the \
         emulator runs in this process on the same 2 cores, so 'busy' and 'steal' above say how \
         much the figures were disturbed."
    );
}

// ---------------------------------------------------------------------------------------
// Machine load and CPU time
// ---------------------------------------------------------------------------------------

enum Who {
    Myself,
    Children,
}

/// User + system CPU seconds of this process or of its waited-for children.
#[cfg(unix)]
fn rusage_secs(who: Who) -> Option<f64> {
    let who = match who {
        Who::Myself => libc::RUSAGE_SELF,
        Who::Children => libc::RUSAGE_CHILDREN,
    };
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(who, &mut usage) } != 0 {
        return None;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Some(secs(usage.ru_utime) + secs(usage.ru_stime))
}

#[cfg(not(unix))]
fn rusage_secs(_who: Who) -> Option<f64> {
    None
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn fmt_secs(secs: Option<f64>) -> String {
    secs.map_or("n/a".to_string(), |s| format!("{s:.2} s"))
}

//! Throughput and memory benchmark for `sheetdrop validate` on a whole package.
//!
//! What it measures:
//! 1. It generates (deterministically) a synthetic dealership export of the six entities
//!    (usuarios, sucursales, clientes, ventas, unidades, servicios) at N clients — about
//!    5 M records and ~740 MB at the default N = 1 M — into `target/bench-data/<N>/`,
//!    together with a `sheetdrop.toml` that declares the entities and their refs. The data
//!    mixes encodings (clientes.csv is Windows-1252, `;`, CRLF), delimiters, quoted fields
//!    and a few realistic defects (~0.01 %: duplicate IDs, dangling refs, a ragged row), so
//!    every file ends "accepted" or "partial", never "rejected". The package is cached and
//!    reused while its `.complete` marker matches N and the generator version.
//! 2. For R rounds, interleaved, it times
//!    - "bare parse": the `csv` crate reading every record of every file, single-threaded,
//!      checking nothing — the floor any validator is compared against;
//!    - "validate": the real binary, `sheetdrop validate <dir> --config <dir>/sheetdrop.toml
//!      --format json`, as a child process: wall time and peak RSS (via `wait4`). Its JSON
//!      report must cover every generated record, so the bench measures the real code path.
//! 3. It prints each round, the medians, MB/s, the validate/bare ratio (target <= 1.6) and
//!    the median peak RSS (target < 300 MB), with PASS/FAIL; then every size side by side
//!    (by default 200k and 1M clients, measured in the same run), and the CPU time of each
//!    side (the child's user + system time from `wait4`, the bare parse's thread time), which
//!    other load on the machine moves far less than the wall time. It is a measurement, not a
//!    test: it exits 0 whatever the figures. It panics (fails loudly) only when validate
//!    exits 2 or crashes, prints no JSON, or reports fewer rows than the package holds.
//!
//! Run it with:
//!     cargo bench --bench validate
//!     SHEETDROP_BENCH_CLIENTS=100000 cargo bench --bench validate     # quick run
//! Environment: `SHEETDROP_BENCH_CLIENTS`, one size or several separated by commas (default
//! `200000,1000000`), `SHEETDROP_BENCH_ROUNDS` (default 3). MB means 10^6 bytes throughout.

mod common;

use common::*;
use std::fmt::{self, Display, Write as _};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Bump when the generated data changes, so that cached packages are rebuilt.
const GENERATOR_VERSION: u32 = 1;
const TARGET_RATIO: f64 = 1.6;
const TARGET_RSS_MB: f64 = 300.0;
/// Rate of each kind of injected defect, per record.
const DEFECT_RATE: f64 = 1e-4;

// ---------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------

fn main() {
    let sizes = env_list("SHEETDROP_BENCH_CLIENTS", &[200_000, 1_000_000]);
    let rounds = env_u64("SHEETDROP_BENCH_ROUNDS", 3).max(1) as usize;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("load before: {}", loadavg());
    let results: Vec<SizeResult> = sizes
        .iter()
        .map(|&clients| measure(clients.max(10), rounds, cores))
        .collect();
    print_sizes(&results);
    println!("load after: {}", loadavg());
    println!(
        "note: validate uses both cores, the bare parse one; on a virtual machine whose host \
         steals CPU (see each round) the ratio rises with the steal, so compare low-steal rounds."
    );
}

/// The medians of one package size.
struct SizeResult {
    clients: u64,
    records: u64,
    bytes: u64,
    bare: f64,
    validate: f64,
    rss_mb: Option<f64>,
    /// Median CPU seconds of each side: unlike wall time, barely moved by other load.
    bare_cpu: Option<f64>,
    validate_cpu: Option<f64>,
}

/// Generates (or reuses) the package of `clients` and times `rounds` rounds of both sides.
fn measure(clients: u64, rounds: usize, cores: usize) -> SizeResult {
    let pkg = ensure_package(clients).expect("generating the benchmark package");
    println!();
    println!(
        "sheetdrop validate benchmark: {} clients, {} records, {:.1} MB in {} files, {} cores",
        clients,
        pkg.records,
        mb(pkg.bytes),
        ENTITIES.len(),
        cores
    );
    println!("package: {}", pkg.dir.display());

    let mut bare = Vec::new();
    let mut validate = Vec::new();
    for round in 1..=rounds {
        // Alternate the order so neither side always gets the warmer page cache.
        let mut steal = None;
        let mut timed_validate = || {
            let before = cpu_ticks();
            let run = run_validate(&pkg);
            steal = load_between(before, cpu_ticks()).steal;
            run
        };
        if round % 2 == 1 {
            bare.push(run_bare_parse(&pkg));
            validate.push(timed_validate());
        } else {
            validate.push(timed_validate());
            bare.push(run_bare_parse(&pkg));
        }
        if round == 1 {
            print_entities(&validate[0].report);
        }
        let (b, v) = (&bare[round - 1], &validate[round - 1]);
        println!(
            "round {round}: bare parse {:.3} s ({} CPU), validate {:.3} s ({} CPU, exit {}), \
             validate peak RSS {}, CPU stolen by the hypervisor during validate: {}",
            b.secs,
            fmt_cpu(b.cpu_secs),
            v.secs,
            fmt_cpu(v.cpu_secs),
            v.exit_code,
            fmt_rss(v.max_rss_bytes),
            steal.map_or("n/a".to_string(), |p| format!("{p:.0}%")),
        );
    }
    print_summary(&pkg, &bare, &validate);
    let rss: Vec<f64> = validate
        .iter()
        .filter_map(|v| v.max_rss_bytes)
        .map(mb)
        .collect();
    SizeResult {
        clients,
        records: pkg.records,
        bytes: pkg.bytes,
        bare: median(&bare.iter().map(|r| r.secs).collect::<Vec<_>>()),
        validate: median(&validate.iter().map(|r| r.secs).collect::<Vec<_>>()),
        rss_mb: median_opt(&rss),
        bare_cpu: median_opt(&bare.iter().filter_map(|r| r.cpu_secs).collect::<Vec<_>>()),
        validate_cpu: median_opt(
            &validate
                .iter()
                .filter_map(|r| r.cpu_secs)
                .collect::<Vec<_>>(),
        ),
    }
}

/// "1.234 s", or "n/a".
fn fmt_cpu(secs: Option<f64>) -> String {
    secs.map_or("n/a".to_string(), |s| format!("{s:.3} s"))
}

/// The sizes side by side: medians, the ratio against its target at each size, and the peak
/// RSS against its target (which the largest size is for).
fn print_sizes(results: &[SizeResult]) {
    println!();
    println!("all sizes (medians):");
    println!(
        "{:>9}  {:>9}  {:>9}  {:>10}  {:>12}  {:>15}  {:>13}",
        "clients", "records", "MB", "bare (s)", "validate (s)", "validate / bare", "peak RSS (MB)"
    );
    for r in results {
        let ratio = r.validate / r.bare;
        let rss = r.rss_mb.map_or("n/a".to_string(), |m| {
            format!("{m:.1} {}", pass(m < TARGET_RSS_MB))
        });
        println!(
            "{:>9}  {:>9}  {:>9.1}  {:>10.3}  {:>12.3}  {:>10.2} {}  {:>13}",
            r.clients,
            r.records,
            mb(r.bytes),
            r.bare,
            r.validate,
            ratio,
            pass(ratio <= TARGET_RATIO),
            rss
        );
    }
    println!(
        "targets: validate / bare <= {TARGET_RATIO:.1} at every size; peak RSS < \
         {TARGET_RSS_MB:.0} MB"
    );
    println!();
    println!("CPU time (medians; other load barely moves it, unlike the wall time above):");
    println!(
        "{:>9}  {:>14}  {:>18}  {:>21}",
        "clients", "bare CPU (s)", "validate CPU (s)", "validate CPU / bare"
    );
    for r in results {
        let (Some(b), Some(v)) = (r.bare_cpu, r.validate_cpu) else {
            continue;
        };
        println!(
            "{:>9}  {:>14.3}  {:>18.3}  {:>21.2}",
            r.clients,
            b,
            v,
            v / b
        );
    }
    println!(
        "(validate runs on two threads: on an idle two-core machine its wall time is about its \
         CPU time over 1.5 to 2)"
    );
}

/// A comma-separated list of whole numbers from the environment (`200000,1_000_000`), else
/// `default`.
fn env_list(name: &str, default: &[u64]) -> Vec<u64> {
    match std::env::var(name) {
        Ok(v) => v
            .split(',')
            .map(|n| {
                n.replace('_', "").trim().parse().unwrap_or_else(|_| {
                    panic!("{name} must be whole numbers separated by commas, not {v:?}");
                })
            })
            .collect(),
        Err(_) => default.to_vec(),
    }
}

fn fmt_rss(bytes: Option<u64>) -> String {
    bytes.map_or("n/a".to_string(), |b| format!("{:.1} MB", mb(b)))
}

fn print_summary(pkg: &Package, bare: &[BareRun], validate: &[ValidateRun]) {
    let b_times: Vec<f64> = bare.iter().map(|r| r.secs).collect();
    let v_times: Vec<f64> = validate.iter().map(|r| r.secs).collect();
    let (b_med, v_med) = (median(&b_times), median(&v_times));
    let ratio = v_med / b_med;

    println!();
    println!(
        "{:>6}  {:>14}  {:>14}  {:>18}",
        "round", "bare parse (s)", "validate (s)", "validate RSS (MB)"
    );
    for (i, (b, v)) in bare.iter().zip(validate).enumerate() {
        let rss = v
            .max_rss_bytes
            .map_or("n/a".to_string(), |r| format!("{:.1}", mb(r)));
        println!(
            "{:>6}  {:>14.3}  {:>14.3}  {:>18}",
            i + 1,
            b.secs,
            v.secs,
            rss
        );
    }
    let rss: Vec<f64> = validate
        .iter()
        .filter_map(|v| v.max_rss_bytes)
        .map(mb)
        .collect();
    let rss_med = (!rss.is_empty()).then(|| median(&rss));
    let rss_txt = rss_med.map_or("n/a".to_string(), |r| format!("{r:.1}"));
    println!(
        "{:>6}  {:>14.3}  {:>14.3}  {:>18}",
        "median", b_med, v_med, rss_txt
    );
    println!();
    println!(
        "package size         {:>10.1} MB ({} records)",
        mb(pkg.bytes),
        pkg.records
    );
    println!("bare parse           {:>10.1} MB/s", mb(pkg.bytes) / b_med);
    println!("validate             {:>10.1} MB/s", mb(pkg.bytes) / v_med);
    println!(
        "validate / bare      {:>10.2}     target <= {TARGET_RATIO:.1}   {}",
        ratio,
        pass(ratio <= TARGET_RATIO)
    );
    match rss_med {
        Some(r) => println!(
            "validate peak RSS    {:>10.1} MB  target < {TARGET_RSS_MB:.0} MB  {}",
            r,
            pass(r < TARGET_RSS_MB)
        ),
        None => println!("validate peak RSS           n/a     (not measurable on this platform)"),
    }
}

// ---------------------------------------------------------------------------------------
// The entities: one table drives the generator, the config file and the bare parse.
// ---------------------------------------------------------------------------------------

struct Ref {
    column: &'static str,
    entity: &'static str,
    required: bool,
}

struct Entity {
    name: &'static str,
    id: &'static str,
    delimiter: u8,
    refs: &'static [Ref],
}

impl Entity {
    fn file(&self) -> String {
        format!("{}.csv", self.name)
    }
}

const fn r(column: &'static str, entity: &'static str, required: bool) -> Ref {
    Ref {
        column,
        entity,
        required,
    }
}

/// Parents first; the order the generator writes and the config declares them.
const ENTITIES: [Entity; 6] = [
    Entity {
        name: "usuarios",
        id: "COD_USUARIO",
        delimiter: b',',
        refs: &[],
    },
    Entity {
        name: "sucursales",
        id: "COD_SUCURSAL",
        delimiter: b';',
        refs: &[],
    },
    Entity {
        name: "clientes",
        id: "COD_CLIENTE",
        delimiter: b';',
        refs: &[],
    },
    Entity {
        name: "ventas",
        id: "NRO_VENTA",
        delimiter: b',',
        refs: &[
            r("COD_CLIENTE", "clientes", true),
            r("COD_VENDEDOR", "usuarios", false),
            r("COD_SUCURSAL", "sucursales", false),
        ],
    },
    Entity {
        name: "unidades",
        id: "ID_UNIDAD",
        delimiter: b';',
        refs: &[
            r("NRO_VENTA", "ventas", false),
            r("COD_CLIENTE", "clientes", false),
            r("COD_SUCURSAL", "sucursales", false),
        ],
    },
    Entity {
        name: "servicios",
        id: "NRO_OT",
        delimiter: b',',
        refs: &[
            r("COD_CLIENTE", "clientes", true),
            r("ID_UNIDAD", "unidades", true),
            r("COD_TALLER", "sucursales", true),
            r("COD_ASESOR", "usuarios", false),
        ],
    },
];

fn entity(name: &str) -> &'static Entity {
    ENTITIES
        .iter()
        .find(|e| e.name == name)
        .expect("known entity")
}

/// How many base records each entity gets at N clients (duplicate-ID defects add a few).
#[derive(Clone, Copy)]
struct Sizes {
    usuarios: u64,
    sucursales: u64,
    clientes: u64,
    ventas: u64,
    unidades: u64,
    servicios: u64,
}

impl Sizes {
    fn for_clients(n: u64) -> Sizes {
        Sizes {
            usuarios: (n / 2_000).max(10),
            sucursales: (n / 25_000).max(4),
            clientes: n,
            ventas: n * 6 / 5,
            unidades: n * 6 / 5,
            servicios: n * 8 / 5,
        }
    }
}

// ---------------------------------------------------------------------------------------
// The package on disk: cache marker, generation, config.
// ---------------------------------------------------------------------------------------

struct Package {
    dir: PathBuf,
    /// Data records over all files (headers excluded).
    records: u64,
    bytes: u64,
}

impl Package {
    fn config(&self) -> PathBuf {
        self.dir.join("sheetdrop.toml")
    }
}

fn marker_text(clients: u64, records: u64) -> String {
    format!("generator={GENERATOR_VERSION}\nclients={clients}\nrecords={records}\n")
}

/// The record count of a complete cached package for `clients`, if there is one.
fn cached_records(dir: &Path, clients: u64) -> Option<u64> {
    let text = fs::read_to_string(dir.join(".complete")).ok()?;
    let records: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("records="))?
        .parse()
        .ok()?;
    let all_files = ENTITIES.iter().all(|e| dir.join(e.file()).is_file());
    (text == marker_text(clients, records) && all_files).then_some(records)
}

fn package_bytes(dir: &Path) -> io::Result<u64> {
    ENTITIES
        .iter()
        .map(|e| Ok(fs::metadata(dir.join(e.file()))?.len()))
        .sum()
}

fn ensure_package(clients: u64) -> io::Result<Package> {
    let dir = bench_data_root().join(clients.to_string());
    if let Some(records) = cached_records(&dir, clients) {
        println!("reusing the generated package in {}", dir.display());
        return Ok(Package {
            bytes: package_bytes(&dir)?,
            dir,
            records,
        });
    }
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    println!(
        "generating the package ({clients} clients) in {} ...",
        dir.display()
    );
    let start = Instant::now();
    let records = generate(&dir, Sizes::for_clients(clients))?;
    write_config(&dir)?;
    fs::write(dir.join(".complete"), marker_text(clients, records))?;
    let bytes = package_bytes(&dir)?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "generated {records} records, {:.1} MB in {secs:.1} s",
        mb(bytes)
    );
    Ok(Package {
        dir,
        records,
        bytes,
    })
}

/// Writes the six files, one thread each; returns the total data records.
fn generate(dir: &Path, sizes: Sizes) -> io::Result<u64> {
    type Generator = fn(&mut CsvOut, Sizes, &mut Rng) -> io::Result<()>;
    let generators: [(&str, Generator); 6] = [
        ("usuarios", gen_usuarios),
        ("sucursales", gen_sucursales),
        ("clientes", gen_clientes),
        ("ventas", gen_ventas),
        ("unidades", gen_unidades),
        ("servicios", gen_servicios),
    ];
    std::thread::scope(|s| {
        let handles: Vec<_> = generators
            .iter()
            .enumerate()
            .map(|(i, &(name, write_rows))| {
                s.spawn(move || -> io::Result<u64> {
                    let mut out = CsvOut::create(dir, entity(name))?;
                    write_rows(&mut out, sizes, &mut Rng(0x5eed_0000 + i as u64))?;
                    out.finish()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .sum()
    })
}

fn write_config(dir: &Path) -> io::Result<()> {
    let mut t = String::new();
    t.push_str("# Generated by benches/validate.rs: a synthetic package for the benchmark.\n");
    // A TOML literal string, so Windows backslashes need no escaping.
    let _ = writeln!(t, "\n[source]\nfolder = '{}'", dir.display());
    for e in &ENTITIES {
        let _ = write!(
            t,
            "\n[[entity]]\nname = \"{}\"\nfile = \"{}\"\nid = \"{}\"\nrefs = [",
            e.name,
            e.file(),
            e.id
        );
        for (i, r) in e.refs.iter().enumerate() {
            let sep = if i + 1 < e.refs.len() { "," } else { "" };
            let _ = write!(
                t,
                "\n  {{ column = \"{}\", entity = \"{}\", required = {} }}{sep}",
                r.column, r.entity, r.required
            );
        }
        t.push_str(if e.refs.is_empty() { "]\n" } else { "\n]\n" });
    }
    fs::write(dir.join("sheetdrop.toml"), t)
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------

/// The client who bought sale `venta` (1-based).
fn client_of_venta(venta: u64, clients: u64) -> u64 {
    1 + mix(venta ^ 0x00C1_1E17) % clients
}

/// The client who owns unit `unidad`: the buyer when the unit came from one of our sales.
fn client_of_unidad(unidad: u64, sizes: Sizes) -> u64 {
    if unidad <= sizes.ventas {
        client_of_venta(unidad, sizes.clientes)
    } else {
        1 + mix(unidad ^ 0x0B5E55ED) % sizes.clientes
    }
}

// ---------------------------------------------------------------------------------------
// CSV writing
// ---------------------------------------------------------------------------------------

/// Writes one CSV file: quoting where needed, the file's delimiter, line ending and encoding.
struct CsvOut {
    out: BufWriter<File>,
    delimiter: char,
    eol: &'static str,
    cp1252: bool,
    /// Text of whole records not yet written (encoded on flush).
    pending: String,
    /// Scratch for formatted cells.
    cell: String,
    at_record_start: bool,
    records: u64,
}

impl CsvOut {
    fn create(dir: &Path, e: &Entity) -> io::Result<CsvOut> {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(dir.join(e.file()))?);
        // clientes: what a Windows ERP writes. servicios: CRLF too. sucursales: Excel's
        // "CSV UTF-8", with a BOM.
        let (eol, cp1252) = match e.name {
            "clientes" => ("\r\n", true),
            "servicios" => ("\r\n", false),
            _ => ("\n", false),
        };
        if e.name == "sucursales" {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        Ok(CsvOut {
            out,
            delimiter: e.delimiter as char,
            eol,
            cp1252,
            pending: String::with_capacity(1 << 17),
            cell: String::new(),
            at_record_start: true,
            records: 0,
        })
    }

    fn separate(&mut self) {
        if !self.at_record_start {
            self.pending.push(self.delimiter);
        }
        self.at_record_start = false;
    }

    /// A cell, quoted when it holds the delimiter, a quote or a line break.
    fn field(&mut self, s: &str) {
        self.separate();
        let d = self.delimiter;
        if s.contains([d, '"', '\n', '\r']) {
            self.pending.push('"');
            for c in s.chars() {
                if c == '"' {
                    self.pending.push('"');
                }
                self.pending.push(c);
            }
            self.pending.push('"');
        } else {
            self.pending.push_str(s);
        }
    }

    /// A cell written as is, never quoted (to produce a ragged row on purpose).
    fn raw_field(&mut self, s: &str) {
        self.separate();
        self.pending.push_str(s);
    }

    /// A formatted cell: `out.fmt(format_args!(...))`.
    fn fmt(&mut self, args: fmt::Arguments) {
        let mut cell = std::mem::take(&mut self.cell);
        cell.clear();
        let _ = cell.write_fmt(args);
        self.field(&cell);
        self.cell = cell;
    }

    /// The header record, from a comma-separated list of column names.
    fn header(&mut self, columns: &str) -> io::Result<()> {
        for c in columns.split(',') {
            self.field(c);
        }
        self.end(false)
    }

    fn end_record(&mut self) -> io::Result<()> {
        self.end(true)
    }

    fn end(&mut self, is_data: bool) -> io::Result<()> {
        self.pending.push_str(self.eol);
        self.at_record_start = true;
        self.records += is_data as u64;
        if self.pending.len() >= 1 << 16 {
            self.flush_pending()?;
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> io::Result<()> {
        if self.cp1252 {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&self.pending);
            assert!(
                !unmappable,
                "generator produced a character outside Windows-1252"
            );
            self.out.write_all(&bytes)?;
        } else {
            self.out.write_all(self.pending.as_bytes())?;
        }
        self.pending.clear();
        Ok(())
    }

    /// Writes what is left and returns the number of data records.
    fn finish(mut self) -> io::Result<u64> {
        self.flush_pending()?;
        self.out.flush()?;
        Ok(self.records)
    }
}

/// A formatted cell: `f!(out, "{}-{}", a, b)`.
macro_rules! f {
    ($out:expr, $($arg:tt)*) => { $out.fmt(format_args!($($arg)*)) };
}

// ---------------------------------------------------------------------------------------
// Realistic values
// ---------------------------------------------------------------------------------------

/// (as written, as used in an e-mail address)
#[rustfmt::skip]
const NOMBRES: &[(&str, &str)] = &[
    ("José", "jose"), ("María", "maria"), ("Juan Pablo", "juanpablo"), ("Sofía", "sofia"),
    ("Martín", "martin"), ("Lucía", "lucia"), ("Agustín", "agustin"), ("Inés", "ines"),
    ("Joaquín", "joaquin"), ("Valentina", "valentina"), ("Héctor", "hector"), ("Mónica", "monica"),
    ("Raúl", "raul"), ("Verónica", "veronica"), ("Julián", "julian"), ("Belén", "belen"),
    ("Germán", "german"), ("Ángel", "angel"), ("Carlos", "carlos"), ("Ana", "ana"),
    ("Diego", "diego"), ("Camila", "camila"), ("Nicolás", "nicolas"), ("Florencia", "florencia"),
    ("Sebastián", "sebastian"), ("Romina", "romina"), ("Tomás", "tomas"), ("Micaela", "micaela"),
    ("Néstor", "nestor"), ("Zoë", "zoe"), ("Iñaki", "inaki"), ("Gastón", "gaston"),
];

#[rustfmt::skip]
const APELLIDOS: &[(&str, &str)] = &[
    ("Peña", "pena"), ("González", "gonzalez"), ("Rodríguez", "rodriguez"), ("Fernández", "fernandez"),
    ("López", "lopez"), ("Martínez", "martinez"), ("Gómez", "gomez"), ("Pérez", "perez"),
    ("Díaz", "diaz"), ("Sánchez", "sanchez"), ("Romero", "romero"), ("Álvarez", "alvarez"),
    ("Muñoz", "munoz"), ("Ibáñez", "ibanez"), ("Núñez", "nunez"), ("Giménez", "gimenez"),
    ("Benítez", "benitez"), ("Acuña", "acuna"), ("Ortiz", "ortiz"), ("Castaño", "castano"),
    ("Suárez", "suarez"), ("Domínguez", "dominguez"), ("Gutiérrez", "gutierrez"), ("Ruiz", "ruiz"),
    ("Ferreyra", "ferreyra"), ("Sosa", "sosa"), ("Acosta", "acosta"), ("Medina", "medina"),
    ("Herrera", "herrera"), ("Aguirre", "aguirre"), ("Ríos", "rios"), ("Quiroga", "quiroga"),
    ("D'Angelo", "dangelo"), ("Müller", "muller"), ("Del Valle", "delvalle"), ("Santillán", "santillan"),
];

#[rustfmt::skip]
const DOMINIOS: &[&str] =
    &["gmail.com", "hotmail.com", "yahoo.com.ar", "outlook.com", "fibertel.com.ar", "live.com.ar"];

#[rustfmt::skip]
const CALLES: &[&str] = &[
    "Av. Corrientes", "Av. Santa Fe", "Belgrano", "San Martín", "Av. Rivadavia", "Av. Colón",
    "Bv. Oroño", "Sarmiento", "Mitre", "Güemes", "Av. Vélez Sarsfield", "Pueyrredón",
    "Av. del Libertador", "Juan B. Justo", "Hipólito Yrigoyen", "25 de Mayo", "Entre Ríos",
];

/// (localidad, provincia, código postal, código de área)
type Localidad = (&'static str, &'static str, &'static str, &'static str);

#[rustfmt::skip]
const LOCALIDADES: &[Localidad] = &[
    ("CABA", "Ciudad Autónoma de Buenos Aires", "C1043", "11"),
    ("Córdoba", "Córdoba", "X5000", "351"),
    ("Rosario", "Santa Fe", "S2000", "341"),
    ("La Plata", "Buenos Aires", "B1900", "221"),
    ("Mar del Plata", "Buenos Aires", "B7600", "223"),
    ("San Miguel de Tucumán", "Tucumán", "T4000", "381"),
    ("Neuquén", "Neuquén", "Q8300", "299"),
    ("Río Cuarto", "Córdoba", "X5800", "358"),
    ("Mendoza", "Mendoza", "M5500", "261"),
    ("Posadas", "Misiones", "N3300", "376"),
    ("Bahía Blanca", "Buenos Aires", "B8000", "291"),
    ("Paraná", "Entre Ríos", "E3100", "343"),
    ("San Salvador de Jujuy", "Jujuy", "Y4600", "388"),
    ("Ushuaia", "Tierra del Fuego", "V9410", "2901"),
];

/// (marca, WMI of its VINs, modelos)
#[rustfmt::skip]
const MARCAS: &[(&str, &str, &[&str])] = &[
    ("Toyota", "8AJ", &["Hilux", "Corolla", "Etios", "Yaris", "SW4", "Corolla Cross"]),
    ("Volkswagen", "8AW", &["Amarok", "Gol Trend", "Polo", "Taos", "T-Cross", "Vento"]),
    ("Ford", "8AF", &["Ranger", "Territory", "Maverick", "Bronco Sport"]),
    ("Chevrolet", "8AG", &["Cruze", "Onix", "Tracker", "S10"]),
    ("Renault", "93Y", &["Kangoo", "Sandero", "Logan", "Duster", "Alaskan"]),
    ("Peugeot", "8AD", &["208", "2008", "308", "Partner"]),
    ("Fiat", "8AP", &["Cronos", "Toro", "Strada", "Pulse"]),
    ("Citroën", "935", &["C3", "C4 Cactus", "Berlingo"]),
    ("Nissan", "94D", &["Frontier", "Kicks", "Versa"]),
    ("Jeep", "988", &["Renegade", "Compass", "Commander"]),
];

#[rustfmt::skip]
const VERSIONES: &[&str] = &[
    "1.6 MSI", "2.8 TDI 4x4 AT", "SRX", "Highline", "Feel", "GR-Sport", "Comfortline 1.0 TSI",
    "XLT 3.2 AT", "Intens CVT", "Allure Pack", "Drive 1.3 GSE", "Limited Plus", "Zen",
];

#[rustfmt::skip]
const COLORES: &[&str] = &[
    "Blanco", "Gris Plata", "Negro", "Rojo", "Azul Eclipse", "Gris Oscuro", "Beige", "Bordó",
    "Blanco Perlado", "Verde Militar",
];

#[rustfmt::skip]
const OBS_CLIENTE: &[&str] = &[
    "Cliente VIP", "Prefiere contacto por WhatsApp", "No llamar después de las 20 hs.",
    "Dirección de facturación: ver CUIT", "Referido por \"Concesionario Norte\"",
    "Flota; contactar a compras", "Pidió baja de newsletter",
];

#[rustfmt::skip]
const TIPOS_SERVICIO: &[&str] =
    &["Service oficial", "Mecánica general", "Garantía", "Chapa y pintura", "Recall", "Diagnóstico"];

const DESCRIPCIONES: &[&str] = &[
    "Service 10.000 km",
    "Cambio de aceite y filtro",
    "Cambio de pastillas de freno, delanteras",
    "Alineación y balanceo",
    "Revisión general; ruido en tren delantero",
    "Reemplazo de batería 12V 65Ah",
    "Diagnóstico: luz de \"check engine\" encendida",
    "Cliente indica:\nruido al frenar en frío",
    "Reparación de paragolpes trasero, pintura y pulido",
    "Actualización de software de la ECU (campaña 24-017)",
];

struct Date(u64);

impl Date {
    /// A day between 2015 and 2024.
    fn random(rng: &mut Rng) -> Date {
        Date(rng.next())
    }
}

impl Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let x = self.0;
        write!(
            f,
            "{:02}/{:02}/{}",
            1 + x % 28,
            1 + (x >> 8) % 12,
            2015 + (x >> 16) % 10
        )
    }
}

/// Money in the Argentine way: "28.500.000,00".
struct Money(u64);

impl Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (pesos, cents) = (self.0 / 100, self.0 % 100);
        let digits = pesos.to_string();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                f.write_char('.')?;
            }
            f.write_char(c)?;
        }
        write!(f, ",{cents:02}")
    }
}

/// "20-30123456-7", with the real check digit.
struct Cuit {
    prefix: u64,
    number: u64,
}

impl Cuit {
    fn new(prefix: u64, number: u64) -> Cuit {
        Cuit { prefix, number }
    }
}

impl Display for Cuit {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let digits = format!("{:02}{:08}", self.prefix, self.number);
        let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        let sum: u64 = digits
            .bytes()
            .zip(weights)
            .map(|(d, w)| (d - b'0') as u64 * w)
            .sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => 9,
            c => c,
        };
        write!(f, "{:02}-{:08}-{}", self.prefix, self.number, check)
    }
}

/// A 17-character VIN (no I, O or Q) starting with the make's WMI.
struct Vin {
    wmi: &'static str,
    seed: u64,
}

impl Display for Vin {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        const CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        f.write_str(self.wmi)?;
        let mut rng = Rng(self.seed);
        for _ in 0..14 {
            f.write_char(rng.pick(CHARS) as char)?;
        }
        Ok(())
    }
}

/// "AB123CD" (Mercosur, from 2016) or "ABC123" (older).
struct Plate(u64);

impl Display for Plate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut rng = Rng(self.0);
        let mut letter = || (b'A' + rng.below(26) as u8) as char;
        let (a, b, c, d) = (letter(), letter(), letter(), letter());
        let n = self.0 % 1000;
        if self.0.is_multiple_of(3) {
            write!(f, "{a}{b}{c}{n:03}")
        } else {
            write!(f, "{a}{b}{n:03}{c}{d}")
        }
    }
}

struct Phone(u64);

impl Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let area = LOCALIDADES[(self.0 % LOCALIDADES.len() as u64) as usize].3;
        let n = 4_000_000 + (self.0 >> 8) % 5_999_999;
        match (self.0 >> 40) % 3 {
            0 => write!(f, "+54 9 {area} {}-{:04}", n / 10_000, n % 10_000),
            1 => write!(f, "(0{area}) {}-{:04}", n / 10_000, n % 10_000),
            _ => write!(f, "0{area}15{n}"),
        }
    }
}

fn usuario_id(k: u64) -> String {
    format!("U{k:04}")
}

// ---------------------------------------------------------------------------------------
// Generators, one per entity. Each writes the header and the records; defects come from
// `DEFECT_RATE` draws so they scale with N.
// ---------------------------------------------------------------------------------------

/// Writes `base` records through `row(out, rng, k)` for k = 1..=base, plus, at DEFECT_RATE,
/// an extra record that reuses an earlier record's ID (the duplicate is left out by the
/// validator; the first occurrence, which children reference, stays).
fn rows_with_duplicates(
    out: &mut CsvOut,
    rng: &mut Rng,
    base: u64,
    mut row: impl FnMut(&mut CsvOut, &mut Rng, u64) -> io::Result<()>,
) -> io::Result<()> {
    for k in 1..=base {
        row(out, rng, k)?;
        if k > 1 && rng.chance(DEFECT_RATE) {
            let earlier = rng.range(1, k - 1);
            row(out, rng, earlier)?;
        }
    }
    Ok(())
}

fn person(rng: &mut Rng) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    (rng.pick(NOMBRES), rng.pick(APELLIDOS))
}

fn email(out: &mut CsvOut, rng: &mut Rng, nombre: &str, apellido: &str) {
    let n = rng.below(100);
    let dominio = rng.pick(DOMINIOS);
    f!(out, "{nombre}.{apellido}{n}@{dominio}");
}

/// Writes the DIRECCION cell; returns the (localidad, provincia, CP, area code) that go with it.
fn address(out: &mut CsvOut, rng: &mut Rng) -> Localidad {
    let calle = rng.pick(CALLES);
    let altura = rng.range(1, 9_000);
    if rng.chance(0.2) {
        let piso = rng.range(1, 15);
        let depto = (b'A' + rng.below(6) as u8) as char;
        f!(out, "{calle} {altura}, Piso {piso} \"{depto}\"");
    } else {
        f!(out, "{calle} {altura}");
    }
    rng.pick(LOCALIDADES)
}

fn gen_usuarios(out: &mut CsvOut, sizes: Sizes, rng: &mut Rng) -> io::Result<()> {
    out.header("COD_USUARIO,APELLIDO,NOMBRE,DNI,EMAIL,TELEFONO,ROL,COD_SUCURSAL,FECHA_ALTA,ACTIVO,COMISION_PCT")?;
    const ROLES: &[&str] = &[
        "Vendedor",
        "Asesor de servicio",
        "Gerente de ventas",
        "Administración",
    ];
    for k in 1..=sizes.usuarios {
        let ((nombre, n_mail), (apellido, a_mail)) = person(rng);
        out.field(&usuario_id(k));
        out.field(apellido);
        out.field(nombre);
        f!(out, "{}", rng.range(20_000_000, 45_000_000));
        f!(out, "{n_mail}.{a_mail}@concesionaria.com.ar");
        f!(out, "{}", Phone(rng.next()));
        out.field(rng.pick(ROLES));
        f!(out, "S{:03}", rng.range(1, sizes.sucursales));
        f!(out, "{}", Date::random(rng));
        out.field(if rng.chance(0.9) { "S" } else { "N" });
        f!(out, "{},{}", rng.range(0, 4), rng.below(10));
        out.end_record()?;
    }
    Ok(())
}

fn gen_sucursales(out: &mut CsvOut, sizes: Sizes, rng: &mut Rng) -> io::Result<()> {
    out.header("COD_SUCURSAL,NOMBRE,TIPO,DIRECCION,LOCALIDAD,PROVINCIA,CP,TELEFONO,EMAIL,CUIT,RESPONSABLE,HORARIO")?;
    const TIPOS: &[&str] = &["Concesionario", "Taller", "Depósito", "Punto de venta"];
    for k in 1..=sizes.sucursales {
        f!(out, "S{k:03}");
        let tipo = rng.pick(TIPOS);
        let (localidad, provincia, cp, _) = LOCALIDADES[(k as usize - 1) % LOCALIDADES.len()];
        f!(out, "{tipo} {localidad} {k}");
        out.field(tipo);
        let _ = address(out, rng);
        out.field(localidad);
        out.field(provincia);
        out.field(cp);
        f!(out, "{}", Phone(rng.next()));
        f!(out, "sucursal{k}@concesionaria.com.ar");
        f!(out, "{}", Cuit::new(30, rng.range(50_000_000, 71_999_999)));
        let ((nombre, _), (apellido, _)) = person(rng);
        f!(out, "{apellido}, {nombre}");
        out.field("Lun. a vie. 8:30 a 18:00; sáb. 9:00 a 13:00");
        out.end_record()?;
    }
    Ok(())
}

fn gen_clientes(out: &mut CsvOut, sizes: Sizes, rng: &mut Rng) -> io::Result<()> {
    out.header("COD_CLIENTE,TIPO_PERSONA,APELLIDO,NOMBRE,RAZON_SOCIAL,DNI,CUIT,EMAIL,TELEFONO,DIRECCION,LOCALIDAD,PROVINCIA,CP,FECHA_ALTA,OBSERVACIONES")?;
    rows_with_duplicates(out, rng, sizes.clientes, |out, rng, k| {
        f!(out, "CL{k:07}");
        let ((nombre, n_mail), (apellido, a_mail)) = person(rng);
        if rng.chance(0.1) {
            out.field("Jurídica");
            out.field("");
            out.field("");
            const FORMAS: &[&str] = &["S.A.", "S.R.L.", "S.A.S.", "y Cía."];
            const RUBROS: &[&str] = &["Transportes", "Agropecuaria", "Logística", "Constructora"];
            f!(out, "{} {apellido} {}", rng.pick(RUBROS), rng.pick(FORMAS));
            out.field("");
            f!(out, "{}", Cuit::new(30, rng.range(50_000_000, 71_999_999)));
            f!(out, "administracion@{a_mail}{}.com.ar", rng.below(1000));
        } else {
            let dni = rng.range(8_000_000, 46_000_000);
            out.field("Física");
            out.field(apellido);
            out.field(nombre);
            out.field("");
            f!(out, "{dni}");
            if rng.chance(0.3) {
                f!(out, "{}", Cuit::new(20 + 7 * rng.below(2), dni));
            } else {
                out.field("");
            }
            email(out, rng, n_mail, a_mail);
        }
        f!(out, "{}", Phone(rng.next()));
        let (localidad, provincia, cp, _) = address(out, rng);
        out.field(localidad);
        out.field(provincia);
        out.field(cp);
        f!(out, "{}", Date::random(rng));
        out.field(if rng.chance(0.05) {
            rng.pick(OBS_CLIENTE)
        } else {
            ""
        });
        out.end_record()
    })
}

fn gen_ventas(out: &mut CsvOut, sizes: Sizes, rng: &mut Rng) -> io::Result<()> {
    out.header("NRO_VENTA,FECHA_VENTA,COD_CLIENTE,COD_VENDEDOR,COD_SUCURSAL,MARCA,MODELO,VERSION,ANIO,COLOR,PRECIO,MONEDA,FORMA_PAGO,ESTADO,OBSERVACIONES")?;
    const PAGOS: &[&str] = &[
        "Contado",
        "Financiado",
        "Plan de ahorro",
        "Leasing",
        "Usado + diferencia",
    ];
    const ESTADOS: &[&str] = &["Entregada", "Facturada", "Reservada", "Anulada"];
    rows_with_duplicates(out, rng, sizes.ventas, |out, rng, k| {
        f!(out, "V{k:08}");
        f!(out, "{}", Date::random(rng));
        // Required ref; rarely a client that does not exist (an error: the row is left out).
        if rng.chance(DEFECT_RATE / 5.0) {
            f!(out, "CL9{:07}", rng.below(10_000_000));
        } else {
            f!(out, "CL{:07}", client_of_venta(k, sizes.clientes));
        }
        // Optional refs: sometimes empty, rarely dangling (a warning only).
        if rng.chance(DEFECT_RATE) {
            out.field("U9999");
        } else if rng.chance(0.05) {
            out.field("");
        } else {
            out.field(&usuario_id(rng.range(1, sizes.usuarios)));
        }
        if rng.chance(0.03) {
            out.field("");
        } else {
            f!(out, "S{:03}", rng.range(1, sizes.sucursales));
        }
        let (marca, _, modelos) = rng.pick(MARCAS);
        out.field(marca);
        out.field(rng.pick(modelos));
        out.field(rng.pick(VERSIONES));
        f!(out, "{}", rng.range(2015, 2025));
        out.field(rng.pick(COLORES));
        f!(out, "{}", Money(rng.range(15_000, 80_000) * 100_000));
        out.field(if rng.chance(0.95) { "ARS" } else { "USD" });
        out.field(rng.pick(PAGOS));
        out.field(rng.pick(ESTADOS));
        out.field(if rng.chance(0.02) {
            "Entrega en domicilio, coordinar con el cliente"
        } else {
            ""
        });
        out.end_record()
    })
}

fn gen_unidades(out: &mut CsvOut, sizes: Sizes, rng: &mut Rng) -> io::Result<()> {
    out.header("ID_UNIDAD,VIN,PATENTE,MARCA,MODELO,ANIO,COLOR,KILOMETRAJE,NRO_VENTA,COD_CLIENTE,COD_SUCURSAL,FECHA_ENTREGA,ESTADO,NRO_MOTOR")?;
    const ESTADOS: &[&str] = &["En uso", "En stock", "Vendida", "Baja"];
    rows_with_duplicates(out, rng, sizes.unidades, |out, rng, k| {
        f!(out, "UN{k:08}");
        let (marca, wmi, modelos) = rng.pick(MARCAS);
        f!(
            out,
            "{}",
            Vin {
                wmi,
                seed: rng.next()
            }
        );
        f!(out, "{}", Plate(rng.next()));
        out.field(marca);
        out.field(rng.pick(modelos));
        f!(out, "{}", rng.range(2008, 2025));
        out.field(rng.pick(COLORES));
        f!(out, "{}", rng.below(250_000));
        // Most units come from one of our sales; the rest are used cars or trade-ins.
        let from_sale = k <= sizes.ventas && rng.chance(0.85);
        if rng.chance(DEFECT_RATE) {
            f!(out, "V9{:08}", rng.below(100_000_000)); // dangling optional ref
        } else if from_sale {
            f!(out, "V{k:08}");
        } else {
            out.field("");
        }
        if rng.chance(0.05) {
            out.field("");
        } else {
            f!(out, "CL{:07}", client_of_unidad(k, sizes));
        }
        if rng.chance(0.1) {
            out.field("");
        } else {
            f!(out, "S{:03}", rng.range(1, sizes.sucursales));
        }
        f!(out, "{}", Date::random(rng));
        out.field(rng.pick(ESTADOS));
        f!(out, "{:X}", rng.next() >> 24);
        out.end_record()
    })
}

fn gen_servicios(out: &mut CsvOut, sizes: Sizes, rng: &mut Rng) -> io::Result<()> {
    out.header("NRO_OT,FECHA_INGRESO,FECHA_ENTREGA,COD_CLIENTE,ID_UNIDAD,COD_TALLER,COD_ASESOR,KM_INGRESO,TIPO_SERVICIO,DESCRIPCION,IMPORTE_MO,IMPORTE_REPUESTOS,TOTAL,ESTADO")?;
    const ESTADOS: &[&str] = &["Cerrada", "Abierta", "Esperando repuestos", "Facturada"];
    rows_with_duplicates(out, rng, sizes.servicios, |out, rng, k| {
        f!(out, "OT{k:08}");
        let ingreso = Date::random(rng);
        f!(out, "{ingreso}");
        if rng.chance(0.1) {
            out.field("");
        } else {
            f!(out, "{ingreso}"); // same-day delivery keeps dates consistent
        }
        let unidad = rng.range(1, sizes.unidades);
        f!(out, "CL{:07}", client_of_unidad(unidad, sizes));
        if rng.chance(DEFECT_RATE) {
            f!(out, " UN{unidad:08} "); // padded: values are compared after trimming
        } else {
            f!(out, "UN{unidad:08}");
        }
        f!(out, "S{:03}", rng.range(1, sizes.sucursales));
        if rng.chance(DEFECT_RATE) {
            out.field("U0000"); // dangling optional ref
        } else if rng.chance(0.1) {
            out.field("");
        } else {
            out.field(&usuario_id(rng.range(1, sizes.usuarios)));
        }
        f!(out, "{}", rng.below(250_000));
        out.field(rng.pick(TIPOS_SERVICIO));
        if rng.chance(DEFECT_RATE / 10.0) {
            // An unquoted comma: one field too many (ragged-row, an error).
            out.raw_field("Cambio de correa, tensor y bomba de agua");
        } else {
            out.field(rng.pick(DESCRIPCIONES));
        }
        let (mo, rep) = (
            rng.range(20_000, 400_000) * 100,
            rng.range(0, 2_000_000) * 100,
        );
        f!(out, "{}", Money(mo));
        f!(out, "{}", Money(rep));
        f!(out, "{}", Money(mo + rep));
        out.field(rng.pick(ESTADOS));
        out.end_record()
    })
}

// ---------------------------------------------------------------------------------------
// "bare parse": the csv crate over every file, nothing checked.
// ---------------------------------------------------------------------------------------

struct BareRun {
    secs: f64,
    /// CPU seconds the parse took (this thread's user + system time), when measurable.
    cpu_secs: Option<f64>,
}

fn run_bare_parse(pkg: &Package) -> BareRun {
    let cpu_before = thread_cpu_secs();
    let start = Instant::now();
    let (mut records, mut bytes) = (0u64, 0u64);
    for e in &ENTITIES {
        let (r, b) = bare_parse_file(&pkg.dir.join(e.file()), e.delimiter).expect("bare parse");
        records += r;
        bytes += b;
    }
    let secs = start.elapsed().as_secs_f64();
    // Every file has one header record.
    let data_records = records - ENTITIES.len() as u64;
    assert_eq!(
        data_records, pkg.records,
        "bare parse saw a different record count"
    );
    assert_eq!(bytes, pkg.bytes, "bare parse read a different byte count");
    let cpu_secs = thread_cpu_secs()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    BareRun { secs, cpu_secs }
}

/// This thread's CPU time (user + system) so far, in seconds.
#[cfg(target_os = "linux")]
fn thread_cpu_secs() -> Option<f64> {
    // SAFETY: rusage is plain old data; getrusage fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
    (r == 0).then(|| cpu_of(&usage))
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_secs() -> Option<f64> {
    None
}

/// User + system time of `usage`, in seconds.
#[cfg(unix)]
fn cpu_of(usage: &libc::rusage) -> f64 {
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// (records including the header, bytes) of one file.
fn bare_parse_file(path: &Path, delimiter: u8) -> csv::Result<(u64, u64)> {
    let file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let mut records = 0u64;
    while reader.read_byte_record(&mut record)? {
        records += 1;
    }
    Ok((records, reader.position().byte()))
}

// ---------------------------------------------------------------------------------------
// "validate": the real binary as a child process.
// ---------------------------------------------------------------------------------------

struct ValidateRun {
    secs: f64,
    exit_code: i32,
    max_rss_bytes: Option<u64>,
    /// CPU seconds of the child, both threads (user + system), when measurable.
    cpu_secs: Option<f64>,
    report: serde_json::Value,
}

fn run_validate(pkg: &Package) -> ValidateRun {
    let data_dir = bench_data_root().join("state");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
    cmd.arg("validate")
        .arg(&pkg.dir)
        .arg("--config")
        .arg(pkg.config())
        .args(["--format", "json", "--data-dir"])
        .arg(&data_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());

    let start = Instant::now();
    let mut child = cmd.spawn().expect("starting sheetdrop validate");
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let (exit_code, max_rss_bytes, cpu_secs) = wait_with_rusage(&mut child);
    let secs = start.elapsed().as_secs_f64();
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());

    if exit_code != 0 && exit_code != 1 {
        panic!(
            "sheetdrop validate exited with {exit_code}\n--- command: {cmd:?}\n--- stderr:\n{}",
            String::from_utf8_lossy(&stderr)
        );
    }
    let report: serde_json::Value = serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!(
            "validate printed no JSON report ({e}); stdout begins:\n{}",
            head(&stdout)
        )
    });
    check_rows(&report, pkg.records);
    ValidateRun {
        secs,
        exit_code,
        max_rss_bytes,
        cpu_secs,
        report,
    }
}

/// Reads a pipe to the end on its own thread, so a full pipe never blocks the child.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

fn head(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]).into_owned()
}

/// Waits with `wait4` to get the child's own peak RSS and CPU time; returns (exit code, peak
/// RSS bytes, CPU seconds).
/// A child killed by a signal reports exit code 128 + signal.
#[cfg(unix)]
fn wait_with_rusage(child: &mut std::process::Child) -> (i32, Option<u64>, Option<f64>) {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 fills it and `status`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = io::Error::last_os_error();
        assert!(
            err.kind() == io::ErrorKind::Interrupted,
            "wait4 failed: {err}"
        );
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    // ru_maxrss is KiB on Linux and the BSDs, bytes on macOS.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    (
        code,
        Some(usage.ru_maxrss as u64 * unit),
        Some(cpu_of(&usage)),
    )
}

#[cfg(not(unix))]
fn wait_with_rusage(child: &mut std::process::Child) -> (i32, Option<u64>, Option<f64>) {
    let status = child.wait().expect("waiting for sheetdrop validate");
    (status.code().unwrap_or(-1), None, None)
}

/// The report must account for every generated record, else the bench measured less work.
fn check_rows(report: &serde_json::Value, expected: u64) {
    let entities = report["entities"]
        .as_array()
        .expect("report has an \"entities\" array");
    let total: u64 = entities
        .iter()
        .map(|e| e["rows"].as_u64().unwrap_or(0))
        .sum();
    if total != expected {
        print_entities(report);
        panic!("validate reported {total} rows in all, the package holds {expected} records");
    }
}

fn print_entities(report: &serde_json::Value) {
    println!(
        "{:<11} {:<13} {:<9} {:>9} {:>10} {:>10}  counts",
        "entity", "encoding", "verdict", "delimiter", "rows", "accepted"
    );
    for e in report["entities"].as_array().into_iter().flatten() {
        let text = |k: &str| e[k].as_str().unwrap_or("-").to_string();
        let num = |k: &str| e[k].as_u64().map_or("-".to_string(), |n| n.to_string());
        println!(
            "{:<11} {:<13} {:<9} {:>9} {:>10} {:>10}  {}",
            text("entity"),
            text("encoding"),
            text("verdict"),
            format!("{:?}", text("delimiter")),
            num("rows"),
            num("rows_accepted"),
            e["counts"]
        );
    }
}

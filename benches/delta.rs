//! What the row-level delta (`validate::delta`) costs on a republish, side by side.
//!
//! It generates (deterministically) a `clientes.csv` of N rows (default 1 M, ~90 MB) and a
//! republish of it — 1% of the rows changed, 0.1% removed, 0.1% added — under
//! `target/bench-data/delta-<N>/`, and writes the first one's row file as the agent would
//! have when it was accepted. Then, for R rounds, interleaved, it checks the republish as
//! the agent does (`validate_batch`, two workers):
//! - "without": no row collection, no row file, no delta (what the agent did before);
//! - "with": the rows collected in the same pass, sorted, written as the row file, and merged
//!   with the previous row file into the delta.
//!
//! Each side is timed twice: the check alone, and the whole republish the check is a step
//! of — the spool copy (copy + SHA-256 + sync), the check, and the local destination's
//! publish (`clientes.csv` + `manifest.json`, synced) — as `run` does it for a changed file.
//!
//! It prints each round, the medians and their ratios (target <= 1.15 for the republish),
//! and checks that the delta counts what was generated. A measurement, not a test: it exits 0
//! whatever the figures.
//!
//! Run it with:
//!     cargo bench --bench delta
//!     SHEETDROP_BENCH_ROWS=100000 cargo bench --bench delta     # quick run
//! Environment: `SHEETDROP_BENCH_ROWS` (default 1000000), `SHEETDROP_BENCH_ROUNDS` (default 3).

mod common;

use common::*;
use sheetdrop::config::Config;
use sheetdrop::publish::{Destination, LocalDestination, PublishItem};
use sheetdrop::validate::{validate_batch, Delta, DeltaInput, EntityFile};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const TARGET_RATIO: f64 = 1.15;

const CONFIG: &str = "[[entity]]\nname = \"clientes\"\nid = \"ID_CLIENTE\"\n";

fn main() {
    let rows = env_u64("SHEETDROP_BENCH_ROWS", 1_000_000).max(1000);
    let rounds = env_u64("SHEETDROP_BENCH_ROUNDS", 3).max(1) as usize;
    let dir = bench_data_root().join(format!("delta-{rows}"));
    let (before, after) = ensure_files(&dir, rows).expect("generating the benchmark files");
    let config = Config::from_toml(CONFIG, &dir.join("sheetdrop.toml")).expect("config");
    let check = |path: &Path, delta: Option<DeltaInput>| -> (f64, Option<Delta>, u64) {
        let files = [EntityFile {
            delta,
            ..EntityFile::new("clientes", Some(path.to_path_buf()))
        }];
        let start = Instant::now();
        let report = validate_batch(
            &config.catalog,
            &config.policy,
            &files,
            2,
            &|_| None,
            &|_| {},
        );
        let secs = start.elapsed().as_secs_f64();
        let entity = report.entities.into_iter().next().expect("one entity");
        assert_eq!(entity.verdict.as_str(), "accepted", "{:?}", entity.issues);
        (secs, entity.delta, entity.rows_accepted)
    };
    // The whole republish: spool, check, publish. Returns (republish s, check s, delta).
    let spool_dir = dir.join("spool");
    let out_dir = dir.join("out");
    let republish = |delta: Option<DeltaInput>| -> (f64, f64, Option<Delta>) {
        let _ = fs::remove_dir_all(&spool_dir);
        let _ = fs::remove_dir_all(&out_dir);
        let start = Instant::now();
        let spooled = sheetdrop::snapshot::spool(&after, &spool_dir, "clientes").expect("spool");
        let (check_secs, delta, accepted) = check(&spooled.path, delta);
        let mut local = LocalDestination::new(out_dir.clone());
        let item = PublishItem {
            entity: "clientes".into(),
            path: spooled.path.clone(),
            options: Default::default(),
            left_out: vec![],
            sha256: spooled.sha256.clone(),
            source_name: "clientes.csv".into(),
            verdict: "accepted".into(),
            rows: accepted,
            rows_accepted: accepted,
            delta: delta.as_ref().map(Delta::counts),
        };
        local.publish(&item).expect("publish");
        (start.elapsed().as_secs_f64(), check_secs, delta)
    };
    // The previous snapshot's row file, as its own check wrote it.
    check(&before, Some(DeltaInput::default()));
    let rows_file = sheetdrop::snapshot::rows_path(&before);
    println!(
        "sheetdrop delta benchmark: republish of {rows} rows ({:.1} MB), {rounds} rounds; \
         previous row file {:.1} MB",
        mb(fs::metadata(&after).unwrap().len()),
        mb(fs::metadata(&rows_file).unwrap().len()),
    );
    let (mut without, mut with) = (Vec::new(), Vec::new());
    let prior = || {
        Some(DeltaInput {
            prior: Some(before.clone()),
        })
    };
    for round in 1..=rounds {
        // Alternate the order so neither side always gets the warmer page cache.
        let (a, b) = if round % 2 == 1 {
            let a = republish(None);
            (a, republish(prior()))
        } else {
            let b = republish(prior());
            (republish(None), b)
        };
        let delta = b.2.as_ref().expect("a delta against the previous row file");
        let expected = (rows / 1000, rows / 1000, rows / 100);
        assert_eq!(
            (delta.added, delta.removed, delta.changed),
            expected,
            "the delta counts what was generated"
        );
        println!(
            "round {round}: republish without {:.3} s, with {:.3} s ({:+.1}%); of which the \
             check: without {:.3} s, with {:.3} s ({:+.1}%)",
            a.0,
            b.0,
            (b.0 / a.0 - 1.0) * 100.0,
            a.1,
            b.1,
            (b.1 / a.1 - 1.0) * 100.0
        );
        without.push((a.0, a.1));
        with.push((b.0, b.1));
    }
    let med = |xs: &[(f64, f64)], pick: fn(&(f64, f64)) -> f64| {
        median(&xs.iter().map(pick).collect::<Vec<_>>())
    };
    let (a, b) = (med(&without, |x| x.0), med(&with, |x| x.0));
    let ratio = b / a;
    println!(
        "median republish: without {a:.3} s, with {b:.3} s; with/without = {ratio:.3} (target <= {TARGET_RATIO}) {}",
        if ratio <= TARGET_RATIO { "PASS" } else { "FAIL" }
    );
    let (a, b) = (med(&without, |x| x.1), med(&with, |x| x.1));
    println!(
        "median check alone: without {a:.3} s, with {b:.3} s; with/without = {:.3}",
        b / a
    );
    println!("machine load: {}", loadavg());
}

/// The previous export and its republish, generated once and reused.
fn ensure_files(dir: &Path, rows: u64) -> io::Result<(PathBuf, PathBuf)> {
    let (before, after) = (dir.join("before.csv"), dir.join("after.csv"));
    let marker = dir.join(".complete");
    if fs::read_to_string(&marker).ok().as_deref() != Some(&rows.to_string()) {
        fs::create_dir_all(dir)?;
        write_clientes(&before, rows, false)?;
        write_clientes(&after, rows, true)?;
        fs::write(&marker, rows.to_string())?;
    }
    Ok((before, after))
}

/// `rows` clients; the republish changes 1% of them, drops 0.1% and adds 0.1% new ones.
fn write_clientes(path: &Path, rows: u64, republish: bool) -> io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    writeln!(
        out,
        "ID_CLIENTE;NOMBRE;APELLIDO;EMAIL;TELEFONO;CIUDAD;SALDO"
    )?;
    const NAMES: [&str; 6] = ["Ana", "Beto", "Carla", "Diego", "Elena", "Fede"];
    const CITIES: [&str; 4] = ["Córdoba", "Rosario", "Salta", "Mendoza"];
    let extra = if republish { rows / 1000 } else { 0 };
    for i in 0..rows + extra {
        if republish && i < rows && i % 1000 == 7 {
            continue;
        }
        let mut rng = Rng(mix(i));
        let name = rng.pick(&NAMES);
        let changed = if republish && i % 100 == 3 { " B" } else { "" };
        writeln!(
            out,
            "CL{i:08};{name}{changed};Pérez;{}.{i}@example.com;+54 351 {:07};{};{}.{:02}",
            name.to_lowercase(),
            rng.below(10_000_000),
            rng.pick(&CITIES),
            rng.below(100_000),
            rng.below(100),
        )?;
    }
    out.flush()
}

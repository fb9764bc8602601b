//! What the three benchmarks share: deterministic synthetic data, the machine's load while
//! measuring (these machines are shared: every figure is printed with how busy the CPUs were
//! and how much the hypervisor stole), where bench data is kept, and small statistics.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------

/// splitmix64: tiny, fast, good enough for synthetic data, and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }
    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p * (1u64 << 53) as f64
    }
    /// One of `xs`, uniformly.
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// The splitmix64 finalizer: a stateless hash, so two generators can agree on a relation
/// (e.g. which client bought sale #k) without sharing state.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Appends `cell` to a semicolon-separated CSV line, quoted when it must be.
pub fn push_cell(out: &mut String, cell: &str) {
    if cell.contains([';', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

// ---------------------------------------------------------------------------------------
// Machine load: busy CPUs and hypervisor steal, from /proc/stat
// ---------------------------------------------------------------------------------------

/// How the machine's CPUs were used over a span, in percent of all CPU time (`None` where
/// /proc/stat does not say).
#[derive(Clone, Copy, Default)]
pub struct Load {
    /// Not idle (user, system, ... including the benchmark itself).
    pub busy: Option<f64>,
    /// Stolen by the hypervisor.
    pub steal: Option<f64>,
}

/// A reading of all CPUs' clock ticks since boot: (idle + iowait, steal, total).
#[derive(Clone, Copy)]
pub struct Ticks(u64, u64, u64);

/// The CPUs' clock ticks now, from /proc/stat's `cpu` line (`None` where there is none).
pub fn cpu_ticks() -> Option<Ticks> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|t| t.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already
    // counted in user, so the total stops at steal.
    let total = ticks.iter().take(8).sum();
    Some(Ticks(ticks.get(3)? + ticks.get(4)?, *ticks.get(7)?, total))
}

/// The load between two [`cpu_ticks`] readings.
pub fn load_between(before: Option<Ticks>, after: Option<Ticks>) -> Load {
    let Some((b, a)) = before.zip(after).filter(|(b, a)| a.2 > b.2) else {
        return Load::default();
    };
    let total = (a.2 - b.2) as f64;
    let idle = (a.0 - b.0) as f64;
    let steal = (a.1 - b.1) as f64;
    Load {
        busy: Some((total - idle - steal) * 100.0 / total),
        steal: Some(steal * 100.0 / total),
    }
}

/// The load averages over 1, 5 and 15 minutes, for the report ("n/a" where unknown).
pub fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| {
            let v: Vec<&str> = l.split_whitespace().take(3).collect();
            (v.len() == 3).then(|| format!("{} {} {} (1, 5, 15 min)", v[0], v[1], v[2]))
        })
        .unwrap_or_else(|| "n/a".to_string())
}

// ---------------------------------------------------------------------------------------
// Set-up and statistics
// ---------------------------------------------------------------------------------------

/// `<target dir>/bench-data`; the target dir is where cargo put the sheetdrop binary. Data
/// generated there is reused by the next run (and rebuilt when missing).
pub fn bench_data_root() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_sheetdrop"));
    let target = bin
        .ancestors()
        .nth(2)
        .expect("binary lives in <target>/<profile>/");
    target.join("bench-data")
}

/// A whole number from the environment (underscores allowed: `2_000_000`), else `default`.
pub fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v.replace('_', "").trim().parse().unwrap_or_else(|_| {
            panic!("{name} must be a whole number, not {v:?}");
        }),
        Err(_) => default,
    }
}

/// Bytes in (decimal) megabytes.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// "12.3 MB", or "n/a".
pub fn fmt_mb(bytes: Option<u64>) -> String {
    bytes.map_or("n/a".to_string(), |b| format!("{:.1} MB", mb(b)))
}

/// "42%", or "n/a".
pub fn fmt_pct(pct: Option<f64>) -> String {
    pct.map_or("n/a".to_string(), |p| format!("{p:.0}%"))
}

/// The median of `xs` (not empty).
pub fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// The median of `xs`, `None` when empty.
pub fn median_opt(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| median(xs))
}

/// The largest of `xs`, `None` when empty.
pub fn max_opt(xs: &[f64]) -> Option<f64> {
    xs.iter().copied().reduce(f64::max)
}

/// "PASS" or "FAIL", for a target's line in the summary.
pub fn pass(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

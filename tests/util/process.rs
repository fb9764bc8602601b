//! A `sheetdrop` started by a test and left running (the agent, a service): its output goes to
//! files so a long-running process never blocks on a full pipe, and a test that fails kills it
//! and prints its log instead of leaving it behind.

use super::Output;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// A running process whose stdout and stderr go to files; killed (its stderr printed when the
/// test is failing) if still running when dropped.
pub struct Running {
    child: Child,
    what: String,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Running {
    /// Spawns `cmd`, whose stdout and stderr the caller already sent to the files `stdout` and
    /// `stderr`; `what` names it in failure messages.
    pub fn spawn(mut cmd: Command, what: String, stdout: PathBuf, stderr: PathBuf) -> Running {
        let child = cmd.spawn().unwrap_or_else(|e| panic!("spawn {what}: {e}"));
        Running {
            child,
            what,
            stdout,
            stderr,
        }
    }

    /// What it wrote to stderr so far.
    pub fn stderr(&self) -> String {
        fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Panics (with its stderr) if the process has exited.
    pub fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!(
                "{} exited unexpectedly ({status})\nstderr:\n{}",
                self.what,
                self.stderr()
            );
        }
    }

    /// Sends it `signal`.
    #[cfg(unix)]
    pub fn signal(&self, signal: libc::c_int) {
        let pid = self.pid() as libc::pid_t;
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill {pid}");
    }

    /// Waits up to `timeout` for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if start.elapsed() > timeout {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end (failing the test after `timeout`) and gives its output.
    pub fn finish(mut self, timeout: Duration) -> Output {
        let status = self.wait_exit(timeout).unwrap_or_else(|| {
            panic!(
                "{} did not finish within {timeout:?}\nstderr:\n{}",
                self.what,
                self.stderr()
            )
        });
        Output {
            code: status.code().expect("killed by a signal"),
            stdout: fs::read_to_string(&self.stdout).unwrap_or_default(),
            stderr: self.stderr(),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
            if std::thread::panicking() {
                eprintln!("--- {} (killed) stderr:\n{}", self.what, self.stderr());
            }
        }
    }
}

/// Polls `probe` every 50 ms until it gives a value; fails the test after `timeout`.
pub fn wait_until<T>(what: &str, timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The lowercase hex SHA-256 of `bytes` (what `manifest.json` records).
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes an export of `rows` rows of 100 bytes each (2,000,000 rows: 200 MB), streaming, and
/// gives its size: a file long enough to check that a pass can be interrupted.
pub fn write_big(path: &Path, rows: u32) -> u64 {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, fs::File::create(path).unwrap());
    out.write_all(b"COD_CLIENTE,NOMBRE,CIUDAD,SALDO\n").unwrap();
    for i in 0..rows {
        // 10 + 1 + 53 + 1 + 20 + 1 + 13 + 1 = 100 bytes.
        writeln!(
            out,
            "C{i:09},Cliente n{i:09} con un nombre largo de relleno xxxxxx,Ciudad {:013},{:012}.5",
            i % 1000,
            i
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    fs::metadata(path).unwrap().len()
}

//! Structured logs: to stderr and to a daily-rotated file in the data directory's `logs`,
//! keeping two weeks. `SHEETDROP_LOG` (an `EnvFilter` directive, e.g. `debug`) sets the level;
//! the default is `info`. Nothing secret is ever passed to a log call: credentials stay in
//! the publish module, and tokens are never formatted.

use std::io::IsTerminal;
use std::path::Path;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// How many daily log files are kept.
const KEEP_FILES: usize = 14;

/// Starts logging to stderr and to `logs_dir`. Keep the returned guard alive for the life of
/// the process: dropping it flushes the file. When the folder cannot be used, logs go to
/// stderr only and the reason is logged.
pub fn init_logging(logs_dir: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    // yup-oauth2 logs tokens at debug level: it stays at info whatever SHEETDROP_LOG says.
    let filter = || {
        EnvFilter::try_from_env("SHEETDROP_LOG")
            .unwrap_or_else(|_| EnvFilter::new("info"))
            .add_directive("yup_oauth2=info".parse().expect("a valid directive"))
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        // Colours only where the terminal surely shows them: a Windows console shows the
        // escape codes as text unless a program turns its VT mode on, and this one does not.
        .with_ansi(cfg!(not(windows)) && std::io::stderr().is_terminal())
        .with_target(false)
        .with_filter(filter());
    let appender = std::fs::create_dir_all(logs_dir)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("sheetdrop")
                .filename_suffix("log")
                .max_log_files(KEEP_FILES)
                .build(logs_dir)
                .map_err(|e| e.to_string())
        });
    match appender {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file = fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_target(false)
                .with_filter(filter());
            let _ = tracing_subscriber::registry()
                .with(stderr)
                .with(file)
                .try_init();
            Some(guard)
        }
        Err(reason) => {
            let _ = tracing_subscriber::registry().with(stderr).try_init();
            tracing::warn!(folder = %logs_dir.display(), %reason, "cannot write log files; logging to stderr only");
            None
        }
    }
}

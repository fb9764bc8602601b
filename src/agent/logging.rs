//! Structured logs: to stderr and to a daily-rotated file in the data directory's `logs`,
//! keeping two weeks. `SHEETDROP_LOG` (an `EnvFilter` directive, e.g. `debug`) sets the level;
//! the default is `info`. Nothing secret is ever passed to a log call: credentials stay in
//! the publish module, and tokens are never formatted.
//!
//! Every field value and message is written with its control characters escaped
//! ([`Escaped`], with `report::printable`, as `status` and the report show them): a file
//! named `a\n2026-01-01 ERROR x.csv` cannot forge a log line, nor an ESC sequence reach a
//! terminal. Only the line terminator stays.

use crate::report::printable;
use std::fmt::{self as std_fmt, Debug};
use std::io::IsTerminal;
use std::path::Path;
use tracing::field::{Field, Visit};
use tracing_subscriber::field::{MakeVisitor, VisitFmt, VisitOutput};
use tracing_subscriber::fmt::format::{DefaultFields, DefaultVisitor, Writer};
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
        .fmt_fields(Escaped)
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
                .fmt_fields(Escaped)
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

/// The log lines' fields, formatted as tracing's default does but with every control
/// character of a value or message escaped (`\n`, `\u{1b}`): one event, one line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Escaped;

impl<'a> MakeVisitor<Writer<'a>> for Escaped {
    type Visitor = EscapingVisitor<DefaultVisitor<'a>>;

    fn make_visitor(&self, target: Writer<'a>) -> Self::Visitor {
        EscapingVisitor(DefaultFields::new().make_visitor(target))
    }
}

/// A field visitor that hands `V` every value with its control characters escaped.
#[derive(Debug)]
pub struct EscapingVisitor<V>(V);

impl<V: Visit> Visit for EscapingVisitor<V> {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.record_str(field, &printable(value));
        } else {
            // Written as `{:?}`, quoted and already escaped by Rust.
            self.0.record_str(field, value);
        }
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        let text = value.to_string();
        self.0
            .record_debug(field, &format_args!("{}", printable(&text)));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let text = format!("{value:?}");
        self.0
            .record_debug(field, &format_args!("{}", printable(&text)));
    }
}

impl<V: VisitOutput<std_fmt::Result>> VisitOutput<std_fmt::Result> for EscapingVisitor<V> {
    fn finish(self) -> std_fmt::Result {
        self.0.finish()
    }
}

impl<V: VisitFmt> VisitFmt for EscapingVisitor<V> {
    fn writer(&mut self) -> &mut dyn std_fmt::Write {
        self.0.writer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Collects what a subscriber writes.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn control_characters_in_values_and_messages_cannot_forge_lines() {
        let sink = Sink::default();
        let out = sink.clone();
        let subscriber = fmt()
            .fmt_fields(Escaped)
            .with_writer(move || out.clone())
            .with_ansi(false)
            .finish();
        let name = "clientes\n2026-01-01 ERROR fake\x1b[31m.csv";
        let path = Path::new(name);
        let error = std::io::Error::other("bad\rname");
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(file = %path.display(), other = name, "spooled {name}");
            tracing::warn!(error = &error as &(dyn std::error::Error + 'static), "x");
        });
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(!text.contains('\x1b') && !text.contains('\r'), "{text}");
        let escaped = "clientes\\n2026-01-01 ERROR fake\\u{1b}[31m.csv";
        assert!(text.contains(&format!("spooled {escaped}")), "{text}");
        assert!(text.contains(&format!("file={escaped}")), "{text}");
        assert!(text.contains("bad\\rname"), "{text}");
        // Without the escaping the name would have split the line.
        assert!(text.lines().all(|l| !l.starts_with("2026-01-01 ERROR")));
    }
}

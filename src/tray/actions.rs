//! What the menu items that do not touch the pipeline do: open the folder, the report and
//! the log with the desktop's default application, and the diagnostic text for support.

use super::Context;
use crate::status::Status;
use std::fmt::Write;
use std::path::Path;

/// Opens `path` with the desktop's default application (file manager, browser), without
/// waiting for it; a failure is logged.
pub fn open(path: &Path) {
    if let Err(e) = open::that_detached(path) {
        tracing::warn!(path = %path.display(), error = %e, "cannot open");
    }
}

/// The diagnostic text "Copiar diagnóstico" copies: version, OS, config path, folders,
/// destination and the last runs. It holds no secret: no credentials, tokens or file
/// contents, only what the agent logs at start-up.
pub fn diagnostics(ctx: &Context, status: &Status) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "sheetdrop {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        out,
        "os: {} {} ({})",
        std::env::consts::OS,
        std::env::consts::ARCH,
        os_release().unwrap_or_else(|| "-".into())
    );
    let config = ctx
        .config_path
        .as_deref()
        .map_or("(default configuration)".into(), |p| {
            p.display().to_string()
        });
    let _ = writeln!(out, "config: {config}");
    let _ = writeln!(out, "folder: {}", ctx.folder.display());
    // English (its `Display`), as the rest of this text: support reads it beside the log.
    let _ = writeln!(out, "destination: {}", ctx.destination);
    let _ = writeln!(out, "data: {}", status.paths.data_dir.display());
    let _ = writeln!(out, "health: {:?}", status.health());
    for e in &status.entities {
        let _ = writeln!(
            out,
            "entity {}: {} rows={} accepted={} pending={} error={}",
            e.entity,
            e.last_verdict.as_deref().unwrap_or("-"),
            e.rows,
            e.rows_accepted,
            e.pending,
            e.last_error
                .as_deref()
                .map_or("-".into(), crate::report::printable)
        );
    }
    let _ = writeln!(out, "last runs:");
    for run in status.runs.iter().take(crate::status::RECENT_RUNS) {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            humantime::format_rfc3339_seconds(run.started_at),
            run.trigger.as_str(),
            run.summary.as_deref().unwrap_or("(running or interrupted)")
        );
    }
    out
}

/// The OS's name and version where it says it (Linux's `/etc/os-release`).
fn os_release() -> Option<String> {
    let text = std::fs::read_to_string("/etc/os-release").ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::RunRow;
    use crate::tray::model::tests::{entity, status, t0};

    #[test]
    fn diagnostics_say_where_things_are_and_the_last_runs() {
        let ctx = Context {
            lang: crate::i18n::Lang::Es,
            config_path: Some("/etc/sheetdrop/sheetdrop.toml".into()),
            folder: "/srv/exports".into(),
            destination: "folder /srv/outbox".into(),
            state_db: "/data/state.sqlite".into(),
            paths: status(vec![]).paths,
        };
        let mut s = status(vec![entity("clientes", "accepted")]);
        s.runs = (0..25)
            .map(|id| RunRow {
                id,
                started_at: t0(),
                finished_at: Some(t0()),
                trigger: crate::state::Trigger::Change,
                summary: Some(format!("run {id}")),
                outcome: None,
            })
            .collect();
        let text = diagnostics(&ctx, &s);
        assert!(text.starts_with(&format!("sheetdrop {}\n", env!("CARGO_PKG_VERSION"))));
        for needle in [
            "config: /etc/sheetdrop/sheetdrop.toml",
            "folder: /srv/exports",
            "destination: folder /srv/outbox",
            "data: /data",
            "entity clientes: accepted rows=1204",
            "2023-11-14T22:13:20Z change: run 19",
        ] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
        assert!(!text.contains("run 20"), "20 runs at most: {text}");
    }
}

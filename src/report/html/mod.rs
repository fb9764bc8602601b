//! The HTML report: one self-contained static page (inline CSS, no script, no external
//! asset) rendered from the [`Status`] and each entity's stored report, in the interface's
//! language. The agent rewrites it atomically after every pass; "Ver informe" opens it.
//!
//! Every value that comes from a CSV or a file name goes through [`cell`]: control characters
//! are shown escaped (as in the text report) and `& < > " '` become entities, so a cell can
//! never become markup. A Content-Security-Policy allowing no script is a second fence.

mod activity;
mod entity;

use crate::i18n::{Health, Lang, Text};
use crate::status::Status;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How many runs the activity timeline shows.
pub const TIMELINE_RUNS: usize = 50;

/// Where the data goes, for the destination line of each entity.
#[derive(Debug, Clone)]
pub enum Destination {
    /// The local folder: each entity is `<folder>/<entity>.csv`.
    Local {
        /// The folder.
        folder: PathBuf,
    },
    /// Another destination (Google): its description, and a web link per entity where one
    /// is known (e.g. the spreadsheet tab). Only `http(s)` links are rendered.
    Other {
        /// What it is, for people, in the page's language ("Google: hoja de cálculo …").
        description: String,
        /// Entity name → URL.
        links: BTreeMap<String, String>,
    },
}

/// What the page is rendered with besides the status.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// The language.
    pub lang: Lang,
    /// "Now", for relative times.
    pub now: SystemTime,
    /// Where the data goes.
    pub destination: &'a Destination,
}

/// Renders the whole page.
pub fn render(status: &Status, page: &Page<'_>) -> String {
    let lang = page.lang;
    let mut out = String::with_capacity(16 * 1024);
    let health = status.health();
    let title = format!("{} · {}", lang.text(Text::ReportTitle), lang.health(health));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"sheetdrop {}\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        lang.tag(),
        env!("CARGO_PKG_VERSION"),
        escape(&title),
        include_str!("style.css"),
    );
    let _ = write!(
        out,
        "<header class=\"top\"><div><h1>{}</h1><p class=\"generated\">{}</p></div></header>\n<main>\n",
        lang.text(Text::ReportTitle),
        escape(&lang.format(Text::GeneratedAt, &[("time", &when(lang, page.now))])),
    );
    banner(&mut out, status, page, health);
    if !status.entities.is_empty() {
        entity::summary_table(&mut out, status, page);
        for e in &status.entities {
            entity::section(&mut out, e, page);
        }
    }
    activity::timeline(&mut out, status, page);
    activity::where_things_are(&mut out, status, lang);
    let _ = write!(
        out,
        "</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&lang.format(Text::Footer, &[("version", &env!("CARGO_PKG_VERSION"))]))
    );
    out
}

/// Renders the page and writes it atomically to `path`, readable by its owner only (it
/// shows the clients' data).
pub fn write(path: &Path, status: &Status, page: &Page<'_>) -> std::io::Result<()> {
    let html = render(status, page);
    let mode = Some(crate::platform::perms::PRIVATE_FILE);
    crate::snapshot::write_atomic_mode(path, mode, |out| {
        std::io::Write::write_all(out, html.as_bytes())
    })
}

/// The overall state: a shape and a sentence, never colour alone.
fn banner(out: &mut String, status: &Status, page: &Page<'_>, health: Health) {
    let lang = page.lang;
    let class = match health {
        Health::Published => "h-published",
        Health::Working => "h-working",
        Health::Attention => "h-attention",
        Health::Error => "h-error",
        Health::Paused => "h-paused",
    };
    let last_published = status
        .entities
        .iter()
        .filter_map(|e| e.last_published_at)
        .max();
    let (line, detail) = if !status.initialized {
        (lang.text(Text::NotRunYet).to_string(), None)
    } else if status.entities.is_empty() {
        (lang.text(Text::NoFilesYet).to_string(), None)
    } else {
        let since = last_published.and_then(|t| page.now.duration_since(t).ok());
        let detail =
            last_published.map(|t| lang.format(Text::LastPublished, &[("when", &when(lang, t))]));
        (lang.status_line(health, since), detail)
    };
    let _ = write!(
        out,
        "<section class=\"card banner {class}\" role=\"status\"><div class=\"symbol\" aria-hidden=\"true\"><span>{}</span></div><div><p class=\"state\">{}</p>",
        health_symbol(health),
        escape(&line)
    );
    if let Some(detail) = detail {
        let _ = write!(out, "<p class=\"muted\">{}</p>", escape(&detail));
    }
    out.push_str("</div></section>\n");
}

/// The shape drawn for a state (with its sentence beside it).
fn health_symbol(health: Health) -> &'static str {
    match health {
        Health::Published => "✓",
        Health::Working => "↻",
        Health::Attention => "!",
        Health::Error => "✕",
        Health::Paused => "❚❚",
    }
}

/// A local date and time for people, in `lang`.
fn when(lang: Lang, at: SystemTime) -> String {
    use chrono::{Datelike, Timelike};
    let t: chrono::DateTime<chrono::Local> = at.into();
    lang.date_time(t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// `text` with `& < > " '` replaced by character references: safe in element content and
/// in quoted attribute values.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out.into()
}

/// An untrusted value (a cell, a file name, an error) ready for the page: control characters
/// shown escaped, then HTML-escaped.
pub fn cell(text: &str) -> String {
    escape(&super::printable(text)).into_owned()
}

/// A `file://` URL of `path` (absolute), percent-encoding all but unreserved characters.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// `url` when it is a web link, else `None` (no `javascript:` or other schemes).
fn web_link(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

#[cfg(test)]
mod tests;

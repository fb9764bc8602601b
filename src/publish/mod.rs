//! Publishing: the [`Destination`] trait and its implementations. The agent knows only the
//! trait; each destination turns one accepted snapshot into its own kind of output.
//!
//! A destination must make a publish *replace* what it published before for the entity, as
//! one step a reader never sees half done, and must be safe to repeat: the agent's outbox
//! may retry an item whose earlier attempt succeeded but was not recorded (a crash between
//! the two), and the result must be the same as one publish.

mod google;
mod local;

/// `sheetdrop auth login|status|logout`: the Google identity.
pub use google::account as google_auth;
/// `sheetdrop doctor`: the Google destination looked at, read-only.
pub use google::probe as google_probe;
pub use google::GoogleDestination;
pub use local::{LocalDestination, Manifest, ManifestEntry};

use crate::i18n::{Message, Text};
use crate::table::Options;
use std::path::{Path, PathBuf};

/// One accepted snapshot to publish.
#[derive(Debug, Clone)]
pub struct PublishItem {
    /// The entity (the output's name: file, tab).
    pub entity: String,
    /// The spooled copy of the source file.
    pub path: PathBuf,
    /// How to read it (what configuration forces; the rest is detected as validate did).
    pub options: Options,
    /// The 1-based data rows to leave out (rows with errors), ascending.
    pub left_out: Vec<u64>,
    /// SHA-256 of the source file.
    pub sha256: String,
    /// The client's file name.
    pub source_name: String,
    /// `accepted` or `partial`.
    pub verdict: String,
    /// Data rows in the source.
    pub rows: u64,
    /// Rows to publish.
    pub rows_accepted: u64,
    /// The row-level delta against the entity's last accepted snapshot; `None` the first
    /// time (no earlier snapshot to compare with).
    pub delta: Option<crate::validate::DeltaCounts>,
}

/// What a successful publish did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// Where it went (a path, a URL), for logs and the status.
    pub location: String,
    /// True when the destination already held exactly this snapshot and wrote nothing.
    pub already_there: bool,
}

/// Whether retrying a failed publish can help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Transient (disk full, network, quota): retry later with backoff.
    Retry,
    /// Transient, and the destination itself could not be reached (no connection, after the
    /// retries): the other publishes due now would fail the same way, so the agent lets them
    /// wait with this one instead of spending the same retries on each.
    Unreachable,
    /// Retrying the same snapshot cannot succeed (its spool copy is gone, it does not fit).
    Permanent,
}

/// A failed publish, classified once, where it happened. Its `Display` is English (the
/// log); the agent records `message` in its configured language as the entity's last error.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    /// Retry or not.
    pub kind: ErrorKind,
    /// What failed, naming the file or request (Google's own words kept as they came).
    pub message: Message,
}

impl Error {
    /// A transient failure.
    pub fn retry(message: impl Into<Message>) -> Error {
        Error {
            kind: ErrorKind::Retry,
            message: message.into(),
        }
    }

    /// A transient failure to reach the destination at all ([`ErrorKind::Unreachable`]).
    pub fn unreachable(message: impl Into<Message>) -> Error {
        Error {
            kind: ErrorKind::Unreachable,
            message: message.into(),
        }
    }

    /// A failure that retrying cannot fix.
    pub fn permanent(message: impl Into<Message>) -> Error {
        Error {
            kind: ErrorKind::Permanent,
            message: message.into(),
        }
    }
}

/// "`key` {path}: {error}" for a local file ("write /out/ventas.csv: the disk is full").
fn io_message(key: Text, path: &Path, error: &std::io::Error) -> Message {
    Message::new(key)
        .with("path", path.display())
        .with_io("error", error)
}

/// Reading the spool copy `path` failed with `error`: the message, and whether the failure
/// is permanent. A record past the size limit (lowered since the check) cannot be read on a
/// retry either; anything else may pass on a retry.
fn spool_read_error(path: &Path, error: &std::io::Error) -> (Message, bool) {
    let permanent = crate::table::Oversize::of(error).is_some();
    (io_message(Text::SnapshotRead, path, error), permanent)
}

/// The spool copy of `item` gave `rows` rows, not the `rows_accepted` it was checked with:
/// it changed since it was checked (a destination says so rather than publish it).
fn spool_changed(item: &PublishItem, rows: u64) -> Message {
    Message::new(Text::PublishSpoolChanged)
        .with("entity", &item.entity)
        .with_number("rows", rows)
        .with_number("accepted", item.rows_accepted)
        .with("path", item.path.display())
}

/// Somewhere accepted snapshots are published.
pub trait Destination: Send {
    /// Short name recorded in the outbox (`local`, `google`).
    fn name(&self) -> &'static str;

    /// Where it publishes ("folder /srv/outbox"): rendered in the user's language for
    /// people (the report, the tray), English in the log (its `Display`).
    fn describe(&self) -> Message;

    /// Publishes `item`, replacing the entity's previous output.
    fn publish(&mut self, item: &PublishItem) -> Result<Published, Error>;
}

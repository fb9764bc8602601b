//! What the agent records of a file: a spooled file of the batch ([`Spooled`]), and the
//! snapshot of a file refused without rows ([`record_rejected`]: one not read at all, or
//! quarantined). Taking files in (`intake.rs`) and the quarantine (`quarantine.rs`) both use
//! them, and neither uses the other for them.

use crate::state::{self, Snapshot};
use crate::validate;
use std::path::PathBuf;
use std::time::SystemTime;

/// A file of the batch, spooled.
pub(super) struct Spooled {
    pub(super) entity: String,
    pub(super) inner: crate::snapshot::Spooled,
    /// The rows its entity's last accepted snapshot published (the shrink guard's
    /// `previous`), `None` when it has none.
    pub(super) previous_rows: Option<u64>,
    /// The spool copy of that snapshot, whose row file the delta is worked out against.
    pub(super) previous_spool: Option<PathBuf>,
}

/// Records the snapshot `report` (rejected, of its entity's file `report.file`) says,
/// received `now`: no rows, the copy at `spool_path` (empty when the file was never read)
/// with its `sha256` and `size`.
pub(super) fn record_rejected(
    state: &mut state::State,
    report: &validate::EntityReport,
    spool_path: PathBuf,
    sha256: &str,
    size: u64,
    now: SystemTime,
) -> Result<i64, state::Error> {
    state.record_snapshot(&Snapshot {
        entity: report.entity.clone(),
        source_name: report.file.clone().unwrap_or_default(),
        spool_path,
        sha256: sha256.to_string(),
        size,
        rows: 0,
        rows_accepted: 0,
        verdict: report.verdict.as_str().to_string(),
        report_json: serde_json::to_string(report).unwrap_or_default(),
        left_out_rows: Vec::new(),
        received_at: now,
    })
}

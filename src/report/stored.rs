//! An entity's report as the state store keeps it (the JSON of CONTRACT.md §2), read back
//! for the status and the HTML report. Every field is optional or defaulted, and codes and
//! verdicts stay text, so a report written by an older or newer sheetdrop still reads.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One entity's stored validate report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredReport {
    /// The client's file name.
    pub file: Option<String>,
    /// The encoding it was read with.
    pub encoding: Option<String>,
    /// The delimiter it was read with.
    pub delimiter: Option<String>,
    /// Data records.
    pub rows: u64,
    /// Records that can be published.
    pub rows_accepted: u64,
    /// The verdict validate gave (`accepted`, `partial`, ...).
    pub verdict: Option<String>,
    /// The header's column names.
    pub columns: Vec<String>,
    /// How many issues of each code (all of them, listed or not).
    pub counts: BTreeMap<String, u64>,
    /// The issues listed (at most 1000 per code).
    pub issues: Vec<StoredIssue>,
}

/// One stored issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredIssue {
    /// The issue code, e.g. `duplicate-id`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// The 1-based data record.
    pub row: Option<u64>,
    /// The physical line the record starts on.
    pub line: Option<u64>,
    /// The column concerned.
    pub column: Option<String>,
    /// The offending cell's text.
    pub value: Option<String>,
    /// For `duplicate-id`: the row where the ID was first used.
    pub first_row: Option<u64>,
    /// validate's own message (English).
    pub message: String,
}

impl StoredReport {
    /// Reads a stored report; `None` when the text is not a report's JSON.
    pub fn parse(json: &str) -> Option<StoredReport> {
        serde_json::from_str(json).ok()
    }

    /// True when an issue listed or counted is a warning.
    pub fn has_warnings(&self) -> bool {
        self.issues.iter().any(|i| i.severity == "warning")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_agent_stores() {
        let mut report = crate::validate::EntityReport::missing("ventas");
        report.file = Some("ventas.csv".into());
        report.rows = 3;
        report.issues.push(crate::validate::Issue {
            code: crate::validate::Code::DuplicateId,
            severity: crate::validate::Severity::Error,
            row: Some(3),
            line: Some(4),
            column: Some("ID".into()),
            value: Some("7".into()),
            first_row: Some(1),
            message: "ID 7 already used on row 1".into(),
        });
        report.counts.insert(crate::validate::Code::DuplicateId, 1);
        let stored = StoredReport::parse(&serde_json::to_string(&report).unwrap()).unwrap();
        assert_eq!(stored.file.as_deref(), Some("ventas.csv"));
        assert_eq!(stored.verdict.as_deref(), Some("missing"));
        assert_eq!(stored.counts["duplicate-id"], 1);
        assert_eq!(stored.issues[0].first_row, Some(1));
        assert_eq!(stored.issues[0].code, "duplicate-id");
        assert!(!stored.has_warnings());
        assert_eq!(
            StoredReport::parse(r#"{"counts":{"shrink":1}}"#)
                .unwrap()
                .rows,
            0
        );
        assert!(StoredReport::parse("not json").is_none());
    }
}

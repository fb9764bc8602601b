//! An entity's report as the state store keeps it (the JSON of docs/contract.md §2), read back
//! for the status and the HTML report. Every field is optional or defaulted, and codes and
//! verdicts stay text, so a report written by an older or newer sheetdrop still reads.

use super::{Facts, Issue, Severity};
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
    /// The row-level delta against the last accepted snapshot; absent the first time, in
    /// reports of `validate`, and in those stored by a sheetdrop older than deltas.
    pub delta: Option<super::Delta>,
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
    /// The specifics its detail is made of; all absent in a report stored by a sheetdrop
    /// older than them.
    #[serde(flatten)]
    pub facts: Facts,
    /// validate's own message (English).
    pub message: String,
}

/// An issue of a report just made, as the store would give it back (how the text report
/// shares the HTML report's detail sentences).
impl From<&Issue> for StoredIssue {
    fn from(issue: &Issue) -> StoredIssue {
        StoredIssue {
            code: issue.code.as_str().to_string(),
            severity: match issue.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .to_string(),
            row: issue.row,
            line: issue.line,
            column: issue.column.clone(),
            value: issue.value.clone(),
            first_row: issue.first_row,
            facts: issue.facts.clone(),
            message: issue.message.clone(),
        }
    }
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
            facts: Default::default(),
            message: "ID 7 already used on row 1".into(),
        });
        report.counts.insert(crate::validate::Code::DuplicateId, 1);
        report.issues.push(crate::validate::Issue {
            code: crate::validate::Code::RaggedRow,
            row: Some(2),
            first_row: None,
            facts: Facts {
                fields: Some(3),
                expected_fields: Some(2),
                ..Facts::default()
            },
            message: "the row has 3 fields but the header has 2".into(),
            ..report.issues[0].clone()
        });
        let stored = StoredReport::parse(&serde_json::to_string(&report).unwrap()).unwrap();
        // The store gives back every key, the facts too: what `From<&Issue>` makes.
        for (stored, made) in stored.issues.iter().zip(&report.issues) {
            assert_eq!(stored, &StoredIssue::from(made));
        }
        assert_eq!(stored.issues[1].facts.fields, Some(3));
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

//! `sheetdrop approve`: releases an entity's held snapshot (the shrink guard's or the column
//! check's hold) for publishing, and says so in its stored report.

use super::Error;
use crate::state::{Outcome, State, Trigger};
use crate::validate;
use std::time::SystemTime;

/// What `sheetdrop approve` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approved {
    /// The held snapshot is released with this verdict and queued for publishing.
    Released {
        /// The snapshot's file name.
        file: String,
        /// Rows it publishes.
        rows: u64,
        /// `accepted` or `partial`.
        verdict: String,
    },
    /// The entity has no held snapshot (newer than its last accepted one).
    NothingHeld,
}

/// Releases `entity`'s held snapshot: it becomes `accepted` (or `partial` when rows are left
/// out) and is queued for `destination`; a running agent publishes it within a second, else
/// the next `sheetdrop run` does. `now` is when (the queue's and the run's time).
pub fn approve(
    state: &mut State,
    entity: &str,
    destination: &str,
    now: SystemTime,
) -> Result<Approved, Error> {
    let Some(held) = state.held(entity)? else {
        return Ok(Approved::NothingHeld);
    };
    let verdict = if held.snapshot.left_out_rows.is_empty() {
        "accepted"
    } else {
        "partial"
    };
    let report = approved_report(&held.snapshot.report_json, verdict);
    state.set_verdict_and_report(held.id, verdict, Some(&report))?;
    state.enqueue(entity, held.id, destination, now)?;
    let run = state.start_run(Trigger::Approve, now)?;
    let outcome = Outcome::Approved {
        entity: entity.to_string(),
        file: held.snapshot.source_name.clone(),
        rows: held.snapshot.rows_accepted,
    };
    state.finish_run(run, &outcome, now)?;
    Ok(Approved::Released {
        file: held.snapshot.source_name,
        rows: held.snapshot.rows_accepted,
        verdict: verdict.to_string(),
    })
}

/// The stored report `report_json` of a held snapshot once approved: its new `verdict`, and
/// each hold it had (`shrink`, `columns-changed` errors) a warning marked `approved`. Every
/// other key is kept as it was; a report that is not a JSON object is left as it is.
fn approved_report(report_json: &str, verdict: &str) -> String {
    let Ok(serde_json::Value::Object(mut report)) = serde_json::from_str(report_json) else {
        return report_json.to_string();
    };
    report.insert("verdict".into(), verdict.into());
    let holds = [validate::Code::Shrink, validate::Code::ColumnsChanged].map(|c| c.as_str());
    if let Some(serde_json::Value::Array(issues)) = report.get_mut("issues") {
        for issue in issues.iter_mut().filter_map(|i| i.as_object_mut()) {
            let hold = issue
                .get("code")
                .and_then(|c| c.as_str())
                .is_some_and(|c| holds.contains(&c))
                && issue.get("severity").and_then(|s| s.as_str()) == Some("error");
            if hold {
                issue.insert("severity".into(), "warning".into());
                issue.insert("approved".into(), true.into());
            }
        }
    }
    serde_json::Value::Object(report).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approved_report_turns_its_holds_into_approved_warnings_and_keeps_the_rest() {
        let held = r#"{"entity":"clientes","verdict":"held","rows":3,"x":[1],"issues":[
            {"code":"shrink","severity":"error","rows_accepted":3},
            {"code":"columns-changed","severity":"warning"},
            {"code":"duplicate-id","severity":"error","row":2}]}"#;
        let approved: serde_json::Value =
            serde_json::from_str(&approved_report(held, "partial")).unwrap();
        assert_eq!(approved["verdict"], "partial");
        assert_eq!(
            (approved["rows"].clone(), approved["x"].clone()),
            (3.into(), serde_json::json!([1]))
        );
        let issues = approved["issues"].as_array().unwrap();
        assert_eq!(issues[0]["severity"], "warning");
        assert_eq!(issues[0]["approved"], true);
        assert_eq!(issues[0]["rows_accepted"], 3);
        assert!(
            issues[1].get("approved").is_none(),
            "not a hold: {issues:?}"
        );
        assert_eq!(issues[2]["severity"], "error");
        assert!(issues[2].get("approved").is_none());
        assert_eq!(approved_report("not json", "accepted"), "not json");
    }
}

//! The reference of the column check: the header of an entity's last accepted snapshot, which
//! `validate::columns::apply` compares a new snapshot's header with. It is read from that
//! snapshot's stored report (its `columns`, through [`super::LastAccepted::columns`]), so it
//! costs no file read, and works whatever the file's format. After `sheetdrop approve`
//! releases a held snapshot, that snapshot is the last accepted one: its columns become the
//! reference.

/// The `columns` of a stored report's JSON, when it lists them all.
pub(super) fn stored_columns(report_json: &str) -> Option<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Stored {
        columns: Option<Vec<String>>,
        columns_not_stored: Option<serde_json::Value>,
    }
    let stored: Stored = serde_json::from_str(report_json).ok()?;
    if stored.columns_not_stored.is_some() {
        return None;
    }
    stored.columns.filter(|c| !c.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_read_from_a_whole_stored_report_only() {
        assert_eq!(
            stored_columns(r#"{"entity":"x","columns":["ID","NOMBRE"],"rows":3}"#),
            Some(vec!["ID".to_string(), "NOMBRE".to_string()])
        );
        assert_eq!(
            stored_columns(r#"{"columns":["ID"],"columns_not_stored":40}"#),
            None
        );
        assert_eq!(stored_columns(r#"{"columns":[]}"#), None);
        assert_eq!(stored_columns(r#"{"rows":3}"#), None);
        assert_eq!(stored_columns("{}"), None);
        assert_eq!(stored_columns("not json"), None);
    }
}

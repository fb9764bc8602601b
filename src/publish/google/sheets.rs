//! Sheets: the spreadsheet (looked for before created), its tabs, atomic `batchUpdate`s,
//! value writes (`RAW`, strings only: a formula-looking cell stays text) and reads. Every call
//! goes through the pacer; ranges are quoted and percent-encoded here.

use super::client::{send, Client};
use super::drive::q_literal;
use super::layout::{encode_path_segment, MANIFEST_HEADER, MANIFEST_TAB};
use super::retry::{step, Failure};
use crate::i18n::{Message, Text};
use google_sheets4::api::{
    AddSheetRequest, BatchUpdateSpreadsheetRequest, CellData, DeleteSheetRequest, ExtendedValue,
    GridProperties, GridRange, Request, RowData, Scope, Sheet, SheetProperties, Spreadsheet,
    SpreadsheetProperties, UpdateCellsRequest, UpdateSheetPropertiesRequest, ValueRange,
};
use google_sheets4::FieldMask;

/// Drive's spreadsheet type.
pub(super) const SPREADSHEET_MIME: &str = "application/vnd.google-apps.spreadsheet";

/// A tab of the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tab {
    /// Its sheet id.
    pub id: i32,
    /// Its title.
    pub title: String,
    /// Its position.
    pub index: i32,
    /// Grid rows.
    pub rows: u64,
    /// Grid columns.
    pub columns: u64,
}

impl Tab {
    /// The cells its grid takes.
    pub(super) fn cells(&self) -> u64 {
        self.rows * self.columns
    }
}

/// An `addSheet` request for a tab sized `rows` x `columns`.
pub(super) fn add_sheet(title: &str, rows: u64, columns: usize, index: Option<i32>) -> Request {
    Request {
        add_sheet: Some(AddSheetRequest {
            properties: Some(sheet_properties(title, rows, columns, index)),
        }),
        ..Request::default()
    }
}

/// An `updateCells` request writing `rows` as text (`stringValue`: a formula-looking cell
/// stays text) into rows `0..height` and columns `0..width` of tab `id`; the cells of that
/// range `rows` do not cover are cleared.
pub(super) fn write_cells(id: i32, height: u64, width: usize, rows: &[Vec<String>]) -> Request {
    let text = |s: &String| CellData {
        user_entered_value: Some(ExtendedValue {
            string_value: Some(s.clone()),
            ..ExtendedValue::default()
        }),
        ..CellData::default()
    };
    Request {
        update_cells: Some(UpdateCellsRequest {
            fields: Some(FieldMask::new(&["userEnteredValue"])),
            range: Some(GridRange {
                sheet_id: Some(id),
                start_row_index: Some(0),
                end_row_index: Some(height.clamp(1, i32::MAX as u64) as i32),
                start_column_index: Some(0),
                end_column_index: Some(width.clamp(1, i32::MAX as usize) as i32),
            }),
            rows: Some(
                rows.iter()
                    .map(|r| RowData {
                        values: Some(r.iter().map(text).collect()),
                    })
                    .collect(),
            ),
            start: None,
        }),
        ..Request::default()
    }
}

/// An `addSheet` request for a tab with the given sheet id (so that later requests of the
/// same batch can name it).
pub(super) fn add_sheet_with_id(
    id: i32,
    title: &str,
    rows: u64,
    columns: usize,
    index: Option<i32>,
) -> Request {
    let mut properties = sheet_properties(title, rows, columns, index);
    properties.sheet_id = Some(id);
    Request {
        add_sheet: Some(AddSheetRequest {
            properties: Some(properties),
        }),
        ..Request::default()
    }
}

/// A `deleteSheet` request.
pub(super) fn delete_sheet(id: i32) -> Request {
    Request {
        delete_sheet: Some(DeleteSheetRequest { sheet_id: Some(id) }),
        ..Request::default()
    }
}

/// An `updateSheetProperties` request renaming (and moving) a tab.
pub(super) fn rename_sheet(id: i32, title: &str, index: Option<i32>) -> Request {
    let mut fields = vec!["title"];
    if index.is_some() {
        fields.push("index");
    }
    Request {
        update_sheet_properties: Some(UpdateSheetPropertiesRequest {
            fields: Some(FieldMask::new(&fields)),
            properties: Some(SheetProperties {
                sheet_id: Some(id),
                title: Some(title.to_string()),
                index,
                ..SheetProperties::default()
            }),
        }),
        ..Request::default()
    }
}

/// An `updateSheetProperties` request growing a tab's grid to `rows` x `columns`.
pub(super) fn resize_sheet(id: i32, rows: u64, columns: usize) -> Request {
    Request {
        update_sheet_properties: Some(UpdateSheetPropertiesRequest {
            fields: Some(FieldMask::new(&[
                "gridProperties.rowCount",
                "gridProperties.columnCount",
            ])),
            properties: Some(SheetProperties {
                sheet_id: Some(id),
                grid_properties: Some(grid(rows, columns)),
                ..SheetProperties::default()
            }),
        }),
        ..Request::default()
    }
}

fn sheet_properties(title: &str, rows: u64, columns: usize, index: Option<i32>) -> SheetProperties {
    SheetProperties {
        title: Some(title.to_string()),
        index,
        grid_properties: Some(grid(rows, columns)),
        ..SheetProperties::default()
    }
}

fn grid(rows: u64, columns: usize) -> GridProperties {
    GridProperties {
        row_count: Some(rows.clamp(1, i32::MAX as u64) as i32),
        column_count: Some(columns.clamp(1, i32::MAX as usize) as i32),
        ..GridProperties::default()
    }
}

impl Client {
    /// The spreadsheet titled `title` this identity created before, else a new one (with an
    /// empty `_manifest` tab). Returns its id and whether it was created.
    pub(super) async fn ensure_spreadsheet(&self, title: &str) -> Result<(String, bool), Failure> {
        let q = format!(
            "name = {} and mimeType = {} and trashed = false",
            q_literal(title),
            q_literal(SPREADSHEET_MIME)
        );
        let what = Message::new(Text::GoogleCreateSpreadsheet).with("title", title);
        self.pacer
            .call(&what, || async {
                if let Some(found) = self.list(&q).await?.into_iter().next() {
                    return Ok((found.id, false));
                }
                let request = Spreadsheet {
                    properties: Some(SpreadsheetProperties {
                        title: Some(title.to_string()),
                        ..SpreadsheetProperties::default()
                    }),
                    sheets: Some(vec![Sheet {
                        properties: Some(sheet_properties(
                            MANIFEST_TAB,
                            1,
                            MANIFEST_HEADER.len(),
                            Some(0),
                        )),
                        ..Sheet::default()
                    }]),
                    ..Spreadsheet::default()
                };
                let created = send!(self, what, write = true, |dlg| self
                    .sheets
                    .spreadsheets()
                    .create(request)
                    .add_scope(Scope::DriveFile)
                    .delegate(dlg)
                    .doit())?;
                created
                    .spreadsheet_id
                    .map(|id| (id, true))
                    .ok_or_else(|| Failure::permanent(step(&what, Message::new(Text::GoogleNoId))))
            })
            .await
    }

    /// The spreadsheet's tabs.
    pub(super) async fn tabs(&self, spreadsheet: &str) -> Result<Vec<Tab>, Failure> {
        let what = Message::new(Text::GoogleReadTabs).with("id", spreadsheet);
        let got = self
            .pacer
            .call(&what, || async {
                send!(self, what, write = false, |dlg| self
                    .sheets
                    .spreadsheets()
                    .get(spreadsheet)
                    .param("fields", "sheets.properties")
                    .add_scope(Scope::DriveFile)
                    .delegate(dlg)
                    .doit())
            })
            .await?;
        Ok(got
            .sheets
            .unwrap_or_default()
            .into_iter()
            .filter_map(|s| {
                let p = s.properties?;
                let g = p.grid_properties.unwrap_or_default();
                Some(Tab {
                    id: p.sheet_id.unwrap_or(0),
                    title: p.title?,
                    index: p.index.unwrap_or(0),
                    rows: g.row_count.unwrap_or(0).max(0) as u64,
                    columns: g.column_count.unwrap_or(0).max(0) as u64,
                })
            })
            .collect())
    }

    /// Applies `requests` as one `batchUpdate` (all or nothing). Not retried blindly: the
    /// callers' steps look at the tabs again before repeating one.
    /// Returns the sheet id of the last tab an `addSheet` added, if any.
    pub(super) async fn batch_update(
        &self,
        spreadsheet: &str,
        requests: Vec<Request>,
    ) -> Result<Option<i32>, Failure> {
        let what = Message::new(Text::GoogleUpdateTabs).with("id", spreadsheet);
        let request = BatchUpdateSpreadsheetRequest {
            requests: Some(requests),
            ..BatchUpdateSpreadsheetRequest::default()
        };
        send!(self, what, write = true, |dlg| self
            .sheets
            .spreadsheets()
            .batch_update(request, spreadsheet)
            .add_scope(Scope::DriveFile)
            .delegate(dlg)
            .doit())
        .map(|answer| {
            answer
                .replies
                .unwrap_or_default()
                .into_iter()
                .filter_map(|r| r.add_sheet?.properties?.sheet_id)
                .next_back()
        })
    }

    /// Writes `rows` at `range` (A1, unencoded) with `valueInputOption = RAW`. Idempotent.
    pub(super) async fn write_values(
        &self,
        spreadsheet: &str,
        range: &str,
        rows: Vec<Vec<serde_json::Value>>,
    ) -> Result<(), Failure> {
        let what = Message::new(Text::GoogleWriteRange).with("range", range);
        let encoded = encode_path_segment(range);
        let body = ValueRange {
            major_dimension: Some("ROWS".into()),
            range: Some(range.to_string()),
            values: Some(rows),
        };
        self.pacer
            .call(&what, || async {
                send!(self, what, write = true, |dlg| self
                    .sheets
                    .spreadsheets()
                    .values_update(body.clone(), spreadsheet, &encoded)
                    .value_input_option("RAW")
                    .add_scope(Scope::DriveFile)
                    .delegate(dlg)
                    .doit())
            })
            .await
            .map(|_| ())
    }

    /// Reads the values at `range` (A1, unencoded) as text.
    pub(super) async fn read_values(
        &self,
        spreadsheet: &str,
        range: &str,
    ) -> Result<Vec<Vec<String>>, Failure> {
        let what = Message::new(Text::GoogleReadRange).with("range", range);
        let encoded = encode_path_segment(range);
        let got = self
            .pacer
            .call(&what, || async {
                send!(self, what, write = false, |dlg| self
                    .sheets
                    .spreadsheets()
                    .values_get(spreadsheet, &encoded)
                    .add_scope(Scope::DriveFile)
                    .delegate(dlg)
                    .doit())
            })
            .await?;
        Ok(got
            .values
            .unwrap_or_default()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|v| match v {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect())
    }
}

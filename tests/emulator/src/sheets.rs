//! Sheets v4: spreadsheets create/get, batchUpdate (addSheet, deleteSheet,
//! updateSheetProperties, updateSpreadsheetProperties, appendDimension, updateCells; atomic), values
//! update/get/clear/append and their batch forms, limits and the write quota.

use crate::util::{gerror, gerror_reason, ok_json, parse_json_body, random_id, url_decode, Resp};
use crate::{Ctx, State};
use axum::http::Method;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub(crate) const MAX_CELLS: u64 = 10_000_000;
pub(crate) const MAX_CELL_CHARS: usize = 50_000;
pub(crate) const MAX_BODY: usize = 10 * 1024 * 1024;
pub(crate) const FORMULA_PREFIX: &str = "FORMULA:";

pub(crate) type Grid = Vec<Vec<String>>;

#[derive(Clone, Debug)]
pub(crate) struct SheetProps {
    pub(crate) sheet_id: i64,
    pub(crate) title: String,
    pub(crate) rows: u64,
    pub(crate) cols: u64,
    pub(crate) frozen_rows: u64,
    pub(crate) frozen_cols: u64,
    pub(crate) hidden: bool,
}

pub(crate) struct Spreadsheet {
    pub(crate) id: String,
    pub(crate) title: String,
    /// In tab order (the index is the position).
    pub(crate) sheets: Vec<SheetProps>,
    pub(crate) grids: HashMap<i64, Grid>,
}

impl Spreadsheet {
    fn total_cells(sheets: &[SheetProps]) -> u64 {
        sheets.iter().map(|s| s.rows * s.cols).sum()
    }
}

/// Trailing empty rows and cells trimmed.
pub(crate) fn trimmed(grid: Option<&Grid>) -> Vec<Vec<String>> {
    let Some(grid) = grid else { return Vec::new() };
    let mut out: Vec<Vec<String>> = grid
        .iter()
        .map(|row| {
            let n = row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            row[..n].to_vec()
        })
        .collect();
    while out.last().is_some_and(|r| r.is_empty()) {
        out.pop();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Routing

pub(crate) fn route(st: &mut State, ctx: &Ctx) -> Resp {
    let rest = &ctx.path["/v4/spreadsheets".len()..];
    let m = &ctx.method;
    if ctx.body.len() > MAX_BODY {
        return gerror(
            400,
            format!("Request payload size exceeds the limit: {MAX_BODY} bytes."),
        );
    }
    if rest.is_empty() || rest == "/" {
        if *m == Method::POST {
            if let Err(r) = take_write(st) {
                return r;
            }
            return create(st, ctx);
        }
        return gerror(404, "Method not found.");
    }
    let Some(rest) = rest.strip_prefix('/') else {
        return gerror(404, "Method not found.");
    };
    // {id}, {id}:batchUpdate, {id}/values/{range}[:clear|:append], {id}/values:batchX
    let id_end = rest.find([':', '/']).unwrap_or(rest.len());
    let id = url_decode(&rest[..id_end], false);
    let tail = &rest[id_end..];
    let Some(si) = st.spreadsheets.iter().position(|s| s.id == id) else {
        return gerror(404, "Requested entity was not found.");
    };
    let is_write = *m != Method::GET;
    if is_write {
        if let Err(r) = take_write(st) {
            return r;
        }
    }
    match (m.clone(), tail) {
        (Method::GET, "") => ok_json(&spreadsheet_json(st, si)),
        (Method::POST, ":batchUpdate") => batch_update(st, si, ctx),
        (Method::POST, "/values:batchUpdate") => values_batch_update(st, si, ctx),
        (Method::GET, "/values:batchGet") => values_batch_get(st, si, ctx),
        (Method::POST, "/values:batchClear") => values_batch_clear(st, si, ctx),
        (m, t) if t.starts_with("/values/") => {
            let raw = &t["/values/".len()..];
            if m == Method::POST && raw.ends_with(":clear") {
                let range = url_decode(&raw[..raw.len() - ":clear".len()], false);
                values_clear(st, si, &range)
            } else if m == Method::POST && raw.ends_with(":append") {
                let range = url_decode(&raw[..raw.len() - ":append".len()], false);
                values_append(st, si, &range, ctx)
            } else if m == Method::PUT {
                values_update(st, si, &url_decode(raw, false), ctx)
            } else if m == Method::GET {
                values_get(st, si, &url_decode(raw, false))
            } else {
                gerror(404, "Method not found.")
            }
        }
        _ => gerror(404, "Method not found."),
    }
}

/// Counts a write against the per-minute quota, or answers 429.
fn take_write(st: &mut State) -> Result<(), Resp> {
    let now = Instant::now();
    while st
        .write_times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60))
    {
        st.write_times.pop_front();
    }
    if st.write_times.len() as u64 >= st.write_quota as u64 {
        return Err(gerror_reason(
            429,
            "rateLimitExceeded",
            format!(
                "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:100000000001'. (limit {} per minute)",
                st.write_quota
            ),
        ));
    }
    st.write_times.push_back(now);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets

fn props_json(p: &SheetProps, index: usize) -> Value {
    let mut grid = json!({ "rowCount": p.rows, "columnCount": p.cols });
    if p.frozen_rows > 0 {
        grid["frozenRowCount"] = json!(p.frozen_rows);
    }
    if p.frozen_cols > 0 {
        grid["frozenColumnCount"] = json!(p.frozen_cols);
    }
    let mut v = json!({
        "sheetId": p.sheet_id,
        "title": p.title,
        "index": index,
        "sheetType": "GRID",
        "gridProperties": grid,
    });
    if p.hidden {
        v["hidden"] = json!(true);
    }
    v
}

fn spreadsheet_json(st: &State, si: usize) -> Value {
    let ss = &st.spreadsheets[si];
    json!({
        "spreadsheetId": ss.id,
        "properties": {
            "title": ss.title,
            "locale": "en_US",
            "autoRecalc": "ON_CHANGE",
            "timeZone": "Etc/GMT",
        },
        "sheets": ss.sheets.iter().enumerate()
            .map(|(i, p)| json!({ "properties": props_json(p, i) }))
            .collect::<Vec<_>>(),
        "spreadsheetUrl": format!("{}/spreadsheets/d/{}/edit", st.base_url, ss.id),
    })
}

fn title_taken(sheets: &[SheetProps], title: &str, except: Option<i64>) -> bool {
    let lower = title.to_lowercase();
    sheets
        .iter()
        .any(|s| Some(s.sheet_id) != except && s.title.to_lowercase() == lower)
}

fn new_sheet_id(sheets: &[SheetProps]) -> i64 {
    loop {
        let id = fastrand::i64(1..2_000_000_000);
        if sheets.iter().all(|s| s.sheet_id != id) {
            return id;
        }
    }
}

fn as_u64(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn as_i64(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// Validates and applies an addSheet to `sheets`; returns the reply's properties.
fn add_sheet(sheets: &mut Vec<SheetProps>, props: &Value) -> Result<Value, String> {
    let sheet_id = match props.get("sheetId").and_then(as_i64) {
        Some(id) if id < 0 => return Err(format!("Invalid sheetId: {id}")),
        Some(id) if sheets.iter().any(|s| s.sheet_id == id) => {
            return Err(format!(
                "A sheet with the id {id} already exists. Please enter another id."
            ))
        }
        Some(id) => id,
        None if sheets.is_empty() => 0,
        None => new_sheet_id(sheets),
    };
    let title = match props.get("title").and_then(Value::as_str) {
        Some(t) => t.to_string(),
        None => (1..)
            .map(|n| format!("Sheet{n}"))
            .find(|t| !title_taken(sheets, t, None))
            .expect("a free title"),
    };
    if title.trim().is_empty() {
        return Err("The sheet name cannot be empty.".into());
    }
    if title.chars().count() > 100 {
        return Err(format!(
            "The sheet name '{title}' is too long (max 100 characters)."
        ));
    }
    if title_taken(sheets, &title, None) {
        return Err(format!(
            "A sheet with the name \"{title}\" already exists. Please enter another name."
        ));
    }
    let grid = props.get("gridProperties").cloned().unwrap_or(json!({}));
    let rows = grid.get("rowCount").and_then(as_u64).unwrap_or(1000);
    let cols = grid.get("columnCount").and_then(as_u64).unwrap_or(26);
    if rows == 0 || cols == 0 {
        return Err("The grid must have at least one row and one column.".into());
    }
    if cols > 18_278 {
        return Err(format!(
            "Invalid columnCount {cols}: at most 18278 columns."
        ));
    }
    let p = SheetProps {
        sheet_id,
        title,
        rows,
        cols,
        frozen_rows: grid.get("frozenRowCount").and_then(as_u64).unwrap_or(0),
        frozen_cols: grid.get("frozenColumnCount").and_then(as_u64).unwrap_or(0),
        hidden: props
            .get("hidden")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    };
    let index = props
        .get("index")
        .and_then(as_u64)
        .map_or(sheets.len(), |i| (i as usize).min(sheets.len()));
    sheets.insert(index, p.clone());
    check_cells(sheets)?;
    Ok(props_json(&p, index))
}

fn check_cells(sheets: &[SheetProps]) -> Result<(), String> {
    let total = Spreadsheet::total_cells(sheets);
    if total > MAX_CELLS {
        return Err(format!(
            "This action would increase the number of cells in the workbook above the limit of {MAX_CELLS} cells."
        ));
    }
    Ok(())
}

fn create(st: &mut State, ctx: &Ctx) -> Resp {
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let title = body
        .pointer("/properties/title")
        .and_then(Value::as_str)
        .unwrap_or("Untitled spreadsheet")
        .to_string();
    let mut sheets = Vec::new();
    let mut grids = HashMap::new();
    match body.get("sheets").and_then(Value::as_array) {
        Some(list) if !list.is_empty() => {
            for (i, s) in list.iter().enumerate() {
                let props = s.get("properties").cloned().unwrap_or(json!({}));
                if let Err(e) = add_sheet(&mut sheets, &props) {
                    return gerror(400, format!("Invalid sheets[{i}]: {e}"));
                }
            }
        }
        _ => {
            add_sheet(&mut sheets, &json!({ "sheetId": 0, "title": "Sheet1" })).expect("default");
        }
    }
    for s in &sheets {
        grids.insert(s.sheet_id, Grid::new());
    }
    let id = random_id(44);
    st.spreadsheets.push(Spreadsheet {
        id: id.clone(),
        title: title.clone(),
        sheets,
        grids,
    });
    crate::drive::register_spreadsheet(st, &id, &title);
    ok_json(&spreadsheet_json(st, st.spreadsheets.len() - 1))
}

/// The Sheets side of a spreadsheet created through Drive (one default tab).
pub(crate) fn new_spreadsheet(st: &mut State, id: &str, title: &str) {
    let mut sheets = Vec::new();
    add_sheet(&mut sheets, &json!({ "sheetId": 0, "title": "Sheet1" })).expect("default");
    let mut grids = HashMap::new();
    grids.insert(0, Grid::new());
    st.spreadsheets.push(Spreadsheet {
        id: id.to_string(),
        title: title.to_string(),
        sheets,
        grids,
    });
}

fn batch_update(st: &mut State, si: usize, ctx: &Ctx) -> Resp {
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let requests = body
        .get("requests")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if requests.is_empty() {
        return gerror(400, "Must specify at least one request.");
    }
    let ss = &st.spreadsheets[si];
    // Validate and apply on a copy of the structure; grids follow only on success.
    let mut sheets = ss.sheets.clone();
    let mut title = ss.title.clone();
    let mut replies = Vec::new();
    // updateCells writes, applied to the grids on success; sheets deleted in the batch (a
    // sheet re-added under the same id starts empty).
    let mut cell_writes: Vec<CellWrite> = Vec::new();
    let mut deleted: Vec<i64> = Vec::new();
    for (i, req) in requests.iter().enumerate() {
        let Some(obj) = req.as_object() else {
            return gerror(400, format!("Invalid requests[{i}]: not an object."));
        };
        let Some((kind, arg)) = obj.iter().find(|(_, v)| !v.is_null()) else {
            return gerror(400, format!("Invalid requests[{i}]: No request set."));
        };
        let r = match kind.as_str() {
            "addSheet" => {
                let props = arg.get("properties").cloned().unwrap_or(json!({}));
                add_sheet(&mut sheets, &props).map(|p| json!({ "addSheet": { "properties": p } }))
            }
            "deleteSheet" => delete_sheet(&mut sheets, arg).map(|_| {
                let id = arg.get("sheetId").and_then(as_i64).unwrap_or(0);
                cell_writes.retain(|w| w.sheet_id != id);
                deleted.push(id);
                json!({})
            }),
            "updateCells" => update_cells(&sheets, arg).map(|w| {
                cell_writes.extend(w);
                json!({})
            }),
            "updateSheetProperties" => update_sheet_props(&mut sheets, arg).map(|_| json!({})),
            "updateSpreadsheetProperties" => {
                let fields = arg.get("fields").and_then(Value::as_str).unwrap_or("");
                if fields.is_empty() {
                    Err("At least one field must be updated. Use '*' to update all fields.".into())
                } else {
                    if fields == "*" || fields.split(',').any(|f| f.trim() == "title") {
                        if let Some(t) = arg.pointer("/properties/title").and_then(Value::as_str) {
                            title = t.to_string();
                        }
                    }
                    Ok(json!({}))
                }
            }
            "appendDimension" => append_dimension(&mut sheets, arg).map(|_| json!({})),
            other => Err(format!(
                "the emulator does not support the request '{other}'"
            )),
        };
        match r {
            Ok(reply) => replies.push(reply),
            Err(e) => return gerror(400, format!("Invalid requests[{i}].{kind}: {e}")),
        }
    }
    // Commit.
    let ss = &mut st.spreadsheets[si];
    ss.title = title.clone();
    for id in &deleted {
        ss.grids.remove(id);
    }
    ss.grids
        .retain(|id, _| sheets.iter().any(|s| s.sheet_id == *id));
    for w in cell_writes {
        apply_cells(ss.grids.entry(w.sheet_id).or_default(), w);
    }
    for s in &sheets {
        let grid = ss.grids.entry(s.sheet_id).or_default();
        grid.truncate(s.rows as usize);
        for row in grid.iter_mut() {
            row.truncate(s.cols as usize);
        }
    }
    ss.sheets = sheets;
    let id = ss.id.clone();
    if let Some(f) = st.files.iter_mut().find(|f| f.id == id) {
        f.name = title;
    }
    ok_json(&json!({ "spreadsheetId": id, "replies": replies }))
}

fn find_sheet(sheets: &[SheetProps], id: Option<i64>) -> Result<usize, String> {
    let id = id.unwrap_or(0);
    sheets
        .iter()
        .position(|s| s.sheet_id == id)
        .ok_or_else(|| format!("No grid with id: {id}"))
}

fn delete_sheet(sheets: &mut Vec<SheetProps>, arg: &Value) -> Result<(), String> {
    let i = find_sheet(sheets, arg.get("sheetId").and_then(as_i64))?;
    if sheets.len() == 1 {
        return Err("You can't remove all the sheets in a document.".into());
    }
    sheets.remove(i);
    Ok(())
}

fn update_sheet_props(sheets: &mut Vec<SheetProps>, arg: &Value) -> Result<(), String> {
    let props = arg.get("properties").cloned().unwrap_or(json!({}));
    let fields = arg
        .get("fields")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    if fields.is_empty() {
        return Err("At least one field must be updated. Use '*' to update all fields.".into());
    }
    let i = find_sheet(sheets, props.get("sheetId").and_then(as_i64))?;
    let mut p = sheets[i].clone();
    let mut new_index = None;
    let grid = props.get("gridProperties").cloned().unwrap_or(json!({}));
    let all = fields == "*";
    let mut wanted: Vec<&str> = if all {
        vec!["title", "index", "hidden", "gridProperties"]
    } else {
        fields.split(',').map(str::trim).collect()
    };
    wanted.retain(|f| !f.is_empty());
    for f in wanted {
        match f {
            "title" => {
                let t = props.get("title").and_then(Value::as_str).unwrap_or("");
                if all && props.get("title").is_none() {
                    continue;
                }
                if t.trim().is_empty() {
                    return Err("The sheet name cannot be empty.".into());
                }
                if title_taken(sheets, t, Some(p.sheet_id)) {
                    return Err(format!(
                        "A sheet with the name \"{t}\" already exists. Please enter another name."
                    ));
                }
                p.title = t.to_string();
            }
            "index" => {
                if let Some(ix) = props.get("index").and_then(as_u64) {
                    new_index = Some(ix as usize);
                }
            }
            "hidden" => {
                p.hidden = props
                    .get("hidden")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            }
            "gridProperties"
            | "gridProperties.rowCount"
            | "gridProperties.columnCount"
            | "gridProperties.frozenRowCount"
            | "gridProperties.frozenColumnCount" => {
                let whole = f == "gridProperties";
                let get = |k: &str| grid.get(k).and_then(as_u64);
                if whole || f.ends_with("rowCount") && !f.contains("frozen") {
                    if let Some(r) = get("rowCount") {
                        p.rows = r;
                    } else if !all {
                        return Err("gridProperties.rowCount must be greater than zero.".into());
                    }
                }
                if whole || f.ends_with("columnCount") && !f.contains("frozen") {
                    if let Some(c) = get("columnCount") {
                        p.cols = c;
                    } else if !all {
                        return Err("gridProperties.columnCount must be greater than zero.".into());
                    }
                }
                if whole || f.ends_with("frozenRowCount") {
                    p.frozen_rows = get("frozenRowCount").unwrap_or(0);
                }
                if whole || f.ends_with("frozenColumnCount") {
                    p.frozen_cols = get("frozenColumnCount").unwrap_or(0);
                }
                if p.rows == 0 || p.cols == 0 {
                    return Err("The grid must have at least one row and one column.".into());
                }
            }
            "tabColor" | "tabColorStyle" | "rightToLeft" => {}
            other => return Err(format!("Invalid field mask: '{other}'.")),
        }
    }
    sheets[i] = p;
    if let Some(ix) = new_index {
        let s = sheets.remove(i);
        let ix = ix.min(sheets.len());
        sheets.insert(ix, s);
    }
    check_cells(sheets)
}

fn append_dimension(sheets: &mut [SheetProps], arg: &Value) -> Result<(), String> {
    let i = find_sheet(sheets, arg.get("sheetId").and_then(as_i64))?;
    let n = arg.get("length").and_then(as_u64).unwrap_or(0);
    if n == 0 {
        return Err("length must be greater than zero.".into());
    }
    match arg.get("dimension").and_then(Value::as_str) {
        Some("ROWS") => sheets[i].rows += n,
        Some("COLUMNS") => sheets[i].cols += n,
        _ => return Err("dimension must be ROWS or COLUMNS.".into()),
    }
    check_cells(sheets)
}

/// An `updateCells` request, validated: the cells from (`r0`, `c0`), row by row; `None`
/// leaves a cell as it is (its data does not carry a field the mask names).
struct CellWrite {
    sheet_id: i64,
    r0: u64,
    c0: u64,
    cells: Vec<Vec<Option<String>>>,
}

/// Validates an `updateCells` against the batch's sheets so far; nothing is changed. With
/// `start`, the rows go from that cell, any width; with `range`, they must fit in it and the
/// range's cells they do not cover are cleared (the fields the mask names). Only
/// `userEnteredValue` is kept (other fields are accepted and ignored).
fn update_cells(sheets: &[SheetProps], arg: &Value) -> Result<Option<CellWrite>, String> {
    let fields = arg
        .get("fields")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    if fields.is_empty() {
        return Err("At least one field must be specified in 'fields'.".into());
    }
    let values = fields == "*"
        || fields
            .split(',')
            .map(str::trim)
            .any(|f| f == "userEnteredValue" || f.starts_with("userEnteredValue."));
    let rows_json = match arg.get("rows") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err("Invalid rows: must be a list of RowData.".into()),
    };
    let mut rows: Vec<Vec<Option<String>>> = Vec::with_capacity(rows_json.len());
    for (i, row) in rows_json.iter().enumerate() {
        let cells = match row.get("values") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => return Err(format!("Invalid rows[{i}].values: must be a list.")),
        };
        let mut out = Vec::with_capacity(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            let v = extended_value(cell.get("userEnteredValue"))
                .map_err(|e| format!("Invalid rows[{i}].values[{j}].userEnteredValue: {e}"))?;
            out.push(values.then(|| v.unwrap_or_default()));
        }
        rows.push(out);
    }
    let present = |k: &str| arg.get(k).filter(|v| !v.is_null());
    let (sheet_id, r0, c0, clear_to) = match (present("start"), present("range")) {
        (Some(s), None) => (
            s.get("sheetId").and_then(as_i64),
            s.get("rowIndex").and_then(as_u64).unwrap_or(0),
            s.get("columnIndex").and_then(as_u64).unwrap_or(0),
            None,
        ),
        (None, Some(r)) => (
            r.get("sheetId").and_then(as_i64),
            r.get("startRowIndex").and_then(as_u64).unwrap_or(0),
            r.get("startColumnIndex").and_then(as_u64).unwrap_or(0),
            Some((
                r.get("endRowIndex").and_then(as_u64),
                r.get("endColumnIndex").and_then(as_u64),
            )),
        ),
        _ => return Err("Exactly one of 'start' or 'range' must be set.".into()),
    };
    let p = &sheets[find_sheet(sheets, sheet_id)?];
    let nrows = rows.len() as u64;
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0) as u64;
    let (r1, c1) = match clear_to {
        // The range, open ends to the grid's.
        Some((r1, c1)) => {
            let (r1, c1) = (r1.unwrap_or(p.rows), c1.unwrap_or(p.cols));
            if r1 <= r0 || c1 <= c0 {
                return Err("The range must not be empty.".into());
            }
            if nrows > r1 - r0 {
                return Err(format!(
                    "Attempting to write row: {}, beyond the last requested row of: {}",
                    r0 + nrows - 1,
                    r1 - 1
                ));
            }
            if ncols > c1 - c0 {
                return Err(format!(
                    "Attempting to write column: {}, beyond the last requested column of: {}",
                    c0 + ncols - 1,
                    c1 - 1
                ));
            }
            (r1, c1)
        }
        None => (r0 + nrows.max(1), c0 + ncols.max(1)),
    };
    if r1 > p.rows || c1 > p.cols {
        return Err(format!(
            "Range ({}) exceeds grid limits. Max rows: {}, max columns: {}",
            a1(&p.title, r0, c0, r1 - 1, c1 - 1),
            p.rows,
            p.cols
        ));
    }
    if !values {
        return Ok(None);
    }
    if clear_to.is_some() {
        // The range's cells no row covers are cleared.
        let width = (c1 - c0) as usize;
        for row in rows.iter_mut() {
            row.resize(width, Some(String::new()));
        }
        rows.resize((r1 - r0) as usize, vec![Some(String::new()); width]);
    }
    Ok(Some(CellWrite {
        sheet_id: p.sheet_id,
        r0,
        c0,
        cells: rows,
    }))
}

/// A cell's `userEnteredValue` as the emulator stores it (`None`: no value, the cell is
/// cleared). `stringValue` is text as given (like `RAW`); a formula is marked `FORMULA:`.
fn extended_value(v: Option<&Value>) -> Result<Option<String>, String> {
    let Some(Value::Object(obj)) = v else {
        return match v {
            None | Some(Value::Null) => Ok(None),
            Some(_) => Err("must be an ExtendedValue object".into()),
        };
    };
    let set: Vec<(&String, &Value)> = obj.iter().filter(|(_, v)| !v.is_null()).collect();
    if set.len() > 1 {
        return Err(
            "only one of stringValue, numberValue, boolValue, formulaValue may be set".into(),
        );
    }
    let Some((kind, value)) = set.first() else {
        return Ok(None);
    };
    let text = match (kind.as_str(), value) {
        ("stringValue", Value::String(s)) => s.clone(),
        ("numberValue", v) => {
            let n = v
                .as_f64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                .filter(|n| n.is_finite())
                .ok_or("numberValue must be a finite number")?;
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", n as i64)
            } else {
                format!("{n}")
            }
        }
        ("boolValue", Value::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        ("formulaValue", Value::String(f)) if f.starts_with('=') => format!("{FORMULA_PREFIX}{f}"),
        ("formulaValue", _) => return Err("formulaValue must start with '='".into()),
        ("errorValue", _) => return Err("errorValue is read-only".into()),
        (k, v) => return Err(format!("invalid {k}: {v}")),
    };
    if text.chars().count() > MAX_CELL_CHARS {
        return Err(format!(
            "Your input contains more than the maximum of {MAX_CELL_CHARS} characters in a single cell."
        ));
    }
    Ok(Some(text))
}

/// Applies a validated `updateCells` to a grid.
fn apply_cells(grid: &mut Grid, w: CellWrite) {
    for (i, row) in w.cells.into_iter().enumerate() {
        let r = w.r0 as usize + i;
        for (j, v) in row.into_iter().enumerate() {
            let Some(v) = v else { continue };
            let c = w.c0 as usize + j;
            if v.is_empty() && grid.get(r).is_none_or(|row| row.len() <= c) {
                continue;
            }
            if grid.len() <= r {
                grid.resize(r + 1, Vec::new());
            }
            if grid[r].len() <= c {
                grid[r].resize(c + 1, String::new());
            }
            grid[r][c] = v;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A1 ranges

/// A parsed range: 0-based inclusive bounds; `None` ends are open.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Range {
    pub(crate) sheet: usize,
    pub(crate) r0: u64,
    pub(crate) c0: u64,
    pub(crate) r1: Option<u64>,
    pub(crate) c1: Option<u64>,
    /// A single cell such as `A1`: as an update target it only anchors the data.
    pub(crate) single: bool,
}

/// `A`, `1`, `A1` -> (col, row), 0-based.
fn parse_cell(s: &str) -> Option<(Option<u64>, Option<u64>)> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &s[letters.len()..];
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if letters.len() > 3 {
        return None;
    }
    let col = if letters.is_empty() {
        None
    } else {
        let mut n: u64 = 0;
        for c in letters.to_ascii_uppercase().bytes() {
            n = n * 26 + (c - b'A' + 1) as u64;
        }
        Some(n - 1)
    };
    let row = if digits.is_empty() {
        None
    } else {
        let r: u64 = digits.parse().ok()?;
        if r == 0 {
            return None;
        }
        Some(r - 1)
    };
    Some((col, row))
}

pub(crate) fn col_name(mut c: u64) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        let r = ((c - 1) % 26) as u8;
        s.push(b'A' + r);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// `'It''s'` style quoting when Sheets would quote the name.
pub(crate) fn quote_title(t: &str) -> String {
    let plain = t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && parse_cell(t).is_none_or(|(c, r)| c.is_none() || r.is_none());
    if plain && !t.is_empty() {
        t.to_string()
    } else {
        format!("'{}'", t.replace('\'', "''"))
    }
}

/// Parses an A1 range against a spreadsheet's sheets.
pub(crate) fn parse_range(sheets: &[SheetProps], raw: &str) -> Result<Range, String> {
    let bad = || format!("Unable to parse range: {raw}");
    let (title, cells): (Option<String>, Option<&str>) = if let Some(rest) = raw.strip_prefix('\'')
    {
        // Quoted title, '' escapes a quote.
        let mut title = String::new();
        let mut chars = rest.char_indices().peekable();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                    title.push('\'');
                } else {
                    end = Some(i + 1);
                    break;
                }
            } else {
                title.push(c);
            }
        }
        let end = end.ok_or_else(bad)?;
        let after = &rest[end..];
        if after.is_empty() {
            (Some(title), None)
        } else if let Some(c) = after.strip_prefix('!') {
            (Some(title), Some(c))
        } else {
            return Err(bad());
        }
    } else if let Some((t, c)) = raw.split_once('!') {
        (Some(t.to_string()), Some(c))
    } else if sheets.iter().any(|s| s.title == raw) {
        (Some(raw.to_string()), None)
    } else {
        (None, Some(raw))
    };
    let sheet = match &title {
        Some(t) => sheets.iter().position(|s| &s.title == t).ok_or_else(bad)?,
        None => 0,
    };
    let Some(cells) = cells else {
        return Ok(Range {
            sheet,
            r0: 0,
            c0: 0,
            r1: None,
            c1: None,
            single: false,
        });
    };
    let (a, b) = match cells.split_once(':') {
        Some((a, b)) => (a, Some(b)),
        None => (cells, None),
    };
    let (ac, ar) = parse_cell(a).ok_or_else(bad)?;
    match b {
        None => {
            // `A1` a cell, `A` a column, `3` a row.
            match (ac, ar) {
                (Some(c), Some(r)) => Ok(Range {
                    sheet,
                    r0: r,
                    c0: c,
                    r1: Some(r),
                    c1: Some(c),
                    single: true,
                }),
                (Some(c), None) => Ok(Range {
                    sheet,
                    r0: 0,
                    c0: c,
                    r1: None,
                    c1: Some(c),
                    single: false,
                }),
                (None, Some(r)) => Ok(Range {
                    sheet,
                    r0: r,
                    c0: 0,
                    r1: Some(r),
                    c1: None,
                    single: false,
                }),
                (None, None) => Err(bad()),
            }
        }
        Some(b) => {
            let (bc, br) = parse_cell(b).ok_or_else(bad)?;
            let r0 = ar.unwrap_or(0);
            let c0 = ac.unwrap_or(0);
            // `A1:C` open rows; `A:C` all rows; `1:3` all columns; `A1:3`?
            let r1 = if ac.is_some() && bc.is_some() && br.is_none() {
                None
            } else {
                br
            };
            let c1 = bc;
            if r1.is_some_and(|r| r < r0) || c1.is_some_and(|c| c < c0) {
                // Sheets normalises reversed ranges.
                let (r0, r1) = match r1 {
                    Some(r) if r < r0 => (r, Some(r0)),
                    x => (r0, x),
                };
                let (c0, c1) = match c1 {
                    Some(c) if c < c0 => (c, Some(c0)),
                    x => (c0, x),
                };
                return Ok(Range {
                    sheet,
                    r0,
                    c0,
                    r1,
                    c1,
                    single: false,
                });
            }
            Ok(Range {
                sheet,
                r0,
                c0,
                r1,
                c1,
                single: false,
            })
        }
    }
}

fn a1(title: &str, r0: u64, c0: u64, r1: u64, c1: u64) -> String {
    if r0 == r1 && c0 == c1 {
        format!("{}!{}{}", quote_title(title), col_name(c0), r0 + 1)
    } else {
        format!(
            "{}!{}{}:{}{}",
            quote_title(title),
            col_name(c0),
            r0 + 1,
            col_name(c1),
            r1 + 1
        )
    }
}

/// The range's bounds clipped to the grid, or the "exceeds grid limits" error.
fn bounds(p: &SheetProps, r: &Range) -> Result<(u64, u64, u64, u64), String> {
    let r1 = r.r1.unwrap_or(p.rows - 1);
    let c1 = r.c1.unwrap_or(p.cols - 1);
    if r.r0 >= p.rows || r.c0 >= p.cols || r1 >= p.rows || c1 >= p.cols {
        return Err(format!(
            "Range ({}) exceeds grid limits. Max rows: {}, max columns: {}",
            a1(&p.title, r.r0, r.c0, r1.max(r.r0), c1.max(r.c0)),
            p.rows,
            p.cols
        ));
    }
    Ok((r.r0, r.c0, r1, c1))
}

// ---------------------------------------------------------------------------------------------
// Values

/// Converts one JSON cell as `valueInputOption` would store it; `None` leaves the cell as is.
fn cell_value(v: &Value, user_entered: bool) -> Result<Option<String>, String> {
    let s = match v {
        Value::Null => return Ok(None),
        Value::String(s) => {
            if user_entered {
                user_entered_text(s)
            } else {
                s.clone()
            }
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        other => {
            return Err(format!(
                "Invalid value at 'data.values' ({other}): not a scalar"
            ))
        }
    };
    if s.chars().count() > MAX_CELL_CHARS {
        return Err(format!(
            "Your input contains more than the maximum of {MAX_CELL_CHARS} characters in a single cell."
        ));
    }
    Ok(Some(s))
}

/// USER_ENTERED parsing, reduced to what reveals the wrong mode: formulas are marked
/// `FORMULA:`, numbers are normalised (`+1` -> `1`, `007` -> `7`).
fn user_entered_text(s: &str) -> String {
    if s.starts_with('=') && s.len() > 1 {
        return format!("{FORMULA_PREFIX}{s}");
    }
    let t = s.trim();
    if !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))
    {
        if let Ok(n) = t.parse::<f64>() {
            if n.is_finite() {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    return format!("{}", n as i64);
                }
                return format!("{n}");
            }
        }
    }
    if (s.starts_with('+') || s.starts_with('-')) && s.len() > 1 {
        // "+A1", "-x": a formula in Sheets' eyes.
        return format!("{FORMULA_PREFIX}={}", &s[1..]);
    }
    s.to_string()
}

struct Write {
    sheet_id: i64,
    r0: u64,
    c0: u64,
    cells: Vec<Vec<Option<String>>>,
    range: String,
    rows: u64,
    cols: u64,
}

fn input_option(v: Option<&str>) -> Result<bool, Resp> {
    match v {
        Some("RAW") => Ok(false),
        Some("USER_ENTERED") => Ok(true),
        Some("INPUT_VALUE_OPTION_UNSPECIFIED") | None | Some("") => Err(gerror(
            400,
            "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED",
        )),
        Some(o) => Err(gerror(
            400,
            format!("Invalid value at 'value_input_option' ({o})"),
        )),
    }
}

/// Validates a ValueRange write against the sheet; nothing is changed.
fn prepare_write(
    ss: &Spreadsheet,
    range_str: &str,
    vr: &Value,
    user_entered: bool,
) -> Result<Write, String> {
    let range = parse_range(&ss.sheets, range_str)?;
    let p = &ss.sheets[range.sheet];
    let rows_json = match vr.get("values") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err("Invalid values: must be a list of lists.".into()),
    };
    let mut cells: Vec<Vec<Option<String>>> = Vec::with_capacity(rows_json.len());
    for row in &rows_json {
        let Some(row) = row.as_array() else {
            return Err("Invalid values: must be a list of lists.".into());
        };
        let mut out = Vec::with_capacity(row.len());
        for v in row {
            out.push(cell_value(v, user_entered)?);
        }
        cells.push(out);
    }
    if vr.get("majorDimension").and_then(Value::as_str) == Some("COLUMNS") {
        let n = cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut t = vec![Vec::new(); n];
        for col in &cells {
            for (i, v) in col.iter().enumerate() {
                t[i].push(v.clone());
            }
        }
        cells = t;
    }
    let nrows = cells.len() as u64;
    let ncols = cells.iter().map(Vec::len).max().unwrap_or(0) as u64;
    // Writes must stay within the range given (a single cell only anchors)...
    if !range.single && nrows > 0 {
        if let Some(r1) = range.r1 {
            if range.r0 + nrows - 1 > r1 {
                return Err(format!(
                    "Requested writing within range [{range_str}], but tried writing to row [{}]",
                    range.r0 + nrows
                ));
            }
        }
        if let Some(c1) = range.c1 {
            if ncols > 0 && range.c0 + ncols - 1 > c1 {
                return Err(format!(
                    "Requested writing within range [{range_str}], but tried writing to column [{}]",
                    col_name(range.c0 + ncols - 1)
                ));
            }
        }
    }
    // ... and within the grid.
    let check = Range {
        r1: if range.single {
            Some(range.r0)
        } else {
            range.r1
        },
        c1: if range.single {
            Some(range.c0)
        } else {
            range.c1
        },
        ..range.clone()
    };
    bounds(p, &check)?;
    if nrows > 0 && ncols > 0 {
        let last_r = range.r0 + nrows - 1;
        let last_c = range.c0 + ncols - 1;
        if last_r >= p.rows || last_c >= p.cols {
            return Err(format!(
                "Range ({}) exceeds grid limits. Max rows: {}, max columns: {}",
                a1(&p.title, range.r0, range.c0, last_r, last_c),
                p.rows,
                p.cols
            ));
        }
    }
    let range_out = if nrows > 0 && ncols > 0 {
        a1(
            &p.title,
            range.r0,
            range.c0,
            range.r0 + nrows - 1,
            range.c0 + ncols - 1,
        )
    } else {
        a1(&p.title, range.r0, range.c0, range.r0, range.c0)
    };
    Ok(Write {
        sheet_id: p.sheet_id,
        r0: range.r0,
        c0: range.c0,
        cells,
        range: range_out,
        rows: nrows,
        cols: ncols,
    })
}

fn apply_write(ss: &mut Spreadsheet, w: &mut Write) -> u64 {
    let grid = ss.grids.entry(w.sheet_id).or_default();
    let mut count = 0u64;
    for (i, row) in std::mem::take(&mut w.cells).into_iter().enumerate() {
        let r = (w.r0 as usize) + i;
        if row.is_empty() {
            continue;
        }
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        let grow = &mut grid[r];
        let need = w.c0 as usize + row.len();
        if grow.len() < need {
            grow.resize(need, String::new());
        }
        for (j, v) in row.into_iter().enumerate() {
            if let Some(v) = v {
                grow[w.c0 as usize + j] = v;
                count += 1;
            }
        }
    }
    count
}

fn update_response(ss_id: &str, w: &Write, cells: u64) -> Value {
    let mut v = json!({ "spreadsheetId": ss_id, "updatedRange": w.range });
    if w.rows > 0 {
        v["updatedRows"] = json!(w.rows);
        v["updatedColumns"] = json!(w.cols);
        v["updatedCells"] = json!(cells);
    }
    v
}

fn values_update(st: &mut State, si: usize, range: &str, ctx: &Ctx) -> Resp {
    let ue = match input_option(ctx.q("valueInputOption")) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Some(br) = body.get("range").and_then(Value::as_str) {
        if br != range {
            return gerror(
                400,
                format!("Requested range [{br}] does not match the range in the URL [{range}]."),
            );
        }
    }
    let ss = &mut st.spreadsheets[si];
    let mut w = match prepare_write(ss, range, &body, ue) {
        Ok(w) => w,
        Err(e) => return gerror(400, e),
    };
    let cells = apply_write(ss, &mut w);
    ok_json(&update_response(&ss.id, &w, cells))
}

fn values_batch_update(st: &mut State, si: usize, ctx: &Ctx) -> Resp {
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ue = match input_option(body.get("valueInputOption").and_then(Value::as_str)) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let data = body
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let ss = &mut st.spreadsheets[si];
    let mut writes = Vec::new();
    for (i, vr) in data.iter().enumerate() {
        let Some(range) = vr.get("range").and_then(Value::as_str) else {
            return gerror(400, format!("Invalid data[{i}]: range is required."));
        };
        match prepare_write(ss, range, vr, ue) {
            Ok(w) => writes.push(w),
            Err(e) => return gerror(400, format!("Invalid data[{i}]: {e}")),
        }
    }
    let id = ss.id.clone();
    let mut responses = Vec::new();
    let (mut trows, mut tcols, mut tcells) = (0u64, 0u64, 0u64);
    let mut sheets_touched = std::collections::HashSet::new();
    for mut w in writes {
        let cells = apply_write(ss, &mut w);
        trows += w.rows;
        tcols += w.cols;
        tcells += cells;
        if w.rows > 0 {
            sheets_touched.insert(w.sheet_id);
        }
        responses.push(update_response(&id, &w, cells));
    }
    let mut v = json!({ "spreadsheetId": id, "responses": responses });
    if tcells > 0 || trows > 0 {
        v["totalUpdatedRows"] = json!(trows);
        v["totalUpdatedColumns"] = json!(tcols);
        v["totalUpdatedCells"] = json!(tcells);
        v["totalUpdatedSheets"] = json!(sheets_touched.len());
    }
    ok_json(&v)
}

fn read_range(ss: &Spreadsheet, raw: &str) -> Result<Value, String> {
    let range = parse_range(&ss.sheets, raw)?;
    let p = &ss.sheets[range.sheet];
    let (r0, c0, r1, c1) = bounds(p, &range)?;
    let grid = ss.grids.get(&p.sheet_id);
    let mut values: Vec<Vec<String>> = Vec::new();
    if let Some(grid) = grid {
        let end = (r1 as usize + 1).min(grid.len());
        for row in grid.iter().take(end).skip(r0 as usize) {
            let cend = (c1 as usize + 1).min(row.len());
            let cells: Vec<String> = if (c0 as usize) < cend {
                row[c0 as usize..cend].to_vec()
            } else {
                Vec::new()
            };
            values.push(cells);
        }
    }
    for row in values.iter_mut() {
        let n = row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
        row.truncate(n);
    }
    while values.last().is_some_and(|r| r.is_empty()) {
        values.pop();
    }
    let mut v = json!({ "range": a1(&p.title, r0, c0, r1, c1), "majorDimension": "ROWS" });
    if !values.is_empty() {
        v["values"] = json!(values);
    }
    Ok(v)
}

fn values_get(st: &mut State, si: usize, range: &str) -> Resp {
    match read_range(&st.spreadsheets[si], range) {
        Ok(v) => ok_json(&v),
        Err(e) => gerror(400, e),
    }
}

fn values_batch_get(st: &mut State, si: usize, ctx: &Ctx) -> Resp {
    let ss = &st.spreadsheets[si];
    let mut out = Vec::new();
    for (k, range) in &ctx.query {
        if k == "ranges" {
            match read_range(ss, range) {
                Ok(v) => out.push(v),
                Err(e) => return gerror(400, e),
            }
        }
    }
    ok_json(&json!({ "spreadsheetId": ss.id, "valueRanges": out }))
}

fn clear_range(ss: &mut Spreadsheet, raw: &str) -> Result<String, String> {
    let range = parse_range(&ss.sheets, raw)?;
    let p = ss.sheets[range.sheet].clone();
    let (r0, c0, r1, c1) = bounds(&p, &range)?;
    if let Some(grid) = ss.grids.get_mut(&p.sheet_id) {
        let end = (r1 as usize + 1).min(grid.len());
        for row in grid.iter_mut().take(end).skip(r0 as usize) {
            let cend = (c1 as usize + 1).min(row.len());
            for c in row.iter_mut().take(cend).skip(c0 as usize) {
                c.clear();
            }
        }
    }
    Ok(a1(&p.title, r0, c0, r1, c1))
}

fn values_clear(st: &mut State, si: usize, range: &str) -> Resp {
    let ss = &mut st.spreadsheets[si];
    match clear_range(ss, range) {
        Ok(r) => ok_json(&json!({ "spreadsheetId": ss.id, "clearedRange": r })),
        Err(e) => gerror(400, e),
    }
}

fn values_batch_clear(st: &mut State, si: usize, ctx: &Ctx) -> Resp {
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ranges: Vec<String> = body
        .get("ranges")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let ss = &mut st.spreadsheets[si];
    for r in &ranges {
        if let Err(e) =
            parse_range(&ss.sheets, r).and_then(|rg| bounds(&ss.sheets[rg.sheet], &rg).map(|_| ()))
        {
            return gerror(400, e);
        }
    }
    let mut cleared = Vec::new();
    for r in &ranges {
        match clear_range(ss, r) {
            Ok(c) => cleared.push(c),
            Err(e) => return gerror(400, e),
        }
    }
    ok_json(&json!({ "spreadsheetId": ss.id, "clearedRanges": cleared }))
}

/// `values:append`: writes after the last row holding data in the range's columns.
fn values_append(st: &mut State, si: usize, range: &str, ctx: &Ctx) -> Resp {
    let ue = match input_option(ctx.q("valueInputOption")) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ss = &mut st.spreadsheets[si];
    let rg = match parse_range(&ss.sheets, range) {
        Ok(r) => r,
        Err(e) => return gerror(400, e),
    };
    let p = ss.sheets[rg.sheet].clone();
    let last = ss
        .grids
        .get(&p.sheet_id)
        .and_then(|g| g.iter().rposition(|row| row.iter().any(|c| !c.is_empty())));
    let start = last.map_or(rg.r0, |l| (l as u64 + 1).max(rg.r0));
    let anchor = format!("{}!{}{}", quote_title(&p.title), col_name(rg.c0), start + 1);
    let mut w = match prepare_write(ss, &anchor, &body, ue) {
        Ok(w) => w,
        Err(e) => return gerror(400, e),
    };
    let id = ss.id.clone();
    let cells = apply_write(ss, &mut w);
    let meta = w;
    let mut m = Map::new();
    m.insert("spreadsheetId".into(), json!(id));
    m.insert(
        "tableRange".into(),
        json!(a1(&p.title, rg.r0, rg.c0, rg.r0, rg.c0)),
    );
    m.insert("updates".into(), update_response(&id, &meta, cells));
    ok_json(&Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets() -> Vec<SheetProps> {
        let mut v = Vec::new();
        add_sheet(&mut v, &json!({"title": "Sheet1"})).unwrap();
        add_sheet(&mut v, &json!({"title": "My tab"})).unwrap();
        add_sheet(&mut v, &json!({"title": "It's"})).unwrap();
        v
    }

    #[test]
    fn ranges() {
        let s = sheets();
        let r = parse_range(&s, "'My tab'!A1:C3").unwrap();
        assert_eq!(
            (r.sheet, r.r0, r.c0, r.r1, r.c1),
            (1, 0, 0, Some(2), Some(2))
        );
        let r = parse_range(&s, "'It''s'!B2").unwrap();
        assert_eq!((r.sheet, r.r0, r.c0, r.single), (2, 1, 1, true));
        let r = parse_range(&s, "Sheet1").unwrap();
        assert_eq!((r.sheet, r.r1, r.c1), (0, None, None));
        let r = parse_range(&s, "A:C").unwrap();
        assert_eq!((r.sheet, r.r0, r.c0, r.r1, r.c1), (0, 0, 0, None, Some(2)));
        let r = parse_range(&s, "Sheet1!A2:C").unwrap();
        assert_eq!((r.r0, r.c0, r.r1, r.c1), (1, 0, None, Some(2)));
        let r = parse_range(&s, "'My tab'!2:5").unwrap();
        assert_eq!((r.r0, r.c0, r.r1, r.c1), (1, 0, Some(4), None));
        assert!(parse_range(&s, "Nope!A1").is_err());
        assert!(parse_range(&s, "'My tab!A1").is_err());
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(701), "ZZ");
        assert_eq!(col_name(702), "AAA");
        assert_eq!(parse_cell("AAA1"), Some((Some(702), Some(0))));
        assert_eq!(quote_title("Sheet1"), "Sheet1");
        assert_eq!(quote_title("It's"), "'It''s'");
        assert_eq!(quote_title("A1"), "'A1'");
    }

    #[test]
    fn user_entered() {
        assert_eq!(user_entered_text("=SUM(1)"), "FORMULA:=SUM(1)");
        assert_eq!(user_entered_text("+1"), "1");
        assert_eq!(user_entered_text("007"), "7");
        assert_eq!(user_entered_text("-2"), "-2");
        assert_eq!(user_entered_text("+A1"), "FORMULA:=A1");
        assert_eq!(user_entered_text("@x"), "@x");
        assert_eq!(user_entered_text("hello"), "hello");
    }
}

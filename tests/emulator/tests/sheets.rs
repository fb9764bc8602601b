//! Sheets v4 over HTTP: create/get, atomic batchUpdate, values, ranges, limits, quota.

mod common;

use common::{enc, Client};
use google_emulator::Emulator;
use serde_json::{json, Value};

fn values_path(id: &str, range: &str) -> String {
    format!("/v4/spreadsheets/{id}/values/{}", enc(range))
}

fn sheet_id(c: &Client, id: &str, title: &str) -> i64 {
    let v = c.get(&format!("/v4/spreadsheets/{id}")).json();
    v["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["properties"]["title"] == title)
        .unwrap()["properties"]["sheetId"]
        .as_i64()
        .unwrap()
}

#[test]
fn create_and_get_spreadsheet() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({}));
    let v = c.get(&format!("/v4/spreadsheets/{id}")).json();
    assert_eq!(v["spreadsheetId"], id.as_str());
    let p = &v["sheets"][0]["properties"];
    assert_eq!(p["title"], "Sheet1");
    assert_eq!(p["sheetId"], 0);
    assert_eq!(p["index"], 0);
    assert_eq!(p["gridProperties"]["rowCount"], 1000);
    assert_eq!(p["gridProperties"]["columnCount"], 26);

    let id2 = c.create_spreadsheet(&json!({
        "properties": { "title": "sheetdrop" },
        "sheets": [
            { "properties": { "title": "_manifest", "gridProperties": { "rowCount": 10, "columnCount": 8 } } },
            { "properties": { "title": "ventas" } },
        ],
    }));
    assert_eq!(emu.spreadsheet_ids(), vec![id.clone(), id2.clone()]);
    assert_eq!(emu.tabs(&id2), vec!["_manifest", "ventas"]);
    assert_eq!(emu.tab_grid_size(&id2, "_manifest"), Some((10, 8)));
    let v = c.get(&format!("/v4/spreadsheets/{id2}")).json();
    assert_eq!(v["properties"]["title"], "sheetdrop");
    // A spreadsheet is also a Drive file.
    assert!(emu
        .drive_files()
        .iter()
        .any(|f| f.id == id2 && f.mime_type == "application/vnd.google-apps.spreadsheet"));

    let r = c.get("/v4/spreadsheets/unknown");
    assert_eq!(r.status, 404);
    assert_eq!(r.gstatus(), "NOT_FOUND");
}

#[test]
fn batch_update_is_atomic() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({}));
    let bu = format!("/v4/spreadsheets/{id}:batchUpdate");

    // The second request fails: nothing applies.
    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "addSheet": { "properties": { "title": "A" } } },
            { "addSheet": { "properties": { "title": "a" } } },
        ]}),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.gstatus(), "INVALID_ARGUMENT");
    assert!(r.message().contains("already exists"), "{}", r.message());
    assert_eq!(emu.tabs(&id), vec!["Sheet1"]);

    // Deleting the last sheet, an unknown sheet, an empty field mask.
    for (req, msg) in [
        (
            json!({ "deleteSheet": { "sheetId": 0 } }),
            "remove all the sheets",
        ),
        (
            json!({ "deleteSheet": { "sheetId": 42 } }),
            "No grid with id: 42",
        ),
        (
            json!({ "updateSheetProperties": { "properties": { "sheetId": 0, "title": "x" } } }),
            "At least one field",
        ),
        (json!({ "mergeCells": {} }), "does not support"),
    ] {
        let r = c.post(&bu, &json!({ "requests": [req] }));
        assert_eq!(r.status, 400);
        assert!(r.message().contains(msg), "{} vs {msg}", r.message());
    }
    assert_eq!(c.post(&bu, &json!({ "requests": [] })).status, 400);

    // The publish swap: staging tab, write, then delete + rename in one batchUpdate.
    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "addSheet": { "properties": { "title": "ventas" } } },
        ]}),
    );
    assert_eq!(r.status, 200);
    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "addSheet": { "properties": { "title": "ventas.staging", "index": 5,
                "gridProperties": { "rowCount": 2, "columnCount": 2 } } } },
        ]}),
    );
    assert_eq!(r.status, 200);
    let props = &r.json()["replies"][0]["addSheet"]["properties"];
    let staging = props["sheetId"].as_i64().unwrap();
    assert_eq!(props["title"], "ventas.staging");
    assert_eq!(props["index"], 2);
    assert_eq!(props["gridProperties"]["rowCount"], 2);
    let r = c.put(
        &(values_path(&id, "'ventas.staging'!A1:B2") + "?valueInputOption=RAW"),
        &json!({ "values": [["ID", "X"], ["1", "=1+1"]] }),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let old = sheet_id(&c, &id, "ventas");

    // A swap whose rename collides fails whole: the old tab is still there.
    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "deleteSheet": { "sheetId": old } },
            { "updateSheetProperties": { "properties": { "sheetId": staging, "title": "Sheet1" }, "fields": "title" } },
        ]}),
    );
    assert_eq!(r.status, 400);
    assert_eq!(emu.tabs(&id), vec!["Sheet1", "ventas", "ventas.staging"]);

    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "deleteSheet": { "sheetId": old } },
            { "updateSheetProperties": { "properties": { "sheetId": staging, "title": "ventas" }, "fields": "title" } },
        ]}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["replies"], json!([{}, {}]));
    assert_eq!(emu.tabs(&id), vec!["Sheet1", "ventas"]);
    assert_eq!(
        emu.tab_values(&id, "ventas").unwrap(),
        vec![vec!["ID", "X"], vec!["1", "=1+1"]]
    );
    assert_eq!(sheet_id(&c, &id, "ventas"), staging);
}

#[test]
fn raw_keeps_text_user_entered_is_marked() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({}));
    let row = json!([["=HYPERLINK(\"x\")", "+1", "-2", "@x", "007", "", "=SUM(1)"]]);
    let r = c.put(
        &(values_path(&id, "Sheet1!A1") + "?valueInputOption=RAW"),
        &json!({ "values": row }),
    );
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["updatedRange"], "Sheet1!A1:G1");
    assert_eq!(v["updatedCells"], 7);
    assert_eq!(
        emu.tab_values(&id, "Sheet1").unwrap(),
        vec![vec![
            "=HYPERLINK(\"x\")",
            "+1",
            "-2",
            "@x",
            "007",
            "",
            "=SUM(1)"
        ]]
    );
    let r = c.put(
        &(values_path(&id, "Sheet1!A2") + "?valueInputOption=USER_ENTERED"),
        &json!({ "values": row }),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        emu.tab_values(&id, "Sheet1").unwrap()[1],
        vec![
            "FORMULA:=HYPERLINK(\"x\")",
            "1",
            "-2",
            "@x",
            "7",
            "",
            "FORMULA:=SUM(1)"
        ]
    );
    // valueInputOption is required.
    let r = c.put(&values_path(&id, "Sheet1!A3"), &json!({ "values": row }));
    assert_eq!(r.status, 400);
}

#[test]
fn quoted_percent_encoded_ranges() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let titles = ["My tab", "It's", "a#b?c/d%e", "ventas"];
    let id = c.create_spreadsheet(&json!({
        "sheets": titles.iter().map(|t| json!({ "properties": { "title": t } })).collect::<Vec<_>>(),
    }));
    for t in titles {
        let quoted = format!("'{}'", t.replace('\'', "''"));
        let r = c.put(
            &(values_path(&id, &format!("{quoted}!A1:C3")) + "?valueInputOption=RAW"),
            &json!({ "values": [["a", "b", "c"], ["d"], ["", "", "i"]] }),
        );
        assert_eq!(r.status, 200, "{t}: {}", String::from_utf8_lossy(&r.body));
        assert_eq!(
            emu.tab_values(&id, t).unwrap(),
            vec![vec!["a", "b", "c"], vec!["d"], vec!["", "", "i"]],
            "{t}"
        );
        let v = c.get(&values_path(&id, &format!("{quoted}!A1:C3"))).json();
        assert_eq!(v["values"], json!([["a", "b", "c"], ["d"], ["", "", "i"]]));
        let v = c.get(&values_path(&id, &quoted)).json();
        assert_eq!(v["values"][2][2], "i");
    }
    // The crates leave ' ! : unencoded in the path: that works too.
    let r = c.get(&format!("/v4/spreadsheets/{id}/values/'It''s'!B1:C1"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["values"], json!([["b", "c"]]));
    assert_eq!(r.json()["range"], "'It''s'!B1:C1");
    // Unquoted, unknown tab and writing past the range.
    assert_eq!(
        c.get(&values_path(&id, "ventas!A1")).json()["values"],
        json!([["a"]])
    );
    assert_eq!(c.get(&values_path(&id, "'Nope'!A1")).status, 400);
    let r = c.put(
        &(values_path(&id, "ventas!A1:B1") + "?valueInputOption=RAW"),
        &json!({ "values": [["a", "b", "c"]] }),
    );
    assert_eq!(r.status, 400);
    assert!(
        r.message().contains("tried writing to column [C]"),
        "{}",
        r.message()
    );
}

#[test]
fn values_batch_update_get_and_clear() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({
        "sheets": [ { "properties": { "title": "uno" } }, { "properties": { "title": "dos" } } ],
    }));
    let r = c.post(
        &format!("/v4/spreadsheets/{id}/values:batchUpdate"),
        &json!({
            "valueInputOption": "RAW",
            "data": [
                { "range": "uno!A1", "values": [["1", "2"], ["3", "4"]] },
                { "range": "'dos'!B2", "values": [["x"]] },
            ],
        }),
    );
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["totalUpdatedCells"], 5);
    assert_eq!(v["totalUpdatedSheets"], 2);
    assert_eq!(v["responses"][1]["updatedRange"], "dos!B2");
    assert_eq!(
        emu.tab_values(&id, "dos").unwrap(),
        vec![vec![], vec!["".to_string(), "x".to_string()]]
    );

    // One bad range: nothing is written.
    let r = c.post(
        &format!("/v4/spreadsheets/{id}/values:batchUpdate"),
        &json!({
            "valueInputOption": "RAW",
            "data": [
                { "range": "uno!A10", "values": [["new"]] },
                { "range": "nueve!A1", "values": [["x"]] },
            ],
        }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(emu.tab_values(&id, "uno").unwrap().len(), 2);

    let r = c.post(
        &format!("/v4/spreadsheets/{id}/values/{}:clear", enc("uno!A1:A2")),
        &json!({}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["clearedRange"], "uno!A1:A2");
    assert_eq!(
        emu.tab_values(&id, "uno").unwrap(),
        vec![vec!["", "2"], vec!["", "4"]]
    );
    let v = c.get(&values_path(&id, "uno")).json();
    assert_eq!(v["range"], "uno!A1:Z1000");
    assert_eq!(v["values"], json!([["", "2"], ["", "4"]]));
    let v = c
        .get(&format!(
            "/v4/spreadsheets/{id}/values:batchGet?ranges={}&ranges={}",
            enc("uno!B1:B2"),
            enc("dos")
        ))
        .json();
    assert_eq!(v["valueRanges"][0]["values"], json!([["2"], ["4"]]));
    assert_eq!(v["valueRanges"][1]["values"], json!([[], ["", "x"]]));

    let r = c.post(
        &format!(
            "/v4/spreadsheets/{id}/values/{}:append?valueInputOption=RAW",
            enc("uno!A1")
        ),
        &json!({ "values": [["5", "6"]] }),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["updates"]["updatedRange"], "uno!A3:B3");
}

#[test]
fn limits_grid_cells_chars_and_payload() {
    let emu = Emulator::start();
    emu.set_write_quota_per_minute(1000);
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({
        "sheets": [ { "properties": { "title": "small", "gridProperties": { "rowCount": 2, "columnCount": 2 } } } ],
    }));
    let r = c.put(
        &(values_path(&id, "small!A1") + "?valueInputOption=RAW"),
        &json!({ "values": [["a"], ["b"], ["c"]] }),
    );
    assert_eq!(r.status, 400);
    assert!(
        r.message().contains("exceeds grid limits"),
        "{}",
        r.message()
    );
    assert!(r.message().contains("Max rows: 2"), "{}", r.message());
    assert_eq!(
        emu.tab_values(&id, "small").unwrap(),
        Vec::<Vec<String>>::new()
    );

    // 50,000 characters per cell.
    let big = "x".repeat(50_001);
    let r = c.put(
        &(values_path(&id, "small!A1") + "?valueInputOption=RAW"),
        &json!({ "values": [[big]] }),
    );
    assert_eq!(r.status, 400);
    assert!(r.message().contains("50000 characters"), "{}", r.message());
    let ok = "x".repeat(50_000);
    let r = c.put(
        &(values_path(&id, "small!A1") + "?valueInputOption=RAW"),
        &json!({ "values": [[ok]] }),
    );
    assert_eq!(r.status, 200);

    // 10,000,000 cells per spreadsheet (4 already used).
    let bu = format!("/v4/spreadsheets/{id}:batchUpdate");
    let add = |rows: u64, title: &str| {
        c.post(
            &bu,
            &json!({ "requests": [ { "addSheet": { "properties": { "title": title,
                "gridProperties": { "rowCount": rows, "columnCount": 10 } } } } ] }),
        )
    };
    let r = add(1_000_000, "big");
    assert_eq!(r.status, 400);
    assert!(r.message().contains("10000000 cells"), "{}", r.message());
    assert_eq!(add(999_999, "big").status, 200);
    let r = c.post(
        &bu,
        &json!({ "requests": [ { "appendDimension": { "sheetId": sheet_id(&c, &id, "big"),
            "dimension": "ROWS", "length": 1 } } ] }),
    );
    assert_eq!(r.status, 400);

    // Request payloads above 10 MiB.
    let row: Vec<String> = (0..10).map(|_| "y".repeat(20_000)).collect();
    let rows: Vec<Vec<String>> = (0..60).map(|_| row.clone()).collect();
    let body: Value = json!({ "values": rows });
    let r = c.put(
        &(values_path(&id, "big!A1") + "?valueInputOption=RAW"),
        &body,
    );
    assert_eq!(r.status, 400);
    assert!(
        r.message().contains("payload size exceeds"),
        "{}",
        r.message()
    );
}

#[test]
fn write_quota_answers_429() {
    let emu = Emulator::start();
    emu.set_write_quota_per_minute(3);
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({})); // write 1
    for _ in 0..2 {
        let r = c.put(
            &(values_path(&id, "A1") + "?valueInputOption=RAW"),
            &json!({ "values": [["x"]] }),
        );
        assert_eq!(r.status, 200);
    }
    // Reads do not count.
    assert_eq!(c.get(&format!("/v4/spreadsheets/{id}")).status, 200);
    let r = c.put(
        &(values_path(&id, "A1") + "?valueInputOption=RAW"),
        &json!({ "values": [["y"]] }),
    );
    assert_eq!(r.status, 429);
    assert_eq!(r.gstatus(), "RESOURCE_EXHAUSTED");
    assert_eq!(
        r.json()["error"]["errors"][0]["reason"],
        "rateLimitExceeded"
    );
    assert_eq!(emu.tab_values(&id, "Sheet1").unwrap(), vec![vec!["x"]]);
    emu.set_write_quota_per_minute(60);
    let r = c.put(
        &(values_path(&id, "A1") + "?valueInputOption=RAW"),
        &json!({ "values": [["y"]] }),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn update_cells_writes_values_atomically_with_the_rest_of_the_batch() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({ "sheets": [
        { "properties": { "sheetId": 7, "title": "_manifest",
            "gridProperties": { "rowCount": 2, "columnCount": 3 } } },
        { "properties": { "title": "ventas" } },
    ]}));
    let bu = format!("/v4/spreadsheets/{id}:batchUpdate");
    let text = |s: &str| json!({ "userEnteredValue": { "stringValue": s } });

    // `start`: any size from the cell; stringValue stays text (as RAW), the other kinds as
    // Sheets shows them. Past the grid is refused.
    let r = c.post(
        &bu,
        &json!({ "requests": [{ "updateCells": {
            "start": { "sheetId": 7, "rowIndex": 0, "columnIndex": 0 },
            "fields": "userEnteredValue",
            "rows": [
                { "values": [text("=HYPERLINK(\"x\")"), text("+1"), text("@x")] },
                { "values": [
                    { "userEnteredValue": { "numberValue": 2.0 } },
                    { "userEnteredValue": { "boolValue": true } },
                    { "userEnteredValue": { "formulaValue": "=1+1" } },
                ] },
            ],
        }}]}),
    );
    assert_eq!(r.status, 200, "{}", r.message());
    assert_eq!(
        emu.tab_values(&id, "_manifest").unwrap(),
        [
            vec!["=HYPERLINK(\"x\")", "+1", "@x"],
            vec!["2", "TRUE", "FORMULA:=1+1"]
        ]
    );
    let r = c.post(
        &bu,
        &json!({ "requests": [{ "updateCells": {
            "start": { "sheetId": 7, "rowIndex": 2, "columnIndex": 0 },
            "fields": "userEnteredValue",
            "rows": [{ "values": [text("x")] }],
        }}]}),
    );
    assert_eq!(r.status, 400);
    assert!(
        r.message().contains("exceeds grid limits"),
        "{}",
        r.message()
    );

    // Grown in the same batch, then written with a `range`: the range's cells the rows do not
    // cover are cleared.
    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "appendDimension": { "sheetId": 7, "dimension": "ROWS", "length": 1 } },
            { "updateCells": {
                "range": { "sheetId": 7, "startRowIndex": 0, "endRowIndex": 3,
                           "startColumnIndex": 0, "endColumnIndex": 3 },
                "fields": "userEnteredValue",
                "rows": [{ "values": [text("a")] }, { "values": [text("b"), text("c")] }],
            }},
        ]}),
    );
    assert_eq!(r.status, 200, "{}", r.message());
    assert_eq!(
        emu.tab_values(&id, "_manifest").unwrap(),
        [vec!["a"], vec!["b", "c"]]
    );
    assert_eq!(emu.tab_grid_size(&id, "_manifest"), Some((3, 3)));

    // All or nothing: a failing request later in the batch leaves the cells (and the tabs)
    // as they were; so does a bad cell, a cell over 50,000 characters, no field mask, rows
    // beyond the range, or an unknown sheet.
    let before = emu.tab_values(&id, "_manifest").unwrap();
    let ventas = sheet_id(&c, &id, "ventas");
    let write = |cells: Value| {
        json!({ "updateCells": {
            "start": { "sheetId": 7, "rowIndex": 0, "columnIndex": 0 },
            "fields": "userEnteredValue",
            "rows": [{ "values": cells }],
        }})
    };
    let bad = [
        (
            json!([
                write(json!([text("z")])),
                { "deleteSheet": { "sheetId": ventas } },
                { "deleteSheet": { "sheetId": 99 } },
            ]),
            "No grid with id: 99",
        ),
        (
            json!([write(json!([text(&"x".repeat(50_001))]))]),
            "50000 characters",
        ),
        (
            json!([write(
                json!([{ "userEnteredValue": { "stringValue": "a", "numberValue": 1 } }])
            )]),
            "only one of",
        ),
        (
            json!([write(
                json!([{ "userEnteredValue": { "formulaValue": "1+1" } }])
            )]),
            "must start with '='",
        ),
        (
            json!([{ "updateCells": {
                "start": { "sheetId": 7 }, "rows": [{ "values": [text("z")] }] } }]),
            "At least one field",
        ),
        (
            json!([{ "updateCells": {
                "range": { "sheetId": 7, "startRowIndex": 0, "endRowIndex": 1 },
                "fields": "userEnteredValue",
                "rows": [{ "values": [text("z")] }, { "values": [text("z")] }] } }]),
            "beyond the last requested row",
        ),
        (
            json!([{ "updateCells": {
                "start": { "sheetId": 8 }, "fields": "*", "rows": [] } }]),
            "No grid with id: 8",
        ),
    ];
    for (requests, msg) in bad {
        let r = c.post(&bu, &json!({ "requests": requests }));
        assert_eq!(r.status, 400, "{msg}");
        assert!(r.message().contains(msg), "{} vs {msg}", r.message());
        assert_eq!(emu.tab_values(&id, "_manifest").unwrap(), before);
        assert_eq!(emu.tabs(&id), ["_manifest", "ventas"]);
    }

    // A mask without userEnteredValue changes no value; cells written to a tab the same batch
    // deletes go with it, and a tab re-added under the same id starts empty.
    let r = c.post(
        &bu,
        &json!({ "requests": [
            { "updateCells": { "start": { "sheetId": 7 }, "fields": "note",
                "rows": [{ "values": [text("z")] }] } },
            { "updateCells": { "start": { "sheetId": ventas }, "fields": "*",
                "rows": [{ "values": [text("gone")] }] } },
            { "deleteSheet": { "sheetId": ventas } },
            { "addSheet": { "properties": { "sheetId": ventas, "title": "ventas" } } },
        ]}),
    );
    assert_eq!(r.status, 200, "{}", r.message());
    assert_eq!(emu.tab_values(&id, "_manifest").unwrap(), before);
    assert_eq!(
        emu.tab_values(&id, "ventas").unwrap(),
        Vec::<Vec<String>>::new()
    );
}

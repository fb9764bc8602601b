//! Drive v3 over HTTP: multipart and resumable uploads, list with q, update, delete, permissions.

mod common;

use common::{enc, Client};
use google_emulator::{Emulator, Fault, FaultAction};
use serde_json::{json, Value};

const BOUNDARY: &str = "-------------314159265358979323846";

/// The body google-apis-common's MultiPartReader writes.
fn multipart(meta: &Value, mime: &str, content: &[u8]) -> Vec<u8> {
    let meta = serde_json::to_vec(meta).unwrap();
    let mut b = Vec::new();
    b.extend_from_slice(
        format!(
            "\r\n--{BOUNDARY}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            meta.len()
        )
        .as_bytes(),
    );
    b.extend_from_slice(&meta);
    b.extend_from_slice(
        format!(
            "\r\n--{BOUNDARY}\r\ncontent-type: {mime}\r\ncontent-length: {}\r\n\r\n",
            content.len()
        )
        .as_bytes(),
    );
    b.extend_from_slice(content);
    b.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    b
}

fn upload(c: &Client, meta: Value, mime: &str, content: &[u8]) -> Value {
    let ct = format!("multipart/related;boundary={BOUNDARY}");
    let r = c
        .request(
            "POST",
            "/upload/drive/v3/files?alt=json&uploadType=multipart",
            &[("Content-Type", &ct)],
            Some(&multipart(&meta, mime, content)),
        )
        .unwrap();
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json()
}

fn list(c: &Client, q: &str) -> Vec<String> {
    let r = c.get(&format!("/drive/v3/files?q={}", enc(q)));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn multipart_folders_files_and_queries() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let folder = upload(
        &c,
        json!({ "name": "sheetdrop", "mimeType": "application/vnd.google-apps.folder" }),
        "application/vnd.google-apps.folder",
        b"",
    );
    let fid = folder["id"].as_str().unwrap().to_string();
    assert_eq!(folder["mimeType"], "application/vnd.google-apps.folder");
    assert_eq!(folder["parents"], json!(["root"]));
    let sub = upload(
        &c,
        json!({ "name": "ventas", "mimeType": "application/vnd.google-apps.folder", "parents": [fid] }),
        "application/vnd.google-apps.folder",
        b"",
    );
    let sid = sub["id"].as_str().unwrap().to_string();
    let f = upload(
        &c,
        json!({ "name": "ventas-1.csv", "parents": [sid], "appProperties": { "sha256": "abc" } }),
        "text/csv",
        b"ID;X\r\n1;2\r\n",
    );
    assert_eq!(f["mimeType"], "text/csv");
    assert_eq!(f["size"], "11");
    upload(
        &c,
        json!({ "name": "it's.csv", "parents": [sid] }),
        "text/csv",
        b"x",
    );

    let files = emu.drive_files();
    assert_eq!(files.len(), 4);
    assert_eq!(files[2].content, b"ID;X\r\n1;2\r\n");
    assert_eq!(files[2].parents, vec![sid.clone()]);

    assert_eq!(
        list(&c, &format!("'{sid}' in parents and trashed = false")),
        ["ventas-1.csv", "it's.csv"]
    );
    assert_eq!(list(&c, "name = 'it\\'s.csv'"), ["it's.csv"]);
    assert_eq!(
        list(&c, &format!("name = 'ventas' and mimeType = 'application/vnd.google-apps.folder' and '{fid}' in parents")),
        ["ventas"]
    );
    assert_eq!(
        list(&c, "appProperties has { key='sha256' and value='abc' }"),
        ["ventas-1.csv"]
    );
    let r = c.get(&format!("/drive/v3/files?q={}", enc("name ~ 'x'")));
    assert_eq!(r.status, 400);

    // Ordering and paging.
    let r = c.get(&format!(
        "/drive/v3/files?q={}&orderBy=name%20desc&pageSize=1",
        enc(&format!("'{sid}' in parents"))
    ));
    let v = r.json();
    assert_eq!(v["files"][0]["name"], "ventas-1.csv");
    let token = v["nextPageToken"].as_str().unwrap();
    let v = c
        .get(&format!(
            "/drive/v3/files?q={}&orderBy=name%20desc&pageSize=1&pageToken={token}",
            enc(&format!("'{sid}' in parents"))
        ))
        .json();
    assert_eq!(v["files"][0]["name"], "it's.csv");
    assert!(v.get("nextPageToken").is_none());

    // A missing parent.
    let ct = format!("multipart/related;boundary={BOUNDARY}");
    let r = c
        .request(
            "POST",
            "/upload/drive/v3/files?uploadType=multipart",
            &[("Content-Type", &ct)],
            Some(&multipart(
                &json!({ "name": "x", "parents": ["nope"] }),
                "text/csv",
                b"x",
            )),
        )
        .unwrap();
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["errors"][0]["reason"], "notFound");
}

#[test]
fn update_get_delete_and_permissions() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let folder = upload(
        &c,
        json!({ "name": "d", "mimeType": "application/vnd.google-apps.folder" }),
        "application/vnd.google-apps.folder",
        b"",
    );
    let fid = folder["id"].as_str().unwrap();
    let f = upload(
        &c,
        json!({ "name": "a.csv", "parents": [fid] }),
        "text/csv",
        b"one",
    );
    let id = f["id"].as_str().unwrap();

    // Content update.
    let ct = format!("multipart/related;boundary={BOUNDARY}");
    let r = c
        .request(
            "PATCH",
            &format!("/upload/drive/v3/files/{id}?uploadType=multipart"),
            &[("Content-Type", &ct)],
            Some(&multipart(&json!({ "name": "b.csv" }), "text/csv", b"two")),
        )
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["name"], "b.csv");
    let r = c.get(&format!("/drive/v3/files/{id}?alt=media"));
    assert_eq!(r.body, b"two");
    assert_eq!(c.get(&format!("/drive/v3/files/{id}")).json()["size"], "3");

    // Metadata update, parents only through addParents/removeParents.
    let r = c.send(
        "PATCH",
        &format!("/drive/v3/files/{id}"),
        Some(&json!({ "parents": ["root"] })),
    );
    assert_eq!(r.status, 403);
    let r = c.send(
        "PATCH",
        &format!("/drive/v3/files/{id}?addParents=root&removeParents={fid}"),
        Some(&json!({ "description": "moved" })),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["parents"], json!(["root"]));
    let r = c.send(
        "PATCH",
        &format!("/drive/v3/files/{id}?addParents={fid}&removeParents=root"),
        Some(&json!({})),
    );
    assert_eq!(r.json()["parents"], json!([fid]));

    // Permissions.
    let perms = format!("/drive/v3/files/{fid}/permissions");
    let r = c.post(
        &perms,
        &json!({ "role": "reader", "type": "user", "emailAddress": "ana@example.com" }),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["role"], "reader");
    for bad in [
        json!({ "role": "boss", "type": "user", "emailAddress": "ana@example.com" }),
        json!({ "role": "reader", "type": "user", "emailAddress": "not-an-email" }),
        json!({ "role": "reader" }),
    ] {
        assert_eq!(c.post(&perms, &bad).status, 400, "{bad}");
    }
    assert_eq!(
        c.post(
            &perms,
            &json!({ "role": "owner", "type": "user", "emailAddress": "ana@example.com" })
        )
        .status,
        403
    );
    let folder_file = emu.drive_files().into_iter().find(|f| f.id == fid).unwrap();
    assert_eq!(
        folder_file.permissions,
        vec![("reader".to_string(), "ana@example.com".to_string())]
    );
    let v = c.get(&perms).json();
    assert_eq!(v["permissions"].as_array().unwrap().len(), 2);
    assert_eq!(
        c.post("/drive/v3/files/nope/permissions", &json!({}))
            .status,
        404
    );

    // Delete: the folder takes its children.
    let r = c.send("DELETE", &format!("/drive/v3/files/{fid}"), None);
    assert_eq!(r.status, 204);
    assert!(emu.drive_files().is_empty());
    assert_eq!(c.get(&format!("/drive/v3/files/{id}")).status, 404);
    assert_eq!(
        c.send("DELETE", &format!("/drive/v3/files/{id}"), None)
            .status,
        404
    );
}

fn chunk(c: &Client, url: &str, data: &[u8], a: usize, b: usize, total: usize) -> common::Resp {
    let range = format!("bytes {a}-{b}/{total}");
    c.request(
        "POST",
        url,
        &[("Content-Range", &range), ("Content-Type", "text/csv")],
        Some(&data[a..=b]),
    )
    .unwrap()
}

fn status_query(c: &Client, url: &str, total: usize) -> common::Resp {
    let range = format!("bytes */{total}");
    c.request("PUT", url, &[("Content-Range", &range)], Some(b""))
        .unwrap()
}

#[test]
fn resumable_upload_with_ranges_status_queries_and_faults() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let k = 256 * 1024;
    let total = 4 * k + 123;
    let data: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();

    let r = c
        .request(
            "POST",
            "/resumable/upload/drive/v3/files?alt=json&uploadType=resumable",
            &[
                ("Content-Type", "application/json"),
                ("X-Upload-Content-Type", "text/csv"),
            ],
            Some(br#"{"name":"big.csv"}"#),
        )
        .unwrap();
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let url = r.header("location").unwrap().to_string();
    assert!(
        url.starts_with(&emu.url()) && url.contains("upload_id="),
        "{url}"
    );

    // Nothing received yet: 308 without Range.
    let r = status_query(&c, &url, total);
    assert_eq!(r.status, 308);
    assert!(r.header("range").is_none());

    let r = chunk(&c, &url, &data, 0, k - 1, total);
    assert_eq!(r.status, 308);
    assert_eq!(
        r.header("range"),
        Some(format!("bytes=0-{}", k - 1).as_str())
    );

    // A 503 on the next chunk: nothing of it is kept.
    emu.inject(Fault::new("upload_id=", 1, FaultAction::Status(503)));
    let r = chunk(&c, &url, &data, k, 2 * k - 1, total);
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["error"]["status"], "UNAVAILABLE");
    // Skipping the failed chunk (as google-apis-common does) is refused.
    let r = chunk(&c, &url, &data, 2 * k, 3 * k - 1, total);
    assert_eq!(r.status, 400);
    let r = status_query(&c, &url, total);
    assert_eq!(
        r.header("range"),
        Some(format!("bytes=0-{}", k - 1).as_str())
    );

    // A connection dropped mid-chunk: the session keeps whole 256 KiB units it read.
    emu.inject(Fault::new("upload_id=", 1, FaultAction::DropConnection));
    let err = c.request(
        "POST",
        &url,
        &[("Content-Range", &format!("bytes {k}-{}/{total}", 3 * k - 1))],
        Some(&data[k..3 * k]),
    );
    assert!(err.is_err(), "a dropped connection is a transport error");
    let r = status_query(&c, &url, total);
    assert_eq!(r.status, 308);
    assert_eq!(
        r.header("range"),
        Some(format!("bytes=0-{}", 2 * k - 1).as_str())
    );

    // Resume from there; an overlapping chunk is fine.
    let r = chunk(&c, &url, &data, 2 * k - 10, 4 * k - 1, total);
    assert_eq!(r.status, 308);
    let r = chunk(&c, &url, &data, 4 * k, total - 1, total);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = r.json();
    assert_eq!(v["name"], "big.csv");
    assert_eq!(v["mimeType"], "text/csv");
    assert_eq!(v["size"], total.to_string());
    // Asking again after completion answers the file.
    let r = status_query(&c, &url, total);
    assert_eq!(r.status, 200);
    let files = emu.drive_files();
    assert_eq!(files.len(), 1);
    assert!(files[0].content == data, "content differs");

    // The records show the dropped request with status 0 and the half body read.
    let reqs = emu.requests();
    let dropped = reqs.iter().find(|r| r.status == 0).unwrap();
    assert_eq!(dropped.request_bytes, k as u64);
    assert!(dropped.query.contains("upload_id="));

    // Updating content through a resumable session on the plain upload path.
    let id = v["id"].as_str().unwrap();
    let r = c
        .request(
            "PATCH",
            &format!("/upload/drive/v3/files/{id}?uploadType=resumable"),
            &[
                ("Content-Type", "application/json"),
                ("X-Upload-Content-Length", "3"),
            ],
            Some(b"{}"),
        )
        .unwrap();
    let url = r.header("location").unwrap().to_string();
    let r = c
        .request(
            "PUT",
            &url,
            &[("Content-Range", "bytes 0-2/3")],
            Some(b"new"),
        )
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(emu.drive_files()[0].content, b"new");
    assert_eq!(emu.drive_files().len(), 1);
}

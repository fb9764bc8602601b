//! Fault injection, request records, and shutdown.

mod common;

use common::Client;
use google_emulator::{Emulator, Fault, FaultAction};
use serde_json::json;
use std::time::{Duration, Instant};

#[test]
fn status_on_the_nth_matching_request_for_count_requests() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    let id = c.create_spreadsheet(&json!({}));
    emu.inject(Fault {
        matcher: "PUT /v4/spreadsheets".into(),
        nth: 2,
        count: 2,
        action: FaultAction::Status(503),
    });
    let put = |v: &str| {
        c.put(
            &format!("/v4/spreadsheets/{id}/values/A1?valueInputOption=RAW"),
            &json!({ "values": [[v]] }),
        )
    };
    // GETs do not match, so they do not count.
    assert_eq!(c.get(&format!("/v4/spreadsheets/{id}")).status, 200);
    assert_eq!(put("1").status, 200);
    let r = put("2");
    assert_eq!(r.status, 503);
    assert_eq!(r.gstatus(), "UNAVAILABLE");
    assert_eq!(r.json()["error"]["errors"][0]["reason"], "backendError");
    assert_eq!(put("3").status, 503);
    assert_eq!(put("4").status, 200);
    // Faulted requests were not applied.
    assert_eq!(emu.tab_values(&id, "Sheet1").unwrap(), vec![vec!["4"]]);

    let statuses: Vec<u16> = emu
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![200, 503, 503, 200]);
    let last = emu.requests().pop().unwrap();
    assert_eq!(last.path, format!("/v4/spreadsheets/{id}/values/A1"));
    assert_eq!(last.query, "valueInputOption=RAW");
    assert_eq!(last.request_bytes, br#"{"values":[["4"]]}"#.len() as u64);
}

#[test]
fn google_error_bodies_retry_after_and_html_502() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    emu.inject(Fault::new("", 1, FaultAction::StatusRetryAfter(429, 7)));
    emu.inject(Fault::new("", 2, FaultAction::Status(403)));
    emu.inject(Fault::new("", 3, FaultAction::Status(500)));
    emu.inject(Fault::new("", 4, FaultAction::Status(502)));
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    assert_eq!(r.gstatus(), "RESOURCE_EXHAUSTED");
    assert_eq!(
        r.json()["error"]["errors"][0]["reason"],
        "rateLimitExceeded"
    );
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json()["error"]["errors"][0]["reason"],
        "userRateLimitExceeded"
    );
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 500);
    assert_eq!(r.gstatus(), "INTERNAL");
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 502);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(c.get("/drive/v3/files").status, 200);
}

#[test]
fn delay_and_dropped_connections() {
    let emu = Emulator::start();
    let c = Client::authed(&emu);
    emu.inject(Fault::new(
        "GET /drive",
        1,
        FaultAction::Delay(Duration::from_millis(300)),
    ));
    let t = Instant::now();
    assert_eq!(c.get("/drive/v3/files").status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    emu.inject(Fault::new(
        "POST /v4/spreadsheets",
        1,
        FaultAction::DropConnection,
    ));
    let body = serde_json::to_vec(&json!({ "properties": { "title": "x".repeat(1000) } })).unwrap();
    let r = c.request(
        "POST",
        "/v4/spreadsheets",
        &[("Content-Type", "application/json")],
        Some(&body),
    );
    assert!(r.is_err(), "expected a transport error");
    assert!(emu.spreadsheet_ids().is_empty());
    let rec = emu.requests().pop().unwrap();
    assert_eq!(rec.status, 0);
    assert_eq!(rec.request_bytes, body.len() as u64 / 2);
    // The next request works (on a new connection).
    assert_eq!(c.post("/v4/spreadsheets", &json!({})).status, 200);

    // Faults on the token endpoint too.
    emu.inject(Fault::new("POST /token", 1, FaultAction::Status(500)));
    let r = c.form("/token", &[("grant_type", "refresh_token")]);
    assert_eq!(r.status, 500);
    emu.inject(Fault::new("", 1, FaultAction::Status(503)));
    emu.clear_faults();
    assert_eq!(c.get("/drive/v3/files").status, 200);
}

#[test]
fn dropping_the_emulator_shuts_it_down() {
    let emu = Emulator::start();
    let url = emu.url();
    assert!(url.starts_with("http://127.0.0.1:") && !url.ends_with('/'));
    let c = Client::new(&url);
    assert_eq!(c.get("/drive/v3/files").status, 401);
    drop(emu);
    assert!(c.request("GET", "/drive/v3/files", &[], None).is_err());
}

#[test]
fn usable_from_inside_a_tokio_runtime() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let emu = Emulator::start();
        let url = emu.url();
        let status =
            tokio::task::spawn_blocking(move || Client::new(&url).get("/drive/v3/files").status)
                .await
                .unwrap();
        assert_eq!(status, 401);
        drop(emu);
    });
}

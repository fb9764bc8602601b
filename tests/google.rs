//! The google destination against the emulator (`tests/emulator`): the real binary
//! (`sheetdrop run --once` with `kind = "google"`) or the library publishes, and the tests read
//! back what the emulator holds: tabs cell for cell, `_manifest`, Drive files, requests.
#![cfg(unix)]

mod util;

use google_emulator::{Emulator, Fault, FaultAction};
use std::fs;
use std::time::{Duration, Instant};
use util::Sandbox;

const CLIENTES: &str = "COD_CLIENTE;NOMBRE;NOTAS\r\n\
C1;Peña S.A.;=HYPERLINK(\"http://x\")\r\n\
C2;\"Dos\nlíneas\";+1\r\n\
C3;;-2\r\n\
C4;Cuatro;@x\r\n";

const VENTAS: &str = "NRO_VENTA,COD_CLIENTE,TOTAL\nV1,C1,10\nV2,C9,20\nV3,C2,\n";

const ENTITIES: &str = util::CLIENTES_VENTAS_ENTITIES;

/// A sandbox publishing `entities` to a new emulator with a service-account key, plus the
/// `[destination.google]` lines `google_extra`.
fn google_case(entities: &str, google_extra: &str) -> (Sandbox, Emulator) {
    let emulator = Emulator::start();
    // The key path is relative: it is taken from the config file's folder. English: the
    // tests read the errors the agent records, which are in its configured language.
    let google = format!(
        "credentials = \"key.json\"\nshare_with = [\"jefe@example.com\"]\n\
         writes_per_minute = 600\n{google_extra}"
    );
    let rest = format!("[policy]\nmax_invalid_rows = \"50%\"\n\n{entities}");
    let case = Sandbox::new(|s| s.google_config("en", &emulator.url(), &google, &rest));
    emulator.write_service_account_key(&case.path("key.json"));
    (case, emulator)
}

/// `sheetdrop run --once`; returns its exit code (stderr and the log shown on failure).
fn run_once(case: &Sandbox) -> i32 {
    let out = case.run_once();
    if out.code != 0 {
        eprintln!("{}", out.stderr);
        eprintln!("{}", case.log());
    }
    out.code
}

/// What the emulator holds of one publish.
trait Published {
    /// The one spreadsheet.
    fn spreadsheet(&self) -> String;
    /// The values of the tab `title` of the one spreadsheet.
    fn tab(&self, title: &str) -> Vec<Vec<String>>;
    /// The raw files in the entity's Drive folder, by name.
    fn drive_files_of(&self, entity: &str) -> Vec<google_emulator::DriveFile>;
}

impl Published for Emulator {
    fn spreadsheet(&self) -> String {
        let ids = self.spreadsheet_ids();
        assert_eq!(ids.len(), 1, "one spreadsheet: {ids:?}");
        ids[0].clone()
    }

    fn tab(&self, title: &str) -> Vec<Vec<String>> {
        self.tab_values(&self.spreadsheet(), title)
            .unwrap_or_else(|| panic!("no tab {title}"))
    }

    fn drive_files_of(&self, entity: &str) -> Vec<google_emulator::DriveFile> {
        let files = self.drive_files();
        let root = files
            .iter()
            .find(|f| f.name == "sheetdrop" && f.mime_type == "application/vnd.google-apps.folder")
            .expect("the sheetdrop folder");
        let folders: Vec<_> = files
            .iter()
            .filter(|f| f.name == entity && f.parents.contains(&root.id) && !f.trashed)
            .collect();
        assert_eq!(folders.len(), 1, "one folder for {entity}");
        let mut inside: Vec<_> = files
            .iter()
            .filter(|f| f.parents.contains(&folders[0].id) && !f.trashed)
            .cloned()
            .collect();
        inside.sort_by(|a, b| a.name.cmp(&b.name));
        inside
    }
}

/// Rows as the emulator shows them: trailing empty cells and rows trimmed.
fn trimmed(rows: &[&[&str]]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut r: Vec<String> = r.iter().map(|c| c.to_string()).collect();
            while r.last().is_some_and(|c| c.is_empty()) {
                r.pop();
            }
            r
        })
        .collect();
    while out.last().is_some_and(|r| r.is_empty()) {
        out.pop();
    }
    out
}

#[test]
fn publishes_every_tab_cell_for_cell_with_manifest_and_raw_files() {
    let (case, emulator) = google_case(ENTITIES, "");
    case.write_old("clientes.csv", CLIENTES);
    case.write_old("ventas.csv", VENTAS);
    let started = Instant::now();
    assert_eq!(run_once(&case), 0);
    eprintln!("first publish: {:?}", started.elapsed());

    let id = emulator.spreadsheet();
    let mut tabs = emulator.tabs(&id);
    tabs.sort();
    assert_eq!(tabs, ["_manifest", "clientes", "ventas"]);
    // Formula-looking cells stay text; an empty cell is "".
    assert_eq!(
        emulator.tab("clientes"),
        trimmed(&[
            &["COD_CLIENTE", "NOMBRE", "NOTAS"],
            &["C1", "Peña S.A.", "=HYPERLINK(\"http://x\")"],
            &["C2", "Dos\nlíneas", "+1"],
            &["C3", "", "-2"],
            &["C4", "Cuatro", "@x"],
        ])
    );
    // V2 names an unknown client: left out.
    assert_eq!(
        emulator.tab("ventas"),
        trimmed(&[
            &["NRO_VENTA", "COD_CLIENTE", "TOTAL"],
            &["V1", "C1", "10"],
            &["V3", "C2", ""],
        ])
    );
    assert_eq!(emulator.tab_grid_size(&id, "ventas"), Some((3, 3)));

    let manifest = emulator.tab("_manifest");
    assert_eq!(
        manifest[0],
        [
            "entity",
            "rows",
            "columns",
            "sha256",
            "source_file",
            "verdict",
            "published_at",
            "agent_version",
            "host",
            "delta"
        ]
    );
    assert_eq!(manifest.len(), 3);
    assert_eq!(
        manifest[1][..6],
        [
            "clientes",
            "4",
            "3",
            &util::sha256(CLIENTES.as_bytes()),
            "clientes.csv",
            "accepted"
        ]
    );
    assert_eq!(
        manifest[2][..6],
        [
            "ventas",
            "2",
            "3",
            &util::sha256(VENTAS.as_bytes()),
            "ventas.csv",
            "partial"
        ]
    );
    assert_eq!(manifest[1][7], env!("CARGO_PKG_VERSION"));
    assert!(manifest[1][6].ends_with('Z'), "{:?}", manifest[1]);

    // Drive: the raw source file, byte for byte, in the entity's subfolder.
    let raw = emulator.drive_files_of("clientes");
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].content, CLIENTES.as_bytes());
    assert!(raw[0].name.ends_with("_clientes.csv"), "{}", raw[0].name);
    assert_eq!(
        emulator.drive_files_of("ventas")[0].content,
        VENTAS.as_bytes()
    );
    // Shared with the configured reader; only the drive.file scope was asked for.
    let files = emulator.drive_files();
    for shared in files.iter().filter(|f| f.name == "sheetdrop") {
        assert!(
            shared
                .permissions
                .contains(&("reader".into(), "jefe@example.com".into())),
            "{shared:?}"
        );
    }
    for scope in emulator.token_scopes() {
        assert_eq!(scope, "https://www.googleapis.com/auth/drive.file");
    }

    // A new export replaces the tab: no duplicate tabs, one spreadsheet, two raw files.
    let newer = format!("{CLIENTES}C5;Cinco;x\r\n");
    case.write_old("clientes.csv", &newer);
    emulator.clear_requests();
    assert_eq!(run_once(&case), 0);
    // One entity's publish: token, Drive (list the remembered folder, upload), Sheets (tabs,
    // staging, values, swap with the manifest); the manifest is not read back.
    let requests = emulator.requests();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {} {}", r.method, r.path, r.status))
        .collect();
    assert!(requests.len() <= 7, "{lines:#?}");
    assert!(
        requests
            .iter()
            .filter(|r| r.method != "GET" && r.path != "/token")
            .count()
            <= 4,
        "{lines:#?}"
    );
    assert!(
        !requests
            .iter()
            .any(|r| r.path.contains("/values/")
                && (r.method == "GET" || r.path.contains("_manifest"))),
        "{lines:#?}"
    );
    let mut tabs = emulator.tabs(&id);
    tabs.sort();
    assert_eq!(tabs, ["_manifest", "clientes", "ventas"]);
    assert_eq!(emulator.tab("clientes").len(), 6);
    assert_eq!(emulator.tab("clientes")[5], ["C5", "Cinco", "x"]);
    assert_eq!(
        emulator.tab("_manifest")[1][3],
        util::sha256(newer.as_bytes())
    );
    assert_eq!(emulator.tab("_manifest").len(), 3);
    assert_eq!(emulator.drive_files_of("clientes").len(), 2);
    assert_eq!(
        case.status_json()["entities"].as_array().map(|a| a.len()),
        Some(2)
    );
}

#[test]
fn bursts_of_429_and_503_converge() {
    let (case, emulator) = google_case(ENTITIES, "");
    case.write_old("clientes.csv", CLIENTES);
    case.write_old("ventas.csv", VENTAS);
    emulator.inject(Fault::new("PUT /v4/spreadsheets", 1, FaultAction::Status(429)).times(2));
    emulator.inject(Fault::new(":batchUpdate", 2, FaultAction::Status(503)).times(2));
    emulator.inject(Fault::new(
        "POST /upload/drive",
        1,
        FaultAction::StatusRetryAfter(429, 1),
    ));
    emulator.inject(Fault::new(
        "GET /drive/v3/files",
        3,
        FaultAction::Status(500),
    ));
    let started = Instant::now();
    assert_eq!(run_once(&case), 0);
    eprintln!("publish through faults: {:?}", started.elapsed());
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert!(
        statuses.iter().filter(|&&s| s == 429).count() >= 3,
        "{statuses:?}"
    );
    assert!(statuses.contains(&503), "{statuses:?}");
    assert_eq!(emulator.tab("clientes").len(), 5);
    assert_eq!(emulator.tab("ventas").len(), 3);
    let mut tabs = emulator.tabs(&emulator.spreadsheet());
    tabs.sort();
    assert_eq!(tabs, ["_manifest", "clientes", "ventas"]);
    assert_eq!(emulator.drive_files_of("clientes").len(), 1);
}

#[test]
fn the_write_quota_is_never_exceeded() {
    // The emulator allows 20 Sheets writes a minute; the pacer is told the same. The publish
    // of two entities takes fewer: no 429.
    let (case, emulator) = google_case(ENTITIES, "");
    emulator.set_write_quota_per_minute(20);
    let config = fs::read_to_string(case.path("sheetdrop.toml")).unwrap();
    fs::write(
        case.path("sheetdrop.toml"),
        config.replace("writes_per_minute = 600", "writes_per_minute = 20"),
    )
    .unwrap();
    case.write_old("clientes.csv", CLIENTES);
    case.write_old("ventas.csv", VENTAS);
    assert_eq!(run_once(&case), 0);
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert!(!statuses.contains(&429), "{statuses:?}");
}

#[test]
fn an_expired_token_is_refreshed_mid_publish() {
    use sheetdrop::publish::{Destination, GoogleDestination, PublishItem};
    let (case, emulator) = google_case(ENTITIES, "");
    let settings = sheetdrop::config::Google {
        credentials: case.path("key.json").display().to_string(),
        endpoint: emulator.url(),
        writes_per_minute: 600,
        ..Default::default()
    };
    let mut dest =
        GoogleDestination::new(&settings, None, &case.data_dir().join("state.sqlite")).unwrap();
    let item = |entity: &str, text: &str| {
        let path = case.path(&format!("{entity}.csv"));
        fs::write(&path, text).unwrap();
        PublishItem {
            entity: entity.into(),
            path,
            options: Default::default(),
            left_out: vec![],
            sha256: util::sha256(text.as_bytes()),
            source_name: format!("{entity}.csv"),
            verdict: "accepted".into(),
            rows: text.lines().count() as u64 - 1,
            rows_accepted: text.lines().count() as u64 - 1,
            delta: None,
        }
    };
    dest.publish(&item("uno", "a,b\n1,2\n")).unwrap();
    // The server forgets the token the client still holds as valid: the next call gets 401,
    // the client fetches a fresh token and goes on.
    emulator.expire_tokens();
    let done = dest.publish(&item("dos", "c\n3\n")).unwrap();
    assert!(!done.already_there);
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert!(statuses.contains(&401), "{statuses:?}");
    let tokens = emulator
        .requests()
        .iter()
        .filter(|r| r.path == "/token")
        .count();
    assert!(tokens >= 2, "{tokens} token requests");
    assert_eq!(emulator.tab("dos"), [["c"], ["3"]]);
    // Publishing the same snapshot again writes nothing.
    assert!(dest.publish(&item("dos", "c\n3\n")).unwrap().already_there);
    // Tokens that expire within their minute of grace are fetched again on every call.
    emulator.set_token_lifetime(61);
    dest.publish(&item("tres", "d\n4\n")).unwrap();
    assert_eq!(emulator.tab("tres"), [["d"], ["4"]]);
}

#[test]
fn an_oversize_snapshot_goes_to_drive_but_not_to_sheets() {
    let (case, emulator) = google_case(
        r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "ID"
"#,
        "",
    );
    let long = "x".repeat(50_010);
    let text = format!("ID,NOTAS\n1,ok\n2,{long}\n");
    case.write_old("clientes.csv", &text);
    assert_eq!(run_once(&case), 1);
    let raw = emulator.drive_files_of("clientes");
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].content, text.as_bytes());
    let tabs = emulator.tabs(&emulator.spreadsheet());
    assert!(!tabs.iter().any(|t| t.starts_with("clientes")), "{tabs:?}");
    let status = case.status_json().to_string();
    assert!(status.contains("50,000 characters per cell"), "{status}");
    assert!(status.contains("(10 over)"), "{status}");
}

#[test]
fn a_big_file_resumes_after_a_dropped_chunk_and_a_503() {
    let (case, emulator) = google_case(
        r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "ID"
"#,
        "",
    );
    // ~12 MB: two 8 MiB chunks.
    let mut text = String::from("ID,NOMBRE,NOTAS\n");
    let mut i = 0;
    while text.len() < 12_000_000 {
        i += 1;
        text.push_str(&format!("{i},cliente número {i},{}\n", "n".repeat(80)));
    }
    case.write_old("clientes.csv", &text);
    emulator.inject(Fault::new("upload_id=", 1, FaultAction::DropConnection));
    emulator.inject(Fault::new("upload_id=", 3, FaultAction::Status(503)));
    let started = Instant::now();
    assert_eq!(run_once(&case), 0);
    eprintln!("12 MB publish: {:?}", started.elapsed());
    let raw = emulator.drive_files_of("clientes");
    assert_eq!(raw.len(), 1);
    assert!(
        raw[0].content == text.as_bytes(),
        "the uploaded file differs"
    );
    // Chunks answered 308, one was dropped (0), one refused (503): resumed, not restarted.
    let chunks: Vec<(u16, u64)> = emulator
        .requests()
        .iter()
        .filter(|r| r.query.contains("upload_id="))
        .map(|r| (r.status, r.request_bytes))
        .collect();
    assert!(chunks.iter().any(|c| c.0 == 308), "{chunks:?}");
    assert!(chunks.iter().any(|c| c.0 == 0), "{chunks:?}");
    assert!(chunks.iter().any(|c| c.0 == 503), "{chunks:?}");
    let sessions = emulator
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/resumable/") && !r.query.contains("upload_id="))
        .count();
    assert_eq!(sessions, 1, "{chunks:?}");
    let sent: u64 = chunks.iter().map(|c| c.1).sum();
    assert!(sent < text.len() as u64 + 9 * 1024 * 1024, "{chunks:?}");
    let tab = emulator.tab("clientes");
    assert_eq!(tab.len(), i + 1);
    assert_eq!(tab[i][0], i.to_string());
    let writes = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "PUT" && r.path.contains("/values/"))
        .map(|r| r.request_bytes)
        .collect::<Vec<_>>();
    assert!(writes.len() >= 6, "{writes:?}");
    assert!(writes.iter().all(|&b| b < 2_200_000), "{writes:?}");
}

#[test]
fn killed_mid_publish_then_restarted_converges_without_duplicates() {
    let (case, emulator) = google_case(ENTITIES, "");
    case.write_old("clientes.csv", CLIENTES);
    case.write_old("ventas.csv", VENTAS);
    // The first swap (second batchUpdate) hangs: the agent is killed while the staging tab
    // is written but not yet swapped in.
    emulator.inject(Fault::new(
        ":batchUpdate",
        2,
        FaultAction::Delay(Duration::from_secs(30)),
    ));
    let agent = case.spawn(&["run", "--once", "--headless"]);
    util::wait_until("the swap to start", Duration::from_secs(30), || {
        let swaps = emulator
            .requests()
            .iter()
            .filter(|r| r.path.ends_with(":batchUpdate"))
            .count();
        (swaps >= 2).then_some(())
    });
    // Killed.
    drop(agent);
    let id = emulator.spreadsheet();
    assert!(
        emulator.tabs(&id).iter().any(|t| t.ends_with("__staging")),
        "{:?}",
        emulator.tabs(&id)
    );
    emulator.clear_faults();
    assert_eq!(run_once(&case), 0);
    let mut tabs = emulator.tabs(&id);
    tabs.sort();
    assert_eq!(tabs, ["_manifest", "clientes", "ventas"]);
    assert_eq!(emulator.tab("clientes").len(), 5);
    assert_eq!(emulator.tab("_manifest").len(), 3);
    assert_eq!(emulator.spreadsheet_ids().len(), 1);
    assert_eq!(emulator.drive_files_of("clientes").len(), 1);
    assert_eq!(emulator.drive_files_of("ventas").len(), 1);
    let folders = emulator
        .drive_files()
        .iter()
        .filter(|f| f.mime_type == "application/vnd.google-apps.folder")
        .count();
    assert_eq!(folders, 3, "sheetdrop, clientes, ventas");
}

/// One `ID` entity `clientes`, for the tests below.
const CLIENTES_BY_ID: &str = r#"
[[entity]]
name = "clientes"
file = "clientes.csv"
id = "ID"
"#;

#[test]
fn a_reader_polling_during_republishes_never_sees_a_partial_tab() {
    let (case, emulator) = google_case(CLIENTES_BY_ID, "");
    // Four versions of different sizes (none loses more than the shrink guard's 50%); the big
    // ones take two or three values requests of ~2 MB, so a publish that wrote into the tab
    // readers see would show them a partial table. No empty cells: the emulator trims those.
    let sizes = [3_000usize, 25_000, 15_000, 32_000];
    let versions: Vec<(String, Vec<Vec<String>>)> = sizes
        .iter()
        .enumerate()
        .map(|(v, &rows)| {
            let mut table = vec![vec!["ID".to_string(), "NOMBRE".into(), "NOTAS".into()]];
            for i in 1..=rows {
                table.push(vec![
                    i.to_string(),
                    format!("cliente {i} versión {v}"),
                    format!("{}{v}", "nota ".repeat(i % 17 + 10)),
                ]);
            }
            let text: String = table.iter().map(|r| r.join(",") + "\n").collect();
            (text, table)
        })
        .collect();

    let stop = std::sync::atomic::AtomicBool::new(false);
    let (observations, staging_seen, bad) = std::thread::scope(|s| {
        let poller = s.spawn(|| {
            // Per poll: the version the tab equals (None: no tab yet).
            let mut observations: Vec<Option<usize>> = Vec::new();
            let mut staging_seen = 0usize;
            let mut bad: Vec<String> = Vec::new();
            let mut last = false;
            loop {
                // One more look after the last publish, then stop.
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    last = true;
                }
                let id = emulator.spreadsheet_ids().into_iter().next();
                if let Some(id) = &id {
                    if emulator.tabs(id).iter().any(|t| t.ends_with("__staging")) {
                        staging_seen += 1;
                    }
                }
                let tab = id.and_then(|id| emulator.tab_values(&id, "clientes"));
                match tab {
                    None => observations.push(None),
                    Some(tab) => match versions.iter().position(|(_, t)| *t == tab) {
                        Some(v) => observations.push(Some(v)),
                        None => bad.push(format!(
                            "{} rows, first {:?}, last {:?}",
                            tab.len(),
                            tab.get(1),
                            tab.last()
                        )),
                    },
                }
                if last {
                    return (observations, staging_seen, bad);
                }
                std::thread::sleep(Duration::from_millis(3));
            }
        });
        for (text, _) in &versions {
            case.write_old("clientes.csv", text);
            assert_eq!(run_once(&case), 0);
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        poller.join().unwrap()
    });

    assert!(bad.is_empty(), "partial or unknown tabs seen: {bad:#?}");
    // Absent only before the first publish; then the versions in publish order.
    let seen: Vec<usize> = observations.iter().flatten().copied().collect();
    let first_seen = observations.iter().position(Option::is_some).unwrap();
    assert!(
        observations[first_seen..].iter().all(Option::is_some),
        "the tab disappeared after it was published"
    );
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(seen.last(), Some(&(versions.len() - 1)));
    let mut distinct = seen.clone();
    distinct.dedup();
    eprintln!(
        "{} polls, versions seen in order {distinct:?}, {staging_seen} while a staging tab was \
         being written",
        observations.len()
    );
    assert!(distinct.len() >= 2, "{distinct:?}");
    // The polls overlapped the writes: a reader could have seen a partial tab.
    assert!(staging_seen > 0, "no poll saw a staging tab");
    let writes = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "PUT" && r.path.contains("__staging"))
        .count();
    // 1 + 2 + 1 + 3 with ~2 MB requests: the big versions were written in several steps.
    assert!(writes >= 6, "{writes} values writes into staging tabs");
    assert_eq!(emulator.tab("clientes"), versions[3].1);
    assert_eq!(emulator.drive_files_of("clientes").len(), 4);
}

#[test]
fn a_resumable_upload_dropped_at_60_percent_resumes_in_its_session() {
    // `a_big_file_resumes_after_a_dropped_chunk_and_a_503` drops the first chunk (~35% of
    // the file); this one drops the second after a chunk was taken: 20 MiB, chunks of 8 MiB at
    // 0, 8 and 16 MiB; the second is cut after half its body, so the session keeps 12 MiB
    // (60%) and the upload must go on from there, not from 0 nor from 8 MiB. The bulk of the
    // file is in rows left out (duplicate IDs), so Sheets gets ten small rows.
    const MIB: usize = 1 << 20;
    let (case, emulator) = google_case(CLIENTES_BY_ID, "");
    let mut text = String::from("ID,NOTAS\n");
    for i in 1..=10 {
        text.push_str(&format!("{i},ok {i}\n"));
    }
    let fill = (20 * MIB - text.len()) / 9;
    for k in 0..9 {
        let room = if k == 8 { 20 * MIB - text.len() } else { fill };
        text.push_str("1,");
        text.push_str(&"x".repeat(room - 3));
        text.push('\n');
    }
    assert_eq!(text.len(), 20 * MIB);
    case.write_old("clientes.csv", &text);
    emulator.inject(Fault::new("upload_id=", 2, FaultAction::DropConnection));
    let started = Instant::now();
    assert_eq!(run_once(&case), 0);
    eprintln!("20 MiB upload dropped at 60%: {:?}", started.elapsed());

    let raw = emulator.drive_files_of("clientes");
    assert_eq!(raw.len(), 1);
    assert!(
        raw[0].content == text.as_bytes(),
        "the uploaded file differs"
    );
    let requests = emulator.requests();
    let sessions = requests
        .iter()
        .filter(|r| r.path.starts_with("/resumable/") && !r.query.contains("upload_id="))
        .count();
    let chunks: Vec<(u16, u64)> = requests
        .iter()
        .filter(|r| r.query.contains("upload_id="))
        .map(|r| (r.status, r.request_bytes))
        .collect();
    assert_eq!(sessions, 1, "{chunks:?}");
    let dropped = chunks
        .iter()
        .position(|c| c.0 == 0)
        .expect("a dropped chunk");
    assert_eq!(dropped, 1, "{chunks:?}");
    // 8 MiB taken, then half of the next: the session held 12 MiB (60%) when it was cut.
    assert_eq!(chunks[0], (308, 8 * MIB as u64), "{chunks:?}");
    assert_eq!(chunks[1].1, 4 * MIB as u64, "{chunks:?}");
    // After the drop, exactly the missing 40% went up, and the session completed.
    let after: u64 = chunks[2..].iter().map(|c| c.1).sum();
    assert_eq!(after, 8 * MIB as u64, "{chunks:?}");
    assert_eq!(chunks.last().map(|c| c.0), Some(200), "{chunks:?}");
    assert_eq!(emulator.tab("clientes").len(), 11);
}

#[test]
fn a_deleted_root_folder_is_created_again_and_shared() {
    let (case, emulator) = google_case(ENTITIES, "");
    case.write_old("clientes.csv", CLIENTES);
    assert_eq!(run_once(&case), 0);
    let folder = "application/vnd.google-apps.folder";
    let roots = || -> Vec<google_emulator::DriveFile> {
        emulator
            .drive_files()
            .into_iter()
            .filter(|f| f.name == "sheetdrop" && f.mime_type == folder)
            .collect()
    };
    let old = roots();
    assert_eq!(old.len(), 1);

    // Someone deletes sheetdrop's Drive folder, and everything in it, for good.
    assert!(emulator.delete_drive_file(&old[0].id));
    assert!(roots().is_empty());
    let newer = format!("{CLIENTES}C5;Cinco;x\r\n");
    case.write_old("clientes.csv", &newer);
    assert_eq!(run_once(&case), 0, "the next publish recovers");

    let new = roots();
    assert_eq!(new.len(), 1, "one new root folder");
    assert_ne!(new[0].id, old[0].id);
    assert!(
        new[0]
            .permissions
            .iter()
            .any(|(_, email)| email == "jefe@example.com"),
        "the new root is shared: {:?}",
        new[0].permissions
    );
    let raw = emulator.drive_files_of("clientes");
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].content, newer.as_bytes());
    assert_eq!(emulator.tab("clientes").len(), 6, "header + 5 rows");

    // Remembered from now on: a third publish creates nothing new.
    case.write_old("clientes.csv", format!("{newer}C6;Seis;y\r\n"));
    assert_eq!(run_once(&case), 0);
    assert_eq!(roots().len(), 1);
    assert_eq!(emulator.drive_files_of("clientes").len(), 2);
}

#[test]
fn the_manifest_and_the_folders_are_remembered_and_a_deleted_folder_is_found_again() {
    let (case, emulator) = google_case(ENTITIES, "");
    case.write_old("clientes.csv", CLIENTES);
    case.write_old("ventas.csv", VENTAS);
    assert_eq!(run_once(&case), 0);
    let id = emulator.spreadsheet();
    let values_reads = || {
        emulator
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path.contains("/values/"))
            .count()
    };

    // Someone deletes the clientes folder (with its raw file) between publishes: the publish
    // finds the remembered folder gone, creates another one and goes on.
    let files = emulator.drive_files();
    let folder = "application/vnd.google-apps.folder";
    let root = files
        .iter()
        .find(|f| f.name == "sheetdrop" && f.mime_type == folder)
        .unwrap()
        .id
        .clone();
    let old = files
        .iter()
        .find(|f| f.name == "clientes" && f.parents.contains(&root))
        .unwrap()
        .id
        .clone();
    assert!(emulator.delete_drive_file(&old));
    let newer = format!("{CLIENTES}C5;Cinco;x\r\n");
    case.write_old("clientes.csv", &newer);
    emulator.clear_requests();
    assert_eq!(run_once(&case), 0);
    let raw = emulator.drive_files_of("clientes");
    assert_eq!(raw.len(), 1);
    assert_eq!(raw[0].content, newer.as_bytes());
    let statuses: Vec<u16> = emulator.requests().iter().map(|r| r.status).collect();
    assert!(statuses.contains(&404), "{statuses:?}");
    // The manifest was rebuilt from the rows kept in the state store, not read back.
    assert_eq!(values_reads(), 0);
    let manifest = emulator.tab("_manifest");
    assert_eq!(manifest.len(), 3);
    assert_eq!(
        manifest[1][..4],
        ["clientes", "5", "3", &util::sha256(newer.as_bytes())]
    );
    assert_eq!(
        manifest[2][..4],
        ["ventas", "2", "3", &util::sha256(VENTAS.as_bytes())]
    );

    // Without the kept rows (an agent upgraded from a version that did not keep them), the
    // tab is read once, then no more.
    let key: serde_json::Value =
        serde_json::from_slice(&fs::read(case.path("key.json")).unwrap()).unwrap();
    let setting = format!(
        "google.{}.manifest.{id}",
        key["client_email"].as_str().unwrap()
    );
    let mut state = sheetdrop::state::State::open(&case.data_dir().join("state.sqlite")).unwrap();
    assert!(state
        .setting(&setting)
        .unwrap()
        .is_some_and(|v| v.contains("clientes")));
    state.set_setting(&setting, "").unwrap();
    drop(state);
    let mut ventas = VENTAS.to_string();
    for (n, text) in [(1, "V4,C1,5\n"), (0, "V5,C1,6\n")] {
        ventas.push_str(text);
        case.write_old("ventas.csv", &ventas);
        emulator.clear_requests();
        assert_eq!(run_once(&case), 0);
        assert_eq!(values_reads(), n);
        let manifest = emulator.tab("_manifest");
        assert_eq!(manifest.len(), 3);
        assert_eq!(manifest[1][3], util::sha256(newer.as_bytes()));
        assert_eq!(manifest[2][3], util::sha256(ventas.as_bytes()));
    }
    assert_eq!(emulator.tab("ventas").len(), 5);
    let mut tabs = emulator.tabs(&id);
    tabs.sort();
    assert_eq!(tabs, ["_manifest", "clientes", "ventas"]);
}

/// No server at the configured address (the network down, a proxy that refuses): the files
/// wait to be published, the retries are spent once for all of them (not once per nested
/// call, nor once per entity), and the error the status and the tray show is in the user's
/// language, without the HTTP stack's English.
#[test]
fn no_connection_is_said_in_the_users_language_and_the_files_wait() {
    let (case, emulator) = google_case(ENTITIES, "");
    // A port that was just free: nothing listens there. The key's token endpoint and the
    // API both point at it; the config speaks Spanish.
    let dead = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let url = emulator.url();
    let key = emulator.service_account_key_json().replace(&url, &dead);
    fs::write(case.path("key.json"), key).unwrap();
    let config = fs::read_to_string(case.path("sheetdrop.toml")).unwrap();
    let config = config
        .replace(&url, &dead)
        .replace("language = \"en\"", "language = \"es\"");
    fs::write(case.path("sheetdrop.toml"), config).unwrap();
    case.write_old("clientes.csv", CLIENTES);
    case.write_old("ventas.csv", VENTAS);

    let code = run_once(&case);
    let log = case.log();
    assert_ne!(code, 0, "run --once with no server reached exits non-zero");
    let status = case.status_json();
    for entity in ["clientes", "ventas"] {
        let e = status["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["entity"] == entity)
            .expect("the entity in the status");
        let error = e["last_error"].as_str().expect("last_error");
        assert!(
            error.contains("sin conexión con el servidor: la conexión fue rechazada (compruebe la conexión a Internet"),
            "{entity}: {error}"
        );
        for english in ["tcp connect", "client error", "Connection refused"] {
            assert!(!error.contains(english), "English in {error}");
        }
    }
    assert_eq!(
        status["outbox"].as_array().map(Vec::len),
        Some(2),
        "{status}"
    );
    // One call's budget: 5 tries, 4 waits between them; then the other entity waits too.
    assert_eq!(
        log.matches("google call failed; retrying").count(),
        4,
        "{log}"
    );
    assert_eq!(log.matches("publish failed").count(), 1, "{log}");
    assert!(
        log.contains("the destination cannot be reached: the other publishes wait for the next try waiting=1"),
        "{log}"
    );
    assert_eq!(emulator.spreadsheet_ids().len(), 0);
}

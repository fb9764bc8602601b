//! `sheetdrop doctor` on the real binary: a sound local setup, each kind of breakage (folder,
//! data dir, config), the JSON against the text, the Google destination against the emulator
//! (before and after a first publish, then broken in three ways), and while an agent runs.
#![cfg(unix)]

mod util;

use google_emulator::{Emulator, Fault, FaultAction};
use std::fs;
use std::time::{Duration, Instant};
use util::{Output, Sandbox};

/// A doctor must answer well within this, even when Google does not.
const DOCTOR_WITHIN: Duration = Duration::from_secs(60);

/// The check lines of `doctor`'s text output.
trait Checks {
    /// Each check: (ok, "name: detail", fix).
    fn checks(&self) -> Vec<(bool, String, Option<String>)>;
    /// The check whose English label is `label` ("folder", "data dir", ...): (ok, detail, fix).
    fn check(&self, label: &str) -> (bool, String, Option<String>);
}

impl Checks for Output {
    fn checks(&self) -> Vec<(bool, String, Option<String>)> {
        let mut checks: Vec<(bool, String, Option<String>)> = Vec::new();
        for line in self.stdout.lines() {
            if let Some(rest) = line.strip_prefix("OK   ") {
                checks.push((true, rest.to_string(), None));
            } else if let Some(rest) = line.strip_prefix("FAIL ") {
                checks.push((false, rest.to_string(), None));
            } else if let Some(fix) = line.trim_start().strip_prefix("fix: ") {
                let last = checks.last_mut().expect("a fix follows its check");
                assert!(!last.0, "a fix under a passing check:\n{}", self.stdout);
                last.2 = Some(fix.to_string());
            }
        }
        checks
    }

    fn check(&self, label: &str) -> (bool, String, Option<String>) {
        let prefix = format!("{label}: ");
        self.checks()
            .into_iter()
            .find(|(_, line, _)| line.starts_with(&prefix))
            .map(|(ok, line, fix)| (ok, line[prefix.len()..].to_string(), fix))
            .unwrap_or_else(|| panic!("no {label} check in:\n{}", self.stdout))
    }
}

/// A config in English watching `in/` (relative to the config), then `rest`.
fn config(rest: &str) -> String {
    format!("language = \"en\"\n\n[source]\nfolder = \"in\"\nsettle_seconds = 1\n\n{rest}")
}

/// A sandbox whose config is `config`, whose commands must end within [`DOCTOR_WITHIN`].
fn sandbox(config: String) -> Sandbox {
    Sandbox::new(|_| config).with_timeout(DOCTOR_WITHIN)
}

/// A sandbox whose config publishes to a local folder.
fn local() -> Sandbox {
    sandbox(config("[destination]\nfolder = \"out\"\n"))
}

/// `sheetdrop doctor`.
fn doctor(case: &Sandbox) -> Output {
    case.run(&["doctor"])
}

#[test]
fn a_sound_local_setup_passes_every_check() {
    let case = local();
    case.write_old("clientes.csv", "COD;NOMBRE\nC1;Uno\n");
    let out = doctor(&case);
    out.assert_code(0, "doctor");
    let checks = out.checks();
    let names: Vec<&str> = checks
        .iter()
        .map(|(_, line, _)| line.split(':').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "config",
            "folder",
            "data dir",
            "state store",
            "destination",
            "clock"
        ],
        "{}",
        out.stdout
    );
    assert!(checks.iter().all(|(ok, _, _)| *ok), "{}", out.stdout);
    let config = case.path("sheetdrop.toml").display().to_string();
    assert!(out.stdout.starts_with("sheetdrop "), "version first");
    assert!(
        out.stdout.contains(&format!("\nconfig: {config}\n")),
        "{}",
        out.stdout
    );
    let data = case.data_dir().display().to_string();
    assert!(out.stdout.contains(&format!("\ndata dir: {data}\n")));
    assert!(out.stdout.contains(&format!("\nlogs: {data}/logs\n")));
    assert_eq!(
        out.check("config").1,
        format!("{config} (given with --config)")
    );
    assert!(
        out.check("folder")
            .1
            .ends_with("1 entity file found (clientes)"),
        "{}",
        out.stdout
    );
    assert!(out.check("destination").1.contains("writable"));
    assert!(out.stdout.ends_with("Result: everything is fine.\n"));
    // Proving folders writable leaves nothing behind.
    assert_eq!(fs::read_dir(case.path("out")).unwrap().count(), 0);
}

#[test]
fn a_missing_folder_fails_naming_the_path_and_the_fix() {
    let case = local();
    fs::remove_dir(case.path("in")).unwrap();
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    let folder = case.path("in").display().to_string();
    let (ok, detail, fix) = out.check("folder");
    assert!(!ok);
    assert_eq!(detail, format!("{folder} does not exist"));
    let fix = fix.expect("a fix");
    assert!(fix.contains(&folder), "{fix}");
    assert!(fix.contains("[source]"), "{fix}");
    assert!(
        out.stdout.ends_with("Result: 1 check failed.\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_data_dir_that_cannot_be_created_fails_even_for_root() {
    let case = local();
    fs::write(case.path("file"), "a regular file").unwrap();
    let data = case.path("file/sub");
    let out = case.run_command(case.command_with_data_dir(&["doctor"], &data), "doctor");
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("data dir");
    assert!(!ok);
    assert!(
        detail.starts_with(&format!("cannot write in {}", data.display())),
        "{detail}"
    );
    assert!(fix.unwrap().contains("--data-dir"));
    assert!(!out.check("state store").0, "no state store there either");
    assert!(out.check("folder").0, "the other checks still run");
}

#[test]
fn a_malformed_config_fails_with_its_file_and_line_and_the_rest_still_runs() {
    let case = sandbox("language = \"en\"\n\n[source]\nfolder = \"in\"\nbogus = 1\n".into());
    // A config that does not load is still said in its own `language` (English, as the locale).
    let mut cmd = case.command(&["doctor"]);
    cmd.env("LC_ALL", "en_US.UTF-8");
    let out = case.run_command(cmd, "doctor");
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("config");
    assert!(!ok);
    let file = case.path("sheetdrop.toml").display().to_string();
    assert!(detail.starts_with(&file), "{detail}");
    assert!(detail.contains("line 5"), "{detail}");
    assert!(detail.contains("bogus"), "{detail}");
    assert!(fix.unwrap().contains(&file));
    assert!(out.check("data dir").0 && out.check("state store").0 && out.check("clock").0);
    assert!(
        !out.stdout.contains("folder: "),
        "not checked without a config"
    );

    // Only a --config that does not exist at all is a usage error.
    let data = case.data_dir();
    let data = data.to_str().unwrap();
    let args = [
        "doctor",
        "--config",
        "/nonexistent/sheetdrop.toml",
        "--data-dir",
        data,
    ];
    let mut cmd = case.bare_command(&args);
    cmd.env("LC_ALL", "en_US.UTF-8");
    let missing = case.run_command(cmd, "doctor");
    missing.assert_code(2, "doctor");
    assert!(
        missing
            .stderr
            .contains("/nonexistent/sheetdrop.toml (given with --config) does not exist"),
        "{}",
        missing.stderr
    );
}

#[test]
fn json_parses_and_matches_the_text_verdicts() {
    let case = local();
    fs::remove_dir(case.path("in")).unwrap();
    // The first run creates the data dir and says so; the two compared find the same.
    doctor(&case).assert_code(1, "doctor");
    let text = doctor(&case);
    let json = case.run(&["doctor", "--json"]);
    json.assert_code(text.code, "doctor --json");
    let json = json.json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    let checks = json["checks"].as_array().unwrap();
    let names: Vec<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "config",
            "folder",
            "data_dir",
            "state",
            "destination",
            "clock"
        ]
    );
    let lines = text.checks();
    assert_eq!(checks.len(), lines.len());
    for (c, (ok, line, fix)) in checks.iter().zip(&lines) {
        assert_eq!(c["ok"].as_bool(), Some(*ok), "{c} vs {line}");
        // The clock's detail is the time of each run: the two runs may fall in two seconds.
        let detail = c["detail"].as_str().unwrap();
        let same = match c["name"].as_str() {
            Some("clock") => {
                line.starts_with("clock: ") && line.len() == "clock: ".len() + detail.len()
            }
            _ => line.ends_with(detail),
        };
        assert!(same, "{c} vs {line}");
        assert_eq!(c["fix"].as_str(), fix.as_deref(), "{c}");
    }
}

#[test]
fn doctor_works_while_an_agent_runs() {
    let case = local();
    case.write_old("clientes.csv", "COD;NOMBRE\nC1;Uno\n");
    let mut agent = case.start_agent(Duration::from_secs(60));
    let out = doctor(&case);
    // The doctor did not disturb the agent.
    agent.assert_running();
    drop(agent);
    out.assert_code(0, "doctor");
    assert!(
        out.check("state store").1.ends_with(", ok"),
        "{}",
        out.stdout
    );
}

/// A Google case: the emulator and a config publishing to it with a service-account key.
fn google_case() -> (Sandbox, Emulator) {
    let emulator = Emulator::start();
    let google = "credentials = \"key.json\"\nwrites_per_minute = 600\n";
    let entity = "[[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"COD\"\n";
    let case = Sandbox::new(|s| s.google_config("en", &emulator.url(), google, entity))
        .with_timeout(DOCTOR_WITHIN);
    emulator.write_service_account_key(&case.path("key.json"));
    (case, emulator)
}

#[test]
fn google_before_and_after_the_first_publish_then_broken() {
    let (case, emulator) = google_case();
    let out = doctor(&case);
    out.assert_code(0, "doctor");
    let email = google_emulator::SERVICE_ACCOUNT_EMAIL;
    let (_, credentials, _) = out.check("credentials");
    assert_eq!(
        credentials,
        format!(
            "service account {email} (key {})",
            case.path("key.json").display()
        )
    );
    assert_eq!(out.check("token").1, "an access token was obtained");
    for what in ["spreadsheet", "Drive folder"] {
        let (ok, detail, _) = out.check(what);
        assert!(ok, "{}", out.stdout);
        assert_eq!(
            detail,
            "not created yet: it will be created at first publish"
        );
    }
    let clock = out.check("clock").1;
    assert!(clock.ends_with(" s from Google's clock"), "{clock}");
    assert!(
        emulator.spreadsheet_ids().is_empty() && emulator.drive_files().is_empty(),
        "doctor creates nothing in Google"
    );

    case.write_old("clientes.csv", "COD;NOMBRE\nC1;Uno\n");
    let once = case.run(&["run", "--once", "--headless"]);
    once.assert_code(0, "run --once");
    let out = doctor(&case);
    out.assert_code(0, "doctor");
    let spreadsheet = emulator.spreadsheet_ids()[0].clone();
    assert_eq!(
        out.check("spreadsheet").1,
        format!("{spreadsheet} \"sheetdrop\": reachable")
    );
    let (ok, folder, _) = out.check("Drive folder");
    assert!(
        ok && folder.ends_with("\"sheetdrop\": reachable"),
        "{folder}"
    );

    // Someone unshared the spreadsheet: 403.
    emulator.inject(Fault::new(
        "GET /v4/spreadsheets/",
        1,
        FaultAction::Status(403),
    ));
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("spreadsheet");
    assert!(!ok);
    assert_eq!(detail, format!("{spreadsheet}: access denied (403)"));
    assert!(fix.unwrap().starts_with(&format!("share it with {email}")));
    assert!(
        out.check("Drive folder").0,
        "one failure does not hide the rest"
    );

    // Someone deleted the Drive folder sheetdrop created: 404, and the next publish makes a
    // new one.
    let root = emulator
        .drive_files()
        .into_iter()
        .find(|f| f.name == "sheetdrop" && f.mime_type.ends_with("folder"))
        .expect("the root folder");
    assert!(emulator.delete_drive_file(&root.id));
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("Drive folder");
    assert!(!ok);
    assert_eq!(detail, format!("{}: not found (404)", root.id));
    let fix = fix.unwrap();
    assert!(fix.contains("the next publish creates a new one"), "{fix}");

    // The token endpoint refuses the key.
    emulator.inject(Fault::new("POST /token", 1, FaultAction::Status(401)));
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    let (ok, _, fix) = out.check("token");
    assert!(!ok, "{}", out.stdout);
    assert!(fix.is_some(), "{}", out.stdout);
    assert!(
        !out.stdout.contains("spreadsheet: "),
        "nothing to ask without a token"
    );

    // A key file that is not a key.
    fs::write(case.path("key.json"), "{\"type\": \"service_account\"}").unwrap();
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("credentials");
    assert!(!ok);
    let key = case.path("key.json").display().to_string();
    assert!(detail.contains(&key), "{detail}");
    let fix = fix.unwrap();
    assert!(fix.contains(&key) && fix.contains("credentials"), "{fix}");
    assert!(!out.stdout.contains("token: "), "{}", out.stdout);
    assert!(out.check("clock").0, "the year is still checked");
}

#[test]
fn google_oauth_without_a_login_or_with_a_refused_one_asks_for_auth_login() {
    let emulator = Emulator::start();
    let google = "credentials = \"oauth\"\n";
    let case = Sandbox::new(|s| s.google_config("en", &emulator.url(), google, ""))
        .with_timeout(DOCTOR_WITHIN);
    let secret = emulator.installed_app_secret_json();
    fs::write(case.path("client_secret.json"), &secret).unwrap();
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("credentials");
    assert!(!ok);
    let cache = case.path("home/.config/sheetdrop/token.json");
    assert!(detail.contains(&cache.display().to_string()), "{detail}");
    assert!(fix.unwrap().starts_with("run `sheetdrop auth login`"));

    // A cached grant the token endpoint does not know (revoked).
    let installed = &serde_json::from_str::<serde_json::Value>(&secret).unwrap()["installed"];
    let cached = serde_json::json!({
        "client_id": installed["client_id"],
        "token_uri": installed["token_uri"],
        "scope": "https://www.googleapis.com/auth/drive.file",
        "refresh_token": "1//revoked",
    });
    fs::create_dir_all(cache.parent().unwrap()).unwrap();
    fs::write(&cache, cached.to_string()).unwrap();
    let out = doctor(&case);
    out.assert_code(1, "doctor");
    assert!(out.check("credentials").0, "{}", out.stdout);
    let (ok, detail, fix) = out.check("token");
    assert!(!ok);
    assert!(detail.contains("re-authorization needed"), "{detail}");
    assert!(fix.unwrap().starts_with("run `sheetdrop auth login`"));
}

#[test]
fn a_token_endpoint_that_does_not_answer_fails_in_seconds_not_minutes() {
    let (case, emulator) = google_case();
    emulator.inject(Fault::new(
        "POST /token",
        1,
        FaultAction::Delay(Duration::from_secs(45)),
    ));
    let start = Instant::now();
    let out = doctor(&case);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    out.assert_code(1, "doctor");
    let (ok, detail, fix) = out.check("token");
    assert!(!ok);
    assert!(detail.contains("did not answer within 10 s"), "{detail}");
    assert!(fix.unwrap().contains("network, proxy, firewall"));
}

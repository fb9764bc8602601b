//! `sheetdrop auth login|status|logout` and `credentials = "oauth"`, with the real binary
//! against the emulator (`tests/emulator`). Each test has its own HOME and XDG_CONFIG_HOME, so
//! the per-user token cache lives in a temp dir.
#![cfg(unix)]

mod util;

use google_emulator::{Emulator, SERVICE_ACCOUNT_EMAIL};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use util::{Output, Sandbox};

const CLIENTES: &str = "COD_CLIENTE;NOMBRE\r\nC1;Uno\r\nC2;=1+1\r\n";

const ENTITIES: &str = util::CLIENTES_ENTITY;

/// A sandbox whose `[destination.google]` has `credentials`, plus `extra` lines, publishing to
/// a new emulator, with its service-account key and its installed app's client secret.
fn sandbox(credentials: &str, extra: &str) -> (Sandbox, Emulator) {
    let emulator = Emulator::start();
    let google = format!("credentials = \"{credentials}\"\nwrites_per_minute = 600\n{extra}");
    // English: the tests read the messages of `auth`.
    let case = Sandbox::new(|s| s.google_config("en", &emulator.url(), &google, ENTITIES));
    emulator.write_service_account_key(&case.path("key.json"));
    let secret = emulator.installed_app_secret_json();
    fs::write(case.path("client_secret.json"), secret).unwrap();
    (case, emulator)
}

/// The per-user token cache of the sandbox.
fn token_cache(case: &Sandbox) -> PathBuf {
    case.path("home/.config/sheetdrop/token.json")
}

/// Runs `sheetdrop ARGS`, which must show no secret.
fn sheetdrop(case: &Sandbox, args: &[&str]) -> Output {
    let out = case.run(args);
    assert_no_secret(&out);
    out
}

/// `auth status`: exit code and stdout.
fn auth_status(case: &Sandbox) -> (i32, String) {
    let out = sheetdrop(case, &["auth", "status"]);
    (out.code, out.stdout)
}

/// The `last_error` of the entity in `status --json`.
fn last_error(case: &Sandbox, entity: &str) -> String {
    let status = case.entity_status(entity);
    let found = status["last_error"].as_str().map(str::to_string);
    found.unwrap_or_else(|| panic!("no last_error for {entity}: {status}"))
}

/// `auth login --no-browser`, with the test acting as the browser: it opens the printed
/// address (the emulator consents at once and redirects) and follows the redirect to the
/// login's localhost listener.
fn login(case: &Sandbox) -> String {
    let mut child = case
        .command(&["auth", "login", "--no-browser"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut printed = String::new();
    let url = loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "no address printed: {printed}"
        );
        printed.push_str(&line);
        if line.trim().starts_with("http") {
            break line.trim().to_string();
        }
    };
    assert!(url.contains("auth%2Fdrive.file") || url.contains("auth/drive.file"));
    let (status, location) = http_get(&url);
    assert_eq!(status, 302, "the emulator consents and redirects");
    assert!(location.starts_with("http://localhost:"), "{location}");
    let (status, _) = http_get(&location);
    assert_eq!(status, 200, "the login's listener takes the code");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    printed.push_str(&rest);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "login failed: {printed}\n{stderr}");
    for text in [&printed, &stderr] {
        assert!(!text.contains("ya29.") && !text.contains("1//"), "{text}");
    }
    printed
}

/// Output must not show a token or a private key.
fn assert_no_secret(out: &Output) {
    for text in [&out.stdout, &out.stderr] {
        for secret in [
            "ya29.",
            "1//emulator-refresh",
            "PRIVATE KEY",
            "emulator-secret",
        ] {
            assert!(!text.contains(secret), "{secret} shown: {text}");
        }
    }
}

/// A bare HTTP/1.1 GET (the "browser"); returns the status and the `Location` header.
fn http_get(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("an http address");
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(split);
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    let address = host.replace("localhost", "127.0.0.1");
    let mut stream = TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let location = answer
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default();
    (status, location)
}

#[test]
fn service_account_status_names_the_account_and_fetches_a_token() {
    let (case, emulator) = sandbox("key.json", "");
    let (code, out) = auth_status(&case);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(SERVICE_ACCOUNT_EMAIL), "{out}");
    assert!(out.contains("token: works"), "{out}");
    assert!(
        emulator
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path == "/token" && r.status == 200),
        "a token was really fetched"
    );
    // Revoking what was issued does not stop a service account: it signs a new assertion.
    emulator.revoke_all_tokens();
    assert_eq!(auth_status(&case).0, 0);

    // A key the token endpoint refuses (its token_uri is not the audience the endpoint
    // expects): 1, with the reason.
    let mut key: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(case.path("key.json")).unwrap()).unwrap();
    key["token_uri"] = format!("{}/token?tenant=other", emulator.url()).into();
    fs::write(case.path("key.json"), key.to_string()).unwrap();
    let (code, out) = auth_status(&case);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("token: does not work: the key was refused"),
        "{out}"
    );
    assert!(out.contains("invalid_grant"), "{out}");

    // No key file, or not a key: 1, naming the file.
    fs::write(case.path("key.json"), "{\"type\": \"nothing\"}").unwrap();
    let (code, out) = auth_status(&case);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is not a service-account key file"), "{out}");
    fs::remove_file(case.path("key.json")).unwrap();
    let (code, out) = auth_status(&case);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cannot read the service-account key"), "{out}");
    assert!(out.contains("key.json"), "{out}");

    // Nothing to log in to or out of with a key.
    let out = sheetdrop(&case, &["auth", "logout"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("service-account key"));
    let out = sheetdrop(&case, &["auth", "login", "--no-browser"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("nothing to log in to"));
}

#[test]
fn oauth_login_publishes_until_revoked_then_says_reauthorize_and_logout_removes_it() {
    let (case, emulator) = sandbox("oauth", "client_secret = \"client_secret.json\"");
    case.write_old("clientes.csv", CLIENTES);

    // No login yet: status says so; the agent fails the publish for good, opens no browser,
    // and does not wait.
    let (code, out) = auth_status(&case);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("identity: OAuth user (token cached at "),
        "{out}"
    );
    assert!(
        out.contains(&token_cache(&case).display().to_string()),
        "{out}"
    );
    assert!(
        out.contains("re-authorization needed: run `sheetdrop auth login`"),
        "{out}"
    );
    let started = Instant::now();
    let out = sheetdrop(&case, &["run", "--once", "--headless"]);
    assert_eq!(out.code, 1);
    assert!(started.elapsed() < Duration::from_secs(20));
    let error = last_error(&case, "clientes");
    assert!(
        error.starts_with("re-authorization needed: run `sheetdrop auth login`"),
        "{error}"
    );
    assert!(error.contains("no OAuth token is cached"), "{error}");
    assert!(emulator.spreadsheet_ids().is_empty());

    // Login: the address is printed, the token cached owner-only, with drive.file only.
    let printed = login(&case);
    assert!(
        printed.contains("logged in; the token is cached at"),
        "{printed}"
    );
    assert!(
        printed.contains("1 pending publish(es) will be tried again now"),
        "{printed}"
    );
    let cache = token_cache(&case);
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&cache).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let cached: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&cache).unwrap()).unwrap();
    assert!(cached["refresh_token"].as_str().is_some());
    for scope in emulator.token_scopes() {
        assert_eq!(scope, "https://www.googleapis.com/auth/drive.file");
    }
    let (code, out) = auth_status(&case);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("token: works"), "{out}");

    // The agent publishes as the user: the pending publish is due at once after the login.
    let out = sheetdrop(&case, &["run", "--once", "--headless"]);
    out.assert_code(0, "run --once");
    let ids = emulator.spreadsheet_ids();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        emulator.tab_values(&ids[0], "clientes").unwrap(),
        [["COD_CLIENTE", "NOMBRE"], ["C1", "Uno"], ["C2", "=1+1"]]
    );
    // An expired access token is refreshed from the cached grant.
    emulator.expire_tokens();
    case.write_old("clientes.csv", format!("{CLIENTES}C3;Tres\r\n"));
    sheetdrop(&case, &["run", "--once", "--headless"]).assert_code(0, "run --once");
    assert_eq!(emulator.tab_values(&ids[0], "clientes").unwrap().len(), 4);

    // The grant is revoked: status says re-authorization is needed, and a run fails the
    // publish for good, saying so, after one refused refresh (no loop).
    emulator.revoke_all_tokens();
    let (code, out) = auth_status(&case);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("token: does not work: re-authorization needed: run `sheetdrop auth login`"),
        "{out}"
    );
    assert!(out.contains("invalid_grant"), "{out}");
    emulator.clear_requests();
    case.write_old("clientes.csv", format!("{CLIENTES}C4;Cuatro\r\n"));
    let started = Instant::now();
    let out = sheetdrop(&case, &["run", "--once", "--headless"]);
    assert_eq!(out.code, 1);
    assert!(started.elapsed() < Duration::from_secs(30));
    let error = last_error(&case, "clientes");
    eprintln!("after the revocation: {error}");
    assert!(
        error.starts_with("re-authorization needed: run `sheetdrop auth login`"),
        "{error}"
    );
    let refreshes = emulator
        .requests()
        .iter()
        .filter(|r| r.path == "/token")
        .count();
    assert!((1..=2).contains(&refreshes), "{refreshes} token requests");
    let text = sheetdrop(&case, &["status"]).stdout;
    assert!(text.contains("re-authorization needed"), "{text}");

    // Logout revokes (when it can) and removes the cache.
    let out = sheetdrop(&case, &["auth", "logout"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("logged out"));
    assert!(!cache.exists());
    let out = sheetdrop(&case, &["auth", "logout"]);
    assert!(out.stdout.contains("no login was cached"));
    assert_eq!(auth_status(&case).0, 1);
}

#[test]
fn logout_revokes_the_grant_at_the_emulator() {
    let (case, _emulator) = sandbox("oauth", "");
    login(&case);
    assert_eq!(auth_status(&case).0, 0);
    // Keep a copy: after logout, the old grant no longer refreshes.
    let copy = fs::read(token_cache(&case)).unwrap();
    let out = sheetdrop(&case, &["auth", "logout"]);
    assert!(
        out.stdout.contains("and the grant revoked"),
        "{}",
        out.stdout
    );
    fs::write(token_cache(&case), copy).unwrap();
    let (code, out) = auth_status(&case);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("re-authorization needed"), "{out}");
}

#[test]
fn auth_needs_the_google_destination() {
    let case = Sandbox::new(|_| format!("language = \"en\"\n{ENTITIES}"));
    let out = case.run(&["auth", "status"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is not Google"));
}

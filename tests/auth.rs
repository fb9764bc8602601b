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
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CLIENTES: &str = "COD_CLIENTE;NOMBRE\r\nC1;Uno\r\nC2;=1+1\r\n";

const ENTITIES: &str = util::CLIENTES_ENTITY;

struct Case {
    emulator: Emulator,
    root: tempfile::TempDir,
}

impl Case {
    /// A case whose `[destination.google]` has `credentials`, plus `extra` lines.
    fn new(credentials: &str, extra: &str) -> Case {
        let emulator = Emulator::start();
        let root = tempfile::tempdir().unwrap();
        let p = root.path();
        for dir in ["in", "home", "xdg"] {
            fs::create_dir(p.join(dir)).unwrap();
        }
        emulator.write_service_account_key(&p.join("key.json"));
        fs::write(
            p.join("client_secret.json"),
            emulator.installed_app_secret_json(),
        )
        .unwrap();
        let config = format!(
            // English: the tests read the messages of `auth`.
            "language = \"en\"\n\n[source]\nfolder = '{}'\nsettle_seconds = 1\n\n[destination]\nkind = \"google\"\n\n\
             [destination.google]\ncredentials = \"{credentials}\"\nendpoint = \"{}\"\n\
             writes_per_minute = 600\n{extra}\n{ENTITIES}",
            p.join("in").display(),
            emulator.url(),
        );
        fs::write(p.join("sheetdrop.toml"), config).unwrap();
        Case { emulator, root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// The per-user token cache of this case's sandbox.
    fn token_cache(&self) -> PathBuf {
        self.path("xdg/sheetdrop/token.json")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
        command
            .args(args)
            .arg("--config")
            .arg(self.path("sheetdrop.toml"))
            .arg("--data-dir")
            .arg(self.path("data"))
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("xdg"))
            .env_remove("SHEETDROP_LOG")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        command
    }

    fn sheetdrop(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().unwrap();
        assert_no_secret(&out);
        out
    }

    /// `auth status`: exit code and stdout.
    fn auth_status(&self) -> (i32, String) {
        let out = self.sheetdrop(&["auth", "status"]);
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }

    /// Writes a file of the watched folder dated a minute ago (no settle wait).
    fn write(&self, name: &str, text: &str) {
        let path = self.path("in").join(name);
        fs::write(&path, text).unwrap();
        util::set_age(&path, 60);
    }

    fn status_json(&self) -> serde_json::Value {
        let out = self.sheetdrop(&["status", "--json"]);
        serde_json::from_slice(&out.stdout).expect("status --json")
    }

    /// The `last_error` of the entity in `status --json`.
    fn last_error(&self, entity: &str) -> String {
        let status = self.status_json();
        let text = status.to_string();
        let found = status["entities"]
            .as_array()
            .and_then(|all| all.iter().find(|e| e["entity"] == entity))
            .and_then(|e| e["last_error"].as_str())
            .map(str::to_string);
        found.unwrap_or_else(|| panic!("no last_error for {entity}: {text}"))
    }

    /// `auth login --no-browser`, with the test acting as the browser: it opens the printed
    /// address (the emulator consents at once and redirects) and follows the redirect to the
    /// login's localhost listener.
    fn login(&self) -> String {
        let mut child = self
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
}

/// Output must not show a token or a private key.
fn assert_no_secret(out: &Output) {
    for text in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(text);
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
    let case = Case::new("key.json", "");
    let (code, out) = case.auth_status();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(SERVICE_ACCOUNT_EMAIL), "{out}");
    assert!(out.contains("token: works"), "{out}");
    assert!(
        case.emulator
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path == "/token" && r.status == 200),
        "a token was really fetched"
    );
    // Revoking what was issued does not stop a service account: it signs a new assertion.
    case.emulator.revoke_all_tokens();
    assert_eq!(case.auth_status().0, 0);

    // A key the token endpoint refuses (its token_uri is not the audience the endpoint
    // expects): 1, with the reason.
    let mut key: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(case.path("key.json")).unwrap()).unwrap();
    key["token_uri"] = format!("{}/token?tenant=other", case.emulator.url()).into();
    fs::write(case.path("key.json"), key.to_string()).unwrap();
    let (code, out) = case.auth_status();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("token: does not work: the key was refused"),
        "{out}"
    );
    assert!(out.contains("invalid_grant"), "{out}");

    // No key file, or not a key: 1, naming the file.
    fs::write(case.path("key.json"), "{\"type\": \"nothing\"}").unwrap();
    let (code, out) = case.auth_status();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is not a service-account key file"), "{out}");
    fs::remove_file(case.path("key.json")).unwrap();
    let (code, out) = case.auth_status();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("cannot read the service-account key"), "{out}");
    assert!(out.contains("key.json"), "{out}");

    // Nothing to log in to or out of with a key.
    let out = case.sheetdrop(&["auth", "logout"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("service-account key"));
    let out = case.sheetdrop(&["auth", "login", "--no-browser"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to log in to"));
}

#[test]
fn oauth_login_publishes_until_revoked_then_says_reauthorize_and_logout_removes_it() {
    let case = Case::new("oauth", "client_secret = \"client_secret.json\"");
    case.write("clientes.csv", CLIENTES);

    // No login yet: status says so; the agent fails the publish for good, opens no browser,
    // and does not wait.
    let (code, out) = case.auth_status();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("identity: OAuth user (token cached at "),
        "{out}"
    );
    assert!(
        out.contains(&case.token_cache().display().to_string()),
        "{out}"
    );
    assert!(
        out.contains("re-authorization needed: run `sheetdrop auth login`"),
        "{out}"
    );
    let started = Instant::now();
    let out = case.sheetdrop(&["run", "--once", "--headless"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(20));
    let error = case.last_error("clientes");
    assert!(
        error.starts_with("re-authorization needed: run `sheetdrop auth login`"),
        "{error}"
    );
    assert!(error.contains("no OAuth token is cached"), "{error}");
    assert!(case.emulator.spreadsheet_ids().is_empty());

    // Login: the address is printed, the token cached owner-only, with drive.file only.
    let printed = case.login();
    assert!(
        printed.contains("logged in; the token is cached at"),
        "{printed}"
    );
    assert!(
        printed.contains("1 pending publish(es) will be tried again now"),
        "{printed}"
    );
    let cache = case.token_cache();
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&cache).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let cached: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&cache).unwrap()).unwrap();
    assert!(cached["refresh_token"].as_str().is_some());
    for scope in case.emulator.token_scopes() {
        assert_eq!(scope, "https://www.googleapis.com/auth/drive.file");
    }
    let (code, out) = case.auth_status();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("token: works"), "{out}");

    // The agent publishes as the user: the pending publish is due at once after the login.
    let out = case.sheetdrop(&["run", "--once", "--headless"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = case.emulator.spreadsheet_ids();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        case.emulator.tab_values(&ids[0], "clientes").unwrap(),
        [["COD_CLIENTE", "NOMBRE"], ["C1", "Uno"], ["C2", "=1+1"]]
    );
    // An expired access token is refreshed from the cached grant.
    case.emulator.expire_tokens();
    case.write("clientes.csv", &format!("{CLIENTES}C3;Tres\r\n"));
    assert_eq!(
        case.sheetdrop(&["run", "--once", "--headless"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        case.emulator.tab_values(&ids[0], "clientes").unwrap().len(),
        4
    );

    // The grant is revoked: status says re-authorization is needed, and a run fails the
    // publish for good, saying so, after one refused refresh (no loop).
    case.emulator.revoke_all_tokens();
    let (code, out) = case.auth_status();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("token: does not work: re-authorization needed: run `sheetdrop auth login`"),
        "{out}"
    );
    assert!(out.contains("invalid_grant"), "{out}");
    case.emulator.clear_requests();
    case.write("clientes.csv", &format!("{CLIENTES}C4;Cuatro\r\n"));
    let started = Instant::now();
    let out = case.sheetdrop(&["run", "--once", "--headless"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(30));
    let error = case.last_error("clientes");
    eprintln!("after the revocation: {error}");
    assert!(
        error.starts_with("re-authorization needed: run `sheetdrop auth login`"),
        "{error}"
    );
    let refreshes = case
        .emulator
        .requests()
        .iter()
        .filter(|r| r.path == "/token")
        .count();
    assert!((1..=2).contains(&refreshes), "{refreshes} token requests");
    let text = String::from_utf8_lossy(&case.sheetdrop(&["status"]).stdout).into_owned();
    assert!(text.contains("re-authorization needed"), "{text}");

    // Logout revokes (when it can) and removes the cache.
    let out = case.sheetdrop(&["auth", "logout"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("logged out"));
    assert!(!cache.exists());
    let out = case.sheetdrop(&["auth", "logout"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no login was cached"));
    assert_eq!(case.auth_status().0, 1);
}

#[test]
fn logout_revokes_the_grant_at_the_emulator() {
    let case = Case::new("oauth", "");
    case.login();
    assert_eq!(case.auth_status().0, 0);
    // Keep a copy: after logout, the old grant no longer refreshes.
    let copy = fs::read(case.token_cache()).unwrap();
    let out = case.sheetdrop(&["auth", "logout"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("and the grant revoked"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    fs::write(case.token_cache(), copy).unwrap();
    let (code, out) = case.auth_status();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("re-authorization needed"), "{out}");
}

#[test]
fn auth_needs_the_google_destination() {
    let dir = tempfile::tempdir().unwrap();
    let config = format!("language = \"en\"\n{ENTITIES}");
    fs::write(dir.path().join("sheetdrop.toml"), config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
        .args(["auth", "status", "--config"])
        .arg(dir.path().join("sheetdrop.toml"))
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not Google"));
}

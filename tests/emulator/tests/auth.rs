//! OAuth: token grants, bearer checks, expiry, scopes, and yup-oauth2 against the emulator.

mod common;

use common::{jwt, Client};
use google_emulator::Emulator;
use std::time::Duration;

#[test]
fn api_requests_need_a_valid_bearer_token() {
    let emu = Emulator::start();
    let mut c = Client::new(&emu.url());
    let r = c.get("/v4/spreadsheets/x");
    assert_eq!(r.status, 401);
    assert_eq!(r.gstatus(), "UNAUTHENTICATED");
    assert_eq!(r.json()["error"]["code"], 401);
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 401);

    c.token = Some("ya29.forged".into());
    assert_eq!(c.get("/drive/v3/files").status, 401);

    let c = Client::authed(&emu);
    assert_eq!(c.get("/drive/v3/files").status, 200);
    // The token endpoint itself is recorded like every request.
    let reqs = emu.requests();
    assert!(reqs.iter().any(|r| r.path == "/token" && r.status == 200));
    assert_eq!(reqs.last().unwrap().status, 200);
}

#[test]
fn jwt_bearer_grant_checks_the_assertion() {
    let emu = Emulator::start();
    let c = Client::new(&emu.url());
    let grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    let scope = "https://www.googleapis.com/auth/drive.file";

    let ok = c.form(
        "/token",
        &[
            ("grant_type", grant),
            ("assertion", &jwt(&emu.token_uri(), scope, "RS256", 0)),
        ],
    );
    assert_eq!(ok.status, 200);
    let v = ok.json();
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["expires_in"], 3600);
    assert!(v["access_token"].as_str().unwrap().starts_with("ya29."));

    for (assertion, what) in [
        (
            jwt("https://oauth2.googleapis.com/token", scope, "RS256", 0),
            "aud",
        ),
        (jwt(&emu.token_uri(), scope, "HS256", 0), "alg"),
        (jwt(&emu.token_uri(), scope, "RS256", -7200), "exp"),
        ("garbage".to_string(), "shape"),
    ] {
        let r = c.form(
            "/token",
            &[("grant_type", grant), ("assertion", &assertion)],
        );
        assert_eq!(r.status, 400, "{what}");
        assert_eq!(r.json()["error"], "invalid_grant", "{what}");
    }
    let r = c.form("/token", &[("grant_type", "password")]);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "unsupported_grant_type");
}

#[test]
fn tokens_expire_and_refresh_tokens_renew_them() {
    let emu = Emulator::start();
    emu.set_token_lifetime(1);
    let mut c = Client::new(&emu.url());

    // Installed-app flow: the auth URI redirects with a code at once.
    let redirect = "http://127.0.0.1:1/cb";
    let r = c.get(&format!(
        "/auth?response_type=code&client_id=x&redirect_uri={}&scope={}&state=s1",
        common::enc(redirect),
        common::enc("https://www.googleapis.com/auth/drive.file")
    ));
    assert_eq!(r.status, 302);
    let loc = r.header("location").unwrap().to_string();
    assert!(
        loc.starts_with("http://127.0.0.1:1/cb?code=emulator-code"),
        "{loc}"
    );
    assert!(loc.ends_with("&state=s1"), "{loc}");
    let code = loc
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code="))
        .unwrap()
        .to_string();

    let r = c.form(
        "/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", redirect),
        ],
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = r.json();
    let refresh = v["refresh_token"].as_str().unwrap().to_string();
    c.token = Some(v["access_token"].as_str().unwrap().to_string());
    assert_eq!(c.get("/drive/v3/files").status, 200);
    // drive.file grants both Drive and Sheets.
    assert_eq!(c.get("/v4/spreadsheets/nope").status, 404);

    std::thread::sleep(Duration::from_millis(1100));
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 401);
    assert_eq!(r.gstatus(), "UNAUTHENTICATED");

    let r = c.form(
        "/token",
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
    );
    assert_eq!(r.status, 200);
    c.token = Some(r.json()["access_token"].as_str().unwrap().to_string());
    assert_eq!(c.get("/drive/v3/files").status, 200);

    emu.set_token_lifetime(3600);
    emu.expire_tokens();
    assert_eq!(c.get("/drive/v3/files").status, 401);

    emu.revoke_all_tokens();
    let r = c.form(
        "/token",
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_grant");

    let r = c.form(
        "/token",
        &[("grant_type", "authorization_code"), ("code", "bogus")],
    );
    assert_eq!(r.status, 400);
}

#[test]
fn scopes_are_enforced() {
    let emu = Emulator::start();
    let mut c = Client::new(&emu.url());
    c.token = Some(c.jwt_token(&emu, "https://www.googleapis.com/auth/userinfo.email"));
    let r = c.get("/drive/v3/files");
    assert_eq!(r.status, 403);
    assert_eq!(r.gstatus(), "PERMISSION_DENIED");
    // spreadsheets alone does not open Drive.
    c.token = Some(c.jwt_token(&emu, "https://www.googleapis.com/auth/spreadsheets"));
    assert_eq!(c.get("/drive/v3/files").status, 403);
    assert_eq!(
        c.post("/v4/spreadsheets", &serde_json::json!({})).status,
        200
    );
    assert!(emu
        .token_scopes()
        .iter()
        .any(|s| s == "https://www.googleapis.com/auth/spreadsheets"));
}

#[test]
fn yup_oauth2_service_account_key_gets_a_token() {
    let emu = Emulator::start();
    let dir = std::env::temp_dir().join(format!("google-emulator-sa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("key.json");
    emu.write_service_account_key(&path);

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let token = rt.block_on(async {
        let key = yup_oauth2::read_service_account_key(&path).await.unwrap();
        assert_eq!(key.client_email, google_emulator::SERVICE_ACCOUNT_EMAIL);
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build::<_, String>(hyper_util::client::legacy::connect::HttpConnector::new());
        let auth = yup_oauth2::ServiceAccountAuthenticator::with_client(
            key,
            yup_oauth2::CustomHyperClientBuilder::from(client),
        )
        .build()
        .await
        .unwrap();
        auth.token(&["https://www.googleapis.com/auth/drive.file"])
            .await
            .unwrap()
    });
    let t = token.token().unwrap().to_string();
    assert!(t.starts_with("ya29.emulator-"));
    assert_eq!(
        emu.token_scopes(),
        vec!["https://www.googleapis.com/auth/drive.file".to_string()]
    );
    let mut c = Client::new(&emu.url());
    c.token = Some(t);
    assert_eq!(c.get("/drive/v3/files").status, 200);
    let _ = std::fs::remove_dir_all(&dir);
}

//! A small blocking HTTP client for the emulator tests (ureq).
#![allow(dead_code)]

use base64::Engine;
use google_emulator::Emulator;
use serde_json::{json, Value};

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// `error.status` of a Google error body.
    pub fn gstatus(&self) -> String {
        self.json()["error"]["status"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
    pub fn message(&self) -> String {
        self.json()["error"]["message"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

pub struct Client {
    pub agent: ureq::Agent,
    pub base: String,
    pub token: Option<String>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Client {
            agent,
            base: base.to_string(),
            token: None,
        }
    }

    /// A client holding a token for the full Drive and Sheets scopes.
    pub fn authed(emu: &Emulator) -> Client {
        let mut c = Client::new(&emu.url());
        let t = c.jwt_token(
            emu,
            "https://www.googleapis.com/auth/drive https://www.googleapis.com/auth/spreadsheets",
        );
        c.token = Some(t);
        c
    }

    /// Exchanges a JWT assertion (unsigned but well-formed) for an access token.
    pub fn jwt_token(&self, emu: &Emulator, scope: &str) -> String {
        let r = self.form(
            "/token",
            &[
                ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                ("assertion", &jwt(&emu.token_uri(), scope, "RS256", 0)),
            ],
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r.json()["access_token"].as_str().unwrap().to_string()
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Resp, ureq::Error> {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        };
        let mut b = ureq::http::Request::builder().method(method).uri(&url);
        if let Some(t) = &self.token {
            b = b.header("Authorization", format!("Bearer {t}"));
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let mut resp = match body {
            Some(bytes) => self.agent.run(b.body(bytes.to_vec()).unwrap())?,
            None => self.agent.run(b.body(()).unwrap())?,
        };
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = resp.body_mut().with_config().limit(1 << 30).read_to_vec()?;
        Ok(Resp {
            status,
            headers,
            body,
        })
    }

    pub fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let bytes = body.map(|b| serde_json::to_vec(b).unwrap());
        let headers: &[(&str, &str)] = if body.is_some() {
            &[("Content-Type", "application/json")]
        } else {
            &[]
        };
        self.request(method, path, headers, bytes.as_deref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, None)
    }
    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.send("POST", path, Some(body))
    }
    pub fn put(&self, path: &str, body: &Value) -> Resp {
        self.send("PUT", path, Some(body))
    }

    pub fn form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(body.as_bytes()),
        )
        .unwrap()
    }

    /// Creates a spreadsheet; returns its id.
    pub fn create_spreadsheet(&self, body: &Value) -> String {
        let r = self.post("/v4/spreadsheets", body);
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r.json()["spreadsheetId"].as_str().unwrap().to_string()
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A JWT shaped like yup-oauth2's (the signature is not checked by the emulator).
pub fn jwt(aud: &str, scope: &str, alg: &str, exp_offset: i64) -> String {
    let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let header = json!({ "alg": alg, "typ": "JWT" });
    let claims = json!({
        "iss": google_emulator::SERVICE_ACCOUNT_EMAIL,
        "scope": scope,
        "aud": aud,
        "exp": now + 3600 + exp_offset,
        "iat": now + exp_offset,
    });
    format!(
        "{}.{}.{}",
        e.encode(serde_json::to_vec(&header).unwrap()),
        e.encode(serde_json::to_vec(&claims).unwrap()),
        e.encode(b"not-a-real-signature")
    )
}

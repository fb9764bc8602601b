//! OAuth: the token endpoint (JWT-bearer, authorization-code and refresh grants), the
//! authorization endpoint of the installed-app flow, revocation, and bearer checks.

use crate::util::{json_response, ok_json, parse_query, random_id, url_encode, Resp};
use crate::{Api, Ctx, Shared, State, TokenInfo};
use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use base64::Engine;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const DEFAULT_CODE_SCOPE: &str = "https://www.googleapis.com/auth/drive.file";

fn oauth_error(code: u16, error: &str, description: &str) -> Resp {
    json_response(
        code,
        &json!({ "error": error, "error_description": description }),
    )
}

fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .ok()
}

fn issue(st: &mut State, scope: &str, with_refresh: bool) -> Value {
    let token = format!("ya29.emulator-{}", random_id(40));
    st.tokens.insert(
        token.clone(),
        TokenInfo {
            expires: Instant::now() + Duration::from_secs(st.token_lifetime),
            scope: scope.to_string(),
        },
    );
    let mut v = json!({
        "access_token": token,
        "expires_in": st.token_lifetime,
        "token_type": "Bearer",
        "scope": scope,
    });
    if with_refresh {
        let rt = format!("1//emulator-refresh-{}", random_id(40));
        st.refresh_tokens.insert(rt.clone(), scope.to_string());
        v["refresh_token"] = json!(rt);
    }
    v
}

/// `POST /token`, form-encoded.
pub(crate) fn token(shared: &Shared, ctx: &Ctx) -> Resp {
    let form = parse_query(&String::from_utf8_lossy(&ctx.body));
    let get = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let mut st = shared.lock();
    match get("grant_type") {
        Some("urn:ietf:params:oauth:grant-type:jwt-bearer") => {
            let Some(assertion) = get("assertion") else {
                return oauth_error(
                    400,
                    "invalid_request",
                    "Missing required parameter: assertion",
                );
            };
            let parts: Vec<&str> = assertion.split('.').collect();
            if parts.len() != 3 {
                return oauth_error(400, "invalid_grant", "Invalid JWT: not three parts.");
            }
            let header: Option<Value> =
                b64url_decode(parts[0]).and_then(|b| serde_json::from_slice(&b).ok());
            let claims: Option<Value> =
                b64url_decode(parts[1]).and_then(|b| serde_json::from_slice(&b).ok());
            let (Some(header), Some(claims)) = (header, claims) else {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "Invalid JWT: cannot decode header or claims.",
                );
            };
            if header["alg"] != "RS256" {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "Invalid JWT: the signing algorithm must be RS256.",
                );
            }
            if b64url_decode(parts[2]).is_none_or(|s| s.is_empty()) {
                return oauth_error(400, "invalid_grant", "Invalid JWT Signature.");
            }
            let token_uri = format!("{}/token", st.base_url);
            if claims["aud"].as_str() != Some(token_uri.as_str()) {
                return oauth_error(
                    400,
                    "invalid_grant",
                    &format!(
                        "Invalid JWT: aud must be {token_uri}, got {}",
                        claims["aud"]
                    ),
                );
            }
            if claims["iss"].as_str().is_none_or(|s| s.is_empty()) {
                return oauth_error(400, "invalid_grant", "Invalid JWT: missing iss.");
            }
            let now = crate::util::now_unix() as i64;
            let exp = claims["exp"].as_i64().unwrap_or(0);
            let iat = claims["iat"].as_i64().unwrap_or(0);
            if exp <= now || iat > now + 300 || exp - iat > 3600 {
                return oauth_error(
                    400,
                    "invalid_grant",
                    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
                );
            }
            let scope = claims["scope"].as_str().unwrap_or("").trim().to_string();
            if scope.is_empty() {
                return oauth_error(
                    400,
                    "invalid_scope",
                    "Invalid OAuth scope or ID token audience provided.",
                );
            }
            let v = issue(&mut st, &scope, false);
            ok_json(&v)
        }
        Some("authorization_code") => {
            let code = get("code").unwrap_or("");
            if !code.starts_with("emulator-code") {
                return oauth_error(400, "invalid_grant", "Malformed auth code.");
            }
            let scope = st
                .auth_codes
                .remove(code)
                .unwrap_or_else(|| DEFAULT_CODE_SCOPE.to_string());
            let v = issue(&mut st, &scope, true);
            ok_json(&v)
        }
        Some("refresh_token") => {
            let rt = get("refresh_token").unwrap_or("");
            match st.refresh_tokens.get(rt).cloned() {
                Some(scope) => {
                    let v = issue(&mut st, &scope, false);
                    ok_json(&v)
                }
                None => oauth_error(400, "invalid_grant", "Token has been expired or revoked."),
            }
        }
        Some(other) => oauth_error(
            400,
            "unsupported_grant_type",
            &format!("Invalid grant_type: {other}"),
        ),
        None => oauth_error(400, "unsupported_grant_type", "Invalid grant_type: "),
    }
}

/// `GET /auth?redirect_uri=..&scope=..&state=..`: consents at once and redirects (302) to
/// `redirect_uri?code=emulator-code-...&state=...&scope=...`.
pub(crate) fn authorize(shared: &Shared, ctx: &Ctx) -> Resp {
    let Some(redirect) = ctx.q("redirect_uri") else {
        return oauth_error(
            400,
            "invalid_request",
            "Missing required parameter: redirect_uri",
        );
    };
    let scope = ctx.q("scope").unwrap_or(DEFAULT_CODE_SCOPE).to_string();
    let code = format!("emulator-code-{}", random_id(24));
    shared.lock().auth_codes.insert(code.clone(), scope.clone());
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let mut location = format!(
        "{redirect}{sep}code={}&scope={}",
        url_encode(&code),
        url_encode(&scope)
    );
    if let Some(state) = ctx.q("state") {
        location.push_str(&format!("&state={}", url_encode(state)));
    }
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// `POST /revoke?token=...` (or form body `token=...`): revokes an access or refresh token.
pub(crate) fn revoke(shared: &Shared, ctx: &Ctx) -> Resp {
    let form = parse_query(&String::from_utf8_lossy(&ctx.body));
    let token = ctx
        .q("token")
        .map(str::to_string)
        .or_else(|| form.into_iter().find(|(k, _)| k == "token").map(|(_, v)| v));
    let mut st = shared.lock();
    match token {
        Some(t) if st.tokens.remove(&t).is_some() || st.refresh_tokens.remove(&t).is_some() => {
            ok_json(&json!({}))
        }
        _ => oauth_error(400, "invalid_token", "Token expired or revoked"),
    }
}

fn unauthenticated(message: &str) -> Resp {
    let body = json!({
        "error": {
            "code": 401,
            "message": message,
            "status": "UNAUTHENTICATED",
            "errors": [{
                "message": message,
                "domain": "global",
                "reason": "authError",
                "location": "Authorization",
                "locationType": "header",
            }],
        }
    });
    let mut r = json_response(401, &body);
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(
            "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"",
        ),
    );
    r
}

/// The request must carry `Authorization: Bearer <valid unexpired token>` with a scope that
/// grants `api`.
pub(crate) fn check_bearer(st: &mut State, ctx: &Ctx, api: Api) -> Result<(), Resp> {
    let Some(auth) = ctx.header("authorization") else {
        return Err(unauthenticated(
            "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        ));
    };
    let token = auth
        .strip_prefix("Bearer ")
        .or_else(|| auth.strip_prefix("bearer "))
        .unwrap_or("")
        .trim();
    let invalid = "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    let Some(info) = st.tokens.get(token) else {
        return Err(unauthenticated(invalid));
    };
    if info.expires <= Instant::now() {
        return Err(unauthenticated(invalid));
    }
    let scopes: Vec<&str> = info.scope.split_whitespace().collect();
    let has = |s: &str| {
        scopes
            .iter()
            .any(|x| *x == format!("https://www.googleapis.com/auth/{s}"))
    };
    let read_only = ctx.method == axum::http::Method::GET;
    let ok = match api {
        Api::Drive => {
            has("drive")
                || has("drive.file")
                || (read_only && (has("drive.readonly") || has("drive.metadata.readonly")))
        }
        Api::Sheets => {
            has("spreadsheets")
                || has("drive")
                || has("drive.file")
                || (read_only && (has("spreadsheets.readonly") || has("drive.readonly")))
        }
    };
    if !ok {
        let body = json!({
            "error": {
                "code": 403,
                "message": "Request had insufficient authentication scopes.",
                "status": "PERMISSION_DENIED",
                "errors": [{
                    "message": "Insufficient Permission",
                    "domain": "global",
                    "reason": "insufficientPermissions",
                }],
            }
        });
        return Err(json_response(403, &body));
    }
    Ok(())
}

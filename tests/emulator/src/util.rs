//! Small helpers: Google-style error bodies, JSON responses, query strings, ids, times.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

pub(crate) type Resp = Response<Body>;

/// The canonical gRPC-style status Google puts in `error.status` for an HTTP code.
pub(crate) fn status_name(code: u16) -> &'static str {
    match code {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        412 => "FAILED_PRECONDITION",
        413 => "INVALID_ARGUMENT",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNKNOWN",
    }
}

/// The `errors[].reason` Google uses by default for an HTTP code.
pub(crate) fn default_reason(code: u16) -> &'static str {
    match code {
        400 => "badRequest",
        401 => "authError",
        403 => "forbidden",
        404 => "notFound",
        409 => "conflict",
        412 => "conditionNotMet",
        413 => "uploadTooLarge",
        429 => "rateLimitExceeded",
        500..=599 => "backendError",
        _ => "unknown",
    }
}

/// Google's JSON error body: `{"error":{"code","message","status","errors":[{reason,domain,message}]}}`.
pub(crate) fn gerror_reason(code: u16, reason: &str, message: impl Into<String>) -> Resp {
    let message = message.into();
    let body = json!({
        "error": {
            "code": code,
            "message": message,
            "status": status_name(code),
            "errors": [ { "message": message, "domain": "global", "reason": reason } ],
        }
    });
    json_response(code, &body)
}

pub(crate) fn gerror(code: u16, message: impl Into<String>) -> Resp {
    gerror_reason(code, default_reason(code), message)
}

/// The body Google answers when the fault asked for `code`.
pub(crate) fn fault_response(code: u16, retry_after: Option<u64>) -> Resp {
    let mut resp = match code {
        429 => gerror_reason(
            429,
            "rateLimitExceeded",
            "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' (injected fault).",
        ),
        403 => gerror_reason(403, "userRateLimitExceeded", "User rate limit exceeded (injected fault)."),
        500 => gerror_reason(500, "backendError", "Internal error encountered (injected fault)."),
        502 => {
            // Google's front end answers 502 with an HTML page, not JSON.
            let mut r = Response::new(Body::from(
                "<!DOCTYPE html>\n<html lang=en><title>Error 502 (Server Error)!!1</title><p><b>502.</b> <ins>That's an error.</ins><p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds. <ins>That's all we know.</ins>\n",
            ));
            *r.status_mut() = StatusCode::BAD_GATEWAY;
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=UTF-8"),
            );
            r
        }
        503 => gerror_reason(503, "backendError", "The service is currently unavailable (injected fault)."),
        401 => gerror_reason(401, "authError", "Request had invalid authentication credentials (injected fault)."),
        c => gerror(c, format!("Injected fault {c}.")),
    };
    if let Some(secs) = retry_after {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

pub(crate) fn json_response(code: u16, v: &Value) -> Resp {
    let mut r = Response::new(Body::from(serde_json::to_vec(v).unwrap_or_default()));
    *r.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    r
}

pub(crate) fn ok_json(v: &Value) -> Resp {
    json_response(200, v)
}

pub(crate) fn empty_response(code: u16) -> Resp {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r
}

/// Percent-decodes `s`; `+` becomes a space when `plus_as_space` (forms and query strings).
pub(crate) fn url_decode(s: &str, plus_as_space: bool) -> String {
    let s = if plus_as_space {
        std::borrow::Cow::Owned(s.replace('+', " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    percent_encoding::percent_decode_str(&s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Percent-encodes all but RFC 3986 unreserved characters.
pub(crate) fn url_encode(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

/// `a=1&b=2` -> pairs, decoded.
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (url_decode(k, true), url_decode(v, true)),
            None => (url_decode(p, true), String::new()),
        })
        .collect()
}

pub(crate) fn query_get<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

pub(crate) fn random_id(len: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let mut s = String::with_capacity(len);
    s.push('1');
    for _ in 1..len {
        s.push(CHARS[fastrand::usize(..CHARS.len())] as char);
    }
    s
}

pub(crate) fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// RFC 3339 UTC with milliseconds, as Drive prints times: `2024-01-31T12:00:00.000Z`.
pub(crate) fn rfc3339_now() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let millis = d.subsec_millis();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = if month <= 2 { y + 1 } else { y };
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Parses a JSON request body; an empty body is `{}`.
pub(crate) fn parse_json_body(body: &[u8]) -> Result<Value, Resp> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_slice(body)
        .map_err(|e| gerror(400, format!("Invalid JSON payload received. {e}")))
}

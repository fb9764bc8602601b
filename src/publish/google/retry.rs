//! The one place Google errors are classified (rclone's `shouldRetry`): every failed call
//! becomes a [`Failure`] carrying its HTTP status, `Retry-After`, the reasons in Google's
//! error body and a message, and [`Failure::class`] says whether to retry it.

use crate::i18n::{Message, Text};
use google_drive3::common;
use std::time::Duration;

/// What to do about a failed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Transient (quota, 5xx, network): back off and try again.
    Retry,
    /// The access token was refused: get a fresh one, then try again.
    Refresh,
    /// Trying again cannot help (bad request, permission, not found, revoked grant).
    Permanent,
}

/// A failed Google call, as much as is known of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Failure {
    /// The HTTP status, when an answer came.
    pub status: Option<u16>,
    /// The answer's `Retry-After`, when it had one.
    pub retry_after: Option<Duration>,
    /// `error.errors[].reason` and `error.status` of Google's error body.
    pub reasons: Vec<String>,
    /// True when no answer came (connection refused, reset, timed out).
    pub transport: bool,
    /// True when the token endpoint refused the credentials themselves.
    pub bad_credentials: bool,
    /// What happened, for people: sheetdrop's words around Google's (kept as they came).
    pub message: Message,
    /// A pacer already spent its retries on this failure (or was asked to wait too long): a
    /// call that encloses the failed one (find-or-create around a list) gives it back as it
    /// is, rather than retrying it again and multiplying the tries and the waits.
    pub given_up: bool,
}

/// "{what}: {detail}": the step that failed and why.
pub(super) fn step(what: &Message, detail: impl Into<Message>) -> Message {
    Message::new(Text::GoogleStep)
        .with_message("what", what.clone())
        .with_message("detail", detail.into())
}

/// Google's reasons that mean "slow down", whatever the status says.
const RATE_REASONS: &[&str] = &[
    "rateLimitExceeded",
    "userRateLimitExceeded",
    "RESOURCE_EXHAUSTED",
    "backendError",
    "internalError",
    "UNAVAILABLE",
];

impl Failure {
    /// A failure with just a message (no answer from the server).
    pub(super) fn transport(message: impl Into<Message>) -> Failure {
        Failure {
            status: None,
            retry_after: None,
            reasons: Vec::new(),
            transport: true,
            bad_credentials: false,
            message: message.into(),
            given_up: false,
        }
    }

    /// A failure that retrying cannot fix, found by sheetdrop itself.
    pub(super) fn permanent(message: impl Into<Message>) -> Failure {
        Failure {
            transport: false,
            ..Failure::transport(message)
        }
    }

    /// How to handle it.
    pub(super) fn class(&self) -> Class {
        if self.bad_credentials {
            return Class::Permanent;
        }
        if self
            .reasons
            .iter()
            .any(|r| RATE_REASONS.contains(&r.as_str()))
        {
            return Class::Retry;
        }
        match self.status {
            None if self.transport => Class::Retry,
            None => Class::Permanent,
            Some(401) => Class::Refresh,
            Some(408 | 429) => Class::Retry,
            Some(s) if s >= 500 => Class::Retry,
            Some(_) => Class::Permanent,
        }
    }

    /// True for a 404 (the file or spreadsheet is gone, or not visible to this identity).
    pub(super) fn not_found(&self) -> bool {
        self.status == Some(404)
    }

    /// Builds the failure of a client-crate call. `captured` holds the status and
    /// `Retry-After` the delegate saw (the crate's `BadRequest` keeps only the body).
    pub(super) fn from_crate(what: &Message, err: common::Error, captured: &Captured) -> Failure {
        let mut failure = Failure {
            status: captured.status,
            retry_after: captured.retry_after,
            ..Failure::transport(Message::verbatim(""))
        };
        failure.transport = false;
        match err {
            common::Error::BadRequest(body) => {
                failure.read_body(&body);
                failure.message = step(what, describe_body(&body, failure.status));
            }
            common::Error::Failure(response) => {
                failure.status = Some(response.status().as_u16());
                failure.retry_after = failure
                    .retry_after
                    .or_else(|| retry_after(response.headers()));
                failure.message = step(what, format!("HTTP {}", response.status()));
            }
            common::Error::HttpError(e) => {
                failure.transport = true;
                failure.message = step(what, transport(&e));
            }
            common::Error::Io(e) => {
                failure.transport = true;
                failure.message = step(what, Message::io(&e));
            }
            common::Error::MissingToken(e) => {
                failure.status = None;
                let why = chain_message(&*e);
                let mut no_token = Message::new(Text::GoogleNoToken);
                use google_drive3::yup_oauth2::error::AuthErrorCode as Code;
                use google_drive3::yup_oauth2::Error as AuthErr;
                match e.downcast_ref::<AuthErr>() {
                    Some(AuthErr::AuthError(a))
                        if matches!(
                            a.error,
                            Code::InvalidClient
                                | Code::InvalidGrant
                                | Code::UnauthorizedClient
                                | Code::AccessDenied
                                | Code::InvalidScope
                        ) =>
                    {
                        failure.bad_credentials = true;
                        no_token = Message::new(Text::GoogleNoTokenRefused);
                    }
                    Some(AuthErr::UserError(_) | AuthErr::CredentialSourceError(_)) => {}
                    _ => failure.transport = true,
                }
                failure.message = step(what, no_token.with_message("error", why));
            }
            other => failure.message = step(what, other.to_string().trim_end()),
        }
        failure
    }

    /// Reads `error.code`, `error.status` and `error.errors[].reason` of Google's body.
    fn read_body(&mut self, body: &serde_json::Value) {
        let error = &body["error"];
        if self.status.is_none() {
            self.status = error["code"].as_u64().and_then(|c| u16::try_from(c).ok());
        }
        if let Some(status) = error["status"].as_str() {
            self.reasons.push(status.to_string());
        }
        if let Some(errors) = error["errors"].as_array() {
            for e in errors {
                if let Some(reason) = e["reason"].as_str() {
                    self.reasons.push(reason.to_string());
                }
            }
        }
    }
}

/// One line from Google's error body: status, reason and message.
fn describe_body(body: &serde_json::Value, status: Option<u16>) -> String {
    let error = &body["error"];
    let code = status
        .map(u64::from)
        .or_else(|| error["code"].as_u64())
        .map_or(String::new(), |c| format!("HTTP {c} "));
    let message = error["message"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| body.to_string());
    let reason = error["status"].as_str().unwrap_or_default();
    format!("{code}{reason} {message}").trim().to_string()
}

/// An error and its sources, `: `-joined.
pub(super) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string().trim_end().to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(s_text.trim_end()) {
            text.push_str(": ");
            text.push_str(s_text.trim_end());
        }
        source = s.source();
    }
    text
}

/// A request that got no answer, in the user's language: when the chain holds a failure to
/// connect that people meet (refused, reset, unreachable, network down, timed out, a server
/// name that does not resolve), that failure in our words with what to check; else the
/// chain's own words. The HTTP stack's wrappers ("client error (Connect)", "tcp connect
/// error") say nothing a user can act on, so they are left out.
pub(super) fn transport(e: &(dyn std::error::Error + 'static)) -> Message {
    match connection_failure(e) {
        Some(why) => Message::new(Text::GoogleNoConnection).with_message("error", why),
        None => Message::verbatim(chain(e)),
    }
}

/// "`url` did not answer within N s".
pub(super) fn no_answer(url: &str, within: Duration) -> Message {
    Message::new(Text::GoogleNoAnswer)
        .with("url", url)
        .with_number("n", within.as_secs())
}

/// The first failure to connect in `e`'s chain, in our words.
fn connection_failure(e: &(dyn std::error::Error + 'static)) -> Option<Message> {
    let mut next = Some(e);
    while let Some(err) = next {
        // hyper-util's resolver failure: "dns error", above the resolver's own io::Error
        // (whose kind says nothing: "other").
        if err.to_string().starts_with("dns error") {
            return Some(Message::new(Text::IoNameNotResolved));
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if crate::i18n::is_connection_failure(io.kind()) {
                return Some(Message::io(io));
            }
        }
        next = err.source();
    }
    None
}

/// Like [`chain`], but when sheetdrop put a [`Message`] in the chain (the OAuth token
/// source's network failures, inside an `io::Error`), that message: it says the whole story,
/// in any language. Else [`transport`]'s words.
pub(super) fn chain_message(e: &(dyn std::error::Error + 'static)) -> Message {
    let mut next = Some(e);
    while let Some(err) = next {
        let inner = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as &(dyn std::error::Error + 'static));
        if let Some(m) = inner.unwrap_or(err).downcast_ref::<Message>() {
            return m.clone();
        }
        next = err.source();
    }
    transport(e)
}

/// `Retry-After` in seconds (the HTTP-date form is ignored: the backoff applies).
pub(super) fn retry_after(headers: &google_drive3::hyper::HeaderMap) -> Option<Duration> {
    headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// A delegate that remembers the status and `Retry-After` of a failed answer, and aborts
/// (the pacer decides on retries, not the crate).
#[derive(Debug, Default, Clone)]
pub(super) struct Captured {
    /// The failed answer's status.
    pub status: Option<u16>,
    /// Its `Retry-After`.
    pub retry_after: Option<Duration>,
}

impl common::Delegate for Captured {
    fn http_failure(
        &mut self,
        response: &common::Response,
        _err: Option<&serde_json::Value>,
    ) -> common::Retry {
        self.status = Some(response.status().as_u16());
        self.retry_after = retry_after(response.headers());
        common::Retry::Abort
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error of a GET to `url` through the client the publishes use.
    fn get_error(url: &str) -> google_drive3::hyper_util::client::legacy::Error {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let client = super::super::https::api_client(super::super::https::connector().unwrap());
            let request = google_drive3::hyper::Request::get(url)
                .body(common::to_body::<String>(None))
                .unwrap();
            tokio::time::timeout(Duration::from_secs(60), client.request(request))
                .await
                .expect("the request ended within 60 s")
                .expect_err("nothing answers there")
        })
    }

    #[test]
    fn a_refused_connection_is_said_in_our_words_without_the_http_stacks() {
        use crate::i18n::Lang;
        // A port that was just free: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let e = get_error(&format!("http://127.0.0.1:{port}/drive/v3/files"));
        let said = transport(&e);
        assert_eq!(said.key(), Some(Text::GoogleNoConnection), "{said}");
        let es = said.render(Lang::Es);
        assert!(
            es.starts_with("sin conexión con el servidor: la conexión fue rechazada (compruebe"),
            "{es}"
        );
        assert!(
            !es.contains("tcp connect") && !es.contains("client error"),
            "{es}"
        );
        let pt = said.render(Lang::PtBr);
        assert!(
            pt.starts_with("sem conexão com o servidor: a conexão foi recusada ("),
            "{pt}"
        );
        // English: the OS's words, inside ours.
        let en = said.render(Lang::En);
        assert!(
            en.starts_with("no connection to the server: Connection refused"),
            "{en}"
        );
        // The token source's path (a Message inside the chain) is the same sentence.
        assert_eq!(chain_message(&e).render(Lang::Es), es);
    }

    #[test]
    fn a_server_name_that_does_not_resolve_is_said_as_such() {
        use crate::i18n::Lang;
        // `.invalid` never resolves (RFC 2606).
        let e = get_error("http://sheetdrop-test.invalid/drive/v3/files");
        let said = transport(&e);
        assert_eq!(
            said.render(Lang::Es),
            "sin conexión con el servidor: no se encontró la dirección del servidor (DNS) \
             (compruebe la conexión a Internet y que ningún proxy o cortafuegos la bloquee)",
            "from: {}",
            chain(&e)
        );
    }

    #[test]
    fn a_failure_that_is_not_a_connections_keeps_its_own_words() {
        let e = std::io::Error::new(std::io::ErrorKind::InvalidData, "bad frame");
        assert_eq!(transport(&e).key(), None);
        assert_eq!(transport(&e).to_string(), "bad frame");
    }

    #[test]
    fn a_message_inside_an_error_chain_is_said_in_the_users_language() {
        use crate::i18n::Lang;
        use google_drive3::yup_oauth2;
        let timeout = Message::new(Text::GoogleNoAnswer)
            .with("url", "https://oauth2.googleapis.com/token")
            .with_number("n", 30);
        let e = yup_oauth2::Error::LowLevelError(std::io::Error::other(timeout));
        assert_eq!(
            chain_message(&e).render(Lang::Es),
            "https://oauth2.googleapis.com/token no respondió en 30 s"
        );
        // Without one, the chain's own words.
        let e = yup_oauth2::Error::LowLevelError(std::io::Error::other("connection refused"));
        assert_eq!(
            chain_message(&e).render(Lang::Es),
            "Low level error: connection refused"
        );
    }

    fn body(code: u16, status: &str, reason: &str) -> serde_json::Value {
        serde_json::json!({"error": {"code": code, "message": "m", "status": status,
            "errors": [{"reason": reason, "domain": "usageLimits", "message": "m"}]}})
    }

    fn failure(code: Option<u16>, json: serde_json::Value) -> Failure {
        let captured = Captured {
            status: code,
            retry_after: None,
        };
        Failure::from_crate(&"call".into(), common::Error::BadRequest(json), &captured)
    }

    #[test]
    fn quota_and_server_errors_are_retried() {
        assert_eq!(
            failure(
                Some(429),
                body(429, "RESOURCE_EXHAUSTED", "rateLimitExceeded")
            )
            .class(),
            Class::Retry
        );
        assert_eq!(
            failure(
                Some(403),
                body(403, "PERMISSION_DENIED", "userRateLimitExceeded")
            )
            .class(),
            Class::Retry
        );
        assert_eq!(
            failure(Some(403), body(403, "", "rateLimitExceeded")).class(),
            Class::Retry
        );
        assert_eq!(
            failure(Some(503), body(503, "UNAVAILABLE", "backendError")).class(),
            Class::Retry
        );
        assert_eq!(
            failure(Some(500), serde_json::json!({})).class(),
            Class::Retry
        );
        // The status comes from the body when the delegate saw none.
        assert_eq!(failure(None, body(502, "", "x")).class(), Class::Retry);
        assert_eq!(Failure::transport("reset").class(), Class::Retry);
    }

    #[test]
    fn client_errors_are_permanent_and_401_refreshes() {
        let f = failure(Some(400), body(400, "INVALID_ARGUMENT", "badRequest"));
        assert_eq!(f.class(), Class::Permanent);
        assert!(
            f.message
                .to_string()
                .contains("HTTP 400 INVALID_ARGUMENT m"),
            "{}",
            f.message
        );
        assert_eq!(
            failure(Some(403), body(403, "PERMISSION_DENIED", "forbidden")).class(),
            Class::Permanent
        );
        let gone = failure(Some(404), body(404, "NOT_FOUND", "notFound"));
        assert_eq!(gone.class(), Class::Permanent);
        assert!(gone.not_found());
        assert_eq!(
            failure(Some(401), body(401, "UNAUTHENTICATED", "authError")).class(),
            Class::Refresh
        );
        assert_eq!(Failure::permanent("too big").class(), Class::Permanent);
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut headers = google_drive3::hyper::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert("retry-after", "7".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), None);
    }
}

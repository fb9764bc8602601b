//! The Google client of one identity: the Drive and Sheets hubs pointed at Google (or at the
//! configured `endpoint`), the raw HTTP client the resumable upload uses, the token source and
//! the one [`Pacer`] every call goes through.

use super::auth::{self, TokenSource};
use super::https::{self, Https};
use super::pacer::{Backoff, Pacer};
use super::retry::{retry_after, step, transport, Failure};
use crate::i18n::{Message, Text};
use google_drive3::common;
use google_drive3::hyper::{self, body::Bytes};
use google_drive3::DriveHub;
use google_sheets4::Sheets;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Runs one client-crate call: waits for a write slot when it writes, passes a capturing
/// delegate as `$dlg`, and turns the crate's error into a [`Failure`]. Evaluates to
/// `Result<T, Failure>` with the call's decoded answer.
macro_rules! send {
    ($client:expr, $what:expr, write = $write:expr, |$dlg:ident| $call:expr) => {{
        let mut captured = $crate::publish::google::retry::Captured::default();
        if $write {
            $client.pacer.write_slot().await;
        }
        let result = {
            let $dlg = &mut captured;
            $call.await
        };
        result
            .map(|(_, value)| value)
            .map_err(|e| $crate::publish::google::retry::Failure::from_crate(&$what, e, &captured))
    }};
}
pub(super) use send;

/// The hubs, the raw client, the token source and the pacer.
pub(super) struct Client {
    /// Drive v3.
    pub drive: DriveHub<Https>,
    /// Sheets v4.
    pub sheets: Sheets<Https>,
    /// The raw client (resumable uploads are done by hand).
    pub http: common::Client<Https>,
    /// Root URL the upload paths hang from, with a trailing slash.
    pub root: String,
    /// Tokens for the requests sent by hand.
    pub tokens: TokenSource,
    /// The pacer.
    pub pacer: Pacer,
}

impl Client {
    /// Builds the client of the service account whose key is `key`; `endpoint` (when not
    /// empty) replaces Google's URLs.
    pub(super) async fn service_account(
        key: google_drive3::yup_oauth2::ServiceAccountKey,
        endpoint: &str,
        writes_per_minute: u32,
        backoff: Backoff,
    ) -> Result<Client, Message> {
        let connector = https::connector()?;
        let authenticator = auth::service_account(key, connector.clone()).await?;
        let refresh = Arc::new(AtomicBool::new(false));
        let tokens = TokenSource::new(authenticator, refresh.clone());
        Client::with_tokens(
            tokens,
            refresh,
            connector,
            endpoint,
            writes_per_minute,
            backoff,
        )
    }

    /// Builds the client of the OAuth user whose grant `auth login` cached at `cache`.
    pub(super) fn oauth(
        secret: google_drive3::yup_oauth2::ApplicationSecret,
        cache: std::path::PathBuf,
        endpoint: &str,
        writes_per_minute: u32,
        backoff: Backoff,
    ) -> Result<Client, Message> {
        let connector = https::connector()?;
        let refresh = Arc::new(AtomicBool::new(false));
        let user = super::oauth::UserTokens::new(secret, cache, connector.clone());
        let tokens = TokenSource::user(user, refresh.clone());
        Client::with_tokens(
            tokens,
            refresh,
            connector,
            endpoint,
            writes_per_minute,
            backoff,
        )
    }

    /// The hubs over `tokens`; the pacer sets `refresh` after a refused token.
    fn with_tokens(
        tokens: TokenSource,
        refresh: Arc<AtomicBool>,
        connector: Https,
        endpoint: &str,
        writes_per_minute: u32,
        backoff: Backoff,
    ) -> Result<Client, Message> {
        let http = https::api_client(connector);
        let mut drive = DriveHub::new(http.clone(), tokens.clone());
        let mut sheets = Sheets::new(http.clone(), tokens.clone());
        let endpoint = endpoint.trim_end_matches('/');
        let root = if endpoint.is_empty() {
            "https://www.googleapis.com/".to_string()
        } else {
            drive.base_url(format!("{endpoint}/drive/v3/"));
            drive.root_url(format!("{endpoint}/"));
            sheets.base_url(format!("{endpoint}/"));
            sheets.root_url(format!("{endpoint}/"));
            format!("{endpoint}/")
        };
        Ok(Client {
            drive,
            sheets,
            http,
            root,
            tokens,
            pacer: Pacer::new(writes_per_minute, backoff, refresh),
        })
    }

    /// Sends a request built by hand (with a bearer token); a non-2xx answer other than 308
    /// is a [`Failure`]. Returns the status, headers and body.
    pub(super) async fn raw(
        &self,
        what: &Message,
        request: hyper::http::request::Builder,
        body: Bytes,
    ) -> Result<(u16, hyper::HeaderMap, Bytes), Failure> {
        let token = self.tokens.token().await.map_err(|e| {
            Failure::from_crate(
                what,
                common::Error::MissingToken(Box::new(e)),
                &Default::default(),
            )
        })?;
        self.pacer.write_slot().await;
        let request = request
            .header(hyper::header::AUTHORIZATION, format!("Bearer {token}"))
            .header(hyper::header::CONTENT_LENGTH, body.len())
            .body(common::to_body(Some(body)))
            .map_err(|e| Failure::permanent(step(what, e.to_string())))?;
        let response = self
            .http
            .request(request)
            .await
            .map_err(|e| Failure::transport(step(what, transport(&e))))?;
        let (parts, body) = response.into_parts();
        let bytes = match common::to_bytes(body).await {
            Some(b) => b,
            None => {
                return Err(Failure::transport(step(
                    what,
                    Message::new(Text::GoogleCutOff),
                )))
            }
        };
        let status = parts.status.as_u16();
        if parts.status.is_success() || status == 308 {
            return Ok((status, parts.headers, bytes));
        }
        let mut failure = Failure::permanent(step(what, format!("HTTP {status}")));
        failure.status = Some(status);
        failure.retry_after = retry_after(&parts.headers);
        if let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            failure = Failure::from_crate(
                what,
                common::Error::BadRequest(json),
                &super::retry::Captured {
                    status: Some(status),
                    retry_after: failure.retry_after,
                },
            );
        }
        Err(failure)
    }
}

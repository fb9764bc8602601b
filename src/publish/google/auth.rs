//! Credentials: the service-account authenticator (the key's `token_uri` is honoured) and
//! the token source the hubs ask, which fetches a fresh token after a 401 (a service
//! account's, or the signed-in user's from [`super::oauth`]).

use super::https::{Https, SCOPE};
use crate::i18n::{Message, Text};
use google_drive3::common::GetToken;
use google_drive3::hyper_util::client::legacy::Client;
use google_drive3::hyper_util::rt::TokioExecutor;
use google_drive3::yup_oauth2::{self, authenticator::Authenticator};
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long the token endpoint may take.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads and parses a service-account key file; the error says which file and why.
pub(super) fn read_key(path: &Path) -> Result<yup_oauth2::ServiceAccountKey, Message> {
    let bytes = std::fs::read(path).map_err(|e| {
        Message::new(Text::GoogleReadKey)
            .with("path", path.display())
            .with_io("error", &e)
    })?;
    yup_oauth2::parse_service_account_key(bytes).map_err(|e| {
        Message::new(Text::GoogleNotAKey)
            .with("path", path.display())
            .with("error", e)
    })
}

/// The authenticator of a service account.
pub(super) async fn service_account(
    key: yup_oauth2::ServiceAccountKey,
    connector: Https,
) -> Result<Authenticator<Https>, Message> {
    let client: Client<Https, String> = Client::builder(TokioExecutor::new()).build(connector);
    yup_oauth2::ServiceAccountAuthenticator::with_client(
        key,
        yup_oauth2::client::CustomHyperClientBuilder::from(client),
    )
    .with_timeout(TOKEN_TIMEOUT)
    .build()
    .await
    .map_err(|e| Message::new(Text::GoogleAuthenticator).with_io("error", &e))
}

/// What the hubs ask for tokens: the authenticator, plus the flag the pacer sets when a
/// token was refused (401), so that the next call gets a fresh one instead of the cached.
#[derive(Clone)]
pub(super) struct TokenSource {
    tokens: Tokens,
    refresh: Arc<AtomicBool>,
}

/// Where the tokens come from.
#[derive(Clone)]
enum Tokens {
    /// yup-oauth2's authenticator (a service account).
    Authenticator(Authenticator<Https>),
    /// The cached grant of `auth login` (never starts a login).
    User(Arc<super::oauth::UserTokens>),
}

impl TokenSource {
    /// A token source over `auth`, refreshing when `refresh` is set.
    pub(super) fn new(auth: Authenticator<Https>, refresh: Arc<AtomicBool>) -> TokenSource {
        TokenSource {
            tokens: Tokens::Authenticator(auth),
            refresh,
        }
    }

    /// A token source over the cached OAuth grant, refreshing when `refresh` is set.
    pub(super) fn user(user: super::oauth::UserTokens, refresh: Arc<AtomicBool>) -> TokenSource {
        TokenSource {
            tokens: Tokens::User(Arc::new(user)),
            refresh,
        }
    }

    /// A token for [`SCOPE`] (for the requests sheetdrop sends itself).
    pub(super) async fn token(&self) -> Result<String, yup_oauth2::Error> {
        let scopes = [SCOPE];
        let force = self.refresh.swap(false, Ordering::SeqCst);
        let token = match &self.tokens {
            Tokens::User(user) => return user.token(force).await,
            Tokens::Authenticator(auth) if force => auth.force_refreshed_token(&scopes).await?,
            Tokens::Authenticator(auth) => auth.token(&scopes).await?,
        };
        token
            .token()
            .map(str::to_string)
            .ok_or(yup_oauth2::Error::MissingAccessToken)
    }

    /// Why the last token was refused, in words of any language, when the tokens are an
    /// OAuth user's (a service account's refusals are the token endpoint's own words).
    pub(super) fn refusal(&self) -> Option<crate::i18n::Message> {
        match &self.tokens {
            Tokens::User(user) => user.refusal(),
            Tokens::Authenticator(_) => None,
        }
    }

    /// A new token, never a cached one: `sheetdrop doctor` finds a revoked key or grant out.
    pub(super) async fn fresh_token(&self) -> Result<String, yup_oauth2::Error> {
        self.refresh.store(true, Ordering::SeqCst);
        self.token().await
    }
}

type TokenFuture<'a> = Pin<
    Box<
        dyn Future<Output = Result<Option<String>, Box<dyn std::error::Error + Send + Sync>>>
            + Send
            + 'a,
    >,
>;

impl GetToken for TokenSource {
    fn get_token<'a>(&'a self, _scopes: &'a [&str]) -> TokenFuture<'a> {
        // Every call adds the drive.file scope; asking for it alone keeps one cached token.
        Box::pin(async move {
            self.token()
                .await
                .map(Some)
                .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)
        })
    }
}

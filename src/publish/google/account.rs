//! `sheetdrop auth login|status|logout`: the Google identity of `[destination.google]`, checked
//! by really fetching a token. Nothing here prints or logs a secret.

use super::retry::{chain, chain_message};
use super::{auth, client_secret_name, https, key_path, oauth};
use crate::config::Google;
use crate::i18n::{Lang, Message, Text};
use std::path::{Path, PathBuf};

/// What `auth status` found, in words of any language ([`Message::render`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthStatus {
    /// Who publishes: "service account x@y (key /path)" or "OAuth user (token cached at ...)".
    pub identity: Message,
    /// `Ok` when a token was fetched; else why not (and what to do).
    pub works: Result<(), Message>,
}

fn runtime() -> Result<tokio::runtime::Runtime, Message> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Message::new(Text::GoogleRuntime).with_io("error", &e))
}

/// The identity of `settings` and whether a token can be had for it, by fetching one (a new
/// one: a revoked grant is found out).
pub fn status(settings: &Google, config_dir: Option<&Path>) -> AuthStatus {
    if settings.credentials == "oauth" {
        let cache = oauth::token_cache_path();
        let identity = match &cache {
            Ok(path) => Message::new(Text::GoogleOAuthUserAt).with("path", path.display()),
            Err(_) => Message::new(Text::GoogleOAuthUser),
        };
        let works = cache.and_then(|cache| {
            let secret =
                oauth::read_client_secret(&key_path(client_secret_name(settings), config_dir))?;
            if oauth::load(&cache)?.is_none() {
                return Err(oauth::reauth(oauth::no_token_cached(&cache)));
            }
            let tokens = oauth::UserTokens::new(secret, cache, https::connector()?);
            runtime()?.block_on(async {
                tokens.token(true).await.map(drop).map_err(|e| {
                    tokens.refusal().unwrap_or_else(|| {
                        Message::new(Text::GoogleNoToken).with_message("error", chain_message(&e))
                    })
                })
            })
        });
        return AuthStatus { identity, works };
    }
    let path = key_path(&settings.credentials, config_dir);
    let key = match auth::read_key(&path) {
        Ok(key) => key,
        Err(e) => {
            return AuthStatus {
                identity: Message::new(Text::DoctorServiceAccountKey).with("path", path.display()),
                works: Err(e),
            }
        }
    };
    let identity = Message::new(Text::DoctorServiceAccount)
        .with("email", &key.client_email)
        .with("path", path.display());
    let works = runtime().and_then(|rt| {
        rt.block_on(async {
            let authenticator = auth::service_account(key, https::connector()?).await?;
            let token = authenticator
                .token(&[https::SCOPE])
                .await
                .map_err(|e| Message::new(Text::GoogleKeyRefused).with("error", chain(&e)))?;
            token
                .token()
                .map(drop)
                .ok_or_else(|| Message::new(Text::GoogleNoAccessToken))
        })
    });
    AuthStatus { identity, works }
}

/// `auth login`: the browser login of `credentials = "oauth"`; returns where the token is
/// cached. Prints the address to open (in `lang`), and opens a browser when `open_browser`.
pub fn login(
    settings: &Google,
    config_dir: Option<&Path>,
    open_browser: bool,
    lang: Lang,
) -> Result<PathBuf, Message> {
    if settings.credentials != "oauth" {
        return Err(Message::new(Text::GoogleLoginServiceAccount)
            .with("credentials", format!("{:?}", settings.credentials)));
    }
    let secret = oauth::read_client_secret(&key_path(client_secret_name(settings), config_dir))?;
    let cache = oauth::token_cache_path()?;
    runtime()?.block_on(oauth::login(secret, &cache, open_browser, lang))?;
    Ok(cache)
}

/// `auth logout`: revokes the cached grant (when Google can be reached) and removes the
/// cache. Returns what was done, for people.
pub fn logout(settings: &Google) -> Result<Message, Message> {
    if settings.credentials != "oauth" {
        return Ok(Message::new(Text::GoogleLogoutServiceAccount)
            .with("credentials", format!("{:?}", settings.credentials)));
    }
    let cache = oauth::token_cache_path()?;
    // A damaged cache is removed all the same.
    let token = oauth::load(&cache).unwrap_or(None);
    let revoked = token
        .as_ref()
        .map(|token| runtime().and_then(|rt| rt.block_on(oauth::revoke(token))));
    if !oauth::remove(&cache)? {
        return Ok(Message::new(Text::GoogleNoLogin).with("path", cache.display()));
    }
    let done = match revoked {
        None => Message::new(Text::GoogleLoggedOut),
        Some(Ok(())) => Message::new(Text::GoogleLoggedOutRevoked),
        Some(Err(e)) => Message::new(Text::GoogleLoggedOutNotRevoked).with_message("error", e),
    };
    Ok(done.with("path", cache.display()))
}

//! `sheetdrop auth login|status|logout`: the Google identity of `[destination.google]`, checked
//! by really fetching a token. Nothing here prints or logs a secret.

use super::{auth, client_secret_name, key_path, oauth, retry::chain};
use crate::config::Google;
use std::path::{Path, PathBuf};

/// What `auth status` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthStatus {
    /// Who publishes: "service account x@y (key /path)" or "OAuth user (token cached at ...)".
    pub identity: String,
    /// `Ok` when a token was fetched; else why not (and what to do).
    pub works: Result<(), String>,
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the google client's runtime: {e}"))
}

/// The identity of `settings` and whether a token can be had for it, by fetching one (a new
/// one: a revoked grant is found out).
pub fn status(settings: &Google, config_dir: Option<&Path>) -> AuthStatus {
    if settings.credentials == "oauth" {
        let cache = oauth::token_cache_path();
        let identity = match &cache {
            Ok(path) => format!("OAuth user (token cached at {})", path.display()),
            Err(_) => "OAuth user".to_string(),
        };
        let works = cache.and_then(|cache| {
            let secret =
                oauth::read_client_secret(&key_path(client_secret_name(settings), config_dir))?;
            if oauth::load(&cache)?.is_none() {
                return Err(format!(
                    "{} (no OAuth token is cached at {})",
                    oauth::REAUTH,
                    cache.display()
                ));
            }
            let tokens = oauth::UserTokens::new(secret, cache, auth::connector()?);
            runtime()?.block_on(async {
                tokens.token(true).await.map(drop).map_err(|e| {
                    let text = chain(&e);
                    match text.find(oauth::REAUTH) {
                        Some(at) => text[at..].to_string(),
                        None => format!("cannot get an access token: {text}"),
                    }
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
                identity: format!("service account (key {})", path.display()),
                works: Err(e),
            }
        }
    };
    let identity = format!(
        "service account {} (key {})",
        key.client_email,
        path.display()
    );
    let works = runtime().and_then(|rt| {
        rt.block_on(async {
            let authenticator = auth::service_account(key, auth::connector()?).await?;
            let token = authenticator
                .token(&[auth::SCOPE])
                .await
                .map_err(|e| format!("the key was refused: {}", chain(&e)))?;
            token
                .token()
                .map(drop)
                .ok_or_else(|| "the token endpoint answered no access token".to_string())
        })
    });
    AuthStatus { identity, works }
}

/// `auth login`: the browser login of `credentials = "oauth"`; returns where the token is
/// cached. Prints the address to open, and opens a browser when `open_browser`.
pub fn login(
    settings: &Google,
    config_dir: Option<&Path>,
    open_browser: bool,
) -> Result<PathBuf, String> {
    if settings.credentials != "oauth" {
        return Err(format!(
            "credentials = {:?} is a service-account key: there is nothing to log in to \
             (set credentials = \"oauth\" to publish as a Google user)",
            settings.credentials
        ));
    }
    let secret = oauth::read_client_secret(&key_path(client_secret_name(settings), config_dir))?;
    let cache = oauth::token_cache_path()?;
    runtime()?.block_on(oauth::login(secret, &cache, open_browser))?;
    Ok(cache)
}

/// `auth logout`: revokes the cached grant (when Google can be reached) and removes the
/// cache. Returns what was done, for people.
pub fn logout(settings: &Google) -> Result<String, String> {
    if settings.credentials != "oauth" {
        return Ok(format!(
            "credentials = {:?} is a service-account key: no login is cached (remove or \
             replace the key file to stop using it)",
            settings.credentials
        ));
    }
    let cache = oauth::token_cache_path()?;
    // A damaged cache is removed all the same.
    let token = oauth::load(&cache).unwrap_or(None);
    let revoked = match &token {
        Some(token) => match runtime().and_then(|rt| rt.block_on(oauth::revoke(token))) {
            Ok(()) => " and the grant revoked".to_string(),
            Err(e) => format!(" (the grant could not be revoked: {e})"),
        },
        None => String::new(),
    };
    if oauth::remove(&cache)? {
        Ok(format!("logged out: {} removed{revoked}", cache.display()))
    } else {
        Ok(format!("no login was cached at {}", cache.display()))
    }
}

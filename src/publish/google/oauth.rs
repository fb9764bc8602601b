//! `credentials = "oauth"`: the installed-app login (yup-oauth2's installed flow with a
//! localhost redirect), the per-user token cache, and the token source of the agent, which only
//! ever refreshes the cached grant: an agent running unattended never opens a browser, and a
//! missing or refused grant is a "re-authorization needed" error, not a new login.
//!
//! Tokens are secrets: they go to the cache file and to Google, never to the output or the log.

use super::https::{self, Https, SCOPE};
use super::retry::{chain_message, no_answer, step, transport};
use crate::i18n::{Lang, Message, Text};
use google_drive3::common;
use google_drive3::hyper::{self, body::Bytes};
use google_drive3::hyper_util::client::legacy::Client;
use google_drive3::hyper_util::rt::TokioExecutor;
use google_drive3::yup_oauth2::authenticator_delegate::InstalledFlowDelegate;
use google_drive3::yup_oauth2::error::{AuthError, AuthErrorCode};
use google_drive3::yup_oauth2::storage::{TokenInfo, TokenStorage, TokenStorageError};
use google_drive3::yup_oauth2::{self, ApplicationSecret, InstalledFlowReturnMethod};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What every refused or missing grant says: "re-authorization needed: run `sheetdrop auth
/// login` ({why})", in any language.
pub(super) fn reauth(why: Message) -> Message {
    Message::new(Text::GoogleReauth).with_message("why", why)
}

/// The cache's file name in the per-user config dir.
const TOKEN_FILE: &str = "token.json";

/// An access token is used while it has at least this long left.
const MARGIN_SECS: i64 = 60;

/// How long the token endpoint may take.
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// How long `auth login` waits for the browser to come back.
const LOGIN_TIMEOUT: Duration = Duration::from_secs(600);

/// The token cache: `sheetdrop/token.json` in the per-user config dir
/// (`~/.config/sheetdrop/token.json`, `%APPDATA%\sheetdrop\config\token.json`).
pub(super) fn token_cache_path() -> Result<PathBuf, Message> {
    directories::ProjectDirs::from("", "", "sheetdrop")
        .map(|d| d.config_dir().join(TOKEN_FILE))
        .ok_or_else(|| Message::new(Text::GoogleNoConfigDir))
}

/// Reads the OAuth client (`{"installed": {...}}` as the Google Cloud console downloads it).
pub(super) fn read_client_secret(path: &Path) -> Result<ApplicationSecret, Message> {
    let bytes = std::fs::read(path).map_err(|e| {
        Message::new(Text::GoogleReadSecret)
            .with("path", path.display())
            .with_io("error", &e)
    })?;
    yup_oauth2::parse_application_secret(bytes)
        .map_err(|_| Message::new(Text::GoogleNotASecret).with("path", path.display()))
}

/// The cached grant. Its `Debug` leaves the secrets out.
#[derive(Serialize, Deserialize, Clone)]
pub(super) struct CachedToken {
    /// The OAuth client the grant belongs to.
    pub client_id: String,
    /// Where it is refreshed.
    pub token_uri: String,
    /// The scope granted.
    pub scope: String,
    /// The long-lived grant.
    pub refresh_token: String,
    /// The last access token, while it lasts.
    #[serde(default)]
    pub access_token: Option<String>,
    /// When it expires (Unix seconds).
    #[serde(default)]
    pub expires_at: Option<i64>,
}

/// Shows no secret.
impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedToken")
            .field("client_id", &self.client_id)
            .field("token_uri", &self.token_uri)
            .field("scope", &self.scope)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The cached grant, `None` when there is none.
pub(super) fn load(path: &Path) -> Result<Option<CachedToken>, Message> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Message::new(Text::GoogleReadToken)
                .with("path", path.display())
                .with_io("error", &e))
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|_| Message::new(Text::GoogleTokenDamaged).with("path", path.display()))
}

/// Writes the cache atomically (temp file, fsync, rename), readable by its owner only: mode
/// 0600 in a 0700 folder on unix. On Windows the per-user config dir (`%APPDATA%`) is already
/// private to the user by its profile's ACL, which the new file inherits.
pub(super) fn save(path: &Path, token: &CachedToken) -> Result<(), Message> {
    use std::io::Write;
    let fail = |e: std::io::Error| {
        Message::new(Text::GoogleWriteToken)
            .with("path", path.display())
            .with_io("error", &e)
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(fail)?;
    }
    let json = serde_json::to_vec_pretty(token).map_err(|e| fail(std::io::Error::other(e)))?;
    let tmp = dir.join(format!(".{TOKEN_FILE}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(&json)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Saves `token`, refreshed from the grant `used`, unless the cache now holds another grant
/// or none (an `auth login` or `logout` meanwhile): that wins.
fn save_unless_replaced(path: &Path, token: &CachedToken, used: &str) -> Result<(), Message> {
    match load(path) {
        Ok(Some(current)) if current.refresh_token == used => save(path, token),
        _ => Ok(()),
    }
}

/// Removes the cache; false when there was none.
pub(super) fn remove(path: &Path) -> Result<bool, Message> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Message::new(Text::GoogleRemoveToken)
            .with("path", path.display())
            .with_io("error", &e)),
    }
}

/// The error of a grant that is missing or refused: `invalid_grant`, which the classifier
/// (`retry.rs`) takes as "the credentials were refused" (permanent).
fn refused(description: String) -> yup_oauth2::Error {
    yup_oauth2::Error::AuthError(AuthError {
        error: AuthErrorCode::InvalidGrant,
        error_description: Some(description),
        error_uri: None,
    })
}

/// A failure to reach the token endpoint (transient). The message rides inside the error,
/// for `retry::chain_message` to find and say in the user's language.
fn unreachable(message: Message) -> yup_oauth2::Error {
    yup_oauth2::Error::LowLevelError(std::io::Error::other(message))
}

/// `application/x-www-form-urlencoded` of `pairs`.
fn form(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// POSTs a form to `url`; returns the status and body.
async fn post_form(
    http: &common::Client<Https>,
    url: &str,
    body: String,
) -> Result<(u16, Bytes), yup_oauth2::Error> {
    let request = hyper::Request::post(url)
        .header(
            hyper::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(common::to_body(Some(body)))
        .map_err(|e| {
            unreachable(
                Message::new(Text::GoogleBadTokenUrl)
                    .with("url", url)
                    .with("error", e),
            )
        })?;
    let response = tokio::time::timeout(TOKEN_TIMEOUT, http.request(request))
        .await
        .map_err(|_| unreachable(no_answer(url, TOKEN_TIMEOUT)))?
        .map_err(|e| unreachable(step(&Message::verbatim(url), transport(&e))))?;
    let status = response.status().as_u16();
    let bytes = common::to_bytes(response.into_body())
        .await
        .ok_or_else(|| unreachable(Message::new(Text::GoogleAnswerCutOff).with("url", url)))?;
    Ok((status, bytes))
}

/// A new access token from the token endpoint's answer.
struct Fresh {
    access_token: String,
    expires_at: Option<i64>,
    refresh_token: Option<String>,
}

/// The refresh grant.
async fn refresh(
    http: &common::Client<Https>,
    secret: &ApplicationSecret,
    refresh_token: &str,
) -> Result<Fresh, yup_oauth2::Error> {
    let body = form(&[
        ("grant_type", "refresh_token"),
        ("client_id", &secret.client_id),
        ("client_secret", &secret.client_secret),
        ("refresh_token", refresh_token),
    ]);
    let (status, bytes) = post_form(http, &secret.token_uri, body).await?;
    if !(200..300).contains(&status) {
        return Err(match serde_json::from_slice::<AuthError>(&bytes) {
            Ok(e) => yup_oauth2::Error::AuthError(e),
            Err(_) => unreachable(
                Message::new(Text::GoogleAnsweredHttp)
                    .with("url", &secret.token_uri)
                    .with("status", status),
            ),
        });
    }
    #[derive(Deserialize)]
    struct Answer {
        access_token: Option<String>,
        expires_in: Option<i64>,
        refresh_token: Option<String>,
    }
    let answer: Answer = serde_json::from_slice(&bytes)?;
    Ok(Fresh {
        access_token: answer
            .access_token
            .ok_or(yup_oauth2::Error::MissingAccessToken)?,
        expires_at: answer.expires_in.map(|s| now_unix() + s),
        refresh_token: answer.refresh_token,
    })
}

/// The token source of `credentials = "oauth"`: the cached access token while it lasts, else
/// a refresh of the cached grant. Never starts a login.
pub(super) struct UserTokens {
    secret: ApplicationSecret,
    path: PathBuf,
    http: common::Client<Https>,
    /// The grant, read from the cache when first needed, and again after it was refused (a
    /// login while the agent runs is picked up).
    cached: tokio::sync::Mutex<Option<CachedToken>>,
    /// Why the last token was refused, in words of any language (the refusal itself travels
    /// through the client crates as an English `invalid_grant` error).
    refusal: std::sync::Mutex<Option<Message>>,
}

impl UserTokens {
    /// A token source over the cache at `path` for the client `secret`.
    pub(super) fn new(secret: ApplicationSecret, path: PathBuf, connector: Https) -> UserTokens {
        UserTokens {
            secret,
            path,
            http: https::api_client(connector),
            cached: tokio::sync::Mutex::new(None),
            refusal: std::sync::Mutex::new(None),
        }
    }

    /// Why the last token was refused ("re-authorization needed: ..."), `None` when the
    /// last one was not.
    pub(super) fn refusal(&self) -> Option<Message> {
        self.refusal
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Remembers the refusal `why` and returns it as the client crates' `invalid_grant`.
    fn refuse(&self, why: Message) -> yup_oauth2::Error {
        let message = reauth(why);
        let english = message.to_string();
        *self.refusal.lock().unwrap_or_else(|e| e.into_inner()) = Some(message);
        refused(english)
    }

    /// An access token for [`SCOPE`]; `force`: a fresh one even if the cached one lasts.
    pub(super) async fn token(&self, force: bool) -> Result<String, yup_oauth2::Error> {
        let mut cached = self.cached.lock().await;
        if cached.is_none() {
            *cached = load(&self.path).map_err(|e| self.refuse(e))?;
        }
        let Some(token) = cached.as_mut() else {
            return Err(self.refuse(no_token_cached(&self.path)));
        };
        if token.client_id != self.secret.client_id || token.token_uri != self.secret.token_uri {
            *cached = None;
            return Err(self
                .refuse(Message::new(Text::GoogleOtherClient).with("path", self.path.display())));
        }
        if !force {
            if let (Some(access), Some(expires_at)) = (&token.access_token, token.expires_at) {
                if expires_at - now_unix() > MARGIN_SECS {
                    return Ok(access.clone());
                }
            }
        }
        let used = token.refresh_token.clone();
        let fresh = match refresh(&self.http, &self.secret, &used).await {
            Ok(fresh) => fresh,
            Err(yup_oauth2::Error::AuthError(e)) => {
                // Its access token is no good either: the next try goes straight to the
                // token endpoint (one request) instead of to an API that answers 401.
                token.access_token = None;
                token.expires_at = None;
                let _ = save_unless_replaced(&self.path, token, &used);
                *cached = None;
                return Err(self.refuse(Message::new(Text::GoogleGrantRefused).with("error", e)));
            }
            Err(e) => return Err(e),
        };
        *self.refusal.lock().unwrap_or_else(|e| e.into_inner()) = None;
        token.access_token = Some(fresh.access_token.clone());
        token.expires_at = fresh.expires_at;
        if let Some(rotated) = fresh.refresh_token {
            token.refresh_token = rotated;
        }
        if let Err(e) = save_unless_replaced(&self.path, token, &used) {
            tracing::warn!(error = %e, "cannot update the OAuth token cache");
        }
        Ok(fresh.access_token)
    }
}

/// "no OAuth token is cached at {path}".
pub(super) fn no_token_cached(path: &Path) -> Message {
    Message::new(Text::GoogleNoCachedToken).with("path", path.display())
}

/// Presents the login URL: prints it, and opens the browser unless told not to.
struct Presenter {
    open_browser: bool,
    lang: Lang,
}

impl InstalledFlowDelegate for Presenter {
    fn present_user_url<'a>(
        &'a self,
        url: &'a str,
        _need_code: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>> {
        Box::pin(async move {
            let lang = self.lang;
            println!("{}", lang.format(Text::GoogleLoginOpen, &[("url", &url)]));
            if self.open_browser {
                match open_browser(url) {
                    Ok(()) => println!("{}", lang.text(Text::GoogleLoginBrowserOpened)),
                    Err(e) => println!(
                        "{}",
                        lang.format(Text::GoogleLoginNoBrowser, &[("error", &e.render(lang))])
                    ),
                }
            }
            println!("{}", lang.text(Text::GoogleLoginWaiting));
            Ok(String::new())
        })
    }
}

/// Opens `url` in the desktop's browser.
fn open_browser(url: &str) -> Result<(), Message> {
    use std::process::{Command, Stdio};
    let mut command = if cfg!(windows) {
        let mut c = Command::new("rundll32");
        c.args(["url.dll,FileProtocolHandler", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return Err(Message::new(Text::GoogleNoDesktop));
        }
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| Message::io(&e))
}

/// Where the login flow leaves its token: the cache file.
struct CacheWriter {
    path: PathBuf,
    client_id: String,
    token_uri: String,
}

#[async_trait::async_trait]
impl TokenStorage for CacheWriter {
    async fn set(&self, scopes: &[&str], token: TokenInfo) -> Result<(), TokenStorageError> {
        let refresh_token = token
            .refresh_token
            .ok_or_else(|| TokenStorageError::Other("Google answered no refresh token".into()))?;
        let cached = CachedToken {
            client_id: self.client_id.clone(),
            token_uri: self.token_uri.clone(),
            scope: scopes.join(" "),
            refresh_token,
            access_token: token.access_token,
            expires_at: token.expires_at.map(|t| t.unix_timestamp()),
        };
        save(&self.path, &cached).map_err(|e| TokenStorageError::Other(e.to_string().into()))
    }

    async fn get(&self, _scopes: &[&str]) -> Option<TokenInfo> {
        // A login always asks the user again.
        None
    }
}

/// `sheetdrop auth login`: the installed-app flow with a localhost redirect; the grant is
/// cached at `path`. What to do is printed in `lang`.
pub(super) async fn login(
    secret: ApplicationSecret,
    path: &Path,
    open_browser: bool,
    lang: Lang,
) -> Result<(), Message> {
    let connector = https::connector()?;
    let client: Client<Https, String> = Client::builder(TokioExecutor::new()).build(connector);
    let storage = CacheWriter {
        path: path.to_path_buf(),
        client_id: secret.client_id.clone(),
        token_uri: secret.token_uri.clone(),
    };
    let authenticator = yup_oauth2::InstalledFlowAuthenticator::with_client(
        secret,
        InstalledFlowReturnMethod::HTTPRedirect,
        yup_oauth2::client::CustomHyperClientBuilder::from(client),
    )
    .with_timeout(TOKEN_TIMEOUT)
    .flow_delegate(Box::new(Presenter { open_browser, lang }))
    .with_storage(Box::new(storage))
    .build()
    .await
    .map_err(|e| Message::new(Text::GoogleLoginSetup).with_io("error", &e))?;
    tokio::time::timeout(LOGIN_TIMEOUT, authenticator.token(&[SCOPE]))
        .await
        .map_err(|_| Message::new(Text::GoogleLoginTimeout))?
        .map_err(|e| {
            Message::new(Text::GoogleLoginFailed).with_message("error", chain_message(&e))
        })?;
    Ok(())
}

/// Revokes the grant (`POST <token_uri's folder>/revoke`, as Google's
/// `https://oauth2.googleapis.com/revoke`).
pub(super) async fn revoke(token: &CachedToken) -> Result<(), Message> {
    let url = match token.token_uri.strip_suffix("/token") {
        Some(base) => format!("{base}/revoke"),
        None => "https://oauth2.googleapis.com/revoke".to_string(),
    };
    let http = https::api_client(https::connector()?);
    let (status, _) = post_form(&http, &url, form(&[("token", &token.refresh_token)]))
        .await
        .map_err(|e| chain_message(&e))?;
    match status {
        200..=299 => Ok(()),
        // Already revoked or expired: nothing left to revoke.
        400 => Ok(()),
        other => Err(Message::new(Text::GoogleAnsweredHttp)
            .with("url", &url)
            .with("status", other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> CachedToken {
        CachedToken {
            client_id: "c".into(),
            token_uri: "http://x/token".into(),
            scope: SCOPE.into(),
            refresh_token: "r".into(),
            access_token: Some("a".into()),
            expires_at: Some(1),
        }
    }

    #[test]
    fn the_cache_is_written_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/token.json");
        assert!(load(&path).unwrap().is_none());
        save(&path, &token()).unwrap();
        save(&path, &token()).unwrap();
        let back = load(&path).unwrap().unwrap();
        assert_eq!(back.refresh_token, "r");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let mode = std::fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        std::fs::write(&path, "{").unwrap();
        assert!(load(&path).unwrap_err().to_string().contains("damaged"));
        assert!(remove(&path).unwrap());
        assert!(!remove(&path).unwrap());
    }

    #[test]
    fn forms_are_percent_encoded() {
        assert_eq!(
            form(&[("a", "1//x y&z"), ("b", "ok-._~")]),
            "a=1%2F%2Fx%20y%26z&b=ok-._~"
        );
    }
}

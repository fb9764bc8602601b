//! `sheetdrop doctor`'s look at the Google destination: do the credentials load, does the
//! token endpoint hand out a token, are the spreadsheet and the Drive folder (configured, or
//! remembered in the state store after the agent created them) still there, and what time
//! does Google's clock say. It reads only: nothing is created, shared or written, and every
//! network step gives up after [`NETWORK_TIMEOUT`] so that a doctor never hangs.
//!
//! The answers are data (what failed and why), not sentences: the caller words them in the
//! user's language.

use super::auth;
use super::client::Client;
use super::layout::encode_path_segment;
use super::pacer::Backoff;
use super::retry::{chain, chain_message, no_answer, step, transport};
use super::{client_secret_name, key_path, oauth, setting_key, OAUTH_IDENTITY};
use crate::config::Google;
use crate::i18n::{Message, Text};
use crate::state::State;
use google_drive3::common;
use google_drive3::hyper;
use google_drive3::yup_oauth2;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long each network step (the clock probe, the token, each GET) may take.
pub const NETWORK_TIMEOUT: Duration = Duration::from_secs(10);

/// Who publishes, as far as the configuration says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// A service account; `email` once its key file could be read.
    ServiceAccount {
        /// The key's `client_email`.
        email: Option<String>,
        /// The key file.
        key: PathBuf,
    },
    /// A Google user who logged in with `sheetdrop auth login`.
    OAuth {
        /// The OAuth client-secret file.
        secret: PathBuf,
        /// Where `auth login` caches the grant, when there is a per-user config dir.
        cache: Option<PathBuf>,
    },
}

/// Why the credentials cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsError {
    /// The service-account key file is missing, unreadable, not a key, or its private key
    /// is not usable.
    KeyFile {
        /// The key file.
        path: PathBuf,
        /// Why, naming the file.
        message: Message,
    },
    /// The OAuth client-secret file is missing, unreadable or not one.
    ClientSecret {
        /// The client-secret file.
        path: PathBuf,
        /// Why, naming the file.
        message: Message,
    },
    /// `credentials = "oauth"` and no usable login is cached (never logged in, logged out,
    /// damaged cache). Names the cache file.
    NoLogin(Message),
}

/// Why no token could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// The token endpoint answered, and said no (revoked key, refused grant).
    Refused(String),
    /// The token endpoint could not be reached in time (network, proxy, firewall): the
    /// network library's words, or how long it was waited for.
    Unreachable(Message),
}

/// What was found of a spreadsheet or a Drive folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its id: configured, else remembered; `None` when neither (created at first publish).
    pub id: Option<String>,
    /// True when the id comes from the config file (not created by sheetdrop).
    pub configured: bool,
    /// What a GET of it answered.
    pub reach: Reach,
}

/// The answer to a GET of a spreadsheet or a Drive folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// No id is configured or remembered: the first publish creates it.
    NotCreatedYet,
    /// It is there; `name` is its title.
    Reachable {
        /// The spreadsheet's title or the folder's name.
        name: String,
    },
    /// It is there but in the Drive trash (a Drive folder).
    Trashed {
        /// The folder's name.
        name: String,
    },
    /// 404: deleted, or never visible to this identity.
    NotFound,
    /// 403: visible, but this identity may not use it.
    Forbidden,
    /// Anything else (network, timeout, another status), in words (Google's own kept).
    Failed(Message),
}

/// Everything the probe found; later steps are `None` when an earlier one failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// Who publishes.
    pub identity: Identity,
    /// Whether the credentials load.
    pub credentials: Result<(), CredentialsError>,
    /// Whether a token was obtained; `None` when the credentials did not load.
    pub token: Option<Result<(), TokenError>>,
    /// The spreadsheet; `None` when there is no token, or no configured id and no state
    /// store to look the remembered one up in.
    pub spreadsheet: Option<Target>,
    /// The Drive folder of the raw files; `None` like `spreadsheet`.
    pub drive_folder: Option<Target>,
    /// Google's time, from the `Date` header of the last answer that had one.
    pub server_time: Option<SystemTime>,
}

/// Looks at the Google destination of `settings` (a relative key path is taken from
/// `config_dir`); ids the agent created are looked up in `state`, when one could be opened.
pub fn probe(settings: &Google, config_dir: Option<&Path>, state: Option<&State>) -> Probe {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let why = Message::new(Text::GoogleRuntime).with_io("error", &e);
            return Probe {
                identity: identity_of(settings, config_dir),
                credentials: Ok(()),
                token: Some(Err(TokenError::Unreachable(why))),
                spreadsheet: None,
                drive_folder: None,
                server_time: None,
            };
        }
    };
    runtime.block_on(probe_async(settings, config_dir, state))
}

/// The identity the config names, before anything is read.
fn identity_of(settings: &Google, config_dir: Option<&Path>) -> Identity {
    if settings.credentials == "oauth" {
        Identity::OAuth {
            secret: key_path(client_secret_name(settings), config_dir),
            cache: oauth::token_cache_path().ok(),
        }
    } else {
        Identity::ServiceAccount {
            email: None,
            key: key_path(&settings.credentials, config_dir),
        }
    }
}

/// The credentials, read: the client built on them and the key the ids are remembered under.
struct Loaded {
    client: Client,
    token_uri: String,
    remembered_as: String,
}

async fn probe_async(settings: &Google, config_dir: Option<&Path>, state: Option<&State>) -> Probe {
    let mut probe = Probe {
        identity: identity_of(settings, config_dir),
        credentials: Ok(()),
        token: None,
        spreadsheet: None,
        drive_folder: None,
        server_time: None,
    };
    let loaded = match load(settings, &mut probe.identity).await {
        Ok(loaded) => loaded,
        Err(e) => {
            probe.credentials = Err(e);
            return probe;
        }
    };
    let Loaded {
        client,
        token_uri,
        remembered_as,
    } = loaded;

    // The clock first: a token refused for a wrong clock is explained by it.
    if let Ok((_, headers, _)) = get(&client, &token_uri, None).await {
        probe.server_time = date_of(&headers).or(probe.server_time);
    }
    let token = match within(client.tokens.fresh_token()).await {
        Ok(Ok(token)) => token,
        Ok(Err(e)) => {
            probe.token = Some(Err(classify_token_error(&e)));
            return probe;
        }
        Err(elapsed) => {
            let why = elapsed.waiting_for(&token_uri);
            probe.token = Some(Err(TokenError::Unreachable(why)));
            return probe;
        }
    };
    probe.token = Some(Ok(()));

    let remembered = |what: &str| {
        state.map(|state| {
            state
                .setting(&setting_key(&remembered_as, what))
                .ok()
                .flatten()
                .filter(|v| !v.trim().is_empty())
        })
    };
    let targets = [
        (&settings.spreadsheet_id, "spreadsheet_id"),
        (&settings.drive_folder_id, "drive_folder_id"),
    ];
    for (configured, what) in targets {
        let (id, is_configured) = match configured.trim() {
            "" => match remembered(what) {
                Some(id) => (id, false),
                // No state store to ask: whether one was created is unknown.
                None => continue,
            },
            id => (Some(id.to_string()), true),
        };
        let reach = match &id {
            None => Reach::NotCreatedYet,
            Some(id) if what == "spreadsheet_id" => {
                let url = format!(
                    "{}v4/spreadsheets/{}?fields=spreadsheetId,properties.title",
                    client.root,
                    encode_path_segment(id)
                );
                look(&client, &url, &token, &mut probe.server_time, |json| {
                    let title = json["properties"]["title"].as_str().unwrap_or_default();
                    Reach::Reachable {
                        name: title.to_string(),
                    }
                })
                .await
            }
            Some(id) => {
                let url = format!(
                    "{}drive/v3/files/{}?fields=id,name,trashed&supportsAllDrives=true",
                    client.root,
                    encode_path_segment(id)
                );
                look(&client, &url, &token, &mut probe.server_time, |json| {
                    let name = json["name"].as_str().unwrap_or_default().to_string();
                    if json["trashed"].as_bool() == Some(true) {
                        Reach::Trashed { name }
                    } else {
                        Reach::Reachable { name }
                    }
                })
                .await
            }
        };
        let target = Target {
            id,
            configured: is_configured,
            reach,
        };
        if what == "spreadsheet_id" {
            probe.spreadsheet = Some(target);
        } else {
            probe.drive_folder = Some(target);
        }
    }
    probe
}

/// Reads the credentials and builds the client on them; fills in the identity's e-mail.
async fn load(settings: &Google, identity: &mut Identity) -> Result<Loaded, CredentialsError> {
    let (endpoint, wpm) = (&settings.endpoint, settings.writes_per_minute);
    match identity {
        Identity::ServiceAccount { email, key } => {
            let key_error = |message| CredentialsError::KeyFile {
                path: key.clone(),
                message,
            };
            let sa = auth::read_key(key).map_err(key_error)?;
            *email = Some(sa.client_email.clone());
            let token_uri = sa.token_uri.clone();
            let remembered_as = sa.client_email.clone();
            let client = Client::service_account(sa, endpoint, wpm, Backoff::default())
                .await
                .map_err(|e| key_error(Message::verbatim(format!("{}: {e}", key.display()))))?;
            Ok(Loaded {
                client,
                token_uri,
                remembered_as,
            })
        }
        Identity::OAuth { secret, .. } => {
            let secret_error = |message| CredentialsError::ClientSecret {
                path: secret.clone(),
                message,
            };
            let app = oauth::read_client_secret(secret).map_err(secret_error)?;
            let cache = oauth::token_cache_path().map_err(CredentialsError::NoLogin)?;
            match oauth::load(&cache) {
                Ok(Some(_)) => {}
                Ok(None) => return Err(CredentialsError::NoLogin(oauth::no_token_cached(&cache))),
                Err(e) => return Err(CredentialsError::NoLogin(e)),
            }
            let token_uri = app.token_uri.clone();
            let client = Client::oauth(app, cache, endpoint, wpm, Backoff::default())
                .map_err(secret_error)?;
            Ok(Loaded {
                client,
                token_uri,
                remembered_as: OAUTH_IDENTITY.to_string(),
            })
        }
    }
}

/// A refused grant or key versus a token endpoint out of reach.
fn classify_token_error(e: &yup_oauth2::Error) -> TokenError {
    match e {
        yup_oauth2::Error::HttpError(_) | yup_oauth2::Error::LowLevelError(_) => {
            TokenError::Unreachable(chain_message(e))
        }
        _ => TokenError::Refused(chain(e)),
    }
}

/// `future`, or an error saying it took too long.
async fn within<T>(future: impl Future<Output = T>) -> Result<T, Elapsed> {
    tokio::time::timeout(NETWORK_TIMEOUT, future)
        .await
        .map_err(|_| Elapsed)
}

/// A step that did not finish within [`NETWORK_TIMEOUT`].
struct Elapsed;

impl Elapsed {
    /// "`url` did not answer within 10 s".
    fn waiting_for(&self, url: &str) -> Message {
        no_answer(url, NETWORK_TIMEOUT)
    }
}

/// GETs `url` (with `token` as bearer when given) within [`NETWORK_TIMEOUT`]: the status,
/// headers and body of any answer, or why there was none.
async fn get(
    client: &Client,
    url: &str,
    token: Option<&str>,
) -> Result<(u16, hyper::HeaderMap, Vec<u8>), Message> {
    let mut request = hyper::Request::get(url);
    if let Some(token) = token {
        request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = request
        .body(common::to_body::<String>(None))
        .map_err(|e| Message::verbatim(format!("GET {url}: {e}")))?;
    let answer = within(async {
        let response = client
            .http
            .request(request)
            .await
            .map_err(|e| step(&Message::verbatim(format!("GET {url}")), transport(&e)))?;
        let (parts, body) = response.into_parts();
        let bytes = common::to_bytes(body)
            .await
            .ok_or_else(|| Message::new(Text::GoogleAnswerCutOff).with("url", url))?;
        Ok((parts.status.as_u16(), parts.headers, bytes.to_vec()))
    })
    .await;
    answer.unwrap_or_else(|elapsed| Err(elapsed.waiting_for(url)))
}

/// GETs a spreadsheet or folder and says what it found (`found` reads a 2xx answer); keeps
/// the answer's `Date` in `server_time`.
async fn look(
    client: &Client,
    url: &str,
    token: &str,
    server_time: &mut Option<SystemTime>,
    found: impl FnOnce(&serde_json::Value) -> Reach,
) -> Reach {
    let (status, headers, body) = match get(client, url, Some(token)).await {
        Ok(answer) => answer,
        Err(why) => return Reach::Failed(why),
    };
    *server_time = date_of(&headers).or(*server_time);
    match status {
        200..=299 => match serde_json::from_slice(&body) {
            Ok(json) => found(&json),
            Err(e) => Reach::Failed(
                Message::new(Text::GoogleAnswerNotJson)
                    .with("url", url)
                    .with("error", e),
            ),
        },
        404 => Reach::NotFound,
        403 => Reach::Forbidden,
        status => {
            let message = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|json| json["error"]["message"].as_str().map(str::to_string))
                .unwrap_or_default();
            // Google's words, kept as they came.
            Reach::Failed(Message::verbatim(
                format!("GET {url}: HTTP {status} {message}").trim(),
            ))
        }
    }
}

/// The time in an HTTP `Date` header (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn date_of(headers: &hyper::HeaderMap) -> Option<SystemTime> {
    let text = headers.get(hyper::header::DATE)?.to_str().ok()?;
    parse_http_date(text)
}

/// An HTTP date (IMF-fixdate, RFC 9110 §5.6.7) as a time; `None` when it is not one.
fn parse_http_date(text: &str) -> Option<SystemTime> {
    let time = chrono::DateTime::parse_from_rfc2822(text.trim()).ok()?;
    Some(SystemTime::from(time.with_timezone(&chrono::Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn http_dates_are_read_and_junk_is_not() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(UNIX_EPOCH + Duration::from_secs(784_111_777))
        );
        assert_eq!(parse_http_date("yesterday"), None);
        let mut headers = hyper::HeaderMap::new();
        assert_eq!(date_of(&headers), None);
        headers.insert(
            hyper::header::DATE,
            "Wed, 01 May 2024 12:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(
            date_of(&headers),
            Some(UNIX_EPOCH + Duration::from_secs(1_714_564_800))
        );
    }

    #[test]
    fn a_missing_key_is_a_credentials_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Google {
            credentials: "nope.json".into(),
            writes_per_minute: 60,
            ..Google::default()
        };
        let probe = probe(&settings, Some(dir.path()), None);
        match &probe.credentials {
            Err(CredentialsError::KeyFile { path, message }) => {
                assert_eq!(path, &dir.path().join("nope.json"));
                assert!(message.to_string().contains("nope.json"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(probe.token, None, "no token is tried without credentials");
        assert_eq!(
            probe.identity,
            Identity::ServiceAccount {
                email: None,
                key: dir.path().join("nope.json")
            }
        );
    }

    #[test]
    fn token_errors_tell_a_refusal_from_an_unreachable_endpoint() {
        let io = yup_oauth2::Error::LowLevelError(std::io::Error::other("connection refused"));
        assert!(matches!(
            classify_token_error(&io),
            TokenError::Unreachable(m) if m.to_string().contains("connection refused")
        ));
        let refused = yup_oauth2::Error::AuthError(yup_oauth2::error::AuthError {
            error: yup_oauth2::error::AuthErrorCode::InvalidGrant,
            error_description: Some("Invalid JWT Signature.".into()),
            error_uri: None,
        });
        assert!(matches!(
            classify_token_error(&refused),
            TokenError::Refused(m) if m.contains("Invalid JWT Signature")
        ));
    }
}

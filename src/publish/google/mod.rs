//! The `google` destination: each accepted snapshot's raw file goes to Drive and its accepted
//! rows to one tab of a Google spreadsheet, through google-drive3, google-sheets4 and
//! yup-oauth2 (rustls).
//!
//! - `auth.rs`: rustls connector, service-account authenticator, the token source.
//! - `oauth.rs`: `credentials = "oauth"`: the browser login, the per-user token cache, the
//!   refresh-only token source of the agent; `account.rs`: `sheetdrop auth login|status|logout`.
//! - `client.rs`: the hubs (pointed at `endpoint` when set) and the raw client.
//! - `pacer.rs`: the one pacer (writes per minute, backoff, retry budget); `retry.rs`: the one
//!   error classifier.
//! - `drive.rs`, `sheets.rs`: the calls; `layout.rs`: A1 ranges, request sizing, limits (pure);
//!   `rows.rs`: the snapshot's rows; `steps.rs`: one publish, step by step.
//!
//! The crates are async; the agent is synchronous threads. The destination owns a
//! current-thread tokio runtime and blocks on it inside [`Destination::publish`].
//!
//! The ids of the spreadsheet and the Drive folders it creates, and the `_manifest` rows it
//! wrote, are remembered in the state store's `settings` table (one more connection to the
//! same SQLite file, keyed by the service account's e-mail), so that they are created once and
//! not read back on every publish; a create first looks for what an earlier, interrupted try
//! left.

pub mod account;
mod auth;
mod client;
mod drive;
mod https;
mod layout;
mod oauth;
mod pacer;
pub mod probe;
mod retry;
mod rows;
mod sheets;
mod steps;

use super::{Destination, Error, PublishItem, Published};
use crate::config::Google;
use crate::i18n::{Message, Text};
use crate::state::State;
use client::Client;
use pacer::Backoff;
use retry::{Class, Failure};
use std::path::{Path, PathBuf};

/// The credentials of `[destination.google]`.
enum Credentials {
    /// A service-account key (its `client_email` names the identity).
    ServiceAccount(Box<google_drive3::yup_oauth2::ServiceAccountKey>),
    /// The installed-app browser login: the OAuth client, and where `auth login` cached the
    /// grant.
    OAuth {
        secret: Box<google_drive3::yup_oauth2::ApplicationSecret>,
        cache: PathBuf,
    },
}

impl Credentials {
    /// Reads the credentials of `settings`: the service-account key, or for `"oauth"` the
    /// OAuth client secret (`client_secret`, default `client_secret.json`). Relative paths are
    /// taken from `config_dir`.
    fn read(settings: &Google, config_dir: Option<&Path>) -> Result<Credentials, Message> {
        if settings.credentials == "oauth" {
            let secret = key_path(client_secret_name(settings), config_dir);
            Ok(Credentials::OAuth {
                secret: Box::new(oauth::read_client_secret(&secret)?),
                cache: oauth::token_cache_path()?,
            })
        } else {
            let path = key_path(&settings.credentials, config_dir);
            Ok(Credentials::ServiceAccount(Box::new(auth::read_key(
                &path,
            )?)))
        }
    }
}

/// The `client_secret` setting, or its default.
fn client_secret_name(settings: &Google) -> &str {
    if settings.client_secret.is_empty() {
        "client_secret.json"
    } else {
        &settings.client_secret
    }
}

/// Publishes to Google Drive and Sheets.
pub struct GoogleDestination {
    runtime: tokio::runtime::Runtime,
    inner: Publisher,
}

/// What a publish works with (apart from the runtime it runs on).
struct Publisher {
    settings: Google,
    credentials: Credentials,
    client: Option<Client>,
    state: State,
    backoff: Backoff,
}

impl std::fmt::Debug for GoogleDestination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoogleDestination")
            .field("endpoint", &self.inner.settings.endpoint)
            .finish_non_exhaustive()
    }
}

impl GoogleDestination {
    /// A destination for `settings`. A relative key file path is taken from `config_dir`
    /// (the config file's folder). The created ids are remembered in the state store at
    /// `state_db`. Fails when the key file (or with `"oauth"`, the OAuth client secret) cannot
    /// be read or is not one; a missing OAuth login fails each publish instead.
    pub fn new(
        settings: &Google,
        config_dir: Option<&Path>,
        state_db: &Path,
    ) -> Result<GoogleDestination, Error> {
        let credentials = Credentials::read(settings, config_dir).map_err(Error::permanent)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::permanent(Message::new(Text::GoogleRuntime).with_io("error", &e))
            })?;
        let state = State::open(state_db).map_err(|e| Error::permanent(e.to_message()))?;
        Ok(GoogleDestination {
            runtime,
            inner: Publisher {
                settings: settings.clone(),
                credentials,
                client: None,
                state,
                backoff: Backoff::default(),
            },
        })
    }
}

impl Publisher {
    /// The identity's e-mail, which keys what is remembered.
    fn identity(&self) -> &str {
        match &self.credentials {
            Credentials::ServiceAccount(key) => &key.client_email,
            Credentials::OAuth { .. } => OAUTH_IDENTITY,
        }
    }

    /// The remembered value of `what` (`spreadsheet_id`, `drive_folder_id`).
    fn remembered(&self, what: &str) -> Option<String> {
        let key = setting_key(self.identity(), what);
        self.state
            .setting(&key)
            .ok()
            .flatten()
            .filter(|v| !v.is_empty())
    }
}

/// What the ids of an OAuth user are remembered under (a service account's are under its
/// e-mail).
const OAUTH_IDENTITY: &str = "oauth";

/// The state store's settings key of `what` (`spreadsheet_id`, `drive_folder_id`,
/// `folder.<root>.<entity>`, ...) remembered for `identity`: what the publisher writes and
/// `sheetdrop doctor` reads back.
fn setting_key(identity: &str, what: &str) -> String {
    format!("google.{identity}.{what}")
}

/// The key file's path: relative paths are taken from the config file's folder.
fn key_path(credentials: &str, config_dir: Option<&Path>) -> PathBuf {
    let path = PathBuf::from(credentials);
    match config_dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    }
}

impl Destination for GoogleDestination {
    fn name(&self) -> &'static str {
        "google"
    }

    fn describe(&self) -> Message {
        let this = &self.inner;
        // The configured id, else the one created earlier, else "created on first publish".
        let id = |configured: &str, what: &str| match steps::non_empty(configured)
            .or_else(|| this.remembered(what))
        {
            Some(id) => Message::verbatim(id),
            None => Message::new(Text::DestinationGoogleCreated),
        };
        let identity = match &this.credentials {
            Credentials::ServiceAccount(key) => Message::verbatim(key.client_email.clone()),
            Credentials::OAuth { .. } => Message::new(Text::GoogleOAuthUser),
        };
        let google = Message::new(Text::DestinationGoogle)
            .with_message(
                "spreadsheet",
                id(&this.settings.spreadsheet_id, "spreadsheet_id"),
            )
            .with_message(
                "folder",
                id(&this.settings.drive_folder_id, "drive_folder_id"),
            )
            .with_message("identity", identity);
        match steps::non_empty(&this.settings.endpoint) {
            None => google,
            Some(endpoint) => Message::new(Text::DestinationAt)
                .with_message("destination", google)
                .with("endpoint", endpoint),
        }
    }

    fn publish(&mut self, item: &PublishItem) -> Result<Published, Error> {
        let result = self.runtime.block_on(self.inner.publish(item));
        result.map_err(|f| match f.class() {
            Class::Permanent => Error::permanent(f.message),
            // No answer at all, after the pacer's retries: Google is out of reach.
            Class::Retry if f.transport && f.given_up => Error::unreachable(f.message),
            Class::Retry | Class::Refresh => Error::retry(f.message),
        })
    }
}

impl Publisher {
    /// Builds the client on first use, then publishes `item`.
    async fn publish(&mut self, item: &PublishItem) -> Result<Published, Failure> {
        if self.client.is_none() {
            let (endpoint, wpm) = (&self.settings.endpoint, self.settings.writes_per_minute);
            let client = match &self.credentials {
                Credentials::ServiceAccount(key) => {
                    Client::service_account((**key).clone(), endpoint, wpm, self.backoff).await
                }
                Credentials::OAuth { secret, cache } => Client::oauth(
                    (**secret).clone(),
                    cache.clone(),
                    endpoint,
                    wpm,
                    self.backoff,
                ),
            }
            .map_err(Failure::permanent)?;
            self.client = Some(client);
        }
        let oauth = matches!(self.credentials, Credentials::OAuth { .. });
        if oauth {
            // No login, or a refused grant: say so before anything is tried. Unattended, the
            // agent never starts a login itself.
            if let Some(client) = &self.client {
                if let Err(e) = client.tokens.token().await {
                    let failure = Failure::from_crate(
                        &Message::verbatim("OAuth"),
                        google_drive3::common::Error::MissingToken(Box::new(e)),
                        &Default::default(),
                    );
                    return Err(reauthorization(failure, client.tokens.refusal()));
                }
            }
        }
        let result = steps::publish(self, item).await;
        match result {
            Err(f) if oauth => {
                let refusal = self.client.as_ref().and_then(|c| c.tokens.refusal());
                Err(reauthorization(f, refusal))
            }
            other => other,
        }
    }
}

/// A refused OAuth grant says what to do about it, first: "re-authorization needed: run
/// `sheetdrop auth login` (why)", in the token source's own words (`refusal`) rather than
/// wrapped in the client crate's.
fn reauthorization(mut failure: Failure, refusal: Option<Message>) -> Failure {
    if !failure.bad_credentials {
        return failure;
    }
    failure.message = refusal.unwrap_or_else(|| oauth::reauth(failure.message.clone()));
    failure
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_are_relative_to_the_config_file() {
        assert_eq!(
            key_path("sa.json", Some(Path::new("/etc/sheetdrop"))),
            Path::new("/etc/sheetdrop/sa.json")
        );
        assert_eq!(
            key_path("/k/sa.json", Some(Path::new("/etc"))),
            Path::new("/k/sa.json")
        );
        assert_eq!(key_path("sa.json", None), Path::new("sa.json"));
    }

    #[test]
    fn a_missing_or_bad_key_is_refused_with_its_path_and_oauth_without_login_is_permanent() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let mut google = Google {
            credentials: "nope.json".into(),
            writes_per_minute: 60,
            ..Google::default()
        };
        let err = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap_err();
        assert!(err.to_string().contains("nope.json"), "{err}");
        std::fs::write(dir.path().join("bad.json"), "{}").unwrap();
        google.credentials = "bad.json".into();
        let err = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap_err();
        assert!(
            err.to_string().contains("not a service-account key"),
            "{err}"
        );
        // OAuth: the client secret is needed up front...
        google.credentials = "oauth".into();
        let err = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap_err();
        assert!(err.to_string().contains("client_secret.json"), "{err}");
        std::fs::write(dir.path().join("client_secret.json"), "{}").unwrap();
        let err = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap_err();
        assert!(
            err.to_string().contains("not an OAuth client-secret"),
            "{err}"
        );
        // ...and without a login, a publish fails for good, saying what to do.
        let secret = serde_json::json!({"installed": {
            "client_id": "id", "client_secret": "s", "auth_uri": "http://127.0.0.1:9/auth",
            "token_uri": "http://127.0.0.1:9/token", "redirect_uris": ["http://localhost"]}});
        std::fs::write(dir.path().join("secret.json"), secret.to_string()).unwrap();
        google.client_secret = "secret.json".into();
        let mut dest = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap();
        if let Credentials::OAuth { cache, .. } = &mut dest.inner.credentials {
            *cache = dir.path().join("no-token.json");
        }
        let item = PublishItem {
            entity: "clientes".into(),
            path: dir.path().join("x.csv"),
            options: Default::default(),
            left_out: vec![],
            sha256: String::new(),
            source_name: "x.csv".into(),
            verdict: "accepted".into(),
            rows: 0,
            rows_accepted: 0,
            delta: None,
        };
        let err = dest.publish(&item).unwrap_err();
        assert_eq!(err.kind, super::super::ErrorKind::Permanent);
        assert!(
            err.to_string()
                .starts_with("re-authorization needed: run `sheetdrop auth login`"),
            "{err}"
        );
        assert!(err.to_string().contains("no-token.json"), "{err}");
        assert!(
            err.message
                .render(crate::i18n::Lang::Es)
                .starts_with("hay que volver a autorizar: ejecute `sheetdrop auth login`"),
            "{err}"
        );
    }

    #[test]
    fn the_destination_is_described_in_each_language_with_the_ids_it_knows() {
        use crate::i18n::Lang;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let key = serde_json::json!({"private_key": "-----BEGIN PRIVATE KEY-----\n",
            "client_email": "agent@p.iam.gserviceaccount.com",
            "token_uri": "http://127.0.0.1:9/token"});
        std::fs::write(dir.path().join("sa.json"), key.to_string()).unwrap();
        let mut google = Google {
            credentials: "sa.json".into(),
            writes_per_minute: 60,
            ..Google::default()
        };
        let dest = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap();
        assert_eq!(
            dest.describe().render(Lang::Es),
            "Google: hoja de cálculo (se crea al publicar) y carpeta de Drive (se crea al \
             publicar), como agent@p.iam.gserviceaccount.com"
        );
        assert_eq!(
            dest.describe().render(Lang::PtBr),
            "Google: planilha (criada ao publicar) e pasta do Drive (criada ao publicar), como \
             agent@p.iam.gserviceaccount.com"
        );

        // A configured id, and one created earlier (remembered in the state store).
        google.spreadsheet_id = " 1Sheet ".into();
        google.endpoint = "http://127.0.0.1:9".into();
        let mut dest = GoogleDestination::new(&google, Some(dir.path()), &db).unwrap();
        let remembered = setting_key("agent@p.iam.gserviceaccount.com", "drive_folder_id");
        dest.inner
            .state
            .set_setting(&remembered, "1Folder")
            .unwrap();
        assert_eq!(
            dest.describe().to_string(),
            "Google: spreadsheet 1Sheet and Drive folder 1Folder, as \
             agent@p.iam.gserviceaccount.com, at http://127.0.0.1:9",
            "the log's English"
        );

        // The browser login: no e-mail to name.
        let secret = serde_json::json!({"installed": {
            "client_id": "id", "client_secret": "s", "auth_uri": "http://127.0.0.1:9/auth",
            "token_uri": "http://127.0.0.1:9/token", "redirect_uris": ["http://localhost"]}});
        std::fs::write(dir.path().join("secret.json"), secret.to_string()).unwrap();
        let oauth = Google {
            credentials: "oauth".into(),
            client_secret: "secret.json".into(),
            writes_per_minute: 60,
            ..Google::default()
        };
        let dest = GoogleDestination::new(&oauth, Some(dir.path()), &db).unwrap();
        assert!(
            dest.describe()
                .render(Lang::Es)
                .ends_with(", como usuario de OAuth"),
            "{}",
            dest.describe().render(Lang::Es)
        );
    }
}

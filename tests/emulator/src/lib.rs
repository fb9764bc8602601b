//! An in-process emulator of the parts of Google the sheetdrop agent talks to: the OAuth token
//! endpoint, Drive v3 (files, uploads, permissions) and Sheets v4 (spreadsheets, batchUpdate,
//! values). It listens on `127.0.0.1:<random port>` on its own tokio runtime in a background
//! thread, so synchronous and async tests alike can point the real google-drive3 /
//! google-sheets4 / yup-oauth2 clients at [`Emulator::url`]. See `README.md` next to this crate.

// Handlers return Google's answer as the error value; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

mod auth;
mod drive;
mod sheets;
mod util;

use axum::body::Body;
use axum::extract::State as AxState;
use axum::http::{HeaderMap, Method, Request};
use axum::Router;
use http_body_util::BodyExt;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use util::{fault_response, gerror, Resp};

/// A Drive file as the emulator holds it (folders and spreadsheets included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriveFile {
    pub id: String,
    pub name: String,
    pub mime_type: String,
    /// Parent folder ids; files created without parents are in `"root"`.
    pub parents: Vec<String>,
    pub content: Vec<u8>,
    /// `(role, email)` of every permission created through the API (the owner is not listed).
    pub permissions: Vec<(String, String)>,
    /// Set by `PATCH {"trashed": true}`; a trashed file is still listed.
    pub trashed: bool,
}

/// One HTTP request the emulator received, in arrival order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    /// The path as sent (still percent-encoded), without the query string.
    pub path: String,
    /// The status answered; 0 when the connection was dropped by a fault (or the request is
    /// still being served).
    pub status: u16,
    /// Bytes of request body read.
    pub request_bytes: u64,
    /// The raw query string (without `?`), possibly empty.
    pub query: String,
    /// Bytes of response body sent (0 for a dropped connection).
    pub response_bytes: u64,
}

/// A fault to inject into upcoming requests, see [`Emulator::inject`].
#[derive(Clone, Debug)]
pub struct Fault {
    /// A substring of `"METHOD /path?query"` (path as sent, percent-encoded), e.g.
    /// `"POST /v4/spreadsheets"`, `"upload_id="` for resumable chunks, or `""` for any request.
    pub matcher: String,
    /// 1-based: the nth matching request from now gets the fault first.
    pub nth: usize,
    /// How many consecutive matching requests get it (at least 1).
    pub count: usize,
    pub action: FaultAction,
}

impl Fault {
    /// `action` on the `nth` request matching `matcher` from now, once.
    pub fn new(matcher: &str, nth: usize, action: FaultAction) -> Fault {
        Fault {
            matcher: matcher.to_string(),
            nth,
            count: 1,
            action,
        }
    }

    /// The same fault on `count` consecutive matching requests.
    pub fn times(mut self, count: usize) -> Fault {
        self.count = count;
        self
    }
}

#[derive(Clone, Debug)]
pub enum FaultAction {
    /// Answer this status with Google's error body for it (429 RESOURCE_EXHAUSTED
    /// rateLimitExceeded, 403 userRateLimitExceeded, 500 INTERNAL backendError, 502 an HTML
    /// page, 503 UNAVAILABLE backendError, ...). The request is not applied.
    Status(u16),
    /// The same plus a `Retry-After: secs` header.
    StatusRetryAfter(u16, u64),
    /// Wait this long, then serve the request normally.
    Delay(Duration),
    /// Read half the request body (if any), then close the connection without answering.
    /// For a resumable-upload chunk, the bytes read are kept by the session rounded down to a
    /// multiple of 256 KiB, as Google does; the request is otherwise not applied.
    DropConnection,
}

pub(crate) struct ActiveFault {
    fault: Fault,
    seen: usize,
}

pub(crate) struct TokenInfo {
    pub(crate) expires: Instant,
    pub(crate) scope: String,
}

/// Everything the emulator knows, behind one mutex.
pub(crate) struct State {
    pub(crate) base_url: String,
    pub(crate) token_lifetime: u64,
    pub(crate) write_quota: u32,
    pub(crate) write_times: VecDeque<Instant>,
    pub(crate) tokens: HashMap<String, TokenInfo>,
    /// refresh token -> scope
    pub(crate) refresh_tokens: HashMap<String, String>,
    /// authorization code -> scope
    pub(crate) auth_codes: HashMap<String, String>,
    pub(crate) faults: Vec<ActiveFault>,
    pub(crate) requests: Vec<RequestRecord>,
    pub(crate) spreadsheets: Vec<sheets::Spreadsheet>,
    pub(crate) files: Vec<drive::DFile>,
    pub(crate) uploads: HashMap<String, drive::UploadSession>,
}

pub(crate) struct Shared {
    state: Mutex<State>,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running emulator; dropping it shuts the server down.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The fixed test RSA key (PKCS#8 PEM) written into service-account key files.
pub const TEST_PRIVATE_KEY_PEM: &str = include_str!("test_key.pem");
/// The `client_email` of the key written by [`Emulator::write_service_account_key`].
pub const SERVICE_ACCOUNT_EMAIL: &str = "sheetdrop@emulator.iam.gserviceaccount.com";

impl Emulator {
    /// Starts an emulator on `127.0.0.1:<random port>` with default settings.
    pub fn start() -> Emulator {
        Emulator::start_on(0)
    }

    /// Starts an emulator on `127.0.0.1:port` (0: a random free port).
    pub fn start_on(port: u16) -> Emulator {
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", port))
            .expect("google-emulator: cannot bind 127.0.0.1");
        std_listener
            .set_nonblocking(true)
            .expect("google-emulator: set_nonblocking");
        let addr = std_listener.local_addr().expect("local_addr");
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                base_url: format!("http://{addr}"),
                token_lifetime: 3600,
                write_quota: 60,
                write_times: VecDeque::new(),
                tokens: HashMap::new(),
                refresh_tokens: HashMap::new(),
                auth_codes: HashMap::new(),
                faults: Vec::new(),
                requests: Vec::new(),
                spreadsheets: Vec::new(),
                files: Vec::new(),
                uploads: HashMap::new(),
            }),
        });
        let (tx, rx) = tokio::sync::oneshot::channel();
        let sh = shared.clone();
        let thread = std::thread::Builder::new()
            .name("google-emulator".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("google-emulator: tokio runtime");
                rt.block_on(serve(std_listener, sh, rx));
                rt.shutdown_timeout(Duration::from_millis(200));
            })
            .expect("google-emulator: spawn thread");
        Emulator {
            shared,
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`, no trailing slash: the root for token, Drive, upload and
    /// Sheets paths (the `endpoint` setting).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The token endpoint, `url() + "/token"` (the key file's `token_uri`).
    pub fn token_uri(&self) -> String {
        format!("{}/token", self.url())
    }

    /// The service-account key JSON as written by [`Emulator::write_service_account_key`].
    pub fn service_account_key_json(&self) -> String {
        let url = self.url();
        let v = serde_json::json!({
            "type": "service_account",
            "project_id": "sheetdrop-emulator",
            "private_key_id": "0123456789abcdef0123456789abcdef01234567",
            "private_key": TEST_PRIVATE_KEY_PEM,
            "client_email": SERVICE_ACCOUNT_EMAIL,
            "client_id": "100000000000000000001",
            "auth_uri": format!("{url}/auth"),
            "token_uri": format!("{url}/token"),
            "auth_provider_x509_cert_url": format!("{url}/oauth2/v1/certs"),
            "client_x509_cert_url": format!("{url}/robot/v1/metadata/x509/sheetdrop%40emulator.iam.gserviceaccount.com"),
            "universe_domain": "googleapis.com",
        });
        serde_json::to_string_pretty(&v).expect("json")
    }

    /// Writes a service-account key file whose `token_uri` is this emulator's.
    pub fn write_service_account_key(&self, path: &Path) {
        std::fs::write(path, self.service_account_key_json())
            .unwrap_or_else(|e| panic!("google-emulator: writing {}: {e}", path.display()));
    }

    /// The client secret JSON (`{"installed": {...}}`) of an installed app whose auth and token
    /// URIs are this emulator's; the auth URI redirects at once with a code `emulator-code-...`.
    pub fn installed_app_secret_json(&self) -> String {
        let url = self.url();
        serde_json::to_string_pretty(&serde_json::json!({
            "installed": {
                "client_id": "emulator-client.apps.googleusercontent.com",
                "project_id": "sheetdrop-emulator",
                "auth_uri": format!("{url}/auth"),
                "token_uri": format!("{url}/token"),
                "client_secret": "emulator-secret",
                "redirect_uris": ["http://localhost"],
            }
        }))
        .expect("json")
    }

    /// Lifetime in seconds of the access tokens issued from now on (default 3600).
    pub fn set_token_lifetime(&self, secs: u64) {
        self.shared.lock().token_lifetime = secs;
    }

    /// Makes every access token issued so far expired (refresh tokens stay valid).
    pub fn expire_tokens(&self) {
        let now = Instant::now();
        for t in self.shared.lock().tokens.values_mut() {
            t.expires = now;
        }
    }

    /// Revokes every access and refresh token: refreshing answers `invalid_grant`.
    pub fn revoke_all_tokens(&self) {
        let mut st = self.shared.lock();
        st.tokens.clear();
        st.refresh_tokens.clear();
    }

    /// The scopes of every access token issued, in no particular order (one string each,
    /// space-separated scopes as requested).
    pub fn token_scopes(&self) -> Vec<String> {
        self.shared
            .lock()
            .tokens
            .values()
            .map(|t| t.scope.clone())
            .collect()
    }

    /// Sheets write requests allowed in any sliding minute (default 60); more get 429.
    pub fn set_write_quota_per_minute(&self, n: u32) {
        let mut st = self.shared.lock();
        st.write_quota = n;
        st.write_times.clear();
    }

    /// Queues a fault; faults are checked in the order injected, every matching fault counts
    /// the request, the first one due fires.
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push(ActiveFault {
            fault: Fault {
                count: fault.count.max(1),
                nth: fault.nth.max(1),
                ..fault
            },
            seen: 0,
        });
    }

    /// Drops every fault not yet fired.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Ids of the spreadsheets, in creation order.
    pub fn spreadsheet_ids(&self) -> Vec<String> {
        self.shared
            .lock()
            .spreadsheets
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }

    /// The tab titles of a spreadsheet, in order (empty when unknown).
    pub fn tabs(&self, spreadsheet_id: &str) -> Vec<String> {
        let st = self.shared.lock();
        st.spreadsheets
            .iter()
            .find(|s| s.id == spreadsheet_id)
            .map(|s| s.sheets.iter().map(|p| p.title.clone()).collect())
            .unwrap_or_default()
    }

    /// The values of a tab, trailing empty rows and cells trimmed; cells written with
    /// `USER_ENTERED` as formulas read `FORMULA:=...`.
    pub fn tab_values(&self, spreadsheet_id: &str, title: &str) -> Option<Vec<Vec<String>>> {
        let st = self.shared.lock();
        let ss = st.spreadsheets.iter().find(|s| s.id == spreadsheet_id)?;
        let p = ss.sheets.iter().find(|p| p.title == title)?;
        Some(sheets::trimmed(ss.grids.get(&p.sheet_id)))
    }

    /// `(rowCount, columnCount)` of a tab's grid.
    pub fn tab_grid_size(&self, spreadsheet_id: &str, title: &str) -> Option<(u64, u64)> {
        let st = self.shared.lock();
        let ss = st.spreadsheets.iter().find(|s| s.id == spreadsheet_id)?;
        let p = ss.sheets.iter().find(|p| p.title == title)?;
        Some((p.rows, p.cols))
    }

    /// Every Drive file (folders and spreadsheets included), in creation order.
    pub fn drive_files(&self) -> Vec<DriveFile> {
        let st = self.shared.lock();
        st.files
            .iter()
            .map(|f| DriveFile {
                id: f.id.clone(),
                name: f.name.clone(),
                mime_type: f.mime_type.clone(),
                parents: f.parents.clone(),
                content: f.content.clone(),
                permissions: f
                    .permissions
                    .iter()
                    .map(|p| (p.role.clone(), p.email.clone()))
                    .collect(),
                trashed: f.trashed,
            })
            .collect()
    }

    /// Deletes a Drive file (a folder with everything under it), as someone else would;
    /// false when there is no such file.
    pub fn delete_drive_file(&self, id: &str) -> bool {
        let mut st = self.shared.lock();
        drive::delete(&mut st, id).status().is_success()
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.lock().requests.clone()
    }

    /// Forgets the recorded requests (state is kept).
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Per-connection handle: a handler notifies it to have the connection closed unanswered.
#[derive(Clone)]
struct ConnKill(Arc<Notify>);

async fn serve(
    std_listener: std::net::TcpListener,
    shared: Arc<Shared>,
    mut shutdown: tokio::sync::oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(std_listener).expect("tokio listener");
    let router = Router::new().fallback(dispatch).with_state(shared);
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut shutdown => return,
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let kill = Arc::new(Notify::new());
        let k = kill.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnKill(k.clone()));
                let mut r = router.clone();
                async move {
                    use tower::Service;
                    r.call(req).await
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), svc);
            tokio::select! {
                _ = conn => {}
                _ = kill.notified() => {} // dropping `conn` closes the socket unanswered
            }
        });
    }
}

/// What a route handler sees.
pub(crate) struct Ctx {
    pub(crate) method: Method,
    /// raw path, percent-encoded
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) raw_query: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Ctx {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub(crate) fn q(&self, key: &str) -> Option<&str> {
        util::query_get(&self.query, key)
    }
}

/// The maximum body read for any request.
const MAX_BODY: usize = 1 << 30;

async fn dispatch(AxState(shared): AxState<Arc<Shared>>, req: Request<Body>) -> Resp {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let raw_query = req.uri().query().unwrap_or("").to_string();
    let key = if raw_query.is_empty() {
        format!("{method} {path}")
    } else {
        format!("{method} {path}?{raw_query}")
    };
    let kill = req.extensions().get::<ConnKill>().cloned();

    // Record the request and find a fault due for it.
    let (idx, fault) = {
        let mut st = shared.lock();
        st.requests.push(RequestRecord {
            method: method.to_string(),
            path: path.clone(),
            status: 0,
            request_bytes: 0,
            query: raw_query.clone(),
            response_bytes: 0,
        });
        let idx = st.requests.len() - 1;
        let mut fired = None;
        for af in st.faults.iter_mut() {
            if key.contains(&af.fault.matcher) {
                af.seen += 1;
                if fired.is_none()
                    && af.seen >= af.fault.nth
                    && af.seen < af.fault.nth + af.fault.count
                {
                    fired = Some(af.fault.action.clone());
                }
            }
        }
        st.faults
            .retain(|af| af.seen < af.fault.nth + af.fault.count - 1);
        (idx, fired)
    };

    let (parts, body) = req.into_parts();

    match fault {
        Some(FaultAction::DropConnection) => {
            let want = parts
                .headers
                .get(axum::http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
                / 2;
            let mut read = Vec::new();
            let mut body = body;
            while (read.len() as u64) < want {
                match body.frame().await {
                    Some(Ok(frame)) => {
                        if let Ok(data) = frame.into_data() {
                            read.extend_from_slice(&data);
                        }
                    }
                    _ => break,
                }
            }
            read.truncate(want as usize);
            {
                let mut st = shared.lock();
                st.requests[idx].request_bytes = read.len() as u64;
                drive::keep_partial_chunk(&mut st, &parts.headers, &raw_query, &read);
            }
            if let Some(k) = kill {
                k.0.notify_one();
            }
            // Never answer: the connection task drops the connection.
            std::future::pending::<()>().await;
            unreachable!()
        }
        Some(FaultAction::Delay(d)) => tokio::time::sleep(d).await,
        _ => {}
    }

    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b.to_vec(),
        Err(_) => {
            let r = gerror(413, "Request body too large or unreadable.");
            return finish(&shared, idx, 0, r);
        }
    };
    let body_len = body.len() as u64;

    let resp = match fault {
        Some(FaultAction::Status(code)) => fault_response(code, None),
        Some(FaultAction::StatusRetryAfter(code, secs)) => fault_response(code, Some(secs)),
        _ => {
            let ctx = Ctx {
                method,
                path,
                query: util::parse_query(&raw_query),
                raw_query,
                headers: parts.headers,
                body,
            };
            route(&shared, &ctx)
        }
    };
    finish(&shared, idx, body_len, resp)
}

fn finish(shared: &Shared, idx: usize, body_len: u64, resp: Resp) -> Resp {
    use axum::body::HttpBody as _;
    let size = resp.body().size_hint().exact().unwrap_or(0);
    let mut st = shared.lock();
    if let Some(r) = st.requests.get_mut(idx) {
        r.status = resp.status().as_u16();
        r.request_bytes = body_len;
        r.response_bytes = size;
    }
    resp
}

fn route(shared: &Shared, ctx: &Ctx) -> Resp {
    let p = ctx.path.as_str();
    let m = &ctx.method;
    // Unauthenticated endpoints.
    if p == "/token" || p == "/oauth2/v4/token" {
        if m == Method::POST {
            return auth::token(shared, ctx);
        }
        return gerror(405, "Method not allowed.");
    }
    if p == "/auth" || p == "/o/oauth2/auth" || p == "/o/oauth2/v2/auth" {
        return auth::authorize(shared, ctx);
    }
    if p == "/revoke" || p == "/o/oauth2/revoke" {
        return auth::revoke(shared, ctx);
    }
    // Resumable upload sessions: the upload_id is the credential, as with Google.
    if ctx.q("upload_id").is_some() && (p.starts_with("/upload/") || p.starts_with("/resumable/")) {
        let mut st = shared.lock();
        return drive::upload_chunk(&mut st, ctx);
    }

    let api = if p.starts_with("/v4/spreadsheets") {
        Api::Sheets
    } else if p.starts_with("/drive/v3/")
        || p.starts_with("/upload/drive/v3/")
        || p.starts_with("/resumable/upload/drive/v3/")
    {
        Api::Drive
    } else {
        return gerror(
            404,
            format!("The emulator has no endpoint {} {}.", ctx.method, ctx.path),
        );
    };
    let mut st = shared.lock();
    if let Err(r) = auth::check_bearer(&mut st, ctx, api) {
        return r;
    }
    match api {
        Api::Sheets => sheets::route(&mut st, ctx),
        Api::Drive => drive::route(&mut st, ctx),
    }
}

#[allow(dead_code)]
fn assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Emulator>();
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Api {
    Sheets,
    Drive,
}

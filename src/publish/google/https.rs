//! The HTTP transport every Google client shares: the rustls connector (plain http allowed,
//! for an emulator), the client built on it, and the one OAuth scope asked for. Below both
//! [`super::auth`] and [`super::oauth`], which each use it.

use crate::i18n::{Message, Text};
use google_drive3::common;
use google_drive3::hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use google_drive3::hyper_util::client::legacy::connect::HttpConnector;
use google_drive3::hyper_util::client::legacy::Client;
use google_drive3::hyper_util::rt::TokioExecutor;

/// The connector every client uses.
pub(super) type Https = HttpsConnector<HttpConnector>;

/// The only scope sheetdrop asks for: files it created (least privilege).
pub(super) const SCOPE: &str = "https://www.googleapis.com/auth/drive.file";

/// The rustls connector with the system's roots; plain http is allowed for an emulator.
pub(super) fn connector() -> Result<Https, Message> {
    Ok(HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| Message::new(Text::GoogleTlsRoots).with_io("error", &e))?
        .https_or_http()
        .enable_http1()
        .build())
}

/// The client the hubs (and the resumable upload) use.
pub(super) fn api_client(connector: Https) -> common::Client<Https> {
    Client::builder(TokioExecutor::new()).build(connector)
}

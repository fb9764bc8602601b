//! Drive: folders (looked for before created), uploads of the raw source files (multipart up
//! to 5 MB, resumable by hand above: the crate's chunk retry skips a failed chunk), listing,
//! deleting and sharing. Every call goes through the pacer.

use super::client::{send, Client};
use super::retry::{step, Failure};
use crate::i18n::{Message, Text};
use crate::publish::io_message;
use google_drive3::api::{File, Permission, Scope};
use google_drive3::hyper::{self, body::Bytes};
use std::cell::Cell;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Drive's folder type.
pub(super) const FOLDER_MIME: &str = "application/vnd.google-apps.folder";

/// Files above this go up with a resumable upload.
pub(super) const RESUMABLE_ABOVE: u64 = 5 * 1024 * 1024;

/// The chunk of a resumable upload (a multiple of 256 KiB, as Drive asks).
pub(super) const CHUNK: u64 = 8 * 1024 * 1024;

/// A file or folder: id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// Drive's id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// `s` as a string literal of Drive's query language.
pub(super) fn q_literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

impl Client {
    /// The files (not trashed) matching Drive query `q`, all pages.
    pub(super) async fn list(&self, q: &str) -> Result<Vec<Entry>, Failure> {
        let mut entries = Vec::new();
        let mut page: Option<String> = None;
        loop {
            let what = Message::new(Text::GoogleListFiles).with("query", q);
            let list = self
                .pacer
                .call(&what, || async {
                    let mut call = self
                        .drive
                        .files()
                        .list()
                        .q(q)
                        .page_size(1000)
                        .param("fields", "nextPageToken,files(id,name)")
                        .add_scope(Scope::File);
                    if let Some(p) = &page {
                        call = call.page_token(p);
                    }
                    send!(self, what, write = false, |dlg| call.delegate(dlg).doit())
                })
                .await?;
            entries.extend(list.files.unwrap_or_default().into_iter().filter_map(|f| {
                Some(Entry {
                    id: f.id?,
                    name: f.name.unwrap_or_default(),
                })
            }));
            match list.next_page_token.filter(|t| !t.is_empty()) {
                Some(t) => page = Some(t),
                None => return Ok(entries),
            }
        }
    }

    /// The children of `folder` (not trashed).
    pub(super) async fn children(&self, folder: &str) -> Result<Vec<Entry>, Failure> {
        self.list(&format!(
            "{} in parents and trashed = false",
            q_literal(folder)
        ))
        .await
    }

    /// The folder `name` under `parent` (or anywhere the app sees, without a parent); created
    /// when absent. Returns its id and whether it was created.
    pub(super) async fn ensure_folder(
        &self,
        name: &str,
        parent: Option<&str>,
    ) -> Result<(String, bool), Failure> {
        let mut q = format!(
            "name = {} and mimeType = {} and trashed = false",
            q_literal(name),
            q_literal(FOLDER_MIME)
        );
        if let Some(p) = parent {
            q.push_str(&format!(" and {} in parents", q_literal(p)));
        }
        // Looked for on every try: a create whose answer was lost must not create another.
        let what = Message::new(Text::GoogleCreateFolder).with("name", name);
        self.pacer
            .call(&what, || async {
                if let Some(found) = self.list(&q).await?.into_iter().next() {
                    return Ok((found.id, false));
                }
                let file = File {
                    name: Some(name.to_string()),
                    mime_type: Some(FOLDER_MIME.to_string()),
                    parents: parent.map(|p| vec![p.to_string()]),
                    ..File::default()
                };
                // No metadata-only create in the crate: a multipart upload with no content.
                let created = send!(self, what, write = true, |dlg| self
                    .drive
                    .files()
                    .create(file)
                    .param("fields", "id,name")
                    .add_scope(Scope::File)
                    .delegate(dlg)
                    .upload(
                        std::io::Cursor::new(Vec::<u8>::new()),
                        FOLDER_MIME.parse().expect("a mime type")
                    ))?;
                created
                    .id
                    .map(|id| (id, true))
                    .ok_or_else(|| Failure::permanent(step(&what, Message::new(Text::GoogleNoId))))
            })
            .await
    }

    /// Deletes a file; one already gone is fine.
    pub(super) async fn delete(&self, id: &str) -> Result<(), Failure> {
        let what = Message::new(Text::GoogleDeleteFile).with("id", id);
        let result = self
            .pacer
            .call(&what, || async {
                let mut captured = super::retry::Captured::default();
                self.pacer.write_slot().await;
                self.drive
                    .files()
                    .delete(id)
                    .add_scope(Scope::File)
                    .delegate(&mut captured)
                    .doit()
                    .await
                    .map(|_| ())
                    .map_err(|e| Failure::from_crate(&what, e, &captured))
            })
            .await;
        match result {
            Err(f) if f.not_found() => Ok(()),
            other => other,
        }
    }

    /// Gives each of `emails` reader access to `id`, without notification e-mails.
    pub(super) async fn share(&self, id: &str, emails: &[String]) -> Result<(), Failure> {
        for email in emails {
            let what = Message::new(Text::GoogleShare)
                .with("id", id)
                .with("email", email);
            self.pacer
                .call(&what, || async {
                    let permission = Permission {
                        type_: Some("user".into()),
                        role: Some("reader".into()),
                        email_address: Some(email.clone()),
                        ..Permission::default()
                    };
                    send!(self, what, write = true, |dlg| self
                        .drive
                        .permissions()
                        .create(permission, id)
                        .send_notification_email(false)
                        .add_scope(Scope::File)
                        .delegate(dlg)
                        .doit())
                })
                .await?;
        }
        Ok(())
    }

    /// Uploads the file at `path` as `name` (a new name) into `folder` (text/csv); on a retry,
    /// a file of that name already there (the earlier try's) is taken as the upload. Returns
    /// the file's id.
    pub(super) async fn upload(
        &self,
        path: &Path,
        folder: &str,
        name: &str,
    ) -> Result<String, Failure> {
        let size = std::fs::metadata(path)
            .map_err(|e| Failure::permanent(io_message(Text::SnapshotRead, path, &e)))?
            .len();
        let q = format!(
            "name = {} and {} in parents and trashed = false",
            q_literal(name),
            q_literal(folder)
        );
        let metadata = File {
            name: Some(name.to_string()),
            mime_type: Some("text/csv".into()),
            parents: Some(vec![folder.to_string()]),
            ..File::default()
        };
        if size > RESUMABLE_ABOVE {
            return self.upload_resumable(path, size, metadata).await;
        }
        let what = Message::new(Text::GoogleUpload).with("name", name);
        let retry = Cell::new(false);
        self.pacer
            .call(&what, || async {
                // The single-request upload is not idempotent: look before each retry.
                if retry.replace(true) {
                    if let Some(found) = self.list(&q).await?.into_iter().next() {
                        return Ok(found.id);
                    }
                }
                let file = std::fs::File::open(path)
                    .map_err(|e| Failure::permanent(io_message(Text::SnapshotOpen, path, &e)))?;
                let created = send!(self, what, write = true, |dlg| self
                    .drive
                    .files()
                    .create(metadata.clone())
                    .param("fields", "id,name")
                    .add_scope(Scope::File)
                    .delegate(dlg)
                    .upload(file, "text/csv".parse().expect("a mime type")))?;
                created
                    .id
                    .ok_or_else(|| Failure::permanent(step(&what, Message::new(Text::GoogleNoId))))
            })
            .await
    }

    /// The resumable upload protocol, by hand: open a session, send 8 MiB chunks; after a
    /// failed chunk ask the session how much it holds (`Content-Range: bytes */total`) and go
    /// on from there. A session that is gone (404/410) is opened again.
    async fn upload_resumable(
        &self,
        path: &Path,
        size: u64,
        metadata: File,
    ) -> Result<String, Failure> {
        let name = metadata.name.clone().unwrap_or_default();
        let what = Message::new(Text::GoogleResumableUpload).with("name", &name);
        let json = serde_json::to_vec(&metadata).expect("metadata serializes");
        let mut session: Option<String> = None;
        let offset = Cell::new(0u64);
        let ask_first = Cell::new(false);
        loop {
            let url = match &session {
                Some(url) => url.clone(),
                None => {
                    let url = self
                        .pacer
                        .call(&what, || self.open_session(&what, size, &json))
                        .await?;
                    offset.set(0);
                    ask_first.set(false);
                    session = Some(url.clone());
                    url
                }
            };
            let sent = self
                .pacer
                .call(&what, || {
                    let url = url.clone();
                    let what = &what;
                    let (offset, ask_first) = (&offset, &ask_first);
                    async move {
                        let result = async {
                            if ask_first.get() {
                                match self.send_range(what, &url, size, None).await? {
                                    Sent::Done(id) => return Ok(Sent::Done(id)),
                                    Sent::Holds(n) => offset.set(n),
                                }
                            }
                            let start = offset.get();
                            let len = CHUNK.min(size - start);
                            let chunk = read_chunk(path, start, len).map_err(|e| {
                                Failure::permanent(io_message(Text::SnapshotRead, path, &e))
                            })?;
                            self.send_range(what, &url, size, Some((start, Bytes::from(chunk))))
                                .await
                        }
                        .await;
                        if result.is_err() {
                            ask_first.set(true);
                        }
                        result
                    }
                })
                .await;
            match sent {
                Ok(Sent::Done(id)) => return Ok(id),
                Ok(Sent::Holds(n)) => {
                    offset.set(n);
                    ask_first.set(false);
                }
                Err(f) if matches!(f.status, Some(404 | 410)) => {
                    tracing::info!(file = %name, "upload session gone; starting a new one");
                    session = None;
                }
                Err(f) => return Err(f),
            }
        }
    }

    /// Opens a resumable session; returns its URL.
    async fn open_session(
        &self,
        what: &Message,
        size: u64,
        json: &[u8],
    ) -> Result<String, Failure> {
        let url = format!(
            "{}resumable/upload/drive/v3/files?uploadType=resumable&alt=json&fields=id%2Cname",
            self.root
        );
        let request = hyper::Request::builder()
            .method(hyper::Method::POST)
            .uri(url)
            .header(
                hyper::header::CONTENT_TYPE,
                "application/json; charset=UTF-8",
            )
            .header("X-Upload-Content-Type", "text/csv")
            .header("X-Upload-Content-Length", size);
        let (_, headers, _) = self
            .raw(what, request, Bytes::copy_from_slice(json))
            .await?;
        let location = headers
            .get(hyper::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .ok_or_else(|| Failure::transport(step(what, Message::new(Text::GoogleNoLocation))))?;
        Ok(if location.starts_with('/') {
            format!("{}{}", self.root.trim_end_matches('/'), location)
        } else {
            location.to_string()
        })
    }

    /// Sends `chunk` (start, bytes) to the session, or with no chunk asks what it holds.
    async fn send_range(
        &self,
        what: &Message,
        url: &str,
        size: u64,
        chunk: Option<(u64, Bytes)>,
    ) -> Result<Sent, Failure> {
        let (range, body) = match chunk {
            Some((start, bytes)) if !bytes.is_empty() => (
                format!("bytes {start}-{}/{size}", start + bytes.len() as u64 - 1),
                bytes,
            ),
            _ => (format!("bytes */{size}"), Bytes::new()),
        };
        let request = hyper::Request::builder()
            .method(hyper::Method::POST)
            .uri(url)
            .header(hyper::header::CONTENT_TYPE, "text/csv")
            .header("Content-Range", range);
        let (status, headers, body) = self.raw(what, request, body).await?;
        if status == 308 {
            // `Range: bytes=0-N` says it holds N + 1 bytes; no Range, none.
            let held = headers
                .get("range")
                .and_then(|r| r.to_str().ok())
                .and_then(|r| r.rsplit('-').next())
                .and_then(|n| n.trim().parse::<u64>().ok())
                .map_or(0, |last| last + 1);
            return Ok(Sent::Holds(held));
        }
        let file: File = serde_json::from_slice(&body).map_err(|e| {
            let why = Message::new(Text::GoogleUnreadable).with("error", e);
            Failure::transport(step(what, why))
        })?;
        file.id
            .map(Sent::Done)
            .ok_or_else(|| Failure::permanent(step(what, Message::new(Text::GoogleNoId))))
    }
}

/// `len` bytes of the file at `path` from `start`.
fn read_chunk(path: &Path, start: u64, len: u64) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut chunk = vec![0u8; len as usize];
    file.read_exact(&mut chunk)?;
    Ok(chunk)
}

/// Where a resumable upload stands after a request.
enum Sent {
    /// Complete: the file's id.
    Done(String),
    /// The session holds this many bytes.
    Holds(u64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_literals_escape_quotes_and_backslashes() {
        assert_eq!(q_literal("ventas"), "'ventas'");
        assert_eq!(q_literal("it's"), "'it\\'s'");
        assert_eq!(q_literal("a\\b"), "'a\\\\b'");
    }
}

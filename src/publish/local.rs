//! The embedded default destination: a local folder holding `<entity>.csv` (normalized UTF-8,
//! comma-separated, accepted rows only) and `manifest.json` describing each entity's current
//! file. Both are replaced atomically, so a reader never sees a half-written file.
//!
//! The folder is the user's, not sheetdrop's: what is written there (and the folder, when
//! created) gets the mode the user's own umask gives (`platform::perms::shared_file_mode`),
//! not the owner-only one the agent's data dir gets.

use super::{
    io_message, spool_changed, spool_read_error, Destination, Error, PublishItem, Published,
};
use crate::i18n::{Message, Text};
use crate::platform::perms;
use crate::snapshot::{temp_path, write_atomic_mode};
use crate::table::{Reader, Record};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The manifest's file name in the destination folder.
pub const MANIFEST: &str = "manifest.json";

/// `manifest.json`: what each entity's published file holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Per entity, by name.
    pub entities: BTreeMap<String, ManifestEntry>,
}

/// One entity's line of the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The published file, relative to the folder.
    pub file: String,
    /// SHA-256 of the published file as written (lowercase hex): tells whether `file` still
    /// holds what this line describes. Empty in manifests written before it existed.
    #[serde(default)]
    pub file_sha256: String,
    /// SHA-256 of the client's source file.
    pub sha256: String,
    /// Rows published.
    pub rows: u64,
    /// Data rows in the source.
    pub source_rows: u64,
    /// The column names.
    pub columns: Vec<String>,
    /// The client's file name.
    pub source_file: String,
    /// `accepted` or `partial`.
    pub verdict: String,
    /// When it was published (RFC 3339, UTC).
    pub published_at: String,
    /// The agent's version.
    pub agent_version: String,
    /// The host the agent runs on.
    pub host: String,
    /// The row-level delta against the snapshot published before (`{"added": 1, "removed":
    /// 2, "changed": 5}`); `null` when there was none to compare with.
    #[serde(default)]
    pub delta: Option<crate::validate::DeltaCounts>,
}

/// Publishes into a local folder.
#[derive(Debug, Clone)]
pub struct LocalDestination {
    folder: PathBuf,
}

impl LocalDestination {
    /// A destination writing into `folder` (created on first publish).
    pub fn new(folder: PathBuf) -> LocalDestination {
        LocalDestination { folder }
    }

    /// The folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Reads the folder's manifest; a missing one is empty.
    pub fn manifest(&self) -> Result<Manifest, Error> {
        read_manifest(&self.folder.join(MANIFEST))
    }
}

impl Destination for LocalDestination {
    fn name(&self) -> &'static str {
        "local"
    }

    fn describe(&self) -> Message {
        Message::new(Text::DestinationLocal).with("folder", self.folder.display())
    }

    fn publish(&mut self, item: &PublishItem) -> Result<Published, Error> {
        let file = format!("{}.csv", item.entity);
        let out = self.folder.join(&file);
        let location = out.display().to_string();
        let manifest_path = self.folder.join(MANIFEST);
        let mut manifest = read_manifest(&manifest_path)?;
        if let Some(entry) = manifest.entities.get(&item.entity) {
            // A retry of a publish that succeeded before the outbox heard of it. The file
            // must still be the one the manifest describes: a crash between renaming a newer
            // file into place and updating the manifest leaves a stale manifest line, which
            // an older export coming back would match.
            if entry.sha256 == item.sha256
                && entry.rows == item.rows_accepted
                && !entry.file_sha256.is_empty()
                && file_sha256(&out).is_ok_and(|sha| sha == entry.file_sha256)
            {
                // A crash while writing a newer file may have left its temporary file.
                let _ = std::fs::remove_file(temp_path(&out));
                return Ok(Published {
                    location,
                    already_there: true,
                });
            }
        }
        perms::create_shared_dir_all(&self.folder)
            .map_err(|e| Error::retry(io_message(Text::SnapshotCreate, &self.folder, &e)))?;
        let (columns, rows, file_sha256) = write_csv(item, &out)?;
        manifest.entities.insert(
            item.entity.clone(),
            ManifestEntry {
                file,
                file_sha256,
                sha256: item.sha256.clone(),
                rows,
                source_rows: item.rows,
                columns,
                source_file: item.source_name.clone(),
                verdict: item.verdict.clone(),
                published_at: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
                agent_version: env!("CARGO_PKG_VERSION").to_string(),
                host: gethostname::gethostname().to_string_lossy().into_owned(),
                delta: item.delta,
            },
        );
        let json = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
        write_atomic_mode(&manifest_path, perms::shared_file_mode(), |w| {
            w.write_all(&json)
        })
        .map_err(|e| Error::retry(io_message(Text::PublishWrite, &manifest_path, &e)))?;
        Ok(Published {
            location,
            already_there: false,
        })
    }
}

/// Streams the accepted rows of `item`'s spool copy into `out` as UTF-8 CSV; returns the
/// columns, the rows written and the SHA-256 of what was written. On any failure `out` keeps
/// its previous content.
fn write_csv(item: &PublishItem, out: &Path) -> Result<(Vec<String>, u64, String), Error> {
    let input = std::fs::File::open(&item.path)
        .map_err(|e| Error::permanent(io_message(Text::PublishOpenSpool, &item.path, &e)))?;
    let read_err = |e: std::io::Error| match spool_read_error(&item.path, &e) {
        (message, true) => Error::permanent(message),
        (message, false) => Error::retry(message),
    };
    let mut reader = Reader::new(input, &item.options).map_err(read_err)?;
    let columns = reader.header().map(|h| h.names.clone()).unwrap_or_default();
    let mut rows = 0u64;
    let mut failure = None;
    let mut digest = String::new();
    write_atomic_mode(out, perms::shared_file_mode(), |w| {
        let hashing = Hashing {
            inner: w,
            hasher: Sha256::new(),
        };
        let mut csv = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(hashing);
        csv.write_record(&columns)?;
        let mut record = Record::default();
        let mut skip = item.left_out.iter().copied().peekable();
        loop {
            match reader.read(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    failure = Some(read_err(e));
                    return Err(std::io::Error::other("read failed"));
                }
            }
            while skip.peek().is_some_and(|&r| r < record.row()) {
                skip.next();
            }
            if skip.peek() == Some(&record.row()) {
                continue;
            }
            csv.write_record(record.fields().map(|f| f.into_owned()))?;
            rows += 1;
        }
        if rows != item.rows_accepted {
            // The spool copy is content-addressed and was checked: a different count means it
            // changed since. Say so rather than publish something unchecked.
            failure = Some(Error::permanent(spool_changed(item, rows)));
            return Err(std::io::Error::other("row count mismatch"));
        }
        let hashing = csv.into_inner().map_err(|e| e.into_error())?;
        digest = hex(&hashing.hasher.finalize());
        Ok(())
    })
    .map_err(|e| {
        failure
            .take()
            .unwrap_or_else(|| Error::retry(io_message(Text::PublishWrite, out, &e)))
    })?;
    Ok((columns, rows, digest))
}

/// A writer passing everything on to `inner` and hashing it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// SHA-256 of the file at `path`, lowercase hex.
fn file_sha256(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(hex(&hasher.finalize())),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a manifest; a missing file is an empty manifest, a corrupt one is rebuilt.
fn read_manifest(path: &Path) -> Result<Manifest, Error> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(manifest = %path.display(), error = %e, "unreadable manifest; starting a new one");
            Manifest::default()
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
        Err(e) => Err(Error::retry(io_message(Text::SnapshotRead, path, &e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Options;

    fn item(dir: &Path, bytes: &[u8], left_out: Vec<u64>, rows: u64, accepted: u64) -> PublishItem {
        let path = dir.join("spooled.csv");
        std::fs::write(&path, bytes).unwrap();
        PublishItem {
            entity: "clientes".into(),
            path,
            options: Options::default(),
            left_out,
            sha256: format!("sha-{rows}-{accepted}"),
            source_name: "CLIENTES.CSV".into(),
            verdict: "partial".into(),
            rows,
            rows_accepted: accepted,
            delta: None,
        }
    }

    #[test]
    fn the_folder_is_described_in_each_language() {
        use crate::i18n::Lang;
        let dest = LocalDestination::new(PathBuf::from("/srv/outbox"));
        assert_eq!(dest.describe().render(Lang::Es), "carpeta /srv/outbox");
        assert_eq!(dest.describe().render(Lang::PtBr), "pasta /srv/outbox");
        assert_eq!(
            dest.describe().to_string(),
            "folder /srv/outbox",
            "the log's"
        );
    }

    #[test]
    fn writes_normalized_utf8_without_left_out_rows_and_a_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut dest = LocalDestination::new(out.clone());
        // Windows-1252, semicolons, a quoted newline, a formula-looking cell.
        let src = b"COD ; NOMBRE\r\n1;\"Pe\xf1a\nS.A.\"\r\n2;malo\r\n3;=HYPERLINK(\"x\")\r\n";
        let it = item(dir.path(), src, vec![2], 3, 2);
        let done = dest.publish(&it).unwrap();
        assert!(!done.already_there);
        let text = std::fs::read_to_string(out.join("clientes.csv")).unwrap();
        assert_eq!(
            text,
            "COD,NOMBRE\n1,\"Peña\nS.A.\"\n3,\"=HYPERLINK(\"\"x\"\")\"\n"
        );
        let manifest = dest.manifest().unwrap();
        let entry = &manifest.entities["clientes"];
        assert_eq!((entry.rows, entry.source_rows), (2, 3));
        assert_eq!(entry.columns, ["COD", "NOMBRE"]);
        assert_eq!(entry.source_file, "CLIENTES.CSV");
        assert_eq!(entry.agent_version, env!("CARGO_PKG_VERSION"));
        // Only the two outputs, no temporary files.
        let mut names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["clientes.csv", "manifest.json"]);
        // Publishing the same snapshot again writes nothing.
        assert!(dest.publish(&it).unwrap().already_there);
    }

    #[test]
    fn a_file_the_manifest_does_not_describe_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut dest = LocalDestination::new(out.clone());
        let it = item(dir.path(), b"id\n1\n2\n", vec![], 2, 2);
        dest.publish(&it).unwrap();
        assert!(!dest.manifest().unwrap().entities["clientes"]
            .file_sha256
            .is_empty());
        // A crash after a newer file was renamed into place, before the manifest named it,
        // and one while writing another: the same snapshot again must restore its file.
        std::fs::write(out.join("clientes.csv"), "id\n9\n9\n").unwrap();
        std::fs::write(out.join(".sheetdrop.clientes.csv.tmp"), "id\n7").unwrap();
        assert!(!dest.publish(&it).unwrap().already_there);
        assert_eq!(
            std::fs::read_to_string(out.join("clientes.csv")).unwrap(),
            "id\n1\n2\n"
        );
        // Only the temporary file is left over: the next retry removes it.
        std::fs::write(out.join(".sheetdrop.clientes.csv.tmp"), "id\n7").unwrap();
        assert!(dest.publish(&it).unwrap().already_there);
        assert!(!out.join(".sheetdrop.clientes.csv.tmp").exists());
    }

    #[test]
    fn a_count_mismatch_is_a_permanent_error_and_keeps_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let mut dest = LocalDestination::new(dir.path().join("out"));
        let err = dest
            .publish(&item(dir.path(), b"id\n1\n2\n", vec![], 2, 5))
            .unwrap_err();
        assert_eq!(err.kind, super::super::ErrorKind::Permanent);
        assert!(dest.manifest().unwrap().entities.is_empty());
        assert!(!dir.path().join("out/clientes.csv").exists());
    }

    #[test]
    fn a_missing_spool_copy_is_permanent() {
        let dir = tempfile::tempdir().unwrap();
        let mut dest = LocalDestination::new(dir.path().join("out"));
        let mut it = item(dir.path(), b"id\n", vec![], 0, 0);
        it.path = dir.path().join("gone.csv");
        let err = dest.publish(&it).unwrap_err();
        assert_eq!(err.kind, super::super::ErrorKind::Permanent);
        assert!(err.to_string().contains("gone.csv"), "{err}");
    }
}

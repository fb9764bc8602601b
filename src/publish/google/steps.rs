//! One publish, step by step. Each step is safe to repeat (the outbox may retry a publish
//! that succeeded but was not recorded, and the pacer retries steps):
//!
//! 1. Drive: the root folder (configured, remembered, or found/created and shared), the
//!    entity's subfolder (remembered per root; one that answers 404 is forgotten and found or
//!    created again), the raw file uploaded as `<time>_<sha12>_<file>` unless the newest file
//!    there already has this snapshot's hash; only the 10 newest are kept.
//! 2. Sheets: the spreadsheet (configured, remembered, or found/created and shared); the
//!    snapshot's shape is checked against Sheets' limits (a snapshot that cannot fit fails
//!    permanently, its raw file already in Drive); one `batchUpdate` drops stale staging tabs
//!    and adds `<entity>__staging` sized to the snapshot; the rows go in with `RAW` in ~2 MB
//!    requests; one `batchUpdate` deletes the old tab, renames the staging tab and rewrites
//!    the `_manifest` tab (`updateCells`), so a reader never sees a half-written tab nor a
//!    manifest that does not describe it.
//!
//! The `_manifest` rows written are kept in the state store (per spreadsheet) and the whole
//! tab is rebuilt from them, so a publish does not read it back. The kept copy is dropped
//! before the swap is sent and stored again once it answered: when it is missing (an upgrade,
//! a new spreadsheet, a swap whose outcome is unknown), the tab is read once instead.

use super::layout::{
    a1_range, check_limits, check_tab_name, merge_manifest, staging_tab, MANIFEST_HEADER,
    MANIFEST_TAB, STAGING_SUFFIX, TARGET_REQUEST_BYTES,
};
use super::retry::Failure;
use super::rows::Rows;
use super::sheets::{
    add_sheet, add_sheet_with_id, delete_sheet, rename_sheet, resize_sheet, write_cells, Tab,
};
use super::{Client, Publisher};
use crate::config::Google;
use crate::i18n::{Message, Text};
use crate::publish::{PublishItem, Published};
use crate::state::State;
use google_sheets4::api::Request;
use std::cell::Cell;
use std::time::SystemTime;

/// The name of the folder and of the spreadsheet sheetdrop creates.
const APP_NAME: &str = "sheetdrop";

/// Raw files kept per entity in Drive.
const KEEP_FILES: usize = 10;

/// Publishes `item` (the client is built).
pub(super) async fn publish(p: &mut Publisher, item: &PublishItem) -> Result<Published, Failure> {
    check_tab_name(&item.entity).map_err(Failure::permanent)?;
    let identity = match &p.credentials {
        super::Credentials::ServiceAccount(key) => key.client_email.clone(),
        super::Credentials::OAuth { .. } => super::OAUTH_IDENTITY.into(),
    };
    let Publisher {
        settings,
        client,
        state,
        ..
    } = p;
    let client = client.as_ref().expect("the client is built");
    let mut memory = Memory {
        identity: &identity,
        state,
    };

    // 1. Drive.
    let (folder, uploaded) = match upload_to_drive(client, settings, item, &mut memory).await {
        Err(f) if f.not_found() && non_empty(&settings.drive_folder_id).is_none() => {
            // The root folder sheetdrop created is gone (deleted by someone, with the entity
            // folders in it): find or create it again, once. Found by name first, so a root
            // that still exists is never duplicated.
            tracing::warn!(entity = %item.entity, error = %f.message,
                "sheetdrop's Drive folder is gone; looking for it again");
            memory.set("drive_folder_id", "")?;
            upload_to_drive(client, settings, item, &mut memory).await?
        }
        other => other?,
    };

    // 2. Sheets.
    let configured = non_empty(&settings.spreadsheet_id);
    let mut spreadsheet = match &configured {
        Some(id) => id.clone(),
        None => match memory.get("spreadsheet_id") {
            Some(id) => id,
            None => create_spreadsheet(client, &settings.share_with, &mut memory).await?,
        },
    };
    let written = match write_tab(client, &spreadsheet, item, &mut memory).await {
        Err(f) if f.not_found() && configured.is_none() => {
            // The spreadsheet sheetdrop created is gone (deleted by someone): start another.
            tracing::warn!(spreadsheet = %spreadsheet, error = %f.message,
                "the spreadsheet sheetdrop created is gone; creating a new one");
            memory.set("spreadsheet_id", "")?;
            spreadsheet = create_spreadsheet(client, &settings.share_with, &mut memory).await?;
            write_tab(client, &spreadsheet, item, &mut memory).await?
        }
        other => other?,
    };
    Ok(Published {
        location: format!(
            "spreadsheet {spreadsheet}, tab {}; Drive folder {folder}",
            item.entity
        ),
        already_there: !uploaded && !written,
    })
}

/// Uploads `item`'s raw file into its entity's folder under the root (the configured folder,
/// else the one sheetdrop remembers, else found or created and shared), finding the entity's
/// folder again when the remembered one is gone. Gives the folder and whether it uploaded.
async fn upload_to_drive(
    client: &Client,
    settings: &Google,
    item: &PublishItem,
    memory: &mut Memory<'_>,
) -> Result<(String, bool), Failure> {
    let root = match non_empty(&settings.drive_folder_id) {
        Some(id) => id,
        None => match memory.get("drive_folder_id") {
            Some(id) => id,
            None => {
                let (id, _) = client.ensure_folder(APP_NAME, None).await?;
                // Shared every time it is not remembered yet: sharing twice is harmless,
                // and a crash between create and share must not leave it unshared.
                client.share(&id, &settings.share_with).await?;
                memory.set("drive_folder_id", &id)?;
                id
            }
        },
    };
    let folder_key = format!("folder.{root}.{}", item.entity);
    let (folder, remembered) = match memory.get(&folder_key) {
        Some(id) => (id, true),
        None => (
            entity_folder(client, settings, &root, &item.entity, memory).await?,
            false,
        ),
    };
    match upload_raw(client, item, &folder).await {
        Err(f) if f.not_found() && remembered => {
            // Deleted by someone since it was remembered: find or create it again.
            tracing::warn!(entity = %item.entity, folder = %folder, error = %f.message,
                "the entity's Drive folder is gone; looking for it again");
            memory.set(&folder_key, "")?;
            let folder = entity_folder(client, settings, &root, &item.entity, memory).await?;
            let uploaded = upload_raw(client, item, &folder).await?;
            Ok((folder, uploaded))
        }
        other => Ok((folder, other?)),
    }
}

/// Finds or creates the Drive subfolder of `entity` under `root` (shared when sheetdrop
/// created it in the user's folder) and remembers it.
async fn entity_folder(
    client: &Client,
    settings: &Google,
    root: &str,
    entity: &str,
    memory: &mut Memory<'_>,
) -> Result<String, Failure> {
    let (id, created) = client.ensure_folder(entity, Some(root)).await?;
    if created && !settings.drive_folder_id.is_empty() {
        // The root is the user's: share what sheetdrop creates in it.
        client.share(&id, &settings.share_with).await?;
    }
    memory.set(&format!("folder.{root}.{entity}"), &id)?;
    Ok(id)
}

/// Finds or creates sheetdrop's spreadsheet, shares it and remembers it.
async fn create_spreadsheet(
    client: &Client,
    share_with: &[String],
    memory: &mut Memory<'_>,
) -> Result<String, Failure> {
    let (id, created) = client.ensure_spreadsheet(APP_NAME).await?;
    // Shared every time it is not remembered yet: sharing twice is harmless, and a crash
    // between create and share must not leave it unshared.
    client.share(&id, share_with).await?;
    if created {
        // Its `_manifest` tab is empty: no need to read it.
        memory.set(&format!("manifest.{id}"), "[]")?;
    }
    memory.set("spreadsheet_id", &id)?;
    Ok(id)
}

/// Uploads the raw file unless the newest in `folder` is this snapshot's; keeps the newest
/// [`KEEP_FILES`]. Returns whether it uploaded.
async fn upload_raw(client: &Client, item: &PublishItem, folder: &str) -> Result<bool, Failure> {
    let tag = format!("_{}_", &item.sha256[..item.sha256.len().min(12)]);
    let mut files = client.children(folder).await?;
    files.sort_by(|a, b| b.name.cmp(&a.name));
    let uploaded = if files.first().is_some_and(|f| f.name.contains(&tag)) {
        false
    } else {
        let name = format!("{}{tag}{}", stamp(SystemTime::now()), item.source_name);
        let id = client.upload(&item.path, folder, &name).await?;
        tracing::info!(entity = %item.entity, file = %name, id = %id, "raw file uploaded to Drive");
        files.insert(0, super::drive::Entry { id, name });
        true
    };
    for old in files.iter().skip(KEEP_FILES) {
        client.delete(&old.id).await?;
    }
    Ok(uploaded)
}

/// Writes the snapshot into its tab through a staging tab; the swap rewrites the manifest.
/// Returns false when the tab and the manifest already held this snapshot.
async fn write_tab(
    client: &Client,
    spreadsheet: &str,
    item: &PublishItem,
    memory: &mut Memory<'_>,
) -> Result<bool, Failure> {
    let entity = item.entity.as_str();
    let staging = staging_tab(entity);
    let tabs = client.tabs(spreadsheet).await?;
    let manifest_key = format!("manifest.{spreadsheet}");
    let manifest = match memory
        .get(&manifest_key)
        .and_then(|json| serde_json::from_str::<Vec<Vec<String>>>(&json).ok())
    {
        Some(rows) => rows,
        None => read_manifest(client, spreadsheet, &tabs).await?,
    };
    let has_tab = tabs.iter().any(|t| t.title == entity);
    let published = manifest.iter().skip(1).any(|r| {
        r.first().is_some_and(|e| e == entity)
            && r.get(1) == Some(&item.rows_accepted.to_string())
            && r.get(3) == Some(&item.sha256)
    });
    if has_tab && published {
        return Ok(false);
    }

    let shape = Rows::open(item, 0)?.shape()?;
    let other_cells: u64 = tabs
        .iter()
        .filter(|t| t.title != entity && !t.title.ends_with(STAGING_SUFFIX))
        .map(Tab::cells)
        .sum();
    check_limits(entity, &shape, other_cells).map_err(Failure::permanent)?;

    // Stale staging tabs out, a fresh one in, as one step. A first try works from the tabs
    // just read; a retry looks again (an earlier try may have landed).
    let fresh = Cell::new(true);
    let staging_id = client
        .pacer
        .call(&Message::new(Text::GoogleAddStagingTab), || {
            let known = fresh.replace(false).then(|| tabs.clone());
            let staging = &staging;
            async move {
                let tabs = match known {
                    Some(tabs) => tabs,
                    None => client.tabs(spreadsheet).await?,
                };
                let mut requests: Vec<_> = tabs
                    .iter()
                    .filter(|t| t.title.ends_with(STAGING_SUFFIX))
                    .map(|t| delete_sheet(t.id))
                    .collect();
                requests.push(add_sheet(staging, shape.rows + 1, shape.columns, None));
                client.batch_update(spreadsheet, requests).await
            }
        })
        .await?;

    let mut rows = Rows::open(item, shape.columns)?;
    let mut requests = 0;
    while let Some((first, chunk)) = rows.next_chunk(TARGET_REQUEST_BYTES)? {
        let last = first + chunk.len() as u64 - 1;
        let range = a1_range(&staging, first, last, shape.columns);
        client.write_values(spreadsheet, &range, chunk).await?;
        requests += 1;
    }

    let row = vec![
        entity.to_string(),
        item.rows_accepted.to_string(),
        shape.columns.to_string(),
        item.sha256.clone(),
        item.source_name.clone(),
        item.verdict.clone(),
        humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
        env!("CARGO_PKG_VERSION").to_string(),
        gethostname::gethostname().to_string_lossy().into_owned(),
        // As manifest.json gives it; empty the first time.
        item.delta
            .map(|d| serde_json::to_string(&d).unwrap_or_default())
            .unwrap_or_default(),
    ];
    let rows = merge_manifest(&manifest, row);
    // Until the swap answers, the kept copy is not known to match the tab.
    memory.set(&manifest_key, "")?;

    // The swap, with the manifest: one batchUpdate. A try whose answer was lost left no
    // staging tab.
    let old = tabs
        .iter()
        .find(|t| t.title == entity)
        .map(|t| (t.id, t.index));
    let fresh = Cell::new(staging_id.is_some());
    client
        .pacer
        .call(&Message::new(Text::GoogleReplaceTab), || {
            let known = fresh.replace(false);
            let (staging, tabs, rows) = (&staging, &tabs, &rows);
            async move {
                let (new, old, tabs) = match staging_id.filter(|_| known) {
                    Some(id) => (id, old, tabs.clone()),
                    None => {
                        let tabs = client.tabs(spreadsheet).await?;
                        let Some(new) = tabs.iter().find(|t| &t.title == staging) else {
                            return Ok(None);
                        };
                        let old = tabs.iter().find(|t| t.title == entity);
                        (new.id, old.map(|t| (t.id, t.index)), tabs.clone())
                    }
                };
                let mut requests: Vec<_> = old.iter().map(|&(id, _)| delete_sheet(id)).collect();
                requests.push(rename_sheet(new, entity, old.map(|(_, index)| index)));
                requests.extend(manifest_requests(&tabs, new, rows));
                client.batch_update(spreadsheet, requests).await
            }
        })
        .await?;
    let json = serde_json::to_string(&rows).expect("strings serialize");
    memory.set(&manifest_key, &json)?;
    tracing::info!(
        entity,
        rows = shape.rows,
        columns = shape.columns,
        requests,
        "tab replaced"
    );
    Ok(true)
}

/// The requests rewriting the whole `_manifest` tab with `rows` (header first): grown (or
/// added, under a sheet id no tab nor the staging tab `staging` has) to fit, the rows written
/// as text, rows below them cleared.
fn manifest_requests(tabs: &[Tab], staging: i32, rows: &[Vec<String>]) -> Vec<Request> {
    let height = rows.len() as u64;
    let width = MANIFEST_HEADER.len();
    match tabs.iter().find(|t| t.title == MANIFEST_TAB) {
        Some(t) => {
            let (h, w) = (height.max(t.rows), (width as u64).max(t.columns));
            let mut requests = Vec::new();
            if (h, w) != (t.rows, t.columns) {
                requests.push(resize_sheet(t.id, h, w as usize));
            }
            requests.push(write_cells(t.id, h, width, rows));
            requests
        }
        None => {
            let id = (1..i32::MAX)
                .find(|&id| id != staging && tabs.iter().all(|t| t.id != id))
                .expect("a free sheet id");
            vec![
                add_sheet_with_id(id, MANIFEST_TAB, height, width, Some(0)),
                write_cells(id, height, width, rows),
            ]
        }
    }
}

/// The `_manifest` tab's rows (empty when there is no such tab).
async fn read_manifest(
    client: &Client,
    spreadsheet: &str,
    tabs: &[Tab],
) -> Result<Vec<Vec<String>>, Failure> {
    match tabs.iter().find(|t| t.title == MANIFEST_TAB) {
        Some(t) => {
            let range = a1_range(MANIFEST_TAB, 1, t.rows.max(1), MANIFEST_HEADER.len());
            client.read_values(spreadsheet, &range).await
        }
        None => Ok(Vec::new()),
    }
}

/// What the destination remembers in the state store, per identity.
struct Memory<'a> {
    identity: &'a str,
    state: &'a mut State,
}

impl Memory<'_> {
    fn key(&self, what: &str) -> String {
        super::setting_key(self.identity, what)
    }

    fn get(&self, what: &str) -> Option<String> {
        self.state
            .setting(&self.key(what))
            .ok()
            .flatten()
            .filter(|v| !v.is_empty())
    }

    fn set(&mut self, what: &str, value: &str) -> Result<(), Failure> {
        let key = self.key(what);
        self.state
            .set_setting(&key, value)
            .map_err(|e| Failure::transport(e.to_message()))
    }
}

/// `s` trimmed; `None` when it is blank (a setting left empty).
pub(super) fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

/// `time` as `20240501T120000Z`: sorts like time in a file name.
fn stamp(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time)
        .to_string()
        .replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_rewritten_grown_or_added_in_the_swap() {
        let tab = |id, title: &str, rows, columns| Tab {
            id,
            title: title.into(),
            index: 0,
            rows,
            columns,
        };
        let rows = merge_manifest(&[], vec!["ventas".to_string(); MANIFEST_HEADER.len()]);
        let json = |r: &[Request]| serde_json::to_value(r).unwrap();
        // Big enough: one updateCells over the whole grid's width of the manifest.
        let fits = [tab(0, MANIFEST_TAB, 2, 10), tab(3, "ventas", 5, 2)];
        let r = json(&manifest_requests(&fits, 4, &rows));
        assert_eq!(r.as_array().unwrap().len(), 1);
        let cells = &r[0]["updateCells"];
        assert_eq!(cells["fields"], "userEnteredValue");
        assert_eq!(cells["range"]["sheetId"], 0);
        assert_eq!(cells["range"]["endRowIndex"], 2);
        assert_eq!(cells["range"]["endColumnIndex"], 10);
        assert_eq!(
            cells["rows"][1]["values"][0]["userEnteredValue"]["stringValue"],
            "ventas"
        );
        // Too small: grown first, in the same batch; taller than needed: the rest cleared.
        let small = [tab(0, MANIFEST_TAB, 1, 10)];
        let r = json(&manifest_requests(&small, 4, &rows));
        assert_eq!(
            r[0]["updateSheetProperties"]["properties"]["gridProperties"]["rowCount"],
            2
        );
        assert_eq!(r[1]["updateCells"]["range"]["endRowIndex"], 2);
        let tall = [tab(0, MANIFEST_TAB, 40, 12)];
        let r = json(&manifest_requests(&tall, 4, &rows));
        assert_eq!(r[0]["updateCells"]["range"]["endRowIndex"], 40);
        // Gone: added under an id neither a tab nor the staging tab has.
        let gone = [tab(1, "ventas", 5, 2), tab(2, "x", 1, 1)];
        let r = json(&manifest_requests(&gone, 3, &rows));
        let added = &r[0]["addSheet"]["properties"];
        assert_eq!(added["title"], MANIFEST_TAB);
        assert_eq!(added["sheetId"], 4);
        assert_eq!(r[1]["updateCells"]["range"]["sheetId"], 4);
    }

    #[test]
    fn stamps_sort_like_time() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_714_564_800);
        assert_eq!(stamp(t), "20240501T120000Z");
        assert!(stamp(t) < stamp(t + std::time::Duration::from_secs(1)));
    }
}

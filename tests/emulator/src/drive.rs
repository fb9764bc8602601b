//! Drive v3: files create (metadata, multipart, media, resumable), get (metadata or
//! `alt=media`), list with `q`, update (metadata, content, addParents/removeParents), delete,
//! permissions create/list/delete. Content is kept in memory.

use crate::util::{
    empty_response, gerror, gerror_reason, json_response, ok_json, parse_json_body, random_id,
    rfc3339_now, url_decode, Resp,
};
use crate::{Ctx, State, SERVICE_ACCOUNT_EMAIL};
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode};
use serde_json::{json, Map, Value};

pub(crate) const FOLDER_MIME: &str = "application/vnd.google-apps.folder";
pub(crate) const SPREADSHEET_MIME: &str = "application/vnd.google-apps.spreadsheet";
/// Google keeps the bytes of an interrupted chunk in multiples of this.
const CHUNK_GRANULARITY: usize = 256 * 1024;

#[derive(Clone, Debug)]
pub(crate) struct Perm {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) role: String,
    pub(crate) email: String,
}

#[derive(Clone, Debug)]
pub(crate) struct DFile {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) mime_type: String,
    pub(crate) parents: Vec<String>,
    pub(crate) content: Vec<u8>,
    pub(crate) permissions: Vec<Perm>,
    pub(crate) trashed: bool,
    pub(crate) description: Option<String>,
    pub(crate) app_properties: Map<String, Value>,
    pub(crate) properties: Map<String, Value>,
    pub(crate) created_time: String,
    pub(crate) modified_time: String,
    pub(crate) version: u64,
}

pub(crate) struct UploadSession {
    /// `Some(file id)` for an update of an existing file.
    target: Option<String>,
    meta: Value,
    mime: String,
    data: Vec<u8>,
    total: Option<u64>,
    /// The file created or updated once complete.
    done: Option<String>,
}

fn not_found(id: &str) -> Resp {
    let body = json!({
        "error": {
            "code": 404,
            "message": format!("File not found: {id}."),
            "errors": [{
                "message": format!("File not found: {id}."),
                "domain": "global",
                "reason": "notFound",
                "location": "fileId",
                "locationType": "parameter",
            }],
        }
    });
    json_response(404, &body)
}

fn new_file(name: String, mime_type: String, parents: Vec<String>, content: Vec<u8>) -> DFile {
    let now = rfc3339_now();
    DFile {
        id: random_id(33),
        name,
        mime_type,
        parents,
        content,
        permissions: Vec::new(),
        trashed: false,
        description: None,
        app_properties: Map::new(),
        properties: Map::new(),
        created_time: now.clone(),
        modified_time: now,
        version: 1,
    }
}

/// Registers the Drive side of a spreadsheet created through Sheets.
pub(crate) fn register_spreadsheet(st: &mut State, id: &str, title: &str) {
    let mut f = new_file(
        title.to_string(),
        SPREADSHEET_MIME.into(),
        vec!["root".into()],
        Vec::new(),
    );
    f.id = id.to_string();
    st.files.push(f);
}

fn file_json(st: &State, f: &DFile) -> Value {
    let mut v = json!({
        "kind": "drive#file",
        "id": f.id,
        "name": f.name,
        "mimeType": f.mime_type,
        "parents": f.parents,
        "trashed": f.trashed,
        "createdTime": f.created_time,
        "modifiedTime": f.modified_time,
        "version": f.version.to_string(),
        "webViewLink": format!("{}/file/d/{}/view", st.base_url, f.id),
        "owners": [{ "kind": "drive#user", "emailAddress": SERVICE_ACCOUNT_EMAIL, "me": true }],
    });
    if !f.mime_type.starts_with("application/vnd.google-apps.") {
        v["size"] = json!(f.content.len().to_string());
    }
    if let Some(d) = &f.description {
        v["description"] = json!(d);
    }
    if !f.app_properties.is_empty() {
        v["appProperties"] = Value::Object(f.app_properties.clone());
    }
    if !f.properties.is_empty() {
        v["properties"] = Value::Object(f.properties.clone());
    }
    v
}

fn find(st: &State, id: &str) -> Option<usize> {
    st.files.iter().position(|f| f.id == id)
}

/// Checks a parent id: `root` or an existing folder.
fn check_parent(st: &State, p: &str) -> Result<(), Resp> {
    if p == "root" {
        return Ok(());
    }
    match find(st, p) {
        None => Err(not_found(p)),
        Some(i) if st.files[i].mime_type != FOLDER_MIME => Err(gerror_reason(
            400,
            "invalidParent",
            "The specified parent is not a folder.",
        )),
        Some(_) => Ok(()),
    }
}

fn string_map(v: Option<&Value>) -> Map<String, Value> {
    match v {
        Some(Value::Object(m)) => m
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| {
                (
                    k.clone(),
                    match v {
                        Value::String(_) => v.clone(),
                        other => json!(other.to_string()),
                    },
                )
            })
            .collect(),
        _ => Map::new(),
    }
}

/// Creates a file from metadata and content; returns its index.
fn create_file(
    st: &mut State,
    meta: &Value,
    content: Vec<u8>,
    media_mime: Option<&str>,
) -> Result<usize, Resp> {
    let parents: Vec<String> = match meta.get("parents") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    if parents.len() > 1 {
        return Err(gerror_reason(
            403,
            "cannotAddParent",
            "Increasing the number of parents is not allowed.",
        ));
    }
    for p in &parents {
        check_parent(st, p)?;
    }
    let parents = if parents.is_empty() {
        vec!["root".to_string()]
    } else {
        parents
    };
    let mime = meta
        .get("mimeType")
        .and_then(Value::as_str)
        .or(media_mime)
        .unwrap_or("application/octet-stream")
        .to_string();
    let name = meta
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("Untitled")
        .to_string();
    let is_sheet = mime == SPREADSHEET_MIME;
    let mut f = new_file(name.clone(), mime, parents, content);
    if is_sheet || f.mime_type == FOLDER_MIME {
        f.content.clear();
    }
    f.description = meta
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_string);
    f.app_properties = string_map(meta.get("appProperties"));
    f.properties = string_map(meta.get("properties"));
    let id = f.id.clone();
    st.files.push(f);
    if is_sheet {
        crate::sheets::new_spreadsheet(st, &id, &name);
    }
    Ok(st.files.len() - 1)
}

/// Applies metadata changes (and `addParents` / `removeParents`).
fn update_meta(st: &mut State, i: usize, meta: &Value, ctx: &Ctx) -> Result<(), Resp> {
    if meta.get("parents").is_some_and(|p| !p.is_null()) {
        return Err(gerror_reason(
            403,
            "fieldNotWritable",
            "The resource body includes fields which are not directly writable.",
        ));
    }
    // Comma-separated folder ids, as Drive takes them.
    let ids = |key: &str| -> Vec<String> {
        ctx.q(key)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (add, remove) = (ids("addParents"), ids("removeParents"));
    for p in &add {
        check_parent(st, p)?;
    }
    let mut parents = st.files[i].parents.clone();
    parents.retain(|p| !remove.contains(p));
    for p in add {
        if !parents.contains(&p) {
            parents.push(p);
        }
    }
    if parents.len() > 1 {
        return Err(gerror_reason(
            403,
            "cannotAddParent",
            "Increasing the number of parents is not allowed.",
        ));
    }
    let f = &mut st.files[i];
    f.parents = parents;
    if let Some(n) = meta.get("name").and_then(Value::as_str) {
        f.name = n.to_string();
    }
    if let Some(m) = meta.get("mimeType").and_then(Value::as_str) {
        f.mime_type = m.to_string();
    }
    if let Some(d) = meta.get("description").and_then(Value::as_str) {
        f.description = Some(d.to_string());
    }
    if let Some(t) = meta.get("trashed").and_then(Value::as_bool) {
        f.trashed = t;
    }
    for (key, target) in [
        ("appProperties", &mut f.app_properties),
        ("properties", &mut f.properties),
    ] {
        if let Some(Value::Object(m)) = meta.get(key) {
            for (k, v) in m {
                if v.is_null() {
                    target.remove(k);
                } else {
                    target.insert(
                        k.clone(),
                        v.as_str()
                            .map_or_else(|| json!(v.to_string()), |s| json!(s)),
                    );
                }
            }
        }
    }
    f.modified_time = rfc3339_now();
    f.version += 1;
    let (id, name) = (f.id.clone(), f.name.clone());
    if let Some(ss) = st.spreadsheets.iter_mut().find(|s| s.id == id) {
        ss.title = name;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Multipart

fn content_type(ctx: &Ctx) -> Option<&str> {
    ctx.header("content-type")
}

fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= hay.len() {
        match hay[i..].iter().position(|b| *b == first) {
            None => return None,
            Some(off) => {
                i += off;
                if i + needle.len() <= hay.len() && &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

/// A multipart part: its headers (names lower-cased) and content.
type Part = (Vec<(String, String)>, Vec<u8>);

/// Parts of a `multipart/related` body: (headers lower-cased, content).
fn parse_multipart(ctype: &str, body: &[u8]) -> Result<Vec<Part>, String> {
    let boundary = ctype
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .ok_or("multipart body without boundary")?
        .trim_matches('"')
        .to_string();
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find_bytes(body, &delim, 0).ok_or("multipart boundary not found")?;
    loop {
        let after = pos + delim.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        // Skip the line end after the delimiter.
        let hstart = if body[after..].starts_with(b"\r\n") {
            after + 2
        } else if body[after..].starts_with(b"\n") {
            after + 1
        } else {
            return Err("malformed multipart delimiter".into());
        };
        let (hend, cstart) = if body[hstart..].starts_with(b"\r\n") {
            (hstart, hstart + 2)
        } else if let Some(i) = find_bytes(body, b"\r\n\r\n", hstart) {
            (i, i + 4)
        } else {
            return Err("multipart part without header end".into());
        };
        let headers: Vec<(String, String)> = String::from_utf8_lossy(&body[hstart..hend])
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let next = find_bytes(body, &delim, cstart).ok_or("unterminated multipart body")?;
        let mut cend = next;
        if cend >= 2 && &body[cend - 2..cend] == b"\r\n" {
            cend -= 2;
        } else if cend >= 1 && body[cend - 1] == b'\n' {
            cend -= 1;
        }
        parts.push((headers, body[cstart..cend.max(cstart)].to_vec()));
        pos = next;
    }
    Ok(parts)
}

/// Metadata and media of an upload request (`multipart` or `media`).
fn upload_parts(ctx: &Ctx) -> Result<(Value, Vec<u8>, Option<String>), Resp> {
    match ctx.q("uploadType") {
        Some("multipart") => {
            let ct = content_type(ctx).unwrap_or("");
            if !ct.starts_with("multipart/") {
                return Err(gerror(400, "Bad content type. Please use multipart."));
            }
            let parts = parse_multipart(ct, &ctx.body).map_err(|e| gerror(400, e))?;
            if parts.len() != 2 {
                return Err(gerror(
                    400,
                    format!(
                        "Multipart upload needs a metadata and a media part, got {} parts.",
                        parts.len()
                    ),
                ));
            }
            let meta = parse_json_body(&parts[0].1)?;
            let mime = parts[1]
                .0
                .iter()
                .find(|(k, _)| k == "content-type")
                .map(|(_, v)| v.clone());
            Ok((meta, parts[1].1.clone(), mime))
        }
        Some("media") => Ok((
            json!({}),
            ctx.body.clone(),
            content_type(ctx).map(str::to_string),
        )),
        Some(other) => Err(gerror(400, format!("Invalid uploadType: {other}"))),
        None => Err(gerror(400, "uploadType is required for uploads.")),
    }
}

// ---------------------------------------------------------------------------------------------
// Routing

pub(crate) fn route(st: &mut State, ctx: &Ctx) -> Resp {
    let p = ctx.path.as_str();
    let m = &ctx.method;
    let (upload, rest) = if let Some(r) = p.strip_prefix("/resumable/upload/drive/v3/files") {
        (true, r)
    } else if let Some(r) = p.strip_prefix("/upload/drive/v3/files") {
        (true, r)
    } else if let Some(r) = p.strip_prefix("/drive/v3/files") {
        (false, r)
    } else {
        return gerror(404, format!("The emulator has no endpoint {m} {p}."));
    };
    let segs: Vec<String> = rest
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| url_decode(s, false))
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    if upload {
        return match (m.clone(), segs.as_slice()) {
            (Method::POST, []) => upload_create(st, ctx),
            (Method::PATCH, [id]) | (Method::PUT, [id]) => upload_update(st, ctx, id),
            _ => gerror(404, format!("The emulator has no endpoint {m} {p}.")),
        };
    }
    match (m.clone(), segs.as_slice()) {
        (Method::GET, []) => list(st, ctx),
        (Method::POST, []) => {
            let meta = match parse_json_body(&ctx.body) {
                Ok(v) => v,
                Err(r) => return r,
            };
            match create_file(st, &meta, Vec::new(), None) {
                Ok(i) => ok_json(&file_json(st, &st.files[i])),
                Err(r) => r,
            }
        }
        (Method::GET, [id]) => get(st, ctx, id),
        (Method::PATCH, [id]) => {
            let Some(i) = find(st, id) else {
                return not_found(id);
            };
            let meta = match parse_json_body(&ctx.body) {
                Ok(v) => v,
                Err(r) => return r,
            };
            match update_meta(st, i, &meta, ctx) {
                Ok(()) => ok_json(&file_json(st, &st.files[i])),
                Err(r) => r,
            }
        }
        (Method::DELETE, [id]) => delete(st, id),
        (Method::POST, [id, "permissions"]) => permission_create(st, ctx, id),
        (Method::GET, [id, "permissions"]) => permission_list(st, id),
        (Method::DELETE, [id, "permissions", pid]) => {
            let Some(i) = find(st, id) else {
                return not_found(id);
            };
            let before = st.files[i].permissions.len();
            st.files[i].permissions.retain(|p| p.id != *pid);
            if st.files[i].permissions.len() == before {
                return gerror(404, format!("Permission not found: {pid}."));
            }
            empty_response(204)
        }
        _ => gerror(404, format!("The emulator has no endpoint {m} {p}.")),
    }
}

fn get(st: &State, ctx: &Ctx, id: &str) -> Resp {
    let Some(i) = find(st, id) else {
        return not_found(id);
    };
    let f = &st.files[i];
    if ctx.q("alt") == Some("media") {
        if f.mime_type.starts_with("application/vnd.google-apps.") {
            return gerror_reason(
                403,
                "fileNotDownloadable",
                "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
            );
        }
        let mut r = Response::new(Body::from(f.content.clone()));
        if let Ok(v) = HeaderValue::from_str(&f.mime_type) {
            r.headers_mut().insert(header::CONTENT_TYPE, v);
        }
        return r;
    }
    ok_json(&file_json(st, f))
}

pub(crate) fn delete(st: &mut State, id: &str) -> Resp {
    if find(st, id).is_none() {
        return not_found(id);
    }
    // The file and, for a folder, everything under it.
    let mut doomed = vec![id.to_string()];
    let mut k = 0;
    while k < doomed.len() {
        let cur = doomed[k].clone();
        for f in &st.files {
            if f.parents.contains(&cur) && !doomed.contains(&f.id) {
                doomed.push(f.id.clone());
            }
        }
        k += 1;
    }
    st.files.retain(|f| !doomed.contains(&f.id));
    st.spreadsheets.retain(|s| !doomed.contains(&s.id));
    empty_response(204)
}

fn permission_json(p: &Perm) -> Value {
    json!({
        "kind": "drive#permission",
        "id": p.id,
        "type": p.kind,
        "role": p.role,
        "emailAddress": p.email,
    })
}

fn permission_create(st: &mut State, ctx: &Ctx, id: &str) -> Resp {
    let Some(i) = find(st, id) else {
        return not_found(id);
    };
    let body = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let role = body.get("role").and_then(Value::as_str).unwrap_or("");
    let kind = body.get("type").and_then(Value::as_str).unwrap_or("");
    let email = body
        .get("emailAddress")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if role.is_empty() {
        return gerror_reason(400, "required", "The permission role field is required.");
    }
    if !matches!(
        role,
        "owner" | "organizer" | "fileOrganizer" | "writer" | "commenter" | "reader"
    ) {
        return gerror_reason(
            400,
            "invalid",
            format!("The value of the parameter 'role' is invalid: {role}"),
        );
    }
    if kind.is_empty() {
        return gerror_reason(400, "required", "The permission type field is required.");
    }
    if !matches!(kind, "user" | "group" | "domain" | "anyone") {
        return gerror_reason(
            400,
            "invalid",
            format!("The value of the parameter 'type' is invalid: {kind}"),
        );
    }
    if matches!(kind, "user" | "group") {
        let valid = email
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !email.contains(' '));
        if !valid {
            return gerror_reason(
                400,
                "invalid",
                format!("Invalid email or User ID: '{email}'"),
            );
        }
    }
    if role == "owner" && ctx.q("transferOwnership") != Some("true") {
        return gerror_reason(
            403,
            "consentRequiredForOwnershipTransfer",
            "The transferOwnership parameter must be enabled when the permission role is 'owner'.",
        );
    }
    let f = &mut st.files[i];
    if let Some(p) = f
        .permissions
        .iter_mut()
        .find(|p| p.kind == kind && p.email.eq_ignore_ascii_case(&email))
    {
        p.role = role.to_string();
        return ok_json(&permission_json(p));
    }
    let p = Perm {
        id: format!("{:020}", fastrand::u64(..)),
        kind: kind.to_string(),
        role: role.to_string(),
        email,
    };
    let v = permission_json(&p);
    f.permissions.push(p);
    ok_json(&v)
}

fn permission_list(st: &State, id: &str) -> Resp {
    let Some(i) = find(st, id) else {
        return not_found(id);
    };
    let mut list = vec![json!({
        "kind": "drive#permission",
        "id": "owner",
        "type": "user",
        "role": "owner",
        "emailAddress": SERVICE_ACCOUNT_EMAIL,
    })];
    list.extend(st.files[i].permissions.iter().map(permission_json));
    ok_json(&json!({ "kind": "drive#permissionList", "permissions": list }))
}

// ---------------------------------------------------------------------------------------------
// Uploads

fn upload_create(st: &mut State, ctx: &Ctx) -> Resp {
    if ctx.q("uploadType") == Some("resumable") {
        return start_session(st, ctx, None);
    }
    let (meta, content, mime) = match upload_parts(ctx) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match create_file(st, &meta, content, mime.as_deref()) {
        Ok(i) => ok_json(&file_json(st, &st.files[i])),
        Err(r) => r,
    }
}

fn upload_update(st: &mut State, ctx: &Ctx, id: &str) -> Resp {
    let Some(i) = find(st, id) else {
        return not_found(id);
    };
    if ctx.q("uploadType") == Some("resumable") {
        return start_session(st, ctx, Some(id.to_string()));
    }
    let (meta, content, mime) = match upload_parts(ctx) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(r) = update_meta(st, i, &meta, ctx) {
        return r;
    }
    set_content(st, i, content, mime.as_deref());
    ok_json(&file_json(st, &st.files[i]))
}

fn set_content(st: &mut State, i: usize, content: Vec<u8>, mime: Option<&str>) {
    let f = &mut st.files[i];
    f.content = content;
    if let Some(m) = mime {
        if !f.mime_type.starts_with("application/vnd.google-apps.") && !m.is_empty() {
            f.mime_type = m.to_string();
        }
    }
    f.modified_time = rfc3339_now();
    f.version += 1;
}

fn start_session(st: &mut State, ctx: &Ctx, target: Option<String>) -> Resp {
    let meta = match parse_json_body(&ctx.body) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if target.is_none() {
        if let Some(Value::Array(ps)) = meta.get("parents") {
            for p in ps.iter().filter_map(Value::as_str) {
                if let Err(r) = check_parent(st, p) {
                    return r;
                }
            }
        }
    }
    let mime = ctx
        .header("x-upload-content-type")
        .or_else(|| meta.get("mimeType").and_then(Value::as_str))
        .unwrap_or("application/octet-stream")
        .to_string();
    let total = ctx
        .header("x-upload-content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let sid = format!("ABPt{}", random_id(60));
    st.uploads.insert(
        sid.clone(),
        UploadSession {
            target,
            meta,
            mime,
            data: Vec::new(),
            total,
            done: None,
        },
    );
    let location = if ctx.raw_query.is_empty() {
        format!("{}{}?upload_id={sid}", st.base_url, ctx.path)
    } else {
        format!(
            "{}{}?{}&upload_id={sid}",
            st.base_url, ctx.path, ctx.raw_query
        )
    };
    let mut r = empty_response(200);
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&sid) {
        r.headers_mut().insert("x-guploader-uploadid", v);
    }
    r
}

enum ContentRange {
    /// `bytes */total`
    Query(Option<u64>),
    /// `bytes a-b/total`
    Chunk(u64, u64, Option<u64>),
}

fn parse_content_range(s: &str) -> Option<ContentRange> {
    let s = s.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = s.split_once('/')?;
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    if range.trim() == "*" {
        return Some(ContentRange::Query(total));
    }
    let (a, b) = range.split_once('-')?;
    let (a, b): (u64, u64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    if b < a {
        return None;
    }
    Some(ContentRange::Chunk(a, b, total))
}

fn incomplete(received: usize) -> Resp {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::PERMANENT_REDIRECT;
    if received > 0 {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes=0-{}", received - 1)) {
            r.headers_mut().insert(header::RANGE, v);
        }
    }
    r
}

fn session_done(st: &State, sid: &str) -> Option<Resp> {
    let fid = st.uploads.get(sid)?.done.clone()?;
    Some(match find(st, &fid) {
        Some(i) => ok_json(&file_json(st, &st.files[i])),
        None => not_found(&fid),
    })
}

/// Creates or updates the file of a complete session.
fn finalize(st: &mut State, sid: &str) -> Resp {
    let Some(sess) = st.uploads.get_mut(sid) else {
        return gerror(404, "No such upload session.");
    };
    let data = std::mem::take(&mut sess.data);
    let meta = sess.meta.clone();
    let mime = sess.mime.clone();
    let target = sess.target.clone();
    let result = match target {
        None => create_file(st, &meta, data, Some(&mime)),
        Some(id) => match find(st, &id) {
            None => Err(not_found(&id)),
            Some(i) => {
                let fake = Ctx {
                    method: Method::PATCH,
                    path: String::new(),
                    query: Vec::new(),
                    raw_query: String::new(),
                    headers: HeaderMap::new(),
                    body: Vec::new(),
                };
                update_meta(st, i, &meta, &fake).map(|_| {
                    set_content(st, i, data, Some(&mime));
                    i
                })
            }
        },
    };
    match result {
        Ok(i) => {
            let fid = st.files[i].id.clone();
            if let Some(s) = st.uploads.get_mut(sid) {
                s.done = Some(fid);
            }
            ok_json(&file_json(st, &st.files[i]))
        }
        // The session is spent: a failed finalisation cannot be resumed.
        Err(r) => r,
    }
}

/// A request to a session URL (`...&upload_id=...`): a chunk or a status query.
pub(crate) fn upload_chunk(st: &mut State, ctx: &Ctx) -> Resp {
    let sid = ctx.q("upload_id").unwrap_or("").to_string();
    if !st.uploads.contains_key(&sid) {
        return gerror(
            404,
            "No such upload session (unknown or expired upload_id).",
        );
    }
    if !matches!(ctx.method, Method::PUT | Method::POST) {
        return gerror(405, "Upload sessions accept PUT or POST.");
    }
    if let Some(r) = session_done(st, &sid) {
        return r;
    }
    let range = match ctx.header("content-range") {
        None => {
            let n = ctx.body.len() as u64;
            if n == 0 {
                ContentRange::Query(st.uploads[&sid].total)
            } else {
                ContentRange::Chunk(0, n - 1, Some(n))
            }
        }
        Some(h) => match parse_content_range(h) {
            Some(r) => r,
            None => return gerror(400, format!("Failed to parse Content-Range header: {h}")),
        },
    };
    let sess = st.uploads.get_mut(&sid).expect("session");
    match range {
        ContentRange::Query(total) => {
            if let Some(t) = total {
                if sess.total.is_some_and(|s| s != t) {
                    return gerror(400, "The total size does not match the session's.");
                }
                sess.total = Some(t);
            }
            if sess.total == Some(sess.data.len() as u64) && ctx.body.is_empty() {
                // Everything (possibly nothing) was received: complete.
                return finalize(st, &sid);
            }
            incomplete(sess.data.len())
        }
        ContentRange::Chunk(a, b, total) => {
            let received = sess.data.len() as u64;
            if let Some(t) = total {
                if sess.total.is_some_and(|s| s != t) {
                    return gerror(400, "The total size does not match the session's.");
                }
                if b >= t {
                    return gerror(
                        400,
                        format!(
                            "Failed to parse Content-Range header: last byte {b} beyond total {t}."
                        ),
                    );
                }
                sess.total = Some(t);
            }
            if ctx.body.len() as u64 != b - a + 1 {
                return gerror(
                    400,
                    format!(
                        "Content-Range bytes {a}-{b} announces {} bytes, the body has {}.",
                        b - a + 1,
                        ctx.body.len()
                    ),
                );
            }
            if a > received {
                return gerror(
                    400,
                    format!(
                        "Invalid request. According to the Content-Range header, the upload offset is {a} byte(s), which exceeds already uploaded size of {received} byte(s)."
                    ),
                );
            }
            let skip = (received - a) as usize;
            if skip < ctx.body.len() {
                sess.data.extend_from_slice(&ctx.body[skip..]);
            }
            if sess.total == Some(sess.data.len() as u64) {
                return finalize(st, &sid);
            }
            incomplete(sess.data.len())
        }
    }
}

/// A chunk whose connection a fault dropped after `read` bytes: keep what Google would.
pub(crate) fn keep_partial_chunk(
    st: &mut State,
    headers: &HeaderMap,
    raw_query: &str,
    read: &[u8],
) {
    let q = crate::util::parse_query(raw_query);
    let Some(sid) = crate::util::query_get(&q, "upload_id") else {
        return;
    };
    let Some(sess) = st.uploads.get_mut(sid) else {
        return;
    };
    let Some(ContentRange::Chunk(a, _, _)) = headers
        .get("content-range")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_content_range)
    else {
        return;
    };
    if a != sess.data.len() as u64 || sess.done.is_some() {
        return;
    }
    let keep = read.len() / CHUNK_GRANULARITY * CHUNK_GRANULARITY;
    sess.data.extend_from_slice(&read[..keep]);
}

// ---------------------------------------------------------------------------------------------
// files.list and its `q`

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Str(String),
    Word(String),
    Op(String),
    LParen,
    RParen,
    LBrace,
    RBrace,
}

fn tokenize(q: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let cs: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '\'' | '"' => {
                let quote = c;
                let mut s = String::new();
                i += 1;
                loop {
                    match cs.get(i) {
                        None => return Err("unterminated string".into()),
                        Some('\\') => {
                            if let Some(n) = cs.get(i + 1) {
                                s.push(*n);
                            }
                            i += 2;
                        }
                        Some(ch) if *ch == quote => {
                            i += 1;
                            break;
                        }
                        Some(ch) => {
                            s.push(*ch);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Str(s));
            }
            '(' => {
                out.push(Tok::LParen);
                i += 1;
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1;
            }
            '{' => {
                out.push(Tok::LBrace);
                i += 1;
            }
            '}' => {
                out.push(Tok::RBrace);
                i += 1;
            }
            '=' => {
                out.push(Tok::Op("=".into()));
                i += 1;
            }
            '!' | '<' | '>' => {
                if cs.get(i + 1) == Some(&'=') {
                    out.push(Tok::Op(format!("{c}=")));
                    i += 2;
                } else if c == '!' {
                    return Err("'!' must be followed by '='".into());
                } else {
                    out.push(Tok::Op(c.to_string()));
                    i += 1;
                }
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' || c == ':' => {
                let start = i;
                while i < cs.len()
                    && (cs[i].is_alphanumeric() || matches!(cs[i], '_' | '.' | '-' | ':'))
                {
                    i += 1;
                }
                out.push(Tok::Word(cs[start..i].iter().collect()));
            }
            other => return Err(format!("unexpected character '{other}'")),
        }
    }
    Ok(out)
}

#[derive(Debug)]
enum Q {
    And(Box<Q>, Box<Q>),
    Or(Box<Q>, Box<Q>),
    Not(Box<Q>),
    InParents(String),
    Cmp(String, String, Value),
    Contains(String, String),
    Has(String, String, String),
}

struct QParser {
    toks: Vec<Tok>,
    pos: usize,
}

impl QParser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn word_is(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x.eq_ignore_ascii_case(w))
    }
    fn expect(&mut self, t: Tok) -> Result<(), String> {
        match self.next() {
            Some(x) if x == t => Ok(()),
            other => Err(format!("expected {t:?}, found {other:?}")),
        }
    }
    fn expr(&mut self) -> Result<Q, String> {
        let mut left = self.and_expr()?;
        while self.word_is("or") {
            self.pos += 1;
            let right = self.and_expr()?;
            left = Q::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn and_expr(&mut self) -> Result<Q, String> {
        let mut left = self.unary()?;
        while self.word_is("and") {
            self.pos += 1;
            let right = self.unary()?;
            left = Q::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn unary(&mut self) -> Result<Q, String> {
        if self.word_is("not") {
            self.pos += 1;
            return Ok(Q::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            let e = self.expr()?;
            self.expect(Tok::RParen)?;
            return Ok(e);
        }
        self.pred()
    }
    fn value(&mut self) -> Result<Value, String> {
        match self.next() {
            Some(Tok::Str(s)) => Ok(json!(s)),
            Some(Tok::Word(w)) if w == "true" => Ok(json!(true)),
            Some(Tok::Word(w)) if w == "false" => Ok(json!(false)),
            other => Err(format!("expected a value, found {other:?}")),
        }
    }
    fn pred(&mut self) -> Result<Q, String> {
        match self.next() {
            Some(Tok::Str(s)) => {
                if !self.word_is("in") {
                    return Err("expected 'in' after a string".into());
                }
                self.pos += 1;
                match self.next() {
                    Some(Tok::Word(w)) if w == "parents" => Ok(Q::InParents(s)),
                    Some(Tok::Word(w))
                        if matches!(w.as_str(), "owners" | "writers" | "readers") =>
                    {
                        Ok(Q::Cmp("__true".into(), "=".into(), json!(true)))
                    }
                    other => Err(format!("unsupported collection {other:?}")),
                }
            }
            Some(Tok::Word(field)) => {
                if matches!(field.as_str(), "appProperties" | "properties") {
                    if !self.word_is("has") {
                        return Err(format!("expected 'has' after {field}"));
                    }
                    self.pos += 1;
                    self.expect(Tok::LBrace)?;
                    if !self.word_is("key") {
                        return Err("expected key".into());
                    }
                    self.pos += 1;
                    self.expect(Tok::Op("=".into()))?;
                    let key = match self.next() {
                        Some(Tok::Str(s)) => s,
                        o => return Err(format!("expected a key string, found {o:?}")),
                    };
                    if !self.word_is("and") {
                        return Err("expected 'and value='".into());
                    }
                    self.pos += 1;
                    if !self.word_is("value") {
                        return Err("expected value".into());
                    }
                    self.pos += 1;
                    self.expect(Tok::Op("=".into()))?;
                    let val = match self.next() {
                        Some(Tok::Str(s)) => s,
                        o => return Err(format!("expected a value string, found {o:?}")),
                    };
                    self.expect(Tok::RBrace)?;
                    return Ok(Q::Has(field, key, val));
                }
                if !matches!(
                    field.as_str(),
                    "name"
                        | "mimeType"
                        | "trashed"
                        | "starred"
                        | "fullText"
                        | "modifiedTime"
                        | "createdTime"
                        | "viewedByMeTime"
                        | "sharedWithMe"
                        | "hidden"
                ) {
                    return Err(format!("unsupported field '{field}'"));
                }
                if self.word_is("contains") {
                    self.pos += 1;
                    return match self.next() {
                        Some(Tok::Str(s)) => Ok(Q::Contains(field, s)),
                        o => Err(format!("expected a string after contains, found {o:?}")),
                    };
                }
                let op = match self.next() {
                    Some(Tok::Op(op)) => op,
                    o => return Err(format!("expected an operator after {field}, found {o:?}")),
                };
                let v = self.value()?;
                Ok(Q::Cmp(field, op, v))
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

fn parse_q(q: &str) -> Result<Q, String> {
    let toks = tokenize(q)?;
    let mut p = QParser { toks, pos: 0 };
    let e = p.expr()?;
    if p.pos != p.toks.len() {
        return Err(format!("unexpected trailing {:?}", p.toks[p.pos]));
    }
    Ok(e)
}

fn eval(q: &Q, f: &DFile) -> bool {
    match q {
        Q::And(a, b) => eval(a, f) && eval(b, f),
        Q::Or(a, b) => eval(a, f) || eval(b, f),
        Q::Not(a) => !eval(a, f),
        Q::InParents(p) => f.parents.iter().any(|x| x == p),
        Q::Contains(field, s) => match field.as_str() {
            "name" => f.name.contains(s.as_str()),
            "fullText" => {
                f.name.contains(s.as_str())
                    || String::from_utf8_lossy(&f.content).contains(s.as_str())
            }
            _ => false,
        },
        Q::Has(field, k, v) => {
            let m = if field == "appProperties" {
                &f.app_properties
            } else {
                &f.properties
            };
            m.get(k).and_then(Value::as_str) == Some(v.as_str())
        }
        Q::Cmp(field, op, v) => {
            let actual: Value = match field.as_str() {
                "__true" => json!(true),
                "name" => json!(f.name),
                "mimeType" => json!(f.mime_type),
                "trashed" => json!(f.trashed),
                "starred" | "sharedWithMe" | "hidden" => json!(false),
                "modifiedTime" => json!(f.modified_time),
                "createdTime" | "viewedByMeTime" => json!(f.created_time),
                _ => return false,
            };
            let ord = match (&actual, v) {
                (Value::String(a), Value::String(b)) => a.as_str().cmp(b.as_str()),
                (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
                _ => return op == "!=",
            };
            use std::cmp::Ordering::*;
            match op.as_str() {
                "=" => ord == Equal,
                "!=" => ord != Equal,
                "<" => ord == Less,
                "<=" => ord != Greater,
                ">" => ord == Greater,
                ">=" => ord != Less,
                _ => false,
            }
        }
    }
}

fn list(st: &State, ctx: &Ctx) -> Resp {
    let q = match ctx.q("q").filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(s) => match parse_q(s) {
            Ok(q) => Some(q),
            Err(e) => {
                let body = json!({
                    "error": {
                        "code": 400,
                        "message": format!("Invalid Value ({e})"),
                        "errors": [{
                            "message": "Invalid Value",
                            "domain": "global",
                            "reason": "invalid",
                            "location": "q",
                            "locationType": "parameter",
                        }],
                    }
                });
                return json_response(400, &body);
            }
        },
    };
    let mut files: Vec<&DFile> = st
        .files
        .iter()
        .filter(|f| q.as_ref().is_none_or(|q| eval(q, f)))
        .collect();
    if let Some(order) = ctx.q("orderBy") {
        let keys: Vec<(String, bool)> = order
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|k| match k.split_once(' ') {
                Some((f, d)) => (f.to_string(), d.trim().eq_ignore_ascii_case("desc")),
                None => (k.to_string(), false),
            })
            .collect();
        files.sort_by(|a, b| {
            for (k, desc) in &keys {
                let o = match k.as_str() {
                    "name" | "name_natural" => a.name.cmp(&b.name),
                    "createdTime" => a.created_time.cmp(&b.created_time),
                    "modifiedTime" | "modifiedByMeTime" => a.modified_time.cmp(&b.modified_time),
                    "folder" => (a.mime_type != FOLDER_MIME).cmp(&(b.mime_type != FOLDER_MIME)),
                    _ => std::cmp::Ordering::Equal,
                };
                let o = if *desc { o.reverse() } else { o };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    let page_size = ctx
        .q("pageSize")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(100)
        .clamp(1, 1000);
    let start = ctx
        .q("pageToken")
        .and_then(|s| s.strip_prefix("emu-"))
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    let page: Vec<Value> = files
        .iter()
        .skip(start)
        .take(page_size)
        .map(|f| file_json(st, f))
        .collect();
    let mut v = json!({ "kind": "drive#fileList", "incompleteSearch": false, "files": page });
    if start + page_size < files.len() {
        v["nextPageToken"] = json!(format!("emu-{}", start + page_size));
    }
    ok_json(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, mime: &str, parent: &str) -> DFile {
        new_file(name.into(), mime.into(), vec![parent.into()], Vec::new())
    }

    #[test]
    fn q_parsing() {
        let f = file("it's.csv", "text/csv", "F1");
        let t = |q: &str| eval(&parse_q(q).unwrap(), &f);
        assert!(t("name = 'it\\'s.csv'"));
        assert!(t("'F1' in parents and trashed = false"));
        assert!(!t("'F2' in parents and trashed = false"));
        assert!(t(
            "mimeType != 'application/vnd.google-apps.folder' and name contains 'it'"
        ));
        assert!(t(
            "(name = 'x' or name = 'it\\'s.csv') and not trashed = true"
        ));
        assert!(parse_q("name = ").is_err());
        assert!(parse_q("bogus = 'x'").is_err());
    }

    #[test]
    fn multipart() {
        let body = b"\r\n--XYZ\r\ncontent-type: application/json\r\ncontent-length: 13\r\n\r\n{\"name\":\"a\"}\r\n--XYZ\r\ncontent-type: text/csv\r\n\r\na,b\r\n1,2\r\n\r\n--XYZ--\r\n";
        let parts = parse_multipart("multipart/related;boundary=XYZ", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].1, b"{\"name\":\"a\"}");
        assert_eq!(parts[1].1, b"a,b\r\n1,2\r\n");
        assert_eq!(
            parts[1].0[0],
            ("content-type".to_string(), "text/csv".to_string())
        );
    }
}

//! Photos and documents on the material (issue 17), over HTTP:
//!
//! - `POST /materi/{id}/berkas`: one file (multipart: `token`, then `file`, and optionally
//!   `caption` and `alt`), by whoever may edit the draft now. Its size is counted while it
//!   arrives and the upload is cut off at the administrator's limit, before the rest is read; its
//!   type is judged from its content; a photo is turned upright and re-encoded into its copies
//!   (`content`), off the async workers; the files are stored by content hash (`store`), then
//!   recorded on the item (`app::server::items::media`). Anything refused leaves nothing behind.
//! - `GET /berkas/{media}/{copy}`: a photo's copy (`asli`, `web`, `kecil`) or a document
//!   (`unduh`), for whoever may see the item, and for everyone once it is public.
//! - `POST /materi/{id}/berkas/{media}`: its caption and alt text (alt text is needed before the
//!   material goes to verification).
//! - `POST /materi/{id}/berkas/{media}/hapus`: removed from the item; the stored file goes once no
//!   item names it.
//!
//! A file no record names (a crash between storing and recording) is swept after an hour.

pub mod content;
pub mod links;
pub mod store;
mod workers;

use crate::forms::back_with;
use app::domain::media::{check_caption, display_name, Copy, MediaLimits};
use app::error::AppError;
use app::server::forms::FormToken;
use app::server::items::media::{self as records, NewMedia};
use app::server::{AppState, ServerError};
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::time::Duration;
pub use store::{MediaStore, Stored};
use tower_sessions::Session;

/// The largest body an upload may send whatever the setting: the largest file the administrator
/// may allow, and room for the form's other fields.
pub const MAX_UPLOAD_BODY: usize = app::domain::media::MAX_FILE_MB_CEILING as usize * 1_000_000 + 64 * 1024;

/// Is this request an upload (its body may be larger than a form's)?
pub fn is_upload(path: &str) -> bool {
    path.starts_with("/materi/") && path.ends_with("/berkas")
}

/// The limits in force: the administrator's.
async fn limits(app: &AppState) -> Result<MediaLimits, ServerError> {
    Ok(app::server::settings::load(&app.db).await?.media)
}

/// Does the browser want JSON (the page's script) or a page (a plain form)?
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// A refusal for the page's script (`/berkas.js`): the error as the app encodes it, and beside it
/// what the person reads (in their language), which the script shows as it is.
fn refused_json(e: AppError) -> Response {
    let message = e.to_string();
    let status = ServerError::from(e.clone()).status();
    let mut body = serde_json::to_value(&e).unwrap_or_default();
    match body.as_object_mut() {
        Some(fields) => {
            fields.insert("message".into(), message.into());
        }
        None => body = serde_json::json!({ "error": body, "message": message }),
    }
    (status, axum::Json(body)).into_response()
}

pub async fn upload(
    State(app): State<AppState>,
    State(store): State<MediaStore>,
    session: Session,
    Path(id): Path<String>,
    token: Option<Extension<FormToken>>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let page = format!("/materi/{id}");
    let json = wants_json(&headers);
    let refused = |e: ServerError| -> Response {
        if e.status().is_server_error() {
            return e.into_response();
        }
        let e = e.into_app();
        if json {
            refused_json(e)
        } else {
            back_with(&page, &e)
        }
    };
    let me = match app::server::context::user_of(&app.db, &session).await {
        Ok(me) => me,
        Err(e) => return refused(e),
    };
    let limits = match limits(&app).await {
        Ok(limits) => limits,
        Err(e) => return refused(e),
    };
    // Asked before the file is read: someone who may not add files sends nothing in vain.
    if let Err(e) = records::may_add_media(&app.db, &me, &id, &limits).await {
        return refused(e);
    }
    let sent = match receive(multipart, token.map(|t| t.0), &limits).await {
        Ok(sent) => sent,
        Err(e) => return refused(e.into()),
    };
    let new = match keep(&store, sent).await {
        Ok(new) => new,
        Err(e) => return refused(e),
    };
    let now = app::server::clock::now();
    match records::add_media(&app.db, &me, &id, &new, &limits, now).await {
        Ok(key) if json => (StatusCode::CREATED, axum::Json(serde_json::json!({ "id": key }))).into_response(),
        Ok(_) => Redirect::to(&page).into_response(),
        Err(e) => {
            // Refused after storing (the item moved on, the limit was reached meanwhile): the
            // stored copies go unless another item holds the same file.
            forget_unreferenced(&app, &store, &new.hash).await;
            refused(e)
        }
    }
}

/// What an upload carried.
struct Sent {
    bytes: Vec<u8>,
    name: String,
    caption: String,
    alt: String,
}

/// Reads the upload's fields, counting the file's bytes as they arrive: past the limit, reading
/// stops (the rest of the body is never read) and the upload is refused.
async fn receive(mut multipart: Multipart, token: Option<FormToken>, limits: &MediaLimits) -> Result<Sent, AppError> {
    let mut sent = Sent {
        bytes: vec![],
        name: String::new(),
        caption: String::new(),
        alt: String::new(),
    };
    let mut tokened = false;
    let mut file = false;
    let unreadable = |_| AppError::invalid("file", app::domain::Problem::FileTypeRefused);
    while let Some(mut field) = multipart.next_field().await.map_err(too_large_or(limits))? {
        match field.name().unwrap_or_default() {
            "token" => {
                let value = field.text().await.map_err(unreadable)?;
                tokened = token.as_ref().is_some_and(|t| t.matches(&value));
            }
            "caption" => {
                sent.caption = check_caption(&field.text().await.map_err(unreadable)?)
                    .map_err(|p| AppError::invalid("caption", p))?
            }
            "alt" => {
                sent.alt =
                    check_caption(&field.text().await.map_err(unreadable)?).map_err(|p| AppError::invalid("alt", p))?
            }
            "file" => {
                // The form's token comes first: a file from a page that is not this browser's is
                // not read at all.
                if !tokened {
                    return Err(AppError::FormExpired);
                }
                sent.name = display_name(field.file_name().unwrap_or_default());
                while let Some(chunk) = field.chunk().await.map_err(too_large_or(limits))? {
                    sent.bytes.extend_from_slice(&chunk);
                    limits
                        .admits_size(sent.bytes.len() as u64)
                        .map_err(|p| AppError::invalid("file", p))?;
                }
                file = true;
            }
            _ => {}
        }
    }
    if !tokened {
        return Err(AppError::FormExpired);
    }
    if !file || sent.bytes.is_empty() {
        return Err(AppError::invalid("file", app::domain::Problem::Required));
    }
    Ok(sent)
}

/// A body cut off by the server's own ceiling reads as the file being too large.
fn too_large_or(limits: &MediaLimits) -> impl Fn(axum::extract::multipart::MultipartError) -> AppError + '_ {
    move |e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::invalid(
                "file",
                app::domain::Problem::FileTooLarge {
                    max_mb: limits.max_file_mb as usize,
                },
            )
        } else {
            AppError::Transport(e.body_text())
        }
    }
}

/// Judges the file by its content, makes a photo's copies (on the media pool, after the files
/// sent before it: `workers`), and stores them by the content's hash.
async fn keep(store: &MediaStore, sent: Sent) -> Result<NewMedia, ServerError> {
    let store = store.clone();
    workers::run(move || {
        let format = content::sniff(&sent.bytes).map_err(|p| AppError::invalid("file", p))?;
        let hash = store::hash_of(&sent.bytes);
        let size = if format.is_photo() {
            let copies = content::copies(&sent.bytes, format).map_err(|p| AppError::invalid("file", p))?;
            for (copy, bytes) in &copies.files {
                store
                    .put(&hash, Stored::Photo(*copy), bytes)
                    .map_err(|e| ServerError::internal(format!("media store: {e}")))?;
            }
            Some((copies.width, copies.height))
        } else {
            store
                .put(&hash, Stored::Document(format), &sent.bytes)
                .map_err(|e| ServerError::internal(format!("media store: {e}")))?;
            None
        };
        Ok(NewMedia {
            hash,
            format,
            name: sent.name,
            bytes: sent.bytes.len() as u64,
            size,
            caption: sent.caption,
            alt: sent.alt,
        })
    })
    .await
    .map_err(|e| ServerError::internal(format!("media: {e}")))?
}

async fn forget_unreferenced(app: &AppState, store: &MediaStore, hash: &str) {
    match records::referenced(&app.db, hash).await {
        Ok(false) => store.remove(hash),
        Ok(true) => {}
        Err(e) => tracing::warn!(error = ?e, "media kept until the sweep: its records could not be read"),
    }
}

pub async fn fetch(
    State(app): State<AppState>,
    State(store): State<MediaStore>,
    session: Session,
    Path((media, copy)): Path<(String, String)>,
) -> Response {
    // Signed in or not: a public item's files are everyone's.
    let me = app::server::context::user_of(&app.db, &session).await.ok();
    let record = match records::media_to_fetch(&app.db, me.as_ref(), &media).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let Ok(format) = record.format() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The web copy cut to Instagram's ratios, for posting by hand (`ui::channel_texts`).
    let cut = format.is_photo() && copy == "instagram";
    let what = match (format.is_photo(), copy.as_str(), Copy::parse(&copy)) {
        (true, _, Some(c)) => Stored::Photo(c),
        (true, "instagram", _) => Stored::Photo(Copy::Web),
        (false, "unduh", _) => Stored::Document(format),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Some(path) = store.path(&record.hash, what) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(mut bytes) = tokio::fs::read(&path).await else {
        tracing::error!(media = %media, file = %path.display(), "a recorded file is missing");
        return StatusCode::NOT_FOUND.into_response();
    };
    if cut {
        match instagram_copy(bytes).await {
            Some(b) => bytes = b,
            None => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    let mime = if format.is_photo() { "image/jpeg" } else { format.mime() };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    // Who may fetch it can change (the item is published, or made confidential): not shared caches.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
    if !format.is_photo() {
        let name = url::form_urlencoded::byte_serialize(record.name.as_bytes()).collect::<String>();
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{name}")) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    res
}

/// A photo's web copy cut to Instagram's ratios (4:5 to 1.91:1), off the async workers.
async fn instagram_copy(web: Vec<u8>) -> Option<Vec<u8>> {
    let cut = workers::run(move || content::cropped(&web, app::domain::media::INSTAGRAM_RATIOS)).await;
    match cut {
        Ok(Ok(bytes)) => Some(bytes),
        Ok(Err(e)) => {
            tracing::error!(error = ?e, "a photo could not be cut to Instagram's ratios");
            None
        }
        Err(e) => {
            tracing::error!(error = %e, "cutting a photo failed");
            None
        }
    }
}

/// The query of a signed channel link.
#[derive(serde::Deserialize)]
pub struct LinkQuery {
    exp: i64,
    sig: String,
}

/// `GET /kanal/foto/{media}/{variant}?exp=…&sig=…`: a photo's channel copy, for a channel that
/// fetches it by a link the outbox signed (`links`). Anything not opened by its signature is not
/// found, as if there were no such photo.
pub async fn channel_photo(
    State(app): State<AppState>,
    State(store): State<MediaStore>,
    State(signer): State<Option<links::PhotoLinks>>,
    Path((media, variant)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<LinkQuery>,
) -> Response {
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let (Some(signer), Some(variant)) = (signer, links::Variant::parse(&variant)) else {
        return not_found();
    };
    if !signer.opens(&media, variant, q.exp, &q.sig, app::server::clock::now()) {
        return not_found();
    }
    let record = match records::media_record(&app.db, &media).await {
        Ok(Some(r)) if r.format().is_ok_and(|f| f.is_photo()) => r,
        Ok(_) => return not_found(),
        Err(e) => return e.into_response(),
    };
    let Some(path) = store.path(&record.hash, Stored::Photo(Copy::Web)) else {
        return not_found();
    };
    let Ok(web) = tokio::fs::read(&path).await else {
        tracing::error!(media = %media, file = %path.display(), "a recorded file is missing");
        return not_found();
    };
    let bytes = match variant {
        links::Variant::Web => web,
        links::Variant::Instagram => match instagram_copy(web).await {
            Some(bytes) => bytes,
            None => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    res
}

/// `POST /materi/{id}/berkas/{media}`: a photo's caption and alt text (a plain form).
pub async fn describe(
    State(app): State<AppState>,
    session: Session,
    Path((id, media)): Path<(String, String)>,
    req: axum::extract::Request,
) -> Response {
    let page = format!("/materi/{id}");
    let (form, me) = match crate::forms::accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let (caption, alt) = (crate::forms::field(&form, "caption"), crate::forms::field(&form, "alt"));
    match records::describe_media(&app.db, &me, &id, &media, &caption, &alt).await {
        Ok(()) => Redirect::to(&page).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => back_with(&page, &e.into_app()),
    }
}

pub async fn remove(
    State(app): State<AppState>,
    State(store): State<MediaStore>,
    session: Session,
    Path((id, media)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let page = format!("/materi/{id}");
    let outcome = async {
        let me = app::server::context::user_of(&app.db, &session).await?;
        records::remove_media(&app.db, &me, &id, &media).await
    }
    .await;
    match outcome {
        Ok(gone) => {
            if let Some(hash) = gone {
                store.remove(&hash);
            }
            if wants_json(&headers) {
                StatusCode::NO_CONTENT.into_response()
            } else {
                Redirect::to(&page).into_response()
            }
        }
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) if wants_json(&headers) => crate::security::refuse(e.into_app()),
        Err(e) => back_with(&page, &e.into_app()),
    }
}

/// Removes the stored files no record names, and temporary files, once they are `age` old (an
/// upload under way is younger).
pub async fn sweep(app: &AppState, store: &MediaStore, age: Duration) -> usize {
    let (hashes, temporary) = {
        let store = store.clone();
        tokio::task::spawn_blocking(move || store.older_than(age))
            .await
            .unwrap_or_default()
    };
    let mut removed = 0;
    for tmp in temporary {
        if std::fs::remove_file(&tmp).is_ok() {
            removed += 1;
        }
    }
    for hash in hashes {
        if let Ok(false) = records::referenced(&app.db, &hash).await {
            tracing::info!(hash = %hash, "stored file no item names: removed");
            store.remove(&hash);
            removed += 1;
        }
    }
    removed
}

/// The sweep, at start and every hour.
pub fn spawn_sweep(app: AppState, store: MediaStore) {
    tokio::spawn(async move {
        loop {
            sweep(&app, &store, Duration::from_secs(3600)).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
}

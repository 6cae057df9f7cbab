//! Backups of the whole database, and restoring one.
//!
//! - While Warta runs: `GET /admin/cadangan`, the Administrator's download: a SurrealQL export of
//!   the database (schema and every record), taken by the engine in one read transaction.
//! - Offline: `warta backup FILE` (the server stopped, or nothing else holding the embedded
//!   files) and `warta restore FILE`, which loads a backup into an empty database only. The photos
//!   and documents go with it in the folder `FILE.berkas` beside it: the media folder's files,
//!   which are named by their content and never change (a copy of the folder taken while Warta
//!   runs is as good).

use crate::exports::file;
use crate::media::MediaStore;
use app::domain::access;
use app::error::AppError;
use app::server::context::user_of;
use app::server::db::{self, Db, DbConfig};
use app::server::{AppState, ServerError};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use std::path::{Path, PathBuf};
use tower_sessions::Session;

pub const SURQL: &str = "application/sql; charset=utf-8";

/// The whole database as SurrealQL, in memory (an export that fails halfway is an error, never a
/// truncated file that looks complete).
pub async fn export(db: &Db) -> Result<Vec<u8>, ServerError> {
    let mut stream = db.export(()).await?;
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk?);
    }
    Ok(out)
}

/// `GET /admin/cadangan`: the Administrator downloads a backup.
pub async fn download(State(app): State<AppState>, session: Session) -> Response {
    let result: Result<Response, ServerError> = async {
        let me = user_of(&app.db, &session).await?;
        if !access::may_download_backup(me.role_set()) {
            return Err(AppError::Forbidden(None).into());
        }
        let bytes = export(&app.db).await?;
        let at = app::server::clock::now().format("%Y%m%d-%H%M%S");
        tracing::info!(admin = %me.username, bytes = bytes.len(), "backup downloaded");
        Ok(file(bytes, SURQL, &format!("warta-cadangan-{at}Z.surql")))
    }
    .await;
    result.unwrap_or_else(|e| e.into_response())
}

/// The folder beside backup `path` that holds its photos and documents: `FILE.berkas`.
pub fn files_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".berkas");
    name.into()
}

/// `warta backup FILE`: writes a backup of the database to `path` (written beside it, then renamed,
/// so that a failed backup never leaves a partial file under the name), and the stored files to
/// `files_of(path)` (first: a backup file that exists has its files). Returns the database's bytes
/// and how many files were copied (those already in the folder from an earlier backup are kept).
pub async fn backup_to(cfg: &DbConfig, media: &MediaStore, path: &Path) -> Result<(usize, usize), String> {
    let db = db::open_unmigrated(cfg).await.map_err(|e| held(cfg, e))?;
    let files = files_of(path);
    let copied = media
        .copy_into(&MediaStore::new(&files))
        .map_err(|e| format!("{}: {e}", files.display()))?;
    let bytes = export(&db).await.map_err(|e| e.to_string())?;
    let partial = path.with_extension("partial");
    std::fs::write(&partial, &bytes).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((bytes.len(), copied))
}

/// `warta restore FILE`: loads a backup into the configured database, which must be empty (a
/// new data folder): restoring never mixes a backup into live data. Its files (`files_of`) go to
/// the media folder. Returns how many files were copied.
pub async fn restore_from(cfg: &DbConfig, media: &MediaStore, path: &Path) -> Result<usize, String> {
    if !path.is_file() {
        return Err(format!("berkas cadangan {} tidak ada", path.display()));
    }
    let db = db::open_unmigrated(cfg).await.map_err(|e| held(cfg, e))?;
    let mut info = db.query("INFO FOR DB").await.map_err(|e| e.to_string())?;
    let tables: Option<serde_json::Value> = info.take("tables").map_err(|e| e.to_string())?;
    if tables
        .as_ref()
        .and_then(|t| t.as_object())
        .is_some_and(|t| !t.is_empty())
    {
        return Err(format!(
            "basis data tujuan ({}) tidak kosong: pulihkan ke folder data baru, misalnya \
             WARTA_DB=surrealkv://data-pulih/warta warta restore {}, lalu jalankan Warta dengan WARTA_DB itu",
            cfg.url,
            path.display()
        ));
    }
    db.import(path)
        .await
        .map_err(|e| format!("cadangan {} tidak dapat dimuat: {e}", path.display()))?;
    // A backup of an older Warta gets the migrations it lacks.
    db::migrate(&db).await.map_err(|e| e.to_string())?;
    MediaStore::new(files_of(path))
        .copy_into(media)
        .map_err(|e| format!("{}: {e}", media.dir().display()))
}

/// The embedded files are held by the running server: say where the backup of a running Warta is.
fn held(cfg: &DbConfig, e: surrealdb::Error) -> String {
    format!(
        "basis data {} tidak dapat dibuka: {e}. Jika Warta sedang berjalan, unduh cadangan sebagai \
         Administrator dari /admin/cadangan (lihat README, “Cadangan”).",
        cfg.url
    )
}

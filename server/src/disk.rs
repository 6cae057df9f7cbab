//! The disk guard: below a free-space threshold the operator sets (`WARTA_MIN_FREE_MB`), every
//! request that could write is refused with 507 and a clear sentence before it reaches the
//! database, and `/healthz` answers 503 saying why. A write that fails halfway on a full disk can
//! tear the storage engine's log; refusing early keeps what was acknowledged safe.

use app::error::AppError;
use app::server::ServerError;
use axum::body::Body;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;

/// Where the database keeps its files, and how much free space must remain there.
#[derive(Clone, Debug)]
pub struct DiskGuard {
    pub path: PathBuf,
    pub min_free_bytes: u64,
}

/// The default threshold: room for the engine's log to be written and compacted.
pub const DEFAULT_MIN_FREE_MB: u64 = 512;

impl DiskGuard {
    /// The folder of an embedded database (`surrealkv://PATH`, `rocksdb://PATH`), else the
    /// working folder (a remote database's disk is its own server's to watch).
    pub fn for_db(url: &str, min_free_mb: u64) -> DiskGuard {
        let path = ["surrealkv://", "rocksdb://", "file://"]
            .iter()
            .find_map(|scheme| url.strip_prefix(scheme))
            .map(PathBuf::from)
            .and_then(|p| p.parent().map(|d| d.to_path_buf()))
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        DiskGuard {
            path,
            min_free_bytes: min_free_mb.saturating_mul(1024 * 1024),
        }
    }

    /// Is the free space below the threshold? A folder that cannot be measured counts as low.
    pub fn low(&self) -> bool {
        match fs4::available_space(&self.path) {
            Ok(free) => free < self.min_free_bytes,
            Err(e) => {
                tracing::error!(path = %self.path.display(), error = %e, "free disk space cannot be measured");
                true
            }
        }
    }
}

/// Refuses a request that could write while the disk is low: 507, the code in JSON (the browser
/// renders it), nothing reaches the database.
/// The server functions (all `POST`) that only read what users submitted: they stay open while
/// writes are refused, so that staff can still see their work.
const READS: [&str; 12] = [
    "/api/me",
    "/api/tasks",
    "/api/tasks/count",
    "/api/items",
    "/api/item",
    "/api/dashboard",
    "/api/notifications",
    "/api/recipients",
    "/api/preview",
    "/api/settings",
    "/api/report",
    "/api/register",
];

pub async fn guard(guard: axum::extract::State<DiskGuard>, req: Request<Body>, next: Next) -> Response {
    let writes =
        !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) && !READS.contains(&req.uri().path());
    if writes && app::server::db::storage_failed() {
        // The storage failed to write earlier: nothing more until the operator restarts.
        return refuse(AppError::StorageFailed);
    }
    if writes && guard.low() {
        tracing::error!(
            path = %guard.path.display(),
            min_free_bytes = guard.min_free_bytes,
            uri = %req.uri().path(),
            "disk below the free-space threshold: write refused"
        );
        return refuse(AppError::StorageFull);
    }
    next.run(req).await
}

/// The refusal as a server function's error: its status, the code in JSON (the browser renders it).
fn refuse(e: AppError) -> Response {
    let body = serde_json::to_string(&e).unwrap_or_default();
    let status = ServerError::from(e).status();
    (status, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response()
}

//! Server-only code: the database, accounts, sessions and the workflow service.
//! Nothing here is compiled into the WASM.

pub mod accounts;
pub mod admin;
pub mod cache;
pub mod clock;
pub mod connections;
pub mod context;
pub mod csp;
pub mod dashboard;
pub mod db;
pub mod export;
pub mod folding;
pub mod forms;
pub mod hashing;
pub mod items;
pub mod live;
pub mod logins;
pub mod markdown;
pub mod notices;
pub mod outbox;
pub mod public;
pub mod push;
pub mod register;
pub mod reports;
pub mod secrets;
pub mod sessions;
pub mod settings;

use crate::domain::FieldError;
use crate::error::AppError;
use db::Db;

/// Shared by every request: handed to server functions through Leptos context.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Live changes of this process, fanned out to the open streams.
    pub live: live::Hub,
    /// How this installation sends push notifications (`None`: it does not).
    pub push: Option<std::sync::Arc<push::PushSetup>>,
    /// The key the channels' credentials are sealed with (`None`: no channel can be connected).
    pub secret_key: Option<secrets::SecretKey>,
}

impl AppState {
    /// The state of a running server: starts the live queries of this process. (The server also
    /// starts its folder of the report's facts: `folding::spawn`; tests fold when they need to.)
    pub fn start(db: Db) -> AppState {
        let live = live::Hub::new();
        live::spawn_listeners(&db, &live);
        AppState {
            db,
            live,
            push: None,
            secret_key: None,
        }
    }

    /// The same state, sealing the channels' credentials with `key`.
    pub fn with_secret_key(self, key: Option<secrets::SecretKey>) -> AppState {
        AppState {
            secret_key: key,
            ..self
        }
    }

    /// The same state, sending push notifications as `setup` says.
    pub fn with_push(self, setup: push::PushSetup) -> AppState {
        AppState {
            push: Some(std::sync::Arc::new(setup)),
            ..self
        }
    }
}

/// An error inside the server: either something to tell the user, or an internal fault that is
/// logged with its cause and shown as a generic sentence.
#[derive(Debug)]
pub enum ServerError {
    App(AppError),
    Internal(String),
}

impl ServerError {
    pub fn internal(cause: String) -> Self {
        ServerError::Internal(cause)
    }

    /// What the client gets. Internal causes go to the log, never to the browser.
    pub fn into_app(self) -> AppError {
        match self {
            ServerError::App(e) => e,
            ServerError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                AppError::Internal
            }
        }
    }
}

impl ServerError {
    /// The HTTP status of this error: the one table, `AppError::status`, whatever the route.
    pub fn status(&self) -> http::StatusCode {
        let code = match self {
            ServerError::App(e) => e.status(),
            ServerError::Internal(_) => 500,
        };
        http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The one mapping from a server error to an HTTP answer for the plain routes (exports, the live
/// stream, open data): the status of its code and the sentence the user reads, as text. Server
/// functions send the code itself as JSON with the same status (`context::respond`); the portal's
/// pages put the same sentence in its error page. Internal causes are logged, never sent.
impl axum::response::IntoResponse for ServerError {
    fn into_response(self) -> axum::response::Response {
        let status = self.status();
        let message = crate::text::app_error(&self.into_app());
        (
            status,
            [
                (http::header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (http::header::CACHE_CONTROL, "no-store"),
            ],
            message,
        )
            .into_response()
    }
}

impl From<AppError> for ServerError {
    fn from(e: AppError) -> Self {
        ServerError::App(e)
    }
}

impl From<FieldError> for ServerError {
    fn from(e: FieldError) -> Self {
        ServerError::App(AppError::Invalid(e))
    }
}

impl From<surrealdb::Error> for ServerError {
    /// Every database error passes here on its way to the caller: a failed commit (the storage
    /// refused the write) stops all writing (`db::storage_failed`) and is told as such.
    fn from(e: surrealdb::Error) -> Self {
        if db::fault(&e) == db::WriteFault::Storage {
            db::mark_storage_failed(&e);
            return ServerError::App(AppError::StorageFailed);
        }
        ServerError::Internal(format!("database: {e}"))
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::App(e) => write!(f, "{e}"),
            ServerError::Internal(c) => write!(f, "internal: {c}"),
        }
    }
}

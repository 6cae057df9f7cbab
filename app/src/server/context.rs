//! What a server function needs from the request: the app state, the session, the user.

use super::accounts::{self, UserRow};
use super::{AppState, ServerError};
use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use std::future::Future;
use tower_sessions::Session;

pub const SESSION_USER: &str = "user";
/// The signed-in person's locale, copied from the account at sign-in and kept when they switch.
pub const SESSION_LOCALE: &str = "locale";

/// The app state of this request. A render whose owner is already gone (a superseded view
/// finishing its fetch) gets an error instead of a panic, so its stream still ends.
pub fn state() -> Result<AppState, ServerError> {
    use_context::<AppState>()
        .ok_or_else(|| ServerError::internal("app state not in context (render superseded)".into()))
}

pub async fn session() -> Result<Session, ServerError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| ServerError::internal(format!("session layer missing: {e}")))
}

/// The signed-in, active user, or 401; 403 while they must first change a password the
/// Administrator set.
pub async fn current_user() -> Result<UserRow, ServerError> {
    let me = signed_in().await?;
    if me.must_change_password {
        return Err(AppError::PasswordChangeRequired.into());
    }
    Ok(me)
}

/// The signed-in, active user, even one who must still change their password (for `me`, and
/// for changing it).
pub async fn signed_in() -> Result<UserRow, ServerError> {
    let session = session().await?;
    let key: Option<String> = session
        .get(SESSION_USER)
        .await
        .map_err(|e| ServerError::internal(format!("session: {e}")))?;
    let key = key.ok_or(AppError::Unauthenticated)?;
    match accounts::find(&state()?.db, &key).await? {
        Some(u) if u.active => Ok(u),
        _ => {
            let _ = session.flush().await;
            Err(AppError::Unauthenticated.into())
        }
    }
}

/// The signed-in user holding `role`, or 403.
pub async fn user_with(role: Role) -> Result<UserRow, ServerError> {
    let me = current_user().await?;
    if me.role_set().has(role) {
        Ok(me)
    } else {
        Err(AppError::Forbidden(None).into())
    }
}

/// Runs a server function body: errors become the client's `AppError` with the right status.
pub async fn respond<T>(body: impl Future<Output = Result<T, ServerError>>) -> Result<T, AppError> {
    match body.await {
        Ok(v) => Ok(v),
        Err(e) => {
            if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
                opts.set_status(e.status());
            }
            Err(e.into_app())
        }
    }
}

/// The active user of a session outside a server function (plain Axum handlers), also one who
/// must first replace a password the Administrator set (only the password page takes them).
pub async fn holder_of(db: &super::db::Db, session: &Session) -> Result<UserRow, ServerError> {
    let key: Option<String> = session
        .get(SESSION_USER)
        .await
        .map_err(|e| ServerError::internal(format!("session: {e}")))?;
    let key = key.ok_or(AppError::Unauthenticated)?;
    match accounts::find(db, &key).await? {
        Some(u) if u.active => Ok(u),
        _ => Err(AppError::Unauthenticated.into()),
    }
}

/// The active user of a session outside a server function (plain Axum handlers); 403 while they
/// must first replace a password the Administrator set.
pub async fn user_of(db: &super::db::Db, session: &Session) -> Result<UserRow, ServerError> {
    let u = holder_of(db, session).await?;
    if u.must_change_password {
        return Err(AppError::PasswordChangeRequired.into());
    }
    Ok(u)
}

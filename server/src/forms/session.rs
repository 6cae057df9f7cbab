//! The posts of a person's own session: signing in and out, the password, the bell.

use super::{accepted, answer, back_with, field, tokened};
use app::error::AppError;
use app::server::forms::FormToken;
use app::server::{logins, AppState};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    token: String,
    /// The page to return to (`app::text::NEXT_PARAM`), if it is one of this site's.
    #[serde(default)]
    lanjut: String,
}

/// `POST /login`: the login form (the page's script sends it in the background, the same post).
/// Signed in, to the page asked for or "Tugas Saya"; refused, back to the form with the reason
/// (the same throttle and the same generic answer as the server function).
pub async fn login(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let token = req.extensions().get::<FormToken>().cloned();
    let form = match Form::<LoginForm>::from_request(req, &()).await {
        Ok(Form(form)) => form,
        // Not a form at all: nothing a browser sends.
        Err(_) => return back_with("/login", &AppError::FormExpired),
    };
    if !token.is_some_and(|t| t.matches(&form.token)) {
        tracing::warn!("login form without this browser's token refused");
        return back_with("/login", &AppError::FormExpired);
    }
    let addr = logins::client_address(peer, forwarded.as_deref());
    let now = app::server::clock::now();
    match logins::sign_in(&app.db, &session, &form.username, &form.password, &addr, now).await {
        Ok(_) => Redirect::to(app::domain::login::return_to(&form.lanjut).unwrap_or("/")).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        // Back to the form, which still returns to the page asked for afterwards.
        Err(e) => back_with(&app::ui::island::login_path(&form.lanjut, false), &e.into_app()),
    }
}

/// `POST /pemberitahuan/dibaca`: the bell's "Tandai semua sudah dibaca" from a page whose script
/// has not loaded. Back to the page the bell was on (`kembali`, if it is one of this site's).
pub async fn read_notifications(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let back = req
        .uri()
        .query()
        .and_then(|q| url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "kembali"))
        .and_then(|(_, v)| app::domain::login::return_to(&v).map(str::to_string))
        .unwrap_or_else(|| "/".to_string());
    let (_, me) = match accepted(&app, &session, req, &back).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let outcome = app::server::notices::mark_all_read(&app.db, &me).await;
    answer(outcome, &back, |e| back_with(&back, &e))
}

/// `POST /keluar`: signing out from a page whose script has not loaded. With this browser's
/// token the session ends; either way, to the login page.
pub async fn logout(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    if let Err(answer) = tokened(req, "/").await {
        return answer;
    }
    // The devices of this session are told nothing more.
    if let Some(id) = session.id() {
        if let Err(e) = app::server::push::end_session(&app.db, &id.to_string()).await {
            return e.into_response();
        }
    }
    if let Err(e) = session.flush().await {
        return app::server::ServerError::internal(format!("session could not be ended: {e}")).into_response();
    }
    // Nothing of this person stays on the device: kept pages, drafts kept offline, the worker.
    (
        [(
            axum::http::HeaderName::from_static("clear-site-data"),
            app::server::sessions::CLEAR_SITE_DATA,
        )],
        Redirect::to("/login"),
    )
        .into_response()
}

/// `POST /kata-sandi`: one's own password changed from a page whose script has not loaded (also
/// the password the Administrator set, replaced). Changed, to "Tugas Saya"; refused, back to the
/// form with why.
pub async fn change_password(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let page = "/kata-sandi";
    let form = match tokened(req, page).await {
        Ok(form) => form,
        Err(answer) => return answer,
    };
    let me = match app::server::context::holder_of(&app.db, &session).await {
        Ok(me) => me,
        Err(e) if e.status().is_server_error() => return e.into_response(),
        Err(_) => return Redirect::to("/login").into_response(),
    };
    let (current, new) = (field(&form, "current"), field(&form, "password"));
    if new != field(&form, "repeat") {
        return back_with(
            page,
            &AppError::invalid("repeat", app::domain::Problem::PasswordMismatch),
        );
    }
    let keep = session.id().map(|id| id.to_string());
    match app::server::accounts::change_own_password(&app.db, &me, &current, &new, keep.as_deref()).await {
        Ok(()) => {
            tracing::info!(user = %me.username, "password changed by its owner");
            Redirect::to("/").into_response()
        }
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => back_with(page, &e.into_app()),
    }
}

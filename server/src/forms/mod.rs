//! Plain HTML form posts, for a page whose script has not loaded (or failed to): the token that
//! every such form carries (`app::server::forms`), what every post shares (its fields, who sent
//! it, the answer), and the posts themselves by idea: the session's (`session`), the materials'
//! (`items`), the administrator's (`admin`). Each answers as a browser without script expects: a
//! redirect to the page that shows the outcome (the next page, or the form with its error), never
//! a password in an address.

mod admin;
pub mod channels;
mod items;
mod session;

pub use admin::{create_user, save_holidays, save_settings, set_user_active, update_user};
pub use items::{create_disposition, move_item, record_link, save_channel_text, save_draft, schedule, steer};
pub use session::{change_password, login, logout, read_notifications};

use crate::security::Site;
use app::error::AppError;
use app::server::forms::{cookie_name, FormToken};
use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::cookie::{Cookie, SameSite};
use tower_sessions::Session;

/// The browser's form token from its cookie, or a fresh one, handed to the request (a page drawn
/// on the server puts it into its forms); a fresh one is set as the cookie on the HTML page that
/// carries it.
pub async fn token(State(site): State<Site>, mut req: Request<Body>, next: Next) -> Response {
    let name = cookie_name(site.https());
    let existing = crate::security::cookie(req.headers(), name).and_then(|v| FormToken::parse(&v));
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(FormToken::fresh);
    let page = req.method() == Method::GET;
    req.extensions_mut().insert(token.clone());
    let mut res = next.run(req).await;
    if fresh && page && crate::security::is_page(&res) {
        let cookie = Cookie::build((name, token.as_str().to_string()))
            .path("/")
            .http_only(true)
            .secure(site.https())
            .same_site(SameSite::Strict)
            .build();
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Back to `path` with the refusal for the page to show (`?galat=`, its code as JSON: nothing
/// the user typed).
pub(crate) fn back_with(path: &str, e: &AppError) -> Response {
    let code = serde_json::to_string(e).unwrap_or_default();
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("galat", &code)
        .finish();
    let joiner = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{joiner}{query}")).into_response()
}

/// The answer to a plain post once its work is done: to `done` when it succeeded; the refusal's
/// own answer (`refused`, given the error the user reads) when it was refused; the fault's page
/// when the server failed.
fn answer<T>(
    outcome: Result<T, app::server::ServerError>,
    done: &str,
    refused: impl FnOnce(AppError) -> Response,
) -> Response {
    match outcome {
        Ok(_) => Redirect::to(done).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => refused(e.into_app()),
    }
}

/// The fields of a plain form post, every value of a repeated name kept (`checklist`).
fn fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

pub(crate) fn field(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The signed-in user of a plain post, or where to send the browser instead (the login page,
/// asked to come back; the password page when the Administrator reset it).
async fn poster(app: &AppState, session: &Session, back: &str) -> Result<app::server::accounts::UserRow, Response> {
    match app::server::context::user_of(&app.db, session).await {
        Ok(me) => Ok(me),
        Err(e) if e.status().is_server_error() => Err(e.into_response()),
        Err(e) => match e.into_app() {
            AppError::PasswordChangeRequired => Err(Redirect::to("/kata-sandi").into_response()),
            _ => {
                let query: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair(app::text::NEXT_PARAM, back)
                    .append_pair(app::text::ENDED_PARAM, "1")
                    .finish();
                Err(Redirect::to(&format!("/login?{query}")).into_response())
            }
        },
    }
}

/// A plain post taken: its fields and who sent it, once its token matched this browser's; else
/// the answer for the browser (back to `back` with the reason, or to the login page).
pub(crate) async fn accepted(
    app: &AppState,
    session: &Session,
    req: Request<Body>,
    back: &str,
) -> Result<(Vec<(String, String)>, app::server::accounts::UserRow), Response> {
    let form = tokened(req, back).await?;
    let me = poster(app, session, back).await?;
    Ok((form, me))
}

/// A plain post's fields, once its token matched this browser's; else back to `back` with why.
async fn tokened(req: Request<Body>, back: &str) -> Result<Vec<(String, String)>, Response> {
    let token = req.extensions().get::<FormToken>().cloned();
    let Ok(body) = axum::body::to_bytes(req.into_body(), crate::security::MAX_BODY).await else {
        return Err(back_with(back, &AppError::FormExpired));
    };
    let form = fields(&body);
    if !token.is_some_and(|t| t.matches(&field(&form, "token"))) {
        tracing::warn!(page = back, "a form without this browser's token refused");
        return Err(back_with(back, &AppError::FormExpired));
    }
    Ok(form)
}

/// What a refused plain form held, kept for the next showing of its page (nothing typed is lost).
async fn keep_refused<T: serde::Serialize>(session: &Session, key: &str, refused: T) {
    if let Err(e) = session.insert(key, refused).await {
        tracing::error!(error = %e, key, "a refused form could not be kept for its author");
    }
}

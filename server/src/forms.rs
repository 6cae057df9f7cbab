//! Plain HTML form posts, for a page whose script has not loaded (or failed to): the token that
//! every such form carries (`app::server::forms`), and the posts themselves. Each answers as a
//! browser without script expects: a redirect to the page that shows the outcome (the next page,
//! or the form with its error), never a password in an address.

use crate::security::Site;
use app::error::AppError;
use app::server::forms::{cookie_name, FormToken};
use app::server::{logins, AppState};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tower_sessions::cookie::{Cookie, SameSite};
use tower_sessions::Session;

/// The browser's form token from its cookie, or a fresh one, handed to the request (a page drawn
/// on the server puts it into its forms); a fresh one is set as the cookie on the HTML page that
/// carries it.
pub async fn token(State(site): State<Site>, mut req: Request<Body>, next: Next) -> Response {
    let name = cookie_name(site.https());
    let existing = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| FormToken::parse(c.value()));
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(FormToken::fresh);
    let page = req.method() == Method::GET;
    req.extensions_mut().insert(token.clone());
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if fresh && page && html {
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
fn back_with(path: &str, e: &AppError) -> Response {
    let code = serde_json::to_string(e).unwrap_or_default();
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("galat", &code)
        .finish();
    Redirect::to(&format!("{path}?{query}")).into_response()
}

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

/// `POST /login`: the login form sent before the page's script loaded. Signed in, to "Tugas Saya";
/// refused, back to the form with the reason (the same throttle and the same generic answer as the
/// server function).
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
        Err(e) => back_with("/login", &e.into_app()),
    }
}

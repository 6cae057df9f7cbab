//! Which language a request is answered in, and the switch between the two.
//!
//! A signed-in person reads Warta in the locale kept with their account (copied into the session
//! at sign-in); a visitor in the one their browser remembers (`app::text::LOCALE_COOKIE`);
//! everyone else in Bahasa Indonesia. The sentences themselves are in `app/locales`.

use app::server::context::SESSION_LOCALE;
use app::text::{parse_locale, Locale, LOCALE_COOKIE, REQUEST_LOCALE};
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::cookie::{time::Duration, Cookie, SameSite};
use tower_sessions::Session;

use crate::security::Site;

/// The locale a browser remembers, from its cookie.
fn remembered(req: &Request<Body>) -> Option<Locale> {
    crate::security::cookie(req.headers(), LOCALE_COOKIE).and_then(|v| parse_locale(&v))
}

/// The browser's remembered locale, for what answers before the session is read (a refusal of the
/// request's origin or size, say); [`choose`] refines it once the session is known.
pub async fn remembered_by_browser(req: Request<Body>, next: Next) -> Response {
    let locale = remembered(&req).unwrap_or_default();
    REQUEST_LOCALE.scope(locale, next.run(req)).await
}

/// Answers the request in its locale: handed to the page's render (an extension the render's
/// context reads, see [`provide`]) and to everything else the request runs (`REQUEST_LOCALE`).
pub async fn choose(session: Session, mut req: Request<Body>, next: Next) -> Response {
    let chosen = session.get::<String>(SESSION_LOCALE).await.ok().flatten();
    let locale = chosen
        .as_deref()
        .and_then(parse_locale)
        .or_else(|| remembered(&req))
        .unwrap_or_default();
    req.extensions_mut().insert(locale);
    REQUEST_LOCALE.scope(locale, next.run(req)).await
}

/// The request's locale into the context of a page's render or a server function.
pub fn provide() {
    use leptos::prelude::{provide_context, use_context};
    let locale = use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<Locale>().copied());
    if let Some(locale) = locale {
        provide_context(locale);
    }
}

/// The page to return to after switching: one of this site's (the login page included).
fn back(kembali: &str) -> &str {
    let login = kembali == "/login" || kembali.starts_with("/login?");
    let safe = !kembali.chars().any(|c| c.is_control() || c == '\\') && kembali.len() <= 2_000;
    match app::domain::login::return_to(kembali) {
        Some(page) => page,
        None if login && safe => kembali,
        None => "/",
    }
}

fn remember(site: &Site, locale: Locale, mut res: Response) -> Response {
    let cookie = Cookie::build((LOCALE_COOKIE, app::text::locale_code(locale)))
        .path("/")
        .http_only(true)
        .secure(site.https())
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .build();
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

fn unknown_locale() -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        app::text::unknown_locale(),
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct Switch {
    #[serde(default)]
    ke: String,
    #[serde(default)]
    kembali: String,
}

/// `GET /bahasa?ke=en&kembali=/informasi`: the portal's link. The browser remembers the choice
/// (and a signed-in session follows it until sign-out); the account keeps it only through the post
/// below: a link followed from another site must not change an account.
pub async fn link(State(site): State<Site>, session: Session, Query(q): Query<Switch>) -> Response {
    let Some(locale) = parse_locale(&q.ke) else {
        return unknown_locale();
    };
    if session
        .get::<String>(app::server::context::SESSION_USER)
        .await
        .ok()
        .flatten()
        .is_some()
    {
        if let Err(e) = session.insert(SESSION_LOCALE, app::text::locale_code(locale)).await {
            tracing::error!("session: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    remember(&site, locale, Redirect::to(back(&q.kembali)).into_response())
}

/// `POST /bahasa` (`ke`, `kembali`): a signed-in person's choice, kept with their account, in
/// their session and in this browser; from the login page, the browser's only. Like every post it
/// must come from Warta's own pages (`security::same_origin`); it carries no form token, as a
/// header drawn in the browser has none, and a language is all it can change.
pub async fn form(
    State(site): State<Site>,
    State(app): State<app::server::AppState>,
    session: Session,
    req: Request<Body>,
) -> Response {
    let Ok(body) = axum::body::to_bytes(req.into_body(), crate::security::MAX_BODY).await else {
        return unknown_locale();
    };
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let (ke, kembali) = (
        crate::forms::field(&fields, "ke"),
        crate::forms::field(&fields, "kembali"),
    );
    let Some(locale) = parse_locale(&ke) else {
        return unknown_locale();
    };
    if let Ok(me) = app::server::context::holder_of(&app.db, &session).await {
        if let Err(e) = app::server::accounts::set_locale(&app.db, &me.key, locale).await {
            return e.into_response();
        }
        if let Err(e) = session.insert(SESSION_LOCALE, app::text::locale_code(locale)).await {
            tracing::error!("session: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    remember(&site, locale, Redirect::to(back(&kembali)).into_response())
}

//! The portal's one page layout, its stylesheet, and its one error page (400, 404 and 500 alike).

use super::PublicBase;
use app::domain::time::OfficeZone;
use app::server::{settings, AppState, ServerError};
use app::text;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use std::sync::OnceLock;

/// The stylesheet, from `style/portal.css`.
const STYLESHEET: &str = include_str!("../../../style/portal.css");

/// `/portal.css?v=…`: the version changes with the stylesheet, so browsers may keep it a year.
fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        // FNV-1a: a stable fingerprint of the file, not a security measure.
        let hash = STYLESHEET.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        format!("/portal.css?v={:08x}", hash as u32)
    })
}

pub async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// What every page shows of the office.
pub struct Site {
    pub base: String,
    pub office: String,
    pub zone: OfficeZone,
}

pub async fn site(app: &AppState, base: &PublicBase) -> Result<Site, ServerError> {
    let s = settings::load(&app.db).await?;
    let office = [s.letterhead.office.trim(), s.letterhead.government.trim()]
        .into_iter()
        .find(|x| !x.is_empty())
        .unwrap_or(text::APP_NAME)
        .to_string();
    Ok(Site {
        base: base.0.trim_end_matches('/').to_string(),
        office,
        zone: s.zone(),
    })
}

fn headers() -> [(header::HeaderName, HeaderValue); 3] {
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60")),
        // The language follows the visitor's cookie (`/bahasa`): a cache keeps one copy per choice.
        (header::VARY, HeaderValue::from_static("Cookie")),
    ]
}

/// The link that switches the portal's language and comes back to this page (to the list from
/// an error page).
fn switch_href(canonical: Option<&str>) -> String {
    let here = canonical
        .and_then(|c| url::Url::parse(c).ok())
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .unwrap_or_else(|| "/informasi".into());
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("ke", text::locale_code(text::other_locale(text::locale())))
        .append_pair("kembali", &here)
        .finish();
    format!("/bahasa?{query}")
}

/// The page around every portal view. `canonical`: the page's address for search engines, or
/// `None` for a page they should not index (an error).
fn layout(office: &str, title: &str, description: &str, canonical: Option<&str>, body: Markup) -> String {
    let other = text::other_locale(text::locale());
    html! {
        (DOCTYPE)
        html lang=(text::locale_code(text::locale())) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (office) }
                meta name="description" content=(description);
                @if let Some(url) = canonical {
                    link rel="canonical" href=(url);
                } @else {
                    meta name="robots" content="noindex";
                }
                link rel="alternate" type="application/atom+xml" title=(text::portal_feed()) href="/informasi/feed.atom";
                link rel="stylesheet" href=(stylesheet_href());
                link rel="icon" type="image/svg+xml" href="/favicon.svg";
            }
            body {
                header {
                    a class="office" href="/informasi" { (office) }
                    nav {
                        a href="/informasi" { (text::portal_info()) }
                        a href="/dip" { (text::section_register()) }
                        a class="locale" href=(switch_href(canonical)) lang=(text::locale_code(other)) hreflang=(text::locale_code(other))
                            aria-label=(text::language_switch_label()) { (text::other_language()) }
                    }
                }
                main { (body) }
                footer { (text::portal_footer()) }
            }
        }
    }
    .into_string()
}

/// A page of the portal: 200, cacheable for a minute.
pub fn page(site: &Site, title: &str, description: &str, canonical: &str, body: Markup) -> Response {
    (
        headers(),
        layout(&site.office, title, description, Some(canonical), body),
    )
        .into_response()
}

/// The one error page: what happened and what to do, with the way back to the list.
pub fn error_page(status: StatusCode, message: &str, office: &str) -> Response {
    let body = layout(
        office,
        text::portal_error_title(),
        message,
        None,
        html! { div class="card" data-testid="portal-error" { p { (message) } p { a href="/informasi" { (text::portal_back()) } } } },
    );
    let mut res = (status, headers(), body).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A failed request: the error page with the status and sentence of the one mapping
/// (`ServerError::status`, `text::app_error`); an internal cause goes to the log only.
pub fn internal_error(e: ServerError) -> Response {
    let status = e.status();
    error_page(status, &text::app_error(&e.into_app()), text::APP_NAME)
}

//! `GET /kop-surat/logo`: the letterhead logo the Administrator set, served from Warta's own
//! address (pages may show images from Warta only). The settings keep it as a data URL.

use app::server::settings;
use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;

#[derive(serde::Deserialize)]
pub struct Version {
    #[serde(default)]
    v: String,
}

pub async fn logo(State(app): State<AppState>, Query(q): Query<Version>) -> Response {
    let Ok(settings) = settings::load(&app.db).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let data_url = settings.letterhead.logo;
    // The address names one logo: another (an older one, one not saved) is not here.
    if !app::domain::settings::logo_url(&data_url).ends_with(&format!("?v={}", q.v)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some((kind, encoded)) = data_url
        .strip_prefix("data:")
        .and_then(|rest| rest.split_once(";base64,"))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(encoded) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(kind) = HeaderValue::from_str(kind) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The URL carries the logo's fingerprint: one URL, one logo.
    let cache = HeaderValue::from_static("public, max-age=31536000, immutable");
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache)], bytes).into_response()
}

//! Small page scripts that enhance pages the server draws (their texts come from the page;
//! without them the pages work as plain forms):
//!
//! - `/teks-saluran.js`: the page of channel texts, counted, checked and previewed as typed
//!   through the server's check, with one-click copy;
//! - `/berkas.js`: the material's uploads, several at once (picked, taken or dropped) with their
//!   progress, and the device's queue of files taken without a connection (loaded by `pwa.js`).

use axum::http::header;
use axum::response::{IntoResponse, Response};

const CHANNEL_TEXTS_JS: &str = include_str!("teks-saluran.js");
pub const UPLOADS_JS: &str = include_str!("berkas.js");

fn script(code: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        code,
    )
        .into_response()
}

pub async fn channel_texts() -> Response {
    script(CHANNEL_TEXTS_JS)
}

pub async fn uploads() -> Response {
    script(UPLOADS_JS)
}

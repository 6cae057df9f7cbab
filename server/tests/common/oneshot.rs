//! The router in process (tower `oneshot`), as a browser talks to it: JSON server functions and
//! plain GETs with the session cookie.

use super::{World, PASSWORD};
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use server::Config;
use tower::ServiceExt;

fn config(min_free_mb: u64) -> Config {
    Config {
        addr: "127.0.0.1:0".into(),
        db: app::server::db::DbConfig::memory("unused"),
        zone: Default::default(),
        session_hours: 8,
        public_url: "https://ppid.contoh.go.id".into(),
        min_free_mb,
        push_contact: "mailto:ppid@contoh.go.id".into(),
        push_also: Vec::new(),
        media_dir: std::env::temp_dir().join(format!("warta-media-{}", std::process::id())),
        secret_key: Some(app::server::secrets::SecretKey::random()),
    }
}

pub fn app(w: &World) -> Router {
    let cfg = config(0);
    server::router(w.state.clone(), server::leptos_options(&cfg.addr), &cfg)
}

/// The router keeping photos and documents in `media_dir`.
pub fn app_storing_in(w: &World, media_dir: &std::path::Path) -> Router {
    let cfg = Config {
        media_dir: media_dir.to_path_buf(),
        ..config(0)
    };
    server::router(w.state.clone(), server::leptos_options(&cfg.addr), &cfg)
}

/// The router serving the app's files from `site_root` (its `pkg` folder).
pub fn app_with_site(w: &World, site_root: &str) -> Router {
    let cfg = config(0);
    let options = leptos::config::LeptosOptions::builder()
        .output_name("warta")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .build();
    server::router(w.state.clone(), options, &cfg)
}

/// The router with a free-space threshold no disk can meet: the disk counts as nearly full.
pub fn app_on_a_full_disk(w: &World) -> Router {
    let cfg = config(u64::MAX / (1024 * 1024));
    server::router(w.state.clone(), server::leptos_options(&cfg.addr), &cfg)
}

pub struct Reply {
    pub status: StatusCode,
    pub cookie: Option<String>,
    pub body: Value,
}

impl Reply {
    /// The error in the body, as the browser decodes it (a code with its parameters).
    pub fn error(&self) -> app::error::AppError {
        serde_json::from_value(self.body.clone()).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", self.body))
    }
    /// What the user reads for the error in the body: the client renders the code.
    pub fn message(&self) -> String {
        app::text::app_error(&self.error())
    }
}

pub async fn call(app: &Router, path: &str, cookie: Option<&str>, body: Value) -> Reply {
    let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let cookie = res
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = to_bytes(res.into_body(), 1 << 20).await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    Reply { status, cookie, body }
}

pub async fn login(app: &Router, username: &str) -> String {
    let r = call(
        app,
        "/api/login",
        None,
        json!({"username": username, "password": PASSWORD}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let set = r.cookie.expect("a session cookie");
    set.split(';').next().unwrap().to_string()
}

/// A GET with the session cookie: status, content type, and the body's bytes.
pub async fn get(app: &Router, path: &str, cookie: Option<&str>) -> (StatusCode, String, Vec<u8>) {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    let bytes = to_bytes(res.into_body(), 64 << 20).await.unwrap();
    (status, kind, bytes.to_vec())
}

/// Any request with extra headers, answered in full: status, headers, body text.
pub async fn send(
    app: &Router,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::builder().method(method).uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = to_bytes(res.into_body(), 64 << 20).await.unwrap();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

//! Warta as an installed app on the office tablets: the web app manifest, the service worker
//! (`sw.js`, with the app shell it precaches), the page script that registers it (`pwa.js`), the
//! offline page, and the header that tells the worker whose pages it may keep.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_sessions::Session;

const SW_JS: &str = include_str!("sw.js");
const PWA_JS: &str = include_str!("pwa.js");
/// The header naming, on a page of the app, whose page it is (an opaque key, empty for nobody).
pub const HOLDER_HEADER: &str = "x-warta-holder";
/// The theme colour of the pages (`<meta name="theme-color">`) and of the installed app.
pub const THEME: &str = "#0b5394";

/// The icons in `public/icons` (sizes browsers ask for; maskable ones drawn inside the safe zone).
const ICONS: &[(&str, &str, &str)] = &[
    ("/icons/icon-96.png", "96x96", "any"),
    ("/icons/icon-144.png", "144x144", "any"),
    ("/icons/icon-192.png", "192x192", "any"),
    ("/icons/icon-512.png", "512x512", "any"),
    ("/icons/maskable-192.png", "192x192", "maskable"),
    ("/icons/maskable-512.png", "512x512", "maskable"),
];
const SHORTCUT_ICONS: &[&str] = &["/icons/shortcut-tasks.png", "/icons/shortcut-new.png"];

/// `GET /manifest.webmanifest`: in Bahasa Indonesia, the office's language (a browser fetches it
/// without cookies, so it cannot follow a person's choice of language).
pub async fn manifest() -> Response {
    use app::text;
    let icons: Vec<_> = ICONS
        .iter()
        .map(|(src, sizes, purpose)| serde_json::json!({ "src": src, "sizes": sizes, "type": "image/png", "purpose": purpose }))
        .collect();
    let shortcut = |name: &str, description: &str, url: &str, icon: &str| {
        serde_json::json!({
            "name": name, "short_name": name, "description": description, "url": url,
            "icons": [{ "src": icon, "sizes": "96x96", "type": "image/png" }],
        })
    };
    let body = text::REQUEST_LOCALE.sync_scope(text::Locale::id, || {
        serde_json::json!({
            "id": "/",
            "name": text::manifest_name(),
            "short_name": text::APP_NAME,
            "description": text::manifest_description(),
            "lang": "id",
            "dir": "ltr",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "orientation": "any",
            "theme_color": THEME,
            "background_color": "#ffffff",
            "categories": ["productivity", "government"],
            "icons": icons,
            "shortcuts": [
                shortcut(text::nav_tasks(), text::manifest_tasks(), "/", SHORTCUT_ICONS[0]),
                shortcut(text::nav_new(), text::manifest_new(), "/materi/baru", SHORTCUT_ICONS[1]),
            ],
        })
    });
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// The files of `/pkg` a page may need: the hashed script, WebAssembly (with its lazily loaded
/// parts) and style sheet; not their compressed twins or type declarations.
fn pkg_files(options: &LeptosOptions) -> Vec<String> {
    let dir = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| [".js", ".wasm", ".css", ".json"].iter().any(|x| n.ends_with(x)))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| format!("/{}/{n}", options.site_pkg_dir))
        .collect()
}

/// What the worker keeps as the app shell, and the version that names it: a hash of the shell's
/// list (the `/pkg` names carry their content's hash) and of the worker's and page script's own
/// code. A deployment that changes any of them is a new version.
pub fn shell(options: &LeptosOptions) -> (String, Vec<String>) {
    // `/berkas.js`: photos taken without a connection are queued by it, so it loads offline too.
    let mut files: Vec<String> = [
        "/offline",
        "/pwa.js",
        "/berkas.js",
        "/manifest.webmanifest",
        "/favicon.svg",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(ICONS.iter().map(|(src, _, _)| src.to_string()))
    .chain(SHORTCUT_ICONS.iter().map(|s| s.to_string()))
    .collect();
    files.extend(pkg_files(options));
    let mut hash = Sha256::new();
    hash.update(SW_JS);
    hash.update(PWA_JS);
    hash.update(crate::scripts::UPLOADS_JS);
    for f in &files {
        hash.update(f);
        hash.update([0]);
    }
    let version = hash.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    (version, files)
}

/// `GET /sw.js`: the service worker for the whole site, checked again on every visit (`no-cache`)
/// so that a deployment reaches the tablets.
pub async fn service_worker(State(options): State<LeptosOptions>) -> Response {
    let (version, files) = shell(&options);
    let body = SW_JS
        .replace("'__VERSION__'", &serde_json::to_string(&version).unwrap_or_default())
        .replace("__PRECACHE__", &serde_json::to_string(&files).unwrap_or_default());
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::HeaderName::from_static("service-worker-allowed"), "/"),
        ],
        body,
    )
        .into_response()
}

/// `GET /pwa.js`: the page's part (see the file).
pub async fn page_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        PWA_JS,
    )
        .into_response()
}

/// The hashed style sheet of the app, for the offline page.
fn stylesheet(options: &LeptosOptions) -> Option<String> {
    pkg_files(options).into_iter().find(|f| f.ends_with(".css"))
}

/// `GET /offline`: what a page the device has never kept shows without a connection. The worker
/// keeps it when installed, in the language of the page that installed it.
pub async fn offline_page(State(options): State<LeptosOptions>) -> Response {
    use app::text;
    let css = stylesheet(&options);
    let page = maud::html! {
        (maud::DOCTYPE)
        html lang=(text::locale_code(text::locale())) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="theme-color" content=(THEME);
                title { (text::offline_title()) " — " (text::APP_NAME) }
                @if let Some(css) = css { link rel="stylesheet" href=(css); }
                link rel="icon" type="image/svg+xml" href="/favicon.svg";
            }
            body {
                main class="page offline-page" {
                    h1 { (text::offline_title()) }
                    p { (text::offline_body()) }
                    p {
                        a class="button" href="" { (text::offline_retry()) }
                        " "
                        a href="/" { (text::nav_tasks()) }
                    }
                }
            }
        }
    };
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        page.into_string(),
    )
        .into_response()
}

/// The opaque key of a signed-in person, as the worker sees it: the same on every page of theirs,
/// telling nothing about them.
pub fn holder_key(user_key: &str) -> String {
    let digest = Sha256::digest(format!("warta-holder:{user_key}"));
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Names on each page of the app whose page it is (`x-warta-holder`): the worker keeps signed-in
/// pages per person and drops them when the device passes to someone else or to nobody.
pub async fn holder(session: Session, req: Request<Body>, next: Next) -> Response {
    let get = req.method() == Method::GET;
    let mut res = next.run(req).await;
    if !get || !crate::security::is_page(&res) || res.status() != StatusCode::OK {
        return res;
    }
    let user: Option<String> = session.get(app::server::context::SESSION_USER).await.ok().flatten();
    let key = user.as_deref().map(holder_key).unwrap_or_default();
    if let Ok(v) = HeaderValue::from_str(&key) {
        res.headers_mut().insert(HOLDER_HEADER, v);
    }
    res
}

//! The Warta server: configuration, the Axum router, demo data. `main.rs` is the command line.
#![recursion_limit = "512"]
#![cfg(feature = "ssr")]

pub mod backup;
pub mod demo;
pub mod disk;
pub mod exports;
pub mod forms;
pub mod letterhead;
pub mod live;
pub mod locale;
pub mod media;
pub mod outbox;
pub mod portal;
pub mod push;
pub mod pwa;
pub mod scripts;
pub mod security;
pub mod wal;

use app::domain::time::OfficeZone;
use app::server::db::{self, DbConfig};
use app::server::sessions::SurrealSessionStore;
use app::server::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

/// Settings from the environment (see README, "Konfigurasi").
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: String,
    pub db: DbConfig,
    pub zone: OfficeZone,
    /// Mark the session cookie Secure (set when served over HTTPS).
    pub session_hours: i64,
    /// The address the public reaches Warta at (canonical links, feed, sitemap).
    pub public_url: String,
    /// Below this much free space where the database lives, writes are refused (`WARTA_MIN_FREE_MB`).
    pub min_free_mb: u64,
    /// The contact named to push services with each push (`WARTA_PUSH_CONTACT`, `mailto:` or an
    /// https address; the public address unless set).
    pub push_contact: String,
    /// Origins besides the browsers' push services that pushes may go to (`WARTA_PUSH_ALSO`,
    /// comma-separated): for a test's receiver only.
    pub push_also: Vec<String>,
    /// Where photos and documents are stored (`WARTA_MEDIA_DIR`, `data/media` unless set).
    pub media_dir: std::path::PathBuf,
    /// The key the channels' credentials are sealed with (`WARTA_SECRET_KEY`, 32 bytes in
    /// base64). Without it no channel can be connected: every channel is posted by hand.
    pub secret_key: Option<app::server::secrets::SecretKey>,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let zone_raw = var("WARTA_ZONE").unwrap_or_else(|| "WIB".into());
        let addr = var("WARTA_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        Ok(Config {
            public_url: var("WARTA_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")),
            push_contact: var("WARTA_PUSH_CONTACT")
                .or_else(|| var("WARTA_PUBLIC_URL"))
                .unwrap_or_else(|| format!("http://{addr}")),
            push_also: var("WARTA_PUSH_ALSO")
                .map(|v| {
                    v.split(',')
                        .map(|o| o.trim().to_string())
                        .filter(|o| !o.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            media_dir: var("WARTA_MEDIA_DIR").unwrap_or_else(|| "data/media".into()).into(),
            secret_key: app::server::secrets::SecretKey::from_env().map_err(|e| e.to_string())?,
            addr,
            db: DbConfig {
                url: var("WARTA_DB").unwrap_or_else(|| "surrealkv://data/warta".into()),
                user: var("WARTA_DB_USER"),
                pass: var("WARTA_DB_PASS"),
                namespace: var("WARTA_DB_NS").unwrap_or_else(|| "warta".into()),
                database: var("WARTA_DB_NAME").unwrap_or_else(|| "warta".into()),
            },
            zone: OfficeZone::parse(&zone_raw)
                .ok_or_else(|| format!("WARTA_ZONE={zone_raw} tidak dikenal: gunakan WIB, WITA atau WIT"))?,
            session_hours: var("WARTA_SESSION_HOURS").and_then(|v| v.parse().ok()).unwrap_or(8),
            min_free_mb: match var("WARTA_MIN_FREE_MB") {
                None => disk::DEFAULT_MIN_FREE_MB,
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| format!("WARTA_MIN_FREE_MB={v} bukan bilangan megabita, misalnya 512"))?,
            },
        })
    }
}

/// The Leptos options, from cargo-leptos' environment when present, else sensible defaults.
pub fn leptos_options(addr: &str) -> LeptosOptions {
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "warta"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .hash_files(env("LEPTOS_HASH_FILES", "false") == "true")
        .site_addr(
            addr.parse::<std::net::SocketAddr>()
                .unwrap_or_else(|_| ([127, 0, 0, 1], 3000).into()),
        )
        .build()
}

pub async fn open_state(cfg: &Config) -> Result<AppState, surrealdb::Error> {
    let db = db::open(&cfg.db).await?;
    if let Err(e) = app::server::settings::seed(&db, cfg.zone).await {
        tracing::error!(error = %e, "office settings not seeded");
    }
    let mut state = AppState::start(db).with_secret_key(cfg.secret_key.clone());
    match push::setup(&state.db, &cfg.push_contact, cfg.push_also.clone()).await {
        Ok(setup) => state = state.with_push(setup),
        Err(e) => tracing::error!(error = ?e, "push notifications off: no VAPID key"),
    }
    push::spawn(&state);
    // The single writer of the report's daily folds in this process.
    app::server::folding::spawn(state.db.clone(), Duration::from_secs(1));
    Ok(state)
}

#[derive(Clone, axum::extract::FromRef)]
struct RouterState {
    leptos: LeptosOptions,
    app: AppState,
    disk: disk::DiskGuard,
    site: security::Site,
    media: media::MediaStore,
    outbox: outbox::Outbox,
    links: Option<media::links::PhotoLinks>,
}

async fn healthz(State(state): State<RouterState>) -> impl IntoResponse {
    if db::storage_failed() {
        (StatusCode::SERVICE_UNAVAILABLE, app::text::health_storage_failed())
    } else if state.disk.low() {
        (StatusCode::SERVICE_UNAVAILABLE, app::text::health_disk_low())
    } else if db::healthy(&state.app.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}

/// Hashed assets never change under the same name: browsers may keep them forever.
async fn cache_forever(req: Request<Body>, next: Next) -> Response {
    let immutable = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    if immutable && res.status() == StatusCode::OK {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    res
}

/// A server function whose arguments cannot be read (malformed JSON, a wrong type, an unknown
/// action) was the request's fault: 400 with its code, not 500. Leptos answers such a request
/// with the error type's `Transport` variant and status 500; this puts the status right.
async fn unreadable_requests_are_400(req: Request<Body>, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if matches!(
        serde_json::from_slice::<app::error::AppError>(&bytes),
        Ok(app::error::AppError::Transport(_))
    ) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The WASM, script and style sheet of the app, served from their precompressed copies (`.br`,
/// `.gz` beside each file) by `Accept-Encoding`.
fn pkg_files(options: &LeptosOptions) -> tower_http::services::ServeDir {
    let dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
}

/// The session cookie's name.
pub use app::server::sessions::SESSION_COOKIE;

pub fn router(state: AppState, options: LeptosOptions, cfg: &Config) -> Router {
    let routes = generate_route_list(App);
    let site = security::Site::new(&cfg.public_url, &cfg.addr);
    // Served over https: the cookie is `Secure` (no separate switch to forget).
    // The store ends a session that stays idle for `WARTA_SESSION_HOURS`, and activity renews it
    // (`renew_session`). The cookie lasts as long, renewed with it: an installed app on a tablet
    // that restarts stays signed in for the session's lifetime, and no longer.
    let store = SurrealSessionStore::new(state.db.clone(), cfg.session_hours);
    let sessions = SessionManagerLayer::new(store.clone())
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(site.https())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(cfg.session_hours)));
    let renewal = Renewal {
        store: store.clone(),
        hours: cfg.session_hours,
        https: site.https(),
    };
    let context_state = state.clone();
    let fallback_state = state.clone();
    let disk = disk::DiskGuard::for_db(&cfg.db.url, cfg.min_free_mb);
    let outbox = outbox_of(cfg, &state);
    let links = photo_links(cfg, &state);
    let rs = RouterState {
        leptos: options.clone(),
        app: state,
        disk: disk.clone(),
        site: site.clone(),
        media: media::MediaStore::new(&cfg.media_dir),
        outbox,
        links,
    };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/manifest.webmanifest", get(pwa::manifest))
        .route("/sw.js", get(pwa::service_worker))
        .route("/pwa.js", get(pwa::page_script))
        .route("/teks-saluran.js", get(scripts::channel_texts))
        .route("/berkas.js", get(scripts::uploads))
        .route("/offline", get(pwa::offline_page))
        .route("/login", axum::routing::post(forms::login))
        .route("/bahasa", get(locale::link).post(locale::form))
        .route("/keluar", axum::routing::post(forms::logout))
        .route("/pemberitahuan/dibaca", axum::routing::post(forms::read_notifications))
        .route("/admin/pengaturan", axum::routing::post(forms::save_settings))
        .route("/admin/pengguna", axum::routing::post(forms::create_user))
        .route("/admin/pengguna/{id}", axum::routing::post(forms::update_user))
        .route("/admin/pengguna/{id}/aktif", axum::routing::post(forms::set_user_active))
        .route("/admin/pengaturan/libur", axum::routing::post(forms::save_holidays))
        .route("/admin/saluran", axum::routing::post(forms::channels::save))
        .route("/admin/saluran/{channel}/hapus", axum::routing::post(forms::channels::remove))
        .route("/kata-sandi", axum::routing::post(forms::change_password))
        .route("/materi/baru", axum::routing::post(forms::create_disposition))
        .route("/materi/{id}/tindakan", axum::routing::post(forms::move_item))
        .route("/materi/{id}/tautan", axum::routing::post(forms::record_link))
        .route("/materi/{id}/saluran", axum::routing::post(forms::save_channel_text))
        .route("/materi/{id}/jadwal", axum::routing::post(forms::schedule))
        .route("/materi/{id}/saluran/{channel}/{how}", axum::routing::post(forms::steer))
        .route("/materi/{id}/draf", axum::routing::post(forms::save_draft))
        .route("/materi/{id}/berkas", axum::routing::post(media::upload))
        .route("/materi/{id}/berkas/{media}", axum::routing::post(media::describe))
        .route("/materi/{id}/berkas/{media}/hapus", axum::routing::post(media::remove))
        .route("/berkas/{media}/{copy}", get(media::fetch))
        .route("/kanal/foto/{media}/{variant}", get(media::channel_photo))
        .route("/admin/cadangan", get(backup::download))
        .route("/api/live", get(live::stream))
        .route("/laporan/ekspor", get(exports::report))
        .route("/daftar-informasi/ekspor", get(exports::register))
        .route("/informasi", get(portal::list))
        .route("/informasi/feed.atom", get(portal::feed))
        .route("/informasi/{id}", get(portal::item))
        .route("/dip", get(portal::dip))
        .route("/dip.csv", get(portal::dip_csv))
        .route("/dip.json", get(portal::dip_json))
        .route("/dip.xlsx", get(portal::dip_xlsx))
        .route("/sitemap.xml", get(portal::sitemap))
        .route("/robots.txt", get(portal::robots))
        .route("/portal.css", get(portal::stylesheet))
        .route("/kop-surat/logo", get(letterhead::logo))
        // The browser's files, compressed once at build time (`make precompress`): brotli or gzip
        // as the browser accepts, else as they are.
        .nest_service("/pkg", pkg_files(&options))
        .leptos_routes_with_context(&rs, routes, move || {
            provide_context(context_state.clone());
            locale::provide();
        }, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<RouterState, _>(
            move || {
                provide_context(fallback_state.clone());
                locale::provide();
            },
            shell,
        ))
        .with_state(rs)
        .layer(axum::Extension(portal::PublicBase(cfg.public_url.clone())))
        .layer(middleware::from_fn(locale::choose))
        .layer(middleware::from_fn(pwa::holder))
        .layer(middleware::from_fn_with_state(renewal, renew_session))
        .layer(middleware::from_fn_with_state(site.clone(), forms::token))
        .layer(sessions)
        .layer(middleware::from_fn(cache_forever))
        .layer(middleware::from_fn(unreadable_requests_are_400))
        .layer(middleware::from_fn_with_state(disk, disk::guard))
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(middleware::from_fn(security::body_limit))
        .layer(middleware::from_fn_with_state(site.clone(), security::same_origin))
        .layer(middleware::from_fn_with_state(site, security::headers))
        .layer(middleware::from_fn(locale::remembered_by_browser))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                // The path only: a query string could hold what a user typed.
                .make_span_with(|req: &Request<Body>| {
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                })
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Millis),
                ),
        )
}

/// What renewing a session needs: its store, and how its cookie is made.
#[derive(Clone)]
struct Renewal {
    store: SurrealSessionStore,
    hours: i64,
    https: bool,
}

/// Activity keeps a session alive: a call of a server function renews it, and its cookie with
/// it. Assets cost no database write, and the live stream (open while a tab idles, reconnecting
/// by itself) is not activity.
async fn renew_session(
    State(renewal): State<Renewal>,
    session: tower_sessions::Session,
    req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let activity = path.starts_with("/api/") && path != "/api/live";
    let mut res = next.run(req).await;
    if let (true, Some(id)) = (activity, session.id()) {
        renewal.store.touch(&id).await;
        // The session's own answer (signing in or out) sets its cookie itself.
        if !res.headers().contains_key(header::SET_COOKIE) {
            let cookie = tower_sessions::cookie::Cookie::build((SESSION_COOKIE, id.to_string()))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(renewal.https)
                .max_age(time::Duration::hours(renewal.hours))
                .build();
            if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
    }
    res
}

/// Deletes expired sessions every hour.
pub fn spawn_session_cleanup(state: &AppState) {
    let store = SurrealSessionStore::new(state.db.clone(), 0);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
        }
    });
}

pub async fn serve(cfg: Config, state: AppState) -> std::io::Result<()> {
    let options = leptos_options(&cfg.addr);
    spawn_session_cleanup(&state);
    media::spawn_sweep(state.clone(), media::MediaStore::new(&cfg.media_dir));
    let outbox = outbox_of(&cfg, &state);
    outbox::spawn(outbox.clone());
    let hub = state.live.clone();
    let app = router(state, options, &cfg);
    let listener = tokio::net::TcpListener::bind(&cfg.addr).await?;
    tracing::info!(addr = %cfg.addr, "Warta siap melayani di http://{}", cfg.addr);
    // The peer's address reaches the login throttle (`api::login`).
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown().await;
        tracing::info!("berhenti: menutup aliran langsung");
        // Open live streams would otherwise hold the shutdown forever.
        hub.close();
        // Another server takes the outbox over at once.
        outbox.release().await;
    })
    .await
}

/// This server's outbox, on the real channels.
pub fn outbox_of(cfg: &Config, state: &AppState) -> outbox::Outbox {
    outbox::Outbox::new(
        state.db.clone(),
        media::MediaStore::new(&cfg.media_dir),
        state.secret_key.clone(),
        outbox::real_connectors(),
    )
    .with_links(photo_links(cfg, state))
}

/// The signed links channels fetch photos by (none without a secret key to sign them).
pub fn photo_links(cfg: &Config, state: &AppState) -> Option<media::links::PhotoLinks> {
    state
        .secret_key
        .as_ref()
        .map(|key| media::links::PhotoLinks::new(&cfg.public_url, key))
}

/// Ctrl-C or SIGTERM (a service manager stopping the server).
async fn shutdown() {
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

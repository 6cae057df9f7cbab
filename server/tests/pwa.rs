//! Warta as an installed app: the manifest and the service worker are served with the headers and
//! scope a browser needs, a deployment is a new worker version, the worker learns whose pages it
//! may keep, signing out clears the device, and the session cookie outlives a restart of the
//! tablet for the session's lifetime only.
#![cfg(feature = "ssr")]

mod common;

use axum::http::{HeaderMap, StatusCode};
use common::oneshot::{app, app_with_site, call, login, send};
use common::World;
use serde_json::{json, Value};

const TOKEN_COOKIE: &str = "__Host-warta_form";

fn h<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

/// Width and height from a PNG file's header.
fn png_size(path: &std::path::Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[1..4], b"PNG", "{} is a PNG", path.display());
    let n = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (n(16), n(20))
}

#[tokio::test]
async fn the_manifest_makes_warta_installable_in_indonesian_with_its_icons_and_shortcuts() {
    let w = World::new().await;
    let app = app(&w);
    let (status, headers, body) = send(&app, "GET", "/manifest.webmanifest", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        h(&headers, "content-type").starts_with("application/manifest+json"),
        "{headers:?}"
    );
    let m: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(m["lang"], "id");
    assert_eq!(m["short_name"], "Warta");
    assert!(m["name"].as_str().unwrap().contains("Media Sosial"), "{m}");
    assert!(m["description"].as_str().unwrap().contains("informasi publik"), "{m}");
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["start_url"], "/");
    assert_eq!(m["scope"], "/");
    assert_eq!(m["theme_color"], server::pwa::THEME);

    // The sizes browsers ask for, plain and maskable, each a real PNG of its stated size.
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
    let icons = m["icons"].as_array().unwrap();
    for (size, purpose) in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    ] {
        assert!(
            icons.iter().any(|i| i["sizes"] == size && i["purpose"] == purpose),
            "{size} {purpose} in {icons:?}"
        );
    }
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let (w_, h_) = png_size(&public.join(src.trim_start_matches('/')));
        assert_eq!(format!("{w_}x{h_}"), icon["sizes"].as_str().unwrap(), "{src}");
    }

    let shortcuts: Vec<(String, String)> = m["shortcuts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().into(), s["url"].as_str().unwrap().into()))
        .collect();
    assert_eq!(
        shortcuts,
        vec![
            ("Tugas Saya".to_string(), "/".to_string()),
            ("Buat Disposisi".to_string(), "/materi/baru".to_string())
        ]
    );

    // Every page of the app names the manifest and may register the worker under its policy.
    let (_, headers, page) = send(&app, "GET", "/login", &[], "").await;
    assert!(
        page.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#),
        "{page}"
    );
    assert!(page.contains(r#"src="/pwa.js""#), "{page}");
    assert!(
        h(&headers, "content-security-policy").contains("worker-src 'self'"),
        "{headers:?}"
    );
}

#[tokio::test]
async fn the_worker_covers_the_whole_site_precaches_the_shell_and_changes_with_a_deployment() {
    let w = World::new().await;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for f in ["warta.aaa.js", "warta.bbb.wasm", "warta.ccc.css", "chunk_1.ddd.wasm"] {
        std::fs::write(pkg.join(f), "x").unwrap();
        std::fs::write(pkg.join(format!("{f}.br")), "x").unwrap();
    }
    let app = app_with_site(&w, site.path().to_str().unwrap());

    let (status, headers, sw) = send(&app, "GET", "/sw.js", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        h(&headers, "content-type").starts_with("text/javascript"),
        "{headers:?}"
    );
    assert_eq!(
        h(&headers, "cache-control"),
        "no-cache",
        "a deployment reaches the tablets"
    );
    assert_eq!(h(&headers, "service-worker-allowed"), "/");
    for f in [
        "/pkg/warta.aaa.js",
        "/pkg/warta.bbb.wasm",
        "/pkg/warta.ccc.css",
        "/pkg/chunk_1.ddd.wasm",
        "/offline",
        "/icons/maskable-512.png",
    ] {
        assert!(sw.contains(&format!("\"{f}\"")), "{f} precached");
    }
    assert!(!sw.contains(".br\""), "compressed twins are not the shell");
    assert!(!sw.contains("__VERSION__") && !sw.contains("__PRECACHE__"));
    let version = |sw: &str| {
        sw.split("const VERSION = ")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    };
    let before = version(&sw);

    // The same files: the same version (no needless reinstall). A new build: a new version.
    let (_, _, again) = send(&app, "GET", "/sw.js", &[], "").await;
    assert_eq!(version(&again), before);
    std::fs::write(pkg.join("warta.eee.wasm"), "y").unwrap();
    let (_, _, after) = send(&app, "GET", "/sw.js", &[], "").await;
    assert_ne!(version(&after), before);
    assert!(after.contains("\"/pkg/warta.eee.wasm\""));

    // The page's script and the offline page are there to be kept, in Indonesian by default.
    let (status, headers, _) = send(&app, "GET", "/pwa.js", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(h(&headers, "content-type").starts_with("text/javascript"));
    let (status, _, offline) = send(&app, "GET", "/offline", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(offline.contains("Tanpa koneksi"), "{offline}");
    assert!(offline.contains("/pkg/warta.ccc.css"), "styled by the app's sheet");
}

#[tokio::test]
async fn each_page_tells_the_worker_whose_it_is_and_a_page_for_nobody_says_so() {
    let w = World::new().await;
    let app = app(&w);
    let holder = |headers: &HeaderMap| headers.get("x-warta-holder").map(|v| v.to_str().unwrap().to_string());
    let staf = login(&app, "staf").await;
    let sek = login(&app, "sekretaris").await;
    let (_, a1, _) = send(&app, "GET", "/", &[("cookie", &staf)], "").await;
    let (_, a2, _) = send(&app, "GET", "/materi", &[("cookie", &staf)], "").await;
    let (_, b, _) = send(&app, "GET", "/", &[("cookie", &sek)], "").await;
    let (_, nobody, _) = send(&app, "GET", "/login", &[], "").await;
    let a = holder(&a1).expect("a signed-in page names its holder");
    assert_eq!(a.len(), 24);
    assert_eq!(
        holder(&a2).as_deref(),
        Some(a.as_str()),
        "the same person on every page"
    );
    assert_ne!(holder(&b).unwrap(), a, "another person, another key");
    assert!(!a.contains("staf"), "the key tells nothing about the person");
    assert_eq!(
        holder(&nobody).as_deref(),
        Some(""),
        "a page for nobody drops what was kept"
    );
    // Not a page: nothing to keep.
    let (_, api, _) = send(&app, "GET", "/manifest.webmanifest", &[("cookie", &staf)], "").await;
    assert_eq!(holder(&api), None);
}

#[tokio::test]
async fn signing_out_clears_what_the_device_kept() {
    let w = World::new().await;
    let app = app(&w);
    // The page's script.
    let cookie = login(&app, "staf").await;
    let r = send(
        &app,
        "POST",
        "/api/logout",
        &[("cookie", &cookie), ("content-type", "application/json")],
        "{}",
    )
    .await;
    assert_eq!(r.0, StatusCode::OK, "{}", r.2);
    assert_eq!(h(&r.1, "clear-site-data"), "\"cache\", \"storage\"");
    // The plain form (no script yet).
    let token = "ab".repeat(32);
    let cookie = format!("{}; {TOKEN_COOKIE}={token}", login(&app, "staf").await);
    let (status, headers, _) = send(
        &app,
        "POST",
        "/keluar",
        &[
            ("cookie", &cookie),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        &format!("token={token}"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(h(&headers, "location"), "/login");
    assert_eq!(h(&headers, "clear-site-data"), "\"cache\", \"storage\"");
    let session = cookie.split(';').next().unwrap();
    assert_eq!(
        call(&app, "/api/tasks", Some(session), json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_session_cookie_outlives_a_restart_for_the_session_s_lifetime_and_is_renewed_with_it() {
    let w = World::new().await;
    let app = app(&w);
    let r = call(
        &app,
        "/api/login",
        None,
        json!({"username": "staf", "password": common::PASSWORD}),
    )
    .await;
    let set = r.cookie.expect("a session cookie");
    assert!(
        set.contains("Max-Age=28800"),
        "kept for the session's 8 idle hours: {set}"
    );
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Secure"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    // Activity renews the session in the store and the cookie in the browser.
    let (status, headers, _) = send(
        &app,
        "POST",
        "/api/tasks",
        &[("cookie", &cookie), ("content-type", "application/json")],
        "{}",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let renewed = h(&headers, "set-cookie");
    assert!(
        renewed.starts_with(&format!("{cookie};")),
        "the same session: {renewed}"
    );
    assert!(
        renewed.contains("Max-Age=28800") && renewed.contains("HttpOnly"),
        "{renewed}"
    );
    // Fetching a file is no activity: no renewal.
    let (_, headers, _) = send(&app, "GET", "/manifest.webmanifest", &[("cookie", &cookie)], "").await;
    assert!(headers.get("set-cookie").is_none());
}

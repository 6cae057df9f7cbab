//! Cross-site requests, oversized and crafted bodies, the login form's token (issue: security that
//! passes a government review, point 3). The protections on every answer: `headers.rs`.
#![cfg(feature = "ssr")]

mod common;

use app::error::AppError;
use axum::http::StatusCode;
use common::oneshot::{app, login, send};
use common::{World, PASSWORD};
use serde_json::json;

const OWN: &str = "https://ppid.contoh.go.id";
const EVIL: &str = "https://evil.example";

fn new_admin(username: &str) -> String {
    json!({ "form": {
        "username": username, "password": "Kata-Sandi-Yang-Panjang-2026", "name": "Penyusup",
        "nip": "", "position": "", "roles": ["admin"],
    }})
    .to_string()
}

async fn usernames(w: &World) -> Vec<String> {
    app::server::accounts::list(&w.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect()
}

#[tokio::test]
async fn a_request_from_another_site_changes_nothing() {
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    let before = usernames(&w).await;
    let cookie = admin.as_str();
    // The form a page elsewhere (or on a sibling subdomain) can send with the admin's cookie.
    for (headers, expected) in [
        (
            vec![("origin", EVIL), ("content-type", "text/plain")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("origin", EVIL), ("content-type", "application/json")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![
                ("origin", "https://lain.contoh.go.id"),
                ("content-type", "application/json"),
            ],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("sec-fetch-site", "cross-site"), ("content-type", "text/plain")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("sec-fetch-site", "same-site"), ("content-type", "application/json")],
            StatusCode::FORBIDDEN,
        ),
        // From Warta's own page, but not JSON: no server function takes it.
        (
            vec![("origin", OWN), ("content-type", "text/plain")],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            vec![("origin", OWN), ("content-type", "application/x-www-form-urlencoded")],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
    ] {
        let mut all = headers.clone();
        all.push(("cookie", cookie));
        let (status, _, body) = send(&app, "POST", "/api/admin/create-user", &all, &new_admin("penyusup")).await;
        assert_eq!(status, expected, "{headers:?}: {body}");
        let code: AppError = serde_json::from_str(&body).unwrap();
        assert!(matches!(code, AppError::CrossSite | AppError::NotJson), "{body}");
    }
    assert_eq!(usernames(&w).await, before, "no account was made");

    // Login CSRF: another site cannot sign the browser in to an account of its choosing.
    let login_body = json!({ "username": "staf", "password": PASSWORD }).to_string();
    let (status, headers, _) = send(
        &app,
        "POST",
        "/api/login",
        &[("origin", EVIL), ("content-type", "application/json")],
        &login_body,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(headers.get("set-cookie").is_none(), "no session was made");

    // The same requests from Warta's own page go through.
    let (status, _, body) = send(
        &app,
        "POST",
        "/api/admin/create-user",
        &[
            ("origin", OWN),
            ("sec-fetch-site", "same-origin"),
            ("content-type", "application/json"),
            ("cookie", cookie),
        ],
        &new_admin("pegawaibaru"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(usernames(&w).await.contains(&"pegawaibaru".to_string()));
}

#[tokio::test]
async fn the_letterhead_logo_comes_from_warta_itself() {
    let w = World::new().await;
    let app = app(&w);
    // A 1×1 PNG, as the Administrator uploads it.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let (mut settings, version) = app::server::settings::load_versioned(&w.state.db).await.unwrap();
    settings.letterhead.logo = format!("data:image/png;base64,{png}");
    app::server::settings::save(&w.state.db, &w.admin, &settings, version, chrono::Utc::now())
        .await
        .unwrap();
    let url = app::domain::settings::logo_url(&settings.letterhead.logo);
    let (status, h, body) = send(&app, "GET", &url, &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h.get("content-type").unwrap(), "image/png");
    assert!(body.starts_with("\u{fffd}PNG"), "the decoded image");
    // Opened on its own (an SVG could hold a script), nothing in it may run.
    assert!(h
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
    // Its own cache policy holds for a signed-in browser too (no-store is only a default).
    let staf = login(&app, "staf").await;
    let (_, h, _) = send(&app, "GET", &url, &[("cookie", &staf)], "").await;
    assert!(h.get("cache-control").unwrap().to_str().unwrap().contains("immutable"));
    // Another address is not this logo (an old one, or one never saved).
    let (status, _, _) = send(&app, "GET", "/kop-surat/logo?v=0000000000000000", &[], "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Another logo, another address: no cache serves the old one.
    assert_ne!(app::domain::settings::logo_url("data:image/png;base64,AAAA"), url);
}

#[tokio::test]
async fn a_body_larger_than_any_form_is_refused_with_413_before_it_is_read() {
    let w = World::new().await;
    let app = app(&w);
    let staf = login(&app, "staf").await;
    let huge = json!({ "body": "a".repeat(3 * 1024 * 1024) }).to_string();
    let (status, _, body) = send(
        &app,
        "POST",
        "/api/draft",
        &[
            ("cookie", &staf),
            ("content-type", "application/json"),
            ("content-length", &huge.len().to_string()),
        ],
        &huge,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let code: AppError = serde_json::from_str(&body).unwrap();
    assert_eq!(code, AppError::TooLarge { max_kib: 2048 });
    assert!(app::text::app_error(&code).contains("terlalu besar"));
}

#[tokio::test]
async fn markdown_crafted_to_render_for_minutes_is_refused_before_rendering() {
    let w = World::new().await;
    let app = app(&w);
    let staf = login(&app, "staf").await;
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let save = |body: String| {
        let mut form = w.draft("Materi bertingkat");
        form.body = body;
        form
    };
    for body in [">".repeat(50_000), "<a><table>".repeat(2_000), "  - ".repeat(40)] {
        let form = save(body);
        let rev = w.draft_rev(&id).await;
        let r = common::oneshot::call(
            &app,
            "/api/draft",
            Some(&staf),
            json!({ "id": id, "rev": rev, "form": form }),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", r.body);
        assert!(
            matches!(r.error(), AppError::Invalid(f) if f.field == "body"),
            "{:?}",
            r.body
        );
        assert!(r.message().contains("bertingkat"), "{}", r.message());
        assert_eq!(w.draft_rev(&id).await, rev, "nothing saved");
    }
    // An ordinary text with a quote in a quote and a nested list is saved.
    let ok = "> kutipan\n>> di dalam kutipan\n\n- satu\n  - dua\n    - tiga\n\n**tebal**".to_string();
    let rev = w.draft_rev(&id).await;
    let r = common::oneshot::call(
        &app,
        "/api/draft",
        Some(&staf),
        json!({ "id": id, "rev": rev, "form": save(ok) }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
}

/// The cookies an answer sets, as `name=value` pairs.
fn set_cookies(headers: &axum::http::HeaderMap) -> Vec<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .collect()
}

fn location(headers: &axum::http::HeaderMap) -> String {
    headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Point 3: the login form posted before the page's script loaded carries this browser's token;
/// without it (a page elsewhere, or an old page) nothing happens; with it, the user signs in;
/// the password never reaches an address.
#[tokio::test]
async fn the_login_form_posts_without_script_only_with_this_browsers_token() {
    let w = World::new().await;
    let app = app(&w);
    let (status, headers, html) = send(&app, "GET", "/login", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    let browser = set_cookies(&headers)
        .into_iter()
        // Served over https (the test's public URL): a cookie no sibling subdomain can plant.
        .find(|c| c.starts_with("__Host-warta_form="))
        .unwrap_or_else(|| panic!("the login page gives the browser its form token: {headers:?}"));
    let token = browser.trim_start_matches("__Host-warta_form=").to_string();
    assert_eq!(token.len(), 64);
    assert!(html.contains(&token), "the form carries the token");
    assert!(html.contains("method=\"post\"") && html.contains("action=\"/login\""));

    let form = |user: &str, password: &str, token: &str| format!("username={user}&password={password}&token={token}");
    let post = |cookie: Option<String>, body: String| {
        let app = app.clone();
        async move {
            let mut headers = vec![("content-type", "application/x-www-form-urlencoded".to_string())];
            if let Some(c) = cookie {
                headers.push(("cookie", c));
            }
            let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(&app, "POST", "/login", &headers, &body).await
        }
    };
    let signed_in = |headers: &axum::http::HeaderMap| {
        set_cookies(headers)
            .into_iter()
            .find(|c| c.starts_with(&format!("{}=", server::SESSION_COOKIE)))
    };

    // Someone else's token, or none: refused with the reason, nobody signed in.
    let other = "0".repeat(64);
    for (cookie, sent) in [
        (Some(browser.clone()), other.as_str()),
        (Some(browser.clone()), ""),
        (None, token.as_str()),
    ] {
        let (status, headers, _) = post(cookie, form("staf", PASSWORD, sent)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(
            location(&headers).starts_with("/login?galat="),
            "{}",
            location(&headers)
        );
        assert!(location(&headers).contains("FormExpired"));
        assert_eq!(signed_in(&headers), None);
    }
    // From another site: refused before anything is read.
    let (status, _, _) = send(
        &app,
        "POST",
        "/login",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &browser),
            ("origin", EVIL),
        ],
        &form("staf", PASSWORD, &token),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A wrong password comes back to the form with the generic answer, not the password.
    let (status, headers, _) = post(Some(browser.clone()), form("staf", "salah-sekali-123", &token)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let back = location(&headers);
    assert!(back.contains("LoginFailed") && !back.contains("salah-sekali"), "{back}");
    assert_eq!(signed_in(&headers), None);
    let (_, _, page) = send(&app, "GET", &back, &[("cookie", &browser)], "").await;
    assert!(
        page.contains("Nama pengguna atau kata sandi salah"),
        "the form shows why"
    );

    // The right one signs in and goes to "Tugas Saya".
    let (status, headers, _) = post(Some(browser.clone()), form("staf", PASSWORD, &token)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/");
    let session = signed_in(&headers).expect("a session");
    let (status, _, me) = send(
        &app,
        "POST",
        "/api/me",
        &[("content-type", "application/json"), ("cookie", &session)],
        "{}",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(me.contains("\"username\":\"staf\""), "{me}");

    // Asked to return to a page, it does; asked to go to another site, it goes home instead.
    for (next, to) in [
        ("%2Fmateri%2Fabc", "/materi/abc"),
        ("%2F%2Fevil.example%2F", "/"),
        ("https%3A%2F%2Fevil.example%2F", "/"),
    ] {
        let body = format!("{}&lanjut={next}", form("staf", PASSWORD, &token));
        let (status, headers, _) = post(Some(browser.clone()), body).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), to, "lanjut={next}");
    }
}

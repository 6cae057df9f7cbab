//! The browser-side protections on every answer (issue: security that passes a government
//! review, point 4): a page's scripts only with its own nonce, the framing, sniffing and referrer
//! rules, HSTS behind https, nothing of a signed-in user in a cache, the session cookie's flags.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use common::oneshot::{app, login, send};
use common::{World, PASSWORD};
use serde_json::json;

/// The value of `attr="…"` on every element that has it.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| html[i + key.len()..].split('"').next().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn every_answer_carries_the_browser_protections() {
    let w = World::new().await;
    let app = app(&w);
    let staf = login(&app, "staf").await;

    // A page: its scripts run only with this answer's nonce, and every inline script has it.
    let (status, h, html) = send(&app, "GET", "/materi", &[("cookie", &staf)], "").await;
    assert_eq!(status, StatusCode::OK);
    let csp = h
        .get("content-security-policy")
        .expect("a CSP")
        .to_str()
        .unwrap()
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in script-src")
        .to_string();
    assert!(nonce.len() >= 16, "{csp}");
    for part in [
        "frame-ancestors 'none'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(part), "{part} in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let scripts = html.matches("<script").count();
    assert!(scripts > 0);
    let nonces = attribute_values(&html, "nonce");
    assert!(
        nonces.len() >= scripts,
        "every script has a nonce: {scripts} scripts, {nonces:?}"
    );
    assert!(nonces.iter().all(|n| *n == nonce));
    assert!(
        !html.contains(" style=\""),
        "no inline style attribute (the CSP would block it)"
    );
    // A second answer gets another nonce.
    let (_, h2, _) = send(&app, "GET", "/materi", &[("cookie", &staf)], "").await;
    assert_ne!(h2.get("content-security-policy").unwrap().to_str().unwrap(), csp);

    for (path, cookie) in [
        ("/materi", Some(&staf)),
        ("/dip", None),
        ("/healthz", None),
        ("/informasi", None),
    ] {
        let mut headers = vec![];
        if let Some(c) = cookie {
            headers.push(("cookie", c.as_str()));
        }
        let (_, h, _) = send(&app, "GET", path, &headers, "").await;
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff", "{path}");
        assert_eq!(h.get("x-frame-options").unwrap(), "DENY", "{path}");
        assert_eq!(h.get("referrer-policy").unwrap(), "same-origin", "{path}");
        assert!(h.get("content-security-policy").is_some(), "{path}");
        // The public URL is https: browsers must keep to it.
        assert!(
            h.get("strict-transport-security")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("max-age="),
            "{path}"
        );
    }
    // Nothing of a signed-in user is kept in a cache: pages and every API answer.
    let (_, h, _) = send(&app, "GET", "/materi", &[("cookie", &staf)], "").await;
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
    let (_, h, _) = send(
        &app,
        "POST",
        "/api/tasks",
        &[("cookie", &staf), ("content-type", "application/json")],
        "{}",
    )
    .await;
    assert_eq!(h.get("cache-control").unwrap(), "no-store");

    // Served over https, the session cookie is Secure, HttpOnly, SameSite.
    let (_, h, _) = send(
        &app,
        "POST",
        "/api/login",
        &[("content-type", "application/json")],
        &json!({ "username": "staf", "password": PASSWORD }).to_string(),
    )
    .await;
    let cookie = h.get("set-cookie").unwrap().to_str().unwrap().to_ascii_lowercase();
    for part in ["secure", "httponly", "samesite=lax"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
}

//! Thousands of malformed and hostile requests to every server function and route, signed in and
//! not: never a 5xx, never a panic, and the server keeps answering beside them.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use common::oneshot::{app, login, send};
use common::World;
use rand::{Rng, SeedableRng};

const SERVER_FUNCTIONS: [&str; 26] = [
    "/api/login",
    "/api/logout",
    "/api/me",
    "/api/password",
    "/api/tasks",
    "/api/items",
    "/api/item",
    "/api/tasks/count",
    "/api/dashboard",
    "/api/notifications",
    "/api/notifications/read",
    "/api/recipients",
    "/api/disposition",
    "/api/move",
    "/api/draft",
    "/api/preview",
    "/api/admin/users",
    "/api/admin/create-user",
    "/api/admin/update-user",
    "/api/admin/reset-password",
    "/api/admin/set-active",
    "/api/settings",
    "/api/admin/settings",
    "/api/admin/holidays",
    "/api/report",
    "/api/register",
];

const PAGES: [&str; 12] = [
    "/informasi?q=%00%ff",
    "/informasi?halaman=-1",
    "/informasi?halaman=99999999999999999999",
    "/informasi?kategori=%3Cscript%3E",
    "/informasi/..%2F..%2Fetc%2Fpasswd",
    "/informasi/%3Cscript%3E",
    "/dip.csv?tahun=abc",
    "/laporan/ekspor?dari=2026-13-45&sampai=x&format=zip",
    "/daftar-informasi/ekspor?format=%00",
    "/kop-surat/logo?v=%ff",
    "/materi/%00",
    "/api/live?since=abc",
];

/// Bodies a careless or hostile client sends: broken JSON, wrong types, huge and deep values.
fn hostile_bodies(rng: &mut rand::rngs::StdRng) -> Vec<String> {
    let mut bodies: Vec<String> = [
        "",
        "{",
        "null",
        "[]",
        "\"\"",
        "0",
        "{}",
        "{\"id\":1}",
        "{\"id\":null,\"version\":\"x\"}",
        "{\"id\":\"item:⟨x⟩\",\"version\":-9223372036854775808,\"action\":\"approve\",\"input\":{}}",
        "{\"form\":{\"username\":\"a\\nb\",\"password\":1}}",
        "{\"username\":\"admin\\r\\nX-Injected: 1\",\"password\":\"x\"}",
        "{\"body\":\"\\u0000\\ud800\"}",
        "{\"id\":\"' OR 1=1; DELETE user; --\",\"rev\":0,\"form\":{}}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    bodies.push(format!("{}1{}", "[".repeat(5000), "]".repeat(5000)));
    bodies.push(format!("{{\"body\":\"{}\"}}", "x".repeat(600_000)));
    bodies.push(format!("{{\"q\":{}}}", "{\"a\":".repeat(3000)));
    for _ in 0..40 {
        let n = rng.gen_range(0..300);
        let bytes: Vec<u8> = (0..n).map(|_| rng.r#gen()).collect();
        bodies.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    bodies
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_hostile_requests_never_get_a_5xx() {
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    let staf = login(&app, "staf").await;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let bodies = hostile_bodies(&mut rng);
    let mut sent = 0;
    let mut failures = vec![];
    for path in SERVER_FUNCTIONS {
        for (i, body) in bodies.iter().enumerate() {
            let cookie = [None, Some(admin.as_str()), Some(staf.as_str())][i % 3];
            let mut headers = vec![("content-type", "application/json")];
            if let Some(c) = cookie {
                headers.push(("cookie", c));
            }
            let (status, _, text) = send(&app, "POST", path, &headers, body).await;
            sent += 1;
            if status.is_server_error() {
                failures.push(format!("POST {path} {status}: {}", &text[..text.len().min(120)]));
            }
        }
    }
    for path in PAGES {
        for cookie in [None, Some(admin.as_str())] {
            let headers: Vec<(&str, &str)> = cookie.map(|c| vec![("cookie", c)]).unwrap_or_default();
            let (status, _, _) = send(&app, "GET", path, &headers, "").await;
            sent += 1;
            if status.is_server_error() {
                failures.push(format!("GET {path} {status}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {sent} requests got a 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The server still answers, and nothing a hostile body said was done.
    let (status, _, _) = send(&app, "GET", "/healthz", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app::server::accounts::list(&w.state.db).await.unwrap().len(), 6);
    println!("{sent} hostile requests, none answered 5xx");
}

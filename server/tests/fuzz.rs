//! Thousands of malformed and hostile requests to every server function and route, signed in and
//! not: never a 5xx, never a panic, and the server keeps answering beside them.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use common::oneshot::{app, login, send};
use common::World;
use rand::{Rng, SeedableRng};

const SERVER_FUNCTIONS: [&str; 28] = [
    "/api/login",
    "/api/logout",
    "/api/me",
    "/api/password",
    "/api/tasks",
    "/api/items",
    "/api/item",
    "/api/item/seen",
    "/api/item/link",
    "/api/tasks/count",
    "/api/dashboard",
    "/api/notifications",
    "/api/notifications/read",
    "/api/recipients",
    "/api/disposition",
    "/api/move",
    "/api/draft",
    "/api/admin/users",
    "/api/admin/create-user",
    "/api/admin/update-user",
    "/api/admin/reset-password",
    "/api/admin/set-active",
    "/api/admin/open-dispositions",
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

/// How long the requests made beside the fuzzing took, in milliseconds, sorted.
async fn probe_beside(
    app: axum::Router,
    cookie: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> Vec<f64> {
    let mut took = vec![];
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        for (path, body) in [("/healthz", None), ("/api/tasks", Some("{}"))] {
            let t = std::time::Instant::now();
            let (status, _, _) = match body {
                None => send(&app, "GET", path, &[], "").await,
                Some(b) => {
                    send(
                        &app,
                        "POST",
                        path,
                        &[("content-type", "application/json"), ("cookie", &cookie)],
                        b,
                    )
                    .await
                }
            };
            assert_eq!(status, StatusCode::OK, "{path} beside the fuzzing");
            took.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    took.sort_by(f64::total_cmp);
    took
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_hostile_requests_never_get_a_5xx() {
    // A 5xx names its cause in the server's log: shown with the failure.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("error")
        .with_test_writer()
        .try_init();
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    let staf = login(&app, "staf").await;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let bodies = hostile_bodies(&mut rng);
    let mut requests: Vec<(String, String, Vec<(String, String)>, String)> = vec![];
    for path in SERVER_FUNCTIONS {
        for (i, body) in bodies.iter().enumerate() {
            let cookie = [None, Some(admin.as_str()), Some(staf.as_str())][i % 3];
            let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
            if let Some(c) = cookie {
                headers.push(("cookie".into(), c.into()));
            }
            requests.push(("POST".into(), path.into(), headers, body.clone()));
        }
    }
    for path in PAGES {
        for cookie in [None, Some(admin.as_str())] {
            let headers = cookie
                .map(|c| vec![("cookie".to_string(), c.to_string())])
                .unwrap_or_default();
            requests.push(("GET".into(), path.into(), headers, String::new()));
        }
    }
    let sent = requests.len();
    // A staff member keeps working beside the fuzzing: their requests must keep answering.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // (Signed in on their own: the fuzzing signs the other sessions out.)
    let worker = login(&app, "sekretaris").await;
    let probe = tokio::spawn(probe_beside(app.clone(), worker, stop.clone()));
    // Four hostile clients at once.
    let lanes: Vec<_> = (0..4)
        .map(|lane| {
            let mine: Vec<_> = requests.iter().skip(lane).step_by(4).cloned().collect();
            let app = app.clone();
            tokio::spawn(async move {
                let mut failures = vec![];
                for (method, path, headers, body) in mine {
                    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    let (status, _, text) = send(&app, &method, &path, &headers, &body).await;
                    if status.is_server_error() {
                        failures.push(format!("{method} {path} {status}: {}", &text[..text.len().min(120)]));
                    }
                }
                failures
            })
        })
        .collect();
    let mut failures = vec![];
    for lane in lanes {
        failures.extend(lane.await.unwrap());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let beside = probe.await.unwrap();
    assert!(
        failures.is_empty(),
        "{} of {sent} requests got a 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The server stayed responsive: what a staff member asked beside the fuzzing was answered,
    // nearly all of it within a second (the median and the slowest are printed).
    assert!(beside.len() >= 2, "the probe ran");
    let p95 = beside[(beside.len() - 1) * 95 / 100];
    println!(
        "{sent} hostile requests on 4 connections, none answered 5xx; beside them {} requests: median {:.1} ms, p95 {p95:.1} ms, slowest {:.1} ms",
        beside.len(),
        beside[beside.len() / 2],
        beside[beside.len() - 1]
    );
    assert!(p95 < 1000.0, "a request beside the fuzzing waited {p95:.0} ms (p95)");
    // Nothing a hostile body said was done.
    assert_eq!(app::server::accounts::list(&w.state.db).await.unwrap().len(), 6);
}

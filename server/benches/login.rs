//! `make bench`: a flood of logins must not slow everyone else down.
//!
//! Starts the release `warta` (in-memory database), measures `GET /healthz` and a signed-in task
//! list (`POST /api/tasks`), p50 and p99, idle; then again while 32 clients flood the login (16
//! with the right password, each one a full Argon2 hash; 16 with wrong ones, throttled after five
//! failures). Prints figures and the ratio flood/idle (target: p99 at most 3×); asserts nothing.

#[path = "../tests/common/raw_http.rs"]
mod raw_http;
mod support;

use raw_http::*;
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use support::pct;

const SAMPLES: usize = 300;
const FLOOD: usize = 32;

async fn sample(port: u16, cookie: &str) -> (Vec<f64>, Vec<f64>) {
    let (mut health, mut tasks) = (Vec::new(), Vec::new());
    for _ in 0..SAMPLES {
        let t = Instant::now();
        request(port, "GET", "/healthz", None, None).await;
        health.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let r = request(port, "POST", "/api/tasks", Some(cookie), Some(json!({}))).await;
        assert_eq!(r.status, 200);
        tasks.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    health.sort_by(f64::total_cmp);
    tasks.sort_by(f64::total_cmp);
    (health, tasks)
}

fn main() {
    support::block_on(run());
}

async fn run() {
    let port = free_port();
    let (_, _procs) = demo_server(env!("CARGO_BIN_EXE_warta"), port);
    wait_for(port, "warta").await;
    let staf = login(port, "staf").await;

    let (idle_health, idle_tasks) = sample(port, &staf).await;

    let stop = Arc::new(AtomicBool::new(false));
    let (hashed, throttled) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let mut flood = vec![];
    for i in 0..FLOOD {
        let (stop, hashed, throttled) = (stop.clone(), hashed.clone(), throttled.clone());
        flood.push(tokio::spawn(async move {
            let (user, password) = if i % 2 == 0 {
                ("ppid", DEMO_PASSWORD)
            } else {
                ("admin", "tebakan-salah")
            };
            while !stop.load(Ordering::Relaxed) {
                let body = json!({ "username": user, "password": password });
                let r = request(port, "POST", "/api/login", None, Some(body)).await;
                match r.status {
                    200 | 401 => hashed.fetch_add(1, Ordering::Relaxed),
                    _ => throttled.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let started = Instant::now();
    let (flood_health, flood_tasks) = sample(port, &staf).await;
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    for f in flood {
        let _ = f.await;
    }

    println!("login flood ({FLOOD} clients; {SAMPLES} samples each), milliseconds:");
    println!(
        "{:<28} {:>9} {:>9} {:>11} {:>11} {:>10}",
        "", "idle p50", "idle p99", "flood p50", "flood p99", "p99 ratio"
    );
    for (name, idle, busy) in [
        ("GET /healthz", &idle_health, &flood_health),
        ("POST /api/tasks (signed in)", &idle_tasks, &flood_tasks),
    ] {
        println!(
            "{:<28} {:>9.2} {:>9.2} {:>11.2} {:>11.2} {:>9.2}×",
            name,
            pct(idle, 0.5),
            pct(idle, 0.99),
            pct(busy, 0.5),
            pct(busy, 0.99),
            pct(busy, 0.99) / pct(idle, 0.99)
        );
    }
    println!(
        "logins during the flood: {:.0}/s hashed (right or wrong password), {:.0}/s throttled (429)",
        hashed.load(Ordering::Relaxed) as f64 / seconds,
        throttled.load(Ordering::Relaxed) as f64 / seconds
    );
}

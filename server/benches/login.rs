//! `make bench`: a flood of logins must not slow everyone else down.
//!
//! Starts the release `warta` (in-memory database), measures `GET /healthz` and a signed-in task
//! list (`POST /api/tasks`), 1,500 samples each, p50 and p99, idle; then again while 32 clients
//! flood the login (16 with the right password, each one a full Argon2 hash; 16 with wrong ones,
//! throttled after five failures). Twice, each on a fresh server: the clients from one address (one
//! attacker: the address is throttled too), and each from an address of its own (many machines: every
//! right password is hashed, about 60 a second). Prints figures and the ratio flood/idle (target:
//! p99 at most 3×); asserts nothing.

#[path = "../tests/common/raw_http.rs"]
mod raw_http;
mod support;

use raw_http::*;
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use support::pct;

const SAMPLES: usize = 1500;
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
    for spread in [false, true] {
        flood(spread).await;
    }
    floor().await;
}

/// What any busy core costs the others on this machine: the same samples while two busy loops run
/// at the lowest priority there is (SCHED_IDLE, as the password hashing does), and no login at all.
async fn floor() {
    let port = free_port();
    let (_, _procs) = demo_server(env!("CARGO_BIN_EXE_warta"), port);
    wait_for(port, "warta").await;
    let staf = login(port, "staf").await;
    let (idle_health, idle_tasks) = sample(port, &staf).await;
    let spin = || {
        std::process::Command::new("chrt")
            .args(["--idle", "0", "yes"])
            .stdout(std::process::Stdio::null())
            .spawn()
    };
    let (Ok(a), Ok(b)) = (spin(), spin()) else {
        println!("(no `chrt` to start busy loops with: the floor is not measured)");
        return;
    };
    let _spinning = Processes(vec![a, b]);
    let (busy_health, busy_tasks) = sample(port, &staf).await;
    println!("two SCHED_IDLE busy loops and no login (what any busy core costs here), milliseconds:");
    table(&[
        ("GET /healthz", &idle_health, &busy_health),
        ("POST /api/tasks (signed in)", &idle_tasks, &busy_tasks),
    ]);
}

fn table(rows: &[(&str, &Vec<f64>, &Vec<f64>)]) {
    println!(
        "{:<28} {:>9} {:>9} {:>11} {:>11} {:>10}",
        "", "idle p50", "idle p99", "busy p50", "busy p99", "p99 ratio"
    );
    for (name, idle, busy) in rows {
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
}

/// One flood on a fresh server: from one address, or (`spread`) each client from its own.
async fn flood(spread: bool) {
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
            // The server trusts a proxy on loopback to name the client.
            let address = if spread {
                format!("10.0.0.{}", i + 1)
            } else {
                "10.0.0.1".to_string()
            };
            let (user, password) = if i % 2 == 0 {
                ("ppid", DEMO_PASSWORD)
            } else {
                ("admin", "tebakan-salah")
            };
            while !stop.load(Ordering::Relaxed) {
                let body = json!({ "username": user, "password": password });
                let r = try_request_with(port, "POST", "/api/login", &[("X-Forwarded-For", &address)], Some(body))
                    .await
                    .expect("the server answers");
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

    let from = if spread {
        "each from its own address"
    } else {
        "from one address"
    };
    println!("login flood ({FLOOD} clients {from}; {SAMPLES} samples each), milliseconds:");
    table(&[
        ("GET /healthz", &idle_health, &flood_health),
        ("POST /api/tasks (signed in)", &idle_tasks, &flood_tasks),
    ]);
    println!(
        "logins during the flood: {:.0}/s hashed (right or wrong password), {:.0}/s throttled (429)",
        hashed.load(Ordering::Relaxed) as f64 / seconds,
        throttled.load(Ordering::Relaxed) as f64 / seconds
    );
}

//! `make bench`: live updates under 200 connected browsers' worth of streams.
//!
//! Starts the release `warta` (embedded in-memory database) as a child process, opens 200
//! `/api/live` streams over loopback for the five workflow roles, then makes moves through
//! HTTP and measures, for every subscriber, the time from the committed move (its HTTP answer)
//! to the event on that stream, and from the move's request. Also the server's memory per
//! connected subscriber (VmRSS of the server process), and a baseline in the same run: the
//! round trip of `GET /healthz`. Prints figures; asserts nothing.

#[path = "../tests/common/raw_http.rs"]
mod raw_http;
mod support;

use raw_http::*;
use std::time::{Duration, Instant};
use support::{pct, rss_kib};
use tokio::sync::mpsc;

const SUBSCRIBERS: usize = 200;
const MOVES: usize = 30;

fn main() {
    support::block_on(run());
}

async fn run() {
    let port = free_port();
    let (pid, _procs) = demo_server(env!("CARGO_BIN_EXE_warta"), port);
    wait_for(port, "warta").await;

    // Baseline: the round trip of the cheapest request.
    let mut base = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        request(port, "GET", "/healthz", None, None).await;
        base.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    base.sort_by(f64::total_cmp);

    let users = ["ppid", "sekretaris", "sekretariat", "staf", "verifikator"];
    let mut cookies = Vec::new();
    for u in users {
        cookies.push(login(port, u).await);
    }
    let (ppid, sekretaris) = (cookies[0].clone(), cookies[1].clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = rss_kib(pid);

    // 200 subscribers; each reports (item id, arrival) for every "forwarded" event it gets.
    let (tx, mut rx) = mpsc::unbounded_channel::<(String, Instant)>();
    let (ready_tx, mut ready_rx) = mpsc::unbounded_channel::<()>();
    for i in 0..SUBSCRIBERS {
        let cookie = cookies[i % cookies.len()].clone();
        let (tx, ready_tx) = (tx.clone(), ready_tx.clone());
        tokio::spawn(async move {
            let mut lines = open_live(port, &cookie).await;
            // Until the server stops at the end of the run.
            while let Some(e) = try_next_event(&mut lines).await {
                if e["kind"] == "hello" {
                    let _ = ready_tx.send(());
                } else if e["kind"] == "item" && e["state"] == "at_sekretariat" {
                    let _ = tx.send((e["id"].as_str().unwrap_or_default().to_string(), Instant::now()));
                }
            }
        });
    }
    for _ in 0..SUBSCRIBERS {
        ready_rx.recv().await;
    }

    let (mut from_commit, mut from_request, mut lost) = (Vec::new(), Vec::new(), 0usize);
    let mut rss_connected = 0;
    for round in 0..MOVES {
        let id = create_disposition(port, &ppid, &format!("Pengukuran siaran langsung {round}")).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        let sent = Instant::now();
        forward(port, &sekretaris, &id).await;
        let committed = Instant::now();
        let mut got = 0;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while got < SUBSCRIBERS {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some((eid, at))) if eid == id => {
                    got += 1;
                    // An event can beat the HTTP answer to the mover: that counts as 0.
                    from_commit.push(at.saturating_duration_since(committed).as_secs_f64() * 1000.0);
                    from_request.push(at.duration_since(sent).as_secs_f64() * 1000.0);
                }
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        lost += SUBSCRIBERS - got;
        if round == 2 {
            rss_connected = rss_kib(pid);
        }
    }
    from_commit.sort_by(f64::total_cmp);
    from_request.sort_by(f64::total_cmp);

    let per_sub = (rss_connected.saturating_sub(rss_before)) as f64 / SUBSCRIBERS as f64;
    println!(
        "live updates: {SUBSCRIBERS} subscribers, {MOVES} moves, {} events measured, {lost} missing",
        from_commit.len()
    );
    println!(
        "baseline GET /healthz round trip: p50 {:.2} ms, p99 {:.2} ms",
        pct(&base, 0.5),
        pct(&base, 0.99)
    );
    println!(
        "committed move → event at subscriber: p50 {:.2} ms, p99 {:.2} ms ({:.1}x / {:.1}x the baseline p50)",
        pct(&from_commit, 0.5),
        pct(&from_commit, 0.99),
        pct(&from_commit, 0.5) / pct(&base, 0.5),
        pct(&from_commit, 0.99) / pct(&base, 0.5)
    );
    println!(
        "move request sent → event at subscriber: p50 {:.2} ms, p99 {:.2} ms",
        pct(&from_request, 0.5),
        pct(&from_request, 0.99)
    );
    println!(
        "server memory: {} KiB before, {} KiB with {SUBSCRIBERS} streams: {:.1} KiB per subscriber",
        rss_before, rss_connected, per_sub
    );
}

//! Experiment (issue 13): the load benchmark's day, in process: N tasks each return and resend
//! their own item through the workflow service, no HTTP. Prints rate and process CPU per move
//! every 5,000 moves. `WARTA_DAY_TASKS` (default 2), `WARTA_DAY_MOVES` (default 30,000).
#[path = "../tests/common/mod.rs"]
#[allow(dead_code)]
mod common;

use app::domain::ActionKind as A;
use app::server::items;
use app::views::MoveInput;
use chrono::Utc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = stat.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}

fn main() {
    let tasks: usize = std::env::var("WARTA_DAY_TASKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let total: u64 = std::env::var("WARTA_DAY_MOVES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let w = Arc::new(common::World::new().await);
        let mut ids = vec![];
        for k in 0..tasks {
            let id = w.at_verification(&format!("Kegiatan {k}")).await;
            ids.push((id.clone(), w.version(&id).await));
        }
        let done = Arc::new(AtomicU64::new(0));
        let mut block_start = (Instant::now(), cpu(), 0u64);
        let handles: Vec<_> = ids
            .into_iter()
            .map(|(id, mut version)| {
                let (w, done) = (w.clone(), done.clone());
                tokio::spawn(async move {
                    let mut round = 0u64;
                    while done.load(Ordering::Relaxed) < total {
                        let (who, kind, input) = if round % 2 == 0 {
                            (
                                &w.verifikator,
                                A::ReturnForRevision,
                                common::World::reason("Perbaiki judulnya."),
                            )
                        } else {
                            (&w.sekretaris, A::SendToVerification, MoveInput::default())
                        };
                        let moved = items::perform(&w.state.db, who, &id, version, kind, &input, Utc::now())
                            .await
                            .map_err(|e| e.into_app())
                            .unwrap();
                        version = moved.version;
                        round += 1;
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let n = done.load(Ordering::Relaxed);
            if n >= block_start.2 + 5_000 || n >= total {
                let (t, c) = (block_start.0.elapsed().as_secs_f64(), cpu() - block_start.1);
                let moved = n - block_start.2;
                println!(
                    "{n:>7} moves: {:>7.1} moves/s  process CPU {:>5.2} ms/move",
                    moved as f64 / t,
                    c * 1000.0 / moved as f64
                );
                block_start = (Instant::now(), cpu(), n);
            }
            if n >= total {
                break;
            }
        }
        for h in handles {
            h.await.unwrap();
        }
    });
}

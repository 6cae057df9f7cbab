//! Durability against the real server process on its embedded database:
//! - a full disk, for real: a small tmpfs filled to the brim. Before the disk is full, the guard
//!   refuses writes (507) and the health check says why (503); filled past the guard to the last
//!   byte, a failed write stops all writing until a restart; when space returns, two restarts
//!   later every acknowledged move is there with its audit event. Needs to mount a tmpfs (root,
//!   or CAP_SYS_ADMIN): `make test` runs as root on these machines.
//! - a torn tail in the engine's log (what a power cut or an I/O error in the middle of a write
//!   leaves): the start repairs it, and what is written after that start is durable.
#![cfg(feature = "ssr")]

#[path = "common/process.rs"]
mod process;
#[path = "common/raw_http.rs"]
mod raw_http;

use process::*;
use raw_http::*;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of `mb` megabytes on `dir`, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, mb: u64) -> Tmpfs {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mb}m"), "tmpfs"])
            .arg(dir)
            .output()
            .expect("mount runs");
        assert!(
            out.status.success(),
            "this test mounts a {mb} MB tmpfs to fill it for real, and could not: {}\n\
             Run it as root (or with CAP_SYS_ADMIN), as `make test` does on the project's machines.",
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs(dir.to_path_buf())
    }

    fn free(&self) -> u64 {
        fs4::available_space(&self.0).unwrap()
    }

    /// Fills the filesystem with a filler file until `leave` bytes are free (0: until the
    /// filesystem refuses another byte).
    fn fill(&self, leave: u64) -> PathBuf {
        let path = self.0.join(format!("filler-{}", rand_suffix()));
        let mut f = std::fs::File::create(&path).unwrap();
        let chunk = vec![0x5a_u8; 64 * 1024];
        loop {
            let free = self.free();
            if free <= leave {
                break;
            }
            let n = if leave == 0 {
                chunk.len()
            } else {
                chunk.len().min((free - leave) as usize)
            };
            match f.write(&chunk[..n]) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        let _ = f.flush();
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn rand_suffix() -> u64 {
    use rand::Rng;
    rand::thread_rng().r#gen()
}

/// One step on every item; the refusals.
async fn moves(port: u16, desks: &Desks, items: &mut [(String, Acked)], label: &str) -> Vec<Reply> {
    let mut refused = vec![];
    for (k, (id, acked)) in items.iter_mut().enumerate() {
        match step(port, desks, id, acked, &format!("{label} {k}")).await {
            Ok(()) => {}
            Err(Some(r)) => refused.push(r),
            Err(None) => panic!("the server went away"),
        }
    }
    refused
}

/// One step on every item, each acknowledged.
async fn all_moved(port: u16, desks: &Desks, items: &mut [(String, Acked)], label: &str) {
    let refused = moves(port, desks, items, label).await;
    let bodies: Vec<_> = refused.iter().map(|r| &r.body).collect();
    assert!(refused.is_empty(), "{label}: {bodies:?}");
}

async fn health(port: u16) -> Reply {
    try_request(port, "GET", "/healthz", None, None).await.unwrap()
}

/// Every item as stored, checked against what its client was told.
async fn all_there(port: u16, desks: &Desks, items: &mut [(String, Acked)], when: &str) {
    eprintln!("checking every acknowledged move: {when}");
    for (id, acked) in items.iter_mut() {
        let stored: Value = item(port, &desks.staf, id).await;
        *acked = Acked {
            moves: acked.moves,
            saves: acked.saves,
            saved: acked.saved.clone(),
            ..check(id, &stored, acked)
        };
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disk_filled_to_the_brim_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Tmpfs::mount(&dir.path().join("disk"), 96);
    let guard_mb = 24;
    let mut server = Warta::start(&disk.0.join("db"), guard_mb).await;
    let port = server.port;
    let desks = Desks::login(port).await;
    let mut items = vec![];
    for n in 0..4 {
        let id = desks.drafting(port, &format!("Materi disk penuh {n}")).await;
        let stored = item(port, &desks.staf, &id).await;
        items.push((id, acked_from(&stored)));
    }
    let mut acknowledged = 0;
    all_moved(port, &desks, &mut items, "sebelum penuh").await;

    // 1. Below the operator's threshold: writes refused with 507 and a sentence; health says why.
    let filler = disk.fill(guard_mb * 1024 * 1024 / 2);
    let refused = moves(port, &desks, &mut items, "di bawah ambang").await;
    assert_eq!(refused.len(), items.len(), "every write refused");
    for r in &refused {
        assert_eq!(r.status, 507, "{:?}", r.body);
        assert_eq!(r.body, serde_json::json!("StorageFull"));
    }
    let h = health(port).await;
    assert_eq!(h.status, 503);
    assert!(h.body.as_str().unwrap().contains("WARTA_MIN_FREE_MB"), "{:?}", h.body);
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(health(port).await.status, 200);
    all_moved(port, &desks, &mut items, "setelah dikosongkan").await;
    all_there(port, &desks, &mut items, "setelah dikosongkan").await;

    // 2. No threshold, and the disk filled to the last byte (another program filled it): the
    // write that fails stops all writing, with a clear answer, until the operator restarts.
    server.stop();
    server.min_free_mb = 0;
    server.restart().await;
    all_moved(port, &desks, &mut items, "sebelum penuh sekali").await;
    let filler = disk.fill(0);
    let refused = moves(port, &desks, &mut items, "disk penuh").await;
    assert!(!refused.is_empty(), "a full disk refuses writes");
    for r in &refused {
        assert_eq!(r.status, 503, "{:?}", r.body);
        assert_eq!(r.body, serde_json::json!("StorageFailed"));
    }
    assert_eq!(health(port).await.status, 503);
    std::fs::remove_file(&filler).unwrap();
    // Space is back, but the engine's log may be torn: still no write until a restart.
    let refused = moves(port, &desks, &mut items, "setelah penuh").await;
    assert_eq!(refused.len(), items.len());
    assert_eq!(health(port).await.status, 503);
    all_there(port, &desks, &mut items, "setelah penuh").await;

    // 3. Restart, write, restart again: everything acknowledged is there each time.
    for round in 0..2 {
        server.stop();
        server.restart().await;
        all_there(port, &desks, &mut items, "setelah mulai ulang").await;
        all_moved(
            port,
            &desks,
            &mut items,
            if round == 0 { "mulai ulang" } else { "mulai ulang lagi" },
        )
        .await;
    }
    server.stop();
    server.restart().await;
    all_there(port, &desks, &mut items, "terakhir").await;
    for (_, acked) in &items {
        acknowledged += acked.moves;
    }
    println!("full disk: {acknowledged} acknowledged moves, all present after two restarts");
}

/// The newest segment of the engine's write-ahead log: `wal/*.wal` (surrealkv), `*.log` (RocksDB).
fn newest_wal(data: &Path) -> PathBuf {
    let (dir, ext) = match engine().as_str() {
        "rocksdb" => (data.join("warta"), "log"),
        _ => (data.join("warta").join("wal"), "wal"),
    };
    let mut segments: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    segments.sort();
    segments.pop().expect("a log segment")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_torn_log_tail_what_is_written_is_durable() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("db");
    let mut server = Warta::start(&data, 16).await;
    let port = server.port;
    let desks = Desks::login(port).await;
    let mut items = vec![];
    for n in 0..3 {
        let id = desks.drafting(port, &format!("Materi log robek {n}")).await;
        let stored = item(port, &desks.staf, &id).await;
        items.push((id, acked_from(&stored)));
    }
    all_moved(port, &desks, &mut items, "sebelum robek").await;
    // The process dies while a record is half on disk: a torn tail, never acknowledged.
    server.kill();
    let wal = newest_wal(&data);
    let mut f = std::fs::OpenOptions::new().append(true).open(&wal).unwrap();
    f.write_all(&[
        0x17, 0x00, 0x00, 0x40, 0x9c, 0x3e, 0x01, 0xff, 0x00, 0x2a, 0x5a, 0x5a, 0x5a,
    ])
    .unwrap();
    drop(f);

    for round in 0..3 {
        server.restart().await;
        all_there(port, &desks, &mut items, "robek: setelah mulai ulang").await;
        let label = format!("setelah mulai ulang {round}");
        all_moved(port, &desks, &mut items, &label).await;
        server.stop();
    }
    server.restart().await;
    all_there(port, &desks, &mut items, "robek: terakhir").await;
    let log = server.log_text();
    // surrealkv repairs the log at the start after the tear, and Warta starts again on it.
    assert!(
        engine() != "surrealkv" || log.contains("repaired"),
        "the start says that it repaired the log:\n{log}"
    );
}

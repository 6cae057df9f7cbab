//! Backup while Warta runs, and restore: a round trip through the real server and the `warta`
//! command gives back every item as it was (state, versions, audit trail, draft) and the accounts.
#![cfg(feature = "ssr")]

#[path = "common/process.rs"]
mod process;
#[path = "common/raw_http.rs"]
mod raw_http;

use process::*;
use raw_http::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn warta(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env("WARTA_DB", format!("surrealkv://{}", db.join("warta").display()))
        .env("WARTA_LOG", "warn")
        .output()
        .expect("warta runs")
}

/// What must come back from a backup: everything the item page shows of an item's history.
fn essentials(stored: &Value) -> Value {
    serde_json::json!({
        "state": stored["state"], "version": stored["version"], "draft_rev": stored["draft_rev"],
        "draft": stored["draft"], "versions": stored["versions"], "events": stored["events"],
        "disposition": stored["disposition"],
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_warta_runs_restores_everything() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let server = Warta::start(&live, 16).await;
    let port = server.port;
    let desks = Desks::login(port).await;
    let mut items = vec![];
    for n in 0..3 {
        let id = desks.drafting(port, &format!("Materi cadangan {n}")).await;
        let mut acked = acked_from(&item(port, &desks.staf, &id).await);
        for k in 0..n + 1 {
            step(port, &desks, &id, &mut acked, &format!("Cadangan {n}.{k}"))
                .await
                .unwrap();
        }
        items.push(id);
    }

    // Only the Administrator downloads the whole database.
    assert_eq!(request(port, "GET", "/admin/cadangan", None, None).await.status, 401);
    assert_eq!(
        request(port, "GET", "/admin/cadangan", Some(&desks.sekretaris), None)
            .await
            .status,
        403
    );
    let admin = login(port, "admin").await;
    let download = request(port, "GET", "/admin/cadangan", Some(&admin), None).await;
    assert_eq!(download.status, 200);
    let backup = dir.path().join("cadangan.surql");
    std::fs::write(&backup, download.body.as_str().expect("a SurrealQL text")).unwrap();

    // The files of a running Warta are its own: the offline command says where to get a backup.
    let held = warta(&live, &["backup", dir.path().join("x.surql").to_str().unwrap()]);
    assert!(!held.status.success());
    assert!(String::from_utf8_lossy(&held.stderr).contains("/admin/cadangan"));

    // Restore into a new data folder, while the first server still runs.
    let restored = dir.path().join("restored");
    let out = warta(&restored, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Never into a database that has data.
    let again = warta(&restored, &["restore", backup.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("tidak kosong"));

    let copy = Warta::start(&restored, 16).await;
    let copy_desks = Desks::login(copy.port).await;
    for id in &items {
        let before = essentials(&item(port, &desks.staf, id).await);
        let after = essentials(&item(copy.port, &copy_desks.staf, id).await);
        assert_eq!(before, after, "item {id} comes back as it was");
    }
    // And work goes on there: the next move of a restored item.
    let mut acked = acked_from(&item(copy.port, &copy_desks.staf, &items[0]).await);
    step(copy.port, &copy_desks, &items[0], &mut acked, "Setelah dipulihkan")
        .await
        .unwrap();
    println!(
        "backup round trip: {} bytes, {} items identical",
        std::fs::metadata(&backup).unwrap().len(),
        items.len()
    );
}

/// The photos and documents go with an offline backup (`FILE.berkas`) and come back with its
/// restore, byte for byte; a second backup into the same place copies only what is new.
#[test]
fn an_offline_backup_carries_the_stored_files_and_a_restore_puts_them_back() {
    use server::media::{MediaStore, Stored};
    let dir = tempfile::tempdir().unwrap();
    let run = |db: &str, media: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(args)
            .env(
                "WARTA_DB",
                format!("surrealkv://{}", dir.path().join(db).join("warta").display()),
            )
            .env("WARTA_MEDIA_DIR", media)
            .env("WARTA_LOG", "warn")
            .output()
            .expect("warta runs")
    };
    let media = MediaStore::new(dir.path().join("media"));
    let pdf = b"%PDF-1.4\n% notulen rapat\n%%EOF\n".to_vec();
    let hash = server::media::store::hash_of(&pdf);
    media
        .put(&hash, Stored::Document(app::domain::media::Format::Pdf), &pdf)
        .unwrap();
    let backup = dir.path().join("cadangan.surql");
    let out = run("live", media.dir(), &["backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 berkas baru"));
    let again = run("live", media.dir(), &["backup", backup.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("0 berkas baru"),
        "already there"
    );

    let restored = MediaStore::new(dir.path().join("media-pulih"));
    let out = run("restored", restored.dir(), &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let back = restored
        .path(&hash, Stored::Document(app::domain::media::Format::Pdf))
        .unwrap();
    assert_eq!(std::fs::read(back).unwrap(), pdf);
}

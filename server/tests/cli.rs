//! The `warta` command line against a real embedded (surrealkv) database on disk.
#![cfg(feature = "ssr")]

use app::server::{accounts, db};
use std::process::Command;

fn warta(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env("WARTA_DB", format!("surrealkv://{}", dir.display()))
        .env("WARTA_LOG", "warn")
        .output()
        .expect("warta runs")
}

#[tokio::test]
async fn user_add_creates_an_account_that_can_log_in() {
    let dir = std::env::temp_dir().join(format!("warta-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = warta(
        &dir,
        &[
            "user",
            "add",
            "--username",
            "budi",
            "--password",
            "jendela-sungai-payung-58",
            "--name",
            "Budi Santoso",
            "--role",
            "sekretaris",
            "--role",
            "verifikator",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Pengguna budi dibuat"));

    // The same user name again is refused with a sentence saying what to do.
    let again = warta(
        &dir,
        &[
            "user",
            "add",
            "--username",
            "budi",
            "--password",
            "jendela-sungai-payung-58",
            "--name",
            "B",
            "--role",
            "sekretaris",
        ],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("Nama pengguna sudah dipakai"));
    let bad_role = warta(
        &dir,
        &[
            "user",
            "add",
            "--username",
            "sri",
            "--password",
            "lemari-bintang-garam-73",
            "--name",
            "Sri",
            "--role",
            "bupati",
        ],
    );
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("Peran"));

    let database = db::open(&db::DbConfig {
        url: format!("surrealkv://{}", dir.display()),
        ..db::DbConfig::memory("warta")
    })
    .await
    .expect("the file store opens after the command has exited");
    let user = accounts::verify_login(&database, "budi", "jendela-sungai-payung-58")
        .await
        .map_err(|e| e.to_string())
        .unwrap();
    assert_eq!(user.name, "Budi Santoso");
    assert_eq!(user.roles, vec!["sekretaris".to_string(), "verifikator".to_string()]);
    assert_eq!(
        accounts::count(&database).await.unwrap(),
        1,
        "no demo accounts on this path"
    );
    drop(database);
    let _ = std::fs::remove_dir_all(&dir);
}

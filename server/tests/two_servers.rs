//! Two `warta` processes on one SurrealDB server (the `surreal` binary of this workspace, built
//! by `make surreal`): they behave as one app. A session made on one works on the other, and a
//! move made through one reaches a live stream served by the other.
#![cfg(feature = "ssr")]

#[path = "common/raw_http.rs"]
mod raw_http;

use raw_http::*;
use serde_json::json;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `surreal` sits beside the test's own binaries' folder (target/debug).
fn surreal_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let debug = exe.parent().and_then(|d| d.parent()).unwrap();
    let bin = debug.join("surreal");
    assert!(
        bin.exists(),
        "{} is missing: build it with `make surreal` (cargo build -p surreal --features server)",
        bin.display()
    );
    bin
}

#[tokio::test]
async fn two_app_servers_on_one_surrealdb_behave_as_one_app() {
    let db_port = free_port();
    let mut procs = Processes(vec![]);
    procs.0.push(
        Command::new(surreal_bin())
            .args(["start", "--user", "root", "--pass", "root", "--bind"])
            .arg(format!("127.0.0.1:{db_port}"))
            .arg("memory")
            .env("SURREAL_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("surreal starts"),
    );
    wait_for(db_port, "surreal").await;

    let start = |port: u16, command: &str| {
        Command::new(env!("CARGO_BIN_EXE_warta"))
            .arg(command)
            .env("WARTA_ADDR", format!("127.0.0.1:{port}"))
            // Tests are not about the disk: a small threshold, so a busy CI disk does not refuse writes.
            .env("WARTA_MIN_FREE_MB", "16")
            .env("WARTA_DB", format!("ws://127.0.0.1:{db_port}"))
            .env("WARTA_DB_USER", "root")
            .env("WARTA_DB_PASS", "root")
            .env("WARTA_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("warta starts")
    };
    let (a, b) = (free_port(), free_port());
    // A seeds the demo accounts; B is a production server on the same database.
    procs.0.push(start(a, "demo"));
    wait_for(a, "warta A").await;
    procs.0.push(start(b, "serve"));
    wait_for(b, "warta B").await;
    for port in [a, b] {
        assert_eq!(request(port, "GET", "/healthz", None, None).await.status, 200);
    }

    // A session made on A is good on B (sessions live in the shared database).
    let kepala = login(a, "sekretariat").await;
    let me = request(b, "POST", "/api/me", Some(&kepala), Some(json!({}))).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["username"], "sekretariat");

    // B streams live changes to the Sekretariat.
    let mut lines = open_live(b, &kepala).await;
    assert_eq!(next_event(&mut lines).await["kind"], "hello");

    // A disposition and a move, both through A.
    let ppid = login(a, "ppid").await;
    let id = create_disposition(a, &ppid, "Rapat koordinasi dua server").await;
    let sekretaris = login(a, "sekretaris").await;
    forward(a, &sekretaris, &id).await;

    // The stream served by B carries the move made through A.
    loop {
        let e = next_event(&mut lines).await;
        if e["kind"] == "item" && e["state"] == "at_sekretariat" {
            assert_eq!(e["id"], id.as_str());
            break;
        }
    }
    // And B serves the moved item, with its whole trail, to the desk it reached.
    let item = request(b, "POST", "/api/item", Some(&kepala), Some(json!({"id": id}))).await;
    assert_eq!(item.status, 200, "{:?}", item.body);
    assert_eq!(item.body["state"], "at_sekretariat");
    assert_eq!(item.body["actions"], json!(["accept_disposition"]));
    assert_eq!(item.body["events"].as_array().map(Vec::len), Some(2));

    // Each server keeps the accounts in memory; a change made through A is what B serves next
    // (B's live query on the accounts drops its copy).
    assert_eq!(
        request(b, "POST", "/api/me", Some(&kepala), Some(json!({}))).await.body["name"],
        "Sri Rahayu"
    );
    let admin = login(a, "admin").await;
    let users = request(a, "POST", "/api/admin/users", Some(&admin), Some(json!({}))).await;
    let key = users
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "sekretariat")
        .unwrap()["id"]
        .clone();
    let form = json!({"username": "sekretariat", "password": "", "name": "Sri Rahayu Lestari", "nip": "",
                      "position": "Kepala Sekretariat", "roles": ["kepala_sekretariat"]});
    let renamed = request(
        a,
        "POST",
        "/api/admin/update-user",
        Some(&admin),
        Some(json!({"id": key, "form": form})),
    )
    .await;
    assert_eq!(renamed.status, 200, "{:?}", renamed.body);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let me = request(b, "POST", "/api/me", Some(&kepala), Some(json!({}))).await;
        if me.body["name"] == "Sri Rahayu Lestari" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "B still serves the old account: {:?}",
            me.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // Each server keeps the sessions it read in memory: signing out through A ends the session
    // on B at once (B's live query on the sessions drops its copy), though B just served it.
    assert_eq!(
        request(b, "POST", "/api/me", Some(&kepala), Some(json!({}))).await.body["username"],
        "sekretariat"
    );
    let out = request(a, "POST", "/api/logout", Some(&kepala), Some(json!({}))).await;
    assert_eq!(out.status, 200, "{:?}", out.body);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let me = request(b, "POST", "/api/me", Some(&kepala), Some(json!({}))).await;
        // Nobody signed in: `me` answers null.
        if me.status == 200 && me.body.is_null() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "B still serves the ended session: {} {:?}",
            me.status,
            me.body
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

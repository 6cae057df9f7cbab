//! A real `warta` process on an embedded database in a folder of its own, that a test can kill
//! (SIGKILL: no shutdown, no flush) and start again on the same files; and the SOP's moves and
//! draft saves as a browser sends them.
#![allow(dead_code)]

use super::raw_http::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

pub struct Warta {
    pub port: u16,
    pub data: PathBuf,
    pub min_free_mb: u64,
    child: Option<Child>,
    log: PathBuf,
}

impl Warta {
    /// Starts `warta demo` (demo accounts on first start) on `data`, and waits until it is healthy.
    pub async fn start(data: &Path, min_free_mb: u64) -> Warta {
        let mut w = Warta {
            port: free_port(),
            data: data.to_path_buf(),
            min_free_mb,
            child: None,
            // Outside the data's filesystem, which a test may fill.
            log: std::env::temp_dir().join(format!(
                "warta-test-{}.log",
                std::process::id() as u64 * 100_000 + free_port() as u64
            )),
        };
        w.restart().await;
        w
    }

    /// The database URL: the embedded engine on this folder. surrealkv, as Warta ships; or the
    /// engine `WARTA_TEST_ENGINE` names (`rocksdb`, in a build with the `rocksdb` feature), to
    /// compare engines under the same tests.
    pub fn db_url(&self) -> String {
        format!("{}://{}", engine(), self.data.join("warta").display())
    }

    /// Starts the process again on the same files (after [`Warta::kill`] or [`Warta::stop`]).
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "already running");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .arg("demo")
            .env("WARTA_ADDR", format!("127.0.0.1:{}", self.port))
            .env("WARTA_DB", self.db_url())
            .env("WARTA_MIN_FREE_MB", self.min_free_mb.to_string())
            .env("WARTA_LOG", "warn,warta=info")
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("warta starts");
        self.child = Some(child);
        for _ in 0..240 {
            if let Ok(r) = try_request(self.port, "GET", "/healthz", None, None).await {
                if r.status == 200 {
                    return;
                }
            }
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("warta exited ({status}) at start:\n{}", self.log_text());
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("warta did not become healthy:\n{}", self.log_text());
    }

    /// SIGKILL: the process ends between any two instructions, as in a power cut of the process.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM and wait: a clean shutdown.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").arg("-TERM").arg(c.id().to_string()).status();
            for _ in 0..100 {
                if c.try_wait().unwrap().is_some() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Warta {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The embedded engine under test: `surrealkv` unless `WARTA_TEST_ENGINE` says otherwise.
pub fn engine() -> String {
    std::env::var("WARTA_TEST_ENGINE").unwrap_or_else(|_| "surrealkv".into())
}

/// The item page's data, as the given user sees it.
pub async fn item(port: u16, cookie: &str, id: &str) -> Value {
    let r = request(port, "POST", "/api/item", Some(cookie), Some(json!({ "id": id }))).await;
    assert_eq!(r.status, 200, "item {id}: {:?}", r.body);
    r.body
}

/// A move as the browser sends it.
pub async fn try_move(
    port: u16,
    cookie: &str,
    id: &str,
    version: i64,
    action: &str,
    input: Value,
) -> std::io::Result<Reply> {
    let mut full = json!({"note": "", "reason": "", "staff": "", "links": []});
    if let (Some(full), Some(given)) = (full.as_object_mut(), input.as_object()) {
        for (k, v) in given {
            full.insert(k.clone(), v.clone());
        }
    }
    try_request(
        port,
        "POST",
        "/api/move",
        Some(cookie),
        Some(json!({"id": id, "version": version, "action": action, "input": full})),
    )
    .await
}

/// A draft save as the browser sends it: the revision the editor started from and the text.
pub async fn try_save(port: u16, cookie: &str, id: &str, rev: i64, title: &str) -> std::io::Result<Reply> {
    try_request(
        port,
        "POST",
        "/api/draft",
        Some(cookie),
        Some(json!({"id": id, "rev": rev, "form": draft_form(title)})),
    )
    .await
}

pub fn draft_form(title: &str) -> Value {
    json!({
        "title": title,
        "summary": "Ringkasan kegiatan.",
        "body": format!("Isi materi: {title}."),
        "activity_name": "Rapat koordinasi",
        "activity_date": office_today().format("%Y-%m-%d").to_string(),
        "activity_place": "Aula",
        "channels": ["website"],
        "kip_category": "berkala",
    })
}

/// The demo users' sessions.
pub struct Desks {
    pub ppid: String,
    pub sekretaris: String,
    pub sekretariat: String,
    pub staf: String,
}

impl Desks {
    pub async fn login(port: u16) -> Desks {
        Desks {
            ppid: login(port, "ppid").await,
            sekretaris: login(port, "sekretaris").await,
            sekretariat: login(port, "sekretariat").await,
            staf: login(port, "staf").await,
        }
    }

    /// Steps 1 to 4 through HTTP: a new item, at the staff member's desk. Returns its id.
    pub async fn drafting(&self, port: u16, perihal: &str) -> String {
        let id = create_disposition(port, &self.ppid, perihal).await;
        forward(port, &self.sekretaris, &id).await;
        let accepted = try_move(port, &self.sekretariat, &id, 2, "accept_disposition", json!({}))
            .await
            .unwrap();
        assert_eq!(accepted.status, 200, "{:?}", accepted.body);
        let staff = item(port, &self.sekretariat, &id).await["staff_options"][0]["id"].clone();
        let assigned = try_move(
            port,
            &self.sekretariat,
            &id,
            3,
            "assign_staff",
            json!({ "staff": staff }),
        )
        .await
        .unwrap();
        assert_eq!(assigned.status, 200, "{:?}", assigned.body);
        id
    }
}

/// What one client was told: the last acknowledged version of its item, and its last
/// acknowledged draft save (revision, title).
#[derive(Clone, Debug, Default)]
pub struct Acked {
    pub version: i64,
    pub state: String,
    pub rev: i64,
    pub saved: Option<(i64, String)>,
    pub moves: usize,
    pub saves: usize,
}

/// One step of the loop an item goes round in these tests: at the staff member's desk, save the
/// draft and send it for correction; at the Sekretaris', return it. Every 200 is recorded in
/// `acked`. `Err(None)`: no whole answer (the server went away); `Err(Some)`: a refusal.
pub async fn step(port: u16, desks: &Desks, id: &str, acked: &mut Acked, title: &str) -> Result<(), Option<Reply>> {
    let answer = if acked.state == "drafting" {
        match try_save(port, &desks.staf, id, acked.rev, title).await {
            Ok(r) if r.status == 200 => {
                acked.rev = r.body.as_i64().expect("the new revision");
                acked.saved = Some((acked.rev, title.to_string()));
                acked.saves += 1;
            }
            Ok(r) => return Err(Some(r)),
            Err(_) => return Err(None),
        }
        try_move(
            port,
            &desks.staf,
            id,
            acked.version,
            "submit_for_correction",
            json!({ "draft_rev": acked.rev }),
        )
        .await
    } else {
        let reason = json!({ "reason": "Mohon lengkapi ringkasannya." });
        try_move(port, &desks.sekretaris, id, acked.version, "return_to_staff", reason).await
    };
    match answer {
        Ok(r) if r.status == 200 => {
            acked.version = r.body.as_i64().expect("the new version");
            acked.state = if acked.state == "drafting" {
                "in_correction"
            } else {
                "drafting"
            }
            .into();
            acked.moves += 1;
            Ok(())
        }
        Ok(r) => Err(Some(r)),
        Err(_) => Err(None),
    }
}

/// Everything acknowledged is there, each move with its audit event and each sent draft with its
/// material version. Returns the item as stored, to go on from.
pub fn check(id: &str, stored: &Value, acked: &Acked) -> Acked {
    let version = stored["version"].as_i64().unwrap();
    let rev = stored["draft_rev"].as_i64().unwrap();
    let events = stored["events"].as_array().unwrap();
    assert!(
        version >= acked.version,
        "{id}: acknowledged v{} lost, stored v{version}",
        acked.version
    );
    assert!(version <= acked.version + 1, "{id}: more moves than were sent");
    assert_eq!(events.len() as i64, version, "{id}: one audit event per version");
    let submits = events.iter().filter(|e| e["action"] == "submit_for_correction").count();
    assert_eq!(
        stored["versions"].as_array().unwrap().len(),
        submits,
        "{id}: one material version per draft sent for correction"
    );
    assert!(
        rev >= acked.rev,
        "{id}: acknowledged draft revision {} lost, stored {rev}",
        acked.rev
    );
    if let Some((saved_rev, title)) = &acked.saved {
        if rev == *saved_rev {
            assert_eq!(stored["draft"]["title"], title.as_str(), "{id}: acknowledged text lost");
        }
    }
    Acked {
        version,
        state: stored["state"].as_str().unwrap().to_string(),
        rev,
        ..acked.clone()
    }
}

/// The item as stored now, as the starting point of what a client has been told.
pub fn acked_from(stored: &Value) -> Acked {
    Acked {
        version: stored["version"].as_i64().unwrap(),
        state: stored["state"].as_str().unwrap().to_string(),
        rev: stored["draft_rev"].as_i64().unwrap(),
        ..Acked::default()
    }
}

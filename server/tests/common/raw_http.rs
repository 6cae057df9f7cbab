//! Plain HTTP/1.1 over loopback for tests and benchmarks that talk to real `warta` processes:
//! requests, the session cookie, and live (SSE) streams read line by line.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::net::TcpListener;
use std::process::Child;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[path = "office.rs"]
mod office;
pub use office::office_today;

pub const DEMO_PASSWORD: &str = "warta-demo-2026";

/// Children that die with the test, pass or fail.
pub struct Processes(pub Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `warta demo` on an in-memory database on `port` (benchmarks), ended with the returned guard.
pub fn demo_server(exe: &str, port: u16) -> (u32, Processes) {
    let child = std::process::Command::new(exe)
        .arg("demo")
        .env("WARTA_ADDR", format!("127.0.0.1:{port}"))
        .env("WARTA_DB", "mem://")
        .env("WARTA_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("warta starts");
    (child.id(), Processes(vec![child]))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub async fn wait_for(port: u16, what: &str) {
    for _ in 0..240 {
        if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{what} did not listen on port {port}");
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub cookie: Option<String>,
    pub body: Value,
}

/// One HTTP/1.1 request over loopback (`Connection: close`).
pub async fn request(port: u16, method: &str, path: &str, cookie: Option<&str>, body: Option<Value>) -> Reply {
    try_request(port, method, path, cookie, body)
        .await
        .unwrap_or_else(|e| panic!("{method} {path} on port {port}: {e}"))
}

/// One request that may find no server (it was killed): `Err` when the connection fails or
/// closes before a whole answer, which is then not an acknowledgement.
pub async fn try_request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<Value>,
) -> std::io::Result<Reply> {
    let cookie = cookie.map(|c| ("Cookie", c));
    try_request_with(port, method, path, cookie.as_slice(), body).await
}

/// One request with the given extra header lines.
pub async fn try_request_with(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    s.write_all(format!("{head}\r\n{body}").as_bytes()).await?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).to_string();
    let Some((head, rest)) = text.split_once("\r\n\r\n") else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "no whole answer",
        ));
    };
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let cookie = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .map(|l| l[11..].trim().split(';').next().unwrap().to_string());
    let chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
    let payload = if chunked { dechunk(rest) } else { rest.to_string() };
    Ok(Reply {
        status,
        cookie,
        body: serde_json::from_str(&payload).unwrap_or(Value::String(payload)),
    })
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// The next `data:` line of a live stream, or `None` when the stream ends.
pub async fn try_next_event(lines: &mut tokio::io::Lines<BufReader<TcpStream>>) -> Option<Value> {
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(data) = line.strip_prefix("data:") {
            return serde_json::from_str::<Value>(data.trim()).ok();
        }
    }
    None
}

/// The next `data:` line of a live stream read raw from the socket.
pub async fn next_event(lines: &mut tokio::io::Lines<BufReader<TcpStream>>) -> Value {
    loop {
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("no live event within 20 s")
            .unwrap()
            .expect("stream ended");
        if let Some(data) = line.strip_prefix("data:") {
            return serde_json::from_str::<Value>(data.trim()).unwrap();
        }
    }
}

pub async fn login(port: u16, username: &str) -> String {
    let r = request(
        port,
        "POST",
        "/api/login",
        None,
        Some(json!({"username": username, "password": DEMO_PASSWORD})),
    )
    .await;
    assert_eq!(r.status, 200, "login {username}: {:?}", r.body);
    r.cookie.expect("a session cookie")
}

/// Opens `/api/live` on `port` with a session cookie; read it with [`next_event`].
pub async fn open_live(port: u16, cookie: &str) -> tokio::io::Lines<BufReader<TcpStream>> {
    let mut live = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    live.write_all(
        format!(
            "GET /api/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    BufReader::new(live).lines()
}

/// Step 1 through HTTP as the PPID Pembantu (`cookie`), addressed to the first Sekretaris.
/// Returns the new item's id.
pub async fn create_disposition(port: u16, cookie: &str, perihal: &str) -> String {
    let to = request(port, "POST", "/api/recipients", Some(cookie), Some(json!({}))).await;
    let today = office_today().format("%Y-%m-%d").to_string();
    let form = json!({
        "perihal": perihal, "activity_date": today, "activity_place": "Aula", "urgency": "biasa",
        "confidential": false, "instructions": ["buat_materi"], "note": "", "deadline": today,
        "to_user": to.body[0]["id"],
    });
    let created = request(
        port,
        "POST",
        "/api/disposition",
        Some(cookie),
        Some(json!({"form": form})),
    )
    .await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    created.body.as_str().expect("the new item's id").to_string()
}

/// Step 2 through HTTP as the Sekretaris (`cookie`): forwards item `id` at version 1.
pub async fn forward(port: u16, cookie: &str, id: &str) {
    let moved = request(
        port,
        "POST",
        "/api/move",
        Some(cookie),
        Some(json!({"id": id, "version": 1, "action": "forward_to_sekretariat",
                    "input": {"note": "", "reason": "", "staff": "", "links": []}})),
    )
    .await;
    assert_eq!(moved.status, 200, "{:?}", moved.body);
}

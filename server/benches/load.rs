//! `make bench`: moves at scale, Warta against WordPress in the same run.
//!
//! Starts the release `warta` on the embedded file engine (surrealkv, a fresh directory) and
//! gives every client its own item waiting for verification and its own sessions (the Bidang
//! and the Sekretaris). Each client alternates "Kembalikan untuk Perbaikan" and "Kirim ke
//! Verifikasi" on its item over one keep-alive HTTP connection per role, for a fixed time, at 1,
//! 8 and 64 clients. When `WARTA_BENCH_WP_URL`, `WARTA_BENCH_WP_USER` and
//! `WARTA_BENCH_WP_PASSWORD` name a WordPress (`make bench` starts the one of
//! `../shared/peers/wordpress-setup.sh`), the same clients flip their own post between "draft"
//! and "pending" through its REST API, alternating with Warta at each concurrency. Then a day
//! of 100,000 moves at 8 clients, with throughput, server memory and data size every 10,000.
//!
//! Prints moves/s, p50/p90/p99, answers by status, server CPU per move and the ratio to
//! WordPress; asserts nothing. `WARTA_LOAD_SECONDS` (default 10; 0 skips the phases),
//! `WARTA_LOAD_DAY` (default 100,000; 0 skips the day) and `WARTA_LOAD_DAY_CLIENTS` (default 8)
//! shape a run; `WARTA_LOAD_DB=mem` runs Warta on the in-memory engine.

#[path = "../tests/common/raw_http.rs"]
mod raw_http;
mod support;

use raw_http::{free_port, request, wait_for, Processes};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::pct;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const CONCURRENCY: [usize; 3] = [1, 8, 64];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One keep-alive HTTP/1.1 connection (what a browser or a client library keeps open).
struct Conn {
    io: BufReader<TcpStream>,
    host: String,
    auth: String,
}

impl Conn {
    async fn open(addr: &str, auth: String) -> Conn {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).ok();
        Conn {
            io: BufReader::new(stream),
            host: addr.to_string(),
            auth,
        }
    }

    /// Sends one request and reads its answer: status and body. A connection the server closed
    /// (Apache ends one after a number of requests) is opened again and the request sent again.
    async fn send(&mut self, method: &str, path: &str, body: &str) -> (u16, Vec<u8>) {
        for _ in 0..3 {
            match self.try_send(method, path, body).await {
                Ok(answer) => return answer,
                Err(_) => {
                    let stream = TcpStream::connect(&self.host).await.expect("connect again");
                    stream.set_nodelay(true).ok();
                    self.io = BufReader::new(stream);
                }
            }
        }
        panic!("{method} {path}: the connection keeps failing");
    }

    async fn try_send(&mut self, method: &str, path: &str, body: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n{}Content-Length: {}\r\n\r\n",
            self.host,
            self.auth,
            body.len()
        );
        let io = self.io.get_mut();
        io.write_all(head.as_bytes()).await?;
        io.write_all(body.as_bytes()).await?;
        let mut line = String::new();
        if self.io.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (mut length, mut chunked) = (0usize, false);
        loop {
            line.clear();
            self.io.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let lower = l.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            }
        }
        let mut out = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.io.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.io.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                out.extend_from_slice(&chunk[..size]);
            }
        } else {
            out.resize(length, 0);
            self.io.read_exact(&mut out).await?;
        }
        Ok((status, out))
    }
}

/// User and system CPU seconds of these processes so far.
fn cpu_seconds(pids: &[u32]) -> f64 {
    pids.iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
        .filter_map(|s| {
            // The fields after the command name (which may hold spaces) in parentheses.
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
        })
        .sum::<f64>()
        / 100.0
}

fn rss_mib(pid: u32) -> f64 {
    support::rss_kib(pid) as f64 / 1024.0
}

fn dir_mib(dir: &std::path::Path) -> f64 {
    fn walk(p: &std::path::Path) -> u64 {
        std::fs::read_dir(p)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| match e.metadata() {
                        Ok(m) if m.is_dir() => walk(&e.path()),
                        Ok(m) => m.len(),
                        Err(_) => 0,
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(dir) as f64 / (1024.0 * 1024.0)
}

/// The processes of a WordPress on this machine: Apache and MariaDB.
fn wordpress_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
                .filter(|pid| {
                    std::fs::read_to_string(format!("/proc/{pid}/comm"))
                        .map(|c| matches!(c.trim(), "apache2" | "mariadbd" | "mysqld"))
                        .unwrap_or(false)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What one phase measured.
#[derive(Default)]
struct Phase {
    ok: u64,
    seconds: f64,
    latencies: Vec<f64>,
    statuses: BTreeMap<u16, u64>,
    cpu: f64,
}

impl Phase {
    fn rate(&self) -> f64 {
        self.ok as f64 / self.seconds
    }

    fn print(&self, who: &str, clients: usize) {
        let mut l = self.latencies.clone();
        l.sort_by(f64::total_cmp);
        let statuses: Vec<String> = self.statuses.iter().map(|(s, n)| format!("{s}×{n}")).collect();
        println!(
            "{who:<9} {clients:>3} clients: {:>8.1} changes/s  p50 {:>7.2} ms  p90 {:>7.2} ms  p99 {:>8.2} ms  CPU/change {:>6.2} ms  answers {}",
            self.rate(),
            pct(&l, 0.5),
            pct(&l, 0.9),
            pct(&l, 0.99),
            self.cpu * 1000.0 / self.ok.max(1) as f64,
            statuses.join(" ")
        );
    }
}

/// One client's way of changing its own record: the connection(s) and the two requests it
/// alternates.
struct Client {
    conns: Vec<Conn>,
    /// (connection, method, path, body) for the even and the odd change.
    even: (usize, &'static str, String, Value),
    odd: (usize, &'static str, String, Value),
    /// Warta's moves name the item's version; WordPress's do not.
    version: Option<i64>,
    /// The changes made so far: which of the two comes next. Kept with the client, not with a
    /// phase, so that a client that stopped after an even change goes on with the odd one.
    made: u64,
}

impl Client {
    /// Makes the next change; a refused one (any status but 200) changed nothing and is the
    /// next one again.
    async fn change(&mut self) -> u16 {
        let (conn, method, path, body) = if self.made % 2 == 0 { &self.even } else { &self.odd };
        let mut body = body.clone();
        if let Some(v) = self.version {
            body["version"] = json!(v);
        }
        let (status, answer) = self.conns[*conn].send(method, path, &body.to_string()).await;
        if status == 200 {
            self.made += 1;
            if self.version.is_some() {
                self.version = serde_json::from_slice::<i64>(&answer).ok();
            }
        }
        status
    }
}

/// Runs `clients` for `seconds`, each changing its own record as fast as it is answered.
async fn phase(clients: Vec<Client>, seconds: f64, pids: &[u32]) -> (Phase, Vec<Client>) {
    let stop = Arc::new(AtomicBool::new(false));
    let cpu_before = cpu_seconds(pids);
    let started = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|mut c| {
            let stop = stop.clone();
            tokio::spawn(async move {
                let (mut lat, mut statuses, mut ok) = (Vec::new(), BTreeMap::new(), 0u64);
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let status = c.change().await;
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    *statuses.entry(status).or_insert(0u64) += 1;
                    // A refused change changed nothing: the client tries it again.
                    if status == 200 {
                        ok += 1;
                    }
                }
                (c, lat, statuses, ok)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut p = Phase::default();
    let mut back = Vec::new();
    for t in tasks {
        let (c, lat, statuses, ok) = t.await.unwrap();
        p.latencies.extend(lat);
        for (s, n) in statuses {
            *p.statuses.entry(s).or_insert(0) += n;
        }
        p.ok += ok;
        back.push(c);
    }
    p.seconds = started.elapsed().as_secs_f64();
    p.cpu = cpu_seconds(pids) - cpu_before;
    (p, back)
}

/// Logs in through HTTP and returns the `Cookie:` header line.
async fn session(port: u16, username: &str) -> String {
    format!("Cookie: {}\r\n", raw_http::login(port, username).await)
}

async fn call(port: u16, cookie: &str, path: &str, body: Value) -> Value {
    let r = request(port, "POST", path, Some(cookie), Some(body)).await;
    assert_eq!(r.status, 200, "{path}: {:?}", r.body);
    r.body
}

/// An item through steps 1 to 6 (waiting for verification), made through HTTP; returns its id
/// and version.
async fn item_at_verification(port: u16, cookies: &BTreeMap<&str, String>, staff: &str, k: usize) -> (String, i64) {
    let ppid = &cookies["ppid"];
    let id = raw_http::create_disposition(port, ppid, &format!("Pengukuran beban {k}")).await;
    let moves = [
        ("sekretaris", "forward_to_sekretariat", ""),
        ("sekretariat", "accept_disposition", ""),
        ("sekretariat", "assign_staff", staff),
    ];
    let mut version = 1;
    for (who, action, staff) in moves {
        version = call(
            port,
            &cookies[who],
            "/api/move",
            json!({"id": id, "version": version, "action": action,
                   "input": {"note": "", "reason": "", "staff": staff, "links": []}}),
        )
        .await
        .as_i64()
        .unwrap();
    }
    let today = raw_http::office_today().format("%Y-%m-%d").to_string();
    let form = json!({
        "title": format!("Kegiatan {k}"), "summary": "Ringkasan kegiatan.", "body": "Isi materi kegiatan.",
        "activity_name": "Rapat", "activity_date": today, "activity_place": "Aula",
        "channels": ["website"], "kip_category": "berkala",
        "register": {"unit": "Diskominfo", "responsible": "Kabid", "form": "softcopy", "retention": "5 tahun", "consequence_test": ""},
    });
    call(
        port,
        &cookies["staf"],
        "/api/draft",
        json!({"id": id, "rev": 0, "form": form}),
    )
    .await;
    for (who, action) in [
        ("staf", "submit_for_correction"),
        ("sekretaris", "send_to_verification"),
    ] {
        version = call(
            port,
            &cookies[who],
            "/api/move",
            json!({"id": id, "version": version, "action": action,
                   "input": {"note": "", "reason": "", "staff": "", "links": []}}),
        )
        .await
        .as_i64()
        .unwrap();
    }
    (id, version)
}

/// Warta's clients: each its own item and its own sessions of the Bidang and the Sekretaris.
async fn warta_clients(port: u16, n: usize, staff: &str, cookies: &BTreeMap<&str, String>) -> Vec<Client> {
    let mut clients = Vec::new();
    for k in 0..n {
        let (id, version) = item_at_verification(port, cookies, staff, k).await;
        let addr = format!("127.0.0.1:{port}");
        let conns = vec![
            Conn::open(&addr, session(port, "verifikator").await).await,
            Conn::open(&addr, session(port, "sekretaris").await).await,
        ];
        let input = |reason: &str| json!({"note": "", "reason": reason, "staff": "", "links": []});
        clients.push(Client {
            conns,
            even: (
                0,
                "POST",
                "/api/move".into(),
                json!({"id": id, "action": "return_for_revision", "input": input("Perbaiki judulnya.")}),
            ),
            odd: (
                1,
                "POST",
                "/api/move".into(),
                json!({"id": id, "action": "send_to_verification", "input": input("")}),
            ),
            version: Some(version),
            made: 0,
        });
    }
    clients
}

struct WordPress {
    addr: String,
    auth: String,
}

impl WordPress {
    fn from_env() -> Option<WordPress> {
        use base64::Engine;
        let url = std::env::var("WARTA_BENCH_WP_URL").ok()?;
        let user = std::env::var("WARTA_BENCH_WP_USER").ok()?;
        let password = std::env::var("WARTA_BENCH_WP_PASSWORD").ok()?;
        let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Some(WordPress {
            addr,
            auth: format!("Authorization: Basic {token}\r\n"),
        })
    }

    /// Each client its own draft post, flipped between "pending" and "draft".
    async fn clients(&self, n: usize) -> Vec<Client> {
        let mut clients = Vec::new();
        for k in 0..n {
            let mut conn = Conn::open(&self.addr, self.auth.clone()).await;
            let (status, body) = conn
                .send(
                    "POST",
                    "/index.php?rest_route=/wp/v2/posts",
                    &json!({"title": format!("Pengukuran beban {k}"), "content": "Isi.", "status": "draft"})
                        .to_string(),
                )
                .await;
            assert!(
                status == 201,
                "WordPress post not created: {status} {}",
                String::from_utf8_lossy(&body)
            );
            let id = serde_json::from_slice::<Value>(&body).unwrap()["id"].as_i64().unwrap();
            let path = format!("/index.php?rest_route=/wp/v2/posts/{id}");
            clients.push(Client {
                conns: vec![conn],
                even: (0, "POST", path.clone(), json!({"status": "pending"})),
                odd: (0, "POST", path, json!({"status": "draft"})),
                version: None,
                made: 0,
            });
        }
        clients
    }
}

fn main() {
    support::block_on(run());
}

async fn run() {
    let seconds = env_number("WARTA_LOAD_SECONDS", 10) as f64;
    let day = env_number("WARTA_LOAD_DAY", 100_000);
    let dir = std::env::temp_dir().join(format!("warta-bench-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("demo")
        .env("WARTA_ADDR", format!("127.0.0.1:{port}"))
        // `WARTA_LOAD_DB=mem` compares the engine with the in-memory one.
        .env(
            "WARTA_DB",
            match std::env::var("WARTA_LOAD_DB").as_deref() {
                Ok("mem") => "mem://".to_string(),
                _ => format!("surrealkv://{}", dir.join("warta").display()),
            },
        )
        .env("WARTA_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("warta starts");
    let pid = child.id();
    let _procs = Processes(vec![child]);
    wait_for(port, "warta").await;

    let mut cookies = BTreeMap::new();
    for u in ["ppid", "sekretaris", "sekretariat", "staf", "admin"] {
        cookies.insert(u, raw_http::login(port, u).await);
    }
    let users = call(port, &cookies["admin"], "/api/admin/users", json!({})).await;
    let staff = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "staf")
        .and_then(|u| u["id"].as_str())
        .unwrap()
        .to_string();
    let wordpress = WordPress::from_env();
    if wordpress.is_none() {
        println!("(no WordPress named by WARTA_BENCH_WP_URL/USER/PASSWORD: Warta alone)");
    }

    println!("moves at scale: {seconds:.0} s per phase, release warta on surrealkv, keep-alive HTTP on loopback");
    for clients in CONCURRENCY.into_iter().filter(|_| seconds > 0.0) {
        let warta = warta_clients(port, clients, &staff, &cookies).await;
        let (w, _) = phase(warta, seconds, &[pid]).await;
        w.print("warta", clients);
        if let Some(wp) = &wordpress {
            let wp_clients = wp.clients(clients).await;
            let (p, _) = phase(wp_clients, seconds, &wordpress_pids()).await;
            p.print("wordpress", clients);
            println!(
                "          {clients:>3} clients: Warta ÷ WordPress = {:.1}×",
                w.rate() / p.rate()
            );
        }
    }

    if day > 0 {
        let n = env_number("WARTA_LOAD_DAY_CLIENTS", 8) as usize;
        println!("a day of {day} moves at {n} clients (every 10,000: rate, server RSS, data size):");
        let mut clients = warta_clients(port, n, &staff, &cookies).await;
        let (mut done, mut first_rate) = (0u64, None);
        while done < day {
            let stop_at = done + 10_000;
            let count = Arc::new(AtomicU64::new(done));
            let refused = Arc::new(AtomicU64::new(0));
            let cpu_before = cpu_seconds(&[pid]);
            let started = Instant::now();
            let tasks: Vec<_> = clients
                .into_iter()
                .map(|mut c| {
                    let (count, refused) = (count.clone(), refused.clone());
                    tokio::spawn(async move {
                        while count.load(Ordering::Relaxed) < stop_at {
                            let counter = if c.change().await == 200 { &count } else { &refused };
                            counter.fetch_add(1, Ordering::Relaxed);
                        }
                        c
                    })
                })
                .collect();
            clients = Vec::new();
            for t in tasks {
                clients.push(t.await.unwrap());
            }
            let moved = count.load(Ordering::Relaxed) - done;
            done += moved;
            let rate = moved as f64 / started.elapsed().as_secs_f64();
            let cpu_ms = (cpu_seconds(&[pid]) - cpu_before) * 1000.0 / moved.max(1) as f64;
            let first = *first_rate.get_or_insert(rate);
            println!(
                "  {done:>7} moves: {rate:>7.1} moves/s ({:>5.1}% of the first 10,000)  server CPU {cpu_ms:>5.2} ms/move  RSS {:>6.1} MiB  data {:>7.1} MiB  refused {}",
                rate * 100.0 / first,
                rss_mib(pid),
                dir_mib(&dir),
                refused.load(Ordering::Relaxed)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

//! `make bench`: the public portal with 10,000 published items, on the embedded engine: the
//! list (first and a later page), a full-text search, a category filter, each a whole HTTP
//! request through the router (query and HTML), 200 times, p50 and p95; against the baseline
//! of `GET /healthz` in the same run. Prints figures; asserts nothing.

use app::server::db::{self, DbConfig};
use app::server::public::{InfoRow, LinkRow};
use app::server::AppState;
use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use chrono::{Duration, TimeZone, Utc};
use std::time::Instant;
use tower::ServiceExt;

const ITEMS: usize = 10_000;
const BATCH: usize = 500;
const TOPICS: [&str; 10] = [
    "rapat koordinasi",
    "sosialisasi pajak",
    "vaksinasi anak",
    "banjir bandang",
    "pelatihan UMKM",
    "lelang jabatan",
    "festival budaya",
    "perbaikan jalan",
    "bantuan sosial",
    "anggaran desa",
];
const KIP: [&str; 3] = ["berkala", "serta_merta", "setiap_saat"];

fn pct(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = db::open(&DbConfig::memory("bench")).await.unwrap();
        let start = Utc.with_ymd_and_hms(2025, 1, 2, 2, 0, 0).unwrap();
        let seeding = Instant::now();
        for batch in 0..ITEMS / BATCH {
            let rows: Vec<InfoRow> = (0..BATCH)
                .map(|j| {
                    let n = batch * BATCH + j;
                    let topic = TOPICS[n % TOPICS.len()];
                    let published = start + Duration::minutes(n as i64 * 97);
                    let title = format!("Kegiatan {topic} nomor {n}");
                    let summary = format!("Ringkasan {topic} di kecamatan {}", n % 17);
                    let body = format!("Pemerintah kabupaten melaksanakan {topic}. Kegiatan ke-{n} dihadiri warga.");
                    InfoRow {
                        key: format!("bench{n:06}"),
                        dip_no: format!("DIP/{}/{:05}", 2025 + n / 5000, n),
                        agenda_no: format!("{n:04}/DISP/2025"),
                        title: title.clone(),
                        summary: summary.clone(),
                        body_html: format!("<p>{body}</p>"),
                        unit: "Dinas Komunikasi dan Informatika".into(),
                        responsible: "Kepala Bidang Informasi Publik".into(),
                        made_date: published.format("%Y-%m-%d").to_string(),
                        made_place: "Aula".into(),
                        form: "Softcopy".into(),
                        retention: "5 tahun".into(),
                        kip: KIP[n % KIP.len()].into(),
                        published_at: published,
                        year: i64::from(chrono::Datelike::year(&published)),
                        links: vec![LinkRow {
                            channel: "website".into(),
                            url: format!("https://contoh.go.id/{n}"),
                        }],
                        media: vec![],
                        search: app::server::public::search_terms(&format!("{title} {summary} {body}")),
                    }
                })
                .collect();
            db.query("FOR $r IN $rows { CREATE type::record('public_info', [$r.published_at, $r.key]) CONTENT $r; }")
                .bind(("rows", rows))
                .await
                .and_then(|r| r.check())
                .unwrap();
        }
        println!(
            "engine: mem://; seeded {ITEMS} published items in {:.1} s",
            seeding.elapsed().as_secs_f64()
        );

        let cfg = server::Config {
            addr: "127.0.0.1:0".into(),
            db: DbConfig::memory("unused"),
            zone: Default::default(),
            session_hours: 8,
            public_url: "https://ppid.contoh.go.id".into(),
            min_free_mb: 0,
            push_contact: "mailto:ppid@contoh.go.id".into(),
            push_also: Vec::new(),
            media_dir: std::env::temp_dir().join("warta-bench-media"),
            secret_key: None,
        };
        let app = server::router(AppState::start(db), server::leptos_options(&cfg.addr), &cfg);
        let run = |path: &'static str| {
            let app = app.clone();
            async move {
                let mut ms = Vec::new();
                let mut bytes = 0;
                for _ in 0..200 {
                    let t = Instant::now();
                    let res = app
                        .clone()
                        .oneshot(Request::get(path).body(Body::empty()).unwrap())
                        .await
                        .unwrap();
                    assert_eq!(res.status(), StatusCode::OK, "{path}");
                    bytes = to_bytes(res.into_body(), 1 << 22).await.unwrap().len();
                    ms.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                ms.sort_by(|a, b| a.total_cmp(b));
                (pct(&ms, 0.5), pct(&ms, 0.95), bytes)
            }
        };
        let (base50, base95, _) = run("/healthz").await;
        println!("baseline GET /healthz: p50 {base50:.2} ms, p95 {base95:.2} ms");
        for (name, path) in [
            ("list, page 1", "/informasi"),
            ("list, page 200", "/informasi?halaman=200"),
            ("search \"banjir\"", "/informasi?q=banjir"),
            ("search \"vaksinasi anak\"", "/informasi?q=vaksinasi+anak"),
            ("category + year", "/informasi?kategori=berkala&tahun=2025"),
        ] {
            let (p50, p95, bytes) = run(path).await;
            println!(
                "{name:<28} p50 {p50:6.2} ms, p95 {p95:6.2} ms ({:.1}x the baseline p95), {} KiB of HTML",
                p95 / base95,
                bytes / 1024
            );
        }
    });
}

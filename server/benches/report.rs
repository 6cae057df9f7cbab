//! `make bench`: the report for one year with 20,000 items and their moves (nine steps each,
//! 180,000 audit events, and their facts folded into one record per day, as the folder leaves
//! them), on the embedded engine.
//! Median and p90 of 7 runs, against the baseline of only reading the year's audit events
//! (what a report without rollups would have to do), in the same run.
//! Prints figures; asserts nothing (the machines are shared and noisy).

use app::domain::report::Period;
use app::domain::settings::OfficeSettings;
use app::domain::time::OfficeZone;
use app::server::db::{self, DbConfig};
use app::server::reports;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use std::time::Instant;
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct PublicationSeed {
    channel: String,
    url: String,
}

#[derive(SurrealValue)]
struct ItemSeed {
    id: surrealdb::types::RecordId,
    agenda_year: i64,
    agenda_seq: i64,
    perihal: String,
    activity_date: String,
    activity_place: String,
    urgency: String,
    confidential: bool,
    instructions: Vec<String>,
    disposition_note: String,
    deadline: String,
    from_user: String,
    to_user: String,
    state: String,
    version: i64,
    participants: Vec<String>,
    drafters: Vec<String>,
    last_actor_name: String,
    created_at: chrono::DateTime<Utc>,
    updated_at: chrono::DateTime<Utc>,
    state_since: chrono::DateTime<Utc>,
    publications: Vec<PublicationSeed>,
    published_at: chrono::DateTime<Utc>,
    kip_category: String,
}

#[derive(SurrealValue)]
struct EventSeed {
    item: String,
    seq: i64,
    at: chrono::DateTime<Utc>,
    actor: String,
    actor_name: String,
    role: String,
    action: String,
    to_state: String,
    note: String,
    step: i64,
    spent: i64,
    target: i64,
}

/// What the baseline reads: the same columns as the report.
#[derive(SurrealValue)]
#[allow(dead_code)]
struct SampleRow {
    item: String,
    step: i64,
    actor: String,
    actor_name: String,
    spent: i64,
    target: i64,
}

fn items() -> usize {
    std::env::var("WARTA_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}
const BATCH: usize = 500;
const CHANNELS: [&str; 4] = ["website", "instagram", "facebook", "x"];
const KIP: [&str; 3] = ["berkala", "serta_merta", "setiap_saat"];
const PEOPLE: [&str; 12] = [
    "ppid",
    "sekretaris",
    "sekretariat",
    "staf1",
    "staf2",
    "staf3",
    "staf4",
    "staf5",
    "staf6",
    "verifikator",
    "sekretaris2",
    "verifikator2",
];

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let url = std::env::var("WARTA_BENCH_DB").unwrap_or_else(|_| "mem://".into());
        let dir = std::env::temp_dir().join(format!("warta-bench-report-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let url = if url == "surrealkv" { format!("surrealkv://{}", dir.display()) } else { url };
        let db = db::open(&DbConfig { url: url.clone(), ..DbConfig::memory("bench") }).await.unwrap();

        // One year of items, spread over the working days, each through the nine steps.
        let start = OfficeZone::Wib
            .offset()
            .from_local_datetime(&NaiveDate::from_ymd_opt(2026, 1, 2).unwrap().and_hms_opt(8, 0, 0).unwrap())
            .single()
            .unwrap()
            .with_timezone(&Utc);
        let seeding = Instant::now();
        // The facts the moves create (see app::server::reports), folded into one record per day
        // as the folder leaves a day that is over.
        let local_day = |t: chrono::DateTime<Utc>| OfficeZone::Wib.today(t).format("%Y-%m-%d").to_string();
        let mut facts: Vec<reports::Fact> = Vec::with_capacity(items() * 9);
        let n_items = items();
        for batch in 0..n_items / BATCH {
            let mut items = Vec::with_capacity(BATCH);
            let mut events = Vec::with_capacity(BATCH * 9);
            for j in 0..BATCH {
                let n = batch * BATCH + j;
                let created = start + Duration::minutes((n as i64 * 26) % (360 * 24 * 60));
                let id = format!("bench{n:06}");
                let mut at = created;
                for step in 1..=9i64 {
                    let spent = if step == 1 { 0 } else { ((n as i64 * 7919 + step * 104_729) % 7200) + 60 };
                    at += Duration::seconds(spent);
                    let actor = PEOPLE[(n + step as usize) % PEOPLE.len()];
                    let target = if step == 5 || step == 7 { 28_800 } else { 3600 };
                    facts.push(reports::Fact {
                        id: surrealdb::types::RecordId::new("move_fact", format!("{id}-{step}").as_str()),
                        day: local_day(at),
                        item: id.clone(),
                        actor: actor.into(),
                        actor_name: actor.into(),
                        step: Some(step),
                        spent: Some(spent),
                        target: Some(target),
                        outcome: (step == 1).then(|| "started".to_string()),
                        channels: None,
                        kip: None,
                    });
                    events.push(EventSeed {
                        item: id.clone(),
                        seq: step,
                        at,
                        actor: actor.into(),
                        actor_name: actor.into(),
                        role: "sekretaris".into(),
                        action: if step == 9 { "mark_published" } else { "approve" }.into(),
                        to_state: "published".into(),
                        note: String::new(),
                        step,
                        spent,
                        target,
                    });
                }
                facts.push(reports::Fact {
                    id: surrealdb::types::RecordId::new("move_fact", format!("{id}-published").as_str()),
                    day: local_day(at),
                    item: id.clone(),
                    actor: "staf1".into(),
                    actor_name: "staf1".into(),
                    step: None,
                    spent: None,
                    target: None,
                    outcome: Some("published".into()),
                    channels: Some(CHANNELS.iter().take(1 + n % CHANNELS.len()).map(|c| c.to_string()).collect()),
                    kip: Some(KIP[n % KIP.len()].to_string()),
                });
                let publications = CHANNELS
                    .iter()
                    .take(1 + n % CHANNELS.len())
                    .map(|c| PublicationSeed { channel: c.to_string(), url: format!("https://contoh.go.id/{c}/{n}") })
                    .collect();
                items.push(ItemSeed {
                    id: surrealdb::types::RecordId::new("item", id.as_str()),
                    agenda_year: 2026,
                    agenda_seq: n as i64 + 1,
                    perihal: format!("Kegiatan {n}"),
                    activity_date: "2026-01-02".into(),
                    activity_place: "Aula".into(),
                    urgency: "biasa".into(),
                    confidential: false,
                    instructions: vec!["buat_materi".into()],
                    disposition_note: String::new(),
                    deadline: "2026-12-31".into(),
                    from_user: "ppid".into(),
                    to_user: "sekretaris".into(),
                    state: "published".into(),
                    version: 10,
                    participants: vec![],
                    drafters: vec![],
                    last_actor_name: "staf".into(),
                    created_at: created,
                    updated_at: at,
                    state_since: at,
                    publications,
                    published_at: at,
                    kip_category: KIP[n % KIP.len()].into(),
                });
            }
            db.query("INSERT INTO item $items; INSERT INTO audit_event $events;")
                .bind(("items", items))
                .bind(("events", events))
                .await
                .and_then(|r| r.check())
                .unwrap();
        }
        let folds: Vec<reports::Fold> = reports::fold_by_day(&facts).into_values().collect();
        let days = folds.len();
        db.query("INSERT INTO day_fold $f")
            .bind(("f", folds))
            .await
            .and_then(|r| r.check())
            .unwrap();
        println!("{days} office days, one fold each");
        println!("engine: {url}; seeded {n_items} items and {} audit events in {:.1} s", n_items * 9, seeding.elapsed().as_secs_f64());

        let settings = OfficeSettings::defaults(OfficeZone::Wib);
        let year = Period::year_of(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        let (from, to) = reports::bounds(year, &settings);
        let (mut report_ms, mut baseline_ms) = (Vec::new(), Vec::new());
        let mut last = None;
        for _ in 0..7 {
            let t = Instant::now();
            let mut res = db
                .query("SELECT item, step, actor, actor_name, spent, target FROM audit_event WHERE at >= $from AND at < $to")
                .bind(("from", from))
                .bind(("to", to))
                .await
                .unwrap();
            let rows: Vec<SampleRow> = res.take(0).unwrap();
            baseline_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(rows.len(), n_items * 9);
            let t = Instant::now();
            last = Some(reports::report(&db, year).await.unwrap());
            report_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        for v in [&mut report_ms, &mut baseline_ms] {
            v.sort_by(|a, b| a.total_cmp(b));
        }
        let r = last.unwrap();
        println!(
            "report (1 year: {} started, {} published, {} steps measured): median {:.0} ms, p90 {:.0} ms",
            r.started,
            r.finished,
            r.steps.iter().map(|s| s.count).sum::<u32>(),
            report_ms[3],
            report_ms[6]
        );
        println!(
            "baseline (only reading the year's 180,000 audit events): median {:.0} ms, p90 {:.0} ms; report = {:.2}x the baseline",
            baseline_ms[3],
            baseline_ms[6],
            report_ms[3] / baseline_ms[3]
        );
        let _ = std::fs::remove_dir_all(&dir);
    });
}

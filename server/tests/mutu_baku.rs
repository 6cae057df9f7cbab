//! Mutu baku against a real (in-memory) SurrealDB: settings the admin changes apply to steps
//! that start afterwards; reports equal figures computed here independently; exports read back.
#![cfg(feature = "ssr")]

mod common;

use app::domain::report::Period;
use app::domain::settings::OfficeSettings;
use app::domain::time::OfficeZone;
use app::domain::{ActionKind as A, DispositionForm, DraftForm, Role};
use app::server::accounts::UserRow;
use app::server::items::{self, AsOf};
use app::server::{reports, settings};
use app::views::MoveInput;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::oneshot::{app, call, get, login};
use common::World;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn wib(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    OfficeZone::Wib
        .offset()
        .from_local_datetime(&day.and_hms_opt(h, m, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn form(w: &World, day: NaiveDate, perihal: &str) -> DispositionForm {
    DispositionForm {
        perihal: perihal.into(),
        activity_date: day.format("%Y-%m-%d").to_string(),
        activity_place: "Aula Kantor Bupati".into(),
        urgency: "biasa".into(),
        confidential: false,
        instructions: vec!["buat_materi".into()],
        note: String::new(),
        deadline: (day + Duration::days(3)).format("%Y-%m-%d").to_string(),
        to_user: w.sekretaris.key.clone(),
        form_key: String::new(),
    }
}

async fn create_at(w: &World, day: NaiveDate, at: DateTime<Utc>, perihal: &str) -> String {
    let d = form(w, day, perihal).parse(day).unwrap();
    items::create_disposition(&w.state.db, &w.ppid, d, at).await.unwrap()
}

async fn settings_of(w: &World) -> (OfficeSettings, i64) {
    settings::load_versioned(&w.state.db).await.unwrap()
}

#[tokio::test]
async fn a_changed_target_applies_to_steps_that_start_after_it() {
    let w = World::new().await;
    let db = &w.state.db;
    let before = w.create().await;
    let (current, version) = settings_of(&w).await;
    let mut f = current.form();
    f.steps[1].amount = "3".into(); // step 2: 1 → 3 working hours
    f.steps[2].amount = "2".into(); // step 3: 1 → 2 working hours
    let changed = f.parse(&current).unwrap();
    let v2 = settings::save(db, &w.admin, &changed, version, Utc::now())
        .await
        .unwrap();
    assert_eq!(v2, version + 1);
    // Saving against the old version again is refused and changes nothing.
    let stale = settings::save(db, &w.admin, &current, version, Utc::now()).await;
    assert_eq!(stale.unwrap_err().into_app().status(), 409);
    assert_eq!(settings_of(&w).await, (changed.clone(), v2));

    let after = w.create().await;
    let sekretaris = &w.sekretaris;
    let clock = |id: String| async move {
        let at = AsOf::load(db, Utc::now()).await.unwrap();
        items::detail(db, sekretaris, &id, &at).await.unwrap().clock.unwrap()
    };
    assert_eq!(
        clock(before.clone()).await.target,
        3600,
        "a running step keeps its standard"
    );
    assert_eq!(
        clock(after.clone()).await.target,
        3 * 3600,
        "a new step gets the new one"
    );
    // The item that started before the change gets the new standard at its next step.
    w.moved(&w.sekretaris, &before, A::ForwardToSekretariat, MoveInput::default())
        .await;
    let next = clock(before.clone()).await;
    assert_eq!((next.step, next.target), (3, 2 * 3600));
}

#[tokio::test]
async fn settings_are_the_admins_and_bad_ones_change_nothing() {
    let w = World::new().await;
    let app = app(&w);
    let (current, version) = settings_of(&w).await;
    let mut f = current.form();
    f.steps[4].amount = "2".into();
    let body = json!({ "version": version, "form": f });

    let sekretaris = login(&app, "sekretaris").await;
    let r = call(&app, "/api/admin/settings", Some(&sekretaris), body.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let admin = login(&app, "admin").await;
    let mut bad = f.clone();
    bad.closes = "07:00".into();
    let r = call(
        &app,
        "/api/admin/settings",
        Some(&admin),
        json!({ "version": version, "form": bad }),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["Invalid"]["field"], "closes", "{:?}", r.body);
    assert_eq!(settings_of(&w).await, (current.clone(), version), "nothing changed");

    let r = call(&app, "/api/admin/settings", Some(&admin), body.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let r = call(&app, "/api/admin/settings", Some(&admin), body).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "a second save from the same old page");

    let (saved, v) = settings_of(&w).await;
    assert_eq!(saved.standards[4].target, app::domain::calendar::Target::WorkingDays(2));
    let holidays =
        json!({ "version": v, "year": 2026, "lines": "2026-12-25 Hari Raya Natal\n2026-12-24 Cuti bersama" });
    let r = call(&app, "/api/admin/holidays", Some(&admin), holidays).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let (saved, _) = settings_of(&w).await;
    assert_eq!(
        saved.holiday_lines(2026),
        "2026-12-24 Cuti bersama\n2026-12-25 Hari Raya Natal"
    );
    assert_eq!(
        saved.standards[4].target,
        app::domain::calendar::Target::WorkingDays(2),
        "kept"
    );
}

/// What the test expects the report to be built from: (item, step, actor, spent, target).
type Expected = Vec<(String, u8, String, i64, i64)>;

struct Clock {
    at: DateTime<Utc>,
}

impl Clock {
    fn after(&mut self, minutes: i64) -> DateTime<Utc> {
        self.at += Duration::minutes(minutes);
        self.at
    }
}

/// Drives one item through the SOP on one working day, each step taking the given minutes,
/// and records what each move should have measured.
#[allow(clippy::too_many_arguments)]
async fn through_the_sop(
    w: &World,
    day: NaiveDate,
    k: i64,
    minutes: [i64; 8],
    revision: bool,
    channels: &[&str],
    expected: &mut Expected,
) {
    let db = &w.state.db;
    let mut clock = Clock { at: wib(day, 8, 0) };
    let id = create_at(w, day, clock.at, &format!("Kegiatan nomor {k}")).await;
    expected.push((id.clone(), 1, w.ppid.key.clone(), 0, 3600));
    let mut version = 1;
    let targets = [3600, 3600, 3600, 8 * 3600, 4 * 3600, 8 * 3600, 3600, 2 * 3600];
    let mut step = |who: &UserRow, kind: A, input: MoveInput, i: usize, minutes: i64, clock: &mut Clock| {
        let at = clock.after(minutes);
        let who = who.clone();
        let id = id.clone();
        expected.push((id.clone(), i as u8 + 2, who.key.clone(), minutes * 60, targets[i]));
        version += 1;
        let v = version - 1;
        async move {
            items::perform(db, &who, &id, v, kind, &input, at)
                .await
                .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        }
    };
    step(
        &w.sekretaris,
        A::ForwardToSekretariat,
        MoveInput::default(),
        0,
        minutes[0],
        &mut clock,
    )
    .await;
    step(
        &w.kepala,
        A::AcceptDisposition,
        MoveInput::default(),
        1,
        minutes[1],
        &mut clock,
    )
    .await;
    step(&w.kepala, A::AssignStaff, w.staff(), 2, minutes[2], &mut clock).await;
    let draft = DraftForm {
        channels: channels.iter().map(|c| c.to_string()).collect(),
        activity_date: day.format("%Y-%m-%d").to_string(),
        ..w.draft(&format!("Materi kegiatan nomor {k}"))
    };
    items::save_draft(db, &w.staf, &id, w.draft_rev(&id).await, &draft, day, clock.at)
        .await
        .unwrap();
    step(
        &w.staf,
        A::SubmitForCorrection,
        MoveInput::default(),
        3,
        minutes[3],
        &mut clock,
    )
    .await;
    step(
        &w.sekretaris,
        A::SendToVerification,
        MoveInput::default(),
        4,
        minutes[4],
        &mut clock,
    )
    .await;
    if revision {
        step(
            &w.verifikator,
            A::ReturnForRevision,
            World::reason("Perbaiki judul."),
            5,
            30,
            &mut clock,
        )
        .await;
        step(
            &w.sekretaris,
            A::SendToVerification,
            MoveInput::default(),
            4,
            20,
            &mut clock,
        )
        .await;
    }
    step(
        &w.verifikator,
        A::Approve,
        MoveInput::default(),
        5,
        minutes[5],
        &mut clock,
    )
    .await;
    step(
        &w.sekretaris,
        A::OrderPublication,
        MoveInput::default(),
        6,
        minutes[6],
        &mut clock,
    )
    .await;
    let links = MoveInput {
        links: channels
            .iter()
            .map(|c| (c.to_string(), format!("https://contoh.go.id/{c}/{k}")))
            .collect(),
        ..Default::default()
    };
    step(&w.staf, A::MarkPublished, links, 7, minutes[7], &mut clock).await;
}

fn median(mut v: Vec<i64>) -> i64 {
    v.sort();
    let n = v.len();
    if n == 0 {
        0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    }
}

fn p90(mut v: Vec<i64>) -> i64 {
    v.sort();
    // Nearest rank: the ceil(0.9 n)-th smallest.
    let rank = ((v.len() as f64) * 0.9).ceil() as usize;
    if v.is_empty() {
        0
    } else {
        v[rank.max(1) - 1]
    }
}

/// Six items published over a week, one returned once for revision, one cancelled, one
/// entirely before the period.
async fn seeded() -> (World, Period, Expected) {
    let w = World::new().await;
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let period = Period {
        from: monday,
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    };
    let mut expected = Expected::new();
    // Before the period: must not count anywhere.
    let friday = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let early = create_at(&w, friday, wib(friday, 9, 0), "Kegiatan sebelum periode").await;
    items::perform(
        &w.state.db,
        &w.sekretaris,
        &early,
        1,
        A::ForwardToSekretariat,
        &MoveInput::default(),
        wib(friday, 10, 0),
    )
    .await
    .unwrap();
    let days = [0, 1, 2, 3, 4, 7].map(|d| monday + Duration::days(d));
    for (k, day) in days.into_iter().enumerate() {
        let k = k as i64;
        let minutes = [20 + 10 * k, 30, 40 + 10 * k, 60, 30 + 20 * k, 30, 15, 30];
        let channels: &[&str] = if k % 2 == 0 {
            &["website", "instagram"]
        } else {
            &["website", "facebook"]
        };
        through_the_sop(&w, day, k, minutes, k == 0, channels, &mut expected).await;
    }
    // Cancelled on the Wednesday: its creation counts, the cancellation is no step's work.
    let wed = monday + Duration::days(2);
    let cancelled = create_at(&w, wed, wib(wed, 13, 0), "Kegiatan yang dibatalkan").await;
    expected.push((cancelled.clone(), 1, w.ppid.key.clone(), 0, 3600));
    items::perform(
        &w.state.db,
        &w.ppid,
        &cancelled,
        1,
        A::Cancel,
        &World::reason("Kegiatan ditunda."),
        wib(wed, 14, 0),
    )
    .await
    .unwrap();
    (w, period, expected)
}

#[tokio::test]
async fn the_report_equals_figures_computed_independently() {
    let (w, period, expected) = seeded().await;
    let r = reports::report(&w.state.db, period).await.unwrap();

    assert_eq!((r.started, r.finished, r.cancelled), (7, 6, 1));
    for step in 1..=9u8 {
        let of: Vec<&(String, u8, String, i64, i64)> = expected.iter().filter(|e| e.1 == step).collect();
        let spent: Vec<i64> = of.iter().map(|e| e.3).collect();
        let got = &r.steps[usize::from(step) - 1];
        assert_eq!(got.step, step);
        assert_eq!(got.count as usize, of.len(), "step {step} count");
        assert_eq!(got.median, median(spent.clone()), "step {step} median");
        assert_eq!(got.p90, p90(spent.clone()), "step {step} p90");
        assert_eq!(
            got.on_time as usize,
            of.iter().filter(|e| e.3 <= e.4).count(),
            "step {step} on time"
        );
        let late: i64 = of.iter().map(|e| (e.3 - e.4).max(0)).sum();
        assert_eq!(got.late_seconds, late, "step {step} late time");
    }
    // Step 4 (40..90 minutes against 1 hour) runs over most: 10 + 20 + 30 minutes.
    assert_eq!(r.bottleneck, Some(4));
    assert_eq!(r.steps[3].late_seconds, 60 * 60);

    let mut people: BTreeMap<&str, (BTreeSet<&str>, u32, u32)> = BTreeMap::new();
    for (item, _, actor, spent, target) in &expected {
        let p = people.entry(actor).or_default();
        p.0.insert(item);
        p.1 += 1;
        p.2 += u32::from(spent <= target);
    }
    for (who, (items, moves, on_time)) in people {
        let name = &w.everyone().into_iter().find(|u| u.key == who).unwrap().name;
        let got = r.people.iter().find(|p| &p.name == name).unwrap();
        assert_eq!(
            (got.items, got.moves, got.on_time),
            (items.len() as u32, moves, on_time),
            "{name}"
        );
    }
    let count = |c: app::domain::Channel| r.channels.iter().find(|(x, _)| *x == c).unwrap().1;
    use app::domain::Channel::*;
    assert_eq!(
        (count(Website), count(Instagram), count(Facebook), count(X)),
        (6, 3, 3, 0)
    );
    let berkala = r
        .kip
        .iter()
        .find(|(k, _)| *k == app::domain::KipCategory::Berkala)
        .unwrap()
        .1;
    assert_eq!(berkala, 6);

    // A period that ends the day before holds only the early item's moves.
    let before = Period {
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    };
    let r = reports::report(&w.state.db, before).await.unwrap();
    assert_eq!((r.started, r.finished, r.steps[1].count), (1, 0, 1));
}

#[tokio::test]
async fn the_exports_read_back_with_their_values() {
    use calamine::{Data, DataType, Reader, Xlsx};
    let (w, period, _) = seeded().await;
    let r = reports::report(&w.state.db, period).await.unwrap();
    let app = app(&w);
    let q = "/laporan/ekspor?dari=2026-11-23&sampai=2026-11-30";

    let (status, ..) = get(&app, &format!("{q}&format=xlsx"), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let staf = login(&app, "staf").await;
    let (status, ..) = get(&app, &format!("{q}&format=xlsx"), Some(&staf)).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "per-person figures are not for the staff"
    );

    let kepala = login(&app, "sekretariat").await;
    let (status, kind, bytes) = get(&app, &format!("{q}&format=xlsx"), Some(&kepala)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        vec![
            "Ringkasan",
            "Waktu per Langkah",
            "Kinerja per Pegawai",
            "Tayang per Kanal",
            "Tayang per Kategori Informasi"
        ]
    );
    let steps = book.worksheet_range("Waktu per Langkah").unwrap();
    let header: Vec<String> = steps.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header[3], "Median (jam kerja)");
    let four = steps.rows().nth(4).unwrap();
    assert_eq!(four[0], Data::Float(4.0));
    assert_eq!(four[2], Data::Float(f64::from(r.steps[3].count)));
    let median_hours = (r.steps[3].median as f64 / 3600.0 * 10.0).round() / 10.0;
    assert_eq!(four[3], Data::Float(median_hours));
    let on_time = f64::from(r.steps[3].on_time) / f64::from(r.steps[3].count);
    assert!(
        matches!(four[6], Data::Float(x) if (x - on_time).abs() < 1e-9),
        "{:?}",
        four[6]
    );
    let summary = book.worksheet_range("Ringkasan").unwrap();
    let row = summary.rows().nth(1).unwrap();
    assert!(matches!(row[0], Data::DateTime(_)), "dates are dates: {:?}", row[0]);
    assert_eq!(row[0].as_date(), Some(period.from));
    assert_eq!((row[2].clone(), row[3].clone()), (Data::Float(7.0), Data::Float(6.0)));

    let (status, kind, bytes) = get(&app, &format!("{q}&format=csv&tabel=langkah"), Some(&kepala)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"));
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("No;Langkah;Jumlah;Median (jam kerja)"));
    let four: Vec<&str> = lines.nth(3).unwrap().split(';').collect();
    assert_eq!(four[0], "4");
    assert_eq!(
        four[3],
        app::domain::table::format_decimal(r.steps[3].median as f64 / 3600.0)
    );
    assert!(four[6].ends_with('%') && four[6].contains(','), "{}", four[6]);

    let (status, _, body) = get(&app, &format!("{q}&format=csv&tabel=rahasia"), Some(&kepala)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(String::from_utf8_lossy(&body).contains("Laporan"));
    let (status, ..) = get(&app, "/laporan/ekspor?dari=2026-12-01&sampai=2026-11-01", Some(&kepala)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let _ = Role::Admin;
}

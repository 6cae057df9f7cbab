//! The report's facts (issue 13): each move creates its own fact; the folder folds them into one
//! record per office day; no figure changes on the way, and the rollups of earlier versions
//! become folds with the same figures.
#![cfg(feature = "ssr")]

mod common;

use app::domain::report::{Period, Report};
use app::domain::{ActionKind as A, Channel};
use app::server::db::{self, DbConfig};
use app::server::{folding, items, reports};
use app::views::MoveInput;
use chrono::{DateTime, Duration, Utc};
use common::World;
use std::collections::BTreeSet;
use surrealdb::types::SurrealValue;

async fn at(w: &World, who: &app::server::accounts::UserRow, id: &str, kind: A, input: MoveInput, when: DateTime<Utc>) {
    let v = w.version(id).await;
    items::perform(&w.state.db, who, id, v, kind, &input, when)
        .await
        .map_err(|e| e.into_app())
        .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
}

#[derive(SurrealValue)]
struct PerDay {
    day: String,
    n: i64,
}

async fn folds_per_day(w: &World) -> Vec<(String, i64)> {
    let mut res = w
        .state
        .db
        .query("SELECT day, count() AS n FROM day_fold GROUP BY day")
        .await
        .unwrap();
    let rows: Vec<PerDay> = res.take(0).unwrap();
    rows.into_iter().map(|r| (r.day, r.n)).collect()
}

async fn facts_left(w: &World) -> usize {
    let mut res = w.state.db.query("SELECT VALUE id FROM move_fact").await.unwrap();
    let ids: Vec<surrealdb::types::RecordId> = res.take(0).unwrap();
    ids.len()
}

async fn report(w: &World, period: Period) -> Report {
    reports::report(&w.state.db, period).await.unwrap()
}

#[tokio::test]
async fn folding_the_facts_changes_no_figure_and_leaves_one_record_per_past_day() {
    let w = World::new().await;
    let now = Utc::now();
    for days_ago in [3i64, 2, 1] {
        let when = now - Duration::days(days_ago);
        let d = w.disposition().parse(common::office_today()).unwrap();
        let id = items::create_disposition(&w.state.db, &w.ppid, d, when).await.unwrap();
        let later = |minutes| when + Duration::minutes(minutes);
        at(
            &w,
            &w.sekretaris,
            &id,
            A::ForwardToSekretariat,
            MoveInput::default(),
            later(5),
        )
        .await;
        at(
            &w,
            &w.kepala,
            &id,
            A::AcceptDisposition,
            MoveInput::default(),
            later(20),
        )
        .await;
        if days_ago == 2 {
            at(
                &w,
                &w.ppid,
                &id,
                A::Cancel,
                World::reason("Kegiatan ditunda."),
                later(30),
            )
            .await;
        }
    }
    w.published("Rapat koordinasi hari ini").await;
    let today = common::office_today();
    let period = Period {
        from: today - Duration::days(7),
        to: today,
    };
    let before = report(&w, period).await;
    assert_eq!((before.started, before.cancelled, before.finished), (4, 1, 1));

    // Folded in small batches: several folds a day, the same figures.
    let mut days = BTreeSet::new();
    loop {
        let (folded, n) = folding::fold_once(&w.state.db, 4).await.unwrap();
        days.extend(folded);
        if n == 0 {
            break;
        }
    }
    assert_eq!(facts_left(&w).await, 0);
    assert_eq!(report(&w, period).await, before);

    // The days that are over become one record each; today's stay as they are until it ends.
    let today_id = today.format("%Y-%m-%d").to_string();
    folding::compact(&w.state.db, &days, &today_id).await.unwrap();
    let per_day = folds_per_day(&w).await;
    assert_eq!(per_day.len(), 4, "{per_day:?}");
    for (day, n) in &per_day {
        if *day < today_id {
            assert_eq!(*n, 1, "{day}");
        }
    }
    assert_eq!(report(&w, period).await, before);
}

#[tokio::test]
async fn the_rollups_of_earlier_versions_become_folds_with_the_same_figures() {
    let db = db::open_unmigrated(&DbConfig::memory("rollups_of_version_15"))
        .await
        .unwrap();
    db::migrate_until(&db, 15).await.unwrap();
    // What version 15's moves wrote, on two days.
    db.query(
        "UPSERT step_day:['2026-03-02', 5] SET day = '2026-03-02', step = 5, spent = [3600, 7200], target = [28800, 3600];
         UPSERT person_day:['2026-03-02', 'u1'] SET day = '2026-03-02', actor = 'u1', actor_name = 'Agus',
            moves = 2, on_time = 1, items = ['a', 'b'];
         UPSERT day_total:['2026-03-02'] SET day = '2026-03-02', started = 3, cancelled = 1, exempt = 0,
            pubs = [{ channels: ['website', 'instagram'], kip: 'berkala' }];
         UPSERT day_total:['2026-03-03'] SET day = '2026-03-03', started = 1;",
    )
    .await
    .unwrap()
    .check()
    .unwrap();
    db::migrate(&db).await.unwrap();
    let march = Period {
        from: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
    };
    let r = reports::report(&db, march).await.unwrap();
    assert_eq!((r.started, r.cancelled, r.finished), (4, 1, 1));
    assert_eq!((r.steps[4].count, r.steps[4].median, r.steps[4].on_time), (2, 5400, 1));
    assert_eq!(r.people.len(), 1);
    assert_eq!((r.people[0].items, r.people[0].moves, r.people[0].on_time), (2, 2, 1));
    assert!(r.channels.contains(&(Channel::Instagram, 1)));
    let mut res = db.query("SELECT VALUE id FROM day_fold").await.unwrap();
    let folds: Vec<surrealdb::types::RecordId> = res.take(0).unwrap();
    assert_eq!(folds.len(), 2, "one fold per day");
}

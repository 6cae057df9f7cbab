//! The dashboards of each role, the pipeline, the staff's workload and lateness.
#![cfg(feature = "ssr")]

mod common;

use app::domain::settings::OfficeSettings;
use app::domain::time::OfficeZone;
use app::domain::ActionKind;
use app::server::dashboard::dashboard;
use app::server::items::AsOf;
use app::views::{Dashboard, PanelKind};
use chrono::{Duration, Utc};
use common::World;

fn panel(d: &Dashboard, kind: PanelKind) -> Vec<String> {
    d.panels
        .iter()
        .find(|p| p.kind == kind)
        .unwrap_or_else(|| {
            panic!(
                "no panel {kind:?} in {:?}",
                d.panels.iter().map(|p| p.kind).collect::<Vec<_>>()
            )
        })
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

fn count_at(d: &Dashboard, step: u8) -> u32 {
    d.pipeline.iter().find(|s| s.step == step).unwrap().count
}

#[tokio::test]
async fn each_role_sees_its_own_lists_and_the_office_pipeline() {
    let w = World::new().await;
    let today = AsOf::new(Utc::now(), OfficeSettings::defaults(OfficeZone::Wib));
    let waiting = w.create().await;
    let drafting = w.create().await;
    w.assigned_to(&drafting, &w.staf).await;
    let (first, second) = (w.create().await, w.create().await);
    for id in [&first, &second] {
        w.assigned_to(id, &w.staf).await;
        w.save_draft(&w.staf, id, "Materi untuk diverifikasi").await;
        w.moved(&w.staf, id, ActionKind::SubmitForCorrection, Default::default())
            .await;
    }
    // The second reaches verification before the first: the queue is oldest first.
    for id in [&second, &first] {
        w.moved(&w.sekretaris, id, ActionKind::SendToVerification, Default::default())
            .await;
    }

    let db = &w.state.db;
    let ppid = dashboard(db, &w.ppid, &today).await.unwrap();
    let mine = panel(&ppid, PanelKind::MyDispositions);
    assert_eq!(mine.len(), 4, "everything the PPID Pembantu dispositioned");

    let sekretaris = dashboard(db, &w.sekretaris, &today).await.unwrap();
    assert_eq!(panel(&sekretaris, PanelKind::ToForward), vec![waiting.clone()]);
    assert!(panel(&sekretaris, PanelKind::ToCorrect).is_empty());
    let elsewhere = panel(&sekretaris, PanelKind::WaitingOnOthers);
    assert!(elsewhere.contains(&drafting) && elsewhere.contains(&first) && !elsewhere.contains(&waiting));

    let kepala = dashboard(db, &w.kepala, &today).await.unwrap();
    assert!(panel(&kepala, PanelKind::ToAccept).is_empty());
    let load = kepala
        .workload
        .iter()
        .find(|l| l.name == "Agus Staf")
        .expect("staff workload");
    assert_eq!((load.drafting, load.publishing), (1, 0));

    let staf = dashboard(db, &w.staf, &today).await.unwrap();
    assert_eq!(panel(&staf, PanelKind::MyDrafts), vec![drafting.clone()]);
    assert!(panel(&staf, PanelKind::MyPublishing).is_empty());

    let verifikator = dashboard(db, &w.verifikator, &today).await.unwrap();
    assert_eq!(
        panel(&verifikator, PanelKind::VerificationQueue),
        vec![second.clone(), first.clone()]
    );

    // The administrator sees counts across the office, no item lists.
    let admin = dashboard(db, &w.admin, &today).await.unwrap();
    assert!(admin.panels.is_empty());
    assert_eq!(count_at(&admin, 2), 1);
    assert_eq!(count_at(&admin, 5), 1);
    assert_eq!(count_at(&admin, 7), 2);
    assert_eq!(admin.pipeline.iter().map(|s| s.count).sum::<u32>(), 4);
}

#[tokio::test]
async fn items_past_their_deadline_are_late_until_they_close() {
    let w = World::new().await;
    let id = w.create().await; // batas waktu: three days from today
    let db = &w.state.db;
    let today = AsOf::new(Utc::now(), OfficeSettings::defaults(OfficeZone::Wib));
    assert_eq!(dashboard(db, &w.ppid, &today).await.unwrap().late, 0);
    let later = AsOf {
        now: today.now + Duration::days(4),
        ..today.clone()
    };
    let d = dashboard(db, &w.ppid, &later).await.unwrap();
    assert_eq!(d.late, 1);
    assert!(d.panels[0].items[0].late);
    // Four days on, step 2 (one working hour) is over its mutu baku too.
    assert_eq!(d.over_standard, 1);
    assert!(d.panels[0].items[0].over_standard);
    w.moved(&w.ppid, &id, ActionKind::Cancel, World::reason("Kegiatan ditunda."))
        .await;
    let d = dashboard(db, &w.ppid, &later).await.unwrap();
    assert_eq!(d.late, 0, "a closed item is never late");
    assert_eq!(d.over_standard, 0);
    assert_eq!(count_at(&d, 0), 1, "counted as cancelled");
}

#[tokio::test]
async fn the_item_page_measures_its_step_in_working_time_against_the_standard() {
    let w = World::new().await;
    let id = w.create().await;
    let db = &w.state.db;
    let at = |now| {
        let as_of = AsOf::new(now, OfficeSettings::defaults(OfficeZone::Wib));
        let id = id.clone();
        let me = w.sekretaris.clone();
        async move { app::server::items::detail(db, &me, &id, &as_of).await }
    };
    let fresh = at(Utc::now()).await.unwrap().clock.expect("an open item has a clock");
    assert_eq!(fresh.step, 2);
    assert_eq!(fresh.target, 3600, "step 2: one working hour");
    assert!(!fresh.late());
    // A month on, the forward is long overdue (in working time, whatever the hour now).
    let later = at(Utc::now() + Duration::days(30)).await.unwrap().clock.unwrap();
    assert!(later.late() && later.spent > later.target);
    assert!(later.spent <= 30 * 8 * 3600, "only office hours count");
    w.moved(&w.ppid, &id, ActionKind::Cancel, World::reason("Kegiatan ditunda."))
        .await;
    assert_eq!(at(Utc::now()).await.unwrap().clock, None, "a closed item has no clock");
}

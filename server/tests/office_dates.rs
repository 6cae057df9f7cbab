//! Business dates are the office's, not the machine's: from 17:00 to 24:00 UTC the office (WIB)
//! already lives in the next day, and at 17:00 UTC on 31 December in the next year. Every clock
//! here is set explicitly, so these tests mean the same at any hour they run.
#![cfg(feature = "ssr")]

mod common;

use app::domain::register::RegisterFields;
use app::domain::time::OfficeZone;
use app::domain::{ActionKind as A, DispositionForm, DraftForm, State};
use app::server::accounts::UserRow;
use app::server::items::{self, AsOf};
use app::server::{register, settings};
use app::views::{MoveInput, RegisterFilter};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::World;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A disposition for an activity on the office's `day`, due that same day.
fn form(w: &World, day: NaiveDate) -> DispositionForm {
    DispositionForm {
        perihal: "Malam pergantian tahun di alun-alun".into(),
        activity_date: iso(day),
        activity_place: "Alun-alun".into(),
        urgency: "biasa".into(),
        instructions: vec!["buat_materi".into()],
        deadline: iso(day),
        to_user: w.sekretaris.key.clone(),
        ..Default::default()
    }
}

async fn create_at(w: &World, at: DateTime<Utc>) -> String {
    let today = OfficeZone::Wib.today(at);
    let d = form(w, today)
        .parse(today)
        .expect("an activity and a deadline on the office's today are valid");
    items::create_disposition(&w.state.db, &w.ppid, d, at).await.unwrap()
}

async fn act_at(w: &World, who: &UserRow, id: &str, kind: A, input: MoveInput, at: DateTime<Utc>) {
    let v = w.version(id).await;
    items::perform(&w.state.db, who, id, v, kind, &input, at)
        .await
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
}

async fn agenda_no(w: &World, id: &str) -> String {
    let at = AsOf::load(&w.state.db, Utc::now()).await.unwrap();
    items::detail(&w.state.db, &w.sekretaris, id, &at)
        .await
        .unwrap()
        .disposition
        .agenda_no
}

#[tokio::test]
async fn the_agenda_year_turns_at_the_offices_midnight() {
    let w = World::new().await;
    // 31 December, 23:30 WIB: still the old year in the office.
    let old = create_at(&w, utc(2026, 12, 31, 16, 30)).await;
    // 1 January, 00:30 WIB (31 December, 17:30 UTC): the office's new year.
    let new = create_at(&w, utc(2026, 12, 31, 17, 30)).await;
    assert_eq!(agenda_no(&w, &old).await, "0001/DISP/2026");
    assert_eq!(
        agenda_no(&w, &new).await,
        "0001/DISP/2027",
        "a new year's agenda book starts at 1"
    );
}

#[tokio::test]
async fn an_item_published_after_17_utc_carries_the_offices_date_and_year() {
    let w = World::new().await;
    let at = utc(2026, 12, 31, 17, 30); // 1 January 2027, 00:30 WIB
    let today = date(2027, 1, 1);
    let id = create_at(&w, at).await;
    act_at(
        &w,
        &w.sekretaris,
        &id,
        A::ForwardToSekretariat,
        MoveInput::default(),
        at,
    )
    .await;
    act_at(&w, &w.kepala, &id, A::AcceptDisposition, MoveInput::default(), at).await;
    act_at(&w, &w.kepala, &id, A::AssignStaff, w.staff(), at).await;
    let draft = DraftForm {
        activity_date: iso(today),
        register: RegisterFields {
            unit: "Dinas Komunikasi dan Informatika".into(),
            responsible: "Kepala Bidang Informasi dan Komunikasi Publik".into(),
            form: "softcopy".into(),
            retention: "5 tahun".into(),
            consequence_test: String::new(),
        },
        ..w.draft("Malam pergantian tahun")
    };
    items::save_draft(&w.state.db, &w.staf, &id, w.draft_rev(&id).await, &draft, today, at)
        .await
        .map_err(|e| e.into_app())
        .expect("an activity on the office's today is not in the future");
    act_at(&w, &w.staf, &id, A::SubmitForCorrection, MoveInput::default(), at).await;
    act_at(&w, &w.sekretaris, &id, A::SendToVerification, MoveInput::default(), at).await;
    act_at(&w, &w.verifikator, &id, A::Approve, MoveInput::default(), at).await;
    act_at(&w, &w.sekretaris, &id, A::OrderPublication, MoveInput::default(), at).await;
    act_at(&w, &w.staf, &id, A::MarkPublished, World::links(), at).await;

    let at_view = AsOf::load(&w.state.db, at).await.unwrap();
    let detail = items::detail(&w.state.db, &w.sekretaris, &id, &at_view).await.unwrap();
    assert_eq!(detail.state, State::Published);
    assert_eq!(detail.dip_no.as_deref(), Some("DIP/2027/0001"));
    let rows = register::rows(&w.state.db, &w.sekretaris, &RegisterFilter::default(), OfficeZone::Wib)
        .await
        .unwrap();
    let row = rows.iter().find(|r| r.id == id).expect("in the register");
    assert_eq!(
        row.published_on,
        Some(today),
        "the register shows the office's date of publication"
    );
    assert_eq!(row.made_date, Some(today));
}

#[tokio::test]
async fn a_configured_holiday_counts_no_working_time() {
    let w = World::new().await;
    let db = &w.state.db;
    let (current, version) = settings::load_versioned(db).await.unwrap();
    let with_christmas = current.with_holidays(2026, "2026-12-25 Hari Raya Natal").unwrap();
    settings::save(db, &w.admin, &with_christmas, version, Utc::now())
        .await
        .unwrap();
    let wib = |day: u32, h: u32| utc(2026, 12, day, h, 0) - Duration::hours(7);

    // Made on the holiday (Friday 25 December, 10:00 WIB), due the same day.
    let id = create_at(&w, wib(25, 10)).await;
    let seen_at = |t: DateTime<Utc>| {
        let id = id.clone();
        let w = &w;
        async move {
            let at = AsOf::load(db, t).await.unwrap();
            let spent = items::detail(db, &w.sekretaris, &id, &at)
                .await
                .unwrap()
                .clock
                .unwrap()
                .spent;
            let tasks = items::my_tasks(db, &w.sekretaris, &at).await.unwrap();
            let late = tasks.iter().find(|i| i.id == id).expect("on the Sekretaris' desk").late;
            (spent, late)
        }
    };
    assert_eq!(
        seen_at(wib(25, 15)).await,
        (0, false),
        "a holiday is not working time, and the item is not late on its own day"
    );
    // The weekend counts nothing either; Monday from 08:00 does, and Friday's deadline has passed.
    assert_eq!(seen_at(wib(28, 9)).await, (3600, true));
}

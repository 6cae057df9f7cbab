//! Step 9 channel by channel: each channel's link is recorded as it goes live, by whoever may
//! mark the item published, and "Tandai Sudah Tayang" closes the step with the links recorded.
#![cfg(feature = "ssr")]

mod common;

use app::domain::settings::OfficeSettings;
use app::domain::time::OfficeZone;
use app::domain::{ActionKind as A, Channel, State};
use app::error::AppError;
use app::server::accounts::UserRow;
use app::server::items;
use app::views::{ItemDetail, MoveInput};
use chrono::Utc;
use common::World;

async fn detail(w: &World, id: &str) -> ItemDetail {
    let at = items::AsOf::new(Utc::now(), OfficeSettings::defaults(OfficeZone::Wib));
    items::detail(&w.state.db, &w.staf, id, &at).await.unwrap()
}

async fn record(w: &World, who: &UserRow, id: &str, channel: &str, url: &str) -> Result<(), AppError> {
    items::record_link(&w.state.db, who, id, channel, url, Utc::now())
        .await
        .map_err(|e| e.into_app())
}

const WEBSITE: &str = "https://ppid.karanganyarkab.go.id/berita/tayang-bertahap";
const INSTAGRAM: &str = "https://www.instagram.com/p/Tayang123/";

#[tokio::test]
async fn links_are_recorded_channel_by_channel_and_the_step_closes_with_them() {
    let w = World::new().await;
    let id = w.publishing("Materi tayang bertahap").await;
    let before = detail(&w, &id).await;
    assert!(before.can_record_links);

    // The website goes live first: its link is kept, with when and by whom; the item stays.
    record(
        &w,
        &w.staf,
        &id,
        "website",
        "https://ppid.karanganyarkab.go.id/berita/salah",
    )
    .await
    .unwrap();
    record(&w, &w.staf, &id, "website", WEBSITE).await.unwrap();
    let d = detail(&w, &id).await;
    assert_eq!(d.state, State::Publishing);
    assert_eq!(d.version, before.version, "recording a link is not a move");
    assert_eq!(d.publications.len(), 1, "a corrected link replaces the channel's link");
    let website = &d.publications[0];
    assert_eq!((website.channel, website.url.as_str()), (Channel::Website, WEBSITE));
    assert_eq!(website.by.as_deref(), Some("Agus Staf"));
    let recorded_at = website.at.expect("when it was recorded");

    // Refused, and nothing changes: a link that is not one, a channel the item does not go to,
    // a person who may not publish it.
    let bad = record(&w, &w.staf, &id, "instagram", "bukan tautan").await.unwrap_err();
    assert!(
        matches!(&bad, AppError::Invalid(f) if f.field == "link_instagram"),
        "{bad:?}"
    );
    let other = record(&w, &w.staf, &id, "youtube", "https://youtube.com/watch?v=x")
        .await
        .unwrap_err();
    assert!(
        matches!(&other, AppError::Invalid(f) if f.field == "channel"),
        "{other:?}"
    );
    let stranger = record(&w, &w.sekretaris, &id, "instagram", INSTAGRAM)
        .await
        .unwrap_err();
    assert_eq!(stranger.status(), 403, "{stranger:?}");
    assert_eq!(detail(&w, &id).await.publications.len(), 1);

    // "Tandai Sudah Tayang" needs every channel's link: Instagram is not live yet.
    let early = items::perform(
        &w.state.db,
        &w.staf,
        &id,
        before.version,
        A::MarkPublished,
        &MoveInput::default(),
        Utc::now(),
    )
    .await
    .map_err(|e| e.into_app())
    .unwrap_err();
    assert!(
        matches!(&early, AppError::Invalid(f) if f.field == "link_instagram"),
        "{early:?}"
    );

    // Instagram goes live: the step closes with the links as recorded, nothing typed again.
    record(&w, &w.staf, &id, "instagram", INSTAGRAM).await.unwrap();
    assert_eq!(
        w.moved(&w.staf, &id, A::MarkPublished, MoveInput::default()).await,
        State::Published
    );
    let d = detail(&w, &id).await;
    let links: Vec<(Channel, &str)> = d.publications.iter().map(|p| (p.channel, p.url.as_str())).collect();
    assert_eq!(links, [(Channel::Website, WEBSITE), (Channel::Instagram, INSTAGRAM)]);
    assert_eq!(
        d.publications[0].at,
        Some(recorded_at),
        "the website went live when it was recorded"
    );
    assert!(!d.can_record_links);

    // Published: the links are the record now.
    let late = record(&w, &w.staf, &id, "website", WEBSITE).await.unwrap_err();
    assert_eq!(late.status(), 409, "{late:?}");
}

/// The link form posted before the page's script loaded: taken with this browser's token only;
/// a refused link comes back with the reason and what was typed.
#[tokio::test]
async fn a_link_posted_without_script_is_recorded_and_a_refused_one_comes_back() {
    use axum::http::StatusCode;
    use common::oneshot::{app, login, send};
    let w = World::new().await;
    let id = w.publishing("Materi tautan tanpa skrip").await;
    let app = app(&w);
    let session = login(&app, "staf").await;
    let token = "ab".repeat(32);
    let cookie = format!("{session}; __Host-warta_form={token}");
    let path = format!("/materi/{id}/tautan");
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("cookie", cookie.as_str()),
    ];
    let location = |h: &axum::http::HeaderMap| h.get("location").unwrap().to_str().unwrap().to_string();

    let (status, h, _) = send(
        &app,
        "POST",
        &path,
        &headers,
        &format!("token={token}&channel=website&link_website=bukan-tautan"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location(&h).starts_with(&format!("/materi/{id}?link_website=bukan-tautan&galat=")),
        "{}",
        location(&h)
    );
    assert!(detail(&w, &id).await.publications.is_empty());

    let (status, h, _) = send(
        &app,
        "POST",
        &path,
        &headers,
        &format!(
            "token={}&channel=website&link_website=https%3A%2F%2Fppid.karanganyarkab.go.id%2Fberita%2Fa",
            "0".repeat(64)
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&h).contains("FormExpired"), "{}", location(&h));
    assert!(detail(&w, &id).await.publications.is_empty());

    let (status, h, _) = send(
        &app,
        "POST",
        &path,
        &headers,
        &format!("token={token}&channel=website&link_website=https%3A%2F%2Fppid.karanganyarkab.go.id%2Fberita%2Fa"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&h), format!("/materi/{id}"));
    let d = detail(&w, &id).await;
    assert_eq!(d.publications.len(), 1);
    assert_eq!(d.publications[0].url, "https://ppid.karanganyarkab.go.id/berita/a");
    assert_eq!(d.publications[0].by.as_deref(), Some("Agus Staf"));
}

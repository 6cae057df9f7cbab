//! The channels over HTTP (issue 17): the administrator connects the website (the credential
//! sealed, never shown again; only over https off this computer; nobody else may), the
//! Sekretaris schedules a publication with a plain form, and whoever publishes takes a channel
//! over by hand.

mod common;

use app::domain::outbox::TaskState;
use app::domain::{ActionKind, Channel};
use app::server::connections;
use app::server::outbox as tasks;
use app::server::secrets::SecretKey;
use app::views::MoveInput;
use axum::http::{HeaderMap, StatusCode};
use chrono::{Duration, Utc};
use common::oneshot::{app, get, login, send};
use common::World;

const TOKEN: &str = "abababababababababababababababababababababababababababababababab";

async fn world_with_key() -> World {
    let mut w = World::new().await;
    w.state = w.state.clone().with_secret_key(Some(SecretKey::random()));
    w
}

async fn post(app: &axum::Router, who: &str, path: &str, body: &str) -> (StatusCode, String) {
    let session = login(app, who).await;
    let cookie = format!("{session}; __Host-warta_form={TOKEN}");
    let (status, h, _) = send(
        app,
        "POST",
        path,
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", cookie.as_str()),
        ],
        &format!("token={TOKEN}&{body}"),
    )
    .await;
    (status, location(&h))
}

fn location(h: &HeaderMap) -> String {
    h.get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

const WORDPRESS: &str = "channel=website&kind=wordpress&account=warta&credential=abcd+efgh+ijkl+mnop";

#[tokio::test]
async fn the_administrator_connects_the_website_and_the_credential_is_never_shown_again() {
    let w = world_with_key().await;
    let app = app(&w);
    // Nothing listens there: the test of the connection cannot reach it now, which stops nothing.
    let (status, back) = post(
        &app,
        "admin",
        "/admin/saluran",
        &format!("{WORDPRESS}&endpoint=http://127.0.0.1:9"),
    )
    .await;
    assert_eq!((status, back.as_str()), (StatusCode::SEE_OTHER, "/admin/saluran"));
    let conn = connections::of(&w.state.db, Channel::Website).await.unwrap().unwrap();
    assert!(conn.active());
    assert!(!conn.secret.contains("abcd"));
    assert_eq!(
        conn.credential(w.state.secret_key.as_ref().unwrap()).unwrap(),
        "abcd efgh ijkl mnop"
    );

    let session = login(&app, "admin").await;
    let (status, _, page) = get(&app, "/admin/saluran", Some(&session)).await;
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("http://127.0.0.1:9"), "the connection is listed");
    assert!(!page.contains("abcd efgh"), "the credential is not");

    // Removed: the channel is posted by hand again.
    let (status, _) = post(&app, "admin", "/admin/saluran/website/hapus", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(connections::of(&w.state.db, Channel::Website).await.unwrap().is_none());
}

#[tokio::test]
async fn only_the_administrator_connects_and_only_over_https() {
    let w = world_with_key().await;
    let app = app(&w);
    let (status, back) = post(
        &app,
        "sekretaris",
        "/admin/saluran",
        &format!("{WORDPRESS}&endpoint=https://web.contoh.go.id"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(back.starts_with("/admin/saluran?galat="), "{back}");
    assert!(connections::of(&w.state.db, Channel::Website).await.unwrap().is_none());
    let session = login(&app, "sekretaris").await;
    let (_, _, page) = get(&app, "/admin/saluran", Some(&session)).await;
    assert!(!String::from_utf8(page).unwrap().contains("connect-wordpress"));

    // A credential sent in the clear over a network is refused, with what to do.
    let (_, back) = post(
        &app,
        "admin",
        "/admin/saluran",
        &format!("{WORDPRESS}&endpoint=http://web.contoh.go.id"),
    )
    .await;
    assert!(back.contains("https_required"), "{back}");
    assert!(connections::of(&w.state.db, Channel::Website).await.unwrap().is_none());
}

#[tokio::test]
async fn the_sekretaris_schedules_a_publication_with_a_plain_form() {
    let w = world_with_key().await;
    let app = app(&w);
    post(
        &app,
        "admin",
        "/admin/saluran",
        &format!("{WORDPRESS}&endpoint=http://127.0.0.1:9"),
    )
    .await;
    let id = w.at_verification("Jadwal tayang").await;
    w.moved(&w.verifikator, &id, ActionKind::Approve, MoveInput::default())
        .await;
    let v = w.version(&id).await;
    let path = format!("/materi/{id}/jadwal");

    // A time already gone: refused with the reason, the item still waits for the order.
    let (_, back) = post(&app, "sekretaris", &path, &format!("version={v}&at=2020-01-01T09:00")).await;
    assert!(back.contains("schedule_invalid"), "{back}");
    assert!(tasks::of_item(&w.state.db, &id).await.unwrap().is_empty());

    // Tomorrow at 09.00 office time.
    let office = common::office_today() + Duration::days(1);
    let (status, back) = post(
        &app,
        "sekretaris",
        &path,
        &format!("version={v}&at={}T09:00", office.format("%Y-%m-%d")),
    )
    .await;
    assert_eq!(
        (status, back.as_str()),
        (StatusCode::SEE_OTHER, format!("/materi/{id}").as_str())
    );
    let web = tasks::get(&w.state.db, &tasks::task_key(&id, Channel::Website))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(web.state(), Some(TaskState::Scheduled));
    let expected = office.and_hms_opt(9, 0, 0).unwrap() - Duration::hours(7);
    assert_eq!(web.due_at.naive_utc(), expected);
    assert!(web.due_at > Utc::now());
    // Instagram is not connected: by hand, whenever the staff member posts it.
    let ig = tasks::get(&w.state.db, &tasks::task_key(&id, Channel::Instagram))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ig.state(), Some(TaskState::Manual));

    // The item page shows each channel's publication.
    let session = login(&app, "staf").await;
    let (_, _, page) = get(&app, &format!("/materi/{id}"), Some(&session)).await;
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.contains("data-channel=\"website\" data-state=\"scheduled\""),
        "{page}"
    );

    // The staff member takes the website over by hand: the server will not post it.
    let (status, _) = post(&app, "staf", &format!("/materi/{id}/saluran/website/manual"), "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let web = tasks::get(&w.state.db, &tasks::task_key(&id, Channel::Website))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(web.state(), Some(TaskState::Manual));
    // Someone outside the publication may not steer it.
    let (_, back) = post(
        &app,
        "verifikator",
        &format!("/materi/{id}/saluran/instagram/coba-lagi"),
        "",
    )
    .await;
    assert!(back.contains("galat="), "{back}");
}

#[tokio::test]
async fn each_api_channel_is_connected_with_its_providers_form_and_checked_on_save() {
    use common::provider::{answer, ok, provider};
    use serde_json::json;
    let w = world_with_key().await;
    let app = app(&w);
    let session = login(&app, "admin").await;
    let (_, _, page) = get(&app, "/admin/saluran", Some(&session)).await;
    let page = String::from_utf8(page).unwrap();
    for form in [
        "connect-wordpress",
        "connect-facebook",
        "connect-instagram",
        "connect-x",
        "connect-webhook",
    ] {
        assert!(page.contains(form), "{form}");
    }
    assert!(page.contains("ID Halaman Facebook"));

    // The Graph API answers the check with the Page's name.
    let graph = provider(|r| match r.path.as_str() {
        "/v23.0/1234" if r.bearer() == "Bearer EAAG-token" => ok(json!({ "name": "PPID Kota Contoh", "id": "1234" })),
        _ => answer(
            400,
            json!({ "error": { "message": "Invalid OAuth access token.", "code": 190 } }),
        ),
    })
    .await;
    let form = format!(
        "channel=facebook&kind=facebook&endpoint={}&account=1234&credential=EAAG-token",
        graph.base
    );
    let (status, back) = post(&app, "admin", "/admin/saluran", &form).await;
    assert_eq!((status, back.as_str()), (StatusCode::SEE_OTHER, "/admin/saluran"));
    let checked = graph.requests();
    assert_eq!(checked.len(), 1, "the connection is tested on save");
    assert_eq!(checked[0].query["fields"], "name");
    let conn = connections::of(&w.state.db, Channel::Facebook).await.unwrap().unwrap();
    assert!(conn.active());
    assert_eq!(conn.account, "1234");
    let (_, _, page) = get(&app, "/admin/saluran", Some(&session)).await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("Facebook Graph API di"), "the provider by its name");
    assert!(!page.contains("EAAG-token"));

    // A token the Graph API refuses: shown with its own words, and the connection is not active.
    let (_, back) = post(
        &app,
        "admin",
        "/admin/saluran",
        &form.replace("EAAG-token", "EAAG-expired"),
    )
    .await;
    let refused = connections::of(&w.state.db, Channel::Facebook).await.unwrap().unwrap();
    assert!(!refused.active(), "{back}");
    assert!(
        refused.status_reason.contains("Invalid OAuth access token"),
        "{}",
        refused.status_reason
    );

    // A provider on a channel it does not serve is refused, and nothing is saved.
    for wrong in [
        "channel=instagram&kind=x&credential=t",
        "channel=whatsapp&kind=webhook&endpoint=https://cms.contoh.go.id/terima&credential=s",
        "channel=facebook&kind=facebook&credential=t",
    ] {
        let (_, back) = post(&app, "admin", "/admin/saluran", wrong).await;
        assert!(back.starts_with("/admin/saluran?galat="), "{wrong}: {back}");
    }
    assert!(connections::of(&w.state.db, Channel::Instagram)
        .await
        .unwrap()
        .is_none());
    assert!(connections::of(&w.state.db, Channel::Whatsapp).await.unwrap().is_none());
}

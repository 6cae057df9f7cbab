//! Sessions: activity renews them, idleness ends them, and every session of an account ends
//! when the Administrator resets its password, deactivates it or changes its roles, with that
//! user's open live streams closed at once.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use common::oneshot::{app, call, login};
use common::World;
use serde_json::{json, Value};
use std::time::Duration;

async fn tasks(app: &axum::Router, cookie: &str) -> StatusCode {
    call(app, "/api/tasks", Some(cookie), json!({})).await.status
}

/// The stored expiry of the session behind `cookie` (seconds since the epoch).
async fn expiry(w: &World, cookie: &str) -> i64 {
    let id = cookie.split_once('=').unwrap().1.to_string();
    let mut res = w
        .state
        .db
        .query("SELECT VALUE expires_at FROM type::record('session', $id)")
        .bind(("id", id))
        .await
        .unwrap();
    let v: Vec<i64> = res.take(0).unwrap();
    v[0]
}

/// Makes the session behind `cookie` look as if it was last used long ago, to expire at `at`.
async fn age(w: &World, cookie: &str, at: i64) {
    let id = cookie.split_once('=').unwrap().1.to_string();
    w.state
        .db
        .query("UPDATE type::record('session', $id) SET expires_at = $at")
        .bind(("id", id))
        .bind(("at", at))
        .await
        .unwrap()
        .check()
        .unwrap();
}

#[tokio::test]
async fn activity_renews_a_session_and_an_idle_one_ends() {
    let w = World::new().await;
    let app = app(&w);
    let now = chrono::Utc::now().timestamp();
    let active = login(&app, "staf").await;
    // One minute left, then the user does something: eight hours again.
    age(&w, &active, now + 60).await;
    let r = call(&app, "/api/tasks", Some(&active), json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert!(expiry(&w, &active).await >= now + 8 * 3600 - 5, "renewed by activity");

    let idle = login(&app, "sekretaris").await;
    age(&w, &idle, now - 1).await;
    assert_eq!(
        tasks(&app, &idle).await,
        StatusCode::UNAUTHORIZED,
        "idle past the limit: ended"
    );
}

#[tokio::test]
async fn every_session_of_an_account_ends_when_the_administrator_changes_it() {
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    let changes: [(&str, Value); 3] = [
        (
            "/api/admin/reset-password",
            json!({ "id": w.staf.key, "password": "Sandi-Baru-Kantor-2026" }),
        ),
        (
            "/api/admin/set-active",
            json!({ "id": w.sekretaris.key, "active": false }),
        ),
        (
            "/api/admin/update-user",
            json!({ "id": w.verifikator.key, "form": {
                "username": "verifikator", "password": "", "name": "Dewi Verifikator", "nip": "", "position": "",
                "roles": ["verifikator", "sekretaris"],
            }}),
        ),
    ];
    for ((path, body), user) in changes.into_iter().zip(["staf", "sekretaris", "verifikator"]) {
        let (pc, tablet) = (login(&app, user).await, login(&app, user).await);
        assert_eq!(tasks(&app, &pc).await, StatusCode::OK);
        let r = call(&app, path, Some(&admin), body).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {:?}", r.body);
        for cookie in [&pc, &tablet] {
            assert_eq!(
                tasks(&app, cookie).await,
                StatusCode::UNAUTHORIZED,
                "{path}: {user}'s session ended"
            );
        }
    }
    // The Administrator's own session is untouched.
    assert_eq!(tasks(&app, &admin).await, StatusCode::OK);
}

#[tokio::test]
async fn the_open_live_streams_of_that_user_close_at_once() {
    let w = World::new().await;
    w.state.live.until_running().await;
    let mut staf = w.state.live.subscribe();
    let mut sekretaris = w.state.live.subscribe();
    app::server::accounts::set_active(&w.state.db, &w.staf.key, false)
        .await
        .unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(1), staf.next_for(&w.staf)).await;
    assert_eq!(ended, Ok(None), "the deactivated user's stream ended within a second");
    // Others' streams go on.
    let id = w.create().await;
    let next = tokio::time::timeout(Duration::from_secs(5), sekretaris.next_for(&w.sekretaris))
        .await
        .expect("the Sekretaris hears of the new disposition");
    assert!(
        matches!(next, Some(app::views::LiveEvent::Item { id: ref got, .. }) if *got == id),
        "{next:?}"
    );
}

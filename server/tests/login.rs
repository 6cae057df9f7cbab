//! Login throttling: per account and per client address, a wait that grows, then a lock the
//! Administrator lifts; answered 429 with an Indonesian sentence.
#![cfg(feature = "ssr")]

mod common;

use app::error::AppError;
use app::server::logins;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::oneshot::{app, call, login};
use common::{World, PASSWORD};
use serde_json::json;

async fn try_login(app: &axum::Router, username: &str, password: &str) -> common::oneshot::Reply {
    call(
        app,
        "/api/login",
        None,
        json!({ "username": username, "password": password }),
    )
    .await
}

#[tokio::test]
async fn after_five_failures_each_try_waits_even_with_the_right_password() {
    let w = World::new().await;
    let app = app(&w);
    for _ in 0..5 {
        let r = try_login(&app, "staf", "salah-sekali").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // The refusal is held for a second (a client that retries at once is slowed to one try a
    // second), while everyone else is answered meanwhile.
    let started = std::time::Instant::now();
    let held = tokio::spawn({
        let app = app.clone();
        async move { try_login(&app, "staf", PASSWORD).await }
    });
    // Another account from the same address, at the same moment, waits too: guessing across
    // accounts is slowed alike. (Asked now, not after the held attempt: a slow machine could let
    // the wait run out in between.)
    let other = tokio::spawn({
        let app = app.clone();
        async move { try_login(&app, "sekretaris", "salah-juga").await }
    });
    let (status, _, _) = common::oneshot::send(&app, "GET", "/healthz", &[], "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!held.is_finished(), "the throttled attempt is still held");
    let r = held.await.unwrap();
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let AppError::TooManyAttempts { wait_seconds } = r.error() else {
        panic!("{:?}", r.body)
    };
    assert!((1..=2).contains(&wait_seconds), "{wait_seconds}");
    assert!(r.message().contains("Tunggu"), "{}", r.message());
    assert!(r.cookie.is_none(), "no session");

    let r = other.await.unwrap();
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn ten_failures_lock_the_account_until_the_administrator_resets_its_password() {
    let w = World::new().await;
    let app = app(&w);
    // Ten failures in the last quarter hour, from several addresses (as a spread-out attack).
    let now = Utc::now();
    for i in 0..10 {
        let at = now - Duration::minutes(14) + Duration::seconds(i * 80);
        logins::failed(&w.state.db, "staf", &format!("10.0.0.{i}"), at)
            .await
            .unwrap();
    }
    let r = try_login(&app, "staf", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.error(), AppError::AccountLocked);
    assert!(r.message().contains("Administrator"), "{}", r.message());
    // The lock outlives the window: it is the Administrator's to lift.
    logins::check(&w.state.db, "staf", "10.9.9.9", now + Duration::hours(2))
        .await
        .map_err(|e| e.into_app())
        .expect_err("still locked two hours later");

    let admin = login(&app, "admin").await;
    let reset = call(
        &app,
        "/api/admin/reset-password",
        Some(&admin),
        json!({ "id": w.staf.key, "password": "Sandi-Baru-Kantor-2026" }),
    )
    .await;
    assert_eq!(reset.status, StatusCode::OK, "{:?}", reset.body);
    let r = try_login(&app, "staf", "Sandi-Baru-Kantor-2026").await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
}

#[tokio::test]
async fn an_unknown_account_name_is_answered_like_a_known_one() {
    let w = World::new().await;
    let now = Utc::now();
    for i in 0..10 {
        let at = now - Duration::minutes(10) + Duration::seconds(i * 50);
        logins::failed(&w.state.db, "staf", "10.0.1.1", at).await.unwrap();
        logins::failed(&w.state.db, "tidakada", "10.0.1.2", at).await.unwrap();
    }
    for name in ["staf", "tidakada"] {
        let err = logins::check(&w.state.db, name, "10.0.2.2", now)
            .await
            .map_err(|e| e.into_app())
            .unwrap_err();
        assert_eq!(err, AppError::AccountLocked, "{name}");
    }
}

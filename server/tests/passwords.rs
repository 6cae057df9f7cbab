//! Passwords: at least ten characters and not easily guessed; users change their own (the
//! current one required, their other sessions end); an Administrator's reset forces a change.
#![cfg(feature = "ssr")]

mod common;

use app::domain::Problem;
use app::error::AppError;
use axum::http::StatusCode;
use common::oneshot::{app, call, login};
use common::{World, PASSWORD};
use serde_json::json;

const STRONG: &str = "kuda-lampu-hujan-meja-71";

fn new_user(password: &str) -> serde_json::Value {
    json!({ "form": {
        "username": "budisantoso", "password": password, "name": "Budi Santoso",
        "nip": "", "position": "", "roles": ["staf_sekretariat"],
    }})
}

#[tokio::test]
async fn short_or_easily_guessed_passwords_are_refused() {
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    for (weak, problem) in [
        ("password", Problem::PasswordTooShort { min: 10 }),
        ("aaaaaaaaaa", Problem::PasswordWeak),
        ("password123", Problem::PasswordWeak),
        ("budisantoso2026", Problem::PasswordWeak),
        ("rahasiakantor1", Problem::PasswordWeak),
        ("1234567890", Problem::PasswordWeak),
    ] {
        let r = call(&app, "/api/admin/create-user", Some(&admin), new_user(weak)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        let AppError::Invalid(f) = r.error() else {
            panic!("{weak}: {:?}", r.body)
        };
        assert_eq!((f.field.as_str(), f.problem), ("password", problem), "{weak}");
    }
    let r = call(&app, "/api/admin/create-user", Some(&admin), new_user(STRONG)).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
}

#[tokio::test]
async fn after_an_administrator_s_reset_the_user_must_choose_their_own_password_first() {
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    let reset = call(
        &app,
        "/api/admin/reset-password",
        Some(&admin),
        json!({ "id": w.staf.key, "password": "Sementara-dari-Admin-88" }),
    )
    .await;
    assert_eq!(reset.status, StatusCode::OK, "{:?}", reset.body);
    let staf = call(
        &app,
        "/api/login",
        None,
        json!({"username": "staf", "password": "Sementara-dari-Admin-88"}),
    )
    .await;
    assert_eq!(staf.status, StatusCode::OK);
    assert_eq!(staf.body["must_change_password"], true);
    let cookie = staf.cookie.unwrap().split(';').next().unwrap().to_string();
    let me = call(&app, "/api/me", Some(&cookie), json!({})).await;
    assert_eq!(me.body["must_change_password"], true);
    // Nothing else until then.
    let tasks = call(&app, "/api/tasks", Some(&cookie), json!({})).await;
    assert_eq!(tasks.status, StatusCode::FORBIDDEN, "{:?}", tasks.body);
    assert_eq!(tasks.error(), AppError::PasswordChangeRequired);

    let change = |current: &'static str, password: &'static str| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move {
            call(
                &app,
                "/api/password",
                Some(&cookie),
                json!({"current": current, "password": password}),
            )
            .await
        }
    };
    let wrong = change("bukan-ini-sandinya", STRONG).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(matches!(wrong.error(), AppError::Invalid(f) if f.problem == Problem::PasswordWrong));
    let weak = change("Sementara-dari-Admin-88", "agusstaf123").await;
    assert!(
        matches!(weak.error(), AppError::Invalid(f) if f.problem == Problem::PasswordWeak),
        "{:?}",
        weak.body
    );
    let done = change("Sementara-dari-Admin-88", STRONG).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    assert_eq!(
        call(&app, "/api/tasks", Some(&cookie), json!({})).await.status,
        StatusCode::OK
    );
    let again = call(
        &app,
        "/api/login",
        None,
        json!({"username": "staf", "password": STRONG}),
    )
    .await;
    assert_eq!(again.body["must_change_password"], false);
}

#[tokio::test]
async fn changing_one_s_own_password_ends_one_s_other_sessions() {
    let w = World::new().await;
    let app = app(&w);
    let (tablet, pc) = (login(&app, "sekretaris").await, login(&app, "sekretaris").await);
    let r = call(
        &app,
        "/api/password",
        Some(&pc),
        json!({"current": PASSWORD, "password": STRONG}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(
        call(&app, "/api/tasks", Some(&pc), json!({})).await.status,
        StatusCode::OK
    );
    assert_eq!(
        call(&app, "/api/tasks", Some(&tablet), json!({})).await.status,
        StatusCode::UNAUTHORIZED,
        "the other device must sign in with the new password"
    );
    // Anonymous: nobody's password changes.
    let anon = call(
        &app,
        "/api/password",
        None,
        json!({"current": PASSWORD, "password": STRONG}),
    )
    .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}

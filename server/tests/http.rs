//! The app over HTTP, as a browser talks to it: login, sessions, status codes, sanitising.
#![cfg(feature = "ssr")]

mod common;

use app::error::AppError;
use app::server::items;
use app::views::MoveInput;
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::oneshot::{app, call, login};
use common::{World, PASSWORD};
use serde_json::{json, Value};
use tower::ServiceExt;

#[tokio::test]
async fn login_sets_a_safe_cookie_and_wrong_passwords_get_one_generic_message() {
    let w = World::new().await;
    let app = app(&w);
    let r = call(
        &app,
        "/api/login",
        None,
        json!({"username": "staf", "password": PASSWORD}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["name"], "Agus Staf");
    let cookie = r.cookie.unwrap();
    assert!(cookie.starts_with("warta_sesi="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    // Served over https (the public URL): only over https. The session's end is the server's
    // to decide (idle for WARTA_SESSION_HOURS: tests/sessions.rs), not the cookie's.
    assert!(cookie.contains("Secure"), "{cookie}");

    let wrong = call(
        &app,
        "/api/login",
        None,
        json!({"username": "staf", "password": "salah-sekali"}),
    )
    .await;
    let unknown = call(
        &app,
        "/api/login",
        None,
        json!({"username": "tidakada", "password": "salah-sekali"}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body, unknown.body, "no hint whether the user exists");
    assert!(wrong.cookie.is_none());
}

#[tokio::test]
async fn without_a_session_nothing_is_served() {
    let w = World::new().await;
    let app = app(&w);
    let r = call(&app, "/api/tasks", None, json!({})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = call(&app, "/api/me", None, json!({})).await;
    assert_eq!((r.status, r.body.clone()), (StatusCode::OK, Value::Null));
    let r = call(&app, "/api/tasks", Some("warta_sesi=palsu"), json!({})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let w = World::new().await;
    let app = app(&w);
    let c = login(&app, "sekretaris").await;
    assert_eq!(
        call(&app, "/api/tasks", Some(&c), json!({})).await.status,
        StatusCode::OK
    );
    assert_eq!(
        call(&app, "/api/logout", Some(&c), json!({})).await.status,
        StatusCode::OK
    );
    assert_eq!(
        call(&app, "/api/tasks", Some(&c), json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_deactivated_account_loses_its_session() {
    let w = World::new().await;
    let app = app(&w);
    let c = login(&app, "staf").await;
    let admin = login(&app, "admin").await;
    let r = call(
        &app,
        "/api/admin/set-active",
        Some(&admin),
        json!({"id": w.staf.key, "active": false}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(
        call(&app, "/api/tasks", Some(&c), json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );
    let again = call(
        &app,
        "/api/login",
        None,
        json!({"username": "staf", "password": PASSWORD}),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_forbidden_call_is_403_and_changes_nothing() {
    let w = World::new().await;
    let app = app(&w);
    let staf = login(&app, "staf").await;
    let form = serde_json::to_value(w.disposition()).unwrap();
    let r = call(&app, "/api/disposition", Some(&staf), json!({"form": form})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.message().contains("tidak berwenang"), "{:?}", r.body);
    let ppid = login(&app, "ppid").await;
    let all = call(&app, "/api/items", Some(&ppid), json!({"step": null, "search": ""})).await;
    assert_eq!(all.body.as_array().unwrap().len(), 0, "nothing was created");

    // A move by the wrong role through HTTP.
    let id = w.create().await;
    let r = call(&app, "/api/move", Some(&staf), json!({"id": id, "version": 1, "action": "forward_to_sekretariat", "input": {"note": "", "reason": "", "staff": "", "links": []}})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let admin = login(&app, "admin").await;
    assert_eq!(
        call(&app, "/api/admin/users", Some(&staf), json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&app, "/api/admin/users", Some(&admin), json!({})).await.status,
        StatusCode::OK
    );
    assert_eq!(app::server::items::events(&w.state.db, &id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn bad_input_is_422_naming_the_field() {
    let w = World::new().await;
    let app = app(&w);
    let ppid = login(&app, "ppid").await;
    let mut form = w.disposition();
    form.perihal = "".into();
    let r = call(&app, "/api/disposition", Some(&ppid), json!({"form": form})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["Invalid"]["field"], "perihal");
    assert_eq!(r.body["Invalid"]["problem"]["code"], "required", "a code on the wire");
    assert_eq!(r.message(), "Perihal (kegiatan) wajib diisi.");

    let ok = call(&app, "/api/disposition", Some(&ppid), json!({"form": w.disposition()})).await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.body);
    let id = ok.body.as_str().unwrap().to_string();
    // A conflict over HTTP: 409 with the fresh state.
    let sek = login(&app, "sekretaris").await;
    let mv = |v: i64| json!({"id": id, "version": v, "action": "forward_to_sekretariat", "input": {"note": "", "reason": "", "staff": "", "links": []}});
    assert_eq!(call(&app, "/api/move", Some(&sek), mv(1)).await.status, StatusCode::OK);
    let again = call(&app, "/api/move", Some(&sek), mv(1)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.body["Conflict"]["state"], "at_sekretariat");
}

#[tokio::test]
async fn a_script_in_a_draft_never_reaches_another_browser() {
    let w = World::new().await;
    let app = app(&w);
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let staf = login(&app, "staf").await;
    let mut draft = w.draft("Materi dengan skrip");
    draft.body =
        "Halo <script>alert('x')</script> <img src=x onerror=\"alert(1)\"> [tautan](javascript:alert(2)) **tebal**"
            .into();
    let r = call(
        &app,
        "/api/draft",
        Some(&staf),
        json!({"id": id, "rev": w.draft_rev(&id).await, "form": draft}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let sek = login(&app, "sekretaris").await;
    let d = call(&app, "/api/item", Some(&sek), json!({"id": id})).await;
    let html = d.body["draft_html"].as_str().unwrap().to_lowercase();
    assert!(html.contains("<strong>tebal</strong>"));
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!html.contains(bad), "{bad} reached the page: {html}");
    }
    // The server-rendered item page is clean too.
    let page = app
        .clone()
        .oneshot(
            Request::get(format!("/materi/{id}"))
                .header(header::COOKIE, &sek)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let body = String::from_utf8(to_bytes(page.into_body(), 1 << 22).await.unwrap().to_vec()).unwrap();
    assert!(
        !body.to_lowercase().contains("<script>alert"),
        "no executable script in the page"
    );
    assert!(!body.contains("onerror=\"alert"), "no event handler in the page");
}

#[tokio::test]
async fn health_and_pages_answer() {
    let w = World::new().await;
    let app = app(&w);
    let h = app
        .clone()
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(h.status(), StatusCode::OK);
    // The check wrote: reading alone would pass with a full disk.
    let written: Vec<String> = w
        .state
        .db
        .query("SELECT VALUE <string>at FROM health WHERE at > time::now() - 1m")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(written.len(), 1, "one row of this process, just written");
    let login_page = app
        .clone()
        .oneshot(Request::get("/login").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(login_page.status(), StatusCode::OK);
    let body = String::from_utf8(to_bytes(login_page.into_body(), 1 << 22).await.unwrap().to_vec()).unwrap();
    for label in ["Nama pengguna", "Kata sandi", "Masuk", "lang=\"id\""] {
        assert!(body.contains(label), "{label} missing from the login page");
    }
}

#[tokio::test]
async fn the_admin_manages_accounts_but_never_removes_the_last_admin() {
    let w = World::new().await;
    let app = app(&w);
    let admin = login(&app, "admin").await;
    let form = json!({"username": "wati", "password": "kata-sandi-wati", "name": "Wati", "nip": "", "position": "Staf",
                      "roles": ["staf_sekretariat", "verifikator"]});
    let created = call(&app, "/api/admin/create-user", Some(&admin), json!({"form": form})).await;
    assert_eq!(created.status, StatusCode::OK, "{:?}", created.body);
    assert_eq!(created.body["roles"], json!(["staf_sekretariat", "verifikator"]));
    let dup = call(&app, "/api/admin/create-user", Some(&admin), json!({"form": form})).await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(dup.body["Invalid"]["field"], "username");

    let id = created.body["id"].as_str().unwrap().to_string();
    let reset = call(
        &app,
        "/api/admin/reset-password",
        Some(&admin),
        json!({"id": id, "password": "sandi-baru-wati"}),
    )
    .await;
    assert_eq!(reset.status, StatusCode::OK);
    let old = call(
        &app,
        "/api/login",
        None,
        json!({"username": "wati", "password": "kata-sandi-wati"}),
    )
    .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    login_with(&app, "wati", "sandi-baru-wati").await;

    let me = w.admin.key.clone();
    let off = call(
        &app,
        "/api/admin/set-active",
        Some(&admin),
        json!({"id": me, "active": false}),
    )
    .await;
    assert_eq!(off.status, StatusCode::UNPROCESSABLE_ENTITY, "the last admin stays");
    assert!(off.message().contains("Administrator aktif terakhir"), "{:?}", off.body);
}

async fn login_with(app: &Router, username: &str, password: &str) {
    let r = call(
        app,
        "/api/login",
        None,
        json!({"username": username, "password": password}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
}

/// Reads the live stream until a `data:` line satisfies `want`, or fails after a while.
async fn next_data(
    stream: &mut (impl futures::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
    want: impl Fn(&Value) -> bool,
) -> Value {
    use futures::StreamExt;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut buffer = String::new();
    loop {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("the awaited live event never came")
            .expect("the live stream ended")
            .unwrap();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let frame: String = buffer.drain(..end + 2).collect();
            for line in frame.lines() {
                if let Some(data) = line.strip_prefix("data: ").or_else(|| line.strip_prefix("data:")) {
                    let v: Value = serde_json::from_str(data).unwrap();
                    if want(&v) {
                        return v;
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn the_live_stream_is_uncompressed_per_user_and_carries_moves_at_once() {
    let w = World::new().await;
    w.state.live.until_running().await;
    let app = app(&w);
    // No session, no stream.
    let res = app
        .clone()
        .oneshot(Request::get("/api/live").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let cookie = login(&app, "sekretariat").await;
    let res = app
        .clone()
        .oneshot(
            Request::get("/api/live")
                .header(header::COOKIE, &cookie)
                .header(header::ACCEPT_ENCODING, "gzip, br")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/event-stream");
    assert!(
        res.headers().get(header::CONTENT_ENCODING).is_none(),
        "a compressed stream is held back"
    );
    let mut stream = res.into_body().into_data_stream();
    next_data(&mut stream, |v| v["kind"] == "hello").await;

    // A move made by someone else arrives on this stream, with the new state.
    let id = w.create().await;
    w.moved(
        &w.sekretaris,
        &id,
        app::domain::ActionKind::ForwardToSekretariat,
        Default::default(),
    )
    .await;
    // It also put a notification on this user's desk (the two come in either order).
    let (mut item, mut notified) = (None, false);
    while item.is_none() || !notified {
        let e = next_data(&mut stream, |v| {
            v["kind"] == "notification" || (v["kind"] == "item" && v["state"] == "at_sekretariat")
        })
        .await;
        if e["kind"] == "notification" {
            notified = true;
        } else {
            item = Some(e);
        }
    }
    let e = item.unwrap();
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["by"], "Budi Sekretaris");

    // Back after a gap: the stream says whether anything changed meanwhile.
    let resume = |since: i64| {
        app.clone().oneshot(
            Request::get(format!("/api/live?since={since}"))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
    };
    let mut s = resume(0).await.unwrap().into_body().into_data_stream();
    next_data(&mut s, |v| v["kind"] == "hello").await;
    next_data(&mut s, |v| v["kind"] == "resync").await;
}

#[tokio::test]
async fn unreadable_requests_are_the_requests_fault_and_change_nothing() {
    let w = World::new().await;
    let id = w.create().await;
    let app = app(&w);
    let sekretaris = login(&app, "sekretaris").await;
    let version = w.version(&id).await;
    for (path, body) in [
        // An action that does not exist: the wire carries the enum, not a string to guess at.
        (
            "/api/move",
            json!({"id": id, "version": version, "action": "terbang", "input": MoveInput::default()}),
        ),
        // A number where text belongs, a missing argument.
        ("/api/item", json!({"id": 5})),
        ("/api/move", json!({"id": id})),
    ] {
        let r = call(&app, path, Some(&sekretaris), body.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path} {body}: {:?}", r.body);
        assert!(matches!(r.error(), AppError::Transport(_)), "{:?}", r.body);
    }
    assert_eq!(w.version(&id).await, version, "nothing moved");
    assert_eq!(items::events(&w.state.db, &id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_nearly_full_disk_refuses_writes_with_a_clear_message_and_the_health_check_says_why() {
    let w = World::new().await;
    let id = w.create().await;
    let roomy = app(&w);
    let full = common::oneshot::app_on_a_full_disk(&w);
    let sekretaris = login(&roomy, "sekretaris").await;
    let version = w.version(&id).await;
    let forward =
        json!({"id": id, "version": version, "action": "forward_to_sekretariat", "input": MoveInput::default()});

    let r = call(&full, "/api/move", Some(&sekretaris), forward.clone()).await;
    assert_eq!(r.status.as_u16(), 507, "{:?}", r.body);
    assert_eq!(r.error(), AppError::StorageFull);
    assert!(
        r.message().contains("Ruang penyimpanan server hampir habis"),
        "{}",
        r.message()
    );
    assert_eq!(w.version(&id).await, version, "nothing moved");
    assert_eq!(
        items::events(&w.state.db, &id).await.unwrap().len(),
        1,
        "no audit event"
    );

    // Reading goes on; the health check says why the server is not healthy.
    let (status, _, _) = common::oneshot::get(&full, "/informasi", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = common::oneshot::get(&full, "/healthz", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(String::from_utf8(body).unwrap().contains("WARTA_MIN_FREE_MB"));

    // With room on the disk the same request goes through.
    let r = call(&roomy, "/api/move", Some(&sekretaris), forward).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
}

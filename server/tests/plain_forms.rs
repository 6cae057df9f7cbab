//! The administration's forms posted before (or without) the page's script: the settings (a
//! multipart form, its logo a file), and the accounts. The same rule decides as for the page's
//! script: the administrator only; a refusal changes nothing and comes back with why.

mod common;

use axum::http::{HeaderMap, StatusCode};
use common::oneshot::{app, login, send};
use common::World;

const TOKEN_COOKIE: &str = "__Host-warta_form";

fn location(h: &HeaderMap) -> String {
    h.get("location").unwrap().to_str().unwrap().to_string()
}

/// A `multipart/form-data` body as a browser sends the settings form: text fields, then the logo.
fn multipart(fields: &[(String, String)], logo: Option<(&str, &[u8])>) -> (String, String) {
    let boundary = "----wartaBatasUji7MA4YWxkTrZu0gW";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    if let Some((kind, bytes)) = logo {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.svg\"\r\nContent-Type: {kind}\r\n\r\n{}\r\n",
            String::from_utf8_lossy(bytes)
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The settings form as the page draws it, with `output9` changed.
async fn settings_fields(w: &World, token: &str, output9: &str) -> Vec<(String, String)> {
    let (settings, version) = app::server::settings::load_versioned(&w.state.db).await.unwrap();
    let mut form = settings.form();
    form.steps[8].output = output9.to_string();
    let mut fields = vec![
        ("token".to_string(), token.to_string()),
        ("version".to_string(), version.to_string()),
    ];
    fields.extend(form.posted());
    fields
}

/// The settings form posted with this session's cookie: the status and where it sends the browser.
async fn post_settings(
    app: &axum::Router,
    cookie: &str,
    fields: &[(String, String)],
    logo: Option<(&str, &[u8])>,
) -> (StatusCode, String) {
    let (kind, body) = multipart(fields, logo);
    let (status, h, _) = send(
        app,
        "POST",
        "/admin/pengaturan",
        &[("content-type", &kind), ("cookie", cookie)],
        &body,
    )
    .await;
    (status, location(&h))
}

async fn output9(w: &World) -> String {
    app::server::settings::load(&w.state.db).await.unwrap().form().steps[8]
        .output
        .clone()
}

#[tokio::test]
async fn the_settings_post_as_a_plain_form_with_a_logo_file_for_the_administrator_only() {
    let w = World::new().await;
    let app = app(&w);
    let token = "cd".repeat(32);
    let before = output9(&w).await;
    const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>";

    // Another role: refused, nothing changed.
    let staf = format!("{}; {TOKEN_COOKIE}={token}", login(&app, "staf").await);
    let (status, _) = post_settings(
        &app,
        &staf,
        &settings_fields(&w, &token, "Diubah oleh staf").await,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(output9(&w).await, before);

    // The administrator, without this browser's token: refused, nothing changed.
    let admin = format!("{}; {TOKEN_COOKIE}={token}", login(&app, "admin").await);
    let (_, back) = post_settings(
        &app,
        &admin,
        &settings_fields(&w, &"0".repeat(64), "Tanpa token").await,
        None,
    )
    .await;
    assert!(back.contains("FormExpired"), "{back}");
    assert_eq!(output9(&w).await, before);

    // A refused field: nothing changed; the typed form waits for the next showing of the page.
    let (status, back) = post_settings(&app, &admin, &settings_fields(&w, &token, "").await, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(back, "/admin/pengaturan");
    assert_eq!(output9(&w).await, before);

    // Saved, the logo sent as a file kept as the letterhead's.
    let fields = settings_fields(&w, &token, "Informasi tayang di kanal kantor").await;
    let (status, back) = post_settings(&app, &admin, &fields, Some(("image/svg+xml", SVG))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(back, "/admin/pengaturan?tersimpan=1");
    let saved = app::server::settings::load(&w.state.db).await.unwrap();
    assert_eq!(saved.form().steps[8].output, "Informasi tayang di kanal kantor");
    assert!(
        saved.letterhead.logo.starts_with("data:image/svg+xml;base64,"),
        "{}",
        saved.letterhead.logo
    );
}

#[tokio::test]
async fn an_account_made_without_script_is_refused_with_what_was_typed_but_never_the_password() {
    let w = World::new().await;
    let app = app(&w);
    let token = "ef".repeat(32);
    let admin = format!("{}; {TOKEN_COOKIE}={token}", login(&app, "admin").await);
    let headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("cookie", admin.as_str()),
    ];
    let password = "Kopi-Tubruk-Lawu-2026!";

    // No role: back to the page with the typed name, the reason, and no password in the address.
    let (status, h, _) = send(
        &app,
        "POST",
        "/admin/pengguna",
        &headers,
        &format!("token={token}&username=tanpaskrip&password={password}&name=Uji+Tanpa+Skrip&nip=&position="),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let back = location(&h);
    assert!(
        back.starts_with("/admin?username=tanpaskrip&name=Uji+Tanpa+Skrip"),
        "{back}"
    );
    assert!(back.contains("galat="), "{back}");
    assert!(!back.contains("Kopi"), "{back}");
    assert!(app::server::accounts::list(&w.state.db)
        .await
        .unwrap()
        .iter()
        .all(|u| u.username != "tanpaskrip"));

    // With a role: made.
    let (_, h, _) = send(
        &app,
        "POST",
        "/admin/pengguna",
        &headers,
        &format!(
            "token={token}&username=tanpaskrip&password={password}&name=Uji+Tanpa+Skrip&nip=&position=&roles=staf_sekretariat"
        ),
    )
    .await;
    assert_eq!(location(&h), "/admin");
    assert!(app::server::accounts::list(&w.state.db)
        .await
        .unwrap()
        .iter()
        .any(|u| u.username == "tanpaskrip"));

    // Another role cannot make one.
    let staf = format!("{}; {TOKEN_COOKIE}={token}", login(&app, "staf").await);
    send(
        &app,
        "POST",
        "/admin/pengguna",
        &[("content-type", "application/x-www-form-urlencoded"), ("cookie", &staf)],
        &format!("token={token}&username=olehstaf&password={password}&name=Oleh+Staf&roles=admin"),
    )
    .await;
    assert!(app::server::accounts::list(&w.state.db)
        .await
        .unwrap()
        .iter()
        .all(|u| u.username != "olehstaf"));
}

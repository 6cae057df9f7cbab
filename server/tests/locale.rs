//! English as the second language: a visitor picks it by a link and the browser remembers it; a
//! staff member's choice is kept with the account and follows them to a new sign-in. Pages,
//! refusals and the open data's headers follow the choice; Bahasa Indonesia stays the default.

mod common;

use axum::http::{HeaderMap, StatusCode};
use common::oneshot::{app, get, login, send};
use common::World;

fn header(h: &HeaderMap, name: &str) -> String {
    h.get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn page(app: &axum::Router, path: &str, cookie: Option<&str>) -> String {
    let (status, _, body) = get(app, path, cookie).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    String::from_utf8(body).unwrap()
}

#[tokio::test]
async fn a_visitor_picks_english_by_a_link_and_the_portal_and_its_open_data_follow() {
    let w = World::new().await;
    let app = app(&w);

    // Nothing chosen: Bahasa Indonesia, and a link to English that comes back to the page.
    let list = page(&app, "/informasi", None).await;
    assert!(list.contains(r#"<html lang="id">"#), "{list}");
    assert!(list.contains("Informasi Publik"));
    assert!(list.contains("/bahasa?ke=en&amp;kembali=%2Finformasi"), "{list}");
    let csv = String::from_utf8(get(&app, "/dip.csv", None).await.2).unwrap();
    assert!(csv.lines().next().unwrap().contains("Ringkasan isi informasi"), "{csv}");

    // The link: remembered by the browser for a year, back to the page it came from.
    let (status, h, _) = send(&app, "GET", "/bahasa?ke=en&kembali=%2Finformasi%3Fq%3Drapat", &[], "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(header(&h, "location"), "/informasi?q=rapat");
    let set = header(&h, "set-cookie");
    assert!(
        set.starts_with("warta_bahasa=en;") && set.contains("Max-Age=31536000"),
        "{set}"
    );

    // In English: the page, its language, and the open data's headers.
    let en = Some("warta_bahasa=en");
    let list = page(&app, "/informasi", en).await;
    assert!(list.contains(r#"<html lang="en">"#), "{list}");
    assert!(
        list.contains("Public Information") && !list.contains("Informasi Publik"),
        "{list}"
    );
    let (_, _, csv) = get(&app, "/dip.csv", en).await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines().next().unwrap().contains("Summary of the information"),
        "{csv}"
    );
    // A shared cache keeps one copy per language.
    let (_, h, _) = send(&app, "GET", "/informasi", &[("cookie", "warta_bahasa=en")], "").await;
    assert!(header(&h, "vary").to_lowercase().contains("cookie"), "{h:?}");
    // A published item: the page in English, the office's own words still marked as Indonesian.
    let id = w.published("Rapat koordinasi bahasa").await;
    let item = page(&app, &format!("/informasi/{id}"), en).await;
    assert!(
        item.contains(r#"<html lang="en">"#) && item.contains("Published "),
        "{item}"
    );
    assert!(item.contains(r#"<h1 lang="id">Rapat koordinasi bahasa</h1>"#), "{item}");
    // A refusal in English too.
    let (status, _, body) = get(&app, "/informasi?tahun=abc", en).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("Not a valid year"), "{body}");

    // Back to Bahasa Indonesia the same way.
    let (_, h, _) = send(&app, "GET", "/bahasa?ke=id&kembali=%2Finformasi", &[], "").await;
    assert!(header(&h, "set-cookie").starts_with("warta_bahasa=id;"));
    let list = page(&app, "/informasi", Some("warta_bahasa=id")).await;
    assert!(list.contains(r#"<html lang="id">"#) && list.contains("Informasi Publik"));

    // A language Warta does not speak: told so, in the visitor's language, nothing remembered.
    let (status, h, body) = send(&app, "GET", "/bahasa?ke=fr&kembali=%2Finformasi", &[], "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("Bahasa tidak dikenal"), "{body}");
    assert!(header(&h, "set-cookie").is_empty());
    // Never back to another site.
    let (_, h, _) = send(
        &app,
        "GET",
        "/bahasa?ke=en&kembali=https%3A%2F%2Fjahat.example%2F",
        &[],
        "",
    )
    .await;
    assert_eq!(header(&h, "location"), "/");
}

#[tokio::test]
async fn a_staff_members_choice_is_kept_with_the_account_and_follows_a_new_sign_in() {
    let w = World::new().await;
    let app = app(&w);
    let cookie = login(&app, "staf").await;
    let locale_of = |key: String| {
        let db = w.state.db.clone();
        async move { app::server::accounts::find(&db, &key).await.unwrap().unwrap().locale }
    };
    assert_eq!(locale_of(w.staf.key.clone()).await, "id");

    // From another site's page: refused, the account unchanged.
    let (status, _, _) = send(
        &app,
        "POST",
        "/bahasa",
        &[
            ("cookie", &cookie),
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", "https://jahat.example"),
        ],
        "ke=en&kembali=%2F",
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(locale_of(w.staf.key.clone()).await, "id");

    // From Warta's own page: kept with the account, and this session reads English at once.
    let (status, h, _) = send(
        &app,
        "POST",
        "/bahasa",
        &[
            ("cookie", &cookie),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        "ke=en&kembali=%2Fmateri",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(header(&h, "location"), "/materi");
    assert_eq!(locale_of(w.staf.key.clone()).await, "en");
    let tasks = page(&app, "/", Some(&cookie)).await;
    assert!(
        tasks.contains(r#"<html lang="en">"#) && tasks.contains("My Tasks"),
        "{tasks}"
    );

    // Another device (no language cookie): the account's choice from the sign-in on.
    let elsewhere = login(&app, "staf").await;
    let tasks = page(&app, "/", Some(&elsewhere)).await;
    assert!(tasks.contains(r#"<html lang="en">"#), "{tasks}");
    // Someone else is not affected.
    let other = login(&app, "ppid").await;
    let tasks = page(&app, "/", Some(&other)).await;
    assert!(
        tasks.contains(r#"<html lang="id">"#) && tasks.contains("Tugas Saya"),
        "{tasks}"
    );
}

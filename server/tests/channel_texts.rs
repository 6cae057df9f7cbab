//! The material's own text per channel (issue 17, point 2): written by whoever edits the draft,
//! refused over the channel's limits (X's 280 characters, Instagram's five hashtags) with nothing
//! written, posted by the outbox as written (with the marker where the channel carries it), and
//! saved from the page without script, a refused text coming back as typed.

mod common;

use app::domain::outbox::marker;
use app::domain::{ActionKind, Channel, Problem};
use app::error::AppError;
use app::server::items;
use app::server::outbox::TaskRow;
use app::views::MoveInput;
use axum::http::StatusCode;
use chrono::Utc;
use common::oneshot::{app, call, get, login, send};
use common::World;
use serde_json::json;
use server::outbox::connector::Post;
use std::collections::BTreeMap;

/// An item at drafting on Agus's desk, for the website, Instagram and X.
async fn drafting(w: &World) -> String {
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let mut form = w.draft("Rapat Koordinasi PPID");
    form.channels = vec!["website".into(), "instagram".into(), "x".into()];
    w.save_form(&w.staf, &id, &form).await.expect("draft saved");
    id
}

async fn save(
    w: &World,
    who: &app::server::accounts::UserRow,
    id: &str,
    channel: &str,
    text: &str,
) -> Result<(), AppError> {
    items::save_channel_text(&w.state.db, who, id, channel, text, Utc::now())
        .await
        .map_err(|e| e.into_app())
}

async fn texts(w: &World, id: &str) -> app::views::ChannelTexts {
    items::channel_texts(&w.state.db, &w.staf, id, app::domain::time::OfficeZone::Wib)
        .await
        .expect("texts")
}

fn problem(e: AppError) -> (String, Problem) {
    match e {
        AppError::Invalid(f) => (f.field, f.problem),
        other => panic!("not a refused field: {other:?}"),
    }
}

#[tokio::test]
async fn each_channel_gets_its_own_text_within_its_limits_and_the_outbox_posts_it() {
    let w = World::new().await;
    let id = drafting(&w).await;

    // Before anyone writes one: made from the material, the website not among them.
    let t = texts(&w, &id).await;
    let channels: Vec<Channel> = t.channels.iter().map(|c| c.channel).collect();
    assert_eq!(channels, vec![Channel::Instagram, Channel::X]);
    assert!(t.editable);
    assert!(t
        .channels
        .iter()
        .all(|c| !c.own && c.text.starts_with("Rapat Koordinasi PPID")));

    // Over the limits: refused with the limit, nothing written.
    let six = "Rapat hari ini #ppid #kip #informasi #publik #kabupaten #warta";
    assert_eq!(
        problem(save(&w, &w.staf, &id, "instagram", six).await.unwrap_err()),
        (
            "text_instagram".into(),
            Problem::TooManyHashtags {
                channel: Channel::Instagram,
                max: 5
            }
        )
    );
    assert_eq!(
        problem(save(&w, &w.staf, &id, "x", &"kata ".repeat(57)).await.unwrap_err()),
        (
            "text_x".into(),
            Problem::PostTooLong {
                channel: Channel::X,
                max: 280
            }
        )
    );
    assert!(texts(&w, &id).await.channels.iter().all(|c| !c.own));

    // Within them: kept as written.
    let caption = "Rapat koordinasi PPID bersama seluruh PPID Pembantu. #ppid #keterbukaaninformasi";
    save(&w, &w.staf, &id, "instagram", &format!("  {caption}\n"))
        .await
        .expect("saved");
    let t = texts(&w, &id).await;
    let ig = t.channels.iter().find(|c| c.channel == Channel::Instagram).unwrap();
    assert!(ig.own);
    assert_eq!(ig.text, caption);
    assert_eq!(ig.saved.as_ref().map(|(by, _)| by.as_str()), Some("Agus Staf"));

    // What the outbox posts: the own text with the marker on Instagram; X made from the material.
    let content = items::post_content(&w.state.db, &id).await.unwrap().unwrap();
    let now = Utc::now();
    let post = Post {
        task: TaskRow {
            key: format!("{id}_instagram"),
            item: id.clone(),
            channel: "instagram".into(),
            state: "sending".into(),
            due_at: now,
            attempts: 1,
            attempt_at: Some(now),
            slug: "rapat-koordinasi-ppid".into(),
            remote_id: None,
            media_remote: BTreeMap::new(),
            url: None,
            reason: String::new(),
            updated_at: now,
        },
        content,
        photos: vec![],
    };
    assert_eq!(post.text(Channel::Instagram), format!("{caption}\n\n{}", marker(&id)));
    assert!(post.text(Channel::X).starts_with("Rapat Koordinasi PPID\n\n"));

    // Emptied: made from the material again.
    save(&w, &w.staf, &id, "instagram", "  ").await.expect("emptied");
    assert!(texts(&w, &id).await.channels.iter().all(|c| !c.own));
}

#[tokio::test]
async fn only_whoever_edits_the_draft_writes_the_texts_and_only_for_the_items_channels() {
    let w = World::new().await;
    let id = drafting(&w).await;
    let text = "Rapat koordinasi PPID.";
    for who in [&w.sekretaris, &w.verifikator, &w.kepala] {
        let e = save(&w, who, &id, "x", text).await.unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "{}: {e:?}", who.username);
    }
    // Not one of the item's channels, or the website (which takes the material itself).
    for channel in ["facebook", "website", "telegram"] {
        assert_eq!(
            problem(save(&w, &w.staf, &id, channel, text).await.unwrap_err()).0,
            "channel"
        );
    }
    assert!(texts(&w, &id).await.channels.iter().all(|c| !c.own));

    // Sent on to correction: the Sekretaris writes them now, Agus no longer.
    w.moved(&w.staf, &id, ActionKind::SubmitForCorrection, MoveInput::default())
        .await;
    assert!(save(&w, &w.staf, &id, "x", text).await.is_err());
    save(&w, &w.sekretaris, &id, "x", text)
        .await
        .expect("the Sekretaris corrects it");
    let t = items::channel_texts(&w.state.db, &w.sekretaris, &id, app::domain::time::OfficeZone::Wib)
        .await
        .unwrap();
    assert_eq!(t.channels.iter().find(|c| c.channel == Channel::X).unwrap().text, text);
}

#[tokio::test]
async fn the_server_function_answers_a_text_over_the_limit_with_422_and_the_limit_in_words() {
    let w = World::new().await;
    let id = drafting(&w).await;
    let app = app(&w);
    let session = login(&app, "staf").await;
    let r = call(
        &app,
        "/api/item/channel-text",
        Some(&session),
        json!({ "id": id, "channel": "x", "text": "a".repeat(281) }),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", r.body);
    assert!(r.message().contains("paling banyak 280 karakter"), "{}", r.message());
    assert!(texts(&w, &id).await.channels.iter().all(|c| !c.own));
}

#[tokio::test]
async fn a_text_is_checked_as_typed_by_the_limits_saving_checks_and_nothing_is_saved() {
    let w = World::new().await;
    let id = drafting(&w).await;
    let app = app(&w);
    let session = login(&app, "staf").await;
    let check = |channel: &str, text: String| {
        let (app, session, id) = (app.clone(), session.clone(), id.clone());
        let channel = channel.to_string();
        async move {
            call(
                &app,
                "/api/item/channel-text/check",
                Some(&session),
                json!({ "id": id, "channel": channel, "text": text }),
            )
            .await
        }
    };
    let r = check("x", "a".repeat(281)).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["count"], "281 dari 280 karakter");
    assert!(
        r.body["over"].as_str().unwrap().contains("paling banyak 280 karakter"),
        "{:?}",
        r.body
    );
    // Instagram: its hashtags counted, and the post previewed with the marker the server adds.
    let r = check("instagram", "Rapat hari ini #ppid #kip".into()).await;
    assert!(r.body["over"].is_null(), "{:?}", r.body);
    assert!(
        r.body["count"].as_str().unwrap().ends_with("2 dari 5 tagar"),
        "{:?}",
        r.body
    );
    let posted = r.body["posted"].as_str().unwrap();
    assert!(
        posted.starts_with("Rapat hari ini #ppid #kip") && posted.contains(&marker(&id)),
        "{posted}"
    );
    let r = check("instagram", "#a #b #c #d #e #f".into()).await;
    assert!(
        r.body["over"].as_str().unwrap().contains("terlalu banyak tagar"),
        "{:?}",
        r.body
    );
    // Checking saves nothing.
    assert!(texts(&w, &id).await.channels.iter().all(|c| !c.own));
    // Nobody who may not see the item learns anything of it.
    let admin = login(&app, "admin").await;
    let r = call(
        &app,
        "/api/item/channel-text/check",
        Some(&admin),
        json!({ "id": id, "channel": "x", "text": "a" }),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert!(r.body.get("posted").is_none());
}

#[tokio::test]
async fn a_text_saved_without_script_and_refused_comes_back_as_typed_with_why() {
    let w = World::new().await;
    let id = drafting(&w).await;
    let app = app(&w);
    let session = login(&app, "staf").await;
    const TOKEN: &str = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
    let cookie = format!("{session}; __Host-warta_form={TOKEN}");
    let path = format!("/materi/{id}/saluran");
    let post = |text: String| {
        let (app, path, cookie) = (app.clone(), path.clone(), cookie.clone());
        async move {
            let body: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("token", TOKEN)
                .append_pair("channel", "instagram")
                .append_pair("text_instagram", &text)
                .finish();
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                ("cookie", cookie.as_str()),
            ];
            let (status, h, _) = send(&app, "POST", &path, &headers, &body).await;
            (status, h.get("location").map(|v| v.to_str().unwrap().to_string()))
        }
    };
    let typed = "Foto bersama #satu #dua #tiga #empat #lima #enam";
    let (status, back) = post(typed.into()).await;
    assert_eq!((status, back.as_deref()), (StatusCode::SEE_OTHER, Some(path.as_str())));
    assert!(texts(&w, &id).await.channels.iter().all(|c| !c.own), "nothing written");
    let (_, _, page) = get(&app, &path, Some(&session)).await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("#enam"), "the text as typed is back");
    assert!(page.contains("paling banyak 5"), "with why");

    // Shown once: the next showing has the stored text again.
    let (_, _, page) = get(&app, &path, Some(&session)).await;
    assert!(!String::from_utf8(page).unwrap().contains("#enam"));

    let (status, _) = post("Foto bersama #ppid".into()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = get(&app, &path, Some(&session)).await;
    assert!(String::from_utf8(page).unwrap().contains("Foto bersama #ppid"));
}

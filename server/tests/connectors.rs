//! The Facebook Page, Instagram, X and webhook connectors (issue 17, point 4), each against a
//! local HTTP server that plays the provider: it checks the requests the provider documents
//! (paths, fields, the token in a header and never in an address) and answers as the provider
//! documents, including its error answers (an expired token, a rate limit, a duplicate, bad
//! media). None of these ran against the real services here (no internet): WordPress does, in
//! `wordpress.rs`.

mod common;

use app::domain::channel_text::{hashtags, length};
use app::domain::outbox::{marker, Failure};
use app::domain::{Channel, KipCategory};
use app::server::items::PostContent;
use app::server::outbox::TaskRow;
use axum::http::Method;
use base64::Engine as _;
use chrono::Utc;
use common::provider::{answer, ok, provider, Provider, Reply};
use serde_json::{json, Value};
use server::outbox::connector::{Connector, Lookup, NotPosted, Notebook, PhotoFile, Post, Posted};
use server::outbox::facebook::Facebook;
use server::outbox::instagram::{Instagram, CAROUSEL};
use server::outbox::webhook::Webhook;
use server::outbox::x::X;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

const TOKEN: &str = "EAAG-page-token";

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// The post and the notebook.

fn post(channel: Channel, photos: usize, summary: &str) -> Post {
    let now = Utc::now();
    Post {
        task: TaskRow {
            key: format!("item1_{}", channel.id()),
            item: "item1".into(),
            channel: channel.id().into(),
            state: "sending".into(),
            due_at: now,
            attempts: 1,
            attempt_at: Some(now),
            slug: "rapat-koordinasi-ppid-item1".into(),
            remote_id: None,
            media_remote: BTreeMap::new(),
            url: None,
            reason: String::new(),
            updated_at: now,
        },
        content: PostContent {
            title: "Rapat Koordinasi PPID".into(),
            summary: summary.into(),
            body_html: "<p>Isi materi.</p>".into(),
            unit: "Bagian Umum".into(),
            kip: KipCategory::Berkala,
            photos: vec![],
            texts: vec![],
        },
        photos: (1..=photos)
            .map(|i| PhotoFile {
                media: format!("m{i}"),
                jpeg: format!("\u{ff}\u{d8}foto {i}").into_bytes(),
                url: Some(format!("https://ppid.contoh.go.id/kanal/foto/m{i}/web?exp=1&sig=ab")),
                alt: format!("Peserta rapat {i}"),
                caption: format!("Foto {i}"),
            })
            .collect(),
    }
}

#[derive(Default)]
struct Notes(Mutex<Vec<(String, String)>>);

#[async_trait::async_trait]
impl Notebook for Notes {
    async fn photo_uploaded(&self, media: &str, remote: &str) {
        self.0.lock().unwrap().push((media.into(), remote.into()));
    }
    async fn post_created(&self, remote: &str) {
        self.0.lock().unwrap().push(("post".into(), remote.into()));
    }
}

impl Notes {
    fn all(&self) -> Vec<(String, String)> {
        self.0.lock().unwrap().clone()
    }
}

fn failure(r: Result<Posted, NotPosted>) -> Failure {
    match r {
        Err(NotPosted::Failed(f)) => f,
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn graph_error(code: i64, subcode: Option<i64>, message: &str) -> Value {
    let mut e = json!({ "message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbC" });
    if let Some(s) = subcode {
        e["error_subcode"] = json!(s);
    }
    json!({ "error": e })
}

// ---------------------------------------------------------------------------------------------
// Facebook Page

fn facebook(p: &Provider) -> Facebook {
    Facebook::new(http(), &p.base, "v23.0", "1234", TOKEN)
}

#[tokio::test]
async fn facebook_uploads_the_photos_unpublished_then_one_post_with_them_attached() {
    let photo_ids = AtomicUsize::new(0);
    let p = provider(move |r| match (r.method.as_str(), r.path.as_str()) {
        ("POST", "/v23.0/1234/photos") => {
            ok(json!({ "id": format!("ph{}", photo_ids.fetch_add(1, Ordering::SeqCst) + 1) }))
        }
        ("POST", "/v23.0/1234/feed") => ok(json!({ "id": "1234_999" })),
        ("GET", "/v23.0/1234_999") => {
            ok(json!({ "id": "1234_999", "permalink_url": "https://www.facebook.com/1234/posts/999" }))
        }
        _ => answer(404, json!({})),
    })
    .await;
    let notes = Notes::default();
    let post = post(Channel::Facebook, 2, "Rapat membahas daftar informasi publik.");
    let done = facebook(&p).publish(&post, &notes).await.unwrap();
    assert_eq!(
        done,
        Posted {
            remote_id: "1234_999".into(),
            url: "https://www.facebook.com/1234/posts/999".into()
        }
    );
    let writes = p.writes();
    assert_eq!(writes.len(), 3, "two photos, one post: {writes:?}");
    for (i, w) in writes[..2].iter().enumerate() {
        assert!(w.is(Method::POST, "/v23.0/1234/photos"));
        let f = w.form();
        assert_eq!(f["published"], "false", "photos go up unpublished");
        assert_eq!(f["url"], post.photos[i].url.clone().unwrap());
        assert_eq!(f["alt_text_custom"], post.photos[i].alt);
    }
    let feed = writes[2].form();
    assert!(writes[2].is(Method::POST, "/v23.0/1234/feed"));
    assert_eq!(feed["attached_media[0]"], r#"{"media_fbid":"ph1"}"#);
    assert_eq!(feed["attached_media[1]"], r#"{"media_fbid":"ph2"}"#);
    assert!(feed["message"].starts_with("Rapat Koordinasi PPID\n\nRapat membahas"));
    assert!(
        feed["message"].ends_with(&marker("item1")),
        "the marker a lost answer is found by"
    );
    // The token travels in a header, never in an address a log keeps.
    for r in p.requests() {
        assert_eq!(r.bearer(), format!("Bearer {TOKEN}"));
        assert!(!r.query.values().any(|v| v.contains(TOKEN)) && !r.path.contains(TOKEN));
    }
    // Each id was written down as soon as it was known, the photos before the post.
    assert_eq!(
        notes.all(),
        vec![
            ("m1".into(), "ph1".into()),
            ("m2".into(), "ph2".into()),
            ("post".into(), "1234_999".into())
        ]
    );
}

#[tokio::test]
async fn facebook_does_not_upload_again_a_photo_the_task_already_holds() {
    let p = provider(|r| match r.path.as_str() {
        "/v23.0/1234/photos" => ok(json!({ "id": "ph2" })),
        "/v23.0/1234/feed" => ok(json!({ "id": "1234_5" })),
        _ => ok(json!({ "permalink_url": "https://www.facebook.com/1234/posts/5" })),
    })
    .await;
    let mut post = post(Channel::Facebook, 2, "Ringkasan.");
    post.task.media_remote.insert("m1".into(), "ph1".into());
    facebook(&p).publish(&post, &Notes::default()).await.unwrap();
    let photos: Vec<_> = p.writes().into_iter().filter(|w| w.path.ends_with("/photos")).collect();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].form()["url"], post.photos[1].url.clone().unwrap());
    let feed = p
        .writes()
        .into_iter()
        .find(|w| w.path.ends_with("/feed"))
        .unwrap()
        .form();
    assert_eq!(feed["attached_media[0]"], r#"{"media_fbid":"ph1"}"#);
    assert_eq!(feed["attached_media[1]"], r#"{"media_fbid":"ph2"}"#);
}

#[tokio::test]
async fn facebook_errors_are_judged_by_their_documented_codes() {
    // (status, body, extra header) → what the outbox does next.
    let cases: Vec<(u16, Value, Option<(&'static str, String)>, &str)> = vec![
        (
            400,
            graph_error(190, Some(463), "Error validating access token: Session has expired on Tuesday, 01-Dec-26."),
            None,
            "reconnect",
        ),
        (
            403,
            graph_error(200, None, "(#200) Requires pages_manage_posts permission"),
            None,
            "reconnect",
        ),
        (
            400,
            graph_error(32, None, "Page request limit reached"),
            Some((
                "x-business-use-case-usage",
                r#"{"1234":[{"type":"pages","call_count":100,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":15}]}"#.into(),
            )),
            "temporary:900",
        ),
        (400, graph_error(506, None, "Duplicate status message"), None, "permanent"),
        (400, graph_error(324, None, "Missing or invalid image file"), None, "permanent"),
        (
            500,
            json!({ "error": { "message": "An unexpected error has occurred.", "code": 2, "is_transient": true } }),
            None,
            "temporary",
        ),
    ];
    for (status, body, header, expect) in cases {
        let said = body["error"]["message"].as_str().unwrap().to_string();
        let p = provider(move |_| Reply {
            status,
            headers: header.clone().into_iter().collect(),
            body: body.clone(),
        })
        .await;
        let f = failure(
            facebook(&p)
                .publish(&post(Channel::Facebook, 1, "x"), &Notes::default())
                .await,
        );
        assert!(f.reason().contains(&said), "{expect}: the channel's own words in {f:?}");
        match (expect, &f) {
            ("reconnect", Failure::Reconnect { .. }) | ("permanent", Failure::Permanent { .. }) => {}
            ("temporary", Failure::Temporary { .. }) => {}
            ("temporary:900", Failure::Temporary { retry_after, .. }) => assert_eq!(*retry_after, Some(900)),
            _ => panic!("{expect}: got {f:?}"),
        }
        // A refused photo stops there: no post without it.
        assert!(p.writes().iter().all(|w| !w.path.ends_with("/feed")));
    }
}

#[tokio::test]
async fn facebook_finds_a_lost_post_by_its_marker() {
    let mine = format!("Rapat Koordinasi PPID\n\nRingkasan.\n\n{}", marker("item1"));
    let p = provider(move |r| {
        assert_eq!(r.path, "/v23.0/1234/feed");
        ok(json!({ "data": [
            { "id": "1234_1", "message": "Kabar lain", "permalink_url": "https://www.facebook.com/1234/posts/1" },
            { "id": "1234_2", "message": mine, "permalink_url": "https://www.facebook.com/1234/posts/2" },
        ]}))
    })
    .await;
    match facebook(&p).look_up(&post(Channel::Facebook, 0, "Ringkasan.")).await {
        Lookup::Found(found) => assert_eq!(found.url, "https://www.facebook.com/1234/posts/2"),
        other => panic!("{other:?}"),
    }
    let mut other = post(Channel::Facebook, 0, "Ringkasan.");
    other.task.item = "item2".into();
    assert_eq!(facebook(&p).look_up(&other).await, Lookup::Absent);
    let down = provider(|_| answer(500, graph_error(2, None, "Service temporarily unavailable"))).await;
    assert!(matches!(facebook(&down).look_up(&other).await, Lookup::CannotTell(_)));
}

// ---------------------------------------------------------------------------------------------
// Instagram

fn instagram(p: &Provider) -> Instagram {
    Instagram::new(http(), &p.base, "v23.0", "17841", TOKEN).with_polling(Duration::from_millis(20), 5)
}

#[tokio::test]
async fn instagram_publishes_a_carousel_once_its_containers_are_finished() {
    let made = AtomicUsize::new(0);
    let checks = AtomicUsize::new(0);
    let p = provider(move |r| match (r.method.as_str(), r.path.as_str()) {
        ("POST", "/v23.0/17841/media") => {
            let f = r.form();
            if f.get("media_type").map(String::as_str) == Some("CAROUSEL") {
                ok(json!({ "id": "carousel1" }))
            } else {
                ok(json!({ "id": format!("child{}", made.fetch_add(1, Ordering::SeqCst) + 1) }))
            }
        }
        // The carousel is still being processed at its first check.
        ("GET", "/v23.0/carousel1") if checks.fetch_add(1, Ordering::SeqCst) == 0 => {
            ok(json!({ "status_code": "IN_PROGRESS" }))
        }
        ("GET", "/v23.0/carousel1" | "/v23.0/child1" | "/v23.0/child2") => ok(json!({ "status_code": "FINISHED" })),
        ("POST", "/v23.0/17841/media_publish") => ok(json!({ "id": "1790001" })),
        ("GET", "/v23.0/1790001") => ok(json!({ "permalink": "https://www.instagram.com/p/DAbc123/" })),
        _ => answer(404, json!({})),
    })
    .await;
    let notes = Notes::default();
    let mut summary = "Rapat membahas daftar informasi publik tahun ini. ".repeat(60);
    summary.push_str("#ppid #kip #informasi #publik #kota #warta #lagi #banyak");
    let post = post(Channel::Instagram, 2, &summary);
    let done = instagram(&p).publish(&post, &notes).await.unwrap();
    assert_eq!(done.url, "https://www.instagram.com/p/DAbc123/");
    let writes = p.writes();
    assert_eq!(writes.len(), 4, "two items, the carousel, the publish: {writes:?}");
    for (i, w) in writes[..2].iter().enumerate() {
        let f = w.form();
        assert_eq!(f["is_carousel_item"], "true");
        assert_eq!(f["image_url"], post.photos[i].url.clone().unwrap());
        assert_eq!(f["alt_text"], post.photos[i].alt);
        assert!(!f.contains_key("caption"), "a carousel's items carry no caption");
    }
    let carousel = writes[2].form();
    assert_eq!(carousel["media_type"], "CAROUSEL");
    assert_eq!(carousel["children"], "child1,child2");
    let caption = &carousel["caption"];
    assert!(length(Channel::Instagram, caption) <= 2_200, "{}", caption.len());
    assert!(hashtags(caption) <= 5, "five hashtags at most: {caption}");
    assert!(caption.ends_with(&marker("item1")));
    assert_eq!(writes[3].form()["creation_id"], "carousel1");
    // Published only after the carousel's status said FINISHED (checked twice).
    let checks_before_publish = p
        .requests()
        .iter()
        .take_while(|r| !r.path.ends_with("/media_publish"))
        .filter(|r| r.path == "/v23.0/carousel1")
        .count();
    assert_eq!(checks_before_publish, 2);
    assert_eq!(
        notes.all(),
        vec![
            ("m1".into(), "child1".into()),
            ("m2".into(), "child2".into()),
            (CAROUSEL.into(), "carousel1".into()),
            ("post".into(), "1790001".into())
        ]
    );
}

#[tokio::test]
async fn instagram_publishes_a_kept_container_instead_of_making_another() {
    let p = provider(|r| match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/v23.0/cont9") => ok(json!({ "status_code": "FINISHED" })),
        ("POST", "/v23.0/17841/media_publish") => ok(json!({ "id": "1790002" })),
        ("GET", "/v23.0/1790002") => ok(json!({ "permalink": "https://www.instagram.com/p/X9/" })),
        _ => answer(404, json!({})),
    })
    .await;
    let mut post = post(Channel::Instagram, 1, "Ringkasan.");
    post.task.media_remote.insert("m1".into(), "cont9".into());
    instagram(&p).publish(&post, &Notes::default()).await.unwrap();
    let writes = p.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].form()["creation_id"], "cont9");
}

#[tokio::test]
async fn instagram_refuses_bad_media_expired_tokens_and_rate_limits_as_documented() {
    // A photo Instagram cannot take: the container ends in ERROR; nothing is published.
    let p = provider(|r| match (r.method.as_str(), r.path.as_str()) {
        ("POST", "/v23.0/17841/media") => ok(json!({ "id": "cont1" })),
        ("GET", "/v23.0/cont1") => ok(json!({ "status_code": "ERROR", "status": "Error: aspect ratio" })),
        _ => answer(404, json!({})),
    })
    .await;
    let f = failure(
        instagram(&p)
            .publish(&post(Channel::Instagram, 1, "x"), &Notes::default())
            .await,
    );
    assert!(matches!(f, Failure::Permanent { .. }), "{f:?}");
    assert!(p.writes().iter().all(|w| !w.path.ends_with("/media_publish")));
    // The image URL refused outright (36003: the aspect ratio), an expired token, a rate limit.
    let cases = [
        (
            400,
            graph_error(36003, Some(2_207_009), "The aspect ratio is not supported."),
            "permanent",
        ),
        (
            400,
            graph_error(190, Some(463), "Error validating access token: Session has expired"),
            "reconnect",
        ),
        (
            400,
            graph_error(4, None, "Application request limit reached"),
            "temporary",
        ),
        (
            400,
            graph_error(
                9,
                Some(2_207_042),
                "You reached the maximum number of posts that is allowed to be published by Content Publishing API.",
            ),
            "permanent",
        ),
    ];
    for (status, body, expect) in cases {
        let p = provider(move |_| answer(status, body.clone())).await;
        let f = failure(
            instagram(&p)
                .publish(&post(Channel::Instagram, 1, "x"), &Notes::default())
                .await,
        );
        match (expect, &f) {
            ("permanent", Failure::Permanent { .. })
            | ("reconnect", Failure::Reconnect { .. })
            | ("temporary", Failure::Temporary { .. }) => {}
            _ => panic!("{expect}: got {f:?}"),
        }
    }
    // Without a photo there is no Instagram post: refused before any call.
    let p = provider(|_| answer(500, json!({}))).await;
    let f = failure(
        instagram(&p)
            .publish(&post(Channel::Instagram, 0, "x"), &Notes::default())
            .await,
    );
    assert!(matches!(f, Failure::Permanent { .. }));
    assert!(p.requests().is_empty());
}

#[tokio::test]
async fn instagram_finds_a_lost_post_by_its_caption() {
    let caption = format!("Rapat\n\n{}", marker("item1"));
    let p = provider(move |r| {
        assert_eq!(r.path, "/v23.0/17841/media");
        ok(json!({ "data": [{ "id": "1790003", "caption": caption, "permalink": "https://www.instagram.com/p/Q1/" }] }))
    })
    .await;
    match instagram(&p).look_up(&post(Channel::Instagram, 1, "x")).await {
        Lookup::Found(f) => assert_eq!(f.url, "https://www.instagram.com/p/Q1/"),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// X

fn x(p: &Provider) -> X {
    X::new(http(), &p.base, "2", "@ppidkota", "x-user-token")
}

#[tokio::test]
async fn x_uploads_each_photo_with_its_alt_text_then_posts_within_280_characters() {
    let ids = AtomicUsize::new(0);
    let p = provider(move |r| match r.path.as_str() {
        "/2/media/upload" => ok(json!({ "data": { "id": format!("1880{}", ids.fetch_add(1, Ordering::SeqCst) + 1), "media_key": "3_1880", "expires_after_secs": 86400 } })),
        "/2/media/metadata" => ok(json!({ "data": { "associated_metadata": true } })),
        "/2/tweets" => answer(201, json!({ "data": { "id": "1445880548472328192", "text": "…" } })),
        _ => answer(404, json!({})),
    })
    .await;
    let notes = Notes::default();
    let summary = "Rapat koordinasi pejabat pengelola informasi dan dokumentasi ".repeat(10);
    // Five photos: X takes four.
    let post = post(Channel::X, 5, &summary);
    let done = x(&p).publish(&post, &notes).await.unwrap();
    assert_eq!(done.url, "https://x.com/ppidkota/status/1445880548472328192");
    let uploads: Vec<_> = p.writes().into_iter().filter(|w| w.path == "/2/media/upload").collect();
    assert_eq!(uploads.len(), 4);
    let first = uploads[0].json();
    assert_eq!(first["media_category"], "tweet_image");
    assert_eq!(first["media_type"], "image/jpeg");
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(first["media"].as_str().unwrap())
            .unwrap(),
        post.photos[0].jpeg
    );
    let alts: Vec<_> = p
        .writes()
        .into_iter()
        .filter(|w| w.path == "/2/media/metadata")
        .map(|w| w.json())
        .collect();
    assert_eq!(alts[0]["id"], "18801");
    assert_eq!(alts[0]["metadata"]["alt_text"]["text"], "Peserta rapat 1");
    let tweet = p.writes().into_iter().find(|w| w.path == "/2/tweets").unwrap();
    assert_eq!(tweet.bearer(), "Bearer x-user-token");
    let body = tweet.json();
    assert!(length(Channel::X, body["text"].as_str().unwrap()) <= 280);
    assert_eq!(body["media"]["media_ids"], json!(["18801", "18802", "18803", "18804"]));
}

#[tokio::test]
async fn x_errors_are_judged_as_x_documents_them() {
    let reset = (Utc::now().timestamp() + 600).to_string();
    let cases: Vec<(u16, Value, Vec<(&'static str, String)>, &str)> = vec![
        (
            401,
            json!({ "title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized" }),
            vec![],
            "reconnect",
        ),
        (
            429,
            json!({ "title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429 }),
            vec![("x-rate-limit-reset", reset)],
            "temporary:600",
        ),
        // A duplicate is a refusal of this post, not of the token.
        (
            403,
            json!({ "detail": "You are not allowed to create a Tweet with duplicate content.", "type": "about:blank", "title": "Forbidden", "status": 403 }),
            vec![],
            "permanent",
        ),
        (
            503,
            json!({ "title": "Service Unavailable", "detail": "Service Unavailable", "status": 503 }),
            vec![],
            "temporary",
        ),
    ];
    for (status, body, headers, expect) in cases {
        let said = body["detail"].as_str().unwrap().to_string();
        let p = provider(move |r| match r.path.as_str() {
            "/2/tweets" => Reply {
                status,
                headers: headers.clone(),
                body: body.clone(),
            },
            _ => ok(json!({ "data": { "id": "1" } })),
        })
        .await;
        let f = failure(
            x(&p)
                .publish(&post(Channel::X, 0, "Ringkasan."), &Notes::default())
                .await,
        );
        assert!(f.reason().contains(&said), "{f:?}");
        match (expect, &f) {
            ("reconnect", Failure::Reconnect { .. })
            | ("permanent", Failure::Permanent { .. })
            | ("temporary", Failure::Temporary { .. }) => {}
            (
                "temporary:600",
                Failure::Temporary {
                    retry_after: Some(s), ..
                },
            ) => {
                assert!((590..=600).contains(s), "{s}")
            }
            _ => panic!("{expect}: got {f:?}"),
        }
    }
    // Bad media: refused at the upload, and no post goes out without its photo.
    let p = provider(|r| match r.path.as_str() {
        "/2/media/upload" => answer(400, json!({ "errors": [{ "message": "media type unrecognized." }], "title": "Invalid Request", "detail": "One or more parameters to your request was invalid." })),
        _ => answer(201, json!({ "data": { "id": "2" } })),
    })
    .await;
    let f = failure(x(&p).publish(&post(Channel::X, 1, "x"), &Notes::default()).await);
    assert!(matches!(f, Failure::Permanent { .. }), "{f:?}");
    assert!(p.writes().iter().all(|w| w.path != "/2/tweets"));
}

#[tokio::test]
async fn x_finds_a_lost_post_by_its_text() {
    let original = post(
        Channel::X,
        0,
        "Ringkasan rapat https://ppid.contoh.go.id/informasi/1 selengkapnya.",
    );
    let shortened = original
        .text(Channel::X)
        .replace("https://ppid.contoh.go.id/informasi/1", "https://t.co/abc");
    let p = provider(move |r| match r.path.as_str() {
        "/2/users/me" => ok(json!({ "data": { "id": "42", "username": "ppidkota" } })),
        "/2/users/42/tweets" => {
            ok(json!({ "data": [{ "id": "7", "text": "lain" }, { "id": "8", "text": shortened }] }))
        }
        _ => answer(404, json!({})),
    })
    .await;
    match x(&p).look_up(&original).await {
        Lookup::Found(f) => assert_eq!(f.url, "https://x.com/ppidkota/status/8"),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The signed webhook

fn expected_signature(secret: &str, timestamp: &str, payload: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(payload);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[tokio::test]
async fn the_webhook_posts_a_signed_body_with_the_same_delivery_id_on_every_attempt() {
    let p = provider(|_| ok(json!({ "id": "cms-77", "url": "https://cms.contoh.go.id/berita/77" }))).await;
    let hook = Webhook::new(
        http(),
        &format!("{}/terima", p.base),
        "rahasia-bersama",
        Channel::Facebook,
    );
    let post = post(Channel::Facebook, 2, "Ringkasan.");
    let notes = Notes::default();
    let done = hook.publish(&post, &notes).await.unwrap();
    assert_eq!(done.url, "https://cms.contoh.go.id/berita/77");
    hook.publish(&post, &Notes::default()).await.unwrap();
    let sent = p.writes();
    assert_eq!(sent.len(), 2);
    for r in &sent {
        let ts = r.headers["x-warta-timestamp"].to_str().unwrap();
        assert_eq!(
            r.headers["x-warta-signature"].to_str().unwrap(),
            expected_signature("rahasia-bersama", ts, &r.body),
            "the receiver can check the body came from Warta"
        );
        assert_eq!(
            expected_signature("tebakan", ts, &r.body) == r.headers["x-warta-signature"].to_str().unwrap(),
            false
        );
        assert_eq!(r.headers["x-warta-delivery"], "rapat-koordinasi-ppid-item1");
        let body = r.json();
        assert_eq!(body["delivery"], "rapat-koordinasi-ppid-item1");
        assert_eq!(body["channel"], "facebook");
        assert_eq!(body["title"], "Rapat Koordinasi PPID");
        assert_eq!(body["photos"][1]["url"], post.photos[1].url.clone().unwrap());
        assert_eq!(body["photos"][1]["alt"], "Peserta rapat 2");
    }
    assert_eq!(notes.all(), vec![("post".into(), "cms-77".into())]);
}

#[tokio::test]
async fn the_webhooks_errors_and_lookup_follow_its_contract() {
    let cases: Vec<(u16, Vec<(&'static str, String)>, &str)> = vec![
        (401, vec![], "reconnect"),
        (503, vec![("retry-after", "120".into())], "temporary:120"),
        (422, vec![], "permanent"),
    ];
    for (status, headers, expect) in cases {
        let p = provider(move |_| Reply {
            status,
            headers: headers.clone(),
            body: json!({ "message": "ditolak penerima" }),
        })
        .await;
        let hook = Webhook::new(http(), &p.base, "s", Channel::Website);
        let f = failure(hook.publish(&post(Channel::Website, 0, "x"), &Notes::default()).await);
        assert!(f.reason().contains("ditolak penerima"));
        match (expect, &f) {
            ("reconnect", Failure::Reconnect { .. }) | ("permanent", Failure::Permanent { .. }) => {}
            ("temporary:120", Failure::Temporary { retry_after, .. }) => assert_eq!(*retry_after, Some(120)),
            _ => panic!("{expect}: got {f:?}"),
        }
    }
    // A receiver that answers without the post's address has not published it.
    let p = provider(|_| ok(json!({ "ok": true }))).await;
    let f = failure(
        Webhook::new(http(), &p.base, "s", Channel::Website)
            .publish(&post(Channel::Website, 0, "x"), &Notes::default())
            .await,
    );
    assert!(matches!(f, Failure::Permanent { .. }));
    // Lookup: the receiver has the delivery (200), has not (404), or cannot say (500).
    let p = provider(|r| match r.query.get("delivery").map(String::as_str) {
        Some("rapat-koordinasi-ppid-item1") => {
            let ts = r.headers["x-warta-timestamp"].to_str().unwrap();
            assert_eq!(
                r.headers["x-warta-signature"].to_str().unwrap(),
                expected_signature("s", ts, b"rapat-koordinasi-ppid-item1")
            );
            ok(json!({ "id": "9", "url": "https://cms.contoh.go.id/berita/9" }))
        }
        Some(_) => answer(404, json!({})),
        None => answer(500, json!({})),
    })
    .await;
    let hook = Webhook::new(http(), &p.base, "s", Channel::Website);
    assert!(matches!(hook.look_up(&post(Channel::Website, 0, "x")).await, Lookup::Found(f) if f.url.ends_with("/9")));
    let mut other = post(Channel::Website, 0, "x");
    other.task.slug = "lain".into();
    assert_eq!(hook.look_up(&other).await, Lookup::Absent);
}

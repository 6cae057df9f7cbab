//! The website channel against a real WordPress (issue 17): Debian's `wordpress` with MariaDB
//! and Apache on loopback, installed and started by `../shared/peers/wordpress-setup.sh`
//! (`make wordpress`, part of `make test`), which gives the address and an application password
//! (`WARTA_WP_URL`, `WARTA_WP_USER`, `WARTA_WP_PASSWORD`, set by the Makefile from its state file).
//!
//! The round trip: photos uploaded with their alt text and captions, one post with its featured
//! image, the other photo, its category and tags, the post's link recorded on the item; a crash
//! between the call and its record does not post twice; photos already on the site are not sent
//! again on a retry; a revoked password stops the channel with WordPress's own reason.

mod common;

use app::domain::media::{Format, MediaLimits};
use app::domain::outbox::{ConnectorKind, TaskState};
use app::domain::{ActionKind, Channel, State};
use app::server::connections::{self, NewConnection};
use app::server::items::{self, media::NewMedia};
use app::server::outbox::{self as tasks, Steer};
use app::server::secrets::SecretKey;
use app::views::MoveInput;
use chrono::{Duration, Utc};
use common::World;
use serde_json::Value;
use server::media::{content, store::hash_of, MediaStore, Stored};
use server::outbox::connector::Notebook;
use server::outbox::{real_connectors, Outbox};

struct Peer {
    url: String,
    user: String,
    password: String,
}

fn peer() -> Peer {
    let var = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| {
            panic!("{k} is not set: run `make wordpress` (../shared/peers/wordpress-setup.sh) or `make test`")
        })
    };
    Peer {
        url: var("WARTA_WP_URL"),
        user: var("WARTA_WP_USER"),
        password: var("WARTA_WP_PASSWORD"),
    }
}

/// A GET on the site's REST API as its administrator.
async fn wp(path: &str) -> Value {
    let p = peer();
    let res = reqwest::Client::new()
        .get(format!("{}/wp-json/wp/v2{path}", p.url))
        .basic_auth(&p.user, Some(&p.password))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "GET {path}: {}", res.status());
    serde_json::from_slice(&res.bytes().await.unwrap()).unwrap()
}

struct Office {
    w: World,
    key: SecretKey,
    media: tempfile::TempDir,
}

impl Office {
    async fn new() -> Office {
        let o = Office {
            w: World::new().await,
            key: SecretKey::random(),
            media: tempfile::tempdir().unwrap(),
        };
        o.connect(&peer().password, 0).await;
        o
    }

    async fn connect(&self, password: &str, category: i64) {
        let p = peer();
        let conn = NewConnection {
            channel: Channel::Website,
            kind: ConnectorKind::WordPress,
            endpoint: p.url,
            account: p.user,
            credential: password.into(),
            category,
            api_version: "v2".into(),
            expires_at: None,
        };
        connections::save(&self.w.state.db, &self.key, &conn, "Admin", Utc::now())
            .await
            .unwrap();
    }

    fn server(&self) -> Outbox {
        Outbox::new(
            self.w.state.db.clone(),
            MediaStore::new(self.media.path()),
            Some(self.key.clone()),
            real_connectors(),
        )
    }

    /// An item with two photos, for the website only, ordered published.
    async fn ordered(&self, title: &str) -> String {
        let w = &self.w;
        let id = w.create().await;
        w.assigned_to(&id, &w.staf).await;
        let mut form = w.draft(title);
        form.channels = vec!["website".into()];
        w.save_form(&w.staf, &id, &form).await.unwrap();
        let fixture = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../end2end/tests/fixtures/foto-kegiatan.jpg"
        ))
        .unwrap();
        let store = MediaStore::new(self.media.path());
        for (n, (caption, alt)) in [
            ("Pembukaan rapat", "Kepala Dinas membuka rapat di aula"),
            ("Diskusi kelompok", "Peserta berdiskusi dalam kelompok kecil"),
        ]
        .into_iter()
        .enumerate()
        {
            // Two different files (the second one byte longer: another hash).
            let mut bytes = fixture.clone();
            bytes.extend(std::iter::repeat_n(0u8, n));
            let hash = hash_of(&bytes);
            let copies = content::copies(&fixture, Format::Jpeg).unwrap();
            for (copy, file) in &copies.files {
                store.put(&hash, Stored::Photo(*copy), file).unwrap();
            }
            let new = NewMedia {
                hash,
                format: Format::Jpeg,
                name: format!("foto-{n}.jpg"),
                bytes: bytes.len() as u64,
                size: Some((copies.width, copies.height)),
                caption: caption.into(),
                alt: alt.into(),
            };
            items::media::add_media(&w.state.db, &w.staf, &id, &new, &MediaLimits::default(), Utc::now())
                .await
                .unwrap();
        }
        w.moved(&w.staf, &id, ActionKind::SubmitForCorrection, MoveInput::default())
            .await;
        w.moved(&w.sekretaris, &id, ActionKind::SendToVerification, MoveInput::default())
            .await;
        w.moved(&w.verifikator, &id, ActionKind::Approve, MoveInput::default())
            .await;
        w.moved(&w.sekretaris, &id, ActionKind::OrderPublication, MoveInput::default())
            .await;
        id
    }

    /// The website's real connector, as the outbox makes it from the stored connection.
    async fn connector(&self) -> Box<dyn server::outbox::connector::Connector> {
        let stored = connections::of(&self.w.state.db, Channel::Website)
            .await
            .unwrap()
            .unwrap();
        real_connectors()(&stored, &peer().password).unwrap()
    }

    async fn task(&self, id: &str) -> tasks::TaskRow {
        tasks::get(&self.w.state.db, &tasks::task_key(id, Channel::Website))
            .await
            .unwrap()
            .unwrap()
    }
}

fn unique(title: &str) -> String {
    format!("{title} {:08x}", rand::random::<u32>())
}

#[tokio::test]
async fn an_item_is_published_to_wordpress_with_its_photos() {
    let o = Office::new().await;
    assert_eq!(o.server().check(Channel::Website).await.unwrap(), "admin");
    let title = unique("Rapat koordinasi PPID");
    let id = o.ordered(&title).await;
    let turn = o.server().turn(Utc::now()).await.unwrap();
    assert_eq!(turn.posted, 1, "{turn:?}");

    let task = o.task(&id).await;
    assert_eq!(task.state(), Some(TaskState::Done));
    let found = wp(&format!("/posts?slug={}&context=edit", task.slug)).await;
    let post = &found.as_array().unwrap()[..];
    assert_eq!(post.len(), 1);
    let post = &post[0];
    assert_eq!(post["status"], "publish");
    assert_eq!(post["title"]["raw"], title.as_str());
    assert_eq!(task.url.as_deref(), post["link"].as_str());
    assert_eq!(task.remote_id, post["id"].as_i64().map(|i| i.to_string()));
    // The first photo is the featured image, with its alt text; the second is in the body.
    let featured = wp(&format!("/media/{}?context=edit", post["featured_media"])).await;
    assert_eq!(featured["alt_text"], "Kepala Dinas membuka rapat di aula");
    let body = post["content"]["raw"].as_str().unwrap();
    assert!(
        body.contains("alt=\"Peserta berdiskusi dalam kelompok kecil\""),
        "{body}"
    );
    assert!(body.contains("Hasil rapat"));
    // Tags: the unit responsible and the KIP category.
    let tags: Vec<String> = futures::future::join_all(
        post["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| async move { wp(&format!("/tags/{t}")).await["name"].as_str().unwrap().to_string() }),
    )
    .await;
    assert!(tags.iter().any(|t| t == "Dinas Komunikasi dan Informatika"), "{tags:?}");
    // The public reads it at its link; the item is "Sudah tayang" with that link.
    let page = reqwest::get(task.url.clone().unwrap()).await.unwrap();
    assert!(page.status().is_success());
    assert!(page.text().await.unwrap().contains(&title));
    let detail = o.w.detail_as(&o.w.staf, &id).await;
    assert_eq!(detail.state, State::Published);
    assert_eq!(detail.publications[0].url, task.url.unwrap());
}

/// A notebook that forgets: the server stopped before it wrote anything down.
struct Forgetful;

#[async_trait::async_trait]
impl Notebook for Forgetful {
    async fn photo_uploaded(&self, _: &str, _: &str) {}
    async fn post_created(&self, _: &str) {}
}

#[tokio::test]
async fn a_crash_between_the_call_and_its_record_does_not_post_twice() {
    let o = Office::new().await;
    let id = o.ordered(&unique("Crash sesudah panggilan")).await;
    let task = o.task(&id).await;
    // The attempt is recorded, the call made, and the server stops before the answer is kept.
    assert!(tasks::begin(&o.w.state.db, &task, Utc::now()).await.unwrap());
    let conn = o.connector().await;
    let post = server::outbox::connector::Post {
        task: task.clone(),
        content: items::post_content(&o.w.state.db, &id).await.unwrap().unwrap(),
        photos: vec![],
    };
    let made = conn.publish(&post, &Forgetful).await.unwrap();
    assert_eq!(o.task(&id).await.state(), Some(TaskState::Sending));

    // The restarted server finds the post by its slug and records it; nothing is posted again.
    let turn = o.server().turn(Utc::now() + Duration::minutes(3)).await.unwrap();
    assert_eq!((turn.looked_up, turn.posted), (1, 0));
    let task = o.task(&id).await;
    assert_eq!(task.state(), Some(TaskState::Done));
    assert_eq!(task.url.as_deref(), Some(made.url.as_str()));
    let found = wp(&format!("/posts?slug={}&context=edit", task.slug)).await;
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn photos_already_on_the_site_are_not_sent_again() {
    let o = Office::new().await;
    let id = o.ordered(&unique("Foto sudah terunggah")).await;
    let task = o.task(&id).await;
    // The server uploaded the photos and stopped before writing their ids down, and before the
    // post was made: here, the post is made and taken away again, leaving only the photos.
    assert!(tasks::begin(&o.w.state.db, &task, Utc::now()).await.unwrap());
    let p = peer();
    let conn = o.connector().await;
    let post = o.server().post_of(&task).await.unwrap().unwrap();
    assert_eq!(post.photos.len(), 2);
    let made = conn.publish(&post, &Forgetful).await.unwrap();
    let gone = reqwest::Client::new()
        .delete(format!("{}/wp-json/wp/v2/posts/{}?force=true", p.url, made.remote_id))
        .basic_auth(&p.user, Some(&p.password))
        .send()
        .await
        .unwrap();
    assert!(gone.status().is_success());

    // The restarted server: no post by the slug, so it sends again; the photos are found by
    // their own slugs and not uploaded a second time.
    let turn = o.server().turn(Utc::now() + Duration::minutes(3)).await.unwrap();
    assert_eq!((turn.looked_up, turn.posted), (1, 1));
    let task = o.task(&id).await;
    assert_eq!(task.state(), Some(TaskState::Done));
    for n in 1..=2 {
        let media = wp(&format!("/media?slug={}-foto-{n}", task.slug)).await;
        assert_eq!(media.as_array().unwrap().len(), 1, "photo {n} is on the site once");
    }
    let found = wp(&format!("/posts?slug={}", task.slug)).await;
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_failed_task_is_retried_by_a_person() {
    let o = Office::new().await;
    o.connect(&peer().password, 0).await;
    let id = o.ordered(&unique("Coba lagi")).await;
    // Apache answers, WordPress is not there: a permanent refusal (404), with the site's words.
    let p = peer();
    let wrong = NewConnection {
        channel: Channel::Website,
        kind: ConnectorKind::WordPress,
        endpoint: format!("{}/bukan-wordpress", p.url),
        account: p.user.clone(),
        credential: p.password.clone(),
        category: 0,
        api_version: "v2".into(),
        expires_at: None,
    };
    connections::save(&o.w.state.db, &o.key, &wrong, "Admin", Utc::now())
        .await
        .unwrap();
    let server = o.server();
    server.turn(Utc::now()).await.unwrap();
    let task = o.task(&id).await;
    assert_eq!(task.state(), Some(TaskState::Failed), "{}", task.reason);
    assert!(task.reason.starts_with("WordPress (404)"), "{}", task.reason);
    // Not tried again by itself.
    server.turn(Utc::now() + Duration::hours(2)).await.unwrap();
    assert_eq!(o.task(&id).await.state(), Some(TaskState::Failed));
    // The administrator fixes the address; the staff member retries.
    o.connect(&p.password, 0).await;
    items::steer_publication(&o.w.state.db, &o.w.staf, &id, "website", Steer::Retry, Utc::now())
        .await
        .unwrap();
    assert_eq!(server.turn(Utc::now()).await.unwrap().posted, 1);
    assert_eq!(o.task(&id).await.state(), Some(TaskState::Done));
}

#[tokio::test]
async fn a_revoked_password_stops_the_channel_with_the_sites_reason() {
    let o = Office::new().await;
    o.connect("xxxx xxxx xxxx xxxx xxxx xxxx", 0).await;
    let id = o.ordered(&unique("Sandi dicabut")).await;
    o.server().turn(Utc::now()).await.unwrap();
    let task = o.task(&id).await;
    assert_eq!(task.state(), Some(TaskState::Stopped));
    let conn = connections::of(&o.w.state.db, Channel::Website).await.unwrap().unwrap();
    assert!(!conn.active());
    assert!(
        conn.status_reason.starts_with("WordPress (401)"),
        "{}",
        conn.status_reason
    );
    assert!(o.server().check(Channel::Website).await.is_err());
}

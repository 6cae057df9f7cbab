//! The outbox (issue 17): publication tasks made by the Sekretaris's order, sent by exactly one
//! server, never twice after a crash at any point of an attempt, retried with backoff up to a
//! limit, stopped by a refused credential, scheduled, and surviving a restart. The channel here
//! is a fake that keeps its posts like a real one (and can lose answers, refuse, or rate-limit);
//! `wordpress.rs` runs the same against a real WordPress.

mod common;

use app::domain::outbox::{ConnectorKind, Failure, TaskState, MAX_ATTEMPTS};
use app::domain::{ActionKind, Channel, State};
use app::server::connections::{self, ConnectionRow, NewConnection};
use app::server::items;
use app::server::outbox as tasks;
use app::server::secrets::SecretKey;
use app::views::MoveInput;
use chrono::{DateTime, Duration, Utc};
use common::World;
use server::media::MediaStore;
use server::outbox::connector::{Connector, Lookup, NotPosted, Notebook, Post, Posted};
use server::outbox::{Connectors, Outbox};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// What the fake channel does at its next `publish`.
#[derive(Clone, Debug)]
enum Next {
    Post,
    Refuse(Failure),
    /// Posts, then the answer is lost (the server stopped before it read it).
    PostAndLoseAnswer,
    /// The request is lost before the channel acted on it.
    LoseRequest,
}

#[derive(Default)]
struct Channel_ {
    /// The posts the channel holds, by slug.
    posts: HashMap<String, Posted>,
    /// Every `publish` call.
    calls: usize,
    script: VecDeque<Next>,
    /// The channel cannot be asked about its posts.
    blind: bool,
}

#[derive(Clone, Default)]
struct Fake(Arc<Mutex<Channel_>>);

impl Fake {
    fn then(&self, next: Next) {
        self.0.lock().unwrap().script.push_back(next);
    }
    fn posts(&self) -> usize {
        self.0.lock().unwrap().posts.len()
    }
    fn calls(&self) -> usize {
        self.0.lock().unwrap().calls
    }
    fn connectors(&self) -> Connectors {
        let fake = self.clone();
        Arc::new(
            move |_: &ConnectionRow, credential: &str| -> Option<Box<dyn Connector>> {
                assert_eq!(
                    credential, "rahasia-aplikasi",
                    "the connector gets the credential opened"
                );
                Some(Box::new(fake.clone()))
            },
        )
    }
}

#[async_trait::async_trait]
impl Connector for Fake {
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted> {
        let next = {
            let mut ch = self.0.lock().unwrap();
            ch.calls += 1;
            ch.script.pop_front().unwrap_or(Next::Post)
        };
        let make = || {
            let n = self.0.lock().unwrap().posts.len() + 1;
            let p = Posted {
                remote_id: format!("{n}"),
                url: format!("https://saluran.contoh.go.id/{}", post.slug()),
            };
            self.0.lock().unwrap().posts.insert(post.slug().to_string(), p.clone());
            p
        };
        match next {
            Next::Post => {
                let p = make();
                notes.post_created(&p.remote_id).await;
                Ok(p)
            }
            Next::Refuse(f) => Err(NotPosted::Failed(f)),
            Next::PostAndLoseAnswer => {
                make();
                Err(NotPosted::AnswerLost("connection reset".into()))
            }
            Next::LoseRequest => Err(NotPosted::AnswerLost("timeout".into())),
        }
    }
    async fn look_up(&self, post: &Post) -> Lookup {
        let ch = self.0.lock().unwrap();
        if ch.blind {
            return Lookup::CannotTell("the channel cannot be searched".into());
        }
        match ch.posts.get(post.slug()) {
            Some(p) => Lookup::Found(p.clone()),
            None => Lookup::Absent,
        }
    }
    async fn check(&self) -> Result<String, Failure> {
        Ok("Admin Situs".into())
    }
}

struct Office {
    w: World,
    key: SecretKey,
    fake: Fake,
    media: tempfile::TempDir,
}

impl Office {
    /// An office whose website is connected (the fake channel); Instagram is not.
    async fn new() -> Office {
        let w = World::new().await;
        let key = SecretKey::random();
        let o = Office {
            w,
            key,
            fake: Fake::default(),
            media: tempfile::tempdir().unwrap(),
        };
        o.connect(Utc::now()).await;
        o
    }

    async fn connect(&self, now: DateTime<Utc>) {
        let website = common::website_connection();
        connections::save(&self.w.state.db, &self.key, &website, "Admin", now)
            .await
            .unwrap();
    }

    /// One app server's outbox on this office's database.
    fn server(&self) -> Outbox {
        Outbox::new(
            self.w.state.db.clone(),
            MediaStore::new(self.media.path()),
            Some(self.key.clone()),
            self.fake.connectors(),
        )
    }

    /// An item approved (step 7 done), waiting for the Sekretaris's order.
    async fn approved(&self, title: &str) -> String {
        let id = self.w.at_verification(title).await;
        self.w
            .moved(&self.w.verifikator, &id, ActionKind::Approve, MoveInput::default())
            .await;
        id
    }

    async fn ordered(&self, title: &str) -> String {
        let id = self.approved(title).await;
        self.w
            .moved(
                &self.w.sekretaris,
                &id,
                ActionKind::OrderPublication,
                MoveInput::default(),
            )
            .await;
        id
    }

    async fn task(&self, id: &str, channel: Channel) -> tasks::TaskRow {
        tasks::get(&self.w.state.db, &tasks::task_key(id, channel))
            .await
            .unwrap()
            .expect("the order made the channel's task")
    }

    async fn state(&self, id: &str) -> State {
        self.w.detail_as(&self.w.sekretaris, id).await.state
    }
}

fn in_(secs: i64) -> DateTime<Utc> {
    Utc::now() + Duration::seconds(secs)
}

#[tokio::test]
async fn the_order_gives_each_channel_a_task_and_the_connected_one_is_posted() {
    let o = Office::new().await;
    let id = o.ordered("Rapat koordinasi").await;
    // The website is connected: the server posts it. Instagram is not: the staff member does.
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Queued));
    assert_eq!(o.task(&id, Channel::Instagram).await.state(), Some(TaskState::Manual));

    let turn = o.server().turn(in_(1)).await.unwrap();
    assert_eq!(turn.posted, 1);
    let web = o.task(&id, Channel::Website).await;
    assert_eq!(web.state(), Some(TaskState::Done));
    assert_eq!(web.remote_id.as_deref(), Some("1"));
    let url = web.url.clone().unwrap();
    assert!(url.ends_with(&web.slug));
    // The link is on the item; the item waits for Instagram's link.
    assert_eq!(o.state(&id).await, State::Publishing);
    let detail = o.w.detail_as(&o.w.staf, &id).await;
    assert!(detail
        .publications
        .iter()
        .any(|p| p.channel == Channel::Website && p.url == url));

    // The staff member pastes Instagram's link: its task is done, and the server never posts it.
    items::record_link(
        &o.w.state.db,
        &o.w.staf,
        &id,
        "instagram",
        "https://www.instagram.com/p/C0ntoh/",
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(o.task(&id, Channel::Instagram).await.state(), Some(TaskState::Done));
    assert_eq!(o.server().turn(in_(2)).await.unwrap().posted, 0);
    assert_eq!(o.fake.posts(), 1);
}

#[tokio::test]
async fn the_item_is_published_when_the_outbox_records_the_last_link() {
    let o = Office::new().await;
    // Only the website: once it is posted, nothing is left to wait for.
    let mut form = o.w.draft("Sosialisasi keterbukaan informasi");
    form.channels = vec!["website".into()];
    let id2 = o.w.create().await;
    o.w.assigned_to(&id2, &o.w.staf).await;
    o.w.save_form(&o.w.staf, &id2, &form).await.unwrap();
    o.w.moved(&o.w.staf, &id2, ActionKind::SubmitForCorrection, MoveInput::default())
        .await;
    o.w.moved(
        &o.w.sekretaris,
        &id2,
        ActionKind::SendToVerification,
        MoveInput::default(),
    )
    .await;
    o.w.moved(&o.w.verifikator, &id2, ActionKind::Approve, MoveInput::default())
        .await;
    o.w.moved(
        &o.w.sekretaris,
        &id2,
        ActionKind::OrderPublication,
        MoveInput::default(),
    )
    .await;

    o.server().turn(in_(1)).await.unwrap();
    assert_eq!(o.state(&id2).await, State::Published);
    // The move is in the audit trail, made by the server on the staff member's behalf.
    let events = items::events(&o.w.state.db, &id2).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.action, ActionKind::MarkPublished);
    assert!(
        last.actor_name.contains("Warta") && last.actor_name.contains(&o.w.staf.name),
        "{}",
        last.actor_name
    );
}

#[tokio::test]
async fn no_double_post_after_a_crash_at_any_point_of_an_attempt() {
    // 1. Stopped after the attempt was recorded, before the call: the channel has nothing.
    let o = Office::new().await;
    let id = o.ordered("Crash sebelum panggilan").await;
    let task = o.task(&id, Channel::Website).await;
    assert!(tasks::begin(&o.w.state.db, &task, in_(1)).await.unwrap());
    // A restarted server: the attempt is not lost yet (its call could still be under way).
    let restarted = o.server();
    assert_eq!(restarted.turn(in_(70)).await.unwrap().posted, 0);
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Sending));
    // Past the limit it is lost: the channel says there is no post, so it is sent again, once.
    let t = restarted.turn(in_(200)).await.unwrap();
    assert_eq!(t.looked_up, 1);
    restarted.turn(in_(201)).await.unwrap();
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Done));
    assert_eq!(o.fake.posts(), 1);

    // 2. Posted, and the answer lost (the server stopped before recording it).
    let id = o.ordered("Crash sesudah panggilan").await;
    o.fake.then(Next::PostAndLoseAnswer);
    let first = o.server();
    first.turn(in_(300)).await.unwrap();
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Sending));
    let before = o.fake.calls();
    // The next server finds the post by its slug and records it: no second call.
    let second = o.server();
    second.turn(in_(600)).await.unwrap();
    let task = o.task(&id, Channel::Website).await;
    assert_eq!(task.state(), Some(TaskState::Done));
    assert!(task.url.unwrap().ends_with(&task.slug));
    assert_eq!(o.fake.calls(), before, "the channel was asked, not posted to again");
    assert_eq!(o.fake.posts(), 2);

    // 3. Recorded: a later turn does nothing more.
    o.server().turn(in_(900)).await.unwrap();
    assert_eq!(o.fake.posts(), 2);
}

#[tokio::test]
async fn a_lost_answer_the_channel_cannot_check_waits_for_a_person() {
    let o = Office::new().await;
    o.fake.0.lock().unwrap().blind = true;
    let id = o.ordered("Tidak dapat diperiksa").await;
    o.fake.then(Next::LoseRequest);
    o.server().turn(in_(1)).await.unwrap();
    o.server().turn(in_(200)).await.unwrap();
    let task = o.task(&id, Channel::Website).await;
    assert_eq!(task.state(), Some(TaskState::Uncertain));
    assert!(task.reason.contains("cannot be searched"));
    // Nobody posts it blindly again.
    o.server().turn(in_(400)).await.unwrap();
    assert_eq!(o.fake.calls(), 1);
}

#[tokio::test]
async fn temporary_failures_are_retried_with_backoff_and_stop_at_the_limit() {
    let o = Office::new().await;
    let id = o.ordered("Batas percobaan").await;
    let busy = Failure::Temporary {
        reason: "WordPress (503): Service Unavailable".into(),
        retry_after: None,
    };
    for _ in 0..MAX_ATTEMPTS {
        o.fake.then(Next::Refuse(busy.clone()));
    }
    let server = o.server();
    let mut at = in_(1);
    server.turn(at).await.unwrap();
    // Not again before its backoff.
    assert_eq!(server.turn(at + Duration::seconds(30)).await.unwrap().failed, 0);
    for _ in 1..MAX_ATTEMPTS {
        at = o.task(&id, Channel::Website).await.due_at;
        assert_eq!(server.turn(at).await.unwrap().failed, 1);
    }
    let task = o.task(&id, Channel::Website).await;
    assert_eq!(task.state(), Some(TaskState::Failed));
    assert_eq!(task.attempts, MAX_ATTEMPTS);
    assert!(
        task.reason.contains("503"),
        "the channel's own reason is kept: {}",
        task.reason
    );
    server.turn(at + Duration::hours(5)).await.unwrap();
    assert_eq!(o.fake.calls() as i64, MAX_ATTEMPTS);
}

#[tokio::test]
async fn a_refused_credential_stops_the_channel_until_it_is_reconnected() {
    let o = Office::new().await;
    let first = o.ordered("Token kedaluwarsa").await;
    let second = o.approved("Menunggu sambungan").await;
    o.fake.then(Next::Refuse(Failure::Reconnect {
        reason: "WordPress (401): Sorry, you are not allowed to do that.".into(),
    }));
    o.server().turn(in_(1)).await.unwrap();
    assert_eq!(o.task(&first, Channel::Website).await.state(), Some(TaskState::Stopped));
    let conn = connections::of(&o.w.state.db, Channel::Website).await.unwrap().unwrap();
    assert!(!conn.active());
    assert!(conn.status_reason.contains("401"));
    // The administrator and the Sekretaris are told on their dashboards, with the channel's reason;
    // the Sekretaris sees the item's website stopped and its Instagram waiting for a person.
    let board = |who: &app::server::accounts::UserRow| {
        let who = who.clone();
        let db = o.w.state.db.clone();
        async move {
            let at = app::server::items::AsOf::load(&db, Utc::now()).await.unwrap();
            app::server::dashboard::dashboard(&db, &who, &at).await.unwrap()
        }
    };
    let admin = board(&o.w.admin).await;
    let alert = admin
        .channel_alerts
        .iter()
        .find(|a| a.channel == Channel::Website)
        .expect("the administrator is told");
    assert!(alert.reconnect && alert.reason.contains("401"));
    assert!(admin.can_connect_channels);
    let sekretaris = board(&o.w.sekretaris).await;
    assert!(sekretaris.channel_alerts.iter().any(|a| a.channel == Channel::Website));
    assert!(!sekretaris.can_connect_channels);
    let item = sekretaris
        .publishing
        .iter()
        .find(|p| p.id == first)
        .expect("the item being published is on the Sekretaris's dashboard");
    let state_of = |c: Channel| item.tasks.iter().find(|t| t.channel == c).map(|t| t.state.clone());
    assert_eq!(state_of(Channel::Website).as_deref(), Some(TaskState::Stopped.id()));
    assert_eq!(state_of(Channel::Instagram).as_deref(), Some(TaskState::Manual.id()));
    let staf = board(&o.w.staf).await;
    assert!(staf.channel_alerts.is_empty() && staf.publishing.is_empty());
    // Ordered meanwhile: the channel does not work, so its task is for a person.
    o.w.moved(
        &o.w.sekretaris,
        &second,
        ActionKind::OrderPublication,
        MoveInput::default(),
    )
    .await;
    assert_eq!(o.task(&second, Channel::Website).await.state(), Some(TaskState::Manual));
    o.server().turn(in_(100)).await.unwrap();
    assert_eq!(o.fake.calls(), 1);
    // Reconnected: the stopped task goes out.
    o.connect(in_(200)).await;
    o.server().turn(in_(201)).await.unwrap();
    assert_eq!(o.task(&first, Channel::Website).await.state(), Some(TaskState::Done));
    assert!(
        board(&o.w.admin).await.channel_alerts.is_empty(),
        "reconnected: nothing to tell"
    );
}

#[tokio::test]
async fn a_scheduled_publication_goes_out_at_its_time_and_survives_a_restart() {
    let o = Office::new().await;
    let id = o.approved("Dijadwalkan").await;
    let at = Utc::now() + Duration::hours(20);
    let v = o.w.version(&id).await;
    // A time already gone is refused and changes nothing.
    let past = items::order_publication_at(
        &o.w.state.db,
        &o.w.sekretaris,
        &id,
        v,
        Utc::now() - Duration::minutes(5),
        Utc::now(),
    )
    .await
    .unwrap_err()
    .into_app();
    assert!(format!("{past:?}").contains("ScheduleInvalid"), "{past:?}");
    assert_eq!(o.state(&id).await, State::Approved);

    items::order_publication_at(&o.w.state.db, &o.w.sekretaris, &id, v, at, Utc::now())
        .await
        .unwrap();
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Scheduled));
    let before = o.server();
    assert_eq!(before.turn(in_(60)).await.unwrap().posted, 0);
    assert_eq!(before.turn(at - Duration::seconds(1)).await.unwrap().posted, 0);
    // The server that held the lease is gone (no release): another takes over once it lapses.
    let after_restart = o.server();
    assert!(after_restart.turn(at + Duration::seconds(1)).await.unwrap().not_mine);
    let lapsed = at + Duration::seconds(server::outbox::LEASE_SECS + 1);
    assert_eq!(after_restart.turn(lapsed).await.unwrap().posted, 1);
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Done));
}

#[tokio::test]
async fn two_app_servers_do_not_both_publish() {
    let o = Office::new().await;
    let mut ids = vec![];
    for n in 0..3 {
        ids.push(o.ordered(&format!("Dua server {n}")).await);
    }
    let (a, b) = (o.server(), o.server());
    let now = in_(1);
    let (ta, tb) = tokio::join!(a.turn(now), b.turn(now));
    let (ta, tb) = (ta.unwrap(), tb.unwrap());
    assert!(ta.not_mine || tb.not_mine, "only one holds the lease: {ta:?} {tb:?}");
    assert_eq!(ta.posted + tb.posted, 3);
    // And again, with the lease held: the other still does nothing.
    let (ta, tb) = tokio::join!(a.turn(in_(2)), b.turn(in_(2)));
    assert_eq!(ta.unwrap().posted + tb.unwrap().posted, 0);
    assert_eq!(o.fake.posts(), 3);
    assert_eq!(o.fake.calls(), 3);
}

#[tokio::test]
async fn a_cancelled_item_is_not_published() {
    let o = Office::new().await;
    let id = o.ordered("Dibatalkan").await;
    o.w.moved(
        &o.w.ppid,
        &id,
        ActionKind::Cancel,
        common::World::reason("Kegiatan ditunda oleh pimpinan"),
    )
    .await;
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Cancelled));
    o.server().turn(in_(1)).await.unwrap();
    assert_eq!(o.fake.calls(), 0);
}

#[tokio::test]
async fn credentials_are_stored_sealed() {
    let o = Office::new().await;
    let mut res = o.w.state.db.query("SELECT VALUE secret FROM connection").await.unwrap();
    let stored: Vec<String> = res.take(0).unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains("rahasia-aplikasi"));
    // Another key (the environment's changed) does not open it: the channel stops, nothing posts.
    let id = o.ordered("Kunci lain").await;
    let stranger = Outbox::new(
        o.w.state.db.clone(),
        MediaStore::new(o.media.path()),
        Some(SecretKey::random()),
        o.fake.connectors(),
    );
    stranger.turn(in_(1)).await.unwrap();
    assert_eq!(o.fake.calls(), 0);
    let conn = connections::of(&o.w.state.db, Channel::Website).await.unwrap().unwrap();
    assert!(!conn.active());
    assert_eq!(o.task(&id, Channel::Website).await.state(), Some(TaskState::Stopped));
}

#[tokio::test]
async fn the_real_connectors_publish_through_a_signed_webhook_the_administrator_set() {
    use common::provider::{ok, provider};
    use serde_json::json;
    // The office's other system receives the website's posts; nothing else is connected.
    let receiver = provider(|r| {
        let body = r.json();
        ok(json!({ "id": "cms-1", "url": format!("https://cms.contoh.go.id/berita/{}", body["delivery"].as_str().unwrap()) }))
    })
    .await;
    let w = World::new().await;
    let key = SecretKey::random();
    let hook = NewConnection {
        channel: Channel::Website,
        kind: ConnectorKind::Webhook,
        endpoint: format!("{}/terima", receiver.base),
        account: String::new(),
        credential: "rahasia-bersama".into(),
        category: 0,
        api_version: String::new(),
        expires_at: None,
    };
    connections::save(&w.state.db, &key, &hook, "Admin", Utc::now())
        .await
        .unwrap();
    let media = tempfile::tempdir().unwrap();
    let o = Office {
        w,
        key: key.clone(),
        fake: Fake::default(),
        media,
    };
    let id = o.ordered("Rapat lewat webhook").await;
    let outbox = Outbox::new(
        o.w.state.db.clone(),
        MediaStore::new(o.media.path()),
        Some(key),
        server::outbox::real_connectors(),
    );
    assert_eq!(outbox.turn(in_(1)).await.unwrap().posted, 1);
    let web = o.task(&id, Channel::Website).await;
    assert_eq!(web.state(), Some(TaskState::Done));
    assert_eq!(
        web.url.as_deref(),
        Some(format!("https://cms.contoh.go.id/berita/{}", web.slug).as_str())
    );
    let sent = receiver.writes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].path, "/terima");
    assert!(sent[0].headers["x-warta-signature"]
        .to_str()
        .unwrap()
        .starts_with("sha256="));
    assert_eq!(sent[0].json()["title"], "Rapat lewat webhook");
    // The fake channel of the other tests was never asked.
    assert_eq!(o.fake.calls(), 0);
}

#[tokio::test]
async fn a_token_ending_within_two_weeks_is_announced_on_the_administrators_dashboard() {
    let o = Office::new().await;
    let db = o.w.state.db.clone();
    let connect = |ends: DateTime<Utc>| {
        let (db, key) = (db.clone(), o.key.clone());
        async move {
            let facebook = NewConnection {
                channel: Channel::Facebook,
                kind: ConnectorKind::Facebook,
                endpoint: "https://graph.facebook.com".into(),
                account: "1234567890".into(),
                credential: "EAAG-token".into(),
                category: 0,
                api_version: "v23.0".into(),
                expires_at: Some(ends),
            };
            connections::save(&db, &key, &facebook, "Admin", Utc::now())
                .await
                .unwrap();
        }
    };
    let alerts = || async {
        let at = app::server::items::AsOf::load(&db, Utc::now()).await.unwrap();
        app::server::dashboard::dashboard(&db, &o.w.admin, &at)
            .await
            .unwrap()
            .channel_alerts
    };
    connect(in_(30 * 86_400)).await;
    assert!(alerts().await.is_empty(), "a month ahead: nothing yet");
    let ends = in_(10 * 86_400);
    connect(ends).await;
    let told = alerts().await;
    assert_eq!(told.len(), 1, "{told:?}");
    let a = &told[0];
    assert_eq!(a.channel, Channel::Facebook);
    assert!(!a.reconnect && !a.expired);
    assert_eq!(
        a.ends_on,
        Some(app::domain::time::OfficeZone::Wib.today(ends)),
        "the office's date"
    );
}

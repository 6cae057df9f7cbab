//! Push notifications, against a receiver in this test that plays the browser's push service:
//! it checks the VAPID signature (RFC 8292) and decrypts the message with the device's keys
//! (RFC 8291), as a browser would. A person's devices hear of material on their desk, a return
//! and a publication; a confidential title stays off the screen; a subscription the service
//! says is gone is forgotten, a busy service is tried again and then given up with why;
//! switching off, signing out and the end of the session stop the pushes.
#![cfg(feature = "ssr")]

mod common;

use app::domain::ActionKind;
use app::server::AppState;
use app::views::MoveInput;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::oneshot::{call, login, send};
use common::World;
use jwt_simple::prelude::*;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// What the push service received: the device (the path's last part), headers, body.
#[derive(Clone)]
struct Received {
    device: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

#[derive(Clone, Default)]
struct Service {
    received: Arc<Mutex<Vec<Received>>>,
}

impl Service {
    fn taken(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

/// The push service's answers by device: "gone" is unsubscribed (410), "busy" is rate limited
/// (429); any other device gets its message (201).
async fn receive(State(s): State<Service>, Path(device): Path<String>, headers: HeaderMap, body: Bytes) -> StatusCode {
    s.received.lock().unwrap().push(Received {
        device: device.clone(),
        headers,
        body: body.to_vec(),
    });
    match device.as_str() {
        "gone" => StatusCode::GONE,
        "busy" => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::CREATED,
    }
}

async fn push_service() -> (String, Service) {
    let service = Service::default();
    let app = Router::new()
        .route("/push/{device}", axum::routing::post(receive))
        .with_state(service.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (origin, service)
}

/// A browser's device: its key pair and auth secret, as `PushSubscription` carries them.
struct Device {
    keys: ece::EcKeyComponents,
    auth: [u8; 16],
    endpoint: String,
}

impl Device {
    fn new(origin: &str, name: &str) -> Device {
        let (pair, auth) = ece::generate_keypair_and_auth_secret().unwrap();
        Device {
            keys: pair.raw_components().unwrap(),
            auth,
            endpoint: format!("{origin}/push/{name}"),
        }
    }
    fn subscription(&self) -> Value {
        json!({
            "endpoint": self.endpoint,
            "p256dh": URL_SAFE_NO_PAD.encode(self.keys.public_key()),
            "auth": URL_SAFE_NO_PAD.encode(self.auth),
        })
    }
    /// What the service worker gets: the message decrypted with this device's keys.
    fn read(&self, r: &Received) -> Value {
        let plain = ece::decrypt(&self.keys, &self.auth, &r.body).expect("encrypted for this device (RFC 8291)");
        serde_json::from_slice(&plain).unwrap()
    }
}

struct Setup {
    w: World,
    state: AppState,
    app: Router,
    origin: String,
    service: Service,
    sender: server::push::Sender,
}

async fn setup() -> Setup {
    let w = World::new().await;
    let (origin, service) = push_service().await;
    let push = server::push::setup(&w.state.db, "mailto:ppid@contoh.go.id", vec![origin.clone()])
        .await
        .unwrap();
    let state = w.state.clone().with_push(push);
    let cfg = server::Config {
        addr: "127.0.0.1:0".into(),
        db: app::server::db::DbConfig::memory("unused"),
        zone: Default::default(),
        session_hours: 8,
        public_url: "https://ppid.contoh.go.id".into(),
        min_free_mb: 0,
        push_contact: "mailto:ppid@contoh.go.id".into(),
        push_also: vec![origin.clone()],
        media_dir: std::env::temp_dir().join(format!("warta-media-{}", std::process::id())),
        secret_key: Some(app::server::secrets::SecretKey::random()),
    };
    let app = server::router(state.clone(), server::leptos_options(&cfg.addr), &cfg);
    let sender = server::push::Sender::new(state.push.clone().unwrap());
    Setup {
        w,
        state,
        app,
        origin,
        service,
        sender,
    }
}

impl Setup {
    async fn deliver(&self) {
        self.sender.run_once(&self.state.db).await.unwrap();
    }
    async fn count(&self, q: &str) -> i64 {
        let mut res = self.state.db.query(q).await.unwrap();
        let n: Option<i64> = res.take(0).unwrap();
        n.unwrap_or(0)
    }
}

/// Checks the VAPID header of a push as a push service does; returns the key it names.
fn check_vapid(r: &Received, origin: &str) -> String {
    let auth = r
        .headers
        .get("authorization")
        .expect("VAPID authorization")
        .to_str()
        .unwrap();
    let rest = auth.strip_prefix("vapid ").expect("the vapid scheme");
    let part = |name: &str| {
        rest.split(',')
            .map(str::trim)
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} in {auth}"))
            .to_string()
    };
    let (token, key) = (part("t"), part("k"));
    let public = ES256PublicKey::from_bytes(&URL_SAFE_NO_PAD.decode(&key).unwrap()).unwrap();
    let claims = public
        .verify_token::<NoCustomClaims>(&token, None)
        .expect("signed with the key it names");
    let audience = claims.audiences.unwrap().into_set();
    assert_eq!(
        audience,
        std::collections::HashSet::from([origin.to_string()]),
        "addressed to the push service's origin"
    );
    assert_eq!(claims.subject.as_deref(), Some("mailto:ppid@contoh.go.id"));
    let left = claims.expires_at.unwrap().as_secs() as i64 - chrono::Utc::now().timestamp();
    assert!((0..=24 * 3600).contains(&left), "valid for at most a day: {left}");
    key
}

#[tokio::test]
async fn a_person_s_device_hears_of_material_on_their_desk_encrypted_and_signed() {
    let s = setup().await;
    let staf = login(&s.app, "staf").await;
    let device = Device::new(&s.origin, "tablet-agus");
    let r = call(&s.app, "/api/push/subscribe", Some(&staf), device.subscription()).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);

    // Material reaches Agus's desk (and notices reach the desks before him, who have no devices).
    let id = s.w.create().await;
    s.w.assigned_to(&id, &s.w.staf).await;
    s.deliver().await;
    let got = s.service.taken();
    assert_eq!(got.len(), 1, "one push, to Agus's one device");
    let push = &got[0];
    assert_eq!(push.device, "tablet-agus");
    assert_eq!(push.headers.get("content-encoding").unwrap(), "aes128gcm");
    assert_eq!(push.headers.get("ttl").unwrap(), "86400");
    let key = check_vapid(push, &s.origin);
    assert_eq!(
        key,
        s.state.push.as_ref().unwrap().public_key,
        "the installation's key, as the page offers it"
    );
    let msg = device.read(push);
    assert_eq!(msg["title"], "Rapat koordinasi PPID triwulan IV");
    assert_eq!(msg["body"], "Materi masuk ke meja Anda");
    assert_eq!(msg["url"], format!("/materi/{id}"), "the notification opens the item");
    assert_eq!(msg["lang"], "id");
    assert_eq!(
        s.count("RETURN count((SELECT id FROM push_job))").await,
        0,
        "every job done"
    );

    // Returned with a reason: said, with the reason.
    s.w.save_draft(&s.w.staf, &id, "Rapat koordinasi PPID").await;
    s.w.moved(&s.w.staf, &id, ActionKind::SubmitForCorrection, MoveInput::default())
        .await;
    let back = MoveInput {
        reason: "Foto kegiatan belum ada".into(),
        ..Default::default()
    };
    s.w.moved(&s.w.sekretaris, &id, ActionKind::ReturnToStaff, back).await;
    s.deliver().await;
    let got = s.service.taken();
    assert_eq!(got.len(), 1);
    let msg = device.read(&got[0]);
    assert!(
        msg["body"].as_str().unwrap().contains("Foto kegiatan belum ada"),
        "{msg}"
    );

    // A second server started on the same database signs with the same key.
    let again = server::push::setup(&s.w.state.db, "mailto:x@contoh.go.id", vec![])
        .await
        .unwrap();
    assert_eq!(again.public_key, key);
}

#[tokio::test]
async fn a_confidential_item_s_title_stays_off_the_screen() {
    let s = setup().await;
    let staf = login(&s.app, "staf").await;
    let device = Device::new(&s.origin, "tablet");
    call(&s.app, "/api/push/subscribe", Some(&staf), device.subscription()).await;
    let id = s.w.create_confidential().await;
    s.w.assigned_to(&id, &s.w.staf).await;
    s.deliver().await;
    let got = s.service.taken();
    let msg = device.read(&got[0]);
    assert_eq!(msg["title"], "Materi rahasia");
    assert!(!msg.to_string().contains("Rapat koordinasi"), "{msg}");
    assert_eq!(msg["url"], format!("/materi/{id}"));
}

#[tokio::test]
async fn only_push_services_are_posted_to_and_a_refusal_keeps_nothing() {
    let s = setup().await;
    let staf = login(&s.app, "staf").await;
    let mut bad = Device::new(&s.origin, "x").subscription();
    for endpoint in [
        "https://10.0.0.5/push/x",
        "http://127.0.0.1:1/push/x",
        "file:///etc/passwd",
    ] {
        bad["endpoint"] = json!(endpoint);
        let r = call(&s.app, "/api/push/subscribe", Some(&staf), bad.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
        assert!(r.message().contains("layanan push yang dikenal"), "{}", r.message());
    }
    let mut bad_keys = Device::new(&s.origin, "x").subscription();
    bad_keys["p256dh"] = json!("bukan-kunci");
    let r = call(&s.app, "/api/push/subscribe", Some(&staf), bad_keys).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.message().contains("Muat ulang halaman"), "{}", r.message());
    // Nobody signed in: nothing kept either.
    let r = call(
        &s.app,
        "/api/push/subscribe",
        None,
        Device::new(&s.origin, "y").subscription(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(s.count("RETURN count((SELECT id FROM push_subscription))").await, 0);
}

#[tokio::test]
async fn a_gone_subscription_is_forgotten_and_a_busy_service_is_tried_again_then_given_up_with_why() {
    let s = setup().await;
    let staf = login(&s.app, "staf").await;
    for name in ["gone", "busy"] {
        let r = call(
            &s.app,
            "/api/push/subscribe",
            Some(&staf),
            Device::new(&s.origin, name).subscription(),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let id = s.w.create().await;
    s.w.assigned_to(&id, &s.w.staf).await;
    s.deliver().await;
    assert_eq!(s.service.taken().len(), 2);
    assert_eq!(
        s.count("RETURN count((SELECT id FROM push_subscription))").await,
        1,
        "the gone device forgotten, the busy one kept"
    );
    // Not tried again at once: after a pause that grows with each try.
    s.deliver().await;
    assert!(s.service.taken().is_empty(), "no retry before its time");
    // Tried again while the service stays busy (the pauses made to have passed), then given up
    // with the service's answer.
    for _ in 0..5 {
        s.state
            .db
            .query("UPDATE push_job SET retry_at = time::now() - 1s WHERE state = 'waiting'")
            .await
            .unwrap();
        s.deliver().await;
    }
    assert_eq!(s.service.taken().len(), 2, "three tries in all");
    let mut res = s
        .state
        .db
        .query("SELECT VALUE reason FROM push_job WHERE state = 'failed'")
        .await
        .unwrap();
    let reasons: Vec<String> = res.take(0).unwrap();
    assert_eq!(reasons.len(), 1);
    assert!(reasons[0].starts_with("429"), "{reasons:?}");
    // Kept a week with why, then gone: the table holds what is still to send.
    s.deliver().await;
    assert_eq!(
        s.count("RETURN count((SELECT id FROM push_job WHERE state = 'failed'))")
            .await,
        1
    );
    s.state
        .db
        .query("UPDATE push_job SET at = time::now() - 8d WHERE state = 'failed'")
        .await
        .unwrap();
    s.deliver().await;
    assert_eq!(s.count("RETURN count((SELECT id FROM push_job))").await, 0);
}

#[tokio::test]
async fn switching_off_signing_out_and_an_ended_session_stop_the_pushes() {
    let s = setup().await;
    let id = s.w.create().await;

    // Switched off by the person: nothing sent, nothing kept to send to.
    let staf = login(&s.app, "staf").await;
    call(
        &s.app,
        "/api/push/subscribe",
        Some(&staf),
        Device::new(&s.origin, "a").subscription(),
    )
    .await;
    let r = call(&s.app, "/api/push/off", Some(&staf), json!({})).await;
    assert_eq!(r.status, StatusCode::OK);
    s.w.assigned_to(&id, &s.w.staf).await;
    s.deliver().await;
    assert!(s.service.taken().is_empty(), "switched off");
    let me = call(&s.app, "/api/me", Some(&staf), json!({})).await;
    assert_eq!(me.body["push"]["off"], true, "{}", me.body);

    // Subscribing again switches it on; signing out ends that device's subscription.
    call(
        &s.app,
        "/api/push/subscribe",
        Some(&staf),
        Device::new(&s.origin, "b").subscription(),
    )
    .await;
    let me = call(&s.app, "/api/me", Some(&staf), json!({})).await;
    assert_eq!(me.body["push"]["off"], false);
    let (status, _, _) = send(
        &s.app,
        "POST",
        "/api/logout",
        &[("cookie", &staf), ("content-type", "application/json")],
        "{}",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s.count("RETURN count((SELECT id FROM push_subscription))").await, 0);

    // A session that ended by itself (idle): its device is told nothing, and is forgotten.
    let staf = login(&s.app, "staf").await;
    call(
        &s.app,
        "/api/push/subscribe",
        Some(&staf),
        Device::new(&s.origin, "c").subscription(),
    )
    .await;
    let sid = staf.split_once('=').unwrap().1.to_string();
    s.state
        .db
        .query("UPDATE type::record('session', $id) SET expires_at = 1")
        .bind(("id", sid))
        .await
        .unwrap();
    s.w.save_draft(&s.w.staf, &id, "Judul").await;
    s.w.moved(&s.w.staf, &id, ActionKind::SubmitForCorrection, MoveInput::default())
        .await;
    let back = MoveInput {
        reason: "Perbaiki judul".into(),
        ..Default::default()
    };
    s.w.moved(&s.w.sekretaris, &id, ActionKind::ReturnToStaff, back).await;
    s.deliver().await;
    assert!(s.service.taken().is_empty(), "the ended session's device");
    assert_eq!(s.count("RETURN count((SELECT id FROM push_subscription))").await, 0);
}

#[tokio::test]
async fn a_channel_that_needs_reconnecting_is_pushed_once_to_whoever_reconnects_it_and_the_sekretaris() {
    use app::domain::Channel;
    use app::server::connections;
    let s = setup().await;
    let mut devices = vec![];
    for who in ["admin", "sekretaris", "staf"] {
        let cookie = login(&s.app, who).await;
        let device = Device::new(&s.origin, &format!("tablet-{who}"));
        let r = call(&s.app, "/api/push/subscribe", Some(&cookie), device.subscription()).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        devices.push(device);
    }
    let key = app::server::secrets::SecretKey::random();
    let website = common::website_connection();
    let connect = || connections::save(&s.state.db, &key, &website, "Admin", chrono::Utc::now());
    connect().await.unwrap();
    let refused = "WordPress (401): Sorry, you are not allowed to do that.";
    connections::needs_reconnecting(&s.state.db, Channel::Website, refused, chrono::Utc::now())
        .await
        .unwrap();
    s.deliver().await;
    let mut got = s.service.taken();
    got.sort_by(|a, b| a.device.cmp(&b.device));
    let to: Vec<&str> = got.iter().map(|r| r.device.as_str()).collect();
    assert_eq!(
        to,
        ["tablet-admin", "tablet-sekretaris"],
        "the staff member is not told"
    );
    let admin = devices[0].read(&got[0]);
    assert_eq!(admin["title"], "Website perlu disambungkan ulang");
    assert!(
        admin["body"].as_str().unwrap().contains(refused),
        "the channel's own reason: {admin}"
    );
    assert_eq!(
        admin["url"], "/admin/saluran",
        "opens where the administrator reconnects it"
    );
    let sekretaris = devices[1].read(&got[1]);
    assert_eq!(
        sekretaris["url"], "/",
        "the dashboard, where the Sekretaris sees the channel"
    );

    // Refused again while it still needs reconnecting: told once, not at every task.
    connections::needs_reconnecting(&s.state.db, Channel::Website, refused, chrono::Utc::now())
        .await
        .unwrap();
    s.deliver().await;
    assert!(s.service.taken().is_empty(), "no second push for the same trouble");

    // Reconnected, then refused once more: that is news again.
    connect().await.unwrap();
    connections::needs_reconnecting(&s.state.db, Channel::Website, refused, chrono::Utc::now())
        .await
        .unwrap();
    s.deliver().await;
    assert_eq!(s.service.taken().len(), 2);
}

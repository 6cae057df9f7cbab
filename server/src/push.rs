//! Sending push notifications (Web Push, RFC 8030) to the devices of the people a notification is
//! for: the message encrypted for each device (RFC 8291, aes128gcm) and signed with the
//! installation's VAPID key (RFC 8292), by the `web-push` crate; posted with `reqwest`.
//!
//! Every notification leaves a push job in its move's transaction (`app::server::push`). The
//! worker here takes waiting jobs when a notification is written anywhere (the live query) and
//! every few seconds besides, so a job survives a crash or a restart, and each job is taken by
//! one app server only.

use app::domain::access::told_of_channel_trouble;
use app::domain::push::{channel_trouble_page, pushes, shows_title, CHANNEL_RECONNECT};
use app::domain::{Channel, NoticeKind};
use app::server::push::{self as store, Job, PushSetup, Subscription};
use app::server::{AppState, ServerError};
use app::text::{self, Locale};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::sync::Arc;
use std::time::Duration;
use web_push::{ContentEncoding, SubscriptionInfo, Urgency, VapidSignatureBuilder, WebPushMessageBuilder};

/// How long a push service keeps a message for a device that is off (a day: older news is in
/// the bell anyway).
const TTL_SECONDS: u32 = 24 * 3600;
/// Tries of one job before it is marked failed (temporary errors only: rate limits, 5xx).
const MAX_TRIES: i64 = 3;
/// How often waiting jobs are looked for besides the live query's nudge.
const SWEEP: Duration = Duration::from_secs(15);

/// A new VAPID key pair: the private scalar and the public point, base64url.
fn new_key() -> (String, String) {
    loop {
        let private = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
        // A random 32 bytes is a valid P-256 scalar but for a chance of about 2^-32.
        if let Ok(key) = VapidSignatureBuilder::from_base64_no_sub(&private) {
            return (private, URL_SAFE_NO_PAD.encode(key.get_public_key()));
        }
    }
}

/// This installation's push setup: its key pair (made by the first server that starts, then
/// shared through the database), the sender's contact (`mailto:` or the public address), and
/// origins a test's receiver may add.
pub async fn setup(db: &app::server::db::Db, subject: &str, also: Vec<String>) -> Result<PushSetup, ServerError> {
    let (private_key, public_key) = match store::stored_key(db).await? {
        Some(kept) => kept,
        None => {
            let (private, public) = new_key();
            store::keep_key(db, private, public).await?
        }
    };
    Ok(PushSetup {
        private_key,
        public_key,
        subject: subject.to_string(),
        also,
    })
}

/// What the service worker shows (`sw.js`, "push").
#[derive(serde::Serialize)]
struct Message {
    title: String,
    body: String,
    url: String,
    tag: String,
    lang: &'static str,
}

fn message(kind: NoticeKind, job: &Job, confidential: bool, locale: Locale) -> Message {
    text::REQUEST_LOCALE.sync_scope(locale, || {
        let shown = shows_title(confidential);
        Message {
            title: if shown {
                job.title.clone()
            } else {
                text::push_confidential().to_string()
            },
            body: sentence(&text::notice_text(kind, if shown { &job.note } else { "" })),
            url: format!("/materi/{}", job.item),
            // One notification per item on the device: a newer one replaces it.
            tag: format!("warta-{}", job.item),
            lang: text::locale_code(locale),
        }
    })
}

/// A channel refused its credential: whom it concerns is told which channel, the channel's own
/// reason, and where to act.
fn channel_message(channel: Channel, reason: &str, page: &str, locale: Locale) -> Message {
    text::REQUEST_LOCALE.sync_scope(locale, || Message {
        title: text::push_channel_reconnect_title(channel),
        body: text::push_channel_reconnect_body(reason),
        url: page.to_string(),
        // One per channel on the device.
        tag: format!("warta-saluran-{}", channel.id()),
        lang: text::locale_code(locale),
    })
}

/// The bell's phrase ("materi masuk ke meja Anda", after the title) as a sentence of its own.
fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Why a device was not reached.
#[derive(Debug)]
enum Failure {
    /// The push service no longer knows the subscription (404, 410): forget it.
    Gone,
    /// Worth another try later (no answer, a rate limit, the service's own fault).
    Temporary(String),
    /// Will not work by trying again (refused credentials, a malformed request).
    Permanent(String),
}

/// Sends to devices.
#[derive(Clone)]
pub struct Sender {
    setup: Arc<PushSetup>,
    http: reqwest::Client,
}

impl Sender {
    pub fn new(setup: Arc<PushSetup>) -> Sender {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Sender { setup, http }
    }

    async fn send(&self, device: &Subscription, payload: &[u8]) -> Result<(), Failure> {
        let permanent = |e: web_push::WebPushError| Failure::Permanent(e.to_string());
        let info = SubscriptionInfo::new(&device.endpoint, &device.p256dh, &device.auth);
        let mut signature = VapidSignatureBuilder::from_base64(&self.setup.private_key, &info).map_err(permanent)?;
        signature.add_claim("sub", self.setup.subject.as_str());
        // The push service's origin, port included when it is not the default (RFC 8292 §2;
        // the crate's own `aud` leaves a port out).
        let audience = url::Url::parse(&device.endpoint)
            .map(|u| u.origin().ascii_serialization())
            .map_err(|e| Failure::Permanent(e.to_string()))?;
        signature.add_claim("aud", audience.as_str());
        let mut builder = WebPushMessageBuilder::new(&info);
        builder.set_ttl(TTL_SECONDS);
        builder.set_urgency(Urgency::High);
        builder.set_payload(ContentEncoding::Aes128Gcm, payload);
        builder.set_vapid_signature(signature.build().map_err(permanent)?);
        let request = web_push::request_builder::build_request::<Vec<u8>>(builder.build().map_err(permanent)?);
        let (parts, body) = request.into_parts();
        let mut post = self.http.post(parts.uri.to_string()).body(body);
        for (name, value) in parts.headers.iter() {
            post = post.header(name.as_str(), value.as_bytes());
        }
        let res = post.send().await.map_err(|e| Failure::Temporary(e.to_string()))?;
        let status = res.status().as_u16();
        let said = || async move {
            res.text()
                .await
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect::<String>()
        };
        match status {
            200..=299 => Ok(()),
            404 | 410 => Err(Failure::Gone),
            429 | 500..=599 => Err(Failure::Temporary(format!("{status}: {}", said().await))),
            _ => Err(Failure::Permanent(format!("{status}: {}", said().await))),
        }
    }

    /// One job: to every live device of its person, unless they switched push off or the
    /// notification is not one that is pushed.
    async fn deliver(&self, db: &app::server::db::Db, job: Job) -> Result<(), ServerError> {
        let person = app::server::accounts::find(db, &job.user).await?;
        let Some(person) = person.filter(|p| p.active) else {
            return store::done(db, &job.id).await;
        };
        if store::is_off(db, &person.key).await? {
            return store::done(db, &job.id).await;
        }
        // Nobody to reach: nothing more is read for this job.
        let devices = store::devices_of(db, &person.key).await?;
        if devices.is_empty() {
            return store::done(db, &job.id).await;
        }
        let locale = text::parse_locale(&person.locale).unwrap_or_default();
        let message = if job.kind == CHANNEL_RECONNECT {
            // Asked again when sent: someone no longer told of the channels' trouble hears nothing.
            match Channel::parse(&job.item).filter(|_| told_of_channel_trouble(person.role_set())) {
                Some(channel) => channel_message(channel, &job.note, channel_trouble_page(person.role_set()), locale),
                None => return store::done(db, &job.id).await,
            }
        } else {
            let Some(kind) = NoticeKind::parse(&job.kind).filter(|k| pushes(*k)) else {
                return store::done(db, &job.id).await;
            };
            let confidential = store::confidential(db, &job.item).await?;
            message(kind, &job, confidential, locale)
        };
        let payload = serde_json::to_vec(&message).map_err(|e| ServerError::internal(format!("push message: {e}")))?;
        let (mut again, mut reason) = (false, String::new());
        for device in &devices {
            match self.send(device, &payload).await {
                Ok(()) => {}
                Err(Failure::Gone) => store::forget(db, &device.endpoint).await?,
                Err(Failure::Temporary(why)) => {
                    tracing::warn!(job = ?job.id, why, "push not delivered yet");
                    (again, reason) = (true, why);
                }
                Err(Failure::Permanent(why)) => {
                    tracing::warn!(job = ?job.id, why, "push refused by the push service");
                    reason = why;
                }
            }
        }
        if again {
            // A minute, then four: a busy service is given room before the next try.
            let pause = chrono::Duration::minutes(4_i64.pow(job.tries.clamp(1, 4) as u32 - 1));
            let retry_at = (job.tries < MAX_TRIES).then(|| app::server::clock::now() + pause);
            store::not_sent(db, &job.id, retry_at, &reason).await
        } else {
            store::done(db, &job.id).await
        }
    }

    /// Takes and delivers every waiting job; how many were taken. Jobs given up on long ago are
    /// removed first.
    pub async fn run_once(&self, db: &app::server::db::Db) -> Result<usize, ServerError> {
        store::forget_failed(db, app::server::clock::now()).await?;
        let mut taken = 0;
        loop {
            let jobs = store::take(db, 20, app::server::clock::now()).await?;
            if jobs.is_empty() {
                return Ok(taken);
            }
            taken += jobs.len();
            for job in jobs {
                if let Err(e) = self.deliver(db, job).await {
                    tracing::warn!(error = ?e, "push job not finished");
                }
            }
        }
    }
}

/// The worker of this process: nudged by every new notification (the live query), and looking
/// every few seconds besides. Nothing when the installation has no push setup.
pub fn spawn(state: &AppState) {
    let Some(setup) = state.push.clone() else {
        return;
    };
    let (db, mut changes) = (state.db.clone(), state.live.subscribe());
    let sender = Sender::new(setup);
    tokio::spawn(async move {
        loop {
            if let Err(e) = sender.run_once(&db).await {
                tracing::warn!(error = ?e, "push jobs not taken");
            }
            let nudged = tokio::time::timeout(SWEEP, async {
                loop {
                    match changes.next_change().await {
                        None => return false,
                        Some(
                            app::server::live::Change::Notification { .. }
                            | app::server::live::Change::Publishing
                            | app::server::live::Change::Resync,
                        ) => return true,
                        Some(_) => {}
                    }
                }
            })
            .await;
            if nudged == Ok(false) {
                return;
            }
        }
    });
}

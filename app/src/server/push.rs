//! Push notifications, as stored: the installation's VAPID key, each device's subscription (made
//! in one session), each person's switch, and the push jobs that every notification leaves
//! behind in its move's transaction (migration 0020). Sending is the server's (`server::push`).

use super::accounts::UserRow;
use super::db::Db;
use super::ServerError;
use crate::domain::push::check_subscription;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

/// How this installation pushes: its VAPID key pair (base64url: the private scalar, the public
/// point uncompressed), whom it names as the sender, and any origin besides the browsers' push
/// services it may send to (a test's receiver; never set in production).
#[derive(Clone, Debug)]
pub struct PushSetup {
    pub private_key: String,
    pub public_key: String,
    pub subject: String,
    pub also: Vec<String>,
}

#[derive(SurrealValue)]
struct KeyRow {
    private: String,
    public: String,
}

/// The stored key pair, if one was made.
pub async fn stored_key(db: &Db) -> Result<Option<(String, String)>, ServerError> {
    let mut res = db.query("SELECT private, public FROM push_key:vapid").await?;
    let rows: Vec<KeyRow> = res.take(0)?;
    Ok(rows.into_iter().next().map(|r| (r.private, r.public)))
}

/// Keeps a new key pair unless another server kept one first; either way, the one kept.
pub async fn keep_key(db: &Db, private: String, public: String) -> Result<(String, String), ServerError> {
    let created = db
        .query("CREATE push_key:vapid SET private = $private, public = $public")
        .bind(("private", private))
        .bind(("public", public))
        .await
        .and_then(|r| r.check());
    if let Err(e) = created {
        tracing::info!(error = %e, "push key made by another server first");
    }
    stored_key(db)
        .await?
        .ok_or_else(|| ServerError::internal("push key neither kept nor found".into()))
}

/// A device's subscription as its browser gives it (`PushSubscription.toJSON()`).
#[derive(Clone, Debug, SurrealValue)]
pub struct Subscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// Keeps `me`'s device's subscription for the session it was made in. The same device again
/// (its endpoint) replaces what was kept for it, also someone else's before.
pub async fn subscribe(
    db: &Db,
    setup: &PushSetup,
    me: &UserRow,
    session: &str,
    sub: Subscription,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    check_subscription(&sub.endpoint, &sub.p256dh, &sub.auth, &setup.also).map_err(AppError::Invalid)?;
    db.query(
        "BEGIN TRANSACTION;
         UPDATE type::record('user', $me) SET push_off = false;
         UPSERT type::record('push_subscription', crypto::sha256($endpoint)) SET user = $me, session = $sess,
            endpoint = $endpoint, p256dh = $p256dh, auth = $secret, created_at = $now;
         COMMIT TRANSACTION;",
    )
    .bind(("me", me.key.clone()))
    .bind(("sess", session.to_string()))
    .bind(("endpoint", sub.endpoint))
    .bind(("p256dh", sub.p256dh))
    .bind(("secret", sub.auth))
    .bind(("now", now))
    .await?
    .check()?;
    Ok(())
}

/// `me` switches push off: on every device, nothing is kept to send to.
pub async fn switch_off(db: &Db, me: &UserRow) -> Result<(), ServerError> {
    db.query(
        "BEGIN TRANSACTION;
         UPDATE type::record('user', $me) SET push_off = true;
         DELETE push_subscription WHERE user = $me;
         COMMIT TRANSACTION;",
    )
    .bind(("me", me.key.clone()))
    .await?
    .check()?;
    Ok(())
}

/// Has `me` switched push off?
pub async fn is_off(db: &Db, user: &str) -> Result<bool, ServerError> {
    let mut res = db
        .query("SELECT VALUE push_off FROM type::record('user', $me)")
        .bind(("me", user.to_string()))
        .await?;
    let v: Vec<bool> = res.take(0)?;
    Ok(v.first().copied().unwrap_or(false))
}

/// Is this device (its endpoint) subscribed for `me`?
pub async fn subscribed(db: &Db, me: &UserRow, endpoint: &str) -> Result<bool, ServerError> {
    let mut res = db
        .query("SELECT VALUE user FROM push_subscription WHERE endpoint = $endpoint")
        .bind(("endpoint", endpoint.to_string()))
        .await?;
    let users: Vec<String> = res.take(0)?;
    Ok(users.iter().any(|u| *u == me.key))
}

/// Signing out ends the subscriptions made in that session.
pub async fn end_session(db: &Db, session: &str) -> Result<(), ServerError> {
    db.query("DELETE push_subscription WHERE session = $sess")
        .bind(("sess", session.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// The push service says the subscription is gone (404, 410): it is forgotten.
pub async fn forget(db: &Db, endpoint: &str) -> Result<(), ServerError> {
    db.query("DELETE push_subscription WHERE endpoint = $endpoint")
        .bind(("endpoint", endpoint.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// The subscriptions of `user` made in sessions still alive (an ended session's device is not
/// told anything: it may be someone else's tablet by now).
pub async fn devices_of(db: &Db, user: &str) -> Result<Vec<Subscription>, ServerError> {
    let mut res = db
        .query(
            "LET $alive = (SELECT VALUE record::id(id) FROM session WHERE expires_at > $now);
             DELETE push_subscription WHERE user = $u AND session NOTINSIDE $alive;
             SELECT endpoint, p256dh, auth FROM push_subscription WHERE user = $u;",
        )
        .bind(("u", user.to_string()))
        .bind(("now", Utc::now().timestamp()))
        .await?;
    Ok(res.take(2)?)
}

/// A notification to push.
#[derive(Clone, Debug, SurrealValue)]
pub struct Job {
    pub id: RecordId,
    pub user: String,
    pub item: String,
    pub kind: String,
    pub title: String,
    pub note: String,
    pub tries: i64,
}

/// Takes up to `limit` waiting jobs for this server: each is taken by one server only (the
/// state changes in the same statement that checks it). A job taken long ago by a server that
/// then stopped is taken again.
pub async fn take(db: &Db, limit: usize, now: DateTime<Utc>) -> Result<Vec<Job>, ServerError> {
    let stale = now - chrono::Duration::minutes(10);
    let mut res = db
        .query(
            "LET $ids = (SELECT VALUE id FROM push_job
                WHERE (state = 'waiting' AND (retry_at = NONE OR retry_at <= $now))
                   OR (state = 'sending' AND taken_at < $stale) ORDER BY at LIMIT $limit);
             UPDATE $ids SET state = 'sending', taken_at = $now, tries += 1
                WHERE (state = 'waiting' AND (retry_at = NONE OR retry_at <= $now))
                   OR (state = 'sending' AND taken_at < $stale)
                RETURN id, user, item, kind, title, note, tries;",
        )
        .bind(("stale", stale))
        .bind(("now", now))
        .bind(("limit", limit as i64))
        .await?;
    Ok(res.take(1)?)
}

/// A job done (sent, or nobody to tell): removed.
pub async fn done(db: &Db, job: &RecordId) -> Result<(), ServerError> {
    db.query("DELETE $job").bind(("job", job.clone())).await?.check()?;
    Ok(())
}

/// A job that could not be sent: waiting again for a try after `retry_at`, or (`None`) failed
/// for good, with why.
pub async fn not_sent(
    db: &Db,
    job: &RecordId,
    retry_at: Option<DateTime<Utc>>,
    reason: &str,
) -> Result<(), ServerError> {
    db.query("UPDATE $job SET state = $state, retry_at = $retry_at, reason = $reason")
        .bind(("job", job.clone()))
        .bind(("state", if retry_at.is_some() { "waiting" } else { "failed" }))
        .bind(("retry_at", retry_at))
        .bind(("reason", reason.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// How long a job given up on is kept (with why it failed), then removed.
pub const FAILED_KEPT_DAYS: i64 = 7;

/// Removes the jobs given up on more than [`FAILED_KEPT_DAYS`] ago.
pub async fn forget_failed(db: &Db, now: DateTime<Utc>) -> Result<(), ServerError> {
    db.query("DELETE push_job WHERE state = 'failed' AND at < $before")
        .bind(("before", now - chrono::Duration::days(FAILED_KEPT_DAYS)))
        .await?
        .check()?;
    Ok(())
}

/// Is the item confidential (its title kept off the screen)?
pub async fn confidential(db: &Db, item: &str) -> Result<bool, ServerError> {
    let mut res = db
        .query("SELECT VALUE confidential FROM type::record('item', $id)")
        .bind(("id", item.to_string()))
        .await?;
    let v: Vec<bool> = res.take(0)?;
    Ok(v.first().copied().unwrap_or(true))
}

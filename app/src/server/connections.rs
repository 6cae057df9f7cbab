//! The channels' connections the administrator sets (issue 17): one per channel, its credential
//! sealed (`secrets`) and never shown again. A connection the channel refused ("perlu
//! disambungkan ulang") stops the channel's tasks until the administrator saves it again.

use crate::domain::outbox::{token_health, ConnectorKind, TaskState, TokenHealth};
use crate::domain::Channel;
use crate::server::db::{self, Db};
use crate::server::secrets::{SecretError, SecretKey};
use crate::server::ServerError;
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

/// A connection as stored (the credential still sealed).
#[derive(SurrealValue, Clone, Debug, PartialEq)]
pub struct ConnectionRow {
    pub channel: String,
    pub kind: String,
    pub endpoint: String,
    pub account: String,
    pub secret: String,
    pub category: i64,
    pub api_version: String,
    pub status: String,
    pub status_reason: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
}

impl ConnectionRow {
    pub fn channel(&self) -> Option<Channel> {
        Channel::parse(&self.channel)
    }
    pub fn kind(&self) -> Option<ConnectorKind> {
        ConnectorKind::parse(&self.kind)
    }
    pub fn active(&self) -> bool {
        self.status == "active"
    }
    /// The credential, opened with the server's key.
    pub fn credential(&self, key: &SecretKey) -> Result<String, SecretError> {
        key.open(&self.channel, &self.secret)
    }
}

/// What the administrator saves (checked by `domain::outbox::ConnectionForm::parse`).
pub use crate::domain::outbox::Connection as NewConnection;

const FIELDS: &str = "channel, kind, endpoint, account, secret, category, api_version, status, status_reason, \
                      expires_at, updated_at, updated_by_name";

pub async fn all(db: &Db) -> Result<Vec<ConnectionRow>, ServerError> {
    let mut res = db
        .query(format!("SELECT {FIELDS} FROM connection ORDER BY channel"))
        .await
        .and_then(db::failed_statement)?;
    Ok(res.take(0)?)
}

pub async fn of(db: &Db, channel: Channel) -> Result<Option<ConnectionRow>, ServerError> {
    let mut res = db
        .query(format!("SELECT {FIELDS} FROM ONLY type::record('connection', $c)"))
        .bind(("c", channel.id()))
        .await
        .and_then(db::failed_statement)?;
    Ok(res.take(0)?)
}

/// The channels the server can publish to now.
pub async fn working(db: &Db) -> Result<Vec<Channel>, ServerError> {
    Ok(all(db)
        .await?
        .into_iter()
        .filter(ConnectionRow::active)
        .filter_map(|c| c.channel())
        .collect())
}

/// Saves a connection (a new credential always: it is never read back to the form). A channel
/// that had stopped starts again: its stopped tasks are queued.
pub async fn save(
    db: &Db,
    key: &SecretKey,
    new: &NewConnection,
    by_name: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let sealed = key.seal(new.channel.id(), &new.credential);
    db.query(
        "BEGIN;
         UPSERT type::record('connection', $channel) CONTENT {
             channel: $channel, kind: $kind, endpoint: $endpoint, account: $account, secret: $secret,
             category: $category, api_version: $api_version, status: 'active', status_reason: '',
             expires_at: $expires_at, updated_at: $now, updated_by_name: $by
         };
         UPDATE publication_task SET state = $queued, due_at = $now, updated_at = $now
             WHERE channel = $channel AND state = $stopped;
         COMMIT;",
    )
    .bind(("channel", new.channel.id()))
    .bind(("kind", new.kind.id()))
    .bind(("endpoint", new.endpoint.clone()))
    .bind(("account", new.account.clone()))
    .bind(("secret", sealed))
    .bind(("category", new.category))
    .bind(("api_version", new.api_version.clone()))
    .bind(("expires_at", new.expires_at))
    .bind(("now", now))
    .bind(("by", by_name.to_string()))
    .bind(("queued", TaskState::Queued.id()))
    .bind(("stopped", TaskState::Stopped.id()))
    .await
    .and_then(db::failed_statement)?;
    tracing::info!(
        channel = new.channel.id(),
        kind = new.kind.id(),
        by = by_name,
        "channel connection saved"
    );
    Ok(())
}

/// Removes a connection: the channel's waiting tasks become manual.
pub async fn remove(db: &Db, channel: Channel, now: DateTime<Utc>) -> Result<(), ServerError> {
    db.query(
        "BEGIN;
         DELETE type::record('connection', $channel);
         UPDATE publication_task SET state = $manual, updated_at = $now
             WHERE channel = $channel AND state IN $waiting;
         COMMIT;",
    )
    .bind(("channel", channel.id()))
    .bind(("manual", TaskState::Manual.id()))
    .bind((
        "waiting",
        [
            TaskState::Queued,
            TaskState::Scheduled,
            TaskState::Stopped,
            TaskState::Failed,
        ]
        .map(TaskState::id)
        .to_vec(),
    ))
    .bind(("now", now))
    .await
    .and_then(db::failed_statement)?;
    Ok(())
}

/// The channel refused the credential: the connection needs reconnecting, and every task of the
/// channel that the server would have sent stops until then. The first time (not again while it
/// stays so), the people told of a channel's trouble (`access::told_of_channel_trouble`) get a
/// push on their devices, in the same transaction.
pub async fn needs_reconnecting(
    db: &Db,
    channel: Channel,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let told: Vec<String> = crate::server::accounts::list(db)
        .await?
        .into_iter()
        .filter(|u| u.active && crate::domain::access::told_of_channel_trouble(u.role_set()))
        .map(|u| u.key)
        .collect();
    db.query(
        "BEGIN;
         LET $was = (SELECT VALUE status FROM type::record('connection', $channel))[0];
         UPDATE type::record('connection', $channel) SET status = 'reconnect', status_reason = $reason;
         UPDATE publication_task SET state = $stopped, reason = $reason, updated_at = $now
             WHERE channel = $channel AND state IN $waiting;
         IF $was != 'reconnect' {
             FOR $user IN $told {
                 CREATE push_job SET notice = '', user = $user, item = $channel, kind = $kind,
                     title = '', note = $reason, at = $now;
             };
         };
         COMMIT;",
    )
    .bind(("channel", channel.id()))
    .bind(("reason", reason.to_string()))
    .bind(("stopped", TaskState::Stopped.id()))
    .bind((
        "waiting",
        [TaskState::Queued, TaskState::Scheduled].map(TaskState::id).to_vec(),
    ))
    .bind(("now", now))
    .bind(("told", told))
    .bind(("kind", crate::domain::push::CHANNEL_RECONNECT))
    .await
    .and_then(db::failed_statement)?;
    tracing::warn!(channel = channel.id(), reason, "channel connection needs reconnecting");
    Ok(())
}

/// The channels as the administrator's page shows them: every channel, its connection if any
/// (never its credential), and whether the server can be given one (`WARTA_SECRET_KEY`).
pub async fn admin_view(
    db: &Db,
    me: &crate::server::accounts::UserRow,
    key_set: bool,
    now: DateTime<Utc>,
) -> Result<crate::views::ChannelsAdmin, ServerError> {
    if !crate::domain::access::may_connect_channels(me.role_set()) {
        return Err(crate::error::AppError::Forbidden(None).into());
    }
    let rows = all(db).await?;
    let channels = Channel::ALL
        .iter()
        .map(|&c| {
            let row = rows.iter().find(|r| r.channel() == Some(c));
            crate::views::ChannelView {
                channel: c,
                connection: row.map(|r| crate::views::ConnectionView {
                    kind: r.kind.clone(),
                    endpoint: r.endpoint.clone(),
                    account: r.account.clone(),
                    category: r.category,
                    api_version: r.api_version.clone(),
                    active: r.active(),
                    status_reason: r.status_reason.clone(),
                    expires_at: r.expires_at,
                    expiry: match token_health(r.expires_at, now) {
                        TokenHealth::Fine => "fine",
                        TokenHealth::Expiring => "expiring",
                        TokenHealth::Expired => "expired",
                    }
                    .into(),
                    updated_at: r.updated_at,
                    updated_by_name: r.updated_by_name.clone(),
                }),
            }
        })
        .collect();
    Ok(crate::views::ChannelsAdmin { channels, key_set })
}

/// The channels that need someone: refused credentials (reconnect) and tokens that end within two
/// weeks or have ended, for the dashboards of those `access::told_of_channel_trouble` names.
pub async fn alerts(
    db: &Db,
    now: DateTime<Utc>,
    zone: crate::domain::time::OfficeZone,
) -> Result<Vec<crate::views::ChannelAlert>, ServerError> {
    Ok(all(db)
        .await?
        .into_iter()
        .filter(|c| !c.active() || token_health(c.expires_at, now) != TokenHealth::Fine)
        .filter_map(|c| {
            Some(crate::views::ChannelAlert {
                channel: c.channel()?,
                reconnect: !c.active(),
                reason: c.status_reason.clone(),
                ends_on: c.expires_at.map(|t| zone.today(t)),
                expired: token_health(c.expires_at, now) == TokenHealth::Expired,
            })
        })
        .collect())
}

/// Connections whose token ends within two weeks, or has ended (the administrator's warning).
pub async fn expiring(db: &Db, now: DateTime<Utc>) -> Result<Vec<ConnectionRow>, ServerError> {
    Ok(all(db)
        .await?
        .into_iter()
        .filter(|c| token_health(c.expires_at, now) != TokenHealth::Fine)
        .collect())
}

//! Live updates. One SurrealDB live query per table in this process (not one per browser),
//! fanned out through a bounded broadcast channel to every connected stream, each of which
//! passes on only what its user may see.
//!
//! A live query sees the writes of every app server on the same database, so several servers
//! behind one load balancer push each other's moves to their browsers. A subscriber that falls
//! more than [`Hub::CAPACITY`] changes behind is not buffered for: it skips ahead and is told to
//! resynchronise (refetch what it shows).

use super::accounts::UserRow;
use super::db::Db;
use super::items::visible_to;
use crate::domain::access;
use crate::domain::State;
use crate::views::LiveEvent;
use futures::StreamExt;
use std::time::Duration;
use surrealdb::types::{Action, RecordId, RecordIdKey, SurrealValue};
use tokio::sync::{broadcast, watch};

/// What a committed change of an item tells the hub: enough to decide who may see it.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemChange {
    pub id: String,
    pub state: State,
    pub version: i64,
    pub stamp: i64,
    pub by: String,
    pub confidential: bool,
    pub participants: Vec<String>,
}

/// One change, as the hub fans it out.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Item(ItemChange),
    /// A notification for one user was created or marked read.
    Notification {
        user: String,
    },
    /// An account changed (password, roles, activation, lock): its open streams end, and the
    /// browser reconnects with whatever its session still allows.
    Account {
        user: String,
    },
    /// A channel's publication task or a channel's connection changed: the dashboards that show
    /// the channels' states (`access::follows_publication`) and their trouble
    /// (`access::told_of_channel_trouble`) draw again.
    Publishing,
    /// The live query was lost and set up again: changes may have been missed.
    Resync,
}

/// The fan-out point of this process.
#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<Change>,
    /// Set when the server shuts down: open streams end, so that shutdown does not wait on them.
    closing: watch::Sender<bool>,
    /// How many of this process's live queries are running now.
    running: watch::Sender<usize>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

impl Hub {
    /// How many changes a subscriber may fall behind before it is told to resynchronise.
    pub const CAPACITY: usize = 256;

    pub fn new() -> Hub {
        Hub {
            tx: broadcast::channel(Self::CAPACITY).0,
            closing: watch::channel(false).0,
            running: watch::channel(0).0,
        }
    }

    pub fn publish(&self, change: Change) {
        // No subscriber is not an error: nobody is looking.
        let _ = self.tx.send(change);
    }

    pub fn subscribe(&self) -> Subscriber {
        Subscriber {
            rx: self.tx.subscribe(),
            closing: self.closing.subscribe(),
        }
    }

    /// Waits until every live query of this process runs (tests start moving after this).
    pub async fn until_running(&self) {
        let mut rx = self.running.subscribe();
        let _ = rx.wait_for(|n| *n >= LIVE_TABLES.len()).await;
    }

    /// Ends every open stream (the server is shutting down).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// One connected stream's view of the hub.
pub struct Subscriber {
    rx: broadcast::Receiver<Change>,
    closing: watch::Receiver<bool>,
}

impl Subscriber {
    /// The next change this user may see, as the browser gets it. A subscriber that lagged
    /// gets one `Resync` instead of everything it missed. `None` when the server shuts down, or
    /// when this user's account changed (their stream ends).
    pub async fn next_for(&mut self, me: &UserRow) -> Option<LiveEvent> {
        loop {
            match self.next_change().await? {
                Change::Account { user } if user == me.key => return None,
                change => {
                    if let Some(event) = event_for(&change, me) {
                        return Some(event);
                    }
                }
            }
        }
    }

    /// The next change of any kind (the streams' and this process's own workers', such as push):
    /// a lag is one `Resync`. `None` when the server shuts down.
    pub async fn next_change(&mut self) -> Option<Change> {
        if *self.closing.borrow() {
            return None;
        }
        let received = tokio::select! {
            r = self.rx.recv() => r,
            _ = self.closing.changed() => return None,
        };
        match received {
            Ok(change) => Some(change),
            Err(broadcast::error::RecvError::Lagged(_)) => Some(Change::Resync),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}

/// What `me` may learn of a change: items they may see; for an administrator (who sees counts,
/// not items) only that the counts changed; their own notifications.
pub fn event_for(change: &Change, me: &UserRow) -> Option<LiveEvent> {
    match change {
        Change::Item(c) => {
            if visible_to(c.state, c.confidential, &c.participants, me) {
                Some(LiveEvent::Item {
                    id: c.id.clone(),
                    state: c.state,
                    version: c.version,
                    stamp: c.stamp,
                    by: c.by.clone(),
                })
            } else if access::sees_office_counts(me.role_set()) {
                Some(LiveEvent::Counts)
            } else {
                None
            }
        }
        Change::Publishing => {
            let roles = me.role_set();
            (access::follows_publication(roles) || access::told_of_channel_trouble(roles)).then_some(LiveEvent::Counts)
        }
        Change::Notification { user } if *user == me.key => Some(LiveEvent::Notification),
        Change::Notification { .. } | Change::Account { .. } => None,
        Change::Resync => Some(LiveEvent::Resync),
    }
}

#[derive(SurrealValue, Clone, Debug)]
struct LiveItem {
    id: RecordId,
    state: String,
    version: i64,
    confidential: bool,
    participants: Vec<String>,
    updated_at: chrono::DateTime<chrono::Utc>,
    last_actor_name: String,
}

#[derive(SurrealValue, Clone, Debug)]
struct LiveNotification {
    id: RecordId,
    user: String,
}

/// The record a live notification is about, for forgetting its copy.
trait HasId {
    fn id(&self) -> &RecordId;
}

macro_rules! has_id {
    ($($t:ty),*) => {$(
        impl HasId for $t {
            fn id(&self) -> &RecordId {
                &self.id
            }
        }
    )*};
}
has_id!(LiveItem, LiveNotification, LiveAccount);

#[derive(SurrealValue, Clone, Debug)]
struct LiveAccount {
    id: RecordId,
}

fn key_of(id: &RecordId) -> String {
    match &id.key {
        RecordIdKey::String(s) => s.clone(),
        RecordIdKey::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// The tables this process follows with one live query each.
pub const LIVE_TABLES: [&str; 7] = [
    "item",
    "notification",
    "user",
    "setting",
    "session",
    "publication_task",
    "connection",
];

/// What a change of a table makes this process forget of its copy in memory (`cache`).
#[derive(Clone, Copy)]
enum Forget {
    /// Everything kept of the table (settings, accounts: what is kept mixes records).
    Table,
    /// Only the changed record (sessions: one per key, renewed every minute).
    Record,
}

/// Starts this process's live queries (items, notifications, accounts, settings, sessions,
/// publication tasks, connections). Each one is set up again
/// with backoff when it ends, and then the hub tells every browser to resynchronise.
pub fn spawn_listeners(db: &Db, hub: &Hub) {
    let (d, h) = (db.clone(), hub.clone());
    tokio::spawn(async move {
        follow(
            &d,
            &h,
            "item",
            "id, state, version, confidential, participants, updated_at, last_actor_name",
            Forget::Table,
            |n: LiveItem| {
                let state = State::parse(&n.state)?;
                Some(Change::Item(ItemChange {
                    id: key_of(&n.id),
                    state,
                    version: n.version,
                    stamp: n.updated_at.timestamp_millis(),
                    by: n.last_actor_name,
                    confidential: n.confidential,
                    participants: n.participants,
                }))
            },
        )
        .await
    });
    let (d, h) = (db.clone(), hub.clone());
    tokio::spawn(async move {
        follow(
            &d,
            &h,
            "notification",
            "id, user",
            Forget::Table,
            |n: LiveNotification| Some(Change::Notification { user: n.user }),
        )
        .await
    });
    let (d, h) = (db.clone(), hub.clone());
    tokio::spawn(async move {
        follow(&d, &h, "user", "id", Forget::Table, |n: LiveAccount| {
            Some(Change::Account { user: key_of(&n.id) })
        })
        .await
    });
    // The office's settings: followed only so that the copy in memory is dropped on a change.
    let (d, h) = (db.clone(), hub.clone());
    tokio::spawn(async move { follow(&d, &h, "setting", "id", Forget::Table, |_: LiveAccount| None).await });
    // Sessions: followed so that a session's copy is dropped when it is renewed or ended, also
    // by another app server (a password changed there ends it here at once).
    let (d, h) = (db.clone(), hub.clone());
    tokio::spawn(async move { follow(&d, &h, "session", "id", Forget::Record, |_: LiveAccount| None).await });
    // The channels: a task's state (sent, failed, waiting for a person) and a connection's (needs
    // reconnecting, reconnected) are on the Sekretaris's and the administrator's dashboards.
    for table in ["publication_task", "connection"] {
        let (d, h) = (db.clone(), hub.clone());
        tokio::spawn(async move {
            follow(&d, &h, table, "id", Forget::Table, |_: LiveAccount| {
                Some(Change::Publishing)
            })
            .await
        });
    }
}

/// Follows `table` with one live query that carries only `fields` of each changed record (what
/// `to_change` reads): an item's draft, for one, is never copied into the notification.
async fn follow<R>(
    db: &Db,
    hub: &Hub,
    table: &'static str,
    fields: &'static str,
    forget: Forget,
    to_change: impl Fn(R) -> Option<Change>,
) where
    R: SurrealValue + Unpin + HasId,
{
    let mut delay = Duration::from_millis(250);
    let mut first = true;
    loop {
        let started = db
            .query(format!("LIVE SELECT {fields} FROM {table}"))
            .await
            .and_then(|mut r| r.stream::<surrealdb::Notification<R>>(0));
        match started {
            Ok(mut stream) => {
                if !first {
                    tracing::info!(table, "live query restored");
                    hub.publish(Change::Resync);
                }
                first = false;
                delay = Duration::from_millis(250);
                hub.running.send_modify(|n| *n += 1);
                super::cache::following(db, table, true);
                while let Some(n) = stream.next().await {
                    // Whatever changed in the table, the copy in memory is no longer trusted.
                    match (&n, forget) {
                        (Ok(n), Forget::Record) => super::cache::changed_record(db, table, &key_of(n.data.id())),
                        _ => super::cache::changed(db, table),
                    }
                    match n {
                        Ok(n) if matches!(n.action, Action::Create | Action::Update) => {
                            if let Some(c) = to_change(n.data) {
                                hub.publish(c);
                            }
                        }
                        Ok(_) => {}
                        Err(e) => {
                            tracing::warn!(table, error = %e, "live query notification unreadable");
                        }
                    }
                }
                super::cache::following(db, table, false);
                hub.running.send_modify(|n| *n = n.saturating_sub(1));
                tracing::warn!(table, "live query ended; setting it up again");
            }
            Err(e) => tracing::warn!(table, error = %e, "live query could not start"),
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(15));
    }
}

//! The outbox's records (issue 17): one task per channel of an item ordered for publication, and
//! the lease that lets exactly one app server send them. The sending itself (connectors, the
//! loop) is the server's (`server::outbox`); every step it takes is written here first:
//!
//! 1. `begin`: the attempt is recorded (state `sending`, `attempt_at`) before any call;
//! 2. `remember_media` / `remember_post`: what the channel made, as soon as its id is known;
//! 3. `finish` or `failed`: the outcome, with the link recorded on the item in the same
//!    transaction; the item becomes "Sudah tayang" once every channel has its link.
//!
//! A task found `sending` after `ATTEMPT_LOST_AFTER_SECS` lost its answer: the server asks the
//! channel whether the post exists before anything else (`lost`).

use crate::domain::outbox::{after_failure, AfterFailure, Failure, TaskState, ATTEMPT_LOST_AFTER_SECS};
use crate::domain::Channel;
use crate::server::db::{self, Db};
use crate::server::ServerError;
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;
use surrealdb::types::SurrealValue;

/// One channel's publication of an item.
#[derive(SurrealValue, Clone, Debug, PartialEq)]
pub struct TaskRow {
    pub key: String,
    pub item: String,
    pub channel: String,
    pub state: String,
    pub due_at: DateTime<Utc>,
    pub attempts: i64,
    pub attempt_at: Option<DateTime<Utc>>,
    pub slug: String,
    pub remote_id: Option<String>,
    pub media_remote: BTreeMap<String, String>,
    pub url: Option<String>,
    pub reason: String,
    pub updated_at: DateTime<Utc>,
}

impl TaskRow {
    pub fn state(&self) -> Option<TaskState> {
        TaskState::parse(&self.state)
    }
    pub fn channel(&self) -> Option<Channel> {
        Channel::parse(&self.channel)
    }

    /// As the item's page and the Sekretaris's dashboard show it.
    pub fn view(self) -> Option<crate::views::TaskView> {
        Some(crate::views::TaskView {
            channel: self.channel()?,
            state: self.state,
            due_at: self.due_at,
            attempts: self.attempts,
            url: self.url,
            reason: self.reason,
        })
    }
}

const FIELDS: &str = "record::id(id) AS key, item, channel, state, due_at, attempts, attempt_at, slug, remote_id, \
                      media_remote, url, reason, updated_at";

/// The record key of an item's task for a channel.
pub fn task_key(item: &str, channel: Channel) -> String {
    format!("{item}_{}", channel.id())
}

/// A task as the move that orders publication writes it (`items::moves`, in its transaction).
#[derive(SurrealValue, Clone, Debug, PartialEq)]
pub struct NewTask {
    pub key: String,
    pub item: String,
    pub channel: String,
    pub state: String,
    pub due_at: DateTime<Utc>,
    pub slug: String,
    pub ordered_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The statement of the ordering move's transaction that writes its tasks (`$tasks`).
pub const CREATE_TASKS: &str = "FOR $t IN $tasks {
        UPSERT type::record('publication_task', $t.key) CONTENT {
            item: $t.item, channel: $t.channel, state: $t.state, due_at: $t.due_at, attempts: 0,
            slug: $t.slug, media_remote: {}, reason: '', ordered_by_name: $t.ordered_by_name,
            created_at: $t.created_at, updated_at: $t.updated_at
        };
    };";

/// The statement of a cancelling move's transaction: tasks not yet posted are cancelled.
pub const CANCEL_TASKS: &str = "UPDATE publication_task SET state = 'cancelled', updated_at = $now
        WHERE item = $id AND state NOT IN ['done', 'cancelled'];";

pub async fn of_item(db: &Db, item: &str) -> Result<Vec<TaskRow>, ServerError> {
    of_items(db, &[item.to_string()]).await
}

/// The tasks of `items`, by item then channel.
pub async fn of_items(db: &Db, items: &[String]) -> Result<Vec<TaskRow>, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM publication_task WHERE item IN $items ORDER BY item, channel"
        ))
        .bind(("items", items.to_vec()))
        .await
        .and_then(db::failed_statement)?;
    Ok(res.take(0)?)
}

pub async fn get(db: &Db, key: &str) -> Result<Option<TaskRow>, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM ONLY type::record('publication_task', $key)"
        ))
        .bind(("key", key.to_string()))
        .await
        .and_then(db::failed_statement)?;
    Ok(res.take(0)?)
}

/// Tasks the server sends now: due, on a working connection, of an item still being published.
pub async fn due(db: &Db, now: DateTime<Utc>, channels: &[Channel]) -> Result<Vec<TaskRow>, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM publication_task
             WHERE state IN ['queued', 'scheduled'] AND due_at <= $now AND channel IN $channels
             ORDER BY due_at LIMIT 50"
        ))
        .bind(("now", now))
        .bind(("channels", channels.iter().map(|c| c.id()).collect::<Vec<_>>()))
        .await
        .and_then(db::failed_statement)?;
    Ok(res.take(0)?)
}

/// Attempts whose answer never came (the server stopped mid-call, or the call hung past any
/// timeout).
pub async fn lost(db: &Db, now: DateTime<Utc>) -> Result<Vec<TaskRow>, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM publication_task WHERE state = 'sending' AND attempt_at < $before"
        ))
        .bind(("before", now - Duration::seconds(ATTEMPT_LOST_AFTER_SECS)))
        .await
        .and_then(db::failed_statement)?;
    Ok(res.take(0)?)
}

/// Step 1 of an attempt, before any call: recorded, or `false` if the task is no longer due (a
/// person took it over, the item was cancelled) or its item is no longer being published.
pub async fn begin(db: &Db, task: &TaskRow, now: DateTime<Utc>) -> Result<bool, ServerError> {
    let mut res = db
        .query(
            "UPDATE type::record('publication_task', $key)
                SET state = 'sending', attempts = attempts + 1, attempt_at = $now, updated_at = $now
                WHERE state IN ['queued', 'scheduled'] AND due_at <= $now
                    AND type::record('item', $item_key).state = 'publishing'
                RETURN VALUE attempts",
        )
        .bind(("key", task.key.clone()))
        .bind(("item_key", task.item.clone()))
        .bind(("now", now))
        .await
        .and_then(db::failed_statement)?;
    let began: Vec<i64> = res.take(0)?;
    Ok(!began.is_empty())
}

/// Step 2: a photo the channel now holds, kept at once so a later attempt does not upload it
/// again.
pub async fn remember_media(db: &Db, key: &str, media: &str, remote: &str) -> Result<(), ServerError> {
    db.query(
        "UPDATE type::record('publication_task', $key)
            SET media_remote = object::from_entries(array::concat(object::entries(media_remote), [[$media, $remote]]))",
    )
    .bind(("key", key.to_string()))
    .bind(("media", media.to_string()))
    .bind(("remote", remote.to_string()))
    .await
    .and_then(db::failed_statement)?;
    Ok(())
}

/// Step 2: the post's id on the channel, as soon as it is known.
pub async fn remember_post(db: &Db, key: &str, remote: &str) -> Result<(), ServerError> {
    db.query("UPDATE type::record('publication_task', $key) SET remote_id = $remote")
        .bind(("key", key.to_string()))
        .bind(("remote", remote.to_string()))
        .await
        .and_then(db::failed_statement)?;
    Ok(())
}

/// What finishing a task left to do: whether every channel of its item now has its link.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub all_linked: bool,
}

#[derive(SurrealValue)]
struct Linked {
    /// The draft's channels, as the draft stores them (serde's names).
    targets: Vec<String>,
    /// The channels with a link (their ids).
    linked: Vec<String>,
}

impl Linked {
    fn all(&self) -> bool {
        self.targets.iter().all(|t| {
            serde_json::from_value::<Channel>(serde_json::Value::String(t.clone()))
                .is_ok_and(|c| self.linked.iter().any(|l| l == c.id()))
        })
    }
}

/// Step 3: posted. The task is done, and the channel's link is recorded on the item (as a person
/// pasting it would), in one transaction.
pub async fn finish(
    db: &Db,
    task: &TaskRow,
    remote_id: &str,
    url: &str,
    by_name: &str,
    now: DateTime<Utc>,
) -> Result<Finished, ServerError> {
    let mut res = db
        .query(
            "BEGIN;
             UPDATE type::record('publication_task', $key)
                SET state = 'done', remote_id = $remote, url = $url, reason = '', updated_at = $now;
             UPDATE type::record('item', $item)
                SET publications = array::append(publications[WHERE channel != $channel],
                        { channel: $channel, url: $url, at: $now, by: $by }),
                    updated_at = $now
                WHERE state = 'publishing'
                RETURN draft.channels AS targets, publications.channel AS linked;
             COMMIT;",
        )
        .bind(("key", task.key.clone()))
        .bind(("item", task.item.clone()))
        .bind(("channel", task.channel.clone()))
        .bind(("remote", remote_id.to_string()))
        .bind(("url", url.to_string()))
        .bind(("by", by_name.to_string()))
        .bind(("now", now))
        .await
        .and_then(db::failed_statement)?;
    // Statement 0 is BEGIN.
    let item: Vec<Linked> = res.take(2)?;
    tracing::info!(item = %task.item, channel = %task.channel, url, "published by the outbox");
    Ok(Finished {
        all_linked: item.first().is_some_and(Linked::all),
    })
}

/// Step 3: the call failed. Queued again after its backoff, failed for a person, or (the
/// credential refused) left for the connection's stop (`connections::needs_reconnecting`).
pub async fn failed(
    db: &Db,
    task: &TaskRow,
    failure: &Failure,
    now: DateTime<Utc>,
) -> Result<AfterFailure, ServerError> {
    let next = after_failure(task.attempts, failure, now);
    let (state, due) = match &next {
        AfterFailure::Retry(at) => (TaskState::Queued, *at),
        AfterFailure::Fail => (TaskState::Failed, now),
        AfterFailure::Stop => (TaskState::Stopped, now),
    };
    set_state(db, &task.key, state, due, failure.reason(), now).await?;
    tracing::warn!(item = %task.item, channel = %task.channel, attempts = task.attempts, reason = failure.reason(),
        state = state.id(), "publication attempt failed");
    Ok(next)
}

/// The answer of a lost attempt cannot be known: a person looks at the channel.
pub async fn uncertain(db: &Db, task: &TaskRow, reason: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    set_state(db, &task.key, TaskState::Uncertain, now, reason, now).await
}

/// A lost attempt that the channel says certainly did not post: queued again, at once.
pub async fn requeue(db: &Db, task: &TaskRow, now: DateTime<Utc>) -> Result<(), ServerError> {
    set_state(db, &task.key, TaskState::Queued, now, "", now).await
}

async fn set_state(
    db: &Db,
    key: &str,
    state: TaskState,
    due: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    db.query(
        "UPDATE type::record('publication_task', $key)
            SET state = $state, due_at = $due, reason = $reason, updated_at = $now WHERE state = 'sending'",
    )
    .bind(("key", key.to_string()))
    .bind(("state", state.id()))
    .bind(("due", due))
    .bind(("reason", reason.to_string()))
    .bind(("now", now))
    .await
    .and_then(db::failed_statement)?;
    Ok(())
}

/// What a person does with a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Steer {
    /// "Coba lagi": sent again by the server at its next turn (failed or uncertain).
    Retry,
    /// "Tayangkan manual": posted by hand, its link pasted.
    ByHand,
}

/// A person's step on a task; `false` if the task is not in a state that allows it (it moved).
pub async fn steer(db: &Db, key: &str, how: Steer, now: DateTime<Utc>) -> Result<bool, ServerError> {
    let (from, to): (Vec<&str>, TaskState) = match how {
        Steer::Retry => (
            TaskState::ALL
                .into_iter()
                .filter(|s| s.may_retry())
                .map(TaskState::id)
                .collect(),
            TaskState::Queued,
        ),
        Steer::ByHand => (
            TaskState::ALL
                .into_iter()
                .filter(|s| s.may_post_by_hand() && *s != TaskState::Manual)
                .map(TaskState::id)
                .collect(),
            TaskState::Manual,
        ),
    };
    let mut res = db
        .query(
            "UPDATE type::record('publication_task', $key)
                SET state = $to, due_at = $now, attempts = 0, updated_at = $now
                WHERE state IN $from RETURN VALUE state",
        )
        .bind(("key", key.to_string()))
        .bind(("to", to.id()))
        .bind(("from", from.into_iter().map(str::to_string).collect::<Vec<_>>()))
        .bind(("now", now))
        .await
        .and_then(db::failed_statement)?;
    let changed: Vec<String> = res.take(0)?;
    Ok(!changed.is_empty())
}

/// The outbox's lease: `holder` runs the outbox until `until`. Taken when free or expired, renewed
/// by its holder; `false` while another server holds it.
pub async fn hold_lease(db: &Db, holder: &str, now: DateTime<Utc>, for_secs: i64) -> Result<bool, ServerError> {
    let res = db
        .query(
            "UPSERT outbox_lease:runner SET holder = $holder, until = $until
                WHERE holder = NONE OR holder = $holder OR until < $now
                RETURN VALUE holder",
        )
        .bind(("holder", holder.to_string()))
        .bind(("now", now))
        .bind(("until", now + Duration::seconds(for_secs)))
        .await
        .and_then(db::failed_statement);
    match res {
        Ok(mut res) => {
            let mine: Vec<String> = res.take(0)?;
            Ok(!mine.is_empty())
        }
        // Two servers asked at once and this one lost the write: the other holds it.
        Err(e) if db::fault(&e) == db::WriteFault::TransactionConflict => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Gives the lease up (a server stopping), so another takes over at once.
pub async fn release_lease(db: &Db, holder: &str) -> Result<(), ServerError> {
    db.query("DELETE outbox_lease:runner WHERE holder = $holder")
        .bind(("holder", holder.to_string()))
        .await
        .and_then(db::failed_statement)?;
    Ok(())
}

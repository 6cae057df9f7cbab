//! Notifications: the bell of each user. They are written by the workflow service in the
//! transaction of the move that causes them; here they are read and marked read.

use super::accounts::UserRow;
use super::db::Db;
use super::items;
use super::ServerError;
use crate::domain::NoticeKind;
use crate::domain::State;
use crate::views::{NotificationView, Notifications};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use surrealdb::types::{RecordId, SurrealValue};

/// How many the bell lists.
pub const LATEST: usize = 20;

#[derive(SurrealValue)]
struct Row {
    key: String,
    item: String,
    kind: String,
    title: String,
    note: String,
    actor_name: String,
    at: DateTime<Utc>,
    read: bool,
}

/// What the access rules need of the items the bell names.
#[derive(SurrealValue)]
struct ItemAccessRow {
    key: String,
    state: String,
    confidential: bool,
    participants: Vec<String>,
}

/// Of `items`, those `me` may still see (the bell re-checks: a confidential item's title is not
/// shown to someone who has since lost sight of it).
async fn still_visible(db: &Db, me: &UserRow, items: &[String]) -> Result<HashSet<String>, ServerError> {
    let records: Vec<RecordId> = items.iter().map(|k| RecordId::new("item", k.as_str())).collect();
    let mut res = db
        .query("SELECT record::id(id) AS key, state, confidential, participants FROM $records")
        .bind(("records", records))
        .await?;
    let rows: Vec<ItemAccessRow> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            State::parse(&r.state).is_some_and(|state| items::visible_to(state, r.confidential, &r.participants, me))
        })
        .map(|r| r.key)
        .collect())
}

pub async fn list(db: &Db, me: &UserRow) -> Result<Notifications, ServerError> {
    let mut res = db
        .query(
            "SELECT *, record::id(id) AS key FROM notification WHERE user = $me ORDER BY at DESC LIMIT $limit;
             SELECT VALUE item FROM notification WHERE user = $me AND read = false;",
        )
        .bind(("me", me.key.clone()))
        .bind(("limit", LATEST as i64))
        .await?;
    let rows: Vec<Row> = res.take(0)?;
    let unread: Vec<String> = res.take(1)?;
    let mut named: Vec<String> = rows
        .iter()
        .map(|r| r.item.clone())
        .chain(unread.iter().cloned())
        .collect();
    named.sort();
    named.dedup();
    let visible = still_visible(db, me, &named).await?;
    Ok(Notifications {
        unread: unread.iter().filter(|i| visible.contains(*i)).count() as u32,
        latest: rows
            .into_iter()
            .filter(|r| visible.contains(&r.item))
            .filter_map(|r| {
                let Some(kind) = NoticeKind::parse(&r.kind) else {
                    tracing::error!(notification = %r.key, kind = %r.kind, "unreadable notification kind");
                    return None;
                };
                Some(NotificationView {
                    kind,
                    id: r.key,
                    item: r.item,
                    title: r.title,
                    note: r.note,
                    actor_name: r.actor_name,
                    at: r.at,
                    read: r.read,
                })
            })
            .collect(),
    })
}

/// Opening an item reads what the bell said about it.
pub async fn mark_item_read(db: &Db, me: &UserRow, item: &str) -> Result<(), ServerError> {
    db.query("UPDATE notification SET read = true WHERE user = $me AND item = $item AND read = false")
        .bind(("me", me.key.clone()))
        .bind(("item", item.to_string()))
        .await?
        .check()?;
    Ok(())
}

pub async fn mark_all_read(db: &Db, me: &UserRow) -> Result<(), ServerError> {
    db.query("UPDATE notification SET read = true WHERE user = $me AND read = false")
        .bind(("me", me.key.clone()))
        .await?
        .check()?;
    Ok(())
}

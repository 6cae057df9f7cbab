//! Notifications: the bell of each user. They are written by the workflow service in the
//! transaction of the move that causes them; here they are read and marked read.

use super::accounts::UserRow;
use super::db::Db;
use super::ServerError;
use crate::domain::NoticeKind;
use crate::views::{NotificationView, Notifications};
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

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

#[derive(SurrealValue)]
struct Count {
    n: i64,
}

pub async fn list(db: &Db, me: &UserRow) -> Result<Notifications, ServerError> {
    let mut res = db
        .query(
            "SELECT *, record::id(id) AS key FROM notification WHERE user = $me ORDER BY at DESC LIMIT $limit;
             SELECT count() AS n FROM notification WHERE user = $me AND read = false GROUP ALL;",
        )
        .bind(("me", me.key.clone()))
        .bind(("limit", LATEST as i64))
        .await?;
    let rows: Vec<Row> = res.take(0)?;
    let unread: Vec<Count> = res.take(1)?;
    Ok(Notifications {
        unread: unread.first().map(|c| c.n.max(0) as u32).unwrap_or(0),
        latest: rows
            .into_iter()
            .filter_map(|r| {
                Some(NotificationView {
                    kind: NoticeKind::parse(&r.kind)?,
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

//! The item page in front of its reader: the first time the person at the current desk sees the
//! item is kept as the read receipt of this step, and what the bell said about it is read. The
//! browser reports it when the page is shown in a visible tab, never on a background refresh.

use super::*;
use crate::domain::access;
use crate::server::accounts::UserRow;
use crate::server::db::Db;
use crate::server::notices;
use crate::server::ServerError;
use chrono::{DateTime, Utc};

pub async fn seen(db: &Db, me: &UserRow, id: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    let state = row.state()?;
    if access::holds_desk(me.role_set(), state, row.relation(me)) && row.opened_at.is_none() {
        // Idempotent: a concurrent first sight that wins the race is just as good.
        let receipt = db
            .query(
                "UPDATE type::record('item', $id) SET opened_by = $name, opened_at = $now
                 WHERE version = $version AND opened_at = NONE",
            )
            .bind(("id", id.to_string()))
            .bind(("name", me.name.clone()))
            .bind(("now", now))
            .bind(("version", row.version))
            .await
            .and_then(|r| r.check());
        if let Err(e) = receipt {
            tracing::debug!(item = %id, error = %e, "read receipt not written");
        }
    }
    notices::mark_item_read(db, me, id).await
}

//! The lists: Tugas Saya, Semua Materi, the dashboards' open items, counts per state.

use super::*;
use crate::domain::access::{self};
use crate::domain::{allowed_actions, Role, State, Urgency};
use crate::error::AppError;
use crate::server::accounts::{self, UserRow};
use crate::server::db::Db;
use crate::server::ServerError;
use crate::views::{ItemSummary, OpenDisposition, PersonOption};
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

pub(super) fn summary(row: &ItemRow, assignee_name: Option<String>, at: &AsOf) -> Result<ItemSummary, ServerError> {
    let state = row.state()?;
    Ok(ItemSummary {
        late: is_late(row, state, at.today()),
        over_standard: clock_of(row, state, at)?.is_some_and(|c| c.late()),
        serta_merta: row.serta_merta(),
        id: row.key.clone(),
        agenda_no: row.agenda_no(),
        perihal: row.perihal.clone(),
        title: row.title.clone(),
        state,
        urgency: row.urgency()?,
        confidential: row.confidential,
        deadline: row.deadline.clone(),
        state_since: row.state_since,
        assignee_name,
    })
}

pub(super) async fn summaries(db: &Db, rows: Vec<ItemRow>, at: &AsOf) -> Result<Vec<ItemSummary>, ServerError> {
    let users = accounts::list(db).await?;
    let name_of = |k: &Option<String>| {
        k.as_ref()
            .and_then(|k| users.iter().find(|u| &u.key == k))
            .map(|u| u.name.clone())
    };
    // `rows` are `readable`: a summary of one cannot fail, but if it did the list would say so.
    rows.iter().map(|r| summary(r, name_of(&r.assignee), at)).collect()
}

pub(super) fn urgency_rank(u: Urgency) -> u8 {
    match u {
        Urgency::SangatSegera => 0,
        Urgency::Segera => 1,
        Urgency::Biasa => 2,
    }
}

/// "Tugas Saya": items waiting at my desk, most urgent and oldest first.
pub async fn my_tasks(db: &Db, me: &UserRow, at: &AsOf) -> Result<Vec<ItemSummary>, ServerError> {
    let (by_role, as_assignee) = access::desk_states(me.role_set());
    let desk_states: Vec<&str> = by_role.into_iter().map(State::id).collect();
    let staff_states: Vec<&str> = as_assignee.into_iter().map(State::id).collect();
    let mut res = db
        .query(format!(
            "SELECT {ITEM_FIELDS} FROM item WHERE state IN $desk OR (state IN $staff AND assignee = $me)"
        ))
        .bind(("desk", desk_states))
        .bind(("staff", staff_states))
        .bind(("me", me.key.clone()))
        .await?;
    let mut rows = readable(res.take(0)?);
    // Verification of one's own material is not a task for oneself.
    rows.retain(|r| r.visible_to(me) && r.state().is_ok_and(|s| !allowed_actions(s, r.facts(me)).is_empty()));
    // "Serta merta" information is announced at once: it goes first on every desk.
    rows.sort_by_cached_key(|r| {
        (
            !r.serta_merta(),
            r.urgency().map(urgency_rank).unwrap_or_default(),
            r.state_since,
        )
    });
    summaries(db, rows, at).await
}

/// "Semua Materi": every item I may see, optionally at one SOP step, searched by title/perihal.
pub async fn all_items(
    db: &Db,
    me: &UserRow,
    step: Option<u8>,
    search: &str,
    at: &AsOf,
) -> Result<Vec<ItemSummary>, ServerError> {
    let states: Vec<&str> = match step {
        Some(s) => State::ALL
            .into_iter()
            .filter(|st| st.pending_step() == Some(s))
            .map(State::id)
            .collect(),
        None => State::ALL.into_iter().map(State::id).collect(),
    };
    let needle = search.trim().to_lowercase();
    let mut res = db
        .query(format!(
            "SELECT {ITEM_FIELDS} FROM item WHERE state IN $states
               AND ($q = '' OR string::contains(string::lowercase(perihal), $q)
                    OR string::contains(string::lowercase(title OR ''), $q))
             ORDER BY updated_at DESC LIMIT 500"
        ))
        .bind(("states", states))
        .bind(("q", needle))
        .await?;
    let mut rows = readable(res.take(0)?);
    rows.retain(|r| r.visible_to(me));
    summaries(db, rows, at).await
}

/// Every item not yet closed, in the order of `order_by` (fields of the item).
async fn open_rows(db: &Db, order_by: &'static str) -> Result<Vec<ItemRow>, ServerError> {
    let open: Vec<&str> = State::ALL
        .into_iter()
        .filter(|s| !s.is_closed())
        .map(State::id)
        .collect();
    let mut res = db
        .query(format!(
            "SELECT {ITEM_FIELDS} FROM item WHERE state IN $open ORDER BY {order_by}"
        ))
        .bind(("open", open))
        .await?;
    Ok(readable(res.take(0)?))
}

/// Every open disposition, for the administrator to cancel one (oldest first). Refused to anyone
/// else: they cancel from the item's page, where the access rules apply.
pub async fn open_for_cancelling(db: &Db, me: &UserRow) -> Result<Vec<OpenDisposition>, ServerError> {
    if !access::cancels_any_disposition(me.role_set()) {
        return Err(AppError::Forbidden(None).into());
    }
    let rows = open_rows(db, "agenda_year, agenda_seq").await?;
    let users = accounts::list(db).await?;
    rows.iter()
        .map(|r| {
            Ok(OpenDisposition {
                id: r.key.clone(),
                agenda_no: r.agenda_no(),
                perihal: (!r.confidential).then(|| r.perihal.clone()),
                state: r.state()?,
                from_name: users
                    .iter()
                    .find(|u| u.key == r.from_user)
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                created_at: r.created_at,
                version: r.version,
            })
        })
        .collect()
}

/// The people a move can name: Sekretaris for a disposition, staff for an assignment.
pub async fn people(db: &Db, role: Role) -> Result<Vec<PersonOption>, ServerError> {
    Ok(accounts::holders_of(db, role)
        .await?
        .iter()
        .map(UserRow::option)
        .collect())
}

/// Did any item change after `since_millis` (less a margin for the clocks of several servers)?
/// A browser that was cut off asks this when it reconnects.
pub async fn changed_since(db: &Db, since_millis: i64) -> Result<bool, ServerError> {
    const CLOCK_MARGIN_MS: i64 = 2_000;
    let since = DateTime::<Utc>::from_timestamp_millis(since_millis - CLOCK_MARGIN_MS).unwrap_or_default();
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM item WHERE updated_at > $since LIMIT 1")
        .bind(("since", since))
        .await?;
    let ids: Vec<String> = res.take(0)?;
    Ok(!ids.is_empty())
}

/// An open item as the dashboards see it.
pub struct OpenItem {
    pub summary: ItemSummary,
    pub from_user: String,
    pub assignee: Option<String>,
    /// Can `me` act on it now?
    pub mine: bool,
}

/// Every open item `me` may see, oldest at its desk first.
pub async fn open_items(db: &Db, me: &UserRow, at: &AsOf) -> Result<Vec<OpenItem>, ServerError> {
    let mut rows = open_rows(db, "state_since").await?;
    rows.retain(|r| r.visible_to(me));
    let users = accounts::list(db).await?;
    rows.into_iter()
        .map(|r| {
            let name = r
                .assignee
                .as_ref()
                .and_then(|k| users.iter().find(|u| &u.key == k))
                .map(|u| u.name.clone());
            let mine = !allowed_actions(r.state()?, r.facts(me)).is_empty();
            Ok(OpenItem {
                summary: summary(&r, name, at)?,
                from_user: r.from_user.clone(),
                assignee: r.assignee.clone(),
                mine,
            })
        })
        .collect()
}

/// How many items stand in each state, across the office.
pub async fn counts_by_state(db: &Db) -> Result<Vec<(State, u32)>, ServerError> {
    #[derive(SurrealValue)]
    struct Count {
        state: String,
        n: i64,
    }
    let mut res = db.query("SELECT state, count() AS n FROM item GROUP BY state").await?;
    let rows: Vec<Count> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|c| Some((State::parse(&c.state)?, c.n.max(0) as u32)))
        .collect())
}

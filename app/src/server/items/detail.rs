//! The item page: the item with its disposition, material versions and audit trail.

use super::*;
use crate::domain::access::{self};
use crate::domain::standard::kelengkapan_for;
use crate::domain::{allowed_actions, ActionKind, Draft, Role, State};
use crate::server::accounts::{self, UserRow};
use crate::server::db::Db;
use crate::server::markdown;
use crate::server::ServerError;
use crate::views::{ChainSignoff, DispositionView, EventView, ItemDetail, Signoff, VersionView};
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
pub(super) struct EventRow {
    seq: i64,
    at: DateTime<Utc>,
    actor: String,
    actor_name: String,
    role: String,
    action: String,
    from_state: Option<String>,
    to_state: String,
    note: String,
    /// Absent on events written before kelengkapan were recorded.
    checklist: Option<Vec<String>>,
}

#[derive(SurrealValue)]
pub(super) struct VersionRow {
    number: i64,
    author_name: String,
    role: String,
    draft: serde_json::Value,
    created_at: DateTime<Utc>,
}

/// The audit trail of an item, oldest first.
pub async fn events(db: &Db, id: &str) -> Result<Vec<EventView>, ServerError> {
    let mut res = db
        .query("SELECT * FROM audit_event WHERE item = $id ORDER BY seq")
        .bind(("id", id.to_string()))
        .await?;
    let rows: Vec<EventRow> = res.take(0)?;
    rows.into_iter()
        .map(|e| {
            Ok(EventView {
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                actor_name: e.actor_name,
                role: Role::parse(&e.role).ok_or_else(|| ServerError::internal("bad role".into()))?,
                action: ActionKind::parse(&e.action).ok_or_else(|| ServerError::internal("bad action".into()))?,
                from_state: e.from_state.as_deref().and_then(State::parse),
                to_state: State::parse(&e.to_state).ok_or_else(|| ServerError::internal("bad state".into()))?,
                note: e.note,
                checklist: e.checklist.unwrap_or_default(),
            })
        })
        .collect()
}

pub(super) async fn versions(db: &Db, id: &str) -> Result<Vec<VersionView>, ServerError> {
    let mut res = db
        .query("SELECT * FROM material_version WHERE item = $id ORDER BY number")
        .bind(("id", id.to_string()))
        .await?;
    let rows: Vec<VersionRow> = res.take(0)?;
    rows.into_iter()
        .map(|v| {
            let draft: Draft = serde_json::from_value(v.draft)
                .map_err(|e| ServerError::internal(format!("material version unreadable: {e}")))?;
            Ok(VersionView {
                body: markdown::blocks(&draft.body),
                number: v.number,
                author_name: v.author_name,
                role: Role::parse(&v.role).ok_or_else(|| {
                    ServerError::internal(format!("material version {}: unreadable role {:?}", v.number, v.role))
                })?,
                created_at: v.created_at,
                draft,
            })
        })
        .collect()
}

pub(super) fn signoff(u: Option<&UserRow>) -> Signoff {
    match u {
        Some(u) => Signoff {
            name: u.name.clone(),
            position: u.position.clone(),
            nip: u.nip.clone(),
        },
        None => Signoff {
            name: "-".into(),
            position: String::new(),
            nip: String::new(),
        },
    }
}

/// Everything the item page shows. Only reads: the read receipt is [`super::seen`]'s, when the
/// page is really in front of its reader.
pub async fn detail(db: &Db, me: &UserRow, id: &str, at: &AsOf) -> Result<ItemDetail, ServerError> {
    let row = load_visible(db, me, id).await?;
    let state = row.state()?;
    let from = accounts::find(db, &row.from_user).await?;
    let to = accounts::find(db, &row.to_user).await?;
    let assignee = match &row.assignee {
        Some(k) => accounts::find(db, k).await?.map(|u| u.option()),
        None => None,
    };
    let draft = row.draft()?;
    let roles = me.role_set();
    let actions = allowed_actions(state, row.facts(me));
    let staff_options = if actions.contains(&ActionKind::AssignStaff) {
        people(db, Role::StafSekretariat).await?
    } else {
        vec![]
    };
    let events = events(db, id).await?;
    let mut chain = Vec::new();
    for e in events.iter().filter(|e| e.action.signs_disposition()) {
        let person = accounts::find(db, &e.actor).await?;
        chain.push(ChainSignoff {
            role: e.role,
            action: e.action,
            at: e.at,
            person: signoff(person.as_ref()),
        });
    }
    Ok(ItemDetail {
        id: row.key.clone(),
        viewer: me.key.clone(),
        dip_no: row.dip_no.clone(),
        chain,
        state,
        version: row.version,
        stamp: row.updated_at.timestamp_millis(),
        kelengkapan: kelengkapan_for(state, &at.settings.standards),
        clock: clock_of(&row, state, at)?,
        state_since: row.state_since,
        disposition: DispositionView {
            agenda_no: row.agenda_no(),
            created_at: row.created_at,
            from: signoff(from.as_ref()),
            to: signoff(to.as_ref()),
            perihal: row.perihal.clone(),
            activity_date: row.activity_date.clone(),
            activity_place: row.activity_place.clone(),
            urgency: row.urgency()?,
            confidential: row.confidential,
            instructions: row.instructions()?,
            note: row.disposition_note.clone(),
            deadline: row.deadline.clone(),
        },
        assignee,
        draft_html: row.body_html()?,
        refused_draft: None,
        draft,
        draft_rev: row.draft_rev,
        versions: versions(db, id).await?,
        can_compare: access::may_compare_versions(roles),
        can_edit_draft: may_edit_draft(&row, me),
        can_record_links: access::may_record_links(row.state()?, row.facts(me)),
        media: media::list(db, id)
            .await?
            .into_iter()
            .map(|m| m.view())
            .collect::<Result<_, _>>()?,
        events,
        publications: row.publication_links()?,
        actions,
        staff_options,
        opened_by: row.opened_by.clone(),
        opened_at: row.opened_at,
        zone: at.zone(),
        media_limits: at.settings.media,
        tasks: crate::server::outbox::of_item(db, id)
            .await?
            .into_iter()
            .filter_map(crate::server::outbox::TaskRow::view)
            .collect(),
        can_steer_publication: access::may_steer_publication(row.state()?, row.facts(me)),
    })
}

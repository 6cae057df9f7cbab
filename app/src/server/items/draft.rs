//! The working draft (steps 5 and 6): saved by whoever may edit it now; not a move.

use super::*;
use crate::domain::access::{self};
use crate::domain::{DraftForm, State};
use crate::error::AppError;
use crate::server::accounts::UserRow;
use crate::server::db::Db;
use crate::server::ServerError;
use chrono::{DateTime, Utc};

pub(super) fn may_edit_draft(row: &ItemRow, me: &UserRow) -> bool {
    row.state()
        .is_ok_and(|state| access::may_edit_draft(me.role_set(), state, row.relation(me)))
}

/// Saves the working draft (steps 5 and 6). Not a move: the state stays; the version of the
/// material is recorded when it is sent on. Refused if the item has left the editor's desk.
pub async fn save_draft(
    db: &Db,
    me: &UserRow,
    id: &str,
    form: &DraftForm,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    if !may_edit_draft(&row, me) {
        return match row.state()? {
            State::Drafting | State::InCorrection | State::RevisionRequested => Err(AppError::Forbidden(None).into()),
            _ => Err(conflict(&row)?),
        };
    }
    let draft = form.parse(today)?;
    let json = serde_json::to_value(&draft).map_err(|e| ServerError::internal(e.to_string()))?;
    let mut res = db
        .query(
            "UPDATE type::record('item', $id) SET draft = $draft, title = $title, draft_dirty = true, updated_at = $now
             WHERE state = $state AND version = $version RETURN VALUE record::id(id)",
        )
        .bind(("id", id.to_string()))
        .bind(("draft", json))
        .bind(("title", draft.title.clone()))
        .bind(("now", now))
        .bind(("state", row.state.clone()))
        .bind(("version", row.version))
        .await?;
    let updated: Vec<String> = res.take(0)?;
    if updated.is_empty() {
        let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
        return Err(conflict(&fresh)?);
    }
    Ok(())
}

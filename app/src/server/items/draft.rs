//! The working draft (steps 5 and 6): saved by whoever may edit it now; not a move.
//!
//! Every save names the revision it started from and makes the next one, so that of two saves
//! from the same revision (two tabs, a tablet and a PC) exactly one wins and the other gets both
//! texts back: nothing is overwritten unseen.

use super::*;
use crate::domain::access::{self};
use crate::domain::{DraftForm, State};
use crate::error::{AppError, DraftClash};
use crate::server::accounts::UserRow;
use crate::server::db::{self, Db};
use crate::server::markdown;
use crate::server::ServerError;
use chrono::{DateTime, Utc};

pub(super) fn may_edit_draft(row: &ItemRow, me: &UserRow) -> bool {
    row.state()
        .is_ok_and(|state| access::may_edit_draft(me.role_set(), state, row.relation(me)))
}

/// Why a save cannot be written as it stands, judged on a fresh read of the item.
fn refusal(row: &ItemRow, me: &UserRow, rev: i64, form: &DraftForm) -> Result<Option<ServerError>, ServerError> {
    if !may_edit_draft(row, me) {
        return Ok(Some(match row.state()? {
            State::Drafting | State::InCorrection | State::RevisionRequested => AppError::Forbidden(None).into(),
            _ => conflict(row)?,
        }));
    }
    if row.draft_rev != rev {
        let theirs = row.draft()?.map(|d| d.to_form());
        let theirs_text = theirs.as_ref().map(crate::ui::compare::form_text).unwrap_or_default();
        let mine_text = crate::ui::compare::form_text(form);
        return Ok(Some(
            AppError::DraftConflict(Box::new(DraftClash {
                rev: row.draft_rev,
                by: row
                    .draft_saved_by
                    .clone()
                    .unwrap_or_else(|| row.last_actor_name.clone()),
                lines: crate::ui::compare::diff_text(&theirs_text, &mine_text),
                theirs,
                theirs_html: row.body_html()?,
                mine: form.clone(),
                theirs_text,
                mine_text,
            }))
            .into(),
        ));
    }
    Ok(None)
}

/// Saves the working draft (steps 5 and 6) over revision `rev`, and returns the new revision.
/// Not a move: the state stays; the version of the material is recorded when it is sent on.
/// Refused if the item has left the editor's desk (409 with who moved it) or the draft was
/// saved since `rev` (409 with both texts).
#[allow(clippy::too_many_arguments)]
pub async fn save_draft(
    db: &Db,
    me: &UserRow,
    id: &str,
    rev: i64,
    form: &DraftForm,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let mut row = load_visible(db, me, id).await?;
    if let Some(refused) = refusal(&row, me, rev, form)? {
        return Err(refused);
    }
    // Checked as typed first: the shape limits keep a crafted text from costing minutes below.
    form.parse(today)?;
    // Stored as the editor can show it (nothing else passes), and rendered once here (on the
    // blocking threads), not on every reading.
    let body = form.body.clone();
    let (body, html) = tokio::task::spawn_blocking(move || {
        let body = markdown::sanitise(&body);
        let html = markdown::render(&body);
        (body, html)
    })
    .await
    .map_err(|e| ServerError::internal(format!("render: {e}")))?;
    let draft = DraftForm { body, ..form.clone() }.parse(today)?;
    let json = serde_json::to_value(&draft).map_err(|e| ServerError::internal(e.to_string()))?;
    let mut attempt = 0;
    loop {
        let result = db
            .query(
                "UPDATE type::record('item', $id) SET draft = $draft, draft_html = $html, title = $title, draft_dirty = true,
                    draft_rev = draft_rev + 1, draft_saved_by = $me_name, updated_at = $now
                 WHERE state = $state AND version = $version AND draft_rev = $rev RETURN VALUE draft_rev",
            )
            .bind(("id", id.to_string()))
            .bind(("draft", json.clone()))
            .bind(("html", html.clone()))
            .bind(("title", draft.title.clone()))
            .bind(("me_name", me.name.clone()))
            .bind(("now", now))
            .bind(("state", row.state.clone()))
            .bind(("version", row.version))
            .bind(("rev", rev))
            .await
            .and_then(db::failed_statement);
        match result {
            Ok(mut res) => {
                let saved: Vec<i64> = res.take(0)?;
                if let Some(new_rev) = saved.first() {
                    tracing::info!(item = %id, actor = %me.username, rev = new_rev, "draft saved");
                    return Ok(*new_rev);
                }
            }
            // The engine refused a write that collided with another transaction on this item (a
            // move, another save): read again and judge as if it had come a moment later.
            Err(e) if db::fault(&e).is_race() && attempt < CONFLICT_RETRIES => conflict_backoff(attempt + 1).await,
            Err(e) => return Err(e.into()),
        }
        attempt += 1;
        row = load(db, id).await?.ok_or(AppError::NotFound)?;
        if let Some(refused) = refusal(&row, me, rev, form)? {
            return Err(refused);
        }
        if attempt >= CONFLICT_RETRIES {
            return Err(conflict(&row)?);
        }
    }
}

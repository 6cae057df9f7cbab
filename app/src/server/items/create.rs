//! Step 1, "Buat Disposisi": a new item, its agenda number, first audit event and notification.

use super::*;
use crate::domain::Problem;
use crate::domain::{may_create, ActionKind, ActorFacts, Disposition, NoticeKind, Role, State};
use crate::error::AppError;
use crate::server::accounts::{self, UserRow};
use crate::server::db::{self, Db};
use crate::server::settings;
use crate::server::ServerError;
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

/// Step 1: the PPID Pembantu issues a disposition. Returns the new item's id, or, for a form
/// submitted again under the same key, the id of the item its first submission made.
pub async fn create_disposition(
    db: &Db,
    me: &UserRow,
    d: Disposition,
    now: DateTime<Utc>,
) -> Result<String, ServerError> {
    may_create(ActorFacts {
        roles: me.role_set(),
        ..Default::default()
    })
    .map_err(AppError::from_refusal)?;
    let recipients = accounts::holders_of(db, Role::Sekretaris).await?;
    if !recipients.iter().any(|u| u.key == d.to_user) {
        return Err(AppError::invalid("to_user", Problem::RecipientNotSekretaris).into());
    }
    if let Some(key) = &d.form_key {
        if let Some(item) = item_of_form(db, me, key).await? {
            return Ok(item);
        }
    }
    let state = State::AtSekretaris;
    let fact = crate::server::reports::FACT;
    // The form's key, taken in the same transaction: of two submissions racing, one creates.
    let form_stmt = if d.form_key.is_some() {
        "CREATE type::record('disposition_form', $form_key) SET item = $id, user = $me, at = $now;"
    } else {
        ""
    };
    let id = new_id();
    let settings = settings::load(db).await?;
    // The agenda book is the office's: its year turns at midnight in the office's zone, not UTC.
    let year = i64::from(chrono::Datelike::year(&settings.zone().today(now)));
    let step_target = state
        .pending_step()
        .and_then(|step| settings.step_target(step, d.urgency, false));
    // Step 1 happens in the form itself: recorded as done at once, against its target.
    let first_target = settings.step_target(1, d.urgency, false);
    let query = format!(
        "BEGIN TRANSACTION;
             LET $seq = (UPSERT type::record('counter', $counter) SET n = (n OR 0) + 1 RETURN VALUE n)[0];
             CREATE type::record('item', $id) SET agenda_year = $year, agenda_seq = $seq, perihal = $perihal,
                activity_date = $activity_date, activity_place = $activity_place, urgency = $urgency,
                confidential = $confidential, instructions = $instructions, disposition_note = $note,
                deadline = $deadline, from_user = $me, to_user = $to_user, state = $state, version = 1,
                assignee = NONE, participants = [$me, $to_user], drafters = [], last_actor_name = $me_name,
                created_at = $now, updated_at = $now, state_since = $now, draft_dirty = false,
                material_versions = 0, publications = [], step_target = $step_target;
             CREATE audit_event SET item = $id, seq = 1, at = $now, actor = $me,
                actor_name = $me_name, role = $role, action = $action, from_state = NONE, to_state = $state,
                note = $note, step = 1, spent = 0, target = $first_target;
             CREATE notification SET user = $to_user, item = $id, kind = $notice, title = $perihal,
                note = $note, actor_name = $me_name, at = $now, read = false;
             {fact}
             {form_stmt}
             COMMIT TRANSACTION;"
    );
    // Two dispositions at the same moment both bump the year's counter: the one that loses the
    // write conflict is tried again (nothing of it was written).
    let mut attempt = 0;
    loop {
        let result = db
            .query(query.clone())
            .bind(("notice", NoticeKind::Incoming.id()))
            .bind(("step_target", step_target))
            .bind(("first_target", first_target))
            .bind(("r_day", settings.zone().today(now).format("%Y-%m-%d").to_string()))
            .bind(("r_step", 1i64))
            .bind(("r_spent", 0i64))
            .bind(("r_target", first_target))
            .bind(("r_outcome", crate::server::reports::Outcome::Started.id()))
            .bind(("r_channels", None::<Vec<String>>))
            .bind(("r_kip", None::<String>))
            .bind(("id", id.clone()))
            .bind(("counter", format!("agenda_{year}")))
            .bind(("year", year))
            .bind(("perihal", d.perihal.clone()))
            .bind(("activity_date", d.activity_date.format("%Y-%m-%d").to_string()))
            .bind(("activity_place", d.activity_place.clone()))
            .bind(("urgency", d.urgency.id()))
            .bind(("confidential", d.confidential))
            .bind((
                "instructions",
                d.instructions.iter().map(|i| i.id().to_string()).collect::<Vec<_>>(),
            ))
            .bind(("note", d.note.clone()))
            .bind(("deadline", d.deadline.format("%Y-%m-%d").to_string()))
            .bind(("me", me.key.clone()))
            .bind(("me_name", me.name.clone()))
            .bind(("to_user", d.to_user.clone()))
            .bind(("state", state.id()))
            .bind(("role", Role::PpidPembantu.id()))
            .bind(("action", ActionKind::CreateDisposition.id()))
            .bind(("now", now))
            .bind(("form_key", d.form_key.clone().unwrap_or_default()))
            .await
            .and_then(db::failed_statement);
        match result {
            // The same form, submitted again while the first was on its way: its item stands.
            Err(e) if d.form_key.is_some() && (e.is_already_exists() || e.to_string().contains("already exists")) => {
                let key = d.form_key.as_deref().unwrap_or_default();
                return item_of_form(db, me, key)
                    .await?
                    .ok_or_else(|| AppError::invalid("form_key", Problem::FormKeyInvalid).into());
            }
            Err(e) if is_stale(&e) && attempt < CONFLICT_RETRIES => {
                attempt += 1;
                conflict_backoff(attempt).await;
            }
            other => {
                other?;
                break;
            }
        }
    }
    tracing::info!(item = %id, actor = %me.username, action = "create_disposition", "move");
    Ok(id)
}

/// The item a form submitted under `key` made, if it was this user's form. Another person's key
/// is refused: keys are not shared, and one that is was not made by this app for this person.
async fn item_of_form(db: &Db, me: &UserRow, key: &str) -> Result<Option<String>, ServerError> {
    #[derive(SurrealValue)]
    struct Made {
        item: String,
        user: String,
    }
    let mut res = db
        .query("SELECT item, user FROM type::record('disposition_form', $key)")
        .bind(("key", key.to_string()))
        .await?;
    match res.take::<Vec<Made>>(0)?.into_iter().next() {
        Some(m) if m.user == me.key => Ok(Some(m.item)),
        Some(_) => Err(AppError::invalid("form_key", Problem::FormKeyInvalid).into()),
        None => Ok(None),
    }
}

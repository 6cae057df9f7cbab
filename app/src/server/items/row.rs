//! The item as stored: its row, how it is read, and what the access rules and the clock need of it.

use super::*;
use crate::domain::access::{self, ItemAccess, Relation};
use crate::domain::settings::OfficeSettings;
use crate::domain::standard::{step_clock, StepClock};
use crate::domain::{ActorFacts, Channel, Draft, Instruction, KipCategory, State, Urgency};
use crate::error::AppError;
use crate::server::accounts::UserRow;
use crate::server::db::Db;
use crate::server::ServerError;
use crate::views::PublicationLink;
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue, Clone, Debug)]
pub(super) struct PublicationRow {
    pub(super) channel: String,
    pub(super) url: String,
    /// When and by whom the link was recorded (none before links were recorded one by one).
    pub(super) at: Option<DateTime<Utc>>,
    pub(super) by: Option<String>,
}

#[derive(SurrealValue, Clone, Debug)]
pub(super) struct ItemRow {
    pub(super) key: String,
    pub(super) agenda_year: i64,
    pub(super) agenda_seq: i64,
    pub(super) perihal: String,
    pub(super) activity_date: String,
    pub(super) activity_place: String,
    pub(super) urgency: String,
    pub(super) confidential: bool,
    pub(super) instructions: Vec<String>,
    pub(super) disposition_note: String,
    pub(super) deadline: String,
    pub(super) from_user: String,
    pub(super) to_user: String,
    pub(super) state: String,
    pub(super) version: i64,
    pub(super) assignee: Option<String>,
    pub(super) participants: Vec<String>,
    pub(super) drafters: Vec<String>,
    pub(super) last_actor_name: String,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
    pub(super) state_since: DateTime<Utc>,
    pub(super) opened_by: Option<String>,
    pub(super) opened_at: Option<DateTime<Utc>>,
    pub(super) draft: Option<serde_json::Value>,
    pub(super) draft_dirty: bool,
    /// How many material versions the item has recorded.
    pub(super) material_versions: i64,
    /// The draft's revision: one more with every save.
    pub(super) draft_rev: i64,
    pub(super) draft_saved_by: Option<String>,
    /// The draft rendered and sanitised when it was saved.
    pub(super) draft_html: Option<String>,
    pub(super) title: Option<String>,
    pub(super) publications: Vec<PublicationRow>,
    pub(super) step_target: Option<i64>,
    pub(super) dip_no: Option<String>,
}

impl ItemRow {
    pub(super) fn state(&self) -> Result<State, ServerError> {
        State::parse(&self.state).ok_or_else(|| ServerError::internal(format!("unknown state {}", self.state)))
    }
    pub(super) fn agenda_no(&self) -> String {
        agenda_no(self.agenda_year, self.agenda_seq)
    }
    pub(super) fn draft(&self) -> Result<Option<Draft>, ServerError> {
        self.draft
            .clone()
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| ServerError::internal(format!("item {}: stored draft unreadable: {e}", self.key)))
    }
    /// The working draft's body as HTML: rendered once at save; only a draft saved before that
    /// was kept is rendered here.
    pub(super) fn body_html(&self) -> Result<Option<String>, ServerError> {
        Ok(match &self.draft_html {
            Some(html) => Some(html.clone()),
            None => self.draft()?.map(|d| crate::server::markdown::render(&d.body)),
        })
    }
    pub(super) fn facts(&self, me: &UserRow) -> ActorFacts {
        ActorFacts {
            roles: me.role_set(),
            is_assignee: self.assignee.as_deref() == Some(me.key.as_str()),
            drafted_material: self.drafters.contains(&me.key),
            made_disposition: self.from_user == me.key,
        }
    }
    /// What `me` is to this item, for the access rules.
    pub(super) fn relation(&self, me: &UserRow) -> Relation {
        Relation {
            in_chain: self.participants.contains(&me.key),
            is_assignee: self.assignee.as_deref() == Some(me.key.as_str()),
        }
    }
    pub(super) fn visible_to(&self, me: &UserRow) -> bool {
        self.state().is_ok_and(|state| {
            access::may_see(
                me.role_set(),
                ItemAccess {
                    state,
                    confidential: self.confidential,
                },
                self.relation(me),
            )
        })
    }
    /// A stored value that is not what the schema allows: an internal error naming the item and
    /// the field (logged), never a silent default.
    fn unreadable(&self, field: &str, value: &str) -> ServerError {
        ServerError::internal(format!("item {}: unreadable {field} {value:?}", self.key))
    }
    pub(super) fn urgency(&self) -> Result<Urgency, ServerError> {
        Urgency::parse(&self.urgency).ok_or_else(|| self.unreadable("urgency", &self.urgency))
    }
    pub(super) fn instructions(&self) -> Result<Vec<Instruction>, ServerError> {
        self.instructions
            .iter()
            .map(|i| Instruction::parse(i).ok_or_else(|| self.unreadable("instruction", i)))
            .collect()
    }
    pub(super) fn publication_links(&self) -> Result<Vec<PublicationLink>, ServerError> {
        self.publications
            .iter()
            .map(|p| {
                Ok(PublicationLink {
                    channel: Channel::parse(&p.channel).ok_or_else(|| self.unreadable("channel", &p.channel))?,
                    url: p.url.clone(),
                    at: p.at,
                    by: p.by.clone(),
                })
            })
            .collect()
    }
    /// Every stored value a view reads, checked once: lists leave out (and log) a row that fails.
    pub(super) fn check(&self) -> Result<(), ServerError> {
        self.state()?;
        self.urgency()?;
        self.instructions()?;
        self.publication_links()?;
        self.draft()?;
        Ok(())
    }
    pub(super) fn serta_merta(&self) -> bool {
        self.draft()
            .ok()
            .flatten()
            .is_some_and(|d| d.kip_category == KipCategory::SertaMerta)
    }
    /// The target of the step the item waits at: the one it got when the step started, or
    /// (for items moved before targets were kept) the one in force now.
    pub(super) fn target_now(&self, state: State, settings: &OfficeSettings) -> Result<Option<i64>, ServerError> {
        let Some(step) = state.pending_step() else {
            return Ok(None);
        };
        Ok(match self.step_target {
            Some(t) => Some(t),
            None => settings.step_target(step, self.urgency()?, self.serta_merta()),
        })
    }
}

/// Who may see an item, from the fields a list query reads (see `domain::access::may_see`).
pub fn visible_to(state: State, confidential: bool, participants: &[String], me: &UserRow) -> bool {
    // A list row carries no assignee: the assigned staff member is always in `participants`.
    let rel = Relation {
        in_chain: participants.contains(&me.key),
        is_assignee: false,
    };
    access::may_see(me.role_set(), ItemAccess { state, confidential }, rel)
}

/// A random record key: 20 lowercase letters and digits, safe in URLs.
pub(super) fn new_id() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// "0001/DISP/2026": the disposition's agenda number, per year.
pub fn agenda_no(year: i64, seq: i64) -> String {
    format!("{seq:04}/DISP/{year}")
}

pub(super) const ITEM_FIELDS: &str = "*, record::id(id) AS key";

pub(super) async fn load(db: &Db, id: &str) -> Result<Option<ItemRow>, ServerError> {
    let mut res = db
        .query(format!("SELECT {ITEM_FIELDS} FROM type::record('item', $id)"))
        .bind(("id", id.to_string()))
        .await?;
    let row = res.take::<Vec<ItemRow>>(0)?.into_iter().next();
    if let Some(r) = &row {
        r.check()?;
    }
    Ok(row)
}

pub(super) async fn load_visible(db: &Db, me: &UserRow, id: &str) -> Result<ItemRow, ServerError> {
    // The reason is the role, whatever the item: said before looking it up, so it tells nothing.
    if !access::works_on_items(me.role_set()) {
        return Err(AppError::from_refusal(crate::domain::Refusal::NoWorkflowRole).into());
    }
    match load(db, id).await? {
        Some(row) if row.visible_to(me) => Ok(row),
        // Not telling a stranger that a confidential item exists.
        _ => Err(AppError::NotFound.into()),
    }
}

/// Past its batas waktu and still open.
pub(super) fn is_late(row: &ItemRow, state: State, today: chrono::NaiveDate) -> bool {
    !state.is_closed()
        && chrono::NaiveDate::parse_from_str(&row.deadline, "%Y-%m-%d").is_ok_and(|deadline| today > deadline)
}

/// The working-time clock of the step the item waits at, against its mutu baku.
pub(super) fn clock_of(row: &ItemRow, state: State, at: &AsOf) -> Result<Option<StepClock>, ServerError> {
    let Some(target) = row.target_now(state, &at.settings)? else {
        return Ok(None);
    };
    Ok(step_clock(
        state,
        row.state_since,
        at.now,
        &at.settings.calendar,
        target,
    ))
}

/// The rows a list can show: a row with an unreadable value is left out, with an error in the log.
pub(super) fn readable(rows: Vec<ItemRow>) -> Vec<ItemRow> {
    rows.into_iter()
        .filter(|r| match r.check() {
            Ok(()) => true,
            Err(e) => {
                tracing::error!(error = %e, "item left out of a list");
                false
            }
        })
        .collect()
}

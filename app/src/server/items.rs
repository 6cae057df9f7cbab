//! The workflow service: every move of an item, checked by the state machine and written
//! together with its audit event in one transaction, with optimistic concurrency.

use super::accounts::{self, UserRow};
use super::db::{self, Db};
use super::markdown;
use super::public;
use super::settings;
use super::ServerError;
use crate::domain::register::missing_for_verification;
use crate::domain::settings::OfficeSettings;
use crate::domain::standard::{kelengkapan_for, parse_checklist, step_clock, StepClock};
use crate::domain::{
    self, allowed_actions, decide, may_create, notice_for, parse_note, parse_publication_links, parse_reason,
    ActionKind, ActorFacts, Audience, Channel, Disposition, Draft, DraftForm, Instruction, KipCategory, NoticeKind,
    Role, State, Urgency,
};
use crate::error::AppError;
use crate::text;
use crate::views::{
    ChainSignoff, DispositionView, EventView, ItemDetail, ItemSummary, MoveInput, PersonOption, PublicationLink,
    Signoff, VersionView,
};
use chrono::{DateTime, Utc};
use surrealdb::types::{QueryError, SurrealValue};

#[derive(SurrealValue, Clone, Debug)]
struct PublicationRow {
    channel: String,
    url: String,
}

#[derive(SurrealValue, Clone, Debug)]
struct ItemRow {
    key: String,
    agenda_year: i64,
    agenda_seq: i64,
    perihal: String,
    activity_date: String,
    activity_place: String,
    urgency: String,
    confidential: bool,
    instructions: Vec<String>,
    disposition_note: String,
    deadline: String,
    from_user: String,
    to_user: String,
    state: String,
    version: i64,
    assignee: Option<String>,
    participants: Vec<String>,
    drafters: Vec<String>,
    last_actor_name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    state_since: DateTime<Utc>,
    opened_by: Option<String>,
    opened_at: Option<DateTime<Utc>>,
    draft: Option<String>,
    draft_dirty: bool,
    title: Option<String>,
    publications: Vec<PublicationRow>,
    step_target: Option<i64>,
    dip_no: Option<String>,
}

impl ItemRow {
    fn state(&self) -> Result<State, ServerError> {
        State::parse(&self.state).ok_or_else(|| ServerError::internal(format!("unknown state {}", self.state)))
    }
    fn agenda_no(&self) -> String {
        agenda_no(self.agenda_year, self.agenda_seq)
    }
    fn draft(&self) -> Result<Option<Draft>, ServerError> {
        self.draft
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| ServerError::internal(format!("stored draft unreadable: {e}")))
    }
    fn facts(&self, me: &UserRow) -> ActorFacts {
        ActorFacts {
            roles: me.role_set(),
            is_assignee: self.assignee.as_deref() == Some(me.key.as_str()),
            drafted_material: self.drafters.contains(&me.key),
        }
    }
    fn visible_to(&self, me: &UserRow) -> bool {
        self.state()
            .is_ok_and(|state| visible_to(state, self.confidential, &self.participants, me))
    }
    fn urgency(&self) -> Urgency {
        Urgency::parse(&self.urgency).unwrap_or(Urgency::Biasa)
    }
    fn serta_merta(&self) -> bool {
        self.draft()
            .ok()
            .flatten()
            .is_some_and(|d| d.kip_category == KipCategory::SertaMerta)
    }
    /// The target of the step the item waits at: the one it got when the step started, or
    /// (for items moved before targets were kept) the one in force now.
    fn target_now(&self, state: State, settings: &OfficeSettings) -> Option<i64> {
        let step = state.pending_step()?;
        self.step_target
            .or_else(|| settings.step_target(step, self.urgency(), self.serta_merta()))
    }
}

/// Who may see an item. Confidential ("rahasia") items are seen by the people in their chain
/// and by the desk that holds them now; the others by every workflow role. The administrator
/// sees counts, not items.
pub fn visible_to(state: State, confidential: bool, participants: &[String], me: &UserRow) -> bool {
    let roles = me.role_set();
    if !confidential {
        return roles.iter().any(|r| r != Role::Admin);
    }
    participants.contains(&me.key)
        || state
            .desk()
            .is_some_and(|desk| roles.has(desk) && !matches!(desk, Role::StafSekretariat))
}

/// A random record key: 20 lowercase letters and digits, safe in URLs.
fn new_id() -> String {
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

const ITEM_FIELDS: &str = "*, record::id(id) AS key";

async fn load(db: &Db, id: &str) -> Result<Option<ItemRow>, ServerError> {
    let mut res = db
        .query(format!("SELECT {ITEM_FIELDS} FROM type::record('item', $id)"))
        .bind(("id", id.to_string()))
        .await?;
    Ok(res.take::<Vec<ItemRow>>(0)?.into_iter().next())
}

async fn load_visible(db: &Db, me: &UserRow, id: &str) -> Result<ItemRow, ServerError> {
    match load(db, id).await? {
        Some(row) if row.visible_to(me) => Ok(row),
        // Not telling a stranger that a confidential item exists.
        _ => Err(AppError::NotFound.into()),
    }
}

fn is_stale(e: &surrealdb::Error) -> bool {
    (e.is_thrown() && e.message().contains("stale"))
        || e.query_details() == Some(&QueryError::TransactionConflict)
        || e.to_string().to_lowercase().contains("conflict")
        || e.to_string().contains("already contains")
}

/// How often a transaction that lost a write conflict on a shared record (a counter, a
/// report rollup) is tried again before the error is reported.
const CONFLICT_RETRIES: u64 = 30;

/// A short random pause before trying again, growing with the attempts, so that the
/// transactions that collided do not collide again.
async fn conflict_backoff(attempt: u64) {
    use rand::Rng;
    let ms = rand::thread_rng().gen_range(1..=(4 * attempt.min(10)));
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// Step 1: the PPID Pembantu issues a disposition. Returns the new item's id.
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
        return Err(AppError::invalid("to_user", text::recipient_not_sekretaris()).into());
    }
    let year = chrono::Datelike::year(&now) as i64;
    let state = State::AtSekretaris;
    let (step_rollup, started_rollup) = (super::reports::STEP_ROLLUP, super::reports::STARTED_ROLLUP);
    let id = new_id();
    let settings = settings::load(db).await?;
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
             {step_rollup}
             {started_rollup}
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
            .await
            .and_then(db::failed_statement);
        match result {
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

/// The result of a move: the item's new state and version.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub state: State,
    pub version: i64,
}

/// Steps 2 to 9 and the extensions. `expected_version` is the version the actor saw: if the
/// item has moved since, nothing changes and the actor is told who moved it.
pub async fn perform(
    db: &Db,
    me: &UserRow,
    id: &str,
    expected_version: i64,
    kind: ActionKind,
    input: &MoveInput,
    now: DateTime<Utc>,
) -> Result<Moved, ServerError> {
    if kind == ActionKind::CreateDisposition {
        return Err(AppError::from_refusal(domain::Refusal::NotInThisState).into());
    }
    let row = load_visible(db, me, id).await?;
    let state = row.state()?;
    if row.version != expected_version {
        return Err(conflict(&row)?);
    }
    let reason = if kind.needs_reason() {
        // Check the role before the reason so a stranger learns nothing from the message.
        domain::permits(state, row.facts(me), kind).map_err(AppError::from_refusal)?;
        Some(parse_reason(&input.reason)?)
    } else {
        None
    };
    let next = decide(state, row.facts(me), kind, reason.as_deref()).map_err(AppError::from_refusal)?;
    let note = match &reason {
        Some(r) => r.clone(),
        None => parse_note(&input.note)?,
    };
    let settings = settings::load(db).await?;
    let checklist = parse_checklist(&input.checklist, &kelengkapan_for(state, &settings.standards))?;

    // What this move writes besides the state, and which version of the material it records.
    let mut sets = String::new();
    let mut snapshot = false;
    let mut staff: Option<String> = None;
    let mut publications: Vec<PublicationRow> = Vec::new();
    let (mut dip_sets, mut public, mut info) = (false, false, None::<public::InfoRow>);
    match kind {
        ActionKind::AssignStaff => {
            let eligible = accounts::holders_of(db, Role::StafSekretariat).await?;
            let chosen = input.staff.trim();
            if !eligible.iter().any(|u| u.key == chosen) {
                return Err(AppError::invalid("staff", text::staff_not_eligible()).into());
            }
            staff = Some(chosen.to_string());
            sets.push_str(", assignee = $staff, participants = array::union(participants, [$staff])");
        }
        ActionKind::SubmitForCorrection => {
            if row.draft()?.is_none() {
                return Err(AppError::invalid("body", text::draft_missing()).into());
            }
            snapshot = true;
        }
        ActionKind::SendToVerification => snapshot = row.draft_dirty,
        ActionKind::Approve => {
            // The register must be complete before material is verified (UU 14/2008 DIP).
            let draft = row
                .draft()?
                .ok_or_else(|| ServerError::internal("approved without draft".into()))?;
            let missing = missing_for_verification(&draft.register, draft.kip_category);
            if let Some(first) = missing.first() {
                return Err(AppError::invalid(first, text::register_missing(&missing)).into());
            }
            // The DIP number, from a per-year counter in the same transaction: never reused.
            dip_sets = true;
            sets.push_str(", dip_year = $dip_year, dip_seq = $dip_seq, dip_no = $dip_no");
        }
        ActionKind::MarkPublished => {
            let draft = row
                .draft()?
                .ok_or_else(|| ServerError::internal("published without draft".into()))?;
            let links = parse_publication_links(&draft.channels, &input.links)?;
            publications = links
                .iter()
                .map(|(c, url)| PublicationRow {
                    channel: c.id().to_string(),
                    url: url.clone(),
                })
                .collect();
            sets.push_str(", publications = $publications");
            public = draft.kip_category != KipCategory::Dikecualikan;
            info = Some(info_row(&row, &draft, &links, now, &settings));
        }
        _ => {}
    }
    let (notice, notify) = match notice_for(kind, next) {
        Some((k, audience)) => (
            Some(k.id()),
            recipients(db, &row, audience, staff.as_deref(), me).await?,
        ),
        None => (None, vec![]),
    };
    // The mutu baku: the step this move ends (its working time against the target it started
    // with), and the target the next step gets now, which it keeps whatever changes later.
    let ended = state.pending_step().map(|step| {
        (
            step,
            settings.calendar.working_seconds(row.state_since, now),
            row.target_now(state, &settings),
        )
    });
    let next_target = next
        .pending_step()
        .and_then(|step| settings.step_target(step, row.urgency(), row.serta_merta()));
    if kind == ActionKind::MarkPublished {
        sets.push_str(", published_at = $now, kip_category = $kip");
    }
    if snapshot {
        sets.push_str(", draft_dirty = false, material_versions = material_versions + 1, drafters = array::union(drafters, [$me])");
    }
    let version_stmt = if snapshot {
        "CREATE material_version SET item = $id, number = $it[0].material_versions,
            author = $me, author_name = $me_name, role = $role, draft = $it[0].draft, created_at = $now;"
    } else {
        ""
    };
    let dip_stmt = if dip_sets {
        "LET $dip_seq = (UPSERT type::record('counter', $dip_counter) SET n = (n OR 0) + 1 RETURN VALUE n)[0];
         LET $dip_num = IF $dip_seq < 10 { '000' + <string>$dip_seq } ELSE IF $dip_seq < 100 { '00' + <string>$dip_seq }
            ELSE IF $dip_seq < 1000 { '0' + <string>$dip_seq } ELSE { <string>$dip_seq };
         LET $dip_no = string::replace(string::replace($dip_format, '{tahun}', <string>$dip_year), '{nomor}', $dip_num);"
    } else {
        ""
    };
    let publish_stmt = if info.is_some() { public::PUBLISH_STATEMENT } else { "" };
    // The report's daily rollups (a cancellation is no step's work).
    let rollup = match kind {
        ActionKind::Cancel => super::reports::CANCELLED_ROLLUP,
        ActionKind::MarkPublished => super::reports::PUBLISHED_ROLLUP,
        _ => "",
    };
    let step_rollup = if kind == ActionKind::Cancel {
        ""
    } else {
        super::reports::STEP_ROLLUP
    };
    let query = format!(
        "BEGIN TRANSACTION;
         {dip_stmt}
         LET $it = (UPDATE type::record('item', $id) SET state = $next, version = version + 1, updated_at = $now,
            state_since = $now, opened_by = NONE, opened_at = NONE, last_actor_name = $me_name,
            participants = array::union(participants, [$me]), step_target = $next_target{sets}
            WHERE version = $expected AND state = $from RETURN AFTER);
         IF array::len($it) = 0 {{ THROW 'stale' }};
         CREATE audit_event SET item = $id, seq = $expected + 1, at = $now, actor = $me, actor_name = $me_name,
            role = $role, action = $action, from_state = $from, to_state = $next, note = $note,
            checklist = $checklist, step = $step, spent = $spent, target = $target;
         {version_stmt}
         {publish_stmt}
         {step_rollup}
         {rollup}
         FOR $u IN $notify {{
            CREATE notification SET user = $u, item = $id, kind = $notice, title = $title, note = $note,
                actor_name = $me_name, at = $now, read = false;
         }};
         COMMIT TRANSACTION;"
    );
    let dip_year = i64::from(chrono::Datelike::year(&settings.zone().today(now)));
    let kip = row.draft()?.map(|d| d.kip_category.id().to_string());
    let mut attempt = 0;
    let result = loop {
        let result = db
            .query(query.clone())
            .bind(("id", id.to_string()))
            .bind(("next", next.id()))
            .bind(("from", state.id()))
            .bind(("expected", expected_version))
            .bind(("now", now))
            .bind(("me", me.key.clone()))
            .bind(("me_name", me.name.clone()))
            .bind(("role", kind.role().id()))
            .bind(("action", kind.id()))
            .bind(("note", note.clone()))
            .bind(("staff", staff.clone()))
            .bind(("publications", publications.clone()))
            .bind(("notify", notify.clone()))
            .bind(("checklist", checklist.clone()))
            .bind(("step", ended.map(|e| i64::from(e.0))))
            .bind(("spent", ended.map(|e| e.1)))
            .bind(("target", ended.and_then(|e| e.2)))
            .bind(("next_target", next_target))
            .bind(("kip", kip.clone()))
            .bind(("notice", notice))
            .bind(("dip_counter", format!("dip_{dip_year}")))
            .bind(("dip_year", dip_year))
            .bind(("dip_format", settings.dip_format.clone()))
            .bind(("public", public))
            .bind(("info", info.clone()))
            .bind(("r_day", settings.zone().today(now).format("%Y-%m-%d").to_string()))
            .bind(("r_step", ended.map(|e| i64::from(e.0))))
            .bind(("r_spent", ended.map(|e| e.1)))
            .bind(("r_target", ended.and_then(|e| e.2)))
            .bind((
                "r_channels",
                publications.iter().map(|p| p.channel.clone()).collect::<Vec<_>>(),
            ))
            .bind(("r_kip", kip.clone()))
            .bind(("title", row.title.clone().unwrap_or_else(|| row.perihal.clone())))
            .await
            .and_then(db::failed_statement);
        // A write conflict on a shared record (a counter, a report rollup) is retried while the
        // item itself is still as the actor saw it.
        if let Err(e) = &result {
            if is_stale(e) && attempt < CONFLICT_RETRIES {
                let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
                if fresh.version == expected_version && fresh.state == state.id() {
                    attempt += 1;
                    conflict_backoff(attempt).await;
                    continue;
                }
            }
        }
        break result;
    };
    match result {
        Ok(_) => {
            tracing::info!(item = %id, actor = %me.username, action = kind.id(), from = state.id(), to = next.id(), "move");
            Ok(Moved {
                state: next,
                version: expected_version + 1,
            })
        }
        Err(e) if is_stale(&e) => {
            let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
            tracing::info!(item = %id, actor = %me.username, action = kind.id(), "move lost a race");
            Err(conflict(&fresh)?)
        }
        Err(e) => Err(e.into()),
    }
}

/// The people a move's notification goes to (never the actor).
async fn recipients(
    db: &Db,
    row: &ItemRow,
    audience: Audience,
    new_assignee: Option<&str>,
    me: &UserRow,
) -> Result<Vec<String>, ServerError> {
    let mut keys: Vec<String> = match audience {
        Audience::Desk(role) => accounts::holders_of(db, role)
            .await?
            .into_iter()
            .map(|u| u.key)
            .collect(),
        Audience::Assignee => new_assignee
            .map(str::to_string)
            .or_else(|| row.assignee.clone())
            .into_iter()
            .collect(),
        Audience::Chain => row.participants.clone(),
    };
    keys.retain(|k| *k != me.key);
    keys.sort();
    keys.dedup();
    Ok(keys)
}

fn conflict(row: &ItemRow) -> Result<ServerError, ServerError> {
    let state = row.state()?;
    Ok(AppError::Conflict {
        message: text::conflict(&row.last_actor_name, state),
        state,
        version: row.version,
    }
    .into())
}

/// Who may edit the working draft in this state: the assigned staff member while drafting,
/// the Sekretaris while correcting.
fn may_edit_draft(row: &ItemRow, me: &UserRow) -> bool {
    let roles = me.role_set();
    match row.state() {
        Ok(State::Drafting) => roles.has(Role::StafSekretariat) && row.assignee.as_deref() == Some(me.key.as_str()),
        Ok(State::InCorrection | State::RevisionRequested) => roles.has(Role::Sekretaris),
        _ => false,
    }
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
            State::Drafting | State::InCorrection | State::RevisionRequested => {
                Err(AppError::Forbidden(text::FORBIDDEN.into()).into())
            }
            _ => Err(conflict(&row)?),
        };
    }
    let draft = form.parse(today)?;
    let json = serde_json::to_string(&draft).map_err(|e| ServerError::internal(e.to_string()))?;
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

#[derive(SurrealValue)]
struct EventRow {
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
struct VersionRow {
    number: i64,
    author_name: String,
    role: String,
    draft: String,
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

async fn versions(db: &Db, id: &str) -> Result<Vec<VersionView>, ServerError> {
    let mut res = db
        .query("SELECT * FROM material_version WHERE item = $id ORDER BY number")
        .bind(("id", id.to_string()))
        .await?;
    let rows: Vec<VersionRow> = res.take(0)?;
    rows.into_iter()
        .map(|v| {
            Ok(VersionView {
                number: v.number,
                author_name: v.author_name,
                role: Role::parse(&v.role).unwrap_or(Role::StafSekretariat),
                created_at: v.created_at,
                draft: serde_json::from_str(&v.draft).map_err(|e| ServerError::internal(e.to_string()))?,
            })
        })
        .collect()
}

fn signoff(u: Option<&UserRow>) -> Signoff {
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

/// Everything the item page shows. The first time the person at the current desk opens it is
/// kept as the read receipt of this step.
pub async fn detail(db: &Db, me: &UserRow, id: &str, at: &AsOf) -> Result<ItemDetail, ServerError> {
    let now = at.now;
    let mut row = load_visible(db, me, id).await?;
    let state = row.state()?;
    let at_my_desk = state.desk().is_some_and(|desk| {
        me.role_set().has(desk)
            && (!matches!(desk, Role::StafSekretariat) || row.assignee.as_deref() == Some(me.key.as_str()))
    });
    if at_my_desk && row.opened_at.is_none() {
        // Idempotent: a concurrent first opening that wins the race is just as good.
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
        row.opened_by = Some(me.name.clone());
        row.opened_at = Some(now);
    }
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
        dip_no: row.dip_no.clone(),
        chain,
        state,
        version: row.version,
        stamp: row.updated_at.timestamp_millis(),
        kelengkapan: kelengkapan_for(state, &at.settings.standards),
        clock: clock_of(&row, state, at),
        state_since: row.state_since,
        disposition: DispositionView {
            agenda_no: row.agenda_no(),
            created_at: row.created_at,
            from: signoff(from.as_ref()),
            to: signoff(to.as_ref()),
            perihal: row.perihal.clone(),
            activity_date: row.activity_date.clone(),
            activity_place: row.activity_place.clone(),
            urgency: Urgency::parse(&row.urgency)
                .map(|u| u.label())
                .unwrap_or("-")
                .to_string(),
            confidential: row.confidential,
            instructions: row
                .instructions
                .iter()
                .filter_map(|i| Instruction::parse(i).map(|i| i.label().to_string()))
                .collect(),
            note: row.disposition_note.clone(),
            deadline: row.deadline.clone(),
        },
        assignee,
        draft_html: draft.as_ref().map(|d| markdown::render(&d.body)),
        draft,
        versions: versions(db, id).await?,
        can_compare: roles.has(Role::Sekretaris) || roles.has(Role::Verifikator),
        can_edit_draft: may_edit_draft(&row, me),
        events,
        publications: row
            .publications
            .iter()
            .map(|p| PublicationLink {
                channel: Channel::parse(&p.channel).map(|c| c.label()).unwrap_or("-").to_string(),
                url: p.url.clone(),
            })
            .collect(),
        actions,
        staff_options,
        opened_by: row.opened_by.clone(),
        opened_at: row.opened_at,
        zone: at.zone(),
    })
}

/// The moment lists are computed for, with the office's settings: lateness depends on both.
#[derive(Clone, Debug)]
pub struct AsOf {
    pub now: DateTime<Utc>,
    pub settings: std::sync::Arc<OfficeSettings>,
}

impl AsOf {
    pub fn new(now: DateTime<Utc>, settings: OfficeSettings) -> AsOf {
        AsOf {
            now,
            settings: std::sync::Arc::new(settings),
        }
    }

    /// Now, with the settings in the database.
    pub async fn load(db: &Db, now: DateTime<Utc>) -> Result<AsOf, ServerError> {
        Ok(AsOf::new(now, settings::load(db).await?))
    }

    pub fn zone(&self) -> crate::domain::time::OfficeZone {
        self.settings.zone()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.zone().today(self.now)
    }
}

/// Past its batas waktu and still open.
fn is_late(row: &ItemRow, state: State, today: chrono::NaiveDate) -> bool {
    !state.is_closed()
        && chrono::NaiveDate::parse_from_str(&row.deadline, "%Y-%m-%d").is_ok_and(|deadline| today > deadline)
}

/// The working-time clock of the step the item waits at, against its mutu baku.
fn clock_of(row: &ItemRow, state: State, at: &AsOf) -> Option<StepClock> {
    let target = row.target_now(state, &at.settings)?;
    step_clock(state, row.state_since, at.now, &at.settings.calendar, target)
}

fn summary(row: &ItemRow, assignee_name: Option<String>, at: &AsOf) -> Option<ItemSummary> {
    let state = row.state().ok()?;
    Some(ItemSummary {
        late: is_late(row, state, at.today()),
        over_standard: clock_of(row, state, at).is_some_and(|c| c.late()),
        serta_merta: row.serta_merta(),
        id: row.key.clone(),
        agenda_no: row.agenda_no(),
        perihal: row.perihal.clone(),
        title: row.title.clone(),
        state,
        urgency: row.urgency.clone(),
        confidential: row.confidential,
        deadline: row.deadline.clone(),
        state_since: row.state_since,
        assignee_name,
    })
}

async fn summaries(db: &Db, rows: Vec<ItemRow>, at: &AsOf) -> Result<Vec<ItemSummary>, ServerError> {
    let users = accounts::list(db).await?;
    let name_of = |k: &Option<String>| {
        k.as_ref()
            .and_then(|k| users.iter().find(|u| &u.key == k))
            .map(|u| u.name.clone())
    };
    Ok(rows
        .iter()
        .filter_map(|r| summary(r, name_of(&r.assignee), at))
        .collect())
}

fn urgency_rank(u: &str) -> u8 {
    match Urgency::parse(u) {
        Some(Urgency::SangatSegera) => 0,
        Some(Urgency::Segera) => 1,
        _ => 2,
    }
}

/// "Tugas Saya": items waiting at my desk, most urgent and oldest first.
pub async fn my_tasks(db: &Db, me: &UserRow, at: &AsOf) -> Result<Vec<ItemSummary>, ServerError> {
    let roles = me.role_set();
    let desk_states: Vec<&str> = State::ALL
        .into_iter()
        .filter(|s| s.desk().is_some_and(|d| roles.has(d) && d != Role::StafSekretariat))
        .map(State::id)
        .collect();
    let staff_states: Vec<&str> = if roles.has(Role::StafSekretariat) {
        vec![State::Drafting.id(), State::Publishing.id()]
    } else {
        vec![]
    };
    let mut res = db
        .query(format!(
            "SELECT {ITEM_FIELDS} FROM item WHERE state IN $desk OR (state IN $staff AND assignee = $me)"
        ))
        .bind(("desk", desk_states))
        .bind(("staff", staff_states))
        .bind(("me", me.key.clone()))
        .await?;
    let mut rows: Vec<ItemRow> = res.take(0)?;
    // Verification of one's own material is not a task for oneself.
    rows.retain(|r| {
        r.visible_to(me) && !allowed_actions(r.state().unwrap_or(State::Cancelled), r.facts(me)).is_empty()
    });
    // "Serta merta" information is announced at once: it goes first on every desk.
    rows.sort_by_cached_key(|r| (!r.serta_merta(), urgency_rank(&r.urgency), r.state_since));
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
    let mut rows: Vec<ItemRow> = res.take(0)?;
    rows.retain(|r| r.visible_to(me));
    summaries(db, rows, at).await
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
    let open: Vec<&str> = State::ALL
        .into_iter()
        .filter(|s| !s.is_closed())
        .map(State::id)
        .collect();
    let mut res = db
        .query(format!(
            "SELECT {ITEM_FIELDS} FROM item WHERE state IN $open ORDER BY state_since"
        ))
        .bind(("open", open))
        .await?;
    let mut rows: Vec<ItemRow> = res.take(0)?;
    rows.retain(|r| r.visible_to(me));
    let users = accounts::list(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let name = r
                .assignee
                .as_ref()
                .and_then(|k| users.iter().find(|u| &u.key == k))
                .map(|u| u.name.clone());
            let mine = !allowed_actions(r.state().ok()?, r.facts(me)).is_empty();
            Some(OpenItem {
                summary: summary(&r, name, at)?,
                from_user: r.from_user.clone(),
                assignee: r.assignee.clone(),
                mine,
            })
        })
        .collect())
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

/// What the public will see of an item published now (see `server::public`).
fn info_row(
    row: &ItemRow,
    draft: &Draft,
    links: &[(Channel, String)],
    now: DateTime<Utc>,
    settings: &OfficeSettings,
) -> public::InfoRow {
    let r = &draft.register;
    public::InfoRow {
        key: row.key.clone(),
        dip_no: row.dip_no.clone().unwrap_or_default(),
        agenda_no: row.agenda_no(),
        title: draft.title.clone(),
        summary: draft.summary.clone(),
        body_html: markdown::render(&draft.body),
        unit: r.unit.clone(),
        responsible: r.responsible.clone(),
        made_date: draft.activity_date.format("%Y-%m-%d").to_string(),
        made_place: draft.activity_place.clone(),
        form: r.info_form().map(|f| f.label().to_string()).unwrap_or_default(),
        retention: r.retention.clone(),
        kip: draft.kip_category.id().to_string(),
        published_at: now,
        year: i64::from(chrono::Datelike::year(&settings.zone().today(now))),
        links: links
            .iter()
            .map(|(c, url)| public::LinkRow {
                channel: c.id().to_string(),
                url: url.clone(),
            })
            .collect(),
        search: public::search_terms(&format!(
            "{} {} {} {} {}",
            draft.title, draft.summary, draft.body, r.unit, draft.activity_name
        )),
    }
}

//! Steps 2 to 9 and the extensions ("Kembalikan untuk Perbaikan", "Batalkan Materi", …): one move,
//! checked by the state machine and written with its audit event in one transaction.

use super::*;
use crate::domain::access::{self};
use crate::domain::outbox::{first_state, post_slug};
use crate::domain::register::{check_approval, check_exemption};
use crate::domain::settings::OfficeSettings;
use crate::domain::standard::{kelengkapan_for, parse_checklist};
use crate::domain::Problem;
use crate::domain::{
    self, decide, notice_for, parse_move_reason, parse_note, parse_publication_links, ActionKind, Audience, Channel,
    Draft, KipCategory, NoticeKind, Role, State,
};
use crate::error::{AppError, Outdated};
use crate::server::accounts::{self, UserRow};
use crate::server::db::{self, Db};
use crate::server::markdown;
use crate::server::outbox;
use crate::server::public;
use crate::server::reports::Outcome;
use crate::server::settings;
use crate::server::ServerError;
use crate::views::MoveInput;
use chrono::{DateTime, Utc};

/// The result of a move: the item's new state and version.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub state: State,
    pub version: i64,
}

/// Steps 2 to 9 and the extensions. `expected_version` is the version the actor saw: if the
/// item has moved since, nothing changes and the actor is told who moved it.
///
/// Three parts: read what the move depends on, [`plan`] it (pure: every rule, nothing written),
/// then [`execute`] the plan as one transaction.
pub async fn perform(
    db: &Db,
    me: &UserRow,
    id: &str,
    expected_version: i64,
    kind: ActionKind,
    input: &MoveInput,
    now: DateTime<Utc>,
) -> Result<Moved, ServerError> {
    perform_at(db, me, id, expected_version, kind, input, None, now).await
}

/// "Jadwalkan tayang": the Sekretaris orders publication at `publish_at` (a time to come); the
/// channels the server publishes to wait until then.
pub async fn order_publication_at(
    db: &Db,
    me: &UserRow,
    id: &str,
    expected_version: i64,
    publish_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Moved, ServerError> {
    let input = MoveInput::default();
    perform_at(
        db,
        me,
        id,
        expected_version,
        ActionKind::OrderPublication,
        &input,
        Some(publish_at),
        now,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn perform_at(
    db: &Db,
    me: &UserRow,
    id: &str,
    expected_version: i64,
    kind: ActionKind,
    input: &MoveInput,
    publish_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Moved, ServerError> {
    if kind == ActionKind::CreateDisposition {
        return Err(AppError::from_refusal(domain::Refusal::NotInThisState).into());
    }
    let row = if kind == ActionKind::Cancel && access::cancels_any_disposition(me.role_set()) {
        // The administrator cancels by agenda number, also what they may not open.
        load(db, id).await?.ok_or(AppError::NotFound)?
    } else {
        load_visible(db, me, id).await?
    };
    if row.version != expected_version {
        return Err(conflict(&row)?);
    }
    let settings = settings::load(db).await?;
    let gathered = Gathered {
        eligible_staff: if kind == ActionKind::AssignStaff {
            accounts::holders_of(db, Role::StafSekretariat)
                .await?
                .into_iter()
                .map(|u| u.key)
                .collect()
        } else {
            vec![]
        },
        photos_without_alt: if kind == ActionKind::SendToVerification {
            super::media::photos_without_alt(db, id).await?
        } else {
            0
        },
        connected: if kind == ActionKind::OrderPublication {
            crate::server::connections::working(db).await?
        } else {
            vec![]
        },
        publish_at,
        media: if kind == ActionKind::MarkPublished {
            super::media::list(db, id).await?
        } else {
            vec![]
        },
    };
    let plan = plan(&row, me, kind, input, &settings, &gathered, now)?;
    let notify = match plan.notice {
        Some((_, audience)) => recipients(db, &row, audience, plan.staff.as_deref(), me).await?,
        None => vec![],
    };
    execute(db, &row, me, &plan, &notify).await
}

/// The step a move ends, for the mutu baku: its working time against the target it started with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct EndedStep {
    pub(super) step: u8,
    pub(super) spent: i64,
    pub(super) target: Option<i64>,
}

/// Everything one move writes, decided before anything is written.
#[derive(Clone, Debug)]
pub(super) struct MovePlan {
    pub(super) kind: ActionKind,
    /// The role the audit trail records the move in.
    pub(super) role: Role,
    pub(super) from: State,
    pub(super) next: State,
    pub(super) expected_version: i64,
    /// The draft revision the move was planned on: a save that lands first makes the move stale.
    pub(super) draft_rev: i64,
    pub(super) now: DateTime<Utc>,
    /// The reason of a return or cancellation, or the actor's note.
    pub(super) note: String,
    /// The kelengkapan the actor ticked.
    pub(super) checklist: Vec<String>,
    /// "Tugaskan Staf": the staff member assigned.
    pub(super) staff: Option<String>,
    /// Record the working draft as a new material version (sent on for correction or verification).
    pub(super) snapshot: bool,
    /// "Setujui": the DIP number's year and format; the number comes from the year's counter.
    pub(super) dip: Option<(i64, String)>,
    /// "Tandai Sudah Tayang": the link of every channel, with when and by whom it was recorded.
    pub(super) publications: Vec<PublicationRow>,
    /// "Tandai Sudah Tayang": what the public sees, when the information is public.
    pub(super) public_info: Option<public::InfoRow>,
    /// "Perintahkan Tayang": a publication task for every target channel (`server::outbox`).
    pub(super) tasks: Vec<outbox::NewTask>,
    /// "Tetapkan Dikecualikan": the draft as recorded, classified exempt with its consequence test.
    pub(super) exempt: Option<Draft>,
    /// Who is told, and what.
    pub(super) notice: Option<(NoticeKind, Audience)>,
    pub(super) ended: Option<EndedStep>,
    /// The target the next step gets now, which it keeps whatever changes later.
    pub(super) next_target: Option<i64>,
    /// The office's date of the move (report rollups, DIP year).
    pub(super) day: chrono::NaiveDate,
    pub(super) kip: Option<KipCategory>,
    pub(super) title: String,
}

/// Plans one move: the state machine's decision, the input checked, and what the move writes.
/// Pure: `eligible_staff` (for "Tugaskan Staf") is all it needs from the database besides the item.
/// What a move needs to know besides the item, read before it is planned.
pub(super) struct Gathered {
    /// Who may be assigned (step 4).
    pub(super) eligible_staff: Vec<String>,
    /// The photos on the material without their alt text (step 6 → 7 needs none).
    pub(super) photos_without_alt: usize,
    /// The channels the server publishes to now (step 8 gives each a task).
    pub(super) connected: Vec<Channel>,
    /// "Jadwalkan tayang": when the server publishes (now unless set).
    pub(super) publish_at: Option<DateTime<Utc>>,
    /// The material's photos and documents (step 9 publishes them with it).
    pub(super) media: Vec<super::media::MediaRecord>,
}

pub(super) fn plan(
    row: &ItemRow,
    me: &UserRow,
    kind: ActionKind,
    input: &MoveInput,
    settings: &OfficeSettings,
    gathered: &Gathered,
    now: DateTime<Utc>,
) -> Result<MovePlan, ServerError> {
    let state = row.state()?;
    let reason = if kind.needs_reason() {
        // Check the role before the reason so a stranger learns nothing from the message.
        domain::permits(state, row.facts(me), kind).map_err(AppError::from_refusal)?;
        Some(parse_move_reason(kind, &input.reason)?)
    } else {
        None
    };
    let next = decide(state, row.facts(me), kind, reason.as_deref()).map_err(AppError::from_refusal)?;
    // The actor acts on the material as they saw it, or not at all.
    if kind.acts_on_material() && input.draft_rev.is_some_and(|seen| seen != row.draft_rev) {
        return Err(AppError::Refused(Outdated::DraftChangedElsewhere).into());
    }
    let note = match reason {
        Some(r) => r,
        None => parse_note(&input.note)?,
    };
    let checklist = parse_checklist(&input.checklist, &kelengkapan_for(state, &settings.standards))?;
    let draft = row.draft()?;
    let urgency = row.urgency()?;
    let day = settings.zone().today(now);
    let mut plan = MovePlan {
        kind,
        role: domain::acting_role(row.facts(me), kind),
        from: state,
        next,
        expected_version: row.version,
        draft_rev: row.draft_rev,
        now,
        note,
        checklist,
        staff: None,
        snapshot: false,
        dip: None,
        publications: vec![],
        public_info: None,
        tasks: vec![],
        exempt: None,
        notice: notice_for(kind, next),
        // The mutu baku: the step this move ends, and the target the next step starts with.
        ended: match state.pending_step() {
            Some(step) => Some(EndedStep {
                step,
                spent: settings.calendar.working_seconds(row.state_since, now),
                target: row.target_now(state, settings)?,
            }),
            None => None,
        },
        next_target: next
            .pending_step()
            .and_then(|step| settings.step_target(step, urgency, row.serta_merta())),
        day,
        kip: draft.as_ref().map(|d| d.kip_category),
        title: row.title.clone().unwrap_or_else(|| row.perihal.clone()),
    };
    match kind {
        ActionKind::AssignStaff => {
            let chosen = input.staff.trim();
            if !gathered.eligible_staff.iter().any(|k| k == chosen) {
                return Err(AppError::invalid("staff", Problem::StaffNotEligible).into());
            }
            plan.staff = Some(chosen.to_string());
        }
        ActionKind::SubmitForCorrection => {
            if draft.is_none() {
                return Err(AppError::invalid("body", Problem::DraftMissing).into());
            }
            // Sent back unchanged after a return: the last version already holds this text.
            plan.snapshot = row.draft_dirty || row.material_versions == 0;
        }
        ActionKind::SendToVerification => {
            // What goes to verification is publishable: every photo described for screen readers.
            crate::domain::media::check_alt_texts(gathered.photos_without_alt)?;
            plan.snapshot = row.draft_dirty;
        }
        ActionKind::Approve => {
            // The register must be complete before material is verified (UU 14/2008 DIP), and
            // exempt information is never approved for publication.
            let draft = draft.ok_or_else(|| ServerError::internal("approved without draft".into()))?;
            check_approval(&draft.register, draft.kip_category)?;
            // The DIP number, from the office year's counter in the same transaction: never reused.
            plan.dip = Some((i64::from(chrono::Datelike::year(&day)), settings.dip_format.clone()));
        }
        ActionKind::ClassifyExempt => {
            // The Bidang's consequence test (the move's reason) is recorded in the register.
            let draft = draft.ok_or_else(|| ServerError::internal("classified without draft".into()))?;
            let register = check_exemption(&draft.register, &plan.note)?;
            plan.exempt = Some(Draft {
                kip_category: KipCategory::Dikecualikan,
                register,
                ..draft
            });
            plan.kip = Some(KipCategory::Dikecualikan);
        }
        ActionKind::OrderPublication => {
            let draft = draft.ok_or_else(|| ServerError::internal("ordered without draft".into()))?;
            if gathered.publish_at.is_some_and(|at| at <= now) {
                return Err(AppError::invalid("publish_at", Problem::ScheduleInvalid).into());
            }
            let slug = post_slug(&draft.title, &row.key);
            plan.tasks = draft
                .channels
                .iter()
                .map(|&c| outbox::NewTask {
                    key: outbox::task_key(&row.key, c),
                    item: row.key.clone(),
                    channel: c.id().to_string(),
                    state: first_state(c, gathered.connected.contains(&c), gathered.publish_at.is_some())
                        .id()
                        .to_string(),
                    due_at: gathered.publish_at.unwrap_or(now),
                    slug: slug.clone(),
                    ordered_by_name: me.name.clone(),
                    created_at: now,
                    updated_at: now,
                })
                .collect();
        }
        ActionKind::MarkPublished => {
            let draft = draft.ok_or_else(|| ServerError::internal("published without draft".into()))?;
            // The links recorded channel by channel, and any typed with the move (which win).
            let mut given: Vec<(String, String)> = row
                .publications
                .iter()
                .map(|p| (p.channel.clone(), p.url.clone()))
                .collect();
            for (c, url) in input.links.iter().filter(|(_, u)| !u.trim().is_empty()) {
                given.retain(|(x, _)| x != c);
                given.push((c.clone(), url.clone()));
            }
            let links = parse_publication_links(&draft.channels, &given)?;
            plan.publications = links
                .iter()
                .map(|(c, url)| {
                    let recorded = row.publications.iter().find(|p| p.channel == c.id() && p.url == *url);
                    PublicationRow {
                        channel: c.id().to_string(),
                        url: url.clone(),
                        at: recorded.and_then(|p| p.at).or(Some(now)),
                        by: recorded.and_then(|p| p.by.clone()).or_else(|| Some(me.name.clone())),
                    }
                })
                .collect();
            if access::is_public(next, draft.kip_category) {
                plan.public_info = Some(info_row(row, &draft, &links, &gathered.media, now, settings)?);
            }
        }
        _ => {}
    }
    Ok(plan)
}

/// The transaction of a plan: the item's update (guarded by the version the actor saw), its audit
/// event, the material version, the DIP number, the public entry, the report rollups and the
/// notifications, all or nothing.
fn transaction(plan: &MovePlan) -> String {
    let mut sets = String::new();
    if plan.staff.is_some() {
        sets.push_str(", assignee = $staff, participants = array::union(participants, [$staff])");
    }
    if plan.dip.is_some() {
        sets.push_str(", dip_year = $dip_year, dip_seq = $dip_seq, dip_no = $dip_no");
    }
    if plan.kind == ActionKind::MarkPublished {
        sets.push_str(", publications = $publications, published_at = $now, kip_category = $kip");
    }
    if plan.exempt.is_some() {
        sets.push_str(", draft = $exempt_draft, kip_category = $kip, exempt_at = $now");
    }
    if plan.snapshot {
        sets.push_str(", draft_dirty = false, material_versions = material_versions + 1, drafters = array::union(drafters, [$me])");
    }
    let version_stmt = if plan.snapshot {
        "CREATE material_version SET item = $id, number = $it[0].material_versions,
            author = $me, author_name = $me_name, role = $role, draft = $it[0].draft, created_at = $now;"
    } else {
        ""
    };
    let dip_stmt = if plan.dip.is_some() {
        "LET $dip_seq = (UPSERT type::record('counter', $dip_counter) SET n = (n OR 0) + 1 RETURN VALUE n)[0];
         LET $dip_num = IF $dip_seq < 10 { '000' + <string>$dip_seq } ELSE IF $dip_seq < 100 { '00' + <string>$dip_seq }
            ELSE IF $dip_seq < 1000 { '0' + <string>$dip_seq } ELSE { <string>$dip_seq };
         LET $dip_no = string::replace(string::replace($dip_format, '{tahun}', <string>$dip_year), '{nomor}', $dip_num);"
    } else {
        ""
    };
    // What the statements after the update read of it: the draft only for a material version.
    let returned = if plan.snapshot {
        "material_versions, draft"
    } else {
        "version"
    };
    let tasks_stmt = match plan.kind {
        _ if !plan.tasks.is_empty() => outbox::CREATE_TASKS,
        ActionKind::Cancel => outbox::CANCEL_TASKS,
        _ => "",
    };
    let publish_stmt = if plan.public_info.is_some() {
        public::PUBLISH_STATEMENT
    } else {
        ""
    };
    // The report's fact of this move: its own record, which no other move touches.
    let fact = crate::server::reports::FACT;
    format!(
        "BEGIN TRANSACTION;
         {dip_stmt}
         LET $it = (UPDATE type::record('item', $id) SET state = $next, version = version + 1, updated_at = $now,
            state_since = $now, opened_by = NONE, opened_at = NONE, last_actor_name = $me_name,
            participants = array::union(participants, [$me]), step_target = $next_target{sets}
            WHERE version = $expected AND state = $from AND draft_rev = $draft_rev RETURN {returned});
         IF array::len($it) = 0 {{ THROW 'warta:stale' }};
         CREATE audit_event SET item = $id, seq = $expected + 1, at = $now, actor = $me, actor_name = $me_name,
            role = $role, action = $action, from_state = $from, to_state = $next, note = $note,
            checklist = $checklist, step = $step, spent = $spent, target = $target;
         {version_stmt}
         {publish_stmt}
         {tasks_stmt}
         {fact}
         FOR $u IN $notify {{
            CREATE notification SET user = $u, item = $id, kind = $notice, title = $title, note = $note,
                actor_name = $me_name, at = $now, read = false;
         }};
         COMMIT TRANSACTION;"
    )
}

/// Writes a plan as one transaction. A write conflict on a shared record (a counter, a report
/// rollup) is retried while the item itself is still as the actor saw it; a lost race on the item
/// tells the actor who moved it.
pub(super) async fn execute(
    db: &Db,
    row: &ItemRow,
    me: &UserRow,
    plan: &MovePlan,
    notify: &[String],
) -> Result<Moved, ServerError> {
    let query = transaction(plan);
    let id = row.key.as_str();
    let ended = plan.ended;
    let kip = plan.kip.map(|k| k.id().to_string());
    let (dip_year, dip_format) = plan.dip.clone().unwrap_or_default();
    let exempt_draft = plan
        .exempt
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| ServerError::internal(e.to_string()))?;
    let mut attempt = 0;
    let result = loop {
        let result = db
            .query(query.clone())
            .bind(("id", id.to_string()))
            .bind(("next", plan.next.id()))
            .bind(("from", plan.from.id()))
            .bind(("expected", plan.expected_version))
            .bind(("draft_rev", plan.draft_rev))
            .bind(("now", plan.now))
            .bind(("me", me.key.clone()))
            .bind(("me_name", me.name.clone()))
            .bind(("role", plan.role.id()))
            .bind(("action", plan.kind.id()))
            .bind(("note", plan.note.clone()))
            .bind(("staff", plan.staff.clone()))
            .bind(("publications", plan.publications.clone()))
            .bind(("notify", notify.to_vec()))
            .bind(("checklist", plan.checklist.clone()))
            .bind(("step", ended.map(|e| i64::from(e.step))))
            .bind(("spent", ended.map(|e| e.spent)))
            .bind(("target", ended.and_then(|e| e.target)))
            .bind(("next_target", plan.next_target))
            .bind(("kip", kip.clone()))
            .bind(("notice", plan.notice.map(|(k, _)| k.id())))
            .bind(("dip_counter", format!("dip_{dip_year}")))
            .bind(("dip_year", dip_year))
            .bind(("dip_format", dip_format.clone()))
            .bind(("public", plan.public_info.is_some()))
            .bind(("info", plan.public_info.clone()))
            .bind(("r_day", plan.day.format("%Y-%m-%d").to_string()))
            // A cancellation is no step's work.
            .bind((
                "r_step",
                ended
                    .filter(|_| plan.kind != ActionKind::Cancel)
                    .map(|e| i64::from(e.step)),
            ))
            .bind(("r_outcome", outcome(plan.kind).map(Outcome::id)))
            .bind(("r_spent", ended.map(|e| e.spent)))
            .bind(("r_target", ended.and_then(|e| e.target)))
            .bind((
                "r_channels",
                (plan.kind == ActionKind::MarkPublished)
                    .then(|| plan.publications.iter().map(|p| p.channel.clone()).collect::<Vec<_>>()),
            ))
            .bind(("r_kip", kip.clone()))
            .bind(("title", plan.title.clone()))
            .bind(("exempt_draft", exempt_draft.clone()))
            .bind(("tasks", plan.tasks.clone()))
            .await
            .and_then(db::failed_statement);
        if let Err(e) = &result {
            if is_stale(e) && attempt < CONFLICT_RETRIES {
                let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
                if fresh.version == plan.expected_version
                    && fresh.state == plan.from.id()
                    && fresh.draft_rev == plan.draft_rev
                {
                    attempt += 1;
                    conflict_backoff(attempt).await;
                    continue;
                }
            }
        }
        break result;
    };
    let (action, from, to) = (plan.kind.id(), plan.from.id(), plan.next.id());
    match result {
        Ok(_) => {
            tracing::info!(item = %id, actor = %me.username, action, from, to, "move");
            Ok(Moved {
                state: plan.next,
                version: plan.expected_version + 1,
            })
        }
        Err(e) if is_stale(&e) => {
            let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
            tracing::info!(item = %id, actor = %me.username, action, "move lost a race");
            if fresh.version == plan.expected_version && fresh.draft_rev != plan.draft_rev {
                // A draft save landed between the read and the write: the planned text is gone.
                return Err(AppError::Refused(Outdated::DraftChangedElsewhere).into());
            }
            Err(conflict(&fresh)?)
        }
        Err(e) => Err(e.into()),
    }
}

/// How the report counts a move beyond its step: the ends of an item's life.
fn outcome(kind: ActionKind) -> Option<Outcome> {
    match kind {
        ActionKind::Cancel => Some(Outcome::Cancelled),
        ActionKind::ClassifyExempt => Some(Outcome::Exempt),
        ActionKind::MarkPublished => Some(Outcome::Published),
        _ => None,
    }
}

/// The people a move's notification goes to (never the actor).
pub(super) async fn recipients(
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

/// What the public will see of an item published now (see `server::public`).
pub(super) fn info_row(
    row: &ItemRow,
    draft: &Draft,
    links: &[(Channel, String)],
    media: &[super::media::MediaRecord],
    now: DateTime<Utc>,
    settings: &OfficeSettings,
) -> Result<public::InfoRow, ServerError> {
    let r = &draft.register;
    let media = media
        .iter()
        .map(|m| {
            Ok(public::MediaRow {
                id: m.key.clone(),
                photo: m.format()?.is_photo(),
                name: m.name.clone(),
                caption: m.caption.clone(),
                alt: m.alt.clone(),
            })
        })
        .collect::<Result<Vec<_>, ServerError>>()?;
    Ok(public::InfoRow {
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
        // Only what the public sees: a comment hidden in the body is not found.
        search: public::search_terms(&format!(
            "{} {} {} {} {}",
            draft.title,
            draft.summary,
            markdown::visible_text(&draft.body),
            r.unit,
            draft.activity_name
        )),
        media,
    })
}

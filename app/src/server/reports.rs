//! The data of a report: the steps completed in a period (from the audit trail, which records
//! each move's working time and target), the items started, published, cancelled and closed as exempt.

use super::db::Db;
use super::ServerError;
use crate::domain::report::{compute, Period, PersonDay, Report, ReportInput};
use crate::domain::settings::OfficeSettings;
use crate::domain::{Channel, KipCategory};
use chrono::{DateTime, Duration, TimeZone, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct StepDayRow {
    step: i64,
    spent: Vec<i64>,
    target: Vec<i64>,
}

#[derive(SurrealValue)]
struct PersonDayRow {
    actor: String,
    actor_name: String,
    moves: i64,
    on_time: i64,
    items: Vec<String>,
}

#[derive(SurrealValue)]
struct PubRow {
    channels: Vec<String>,
    kip: Option<String>,
}

#[derive(SurrealValue)]
struct DayTotalRow {
    started: i64,
    cancelled: i64,
    exempt: i64,
    pubs: Vec<PubRow>,
}

/// Rollup of a completed step, run in the move's transaction. Needs `$r_day` (office-local
/// date), `$r_step`, `$r_spent`, `$r_target` (NONE: not a step's work), `$me`, `$me_name`, `$id`.
pub const STEP_ROLLUP: &str = "IF $r_step != NONE AND $r_target != NONE {
    UPSERT type::record('step_day', [$r_day, $r_step]) SET day = $r_day, step = $r_step,
        spent = array::append(spent OR [], $r_spent), target = array::append(target OR [], $r_target);
    UPSERT type::record('person_day', [$r_day, $me]) SET day = $r_day, actor = $me, actor_name = $me_name,
        moves = (moves OR 0) + 1, on_time = (on_time OR 0) + (IF $r_spent <= $r_target { 1 } ELSE { 0 }),
        items = array::union(items OR [], [$id]);
};";
/// A disposition created on `$r_day`.
pub const STARTED_ROLLUP: &str =
    "UPSERT type::record('day_total', $r_day) SET day = $r_day, started = (started OR 0) + 1;";
/// An item cancelled on `$r_day`.
pub const CANCELLED_ROLLUP: &str =
    "UPSERT type::record('day_total', $r_day) SET day = $r_day, cancelled = (cancelled OR 0) + 1;";
/// An item closed as exempt information on `$r_day`.
pub const EXEMPT_ROLLUP: &str =
    "UPSERT type::record('day_total', $r_day) SET day = $r_day, exempt = (exempt OR 0) + 1;";
/// An item published on `$r_day` with channels `$r_channels` and KIP category `$r_kip`.
pub const PUBLISHED_ROLLUP: &str = "UPSERT type::record('day_total', $r_day) SET day = $r_day,
    pubs = array::append(pubs OR [], { channels: $r_channels, kip: $r_kip });";

/// The UTC moments a period of local days covers: [first midnight, midnight after the last).
pub fn bounds(period: Period, settings: &OfficeSettings) -> (DateTime<Utc>, DateTime<Utc>) {
    let offset = settings.zone().offset();
    let midnight = |d: chrono::NaiveDate| {
        offset
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    };
    (midnight(period.from), midnight(period.to) + Duration::days(1))
}

pub async fn report(db: &Db, period: Period) -> Result<Report, ServerError> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut res = db
        .query(
            "SELECT step, spent, target FROM step_day WHERE day >= $from AND day <= $to;
             SELECT actor, actor_name, moves, on_time, items FROM person_day WHERE day >= $from AND day <= $to;
             SELECT started, cancelled, exempt, pubs FROM day_total WHERE day >= $from AND day <= $to;",
        )
        .bind(("from", day(period.from)))
        .bind(("to", day(period.to)))
        .await?;
    let steps: Vec<StepDayRow> = res.take(0)?;
    let people: Vec<PersonDayRow> = res.take(1)?;
    let totals: Vec<DayTotalRow> = res.take(2)?;
    let input = ReportInput {
        started: totals.iter().map(|t| t.started).sum::<i64>() as u32,
        cancelled: totals.iter().map(|t| t.cancelled).sum::<i64>() as u32,
        exempt: totals.iter().map(|t| t.exempt).sum::<i64>() as u32,
        steps: steps
            .iter()
            .flat_map(|s| {
                let step = s.step.clamp(0, 255) as u8;
                s.spent
                    .iter()
                    .zip(&s.target)
                    .map(move |(spent, target)| (step, *spent, *target))
            })
            .collect(),
        people: people
            .into_iter()
            .map(|p| PersonDay {
                actor: p.actor,
                actor_name: p.actor_name,
                moves: p.moves as u32,
                on_time: p.on_time as u32,
                items: p.items,
            })
            .collect(),
        published: totals
            .iter()
            .flat_map(|t| &t.pubs)
            .map(|p| {
                (
                    p.channels.iter().filter_map(|c| Channel::parse(c)).collect(),
                    p.kip.as_deref().and_then(KipCategory::parse),
                )
            })
            .collect(),
    };
    Ok(compute(period, &input))
}

/// Reports are for the chain above the staff and the administrator.
pub fn authorized(me: &super::accounts::UserRow) -> Result<(), ServerError> {
    if crate::domain::access::may_read_reports(me.role_set()) {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden(None).into())
    }
}

/// The period asked for; both empty: this year.
pub fn period(from: &str, to: &str, today: chrono::NaiveDate) -> Result<Period, ServerError> {
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok(Period::year_of(today));
    }
    Ok(Period::parse(from, to)?)
}

//! The data of a report: the steps completed in a period (from the audit trail, which records
//! each move's working time and target), the items started, published and cancelled.

use super::db::Db;
use super::ServerError;
use crate::domain::report::{compute, Period, Report, ReportInput, StepSample};
use crate::domain::settings::OfficeSettings;
use crate::domain::{Channel, KipCategory};
use chrono::{DateTime, Duration, TimeZone, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct SampleRow {
    item: String,
    step: i64,
    actor: String,
    actor_name: String,
    spent: i64,
    target: i64,
}

#[derive(SurrealValue)]
struct PublishedRow {
    channels: Vec<String>,
    kip_category: Option<String>,
}

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

pub async fn report(db: &Db, period: Period, settings: &OfficeSettings) -> Result<Report, ServerError> {
    let (from, to) = bounds(period, settings);
    let mut res = db
        .query(
            "SELECT item, step, actor, actor_name, spent, target FROM audit_event
                WHERE at >= $from AND at < $to AND step != NONE AND spent != NONE AND target != NONE
                AND action != 'cancel';
             SELECT VALUE count() FROM item WHERE created_at >= $from AND created_at < $to GROUP ALL;
             SELECT VALUE count() FROM audit_event WHERE at >= $from AND at < $to AND action = 'cancel' GROUP ALL;
             SELECT publications.channel AS channels, kip_category FROM item
                WHERE published_at >= $from AND published_at < $to;",
        )
        .bind(("from", from))
        .bind(("to", to))
        .await?;
    let samples: Vec<SampleRow> = res.take(0)?;
    let started: Vec<i64> = res.take(1)?;
    let cancelled: Vec<i64> = res.take(2)?;
    let published: Vec<PublishedRow> = res.take(3)?;
    let input = ReportInput {
        started: started.first().copied().unwrap_or(0) as u32,
        cancelled: cancelled.first().copied().unwrap_or(0) as u32,
        samples: samples
            .into_iter()
            .map(|r| StepSample {
                item: r.item,
                step: r.step.clamp(0, 255) as u8,
                actor: r.actor,
                actor_name: r.actor_name,
                spent: r.spent,
                target: r.target,
            })
            .collect(),
        published: published
            .into_iter()
            .map(|p| {
                (
                    p.channels.iter().filter_map(|c| Channel::parse(c)).collect(),
                    p.kip_category.as_deref().and_then(KipCategory::parse),
                )
            })
            .collect(),
    };
    Ok(compute(period, &input))
}

/// Reports are for the chain above the staff and the administrator.
pub fn authorized(me: &super::accounts::UserRow) -> Result<(), ServerError> {
    if crate::domain::report::may_read_reports(me.role_set()) {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden(crate::text::FORBIDDEN.into()).into())
    }
}

/// The period asked for; both empty: this year.
pub fn period(from: &str, to: &str, today: chrono::NaiveDate) -> Result<Period, ServerError> {
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok(Period::year_of(today));
    }
    Ok(Period::parse(from, to)?)
}

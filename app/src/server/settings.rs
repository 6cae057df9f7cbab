//! The office's settings in the database: one record, `setting:office`, holding
//! `domain::settings::OfficeSettings` as JSON, with a version for optimistic concurrency. Every
//! saved version is kept in `setting_change` (who, when, what), in the same transaction.

use super::accounts::UserRow;
use super::db::{self, Db};
use super::ServerError;
use crate::domain::settings::OfficeSettings;
use crate::domain::time::OfficeZone;
use crate::error::AppError;
use crate::error::Outdated;
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct SettingRow {
    data: serde_json::Value,
    version: i64,
}

/// The settings in force and their version (0: never saved, the defaults apply).
pub async fn load_versioned(db: &Db) -> Result<(OfficeSettings, i64), ServerError> {
    let row: Option<SettingRow> = db
        .query("SELECT data, version FROM ONLY setting:office")
        .await?
        .take(0)?;
    match row {
        Some(r) => {
            let s = serde_json::from_value(r.data)
                .map_err(|e| ServerError::internal(format!("stored settings unreadable: {e}")))?;
            Ok((s, r.version))
        }
        None => Ok((OfficeSettings::defaults(OfficeZone::Wib), 0)),
    }
}

/// The settings in force, from memory while nobody changed them (`server::cache`).
pub async fn load(db: &Db) -> Result<OfficeSettings, ServerError> {
    super::cache::read(db, "setting", "office", || async { Ok(load_versioned(db).await?.0) }).await
}

/// On a new database, the defaults in the zone the server was configured with (`WARTA_ZONE`).
/// Settings already saved are left alone.
pub async fn seed(db: &Db, zone: OfficeZone) -> Result<(), ServerError> {
    let data = serde_json::to_value(OfficeSettings::defaults(zone))
        .map_err(|e| ServerError::internal(format!("settings: {e}")))?;
    // INSERT IGNORE: two servers starting together both succeed, one record results.
    db.query(
        "INSERT IGNORE INTO setting { id: setting:office, data: $data, version: 1, updated_at: time::now(),
            updated_by: 'sistem' }",
    )
    .bind(("data", data))
    .await
    .and_then(db::failed_statement)?;
    super::cache::changed(db, "setting");
    Ok(())
}

/// Saves new settings if nobody saved since `expected_version`; returns the new version.
/// The settings form saved by the administrator, read against the current settings (the
/// holidays kept): from the page's script and from its plain form alike.
pub async fn save_form(
    db: &Db,
    me: &UserRow,
    form: &crate::domain::settings::SettingsForm,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    may_change(me)?;
    let (current, _) = load_versioned(db).await?;
    let next = form.parse(&current)?;
    save(db, me, &next, expected_version, now).await
}

/// The holidays and collective leave of one year, replaced by the administrator.
pub async fn save_holidays(
    db: &Db,
    me: &UserRow,
    year: i32,
    lines: &str,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    may_change(me)?;
    if !(2000..=2100).contains(&year) {
        return Err(AppError::invalid("holidays", crate::domain::Problem::HolidayWrongYear { line: 1, year }).into());
    }
    let (current, _) = load_versioned(db).await?;
    let next = current.with_holidays(year, lines)?;
    save(db, me, &next, expected_version, now).await
}

fn may_change(me: &UserRow) -> Result<(), ServerError> {
    if crate::domain::access::may_change_settings(me.role_set()) {
        Ok(())
    } else {
        Err(AppError::Forbidden(None).into())
    }
}

pub async fn save(
    db: &Db,
    me: &UserRow,
    settings: &OfficeSettings,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServerError> {
    let data = serde_json::to_value(settings).map_err(|e| ServerError::internal(format!("settings: {e}")))?;
    let result = db
        .query(
            "BEGIN TRANSACTION;
             LET $cur = (SELECT VALUE version FROM ONLY setting:office) OR 0;
             IF $cur != $expected { THROW 'warta:stale' };
             UPSERT setting:office SET data = $data, version = $expected + 1, updated_at = $now, updated_by = $me;
             CREATE setting_change SET version = $expected + 1, at = $now, actor = $me, actor_name = $me_name,
                data = $data;
             COMMIT TRANSACTION;",
        )
        .bind(("expected", expected_version))
        .bind(("data", data))
        .bind(("now", now))
        .bind(("me", me.key.clone()))
        .bind(("me_name", me.name.clone()))
        .await
        .and_then(db::failed_statement);
    match result {
        Ok(_) => {
            super::cache::changed(db, "setting");
            tracing::info!(actor = %me.username, version = expected_version + 1, "settings saved");
            Ok(expected_version + 1)
        }
        Err(e) if db::fault(&e).is_race() => Err(AppError::Refused(Outdated::SettingsChangedElsewhere).into()),
        Err(e) => Err(e.into()),
    }
}

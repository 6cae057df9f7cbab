//! The single writer of the report's daily folds: moves only create their facts (`move_fact`),
//! so that two moves never touch the same record unless they move the same item; this task folds
//! the facts into `day_fold` records, in batches, and once a day is over, merges that day's folds
//! into one. Several app servers on one database each run it: a fold takes its facts by deleting
//! them in its own transaction, so two folders racing for the same facts cannot both count them
//! (one loses the transaction and tries again later).

use super::db::{self, Db};
use super::reports::{fold_by_day, Fact, Fold};
use super::ServerError;
use std::collections::BTreeSet;
use std::time::Duration;
use surrealdb::types::{RecordId, SurrealValue};

/// The most facts one fold takes.
pub const BATCH: usize = 1_000;

#[derive(SurrealValue)]
struct Keyed {
    id: RecordId,
}

/// Folds up to `limit` facts into one `day_fold` per day they belong to. Returns the days folded
/// and how many facts.
pub async fn fold_once(db: &Db, limit: usize) -> Result<(BTreeSet<String>, usize), ServerError> {
    let mut res = db
        .query(
            "SELECT id, day, item, actor, actor_name, step, spent, target, outcome, channels, kip FROM move_fact
             LIMIT $n",
        )
        .bind(("n", limit as i64))
        .await?;
    let facts: Vec<Fact> = res.take(0)?;
    if facts.is_empty() {
        return Ok((BTreeSet::new(), 0));
    }
    let folds: Vec<Fold> = fold_by_day(&facts).into_values().collect();
    let days = folds.iter().map(|f| f.day.clone()).collect();
    let n = facts.len();
    replace(db, "move_fact", facts.into_iter().map(|f| f.id).collect(), folds).await?;
    Ok((days, n))
}

/// Merges the folds of each of `days` that is over (before `today`, the office's date) into
/// one record per day. Returns how many days were merged.
pub async fn compact(db: &Db, days: &BTreeSet<String>, today: &str) -> Result<usize, ServerError> {
    let mut merged = 0;
    for day in days.iter().filter(|d| d.as_str() < today) {
        let mut res = db
            // One snapshot: the records deleted are exactly the ones merged.
            .query(
                "BEGIN TRANSACTION;
                 SELECT id FROM day_fold WHERE day = $day;
                 SELECT day, steps, people, started, cancelled, exempt, pubs FROM day_fold WHERE day = $day;
                 COMMIT TRANSACTION;",
            )
            .bind(("day", day.clone()))
            .await?;
        // Statement 0 is BEGIN.
        let ids: Vec<Keyed> = res.take(1)?;
        let folds: Vec<Fold> = res.take(2)?;
        if folds.len() < 2 || ids.len() != folds.len() {
            continue;
        }
        let mut one = Fold {
            day: day.clone(),
            ..Default::default()
        };
        for f in &folds {
            one.merge(f);
        }
        replace(db, "day_fold", ids.into_iter().map(|k| k.id).collect(), vec![one]).await?;
        merged += 1;
    }
    Ok(merged)
}

/// The days that have more than one fold and are over: what a server finds to merge when it
/// starts (afterwards it merges the days it folded itself).
pub async fn unmerged_days(db: &Db, today: &str) -> Result<BTreeSet<String>, ServerError> {
    #[derive(SurrealValue)]
    struct Count {
        day: String,
        n: i64,
    }
    let mut res = db
        .query("SELECT day, count() AS n FROM day_fold WHERE day < $today GROUP BY day")
        .bind(("today", today.to_string()))
        .await?;
    let counts: Vec<Count> = res.take(0)?;
    Ok(counts.into_iter().filter(|c| c.n > 1).map(|c| c.day).collect())
}

/// Deletes exactly `gone` and creates `folds`, in one transaction: if any of `gone` is already
/// deleted (another folder took it), nothing is written.
async fn replace(db: &Db, table: &str, gone: Vec<RecordId>, folds: Vec<Fold>) -> Result<(), ServerError> {
    let n = gone.len() as i64;
    db.query(format!(
        "BEGIN TRANSACTION;
         LET $gone = (DELETE $ids RETURN BEFORE);
         IF array::len($gone) != $n {{ THROW '{stale}' }};
         FOR $f IN $folds {{ CREATE day_fold CONTENT $f; }};
         COMMIT TRANSACTION;",
        stale = db::STALE
    ))
    .bind(("ids", gone))
    .bind(("n", n))
    .bind(("folds", folds))
    .await
    .and_then(db::failed_statement)
    .map_err(|e| {
        if db::fault(&e).is_race() {
            ServerError::internal(format!("{table}: another folder was first"))
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// Runs the folder of this server: folds what moves left, at once while there is more than one
/// batch, else every `every`; merges the days that are over.
pub fn spawn(db: Db, every: Duration) {
    tokio::spawn(async move {
        let mut days = BTreeSet::new();
        let mut merged_on = String::new();
        loop {
            if db::storage_failed() {
                tokio::time::sleep(every).await;
                continue;
            }
            match fold_once(&db, BATCH).await {
                Ok((folded, n)) => {
                    days.extend(folded);
                    if n == BATCH {
                        continue;
                    }
                }
                Err(e) => tracing::debug!(error = %e, "facts not folded this time"),
            }
            let today = match super::settings::load(&db).await {
                Ok(s) => s.zone().today(super::clock::now()).format("%Y-%m-%d").to_string(),
                Err(_) => String::new(),
            };
            if !today.is_empty() && merged_on != today {
                // Once a day (and at start): what earlier runs or other servers left unmerged.
                if let Ok(found) = unmerged_days(&db, &today).await {
                    days.extend(found);
                    merged_on = today.clone();
                }
            }
            if !today.is_empty() && days.iter().any(|d| d.as_str() < today.as_str()) {
                match compact(&db, &days, &today).await {
                    Ok(_) => days.retain(|d| d.as_str() >= today.as_str()),
                    Err(e) => tracing::debug!(error = %e, "days not merged this time"),
                }
            }
            tokio::time::sleep(every).await;
        }
    });
}

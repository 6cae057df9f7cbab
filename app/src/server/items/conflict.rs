//! Optimistic concurrency: recognising a lost race, retrying a shared counter, telling who won.

use super::*;
use crate::error::AppError;
use crate::server::ServerError;

/// Did this write lose a race: the item changed since it was read, the engine's transaction
/// lost, or another move took the same sequence number? (See `db::fault`.)
pub(super) fn is_stale(e: &surrealdb::Error) -> bool {
    crate::server::db::fault(e).is_race()
}

/// How often a transaction that lost a write conflict on a shared record (a year's counter) is
/// tried again before the error is reported.
pub(super) const CONFLICT_RETRIES: u64 = 30;

/// How many transactions of this process were tried again after losing a write conflict while
/// their item had not changed: what moves on different items cost each other (the load
/// benchmark prints it; a test holds it at zero for moves that share no counter).
static RETRIED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub fn retried_so_far() -> u64 {
    RETRIED.load(std::sync::atomic::Ordering::Relaxed)
}

/// A short random pause before trying again, growing with the attempts, so that the
/// transactions that collided do not collide again.
pub(super) async fn conflict_backoff(attempt: u64) {
    use rand::Rng;
    RETRIED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let ms = rand::thread_rng().gen_range(1..=(4 * attempt.min(10)));
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

pub(super) fn conflict(row: &ItemRow) -> Result<ServerError, ServerError> {
    let state = row.state()?;
    Ok(AppError::Conflict {
        by: row.last_actor_name.clone(),
        state,
        version: row.version,
    }
    .into())
}

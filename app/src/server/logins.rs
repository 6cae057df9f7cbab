//! Failed logins: recorded per account name and client address, counted within the window, and
//! turned into a wait or a lock by `domain::login`. Kept in the database, so that several app
//! servers on one database throttle as one.

use super::db::Db;
use super::ServerError;
use crate::domain::login::{gate, Gate, LOCK_AFTER, WINDOW_MINUTES};
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct Counted {
    account: Vec<DateTime<Utc>>,
    address: Vec<DateTime<Utc>>,
    locked: bool,
}

/// Refuses (429) a login attempt that must wait, or one on a locked account.
pub async fn check(db: &Db, username: &str, addr: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    let mut res = db
        .query(
            "RETURN {
                account: (SELECT VALUE at FROM login_failure WHERE username = $u AND at > $since),
                address: (SELECT VALUE at FROM login_failure WHERE addr = $a AND at > $since),
                locked: (SELECT VALUE locked FROM user WHERE username = $u)[0] OR false,
            }",
        )
        .bind(("u", username.to_string()))
        .bind(("a", addr.to_string()))
        .bind(("since", now - Duration::minutes(WINDOW_MINUTES)))
        .await?;
    let counted: Option<Counted> = res.take(0)?;
    let counted = counted.ok_or_else(|| ServerError::internal("login failures not counted".into()))?;
    match gate(&counted.account, &counted.address, counted.locked, now) {
        Gate::Open => Ok(()),
        Gate::Wait(seconds) => Err(AppError::TooManyAttempts { wait_seconds: seconds }.into()),
        Gate::Locked => Err(AppError::AccountLocked.into()),
    }
}

/// Records a failed attempt; the one that reaches [`LOCK_AFTER`] locks the account (if it exists).
pub async fn failed(db: &Db, username: &str, addr: &str, now: DateTime<Utc>) -> Result<(), ServerError> {
    let mut res = db
        .query(
            "CREATE login_failure SET username = $u, addr = $a, at = $now;
             LET $n = count(SELECT id FROM login_failure WHERE username = $u AND at > $since);
             IF $n >= $lock { UPDATE user SET locked = true WHERE username = $u };
             RETURN $n >= $lock;",
        )
        .bind(("u", username.to_string()))
        .bind(("a", addr.to_string()))
        .bind(("now", now))
        .bind(("since", now - Duration::minutes(WINDOW_MINUTES)))
        .bind(("lock", LOCK_AFTER as i64))
        .await?;
    // `locked` is read fresh by every attempt and kept in no cache: nothing cached to drop.
    let locked: Option<bool> = res.take(3)?;
    if locked == Some(true) {
        tracing::warn!(user = ?username, addr, "account locked after repeated failed logins");
    }
    Ok(())
}

/// A successful login forgets the account's failures.
pub async fn succeeded(db: &Db, username: &str) -> Result<(), ServerError> {
    db.query("DELETE login_failure WHERE username = $u")
        .bind(("u", username.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// The Administrator lifts an account's lock (with a new password): its failures are forgotten.
pub async fn unlock(db: &Db, username: &str) -> Result<(), ServerError> {
    db.query("UPDATE user SET locked = false WHERE username = $u; DELETE login_failure WHERE username = $u;")
        .bind(("u", username.to_string()))
        .await?
        .check()?;
    Ok(())
}

/// How long a refused attempt is held before its answer, and how many are held at once.
const TARPIT: std::time::Duration = std::time::Duration::from_secs(1);
const TARPIT_HELD: usize = 256;

/// Holds the answer to an attempt that must wait: a client that tries again as soon as it is
/// answered (a flood) then sends one attempt a second instead of thousands, and the server stays
/// free for everyone else. Waiting costs no CPU; beyond [`TARPIT_HELD`] answers held at once, the
/// rest are answered at once (a flood from many connections cannot pile up sockets).
async fn tarpit() {
    static HELD: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(TARPIT_HELD);
    if let Ok(_held) = HELD.try_acquire() {
        tokio::time::sleep(TARPIT).await;
    }
}

/// The client's address for throttling: the peer's, or the last address a proxy on loopback
/// added to `X-Forwarded-For` (nobody else may claim to be a proxy).
pub fn client_address(peer: Option<std::net::IpAddr>, forwarded_for: Option<&str>) -> String {
    let client = forwarded_for
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .filter(|c| !c.is_empty());
    match (peer, client) {
        (Some(ip), Some(client)) if ip.is_loopback() => client.to_string(),
        (Some(ip), _) => ip.to_string(),
        (None, _) => "tidak-diketahui".into(),
    }
}

/// Signs in, whichever way the form came (a server function call, or a plain form post before
/// the script loaded): the throttle first, then the password; a failure is counted, a success
/// clears the count; the session gets a new id (one planted before login is worthless) holding
/// the user.
pub async fn sign_in(
    db: &Db,
    session: &tower_sessions::Session,
    username: &str,
    password: &str,
    addr: &str,
    now: DateTime<Utc>,
) -> Result<super::accounts::UserRow, ServerError> {
    let name = username.trim().to_lowercase();
    if let Err(e) = check(db, &name, addr, now).await {
        tracing::info!(user = ?name, addr, "login attempt throttled");
        tarpit().await;
        return Err(e);
    }
    let me = match super::accounts::verify_login(db, username, password).await {
        Ok(me) => me,
        Err(e) => {
            tracing::info!(user = ?name, addr, "login refused");
            failed(db, &name, addr, now).await?;
            return Err(e);
        }
    };
    succeeded(db, &name).await?;
    session
        .cycle_id()
        .await
        .map_err(|e| ServerError::internal(format!("session: {e}")))?;
    session
        .insert(super::context::SESSION_USER, me.key.clone())
        .await
        .map_err(|e| ServerError::internal(format!("session: {e}")))?;
    session
        .insert(super::context::SESSION_LOCALE, me.locale.clone())
        .await
        .map_err(|e| ServerError::internal(format!("session: {e}")))?;
    tracing::info!(user = %me.username, "login");
    Ok(me)
}

//! Server-side sessions in SurrealDB, for tower-sessions. The cookie carries only the id and
//! lives until the browser ends it; the session's life is decided here: it ends after `idle`
//! without activity ([`SurrealSessionStore::touch`] on every request renews it).
//!
//! A session read is kept in this process's memory (`cache`, table `session`) until the live
//! query on sessions reports a change of that session: renewed, ended, signed out, also by
//! another app server. So a request costs no session read, and a renewal is written only when
//! the kept end is more than a minute old.

use super::cache;
use super::db::{self, Db, WriteFault};
use async_trait::async_trait;
use std::future::Future;
use surrealdb::types::SurrealValue;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "warta_sesi";

/// Did the request being rendered carry a session cookie? A page that finds nobody signed in
/// although it did was opened after the session ended (signed out elsewhere, or idle too long).
pub fn request_had_session() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .any(|c| c.trim().split_once('=').is_some_and(|(name, _)| name == SESSION_COOKIE))
    })
}

#[derive(Clone, Debug)]
pub struct SurrealSessionStore {
    db: Db,
    idle: chrono::Duration,
}

/// What signing out sends with its answer (`Clear-Site-Data`): the browser removes everything
/// Warta kept on the device (kept pages, drafts kept offline, the service worker and its caches).
pub const CLEAR_SITE_DATA: &str = "\"cache\", \"storage\"";

impl SurrealSessionStore {
    /// Sessions on `db` that end after `idle_hours` without activity.
    pub fn new(db: Db, idle_hours: i64) -> Self {
        SurrealSessionStore {
            db,
            idle: chrono::Duration::hours(idle_hours),
        }
    }

    fn expiry(&self) -> i64 {
        (chrono::Utc::now() + self.idle).timestamp()
    }

    /// Activity renews the session `id`: its end moves to `idle` from now. Written at most once
    /// a minute per session, and best-effort: a renewal that cannot be written (a race with
    /// another tab's renewal, a full disk) costs nothing but the minute.
    pub async fn touch(&self, id: &Id) {
        let exp = self.expiry();
        let key = id.to_string();
        // Renewed less than a minute ago (as this process knows for sure): nothing to write.
        if let Some(kept) = cache::get::<Kept>(&self.db, TABLE, &key) {
            if kept.expires_at <= now() || kept.expires_at >= exp - 60 {
                return;
            }
        }
        let result = self
            .db
            // Never an ended one: an idle session stays ended, even before the hourly cleanup.
            .query(
                "UPDATE type::record('session', $id) SET expires_at = $exp
                 WHERE expires_at > $now AND expires_at < $exp - 60",
            )
            .bind(("id", id.to_string()))
            .bind(("exp", exp))
            .bind(("now", now()))
            .await
            .and_then(|r| r.check());
        cache::changed_record(&self.db, TABLE, &key);
        if let Err(e) = result {
            tracing::debug!(error = %e, "session not renewed this time");
        }
    }

    /// The session `id` as stored (ended or not), kept in memory while nothing changes it. An
    /// id that names no session is not kept: random ids cost a read each, never memory.
    async fn kept(&self, id: &Id) -> Result<Option<Kept>> {
        let key = id.to_string();
        if let Some(kept) = cache::get::<Kept>(&self.db, TABLE, &key) {
            return Ok(Some(kept));
        }
        let generation = cache::generation(&self.db, TABLE);
        let mut res = self
            .db
            .query("SELECT data, expires_at FROM type::record('session', $id)")
            .bind(("id", key.clone()))
            .await
            .map_err(backend)?;
        let rows: Vec<Row> = res.take(0).map_err(backend)?;
        let Some(row) = rows.into_iter().next() else {
            return Ok(None);
        };
        let kept = Kept {
            record: serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?,
            expires_at: row.expires_at,
        };
        if let Some(g) = generation {
            cache::put(&self.db, TABLE, &key, kept.clone(), g);
        }
        Ok(Some(kept))
    }

    /// Removes expired sessions; run periodically (their copies go with the live query's report).
    pub async fn delete_expired(&self) -> Result<()> {
        self.db
            .query("DELETE session WHERE expires_at < $now")
            .bind(("now", now()))
            .await
            .and_then(|r| r.check())
            .map_err(backend)?;
        Ok(())
    }
}

/// A write to one session, tried again while it races another write to the same session (a
/// renewal, the same session's other tab signing out): the race is no fault of the user's.
async fn retrying<F, Fut>(mut write: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = std::result::Result<(), surrealdb::Error>>,
{
    let mut attempt = 0u32;
    loop {
        match write().await {
            Err(e) if db::fault(&e) == WriteFault::TransactionConflict && attempt < 8 => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(1 << attempt)).await;
            }
            result => return result.map_err(backend),
        }
    }
}

/// The account a session belongs to (none before login), kept beside the data so that every
/// session of an account can be ended at once.
fn user_of(record: &Record) -> Option<String> {
    record
        .data
        .get(super::context::SESSION_USER)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Ends every session of `user` but `keep` (the one that asked, when a user changes their own
/// password). Their open live streams close too (see `live`: a change of the account ends them).
pub async fn end_all(db: &Db, user: &str, keep: Option<&str>) -> std::result::Result<(), surrealdb::Error> {
    db.query("DELETE session WHERE user = $u AND record::id(id) != $keep")
        .bind(("u", user.to_string()))
        .bind(("keep", keep.unwrap_or_default().to_string()))
        .await?
        .check()?;
    // This process does not wait for the live query to forget them.
    cache::changed(db, TABLE);
    Ok(())
}

/// This process forgets its copy of a session it writes, whatever the write's outcome, when the
/// write is over (not waiting for the live query's report).
struct Forget<'a>(&'a Db, String);

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        cache::changed_record(self.0, TABLE, &self.1);
    }
}

fn backend(e: surrealdb::Error) -> Error {
    Error::Backend(e.to_string())
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The cache's table of sessions.
const TABLE: &str = "session";

#[derive(SurrealValue)]
struct Row {
    data: String,
    expires_at: i64,
}

/// A session as kept in memory: its record and when it ends (seconds since 1970).
#[derive(Clone)]
struct Kept {
    record: Record,
    expires_at: i64,
}

#[async_trait]
impl SessionStore for SurrealSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // CREATE fails on an existing id: draw a new one until it is free.
        loop {
            let data = serde_json::to_string(&*record).map_err(|e| Error::Encode(e.to_string()))?;
            let res = self
                .db
                .query("CREATE type::record('session', $id) SET data = $data, expires_at = $exp, user = $user")
                .bind(("id", record.id.to_string()))
                .bind(("data", data))
                .bind(("user", user_of(record)))
                .bind(("exp", self.expiry()))
                .await
                .and_then(|r| r.check());
            match res {
                Ok(_) => {
                    cache::changed_record(&self.db, TABLE, &record.id.to_string());
                    return Ok(());
                }
                Err(e) if e.is_already_exists() || e.to_string().contains("already exists") => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
        let _forget = Forget(&self.db, record.id.to_string());
        retrying(|| async {
            self.db
                .query("UPSERT type::record('session', $id) SET data = $data, expires_at = $exp, user = $user")
                .bind(("id", record.id.to_string()))
                .bind(("data", data.clone()))
                .bind(("user", user_of(record)))
                .bind(("exp", self.expiry()))
                .await
                .and_then(|r| r.check())
                .map(drop)
        })
        .await
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        // An ended session is no session, kept or not.
        Ok(self.kept(id).await?.filter(|k| k.expires_at > now()).map(|k| k.record))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let _forget = Forget(&self.db, id.to_string());
        retrying(|| async {
            self.db
                .query("DELETE type::record('session', $id)")
                .bind(("id", id.to_string()))
                .await
                .and_then(|r| r.check())
                .map(drop)
        })
        .await
    }
}

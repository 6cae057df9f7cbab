//! Server-side sessions in SurrealDB, for tower-sessions. The cookie carries only the id.

use super::db::Db;
use async_trait::async_trait;
use surrealdb::types::SurrealValue;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

#[derive(Clone, Debug)]
pub struct SurrealSessionStore {
    db: Db,
}

impl SurrealSessionStore {
    pub fn new(db: Db) -> Self {
        SurrealSessionStore { db }
    }

    /// Removes expired sessions; run periodically.
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

fn backend(e: surrealdb::Error) -> Error {
    Error::Backend(e.to_string())
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[derive(SurrealValue)]
struct Row {
    data: String,
}

#[async_trait]
impl SessionStore for SurrealSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // CREATE fails on an existing id: draw a new one until it is free.
        loop {
            let data = serde_json::to_string(&*record).map_err(|e| Error::Encode(e.to_string()))?;
            let res = self
                .db
                .query("CREATE type::record('session', $id) SET data = $data, expires_at = $exp")
                .bind(("id", record.id.to_string()))
                .bind(("data", data))
                .bind(("exp", record.expiry_date.unix_timestamp()))
                .await
                .and_then(|r| r.check());
            match res {
                Ok(_) => return Ok(()),
                Err(e) if e.is_already_exists() || e.to_string().contains("already exists") => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
        self.db
            .query("UPSERT type::record('session', $id) SET data = $data, expires_at = $exp")
            .bind(("id", record.id.to_string()))
            .bind(("data", data))
            .bind(("exp", record.expiry_date.unix_timestamp()))
            .await
            .and_then(|r| r.check())
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let mut res = self
            .db
            .query("SELECT data FROM type::record('session', $id) WHERE expires_at > $now")
            .bind(("id", id.to_string()))
            .bind(("now", now()))
            .await
            .map_err(backend)?;
        let rows: Vec<Row> = res.take(0).map_err(backend)?;
        match rows.into_iter().next() {
            Some(row) => serde_json::from_str(&row.data)
                .map(Some)
                .map_err(|e| Error::Decode(e.to_string())),
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.db
            .query("DELETE type::record('session', $id)")
            .bind(("id", id.to_string()))
            .await
            .and_then(|r| r.check())
            .map_err(backend)?;
        Ok(())
    }
}

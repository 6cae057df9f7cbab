//! The SurrealDB connection and the versioned schema migrations.

use surrealdb::engine::any::{connect, Any};
use surrealdb::opt::auth::Root;
use surrealdb::types::{QueryError, SurrealValue};
use surrealdb::IndexedResults;
use surrealdb::Surreal;

/// One client, shared. Cloning a `Surreal` handle opens a new database session (a copy of
/// the signed-in one, made asynchronously on the server); over `ws://` a query on a fresh
/// copy can run before it is signed in and be refused. Sharing the handle keeps one session.
pub type Db = std::sync::Arc<Surreal<Any>>;

/// Where the data lives: `surrealkv://PATH` (embedded, the default), `mem://` (tests),
/// or `ws://HOST:PORT` (a SurrealDB server shared by several app servers).
#[derive(Clone, Debug)]
pub struct DbConfig {
    pub url: String,
    pub user: Option<String>,
    pub pass: Option<String>,
    pub namespace: String,
    pub database: String,
}

impl DbConfig {
    pub fn memory(database: &str) -> Self {
        DbConfig {
            url: "mem://".into(),
            user: None,
            pass: None,
            namespace: "warta".into(),
            database: database.into(),
        }
    }
}

/// Opens the database and brings its schema up to date.
pub async fn open(cfg: &DbConfig) -> Result<Db, surrealdb::Error> {
    let db = open_unmigrated(cfg).await?;
    migrate(&db).await?;
    Ok(db)
}

/// The database as it is, without applying migrations (tests of a migration use it).
pub async fn open_unmigrated(cfg: &DbConfig) -> Result<Db, surrealdb::Error> {
    let db = connect(cfg.url.as_str()).await?;
    if let (Some(user), Some(pass)) = (&cfg.user, &cfg.pass) {
        db.signin(Root {
            username: user.clone(),
            password: pass.clone(),
        })
        .await?;
    }
    db.use_ns(cfg.namespace.as_str()).use_db(cfg.database.as_str()).await?;
    Ok(std::sync::Arc::new(db))
}

/// The statement that failed a transaction, rather than the first of those that were then
/// not executed. `IndexedResults::check` would return whichever error comes first.
pub fn failed_statement(mut res: IndexedResults) -> Result<IndexedResults, surrealdb::Error> {
    let mut errors: Vec<(usize, surrealdb::Error)> = res.take_errors().into_iter().collect();
    if errors.is_empty() {
        return Ok(res);
    }
    errors.sort_by_key(|(i, _)| *i);
    // Every statement "not executed": the commit itself failed, and its own row (the last) says why.
    let cause = errors
        .iter()
        .position(|(_, e)| e.query_details() != Some(&QueryError::NotExecuted))
        .unwrap_or(errors.len() - 1);
    Err(errors.swap_remove(cause).1)
}

/// The code our transactions `THROW` when the record they guard changed since it was read
/// (a version mismatch): `IF … { THROW 'warta:stale' }`.
pub const STALE: &str = "warta:stale";

/// The unique indexes that only a race can violate: two moves of one item writing the same audit
/// sequence or material version number. A violation of any other unique index is a fault.
const RACE_INDEXES: [&str; 2] = ["audit_event_item", "material_version_item"];

/// What a failed write was, recognised by what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteFault {
    /// Our own guard refused: the record changed since it was read ([`STALE`]).
    Stale,
    /// The engine's optimistic transaction lost to another one touching the same keys.
    TransactionConflict,
    /// Another writer took the same number first (one of [`RACE_INDEXES`]).
    Race,
    /// The engine could not commit (a full disk, an I/O error): see [`storage_failed`].
    Storage,
    /// Anything else: an internal fault, logged.
    Other,
}

impl WriteFault {
    /// Did the write lose a race (and may be tried again, or reported as a conflict)?
    pub fn is_race(self) -> bool {
        matches!(
            self,
            WriteFault::Stale | WriteFault::TransactionConflict | WriteFault::Race
        )
    }
}

/// The unique index a write violated. The engine reports it as an internal error whose message is
/// "Database index `NAME` already contains …" (its `IndexExists` error has no typed details).
pub fn violated_index(e: &surrealdb::Error) -> Option<&str> {
    e.message()
        .strip_prefix("Database index `")
        .and_then(|rest| rest.split_once('`'))
        .filter(|(_, after)| after.starts_with(" already contains"))
        .map(|(name, _)| name)
}

pub fn fault(e: &surrealdb::Error) -> WriteFault {
    if e.is_thrown() && e.message().ends_with(STALE) {
        WriteFault::Stale
    } else if e.query_details() == Some(&QueryError::TransactionConflict) {
        WriteFault::TransactionConflict
    } else if violated_index(e).is_some_and(|i| RACE_INDEXES.contains(&i)) {
        WriteFault::Race
    } else if e.query_details() == Some(&QueryError::NotExecuted) || e.message().contains("commit outcome is unknown") {
        // Nothing of the transaction ran because its commit failed, for a reason that is not a
        // lost race (those are `TransactionConflict`): the storage refused the write.
        WriteFault::Storage
    } else {
        WriteFault::Other
    }
}

/// Set once the storage engine has failed to commit a write (see [`WriteFault::Storage`]). After
/// a failed write the engine's log may end in a torn record, and what is written after it would
/// be cut off with it when the log is repaired at the next start: so from then on this process
/// refuses every write (503) and the health check fails, until the operator has checked the disk
/// and restarted Warta. One flag per process: a process serves one database.
static STORAGE_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Has the storage failed to write since this process started?
pub fn storage_failed() -> bool {
    STORAGE_FAILED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Records a failed commit: writes are refused from now on (see [`storage_failed`]).
pub fn mark_storage_failed(e: &surrealdb::Error) {
    if !STORAGE_FAILED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        tracing::error!(
            error = %e,
            "the storage failed to write (full disk or I/O error): every write is refused from now on. \
             Free disk space or repair the disk, then restart Warta; the restart checks the database log"
        );
    }
}

/// This process's row in `health`: a random key drawn once, so that several app servers on one
/// database never write the same record (and never collide doing so).
fn health_key() -> &'static str {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        use rand::Rng;
        let n: u64 = rand::thread_rng().r#gen();
        format!("{n:016x}")
    })
}

/// Can the database take a write? Reading is not enough: a full disk or a read-only store still
/// answers reads. The check commits a small write of this process's own row.
pub async fn healthy(db: &Db) -> bool {
    let result = db
        .query("UPSERT type::record('health', $key) SET at = time::now()")
        .bind(("key", health_key()))
        .await
        .and_then(failed_statement);
    if let Err(e) = &result {
        tracing::error!(error = %e, "health check: the database does not take a write");
        if fault(e) == WriteFault::Storage {
            mark_storage_failed(e);
        }
    }
    result.is_ok()
}

/// Each migration runs once, in order, in its own transaction together with its bookkeeping
/// row; statements use IF NOT EXISTS so that a crash between the two is harmless too.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_schema.surql")),
    (2, include_str!("migrations/0002_notifications.surql")),
    (3, include_str!("migrations/0003_checklist.surql")),
    (4, include_str!("migrations/0004_mutu_baku.surql")),
    (5, include_str!("migrations/0005_register.surql")),
    (6, include_str!("migrations/0006_report_rollups.surql")),
    (7, include_str!("migrations/0007_enum_asserts.surql")),
    (8, include_str!("migrations/0008_typed_documents.surql")),
    (9, include_str!("migrations/0009_health.surql")),
    (10, include_str!("migrations/0010_draft_revisions.surql")),
    (11, include_str!("migrations/0011_login_failures.surql")),
    (12, include_str!("migrations/0012_session_user.surql")),
    (13, include_str!("migrations/0013_must_change_password.surql")),
    (14, include_str!("migrations/0014_draft_html.surql")),
    (15, include_str!("migrations/0015_exempt_end_state.surql")),
    (16, include_str!("migrations/0016_move_facts.surql")),
    (17, include_str!("migrations/0017_disposition_forms.surql")),
    (18, include_str!("migrations/0018_publication_links.surql")),
    (19, include_str!("migrations/0019_user_locale.surql")),
    (20, include_str!("migrations/0020_push.surql")),
    (21, include_str!("migrations/0021_media.surql")),
    (22, include_str!("migrations/0022_outbox.surql")),
    (23, include_str!("migrations/0023_connectors.surql")),
    (24, include_str!("migrations/0024_channel_texts.surql")),
    (25, include_str!("migrations/0025_public_media.surql")),
];

#[derive(SurrealValue)]
struct Applied {
    version: i64,
}

pub async fn migrate(db: &Db) -> Result<(), surrealdb::Error> {
    migrate_until(db, i64::MAX).await
}

/// Applies the migrations up to `last` (a database as an earlier version of Warta left it).
pub async fn migrate_until(db: &Db, last: i64) -> Result<(), surrealdb::Error> {
    db.query(
        "DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS version ON migration TYPE int;
         DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime;
         DEFINE INDEX IF NOT EXISTS migration_version ON migration FIELDS version UNIQUE;",
    )
    .await?
    .check()?;
    let applied: Vec<Applied> = db.query("SELECT version FROM migration").await?.take(0)?;
    for (version, script) in MIGRATIONS.iter().filter(|(v, _)| *v <= last) {
        if applied.iter().any(|a| a.version == *version) {
            continue;
        }
        tracing::info!(version, "applying database migration");
        let result = db
            .query(format!(
                "BEGIN TRANSACTION;\n{script}\nCREATE migration SET version = $version, applied_at = time::now();\nCOMMIT TRANSACTION;"
            ))
            .bind(("version", *version))
            .await
            .and_then(failed_statement);
        if let Err(e) = result {
            // Another app server may have applied it at the same moment.
            let again: Vec<Applied> = db
                .query("SELECT version FROM migration WHERE version = $v")
                .bind(("v", *version))
                .await?
                .take(0)?;
            if again.is_empty() {
                return Err(e);
            }
        }
    }
    Ok(())
}

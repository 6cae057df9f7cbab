//! Reads that rarely change (the office's settings, the accounts), kept in this process's memory
//! per database and dropped the moment that database says the table changed: the live query this
//! process runs on the table (`server::live`) reports every change, also one made by another app
//! server on the same database. While a table's live query is not running (starting, or lost and
//! being set up again) nothing of it is kept, and every read goes to the database.

use super::db::Db;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Default)]
struct Table {
    /// The database this is the copy of. Held weakly: it keeps the address from being reused by
    /// another database (a test's) while this entry exists, and tells when the database is gone.
    db: std::sync::Weak<surrealdb::Surreal<surrealdb::engine::any::Any>>,
    /// The live query on this table runs: a change cannot go unnoticed.
    following: bool,
    /// Counts the changes: a value read before a change is not kept after it.
    generation: u64,
    values: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

type Tables = HashMap<(usize, &'static str), Table>;

fn tables() -> &'static Mutex<Tables> {
    static TABLES: OnceLock<Mutex<Tables>> = OnceLock::new();
    TABLES.get_or_init(Default::default)
}

fn with<R>(db: &Db, table: &'static str, f: impl FnOnce(&mut Table) -> R) -> R {
    let mut all = tables().lock().unwrap_or_else(|e| e.into_inner());
    let key = (Arc::as_ptr(db) as usize, table);
    if !all.contains_key(&key) {
        // The copies of databases that are gone go with them.
        all.retain(|_, t| t.db.strong_count() > 0);
        all.insert(
            key,
            Table {
                db: Arc::downgrade(db),
                ..Default::default()
            },
        );
    }
    f(all.get_mut(&key).expect("just inserted"))
}

/// A value read before, if the table has not changed since.
pub fn get<T: Clone + Send + Sync + 'static>(db: &Db, table: &'static str, key: &str) -> Option<T> {
    with(db, table, |t| {
        t.values.get(key).and_then(|v| v.downcast_ref::<T>()).cloned()
    })
}

/// Where the table's changes stand before a read from the database: `None` while nothing of it
/// may be kept.
pub fn generation(db: &Db, table: &'static str) -> Option<u64> {
    with(db, table, |t| t.following.then_some(t.generation))
}

/// Keeps a value read from the database, unless the table changed since `generation`.
pub fn put<T: Send + Sync + 'static>(db: &Db, table: &'static str, key: &str, value: T, generation: u64) {
    with(db, table, |t| {
        if t.following && t.generation == generation {
            t.values.insert(key.to_string(), Arc::new(value));
        }
    });
}

/// The table changed: forget what was kept.
pub fn changed(db: &Db, table: &'static str) {
    with(db, table, |t| {
        t.generation += 1;
        t.values.clear();
    });
}

/// One record of the table changed: forget what was kept of it. A read of another record that
/// was on its way is not kept either (it cannot be told apart from a read of this one).
pub fn changed_record(db: &Db, table: &'static str, key: &str) {
    with(db, table, |t| {
        t.generation += 1;
        t.values.remove(key);
    });
}

/// The table's live query started (`true`) or ended (`false`): only while it runs are values kept.
pub fn following(db: &Db, table: &'static str, running: bool) {
    with(db, table, |t| {
        t.following = running;
        t.generation += 1;
        t.values.clear();
    });
}

/// A read through the cache: the kept value, or `read` from the database (kept when allowed).
pub async fn read<T, F, Fut, E>(db: &Db, table: &'static str, key: &str, read: F) -> Result<T, E>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    if let Some(v) = get::<T>(db, table, key) {
        return Ok(v);
    }
    let generation = generation(db, table);
    let value = read().await?;
    if let Some(g) = generation {
        put(db, table, key, value.clone(), g);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Db {
        Arc::new(surrealdb::Surreal::init())
    }

    #[test]
    fn nothing_is_kept_while_the_table_is_not_followed() {
        let db = db();
        assert_eq!(generation(&db, "user"), None);
        put(&db, "user", "a", 1u32, 0);
        assert_eq!(get::<u32>(&db, "user", "a"), None);
        following(&db, "user", true);
        let g = generation(&db, "user").unwrap();
        put(&db, "user", "a", 1u32, g);
        assert_eq!(get::<u32>(&db, "user", "a"), Some(1));
        // The live query ended: a change could go unnoticed, so nothing is trusted.
        following(&db, "user", false);
        assert_eq!(get::<u32>(&db, "user", "a"), None);
    }

    #[test]
    fn a_value_read_before_a_change_is_not_kept_after_it() {
        let db = db();
        following(&db, "setting", true);
        let before = generation(&db, "setting").unwrap();
        // The change is reported while the read is on its way: its value is old.
        changed(&db, "setting");
        put(&db, "setting", "office", "old", before);
        assert_eq!(get::<&str>(&db, "setting", "office"), None);
        let after = generation(&db, "setting").unwrap();
        put(&db, "setting", "office", "new", after);
        assert_eq!(get::<&str>(&db, "setting", "office"), Some("new"));
        changed(&db, "setting");
        assert_eq!(get::<&str>(&db, "setting", "office"), None);
        // One record changed: the others stay, a read on its way is not kept.
        let g = generation(&db, "setting").unwrap();
        put(&db, "setting", "a", "a", g);
        put(&db, "setting", "b", "b", g);
        changed_record(&db, "setting", "a");
        assert_eq!(get::<&str>(&db, "setting", "a"), None);
        assert_eq!(get::<&str>(&db, "setting", "b"), Some("b"));
        put(&db, "setting", "a", "old", g);
        assert_eq!(get::<&str>(&db, "setting", "a"), None);
        // Another database's copy is its own.
        let other = Arc::new(surrealdb::Surreal::init());
        assert_eq!(get::<&str>(&other, "setting", "office"), None);
    }

    /// A database that is gone leaves nothing behind for the next one (tests open hundreds in
    /// one process, and a new one could otherwise take the address of an old one).
    #[test]
    fn a_new_database_never_sees_an_old_ones_copy() {
        for _ in 0..50 {
            let db = db();
            assert_eq!(generation(&db, "user"), None, "not followed yet");
            assert_eq!(get::<u32>(&db, "user", "a"), None);
            following(&db, "user", true);
            let g = generation(&db, "user").unwrap();
            put(&db, "user", "a", 7u32, g);
            assert_eq!(get::<u32>(&db, "user", "a"), Some(7));
            // Dropped without its live query ending (its runtime stopped).
        }
        let all = tables().lock().unwrap();
        assert!(all.len() < 60, "entries of dropped databases are pruned: {}", all.len());
    }
}

//! What this device keeps of a person's draft while the server does not have it yet (IndexedDB,
//! through the `idb` crate): the text, the draft revision it started from, and when it was kept.
//! Kept on every change once the connection failed, forgotten once the server holds the same
//! text; it survives a reload, a restart of the tablet and days without a connection. Signing
//! out clears it (`Clear-Site-Data`). On the server these do nothing.
//!
//! The store's code (with IndexedDB's) is a part of the browser's bundle of its own, loaded the
//! first time a page needs it (`#[lazy]`): when the connection fails, or when the device holds a
//! text for the item (a marker in `localStorage` says so without loading anything). The service
//! worker keeps it, so it loads without a connection too. It is handed JSON and keys only:
//! code it shared with the page would split the page's part of the bundle into more files.

use crate::domain::DraftForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One item's draft as kept on the device, for the person who typed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptDraft {
    pub item: String,
    pub user: String,
    /// The draft revision the text started from: the save names it, so that a change made on the
    /// server meanwhile is shown beside it, never overwritten.
    pub base_rev: i64,
    pub form: DraftForm,
    /// The body as the editor showed it (HTML), to put back on screen.
    pub body_html: String,
    /// When it was kept (milliseconds since the epoch).
    pub at: f64,
}

/// IndexedDB: one record per slot (person and item), the kept draft's JSON.
#[cfg(feature = "hydrate")]
mod idb_store {
    use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
    use wasm_bindgen::JsValue;

    const DB: &str = "warta";
    const DRAFTS: &str = "drafts";

    async fn open() -> Result<Database, idb::Error> {
        let mut request = Factory::new()?.open(DB, Some(1))?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                if !db.store_names().iter().any(|n| n == DRAFTS) {
                    let _ = db.create_object_store(DRAFTS, ObjectStoreParams::new());
                }
            }
        });
        request.await
    }

    pub async fn put(slot: &str, json: &str) -> Result<Option<String>, idb::Error> {
        let db = open().await?;
        let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite)?;
        tx.object_store(DRAFTS)?
            .put(&JsValue::from_str(json), Some(&JsValue::from_str(slot)))?
            .await?;
        tx.commit()?.await?;
        Ok(None)
    }

    pub async fn get(slot: &str) -> Result<Option<String>, idb::Error> {
        let db = open().await?;
        let tx = db.transaction(&[DRAFTS], TransactionMode::ReadOnly)?;
        let value = tx.object_store(DRAFTS)?.get(JsValue::from_str(slot))?.await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    pub async fn delete(slot: &str) -> Result<(), idb::Error> {
        let db = open().await?;
        let tx = db.transaction(&[DRAFTS], TransactionMode::ReadWrite)?;
        tx.object_store(DRAFTS)?.delete(JsValue::from_str(slot))?.await?;
        tx.commit()?.await?;
        Ok(())
    }
}

/// What the editor asks of the device's store; the store's part of the bundle knows nothing of
/// drafts (the editor writes and reads their JSON), so that it shares no code with the page's.
pub enum Op {
    Keep { slot: String, json: String },
    Take { slot: String },
    Forget { slot: String },
}

/// The store itself, in a part of the bundle of its own: `Ok(Some(json))` for what `Take` found.
#[lazy]
async fn store(op: Op) -> Result<Option<String>, ()> {
    #[cfg(feature = "hydrate")]
    return match op {
        Op::Keep { slot, json } => {
            let kept = idb_store::put(&slot, &json).await.map_err(|_| ())?;
            marker::set(&slot, true);
            Ok(kept)
        }
        Op::Take { slot } => idb_store::get(&slot).await.map_err(|_| ()),
        Op::Forget { slot } => {
            idb_store::delete(&slot).await.map_err(|_| ())?;
            marker::set(&slot, false);
            Ok(None)
        }
    };
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = op;
        Err(())
    }
}

/// Where the device keeps `user`'s text of `item`: each person's apart, on a shared tablet.
pub fn slot(user: &str, item: &str) -> String {
    format!("{user}/{item}")
}

/// Keeps `draft` on the device; false when the device cannot (storage refused or full).
pub async fn keep(draft: KeptDraft) -> bool {
    let Ok(json) = serde_json::to_string(&draft) else {
        return false;
    };
    store(Op::Keep {
        slot: slot(&draft.user, &draft.item),
        json,
    })
    .await
    .is_ok()
}

/// The draft kept on this device in `slot`, if any.
pub async fn kept(slot: String) -> Option<KeptDraft> {
    let json = store(Op::Take { slot }).await.ok().flatten()?;
    serde_json::from_str(&json).ok()
}

/// The server holds the text now: nothing to keep in `slot`.
pub async fn forget(slot: String) {
    let _ = store(Op::Forget { slot }).await;
}

/// Does the device hold a text in `slot`? Asked without loading the store.
pub fn holds(slot: &str) -> bool {
    #[cfg(feature = "hydrate")]
    return marker::get(slot);
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = slot;
        false
    }
}

/// Is the browser without a connection now (as far as it knows)?
pub fn offline() -> bool {
    #[cfg(feature = "hydrate")]
    return !window().navigator().on_line();
    #[cfg(not(feature = "hydrate"))]
    false
}

/// The marker beside the store: one `localStorage` key per slot the device holds a text in.
#[cfg(feature = "hydrate")]
mod marker {
    fn key(slot: &str) -> String {
        format!("warta-kept:{slot}")
    }
    fn storage() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }
    pub fn get(slot: &str) -> bool {
        storage().and_then(|s| s.get_item(&key(slot)).ok().flatten()).is_some()
    }
    pub fn set(slot: &str, on: bool) {
        if let Some(s) = storage() {
            let _ = if on {
                s.set_item(&key(slot), "1")
            } else {
                s.remove_item(&key(slot))
            };
        }
    }
}

/// Now, in milliseconds since the epoch (the browser's clock).
pub fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now();
    #[cfg(not(feature = "hydrate"))]
    0.0
}

/// A kept time as the office reads it on this device ("10.42", or with the date when not today).
pub fn time_of(ms: f64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        let lang = crate::text::locale_code(crate::text::locale());
        let today = js_sys::Date::new_0().to_date_string() == date.to_date_string();
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        };
        set("timeStyle", "short");
        if !today {
            set("dateStyle", "medium");
        }
        return String::from(date.to_locale_string(lang, &options));
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ms;
        String::new()
    }
}

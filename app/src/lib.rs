#![recursion_limit = "512"]
//! Warta: the SOP "Pengelolaan Website dan Media Sosial" of a PPID office, as a web app.
//!
//! - `domain`: the SOP as pure types and rules (browser and server).
//! - `views`, `error`: what crosses the wire; `text`, `report_tables`: what users read.
//! - `api`: server functions, thin adapters over `server`.
//! - `server` (ssr only): SurrealDB, accounts, sessions, the workflow service.
//! - `ui`: pages and components.

pub mod api;
pub mod domain;
pub mod error;
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
pub mod report_tables;
pub mod rich_text;
#[cfg(feature = "ssr")]
pub mod server;
pub mod text;
pub mod ui;
pub mod views;

pub use ui::app::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are loaded lazily (their code is fetched before they hydrate), so hydration is async.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    text::read_page_locale();
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), App).await.forget();
        // Lets tests (and styles) know the page is interactive.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

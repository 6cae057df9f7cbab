#![recursion_limit = "512"]
//! Warta: the SOP "Pengelolaan Website dan Media Sosial" of a PPID office, as a web app.
//!
//! - `domain`: the SOP as pure types and rules (browser and server).
//! - `views`, `error`: what crosses the wire; `text`, `report_tables`: what users read.
//! - `api`: server functions, thin adapters over `server`.
//! - `server` (ssr only): SurrealDB, accounts, sessions, the workflow service.
//! - `ui`: pages and components.

pub mod api;
pub mod codec;
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

/// Starts the page's script: the islands of the page come alive right after (the server's
/// hydration script calls each one).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // A panic's message in the console, in debug builds (the browser tests); a release build
    // leaves the formatting out of every page's script (the WASM budget, BENCHMARKS.md).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    text::read_page_locale();
    leptos::mount::hydrate_islands();
    ui::regions::start_forms();
    ui::live::use_live();
    ui::island::expect_islands();
}

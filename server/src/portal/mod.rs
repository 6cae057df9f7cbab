//! The public portal, without login: plain server-rendered HTML (no WASM, small, fast on a
//! phone, readable by search engines), the Daftar Informasi Publik with its open data, an Atom
//! feed and a sitemap. Everything here reads `app::server::public`, which holds only what
//! `domain::access::is_public` lets through: published, non-exempt information.
//!
//! `layout` (the page, the stylesheet, the error page), `query` (the list's filters), `pages`
//! (list, item, DIP), `open_data` (CSV, XLSX, JSON, Atom, sitemap, robots.txt).

mod layout;
mod open_data;
mod pages;
mod query;

pub use layout::stylesheet;
pub use open_data::{dip_csv, dip_json, dip_xlsx, feed, robots, sitemap};
pub use pages::{dip, item, list};

/// The address the public reaches the portal at (for canonical links, the feed, the sitemap).
#[derive(Clone, Debug)]
pub struct PublicBase(pub String);

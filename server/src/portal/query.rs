//! The portal list's filters: parsed from the address, and written back into links.

use app::domain::access;
use app::domain::KipCategory;
use app::server::public::PortalQuery;
use app::text;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kategori: String,
    #[serde(default)]
    tahun: String,
    #[serde(default)]
    halaman: String,
}

/// Parses the list's filters; a bad one is a 400 that says what to do.
pub fn parse_query(q: &ListQuery) -> Result<PortalQuery, &'static str> {
    let kip = match q.kategori.trim() {
        "" => None,
        k => Some(
            KipCategory::parse(k)
                .filter(|k| access::public_categories().any(|p| p == *k))
                .ok_or(text::portal_bad_category())?,
        ),
    };
    let year = match q.tahun.trim() {
        "" => None,
        y => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or(text::portal_bad_year())?,
        ),
    };
    let page = match q.halaman.trim() {
        "" => 1,
        p => p
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or(text::portal_bad_page())?,
    };
    Ok(PortalQuery {
        search: q.q.clone(),
        kip,
        year,
        page,
    })
}

pub fn list_href(q: &PortalQuery, page: u32) -> String {
    let mut parts = Vec::new();
    if !q.search.trim().is_empty() {
        parts.push(format!("q={}", url_encode(q.search.trim())));
    }
    if let Some(k) = q.kip {
        parts.push(format!("kategori={}", k.id()));
    }
    if let Some(y) = q.year {
        parts.push(format!("tahun={y}"));
    }
    if page > 1 {
        parts.push(format!("halaman={page}"));
    }
    if parts.is_empty() {
        "/informasi".into()
    } else {
        format!("/informasi?{}", parts.join("&"))
    }
}

fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

//! Open data and machine-readable views: the DIP as CSV, XLSX and JSON, the Atom feed, the
//! sitemap and robots.txt.

use super::layout::{internal_error, site};
use super::PublicBase;
use crate::exports::{file, CSV, XLSX};
use app::server::public::{self, PortalQuery};
use app::server::{export, AppState, ServerError};
use app::text;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// Open data: the DIP as CSV, XLSX or JSON.
async fn dip_file(app: AppState, kind: &str) -> Response {
    let rows = match public::dip(&app.db).await {
        Ok(r) => r,
        Err(e) => return internal_error(e),
    };
    let table = public::dip_table(&rows);
    let result = match kind {
        "csv" => export::csv(&table).map(|b| file(b, CSV, "daftar-informasi-publik.csv")),
        "xlsx" => export::xlsx(&[table]).map(|b| file(b, XLSX, "daftar-informasi-publik.xlsx")),
        _ => serde_json::to_vec_pretty(&public::dip_records(&rows))
            .map(|b| file(b, "application/json; charset=utf-8", "daftar-informasi-publik.json"))
            .map_err(|e| ServerError::internal(e.to_string())),
    };
    result.unwrap_or_else(internal_error)
}

pub async fn dip_csv(State(app): State<AppState>) -> Response {
    dip_file(app, "csv").await
}
pub async fn dip_xlsx(State(app): State<AppState>) -> Response {
    dip_file(app, "xlsx").await
}
pub async fn dip_json(State(app): State<AppState>) -> Response {
    dip_file(app, "json").await
}

/// The 50 newest publications as Atom.
pub async fn feed(State(app): State<AppState>, Extension(base): Extension<PublicBase>) -> Response {
    use atom_syndication::{ContentBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder, Text};
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal_error(e),
    };
    let q = PortalQuery {
        page: 1,
        ..Default::default()
    };
    let items = match public::list(&app.db, &q).await {
        Ok(page) => page.items,
        Err(e) => return internal_error(e),
    };
    let fixed = |t: chrono::DateTime<chrono::Utc>| -> FixedDateTime { t.fixed_offset() };
    let entries: Vec<_> = items
        .iter()
        .map(|i| {
            let url = format!("{}/informasi/{}", site.base, i.id);
            EntryBuilder::default()
                .id(url.clone())
                .title(Text::plain(i.title.clone()))
                .updated(fixed(i.published_at))
                .published(Some(fixed(i.published_at)))
                .summary(Some(Text::plain(i.summary.clone())))
                .content(Some(
                    ContentBuilder::default()
                        .value(Some(i.body_html.clone()))
                        .content_type(Some("html".to_string()))
                        .build(),
                ))
                .link(LinkBuilder::default().href(url).rel("alternate").build())
                .build()
        })
        .collect();
    let updated = items
        .first()
        .map(|i| fixed(i.published_at))
        .unwrap_or_else(|| fixed(app::server::clock::now()));
    let feed = FeedBuilder::default()
        .id(format!("{}/informasi", site.base))
        .title(Text::plain(format!("{} — {}", text::portal_info(), site.office)))
        .updated(updated)
        .link(
            LinkBuilder::default()
                .href(format!("{}/informasi/feed.atom", site.base))
                .rel("self")
                .build(),
        )
        .link(
            LinkBuilder::default()
                .href(format!("{}/informasi", site.base))
                .rel("alternate")
                .build(),
        )
        .lang(Some("id".to_string()))
        .entries(entries)
        .build();
    let mut res = (StatusCode::OK, feed.to_string()).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    res
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

pub async fn sitemap(State(app): State<AppState>, Extension(base): Extension<PublicBase>) -> Response {
    let rows = match public::dip(&app.db).await {
        Ok(r) => r,
        Err(e) => return internal_error(e),
    };
    let base = base.0.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in ["/informasi", "/dip"] {
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base}{path}"))
        ));
    }
    for i in &rows {
        xml.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(&format!("{base}/informasi/{}", i.id)),
            i.published_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ));
    }
    xml.push_str("</urlset>\n");
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response()
}

pub async fn robots(Extension(base): Extension<PublicBase>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /informasi\nAllow: /dip\nDisallow: /api/\nDisallow: /materi\nDisallow: /laporan\nDisallow: /admin\nDisallow: /login\nSitemap: {}/sitemap.xml\n",
        base.0.trim_end_matches('/')
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

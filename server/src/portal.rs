//! The public portal, without login: plain server-rendered HTML (no WASM, small, fast on a
//! phone, readable by search engines), the Daftar Informasi Publik with its open data, an Atom
//! feed and a sitemap. Everything here reads `app::server::public`, which holds only published,
//! non-exempt information.

use crate::exports::{file, CSV, XLSX};
use app::domain::time::{format_date, format_datetime, OfficeZone};
use app::domain::KipCategory;
use app::server::public::{self, PortalQuery, PAGE_SIZE};
use app::server::{export, settings, AppState, ServerError};
use app::text;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;

/// The address the public reaches the portal at (for canonical links, the feed, the sitemap).
#[derive(Clone, Debug)]
pub struct PublicBase(pub String);

/// The categories the public may see and filter by.
const PUBLIC_KIP: [KipCategory; 3] = [
    KipCategory::Berkala,
    KipCategory::SertaMerta,
    KipCategory::TersediaSetiapSaat,
];

const STYLE: &str = "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433;background:#f6f7f9}\
header{background:#0b5394;color:#fff;padding:.8rem 1rem}header a{color:#fff;text-decoration:none}\
header .office{font-weight:700;font-size:1.1rem;display:block}nav a{margin-right:1rem;font-size:.95rem}\
main{max-width:60rem;margin:0 auto;padding:1rem}article.card,.card{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:.8rem 1rem;margin:.8rem 0}\
.meta{color:#5b6577;font-size:.9rem}form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}\
form.search label{display:flex;flex-direction:column;font-size:.85rem}input,select,button{font:inherit;padding:.4rem .5rem}\
button{background:#0b5394;color:#fff;border:0;border-radius:6px}table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}\
th,td{border:1px solid #c9d0db;padding:.35rem .45rem;text-align:left;vertical-align:top}th{background:#eef1f6}\
.pages{display:flex;gap:1rem;margin:1rem 0}.badge{display:inline-block;padding:0 .4rem;border-radius:4px;background:#eef1f6;font-size:.8rem}\
.content img{max-width:100%}.content,article a{overflow-wrap:anywhere}.table-wrap{overflow-x:auto}footer{color:#5b6577;font-size:.85rem;text-align:center;padding:2rem 1rem}\
@media print{header nav,form.search,.pages,.downloads{display:none}body{background:#fff}}\
@page{size:A4 landscape;margin:10mm}";

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

/// A refusal of a public request: a short page saying what to do.
fn refused(status: StatusCode, message: &str, base: &str, office: &str) -> Response {
    let body = layout(
        office,
        text::PORTAL_ERROR_TITLE,
        message,
        &format!("{base}/informasi"),
        html! { div class="card" { p { (message) } p { a href="/informasi" { (text::PORTAL_BACK) } } } },
    );
    (status, page_headers(), body).into_response()
}

fn page_headers() -> [(header::HeaderName, HeaderValue); 2] {
    [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60")),
    ]
}

fn layout(office: &str, title: &str, description: &str, canonical: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="id" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (office) }
                meta name="description" content=(description);
                link rel="canonical" href=(canonical);
                link rel="alternate" type="application/atom+xml" title=(text::PORTAL_FEED) href="/informasi/feed.atom";
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    a class="office" href="/informasi" { (office) }
                    nav {
                        a href="/informasi" { (text::PORTAL_INFO) }
                        a href="/dip" { (text::SECTION_REGISTER) }
                    }
                }
                main { (body) }
                footer { (text::PORTAL_FOOTER) }
            }
        }
    }
    .into_string()
}

struct Site {
    base: String,
    office: String,
    zone: OfficeZone,
}

async fn site(app: &AppState, base: &PublicBase) -> Result<Site, ServerError> {
    let s = settings::load(&app.db).await?;
    let office = [s.letterhead.office.trim(), s.letterhead.government.trim()]
        .into_iter()
        .find(|x| !x.is_empty())
        .unwrap_or(text::APP_NAME)
        .to_string();
    Ok(Site {
        base: base.0.trim_end_matches('/').to_string(),
        office,
        zone: s.zone(),
    })
}

fn internal(e: ServerError) -> Response {
    let e = e.into_app();
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
}

/// Parses the list's filters; a bad one is a 400 that says what to do.
fn parse_query(q: &ListQuery) -> Result<PortalQuery, &'static str> {
    let kip = match q.kategori.trim() {
        "" => None,
        k => Some(
            KipCategory::parse(k)
                .filter(|k| PUBLIC_KIP.contains(k))
                .ok_or(text::PORTAL_BAD_CATEGORY)?,
        ),
    };
    let year = match q.tahun.trim() {
        "" => None,
        y => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or(text::PORTAL_BAD_YEAR)?,
        ),
    };
    let page = match q.halaman.trim() {
        "" => 1,
        p => p
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .ok_or(text::PORTAL_BAD_PAGE)?,
    };
    Ok(PortalQuery {
        search: q.q.clone(),
        kip,
        year,
        page,
    })
}

fn list_href(q: &PortalQuery, page: u32) -> String {
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

pub async fn list(
    State(app): State<AppState>,
    Extension(base): Extension<PublicBase>,
    Query(raw): Query<ListQuery>,
) -> Response {
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    let q = match parse_query(&raw) {
        Ok(q) => q,
        Err(message) => return refused(StatusCode::BAD_REQUEST, message, &site.base, &site.office),
    };
    let page = match public::list(&app.db, &q).await {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let years = public::years(&app.db).await.unwrap_or_default();
    let items = &page.items;
    let pages = page.total.map(|t| t.div_ceil(PAGE_SIZE).max(1));
    let zone = site.zone;
    let body = html! {
        h1 { (text::PORTAL_INFO) }
        form class="search" method="get" action="/informasi" role="search" {
            label { (text::PORTAL_SEARCH) input type="search" name="q" value=(q.search) placeholder=(text::PORTAL_SEARCH_HINT); }
            label { (text::F_KIP)
                select name="kategori" {
                    option value="" { (text::PORTAL_ALL) }
                    @for k in PUBLIC_KIP {
                        option value=(k.id()) selected[q.kip == Some(k)] { (k.label()) }
                    }
                }
            }
            label { (text::HOLIDAYS_YEAR)
                select name="tahun" {
                    option value="" { (text::PORTAL_ALL) }
                    @for y in &years {
                        option value=(y) selected[q.year == Some(*y)] { (y) }
                    }
                }
            }
            button type="submit" { (text::PORTAL_SEARCH_BUTTON) }
        }
        p class="meta" data-testid="result-count" {
            @if let Some(total) = page.total { (text::portal_count(total)) }
            @else if items.is_empty() { (text::portal_count(0)) }
            @else { (text::portal_page_only(q.page)) }
        }
        @for i in items {
            article class="card" data-testid="public-item" {
                h2 { a href={ "/informasi/" (i.id) } { (i.title) } }
                p class="meta" {
                    (format_date(zone.today(i.published_at))) " · " (i.unit) " · " span class="badge" { (i.kip.label()) }
                }
                p { (i.summary) }
            }
        }
        @if q.page > 1 || page.has_next {
            nav class="pages" aria-label=(text::PORTAL_PAGES) {
                @if q.page > 1 { a rel="prev" href=(list_href(&q, q.page - 1)) { (text::PORTAL_PREV) } }
                span { @if let Some(pages) = pages { (text::portal_page(q.page, pages)) } @else { (text::portal_page_only(q.page)) } }
                @if page.has_next { a rel="next" href=(list_href(&q, q.page + 1)) { (text::PORTAL_NEXT) } }
            }
        }
    };
    let canonical = format!(
        "{}{}",
        site.base,
        list_href(
            &PortalQuery {
                search: String::new(),
                ..q.clone()
            },
            q.page
        )
    );
    (
        page_headers(),
        layout(
            &site.office,
            text::PORTAL_INFO,
            text::PORTAL_DESCRIPTION,
            &canonical,
            body,
        ),
    )
        .into_response()
}

pub async fn item(
    State(app): State<AppState>,
    Extension(base): Extension<PublicBase>,
    Path(id): Path<String>,
) -> Response {
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    let info = match public::get(&app.db, &id).await {
        Ok(Some(i)) => i,
        Ok(None) => return refused(StatusCode::NOT_FOUND, text::PORTAL_NOT_FOUND, &site.base, &site.office),
        Err(e) => return internal(e),
    };
    let zone = site.zone;
    let body = html! {
        article class="card" data-testid="public-article" {
            h1 { (info.title) }
            p class="meta" {
                (text::PORTAL_PUBLISHED) " " (format_datetime(info.published_at, zone)) br;
                (info.unit) " · " span class="badge" { (info.kip.label()) } " · " (text::F_DIP_NO) " " (info.dip_no)
            }
            p { strong { (info.summary) } }
            div class="content" { (PreEscaped(&info.body_html)) }
            @if !info.links.is_empty() {
                h2 { (text::PORTAL_LINKS) }
                ul {
                    @for l in &info.links {
                        li { (l.channel) ": " a href=(l.url) rel="noopener nofollow" { (l.url) } }
                    }
                }
            }
        }
    };
    let canonical = format!("{}/informasi/{}", site.base, info.id);
    (
        page_headers(),
        layout(&site.office, &info.title, &info.summary, &canonical, body),
    )
        .into_response()
}

/// The DIP's seven columns, as the Perki KIP asks.
pub async fn dip(State(app): State<AppState>, Extension(base): Extension<PublicBase>) -> Response {
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
    let rows = match public::dip(&app.db).await {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let body = html! {
        h1 { (text::SECTION_REGISTER) }
        p class="meta downloads" {
            (text::PORTAL_DOWNLOAD) " "
            a href="/dip.csv" download { "CSV" } " · "
            a href="/dip.json" download { "JSON" } " · "
            a href="/dip.xlsx" download { "XLSX" }
        }
        div class="table-wrap" { table data-testid="dip-table" {
            thead { tr { @for c in text::DIP_COLUMNS { th { (c) } } } }
            tbody {
                @for i in &rows {
                    tr {
                        td { (i.dip_no) }
                        td { a href={ "/informasi/" (i.id) } { (i.title) } br; (i.summary) }
                        td { (i.unit) }
                        td { (i.responsible) }
                        td { (format_date(i.made_date)) ", " (i.made_place) }
                        td { (i.form) }
                        td { (i.retention) }
                    }
                }
            }
        } }
    };
    let canonical = format!("{}/dip", site.base);
    (
        page_headers(),
        layout(
            &site.office,
            text::SECTION_REGISTER,
            text::PORTAL_DIP_DESCRIPTION,
            &canonical,
            body,
        ),
    )
        .into_response()
}

/// Open data: the DIP as CSV, XLSX or JSON.
async fn dip_file(app: AppState, kind: &str) -> Response {
    let rows = match public::dip(&app.db).await {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let table = public::dip_table(&rows);
    let result = match kind {
        "csv" => export::csv(&table).map(|b| file(b, CSV, "daftar-informasi-publik.csv")),
        "xlsx" => export::xlsx(&[table]).map(|b| file(b, XLSX, "daftar-informasi-publik.xlsx")),
        _ => serde_json::to_vec_pretty(&public::dip_records(&rows))
            .map(|b| file(b, "application/json; charset=utf-8", "daftar-informasi-publik.json"))
            .map_err(|e| ServerError::internal(e.to_string())),
    };
    result.unwrap_or_else(internal)
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
        Err(e) => return internal(e),
    };
    let q = PortalQuery {
        page: 1,
        ..Default::default()
    };
    let items = match public::list(&app.db, &q).await {
        Ok(page) => page.items,
        Err(e) => return internal(e),
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
        .title(Text::plain(format!("{} — {}", text::PORTAL_INFO, site.office)))
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
        Err(e) => return internal(e),
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
            i.published_at.format("%Y-%m-%d")
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

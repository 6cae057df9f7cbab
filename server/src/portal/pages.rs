//! The portal's pages: the list with search, one item, and the DIP's seven columns.

use super::layout::{error_page, internal_error, page, site};
use super::query::{list_href, parse_query, ListQuery};
use super::PublicBase;
use app::domain::access;
use app::domain::time::{format_date, format_datetime};
use app::server::public::{self, PortalQuery, PAGE_SIZE};
use app::server::AppState;
use app::text;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use maud::{html, PreEscaped};

pub async fn list(
    State(app): State<AppState>,
    Extension(base): Extension<PublicBase>,
    Query(raw): Query<ListQuery>,
) -> Response {
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal_error(e),
    };
    let q = match parse_query(&raw) {
        Ok(q) => q,
        Err(message) => return error_page(StatusCode::BAD_REQUEST, message, &site.office),
    };
    let found = match public::list(&app.db, &q).await {
        Ok(r) => r,
        Err(e) => return internal_error(e),
    };
    let years = public::years(&app.db).await.unwrap_or_default();
    let items = &found.items;
    let pages = found.total.map(|t| t.div_ceil(PAGE_SIZE).max(1));
    let zone = site.zone;
    let body = html! {
        h1 { (text::portal_info()) }
        form class="search" method="get" action="/informasi" role="search" {
            label { (text::portal_search()) input type="search" name="q" value=(q.search) placeholder=(text::portal_search_hint()); }
            label { (text::f_kip())
                select name="kategori" {
                    option value="" { (text::portal_all()) }
                    @for k in access::public_categories() {
                        option value=(k.id()) selected[q.kip == Some(k)] { (k.label()) }
                    }
                }
            }
            label { (text::holidays_year())
                select name="tahun" {
                    option value="" { (text::portal_all()) }
                    @for y in &years {
                        option value=(y) selected[q.year == Some(*y)] { (y) }
                    }
                }
            }
            button type="submit" { (text::portal_search_button()) }
        }
        p class="meta" data-testid="result-count" {
            @if let Some(total) = found.total { (text::portal_count(total)) }
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
        @if q.page > 1 || found.has_next {
            nav class="pages" aria-label=(text::portal_pages()) {
                @if q.page > 1 { a rel="prev" href=(list_href(&q, q.page - 1)) { (text::portal_prev()) } }
                span { @if let Some(pages) = pages { (text::portal_page(q.page, pages)) } @else { (text::portal_page_only(q.page)) } }
                @if found.has_next { a rel="next" href=(list_href(&q, q.page + 1)) { (text::portal_next()) } }
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
    page(&site, text::portal_info(), text::portal_description(), &canonical, body)
}

pub async fn item(
    State(app): State<AppState>,
    Extension(base): Extension<PublicBase>,
    Path(id): Path<String>,
) -> Response {
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal_error(e),
    };
    let info = match public::get(&app.db, &id).await {
        Ok(Some(i)) => i,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, text::portal_not_found(), &site.office),
        Err(e) => return internal_error(e),
    };
    let zone = site.zone;
    let body = html! {
        article class="card" data-testid="public-article" {
            // The office writes in Bahasa Indonesia: its words keep their language on an English page.
            h1 lang="id" { (info.title) }
            p class="meta" {
                (text::portal_published()) " " (format_datetime(info.published_at, zone)) br;
                (info.unit) " · " span class="badge" { (info.kip.label()) } " · " (text::f_dip_no()) " " (info.dip_no)
            }
            p lang="id" { strong { (info.summary) } }
            div class="content" lang="id" { (PreEscaped(&info.body_html)) }
            @if info.photos().next().is_some() {
                h2 { (text::portal_photos()) }
                ul class="photos" data-testid="public-photos" {
                    @for p in info.photos() {
                        li { figure {
                            a href={ "/berkas/" (p.id) "/asli" } {
                                img src={ "/berkas/" (p.id) "/web" } alt=(p.alt) lang="id" loading="lazy" decoding="async";
                            }
                            @if !p.caption.is_empty() { figcaption lang="id" { (p.caption) } }
                        } }
                    }
                }
            }
            @if info.documents().next().is_some() {
                h2 { (text::portal_documents()) }
                ul data-testid="public-documents" {
                    @for d in info.documents() {
                        li { a href={ "/berkas/" (d.id) "/unduh" } download=(d.name) { (d.name) } }
                    }
                }
            }
            @if !info.links.is_empty() {
                h2 { (text::portal_links()) }
                ul {
                    @for l in &info.links {
                        li { (l.channel.label()) ": " a href=(l.url) rel="noopener nofollow" { (l.url) } }
                    }
                }
            }
        }
    };
    let canonical = format!("{}/informasi/{}", site.base, info.id);
    page(&site, &info.title, &info.summary, &canonical, body)
}

/// The DIP's seven columns, as the Perki KIP asks.
pub async fn dip(State(app): State<AppState>, Extension(base): Extension<PublicBase>) -> Response {
    let site = match site(&app, &base).await {
        Ok(s) => s,
        Err(e) => return internal_error(e),
    };
    let rows = match public::dip(&app.db).await {
        Ok(r) => r,
        Err(e) => return internal_error(e),
    };
    let body = html! {
        h1 { (text::section_register()) }
        p class="meta downloads" {
            (text::portal_download()) " "
            a href="/dip.csv" download { "CSV" } " · "
            a href="/dip.json" download { "JSON" } " · "
            a href="/dip.xlsx" download { "XLSX" }
        }
        div class="table-wrap" { table data-testid="dip-table" {
            thead { tr { @for c in text::dip_columns() { th { (c) } } } }
            tbody {
                @for i in &rows {
                    tr {
                        td { (i.dip_no) }
                        td { a href={ "/informasi/" (i.id) } { (i.title) } br; (i.summary) }
                        td { (i.unit) }
                        td { (i.responsible) }
                        td { (format_date(i.made_date)) ", " (i.made_place) }
                        td { (i.available_forms()) }
                        td { (i.retention) }
                    }
                }
            }
        } }
    };
    let canonical = format!("{}/dip", site.base);
    page(
        &site,
        text::section_register(),
        text::portal_dip_description(),
        &canonical,
        body,
    )
}

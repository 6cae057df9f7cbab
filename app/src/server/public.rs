//! What the public sees: the `info` table. An item enters it in the transaction that marks it
//! published, and only when its KIP category is not "dikecualikan"; nothing else ever writes
//! it. The public portal, its search, feed, sitemap and open data read nothing but this table,
//! so exempt, unpublished or in-progress material cannot reach them.

use super::db::Db;
use super::ServerError;
use crate::domain::register::berkala_due;
use crate::domain::time::OfficeZone;
use crate::domain::KipCategory;
use crate::views::{PublicInfo, PublicMedia, PublicationLink};
use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::SurrealValue;

/// One row of `public_info`, as written at publication.
#[derive(SurrealValue, Clone, Debug)]
pub struct InfoRow {
    pub key: String,
    pub dip_no: String,
    pub agenda_no: String,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub unit: String,
    pub responsible: String,
    pub made_date: String,
    pub made_place: String,
    pub form: String,
    pub retention: String,
    pub kip: String,
    pub published_at: DateTime<Utc>,
    pub year: i64,
    pub links: Vec<LinkRow>,
    /// The photos and documents published with it.
    pub media: Vec<MediaRow>,
    /// Title, summary, body and unit as [`search_terms`]: what full-text search looks in.
    pub search: String,
}

#[derive(SurrealValue, Clone, Debug)]
pub struct LinkRow {
    pub channel: String,
    pub url: String,
}

/// A photo or document of published information (its `media` record's id).
#[derive(SurrealValue, Clone, Debug)]
pub struct MediaRow {
    pub id: String,
    pub photo: bool,
    pub name: String,
    pub caption: String,
    pub alt: String,
}

/// The statement `items::perform` runs inside the publication transaction (`$info`: an
/// [`InfoRow`] without its key; `$public`: whether it may be shown).
pub const PUBLISH_STATEMENT: &str = "IF $public { CREATE type::record('public_info', [$now, $id]) CONTENT $info; };";

const FIELDS: &str = "*";

/// A stored row as the portal shows it. A value the schema should not have let in is an
/// internal error naming the row (logged), never a silent default.
fn view(r: InfoRow) -> Result<PublicInfo, ServerError> {
    let unreadable = |field: &str, value: &str| {
        ServerError::internal(format!("public_info {}: unreadable {field} {value:?}", r.key))
    };
    let made_date =
        NaiveDate::parse_from_str(&r.made_date, "%Y-%m-%d").map_err(|_| unreadable("made_date", &r.made_date))?;
    let kip = KipCategory::parse(&r.kip).ok_or_else(|| unreadable("kip", &r.kip))?;
    let links = r
        .links
        .iter()
        .map(|l| {
            Ok(PublicationLink {
                channel: crate::domain::Channel::parse(&l.channel).ok_or_else(|| unreadable("channel", &l.channel))?,
                url: l.url.clone(),
                // The portal names no staff.
                at: None,
                by: None,
            })
        })
        .collect::<Result<Vec<_>, ServerError>>()?;
    let media = r
        .media
        .into_iter()
        .map(|m| PublicMedia {
            id: m.id,
            photo: m.photo,
            name: m.name,
            caption: m.caption,
            alt: m.alt,
        })
        .collect();
    Ok(PublicInfo {
        id: r.key,
        dip_no: r.dip_no,
        agenda_no: r.agenda_no,
        title: r.title,
        summary: r.summary,
        body_html: r.body_html,
        unit: r.unit,
        responsible: r.responsible,
        made_date,
        made_place: r.made_place,
        form: r.form,
        retention: r.retention,
        kip,
        published_at: r.published_at,
        links,
        media,
    })
}

/// What the portal's list asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortalQuery {
    pub search: String,
    pub kip: Option<KipCategory>,
    pub year: Option<i32>,
    /// From 1.
    pub page: u32,
}

pub const PAGE_SIZE: u32 = 20;

/// The words search matches on: each reduced to its root (Sastrawi, the Nazief-Adriani
/// stemmer for Bahasa Indonesia), without stopwords. Indexed text and queries both go through
/// it, so "berkegiatan" finds "kegiatan" and "terbuka" finds "keterbukaan".
pub fn search_terms(text: &str) -> String {
    use sastrawi::{Dictionary, Stemmer};
    static ROOTS: std::sync::OnceLock<Dictionary> = std::sync::OnceLock::new();
    let stemmer = Stemmer::new(ROOTS.get_or_init(Dictionary::new));
    let terms: Vec<String> = stemmer.stem_sentence_filtered(text).map(|w| w.into_owned()).collect();
    if terms.is_empty() {
        text.to_lowercase()
    } else {
        terms.join(" ")
    }
}
/// Search words beyond these are ignored (a pasted paragraph is not a query).
const MAX_SEARCH_CHARS: usize = 200;

/// A page of the portal's list.
#[derive(Clone, Debug, PartialEq)]
pub struct PortalPage {
    pub items: Vec<PublicInfo>,
    /// How many match in all, when that is cheap to know (no filter, or a search).
    pub total: Option<u32>,
    pub has_next: bool,
}

#[derive(SurrealValue)]
struct Count {
    count: i64,
}

#[derive(SurrealValue)]
struct Match {
    key: String,
    published_at: DateTime<Utc>,
}

/// A page of published information, newest first, and what is known of the rest.
pub async fn list(db: &Db, q: &PortalQuery) -> Result<PortalPage, ServerError> {
    let search: String = q.search.trim().chars().take(MAX_SEARCH_CHARS).collect();
    let search = if search.is_empty() {
        search
    } else {
        search_terms(&search)
    };
    let mut conds = Vec::new();
    if q.kip.is_some() {
        conds.push("kip = $kip");
    }
    if q.year.is_some() {
        conds.push("year = $year");
    }
    let page = q.page.max(1);
    let start = ((page - 1) * PAGE_SIZE) as usize;
    if !search.is_empty() {
        // The matches (keys and dates only), newest first; then the page's rows by key.
        conds.insert(0, "search @@ $search");
        let mut res = db
            .query(format!(
                "SELECT key, published_at FROM public_info WHERE {}",
                conds.join(" AND ")
            ))
            .bind(("search", search))
            .bind(("kip", q.kip.map(|k| k.id())))
            .bind(("year", q.year.map(i64::from)))
            .await?;
        let mut matches: Vec<Match> = res.take(0)?;
        matches.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(b.key.cmp(&a.key)));
        let total = matches.len();
        let keys: Vec<String> = matches
            .into_iter()
            .skip(start)
            .take(PAGE_SIZE as usize)
            .map(|m| m.key)
            .collect();
        let mut res = db
            .query(format!(
                "SELECT {FIELDS} FROM public_info WHERE key IN $keys ORDER BY published_at DESC"
            ))
            .bind(("keys", keys))
            .await?;
        let rows: Vec<InfoRow> = res.take(0)?;
        return Ok(PortalPage {
            items: rows.into_iter().map(view).collect::<Result<_, _>>()?,
            total: Some(total as u32),
            has_next: total > start + PAGE_SIZE as usize,
        });
    }
    let cond = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    let count = if conds.is_empty() {
        "SELECT count() FROM public_info GROUP ALL;"
    } else {
        ""
    };
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM public_info {cond} ORDER BY id DESC LIMIT $limit START $start; {count}"
        ))
        .bind(("kip", q.kip.map(|k| k.id())))
        .bind(("year", q.year.map(i64::from)))
        .bind(("limit", i64::from(PAGE_SIZE) + 1))
        .bind(("start", start as i64))
        .await?;
    let mut rows: Vec<InfoRow> = res.take(0)?;
    let total = if conds.is_empty() {
        let t: Vec<Count> = res.take(1)?;
        Some(t.first().map(|c| c.count).unwrap_or(0) as u32)
    } else {
        None
    };
    let has_next = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    Ok(PortalPage {
        items: rows.into_iter().map(view).collect::<Result<_, _>>()?,
        total,
        has_next,
    })
}

pub async fn get(db: &Db, id: &str) -> Result<Option<PublicInfo>, ServerError> {
    let mut res = db
        .query(format!("SELECT {FIELDS} FROM public_info WHERE key = $id LIMIT 1"))
        .bind(("id", id.to_string()))
        .await?;
    let rows: Vec<InfoRow> = res.take(0)?;
    rows.into_iter().next().map(view).transpose()
}

/// The whole Daftar Informasi Publik, newest first.
pub async fn dip(db: &Db) -> Result<Vec<PublicInfo>, ServerError> {
    let mut res = db
        .query(format!("SELECT {FIELDS} FROM public_info ORDER BY id DESC"))
        .await?;
    let rows: Vec<InfoRow> = res.take(0)?;
    rows.into_iter().map(view).collect()
}

/// The years from the first publication to the last, newest first.
pub async fn years(db: &Db) -> Result<Vec<i32>, ServerError> {
    let mut res = db
        .query(
            "SELECT VALUE year FROM public_info ORDER BY id ASC LIMIT 1;
             SELECT VALUE year FROM public_info ORDER BY id DESC LIMIT 1;",
        )
        .await?;
    let first: Vec<i64> = res.take(0)?;
    let last: Vec<i64> = res.take(1)?;
    Ok(match (first.first(), last.first()) {
        (Some(&a), Some(&b)) => (a..=b).rev().map(|y| y as i32).collect(),
        _ => vec![],
    })
}

/// "Berkala" information due again within `days` (or overdue), for the PPID Pembantu.
pub async fn berkala_due_within(
    db: &Db,
    zone: OfficeZone,
    today: NaiveDate,
    days: i64,
) -> Result<Vec<(PublicInfo, NaiveDate)>, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM public_info WHERE kip = 'berkala' ORDER BY published_at"
        ))
        .await?;
    let rows: Vec<InfoRow> = res.take(0)?;
    let mut due = Vec::new();
    for row in rows {
        let i = view(row)?;
        let on = berkala_due(zone.today(i.published_at));
        if crate::domain::register::due_within(on, today, days) {
            due.push((i, on));
        }
    }
    Ok(due)
}

/// The DIP as a table (open data and the printed register): the seven columns of the Perki
/// KIP, then the category, the title and the links.
pub fn dip_table(rows: &[PublicInfo]) -> crate::domain::table::Table {
    use crate::domain::table::{Cell, Table};
    Table {
        key: "dip",
        title: crate::text::section_register().into(),
        columns: crate::text::dip_export_columns().to_vec(),
        rows: rows
            .iter()
            .map(|i| {
                vec![
                    Cell::Text(i.dip_no.clone()),
                    Cell::Text(i.summary.clone()),
                    Cell::Text(i.unit.clone()),
                    Cell::Text(i.responsible.clone()),
                    Cell::Date(i.made_date),
                    Cell::Text(i.made_place.clone()),
                    Cell::Text(i.available_forms()),
                    Cell::Text(i.retention.clone()),
                    Cell::Text(i.kip.label().into()),
                    Cell::Text(i.title.clone()),
                    Cell::Text(i.links.iter().map(|l| l.url.clone()).collect::<Vec<_>>().join(" ")),
                ]
            })
            .collect(),
    }
}

/// One DIP entry as open data (JSON), with Indonesian keys.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
pub struct DipRecord {
    pub nomor: String,
    pub ringkasan_isi_informasi: String,
    pub pejabat_atau_unit: String,
    pub penanggung_jawab: String,
    pub waktu_pembuatan: String,
    pub tempat_pembuatan: String,
    pub bentuk_informasi: String,
    pub jangka_waktu_penyimpanan: String,
    pub kategori: String,
    pub judul: String,
    pub tautan: Vec<String>,
    pub diterbitkan: String,
}

pub fn dip_records(rows: &[PublicInfo]) -> Vec<DipRecord> {
    rows.iter()
        .map(|i| DipRecord {
            nomor: i.dip_no.clone(),
            ringkasan_isi_informasi: i.summary.clone(),
            pejabat_atau_unit: i.unit.clone(),
            penanggung_jawab: i.responsible.clone(),
            waktu_pembuatan: i.made_date.format("%Y-%m-%d").to_string(),
            tempat_pembuatan: i.made_place.clone(),
            bentuk_informasi: i.available_forms(),
            jangka_waktu_penyimpanan: i.retention.clone(),
            kategori: i.kip.label().into(),
            judul: i.title.clone(),
            tautan: i.links.iter().map(|l| l.url.clone()).collect(),
            diterbitkan: i.published_at.to_rfc3339(),
        })
        .collect()
}

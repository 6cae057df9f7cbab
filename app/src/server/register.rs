//! The internal register ("Daftar Informasi"): every item in the pipeline and published, with
//! the DIP columns, filtered and searched, for the staff; and its table for exports and print.

use super::accounts::UserRow;
use super::db::Db;
use super::items::visible_to;
use super::ServerError;
use crate::domain::media::Format;
use crate::domain::table::{Cell, Table};
use crate::domain::Problem;
use crate::domain::{Draft, FieldError, KipCategory, State};
use crate::text;
use crate::views::{RegisterFilter, RegisterRow};
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct Row {
    key: String,
    agenda_year: i64,
    agenda_seq: i64,
    perihal: String,
    state: String,
    confidential: bool,
    participants: Vec<String>,
    draft: Option<serde_json::Value>,
    dip_no: Option<String>,
    published_at: Option<DateTime<Utc>>,
    exempt_at: Option<DateTime<Utc>>,
    publications: Vec<Link>,
    /// The names of the documents on the material, oldest first.
    documents: Vec<String>,
}

#[derive(SurrealValue)]
struct Link {
    url: String,
}

/// The filters, checked: a bad one says what to do.
struct Checked {
    kip: Option<KipCategory>,
    year: Option<i64>,
    unit: String,
    status: Option<Status>,
    q: String,
}

/// Where an item stands, as the register filters it: still in the pipeline, published, or
/// closed as exempt information (the register's list of exempt information).
#[derive(Clone, Copy)]
enum Status {
    InProcess,
    Published,
    Exempt,
}

impl Status {
    fn id(self) -> &'static str {
        match self {
            Status::InProcess => "proses",
            Status::Published => "terbit",
            Status::Exempt => "dikecualikan",
        }
    }
}

fn check(f: &RegisterFilter) -> Result<Checked, FieldError> {
    let kip = match f.kategori.trim() {
        "" => None,
        k => Some(KipCategory::parse(k).ok_or_else(|| FieldError::new("kategori", Problem::Choose))?),
    };
    let year = match f.tahun.trim() {
        "" => None,
        y => Some(
            y.parse::<i64>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
                .ok_or_else(|| FieldError::new("tahun", Problem::BadYear))?,
        ),
    };
    let status = match f.status.trim() {
        "" => None,
        "terbit" => Some(Status::Published),
        "proses" => Some(Status::InProcess),
        "dikecualikan" => Some(Status::Exempt),
        _ => return Err(FieldError::new("status", Problem::Choose)),
    };
    Ok(Checked {
        kip,
        year,
        unit: f.unit.trim().to_lowercase(),
        status,
        q: f.q.trim().to_lowercase(),
    })
}

pub async fn rows(
    db: &Db,
    me: &UserRow,
    filter: &RegisterFilter,
    zone: crate::domain::time::OfficeZone,
) -> Result<Vec<RegisterRow>, ServerError> {
    let f = check(filter)?;
    let mut res = db
        .query(
            "SELECT record::id(id) AS key, agenda_year, agenda_seq, perihal, state, confidential, participants,
                draft, dip_no, published_at, exempt_at, publications,
                (SELECT at, name FROM media WHERE item = record::id($parent.id) AND format IN $documents
                    ORDER BY at).name AS documents
             FROM item
             WHERE state != 'cancelled' AND ($year = NONE OR agenda_year = $year)
               AND ($kip = NONE OR draft.kip_category = $kip)
               AND ($status = NONE OR ($status = 'terbit' AND state = 'published')
                    OR ($status = 'dikecualikan' AND state = 'exempt')
                    OR ($status = 'proses' AND state NOT IN ['published', 'exempt']))
               AND ($unit = '' OR string::contains(string::lowercase(draft.register.unit OR ''), $unit))
             ORDER BY agenda_year DESC, agenda_seq DESC",
        )
        .bind(("year", f.year))
        .bind((
            "documents",
            Format::ALL
                .into_iter()
                .filter(|f| !f.is_photo())
                .map(|f| f.id().to_string())
                .collect::<Vec<_>>(),
        ))
        // The draft is stored as serde writes it: the category by its variant name.
        .bind((
            "kip",
            f.kip
                .map(serde_json::to_value)
                .transpose()
                .map_err(|e| ServerError::internal(e.to_string()))?,
        ))
        .bind(("status", f.status.map(Status::id)))
        .bind(("unit", f.unit.clone()))
        .await?;
    let rows: Vec<Row> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let Some(state) = State::parse(&r.state) else {
                tracing::error!(item = %r.key, state = %r.state, "unreadable state: left out of the register");
                return None;
            };
            if !visible_to(state, r.confidential, &r.participants, me) {
                return None;
            }
            let draft: Option<Draft> = match r.draft.clone().map(serde_json::from_value).transpose() {
                Ok(d) => d,
                Err(e) => {
                    tracing::error!(item = %r.key, error = %e, "stored draft unreadable: left out of the register");
                    return None;
                }
            };
            let reg = draft.as_ref().map(|d| d.register.clone()).unwrap_or_default();
            let row = RegisterRow {
                id: r.key,
                agenda_no: super::items::agenda_no(r.agenda_year, r.agenda_seq),
                dip_no: r.dip_no,
                title: draft.as_ref().map(|d| d.title.clone()).unwrap_or(r.perihal),
                summary: draft.as_ref().map(|d| d.summary.clone()).unwrap_or_default(),
                unit: reg.unit.clone(),
                responsible: reg.responsible.clone(),
                made_date: draft.as_ref().map(|d| d.activity_date),
                made_place: draft.as_ref().map(|d| d.activity_place.clone()).unwrap_or_default(),
                form: text::dip_available_forms(
                    &reg.info_form().map(|x| x.label().to_string()).unwrap_or_default(),
                    &r.documents.iter().map(String::as_str).collect::<Vec<_>>(),
                ),
                retention: reg.retention.clone(),
                kip: draft.as_ref().map(|d| d.kip_category),
                state,
                due: r
                    .published_at
                    .filter(|_| draft.as_ref().is_some_and(|d| d.kip_category == KipCategory::Berkala))
                    .map(|t| crate::domain::register::berkala_due(zone.today(t))),
                published_on: r.published_at.map(|t| zone.today(t)),
                links: r.publications.into_iter().map(|l| l.url).collect(),
                exempt_on: r.exempt_at.filter(|_| state == State::Exempt).map(|t| zone.today(t)),
                consequence_test: if state == State::Exempt {
                    reg.consequence_test.clone()
                } else {
                    String::new()
                },
            };
            // Category, status and unit are filtered by the database; the words also match the
            // agenda and DIP numbers as printed.
            let keep = f.q.is_empty()
                || [&row.title, &row.summary, &row.agenda_no]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&f.q))
                || row.dip_no.as_deref().is_some_and(|d| d.to_lowercase().contains(&f.q));
            keep.then_some(row)
        })
        .collect())
}

/// The register as a table (exports): the DIP columns, then category, status, links, and the
/// consequence test of exempt information.
pub fn table(rows: &[RegisterRow]) -> Table {
    let text_or_empty = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    Table {
        key: "daftar-informasi",
        title: text::register_title().into(),
        columns: text::register_columns().to_vec(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.agenda_no.clone()),
                    r.dip_no.as_deref().map(text_or_empty).unwrap_or(Cell::Empty),
                    Cell::Text(r.title.clone()),
                    text_or_empty(&r.summary),
                    text_or_empty(&r.unit),
                    text_or_empty(&r.responsible),
                    r.made_date.map(Cell::Date).unwrap_or(Cell::Empty),
                    text_or_empty(&r.made_place),
                    text_or_empty(&r.form),
                    text_or_empty(&r.retention),
                    r.kip.map(|k| Cell::Text(k.label().into())).unwrap_or(Cell::Empty),
                    Cell::Text(text::state_label(r.state).into()),
                    text_or_empty(&r.links.join(" ")),
                    text_or_empty(&r.consequence_test),
                ]
            })
            .collect(),
    }
}

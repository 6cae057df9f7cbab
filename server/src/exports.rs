//! File downloads of reports: `GET /laporan/ekspor?dari=…&sampai=…&format=xlsx` (every table,
//! one sheet each) or `format=csv&tabel=langkah` (one table). Same rules as the report page.

use app::domain::Problem;
use app::server::context::user_of;
use app::server::items::AsOf;
use app::server::{export, reports, AppState, ServerError};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    dari: String,
    #[serde(default)]
    sampai: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    tabel: String,
}

/// A download with its file name.
pub fn file(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV: &str = "text/csv; charset=utf-8";

pub async fn report(State(app): State<AppState>, session: Session, Query(q): Query<ExportQuery>) -> Response {
    let result: Result<Response, ServerError> = async {
        let me = user_of(&app.db, &session).await?;
        reports::authorized(&me)?;
        let at = AsOf::load(&app.db, app::server::clock::now()).await?;
        let period = reports::period(&q.dari, &q.sampai, at.today())?;
        let report = reports::report(&app.db, period).await?;
        let stem = format!(
            "laporan-warta-{}-{}",
            period.from.format("%Y%m%d"),
            period.to.format("%Y%m%d")
        );
        let tables = app::report_tables::tables(&report);
        match q.format.as_str() {
            "xlsx" | "" => Ok(file(export::xlsx(&tables)?, XLSX, &format!("{stem}.xlsx"))),
            "csv" => {
                let table = tables
                    .iter()
                    .find(|t| t.key == q.tabel)
                    .ok_or_else(|| app::error::AppError::invalid("tabel", Problem::UnknownTable))?;
                Ok(file(export::csv(table)?, CSV, &format!("{stem}-{}.csv", table.key)))
            }
            _ => Err(app::error::AppError::invalid("format", Problem::UnknownFormat).into()),
        }
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /daftar-informasi/ekspor?format=xlsx|csv&kategori=…&tahun=…&unit=…&status=…&q=…`
pub async fn register(
    State(app): State<AppState>,
    session: Session,
    Query(format): Query<FormatOnly>,
    Query(filter): Query<app::views::RegisterFilter>,
) -> Response {
    let result: Result<Response, ServerError> = async {
        let me = user_of(&app.db, &session).await?;
        let zone = app::server::settings::load(&app.db).await?.zone();
        let rows = app::server::register::rows(&app.db, &me, &filter, zone).await?;
        let table = app::server::register::table(&rows);
        match format.format.as_str() {
            "xlsx" | "" => Ok(file(export::xlsx(&[table])?, XLSX, "daftar-informasi.xlsx")),
            "csv" => Ok(file(export::csv(&table)?, CSV, "daftar-informasi.csv")),
            _ => Err(app::error::AppError::invalid("format", Problem::UnknownFormat).into()),
        }
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

#[derive(Deserialize)]
pub struct FormatOnly {
    #[serde(default)]
    format: String,
}

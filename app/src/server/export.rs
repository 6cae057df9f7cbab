//! Tables to files: CSV the way an Indonesian spreadsheet opens it (semicolons, decimal
//! commas, dd/mm/yyyy, a BOM so Excel reads UTF-8), and XLSX with typed cells and
//! Indonesian number formats, one sheet per table.

use super::ServerError;
use crate::domain::table::{Cell, Table};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub fn csv(table: &Table) -> Result<Vec<u8>, ServerError> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut out);
        let fail = |e: csv::Error| ServerError::internal(format!("csv: {e}"));
        w.write_record(&table.columns).map_err(fail)?;
        for row in &table.rows {
            w.write_record(row.iter().map(Cell::csv)).map_err(fail)?;
        }
        w.flush().map_err(|e| ServerError::internal(format!("csv: {e}")))?;
    }
    Ok(out)
}

/// An Excel sheet name: at most 31 characters, none of []:*?/\
fn sheet_name(title: &str) -> String {
    title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, ServerError> {
    let fail = |e: rust_xlsxwriter::XlsxError| ServerError::internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#EEF1F6");
    let int = Format::new().set_num_format("#,##0");
    let hours = Format::new().set_num_format("#,##0.0");
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&table.title)).map_err(fail)?;
        for (c, name) in table.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *name, &header)
                .map_err(fail)?;
            sheet
                .set_column_width(c as u16, (name.chars().count() as f64 + 4.0).max(12.0))
                .map_err(fail)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).map_err(fail)?;
                    }
                    Cell::Int(n) => {
                        sheet.write_number_with_format(r, c, *n as f64, &int).map_err(fail)?;
                    }
                    Cell::Hours(h) => {
                        sheet
                            .write_number_with_format(r, c, (h * 10.0).round() / 10.0, &hours)
                            .map_err(fail)?;
                    }
                    Cell::Percent(p) => {
                        sheet.write_number_with_format(r, c, *p, &percent).map_err(fail)?;
                    }
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::parse_from_str(&d.format("%Y-%m-%d").to_string()).map_err(fail)?;
                        sheet.write_datetime_with_format(r, c, &dt, &date).map_err(fail)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

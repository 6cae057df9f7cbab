//! The report as tables, in the user's language: what the report page shows and what the XLSX
//! and CSV downloads hold (one sheet each). Titles and headers come from the text layer.

use crate::domain::report::{share, Report};
use crate::domain::table::{Cell, Table};
use crate::text;

fn hours(seconds: i64) -> Cell {
    Cell::Hours(seconds as f64 / 3600.0)
}

fn percent(part: u32, whole: u32) -> Cell {
    share(part, whole).map(Cell::Percent).unwrap_or(Cell::Empty)
}

/// The report's tables, as shown and as exported (one sheet each).
pub fn tables(r: &Report) -> Vec<Table> {
    let summary = Table {
        key: "ringkasan",
        title: text::report_summary().into(),
        columns: text::report_summary_columns().to_vec(),
        rows: vec![vec![
            Cell::Date(r.period.from),
            Cell::Date(r.period.to),
            Cell::Int(r.started.into()),
            Cell::Int(r.finished.into()),
            Cell::Int(r.cancelled.into()),
            Cell::Int(r.exempt.into()),
            r.bottleneck
                .map(|s| Cell::Text(text::step_name(s)))
                .unwrap_or_else(|| Cell::Text(text::none_late().into())),
        ]],
    };
    let steps = Table {
        key: "langkah",
        title: text::report_steps().into(),
        columns: text::report_step_columns().to_vec(),
        rows: r
            .steps
            .iter()
            .map(|s| {
                let measured = s.count > 0;
                vec![
                    Cell::Int(s.step.into()),
                    Cell::Text(
                        text::steps()
                            .get(usize::from(s.step) - 1)
                            .copied()
                            .unwrap_or("-")
                            .into(),
                    ),
                    Cell::Int(s.count.into()),
                    if measured { hours(s.median) } else { Cell::Empty },
                    if measured { hours(s.p90) } else { Cell::Empty },
                    if measured { hours(s.target) } else { Cell::Empty },
                    percent(s.on_time, s.count),
                    hours(s.late_seconds),
                ]
            })
            .collect(),
    };
    let people = Table {
        key: "pegawai",
        title: text::report_people().into(),
        columns: text::report_people_columns().to_vec(),
        rows: r
            .people
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(p.name.clone()),
                    Cell::Int(p.items.into()),
                    Cell::Int(p.moves.into()),
                    percent(p.on_time, p.moves),
                ]
            })
            .collect(),
    };
    let channels = Table {
        key: "kanal",
        title: text::report_channels().into(),
        columns: text::report_channel_columns().to_vec(),
        rows: r
            .channels
            .iter()
            .map(|(c, n)| vec![Cell::Text(c.label().into()), Cell::Int((*n).into())])
            .collect(),
    };
    let kip = Table {
        key: "kip",
        title: text::report_kip().into(),
        columns: text::report_kip_columns().to_vec(),
        rows: r
            .kip
            .iter()
            .map(|(k, n)| vec![Cell::Text(k.label().into()), Cell::Int((*n).into())])
            .collect(),
    };
    vec![summary, steps, people, channels, kip]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::{compute, Period, ReportInput};
    use chrono::NaiveDate;

    #[test]
    fn five_tables_with_a_column_per_header() {
        let r = compute(
            Period::year_of(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()),
            &ReportInput::default(),
        );
        let tables = tables(&r);
        assert_eq!(tables.len(), 5);
        for t in &tables {
            for row in &t.rows {
                assert_eq!(row.len(), t.columns.len(), "{}", t.key);
            }
        }
    }
}

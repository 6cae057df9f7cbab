//! A table as reports and registers show and export it: Indonesian column names and typed
//! cells, written the Indonesian way (1.234; 2,5; 87,5%; 25/12/2026).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// A duration in hours (working hours), one decimal.
    Hours(f64),
    /// A fraction from 0 to 1.
    Percent(f64),
    Date(NaiveDate),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Short name for files and links ("langkah").
    pub key: &'static str,
    /// The title shown and the sheet's name.
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// "1.234.567" / "1,234,567" (the current locale's separator)
pub fn format_int(n: i64) -> String {
    let sep = crate::i18n::td_string!(crate::text::locale(), thousands_separator);
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "1.234,5" / "1,234.5" (one decimal, the current locale's decimal sign).
pub fn format_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let whole = format_int(tenths / 10);
    let whole = if tenths < 0 && tenths / 10 == 0 {
        format!("-{whole}")
    } else {
        whole
    };
    let point = crate::i18n::td_string!(crate::text::locale(), decimal_separator);
    format!("{whole}{point}{}", (tenths % 10).abs())
}

impl Cell {
    /// As shown on screen and written in CSV.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => format_int(*n),
            Cell::Hours(h) => format_decimal(*h),
            Cell::Percent(p) => format!("{}%", format_decimal(p * 100.0)),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }

    /// For CSV: like `display`, but integers without thousands separators, so that a
    /// spreadsheet in the Indonesian locale reads them as numbers; text that a spreadsheet would
    /// take for a formula (=, +, -, @) gets a leading apostrophe, so it stays text.
    pub fn csv(&self) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{t}"),
            other => other.display(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_indonesian_way() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1234), "1.234");
        assert_eq!(format_int(-1_234_567), "-1.234.567");
        assert_eq!(format_decimal(2.25), "2,3");
        assert_eq!(format_decimal(1234.04), "1.234,0");
        assert_eq!(format_decimal(-0.5), "-0,5");
        assert_eq!(Cell::Percent(0.875).display(), "87,5%");
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()).display(),
            "05/12/2026"
        );
        assert_eq!(Cell::Int(20_000).csv(), "20000");
        // A title typed as a formula stays text in a spreadsheet.
        assert_eq!(
            Cell::Text("=HYPERLINK(\"http://x\")".into()).csv(),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(Cell::Text("Rapat".into()).csv(), "Rapat");
    }
}

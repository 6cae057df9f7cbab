//! Office time: stored in UTC, shown in the office's zone, written as the user's locale writes it.
//!
//! Indonesia's three zones have fixed offsets and no daylight saving, so a fixed offset is exact.

use crate::i18n::td_string;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfficeZone {
    #[default]
    Wib,
    Wita,
    Wit,
}

impl OfficeZone {
    pub fn offset(self) -> FixedOffset {
        let hours = match self {
            OfficeZone::Wib => 7,
            OfficeZone::Wita => 8,
            OfficeZone::Wit => 9,
        };
        FixedOffset::east_opt(hours * 3600).expect("valid offset")
    }
    pub fn abbrev(self) -> &'static str {
        match self {
            OfficeZone::Wib => "WIB",
            OfficeZone::Wita => "WITA",
            OfficeZone::Wit => "WIT",
        }
    }
    pub fn parse(s: &str) -> Option<OfficeZone> {
        match s.trim().to_ascii_uppercase().as_str() {
            "WIB" | "ASIA/JAKARTA" => Some(OfficeZone::Wib),
            "WITA" | "ASIA/MAKASSAR" => Some(OfficeZone::Wita),
            "WIT" | "ASIA/JAYAPURA" => Some(OfficeZone::Wit),
            _ => None,
        }
    }
    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.offset()).date_naive()
    }
}

fn day_name(d: Weekday) -> &'static str {
    crate::text::weekdays()[d.num_days_from_monday() as usize]
}

fn month_name(month0: u32) -> &'static str {
    let l = crate::text::locale();
    match month0 {
        0 => td_string!(l, month_1),
        1 => td_string!(l, month_2),
        2 => td_string!(l, month_3),
        3 => td_string!(l, month_4),
        4 => td_string!(l, month_5),
        5 => td_string!(l, month_6),
        6 => td_string!(l, month_7),
        7 => td_string!(l, month_8),
        8 => td_string!(l, month_9),
        9 => td_string!(l, month_10),
        10 => td_string!(l, month_11),
        _ => td_string!(l, month_12),
    }
}

/// "Kamis, 26 November 2026" / "Thursday, 26 November 2026"
pub fn format_date(d: NaiveDate) -> String {
    td_string!(
        crate::text::locale(),
        date_long,
        weekday = day_name(d.weekday()),
        day = d.day(),
        month = month_name(d.month0()),
        year = d.year()
    )
    .into()
}

/// A stored `YYYY-MM-DD` date as "Kamis, 26 November 2026" (unchanged if it is not such a date).
pub fn format_iso_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(format_date)
        .unwrap_or_else(|_| iso.to_string())
}

/// "Kamis, 26 November 2026 pukul 09.00 WIB" / "Thursday, 26 November 2026, 09:00 WIB"
pub fn format_datetime(t: DateTime<Utc>, zone: OfficeZone) -> String {
    let local = t.with_timezone(&zone.offset());
    td_string!(
        crate::text::locale(),
        datetime_long,
        date = format_date(local.date_naive()),
        hour = format!("{:02}", local.hour()),
        minute = format!("{:02}", local.minute()),
        zone = zone.abbrev()
    )
    .into()
}

/// "3 hari 2 jam", "2 jam 10 menit", "5 menit", "baru saja" (in the current locale)
pub fn format_age(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let l = crate::text::locale();
    match (days, hours, mins) {
        (0, 0, 0) => td_string!(l, age_now).into(),
        (0, 0, m) => td_string!(l, age_minutes, m = m).into(),
        (0, h, 0) => td_string!(l, age_hours, h = h).into(),
        (0, h, m) => td_string!(l, age_hours_minutes, h = h, m = m).into(),
        (d, 0, _) => td_string!(l, age_days, d = d).into(),
        (d, h, _) => td_string!(l, age_days_hours, d = d, h = h).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_written_as_in_official_letters() {
        let t = Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap();
        assert_eq!(
            format_datetime(t, OfficeZone::Wib),
            "Kamis, 26 November 2026 pukul 09.00 WIB"
        );
        assert_eq!(
            format_datetime(t, OfficeZone::Wit),
            "Kamis, 26 November 2026 pukul 11.00 WIT"
        );
    }

    #[test]
    fn stored_dates_read_the_indonesian_way() {
        assert_eq!(format_iso_date("2026-11-27"), "Jumat, 27 November 2026");
        assert_eq!(format_iso_date("bukan tanggal"), "bukan tanggal");
    }

    #[test]
    fn the_office_day_follows_the_office_zone() {
        let late_evening_utc = Utc.with_ymd_and_hms(2026, 11, 26, 18, 0, 0).unwrap();
        assert_eq!(
            OfficeZone::Wib.today(late_evening_utc),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(format_age(30), "baru saja");
        assert_eq!(format_age(5 * 60), "5 menit");
        assert_eq!(format_age(2 * 3600 + 600), "2 jam 10 menit");
        assert_eq!(format_age(3 * 86400 + 7200 + 59), "3 hari 2 jam");
    }
}

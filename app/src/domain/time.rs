//! Office time: stored in UTC, shown in the office's zone, written the Indonesian way.
//!
//! Indonesia's three zones have fixed offsets and no daylight saving, so a fixed offset is exact.

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

const DAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn day_name(d: Weekday) -> &'static str {
    DAYS[d.num_days_from_monday() as usize]
}

/// "Kamis, 26 November 2026"
pub fn format_date(d: NaiveDate) -> String {
    format!(
        "{}, {} {} {}",
        day_name(d.weekday()),
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// A stored `YYYY-MM-DD` date as "Kamis, 26 November 2026" (unchanged if it is not such a date).
pub fn format_iso_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(format_date)
        .unwrap_or_else(|_| iso.to_string())
}

/// "Kamis, 26 November 2026 pukul 09.00 WIB"
pub fn format_datetime(t: DateTime<Utc>, zone: OfficeZone) -> String {
    let local = t.with_timezone(&zone.offset());
    format!(
        "{} pukul {:02}.{:02} {}",
        format_date(local.date_naive()),
        local.hour(),
        local.minute(),
        zone.abbrev()
    )
}

/// "3 hari 2 jam", "2 jam 10 menit", "5 menit", "baru saja"
pub fn format_age(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, 0) => "baru saja".to_string(),
        (0, 0, m) => format!("{m} menit"),
        (0, h, 0) => format!("{h} jam"),
        (0, h, m) => format!("{h} jam {m} menit"),
        (d, 0, _) => format!("{d} hari"),
        (d, h, _) => format!("{d} hari {h} jam"),
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

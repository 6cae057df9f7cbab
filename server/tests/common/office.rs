//! The office's business date, the one place every test and benchmark asks for it.
//!
//! The server reckons dates in the office's zone (WIB for a fresh database, the zone
//! `OfficeSettings::defaults` and `warta` without `WARTA_ZONE` start with). From 17:00 to 24:00 UTC
//! that date is not the machine's UTC date, so no test takes `Utc::now().date_naive()`.
#![allow(dead_code)]

use app::domain::time::OfficeZone;
use chrono::{Datelike, NaiveDate, Utc};

/// The zone of every test's office.
pub const OFFICE_ZONE: OfficeZone = OfficeZone::Wib;

/// Today in the office's zone, as the server reckons it.
pub fn office_today() -> NaiveDate {
    OFFICE_ZONE.today(Utc::now())
}

/// This year in the office's zone (agenda and DIP numbers count per office year).
pub fn office_year() -> i32 {
    office_today().year()
}

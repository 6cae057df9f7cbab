//! Working time: the office calendar (working days, office hours, holidays and collective
//! leave, the zone) and the arithmetic the time standards of the SOP need: how much working
//! time lies between two moments, and when a given amount of working time has passed.
//!
//! Times are UTC in and out; the calendar is read in the office's zone, which in Indonesia has
//! a fixed offset (no daylight saving), so the arithmetic is exact.

use super::time::OfficeZone;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far ahead `add_working` looks for working time before giving up (a calendar with
/// holidays declared for years on end).
const HORIZON_DAYS: i64 = 3 * 366;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeCalendar {
    pub zone: OfficeZone,
    /// Monday first.
    pub working_days: [bool; 7],
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    /// Public holidays and collective leave (cuti bersama), as local dates, with their names.
    pub holidays: BTreeMap<NaiveDate, String>,
}

/// Why a calendar cannot be used; the admin is told which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarError {
    NoWorkingDay,
    ClosesBeforeOpening,
}

impl Default for OfficeCalendar {
    /// Monday to Friday, 08.00 to 16.00, no holidays yet, WIB.
    fn default() -> Self {
        OfficeCalendar {
            zone: OfficeZone::Wib,
            working_days: [true, true, true, true, true, false, false],
            opens: NaiveTime::from_hms_opt(8, 0, 0).expect("valid time"),
            closes: NaiveTime::from_hms_opt(16, 0, 0).expect("valid time"),
            holidays: BTreeMap::new(),
        }
    }
}

impl OfficeCalendar {
    pub fn check(&self) -> Result<(), CalendarError> {
        if !self.working_days.iter().any(|d| *d) {
            return Err(CalendarError::NoWorkingDay);
        }
        if self.closes <= self.opens {
            return Err(CalendarError::ClosesBeforeOpening);
        }
        Ok(())
    }

    /// The length of one working day, in seconds: what "1 hari kerja" means.
    pub fn day_seconds(&self) -> i64 {
        (self.closes - self.opens).num_seconds().max(0)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.working_days[date.weekday().num_days_from_monday() as usize] && !self.holidays.contains_key(&date)
    }

    /// Office hours of a local date, as UTC moments (None on a day off).
    fn window(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        if !self.is_working_day(date) {
            return None;
        }
        let offset = self.zone.offset();
        let at = |t: NaiveTime| {
            offset
                .from_local_datetime(&date.and_time(t))
                .single()
                .map(|d| d.with_timezone(&Utc))
        };
        Some((at(self.opens)?, at(self.closes)?))
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.zone.offset()).date_naive()
    }

    /// Working seconds between two moments (0 when `to` is not after `from`). Evenings,
    /// nights, days off and holidays do not count.
    pub fn working_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = 0;
        let mut day = self.local_date(from);
        let last = self.local_date(to);
        while day <= last {
            if let Some((open, close)) = self.window(day) {
                let (start, end) = (open.max(from), close.min(to));
                if end > start {
                    total += (end - start).num_seconds();
                }
            }
            day += Duration::days(1);
        }
        total
    }

    /// The moment at which `seconds` of working time have passed since `from`. `None` only
    /// when the calendar has no working time within three years.
    pub fn add_working(&self, from: DateTime<Utc>, seconds: i64) -> Option<DateTime<Utc>> {
        if seconds <= 0 {
            return Some(from);
        }
        let mut left = seconds;
        let mut day = self.local_date(from);
        for _ in 0..HORIZON_DAYS {
            if let Some((open, close)) = self.window(day) {
                let start = open.max(from);
                if close > start {
                    let available = (close - start).num_seconds();
                    if left <= available {
                        return Some(start + Duration::seconds(left));
                    }
                    left -= available;
                }
            }
            day += Duration::days(1);
        }
        None
    }
}

/// A step's target duration, as the admin sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    WorkingHours(u32),
    WorkingDays(u32),
}

impl Target {
    pub fn seconds(self, calendar: &OfficeCalendar) -> i64 {
        match self {
            Target::WorkingHours(h) => i64::from(h) * 3600,
            Target::WorkingDays(d) => i64::from(d) * calendar.day_seconds(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use proptest::prelude::*;

    fn wib(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        OfficeZone::Wib
            .offset()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn calendar() -> OfficeCalendar {
        let mut c = OfficeCalendar::default();
        // Hari Raya and collective leave, 2026 (as an office would enter them).
        for d in [(3, 20), (3, 23), (12, 25)] {
            c.holidays
                .insert(NaiveDate::from_ymd_opt(2026, d.0, d.1).unwrap(), "Libur".into());
        }
        c
    }

    #[test]
    fn evenings_weekends_and_holidays_do_not_count() {
        let c = calendar();
        // Thursday 26 Nov 2026, 15.00 → Monday 30 Nov 09.00: 1 h + Friday 8 h + 1 h.
        assert_eq!(
            c.working_seconds(wib(2026, 11, 26, 15, 0), wib(2026, 11, 30, 9, 0)),
            10 * 3600
        );
        // A Saturday counts nothing.
        assert_eq!(c.working_seconds(wib(2026, 11, 28, 0, 0), wib(2026, 11, 29, 0, 0)), 0);
        // Thursday 19 March 15.00 → Tuesday 24 March 09.00 across two holidays and a weekend.
        assert_eq!(
            c.working_seconds(wib(2026, 3, 19, 15, 0), wib(2026, 3, 24, 9, 0)),
            2 * 3600
        );
        // Before opening and after closing on the same day.
        assert_eq!(c.working_seconds(wib(2026, 11, 26, 6, 0), wib(2026, 11, 26, 7, 59)), 0);
        assert_eq!(c.working_seconds(wib(2026, 11, 26, 16, 0), wib(2026, 11, 26, 23, 0)), 0);
    }

    #[test]
    fn adding_working_time_skips_what_does_not_count() {
        let c = calendar();
        // Friday 27 Nov 15.00 + 4 working hours → Monday 30 Nov 11.00.
        assert_eq!(
            c.add_working(wib(2026, 11, 27, 15, 0), 4 * 3600),
            Some(wib(2026, 11, 30, 11, 0))
        );
        // A disposition on Saturday evening, 1 working hour → Monday 09.00.
        assert_eq!(
            c.add_working(wib(2026, 11, 28, 20, 0), 3600),
            Some(wib(2026, 11, 30, 9, 0))
        );
        // One working day from Thursday 19 March 10.00 → Tuesday 24 March 10.00.
        assert_eq!(
            c.add_working(wib(2026, 3, 19, 10, 0), Target::WorkingDays(1).seconds(&c)),
            Some(wib(2026, 3, 24, 10, 0))
        );
    }

    #[test]
    fn zones_read_the_same_office_hours_locally() {
        for zone in [OfficeZone::Wib, OfficeZone::Wita, OfficeZone::Wit] {
            let c = OfficeCalendar {
                zone,
                ..OfficeCalendar::default()
            };
            let local = |h: u32| {
                zone.offset()
                    .with_ymd_and_hms(2026, 11, 26, h, 0, 0)
                    .single()
                    .unwrap()
                    .with_timezone(&Utc)
            };
            assert_eq!(c.working_seconds(local(7), local(17)), 8 * 3600, "{zone:?}");
        }
        // 08.00 WIT is 06.00 WIB: a WIB office is not open yet.
        let wit_eight = OfficeZone::Wit
            .offset()
            .with_ymd_and_hms(2026, 11, 26, 8, 0, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            OfficeCalendar::default().working_seconds(wit_eight, wit_eight + Duration::hours(2)),
            0
        );
    }

    #[test]
    fn a_calendar_without_working_time_is_refused() {
        let mut c = OfficeCalendar::default();
        c.working_days = [false; 7];
        assert_eq!(c.check(), Err(CalendarError::NoWorkingDay));
        assert_eq!(c.add_working(wib(2026, 1, 5, 9, 0), 60), None);
        let mut c = OfficeCalendar::default();
        c.closes = c.opens;
        assert_eq!(c.check(), Err(CalendarError::ClosesBeforeOpening));
    }

    fn any_moment() -> impl Strategy<Value = DateTime<Utc>> {
        // Any second in 2026–2027.
        (0i64..2 * 365 * 86_400).prop_map(|s| wib(2026, 1, 1, 0, 0) + Duration::seconds(s))
    }

    fn any_calendar() -> impl Strategy<Value = OfficeCalendar> {
        (
            prop::array::uniform7(any::<bool>()),
            6u32..10,
            14u32..18,
            prop::collection::btree_set(0i64..730, 0..30),
            prop::sample::select(vec![OfficeZone::Wib, OfficeZone::Wita, OfficeZone::Wit]),
        )
            .prop_filter("at least one working day", |(days, ..)| days.iter().any(|d| *d))
            .prop_map(|(working_days, opens, closes, holidays, zone)| OfficeCalendar {
                zone,
                working_days,
                opens: NaiveTime::from_hms_opt(opens, 30, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(closes, 0, 0).unwrap(),
                holidays: holidays
                    .into_iter()
                    .map(|d| {
                        (
                            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(d),
                            String::new(),
                        )
                    })
                    .collect(),
            })
    }

    proptest! {
        #[test]
        fn adding_then_measuring_gives_the_duration_back(c in any_calendar(), from in any_moment(), secs in 0i64..40 * 3600) {
            let until = c.add_working(from, secs).expect("working time within the horizon");
            prop_assert_eq!(c.working_seconds(from, until), secs);
            prop_assert!(until >= from);
        }

        #[test]
        fn working_time_adds_up_and_never_exceeds_the_clock(c in any_calendar(), a in any_moment(), x in 0i64..20 * 86_400, y in 0i64..20 * 86_400) {
            let b = a + Duration::seconds(x);
            let d = b + Duration::seconds(y);
            prop_assert_eq!(c.working_seconds(a, d), c.working_seconds(a, b) + c.working_seconds(b, d));
            prop_assert!(c.working_seconds(a, b) <= x);
        }

        #[test]
        fn time_outside_office_hours_never_counts(c in any_calendar(), day in 0i64..730, from_min in 0i64..1440, len in 0i64..1440) {
            let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(day);
            let local = |m: i64| c.zone.offset().from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap()).single().unwrap().with_timezone(&Utc) + Duration::minutes(m);
            let (from, to) = (local(from_min), local((from_min + len).min(1440)));
            let counted = c.working_seconds(from, to);
            if !c.is_working_day(date) {
                prop_assert_eq!(counted, 0);
            } else {
                // Only the overlap with office hours counts.
                let open = i64::from(c.opens.num_seconds_from_midnight()) / 60;
                let close = i64::from(c.closes.num_seconds_from_midnight()) / 60;
                let overlap = ((from_min + len).min(1440).min(close) - from_min.max(open)).max(0);
                prop_assert_eq!(counted, overlap * 60);
            }
        }
    }
}

//! The office's own settings, set by the administrator: the calendar working time is measured
//! on, the mutu baku of each step, the shorter targets of urgent items, and the letterhead of
//! printed documents. Forms come in raw and are parsed here, naming the field that is wrong.

use super::calendar::{OfficeCalendar, Target};
use super::media::{MediaLimits, MAX_FILE_MB_CEILING};
use super::problem::Checks;
use super::standard::{default_standards, target_seconds, StepStandard, UrgentShares};
use super::time::OfficeZone;
use super::{FieldError, Urgency};
use crate::domain::Problem;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The heading of printed documents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterhead {
    /// "PEMERINTAH KABUPATEN …"
    pub government: String,
    /// "DINAS KOMUNIKASI DAN INFORMATIKA"
    pub office: String,
    /// Street, town, telephone, e-mail, website: one line each.
    pub address: String,
    /// The logo as a `data:image/…;base64,` URL (empty: none).
    pub logo: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeSettings {
    pub calendar: OfficeCalendar,
    /// The nine steps, in order.
    pub standards: Vec<StepStandard>,
    pub shares: UrgentShares,
    pub letterhead: Letterhead,
    /// How DIP numbers are written ("DIP/{tahun}/{nomor}").
    #[serde(default = "default_dip_format")]
    pub dip_format: String,
    /// How large a photo or document may be, and how many an item may carry.
    #[serde(default)]
    pub media: MediaLimits,
}

fn default_dip_format() -> String {
    super::register::DEFAULT_DIP_FORMAT.to_string()
}

impl OfficeSettings {
    /// What an office starts with: DESIGN.md's standards, Monday to Friday 08.00-16.00.
    pub fn defaults(zone: OfficeZone) -> Self {
        OfficeSettings {
            calendar: OfficeCalendar {
                zone,
                ..OfficeCalendar::default()
            },
            standards: default_standards(),
            shares: UrgentShares::default(),
            letterhead: Letterhead {
                government: "PEMERINTAH DAERAH".into(),
                office: "PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI".into(),
                address: String::new(),
                logo: String::new(),
            },
            dip_format: default_dip_format(),
            media: MediaLimits::default(),
        }
    }

    pub fn zone(&self) -> OfficeZone {
        self.calendar.zone
    }

    pub fn standard(&self, step: u8) -> Option<&StepStandard> {
        self.standards.iter().find(|s| s.step == step)
    }

    /// The target (working seconds) a step gets when it starts now for an item.
    pub fn step_target(&self, step: u8, urgency: Urgency, serta_merta: bool) -> Option<i64> {
        self.standard(step)
            .map(|s| target_seconds(s, &self.calendar, self.shares, urgency, serta_merta))
    }

    /// The form that edits these settings, filled with their values.
    pub fn form(&self) -> SettingsForm {
        let c = &self.calendar;
        SettingsForm {
            zone: c.zone.abbrev().to_string(),
            working_days: c.working_days.to_vec(),
            opens: c.opens.format("%H:%M").to_string(),
            closes: c.closes.format("%H:%M").to_string(),
            steps: self
                .standards
                .iter()
                .map(|s| {
                    let (amount, unit) = match s.target {
                        Target::WorkingHours(h) => (h, "jam"),
                        Target::WorkingDays(d) => (d, "hari"),
                    };
                    StepForm {
                        kelengkapan: s.kelengkapan.join("\n"),
                        amount: amount.to_string(),
                        unit: unit.to_string(),
                        output: s.output.clone(),
                    }
                })
                .collect(),
            sangat_segera_percent: self.shares.sangat_segera.to_string(),
            serta_merta_percent: self.shares.serta_merta.to_string(),
            letterhead: self.letterhead.clone(),
            dip_format: self.dip_format.clone(),
            media_max_file_mb: self.media.max_file_mb.to_string(),
            media_max_files: self.media.max_files.to_string(),
        }
    }

    /// The holidays of one year as the admin edits them: "2026-12-25 Hari Raya Natal" per line.
    pub fn holiday_lines(&self, year: i32) -> String {
        self.calendar
            .holidays
            .iter()
            .filter(|(d, _)| d.year() == year)
            .map(|(d, name)| format!("{} {}", d.format("%Y-%m-%d"), name).trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The same settings with the holidays of `year` replaced by `lines`.
    pub fn with_holidays(&self, year: i32, lines: &str) -> Result<OfficeSettings, FieldError> {
        let parsed = parse_holidays(year, lines)?;
        let mut next = self.clone();
        next.calendar.holidays.retain(|d, _| d.year() != year);
        next.calendar.holidays.extend(parsed);
        Ok(next)
    }
}

/// One step's standard as typed: the checklist one item per line, the target as a number and a
/// unit ("jam" or "hari").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepForm {
    pub kelengkapan: String,
    pub amount: String,
    pub unit: String,
    pub output: String,
}

/// The settings form (everything but the holidays, which are edited per year).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub zone: String,
    /// Monday first, seven entries.
    pub working_days: Vec<bool>,
    pub opens: String,
    pub closes: String,
    pub steps: Vec<StepForm>,
    pub sangat_segera_percent: String,
    pub serta_merta_percent: String,
    pub letterhead: Letterhead,
    #[serde(default)]
    pub dip_format: String,
    #[serde(default)]
    pub media_max_file_mb: String,
    #[serde(default)]
    pub media_max_files: String,
}

/// Where pages load the letterhead logo from: Warta's own address (the CSP allows images from
/// Warta only), versioned by the logo's content so that a new logo is never an old cached one.
pub fn logo_url(logo: &str) -> String {
    // FNV-1a: a stable fingerprint of the data URL, the same in the browser and on the server.
    let hash = logo.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("/kop-surat/logo?v={hash:016x}")
}

/// The largest logo kept (as a data URL): a letterhead logo is small.
pub const LOGO_MAX_BYTES: usize = 300 * 1024;
const MAX_TARGET_HOURS: u32 = 200;
const MAX_TARGET_DAYS: u32 = 60;

fn parse_time(field: &str, raw: &str) -> Result<NaiveTime, FieldError> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw.trim(), "%H.%M"))
        .map_err(|_| FieldError::new(field, Problem::BadTime))
}

/// A whole number from `min` to `max`.
fn parse_whole(field: &str, raw: &str, min: u32, max: u32) -> Result<u32, FieldError> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            FieldError::new(
                field,
                Problem::OutOfRange {
                    min: min as usize,
                    max: max as usize,
                },
            )
        })
}

fn parse_percent(field: &str, raw: &str) -> Result<u8, FieldError> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|p| (10..=100).contains(p))
        .ok_or_else(|| FieldError::new(field, Problem::BadPercent { min: 10, max: 100 }))
}

/// One step's row of the mutu baku; each of its fields checked, refusals kept in `checks`.
fn parse_step(step: u8, form: &StepForm, checks: &mut Checks) -> Option<StepStandard> {
    let field = |name: &str| format!("steps.{}.{name}", step - 1);
    let kelengkapan: Vec<String> = form
        .kelengkapan
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .fold(Vec::new(), |mut acc, l| {
            if !acc.contains(&l) {
                acc.push(l);
            }
            acc
        });
    let kelengkapan = if kelengkapan.is_empty() || kelengkapan.iter().any(|k| k.chars().count() > 80) {
        checks.refuse(FieldError::new(
            &field("kelengkapan"),
            Problem::BadKelengkapan { step: step },
        ));
        None
    } else {
        Some(kelengkapan)
    };
    let amount = form.amount.trim().parse::<u32>().ok().filter(|a| *a >= 1);
    let target = match (form.unit.as_str(), amount) {
        ("jam", Some(h)) if h <= MAX_TARGET_HOURS => Some(Target::WorkingHours(h)),
        ("hari", Some(d)) if d <= MAX_TARGET_DAYS => Some(Target::WorkingDays(d)),
        _ => {
            checks.refuse(FieldError::new(
                &field("amount"),
                Problem::BadTarget {
                    step: step,
                    max_hours: MAX_TARGET_HOURS,
                    max_days: MAX_TARGET_DAYS,
                },
            ));
            None
        }
    };
    let output = form.output.trim().to_string();
    let output = if output.is_empty() || output.chars().count() > 120 {
        checks.refuse(FieldError::new(&field("output"), Problem::BadOutput { step: step }));
        None
    } else {
        Some(output)
    };
    Some(StepStandard {
        step,
        kelengkapan: kelengkapan?,
        target: target?,
        output: output?,
    })
}

/// The letterhead of printed pages; each of its fields checked, refusals kept in `checks`.
fn parse_letterhead(l: &Letterhead, checks: &mut Checks) -> Option<Letterhead> {
    let line = |field: &str, raw: &str, max: usize| -> Result<String, FieldError> {
        let v = raw.trim().to_string();
        if v.chars().count() > max {
            Err(FieldError::new(field, Problem::TooLong { max: max }))
        } else {
            Ok(v)
        }
    };
    let government = checks.take(line("letterhead.government", &l.government, 120));
    let office = checks.take(line("letterhead.office", &l.office, 120).and_then(|o| {
        if o.is_empty() {
            Err(FieldError::new("letterhead.office", Problem::Required))
        } else {
            Ok(o)
        }
    }));
    let address = checks.take(line("letterhead.address", &l.address, 400));
    let logo = l.logo.trim().to_string();
    let image = [
        "data:image/png;base64,",
        "data:image/jpeg;base64,",
        "data:image/svg+xml;base64,",
    ];
    let logo = if !logo.is_empty() && (!image.iter().any(|p| logo.starts_with(p)) || logo.len() > LOGO_MAX_BYTES) {
        checks.refuse(FieldError::new(
            "letterhead.logo",
            Problem::BadLogo {
                max_kib: LOGO_MAX_BYTES / 1024,
            },
        ));
        None
    } else {
        Some(logo)
    };
    Some(Letterhead {
        government: government?,
        office: office?,
        address: address?,
        logo: logo?,
    })
}

impl SettingsForm {
    /// The fields a browser posts for this form (the names `from_posted` reads), the logo apart.
    pub fn posted(&self) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = [
            ("zone", &self.zone),
            ("opens", &self.opens),
            ("closes", &self.closes),
            ("sangat_segera_percent", &self.sangat_segera_percent),
            ("serta_merta_percent", &self.serta_merta_percent),
            ("government", &self.letterhead.government),
            ("office", &self.letterhead.office),
            ("address", &self.letterhead.address),
            ("dip_format", &self.dip_format),
            ("media_max_file_mb", &self.media_max_file_mb),
            ("media_max_files", &self.media_max_files),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
        for (day, on) in self.working_days.iter().enumerate() {
            if *on {
                fields.push(("working_days".into(), day.to_string()));
            }
        }
        for (i, step) in self.steps.iter().enumerate() {
            let n = i + 1;
            fields.push((format!("kelengkapan{n}"), step.kelengkapan.clone()));
            fields.push((format!("amount{n}"), step.amount.clone()));
            fields.push((format!("unit{n}"), step.unit.clone()));
            fields.push((format!("output{n}"), step.output.clone()));
        }
        fields
    }

    /// The form as a browser posts it without script: `name=value` pairs, `working_days` once per
    /// ticked day (its index, Monday 0), the steps numbered from 1; the logo comes apart (a file).
    pub fn from_posted(fields: &[(String, String)], logo: String) -> SettingsForm {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let ticked: Vec<usize> = fields
            .iter()
            .filter(|(k, _)| k == "working_days")
            .filter_map(|(_, v)| v.parse().ok())
            .collect();
        SettingsForm {
            zone: get("zone"),
            working_days: (0..7).map(|day| ticked.contains(&day)).collect(),
            opens: get("opens"),
            closes: get("closes"),
            steps: (1..=crate::domain::standard::STEP_ACTIONS.len())
                .map(|n| StepForm {
                    kelengkapan: get(&format!("kelengkapan{n}")),
                    amount: get(&format!("amount{n}")),
                    unit: get(&format!("unit{n}")),
                    output: get(&format!("output{n}")),
                })
                .collect(),
            sangat_segera_percent: get("sangat_segera_percent"),
            serta_merta_percent: get("serta_merta_percent"),
            letterhead: Letterhead {
                government: get("government"),
                office: get("office"),
                address: get("address"),
                logo,
            },
            dip_format: get("dip_format"),
            media_max_file_mb: get("media_max_file_mb"),
            media_max_files: get("media_max_files"),
        }
    }

    /// New settings from this form; the holidays are kept from `current`. Every field is
    /// checked: the refusal names all that are wrong.
    pub fn parse(&self, current: &OfficeSettings) -> Result<OfficeSettings, FieldError> {
        let mut checks = Checks::default();
        let zone = checks.take(OfficeZone::parse(&self.zone).ok_or_else(|| FieldError::new("zone", Problem::Choose)));
        let working_days = checks.take(
            <[bool; 7]>::try_from(self.working_days.clone())
                .map_err(|_| FieldError::new("working_days", Problem::NoWorkingDay)),
        );
        let opens = checks.take(parse_time("opens", &self.opens));
        let closes = checks.take(parse_time("closes", &self.closes));
        let calendar = match (zone, working_days, opens, closes) {
            (Some(zone), Some(working_days), Some(opens), Some(closes)) => {
                let calendar = OfficeCalendar {
                    zone,
                    working_days,
                    opens,
                    closes,
                    holidays: current.calendar.holidays.clone(),
                };
                match calendar.check() {
                    Ok(()) => Some(calendar),
                    Err(super::calendar::CalendarError::NoWorkingDay) => {
                        checks.refuse(FieldError::new("working_days", Problem::NoWorkingDay));
                        None
                    }
                    Err(super::calendar::CalendarError::ClosesBeforeOpening) => {
                        checks.refuse(FieldError::new("closes", Problem::ClosesBeforeOpening));
                        None
                    }
                }
            }
            _ => None,
        };
        if self.steps.len() != 9 {
            checks.refuse(FieldError::new("steps", Problem::NineSteps));
        }
        let standards: Vec<Option<StepStandard>> = self
            .steps
            .iter()
            .zip(1u8..)
            .map(|(f, step)| parse_step(step, f, &mut checks))
            .collect();
        let sangat_segera = checks.take(parse_percent("sangat_segera_percent", &self.sangat_segera_percent));
        let serta_merta = checks.take(parse_percent("serta_merta_percent", &self.serta_merta_percent));
        let letterhead = parse_letterhead(&self.letterhead, &mut checks);
        let dip_format = checks.take(super::register::parse_dip_format(&self.dip_format));
        let max_file_mb = checks.take(parse_whole(
            "media_max_file_mb",
            &self.media_max_file_mb,
            1,
            MAX_FILE_MB_CEILING,
        ));
        let max_files = checks.take(parse_whole("media_max_files", &self.media_max_files, 1, 200));
        checks.finish()?;
        let standards: Option<Vec<StepStandard>> = standards.into_iter().collect();
        match (
            calendar,
            standards,
            sangat_segera,
            serta_merta,
            letterhead,
            dip_format,
            max_file_mb,
            max_files,
        ) {
            (
                Some(calendar),
                Some(standards),
                Some(sangat_segera),
                Some(serta_merta),
                Some(letterhead),
                Some(dip_format),
                Some(max_file_mb),
                Some(max_files),
            ) => Ok(OfficeSettings {
                calendar,
                standards,
                shares: UrgentShares {
                    sangat_segera,
                    serta_merta,
                },
                letterhead,
                dip_format,
                media: MediaLimits { max_file_mb, max_files },
            }),
            // Every `None` left a refusal, so `finish` has returned it.
            _ => Err(FieldError::new("steps", Problem::NineSteps)),
        }
    }
}

/// The holidays and collective leave of one year, one per line: a date (2026-12-25 or
/// 25/12/2026) and its name. Every date must fall in `year`.
pub fn parse_holidays(year: i32, lines: &str) -> Result<BTreeMap<NaiveDate, String>, FieldError> {
    let mut out = BTreeMap::new();
    for (n, line) in lines.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(date, "%d/%m/%Y"))
            .map_err(|_| FieldError::new("holidays", Problem::HolidayBadLine { line: n + 1 }))?;
        if date.year() != year {
            return Err(FieldError::new(
                "holidays",
                Problem::HolidayWrongYear {
                    line: n + 1,
                    year: year,
                },
            ));
        }
        let name: String = name.trim().chars().take(100).collect();
        out.insert(date, name);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_of_the_defaults_parses_back_to_them() {
        let s = OfficeSettings::defaults(OfficeZone::Wita);
        assert_eq!(s.form().parse(&s).unwrap(), s);
    }

    #[test]
    fn a_plain_post_of_the_form_reads_back_as_the_form() {
        let s = OfficeSettings::defaults(OfficeZone::Wib);
        let f = s.form();
        let mut posted = f.posted();
        assert_eq!(SettingsForm::from_posted(&posted, f.letterhead.logo.clone()), f);
        // A Saturday ticked is a working Saturday; an unticked Monday is not.
        posted.retain(|(k, v)| !(k == "working_days" && v == "0"));
        posted.push(("working_days".into(), "5".into()));
        let changed = SettingsForm::from_posted(&posted, String::new());
        assert!(!changed.working_days[0] && changed.working_days[5]);
    }

    #[test]
    fn a_changed_target_and_factor_change_the_targets_of_new_steps() {
        let s = OfficeSettings::defaults(OfficeZone::Wib);
        let mut f = s.form();
        f.steps[1].amount = "3".into();
        f.steps[4].unit = "jam".into();
        f.steps[4].amount = "6".into();
        f.sangat_segera_percent = "25".into();
        let next = f.parse(&s).unwrap();
        assert_eq!(next.step_target(2, Urgency::Biasa, false), Some(3 * 3600));
        assert_eq!(next.step_target(5, Urgency::Biasa, false), Some(6 * 3600));
        assert_eq!(next.step_target(2, Urgency::SangatSegera, false), Some(3 * 3600 / 4));
        assert_eq!(next.step_target(10, Urgency::Biasa, false), None);
    }

    #[test]
    fn bad_settings_name_the_field_to_fix() {
        let s = OfficeSettings::defaults(OfficeZone::Wib);
        let refused = |edit: &dyn Fn(&mut SettingsForm)| {
            let mut f = s.form();
            edit(&mut f);
            f.parse(&s).unwrap_err().field
        };
        assert_eq!(refused(&|f| f.working_days = vec![false; 7]), "working_days");
        assert_eq!(refused(&|f| f.closes = "07:00".into()), "closes");
        assert_eq!(refused(&|f| f.opens = "jam delapan".into()), "opens");
        assert_eq!(refused(&|f| f.steps[2].amount = "0".into()), "steps.2.amount");
        assert_eq!(refused(&|f| f.steps[2].unit = "minggu".into()), "steps.2.amount");
        assert_eq!(
            refused(&|f| f.steps[0].kelengkapan = " \n ".into()),
            "steps.0.kelengkapan"
        );
        assert_eq!(refused(&|f| f.steps[8].output = String::new()), "steps.8.output");
        assert_eq!(refused(&|f| f.steps.truncate(8)), "steps");
        assert_eq!(
            refused(&|f| f.serta_merta_percent = "150".into()),
            "serta_merta_percent"
        );
        assert_eq!(refused(&|f| f.zone = "GMT".into()), "zone");
        assert_eq!(
            refused(&|f| f.letterhead.logo = "https://example.org/logo.png".into()),
            "letterhead.logo"
        );
        assert_eq!(refused(&|f| f.dip_format = "DIP/{nomor}".into()), "dip_format");
        assert_eq!(refused(&|f| f.media_max_file_mb = "0".into()), "media_max_file_mb");
        assert_eq!(refused(&|f| f.media_max_file_mb = "51".into()), "media_max_file_mb");
        assert_eq!(refused(&|f| f.media_max_files = "banyak".into()), "media_max_files");
    }

    #[test]
    fn the_media_limits_are_the_administrators() {
        let current = OfficeSettings::defaults(OfficeZone::Wib);
        assert_eq!(
            current.media,
            MediaLimits {
                max_file_mb: 10,
                max_files: 30
            },
            "the issue's defaults"
        );
        let mut form = current.form();
        form.media_max_file_mb = " 25 ".into();
        form.media_max_files = "12".into();
        let saved = form.parse(&current).unwrap();
        assert_eq!(
            saved.media,
            MediaLimits {
                max_file_mb: 25,
                max_files: 12
            }
        );
        assert_eq!(saved.form().media_max_file_mb, "25");
        // Settings stored before the limits existed read with the defaults.
        let mut stored = serde_json::to_value(&current).unwrap();
        stored.as_object_mut().unwrap().remove("media");
        let read: OfficeSettings = serde_json::from_value(stored).unwrap();
        assert_eq!(read.media, MediaLimits::default());
    }

    #[test]
    fn holidays_are_entered_per_year_and_replace_only_that_year() {
        let s = OfficeSettings::defaults(OfficeZone::Wib)
            .with_holidays(2026, "2026-12-25 Hari Raya Natal\n24/12/2026 Cuti bersama\n\n")
            .unwrap()
            .with_holidays(2027, "2027-01-01 Tahun Baru")
            .unwrap();
        assert_eq!(
            s.holiday_lines(2026),
            "2026-12-24 Cuti bersama\n2026-12-25 Hari Raya Natal"
        );
        let s = s.with_holidays(2026, "2026-08-17 HUT RI").unwrap();
        assert_eq!(s.holiday_lines(2026), "2026-08-17 HUT RI");
        assert_eq!(s.holiday_lines(2027), "2027-01-01 Tahun Baru");
        assert!(!s.calendar.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
        let e = s
            .with_holidays(2026, "2026-08-17 HUT RI\n2027-01-02 Salah tahun")
            .unwrap_err();
        assert_eq!(e.problem, Problem::HolidayWrongYear { line: 2, year: 2026 });
        assert!(s.with_holidays(2026, "17 Agustus").is_err());
    }
}

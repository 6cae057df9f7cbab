//! A [`Problem`] on the wire: `{"code": "too_short", "min": 5}`, the code in snake case beside
//! the figures its message needs. Read through one flat record instead of serde's derived
//! internally tagged enum, which buffers every value and has a reader per variant: the browser
//! reads every refused request through this, and the derived reader alone was the largest
//! function of every page's script (BENCHMARKS.md, "Offline drafting under the budget").
//!
//! Both directions are generated from one list below; a variant missing from it does not
//! compile (`From<Problem>` matches every variant).

use super::input::Channel;
use super::problem::Problem;
use serde::{Deserialize, Serialize};

/// The flat record: the code and every figure any problem carries, each present only for the
/// codes that have it.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(Debug))]
pub struct Wire {
    code: Code,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_hours: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_days: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_kib: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_mb: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    years: Option<u64>,
}

impl Wire {
    fn new(code: Code) -> Self {
        Wire {
            code,
            min: None,
            max: None,
            channel: None,
            fields: None,
            item: None,
            step: None,
            max_hours: None,
            max_days: None,
            max_kib: None,
            max_mb: None,
            count: None,
            line: None,
            year: None,
            years: None,
        }
    }
}

/// A code without a figure its message needs (or with one out of range).
const MISSING: &str = "a problem without the figure its code needs";

macro_rules! wire {
    ($($variant:ident = $name:literal $({ $($field:ident),+ })?),+ $(,)?) => {
        /// The codes, one per variant of [`Problem`].
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[cfg_attr(test, derive(Debug))]
        pub enum Code {
            $($variant),+
        }

        /// Each code as on the wire, in the order of [`Code`].
        const NAMES: &[&str] = &[$($name),+];

        /// The codes in the same order.
        const CODES: &[Code] = &[$(Code::$variant),+];

        impl From<Problem> for Wire {
            fn from(p: Problem) -> Wire {
                match p {
                    $(Problem::$variant $({ $($field),+ })? => {
                        #[allow(unused_mut)]
                        let mut w = Wire::new(Code::$variant);
                        $($(w.$field = $field.try_into().ok();)+)?
                        w
                    })+
                }
            }
        }

        impl TryFrom<Wire> for Problem {
            type Error = &'static str;
            fn try_from(w: Wire) -> Result<Problem, &'static str> {
                Ok(match w.code {
                    $(Code::$variant => Problem::$variant $({ $(
                        $field: w.$field.and_then(|v| v.try_into().ok()).ok_or(MISSING)?,
                    )+ })?,)+
                })
            }
        }
    };
}

wire! {
    Required = "required",
    ReasonRequired = "reason_required",
    TooShort = "too_short" { min },
    TooDeep = "too_deep" { max },
    TooLong = "too_long" { max },
    BadDate = "bad_date",
    Choose = "choose",
    ActivityInFuture = "activity_in_future",
    DeadlineInPast = "deadline_in_past",
    LinkRequired = "link_required" { channel },
    LinkInvalid = "link_invalid" { channel },
    StaffNotEligible = "staff_not_eligible",
    RecipientNotSekretaris = "recipient_not_sekretaris",
    FormKeyInvalid = "form_key_invalid",
    DraftMissing = "draft_missing",
    RegisterMissing = "register_missing" { fields },
    ExemptNotPublished = "exempt_not_published",
    ChecklistUnknown = "checklist_unknown" { item },
    UsernameTaken = "username_taken",
    UsernameInvalid = "username_invalid",
    PasswordTooShort = "password_too_short" { min },
    PasswordWeak = "password_weak",
    PasswordWrong = "password_wrong",
    PasswordMismatch = "password_mismatch",
    RolesRequired = "roles_required",
    LastAdmin = "last_admin",
    BadTime = "bad_time",
    BadPercent = "bad_percent" { min, max },
    NoWorkingDay = "no_working_day",
    ClosesBeforeOpening = "closes_before_opening",
    NineSteps = "nine_steps",
    BadKelengkapan = "bad_kelengkapan" { step },
    BadTarget = "bad_target" { step, max_hours, max_days },
    BadOutput = "bad_output" { step },
    BadLogo = "bad_logo" { max_kib },
    HolidayBadLine = "holiday_bad_line" { line },
    HolidayWrongYear = "holiday_wrong_year" { line, year },
    PeriodReversed = "period_reversed",
    PeriodTooLong = "period_too_long" { years },
    DipFormatInvalid = "dip_format_invalid",
    UnknownTable = "unknown_table",
    UnknownFormat = "unknown_format",
    BadYear = "bad_year",
    PushServiceUnknown = "push_service_unknown",
    PushKeysInvalid = "push_keys_invalid",
    TooManyFiles = "too_many_files" { max },
    FileTooLarge = "file_too_large" { max_mb },
    FileTypeRefused = "file_type_refused",
    PhotoUnreadable = "photo_unreadable",
    AltTextMissing = "alt_text_missing" { count },
    OutOfRange = "out_of_range" { min, max },
    ScheduleInvalid = "schedule_invalid",
    HttpsRequired = "https_required",
    PostTooLong = "post_too_long" { channel, max },
    TooManyHashtags = "too_many_hashtags" { channel, max },
}

/// A code is its name: a table looked up, not a reader per name.
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(NAMES[*self as usize])
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| CODES[i])
            .ok_or_else(|| serde::de::Error::custom("an unknown problem code"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every figure filled: each code takes the ones it needs.
    fn full(code: Code) -> Wire {
        Wire {
            code,
            min: Some(3),
            max: Some(9),
            channel: Some(Channel::Instagram),
            fields: Some(vec!["register.unit".into()]),
            item: Some("foto".into()),
            step: Some(4),
            max_hours: Some(24),
            max_days: Some(2),
            max_kib: Some(512),
            max_mb: Some(10),
            count: Some(2),
            line: Some(7),
            year: Some(2026),
            years: Some(5),
        }
    }

    #[test]
    fn every_problem_reads_back_as_written() {
        for &code in CODES {
            let problem = Problem::try_from(full(code)).unwrap();
            let json = serde_json::to_string(&problem).unwrap();
            let back: Problem = serde_json::from_str(&json).unwrap();
            assert_eq!(back, problem, "{json}");
            assert_eq!(Wire::from(problem).code, code);
        }
    }

    #[test]
    fn the_wire_is_the_code_in_snake_case_beside_its_figures() {
        let json = |p: Problem| serde_json::to_value(p).unwrap();
        assert_eq!(json(Problem::Required), serde_json::json!({"code": "required"}));
        assert_eq!(
            json(Problem::TooShort { min: 5 }),
            serde_json::json!({"code": "too_short", "min": 5})
        );
        assert_eq!(
            json(Problem::LinkInvalid { channel: Channel::X }),
            serde_json::json!({"code": "link_invalid", "channel": "X"})
        );
        assert_eq!(
            json(Problem::HolidayWrongYear { line: 2, year: 2027 }),
            serde_json::json!({"code": "holiday_wrong_year", "line": 2, "year": 2027})
        );
    }

    #[test]
    fn a_problem_without_its_figures_or_with_an_unknown_code_is_refused() {
        assert!(serde_json::from_str::<Problem>(r#"{"code": "too_short"}"#).is_err());
        assert!(serde_json::from_str::<Problem>(r#"{"code": "bad_percent", "min": 300, "max": 9}"#).is_err());
        assert!(serde_json::from_str::<Problem>(r#"{"code": "no_such_problem"}"#).is_err());
    }
}

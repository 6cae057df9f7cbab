//! Why a value or a request is refused, as a code with its parameters. No sentences here: the
//! text layer (`text::problem`) turns a [`Problem`] into what the user reads, in their
//! language, so the same code reaches the browser and the log alike.

use super::input::Channel;
use serde::{Deserialize, Serialize};

/// What is wrong with a field (or a request), and the figures the message needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "super::problem_wire::Wire", try_from = "super::problem_wire::Wire")]
pub enum Problem {
    /// The field is empty.
    Required,
    /// A return or cancellation needs its reason.
    ReasonRequired,
    TooShort {
        min: usize,
    },
    /// Markdown nested deeper than anyone writes (quotes in quotes, lists in lists) or with more
    /// HTML tags than a publication has: refused before it is rendered.
    TooDeep {
        max: usize,
    },
    TooLong {
        max: usize,
    },
    /// Not a `YYYY-MM-DD` date.
    BadDate,
    /// Not one of the choices offered.
    Choose,
    /// A disposition is for an activity that took place: not after today.
    ActivityInFuture,
    DeadlineInPast,
    LinkRequired {
        channel: Channel,
    },
    LinkInvalid {
        channel: Channel,
    },
    /// The chosen person is not an active Staf Sekretariat.
    StaffNotEligible,
    /// The disposition's addressee is not an active Sekretaris.
    RecipientNotSekretaris,
    /// The form's key (what makes a second submission of one form give the same item) is not
    /// one this app makes, or belongs to another person's form.
    FormKeyInvalid,
    /// Sent on before a draft was saved.
    DraftMissing,
    /// Verification needs the register (DIP) fields named.
    RegisterMissing {
        fields: Vec<String>,
    },
    /// "Setujui" on exempt information: it is closed as exempt, never published.
    ExemptNotPublished,
    /// A kelengkapan that the step does not have.
    ChecklistUnknown {
        item: String,
    },
    UsernameTaken,
    UsernameInvalid,
    PasswordTooShort {
        min: usize,
    },
    /// Long enough, but easily guessed (a common word, a name, the office's name, a pattern).
    PasswordWeak,
    /// The current password given to change it is not the right one.
    PasswordWrong,
    /// The new password and its repetition differ.
    PasswordMismatch,
    RolesRequired,
    /// The last active administrator cannot lose the role or be deactivated.
    LastAdmin,
    /// Office hours: not `HH:MM`.
    BadTime,
    BadPercent {
        min: u8,
        max: u8,
    },
    NoWorkingDay,
    ClosesBeforeOpening,
    /// The standards of all nine SOP steps are needed.
    NineSteps,
    BadKelengkapan {
        step: u8,
    },
    BadTarget {
        step: u8,
        max_hours: u32,
        max_days: u32,
    },
    BadOutput {
        step: u8,
    },
    BadLogo {
        max_kib: usize,
    },
    HolidayBadLine {
        line: usize,
    },
    HolidayWrongYear {
        line: usize,
        year: i32,
    },
    PeriodReversed,
    PeriodTooLong {
        years: u32,
    },
    DipFormatInvalid,
    UnknownTable,
    UnknownFormat,
    /// A register filter's year that is not a year.
    BadYear,
    /// A push subscription whose address is not a known push service's (`domain::push`).
    PushServiceUnknown,
    /// A push subscription's keys are not the browser's (base64url of a P-256 key, 16 bytes).
    PushKeysInvalid,
    /// An item carries at most this many files (the administrator's limit).
    TooManyFiles {
        max: usize,
    },
    /// A file over the administrator's limit, in megabytes.
    FileTooLarge {
        max_mb: usize,
    },
    /// Not a photo (JPEG, PNG, WebP) or document (PDF, DOCX, XLSX), judged from its content.
    FileTypeRefused,
    /// A photo whose content cannot be read as the image it says it is.
    PhotoUnreadable,
    /// Photos without alt text cannot go to verification.
    AltTextMissing {
        count: usize,
    },
    /// Not a whole number from `min` to `max`.
    OutOfRange {
        min: usize,
        max: usize,
    },
    /// "Jadwalkan tayang" needs a date and time to come.
    ScheduleInvalid,
    /// A channel's address must be https (http only on this computer's own addresses).
    HttpsRequired,
    /// A channel's text longer than the channel takes (its room, the marker left out).
    PostTooLong {
        channel: Channel,
        max: usize,
    },
    /// More hashtags than the channel takes (Instagram: five).
    TooManyHashtags {
        channel: Channel,
        max: usize,
    },
}

/// A refused input: which field, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    /// The form's other refused fields, when the form was checked whole: a form marks them all
    /// at once, each at its field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<FieldError>,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        FieldError {
            field: field.to_string(),
            problem,
            others: vec![],
        }
    }

    /// Every refused field, in the form's order.
    pub fn all(&self) -> impl Iterator<Item = &FieldError> {
        std::iter::once(self).chain(self.others.iter())
    }

    /// What is wrong with `field`, if anything.
    pub fn about(&self, field: &str) -> Option<&FieldError> {
        self.all().find(|e| e.field == field)
    }
}

/// A form checked whole: every refused field is kept, in the form's order, so that the form
/// shows all of them at once instead of one per submission.
#[derive(Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    /// The value of a field's check, or `None` with its refusal kept.
    pub fn take<T>(&mut self, checked: Result<T, FieldError>) -> Option<T> {
        match checked {
            Ok(v) => Some(v),
            Err(e) => {
                self.refuse(e);
                None
            }
        }
    }

    /// Keeps a refusal (the first for a field: one message per field).
    pub fn refuse(&mut self, e: FieldError) {
        if !self.errors.iter().any(|x| x.field == e.field) {
            self.errors.push(e);
        }
    }

    /// The refusals as one error (the first, carrying the others), or none.
    pub fn finish(self) -> Result<(), FieldError> {
        let mut all = self.errors.into_iter();
        match all.next() {
            None => Ok(()),
            Some(mut first) => {
                first.others = all.collect();
                Err(first)
            }
        }
    }
}

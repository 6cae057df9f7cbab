//! The Daftar Informasi Publik (UU 14/2008, Perki KIP): the register fields of an item, what
//! verification requires of them, the DIP number format, and when "berkala" information is due
//! again.

use super::{FieldError, KipCategory};
use crate::domain::Problem;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// "Bentuk informasi yang tersedia".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InfoForm {
    Softcopy,
    Hardcopy,
    Both,
}

impl InfoForm {
    pub const ALL: [InfoForm; 3] = [InfoForm::Softcopy, InfoForm::Hardcopy, InfoForm::Both];
    pub fn id(self) -> &'static str {
        match self {
            InfoForm::Softcopy => "softcopy",
            InfoForm::Hardcopy => "hardcopy",
            InfoForm::Both => "keduanya",
        }
    }
    pub fn label(self) -> &'static str {
        let l = crate::text::locale();
        match self {
            InfoForm::Softcopy => crate::i18n::td_string!(l, form_softcopy),
            InfoForm::Hardcopy => crate::i18n::td_string!(l, form_hardcopy),
            InfoForm::Both => crate::i18n::td_string!(l, form_both),
        }
    }
    pub fn parse(id: &str) -> Option<InfoForm> {
        InfoForm::ALL.into_iter().find(|f| f.id() == id.trim())
    }
}

/// The register fields staff fill while drafting and the Sekretaris corrects. Empty strings are
/// allowed while drafting; verification requires them (see [`missing_for_verification`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFields {
    /// Pejabat atau unit yang menguasai informasi.
    #[serde(default)]
    pub unit: String,
    /// Penanggung jawab pembuatan atau penerbitan informasi.
    #[serde(default)]
    pub responsible: String,
    /// Bentuk informasi: an [`InfoForm`] id, or empty.
    #[serde(default)]
    pub form: String,
    /// Jangka waktu penyimpanan atau retensi arsip ("5 tahun").
    #[serde(default)]
    pub retention: String,
    /// Uji konsekuensi: required for "dikecualikan" information.
    #[serde(default)]
    pub consequence_test: String,
}

pub const UNIT_MAX: usize = 200;
pub const RETENTION_MAX: usize = 100;
pub const CONSEQUENCE_MAX: usize = 4_000;
pub const CONSEQUENCE_MIN: usize = 30;

impl RegisterFields {
    /// Trimmed, within limits; the form is a known choice or empty.
    pub fn parse(&self) -> Result<RegisterFields, FieldError> {
        let limit = |field: &str, raw: &str, max: usize| {
            let v = raw.trim().to_string();
            if v.chars().count() > max {
                Err(FieldError::new(field, Problem::TooLong { max: max }))
            } else {
                Ok(v)
            }
        };
        let form = self.form.trim();
        if !form.is_empty() && InfoForm::parse(form).is_none() {
            return Err(FieldError::new("register.form", Problem::Choose));
        }
        Ok(RegisterFields {
            unit: limit("register.unit", &self.unit, UNIT_MAX)?,
            responsible: limit("register.responsible", &self.responsible, UNIT_MAX)?,
            form: form.to_string(),
            retention: limit("register.retention", &self.retention, RETENTION_MAX)?,
            consequence_test: limit("register.consequence_test", &self.consequence_test, CONSEQUENCE_MAX)?,
        })
    }

    pub fn info_form(&self) -> Option<InfoForm> {
        InfoForm::parse(&self.form)
    }
}

/// The register fields still missing before material may be verified, as field ids
/// ("register.unit", …). A "dikecualikan" item needs its consequence test.
pub fn missing_for_verification(fields: &RegisterFields, kip: KipCategory) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if fields.unit.trim().is_empty() {
        missing.push("register.unit");
    }
    if fields.responsible.trim().is_empty() {
        missing.push("register.responsible");
    }
    if fields.info_form().is_none() {
        missing.push("register.form");
    }
    if fields.retention.trim().is_empty() {
        missing.push("register.retention");
    }
    if kip == KipCategory::Dikecualikan && fields.consequence_test.trim().chars().count() < CONSEQUENCE_MIN {
        missing.push("register.consequence_test");
    }
    missing
}

/// The register fields still missing, as one refusal naming the first field and listing all.
fn register_complete(fields: &RegisterFields, kip: KipCategory) -> Result<(), FieldError> {
    let missing = missing_for_verification(fields, kip);
    match missing.first() {
        None => Ok(()),
        Some(first) => Err(FieldError::new(
            first,
            Problem::RegisterMissing {
                fields: missing.iter().map(|f| f.to_string()).collect(),
            },
        )),
    }
}

/// "Setujui" (step 7): the register is complete and the information is not exempt. Exempt
/// information is never approved for publication: the Bidang closes it with
/// "Tetapkan Dikecualikan" (see [`check_exemption`]).
pub fn check_approval(fields: &RegisterFields, kip: KipCategory) -> Result<(), FieldError> {
    if kip == KipCategory::Dikecualikan {
        return Err(FieldError::new("kip_category", Problem::ExemptNotPublished));
    }
    register_complete(fields, kip)
}

/// "Tetapkan Dikecualikan" (step 7): the Bidang classifies the material as exempt with its
/// consequence test (UU 14/2008 art. 2(4)). Returns the register fields as they are recorded:
/// the category's test is the one the Bidang wrote; the other fields must be complete, for the
/// register lists exempt information too.
pub fn check_exemption(fields: &RegisterFields, consequence_test: &str) -> Result<RegisterFields, FieldError> {
    let test = consequence_test.trim();
    if test.chars().count() < CONSEQUENCE_MIN {
        return Err(FieldError::new(
            "register.consequence_test",
            Problem::TooShort { min: CONSEQUENCE_MIN },
        ));
    }
    let recorded = RegisterFields {
        consequence_test: test.to_string(),
        ..fields.clone()
    };
    register_complete(&recorded, KipCategory::Dikecualikan)?;
    Ok(recorded)
}

/// The default DIP number format.
pub const DEFAULT_DIP_FORMAT: &str = "DIP/{tahun}/{nomor}";

/// A DIP number format must hold the year and the number, so that numbers never repeat.
pub fn parse_dip_format(raw: &str) -> Result<String, FieldError> {
    let f = raw.trim();
    if !f.contains("{tahun}") || !f.contains("{nomor}") || f.chars().count() > 60 {
        return Err(FieldError::new("dip_format", Problem::DipFormatInvalid));
    }
    Ok(f.to_string())
}

/// "Berkala" information is announced at least every six months: when it falls due again,
/// from the (local) date it was published.
pub fn berkala_due(published: NaiveDate) -> NaiveDate {
    published.checked_add_months(Months::new(6)).unwrap_or(published)
}

/// Is it due within `days` of `today` (or already overdue)?
pub fn due_within(due: NaiveDate, today: NaiveDate, days: i64) -> bool {
    (due - today).num_days() <= days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> RegisterFields {
        RegisterFields {
            unit: "Dinas Komunikasi dan Informatika".into(),
            responsible: "Kepala Bidang Informasi Publik".into(),
            form: "keduanya".into(),
            retention: "5 tahun".into(),
            consequence_test: String::new(),
        }
    }

    #[test]
    fn verification_names_every_missing_register_field() {
        assert!(missing_for_verification(&complete(), KipCategory::Berkala).is_empty());
        let empty = RegisterFields::default();
        assert_eq!(
            missing_for_verification(&empty, KipCategory::Berkala),
            vec![
                "register.unit",
                "register.responsible",
                "register.form",
                "register.retention"
            ]
        );
        // Exempt information needs its consequence test, and a real one.
        assert_eq!(
            missing_for_verification(&complete(), KipCategory::Dikecualikan),
            vec!["register.consequence_test"]
        );
        let tested = RegisterFields {
            consequence_test: "Membuka informasi ini dapat mengganggu proses penegakan hukum (Pasal 17 huruf a)."
                .into(),
            ..complete()
        };
        assert!(missing_for_verification(&tested, KipCategory::Dikecualikan).is_empty());
    }

    #[test]
    fn register_input_is_checked() {
        let bad = RegisterFields {
            form: "mikrofilm".into(),
            ..complete()
        };
        assert_eq!(bad.parse().unwrap_err().field, "register.form");
        let long = RegisterFields {
            retention: "x".repeat(RETENTION_MAX + 1),
            ..complete()
        };
        assert_eq!(long.parse().unwrap_err().field, "register.retention");
        assert_eq!(complete().parse().unwrap(), complete());
    }

    #[test]
    fn a_dip_number_format_holds_the_year_and_the_number() {
        assert!(parse_dip_format(DEFAULT_DIP_FORMAT).is_ok());
        assert!(parse_dip_format("DIP/{nomor}").is_err());
        assert!(parse_dip_format("DIP-{tahun}").is_err());
        assert_eq!(
            parse_dip_format(" PPID/{tahun}/{nomor} ").unwrap(),
            "PPID/{tahun}/{nomor}"
        );
    }

    #[test]
    fn berkala_information_falls_due_six_months_on() {
        let due = berkala_due(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap());
        assert_eq!(due, NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
        assert!(due_within(due, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(), 30));
        assert!(!due_within(due, NaiveDate::from_ymd_opt(2027, 1, 20).unwrap(), 30));
        assert!(
            due_within(due, NaiveDate::from_ymd_opt(2027, 3, 5).unwrap(), 30),
            "overdue counts"
        );
    }

    #[test]
    fn exempt_information_is_never_approved_for_publication() {
        for kip in KipCategory::ALL.iter().copied() {
            let outcome = check_approval(&complete(), kip);
            if kip == KipCategory::Dikecualikan {
                assert_eq!(outcome.unwrap_err().problem, Problem::ExemptNotPublished);
            } else {
                assert_eq!(outcome, Ok(()));
            }
        }
        let mut partial = complete();
        partial.unit.clear();
        assert_eq!(
            check_approval(&partial, KipCategory::Berkala).unwrap_err().field,
            "register.unit"
        );
    }

    #[test]
    fn an_exemption_needs_a_real_consequence_test_and_the_register() {
        let short = check_exemption(&complete(), "rahasia").unwrap_err();
        assert_eq!(
            (short.field.as_str(), short.problem),
            ("register.consequence_test", Problem::TooShort { min: CONSEQUENCE_MIN })
        );
        let test = "Membuka dokumen ini menghambat proses penegakan hukum yang sedang berjalan.";
        let recorded = check_exemption(&complete(), &format!("  {test} ")).unwrap();
        assert_eq!(recorded.consequence_test, test);
        assert_eq!(recorded.unit, complete().unit);
        let mut partial = complete();
        partial.retention.clear();
        assert_eq!(check_exemption(&partial, test).unwrap_err().field, "register.retention");
    }
}

//! Parse, don't validate: raw form fields in, checked values out, or the field that is wrong.

use super::problem::Checks;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::problem::{FieldError, Problem};

macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $id:literal : $label:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn id(self) -> &'static str { match self { $($name::$variant => $id),+ } }
            /// The name shown to the user, in the current locale (`app/locales`).
            pub fn label(self) -> &'static str {
                let l = crate::text::locale();
                match self { $($name::$variant => crate::i18n::td_string!(l, $label)),+ }
            }
            pub fn parse(id: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.id() == id.trim()) }
        }
    };
}

choice!(
    /// "Sifat" of a disposition.
    Urgency { Biasa = "biasa": urgency_biasa, Segera = "segera": urgency_segera, SangatSegera = "sangat_segera": urgency_sangat_segera }
);
choice!(
    /// KIP category of the information (UU 14/2008).
    KipCategory {
        Berkala = "berkala": kip_berkala,
        SertaMerta = "serta_merta": kip_serta_merta,
        TersediaSetiapSaat = "setiap_saat": kip_setiap_saat,
        Dikecualikan = "dikecualikan": kip_dikecualikan,
    }
);
choice!(
    /// Where material is published.
    Channel {
        Website = "website": channel_website,
        Facebook = "facebook": channel_facebook,
        Instagram = "instagram": channel_instagram,
        X = "x": channel_x,
        Youtube = "youtube": channel_youtube,
        Tiktok = "tiktok": channel_tiktok,
        Whatsapp = "whatsapp": channel_whatsapp,
    }
);
choice!(
    /// Tick-box instructions of the disposition sheet.
    Instruction {
        BuatMateri = "buat_materi": instruction_buat_materi,
        Koordinasikan = "koordinasikan": instruction_koordinasikan,
        TindakLanjuti = "tindak_lanjuti": instruction_tindak_lanjuti,
        Dokumentasikan = "dokumentasikan": instruction_dokumentasikan,
        Arsipkan = "arsipkan": instruction_arsipkan,
    }
);

pub const PERIHAL_MAX: usize = 200;
pub const NOTE_MAX: usize = 2_000;
pub const REASON_MAX: usize = 1_000;
pub const JUDUL_MAX: usize = 200;
pub const RINGKASAN_MAX: usize = 1_000;
pub const ISI_MAX: usize = 50_000;
pub const PLACE_MAX: usize = 200;
pub const URL_MAX: usize = 2_000;

fn text_field(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    let len = value.chars().count();
    if len == 0 && min > 0 {
        return Err(FieldError::new(field, Problem::Required));
    }
    if len < min {
        return Err(FieldError::new(field, Problem::TooShort { min: min }));
    }
    if len > max {
        return Err(FieldError::new(field, Problem::TooLong { max: max }));
    }
    Ok(value.to_string())
}

fn date_field(field: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| FieldError::new(field, Problem::BadDate))
}

/// The disposition form (step 1), as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DispositionForm {
    pub perihal: String,
    pub activity_date: String,
    pub activity_place: String,
    pub urgency: String,
    pub confidential: bool,
    pub instructions: Vec<String>,
    pub note: String,
    pub deadline: String,
    /// Record id of the Sekretaris the disposition goes to.
    pub to_user: String,
    /// Made by the browser when the form is opened: a second submission of the same form (a
    /// double click, a retry after a lost answer) gives the item the first one made.
    #[serde(default)]
    pub form_key: String,
}

/// The longest form key accepted (a UUID is 36 characters).
pub const FORM_KEY_MAX: usize = 64;

/// A checked disposition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disposition {
    pub perihal: String,
    pub activity_date: NaiveDate,
    pub activity_place: String,
    pub urgency: Urgency,
    pub confidential: bool,
    pub instructions: Vec<Instruction>,
    pub note: String,
    pub deadline: NaiveDate,
    pub to_user: String,
    /// The form's key, when the browser sent one.
    pub form_key: Option<String>,
}

impl DispositionForm {
    /// `today` is the office's date: an activity "that took place" is not in the future,
    /// and a deadline is not in the past.
    /// Every field is checked: the refusal names all that are wrong.
    pub fn parse(&self, today: NaiveDate) -> Result<Disposition, FieldError> {
        let mut checks = Checks::default();
        let perihal = checks.take(text_field("perihal", &self.perihal, 5, PERIHAL_MAX));
        let activity_date = checks.take(activity_date(&self.activity_date, today));
        let activity_place = checks.take(text_field("activity_place", &self.activity_place, 2, PLACE_MAX));
        let urgency =
            checks.take(Urgency::parse(&self.urgency).ok_or_else(|| FieldError::new("urgency", Problem::Choose)));
        let mut instructions = Vec::new();
        for raw in &self.instructions {
            match Instruction::parse(raw) {
                Some(i) if !instructions.contains(&i) => instructions.push(i),
                Some(_) => {}
                None => checks.refuse(FieldError::new("instructions", Problem::Choose)),
            }
        }
        if instructions.is_empty() {
            checks.refuse(FieldError::new("instructions", Problem::Choose));
        }
        let note = checks.take(text_field("note", &self.note, 0, NOTE_MAX));
        let deadline = checks.take(date_field("deadline", &self.deadline).and_then(|d| {
            if d < today {
                Err(FieldError::new("deadline", Problem::DeadlineInPast))
            } else {
                Ok(d)
            }
        }));
        let to_user = self.to_user.trim().to_string();
        if to_user.is_empty() {
            checks.refuse(FieldError::new("to_user", Problem::Choose));
        }
        let form_key = self.form_key.trim();
        let well_formed = |k: &str| {
            (8..=FORM_KEY_MAX).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if !form_key.is_empty() && !well_formed(form_key) {
            checks.refuse(FieldError::new("form_key", Problem::FormKeyInvalid));
        }
        checks.finish()?;
        match (perihal, activity_date, activity_place, urgency, note, deadline) {
            (Some(perihal), Some(activity_date), Some(activity_place), Some(urgency), Some(note), Some(deadline)) => {
                Ok(Disposition {
                    perihal,
                    activity_date,
                    activity_place,
                    urgency,
                    confidential: self.confidential,
                    instructions,
                    note,
                    deadline,
                    to_user,
                    form_key: (!form_key.is_empty()).then(|| form_key.to_string()),
                })
            }
            // Every `None` left a refusal, so `finish` has returned it.
            _ => Err(FieldError::new("perihal", Problem::Required)),
        }
    }
}

/// The date an activity took place: a date, and not after the office's `today`.
fn activity_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let d = date_field("activity_date", raw)?;
    if d > today {
        return Err(FieldError::new("activity_date", Problem::ActivityInFuture));
    }
    Ok(d)
}

/// The material editor (steps 5 and 6), as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub activity_name: String,
    pub activity_date: String,
    pub activity_place: String,
    pub channels: Vec<String>,
    pub kip_category: String,
    /// The register (DIP) fields; may stay empty until verification.
    #[serde(default)]
    pub register: super::register::RegisterFields,
}

/// A checked draft of the publication material.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub activity_name: String,
    pub activity_date: NaiveDate,
    pub activity_place: String,
    pub channels: Vec<Channel>,
    pub kip_category: KipCategory,
    /// Drafts saved before the register existed have none.
    #[serde(default)]
    pub register: super::register::RegisterFields,
}

/// How deep quotes and lists may nest in a material's Markdown.
pub const MARKDOWN_DEPTH_MAX: usize = 8;
/// How many HTML tags a material's Markdown may hold.
pub const MARKDOWN_TAGS_MAX: usize = 500;

/// A Markdown text a renderer handles quickly: quotes and lists nested at most
/// [`MARKDOWN_DEPTH_MAX`] deep and at most [`MARKDOWN_TAGS_MAX`] HTML tags. A crafted text beyond
/// that (`>` × 50,000) costs seconds to minutes of rendering on every reading.
pub fn check_markdown_shape(field: &str, text: &str) -> Result<(), FieldError> {
    let too_deep = FieldError::new(
        field,
        Problem::TooDeep {
            max: MARKDOWN_DEPTH_MAX,
        },
    );
    for line in text.lines() {
        let mut depth = 0;
        let mut indent = 0;
        for c in line.chars() {
            match c {
                '>' => depth += 1,
                ' ' => indent += 1,
                '\t' => indent += 4,
                '-' | '*' | '+' => depth += 1,
                _ => break,
            }
        }
        if depth + indent / 2 > MARKDOWN_DEPTH_MAX * 2 {
            return Err(too_deep);
        }
    }
    if text.matches('<').count() > MARKDOWN_TAGS_MAX {
        return Err(too_deep);
    }
    Ok(())
}

impl DraftForm {
    /// Every field is checked: the refusal names all that are wrong.
    pub fn parse(&self, today: NaiveDate) -> Result<Draft, FieldError> {
        let mut checks = Checks::default();
        let title = checks.take(text_field("title", &self.title, 5, JUDUL_MAX));
        let summary = checks.take(text_field("summary", &self.summary, 10, RINGKASAN_MAX));
        let body = checks.take(
            text_field("body", &self.body, 20, ISI_MAX).and_then(|b| check_markdown_shape("body", &b).map(|()| b)),
        );
        let activity_name = checks.take(text_field("activity_name", &self.activity_name, 3, PERIHAL_MAX));
        let activity_date = checks.take(activity_date(&self.activity_date, today));
        let activity_place = checks.take(text_field("activity_place", &self.activity_place, 2, PLACE_MAX));
        let mut channels = Vec::new();
        for raw in &self.channels {
            match Channel::parse(raw) {
                Some(c) if !channels.contains(&c) => channels.push(c),
                Some(_) => {}
                None => checks.refuse(FieldError::new("channels", Problem::Choose)),
            }
        }
        if channels.is_empty() {
            checks.refuse(FieldError::new("channels", Problem::Choose));
        }
        let kip_category = checks.take(
            KipCategory::parse(&self.kip_category).ok_or_else(|| FieldError::new("kip_category", Problem::Choose)),
        );
        let register = checks.take(self.register.parse());
        checks.finish()?;
        match (
            title,
            summary,
            body,
            activity_name,
            activity_date,
            activity_place,
            kip_category,
            register,
        ) {
            (
                Some(title),
                Some(summary),
                Some(body),
                Some(activity_name),
                Some(activity_date),
                Some(activity_place),
                Some(kip_category),
                Some(register),
            ) => Ok(Draft {
                title,
                summary,
                body,
                activity_name,
                activity_date,
                activity_place,
                channels,
                kip_category,
                register,
            }),
            // Every `None` left a refusal, so `finish` has returned it.
            _ => Err(FieldError::new("title", Problem::Required)),
        }
    }
}

impl Draft {
    pub fn to_form(&self) -> DraftForm {
        DraftForm {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            activity_name: self.activity_name.clone(),
            activity_date: self.activity_date.format("%Y-%m-%d").to_string(),
            activity_place: self.activity_place.clone(),
            channels: self.channels.iter().map(|c| c.id().to_string()).collect(),
            kip_category: self.kip_category.id().to_string(),
            register: self.register.clone(),
        }
    }
}

/// A reason for a return or a cancellation.
pub fn parse_reason(raw: &str) -> Result<String, FieldError> {
    text_field("reason", raw, 5, REASON_MAX)
}

/// The written reason a move carries: for "Tetapkan Dikecualikan" it is the consequence test,
/// recorded in the register, with that field's bounds.
pub fn parse_move_reason(kind: super::ActionKind, raw: &str) -> Result<String, FieldError> {
    use super::register::{CONSEQUENCE_MAX, CONSEQUENCE_MIN};
    if kind == super::ActionKind::ClassifyExempt {
        text_field("register.consequence_test", raw, CONSEQUENCE_MIN, CONSEQUENCE_MAX)
    } else {
        parse_reason(raw)
    }
}

/// An optional note on a move.
pub fn parse_note(raw: &str) -> Result<String, FieldError> {
    text_field("note", raw, 0, NOTE_MAX)
}

/// A link to a published post: an absolute http(s) URL with a host.
pub fn parse_post_url(channel: Channel, raw: &str) -> Result<String, FieldError> {
    let field = format!("link_{}", channel.id());
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(&field, Problem::LinkRequired { channel: channel }));
    }
    if value.len() > URL_MAX {
        return Err(FieldError::new(&field, Problem::TooLong { max: URL_MAX }));
    }
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')) => {
            Ok(u.to_string())
        }
        _ => Err(FieldError::new(&field, Problem::LinkInvalid { channel: channel })),
    }
}

/// The links of a "Tandai Sudah Tayang": one per target channel, each a URL.
pub fn parse_publication_links(
    targets: &[Channel],
    links: &[(String, String)],
) -> Result<Vec<(Channel, String)>, FieldError> {
    targets
        .iter()
        .map(|c| {
            let raw = links
                .iter()
                .find(|(id, _)| id == c.id())
                .map(|(_, u)| u.as_str())
                .unwrap_or("");
            parse_post_url(*c, raw).map(|u| (*c, u))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn disposition() -> DispositionForm {
        DispositionForm {
            perihal: "Rapat koordinasi PPID".into(),
            activity_date: "2026-11-25".into(),
            activity_place: "Aula Kantor".into(),
            urgency: "segera".into(),
            confidential: false,
            instructions: vec!["buat_materi".into()],
            note: "".into(),
            deadline: "2026-11-28".into(),
            to_user: "user:sek".into(),
            form_key: String::new(),
        }
    }

    fn draft() -> DraftForm {
        DraftForm {
            title: "Rapat Koordinasi PPID 2026".into(),
            summary: "Ringkasan rapat koordinasi.".into(),
            body: "Isi materi publikasi yang cukup panjang.".into(),
            activity_name: "Rapat Koordinasi".into(),
            activity_date: "2026-11-25".into(),
            activity_place: "Aula".into(),
            channels: vec!["website".into(), "instagram".into()],
            kip_category: "berkala".into(),
            register: Default::default(),
        }
    }

    #[test]
    fn a_complete_disposition_parses() {
        let d = disposition().parse(today()).unwrap();
        assert_eq!(d.urgency, Urgency::Segera);
        assert_eq!(d.instructions, vec![Instruction::BuatMateri]);
        assert_eq!(d.form_key, None);
        let keyed = DispositionForm {
            form_key: " 0f8e2c1a-5b7d-4e3f-9a21-6c4d8b0e7f13 ".into(),
            ..disposition()
        };
        assert_eq!(
            keyed.parse(today()).unwrap().form_key.as_deref(),
            Some("0f8e2c1a-5b7d-4e3f-9a21-6c4d8b0e7f13")
        );
    }

    #[test]
    fn each_bad_disposition_field_is_named() {
        let cases: Vec<(&str, Box<dyn Fn(&mut DispositionForm)>)> = vec![
            ("perihal", Box::new(|f| f.perihal = "   ".into())),
            ("perihal", Box::new(|f| f.perihal = "x".repeat(PERIHAL_MAX + 1))),
            ("activity_date", Box::new(|f| f.activity_date = "26/11/2026".into())),
            ("activity_date", Box::new(|f| f.activity_date = "2026-12-01".into())),
            ("activity_place", Box::new(|f| f.activity_place = "".into())),
            ("urgency", Box::new(|f| f.urgency = "kilat".into())),
            ("instructions", Box::new(|f| f.instructions.clear())),
            ("instructions", Box::new(|f| f.instructions = vec!["hapus".into()])),
            ("note", Box::new(|f| f.note = "n".repeat(NOTE_MAX + 1))),
            ("deadline", Box::new(|f| f.deadline = "2026-11-01".into())),
            ("to_user", Box::new(|f| f.to_user = " ".into())),
            ("form_key", Box::new(|f| f.form_key = "kunci'; DELETE item".into())),
            ("form_key", Box::new(|f| f.form_key = "pendek".into())),
            ("form_key", Box::new(|f| f.form_key = "a".repeat(FORM_KEY_MAX + 1))),
        ];
        for (field, break_it) in cases {
            let mut f = disposition();
            break_it(&mut f);
            let err = f.parse(today()).unwrap_err();
            assert_eq!(err.field, field);
        }
    }

    #[test]
    fn a_draft_needs_every_field() {
        assert!(draft().parse(today()).is_ok());
        let cases: Vec<(&str, Box<dyn Fn(&mut DraftForm)>)> = vec![
            ("title", Box::new(|f| f.title = "".into())),
            ("summary", Box::new(|f| f.summary = "pendek".into())),
            ("body", Box::new(|f| f.body = "x".repeat(ISI_MAX + 1))),
            ("channels", Box::new(|f| f.channels.clear())),
            ("channels", Box::new(|f| f.channels = vec!["myspace".into()])),
            ("kip_category", Box::new(|f| f.kip_category = "".into())),
            ("activity_date", Box::new(|f| f.activity_date = "2027-01-01".into())),
        ];
        for (field, break_it) in cases {
            let mut f = draft();
            break_it(&mut f);
            assert_eq!(f.parse(today()).unwrap_err().field, field);
        }
    }

    #[test]
    fn a_form_names_all_its_wrong_fields_at_once() {
        let mut f = disposition();
        f.perihal = "".into();
        f.activity_place = "".into();
        f.deadline = "2020-01-01".into();
        let e = f.parse(today()).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["perihal", "activity_place", "deadline"]);
        assert_eq!(e.about("deadline").unwrap().problem, Problem::DeadlineInPast);

        let mut d = draft();
        d.title = "".into();
        d.body = "pendek".into();
        d.channels.clear();
        let e = d.parse(today()).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "body", "channels"]);
    }

    #[test]
    fn a_draft_round_trips_through_its_form() {
        let d = draft().parse(today()).unwrap();
        assert_eq!(d.to_form().parse(today()).unwrap(), d);
    }

    #[test]
    fn publication_links_must_be_urls_for_every_target() {
        let targets = [Channel::Website, Channel::Instagram];
        let ok = vec![
            ("website".to_string(), "https://ppid.example.go.id/berita/1".to_string()),
            ("instagram".to_string(), "https://instagram.com/p/abc".to_string()),
        ];
        assert_eq!(parse_publication_links(&targets, &ok).unwrap().len(), 2);
        let missing = vec![ok[0].clone()];
        assert_eq!(
            parse_publication_links(&targets, &missing).unwrap_err().field,
            "link_instagram"
        );
        for bad in [
            "javascript:alert(1)",
            "instagram.com/p/abc",
            "https://",
            "ftp://x.y/z",
            "https://localhost/x",
        ] {
            let links = vec![ok[0].clone(), ("instagram".to_string(), bad.to_string())];
            assert_eq!(
                parse_publication_links(&targets, &links).unwrap_err().field,
                "link_instagram",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(parse_reason("   ").unwrap_err().field, "reason");
        assert!(parse_reason("Foto perlu diganti").is_ok());
        assert!(parse_reason(&"r".repeat(REASON_MAX + 1)).is_err());
    }
}

//! Photos and documents on the material (issue 17): what may be uploaded, and how much. Pure:
//! the server sniffs the bytes and asks these rules; the browser shows the same limits.

use super::problem::Problem;
use serde::{Deserialize, Serialize};

/// What an upload is, judged from its content (never from its name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Pdf,
    Docx,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Jpeg,
        Format::Png,
        Format::Webp,
        Format::Pdf,
        Format::Docx,
        Format::Xlsx,
    ];

    /// A photo (thumbnails and web-sized copies are made of it) or a document (kept as sent).
    pub fn is_photo(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::Webp)
    }

    pub fn id(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn parse(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The media type a stored document is served with (photos are served as the JPEG copies
    /// the server made).
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Pdf => "application/pdf",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file name ending a download gets.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            other => other.id(),
        }
    }
}

/// The copies the server keeps of a photo, each re-encoded (so without the camera's metadata),
/// turned upright, and at most so many pixels on its long side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Copy {
    /// The photo at full size (at most 4096 px).
    Full,
    /// For the web and the channels (at most 1600 px).
    Web,
    /// For lists and the editor (at most 320 px).
    Thumb,
}

impl Copy {
    pub const ALL: [Copy; 3] = [Copy::Full, Copy::Web, Copy::Thumb];

    pub fn id(self) -> &'static str {
        match self {
            Copy::Full => "asli",
            Copy::Web => "web",
            Copy::Thumb => "kecil",
        }
    }

    pub fn parse(id: &str) -> Option<Copy> {
        Copy::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The longest side, in pixels.
    pub fn max_side(self) -> u32 {
        match self {
            Copy::Full => 4096,
            Copy::Web => 1600,
            Copy::Thumb => 320,
        }
    }
}

/// How much an item may carry, as the administrator set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaLimits {
    /// The largest file, in megabytes (10 unless set).
    pub max_file_mb: u32,
    /// The most files on one item (30 unless set).
    pub max_files: u32,
}

impl Default for MediaLimits {
    fn default() -> Self {
        MediaLimits {
            max_file_mb: 10,
            max_files: 30,
        }
    }
}

/// The largest file the administrator may allow, in megabytes: what the server takes in one
/// request whatever the setting.
pub const MAX_FILE_MB_CEILING: u32 = 50;

impl MediaLimits {
    pub fn max_file_bytes(&self) -> u64 {
        u64::from(self.max_file_mb.min(MAX_FILE_MB_CEILING)) * 1_000_000
    }

    /// May one more file be added to an item that has `count`?
    pub fn admits_another(&self, count: usize) -> Result<(), Problem> {
        if count >= self.max_files as usize {
            return Err(Problem::TooManyFiles {
                max: self.max_files as usize,
            });
        }
        Ok(())
    }

    /// May a file of `bytes` be kept?
    pub fn admits_size(&self, bytes: u64) -> Result<(), Problem> {
        if bytes > self.max_file_bytes() {
            return Err(Problem::FileTooLarge {
                max_mb: self.max_file_mb.min(MAX_FILE_MB_CEILING) as usize,
            });
        }
        Ok(())
    }
}

/// The longest caption and alt text, in characters.
pub const MAX_CAPTION: usize = 500;

/// A caption or alt text as given: trimmed, within the limit.
pub fn check_caption(raw: &str) -> Result<String, Problem> {
    let text = raw.trim();
    if text.chars().count() > MAX_CAPTION {
        return Err(Problem::TooLong { max: MAX_CAPTION });
    }
    Ok(text.to_string())
}

/// Verification needs every photo described: `missing` photos have no alt text yet.
pub fn check_alt_texts(missing: usize) -> Result<(), super::FieldError> {
    match missing {
        0 => Ok(()),
        count => Err(super::FieldError::new("alt", Problem::AltTextMissing { count })),
    }
}

/// A file name as shown to people (never used as a path): the last part of what the browser
/// sent, without control characters, at most 120 characters.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() {
        "berkas".into()
    } else {
        clean
    }
}

/// The narrowest and widest a photo may be on Instagram (width over height: 4:5 to 1.91:1).
pub const INSTAGRAM_RATIOS: (f64, f64) = (4.0 / 5.0, 1.91);

/// The centred part of a `width` × `height` photo whose ratio lies within `ratios` (x, y, width,
/// height): the whole photo when it already does.
pub fn crop_within(width: u32, height: u32, ratios: (f64, f64)) -> (u32, u32, u32, u32) {
    let (min, max) = ratios;
    if width == 0 || height == 0 {
        return (0, 0, width, height);
    }
    let ratio = f64::from(width) / f64::from(height);
    if ratio > max {
        let w = ((f64::from(height) * max).floor() as u32).clamp(1, width);
        ((width - w) / 2, 0, w, height)
    } else if ratio < min {
        let h = ((f64::from(width) / min).floor() as u32).clamp(1, height);
        (0, (height - h) / 2, width, h)
    } else {
        (0, 0, width, height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instagram_crops_are_centred_and_within_4_5_to_1_91() {
        // A tall phone photo (3:4) becomes 4:5; a panorama becomes 1.91:1; 4:3 stays whole.
        assert_eq!(crop_within(3024, 4032, INSTAGRAM_RATIOS), (0, 126, 3024, 3780));
        let (x, y, w, h) = crop_within(4000, 1000, INSTAGRAM_RATIOS);
        assert_eq!((x, y, w, h), (1045, 0, 1910, 1000));
        assert_eq!(crop_within(4032, 3024, INSTAGRAM_RATIOS), (0, 0, 4032, 3024));
    }

    #[test]
    fn limits_count_files_and_megabytes() {
        let l = MediaLimits::default();
        assert!(l.admits_another(29).is_ok());
        assert_eq!(l.admits_another(30), Err(Problem::TooManyFiles { max: 30 }));
        assert!(l.admits_size(10_000_000).is_ok());
        assert_eq!(l.admits_size(10_000_001), Err(Problem::FileTooLarge { max_mb: 10 }));
        let huge = MediaLimits {
            max_file_mb: 5000,
            max_files: 1,
        };
        assert_eq!(
            huge.max_file_bytes(),
            u64::from(MAX_FILE_MB_CEILING) * 1_000_000,
            "capped"
        );
    }

    #[test]
    fn a_file_name_is_only_shown_never_a_path() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\agus\\Foto Upacara.jpg"), "Foto Upacara.jpg");
        assert_eq!(display_name("\u{0}\n"), "berkas");
    }

    #[test]
    fn formats_and_copies_travel_by_id() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.id()), Some(f));
        }
        for c in Copy::ALL {
            assert_eq!(Copy::parse(c.id()), Some(c));
        }
        assert!(Format::Jpeg.is_photo() && !Format::Pdf.is_photo());
    }
}

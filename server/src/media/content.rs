//! What an upload is, from its content, and the copies made of a photo: turned upright (the
//! camera's orientation applied), re-encoded as JPEG (so no copy keeps the camera's metadata:
//! location, device, time), at most so many pixels on the long side. Runs on the blocking threads.

use app::domain::media::{Copy, Format};
use app::domain::Problem;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::io::Cursor;

/// The format `bytes` are, by their content (the name the file had says nothing here).
pub fn sniff(bytes: &[u8]) -> Result<Format, Problem> {
    let kind = infer::get(bytes).ok_or(Problem::FileTypeRefused)?;
    Ok(match kind.mime_type() {
        "image/jpeg" => Format::Jpeg,
        "image/png" => Format::Png,
        "image/webp" => Format::Webp,
        "application/pdf" => Format::Pdf,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Format::Docx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => Format::Xlsx,
        _ => return Err(Problem::FileTypeRefused),
    })
}

/// A photo's copies, each a JPEG, and the upright photo's size.
pub struct Copies {
    pub width: u32,
    pub height: u32,
    pub files: Vec<(Copy, Vec<u8>)>,
}

/// The largest photo read, on each side (a larger one is refused, not decoded).
const MAX_SIDE: u32 = 12_000;
const QUALITY: u8 = 85;

/// Reads the photo `bytes` (of `format`), turns it upright, and makes its copies.
pub fn copies(bytes: &[u8], format: Format) -> Result<Copies, Problem> {
    let image_format = match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
        _ => return Err(Problem::FileTypeRefused),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Problem::PhotoUnreadable)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut photo = DynamicImage::from_decoder(decoder).map_err(|_| Problem::PhotoUnreadable)?;
    photo.apply_orientation(orientation);
    let upright = DynamicImage::ImageRgb8(photo.to_rgb8());
    let (width, height) = (upright.width(), upright.height());
    let mut files = Vec::with_capacity(Copy::ALL.len());
    // Each copy from the next larger one: the web copy from the full one, the thumbnail from the
    // web copy (cheaper than each from the original, and as sharp at these sizes).
    let mut from = upright;
    for copy in Copy::ALL {
        let max = copy.max_side();
        if from.width() > max || from.height() > max {
            from = from.resize(max, max, image::imageops::FilterType::Triangle);
        }
        files.push((copy, jpeg(&from)?));
    }
    Ok(Copies { width, height, files })
}

fn jpeg(photo: &DynamicImage) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY);
    photo
        .write_with_encoder(encoder)
        .map_err(|_| Problem::PhotoUnreadable)?;
    Ok(out)
}

/// The web copy `web` cut to the centred part within `ratios` (Instagram's 4:5 to 1.91:1), as a
/// JPEG: the photo itself when it already fits.
pub fn cropped(web: &[u8], ratios: (f64, f64)) -> Result<Vec<u8>, Problem> {
    let photo =
        image::load_from_memory_with_format(web, image::ImageFormat::Jpeg).map_err(|_| Problem::PhotoUnreadable)?;
    let (x, y, w, h) = app::domain::media::crop_within(photo.width(), photo.height(), ratios);
    if (w, h) == (photo.width(), photo.height()) {
        return Ok(web.to_vec());
    }
    jpeg(&photo.crop_imm(x, y, w, h))
}

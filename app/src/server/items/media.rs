//! The photos and documents an item carries (issue 17): who may add and remove them (whoever may
//! edit the draft now), who may fetch them (whoever may see the item, and everyone once it is
//! public), and the records that say which stored file (by content hash) belongs to which item.
//! The files themselves are the server's (`server::media`); nothing here reads a path.

use super::*;
use crate::domain::media::{Format, MediaLimits};
use crate::domain::{access, KipCategory};
use crate::error::AppError;
use crate::server::accounts::UserRow;
use crate::server::db::{self, Db};
use crate::server::ServerError;
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

/// A stored file as the item holds it.
#[derive(SurrealValue, Clone, Debug, PartialEq)]
pub struct MediaRecord {
    pub key: String,
    pub item: String,
    pub hash: String,
    pub format: String,
    pub name: String,
    pub bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub caption: String,
    pub alt: String,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

impl MediaRecord {
    /// As the item's page lists it.
    pub fn view(self) -> Result<crate::views::MediaView, ServerError> {
        Ok(crate::views::MediaView {
            photo: self.format()?.is_photo(),
            id: self.key,
            name: self.name,
            caption: self.caption,
            alt: self.alt,
            bytes: self.bytes,
            by_name: self.by_name,
        })
    }

    pub fn format(&self) -> Result<Format, ServerError> {
        Format::parse(&self.format)
            .ok_or_else(|| ServerError::internal(format!("media {}: unknown format {}", self.key, self.format)))
    }
}

const MEDIA_FIELDS: &str =
    "record::id(id) AS key, item, hash, format, name, bytes, width, height, caption, alt, by_name, at";

/// A file the server has stored, to be recorded on an item.
#[derive(Clone, Debug)]
pub struct NewMedia {
    pub hash: String,
    pub format: Format,
    pub name: String,
    pub bytes: u64,
    pub size: Option<(u32, u32)>,
    pub caption: String,
    pub alt: String,
}

/// May `me` add a file to item `id` now? Asked before the upload is read (and again when it is
/// recorded): the item must be on their desk with its draft open to them, and under the limit.
pub async fn may_add_media(db: &Db, me: &UserRow, id: &str, limits: &MediaLimits) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    if !may_edit_draft(&row, me) {
        return Err(AppError::Forbidden(None).into());
    }
    limits
        .admits_another(count(db, "item", id).await?)
        .map_err(|p| AppError::invalid("file", p))?;
    Ok(())
}

/// How many media records hold `value` in `field` (the item, or the stored file's hash).
async fn count(db: &Db, field: &'static str, value: &str) -> Result<usize, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT VALUE count() FROM media WHERE {field} = $value GROUP ALL"
        ))
        .bind(("value", value.to_string()))
        .await?;
    let n: Vec<i64> = res.take(0)?;
    Ok(n.first().copied().unwrap_or(0) as usize)
}

/// Records `new` on item `id`, in one transaction that checks again that the item is still at
/// the same state and version and under the limit: a file that arrives after the item moved on,
/// or past the limit, is refused (and its stored copy is the caller's to clean up).
pub async fn add_media(
    db: &Db,
    me: &UserRow,
    id: &str,
    new: &NewMedia,
    limits: &MediaLimits,
    now: DateTime<Utc>,
) -> Result<String, ServerError> {
    let row = load_visible(db, me, id).await?;
    if !may_edit_draft(&row, me) {
        return Err(AppError::Forbidden(None).into());
    }
    let (width, height) = match new.size {
        Some((w, h)) => (Some(i64::from(w)), Some(i64::from(h))),
        None => (None, None),
    };
    let key = new_key();
    let result = db
        .query(
            "BEGIN;
             LET $held = (SELECT VALUE count() FROM media WHERE item = $id GROUP ALL)[0] ?? 0;
             LET $it = (SELECT state, version FROM ONLY type::record('item', $id));
             IF $it.state != $state OR $it.version != $version { THROW 'warta:media-moved' };
             IF $held >= $max { THROW 'warta:media-full' };
             CREATE type::record('media', $key) CONTENT {
                 item: $id, hash: $hash, format: $format, name: $name, bytes: $bytes,
                 width: $width, height: $height, caption: $caption, alt: $alt,
                 by: $me, by_name: $me_name, at: $now
             };
             COMMIT;",
        )
        .bind(("id", id.to_string()))
        .bind(("key", key.clone()))
        .bind(("state", row.state.clone()))
        .bind(("version", row.version))
        .bind(("max", i64::from(limits.max_files)))
        .bind(("hash", new.hash.clone()))
        .bind(("format", new.format.id()))
        .bind(("name", new.name.clone()))
        .bind(("bytes", new.bytes as i64))
        .bind(("width", width))
        .bind(("height", height))
        .bind(("caption", new.caption.clone()))
        .bind(("alt", new.alt.clone()))
        .bind(("me", me.key.clone()))
        .bind(("me_name", me.name.clone()))
        .bind(("now", now))
        .await
        .and_then(db::failed_statement);
    match result {
        Ok(_) => {}
        Err(e) if e.is_thrown() && e.message().ends_with("warta:media-full") => {
            return Err(AppError::invalid(
                "file",
                crate::domain::Problem::TooManyFiles {
                    max: limits.max_files as usize,
                },
            )
            .into());
        }
        Err(e) if e.is_thrown() && e.message().ends_with("warta:media-moved") => {
            let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
            return Err(conflict(&fresh)?);
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(item = %id, actor = %me.username, media = %key, format = new.format.id(), bytes = new.bytes, "media added");
    Ok(key)
}

/// A media record's key: random, so that its address says nothing of how many there are.
fn new_key() -> String {
    let bytes: [u8; 10] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The files of item `id`, oldest first, for whoever may see it.
pub async fn media_of(db: &Db, me: &UserRow, id: &str) -> Result<Vec<MediaRecord>, ServerError> {
    load_visible(db, me, id).await?;
    list(db, id).await
}

pub(super) async fn list(db: &Db, id: &str) -> Result<Vec<MediaRecord>, ServerError> {
    let mut res = db
        .query(format!(
            "SELECT {MEDIA_FIELDS} FROM media WHERE item = $id ORDER BY at, key"
        ))
        .bind(("id", id.to_string()))
        .await?;
    Ok(res.take(0)?)
}

fn is_public(row: &ItemRow) -> Result<bool, ServerError> {
    let kip = row
        .draft()?
        .map(|d| d.kip_category)
        .unwrap_or(KipCategory::Dikecualikan);
    Ok(access::is_public(row.state()?, kip))
}

/// The file `media` for a download by `me` (none: someone not signed in): refused as not found
/// unless they may see its item, or the item is public.
pub async fn media_to_fetch(db: &Db, me: Option<&UserRow>, media: &str) -> Result<MediaRecord, ServerError> {
    let record = media_record(db, media).await?.ok_or(AppError::NotFound)?;
    let row = load(db, &record.item).await?.ok_or(AppError::NotFound)?;
    let sees = me.is_some_and(|me| access::works_on_items(me.role_set()) && row.visible_to(me));
    if access::may_fetch_media(is_public(&row)?, sees) {
        Ok(record)
    } else {
        Err(AppError::NotFound.into())
    }
}

/// File `media`, for a signed channel link (`server::media::links`): the signature is the
/// permission, so nobody's access is asked here.
pub async fn media_record(db: &Db, media: &str) -> Result<Option<MediaRecord>, ServerError> {
    let mut res = db
        .query(format!("SELECT {MEDIA_FIELDS} FROM ONLY type::record('media', $media)"))
        .bind(("media", media.to_string()))
        .await?;
    Ok(res.take(0)?)
}

/// Removes file `media` from item `id` (by whoever may edit its draft now). Returns the stored
/// file's hash when no other record names it: the caller deletes the file.
pub async fn remove_media(db: &Db, me: &UserRow, id: &str, media: &str) -> Result<Option<String>, ServerError> {
    let row = load_visible(db, me, id).await?;
    if !may_edit_draft(&row, me) {
        return Err(AppError::Forbidden(None).into());
    }
    let mut res = db
        .query("DELETE type::record('media', $media) WHERE item = $id RETURN VALUE $before.hash")
        .bind(("media", media.to_string()))
        .bind(("id", id.to_string()))
        .await?;
    let removed: Vec<String> = res.take(0)?;
    let Some(hash) = removed.into_iter().next() else {
        return Err(AppError::NotFound.into());
    };
    tracing::info!(item = %id, actor = %me.username, media = %media, "media removed");
    Ok((!referenced(db, &hash).await?).then_some(hash))
}

/// How many photos of item `id` have no alt text yet.
pub async fn photos_without_alt(db: &Db, id: &str) -> Result<usize, ServerError> {
    let mut res = db
        .query(
            "SELECT VALUE count() FROM media WHERE item = $id AND format IN ['jpeg', 'png', 'webp']
                AND string::trim(alt) = '' GROUP ALL",
        )
        .bind(("id", id.to_string()))
        .await?;
    let n: Vec<i64> = res.take(0)?;
    Ok(n.first().copied().unwrap_or(0) as usize)
}

/// Sets the caption and alt text of file `media` on item `id` (by whoever may edit its draft now).
pub async fn describe_media(
    db: &Db,
    me: &UserRow,
    id: &str,
    media: &str,
    caption: &str,
    alt: &str,
) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    if !may_edit_draft(&row, me) {
        return Err(AppError::Forbidden(None).into());
    }
    let caption = crate::domain::media::check_caption(caption).map_err(|p| AppError::invalid("caption", p))?;
    let alt = crate::domain::media::check_caption(alt).map_err(|p| AppError::invalid("alt", p))?;
    let mut res = db
        .query("UPDATE type::record('media', $media) SET caption = $caption, alt = $alt WHERE item = $id RETURN VALUE item")
        .bind(("media", media.to_string()))
        .bind(("id", id.to_string()))
        .bind(("caption", caption))
        .bind(("alt", alt))
        .await?;
    let updated: Vec<String> = res.take(0)?;
    if updated.is_empty() {
        return Err(AppError::NotFound.into());
    }
    Ok(())
}

/// Does any record name the stored file `hash`?
pub async fn referenced(db: &Db, hash: &str) -> Result<bool, ServerError> {
    Ok(count(db, "hash", hash).await? > 0)
}

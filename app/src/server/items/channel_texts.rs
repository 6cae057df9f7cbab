//! The material's own text for each of its channels (issue 17, point 2): written by whoever may
//! edit the draft now, checked against the channel's limits as it will be posted, and what the
//! outbox posts (or the staff member copies) on that channel. A channel without a text of its own
//! gets one made from the material. Not a move: the item stays where it is.

use super::*;
use crate::domain::{self, channel_text, outbox, Channel};
use crate::error::AppError;
use crate::server::accounts::UserRow;
use crate::server::db::{self, Db};
use crate::server::ServerError;
use crate::views::{ChannelTextView, ChannelTexts};
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

/// A text as stored (record key: the item's key, `_`, the channel's id).
#[derive(SurrealValue, Clone, Debug)]
pub struct TextRecord {
    pub channel: String,
    pub text: String,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// The own texts of item `id`, channel by channel (no permission check: the caller's).
pub async fn stored(db: &Db, id: &str) -> Result<Vec<(Channel, TextRecord)>, ServerError> {
    let mut res = db
        .query("SELECT channel, text, by_name, at FROM channel_text WHERE item = $id")
        .bind(("id", id.to_string()))
        .await?;
    let rows: Vec<TextRecord> = res.take(0)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Channel::parse(&r.channel).map(|c| (c, r)))
        .collect())
}

/// The page of channel texts of item `id`, for whoever may see the item.
pub async fn channel_texts(
    db: &Db,
    me: &UserRow,
    id: &str,
    zone: domain::time::OfficeZone,
) -> Result<ChannelTexts, ServerError> {
    let row = load_visible(db, me, id).await?;
    let draft = row
        .draft()?
        .ok_or(AppError::invalid("draft", domain::Problem::DraftMissing))?;
    let own = stored(db, id).await?;
    let marker = outbox::marker(id);
    let channels = draft
        .channels
        .iter()
        .copied()
        .filter(|c| channel_text::has_own_text(*c))
        .map(|channel| {
            let saved = own.iter().find(|(c, _)| *c == channel).map(|(_, r)| r);
            ChannelTextView {
                channel,
                // The text the staff member works on, without the marker the server adds.
                text: match saved {
                    Some(r) => r.text.clone(),
                    None => channel_text::compose(channel, &draft.title, &draft.summary, None),
                },
                own: saved.is_some(),
                saved: saved.map(|r| (r.by_name.clone(), domain::time::format_datetime(r.at, zone))),
            }
        })
        .collect();
    // The item is visible to `me` (read above): its files too.
    let photos = super::media::list(db, id)
        .await?
        .into_iter()
        .filter(|m| m.format().is_ok_and(|f| f.is_photo()))
        .map(|m| m.view())
        .collect::<Result<_, _>>()?;
    Ok(ChannelTexts {
        id: id.to_string(),
        title: draft.title,
        marker,
        editable: may_edit_draft(&row, me),
        channels,
        photos,
        refused: None,
    })
}

/// Saves `me`'s own text for `channel` of item `id` (an empty text: back to the one made from the
/// material). Refused unless `me` may edit the draft now and the channel is one of the item's;
/// a text over the channel's limits is refused with the limit, and nothing is written.
/// Text `text` on `channel` as it would be posted for item `id`, while it is typed (for whoever
/// may see the item; nothing is saved): the page's count, limit and preview come from here, so the
/// limits are the ones the server checks on saving.
pub async fn check_channel_text(
    db: &Db,
    me: &UserRow,
    id: &str,
    channel: &str,
    text: &str,
) -> Result<channel_text::Shown, ServerError> {
    load_visible(db, me, id).await?;
    let channel = Channel::parse(channel)
        .filter(|c| channel_text::has_own_text(*c))
        .ok_or_else(|| AppError::invalid("channel", domain::Problem::Choose))?;
    Ok(channel_text::shown(channel, text, &outbox::marker(id)))
}

pub async fn save_channel_text(
    db: &Db,
    me: &UserRow,
    id: &str,
    channel: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    if !may_edit_draft(&row, me) {
        return Err(AppError::Forbidden(None).into());
    }
    let targets = row.draft()?.map(|d| d.channels).unwrap_or_default();
    let channel = Channel::parse(channel)
        .filter(|c| targets.contains(c) && channel_text::has_own_text(*c))
        .ok_or_else(|| AppError::invalid("channel", domain::Problem::Choose))?;
    let field = channel_text::field(channel);
    let text = if text.trim().is_empty() {
        None
    } else {
        Some(channel_text::own_text(channel, text, &outbox::marker(id)).map_err(|p| AppError::invalid(&field, p))?)
    };
    // Written only while the item is still where it was read (not moved on meanwhile).
    let result = db
        .query(
            "BEGIN;
             LET $it = (SELECT state, version FROM ONLY type::record('item', $id));
             IF $it.state != $state OR $it.version != $version { THROW 'warta:stale' };
             IF $text = NONE {
                 DELETE type::record('channel_text', $key);
             } ELSE {
                 UPSERT type::record('channel_text', $key)
                     SET item = $id, channel = $channel, text = $text, by_name = $me_name, at = $now;
             };
             COMMIT;",
        )
        .bind(("id", id.to_string()))
        .bind(("key", format!("{id}_{}", channel.id())))
        .bind(("channel", channel.id()))
        .bind(("text", text))
        .bind(("me_name", me.name.clone()))
        .bind(("now", now))
        .bind(("state", row.state.clone()))
        .bind(("version", row.version))
        .await
        .and_then(db::failed_statement);
    match result {
        Ok(_) => {}
        Err(e) if db::fault(&e) == db::WriteFault::Stale => {
            let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
            return Err(conflict(&fresh)?);
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(item = %id, actor = %me.username, channel = channel.id(), "channel text saved");
    Ok(())
}

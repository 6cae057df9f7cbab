//! Step 9 channel by channel: the staff member records each channel's link as it goes live,
//! before "Tandai Sudah Tayang" closes the step with all of them. Not a move: the item stays at
//! publication; each link keeps when and by whom it was recorded.

use super::*;
use crate::domain::{self, access, parse_post_url, ActionKind, Channel, Problem};
use crate::error::AppError;
use crate::server::accounts::UserRow;
use crate::server::db::{self, Db};
use crate::server::ServerError;
use chrono::{DateTime, Utc};

/// Records (or corrects) the link of one channel of an item being published.
pub async fn record_link(
    db: &Db,
    me: &UserRow,
    id: &str,
    channel: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    let state = row.state()?;
    // Whoever may mark the item published may record its links, and only then.
    if !access::may_record_links(state, row.facts(me)) {
        return Err(match domain::permits(state, row.facts(me), ActionKind::MarkPublished) {
            Err(r) => AppError::from_refusal(r).into(),
            Ok(_) => conflict(&row)?,
        });
    }
    let targets = row.draft()?.map(|d| d.channels).unwrap_or_default();
    let channel = Channel::parse(channel)
        .filter(|c| targets.contains(c))
        .ok_or_else(|| AppError::invalid("channel", Problem::Choose))?;
    let url = parse_post_url(channel, url)?;
    let mut res = db
        .query(
            "BEGIN;
             UPDATE type::record('item', $id)
                SET publications = array::append(publications[WHERE channel != $channel],
                        { channel: $channel, url: $url, at: $now, by: $me_name }),
                    updated_at = $now
                WHERE state = $state AND version = $version
                RETURN VALUE version;
             -- The channel's task is done too (the server does not post what a person posted),
             -- if the link was recorded just now.
             UPDATE publication_task SET state = 'done', url = $url, reason = '', updated_at = $now
                WHERE item = $id AND channel = $channel AND state NOT IN ['done', 'cancelled']
                    AND type::record('item', $id).updated_at = $now;
             COMMIT;",
        )
        .bind(("id", id.to_string()))
        .bind(("channel", channel.id()))
        .bind(("url", url.clone()))
        .bind(("now", now))
        .bind(("me_name", me.name.clone()))
        .bind(("state", row.state.clone()))
        .bind(("version", row.version))
        .await
        .and_then(db::failed_statement)?;
    // Statement 0 is BEGIN.
    let written: Vec<i64> = res.take(1)?;
    if written.is_empty() {
        // Moved (cancelled, published) since it was read.
        let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
        return Err(conflict(&fresh)?);
    }
    tracing::info!(item = %id, actor = %me.username, channel = channel.id(), "publication link recorded");
    Ok(())
}

/// A person steers one channel's publication task of item `id`: "Coba lagi" or "Tayangkan manual".
pub async fn steer_publication(
    db: &Db,
    me: &UserRow,
    id: &str,
    channel: &str,
    how: crate::server::outbox::Steer,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let row = load_visible(db, me, id).await?;
    if !access::may_steer_publication(row.state()?, row.facts(me)) {
        return Err(AppError::Forbidden(None).into());
    }
    let channel = Channel::parse(channel).ok_or_else(|| AppError::invalid("channel", Problem::Choose))?;
    let key = crate::server::outbox::task_key(id, channel);
    if !crate::server::outbox::steer(db, &key, how, now).await? {
        // Posted, cancelled or already under way meanwhile: the page shows where it is now.
        return Err(conflict(&row)?);
    }
    tracing::info!(item = %id, actor = %me.username, channel = channel.id(), how = ?how, "publication task steered");
    Ok(())
}

/// The outbox recorded a channel's link: once every target channel has one, the item is "Sudah
/// tayang". The move is the assignee's step, made by the server on their behalf and recorded so
/// in the audit trail.
pub async fn publish_when_linked(db: &Db, id: &str, now: DateTime<Utc>) -> Result<Option<super::Moved>, ServerError> {
    let Some(row) = load(db, id).await? else {
        return Ok(None);
    };
    if row.state()? != domain::State::Publishing {
        return Ok(None);
    }
    let targets = row.draft()?.map(|d| d.channels).unwrap_or_default();
    if !targets
        .iter()
        .all(|c| row.publications.iter().any(|p| p.channel == c.id()))
    {
        return Ok(None);
    }
    let Some(assignee) = row.assignee.as_deref() else {
        return Ok(None);
    };
    let Some(staff) = crate::server::accounts::find(db, assignee).await? else {
        return Ok(None);
    };
    let system = UserRow {
        name: format!("Warta, atas nama {}", staff.name),
        ..staff
    };
    let input = crate::views::MoveInput {
        note: "Semua saluran sudah tayang: ditandai otomatis oleh kotak keluar Warta.".into(),
        ..Default::default()
    };
    let moved = super::perform(db, &system, id, row.version, ActionKind::MarkPublished, &input, now).await?;
    Ok(Some(moved))
}

/// What a channel publishes of an item: its approved material and its photos.
#[derive(Clone, Debug)]
pub struct PostContent {
    pub title: String,
    pub summary: String,
    /// The body as the portal shows it (Markdown rendered and cleaned).
    pub body_html: String,
    /// The unit responsible (the register's), a tag on channels that have them.
    pub unit: String,
    pub kip: domain::KipCategory,
    /// The photos, in the order they were added.
    pub photos: Vec<super::media::MediaRecord>,
    /// The staff's own text per channel (a channel not here gets one made from the material).
    pub texts: Vec<(Channel, String)>,
}

/// The content of item `id` for its publication tasks (`None`: it has no material).
pub async fn post_content(db: &Db, id: &str) -> Result<Option<PostContent>, ServerError> {
    let Some(row) = load(db, id).await? else {
        return Ok(None);
    };
    let Some(draft) = row.draft()? else {
        return Ok(None);
    };
    let mut photos = super::media::list(db, id).await?;
    photos.retain(|m| m.format().is_ok_and(|f| f.is_photo()));
    let texts = super::channel_texts::stored(db, id)
        .await?
        .into_iter()
        .map(|(c, r)| (c, r.text))
        .collect();
    Ok(Some(PostContent {
        texts,
        body_html: crate::server::markdown::render(&draft.body),
        title: draft.title,
        summary: draft.summary,
        unit: draft.register.unit,
        kip: draft.kip_category,
        photos,
    }))
}

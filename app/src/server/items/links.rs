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
            "UPDATE type::record('item', $id)
                SET publications = array::append(publications[WHERE channel != $channel],
                        { channel: $channel, url: $url, at: $now, by: $me_name }),
                    updated_at = $now
                WHERE state = $state AND version = $version
                RETURN VALUE version",
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
    let written: Vec<i64> = res.take(0)?;
    if written.is_empty() {
        // Moved (cancelled, published) since it was read.
        let fresh = load(db, id).await?.ok_or(AppError::NotFound)?;
        return Err(conflict(&fresh)?);
    }
    tracing::info!(item = %id, actor = %me.username, channel = channel.id(), "publication link recorded");
    Ok(())
}

//! `GET /api/live`: the live stream of one browser (Server-Sent Events).
//!
//! It opens with `hello` (the server's clock), then passes on each change the signed-in user
//! may see. With `?since=MILLIS` (the clock of the last message the browser had, after a gap)
//! it starts with `resync` when anything changed in between. Compression leaves
//! `text/event-stream` alone, so each event leaves at once.

use app::error::AppError;
use app::server::accounts;
use app::server::context::SESSION_USER;
use app::server::items;
use app::server::{AppState, ServerError};
use app::views::LiveEvent;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use serde::Deserialize;
use std::convert::Infallible;
use std::time::Duration;
use tower_sessions::Session;

/// A stream ends after this long and the browser reconnects: the session and the account are
/// checked again, so a deactivated account or an ended session stops hearing anything.
const MAX_STREAM: Duration = Duration::from_secs(15 * 60);

#[derive(Deserialize)]
pub struct Resume {
    since: Option<i64>,
}

fn event(e: &LiveEvent) -> Result<Event, Infallible> {
    Ok(Event::default().data(serde_json::to_string(e).unwrap_or_else(|_| "{\"kind\":\"resync\"}".into())))
}

pub async fn stream(State(app): State<AppState>, session: Session, Query(resume): Query<Resume>) -> Response {
    let key: Option<String> = session.get(SESSION_USER).await.ok().flatten();
    let me = match key {
        Some(k) => accounts::find(&app.db, &k).await.ok().flatten().filter(|u| u.active),
        None => None,
    };
    let Some(me) = me else {
        return ServerError::from(AppError::Unauthenticated).into_response();
    };
    // Subscribe before looking back, so that nothing falls between the two.
    let subscriber = app.live.subscribe();
    let mut first = vec![LiveEvent::Hello {
        at: app::server::clock::now().timestamp_millis(),
    }];
    if let Some(since) = resume.since {
        // A database error here is one more reason to refetch, not to fail.
        if items::changed_since(&app.db, since).await.unwrap_or(true) {
            first.push(LiveEvent::Resync);
        }
    }
    tracing::debug!(user = %me.username, subscribers = app.live.subscribers(), "live stream opened");
    let changes = stream::unfold((subscriber, me), |(mut sub, me)| async move {
        let next = sub.next_for(&me).await?;
        Some((next, (sub, me)))
    });
    let events = stream::iter(first)
        .chain(changes)
        .map(|e| event(&e))
        .take_until(tokio::time::sleep(MAX_STREAM));
    let mut res = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, no-store"));
    // Reverse proxies (nginx) would otherwise hold events back.
    res.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    res
}

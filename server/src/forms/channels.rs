//! The administrator's channel connections (issue 17), as plain forms: saved (the credential
//! sealed, then the connection tested against the channel at once) or removed. Every path asks
//! `domain::access::may_connect_channels`.

use super::{accepted, back_with};
use crate::outbox::Outbox;
use app::domain::access;
use app::domain::outbox::{ConnectionForm, Failure};
use app::domain::Channel;
use app::error::AppError;
use app::server::{connections, AppState, ServerError};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

const PAGE: &str = "/admin/saluran";

/// `POST /admin/saluran`: a channel's connection saved, then tested: a credential the channel
/// refuses (or an address that is not the channel's API) is shown at once as "perlu disambungkan
/// ulang" with the channel's own reason.
pub async fn save(
    State(app): State<AppState>,
    State(outbox): State<Outbox>,
    session: Session,
    req: Request<Body>,
) -> Response {
    let (form, me) = match accepted(&app, &session, req, PAGE).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    if !access::may_connect_channels(me.role_set()) {
        return back_with(PAGE, &AppError::Forbidden(None));
    }
    let Some(key) = app.secret_key.clone() else {
        return back_with(PAGE, &AppError::Forbidden(None));
    };
    let f = |k: &str| super::field(&form, k);
    let typed = ConnectionForm {
        channel: f("channel"),
        kind: f("kind"),
        endpoint: f("endpoint"),
        account: f("account"),
        credential: f("credential"),
        category: f("category"),
        api_version: f("api_version"),
        expires_on: f("expires_on"),
    };
    let now = app::server::clock::now();
    let zone = match app::server::settings::load(&app.db).await {
        Ok(s) => s.zone(),
        Err(e) => return e.into_response(),
    };
    let conn = match typed.parse(zone) {
        Ok(c) => c,
        Err(e) => return back_with(PAGE, &AppError::from(e)),
    };
    if let Err(e) = connections::save(&app.db, &key, &conn, &me.name, now).await {
        return e.into_response();
    }
    tracing::info!(admin = %me.username, channel = conn.channel.id(), "channel connected");
    match outbox.check(conn.channel).await {
        Ok(who) => tracing::info!(channel = conn.channel.id(), account = %who, "channel connection works"),
        // The site is down for now: the outbox tries again by itself.
        Err(Failure::Temporary { reason, .. }) => {
            tracing::warn!(
                channel = conn.channel.id(),
                reason,
                "channel connection not reachable now"
            )
        }
        Err(f) => {
            if let Err(e) = connections::needs_reconnecting(&app.db, conn.channel, f.reason(), now).await {
                return e.into_response();
            }
        }
    }
    Redirect::to(PAGE).into_response()
}

/// `POST /admin/saluran/{channel}/hapus`: the connection removed; the channel's waiting tasks are
/// posted by hand.
pub async fn remove(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(channel): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let (_, me) = match accepted(&app, &session, req, PAGE).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    if !access::may_connect_channels(me.role_set()) {
        return back_with(PAGE, &AppError::Forbidden(None));
    }
    let Some(channel) = Channel::parse(&channel) else {
        return ServerError::from(AppError::NotFound).into_response();
    };
    match connections::remove(&app.db, channel, app::server::clock::now()).await {
        Ok(()) => {
            tracing::info!(admin = %me.username, channel = channel.id(), "channel disconnected");
            Redirect::to(PAGE).into_response()
        }
        Err(e) => e.into_response(),
    }
}

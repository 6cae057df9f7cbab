//! The posts that move a material or change what it holds: a move, a new disposition, a
//! channel's link, the draft.

use super::{accepted, answer, back_with, field, keep_refused};
use app::error::AppError;
use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// `POST /materi/{id}/tindakan`: a move sent from the item page before its script loaded. Done,
/// back to the item page, which shows where the item went; refused, back to the item page with
/// the reason and the move's form open (`?pilih=`), nothing changed.
pub async fn move_item(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let page = format!("/materi/{id}");
    let (form, me) = match accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let Some(kind) = app::domain::ActionKind::parse(&field(&form, "action")) else {
        return back_with(&page, &AppError::Refused(app::error::Outdated::NotInThisState));
    };
    let Ok(version) = field(&form, "version").parse::<i64>() else {
        return back_with(&page, &AppError::Refused(app::error::Outdated::NotInThisState));
    };
    let input = app::views::MoveInput {
        note: field(&form, "note"),
        reason: field(&form, "reason"),
        staff: field(&form, "staff"),
        links: form
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("link_").map(|c| (c.to_string(), v.clone())))
            .collect(),
        checklist: form
            .iter()
            .filter(|(k, _)| k == "checklist")
            .map(|(_, v)| v.clone())
            .collect(),
        draft_rev: field(&form, "draft_rev").parse().ok(),
    };
    let now = app::server::clock::now();
    // A move sent from another page (the administration's "Batalkan Materi") returns there.
    let from = app::domain::login::return_to(&field(&form, "kembali")).map(str::to_string);
    match app::server::items::perform(&app.db, &me, &id, version, kind, &input, now).await {
        Ok(_) => Redirect::to(from.as_deref().unwrap_or(&page)).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => {
            let (back, pair) = match &from {
                Some(from) => (from.as_str(), ("batal", id.as_str())),
                None => (page.as_str(), ("pilih", kind.id())),
            };
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair(pair.0, pair.1)
                .finish();
            back_with(&format!("{back}?{query}"), &e.into_app())
        }
    }
}

/// `POST /materi/baru`: the disposition form sent before the page's script loaded. Made (or made
/// already by this form's first post: its key), to the new item's page; refused, back to the form
/// with the reason and what was typed.
pub async fn create_disposition(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let page = "/materi/baru";
    let (form, me) = match accepted(&app, &session, req, page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let typed = app::domain::DispositionForm {
        perihal: field(&form, "perihal"),
        activity_date: field(&form, "activity_date"),
        activity_place: field(&form, "activity_place"),
        urgency: field(&form, "urgency"),
        confidential: form.iter().any(|(k, _)| k == "confidential"),
        instructions: form
            .iter()
            .filter(|(k, _)| k == "instructions")
            .map(|(_, v)| v.clone())
            .collect(),
        note: field(&form, "note"),
        deadline: field(&form, "deadline"),
        to_user: field(&form, "to_user"),
        form_key: field(&form, "form_key"),
    };
    // Who may make one is decided where every disposition is made (`items::create_disposition`).
    let made = async {
        let at = app::server::items::AsOf::load(&app.db, app::server::clock::now()).await?;
        let disposition = typed.parse(at.today())?;
        app::server::items::create_disposition(&app.db, &me, disposition, at.now).await
    }
    .await;
    match made {
        Ok(id) => Redirect::to(&format!("/materi/{id}")).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => {
            // What was typed comes back with the reason: nothing is lost.
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in form.iter().filter(|(k, _)| k != "token") {
                query.append_pair(k, v);
            }
            back_with(&format!("{page}?{}", query.finish()), &e.into_app())
        }
    }
}

/// `POST /materi/{id}/tautan`: one channel's publication link sent before the page's script
/// loaded. Recorded, back to the item page; refused, back with the reason and the typed link.
pub async fn record_link(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let page = format!("/materi/{id}");
    let (form, me) = match accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let channel = field(&form, "channel");
    let name = format!("link_{channel}");
    let url = field(&form, &name);
    let now = app::server::clock::now();
    let outcome = app::server::items::record_link(&app.db, &me, &id, &channel, &url, now).await;
    answer(outcome, &page, |e| {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(&name, &url)
            .finish();
        back_with(&format!("{page}?{query}"), &e)
    })
}

/// `POST /materi/{id}/saluran`: a channel's own text saved from a page whose script has not
/// loaded. Saved, back to the page of texts; refused, back there with what was typed and why (kept
/// in the session for that one showing: nothing typed is lost).
pub async fn save_channel_text(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let page = format!("/materi/{id}/saluran");
    let (form, me) = match accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let channel = field(&form, "channel");
    let text = app::domain::Channel::parse(&channel)
        .map(|c| field(&form, &app::domain::channel_text::field(c)))
        .unwrap_or_default();
    let now = app::server::clock::now();
    match app::server::items::save_channel_text(&app.db, &me, &id, &channel, &text, now).await {
        Ok(()) => Redirect::to(&page).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => match app::domain::Channel::parse(&channel) {
            Some(channel) => {
                let refused = app::views::RefusedText {
                    channel,
                    text,
                    error: e.into_app(),
                };
                keep_refused(&session, &app::server::forms::refused_text_key(&id), refused).await;
                Redirect::to(&page).into_response()
            }
            None => back_with(&page, &e.into_app()),
        },
    }
}

/// `POST /materi/{id}/draf`: the material saved from a page whose script has not loaded (the body
/// as Markdown in a plain field). Saved, back to the item page; refused (a field, or the draft
/// saved elsewhere first), back to the item page with what was typed and why, kept in the session
/// for that one showing: nothing typed is lost.
pub async fn save_draft(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let page = format!("/materi/{id}");
    let (form, me) = match accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let typed = app::domain::DraftForm {
        title: field(&form, "title"),
        summary: field(&form, "summary"),
        body: field(&form, "body"),
        activity_name: field(&form, "activity_name"),
        activity_date: field(&form, "activity_date"),
        activity_place: field(&form, "activity_place"),
        channels: form
            .iter()
            .filter(|(k, _)| k == "channels")
            .map(|(_, v)| v.clone())
            .collect(),
        kip_category: field(&form, "kip_category"),
        register: app::domain::register::RegisterFields {
            unit: field(&form, "register_unit"),
            responsible: field(&form, "register_responsible"),
            form: field(&form, "register_form"),
            retention: field(&form, "register_retention"),
            consequence_test: field(&form, "register_consequence_test"),
        },
    };
    let rev = field(&form, "rev").parse::<i64>().unwrap_or(-1);
    let now = app::server::clock::now();
    let today = match app::server::items::AsOf::load(&app.db, now).await {
        Ok(at) => at.today(),
        Err(e) => return e.into_response(),
    };
    match app::server::items::save_draft(&app.db, &me, &id, rev, &typed, today, now).await {
        Ok(_) => Redirect::to(&page).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => {
            let error = e.into_app();
            let body = typed.body.clone();
            let body_html = tokio::task::spawn_blocking(move || app::server::markdown::render(&body))
                .await
                .unwrap_or_default();
            let refused = app::views::RefusedDraft {
                form: typed,
                error,
                body_html,
            };
            keep_refused(&session, &app::server::forms::refused_draft_key(&id), refused).await;
            Redirect::to(&page).into_response()
        }
    }
}

/// `POST /materi/{id}/jadwal`: "Jadwalkan tayang", the Sekretaris's order to publish at a date and
/// time to come (the office's time). Done, back to the item; refused (a time gone, the item
/// moved), back with why.
pub async fn schedule(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let page = format!("/materi/{id}");
    let (form, me) = match accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let Ok(version) = field(&form, "version").parse::<i64>() else {
        return back_with(&page, &AppError::Refused(app::error::Outdated::NotInThisState));
    };
    let now = app::server::clock::now();
    let zone = match app::server::settings::load(&app.db).await {
        Ok(s) => s.zone(),
        Err(e) => return e.into_response(),
    };
    let at = match app::domain::outbox::parse_schedule(&field(&form, "at"), zone, now) {
        Ok(at) => at,
        Err(e) => return back_with(&page, &AppError::from(e)),
    };
    let outcome = app::server::items::order_publication_at(&app.db, &me, &id, version, at, now).await;
    answer(outcome, &page, |e| back_with(&page, &e))
}

/// `POST /materi/{id}/saluran/{channel}/{coba-lagi|manual}`: a person steers one channel's
/// publication: sent again by the server, or taken over by hand.
pub async fn steer(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path((id, channel, how)): axum::extract::Path<(String, String, String)>,
    req: Request<Body>,
) -> Response {
    use app::server::outbox::Steer;
    let page = format!("/materi/{id}");
    let (_, me) = match accepted(&app, &session, req, &page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let how = match how.as_str() {
        "coba-lagi" => Steer::Retry,
        "manual" => Steer::ByHand,
        _ => return app::server::ServerError::from(AppError::NotFound).into_response(),
    };
    let now = app::server::clock::now();
    let outcome = app::server::items::steer_publication(&app.db, &me, &id, &channel, how, now).await;
    answer(outcome, &page, |e| back_with(&page, &e))
}

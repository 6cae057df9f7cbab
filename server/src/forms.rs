//! Plain HTML form posts, for a page whose script has not loaded (or failed to): the token that
//! every such form carries (`app::server::forms`), and the posts themselves. Each answers as a
//! browser without script expects: a redirect to the page that shows the outcome (the next page,
//! or the form with its error), never a password in an address.

use crate::security::Site;
use app::error::AppError;
use app::server::forms::{cookie_name, FormToken};
use app::server::{logins, AppState};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tower_sessions::cookie::{Cookie, SameSite};
use tower_sessions::Session;

/// The browser's form token from its cookie, or a fresh one, handed to the request (a page drawn
/// on the server puts it into its forms); a fresh one is set as the cookie on the HTML page that
/// carries it.
pub async fn token(State(site): State<Site>, mut req: Request<Body>, next: Next) -> Response {
    let name = cookie_name(site.https());
    let existing = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| FormToken::parse(c.value()));
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(FormToken::fresh);
    let page = req.method() == Method::GET;
    req.extensions_mut().insert(token.clone());
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if fresh && page && html {
        let cookie = Cookie::build((name, token.as_str().to_string()))
            .path("/")
            .http_only(true)
            .secure(site.https())
            .same_site(SameSite::Strict)
            .build();
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Back to `path` with the refusal for the page to show (`?galat=`, its code as JSON: nothing
/// the user typed).
fn back_with(path: &str, e: &AppError) -> Response {
    let code = serde_json::to_string(e).unwrap_or_default();
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("galat", &code)
        .finish();
    let joiner = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{joiner}{query}")).into_response()
}

/// The answer to a plain post once its work is done: to `done` when it succeeded; the refusal's
/// own answer (`refused`, given the error the user reads) when it was refused; the fault's page
/// when the server failed.
fn answer<T>(
    outcome: Result<T, app::server::ServerError>,
    done: &str,
    refused: impl FnOnce(AppError) -> Response,
) -> Response {
    match outcome {
        Ok(_) => Redirect::to(done).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => refused(e.into_app()),
    }
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    token: String,
    /// The page to return to (`app::text::NEXT_PARAM`), if it is one of this site's.
    #[serde(default)]
    lanjut: String,
}

/// `POST /login`: the login form sent before the page's script loaded. Signed in, to "Tugas Saya";
/// refused, back to the form with the reason (the same throttle and the same generic answer as the
/// server function).
pub async fn login(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let token = req.extensions().get::<FormToken>().cloned();
    let form = match Form::<LoginForm>::from_request(req, &()).await {
        Ok(Form(form)) => form,
        // Not a form at all: nothing a browser sends.
        Err(_) => return back_with("/login", &AppError::FormExpired),
    };
    if !token.is_some_and(|t| t.matches(&form.token)) {
        tracing::warn!("login form without this browser's token refused");
        return back_with("/login", &AppError::FormExpired);
    }
    let addr = logins::client_address(peer, forwarded.as_deref());
    let now = app::server::clock::now();
    match logins::sign_in(&app.db, &session, &form.username, &form.password, &addr, now).await {
        Ok(_) => Redirect::to(app::domain::login::return_to(&form.lanjut).unwrap_or("/")).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => back_with("/login", &e.into_app()),
    }
}

/// The fields of a plain form post, every value of a repeated name kept (`checklist`).
fn fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The signed-in user of a plain post, or where to send the browser instead (the login page,
/// asked to come back; the password page when the Administrator reset it).
async fn poster(app: &AppState, session: &Session, back: &str) -> Result<app::server::accounts::UserRow, Response> {
    match app::server::context::user_of(&app.db, session).await {
        Ok(me) => Ok(me),
        Err(e) if e.status().is_server_error() => Err(e.into_response()),
        Err(e) => match e.into_app() {
            AppError::PasswordChangeRequired => Err(Redirect::to("/kata-sandi").into_response()),
            _ => {
                let query: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair(app::text::NEXT_PARAM, back)
                    .append_pair(app::text::ENDED_PARAM, "1")
                    .finish();
                Err(Redirect::to(&format!("/login?{query}")).into_response())
            }
        },
    }
}

/// A plain post taken: its fields and who sent it, once its token matched this browser's; else
/// the answer for the browser (back to `back` with the reason, or to the login page).
async fn accepted(
    app: &AppState,
    session: &Session,
    req: Request<Body>,
    back: &str,
) -> Result<(Vec<(String, String)>, app::server::accounts::UserRow), Response> {
    let form = tokened(req, back).await?;
    let me = poster(app, session, back).await?;
    Ok((form, me))
}

/// A plain post's fields, once its token matched this browser's; else back to `back` with why.
async fn tokened(req: Request<Body>, back: &str) -> Result<Vec<(String, String)>, Response> {
    let token = req.extensions().get::<FormToken>().cloned();
    let Ok(body) = axum::body::to_bytes(req.into_body(), crate::security::MAX_BODY).await else {
        return Err(back_with(back, &AppError::FormExpired));
    };
    let form = fields(&body);
    if !token.is_some_and(|t| t.matches(&field(&form, "token"))) {
        tracing::warn!(page = back, "a form without this browser's token refused");
        return Err(back_with(back, &AppError::FormExpired));
    }
    Ok(form)
}

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

/// `POST /pemberitahuan/dibaca`: the bell's "Tandai semua sudah dibaca" from a page whose script
/// has not loaded. Back to the page the bell was on (`kembali`, if it is one of this site's).
pub async fn read_notifications(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let back = req
        .uri()
        .query()
        .and_then(|q| url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "kembali"))
        .and_then(|(_, v)| app::domain::login::return_to(&v).map(str::to_string))
        .unwrap_or_else(|| "/".to_string());
    let (_, me) = match accepted(&app, &session, req, &back).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let outcome = app::server::notices::mark_all_read(&app.db, &me).await;
    answer(outcome, &back, |e| back_with(&back, &e))
}

/// `POST /admin/pengaturan`: the settings form sent from a page whose script has not loaded
/// (`multipart/form-data`: the letterhead's logo is a file there). Saved, back to the settings
/// page; refused, back to it with what was typed and why, kept in the session for that one
/// showing.
pub async fn save_settings(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let page = "/admin/pengaturan";
    let token = req.extensions().get::<FormToken>().cloned();
    let Ok(mut parts) = axum::extract::Multipart::from_request(req, &()).await else {
        return back_with(page, &AppError::FormExpired);
    };
    let mut form = Vec::new();
    let mut logo_file = None;
    loop {
        match parts.next_field().await {
            Ok(Some(part)) if part.name() == Some("logo") => {
                let kind = part.content_type().unwrap_or_default().to_string();
                match part.bytes().await {
                    Ok(bytes) if !bytes.is_empty() => logo_file = Some((kind, bytes)),
                    Ok(_) => {}
                    Err(_) => return back_with(page, &AppError::FormExpired),
                }
            }
            Ok(Some(part)) => {
                let name = part.name().unwrap_or_default().to_string();
                match part.text().await {
                    Ok(value) => form.push((name, value)),
                    Err(_) => return back_with(page, &AppError::FormExpired),
                }
            }
            Ok(None) => break,
            Err(_) => return back_with(page, &AppError::FormExpired),
        }
    }
    if !token.is_some_and(|t| t.matches(&field(&form, "token"))) {
        tracing::warn!(page, "a form without this browser's token refused");
        return back_with(page, &AppError::FormExpired);
    }
    let me = match poster(&app, &session, page).await {
        Ok(me) => me,
        Err(answer) => return answer,
    };
    // The logo: a new file, removed, or the one there is.
    let logo = match logo_file {
        Some((kind, bytes)) => {
            use base64::Engine;
            format!(
                "data:{kind};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            )
        }
        None if form.iter().any(|(k, _)| k == "logo_remove") => String::new(),
        None => match app::server::settings::load(&app.db).await {
            Ok(current) => current.letterhead.logo,
            Err(e) => return e.into_response(),
        },
    };
    let typed = app::domain::settings::SettingsForm::from_posted(&form, logo);
    let version = field(&form, "version").parse::<i64>().unwrap_or(-1);
    let now = app::server::clock::now();
    match app::server::settings::save_form(&app.db, &me, &typed, version, now).await {
        Ok(_) => Redirect::to(&format!("{page}?{}=1", app::text::SAVED_PARAM)).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => {
            let refused = app::views::RefusedSettings {
                form: typed,
                error: e.into_app(),
            };
            keep_refused(&session, app::server::forms::REFUSED_SETTINGS_KEY, refused).await;
            Redirect::to(page).into_response()
        }
    }
}

/// `POST /admin/pengaturan/libur`: one year's holidays sent from a page whose script has not
/// loaded. Saved, back to the settings page; refused, back with what was typed and why.
pub async fn save_holidays(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let page = "/admin/pengaturan";
    let (form, me) = match accepted(&app, &session, req, page).await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let year = field(&form, "year").parse::<i32>().unwrap_or(0);
    let lines = field(&form, "holidays");
    let version = field(&form, "version").parse::<i64>().unwrap_or(-1);
    let now = app::server::clock::now();
    match app::server::settings::save_holidays(&app.db, &me, year, &lines, version, now).await {
        Ok(_) => Redirect::to(&format!("{page}?{}=1", app::text::SAVED_HOLIDAYS_PARAM)).into_response(),
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => {
            let refused = app::views::RefusedHolidays {
                year,
                lines,
                error: e.into_app(),
            };
            keep_refused(&session, app::server::forms::REFUSED_HOLIDAYS_KEY, refused).await;
            Redirect::to(page).into_response()
        }
    }
}

/// What a refused plain form held, kept for the next showing of its page (nothing typed is lost).
async fn keep_refused<T: serde::Serialize>(session: &Session, key: &str, refused: T) {
    if let Err(e) = session.insert(key, refused).await {
        tracing::error!(error = %e, key, "a refused form could not be kept for its author");
    }
}

/// An account form as posted (the roles ticked, each once).
fn user_form(form: &[(String, String)]) -> app::views::UserForm {
    app::views::UserForm {
        username: field(form, "username"),
        password: field(form, "password"),
        name: field(form, "name"),
        nip: field(form, "nip"),
        position: field(form, "position"),
        roles: form
            .iter()
            .filter(|(k, _)| k == "roles")
            .map(|(_, v)| v.clone())
            .collect(),
    }
}

/// Back to the administration page with a refused account form: what was typed (never the
/// password) and why; `ubah` names the account whose form it was.
fn back_to_accounts(typed: &app::views::UserForm, account: Option<&str>, e: &AppError) -> Response {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(id) = account {
        query.append_pair("ubah", id);
    }
    for (k, v) in [
        ("username", &typed.username),
        ("name", &typed.name),
        ("nip", &typed.nip),
        ("position", &typed.position),
    ] {
        query.append_pair(k, v);
    }
    for role in &typed.roles {
        query.append_pair("roles", role);
    }
    back_with(&format!("/admin?{}", query.finish()), e)
}

/// `POST /admin/pengguna`: a new account from a page whose script has not loaded.
pub async fn create_user(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let (form, me) = match accepted(&app, &session, req, "/admin").await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let typed = user_form(&form);
    let outcome = app::server::admin::create(&app.db, &me, &typed).await;
    answer(outcome, "/admin", |e| back_to_accounts(&typed, None, &e))
}

/// `POST /admin/pengguna/{id}`: an account's name, NIP, position, roles (and a new password, if
/// one was typed) from a page whose script has not loaded.
pub async fn update_user(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let (form, me) = match accepted(&app, &session, req, "/admin").await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let typed = user_form(&form);
    let outcome = app::server::admin::update(&app.db, &me, &id, &typed).await;
    answer(outcome, "/admin", |e| back_to_accounts(&typed, Some(&id), &e))
}

/// `POST /admin/pengguna/{id}/aktif`: an account switched on or off (`aktif` = `ya` / `tidak`).
pub async fn set_user_active(
    State(app): State<AppState>,
    session: Session,
    axum::extract::Path(id): axum::extract::Path<String>,
    req: Request<Body>,
) -> Response {
    let (form, me) = match accepted(&app, &session, req, "/admin").await {
        Ok(taken) => taken,
        Err(answer) => return answer,
    };
    let active = field(&form, "aktif") == "ya";
    let outcome = app::server::admin::set_active(&app.db, &me, &id, active).await;
    answer(outcome, "/admin", |e| back_with("/admin", &e))
}

/// `POST /keluar`: signing out from a page whose script has not loaded. With this browser's
/// token the session ends; either way, to the login page.
pub async fn logout(session: Session, req: Request<Body>) -> Response {
    if let Err(answer) = tokened(req, "/").await {
        return answer;
    }
    if let Err(e) = session.flush().await {
        return app::server::ServerError::internal(format!("session could not be ended: {e}")).into_response();
    }
    Redirect::to("/login").into_response()
}

/// `POST /kata-sandi`: one's own password changed from a page whose script has not loaded (also
/// the password the Administrator set, replaced). Changed, to "Tugas Saya"; refused, back to the
/// form with why.
pub async fn change_password(State(app): State<AppState>, session: Session, req: Request<Body>) -> Response {
    let page = "/kata-sandi";
    let form = match tokened(req, page).await {
        Ok(form) => form,
        Err(answer) => return answer,
    };
    let me = match app::server::context::holder_of(&app.db, &session).await {
        Ok(me) => me,
        Err(e) if e.status().is_server_error() => return e.into_response(),
        Err(_) => return Redirect::to("/login").into_response(),
    };
    let (current, new) = (field(&form, "current"), field(&form, "password"));
    if new != field(&form, "repeat") {
        return back_with(
            page,
            &AppError::invalid("repeat", app::domain::Problem::PasswordMismatch),
        );
    }
    let keep = session.id().map(|id| id.to_string());
    match app::server::accounts::change_own_password(&app.db, &me, &current, &new, keep.as_deref()).await {
        Ok(()) => {
            tracing::info!(user = %me.username, "password changed by its owner");
            Redirect::to("/").into_response()
        }
        Err(e) if e.status().is_server_error() => e.into_response(),
        Err(e) => back_with(page, &e.into_app()),
    }
}

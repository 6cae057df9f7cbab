//! The administrator's posts: the office's settings and holidays, and the accounts.

use super::{accepted, answer, back_with, field, keep_refused, poster};
use app::error::AppError;
use app::server::forms::FormToken;
use app::server::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

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

//! Server functions: thin adapters from HTTP to the services in `crate::server`.
//! Each checks the session and role on the server; the UI only reflects what they allow.

use crate::codec::TextJson;
use crate::domain::{DispositionForm, DraftForm};
use crate::error::AppError;
use crate::views::{
    Dashboard, ItemDetail, ItemScreen, ItemSummary, Me, MoveInput, Notifications, PersonOption, UserForm, UserView,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::Role;
#[cfg(feature = "ssr")]
use crate::server::{accounts, context::*, dashboard, items, notices, ServerError};

#[cfg(feature = "ssr")]
fn now() -> chrono::DateTime<chrono::Utc> {
    crate::server::clock::now()
}

/// The address a request comes from: the peer, or, when the peer is a proxy on this machine,
/// the client it names last in `X-Forwarded-For`.
#[cfg(feature = "ssr")]
async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    let peer = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip());
    let forwarded = leptos::prelude::use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    crate::server::logins::client_address(peer, forwarded.as_deref())
}

/// Now, with the office's settings (calendar, zone, mutu baku).
#[cfg(feature = "ssr")]
async fn as_of(st: &crate::server::AppState) -> Result<items::AsOf, ServerError> {
    items::AsOf::load(&st.db, now()).await
}

#[server(prefix = "/api", endpoint = "login", input = TextJson, output = TextJson)]
pub async fn login(username: String, password: String) -> Result<Me, AppError> {
    respond(async {
        let st = state()?;
        let session = session().await?;
        let me = crate::server::logins::sign_in(&st.db, &session, &username, &password, &client_address().await, now())
            .await?;
        Ok(me.me())
    })
    .await
}

#[server(prefix = "/api", endpoint = "logout", input = TextJson, output = TextJson)]
pub async fn logout() -> Result<(), AppError> {
    respond(async {
        let session = session().await?;
        if let Some(id) = session.id() {
            crate::server::push::end_session(&state()?.db, &id.to_string()).await?;
        }
        session
            .flush()
            .await
            .map_err(|e| ServerError::internal(format!("session: {e}")))?;
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.insert_header(
                http::HeaderName::from_static("clear-site-data"),
                http::HeaderValue::from_static(crate::server::sessions::CLEAR_SITE_DATA),
            );
        }
        Ok(())
    })
    .await
}

/// Changes the signed-in user's own password (the current one required); their other sessions
/// end. Also how a password set by the Administrator is replaced.
#[server(prefix = "/api", endpoint = "password", input = TextJson, output = TextJson)]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    respond(async {
        let me = signed_in().await?;
        let keep = session().await?.id().map(|id| id.to_string());
        accounts::change_own_password(&state()?.db, &me, &current, &password, keep.as_deref()).await?;
        tracing::info!(user = %me.username, "password changed by its owner");
        Ok(())
    })
    .await
}

/// The signed-in user, or `None` (not an error: the UI shows the login form).
#[server(prefix = "/api", endpoint = "me", input = TextJson, output = TextJson)]
pub async fn current_me() -> Result<Option<Me>, AppError> {
    respond(async {
        match signed_in().await {
            Ok(u) => {
                let mut me = u.me();
                let st = state()?;
                if let Some(setup) = &st.push {
                    me.push = Some(crate::views::PushInfo {
                        key: setup.public_key.clone(),
                        off: crate::server::push::is_off(&st.db, &u.key).await?,
                    });
                }
                Ok(Some(me))
            }
            Err(ServerError::App(AppError::Unauthenticated)) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

#[server(prefix = "/api", endpoint = "tasks", input = TextJson, output = TextJson)]
pub async fn my_tasks() -> Result<Vec<ItemSummary>, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        items::my_tasks(&st.db, &me, &as_of(&st).await?).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "items", input = TextJson, output = TextJson)]
pub async fn all_items(step: Option<u8>, search: String) -> Result<Vec<ItemSummary>, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        items::all_items(&st.db, &me, step, &search, &as_of(&st).await?).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "item", input = TextJson, output = TextJson)]
pub async fn load_item(id: String) -> Result<ItemDetail, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        let mut detail = items::detail(&st.db, &me, &id, &as_of(&st).await?).await?;
        // A draft saved without script and refused comes back once, with what was typed.
        if detail.can_edit_draft {
            let key = crate::server::forms::refused_draft_key(&id);
            detail.refused_draft = session().await?.remove(&key).await.ok().flatten();
        }
        Ok(detail)
    })
    .await
}

/// The item page as its island receives it: what the user acts on, and the parts that only show,
/// drawn here (`ui::item_parts`). `compare`: the two versions to compare, else the last two.
#[server(prefix = "/api", endpoint = "item/screen", input = TextJson, output = TextJson)]
pub async fn load_item_screen(id: String, compare: Option<(i64, i64)>) -> Result<ItemScreen, AppError> {
    let detail = load_item(id).await?;
    Ok(crate::ui::item_parts::screen(detail, compare))
}

/// The item page is in front of its reader (a visible tab): the read receipt of the step, and
/// the bell's notifications about the item read.
#[server(prefix = "/api", endpoint = "item/seen", input = TextJson, output = TextJson)]
pub async fn mark_seen(id: String) -> Result<(), AppError> {
    respond(async {
        let me = current_user().await?;
        items::seen(&state()?.db, &me, &id, now()).await
    })
    .await
}

/// Step 9, channel by channel: the link of one channel, recorded as it goes live.
#[server(prefix = "/api", endpoint = "item/link", input = TextJson, output = TextJson)]
pub async fn record_link(id: String, channel: String, url: String) -> Result<(), AppError> {
    respond(async {
        let me = current_user().await?;
        items::record_link(&state()?.db, &me, &id, &channel, &url, now()).await
    })
    .await
}

/// The material's own text for each of its channels (`/materi/{id}/saluran`).
#[server(prefix = "/api", endpoint = "item/channel-texts", input = TextJson, output = TextJson)]
pub async fn load_channel_texts(id: String) -> Result<crate::views::ChannelTexts, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        let zone = as_of(&st).await?.zone();
        let mut texts = items::channel_texts(&st.db, &me, &id, zone).await?;
        let key = crate::server::forms::refused_text_key(&id);
        texts.refused = session().await?.remove(&key).await.ok().flatten();
        Ok(texts)
    })
    .await
}

/// Saves one channel's own text of item `id` (empty: the text made from the material again).
#[server(prefix = "/api", endpoint = "item/channel-text", input = TextJson, output = TextJson)]
pub async fn save_channel_text(id: String, channel: String, text: String) -> Result<(), AppError> {
    respond(async {
        let me = current_user().await?;
        items::save_channel_text(&state()?.db, &me, &id, &channel, &text, now()).await
    })
    .await
}

/// A channel's text as it would be posted, checked against the channel's limits while it is typed
/// (the page of channel texts calls this from its script, `teks-saluran.js`). Saves nothing.
#[server(prefix = "/api", endpoint = "item/channel-text/check", input = TextJson, output = TextJson)]
pub async fn check_channel_text(
    id: String,
    channel: String,
    text: String,
) -> Result<crate::domain::channel_text::Shown, AppError> {
    respond(async {
        let me = current_user().await?;
        items::check_channel_text(&state()?.db, &me, &id, &channel, &text).await
    })
    .await
}

/// How many items wait at my desk (the count in the navigation); none for a visitor.
#[server(prefix = "/api", endpoint = "tasks/count", input = TextJson, output = TextJson)]
pub async fn my_task_count() -> Result<u32, AppError> {
    respond(async {
        match current_user().await {
            Ok(me) => {
                let st = state()?;
                Ok(items::my_tasks(&st.db, &me, &as_of(&st).await?).await?.len() as u32)
            }
            Err(ServerError::App(AppError::Unauthenticated)) => Ok(0),
            Err(e) => Err(e),
        }
    })
    .await
}

/// The dashboard of the signed-in user (all their roles).
#[server(prefix = "/api", endpoint = "dashboard", input = TextJson, output = TextJson)]
pub async fn my_dashboard() -> Result<Dashboard, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        dashboard::dashboard(&st.db, &me, &as_of(&st).await?).await
    })
    .await
}

/// The bell: unread count and the latest notifications of the signed-in user. A visitor
/// without a session has none (the page around the bell, the login page, is not an error).
#[server(prefix = "/api", endpoint = "notifications", input = TextJson, output = TextJson)]
pub async fn my_notifications() -> Result<Notifications, AppError> {
    respond(async {
        match current_user().await {
            Ok(me) => notices::list(&state()?.db, &me).await,
            Err(ServerError::App(AppError::Unauthenticated)) => Ok(Notifications::default()),
            Err(e) => Err(e),
        }
    })
    .await
}

#[server(prefix = "/api", endpoint = "notifications/read", input = TextJson, output = TextJson)]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    respond(async {
        let me = current_user().await?;
        notices::mark_all_read(&state()?.db, &me).await
    })
    .await
}

/// Keeps this device's push subscription for the signed-in person and this session (the page's
/// script, `pwa.js`, after the person allowed notifications). Switches push on for them.
#[server(prefix = "/api", endpoint = "push/subscribe", input = TextJson, output = TextJson)]
pub async fn push_subscribe(endpoint: String, p256dh: String, auth: String) -> Result<(), AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        let setup = st.push.clone().ok_or(AppError::NotFound)?;
        let session = session().await?;
        let id = session.id().ok_or(AppError::Unauthenticated)?.to_string();
        let sub = crate::server::push::Subscription { endpoint, p256dh, auth };
        crate::server::push::subscribe(&st.db, &setup, &me, &id, sub, crate::server::clock::now()).await
    })
    .await
}

/// Switches push off for the signed-in person, on every device.
#[server(prefix = "/api", endpoint = "push/off", input = TextJson, output = TextJson)]
pub async fn push_switch_off() -> Result<(), AppError> {
    respond(async {
        let me = current_user().await?;
        crate::server::push::switch_off(&state()?.db, &me).await
    })
    .await
}

/// The Sekretaris a disposition can be addressed to.
#[server(prefix = "/api", endpoint = "recipients", input = TextJson, output = TextJson)]
pub async fn recipients() -> Result<Vec<PersonOption>, AppError> {
    respond(async {
        user_with(Role::PpidPembantu).await?;
        items::people(&state()?.db, Role::Sekretaris).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "disposition", input = TextJson, output = TextJson)]
pub async fn create_disposition(form: DispositionForm) -> Result<String, AppError> {
    respond(async {
        let me = user_with(Role::PpidPembantu).await?;
        let st = state()?;
        let disposition = form.parse(as_of(&st).await?.today())?;
        items::create_disposition(&st.db, &me, disposition, now()).await
    })
    .await
}

/// Any move of steps 2-9 and the extensions. Returns the item's new version.
#[server(prefix = "/api", endpoint = "move", input = TextJson, output = TextJson)]
pub async fn perform_move(
    id: String,
    version: i64,
    action: crate::domain::ActionKind,
    input: MoveInput,
) -> Result<i64, AppError> {
    respond(async {
        let me = current_user().await?;
        let moved = items::perform(&state()?.db, &me, &id, version, action, &input, now()).await?;
        Ok(moved.version)
    })
    .await
}

/// Saves the working draft over the revision `rev` the editor started from; returns the new one.
/// If someone saved since, nothing is written and both texts come back (409).
#[server(prefix = "/api", endpoint = "draft", input = TextJson, output = TextJson)]
pub async fn save_draft(id: String, rev: i64, form: DraftForm) -> Result<i64, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        let at = as_of(&st).await?;
        items::save_draft(&st.db, &me, &id, rev, &form, at.today(), at.now).await
    })
    .await
}

/// Every open disposition, for the administrator to cancel one ("Batalkan" goes through `move`).
#[server(prefix = "/api", endpoint = "admin/open-dispositions", input = TextJson, output = TextJson)]
pub async fn admin_open_dispositions() -> Result<Vec<crate::views::OpenDisposition>, AppError> {
    respond(async {
        let me = current_user().await?;
        items::open_for_cancelling(&state()?.db, &me).await
    })
    .await
}

/// The publication channels and their connections (never a credential).
#[server(prefix = "/api", endpoint = "admin/channels", input = TextJson, output = TextJson)]
pub async fn admin_channels() -> Result<crate::views::ChannelsAdmin, AppError> {
    respond(async {
        let state = state()?;
        let me = current_user().await?;
        crate::server::connections::admin_view(&state.db, &me, state.secret_key.is_some(), crate::server::clock::now())
            .await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users", input = TextJson, output = TextJson)]
pub async fn admin_users() -> Result<Vec<UserView>, AppError> {
    respond(async { crate::server::admin::list(&state()?.db, &current_user().await?).await }).await
}

#[server(prefix = "/api", endpoint = "admin/create-user", input = TextJson, output = TextJson)]
pub async fn admin_create_user(form: UserForm) -> Result<UserView, AppError> {
    respond(async { crate::server::admin::create(&state()?.db, &current_user().await?, &form).await }).await
}

/// Name, NIP, position and roles; with a password in the form, that password set too.
#[server(prefix = "/api", endpoint = "admin/update-user", input = TextJson, output = TextJson)]
pub async fn admin_update_user(id: String, form: UserForm) -> Result<UserView, AppError> {
    respond(async { crate::server::admin::update(&state()?.db, &current_user().await?, &id, &form).await }).await
}

#[server(prefix = "/api", endpoint = "admin/reset-password", input = TextJson, output = TextJson)]
pub async fn admin_reset_password(id: String, password: String) -> Result<(), AppError> {
    respond(async { crate::server::admin::reset_password(&state()?.db, &current_user().await?, &id, &password).await })
        .await
}

#[server(prefix = "/api", endpoint = "admin/set-active", input = TextJson, output = TextJson)]
pub async fn admin_set_active(id: String, active: bool) -> Result<(), AppError> {
    respond(async { crate::server::admin::set_active(&state()?.db, &current_user().await?, &id, active).await }).await
}

/// The office settings (calendar, mutu baku, letterhead): every signed-in user reads them (the
/// SOP sheet and printed documents use them); only the administrator changes them.
#[server(prefix = "/api", endpoint = "settings", input = TextJson, output = TextJson)]
pub async fn office_settings() -> Result<crate::views::SettingsView, AppError> {
    respond(async {
        let me = current_user().await?;
        let (settings, version) = crate::server::settings::load_versioned(&state()?.db).await?;
        let this_year = chrono::Datelike::year(&settings.zone().today(now()));
        // A form sent without script and refused comes back once, as typed (the administrator's).
        let (refused, refused_holidays) = if crate::domain::access::may_change_settings(me.role_set()) {
            let session = session().await?;
            (
                session
                    .remove(crate::server::forms::REFUSED_SETTINGS_KEY)
                    .await
                    .ok()
                    .flatten(),
                session
                    .remove(crate::server::forms::REFUSED_HOLIDAYS_KEY)
                    .await
                    .ok()
                    .flatten(),
            )
        } else {
            (None, None)
        };
        Ok(crate::views::SettingsView {
            settings,
            version,
            this_year,
            refused,
            refused_holidays,
        })
    })
    .await
}

/// Saves the settings form; returns the new version. Holidays are kept.
#[server(prefix = "/api", endpoint = "admin/settings", input = TextJson, output = TextJson)]
pub async fn admin_save_settings(version: i64, form: crate::domain::settings::SettingsForm) -> Result<i64, AppError> {
    respond(async {
        let me = current_user().await?;
        crate::server::settings::save_form(&state()?.db, &me, &form, version, now()).await
    })
    .await
}

/// Replaces the holidays and collective leave of one year; returns the new version.
#[server(prefix = "/api", endpoint = "admin/holidays", input = TextJson, output = TextJson)]
pub async fn admin_save_holidays(version: i64, year: i32, lines: String) -> Result<i64, AppError> {
    respond(async {
        let me = current_user().await?;
        crate::server::settings::save_holidays(&state()?.db, &me, year, &lines, version, now()).await
    })
    .await
}

/// The report for a period (dates `YYYY-MM-DD` in the office's zone; empty: this year).
#[server(prefix = "/api", endpoint = "report", input = TextJson, output = TextJson)]
pub async fn load_report(from: String, to: String) -> Result<crate::domain::report::Report, AppError> {
    respond(async {
        let me = current_user().await?;
        crate::server::reports::authorized(&me)?;
        let st = state()?;
        let at = as_of(&st).await?;
        let period = crate::server::reports::period(&from, &to, at.today())?;
        crate::server::reports::report(&st.db, period).await
    })
    .await
}

/// The internal register, filtered; each user sees the items they may see.
#[server(prefix = "/api", endpoint = "register", input = TextJson, output = TextJson)]
pub async fn load_register(filter: crate::views::RegisterFilter) -> Result<Vec<crate::views::RegisterRow>, AppError> {
    respond(async {
        let me = current_user().await?;
        let st = state()?;
        let zone = as_of(&st).await?.zone();
        crate::server::register::rows(&st.db, &me, &filter, zone).await
    })
    .await
}

//! Small pieces used by several pages.

use crate::domain::{time, State, Urgency};
use crate::error::AppError;
use crate::text;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// What a page shows for a server answer: the page itself, the login page for a visitor
/// without a session, or the error in words. Resources are created at the top of each page
/// (never inside a Suspense), so server and browser render the same thing.
pub fn guarded<T>(result: Result<T, AppError>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(v) => page(v),
        // Already on the way to the login page (a page's code loads before it replaces the last
        // one, which may ask again meanwhile): one redirect, not one about the login page itself.
        Err(AppError::Unauthenticated) if on_login_page() => ().into_any(),
        Err(AppError::Unauthenticated) => view! { <Redirect path=login_path()/> }.into_any(),
        Err(e) => view! { <ErrorText error=e/> }.into_any(),
    }
}

fn on_login_page() -> bool {
    leptos_router::hooks::use_location().pathname.get_untracked() == "/login"
}

/// The login page, asked to return here afterwards. When the header still showed someone signed
/// in, their session ended meanwhile: the login page says so, and the header forgets them.
fn login_path() -> String {
    let session = use_context::<crate::ui::app::Session>();
    let ended = session
        .and_then(|s| s.me.get_untracked())
        .and_then(Result::ok)
        .flatten()
        .is_some();
    if ended {
        if let Some(s) = session {
            s.refresh();
        }
    }
    let here = leptos_router::hooks::use_location();
    let search = here.search.get_untracked();
    let page = match search.trim_start_matches('?') {
        "" => here.pathname.get_untracked(),
        query => format!("{}?{query}", here.pathname.get_untracked()),
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(next) = crate::domain::login::return_to(&page).filter(|p| *p != "/") {
        query.append_pair(text::NEXT_PARAM, next);
    }
    if ended {
        query.append_pair(text::ENDED_PARAM, "1");
    }
    let query = query.finish();
    if query.is_empty() {
        "/login".into()
    } else {
        format!("/login?{query}")
    }
}

/// The refusal a plain form post came back with (`?galat=`, its code), shown like any other.
pub fn posted_error() -> Option<AppError> {
    leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("galat")
        .and_then(|code| serde_json::from_str(&code).ok())
}

/// This browser's form token, for a form that posts before (or without) the page's script: drawn
/// on the server into a hidden field; the script itself calls the server functions.
pub fn form_token() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::forms::current()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// Loads `page` whole (not through the router): after a change the next page must be drawn by the
/// server, such as the language.
pub fn load_page(page: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(page);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = page;
}

/// The switch to the other language: a plain form (it works before the script loads and reloads
/// the page in the chosen language), kept with the account of whoever is signed in.
#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let here = move || {
        let (path, query) = (location.pathname.get(), location.search.get());
        if query.is_empty() {
            path
        } else {
            format!("{path}?{}", query.trim_start_matches('?'))
        }
    };
    let other = text::other_locale(text::locale());
    view! {
        <form class="inline locale" method="post" action="/bahasa">
            <input type="hidden" name="ke" value=text::locale_code(other)/>
            <input type="hidden" name="kembali" value=here/>
            <button type="submit" class="link" lang=text::locale_code(other) aria-label=text::language_switch_label()
                data-testid="locale-switch">{text::other_language()}</button>
        </form>
    }
}

#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    view! { <p class="error" role="alert">{error.to_string()}</p> }
}

/// An error slot for forms: shows the latest error, if any.
#[component]
pub fn FormError(error: RwSignal<Option<AppError>>) -> impl IntoView {
    move || error.get().map(|e| view! { <ErrorText error=e/> })
}

/// What is wrong with one field of a form, next to it (empty while nothing is). The field's input
/// names it with `aria-describedby` ([`field_error_id`]) and is marked with [`field_invalid`].
#[component]
pub fn FieldNote(
    error: RwSignal<Option<AppError>>,
    /// The form, where a page has several (ids stay unique).
    #[prop(into)]
    scope: String,
    #[prop(into)] field: String,
) -> impl IntoView {
    let id = field_error_id(&scope, &field);
    let name = field.clone();
    let message = move || {
        error.with(|e| match e {
            Some(AppError::Invalid(f)) => f.about(&name).map(text::field_error),
            _ => None,
        })
    };
    view! {
        <span class="field-error" id=id data-field=field>{message}</span>
    }
}

/// The id of a field's [`FieldNote`].
pub fn field_error_id(scope: &str, field: &str) -> String {
    format!("error-{scope}-{}", field.replace('.', "-"))
}

/// The id of a field's label text: the input is named by it alone (`aria-labelledby`), so that
/// the note inside the same `<label>` describes the field instead of joining its name.
pub fn field_label_id(scope: &str, field: &str) -> String {
    format!("label-{scope}-{}", field.replace('.', "-"))
}

/// Is `field` refused in the form's last answer?
pub fn field_invalid(error: RwSignal<Option<AppError>>, field: &str) -> bool {
    error.with(|e| matches!(e, Some(AppError::Invalid(f)) if f.about(field).is_some()))
}

#[component]
pub fn UrgencyBadge(urgency: Urgency) -> impl IntoView {
    view! { <span class=format!("badge urgency-{}", urgency.id())>{urgency.label()}</span> }
}

#[component]
pub fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.id()) data-state=state.id()>{text::state_label(state)}</span> }
}

pub fn age_since(t: chrono::DateTime<chrono::Utc>) -> String {
    time::format_age((chrono::Utc::now() - t).num_seconds())
}

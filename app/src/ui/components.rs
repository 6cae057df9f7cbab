//! Small pieces used by several pages.

use crate::domain::{time, State, Urgency};
use crate::error::AppError;
use crate::text;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// What a page drawn on the server shows for a server answer: the page itself, the login page
/// for a visitor without a session (saying the session ended when the browser held one), or the
/// error in words.
pub fn guarded<T>(result: Result<T, AppError>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(v) => page(v),
        Err(AppError::Unauthenticated) => view! { <Redirect path=login_path()/> }.into_any(),
        Err(e) => view! { <ErrorText error=e/> }.into_any(),
    }
}

/// The login page, asked to return to the page being drawn.
fn login_path() -> String {
    let here = leptos_router::hooks::use_location();
    let search = here.search.get_untracked();
    let page = match search.trim_start_matches('?') {
        "" => here.pathname.get_untracked(),
        query => format!("{}?{query}", here.pathname.get_untracked()),
    };
    #[cfg(feature = "ssr")]
    let ended = crate::server::sessions::request_had_session();
    #[cfg(not(feature = "ssr"))]
    let ended = false;
    crate::ui::island::login_path(&page, ended)
}

/// The page being drawn (path and query), for a form that returns to it.
pub fn this_page() -> String {
    let location = leptos_router::hooks::use_location();
    let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
    match query.trim_start_matches('?') {
        "" => path,
        query => format!("{path}?{query}"),
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

/// The switch to the other language: a plain form (it works before the script loads and reloads
/// the page in the chosen language), kept with the account of whoever is signed in.
#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let here = this_page();
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

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
        Err(AppError::Unauthenticated) => view! { <Redirect path=login_path()/> }.into_any(),
        Err(e) => view! { <ErrorText error=e/> }.into_any(),
    }
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
    let page = format!("{}{}", here.pathname.get_untracked(), here.search.get_untracked());
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

#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    view! { <p class="error" role="alert">{error.to_string()}</p> }
}

/// An error slot for forms: shows the latest error, if any.
#[component]
pub fn FormError(error: RwSignal<Option<AppError>>) -> impl IntoView {
    move || error.get().map(|e| view! { <ErrorText error=e/> })
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

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
        Err(AppError::Unauthenticated) => view! { <Redirect path="/login"/> }.into_any(),
        Err(e) => view! { <ErrorText error=e/> }.into_any(),
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

//! Small pieces used by several pages.

use crate::domain::{time, Urgency, State};
use crate::error::AppError;
use crate::text;
use crate::ui::app::Session;
use crate::views::Me;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Renders `page` for the signed-in user; sends everyone else to the login page.
#[component]
pub fn RequireLogin<F, V>(page: F) -> impl IntoView
where
    F: Fn(Me) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = expect_context::<Session>();
    view! {
        <Suspense fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
            {move || {
                let page = page.clone();
                session.me.get().map(move |r| match r {
                    Ok(Some(me)) => page(me).into_any(),
                    Ok(None) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(e) => view! { <ErrorText error=e/> }.into_any(),
                })
            }}
        </Suspense>
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
pub fn UrgencyBadge(urgency: String) -> impl IntoView {
    let u = Urgency::parse(&urgency).unwrap_or(Urgency::Biasa);
    view! { <span class=format!("badge urgency-{}", u.id())>{u.label()}</span> }
}

#[component]
pub fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.id()) data-state=state.id()>{text::state_label(state)}</span> }
}

pub fn age_since(t: chrono::DateTime<chrono::Utc>) -> String {
    time::format_age((chrono::Utc::now() - t).num_seconds())
}

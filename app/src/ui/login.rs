use crate::api;
use crate::error::AppError;
use crate::text;
use crate::ui::components::{form_token, posted_error, FormError, LocaleSwitch};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where to go after signing in: the page the user was on, if it is one of this site's.
fn next_page() -> String {
    use_query_map()
        .get_untracked()
        .get(text::NEXT_PARAM)
        .and_then(|n| crate::domain::login::return_to(&n).map(str::to_string))
        .unwrap_or_else(|| "/".into())
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let ended = use_query_map().get_untracked().get(text::ENDED_PARAM).is_some();
    view! {
        <section class="card narrow">
            <h1>{text::login_title()}</h1>
            {ended.then(|| view! { <p class="notice" role="status" data-testid="session-ended">{text::session_ended()}</p> })}
            <LoginForm next=next_page() token=form_token() refused=posted_error()/>
            <LocaleSwitch/>
        </section>
    }
}

/// Posted, never sent as a query: a password must not reach an address bar or a log, also when
/// the form is sent before the page's script has loaded. With the script, a refusal is shown in
/// place; signed in, the next page loads.
#[island(lazy)]
fn LoginForm(next: String, token: String, refused: Option<AppError>) -> impl IntoView {
    crate::ui::island::alive();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(refused);
    let next_field = next.clone();
    let submit = Action::new(move |(u, p): &(String, String)| {
        let (u, p) = (u.clone(), p.clone());
        async move { api::login(u, p).await }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(_) => {
                    error.set(None);
                    password.set(String::new());
                    crate::ui::island::load_page(&next);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    view! {
        <form method="post" action="/login" on:submit=move |ev| {
            ev.prevent_default();
            submit.dispatch((username.get_untracked(), password.get_untracked()));
        }>
            <label>{text::username()}
                <input name="username" autocomplete="username" required
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))/>
            </label>
            <label>{text::password()}
                <input name="password" type="password" autocomplete="current-password" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </label>
            <input type="hidden" name="token" value=token/>
            <input type="hidden" name=text::NEXT_PARAM value=next_field/>
            <FormError error/>
            <button type="submit" class="primary" disabled=move || submit.pending().get()>{text::login_button()}</button>
        </form>
    }
}

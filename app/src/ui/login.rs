use crate::api;
use crate::text;
use crate::ui::app::Session;
use crate::ui::components::{form_token, posted_error, FormError, LocaleSwitch};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

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
    let session = expect_context::<Session>();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(posted_error());
    let token = form_token();
    let navigate = use_navigate();
    let next = next_page();
    let ended = use_query_map().get_untracked().get(text::ENDED_PARAM).is_some();
    let next_field = next.clone();
    let submit = Action::new(move |(u, p): &(String, String)| {
        let (u, p) = (u.clone(), p.clone());
        async move { api::login(u, p).await }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(me) => {
                    error.set(None);
                    password.set(String::new());
                    // The account reads Warta in another language: the next page loads whole in it.
                    if me.locale != text::locale_code(text::locale()) {
                        crate::ui::components::load_page(&next);
                        return;
                    }
                    session.refresh();
                    navigate(&next, Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    view! {
        <section class="card narrow">
            <h1>{text::login_title()}</h1>
            {ended.then(|| view! { <p class="notice" role="status" data-testid="session-ended">{text::session_ended()}</p> })}
            // Posted, never sent as a query: a password must not reach an address bar or a log,
            // also when the form is sent before the page's script has loaded.
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
            <LocaleSwitch/>
        </section>
    }
}

use crate::error::AppError;
use crate::text;
use crate::ui::components::{form_token, posted_error, ErrorText, LocaleSwitch};
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
            <LoginForm next=next_page() refused=posted_error()/>
            <LocaleSwitch/>
        </section>
    }
}

/// Posted, never sent as a query: a password must not reach an address bar or a log. A plain
/// form, drawn by the server: the page's script only sends it in the background (`ui::regions`),
/// so that a refusal is shown in place with the name typed kept; signed in, the next page loads.
#[component]
fn LoginForm(next: String, refused: Option<AppError>) -> impl IntoView {
    view! {
        <form id="login-form" method="post" action="/login" data-enhance="" data-region="">
            <label>{text::username()}
                <input name="username" autocomplete="username" required/>
            </label>
            <label>{text::password()}
                <input name="password" type="password" autocomplete="current-password" required/>
            </label>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name=text::NEXT_PARAM value=next/>
            {refused.map(|error| view! { <ErrorText error/> })}
            <button type="submit" class="primary">{text::login_button()}</button>
        </form>
    }
}

//! Changing one's own password: the current one, the new one twice. Also the only page a user
//! sees after the Administrator reset their password, until they have chosen their own.

use crate::api;
use crate::error::AppError;
use crate::text;
use crate::ui::components::{
    field_error_id, field_invalid, field_label_id, form_token, posted_error, FieldNote, FormError,
};
use leptos::prelude::*;

#[component]
pub fn PasswordPage(#[prop(optional)] forced: bool) -> impl IntoView {
    view! { <PasswordForm forced token=form_token() refused=posted_error()/> }
}

/// Changed: said in place; when the change was required, the page the user asked for loads.
#[island(lazy)]
fn PasswordForm(forced: bool, token: String, refused: Option<AppError>) -> impl IntoView {
    crate::ui::island::alive();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(refused);
    let done = RwSignal::new(false);
    let submit = Action::new(move |(c, n): &(String, String)| {
        let (c, n) = (c.clone(), n.clone());
        async move { api::change_password(c, n).await }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(()) => {
                    error.set(None);
                    for s in [current, new, repeat] {
                        s.set(String::new());
                    }
                    done.set(true);
                    if forced {
                        crate::ui::island::load_page(&crate::ui::island::current_page());
                    }
                }
                Err(e) => error.set(crate::ui::island::refusal(e)),
            }
        }
    });
    let mismatch = move || !repeat.get().is_empty() && repeat.get() != new.get();
    let input = move |name: &'static str, label: &'static str, auto: &'static str, value: RwSignal<String>| {
        view! {
            <label><span id=field_label_id("password", name)>{label}</span>
                <input name=name type="password" autocomplete=auto required
                    aria-invalid=move || field_invalid(error, name).then_some("true")
                    aria-labelledby=field_label_id("password", name)
                    aria-describedby=field_error_id("password", name)
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                <FieldNote error scope="password" field=name/>
            </label>
        }
    };
    view! {
        <section class="card narrow" data-testid="password-page">
            <h1>{text::password_title()}</h1>
            {forced.then(|| view! { <p class="notice" role="alert">{text::password_change_required()}</p> })}
            <p class="muted">{text::password_help()}</p>
            <form method="post" action="/kata-sandi" on:submit=move |ev| {
                ev.prevent_default();
                done.set(false);
                if !mismatch() {
                    submit.dispatch((current.get_untracked(), new.get_untracked()));
                }
            }>
                <input type="hidden" name="token" value=token/>
                {input("current", text::password_current(), "current-password", current)}
                {input("password", text::password_new(), "new-password", new)}
                {input("repeat", text::password_repeat(), "new-password", repeat)}
                {move || mismatch().then(|| view! { <p class="error" role="alert">{text::password_mismatch()}</p> })}
                <FormError error/>
                {move || done.get().then(|| view! { <p class="notice" role="status">{text::password_changed()}</p> })}
                <button type="submit" class="primary" disabled=move || submit.pending().get()>{text::password_submit()}</button>
            </form>
        </section>
    }
}

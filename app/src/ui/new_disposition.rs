//! Step 1: the PPID Pembantu's disposition form.

use crate::api;
use crate::domain::{DispositionForm, Instruction, Urgency};
use crate::error::AppError;
use crate::text;
use crate::ui::components::{
    field_error_id, field_invalid, field_label_id, form_token, guarded, posted_error, FieldNote, FormError,
};
use crate::views::PersonOption;
use leptos::prelude::*;

/// The form's name in its fields' error ids.
const SCOPE: &str = "disposition";

/// Only the PPID Pembantu may list recipients: the same call tells the page who may see the form.
#[component]
pub fn NewDispositionPage() -> impl IntoView {
    // A plain post that was refused comes back with what was typed (`?` fields) and the reason.
    let start = posted_form().unwrap_or_else(|| DispositionForm {
        urgency: Urgency::Biasa.id().into(),
        instructions: vec![Instruction::BuatMateri.id().into()],
        form_key: server_form_key(),
        ..Default::default()
    });
    let refused = posted_error();
    let recipients = Resource::new(|| (), |_| api::recipients());
    view! {
        <h1>{text::nav_new()}</h1>
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || {
                let (start, refused) = (start.clone(), refused.clone());
                Suspend::new(async move {
                    guarded(recipients.await, |people| {
                        view! { <DispositionEditor people start refused/> }.into_any()
                    })
                })
            }}
        </Suspense>
    }
}

/// The form. Posted by the script through the server function (the new item's page then loads
/// in its place); before (or without) the script, as a plain form, which the server answers with
/// the new item's page.
#[island(lazy)]
fn DispositionEditor(people: Vec<PersonOption>, start: DispositionForm, refused: Option<AppError>) -> impl IntoView {
    crate::ui::island::alive();
    let form = RwSignal::new(start);
    let error = RwSignal::new(refused);
    // This form's key, made in the browser when the form opens: submitting it again (a double
    // click, a retry after a lost answer) gives the item the first submission made.
    Effect::new(move |_| {
        if form.with_untracked(|f| f.form_key.is_empty()) {
            let key = new_form_key();
            form.update(|f| f.form_key = key);
        }
    });
    if form.with_untracked(|f| f.to_user.is_empty()) {
        if let Some(first) = people.first() {
            let id = first.id.clone();
            form.update_untracked(|f| f.to_user = id);
        }
    }
    let submit = Action::new(move |f: &DispositionForm| {
        let f = f.clone();
        async move { api::create_disposition(f).await }
    });
    Effect::new(move |_| {
        if let Some(r) = submit.value().get() {
            match r {
                // The form is done: Back leads to where the user came from, not to it again.
                Ok(id) => crate::ui::island::replace_page(&format!("/materi/{id}")),
                Err(e) => error.set(crate::ui::island::refusal(e)),
            }
        }
    });
    // Binds a text input to one field of the form.
    let text_input = move |name: &'static str,
                           label: &'static str,
                           kind: &'static str,
                           get: fn(&DispositionForm) -> String,
                           set: fn(&mut DispositionForm, String)| {
        view! {
            <label><span id=field_label_id(SCOPE, name)>{label}</span>
                // `value` for the page drawn on the server (a post without script), `prop:value`
                // for the page alive in the browser.
                <input name=name type=kind value=move || form.with(get) prop:value=move || form.with(get)
                    aria-invalid=move || field_invalid(error, name).then_some("true")
                    aria-labelledby=field_label_id(SCOPE, name)
                    aria-describedby=field_error_id(SCOPE, name)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
                <FieldNote error scope=SCOPE field=name/>
            </label>
        }
    };
    let recipient_select = view! {
        <label>{text::f_to()}
            <select name="to_user" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.to_user = v); }>
                {people.into_iter().map(|p| {
                    let id = p.id.clone();
                    view! { <option value=p.id.clone() selected=move || form.with(|f| f.to_user == id)>{p.name.clone()}" — "{p.position.clone()}</option> }
                }).collect_view()}
            </select>
            <FieldNote error scope=SCOPE field="to_user"/>
        </label>
    };
    view! {
            <form class="card" method="post" action="/materi/baru"
                on:submit=move |ev| { ev.prevent_default(); submit.dispatch(form.get_untracked()); }>
                <input type="hidden" name="token" value=form_token()/>
                <input type="hidden" name="form_key" prop:value=move || form.with(|f| f.form_key.clone())/>
                {text_input("perihal", text::f_perihal(), "text", |f| f.perihal.clone(), |f, v| f.perihal = v)}
                <div class="row">
                    {text_input("activity_date", text::f_activity_date(), "date", |f| f.activity_date.clone(), |f, v| f.activity_date = v)}
                    {text_input("activity_place", text::f_activity_place(), "text", |f| f.activity_place.clone(), |f, v| f.activity_place = v)}
                </div>
                <div class="row">
                    <label>{text::f_urgency()}
                        <select name="urgency" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.urgency = v); }>
                            {Urgency::ALL.iter().map(|u| view! {
                                <option value=u.id() selected=move || form.with(|f| f.urgency == u.id())>{u.label()}</option>
                            }).collect_view()}
                        </select>
                        <FieldNote error scope=SCOPE field="urgency"/>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="confidential" checked=move || form.with(|f| f.confidential)
                            prop:checked=move || form.with(|f| f.confidential)
                            on:change=move |ev| { let v = event_target_checked(&ev); form.update(|f| f.confidential = v); }/>
                        {text::f_confidential()}
                    </label>
                    {text_input("deadline", text::f_deadline(), "date", |f| f.deadline.clone(), |f, v| f.deadline = v)}
                </div>
                <fieldset>
                    <legend>{text::f_instructions()}</legend>
                    {Instruction::ALL.iter().map(|i| {
                        let id = i.id();
                        view! {
                            <label class="check">
                                <input type="checkbox" name="instructions" value=id
                                    checked=move || form.with(|f| f.instructions.iter().any(|x| x == id))
                                    prop:checked=move || form.with(|f| f.instructions.iter().any(|x| x == id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.update(|f| {
                                            f.instructions.retain(|x| x != id);
                                            if on { f.instructions.push(id.to_string()); }
                                        });
                                    }/>
                                {i.label()}
                            </label>
                        }
                    }).collect_view()}
                    <FieldNote error scope=SCOPE field="instructions"/>
                </fieldset>
                <label><span id=field_label_id(SCOPE, "note")>{text::f_disposition_note()}</span>
                    <textarea name="note" prop:value=move || form.with(|f| f.note.clone())
                        aria-invalid=move || field_invalid(error, "note").then_some("true")
                        aria-labelledby=field_label_id(SCOPE, "note")
                        aria-describedby=field_error_id(SCOPE, "note")
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.note = v); }>
                        {form.with_untracked(|f| f.note.clone())}
                    </textarea>
                    <FieldNote error scope=SCOPE field="note"/>
                </label>
                {recipient_select}
                <FormError error/>
                <button type="submit" class="primary" disabled=move || submit.pending().get()>{text::action_label(crate::domain::ActionKind::CreateDisposition)}</button>
            </form>
    }
}

/// The form as a refused plain post sent it back (its fields in the query), if it was.
fn posted_form() -> Option<DispositionForm> {
    let q = leptos_router::hooks::use_query_map().get_untracked();
    q.get("galat")?;
    let one = |k: &str| q.get(k).unwrap_or_default();
    Some(DispositionForm {
        perihal: one("perihal"),
        activity_date: one("activity_date"),
        activity_place: one("activity_place"),
        urgency: one("urgency"),
        confidential: q.get("confidential").is_some(),
        instructions: q.get_all("instructions").unwrap_or_default(),
        note: one("note"),
        deadline: one("deadline"),
        to_user: one("to_user"),
        form_key: one("form_key"),
    })
}

/// A key for a form drawn on the server, for its plain post (the script makes its own).
fn server_form_key() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::forms::FormToken::fresh().as_str()[..32].to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// A new random key for a form: the browser's `crypto.randomUUID()` (none while rendering on
/// the server: the key is made when the form comes alive in the browser).
fn new_form_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.random_uuid())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

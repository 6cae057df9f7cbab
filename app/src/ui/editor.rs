//! The material editor of the drafting desk (steps 5 and 6), and what it shows when a save is
//! refused because the draft was saved elsewhere first: both texts, to choose one or merge.

use crate::api;
use crate::domain::register::{missing_for_verification, InfoForm};
use crate::domain::{Channel, DraftForm, KipCategory};
use crate::error::{AppError, DraftClash};
use crate::text;
use crate::ui::components::{field_error_id, field_invalid, field_label_id, form_token, FieldNote};
use crate::ui::item::Typed;
use crate::ui::rich_editor::RichEditor;
use crate::views::DiffLine;
use leptos::prelude::*;

/// The form's name in its fields' error ids.
const SCOPE: &str = "draft";

/// How long the editor waits after the last keystroke before it saves by itself.
const AUTOSAVE_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

#[component]
pub fn DraftEditor(id: String, typed: Typed) -> impl IntoView {
    let id_form = id.clone();
    let form = typed.draft;
    // The text on its way to the server, kept as the saved one when the save succeeds.
    let sending = StoredValue::new(None::<DraftForm>);
    let save = Action::new(move |(id, rev, f): &(String, i64, DraftForm)| {
        let (id, rev, f) = (id.clone(), *rev, f.clone());
        async move { api::save_draft(id, rev, f).await }
    });
    Effect::new(move |_| typed.saving.set(save.pending().get()));
    let dirty = Memo::new(move |_| form.with(|f| typed.saved.with(|s| f.is_some() && f != s)));
    Effect::new(move |_| {
        if let Some(r) = save.value().get() {
            match r {
                Ok(rev) => {
                    typed.rev.set(rev);
                    typed.saved.set(sending.get_value());
                    typed.clash.set(None);
                    typed.error.set(None);
                }
                // Saved elsewhere first: nothing was overwritten; both texts are shown.
                Err(AppError::DraftConflict(c)) => {
                    typed.error.set(None);
                    typed.notice.set(None);
                    typed.clash.set(Some(*c));
                }
                Err(e) => typed.error.set(Some(e)),
            }
        }
    });
    // The register fields verification will ask for, still empty: shown while typing.
    let missing = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .map(|f| {
                    let kip = KipCategory::parse(&f.kip_category).unwrap_or(KipCategory::Berkala);
                    missing_for_verification(&f.register, kip)
                })
                .unwrap_or_default()
        })
    });
    let error = typed.error;
    // An input of one field: `field` is its name in the checks ("register.unit").
    let field = move |field: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      get: fn(&DraftForm) -> String,
                      set: fn(&mut DraftForm, String)| {
        view! {
            <label class:missing=move || missing.with(|m| m.contains(&field))><span id=field_label_id(SCOPE, field)>{label}</span>
                <input name=field.replace('.', "_") type=kind
                    value=move || form.with(|f| f.as_ref().map(get).unwrap_or_default())
                    prop:value=move || form.with(|f| f.as_ref().map(get).unwrap_or_default())
                    aria-invalid=move || field_invalid(error, field).then_some("true")
                    aria-labelledby=field_label_id(SCOPE, field)
                    aria-describedby=field_error_id(SCOPE, field)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(f) = f { set(f, v) }); }/>
                <FieldNote error scope=SCOPE field/>
            </label>
        }
    };
    let area = move |field: &'static str,
                     label: &'static str,
                     rows: u32,
                     get: fn(&DraftForm) -> String,
                     set: fn(&mut DraftForm, String)| {
        view! {
            <label class:missing=move || missing.with(|m| m.contains(&field))><span id=field_label_id(SCOPE, field)>{label}</span>
                <textarea name=field.replace('.', "_") rows=rows prop:value=move || form.with(|f| f.as_ref().map(get).unwrap_or_default())
                    aria-invalid=move || field_invalid(error, field).then_some("true")
                    aria-labelledby=field_label_id(SCOPE, field)
                    aria-describedby=field_error_id(SCOPE, field)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(f) = f { set(f, v) }); }>
                    {form.with_untracked(|f| f.as_ref().map(get).unwrap_or_default())}
                </textarea>
                <FieldNote error scope=SCOPE field/>
            </label>
        }
    };
    let save_now = Callback::new(move |()| {
        if let Some(f) = form.get_untracked() {
            sending.set_value(Some(f.clone()));
            save.dispatch((id.clone(), typed.rev.get_untracked(), f));
        }
    });
    // Saving by itself: a few seconds after the last change, unless a save is on its way or a
    // clash waits for the user's choice.
    let edits = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        form.track();
        if first.is_none() {
            return;
        }
        let n = edits.get_value() + 1;
        edits.set_value(n);
        set_timeout(
            move || {
                // Typed again since, or the editor is gone (a move, another page): nothing due.
                // (What the editor owns lives exactly as long as `edits`.)
                if edits.try_get_value() != Some(n) {
                    return;
                }
                let free = typed.clash.try_with_untracked(Option::is_none) == Some(true)
                    && !save.pending().get_untracked()
                    && typed.submit.pending().try_get_untracked() == Some(false);
                if dirty.get_untracked() && free {
                    save_now.run(());
                }
            },
            AUTOSAVE_AFTER,
        );
    });
    // Leaving or reloading the page with unsaved text asks first.
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if dirty.try_get_untracked() == Some(true) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || leaving.remove());
    // Where the text stands, next to the button that saves it.
    let state = move || {
        if save.pending().get() {
            text::saving()
        } else if dirty.get() {
            text::unsaved_changes()
        } else {
            text::saved()
        }
    };
    view! {
        <section class="card material editor" aria-label=text::section_material()>
            <h2>{text::section_material()}</h2>
            // Saved by the script through the server function; before (or without) the script, as
            // a plain form (the body then in a plain text field, as Markdown).
            <form method="post" action=format!("/materi/{}/draf", id_form)
                on:submit=move |ev| { ev.prevent_default(); save_now.run(()); }>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name="rev" value=typed.rev.get_untracked()/>
            {move || typed.clash.get().map(|c| view! { <ClashPanel clash=c typed save=save_now/> })}
            {field("title", text::f_title(), "text", |f| f.title.clone(), |f, v| f.title = v)}
            {area("summary", text::f_summary(), 3, |f| f.summary.clone(), |f, v| f.summary = v)}
            <div class="js-only">
                <RichEditor label=text::f_body() html=typed.body_html
                    invalid=Signal::derive(move || field_invalid(error, "body"))
                    on_change=Callback::new(move |md: String| form.update(|f| if let Some(f) = f { f.body = md }))/>
            </div>
            <label class="nojs-only">{text::f_body_plain()}
                <textarea name="body" rows="12">{form.with_untracked(|f| f.as_ref().map(|f| f.body.clone()).unwrap_or_default())}</textarea>
            </label>
            <FieldNote error scope=SCOPE field="body"/>
            {field("activity_name", text::f_activity_name(), "text", |f| f.activity_name.clone(), |f, v| f.activity_name = v)}
            <div class="row">
                {field("activity_date", text::f_activity_date(), "date", |f| f.activity_date.clone(), |f, v| f.activity_date = v)}
                {field("activity_place", text::f_activity_place(), "text", |f| f.activity_place.clone(), |f, v| f.activity_place = v)}
            </div>
            <fieldset>
                <legend>{text::f_channels()}</legend>
                {Channel::ALL.iter().map(|c| {
                    let cid = c.id();
                    view! {
                        <label class="check">
                            <input type="checkbox" name="channels" value=cid
                                checked=move || form.with(|f| f.as_ref().is_some_and(|f| f.channels.iter().any(|x| x == cid)))
                                prop:checked=move || form.with(|f| f.as_ref().is_some_and(|f| f.channels.iter().any(|x| x == cid)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| if let Some(f) = f {
                                        f.channels.retain(|x| x != cid);
                                        if on { f.channels.push(cid.to_string()); }
                                    });
                                }/>
                            {c.label()}
                        </label>
                    }
                }).collect_view()}
                <FieldNote error scope=SCOPE field="channels"/>
            </fieldset>
            <label>{text::f_kip()}
                <select name="kip_category" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(f) = f { f.kip_category = v }); }>
                    {KipCategory::ALL.iter().map(|k| view! {
                        <option value=k.id() selected=move || form.with(|f| f.as_ref().is_some_and(|f| f.kip_category == k.id()))>{k.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <fieldset class="register">
                <legend>{text::section_register()}</legend>
                <p class="register-status" role="status" data-testid="register-status"
                    class:complete=move || missing.with(Vec::is_empty)>
                    {move || missing.with(|m| text::register_status(m))}
                </p>
                {field("register.unit", text::f_unit(), "text", |f| f.register.unit.clone(), |f, v| f.register.unit = v)}
                {field("register.responsible", text::f_responsible(), "text", |f| f.register.responsible.clone(), |f, v| f.register.responsible = v)}
                <div class="row">
                    <label class:missing=move || missing.with(|m| m.contains(&"register.form"))>{text::f_form()}
                        <select name="register_form" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(f) = f { f.register.form = v }); }>
                            <option value="" selected=move || form.with(|f| f.as_ref().is_some_and(|f| f.register.form.is_empty()))>{text::choose()}</option>
                            {InfoForm::ALL.iter().map(|k| view! {
                                <option value=k.id() selected=move || form.with(|f| f.as_ref().is_some_and(|f| f.register.form == k.id()))>{k.label()}</option>
                            }).collect_view()}
                        </select>
                        <FieldNote error scope=SCOPE field="register.form"/>
                    </label>
                    {field("register.retention", text::f_retention(), "text", |f| f.register.retention.clone(), |f, v| f.register.retention = v)}
                </div>
                {area("register.consequence_test", text::f_consequence(), 3, |f| f.register.consequence_test.clone(), |f, v| f.register.consequence_test = v)}
            </fieldset>
            <div class="save-bar">
                <button type="submit" disabled=move || typed.clash.with(Option::is_some)>{text::save_draft()}</button>
                <span class="save-state" role="status" data-testid="save-state" class:unsaved=move || dirty.get()>{state}</span>
            </div>
            </form>
        </section>
    }
}

/// Both texts of a refused save. "Pakai teks tersimpan" puts the stored text in the editor;
/// "Simpan teks di editor" saves what the editor holds (the user's text, or a merge of both made
/// there) over the stored revision, now that its author has seen it.
#[component]
fn ClashPanel(clash: DraftClash, typed: Typed, save: Callback<()>) -> impl IntoView {
    let theirs = clash.theirs.clone();
    let theirs_html = clash.theirs_html.clone().unwrap_or_default();
    let (theirs_text, mine_text, lines) = (clash.theirs_text.clone(), clash.mine_text.clone(), clash.lines.clone());
    let rev = clash.rev;
    let take_theirs = move |_| {
        if let Some(t) = theirs.clone() {
            // The stored text, as stored: nothing to save.
            typed.saved.set(Some(t.clone()));
            typed.draft.set(Some(t));
            typed.body_html.set(theirs_html.clone());
        }
        typed.rev.set(rev);
        typed.clash.set(None);
    };
    let keep_editor = move |_| {
        typed.rev.set(rev);
        save.run(());
    };
    view! {
        <div class="clash" role="alert" data-testid="draft-clash">
            <h3>{text::clash_heading()}</h3>
            <p>{text::draft_conflict(&clash.by)}</p>
            <div class="row">
                <section>
                    <h4>{text::clash_theirs()}" ("{clash.by.clone()}")"</h4>
                    <pre data-testid="clash-theirs">{theirs_text.clone()}</pre>
                </section>
                <section>
                    <h4>{text::clash_mine()}</h4>
                    <pre data-testid="clash-mine">{mine_text}</pre>
                </section>
            </div>
            <details>
                <summary>{text::clash_diff()}</summary>
                <pre class="diff">{diff_view(lines)}</pre>
            </details>
            <p class="muted">{text::clash_help()}</p>
            <button type="button" data-testid="clash-take-theirs" on:click=take_theirs>{text::clash_take_theirs()}</button>
            " "
            <button type="button" data-testid="clash-keep-editor" on:click=keep_editor>{text::clash_keep_mine()}</button>
        </div>
    }
}

/// Line differences as the `<pre class="diff">` shows them.
fn diff_view(lines: Vec<DiffLine>) -> impl IntoView {
    lines
        .into_iter()
        .map(|l| match l {
            DiffLine::Same(s) => view! { <span class="same">"  "{s}"\n"</span> }.into_any(),
            DiffLine::Added(s) => view! { <ins>"+ "{s}"\n"</ins> }.into_any(),
            DiffLine::Removed(s) => view! { <del>"- "{s}"\n"</del> }.into_any(),
        })
        .collect_view()
}

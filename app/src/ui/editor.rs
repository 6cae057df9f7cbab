//! The material editor of the drafting desk (steps 5 and 6), and what it shows when a save is
//! refused because the draft was saved elsewhere first: both texts, to choose one or merge.
//!
//! Nothing typed waits on the connection: once a save finds no connection (or the browser says it
//! has none), every change is kept on the device (`ui::device`) until the server holds the same
//! text. The editor keeps typing, says where the text stands, and sends it (with the revision it
//! started from) when the connection returns; a text kept on the device is taken up again after a
//! reload, a restart or days offline.

use crate::api;
use crate::domain::register::{missing_for_verification, InfoForm};
use crate::domain::{Channel, DraftForm, KipCategory};
use crate::error::{AppError, DraftClash};
use crate::text;
use crate::ui::components::{field_error_id, field_invalid, field_label_id, form_token, FieldNote};
use crate::ui::device::{self, KeptDraft};
use crate::ui::item::Typed;
use crate::ui::rich_editor::RichEditor;
use crate::views::DiffLine;
use leptos::prelude::*;

/// The form's name in its fields' error ids.
const SCOPE: &str = "draft";

/// How long the editor waits after the last keystroke before it saves by itself.
const AUTOSAVE_AFTER: std::time::Duration = std::time::Duration::from_secs(3);
/// How long after the last keystroke the text is kept on the device.
const KEEP_AFTER: std::time::Duration = std::time::Duration::from_millis(300);
/// Without a connection, how often a save is tried again (and at once when the browser says the
/// connection is back).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const RETRY_OFFLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// A draft save as the editor sends it: the item, the revision the text started from, the text.
pub type SaveRequest = (String, i64, DraftForm);

/// The editor's saves and where its text stands, for the whole page: the editor is drawn again
/// when the page refreshes (a live change, a reconnection), and a save on its way still gets its
/// answer, and the text the device kept is taken up once.
#[derive(Clone, Copy)]
pub struct Saving {
    pub(crate) save: Action<SaveRequest, Result<i64, AppError>>,
    /// The text on its way to the server, kept as the saved one when the save succeeds.
    sending: StoredValue<Option<DraftForm>>,
    /// When the text in the editor was last kept on the device (while the server lacks it).
    on_device: RwSignal<Option<f64>>,
    /// The last save found no connection.
    waiting: RwSignal<bool>,
    /// The kept text the editor took up when it opened, and when it was kept.
    restored: RwSignal<Option<f64>>,
    /// The device has been asked for a kept text: until then nothing is kept or forgotten.
    ready: RwSignal<bool>,
    /// The device keeps the text on every change: the connection failed, or it held one already.
    needed: RwSignal<bool>,
    /// The device was asked once, when the editor first opened on this page.
    asked: StoredValue<bool>,
}

impl Saving {
    pub fn new() -> Self {
        Saving {
            save: Action::new(|(id, rev, f): &SaveRequest| {
                let (id, rev, f) = (id.clone(), *rev, f.clone());
                async move { api::save_draft(id, rev, f).await }
            }),
            sending: StoredValue::new(None),
            on_device: RwSignal::new(None),
            waiting: RwSignal::new(false),
            restored: RwSignal::new(None),
            ready: RwSignal::new(false),
            needed: RwSignal::new(false),
            asked: StoredValue::new(false),
        }
    }
}

impl Default for Saving {
    fn default() -> Self {
        Self::new()
    }
}

/// Each save's answer, handled at the page's level (so also when the editor was drawn again).
pub fn follow_saves(typed: Typed) {
    let Saving {
        save,
        sending,
        waiting,
        needed,
        ..
    } = typed.drafts;
    Effect::new(move |_| typed.saving.set(save.pending().get()));
    Effect::new(move |_| {
        if let Some(r) = save.value().get() {
            waiting.set(false);
            match r {
                Ok(rev) => {
                    typed.rev.set(rev);
                    typed.saved.set(sending.get_value());
                    typed.clash.set(None);
                    typed.error.set(None);
                }
                // No connection: the text goes to the device (said where it stands), and the save
                // is tried again.
                Err(AppError::Transport(_)) => {
                    typed.error.set(None);
                    needed.set(true);
                    waiting.set(true);
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
}

/// The editor for `viewer` (their account's key: what the device keeps is theirs only).
#[component]
pub fn DraftEditor(id: String, viewer: String, typed: Typed) -> impl IntoView {
    let id_form = id.clone();
    let form = typed.draft;
    let Saving {
        save,
        sending,
        on_device,
        waiting,
        restored,
        ready,
        needed,
        asked,
    } = typed.drafts;
    let dirty = Memo::new(move |_| form.with(|f| typed.saved.with(|s| f.is_some() && f != s)));
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
    let item = id.clone();
    let save_now = Callback::new(move |()| {
        if let Some(f) = form.get_untracked() {
            sending.set_value(Some(f.clone()));
            save.dispatch((id.clone(), typed.rev.get_untracked(), f));
        }
    });
    // When it opens: a text this person kept on this device that the server lacks is taken up,
    // with the revision it started from (a change made on the server meanwhile then shows beside
    // it when it is saved).
    // What the device keeps is this person's, for this item (another person on the same tablet
    // neither sees nor replaces it).
    let slot = device::slot(&viewer, &item);
    Effect::new({
        let slot = slot.clone();
        move |_| {
            let slot = slot.clone();
            if device::offline() {
                needed.set(true);
            }
            if asked.get_value() {
                return;
            }
            asked.set_value(true);
            if !device::holds(&slot) {
                ready.set(true);
                return;
            }
            leptos::task::spawn_local(async move {
                if let Some(k) = device::kept(slot.clone()).await {
                    let same = typed.saved.with_untracked(|s| s.as_ref() == Some(&k.form));
                    if same {
                        device::forget(slot).await;
                    } else {
                        needed.set(true);
                        typed.rev.set(k.base_rev);
                        typed.body_html.set(k.body_html);
                        typed.draft.set(Some(k.form));
                        on_device.set(Some(k.at));
                        restored.set(Some(k.at));
                    }
                }
                ready.set(true);
            });
        }
    });
    // Kept on the device a moment after each change; forgotten once the server has the text.
    let keeps = StoredValue::new(0u64);
    Effect::new(move |_| {
        let (unsaved, _, _) = (dirty.get(), form.track(), typed.rev.track());
        if !ready.get() || !needed.get() {
            return;
        }
        let n = keeps.get_value() + 1;
        keeps.set_value(n);
        if !unsaved {
            if on_device.get_untracked().is_some() {
                on_device.set(None);
                restored.set(None);
                leptos::task::spawn_local(device::forget(slot.clone()));
            }
            return;
        }
        let (item, viewer) = (item.clone(), viewer.clone());
        set_timeout(
            move || {
                if keeps.try_get_value() != Some(n) {
                    return;
                }
                let Some(form) = form.get_untracked() else { return };
                let k = KeptDraft {
                    item,
                    user: viewer,
                    base_rev: typed.rev.get_untracked(),
                    form,
                    body_html: typed.body_html.get_untracked(),
                    at: device::now_ms(),
                };
                let at = k.at;
                leptos::task::spawn_local(async move {
                    if !device::keep(k).await {
                        // Neither the server nor the device has it: said, as a lost connection.
                        typed.error.set(Some(AppError::Transport(String::new())));
                    } else if keeps.try_get_value() == Some(n) {
                        on_device.set(Some(at));
                    }
                });
            },
            KEEP_AFTER,
        );
    });
    // Without a connection: tried again every few seconds, and at once when it returns.
    let retry = move || {
        let free = typed.clash.try_with_untracked(Option::is_none) == Some(true)
            && save.pending().try_get_untracked() == Some(false)
            && typed.submit.pending().try_get_untracked() == Some(false);
        if free && dirty.try_get_untracked() == Some(true) {
            save_now.run(());
        }
    };
    // A text the server lacks (the device keeps it, or the last save found no connection) is
    // sent again every few seconds while the browser has a connection, and at once when it says
    // the connection is back.
    // (In the browser only: the server draws the editor once.)
    #[cfg(feature = "hydrate")]
    {
        let again = set_interval_with_handle(
            move || {
                // (A text the server refused waits for the person's change instead.)
                let kept = on_device.try_with_untracked(Option::is_some) == Some(true)
                    && typed.error.try_with_untracked(Option::is_none) == Some(true);
                let pending = kept || waiting.try_get_untracked() == Some(true);
                if pending && !device::offline() {
                    retry();
                }
            },
            RETRY_OFFLINE,
        );
        on_cleanup(move || {
            if let Ok(handle) = again {
                handle.clear();
            }
        });
    }
    let back_online = window_event_listener(leptos::ev::online, move |_| retry());
    let gone = window_event_listener(leptos::ev::offline, move |_| needed.set(true));
    on_cleanup(move || {
        back_online.remove();
        gone.remove();
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
    // Leaving or reloading the page with text that is neither on the server nor on the device
    // asks first.
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if dirty.try_get_untracked() == Some(true) && on_device.try_get_untracked() == Some(None) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || leaving.remove());
    // Where the text stands (on the server, on this device, neither yet), next to the button
    // that saves it.
    let state = move || {
        if save.pending().get() {
            text::saving().to_string()
        } else if dirty.get() {
            match on_device.get() {
                Some(at) => text::kept_on_device(&device::time_of(at), waiting.get()),
                None => text::unsaved_changes().to_string(),
            }
        } else {
            text::saved().to_string()
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
            {move || restored.get().map(|at| view! {
                <p class="notice device" role="status" data-testid="kept-restored">{text::kept_restored(&device::time_of(at))}</p>
            })}
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
                <span class="save-state" role="status" data-testid="save-state" class:unsaved=move || dirty.get()
                    data-where=move || if !dirty.get() { "server" } else if on_device.get().is_some() { "device" } else { "editor" }>{state}</span>
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

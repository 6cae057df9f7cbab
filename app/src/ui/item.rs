//! The item page: step indicator, disposition sheet, material and versions, timeline, and
//! exactly the buttons the user's roles allow now. The server draws the parts that only show
//! (`ui::item_parts`); the island holds what the user acts on, and is redrawn around what they
//! type after each move and each live change that concerns the item.

use crate::api;
use crate::domain::ActionKind;
use crate::domain::{Channel, DraftForm};
use crate::error::AppError;
use crate::error::DraftClash;
use crate::text;
use crate::ui::components::{form_token, guarded, posted_error, ErrorText, FormError};
use crate::ui::editor::{follow_saves, DraftEditor, Saving};
use crate::ui::item_parts::{LEFT_PARAM, RIGHT_PARAM};
use crate::ui::live::use_live;
use crate::ui::publish::PublicationLinks;
use crate::views::{ItemScreen, MoveInput};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The item page, drawn on the server; it lives in the browser as one island.
#[component]
pub fn ItemPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    // A plain form post refused comes back with its error, the move it was for, and the links
    // that were typed; a comparison asked for without script, with its two versions.
    let query = use_query_map().get_untracked();
    let selected = query.get("pilih").and_then(|k| ActionKind::parse(&k));
    let links: Vec<(String, String)> = Channel::ALL
        .iter()
        .filter_map(|c| {
            query
                .get(&format!("link_{}", c.id()))
                .map(|url| (c.id().to_string(), url))
        })
        .collect();
    let compare = query
        .get(LEFT_PARAM)
        .and_then(|a| a.parse().ok())
        .zip(query.get(RIGHT_PARAM).and_then(|b| b.parse().ok()));
    let refused = posted_error();
    let screen = Resource::new(|| (), move |_| api::load_item_screen(id.clone(), compare));
    view! {
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || {
                let (selected, links, refused) = (selected, links.clone(), refused.clone());
                Suspend::new(async move {
                    guarded(screen.await, |s| {
                        view! { <ItemLive s selected links refused compare/> }.into_any()
                    })
                })
            }}
        </Suspense>
        <p><a href="/materi">{text::back_to_list()}</a></p>
    }
}

/// A move as the browser sends it: the item, the version the user saw, the action, what they
/// typed, and (for the drafting desk) the material on screen with the revision it started from,
/// saved first.
type MoveRequest = (String, i64, ActionKind, MoveInput, Option<(i64, DraftForm)>);

/// What the user has typed on this page, and the move in flight. It lives outside the reloading
/// parts, so that a conflict or a reload never wipes it, and a move sent just as the view is
/// redrawn still gets its answer handled.
#[derive(Clone, Copy)]
pub struct Typed {
    pub(crate) input: RwSignal<MoveInput>,
    pub(crate) draft: RwSignal<Option<DraftForm>>,
    /// The draft revision the text in the editor started from (a save names it).
    pub(crate) rev: RwSignal<i64>,
    /// The text as last loaded or saved: the editor's text differs from it while unsaved.
    pub(crate) saved: RwSignal<Option<DraftForm>>,
    /// The editor's body as HTML, as on screen (a redraw of the page puts it back).
    pub(crate) body_html: RwSignal<String>,
    /// A save of the editor is on its way: a move waits for it (it names the revision it makes).
    pub(crate) saving: RwSignal<bool>,
    /// The editor's saves and what the device keeps of its text (`ui::editor`).
    pub(crate) drafts: Saving,
    /// A save refused because the draft was saved elsewhere: both texts, until the editor chooses.
    pub(crate) clash: RwSignal<Option<DraftClash>>,
    pub(crate) selected: RwSignal<Option<ActionKind>>,
    pub(crate) error: RwSignal<Option<AppError>>,
    pub(crate) notice: RwSignal<Option<String>>,
    /// The version this user's last move produced, while the page says where it went.
    pub(crate) moved: RwSignal<Option<i64>>,
    pub(crate) reload: RwSignal<u32>,
    pub(crate) submit: Action<MoveRequest, Result<i64, AppError>>,
    /// What is on screen: (version, stamp, editable). A live change that differs redraws it.
    pub(crate) shown: StoredValue<Option<(i64, i64, bool)>>,
    /// The version this user's own last move produced (its live echo needs no notice).
    pub(crate) own: StoredValue<i64>,
    /// The two versions compared (numbers), once the user chose them.
    pub(crate) compare: RwSignal<Option<(i64, i64)>>,
}

/// The item as it lives in the browser: redrawn after each move and each live change that concerns
/// it, around what the user is typing (which no redraw wipes).
#[island(lazy)]
fn ItemLive(
    s: ItemScreen,
    selected: Option<ActionKind>,
    links: Vec<(String, String)>,
    refused: Option<AppError>,
    compare: Option<(i64, i64)>,
) -> impl IntoView {
    crate::ui::island::alive();
    let id = s.id.clone();
    let typed = Typed {
        input: RwSignal::new(MoveInput::default()),
        draft: RwSignal::new(None),
        rev: RwSignal::new(0),
        saved: RwSignal::new(None),
        body_html: RwSignal::new(String::new()),
        saving: RwSignal::new(false),
        drafts: Saving::new(),
        clash: RwSignal::new(None),
        selected: RwSignal::new(selected),
        error: RwSignal::new(refused),
        notice: RwSignal::new(None),
        moved: RwSignal::new(None),
        reload: RwSignal::new(0),
        shown: StoredValue::new(None),
        own: StoredValue::new(0),
        compare: RwSignal::new(compare),
        submit: Action::new(|(id, version, kind, input, draft): &MoveRequest| {
            let (id, version, kind, input, draft) = (id.clone(), *version, *kind, input.clone(), draft.clone());
            async move {
                // Sending the material on first saves what is on screen; the move then names the
                // revision that save made, so what is sent on is exactly that text.
                let mut input = input;
                if let Some((rev, f)) = draft {
                    input.draft_rev = Some(api::save_draft(id.clone(), rev, f).await?);
                }
                api::perform_move(id, version, kind, input).await
            }
        }),
    };
    Effect::new(move |_| {
        if let Some(r) = typed.submit.value().get() {
            let refreshed = match r {
                Ok(v) => {
                    typed.own.set_value(v);
                    typed.error.set(None);
                    // The page, redrawn, says where the item went and who has it now.
                    typed.notice.set(None);
                    typed.moved.set(Some(v));
                    typed.input.set(MoveInput::default());
                    typed.draft.set(None);
                    typed.clash.set(None);
                    typed.selected.set(None);
                    true
                }
                // The draft was saved elsewhere first: show both texts, keep what was typed.
                Err(AppError::DraftConflict(c)) => {
                    typed.error.set(None);
                    typed.notice.set(None);
                    typed.clash.set(Some(*c));
                    false
                }
                // Someone else moved the item first: show its fresh state, keep what was typed.
                Err(ref e @ AppError::Conflict { .. }) => {
                    typed.notice.set(Some(text::app_error(e)));
                    typed.error.set(r.err());
                    true
                }
                // Refused input or a lost connection: nothing changed on the server, and the form
                // stays exactly as it is. Any other refusal means the page is stale: redraw it.
                Err(e) => {
                    typed.moved.set(None);
                    let stale = !matches!(e, AppError::Invalid(_) | AppError::Transport(_) | AppError::Internal);
                    typed.error.set(Some(e));
                    stale
                }
            };
            if refreshed {
                typed.reload.update(|v| *v += 1);
            }
        }
    });
    follow_saves(typed);
    // Live: another desk moved or edited this item, or changes may have been missed.
    let live = use_live();
    let this = id.clone();
    Effect::new(move |_| {
        let Some(c) = live.last_item.get() else { return };
        if c.id != this || c.version == typed.own.get_value() {
            return;
        }
        let Some((version, stamp, editing)) = typed.shown.get_value() else {
            return;
        };
        if c.version != version {
            if editing {
                // Moved away from under the editor: say so; the typed text stays on screen.
                typed.notice.set(Some(text::conflict(&c.by, c.state)));
            }
            typed.reload.update(|v| *v += 1);
        } else if c.stamp != stamp && !editing {
            typed.reload.update(|v| *v += 1);
        }
    });
    Effect::new(move |previous: Option<u64>| {
        let n = live.resyncs.get();
        if previous.is_some_and(|p| p != n) {
            typed.reload.update(|v| *v += 1);
        }
        n
    });
    typed.input.update_untracked(|i| i.links = links);
    // An item the user may no longer see (or a session that ended) is said, not hidden.
    let screen = RwSignal::new(Ok(s));
    let load = move || {
        let answer = api::load_item_screen(id.clone(), typed.compare.get_untracked());
        async move { Ok::<_, AppError>(answer.await) }
    };
    crate::ui::live::follow(move || typed.reload.get(), load, screen);
    move || match screen.get() {
        Ok(s) => view! { <ItemView s typed/> }.into_any(),
        Err(e) => crate::ui::island::refusal(e)
            .map(|error| view! { <ErrorText error/> })
            .into_any(),
    }
}

#[component]
fn ItemView(s: ItemScreen, typed: Typed) -> impl IntoView {
    typed.shown.set_value(Some((s.version, s.stamp, s.can_edit_draft)));
    // The editor starts from the stored draft unless the user is already typing.
    if s.can_edit_draft && typed.draft.with_untracked(Option::is_none) {
        let start = s.draft.clone().unwrap_or_default();
        typed.saved.set(Some(start.clone()));
        typed.rev.set(s.draft_rev);
        match s.refused_draft.clone() {
            // A save without script was refused: what was typed is back in the editor, with why.
            Some(refused) => {
                typed.draft.set(Some(refused.form));
                typed.body_html.set(refused.body_html);
                match refused.error {
                    AppError::DraftConflict(c) => typed.clash.set(Some(*c)),
                    e => typed.error.set(Some(e)),
                }
            }
            None => {
                typed.draft.set(Some(start));
                typed.body_html.set(s.draft_html.clone().unwrap_or_default());
            }
        }
    }
    let version = s.version;
    let moved_note = s.moved_note.clone();
    let parts = s.parts.clone();
    view! {
        <article class="item" data-state=s.state.id() data-version=s.version>
            <div class="part" inner_html=parts.head/>
            {move || (typed.moved.get() == Some(version)).then(|| view! {
                <p class="notice" role="status" data-testid="moved-to">{moved_note.clone()}</p>
            })}
            {move || typed.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <div class="part" inner_html=parts.lead/>
            <SeenWhenShown id=s.id.clone()/>
            <div class="part" inner_html=parts.steps/>
            // The material, and next to it what to do with it (kept in view while the material
            // scrolls); on a tablet the action follows the material and stays at the bottom of
            // the screen, on a phone it follows the material (see the style sheet).
            <div class="columns">
                <div class="main-col">
                    <Material s=s.clone() typed/>
                    <div class="part" inner_html=parts.media/>
                    <PublicationLinks s=s.clone() typed/>
                    <Versions html=parts.versions typed/>
                </div>
                <aside class="side-col">
                    <Actions s=s.clone() typed/>
                    <div class="part" inner_html=parts.sheet/>
                    <div class="part" inner_html=parts.timeline/>
                </aside>
            </div>
        </article>
    }
}

/// Tells the server once that the page is in front of its reader: at once when the tab is
/// visible, else when it becomes visible (a tab refreshed in the background reads nothing).
#[component]
fn SeenWhenShown(id: String) -> impl IntoView {
    let sent = StoredValue::new(false);
    let send = move || {
        if sent.get_value() || document().hidden() {
            return;
        }
        sent.set_value(true);
        let id = id.clone();
        leptos::task::spawn_local(async move {
            // A receipt that cannot be written costs nothing but the receipt. Written, it also
            // read this item's notifications: the bell on this page says so (the page's stream
            // may have opened only after).
            if api::mark_seen(id).await.is_ok() {
                let live = use_live();
                live.notices.update(|n| *n += 1);
            }
        });
    };
    Effect::new({
        let send = send.clone();
        move |_| send()
    });
    let listener = window_event_listener(leptos::ev::visibilitychange, move |_| send());
    on_cleanup(move || listener.remove());
}

/// The material: the editor at the drafting desk, else the stored text (drawn by the server).
#[component]
fn Material(s: ItemScreen, typed: Typed) -> impl IntoView {
    if s.can_edit_draft {
        return view! { <DraftEditor id=s.id.clone() viewer=s.viewer.clone() typed/> }.into_any();
    }
    // The item left this desk while the user was typing: their text stays, to copy from.
    let unsaved = typed.draft.get_untracked().filter(|f| Some(f) != s.draft.as_ref());
    view! {
        <section class="card material" aria-label=text::section_material()>
            {unsaved.map(|f| view! {
                <div class="notice" data-testid="unsaved">
                    <p>{text::unsaved_kept()}</p>
                    <textarea readonly rows=6>{format!("{}\n\n{}\n\n{}", f.title, f.summary, f.body)}</textarea>
                </div>
            })}
            <div class="part" inner_html=s.parts.material/>
        </section>
    }
    .into_any()
}

/// The versions and their comparison, drawn by the server. Choosing two versions redraws the
/// item with their comparison (without script, the form asks the server for the page).
#[component]
fn Versions(html: String, typed: Typed) -> impl IntoView {
    let chosen = move |ev: &leptos::ev::Event| -> Option<(i64, i64)> {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let form = ev
                .target()?
                .dyn_into::<web_sys::Element>()
                .ok()?
                .closest("form.compare")
                .ok()??;
            let pick = |name: &str| -> Option<i64> {
                form.query_selector(&format!("select[name={name}]"))
                    .ok()??
                    .dyn_into::<web_sys::HtmlSelectElement>()
                    .ok()?
                    .value()
                    .parse()
                    .ok()
            };
            Some((pick(LEFT_PARAM)?, pick(RIGHT_PARAM)?))
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = ev;
            None
        }
    };
    let redraw = move |pair: (i64, i64)| {
        typed.compare.set(Some(pair));
        typed.reload.update(|v| *v += 1);
    };
    view! {
        <div class="part" inner_html=html
            on:change=move |ev| { if let Some(p) = chosen(&ev) { redraw(p) } }
            on:submit=move |ev| { if let Some(p) = chosen(&ev) { ev.prevent_default(); redraw(p) } }/>
    }
}

#[component]
fn Actions(s: ItemScreen, typed: Typed) -> impl IntoView {
    let id = s.id.clone();
    let version = s.version;
    let can_edit = s.can_edit_draft;
    let draft_rev = s.draft_rev;
    let staff = s.staff_options.clone();
    let submit = typed.submit;
    let go = move |kind: ActionKind| {
        let draft = if can_edit && matches!(kind, ActionKind::SubmitForCorrection | ActionKind::SendToVerification) {
            typed.draft.get_untracked().map(|f| (typed.rev.get_untracked(), f))
        } else {
            None
        };
        let mut input = typed.input.get_untracked();
        // The material as this page shows it: a move on it is refused if it was saved since.
        input.draft_rev = Some(if can_edit { typed.rev.get_untracked() } else { draft_rev });
        typed.moved.set(None);
        submit.dispatch((id.clone(), version, kind, input, draft));
    };
    if s.actions.is_empty() {
        return view! {
            // Nothing to do here: the lead above says who has the item; only a refusal shows.
            <div class="no-actions"><FormError error=typed.error/></div>
        }
        .into_any();
    }
    // "Tandai Sudah Tayang" takes the links of the section above it (see `ui::publish`).
    let needs_form = |k: ActionKind| k.needs_reason() || k == ActionKind::AssignStaff;
    // Returns and cancellation undo work: they look it. Classifying as exempt is a verdict.
    let class = |k: ActionKind| {
        if k.needs_reason() && k != ActionKind::ClassifyExempt {
            "danger"
        } else {
            "primary"
        }
    };
    // The consequence test the drafter proposed, for the Bidang to confirm or rewrite.
    let proposed_test = s.proposed_test.clone();
    let actions = s.actions.clone();
    let go_buttons = go.clone();
    let go_form = go.clone();
    let id_cancel = s.id.clone();
    // One form: with the script, each button moves the item through the server function; before
    // (or without) it, the form posts to the server, which answers with the item page again.
    view! {
        <section class="card actions" aria-label=text::section_actions()>
            <h2>{text::section_actions()}</h2>
            <FormError error=typed.error/>
            <form method="post" action=format!("/materi/{}/tindakan", s.id)
                on:submit=move |ev| {
                    ev.prevent_default();
                    if let Some(k) = typed.selected.get_untracked() { go_form(k) }
                }>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name="version" value=version/>
            <input type="hidden" name="draft_rev" value=draft_rev/>
            <Checklist items=s.kelengkapan.clone() input=typed.input/>
            {move || {
                let go = go_buttons.clone();
                match typed.selected.get() {
                    None => view! {
                        <label>{text::f_note()}
                            <textarea name="note" rows=2 prop:value=move || typed.input.with(|i| i.note.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); typed.input.update(|i| i.note = v); }></textarea>
                        </label>
                        <div class="buttons">
                            {actions.iter().map(|k| {
                                let k = *k;
                                let go = go.clone();
                                let proposed_test = proposed_test.clone();
                                let open = move || {
                                    if k == ActionKind::ClassifyExempt {
                                        typed.input.update(|i| if i.reason.trim().is_empty() { i.reason = proposed_test.clone() });
                                    }
                                    typed.selected.set(Some(k));
                                };
                                view! {
                                    <button type="submit" name="action" value=k.id() class=class(k)
                                        disabled=move || submit.pending().get() || typed.saving.get()
                                        on:click=move |ev| { ev.prevent_default(); if needs_form(k) { open() } else { go(k) } }>
                                        {text::action_label(k)}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Some(k) => {
                        let go = go.clone();
                        let _ = go;
                        view! {
                            <div class="move-form">
                                {(k == ActionKind::ClassifyExempt).then(|| view! { <p class="muted">{text::classify_exempt_hint()}</p> })}
                                {k.needs_reason().then(|| view! {
                                    <label>{text::reason_label(k)}
                                        <textarea name="reason" rows=3 required prop:value=move || typed.input.with(|i| i.reason.clone())
                                            on:input=move |ev| { let v = event_target_value(&ev); typed.input.update(|i| i.reason = v); }></textarea>
                                    </label>
                                })}
                                {(k == ActionKind::AssignStaff).then(|| view! {
                                    <label>{text::f_staff()}
                                        <select name="staff" on:change=move |ev| { let v = event_target_value(&ev); typed.input.update(|i| i.staff = v); }>
                                            <option value="">"—"</option>
                                            {staff.clone().into_iter().map(|p| {
                                                let pid = p.id.clone();
                                                view! { <option value=p.id.clone() selected=move || typed.input.with(|i| i.staff == pid)>{p.name.clone()}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                })}
                                <div class="buttons">
                                    <button type="submit" name="action" value=k.id() class=class(k)
                                        disabled=move || submit.pending().get() || typed.saving.get()>{text::action_label(k)}</button>
                                    <a class="button link" href=format!("/materi/{id_cancel}")
                                        on:click=move |ev| { ev.prevent_default(); typed.selected.set(None) }>{text::cancel_form()}</a>
                                </div>
                            </div>
                        }.into_any()
                    }
                }
            }}
            </form>
        </section>
    }
    .into_any()
}

/// The step's kelengkapan, ticked by the actor and recorded with the move.
#[component]
fn Checklist(items: Vec<String>, input: RwSignal<MoveInput>) -> impl IntoView {
    if items.is_empty() {
        return ().into_any();
    }
    view! {
        <fieldset class="checklist" data-testid="checklist">
            <legend>{text::f_checklist()}</legend>
            {items.into_iter().map(|item| {
                let (a, b) = (item.clone(), item.clone());
                view! {
                    <label class="check">
                        <input type="checkbox" name="checklist" value=item.clone()
                            prop:checked=move || input.with(|i| i.checklist.contains(&a))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                input.update(|i| {
                                    i.checklist.retain(|x| *x != b);
                                    if on { i.checklist.push(b.clone()); }
                                });
                            }/>
                        {item}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

//! The item page: step indicator, disposition sheet, material and versions, timeline, and
//! exactly the buttons the user's roles allow now.

use crate::api;
use crate::domain::time::{format_datetime, format_iso_date, OfficeZone};
use crate::domain::{ActionKind, Channel, Draft, DraftForm, KipCategory, State};
use crate::error::{AppError, DraftClash};
use crate::text;
use crate::ui::compare::Comparison;
use crate::ui::components::{age_since, form_token, guarded, posted_error, ErrorText, FormError, StateBadge};
use crate::ui::editor::DraftEditor;
use crate::ui::live::use_live;
use crate::ui::publish::PublicationLinks;
use crate::views::{ItemDetail, MoveInput, VersionView};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The item page, drawn on the server; it lives in the browser as one island.
#[component]
pub fn ItemPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    // A plain form post refused comes back with its error, the move it was for, and the links
    // that were typed.
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
    let refused = posted_error();
    let detail = Resource::new(|| (), move |_| api::load_item(id.clone()));
    view! {
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || {
                let (selected, links, refused) = (selected, links.clone(), refused.clone());
                Suspend::new(async move {
                    guarded(detail.await, |d| {
                        view! { <ItemLive d selected links refused/> }.into_any()
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
}

/// The item as it lives in the browser: redrawn after each move and each live change that concerns
/// it, around what the user is typing (which no redraw wipes).
#[island(lazy)]
fn ItemLive(
    d: ItemDetail,
    selected: Option<ActionKind>,
    links: Vec<(String, String)>,
    refused: Option<AppError>,
) -> impl IntoView {
    crate::ui::island::alive();
    let id = d.id.clone();
    let typed = Typed {
        input: RwSignal::new(MoveInput::default()),
        draft: RwSignal::new(None),
        rev: RwSignal::new(0),
        saved: RwSignal::new(None),
        body_html: RwSignal::new(String::new()),
        saving: RwSignal::new(false),
        clash: RwSignal::new(None),
        selected: RwSignal::new(selected),
        error: RwSignal::new(refused),
        notice: RwSignal::new(None),
        moved: RwSignal::new(None),
        reload: RwSignal::new(0),
        shown: StoredValue::new(None),
        own: StoredValue::new(0),
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
    let detail = RwSignal::new(Ok(d));
    let load = move || {
        let answer = api::load_item(id.clone());
        async move { Ok::<_, AppError>(answer.await) }
    };
    crate::ui::live::follow(move || typed.reload.get(), load, detail);
    move || match detail.get() {
        Ok(d) => view! { <ItemView d typed/> }.into_any(),
        Err(e) => crate::ui::island::refusal(e)
            .map(|error| view! { <ErrorText error/> })
            .into_any(),
    }
}

#[component]
fn ItemView(d: ItemDetail, typed: Typed) -> impl IntoView {
    typed.shown.set_value(Some((d.version, d.stamp, d.can_edit_draft)));
    // The editor starts from the stored draft unless the user is already typing.
    if d.can_edit_draft && typed.draft.with_untracked(Option::is_none) {
        let start = d.draft.as_ref().map(Draft::to_form).unwrap_or_else(|| DraftForm {
            activity_name: d.disposition.perihal.clone(),
            activity_date: d.disposition.activity_date.clone(),
            activity_place: d.disposition.activity_place.clone(),
            channels: vec![Channel::Website.id().into()],
            kip_category: KipCategory::Berkala.id().into(),
            ..Default::default()
        });
        typed.saved.set(Some(start.clone()));
        typed.rev.set(d.draft_rev);
        match d.refused_draft.clone() {
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
                typed.body_html.set(d.draft_html.clone().unwrap_or_default());
            }
        }
    }
    let title = d
        .draft
        .as_ref()
        .map(|x| x.title.clone())
        .unwrap_or_else(|| d.disposition.perihal.clone());
    let zone = d.zone;
    let version = d.version;
    let moved_note = text::moved_to(d.state, d.holder().as_deref());
    view! {
        <article class="item" data-state=d.state.id() data-version=d.version>
            <header class="item-head">
                <h1>{title}</h1>
                <p>
                    <StateBadge state=d.state/>
                    " " <span class="muted" data-testid="agenda-no">{d.disposition.agenda_no.clone()}</span>
                    {(!d.state.is_closed()).then(|| view! { " · " <span class="muted">{text::col_age()}": "{age_since(d.state_since)}</span> })}
                    {d.clock.map(|c| view! {
                        " · " <span class="clock" class:late=c.late() data-testid="step-clock" title=text::step_clock_hint()>
                            {text::step_clock(c.spent, c.target)}
                        </span>
                        {c.late().then(|| view! { " " <span class="badge late">{text::over_target()}</span> })}
                    })}
                    {d.opened_by.clone().zip(d.opened_at).map(|(who, at)| view! {
                        <br/><small class="muted">{text::read_receipt()}" "{who}", "{format_datetime(at, zone)}</small>
                    })}
                </p>
                <p class="print-links no-print">
                    <a href=format!("/materi/{}/disposisi", d.id) target="_blank">{text::print_link_disposition()}</a>
                    " · "
                    <a href=format!("/materi/{}/rekam", d.id) target="_blank">{text::print_link_record()}</a>
                </p>
            </header>
            {move || (typed.moved.get() == Some(version)).then(|| view! {
                <p class="notice" role="status" data-testid="moved-to">{moved_note.clone()}</p>
            })}
            {move || typed.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <Lead d=d.clone()/>
            <SeenWhenShown id=d.id.clone()/>
            <StepIndicator state=d.state/>
            // The material, and next to it what to do with it (kept in view while the material
            // scrolls); on a tablet the action follows the material and stays at the bottom of
            // the screen, on a phone it follows the material (see the style sheet).
            <div class="columns">
                <div class="main-col">
                    <Material d=d.clone() typed/>
                    <PublicationLinks d=d.clone() typed/>
                    <Versions versions=d.versions.clone() can_compare=d.can_compare zone/>
                </div>
                <aside class="side-col">
                    <Actions d=d.clone() typed/>
                    <DispositionSheet d=d.clone()/>
                    <Timeline d=d.clone()/>
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

/// What the page asks of this user now, and the reason of the return the item is answering.
#[component]
fn Lead(d: ItemDetail) -> impl IntoView {
    let zone = d.zone;
    let returned = d.open_return().cloned();
    let asked = if d.actions.is_empty() {
        d.holder().map(|h| format!("{} {h}.", text::waiting_for()))
    } else {
        let labels: Vec<&str> = d.actions.iter().map(|k| text::action_label(*k)).collect();
        Some(format!("{}: {}", text::asked_now(), labels.join(" · ")))
    };
    view! {
        {returned.map(|e| view! {
            <section class="callout returned" role="note" data-testid="return-reason">
                <p><strong>{text::returned_by()}" "{e.actor_name.clone()}</strong>
                    " ("{e.role.label()}"), "{format_datetime(e.at, zone)}</p>
                <blockquote>{e.note.clone()}</blockquote>
            </section>
        })}
        {asked.map(|a| view! { <p class="asked" data-testid="asked-now">{a}</p> })}
    }
}

#[component]
fn StepIndicator(state: State) -> impl IntoView {
    let current = state.pending_step();
    view! {
        <ol class="steps" aria-label=text::section_steps()>
            {text::steps().iter().enumerate().map(|(i, label)| {
                let n = i as u8 + 1;
                let class = match (state, current) {
                    (State::Published, _) => "done",
                    // Exempt information ends at verification: steps 8 and 9 never come.
                    (State::Exempt, _) if n <= 7 => "done",
                    (State::Exempt, _) => "skipped",
                    (_, Some(c)) if n < c => "done",
                    (_, Some(c)) if n == c => "current",
                    _ => "todo",
                };
                view! {
                    <li class=class aria-current=(class == "current").then_some("step")>
                        <span class="num">{n}</span><span class="label">{*label}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn DispositionSheet(d: ItemDetail) -> impl IntoView {
    let s = d.disposition;
    // An empty cell would render no text node, and the browser would find nothing to hydrate.
    let row = |k: &'static str, v: String| {
        let v = if v.trim().is_empty() { "-".to_string() } else { v };
        view! { <tr><th>{k}</th><td>{v}</td></tr> }
    };
    view! {
        <section class="card sheet" aria-label=text::section_disposition()>
            <h2>{text::section_disposition()}</h2>
            <table><tbody>
                {row(text::f_agenda(), s.agenda_no.clone())}
                {row(text::f_date(), format_datetime(s.created_at, d.zone))}
                {row(text::f_from(), format!("{} ({})", s.from.name, s.from.position))}
                {row(text::f_to(), format!("{} ({})", s.to.name, s.to.position))}
                {row(text::f_perihal(), s.perihal.clone())}
                {row(text::f_activity_date(), format_iso_date(&s.activity_date))}
                {row(text::f_activity_place(), s.activity_place.clone())}
                {row(text::f_urgency(), if s.confidential { format!("{}, {}", s.urgency.label(), text::f_confidential()) } else { s.urgency.label().to_string() })}
                {row(text::f_instructions(), s.instructions.iter().map(|i| i.label()).collect::<Vec<_>>().join("; "))}
                {row(text::f_disposition_note(), s.note.clone())}
                {row(text::f_deadline(), format_iso_date(&s.deadline))}
                {row(text::f_signed(), format!("{} — NIP {}", s.from.name, if s.from.nip.is_empty() { "-".into() } else { s.from.nip.clone() }))}
                {row(text::f_staff(), d.assignee.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| "-".into()))}
            </tbody></table>
        </section>
    }
}

#[component]
fn Timeline(d: ItemDetail) -> impl IntoView {
    let zone = d.zone;
    view! {
        <section class="card timeline-card" aria-label=text::section_timeline()>
            <h2>{text::section_timeline()}</h2>
            <ol class="timeline" data-testid="timeline">
                {d.events.into_iter().map(|e| view! {
                    <li data-action=e.action.id()>
                        <strong>{e.actor_name}</strong>" ("{e.role.label()}") "{text::action_done(e.action)}
                        <br/><small class="muted">{format_datetime(e.at, zone)}" → "{text::state_label(e.to_state)}</small>
                        {(!e.note.is_empty()).then(|| view! { <blockquote>{e.note.clone()}</blockquote> })}
                        {(!e.checklist.is_empty()).then(|| view! {
                            <br/><small class="muted" data-testid="checklist-done">{text::checklist_done()}": "{e.checklist.join(", ")}</small>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            {(!d.publications.is_empty()).then(|| view! {
                <h3>{text::section_publications()}</h3>
                <ul>{d.publications.into_iter().map(|p| view! {
                    <li>{p.channel.label()}": "<a href=p.url.clone() rel="noopener noreferrer" target="_blank">{p.url.clone()}</a></li>
                }).collect_view()}</ul>
            })}
        </section>
    }
}

#[component]
fn Material(d: ItemDetail, typed: Typed) -> impl IntoView {
    if d.can_edit_draft {
        return view! { <DraftEditor id=d.id.clone() typed/> }.into_any();
    }
    // The item left this desk while the user was typing: their text stays, to copy from.
    let stored = d.draft.as_ref().map(Draft::to_form);
    let unsaved = typed.draft.get_untracked().filter(|f| Some(f) != stored.as_ref());
    view! {
        <section class="card material" aria-label=text::section_material()>
            {unsaved.map(|f| view! {
                <div class="notice" data-testid="unsaved">
                    <p>{text::unsaved_kept()}</p>
                    <textarea readonly rows=6>{format!("{}\n\n{}\n\n{}", f.title, f.summary, f.body)}</textarea>
                </div>
            })}
            <h2>{text::section_material()}</h2>
            {match (d.draft, d.draft_html) {
                (Some(draft), Some(html)) => view! {
                    // The office writes in Bahasa Indonesia: its words keep their language on an English page.
                    <h3 data-testid="material-title" lang="id">{draft.title.clone()}</h3>
                    <p class="summary" lang="id">{draft.summary.clone()}</p>
                    <div class="markdown" lang="id" inner_html=html></div>
                    <p class="muted">
                        {text::f_channels()}": "{draft.channels.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")}
                        " · "{text::f_kip()}": "{draft.kip_category.label()}
                    </p>
                    <RegisterView draft=draft.clone() dip_no=d.dip_no.clone()/>
                }.into_any(),
                _ => view! { <p class="muted">{text::no_material()}</p> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn Actions(d: ItemDetail, typed: Typed) -> impl IntoView {
    let id = d.id.clone();
    let version = d.version;
    let can_edit = d.can_edit_draft;
    let draft_rev = d.draft_rev;
    let staff = d.staff_options.clone();
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
    if d.actions.is_empty() {
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
    let proposed_test = d
        .draft
        .as_ref()
        .map(|x| x.register.consequence_test.clone())
        .unwrap_or_default();
    let actions = d.actions.clone();
    let go_buttons = go.clone();
    let go_form = go.clone();
    let id_cancel = d.id.clone();
    // One form: with the script, each button moves the item through the server function; before
    // (or without) it, the form posts to the server, which answers with the item page again.
    view! {
        <section class="card actions" aria-label=text::section_actions()>
            <h2>{text::section_actions()}</h2>
            <FormError error=typed.error/>
            <form method="post" action=format!("/materi/{}/tindakan", d.id)
                on:submit=move |ev| {
                    ev.prevent_default();
                    if let Some(k) = typed.selected.get_untracked() { go_form(k) }
                }>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name="version" value=version/>
            <input type="hidden" name="draft_rev" value=draft_rev/>
            <Checklist items=d.kelengkapan.clone() input=typed.input/>
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

#[component]
fn Versions(versions: Vec<VersionView>, can_compare: bool, zone: OfficeZone) -> impl IntoView {
    if versions.is_empty() {
        return ().into_any();
    }
    let n = versions.len();
    let left = RwSignal::new(n.saturating_sub(2));
    let right = RwSignal::new(n - 1);
    let list = versions.clone();
    let picker = move |sig: RwSignal<usize>, name: &'static str| {
        let list = list.clone();
        view! {
            <select name=name on:change=move |ev| sig.set(event_target_value(&ev).parse().unwrap_or(0))>
                {list.iter().enumerate().map(|(i, v)| view! {
                    <option value=i.to_string() selected=move || sig.get() == i>{format!("v{}", v.number)}</option>
                }).collect_view()}
            </select>
        }
    };
    let for_diff = versions.clone();
    view! {
        <section class="card versions-card" aria-label=text::section_versions()>
            <h2>{text::section_versions()}</h2>
            <ul class="versions">
                {versions.iter().map(|v| view! {
                    <li>{format!("v{} — {} ({}), {}", v.number, v.author_name, v.role.label(), format_datetime(v.created_at, zone))}</li>
                }).collect_view()}
            </ul>
            {(can_compare && n >= 2).then(|| view! {
                <div class="compare">
                    {text::compare()}" "{picker(left, "left")}" "{text::compare_with()}" "{picker(right, "right")}
                    {move || {
                        let (a, b) = (&for_diff[left.get().min(n - 1)], &for_diff[right.get().min(n - 1)]);
                        view! { <Comparison old=a.clone() new=b.clone()/> }
                    }}
                </div>
            })}
        </section>
    }
    .into_any()
}

/// The register (DIP) fields of the material, as verification will check them.
#[component]
pub fn RegisterView(draft: Draft, dip_no: Option<String>) -> impl IntoView {
    let missing = crate::domain::register::missing_for_verification(&draft.register, draft.kip_category);
    let complete = missing.is_empty();
    let status = text::register_status(&missing);
    let r = draft.register;
    let or_dash = |v: String| if v.trim().is_empty() { "-".to_string() } else { v };
    let row = move |k: &'static str, v: String| view! { <tr><th>{k}</th><td>{or_dash(v)}</td></tr> };
    view! {
        <p class="register-status" class:complete=complete data-testid="register-status">{status}</p>
        <table class="register-view" data-testid="register-view"><tbody>
            {row(text::f_dip_no(), dip_no.unwrap_or_default())}
            {row(text::f_unit(), r.unit.clone())}
            {row(text::f_responsible(), r.responsible.clone())}
            {row(text::f_form(), r.info_form().map(|f| f.label().to_string()).unwrap_or_default())}
            {row(text::f_retention(), r.retention.clone())}
            {(draft.kip_category == KipCategory::Dikecualikan).then(|| row(text::f_consequence(), r.consequence_test.clone()))}
        </tbody></table>
    }
}

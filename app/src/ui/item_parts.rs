//! The parts of the item page that only show (server only): the head, the lead, the step
//! indicator, the material as stored, the versions and their comparison, the disposition sheet
//! and the timeline. Drawn here in the reader's language and handed to the item's island as HTML
//! ([`screen`]), so that the browser's script carries none of their code, their dates or their
//! sentences; the island itself holds what the user acts on (`ui::item`).

use crate::domain::time::{format_datetime, format_iso_date};
use crate::domain::{Channel, Draft, DraftForm, KipCategory, State};
use crate::text;
use crate::ui::compare::Comparison;
use crate::ui::components::{age_since, StateBadge};
use crate::views::{ChannelLinkView, ItemDetail, ItemParts, ItemScreen, VersionView};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The query of a comparison asked for without script: the two version numbers.
pub const LEFT_PARAM: &str = "kiri";
pub const RIGHT_PARAM: &str = "kanan";

/// The item as its island receives it. `compare`: the two versions to compare (numbers), else the
/// last two.
pub fn screen(d: ItemDetail, compare: Option<(i64, i64)>) -> ItemScreen {
    let zone = d.zone;
    let html = |view: AnyView| Owner::new_root(None).with(|| view.to_html());
    let draft = match &d.draft {
        Some(x) => Some(x.to_form()),
        // The editor's first text: the disposition's activity, the website, a periodic item.
        None if d.can_edit_draft => Some(DraftForm {
            activity_name: d.disposition.perihal.clone(),
            activity_date: d.disposition.activity_date.clone(),
            activity_place: d.disposition.activity_place.clone(),
            channels: vec![Channel::Website.id().into()],
            kip_category: KipCategory::Berkala.id().into(),
            ..Default::default()
        }),
        None => None,
    };
    let links = if d.can_record_links {
        d.draft
            .as_ref()
            .map(|x| x.channels.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|c| {
                let recorded = d.publications.iter().find(|p| p.channel == c);
                ChannelLinkView {
                    channel: c,
                    url: recorded.map(|p| p.url.clone()),
                    status: match recorded {
                        Some(p) => text::link_recorded(p.by.as_deref(), p.at.map(|at| format_datetime(at, zone))),
                        None => text::link_not_yet().to_string(),
                    },
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    // The forms of the media part carry this request's form token (the parts are drawn apart).
    let token = crate::ui::components::form_token();
    let parts = ItemParts {
        head: html(view! { <Head d=d.clone()/> }.into_any()),
        lead: html(view! { <Lead d=d.clone()/> }.into_any()),
        steps: html(view! { <StepIndicator state=d.state/> }.into_any()),
        material: if d.can_edit_draft {
            String::new()
        } else {
            html(view! { <Material d=d.clone()/> }.into_any())
        },
        versions: html(view! { <Versions d=d.clone() compare/> }.into_any()),
        sheet: html(view! { <DispositionSheet d=d.clone()/> }.into_any()),
        timeline: html(view! { <Timeline d=d.clone()/> }.into_any()),
        media: html(
            view! { <Media d=d.clone() token=token.clone()/> <TextsLink d=d.clone()/> <Publication d=d.clone() token/> }
                .into_any(),
        ),
    };
    ItemScreen {
        moved_note: text::moved_to(d.state, d.holder().as_deref()),
        proposed_test: d
            .draft
            .as_ref()
            .map(|x| x.register.consequence_test.clone())
            .unwrap_or_default(),
        id: d.id,
        state: d.state,
        version: d.version,
        stamp: d.stamp,
        draft_rev: d.draft_rev,
        can_edit_draft: d.can_edit_draft,
        draft,
        draft_html: d.draft_html,
        refused_draft: d.refused_draft,
        actions: d.actions,
        staff_options: d.staff_options,
        kelengkapan: d.kelengkapan,
        links,
        parts,
        viewer: d.viewer,
    }
}

#[component]
fn Head(d: ItemDetail) -> impl IntoView {
    let title = d
        .draft
        .as_ref()
        .map(|x| x.title.clone())
        .unwrap_or_else(|| d.disposition.perihal.clone());
    let zone = d.zone;
    view! {
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
    }
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

/// The material as stored, for whoever does not edit it now.
#[component]
fn Material(d: ItemDetail) -> impl IntoView {
    match (d.draft, d.draft_html) {
        (Some(draft), Some(html)) => view! {
            <h2>{text::section_material()}</h2>
            // The office writes in Bahasa Indonesia: its words keep their language on an English page.
            <h3 data-testid="material-title" lang="id">{draft.title.clone()}</h3>
            <p class="summary" lang="id">{draft.summary.clone()}</p>
            <div class="markdown" lang="id" inner_html=html></div>
            <p class="muted">
                {text::f_channels()}": "{draft.channels.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")}
                " · "{text::f_kip()}": "{draft.kip_category.label()}
            </p>
            <RegisterView draft=draft.clone() dip_no=d.dip_no.clone()/>
        }
        .into_any(),
        _ => view! { <h2>{text::section_material()}</h2><p class="muted">{text::no_material()}</p> }.into_any(),
    }
}

/// The photos and documents on the material; for the draft's editor, the forms that add (a file
/// picked, or a photo taken with the tablet's camera) and remove them. Plain forms: they work
/// before (and without) the page's script.
#[component]
fn Media(d: ItemDetail, token: String) -> impl IntoView {
    let editing = d.can_edit_draft;
    if d.media.is_empty() && !editing {
        return ().into_any();
    }
    let id = d.id.clone();
    let limits = d.media_limits;
    let files = d
        .media
        .iter()
        .map(|m| {
            let remove = editing.then(|| {
                view! {
                    <form method="post" action=format!("/materi/{}/berkas/{}/hapus", id, m.id) class="inline">
                        <input type="hidden" name="token" value=token.clone()/>
                        <button type="submit" class="link danger">{text::media_remove()}</button>
                    </form>
                }
            });
            let label = if m.caption.is_empty() { m.name.clone() } else { m.caption.clone() };
            // The editor describes each photo: its caption, and the alt text verification needs.
            let describe = (editing && m.photo).then(|| {
                view! {
                    <form method="post" action=format!("/materi/{}/berkas/{}", id, m.id) class="media-describe">
                        <input type="hidden" name="token" value=token.clone()/>
                        <label>{text::media_caption()}<input type="text" name="caption" maxlength="500" value=m.caption.clone()/></label>
                        <label>{text::media_alt()}<input type="text" name="alt" maxlength="500" value=m.alt.clone()/></label>
                        <button type="submit">{text::media_describe()}</button>
                    </form>
                }
            });
            if m.photo {
                view! {
                    <li class="media-photo" data-testid="media-file">
                        <a href=format!("/berkas/{}/web", m.id)>
                            <img src=format!("/berkas/{}/kecil", m.id) alt=m.alt.clone() loading="lazy" width="160"/>
                        </a>
                        <span lang="id">{label}</span>
                        {describe}
                        {remove}
                    </li>
                }
                .into_any()
            } else {
                view! {
                    <li class="media-document" data-testid="media-file">
                        <a href=format!("/berkas/{}/unduh", m.id) download=m.name.clone()>{m.name.clone()}</a>
                        <span class="muted">{format!(" ({} kB)", (m.bytes + 999) / 1000)}</span>
                        {remove}
                    </li>
                }
                .into_any()
            }
        })
        .collect::<Vec<_>>();
    let add = editing.then(|| {
        view! {
            // `/berkas.js` (loaded by `pwa.js`) sends several files at once with their progress,
            // and queues those taken without a connection: its texts are these.
            <form method="post" enctype="multipart/form-data" action=format!("/materi/{}/berkas", id) class="media-add" data-testid="media-add"
                data-item=id.clone() data-drop=text::media_drop() data-sending=text::media_sending()
                data-waiting=text::media_waiting() data-done=text::media_done() data-refused=text::media_refused()
                data-choose=text::media_choose_first()>
                <input type="hidden" name="token" value=token.clone()/>
                <label>{text::media_choose()}
                    <input type="file" name="file" required
                        accept="image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                </label>
                <label>{text::media_caption()}<input type="text" name="caption" maxlength="500"/></label>
                <label>{text::media_alt()}<input type="text" name="alt" maxlength="500"/></label>
                <p class="muted">{text::media_limits(limits.max_file_mb as usize, limits.max_files as usize)}</p>
                <button type="submit">{text::media_upload()}</button>
            </form>
        }
    });
    view! {
        <section class="card media" aria-labelledby="media-heading">
            <h2 id="media-heading">{text::section_media()}</h2>
            {if files.is_empty() {
                view! { <p class="muted">{text::media_none()}</p> }.into_any()
            } else {
                view! { <ul class="media-list">{files}</ul> }.into_any()
            }}
            {add}
        </section>
    }
    .into_any()
}

/// The way to the material's text per channel, when it goes to a channel other than the website.
#[component]
fn TextsLink(d: ItemDetail) -> impl IntoView {
    let own = d
        .draft
        .as_ref()
        .is_some_and(|x| x.channels.iter().any(|c| crate::domain::channel_text::has_own_text(*c)));
    own.then(|| {
        view! {
            <p class="card"><a href=format!("/materi/{}/saluran", d.id) data-testid="channel-texts-link">{text::channel_texts_link()}</a></p>
        }
    })
}

/// The versions, and for the Sekretaris and the verifier the comparison of two of them: a plain
/// form (`kiri`, `kanan`) that works without script; with it, the item's island redraws the
/// comparison in place.
#[component]
fn Versions(d: ItemDetail, compare: Option<(i64, i64)>) -> impl IntoView {
    let (versions, zone) = (d.versions, d.zone);
    if versions.is_empty() {
        return ().into_any();
    }
    let n = versions.len();
    let number = |i: usize| versions[i].number;
    let find = |v: i64| versions.iter().position(|x| x.number == v);
    let (left, right) = compare
        .and_then(|(a, b)| find(a).zip(find(b)))
        .unwrap_or((n.saturating_sub(2), n - 1));
    let picker = |name: &'static str, label: &'static str, chosen: usize| {
        view! {
            <label>{label}" "
                <select name=name>
                    {(0..n).map(|i| view! {
                        <option value=number(i).to_string() selected=i == chosen>{format!("v{}", number(i))}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let comparing = (d.can_compare && n >= 2).then(|| {
        let (a, b): (&VersionView, &VersionView) = (&versions[left], &versions[right]);
        view! {
            <form class="compare" method="get" action=format!("/materi/{}", d.id) data-testid="compare">
                {picker(LEFT_PARAM, text::compare(), left)}" "
                {picker(RIGHT_PARAM, text::compare_with(), right)}" "
                <button type="submit" class="compare-go">{text::compare()}</button>
            </form>
            <Comparison old=a.clone() new=b.clone()/>
        }
    });
    view! {
        <section class="card versions-card" aria-label=text::section_versions()>
            <h2>{text::section_versions()}</h2>
            <ul class="versions">
                {versions.iter().map(|v| view! {
                    <li>{format!("v{} — {} ({}), {}", v.number, v.author_name, v.role.label(), format_datetime(v.created_at, zone))}</li>
                }).collect_view()}
            </ul>
            {comparing}
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

/// Each channel's publication (once ordered): where it stands, the channel's reason when it
/// failed, and for whoever steers it "Coba lagi" and "Tayangkan manual". Before the order, for the
/// Sekretaris: "Jadwalkan tayang". Plain forms.
#[component]
fn Publication(d: ItemDetail, token: String) -> impl IntoView {
    use crate::domain::outbox::TaskState;
    let zone = d.zone;
    let id = d.id.clone();
    let schedule = d
        .actions
        .contains(&crate::domain::ActionKind::OrderPublication)
        .then(|| {
            view! {
                <section class="card schedule" aria-labelledby="schedule-heading">
                    <h2 id="schedule-heading">{text::schedule_heading()}</h2>
                    <p class="muted">{text::schedule_hint()}</p>
                    <form method="post" action=format!("/materi/{}/jadwal", id) data-testid="schedule">
                        <input type="hidden" name="token" value=token.clone()/>
                        <input type="hidden" name="version" value=d.version.to_string()/>
                        <label>{text::schedule_at()}<input type="datetime-local" name="at" required/></label>
                        <button type="submit">{text::schedule_submit()}</button>
                    </form>
                </section>
            }
        });
    if d.tasks.is_empty() {
        return schedule.into_any();
    }
    let rows = d
        .tasks
        .iter()
        .map(|t| {
            let state = TaskState::parse(&t.state);
            let steer = |path: &'static str, label: &'static str| {
                view! {
                    <form method="post" action=format!("/materi/{}/saluran/{}/{}", id, t.channel.id(), path) class="inline">
                        <input type="hidden" name="token" value=token.clone()/>
                        <button type="submit">{label}</button>
                    </form>
                }
            };
            let retry = (d.can_steer_publication && state.is_some_and(TaskState::may_retry))
                .then(|| steer("coba-lagi", text::task_retry()));
            let by_hand = (d.can_steer_publication
                && state.is_some_and(|s| s.may_post_by_hand() && s != TaskState::Manual))
                .then(|| steer("manual", text::task_by_hand()));
            let when = matches!(state, Some(TaskState::Scheduled | TaskState::Queued))
                .then(|| view! { <span class="muted">" · "{text::task_due(&format_datetime(t.due_at, zone))}</span> });
            let reason = (!t.reason.is_empty() && state != Some(TaskState::Done))
                .then(|| view! { <p class="task-reason">{text::task_reason(&t.reason)}</p> });
            // Once published, the links are listed with the item's record; until then, here.
            let link = t
                .url
                .clone()
                .filter(|_| d.state != State::Published)
                .map(|u| view! { " · " <a href=u.clone() rel="noopener">{u.clone()}</a> });
            view! {
                <li data-testid="channel-task" data-channel=t.channel.id() data-state=t.state.clone()
                    data-url=t.url.clone().unwrap_or_default()>
                    <strong>{t.channel.label()}</strong>": "
                    <span class="task-state">{state.map(text::task_state).unwrap_or_default()}</span>
                    {when}
                    {link}
                    {(t.attempts > 1).then(|| view! { <span class="muted">" · "{text::task_attempts(t.attempts)}</span> })}
                    {reason}
                    {retry}
                    {by_hand}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        {schedule}
        <section class="card publication" aria-labelledby="publication-heading">
            <h2 id="publication-heading">{text::section_publication()}</h2>
            <ul class="task-list">{rows}</ul>
        </section>
    }
    .into_any()
}

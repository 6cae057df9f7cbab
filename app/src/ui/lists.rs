//! "Tugas Saya" and "Semua Materi".

use crate::api;
use crate::domain::time::format_iso_date;
use crate::text;
use crate::ui::components::{age_since, guarded, StateBadge, UrgencyBadge};
use crate::ui::regions;
use crate::views::{Dashboard, ItemSummary, PanelKind, StepCount};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
fn ItemTable(items: Vec<ItemSummary>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted empty">{empty}</p> }.into_any();
    }
    view! {
        <table class="items" data-testid="item-table">
            <thead><tr>
                <th>{text::col_agenda()}</th><th>{text::col_title()}</th><th>{text::col_step()}</th>
                <th>{text::col_urgency()}</th><th>{text::col_age()}</th><th>{text::col_deadline()}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|i| {
                    let href = format!("/materi/{}", i.id);
                    let title = i.title.clone().unwrap_or_else(|| i.perihal.clone());
                    view! {
                        <tr data-testid="item-row" class:late=i.late || i.over_standard>
                            <td>{i.agenda_no.clone()}</td>
                            <td><a href=href>{title}</a>
                                {i.assignee_name.clone().map(|n| view! { <small class="muted">" · "{n}</small> })}
                            </td>
                            <td><StateBadge state=i.state/>
                                {i.over_standard.then(|| view! { " " <span class="badge late" data-testid="over-standard">{text::over_target()}</span> })}
                            </td>
                            <td><UrgencyBadge urgency=i.urgency/>
                                {i.serta_merta.then(|| view! { " " <span class="badge urgency-sangat_segera" data-testid="serta-merta">{text::serta_merta()}</span> })}
                                {i.confidential.then(|| view! { <span class="badge secret">{text::f_confidential()}</span> })}
                            </td>
                            <td>{age_since(i.state_since)}</td>
                            <td>{format_iso_date(&i.deadline)}
                                {i.late.then(|| view! { " " <span class="badge late">{text::late()}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// "Tugas Saya": what waits at my desk, and the dashboard of my roles.
#[component]
pub fn TasksPage() -> impl IntoView {
    let session = use_context::<crate::ui::app::Session>();
    let tasks = Resource::new(|| (), |_| api::my_tasks());
    let board = Resource::new(|| (), |_| api::my_dashboard());
    view! {
        <h1>{text::nav_tasks()}</h1>
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || Suspend::new(async move {
                let issues_dispositions = match session {
                    Some(s) => s.me.await.ok().flatten().is_some_and(|me| me.has(crate::domain::Role::PpidPembantu)),
                    None => false,
                };
                let (tasks, board) = (tasks.await, board.await);
                guarded(tasks, |tasks| {
                    guarded(board, |board| view! { <TasksBoard tasks board issues_dispositions/> }.into_any())
                })
            })}
        </Suspense>
    }
}

/// My tasks and my dashboard, redrawn with every change of the lists (`ui::regions`).
#[component]
fn TasksBoard(tasks: Vec<ItemSummary>, board: Dashboard, issues_dispositions: bool) -> impl IntoView {
    let mut d = board;
    // Each item once: what waits for me is the table; the panels show the rest.
    let mine: Vec<String> = tasks.iter().map(|i| i.id.clone()).collect();
    let empty = tasks.is_empty();
    for p in &mut d.panels {
        p.items.retain(|i| !mine.contains(&i.id));
    }
    d.panels.retain(|p| !p.items.is_empty());
    view! {
        <div id="tasks-board" data-region=regions::LISTS>
            <ItemTable items=tasks empty=text::no_tasks()/>
            {(empty && issues_dispositions).then(|| view! {
                <p><a class="button primary" href="/materi/baru" data-testid="empty-new">{text::nav_new()}</a></p>
            })}
            <DashboardView d/>
        </div>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    view! {
        <section class="dashboard" aria-label=text::dashboard() data-testid="dashboard">
            <h2>{text::dashboard()}</h2>
            // The office's pipeline, when anything is in it (not a row of zeros).
            {(d.pipeline.iter().any(|s| s.count > 0)).then(|| view! { <Pipeline steps=d.pipeline.clone()/> })}
            {(d.late > 0).then(|| view! { <p class="error" data-testid="late-count">{text::late_count(d.late)}</p> })}
            {(d.over_standard > 0).then(|| view! { <p class="error" data-testid="over-standard-count">{text::over_standard_count(d.over_standard)}</p> })}
            <div class="panels">
                {d.panels.into_iter().map(|p| {
                    let n = p.items.len();
                    view! {
                        <section class="card panel" data-panel=panel_id(p.kind)>
                            <h3>{text::panel_title(p.kind)}" "<span class="badge" data-testid="panel-count">{n}</span></h3>
                            <CompactList items=p.items/>
                        </section>
                    }
                }).collect_view()}
            </div>
            {(!d.channel_alerts.is_empty()).then(|| view! {
                <ChannelAlerts alerts=d.channel_alerts.clone() can_connect=d.can_connect_channels/>
            })}
            {(!d.publishing.is_empty()).then(|| view! { <Publishing items=d.publishing.clone()/> })}
            {(!d.berkala_due.is_empty()).then(|| view! {
                <section class="card" data-testid="berkala-due">
                    <h3>{text::berkala_due()}</h3>
                    <ul class="compact">
                        {d.berkala_due.into_iter().map(|i| view! {
                            <li class:late=i.overdue>
                                {text::berkala_due_line(&i.title, &crate::domain::time::format_date(i.due))}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!d.workload.is_empty()).then(|| view! {
                <section class="card" data-testid="workload">
                    <h3>{text::workload()}</h3>
                    <table class="items">
                        <thead><tr><th>{text::col_staff()}</th><th>{text::col_drafting()}</th><th>{text::col_publishing()}</th></tr></thead>
                        <tbody>
                            {d.workload.into_iter().map(|w| view! {
                                <tr><td>{w.name}</td><td>{w.drafting}</td><td>{w.publishing}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            })}
        </section>
    }
}

/// Channels the server cannot publish to until someone reconnects them, or soon will not.
#[component]
fn ChannelAlerts(alerts: Vec<crate::views::ChannelAlert>, can_connect: bool) -> impl IntoView {
    view! {
        <section class="card" data-testid="channel-alerts">
            <h3>{text::channel_alerts()}</h3>
            <ul class="compact">
                {alerts.into_iter().map(|a| {
                    let what = if a.reconnect {
                        text::channel_reconnect().to_string()
                    } else if a.expired {
                        text::channel_expired().to_string()
                    } else {
                        let on = a.ends_on.map(crate::domain::time::format_date).unwrap_or_default();
                        text::channel_alert_expiring_on(&on)
                    };
                    view! {
                        <li class="late" data-channel=a.channel.id() data-reconnect=a.reconnect.to_string()>
                            <strong>{a.channel.label()}</strong>": "{what}
                            {(!a.reason.is_empty()).then(|| view! { " " <small>{text::channel_reason(&a.reason)}</small> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_connect.then(|| view! { <p><a href="/admin/saluran">{text::channel_alerts_fix()}</a></p> })}
        </section>
    }
}

/// The items being published, with where each of their channels stands.
#[component]
fn Publishing(items: Vec<crate::views::PublishingView>) -> impl IntoView {
    use crate::domain::outbox::TaskState;
    view! {
        <section class="card" data-testid="publishing">
            <h3>{text::dashboard_publishing()}</h3>
            <ul class="compact">
                {items.into_iter().map(|p| view! {
                    <li data-testid="publishing-item">
                        <a href=format!("/materi/{}", p.id)>{p.title}</a>" "
                        {p.tasks.into_iter().map(|t| {
                            let state = TaskState::parse(&t.state);
                            let trouble = state.is_some_and(|s| s.needs_person() && s != TaskState::Manual);
                            view! {
                                <span class="badge" class:late=trouble data-channel=t.channel.id() data-state=t.state.clone()>
                                    {t.channel.label()}": "{state.map(text::task_state_short).unwrap_or_default()}
                                </span>" "
                            }
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A dashboard panel's items: title, where it stands, how long, late or not.
#[component]
fn CompactList(items: Vec<ItemSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted">{text::nothing_here()}</p> }.into_any();
    }
    view! {
        <ul class="compact">
            {items.into_iter().map(|i| {
                let title = i.title.clone().unwrap_or_else(|| i.perihal.clone());
                view! {
                    <li class:late=i.late || i.over_standard>
                        <a href=format!("/materi/{}", i.id)>{title}</a>" "
                        <StateBadge state=i.state/>
                        {i.serta_merta.then(|| view! { " " <span class="badge urgency-sangat_segera">{text::serta_merta()}</span> })}
                        <small class="muted">{age_since(i.state_since)}</small>
                        {i.late.then(|| view! { " " <span class="badge late">{text::late()}</span> })}
                        {i.over_standard.then(|| view! { " " <span class="badge late">{text::over_target()}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn panel_id(kind: PanelKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How many items stand at each of the nine steps, then done and cancelled.
#[component]
fn Pipeline(steps: Vec<StepCount>) -> impl IntoView {
    view! {
        <ol class="pipeline" aria-label=text::pipeline() data-testid="pipeline">
            {steps.into_iter().map(|s| {
                let label = text::pipeline_label(s.step);
                view! {
                    <li data-step=s.step class:empty=s.count == 0>
                        <span class="count">{s.count}</span>
                        <span class="label">{label}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The filters of "Semua Materi", from the page's query.
const STEP_PARAM: &str = "langkah";
const SEARCH_PARAM: &str = "q";

/// "Semua Materi": every item the user may see, by step and by title. The filters are a plain
/// form (`GET`): with the page's script, the list is redrawn in place as they change
/// (`ui::regions`), and with every live change.
#[component]
pub fn AllItemsPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let step: Option<u8> = query
        .get(STEP_PARAM)
        .and_then(|s| s.parse().ok())
        .filter(|n| (2..=9).contains(n));
    let search = query.get(SEARCH_PARAM).unwrap_or_default();
    let items = Resource::new(|| (), {
        let search = search.clone();
        move |_| api::all_items(step, search.clone())
    });
    view! {
        <h1>{text::nav_all()}</h1>
        <form class="filters" method="get" action="/materi" data-filter="">
            <label>{text::filter_step()}
                <select name=STEP_PARAM>
                    <option value="">{text::all_steps()}</option>
                    {(2u8..=9).map(|n| view! {
                        <option value=n.to_string() selected=step == Some(n)>{format!("{n}. {}", text::steps()[n as usize - 1])}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{text::search_title()}
                <input type="search" name=SEARCH_PARAM value=search/>
            </label>
            <button type="submit">{text::register_filter()}</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || Suspend::new(async move {
                guarded(items.await, |items| view! {
                    <div id="all-items" data-region=regions::LISTS>
                        <ItemTable items empty=text::no_items()/>
                    </div>
                }.into_any())
            })}
        </Suspense>
    }
}

//! "Tugas Saya" and "Semua Materi".

use crate::api;
use crate::text;
use crate::ui::components::{age_since, guarded, StateBadge, UrgencyBadge};
use crate::views::ItemSummary;
use leptos::prelude::*;

#[component]
fn ItemTable(items: Vec<ItemSummary>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted empty">{empty}</p> }.into_any();
    }
    view! {
        <table class="items">
            <thead><tr>
                <th>{text::COL_AGENDA}</th><th>{text::COL_TITLE}</th><th>{text::COL_STEP}</th>
                <th>{text::COL_URGENCY}</th><th>{text::COL_AGE}</th><th>{text::COL_DEADLINE}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|i| {
                    let href = format!("/materi/{}", i.id);
                    let title = i.title.clone().unwrap_or_else(|| i.perihal.clone());
                    view! {
                        <tr data-testid="item-row">
                            <td>{i.agenda_no.clone()}</td>
                            <td><a href=href>{title}</a>
                                {i.assignee_name.clone().map(|n| view! { <small class="muted">" · "{n}</small> })}
                            </td>
                            <td><StateBadge state=i.state/></td>
                            <td><UrgencyBadge urgency=i.urgency.clone()/>
                                {i.confidential.then(|| view! { <span class="badge secret">{text::F_CONFIDENTIAL}</span> })}
                            </td>
                            <td>{age_since(i.state_since)}</td>
                            <td>{i.deadline.clone()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let tasks = Resource::new(|| (), |_| api::my_tasks());
    view! {
        <h1>{text::NAV_TASKS}</h1>
        <Transition fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                guarded(tasks.await, |items| view! { <ItemTable items empty=text::NO_TASKS/> }.into_any())
            })}
        </Transition>
    }
}

#[component]
pub fn AllItemsPage() -> impl IntoView {
    let step = RwSignal::new(None::<u8>);
    let search = RwSignal::new(String::new());
    let items = Resource::new(move || (step.get(), search.get()), |(s, q)| api::all_items(s, q));
    view! {
        <h1>{text::NAV_ALL}</h1>
        <div class="filters">
            <label>{text::FILTER_STEP}
                <select on:change=move |ev| step.set(event_target_value(&ev).parse().ok())>
                    <option value="">{text::ALL_STEPS}</option>
                    {(2u8..=9).map(|n| view! {
                        <option value=n.to_string()>{format!("{n}. {}", text::STEPS[n as usize - 1])}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{text::SEARCH_TITLE}
                <input type="search" name="q" on:input=move |ev| search.set(event_target_value(&ev))/>
            </label>
        </div>
        <Transition fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
            {move || Suspend::new(async move {
                guarded(items.await, |items| view! { <ItemTable items empty=text::NO_ITEMS/> }.into_any())
            })}
        </Transition>
    }
}

//! Print-ready documents: the lembar disposisi of an item on a half-folio sheet, and the full
//! record of an item on A4. Both carry the letterhead the administrator set, and print with
//! the browser's dialog (which also saves them as PDF).

use crate::api;
use crate::domain::settings::Letterhead;
use crate::domain::time::{format_datetime, format_iso_date};
use crate::domain::{Instruction, Urgency};
use crate::text;
use crate::ui::components::guarded;
use crate::ui::item_parts::RegisterView;
use crate::views::{ItemDetail, SettingsView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The browser's print dialog (which also saves as PDF).
#[island]
pub fn PrintButton() -> impl IntoView {
    crate::ui::island::alive();
    view! {
        <button type="button" class="primary no-print" on:click=move |_| {
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }>{text::sop_print()}</button>
    }
}

/// The kop surat: logo, government, office, address lines, and the double rule under them.
#[component]
pub fn LetterheadView(letterhead: Letterhead) -> impl IntoView {
    let Letterhead {
        government,
        office,
        address,
        logo,
    } = letterhead;
    view! {
        <header class="letterhead" data-testid="letterhead">
            {(!logo.is_empty()).then(|| view! {
                <img class="letterhead-logo" src=crate::domain::settings::logo_url(&logo) alt=text::settings_logo()/>
            })}
            <div class="letterhead-text">
                {(!government.is_empty()).then(|| view! { <p class="gov">{government}</p> })}
                <p class="office">{office}</p>
                {address.lines().filter(|l| !l.trim().is_empty()).map(|l| view! { <p class="addr">{l.to_string()}</p> }).collect_view()}
            </div>
        </header>
    }
}

fn or_dash(v: &str) -> String {
    if v.trim().is_empty() {
        "-".into()
    } else {
        v.to_string()
    }
}

/// The item and the settings, loaded together for a printed page.
type PrintData = Result<(ItemDetail, SettingsView), crate::error::AppError>;

fn print_resource() -> Resource<PrintData> {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    Resource::new(
        move || id.get(),
        |id| async move { Ok((api::load_item(id).await?, api::office_settings().await?)) },
    )
}

#[component]
pub fn DispositionPrintPage() -> impl IntoView {
    let data = print_resource();
    view! {
        <div class="print-page half-folio">
            <Transition fallback=|| view! { <p class="muted">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    guarded(data.await, |(d, s)| view! { <DispositionPrint d letterhead=s.settings.letterhead/> }.into_any())
                })}
            </Transition>
        </div>
    }
}

#[component]
fn DispositionPrint(d: ItemDetail, letterhead: Letterhead) -> impl IntoView {
    let zone = d.zone;
    let s = d.disposition;
    let urgency = Urgency::ALL.iter().map(|u| (u.label(), s.urgency == *u));
    let sifat = urgency
        .chain(std::iter::once((text::f_confidential(), s.confidential)))
        .map(|(label, on)| view! { <span class="tick" class:on=on>{if on { "☑ " } else { "☐ " }}{label}</span> })
        .collect_view();
    let instructions = Instruction::ALL
        .iter()
        .map(|i| {
            let on = s.instructions.contains(i);
            view! { <li class:on=on>{if on { "☑ " } else { "☐ " }}{i.label()}</li> }
        })
        .collect_view();
    view! {
        <LetterheadView letterhead/>
        <div class="sheet-head">
            <h1 class="doc-title">{text::print_disposition_title()}</h1>
            <PrintButton/>
        </div>
        <table class="print-table" data-testid="disposition-print">
            <tbody>
                <tr><th>{text::f_agenda()}</th><td>{s.agenda_no.clone()}</td><th>{text::f_date()}</th><td>{format_datetime(s.created_at, zone)}</td></tr>
                <tr><th>{text::f_from()}</th><td>{format!("{} ({})", s.from.name, or_dash(&s.from.position))}</td>
                    <th>{text::f_to()}</th><td>{format!("{} ({})", s.to.name, or_dash(&s.to.position))}</td></tr>
                <tr><th>{text::f_perihal()}</th><td colspan="3">{s.perihal.clone()}</td></tr>
                <tr><th>{text::print_activity()}</th><td colspan="3">{format!("{}, {}", format_iso_date(&s.activity_date), s.activity_place)}</td></tr>
                <tr><th>{text::f_urgency()}</th><td colspan="3" class="ticks">{sifat}</td></tr>
                <tr><th>{text::f_instructions()}</th><td colspan="3"><ul class="ticks">{instructions}</ul></td></tr>
                <tr><th>{text::f_disposition_note()}</th><td colspan="3">{or_dash(&s.note)}</td></tr>
                <tr><th>{text::f_deadline()}</th><td colspan="3">{format_iso_date(&s.deadline)}</td></tr>
            </tbody>
        </table>
        <section class="signoffs" data-testid="signoffs">
            {d.chain.into_iter().map(|c| view! {
                <div class="signoff" data-role=c.role.id()>
                    <p class="signoff-role">{c.role.label()}</p>
                    <p class="signoff-act">{text::action_done(c.action)}</p>
                    <p class="signoff-at">{format_datetime(c.at, zone)}</p>
                    <p class="signoff-name">{c.person.name.clone()}</p>
                    <p class="signoff-pos">{or_dash(&c.person.position)}</p>
                    <p class="signoff-nip">{format!("NIP {}", or_dash(&c.person.nip))}</p>
                </div>
            }).collect_view()}
        </section>
    }
}

#[component]
pub fn RecordPrintPage() -> impl IntoView {
    let data = print_resource();
    view! {
        <div class="print-page a4">
            <Transition fallback=|| view! { <p class="muted">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    guarded(data.await, |(d, s)| view! { <RecordPrint d letterhead=s.settings.letterhead/> }.into_any())
                })}
            </Transition>
        </div>
    }
}

#[component]
fn RecordPrint(d: ItemDetail, letterhead: Letterhead) -> impl IntoView {
    let zone = d.zone;
    let s = d.disposition.clone();
    let material = match (d.draft.clone(), d.draft_html.clone()) {
        (Some(draft), Some(html)) => view! {
            <h3 data-testid="record-title">{draft.title.clone()}</h3>
            <p class="summary">{draft.summary.clone()}</p>
            <div class="markdown" inner_html=html></div>
            <p>{text::f_channels()}": "{draft.channels.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")}
               " · "{text::f_kip()}": "{draft.kip_category.label()}</p>
            <h3>{text::section_register()}</h3>
            <RegisterView draft=draft.clone() dip_no=d.dip_no.clone()/>
        }
        .into_any(),
        _ => view! { <p class="muted">{text::no_material()}</p> }.into_any(),
    };
    view! {
        <LetterheadView letterhead/>
        <div class="sheet-head">
            <h1 class="doc-title">{text::print_record_title()}</h1>
            <PrintButton/>
        </div>
        <p>{s.agenda_no.clone()}" · "{text::state_label(d.state)}</p>
        <h2>{text::section_disposition()}</h2>
        <table class="print-table"><tbody>
            <tr><th>{text::f_date()}</th><td>{format_datetime(s.created_at, zone)}</td></tr>
            <tr><th>{text::f_from()}</th><td>{s.from.name.clone()}</td></tr>
            <tr><th>{text::f_to()}</th><td>{s.to.name.clone()}</td></tr>
            <tr><th>{text::f_perihal()}</th><td>{s.perihal.clone()}</td></tr>
            <tr><th>{text::f_urgency()}</th><td>{if s.confidential { format!("{}, {}", s.urgency.label(), text::f_confidential()) } else { s.urgency.label().to_string() }}</td></tr>
            <tr><th>{text::f_instructions()}</th><td>{or_dash(&s.instructions.iter().map(|i| i.label()).collect::<Vec<_>>().join("; "))}</td></tr>
            <tr><th>{text::f_disposition_note()}</th><td>{or_dash(&s.note)}</td></tr>
            <tr><th>{text::f_deadline()}</th><td>{format_iso_date(&s.deadline)}</td></tr>
        </tbody></table>
        <h2>{text::print_final_material()}</h2>
        <section class="record-material">{material}</section>
        {(!d.publications.is_empty()).then(|| view! {
            <h2>{text::section_publications()}</h2>
            <ul>{d.publications.iter().map(|p| view! { <li>{p.channel.label()}": "{p.url.clone()}</li> }).collect_view()}</ul>
        })}
        <h2>{text::section_timeline()}</h2>
        <table class="print-table timeline-table" data-testid="record-timeline">
            <thead><tr>
                <th>{text::sop_no()}</th><th>{text::print_when()}</th><th>{text::print_who()}</th>
                <th>{text::print_action()}</th><th>{text::print_note()}</th>
            </tr></thead>
            <tbody>
                {d.events.into_iter().map(|e| view! {
                    <tr>
                        <td>{e.seq}</td>
                        <td>{format_datetime(e.at, zone)}</td>
                        <td>{format!("{} ({})", e.actor_name, e.role.label())}</td>
                        <td>{format!("{} → {}", text::action_done(e.action), text::state_label(e.to_state))}</td>
                        <td>{or_dash(&e.note)}
                            {(!e.checklist.is_empty()).then(|| view! { <br/><small>{text::checklist_done()}": "{e.checklist.join(", ")}</small> })}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

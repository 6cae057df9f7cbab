//! Daftar Informasi: the internal register with the DIP columns, filters, search, exports, and
//! a print-ready A4 landscape page.

use crate::api;
use crate::domain::time::format_date;
use crate::domain::{KipCategory, State};
use crate::text;
use crate::ui::components::{guarded, StateBadge};
use crate::ui::print::PrintButton;
use crate::views::{RegisterFilter, RegisterRow};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Drawn on the server: the filters are a plain form that asks for the page again (with the
/// page's script, in place: `ui::regions`).
#[component]
pub fn RegisterPage() -> impl IntoView {
    let f = use_query_map().with_untracked(|q| RegisterFilter {
        kategori: q.get("kategori").unwrap_or_default(),
        tahun: q.get("tahun").unwrap_or_default(),
        unit: q.get("unit").unwrap_or_default(),
        status: q.get("status").unwrap_or_default(),
        q: q.get("q").unwrap_or_default(),
    });
    let q = f.query_string();
    let filter = f.clone();
    let rows = Resource::new(|| (), move |_| api::load_register(filter.clone()));
    let status = |value: &'static str, label: &'static str| {
        view! { <option value=value selected=f.status == value>{label}</option> }
    };
    view! {
        <div class="print-page landscape">
            <div class="sheet-head">
                <h1>{text::register_title()}</h1>
                <PrintButton/>
            </div>
            <p class="muted no-print">{text::register_intro()}</p>
            <form class="filters card no-print" data-testid="register-filters" method="get" action="/daftar-informasi" data-filter="">
                <label>{text::f_kip()}
                    <select name="kategori">
                        <option value="">{text::portal_all()}</option>
                        {KipCategory::ALL.iter().map(|k| view! { <option value=k.id() selected=f.kategori == k.id()>{k.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>{text::holidays_year()}
                    <input name="tahun" type="number" min="2000" max="2100" value=f.tahun.clone()/>
                </label>
                <label>{text::f_unit()}
                    <input name="unit" value=f.unit.clone()/>
                </label>
                <label>{text::register_status_label()}
                    <select name="status">
                        <option value="">{text::portal_all()}</option>
                        {status("proses", text::register_in_process())}
                        {status("terbit", text::register_published())}
                        {status("dikecualikan", text::register_exempt())}
                    </select>
                </label>
                <label>{text::register_search()}
                    <input name="q" type="search" value=f.q.clone()/>
                </label>
                <button type="submit" class="primary">{text::register_filter()}</button>
                // The exports of the list as filtered: redrawn with it.
                <span id="register-exports" data-region=crate::ui::regions::LISTS>
                    <a href=format!("/daftar-informasi/ekspor?format=xlsx&{q}") download>{text::export_xlsx()}</a>
                    " · "
                    <a href=format!("/daftar-informasi/ekspor?format=csv&{q}") download>{text::export_csv()}</a>
                </span>
            </form>
            <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    let rows = rows.await;
                    view! {
                        <div id="register-rows" data-region=crate::ui::regions::LISTS>
                            {guarded(rows, |rows| view! { <RegisterTable rows/> }.into_any())}
                        </div>
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn RegisterTable(rows: Vec<RegisterRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">{text::nothing_here()}</p> }.into_any();
    }
    let dash = |s: &str| {
        if s.trim().is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    view! {
        <table class="print-table register-table" data-testid="register-table">
            <thead><tr>
                <th>{text::f_dip_no()}</th>
                {text::dip_columns().iter().skip(1).map(|c| view! { <th>{*c}</th> }).collect_view()}
                <th>{text::f_kip()}</th>
                <th>{text::register_status_label()}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let made = match r.made_date {
                        Some(d) => format!("{}, {}", format_date(d), r.made_place),
                        None => "-".to_string(),
                    };
                    view! {
                        <tr data-testid="register-row" data-state=r.state.id()>
                            <td data-label=text::f_dip_no()>{r.dip_no.clone().unwrap_or_else(|| "-".into())}<br/><small class="muted">{r.agenda_no.clone()}</small></td>
                            <td data-label=text::dip_columns()[1]><a href=format!("/materi/{}", r.id)>{r.title.clone()}</a><br/><small>{dash(&r.summary)}</small></td>
                            <td data-label=text::dip_columns()[2]>{dash(&r.unit)}</td>
                            <td data-label=text::dip_columns()[3]>{dash(&r.responsible)}</td>
                            <td data-label=text::dip_columns()[4]>{made}</td>
                            <td data-label=text::dip_columns()[5]>{dash(&r.form)}</td>
                            <td data-label=text::dip_columns()[6]>{dash(&r.retention)}</td>
                            <td data-label=text::f_kip()>{r.kip.map(|k| k.label()).unwrap_or("-")}
                                {(!r.consequence_test.is_empty()).then(|| view! {
                                    <br/><small data-testid="consequence-test">{text::f_consequence_test()}": "{r.consequence_test.clone()}</small>
                                })}
                            </td>
                            <td data-label=text::register_status_label()><StateBadge state=r.state/>
                                {r.exempt_on.map(|d| view! { <br/><small>{format_date(d)}</small> })}
                                {(r.state == State::Published).then(|| r.published_on.map(|d| view! { <br/><small>{format_date(d)}</small> }))}
                                {r.due.map(|d| view! { <br/><small data-testid="due">{text::due_on(&format_date(d))}</small> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

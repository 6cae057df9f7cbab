//! Pengaturan (admin): the office calendar, the mutu baku of each step, the shorter targets of
//! urgent items, the holidays of each year and the letterhead of printed documents.

use crate::api;
use crate::domain::settings::{SettingsForm, StepForm};
use crate::domain::time::OfficeZone;
use crate::error::AppError;
use crate::text;
use crate::ui::components::{field_error_id, field_invalid, field_label_id, form_token, guarded, FieldNote, FormError};
use crate::views::SettingsView;
use leptos::prelude::*;

/// What a save of the settings does to its form: the new version, the notice, or the error (the
/// typed input stays either way).
fn on_saved<I: Send + Sync + 'static>(
    save: Action<I, Result<i64, AppError>>,
    version: RwSignal<i64>,
    error: RwSignal<Option<AppError>>,
    saved: RwSignal<bool>,
    after: impl Fn() + 'static,
) {
    Effect::new(move |_| match save.value().get() {
        Some(Ok(next)) => {
            version.set(next);
            error.set(None);
            saved.set(true);
            after();
        }
        Some(Err(e)) => {
            saved.set(false);
            error.set(crate::ui::island::refusal(e));
        }
        None => {}
    });
}

/// Whether the page's address carries `flag` (set by the server after a plain post that saved).
fn posted_flag(flag: &str) -> bool {
    leptos_router::hooks::use_query_map()
        .get_untracked()
        .get(flag)
        .is_some()
}

/// The form's name in its fields' error ids.
const SCOPE: &str = "settings";

#[component]
pub fn SettingsPage() -> impl IntoView {
    let (saved, holidays_saved) = (posted_flag(text::SAVED_PARAM), posted_flag(text::SAVED_HOLIDAYS_PARAM));
    let settings = Resource::new(|| (), |_| api::office_settings());
    view! {
        <h1>{text::settings_title()}</h1>
        <p class="muted">{text::settings_intro()}</p>
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || Suspend::new(async move {
                guarded(settings.await, |v| view! { <SettingsEditor v saved holidays_saved/> }.into_any())
            })}
        </Suspense>
    }
}

/// `saved` and `holidays_saved`: a plain post of that form saved just before.
#[island(lazy)]
fn SettingsEditor(v: SettingsView, saved: bool, holidays_saved: bool) -> impl IntoView {
    crate::ui::island::alive();
    let version = RwSignal::new(v.version);
    // A plain post (no script) refused comes back as typed, with why; one that saved says so.
    let refused = v.refused.clone();
    let form = RwSignal::new(
        refused
            .as_ref()
            .map(|r| r.form.clone())
            .unwrap_or_else(|| v.settings.form()),
    );
    let error = RwSignal::new(refused.map(|r| r.error));
    let saved = RwSignal::new(saved);
    let save = Action::new(move |(version, form): &(i64, SettingsForm)| {
        let (version, form) = (*version, form.clone());
        async move { api::admin_save_settings(version, form).await }
    });
    on_saved(save, version, error, saved, || ());
    let field = |get: fn(&SettingsForm) -> String, set: fn(&mut SettingsForm, String)| {
        (
            move || form.with(get),
            move |ev| {
                let v = event_target_value(&ev);
                form.update(|f| set(f, v));
            },
        )
    };
    let (opens, set_opens) = field(|f| f.opens.clone(), |f, v| f.opens = v);
    let (closes, set_closes) = field(|f| f.closes.clone(), |f, v| f.closes = v);
    let (ss, set_ss) = field(|f| f.sangat_segera_percent.clone(), |f, v| f.sangat_segera_percent = v);
    let (sm, set_sm) = field(|f| f.serta_merta_percent.clone(), |f, v| f.serta_merta_percent = v);
    let (gov, set_gov) = field(|f| f.letterhead.government.clone(), |f, v| f.letterhead.government = v);
    let (office, set_office) = field(|f| f.letterhead.office.clone(), |f, v| f.letterhead.office = v);
    let (address, set_address) = field(|f| f.letterhead.address.clone(), |f, v| f.letterhead.address = v);
    let (dip_format, set_dip_format) = field(|f| f.dip_format.clone(), |f, v| f.dip_format = v);
    let (max_mb, set_max_mb) = field(|f| f.media_max_file_mb.clone(), |f, v| f.media_max_file_mb = v);
    let (max_files, set_max_files) = field(|f| f.media_max_files.clone(), |f, v| f.media_max_files = v);
    // Each refused field says why, next to it.
    let note = move |field: &'static str| view! { <FieldNote error scope=SCOPE field/> };
    let bad = move |field: &'static str| move || field_invalid(error, field).then_some("true");
    view! {
        // Before (or without) the script the form posts as it is, the logo as a file.
        <form class="card settings" data-testid="settings-form" method="post" action="/admin/pengaturan"
            enctype="multipart/form-data"
            on:submit=move |ev| { ev.prevent_default(); saved.set(false); save.dispatch((version.get_untracked(), form.get_untracked())); }>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name="version" value=move || version.get().to_string()/>
            <h2>{text::settings_calendar()}</h2>
            <div class="row">
                <label>{text::settings_zone()}
                    <select name="zone" prop:value=move || form.with(|f| f.zone.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.zone = v); }>
                        {[OfficeZone::Wib, OfficeZone::Wita, OfficeZone::Wit].into_iter().map(|z| view! {
                            <option value=z.abbrev() selected=move || form.with(|f| f.zone == z.abbrev())>{z.abbrev()}</option>
                        }).collect_view()}
                    </select>
                    {note("zone")}
                </label>
                <label><span id=field_label_id(SCOPE, "opens")>{text::settings_opens()}</span><input name="opens" type="time" value=opens prop:value=opens on:input=set_opens aria-invalid=bad("opens") aria-labelledby=field_label_id(SCOPE, "opens") aria-describedby=field_error_id(SCOPE, "opens")/>{note("opens")}</label>
                <label><span id=field_label_id(SCOPE, "closes")>{text::settings_closes()}</span><input name="closes" type="time" value=closes prop:value=closes on:input=set_closes aria-invalid=bad("closes") aria-labelledby=field_label_id(SCOPE, "closes") aria-describedby=field_error_id(SCOPE, "closes")/>{note("closes")}</label>
            </div>
            <fieldset><legend>{text::settings_days()}</legend>
                {text::weekdays().iter().enumerate().map(|(i, day)| view! {
                    <label class="check">
                        <input type="checkbox" name="working_days" value=i.to_string()
                            checked=move || form.with(|f| f.working_days.get(i).copied().unwrap_or(false))
                            prop:checked=move || form.with(|f| f.working_days.get(i).copied().unwrap_or(false))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| if let Some(d) = f.working_days.get_mut(i) { *d = on });
                            }/>
                        {*day}
                    </label>
                }).collect_view()}
                {note("working_days")}
            </fieldset>

            <h2>{text::settings_standards()}</h2>
            <table class="items standards">
                <thead><tr>
                    <th>{text::sop_no()}</th><th>{text::sop_activity()}</th>
                    <th>{text::sop_kelengkapan()}<br/><small class="muted">{text::settings_kelengkapan_hint()}</small></th>
                    <th>{text::sop_time()}</th><th>{text::sop_output()}</th>
                </tr></thead>
                <tbody>
                    {(0..9usize).map(|i| view! { <StepRow i form error/> }).collect_view()}
                </tbody>
            </table>
            <fieldset><legend>{text::settings_shares()}</legend>
                <div class="row">
                    <label><span id=field_label_id(SCOPE, "sangat_segera_percent")>{text::settings_sangat_segera()}</span><input name="sangat_segera_percent" type="number" min="10" max="100" value=ss prop:value=ss on:input=set_ss aria-invalid=bad("sangat_segera_percent") aria-labelledby=field_label_id(SCOPE, "sangat_segera_percent") aria-describedby=field_error_id(SCOPE, "sangat_segera_percent")/>{note("sangat_segera_percent")}</label>
                    <label><span id=field_label_id(SCOPE, "serta_merta_percent")>{text::settings_serta_merta()}</span><input name="serta_merta_percent" type="number" min="10" max="100" value=sm prop:value=sm on:input=set_sm aria-invalid=bad("serta_merta_percent") aria-labelledby=field_label_id(SCOPE, "serta_merta_percent") aria-describedby=field_error_id(SCOPE, "serta_merta_percent")/>{note("serta_merta_percent")}</label>
                </div>
            </fieldset>

            <h2>{text::settings_letterhead()}</h2>
            <div class="row">
                <label><span id=field_label_id(SCOPE, "letterhead.government")>{text::settings_government()}</span><input name="government" value=gov prop:value=gov on:input=set_gov aria-invalid=bad("letterhead.government") aria-labelledby=field_label_id(SCOPE, "letterhead.government") aria-describedby=field_error_id(SCOPE, "letterhead.government")/>{note("letterhead.government")}</label>
                <label><span id=field_label_id(SCOPE, "letterhead.office")>{text::settings_office()}</span><input name="office" value=office prop:value=office on:input=set_office aria-invalid=bad("letterhead.office") aria-labelledby=field_label_id(SCOPE, "letterhead.office") aria-describedby=field_error_id(SCOPE, "letterhead.office")/>{note("letterhead.office")}</label>
            </div>
            <label><span id=field_label_id(SCOPE, "letterhead.address")>{text::settings_address()}</span><textarea name="address" rows="3" prop:value=address on:input=set_address aria-invalid=bad("letterhead.address") aria-labelledby=field_label_id(SCOPE, "letterhead.address") aria-describedby=field_error_id(SCOPE, "letterhead.address")>{form.with_untracked(|f| f.letterhead.address.clone())}</textarea>{note("letterhead.address")}</label>
            <LogoPicker form saved/>
            {note("letterhead.logo")}
            <h2>{text::section_register()}</h2>
            <label><span id=field_label_id(SCOPE, "dip_format")>{text::f_dip_format()}</span><input name="dip_format" value=dip_format prop:value=dip_format on:input=set_dip_format aria-invalid=bad("dip_format") aria-labelledby=field_label_id(SCOPE, "dip_format") aria-describedby=field_error_id(SCOPE, "dip_format")/>{note("dip_format")}</label>
            <h2>{text::section_media_settings()}</h2>
            <div class="row">
                <label><span id=field_label_id(SCOPE, "media_max_file_mb")>{text::f_media_max_file_mb()}</span><input name="media_max_file_mb" inputmode="numeric" value=max_mb prop:value=max_mb on:input=set_max_mb aria-invalid=bad("media_max_file_mb") aria-labelledby=field_label_id(SCOPE, "media_max_file_mb") aria-describedby=field_error_id(SCOPE, "media_max_file_mb")/>{note("media_max_file_mb")}</label>
                <label><span id=field_label_id(SCOPE, "media_max_files")>{text::f_media_max_files()}</span><input name="media_max_files" inputmode="numeric" value=max_files prop:value=max_files on:input=set_max_files aria-invalid=bad("media_max_files") aria-labelledby=field_label_id(SCOPE, "media_max_files") aria-describedby=field_error_id(SCOPE, "media_max_files")/>{note("media_max_files")}</label>
            </div>
            <FormError error/>
            {move || saved.get().then(|| view! { <p class="notice" role="status">{text::settings_saved()}</p> })}
            <button type="submit" class="primary">{text::settings_save()}</button>
        </form>
        <Holidays v version saved=holidays_saved/>
    }
}

#[component]
fn StepRow(i: usize, form: RwSignal<SettingsForm>, error: RwSignal<Option<AppError>>) -> impl IntoView {
    let name = |what: &str| format!("steps.{i}.{what}");
    let bad = move |field: String| move || field_invalid(error, &field).then_some("true");
    let get = move |pick: fn(&StepForm) -> String| move || form.with(|f| f.steps.get(i).map(pick).unwrap_or_default());
    let set = move |put: fn(&mut StepForm, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            form.update(|f| {
                if let Some(s) = f.steps.get_mut(i) {
                    put(s, v)
                }
            });
        }
    };
    view! {
        <tr data-step=i + 1>
            <td>{i + 1}</td>
            <td class="activity">{text::sop_activities()[i]}</td>
            <td data-label=text::sop_kelengkapan()><textarea name=format!("kelengkapan{}", i + 1)
                aria-label=text::step_field(text::sop_kelengkapan(), i + 1) rows="3" prop:value=get(|s| s.kelengkapan.clone())
                on:input=set(|s, v| s.kelengkapan = v) aria-invalid=bad(name("kelengkapan"))
                aria-describedby=field_error_id(SCOPE, &name("kelengkapan"))>{get(|s| s.kelengkapan.clone())()}</textarea>
                <FieldNote error scope=SCOPE field=name("kelengkapan")/></td>
            <td class="target" data-label=text::sop_time()>
                <input name=format!("amount{}", i + 1) type="number" min="1"
                    aria-label=text::step_field(text::sop_time(), i + 1) value=get(|s| s.amount.clone()) prop:value=get(|s| s.amount.clone())
                    on:input=set(|s, v| s.amount = v) aria-invalid=bad(name("amount"))
                    aria-describedby=field_error_id(SCOPE, &name("amount"))/>
                <select name=format!("unit{}", i + 1) aria-label=text::step_field(text::settings_unit(), i + 1) prop:value=get(|s| s.unit.clone()) on:change=set(|s, v| s.unit = v)>
                    <option value="jam" selected=move || get(|s| s.unit.clone())() == "jam">{text::settings_unit_hours()}</option>
                    <option value="hari" selected=move || get(|s| s.unit.clone())() == "hari">{text::settings_unit_days()}</option>
                </select>
                <FieldNote error scope=SCOPE field=name("amount")/>
            </td>
            <td data-label=text::sop_output()><input name=format!("output{}", i + 1)
                aria-label=text::step_field(text::sop_output(), i + 1) value=get(|s| s.output.clone()) prop:value=get(|s| s.output.clone()) on:input=set(|s, v| s.output = v)
                aria-invalid=bad(name("output")) aria-describedby=field_error_id(SCOPE, &name("output"))/>
                <FieldNote error scope=SCOPE field=name("output")/></td>
        </tr>
    }
}

/// The logo, read in the browser as a data URL (the server checks its type and size).
#[component]
fn LogoPicker(form: RwSignal<SettingsForm>, saved: RwSignal<bool>) -> impl IntoView {
    // The stored logo is shown from Warta's address (the CSP allows no other images); a newly
    // picked one is named until the settings are saved.
    let stored = RwSignal::new(form.with_untracked(|f| f.letterhead.logo.clone()));
    Effect::new(move |_| {
        if saved.get() {
            stored.set(form.with_untracked(|f| f.letterhead.logo.clone()));
        }
    });
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let Ok(reader) = web_sys::FileReader::new() else { return };
            let r = reader.clone();
            let done = Closure::<dyn FnMut()>::new(move || {
                if let Some(url) = r.result().ok().and_then(|v| v.as_string()) {
                    form.update(|f| f.letterhead.logo = url);
                }
            });
            reader.set_onload(Some(done.as_ref().unchecked_ref()));
            done.forget();
            let _ = reader.read_as_data_url(&file);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="logo-picker">
            <label>{text::settings_logo()}<input type="file" name="logo" accept="image/png,image/jpeg,image/svg+xml" on:change=on_file/></label>
            // Without the script the stored logo is removed by this box (the button needs the script).
            {move || (!stored.get().is_empty()).then(|| view! {
                <label class="check nojs-only"><input type="checkbox" name="logo_remove"/>{text::settings_logo_remove()}</label>
            })}
            {move || {
                let logo = form.with(|f| f.letterhead.logo.clone());
                let preview = if logo == stored.get() {
                    view! { <img class="logo-preview" src=crate::domain::settings::logo_url(&logo) alt=text::settings_logo()/> }.into_any()
                } else {
                    view! { <span class="muted" data-testid="logo-unsaved">{text::settings_logo_unsaved()}</span> }.into_any()
                };
                (!logo.is_empty()).then(|| view! {
                    {preview}
                    <button type="button" class="link js-only" on:click=move |_| form.update(|f| f.letterhead.logo.clear())>{text::settings_logo_remove()}</button>
                })
            }}
        </div>
    }
}

#[component]
fn Holidays(v: SettingsView, version: RwSignal<i64>, saved: bool) -> impl IntoView {
    let refused = v.refused_holidays.clone();
    let year = RwSignal::new(refused.as_ref().map_or(v.this_year, |r| r.year));
    let settings = StoredValue::new(v.settings.clone());
    let lines = RwSignal::new(
        refused
            .as_ref()
            .map_or_else(|| v.settings.holiday_lines(v.this_year), |r| r.lines.clone()),
    );
    let error = RwSignal::new(refused.map(|r| r.error));
    let saved = RwSignal::new(saved);
    let save = Action::new(move |(version, year, lines): &(i64, i32, String)| {
        let (version, year, lines) = (*version, *year, lines.clone());
        async move { api::admin_save_holidays(version, year, lines).await }
    });
    // Once saved, the editor's copy of the settings holds this year's new list.
    on_saved(save, version, error, saved, move || {
        let (y, l) = (year.get_untracked(), lines.get_untracked());
        settings.update_value(|s| {
            if let Ok(next) = s.with_holidays(y, &l) {
                *s = next;
            }
        });
    });
    let years = (v.this_year - 1)..=(v.this_year + 2);
    view! {
        <form class="card" data-testid="holidays-form" method="post" action="/admin/pengaturan/libur"
            on:submit=move |ev| { ev.prevent_default(); saved.set(false); save.dispatch((version.get_untracked(), year.get_untracked(), lines.get_untracked())); }>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name="version" value=move || version.get().to_string()/>
            <h2>{text::holidays()}</h2>
            <label>{text::holidays_year()}
                <select name="year" prop:value=move || year.get().to_string()
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                            year.set(y);
                            lines.set(settings.with_value(|s| s.holiday_lines(y)));
                            saved.set(false);
                        }
                    }>
                    {years.map(|y| view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }).collect_view()}
                </select>
            </label>
            <label>{text::holidays_hint()}
                <textarea name="holidays" rows="8" prop:value=move || lines.get()
                    on:input=move |ev| lines.set(event_target_value(&ev))>{lines.get_untracked()}</textarea>
            </label>
            <FormError error/>
            {move || saved.get().then(|| view! { <p class="notice" role="status">{text::holidays_saved()}</p> })}
            <button type="submit" class="primary">{text::holidays_save()}</button>
        </form>
    }
}

//! Administration: accounts and roles.

use crate::api;
use crate::domain::{ActionKind, Role};
use crate::error::AppError;
use crate::text;
use crate::ui::components::{
    age_since, field_error_id, field_invalid, field_label_id, form_token, guarded, posted_error, FieldNote, FormError,
    StateBadge,
};
use crate::views::{MoveInput, OpenDisposition, UserForm, UserView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[component]
fn RolePicker(
    form: RwSignal<UserForm>,
    error: RwSignal<Option<AppError>>,
    #[prop(into)] scope: String,
) -> impl IntoView {
    view! {
        <fieldset><legend>{text::f_roles()}</legend>
            {Role::ALL.iter().map(|r| {
                let id = r.id();
                view! {
                    <label class="check">
                        <input type="checkbox" name="roles" value=id
                            checked=move || form.with(|f| f.roles.iter().any(|x| x == id))
                            prop:checked=move || form.with(|f| f.roles.iter().any(|x| x == id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| { f.roles.retain(|x| x != id); if on { f.roles.push(id.to_string()); } });
                            }/>
                        {r.label()}
                    </label>
                }
            }).collect_view()}
            <FieldNote error scope field="roles"/>
        </fieldset>
    }
}

fn text_input(
    form: RwSignal<UserForm>,
    (error, scope): (RwSignal<Option<AppError>>, &str),
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    get: fn(&UserForm) -> String,
    set: fn(&mut UserForm, String),
) -> impl IntoView {
    view! {
        <label><span id=field_label_id(scope, name)>{label}</span>
            <input name=name type=kind value=move || form.with(get) prop:value=move || form.with(get)
                aria-invalid=move || field_invalid(error, name).then_some("true")
                aria-labelledby=field_label_id(scope, name)
                    aria-describedby=field_error_id(scope, name)
                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
            <FieldNote error scope=scope.to_string() field=name/>
        </label>
    }
}

/// What a refused plain post (without script) came back with: the account form as typed (`ubah`
/// names the account, none: the new one; never the password, which does not travel in an
/// address), the open disposition whose cancellation was refused (`batal`), and why.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Posted {
    account: Option<(Option<String>, UserForm)>,
    cancel: Option<String>,
    error: Option<AppError>,
}

impl Posted {
    fn from_query() -> Posted {
        let q = leptos_router::hooks::use_query_map().get_untracked();
        if q.get("galat").is_none() {
            return Posted::default();
        }
        let get = |k: &str| q.get(k).unwrap_or_default();
        Posted {
            account: Some((
                q.get("ubah"),
                UserForm {
                    username: get("username"),
                    password: String::new(),
                    name: get("name"),
                    nip: get("nip"),
                    position: get("position"),
                    roles: q.get_all("roles").unwrap_or_default(),
                },
            )),
            cancel: q.get("batal"),
            error: posted_error(),
        }
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let posted = Posted::from_query();
    let users = Resource::new(|| (), |_| api::admin_users());
    let open = Resource::new(|| (), |_| api::admin_open_dispositions());
    let channels = Resource::new(|| (), |_| api::admin_channels());
    view! {
        <h1>{text::nav_admin()}</h1>
        // A channel that stopped (its token refused) or whose token ends soon: said first.
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                channels.await.ok().map(|c| crate::ui::channels::Warnings(crate::ui::channels::WarningsProps { channels: c.channels }))
            })}
        </Suspense>
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    let (users, open) = (users.await, open.await);
                    guarded(users, |users| guarded(open, |open| view! { <AdminDesk users open posted/> }.into_any()))
                })
            }}
        </Suspense>
        <section class="card">
            <h2>{text::nav_channels()}</h2>
            <p>{text::channels_help()}</p>
            <a class="button" href="/admin/saluran">{text::nav_channels()}</a>
        </section>
        <section class="card">
            <h2>{text::admin_backup()}</h2>
            <p>{text::admin_backup_help()}</p>
            <a class="button" href="/admin/cadangan" download>{text::admin_backup_download()}</a>
        </section>
    }
}

/// The accounts, the new account's form, and the open dispositions.
#[island(lazy)]
fn AdminDesk(users: Vec<UserView>, open: Vec<OpenDisposition>, posted: Posted) -> impl IntoView {
    crate::ui::island::alive();
    let reload = RwSignal::new(0u32);
    let users = RwSignal::new(users);
    crate::ui::live::follow(move || reload.get(), api::admin_users, users);
    // A plain post (no script) refused comes back with what was typed and why: the new account's
    // form, an account's row (`ubah`), or the list (switching an account on or off).
    let (form, error, list_error) = match &posted.account {
        Some((None, typed)) if !typed.username.is_empty() => (typed.clone(), posted.error.clone(), None),
        Some((None, _)) if posted.cancel.is_none() => (UserForm::default(), None, posted.error.clone()),
        _ => (UserForm::default(), None, None),
    };
    let form = RwSignal::new(form);
    let error = RwSignal::new(error);
    let list_error = RwSignal::new(list_error);
    let create = Action::new(move |f: &UserForm| {
        let f = f.clone();
        async move { api::admin_create_user(f).await }
    });
    Effect::new(move |_| {
        if let Some(r) = create.value().get() {
            match r {
                Ok(_) => {
                    error.set(None);
                    form.set(UserForm::default());
                    reload.update(|v| *v += 1);
                }
                Err(e) => error.set(crate::ui::island::refusal(e)),
            }
        }
    });
    let posted = StoredValue::new(posted);
    view! {
        <section class="card">
            <h2>{text::admin_users()}</h2>
            <FormError error=list_error/>
            {move || view! {
                <table class="items">
                    <thead><tr><th>{text::username()}</th><th>{text::f_name()}</th><th>{text::f_roles()}</th><th>{text::f_active()}</th><th></th></tr></thead>
                    <tbody>{users.get().into_iter().map(|u| view! { <UserRow u reload posted=posted.get_value()/> }).collect_view()}</tbody>
                </table>
            }}
        </section>
        <section class="card">
            <h2>{text::admin_new_user()}</h2>
            <form method="post" action="/admin/pengguna"
                on:submit=move |ev| { ev.prevent_default(); create.dispatch(form.get_untracked()); }>
                <input type="hidden" name="token" value=form_token()/>
                <div class="row">
                    {text_input(form, (error, "new-user"), "username", text::username(), "text", |f| f.username.clone(), |f, v| f.username = v)}
                    {text_input(form, (error, "new-user"), "password", text::password(), "password", |f| f.password.clone(), |f, v| f.password = v)}
                </div>
                <div class="row">
                    {text_input(form, (error, "new-user"), "name", text::f_name(), "text", |f| f.name.clone(), |f, v| f.name = v)}
                    {text_input(form, (error, "new-user"), "nip", text::f_nip(), "text", |f| f.nip.clone(), |f, v| f.nip = v)}
                    {text_input(form, (error, "new-user"), "position", text::f_position(), "text", |f| f.position.clone(), |f, v| f.position = v)}
                </div>
                <RolePicker form error scope="new-user"/>
                <FormError error/>
                <button type="submit" class="primary">{text::admin_new_user()}</button>
            </form>
        </section>
        <OpenDispositions initial=open posted=posted.get_value()/>
    }
}

#[component]
fn UserRow(u: UserView, reload: RwSignal<u32>, posted: Posted) -> impl IntoView {
    // This row's form refused without script: open, as typed, with why.
    let refused = posted
        .account
        .and_then(|(id, typed)| (id.as_deref() == Some(u.id.as_str())).then_some(typed));
    let open = RwSignal::new(refused.is_some());
    let error = RwSignal::new(refused.as_ref().and_then(|_| posted.error.clone()));
    let form = RwSignal::new(refused.unwrap_or_else(|| UserForm {
        username: u.username.clone(),
        name: u.name.clone(),
        nip: u.nip.clone(),
        position: u.position.clone(),
        roles: u.roles.iter().map(|r| r.id().to_string()).collect(),
        password: String::new(),
    }));
    let notice = RwSignal::new(None::<&'static str>);
    let id = u.id.clone();
    let save = Action::new(move |(id, f, active): &(String, UserForm, Option<bool>)| {
        let (id, f, active) = (id.clone(), f.clone(), *active);
        async move {
            if let Some(a) = active {
                return api::admin_set_active(id, a).await;
            }
            // A password typed here is set with the rest.
            api::admin_update_user(id, f).await.map(|_| ())
        }
    });
    Effect::new(move |_| {
        if let Some(r) = save.value().get() {
            match r {
                Ok(()) => {
                    error.set(None);
                    notice.set(Some(text::user_saved()));
                    reload.update(|v| *v += 1);
                }
                Err(e) => error.set(crate::ui::island::refusal(e)),
            }
        }
    });
    let scope = format!("user-{}", u.username);
    let roles = u.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
    let active = u.active;
    let (id_a, id_b) = (id.clone(), id.clone());
    view! {
        <tr data-testid="user-row" data-user=u.username.clone()>
            <td>{u.username.clone()}</td><td>{u.name.clone()}</td><td>{roles}</td>
            <td>{if active { text::yes() } else { text::no() }}</td>
            <td>
                <button type="button" class="link" on:click=move |_| open.update(|o| *o = !*o)>{text::edit()}</button>
                <form class="inline" method="post" action=format!("/admin/pengguna/{}/aktif", id)
                    on:submit=move |ev| { ev.prevent_default(); save.dispatch((id_a.clone(), UserForm::default(), Some(!active))); }>
                    <input type="hidden" name="token" value=form_token()/>
                    <input type="hidden" name="aktif" value=if active { "tidak" } else { "ya" }/>
                    <button type="submit" class="link">{if active { text::deactivate() } else { text::activate() }}</button>
                </form>
            </td>
        </tr>
        <tr data-testid="user-edit" data-user=u.username.clone() class:hidden=move || !open.get() && error.get().is_none()>
            <td colspan="5">
                <form method="post" action=format!("/admin/pengguna/{}", id_b)
                    on:submit=move |ev| { ev.prevent_default(); save.dispatch((id_b.clone(), form.get_untracked(), None)); }>
                    <input type="hidden" name="token" value=form_token()/>
                    <div class="row">
                        {text_input(form, (error, &scope), "name", text::f_name(), "text", |f| f.name.clone(), |f, v| f.name = v)}
                        {text_input(form, (error, &scope), "nip", text::f_nip(), "text", |f| f.nip.clone(), |f, v| f.nip = v)}
                        {text_input(form, (error, &scope), "position", text::f_position(), "text", |f| f.position.clone(), |f, v| f.position = v)}
                        {text_input(form, (error, &scope), "password", text::new_password(), "password", |f| f.password.clone(), |f, v| f.password = v)}
                    </div>
                    <RolePicker form error scope=scope.clone()/>
                    <FormError error/>
                    {move || notice.get().map(|n| view! { <p class="notice">{n}</p> })}
                    <button type="submit" class="primary">{text::save()}</button>
                </form>
            </td>
        </tr>
    }
}

/// The open dispositions, by agenda number, each with "Batalkan Materi" and its reason. The server
/// decides who may cancel (`domain::access::cancels_any_disposition`); confidential titles never
/// reach this page.
#[component]
fn OpenDispositions(initial: Vec<OpenDisposition>, posted: Posted) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let open = RwSignal::new(initial);
    crate::ui::live::follow(move || reload.get(), api::admin_open_dispositions, open);
    let posted = StoredValue::new(posted);
    let notice = RwSignal::new(None::<&'static str>);
    view! {
        <section class="card" aria-labelledby="open-dispositions">
            <h2 id="open-dispositions">{text::admin_open()}</h2>
            <p class="muted">{text::admin_open_help()}</p>
            {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || {
                    let list = open.get();
                    if list.is_empty() {
                        return view! { <p class="muted empty">{text::admin_open_none()}</p> }.into_any();
                    }
                    view! {
                        <table class="items" data-testid="open-dispositions">
                            <thead><tr>
                                <th>{text::col_agenda()}</th><th>{text::col_title()}</th><th>{text::f_from()}</th>
                                <th>{text::col_step()}</th><th>{text::col_age()}</th><th></th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|d| view! { <OpenRow d reload notice posted=posted.get_value()/> }).collect_view()}</tbody>
                        </table>
                    }.into_any()
            }}
        </section>
    }
}

#[component]
fn OpenRow(
    d: OpenDisposition,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<&'static str>>,
    posted: Posted,
) -> impl IntoView {
    // Refused without script: this row's form open again, with why.
    let refused = posted.cancel.as_deref() == Some(d.id.as_str());
    let asking = RwSignal::new(refused);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(refused.then_some(posted.error).flatten());
    let (id, version) = (d.id.clone(), d.version);
    let cancel = Action::new(move |why: &String| {
        let (id, input) = (
            id.clone(),
            MoveInput {
                reason: why.clone(),
                ..Default::default()
            },
        );
        async move { api::perform_move(id, version, ActionKind::Cancel, input).await }
    });
    Effect::new(move |_| {
        if let Some(r) = cancel.value().get() {
            match r {
                Ok(_) => {
                    error.set(None);
                    notice.set(Some(text::cancelled()));
                    reload.update(|v| *v += 1);
                }
                Err(e) => error.set(crate::ui::island::refusal(e)),
            }
        }
    });
    let field = format!("reason-{}", d.id);
    let confidential = d.perihal.is_none();
    view! {
        <tr data-testid="open-row">
            <td>{d.agenda_no.clone()}</td>
            <td>{match d.perihal.clone() {
                Some(p) => view! { <span>{p}</span> }.into_any(),
                None => view! { <span class="muted">{text::confidential_title_hidden()}</span> }.into_any(),
            }}
                {confidential.then(|| view! { " " <span class="badge secret">{text::f_confidential()}</span> })}
            </td>
            <td>{d.from_name.clone()}</td>
            <td><StateBadge state=d.state/></td>
            <td>{age_since(d.created_at)}</td>
            <td>
                <button type="button" class="link danger" aria-expanded=move || asking.get().to_string()
                    on:click=move |_| asking.update(|a| *a = !*a)>{text::cancel_item()}</button>
            </td>
        </tr>
        <tr class:hidden=move || !asking.get() && error.get().is_none()>
            <td colspan="6">
                <form method="post" action=format!("/materi/{}/tindakan", d.id)
                    on:submit=move |ev| { ev.prevent_default(); cancel.dispatch(reason.get_untracked()); }>
                    <input type="hidden" name="token" value=form_token()/>
                    <input type="hidden" name="action" value=ActionKind::Cancel.id()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    <input type="hidden" name="kembali" value="/admin"/>
                    <label for=field.clone()>{text::f_reason()}</label>
                    <textarea id=field name="reason" rows="2" required
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <FormError error/>
                    <button type="submit" class="danger">{text::cancel_item()}</button>
                </form>
            </td>
        </tr>
    }
}

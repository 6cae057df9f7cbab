//! Administration: accounts and roles.

use crate::api;
use crate::domain::Role;
use crate::text;
use crate::ui::components::{guarded, FormError};
use crate::views::{UserForm, UserView};
use leptos::prelude::*;

#[component]
fn RolePicker(form: RwSignal<UserForm>) -> impl IntoView {
    view! {
        <fieldset><legend>{text::F_ROLES}</legend>
            {Role::ALL.iter().map(|r| {
                let id = r.id();
                view! {
                    <label class="check">
                        <input type="checkbox" name="roles" value=id
                            prop:checked=move || form.with(|f| f.roles.iter().any(|x| x == id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| { f.roles.retain(|x| x != id); if on { f.roles.push(id.to_string()); } });
                            }/>
                        {r.label()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

fn text_input(
    form: RwSignal<UserForm>,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    get: fn(&UserForm) -> String,
    set: fn(&mut UserForm, String),
) -> impl IntoView {
    view! {
        <label>{label}
            <input name=name type=kind prop:value=move || form.with(get)
                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
        </label>
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let users = Resource::new(move || reload.get(), |_| api::admin_users());
    let form = RwSignal::new(UserForm::default());
    let error = RwSignal::new(None);
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
                Err(e) => error.set(Some(e)),
            }
        }
    });
    view! {
        <h1>{text::NAV_ADMIN}</h1>
        <section class="card">
            <h2>{text::ADMIN_USERS}</h2>
            <Transition fallback=|| view! { <p class="muted">{text::LOADING}</p> }>
                {move || Suspend::new(async move { guarded(users.await, |list| view! {
                        <table class="items">
                            <thead><tr><th>{text::USERNAME}</th><th>{text::F_NAME}</th><th>{text::F_ROLES}</th><th>{text::F_ACTIVE}</th><th></th></tr></thead>
                            <tbody>{list.into_iter().map(|u| view! { <UserRow u reload/> }).collect_view()}</tbody>
                        </table>
                    }.into_any()) })}
            </Transition>
        </section>
        <section class="card">
            <h2>{text::ADMIN_NEW_USER}</h2>
            <form on:submit=move |ev| { ev.prevent_default(); create.dispatch(form.get_untracked()); }>
                <div class="row">
                    {text_input(form, "username", text::USERNAME, "text", |f| f.username.clone(), |f, v| f.username = v)}
                    {text_input(form, "password", text::PASSWORD, "password", |f| f.password.clone(), |f, v| f.password = v)}
                </div>
                <div class="row">
                    {text_input(form, "name", text::F_NAME, "text", |f| f.name.clone(), |f, v| f.name = v)}
                    {text_input(form, "nip", text::F_NIP, "text", |f| f.nip.clone(), |f, v| f.nip = v)}
                    {text_input(form, "position", text::F_POSITION, "text", |f| f.position.clone(), |f, v| f.position = v)}
                </div>
                <RolePicker form/>
                <FormError error/>
                <button type="submit" class="primary">{text::ADMIN_NEW_USER}</button>
            </form>
        </section>
        <section class="card">
            <h2>{text::ADMIN_BACKUP}</h2>
            <p>{text::ADMIN_BACKUP_HELP}</p>
            <a class="button" href="/admin/cadangan" download>{text::ADMIN_BACKUP_DOWNLOAD}</a>
        </section>
    }
}

#[component]
fn UserRow(u: UserView, reload: RwSignal<u32>) -> impl IntoView {
    let open = RwSignal::new(false);
    let form = RwSignal::new(UserForm {
        username: u.username.clone(),
        name: u.name.clone(),
        nip: u.nip.clone(),
        position: u.position.clone(),
        roles: u.roles.iter().map(|r| r.id().to_string()).collect(),
        password: String::new(),
    });
    let error = RwSignal::new(None);
    let notice = RwSignal::new(None::<&'static str>);
    let id = u.id.clone();
    let save = Action::new(move |(id, f, active): &(String, UserForm, Option<bool>)| {
        let (id, f, active) = (id.clone(), f.clone(), *active);
        async move {
            if let Some(a) = active {
                return api::admin_set_active(id, a).await;
            }
            api::admin_update_user(id.clone(), f.clone()).await?;
            if !f.password.is_empty() {
                api::admin_reset_password(id, f.password).await?;
            }
            Ok(())
        }
    });
    Effect::new(move |_| {
        if let Some(r) = save.value().get() {
            match r {
                Ok(()) => {
                    error.set(None);
                    notice.set(Some(text::USER_SAVED));
                    reload.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let roles = u.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
    let active = u.active;
    let (id_a, id_b) = (id.clone(), id.clone());
    view! {
        <tr data-testid="user-row">
            <td>{u.username.clone()}</td><td>{u.name.clone()}</td><td>{roles}</td>
            <td>{if active { text::YES } else { text::NO }}</td>
            <td>
                <button type="button" class="link" on:click=move |_| open.update(|o| *o = !*o)>{text::EDIT}</button>
                <button type="button" class="link" on:click=move |_| { save.dispatch((id_a.clone(), UserForm::default(), Some(!active))); }>
                    {if active { text::DEACTIVATE } else { text::ACTIVATE }}
                </button>
            </td>
        </tr>
        <tr class:hidden=move || !open.get() && error.get().is_none()>
            <td colspan="5">
                <form on:submit=move |ev| { ev.prevent_default(); save.dispatch((id_b.clone(), form.get_untracked(), None)); }>
                    <div class="row">
                        {text_input(form, "name", text::F_NAME, "text", |f| f.name.clone(), |f, v| f.name = v)}
                        {text_input(form, "nip", text::F_NIP, "text", |f| f.nip.clone(), |f, v| f.nip = v)}
                        {text_input(form, "position", text::F_POSITION, "text", |f| f.position.clone(), |f, v| f.position = v)}
                        {text_input(form, "password", text::NEW_PASSWORD, "password", |f| f.password.clone(), |f, v| f.password = v)}
                    </div>
                    <RolePicker form/>
                    <FormError error/>
                    {move || notice.get().map(|n| view! { <p class="notice">{n}</p> })}
                    <button type="submit" class="primary">{text::SAVE}</button>
                </form>
            </td>
        </tr>
    }
}

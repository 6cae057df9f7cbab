//! The bell: unread count and the latest notifications, live like the rest.

use crate::api;
use crate::text;
use crate::ui::components::age_since;
use crate::views::Notifications;
use leptos::prelude::*;

/// A disclosure (`<details>`): it opens and closes before the page's script has loaded, or
/// without it, and its button to mark everything read is a plain form then. `here` is the page
/// it is on, where that form returns. Fetched again whenever this user's notifications change.
#[island]
pub fn Bell(initial: Notifications, here: String) -> impl IntoView {
    crate::ui::island::alive();
    let open = RwSignal::new(false);
    let list = RwSignal::new(initial);
    let live = crate::ui::live::use_live();
    crate::ui::live::follow(move || live.notices.get(), api::my_notifications, list);
    let read_all = Action::new(move |_: &()| async move {
        let r = api::mark_notifications_read().await;
        if let Ok(n) = api::my_notifications().await {
            list.set(n);
        }
        r
    });
    let current = move || list.get();
    // Without the script the form posts, and the server returns to this page.
    let action = {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("kembali", here.split('?').next().unwrap_or("/"))
            .finish();
        format!("/pemberitahuan/dibaca?{query}")
    };
    view! {
        <details class="bell" prop:open=move || open.get()
            on:toggle=move |ev| {
                #[cfg(feature = "hydrate")]
                {
                    use wasm_bindgen::JsCast;
                    if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                        open.set(d.open());
                    }
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }>
            <summary class="bell-button" data-testid="bell" aria-label=move || text::bell_label(current().unread)>
                // A drawn bell: office PCs without an emoji font would show a box.
                <svg aria-hidden="true" class="bell-icon" viewBox="0 0 24 24" width="18" height="18">
                    <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"/>
                </svg>
                {move || {
                    let n = current().unread;
                    (n > 0).then(|| view! { <span class="count" data-testid="bell-count">{n}</span> })
                }}
            </summary>
            <div class="bell-panel" data-testid="bell-panel">
                <form class="bell-head" method="post" action=action
                    on:submit=move |ev| { ev.prevent_default(); read_all.dispatch(()); }>
                    <strong>{text::notifications()}</strong>
                    <input type="hidden" name="token" value=crate::ui::components::form_token()/>
                    <button type="submit" class="link">{text::mark_all_read()}</button>
                </form>
                {move || {
                    let n = current();
                    if n.latest.is_empty() {
                        return view! { <p class="muted">{text::no_notifications()}</p> }.into_any();
                    }
                    view! {
                        <ul class="notices">
                            {n.latest.into_iter().map(|x| view! {
                                <li class:unread=!x.read data-kind=x.kind.id()>
                                    <a href=format!("/materi/{}", x.item) on:click=move |_| open.set(false)>
                                        <strong>{x.title.clone()}</strong>" — "{text::notice_text(x.kind, &x.note)}
                                    </a>
                                    <br/><small class="muted">{x.actor_name.clone()}" · "{age_since(x.at)}</small>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
            // The count said to a screen reader when it changes (the summary's name alone is not
            // announced).
            <span class="sr-only" role="status" aria-live="polite" data-testid="bell-announce">
                {move || text::bell_label(current().unread)}
            </span>
        </details>
    }
}

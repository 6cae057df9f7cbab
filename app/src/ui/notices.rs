//! The bell: unread count and the latest notifications, drawn by the server and redrawn with
//! every change of this user's notifications (`ui::regions`).

use crate::text;
use crate::ui::components::age_since;
use crate::ui::regions;
use crate::views::{Notifications, PushInfo};
use leptos::prelude::*;

/// A disclosure (`<details>`): it opens and closes without any script. Its button to mark
/// everything read is a plain form that returns to `here`, the page it is on; with the page's
/// script it is sent in the background and the bell redrawn in place.
#[component]
pub fn Bell(notices: Notifications, here: String, push: Option<PushInfo>) -> impl IntoView {
    let action = {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("kembali", here.split('?').next().unwrap_or("/"))
            .finish();
        format!("/pemberitahuan/dibaca?{query}")
    };
    let unread = notices.unread;
    view! {
        <details class="bell">
            <summary class="bell-button" data-testid="bell">
                // A drawn bell: office PCs without an emoji font would show a box.
                <svg aria-hidden="true" class="bell-icon" viewBox="0 0 24 24" width="18" height="18">
                    <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"/>
                </svg>
                // The button's name, redrawn with the count (a label attribute would stay as drawn).
                <span id="bell-count" data-region=regions::NOTICES>
                    <span class="sr-only">{text::bell_label(unread)}</span>
                    {(unread > 0).then(|| view! { <span class="count" data-testid="bell-count" aria-hidden="true">{unread}</span> })}
                </span>
            </summary>
            <div class="bell-panel" data-testid="bell-panel">
                <form class="bell-head" method="post" action=action data-enhance="">
                    <strong>{text::notifications()}</strong>
                    <input type="hidden" name="token" value=crate::ui::components::form_token()/>
                    <button type="submit" class="link">{text::mark_all_read()}</button>
                </form>
                <div id="bell-list" data-region=regions::NOTICES>
                    {if notices.latest.is_empty() {
                        view! { <p class="muted">{text::no_notifications()}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="notices">
                                {notices.latest.into_iter().map(|x| view! {
                                    <li class:unread=!x.read data-kind=x.kind.id()>
                                        <a href=format!("/materi/{}", x.item)>
                                            <strong>{x.title.clone()}</strong>" — "{text::notice_text(x.kind, &x.note)}
                                        </a>
                                        <br/><small class="muted">{x.actor_name.clone()}" · "{age_since(x.at)}</small>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </div>
                {push.map(|push| view! { <PushSwitch push/> })}
            </div>
            // The count said to a screen reader when it changes (the summary's name alone is not
            // announced).
            <span id="bell-announce" class="sr-only" role="status" aria-live="polite" data-testid="bell-announce"
                data-region=regions::NOTICES>{text::bell_label(unread)}</span>
        </details>
    }
}

/// Push notifications on this device, offered by the page's script (`pwa.js`) as the device
/// allows: switched on, ready to be, switched off by the person, or blocked by the browser.
/// Without the script, or where the browser has no push, it stays hidden.
#[component]
fn PushSwitch(push: PushInfo) -> impl IntoView {
    view! {
        <section id="push" class="push" hidden data-key=push.key data-off=push.off.to_string()>
            <strong>{text::push_title()}</strong>
            <p data-when="on" hidden>{text::push_on()}</p>
            <p data-when="ready" hidden>{text::push_ready()}</p>
            <p data-when="off" hidden>{text::push_off()}</p>
            <p data-when="blocked" hidden>{text::push_blocked()}</p>
            <p data-when="failed" class="error" role="alert" hidden>{text::push_service_unknown()}</p>
            <button type="button" data-do="on" hidden>{text::push_enable()}</button>
            <button type="button" data-do="off" class="link" hidden>{text::push_disable()}</button>
        </section>
    }
}

//! Step 9 channel by channel: the staff member records each channel's link as it goes live (the
//! website today, Instagram tomorrow); "Tandai Sudah Tayang" then closes the step with them.

use crate::api;
use crate::domain::Channel;
use crate::text;
use crate::ui::components::{field_error_id, field_invalid, field_label_id, form_token, FieldNote};
use crate::ui::item::Typed;
use crate::views::{ChannelLinkView, ItemScreen};
use leptos::prelude::*;

/// The form's name in its fields' error ids.
const SCOPE: &str = "links";

#[component]
pub fn PublicationLinks(s: ItemScreen, typed: Typed) -> impl IntoView {
    if s.links.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card links" aria-label=text::section_publications() data-testid="publication-links">
            <h2>{text::section_publications()}</h2>
            <p class="muted">{text::links_help()}</p>
            <ul class="channel-links">
                {s.links.into_iter().map(|link| {
                    view! { <ChannelLink id=s.id.clone() link typed/> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// One channel: its link as recorded (when, by whom), and the field to record or correct it.
#[component]
fn ChannelLink(id: String, link: ChannelLinkView, typed: Typed) -> impl IntoView {
    let channel: Channel = link.channel;
    let cid = channel.id();
    let field = format!("link_{cid}");
    // The field starts from what a refused plain post sent back (put there by the item page),
    // else the recorded link, unless the user is already typing one.
    if let Some(url) = &link.url {
        typed.input.update(|i| {
            if !i.links.iter().any(|(c, _)| c == cid) {
                i.links.push((cid.to_string(), url.clone()));
            }
        });
    }
    let value = move || {
        typed.input.with(|i| {
            i.links
                .iter()
                .find(|(c, _)| c == cid)
                .map(|(_, u)| u.clone())
                .unwrap_or_default()
        })
    };
    let save = Action::new(move |(id, url): &(String, String)| {
        let (id, url) = (id.clone(), url.clone());
        async move { api::record_link(id, cid.to_string(), url).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            typed.error.set(None);
            typed.reload.update(|v| *v += 1);
        }
        Some(Err(e)) => typed.error.set(Some(e)),
        None => {}
    });
    let status = link.status;
    let live = link.url.is_some();
    let (invalid_field, label_id, error_id) = (
        field.clone(),
        field_label_id(SCOPE, &field),
        field_error_id(SCOPE, &field),
    );
    view! {
        <li data-channel=cid class:live=live>
            <form method="post" action=format!("/materi/{}/tautan", id)
                on:submit=move |ev| { ev.prevent_default(); save.dispatch((id.clone(), value())); }>
                <input type="hidden" name="token" value=form_token()/>
                <input type="hidden" name="channel" value=cid/>
                <label><span id=label_id.clone()>{text::link_label(channel)}</span>
                    <input type="url" name=field.clone() placeholder="https://" value=value prop:value=value
                        aria-invalid=move || field_invalid(typed.error, &invalid_field).then_some("true")
                        aria-labelledby=label_id aria-describedby=error_id
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            typed.input.update(|i| {
                                i.links.retain(|(c, _)| c != cid);
                                i.links.push((cid.to_string(), v));
                            });
                        }/>
                    <FieldNote error=typed.error scope=SCOPE field=field.clone()/>
                </label>
                <p class="link-status" data-testid="link-status">{status}</p>
                <button type="submit" disabled=move || save.pending().get()>{text::save_link()}</button>
            </form>
        </li>
    }
}

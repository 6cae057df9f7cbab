//! The material's text for each of its channels (issue 17, point 2): `/materi/{id}/saluran`.
//! Each channel's text is a plain form, saved by whoever may edit the draft and checked by the
//! server against the channel's limits; the page shows its count and the post as it will be sent
//! (with the marker the server adds where the channel carries it). The photos are offered for
//! download in the channel's size.

use crate::api;
use crate::domain::channel_text;
use crate::domain::Channel;
use crate::error::AppError;
use crate::text;
use crate::ui::components::{field_label_id, form_token, guarded, posted_error, ErrorText};
use crate::views::{ChannelTextView, ChannelTexts, MediaView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The form's name in its fields' ids.
const SCOPE: &str = "channel-text";

#[component]
pub fn ChannelTextsPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let refused = posted_error();
    let data = Resource::new(|| (), move |_| api::load_channel_texts(id.clone()));
    view! {
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || {
                let refused = refused.clone();
                Suspend::new(async move {
                    guarded(data.await, move |t: ChannelTexts| view! { <Texts t refused/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn Texts(t: ChannelTexts, refused: Option<AppError>) -> impl IntoView {
    let ChannelTexts {
        id,
        title,
        marker,
        editable,
        channels,
        photos,
        refused: refused_text,
    } = t;
    let back = format!("/materi/{id}");
    view! {
        <h1>{text::channel_texts_title()}</h1>
        <p class="muted">{title}</p>
        <p>{text::channel_texts_help()}</p>
        {refused.map(|e| view! { <ErrorText error=e/> })}
        {channels.is_empty().then(|| view! { <p class="muted">{text::channel_texts_none()}</p> })}
        <ul class="channel-texts">
            {channels.into_iter().map(|mut c| {
                let channel = c.channel;
                // A refused text comes back to its channel's form, as it was typed.
                let refused = refused_text.as_ref().filter(|r| r.channel == channel).map(|r| {
                    c.text = r.text.clone();
                    r.error.to_string()
                });
                let saved = match &c.saved {
                    Some((by, at)) => text::channel_text_saved(by, at),
                    None => text::channel_text_made().to_string(),
                };
                view! {
                    <li class="card" data-testid="channel-text" data-channel=channel.id()>
                        <h2>{channel.label()}</h2>
                        <TextForm id=id.clone() c marker=marker.clone() editable refused saved/>
                        <PhotoDownloads channel photos=photos.clone()/>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p><a href=back>{text::channel_texts_back()}</a></p>
        // Counts, checks and previews each text as it is typed, through the server's own check.
        <script type="module" src="/teks-saluran.js" nonce=leptos::nonce::use_nonce()></script>
    }
}

/// One channel's text: a plain form (saved by the server, which comes back with the text as saved,
/// or refused with why).
#[component]
fn TextForm(
    id: String,
    c: ChannelTextView,
    marker: String,
    editable: bool,
    /// Why the last save of this text was refused.
    refused: Option<String>,
    /// Who saved it and when, or that it is made from the material.
    saved: String,
) -> impl IntoView {
    let channel = c.channel;
    let cid = channel.id();
    let field = channel_text::field(channel);
    let first = channel_text::shown(channel, &c.text, &marker);
    let (label_id, error_id, count_id) = (
        field_label_id(SCOPE, &field),
        format!("over-{cid}"),
        format!("count-{cid}"),
    );
    let over = refused.or(first.over);
    view! {
        <form method="post" action=format!("/materi/{id}/saluran") class="channel-text-form"
            data-item=id.clone() data-channel=cid>
            <input type="hidden" name="token" value=form_token()/>
            <input type="hidden" name="channel" value=cid/>
            <label><span id=label_id.clone()>{text::channel_text_label(channel)}</span>
                <textarea id=format!("text-{cid}") name=field rows="6" readonly=!editable
                    aria-labelledby=label_id aria-describedby=format!("{error_id} {count_id}")
                    aria-invalid=over.is_some().then_some("true")>
                    {c.text.clone()}
                </textarea>
            </label>
            <p class="muted" id=count_id data-testid="text-count" aria-live="polite">{first.count}</p>
            <p class="error" role="alert" id=error_id data-testid="text-over">{over}</p>
            <figure class="post-preview" data-testid="post-preview">
                <figcaption>{text::channel_text_preview(channel)}</figcaption>
                <p class="post-text" id=format!("preview-{cid}") data-testid="post-text">{first.posted}</p>
            </figure>
            // Shown by the page's script (`teks-saluran.js`), which copies the post as previewed.
            <p class="copy-row" hidden>
                <button type="button" class="copy-text" data-copied=text::channel_text_copied()
                    data-failed=text::channel_text_copy_failed()>{text::channel_text_copy()}</button>
                " "<span class="muted" role="status" data-testid="copy-status"></span>
            </p>
            <p class="muted" data-testid="text-saved">{saved}</p>
            <div class="actions">
                {editable.then(|| view! {
                    <button type="submit" class="primary" id=format!("save-{cid}")>{text::channel_text_save()}</button>
                })}
            </div>
        </form>
    }
}

/// The photos in the channel's size, for posting by hand: the web copy, cut to Instagram's ratios
/// on Instagram; as many as the channel takes in one post.
#[component]
fn PhotoDownloads(channel: Channel, photos: Vec<MediaView>) -> impl IntoView {
    let max = channel_text::limits(channel).max_photos;
    if photos.is_empty() || max == 0 {
        return ().into_any();
    }
    let copy = if channel == Channel::Instagram {
        "instagram"
    } else {
        "web"
    };
    view! {
        <details class="photo-downloads">
            <summary>{text::channel_photos_download(photos.len().min(max))}</summary>
            <ul>
                {photos.into_iter().take(max).map(|m| {
                    let href = format!("/berkas/{}/{copy}", m.id);
                    view! {
                        <li><a href=href download=format!("{}-{}.jpg", channel.id(), m.id) data-testid="photo-download">
                            <img src=format!("/berkas/{}/kecil", m.id) alt=m.alt.clone() loading="lazy" width="96"/>
                            <span>{m.caption.clone()}</span>
                        </a></li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
    .into_any()
}

//! The administrator's publication channels (issue 17): each channel, whether the server
//! publishes to it (its connection, never its credential) or it is posted by hand, and the form
//! that connects the website's WordPress. Plain forms, drawn by the server: no script.

use crate::api;
use crate::domain::outbox::{always_manual, ConnectorKind};
use crate::domain::Channel;
use crate::text;
use crate::ui::components::{form_token, guarded, posted_error, ErrorText};
use crate::views::{ChannelView, ChannelsAdmin, ConnectionView};
use leptos::prelude::*;

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| api::admin_channels());
    let refused = posted_error();
    view! {
        <h1>{text::nav_channels()}</h1>
        <p>{text::channels_help()}</p>
        {refused.map(|e| view! { <div role="alert" class="error" data-testid="channels-error"><ErrorText error=e/></div> })}
        <Suspense fallback=|| view! { <p class="muted">{text::loading()}</p> }>
            {move || Suspend::new(async move {
                guarded(data.await, |d: ChannelsAdmin| {
                    let key_set = d.key_set;
                    view! {
                        {(!key_set).then(|| view! { <p class="error" role="status">{text::channels_no_key()}</p> })}
                        <ul class="channel-list">
                            {d.channels.into_iter().map(|c| view! { <ChannelCard c key_set/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn ChannelCard(c: ChannelView, key_set: bool) -> impl IntoView {
    let channel = c.channel;
    let status = match &c.connection {
        _ if always_manual(channel) => view! { <p class="muted">{text::channel_manual_only()}</p> }.into_any(),
        None => view! { <p class="muted">{text::channel_not_connected()}</p> }.into_any(),
        Some(conn) => {
            let state = if conn.active {
                text::channel_connected()
            } else {
                text::channel_reconnect()
            };
            let expiry = match conn.expiry.as_str() {
                "expiring" => Some(text::channel_expiring()),
                "expired" => Some(text::channel_expired()),
                _ => None,
            };
            view! {
                <p data-testid="channel-status" data-active=conn.active.to_string()>
                    <strong>{state}</strong>" · "
                    {text::channel_connection_line(
                        ConnectorKind::parse(&conn.kind).map(ConnectorKind::name).unwrap_or(&conn.kind),
                        &conn.endpoint,
                        &conn.account,
                        &conn.updated_by_name,
                    )}
                </p>
                {(!conn.status_reason.is_empty()).then(|| view! { <p class="error">{text::channel_reason(&conn.status_reason)}</p> })}
                {expiry.map(|e| view! { <p class="error" role="status">{e}</p> })}
                <form method="post" action=format!("/admin/saluran/{}/hapus", channel.id()) class="inline">
                    <input type="hidden" name="token" value=form_token()/>
                    <button type="submit" class="link danger">{text::channel_remove()}</button>
                </form>
            }
            .into_any()
        }
    };
    let connect = (key_set && !always_manual(channel)).then(|| {
        ConnectorKind::ALL
            .into_iter()
            .filter(|k| k.serves(channel))
            .map(|kind| {
                let conn = c.connection.clone().filter(|x| x.kind == kind.id());
                let open = c.connection.is_none() && kind != ConnectorKind::Webhook;
                view! { <ConnectForm channel kind conn open/> }
            })
            .collect_view()
    });
    view! {
        <li class="card" data-testid="channel" data-channel=channel.id()>
            <h2>{channel.label()}</h2>
            {status}
            {connect}
        </li>
    }
}

/// The form that connects `channel` through `kind` (filled with the saved connection's fields,
/// never its credential). Each kind names its fields as its provider does.
#[component]
fn ConnectForm(channel: Channel, kind: ConnectorKind, conn: Option<ConnectionView>, open: bool) -> impl IntoView {
    let endpoint = conn.as_ref().map(|x| x.endpoint.clone()).unwrap_or_default();
    let account = conn.as_ref().map(|x| x.account.clone()).unwrap_or_default();
    let category = conn
        .as_ref()
        .filter(|x| x.category > 0)
        .map(|x| x.category.to_string())
        .unwrap_or_default();
    let version = conn.as_ref().map(|x| x.api_version.clone()).unwrap_or_default();
    let endpoint_label = match (kind, kind.default_endpoint()) {
        (ConnectorKind::Webhook, _) => text::f_endpoint_webhook(),
        (_, Some(default)) => text::f_endpoint_provider(default),
        _ => text::f_channel_endpoint().into(),
    };
    let account_label = match kind {
        ConnectorKind::WordPress => Some(text::f_channel_account()),
        ConnectorKind::Facebook => Some(text::f_account_facebook()),
        ConnectorKind::Instagram => Some(text::f_account_instagram()),
        ConnectorKind::X => Some(text::f_account_x()),
        ConnectorKind::Webhook => None,
    };
    let credential_label = match kind {
        ConnectorKind::WordPress => text::f_channel_credential(),
        ConnectorKind::Webhook => text::f_credential_webhook(),
        _ => text::f_credential_token(),
    };
    let endpoint_required = kind.default_endpoint().is_none();
    let fetches = kind.fetches_photos();
    view! {
        <details open=open>
            <summary>{text::channel_connect_kind(kind.name())}</summary>
            <form method="post" action="/admin/saluran" class="channel-form" data-testid=format!("connect-{}", kind.id())>
                <input type="hidden" name="token" value=form_token()/>
                <input type="hidden" name="channel" value=channel.id()/>
                <input type="hidden" name="kind" value=kind.id()/>
                <label>{endpoint_label}<input type="url" name="endpoint" required=endpoint_required value=endpoint/></label>
                {account_label.map(|label| view! {
                    <label>{label}<input type="text" name="account" required=kind.needs_account() autocomplete="off" value=account/></label>
                })}
                // Never filled in again: the credential is not read back.
                <label>{credential_label}<input type="password" name="credential" required autocomplete="new-password"/></label>
                {(kind == ConnectorKind::WordPress).then(|| view! {
                    <label>{text::f_channel_category()}<input type="number" name="category" min="0" value=category/></label>
                })}
                {(kind != ConnectorKind::Webhook).then(|| view! {
                    <label>{text::f_channel_api_version(kind.default_api_version())}<input type="text" name="api_version" maxlength="12" value=version/></label>
                })}
                <label>{text::f_channel_expires()}<input type="date" name="expires_on"/></label>
                {fetches.then(|| view! { <p class="muted">{text::channel_photos_public()}</p> })}
                <button type="submit" class="primary">{text::channel_save()}</button>
            </form>
        </details>
    }
}

/// The channels that need the administrator: stopped (the token refused) or whose token ends
/// within two weeks. Nothing when none do.
#[component]
pub fn Warnings(channels: Vec<ChannelView>) -> impl IntoView {
    let needing: Vec<_> = channels
        .into_iter()
        .filter_map(|c| {
            let conn = c.connection?;
            let said = if !conn.active {
                text::channel_reconnect()
            } else {
                match conn.expiry.as_str() {
                    "expiring" => text::channel_expiring(),
                    "expired" => text::channel_expired(),
                    _ => return None,
                }
            };
            Some(view! { <li><strong>{c.channel.label()}</strong>": "{said}</li> })
        })
        .collect();
    (!needing.is_empty()).then(|| {
        view! {
            <section class="card warning" role="status" data-testid="channel-warnings">
                <h2>{text::nav_channels()}</h2>
                <ul>{needing}</ul>
                <a class="button" href="/admin/saluran">{text::nav_channels()}</a>
            </section>
        }
    })
}

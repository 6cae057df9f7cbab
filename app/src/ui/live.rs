//! The browser's end of the live stream: one `EventSource` per tab, applied to signals that
//! the pages' resources depend on. Reconnects with backoff after a network loss or a server
//! restart, and asks the server whether anything changed during the gap.

use crate::domain::State;
use crate::text;
use crate::views::LiveEvent;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Not connected yet (and on the server).
    Idle,
    Connected,
    Reconnecting,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemChanged {
    pub id: String,
    pub state: State,
    pub version: i64,
    pub stamp: i64,
    pub by: String,
}

/// Shared by every page through context.
#[derive(Clone, Copy)]
pub struct Live {
    pub link: RwSignal<Link>,
    /// Bumped by every change this user may see: lists and counts refetch on it.
    pub changes: RwSignal<u64>,
    /// The latest item change, for the item page to decide whether it is about it.
    pub last_item: RwSignal<Option<ItemChanged>>,
    /// Bumped when changes may have been missed: every page refetches.
    pub resyncs: RwSignal<u64>,
    /// Bumped when this user's notifications changed.
    pub notices: RwSignal<u64>,
    /// What a screen reader says about the latest live change (`LiveAnnouncer`).
    pub announce: RwSignal<String>,
}

impl Live {
    pub fn new() -> Live {
        Live {
            link: RwSignal::new(Link::Idle),
            changes: RwSignal::new(0),
            last_item: RwSignal::new(None),
            resyncs: RwSignal::new(0),
            notices: RwSignal::new(0),
            announce: RwSignal::new(String::new()),
        }
    }

    /// A value to put in a list's resource key: it changes whenever the list may have.
    pub fn list_key(&self) -> u64 {
        self.changes.get() + self.resyncs.get()
    }

    pub fn apply(&self, e: LiveEvent) {
        match e {
            LiveEvent::Hello { .. } => self.link.set(Link::Connected),
            LiveEvent::Item {
                id,
                state,
                version,
                stamp,
                by,
            } => {
                self.announce.set(text::live_item_moved(state, &by));
                self.last_item.set(Some(ItemChanged {
                    id,
                    state,
                    version,
                    stamp,
                    by,
                }));
                self.changes.update(|n| *n += 1);
            }
            LiveEvent::Counts => self.changes.update(|n| *n += 1),
            LiveEvent::Notification => self.notices.update(|n| *n += 1),
            LiveEvent::Resync => {
                self.resyncs.update(|n| *n += 1);
                self.notices.update(|n| *n += 1);
            }
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// The page's live state. In the browser one for the whole page, shared by its islands (made
/// when the page's script starts, so that it lives as long as the page); on the server, a quiet
/// one for each part drawn.
pub fn use_live() -> Live {
    #[cfg(feature = "hydrate")]
    {
        thread_local! {
            static LIVE: Live = Live::new();
        }
        LIVE.with(|l| *l)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Live::new()
    }
}

/// Keeps `into` up to date: fetched again whenever `key` changes (a live change it may be about),
/// the latest answer kept. A session that ended meanwhile leads to the login page.
pub fn follow<K, T, Fut>(key: impl Fn() -> K + 'static, fetch: impl Fn() -> Fut + 'static, into: RwSignal<T>)
where
    K: PartialEq + 'static,
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, crate::error::AppError>> + 'static,
{
    let asked = StoredValue::new(0u64);
    Effect::new(move |previous: Option<K>| {
        let k = key();
        if previous.is_some_and(|p| p != k) {
            let n = asked.get_value() + 1;
            asked.set_value(n);
            let answer = fetch();
            leptos::task::spawn_local(async move {
                let answer = answer.await;
                // An older question answered after a newer one changes nothing.
                if asked.try_get_value() != Some(n) {
                    return;
                }
                match answer {
                    Ok(v) => into.set(v),
                    Err(e) => {
                        crate::ui::island::refusal(e);
                    }
                }
            });
        }
        k
    });
}

/// "Terhubung" / "Menyambung ulang…", in the header. Opens the page's live stream, and makes the
/// page's server-drawn parts follow it (`ui::regions`).
#[island]
pub fn LiveIndicator() -> impl IntoView {
    crate::ui::island::alive();
    let live = use_live();
    #[cfg(feature = "hydrate")]
    {
        connect_once(live);
        crate::ui::regions::follow_live(live);
    }
    let state = move || match live.link.get() {
        Link::Idle => "idle",
        Link::Connected => "on",
        Link::Reconnecting => "off",
    };
    view! {
        <span class="live" data-testid="live" data-live=state role="status">
            {move || match live.link.get() {
                // Never an empty text: the browser would find no node to hydrate.
                Link::Idle => text::live_connecting(),
                Link::Connected => text::live_on(),
                Link::Reconnecting => text::live_off(),
            }}
        </span>
    }
}

/// How many items wait at my desk, next to "Tugas Saya": drawn by the server, redrawn with every
/// change of the lists (`ui::regions`).
#[component]
pub fn TaskCount(count: u32) -> impl IntoView {
    view! {
        <span class="nav-count-slot" id="task-count" data-region=crate::ui::regions::LISTS>
            {(count > 0).then(|| view! { " " <span class="nav-count" data-testid="task-count">{count}</span> })}
        </span>
    }
}

/// Says each live change to a screen reader, politely (after what it is reading): a list or an
/// item page that changes under the user's eyes is heard, not only seen (the bell says its own).
#[island]
pub fn LiveAnnouncer() -> impl IntoView {
    crate::ui::island::alive();
    let live = use_live();
    view! {
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announce">
            {move || {
                let said = live.announce.get();
                (!said.is_empty()).then(|| view! { <span>{said}</span> })
            }}
        </div>
    }
}

/// The page's stream, opened once.
#[cfg(feature = "hydrate")]
fn connect_once(live: Live) {
    thread_local! {
        static OPEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !OPEN.with(|o| o.replace(true)) {
        connect(live);
    }
}

/// Opens the stream (in the browser only). `since` is the server clock of the last hello,
/// so that the server can say whether anything changed while the stream was down.
#[cfg(feature = "hydrate")]
fn connect(live: Live) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    struct Client {
        live: Live,
        attempt: Cell<u32>,
        since: Cell<Option<i64>>,
    }

    fn open(c: Rc<Client>) {
        let url = match c.since.get() {
            Some(s) => format!("/api/live?since={s}"),
            None => "/api/live".to_string(),
        };
        let Ok(source) = web_sys::EventSource::new(&url) else {
            retry(c);
            return;
        };
        let on_message = {
            let c = c.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |m: web_sys::MessageEvent| {
                let Some(data) = m.data().as_string() else { return };
                let Ok(event) = serde_json::from_str::<LiveEvent>(&data) else {
                    return;
                };
                if let LiveEvent::Hello { at } = event {
                    // Back after a gap: refetch what is on screen unless the server said
                    // nothing changed (then a `resync` does not follow).
                    c.attempt.set(0);
                    c.since.set(Some(at));
                }
                c.live.apply(event);
            })
        };
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error = {
            let c = c.clone();
            let source = source.clone();
            Closure::<dyn FnMut()>::new(move || {
                // Take over from the browser's own retry, to back off and resume properly.
                source.close();
                retry(c.clone());
            })
        };
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
    }

    fn retry(c: Rc<Client>) {
        c.live.link.set(Link::Reconnecting);
        let n = c.attempt.get();
        c.attempt.set(n.saturating_add(1));
        // 0.5 s, 1 s, 2 s, … up to 15 s.
        let ms = (500u32 << n.min(5)).min(15_000);
        set_timeout(move || open(c), std::time::Duration::from_millis(ms as u64));
    }

    open(Rc::new(Client {
        live,
        attempt: Cell::new(0),
        since: Cell::new(None),
    }));
}

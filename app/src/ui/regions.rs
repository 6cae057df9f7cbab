//! Parts of a page that the server draws and redraws: lists, counts and the bell. Each is an
//! element with an id and `data-region` (what it follows). When a live change may concern it, the
//! browser fetches the page it is on again and puts each such part of the answer in place of its
//! own: the server alone formats what a user reads (dates, numbers, sentences in the page's
//! language), and the browser's script carries no page's lists, dates or sentences.
//!
//! Two kinds of form ride on the same exchange, both plain forms that work before the script has
//! loaded or without it:
//! - `data-enhance` (a post): sent in the background; the server's answer (the page the form
//!   returns to) replaces this page's parts, without a reload.
//! - `data-filter` (a get): as its fields change, the page with their query is fetched and its
//!   parts put in place; the address bar follows, so a reload shows the same filter.

/// A part that follows every change of what the user may see (lists, dashboards, counts).
pub const LISTS: &str = "lists";
/// A part that follows the user's notifications (the bell).
pub const NOTICES: &str = "notices";

#[cfg(feature = "hydrate")]
pub use browser::{follow_live, start_forms};

#[cfg(feature = "hydrate")]
mod browser {
    use crate::ui::live::Live;
    use leptos::prelude::*;
    use std::cell::Cell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Document, Element, HtmlFormElement};

    thread_local! {
        /// The latest fetch asked for: an older answer, arriving later, changes nothing.
        static ASKED: Cell<u64> = const { Cell::new(0) };
        static STARTED: Cell<bool> = const { Cell::new(false) };
    }

    /// Makes the page's enhanced and filter forms work in the background (every page, once).
    pub fn start_forms() {
        listen("submit", on_submit);
        listen("input", on_filter_change);
        listen("change", on_filter_change);
    }

    /// Makes the page's parts follow the live stream. Once per page.
    pub fn follow_live(live: Live) {
        if STARTED.with(|s| s.replace(true)) {
            return;
        }
        Effect::new(move |previous: Option<(u64, u64)>| {
            let now = (live.list_key(), live.notices.get());
            if previous.is_some_and(|before| before != now) {
                leptos::task::spawn_local(refresh());
            }
            now
        });
    }

    fn document() -> Option<Document> {
        web_sys::window()?.document()
    }

    fn listen(kind: &str, handler: fn(web_sys::Event)) {
        let Some(doc) = document() else { return };
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
        let _ = doc.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        closure.forget();
    }

    /// The page fetched again, and every part that follows the stream put in place (the answer
    /// has them all: a change of the lists and one of the bell in quick succession are both
    /// shown, whichever answer is kept).
    async fn refresh() {
        let page = crate::ui::island::current_page();
        if let Some(answer) = fetch(&page, None).await {
            apply(answer, Some(&[super::LISTS, super::NOTICES]));
        }
    }

    /// What the server answered: the page it ended on (after redirects) and its HTML. `n`: the
    /// number of the fetch of the page (a post's answer has none: it is always shown, its
    /// refusal included).
    struct Answer {
        n: Option<u64>,
        url: String,
        html: String,
    }

    /// A GET of `page`, or a POST of `form`'s fields to its action. `None` when the connection
    /// failed: nothing on the page changes then (the stream says it is reconnecting).
    async fn fetch(page: &str, post: Option<&HtmlFormElement>) -> Option<Answer> {
        let n = post.is_none().then(|| {
            ASKED.with(|a| {
                let n = a.get() + 1;
                a.set(n);
                n
            })
        });
        let init = web_sys::RequestInit::new();
        init.set_cache(web_sys::RequestCache::NoStore);
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        if let Some(form) = post {
            let data = web_sys::FormData::new_with_form(form).ok()?;
            let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
            init.set_method("POST");
            init.set_body(&body);
        }
        let request = web_sys::Request::new_with_str_and_init(page, &init).ok()?;
        let window = web_sys::window()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        let html = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        Some(Answer {
            n,
            url: response.url(),
            html,
        })
    }

    /// Puts the answer's parts that follow one of `kinds` (every part: `None`) in place of this
    /// page's, keeping what the user typed into them. An answer that is another page (signed in:
    /// the next page; the session ended: the login page) is loaded whole.
    fn apply(answer: Answer, kinds: Option<&[&str]>) {
        if answer.n.is_some_and(|n| ASKED.with(|a| a.get()) != n) {
            return;
        }
        let Some(doc) = document() else { return };
        let here = crate::ui::island::current_page();
        let theirs = path_of(&answer.url);
        let ours = path_of(&here);
        if theirs != ours {
            crate::ui::island::load_page(&answer.url);
            return;
        }
        let Ok(parser) = web_sys::DomParser::new() else { return };
        let Ok(fresh) = parser.parse_from_string(&answer.html, web_sys::SupportedType::TextHtml) else {
            return;
        };
        let Ok(parts) = doc.query_selector_all("[data-region]") else {
            return;
        };
        for i in 0..parts.length() {
            let Some(part) = parts.get(i).and_then(|p| p.dyn_into::<Element>().ok()) else {
                continue;
            };
            let follows = part.get_attribute("data-region").unwrap_or_default();
            if kinds.is_some_and(|kinds| !kinds.iter().any(|k| follows.split(' ').any(|f| f == *k))) {
                continue;
            }
            match fresh.get_element_by_id(&part.id()) {
                Some(new) => {
                    let html = new.inner_html();
                    if html != part.inner_html() {
                        let typed = typed::take(&part);
                        part.set_inner_html(&html);
                        typed::put_back(&part, typed);
                    }
                }
                // The page no longer has this part: it is drawn whole again.
                None => {
                    crate::ui::island::load_page(&answer.url);
                    return;
                }
            }
        }
    }

    /// The path of an address, absolute or not (`https://host/materi?x` → `/materi`).
    fn path_of(address: &str) -> String {
        let rest = match address.find("://") {
            Some(i) => {
                let after = &address[i + 3..];
                after.find('/').map_or("/", |j| &after[j..])
            }
            None => address,
        };
        rest.split(['?', '#']).next().unwrap_or("/").to_string()
    }

    fn form_of(ev: &web_sys::Event) -> Option<HtmlFormElement> {
        let target = ev.target()?.dyn_into::<Element>().ok()?;
        target.closest("form").ok()??.dyn_into::<HtmlFormElement>().ok()
    }

    /// An enhanced form sent in the background; its answer's parts replace the page's. A filter
    /// form sent (Enter in its search field) filters in place too.
    fn on_submit(ev: web_sys::Event) {
        let Some(form) = form_of(&ev) else { return };
        if form.has_attribute("data-filter") {
            ev.prevent_default();
            on_filter_change(ev);
            return;
        }
        if !form.has_attribute("data-enhance") {
            return;
        }
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            let action = form.action();
            match fetch(&action, Some(&form)).await {
                Some(answer) => {
                    unsent(&form, false);
                    apply(answer, None);
                }
                // Not sent (no connection): the form says so and keeps what was typed, to send again.
                None => unsent(&form, true),
            }
        });
    }

    /// The form's note that it could not be sent (an alert inside it), shown or taken away.
    fn unsent(form: &HtmlFormElement, show: bool) {
        let existing = form.query_selector("[data-unsent]").ok().flatten();
        match (existing, show) {
            (Some(note), false) => note.remove(),
            (Some(_), true) | (None, false) => {}
            (None, true) => {
                let Some(note) = document().and_then(|d| d.create_element("p").ok()) else {
                    return;
                };
                note.set_class_name("error");
                let _ = note.set_attribute("role", "alert");
                let _ = note.set_attribute("data-unsent", "");
                note.set_text_content(Some(crate::text::transport()));
                let _ = form.append_child(&note);
            }
        }
    }

    /// A filter form's field changed: the page with the form's query, its parts in place.
    fn on_filter_change(ev: web_sys::Event) {
        let Some(form) = form_of(&ev) else { return };
        if !form.has_attribute("data-filter") {
            return;
        }
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        let query: String = query.to_string().into();
        let path = path_of(&form.action());
        let address = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        // The address first: a live change meanwhile fetches the filtered page too.
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
        }
        leptos::task::spawn_local(async move {
            if let Some(answer) = fetch(&address, None).await {
                apply(answer, Some(&[super::LISTS]));
            }
        });
    }

    /// What the user typed into a part's fields, put back into the same fields (by form and
    /// name) of the part drawn again. Never a password: a refused sign-in asks for it again.
    mod typed {
        use wasm_bindgen::JsCast;
        use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

        pub(super) struct Field {
            key: String,
            value: String,
        }

        fn key(el: &Element) -> Option<String> {
            let name = el.get_attribute("name")?;
            let form = el
                .closest("form")
                .ok()
                .flatten()
                .and_then(|f| f.get_attribute("action"));
            Some(format!("{}|{name}", form.unwrap_or_default()))
        }

        /// The text fields of `part` whose value is not the one the server drew.
        pub(super) fn take(part: &Element) -> Vec<Field> {
            let Ok(list) = part.query_selector_all("input, textarea") else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.get(i)?.dyn_into::<Element>().ok())
                .filter_map(|el| {
                    let value = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                        let kind = i.type_();
                        if matches!(
                            kind.as_str(),
                            "password" | "hidden" | "checkbox" | "radio" | "file" | "submit"
                        ) {
                            return None;
                        }
                        (i.value() != i.default_value()).then(|| i.value())?
                    } else {
                        let a = el.dyn_ref::<HtmlTextAreaElement>()?;
                        (Ok(a.value()) != a.default_value().map_err(|_| ())).then(|| a.value())?
                    };
                    Some(Field { key: key(&el)?, value })
                })
                .collect()
        }

        pub(super) fn put_back(part: &Element, fields: Vec<Field>) {
            for f in fields {
                let Ok(list) = part.query_selector_all("input, textarea") else {
                    return;
                };
                for i in 0..list.length() {
                    let Some(el) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                        continue;
                    };
                    if key(&el).as_deref() != Some(f.key.as_str()) {
                        continue;
                    }
                    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                        input.set_value(&f.value);
                    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                        area.set_value(&f.value);
                    }
                }
            }
        }
    }
}

//! What the islands share in the browser. Pages are drawn by the server alone; only their
//! interactive parts (islands) ship as WASM and come alive in the browser. An island has no
//! router there: it goes to another page with a whole page load, and learns about the page from
//! its props.

use crate::error::AppError;
use crate::text;

/// Call first in every island. What the user typed into its fields before it came alive (a slow
/// connection, a part loaded on demand) is put back and taken up by the island, not wiped by its
/// initial values. The page is marked ready (`<body data-hydrated>`, which tests and styles read)
/// once each of its islands has come alive.
pub fn alive() {
    #[cfg(feature = "hydrate")]
    {
        let mut typed = Some(typed::snapshot());
        leptos::prelude::Effect::new(move |_| {
            if let Some(fields) = typed.take() {
                typed::restore(fields);
            }
            ready::one_more();
        });
    }
}

/// The fields of the page's islands that hold something other than what the server drew.
#[cfg(feature = "hydrate")]
mod typed {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    pub(super) enum Field {
        Text(Element, String),
        Check(HtmlInputElement, bool),
    }

    pub(super) fn snapshot() -> Vec<Field> {
        let Some(list) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector_all("leptos-island input, leptos-island textarea, leptos-island select")
                .ok()
        }) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into::<Element>().ok())
            .filter_map(|el| {
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    return match input.type_().as_str() {
                        "file" | "hidden" | "submit" | "button" => None,
                        "checkbox" | "radio" => (input.checked() != input.default_checked())
                            .then(|| Field::Check(input.clone(), input.checked())),
                        _ => (input.value() != input.default_value()).then(|| Field::Text(el.clone(), input.value())),
                    };
                }
                if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                    return (Ok(area.value()) != area.default_value().map_err(|_| ()))
                        .then(|| Field::Text(el.clone(), area.value()));
                }
                let select = el.dyn_ref::<HtmlSelectElement>()?;
                let options = select.options();
                let changed = (0..options.length())
                    .filter_map(|i| options.item(i)?.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .any(|o| o.selected() != o.default_selected());
                changed.then(|| Field::Text(el.clone(), select.value()))
            })
            .collect()
    }

    pub(super) fn restore(fields: Vec<Field>) {
        for field in fields {
            match field {
                // Put back if the island drew its own value over it, and told to the island
                // either way (it has not seen it).
                Field::Text(el, value) => {
                    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                        i.set_value(&value);
                    } else if let Some(a) = el.dyn_ref::<HtmlTextAreaElement>() {
                        a.set_value(&value);
                    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                        s.set_value(&value);
                    }
                    announce(&el, "input");
                    announce(&el, "change");
                }
                Field::Check(input, checked) => {
                    input.set_checked(checked);
                    announce(&input, "change");
                }
            }
        }
    }

    /// Tells the island's handlers, as the browser would have.
    fn announce(el: &Element, kind: &str) {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
            let _ = el.dispatch_event(&event);
        }
    }
}

/// Called once the page's script has started, before its islands come alive.
#[cfg(feature = "hydrate")]
pub fn expect_islands() {
    ready::expect();
}

#[cfg(feature = "hydrate")]
mod ready {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static EXPECTED: AtomicUsize = AtomicUsize::new(0);
    static ALIVE: AtomicUsize = AtomicUsize::new(0);

    pub(super) fn expect() {
        let n = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all("leptos-island").ok())
            .map(|l| l.length() as usize)
            .unwrap_or(0);
        EXPECTED.store(n, Ordering::Relaxed);
        if n == 0 {
            mark();
        }
    }

    pub(super) fn one_more() {
        let alive = ALIVE.fetch_add(1, Ordering::Relaxed) + 1;
        if alive == EXPECTED.load(Ordering::Relaxed) {
            mark();
        }
    }

    fn mark() {
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    }
}

/// Loads `page` whole: the server draws it.
pub fn load_page(page: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(page);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = page;
}

/// Loads `page` whole in place of this one: Back then skips this page.
pub fn replace_page(page: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(page);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = page;
}

/// The page in the browser's address bar (path and query).
pub fn current_page() -> String {
    #[cfg(feature = "hydrate")]
    {
        let Some(l) = web_sys::window().map(|w| w.location()) else {
            return "/".into();
        };
        let (path, query) = (l.pathname().unwrap_or_default(), l.search().unwrap_or_default());
        format!("{path}{query}")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        "/".into()
    }
}

/// What an island does with a refusal from the server: a session that ended meanwhile sends the
/// browser to the login page (which says so, and returns here afterwards); anything else is the
/// island's to show.
pub fn refusal(e: AppError) -> Option<AppError> {
    match e {
        AppError::Unauthenticated => {
            load_page(&login_path(&current_page(), true));
            None
        }
        e => Some(e),
    }
}

/// The login page, asked to return to `page` afterwards, and to say that the session ended when
/// it did (the browser held a session that the server no longer knows).
pub fn login_path(page: &str, ended: bool) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(next) = crate::domain::login::return_to(page).filter(|p| *p != "/") {
        query.append_pair(text::NEXT_PARAM, next);
    }
    if ended {
        query.append_pair(text::ENDED_PARAM, "1");
    }
    let query = query.finish();
    if query.is_empty() {
        "/login".into()
    } else {
        format!("/login?{query}")
    }
}

//! The formatting editor of the material's body, for office staff who do not write Markdown: a
//! toolbar over an editable page. What it holds is read through [`crate::rich_text`] after every
//! change, and what is pasted passes through it before it lands, so a word processor's styles,
//! scripts and pictures never arrive; the server sanitises what is saved the same way.

use crate::text;
use leptos::prelude::*;

/// What a toolbar button does to the selection.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy)]
enum Format {
    Bold,
    Italic,
    Block(&'static str),
    Bullets,
    Numbers,
    Link,
}

/// The page's body as HTML in `html` (what the editor starts from, kept as it changes, so that a
/// redraw of the page never loses it), and every change as Markdown to `on_change`.
#[component]
pub fn RichEditor(
    label: &'static str,
    html: RwSignal<String>,
    on_change: Callback<String>,
    #[prop(optional)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    let page = NodeRef::<leptos::html::Div>::new();
    let initial = html.get_untracked();
    // The text replaced from outside (the stored text taken after a clash): put it on the page.
    Effect::new(move |_| {
        let want = html.get();
        if let Some(el) = page.get() {
            if el.inner_html() != want {
                el.set_inner_html(&want);
            }
        }
    });
    let changed = move || {
        #[cfg(feature = "hydrate")]
        if let Some(el) = page.get_untracked() {
            let blocks = crate::rich_text::from_html(&dom::children(&el));
            html.set(el.inner_html());
            on_change.run(crate::rich_text::to_markdown(&blocks));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = on_change;
    };
    let apply = move |f: Format| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(el) = page.get_untracked() {
                let _ = el.focus();
            }
            match f {
                Format::Bold => dom::exec("bold", ""),
                Format::Italic => dom::exec("italic", ""),
                Format::Bullets => dom::exec("insertUnorderedList", ""),
                Format::Numbers => dom::exec("insertOrderedList", ""),
                // The same block again turns it back into a paragraph.
                Format::Block(tag) => {
                    let now = dom::block_now();
                    dom::exec("formatBlock", if now == tag { "p" } else { tag });
                }
                Format::Link => {
                    let asked = window().prompt_with_message(text::editor_link_prompt()).ok().flatten();
                    match asked.as_deref().map(str::trim) {
                        Some("") => dom::exec("unlink", ""),
                        Some(href) => match crate::rich_text::allowed_href(href) {
                            Some(href) => dom::exec("createLink", &href),
                            None => {
                                let _ = window().alert_with_message(text::editor_link_refused());
                            }
                        },
                        None => {}
                    }
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = f;
        changed();
    };
    let button = move |f: Format, label: &'static str, face: &'static str| {
        view! {
            // Pressing a button must not take the selection out of the text.
            <button type="button" title=label aria-label=label
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| apply(f)>{face}</button>
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        #[cfg(feature = "hydrate")]
        {
            let Some(data) = ev.clipboard_data() else { return };
            ev.prevent_default();
            let html = data.get_data("text/html").unwrap_or_default();
            let blocks = if html.trim().is_empty() {
                crate::rich_text::from_plain_text(&data.get_data("text/plain").unwrap_or_default())
            } else {
                dom::parse(&html)
            };
            // A single paragraph goes into the line the caret is in, not as a new paragraph.
            let mut clean = crate::rich_text::to_html(&blocks);
            if let [crate::rich_text::Block::Paragraph(_)] = blocks.as_slice() {
                clean = clean.trim_start_matches("<p>").trim_end_matches("</p>").to_string();
            }
            dom::exec("insertHTML", &clean);
            changed();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        // New lines are paragraphs (not `div`s), as the stored text has them.
        dom::exec("defaultParagraphSeparator", "p");
    });
    let invalid = move || invalid.is_some_and(|s| s.get());
    view! {
        <div class="rich">
            <span class="label" id="body-label">{label}</span>
            <div class="rich-toolbar" role="toolbar" aria-label=text::editor_toolbar() aria-controls="body-editor">
                {button(Format::Bold, text::editor_bold(), "B")}
                {button(Format::Italic, text::editor_italic(), "I")}
                {button(Format::Block("h2"), text::editor_heading(), text::editor_heading_face())}
                {button(Format::Block("h3"), text::editor_subheading(), text::editor_subheading())}
                {button(Format::Bullets, text::editor_bullets(), text::editor_bullets_face())}
                {button(Format::Numbers, text::editor_numbers(), text::editor_numbers_face())}
                {button(Format::Block("blockquote"), text::editor_quote(), text::editor_quote())}
                {button(Format::Link, text::editor_link(), text::editor_link())}
            </div>
            <div class="rich-page markdown" id="body-editor" node_ref=page contenteditable="true" role="textbox"
                data-placeholder=text::editor_placeholder()
                aria-multiline="true" aria-labelledby="body-label" data-testid="body-editor"
                aria-invalid=move || invalid().then_some("true")
                inner_html=initial
                on:input=move |_| changed()
                on:paste=on_paste></div>
        </div>
    }
}

/// The browser's side: reading the editable page, parsing a paste, and the editing commands.
#[cfg(feature = "hydrate")]
mod dom {
    use crate::rich_text::{self, Block, Node};
    use wasm_bindgen::JsCast;

    /// The children of an element, as the model reads them.
    pub(super) fn children(el: &web_sys::Node) -> Vec<Node> {
        let list = el.child_nodes();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| node(&n))
            .collect()
    }

    fn node(n: &web_sys::Node) -> Option<Node> {
        match n.node_type() {
            web_sys::Node::TEXT_NODE => n.text_content().map(Node::Text),
            web_sys::Node::ELEMENT_NODE => {
                let el: &web_sys::Element = n.unchecked_ref();
                let attrs = ["href", "style", "class"]
                    .iter()
                    .filter_map(|a| el.get_attribute(a).map(|v| (a.to_string(), v)))
                    .collect();
                Some(Node::Element {
                    tag: el.tag_name().to_ascii_lowercase(),
                    attrs,
                    children: children(n),
                })
            }
            _ => None,
        }
    }

    /// A pasted HTML document, parsed inert (nothing in it runs or loads) and reduced to blocks.
    pub(super) fn parse(html: &str) -> Vec<Block> {
        let Ok(parser) = web_sys::DomParser::new() else {
            return vec![];
        };
        let Ok(doc) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else {
            return vec![];
        };
        match doc.body() {
            Some(body) => rich_text::from_html(&children(&body)),
            None => vec![],
        }
    }

    pub(super) fn exec(command: &str, value: &str) {
        let doc: web_sys::HtmlDocument = leptos::prelude::document().unchecked_into();
        let _ = doc.exec_command_with_show_ui_and_value(command, false, value);
    }

    /// The block the caret is in (`p`, `h2`, `blockquote`).
    pub(super) fn block_now() -> String {
        let doc: web_sys::HtmlDocument = leptos::prelude::document().unchecked_into();
        doc.query_command_value("formatBlock")
            .unwrap_or_default()
            .to_ascii_lowercase()
    }
}

//! Markdown drafts: sanitised when saved, and rendered as HTML that is safe to put in another
//! user's browser.

use crate::rich_text::{self, Block, Inline};

/// The words a reader sees of a Markdown text: its text and code, without any HTML in it (a
/// comment, a tag's attributes) that the page does not show. The public search indexes this.
pub fn visible_text(markdown: &str) -> String {
    use pulldown_cmark::Event;
    let mut out = String::with_capacity(markdown.len());
    for event in pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// An image's address is kept only when it is Warta's own (a path on this site): an image from
/// elsewhere would make every reader's browser, on confidential items too, call that host.
fn own_image(element: &str, attribute: &str, value: &str) -> Option<String> {
    let foreign = element == "img" && attribute == "src" && !(value.starts_with('/') && !value.starts_with("//"));
    (!foreign).then(|| value.to_string())
}

/// Renders Markdown and removes anything executable (scripts, event handlers, `javascript:` links)
/// and every image not served by Warta.
pub fn render(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .attribute_filter(|element, attribute, value| own_image(element, attribute, value).map(Into::into))
        .clean(&html)
        .to_string()
}

/// The blocks of a Markdown text, as the editor's model has them: what the model cannot
/// express (raw HTML, images, tables, code) keeps only its words, or goes.
pub fn blocks(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    /// A container of blocks being read.
    struct Open {
        list: Option<(bool, Vec<Vec<Block>>)>,
        quote: bool,
        blocks: Vec<Block>,
        /// The words of a tight list item, which come without a paragraph.
        loose: Vec<Inline>,
    }
    impl Open {
        fn new(list: Option<bool>, quote: bool) -> Self {
            Open {
                list: list.map(|o| (o, vec![])),
                quote,
                blocks: vec![],
                loose: vec![],
            }
        }
        fn push(&mut self, block: Block) {
            self.flush();
            self.blocks.push(block);
        }
        fn flush(&mut self) {
            let line = rich_text::tidy(std::mem::take(&mut self.loose));
            if !line.is_empty() {
                self.blocks.push(Block::Paragraph(line));
            }
        }
    }
    /// A span of text being read: a paragraph or heading, or formatting inside one.
    enum Span {
        Paragraph,
        Heading(u8),
        Bold,
        Italic,
        Link(Option<String>),
        /// Its words count, its formatting does not (strikethrough, a table cell).
        Plain,
        /// Neither counts (an image's description of another host's picture).
        Skipped,
    }
    let mut open = vec![Open::new(None, false)];
    let mut spans: Vec<(Span, Vec<Inline>)> = vec![];
    let mut code = false;
    // Inside an inline `<script>` or `<style>`: not words of the text.
    let mut hidden = false;
    fn add(open: &mut [Open], spans: &mut [(Span, Vec<Inline>)], inline: Inline) {
        match spans.last_mut() {
            Some((_, line)) => line.push(inline),
            None => open.last_mut().expect("the root stays open").loose.push(inline),
        }
    }
    let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    for event in pulldown_cmark::Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Paragraph) => spans.push((Span::Paragraph, vec![])),
            Event::Start(Tag::Heading { level, .. }) => {
                let level = if level <= pulldown_cmark::HeadingLevel::H2 {
                    2
                } else {
                    3
                };
                spans.push((Span::Heading(level), vec![]));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                code = true;
                spans.push((Span::Paragraph, vec![]));
            }
            Event::Start(Tag::TableCell) => spans.push((Span::Paragraph, vec![])),
            Event::Start(Tag::BlockQuote(_)) => open.push(Open::new(None, true)),
            Event::Start(Tag::List(first)) => open.push(Open::new(Some(first.is_some()), false)),
            Event::Start(Tag::Item) => open.push(Open::new(None, false)),
            Event::Start(Tag::Strong) => spans.push((Span::Bold, vec![])),
            Event::Start(Tag::Emphasis) => spans.push((Span::Italic, vec![])),
            Event::Start(Tag::Strikethrough) => spans.push((Span::Plain, vec![])),
            Event::Start(Tag::Link { dest_url, .. }) => {
                spans.push((Span::Link(rich_text::allowed_href(&dest_url)), vec![]));
            }
            Event::Start(Tag::Image { .. }) => spans.push((Span::Skipped, vec![])),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {
                code = false;
                let Some((span, line)) = spans.pop() else { continue };
                let container = open.last_mut().expect("the root stays open");
                match span {
                    Span::Paragraph => {
                        let line = rich_text::tidy(line);
                        if !line.is_empty() {
                            container.push(Block::Paragraph(line));
                        }
                    }
                    Span::Heading(level) => {
                        let line = rich_text::tidy(line);
                        if !line.is_empty() {
                            container.push(Block::Heading(level, line));
                        }
                    }
                    Span::Bold => add(&mut open, &mut spans, Inline::Bold(line)),
                    Span::Italic => add(&mut open, &mut spans, Inline::Italic(line)),
                    Span::Link(Some(href)) => add(&mut open, &mut spans, Inline::Link { href, content: line }),
                    Span::Link(None) | Span::Plain => {
                        for inline in line {
                            add(&mut open, &mut spans, inline);
                        }
                    }
                    Span::Skipped => {}
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                if open.len() < 2 {
                    continue;
                }
                let mut done = open.pop().expect("checked");
                done.flush();
                let parent = open.last_mut().expect("checked");
                if let Some((ordered, items)) = done.list {
                    if !items.is_empty() {
                        parent.push(Block::List { ordered, items });
                    }
                } else if done.quote {
                    if !done.blocks.is_empty() {
                        parent.push(Block::Quote(done.blocks));
                    }
                } else if let Some((_, items)) = parent.list.as_mut() {
                    if !done.blocks.is_empty() {
                        items.push(done.blocks);
                    }
                } else {
                    parent.blocks.extend(done.blocks);
                }
            }
            Event::InlineHtml(tag) => {
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    hidden = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    hidden = false;
                }
            }
            Event::Text(_) | Event::Code(_) if hidden => {}
            Event::Text(t) if code => {
                for (i, line) in t.split('\n').enumerate() {
                    if i > 0 {
                        add(&mut open, &mut spans, Inline::Break);
                    }
                    add(&mut open, &mut spans, Inline::Text(line.to_string()));
                }
            }
            Event::Text(t) | Event::Code(t) => add(&mut open, &mut spans, Inline::Text(t.to_string())),
            Event::SoftBreak => add(&mut open, &mut spans, Inline::Text(" ".into())),
            Event::HardBreak => add(&mut open, &mut spans, Inline::Break),
            // Raw HTML is never kept: not a tag, not a comment.
            _ => {}
        }
    }
    let mut root = open.into_iter().next().expect("the root stays open");
    root.flush();
    root.blocks
}

/// The Markdown that is stored: only what the editor can show (see [`crate::rich_text`]).
pub fn sanitise(markdown: &str) -> String {
    rich_text::to_markdown(&blocks(markdown))
}

#[cfg(test)]
mod tests {
    use super::{render, sanitise};

    #[test]
    fn what_is_stored_is_what_the_editor_shows() {
        // The editor's own Markdown comes back unchanged.
        let clean = "## Judul\n\nDihadiri **120 peserta** dari *17 kecamatan*, lihat [tautan](https://ppid.example.go.id).\n\n- satu\n- dua\n\n1. pertama\n\n> kutipan\n\nbaris\\\nbaris kedua";
        assert_eq!(sanitise(clean), clean);
        // What it cannot show goes, its words stay.
        let dirty = "# Besar\n\n<script>alert(1)</script>\n\nteks <b onclick=\"x()\">tebal</b> ![gambar](https://attacker.example/t.gif) [klik](javascript:alert(3))\n\n    kode";
        let stored = sanitise(dirty);
        assert_eq!(stored, "## Besar\n\nteks tebal klik\n\nkode");
        let html = render(&stored).to_lowercase();
        for bad in ["<script", "onclick", "javascript:", "attacker"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn formatting_survives() {
        let html = render("# Judul\n\n**tebal** dan [tautan](https://ppid.example.go.id)");
        assert!(html.contains("<h1>Judul</h1>"));
        assert!(html.contains("<strong>tebal</strong>"));
        assert!(html.contains("href=\"https://ppid.example.go.id\""));
    }

    #[test]
    fn images_come_only_from_warta_itself() {
        let html = render(
            "![a](https://attacker.example/t.gif) ![b](//attacker.example/t.gif) ![c](data:image/png;base64,AAAA) ![d](/media/foto.jpg)",
        );
        assert!(!html.contains("attacker.example"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("src=\"/media/foto.jpg\""), "{html}");
    }

    #[test]
    fn scripts_and_event_handlers_never_pass() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[klik](javascript:alert(3))\n\n<a href=\"#\" onclick=\"alert(4)\">x</a>",
        );
        let lower = html.to_lowercase();
        for bad in ["<script", "onerror", "onclick", "javascript:"] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
    }
}

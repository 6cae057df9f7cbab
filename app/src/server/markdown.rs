//! Markdown drafts to HTML that is safe to put in another user's browser.

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

#[cfg(test)]
mod tests {
    use super::render;

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

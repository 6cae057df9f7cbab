//! Markdown drafts to HTML that is safe to put in another user's browser.

/// Renders Markdown and removes anything executable (scripts, event handlers, `javascript:` links).
pub fn render(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
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

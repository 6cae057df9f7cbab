//! The material's formatting as the editor offers it: paragraphs, two levels of heading, lists,
//! quotes, bold, italic and links. What the editor holds, what is pasted into it and what is
//! stored all pass through this model: anything it cannot express is dropped and its words kept.
//! So the stored Markdown and the HTML put back into the editor carry exactly these and nothing
//! else (no script, no style, no image from elsewhere), whatever a word processor put on the
//! clipboard. Shared by the browser (the editor) and the server (sanitising what is saved).

use serde::{Deserialize, Serialize};

/// A piece of HTML as the browser's DOM holds it (the editor, a pasted document), reduced to what
/// the model reads of it.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Element {
        /// Lowercase tag name (`p`, `strong`, `o:p`).
        tag: String,
        /// Only `href`, `style` and `class` are read.
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// Level 2 ("Judul") or 3 ("Subjudul"): the page itself has the level 1 heading.
    Heading(u8, Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Bold(Vec<Inline>),
    Italic(Vec<Inline>),
    Link { href: String, content: Vec<Inline> },
    Break,
}

/// May a link go there? The web, e-mail and Warta's own pages; never `javascript:` or `data:`.
pub fn allowed_href(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (href.starts_with('/') && !href.starts_with("//"));
    (ok && !href.chars().any(|c| c.is_control() || c == '<' || c == '>')).then(|| href.to_string())
}

// ---------------------------------------------------------------------------------------------
// From HTML (the editor's DOM, a pasted document)

enum Kind {
    /// Never shown: its text is not the document's (a script, a style sheet, Word's metadata).
    Dropped,
    Paragraph,
    Heading(u8),
    List(bool),
    Quote,
    Inline,
}

fn kind(tag: &str) -> Kind {
    match tag {
        "script" | "style" | "head" | "title" | "meta" | "link" | "template" | "noscript" | "iframe" | "object"
        | "embed" | "svg" | "math" | "img" | "video" | "audio" | "canvas" | "button" | "select" | "textarea"
        | "input" | "xml" => Kind::Dropped,
        "h1" | "h2" => Kind::Heading(2),
        "h3" | "h4" | "h5" | "h6" => Kind::Heading(3),
        "ul" => Kind::List(false),
        "ol" => Kind::List(true),
        "blockquote" => Kind::Quote,
        "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "aside" | "nav" | "pre" | "table"
        | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "li" | "dl" | "dt" | "dd" | "figure" | "figcaption"
        | "address" | "hr" | "body" | "html" | "center" | "caption" => Kind::Paragraph,
        _ => Kind::Inline,
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> &'a str {
    attrs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// A CSS declaration of an inline `style` (lowercase, spaces removed): `font-weight:700`.
fn style_has(attrs: &[(String, String)], property: &str, values: &[&str]) -> bool {
    let style: String = attr(attrs, "style")
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    style.split(';').any(|decl| {
        decl.split_once(':')
            .is_some_and(|(p, v)| p == property && values.iter().any(|x| v.trim_end_matches("!important") == *x))
    })
}

/// Word marks a list item as a paragraph with `mso-list` in its style.
fn word_list_item(attrs: &[(String, String)]) -> bool {
    attr(attrs, "style").to_ascii_lowercase().contains("mso-list") && !word_list_marker(attrs)
}

/// Word's bullet or number in front of a list item (a span styled `mso-list:Ignore`).
fn word_list_marker(attrs: &[(String, String)]) -> bool {
    let style: String = attr(attrs, "style")
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    style.contains("mso-list:ignore")
}

fn text_of(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.clone(),
            Node::Element { children, .. } => text_of(children),
        })
        .collect()
}

/// The blocks of an HTML fragment.
pub fn from_html(nodes: &[Node]) -> Vec<Block> {
    let mut b = Builder::default();
    b.blocks(nodes);
    b.flush();
    b.out
}

#[derive(Default)]
struct Builder {
    out: Vec<Block>,
    line: Vec<Inline>,
}

impl Builder {
    fn flush(&mut self) {
        let line = tidy(std::mem::take(&mut self.line));
        if !line.is_empty() {
            self.out.push(Block::Paragraph(line));
        }
    }

    fn push(&mut self, block: Block) {
        self.flush();
        self.out.push(block);
    }

    fn blocks(&mut self, nodes: &[Node]) {
        for node in nodes {
            let Node::Element { tag, attrs, children } = node else {
                if let Node::Text(t) = node {
                    self.line.push(Inline::Text(t.clone()));
                }
                continue;
            };
            match kind(tag) {
                Kind::Dropped => {}
                Kind::Paragraph if tag == "p" && word_list_item(attrs) => self.word_list_item(children),
                Kind::Paragraph => {
                    self.flush();
                    self.blocks(children);
                    self.flush();
                }
                Kind::Heading(level) => {
                    let content = tidy(single_line(inlines(children)));
                    if content.is_empty() {
                        self.flush();
                    } else {
                        self.push(Block::Heading(level, content));
                    }
                }
                Kind::List(ordered) => {
                    let items = list_items(children);
                    if items.is_empty() {
                        self.flush();
                    } else {
                        self.push(Block::List { ordered, items });
                    }
                }
                Kind::Quote => {
                    let inner = from_html(children);
                    if inner.is_empty() {
                        self.flush();
                    } else {
                        self.push(Block::Quote(inner));
                    }
                }
                // A wrapper around whole paragraphs (Google Docs' `<b>`): the paragraphs count.
                Kind::Inline if has_block(children) => self.blocks(children),
                Kind::Inline => self.line.extend(inline_element(tag, attrs, children)),
            }
        }
    }

    /// One item of a list pasted from Word: joined to the list just before it, or a new list.
    fn word_list_item(&mut self, children: &[Node]) {
        let marker = marker_text(children);
        let ordered = marker.trim().chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        let content = tidy(inlines(children));
        self.flush();
        if content.is_empty() {
            return;
        }
        let item = vec![Block::Paragraph(content)];
        match self.out.last_mut() {
            Some(Block::List { ordered: o, items }) if *o == ordered => items.push(item),
            _ => self.out.push(Block::List {
                ordered,
                items: vec![item],
            }),
        }
    }
}

fn has_block(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| match n {
        Node::Text(_) => false,
        Node::Element { tag, children, .. } => match kind(tag) {
            Kind::Dropped => false,
            Kind::Inline => has_block(children),
            _ => true,
        },
    })
}

fn marker_text(nodes: &[Node]) -> String {
    for n in nodes {
        if let Node::Element { attrs, children, .. } = n {
            if word_list_marker(attrs) {
                return text_of(children);
            }
            let inner = marker_text(children);
            if !inner.is_empty() {
                return inner;
            }
        }
    }
    String::new()
}

fn list_items(children: &[Node]) -> Vec<Vec<Block>> {
    let mut items: Vec<Vec<Block>> = vec![];
    for child in children {
        match child {
            Node::Element { tag, children, .. } if tag == "li" => {
                let blocks = from_html(children);
                if !blocks.is_empty() {
                    items.push(blocks);
                }
            }
            // A list directly inside a list (as editors make when indenting): it belongs to the
            // item before it.
            Node::Element { tag, .. } if tag == "ul" || tag == "ol" => {
                let nested = from_html(std::slice::from_ref(child));
                match items.last_mut() {
                    Some(last) => last.extend(nested),
                    None => items.push(nested),
                }
            }
            other => {
                let blocks = from_html(std::slice::from_ref(other));
                if !blocks.is_empty() {
                    items.push(blocks);
                }
            }
        }
    }
    items
}

fn inlines(nodes: &[Node]) -> Vec<Inline> {
    let mut out = vec![];
    for node in nodes {
        match node {
            Node::Text(t) => out.push(Inline::Text(t.clone())),
            Node::Element { tag, attrs, children } => match kind(tag) {
                Kind::Dropped => {}
                Kind::Inline => out.extend(inline_element(tag, attrs, children)),
                // A block inside a line (a paragraph inside a link): its words, set apart.
                _ => {
                    out.push(Inline::Text(" ".into()));
                    out.extend(inlines(children));
                    out.push(Inline::Text(" ".into()));
                }
            },
        }
    }
    out
}

const BOLD: &[&str] = &["bold", "bolder", "600", "700", "800", "900"];
const NOT_BOLD: &[&str] = &["normal", "400", "lighter", "300"];

fn inline_element(tag: &str, attrs: &[(String, String)], children: &[Node]) -> Vec<Inline> {
    if word_list_marker(attrs) {
        return vec![];
    }
    let content = || inlines(children);
    let mut out = match tag {
        "br" => return vec![Inline::Break],
        // Google Docs wraps a whole paste in `<b style="font-weight:normal">`.
        "b" | "strong" if style_has(attrs, "font-weight", NOT_BOLD) => content(),
        "b" | "strong" => vec![Inline::Bold(content())],
        "i" | "em" | "cite" | "dfn" if style_has(attrs, "font-style", &["normal"]) => content(),
        "i" | "em" | "cite" | "dfn" => vec![Inline::Italic(content())],
        "a" => match allowed_href(attr(attrs, "href")) {
            Some(href) => vec![Inline::Link {
                href,
                content: content(),
            }],
            None => content(),
        },
        _ => content(),
    };
    // Formatting set by style (word processors): bold and italic survive, the rest goes.
    if !matches!(tag, "b" | "strong") && style_has(attrs, "font-weight", BOLD) {
        out = vec![Inline::Bold(out)];
    }
    if !matches!(tag, "i" | "em") && style_has(attrs, "font-style", &["italic", "oblique"]) {
        out = vec![Inline::Italic(out)];
    }
    out
}

fn single_line(line: Vec<Inline>) -> Vec<Inline> {
    line.into_iter()
        .map(|i| match i {
            Inline::Break => Inline::Text(" ".into()),
            Inline::Bold(c) => Inline::Bold(single_line(c)),
            Inline::Italic(c) => Inline::Italic(single_line(c)),
            Inline::Link { href, content } => Inline::Link {
                href,
                content: single_line(content),
            },
            t => t,
        })
        .collect()
}

/// A line as a reader sees it: white space collapsed as HTML does, none at its ends or around a
/// line break, no empty formatting, no formatting inside the same formatting.
pub fn tidy(line: Vec<Inline>) -> Vec<Inline> {
    let mut space = true;
    let mut line = collapse(line, &mut space, false, false);
    trim_end(&mut line);
    line
}

fn collapse(line: Vec<Inline>, space: &mut bool, bold: bool, italic: bool) -> Vec<Inline> {
    let mut out: Vec<Inline> = vec![];
    for item in line {
        match item {
            Inline::Text(t) => {
                let mut s = String::with_capacity(t.len());
                for c in t.chars() {
                    if c.is_whitespace() || c == '\u{a0}' {
                        if !*space {
                            s.push(' ');
                            *space = true;
                        }
                    } else if !c.is_control() {
                        s.push(c);
                        *space = false;
                    }
                }
                if s.is_empty() {
                    continue;
                }
                if let Some(Inline::Text(prev)) = out.last_mut() {
                    prev.push_str(&s);
                } else {
                    out.push(Inline::Text(s));
                }
            }
            Inline::Break => {
                trim_end(&mut out);
                out.push(Inline::Break);
                *space = true;
            }
            Inline::Bold(c) => {
                let inner = collapse(c, space, true, italic);
                if bold {
                    out.extend(inner);
                } else if !inner.is_empty() {
                    out.push(Inline::Bold(inner));
                }
            }
            Inline::Italic(c) => {
                let inner = collapse(c, space, bold, true);
                if italic {
                    out.extend(inner);
                } else if !inner.is_empty() {
                    out.push(Inline::Italic(inner));
                }
            }
            Inline::Link { href, content } => {
                let inner = collapse(strip_links(content), space, bold, italic);
                if !inner.is_empty() {
                    out.push(Inline::Link { href, content: inner });
                }
            }
        }
    }
    // A line never starts with a break.
    while matches!(out.first(), Some(Inline::Break)) {
        out.remove(0);
    }
    out
}

/// A link inside a link keeps only its words.
fn strip_links(line: Vec<Inline>) -> Vec<Inline> {
    line.into_iter()
        .flat_map(|i| match i {
            Inline::Link { content, .. } => strip_links(content),
            Inline::Bold(c) => vec![Inline::Bold(strip_links(c))],
            Inline::Italic(c) => vec![Inline::Italic(strip_links(c))],
            other => vec![other],
        })
        .collect()
}

fn trim_end(line: &mut Vec<Inline>) {
    loop {
        match line.last_mut() {
            Some(Inline::Break) => {
                line.pop();
            }
            Some(Inline::Text(t)) => {
                let kept = t.trim_end().len();
                t.truncate(kept);
                if t.is_empty() {
                    line.pop();
                } else {
                    return;
                }
            }
            Some(Inline::Bold(c) | Inline::Italic(c)) | Some(Inline::Link { content: c, .. }) => {
                trim_end(c);
                if c.is_empty() {
                    line.pop();
                } else {
                    return;
                }
            }
            None => return,
        }
    }
}

/// Plain text (a paste without formatting): a paragraph per blank line, a line break per line.
pub fn from_plain_text(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .filter_map(|para| {
            let mut line = vec![];
            for (i, l) in para.split('\n').enumerate() {
                if i > 0 {
                    line.push(Inline::Break);
                }
                line.push(Inline::Text(l.to_string()));
            }
            let line = tidy(line);
            (!line.is_empty()).then_some(Block::Paragraph(line))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// To Markdown (what is stored)

/// The blocks as Markdown: every character a reader typed is escaped, so that it reads back as
/// the same text and never as formatting or HTML.
pub fn to_markdown(blocks: &[Block]) -> String {
    blocks.iter().map(block_markdown).collect::<Vec<_>>().join("\n\n")
}

fn block_markdown(block: &Block) -> String {
    match block {
        Block::Paragraph(line) => escape_line_starts(&inline_markdown(line, false, false)),
        Block::Heading(level, line) => format!(
            "{} {}",
            "#".repeat(usize::from(*level)),
            inline_markdown(line, false, false)
        ),
        Block::List { ordered, items } => items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                let marker = if *ordered { format!("{}. ", n + 1) } else { "- ".into() };
                let pad = " ".repeat(marker.len());
                let body = to_markdown(item);
                body.lines()
                    .enumerate()
                    .map(|(i, l)| match (i, l.is_empty()) {
                        (0, _) => format!("{marker}{l}"),
                        (_, true) => String::new(),
                        _ => format!("{pad}{l}"),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Quote(inner) => to_markdown(inner)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn inline_markdown(line: &[Inline], bold: bool, italic: bool) -> String {
    let mut out = String::new();
    for item in line {
        match item {
            Inline::Text(t) => escape(t, &mut out),
            Inline::Break => out.push_str("\\\n"),
            Inline::Bold(c) if bold => out.push_str(&inline_markdown(c, true, italic)),
            Inline::Bold(c) => wrap(&inline_markdown(c, true, italic), "**", &mut out),
            Inline::Italic(c) if italic => out.push_str(&inline_markdown(c, bold, true)),
            Inline::Italic(c) => wrap(&inline_markdown(c, bold, true), "*", &mut out),
            Inline::Link { href, content } => {
                out.push('[');
                out.push_str(&inline_markdown(content, bold, italic));
                out.push_str("](");
                for c in href.chars() {
                    match c {
                        ' ' => out.push_str("%20"),
                        '(' | ')' | '\\' => {
                            out.push('\\');
                            out.push(c);
                        }
                        c => out.push(c),
                    }
                }
                out.push(')');
            }
        }
    }
    out
}

/// Emphasis markers hug the words: spaces inside them would make them plain asterisks.
fn wrap(inner: &str, marker: &str, out: &mut String) {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        out.push_str(inner);
        return;
    }
    let lead = &inner[..inner.len() - inner.trim_start().len()];
    let tail = &inner[inner.trim_end().len()..];
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(trimmed);
    out.push_str(marker);
    out.push_str(tail);
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// What would start a list or a heading at the start of a line is escaped there ("1. Januari" as
/// typed, not a numbered list).
fn escape_line_starts(md: &str) -> String {
    md.split('\n')
        .map(|line| {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')) {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else if line.starts_with(['-', '+', '=', '#']) {
                format!("\\{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------------
// To HTML (the editor, a paste, a comparison)

/// The blocks as HTML, every text escaped: safe to put in the page.
pub fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        block_html(block, &mut out);
    }
    out
}

fn block_html(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph(line) => {
            out.push_str("<p>");
            inline_html(line, out);
            out.push_str("</p>");
        }
        Block::Heading(level, line) => {
            out.push_str(&format!("<h{level}>"));
            inline_html(line, out);
            out.push_str(&format!("</h{level}>"));
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            out.push_str(&format!("<{tag}>"));
            for item in items {
                out.push_str("<li>");
                match item.as_slice() {
                    // A one-line item without a paragraph around it, as editors make them.
                    [Block::Paragraph(line)] => inline_html(line, out),
                    blocks => {
                        for b in blocks {
                            block_html(b, out);
                        }
                    }
                }
                out.push_str("</li>");
            }
            out.push_str(&format!("</{tag}>"));
        }
        Block::Quote(inner) => {
            out.push_str("<blockquote>");
            for b in inner {
                block_html(b, out);
            }
            out.push_str("</blockquote>");
        }
    }
}

fn inline_html(line: &[Inline], out: &mut String) {
    for item in line {
        match item {
            Inline::Text(t) => escape_html(t, out),
            Inline::Break => out.push_str("<br>"),
            Inline::Bold(c) => {
                out.push_str("<strong>");
                inline_html(c, out);
                out.push_str("</strong>");
            }
            Inline::Italic(c) => {
                out.push_str("<em>");
                inline_html(c, out);
                out.push_str("</em>");
            }
            Inline::Link { href, content } => {
                out.push_str("<a href=\"");
                escape_html(href, out);
                out.push_str("\" rel=\"noopener noreferrer nofollow\">");
                inline_html(content, out);
                out.push_str("</a>");
            }
        }
    }
}

fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The words of the blocks, for comparing and searching.
pub fn plain_text(blocks: &[Block]) -> String {
    fn line(l: &[Inline], out: &mut String) {
        for i in l {
            match i {
                Inline::Text(t) => out.push_str(t),
                Inline::Break => out.push(' '),
                Inline::Bold(c) | Inline::Italic(c) | Inline::Link { content: c, .. } => line(c, out),
            }
        }
    }
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(l) | Block::Heading(_, l) => line(l, &mut out),
            Block::List { items, .. } => {
                for item in items {
                    out.push_str(&plain_text(item));
                    out.push(' ');
                }
            }
            Block::Quote(inner) => out.push_str(&plain_text(inner)),
        }
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: &str, children: Vec<Node>) -> Node {
        Node::Element {
            tag: tag.into(),
            attrs: vec![],
            children,
        }
    }
    fn styled(tag: &str, style: &str, children: Vec<Node>) -> Node {
        Node::Element {
            tag: tag.into(),
            attrs: vec![("style".into(), style.into())],
            children,
        }
    }
    fn t(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn what_the_toolbar_makes_becomes_markdown() {
        let html = vec![
            el("h2", vec![t("Sosialisasi")]),
            el(
                "p",
                vec![
                    t("Dihadiri "),
                    el("strong", vec![t("120 peserta ")]),
                    t("dari "),
                    el("em", vec![t("17 kecamatan")]),
                    t("."),
                ],
            ),
            el("ul", vec![el("li", vec![t("Camat")]), el("li", vec![t("Lurah")])]),
            el("ol", vec![el("li", vec![t("Pembukaan")])]),
            el("blockquote", vec![el("p", vec![t("Kutipan bupati")])]),
            el(
                "p",
                vec![Node::Element {
                    tag: "a".into(),
                    attrs: vec![("href".into(), "https://ppid.example.go.id/a b".into())],
                    children: vec![t("tautan")],
                }],
            ),
        ];
        assert_eq!(
            to_markdown(&from_html(&html)),
            "## Sosialisasi\n\nDihadiri **120 peserta** dari *17 kecamatan*.\n\n- Camat\n- Lurah\n\n1. Pembukaan\n\n> Kutipan bupati\n\n[tautan](https://ppid.example.go.id/a%20b)"
        );
    }

    #[test]
    fn a_word_processor_paste_keeps_formatting_and_drops_the_rest() {
        // As Word puts it on the clipboard (reduced): styles, classes, its own tags, a list as
        // paragraphs with a marker span, and a script that must never arrive.
        let html = vec![
            el("style", vec![t("p.MsoNormal { margin: 0 }")]),
            el("script", vec![t("alert(1)")]),
            styled(
                "p",
                "margin:0",
                vec![
                    styled("span", "font-family:Calibri;color:red", vec![t("Rapat ")]),
                    styled("span", "font-weight:bold", vec![t("penting")]),
                    el("o:p", vec![t("\u{a0}")]),
                ],
            ),
            styled(
                "p",
                "mso-list:l0 level1 lfo1",
                vec![styled("span", "mso-list:Ignore", vec![t("·\u{a0}\u{a0}")]), t("Satu")],
            ),
            styled(
                "p",
                "mso-list:l0 level1 lfo1",
                vec![styled("span", "mso-list:Ignore", vec![t("·\u{a0}\u{a0}")]), t("Dua")],
            ),
            // Google Docs wraps everything in a bold that is not bold.
            styled(
                "b",
                "font-weight:normal",
                vec![el("p", vec![styled("span", "font-style:italic", vec![t("miring")])])],
            ),
            Node::Element {
                tag: "a".into(),
                attrs: vec![("href".into(), "javascript:alert(2)".into())],
                children: vec![t("jahat")],
            },
        ];
        let md = to_markdown(&from_html(&html));
        assert_eq!(md, "Rapat **penting**\n\n- Satu\n- Dua\n\n*miring*\n\njahat");
    }

    #[test]
    fn typed_characters_stay_text() {
        let blocks = vec![Block::Paragraph(vec![Inline::Text(
            "1. Januari <script>alert(1)</script> *bukan tebal* & [x](y)".into(),
        )])];
        let md = to_markdown(&blocks);
        assert_eq!(
            md,
            "1\\. Januari \\<script\\>alert(1)\\</script\\> \\*bukan tebal\\* \\& \\[x\\](y)"
        );
        let html = to_html(&blocks);
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn white_space_and_empty_formatting_go() {
        let html = vec![el(
            "p",
            vec![
                t("  a  \n b "),
                el("strong", vec![t(" ")]),
                el("strong", vec![el("b", vec![t("c")])]),
                el("br", vec![]),
            ],
        )];
        assert_eq!(
            from_html(&html),
            vec![Block::Paragraph(vec![
                Inline::Text("a b ".into()),
                Inline::Bold(vec![Inline::Text("c".into())])
            ])]
        );
    }

    #[test]
    fn plain_text_pastes_as_paragraphs_and_lines() {
        assert_eq!(
            to_markdown(&from_plain_text("Baris satu\r\nbaris dua\r\n\r\nParagraf dua")),
            "Baris satu\\\nbaris dua\n\nParagraf dua"
        );
    }
}

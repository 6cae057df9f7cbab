//! The text each channel gets (issue 17, point 2): the channel's limits, how its length is counted,
//! and the text made from the material (title, summary, the marker a lost post is found by),
//! fitted to the channel. Pure: the connectors send it, the item page will preview it.

use super::input::Channel;

/// What a channel accepts in one post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Characters, as the channel counts them (`length`).
    pub max_chars: usize,
    /// Hashtags (Instagram: five since December 2025).
    pub max_hashtags: Option<usize>,
    /// Photos in one post (X: four; an Instagram carousel: ten).
    pub max_photos: usize,
}

pub fn limits(channel: Channel) -> Limits {
    let (max_chars, max_hashtags, max_photos) = match channel {
        Channel::X => (280, None, 4),
        Channel::Instagram => (2_200, Some(5), 10),
        Channel::Facebook => (63_206, None, 10),
        Channel::Youtube => (5_000, Some(15), 0),
        Channel::Tiktok => (2_200, None, 35),
        Channel::Whatsapp => (4_096, None, 1),
        Channel::Website => (super::input::ISI_MAX, None, 30),
    };
    Limits {
        max_chars,
        max_hashtags,
        max_photos,
    }
}

/// X counts every link as this many characters, whatever its length.
pub const X_LINK_LENGTH: usize = 23;

fn is_link(word: &str) -> bool {
    word.starts_with("https://") || word.starts_with("http://")
}

/// The text's length as `channel` counts it: characters, a link on X as `X_LINK_LENGTH`.
pub fn length(channel: Channel, text: &str) -> usize {
    if channel != Channel::X {
        return text.chars().count();
    }
    let mut n = 0;
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        n += rest[..at].chars().count();
        let tail = &rest[at..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        if is_link(&tail[..end]) {
            n += X_LINK_LENGTH;
        } else {
            n += tail[..end].chars().count();
        }
        rest = &tail[end..];
    }
    n + rest.chars().count()
}

/// The hashtags in `text`: `#` then a letter or digit, at a word's start.
pub fn hashtags(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let mut c = w.chars();
            c.next() == Some('#') && c.next().is_some_and(char::is_alphanumeric)
        })
        .count()
}

/// What breaks a channel's limits in `text` (empty: it may be posted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Over {
    Length { max: usize, have: usize },
    Hashtags { max: usize, have: usize },
}

pub fn check(channel: Channel, text: &str) -> Vec<Over> {
    let l = limits(channel);
    let mut over = vec![];
    let have = length(channel, text);
    if have > l.max_chars {
        over.push(Over::Length { max: l.max_chars, have });
    }
    if let Some(max) = l.max_hashtags {
        let have = hashtags(text);
        if have > max {
            over.push(Over::Hashtags { max, have });
        }
    }
    over
}

/// `text` cut at a word's end so that it counts at most `max` on `channel`, "…" marking the cut.
pub fn fit(channel: Channel, text: &str, max: usize) -> String {
    let text = text.trim();
    if length(channel, text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_inclusive(char::is_whitespace) {
        let candidate = format!("{out}{word}");
        if length(channel, candidate.trim_end()) + 1 > max {
            break;
        }
        out = candidate;
    }
    let mut out = out.trim_end().to_string();
    if out.is_empty() {
        // One word longer than the whole limit: cut inside it.
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// Drops the hashtags past the channel's limit (their words stay, without `#`).
fn within_hashtags(channel: Channel, text: &str) -> String {
    let Some(max) = limits(channel).max_hashtags else {
        return text.to_string();
    };
    let mut seen = 0;
    text.split_inclusive(char::is_whitespace)
        .map(|w| {
            if w.starts_with('#') && w.chars().nth(1).is_some_and(char::is_alphanumeric) {
                seen += 1;
                if seen > max {
                    return w[1..].to_string();
                }
            }
            w.to_string()
        })
        .collect()
}

/// The post made from the material for `channel`: the title, the summary, and `marker` on its
/// own last line (kept whole), fitted to the channel's limits.
pub fn compose(channel: Channel, title: &str, summary: &str, marker: Option<&str>) -> String {
    let l = limits(channel);
    let body = within_hashtags(channel, &format!("{}\n\n{}", title.trim(), summary.trim()));
    match marker {
        Some(m) => {
            let room = l.max_chars.saturating_sub(length(channel, m) + 2);
            format!("{}\n\n{m}", fit(channel, &body, room))
        }
        None => fit(channel, &body, l.max_chars),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_counts_a_link_as_23_characters() {
        let link = "https://ppid.contoh.go.id/informasi/rapat-koordinasi-ppid-tahun-2026-ab12cd";
        assert_eq!(length(Channel::X, &format!("Baca {link} ya")), 5 + 23 + 3);
        assert_eq!(length(Channel::Facebook, link), link.chars().count());
        assert_eq!(length(Channel::X, "httpd bukan tautan"), 18);
    }

    #[test]
    fn a_post_made_from_long_material_fits_x_and_keeps_its_marker() {
        let summary = "Rapat koordinasi pejabat pengelola informasi dan dokumentasi ".repeat(10);
        let post = compose(Channel::X, "Rapat Koordinasi PPID", &summary, Some("Ref. W-AB12"));
        assert!(length(Channel::X, &post) <= 280, "{}", length(Channel::X, &post));
        assert!(post.ends_with("\n\nRef. W-AB12"));
        assert!(post.contains('…'));
        assert!(post.starts_with("Rapat Koordinasi PPID\n\n"));
        assert!(check(Channel::X, &post).is_empty());
    }

    #[test]
    fn instagram_takes_at_most_five_hashtags() {
        let tags = "#ppid #kip #informasi #publik #kota #warta #lagi";
        assert_eq!(hashtags(tags), 7);
        assert_eq!(
            check(Channel::Instagram, tags),
            vec![Over::Hashtags { max: 5, have: 7 }]
        );
        let post = compose(Channel::Instagram, "Judul", tags, None);
        assert_eq!(hashtags(&post), 5);
        assert!(post.contains(" warta"));
        // A "#" alone, or inside a word, is not a hashtag.
        assert_eq!(hashtags("nomor # 5 dan a#b"), 0);
    }

    #[test]
    fn a_short_post_is_left_as_written() {
        assert_eq!(
            compose(Channel::Facebook, " Judul ", "Ringkasan.", Some("Ref. W-1")),
            "Judul\n\nRingkasan.\n\nRef. W-1"
        );
        assert_eq!(fit(Channel::X, &"a".repeat(300), 10).chars().count(), 10);
    }
}

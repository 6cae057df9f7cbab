//! The text each channel gets (issue 17, point 2): the channel's limits, how its length is counted,
//! and the text made from the material (title, summary, the marker a lost post is found by),
//! fitted to the channel. Pure: the connectors send it, the page of channel texts shows it.

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

/// The form field (and refused field) of `channel`'s own text.
pub fn field(channel: Channel) -> String {
    format!("text_{}", channel.id())
}

/// Whether the material gets a text of its own on `channel` (the website gets the material
/// itself: title, summary and body).
pub fn has_own_text(channel: Channel) -> bool {
    channel != Channel::Website
}

/// Whether the post on `channel` ends with the item's marker: the channels whose lost answers
/// are looked up by it (Facebook, Instagram). X is looked up by the whole text; the other
/// channels are posted by hand or answer by their own key.
pub fn carries_marker(channel: Channel) -> bool {
    matches!(channel, Channel::Facebook | Channel::Instagram)
}

/// The text posted on `channel`: the staff member's own text when there is one (kept as
/// written), else one made from the material; with `marker` on its last line where the channel
/// carries it.
pub fn post_text(channel: Channel, own: Option<&str>, title: &str, summary: &str, marker: &str) -> String {
    let marker = carries_marker(channel).then_some(marker);
    match (own.map(str::trim).filter(|t| !t.is_empty()), marker) {
        (Some(own), Some(m)) => format!("{own}\n\n{m}"),
        (Some(own), None) => own.to_string(),
        (None, m) => compose(channel, title, summary, m),
    }
}

/// A staff member's own text for `channel`, checked against the channel's limits as it will be
/// posted (with the marker where the channel carries it): the text trimmed, or the first limit
/// it breaks as the field's problem.
pub fn own_text(channel: Channel, text: &str, marker: &str) -> Result<String, super::Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(super::Problem::Required);
    }
    let posted = post_text(channel, Some(text), "", "", marker);
    match check(channel, &posted).into_iter().next() {
        None => Ok(text.to_string()),
        Some(Over::Length { max, .. }) => Err(super::Problem::PostTooLong {
            channel,
            max: max - (length(channel, &posted) - length(channel, text)),
        }),
        Some(Over::Hashtags { max, .. }) => Err(super::Problem::TooManyHashtags { channel, max }),
    }
}

/// A text on its channel as the page shows it while it is typed: its length as the channel counts
/// it (and its hashtags where limited), the limit it breaks, and the post as it will be sent (with
/// the marker where the channel carries it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shown {
    pub count: String,
    pub over: Option<String>,
    pub posted: String,
}

pub fn shown(channel: Channel, text: &str, marker: &str) -> Shown {
    let limits = limits(channel);
    let posted = post_text(channel, Some(text), "", "", marker);
    Shown {
        count: crate::text::channel_text_count(
            length(channel, &posted),
            limits.max_chars,
            limits.max_hashtags.map(|max| (hashtags(text), max)),
        ),
        over: if text.trim().is_empty() {
            None
        } else {
            own_text(channel, text, marker)
                .err()
                .map(|p| crate::text::problem(&field(channel), &p))
        },
        posted,
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

    #[test]
    fn an_own_text_is_posted_as_written_with_the_marker_where_the_channel_carries_it() {
        let t = post_text(
            Channel::Instagram,
            Some(" Foto kegiatan #ppid "),
            "Judul",
            "R",
            "Ref. W-1",
        );
        assert_eq!(t, "Foto kegiatan #ppid\n\nRef. W-1");
        assert_eq!(
            post_text(Channel::X, Some("Teks X"), "Judul", "R", "Ref. W-1"),
            "Teks X"
        );
        // No own text: made from the material.
        assert_eq!(
            post_text(Channel::X, Some("  "), "Judul", "R", "Ref. W-1"),
            "Judul\n\nR"
        );
    }

    #[test]
    fn an_own_text_over_the_channels_limits_is_refused_with_the_room_it_has() {
        assert_eq!(own_text(Channel::X, &"a".repeat(280), "Ref. W-1"), Ok("a".repeat(280)));
        assert_eq!(
            own_text(Channel::X, &"a".repeat(281), "Ref. W-1"),
            Err(super::super::Problem::PostTooLong {
                channel: Channel::X,
                max: 280
            })
        );
        // Instagram keeps room for the marker: "Ref. W-1" and the blank line before it.
        assert_eq!(
            own_text(Channel::Instagram, &"a".repeat(2_200 - 10), "Ref. W-1").map(|t| t.len()),
            Ok(2_190)
        );
        assert_eq!(
            own_text(Channel::Instagram, &"a".repeat(2_200 - 9), "Ref. W-1"),
            Err(super::super::Problem::PostTooLong {
                channel: Channel::Instagram,
                max: 2_190
            })
        );
        assert_eq!(
            own_text(Channel::Instagram, "#a #b #c #d #e #f", "Ref. W-1"),
            Err(super::super::Problem::TooManyHashtags {
                channel: Channel::Instagram,
                max: 5
            })
        );
        assert_eq!(
            own_text(Channel::Facebook, " \n ", "Ref. W-1"),
            Err(super::super::Problem::Required)
        );
    }
}

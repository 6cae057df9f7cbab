//! Forms posted as plain HTML, before (or without) the page's script: each carries this browser's
//! token in a hidden field, and the post is taken only when it matches the token in the browser's
//! cookie (double submit). A page of another site can neither read the cookie nor guess the
//! token; the origin check that every state-changing request passes comes first
//! (`server::security::same_origin`). Over https the cookie is `__Host-` prefixed, so a sibling
//! subdomain cannot plant its own.

use leptos::prelude::use_context;

/// The cookie holding the token: `__Host-` needs `Secure`, so only over https.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-warta_form"
    } else {
        "warta_form"
    }
}

/// The hidden field carrying the token.
pub const FIELD: &str = "token";

/// One browser's form token: 32 random bytes, hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormToken(String);

impl FormToken {
    pub fn fresh() -> FormToken {
        let bytes: [u8; 32] = rand::random();
        FormToken(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// A token as the cookie carries it; anything else is no token.
    pub fn parse(raw: &str) -> Option<FormToken> {
        let raw = raw.trim();
        (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())).then(|| FormToken(raw.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Does the token a form carried match this one? (Every byte compared, whatever differs.)
    pub fn matches(&self, sent: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), sent.trim().as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Where a refused plain draft save of item `id` waits in the session for the next showing.
pub fn refused_draft_key(id: &str) -> String {
    format!("draf_ditolak:{id}")
}

/// Where a refused plain post of a channel's text waits for the next showing of the texts page.
pub fn refused_text_key(id: &str) -> String {
    format!("teks_ditolak:{id}")
}

/// Where a refused plain settings form waits for the next showing of the settings page.
pub const REFUSED_SETTINGS_KEY: &str = "pengaturan_ditolak";
/// The same for one year's holidays.
pub const REFUSED_HOLIDAYS_KEY: &str = "libur_ditolak";

/// The token of the request being rendered, for the hidden field of a form drawn on the server.
pub fn current() -> String {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<FormToken>().map(|t| t.0.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_matches_only_itself() {
        let t = FormToken::fresh();
        assert!(t.matches(t.as_str()));
        assert!(!t.matches(FormToken::fresh().as_str()));
        assert!(!t.matches(""));
        assert!(!t.matches(&t.as_str()[..63]));
        assert_eq!(FormToken::parse(t.as_str()), Some(t.clone()));
        assert_eq!(FormToken::parse("xyz"), None);
        assert_eq!(FormToken::parse(&"g".repeat(64)), None);
    }
}

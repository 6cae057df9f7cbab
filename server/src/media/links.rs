//! Signed links to a photo's channel copy, for the channels that fetch photos from Warta rather
//! than receive them (the Graph API takes an image's URL; a webhook's receiver fetches them too):
//! `GET /kanal/foto/{media}/{variant}?exp=…&sig=…`. The signature (HMAC-SHA256 under a key
//! derived from `WARTA_SECRET_KEY`) names the photo, the variant and the link's end, so a link
//! opens that photo only, for `LINK_SECS`, whatever the item's visibility: the channel is
//! publishing it. Anything else is answered as not found.

use app::server::secrets::SecretKey;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a link opens its photo: longer than a channel takes to fetch it (Instagram fetches
/// when the container is made), short enough that a link copied out of a log soon says nothing.
pub const LINK_SECS: i64 = 3 * 3600;

/// Which copy a link gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// The web copy (at most 1600 px on the long side).
    Web,
    /// The web copy cut to Instagram's ratios (4:5 to 1.91:1).
    Instagram,
}

impl Variant {
    pub fn id(self) -> &'static str {
        match self {
            Variant::Web => "web",
            Variant::Instagram => "instagram",
        }
    }
    pub fn parse(id: &str) -> Option<Variant> {
        [Variant::Web, Variant::Instagram].into_iter().find(|v| v.id() == id)
    }
}

/// Makes and checks the links (one per server, from the public address and the secret key).
#[derive(Clone)]
pub struct PhotoLinks {
    base: String,
    key: [u8; 32],
}

impl std::fmt::Debug for PhotoLinks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhotoLinks({})", self.base)
    }
}

impl PhotoLinks {
    pub fn new(public_url: &str, secret: &SecretKey) -> PhotoLinks {
        PhotoLinks {
            base: public_url.trim_end_matches('/').to_string(),
            key: secret.subkey("warta photo links v1"),
        }
    }

    fn mac(&self, media: &str, variant: Variant, exp: i64) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("any key length");
        mac.update(format!("{media}\n{}\n{exp}", variant.id()).as_bytes());
        mac
    }

    /// The link to `media`'s `variant`, open until `LINK_SECS` after `now`.
    pub fn link(&self, media: &str, variant: Variant, now: DateTime<Utc>) -> String {
        let exp = now.timestamp() + LINK_SECS;
        let sig = hex::encode(self.mac(media, variant, exp).finalize().into_bytes());
        format!("{}/kanal/foto/{media}/{}?exp={exp}&sig={sig}", self.base, variant.id())
    }

    /// Does `sig` open `media`'s `variant` at `now` (made by this office's key, not yet ended)?
    pub fn opens(&self, media: &str, variant: Variant, exp: i64, sig: &str, now: DateTime<Utc>) -> bool {
        let Ok(sig) = hex::decode(sig) else {
            return false;
        };
        exp >= now.timestamp() && self.mac(media, variant, exp).verify_slice(&sig).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn parts(link: &str) -> (i64, String) {
        let url = url::Url::parse(link).unwrap();
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        (q["exp"].parse().unwrap(), q["sig"].clone())
    }

    #[test]
    fn a_link_opens_its_photo_and_variant_until_it_ends() {
        let links = PhotoLinks::new("https://ppid.contoh.go.id/", &SecretKey::random());
        let now = Utc::now();
        let link = links.link("m1", Variant::Instagram, now);
        assert!(link.starts_with("https://ppid.contoh.go.id/kanal/foto/m1/instagram?exp="));
        let (exp, sig) = parts(&link);
        assert!(links.opens("m1", Variant::Instagram, exp, &sig, now));
        assert!(!links.opens("m2", Variant::Instagram, exp, &sig, now), "another photo");
        assert!(!links.opens("m1", Variant::Web, exp, &sig, now), "another variant");
        assert!(
            !links.opens("m1", Variant::Instagram, exp + 3600, &sig, now),
            "a longer life"
        );
        let later = now + Duration::seconds(LINK_SECS + 1);
        assert!(!links.opens("m1", Variant::Instagram, exp, &sig, later), "ended");
        let other = PhotoLinks::new("https://ppid.contoh.go.id", &SecretKey::random());
        assert!(
            !other.opens("m1", Variant::Instagram, exp, &sig, now),
            "another office's key"
        );
        assert!(!links.opens("m1", Variant::Instagram, exp, "zz", now));
    }
}

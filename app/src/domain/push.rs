//! Push notifications on a person's devices: which notifications are pushed, what a push may
//! show on a locked screen, and which subscriptions the server accepts. Pure rules.

use super::notice::NoticeKind;
use super::problem::{FieldError, Problem};

/// Pushed to the devices: material reached the person's desk, came back with a reason, or was
/// published. (A cancellation or an exemption waits in the bell.)
pub fn pushes(kind: NoticeKind) -> bool {
    matches!(
        kind,
        NoticeKind::Incoming | NoticeKind::Returned | NoticeKind::Published
    )
}

/// The kind of a push job that is no item's notification: a channel refused its credential and
/// needs reconnecting (the job's `item` names the channel, its `note` the channel's reason).
pub const CHANNEL_RECONNECT: &str = "channel_reconnect";

/// Where a push about a channel's trouble opens: the channels' page for whoever reconnects them,
/// the dashboard (its "Saluran yang perlu perhatian") for the others told.
pub fn channel_trouble_page(roles: super::RoleSet) -> &'static str {
    if super::access::may_connect_channels(roles) {
        "/admin/saluran"
    } else {
        "/"
    }
}

/// A push is shown on the device's screen, locked or not: a confidential item's title stays off it.
pub fn shows_title(confidential: bool) -> bool {
    !confidential
}

/// The push services of the browsers staff use (Chrome and Edge on Android and desktops, Firefox,
/// Safari). The server sends only to these: a subscription is an address the server will post to,
/// and it must not be one inside the office's network.
const SERVICES: &[&str] = &[
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    "notify.windows.com",
    "push.apple.com",
];

fn known_service(host: &str) -> bool {
    SERVICES
        .iter()
        .any(|s| host == *s || host.strip_suffix(s).is_some_and(|rest| rest.ends_with('.')))
}

/// Base64url (no padding) of exactly `len` bytes.
fn base64url_of(value: &str, len: usize) -> bool {
    value.len() == (len * 4).div_ceil(3)
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A subscription the server may keep: an https address at a known push service (or exactly
/// one of `also`, the origins an installation adds, such as a test's receiver), and the
/// browser's keys in their form (a P-256 public key, uncompressed; a 16-byte secret).
pub fn check_subscription(endpoint: &str, p256dh: &str, auth: &str, also: &[String]) -> Result<(), FieldError> {
    let url = url::Url::parse(endpoint).ok();
    let origin = url.as_ref().map(|u| u.origin().ascii_serialization());
    let allowed = url.as_ref().is_some_and(|u| {
        u.scheme() == "https"
            && u.username().is_empty()
            && u.password().is_none()
            && u.host_str().is_some_and(known_service)
    }) || origin.is_some_and(|o| also.iter().any(|a| a.trim_end_matches('/') == o));
    if endpoint.len() > 1024 || !allowed {
        return Err(FieldError::new("endpoint", Problem::PushServiceUnknown));
    }
    if !base64url_of(p256dh, 65) || !base64url_of(auth, 16) {
        return Err(FieldError::new("keys", Problem::PushKeysInvalid));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const P256DH: &str = "BGa4N1PI79lboMR_YrwCiCsgp35DRvedt7opHcf0yM3iOBTSoQYqQLwWxAfRKE6tsDnReWmhsImkhDF_DBdkNSU";
    const AUTH: &str = "EvcWjEgzr4rbvhfi3yds0A";

    #[test]
    fn only_desk_returns_and_publication_are_pushed() {
        let pushed: Vec<_> = NoticeKind::ALL.into_iter().filter(|k| pushes(*k)).collect();
        assert_eq!(
            pushed,
            vec![NoticeKind::Incoming, NoticeKind::Returned, NoticeKind::Published]
        );
        assert!(!shows_title(true) && shows_title(false));
    }

    #[test]
    fn subscriptions_go_only_to_known_push_services() {
        for ok in [
            "https://fcm.googleapis.com/fcm/send/abc:APA91b",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
            "https://wns2-bl2p.notify.windows.com/w/?token=x",
            "https://web.push.apple.com/QGuQyavXutnMH",
        ] {
            assert_eq!(check_subscription(ok, P256DH, AUTH, &[]), Ok(()), "{ok}");
        }
        for bad in [
            "http://fcm.googleapis.com/fcm/send/x",
            "https://10.0.0.5/push",
            "https://localhost/push",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilfcm.googleapis.com/x",
            "https://user:pw@fcm.googleapis.com/x",
            "http://127.0.0.1:9/push",
            "bukan alamat",
        ] {
            assert_eq!(
                check_subscription(bad, P256DH, AUTH, &[]).map_err(|e| e.problem),
                Err(Problem::PushServiceUnknown),
                "{bad}"
            );
        }
        let test_receiver = vec!["http://127.0.0.1:4567".to_string()];
        assert_eq!(
            check_subscription("http://127.0.0.1:4567/p/1", P256DH, AUTH, &test_receiver),
            Ok(())
        );
        assert!(check_subscription("http://127.0.0.1:4568/p/1", P256DH, AUTH, &test_receiver).is_err());
    }

    #[test]
    fn the_keys_must_be_the_browser_s() {
        let ep = "https://fcm.googleapis.com/fcm/send/x";
        for (p, a) in [
            (&P256DH[1..], AUTH),
            (P256DH, "kurang"),
            (P256DH, "EvcWjEgzr4rbvhfi3yds0A+="),
            ("", ""),
        ] {
            assert_eq!(
                check_subscription(ep, p, a, &[]).map_err(|e| e.problem),
                Err(Problem::PushKeysInvalid),
                "{p} {a}"
            );
        }
    }
}

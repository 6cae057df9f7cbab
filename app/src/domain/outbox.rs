//! Publishing through the outbox (issue 17): when the Sekretaris orders publication, every target
//! channel gets a task. A channel with a working connection is published by the server; any other
//! waits for the staff member to post by hand and paste the link. Pure: the states a task goes
//! through, how a failure is judged, and when to try again.

use super::input::Channel;
use chrono::{DateTime, Duration, Utc};

/// Where one channel's publication of an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskState {
    /// Waiting for the time the Sekretaris picked ("Jadwalkan tayang").
    Scheduled,
    /// Due: the server publishes it at its next turn (also after a temporary failure, at the
    /// time its backoff says).
    Queued,
    /// The attempt was recorded and the call made; its answer is not in yet (or was lost).
    Sending,
    /// Posted: the channel's link is recorded on the item.
    Done,
    /// The answer of a call was lost and the channel cannot say whether the post exists: a person
    /// looks and confirms (pastes the link) or retries.
    Uncertain,
    /// A permanent refusal, or the temporary ones went on past the limit: a person retries or
    /// posts by hand.
    Failed,
    /// The channel's connection needs reconnecting (expired or revoked token): every task of the
    /// channel waits for the administrator.
    Stopped,
    /// Posted by hand: the staff member posts and pastes the link.
    Manual,
    /// The item was cancelled before this channel published it.
    Cancelled,
}

impl TaskState {
    pub const ALL: [TaskState; 9] = [
        TaskState::Scheduled,
        TaskState::Queued,
        TaskState::Sending,
        TaskState::Done,
        TaskState::Uncertain,
        TaskState::Failed,
        TaskState::Stopped,
        TaskState::Manual,
        TaskState::Cancelled,
    ];

    pub fn id(self) -> &'static str {
        match self {
            TaskState::Scheduled => "scheduled",
            TaskState::Queued => "queued",
            TaskState::Sending => "sending",
            TaskState::Done => "done",
            TaskState::Uncertain => "uncertain",
            TaskState::Failed => "failed",
            TaskState::Stopped => "stopped",
            TaskState::Manual => "manual",
            TaskState::Cancelled => "cancelled",
        }
    }

    pub fn parse(id: &str) -> Option<TaskState> {
        TaskState::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Does it need a person (retry, confirm, post by hand)?
    pub fn needs_person(self) -> bool {
        matches!(
            self,
            TaskState::Uncertain | TaskState::Failed | TaskState::Stopped | TaskState::Manual
        )
    }

    /// May a person send it to the server again ("Coba lagi")?
    pub fn may_retry(self) -> bool {
        matches!(self, TaskState::Uncertain | TaskState::Failed)
    }

    /// May a person take it over by hand ("Tayangkan manual") or paste its link?
    pub fn may_post_by_hand(self) -> bool {
        !matches!(self, TaskState::Done | TaskState::Cancelled | TaskState::Sending)
    }
}

/// Channels no API reaches: always posted by hand, with the text and photos ready to share.
/// (WhatsApp channels have no posting API; YouTube and TikTok are manual and assisted here.)
pub fn always_manual(channel: Channel) -> bool {
    matches!(channel, Channel::Whatsapp | Channel::Youtube | Channel::Tiktok)
}

/// The API a channel's connection speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectorKind {
    /// The office's WordPress site (REST API, an application password): the website channel.
    WordPress,
    /// A Facebook Page (Graph API, a Page access token): photos uploaded unpublished, then one
    /// feed post with them attached.
    Facebook,
    /// An Instagram professional account (Graph API): a container per photo (a carousel for
    /// several), its status checked, then published.
    Instagram,
    /// X (API v2, an OAuth 2.0 user token): photos to the media upload, then the post.
    X,
    /// A JSON POST signed with HMAC-SHA256 to an address the administrator sets, for another
    /// system to publish (any channel).
    Webhook,
}

impl ConnectorKind {
    pub const ALL: [ConnectorKind; 5] = [
        ConnectorKind::WordPress,
        ConnectorKind::Facebook,
        ConnectorKind::Instagram,
        ConnectorKind::X,
        ConnectorKind::Webhook,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ConnectorKind::WordPress => "wordpress",
            ConnectorKind::Facebook => "facebook",
            ConnectorKind::Instagram => "instagram",
            ConnectorKind::X => "x",
            ConnectorKind::Webhook => "webhook",
        }
    }

    /// Its name as the provider spells it (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            ConnectorKind::WordPress => "WordPress",
            ConnectorKind::Facebook => "Facebook Graph API",
            ConnectorKind::Instagram => "Instagram Graph API",
            ConnectorKind::X => "X API",
            ConnectorKind::Webhook => "Webhook (HMAC-SHA256)",
        }
    }

    pub fn parse(id: &str) -> Option<ConnectorKind> {
        ConnectorKind::ALL.into_iter().find(|k| k.id() == id.trim())
    }

    /// May it serve `channel`?
    pub fn serves(self, channel: Channel) -> bool {
        match self {
            ConnectorKind::WordPress => channel == Channel::Website,
            ConnectorKind::Facebook => channel == Channel::Facebook,
            ConnectorKind::Instagram => channel == Channel::Instagram,
            ConnectorKind::X => channel == Channel::X,
            ConnectorKind::Webhook => !always_manual(channel),
        }
    }

    /// The provider's address when the administrator leaves it empty (WordPress and a webhook
    /// have none: the office's own).
    pub fn default_endpoint(self) -> Option<&'static str> {
        match self {
            ConnectorKind::Facebook | ConnectorKind::Instagram => Some("https://graph.facebook.com"),
            ConnectorKind::X => Some("https://api.x.com"),
            ConnectorKind::WordPress | ConnectorKind::Webhook => None,
        }
    }

    /// The API version used when the connection names none. Configuration, not code: the
    /// administrator sets a newer one on the connection when the provider moves on.
    pub fn default_api_version(self) -> &'static str {
        match self {
            ConnectorKind::WordPress => "v2",
            ConnectorKind::Facebook | ConnectorKind::Instagram => "v23.0",
            ConnectorKind::X => "2",
            ConnectorKind::Webhook => "1",
        }
    }

    /// Does the connection need the account field (WordPress: the user; Facebook: the Page's
    /// id; Instagram: the account's id)?
    pub fn needs_account(self) -> bool {
        matches!(
            self,
            ConnectorKind::WordPress | ConnectorKind::Facebook | ConnectorKind::Instagram
        )
    }

    /// Does the channel fetch the photos from Warta's public address (the Graph API takes an
    /// image's URL), rather than receiving their bytes?
    pub fn fetches_photos(self) -> bool {
        matches!(
            self,
            ConnectorKind::Facebook | ConnectorKind::Instagram | ConnectorKind::Webhook
        )
    }
}

/// The line that marks a post as this item's on channels looked up by their text (the Graph
/// API has no slug): "Ref. W-…", the item's key.
pub fn marker(item_key: &str) -> String {
    let key: String = item_key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_uppercase)
        .collect();
    format!("Ref. W-{key}")
}

/// A channel's connection as the administrator saves it (checked).
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub channel: Channel,
    pub kind: ConnectorKind,
    /// The site or endpoint (WordPress: the site's address).
    pub endpoint: String,
    /// The account the credential belongs to (WordPress: the user name).
    pub account: String,
    /// In clear here; sealed before it is stored, never shown again.
    pub credential: String,
    /// WordPress: the category posts go to (0: the site's default).
    pub category: i64,
    /// The provider's API version (configuration, not code).
    pub api_version: String,
    /// When the token ends, if it does (the administrator is warned two weeks ahead).
    pub expires_at: Option<DateTime<Utc>>,
}

/// The connection form, as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConnectionForm {
    pub channel: String,
    pub kind: String,
    pub endpoint: String,
    pub account: String,
    pub credential: String,
    pub category: String,
    pub api_version: String,
    /// `YYYY-MM-DD`, or empty.
    pub expires_on: String,
}

/// Is `host` this computer (where plain http carries nothing over a network)?
fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => *d == "localhost",
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

impl ConnectionForm {
    pub fn parse(&self, zone: super::time::OfficeZone) -> Result<Connection, super::problem::FieldError> {
        use super::problem::{FieldError, Problem};
        let channel = Channel::parse(&self.channel).ok_or_else(|| FieldError::new("channel", Problem::Choose))?;
        let kind = ConnectorKind::parse(&self.kind)
            .filter(|k| k.serves(channel))
            .ok_or_else(|| FieldError::new("kind", Problem::Choose))?;
        let endpoint = match (self.endpoint.trim(), kind.default_endpoint()) {
            ("", Some(default)) => default.to_string(),
            (given, _) => given.trim_end_matches('/').to_string(),
        };
        let url = url::Url::parse(&endpoint)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| FieldError::new("endpoint", Problem::LinkInvalid { channel }))?;
        if url.scheme() == "http" && !url.host().is_some_and(|h| is_loopback(&h)) {
            return Err(FieldError::new("endpoint", Problem::HttpsRequired));
        }
        let account = self.account.trim().to_string();
        if account.is_empty() && kind.needs_account() {
            return Err(FieldError::new("account", Problem::Required));
        }
        if account.chars().count() > 200 {
            return Err(FieldError::new("account", Problem::TooLong { max: 200 }));
        }
        let credential = self.credential.trim().to_string();
        if credential.is_empty() {
            return Err(FieldError::new("credential", Problem::Required));
        }
        if credential.chars().count() > 2_000 {
            return Err(FieldError::new("credential", Problem::TooLong { max: 2_000 }));
        }
        let category = match self.category.trim() {
            "" => 0,
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=1_000_000_000).contains(n))
                .ok_or_else(|| {
                    FieldError::new(
                        "category",
                        Problem::OutOfRange {
                            min: 0,
                            max: 1_000_000_000,
                        },
                    )
                })?,
        };
        let api_version = self.api_version.trim().to_string();
        if api_version.len() > 12 || !api_version.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return Err(FieldError::new("api_version", Problem::Choose));
        }
        let expires_at = match self.expires_on.trim() {
            "" => None,
            raw => {
                let day = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| FieldError::new("expires_on", Problem::BadDate))?;
                let end = day
                    .and_hms_opt(23, 59, 0)
                    .and_then(|t| t.and_local_timezone(zone.offset()).single())
                    .ok_or_else(|| FieldError::new("expires_on", Problem::BadDate))?;
                Some(end.with_timezone(&Utc))
            }
        };
        Ok(Connection {
            channel,
            kind,
            endpoint,
            account,
            credential,
            category,
            api_version,
            expires_at,
        })
    }
}

/// Why a call did not post, as the connector judged the channel's answer. `reason` is the
/// channel's own words (shown to the staff member with the Indonesian sentence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Worth trying again: a rate limit, a 5xx, no connection. `retry_after` is the channel's
    /// own wait, in seconds, when it said one.
    Temporary { reason: String, retry_after: Option<u64> },
    /// Trying again changes nothing: bad media, a refused text, a duplicate.
    Permanent { reason: String },
    /// The token expired or was revoked: the channel stops until the administrator reconnects it.
    Reconnect { reason: String },
}

impl Failure {
    pub fn reason(&self) -> &str {
        match self {
            Failure::Temporary { reason, .. } | Failure::Permanent { reason } | Failure::Reconnect { reason } => reason,
        }
    }
}

/// Attempts a task gets before it fails for a person to decide.
pub const MAX_ATTEMPTS: i64 = 5;

/// How long an attempt may go unanswered before it counts as lost (the server stopped, the
/// answer never came). Longer than any call's own timeout, so a call still under way is never
/// taken for a lost one.
pub const ATTEMPT_LOST_AFTER_SECS: i64 = 120;

/// The wait before attempt `attempts + 1` after a temporary failure: one minute, then four times
/// longer each time, at most an hour; never shorter than the channel asked.
pub fn retry_delay(attempts: i64, retry_after: Option<u64>) -> Duration {
    let exp = attempts.clamp(1, 6) - 1;
    let ours = (60i64 * 4i64.pow(exp as u32)).min(3600);
    let theirs = retry_after.map(|s| s.min(24 * 3600) as i64).unwrap_or(0);
    Duration::seconds(ours.max(theirs))
}

/// What follows a failed attempt (`attempts` counts it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    /// Queued again, due at this time.
    Retry(DateTime<Utc>),
    /// Failed: a person retries or posts by hand.
    Fail,
    /// The channel stops: its connection needs reconnecting.
    Stop,
}

pub fn after_failure(attempts: i64, failure: &Failure, now: DateTime<Utc>) -> AfterFailure {
    match failure {
        Failure::Reconnect { .. } => AfterFailure::Stop,
        Failure::Permanent { .. } => AfterFailure::Fail,
        Failure::Temporary { .. } if attempts >= MAX_ATTEMPTS => AfterFailure::Fail,
        Failure::Temporary { retry_after, .. } => AfterFailure::Retry(now + retry_delay(attempts, *retry_after)),
    }
}

/// The state of a new task: by hand, or by the server now or at the time picked.
pub fn first_state(channel: Channel, connected: bool, scheduled: bool) -> TaskState {
    if always_manual(channel) || !connected {
        TaskState::Manual
    } else if scheduled {
        TaskState::Scheduled
    } else {
        TaskState::Queued
    }
}

/// The furthest ahead a publication may be scheduled.
pub const SCHEDULE_MAX_DAYS: i64 = 366;

/// "Jadwalkan tayang": the date and time the Sekretaris picked (`YYYY-MM-DDTHH:MM`, the office's
/// time, as a `datetime-local` field sends it), to come and within a year.
pub fn parse_schedule(
    raw: &str,
    zone: super::time::OfficeZone,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, super::problem::FieldError> {
    use super::problem::{FieldError, Problem};
    let refused = || FieldError::new("at", Problem::ScheduleInvalid);
    let local = chrono::NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| refused())?;
    let at = local
        .and_local_timezone(zone.offset())
        .single()
        .ok_or_else(refused)?
        .with_timezone(&Utc);
    if at <= now || at > now + Duration::days(SCHEDULE_MAX_DAYS) {
        return Err(refused());
    }
    Ok(at)
}

/// Days before a token's end that the administrator is warned.
pub const EXPIRY_WARNING_DAYS: i64 = 14;

/// How a connection's token stands, from its end date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenHealth {
    Fine,
    /// Ends within two weeks: the administrator renews it.
    Expiring,
    Expired,
}

pub fn token_health(expires: Option<DateTime<Utc>>, now: DateTime<Utc>) -> TokenHealth {
    match expires {
        Some(end) if end <= now => TokenHealth::Expired,
        Some(end) if end - now <= Duration::days(EXPIRY_WARNING_DAYS) => TokenHealth::Expiring,
        _ => TokenHealth::Fine,
    }
}

/// The address part of a post: the same for every attempt, so a lost answer is looked up by it
/// (WordPress's slug). Lower-case letters and digits of the title, then the item's key.
pub fn post_slug(title: &str, item_key: &str) -> String {
    let mut words = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            words.push(c);
        } else if !words.ends_with('-') && !words.is_empty() {
            words.push('-');
        }
        if words.len() >= 60 {
            break;
        }
    }
    let words = words.trim_matches('-');
    let key: String = item_key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect();
    if words.is_empty() {
        format!("warta-{key}")
    } else {
        format!("{words}-{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0).unwrap()
    }

    fn temporary(after: Option<u64>) -> Failure {
        Failure::Temporary {
            reason: "503".into(),
            retry_after: after,
        }
    }

    #[test]
    fn temporary_failures_back_off_and_stop_at_the_limit() {
        let mut due = vec![];
        for attempts in 1..MAX_ATTEMPTS {
            match after_failure(attempts, &temporary(None), now()) {
                AfterFailure::Retry(at) => due.push((at - now()).num_seconds()),
                other => panic!("attempt {attempts}: {other:?}"),
            }
        }
        assert_eq!(due, vec![60, 240, 960, 3600]);
        assert_eq!(after_failure(MAX_ATTEMPTS, &temporary(None), now()), AfterFailure::Fail);
    }

    #[test]
    fn a_rate_limit_waits_as_long_as_the_channel_asks() {
        assert_eq!(
            after_failure(1, &temporary(Some(900)), now()),
            AfterFailure::Retry(now() + Duration::seconds(900))
        );
    }

    #[test]
    fn permanent_failures_are_not_retried_and_expired_tokens_stop_the_channel() {
        let bad = Failure::Permanent {
            reason: "bad media".into(),
        };
        assert_eq!(after_failure(1, &bad, now()), AfterFailure::Fail);
        let gone = Failure::Reconnect {
            reason: "token expired".into(),
        };
        assert_eq!(after_failure(1, &gone, now()), AfterFailure::Stop);
    }

    #[test]
    fn channels_without_an_api_or_a_connection_are_posted_by_hand() {
        assert_eq!(first_state(Channel::Whatsapp, true, false), TaskState::Manual);
        assert_eq!(first_state(Channel::Website, false, false), TaskState::Manual);
        assert_eq!(first_state(Channel::Website, true, false), TaskState::Queued);
        assert_eq!(first_state(Channel::Website, true, true), TaskState::Scheduled);
    }

    #[test]
    fn an_expiring_token_warns_two_weeks_ahead() {
        assert_eq!(token_health(None, now()), TokenHealth::Fine);
        assert_eq!(token_health(Some(now() + Duration::days(15)), now()), TokenHealth::Fine);
        assert_eq!(
            token_health(Some(now() + Duration::days(14)), now()),
            TokenHealth::Expiring
        );
        assert_eq!(token_health(Some(now()), now()), TokenHealth::Expired);
    }

    #[test]
    fn the_slug_is_stable_and_safe() {
        assert_eq!(
            post_slug("Rapat Koordinasi PPID: Tahun 2026!", "ab12Cd"),
            "rapat-koordinasi-ppid-tahun-2026-ab12cd"
        );
        assert_eq!(post_slug("!!!", "k1"), "warta-k1");
        assert!(post_slug(&"panjang ".repeat(40), "k").len() < 80);
    }

    #[test]
    fn a_schedule_is_the_offices_time_to_come() {
        use crate::domain::time::OfficeZone;
        // 10.00 WIB is 03.00 UTC.
        let at = parse_schedule("2026-12-02T10:00", OfficeZone::Wib, now()).unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap());
        // Now (10.00 WIB on the 1st) or before is refused; so are a year and more, and nonsense.
        assert!(parse_schedule("2026-12-01T10:00", OfficeZone::Wib, now()).is_err());
        assert!(parse_schedule("2028-01-01T10:00", OfficeZone::Wib, now()).is_err());
        assert!(parse_schedule("besok pagi", OfficeZone::Wib, now()).is_err());
    }

    fn wordpress(endpoint: &str) -> ConnectionForm {
        ConnectionForm {
            channel: "website".into(),
            kind: "wordpress".into(),
            endpoint: endpoint.into(),
            account: "warta".into(),
            credential: "abcd efgh ijkl mnop".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_connection_sends_its_credential_over_https_only() {
        use crate::domain::time::OfficeZone;
        let ok = wordpress("https://web.contoh.go.id/").parse(OfficeZone::Wib).unwrap();
        assert_eq!(ok.endpoint, "https://web.contoh.go.id");
        assert!(wordpress("http://127.0.0.1:8080").parse(OfficeZone::Wib).is_ok());
        let plain = wordpress("http://web.contoh.go.id").parse(OfficeZone::Wib).unwrap_err();
        assert_eq!(plain.problem, crate::domain::Problem::HttpsRequired);
        assert!(wordpress("ftp://web.contoh.go.id").parse(OfficeZone::Wib).is_err());
        // WordPress publishes the website only; a credential is always needed.
        let mut instagram = wordpress("https://web.contoh.go.id");
        instagram.channel = "instagram".into();
        assert_eq!(instagram.parse(OfficeZone::Wib).unwrap_err().field, "kind");
        let mut empty = wordpress("https://web.contoh.go.id");
        empty.credential = "  ".into();
        assert_eq!(empty.parse(OfficeZone::Wib).unwrap_err().field, "credential");
    }

    #[test]
    fn task_states_are_read_back_by_id() {
        for s in TaskState::ALL {
            assert_eq!(TaskState::parse(s.id()), Some(s));
        }
    }
}

//! How failed logins slow down further tries: per account and per client address, within a
//! window. The first few failures cost nothing; after that each try must wait longer after the
//! last failure; an account with too many failures is locked until the Administrator lifts it.

use chrono::{DateTime, Duration, Utc};

/// Failures older than this no longer count.
pub const WINDOW_MINUTES: i64 = 15;
/// Failures in the window that cost no waiting.
pub const FREE_FAILURES: usize = 5;
/// Failures of one account in the window after which it is locked.
pub const LOCK_AFTER: usize = 10;
/// The longest wait between two tries.
pub const MAX_WAIT_SECONDS: i64 = 300;

/// What a login attempt may do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Open,
    /// Try again after this many seconds.
    Wait(i64),
    /// Locked: only the Administrator can lift it.
    Locked,
}

/// The wait after `n` failures in the window: none up to [`FREE_FAILURES`], then 2, 4, 8 … seconds.
pub fn wait_after(n: usize) -> i64 {
    if n < FREE_FAILURES {
        return 0;
    }
    let doublings = (n - FREE_FAILURES + 1).min(16) as u32;
    2_i64.pow(doublings).min(MAX_WAIT_SECONDS)
}

/// The gate for one source of failures (an account, or a client address): the times of its
/// failures within the window.
fn gate_of(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Gate {
    let recent: Vec<&DateTime<Utc>> = failures
        .iter()
        .filter(|t| **t > now - Duration::minutes(WINDOW_MINUTES))
        .collect();
    let Some(last) = recent.iter().max() else {
        return Gate::Open;
    };
    let ready = **last + Duration::seconds(wait_after(recent.len()));
    if ready > now {
        Gate::Wait((ready - now).num_seconds().max(1))
    } else {
        Gate::Open
    }
}

/// May someone try to log in to `account` from `address` now? `locked`: the account's lock
/// (set when it reached [`LOCK_AFTER`] failures). An unknown account name is treated alike, so
/// the answer never tells whether an account exists.
pub fn gate(account: &[DateTime<Utc>], address: &[DateTime<Utc>], locked: bool, now: DateTime<Utc>) -> Gate {
    let in_window = account
        .iter()
        .filter(|t| **t > now - Duration::minutes(WINDOW_MINUTES))
        .count();
    if locked || in_window >= LOCK_AFTER {
        return Gate::Locked;
    }
    match (gate_of(account, now), gate_of(address, now)) {
        (Gate::Wait(a), Gate::Wait(b)) => Gate::Wait(a.max(b)),
        (Gate::Wait(a), _) | (_, Gate::Wait(a)) => Gate::Wait(a),
        _ => Gate::Open,
    }
}

/// The longest page address a sign-in returns to.
pub const NEXT_MAX: usize = 512;

/// Where a sign-in returns to: a page of this site (`/…`), never another site (`//host`,
/// `/\host`, `https://…`), never the login page itself, nothing with control characters; else none.
pub fn return_to(next: &str) -> Option<&str> {
    let page = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= NEXT_MAX
        && !next.chars().any(|c| c.is_control() || c == '\\')
        && next != "/login"
        && !next.starts_with("/login?");
    page.then_some(next)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_sign_in_returns_only_to_a_page_of_this_site() {
        assert_eq!(return_to("/materi/abc?x=1"), Some("/materi/abc?x=1"));
        assert_eq!(return_to("/"), Some("/"));
        for elsewhere in [
            "",
            "materi",
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "/login",
            "/login?lanjut=/",
            "/materi\n",
            "/a\\b",
        ] {
            assert_eq!(return_to(elsewhere), None, "{elsewhere:?}");
        }
        assert_eq!(return_to(&format!("/{}", "a".repeat(NEXT_MAX))), None);
    }

    use super::*;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000 + s, 0).unwrap()
    }

    #[test]
    fn five_failures_are_free_then_each_try_waits_longer() {
        assert_eq!((0..5).map(wait_after).collect::<Vec<_>>(), vec![0, 0, 0, 0, 0]);
        assert_eq!(wait_after(5), 2);
        assert_eq!(wait_after(6), 4);
        assert_eq!(wait_after(9), 32);
        assert_eq!(wait_after(40), MAX_WAIT_SECONDS);
        let four: Vec<_> = (0..4).map(at).collect();
        assert_eq!(gate(&four, &[], false, at(4)), Gate::Open);
        let five: Vec<_> = (0..5).map(at).collect();
        assert_eq!(gate(&five, &[], false, at(4)), Gate::Wait(2));
        assert_eq!(gate(&five, &[], false, at(6)), Gate::Open);
        // From one address across many accounts, too.
        assert_eq!(gate(&[], &five, false, at(5)), Gate::Wait(1));
    }

    #[test]
    fn ten_failures_lock_the_account_and_old_failures_expire() {
        let ten: Vec<_> = (0..10).map(|i| at(i * 60)).collect();
        assert_eq!(gate(&ten, &[], false, at(600)), Gate::Locked);
        assert_eq!(gate(&[], &[], true, at(0)), Gate::Locked);
        // Sixteen minutes later the failures are out of the window.
        assert_eq!(gate(&ten, &[], false, at(9 * 60 + 16 * 60)), Gate::Open);
    }
}

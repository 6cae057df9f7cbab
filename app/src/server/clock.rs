//! The server's clock. Debug builds (which the browser tests run) may be set ahead with
//! `WARTA_TEST_CLOCK_SKEW_HOURS`, so that a test can see an item become late without waiting
//! for working hours to pass. Release builds ignore it: their clock is the system's.

use chrono::{DateTime, Duration, Utc};
use std::sync::OnceLock;

fn skew() -> Duration {
    static SKEW: OnceLock<Duration> = OnceLock::new();
    *SKEW.get_or_init(|| {
        if !cfg!(debug_assertions) {
            return Duration::zero();
        }
        let hours = std::env::var("WARTA_TEST_CLOCK_SKEW_HOURS")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(0);
        if hours != 0 {
            tracing::warn!(hours, "test clock: the server's time runs ahead of the system's");
        }
        Duration::hours(hours)
    })
}

pub fn now() -> DateTime<Utc> {
    Utc::now() + skew()
}

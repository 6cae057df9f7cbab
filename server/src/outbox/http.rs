//! A channel's HTTP answer judged the same way for every connector: what was made, a temporary
//! failure (rate limit, 5xx: tried again later), a permanent one (bad media, a refused text),
//! a refused credential (the channel stops until reconnected), or an answer lost on the way
//! (the request may have been carried out: looked up before anything is sent again).

use super::connector::NotPosted;
use app::domain::outbox::Failure;
use reqwest::StatusCode;
use serde_json::Value;

/// The channel's own words in an error answer: WordPress's `message`, the Graph API's
/// `error.message`, X's `detail` or `title`, else the status.
fn reason_of(channel: &str, status: StatusCode, body: &Value) -> String {
    let said = body["message"]
        .as_str()
        .or_else(|| body["error"]["message"].as_str())
        .or_else(|| body["detail"].as_str())
        .or_else(|| body["title"].as_str())
        .or_else(|| body["error"].as_str());
    match said {
        Some(text) => format!(
            "{channel} ({}): {}",
            status.as_u16(),
            text.chars().take(300).collect::<String>()
        ),
        None => format!(
            "{channel} ({}): {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("no answer text")
        ),
    }
}

/// The seconds a rate-limited answer asks to wait (`Retry-After` in seconds).
fn retry_after(res: &reqwest::Response) -> Option<u64> {
    res.headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// A channel's answer: its JSON when it made what was asked, else why not.
pub async fn judge(res: reqwest::Response, channel: &str) -> Result<Value, NotPosted> {
    let status = res.status();
    let wait = retry_after(&res);
    let bytes = match res.bytes().await {
        Ok(b) => b,
        // The answer was cut off: whatever was asked may have been done.
        Err(e) if status.is_success() => return Err(NotPosted::AnswerLost(format!("{channel}: {e}"))),
        Err(_) => Default::default(),
    };
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(body);
    }
    let reason = reason_of(channel, status, &body);
    Err(NotPosted::Failed(match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Failure::Reconnect { reason },
        StatusCode::TOO_MANY_REQUESTS | StatusCode::REQUEST_TIMEOUT => Failure::Temporary {
            reason,
            retry_after: wait,
        },
        s if s.is_server_error() => Failure::Temporary {
            reason,
            retry_after: wait,
        },
        _ => Failure::Permanent { reason },
    }))
}

/// A request that got no answer: nothing was sent (no connection: tried again later), or the
/// answer was lost after it was sent.
pub fn lost_or_failed(e: reqwest::Error) -> NotPosted {
    if e.is_connect() {
        NotPosted::Failed(Failure::Temporary {
            reason: format!("tidak tersambung ke saluran: {e}"),
            retry_after: None,
        })
    } else if e.is_builder() {
        NotPosted::Failed(Failure::Permanent { reason: e.to_string() })
    } else {
        NotPosted::AnswerLost(e.to_string())
    }
}

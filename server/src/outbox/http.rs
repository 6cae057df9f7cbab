//! A channel's HTTP answer, read and judged the same way for every connector: what was made, a
//! temporary failure (rate limit, 5xx: tried again later), a permanent one (bad media, a refused
//! text, a duplicate), a refused credential (the channel stops until reconnected), or an answer
//! lost on the way (the request may have been carried out: looked up before anything is sent
//! again). Providers whose errors say more than their status (the Graph API's codes, X's 403s)
//! judge the `Answer` themselves.

use super::connector::NotPosted;
use app::domain::outbox::Failure;
use reqwest::StatusCode;
use serde_json::Value;

/// A channel's answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    /// The seconds a rate-limited answer asks to wait (`Retry-After`, or X's
    /// `x-rate-limit-reset`).
    pub retry_after: Option<u64>,
    pub body: Value,
}

/// The seconds to wait a rate-limited answer names: `Retry-After` in seconds, the epoch second
/// its limit resets at (X's `x-rate-limit-reset`), or the minutes until access is regained (the
/// Graph API's `x-business-use-case-usage`).
fn retry_after(res: &reqwest::Response) -> Option<u64> {
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<i64>().ok())
    };
    if let Some(secs) = header("retry-after") {
        return u64::try_from(secs).ok();
    }
    if let Some(at) = header("x-rate-limit-reset") {
        return Some((at - chrono::Utc::now().timestamp()).max(0) as u64);
    }
    let usage: Value = res
        .headers()
        .get("x-business-use-case-usage")
        .and_then(|v| serde_json::from_slice(v.as_bytes()).ok())?;
    usage
        .as_object()?
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|u| u["estimated_time_to_regain_access"].as_u64())
        .max()
        .filter(|m| *m > 0)
        .map(|minutes| minutes * 60)
}

/// Reads the answer whole. A success whose body was cut off lost its answer: whatever was asked
/// may have been done.
pub async fn read(res: reqwest::Response, channel: &str) -> Result<Answer, NotPosted> {
    let status = res.status();
    let wait = retry_after(&res);
    let bytes = match res.bytes().await {
        Ok(b) => b,
        Err(e) if status.is_success() => return Err(NotPosted::AnswerLost(format!("{channel}: {e}"))),
        Err(_) => Default::default(),
    };
    Ok(Answer {
        status,
        retry_after: wait,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    })
}

/// The channel's own words in an error answer: WordPress's `message`, the Graph API's
/// `error.message`, X's `detail`, `title` or `errors[0].message`, else the status.
pub fn reason_of(channel: &str, answer: &Answer) -> String {
    let body = &answer.body;
    let said = body["message"]
        .as_str()
        .or_else(|| body["error"]["message"].as_str())
        .or_else(|| body["detail"].as_str())
        .or_else(|| body["errors"][0]["message"].as_str())
        .or_else(|| body["title"].as_str())
        .or_else(|| body["error"].as_str());
    let status = answer.status;
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

/// A failure judged by the status alone: 401/403 need reconnecting, 408/429/5xx are temporary,
/// any other refusal is permanent.
pub fn failure_by_status(answer: &Answer, reason: String) -> Failure {
    match answer.status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Failure::Reconnect { reason },
        StatusCode::TOO_MANY_REQUESTS | StatusCode::REQUEST_TIMEOUT => Failure::Temporary {
            reason,
            retry_after: answer.retry_after,
        },
        s if s.is_server_error() => Failure::Temporary {
            reason,
            retry_after: answer.retry_after,
        },
        _ => Failure::Permanent { reason },
    }
}

/// A channel's answer judged by its status: its JSON when it made what was asked, else why not.
pub async fn judge(res: reqwest::Response, channel: &str) -> Result<Value, NotPosted> {
    let answer = read(res, channel).await?;
    if answer.status.is_success() {
        return Ok(answer.body);
    }
    let reason = reason_of(channel, &answer);
    Err(NotPosted::Failed(failure_by_status(&answer, reason)))
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

/// A call's failure as a connection check reports it (a lost answer: try again later).
pub fn as_failure(e: NotPosted) -> Failure {
    match e {
        NotPosted::Failed(f) => f,
        NotPosted::AnswerLost(reason) => Failure::Temporary {
            reason,
            retry_after: None,
        },
    }
}

/// A lookup's failure, as the lookup reports it: the channel cannot tell.
pub fn cannot_tell(e: NotPosted) -> super::connector::Lookup {
    super::connector::Lookup::CannotTell(match e {
        NotPosted::Failed(f) => f.reason().to_string(),
        NotPosted::AnswerLost(r) => r,
    })
}

/// A JSON body (reqwest's `json` feature is not built: serde_json is).
pub trait JsonBody {
    fn json_body(self, v: &Value) -> Self;
}

impl JsonBody for reqwest::RequestBuilder {
    fn json_body(self, v: &Value) -> Self {
        self.header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(v.to_string())
    }
}

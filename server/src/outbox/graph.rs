//! What the Facebook Page and Instagram connectors share: Meta's Graph API at the connection's
//! version (`{endpoint}/{version}/…`, the token as a bearer header, never in an address), and its
//! errors judged by their documented codes rather than the HTTP status, which says little there:
//!
//! - 190 (token expired or revoked), 102 (session), 10 and 200–299 (a permission withdrawn): the
//!   channel needs reconnecting;
//! - 4, 17, 32, 613 and 80001–80014 (rate limits), 1, 2 and any `is_transient` answer: temporary,
//!   after the wait `X-Business-Use-Case-Usage` names when it does;
//! - anything else (506 duplicate post, 324 or 36003 bad media, 100 a bad parameter): permanent,
//!   with the channel's own words.

use super::connector::NotPosted;
use super::http::{lost_or_failed, read, reason_of, Answer};
use app::domain::outbox::Failure;
use serde_json::Value;

/// The Graph API of one connection.
/// How many of the latest posts a lookup reads (a lost answer is looked up within minutes).
const LOOKUP_POSTS: &str = "25";

pub struct Graph {
    http: reqwest::Client,
    /// `{endpoint}/{version}`.
    base: String,
    token: String,
    /// The channel's name in reasons ("Facebook", "Instagram").
    label: &'static str,
}

impl Graph {
    pub fn new(http: reqwest::Client, endpoint: &str, version: &str, token: &str, label: &'static str) -> Graph {
        Graph {
            http,
            base: format!("{}/{}", endpoint.trim_end_matches('/'), version.trim()),
            token: token.to_string(),
            label,
        }
    }

    pub fn label(&self) -> &'static str {
        self.label
    }

    /// GET `path` (with `query`).
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, NotPosted> {
        let req = self
            .http
            .get(format!("{}/{path}", self.base))
            .query(query)
            .bearer_auth(&self.token);
        self.call(req).await
    }

    /// The newest of an edge's latest posts whose `text_field` carries `marker` (how a lost answer
    /// is looked up: a post is found by the item's marker at the end of its text).
    pub async fn find_marked(
        &self,
        edge: &str,
        fields: &str,
        text_field: &str,
        marker: &str,
    ) -> Result<Option<Value>, NotPosted> {
        let recent = self.get(edge, &[("fields", fields), ("limit", LOOKUP_POSTS)]).await?;
        Ok(recent["data"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p[text_field].as_str().is_some_and(|t| t.contains(marker)))
            .cloned())
    }

    /// POST `path` with a form body (as the Graph API documents its writes).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Result<Value, NotPosted> {
        let req = self
            .http
            .post(format!("{}/{path}", self.base))
            .form(form)
            .bearer_auth(&self.token);
        self.call(req).await
    }

    async fn call(&self, req: reqwest::RequestBuilder) -> Result<Value, NotPosted> {
        let res = req.send().await.map_err(lost_or_failed)?;
        let answer = read(res, self.label).await?;
        if answer.status.is_success() && answer.body.get("error").is_none() {
            return Ok(answer.body);
        }
        Err(NotPosted::Failed(judge(self.label, &answer)))
    }

    /// The id in an answer that made something.
    pub fn id_of(&self, v: &Value, what: &str) -> Result<String, NotPosted> {
        v["id"].as_str().map(str::to_string).ok_or_else(|| {
            NotPosted::Failed(Failure::Permanent {
                reason: format!("{} menjawab tanpa id {what}", self.label),
            })
        })
    }
}

/// A Graph API error answer judged by its code.
pub fn judge(label: &str, answer: &Answer) -> Failure {
    let error = &answer.body["error"];
    let code = error["code"].as_i64().unwrap_or(0);
    let subcode = error["error_subcode"].as_i64();
    let transient = error["is_transient"].as_bool().unwrap_or(false);
    let mut reason = reason_of(label, answer);
    if code != 0 {
        reason = match subcode {
            Some(sub) => format!("{reason} [code {code}/{sub}]"),
            None => format!("{reason} [code {code}]"),
        };
    }
    match code {
        190 | 102 | 10 | 200..=299 => Failure::Reconnect { reason },
        4 | 17 | 32 | 613 | 80001..=80014 => Failure::Temporary {
            reason,
            retry_after: answer.retry_after,
        },
        1 | 2 => Failure::Temporary {
            reason,
            retry_after: None,
        },
        _ if transient || answer.status.is_server_error() => Failure::Temporary {
            reason,
            retry_after: None,
        },
        0 => super::http::failure_by_status(answer, reason),
        _ => Failure::Permanent { reason },
    }
}

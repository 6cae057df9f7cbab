//! X (API v2, an OAuth 2.0 user token with `tweet.write` and `media.write`): each photo uploaded
//! whole (`POST /2/media/upload`, base64 in JSON, `tweet_image`) with its alt text
//! (`/2/media/metadata`), then the post (`POST /2/tweets`) with their ids. X's errors: 401 needs
//! reconnecting; 429 waits until `x-rate-limit-reset`; a 403 is a refusal of this post (a
//! duplicate, a forbidden text), not of the token; 5xx is temporary. An answer lost on the way is
//! looked up in the account's latest posts by the post's text.

use super::connector::{Connector, Lookup, NotPosted, Notebook, Post, Posted};
use super::http::{as_failure, cannot_tell, failure_by_status, lost_or_failed, read, reason_of, JsonBody};
use app::domain::outbox::Failure;
use app::domain::Channel;
use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub struct X {
    http: reqwest::Client,
    /// `{endpoint}/{version}`: `https://api.x.com/2`.
    api: String,
    token: String,
    /// The account's handle, for the post's address (`x.com/{handle}/status/{id}`).
    handle: String,
}

/// The longest alt text X keeps.
const ALT_MAX: usize = 1_000;

impl X {
    pub fn new(http: reqwest::Client, endpoint: &str, version: &str, handle: &str, token: &str) -> X {
        X {
            http,
            api: format!("{}/{}", endpoint.trim_end_matches('/'), version.trim()),
            token: token.to_string(),
            handle: handle.trim().trim_start_matches('@').to_string(),
        }
    }

    async fn call(&self, req: reqwest::RequestBuilder) -> Result<Value, NotPosted> {
        let res = req.bearer_auth(&self.token).send().await.map_err(lost_or_failed)?;
        let answer = read(res, "X").await?;
        if answer.status.is_success() {
            return Ok(answer.body);
        }
        let reason = reason_of("X", &answer);
        Err(NotPosted::Failed(match answer.status {
            // A refusal of this post (a duplicate, a text X does not allow): the token is fine.
            StatusCode::FORBIDDEN => Failure::Permanent { reason },
            _ => failure_by_status(&answer, reason),
        }))
    }

    fn address(&self, id: &str) -> String {
        if self.handle.is_empty() {
            format!("https://x.com/i/web/status/{id}")
        } else {
            format!("https://x.com/{}/status/{id}", self.handle)
        }
    }

    fn id_in(v: &Value, what: &str) -> Result<String, NotPosted> {
        v["data"]["id"].as_str().map(str::to_string).ok_or_else(|| {
            NotPosted::Failed(Failure::Permanent {
                reason: format!("X menjawab tanpa id {what}"),
            })
        })
    }
}

#[async_trait::async_trait]
impl Connector for X {
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted> {
        let mut ids = vec![];
        for photo in post.photos_for(Channel::X) {
            if let Some(known) = post.task.media_remote.get(&photo.media) {
                ids.push(known.clone());
                continue;
            }
            let body = json!({
                "media": base64::engine::general_purpose::STANDARD.encode(&photo.jpeg),
                "media_category": "tweet_image",
                "media_type": "image/jpeg",
            });
            let made = self
                .call(self.http.post(format!("{}/media/upload", self.api)).json_body(&body))
                .await?;
            let id = X::id_in(&made, "media")?;
            if !photo.alt.trim().is_empty() {
                let alt: String = photo.alt.chars().take(ALT_MAX).collect();
                let meta = json!({ "id": id, "metadata": { "alt_text": { "text": alt } } });
                self.call(self.http.post(format!("{}/media/metadata", self.api)).json_body(&meta))
                    .await?;
            }
            notes.photo_uploaded(&photo.media, &id).await;
            ids.push(id);
        }
        let mut body = json!({ "text": post.text(Channel::X) });
        if !ids.is_empty() {
            body["media"] = json!({ "media_ids": ids });
        }
        let made = self
            .call(self.http.post(format!("{}/tweets", self.api)).json_body(&body))
            .await?;
        let id = X::id_in(&made, "unggahan")?;
        notes.post_created(&id).await;
        Ok(Posted {
            url: self.address(&id),
            remote_id: id,
        })
    }

    async fn look_up(&self, post: &Post) -> Lookup {
        let me = match self.call(self.http.get(format!("{}/users/me", self.api))).await {
            Ok(me) => me,
            Err(e) => return cannot_tell(e),
        };
        let Some(user) = me["data"]["id"].as_str() else {
            return Lookup::CannotTell("X menjawab tanpa id akun".into());
        };
        let latest = match self
            .call(
                self.http
                    .get(format!("{}/users/{user}/tweets", self.api))
                    .query(&[("max_results", "20")]),
            )
            .await
        {
            Ok(v) => v,
            Err(e) => return cannot_tell(e),
        };
        // X shortens links in a post's text: compare what comes before the first one.
        let text = post.text(Channel::X);
        let head: String = text.split("http").next().unwrap_or("").trim().to_string();
        if head.chars().count() < 10 {
            return Lookup::CannotTell("X: teks unggahan terlalu pendek untuk dicari".into());
        }
        let found = latest["data"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["text"].as_str().is_some_and(|t| t.trim().starts_with(&head)));
        match found.and_then(|t| t["id"].as_str()) {
            Some(id) => Lookup::Found(Posted {
                remote_id: id.to_string(),
                url: self.address(id),
            }),
            None => Lookup::Absent,
        }
    }

    async fn check(&self) -> Result<String, Failure> {
        self.call(self.http.get(format!("{}/users/me", self.api)))
            .await
            .map(|me| {
                me["data"]["username"]
                    .as_str()
                    .map(|u| format!("@{u}"))
                    .unwrap_or_else(|| "X".into())
            })
            .map_err(as_failure)
    }
}

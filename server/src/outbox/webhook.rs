//! A signed webhook: another system publishes (an office's own CMS, a messaging gateway). The
//! contract, also in the README:
//!
//! - **Publish**: `POST {endpoint}` with a JSON body (`version`, `delivery`, `item`, `channel`,
//!   `title`, `summary`, `body_html`, `text`, `unit`, `kip_category`, `photos` with each photo's
//!   signed `url`, `alt` and `caption`). Headers: `X-Warta-Delivery` (the same on every attempt
//!   of a task), `X-Warta-Timestamp` (Unix seconds) and `X-Warta-Signature`: `sha256=` and the
//!   hex HMAC-SHA256, under the connection's secret, of `{timestamp}.{body}`. The receiver checks
//!   the signature and the timestamp (five minutes), and answers 2xx with `{"id": …, "url": …}`.
//! - **Look up** (an answer lost on the way): `GET {endpoint}?delivery={delivery}`, signed over
//!   `{timestamp}.{delivery}`: 200 with `{"id", "url"}` when the receiver has that delivery's
//!   post, 404 when it has not.
//! - Errors by status: 401/403 stop the channel until the secret is saved again; 408/429 (with
//!   `Retry-After`) and 5xx are tried again; any other refusal is permanent, with the receiver's
//!   `message`.

use super::connector::{Connector, Lookup, NotPosted, Notebook, Post, Posted};
use super::http::{as_failure, judge, lost_or_failed, JsonBody};
use app::domain::outbox::Failure;
use app::domain::Channel;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

pub struct Webhook {
    http: reqwest::Client,
    endpoint: String,
    secret: String,
    channel: Channel,
}

/// `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{payload}` under `secret`.
pub fn signature(secret: &str, timestamp: i64, payload: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

impl Webhook {
    pub fn new(http: reqwest::Client, endpoint: &str, secret: &str, channel: Channel) -> Webhook {
        Webhook {
            http,
            endpoint: endpoint.to_string(),
            secret: secret.to_string(),
            channel,
        }
    }

    fn signed(&self, req: reqwest::RequestBuilder, delivery: &str, payload: &[u8]) -> reqwest::RequestBuilder {
        let now = chrono::Utc::now().timestamp();
        req.header("x-warta-delivery", delivery)
            .header("x-warta-timestamp", now.to_string())
            .header("x-warta-signature", signature(&self.secret, now, payload))
    }

    fn posted(v: &Value) -> Option<Posted> {
        let url = v["url"]
            .as_str()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))?;
        Some(Posted {
            remote_id: v["id"].as_str().map(str::to_string).unwrap_or_else(|| url.to_string()),
            url: url.to_string(),
        })
    }

    async fn find(&self, delivery: &str) -> Result<reqwest::Response, NotPosted> {
        let req = self.http.get(&self.endpoint).query(&[("delivery", delivery)]);
        self.signed(req, delivery, delivery.as_bytes())
            .send()
            .await
            .map_err(lost_or_failed)
    }
}

#[async_trait::async_trait]
impl Connector for Webhook {
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted> {
        let c = &post.content;
        let photos: Vec<Value> = post
            .photos_for(self.channel)
            .iter()
            .map(|p| json!({ "url": p.url, "alt": p.alt, "caption": p.caption }))
            .collect();
        let body = json!({
            "version": "1",
            "delivery": post.slug(),
            "item": post.task.item,
            "channel": self.channel.id(),
            "title": c.title,
            "summary": c.summary,
            "body_html": c.body_html,
            "text": post.text(self.channel),
            "unit": c.unit,
            "kip_category": c.kip.id(),
            "photos": photos,
        });
        let payload = body.to_string();
        let req = self.http.post(&self.endpoint).json_body(&body);
        let res = self
            .signed(req, post.slug(), payload.as_bytes())
            .send()
            .await
            .map_err(lost_or_failed)?;
        let answer = judge(res, "Webhook").await?;
        let done = Webhook::posted(&answer).ok_or_else(|| {
            NotPosted::Failed(Failure::Permanent {
                reason: "Webhook menjawab tanpa alamat (url) unggahan".into(),
            })
        })?;
        notes.post_created(&done.remote_id).await;
        Ok(done)
    }

    async fn look_up(&self, post: &Post) -> Lookup {
        let res = match self.find(post.slug()).await {
            Ok(res) => res,
            Err(e) => return super::http::cannot_tell(e),
        };
        if res.status() == reqwest::StatusCode::NOT_FOUND {
            return Lookup::Absent;
        }
        match judge(res, "Webhook").await {
            Ok(v) => match Webhook::posted(&v) {
                Some(p) => Lookup::Found(p),
                None => Lookup::CannotTell("Webhook menjawab pencarian tanpa alamat (url) unggahan".into()),
            },
            Err(e) => super::http::cannot_tell(e),
        }
    }

    async fn check(&self) -> Result<String, Failure> {
        let res = self.find("uji-sambungan").await.map_err(as_failure)?;
        if res.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(self.endpoint.clone());
        }
        judge(res, "Webhook")
            .await
            .map(|_| self.endpoint.clone())
            .map_err(as_failure)
    }
}

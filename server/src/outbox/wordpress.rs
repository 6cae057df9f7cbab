//! WordPress (REST API, an application password): the photos to `/wp/v2/media`, then one post
//! with its featured image, the other photos in its body, its category and tags; the post's
//! address is its link. Every photo and the post carry the task's slug, so an answer lost on the
//! way is looked up by it (`look_up`) and never posted twice.

use super::connector::{Connector, Lookup, NotPosted, Notebook, PhotoFile, Post, Posted};
use super::http::{as_failure, cannot_tell, judge, lost_or_failed, JsonBody};
use app::domain::outbox::Failure;
use reqwest::header;
use serde_json::{json, Value};

pub struct WordPress {
    http: reqwest::Client,
    /// `…/wp-json/wp/v2` (the version is the connection's, `v2` unless set).
    api: String,
    user: String,
    password: String,
    category: i64,
}

impl WordPress {
    pub fn new(
        http: reqwest::Client,
        site: &str,
        api_version: &str,
        user: &str,
        password: &str,
        category: i64,
    ) -> Self {
        let version = if api_version.trim().is_empty() {
            "v2"
        } else {
            api_version.trim()
        };
        WordPress {
            http,
            api: format!("{}/wp-json/wp/{version}", site.trim_end_matches('/')),
            user: user.to_string(),
            password: password.to_string(),
            category,
        }
    }

    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .get(format!("{}{path}", self.api))
            .basic_auth(&self.user, Some(&self.password))
    }

    fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.api))
            .basic_auth(&self.user, Some(&self.password))
    }

    /// A request whose failure to be answered means nothing was made (reads, and writes that are
    /// looked up by slug before they are made again).
    async fn call(&self, req: reqwest::RequestBuilder) -> Result<Value, NotPosted> {
        let res = req.send().await.map_err(lost_or_failed)?;
        judge(res, "WordPress").await
    }

    /// The item of a collection with `slug` (posts or media), any status.
    async fn find(&self, collection: &str, slug: &str) -> Result<Option<Value>, NotPosted> {
        let status = if collection == "posts" {
            "&status=publish,future,draft,pending,private"
        } else {
            ""
        };
        let found = self
            .call(self.get(&format!("/{collection}?slug={slug}&context=edit{status}")))
            .await?;
        Ok(found.as_array().and_then(|a| a.first()).cloned())
    }

    /// A photo on the site: found by its slug (an upload whose answer was lost), else uploaded.
    async fn photo(&self, photo: &PhotoFile, slug: &str) -> Result<(i64, String), NotPosted> {
        let media = match self.find("media", slug).await? {
            Some(found) => found,
            None => {
                let req = self
                    .post("/media")
                    .query(&[
                        ("slug", slug),
                        ("title", photo.caption.as_str()),
                        ("alt_text", photo.alt.as_str()),
                        ("caption", photo.caption.as_str()),
                    ])
                    .header(header::CONTENT_TYPE, "image/jpeg")
                    .header(
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{slug}.jpg\""),
                    )
                    .body(photo.jpeg.clone());
                self.call(req).await?
            }
        };
        let id = media["id"].as_i64().ok_or_else(|| malformed("media"))?;
        let url = media["source_url"].as_str().unwrap_or_default().to_string();
        Ok((id, url))
    }

    /// The id of tag `name`, made when the site has none.
    async fn tag(&self, name: &str) -> Result<i64, NotPosted> {
        let res = self
            .post("/tags")
            .json_body(&json!({ "name": name }))
            .send()
            .await
            .map_err(lost_or_failed)?;
        if res.status() == reqwest::StatusCode::BAD_REQUEST {
            // "term_exists": the answer names the tag there is.
            let body: Value = serde_json::from_slice(&res.bytes().await.unwrap_or_default()).unwrap_or_default();
            if let Some(id) = body["data"]["term_id"].as_i64() {
                return Ok(id);
            }
            let reason = body["message"].as_str().unwrap_or("tag ditolak").to_string();
            return Err(NotPosted::Failed(Failure::Permanent { reason }));
        }
        judge(res, "WordPress").await?["id"]
            .as_i64()
            .ok_or_else(|| malformed("tag"))
    }
}

fn malformed(what: &str) -> NotPosted {
    NotPosted::Failed(Failure::Permanent {
        reason: format!("WordPress menjawab tanpa id {what}"),
    })
}

fn posted(post: &Value) -> Option<Posted> {
    Some(Posted {
        remote_id: post["id"].as_i64()?.to_string(),
        url: post["link"].as_str()?.to_string(),
    })
}

/// Text for HTML: what a caption or alt text holds is never markup.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[async_trait::async_trait]
impl Connector for WordPress {
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted> {
        // The photos, each once: those the task already holds on the site are not sent again.
        let mut uploaded = Vec::with_capacity(post.photos.len());
        for (i, photo) in post.photos.iter().enumerate() {
            let (id, url) = match post.task.media_remote.get(&photo.media) {
                Some(known) => {
                    let found = self.call(self.get(&format!("/media/{known}?context=edit"))).await?;
                    (
                        found["id"].as_i64().ok_or_else(|| malformed("media"))?,
                        found["source_url"].as_str().unwrap_or_default().to_string(),
                    )
                }
                None => {
                    let (id, url) = self.photo(photo, &post.photo_slug(i)).await?;
                    notes.photo_uploaded(&photo.media, &id.to_string()).await;
                    (id, url)
                }
            };
            uploaded.push((id, url, photo));
        }
        let mut tags = vec![];
        for name in [post.content.unit.as_str(), post.content.kip.label()] {
            if !name.trim().is_empty() {
                tags.push(self.tag(name.trim()).await?);
            }
        }
        // The other photos follow the body, each with its alt text and caption.
        let mut content = post.content.body_html.clone();
        for (_, url, photo) in uploaded.iter().skip(1) {
            content.push_str(&format!(
                "\n<figure class=\"wp-block-image\"><img src=\"{}\" alt=\"{}\"/><figcaption>{}</figcaption></figure>",
                escape(url),
                escape(&photo.alt),
                escape(&photo.caption)
            ));
        }
        let mut body = json!({
            "title": post.content.title,
            "content": content,
            "excerpt": post.content.summary,
            "status": "publish",
            "slug": post.slug(),
            "tags": tags,
        });
        if let Some((featured, _, _)) = uploaded.first() {
            body["featured_media"] = json!(featured);
        }
        if self.category > 0 {
            body["categories"] = json!([self.category]);
        }
        let created = self.call(self.post("/posts").json_body(&body)).await?;
        let done = posted(&created).ok_or_else(|| malformed("unggahan"))?;
        notes.post_created(&done.remote_id).await;
        Ok(done)
    }

    async fn look_up(&self, post: &Post) -> Lookup {
        match self.find("posts", post.slug()).await {
            Ok(Some(found)) => match posted(&found) {
                Some(p) => Lookup::Found(p),
                None => Lookup::CannotTell("WordPress menjawab tanpa id atau tautan unggahan".into()),
            },
            Ok(None) => Lookup::Absent,
            Err(e) => cannot_tell(e),
        }
    }

    async fn check(&self) -> Result<String, Failure> {
        match self.call(self.get("/users/me?context=edit")).await {
            Ok(me) => Ok(me["name"].as_str().unwrap_or(&self.user).to_string()),
            Err(e) => Err(as_failure(e)),
        }
    }
}

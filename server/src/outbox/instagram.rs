//! An Instagram professional account (Graph API): Instagram fetches each photo from its signed
//! link, cut to its ratios (4:5 to 1.91:1). One photo is one container with the caption; several
//! are a carousel (a container per photo, `is_carousel_item`, then the carousel's container with
//! the caption). The container's `status_code` is checked until `FINISHED`, then it is published
//! (`media_publish`); the post's address is its `permalink`. Every container's id is kept as soon
//! as it is made, so a retry publishes the same container instead of making another; one that
//! `EXPIRED` (after 24 hours) is made again. An answer lost on the way is looked up in the
//! account's recent posts by the caption's marker.

use super::connector::{Connector, Lookup, NotPosted, Notebook, PhotoFile, Post, Posted};
use super::graph::Graph;
use super::http::{as_failure, cannot_tell};
use app::domain::outbox::Failure;
use app::domain::Channel;
use std::time::Duration;

/// The key the carousel's own container is kept under among the task's remote ids.
pub const CAROUSEL: &str = "carousel";

pub struct Instagram {
    graph: Graph,
    account: String,
    /// How long to wait between status checks, and how many checks before trying later.
    poll: Duration,
    polls: u32,
}

fn permanent(reason: impl Into<String>) -> NotPosted {
    NotPosted::Failed(Failure::Permanent { reason: reason.into() })
}

impl Instagram {
    pub fn new(http: reqwest::Client, endpoint: &str, version: &str, account: &str, token: &str) -> Instagram {
        Instagram {
            graph: Graph::new(http, endpoint, version, token, "Instagram"),
            account: account.trim().to_string(),
            poll: Duration::from_secs(3),
            polls: 10,
        }
    }

    /// Checks a container's status more or less often (tests).
    pub fn with_polling(mut self, every: Duration, times: u32) -> Instagram {
        self.poll = every;
        self.polls = times;
        self
    }

    /// The container's status (`FINISHED`, `IN_PROGRESS`, `ERROR`, `EXPIRED`, `PUBLISHED`).
    async fn status(&self, container: &str) -> Result<String, NotPosted> {
        let v = self.graph.get(container, &[("fields", "status_code,status")]).await?;
        Ok(v["status_code"].as_str().unwrap_or("").to_string())
    }

    /// A container kept from an earlier attempt, if it can still be published.
    async fn reusable(&self, known: Option<&String>) -> Result<Option<String>, NotPosted> {
        let Some(id) = known else { return Ok(None) };
        Ok(match self.status(id).await?.as_str() {
            "EXPIRED" | "ERROR" => None,
            _ => Some(id.clone()),
        })
    }

    async fn make(&self, form: &[(&str, &str)]) -> Result<String, NotPosted> {
        let made = self.graph.post(&format!("{}/media", self.account), form).await?;
        self.graph.id_of(&made, "wadah media")
    }

    /// One photo's container (a carousel's item, or the post itself with the caption).
    async fn photo_container(
        &self,
        post: &Post,
        photo: &PhotoFile,
        caption: Option<&str>,
        notes: &dyn Notebook,
    ) -> Result<String, NotPosted> {
        if let Some(id) = self.reusable(post.task.media_remote.get(&photo.media)).await? {
            return Ok(id);
        }
        let url = photo.url.as_deref().ok_or_else(|| {
            permanent("Instagram mengambil foto dari alamat publik Warta: atur WARTA_SECRET_KEY dan WARTA_PUBLIC_URL")
        })?;
        let mut form = vec![("image_url", url), ("alt_text", photo.alt.as_str())];
        match caption {
            Some(c) => form.push(("caption", c)),
            None => form.push(("is_carousel_item", "true")),
        }
        let id = self.make(&form).await?;
        notes.photo_uploaded(&photo.media, &id).await;
        Ok(id)
    }

    /// Waits until the container is ready to publish.
    async fn ready(&self, container: &str) -> Result<(), NotPosted> {
        for check in 0..self.polls {
            match self.status(container).await?.as_str() {
                "FINISHED" | "PUBLISHED" => return Ok(()),
                "ERROR" => {
                    return Err(permanent(format!(
                        "Instagram: container {container} ERROR (foto ditolak)"
                    )))
                }
                "EXPIRED" => {
                    return Err(NotPosted::Failed(Failure::Temporary {
                        reason: format!("Instagram: wadah media {container} kedaluwarsa (EXPIRED)"),
                        retry_after: None,
                    }))
                }
                _ if check + 1 < self.polls => tokio::time::sleep(self.poll).await,
                _ => {}
            }
        }
        Err(NotPosted::Failed(Failure::Temporary {
            reason: format!("Instagram: wadah media {container} masih diproses"),
            retry_after: None,
        }))
    }
}

#[async_trait::async_trait]
impl Connector for Instagram {
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted> {
        let photos = post.photos_for(Channel::Instagram);
        if photos.is_empty() {
            return Err(permanent("Instagram memerlukan sedikitnya satu foto pada materi"));
        }
        let caption = post.text(Channel::Instagram);
        let container = if let [photo] = photos {
            self.photo_container(post, photo, Some(&caption), notes).await?
        } else {
            let mut children = Vec::with_capacity(photos.len());
            for photo in photos {
                children.push(self.photo_container(post, photo, None, notes).await?);
            }
            for child in &children {
                self.ready(child).await?;
            }
            match self.reusable(post.task.media_remote.get(CAROUSEL)).await? {
                Some(id) => id,
                None => {
                    let joined = children.join(",");
                    let id = self
                        .make(&[
                            ("media_type", "CAROUSEL"),
                            ("children", joined.as_str()),
                            ("caption", caption.as_str()),
                        ])
                        .await?;
                    notes.photo_uploaded(CAROUSEL, &id).await;
                    id
                }
            }
        };
        self.ready(&container).await?;
        let published = self
            .graph
            .post(
                &format!("{}/media_publish", self.account),
                &[("creation_id", container.as_str())],
            )
            .await?;
        let id = self.graph.id_of(&published, "unggahan")?;
        notes.post_created(&id).await;
        let url = match self.graph.get(&id, &[("fields", "permalink")]).await {
            Ok(v) => v["permalink"].as_str().map(str::to_string),
            Err(_) => None,
        }
        .unwrap_or_else(|| format!("https://www.instagram.com/p/{id}/"));
        Ok(Posted { remote_id: id, url })
    }

    async fn look_up(&self, post: &Post) -> Lookup {
        let edge = format!("{}/media", self.account);
        let found = self
            .graph
            .find_marked(&edge, "id,caption,permalink", "caption", &post.marker())
            .await;
        match found {
            Err(e) => cannot_tell(e),
            Ok(None) => Lookup::Absent,
            Ok(Some(p)) => match (p["id"].as_str(), p["permalink"].as_str()) {
                (Some(id), Some(url)) => Lookup::Found(Posted {
                    remote_id: id.to_string(),
                    url: url.to_string(),
                }),
                _ => Lookup::CannotTell("Instagram menjawab tanpa id atau tautan unggahan".into()),
            },
        }
    }

    async fn check(&self) -> Result<String, Failure> {
        self.graph
            .get(&self.account, &[("fields", "username")])
            .await
            .map(|v| v["username"].as_str().unwrap_or(&self.account).to_string())
            .map_err(as_failure)
    }
}

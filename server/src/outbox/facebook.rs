//! A Facebook Page (Graph API, a Page access token): each photo uploaded unpublished
//! (`/{page}/photos`, `published=false`, fetched by Facebook from its signed link, with its alt
//! text), then one feed post with them attached (`/{page}/feed`, `attached_media`), its text ending
//! with the item's marker; the post's address is its `permalink_url`. An answer lost on the way
//! is looked up in the Page's recent posts by the marker.

use super::connector::{Connector, Lookup, NotPosted, Notebook, Post, Posted};
use super::graph::Graph;
use super::http::{as_failure, cannot_tell};
use app::domain::outbox::Failure;
use app::domain::Channel;
use serde_json::json;

pub struct Facebook {
    graph: Graph,
    page: String,
}

impl Facebook {
    pub fn new(http: reqwest::Client, endpoint: &str, version: &str, page: &str, token: &str) -> Facebook {
        Facebook {
            graph: Graph::new(http, endpoint, version, token, "Facebook"),
            page: page.trim().to_string(),
        }
    }

    async fn permalink(&self, post_id: &str) -> Result<String, NotPosted> {
        let found = self.graph.get(post_id, &[("fields", "permalink_url")]).await?;
        Ok(found["permalink_url"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("https://www.facebook.com/{post_id}")))
    }
}

fn no_link() -> NotPosted {
    NotPosted::Failed(Failure::Permanent {
        reason: "Facebook mengambil foto dari alamat publik Warta: atur WARTA_SECRET_KEY dan WARTA_PUBLIC_URL".into(),
    })
}

#[async_trait::async_trait]
impl Connector for Facebook {
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted> {
        let mut attached = vec![];
        for photo in post.photos_for(Channel::Facebook) {
            let id = match post.task.media_remote.get(&photo.media) {
                Some(known) => known.clone(),
                None => {
                    let url = photo.url.as_deref().ok_or_else(no_link)?;
                    let made = self
                        .graph
                        .post(
                            &format!("{}/photos", self.page),
                            &[
                                ("url", url),
                                ("published", "false"),
                                ("alt_text_custom", photo.alt.as_str()),
                            ],
                        )
                        .await?;
                    let id = self.graph.id_of(&made, "foto")?;
                    notes.photo_uploaded(&photo.media, &id).await;
                    id
                }
            };
            attached.push(id);
        }
        let message = post.text(Channel::Facebook);
        let media: Vec<(String, String)> = attached
            .iter()
            .enumerate()
            .map(|(i, id)| (format!("attached_media[{i}]"), json!({ "media_fbid": id }).to_string()))
            .collect();
        let mut form: Vec<(&str, &str)> = vec![("message", message.as_str())];
        form.extend(media.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let made = self.graph.post(&format!("{}/feed", self.page), &form).await?;
        let id = self.graph.id_of(&made, "unggahan")?;
        notes.post_created(&id).await;
        let url = self
            .permalink(&id)
            .await
            .unwrap_or_else(|_| format!("https://www.facebook.com/{id}"));
        Ok(Posted { remote_id: id, url })
    }

    async fn look_up(&self, post: &Post) -> Lookup {
        let edge = format!("{}/feed", self.page);
        let found = self
            .graph
            .find_marked(&edge, "id,message,permalink_url", "message", &post.marker())
            .await;
        match found {
            Err(e) => cannot_tell(e),
            Ok(None) => Lookup::Absent,
            Ok(Some(p)) => match p["id"].as_str() {
                Some(id) => Lookup::Found(Posted {
                    remote_id: id.to_string(),
                    url: p["permalink_url"]
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("https://www.facebook.com/{id}")),
                }),
                None => Lookup::CannotTell("Facebook menjawab tanpa id unggahan".into()),
            },
        }
    }

    async fn check(&self) -> Result<String, Failure> {
        match self.graph.get(&self.page, &[("fields", "name")]).await {
            Ok(page) => Ok(page["name"].as_str().unwrap_or(&self.page).to_string()),
            Err(e) => Err(as_failure(e)),
        }
    }
}

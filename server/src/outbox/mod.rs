//! The outbox (issue 17): publishes the tasks the Sekretaris's order left (`app::server::outbox`)
//! through each channel's connector, on exactly one app server at a time (the lease), and
//! survives a restart: every step is written before it is taken, so a task is never posted
//! twice. Each turn:
//!
//! 1. holds the lease (or leaves the turn to the server that holds it);
//! 2. looks up every attempt whose answer was lost: found → recorded; certainly absent → queued
//!    again; the channel cannot tell → "belum pasti" for a person;
//! 3. sends the due tasks of working channels: the attempt recorded, the call made, the outcome
//!    recorded (a refused credential stops the channel at once and tells the administrator).

pub mod connector;
pub mod facebook;
pub mod graph;
pub mod http;
pub mod instagram;
pub mod webhook;
pub mod wordpress;
pub mod x;

use crate::media::links::{PhotoLinks, Variant};
use crate::media::{MediaStore, Stored};
use app::domain::media::Copy;
use app::domain::outbox::{AfterFailure, ConnectorKind};
use app::domain::Channel;
use app::server::connections::{self, ConnectionRow};
use app::server::db::Db;
use app::server::outbox::{self as tasks, TaskRow};
use app::server::secrets::SecretKey;
use app::server::{items, ServerError};
use chrono::{DateTime, Utc};
use connector::{Connector, Lookup, NotPosted, Notebook, PhotoFile, Post};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long a lease lasts unless renewed (a stopped server's turn passes to another after it).
pub const LEASE_SECS: i64 = 60;
/// How long one call to a channel may take (well inside `ATTEMPT_LOST_AFTER_SECS`).
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the outbox looks for due tasks.
pub const EVERY: Duration = Duration::from_secs(5);
/// The name recorded with the links the outbox records.
pub const OUTBOX_NAME: &str = "Warta (kotak keluar)";

/// Makes the connector of a connection (tests substitute their own).
pub type Connectors = Arc<dyn Fn(&ConnectionRow, &str) -> Option<Box<dyn Connector>> + Send + Sync>;

/// The connectors of the real channels.
pub fn real_connectors() -> Connectors {
    let http = reqwest::Client::builder()
        .timeout(CALL_TIMEOUT)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("Warta/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("an HTTP client with rustls");
    Arc::new(
        move |c: &ConnectionRow, credential: &str| -> Option<Box<dyn Connector>> {
            let kind = c.kind()?;
            let version = match c.api_version.trim() {
                "" => kind.default_api_version(),
                set => set,
            };
            let http = http.clone();
            Some(match kind {
                ConnectorKind::WordPress => Box::new(wordpress::WordPress::new(
                    http,
                    &c.endpoint,
                    version,
                    &c.account,
                    credential,
                    c.category,
                )),
                ConnectorKind::Facebook => Box::new(facebook::Facebook::new(
                    http,
                    &c.endpoint,
                    version,
                    &c.account,
                    credential,
                )),
                ConnectorKind::Instagram => Box::new(instagram::Instagram::new(
                    http,
                    &c.endpoint,
                    version,
                    &c.account,
                    credential,
                )),
                ConnectorKind::X => Box::new(x::X::new(http, &c.endpoint, version, &c.account, credential)),
                ConnectorKind::Webhook => Box::new(webhook::Webhook::new(http, &c.endpoint, credential, c.channel()?)),
            })
        },
    )
}

/// One app server's outbox.
#[derive(Clone)]
pub struct Outbox {
    db: Db,
    media: MediaStore,
    key: Option<SecretKey>,
    /// This server's name on the lease (random per process).
    holder: String,
    connectors: Connectors,
    /// Signs the links channels fetch photos by (none without a secret key).
    links: Option<PhotoLinks>,
}

/// What a turn did (the tests read it; the loop logs it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Turn {
    /// Another server holds the lease: nothing was done.
    pub not_mine: bool,
    pub posted: usize,
    pub failed: usize,
    pub looked_up: usize,
}

impl Outbox {
    pub fn new(db: Db, media: MediaStore, key: Option<SecretKey>, connectors: Connectors) -> Self {
        Outbox {
            db,
            media,
            key,
            holder: format!("{:016x}", rand::random::<u64>()),
            connectors,
            links: None,
        }
    }

    /// Gives channels that fetch photos by URL a signed link to each.
    pub fn with_links(mut self, links: Option<PhotoLinks>) -> Self {
        self.links = links;
        self
    }

    /// The connectors of the working connections, by channel. A credential that no longer opens
    /// (the key changed) stops its channel like a revoked token.
    async fn working(&self, now: DateTime<Utc>) -> Result<HashMap<Channel, Box<dyn Connector>>, ServerError> {
        let mut out = HashMap::new();
        let Some(key) = &self.key else {
            return Ok(out);
        };
        for c in connections::all(&self.db)
            .await?
            .into_iter()
            .filter(ConnectionRow::active)
        {
            let Some(channel) = c.channel() else { continue };
            match c.credential(key) {
                Ok(credential) => {
                    if let Some(conn) = (self.connectors)(&c, &credential) {
                        out.insert(channel, conn);
                    }
                }
                Err(e) => connections::needs_reconnecting(&self.db, channel, &e.to_string(), now).await?,
            }
        }
        Ok(out)
    }

    /// The post of a task: its item's material and the photos' web copies.
    pub async fn post_of(&self, task: &TaskRow) -> Result<Option<Post>, ServerError> {
        let Some(content) = items::post_content(&self.db, &task.item).await? else {
            return Ok(None);
        };
        let mut photos = Vec::with_capacity(content.photos.len());
        for m in &content.photos {
            let path = self
                .media
                .path(&m.hash, Stored::Photo(Copy::Web))
                .ok_or_else(|| ServerError::internal(format!("media {}: bad hash", m.key)))?;
            let jpeg = tokio::fs::read(&path)
                .await
                .map_err(|e| ServerError::internal(format!("media {}: {e}", m.key)))?;
            let variant = match task.channel() {
                Some(Channel::Instagram) => Variant::Instagram,
                _ => Variant::Web,
            };
            photos.push(PhotoFile {
                url: self
                    .links
                    .as_ref()
                    .map(|l| l.link(&m.key, variant, app::server::clock::now())),
                media: m.key.clone(),
                jpeg,
                alt: m.alt.clone(),
                caption: m.caption.clone(),
            });
        }
        Ok(Some(Post {
            task: task.clone(),
            content,
            photos,
        }))
    }

    /// One turn of the outbox at `now`.
    pub async fn turn(&self, now: DateTime<Utc>) -> Result<Turn, ServerError> {
        let mut turn = Turn::default();
        if !tasks::hold_lease(&self.db, &self.holder, now, LEASE_SECS).await? {
            turn.not_mine = true;
            return Ok(turn);
        }
        let working = self.working(now).await?;
        // Lost answers first: a channel is asked before anything is sent again.
        for task in tasks::lost(&self.db, now).await? {
            turn.looked_up += 1;
            let conn = task.channel().and_then(|c| working.get(&c));
            let post = self.post_of(&task).await?;
            let (Some(conn), Some(post)) = (conn, post) else {
                tasks::uncertain(&self.db, &task, "saluran tidak tersambung untuk memeriksa", now).await?;
                continue;
            };
            match conn.look_up(&post).await {
                Lookup::Found(p) => self.posted(&task, &p, now).await?,
                Lookup::Absent => tasks::requeue(&self.db, &task, now).await?,
                Lookup::CannotTell(why) => tasks::uncertain(&self.db, &task, &why, now).await?,
            }
        }
        let channels: Vec<Channel> = working.keys().copied().collect();
        for task in tasks::due(&self.db, now, &channels).await? {
            // Each attempt under a lease still held: a server that lost it stops here.
            if !tasks::hold_lease(&self.db, &self.holder, now, LEASE_SECS).await? {
                turn.not_mine = true;
                break;
            }
            let Some(channel) = task.channel() else { continue };
            let Some(conn) = working.get(&channel) else { continue };
            let Some(post) = self.post_of(&task).await? else {
                continue;
            };
            if !tasks::begin(&self.db, &task, now).await? {
                continue;
            }
            // The attempt is recorded: what `begin` counted is what the outcome is judged by.
            let task = TaskRow {
                attempts: task.attempts + 1,
                ..task
            };
            let notes = Notes {
                db: self.db.clone(),
                key: task.key.clone(),
            };
            match conn.publish(&post, &notes).await {
                Ok(p) => {
                    self.posted(&task, &p, now).await?;
                    turn.posted += 1;
                }
                Err(NotPosted::Failed(f)) => {
                    turn.failed += 1;
                    if tasks::failed(&self.db, &task, &f, now).await? == AfterFailure::Stop {
                        connections::needs_reconnecting(&self.db, channel, f.reason(), now).await?;
                    }
                }
                // Left `sending`: looked up once it counts as lost.
                Err(NotPosted::AnswerLost(why)) => {
                    tracing::warn!(item = %task.item, channel = %task.channel, why, "publication answer lost");
                }
            }
        }
        Ok(turn)
    }

    /// Records a post, and the item's publication once every channel has its link.
    async fn posted(&self, task: &TaskRow, p: &connector::Posted, now: DateTime<Utc>) -> Result<(), ServerError> {
        let done = tasks::finish(&self.db, task, &p.remote_id, &p.url, OUTBOX_NAME, now).await?;
        if done.all_linked {
            items::publish_when_linked(&self.db, &task.item, now).await?;
        }
        Ok(())
    }

    /// Gives the lease up (the server is stopping).
    pub async fn release(&self) {
        if let Err(e) = tasks::release_lease(&self.db, &self.holder).await {
            tracing::warn!(error = ?e, "outbox lease not released");
        }
    }

    /// Checks a connection now (the administrator's test): who the channel says the account is.
    pub async fn check(&self, channel: Channel) -> Result<String, app::domain::outbox::Failure> {
        use app::domain::outbox::Failure;
        let refused = |reason: String| Failure::Permanent { reason };
        let key = self
            .key
            .as_ref()
            .ok_or_else(|| refused("WARTA_SECRET_KEY belum diatur".into()))?;
        let row = connections::of(&self.db, channel)
            .await
            .map_err(|_| refused("koneksi tidak terbaca".into()))?
            .ok_or_else(|| refused("belum ada koneksi".into()))?;
        let credential = row.credential(key).map_err(|e| refused(e.to_string()))?;
        let conn =
            (self.connectors)(&row, &credential).ok_or_else(|| refused("jenis koneksi belum didukung".into()))?;
        conn.check().await
    }
}

/// Writes what the channel made as soon as it is known.
struct Notes {
    db: Db,
    key: String,
}

#[async_trait::async_trait]
impl Notebook for Notes {
    async fn photo_uploaded(&self, media: &str, remote: &str) {
        if let Err(e) = tasks::remember_media(&self.db, &self.key, media, remote).await {
            tracing::error!(error = ?e, task = %self.key, "photo's remote id not recorded");
        }
    }
    async fn post_created(&self, remote: &str) {
        if let Err(e) = tasks::remember_post(&self.db, &self.key, remote).await {
            tracing::error!(error = ?e, task = %self.key, "post's remote id not recorded");
        }
    }
}

/// Runs the outbox every few seconds on this server (whichever holds the lease sends).
pub fn spawn(outbox: Outbox) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match outbox.turn(app::server::clock::now()).await {
                Ok(t) if t.posted + t.failed + t.looked_up > 0 => {
                    tracing::info!(
                        posted = t.posted,
                        failed = t.failed,
                        looked_up = t.looked_up,
                        "outbox turn"
                    )
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "outbox turn failed"),
            }
        }
    });
}

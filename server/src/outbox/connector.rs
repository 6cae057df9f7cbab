//! What every channel's connector does, and what it is handed: the post (the approved material,
//! the photos' web copies, the task's stable slug, the photos the channel already holds), and a
//! notebook to write what the channel made as soon as its id is known.

use app::domain::outbox::Failure;
use app::server::items::PostContent;
use app::server::outbox::TaskRow;

/// One photo as a channel gets it: the web-sized JPEG copy (upright, without metadata).
#[derive(Clone, Debug)]
pub struct PhotoFile {
    /// The media record's key (how the task remembers the channel's id of it).
    pub media: String,
    pub jpeg: Vec<u8>,
    /// A signed link to the channel's copy, for channels that fetch photos by URL (the Graph
    /// API); none when Warta has no secret key to sign it with.
    pub url: Option<String>,
    pub alt: String,
    pub caption: String,
}

/// What one task publishes.
#[derive(Clone, Debug)]
pub struct Post {
    pub task: TaskRow,
    pub content: PostContent,
    pub photos: Vec<PhotoFile>,
}

impl Post {
    /// The post's address part, the same on every attempt.
    pub fn slug(&self) -> &str {
        &self.task.slug
    }
    /// A photo's address part on the channel: the post's, and its place.
    pub fn photo_slug(&self, index: usize) -> String {
        format!("{}-foto-{}", self.task.slug, index + 1)
    }
    /// The line a channel looked up by its text finds the post by.
    pub fn marker(&self) -> String {
        app::domain::outbox::marker(&self.task.item)
    }
    /// The post's text on `channel`: the staff member's own text for it, or one made from the
    /// material; with the marker where the channel carries it (`domain::channel_text`).
    pub fn text(&self, channel: app::domain::Channel) -> String {
        let own = self
            .content
            .texts
            .iter()
            .find(|(c, _)| *c == channel)
            .map(|(_, t)| t.as_str());
        app::domain::channel_text::post_text(channel, own, &self.content.title, &self.content.summary, &self.marker())
    }
    /// The photos a channel takes in one post (X: four; a carousel: ten).
    pub fn photos_for(&self, channel: app::domain::Channel) -> &[PhotoFile] {
        let max = app::domain::channel_text::limits(channel).max_photos;
        &self.photos[..self.photos.len().min(max)]
    }
}

/// The channel's post: its id there and its public address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    pub remote_id: String,
    pub url: String,
}

/// Why a call did not end with a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotPosted {
    /// The channel answered no (or could not be reached at all: nothing was sent).
    Failed(Failure),
    /// The request went out and its answer was lost (a timeout, a connection cut mid-answer):
    /// the post may exist. The task stays `sending` until the outbox looks it up.
    AnswerLost(String),
}

impl From<Failure> for NotPosted {
    fn from(f: Failure) -> Self {
        NotPosted::Failed(f)
    }
}

/// What the channel says about a post whose answer was lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(Posted),
    /// Certainly not there: sending again posts once.
    Absent,
    /// The channel cannot say (no way to look it up, or it did not answer): a person looks.
    CannotTell(String),
}

/// Where a connector writes what the channel made, as soon as it knows (`app::server::outbox`).
#[async_trait::async_trait]
pub trait Notebook: Send + Sync {
    /// What the channel made of a photo (for Instagram, also the carousel's container, under
    /// `CAROUSEL`).
    async fn photo_uploaded(&self, media: &str, remote: &str);
    async fn post_created(&self, remote: &str);
}

/// A channel's API.
#[async_trait::async_trait]
pub trait Connector: Send + Sync {
    /// Publishes `post`: photos the task does not already hold on the channel first, then the
    /// post. Each id is written to `notes` as soon as it is known.
    async fn publish(&self, post: &Post, notes: &dyn Notebook) -> Result<Posted, NotPosted>;
    /// Looks for the post of a lost answer.
    async fn look_up(&self, post: &Post) -> Lookup;
    /// Checks the connection (the administrator's "Uji sambungan"): who the channel says it is.
    async fn check(&self) -> Result<String, Failure>;
}

//! What the server sends the browser: plain data, ids as strings, no database types.

use crate::domain::{ActionKind, Draft, Role, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: String,
    pub username: String,
    pub name: String,
    pub roles: Vec<Role>,
}

impl Me {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A person offered in a choice (Kepada, staff to assign).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: String,
    pub name: String,
    pub position: String,
}

/// One row of "Tugas Saya" and "Semua Materi".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemSummary {
    pub id: String,
    pub agenda_no: String,
    pub perihal: String,
    pub title: Option<String>,
    pub state: State,
    pub urgency: String,
    pub confidential: bool,
    pub deadline: String,
    pub state_since: DateTime<Utc>,
    pub assignee_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signoff {
    pub name: String,
    pub position: String,
    pub nip: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DispositionView {
    pub agenda_no: String,
    pub created_at: DateTime<Utc>,
    pub from: Signoff,
    pub to: Signoff,
    pub perihal: String,
    pub activity_date: String,
    pub activity_place: String,
    pub urgency: String,
    pub confidential: bool,
    pub instructions: Vec<String>,
    pub note: String,
    pub deadline: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub role: Role,
    pub action: ActionKind,
    pub from_state: Option<State>,
    pub to_state: State,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub author_name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub draft: Draft,
}

/// One line of a comparison between two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DiffLine {
    Same(String),
    Added(String),
    Removed(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicationLink {
    pub channel: String,
    pub url: String,
}

/// Everything the item page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemDetail {
    pub id: String,
    pub state: State,
    pub version: i64,
    pub state_since: DateTime<Utc>,
    pub disposition: DispositionView,
    pub assignee: Option<PersonOption>,
    pub draft: Option<Draft>,
    /// The draft rendered from Markdown and sanitised.
    pub draft_html: Option<String>,
    pub versions: Vec<VersionView>,
    /// May this user see the comparison between versions (Sekretaris, verifier)?
    pub can_compare: bool,
    /// May this user edit the working draft now?
    pub can_edit_draft: bool,
    pub events: Vec<EventView>,
    pub publications: Vec<PublicationLink>,
    pub actions: Vec<ActionKind>,
    /// The staff members to choose from, when "Tugaskan Staf" is among the actions.
    pub staff_options: Vec<PersonOption>,
    pub opened_by: Option<String>,
    pub opened_at: Option<DateTime<Utc>>,
    pub zone: crate::domain::time::OfficeZone,
}

/// What a move carries besides its kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MoveInput {
    pub note: String,
    pub reason: String,
    /// For "Tugaskan Staf".
    pub staff: String,
    /// For "Tandai Sudah Tayang": (channel id, link).
    pub links: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub id: String,
    pub username: String,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserForm {
    pub username: String,
    pub password: String,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub roles: Vec<String>,
}

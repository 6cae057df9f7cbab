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
    /// The Administrator set this password: it must be changed before anything else.
    #[serde(default)]
    pub must_change_password: bool,
    /// The locale kept with the account (`text::locale_code`).
    #[serde(default)]
    pub locale: String,
    /// Push notifications, when this installation sends them.
    #[serde(default)]
    pub push: Option<PushInfo>,
}

/// What a page needs to offer push notifications on the device: the installation's public VAPID
/// key (a device subscribes with it) and whether the person switched push off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushInfo {
    pub key: String,
    pub off: bool,
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
    pub urgency: crate::domain::Urgency,
    pub confidential: bool,
    pub deadline: String,
    pub state_since: DateTime<Utc>,
    pub assignee_name: Option<String>,
    /// Past its batas waktu and still open.
    pub late: bool,
    /// Its current step has taken longer than the mutu baku allows (working time).
    pub over_standard: bool,
    /// KIP "serta merta": to be announced at once, urgent on every desk.
    pub serta_merta: bool,
}

/// An open disposition as the administrator sees it to cancel it: by agenda number, with no title
/// or content of a confidential one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenDisposition {
    pub id: String,
    pub agenda_no: String,
    /// The perihal, or `None` for a confidential disposition.
    pub perihal: Option<String>,
    pub state: State,
    pub from_name: String,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signoff {
    pub name: String,
    pub position: String,
    pub nip: String,
}

/// One person's sign-off on the disposition sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChainSignoff {
    pub role: Role,
    pub action: ActionKind,
    pub at: DateTime<Utc>,
    pub person: Signoff,
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
    pub urgency: crate::domain::Urgency,
    pub confidential: bool,
    pub instructions: Vec<crate::domain::Instruction>,
    pub note: String,
    pub deadline: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// The actor's account id.
    pub actor: String,
    pub actor_name: String,
    pub role: Role,
    pub action: ActionKind,
    pub from_state: Option<State>,
    pub to_state: State,
    pub note: String,
    /// The kelengkapan the actor ticked on this move.
    pub checklist: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub author_name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub draft: Draft,
    /// The body as the reader sees it (its blocks), for a comparison in the rendered text.
    pub body: Vec<crate::rich_text::Block>,
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
    pub channel: crate::domain::Channel,
    pub url: String,
    /// When and by whom it was recorded.
    pub at: Option<DateTime<Utc>>,
    pub by: Option<String>,
}

/// A draft saved as a plain form (no script) and refused: what was typed and why, handed to the
/// next showing of the item page so that nothing typed is lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusedDraft {
    pub form: crate::domain::DraftForm,
    pub error: crate::error::AppError,
    /// The typed body rendered, for the editor.
    pub body_html: String,
}

/// Everything the item page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemDetail {
    pub id: String,
    /// Who it was read for (their account's key).
    #[serde(default)]
    pub viewer: String,
    /// This user's draft save that was refused a moment ago (sent without script), if any.
    #[serde(default)]
    pub refused_draft: Option<RefusedDraft>,
    /// The DIP number, once verified.
    pub dip_no: Option<String>,
    /// The sign-offs of the disposition chain (steps 1 to 4), oldest first.
    pub chain: Vec<ChainSignoff>,
    pub state: State,
    pub version: i64,
    /// When the item last changed (milliseconds): a draft edit changes it, a move too.
    pub stamp: i64,
    /// The working time of the current step against its mutu baku target (open items).
    pub clock: Option<crate::domain::standard::StepClock>,
    /// What must be at hand for the current step: ticked on the move.
    pub kelengkapan: Vec<String>,
    pub state_since: DateTime<Utc>,
    pub disposition: DispositionView,
    pub assignee: Option<PersonOption>,
    pub draft: Option<Draft>,
    /// The draft's revision: a save names it, so that a save from an older one is refused.
    pub draft_rev: i64,
    /// The draft rendered from Markdown and sanitised.
    pub draft_html: Option<String>,
    pub versions: Vec<VersionView>,
    /// May this user see the comparison between versions (Sekretaris, verifier)?
    pub can_compare: bool,
    /// May this user edit the working draft now?
    pub can_edit_draft: bool,
    /// May this user record publication links now (step 9)?
    pub can_record_links: bool,
    /// The photos and documents on the material, oldest first.
    #[serde(default)]
    pub media: Vec<MediaView>,
    /// How large and how many they may be (the administrator's setting).
    #[serde(default)]
    pub media_limits: crate::domain::media::MediaLimits,
    /// Each target channel's publication (once the Sekretaris ordered it).
    #[serde(default)]
    pub tasks: Vec<TaskView>,
    /// May this user retry a channel or take it over by hand now?
    #[serde(default)]
    pub can_steer_publication: bool,
    pub events: Vec<EventView>,
    pub publications: Vec<PublicationLink>,
    pub actions: Vec<ActionKind>,
    /// The staff members to choose from, when "Tugaskan Staf" is among the actions.
    pub staff_options: Vec<PersonOption>,
    pub opened_by: Option<String>,
    pub opened_at: Option<DateTime<Utc>>,
    pub zone: crate::domain::time::OfficeZone,
}

/// The item page as its island receives it: what the user acts on (moves, the editor, the
/// publication links), and the parts it only shows, drawn by the server in the reader's language
/// (`ui::item_parts`): the browser's script carries no sheet, timeline or date format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemScreen {
    pub id: String,
    pub state: State,
    pub version: i64,
    pub stamp: i64,
    pub draft_rev: i64,
    /// May this user edit the working draft now?
    pub can_edit_draft: bool,
    /// The stored draft as the editor holds it; for the editor with none stored yet, the text it
    /// starts from (from the disposition).
    pub draft: Option<crate::domain::DraftForm>,
    /// The stored draft's body as HTML, for the editor.
    pub draft_html: Option<String>,
    /// This user's draft save that was refused a moment ago (sent without script), if any.
    pub refused_draft: Option<RefusedDraft>,
    pub actions: Vec<ActionKind>,
    /// The staff members to choose from, when "Tugaskan Staf" is among the actions.
    pub staff_options: Vec<PersonOption>,
    pub kelengkapan: Vec<String>,
    /// The consequence test the drafter proposed, for "Kecualikan" to start from.
    pub proposed_test: String,
    /// The channels whose links this user records now (step 9); empty otherwise.
    pub links: Vec<ChannelLinkView>,
    /// Where the item is now and who has it, said after this user's own move.
    pub moved_note: String,
    pub parts: ItemParts,
    /// Who the screen is for (their account's key): a draft kept on the device is theirs only.
    #[serde(default)]
    pub viewer: String,
}

/// One channel of step 9: its link as recorded, and that record in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelLinkView {
    pub channel: crate::domain::Channel,
    pub url: Option<String>,
    pub status: String,
}

/// The material's own text for each of its channels (issue 17, point 2): the page
/// `/materi/{id}/saluran`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelTexts {
    pub id: String,
    pub title: String,
    /// The line the channels that carry it end with ("Ref. W-…"), added by the server.
    pub marker: String,
    /// May this user change the texts now (whoever may edit the draft)?
    pub editable: bool,
    pub channels: Vec<ChannelTextView>,
    /// The material's photos (to download, sized for the channels, for posting by hand).
    pub photos: Vec<MediaView>,
    /// A text posted without script and refused: shown once, with why.
    pub refused: Option<RefusedText>,
}

/// A channel's text refused, as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusedText {
    pub channel: crate::domain::Channel,
    pub text: String,
    pub error: crate::error::AppError,
}

/// One channel's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelTextView {
    pub channel: crate::domain::Channel,
    /// The text before the marker: the one saved, or one made from the material.
    pub text: String,
    /// Written by a person (else made from the material).
    pub own: bool,
    /// Who saved it, and when (in the office's zone).
    pub saved: Option<(String, String)>,
}

/// A photo or document on the material, as its page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaView {
    pub id: String,
    pub photo: bool,
    /// The name it had on the device.
    pub name: String,
    pub caption: String,
    pub alt: String,
    pub bytes: i64,
    pub by_name: String,
}

/// The administrator's page of channels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelsAdmin {
    pub channels: Vec<ChannelView>,
    /// Is `WARTA_SECRET_KEY` set (else no channel can be connected)?
    pub key_set: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelView {
    pub channel: crate::domain::Channel,
    pub connection: Option<ConnectionView>,
}

/// A channel's connection without its credential (never shown again after entry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConnectionView {
    pub kind: String,
    pub endpoint: String,
    pub account: String,
    pub category: i64,
    pub api_version: String,
    pub active: bool,
    pub status_reason: String,
    pub expires_at: Option<DateTime<Utc>>,
    /// "fine", "expiring" (within two weeks) or "expired".
    pub expiry: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
}

/// One channel's publication of an item, as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskView {
    pub channel: crate::domain::Channel,
    /// `domain::outbox::TaskState`'s id.
    pub state: String,
    pub due_at: DateTime<Utc>,
    pub attempts: i64,
    pub url: Option<String>,
    /// The channel's own words for the last failure.
    pub reason: String,
}

/// The item page's parts drawn by the server, as HTML.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemParts {
    /// Title, state, age, step clock, read receipt, print links.
    pub head: String,
    /// The return being answered, and what the page asks of this user now.
    pub lead: String,
    pub steps: String,
    /// The material as stored (when this user does not edit it).
    pub material: String,
    /// The versions, and the comparison of two of them.
    pub versions: String,
    pub sheet: String,
    pub timeline: String,
    /// The photos and documents, and (for the draft's editor) the form that adds them; then the
    /// channels' publication (and "Jadwalkan tayang" for the Sekretaris). One part: the page's
    /// script carries one field for both.
    #[serde(default)]
    pub media: String,
}

impl ItemDetail {
    /// The return the item is still answering: the last move, when it was a return (its reason
    /// is what the desk has to fix). Gone once the item is sent on.
    pub fn open_return(&self) -> Option<&EventView> {
        self.events
            .iter()
            .max_by_key(|e| e.seq)
            .filter(|e| e.action.is_return() && e.to_state == self.state)
    }

    /// Who has the item now: the desk's role, and the staff member for the staff's steps.
    pub fn holder(&self) -> Option<String> {
        let desk = self.state.desk()?;
        Some(match (&self.assignee, desk) {
            (Some(a), crate::domain::Role::StafSekretariat) => format!("{} ({})", a.name, desk.label()),
            _ => desk.label().to_string(),
        })
    }
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
    /// The kelengkapan of the step that the actor ticked.
    #[serde(default)]
    pub checklist: Vec<String>,
    /// The draft revision the actor saw: a move that sends the material on is refused if the
    /// draft was saved again since (what is verified is exactly what the actor sent).
    #[serde(default)]
    pub draft_rev: Option<i64>,
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

/// One message of the live stream (`/api/live`), as the browser applies it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LiveEvent {
    /// The stream is open. `at` is the server's clock, for resuming after a gap.
    Hello { at: i64 },
    /// An item this user may see changed.
    /// `by` is who changed it last.
    Item {
        id: String,
        state: State,
        version: i64,
        stamp: i64,
        by: String,
    },
    /// Something changed that only moves counts (for the administrator), or a channel's state on
    /// the dashboards that show the channels.
    Counts,
    /// This user's notifications changed.
    Notification,
    /// Changes may have been missed: refetch everything on screen.
    Resync,
}

/// One notification in the bell's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: String,
    pub item: String,
    pub kind: crate::domain::NoticeKind,
    pub title: String,
    pub note: String,
    pub actor_name: String,
    pub at: DateTime<Utc>,
    pub read: bool,
}

/// The bell: how many are unread, and the latest ones.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Notifications {
    pub unread: u32,
    pub latest: Vec<NotificationView>,
}

/// One list on a dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelKind {
    /// PPID Pembantu: everything I dispositioned that is still open.
    MyDispositions,
    /// Sekretaris.
    ToForward,
    ToCorrect,
    ToOrder,
    WaitingOnOthers,
    /// Sekretariat (Kepala).
    ToAccept,
    ToAssign,
    /// Staf.
    MyDrafts,
    MyPublishing,
    /// Verifikator: oldest first.
    VerificationQueue,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    pub kind: PanelKind,
    pub items: Vec<ItemSummary>,
}

/// How many items stand at one step of the SOP (the pipeline).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepCount {
    /// 2 to 9, the SOP step pending; 10 for published, 0 for cancelled, 11 for exempt.
    pub step: u8,
    pub count: u32,
}

/// The current load of one staff member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    pub name: String,
    pub drafting: u32,
    pub publishing: u32,
}

/// The dashboard of the signed-in user: a panel set per role they hold, the pipeline of the
/// office, and (for the Sekretariat) the staff's workload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub pipeline: Vec<StepCount>,
    /// Open items past their batas waktu.
    pub late: u32,
    /// Open items whose current step is over its mutu baku.
    pub over_standard: u32,
    pub panels: Vec<Panel>,
    pub workload: Vec<Workload>,
    /// For the PPID Pembantu: "berkala" information due again within 30 days (or overdue).
    pub berkala_due: Vec<DueInfo>,
    /// For the Sekretaris: the items being published, and where each channel stands.
    #[serde(default)]
    pub publishing: Vec<PublishingView>,
    /// For the administrator and the Sekretaris: channels that need reconnecting or whose token
    /// ends within two weeks.
    #[serde(default)]
    pub channel_alerts: Vec<ChannelAlert>,
    /// May this user reconnect them (the channels page)?
    #[serde(default)]
    pub can_connect_channels: bool,
}

/// An item being published, channel by channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishingView {
    pub id: String,
    pub title: String,
    pub tasks: Vec<TaskView>,
}

/// A channel the server cannot publish to until it is reconnected, or soon will not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelAlert {
    pub channel: crate::domain::Channel,
    /// The token was refused (expired or revoked): the channel's tasks are stopped.
    pub reconnect: bool,
    /// The channel's own words, when it refused.
    pub reason: String,
    /// The office's date the token ends (a warning two weeks ahead).
    pub ends_on: Option<chrono::NaiveDate>,
    /// It has ended.
    pub expired: bool,
}

/// Published "berkala" information and when it must be announced again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DueInfo {
    pub id: String,
    pub title: String,
    pub due: chrono::NaiveDate,
    pub overdue: bool,
}

/// The office settings as the settings page and printed documents need them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsView {
    pub settings: crate::domain::settings::OfficeSettings,
    /// For optimistic concurrency: saving against an older version is refused.
    pub version: i64,
    /// This year, in the office's zone (the holidays editor starts there).
    pub this_year: i32,
    /// The settings form sent without script and refused: shown once, as typed, with why.
    #[serde(default)]
    pub refused: Option<RefusedSettings>,
    /// The same for one year's holidays.
    #[serde(default)]
    pub refused_holidays: Option<RefusedHolidays>,
}

/// A settings form sent as a plain form (no script) and refused: what was typed and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusedSettings {
    pub form: crate::domain::settings::SettingsForm,
    pub error: crate::error::AppError,
}

/// One year's holidays sent as a plain form and refused: what was typed and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusedHolidays {
    pub year: i32,
    pub lines: String,
    pub error: crate::error::AppError,
}

/// A published, public item: what the portal, the DIP and the open data show. Built only from
/// the `info` table (never from items), so exempt and unpublished material cannot appear.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicInfo {
    pub id: String,
    pub dip_no: String,
    pub agenda_no: String,
    pub title: String,
    /// Ringkasan isi informasi.
    pub summary: String,
    /// The material, rendered from Markdown and sanitised.
    pub body_html: String,
    /// Pejabat atau unit yang menguasai informasi.
    pub unit: String,
    /// Penanggung jawab pembuatan atau penerbitan.
    pub responsible: String,
    /// Waktu dan tempat pembuatan.
    pub made_date: chrono::NaiveDate,
    pub made_place: String,
    /// Bentuk informasi (label).
    pub form: String,
    /// Jangka waktu penyimpanan (retensi).
    pub retention: String,
    pub kip: crate::domain::KipCategory,
    pub published_at: DateTime<Utc>,
    pub links: Vec<PublicationLink>,
    /// The photos and documents published with it, in the order they were added.
    pub media: Vec<PublicMedia>,
}

impl PublicInfo {
    pub fn photos(&self) -> impl Iterator<Item = &PublicMedia> {
        self.media.iter().filter(|m| m.photo)
    }

    pub fn documents(&self) -> impl Iterator<Item = &PublicMedia> {
        self.media.iter().filter(|m| !m.photo)
    }

    /// The register's "bentuk informasi": the form the office set, and the documents anyone may
    /// download (their names, as uploaded).
    pub fn available_forms(&self) -> String {
        let documents: Vec<&str> = self.documents().map(|d| d.name.as_str()).collect();
        crate::text::dip_available_forms(&self.form, &documents)
    }
}

/// A photo or document of published information: fetched at `/berkas/{id}/...`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicMedia {
    pub id: String,
    pub photo: bool,
    pub name: String,
    pub caption: String,
    pub alt: String,
}

/// One line of the internal register ("Daftar Informasi").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub id: String,
    pub agenda_no: String,
    pub dip_no: Option<String>,
    pub title: String,
    pub summary: String,
    pub unit: String,
    pub responsible: String,
    pub made_date: Option<chrono::NaiveDate>,
    pub made_place: String,
    pub form: String,
    pub retention: String,
    pub kip: Option<crate::domain::KipCategory>,
    pub state: State,
    /// The office's date of publication (in the office's zone, not UTC).
    pub published_on: Option<chrono::NaiveDate>,
    /// "Berkala" information: when it must be announced again.
    pub due: Option<chrono::NaiveDate>,
    pub links: Vec<String>,
    /// Exempt information: the office's date it was closed as exempt, and its consequence test.
    pub exempt_on: Option<chrono::NaiveDate>,
    pub consequence_test: String,
}

/// The register's filters, as the page and the export links carry them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterFilter {
    /// A KIP category id, or empty.
    #[serde(default)]
    pub kategori: String,
    /// A year, or empty.
    #[serde(default)]
    pub tahun: String,
    /// Part of the unit's name, or empty.
    #[serde(default)]
    pub unit: String,
    /// "proses", "terbit", "dikecualikan", or empty (all).
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub q: String,
}

impl RegisterFilter {
    pub fn query_string(&self) -> String {
        let enc = |s: &str| -> String { url::form_urlencoded::byte_serialize(s.as_bytes()).collect() };
        format!(
            "kategori={}&tahun={}&unit={}&status={}&q={}",
            enc(&self.kategori),
            enc(&self.tahun),
            enc(&self.unit),
            enc(&self.status),
            enc(&self.q)
        )
    }
}

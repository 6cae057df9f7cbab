//! A fresh Warta for each test: its own in-memory SurrealDB, one account per role.
#![allow(dead_code)]

pub mod office;
pub mod oneshot;
pub mod provider;

#[allow(unused_imports)]
pub use office::{office_today, office_year, OFFICE_ZONE};

use app::domain::{ActionKind, DispositionForm, DraftForm, Role};
use app::error::AppError;
use app::server::accounts::{self, UserRow};
use app::server::db::{self, DbConfig};
use app::server::items;
use app::server::AppState;
use app::views::{MoveInput, UserForm};
use chrono::Utc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const PASSWORD: &str = "rahasia-uji-123";

pub struct World {
    pub state: AppState,
    pub ppid: UserRow,
    pub sekretaris: UserRow,
    pub kepala: UserRow,
    pub staf: UserRow,
    pub verifikator: UserRow,
    pub admin: UserRow,
}

static N: AtomicUsize = AtomicUsize::new(0);

pub async fn user(state: &AppState, username: &str, name: &str, roles: &[Role]) -> UserRow {
    let v = accounts::create_demo_user(
        &state.db,
        &UserForm {
            username: username.into(),
            password: PASSWORD.into(),
            name: name.into(),
            nip: "198001012005011001".into(),
            position: name.into(),
            roles: roles.iter().map(|r| r.id().to_string()).collect(),
        },
    )
    .await
    .expect("user created");
    accounts::find(&state.db, &v.id).await.unwrap().unwrap()
}

impl World {
    pub async fn new() -> World {
        let n = N.fetch_add(1, Ordering::SeqCst);
        let db = db::open(&DbConfig::memory(&format!("test{n}")))
            .await
            .expect("database opens");
        let state = AppState::start(db);
        let w = World {
            ppid: user(&state, "ppid", "Rina PPID", &[Role::PpidPembantu]).await,
            sekretaris: user(&state, "sekretaris", "Budi Sekretaris", &[Role::Sekretaris]).await,
            kepala: user(&state, "sekretariat", "Sri Sekretariat", &[Role::KepalaSekretariat]).await,
            staf: user(&state, "staf", "Agus Staf", &[Role::StafSekretariat]).await,
            verifikator: user(&state, "verifikator", "Dewi Verifikator", &[Role::Verifikator]).await,
            admin: user(&state, "admin", "Admin", &[Role::Admin]).await,
            state,
        };
        w.with_holidays_from_env().await;
        w
    }

    /// `WARTA_TEST_HOLIDAYS` ("2026-12-25 Hari Raya Natal", one per line, one year): holidays every
    /// test's office has, for running the whole suite on a date inside a configured holiday
    /// (`tools/run-tests.sh` under faketime). Unset in `make test`.
    async fn with_holidays_from_env(&self) {
        let lines = std::env::var("WARTA_TEST_HOLIDAYS").unwrap_or_default();
        if lines.trim().is_empty() {
            return;
        }
        let Some(year) = lines.trim().get(..4).and_then(|y| y.parse::<i32>().ok()) else {
            panic!("WARTA_TEST_HOLIDAYS: lines start with the date, as in 2026-12-25 Hari Raya Natal");
        };
        let db = &self.state.db;
        let (current, version) = app::server::settings::load_versioned(db).await.unwrap();
        let next = current
            .with_holidays(year, &lines)
            .expect("WARTA_TEST_HOLIDAYS readable");
        app::server::settings::save(db, &self.admin, &next, version, Utc::now())
            .await
            .expect("holidays saved");
    }

    pub fn everyone(&self) -> Vec<&UserRow> {
        vec![
            &self.ppid,
            &self.sekretaris,
            &self.kepala,
            &self.staf,
            &self.verifikator,
            &self.admin,
        ]
    }

    pub fn disposition(&self) -> DispositionForm {
        let today = office_today();
        DispositionForm {
            perihal: "Rapat koordinasi PPID triwulan IV".into(),
            activity_date: today.format("%Y-%m-%d").to_string(),
            activity_place: "Aula Kantor Bupati".into(),
            urgency: "segera".into(),
            confidential: false,
            instructions: vec!["buat_materi".into()],
            note: "Mohon segera ditayangkan".into(),
            deadline: (today + chrono::Duration::days(3)).format("%Y-%m-%d").to_string(),
            to_user: self.sekretaris.key.clone(),
            form_key: String::new(),
        }
    }

    pub fn draft(&self, title: &str) -> DraftForm {
        DraftForm {
            title: title.into(),
            summary: "Ringkasan kegiatan rapat koordinasi PPID.".into(),
            body: "Rapat koordinasi PPID dihadiri seluruh PPID Pembantu.\n\nHasil rapat: daftar informasi diperbarui."
                .into(),
            activity_name: "Rapat Koordinasi PPID".into(),
            activity_date: office_today().format("%Y-%m-%d").to_string(),
            activity_place: "Aula Kantor Bupati".into(),
            channels: vec!["website".into(), "instagram".into()],
            kip_category: "berkala".into(),
            register: app::domain::register::RegisterFields {
                unit: "Dinas Komunikasi dan Informatika".into(),
                responsible: "Kepala Bidang Informasi dan Komunikasi Publik".into(),
                form: "keduanya".into(),
                retention: "5 tahun".into(),
                consequence_test: String::new(),
            },
        }
    }

    pub async fn create(&self) -> String {
        let d = self.disposition().parse(office_today()).unwrap();
        items::create_disposition(&self.state.db, &self.ppid, d, Utc::now())
            .await
            .expect("created")
    }

    /// A "rahasia" disposition: seen only by its chain and the desk holding it.
    pub async fn create_confidential(&self) -> String {
        let mut form = self.disposition();
        form.confidential = true;
        let d = form.parse(office_today()).unwrap();
        items::create_disposition(&self.state.db, &self.ppid, d, Utc::now())
            .await
            .expect("created")
    }

    pub async fn version(&self, id: &str) -> i64 {
        items::detail(
            &self.state.db,
            &self.sekretaris,
            id,
            &items::AsOf::new(Utc::now(), app::domain::settings::OfficeSettings::defaults(OFFICE_ZONE)),
        )
        .await
        .unwrap()
        .version
    }

    /// The item's page as `who` reads it now.
    pub async fn detail_as(&self, who: &UserRow, id: &str) -> app::views::ItemDetail {
        items::detail(
            &self.state.db,
            who,
            id,
            &items::AsOf::new(Utc::now(), app::domain::settings::OfficeSettings::defaults(OFFICE_ZONE)),
        )
        .await
        .unwrap()
    }

    /// One move with the item's current version.
    pub async fn act(
        &self,
        who: &UserRow,
        id: &str,
        kind: ActionKind,
        input: MoveInput,
    ) -> Result<items::Moved, app::error::AppError> {
        let v = self.version(id).await;
        items::perform(&self.state.db, who, id, v, kind, &input, Utc::now())
            .await
            .map_err(|e| e.into_app())
    }

    /// A move that must succeed; returns the new state.
    pub async fn moved(&self, who: &UserRow, id: &str, kind: ActionKind, input: MoveInput) -> app::domain::State {
        self.act(who, id, kind, input)
            .await
            .unwrap_or_else(|e| panic!("{} {kind:?}: {e:?}", who.username))
            .state
    }

    /// A new item carried to verification (step 7), its draft titled `title`; returns its id.
    pub async fn at_verification(&self, title: &str) -> String {
        let id = self.create().await;
        self.assigned_to(&id, &self.staf).await;
        self.save_draft(&self.staf, &id, title).await;
        self.moved(&self.staf, &id, ActionKind::SubmitForCorrection, MoveInput::default())
            .await;
        self.moved(
            &self.sekretaris,
            &id,
            ActionKind::SendToVerification,
            MoveInput::default(),
        )
        .await;
        id
    }

    /// Steps 2 to 4: forwarded, accepted, and assigned to `staff`.
    pub async fn assigned_to(&self, id: &str, staff: &UserRow) {
        self.moved(
            &self.sekretaris,
            id,
            ActionKind::ForwardToSekretariat,
            MoveInput::default(),
        )
        .await;
        self.moved(&self.kepala, id, ActionKind::AcceptDisposition, MoveInput::default())
            .await;
        let input = MoveInput {
            staff: staff.key.clone(),
            ..Default::default()
        };
        self.moved(&self.kepala, id, ActionKind::AssignStaff, input).await;
    }

    /// Saves a draft over the revision stored now (as an editor who just opened the page).
    pub async fn save_draft(&self, who: &UserRow, id: &str, title: &str) -> i64 {
        self.save_form(who, id, &self.draft(title)).await.expect("draft saved")
    }

    /// Saves `form` over the revision stored now.
    pub async fn save_form(&self, who: &UserRow, id: &str, form: &DraftForm) -> Result<i64, AppError> {
        let rev = self.draft_rev(id).await;
        items::save_draft(&self.state.db, who, id, rev, form, office_today(), Utc::now())
            .await
            .map_err(|e| e.into_app())
    }

    /// The draft revision stored now.
    pub async fn draft_rev(&self, id: &str) -> i64 {
        let mut res = self
            .state
            .db
            .query("SELECT VALUE draft_rev FROM type::record('item', $id)")
            .bind(("id", id.to_string()))
            .await
            .expect("query");
        let revs: Vec<i64> = res.take(0).expect("draft_rev");
        revs.first().copied().expect("item exists")
    }

    /// A new item approved and ordered published (step 9 waits for the staff member).
    pub async fn publishing(&self, title: &str) -> String {
        let id = self.at_verification(title).await;
        self.moved(&self.verifikator, &id, ActionKind::Approve, MoveInput::default())
            .await;
        self.moved(
            &self.sekretaris,
            &id,
            ActionKind::OrderPublication,
            MoveInput::default(),
        )
        .await;
        id
    }

    /// An item through all nine steps with `World::draft`, published on its two channels.
    pub async fn published(&self, title: &str) -> String {
        let id = self.publishing(title).await;
        self.moved(&self.staf, &id, ActionKind::MarkPublished, World::links())
            .await;
        id
    }

    pub fn links() -> MoveInput {
        MoveInput {
            links: vec![
                (
                    "website".into(),
                    "https://ppid.karanganyarkab.go.id/berita/rapat-koordinasi".into(),
                ),
                ("instagram".into(), "https://www.instagram.com/p/C0ntoh123/".into()),
            ],
            ..Default::default()
        }
    }

    pub fn reason(r: &str) -> MoveInput {
        MoveInput {
            reason: r.into(),
            ..Default::default()
        }
    }

    pub fn staff(&self) -> MoveInput {
        MoveInput {
            staff: self.staf.key.clone(),
            ..Default::default()
        }
    }
}

/// The office's WordPress site as the administrator connects it.
pub fn website_connection() -> app::server::connections::NewConnection {
    app::server::connections::NewConnection {
        channel: app::domain::Channel::Website,
        kind: app::domain::outbox::ConnectorKind::WordPress,
        endpoint: "https://web.contoh.go.id".into(),
        account: "warta".into(),
        credential: "rahasia-aplikasi".into(),
        category: 0,
        api_version: String::new(),
        expires_at: None,
    }
}

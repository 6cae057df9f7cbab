//! The database refuses enum values the domain does not know: every id of every enum is written
//! through the schema's definitions and accepted, and one that is not an id is refused, so the
//! schema's lists and the Rust enums cannot drift apart unnoticed.
#![cfg(feature = "ssr")]

mod common;

use app::domain::{access, ActionKind, Channel, Instruction, KipCategory, NoticeKind, Role, State, Urgency};
use common::World;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI64, Ordering};

static SEQ: AtomicI64 = AtomicI64::new(1_000);

/// Runs `query` with `$v` bound to `value` (and `$id`, `$n` for the row it writes).
async fn write(w: &World, id: &str, query: &str, value: Value) -> Result<(), String> {
    w.state
        .db
        .query(query.to_string())
        .bind(("id", id.to_string()))
        .bind(("n", SEQ.fetch_add(1, Ordering::SeqCst)))
        .bind(("v", value))
        .await
        .and_then(app::server::db::failed_statement)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn ids<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> Vec<Value> {
    all.iter().map(|t| json!(id(*t))).collect()
}

/// One enum column: what it is, the statement that writes `$v` into it for the row `$id`, the row,
/// every id the domain has for it, and a value that is not one.
struct Column {
    what: &'static str,
    query: String,
    row: String,
    ids: Vec<Value>,
    stranger: Value,
}

fn audit_event_with(field: &str) -> String {
    let others = [
        ("role", "'sekretaris'"),
        ("action", "'approve'"),
        ("from_state", "'approved'"),
        ("to_state", "'publishing'"),
    ];
    let sets: Vec<String> = others
        .iter()
        .map(|(f, value)| {
            if *f == field {
                format!("{f} = $v")
            } else {
                format!("{f} = {value}")
            }
        })
        .collect();
    format!(
        "CREATE audit_event SET item = $id, seq = $n, at = time::now(), actor = 'a', actor_name = 'A', note = '', {}",
        sets.join(", ")
    )
}

#[tokio::test]
async fn enum_columns_accept_exactly_the_domains_ids() {
    let w = World::new().await;
    let item = w.create().await;
    let set = |field: &str| format!("UPDATE type::record('item', $id) SET {field} = $v");
    let states = || ids(&State::ALL, State::id);
    let roles = || ids(&Role::ALL, Role::id);
    let column = |what, query: String, row: &str, ids, stranger| Column {
        what,
        query,
        row: row.to_string(),
        ids,
        stranger,
    };
    let columns = [
        column("item.state", set("state"), &item, states(), json!("lost")),
        column("item.urgency", set("urgency"), &item, ids(Urgency::ALL, Urgency::id), json!("kilat")),
        column(
            "item.instructions",
            set("instructions"),
            &item,
            Instruction::ALL.iter().map(|i| json!([i.id()])).collect(),
            json!(["buat_materi", "bakar"]),
        ),
        column(
            "item.publications",
            set("publications"),
            &item,
            Channel::ALL
                .iter()
                .map(|c| json!([{ "channel": c.id(), "url": "https://contoh.go.id/a" }]))
                .collect(),
            json!([{ "channel": "friendster", "url": "https://contoh.go.id/a" }]),
        ),
        column(
            "item.kip_category",
            set("kip_category"),
            &item,
            ids(KipCategory::ALL, KipCategory::id),
            json!("rahasia_negara"),
        ),
        column("audit_event.role", audit_event_with("role"), &item, roles(), json!("lurah")),
        column(
            "audit_event.action",
            audit_event_with("action"),
            &item,
            ids(&ActionKind::ALL, ActionKind::id),
            json!("terbang"),
        ),
        column("audit_event.from_state", audit_event_with("from_state"), &item, states(), json!("lost")),
        column("audit_event.to_state", audit_event_with("to_state"), &item, states(), json!("lost")),
        column(
            "material_version.role",
            "CREATE material_version SET item = $id, number = $n, author = 'a', author_name = 'A', role = $v,
                draft = {}, created_at = time::now()"
                .into(),
            &item,
            roles(),
            json!("lurah"),
        ),
        column(
            "user.roles",
            "UPDATE type::record('user', $id) SET roles = $v".into(),
            &w.staf.key,
            Role::ALL.iter().map(|r| json!([r.id()])).collect(),
            json!(["lurah"]),
        ),
        column(
            "notification.kind",
            "CREATE notification SET user = 'u', item = $id, kind = $v, title = 't', actor_name = 'A', at = time::now()"
                .into(),
            &item,
            ids(&NoticeKind::ALL, NoticeKind::id),
            json!("spam"),
        ),
        // The public table: the public categories only, never "dikecualikan".
        column(
            "public_info.kip",
            "CREATE public_info SET key = $id + <string>$n, dip_no = <string>$n, agenda_no = 'x', title = 't',
                summary = 's', body_html = '', unit = 'u', responsible = 'r', made_date = '2026-01-01',
                made_place = 'p', form = 'f', retention = 'r', kip = $v, published_at = time::now(), year = 2026,
                links = [], search = ''"
                .into(),
            &item,
            access::public_categories().map(|k| json!(k.id())).collect(),
            json!("dikecualikan"),
        ),
    ];
    for c in columns {
        for v in &c.ids {
            write(&w, &c.row, &c.query, v.clone())
                .await
                .unwrap_or_else(|e| panic!("{}: {v} refused: {e}", c.what));
        }
        assert!(
            write(&w, &c.row, &c.query, c.stranger.clone()).await.is_err(),
            "{}: {} accepted",
            c.what,
            c.stranger
        );
    }
}

/// A database written by the previous version (schema up to migration 7, drafts and settings as
/// JSON text) is converted when the new version starts, and reads as before.
#[tokio::test]
async fn drafts_and_settings_written_as_text_by_the_previous_version_become_objects() {
    use app::domain::settings::OfficeSettings;
    use app::domain::time::OfficeZone;
    use app::server::db::{self, DbConfig};
    use app::server::items::{self, AsOf};

    let db = db::open_unmigrated(&DbConfig::memory("previous_version"))
        .await
        .unwrap();
    db::migrate_until(&db, 7).await.unwrap();
    let mut settings = OfficeSettings::defaults(OfficeZone::Wita);
    settings.dip_format = "PPID/{tahun}/{nomor}".into();
    let w = World::new().await;
    let draft = w
        .draft("Materi dari versi sebelumnya")
        .parse(common::office_today())
        .unwrap();
    let settings_text = serde_json::to_string(&settings).unwrap();
    let draft_text = serde_json::to_string(&draft).unwrap();
    db.query(
        "CREATE setting:office SET data = $settings, version = 3, updated_at = time::now(), updated_by = 'admin';
         CREATE setting_change SET version = 3, at = time::now(), actor = 'admin', actor_name = 'Admin', data = $settings;
         CREATE item:lama SET agenda_year = 2026, agenda_seq = 7, perihal = 'Rapat lama', activity_date = '2026-11-02',
            activity_place = 'Aula', urgency = 'biasa', confidential = false, instructions = ['buat_materi'],
            disposition_note = '', deadline = '2026-11-30', from_user = 'ppid', to_user = 'sek', state = 'in_correction',
            version = 6, participants = ['ppid', 'sek'], drafters = ['staf'], last_actor_name = 'Agus',
            created_at = time::now(), updated_at = time::now(), state_since = time::now(), draft = $draft,
            draft_dirty = false, material_versions = 1, title = 'Materi dari versi sebelumnya', publications = [];
         CREATE material_version SET item = 'lama', number = 1, author = 'staf', author_name = 'Agus',
            role = 'staf_sekretariat', draft = $draft, created_at = time::now();",
    )
    .bind(("settings", settings_text))
    .bind(("draft", draft_text))
    .await
    .and_then(db::failed_statement)
    .expect("the previous version's rows");

    db::migrate(&db).await.expect("the new version's migrations");

    let kinds: Vec<bool> = db
        .query(
            "RETURN [type::is_object((SELECT VALUE draft FROM ONLY item:lama)),
                     type::is_object((SELECT VALUE data FROM ONLY setting:office)),
                     type::is_object((SELECT VALUE draft FROM material_version)[0]),
                     type::is_object((SELECT VALUE data FROM setting_change)[0])]",
        )
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(kinds, vec![true; 4], "stored as objects");
    let (loaded, version) = app::server::settings::load_versioned(&db).await.unwrap();
    assert_eq!((loaded, version), (settings, 3), "the settings read back as they were");
    let form = app::views::UserForm {
        username: "sekretaris".into(),
        password: common::PASSWORD.into(),
        name: "Budi Sekretaris".into(),
        roles: vec![Role::Sekretaris.id().into()],
        ..Default::default()
    };
    let created = app::server::accounts::create_demo_user(&db, &form).await.unwrap();
    let sekretaris = app::server::accounts::find(&db, &created.id).await.unwrap().unwrap();
    let at = AsOf::load(&db, chrono::Utc::now()).await.unwrap();
    let detail = items::detail(&db, &sekretaris, "lama", &at).await.unwrap();
    assert_eq!(detail.draft, Some(draft.clone()), "the working draft reads back");
    assert_eq!(detail.versions.len(), 1);
    assert_eq!(detail.versions[0].draft, draft, "the recorded version too");
}

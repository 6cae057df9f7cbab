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

/// Every id is accepted, and a stranger is refused.
async fn only_these(w: &World, id: &str, what: &str, query: &str, ids: Vec<Value>, stranger: Value) {
    for v in ids {
        write(w, id, query, v.clone())
            .await
            .unwrap_or_else(|e| panic!("{what}: {v} refused: {e}"));
    }
    assert!(
        write(w, id, query, stranger.clone()).await.is_err(),
        "{what}: {stranger} accepted"
    );
}

fn ids<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> Vec<Value> {
    all.iter().map(|t| json!(id(*t))).collect()
}

#[tokio::test]
async fn enum_columns_accept_exactly_the_domains_ids() {
    let w = World::new().await;
    let item = w.create().await;
    let set = |field: &str| format!("UPDATE type::record('item', $id) SET {field} = $v");
    only_these(
        &w,
        &item,
        "item.state",
        &set("state"),
        ids(&State::ALL, State::id),
        json!("lost"),
    )
    .await;
    only_these(
        &w,
        &item,
        "item.urgency",
        &set("urgency"),
        ids(Urgency::ALL, Urgency::id),
        json!("kilat"),
    )
    .await;
    let instructions = Instruction::ALL.iter().map(|i| json!([i.id()])).collect();
    only_these(
        &w,
        &item,
        "item.instructions",
        &set("instructions"),
        instructions,
        json!(["buat_materi", "bakar"]),
    )
    .await;
    let links = Channel::ALL
        .iter()
        .map(|c| json!([{ "channel": c.id(), "url": "https://contoh.go.id/a" }]))
        .collect();
    let bad_link = json!([{ "channel": "friendster", "url": "https://contoh.go.id/a" }]);
    only_these(&w, &item, "item.publications", &set("publications"), links, bad_link).await;
    let kips = KipCategory::ALL.iter().map(|k| json!(k.id())).collect();
    only_these(
        &w,
        &item,
        "item.kip_category",
        &set("kip_category"),
        kips,
        json!("rahasia_negara"),
    )
    .await;

    let audit = |field: &str| {
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
    };
    only_these(
        &w,
        &item,
        "audit_event.role",
        &audit("role"),
        ids(&Role::ALL, Role::id),
        json!("lurah"),
    )
    .await;
    only_these(
        &w,
        &item,
        "audit_event.action",
        &audit("action"),
        ids(&ActionKind::ALL, ActionKind::id),
        json!("terbang"),
    )
    .await;
    only_these(
        &w,
        &item,
        "audit_event.from_state",
        &audit("from_state"),
        ids(&State::ALL, State::id),
        json!("lost"),
    )
    .await;
    only_these(
        &w,
        &item,
        "audit_event.to_state",
        &audit("to_state"),
        ids(&State::ALL, State::id),
        json!("lost"),
    )
    .await;

    let version = "CREATE material_version SET item = $id, number = $n, author = 'a', author_name = 'A', role = $v,
        draft = '{}', created_at = time::now()";
    only_these(
        &w,
        &item,
        "material_version.role",
        version,
        ids(&Role::ALL, Role::id),
        json!("lurah"),
    )
    .await;
    let roles = Role::ALL.iter().map(|r| json!([r.id()])).collect();
    let user = w.staf.key.clone();
    only_these(
        &w,
        &user,
        "user.roles",
        "UPDATE type::record('user', $id) SET roles = $v",
        roles,
        json!(["lurah"]),
    )
    .await;
    let notice =
        "CREATE notification SET user = 'u', item = $id, kind = $v, title = 't', actor_name = 'A', at = time::now()";
    only_these(
        &w,
        &item,
        "notification.kind",
        notice,
        ids(&NoticeKind::ALL, NoticeKind::id),
        json!("spam"),
    )
    .await;

    // The public table: the public categories only, never "dikecualikan".
    let public = "CREATE public_info SET key = $id + <string>$n, dip_no = <string>$n, agenda_no = 'x', title = 't', summary = 's',
        body_html = '', unit = 'u', responsible = 'r', made_date = '2026-01-01', made_place = 'p', form = 'f',
        retention = 'r', kip = $v, published_at = time::now(), year = 2026, links = [], search = ''";
    let public_kips = access::public_categories().map(|k| json!(k.id())).collect();
    only_these(&w, &item, "public_info.kip", public, public_kips, json!("dikecualikan")).await;
}

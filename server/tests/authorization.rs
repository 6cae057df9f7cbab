//! Every server function and every HTTP route, called with no session and then as each role, each
//! time with a request that would succeed for someone allowed: the exact set of (route, caller)
//! pairs that succeed is the table below. (The application's pages render through these server
//! functions and answer every visitor; what they show is decided here.) Removing any single authorisation check in the
//! code adds pairs to the answered set, and this test fails naming them.
#![cfg(feature = "ssr")]

mod common;

use app::domain::ActionKind as A;
use app::server::settings;
use app::views::{MoveInput, UserForm};
use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use common::oneshot::{app, call, login};
use common::World;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    Ppid,
    Sekretaris,
    Sekretariat,
    Staf,
    Verifikator,
    Admin,
}
use Who::*;

const CALLERS: [Who; 7] = [Anonymous, Ppid, Sekretaris, Sekretariat, Staf, Verifikator, Admin];
const SIGNED_IN: &[Who] = &[Ppid, Sekretaris, Sekretariat, Staf, Verifikator, Admin];
const WORKFLOW: &[Who] = &[Ppid, Sekretaris, Sekretariat, Staf, Verifikator];
const EVERYONE: &[Who] = &CALLERS;
const REPORT_READERS: &[Who] = &[Ppid, Sekretaris, Sekretariat, Verifikator, Admin];

/// A route and who may use it.
const TABLE: &[(&str, &[Who])] = &[
    // Server functions (POST, JSON).
    ("/api/login", EVERYONE),
    ("/api/logout", EVERYONE),
    ("/api/me", EVERYONE),
    ("/api/tasks", SIGNED_IN),
    ("/api/items", SIGNED_IN),
    ("/api/item", WORKFLOW),
    ("/api/item/seen", WORKFLOW),
    ("/api/item/link", &[Staf]),
    // The navigation's count and the bell answer a visitor with none (the login page shows both).
    ("/api/tasks/count", EVERYONE),
    ("/api/dashboard", SIGNED_IN),
    ("/api/notifications", EVERYONE),
    ("/api/notifications/read", SIGNED_IN),
    ("/api/recipients", &[Ppid]),
    ("/api/disposition", &[Ppid]),
    ("/api/move", &[Sekretaris]),
    ("/api/draft", &[Staf]),
    ("/api/admin/users", &[Admin]),
    ("/api/admin/create-user", &[Admin]),
    ("/api/admin/update-user", &[Admin]),
    ("/api/admin/reset-password", &[Admin]),
    ("/api/admin/set-active", &[Admin]),
    ("/api/admin/open-dispositions", &[Admin]),
    ("/api/settings", SIGNED_IN),
    ("/api/admin/settings", &[Admin]),
    ("/api/admin/holidays", &[Admin]),
    ("/api/report", REPORT_READERS),
    ("/api/register", SIGNED_IN),
    // Plain routes (GET).
    ("GET /api/live", SIGNED_IN),
    ("GET /laporan/ekspor?format=xlsx", REPORT_READERS),
    ("GET /daftar-informasi/ekspor?format=xlsx", SIGNED_IN),
    ("GET /admin/cadangan", &[Admin]),
    ("GET /healthz", EVERYONE),
    ("GET /informasi", EVERYONE),
    ("GET /informasi/feed.atom", EVERYONE),
    ("GET /informasi/{published}", EVERYONE),
    ("GET /portal.css", EVERYONE),
    ("GET /dip", EVERYONE),
    ("GET /dip.csv", EVERYONE),
    ("GET /dip.json", EVERYONE),
    ("GET /dip.xlsx", EVERYONE),
    ("GET /sitemap.xml", EVERYONE),
    ("GET /robots.txt", EVERYONE),
];

static N: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}{}", N.fetch_add(1, Ordering::SeqCst))
}

fn user_form() -> UserForm {
    UserForm {
        username: unique("pegawai"),
        password: "kata-sandi-baru-2026".into(),
        name: "Pegawai Uji".into(),
        nip: "198001012005011001".into(),
        position: "Staf".into(),
        roles: vec!["staf_sekretariat".into()],
    }
}

/// The body of a request that succeeds for a caller who is allowed, made fresh for each call
/// (a new item for a move, a new account to update), so that one call cannot spoil the next.
async fn body_for(w: &World, route: &str) -> Value {
    match route {
        "/api/login" => json!({ "username": "ppid", "password": common::PASSWORD }),
        "/api/items" => json!({ "step": null, "search": "" }),
        "/api/item" | "/api/item/seen" => json!({ "id": w.create().await }),
        "/api/item/link" => json!({ "id": w.publishing("Materi uji hak akses tautan").await, "channel": "website",
                                    "url": "https://ppid.karanganyarkab.go.id/berita/uji" }),
        "/api/disposition" => json!({ "form": w.disposition() }),
        "/api/move" => {
            let id = w.create().await;
            json!({ "id": id, "version": w.version(&id).await, "action": A::ForwardToSekretariat.id(),
                    "input": MoveInput::default() })
        }
        "/api/draft" => {
            let id = w.create().await;
            w.assigned_to(&id, &w.staf).await;
            json!({ "id": id, "rev": w.draft_rev(&id).await, "form": w.draft("Materi uji hak akses") })
        }
        "/api/admin/create-user" => json!({ "form": user_form() }),
        "/api/admin/update-user" | "/api/admin/reset-password" | "/api/admin/set-active" => {
            let target = common::user(
                &w.state,
                &unique("sasaran"),
                "Sasaran",
                &[app::domain::Role::StafSekretariat],
            )
            .await;
            let mut form = user_form();
            form.username = target.username.clone();
            form.password = String::new();
            json!({ "id": target.key, "form": form, "password": "kata-sandi-baru-2026", "active": true })
        }
        "/api/admin/settings" => {
            let (current, version) = settings::load_versioned(&w.state.db).await.unwrap();
            json!({ "version": version, "form": current.form() })
        }
        "/api/admin/holidays" => {
            let (_, version) = settings::load_versioned(&w.state.db).await.unwrap();
            json!({ "version": version, "year": 2026, "lines": "2026-12-25 Hari Raya Natal" })
        }
        "/api/report" => json!({ "from": "", "to": "" }),
        "/api/register" => json!({ "filter": {} }),
        _ => json!({}),
    }
}

/// A GET's status, without reading the body (the live stream never ends).
async fn get_status(app: &Router, path: &str, cookie: Option<&str>) -> u16 {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    res.status().as_u16()
}

#[tokio::test]
async fn every_route_answers_exactly_the_callers_allowed() {
    let w = World::new().await;
    let app = app(&w);
    let mut cookies = vec![None];
    for username in ["ppid", "sekretaris", "sekretariat", "staf", "verifikator", "admin"] {
        cookies.push(Some(login(&app, username).await));
    }
    let published = w.published("Informasi terbuka untuk semua").await;
    let mut answered = BTreeSet::new();
    let mut expected = BTreeSet::new();
    let mut refusals = Vec::new();
    for (route, allowed) in TABLE {
        for (who, cookie) in CALLERS.iter().zip(&cookies) {
            if allowed.contains(who) {
                expected.insert((*route, *who));
            }
            let status = match route.strip_prefix("GET ") {
                Some(path) => {
                    let path = path.replace("{published}", &published);
                    get_status(&app, &path, cookie.as_deref()).await
                }
                None => {
                    let body = body_for(&w, route).await;
                    // Logging in or out with a session of the table's would end it: use none.
                    let cookie = if matches!(*route, "/api/login" | "/api/logout") {
                        None
                    } else {
                        cookie.as_deref()
                    };
                    call(&app, route, cookie, body).await.status.as_u16()
                }
            };
            if (200..300).contains(&status) {
                answered.insert((*route, *who));
            } else {
                refusals.push((*route, *who, status));
            }
        }
    }
    let extra: Vec<_> = answered.difference(&expected).collect();
    let missing: Vec<_> = expected.difference(&answered).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "answered but not allowed: {extra:?}\nallowed but refused: {missing:?}\nrefusals: {refusals:?}"
    );
    // A refusal is 401 without a session, and 403 with one (404 for an item one may not see).
    for (route, who, status) in refusals {
        let ok = match who {
            Anonymous => status == 401,
            _ => {
                status == 403
                    || (status == 404
                        && matches!(
                            route,
                            "/api/item" | "/api/item/seen" | "/api/item/link" | "/api/move" | "/api/draft"
                        ))
            }
        };
        assert!(ok, "{route} as {who:?}: {status}");
    }
}

//! The Daftar Informasi Publik and the public portal against a real (in-memory) SurrealDB:
//! register fields required at verification, DIP numbers unique under concurrency, the portal
//! showing exactly the published, non-exempt items, and no public route leaking the rest.
#![cfg(feature = "ssr")]

mod common;

use app::domain::register::RegisterFields;
use app::domain::{ActionKind as A, DraftForm, KipCategory, State};
use app::server::items;
use app::server::public::DipRecord;
use app::views::MoveInput;
use axum::http::StatusCode;
use chrono::Utc;
use common::oneshot::{app, get};
use common::World;

fn register() -> RegisterFields {
    RegisterFields {
        unit: "Dinas Komunikasi dan Informatika".into(),
        responsible: "Kepala Bidang Informasi dan Komunikasi Publik".into(),
        form: "keduanya".into(),
        retention: "5 tahun".into(),
        consequence_test: String::new(),
    }
}

fn draft(w: &World, title: &str, kip: &str, register: RegisterFields) -> DraftForm {
    DraftForm {
        kip_category: kip.into(),
        register,
        ..w.draft(title)
    }
}

/// Steps 1 to 6 with the given material: the item waits for verification.
async fn at_verification(w: &World, form: &DraftForm) -> String {
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    items::save_draft(
        &w.state.db,
        &w.staf,
        &id,
        w.draft_rev(&id).await,
        form,
        common::office_today(),
        Utc::now(),
    )
    .await
    .map_err(|e| e.into_app())
    .unwrap();
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;
    w.moved(&w.sekretaris, &id, A::SendToVerification, MoveInput::default())
        .await;
    id
}

async fn published(w: &World, form: &DraftForm) -> String {
    let id = at_verification(w, form).await;
    w.moved(&w.verifikator, &id, A::Approve, MoveInput::default()).await;
    w.moved(&w.sekretaris, &id, A::OrderPublication, MoveInput::default())
        .await;
    w.moved(&w.staf, &id, A::MarkPublished, World::links()).await;
    id
}

async fn dip_no(w: &World, id: &str) -> Option<String> {
    let at = items::AsOf::load(&w.state.db, Utc::now()).await.unwrap();
    items::detail(&w.state.db, &w.sekretaris, id, &at).await.unwrap().dip_no
}

#[tokio::test]
async fn verification_requires_the_register_and_numbers_the_item() {
    let w = World::new().await;
    let incomplete = draft(
        &w,
        "Rapat koordinasi tanpa register",
        "berkala",
        RegisterFields::default(),
    );
    let id = at_verification(&w, &incomplete).await;
    let refused = w
        .act(&w.verifikator, &id, A::Approve, MoveInput::default())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 422);
    let message = refused.to_string();
    for label in ["Pejabat atau unit", "Penanggung jawab", "Bentuk informasi", "retensi"] {
        assert!(message.contains(label), "{message}");
    }
    assert_eq!(dip_no(&w, &id).await, None, "nothing changed");

    // Returned, the Sekretaris completes the register, and verification passes.
    w.moved(
        &w.verifikator,
        &id,
        A::ReturnForRevision,
        World::reason("Lengkapi isian DIP."),
    )
    .await;
    let complete = draft(&w, "Rapat koordinasi tanpa register", "berkala", register());
    items::save_draft(
        &w.state.db,
        &w.sekretaris,
        &id,
        w.draft_rev(&id).await,
        &complete,
        common::office_today(),
        Utc::now(),
    )
    .await
    .map_err(|e| e.into_app())
    .unwrap();
    w.moved(&w.sekretaris, &id, A::SendToVerification, MoveInput::default())
        .await;
    w.moved(&w.verifikator, &id, A::Approve, MoveInput::default()).await;
    let year = common::office_year();
    assert_eq!(dip_no(&w, &id).await, Some(format!("DIP/{year}/0001")));

    // The admin's format applies to the next number; the year's count goes on.
    let (current, version) = app::server::settings::load_versioned(&w.state.db).await.unwrap();
    let custom = app::domain::settings::OfficeSettings {
        dip_format: "{nomor}/PPID-KAB/{tahun}".into(),
        ..current
    };
    app::server::settings::save(&w.state.db, &w.admin, &custom, version, Utc::now())
        .await
        .unwrap();
    let next = at_verification(&w, &draft(&w, "Kegiatan kedua", "berkala", register())).await;
    w.moved(&w.verifikator, &next, A::Approve, MoveInput::default()).await;
    assert_eq!(dip_no(&w, &next).await, Some(format!("0002/PPID-KAB/{year}")));

    // Exempt information is not approved for publication: the Bidang classifies it instead.
    let exempt = draft(&w, "Dokumen penyelidikan", "dikecualikan", register());
    let id = at_verification(&w, &exempt).await;
    let refused = w
        .act(&w.verifikator, &id, A::Approve, MoveInput::default())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 422);
    assert!(refused.to_string().contains("Tetapkan Dikecualikan"), "{refused}");
    assert_eq!(w.version(&id).await, 6, "nothing changed");
}

const CONSEQUENCE: &str =
    "Membuka informasi ini dapat menghambat proses penegakan hukum (Pasal 17 huruf a UU 14/2008).";

/// Steps 1 to 7 with the Bidang classifying the material as exempt.
async fn exempted(w: &World, form: &DraftForm) -> String {
    let id = at_verification(w, form).await;
    let state = w
        .moved(&w.verifikator, &id, A::ClassifyExempt, World::reason(CONSEQUENCE))
        .await;
    assert_eq!(state, State::Exempt);
    id
}

/// UU 14/2008: exempt information is classified at verification with its consequence test, and
/// closes as "Dikecualikan, tidak dipublikasikan": no DIP number, no publication links, in the
/// register's list of exempt information, told to the chain.
#[tokio::test]
async fn exempt_information_closes_at_verification_and_is_never_published() {
    let w = World::new().await;
    // Proposed as public by the drafter; the Bidang decides it is exempt.
    let id = at_verification(&w, &draft(&w, "Berkas pemeriksaan internal", "berkala", register())).await;
    let refused = w
        .act(&w.verifikator, &id, A::ClassifyExempt, World::reason("Rahasia negara."))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 422, "a consequence test is more than a word");
    assert!(refused.to_string().contains("Uji konsekuensi"), "{refused}");
    // Only the Bidang classifies; the drafter never judges their own material.
    let refused = w
        .act(&w.sekretaris, &id, A::ClassifyExempt, World::reason(CONSEQUENCE))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 403);
    assert_eq!(w.version(&id).await, 6, "nothing changed");

    let state = w
        .moved(&w.verifikator, &id, A::ClassifyExempt, World::reason(CONSEQUENCE))
        .await;
    assert_eq!(state, State::Exempt);
    assert!(state.is_closed());
    assert_eq!(dip_no(&w, &id).await, None, "exempt information gets no DIP number");

    // Closed: no move is left, publication least of all.
    for (who, kind, input) in [
        (&w.sekretaris, A::OrderPublication, MoveInput::default()),
        (&w.staf, A::MarkPublished, World::links()),
        (&w.ppid, A::Cancel, World::reason("Tidak jadi.")),
    ] {
        let refused = w.act(who, &id, kind, input).await.unwrap_err();
        assert_eq!(refused.status(), 409, "{kind:?}");
    }
    let at = items::AsOf::load(&w.state.db, Utc::now()).await.unwrap();
    let detail = items::detail(&w.state.db, &w.staf, &id, &at).await.unwrap();
    assert_eq!(detail.state, State::Exempt);
    assert!(detail.actions.is_empty());
    assert!(detail.publications.is_empty(), "no publication link is ever asked for");
    let recorded = detail.draft.unwrap();
    assert_eq!(recorded.kip_category, KipCategory::Dikecualikan);
    assert_eq!(recorded.register.consequence_test, CONSEQUENCE);
    let last = detail.events.last().unwrap();
    assert_eq!((last.action, last.to_state), (A::ClassifyExempt, State::Exempt));
    assert_eq!(last.note, CONSEQUENCE, "the audit trail holds the consequence test");

    // The chain hears how it ended.
    for who in [&w.ppid, &w.sekretaris, &w.staf] {
        let n = app::server::notices::list(&w.state.db, who).await.unwrap();
        assert_eq!(n.latest[0].kind, app::domain::NoticeKind::Exempt, "{}", who.username);
    }

    // The register's list of exempt information, with the test; not among the published or
    // those in process.
    let rows = |status: &str| {
        let filter = app::views::RegisterFilter {
            status: status.into(),
            ..Default::default()
        };
        let db = w.state.db.clone();
        let me = w.sekretaris.clone();
        async move {
            app::server::register::rows(&db, &me, &filter, Default::default())
                .await
                .unwrap()
        }
    };
    let listed = rows("dikecualikan").await;
    assert_eq!(
        listed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec![id.as_str()]
    );
    assert_eq!(listed[0].consequence_test, CONSEQUENCE);
    assert_eq!(listed[0].exempt_on, Some(common::office_today()));
    assert!(rows("terbit").await.is_empty());
    assert!(rows("proses").await.is_empty());

    // The report counts it as exempt, not finished; step 7 was worked.
    let today = common::office_today();
    let period = app::domain::report::Period { from: today, to: today };
    let report = app::server::reports::report(&w.state.db, period).await.unwrap();
    assert_eq!((report.exempt, report.finished, report.cancelled), (1, 0, 0));
    assert_eq!(report.steps[6].count, 1);
}

#[tokio::test]
async fn dip_numbers_stay_unique_under_concurrent_approvals() {
    let w = std::sync::Arc::new(World::new().await);
    let mut ids = Vec::new();
    for k in 0..10 {
        ids.push(at_verification(&w, &draft(&w, &format!("Kegiatan serentak {k}"), "berkala", register())).await);
    }
    let approvals = ids.iter().cloned().map(|id| {
        let w = w.clone();
        tokio::spawn(async move { w.act(&w.verifikator, &id, A::Approve, MoveInput::default()).await })
    });
    for r in futures::future::join_all(approvals).await {
        r.unwrap().expect("every approval succeeds");
    }
    let mut numbers = Vec::new();
    for id in &ids {
        numbers.push(dip_no(&w, id).await.expect("numbered"));
    }
    numbers.sort();
    let year = common::office_year();
    let expected: Vec<String> = (1..=10).map(|n| format!("DIP/{year}/{n:04}")).collect();
    assert_eq!(numbers, expected, "unique, none skipped");
}

/// Two public items, one exempt, one verified but not yet published, one still drafting.
async fn portal_world() -> (World, Vec<String>, Vec<String>) {
    let w = World::new().await;
    let a = published(
        &w,
        &draft(&w, "Sosialisasi keterbukaan informasi", "berkala", register()),
    )
    .await;
    let hidden = DraftForm {
        body: "Warga diminta waspada.\n\n<!-- catatan internal tersembunyixyz -->".into(),
        ..draft(&w, "Peringatan dini banjir bandang", "serta_merta", register())
    };
    let b = published(&w, &hidden).await;
    let exempt_register = RegisterFields {
        consequence_test:
            "Membuka informasi ini dapat menghambat proses penegakan hukum (Pasal 17 huruf a UU 14/2008).".into(),
        ..register()
    };
    let c = exempted(
        &w,
        &draft(&w, "Berkas penyidikan rahasiaxyz", "dikecualikan", exempt_register),
    )
    .await;
    let d = at_verification(
        &w,
        &draft(&w, "Materi belum terbit belumterbitxyz", "berkala", register()),
    )
    .await;
    w.moved(&w.verifikator, &d, A::Approve, MoveInput::default()).await;
    let e = w.create().await;
    (w, vec![a, b], vec![c, d, e])
}

#[tokio::test]
async fn the_portal_shows_exactly_the_published_public_items_with_the_register_values() {
    let (w, public, hidden) = portal_world().await;
    let app = app(&w);
    let (status, kind, body) = get(&app, "/informasi", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/html"));
    let html = String::from_utf8(body).unwrap();
    assert_eq!(html.matches("data-testid=\"public-item\"").count(), 2);
    assert!(html.contains("Sosialisasi keterbukaan informasi") && html.contains("Peringatan dini banjir bandang"));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://ppid.contoh.go.id/informasi\""));

    // What the page does not show is not found either (a comment in the body).
    let (_, _, body) = get(&app, "/informasi?q=tersembunyixyz", None).await;
    assert_eq!(
        String::from_utf8(body)
            .unwrap()
            .matches("data-testid=\"public-item\"")
            .count(),
        0
    );
    let (_, _, body) = get(&app, "/informasi?q=waspada", None).await;
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("Peringatan dini banjir bandang"));
    // Search finds by words of the title or body.
    let (_, _, body) = get(&app, "/informasi?q=banjir", None).await;
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("Peringatan dini banjir bandang") && !html.contains("Sosialisasi keterbukaan"));
    // Other forms of the same Indonesian word find it too.
    for q in ["terbuka", "keterbukaan", "menyosialisasikan", "kehadiran"] {
        let (_, _, body) = get(&app, &format!("/informasi?q={q}"), None).await;
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("Sosialisasi keterbukaan informasi"), "{q}");
    }
    let (_, _, body) = get(&app, "/informasi?kategori=berkala", None).await;
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("Sosialisasi keterbukaan") && !html.contains("banjir bandang"));
    let (status, _, body) = get(&app, "/informasi?kategori=dikecualikan", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("Kategori informasi tidak dikenal"));

    // The item page and the open data carry the register's values.
    let (status, _, body) = get(&app, &format!("/informasi/{}", public[0]), None).await;
    assert_eq!(status, StatusCode::OK);
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("Sosialisasi keterbukaan informasi"));
    assert!(
        html.contains("https://ppid.karanganyarkab.go.id/berita/rapat-koordinasi"),
        "links to the posts"
    );
    let (status, kind, body) = get(&app, "/dip.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("application/json"));
    let records: Vec<DipRecord> = serde_json::from_slice(&body).unwrap();
    assert_eq!(records.len(), 2);
    let year = common::office_year();
    for r in &records {
        assert!(r.nomor.starts_with(&format!("DIP/{year}/")));
        assert_eq!(r.pejabat_atau_unit, register().unit);
        assert_eq!(r.penanggung_jawab, register().responsible);
        assert_eq!(r.bentuk_informasi, "Softcopy dan hardcopy");
        assert_eq!(r.jangka_waktu_penyimpanan, "5 tahun");
        assert_eq!(r.tempat_pembuatan, "Aula Kantor Bupati");
        assert_eq!(r.ringkasan_isi_informasi, w.draft("x").summary);
    }
    for (i, id) in public.iter().enumerate() {
        assert_eq!(
            dip_no(&w, id).await.as_deref(),
            records.iter().rev().nth(i).map(|r| r.nomor.as_str())
        );
    }
    // The same values as the internal register's published rows.
    let published = app::views::RegisterFilter {
        status: "terbit".into(),
        ..Default::default()
    };
    let register_rows = app::server::register::rows(&w.state.db, &w.sekretaris, &published, Default::default())
        .await
        .unwrap();
    let internal: Vec<_> = register_rows
        .iter()
        .filter(|r| r.kip != Some(app::domain::KipCategory::Dikecualikan))
        .map(|r| {
            (
                r.dip_no.clone().unwrap(),
                r.summary.clone(),
                r.unit.clone(),
                r.responsible.clone(),
                r.form.clone(),
                r.retention.clone(),
            )
        })
        .collect();
    let portal: Vec<_> = records
        .iter()
        .map(|r| {
            (
                r.nomor.clone(),
                r.ringkasan_isi_informasi.clone(),
                r.pejabat_atau_unit.clone(),
                r.penanggung_jawab.clone(),
                r.bentuk_informasi.clone(),
                r.jangka_waktu_penyimpanan.clone(),
            )
        })
        .collect();
    assert_eq!(internal, portal);
    assert_eq!(register_rows.len(), 2);
    let everything = app::server::register::rows(&w.state.db, &w.sekretaris, &Default::default(), Default::default())
        .await
        .unwrap();
    assert!(
        everything.iter().any(|r| r.id == hidden[0] && r.state == State::Exempt),
        "the register also lists the exempt item"
    );
    let berkala = register_rows
        .iter()
        .find(|r| r.kip == Some(app::domain::KipCategory::Berkala))
        .unwrap();
    assert!(berkala
        .due
        .is_some_and(|d| d > common::office_today() + chrono::Duration::days(170)));

    let (_, _, body) = get(&app, "/dip.csv", None).await;
    let csv = String::from_utf8(body).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("Nomor;Ringkasan isi informasi;Pejabat atau unit"));
    let first: Vec<&str> = lines.next().unwrap().split(';').collect();
    assert_eq!(first[0], records[0].nomor);
    assert_eq!(first[2], register().unit);

    use calamine::{Data, Reader, Xlsx};
    let (_, _, body) = get(&app, "/dip.xlsx", None).await;
    let mut book = Xlsx::new(std::io::Cursor::new(body)).unwrap();
    let sheet = book.worksheet_range("Daftar Informasi Publik").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0], Data::String(records[0].nomor.clone()));
    assert_eq!(rows[1][7], Data::String("5 tahun".into()));
}

#[tokio::test]
async fn exempt_or_unpublished_items_are_unreachable_by_every_public_route() {
    let (w, public, hidden) = portal_world().await;
    let app = app(&w);
    let routes = [
        "/informasi",
        "/informasi?q=rahasiaxyz",
        "/informasi?q=belumterbitxyz",
        "/informasi?q=penyidikan",
        "/informasi/feed.atom",
        "/sitemap.xml",
        "/dip",
        "/dip.csv",
        "/dip.json",
        "/dip.xlsx",
    ];
    for route in routes {
        let (status, _, body) = get(&app, route, None).await;
        assert_eq!(status, StatusCode::OK, "{route}");
        let text = String::from_utf8_lossy(&body);
        for id in &hidden {
            assert!(!text.contains(id.as_str()), "{route} leaks {id}");
        }
        if route.contains("?q=") {
            // The search box repeats the words asked for; no result may answer them.
            assert_eq!(text.matches("data-testid=\"public-item\"").count(), 0, "{route}");
            assert!(text.contains("0 informasi ditemukan"), "{route}");
        } else {
            for word in ["rahasiaxyz", "belumterbitxyz", "penyidikan"] {
                assert!(!text.contains(word), "{route} leaks {word}");
            }
        }
    }
    for id in &hidden {
        let (status, _, _) = get(&app, &format!("/informasi/{id}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
    }
    // The public ones are in the feed and the sitemap.
    let (_, kind, feed) = get(&app, "/informasi/feed.atom", None).await;
    assert!(kind.starts_with("application/atom+xml"));
    let feed: atom_syndication::Feed = String::from_utf8(feed).unwrap().parse().expect("a valid Atom feed");
    assert_eq!(feed.entries().len(), 2);
    let (_, _, sitemap) = get(&app, "/sitemap.xml", None).await;
    let sitemap = String::from_utf8(sitemap).unwrap();
    for id in &public {
        assert!(sitemap.contains(&format!("https://ppid.contoh.go.id/informasi/{id}")));
    }
}

#[tokio::test]
async fn berkala_information_falls_due_on_the_ppid_desk_and_serta_merta_goes_first() {
    use app::domain::settings::OfficeSettings;
    use app::server::dashboard::dashboard;
    let w = World::new().await;
    let id = published(&w, &draft(&w, "Laporan keuangan semester", "berkala", register())).await;
    let db = &w.state.db;
    let at = |days: i64| {
        items::AsOf::new(
            Utc::now() + chrono::Duration::days(days),
            OfficeSettings::defaults(Default::default()),
        )
    };
    assert!(
        dashboard(db, &w.ppid, &at(0)).await.unwrap().berkala_due.is_empty(),
        "just published"
    );
    // Six months on it must be announced again: shown from 30 days before.
    let soon = dashboard(db, &w.ppid, &at(170)).await.unwrap().berkala_due;
    assert_eq!(
        soon.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        vec![id.as_str()]
    );
    assert!(!soon[0].overdue);
    assert!(dashboard(db, &w.ppid, &at(200)).await.unwrap().berkala_due[0].overdue);
    assert!(
        dashboard(db, &w.sekretaris, &at(170))
            .await
            .unwrap()
            .berkala_due
            .is_empty(),
        "the PPID's list"
    );

    // A "serta merta" item waiting at a desk is first on it, and marked.
    let ordinary = at_verification(&w, &draft(&w, "Kegiatan rutin", "berkala", register())).await;
    let urgent = at_verification(&w, &draft(&w, "Peringatan cuaca ekstrem", "serta_merta", register())).await;
    let tasks = items::my_tasks(db, &w.verifikator, &at(0)).await.unwrap();
    let ids: Vec<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, vec![urgent.as_str(), ordinary.as_str()]);
    assert!(tasks[0].serta_merta && !tasks[1].serta_merta);
}

#[tokio::test]
async fn the_portal_pages_newest_first() {
    use app::server::public::{InfoRow, LinkRow};
    let w = World::new().await;
    let start = Utc::now() - chrono::Duration::days(100);
    let rows: Vec<InfoRow> = (0..45)
        .map(|n| InfoRow {
            key: format!("item{n:03}"),
            dip_no: format!("DIP/2026/{n:04}"),
            agenda_no: format!("{n:04}/DISP/2026"),
            title: format!("Kegiatan nomor {n:03}"),
            summary: "Ringkasan".into(),
            body_html: "<p>Isi</p>".into(),
            unit: "Diskominfo".into(),
            responsible: "Kabid".into(),
            made_date: "2026-01-01".into(),
            made_place: "Aula".into(),
            form: "Softcopy".into(),
            retention: "5 tahun".into(),
            kip: if n % 3 == 0 { "serta_merta" } else { "berkala" }.into(),
            published_at: start + chrono::Duration::days(n),
            year: 2026,
            links: vec![LinkRow {
                channel: "website".into(),
                url: "https://contoh.go.id".into(),
            }],
            media: vec![],
            search: app::server::public::search_terms(&format!("kegiatan nomor {n:03} rapat")),
        })
        .collect();
    w.state
        .db
        .query("FOR $r IN $rows { CREATE type::record('public_info', [$r.published_at, $r.key]) CONTENT $r; }")
        .bind(("rows", rows))
        .await
        .unwrap()
        .check()
        .unwrap();
    let app = app(&w);
    let page = |path: String| {
        let app = app.clone();
        async move { String::from_utf8(get(&app, &path, None).await.2).unwrap() }
    };
    let titles = |html: &str| -> Vec<String> {
        html.split("data-testid=\"public-item\"")
            .skip(1)
            .map(|a| a.split("Kegiatan nomor ").nth(1).unwrap()[..3].to_string())
            .collect()
    };
    let first = page("/informasi".into()).await;
    assert!(first.contains("45 informasi ditemukan"));
    assert_eq!(
        titles(&first),
        (25..45).rev().map(|n| format!("{n:03}")).collect::<Vec<_>>()
    );
    assert!(first.contains("rel=\"next\" href=\"/informasi?halaman=2\""));
    let third = page("/informasi?halaman=3".into()).await;
    assert_eq!(titles(&third), vec!["004", "003", "002", "001", "000"]);
    assert!(!third.contains("rel=\"next\"") && third.contains("rel=\"prev\""));
    // Filtered and searched lists page the same way, newest first.
    let filtered = page("/informasi?kategori=serta_merta".into()).await;
    assert_eq!(titles(&filtered).len(), 15);
    assert_eq!(titles(&filtered)[0], "042");
    let searched = page("/informasi?q=rapat&halaman=2".into()).await;
    assert!(searched.contains("45 informasi ditemukan"));
    assert_eq!(titles(&searched)[0], "024");
    let (status, ..) = get(&app, "/informasi?halaman=nol", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn portal_pages_share_one_layout_stylesheet_and_error_page() {
    let w = World::new().await;
    let app = app(&w);
    let (status, _, list) = get(&app, "/informasi", None).await;
    assert_eq!(status, StatusCode::OK);
    let list = String::from_utf8(list).unwrap();
    let href = list
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page links the portal's stylesheet")
        .to_string();
    assert!(href.starts_with("/portal.css?v="), "{href}");
    assert!(!list.contains("<style"), "no inline CSS");
    let (status, kind, css) = get(&app, &href, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/css"), "{kind}");
    assert!(String::from_utf8(css).unwrap().contains("@page"));

    // A missing item (404) and a bad filter (400) get the same error page, not indexed.
    for (path, expected, says) in [
        ("/informasi/tidakada", StatusCode::NOT_FOUND, "tidak ditemukan"),
        ("/informasi?tahun=abc", StatusCode::BAD_REQUEST, "Tahun"),
    ] {
        let (status, _, body) = get(&app, path, None).await;
        let body = String::from_utf8(body).unwrap();
        assert_eq!(status, expected, "{path}");
        assert!(body.contains("data-testid=\"portal-error\""), "{path}: {body}");
        assert!(body.contains(&href) && body.contains("noindex"), "{path}");
        assert!(body.to_lowercase().contains(&says.to_lowercase()), "{path}: {body}");
    }
}

#[tokio::test]
async fn the_register_filters_by_category_status_and_unit_in_the_database() {
    let w = World::new().await;
    let berkala = published(&w, &draft(&w, "Laporan keuangan berkala", "berkala", register())).await;
    let mut other_unit = register();
    other_unit.unit = "Bagian Hukum Sekretariat Daerah".into();
    let serta_merta = at_verification(&w, &draft(&w, "Peringatan dini banjir", "serta_merta", other_unit)).await;
    let rows = |kategori: &str, status: &str, unit: &str| {
        let filter = app::views::RegisterFilter {
            kategori: kategori.into(),
            status: status.into(),
            unit: unit.into(),
            ..Default::default()
        };
        let w = &w;
        async move {
            let mut ids: Vec<String> =
                app::server::register::rows(&w.state.db, &w.sekretaris, &filter, Default::default())
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| r.id)
                    .collect();
            ids.sort();
            ids
        }
    };
    let mut both = vec![berkala.clone(), serta_merta.clone()];
    both.sort();
    assert_eq!(rows("", "", "").await, both);
    assert_eq!(rows("berkala", "", "").await, vec![berkala.clone()]);
    assert_eq!(rows("serta_merta", "", "").await, vec![serta_merta.clone()]);
    assert_eq!(rows("", "terbit", "").await, vec![berkala.clone()]);
    assert_eq!(rows("", "proses", "").await, vec![serta_merta.clone()]);
    assert_eq!(rows("", "", "hukum").await, vec![serta_merta.clone()]);
    assert_eq!(rows("setiap_saat", "", "").await, Vec::<String>::new());
}

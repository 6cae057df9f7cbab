//! The SOP end to end against a real (in-memory) SurrealDB.
#![cfg(feature = "ssr")]

mod common;

fn today() -> items::AsOf {
    items::AsOf::new(chrono::Utc::now(), OfficeSettings::defaults(OfficeZone::Wib))
}

use app::domain::settings::OfficeSettings;
use app::domain::time::OfficeZone;

use app::domain::{ActionKind as A, State};
use app::error::AppError;
use app::server::items;
use app::views::MoveInput;
use chrono::Utc;
use common::World;

#[tokio::test]
async fn nine_steps_with_a_return_for_revision() {
    let w = World::new().await;
    let id = w.create().await;
    assert_eq!(
        w.moved(&w.sekretaris, &id, A::ForwardToSekretariat, MoveInput::default())
            .await,
        State::AtSekretariat
    );
    assert_eq!(
        w.moved(&w.kepala, &id, A::AcceptDisposition, MoveInput::default())
            .await,
        State::AcceptedBySekretariat
    );
    assert_eq!(
        w.moved(&w.kepala, &id, A::AssignStaff, w.staff()).await,
        State::Drafting
    );
    w.save_draft(&w.staf, &id, "Rapat Koordinasi PPID").await;
    assert_eq!(
        w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
            .await,
        State::InCorrection
    );
    w.save_draft(&w.sekretaris, &id, "Rapat Koordinasi PPID Triwulan IV")
        .await;
    assert_eq!(
        w.moved(&w.sekretaris, &id, A::SendToVerification, MoveInput::default())
            .await,
        State::InVerification
    );
    let back = w
        .act(
            &w.verifikator,
            &id,
            A::ReturnForRevision,
            World::reason("Foto kegiatan belum dicantumkan"),
        )
        .await;
    assert_eq!(back.unwrap().state, State::RevisionRequested);
    w.save_draft(&w.sekretaris, &id, "Rapat Koordinasi PPID Triwulan IV 2026")
        .await;
    assert_eq!(
        w.moved(&w.sekretaris, &id, A::SendToVerification, MoveInput::default())
            .await,
        State::InVerification
    );
    assert_eq!(
        w.moved(&w.verifikator, &id, A::Approve, MoveInput::default()).await,
        State::Approved
    );
    assert_eq!(
        w.moved(&w.sekretaris, &id, A::OrderPublication, MoveInput::default())
            .await,
        State::Publishing
    );
    assert_eq!(
        w.moved(&w.staf, &id, A::MarkPublished, World::links()).await,
        State::Published
    );

    let d = items::detail(
        &w.state.db,
        &w.ppid,
        &id,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default()),
        ),
    )
    .await
    .unwrap();
    assert_eq!(d.state, State::Published);
    assert!(d.actions.is_empty(), "nothing left to do on a finished item");
    assert_eq!(d.publications.len(), 2);
    // Three versions: the staff's draft, the Sekretaris' correction, the correction after the return.
    assert_eq!(d.versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(d.versions[2].draft.title, "Rapat Koordinasi PPID Triwulan IV 2026");
    assert_eq!(d.versions[0].author_name, "Agus Staf");

    // The audit trail: complete, ordered, each move with who, role, from, to and note.
    let actions: Vec<A> = d.events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            A::CreateDisposition,
            A::ForwardToSekretariat,
            A::AcceptDisposition,
            A::AssignStaff,
            A::SubmitForCorrection,
            A::SendToVerification,
            A::ReturnForRevision,
            A::SendToVerification,
            A::Approve,
            A::OrderPublication,
            A::MarkPublished,
        ]
    );
    assert_eq!(
        d.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        (1..=11).collect::<Vec<i64>>()
    );
    assert!(d.events.windows(2).all(|p| p[0].at <= p[1].at));
    for pair in d.events.windows(2) {
        assert_eq!(
            pair[0].to_state,
            pair[1].from_state.unwrap(),
            "each move starts where the last ended"
        );
    }
    let ret = &d.events[6];
    assert_eq!(ret.actor_name, "Dewi Verifikator");
    assert_eq!(ret.note, "Foto kegiatan belum dicantumkan");
    assert_eq!(ret.from_state, Some(State::InVerification));
}

#[tokio::test]
async fn the_sekretaris_returns_a_draft_and_the_ppid_cancels() {
    let w = World::new().await;
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    // Submitting without a draft is refused, naming what is missing.
    let err = w
        .act(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.field == "body"), "{err:?}");
    w.save_draft(&w.staf, &id, "Draf pertama").await;
    w.act(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await
        .unwrap();
    // A return needs a reason.
    let err = w
        .act(&w.sekretaris, &id, A::ReturnToStaff, World::reason("  "))
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid(ref f) if f.field == "reason"));
    assert_eq!(
        w.moved(
            &w.sekretaris,
            &id,
            A::ReturnToStaff,
            World::reason("Lengkapi hasil rapat")
        )
        .await,
        State::Drafting
    );
    let err = w.act(&w.ppid, &id, A::Cancel, MoveInput::default()).await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)));
    assert_eq!(
        w.moved(&w.ppid, &id, A::Cancel, World::reason("Kegiatan ditunda"))
            .await,
        State::Cancelled
    );
}

/// At every stage of the SOP, every move nobody is allowed to make is refused and changes nothing.
#[tokio::test]
async fn every_forbidden_move_is_refused_and_changes_nothing() {
    let w = World::new().await;
    let id = w.create().await;
    let path: Vec<(A, &app::server::accounts::UserRow, MoveInput)> = vec![
        (A::ForwardToSekretariat, &w.sekretaris, MoveInput::default()),
        (A::AcceptDisposition, &w.kepala, MoveInput::default()),
        (A::AssignStaff, &w.kepala, w.staff()),
        (A::SubmitForCorrection, &w.staf, MoveInput::default()),
        (A::SendToVerification, &w.sekretaris, MoveInput::default()),
        (A::Approve, &w.verifikator, MoveInput::default()),
        (A::OrderPublication, &w.sekretaris, MoveInput::default()),
        (A::MarkPublished, &w.staf, World::links()),
    ];
    // A full input, so that refusals come from the rules and not from missing fields.
    let full = MoveInput {
        reason: "Alasan yang cukup jelas".into(),
        staff: w.staf.key.clone(),
        ..World::links()
    };
    for (step, (allowed_kind, allowed_who, input)) in path.into_iter().enumerate() {
        if allowed_kind == A::SubmitForCorrection {
            w.save_draft(&w.staf, &id, "Materi rapat koordinasi").await;
        }
        let before = items::detail(
            &w.state.db,
            &w.sekretaris,
            &id,
            &items::AsOf::new(
                Utc::now(),
                app::domain::settings::OfficeSettings::defaults(Default::default()),
            ),
        )
        .await
        .unwrap();
        for who in w.everyone() {
            for kind in A::ALL {
                let legal = (kind == allowed_kind && who.key == allowed_who.key)
                    || (kind == A::Cancel && (who.key == w.ppid.key || who.key == w.admin.key))
                    || (kind == A::ReturnToStaff && who.key == w.sekretaris.key && before.state == State::InCorrection)
                    || (matches!(kind, A::ReturnForRevision | A::ClassifyExempt)
                        && who.key == w.verifikator.key
                        && before.state == State::InVerification);
                if legal {
                    continue;
                }
                let r = items::perform(&w.state.db, who, &id, before.version, kind, &full, Utc::now()).await;
                let err = r
                    .expect_err(&format!("step {step}: {} must not {kind:?}", who.username))
                    .into_app();
                assert!(
                    matches!(err, AppError::Forbidden(_) | AppError::Refused(_) | AppError::NotFound),
                    "{err:?}"
                );
            }
        }
        let after = items::detail(
            &w.state.db,
            &w.sekretaris,
            &id,
            &items::AsOf::new(
                Utc::now(),
                app::domain::settings::OfficeSettings::defaults(Default::default()),
            ),
        )
        .await
        .unwrap();
        assert_eq!(
            (after.state, after.version, after.events.len()),
            (before.state, before.version, before.events.len())
        );
        items::perform(
            &w.state.db,
            allowed_who,
            &id,
            before.version,
            allowed_kind,
            &input,
            Utc::now(),
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn nobody_verifies_material_they_drafted() {
    let w = World::new().await;
    let both = common::user(
        &w.state,
        "ganda",
        "Staf Merangkap Verifikator",
        &[app::domain::Role::StafSekretariat, app::domain::Role::Verifikator],
    )
    .await;
    let id = w.create().await;
    w.assigned_to(&id, &both).await;
    w.save_draft(&both, &id, "Materi oleh staf ganda").await;
    w.act(&both, &id, A::SubmitForCorrection, MoveInput::default())
        .await
        .unwrap();
    w.act(&w.sekretaris, &id, A::SendToVerification, MoveInput::default())
        .await
        .unwrap();
    let err = w.act(&both, &id, A::Approve, MoveInput::default()).await.unwrap_err();
    assert!(
        matches!(err, AppError::Forbidden(Some(app::domain::Refusal::OwnMaterial)))
            && err.to_string().contains("menyusun"),
        "{err:?}"
    );
    assert_eq!(
        w.moved(&w.verifikator, &id, A::Approve, MoveInput::default()).await,
        State::Approved
    );
}

/// Two secretaries forward the same item at once: one wins, the other is told, one event.
#[tokio::test]
async fn two_concurrent_moves_exactly_one_wins() {
    let w = World::new().await;
    let second = common::user(
        &w.state,
        "sekretaris2",
        "Wati Sekretaris",
        &[app::domain::Role::Sekretaris],
    )
    .await;
    for _ in 0..5 {
        let id = w.create().await;
        let v = w.version(&id).await;
        let note_a = MoveInput {
            note: "diteruskan A".into(),
            ..Default::default()
        };
        let note_b = MoveInput {
            note: "diteruskan B".into(),
            ..Default::default()
        };
        let (a, b) = tokio::join!(
            items::perform(
                &w.state.db,
                &w.sekretaris,
                &id,
                v,
                A::ForwardToSekretariat,
                &note_a,
                Utc::now()
            ),
            items::perform(
                &w.state.db,
                &second,
                &id,
                v,
                A::ForwardToSekretariat,
                &note_b,
                Utc::now()
            ),
        );
        let (winner, loser) = match (a, b) {
            (Ok(_), Err(e)) => ("Budi Sekretaris", e.into_app()),
            (Err(e), Ok(_)) => ("Wati Sekretaris", e.into_app()),
            (a, b) => panic!("exactly one must win: {a:?} / {b:?}"),
        };
        match loser.clone() {
            AppError::Conflict { by, state, version } => {
                assert_eq!(by, winner);
                assert_eq!(
                    loser.to_string().split(". ").next().unwrap(),
                    format!("Materi ini baru saja diproses oleh {winner}")
                );
                assert_eq!(state, State::AtSekretariat);
                assert_eq!(version, v + 1);
            }
            other => panic!("the loser must be told who won: {other:?}"),
        }
        let events = items::events(&w.state.db, &id).await.unwrap();
        assert_eq!(events.len(), 2, "one creation and one forward");
    }
}

#[tokio::test]
async fn a_stale_version_changes_nothing() {
    let w = World::new().await;
    let id = w.create().await;
    let v = w.version(&id).await;
    items::perform(
        &w.state.db,
        &w.sekretaris,
        &id,
        v,
        A::ForwardToSekretariat,
        &MoveInput::default(),
        Utc::now(),
    )
    .await
    .unwrap();
    let err = items::perform(
        &w.state.db,
        &w.ppid,
        &id,
        v,
        A::Cancel,
        &World::reason("Sudah tidak perlu"),
        Utc::now(),
    )
    .await
    .unwrap_err()
    .into_app();
    assert!(
        matches!(
            err,
            AppError::Conflict {
                state: State::AtSekretariat,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(items::events(&w.state.db, &id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_audit_trail_cannot_be_edited() {
    let w = World::new().await;
    let id = w.create().await;
    let upd = w
        .state
        .db
        .query("UPDATE audit_event SET note = 'diubah'")
        .await
        .unwrap()
        .check();
    assert!(upd.is_err(), "updating the audit trail must fail");
    let del = w.state.db.query("DELETE audit_event").await.unwrap().check();
    assert!(del.is_err(), "deleting the audit trail must fail");
    let events = items::events(&w.state.db, &id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].note, "Mohon segera ditayangkan");
}

#[tokio::test]
async fn migrations_are_idempotent() {
    let w = World::new().await;
    app::server::db::migrate(&w.state.db).await.unwrap();
    app::server::db::migrate(&w.state.db).await.unwrap();
    // Data survives, and agenda numbers keep counting per year.
    let a = w.create().await;
    let b = w.create().await;
    let da = items::detail(
        &w.state.db,
        &w.ppid,
        &a,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default()),
        ),
    )
    .await
    .unwrap();
    let db_ = items::detail(
        &w.state.db,
        &w.ppid,
        &b,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default()),
        ),
    )
    .await
    .unwrap();
    assert_ne!(da.disposition.agenda_no, db_.disposition.agenda_no);
    assert!(da.disposition.agenda_no.starts_with("0001/DISP/"));
}

#[tokio::test]
async fn tasks_follow_the_desk() {
    let w = World::new().await;
    let id = w.create().await;
    let ids = |v: Vec<app::views::ItemSummary>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(items::my_tasks(&w.state.db, &w.sekretaris, &today()).await.unwrap()),
        vec![id.clone()]
    );
    assert!(items::my_tasks(&w.state.db, &w.kepala, &today())
        .await
        .unwrap()
        .is_empty());
    w.act(&w.sekretaris, &id, A::ForwardToSekretariat, MoveInput::default())
        .await
        .unwrap();
    assert!(items::my_tasks(&w.state.db, &w.sekretaris, &today())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        ids(items::my_tasks(&w.state.db, &w.kepala, &today()).await.unwrap()),
        vec![id.clone()]
    );
    // Search and step filter in "Semua Materi".
    assert_eq!(
        items::all_items(&w.state.db, &w.staf, None, "koordinasi", &today())
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(items::all_items(&w.state.db, &w.staf, None, "banjir", &today())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        items::all_items(&w.state.db, &w.staf, Some(3), "", &today())
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(items::all_items(&w.state.db, &w.staf, Some(2), "", &today())
        .await
        .unwrap()
        .is_empty());
}

/// A "rahasia" item is seen by the people in its chain and the desk that holds it, not by others.
#[tokio::test]
async fn a_confidential_item_is_hidden_from_the_uninvolved() {
    let w = World::new().await;
    let id = w.create_confidential().await;
    for outsider in [&w.staf, &w.verifikator, &w.kepala] {
        let err = items::detail(
            &w.state.db,
            outsider,
            &id,
            &items::AsOf::new(
                Utc::now(),
                app::domain::settings::OfficeSettings::defaults(Default::default()),
            ),
        )
        .await
        .unwrap_err()
        .into_app();
        assert_eq!(err, AppError::NotFound, "{} must not see it", outsider.username);
        assert!(items::all_items(&w.state.db, outsider, None, "", &today())
            .await
            .unwrap()
            .is_empty());
    }
    assert!(items::detail(
        &w.state.db,
        &w.sekretaris,
        &id,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default())
        )
    )
    .await
    .is_ok());
    // Once forwarded, the Sekretariat's desk holds it and may see it.
    w.act(&w.sekretaris, &id, A::ForwardToSekretariat, MoveInput::default())
        .await
        .unwrap();
    assert!(items::detail(
        &w.state.db,
        &w.kepala,
        &id,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default())
        )
    )
    .await
    .is_ok());
    assert!(items::detail(
        &w.state.db,
        &w.staf,
        &id,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default())
        )
    )
    .await
    .is_err());
}

/// The first sight by the person at the current desk (the page in a visible tab) is kept, and
/// reset by the next move.
#[tokio::test]
async fn the_first_sight_at_the_desk_is_kept_as_a_read_receipt() {
    let w = World::new().await;
    let id = w.create().await;
    let show = |who: &app::server::accounts::UserRow, at: chrono::DateTime<Utc>| {
        let (db, who, id) = (w.state.db.clone(), who.clone(), id.clone());
        async move {
            items::detail(
                &db,
                &who,
                &id,
                &items::AsOf::new(at, OfficeSettings::defaults(OfficeZone::Wib)),
            )
            .await
            .unwrap()
        }
    };
    // Loading the page (a background refresh, a tab never looked at) is no receipt.
    assert_eq!(show(&w.sekretaris, Utc::now()).await.opened_by, None);
    items::seen(&w.state.db, &w.ppid, &id, Utc::now()).await.unwrap();
    assert_eq!(
        show(&w.ppid, Utc::now()).await.opened_by,
        None,
        "the sender seeing it is no receipt"
    );
    items::seen(&w.state.db, &w.staf, &id, Utc::now()).await.unwrap();
    assert_eq!(
        show(&w.ppid, Utc::now()).await.opened_by,
        None,
        "nor anyone but the desk"
    );
    let first = Utc::now();
    items::seen(&w.state.db, &w.sekretaris, &id, first).await.unwrap();
    let shown = show(&w.sekretaris, first).await;
    assert_eq!(shown.opened_by.as_deref(), Some("Budi Sekretaris"));
    items::seen(&w.state.db, &w.sekretaris, &id, first + chrono::Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        show(&w.sekretaris, first).await.opened_at,
        shown.opened_at,
        "the first sight stays"
    );
    // Someone who may not see the item learns nothing and writes nothing.
    assert!(items::seen(&w.state.db, &w.admin, &id, Utc::now()).await.is_err());
    w.act(&w.sekretaris, &id, A::ForwardToSekretariat, MoveInput::default())
        .await
        .unwrap();
    assert_eq!(
        show(&w.ppid, Utc::now()).await.opened_by,
        None,
        "a new desk, a new clock"
    );
}

/// Mutu baku: the actor ticks the step's kelengkapan; what was ticked is kept with the move,
/// and anything that is not a kelengkapan of the step is refused with nothing changed.
#[tokio::test]
async fn a_move_keeps_the_kelengkapan_its_actor_ticked() {
    let w = World::new().await;
    let id = w.create().await;
    let odd = MoveInput {
        checklist: vec!["Printer".into()],
        ..Default::default()
    };
    match w.act(&w.sekretaris, &id, A::ForwardToSekretariat, odd).await {
        Err(AppError::Invalid(f)) => assert_eq!(f.field, "checklist"),
        other => panic!("an unknown kelengkapan must be refused: {other:?}"),
    }
    assert_eq!(items::events(&w.state.db, &id).await.unwrap().len(), 1, "nothing moved");
    let ticked = MoveInput {
        checklist: vec!["Lembar disposisi".into(), "ATK".into()],
        ..Default::default()
    };
    w.moved(&w.sekretaris, &id, A::ForwardToSekretariat, ticked).await;
    let events = items::events(&w.state.db, &id).await.unwrap();
    assert_eq!(
        events[1].checklist,
        vec!["ATK".to_string(), "Lembar disposisi".to_string()]
    );
    assert!(events[0].checklist.is_empty());
    // The next desk is asked for its own step's kelengkapan.
    let d = items::detail(
        &w.state.db,
        &w.kepala,
        &id,
        &items::AsOf::new(
            Utc::now(),
            app::domain::settings::OfficeSettings::defaults(Default::default()),
        ),
    )
    .await
    .unwrap();
    assert_eq!(d.kelengkapan, vec!["ATK".to_string(), "Lembar disposisi".to_string()]);
}

#[tokio::test]
async fn simultaneous_dispositions_all_get_their_own_agenda_number() {
    let w = std::sync::Arc::new(World::new().await);
    let creates = (0..10).map(|_| {
        let w = w.clone();
        tokio::spawn(async move {
            let d = w.disposition().parse(common::office_today()).unwrap();
            items::create_disposition(&w.state.db, &w.ppid, d, Utc::now()).await
        })
    });
    let mut numbers = Vec::new();
    for r in futures::future::join_all(creates).await {
        let id = r
            .unwrap()
            .unwrap_or_else(|e| panic!("every disposition is created: {e}"));
        let at = items::AsOf::new(Utc::now(), OfficeSettings::defaults(OfficeZone::Wib));
        numbers.push(
            items::detail(&w.state.db, &w.ppid, &id, &at)
                .await
                .unwrap()
                .disposition
                .agenda_no,
        );
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 10, "unique agenda numbers");
}

#[tokio::test]
async fn only_the_ppid_pembantu_who_made_a_disposition_cancels_it() {
    let w = World::new().await;
    let other = common::user(
        &w.state,
        "ppid2",
        "PPID Pembantu Lain",
        &[app::domain::Role::PpidPembantu],
    )
    .await;
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let before = w.version(&id).await;
    let err = w
        .act(&other, &id, A::Cancel, World::reason("Bukan disposisi saya"))
        .await
        .unwrap_err();
    assert_eq!(err, AppError::Forbidden(Some(app::domain::Refusal::NotOriginator)));
    assert_eq!(err.status(), 403);
    assert_eq!(w.version(&id).await, before, "nothing moved");
    assert_eq!(
        w.moved(&w.ppid, &id, A::Cancel, World::reason("Kegiatan dibatalkan"))
            .await,
        State::Cancelled
    );
}

/// The administrator cancels any open disposition, also a confidential one they may not open,
/// by its agenda number: with a reason, recorded as the administrator's move, the chain told.
#[tokio::test]
async fn the_administrator_cancels_any_open_disposition_by_its_agenda_number() {
    let w = World::new().await;
    let id = w.create_confidential().await;
    w.assigned_to(&id, &w.staf).await;
    let before = w.version(&id).await;

    // Nobody else lists the open dispositions; the administrator's list hides confidential titles.
    for outsider in [&w.ppid, &w.sekretaris, &w.staf, &w.verifikator] {
        let err = items::open_for_cancelling(&w.state.db, outsider)
            .await
            .unwrap_err()
            .into_app();
        assert_eq!(err.status(), 403, "{}", outsider.username);
    }
    let open = items::open_for_cancelling(&w.state.db, &w.admin).await.unwrap();
    let row = open.iter().find(|d| d.id == id).expect("listed");
    assert_eq!(row.perihal, None, "a confidential title stays hidden");
    assert_eq!(row.state, State::Drafting);
    assert_eq!(row.version, before);
    assert!(
        !serde_json::to_string(&open).unwrap().contains(&w.disposition().perihal),
        "nothing of the confidential disposition's perihal"
    );

    // Still a reason first, and nothing moves without one.
    let err = w.act(&w.admin, &id, A::Cancel, MoveInput::default()).await.unwrap_err();
    assert!(matches!(&err, AppError::Invalid(f) if f.field == "reason"), "{err:?}");
    assert_eq!(err.status(), 422);
    assert_eq!(w.version(&id).await, before, "nothing moved");
    // The administrator's other powers do not reach the workflow.
    let err = w
        .act(&w.admin, &id, A::SubmitForCorrection, MoveInput::default())
        .await
        .unwrap_err();
    // The administrator opens no item, and is told the reason is the role.
    assert_eq!(
        err,
        AppError::Forbidden(Some(app::domain::Refusal::NoWorkflowRole)),
        "{err:?}"
    );
    assert!(app::text::app_error(&err).contains("Administrator"));

    let moved = items::perform(
        &w.state.db,
        &w.admin,
        &id,
        before,
        A::Cancel,
        &World::reason("Disposisi ganda, sudah ada nomor agenda lain"),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(moved.state, State::Cancelled);
    let events = items::events(&w.state.db, &id).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.action, A::Cancel);
    assert_eq!(last.actor, w.admin.key);
    assert_eq!(
        last.role,
        app::domain::Role::Admin,
        "recorded as the administrator's move"
    );
    assert_eq!(last.note, "Disposisi ganda, sudah ada nomor agenda lain");
    // The PPID Pembantu who made it is told.
    let told = app::server::notices::list(&w.state.db, &w.ppid).await.unwrap();
    assert!(
        told.latest
            .iter()
            .any(|n| n.item == id && n.note.contains("Disposisi ganda")),
        "{told:?}"
    );
    // Closed: off the list; and cancelling did not let the administrator open it.
    let open = items::open_for_cancelling(&w.state.db, &w.admin).await.unwrap();
    assert!(open.iter().all(|d| d.id != id));
    let err = items::detail(&w.state.db, &w.admin, &id, &today())
        .await
        .unwrap_err()
        .into_app();
    assert_eq!(err.status(), 403, "{err:?}");
    // The same answer for an agenda that does not exist: the role, not the item, decides.
    let none = items::detail(&w.state.db, &w.admin, "tidakada", &today())
        .await
        .unwrap_err()
        .into_app();
    assert_eq!(none, err);
}

/// A disposition form submitted again (a double click, a retry after the answer was lost, Back
/// and send) gives the item its first submission made: one item, one audit event, one notice.
#[tokio::test]
async fn a_disposition_form_submitted_twice_makes_one_item() {
    let w = World::new().await;
    let keyed = |key: &str| {
        let form = app::domain::DispositionForm {
            form_key: key.into(),
            ..w.disposition()
        };
        form.parse(common::office_today()).unwrap()
    };
    let count = |table: &'static str| {
        let db = w.state.db.clone();
        async move {
            let mut r = db
                .query(format!("SELECT count() AS n FROM {table} GROUP ALL"))
                .await
                .unwrap();
            let n: Option<i64> = r.take((0, "n")).unwrap();
            n.unwrap_or(0)
        }
    };
    let d = keyed("3f1c9a2e-1111-4a5b-9c7d-0e8f6a5b4c3d");
    let first = items::create_disposition(&w.state.db, &w.ppid, d.clone(), Utc::now())
        .await
        .unwrap();
    let again = items::create_disposition(&w.state.db, &w.ppid, d, Utc::now())
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!((count("item").await, count("audit_event").await), (1, 1));
    assert_eq!(count("notification").await, 1, "the Sekretaris is told once");

    // Two submissions of one form at the same moment: one item between them.
    let d = keyed("7b2d4f6a-2222-4c8e-8d1f-3a5b7c9e0f21");
    let (a, b) = tokio::join!(
        items::create_disposition(&w.state.db, &w.ppid, d.clone(), Utc::now()),
        items::create_disposition(&w.state.db, &w.ppid, d.clone(), Utc::now())
    );
    assert_eq!(a.unwrap(), b.unwrap());
    assert_eq!(count("item").await, 2);

    // Another PPID Pembantu's key is not theirs to use: refused, nothing made.
    let other = common::user(&w.state, "ppid2", "Dewi PPID", &[app::domain::Role::PpidPembantu]).await;
    let refused = items::create_disposition(
        &w.state.db,
        &other,
        keyed("7b2d4f6a-2222-4c8e-8d1f-3a5b7c9e0f21"),
        Utc::now(),
    )
    .await
    .map_err(|e| e.into_app())
    .unwrap_err();
    assert!(
        matches!(refused, AppError::Invalid(ref f) if f.field == "form_key"),
        "{refused:?}"
    );
    assert_eq!(count("item").await, 2);

    // Without a key every submission is a disposition of its own.
    w.create().await;
    w.create().await;
    assert_eq!(count("item").await, 4);
}

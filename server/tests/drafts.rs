//! Draft revisions: two saves from one revision never both win, a refused save gets both texts,
//! and what is sent to verification is exactly a recorded material version.
#![cfg(feature = "ssr")]

mod common;

use app::domain::settings::OfficeSettings;
use app::domain::time::OfficeZone;
use app::domain::{ActionKind as A, State};
use app::error::{AppError, Outdated};
use app::server::items;
use app::views::{DiffLine, ItemDetail, MoveInput};
use chrono::Utc;
use common::{office_today, World};
use std::sync::Arc;

async fn detail(w: &World, id: &str) -> ItemDetail {
    let at = items::AsOf::new(Utc::now(), OfficeSettings::defaults(OfficeZone::Wib));
    items::detail(&w.state.db, &w.sekretaris, id, &at).await.unwrap()
}

/// "Kirim ke Verifikasi" by the Sekretaris, who saw `version` and (if named) draft revision `rev`.
async fn send_on(w: &World, id: &str, version: i64, rev: Option<i64>) -> Result<items::Moved, AppError> {
    let input = MoveInput {
        draft_rev: rev,
        ..Default::default()
    };
    items::perform(
        &w.state.db,
        &w.sekretaris,
        id,
        version,
        A::SendToVerification,
        &input,
        Utc::now(),
    )
    .await
    .map_err(|e| e.into_app())
}

/// An item in correction at the Sekretaris' desk, its first version recorded.
async fn in_correction(w: &World) -> String {
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    w.save_draft(&w.staf, &id, "Draf dari staf").await;
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;
    id
}

#[tokio::test]
async fn of_two_saves_from_one_revision_the_second_is_refused_with_both_texts() {
    let w = World::new().await;
    let id = in_correction(&w).await;
    let rev = detail(&w, &id).await.draft_rev;
    let (tab_a, tab_b) = (w.draft("Teks dari tab pertama"), w.draft("Teks dari tablet"));
    let saved = items::save_draft(&w.state.db, &w.sekretaris, &id, rev, &tab_a, office_today(), Utc::now())
        .await
        .unwrap();
    assert_eq!(saved, rev + 1, "a save makes the next revision");

    let refused = items::save_draft(&w.state.db, &w.sekretaris, &id, rev, &tab_b, office_today(), Utc::now())
        .await
        .map_err(|e| e.into_app())
        .unwrap_err();
    assert_eq!(refused.status(), 409);
    let AppError::DraftConflict(clash) = refused else {
        panic!("a clash with both texts, got {refused:?}")
    };
    assert_eq!(clash.rev, rev + 1);
    assert_eq!(clash.by, w.sekretaris.name);
    // Both texts and their differences, drawn by the server: the browser carries no diff.
    assert!(
        clash.theirs_text.contains("Teks dari tab pertama"),
        "{}",
        clash.theirs_text
    );
    assert!(clash.mine_text.contains("Teks dari tablet"), "{}", clash.mine_text);
    assert!(clash
        .lines
        .iter()
        .any(|l| matches!(l, DiffLine::Removed(t) if t.contains("Teks dari tab pertama"))));
    assert!(clash
        .lines
        .iter()
        .any(|l| matches!(l, DiffLine::Added(t) if t.contains("Teks dari tablet"))));
    assert_eq!(clash.theirs.unwrap().title, "Teks dari tab pertama");
    assert_eq!(clash.mine, tab_b, "the refused text comes back exactly as sent");
    let now = detail(&w, &id).await;
    assert_eq!(now.draft.unwrap().title, "Teks dari tab pertama", "nothing overwritten");
    assert_eq!(now.draft_rev, rev + 1);

    // Having seen both, the editor saves a merge over the stored revision: accepted.
    let merged = w.draft("Teks gabungan");
    let after = items::save_draft(
        &w.state.db,
        &w.sekretaris,
        &id,
        clash.rev,
        &merged,
        office_today(),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(after, rev + 2);
    assert_eq!(detail(&w, &id).await.draft.unwrap().title, "Teks gabungan");
}

#[tokio::test]
async fn sending_on_a_draft_saved_since_the_actor_saw_it_is_refused_and_records_nothing() {
    let w = World::new().await;
    let id = in_correction(&w).await;
    let seen = detail(&w, &id).await;
    // Another tab saves after the Sekretaris opened the page.
    w.save_draft(&w.sekretaris, &id, "Disimpan dari tab lain").await;
    let err = send_on(&w, &id, seen.version, Some(seen.draft_rev)).await.unwrap_err();
    assert_eq!(err, AppError::Refused(Outdated::DraftChangedElsewhere));
    assert_eq!(err.status(), 409);
    let after = detail(&w, &id).await;
    assert_eq!(after.state, State::InCorrection);
    assert_eq!(after.versions.len(), seen.versions.len(), "no version recorded");
    assert_eq!(after.events.len(), seen.events.len(), "no audit event");

    // With the revision now on screen, the move goes through and records that text.
    send_on(&w, &id, after.version, Some(after.draft_rev)).await.unwrap();
    let sent = detail(&w, &id).await;
    assert_eq!(sent.versions.last().unwrap().draft.title, "Disimpan dari tab lain");
}

/// A save and "Kirim ke Verifikasi" at the same moment, many times: each answers success or a
/// clear 409, and whenever the item reached verification, the text there is the newest recorded
/// version (the verifier approves only text the history holds).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_save_racing_send_to_verification_never_leaves_unrecorded_text() {
    let w = Arc::new(World::new().await);
    for round in 0..12 {
        let id = in_correction(&w).await;
        let seen = detail(&w, &id).await;
        let title = format!("Perubahan terakhir {round}");
        let save = {
            let (w, id, title) = (w.clone(), id.clone(), title.clone());
            tokio::spawn(async move {
                let form = w.draft(&title);
                items::save_draft(
                    &w.state.db,
                    &w.sekretaris,
                    &id,
                    seen.draft_rev,
                    &form,
                    office_today(),
                    Utc::now(),
                )
                .await
                .map_err(|e| e.into_app())
            })
        };
        let send = {
            let (w, id) = (w.clone(), id.clone());
            // Half the rounds name the revision seen, half leave it to the server's guard alone.
            let rev = (round % 2 == 0).then_some(seen.draft_rev);
            tokio::spawn(async move { send_on(&w, &id, seen.version, rev).await })
        };
        let (saved, sent) = (save.await.unwrap(), send.await.unwrap());
        for answer in [saved.as_ref().err(), sent.as_ref().err()].into_iter().flatten() {
            assert_eq!(answer.status(), 409, "round {round}: {answer:?}");
        }
        assert!(saved.is_ok() || sent.is_ok(), "round {round}: one of the two wins");
        let after = detail(&w, &id).await;
        if after.state == State::InVerification {
            let recorded = &after.versions.last().unwrap().draft;
            assert_eq!(
                Some(recorded),
                after.draft.as_ref(),
                "round {round}: verified text is recorded"
            );
        }
    }
}

#[tokio::test]
async fn the_draft_is_rendered_once_at_save_not_on_every_reading() {
    let w = World::new().await;
    let id = in_correction(&w).await;
    let shown = detail(&w, &id).await.draft_html.unwrap();
    assert!(shown.contains("<p>"), "{shown}");
    // The page shows what was rendered at save: replace the kept rendering and it shows that.
    w.state
        .db
        .query("UPDATE type::record('item', $id) SET draft_html = '<p>tersimpan</p>'")
        .bind(("id", id.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(detail(&w, &id).await.draft_html.unwrap(), "<p>tersimpan</p>");
    // A new save renders again.
    w.save_draft(&w.sekretaris, &id, "Judul baru setelah koreksi").await;
    assert_eq!(detail(&w, &id).await.draft_html.unwrap(), shown);
}

#[tokio::test]
async fn what_is_saved_is_sanitised_and_rendered_as_the_editor_showed_it() {
    let w = World::new().await;
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    let mut form = w.draft("Materi dengan format");
    form.body = "## Pembukaan\n\nDihadiri **120 peserta**.<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n- satu\n- dua\n\n[jahat](javascript:alert(3)) [baik](https://ppid.example.go.id)".into();
    w.save_form(&w.staf, &id, &form).await.unwrap();
    let d = detail(&w, &id).await;
    // Stored: only what the editor can show, the words kept.
    assert_eq!(
        d.draft.as_ref().unwrap().body,
        "## Pembukaan\n\nDihadiri **120 peserta**.\n\n- satu\n- dua\n\njahat [baik](https://ppid.example.go.id)"
    );
    let html = d.draft_html.unwrap();
    assert!(
        html.contains("<h2>Pembukaan</h2>") && html.contains("<strong>120 peserta</strong>"),
        "{html}"
    );
    for bad in ["script", "onerror", "javascript", "<img"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
}

#[tokio::test]
async fn sending_on_unchanged_after_a_return_records_no_new_version() {
    let w = World::new().await;
    let id = w.create().await;
    w.assigned_to(&id, &w.staf).await;
    w.save_draft(&w.staf, &id, "Draf dari staf").await;
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;
    w.moved(
        &w.sekretaris,
        &id,
        A::ReturnToStaff,
        World::reason("Mohon periksa lagi ejaannya"),
    )
    .await;
    assert_eq!(detail(&w, &id).await.state, State::Drafting);
    // Sent back without an edit: the last version already holds this text.
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;
    let d = detail(&w, &id).await;
    assert_eq!(d.state, State::InCorrection);
    assert_eq!(d.versions.len(), 1, "no version identical to the last");
    // With an edit, it is a new version.
    w.moved(
        &w.sekretaris,
        &id,
        A::ReturnToStaff,
        World::reason("Judul kurang jelas"),
    )
    .await;
    w.save_draft(&w.staf, &id, "Draf dari staf, judul diperjelas").await;
    w.moved(&w.staf, &id, A::SubmitForCorrection, MoveInput::default())
        .await;
    let d = detail(&w, &id).await;
    assert_eq!(d.versions.len(), 2);
    assert_eq!(d.versions[1].draft.title, "Draf dari staf, judul diperjelas");
}

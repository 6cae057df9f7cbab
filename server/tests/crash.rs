//! Crashes and races against the real server process on its embedded database (surrealkv, as
//! `make run` serves it): what was acknowledged survives kill -9, every move has its audit event,
//! and racing requests get one winner and clear refusals, never a 500.
#![cfg(feature = "ssr")]

#[path = "common/process.rs"]
mod process;
#[path = "common/raw_http.rs"]
mod raw_http;

use process::*;
use rand::Rng;
use raw_http::*;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

const CLIENTS: usize = 16;

/// How many times the server is killed: 4 in `make test`; `WARTA_CRASH_KILLS=20` for a longer run.
fn kills() -> usize {
    std::env::var("WARTA_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

/// One client's loop on its own item, until the server goes away: save the draft, send it for
/// correction, have it returned, again. Every 200 is recorded as acknowledged.
async fn client(port: u16, desks: Arc<Desks>, id: String, mut acked: Acked, round: usize) -> Acked {
    let mut n = 0;
    loop {
        n += 1;
        match step(port, &desks, &id, &mut acked, &format!("Putaran {round} simpanan {n}")).await {
            Ok(()) => {}
            Err(Some(r)) => panic!("refused: {} {:?}", r.status, r.body),
            Err(None) => return acked,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_under_16_clients_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Warta::start(&dir.path().join("db"), 16).await;
    let desks = Arc::new(Desks::login(server.port).await);
    let mut items = vec![];
    for c in 0..CLIENTS {
        let id = desks.drafting(server.port, &format!("Materi klien {c}")).await;
        let stored = item(server.port, &desks.staf, &id).await;
        let start = acked_from(&stored);
        items.push((id.clone(), check(&id, &stored, &start)));
    }
    let (mut moves, mut saves) = (0, 0);
    for round in 0..kills() {
        let clients: Vec<_> = items
            .iter()
            .map(|(id, acked)| tokio::spawn(client(server.port, desks.clone(), id.clone(), acked.clone(), round)))
            .collect();
        let wait = rand::thread_rng().gen_range(600..2000);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill();
        let mut told = vec![];
        for c in clients {
            told.push(c.await.unwrap());
        }
        server.restart().await;
        for ((id, acked), now) in items.iter_mut().zip(told) {
            moves += now.moves - acked.moves;
            saves += now.saves - acked.saves;
            let stored = item(server.port, &desks.staf, id).await;
            *acked = check(id, &stored, &now);
        }
    }
    // A clean restart too: still everything.
    server.stop();
    server.restart().await;
    for (id, acked) in &items {
        let stored = item(server.port, &desks.staf, id).await;
        check(id, &stored, acked);
    }
    let kills = kills();
    println!("{kills} kills under {CLIENTS} clients: {moves} acknowledged moves and {saves} saves, none lost");
    assert!(
        moves >= CLIENTS * kills,
        "the clients moved between the kills ({moves} moves)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn races_have_one_winner_and_clear_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let server = Warta::start(&dir.path().join("db"), 16).await;
    let port = server.port;
    let desks = Arc::new(Desks::login(port).await);

    // 50 identical moves at once: one success, one audit event.
    let id = create_disposition(port, &desks.ppid, "Lima puluh klik sekaligus").await;
    let clicks: Vec<_> = (0..50)
        .map(|_| {
            let (desks, id) = (desks.clone(), id.clone());
            tokio::spawn(async move {
                try_move(port, &desks.sekretaris, &id, 1, "forward_to_sekretariat", json!({}))
                    .await
                    .unwrap()
                    .status
            })
        })
        .collect();
    let mut statuses = vec![];
    for c in clicks {
        statuses.push(c.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 409), "{statuses:?}");
    let stored = item(port, &desks.sekretaris, &id).await;
    assert_eq!(stored["version"], 2);
    let forwards = stored["events"].as_array().unwrap().iter();
    assert_eq!(forwards.filter(|e| e["action"] == "forward_to_sekretariat").count(), 1);

    // Two saves of one draft at once: one success, one refusal with both texts.
    let id = desks.drafting(port, "Dua tab sekaligus").await;
    let rev = item(port, &desks.staf, &id).await["draft_rev"].as_i64().unwrap();
    let (a, b) = tokio::join!(
        try_save(port, &desks.staf, &id, rev, "Teks dari tab A"),
        try_save(port, &desks.staf, &id, rev, "Teks dari tab B")
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let (won, lost, lost_title) = match (a.status, b.status) {
        (200, 409) => (a, b, "Teks dari tab B"),
        (409, 200) => (b, a, "Teks dari tab A"),
        other => panic!("one success and one refusal, got {other:?}: {:?} {:?}", a.body, b.body),
    };
    let clash = &lost.body["DraftConflict"];
    assert_eq!(
        clash["mine"]["title"], lost_title,
        "the refused text comes back: {:?}",
        lost.body
    );
    let stored = item(port, &desks.staf, &id).await;
    assert_eq!(clash["theirs"]["title"], stored["draft"]["title"], "and the stored one");
    assert_eq!(stored["draft_rev"], won.body);

    // A save racing "Kirim ke Verifikasi", many times: whatever wins, the text in verification
    // is a recorded version, and every answer is a success or a clear 409.
    let mut outcomes = [0usize; 2];
    for round in 0..10 {
        let id = desks.drafting(port, &format!("Balapan {round}")).await;
        let rev = item(port, &desks.staf, &id).await["draft_rev"].as_i64().unwrap();
        assert_eq!(
            try_save(port, &desks.staf, &id, rev, "Draf staf").await.unwrap().status,
            200
        );
        let submitted = try_move(port, &desks.staf, &id, 4, "submit_for_correction", json!({}))
            .await
            .unwrap();
        assert_eq!(submitted.status, 200, "{:?}", submitted.body);
        let seen = item(port, &desks.sekretaris, &id).await;
        let (rev, version) = (seen["draft_rev"].as_i64().unwrap(), seen["version"].as_i64().unwrap());
        let last = format!("Koreksi terakhir {round}");
        // Which of the two leaves first, and by how much, varies from round to round.
        let head_start = Duration::from_millis(rand::thread_rng().gen_range(0..60));
        let (save_late, send_late) = if round % 2 == 0 {
            (head_start, Duration::ZERO)
        } else {
            (Duration::ZERO, head_start)
        };
        let send = json!({ "draft_rev": rev });
        let (saved, sent) = tokio::join!(
            async {
                tokio::time::sleep(save_late).await;
                try_save(port, &desks.sekretaris, &id, rev, &last).await
            },
            async {
                tokio::time::sleep(send_late).await;
                try_move(port, &desks.sekretaris, &id, version, "send_to_verification", send).await
            }
        );
        let (saved, sent) = (saved.unwrap(), sent.unwrap());
        for r in [&saved, &sent] {
            assert!(
                r.status == 200 || r.status == 409,
                "round {round}: {} {:?}",
                r.status,
                r.body
            );
        }
        let stored = item(port, &desks.sekretaris, &id).await;
        if stored["state"] == "in_verification" {
            outcomes[0] += 1;
            let versions = stored["versions"].as_array().unwrap();
            assert_eq!(
                versions.last().unwrap()["draft"],
                stored["draft"],
                "round {round}: the text in verification is the last recorded version"
            );
        } else {
            outcomes[1] += 1;
            assert_eq!(saved.status, 200, "round {round}: the move lost, so the save won");
        }
    }
    println!(
        "save against send: sent {} times, save first {} times",
        outcomes[0], outcomes[1]
    );
}

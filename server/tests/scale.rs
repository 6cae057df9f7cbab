//! Moves at scale (issue 13): moves on different items, by many clients at once, never collide:
//! none is refused, none even has to be tried again; a move shares no record with a move on
//! another item. (Alone in this file: it reads the process's count of retried transactions.)
#![cfg(feature = "ssr")]

mod common;

use app::domain::report::Period;
use app::domain::{ActionKind as A, State};
use app::server::items;
use app::views::MoveInput;
use chrono::Utc;
use common::World;
use std::sync::Arc;

const ITEMS: usize = 32;
const ROUNDS: usize = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn moves_on_different_items_by_many_clients_never_collide() {
    let w = Arc::new(World::new().await);
    let mut ids = vec![];
    for k in 0..ITEMS {
        ids.push(w.at_verification(&format!("Kegiatan serentak {k}")).await);
    }
    let retried_before = items::retried_so_far();
    // One client per item, all at once: returned, sent again, returned, …
    let clients: Vec<_> = ids
        .iter()
        .cloned()
        .map(|id| {
            let w = w.clone();
            tokio::spawn(async move {
                let mut version = w.version(&id).await;
                for round in 0..ROUNDS {
                    let (who, kind, input) = if round % 2 == 0 {
                        (
                            &w.verifikator,
                            A::ReturnForRevision,
                            World::reason("Perbaiki judulnya."),
                        )
                    } else {
                        (&w.sekretaris, A::SendToVerification, MoveInput::default())
                    };
                    let moved = items::perform(&w.state.db, who, &id, version, kind, &input, Utc::now())
                        .await
                        .map_err(|e| e.into_app())
                        .unwrap_or_else(|e| panic!("{id} round {round}: {e:?}"));
                    version = moved.version;
                }
            })
        })
        .collect();
    for c in clients {
        c.await.expect("every move of every client succeeds");
    }
    assert_eq!(
        items::retried_so_far() - retried_before,
        0,
        "a move on one item had to wait for a move on another"
    );
    // Each item's moves all recorded, in order, once.
    for id in &ids {
        let events = items::events(&w.state.db, id).await.unwrap();
        let returns = events.iter().filter(|e| e.action == A::ReturnForRevision).count();
        assert_eq!(returns, ROUNDS / 2, "{id}");
        assert_eq!(events.last().unwrap().to_state, State::InVerification);
    }
    // And the report counts every one of them.
    let today = common::office_today();
    let report = app::server::reports::report(&w.state.db, Period { from: today, to: today })
        .await
        .unwrap();
    assert_eq!(
        report.steps[6].count as usize,
        ITEMS * ROUNDS / 2,
        "step 7 ended by every return"
    );
}

//! Failed writes are recognised by what they are (our THROW code, the engine's transaction
//! conflict, a named unique index), never by guessing at message text: a unique violation that
//! is not a race is a fault, logged and answered 500, not "someone else was faster".
#![cfg(feature = "ssr")]

mod common;

use app::server::db::{self, WriteFault};
use common::World;

async fn write(w: &World, q: &'static str) -> surrealdb::Error {
    w.state
        .db
        .query(q)
        .await
        .and_then(db::failed_statement)
        .expect_err("the write must fail")
}

#[tokio::test]
async fn each_failed_write_is_classified_by_what_it_is() {
    let w = World::new().await;
    let stale = write(&w, "BEGIN TRANSACTION; THROW 'warta:stale'; COMMIT TRANSACTION;").await;
    assert_eq!(db::fault(&stale), WriteFault::Stale);

    // Two moves that wrote the same audit sequence number: a race.
    let race = write(
        &w,
        "CREATE audit_event SET item = 'x', seq = 1, at = time::now(), actor = 'a', actor_name = 'A', role = 'sekretaris',
            action = 'forward_to_sekretariat', from_state = 'at_sekretaris', to_state = 'at_sekretariat', note = '';
         CREATE audit_event SET item = 'x', seq = 1, at = time::now(), actor = 'b', actor_name = 'B', role = 'sekretaris',
            action = 'forward_to_sekretariat', from_state = 'at_sekretaris', to_state = 'at_sekretariat', note = '';",
    )
    .await;
    assert_eq!(db::fault(&race), WriteFault::Race, "{race}");

    // A user name taken twice is a unique violation too, but of another index: not a race.
    let other = write(
        &w,
        "CREATE user SET username = 'staf', name = 'Kedua', password_hash = 'x', roles = [], active = true, created_at = time::now();",
    )
    .await;
    assert_eq!(db::violated_index(&other), Some("user_username"), "{other}");
    assert_eq!(db::fault(&other), WriteFault::Other);

    // Another THROW is not ours to read as stale.
    let thrown = write(&w, "THROW 'something else';").await;
    assert_eq!(db::fault(&thrown), WriteFault::Other);
}

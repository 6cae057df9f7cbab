//! Live updates through SurrealDB live queries and the hub: who hears of a move, and what
//! happens to a subscriber that does not keep up. Also the notifications a move writes.
#![cfg(feature = "ssr")]

mod common;

use app::domain::{ActionKind, NoticeKind, Role, State};
use app::server::accounts::UserRow;
use app::server::live::{Change, Hub, ItemChange, Subscriber};
use app::server::{items, notices};
use app::views::{LiveEvent, MoveInput};
use chrono::Utc;
use common::World;
use std::time::Duration;

/// Everything `sub` hears for `me` until nothing more comes for `quiet`.
async fn drain(sub: &mut Subscriber, me: &UserRow, quiet: Duration) -> Vec<LiveEvent> {
    let mut got = Vec::new();
    while let Ok(Some(e)) = tokio::time::timeout(quiet, sub.next_for(me)).await {
        got.push(e);
    }
    got
}

fn item_events(events: &[LiveEvent]) -> Vec<(String, State, i64)> {
    events
        .iter()
        .filter_map(|e| match e {
            LiveEvent::Item { id, state, version, .. } => Some((id.clone(), *state, *version)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn one_move_reaches_each_allowed_subscriber_exactly_once_and_nobody_else() {
    let w = World::new().await;
    w.state.live.until_running().await;
    // A confidential item: only its chain and the desk holding it may see it.
    let id = w.create_confidential().await;
    // Opening the item (a read receipt) and the creation are not the move under test: let
    // their events pass before subscribing.
    let version = w.version(&id).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let people = w.everyone();
    let mut subs: Vec<Subscriber> = people.iter().map(|_| w.state.live.subscribe()).collect();
    let moved = items::perform(
        &w.state.db,
        &w.sekretaris,
        &id,
        version,
        ActionKind::ForwardToSekretariat,
        &MoveInput::default(),
        Utc::now(),
    )
    .await
    .map_err(|e| e.into_app())
    .unwrap();
    assert_eq!(moved.state, State::AtSekretariat);

    let quiet = Duration::from_millis(700);
    for (who, sub) in people.iter().zip(subs.iter_mut()) {
        let events = drain(sub, who, quiet).await;
        let items = item_events(&events);
        let may_see = [&w.ppid.key, &w.sekretaris.key, &w.kepala.key].contains(&&who.key);
        if may_see {
            assert_eq!(
                items,
                vec![(id.clone(), State::AtSekretariat, 2)],
                "{}: {events:?}",
                who.username
            );
        } else {
            assert!(
                items.is_empty(),
                "{} must not hear of a confidential item: {events:?}",
                who.username
            );
        }
        // The administrator learns that counts changed, nothing about the item.
        let counts = events.iter().filter(|e| **e == LiveEvent::Counts).count();
        assert_eq!(counts, usize::from(who.role_set().has(Role::Admin)), "{}", who.username);
        // Only the desk the item reached is notified.
        let notified = events.iter().filter(|e| **e == LiveEvent::Notification).count();
        assert_eq!(
            notified,
            usize::from(who.key == w.kepala.key),
            "{}: {events:?}",
            who.username
        );
    }
}

#[tokio::test]
async fn a_subscriber_that_falls_behind_is_resynchronised_not_buffered() {
    let hub = Hub::new();
    let w = World::new().await;
    let me = &w.sekretaris;
    let mut slow = hub.subscribe();
    let mut fast = hub.subscribe();
    let change = |v: i64| {
        Change::Item(ItemChange {
            id: "x".into(),
            state: State::AtSekretaris,
            version: v,
            stamp: v,
            by: "Rina".into(),
            confidential: false,
            participants: vec![],
        })
    };
    // The slow one reads nothing while three times the buffer goes by.
    let total = Hub::CAPACITY as i64 * 3;
    for v in 1..=total {
        hub.publish(change(v));
        if v % 16 == 0 {
            // The fast one keeps up and misses nothing.
            for _ in 0..16 {
                assert!(matches!(fast.next_for(me).await, Some(LiveEvent::Item { .. })));
            }
        }
    }
    // The slow one is told to refetch, then follows only the newest changes: what it missed
    // was never kept for it.
    assert_eq!(slow.next_for(me).await, Some(LiveEvent::Resync));
    let rest = drain(&mut slow, me, Duration::from_millis(100)).await;
    assert!(
        rest.len() <= Hub::CAPACITY,
        "kept {} changes for a slow subscriber",
        rest.len()
    );
    let versions: Vec<i64> = item_events(&rest).into_iter().map(|(_, _, v)| v).collect();
    assert_eq!(versions.last(), Some(&total));

    // A subscriber that goes away is gone from the hub; closing ends the others.
    assert_eq!(hub.subscribers(), 2);
    drop(slow);
    assert_eq!(hub.subscribers(), 1);
    hub.close();
    assert_eq!(fast.next_for(me).await, None);
}

#[tokio::test]
async fn moves_notify_the_next_desk_and_a_return_carries_its_reason() {
    let w = World::new().await;
    let id = w.create().await;
    // Step 1 tells the Sekretaris it was addressed to.
    let n = notices::list(&w.state.db, &w.sekretaris).await.unwrap();
    assert_eq!(n.unread, 1);
    assert_eq!(n.latest[0].kind, NoticeKind::Incoming);
    assert_eq!(n.latest[0].item, id);
    assert_eq!(n.latest[0].actor_name, "Rina PPID");

    w.assigned_to(&id, &w.staf).await;
    let staf = notices::list(&w.state.db, &w.staf).await.unwrap();
    assert_eq!(staf.unread, 1, "the assigned staff member is told once");
    // The actor never hears of their own move.
    assert_eq!(notices::list(&w.state.db, &w.kepala).await.unwrap().latest.len(), 1);

    w.save_draft(&w.staf, &id, "Rapat Koordinasi").await;
    w.moved(&w.staf, &id, ActionKind::SubmitForCorrection, MoveInput::default())
        .await;
    w.moved(&w.sekretaris, &id, ActionKind::SendToVerification, MoveInput::default())
        .await;
    w.moved(
        &w.verifikator,
        &id,
        ActionKind::ReturnForRevision,
        World::reason("Lengkapi daftar peserta."),
    )
    .await;
    let n = notices::list(&w.state.db, &w.sekretaris).await.unwrap();
    let newest = &n.latest[0];
    assert_eq!(newest.kind, NoticeKind::Returned);
    assert_eq!(newest.note, "Lengkapi daftar peserta.");
    assert_eq!(newest.title, "Rapat Koordinasi");

    // Opening the item reads what the bell said about it.
    notices::mark_item_read(&w.state.db, &w.sekretaris, &id).await.unwrap();
    assert_eq!(notices::list(&w.state.db, &w.sekretaris).await.unwrap().unread, 0);

    w.moved(&w.sekretaris, &id, ActionKind::SendToVerification, MoveInput::default())
        .await;
    w.moved(&w.verifikator, &id, ActionKind::Approve, MoveInput::default())
        .await;
    w.moved(&w.sekretaris, &id, ActionKind::OrderPublication, MoveInput::default())
        .await;
    w.moved(&w.staf, &id, ActionKind::MarkPublished, World::links()).await;
    // Everyone in the chain hears it went out, except the one who published it.
    for who in [&w.ppid, &w.sekretaris, &w.kepala, &w.verifikator] {
        let n = notices::list(&w.state.db, who).await.unwrap();
        assert_eq!(n.latest[0].kind, NoticeKind::Published, "{}", who.username);
    }
    let staf = notices::list(&w.state.db, &w.staf).await.unwrap();
    assert!(staf.latest.iter().all(|x| x.kind != NoticeKind::Published));
    notices::mark_all_read(&w.state.db, &w.ppid).await.unwrap();
    assert_eq!(notices::list(&w.state.db, &w.ppid).await.unwrap().unread, 0);
}

#[tokio::test]
async fn the_bell_forgets_a_confidential_item_its_reader_may_no_longer_see() {
    let w = World::new().await;
    let other = common::user(&w.state, "sekretariat2", "Tono Sekretariat", &[Role::KepalaSekretariat]).await;
    let id = w.create_confidential().await;
    w.moved(
        &w.sekretaris,
        &id,
        ActionKind::ForwardToSekretariat,
        MoveInput::default(),
    )
    .await;
    // Both holders of the Sekretariat desk were told.
    let told = notices::list(&w.state.db, &other).await.unwrap();
    assert_eq!((told.unread, told.latest.len()), (1, 1));
    // The other one accepts and assigns: the item leaves the desk, and Tono was never in its chain.
    w.moved(&w.kepala, &id, ActionKind::AcceptDisposition, MoveInput::default())
        .await;
    w.moved(&w.kepala, &id, ActionKind::AssignStaff, w.staff()).await;
    let after = notices::list(&w.state.db, &other).await.unwrap();
    assert_eq!((after.unread, after.latest.len()), (0, 0), "{after:?}");
    // Those still in the chain keep theirs.
    assert!(!notices::list(&w.state.db, &w.staf).await.unwrap().latest.is_empty());
}

#[tokio::test]
async fn a_channel_s_change_redraws_the_dashboards_that_show_channels_and_no_other() {
    use app::server::connections;
    let w = World::new().await;
    w.state.live.until_running().await;
    // The accounts' creation is not the change under test (an account's change ends its stream):
    // let its events pass before subscribing.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let people = w.everyone();
    let mut subs: Vec<Subscriber> = people.iter().map(|_| w.state.live.subscribe()).collect();
    // The administrator connects the website: no item changes, only a channel's connection.
    let website = common::website_connection();
    let key = app::server::secrets::SecretKey::random();
    connections::save(&w.state.db, &key, &website, "Admin", Utc::now())
        .await
        .unwrap();
    for (who, sub) in people.iter().zip(subs.iter_mut()) {
        let events = drain(sub, who, Duration::from_millis(700)).await;
        let roles = who.role_set();
        let shows_channels = roles.has(Role::Admin) || roles.has(Role::Sekretaris);
        assert_eq!(
            events.contains(&LiveEvent::Counts),
            shows_channels,
            "{}: {events:?}",
            who.username
        );
        assert!(item_events(&events).is_empty(), "{}: no item moved", who.username);
    }
}

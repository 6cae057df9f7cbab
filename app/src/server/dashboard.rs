//! The dashboards: for each role the lists it works from, the pipeline of the office (how
//! many items stand at each step), and the staff's workload for the Sekretariat.

use super::accounts::{self, UserRow};
use super::db::Db;
use super::items::{self, AsOf, OpenItem};
use super::ServerError;
use crate::domain::{access, Role, State};
use crate::views::{Dashboard, DueInfo, Panel, PanelKind, PublishingView, StepCount, Workload};

/// The panels of one role, from the open items `me` may see.
fn panels_for(role: Role, open: &[OpenItem], me: &UserRow) -> Vec<Panel> {
    let pick = |kind: PanelKind, keep: &dyn Fn(&OpenItem) -> bool| Panel {
        kind,
        items: open.iter().filter(|i| keep(i)).map(|i| i.summary.clone()).collect(),
    };
    let at = |states: &'static [State]| move |i: &OpenItem| states.contains(&i.summary.state) && i.mine;
    match role {
        Role::PpidPembantu => vec![pick(PanelKind::MyDispositions, &|i| i.from_user == me.key)],
        Role::Sekretaris => vec![
            pick(PanelKind::ToForward, &at(&[State::AtSekretaris])),
            pick(
                PanelKind::ToCorrect,
                &at(&[State::InCorrection, State::RevisionRequested]),
            ),
            pick(PanelKind::ToOrder, &at(&[State::Approved])),
            pick(PanelKind::WaitingOnOthers, &|i| {
                i.summary.state.desk().is_some_and(|d| d != Role::Sekretaris)
            }),
        ],
        Role::KepalaSekretariat => vec![
            pick(PanelKind::ToAccept, &at(&[State::AtSekretariat])),
            pick(PanelKind::ToAssign, &at(&[State::AcceptedBySekretariat])),
        ],
        Role::StafSekretariat => vec![
            pick(PanelKind::MyDrafts, &|i| {
                i.summary.state == State::Drafting && i.assignee.as_deref() == Some(me.key.as_str())
            }),
            pick(PanelKind::MyPublishing, &|i| {
                i.summary.state == State::Publishing && i.assignee.as_deref() == Some(me.key.as_str())
            }),
        ],
        // Oldest first: `open` is ordered by the time each item reached its desk.
        Role::Verifikator => vec![pick(PanelKind::VerificationQueue, &at(&[State::InVerification]))],
        Role::Admin => vec![],
    }
}

/// The pipeline: steps 2 to 9 (step 1 is the creation itself, so nothing ever waits there),
/// then published (10), cancelled (0) and closed as exempt (11).
pub fn pipeline(counts: &[(State, u32)]) -> Vec<StepCount> {
    let at_step = |n: u8| {
        counts
            .iter()
            .filter(|(s, _)| s.pending_step() == Some(n))
            .map(|(_, c)| c)
            .sum::<u32>()
    };
    let of = |state: State| counts.iter().filter(|(s, _)| *s == state).map(|(_, c)| c).sum::<u32>();
    let mut steps: Vec<StepCount> = (2..=9)
        .map(|n| StepCount {
            step: n,
            count: at_step(n),
        })
        .collect();
    steps.push(StepCount {
        step: 10,
        count: of(State::Published),
    });
    steps.push(StepCount {
        step: 0,
        count: of(State::Cancelled),
    });
    steps.push(StepCount {
        step: 11,
        count: of(State::Exempt),
    });
    steps
}

/// How far ahead the PPID Pembantu is shown "berkala" information falling due.
pub const BERKALA_WINDOW_DAYS: i64 = 30;

pub async fn dashboard(db: &Db, me: &UserRow, at: &AsOf) -> Result<Dashboard, ServerError> {
    let roles = me.role_set();
    let open = items::open_items(db, me, at).await?;
    let panels = Role::ALL
        .into_iter()
        .filter(|r| roles.has(*r))
        .flat_map(|r| panels_for(r, &open, me))
        .collect();
    let workload = if roles.has(Role::KepalaSekretariat) {
        let staff = accounts::holders_of(db, Role::StafSekretariat).await?;
        let count = |key: &str, state: State| {
            open.iter()
                .filter(|i| i.summary.state == state && i.assignee.as_deref() == Some(key))
                .count() as u32
        };
        staff
            .into_iter()
            .map(|u| Workload {
                drafting: count(&u.key, State::Drafting),
                publishing: count(&u.key, State::Publishing),
                name: u.name,
            })
            .collect()
    } else {
        vec![]
    };
    let berkala_due = if roles.has(Role::PpidPembantu) {
        super::public::berkala_due_within(db, at.zone(), at.today(), BERKALA_WINDOW_DAYS)
            .await?
            .into_iter()
            .map(|(i, due)| DueInfo {
                id: i.id,
                title: i.title,
                overdue: due < at.today(),
                due,
            })
            .collect()
    } else {
        vec![]
    };
    let publishing = if access::follows_publication(roles) {
        publishing(db, &open).await?
    } else {
        vec![]
    };
    let channel_alerts = if access::told_of_channel_trouble(roles) {
        super::connections::alerts(db, at.now, at.zone()).await?
    } else {
        vec![]
    };
    Ok(Dashboard {
        publishing,
        channel_alerts,
        can_connect_channels: access::may_connect_channels(roles),
        berkala_due,
        pipeline: pipeline(&items::counts_by_state(db).await?),
        late: open.iter().filter(|i| i.summary.late).count() as u32,
        over_standard: open.iter().filter(|i| i.summary.over_standard).count() as u32,
        panels,
        workload,
    })
}

/// The open items being published, each with its channels' tasks.
async fn publishing(db: &Db, open: &[OpenItem]) -> Result<Vec<PublishingView>, ServerError> {
    let items: Vec<&OpenItem> = open.iter().filter(|i| i.summary.state == State::Publishing).collect();
    if items.is_empty() {
        return Ok(vec![]);
    }
    let keys: Vec<String> = items.iter().map(|i| i.summary.id.clone()).collect();
    let tasks = super::outbox::of_items(db, &keys).await?;
    Ok(items
        .into_iter()
        .map(|i| PublishingView {
            id: i.summary.id.clone(),
            title: i.summary.title.clone().unwrap_or_else(|| i.summary.perihal.clone()),
            tasks: tasks
                .iter()
                .filter(|t| t.item == i.summary.id)
                .cloned()
                .filter_map(super::outbox::TaskRow::view)
                .collect(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_puts_every_state_at_its_step() {
        let counts: Vec<(State, u32)> = State::ALL.into_iter().zip(1..).collect();
        let p = pipeline(&counts);
        assert_eq!(p.len(), 11);
        let total: u32 = p.iter().map(|s| s.count).sum();
        assert_eq!(
            total,
            counts.iter().map(|(_, c)| c).sum::<u32>(),
            "every item counted once"
        );
        for (state, n) in &counts {
            let step = match state {
                State::Published => 10,
                State::Cancelled => 0,
                State::Exempt => 11,
                s => s.pending_step().unwrap(),
            };
            assert!(p.iter().find(|x| x.step == step).unwrap().count >= *n);
        }
        assert!(
            p.iter().all(|x| x.step != 1),
            "step 1 is the creation itself: nothing waits there"
        );
    }
}

//! Who may see and touch an item, and what the public may see: the one place these rules live.
//!
//! Pure, like the state machine. Every server path that decides one of these questions (item
//! reads and lists, dashboards, the live stream, the register and its exports, notifications, the
//! portal's read model) asks here; the browser asks the same functions to shape its views.

use super::input::KipCategory;
use super::role::{Role, RoleSet};
use super::workflow::{permits, ActionKind, ActorFacts, State};

/// One user's relation to one item, beyond their roles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relation {
    /// In the item's chain: made, received, or acted on it (the item's `participants`).
    pub in_chain: bool,
    /// The staff member the item is assigned to.
    pub is_assignee: bool,
}

/// What the access rules need to know of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemAccess {
    pub state: State,
    /// A "rahasia" disposition.
    pub confidential: bool,
}

/// Does the user hold the desk the item waits at? The staff desk is the assigned staff member's
/// alone; every other desk is held by everyone with its role.
pub fn holds_desk(roles: RoleSet, state: State, rel: Relation) -> bool {
    state
        .desk()
        .is_some_and(|desk| roles.has(desk) && (desk != Role::StafSekretariat || rel.is_assignee))
}

/// The states whose desk a role set holds: those it holds by role alone, and those it holds only
/// as the assigned staff member. Lists ask the database for exactly these.
pub fn desk_states(roles: RoleSet) -> (Vec<State>, Vec<State>) {
    let by_role = State::ALL
        .into_iter()
        .filter(|&s| holds_desk(roles, s, Relation::default()))
        .collect();
    let as_assignee = State::ALL
        .into_iter()
        .filter(|&s| {
            let assigned = Relation {
                in_chain: true,
                is_assignee: true,
            };
            holds_desk(roles, s, assigned) && !holds_desk(roles, s, Relation::default())
        })
        .collect();
    (by_role, as_assignee)
}

/// Does this user work on items (any workflow role), rather than only keep accounts and settings?
pub fn works_on_items(roles: RoleSet) -> bool {
    roles.iter().any(|r| r != Role::Admin)
}

/// Who may see an item. An ordinary item is seen by every workflow role; a confidential one by the
/// people in its chain and by whoever holds its desk now. The administrator keeps accounts and
/// settings and sees counts, not items.
pub fn may_see(roles: RoleSet, item: ItemAccess, rel: Relation) -> bool {
    if !works_on_items(roles) {
        // Also an administrator who cancelled a confidential disposition (and so is in its chain).
        return false;
    }
    !item.confidential || rel.in_chain || holds_desk(roles, item.state, rel)
}

/// May this user cancel any open disposition, also one they may not open? The administrator may
/// (an extension of the SOP, beside the PPID Pembantu who made it): they find it by its agenda
/// number on the administration page, where a confidential disposition shows no title.
pub fn cancels_any_disposition(roles: RoleSet) -> bool {
    roles.has(Role::Admin)
}

/// Does this user see the office's counts of items (how many wait at each step), also of items
/// they may not open? The administrator does.
pub fn sees_office_counts(roles: RoleSet) -> bool {
    roles.has(Role::Admin)
}

/// Who may edit the working draft now: the assigned staff member while drafting (step 5), the
/// Sekretaris while correcting (step 6, also after a return from verification).
pub fn may_edit_draft(roles: RoleSet, state: State, rel: Relation) -> bool {
    match state {
        State::Drafting => roles.has(Role::StafSekretariat) && rel.is_assignee,
        State::InCorrection | State::RevisionRequested => roles.has(Role::Sekretaris),
        _ => false,
    }
}

/// Who may record a channel's publication link as it goes live: whoever may mark the item
/// published (step 9), while it is being published.
pub fn may_record_links(state: State, facts: ActorFacts) -> bool {
    permits(state, facts, ActionKind::MarkPublished).is_ok()
}

/// Who may steer a channel's publication task ("Coba lagi", "Tayangkan manual"): whoever records
/// the links, and the Sekretaris who orders publication, while the item is being published.
pub fn may_steer_publication(state: State, facts: ActorFacts) -> bool {
    may_record_links(state, facts) || (state == State::Publishing && facts.roles.has(Role::Sekretaris))
}

/// Who connects the publication channels (their credentials): the administrator.
pub fn may_connect_channels(roles: RoleSet) -> bool {
    roles.has(Role::Admin)
}

/// Who follows every item's publication channel by channel on their dashboard: the Sekretaris,
/// who orders it.
pub fn follows_publication(roles: RoleSet) -> bool {
    roles.has(Role::Sekretaris)
}

/// Who is told on their dashboard that a channel needs reconnecting or that its token ends soon:
/// the administrator, who reconnects it, and the Sekretaris, whose orders wait on it.
pub fn told_of_channel_trouble(roles: RoleSet) -> bool {
    may_connect_channels(roles) || follows_publication(roles)
}

/// Who may compare the material's versions: those who correct and verify it.
pub fn may_compare_versions(roles: RoleSet) -> bool {
    roles.has(Role::Sekretaris) || roles.has(Role::Verifikator)
}

/// Who reads reports: everyone with a desk in the chain above the staff, and the administrator.
/// Per-person figures are not for colleagues to compare themselves by.
pub fn may_read_reports(roles: RoleSet) -> bool {
    [
        Role::PpidPembantu,
        Role::Sekretaris,
        Role::KepalaSekretariat,
        Role::Verifikator,
        Role::Admin,
    ]
    .into_iter()
    .any(|r| roles.has(r))
}

/// Who downloads a backup of the whole database (every confidential disposition in it): the
/// administrator only.
pub fn may_download_backup(roles: RoleSet) -> bool {
    roles.has(Role::Admin)
}

/// Who manages accounts (creates them, sets their roles, resets passwords, switches them off):
/// the administrator only.
pub fn may_manage_accounts(roles: RoleSet) -> bool {
    roles.has(Role::Admin)
}

/// Who changes the office's settings (calendar, mutu baku, holidays, letterhead): the
/// administrator only.
pub fn may_change_settings(roles: RoleSet) -> bool {
    roles.has(Role::Admin)
}

/// Who may fetch a photo or document of an item: whoever may see the item, and everyone once the
/// item itself is public.
pub fn may_fetch_media(public: bool, sees_item: bool) -> bool {
    public || sees_item
}

/// What the public may see (UU 14/2008): published information that is not exempt.
pub fn is_public(state: State, kip: KipCategory) -> bool {
    state == State::Published && kip != KipCategory::Dikecualikan
}

/// The KIP categories the public may see, and filter the portal by.
pub fn public_categories() -> impl Iterator<Item = KipCategory> {
    KipCategory::ALL
        .iter()
        .copied()
        .filter(|&k| is_public(State::Published, k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role as R;
    use State as S;

    const ALL_RELATIONS: [Relation; 3] = [
        Relation {
            in_chain: false,
            is_assignee: false,
        },
        Relation {
            in_chain: true,
            is_assignee: false,
        },
        Relation {
            in_chain: true,
            is_assignee: true,
        },
    ];

    /// The desk of every state, as DESIGN.md gives it, and whether only the assignee holds it.
    const DESKS: [(S, Option<R>, bool); 12] = [
        (S::AtSekretaris, Some(R::Sekretaris), false),
        (S::AtSekretariat, Some(R::KepalaSekretariat), false),
        (S::AcceptedBySekretariat, Some(R::KepalaSekretariat), false),
        (S::Drafting, Some(R::StafSekretariat), true),
        (S::InCorrection, Some(R::Sekretaris), false),
        (S::InVerification, Some(R::Verifikator), false),
        (S::RevisionRequested, Some(R::Sekretaris), false),
        (S::Approved, Some(R::Sekretaris), false),
        (S::Publishing, Some(R::StafSekretariat), true),
        (S::Published, None, false),
        (S::Cancelled, None, false),
        (S::Exempt, None, false),
    ];

    /// Every (role set, state, relation) combination against the desk table.
    #[test]
    fn desk_holders_follow_the_table() {
        for (state, desk, assignee_only) in DESKS {
            for roles in RoleSet::all_subsets() {
                for rel in ALL_RELATIONS {
                    let expected = desk.is_some_and(|d| roles.has(d) && (!assignee_only || rel.is_assignee));
                    assert_eq!(holds_desk(roles, state, rel), expected, "{state:?} {roles:?} {rel:?}");
                }
            }
        }
    }

    #[test]
    fn desk_states_are_the_states_held() {
        for roles in RoleSet::all_subsets() {
            let (by_role, as_assignee) = desk_states(roles);
            for (state, desk, assignee_only) in DESKS {
                let held = desk.is_some_and(|d| roles.has(d));
                assert_eq!(by_role.contains(&state), held && !assignee_only, "{state:?} {roles:?}");
                assert_eq!(
                    as_assignee.contains(&state),
                    held && assignee_only,
                    "{state:?} {roles:?}"
                );
            }
        }
    }

    /// Every combination: ordinary items are seen by every workflow role and never by the
    /// administrator alone (not even in the chain); confidential ones by the chain and the desk
    /// holder only.
    #[test]
    fn visibility_over_every_combination() {
        for (state, desk, assignee_only) in DESKS {
            for roles in RoleSet::all_subsets() {
                for rel in ALL_RELATIONS {
                    for confidential in [false, true] {
                        let workflow_role = roles.iter().any(|r| r != R::Admin);
                        let at_desk = desk.is_some_and(|d| roles.has(d) && (!assignee_only || rel.is_assignee));
                        let expected = workflow_role && (!confidential || rel.in_chain || at_desk);
                        let item = ItemAccess { state, confidential };
                        assert_eq!(
                            may_see(roles, item, rel),
                            expected,
                            "{state:?} {roles:?} {rel:?} confidential={confidential}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn confidential_items_hide_from_the_other_holders_of_a_role() {
        let item = ItemAccess {
            state: S::Drafting,
            confidential: true,
        };
        let stranger = Relation::default();
        // Another staff member, another PPID Pembantu, the verifier: not in the chain, not the desk.
        for role in [R::StafSekretariat, R::PpidPembantu, R::Verifikator, R::Admin] {
            assert!(!may_see(RoleSet::of(&[role]), item, stranger), "{role:?}");
        }
        let sekretaris_desk = ItemAccess {
            state: S::InCorrection,
            confidential: true,
        };
        assert!(may_see(RoleSet::of(&[R::Sekretaris]), sekretaris_desk, stranger));
    }

    #[test]
    fn the_administrator_sees_counts_and_alone_no_item() {
        let item = ItemAccess {
            state: S::AtSekretaris,
            confidential: false,
        };
        for roles in RoleSet::all_subsets() {
            assert_eq!(sees_office_counts(roles), roles.has(R::Admin), "{roles:?}");
            let admin_alone = roles.has(R::Admin) && roles.iter().count() == 1;
            if !roles.is_empty() {
                assert_eq!(may_see(roles, item, Relation::default()), !admin_alone, "{roles:?}");
            }
        }
    }

    #[test]
    fn only_the_administrator_cancels_dispositions_not_their_own() {
        for roles in RoleSet::all_subsets() {
            assert_eq!(cancels_any_disposition(roles), roles.has(R::Admin), "{roles:?}");
        }
    }

    #[test]
    fn draft_editors_per_state() {
        for state in S::ALL {
            for roles in RoleSet::all_subsets() {
                for rel in ALL_RELATIONS {
                    let expected = match state {
                        S::Drafting => roles.has(R::StafSekretariat) && rel.is_assignee,
                        S::InCorrection | S::RevisionRequested => roles.has(R::Sekretaris),
                        _ => false,
                    };
                    assert_eq!(
                        may_edit_draft(roles, state, rel),
                        expected,
                        "{state:?} {roles:?} {rel:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn reports_are_for_everyone_but_the_staff_alone() {
        for roles in RoleSet::all_subsets() {
            let expected = roles.iter().any(|r| r != R::StafSekretariat);
            assert_eq!(may_read_reports(roles), expected, "{roles:?}");
        }
    }

    #[test]
    fn only_published_information_that_is_not_exempt_is_public() {
        for state in S::ALL {
            for &kip in KipCategory::ALL {
                let expected = state == S::Published && kip != KipCategory::Dikecualikan;
                assert_eq!(is_public(state, kip), expected, "{state:?} {kip:?}");
            }
        }
    }
}

//! The SOP "Pengelolaan Website dan Media Sosial" as a state machine.
//!
//! Pure: no I/O, no clock. The server asks [`decide`] before every move and the UI asks
//! [`allowed_actions`] which buttons to show; both read the same rules.

use super::role::{Role, RoleSet};
use serde::{Deserialize, Serialize};

/// Serde for a unit enum by its `id()` (snake case, as stored and sent), read by looking the
/// name up in its `ALL`: one small reader instead of serde's derived one per name (it is in
/// every page's script).
macro_rules! serde_by_id {
    ($ty:ident, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let id = String::deserialize(d)?;
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|x| x.id() == id)
                    .ok_or_else(|| serde::de::Error::custom(concat!("an unknown ", $what)))
            }
        }
    };
}

serde_by_id!(State, "state");
serde_by_id!(ActionKind, "action");

/// Where an item stands. Each open state is "waiting at one desk for one SOP step".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// Step 2 pending: the disposition lies with the Sekretaris.
    AtSekretaris,
    /// Step 3 pending: the Sekretariat must accept the disposition.
    AtSekretariat,
    /// Step 4 pending: the Sekretariat must assign a staff member.
    AcceptedBySekretariat,
    /// Step 5: the assigned staff member drafts the material.
    Drafting,
    /// Step 6: the Sekretaris corrects the material.
    InCorrection,
    /// Step 7: the Bidang verifies.
    InVerification,
    /// Back at step 6 after the Bidang asked for fixes.
    RevisionRequested,
    /// Step 8 pending: the Sekretaris orders publication.
    Approved,
    /// Step 9: the staff member publishes on every channel.
    Publishing,
    /// SELESAI.
    Published,
    /// Cancelled by the PPID Pembantu (an extension, with a reason).
    Cancelled,
    /// Closed at verification as exempt information (UU 14/2008 art. 17, with its consequence
    /// test): "Dikecualikan, tidak dipublikasikan". In the register's list of exempt information,
    /// never published.
    Exempt,
}

impl State {
    pub const ALL: [State; 12] = [
        State::AtSekretaris,
        State::AtSekretariat,
        State::AcceptedBySekretariat,
        State::Drafting,
        State::InCorrection,
        State::InVerification,
        State::RevisionRequested,
        State::Approved,
        State::Publishing,
        State::Published,
        State::Cancelled,
        State::Exempt,
    ];

    pub fn id(self) -> &'static str {
        match self {
            State::AtSekretaris => "at_sekretaris",
            State::AtSekretariat => "at_sekretariat",
            State::AcceptedBySekretariat => "accepted_by_sekretariat",
            State::Drafting => "drafting",
            State::InCorrection => "in_correction",
            State::InVerification => "in_verification",
            State::RevisionRequested => "revision_requested",
            State::Approved => "approved",
            State::Publishing => "publishing",
            State::Published => "published",
            State::Cancelled => "cancelled",
            State::Exempt => "exempt",
        }
    }

    pub fn parse(id: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The SOP step (1-9) the item is waiting for; `None` once it is closed.
    /// Step 1 (the disposition itself) is done when an item exists.
    pub fn pending_step(self) -> Option<u8> {
        Some(match self {
            State::AtSekretaris => 2,
            State::AtSekretariat => 3,
            State::AcceptedBySekretariat => 4,
            State::Drafting => 5,
            State::InCorrection | State::RevisionRequested => 6,
            State::InVerification => 7,
            State::Approved => 8,
            State::Publishing => 9,
            State::Published | State::Cancelled | State::Exempt => return None,
        })
    }

    pub fn is_closed(self) -> bool {
        matches!(self, State::Published | State::Cancelled | State::Exempt)
    }

    /// The role whose desk the item is on.
    pub fn desk(self) -> Option<Role> {
        Some(match self {
            State::AtSekretaris | State::InCorrection | State::RevisionRequested | State::Approved => Role::Sekretaris,
            State::AtSekretariat | State::AcceptedBySekretariat => Role::KepalaSekretariat,
            State::Drafting | State::Publishing => Role::StafSekretariat,
            State::InVerification => Role::Verifikator,
            State::Published | State::Cancelled | State::Exempt => return None,
        })
    }
}

/// The kinds of move, one per button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// Step 1: "Buat Disposisi" (creates the item).
    CreateDisposition,
    /// Step 2: "Teruskan ke Sekretariat".
    ForwardToSekretariat,
    /// Step 3: "Terima Disposisi".
    AcceptDisposition,
    /// Step 4: "Tugaskan Staf".
    AssignStaff,
    /// Step 5: "Kirim untuk Koreksi".
    SubmitForCorrection,
    /// Step 6: "Kirim ke Verifikasi".
    SendToVerification,
    /// Extension: the Sekretaris returns the draft to the staff member.
    ReturnToStaff,
    /// Step 7: "Kembalikan untuk Perbaikan".
    ReturnForRevision,
    /// Step 7: "Setujui".
    Approve,
    /// Step 7, the other outcome: "Tetapkan Dikecualikan" (the reason is the consequence test).
    ClassifyExempt,
    /// Step 8: "Perintahkan Tayang".
    OrderPublication,
    /// Step 9: "Tandai Sudah Tayang".
    MarkPublished,
    /// Extension: the PPID Pembantu cancels the item.
    Cancel,
}

impl ActionKind {
    pub const ALL: [ActionKind; 13] = [
        ActionKind::CreateDisposition,
        ActionKind::ForwardToSekretariat,
        ActionKind::AcceptDisposition,
        ActionKind::AssignStaff,
        ActionKind::SubmitForCorrection,
        ActionKind::SendToVerification,
        ActionKind::ReturnToStaff,
        ActionKind::ReturnForRevision,
        ActionKind::Approve,
        ActionKind::ClassifyExempt,
        ActionKind::OrderPublication,
        ActionKind::MarkPublished,
        ActionKind::Cancel,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ActionKind::CreateDisposition => "create_disposition",
            ActionKind::ForwardToSekretariat => "forward_to_sekretariat",
            ActionKind::AcceptDisposition => "accept_disposition",
            ActionKind::AssignStaff => "assign_staff",
            ActionKind::SubmitForCorrection => "submit_for_correction",
            ActionKind::SendToVerification => "send_to_verification",
            ActionKind::ReturnToStaff => "return_to_staff",
            ActionKind::ReturnForRevision => "return_for_revision",
            ActionKind::Approve => "approve",
            ActionKind::ClassifyExempt => "classify_exempt",
            ActionKind::OrderPublication => "order_publication",
            ActionKind::MarkPublished => "mark_published",
            ActionKind::Cancel => "cancel",
        }
    }

    pub fn parse(id: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|a| a.id() == id)
    }

    /// The moves that carry a written reason: a return, a cancellation, and the consequence test
    /// of an exemption.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            ActionKind::ReturnToStaff | ActionKind::ReturnForRevision | ActionKind::Cancel | ActionKind::ClassifyExempt
        )
    }

    /// The returns: the material goes back a step with a reason that says what to fix.
    pub fn is_return(self) -> bool {
        matches!(self, ActionKind::ReturnToStaff | ActionKind::ReturnForRevision)
    }

    /// The moves that send on or judge the material as the actor saw it: refused when the draft
    /// was saved again since (what is corrected, verified or returned is what the actor read).
    pub fn acts_on_material(self) -> bool {
        matches!(
            self,
            ActionKind::SubmitForCorrection
                | ActionKind::SendToVerification
                | ActionKind::ReturnToStaff
                | ActionKind::ReturnForRevision
                | ActionKind::Approve
                | ActionKind::ClassifyExempt
        )
    }

    /// The moves of the disposition chain (steps 1 to 4): each is a sign-off on the sheet.
    pub fn signs_disposition(self) -> bool {
        matches!(
            self,
            ActionKind::CreateDisposition
                | ActionKind::ForwardToSekretariat
                | ActionKind::AcceptDisposition
                | ActionKind::AssignStaff
        )
    }

    /// The role that performs this move.
    pub fn role(self) -> Role {
        match self {
            ActionKind::CreateDisposition | ActionKind::Cancel => Role::PpidPembantu,
            ActionKind::ForwardToSekretariat
            | ActionKind::SendToVerification
            | ActionKind::ReturnToStaff
            | ActionKind::OrderPublication => Role::Sekretaris,
            ActionKind::AcceptDisposition | ActionKind::AssignStaff => Role::KepalaSekretariat,
            ActionKind::SubmitForCorrection | ActionKind::MarkPublished => Role::StafSekretariat,
            ActionKind::ReturnForRevision | ActionKind::Approve | ActionKind::ClassifyExempt => Role::Verifikator,
        }
    }
}

/// What the state machine needs to know about the person acting, beyond their roles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActorFacts {
    pub roles: RoleSet,
    /// The actor is the staff member assigned to the item.
    pub is_assignee: bool,
    /// The actor wrote one of the item's material versions.
    pub drafted_material: bool,
    /// The actor made the disposition (step 1): only they (or an administrator) may cancel it.
    pub made_disposition: bool,
}

/// Why a move is refused. Rendered to Indonesian by `text::refusal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The item is not in a state where this move exists.
    NotInThisState,
    /// The actor lacks the role the move needs.
    MissingRole(Role),
    /// Only the assigned staff member drafts and publishes.
    NotAssignee,
    /// Nobody verifies material they drafted themselves.
    OwnMaterial,
    /// Only the PPID Pembantu who made a disposition (or an administrator) cancels it.
    NotOriginator,
    /// A return or cancellation needs a reason.
    ReasonRequired,
    /// Items are opened by the workflow roles; the administrator keeps accounts and settings.
    NoWorkflowRole,
}

/// The state this move leads to from `state`, regardless of who asks. `None`: no such move here.
pub fn transition(state: State, kind: ActionKind) -> Option<State> {
    use ActionKind as A;
    use State as S;
    Some(match (state, kind) {
        (S::AtSekretaris, A::ForwardToSekretariat) => S::AtSekretariat,
        (S::AtSekretariat, A::AcceptDisposition) => S::AcceptedBySekretariat,
        (S::AcceptedBySekretariat, A::AssignStaff) => S::Drafting,
        (S::Drafting, A::SubmitForCorrection) => S::InCorrection,
        (S::InCorrection | S::RevisionRequested, A::SendToVerification) => S::InVerification,
        (S::InCorrection | S::RevisionRequested, A::ReturnToStaff) => S::Drafting,
        (S::InVerification, A::ReturnForRevision) => S::RevisionRequested,
        (S::InVerification, A::Approve) => S::Approved,
        (S::InVerification, A::ClassifyExempt) => S::Exempt,
        (S::Approved, A::OrderPublication) => S::Publishing,
        (S::Publishing, A::MarkPublished) => S::Published,
        (s, A::Cancel) if !s.is_closed() => S::Cancelled,
        _ => return None,
    })
}

/// May this actor make this move now? Returns the next state or the first reason why not.
/// A reason text is checked by [`decide`]; this answers the question "show the button?".
pub fn permits(state: State, actor: ActorFacts, kind: ActionKind) -> Result<State, Refusal> {
    let next = transition(state, kind).ok_or(Refusal::NotInThisState)?;
    if kind == ActionKind::Cancel && super::access::cancels_any_disposition(actor.roles) {
        return Ok(next);
    }
    let role = kind.role();
    if !actor.roles.has(role) {
        return Err(Refusal::MissingRole(role));
    }
    match kind {
        ActionKind::SubmitForCorrection | ActionKind::MarkPublished if !actor.is_assignee => Err(Refusal::NotAssignee),
        ActionKind::Approve | ActionKind::ReturnForRevision | ActionKind::ClassifyExempt if actor.drafted_material => {
            Err(Refusal::OwnMaterial)
        }
        ActionKind::Cancel if !actor.made_disposition => Err(Refusal::NotOriginator),
        _ => Ok(next),
    }
}

/// The role in which the actor makes this move, as the audit trail records it: the move's role,
/// except an administrator cancelling a disposition they did not make.
pub fn acting_role(actor: ActorFacts, kind: ActionKind) -> Role {
    let role = kind.role();
    if kind == ActionKind::Cancel
        && !(actor.roles.has(role) && actor.made_disposition)
        && super::access::cancels_any_disposition(actor.roles)
    {
        Role::Admin
    } else {
        role
    }
}

/// The full rule: [`permits`] plus the reason a return or cancellation must carry.
pub fn decide(state: State, actor: ActorFacts, kind: ActionKind, reason: Option<&str>) -> Result<State, Refusal> {
    let next = permits(state, actor, kind)?;
    if kind.needs_reason() && reason.map(str::trim).unwrap_or("").is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    Ok(next)
}

/// May this actor start a new item (step 1)?
pub fn may_create(actor: ActorFacts) -> Result<State, Refusal> {
    if actor.roles.has(Role::PpidPembantu) {
        Ok(State::AtSekretaris)
    } else {
        Err(Refusal::MissingRole(Role::PpidPembantu))
    }
}

/// The buttons this actor gets on an item in this state, in SOP order.
pub fn allowed_actions(state: State, actor: ActorFacts) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|k| *k != ActionKind::CreateDisposition)
        .filter(|k| permits(state, actor, *k).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names on the wire and in the database are the ones serde's `snake_case` gave before.
    fn snake(debug: String) -> String {
        let mut out = String::new();
        for (i, c) in debug.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn states_and_actions_travel_by_their_snake_case_names() {
        fn check<T: Serialize + for<'de> Deserialize<'de> + std::fmt::Debug + PartialEq + Copy>(all: &[T]) {
            for &v in all {
                let json = serde_json::to_value(v).unwrap();
                assert_eq!(json, serde_json::json!(snake(format!("{v:?}"))));
                assert_eq!(serde_json::from_value::<T>(json).unwrap(), v);
            }
        }
        check(&State::ALL);
        check(&ActionKind::ALL);
        assert!(serde_json::from_str::<State>(r#""nowhere""#).is_err());
        assert!(serde_json::from_str::<ActionKind>(r#""AssignStaff""#).is_err());
    }

    #[test]
    fn actions_and_states_travel_by_their_ids() {
        for a in ActionKind::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), serde_json::json!(a.id()));
            assert_eq!(ActionKind::parse(a.id()), Some(a));
        }
        for s in State::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), serde_json::json!(s.id()));
        }
    }
    use ActionKind as A;
    use Role as R;
    use State as S;

    /// The SOP table of DESIGN.md, written out independently of the implementation:
    /// (from, move, role, only the assignee, not the drafter, to).
    const SOP: &[(S, A, R, bool, bool, S)] = &[
        (
            S::AtSekretaris,
            A::ForwardToSekretariat,
            R::Sekretaris,
            false,
            false,
            S::AtSekretariat,
        ),
        (
            S::AtSekretariat,
            A::AcceptDisposition,
            R::KepalaSekretariat,
            false,
            false,
            S::AcceptedBySekretariat,
        ),
        (
            S::AcceptedBySekretariat,
            A::AssignStaff,
            R::KepalaSekretariat,
            false,
            false,
            S::Drafting,
        ),
        (
            S::Drafting,
            A::SubmitForCorrection,
            R::StafSekretariat,
            true,
            false,
            S::InCorrection,
        ),
        (
            S::InCorrection,
            A::SendToVerification,
            R::Sekretaris,
            false,
            false,
            S::InVerification,
        ),
        (
            S::RevisionRequested,
            A::SendToVerification,
            R::Sekretaris,
            false,
            false,
            S::InVerification,
        ),
        (
            S::InCorrection,
            A::ReturnToStaff,
            R::Sekretaris,
            false,
            false,
            S::Drafting,
        ),
        (
            S::RevisionRequested,
            A::ReturnToStaff,
            R::Sekretaris,
            false,
            false,
            S::Drafting,
        ),
        (
            S::InVerification,
            A::ReturnForRevision,
            R::Verifikator,
            false,
            true,
            S::RevisionRequested,
        ),
        (S::InVerification, A::Approve, R::Verifikator, false, true, S::Approved),
        (
            S::InVerification,
            A::ClassifyExempt,
            R::Verifikator,
            false,
            true,
            S::Exempt,
        ),
        (
            S::Approved,
            A::OrderPublication,
            R::Sekretaris,
            false,
            false,
            S::Publishing,
        ),
        (
            S::Publishing,
            A::MarkPublished,
            R::StafSekretariat,
            true,
            false,
            S::Published,
        ),
        (S::AtSekretaris, A::Cancel, R::PpidPembantu, false, false, S::Cancelled),
        (S::AtSekretariat, A::Cancel, R::PpidPembantu, false, false, S::Cancelled),
        (
            S::AcceptedBySekretariat,
            A::Cancel,
            R::PpidPembantu,
            false,
            false,
            S::Cancelled,
        ),
        (S::Drafting, A::Cancel, R::PpidPembantu, false, false, S::Cancelled),
        (S::InCorrection, A::Cancel, R::PpidPembantu, false, false, S::Cancelled),
        (
            S::InVerification,
            A::Cancel,
            R::PpidPembantu,
            false,
            false,
            S::Cancelled,
        ),
        (
            S::RevisionRequested,
            A::Cancel,
            R::PpidPembantu,
            false,
            false,
            S::Cancelled,
        ),
        (S::Approved, A::Cancel, R::PpidPembantu, false, false, S::Cancelled),
        (S::Publishing, A::Cancel, R::PpidPembantu, false, false, S::Cancelled),
    ];

    fn expected(state: S, actor: ActorFacts, kind: A, reason: Option<&str>) -> Result<S, Refusal> {
        let Some(&(_, _, role, assignee_only, not_drafter, to)) =
            SOP.iter().find(|row| row.0 == state && row.1 == kind)
        else {
            return Err(Refusal::NotInThisState);
        };
        let reason_needed = matches!(
            kind,
            A::ReturnToStaff | A::ReturnForRevision | A::Cancel | A::ClassifyExempt
        );
        let reason_missing = reason.map(|r| r.trim().is_empty()).unwrap_or(true);
        // The administrator cancels any open disposition, with a reason.
        if kind == A::Cancel && actor.roles.has(R::Admin) {
            return if reason_missing {
                Err(Refusal::ReasonRequired)
            } else {
                Ok(to)
            };
        }
        if !actor.roles.has(role) {
            return Err(Refusal::MissingRole(role));
        }
        if assignee_only && !actor.is_assignee {
            return Err(Refusal::NotAssignee);
        }
        if not_drafter && actor.drafted_material {
            return Err(Refusal::OwnMaterial);
        }
        if kind == A::Cancel && !actor.made_disposition {
            return Err(Refusal::NotOriginator);
        }
        if reason_needed && reason_missing {
            return Err(Refusal::ReasonRequired);
        }
        Ok(to)
    }

    /// Every (state, set of roles, move, assignee?, drafter?, reason) combination: not a sample.
    #[test]
    fn every_combination_follows_the_sop_table() {
        let mut checked = 0;
        for state in S::ALL {
            for roles in RoleSet::all_subsets() {
                for kind in A::ALL {
                    for is_assignee in [false, true] {
                        for drafted_material in [false, true] {
                            for made_disposition in [false, true] {
                                for reason in [None, Some("  "), Some("Foto kurang jelas")] {
                                    let actor = ActorFacts {
                                        roles,
                                        is_assignee,
                                        drafted_material,
                                        made_disposition,
                                    };
                                    assert_eq!(
                                        decide(state, actor, kind, reason),
                                        expected(state, actor, kind, reason),
                                        "{state:?} {roles:?} {kind:?} assignee={is_assignee} \
                                         drafted={drafted_material} made={made_disposition} {reason:?}"
                                    );
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 12 * 64 * 13 * 2 * 2 * 2 * 3);
    }

    #[test]
    fn an_administrators_cancellation_is_recorded_as_the_administrators() {
        let admin = ActorFacts {
            roles: RoleSet::of(&[R::Admin]),
            ..Default::default()
        };
        assert_eq!(
            decide(S::Drafting, admin, A::Cancel, Some("Kegiatan batal")),
            Ok(S::Cancelled)
        );
        assert_eq!(acting_role(admin, A::Cancel), R::Admin);
        let originator = ActorFacts {
            roles: RoleSet::of(&[R::PpidPembantu, R::Admin]),
            made_disposition: true,
            ..Default::default()
        };
        assert_eq!(acting_role(originator, A::Cancel), R::PpidPembantu);
        let other_ppid = ActorFacts {
            roles: RoleSet::of(&[R::PpidPembantu, R::Admin]),
            ..Default::default()
        };
        assert_eq!(acting_role(other_ppid, A::Cancel), R::Admin);
        assert_eq!(acting_role(admin, A::Approve), R::Verifikator);
    }

    #[test]
    fn staf_cannot_verify() {
        let staf = ActorFacts {
            roles: RoleSet::of(&[R::StafSekretariat]),
            ..Default::default()
        };
        assert_eq!(
            decide(S::InVerification, staf, A::Approve, None),
            Err(Refusal::MissingRole(R::Verifikator))
        );
    }

    #[test]
    fn nobody_verifies_what_they_drafted() {
        let both = ActorFacts {
            roles: RoleSet::of(&[R::StafSekretariat, R::Verifikator]),
            is_assignee: true,
            drafted_material: true,
            made_disposition: false,
        };
        assert_eq!(
            decide(S::InVerification, both, A::Approve, None),
            Err(Refusal::OwnMaterial)
        );
    }

    #[test]
    fn a_return_needs_a_reason() {
        let v = ActorFacts {
            roles: RoleSet::of(&[R::Verifikator]),
            ..Default::default()
        };
        assert_eq!(
            decide(S::InVerification, v, A::ReturnForRevision, Some("")),
            Err(Refusal::ReasonRequired)
        );
        assert_eq!(
            decide(S::InVerification, v, A::ReturnForRevision, Some("Judul keliru")),
            Ok(S::RevisionRequested)
        );
    }

    #[test]
    fn only_the_assigned_staff_member_publishes() {
        let other = ActorFacts {
            roles: RoleSet::of(&[R::StafSekretariat]),
            ..Default::default()
        };
        assert_eq!(
            decide(S::Publishing, other, A::MarkPublished, None),
            Err(Refusal::NotAssignee)
        );
    }

    #[test]
    fn closed_items_offer_no_buttons() {
        let everyone = ActorFacts {
            roles: RoleSet::of(&R::ALL),
            is_assignee: true,
            drafted_material: false,
            made_disposition: true,
        };
        assert!(allowed_actions(S::Published, everyone).is_empty());
        assert!(allowed_actions(S::Cancelled, everyone).is_empty());
        assert!(allowed_actions(S::Exempt, everyone).is_empty());
    }

    #[test]
    fn every_open_state_waits_at_a_desk_for_a_step() {
        for s in S::ALL {
            assert_eq!(s.pending_step().is_some(), !s.is_closed());
            assert_eq!(s.desk().is_some(), !s.is_closed());
            assert_eq!(S::parse(s.id()), Some(s));
        }
    }

    #[test]
    fn only_ppid_pembantu_creates() {
        for roles in RoleSet::all_subsets() {
            let actor = ActorFacts {
                roles,
                ..Default::default()
            };
            assert_eq!(may_create(actor).is_ok(), roles.has(R::PpidPembantu));
        }
    }
}

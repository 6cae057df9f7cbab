//! Mutu baku: the quality standard of each SOP step (what must be at hand, how long it may
//! take, what it produces), with the defaults of DESIGN.md. The SOP leaves the durations
//! blank: the defaults are our assumption until the office sets its own.

use super::calendar::{OfficeCalendar, Target};
use super::{ActionKind, FieldError, Role, State, Urgency};
use crate::domain::Problem;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepStandard {
    /// 1 to 9.
    pub step: u8,
    /// Kelengkapan: what must be at hand.
    pub kelengkapan: Vec<String>,
    pub target: Target,
    /// The document the step produces.
    pub output: String,
}

/// The nine standards as the SOP sheet lists them, with DESIGN.md's default targets: steps 1-4
/// and 8: 1 working hour; 5: 1 working day; 6: 4 working hours; 7: 1 working day; 9: 2 hours.
pub fn default_standards() -> Vec<StepStandard> {
    let s = |step: u8, kelengkapan: &[&str], target: Target, output: &str| StepStandard {
        step,
        kelengkapan: kelengkapan.iter().map(|k| k.to_string()).collect(),
        target,
        output: output.to_string(),
    };
    use Target::{WorkingDays as Days, WorkingHours as Hours};
    vec![
        s(1, &["ATK", "Lembar disposisi"], Hours(1), "Lembar disposisi"),
        s(2, &["ATK", "Lembar disposisi"], Hours(1), "Lembar disposisi"),
        s(3, &["ATK", "Lembar disposisi"], Hours(1), "Lembar disposisi"),
        s(
            4,
            &["Lembar disposisi", "Materi publikasi"],
            Hours(1),
            "Materi publikasi",
        ),
        s(5, &["Komputer", "Internet"], Days(1), "Materi publikasi"),
        s(6, &["Materi publikasi"], Hours(4), "Materi publikasi terkoreksi"),
        s(
            7,
            &["Materi publikasi", "Komputer"],
            Days(1),
            "Materi publikasi terverifikasi",
        ),
        s(8, &["Materi publikasi", "Komputer"], Hours(1), "Perintah tayang"),
        s(
            9,
            &["Materi publikasi", "Komputer", "Internet"],
            Hours(2),
            "Informasi di website dan media sosial",
        ),
    ]
}

/// The move that completes each SOP step, in order (step 7's other outcome is the return).
pub const STEP_ACTIONS: [ActionKind; 9] = [
    ActionKind::CreateDisposition,
    ActionKind::ForwardToSekretariat,
    ActionKind::AcceptDisposition,
    ActionKind::AssignStaff,
    ActionKind::SubmitForCorrection,
    ActionKind::SendToVerification,
    ActionKind::Approve,
    ActionKind::OrderPublication,
    ActionKind::MarkPublished,
];

/// The columns of the SOP sheet, in the order of the original document.
pub const SHEET_ACTORS: [Role; 5] = [
    Role::PpidPembantu,
    Role::Verifikator,
    Role::Sekretaris,
    Role::KepalaSekretariat,
    Role::StafSekretariat,
];

/// Who performs step `step` (1 to 9).
pub fn step_actor(step: u8) -> Option<Role> {
    STEP_ACTIONS.get(usize::from(step).checked_sub(1)?).map(|a| a.role())
}

/// What must be at hand for the step an item in `state` waits at (empty once closed).
pub fn kelengkapan_for(state: State, standards: &[StepStandard]) -> Vec<String> {
    state
        .pending_step()
        .and_then(|step| standards.iter().find(|s| s.step == step))
        .map(|s| s.kelengkapan.clone())
        .unwrap_or_default()
}

/// The kelengkapan the actor ticked on a move: only items of the step, each once, in the
/// step's order. Anything else is refused naming the field.
pub fn parse_checklist(ticked: &[String], kelengkapan: &[String]) -> Result<Vec<String>, FieldError> {
    if let Some(unknown) = ticked.iter().find(|t| !kelengkapan.contains(t)) {
        return Err(FieldError::new(
            "checklist",
            Problem::ChecklistUnknown {
                item: (unknown).to_string(),
            },
        ));
    }
    Ok(kelengkapan.iter().filter(|k| ticked.contains(k)).cloned().collect())
}

/// How much of the normal target urgent items get, in percent: "sangat segera" dispositions and
/// KIP "serta merta" information (the shorter of the two applies to an item that is both).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgentShares {
    pub sangat_segera: u8,
    pub serta_merta: u8,
}

impl Default for UrgentShares {
    fn default() -> Self {
        UrgentShares {
            sangat_segera: 50,
            serta_merta: 50,
        }
    }
}

/// The target of a step for an item, in working seconds: shorter for urgent items.
pub fn target_seconds(
    standard: &StepStandard,
    calendar: &OfficeCalendar,
    shares: UrgentShares,
    urgency: Urgency,
    serta_merta: bool,
) -> i64 {
    let full = standard.target.seconds(calendar);
    let mut percent = 100i64;
    if urgency == Urgency::SangatSegera {
        percent = percent.min(i64::from(shares.sangat_segera));
    }
    if serta_merta {
        percent = percent.min(i64::from(shares.serta_merta));
    }
    full * percent / 100
}

/// Where the current step of an item stands against its standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepClock {
    pub step: u8,
    /// Working seconds since the item reached the desk.
    pub spent: i64,
    pub target: i64,
}

impl StepClock {
    pub fn late(&self) -> bool {
        self.spent > self.target
    }
}

/// The clock of the step an item waits at (None once it is closed), against the target the
/// step was given when it started.
pub fn step_clock(
    state: State,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    calendar: &OfficeCalendar,
    target: i64,
) -> Option<StepClock> {
    Some(StepClock {
        step: state.pending_step()?,
        spent: calendar.working_seconds(since, now),
        target,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::OfficeZone;
    use chrono::TimeZone;

    fn wib(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        OfficeZone::Wib
            .offset()
            .with_ymd_and_hms(2026, 11, d, h, m, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn each_step_of_the_sheet_is_done_by_its_actor_in_the_sop() {
        let actors: Vec<Role> = (1..=9).filter_map(step_actor).collect();
        use Role::*;
        assert_eq!(
            actors,
            vec![
                PpidPembantu,
                Sekretaris,
                KepalaSekretariat,
                KepalaSekretariat,
                StafSekretariat,
                Sekretaris,
                Verifikator,
                Sekretaris,
                StafSekretariat
            ]
        );
        assert!(actors.iter().all(|a| SHEET_ACTORS.contains(a)));
        // The step each action completes is the state it leaves.
        for (i, action) in STEP_ACTIONS.iter().enumerate().skip(1) {
            let leaves = State::ALL
                .into_iter()
                .filter(|s| s.pending_step() == Some(i as u8 + 1))
                .any(|s| {
                    crate::domain::allowed_actions(
                        s,
                        crate::domain::ActorFacts {
                            roles: crate::domain::RoleSet::of(&Role::ALL),
                            is_assignee: true,
                            drafted_material: false,
                            made_disposition: true,
                        },
                    )
                    .contains(action)
                });
            assert!(leaves, "{action:?} completes step {}", i + 1);
        }
        assert_eq!(step_actor(0), None);
        assert_eq!(step_actor(10), None);
    }

    #[test]
    fn a_move_records_only_the_kelengkapan_of_its_step() {
        let std = default_standards();
        let at_sekretaris = kelengkapan_for(State::AtSekretaris, &std);
        assert_eq!(at_sekretaris, vec!["ATK".to_string(), "Lembar disposisi".to_string()]);
        let ticked = vec!["Lembar disposisi".to_string(), "ATK".to_string(), "ATK".to_string()];
        assert_eq!(parse_checklist(&ticked, &at_sekretaris).unwrap(), at_sekretaris);
        assert_eq!(parse_checklist(&[], &at_sekretaris).unwrap(), Vec::<String>::new());
        let err = parse_checklist(&["Printer".to_string()], &at_sekretaris).unwrap_err();
        assert_eq!(err.field, "checklist");
        assert_eq!(err.problem, Problem::ChecklistUnknown { item: "Printer".into() });
        assert!(kelengkapan_for(State::Published, &std).is_empty());
    }

    #[test]
    fn the_defaults_are_those_of_the_design() {
        let c = OfficeCalendar::default();
        let hours: Vec<i64> = default_standards()
            .iter()
            .map(|s| s.target.seconds(&c) / 3600)
            .collect();
        // One working day is one office day: 8 hours with the default calendar.
        assert_eq!(hours, vec![1, 1, 1, 1, 8, 4, 8, 1, 2]);
        assert!(default_standards()
            .iter()
            .all(|s| !s.kelengkapan.is_empty() && !s.output.is_empty()));
    }

    #[test]
    fn a_step_is_late_once_its_working_time_passes_the_target() {
        let (c, std) = (OfficeCalendar::default(), default_standards());
        let shares = UrgentShares::default();
        let correction = &std[5];
        let target = |urgency, serta_merta| target_seconds(correction, &c, shares, urgency, serta_merta);
        // In correction (step 6: 4 working hours) since Thursday 26 Nov 13.00.
        let at = |now| {
            step_clock(
                State::InCorrection,
                wib(26, 13, 0),
                now,
                &c,
                target(Urgency::Biasa, false),
            )
            .unwrap()
        };
        assert_eq!(
            at(wib(26, 16, 0)),
            StepClock {
                step: 6,
                spent: 3 * 3600,
                target: 4 * 3600
            }
        );
        assert!(!at(wib(26, 23, 0)).late(), "the evening does not count");
        assert!(!at(wib(27, 9, 0)).late(), "exactly on target is on time");
        assert!(at(wib(27, 9, 1)).late());
        // "Sangat segera" and "serta merta" items get half the time by default.
        assert_eq!(target(Urgency::SangatSegera, false), 2 * 3600);
        assert_eq!(target(Urgency::Biasa, true), 2 * 3600);
        assert_eq!(target(Urgency::Segera, false), 4 * 3600);
        // The factors are the office's; the shorter applies to an item that is both.
        let custom = UrgentShares {
            sangat_segera: 75,
            serta_merta: 25,
        };
        assert_eq!(
            target_seconds(correction, &c, custom, Urgency::SangatSegera, false),
            3 * 3600
        );
        assert_eq!(
            target_seconds(correction, &c, custom, Urgency::SangatSegera, true),
            3600
        );
        assert_eq!(
            step_clock(State::Published, wib(26, 13, 0), wib(27, 13, 0), &c, 3600),
            None
        );
    }
}

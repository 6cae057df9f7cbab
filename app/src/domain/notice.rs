//! Who hears of a move, and what they are told. Pure rules; the workflow service writes the
//! notifications in the move's own transaction.

use super::{ActionKind, Role, State};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// "Materi masuk ke meja Anda".
    Incoming,
    /// "Dikembalikan: ALASAN".
    Returned,
    /// "Sudah tayang".
    Published,
    /// "Dibatalkan: ALASAN".
    Cancelled,
    /// "Dikecualikan, tidak dipublikasikan".
    Exempt,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 5] = [
        NoticeKind::Incoming,
        NoticeKind::Returned,
        NoticeKind::Published,
        NoticeKind::Cancelled,
        NoticeKind::Exempt,
    ];

    pub fn id(self) -> &'static str {
        match self {
            NoticeKind::Incoming => "incoming",
            NoticeKind::Returned => "returned",
            NoticeKind::Published => "published",
            NoticeKind::Cancelled => "cancelled",
            NoticeKind::Exempt => "exempt",
        }
    }

    pub fn parse(id: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Who is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Everyone holding the role of the desk that now has the item.
    Desk(Role),
    /// The staff member assigned to the item.
    Assignee,
    /// Everyone who has acted on the item (the chain), when it closes.
    Chain,
}

/// The notification a move causes, if any. The actor is never told of their own move.
pub fn notice_for(kind: ActionKind, next: State) -> Option<(NoticeKind, Audience)> {
    let to_desk = |k: NoticeKind| {
        next.desk().map(|role| {
            let audience = if role == Role::StafSekretariat {
                Audience::Assignee
            } else {
                Audience::Desk(role)
            };
            (k, audience)
        })
    };
    match (kind, next) {
        (_, State::Published) => Some((NoticeKind::Published, Audience::Chain)),
        (_, State::Cancelled) => Some((NoticeKind::Cancelled, Audience::Chain)),
        (_, State::Exempt) => Some((NoticeKind::Exempt, Audience::Chain)),
        (ActionKind::ReturnForRevision | ActionKind::ReturnToStaff, _) => to_desk(NoticeKind::Returned),
        _ => to_desk(NoticeKind::Incoming),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_that_reaches_a_desk_tells_that_desk() {
        for kind in ActionKind::ALL {
            for next in State::ALL {
                let notice = notice_for(kind, next);
                match next.desk() {
                    _ if next.is_closed() => {
                        assert_eq!(notice.map(|n| n.1), Some(Audience::Chain), "{kind:?} → {next:?}");
                    }
                    Some(Role::StafSekretariat) => assert_eq!(notice.map(|n| n.1), Some(Audience::Assignee)),
                    Some(role) => assert_eq!(notice.map(|n| n.1), Some(Audience::Desk(role))),
                    None => assert_eq!(notice, None),
                }
            }
        }
    }

    #[test]
    fn returns_say_returned_and_closing_says_how() {
        assert_eq!(
            notice_for(ActionKind::ReturnForRevision, State::RevisionRequested),
            Some((NoticeKind::Returned, Audience::Desk(Role::Sekretaris)))
        );
        assert_eq!(
            notice_for(ActionKind::ReturnToStaff, State::Drafting),
            Some((NoticeKind::Returned, Audience::Assignee))
        );
        assert_eq!(
            notice_for(ActionKind::SendToVerification, State::InVerification),
            Some((NoticeKind::Incoming, Audience::Desk(Role::Verifikator)))
        );
        assert_eq!(
            notice_for(ActionKind::MarkPublished, State::Published),
            Some((NoticeKind::Published, Audience::Chain))
        );
        assert_eq!(
            notice_for(ActionKind::Cancel, State::Cancelled),
            Some((NoticeKind::Cancelled, Audience::Chain))
        );
        assert_eq!(
            notice_for(ActionKind::ClassifyExempt, State::Exempt),
            Some((NoticeKind::Exempt, Audience::Chain))
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.id()), Some(k));
        }
    }
}

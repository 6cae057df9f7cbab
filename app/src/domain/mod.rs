//! The SOP as pure types and rules, shared by the browser and the server. No I/O here.

pub mod access;
pub mod calendar;
pub mod channel_text;
pub mod input;
pub mod login;
pub mod media;
pub mod notice;
pub mod outbox;
pub mod problem;
mod problem_wire;
pub mod push;
pub mod register;
pub mod report;
pub mod role;
pub mod settings;
pub mod standard;
pub mod table;
pub mod time;
pub mod workflow;

pub use input::*;
pub use notice::{notice_for, Audience, NoticeKind};
pub use role::{Role, RoleSet};
pub use workflow::{acting_role, allowed_actions, decide, may_create, permits, ActionKind, ActorFacts, Refusal, State};

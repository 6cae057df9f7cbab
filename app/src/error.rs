//! The one error type server functions return: a code with its parameters, never a sentence.
//! Each variant says which HTTP status it maps to; the text layer (`crate::text`, which also
//! implements `Display`) renders it in the user's language. Database and internal details never
//! reach the client: they are logged on the server.

use crate::domain::{DraftForm, FieldError, Problem, Refusal, State};
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AppError {
    /// 401: no valid session.
    Unauthenticated,
    /// 401: wrong user name or password (deliberately the same answer either way).
    LoginFailed,
    /// 403: the session's roles do not allow this (`None`), or the state machine's reason.
    Forbidden(Option<Refusal>),
    /// 403: the Administrator set this user's password; they must choose their own first.
    PasswordChangeRequired,
    /// 403: a request that would change something came from a page of another site.
    CrossSite,
    /// 403: a form posted without the page's script carried no token, or not this browser's one
    /// (a form from another site, or a page older than the browser's token).
    FormExpired,
    /// 413: the request's body is larger than any form of Warta sends.
    TooLarge { max_kib: usize },
    /// 415: a server function was called with a body that is not JSON.
    NotJson,
    /// 429: too many failed logins: try again after this many seconds.
    TooManyAttempts { wait_seconds: i64 },
    /// 429: the account is locked after too many failed logins; the Administrator lifts it.
    AccountLocked,
    /// 404: no such item or user (or not visible to this user).
    NotFound,
    /// 422: a field was refused; names the field and what is wrong.
    Invalid(FieldError),
    /// 409: what the user saw is out of date.
    Refused(Outdated),
    /// 409: someone else moved the item first. Carries who, and the fresh state.
    Conflict { by: String, state: State, version: i64 },
    /// 409: the draft was saved by someone else (another tab, another device) since this save
    /// started: nothing was overwritten, and both texts come back.
    DraftConflict(Box<DraftClash>),
    /// 507: the server's disk is nearly full; nothing was written. The operator must free space.
    StorageFull,
    /// 503: the storage engine failed to write (a full disk, an I/O error). Nothing was written,
    /// and nothing more is until the operator has checked the disk and restarted Warta.
    StorageFailed,
    /// 500: logged on the server, a generic sentence for the user.
    Internal,
    /// The request never reached the function (network, encoding).
    Transport(String),
}

/// Why a request made from an out-of-date page is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outdated {
    /// The move does not exist in the item's current state.
    NotInThisState,
    /// The settings were saved by someone else since the page was opened.
    SettingsChangedElsewhere,
    /// The material was saved again since the actor last saw it: sending it on now would send a
    /// text they have not seen.
    DraftChangedElsewhere,
}

/// Two saves of one draft that started from the same revision: the second is refused and gets
/// both texts, so that its author can choose one or merge them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftClash {
    /// The stored revision: a save that starts from it is accepted.
    pub rev: i64,
    /// Who saved the stored text.
    pub by: String,
    /// The stored text, as the editor holds it (none if the draft was never saved).
    pub theirs: Option<DraftForm>,
    /// The stored text's body as HTML, for the editor when the user takes it.
    pub theirs_html: Option<String>,
    /// The refused text, exactly as it was sent.
    pub mine: DraftForm,
    /// Both texts as their author reads them (each field by its label, then the body), and the
    /// lines that differ: drawn by the server in the reader's language (`ui::compare`).
    pub theirs_text: String,
    pub mine_text: String,
    pub lines: Vec<crate::views::DiffLine>,
}

impl std::error::Error for AppError {}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> Self {
        AppError::Invalid(FieldError::new(field, problem))
    }

    /// A refusal of the state machine: missing roles are 403, the rest 409/422.
    pub fn from_refusal(r: Refusal) -> Self {
        match r {
            Refusal::MissingRole(_)
            | Refusal::NotAssignee
            | Refusal::OwnMaterial
            | Refusal::NotOriginator
            | Refusal::NoWorkflowRole => AppError::Forbidden(Some(r)),
            Refusal::ReasonRequired => AppError::invalid("reason", Problem::ReasonRequired),
            Refusal::NotInThisState => AppError::Refused(Outdated::NotInThisState),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::LoginFailed => 401,
            AppError::Forbidden(_) | AppError::CrossSite | AppError::FormExpired | AppError::PasswordChangeRequired => {
                403
            }
            AppError::NotJson => 415,
            AppError::TooLarge { .. } => 413,
            AppError::TooManyAttempts { .. } | AppError::AccountLocked => 429,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Refused(_) | AppError::Conflict { .. } | AppError::DraftConflict(_) => 409,
            AppError::StorageFull => 507,
            AppError::StorageFailed => 503,
            AppError::Internal => 500,
            AppError::Transport(_) => 400,
        }
    }

    /// The field this error is about, for highlighting it in a form.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid(f) => Some(&f.field),
            _ => None,
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::codec::TextJsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

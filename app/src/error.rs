//! The one error type server functions return. Each variant says which HTTP status it maps to.
//! Database and internal details never reach the client: they are logged on the server.

use crate::domain::{FieldError, Refusal, State};
use crate::text;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401: no valid session.
    #[error("{}", text::NOT_LOGGED_IN)]
    Unauthenticated,
    /// 401: wrong user name or password (deliberately the same message either way).
    #[error("{}", text::LOGIN_FAILED)]
    LoginFailed,
    /// 403: the session's roles do not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such item or user (or not visible to this user).
    #[error("{}", text::NOT_FOUND)]
    NotFound,
    /// 422: a field was refused; names the field.
    #[error("{}", .0.message)]
    Invalid(FieldError),
    /// 409: the move does not exist in the item's current state.
    #[error("{0}")]
    Refused(String),
    /// 409: someone else moved the item first. Carries the fresh state.
    #[error("{message}")]
    Conflict {
        message: String,
        state: State,
        version: i64,
    },
    /// 500: logged on the server, a generic sentence for the user.
    #[error("{}", text::INTERNAL)]
    Internal,
    /// The request never reached the function (network, encoding).
    #[error("Koneksi ke server terputus atau permintaan tidak dapat dikirim. Periksa jaringan lalu coba lagi. ({0})")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, message: String) -> Self {
        AppError::Invalid(FieldError::new(field, message))
    }

    /// A refusal of the state machine: missing roles are 403, the rest 409/422.
    pub fn from_refusal(r: Refusal) -> Self {
        match r {
            Refusal::MissingRole(_) | Refusal::NotAssignee | Refusal::OwnMaterial => {
                AppError::Forbidden(text::refusal(r))
            }
            Refusal::ReasonRequired => AppError::invalid("reason", text::refusal(r)),
            Refusal::NotInThisState => AppError::Refused(text::refusal(r)),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::LoginFailed => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Refused(_) | AppError::Conflict { .. } => 409,
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
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

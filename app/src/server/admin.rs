//! The administrator's work on accounts, whichever way it arrives (the page's script or its plain
//! forms): each asks the one access rule (`domain::access::may_manage_accounts`) and is logged.

use super::accounts::{self, UserRow};
use super::db::Db;
use super::ServerError;
use crate::domain::access;
use crate::error::AppError;
use crate::views::{UserForm, UserView};

fn may_manage(admin: &UserRow) -> Result<(), ServerError> {
    if access::may_manage_accounts(admin.role_set()) {
        Ok(())
    } else {
        Err(AppError::Forbidden(None).into())
    }
}

pub async fn list(db: &Db, admin: &UserRow) -> Result<Vec<UserView>, ServerError> {
    may_manage(admin)?;
    Ok(accounts::list(db).await?.iter().map(|u| u.view()).collect())
}

pub async fn create(db: &Db, admin: &UserRow, form: &UserForm) -> Result<UserView, ServerError> {
    may_manage(admin)?;
    let created = accounts::create_user(db, form).await?;
    tracing::info!(admin = %admin.username, user = %created.username, "user created");
    Ok(created)
}

/// Name, NIP, position and roles changed; with a password in the form, that password set too
/// (the user chooses their own at the next sign-in).
pub async fn update(db: &Db, admin: &UserRow, id: &str, form: &UserForm) -> Result<UserView, ServerError> {
    may_manage(admin)?;
    let updated = accounts::update_user(db, id, form).await?;
    tracing::info!(admin = %admin.username, user = %updated.username, "user updated");
    if !form.password.is_empty() {
        reset_password(db, admin, id, &form.password).await?;
    }
    Ok(updated)
}

pub async fn reset_password(db: &Db, admin: &UserRow, id: &str, password: &str) -> Result<(), ServerError> {
    may_manage(admin)?;
    accounts::reset_password(db, id, password).await?;
    tracing::info!(admin = %admin.username, user = %id, "password reset");
    Ok(())
}

pub async fn set_active(db: &Db, admin: &UserRow, id: &str, active: bool) -> Result<(), ServerError> {
    may_manage(admin)?;
    accounts::set_active(db, id, active).await?;
    tracing::info!(admin = %admin.username, user = %id, active, "user activation changed");
    Ok(())
}

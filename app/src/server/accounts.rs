//! Accounts: argon2id password hashes, roles, activation. The hash never leaves this module.

use super::db::{self, Db};
use super::ServerError;
use crate::domain::problem::Checks;
use crate::domain::Problem;
use crate::domain::{FieldError, Role, RoleSet};
use crate::error::AppError;
use crate::views::{Me, PersonOption, UserForm, UserView};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use surrealdb::types::SurrealValue;

#[derive(SurrealValue, Clone, Debug)]
pub struct UserRow {
    pub key: String,
    pub username: String,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub roles: Vec<String>,
    pub active: bool,
    /// Set by an Administrator's reset: the user chooses their own before doing anything else.
    pub must_change_password: bool,
    /// The locale the person chose (`app::text::locale_code`), "id" until they choose.
    pub locale: String,
}

impl UserRow {
    pub fn role_set(&self) -> RoleSet {
        RoleSet::from_ids(self.roles.iter().map(String::as_str))
    }
    pub fn me(&self) -> Me {
        Me {
            id: self.key.clone(),
            username: self.username.clone(),
            name: self.name.clone(),
            roles: self.role_set().iter().collect(),
            must_change_password: self.must_change_password,
            locale: self.locale.clone(),
            push: None,
        }
    }
    pub fn view(&self) -> UserView {
        UserView {
            id: self.key.clone(),
            username: self.username.clone(),
            name: self.name.clone(),
            nip: self.nip.clone(),
            position: self.position.clone(),
            roles: self.role_set().iter().collect(),
            active: self.active,
        }
    }
    pub fn option(&self) -> PersonOption {
        PersonOption {
            id: self.key.clone(),
            name: self.name.clone(),
            position: self.position.clone(),
        }
    }
}

const USER_FIELDS: &str = "record::id(id) AS key, username, name, nip, position, roles, active, must_change_password, locale ?? 'id' AS locale";

#[derive(SurrealValue)]
struct HashRow {
    key: String,
    password_hash: String,
    active: bool,
}

fn hash_now(password: &str) -> Result<String, ServerError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServerError::internal(format!("hashing failed: {e}")))
}

async fn hash_password(password: &str) -> Result<String, ServerError> {
    let password = password.to_string();
    super::hashing::run(move || hash_now(&password)).await?
}

/// A hash to verify against when the user does not exist, so that a wrong user name takes as
/// long as a wrong password and the answer says nothing about which one it was.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_now("decoy-password-never-valid").expect("argon2 works"))
}

fn check_username(raw: &str) -> Result<String, FieldError> {
    let u = raw.trim().to_lowercase();
    let ok = (3..=32).contains(&u.chars().count())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(u)
    } else {
        Err(FieldError::new("username", Problem::UsernameInvalid))
    }
}

/// The shortest password accepted.
pub const PASSWORD_MIN: usize = 10;

/// Words an attacker tries first here: Indonesian, and this office's own.
const LOCAL_WORDS: [&str; 24] = [
    "warta",
    "ppid",
    "kantor",
    "dinas",
    "pemerintah",
    "kabupaten",
    "kota",
    "provinsi",
    "kominfo",
    "informasi",
    "publik",
    "sekretariat",
    "sekretaris",
    "rahasia",
    "katasandi",
    "sandi",
    "indonesia",
    "merdeka",
    "jakarta",
    "bismillah",
    "sayang",
    "cinta",
    "selamat",
    "admin",
];

/// At least [`PASSWORD_MIN`] characters, and not easily guessed: zxcvbn's estimate (score 3 of
/// 4: about 10^8 guesses or more) with the user's own names, the office's name and local words
/// added to its dictionaries.
fn check_password(raw: &str, personal: &[&str]) -> Result<(), FieldError> {
    if raw.chars().count() < PASSWORD_MIN || raw.len() > 256 {
        return Err(FieldError::new(
            "password",
            Problem::PasswordTooShort { min: PASSWORD_MIN },
        ));
    }
    let mut inputs: Vec<&str> = LOCAL_WORDS.to_vec();
    inputs.extend(personal.iter().flat_map(|p| p.split_whitespace()));
    inputs.extend_from_slice(personal);
    if u8::from(zxcvbn::zxcvbn(raw, &inputs).score()) < 3 || mostly_known_words(raw, &inputs) {
        return Err(FieldError::new("password", Problem::PasswordWeak));
    }
    Ok(())
}

/// Is the password little more than known words run together ("rahasiakantor1")? zxcvbn
/// matches a user word on its own better than several glued to digits.
fn mostly_known_words(raw: &str, words: &[&str]) -> bool {
    let mut known: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    known.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut rest = raw.to_lowercase();
    for w in &known {
        rest = rest.replace(w.as_str(), "");
    }
    rest.chars().filter(|c| c.is_alphabetic()).count() < 4
}

/// The office's name, for the password check.
async fn office_name(db: &Db) -> String {
    super::settings::load(db)
        .await
        .map(|s| s.letterhead.office)
        .unwrap_or_default()
}

fn check_roles(raw: &[String]) -> Result<RoleSet, FieldError> {
    let mut set = RoleSet::empty();
    for r in raw {
        set = set.with(Role::parse(r).ok_or_else(|| FieldError::new("roles", Problem::Choose))?);
    }
    if set.is_empty() {
        return Err(FieldError::new("roles", Problem::RolesRequired));
    }
    Ok(set)
}

fn check_name(field: &str, raw: &str, required: bool) -> Result<String, FieldError> {
    let v = raw.trim();
    if required && v.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if v.chars().count() > 120 {
        return Err(FieldError::new(field, Problem::TooLong { max: 120 }));
    }
    Ok(v.to_string())
}

/// The person on an account, every field checked.
struct Person {
    name: String,
    nip: String,
    position: String,
    roles: RoleSet,
}

fn check_person(form: &UserForm, checks: &mut Checks) -> Option<Person> {
    let name = checks.take(check_name("name", &form.name, true));
    let nip = checks.take(check_name("nip", &form.nip, false));
    let position = checks.take(check_name("position", &form.position, false));
    let roles = checks.take(check_roles(&form.roles));
    Some(Person {
        name: name?,
        nip: nip?,
        position: position?,
        roles: roles?,
    })
}

/// Creates an account. Used by the admin page, `warta user add` and the demo seed. Every field
/// is checked: the refusal names all that are wrong.
pub async fn create_user(db: &Db, form: &UserForm) -> Result<UserView, ServerError> {
    let office = office_name(db).await;
    let mut checks = Checks::default();
    let username = checks.take(check_username(&form.username));
    let named = username.as_deref().unwrap_or(form.username.trim());
    checks.take(check_password(&form.password, &[named, &form.name, &office]));
    let person = check_person(form, &mut checks);
    checks.finish()?;
    match (username, person) {
        (Some(username), Some(person)) => insert_user(db, username, person, &form.password).await,
        _ => Err(ServerError::internal("user form refused without a refusal".into())),
    }
}

/// The demo accounts (`warta demo`, and tests): their published password skips the strength
/// check. `warta serve` never creates them.
pub async fn create_demo_user(db: &Db, form: &UserForm) -> Result<UserView, ServerError> {
    let mut checks = Checks::default();
    let username = checks.take(check_username(&form.username));
    let person = check_person(form, &mut checks);
    checks.finish()?;
    match (username, person) {
        (Some(username), Some(person)) => insert_user(db, username, person, &form.password).await,
        _ => Err(ServerError::internal("user form refused without a refusal".into())),
    }
}

async fn insert_user(db: &Db, username: String, p: Person, password: &str) -> Result<UserView, ServerError> {
    let hash = hash_password(password).await?;
    let mut res = db
        .query(format!(
            "CREATE user SET username = $username, name = $name, nip = $nip, position = $position,
                roles = $roles, active = true, password_hash = $hash, created_at = time::now()
             RETURN {USER_FIELDS}"
        ))
        .bind(("username", username))
        .bind(("name", p.name))
        .bind(("nip", p.nip))
        .bind(("position", p.position))
        .bind(("roles", p.roles.ids()))
        .bind(("hash", hash))
        .await?;
    super::cache::changed(db, "user");
    match res.take::<Vec<UserRow>>(0) {
        Ok(mut rows) if !rows.is_empty() => Ok(rows.remove(0).view()),
        Ok(_) => Err(ServerError::internal("user not created".into())),
        Err(e) if db::violated_index(&e) == Some("user_username") => {
            Err(AppError::invalid("username", Problem::UsernameTaken).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Checks a login. The same error for an unknown user, a wrong password and an inactive account.
/// Keeps the locale a person chose with their account.
pub async fn set_locale(db: &Db, key: &str, locale: crate::text::Locale) -> Result<(), ServerError> {
    db.query("UPDATE type::record('user', $k) SET locale = $l")
        .bind(("k", key.to_string()))
        .bind(("l", crate::text::locale_code(locale).to_string()))
        .await?
        .check()?;
    super::cache::changed(db, "user");
    Ok(())
}

pub async fn verify_login(db: &Db, username: &str, password: &str) -> Result<UserRow, ServerError> {
    let username = username.trim().to_lowercase();
    let mut res = db
        .query("SELECT record::id(id) AS key, password_hash, active FROM user WHERE username = $u LIMIT 1")
        .bind(("u", username))
        .await?;
    let row: Option<HashRow> = res.take::<Vec<HashRow>>(0)?.into_iter().next();
    let stored = row
        .as_ref()
        .map(|r| r.password_hash.as_str())
        .unwrap_or_else(|| decoy_hash());
    PasswordHash::new(stored).map_err(|e| ServerError::internal(format!("bad hash: {e}")))?;
    let (stored, password) = (stored.to_string(), password.to_string());
    let matches = super::hashing::run(move || {
        PasswordHash::new(&stored)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await?;
    match row {
        Some(r) if matches && r.active => find(db, &r.key).await?.ok_or(AppError::LoginFailed.into()),
        _ => Err(AppError::LoginFailed.into()),
    }
}

/// The account `key` (asked on every request), from memory while no account changed
/// (`server::cache`).
pub async fn find(db: &Db, key: &str) -> Result<Option<UserRow>, ServerError> {
    super::cache::read(db, "user", key, || async {
        let mut res = db
            .query(format!("SELECT {USER_FIELDS} FROM type::record('user', $k)"))
            .bind(("k", key.to_string()))
            .await?;
        Ok(res.take::<Vec<UserRow>>(0)?.into_iter().next())
    })
    .await
}

pub async fn list(db: &Db) -> Result<Vec<UserRow>, ServerError> {
    let mut res = db
        .query(format!("SELECT {USER_FIELDS} FROM user ORDER BY name"))
        .await?;
    Ok(res.take(0)?)
}

/// Active holders of a role, for the "Kepada" and "Tugaskan Staf" choices.
/// Asked by every move that notifies a desk: from memory while no account changed.
pub async fn holders_of(db: &Db, role: Role) -> Result<Vec<UserRow>, ServerError> {
    super::cache::read(db, "user", &format!("holders:{}", role.id()), || async {
        let mut res = db
            .query(format!(
                "SELECT {USER_FIELDS} FROM user WHERE active = true AND $r IN roles ORDER BY name"
            ))
            .bind(("r", role.id()))
            .await?;
        Ok(res.take(0)?)
    })
    .await
}

pub async fn count(db: &Db) -> Result<i64, ServerError> {
    #[derive(SurrealValue)]
    struct N {
        n: i64,
    }
    let mut res = db.query("SELECT count() AS n FROM user GROUP ALL").await?;
    Ok(res.take::<Vec<N>>(0)?.into_iter().next().map(|r| r.n).unwrap_or(0))
}

async fn active_admins_other_than(db: &Db, key: &str) -> Result<usize, ServerError> {
    Ok(holders_of(db, Role::Admin)
        .await?
        .into_iter()
        .filter(|u| u.key != key)
        .count())
}

/// Changes name, NIP, position and roles. The last active admin keeps the admin role.
pub async fn update_user(db: &Db, key: &str, form: &UserForm) -> Result<UserView, ServerError> {
    let current = find(db, key).await?.ok_or(AppError::NotFound)?;
    let mut checks = Checks::default();
    let person = check_person(form, &mut checks);
    checks.finish()?;
    let Some(Person {
        name,
        nip,
        position,
        roles,
    }) = person
    else {
        return Err(ServerError::internal("user form refused without a refusal".into()));
    };
    if current.role_set().has(Role::Admin) && !roles.has(Role::Admin) && active_admins_other_than(db, key).await? == 0 {
        return Err(AppError::invalid("roles", Problem::LastAdmin).into());
    }
    db.query("UPDATE type::record('user', $k) SET name = $name, nip = $nip, position = $position, roles = $roles")
        .bind(("k", key.to_string()))
        .bind(("name", name))
        .bind(("nip", nip))
        .bind(("position", position))
        .bind(("roles", roles.ids()))
        .await?
        .check()?;
    // This process reads the change at once; the others when their live query reports it.
    super::cache::changed(db, "user");
    // What a session may do follows from the roles it was opened with: other roles, new sessions.
    if roles != current.role_set() {
        super::sessions::end_all(db, key, None).await?;
    }
    Ok(find(db, key).await?.ok_or(AppError::NotFound)?.view())
}

/// The Administrator sets a new password: the user must change it at their next login.
pub async fn reset_password(db: &Db, key: &str, password: &str) -> Result<(), ServerError> {
    let user = find(db, key).await?.ok_or(AppError::NotFound)?;
    let office = office_name(db).await;
    check_password(password, &[&user.username, &user.name, &office])?;
    let hash = hash_password(password).await?;
    db.query("UPDATE type::record('user', $k) SET password_hash = $h, must_change_password = true")
        .bind(("k", key.to_string()))
        .bind(("h", hash))
        .await?
        .check()?;
    // This process reads the change at once; the others when their live query reports it.
    super::cache::changed(db, "user");
    // A new password from the Administrator lifts a lock from failed logins, and ends every
    // session opened with the old one.
    super::logins::unlock(db, &user.username).await?;
    super::sessions::end_all(db, key, None).await?;
    Ok(())
}

/// Activates or deactivates an account; deactivation also ends its sessions.
pub async fn set_active(db: &Db, key: &str, active: bool) -> Result<(), ServerError> {
    let user = find(db, key).await?.ok_or(AppError::NotFound)?;
    if !active && user.role_set().has(Role::Admin) && active_admins_other_than(db, key).await? == 0 {
        return Err(AppError::invalid("active", Problem::LastAdmin).into());
    }
    db.query("UPDATE type::record('user', $k) SET active = $a")
        .bind(("k", key.to_string()))
        .bind(("a", active))
        .await?
        .check()?;
    // This process reads the change at once; the others when their live query reports it.
    super::cache::changed(db, "user");
    if !active {
        super::sessions::end_all(db, key, None).await?;
    }
    Ok(())
}

/// A user changes their own password: the current one is required, the new one must pass the
/// check, and every other session of theirs ends (`keep`: the session that asked).
pub async fn change_own_password(
    db: &Db,
    me: &UserRow,
    current: &str,
    new: &str,
    keep: Option<&str>,
) -> Result<(), ServerError> {
    let mut res = db
        .query("SELECT VALUE password_hash FROM type::record('user', $k)")
        .bind(("k", me.key.clone()))
        .await?;
    let stored: Option<String> = res.take::<Vec<String>>(0)?.into_iter().next();
    let stored = stored.ok_or(AppError::NotFound)?;
    let given = current.to_string();
    let matches = super::hashing::run(move || {
        PasswordHash::new(&stored)
            .is_ok_and(|parsed| Argon2::default().verify_password(given.as_bytes(), &parsed).is_ok())
    })
    .await?;
    // Both fields are judged: a wrong current password and a weak new one are said at once.
    let mut checks = Checks::default();
    if !matches {
        checks.refuse(FieldError::new("current", Problem::PasswordWrong));
    }
    if new == current {
        checks.refuse(FieldError::new("password", Problem::PasswordWeak));
    } else {
        let office = office_name(db).await;
        checks.take(check_password(new, &[&me.username, &me.name, &office]));
    }
    checks.finish()?;
    let hash = hash_password(new).await?;
    db.query("UPDATE type::record('user', $k) SET password_hash = $h, must_change_password = false")
        .bind(("k", me.key.clone()))
        .bind(("h", hash))
        .await?
        .check()?;
    // This process reads the change at once; the others when their live query reports it.
    super::cache::changed(db, "user");
    super::sessions::end_all(db, &me.key, keep).await?;
    Ok(())
}

//! The six roles of DESIGN.md. Identifiers are English; labels come from `crate::text`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PpidPembantu,
    Sekretaris,
    KepalaSekretariat,
    StafSekretariat,
    Verifikator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::PpidPembantu,
        Role::Sekretaris,
        Role::KepalaSekretariat,
        Role::StafSekretariat,
        Role::Verifikator,
        Role::Admin,
    ];

    /// The identifier used in the database, the command line and URLs.
    pub fn id(self) -> &'static str {
        match self {
            Role::PpidPembantu => "ppid_pembantu",
            Role::Sekretaris => "sekretaris",
            Role::KepalaSekretariat => "kepala_sekretariat",
            Role::StafSekretariat => "staf_sekretariat",
            Role::Verifikator => "verifikator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id.trim())
    }

    /// The role's name shown to the user, in the current locale (`app/locales`).
    pub fn label(self) -> &'static str {
        let l = crate::text::locale();
        match self {
            Role::PpidPembantu => crate::i18n::td_string!(l, role_ppid_pembantu),
            Role::Sekretaris => crate::i18n::td_string!(l, role_sekretaris),
            Role::KepalaSekretariat => crate::i18n::td_string!(l, role_kepala_sekretariat),
            Role::StafSekretariat => crate::i18n::td_string!(l, role_staf_sekretariat),
            Role::Verifikator => crate::i18n::td_string!(l, role_verifikator),
            Role::Admin => crate::i18n::td_string!(l, role_admin),
        }
    }
}

/// The roles one person holds (a person may hold several).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleSet(u8);

impl RoleSet {
    pub fn empty() -> Self {
        RoleSet(0)
    }
    pub fn of(roles: &[Role]) -> Self {
        roles.iter().fold(RoleSet(0), |s, r| s.with(*r))
    }
    pub fn with(self, role: Role) -> Self {
        RoleSet(self.0 | (1 << role as u8))
    }
    pub fn has(self, role: Role) -> bool {
        self.0 & (1 << role as u8) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.has(*r))
    }
    /// Every subset of the six roles: used by the exhaustive tests.
    pub fn all_subsets() -> impl Iterator<Item = RoleSet> {
        (0u8..64).map(RoleSet)
    }
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Self {
        ids.into_iter()
            .filter_map(Role::parse)
            .fold(RoleSet(0), |s, r| s.with(r))
    }
    pub fn ids(self) -> Vec<String> {
        self.iter().map(|r| r.id().to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_ids_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.id()), Some(r));
        }
        assert_eq!(Role::parse("kepala"), None);
    }

    #[test]
    fn a_person_may_hold_several_roles() {
        let s = RoleSet::of(&[Role::Sekretaris, Role::Verifikator]);
        assert!(s.has(Role::Sekretaris) && s.has(Role::Verifikator));
        assert!(!s.has(Role::Admin));
        assert_eq!(RoleSet::from_ids(s.ids().iter().map(String::as_str)), s);
    }
}

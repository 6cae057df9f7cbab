//! Demo accounts for `make run` on an empty database. Never used by `warta serve`.

use app::domain::Role;
use app::server::accounts;
use app::server::db::Db;
use app::views::UserForm;

pub const DEMO_PASSWORD: &str = "warta-demo-2026";

/// (username, name, position, role)
pub const DEMO_USERS: &[(&str, &str, &str, Role)] = &[
    ("ppid", "Rina Wulandari", "PPID Pembantu", Role::PpidPembantu),
    ("sekretaris", "Budi Santoso", "Sekretaris PPID", Role::Sekretaris),
    (
        "sekretariat",
        "Sri Rahayu",
        "Kepala Sekretariat",
        Role::KepalaSekretariat,
    ),
    ("staf", "Agus Pratama", "Staf Sekretariat", Role::StafSekretariat),
    (
        "verifikator",
        "Dewi Lestari",
        "Kepala Bidang Pengolahan Data dan Klasifikasi Informasi",
        Role::Verifikator,
    ),
    ("admin", "Administrator", "Administrator Sistem", Role::Admin),
];

/// Creates the demo accounts if the database has no user yet. Returns whether it did.
pub async fn seed_if_empty(db: &Db) -> Result<bool, String> {
    if accounts::count(db).await.map_err(|e| e.to_string())? > 0 {
        return Ok(false);
    }
    for (i, (username, name, position, role)) in DEMO_USERS.iter().enumerate() {
        accounts::create_demo_user(
            db,
            &UserForm {
                username: username.to_string(),
                password: DEMO_PASSWORD.to_string(),
                name: name.to_string(),
                nip: format!("19800101200501100{i}"),
                position: position.to_string(),
                roles: vec![role.id().to_string()],
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(true)
}

//! `make bench`: the time of one move (create → forward), measured through the workflow service on
//! the embedded engine, median and p90 of 100, against the baseline of a bare read in the same run.
//! Prints figures; asserts nothing (the machines are shared and noisy).

use app::domain::{ActionKind, DispositionForm, Role};
use app::server::accounts;
use app::server::db::{self, DbConfig};
use app::server::items;
use app::views::{MoveInput, UserForm};
use chrono::Utc;
use std::time::{Duration, Instant};

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

async fn user(db: &db::Db, username: &str, role: Role) -> accounts::UserRow {
    let v = accounts::create_user(
        db,
        &UserForm {
            username: username.into(),
            password: "bench-password-1".into(),
            name: username.into(),
            roles: vec![role.id().into()],
            ..Default::default()
        },
    )
    .await
    .map_err(|e| e.to_string())
    .unwrap();
    accounts::find(db, &v.id).await.unwrap().unwrap()
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let url = std::env::var("WARTA_BENCH_DB").unwrap_or_else(|_| "mem://".into());
        let dir = tempdir();
        let url = if url == "surrealkv" {
            format!("surrealkv://{}", dir.display())
        } else {
            url
        };
        let db = db::open(&DbConfig {
            url: url.clone(),
            ..DbConfig::memory("bench")
        })
        .await
        .unwrap();
        let ppid = user(&db, "ppid", Role::PpidPembantu).await;
        let sek = user(&db, "sekretaris", Role::Sekretaris).await;
        let office_today = || app::domain::time::OfficeZone::Wib.today(Utc::now());
        let today = office_today().format("%Y-%m-%d").to_string();
        let form = DispositionForm {
            perihal: "Kegiatan untuk pengukuran".into(),
            activity_date: today.clone(),
            activity_place: "Aula".into(),
            urgency: "biasa".into(),
            instructions: vec!["buat_materi".into()],
            deadline: today,
            to_user: sek.key.clone(),
            ..Default::default()
        };
        let n = 100;
        let (mut creates, mut moves, mut reads) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..n {
            let d = form.parse(office_today()).unwrap();
            let t = Instant::now();
            let id = items::create_disposition(&db, &ppid, d, Utc::now()).await.unwrap();
            creates.push(t.elapsed());
            let t = Instant::now();
            items::perform(
                &db,
                &sek,
                &id,
                1,
                ActionKind::ForwardToSekretariat,
                &MoveInput::default(),
                Utc::now(),
            )
            .await
            .unwrap();
            moves.push(t.elapsed());
            let t = Instant::now();
            accounts::find(&db, &sek.key).await.unwrap();
            reads.push(t.elapsed());
        }
        for v in [&mut creates, &mut moves, &mut reads] {
            v.sort();
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!("engine: {url}, {n} samples each");
        println!(
            "baseline read (one user by id): median {:.2} ms, p90 {:.2} ms",
            ms(pct(&reads, 0.5)),
            ms(pct(&reads, 0.9))
        );
        println!(
            "create disposition (step 1):    median {:.2} ms, p90 {:.2} ms",
            ms(pct(&creates, 0.5)),
            ms(pct(&creates, 0.9))
        );
        println!(
            "move (step 2, with audit):      median {:.2} ms, p90 {:.2} ms, {:.1}x the baseline read",
            ms(pct(&moves, 0.5)),
            ms(pct(&moves, 0.9)),
            ms(pct(&moves, 0.5)) / ms(pct(&reads, 0.5))
        );
    });
}

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("warta-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#![recursion_limit = "512"]
//! `warta`: the command line of the Warta server.

#[cfg(feature = "ssr")]
mod cli {
    use app::server::accounts;
    use app::views::UserForm;
    use clap::{Parser, Subcommand};
    use server::{backup, demo, open_state, serve, wal, Config};
    use std::path::PathBuf;

    #[derive(Parser)]
    #[command(name = "warta", about = "Warta: pengelolaan website dan media sosial PPID")]
    struct Cli {
        #[command(subcommand)]
        command: Option<Command>,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Serve the app (production: never creates accounts).
        Serve,
        /// Create demo accounts in an empty database, print them, then serve (for `make run`).
        Demo,
        /// Write a backup of the database to FILE, and the photos and documents to FILE.berkas
        /// (when no running Warta holds the files: while it runs, the Administrator downloads the
        /// database from /admin/cadangan and copies the media folder).
        Backup { file: PathBuf },
        /// Load a backup FILE into an empty database (a new data folder), the server stopped.
        Restore { file: PathBuf },
        /// Manage accounts.
        User {
            #[command(subcommand)]
            command: UserCommand,
        },
    }

    #[derive(Subcommand)]
    enum UserCommand {
        /// Create an account: warta user add --username U --password P --name "N" --role ROLE [--role ROLE2]
        Add {
            #[arg(long)]
            username: String,
            #[arg(long)]
            password: String,
            #[arg(long)]
            name: String,
            #[arg(long = "role", required = true)]
            roles: Vec<String>,
            #[arg(long, default_value = "")]
            nip: String,
            #[arg(long, default_value = "")]
            position: String,
        },
    }

    pub async fn run() -> Result<(), String> {
        let cli = Cli::parse();
        let cfg = Config::from_env()?;
        let command = cli.command.unwrap_or(Command::Serve);
        // Backup and restore work on the files as they are: no migration, no settings seeded.
        match &command {
            Command::Backup { file } => {
                let media = server::media::MediaStore::new(&cfg.media_dir);
                let (bytes, files) = backup::backup_to(&cfg.db, &media, file).await?;
                println!(
                    "Cadangan ditulis: {} ({bytes} bita); {files} berkas baru di {}.",
                    file.display(),
                    backup::files_of(file).display()
                );
                return Ok(());
            }
            Command::Restore { file } => {
                let media = server::media::MediaStore::new(&cfg.media_dir);
                let files = backup::restore_from(&cfg.db, &media, file).await?;
                println!(
                    "Cadangan {} dimuat ke {}; {files} berkas ke {}.",
                    file.display(),
                    cfg.db.url,
                    cfg.media_dir.display()
                );
                return Ok(());
            }
            _ => {}
        }
        let log_before = wal::Segments::of(&cfg.db.url);
        let state = open_state(&cfg)
            .await
            .map_err(|e| format!("basis data {} tidak dapat dibuka: {e}", cfg.db.url))?;
        // A log repaired while opening: start again on it before anything is written (see `wal`).
        let replaced = log_before.replaced_in(&wal::Segments::of(&cfg.db.url));
        if !replaced.is_empty() {
            wal::start_again(&replaced)?;
        }
        match command {
            Command::Serve => serve(cfg, state).await.map_err(|e| e.to_string()),
            Command::Demo => {
                if demo::seed_if_empty(&state.db).await? {
                    println!("\nAkun demo (kata sandi semuanya: {}):", demo::DEMO_PASSWORD);
                    for (u, name, _, role) in demo::DEMO_USERS {
                        println!("  {u:<12} {name:<22} {}", role.label());
                    }
                    println!();
                } else {
                    println!("Basis data sudah berisi pengguna; akun demo tidak dibuat.");
                }
                serve(cfg, state).await.map_err(|e| e.to_string())
            }
            Command::Backup { .. } | Command::Restore { .. } => Ok(()),
            Command::User {
                command:
                    UserCommand::Add {
                        username,
                        password,
                        name,
                        roles,
                        nip,
                        position,
                    },
            } => {
                let form = UserForm {
                    username,
                    password,
                    name,
                    nip,
                    position,
                    roles,
                };
                let user = accounts::create_user(&state.db, &form).await.map_err(|e| match e {
                    app::server::ServerError::App(a) => a.to_string(),
                    other => other.to_string(),
                })?;
                println!(
                    "Pengguna {} dibuat ({}).",
                    user.username,
                    user.roles.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ")
                );
                Ok(())
            }
        }
    }
}

/// jemalloc: measured on the load benchmark's day (8 clients), the server spends 1.9 ms of CPU a
/// move with it against 2.5 ms with the system's allocator (2.2 ms with mimalloc): SurrealDB
/// allocates and frees many small values per statement, from several threads at once.
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(feature = "ssr")]
fn main() {
    // Deeply nested view types need a larger stack than tokio's default when unoptimised.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(16 * 1024 * 1024)
        .build()
        .expect("tokio runtime");
    runtime.block_on(run_main());
}

#[cfg(feature = "ssr")]
async fn run_main() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("WARTA_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,surrealdb=warn,surrealdb_core=warn,surrealkv=warn,html5ever=error"));
    let json = std::env::var("WARTA_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
    if let Err(e) = cli::run().await {
        eprintln!("warta: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}

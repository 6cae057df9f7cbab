//! `surreal`: the SurrealDB server (community edition), as published on crates.io. Usage as
//! the upstream binary, e.g. `surreal start --user root --pass secret --bind 127.0.0.1:8000 memory`.

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}

//! The embedded engine's write-ahead log at start.
//!
//! A log that ends in a torn record (a power cut, or an I/O error in the middle of a write) is
//! repaired when the database opens: the engine copies the good records to a new file and puts
//! it in the place of the segment. surrealkv 0.21 opens its log writer before that repair and
//! goes on appending to the file the repair replaced, so everything the process then writes,
//! though acknowledged, would vanish at the next start. Warta notices a repair (a segment that
//! is no longer the same file after opening) and, before taking any request, starts itself again
//! on the repaired log. A repair at that second start too means the disk itself is failing: it
//! refuses to start and says what to do.

use std::path::PathBuf;

/// Set for the second start, so that a log repaired again is not a loop.
const AGAIN: &str = "WARTA_LOG_REPAIRED";

/// The segments of the log and the file each one is (its inode).
#[derive(Debug, Default, PartialEq)]
pub struct Segments(Vec<(PathBuf, u64)>);

impl Segments {
    /// The log segments of an embedded surrealkv database (none for other databases).
    pub fn of(db_url: &str) -> Segments {
        use std::os::unix::fs::MetadataExt;
        let Some(path) = db_url.strip_prefix("surrealkv://") else {
            return Segments::default();
        };
        let dir = PathBuf::from(path.split('?').next().unwrap_or(path)).join("wal");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Segments::default();
        };
        let mut segments: Vec<(PathBuf, u64)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "wal"))
            .filter_map(|p| std::fs::metadata(&p).ok().map(|m| (p, m.ino())))
            .collect();
        segments.sort();
        Segments(segments)
    }

    /// The segments that are other files now than they were in `self`: the ones a repair replaced.
    pub fn replaced_in(&self, now: &Segments) -> Vec<PathBuf> {
        self.0
            .iter()
            .filter(|(path, inode)| now.0.iter().any(|(p, i)| p == path && i != inode))
            .map(|(path, _)| path.clone())
            .collect()
    }
}

/// After a repair: this process starts again on the repaired log (it never returns then), or,
/// if this already was the start again, refuses with what the operator must do.
pub fn start_again(replaced: &[PathBuf]) -> Result<(), String> {
    let files = replaced
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if std::env::var_os(AGAIN).is_some() {
        return Err(format!(
            "log basis data ({files}) rusak lagi setelah diperbaiki: kemungkinan disk bermasalah. \
             Warta tidak dimulai agar tidak ada data yang hilang. Hentikan layanan, salin folder data \
             sebagai cadangan, periksa disk (dmesg, fsck), lalu jalankan Warta lagi."
        ));
    }
    tracing::warn!(
        segments = %files,
        "the database log was repaired at start (a torn record from a power cut or a failed write was \
         dropped; it was never acknowledged): starting again on the repaired log so that new writes are durable"
    );
    exec_self()
}

#[cfg(unix)]
fn exec_self() -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let exe = std::env::current_exe().map_err(|e| format!("warta tidak dapat dimulai ulang: {e}"))?;
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(AGAIN, "1")
        .exec();
    Err(format!(
        "warta tidak dapat dimulai ulang setelah log diperbaiki: {err}; jalankan Warta sekali lagi"
    ))
}

#[cfg(not(unix))]
fn exec_self() -> Result<(), String> {
    Err("log basis data diperbaiki saat mulai: jalankan Warta sekali lagi agar tulisan baru tersimpan permanen".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_that_is_another_file_after_opening_was_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let wal = dir.path().join("warta").join("wal");
        std::fs::create_dir_all(&wal).unwrap();
        let url = format!("surrealkv://{}", dir.path().join("warta").display());
        std::fs::write(wal.join("00000000000000000000.wal"), b"a").unwrap();
        let before = Segments::of(&url);
        assert_eq!(before.0.len(), 1);
        // Appending (the engine writing) and a new segment are not a repair.
        std::fs::write(wal.join("00000000000000000001.wal"), b"b").unwrap();
        assert!(before.replaced_in(&Segments::of(&url)).is_empty());
        // A new file renamed over a segment is.
        std::fs::write(wal.join("repaired"), b"a").unwrap();
        std::fs::rename(wal.join("repaired"), wal.join("00000000000000000000.wal")).unwrap();
        assert_eq!(
            before.replaced_in(&Segments::of(&url)),
            vec![wal.join("00000000000000000000.wal")]
        );
        assert_eq!(Segments::of("mem://"), Segments::default());
    }
}

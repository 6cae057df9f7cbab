//! Where the files are: under the data directory, named by the content's hash (SHA-256 of what
//! was uploaded) and the copy, never by anything the upload said. Written to a temporary name
//! and renamed, so that a crash leaves no half file under a real name.

use app::domain::media::{Copy, Format};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The media directory (`WARTA_MEDIA_DIR`, `data/media` unless set).
#[derive(Clone, Debug)]
pub struct MediaStore {
    dir: PathBuf,
}

/// One stored file: a photo's copy, or a document as sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    Photo(Copy),
    Document(Format),
}

impl Stored {
    fn suffix(self) -> String {
        match self {
            Stored::Photo(c) => format!("{}.jpg", c.id()),
            Stored::Document(f) => f.extension().to_string(),
        }
    }
}

/// The content hash of `bytes`, as the files are named.
pub fn hash_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

impl MediaStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        MediaStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of `hash`'s file `what` (a hash is checked to be one: nothing else reaches a path).
    pub fn path(&self, hash: &str, what: Stored) -> Option<PathBuf> {
        is_hash(hash).then(|| self.dir.join(&hash[..2]).join(format!("{hash}.{}", what.suffix())))
    }

    /// Writes `bytes` as `hash`'s file `what`.
    pub fn put(&self, hash: &str, what: Stored, bytes: &[u8]) -> std::io::Result<()> {
        let path = self
            .path(hash, what)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a content hash"))?;
        let tmp_dir = self.dir.join("tmp");
        std::fs::create_dir_all(&tmp_dir)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let nonce: u64 = rand::random();
        let tmp = tmp_dir.join(format!("{hash}.{nonce:016x}"));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    /// Every stored file that `into` lacks, copied there (a backup's folder, or the media folder
    /// of a restored Warta). A file is named by its content, so one already there is the same
    /// file; each is written under a temporary name and renamed. Returns how many were copied.
    pub fn copy_into(&self, into: &MediaStore) -> std::io::Result<usize> {
        let Ok(shards) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        let mut copied = 0;
        for shard in shards.flatten() {
            let name = shard.file_name().to_string_lossy().into_owned();
            if name.len() != 2 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
                continue;
            }
            for f in std::fs::read_dir(shard.path())?.flatten() {
                let file = f.file_name().to_string_lossy().into_owned();
                if !file.get(..64).is_some_and(is_hash) {
                    continue;
                }
                let target = into.dir.join(&name).join(&file);
                if target.exists() {
                    continue;
                }
                std::fs::create_dir_all(into.dir.join(&name))?;
                let tmp = target.with_extension("partial");
                std::fs::copy(f.path(), &tmp)?;
                std::fs::rename(&tmp, &target)?;
                copied += 1;
            }
        }
        Ok(copied)
    }

    /// Every file of `hash` removed (the last record naming it is gone).
    pub fn remove(&self, hash: &str) {
        if !is_hash(hash) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(self.dir.join(&hash[..2])) else {
            return;
        };
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(hash) {
                if let Err(err) = std::fs::remove_file(e.path()) {
                    tracing::warn!(error = %err, file = %e.path().display(), "stored file not removed");
                }
            }
        }
    }

    /// The hashes of the stored files older than `age` (by their time on disk), and temporary
    /// files of that age, which no upload still writes.
    pub fn older_than(&self, age: Duration) -> (Vec<String>, Vec<PathBuf>) {
        let now = SystemTime::now();
        let old = |p: &Path| {
            std::fs::metadata(p)
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|d| d >= age))
        };
        let mut hashes = std::collections::BTreeSet::new();
        let mut temporary = vec![];
        let Ok(shards) = std::fs::read_dir(&self.dir) else {
            return (vec![], vec![]);
        };
        for shard in shards.flatten() {
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            let is_tmp = shard.file_name() == "tmp";
            for f in files.flatten() {
                let path = f.path();
                if !old(&path) {
                    continue;
                }
                if is_tmp {
                    temporary.push(path);
                } else if let Some(hash) = f.file_name().to_string_lossy().split('.').next() {
                    if is_hash(hash) {
                        hashes.insert(hash.to_string());
                    }
                }
            }
        }
        (hashes.into_iter().collect(), temporary)
    }
}

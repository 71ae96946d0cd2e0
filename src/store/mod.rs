//! The sled store: the only module that writes.
//!
//! Everything lives in one sled tree, namespaced by a key's first byte ([`keys`]). A commit —
//! a batch of documents added or replaced, documents removed, a relink, a curation — is built
//! in memory ([`tx::Tx`]) and applied as one `apply_batch`, which sled applies and recovers
//! atomically: after a crash the store is at the end of some commit, never inside one, and no
//! document is half there.
//!
//! Records are written per document once (its header, text, facts, statements, typed
//! relations, and index entries keyed by **group**, [`crate::link::corpus`]); linking changes
//! only groups, cores, entities and partner ties. A query reads the key ranges of the groups
//! of the entity it answers about, never every document an entity occurs in.

pub mod keys;
pub mod linkstate;
mod partners;
mod read;
pub mod records;
pub mod tx;
mod write;

pub use partners::EntityTie;
pub use partners::MENTIONED_WITH;
pub use read::{Lookups, StatementFilter, entity_view};
pub use write::{CommitOptions, DocChange, DocOutcome, Incoming};

use crate::error::{KgError, Result};
use crate::model::*;
use records::{Totals, dec};
use std::path::{Path, PathBuf};

/// Version of the on-disk layout. A database written by another version is refused.
pub const SCHEMA_VERSION: u32 = 2;

/// How long to keep trying while another handle releases the database: a handle dropped by
/// this process (or a process that is exiting) frees sled's file lock a moment later.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(1000);

/// sled's settings: see docs/ARCHITECTURE.md ("Staying clear of sled's known problems").
fn sled_config(path: &Path) -> sled::Config {
    sled::Config::new()
        .path(path)
        .cache_capacity(256 << 20)
        .flush_every_ms(Some(1000))
}

fn open_sled(path: &Path) -> Result<sled::Db> {
    let started = std::time::Instant::now();
    loop {
        match sled_config(path).open() {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(ref io))
                if io.to_string().contains("could not acquire lock")
                    || io.kind() == std::io::ErrorKind::WouldBlock =>
            {
                if started.elapsed() >= LOCK_WAIT {
                    return Err(KgError::DatabaseLocked {
                        path: path.to_path_buf(),
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e @ (sled::Error::Corruption { .. } | sled::Error::Unsupported(_))) => {
                return Err(KgError::NotADatabase {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
            Err(other) => return Err(KgError::Store(other)),
        }
    }
}

/// Does a database exist at `path`?
pub fn exists(path: &Path) -> bool {
    path.join("db").exists() || path.join("conf").exists()
}

/// An open kg database.
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    tree: sled::Tree,
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if path.exists() && !path.is_dir() {
            return Err(KgError::NotADatabase {
                path: path.to_path_buf(),
                reason: "it is a file, not a folder".into(),
            });
        }
        if path.is_dir()
            && !exists(path)
            && std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some())
        {
            return Err(KgError::NotADatabase {
                path: path.to_path_buf(),
                reason: "the folder is not empty and holds no sled database".into(),
            });
        }
        let db = open_sled(path)?;
        let tree = db.open_tree("kg")?;
        let store = Store {
            path: path.to_path_buf(),
            db,
            tree,
        };
        store.check_version()?;
        Ok(store)
    }

    fn check_version(&self) -> Result<()> {
        let k = keys::meta("schema_version");
        match self.tree.get(&k)? {
            None => {
                let old_layout = self
                    .db
                    .tree_names()
                    .iter()
                    .any(|n| n.as_ref() == b"docs" || n.as_ref() == b"extractions");
                if old_layout {
                    return Err(KgError::SchemaVersion {
                        path: self.path.clone(),
                        found: 1,
                        expected: SCHEMA_VERSION,
                    });
                }
                if !self.tree.is_empty() {
                    return Err(KgError::NotADatabase {
                        path: self.path.clone(),
                        reason: "no schema version recorded".into(),
                    });
                }
                self.tree.insert(k, &SCHEMA_VERSION.to_be_bytes())?;
                self.db.flush()?;
                Ok(())
            }
            Some(v) => match <[u8; 4]>::try_from(v.as_ref()).map(u32::from_be_bytes) {
                Ok(found) if found == SCHEMA_VERSION => Ok(()),
                Ok(found) => Err(KgError::SchemaVersion {
                    path: self.path.clone(),
                    found,
                    expected: SCHEMA_VERSION,
                }),
                Err(_) => Err(KgError::NotADatabase {
                    path: self.path.clone(),
                    reason: "its schema version record is damaged (run `kg check`)".into(),
                }),
            },
        }
    }

    /// Opens an existing database; a missing one is an error, not a new database.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !exists(path) {
            return Err(KgError::Invalid(format!(
                "no kg database at {}; create one with `kg ingest PATH` (or pick one with --db)",
                path.display()
            )));
        }
        Self::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes everything to disk, durably: sled's flush (which syncs its log with
    /// `sync_file_range`), then a full fsync of its files and folders.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        let io = |p: &Path, e: std::io::Error| KgError::Io {
            path: p.to_path_buf(),
            source: e,
        };
        let sync = |p: &Path| -> Result<()> {
            std::fs::File::open(p)
                .and_then(|f| f.sync_all())
                .map_err(|e| io(p, e))
        };
        sync(&self.path.join("db"))?;
        let blobs = self.path.join("blobs");
        if blobs.is_dir() {
            for e in std::fs::read_dir(&blobs).map_err(|e| io(&blobs, e))? {
                let p = e.map_err(|e| io(&blobs, e))?.path();
                if p.is_file() {
                    sync(&p)?;
                }
            }
            sync(&blobs)?;
        }
        if self.path.join("conf").exists() {
            sync(&self.path.join("conf"))?;
        }
        sync(&self.path)?;
        Ok(())
    }

    fn meta_get<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<Option<T>> {
        self.tree
            .get(keys::meta(name))?
            .map(|v| dec(&v))
            .transpose()
    }

    /// What counts as a statement in this database (speech unless set).
    pub fn statement_mode(&self) -> Result<StatementMode> {
        match self.tree.get(keys::meta("statement_mode"))? {
            None => Ok(StatementMode::Speech),
            Some(v) => std::str::from_utf8(&v)
                .ok()
                .and_then(StatementMode::parse)
                .ok_or_else(|| {
                    KgError::Invalid(
                        "the database's statement mode record is damaged (run `kg check`)".into(),
                    )
                }),
        }
    }

    /// Records the statement mode; the caller re-extracts the documents if it changed.
    pub fn set_statement_mode(&self, mode: StatementMode) -> Result<()> {
        self.tree
            .insert(keys::meta("statement_mode"), mode.as_str().as_bytes())?;
        Ok(())
    }

    /// The counts kept up to date by every commit.
    pub fn totals(&self) -> Result<Totals> {
        Ok(self.meta_get("totals")?.unwrap_or_default())
    }

    /// The sled tree (for `kg check` and the benchmark's size figures).
    pub fn tree(&self) -> &sled::Tree {
        &self.tree
    }

    /// Bytes the database takes on disk.
    pub fn disk_bytes(&self) -> u64 {
        fn walk(p: &Path) -> u64 {
            match std::fs::read_dir(p) {
                Ok(rd) => rd
                    .filter_map(|e| e.ok())
                    .map(|e| {
                        let p = e.path();
                        if p.is_dir() {
                            walk(&p)
                        } else {
                            e.metadata().map(|m| m.len()).unwrap_or(0)
                        }
                    })
                    .sum(),
                Err(_) => 0,
            }
        }
        walk(&self.path)
    }

    // ------------------------------------------------------------------ curations

    /// The curations in order, with their sequence numbers.
    pub fn curations_numbered(&self) -> Result<Vec<(u64, Curation)>> {
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix([keys::CURATION]) {
            let (k, v) = kv?;
            let n = keys::u64_at(&k, 1).unwrap_or(0);
            out.push((n, records::dec_json(&v)?));
        }
        Ok(out)
    }

    pub fn curations(&self) -> Result<Vec<Curation>> {
        Ok(self
            .curations_numbered()?
            .into_iter()
            .map(|(_, c)| c)
            .collect())
    }
}

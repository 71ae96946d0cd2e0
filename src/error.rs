//! Typed errors of the library. The CLI adds context with anyhow.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum KgError {
    #[error(
        "{path} is in use by another kg process (close it, or use --db to pick another database)"
    )]
    DatabaseLocked { path: PathBuf },

    #[error(
        "{path} was written by kg schema version {found}, this kg reads version {expected}; \
         ingest into a new database (--db) or rebuild it from the source files"
    )]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },

    #[error("{path} is not a kg database: {reason}")]
    NotADatabase { path: PathBuf, reason: String },

    #[cfg(feature = "store")]
    #[error("database error: {0}")]
    Store(#[from] sled::Error),

    #[cfg(feature = "store")]
    #[error("could not encode or decode a stored record: {0}")]
    Codec(#[from] postcard::Error),

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("schema file {file}: line {line}: {reason}")]
    SchemaData {
        file: &'static str,
        line: usize,
        reason: String,
    },

    #[error("no entity matches {name:?}{}", suggestions_text(.suggestions))]
    UnknownEntity {
        name: String,
        suggestions: Vec<String>,
    },

    #[error("{name:?} is ambiguous; it may mean: {}", .candidates.join("; "))]
    AmbiguousEntity {
        name: String,
        candidates: Vec<String>,
    },

    #[error("no statement or edge with id {0}")]
    UnknownId(String),

    #[error("{0}")]
    Invalid(String),

    #[error(
        "graphviz is needed for {format} output but `dot` was not found on PATH; install Debian's package `graphviz` (apt-get install graphviz), or use --format svg"
    )]
    GraphvizMissing { format: String },

    #[error("{0}")]
    Render(String),
}

fn suggestions_text(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", s.join(", "))
    }
}

pub type Result<T, E = KgError> = std::result::Result<T, E>;

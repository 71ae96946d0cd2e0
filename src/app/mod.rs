//! Command implementations behind the CLI. Each takes a store and typed options and writes
//! human tables or JSON to a writer; `src/main.rs` only parses arguments and calls these.

pub mod core;
pub mod curate;
pub mod exports;
pub mod table;
pub mod walk;

use crate::error::Result;
use crate::store::Store;
use std::path::Path;

// The option types and defaults the command line fills in.
pub use crate::export::dot::DEFAULT_LAYOUT;
pub use crate::export::rdf::RdfFormat;
pub use crate::ingest::IngestOptions;
pub use crate::query::{RelationFilter, SaidFilter};
pub use crate::read::{DEFAULT_MAX_BYTES, ReadOptions};

/// Prints a command's one-line answer.
pub fn say(line: String) {
    println!("{line}");
}

/// How read commands print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Output {
    #[default]
    Table,
    Json,
    Jsonl,
    Csv,
}

/// Opens the database for a read command.
pub fn open_for_read(db: &Path) -> Result<Store> {
    Store::open_existing(db)
}

/// Pretty JSON ending in a newline.
pub fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// One JSON record a line.
pub fn jsonl<T: serde::Serialize>(rows: &[T]) -> String {
    rows.iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default() + "\n")
        .collect()
}

/// Writes `s` to the file, or to stdout when `path` is None.
pub fn write_out(path: Option<&Path>, s: &str) -> Result<()> {
    use std::io::Write;
    match path {
        Some(p) => std::fs::write(p, s).map_err(|e| crate::error::KgError::Io {
            path: p.to_path_buf(),
            source: e,
        }),
        None => {
            let mut out = std::io::stdout().lock();
            // a closed pipe (`| head`) is not an error worth reporting
            let _ = out.write_all(s.as_bytes());
            let _ = out.flush();
            Ok(())
        }
    }
}

//! kg: a knowledge-graph store for news.
//!
//! The modules follow the data's path (see docs/ARCHITECTURE.md), and Cargo features are the
//! layer boundaries:
//!
//! * always (the pure extractor, `--no-default-features`): [`model`], [`error`], [`schema`],
//!   [`normalize`], then [`read`] → [`text`] → [`mentions`] → [`link`] → [`relations`],
//!   together [`extract`];
//! * feature `store`: [`store`] (sled) and [`ingest`];
//! * feature `export`: [`graph`] (petgraph) and [`export`];
//! * with both: [`query`], the read side over the store;
//! * feature `cli`: [`app`], the command implementations the thin binary dispatches to.

pub mod error;
pub mod extract;
pub mod link;
pub mod mentions;
pub mod model;
pub mod normalize;
pub mod read;
pub mod relations;
pub mod schema;
pub mod text;

#[cfg(feature = "store")]
pub mod ingest;
#[cfg(feature = "store")]
pub mod store;

#[cfg(feature = "export")]
pub mod export;
#[cfg(feature = "export")]
pub mod graph;

#[cfg(all(feature = "store", feature = "export"))]
pub mod query;

#[cfg(feature = "cli")]
pub mod app;

pub use error::{KgError, Result};
pub use extract::Resources;

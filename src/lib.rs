//! kg: a knowledge-graph store for news.
//!
//! The modules follow the data's path (see docs/ARCHITECTURE.md):
//! [`read`] → [`text`] → [`mentions`] → [`link`] → [`relations`] (together: [`extract`]) →
//! [`store`] → [`graph`] → [`export`]. [`ingest`] and [`query`] drive them; [`app`] holds the
//! command implementations the thin binary dispatches to.

pub mod app;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod link;
pub mod mentions;
pub mod model;
pub mod normalize;
pub mod query;
pub mod read;
pub mod relations;
pub mod schema;
pub mod store;
pub mod text;

pub use error::{KgError, Result};

use std::sync::OnceLock;

/// World knowledge, loaded once from `schema/` and compiled into the matchers each stage
/// needs. Shared read-only by all extraction threads.
pub struct Resources {
    pub data: schema::SchemaData,
    pub abbreviations: text::Abbreviations,
    pub gazetteer: mentions::Gazetteer,
    /// The speech lexicon.
    pub lexicon: relations::Lexicon,
    /// The same with attitude cues on.
    pub attitude_lexicon: relations::Lexicon,
}

impl Resources {
    /// Parses and compiles the embedded schema files.
    pub fn load() -> Result<Self> {
        let data = schema::SchemaData::embedded()?;
        let abbreviations = text::Abbreviations::new(&data.abbreviations);
        let gazetteer = mentions::Gazetteer::new(&data);
        let lexicon = relations::Lexicon::new(&data);
        let mut attitude_lexicon = lexicon.clone();
        attitude_lexicon.attitudes = true;
        attitude_lexicon.tagger = true;
        Ok(Self {
            data,
            abbreviations,
            gazetteer,
            lexicon,
            attitude_lexicon,
        })
    }

    /// The lexicon of a statement mode.
    pub fn lexicon(&self, mode: relations::StatementMode) -> &relations::Lexicon {
        match mode {
            relations::StatementMode::Speech => &self.lexicon,
            relations::StatementMode::Attitudes => &self.attitude_lexicon,
        }
    }

    /// The process-wide instance (loaded on first use).
    pub fn global() -> Result<&'static Resources> {
        static RES: OnceLock<Resources> = OnceLock::new();
        if let Some(r) = RES.get() {
            return Ok(r);
        }
        let loaded = Resources::load()?;
        Ok(RES.get_or_init(|| loaded))
    }
}

//! Extraction: the pure function from a document's text to its facts.
//!
//! `text` → sentences and quotes → [`crate::mentions::recognize`] →
//! [`crate::link::local::link_document`] → [`crate::relations::extract`]. It reads nothing but
//! its arguments, so documents are extracted in parallel and the result is deterministic.

use crate::error::Result;
use crate::model::{DocExtraction, StatementMode};
use crate::{link, mentions, relations, schema, text};

/// Extracts every fact of one document; `mode` says what counts as a statement.
pub fn extract(text: &str, res: &Resources, mode: StatementMode) -> DocExtraction {
    let sentences = text::sentences(text, &res.abbreviations);
    let candidates = mentions::recognize(text, &sentences, &res.gazetteer);
    let (entities, mentions) =
        link::local::link_document(text, &sentences, candidates, &res.gazetteer);
    let (statements, relations) =
        relations::extract(text, &sentences, &entities, &mentions, res.lexicon(mode));
    DocExtraction {
        sentences,
        entities,
        mentions,
        statements,
        relations,
    }
}

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
    pub fn lexicon(&self, mode: StatementMode) -> &relations::Lexicon {
        match mode {
            StatementMode::Speech => &self.lexicon,
            StatementMode::Attitudes => &self.attitude_lexicon,
        }
    }

    /// The process-wide instance (loaded on first use).
    pub fn global() -> Result<&'static Resources> {
        static RES: std::sync::OnceLock<Resources> = std::sync::OnceLock::new();
        if let Some(r) = RES.get() {
            return Ok(r);
        }
        let loaded = Resources::load()?;
        Ok(RES.get_or_init(|| loaded))
    }
}

//! Extraction: the pure function from a document's text to its facts.
//!
//! `text` → sentences and quotes → [`crate::mentions::recognize`] →
//! [`crate::link::local::link_document`] → [`crate::relations::extract`]. It reads nothing but
//! its arguments, so documents are extracted in parallel and the result is deterministic.

use crate::Resources;
use crate::model::DocExtraction;
use crate::relations::StatementMode;

/// Extracts every fact of one document; `mode` says what counts as a statement.
pub fn extract(text: &str, res: &Resources, mode: StatementMode) -> DocExtraction {
    let sentences = crate::text::sentences(text, &res.abbreviations);
    let candidates = crate::mentions::recognize(text, &sentences, res);
    let (entities, mentions) = crate::link::local::link_document(text, &sentences, candidates, res);
    let (statements, relations) =
        crate::relations::extract(text, &sentences, &entities, &mentions, res, mode);
    DocExtraction {
        sentences,
        entities,
        mentions,
        statements,
        relations,
    }
}

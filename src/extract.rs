//! Extraction: the pure function from a document's text to its facts.
//!
//! `text` → sentences and quotes → [`crate::mentions::recognize`] →
//! [`crate::link::local::link_document`] → [`crate::relations::extract`]. It reads nothing but
//! its arguments, so documents are extracted in parallel and the result is deterministic.

use crate::Resources;
use crate::model::DocExtraction;

/// Extracts every fact of one document.
pub fn extract(text: &str, res: &Resources) -> DocExtraction {
    let sentences = crate::text::sentences(text, &res.abbreviations);
    let candidates = crate::mentions::recognize(text, &sentences, res);
    let (entities, mentions) = crate::link::local::link_document(text, &sentences, candidates, res);
    let (statements, relations) =
        crate::relations::extract(text, &sentences, &entities, &mentions, res);
    DocExtraction {
        sentences,
        entities,
        mentions,
        statements,
        relations,
    }
}

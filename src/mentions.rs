//! Mention recognition: gazetteer matches (countries, demonyms, capitals, places,
//! organizations) and name patterns (capitalised runs with titles stripped, organization head
//! words), typed and with the rule that found them.

use crate::Resources;
use crate::model::{EntityType, Span};
use crate::schema::SchemaData;

/// Compiled gazetteer matchers, built once from [`SchemaData`].
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    pub fn new(_data: &SchemaData) -> Self {
        Self {}
    }
}

/// A recognised name before linking.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Span of the name itself (title and possessive excluded).
    pub span: Span,
    pub text: String,
    pub etype: EntityType,
    /// "country:KP", "org:united nations" for gazetteer hits.
    pub gazetteer_id: Option<String>,
    /// A title or role right before the name ("President", "press secretary").
    pub title: Option<String>,
    pub rule: String,
    pub confidence: f32,
}

/// Finds the names in `text`.
pub fn recognize(_text: &str, _sentences: &[Span], _res: &Resources) -> Vec<Candidate> {
    Vec::new()
}

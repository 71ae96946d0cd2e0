//! Mention recognition: gazetteer matches (countries, demonyms, capitals, places,
//! organizations) and name patterns (capitalised runs with titles stripped, organization head
//! words), typed and with the rule that found them.
//!
//! Per sentence: word tokens ([`crate::text::word_tokens`]) → runs of capitalised tokens (with
//! name particles, lower-case hyphenated syllables and "of"-style connectors) → pieces split at
//! titles → each piece classified (organization by head word, gazetteer name, person by title /
//! given name / East Asian shape / speech verb, location by head word or locative preposition,
//! acronym). ALL-CAPS headlines and bylines get only safe readings plus names already seen in the
//! document's body. A document-level pass then splits hyphen compounds of known names
//! ("Trump-Kim") and resolves elliptical compass names ("the North").

pub mod gazetteer;
mod names;

pub use gazetteer::Gazetteer;

use crate::model::{EntityType, Span};

/// A recognised name before linking.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Span of the name itself (title and possessive excluded).
    pub span: Span,
    pub text: String,
    pub etype: EntityType,
    /// "country:KP", "org:united nations" for gazetteer hits.
    pub gazetteer_id: Option<String>,
    /// A title or role right before the name ("President", "press secretary"), or in an
    /// apposition after it ("X, a spokesperson for ...").
    pub title: Option<String>,
    pub rule: String,
    pub confidence: f32,
    /// The name is written family name first ("Kim Jong Un", "Lee Jae-myung").
    pub family_first: bool,
    /// Index of the sentence holding it.
    pub sentence: usize,
}

/// Finds the names in `text`.
pub fn recognize(text: &str, sentences: &[Span], gazetteer: &Gazetteer) -> Vec<Candidate> {
    names::recognize(text, sentences, gazetteer)
}

#[cfg(test)]
mod tests;

//! Relations: statements (who said what about whom), roles, interactions and co-occurrence.

use crate::Resources;
use crate::model::{LocalEntity, Mention, Relation, Span, Statement};
use crate::schema::SchemaData;

/// Compiled cue and relation matchers, built once from [`SchemaData`].
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn new(_data: &SchemaData) -> Self {
        Self {}
    }
}

/// Statements and relations of one document.
pub fn extract(
    _text: &str,
    _sentences: &[Span],
    _entities: &[LocalEntity],
    _mentions: &[Mention],
    _res: &Resources,
) -> (Vec<Statement>, Vec<Relation>) {
    (Vec::new(), Vec::new())
}

//! Exports of the graph (or a filtered part of it): JSON node-link for notebooks, DOT for
//! Graphviz, and the other formats. Every exporter reads a [`GraphData`] and writes text; none
//! touches the store.

pub mod json;

use crate::error::Result;
use crate::model::*;
use crate::store::Store;

/// The part of the graph an export writes.
#[derive(Clone, Debug, Default)]
pub struct GraphData {
    pub documents: Vec<DocumentInfo>,
    pub entities: Vec<Entity>,
    pub edges: Vec<Edge>,
    pub statements: Vec<StatementRecord>,
    /// Every mention occurrence, when asked for (large).
    pub mentions: Option<Vec<MentionRecord>>,
}

impl GraphData {
    /// The whole database.
    pub fn load_all(store: &Store, with_mentions: bool) -> Result<Self> {
        Ok(Self {
            documents: store.documents()?,
            entities: store.entities()?,
            edges: store.edges()?,
            statements: store.statements()?,
            mentions: if with_mentions {
                Some(store.mentions()?)
            } else {
                None
            },
        })
    }
}

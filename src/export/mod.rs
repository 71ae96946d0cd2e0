//! Exports of the graph (or a filtered part of it): JSON node-link for notebooks, DOT for
//! Graphviz, JSONL and CSV tables, GraphML, Neo4j bulk-import CSV, RDF (N-Triples, Turtle), a
//! self-contained HTML page, and rendered diagrams.
//! Every exporter reads a [`Selection`] (a [`GraphData`] with what was left out) and writes
//! text; none touches the store (`kg::query::select` reads the part an export writes).
//!
//! Layering inside: [`escape`] and [`style`] sit below the exporters that share them; `render`
//! draws the DOT of [`dot`] (or its own layout); [`html`] embeds an SVG it is given.

pub mod csv;
pub mod dot;
pub mod escape;
pub mod graphml;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod neo4j;
pub mod rdf;
pub mod render;
pub mod style;

pub use crate::graph::GraphData;
use crate::model::EntityId;

/// The selected data, with what was left out.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub data: GraphData,
    pub focus: Option<EntityId>,
    /// Entities that passed the filters before the `max_nodes` cap.
    pub candidates: usize,
    /// A human note when the cap dropped entities.
    pub note: Option<String>,
}

/// Default depth of `--focus`.
pub const DEFAULT_DEPTH: usize = 2;
/// Default cap on entities in diagrams (DOT, rendered images, HTML).
pub const DEFAULT_MAX_NODES: usize = 60;

#[cfg(test)]
pub(crate) mod test_support;

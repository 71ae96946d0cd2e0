//! The part of the graph an export writes: the `--focus/--depth/--relation/--type/
//! --min-weight/--max-nodes` filters shared by every export, read from the store.
//!
//! With a focus, only the neighbourhood is read (breadth-first over the entities' ties, the
//! strongest first when a cap is set), then the statements and mentions of the entities kept;
//! without one, everything is loaded and filtered.

use crate::error::Result;
use crate::export::Selection;
use crate::graph::{self, GraphData, GraphSource, WalkFilter};
use crate::model::*;
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The whole database as graph data: every typed relation, co-occurrence once per pair of
/// entities.
pub fn graph_data(store: &Store, with_mentions: bool) -> Result<GraphData> {
    let mut edges = store.typed_edges()?;
    for (mut e, docs) in store.cooccurrence_edges()? {
        e.count = docs;
        edges.push(e);
    }
    edges.sort_by_key(|e| (e.id, e.relation.src, e.relation.dst));
    Ok(GraphData {
        documents: store.documents()?,
        entities: store.entities()?,
        edges,
        statements: store.statements()?,
        mentions: if with_mentions {
            Some(store.mentions()?)
        } else {
            None
        },
        statement_mode: store.statement_mode()?,
        schema_version: crate::store::SCHEMA_VERSION,
        entity_docs: store.entity_docs_all()?,
        other_names: BTreeMap::new(),
    })
}

/// What part of the graph an export writes. The default is everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only the neighbourhood of this entity (any name or alias)...
    pub focus: Option<String>,
    /// ...up to this many hops.
    pub depth: usize,
    /// Only these relation types (parsed with [`graph::parse_relations`]); empty: all.
    pub relations: Vec<String>,
    /// Only entities of these types (the focus always stays); empty: all.
    pub types: Vec<EntityType>,
    /// Drop connections whose total weight (all edges of one relation between the same two
    /// entities) is below this, and then the entities left with no connection.
    pub min_weight: u64,
    /// Keep at most this many entities: the focus, then the best connected (weighted degree,
    /// then mentions); entities left with no connection among them are dropped. `None`: no cap.
    pub max_nodes: Option<usize>,
    /// With a focus: at most this many statements by and about each entity kept (newest
    /// first); `None`: all.
    pub statements_per_entity: Option<usize>,
}

/// Applies a [`Filter`].
pub fn select(store: &Store, f: &Filter, with_mentions: bool) -> Result<Selection> {
    let walk = WalkFilter {
        relations: f.relations.clone(),
        types: f.types.clone(),
        // a capped view needs only each entity's strongest neighbours
        top: f.max_nodes.map(|c| c.max(8) * 2),
    };
    let mut sel = Selection::default();
    let focused = f.focus.is_some();
    let (mut entities, mut edges, all) = match &f.focus {
        Some(name) => {
            let center = super::resolve(store, name)?;
            sel.focus = Some(center.id);
            let nb = graph::neighborhood(store, center.id, f.depth, &walk, true)?;
            let entities: Vec<Entity> = nb.graph.entities().cloned().collect();
            let edges: Vec<Edge> = nb.graph.edges().cloned().collect();
            (entities, edges, None)
        }
        None => {
            let mut all = graph_data(store, with_mentions)?;
            let entities = std::mem::take(&mut all.entities);
            let edges = std::mem::take(&mut all.edges);
            (entities, edges, Some(all))
        }
    };
    let mut restricted = focused || !f.types.is_empty();
    // type and relation filters (already applied by the walk for a focus; cheap to repeat)
    entities.retain(|e| Some(e.id) == sel.focus || walk.type_ok(e.etype));
    let kept: HashSet<EntityId> = entities.iter().map(|e| e.id).collect();
    edges.retain(|e| {
        walk.edge_ok(e) && kept.contains(&e.relation.src) && kept.contains(&e.relation.dst)
    });
    // minimum weight per bundled connection
    let mut prune_isolated = false;
    if f.min_weight > 1 {
        let heavy: HashSet<(EdgeId, EntityId, EntityId)> = graph::bundle(&edges)
            .into_iter()
            .filter(|b| b.weight >= f.min_weight)
            .flat_map(|b| {
                let (s, t) = (b.source, b.target);
                b.edges.into_iter().map(move |id| (id, s, t))
            })
            .collect();
        edges.retain(|e| {
            heavy.contains(&(e.id, e.relation.src, e.relation.dst))
                || heavy.contains(&(e.id, e.relation.dst, e.relation.src))
        });
        prune_isolated = true;
    }
    // cap
    sel.candidates = entities.len();
    let mut capped = false;
    if let Some(cap) = f.max_nodes.filter(|&c| c > 0 && entities.len() > c) {
        restricted = true;
        capped = true;
        prune_isolated = true;
        let g = graph::KGraph::from_parts(&entities, &edges);
        let deg = graph::degrees(&g);
        let mut ranked: Vec<&Entity> = entities.iter().collect();
        ranked.sort_by_key(|e| {
            let d = deg.get(&e.id).copied().unwrap_or_default();
            (
                Some(e.id) != sel.focus,
                std::cmp::Reverse(d.weight),
                std::cmp::Reverse(e.mention_count),
                e.id,
            )
        });
        let keep: HashSet<EntityId> = ranked.iter().take(cap).map(|e| e.id).collect();
        entities.retain(|e| keep.contains(&e.id));
        edges.retain(|e| keep.contains(&e.relation.src) && keep.contains(&e.relation.dst));
    }
    // entities whose connections were all filtered away go too (the focus stays)
    if prune_isolated {
        let linked: HashSet<EntityId> = edges
            .iter()
            .flat_map(|e| [e.relation.src, e.relation.dst])
            .collect();
        let before = entities.len();
        entities.retain(|e| Some(e.id) == sel.focus || linked.contains(&e.id));
        if entities.len() < before {
            restricted = true;
        }
    }
    if capped {
        sel.note = Some(format!(
            "showing {} of {} entities (the best connected); raise --max-nodes (0 shows all) or narrow with --focus/--type/--relation/--min-weight",
            entities.len(),
            sel.candidates
        ));
    }
    let kept: HashSet<EntityId> = entities.iter().map(|e| e.id).collect();
    // provenance of the edges kept (a focused walk reads ties without it)
    for e in &mut edges {
        store.complete(e)?;
    }
    let (statements, mentions, documents, entity_docs) = match all {
        Some(mut all) => {
            let mut statements = std::mem::take(&mut all.statements);
            if restricted {
                statements.retain(|s| {
                    s.statement.speaker.is_some_and(|x| kept.contains(&x))
                        || s.statement.about.iter().any(|a| kept.contains(a))
                });
            }
            let mentions = all.mentions.take().map(|mut ms| {
                ms.retain(|m| kept.contains(&m.entity));
                ms
            });
            let mut entity_docs = std::mem::take(&mut all.entity_docs);
            entity_docs.retain(|e, _| kept.contains(e));
            let documents = if restricted {
                let ids = referenced(&entity_docs, &edges, &statements);
                all.documents
                    .into_iter()
                    .filter(|d| ids.contains(&d.id))
                    .collect()
            } else {
                all.documents
            };
            (statements, mentions, documents, entity_docs)
        }
        None => {
            let sf = crate::store::StatementFilter {
                limit: f.statements_per_entity,
                ..Default::default()
            };
            let mut seen = HashSet::new();
            let mut statements = Vec::new();
            for e in &entities {
                for by in [true, false] {
                    for s in store.statements_of(e.id, by, &sf)? {
                        if seen.insert(s.id) {
                            statements.push(s);
                        }
                    }
                }
            }
            let mut entity_docs: BTreeMap<EntityId, Vec<DocId>> = BTreeMap::new();
            for e in &entities {
                entity_docs.insert(
                    e.id,
                    store
                        .docs_of_entity(e.id)?
                        .into_iter()
                        .map(|(d, _)| d)
                        .collect(),
                );
            }
            let mentions = if with_mentions {
                let docs: BTreeSet<DocId> = entity_docs.values().flatten().copied().collect();
                let mut ms = Vec::new();
                for d in docs {
                    ms.extend(
                        store
                            .mentions_of_doc(d)?
                            .into_iter()
                            .filter(|m| kept.contains(&m.entity)),
                    );
                }
                Some(ms)
            } else {
                None
            };
            let mut documents = Vec::new();
            for id in referenced(&entity_docs, &edges, &statements) {
                if let Some(d) = store.doc_info(id)? {
                    documents.push(d);
                }
            }
            (statements, mentions, documents, entity_docs)
        }
    };
    entities.sort_by_key(|e| e.id);
    edges.sort_by_key(|e| (e.id, e.relation.src, e.relation.dst));
    let mut statements = statements;
    statements.sort_by_key(|s| s.id);
    // names of the entities the statements and edges refer to outside the selection
    let mut other_names = BTreeMap::new();
    let referred = statements
        .iter()
        .flat_map(|s| {
            s.statement
                .speaker
                .into_iter()
                .chain(s.statement.about.iter().copied())
        })
        .chain(edges.iter().flat_map(|e| [e.relation.src, e.relation.dst]));
    for id in referred {
        if !kept.contains(&id)
            && !other_names.contains_key(&id)
            && let Some(e) = store.entity(id)?
        {
            other_names.insert(id, e.name);
        }
    }
    sel.data = GraphData {
        documents,
        entities,
        edges,
        statements,
        mentions,
        statement_mode: store.statement_mode()?,
        schema_version: crate::store::SCHEMA_VERSION,
        entity_docs,
        other_names,
    };
    Ok(sel)
}

/// The documents a selection refers to.
fn referenced(
    entity_docs: &BTreeMap<EntityId, Vec<DocId>>,
    edges: &[Edge],
    statements: &[StatementRecord],
) -> BTreeSet<DocId> {
    let mut ids: BTreeSet<DocId> = entity_docs.values().flatten().copied().collect();
    ids.extend(edges.iter().map(|e| e.doc));
    ids.extend(statements.iter().map(|s| s.doc));
    ids
}

//! The part of the graph an export writes: the `--focus/--depth/--relation/--type/
//! --min-weight/--max-nodes` filters shared by every export, read from the store.

use crate::error::Result;
use crate::export::Selection;
use crate::graph::{self, GraphData, WalkFilter};
use crate::model::*;
use crate::store::Store;
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// The whole database as graph data.
pub fn graph_data(store: &Store, with_mentions: bool) -> Result<GraphData> {
    Ok(GraphData {
        documents: store.documents()?,
        entities: store.entities()?,
        edges: store.edges()?,
        statements: store.statements()?,
        mentions: if with_mentions {
            Some(store.mentions()?)
        } else {
            None
        },
        statement_mode: store.statement_mode()?,
        schema_version: crate::store::SCHEMA_VERSION,
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
}

/// Applies a [`Filter`]. With a focus, only the focus's neighbourhood is read from the store
/// (breadth-first over its key ranges); otherwise the whole graph is loaded and filtered.
pub fn select(store: &Store, f: &Filter, with_mentions: bool) -> Result<Selection> {
    let walk = WalkFilter {
        relations: f.relations.clone(),
        types: f.types.clone(),
    };
    let mut sel = Selection::default();
    let mut restricted = false;
    let (mut entities, mut edges, statements_pool, mentions_pool, docs_pool) = match &f.focus {
        Some(name) => {
            let center = super::resolve(store, name)?;
            sel.focus = Some(center.id);
            restricted = true;
            let nb = graph::neighborhood(store, center.id, f.depth, &walk, true)?;
            let entities: Vec<Entity> = nb.graph.entities().cloned().collect();
            let edges: Vec<Edge> = nb.graph.edges().cloned().collect();
            // statements by and about the selected entities
            let mut seen = HashSet::new();
            let mut statements = Vec::new();
            for e in &entities {
                for s in store
                    .statements_by_speaker(e.id)?
                    .into_iter()
                    .chain(store.statements_about(e.id)?)
                {
                    if seen.insert(s.id) {
                        statements.push(s);
                    }
                }
            }
            let mentions = if with_mentions {
                let ids: HashSet<EntityId> = entities.iter().map(|e| e.id).collect();
                let mut docs: BTreeSet<DocId> = BTreeSet::new();
                for e in &entities {
                    docs.extend(store.docs_of_entity(e.id)?.into_iter().map(|(d, _)| d));
                }
                let mut ms = Vec::new();
                for d in docs {
                    let facts: Option<Arc<crate::store::DocFacts>> = store.facts(d)?;
                    if let Some(fa) = facts {
                        ms.extend(
                            fa.mentions()
                                .into_iter()
                                .filter(|m| ids.contains(&m.entity)),
                        );
                    }
                }
                Some(ms)
            } else {
                None
            };
            (entities, edges, statements, mentions, None)
        }
        None => {
            let all = graph_data(store, with_mentions)?;
            if !f.types.is_empty() {
                restricted = true;
            }
            (
                all.entities,
                all.edges,
                all.statements,
                all.mentions,
                Some(all.documents),
            )
        }
    };
    // type and relation filters (already applied by the walk for a focus; cheap to repeat)
    entities.retain(|e| Some(e.id) == sel.focus || walk.type_ok(e.etype));
    let kept: HashSet<EntityId> = entities.iter().map(|e| e.id).collect();
    edges.retain(|e| {
        walk.edge_ok(e) && kept.contains(&e.relation.src) && kept.contains(&e.relation.dst)
    });
    // minimum weight per bundled connection
    let mut prune_isolated = false;
    if f.min_weight > 1 {
        let heavy: HashSet<EdgeId> = graph::bundle(&edges)
            .into_iter()
            .filter(|b| b.weight >= f.min_weight)
            .flat_map(|b| b.edges)
            .collect();
        edges.retain(|e| heavy.contains(&e.id));
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
    let mut statements = statements_pool;
    if restricted {
        statements.retain(|s| {
            s.statement.speaker.is_some_and(|x| kept.contains(&x))
                || s.statement.about.iter().any(|a| kept.contains(a))
        });
    }
    let mentions = mentions_pool.map(|mut ms| {
        ms.retain(|m| kept.contains(&m.entity));
        ms
    });
    let documents = match docs_pool {
        Some(all) if !restricted => all,
        pool => {
            let mut ids: BTreeSet<DocId> = BTreeSet::new();
            for e in &entities {
                ids.extend(e.docs.iter().copied());
            }
            ids.extend(edges.iter().map(|e| e.doc));
            ids.extend(statements.iter().map(|s| s.doc));
            match pool {
                Some(all) => all.into_iter().filter(|d| ids.contains(&d.id)).collect(),
                None => {
                    let mut v = Vec::new();
                    for id in ids {
                        if let Some(d) = store.doc_info(id)? {
                            v.push(d);
                        }
                    }
                    v
                }
            }
        }
    };
    entities.sort_by_key(|e| e.id);
    edges.sort_by_key(|e| e.id);
    statements.sort_by_key(|s| s.id);
    sel.data = GraphData {
        documents,
        entities,
        edges,
        statements,
        mentions,
        statement_mode: store.statement_mode()?,
        schema_version: crate::store::SCHEMA_VERSION,
    };
    Ok(sel)
}

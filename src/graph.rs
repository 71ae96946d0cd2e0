//! The petgraph model: the part of the store a walk or an export needs, as a StableGraph whose
//! nodes are entities and whose edges carry provenance.
//!
//! Walks read through the small [`GraphSource`] trait, implemented for the sled [`Store`] (reads
//! only the key ranges of the entities a walk visits) and for an in-memory [`MemGraph`] (built
//! from a [`GraphData`], used for whole-graph work and for tests).
//!
//! * [`neighborhood`]: breadth-first search over `edges_of` up to a depth (`kg neighbors`,
//!   `kg subgraph`, and the `--focus` filter of every export);
//! * [`shortest_paths`]: bidirectional breadth-first search, then every shortest path in the loaded
//!   part (`kg path`);
//! * [`pagerank`], [`degrees`]: centrality over a whole graph (`kg top`);
//! * [`bundle`]: repeated relations between the same two entities folded into one weighted edge
//!   (diagrams).
//!
//! Direction: relations are directed (speaker → target, visitor → place), but walks follow them
//! both ways, since "how is A connected to B" does not care who acted on whom.

use crate::error::{KgError, Result};
use crate::model::*;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// The co-occurrence relation: symmetric, weighted by shared sentences, weak evidence.
pub const MENTIONED_WITH: &str = "MENTIONED_WITH";

/// Read access to the graph, by entity.
pub trait GraphSource {
    fn entity(&self, id: EntityId) -> Result<Option<Entity>>;
    /// The entity's edges, both directions. A source may aggregate them (one edge per
    /// neighbour, relation and direction, `count` saying how many it stands for) and leave
    /// their evidence to [`GraphSource::complete`]; with `top`, an entity with more
    /// neighbours than that gives only its strongest.
    fn edges_of(&self, id: EntityId, top: Option<usize>) -> Result<Vec<Edge>>;
    /// Fills in an edge's provenance (document name, evidence sentence, rule) if the source
    /// left it out.
    fn complete(&self, _e: &mut Edge) -> Result<()> {
        Ok(())
    }
}

/// The graph data that walks produce and every exporter consumes: documents, entities,
/// edges, statements and (when asked for) mentions, all with global ids.
#[derive(Clone, Debug, Default)]
pub struct GraphData {
    pub documents: Vec<DocumentInfo>,
    pub entities: Vec<Entity>,
    pub edges: Vec<Edge>,
    pub statements: Vec<StatementRecord>,
    /// Every mention occurrence, when asked for (large).
    pub mentions: Option<Vec<MentionRecord>>,
    /// What the database counts as a statement.
    pub statement_mode: StatementMode,
    /// The on-disk layout version of the database it came from.
    pub schema_version: u32,
    /// The documents each entity is mentioned in.
    pub entity_docs: BTreeMap<EntityId, Vec<DocId>>,
    /// Names of entities the statements and edges refer to that are not in `entities` (a
    /// speaker or an entity talked about outside a focused selection).
    pub other_names: BTreeMap<EntityId, String>,
}

impl GraphData {
    /// Entity names by id (the selected entities and the others referred to).
    pub fn names(&self) -> HashMap<EntityId, &str> {
        self.other_names
            .iter()
            .map(|(id, n)| (*id, n.as_str()))
            .chain(self.entities.iter().map(|e| (e.id, e.name.as_str())))
            .collect()
    }

    /// The documents an entity is mentioned in.
    pub fn docs_of(&self, id: EntityId) -> &[DocId] {
        self.entity_docs.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Statements grouped by speaker, for tooltips and tables.
    pub fn statements_by_speaker(&self) -> BTreeMap<EntityId, Vec<&StatementRecord>> {
        let mut m: BTreeMap<EntityId, Vec<&StatementRecord>> = BTreeMap::new();
        for s in &self.statements {
            if let Some(sp) = s.statement.speaker {
                m.entry(sp).or_default().push(s);
            }
        }
        m
    }
}

/// An indexed in-memory graph (entities by id, edges by end).
#[derive(Clone, Debug, Default)]
pub struct MemGraph {
    entities: HashMap<EntityId, Entity>,
    out: HashMap<EntityId, Vec<Edge>>,
    inn: HashMap<EntityId, Vec<Edge>>,
}

impl MemGraph {
    pub fn new(entities: &[Entity], edges: &[Edge]) -> Self {
        let mut g = MemGraph::default();
        for e in entities {
            g.entities.insert(e.id, e.clone());
        }
        for e in edges {
            g.out.entry(e.relation.src).or_default().push(e.clone());
            g.inn.entry(e.relation.dst).or_default().push(e.clone());
        }
        g
    }
    pub fn from_data(g: &GraphData) -> Self {
        Self::new(&g.entities, &g.edges)
    }
}

impl GraphSource for MemGraph {
    fn entity(&self, id: EntityId) -> Result<Option<Entity>> {
        Ok(self.entities.get(&id).cloned())
    }
    fn edges_of(&self, id: EntityId, _top: Option<usize>) -> Result<Vec<Edge>> {
        let mut v = self.out.get(&id).cloned().unwrap_or_default();
        v.extend(self.inn.get(&id).cloned().unwrap_or_default());
        Ok(v)
    }
}

/// Parses a `--relation R,...` list (case-insensitive) against the ontology.
pub fn parse_relations(list: &[String]) -> Result<Vec<String>> {
    let known = crate::schema::relation_types();
    let mut out = Vec::new();
    for item in list.iter().flat_map(|s| s.split(',')) {
        let r = item.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        if r.is_empty() {
            continue;
        }
        if !known.is_empty() && !known.contains(&r) {
            return Err(KgError::Invalid(format!(
                "unknown relation {item:?}; known relations: {}",
                known.join(", ")
            )));
        }
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}

/// Parses a `--type T,...` list.
pub fn parse_types(list: &[String]) -> Result<Vec<EntityType>> {
    let mut out = Vec::new();
    for item in list.iter().flat_map(|s| s.split(',')) {
        if item.trim().is_empty() {
            continue;
        }
        let t = EntityType::parse(item).ok_or_else(|| {
            KgError::Invalid(format!(
                "unknown type {item:?} (person, country, organization, location, other)"
            ))
        })?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// Which edges and nodes a walk may use. Empty lists mean "all".
#[derive(Clone, Debug, Default)]
pub struct WalkFilter {
    pub relations: Vec<String>,
    pub types: Vec<EntityType>,
    /// Expand at most this many of an entity's strongest neighbours (hubs); `None`: all.
    pub top: Option<usize>,
}

impl WalkFilter {
    pub fn edge_ok(&self, e: &Edge) -> bool {
        self.relations.is_empty() || self.relations.contains(&e.relation.relation)
    }
    pub fn type_ok(&self, t: EntityType) -> bool {
        self.types.is_empty() || self.types.contains(&t)
    }
}

/// A loaded part of the graph.
#[derive(Debug, Default)]
pub struct KGraph {
    pub graph: StableDiGraph<Entity, Edge>,
    pub index: HashMap<EntityId, NodeIndex>,
    edge_ids: HashSet<EdgeId>,
}

impl KGraph {
    pub fn node(&self, id: EntityId) -> Option<NodeIndex> {
        self.index.get(&id).copied()
    }
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.node(id).and_then(|n| self.graph.node_weight(n))
    }
    pub fn add_entity(&mut self, e: Entity) -> NodeIndex {
        if let Some(n) = self.index.get(&e.id) {
            return *n;
        }
        let id = e.id;
        let n = self.graph.add_node(e);
        self.index.insert(id, n);
        n
    }
    /// Adds an edge between two loaded entities (once per edge id).
    pub fn add_edge(&mut self, e: Edge) -> bool {
        let (Some(a), Some(b)) = (self.node(e.relation.src), self.node(e.relation.dst)) else {
            return false;
        };
        if !self.edge_ids.insert(e.id) {
            return false;
        }
        self.graph.add_edge(a, b, e);
        true
    }
    /// Builds a graph of the given entities and the edges between them.
    pub fn from_parts(entities: &[Entity], edges: &[Edge]) -> Self {
        let mut g = KGraph::default();
        for e in entities {
            g.add_entity(e.clone());
        }
        for e in edges {
            g.add_edge(e.clone());
        }
        g
    }
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.graph.node_weights()
    }
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.graph.edge_weights()
    }
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
    /// Edges touching `n`, both directions.
    fn incident(&self, n: NodeIndex) -> impl Iterator<Item = (NodeIndex, &Edge)> {
        self.graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| (e.target(), e.weight()))
            .chain(
                self.graph
                    .edges_directed(n, petgraph::Direction::Incoming)
                    .map(|e| (e.source(), e.weight())),
            )
    }
}

/// Both directions of an entity's edges.
fn all_edges_of(src: &dyn GraphSource, id: EntityId, top: Option<usize>) -> Result<Vec<Edge>> {
    src.edges_of(id, top)
}

fn other_end(e: &Edge, id: EntityId) -> EntityId {
    if e.relation.src == id {
        e.relation.dst
    } else {
        e.relation.src
    }
}

/// A breadth-first neighbourhood.
#[derive(Debug)]
pub struct Neighborhood {
    pub center: EntityId,
    pub graph: KGraph,
    /// Hops from the center of every loaded entity.
    pub depth: HashMap<EntityId, usize>,
}

/// Breadth-first search from `center` over `edges_of`, up to `depth` hops, following edges both
/// ways. Edges must pass the relation filter; entities other than the center must pass the type
/// filter. With `induced`, edges between two entities at the outermost depth are loaded too (one
/// more read per outermost entity), so the result is the induced subgraph.
pub fn neighborhood(
    src: &dyn GraphSource,
    center: EntityId,
    depth: usize,
    filter: &WalkFilter,
    induced: bool,
) -> Result<Neighborhood> {
    let mut nb = Neighborhood {
        center,
        graph: KGraph::default(),
        depth: HashMap::new(),
    };
    let Some(c) = src.entity(center)? else {
        return Err(KgError::UnknownEntity {
            name: format!("id:{center}"),
            suggestions: Vec::new(),
        });
    };
    nb.graph.add_entity(c);
    nb.depth.insert(center, 0);
    let mut queue = VecDeque::from([center]);
    let mut pending: Vec<Edge> = Vec::new();
    while let Some(id) = queue.pop_front() {
        let d = nb.depth[&id];
        if d >= depth && !induced {
            continue;
        }
        for e in all_edges_of(src, id, filter.top)? {
            if !filter.edge_ok(&e) {
                continue;
            }
            let other = other_end(&e, id);
            if d >= depth {
                // outermost ring: only edges to already loaded entities
                if nb.depth.contains_key(&other) {
                    pending.push(e);
                }
                continue;
            }
            if !nb.depth.contains_key(&other) {
                let Some(ent) = src.entity(other)? else {
                    continue;
                };
                if !filter.type_ok(ent.etype) {
                    continue;
                }
                nb.graph.add_entity(ent);
                nb.depth.insert(other, d + 1);
                queue.push_back(other);
            }
            pending.push(e);
        }
    }
    for e in pending {
        nb.graph.add_edge(e);
    }
    Ok(nb)
}

/// How one neighbour is connected to the center.
#[derive(Clone, Debug, Serialize)]
pub struct NeighborSummary {
    pub id: EntityId,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub depth: usize,
    /// Relation type → number of edges, over the edges that touch this neighbour and a closer
    /// entity (the center for depth 1).
    pub relations: BTreeMap<String, u64>,
    /// Number of such edges.
    pub edges: u64,
    /// Sum of their weights (co-occurrence counts shared sentences).
    pub weight: u64,
    /// The strongest piece of evidence: a typed relation before co-occurrence, then the highest
    /// confidence.
    pub evidence: Option<Evidence>,
}

/// One edge as evidence.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    pub edge: EdgeId,
    pub relation: String,
    pub label: Option<String>,
    pub source: EntityId,
    pub target: EntityId,
    pub doc: String,
    pub sentence: String,
    pub confidence: f32,
}

impl Evidence {
    pub fn of(e: &Edge) -> Self {
        Evidence {
            edge: e.id,
            relation: e.relation.relation.clone(),
            label: e.relation.label.clone(),
            source: e.relation.src,
            target: e.relation.dst,
            doc: e.doc_name.clone(),
            sentence: e.evidence.clone(),
            confidence: e.relation.confidence,
        }
    }
}

/// Orders edges as evidence: typed relations first, then confidence, then weight, then id.
fn evidence_rank(e: &Edge) -> (bool, i64, u32, std::cmp::Reverse<EdgeId>) {
    (
        e.relation.relation != MENTIONED_WITH,
        (e.relation.confidence * 1000.0) as i64,
        e.relation.weight,
        std::cmp::Reverse(e.id),
    )
}

/// The strongest evidence among `edges`.
pub fn best_evidence<'a>(edges: impl IntoIterator<Item = &'a Edge>) -> Option<&'a Edge> {
    edges.into_iter().max_by_key(|e| evidence_rank(e))
}

/// Summarises each neighbour of a neighbourhood: the edges linking it to entities one hop closer
/// to the center. Sorted by depth, then weight, then name.
pub fn summarize_neighbors(nb: &Neighborhood) -> Vec<NeighborSummary> {
    let g = &nb.graph;
    let mut out = Vec::new();
    for n in g.graph.node_indices() {
        let ent = &g.graph[n];
        let d = nb.depth.get(&ent.id).copied().unwrap_or(0);
        if ent.id == nb.center {
            continue;
        }
        let closer: Vec<&Edge> = g
            .incident(n)
            .filter(|(m, _)| {
                let other = g.graph[*m].id;
                nb.depth.get(&other).is_some_and(|od| od + 1 == d)
            })
            .map(|(_, e)| e)
            .collect();
        let mut relations = BTreeMap::new();
        let mut weight = 0u64;
        for e in &closer {
            *relations.entry(e.relation.relation.clone()).or_insert(0) += e.count.max(1);
            weight += u64::from(e.relation.weight.max(1));
        }
        out.push(NeighborSummary {
            id: ent.id,
            name: ent.name.clone(),
            etype: ent.etype,
            depth: d,
            relations,
            edges: closer.iter().map(|e| e.count.max(1)).sum(),
            weight,
            evidence: best_evidence(closer.iter().copied()).map(Evidence::of),
        });
    }
    out.sort_by(|a, b| {
        a.depth
            .cmp(&b.depth)
            .then(b.weight.cmp(&a.weight))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// One hop of a path: from one entity to the next, with every edge linking them and the best
/// piece of evidence.
#[derive(Clone, Debug, Serialize)]
pub struct Hop {
    pub from: EntityId,
    pub from_name: String,
    pub to: EntityId,
    pub to_name: String,
    /// Relation types linking the two (sorted, distinct).
    pub relations: Vec<String>,
    pub edges: usize,
    pub evidence: Evidence,
}

/// A shortest connection.
#[derive(Clone, Debug, Serialize)]
pub struct PathAnswer {
    pub length: usize,
    pub hops: Vec<Hop>,
}

/// Every shortest path (up to `limit`) between `a` and `b` with at most `max_depth` hops.
///
/// Bidirectional breadth-first search: each round expands the smaller frontier by one level,
/// reading only the entities it reaches; it stops when the two searches meet. Every shortest
/// path lies in the part loaded by then (each of its nodes is within the radius of one side,
/// and each of its edges touches an expanded node), so the paths are enumerated on that petgraph.
pub fn shortest_paths(
    src: &dyn GraphSource,
    a: EntityId,
    b: EntityId,
    max_depth: usize,
    filter: &WalkFilter,
    limit: usize,
) -> Result<Vec<PathAnswer>> {
    let mut g = KGraph::default();
    for id in [a, b] {
        let e = src.entity(id)?.ok_or_else(|| KgError::UnknownEntity {
            name: format!("id:{id}"),
            suggestions: Vec::new(),
        })?;
        g.add_entity(e);
    }
    if a == b {
        return Ok(Vec::new());
    }
    let mut dist: [HashMap<EntityId, usize>; 2] =
        [HashMap::from([(a, 0)]), HashMap::from([(b, 0)])];
    let mut frontier: [Vec<EntityId>; 2] = [vec![a], vec![b]];
    let mut radius = [0usize, 0usize];
    let mut pending: Vec<Edge> = Vec::new();
    let met =
        |dist: &[HashMap<EntityId, usize>; 2]| dist[0].keys().any(|k| dist[1].contains_key(k));
    while !met(&dist) && radius[0] + radius[1] < max_depth {
        let side = if frontier[0].is_empty() {
            1
        } else if frontier[1].is_empty() || frontier[0].len() <= frontier[1].len() {
            0
        } else {
            1
        };
        if frontier[side].is_empty() {
            break;
        }
        let mut next = Vec::new();
        for id in std::mem::take(&mut frontier[side]) {
            for e in all_edges_of(src, id, filter.top)? {
                if !filter.edge_ok(&e) {
                    continue;
                }
                let other = other_end(&e, id);
                if g.node(other).is_none() {
                    let Some(ent) = src.entity(other)? else {
                        continue;
                    };
                    g.add_entity(ent);
                }
                if !dist[side].contains_key(&other) {
                    dist[side].insert(other, radius[side] + 1);
                    next.push(other);
                }
                pending.push(e);
            }
        }
        radius[side] += 1;
        frontier[side] = next;
    }
    for e in pending {
        g.add_edge(e);
    }
    let mut paths = paths_in(&g, a, b, max_depth, limit);
    for p in &mut paths {
        for h in &mut p.hops {
            complete_evidence(src, &mut h.evidence)?;
        }
    }
    Ok(paths)
}

/// Fills in a piece of evidence a source gave without its document and sentence.
pub fn complete_evidence(src: &dyn GraphSource, ev: &mut Evidence) -> Result<()> {
    if !ev.sentence.is_empty() {
        return Ok(());
    }
    let mut probe = Edge {
        id: ev.edge,
        doc: ev.edge.doc(),
        doc_name: String::new(),
        evidence: String::new(),
        relation: Relation {
            src: ev.source,
            dst: ev.target,
            relation: ev.relation.clone(),
            label: ev.label.clone(),
            span: Span::default(),
            sentence: Span::default(),
            rule: String::new(),
            confidence: ev.confidence,
            statement: None,
            weight: 1,
        },
        statement_id: None,
        count: 1,
    };
    src.complete(&mut probe)?;
    ev.doc = probe.doc_name;
    ev.sentence = probe.evidence;
    if ev.label.is_none() {
        ev.label = probe.relation.label;
    }
    Ok(())
}

/// Every shortest path from `a` to `b` (undirected) in a loaded graph, up to `limit`.
pub fn paths_in(
    g: &KGraph,
    a: EntityId,
    b: EntityId,
    max_depth: usize,
    limit: usize,
) -> Vec<PathAnswer> {
    let (Some(na), Some(nb)) = (g.node(a), g.node(b)) else {
        return Vec::new();
    };
    let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(na, 0)]);
    let mut preds: HashMap<NodeIndex, BTreeSet<NodeIndex>> = HashMap::new();
    let mut queue = VecDeque::from([na]);
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if dist.get(&nb).is_some_and(|&db| d >= db) || d >= max_depth {
            continue;
        }
        for (m, _) in g.incident(n) {
            match dist.get(&m) {
                None => {
                    dist.insert(m, d + 1);
                    preds.entry(m).or_default().insert(n);
                    queue.push_back(m);
                }
                Some(&dm) if dm == d + 1 => {
                    preds.entry(m).or_default().insert(n);
                }
                _ => {}
            }
        }
    }
    if !dist.contains_key(&nb) {
        return Vec::new();
    }
    // enumerate node sequences back from b
    let mut seqs: Vec<Vec<NodeIndex>> = Vec::new();
    let mut stack: Vec<Vec<NodeIndex>> = vec![vec![nb]];
    while let Some(partial) = stack.pop() {
        if seqs.len() >= limit {
            break;
        }
        let last = *partial.last().unwrap_or(&nb);
        if last == na {
            let mut p = partial;
            p.reverse();
            seqs.push(p);
            continue;
        }
        if let Some(ps) = preds.get(&last) {
            // push in reverse so the smallest index is explored first (deterministic)
            for p in ps.iter().rev() {
                let mut next = partial.clone();
                next.push(*p);
                stack.push(next);
            }
        }
    }
    let mut out: Vec<PathAnswer> = seqs
        .into_iter()
        .map(|seq| {
            let hops: Vec<Hop> = seq
                .windows(2)
                .filter_map(|w| {
                    let (x, y) = (w[0], w[1]);
                    let linking: Vec<&Edge> = g
                        .incident(x)
                        .filter(|(m, _)| *m == y)
                        .map(|(_, e)| e)
                        .collect();
                    let best = best_evidence(linking.iter().copied())?;
                    let rels: BTreeSet<String> = linking
                        .iter()
                        .map(|e| e.relation.relation.clone())
                        .collect();
                    Some(Hop {
                        from: g.graph[x].id,
                        from_name: g.graph[x].name.clone(),
                        to: g.graph[y].id,
                        to_name: g.graph[y].name.clone(),
                        relations: rels.into_iter().collect(),
                        edges: linking.len(),
                        evidence: Evidence::of(best),
                    })
                })
                .collect();
            PathAnswer {
                length: hops.len(),
                hops,
            }
        })
        .collect();
    // strongest paths first: more typed hops, then more edges
    out.sort_by_key(|p| {
        let typed = p
            .hops
            .iter()
            .filter(|h| h.evidence.relation != MENTIONED_WITH)
            .count();
        let edges: usize = p.hops.iter().map(|h| h.edges).sum();
        (std::cmp::Reverse(typed), std::cmp::Reverse(edges))
    });
    out
}

/// Weighted degree figures of every entity of a graph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Degree {
    /// Distinct other entities linked to it.
    pub neighbors: usize,
    /// Edges touching it.
    pub edges: usize,
    /// Sum of the weights of those edges.
    pub weight: u64,
}

pub fn degrees(g: &KGraph) -> HashMap<EntityId, Degree> {
    let mut out = HashMap::new();
    for n in g.graph.node_indices() {
        let mut others = HashSet::new();
        let mut d = Degree::default();
        for (m, e) in g.incident(n) {
            if m != n {
                others.insert(m);
            }
            d.edges += e.count.max(1) as usize;
            d.weight += u64::from(e.relation.weight.max(1));
        }
        d.neighbors = others.len();
        out.insert(g.graph[n].id, d);
    }
    out
}

/// Weighted PageRank (damping 0.85) until the change is below 1e-9 or 100 rounds. Directed
/// relations pass rank from source to target; co-occurrence both ways. Entities with no
/// outgoing weight spread their rank evenly. The ranks sum to 1.
pub fn pagerank(g: &KGraph) -> HashMap<EntityId, f64> {
    let nodes: Vec<NodeIndex> = g.graph.node_indices().collect();
    let n = nodes.len();
    if n == 0 {
        return HashMap::new();
    }
    let pos: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, x)| (*x, i)).collect();
    let mut links: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for ei in g.graph.edge_indices() {
        let (Some((a, b)), Some(e)) = (g.graph.edge_endpoints(ei), g.graph.edge_weight(ei)) else {
            continue;
        };
        let (s, t) = (pos[&a], pos[&b]);
        if s == t {
            continue;
        }
        let w = f64::from(e.relation.weight.max(1));
        links[s].push((t, w));
        if e.relation.relation == MENTIONED_WITH {
            links[t].push((s, w));
        }
    }
    let out_w: Vec<f64> = links.iter().map(|l| l.iter().map(|x| x.1).sum()).collect();
    let d = 0.85;
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    for _ in 0..100 {
        let dangling: f64 = (0..n).filter(|&i| out_w[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - d) / nf + d * dangling / nf;
        let mut next = vec![base; n];
        for i in 0..n {
            if out_w[i] > 0.0 {
                for &(t, w) in &links[i] {
                    next[t] += d * rank[i] * w / out_w[i];
                }
            }
        }
        let delta: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if delta < 1e-9 {
            break;
        }
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, x)| (g.graph[*x].id, rank[i]))
        .collect()
}

/// Repeated relations between the same two entities, folded into one weighted edge.
#[derive(Clone, Debug, Serialize)]
pub struct Bundle {
    pub source: EntityId,
    pub target: EntityId,
    pub relation: String,
    /// Distinct labels (role titles, verbs).
    pub labels: Vec<String>,
    /// Number of edges folded.
    pub count: usize,
    /// Sum of their weights.
    pub weight: u64,
    /// The edges, strongest evidence first.
    pub edges: Vec<EdgeId>,
    /// Evidence sentences, strongest first (distinct).
    pub evidence: Vec<String>,
    /// Statements behind SAID_ABOUT edges.
    pub statements: Vec<StatementId>,
    /// Co-occurrence has no direction.
    pub directed: bool,
}

/// Folds edges by (source, target, relation); co-occurrence ignores direction. Sorted by weight
/// (heaviest first), then ends and relation.
pub fn bundle<'a>(edges: impl IntoIterator<Item = &'a Edge>) -> Vec<Bundle> {
    let mut groups: BTreeMap<(EntityId, EntityId, String), Vec<&Edge>> = BTreeMap::new();
    for e in edges {
        let r = &e.relation;
        let (s, t) = if r.relation == MENTIONED_WITH && r.dst < r.src {
            (r.dst, r.src)
        } else {
            (r.src, r.dst)
        };
        groups
            .entry((s, t, r.relation.clone()))
            .or_default()
            .push(e);
    }
    let mut out: Vec<Bundle> = groups
        .into_iter()
        .map(|((s, t, rel), mut es)| {
            es.sort_by_key(|e| std::cmp::Reverse(evidence_rank(e)));
            let mut labels = BTreeSet::new();
            let mut evidence: Vec<String> = Vec::new();
            let mut statements = Vec::new();
            for e in &es {
                if let Some(l) = &e.relation.label {
                    labels.insert(l.clone());
                }
                if !e.evidence.is_empty() && !evidence.contains(&e.evidence) {
                    evidence.push(e.evidence.clone());
                }
                if let Some(st) = e.statement_id {
                    statements.push(st);
                }
            }
            Bundle {
                source: s,
                target: t,
                directed: rel != MENTIONED_WITH,
                weight: es.iter().map(|e| u64::from(e.relation.weight.max(1))).sum(),
                count: es.iter().map(|e| e.count.max(1) as usize).sum(),
                edges: es.iter().map(|e| e.id).collect(),
                relation: rel,
                labels: labels.into_iter().collect(),
                evidence,
                statements,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(a.source.cmp(&b.source))
            .then(a.target.cmp(&b.target))
            .then(a.relation.cmp(&b.relation))
    });
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn ent(id: u64, name: &str, t: EntityType) -> Entity {
        Entity {
            id: EntityId(id),
            name: name.into(),
            etype: t,
            aliases: vec![],
            mention_count: id,
            doc_count: 1,
            gazetteer_id: None,
            titles: vec![],
        }
    }

    pub fn edge(id: u64, s: u64, t: u64, rel: &str, weight: u32, conf: f32) -> Edge {
        Edge {
            id: EdgeId(id),
            doc: DocId(1),
            doc_name: "a.txt".into(),
            evidence: format!("sentence {id}"),
            relation: Relation {
                src: EntityId(s),
                dst: EntityId(t),
                relation: rel.into(),
                label: None,
                span: Span::new(0, 1),
                sentence: Span::new(0, 10),
                rule: "test".into(),
                confidence: conf,
                statement: None,
                weight,
            },
            statement_id: None,
            count: 1,
        }
    }

    /// 1 - 2 - 3 - 4, 1 - 5 - 4 (two shortest paths 1→4 of length 3? no: 1-5-4 is 2), 6 alone,
    /// 2 - 7 (organization).
    pub fn sample() -> MemGraph {
        use EntityType::*;
        let ents = vec![
            ent(1, "Ana Varga", Person),
            ent(2, "Norway", Country),
            ent(3, "Boris Lind", Person),
            ent(4, "Chile", Country),
            ent(5, "Oslo", Location),
            ent(6, "Loner", Person),
            ent(7, "Fisheries Agency", Organization),
        ];
        let edges = vec![
            edge(10, 1, 2, "HOLDS_ROLE", 1, 0.9),
            edge(11, 1, 2, MENTIONED_WITH, 3, 0.5),
            edge(12, 2, 3, "CRITICIZED", 1, 0.8),
            edge(13, 3, 4, "MET_WITH", 1, 0.7),
            edge(14, 1, 5, "VISITED", 1, 0.9),
            edge(15, 5, 4, MENTIONED_WITH, 1, 0.5),
            edge(16, 7, 2, MENTIONED_WITH, 2, 0.5),
        ];
        MemGraph::new(&ents, &edges)
    }

    #[derive(Default)]
    struct Counting {
        inner: MemGraph,
        reads: std::cell::RefCell<Vec<EntityId>>,
    }
    impl GraphSource for Counting {
        fn entity(&self, id: EntityId) -> Result<Option<Entity>> {
            self.inner.entity(id)
        }
        fn edges_of(&self, id: EntityId, top: Option<usize>) -> Result<Vec<Edge>> {
            self.reads.borrow_mut().push(id);
            self.inner.edges_of(id, top)
        }
    }

    #[test]
    fn bfs_depth_one_reads_only_the_center() {
        let src = Counting {
            inner: sample(),
            ..Default::default()
        };
        let nb = neighborhood(&src, EntityId(1), 1, &WalkFilter::default(), false).unwrap();
        let mut ids: Vec<u64> = nb.graph.entities().map(|e| e.id.0).collect();
        ids.sort();
        assert_eq!(ids, vec![1, 2, 5]);
        assert!(src.reads.borrow().iter().all(|r| r.0 == 1));
        let s = summarize_neighbors(&nb);
        assert_eq!(s[0].name, "Norway");
        assert_eq!(s[0].edges, 2);
        assert_eq!(s[0].weight, 4);
        // the typed relation beats the heavier co-occurrence as evidence
        assert_eq!(s[0].evidence.as_ref().unwrap().relation, "HOLDS_ROLE");
        assert_eq!(s[1].name, "Oslo");
    }

    #[test]
    fn bfs_depth_two_and_filters() {
        let g = sample();
        let nb = neighborhood(&g, EntityId(1), 2, &WalkFilter::default(), false).unwrap();
        assert_eq!(nb.depth[&EntityId(3)], 2);
        assert_eq!(nb.depth[&EntityId(4)], 2);
        assert!(!nb.depth.contains_key(&EntityId(6)));
        // relation filter: only VISITED → Oslo
        let f = WalkFilter {
            relations: vec!["VISITED".into()],
            types: vec![],
            top: None,
        };
        let nb = neighborhood(&g, EntityId(1), 3, &f, false).unwrap();
        let mut ids: Vec<u64> = nb.graph.entities().map(|e| e.id.0).collect();
        ids.sort();
        assert_eq!(ids, vec![1, 5]);
        // type filter: countries only (the center stays)
        let f = WalkFilter {
            relations: vec![],
            types: vec![EntityType::Country],
            top: None,
        };
        let nb = neighborhood(&g, EntityId(1), 3, &f, false).unwrap();
        let mut ids: Vec<u64> = nb.graph.entities().map(|e| e.id.0).collect();
        ids.sort();
        assert_eq!(ids, vec![1, 2]);
    }

    #[test]
    fn induced_adds_edges_between_outermost_entities() {
        // 2 and 5 are both at depth 1 from 1; 5 - 4 is not, 2 - 5 not linked; make a link
        let mut ents: Vec<Entity> = sample().entities.into_values().collect();
        ents.sort_by_key(|e| e.id);
        let mut edges: Vec<Edge> = sample().out.into_values().flatten().collect();
        edges.push(edge(20, 2, 5, "VISITED", 1, 0.9));
        let g = MemGraph::new(&ents, &edges);
        let plain = neighborhood(&g, EntityId(1), 1, &WalkFilter::default(), false).unwrap();
        assert!(!plain.graph.edges().any(|e| e.id == EdgeId(20)));
        let ind = neighborhood(&g, EntityId(1), 1, &WalkFilter::default(), true).unwrap();
        assert!(ind.graph.edges().any(|e| e.id == EdgeId(20)));
        assert_eq!(ind.graph.node_count(), 3);
    }

    #[test]
    fn shortest_path_with_evidence() {
        let g = sample();
        let p = shortest_paths(&g, EntityId(1), EntityId(4), 4, &WalkFilter::default(), 5).unwrap();
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].length, 2);
        assert_eq!(p[0].hops[0].to_name, "Oslo");
        assert_eq!(p[0].hops[0].evidence.sentence, "sentence 14");
        // without co-occurrence the path goes through Norway and Boris Lind
        let f = WalkFilter {
            relations: vec!["HOLDS_ROLE".into(), "CRITICIZED".into(), "MET_WITH".into()],
            types: vec![],
            top: None,
        };
        let p = shortest_paths(&g, EntityId(1), EntityId(4), 4, &f, 5).unwrap();
        assert_eq!(p[0].length, 3);
        let names: Vec<&str> = p[0].hops.iter().map(|h| h.to_name.as_str()).collect();
        assert_eq!(names, ["Norway", "Boris Lind", "Chile"]);
        // too short a limit, and an unconnected entity: no path
        assert!(
            shortest_paths(&g, EntityId(1), EntityId(4), 2, &f, 5)
                .unwrap()
                .is_empty()
        );
        assert!(
            shortest_paths(&g, EntityId(1), EntityId(6), 6, &WalkFilter::default(), 5)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn all_shortest_paths_are_found() {
        use EntityType::*;
        // a diamond: 1-2-4 and 1-3-4, plus a long way 1-5-6-4
        let ents: Vec<Entity> = (1..=6).map(|i| ent(i, &format!("E{i}"), Person)).collect();
        let edges = vec![
            edge(1, 1, 2, "MET_WITH", 1, 0.9),
            edge(2, 2, 4, "MET_WITH", 1, 0.9),
            edge(3, 3, 1, "CALLED", 1, 0.9),
            edge(4, 4, 3, MENTIONED_WITH, 1, 0.5),
            edge(5, 1, 5, "MET_WITH", 1, 0.9),
            edge(6, 5, 6, "MET_WITH", 1, 0.9),
            edge(7, 6, 4, "MET_WITH", 1, 0.9),
        ];
        let g = MemGraph::new(&ents, &edges);
        let p =
            shortest_paths(&g, EntityId(1), EntityId(4), 5, &WalkFilter::default(), 10).unwrap();
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| x.length == 2));
        // the path of typed hops comes first
        assert_eq!(p[0].hops[0].to_name, "E2");
        let p1 =
            shortest_paths(&g, EntityId(1), EntityId(4), 5, &WalkFilter::default(), 1).unwrap();
        assert_eq!(p1.len(), 1);
    }

    #[test]
    fn pagerank_favours_the_hub_and_sums_to_one() {
        use EntityType::*;
        // a star: 2..=5 all point at 1; 6 isolated
        let ents: Vec<Entity> = (1..=6).map(|i| ent(i, &format!("E{i}"), Person)).collect();
        let edges: Vec<Edge> = (2..=5)
            .map(|i| edge(i, i, 1, "SAID_ABOUT", 1, 0.9))
            .collect();
        let g = KGraph::from_parts(&ents, &edges);
        let pr = pagerank(&g);
        let total: f64 = pr.values().sum();
        assert!((total - 1.0).abs() < 1e-6, "{total}");
        let hub = pr[&EntityId(1)];
        for i in 2..=6 {
            assert!(hub > pr[&EntityId(i)] * 2.0);
        }
        // leaves are symmetric
        assert!((pr[&EntityId(2)] - pr[&EntityId(5)]).abs() < 1e-12);
        let d = degrees(&g);
        assert_eq!(d[&EntityId(1)].neighbors, 4);
        assert_eq!(d[&EntityId(6)].neighbors, 0);
    }

    #[test]
    fn pagerank_weights_matter() {
        use EntityType::*;
        // 1 links to 2 (weight 5) and 3 (weight 1): 2 outranks 3
        let ents: Vec<Entity> = (1..=3).map(|i| ent(i, &format!("E{i}"), Person)).collect();
        let edges = vec![
            edge(1, 1, 2, "SUPPORTS", 5, 0.9),
            edge(2, 1, 3, "SUPPORTS", 1, 0.9),
        ];
        let pr = pagerank(&KGraph::from_parts(&ents, &edges));
        assert!(pr[&EntityId(2)] > pr[&EntityId(3)]);
        assert!(pagerank(&KGraph::default()).is_empty());
    }

    #[test]
    fn bundling_folds_repeats_and_ignores_cooccurrence_direction() {
        let edges = vec![
            edge(1, 1, 2, MENTIONED_WITH, 2, 0.5),
            edge(2, 2, 1, MENTIONED_WITH, 3, 0.5),
            edge(3, 1, 2, "MET_WITH", 1, 0.9),
            edge(4, 1, 2, "MET_WITH", 1, 0.8),
            edge(5, 2, 1, "MET_WITH", 1, 0.8),
        ];
        let b = bundle(&edges);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].relation, MENTIONED_WITH);
        assert_eq!(b[0].weight, 5);
        assert_eq!(b[0].count, 2);
        assert!(!b[0].directed);
        let met: Vec<&Bundle> = b.iter().filter(|x| x.relation == "MET_WITH").collect();
        assert_eq!(met.len(), 2, "directed relations keep their direction");
        assert_eq!(met[0].count, 2);
        assert_eq!(met[0].evidence[0], "sentence 3");
    }

    #[test]
    fn relation_and_type_lists_parse() {
        assert_eq!(
            parse_relations(&["met_with,said-about".into()]).unwrap(),
            vec!["MET_WITH", "SAID_ABOUT"]
        );
        assert!(parse_relations(&["MARRIED".into()]).is_err());
        assert_eq!(
            parse_types(&["person,org".into()]).unwrap(),
            vec![EntityType::Person, EntityType::Organization]
        );
        assert!(parse_types(&["planet".into()]).is_err());
    }
}

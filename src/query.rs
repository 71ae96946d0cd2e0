//! Read-side answers over the store: resolving names, entity cards, who-said-what, relations,
//! provenance ("why"). Each answer reads only the key ranges it needs.

pub mod select;

use crate::error::{KgError, Result};
use crate::graph::GraphSource;
use crate::model::*;
use crate::normalize;
use crate::store::Store;
use serde::Serialize;

/// Walks read the store through the graph layer's [`GraphSource`]: an entity's ties, one
/// edge per neighbour, relation and direction (its `count` the edges it sums, its id the
/// strongest evidence), filled in with provenance only for what is shown.
impl GraphSource for Store {
    fn entity(&self, id: EntityId) -> Result<Option<Entity>> {
        Store::entity(self, id)
    }

    fn edges_of(&self, id: EntityId, top: Option<usize>) -> Result<Vec<Edge>> {
        let (ties, _) = self.ties_of(id, top)?;
        let mut out = Vec::new();
        for t in ties {
            let Some(best) = t.best.first().copied() else {
                continue;
            };
            let symmetric = t.relation == crate::graph::MENTIONED_WITH;
            let mut push = |src: EntityId, dst: EntityId, count: u64| {
                out.push(Edge {
                    id: best.edge,
                    doc: best.edge.doc(),
                    doc_name: String::new(),
                    evidence: String::new(),
                    relation: Relation {
                        src,
                        dst,
                        relation: t.relation.clone(),
                        label: None,
                        span: Span::default(),
                        sentence: Span::default(),
                        rule: String::new(),
                        confidence: best.confidence,
                        statement: None,
                        weight: t.weight.min(u64::from(u32::MAX)) as u32,
                    },
                    statement_id: None,
                    count,
                });
            };
            if symmetric {
                push(id.min(t.partner), id.max(t.partner), t.out.max(t.inn));
            } else {
                if t.out > 0 {
                    push(id, t.partner, t.out);
                }
                if t.inn > 0 {
                    push(t.partner, id, t.inn);
                }
            }
        }
        Ok(out)
    }

    fn complete(&self, e: &mut Edge) -> Result<()> {
        if !e.evidence.is_empty() {
            return Ok(());
        }
        if let Some(full) = self.edge(e.id)? {
            e.doc = full.doc;
            e.doc_name = full.doc_name;
            e.evidence = full.evidence;
            e.relation.label = full.relation.label;
            e.relation.span = full.relation.span;
            e.relation.sentence = full.relation.sentence;
            e.relation.rule = full.relation.rule;
            e.relation.statement = full.relation.statement;
            e.statement_id = full.statement_id;
        }
        Ok(())
    }
}

/// Alias keys read when a name matches no alias exactly (a partial name, a typo).
const ALIAS_SCAN: usize = 500_000;

/// Resolves a user-typed name (any alias, any case/hyphenation, or `id:N`) to one entity.
/// An ambiguous name lists the candidates; an unknown one suggests close matches.
pub fn resolve(store: &Store, name: &str) -> Result<Entity> {
    let trimmed = name.trim();
    if let Some(n) = trimmed
        .strip_prefix("id:")
        .and_then(|n| n.trim().parse::<u64>().ok())
    {
        return store
            .entity(EntityId(n))?
            .ok_or_else(|| KgError::UnknownEntity {
                name: name.to_string(),
                suggestions: Vec::new(),
            });
    }
    let key = normalize::key(trimmed);
    let mut ids = store.entities_by_alias_key(&key)?;
    if ids.is_empty() && !key.is_empty() {
        // every query token inside one alias ("jong un" -> "kim jong un")
        let toks: Vec<&str> = normalize::key_tokens(&key).collect();
        let mut hits: Vec<EntityId> = store
            .alias_keys_with_prefix("", ALIAS_SCAN)?
            .into_iter()
            .filter(|(k, _)| {
                let kt: Vec<&str> = normalize::key_tokens(k).collect();
                toks.iter().all(|t| kt.contains(t))
            })
            .map(|(_, id)| id)
            .collect();
        hits.sort();
        hits.dedup();
        ids = hits;
    }
    ids.sort();
    ids.dedup();
    let mut ents: Vec<Entity> = ids
        .into_iter()
        .filter_map(|id| store.entity(id).transpose())
        .collect::<Result<_>>()?;
    match ents.len() {
        0 => Err(KgError::UnknownEntity {
            name: name.to_string(),
            suggestions: suggest(store, &key, 5)?,
        }),
        1 => Ok(ents.remove(0)),
        _ => {
            // a canonical-name match wins over alias matches
            let exact: Vec<usize> = (0..ents.len())
                .filter(|&i| normalize::key(&ents[i].name) == key)
                .collect();
            if exact.len() == 1 {
                return Ok(ents.swap_remove(exact[0]));
            }
            ents.sort_by_key(|e| std::cmp::Reverse(e.mention_count));
            Err(KgError::AmbiguousEntity {
                name: name.to_string(),
                candidates: ents
                    .iter()
                    .map(|e| {
                        format!(
                            "{} ({}, {} mentions, id:{})",
                            e.name, e.etype, e.mention_count, e.id
                        )
                    })
                    .collect(),
            })
        }
    }
}

/// Close matches for an unknown name (by Jaro-Winkler similarity over the alias keys).
pub fn suggest(store: &Store, key: &str, limit: usize) -> Result<Vec<String>> {
    let mut scored: Vec<(f64, EntityId)> = store
        .alias_keys_with_prefix("", ALIAS_SCAN)?
        .into_iter()
        .map(|(k, id)| (strsim::jaro_winkler(key, &k), id))
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = Vec::new();
    for (_, id) in scored {
        if let Some(e) = store.entity(id)?
            && !out.contains(&e.name)
        {
            out.push(e.name);
        }
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

/// Everything `kg show` prints about one entity: counts, and the first rows of each list
/// (the strongest or newest), so a hub's card reads as fast as any other.
#[derive(Debug, Serialize)]
pub struct EntityCard {
    pub entity: Entity,
    /// Documents, most mentions first (the first [`CARD_ROWS`]), and how many there are.
    pub documents: Vec<(String, u64)>,
    pub document_count: usize,
    /// Typed relations (not co-occurrence or statements), the first [`CARD_ROWS`].
    pub relations: Vec<EdgeRow>,
    pub relation_count: usize,
    /// Newest first.
    pub statements_by: Vec<StatementRow>,
    pub statements_by_count: usize,
    pub statements_about: Vec<StatementRow>,
    pub statements_about_count: usize,
}

/// Rows of each list on an entity card.
pub const CARD_ROWS: usize = 20;

/// A statement with names resolved, for display and JSON.
#[derive(Clone, Debug, Serialize)]
pub struct StatementRow {
    pub id: StatementId,
    pub doc: String,
    pub speaker: Option<String>,
    pub speaker_id: Option<EntityId>,
    pub speaker_text: Option<String>,
    pub kind: StatementKind,
    pub cue: String,
    pub content: String,
    pub about: Vec<String>,
    pub about_ids: Vec<EntityId>,
    pub content_span: [usize; 2],
    pub confidence: f32,
    pub rule: String,
}

/// An edge with names resolved.
#[derive(Clone, Debug, Serialize)]
pub struct EdgeRow {
    pub id: EdgeId,
    pub relation: String,
    pub label: Option<String>,
    pub source: String,
    pub source_id: EntityId,
    pub target: String,
    pub target_id: EntityId,
    pub doc: String,
    pub span: [usize; 2],
    pub evidence: String,
    pub rule: String,
    pub confidence: f32,
    pub weight: u32,
}

/// Caches entity names while rows are built.
pub struct Namer<'a> {
    store: &'a Store,
    names: std::collections::HashMap<EntityId, String>,
}

impl<'a> Namer<'a> {
    pub fn new(store: &'a Store) -> Self {
        Self {
            store,
            names: Default::default(),
        }
    }
    pub fn name(&mut self, id: EntityId) -> String {
        if let Some(n) = self.names.get(&id) {
            return n.clone();
        }
        let n = self
            .store
            .entity(id)
            .ok()
            .flatten()
            .map(|e| e.name)
            .unwrap_or_else(|| format!("id:{id}"));
        self.names.insert(id, n.clone());
        n
    }
    pub fn statement(&mut self, s: &StatementRecord) -> StatementRow {
        let st = &s.statement;
        StatementRow {
            id: s.id,
            doc: s.doc_name.clone(),
            speaker: st.speaker.map(|id| self.name(id)),
            speaker_id: st.speaker,
            speaker_text: st.speaker_text.clone(),
            kind: st.kind,
            cue: st.cue.clone(),
            content: st.content.clone(),
            about: st.about.iter().map(|a| self.name(*a)).collect(),
            about_ids: st.about.clone(),
            content_span: st.content_span.as_pair(),
            confidence: st.confidence,
            rule: st.rule.clone(),
        }
    }
    pub fn edge(&mut self, e: &Edge) -> EdgeRow {
        let r = &e.relation;
        EdgeRow {
            id: e.id,
            relation: r.relation.clone(),
            label: r.label.clone(),
            source: self.name(r.src),
            source_id: r.src,
            target: self.name(r.dst),
            target_id: r.dst,
            doc: e.doc_name.clone(),
            span: r.span.as_pair(),
            evidence: e.evidence.clone(),
            rule: r.rule.clone(),
            confidence: r.confidence,
            weight: r.weight,
        }
    }
}

/// The entity card of `kg show`.
pub fn entity_card(store: &Store, entity: Entity) -> Result<EntityCard> {
    let mut namer = Namer::new(store);
    let mut docs = store.docs_of_entity(entity.id)?;
    let document_count = docs.len();
    docs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut documents = Vec::new();
    for (doc, n) in docs.into_iter().take(CARD_ROWS) {
        if let Some(info) = store.doc_info(doc)? {
            documents.push((info.name, n));
        }
    }
    let mut edges = store.edges_of(entity.id, true)?;
    edges.extend(store.edges_of(entity.id, false)?);
    edges.retain(|e| e.relation.relation != "SAID_ABOUT");
    let relation_count = edges.len();
    edges.sort_by(|a, b| {
        b.relation
            .confidence
            .total_cmp(&a.relation.confidence)
            .then(a.id.cmp(&b.id))
    });
    let relations = edges
        .iter()
        .take(CARD_ROWS)
        .map(|e| namer.edge(e))
        .collect();
    let f = crate::store::StatementFilter {
        limit: Some(CARD_ROWS),
        ..Default::default()
    };
    let statements_by = store
        .statements_of(entity.id, true, &f)?
        .iter()
        .map(|s| namer.statement(s))
        .collect();
    let statements_about = store
        .statements_of(entity.id, false, &f)?
        .iter()
        .map(|s| namer.statement(s))
        .collect();
    Ok(EntityCard {
        statements_by_count: store.statement_count(entity.id, true)?,
        statements_about_count: store.statement_count(entity.id, false)?,
        entity,
        documents,
        document_count,
        relations,
        relation_count,
        statements_by,
        statements_about,
    })
}

/// Filters of `kg said`.
#[derive(Clone, Debug, Default)]
pub struct SaidFilter {
    pub by: Option<String>,
    pub about: Option<String>,
    pub doc: Option<String>,
    pub kind: Option<StatementKind>,
    pub limit: Option<usize>,
}

/// Who said what about whom, newest first (by the documents' published dates).
pub fn said(store: &Store, f: &SaidFilter) -> Result<Vec<StatementRow>> {
    let by = f.by.as_deref().map(|n| resolve(store, n)).transpose()?;
    let about = f.about.as_deref().map(|n| resolve(store, n)).transpose()?;
    let doc = match f.doc.as_deref() {
        None => None,
        Some(d) => Some(
            store
                .doc_id(d)?
                .ok_or_else(|| KgError::Invalid(format!("no document named {d:?}")))?,
        ),
    };
    // read only as much as the answer needs when nothing else filters
    let narrow = f.kind.is_none() && doc.is_none() && !(by.is_some() && about.is_some());
    let sf = crate::store::StatementFilter {
        limit: if narrow { f.limit } else { None },
        ..Default::default()
    };
    let mut recs = match (&by, &about) {
        (Some(b), _) => store.statements_of(b.id, true, &sf)?,
        (None, Some(a)) => store.statements_of(a.id, false, &sf)?,
        (None, None) => match doc {
            Some(d) => store.statements_of_doc(d)?,
            None => store.statements_newest(if narrow { f.limit } else { None })?,
        },
    };
    recs.retain(|s| {
        about
            .as_ref()
            .is_none_or(|a| s.statement.about.contains(&a.id))
            && doc.is_none_or(|d| s.doc == d)
            && f.kind.is_none_or(|k| s.statement.kind == k)
    });
    if let Some(l) = f.limit {
        recs.truncate(l);
    }
    let mut namer = Namer::new(store);
    Ok(recs.iter().map(|s| namer.statement(s)).collect())
}

/// Filters of `kg relations`.
#[derive(Clone, Debug, Default)]
pub struct RelationFilter {
    pub relation: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

pub fn relations(store: &Store, f: &RelationFilter) -> Result<Vec<EdgeRow>> {
    let from = f.from.as_deref().map(|n| resolve(store, n)).transpose()?;
    let to = f.to.as_deref().map(|n| resolve(store, n)).transpose()?;
    let rel = f.relation.as_ref().map(|r| r.to_ascii_uppercase());
    let mut edges = match (&from, &to, &rel) {
        (Some(a), _, _) => store.edges_of(a.id, true)?,
        (None, Some(b), _) => store.edges_of(b.id, false)?,
        (None, None, Some(r)) if r == "MENTIONED_WITH" => store
            .cooccurrence_edges()?
            .into_iter()
            .map(|(e, _)| e)
            .collect(),
        (None, None, Some(r)) => store.edges_by_relation(r)?,
        (None, None, None) => store.typed_edges()?,
    };
    edges.retain(|e| {
        from.as_ref().is_none_or(|a| e.relation.src == a.id)
            && to.as_ref().is_none_or(|b| e.relation.dst == b.id)
            && rel.as_ref().is_none_or(|r| &e.relation.relation == r)
    });
    let mut namer = Namer::new(store);
    Ok(edges.iter().map(|e| namer.edge(e)).collect())
}

/// Provenance of a statement (`s:ID` or a bare number) or an edge (`e:ID`).
#[derive(Debug, Serialize)]
pub struct Why {
    pub kind: &'static str,
    pub id: u64,
    pub doc: String,
    pub path: String,
    pub sentence: String,
    pub sentence_span: [usize; 2],
    /// The sentence with the spans marked: [[speaker]], <<cue>>, {{content}} / [[source]] ->
    /// [[target]].
    pub marked: String,
    pub rule: String,
    pub confidence: f32,
    pub statement: Option<StatementRow>,
    pub edge: Option<EdgeRow>,
}

fn mark(text: &str, outer: Span, marks: &[(Span, &str, &str)]) -> String {
    let mut points: Vec<(usize, bool, &str)> = Vec::new();
    for (s, open, close) in marks {
        if outer.contains(*s) {
            points.push((s.start, false, open));
            points.push((s.end, true, close));
        }
    }
    points.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = String::new();
    let mut pos = outer.start;
    for (p, _, m) in points {
        if p < pos || !text.is_char_boundary(p) {
            continue;
        }
        out.push_str(&text[pos..p]);
        out.push_str(m);
        pos = p;
    }
    out.push_str(text.get(pos..outer.end).unwrap_or(""));
    out
}

pub fn why(store: &Store, id: &str) -> Result<Why> {
    let id = id.trim();
    let (kind, num) = if let Some(n) = id.strip_prefix("e:").or_else(|| id.strip_prefix("edge:")) {
        ("edge", n)
    } else if let Some(n) = id
        .strip_prefix("s:")
        .or_else(|| id.strip_prefix("statement:"))
    {
        ("statement", n)
    } else {
        ("statement", id)
    };
    let n: u64 = num
        .parse()
        .map_err(|_| KgError::UnknownId(id.to_string()))?;
    let mut namer = Namer::new(store);
    if kind == "statement" {
        let s = store
            .statement(StatementId(n))?
            .ok_or_else(|| KgError::UnknownId(id.to_string()))?;
        let text = store.doc_text(s.doc)?.unwrap_or_default();
        let info = store
            .doc_info(s.doc)?
            .ok_or_else(|| KgError::UnknownId(id.to_string()))?;
        let st = &s.statement;
        let mut outer = st.sentence;
        outer.start = outer.start.min(st.content_span.start);
        outer.end = outer.end.max(st.content_span.end);
        let mut marks = vec![(st.content_span, "{{", "}}")];
        if let Some(sp) = st.speaker_span {
            outer.start = outer.start.min(sp.start);
            outer.end = outer.end.max(sp.end);
            marks.push((sp, "[[", "]]"));
        }
        if let Some(c) = st.cue_span {
            marks.push((c, "<<", ">>"));
        }
        Ok(Why {
            kind: "statement",
            id: n,
            doc: info.name,
            path: info.path,
            sentence: outer.slice(&text).to_string(),
            sentence_span: outer.as_pair(),
            marked: mark(&text, outer, &marks),
            rule: st.rule.clone(),
            confidence: st.confidence,
            statement: Some(namer.statement(&s)),
            edge: None,
        })
    } else {
        let e = store
            .edge(EdgeId(n))?
            .ok_or_else(|| KgError::UnknownId(id.to_string()))?;
        let text = store.doc_text(e.doc)?.unwrap_or_default();
        let info = store
            .doc_info(e.doc)?
            .ok_or_else(|| KgError::UnknownId(id.to_string()))?;
        let r = &e.relation;
        let marks = vec![(r.span, "<<", ">>")];
        Ok(Why {
            kind: "edge",
            id: n,
            doc: info.name,
            path: info.path,
            sentence: e.evidence.clone(),
            sentence_span: r.sentence.as_pair(),
            marked: mark(&text, r.sentence, &marks),
            rule: r.rule.clone(),
            confidence: r.confidence,
            statement: None,
            edge: Some(namer.edge(&e)),
        })
    }
}

/// Entities, optionally of one type, most mentioned first.
pub fn entities(
    store: &Store,
    etype: Option<EntityType>,
    limit: Option<usize>,
) -> Result<Vec<Entity>> {
    let mut v: Vec<Entity> = store
        .entities()?
        .into_iter()
        .filter(|e| etype.is_none_or(|t| e.etype == t))
        .collect();
    v.sort_by(|a, b| {
        b.mention_count
            .cmp(&a.mention_count)
            .then(a.name.cmp(&b.name))
    });
    if let Some(l) = limit {
        v.truncate(l);
    }
    Ok(v)
}

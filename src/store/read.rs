//! Reading: documents, entities, statements, relations and ties, each from the key ranges of
//! what is asked about: an entity's groups, their postings (newest first), and the bodies of
//! just the documents an answer shows. Group ids in records become entity ids through the
//! groups' records.

use super::Store;
use super::keys;
use super::partners::{self, EntityTie, MENTIONED_WITH};
use super::records::{
    Body, Detail, EvidenceRef, Facts, Posting, Postings, StoredGroup, dec, decode_body,
};
use super::tx::Tx;
use crate::error::Result;
use crate::link::corpus::{EntityDraft, Group, Index, finalize};
use crate::mentions::Gazetteer;
use crate::model::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which statements of an entity to read: a date range, and how many (newest first).
#[derive(Clone, Debug, Default)]
pub struct StatementFilter {
    /// Days since 1970-01-01, inclusive.
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub limit: Option<usize>,
}

impl StatementFilter {
    fn admits(&self, day: i32) -> bool {
        self.since.is_none_or(|s| day >= s) && self.until.is_none_or(|u| day <= u)
    }
}

/// Per-call caches: groups' entities, documents' headers, facts and texts.
#[derive(Default)]
pub struct Lookups {
    entity_of: RefCell<HashMap<GroupId, Option<EntityId>>>,
    docs: RefCell<HashMap<DocId, Option<DocumentInfo>>>,
    bodies: RefCell<HashMap<DocId, std::rc::Rc<Body>>>,
}

/// Bodies kept decoded per call (a call reads few documents; an export reads them in order).
const BODY_CACHE: usize = 256;

impl Store {
    fn tx(&self) -> Tx<'_> {
        Tx::new(&self.tree)
    }

    fn record<T: serde::de::DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        self.tree.get(key)?.map(|v| dec(&v)).transpose()
    }

    // ------------------------------------------------------------------ documents

    pub fn doc_id(&self, name: &str) -> Result<Option<DocId>> {
        Ok(self
            .tree
            .get(keys::text(keys::DOC_NAME, name))?
            .and_then(|v| keys::u64_at(&v, 0))
            .map(DocId))
    }

    pub fn doc_info(&self, id: DocId) -> Result<Option<DocumentInfo>> {
        self.record(&keys::id(keys::DOC, id.0))
    }

    fn body(&self, id: DocId) -> Result<Option<sled::IVec>> {
        Ok(self.tree.get(keys::id(keys::BODY, id.0))?)
    }

    pub fn doc_text(&self, id: DocId) -> Result<Option<String>> {
        Ok(self.doc_body(id)?.map(|b| b.text))
    }

    /// A document's text, facts (statements, relations, groups) and detail (sentences,
    /// nodes, mentions).
    pub fn doc_body(&self, id: DocId) -> Result<Option<Body>> {
        self.body(id)?.map(|b| decode_body(&b)).transpose()
    }

    /// A document's statements, relations and groups.
    pub fn doc_facts(&self, id: DocId) -> Result<Option<Facts>> {
        Ok(self.doc_body(id)?.map(|b| b.facts))
    }

    /// A document's sentences, nodes and mentions.
    pub fn doc_detail(&self, id: DocId) -> Result<Option<Detail>> {
        Ok(self.doc_body(id)?.map(|b| b.detail))
    }

    /// All document headers, in id order.
    pub fn documents(&self) -> Result<Vec<DocumentInfo>> {
        self.tree
            .scan_prefix([keys::DOC])
            .values()
            .map(|v| dec(&v?))
            .collect()
    }

    /// Documents by published date, newest first (`since`/`until` in days, inclusive).
    pub fn documents_by_date(
        &self,
        since: Option<i32>,
        until: Option<i32>,
    ) -> Result<Vec<DocumentInfo>> {
        let lo = keys::id(
            keys::DOC_DAY,
            u64::from(keys::day_part(since.unwrap_or(i32::MIN / 2))),
        );
        let hi = keys::id(
            keys::DOC_DAY,
            u64::from(keys::day_part(until.unwrap_or(i32::MAX / 2))) + 1,
        );
        let mut out = Vec::new();
        for k in self.tree.range(lo..hi).keys().rev() {
            let k = k?;
            if let Some(d) = keys::last_id(&k).map(DocId)
                && let Some(info) = self.doc_info(d)?
            {
                out.push(info);
            }
        }
        Ok(out)
    }

    pub fn doc_count(&self) -> usize {
        self.totals().map(|t| t.documents as usize).unwrap_or(0)
    }

    fn cached_doc(&self, l: &Lookups, id: DocId) -> Result<Option<DocumentInfo>> {
        if let Some(d) = l.docs.borrow().get(&id) {
            return Ok(d.clone());
        }
        let d = self.doc_info(id)?;
        l.docs.borrow_mut().insert(id, d.clone());
        Ok(d)
    }

    fn cached_body(&self, l: &Lookups, id: DocId) -> Result<Option<std::rc::Rc<Body>>> {
        if let Some(b) = l.bodies.borrow().get(&id) {
            return Ok(Some(b.clone()));
        }
        let Some(b) = self.doc_body(id)? else {
            return Ok(None);
        };
        let b = std::rc::Rc::new(b);
        let mut m = l.bodies.borrow_mut();
        if m.len() >= BODY_CACHE {
            m.clear();
        }
        m.insert(id, b.clone());
        Ok(Some(b))
    }

    // ------------------------------------------------------------------ groups and entities

    fn stored_group(&self, id: GroupId) -> Result<Option<StoredGroup>> {
        self.record(&keys::id(keys::GROUP, id.0))
    }

    pub fn group(&self, id: GroupId) -> Result<Option<Group>> {
        Ok(self.stored_group(id)?.map(|s| s.group))
    }

    /// A group's postings, newest first, within a date range.
    fn postings(&self, id: GroupId, f: &StatementFilter) -> Result<Vec<Posting>> {
        let Some(s) = self.stored_group(id)? else {
            return Ok(Vec::new());
        };
        match s.postings {
            Postings::Inline(mut v) => {
                v.retain(|p| f.admits(p.day));
                v.sort_by_key(|p| std::cmp::Reverse((p.day, p.doc)));
                Ok(v)
            }
            Postings::Spilled => {
                let lo = keys::dated(
                    keys::POSTING,
                    id.0,
                    keys::day_part(f.since.unwrap_or(i32::MIN / 2)),
                    0,
                );
                let hi = keys::dated(
                    keys::POSTING,
                    id.0,
                    keys::day_part(f.until.unwrap_or(i32::MAX / 2)),
                    u64::MAX,
                );
                self.tree
                    .range(lo..=hi)
                    .values()
                    .rev()
                    .map(|v| dec(&v?))
                    .collect()
            }
        }
    }

    pub fn entity_of_group(&self, l: &Lookups, g: GroupId) -> Result<Option<EntityId>> {
        if let Some(e) = l.entity_of.borrow().get(&g) {
            return Ok(*e);
        }
        let e = self.group(g)?.map(|g| g.entity);
        l.entity_of.borrow_mut().insert(g, e);
        Ok(e)
    }

    /// An entity's record: stored, or (a plain entity) drawn from its one group.
    pub fn entity_draft(&self, id: EntityId) -> Result<Option<EntityDraft>> {
        if let Some(e) = self.record(&keys::id(keys::ENTITY, id.0))? {
            return Ok(Some(e));
        }
        Ok(self
            .group(GroupId(id.0))?
            .filter(|g| g.entity == id && g.nodes > 0)
            .map(|g| plain_draft(&g)))
    }

    /// An entity as queries and exports show it.
    pub fn entity(&self, id: EntityId) -> Result<Option<Entity>> {
        Ok(self.entity_draft(id)?.map(entity_view))
    }

    /// All entities, in id order.
    pub fn entity_drafts(&self) -> Result<Vec<EntityDraft>> {
        let mut out: BTreeMap<EntityId, EntityDraft> = BTreeMap::new();
        for v in self.tree.scan_prefix([keys::ENTITY]).values() {
            let e: EntityDraft = dec(&v?)?;
            out.insert(e.id, e);
        }
        for v in self.tree.scan_prefix([keys::GROUP]).values() {
            let s: StoredGroup = dec(&v?)?;
            let g = s.group;
            let id = EntityId(g.id.0);
            if g.entity == id && g.nodes > 0 && !out.contains_key(&id) {
                out.insert(id, plain_draft(&g));
            }
        }
        Ok(out.into_values().collect())
    }

    pub fn entities(&self) -> Result<Vec<Entity>> {
        Ok(self.entity_drafts()?.into_iter().map(entity_view).collect())
    }

    pub fn entity_count(&self) -> usize {
        self.totals().map(|t| t.entities as usize).unwrap_or(0)
    }

    /// Entities one of whose names has normalised key `key`.
    pub fn entities_by_alias_key(&self, key: &str) -> Result<Vec<EntityId>> {
        let l = Lookups::default();
        let mut out: BTreeSet<EntityId> = BTreeSet::new();
        let prefix = keys::link_index(Index::Surface, key, None);
        for k in self.tree.scan_prefix(&prefix).keys() {
            let k = k?;
            if k.len() == prefix.len() + 8
                && let Some(g) = keys::last_id(&k)
                && let Some(e) = self.entity_of_group(&l, GroupId(g))?
            {
                out.insert(e);
            }
        }
        let prefix = keys::text(keys::CURATED_ALIAS, key);
        for k in self.tree.scan_prefix(&prefix).keys() {
            let k = k?;
            if k.len() == prefix.len() + 8
                && let Some(e) = keys::last_id(&k)
            {
                out.insert(EntityId(e));
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Name keys that start with `prefix`, with their entities (for partial names and
    /// suggestions), at most `limit`.
    pub fn alias_keys_with_prefix(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(String, EntityId)>> {
        let l = Lookups::default();
        let base = keys::link_index(Index::Surface, prefix, None);
        let scan = &base[..base.len() - 1];
        let mut out = Vec::new();
        for k in self.tree.scan_prefix(scan).keys() {
            let k = k?;
            if k.len() < scan.len() + 9 {
                continue;
            }
            let text = String::from_utf8_lossy(&k[2..k.len() - 9]).into_owned();
            if let Some(g) = keys::last_id(&k)
                && let Some(e) = self.entity_of_group(&l, GroupId(g))?
            {
                out.push((text, e));
            }
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// Documents an entity is mentioned in, with mention counts, in id order.
    pub fn docs_of_entity(&self, id: EntityId) -> Result<Vec<(DocId, u64)>> {
        let Some(e) = self.entity_draft(id)? else {
            return Ok(Vec::new());
        };
        let mut m: BTreeMap<DocId, u64> = BTreeMap::new();
        for g in e.groups {
            for p in self.postings(g, &StatementFilter::default())? {
                *m.entry(p.doc).or_default() += u64::from(p.mentions);
            }
        }
        Ok(m.into_iter().collect())
    }

    /// The documents of every entity.
    pub fn entity_docs_all(&self) -> Result<BTreeMap<EntityId, Vec<DocId>>> {
        let mut m: BTreeMap<EntityId, BTreeSet<DocId>> = BTreeMap::new();
        for kv in self.tree.scan_prefix([keys::GROUP]) {
            let (_, v) = kv?;
            let s: StoredGroup = dec(&v)?;
            let docs: Vec<DocId> = match s.postings {
                Postings::Inline(v) => v.into_iter().map(|p| p.doc).collect(),
                Postings::Spilled => self
                    .tree
                    .scan_prefix(keys::id(keys::POSTING, s.group.id.0))
                    .keys()
                    .filter_map(|k| k.ok().and_then(|k| keys::last_id(&k)).map(DocId))
                    .collect(),
            };
            m.entry(s.group.entity).or_default().extend(docs);
        }
        Ok(m.into_iter()
            .map(|(e, d)| (e, d.into_iter().collect()))
            .collect())
    }

    // ------------------------------------------------------------------ statements

    fn statement_record(
        &self,
        l: &Lookups,
        id: StatementId,
        facts: &Facts,
    ) -> Result<Option<StatementRecord>> {
        let Some(s) = facts.statements.get(id.index()) else {
            return Ok(None);
        };
        let Some(doc) = self.cached_doc(l, id.doc())? else {
            return Ok(None);
        };
        let mut about = Vec::new();
        for a in &s.about {
            if let Some(g) = facts.group(*a)
                && let Some(e) = self.entity_of_group(l, g)?
                && !about.contains(&e)
            {
                about.push(e);
            }
        }
        let speaker = match s.speaker.and_then(|x| facts.group(x)) {
            Some(g) => self.entity_of_group(l, g)?,
            None => None,
        };
        let statement = Statement {
            speaker,
            about,
            ..s.clone().map_entities(|_| None::<EntityId>)
        };
        Ok(Some(StatementRecord {
            id,
            doc: doc.id,
            doc_name: doc.name,
            statement,
        }))
    }

    pub fn statement(&self, id: StatementId) -> Result<Option<StatementRecord>> {
        let l = Lookups::default();
        match self.cached_body(&l, id.doc())? {
            Some(b) => self.statement_record(&l, id, &b.facts),
            None => Ok(None),
        }
    }

    /// Statements by (`by_speaker`) or about an entity, newest first.
    pub fn statements_of(
        &self,
        id: EntityId,
        by_speaker: bool,
        f: &StatementFilter,
    ) -> Result<Vec<StatementRecord>> {
        let Some(e) = self.entity_draft(id)? else {
            return Ok(Vec::new());
        };
        // the newest `limit` over all the entity's groups: each group's postings newest first
        let mut found: Vec<(i32, StatementId)> = Vec::new();
        for g in &e.groups {
            let mut n = 0;
            for p in self.postings(*g, f)? {
                let idx = if by_speaker { &p.said } else { &p.about };
                for i in idx.iter().rev() {
                    found.push((p.day, StatementId::new(p.doc, *i as usize)));
                    n += 1;
                }
                if f.limit.is_some_and(|lim| n >= lim) {
                    break;
                }
            }
        }
        found.sort_by(|a, b| b.cmp(a));
        found.dedup();
        if let Some(lim) = f.limit {
            found.truncate(lim);
        }
        let l = Lookups::default();
        let mut out = Vec::with_capacity(found.len());
        for (_, sid) in found {
            if let Some(b) = self.cached_body(&l, sid.doc())?
                && let Some(r) = self.statement_record(&l, sid, &b.facts)?
            {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Number of statements by (`by_speaker`) or about an entity.
    pub fn statement_count(&self, id: EntityId, by_speaker: bool) -> Result<usize> {
        let Some(e) = self.entity_draft(id)? else {
            return Ok(0);
        };
        let mut seen = BTreeSet::new();
        for g in &e.groups {
            for p in self.postings(*g, &StatementFilter::default())? {
                let idx = if by_speaker { &p.said } else { &p.about };
                seen.extend(idx.iter().map(|i| StatementId::new(p.doc, *i as usize)));
            }
        }
        Ok(seen.len())
    }

    /// A document's statements, in order.
    pub fn statements_of_doc(&self, doc: DocId) -> Result<Vec<StatementRecord>> {
        let l = Lookups::default();
        let Some(b) = self.cached_body(&l, doc)? else {
            return Ok(Vec::new());
        };
        let facts = &b.facts;
        let mut out = Vec::new();
        for i in 0..facts.statements.len() {
            if let Some(r) = self.statement_record(&l, StatementId::new(doc, i), facts)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Statements of the newest documents first (by published date), up to `limit`.
    pub fn statements_newest(&self, limit: Option<usize>) -> Result<Vec<StatementRecord>> {
        let mut out = Vec::new();
        for k in self.tree.scan_prefix([keys::DOC_DAY]).keys().rev() {
            let Some(doc) = keys::last_id(&k?).map(DocId) else {
                continue;
            };
            out.extend(self.statements_of_doc(doc)?);
            if limit.is_some_and(|l| out.len() >= l) {
                break;
            }
        }
        Ok(out)
    }

    /// All statements, in id order.
    pub fn statements(&self) -> Result<Vec<StatementRecord>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix([keys::BODY]) {
            let (k, v) = kv?;
            let Some(doc) = keys::u64_at(&k, 1).map(DocId) else {
                continue;
            };
            let facts = decode_body(&v)?.facts;
            for i in 0..facts.statements.len() {
                if let Some(r) = self.statement_record(&l, StatementId::new(doc, i), &facts)? {
                    out.push(r);
                }
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ edges

    fn edge_record(&self, l: &Lookups, id: EdgeId, body: &Body) -> Result<Option<Edge>> {
        let facts = &body.facts;
        let Some(r) = facts.relations.get(id.index()) else {
            return Ok(None);
        };
        let Some(doc) = self.cached_doc(l, id.doc())? else {
            return Ok(None);
        };
        let (Some(sg), Some(dg)) = (facts.group(r.src), facts.group(r.dst)) else {
            return Ok(None);
        };
        let (Some(src), Some(dst)) = (self.entity_of_group(l, sg)?, self.entity_of_group(l, dg)?)
        else {
            return Ok(None);
        };
        let text = &body.text;
        let statement_id = r.statement.map(|s| StatementId::new(id.doc(), s as usize));
        Ok(Some(Edge {
            id,
            doc: doc.id,
            doc_name: doc.name,
            evidence: r.sentence.slice(text).to_string(),
            relation: Relation {
                src,
                dst,
                relation: r.relation.clone(),
                label: r.label.clone(),
                span: r.span,
                sentence: r.sentence,
                rule: r.rule.clone(),
                confidence: r.confidence,
                statement: r.statement,
                weight: r.weight,
            },
            statement_id,
            count: 1,
        }))
    }

    /// One edge by id: a typed relation, or a co-occurrence inside its document.
    pub fn edge(&self, id: EdgeId) -> Result<Option<Edge>> {
        self.edge_with(&Lookups::default(), id)
    }

    pub fn edge_with(&self, l: &Lookups, id: EdgeId) -> Result<Option<Edge>> {
        match self.cached_body(l, id.doc())? {
            Some(b) => self.edge_record(l, id, &b),
            None => Ok(None),
        }
    }

    /// Typed relations leaving (`outgoing`) or entering an entity.
    pub fn edges_of(&self, id: EntityId, outgoing: bool) -> Result<Vec<Edge>> {
        let Some(e) = self.entity_draft(id)? else {
            return Ok(Vec::new());
        };
        let l = Lookups::default();
        let mut out = Vec::new();
        for g in &e.groups {
            for p in self.postings(*g, &StatementFilter::default())? {
                let idx = if outgoing { &p.out } else { &p.inn };
                for i in idx {
                    if let Some(edge) = self.edge_with(&l, EdgeId::new(p.doc, *i as usize))? {
                        out.push(edge);
                    }
                }
            }
        }
        out.sort_by_key(|e| e.id);
        out.dedup_by_key(|e| e.id);
        Ok(out)
    }

    /// Typed relations of one type.
    pub fn edges_by_relation(&self, relation: &str) -> Result<Vec<Edge>> {
        let l = Lookups::default();
        let prefix = keys::text(keys::BY_RELATION, relation);
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix(&prefix) {
            let (k, v) = kv?;
            if k.len() != prefix.len() + 8 {
                continue;
            }
            let Some(doc) = keys::last_id(&k).map(DocId) else {
                continue;
            };
            let idx: Vec<u32> = dec(&v)?;
            for i in idx {
                if let Some(e) = self.edge_with(&l, EdgeId::new(doc, i as usize))? {
                    out.push(e);
                }
            }
        }
        Ok(out)
    }

    /// All typed relations, in id order.
    pub fn typed_edges(&self) -> Result<Vec<Edge>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix([keys::BODY]) {
            let (k, v) = kv?;
            let Some(doc) = keys::u64_at(&k, 1).map(DocId) else {
                continue;
            };
            let body = decode_body(&v)?;
            for (i, r) in body.facts.relations.iter().enumerate() {
                if r.relation != MENTIONED_WITH
                    && let Some(e) = self.edge_record(&l, EdgeId::new(doc, i), &body)?
                {
                    out.push(e);
                }
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ ties

    /// An entity's ties to other entities, per relation. With `top`, a group with more than
    /// that many partners gives only its strongest; the second value says how many partners
    /// the entity's groups have in all.
    pub fn ties_of(&self, id: EntityId, top: Option<usize>) -> Result<(Vec<EntityTie>, u64)> {
        let Some(e) = self.entity_draft(id)? else {
            return Ok((Vec::new(), 0));
        };
        let tx = self.tx();
        let l = Lookups::default();
        let mut all = Vec::new();
        let mut partners = 0;
        for g in &e.groups {
            let Some(sg) = self.stored_group(*g)? else {
                continue;
            };
            let (ties, n) = partners::ties_of_group(&tx, *g, sg.ties, top)?;
            partners += n;
            all.extend(ties);
        }
        let ties = partners::merge_ties(id, all, &mut |g| self.entity_of_group(&l, g))?;
        Ok((ties, partners))
    }

    /// The ties between two entities only.
    pub fn ties_between(&self, a: EntityId, b: EntityId) -> Result<Vec<EntityTie>> {
        let (Some(ea), Some(eb)) = (self.entity_draft(a)?, self.entity_draft(b)?) else {
            return Ok(Vec::new());
        };
        let tx = self.tx();
        let l = Lookups::default();
        let mut all = Vec::new();
        for g in &ea.groups {
            let Some(sg) = self.stored_group(*g)? else {
                continue;
            };
            all.extend(partners::ties_with(&tx, *g, sg.ties, &eb.groups)?);
        }
        partners::merge_ties(a, all, &mut |g| self.entity_of_group(&l, g))
    }

    /// Co-occurrence once per pair of entities over the whole corpus (for exports of
    /// everything): the best evidence as the edge, `weight` the shared sentences, with the
    /// number of documents.
    pub fn cooccurrence_edges(&self) -> Result<Vec<(Edge, u64)>> {
        let l = Lookups::default();
        let mut pairs: BTreeMap<(EntityId, EntityId), (u64, u64, Vec<EvidenceRef>)> =
            BTreeMap::new();
        for kv in self.tree.scan_prefix([keys::BODY]) {
            let (k, v) = kv?;
            let Some(doc) = keys::u64_at(&k, 1).map(DocId) else {
                continue;
            };
            let facts = decode_body(&v)?.facts;
            let name = self
                .cached_doc(&l, doc)?
                .map(|d| d.name)
                .unwrap_or_default();
            for (i, r) in facts.relations.iter().enumerate() {
                if r.relation != MENTIONED_WITH {
                    continue;
                }
                let (Some(a), Some(b)) = (facts.group(r.src), facts.group(r.dst)) else {
                    continue;
                };
                let (Some(a), Some(b)) =
                    (self.entity_of_group(&l, a)?, self.entity_of_group(&l, b)?)
                else {
                    continue;
                };
                if a == b {
                    continue;
                }
                let e = pairs.entry((a.min(b), a.max(b))).or_default();
                e.0 += 1;
                e.1 += u64::from(r.weight);
                e.2.push(EvidenceRef {
                    edge: EdgeId::new(doc, i),
                    confidence: r.confidence,
                    weight: r.weight,
                    tie: partners::tie_break(&name, i),
                });
                if e.2.len() > 8 {
                    e.2.sort_by(|x, y| y.rank().cmp(&x.rank()).then(x.edge.cmp(&y.edge)));
                    e.2.truncate(3);
                }
            }
        }
        let mut out = Vec::new();
        for ((a, b), (docs, weight, mut best)) in pairs {
            best.sort_by(|x, y| y.rank().cmp(&x.rank()).then(x.edge.cmp(&y.edge)));
            let Some(ev) = best.first() else {
                continue;
            };
            if let Some(mut e) = self.edge_with(&l, ev.edge)? {
                e.relation.src = a;
                e.relation.dst = b;
                e.relation.weight = weight.min(u64::from(u32::MAX)) as u32;
                e.count = docs;
                out.push((e, docs));
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ mentions

    fn mentions_in(
        &self,
        l: &Lookups,
        doc: DocId,
        facts: &Facts,
        detail: &Detail,
    ) -> Result<Vec<MentionRecord>> {
        let Some(info) = self.cached_doc(l, doc)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for m in &detail.mentions {
            let Some(g) = m.entity.and_then(|x| facts.group(x)) else {
                continue;
            };
            if let Some(e) = self.entity_of_group(l, g)? {
                out.push(MentionRecord {
                    entity: e,
                    doc,
                    doc_name: info.name.clone(),
                    span: m.span,
                    text: m.text.clone(),
                    rule: m.rule.clone(),
                });
            }
        }
        Ok(out)
    }

    /// A document's mentions with global ids.
    pub fn mentions_of_doc(&self, doc: DocId) -> Result<Vec<MentionRecord>> {
        let Some(b) = self.doc_body(doc)? else {
            return Ok(Vec::new());
        };
        self.mentions_in(&Lookups::default(), doc, &b.facts, &b.detail)
    }

    /// All mentions with global ids, document by document.
    pub fn mentions(&self) -> Result<Vec<MentionRecord>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix([keys::BODY]) {
            let (k, v) = kv?;
            let Some(doc) = keys::u64_at(&k, 1).map(DocId) else {
                continue;
            };
            let b = decode_body(&v)?;
            out.extend(self.mentions_in(&l, doc, &b.facts, &b.detail)?);
        }
        Ok(out)
    }
}

/// The entity of a plain group (one name group, nothing a curation set).
fn plain_draft(g: &Group) -> EntityDraft {
    finalize::draft(&[g], &finalize::Overrides::default(), &Gazetteer::default())
}

/// The public view of a stored entity.
pub fn entity_view(d: EntityDraft) -> Entity {
    Entity {
        id: d.id,
        name: d.name,
        etype: d.etype,
        aliases: d.aliases,
        mention_count: d.mentions,
        doc_count: d.nodes,
        gazetteer_id: d.gazetteer_id,
        titles: d.titles,
    }
}

//! Reading: documents, entities, statements, relations and ties, each from the key ranges of
//! what is asked about. Group ids in records become entity ids through the groups' records.

use super::Store;
use super::keys;
use super::partners::{self, EntityTie};
use super::records::{DocFacts, PartnerMeta, dec, decompress};
use super::tx::Tx;
use super::write::{MENTIONED_WITH, read_facts, read_text};
use crate::error::Result;
use crate::link::corpus::{EntityDraft, Group, Index};
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

/// Per-call caches: groups' entities, documents' headers and texts.
#[derive(Default)]
pub struct Lookups {
    entity_of: RefCell<HashMap<GroupId, Option<EntityId>>>,
    docs: RefCell<HashMap<DocId, Option<DocumentInfo>>>,
    texts: RefCell<HashMap<DocId, String>>,
}

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

    pub fn doc_text(&self, id: DocId) -> Result<Option<String>> {
        if !self.tree.contains_key(keys::id(keys::DOC, id.0))? {
            return Ok(None);
        }
        Ok(Some(read_text(&self.tx(), id)?))
    }

    pub fn facts(&self, id: DocId) -> Result<Option<DocFacts>> {
        read_facts(&self.tx(), id)
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

    fn cached_text(&self, l: &Lookups, id: DocId) -> Result<String> {
        if let Some(t) = l.texts.borrow().get(&id) {
            return Ok(t.clone());
        }
        let t = read_text(&self.tx(), id)?;
        let mut m = l.texts.borrow_mut();
        if m.len() > 256 {
            m.clear();
        }
        m.insert(id, t.clone());
        Ok(t)
    }

    // ------------------------------------------------------------------ groups and entities

    pub fn group(&self, id: GroupId) -> Result<Option<Group>> {
        self.record(&keys::id(keys::GROUP, id.0))
    }

    pub fn entity_of_group(&self, l: &Lookups, g: GroupId) -> Result<Option<EntityId>> {
        if let Some(e) = l.entity_of.borrow().get(&g) {
            return Ok(*e);
        }
        let e = self.group(g)?.map(|g| g.entity);
        l.entity_of.borrow_mut().insert(g, e);
        Ok(e)
    }

    pub fn entity_draft(&self, id: EntityId) -> Result<Option<EntityDraft>> {
        self.record(&keys::id(keys::ENTITY, id.0))
    }

    /// An entity as queries and exports show it.
    pub fn entity(&self, id: EntityId) -> Result<Option<Entity>> {
        Ok(self.entity_draft(id)?.map(entity_view))
    }

    /// All entities, in id order.
    pub fn entities(&self) -> Result<Vec<Entity>> {
        self.tree
            .scan_prefix([keys::ENTITY])
            .values()
            .map(|v| dec::<EntityDraft>(&v?).map(entity_view))
            .collect()
    }

    pub fn entity_count(&self) -> usize {
        self.totals().map(|t| t.entities as usize).unwrap_or(0)
    }

    /// Entities one of whose aliases has normalised key `key`.
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
            if let Some(e) = keys::last_id(&k?) {
                out.insert(EntityId(e));
            }
        }
        // a canonical name a curation gave (no document writes it)
        Ok(out.into_iter().collect())
    }

    /// Alias keys that start with `prefix`, with their entities (for suggestions).
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
            for kv in self.tree.scan_prefix(keys::id(keys::GROUP_DOCS, g.0)) {
                let (k, v) = kv?;
                if let Some(d) = keys::last_id(&k) {
                    *m.entry(DocId(d)).or_default() += keys::u64_at(&v, 0).unwrap_or(0);
                }
            }
        }
        Ok(m.into_iter().collect())
    }

    // ------------------------------------------------------------------ statements

    fn statement_record(
        &self,
        l: &Lookups,
        id: StatementId,
        rec: Statement<GroupId>,
    ) -> Result<Option<StatementRecord>> {
        let Some(doc) = self.cached_doc(l, id.doc())? else {
            return Ok(None);
        };
        let mut about = Vec::new();
        for a in &rec.about {
            if let Some(e) = self.entity_of_group(l, *a)?
                && !about.contains(&e)
            {
                about.push(e);
            }
        }
        let speaker = match rec.speaker {
            Some(g) => self.entity_of_group(l, g)?,
            None => None,
        };
        let statement = Statement {
            speaker,
            about,
            ..rec.map_entities(|_| None::<EntityId>)
        };
        Ok(Some(StatementRecord {
            id,
            doc: doc.id,
            doc_name: doc.name,
            statement,
        }))
    }

    pub fn statement(&self, id: StatementId) -> Result<Option<StatementRecord>> {
        let Some(rec) = self.record::<Statement<GroupId>>(&keys::id(keys::STATEMENT, id.0))? else {
            return Ok(None);
        };
        self.statement_record(&Lookups::default(), id, rec)
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
        let ns = if by_speaker {
            keys::BY_SPEAKER
        } else {
            keys::BY_ABOUT
        };
        let lo = keys::day_part(f.since.unwrap_or(i32::MIN / 2));
        let hi = keys::day_part(f.until.unwrap_or(i32::MAX / 2));
        // the newest `limit` over all the entity's groups: each range is read newest first
        let mut found: Vec<(u32, u64)> = Vec::new();
        for g in &e.groups {
            let start = keys::dated(ns, g.0, lo, 0);
            let end = keys::dated(ns, g.0, hi, u64::MAX);
            let mut n = 0;
            for k in self.tree.range(start..=end).keys().rev() {
                let k = k?;
                let day = <[u8; 4]>::try_from(&k[9..13])
                    .map(u32::from_be_bytes)
                    .unwrap_or(0);
                if let Some(s) = keys::last_id(&k) {
                    found.push((day, s));
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
        for (_, s) in found {
            let sid = StatementId(s);
            if let Some(rec) = self.record::<Statement<GroupId>>(&keys::id(keys::STATEMENT, s))?
                && let Some(r) = self.statement_record(&l, sid, rec)?
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
        let ns = if by_speaker {
            keys::BY_SPEAKER
        } else {
            keys::BY_ABOUT
        };
        let mut seen = BTreeSet::new();
        for g in &e.groups {
            for k in self.tree.scan_prefix(keys::id(ns, g.0)).keys() {
                if let Some(s) = keys::last_id(&k?) {
                    seen.insert(s);
                }
            }
        }
        Ok(seen.len())
    }

    /// A document's statements, in order.
    pub fn statements_of_doc(&self, doc: DocId) -> Result<Vec<StatementRecord>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for kv in self
            .tree
            .scan_prefix(super::write::doc_range(keys::STATEMENT, doc))
        {
            let (k, v) = kv?;
            let Some(id) = keys::u64_at(&k, 1).map(StatementId) else {
                continue;
            };
            if let Some(r) = self.statement_record(&l, id, dec(&v)?)? {
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
        for kv in self.tree.scan_prefix([keys::STATEMENT]) {
            let (k, v) = kv?;
            let Some(id) = keys::u64_at(&k, 1).map(StatementId) else {
                continue;
            };
            if let Some(r) = self.statement_record(&l, id, dec(&v)?)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ edges

    fn edge_record(&self, l: &Lookups, id: EdgeId, rel: Relation<GroupId>) -> Result<Option<Edge>> {
        let Some(doc) = self.cached_doc(l, id.doc())? else {
            return Ok(None);
        };
        let (Some(src), Some(dst)) = (
            self.entity_of_group(l, rel.src)?,
            self.entity_of_group(l, rel.dst)?,
        ) else {
            return Ok(None);
        };
        let text = self.cached_text(l, id.doc())?;
        let statement_id = rel
            .statement
            .map(|s| StatementId::new(id.doc(), s as usize));
        let evidence = rel.sentence.slice(&text).to_string();
        let relation = Relation {
            src,
            dst,
            relation: rel.relation,
            label: rel.label,
            span: rel.span,
            sentence: rel.sentence,
            rule: rel.rule,
            confidence: rel.confidence,
            statement: rel.statement,
            weight: rel.weight,
        };
        Ok(Some(Edge {
            id,
            doc: doc.id,
            doc_name: doc.name,
            evidence,
            relation,
            statement_id,
            count: 1,
        }))
    }

    /// One edge by id: a typed relation, or a co-occurrence inside its document.
    pub fn edge(&self, id: EdgeId) -> Result<Option<Edge>> {
        let l = Lookups::default();
        self.edge_with(&l, id)
    }

    pub fn edge_with(&self, l: &Lookups, id: EdgeId) -> Result<Option<Edge>> {
        if let Some(rec) = self.record::<Relation<GroupId>>(&keys::id(keys::EDGE, id.0))? {
            return self.edge_record(l, id, rec);
        }
        let Some(f) = self.facts(id.doc())? else {
            return Ok(None);
        };
        let Some(r) = f.relations.get(id.index()).cloned() else {
            return Ok(None);
        };
        let rel: Option<Relation<GroupId>> = r.map_entities(|x| f.group(x));
        match rel {
            Some(rel) => self.edge_record(l, id, rel),
            None => Ok(None),
        }
    }

    /// Typed relations leaving (`outgoing`) or entering an entity.
    pub fn edges_of(&self, id: EntityId, outgoing: bool) -> Result<Vec<Edge>> {
        let Some(e) = self.entity_draft(id)? else {
            return Ok(Vec::new());
        };
        let ns = if outgoing { keys::OUT } else { keys::IN };
        let l = Lookups::default();
        let mut out = Vec::new();
        for g in &e.groups {
            for k in self.tree.scan_prefix(keys::id(ns, g.0)).keys() {
                if let Some(eid) = keys::last_id(&k?).map(EdgeId)
                    && let Some(edge) = self.edge_with(&l, eid)?
                {
                    out.push(edge);
                }
            }
        }
        out.sort_by_key(|e| e.id);
        Ok(out)
    }

    /// Number of typed relations of each type.
    pub fn relation_counts(&self) -> Result<BTreeMap<String, usize>> {
        let mut out = BTreeMap::new();
        for k in self.tree.scan_prefix([keys::BY_RELATION]).keys() {
            let k = k?;
            let end = k[1..]
                .iter()
                .position(|b| *b == 0)
                .map_or(k.len(), |p| p + 1);
            *out.entry(String::from_utf8_lossy(&k[1..end]).into_owned())
                .or_insert(0) += 1;
        }
        Ok(out)
    }

    /// Typed relations of one type.
    pub fn edges_by_relation(&self, relation: &str) -> Result<Vec<Edge>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for k in self
            .tree
            .scan_prefix(keys::text(keys::BY_RELATION, relation))
            .keys()
        {
            if let Some(id) = keys::last_id(&k?).map(EdgeId)
                && let Some(e) = self.edge_with(&l, id)?
            {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// All typed relations, in id order.
    pub fn typed_edges(&self) -> Result<Vec<Edge>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix([keys::EDGE]) {
            let (k, v) = kv?;
            if let Some(id) = keys::u64_at(&k, 1).map(EdgeId)
                && let Some(e) = self.edge_record(&l, id, dec(&v)?)?
            {
                out.push(e);
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
            let meta: PartnerMeta = partners::meta(&tx, *g)?;
            partners += meta.partners;
            match top {
                Some(t) if meta.partners as usize > t => {
                    let want: Vec<GroupId> = meta.top.iter().take(t).map(|x| x.0).collect();
                    all.extend(partners::ties_with(&tx, *g, &want)?);
                }
                _ => all.extend(partners::all_ties(&tx, *g)?),
            }
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
            all.extend(partners::ties_with(&tx, *g, &eb.groups)?);
        }
        partners::merge_ties(a, all, &mut |g| self.entity_of_group(&l, g))
    }

    /// Every tie of the corpus as edges: co-occurrence aggregated per pair of entities (its
    /// best evidence as the edge, `weight` the shared sentences), for exports of everything.
    pub fn cooccurrence_edges(&self) -> Result<Vec<(Edge, u64)>> {
        let l = Lookups::default();
        let mut pairs: BTreeMap<
            (EntityId, EntityId),
            (u64, u64, Vec<super::records::EvidenceRef>),
        > = BTreeMap::new();
        for kv in self.tree.scan_prefix([keys::PARTNERS]) {
            let (k, v) = kv?;
            let Some(g) = keys::u64_at(&k, 1).map(GroupId) else {
                continue;
            };
            let shard: super::records::PartnerShard = dec(&v)?;
            let Some(me) = self.entity_of_group(&l, g)? else {
                continue;
            };
            for t in shard.ties {
                let Some(p) = self.entity_of_group(&l, t.partner)? else {
                    continue;
                };
                if p <= me {
                    continue; // each pair once, from its smaller end
                }
                for r in t.rels.iter().filter(|r| r.relation == MENTIONED_WITH) {
                    let e = pairs.entry((me, p)).or_default();
                    e.0 += r.out;
                    e.1 += r.weight;
                    e.2.extend(r.best.iter().copied());
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
                out.push((e, docs));
            }
        }
        Ok(out)
    }

    /// The documents of every entity (one scan of the group-document index).
    pub fn entity_docs_all(&self) -> Result<BTreeMap<EntityId, Vec<DocId>>> {
        let l = Lookups::default();
        let mut m: BTreeMap<EntityId, BTreeSet<DocId>> = BTreeMap::new();
        for k in self.tree.scan_prefix([keys::GROUP_DOCS]).keys() {
            let k = k?;
            let (Some(g), Some(d)) = (keys::u64_at(&k, 1), keys::u64_at(&k, 9)) else {
                continue;
            };
            if let Some(e) = self.entity_of_group(&l, GroupId(g))? {
                m.entry(e).or_default().insert(DocId(d));
            }
        }
        Ok(m.into_iter()
            .map(|(e, d)| (e, d.into_iter().collect()))
            .collect())
    }

    /// A document's mentions with global ids.
    pub fn mentions_of_doc(&self, doc: DocId) -> Result<Vec<MentionRecord>> {
        let l = Lookups::default();
        let (Some(f), Some(info)) = (self.facts(doc)?, self.doc_info(doc)?) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for m in &f.mentions {
            let Some(g) = m.entity.and_then(|x| f.group(x)) else {
                continue;
            };
            if let Some(e) = self.entity_of_group(&l, g)? {
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

    /// All mentions with global ids, document by document.
    pub fn mentions(&self) -> Result<Vec<MentionRecord>> {
        let l = Lookups::default();
        let mut out = Vec::new();
        for kv in self.tree.scan_prefix([keys::FACTS]) {
            let (k, v) = kv?;
            let Some(doc) = keys::u64_at(&k, 1).map(DocId) else {
                continue;
            };
            let f: DocFacts = dec(&decompress(&v)?)?;
            let Some(info) = self.cached_doc(&l, doc)? else {
                continue;
            };
            for m in &f.mentions {
                let Some(g) = m.entity.and_then(|x| f.group(x)) else {
                    continue;
                };
                if let Some(e) = self.entity_of_group(&l, g)? {
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
        }
        Ok(out)
    }
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

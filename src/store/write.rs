//! Commits: documents added, replaced or removed, relinks and curation changes, each applied as
//! one atomic batch. The cost of a commit is proportional to the documents it adds or removes:
//! their own records, their groups, and the linking decisions those groups can reach.
//!
//! A document costs few writes: its header, name, date entry and body (text, statements,
//! relations, mentions, compressed), one posting per group it names (inside the group's record
//! while the group is in few documents), one entry per relation type it has, and the linking
//! records of the groups it touches.

use super::Store;
use super::keys;
use super::linkstate::{PostingChange, TxState};
use super::partners::{EdgeChange, MENTIONED_WITH, TieChanges, tie_break};
use super::records::{
    EvidenceRef, Posting, StoredGroup, Totals, dec, decode_body, enc, enc_json, encode_body,
    pack_body,
};
use super::tx::Tx;
use crate::error::Result;
use crate::link::corpus::incremental::{Changes, Linker};
use crate::link::corpus::{self, EntityDraft, Index, LinkState, index_keys, nodes_of};
use crate::mentions::Gazetteer;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A document to store, with its extraction.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub name: String,
    pub path: String,
    pub title: String,
    pub format: DocFormat,
    pub text: String,
    /// blake3 of `text`, hex.
    pub hash: String,
    pub published: Option<String>,
    pub date_source: Option<String>,
    pub extraction: DocExtraction,
    /// The text and extraction already packed ([`super::records::pack_body`]), if the caller
    /// did it (ingest does, on its extraction threads).
    pub body: Option<Vec<u8>>,
}

/// How a commit treats a document whose name is taken by different content.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommitOptions {
    /// Replace it (otherwise it is a collision: reported, not stored).
    pub replace: bool,
}

/// What happened to one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocChange {
    New,
    Unchanged,
    Replaced,
    /// Another document with different content has this name; nothing was stored.
    Collision,
}

/// A document's fate in a commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocOutcome {
    pub name: String,
    pub id: Option<DocId>,
    pub change: DocChange,
}

/// The day a document's records are dated by: its published date, else day 0.
pub(super) fn day_of(info: &DocumentInfo) -> i32 {
    info.published.as_deref().and_then(day_number).unwrap_or(0)
}

impl Store {
    /// Would storing `name` with content `hash` add, keep, replace or collide?
    pub fn classify(&self, name: &str, hash: &str) -> Result<(Option<DocId>, DocChange)> {
        match self.doc_id(name)? {
            None => Ok((None, DocChange::New)),
            Some(id) => match self.doc_info(id)? {
                Some(info) if info.hash == hash => Ok((Some(id), DocChange::Unchanged)),
                _ => Ok((Some(id), DocChange::Replaced)),
            },
        }
    }

    /// Stores a batch of documents, all or nothing, and links them incrementally.
    pub fn commit(
        &self,
        docs: Vec<Incoming>,
        opts: &CommitOptions,
        gaz: &Gazetteer,
    ) -> Result<Vec<DocOutcome>> {
        let curations = self.curations()?;
        let mut st = TxState::new(Tx::new(&self.tree), gaz);
        let mut ties = TieChanges::default();
        let mut totals = self.totals()?;
        let mut outcomes = Vec::with_capacity(docs.len());
        let t0 = std::time::Instant::now();
        let t_docs;
        let changes = {
            let mut linker = Linker::new(&mut st, gaz, &curations);
            for d in docs {
                let existing = doc_by_name(&linker.state.tx, &d.name)?;
                let change = match existing {
                    None => DocChange::New,
                    Some(id) => match linker.state.doc_info(id)? {
                        Some(info) if info.hash == d.hash => DocChange::Unchanged,
                        _ if opts.replace => DocChange::Replaced,
                        _ => DocChange::Collision,
                    },
                };
                let id = match (change, existing) {
                    (DocChange::New, _) => Some(DocId(linker.state.counter("next_doc")?)),
                    (DocChange::Replaced, Some(id)) => {
                        unstore_doc(&mut linker, id, &mut ties, &mut totals)?;
                        Some(id)
                    }
                    _ => existing,
                };
                if matches!(change, DocChange::New | DocChange::Replaced)
                    && let Some(id) = id
                {
                    store_doc(&mut linker, id, &d, &mut ties, &mut totals)?;
                }
                outcomes.push(DocOutcome {
                    name: d.name,
                    id,
                    change,
                });
            }
            t_docs = t0.elapsed();
            linker.state.stage_ties(std::mem::take(&mut ties));
            linker.finish()?
        };
        if std::env::var_os("KG_DEBUG_COMMIT").is_some() {
            eprintln!(
                "docs+add {:.3} s, linker.finish {:.3} s",
                t_docs.as_secs_f64(),
                (t0.elapsed() - t_docs).as_secs_f64()
            );
        }
        self.finish_commit(st, changes, totals)?;
        Ok(outcomes)
    }

    /// Removes documents and everything derived from them, all or nothing.
    pub fn remove_docs(&self, ids: &[DocId], gaz: &Gazetteer) -> Result<usize> {
        let curations = self.curations()?;
        let mut st = TxState::new(Tx::new(&self.tree), gaz);
        let mut ties = TieChanges::default();
        let mut totals = self.totals()?;
        let mut n = 0;
        let changes = {
            let mut linker = Linker::new(&mut st, gaz, &curations);
            for id in ids {
                if linker.state.doc_info(*id)?.is_some() {
                    unstore_doc(&mut linker, *id, &mut ties, &mut totals)?;
                    n += 1;
                }
            }
            linker.state.stage_ties(std::mem::take(&mut ties));
            linker.finish()?
        };
        self.finish_commit(st, changes, totals)?;
        Ok(n)
    }

    /// Replaces stored documents' extractions (after re-extraction from their stored text).
    pub fn replace_extractions(
        &self,
        docs: Vec<(DocId, DocExtraction)>,
        gaz: &Gazetteer,
    ) -> Result<()> {
        let curations = self.curations()?;
        let mut st = TxState::new(Tx::new(&self.tree), gaz);
        let mut ties = TieChanges::default();
        let mut totals = self.totals()?;
        let changes = {
            let mut linker = Linker::new(&mut st, gaz, &curations);
            for (id, ext) in docs {
                let Some(info) = linker.state.doc_info(id)? else {
                    continue;
                };
                let text = match linker.state.tx.get(&keys::id(keys::BODY, id.0))? {
                    Some(v) => decode_body(&v)?.text,
                    None => continue,
                };
                unstore_doc(&mut linker, id, &mut ties, &mut totals)?;
                let d = Incoming {
                    name: info.name,
                    path: info.path,
                    title: info.title,
                    format: info.format,
                    text,
                    hash: info.hash,
                    published: info.published,
                    date_source: info.date_source,
                    extraction: ext,
                    body: None,
                };
                store_doc(&mut linker, id, &d, &mut ties, &mut totals)?;
            }
            linker.state.stage_ties(std::mem::take(&mut ties));
            linker.finish()?
        };
        self.finish_commit(st, changes, totals)
    }

    /// Relinks after the curations changed (`write` stores them in the same commit).
    fn commit_curations(
        &self,
        write: impl FnOnce(&mut Tx<'_>) -> Result<()>,
        gaz: &Gazetteer,
    ) -> Result<()> {
        let mut tx = Tx::new(&self.tree);
        write(&mut tx)?;
        let mut curations = Vec::new();
        for (_, v) in tx.scan(&[keys::CURATION])? {
            curations.push(super::records::dec_json::<Curation>(&v)?);
        }
        let mut st = TxState::new(tx, gaz);
        let totals = self.totals()?;
        let changes = {
            let mut linker = Linker::new(&mut st, gaz, &curations);
            linker.curations_changed = true;
            linker.finish()?
        };
        self.finish_commit(st, changes, totals)
    }

    /// Appends a curation and relinks what it reaches.
    pub fn add_curation(&self, c: &Curation, gaz: &Gazetteer) -> Result<()> {
        let next = self.next_curation()?;
        let b = enc_json(c)?;
        self.commit_curations(
            |tx| {
                tx.insert(keys::id(keys::CURATION, next), b);
                tx.insert(
                    keys::meta("next_curation"),
                    (next + 1).to_be_bytes().to_vec(),
                );
                Ok(())
            },
            gaz,
        )
    }

    /// Replaces all curations (import), all or nothing.
    pub fn set_curations(&self, list: &[Curation], gaz: &Gazetteer) -> Result<()> {
        let encoded: Vec<Vec<u8>> = list.iter().map(enc_json).collect::<Result<_>>()?;
        let first = self.next_curation()?;
        self.commit_curations(
            |tx| {
                tx.remove_prefix(&[keys::CURATION])?;
                for (i, b) in encoded.into_iter().enumerate() {
                    tx.insert(keys::id(keys::CURATION, first + i as u64), b);
                }
                tx.insert(
                    keys::meta("next_curation"),
                    (first + list.len() as u64).to_be_bytes().to_vec(),
                );
                Ok(())
            },
            gaz,
        )
    }

    /// Removes the curation with sequence number `n`.
    pub fn remove_curation(&self, n: u64, gaz: &Gazetteer) -> Result<bool> {
        if self.tree.get(keys::id(keys::CURATION, n))?.is_none() {
            return Ok(false);
        }
        self.commit_curations(
            |tx| {
                tx.remove(keys::id(keys::CURATION, n));
                Ok(())
            },
            gaz,
        )?;
        Ok(true)
    }

    /// The next curation sequence number (never reused, so numbers stay stable).
    fn next_curation(&self) -> Result<u64> {
        let stored = self
            .tree
            .get(keys::meta("next_curation"))?
            .and_then(|v| keys::u64_at(&v, 0))
            .unwrap_or(1);
        let max = self
            .tree
            .scan_prefix([keys::CURATION])
            .keys()
            .filter_map(|k| k.ok().and_then(|k| keys::u64_at(&k, 1)))
            .max()
            .unwrap_or(0);
        Ok(stored.max(max + 1))
    }

    /// Writes what a linker changed besides its own state (the names index, the partner
    /// ties), the totals, and applies the commit.
    fn finish_commit(
        &self,
        mut st: TxState<'_>,
        changes: Changes,
        mut totals: Totals,
    ) -> Result<()> {
        // names no document writes: removed for every entity as it was, added as it is
        for o in &changes.old {
            for k in name_keys(o) {
                st.tx
                    .remove_existing(keys::text_id(keys::CURATED_ALIAS, &k, o.id.0))?;
            }
        }
        for e in &changes.entities {
            for k in unwritten_names(&mut st, e)? {
                st.tx
                    .insert(keys::text_id(keys::CURATED_ALIAS, &k, e.id.0), Vec::new());
            }
        }
        totals.entities =
            (totals.entities + changes.created as u64).saturating_sub(changes.removed.len() as u64);
        for o in &changes.old {
            if let Some(n) = totals.entities_by_type.get_mut(o.etype.as_str()) {
                *n = n.saturating_sub(1);
            }
        }
        for e in &changes.entities {
            *totals
                .entities_by_type
                .entry(e.etype.as_str().to_string())
                .or_default() += 1;
        }
        totals.entities_by_type.retain(|_, n| *n > 0);
        totals.relations_by_type.retain(|_, n| *n > 0);
        st.tx.insert(keys::meta("totals"), enc(&totals)?);
        if std::env::var_os("KG_DEBUG_COMMIT").is_some() {
            debug_commit(st.tx)
        } else {
            st.tx.commit()
        }
    }

    /// Recomputes every group from the documents' stored nodes and links everything from
    /// scratch (`kg relink`); group ids (and so entity ids) stay.
    pub fn relink(&self, gaz: &Gazetteer) -> Result<Totals> {
        let curations = self.curations()?;
        let mut tx = Tx::new(&self.tree);
        // fresh aggregates from every document, in name order (examples are the first by name)
        let mut groups: HashMap<GroupId, corpus::Group> = HashMap::new();
        let mut docs: Vec<(String, DocId)> = Vec::new();
        for (k, v) in tx.scan(&[keys::DOC])? {
            let info: DocumentInfo = dec(&v)?;
            if let Some(id) = keys::u64_at(&k, 1) {
                docs.push((info.name, DocId(id)));
            }
        }
        docs.sort();
        for (name, id) in &docs {
            let Some(v) = tx.get(&keys::id(keys::BODY, id.0))? else {
                continue;
            };
            let b = decode_body(&v)?;
            for (n, g) in b.detail.nodes.iter().zip(&b.facts.groups) {
                let e = groups.entry(*g).or_insert_with(|| corpus::Group {
                    id: *g,
                    key: n.key.clone(),
                    gid: n.gid.clone(),
                    ..corpus::Group::default()
                });
                e.count_node(n, name, 1);
            }
        }
        let out = corpus::full::link_all(groups, &curations, gaz);
        let scope = corpus::full::curated_scope(&out, &curations, gaz);
        // rewrite all linking state; postings and ties (per group) stay
        let mut kept: HashMap<GroupId, StoredGroup> = HashMap::new();
        for (k, v) in tx.scan(&[keys::GROUP])? {
            if let Some(g) = keys::u64_at(&k, 1) {
                kept.insert(GroupId(g), dec::<StoredGroup>(&v)?);
            }
        }
        for ns in [
            keys::GROUP,
            keys::GROUP_KEY,
            keys::LINK_INDEX,
            keys::CORE,
            keys::ENTITY,
            keys::CURATED_ALIAS,
        ] {
            tx.remove_prefix(&[ns])?;
        }
        let mut st = TxState::new(tx, gaz);
        for g in out.groups.values() {
            let old = kept.remove(&g.id).unwrap_or_default();
            let stored = StoredGroup {
                group: g.clone(),
                postings: old.postings,
                ties: old.ties,
            };
            st.tx.insert(keys::id(keys::GROUP, g.id.0), enc(&stored)?);
            st.tx.insert(
                keys::text(keys::GROUP_KEY, &g.key),
                g.id.0.to_be_bytes().to_vec(),
            );
            for ix in Index::ALL {
                if ix == Index::LinkedFrom {
                    continue;
                }
                for k in index_keys(g, ix, gaz) {
                    st.index_add(ix, &k, g.id)?;
                }
            }
            for l in &g.links {
                st.index_add(Index::LinkedFrom, &l.to.0.to_string(), g.id)?;
            }
        }
        for c in &out.cores {
            st.put_core(c)?;
        }
        let mut totals = self.totals()?;
        totals.entities_by_type.clear();
        for e in &out.entities {
            let gs: Vec<&corpus::Group> =
                e.groups.iter().filter_map(|g| out.groups.get(g)).collect();
            st.put_entity(e, &gs)?;
            for k in unwritten_names(&mut st, e)? {
                st.tx
                    .insert(keys::text_id(keys::CURATED_ALIAS, &k, e.id.0), Vec::new());
            }
            *totals
                .entities_by_type
                .entry(e.etype.as_str().to_string())
                .or_default() += 1;
        }
        st.put_curated_scope(&scope)?;
        totals.entities = out.entities.len() as u64;
        totals.groups = out.groups.len() as u64;
        st.tx.insert(keys::meta("totals"), enc(&totals)?);
        st.tx.commit()?;
        Ok(totals)
    }
}

/// Prints the writes of a commit by namespace, then applies it (`KG_DEBUG_COMMIT=1`).
fn debug_commit(tx: Tx<'_>) -> Result<()> {
    let mut by_ns: BTreeMap<u8, (usize, usize)> = BTreeMap::new();
    for (k, v) in tx.pending() {
        let e = by_ns.entry(k[0]).or_default();
        e.0 += 1;
        e.1 += v.map_or(0, |v| v.len());
    }
    let t = std::time::Instant::now();
    tx.commit()?;
    eprintln!(
        "commit: {} writes in {:.3} s; {}",
        by_ns.values().map(|x| x.0).sum::<usize>(),
        t.elapsed().as_secs_f64(),
        by_ns
            .iter()
            .map(|(ns, (n, b))| format!("{}:{n}/{}k", *ns as char, b / 1024))
            .collect::<Vec<_>>()
            .join(" ")
    );
    Ok(())
}

/// Every name key an entity is found by besides its groups' surfaces: its canonical name,
/// earlier names, and the aliases a curation gave it.
fn name_keys(e: &EntityDraft) -> BTreeSet<String> {
    std::iter::once(e.name.as_str())
        .chain(e.known.iter().map(String::as_str))
        .chain(
            e.aliases
                .iter()
                .filter(|a| a.rule == "curation:alias")
                .map(|a| a.surface.as_str()),
        )
        .map(crate::normalize::key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The name keys of an entity that its groups' surfaces do not already index.
fn unwritten_names(st: &mut TxState<'_>, e: &EntityDraft) -> Result<BTreeSet<String>> {
    let mut keys = name_keys(e);
    if keys.is_empty() {
        return Ok(keys);
    }
    let mut written: BTreeSet<String> = BTreeSet::new();
    for g in &e.groups {
        if let Some(gr) = st.group(*g)? {
            written.extend(index_keys(&gr, Index::Surface, &Gazetteer::default()));
        }
    }
    keys.retain(|k| !written.contains(k));
    Ok(keys)
}

fn doc_by_name(tx: &Tx<'_>, name: &str) -> Result<Option<DocId>> {
    Ok(tx
        .get(&keys::text(keys::DOC_NAME, name))?
        .and_then(|v| keys::u64_at(&v, 0))
        .map(DocId))
}

/// The postings a document's facts give each of its groups.
fn postings_of_doc(
    id: DocId,
    day: i32,
    ext: &DocExtraction,
    groups: &[GroupId],
) -> BTreeMap<GroupId, Posting> {
    let g = |l: LocalRef| groups.get(l as usize).copied();
    let mut out: BTreeMap<GroupId, Posting> = BTreeMap::new();
    fn at(out: &mut BTreeMap<GroupId, Posting>, gr: GroupId, day: i32, doc: DocId) -> &mut Posting {
        out.entry(gr).or_insert_with(|| Posting {
            day,
            doc,
            ..Posting::default()
        })
    }
    for gr in groups {
        at(&mut out, *gr, day, id);
    }
    for m in &ext.mentions {
        if let Some(gr) = m.entity.and_then(g) {
            at(&mut out, gr, day, id).mentions += 1;
        }
    }
    for (i, s) in ext.statements.iter().enumerate() {
        if let Some(gr) = s.speaker.and_then(g) {
            at(&mut out, gr, day, id).said.push(i as u32);
        }
        let about: BTreeSet<GroupId> = s.about.iter().filter_map(|a| g(*a)).collect();
        for gr in about {
            at(&mut out, gr, day, id).about.push(i as u32);
        }
    }
    for (i, r) in ext.relations.iter().enumerate() {
        if r.relation == MENTIONED_WITH {
            continue;
        }
        if let (Some(s), Some(d)) = (g(r.src), g(r.dst)) {
            at(&mut out, s, day, id).out.push(i as u32);
            at(&mut out, d, day, id).inn.push(i as u32);
        }
    }
    out
}

/// Typed relations of a document by type: relation → indices.
fn typed_by_relation(relations: &[Relation<LocalRef>]) -> BTreeMap<&str, Vec<u32>> {
    let mut m: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (i, r) in relations.iter().enumerate() {
        if r.relation != MENTIONED_WITH {
            m.entry(r.relation.as_str()).or_default().push(i as u32);
        }
    }
    m
}

/// Writes one document's records, and adds its nodes, postings and ties.
fn store_doc(
    linker: &mut Linker<'_, TxState<'_>>,
    id: DocId,
    d: &Incoming,
    ties: &mut TieChanges,
    totals: &mut Totals,
) -> Result<()> {
    let ext = &d.extraction;
    let nodes = nodes_of(ext);
    let groups = linker.add_doc(&d.name, &nodes)?;
    let st = &mut *linker.state;
    let info = DocumentInfo {
        id,
        name: d.name.clone(),
        path: d.path.clone(),
        title: d.title.clone(),
        hash: d.hash.clone(),
        bytes: d.text.len(),
        format: d.format,
        published: d.published.clone(),
        date_source: d.date_source.clone(),
        words: d.text.split_whitespace().count(),
    };
    let day = day_of(&info);
    st.tx.insert(keys::id(keys::DOC, id.0), enc(&info)?);
    st.tx.insert(
        keys::text(keys::DOC_NAME, &d.name),
        id.0.to_be_bytes().to_vec(),
    );
    st.tx.insert(
        keys::id2(keys::DOC_DAY, u64::from(keys::day_part(day)), id.0),
        Vec::new(),
    );
    let mut mentions = 0u64;
    for (gr, p) in postings_of_doc(id, day, ext, &groups) {
        mentions += u64::from(p.mentions);
        st.posting(gr, PostingChange::Add(p));
    }
    let typed = typed_by_relation(&ext.relations);
    for (rel, idx) in &typed {
        st.tx
            .insert(keys::text_id(keys::BY_RELATION, rel, id.0), enc(idx)?);
        *totals.relations_by_type.entry(rel.to_string()).or_default() += idx.len() as u64;
    }
    let g = |l: LocalRef| groups.get(l as usize).copied();
    for (i, r) in ext.relations.iter().enumerate() {
        if let (Some(src), Some(dst)) = (g(r.src), g(r.dst)) {
            ties.edge(EdgeChange {
                src,
                dst,
                relation: &r.relation,
                symmetric: r.relation == MENTIONED_WITH,
                weight: r.weight,
                evidence: EvidenceRef {
                    edge: EdgeId::new(id, i),
                    confidence: r.confidence,
                    weight: r.weight,
                    tie: tie_break(&d.name, i),
                },
                sign: 1,
            });
        }
    }
    let packed = match &d.body {
        Some(b) => std::borrow::Cow::Borrowed(b.as_slice()),
        None => std::borrow::Cow::Owned(pack_body(&d.text, ext)?),
    };
    st.tx
        .insert(keys::id(keys::BODY, id.0), encode_body(&groups, &packed)?);
    totals.documents += 1;
    totals.mentions += mentions;
    totals.statements += ext.statements.len() as u64;
    totals.relations += typed.values().map(|v| v.len() as u64).sum::<u64>();
    totals.text_bytes += d.text.len() as u64;
    totals.words += info.words as u64;
    Ok(())
}

/// Removes one document's records, and subtracts its nodes, postings and ties.
fn unstore_doc(
    linker: &mut Linker<'_, TxState<'_>>,
    id: DocId,
    ties: &mut TieChanges,
    totals: &mut Totals,
) -> Result<()> {
    let Some(info) = linker.state.doc_info(id)? else {
        return Ok(());
    };
    let (facts, detail) = match linker.state.tx.get(&keys::id(keys::BODY, id.0))? {
        Some(v) => {
            let b = decode_body(&v)?;
            (b.facts, b.detail)
        }
        None => Default::default(),
    };
    linker.remove_doc(&info.name, &detail.nodes, &facts.groups)?;
    let st = &mut *linker.state;
    let day = day_of(&info);
    st.tx.remove(keys::id(keys::DOC, id.0));
    let name_key = keys::text(keys::DOC_NAME, &info.name);
    if st.tx.get(&name_key)?.and_then(|v| keys::u64_at(&v, 0)) == Some(id.0) {
        st.tx.remove(name_key);
    }
    st.tx.remove(keys::id2(
        keys::DOC_DAY,
        u64::from(keys::day_part(day)),
        id.0,
    ));
    st.tx.remove(keys::id(keys::BODY, id.0));
    for gr in facts.groups.iter().collect::<BTreeSet<_>>() {
        st.posting(*gr, PostingChange::Remove(id));
    }
    let typed = typed_by_relation(&facts.relations);
    for (rel, idx) in &typed {
        st.tx.remove(keys::text_id(keys::BY_RELATION, rel, id.0));
        if let Some(n) = totals.relations_by_type.get_mut(*rel) {
            *n = n.saturating_sub(idx.len() as u64);
        }
    }
    for (i, r) in facts.relations.iter().enumerate() {
        if let (Some(src), Some(dst)) = (facts.group(r.src), facts.group(r.dst)) {
            ties.edge(EdgeChange {
                src,
                dst,
                relation: &r.relation,
                symmetric: r.relation == MENTIONED_WITH,
                weight: r.weight,
                evidence: EvidenceRef {
                    edge: EdgeId::new(id, i),
                    confidence: r.confidence,
                    weight: r.weight,
                    tie: tie_break(&info.name, i),
                },
                sign: -1,
            });
        }
    }
    let mentions = detail
        .mentions
        .iter()
        .filter(|m| m.entity.is_some())
        .count() as u64;
    totals.documents = totals.documents.saturating_sub(1);
    totals.mentions = totals.mentions.saturating_sub(mentions);
    totals.statements = totals
        .statements
        .saturating_sub(facts.statements.len() as u64);
    totals.relations = totals
        .relations
        .saturating_sub(typed.values().map(|v| v.len() as u64).sum());
    totals.text_bytes = totals.text_bytes.saturating_sub(info.bytes as u64);
    totals.words = totals.words.saturating_sub(info.words as u64);
    Ok(())
}

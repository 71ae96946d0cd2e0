//! Commits: documents added, replaced or removed, relinks and curation changes, each applied as
//! one atomic batch. The cost of a commit is proportional to the documents it adds or removes:
//! their own records, their groups, and the linking decisions those groups can reach.

use super::Store;
use super::keys;
use super::linkstate::TxState;
use super::partners::{EdgeChange, TieChanges};
use super::records::{DocFacts, EvidenceRef, Totals, compress, dec, enc, enc_json, text_pieces};
use super::tx::Tx;
use crate::error::{KgError, Result};
use crate::link::corpus::incremental::{Changes, Linker};
use crate::link::corpus::{self, Index, LinkState, index_keys, nodes_of};
use crate::mentions::Gazetteer;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The co-occurrence relation: symmetric, weighted by shared sentences, aggregated per pair.
pub const MENTIONED_WITH: &str = "MENTIONED_WITH";

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

/// An order-free tie-break for evidence: FNV-1a of the document name and the edge index.
fn tie_break(doc: &str, index: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc.bytes().chain((index as u64).to_be_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The day a document's records are dated by: its published date, else day 0.
fn day_of(info: &DocumentInfo) -> u32 {
    keys::day_part(info.published.as_deref().and_then(day_number).unwrap_or(0))
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
        let mut st = TxState::new(Tx::new(&self.tree));
        let mut ties = TieChanges::default();
        let mut totals = self.totals()?;
        let mut outcomes = Vec::with_capacity(docs.len());
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
            linker.finish()?
        };
        self.finish_commit(st, ties, changes, totals)?;
        Ok(outcomes)
    }

    /// Removes documents and everything derived from them, all or nothing.
    pub fn remove_docs(&self, ids: &[DocId], gaz: &Gazetteer) -> Result<usize> {
        let curations = self.curations()?;
        let mut st = TxState::new(Tx::new(&self.tree));
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
            linker.finish()?
        };
        self.finish_commit(st, ties, changes, totals)?;
        Ok(n)
    }

    /// Replaces stored documents' extractions (after re-extraction from their stored text).
    pub fn replace_extractions(
        &self,
        docs: Vec<(DocId, DocExtraction)>,
        gaz: &Gazetteer,
    ) -> Result<()> {
        let curations = self.curations()?;
        let mut st = TxState::new(Tx::new(&self.tree));
        let mut ties = TieChanges::default();
        let mut totals = self.totals()?;
        let changes = {
            let mut linker = Linker::new(&mut st, gaz, &curations);
            for (id, ext) in docs {
                let Some(info) = linker.state.doc_info(id)? else {
                    continue;
                };
                let text = read_text(&linker.state.tx, id)?;
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
                };
                store_doc(&mut linker, id, &d, &mut ties, &mut totals)?;
            }
            linker.finish()?
        };
        self.finish_commit(st, ties, changes, totals)
    }

    /// Relinks after the curations changed (stored by the caller in the same commit).
    fn commit_curations(
        &self,
        write: impl FnOnce(&mut Tx<'_>) -> Result<()>,
        gaz: &Gazetteer,
    ) -> Result<()> {
        let mut tx = Tx::new(&self.tree);
        write(&mut tx)?;
        // the curations as they will be
        let mut curations = Vec::new();
        for (_, v) in tx.scan(&[keys::CURATION])? {
            curations.push(super::records::dec_json::<Curation>(&v)?);
        }
        let mut st = TxState::new(tx);
        let totals = self.totals()?;
        let changes = {
            let mut linker = Linker::new(&mut st, gaz, &curations);
            linker.curations_changed = true;
            linker.finish()?
        };
        self.finish_commit(st, TieChanges::default(), changes, totals)
    }

    /// Appends a curation and relinks what it reaches.
    pub fn add_curation(&self, c: &Curation, gaz: &Gazetteer) -> Result<()> {
        let next = self.next_curation()?;
        let b = enc_json(c)?;
        self.commit_curations(
            |tx| {
                tx.insert(keys::id(keys::CURATION, next), b);
                tx.insert(keys::meta("next_curation"), next.to_be_bytes().to_vec());
                Ok(())
            },
            gaz,
        )
    }

    /// Replaces all curations (import), all or nothing.
    pub fn set_curations(&self, list: &[Curation], gaz: &Gazetteer) -> Result<()> {
        let encoded: Vec<Vec<u8>> = list.iter().map(enc_json).collect::<Result<_>>()?;
        self.commit_curations(
            |tx| {
                tx.remove_prefix(&[keys::CURATION])?;
                for (i, b) in encoded.into_iter().enumerate() {
                    tx.insert(keys::id(keys::CURATION, i as u64 + 1), b);
                }
                tx.insert(
                    keys::meta("next_curation"),
                    (list.len() as u64 + 1).to_be_bytes().to_vec(),
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

    fn next_curation(&self) -> Result<u64> {
        let last = self
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
        Ok(last.max(max + 1))
    }

    /// Writes what a linker changed besides its own state (aliases only curations give, the
    /// partner ties), the totals, and applies the commit.
    fn finish_commit(
        &self,
        mut st: TxState<'_>,
        ties: TieChanges,
        changes: Changes,
        mut totals: Totals,
    ) -> Result<()> {
        let tx = &mut st.tx;
        // names no document writes (a gazetteer's canonical name, a curation's alias or
        // name): the alias index of entities, rewritten for every entity that changed or went
        for o in &changes.old {
            for k in entity_names(o) {
                tx.remove(keys::text_id(keys::CURATED_ALIAS, &k, o.id.0));
            }
        }
        for e in &changes.entities {
            for k in entity_names(e) {
                tx.insert(keys::text_id(keys::CURATED_ALIAS, &k, e.id.0), Vec::new());
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
        ties.apply(tx, &mut refill_evidence)?;
        totals.relations_by_type.retain(|_, n| *n > 0);
        tx.insert(keys::meta("totals"), enc(&totals)?);
        if std::env::var_os("KG_DEBUG_COMMIT").is_some() {
            let mut by_ns: BTreeMap<u8, (usize, usize)> = BTreeMap::new();
            for (k, v) in st.tx.pending() {
                let e = by_ns.entry(k[0]).or_default();
                e.0 += 1;
                e.1 += v.map_or(0, |v| v.len());
            }
            let t = std::time::Instant::now();
            st.tx.commit()?;
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
            return Ok(());
        }
        st.tx.commit()
    }

    /// Recomputes every group from the documents' stored nodes and links everything from
    /// scratch (`kg relink`); group ids (and so entity ids) stay.
    pub fn relink(&self, gaz: &Gazetteer) -> Result<Totals> {
        let curations = self.curations()?;
        let mut tx = Tx::new(&self.tree);
        // fresh aggregates from every document
        let mut groups: HashMap<GroupId, corpus::Group> = HashMap::new();
        for (k, v) in tx.scan(&[keys::DOC])? {
            let info: DocumentInfo = dec(&v)?;
            let Some(id) = keys::u64_at(&k, 1).map(DocId) else {
                continue;
            };
            let Some(f) = read_facts(&tx, id)? else {
                continue;
            };
            for (n, g) in f.nodes.iter().zip(&f.groups) {
                let e = groups.entry(*g).or_insert_with(|| corpus::Group {
                    id: *g,
                    key: n.key.clone(),
                    gid: n.gid.clone(),
                    ..corpus::Group::default()
                });
                e.count_node(n, &info.name, 1);
            }
        }
        let out = corpus::full::link_all(groups, &curations, gaz);
        let scope = corpus::full::curated_scope(&out, &curations, gaz);
        // rewrite all linking state
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
        let mut st = TxState::new(tx);
        for g in out.groups.values() {
            st.put_group(g)?;
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
        for e in &out.entities {
            st.put_entity(e)?;
            for k in entity_names(e) {
                st.tx
                    .insert(keys::text_id(keys::CURATED_ALIAS, &k, e.id.0), Vec::new());
            }
        }
        st.put_curated_scope(&scope)?;
        let mut totals = self.totals()?;
        totals.entities = out.entities.len() as u64;
        totals.entities_by_type.clear();
        for e in &out.entities {
            *totals
                .entities_by_type
                .entry(e.etype.as_str().to_string())
                .or_default() += 1;
        }
        totals.groups = out.groups.len() as u64;
        st.tx.insert(keys::meta("totals"), enc(&totals)?);
        st.tx.commit()?;
        Ok(totals)
    }
}

/// The keys an entity is found by besides its groups' surfaces: its canonical name, earlier
/// names, and the aliases a curation gave it.
fn entity_names(e: &corpus::EntityDraft) -> BTreeSet<String> {
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

fn doc_by_name(tx: &Tx<'_>, name: &str) -> Result<Option<DocId>> {
    Ok(tx
        .get(&keys::text(keys::DOC_NAME, name))?
        .and_then(|v| keys::u64_at(&v, 0))
        .map(DocId))
}

pub(super) fn read_facts(tx: &Tx<'_>, id: DocId) -> Result<Option<DocFacts>> {
    match tx.get(&keys::id(keys::FACTS, id.0))? {
        Some(v) => Ok(Some(dec(&super::records::decompress(&v)?)?)),
        None => Ok(None),
    }
}

pub(super) fn read_text(tx: &Tx<'_>, id: DocId) -> Result<String> {
    let mut out = Vec::new();
    for (_, v) in tx.scan(&keys::id(keys::TEXT, id.0))? {
        out.extend(super::records::decompress(&v)?);
    }
    String::from_utf8(out).map_err(|_| {
        KgError::Invalid(format!(
            "the stored text of document {id} is damaged; run `kg check`"
        ))
    })
}

/// The statement-id prefix of a document's statements or edges (`ns ‖ doc << 24`, 5 bytes).
pub(super) fn doc_range(ns: u8, doc: DocId) -> Vec<u8> {
    let mut k = vec![ns];
    k.extend_from_slice(&(doc.0 << LOCAL_BITS).to_be_bytes()[..5]);
    k
}

/// Writes one document's records and index entries, and adds its nodes and ties.
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
    let tx = &mut linker.state.tx;
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
    tx.insert(keys::id(keys::DOC, id.0), enc(&info)?);
    tx.insert(
        keys::text(keys::DOC_NAME, &d.name),
        id.0.to_be_bytes().to_vec(),
    );
    tx.insert(keys::text_id(keys::DOC_HASH, &d.hash, id.0), Vec::new());
    tx.insert(keys::id2(keys::DOC_DAY, u64::from(day), id.0), Vec::new());
    for (i, piece) in text_pieces(&d.text).into_iter().enumerate() {
        let mut k = keys::id(keys::TEXT, id.0);
        k.extend_from_slice(&(i as u32).to_be_bytes());
        tx.insert(k, compress(piece.as_bytes())?);
    }
    let g = |l: LocalRef| groups.get(l as usize).copied();
    // statements, indexed by speaker and by what they are about, by date
    for (i, s) in ext.statements.iter().enumerate() {
        let sid = StatementId::new(id, i);
        let rec: Statement<GroupId> = s.clone().map_entities(g);
        if let Some(sp) = rec.speaker {
            tx.insert(keys::dated(keys::BY_SPEAKER, sp.0, day, sid.0), Vec::new());
        }
        let about: BTreeSet<GroupId> = rec.about.iter().copied().collect();
        for a in about {
            tx.insert(keys::dated(keys::BY_ABOUT, a.0, day, sid.0), Vec::new());
        }
        tx.insert(keys::id(keys::STATEMENT, sid.0), enc(&rec)?);
    }
    // relations: typed ones get records and indexes; all feed the partner ties
    let mut typed = 0u64;
    for (i, r) in ext.relations.iter().enumerate() {
        let (Some(src), Some(dst)) = (g(r.src), g(r.dst)) else {
            continue;
        };
        let eid = EdgeId::new(id, i);
        let ev = EvidenceRef {
            edge: eid,
            confidence: r.confidence,
            weight: r.weight,
            tie: tie_break(&d.name, i),
        };
        let symmetric = r.relation == MENTIONED_WITH;
        if !symmetric {
            let rec: Option<Relation<GroupId>> = r.clone().map_entities(g);
            if let Some(rec) = rec {
                tx.insert(keys::id(keys::EDGE, eid.0), enc(&rec)?);
                tx.insert(keys::id2(keys::OUT, src.0, eid.0), Vec::new());
                tx.insert(keys::id2(keys::IN, dst.0, eid.0), Vec::new());
                tx.insert(
                    keys::text_id(keys::BY_RELATION, &r.relation, eid.0),
                    Vec::new(),
                );
                *totals
                    .relations_by_type
                    .entry(r.relation.clone())
                    .or_default() += 1;
                typed += 1;
            }
        }
        ties.edge(EdgeChange {
            src,
            dst,
            relation: &r.relation,
            symmetric,
            weight: r.weight,
            evidence: ev,
            sign: 1,
        });
    }
    // the documents of each group, with mention counts
    let mut per_group: BTreeMap<GroupId, u64> = BTreeMap::new();
    for m in &ext.mentions {
        if let Some(gr) = m.entity.and_then(g) {
            *per_group.entry(gr).or_default() += 1;
        }
    }
    for gr in &groups {
        per_group.entry(*gr).or_default();
    }
    for (gr, n) in &per_group {
        tx.insert(
            keys::id2(keys::GROUP_DOCS, gr.0, id.0),
            n.to_be_bytes().to_vec(),
        );
    }
    let facts = DocFacts {
        sentences: ext.sentences.clone(),
        nodes,
        groups,
        mentions: ext.mentions.clone(),
        relations: ext.relations.clone(),
        statements: ext.statements.len() as u32,
    };
    tx.insert(keys::id(keys::FACTS, id.0), compress(&enc(&facts)?)?);
    totals.documents += 1;
    totals.mentions += per_group.values().sum::<u64>();
    totals.statements += ext.statements.len() as u64;
    totals.relations += typed;
    totals.text_bytes += d.text.len() as u64;
    totals.words += info.words as u64;
    Ok(())
}

/// Removes one document's records and index entries, and subtracts its nodes and ties.
fn unstore_doc(
    linker: &mut Linker<'_, TxState<'_>>,
    id: DocId,
    ties: &mut TieChanges,
    totals: &mut Totals,
) -> Result<()> {
    let Some(info) = linker.state.doc_info(id)? else {
        return Ok(());
    };
    let facts = read_facts(&linker.state.tx, id)?.unwrap_or_default();
    linker.remove_doc(&info.name, &facts.nodes, &facts.groups)?;
    let tx = &mut linker.state.tx;
    let day = day_of(&info);
    tx.remove(keys::id(keys::DOC, id.0));
    let name_key = keys::text(keys::DOC_NAME, &info.name);
    if tx.get(&name_key)?.and_then(|v| keys::u64_at(&v, 0)) == Some(id.0) {
        tx.remove(name_key);
    }
    tx.remove(keys::text_id(keys::DOC_HASH, &info.hash, id.0));
    tx.remove(keys::id2(keys::DOC_DAY, u64::from(day), id.0));
    tx.remove_prefix(&keys::id(keys::TEXT, id.0))?;
    tx.remove(keys::id(keys::FACTS, id.0));
    for i in 0..facts.statements as usize {
        let sid = StatementId::new(id, i);
        let k = keys::id(keys::STATEMENT, sid.0);
        if let Some(v) = tx.get(&k)? {
            let rec: Statement<GroupId> = dec(&v)?;
            if let Some(sp) = rec.speaker {
                tx.remove(keys::dated(keys::BY_SPEAKER, sp.0, day, sid.0));
            }
            for a in rec.about {
                tx.remove(keys::dated(keys::BY_ABOUT, a.0, day, sid.0));
            }
        }
        tx.remove(k);
    }
    let g = |l: LocalRef| facts.group(l);
    let mut typed = 0u64;
    for (i, r) in facts.relations.iter().enumerate() {
        let (Some(src), Some(dst)) = (g(r.src), g(r.dst)) else {
            continue;
        };
        let eid = EdgeId::new(id, i);
        let symmetric = r.relation == MENTIONED_WITH;
        if !symmetric {
            tx.remove(keys::id(keys::EDGE, eid.0));
            tx.remove(keys::id2(keys::OUT, src.0, eid.0));
            tx.remove(keys::id2(keys::IN, dst.0, eid.0));
            tx.remove(keys::text_id(keys::BY_RELATION, &r.relation, eid.0));
            if let Some(n) = totals.relations_by_type.get_mut(&r.relation) {
                *n = n.saturating_sub(1);
            }
            typed += 1;
        }
        let ev = EvidenceRef {
            edge: eid,
            confidence: r.confidence,
            weight: r.weight,
            tie: tie_break(&info.name, i),
        };
        ties.edge(EdgeChange {
            src,
            dst,
            relation: &r.relation,
            symmetric,
            weight: r.weight,
            evidence: ev,
            sign: -1,
        });
    }
    let mut mentions = 0u64;
    for gr in facts.groups.iter().collect::<BTreeSet<_>>() {
        let k = keys::id2(keys::GROUP_DOCS, gr.0, id.0);
        if let Some(v) = tx.get(&k)? {
            mentions += keys::u64_at(&v, 0).unwrap_or(0);
        }
        tx.remove(k);
    }
    totals.documents = totals.documents.saturating_sub(1);
    totals.mentions = totals.mentions.saturating_sub(mentions);
    totals.statements = totals
        .statements
        .saturating_sub(u64::from(facts.statements));
    totals.relations = totals.relations.saturating_sub(typed);
    totals.text_bytes = totals.text_bytes.saturating_sub(info.bytes as u64);
    totals.words = totals.words.saturating_sub(info.words as u64);
    Ok(())
}

/// Every piece of evidence still stored for a tie: the edges of that relation between the two
/// groups in the documents both are in.
fn refill_evidence(
    tx: &Tx<'_>,
    a: GroupId,
    b: GroupId,
    relation: &str,
) -> Result<Vec<EvidenceRef>> {
    let docs_of = |g: GroupId| -> Result<BTreeSet<u64>> {
        Ok(tx
            .scan_keys(&keys::id(keys::GROUP_DOCS, g.0))?
            .iter()
            .filter_map(|k| keys::last_id(k))
            .collect())
    };
    let (da, db) = (docs_of(a)?, docs_of(b)?);
    let mut out = Vec::new();
    for d in da.intersection(&db) {
        let id = DocId(*d);
        let Some(f) = read_facts(tx, id)? else {
            continue;
        };
        let name = tx
            .get(&keys::id(keys::DOC, id.0))?
            .map(|v| dec::<DocumentInfo>(&v))
            .transpose()?
            .map(|i| i.name)
            .unwrap_or_default();
        for (i, r) in f.relations.iter().enumerate() {
            let ends = (f.group(r.src), f.group(r.dst));
            let hit = ends == (Some(a), Some(b)) || ends == (Some(b), Some(a));
            if hit && r.relation == relation {
                out.push(EvidenceRef {
                    edge: EdgeId::new(id, i),
                    confidence: r.confidence,
                    weight: r.weight,
                    tie: tie_break(&name, i),
                });
            }
        }
    }
    Ok(out)
}

//! Partner ties: for each group, the groups it is connected to, one [`Tie`] per partner with
//! per-relation counts, weights and the best few pieces of evidence. Co-occurrence is thus one
//! record per pair of groups (not one per shared sentence or document), and a hub's neighbours
//! come from its top list without reading all its ties.
//!
//! A group in few documents keeps its ties in its own record (no write of its own: the record
//! is rewritten whenever the group is touched anyway); a group in more than
//! [`TIE_MIN_NODES`] documents keeps one small record per partner (`P ‖ group ‖ partner`)
//! and its partner count and top list (`Q ‖ group`), so a commit rewrites only the ties it
//! changes, never a hub's whole list. A commit collects the changes edge by edge
//! ([`TieChanges`]); they are merged when linking writes each group back ([`merge`]).

use super::keys;
use super::records::{
    BEST_EVIDENCE, EvidenceRef, PartnerMeta, TIE_MIN_NODES, TOP_PARTNERS, Tie, TieRel, Ties, dec,
    enc,
};
use super::tx::Tx;
use crate::error::Result;
use crate::model::{DocId, EdgeId, EntityId, GroupId};
use std::collections::{BTreeMap, BTreeSet};

/// The co-occurrence relation: symmetric, weighted by shared sentences.
pub const MENTIONED_WITH: &str = "MENTIONED_WITH";

/// One edge's effect on one end of a tie.
#[derive(Clone, Debug)]
pub struct Change {
    relation: String,
    /// The edge leaves this end (or is symmetric).
    out: bool,
    weight: u32,
    evidence: EvidenceRef,
    sign: i64,
}

/// One edge, as it changes a tie.
#[derive(Clone, Copy, Debug)]
pub struct EdgeChange<'a> {
    pub src: GroupId,
    pub dst: GroupId,
    pub relation: &'a str,
    /// A symmetric relation (co-occurrence) counts as leaving both ends.
    pub symmetric: bool,
    pub weight: u32,
    pub evidence: EvidenceRef,
    /// 1 when the edge is added, -1 when it is removed.
    pub sign: i64,
}

/// Tie changes by group and partner.
pub type ByGroup = BTreeMap<GroupId, BTreeMap<GroupId, Vec<Change>>>;

/// The tie changes of a commit.
#[derive(Default)]
pub struct TieChanges {
    pub by_group: ByGroup,
}

impl TieChanges {
    /// Records an edge.
    pub fn edge(&mut self, c: EdgeChange<'_>) {
        if c.src == c.dst {
            return;
        }
        let mk = |out: bool| Change {
            relation: c.relation.to_string(),
            out,
            weight: c.weight,
            evidence: c.evidence,
            sign: c.sign,
        };
        self.by_group
            .entry(c.src)
            .or_default()
            .entry(c.dst)
            .or_default()
            .push(mk(true));
        self.by_group
            .entry(c.dst)
            .or_default()
            .entry(c.src)
            .or_default()
            .push(mk(c.symmetric));
    }
}

fn tie_key(g: GroupId, p: GroupId) -> Vec<u8> {
    keys::id2(keys::PARTNERS, g.0, p.0)
}

fn read_tie(tx: &Tx<'_>, g: GroupId, p: GroupId) -> Result<Option<Tie>> {
    tx.get(&tie_key(g, p))?.map(|v| dec(&v)).transpose()
}

fn read_meta(tx: &Tx<'_>, g: GroupId) -> Result<PartnerMeta> {
    Ok(tx
        .get(&keys::id(keys::PARTNER_META, g.0))?
        .map(|v| dec(&v))
        .transpose()?
        .unwrap_or_default())
}

/// Every keyed tie of a group (through pending writes).
fn stored_ties(tx: &Tx<'_>, g: GroupId) -> Result<Vec<Tie>> {
    tx.scan(&keys::id(keys::PARTNERS, g.0))?
        .into_iter()
        .map(|(_, v)| dec(&v))
        .collect()
}

fn keep_best(best: &mut Vec<EvidenceRef>) {
    best.sort_by(|a, b| b.rank().cmp(&a.rank()).then(a.edge.cmp(&b.edge)));
    best.dedup_by_key(|e| e.edge);
    best.truncate(BEST_EVIDENCE);
}

/// An order-free tie-break for evidence: FNV-1a of the document name and the edge index.
pub fn tie_break(doc: &str, index: usize) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in doc.bytes().chain((index as u64).to_be_bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The ties of `g` computed from the documents it is in: every relation of those documents
/// with `g` at one end (to refill evidence after a removal).
pub fn ties_from_docs(tx: &Tx<'_>, g: GroupId, docs: &BTreeSet<DocId>) -> Result<Vec<Tie>> {
    let mut m: BTreeMap<GroupId, BTreeMap<String, TieRel>> = BTreeMap::new();
    for d in docs {
        let Some(v) = tx.get(&keys::id(keys::BODY, d.0))? else {
            continue;
        };
        let facts = super::records::body_facts(&v)?;
        let name = tx
            .get(&keys::id(keys::DOC, d.0))?
            .map(|v| dec::<crate::model::DocumentInfo>(&v))
            .transpose()?
            .map(|i| i.name)
            .unwrap_or_default();
        for (i, r) in facts.relations.iter().enumerate() {
            let (Some(src), Some(dst)) = (facts.group(r.src), facts.group(r.dst)) else {
                continue;
            };
            if src == dst || (src != g && dst != g) {
                continue;
            }
            let (partner, out) = if src == g {
                (dst, true)
            } else {
                (src, r.relation == MENTIONED_WITH)
            };
            let rel = m
                .entry(partner)
                .or_default()
                .entry(r.relation.clone())
                .or_insert_with(|| TieRel {
                    relation: r.relation.clone(),
                    ..TieRel::default()
                });
            if out {
                rel.out += 1;
            } else {
                rel.inn += 1;
            }
            rel.weight += u64::from(r.weight);
            rel.best.push(EvidenceRef {
                edge: EdgeId::new(*d, i),
                confidence: r.confidence,
                weight: r.weight,
                tie: tie_break(&name, i),
            });
        }
    }
    Ok(m.into_iter()
        .map(|(partner, rels)| Tie {
            partner,
            rels: rels
                .into_values()
                .map(|mut r| {
                    keep_best(&mut r.best);
                    r
                })
                .collect(),
        })
        .collect())
}

/// Applies changes to one tie; returns true when a removal took one of its best pieces of
/// evidence while others remain (the caller refills it).
fn apply_to_tie(tie: &mut Tie, changes: Vec<Change>) -> bool {
    let mut lost = false;
    for c in changes {
        let r = match tie
            .rels
            .binary_search_by(|r| r.relation.as_str().cmp(&c.relation))
        {
            Ok(r) => r,
            Err(r) => {
                tie.rels.insert(
                    r,
                    TieRel {
                        relation: c.relation.clone(),
                        ..TieRel::default()
                    },
                );
                r
            }
        };
        let rel = &mut tie.rels[r];
        let count = if c.out { &mut rel.out } else { &mut rel.inn };
        if c.sign > 0 {
            *count += 1;
            rel.weight += u64::from(c.weight);
            rel.best.push(c.evidence);
            keep_best(&mut rel.best);
        } else {
            *count = count.saturating_sub(1);
            rel.weight = rel.weight.saturating_sub(u64::from(c.weight));
            let n = rel.best.len();
            rel.best.retain(|e| e.edge != c.evidence.edge);
            if rel.best.len() < n && rel.out + rel.inn > rel.best.len() as u64 {
                lost = true;
            }
        }
    }
    tie.rels.retain(|r| r.out + r.inn > 0);
    lost
}

/// Applies changes to a sorted list of ties; returns the partners that need evidence refilled.
fn apply_to_list(ties: &mut Vec<Tie>, changes: BTreeMap<GroupId, Vec<Change>>) -> Vec<GroupId> {
    let mut refill = Vec::new();
    for (p, ch) in changes {
        let i = match ties.binary_search_by_key(&p, |t| t.partner) {
            Ok(i) => i,
            Err(i) => {
                ties.insert(
                    i,
                    Tie {
                        partner: p,
                        rels: Vec::new(),
                    },
                );
                i
            }
        };
        if apply_to_tie(&mut ties[i], ch) {
            refill.push(p);
        }
        if ties[i].rels.is_empty() {
            ties.remove(i);
        }
    }
    refill
}

/// Replaces the evidence of the given partners' ties with what the documents still hold.
fn refill_from_docs(
    tx: &Tx<'_>,
    g: GroupId,
    docs: &BTreeSet<DocId>,
    ties: &mut [Tie],
    partners: &[GroupId],
) -> Result<()> {
    if partners.is_empty() {
        return Ok(());
    }
    let fresh = ties_from_docs(tx, g, docs)?;
    for t in ties.iter_mut().filter(|t| partners.contains(&t.partner)) {
        if let Some(f) = fresh.iter().find(|f| f.partner == t.partner) {
            for r in &mut t.rels {
                if let Some(fr) = f.rels.iter().find(|x| x.relation == r.relation) {
                    r.best = fr.best.clone();
                }
            }
        }
    }
    Ok(())
}

/// A group's ties after this commit's changes: kept in its record while it is in few
/// documents, spread over shards (written here) once it is in more. `docs` are the group's
/// documents after the commit (read only to refill evidence a removal took).
pub fn merge(
    tx: &mut Tx<'_>,
    g: GroupId,
    nodes: u64,
    old: Ties,
    changes: Option<BTreeMap<GroupId, Vec<Change>>>,
    docs: &dyn Fn(&Tx<'_>) -> Result<BTreeSet<DocId>>,
) -> Result<Ties> {
    match old {
        Ties::Inline(mut v) => {
            if let Some(ch) = changes {
                let refill = apply_to_list(&mut v, ch);
                if !refill.is_empty() {
                    let d = docs(tx)?;
                    refill_from_docs(tx, g, &d, &mut v, &refill)?;
                }
            }
            if nodes > TIE_MIN_NODES {
                write_all(tx, g, v)?;
                Ok(Ties::Spilled)
            } else {
                Ok(Ties::Inline(v))
            }
        }
        Ties::Spilled => {
            if let Some(ch) = changes {
                apply_sharded(tx, g, ch, docs)?;
            }
            Ok(Ties::Spilled)
        }
    }
}

/// Writes all of a group's ties afresh, one key each, with its bookkeeping.
fn write_all(tx: &mut Tx<'_>, g: GroupId, ties: Vec<Tie>) -> Result<()> {
    tx.remove_prefix(&keys::id(keys::PARTNERS, g.0))?;
    let mut top: Vec<(GroupId, u64)> = ties.iter().map(|t| (t.partner, t.weight())).collect();
    sort_top(&mut top);
    top.truncate(TOP_PARTNERS);
    let meta = PartnerMeta {
        partners: ties.len() as u64,
        top,
    };
    for t in &ties {
        tx.insert(tie_key(g, t.partner), enc(t)?);
    }
    tx.insert(keys::id(keys::PARTNER_META, g.0), enc(&meta)?);
    Ok(())
}

/// Removes a group's keyed ties.
pub fn remove(tx: &mut Tx<'_>, g: GroupId) -> Result<()> {
    tx.remove_prefix(&keys::id(keys::PARTNERS, g.0))?;
    tx.remove_existing(keys::id(keys::PARTNER_META, g.0))
}

fn apply_sharded(
    tx: &mut Tx<'_>,
    g: GroupId,
    partners: BTreeMap<GroupId, Vec<Change>>,
    docs: &dyn Fn(&Tx<'_>) -> Result<BTreeSet<DocId>>,
) -> Result<()> {
    let mut meta = read_meta(tx, g)?;
    let old_top = meta.top.clone();
    let mut top_stale = false;
    let mut refill: Vec<Tie> = Vec::new();
    for (p, ch) in partners {
        let old = read_tie(tx, g, p)?;
        let existed = old.is_some();
        let mut tie = old.unwrap_or(Tie {
            partner: p,
            rels: Vec::new(),
        });
        let before = tie.weight();
        let lost = apply_to_tie(&mut tie, ch);
        let after = tie.weight();
        if after < before && meta.top.iter().any(|(x, _)| *x == p) {
            top_stale = true;
        }
        meta.top.retain(|(x, _)| *x != p);
        if tie.rels.is_empty() {
            if existed {
                tx.remove(tie_key(g, p));
                meta.partners = meta.partners.saturating_sub(1);
            }
            continue;
        }
        if !existed {
            meta.partners += 1;
        }
        meta.top.push((p, after));
        if lost {
            refill.push(tie);
        } else {
            tx.insert(tie_key(g, p), enc(&tie)?);
        }
    }
    if !refill.is_empty() {
        let d = docs(tx)?;
        let ps: Vec<GroupId> = refill.iter().map(|t| t.partner).collect();
        refill_from_docs(tx, g, &d, &mut refill, &ps)?;
        for t in &refill {
            tx.insert(tie_key(g, t.partner), enc(t)?);
        }
    }
    if top_stale {
        // a tie of the top list weakened: a partner outside it may now belong there
        let mut all: Vec<(GroupId, u64)> = stored_ties(tx, g)?
            .iter()
            .map(|t| (t.partner, t.weight()))
            .collect();
        sort_top(&mut all);
        all.truncate(TOP_PARTNERS);
        meta.top = all;
    } else {
        sort_top(&mut meta.top);
        meta.top.truncate(TOP_PARTNERS);
    }
    if meta.top != old_top || meta.partners != read_meta(tx, g)?.partners {
        tx.insert(keys::id(keys::PARTNER_META, g.0), enc(&meta)?);
    }
    Ok(())
}

fn sort_top(v: &mut [(GroupId, u64)]) {
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// The strongest `top` of a list of ties.
fn cap(mut ties: Vec<Tie>, top: Option<usize>) -> Vec<Tie> {
    if let Some(t) = top
        && ties.len() > t
    {
        ties.sort_by(|a, b| b.weight().cmp(&a.weight()).then(a.partner.cmp(&b.partner)));
        ties.truncate(t);
        ties.sort_by_key(|t| t.partner);
    }
    ties
}

fn ties_with_keys(tx: &Tx<'_>, g: GroupId, partners: &[GroupId]) -> Result<Vec<Tie>> {
    let mut out = Vec::new();
    for p in partners {
        if let Some(t) = read_tie(tx, g, *p)? {
            out.push(t);
        }
    }
    Ok(out)
}

/// A group's ties (`stored` is its record's): with `top`, a group with more partners than that
/// gives only its strongest. Returns the ties and how many partners the group has.
pub fn ties_of_group(
    tx: &Tx<'_>,
    g: GroupId,
    stored: Ties,
    top: Option<usize>,
) -> Result<(Vec<Tie>, u64)> {
    match stored {
        Ties::Inline(v) => {
            let n = v.len() as u64;
            Ok((cap(v, top), n))
        }
        Ties::Spilled => {
            let meta = read_meta(tx, g)?;
            match top {
                Some(t) if meta.partners as usize > t => {
                    let want: Vec<GroupId> = meta.top.iter().take(t).map(|x| x.0).collect();
                    Ok((ties_with_keys(tx, g, &want)?, meta.partners))
                }
                _ => Ok((stored_ties(tx, g)?, meta.partners)),
            }
        }
    }
}

/// The ties of a group with these partners only.
pub fn ties_with(tx: &Tx<'_>, g: GroupId, stored: Ties, partners: &[GroupId]) -> Result<Vec<Tie>> {
    match stored {
        Ties::Inline(v) => {
            let want: BTreeSet<GroupId> = partners.iter().copied().collect();
            Ok(v.into_iter()
                .filter(|t| want.contains(&t.partner))
                .collect())
        }
        Ties::Spilled => ties_with_keys(tx, g, partners),
    }
}

/// One relation between an entity and a neighbour, aggregated over their groups.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityTie {
    pub partner: EntityId,
    pub relation: String,
    /// Edges from the entity to the partner, and back (co-occurrence: documents, in `out`).
    pub out: u64,
    pub inn: u64,
    pub weight: u64,
    pub best: Vec<EvidenceRef>,
}

/// Merges group ties into entity ties (`entity_of` maps a partner group to its entity; ties
/// inside the entity itself are dropped).
pub fn merge_ties(
    me: EntityId,
    ties: impl IntoIterator<Item = Tie>,
    entity_of: &mut dyn FnMut(GroupId) -> Result<Option<EntityId>>,
) -> Result<Vec<EntityTie>> {
    let mut m: BTreeMap<(EntityId, String), EntityTie> = BTreeMap::new();
    for t in ties {
        let Some(p) = entity_of(t.partner)? else {
            continue;
        };
        if p == me {
            continue;
        }
        for r in t.rels {
            let e = m
                .entry((p, r.relation.clone()))
                .or_insert_with(|| EntityTie {
                    partner: p,
                    relation: r.relation.clone(),
                    out: 0,
                    inn: 0,
                    weight: 0,
                    best: Vec::new(),
                });
            e.out += r.out;
            e.inn += r.inn;
            e.weight += r.weight;
            e.best.extend(r.best);
            keep_best(&mut e.best);
        }
    }
    Ok(m.into_values().collect())
}

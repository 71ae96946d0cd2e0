//! Partner ties: for each group, the groups it is connected to, one [`Tie`] per partner with
//! per-relation counts, weights and the best few pieces of evidence. Co-occurrence is thus one
//! record per pair of groups (not one per shared sentence or document), and a hub's neighbours
//! come from its top list without reading all its ties.
//!
//! A commit collects the changes edge by edge ([`TieChanges`]) and applies them group by group:
//! read the shard, merge, write. Ties of a group are spread over a power-of-two number of shards
//! that doubles as the group gains partners.

use super::keys;
use super::records::{
    BEST_EVIDENCE, EvidenceRef, PartnerMeta, PartnerShard, TIES_PER_SHARD, TOP_PARTNERS, Tie,
    TieRel, dec, enc, shard_of,
};
use super::tx::Tx;
use crate::error::Result;
use crate::model::{EdgeId, EntityId, GroupId};
use std::collections::{BTreeMap, BTreeSet};

/// One edge's effect on one end of a tie.
#[derive(Clone, Debug)]
struct Change {
    relation: String,
    /// The edge leaves this end (or is symmetric).
    out: bool,
    weight: u32,
    evidence: EvidenceRef,
    sign: i64,
}

/// Every piece of evidence still stored for a tie (group, partner, relation): how a tie that
/// lost one of its best pieces is refilled.
pub type Refill<'r> = dyn FnMut(&Tx<'_>, GroupId, GroupId, &str) -> Result<Vec<EvidenceRef>> + 'r;

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

/// The tie changes of a commit, by group and partner.
#[derive(Default)]
pub struct TieChanges {
    by_group: BTreeMap<GroupId, BTreeMap<GroupId, Vec<Change>>>,
}

impl TieChanges {
    /// Records an edge.
    pub fn edge(&mut self, c: EdgeChange<'_>) {
        let EdgeChange {
            src,
            dst,
            relation,
            symmetric,
            weight,
            evidence,
            sign,
        } = c;
        if src == dst {
            return;
        }
        let mk = |out: bool| Change {
            relation: relation.to_string(),
            out,
            weight,
            evidence,
            sign,
        };
        self.by_group
            .entry(src)
            .or_default()
            .entry(dst)
            .or_default()
            .push(mk(true));
        self.by_group
            .entry(dst)
            .or_default()
            .entry(src)
            .or_default()
            .push(mk(symmetric));
    }

    /// Applies every change. Ties that lost one of their best pieces of evidence are refilled
    /// by `refill` (group, partner, relation) → every evidence piece still stored.
    pub fn apply(self, tx: &mut Tx<'_>, refill: &mut Refill<'_>) -> Result<()> {
        for (g, partners) in self.by_group {
            apply_group(tx, g, partners, refill)?;
        }
        Ok(())
    }
}

fn meta_of(tx: &Tx<'_>, g: GroupId) -> Result<PartnerMeta> {
    Ok(tx
        .get(&keys::id(keys::PARTNER_META, g.0))?
        .map(|v| dec(&v))
        .transpose()?
        .unwrap_or_default())
}

fn shard_key(g: GroupId, s: u32) -> Vec<u8> {
    let mut k = keys::id(keys::PARTNERS, g.0);
    k.extend_from_slice(&s.to_be_bytes());
    k
}

fn read_shard(tx: &Tx<'_>, g: GroupId, s: u32) -> Result<PartnerShard> {
    Ok(tx
        .get(&shard_key(g, s))?
        .map(|v| dec(&v))
        .transpose()?
        .unwrap_or_default())
}

fn write_shard(tx: &mut Tx<'_>, g: GroupId, s: u32, shard: &PartnerShard) -> Result<()> {
    if shard.ties.is_empty() {
        tx.remove(shard_key(g, s));
    } else {
        tx.insert(shard_key(g, s), enc(shard)?);
    }
    Ok(())
}

/// Every tie of a group (through pending writes).
pub fn all_ties(tx: &Tx<'_>, g: GroupId) -> Result<Vec<Tie>> {
    let mut out = Vec::new();
    for (_, v) in tx.scan(&keys::id(keys::PARTNERS, g.0))? {
        let s: PartnerShard = dec(&v)?;
        out.extend(s.ties);
    }
    out.sort_by_key(|t| t.partner);
    Ok(out)
}

fn keep_best(best: &mut Vec<EvidenceRef>) {
    best.sort_by(|a, b| b.rank().cmp(&a.rank()).then(a.edge.cmp(&b.edge)));
    best.dedup_by_key(|e| e.edge);
    best.truncate(BEST_EVIDENCE);
}

fn apply_group(
    tx: &mut Tx<'_>,
    g: GroupId,
    partners: BTreeMap<GroupId, Vec<Change>>,
    refill: &mut Refill<'_>,
) -> Result<()> {
    let mut meta = meta_of(tx, g)?;
    if meta.shards == 0 {
        meta.shards = 1;
    }
    // group the partners by shard
    let mut by_shard: BTreeMap<u32, Vec<(GroupId, Vec<Change>)>> = BTreeMap::new();
    for (p, ch) in partners {
        by_shard
            .entry(shard_of(p, meta.shards))
            .or_default()
            .push((p, ch));
    }
    let mut changed: Vec<(GroupId, u64)> = Vec::new();
    let mut top_stale = false;
    for (s, list) in by_shard {
        let mut shard = read_shard(tx, g, s)?;
        for (p, changes) in list {
            let i = match shard.ties.binary_search_by_key(&p, |t| t.partner) {
                Ok(i) => i,
                Err(i) => {
                    shard.ties.insert(
                        i,
                        Tie {
                            partner: p,
                            rels: Vec::new(),
                        },
                    );
                    meta.partners += 1;
                    i
                }
            };
            let tie = &mut shard.ties[i];
            let before = tie.weight();
            let mut lost_best: BTreeSet<String> = BTreeSet::new();
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
                    if rel.best.len() < n {
                        lost_best.insert(rel.relation.clone());
                    }
                }
            }
            tie.rels.retain(|r| r.out + r.inn > 0);
            for rel in &lost_best {
                if let Some(r) = tie.rels.iter_mut().find(|r| &r.relation == rel) {
                    let mut all = refill(tx, g, p, rel)?;
                    keep_best(&mut all);
                    r.best = all;
                }
            }
            let after = tie.weight();
            if after < before {
                top_stale = true;
            }
            changed.push((p, after));
            if tie.rels.is_empty() {
                shard.ties.remove(i);
                meta.partners = meta.partners.saturating_sub(1);
            }
        }
        write_shard(tx, g, s, &shard)?;
    }
    // more shards when a group outgrows them
    if meta.partners as usize > meta.shards as usize * TIES_PER_SHARD {
        let ties = all_ties(tx, g)?;
        let old = meta.shards;
        while meta.partners as usize > meta.shards as usize * TIES_PER_SHARD {
            meta.shards *= 2;
        }
        for s in 0..old {
            tx.remove(shard_key(g, s));
        }
        let mut shards: BTreeMap<u32, PartnerShard> = BTreeMap::new();
        for t in ties {
            shards
                .entry(shard_of(t.partner, meta.shards))
                .or_default()
                .ties
                .push(t);
        }
        for (s, sh) in shards {
            write_shard(tx, g, s, &sh)?;
        }
    }
    // the top list
    if top_stale {
        let mut all: Vec<(GroupId, u64)> = all_ties(tx, g)?
            .iter()
            .map(|t| (t.partner, t.weight()))
            .collect();
        sort_top(&mut all);
        all.truncate(TOP_PARTNERS);
        meta.top = all;
    } else {
        for (p, w) in changed {
            meta.top.retain(|(x, _)| *x != p);
            if w > 0 {
                meta.top.push((p, w));
            }
        }
        sort_top(&mut meta.top);
        meta.top.truncate(TOP_PARTNERS);
    }
    if meta.partners == 0 {
        tx.remove(keys::id(keys::PARTNER_META, g.0));
    } else {
        tx.insert(keys::id(keys::PARTNER_META, g.0), enc(&meta)?);
    }
    Ok(())
}

fn sort_top(v: &mut [(GroupId, u64)]) {
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// A group's partner bookkeeping.
pub fn meta(tx: &Tx<'_>, g: GroupId) -> Result<PartnerMeta> {
    meta_of(tx, g)
}

/// The ties of a group with these partners only (reads only their shards).
pub fn ties_with(tx: &Tx<'_>, g: GroupId, partners: &[GroupId]) -> Result<Vec<Tie>> {
    let m = meta_of(tx, g)?;
    if m.partners == 0 {
        return Ok(Vec::new());
    }
    let mut by_shard: BTreeMap<u32, Vec<GroupId>> = BTreeMap::new();
    for p in partners {
        by_shard
            .entry(shard_of(*p, m.shards.max(1)))
            .or_default()
            .push(*p);
    }
    let mut out = Vec::new();
    for (s, ps) in by_shard {
        let shard = read_shard(tx, g, s)?;
        for p in ps {
            if let Ok(i) = shard.ties.binary_search_by_key(&p, |t| t.partner) {
                out.push(shard.ties[i].clone());
            }
        }
    }
    Ok(out)
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

impl EntityTie {
    /// The strongest evidence edge.
    pub fn best_edge(&self) -> Option<EdgeId> {
        self.best.first().map(|e| e.edge)
    }
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

//! The values kg stores, and how they are encoded: postcard for records, zstd for a document's
//! body (its text and facts, written once, read section by section).

use crate::error::{KgError, Result};
use crate::link::corpus::{Group, Node};
use crate::model::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub fn enc<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    Ok(postcard::to_stdvec(v)?)
}

pub fn dec<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    Ok(postcard::from_bytes(b)?)
}

/// zstd level for document bodies: fast, and most of the gain.
const ZSTD_LEVEL: i32 = 3;

pub fn compress(b: &[u8]) -> Result<Vec<u8>> {
    zstd::bulk::compress(b, ZSTD_LEVEL)
        .map_err(|e| KgError::Invalid(format!("cannot compress a record: {e}")))
}

/// Largest section kg decompresses.
const MAX_DECOMPRESSED: usize = 512 << 20;

pub fn decompress(b: &[u8]) -> Result<Vec<u8>> {
    let v = zstd::stream::decode_all(b).map_err(|e| {
        KgError::Invalid(format!("a stored record is damaged ({e}); run `kg check`"))
    })?;
    if v.len() > MAX_DECOMPRESSED {
        return Err(KgError::Invalid(
            "a stored record is too large; run `kg check`".into(),
        ));
    }
    Ok(v)
}

/// Curations are stored as JSON: [`Curation`] is an internally tagged enum, which postcard
/// cannot decode.
pub fn enc_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| KgError::Invalid(format!("cannot encode a curation: {e}")))
}

pub fn dec_json<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    serde_json::from_slice(b)
        .map_err(|e| KgError::Invalid(format!("cannot decode a stored curation: {e}")))
}

// ------------------------------------------------------------------ a document's body

/// What queries read of a document: the group of each local entity, its statements and its
/// relations (typed ones and co-occurrence; relation `i` is edge `doc << 24 | i`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub groups: Vec<GroupId>,
    pub statements: Vec<Statement<LocalRef>>,
    pub relations: Vec<Relation<LocalRef>>,
}

impl Facts {
    pub fn group(&self, local: LocalRef) -> Option<GroupId> {
        self.groups.get(local as usize).copied()
    }
}

/// What exports and removal read: sentences, the nodes the document adds to its groups, and
/// every mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub sentences: Vec<Span>,
    pub nodes: Vec<Node>,
    pub mentions: Vec<Mention>,
}

/// Version byte of a body value.
const BODY_V1: u8 = 1;

/// A body value: a version byte, then three zstd sections (text, [`Facts`], [`Detail`]), each
/// after its length (u32, little endian). One write per document; a query decompresses only
/// the section it needs.
pub fn encode_body(text: &str, facts: &Facts, detail: &Detail) -> Result<Vec<u8>> {
    let parts = [
        compress(text.as_bytes())?,
        compress(&enc(facts)?)?,
        compress(&enc(detail)?)?,
    ];
    let mut out = Vec::with_capacity(1 + parts.iter().map(|p| p.len() + 4).sum::<usize>());
    out.push(BODY_V1);
    for p in &parts {
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        out.extend_from_slice(p);
    }
    Ok(out)
}

fn section(body: &[u8], n: usize) -> Result<&[u8]> {
    let damaged = || KgError::Invalid("a stored document body is damaged; run `kg check`".into());
    if body.first() != Some(&BODY_V1) {
        return Err(damaged());
    }
    let mut at = 1usize;
    for i in 0..=n {
        let len = body
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_le_bytes)
            .ok_or_else(damaged)? as usize;
        at += 4;
        let part = body.get(at..at + len).ok_or_else(damaged)?;
        if i == n {
            return Ok(part);
        }
        at += len;
    }
    Err(damaged())
}

pub fn body_text(body: &[u8]) -> Result<String> {
    String::from_utf8(decompress(section(body, 0)?)?)
        .map_err(|_| KgError::Invalid("a stored text is damaged; run `kg check`".into()))
}

pub fn body_facts(body: &[u8]) -> Result<Facts> {
    dec(&decompress(section(body, 1)?)?)
}

pub fn body_detail(body: &[u8]) -> Result<Detail> {
    dec(&decompress(section(body, 2)?)?)
}

// ------------------------------------------------------------------ groups and their documents

/// One document of a group: where it is dated, how often the group is mentioned, and the
/// indices of the statements it makes or is talked about in and of the typed relations it
/// takes part in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    pub day: i32,
    pub doc: DocId,
    pub mentions: u32,
    pub said: Vec<u32>,
    pub about: Vec<u32>,
    pub out: Vec<u32>,
    pub inn: Vec<u32>,
}

/// Documents a group keeps inside its own record; a group in more goes to `M` keys.
pub const INLINE_POSTINGS: usize = 8;

/// Where a group's postings are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Postings {
    /// In the group's record, sorted by (day, document).
    Inline(Vec<Posting>),
    /// Under `M ‖ group ‖ day ‖ doc`.
    #[default]
    Spilled,
}

/// Where a group's ties are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ties {
    /// In the group's record (a group in few documents), sorted by partner.
    Inline(Vec<Tie>),
    /// Under `P ‖ group ‖ shard`.
    Spilled,
}

impl Default for Ties {
    fn default() -> Self {
        Ties::Inline(Vec::new())
    }
}

/// The stored value of a group: linking's record, its documents and its ties.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredGroup {
    pub group: Group,
    pub postings: Postings,
    pub ties: Ties,
}

// ------------------------------------------------------------------ ties

/// A piece of evidence for a tie between two groups: an edge (a typed relation, or a
/// co-occurrence inside one document).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub edge: EdgeId,
    pub confidence: f32,
    pub weight: u32,
    /// An order-free tie-break (hash of the document name and index): the best evidence does
    /// not depend on the order documents were ingested in.
    pub tie: u64,
}

impl EvidenceRef {
    /// Orders evidence: confidence, then weight, then the tie-break.
    pub fn rank(&self) -> (i64, u32, std::cmp::Reverse<u64>) {
        (
            (self.confidence * 1000.0) as i64,
            self.weight,
            std::cmp::Reverse(self.tie),
        )
    }
}

/// Best pieces of evidence kept per tie and relation.
pub const BEST_EVIDENCE: usize = 3;

/// One relation type between a group and a partner, aggregated over the corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TieRel {
    pub relation: String,
    /// Edges from the group to the partner, and from the partner to the group (co-occurrence
    /// counts documents in `out`).
    pub out: u64,
    pub inn: u64,
    /// Sum of the edges' weights (co-occurrence: shared sentences).
    pub weight: u64,
    /// The strongest evidence, best first.
    pub best: Vec<EvidenceRef>,
}

/// A group's connection to one partner group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    pub partner: GroupId,
    /// Sorted by relation.
    pub rels: Vec<TieRel>,
}

impl Tie {
    /// Total weight: how strongly the two are connected (for ranking partners).
    pub fn weight(&self) -> u64 {
        self.rels.iter().map(|r| r.weight.max(r.out + r.inn)).sum()
    }
}

/// A group mentioned in more documents than this keeps its ties in shards of their own; a
/// smaller one keeps them in its record.
pub const TIE_MIN_NODES: u64 = 8;

/// Some of a group's ties (those whose partner hashes to the shard); shard 0 also holds the
/// group's partner bookkeeping.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerShard {
    pub meta: Option<PartnerMeta>,
    /// Sorted by partner.
    pub ties: Vec<Tie>,
}

/// Most partners kept in a group's top list.
pub const TOP_PARTNERS: usize = 64;
/// Ties per shard before a group's ties are spread over twice as many shards.
pub const TIES_PER_SHARD: usize = 96;

/// A group's partner bookkeeping: how its ties are sharded, how many there are, and the
/// strongest (so a hub's neighbours need not read all its ties).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerMeta {
    /// A power of two.
    pub shards: u32,
    pub partners: u64,
    /// The strongest partners, strongest first (weight, then partner id).
    pub top: Vec<(GroupId, u64)>,
}

/// The shard of a partner among `n` shards.
pub fn shard_of(partner: GroupId, n: u32) -> u32 {
    if n <= 1 {
        0
    } else {
        ((partner.0.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as u32) & (n - 1)
    }
}

/// The counts every commit keeps up to date in the meta record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: u64,
    pub entities: u64,
    pub groups: u64,
    pub mentions: u64,
    pub statements: u64,
    pub relations: u64,
    pub text_bytes: u64,
    pub words: u64,
    pub entities_by_type: std::collections::BTreeMap<String, u64>,
    pub relations_by_type: std::collections::BTreeMap<String, u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_round_trips_section_by_section_and_damage_is_an_error() {
        let facts = Facts {
            groups: vec![GroupId(3)],
            ..Facts::default()
        };
        let detail = Detail {
            sentences: vec![Span::new(0, 4)],
            ..Detail::default()
        };
        let text = "Lima is far. ".repeat(300);
        let b = encode_body(&text, &facts, &detail).unwrap();
        assert!(b.len() * 4 < text.len());
        assert_eq!(body_text(&b).unwrap(), text);
        assert_eq!(body_facts(&b).unwrap(), facts);
        assert_eq!(body_detail(&b).unwrap(), detail);
        // near misses: a truncated or foreign value is an error, not a panic
        assert!(body_facts(&b[..b.len() / 2]).is_err());
        assert!(body_text(b"\x07garbage").is_err());
        assert!(body_text(&[]).is_err());
    }

    #[test]
    fn shards_spread_partners() {
        let mut seen = std::collections::BTreeSet::new();
        for p in 0..1000u64 {
            let s = shard_of(GroupId(p), 8);
            assert!(s < 8);
            seen.insert(s);
        }
        assert_eq!(seen.len(), 8);
        assert_eq!(shard_of(GroupId(5), 1), 0);
    }
}

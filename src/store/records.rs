//! The values kg stores, and how they are encoded: postcard for records, zstd for the text and
//! a document's facts (both written once and read rarely, and text compresses about threefold).

use crate::error::{KgError, Result};
use crate::link::corpus::Node;
use crate::model::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub fn enc<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    Ok(postcard::to_stdvec(v)?)
}

pub fn dec<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    Ok(postcard::from_bytes(b)?)
}

/// zstd level for texts and facts: fast, and most of the gain.
const ZSTD_LEVEL: i32 = 3;

pub fn compress(b: &[u8]) -> Result<Vec<u8>> {
    zstd::bulk::compress(b, ZSTD_LEVEL)
        .map_err(|e| KgError::Invalid(format!("cannot compress a record: {e}")))
}

/// Largest value kg decompresses (a text piece or a document's facts).
const MAX_DECOMPRESSED: usize = 256 << 20;

pub fn decompress(b: &[u8]) -> Result<Vec<u8>> {
    zstd::stream::decode_all(b)
        .map_err(|e| KgError::Invalid(format!("a stored record is damaged ({e}); run `kg check`")))
        .and_then(|v| {
            if v.len() > MAX_DECOMPRESSED {
                Err(KgError::Invalid(
                    "a stored record is too large; run `kg check`".into(),
                ))
            } else {
                Ok(v)
            }
        })
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

/// Texts are stored in pieces of at most this many bytes (cut at a char boundary), so that no
/// value reaches sled's blob threshold: every byte then lives in the one log file kg fsyncs.
pub const TEXT_PIECE: usize = 32 * 1024;

/// The pieces of a text, each cut at a char boundary.
pub fn text_pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(TEXT_PIECE);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out
}

/// What a document contributes, besides its statements and typed relations (which have
/// records of their own): kept to export its mentions, to answer `kg why`, and to take the
/// document out again (its nodes are subtracted from their groups).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    pub sentences: Vec<Span>,
    /// One per local entity: what it adds to its group.
    pub nodes: Vec<Node>,
    /// The group of each local entity.
    pub groups: Vec<GroupId>,
    pub mentions: Vec<Mention>,
    /// Every relation of the document (typed ones and co-occurrence), in extraction order:
    /// relation `i` is edge `doc << 24 | i`.
    pub relations: Vec<Relation<LocalRef>>,
    /// Number of statements (`doc << 24 | i` for i below it).
    pub statements: u32,
}

impl DocFacts {
    pub fn group(&self, local: LocalRef) -> Option<GroupId> {
        self.groups.get(local as usize).copied()
    }
}

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

/// Some of a group's ties (those whose partner hashes to the shard).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerShard {
    /// Sorted by partner.
    pub ties: Vec<Tie>,
}

/// Most partners kept in a group's top list.
pub const TOP_PARTNERS: usize = 64;
/// Ties per shard before a group's ties are spread over twice as many shards.
pub const TIES_PER_SHARD: usize = 256;

/// A group's partner bookkeeping: how its ties are sharded, how many there are, and the
/// strongest (so a hub's neighbours need not read all its ties).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerMeta {
    /// A power of two (0: no ties yet).
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

/// The counts a relink or a commit leaves in the meta record.
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
    fn text_pieces_cut_at_char_boundaries_and_join_back() {
        let t = "é".repeat(TEXT_PIECE);
        let p = text_pieces(&t);
        assert!(p.len() >= 2 && p.iter().all(|x| x.len() <= TEXT_PIECE));
        assert_eq!(p.concat(), t);
        assert!(text_pieces("").is_empty());
    }

    #[test]
    fn compression_round_trips_and_damage_is_an_error() {
        let t = "the same sentence again and again. ".repeat(200);
        let c = compress(t.as_bytes()).unwrap();
        assert!(c.len() * 5 < t.len());
        assert_eq!(decompress(&c).unwrap(), t.as_bytes());
        assert!(decompress(b"not zstd at all").is_err());
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

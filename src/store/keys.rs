//! The key space of the one sled tree kg keeps everything in. A key is a one-byte namespace
//! and fixed-width big-endian ids (so that ids sort numerically and a document's, a group's or
//! a day's records are one prefix range); texts inside keys end with a 0 byte.
//!
//! | ns | key | value |
//! |---|---|---|
//! | `m` | meta name | schema version, statement mode, counters, totals, curation scope |
//! | `d` | doc | [`crate::model::DocumentInfo`] |
//! | `n` | doc name | doc |
//! | `D` | day, doc | — (documents by published date) |
//! | `x` | doc | the document's body: text, [`super::records::Facts`] (statements and relations), [`super::records::Detail`] (sentences, nodes, mentions), each zstd-compressed |
//! | `R` | relation, 0, doc | the indices of the document's typed relations of that type |
//! | `g` | group | [`super::records::StoredGroup`]: linking's record and, for a group in few documents, its postings |
//! | `M` | group, day, doc | [`super::records::Posting`] of a group in many documents |
//! | `k` | identity key | group |
//! | `i` | index, key, 0, group | — (the linking indexes of [`crate::link::corpus::Index`]) |
//! | `c` | group | [`crate::link::corpus::Core`] of several groups |
//! | `E` | entity | [`crate::link::corpus::EntityDraft`], unless plain (drawn from its one group) |
//! | `a` | name key, 0, entity | — (names of entities that no document writes: a gazetteer's, a curation's) |
//! | `P` | group, partner | [`super::records::Tie`]: a tie of a group in many documents |
//! | `Q` | group | [`super::records::PartnerMeta`]: its partner count and strongest partners |
//! | `C` | sequence | [`crate::model::Curation`] (JSON) |

use crate::link::corpus::Index;

pub const META: u8 = b'm';
pub const DOC: u8 = b'd';
pub const DOC_NAME: u8 = b'n';
pub const DOC_DAY: u8 = b'D';
pub const BODY: u8 = b'x';
pub const BY_RELATION: u8 = b'R';
pub const POSTING: u8 = b'M';
pub const PARTNERS: u8 = b'P';
pub const PARTNER_META: u8 = b'Q';
pub const GROUP: u8 = b'g';
pub const GROUP_KEY: u8 = b'k';
pub const LINK_INDEX: u8 = b'i';
pub const CORE: u8 = b'c';
pub const ENTITY: u8 = b'E';
pub const CURATED_ALIAS: u8 = b'a';
pub const CURATION: u8 = b'C';

/// `ns ‖ id`
pub fn id(ns: u8, id: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(9);
    k.push(ns);
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// `ns ‖ a ‖ b`
pub fn id2(ns: u8, a: u64, b: u64) -> Vec<u8> {
    let mut k = id(ns, a);
    k.extend_from_slice(&b.to_be_bytes());
    k
}

/// `ns ‖ a ‖ day ‖ b` (statements by group and date)
pub fn dated(ns: u8, a: u64, day: u32, b: u64) -> Vec<u8> {
    let mut k = id(ns, a);
    k.extend_from_slice(&day.to_be_bytes());
    k.extend_from_slice(&b.to_be_bytes());
    k
}

/// `ns ‖ text ‖ 0`
pub fn text(ns: u8, t: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(t.len() + 2);
    k.push(ns);
    k.extend_from_slice(t.as_bytes());
    k.push(0);
    k
}

/// `ns ‖ text ‖ 0 ‖ id`
pub fn text_id(ns: u8, t: &str, id: u64) -> Vec<u8> {
    let mut k = text(ns, t);
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// `i ‖ index ‖ key ‖ 0 ‖ group` and its prefix without the group.
pub fn link_index(ix: Index, key: &str, group: Option<u64>) -> Vec<u8> {
    let mut k = Vec::with_capacity(key.len() + 11);
    k.push(LINK_INDEX);
    k.push(index_code(ix));
    k.extend_from_slice(key.as_bytes());
    k.push(0);
    if let Some(g) = group {
        k.extend_from_slice(&g.to_be_bytes());
    }
    k
}

fn index_code(ix: Index) -> u8 {
    match ix {
        Index::Surface => b's',
        Index::Bucket => b'b',
        Index::ShortForm => b'f',
        Index::Initials => b'n',
        Index::Acronym => b'a',
        Index::LinkedFrom => b'l',
    }
}

/// A meta key.
pub fn meta(name: &str) -> Vec<u8> {
    let mut k = vec![META];
    k.extend_from_slice(name.as_bytes());
    k
}

/// The big-endian u64 at `at` of a key.
pub fn u64_at(k: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = k.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_be_bytes(b))
}

/// The last 8 bytes of a key as an id.
pub fn last_id(k: &[u8]) -> Option<u64> {
    k.len().checked_sub(8).and_then(|at| u64_at(k, at))
}

/// Days since 1970-01-01 as a key part that sorts by date (negative days before 1970 too).
pub fn day_part(day: i32) -> u32 {
    (day as i64 + (1i64 << 31)) as u32
}

/// Inverse of [`day_part`].
pub fn day_of_part(p: u32) -> i32 {
    (p as i64 - (1i64 << 31)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_numerically_and_days_by_date() {
        assert!(id(DOC, 2) < id(DOC, 10));
        assert!(day_part(-5) < day_part(0) && day_part(0) < day_part(20_000));
        assert_eq!(day_of_part(day_part(-12_345)), -12_345);
        let k = dated(POSTING, 7, day_part(19_000), 42);
        assert_eq!(last_id(&k), Some(42));
        assert_eq!(u64_at(&k, 1), Some(7));
    }

    #[test]
    fn a_text_key_is_not_a_prefix_of_a_longer_one() {
        let a = text_id(BY_RELATION, "MET", 1);
        let prefix = text(BY_RELATION, "MET");
        assert!(a.starts_with(&prefix));
        assert!(!text_id(BY_RELATION, "MET_WITH", 1).starts_with(&prefix));
    }
}

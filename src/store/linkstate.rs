//! Linking's state ([`LinkState`]) inside one commit: groups, cores, entities and the linking
//! indexes, read through the commit's pending writes and written into them.
//!
//! The store keeps less than linking asks it to: a core of one group and a plain entity (one
//! name group, nothing a curation set) are drawn from their group, so most tail names cost one
//! record. A group's record also carries its postings (the documents it is in) while they are
//! few; the commit's posting changes are merged in when linking writes the group back.

use super::keys;
use super::partners::{self, ByGroup, TieChanges};
use super::records::{
    Facts, INLINE_POSTINGS, Posting, Postings, StoredGroup, body_facts, dec, enc,
};
use super::tx::Tx;
use crate::error::Result;
use crate::link::corpus::{Core, EntityDraft, Group, Index, LinkState, is_plain};
use crate::mentions::Gazetteer;
use crate::model::{DocId, DocumentInfo, EntityId, GroupId};
use std::collections::{BTreeSet, HashMap};

/// A change to a group's postings in this commit.
#[derive(Clone, Debug)]
pub enum PostingChange {
    Add(Posting),
    Remove(DocId),
}

/// A commit as linking sees it.
pub struct TxState<'t> {
    pub tx: Tx<'t>,
    gaz: &'t Gazetteer,
    /// Posting changes not yet merged into their group's record.
    pending: HashMap<GroupId, Vec<PostingChange>>,
    /// Tie changes not yet merged into their groups.
    pending_ties: ByGroup,
    /// Index members read (and kept in step with this commit's changes).
    members: HashMap<(Index, String), BTreeSet<GroupId>>,
}

impl<'t> TxState<'t> {
    pub fn new(tx: Tx<'t>, gaz: &'t Gazetteer) -> Self {
        TxState {
            tx,
            gaz,
            pending: HashMap::new(),
            pending_ties: ByGroup::new(),
            members: HashMap::new(),
        }
    }

    pub fn get_record<T: serde::de::DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>> {
        self.tx.get(key)?.map(|v| dec(&v)).transpose()
    }

    pub fn counter(&mut self, name: &str) -> Result<u64> {
        let k = keys::meta(name);
        let n = self
            .tx
            .get(&k)?
            .and_then(|v| v.as_slice().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0)
            + 1;
        self.tx.insert(k, n.to_be_bytes().to_vec());
        Ok(n)
    }

    pub fn doc_info(&self, id: DocId) -> Result<Option<DocumentInfo>> {
        self.get_record(&keys::id(keys::DOC, id.0))
    }

    pub fn facts(&self, id: DocId) -> Result<Option<Facts>> {
        match self.tx.get(&keys::id(keys::BODY, id.0))? {
            Some(v) => Ok(Some(body_facts(&v)?)),
            None => Ok(None),
        }
    }

    /// Hands over a commit's tie changes, merged into each group when linking writes it back.
    pub fn stage_ties(&mut self, ties: TieChanges) {
        for (g, partners) in ties.by_group {
            let e = self.pending_ties.entry(g).or_default();
            for (p, mut ch) in partners {
                e.entry(p).or_default().append(&mut ch);
            }
        }
    }

    /// Records a posting change, merged into the group when linking writes it back.
    pub fn posting(&mut self, g: GroupId, c: PostingChange) {
        self.pending.entry(g).or_default().push(c);
    }

    fn stored_group(&self, id: GroupId) -> Result<Option<StoredGroup>> {
        self.get_record(&keys::id(keys::GROUP, id.0))
    }

    /// A group's postings (through pending writes; not the commit's unmerged changes).
    pub fn postings_of(&self, id: GroupId) -> Result<Vec<Posting>> {
        match self.stored_group(id)? {
            Some(StoredGroup {
                postings: Postings::Inline(v),
                ..
            }) => Ok(v),
            Some(_) => {
                let mut out = Vec::new();
                for (_, v) in self.tx.scan(&keys::id(keys::POSTING, id.0))? {
                    out.push(dec(&v)?);
                }
                Ok(out)
            }
            None => Ok(Vec::new()),
        }
    }

    fn posting_key(g: GroupId, p: &Posting) -> Vec<u8> {
        keys::dated(keys::POSTING, g.0, keys::day_part(p.day), p.doc.0)
    }

    /// The group's postings after this commit's changes, inline or spilled to `M` keys.
    fn merge_postings(&mut self, id: GroupId, old: Postings) -> Result<Postings> {
        let changes = self.pending.remove(&id).unwrap_or_default();
        match old {
            Postings::Inline(mut v) => {
                for c in changes {
                    match c {
                        PostingChange::Add(p) => {
                            v.retain(|x| x.doc != p.doc);
                            v.push(p);
                        }
                        PostingChange::Remove(d) => v.retain(|x| x.doc != d),
                    }
                }
                v.sort_by_key(|p| (p.day, p.doc));
                if v.len() > INLINE_POSTINGS {
                    for p in &v {
                        self.tx.insert(Self::posting_key(id, p), enc(p)?);
                    }
                    Ok(Postings::Spilled)
                } else {
                    Ok(Postings::Inline(v))
                }
            }
            Postings::Spilled => {
                for c in changes {
                    match c {
                        PostingChange::Add(p) => {
                            self.tx.insert(Self::posting_key(id, &p), enc(&p)?);
                        }
                        PostingChange::Remove(d) => {
                            // the posting's day is in its key: find it
                            for k in self.tx.scan_keys(&keys::id(keys::POSTING, id.0))? {
                                if keys::last_id(&k) == Some(d.0) {
                                    self.tx.remove(k);
                                }
                            }
                        }
                    }
                }
                Ok(Postings::Spilled)
            }
        }
    }

    fn cache_key(ix: Index, key: &str) -> (Index, String) {
        (ix, key.to_string())
    }

    fn load_members(&mut self, ix: Index, key: &str) -> Result<&mut BTreeSet<GroupId>> {
        let ck = Self::cache_key(ix, key);
        if !self.members.contains_key(&ck) {
            let prefix = keys::link_index(ix, key, None);
            let set: BTreeSet<GroupId> = self
                .tx
                .scan_keys(&prefix)?
                .iter()
                .filter(|k| k.len() == prefix.len() + 8)
                .filter_map(|k| keys::last_id(k))
                .map(GroupId)
                .collect();
            self.members.insert(ck.clone(), set);
        }
        Ok(self.members.get_mut(&ck).expect("just inserted"))
    }
}

impl LinkState for TxState<'_> {
    fn group(&mut self, id: GroupId) -> Result<Option<Group>> {
        Ok(self.stored_group(id)?.map(|s| s.group))
    }

    fn group_by_key(&mut self, key: &str) -> Result<Option<GroupId>> {
        Ok(self
            .tx
            .get(&keys::text(keys::GROUP_KEY, key))?
            .and_then(|v| keys::u64_at(&v, 0))
            .map(GroupId))
    }

    fn new_group_id(&mut self) -> Result<GroupId> {
        Ok(GroupId(self.counter("next_group")?))
    }

    fn put_group(&mut self, g: &Group) -> Result<()> {
        let old = self.stored_group(g.id)?;
        let (old_postings, old_ties) = match old {
            Some(s) => (s.postings, s.ties),
            None => {
                // a new group: its key points to it
                self.tx.insert(
                    keys::text(keys::GROUP_KEY, &g.key),
                    g.id.0.to_be_bytes().to_vec(),
                );
                (Postings::Inline(Vec::new()), Default::default())
            }
        };
        let postings = self.merge_postings(g.id, old_postings)?;
        let changes = self.pending_ties.remove(&g.id);
        let inline_docs: Option<BTreeSet<DocId>> = match &postings {
            Postings::Inline(v) => Some(v.iter().map(|p| p.doc).collect()),
            Postings::Spilled => None,
        };
        let id = g.id;
        let docs = move |tx: &Tx<'_>| -> Result<BTreeSet<DocId>> {
            match &inline_docs {
                Some(d) => Ok(d.clone()),
                None => Ok(tx
                    .scan_keys(&keys::id(keys::POSTING, id.0))?
                    .iter()
                    .filter_map(|k| keys::last_id(k))
                    .map(DocId)
                    .collect()),
            }
        };
        let ties = partners::merge(&mut self.tx, g.id, g.nodes, old_ties, changes, &docs)?;
        let v = StoredGroup {
            group: g.clone(),
            postings,
            ties,
        };
        self.tx.insert(keys::id(keys::GROUP, g.id.0), enc(&v)?);
        Ok(())
    }

    fn remove_group(&mut self, id: GroupId, key: &str) -> Result<()> {
        self.pending.remove(&id);
        self.pending_ties.remove(&id);
        self.tx.remove(keys::id(keys::GROUP, id.0));
        self.tx.remove_prefix(&keys::id(keys::POSTING, id.0))?;
        partners::remove(&mut self.tx, id)?;
        let k = keys::text(keys::GROUP_KEY, key);
        if self.tx.get(&k)?.and_then(|v| keys::u64_at(&v, 0)) == Some(id.0) {
            self.tx.remove(k);
        }
        Ok(())
    }

    fn members(&mut self, ix: Index, key: &str) -> Result<Vec<GroupId>> {
        Ok(self.load_members(ix, key)?.iter().copied().collect())
    }

    fn index_add(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()> {
        self.load_members(ix, key)?.insert(g);
        self.tx
            .insert(keys::link_index(ix, key, Some(g.0)), Vec::new());
        Ok(())
    }

    fn index_remove(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()> {
        self.load_members(ix, key)?.remove(&g);
        self.tx.remove(keys::link_index(ix, key, Some(g.0)));
        Ok(())
    }

    fn core(&mut self, anchor: GroupId) -> Result<Option<Core>> {
        self.get_record(&keys::id(keys::CORE, anchor.0))
    }

    fn put_core(&mut self, c: &Core) -> Result<()> {
        if c.members.len() > 1 {
            self.tx.insert(keys::id(keys::CORE, c.anchor.0), enc(c)?);
        } else {
            self.tx.remove_existing(keys::id(keys::CORE, c.anchor.0))?;
        }
        Ok(())
    }

    fn remove_core(&mut self, anchor: GroupId) -> Result<()> {
        self.tx.remove_existing(keys::id(keys::CORE, anchor.0))
    }

    fn curated_scope(&mut self) -> Result<Vec<GroupId>> {
        Ok(self
            .get_record(&keys::meta("curated_scope"))?
            .unwrap_or_default())
    }

    fn put_curated_scope(&mut self, groups: &[GroupId]) -> Result<()> {
        self.tx
            .insert(keys::meta("curated_scope"), enc(&groups.to_vec())?);
        Ok(())
    }

    fn entity(&mut self, id: EntityId) -> Result<Option<EntityDraft>> {
        self.get_record(&keys::id(keys::ENTITY, id.0))
    }

    fn put_entity(&mut self, e: &EntityDraft, groups: &[&Group]) -> Result<()> {
        if is_plain(e, groups, self.gaz) {
            self.tx.remove_existing(keys::id(keys::ENTITY, e.id.0))?;
        } else {
            self.tx.insert(keys::id(keys::ENTITY, e.id.0), enc(e)?);
        }
        Ok(())
    }

    fn remove_entity(&mut self, id: EntityId) -> Result<()> {
        self.tx.remove_existing(keys::id(keys::ENTITY, id.0))
    }

    fn examples(
        &mut self,
        g: GroupId,
        surfaces: &[String],
    ) -> Result<Vec<Option<(String, String)>>> {
        // the group's documents, by name (its postings, with this commit's removals)
        let mut docs: Vec<(String, DocId)> = Vec::new();
        let gone: BTreeSet<DocId> = self
            .pending
            .get(&g)
            .into_iter()
            .flatten()
            .filter_map(|c| match c {
                PostingChange::Remove(d) => Some(*d),
                PostingChange::Add(_) => None,
            })
            .collect();
        let mut ids: BTreeSet<DocId> = self
            .postings_of(g)?
            .into_iter()
            .map(|p| p.doc)
            .filter(|d| !gone.contains(d))
            .collect();
        ids.extend(
            self.pending
                .get(&g)
                .into_iter()
                .flatten()
                .filter_map(|c| match c {
                    PostingChange::Add(p) => Some(p.doc),
                    PostingChange::Remove(_) => None,
                }),
        );
        for d in ids {
            if let Some(info) = self.doc_info(d)? {
                docs.push((info.name, d));
            }
        }
        docs.sort();
        let mut out: Vec<Option<(String, String)>> = vec![None; surfaces.len()];
        for (name, d) in docs {
            if out.iter().all(Option::is_some) {
                break;
            }
            let Some(v) = self.tx.get(&keys::id(keys::BODY, d.0))? else {
                continue;
            };
            let b = super::records::decode_body(&v)?;
            let (detail, facts) = (b.detail, b.facts);
            for (i, s) in surfaces.iter().enumerate() {
                if out[i].is_some() {
                    continue;
                }
                let hit = detail
                    .nodes
                    .iter()
                    .zip(&facts.groups)
                    .filter(|(_, gg)| **gg == g)
                    .find_map(|(n, _)| n.surfaces.iter().find(|x| &x.0 == s));
                if let Some(x) = hit {
                    out[i] = Some((name.clone(), x.2.clone()));
                }
            }
        }
        Ok(out)
    }
}

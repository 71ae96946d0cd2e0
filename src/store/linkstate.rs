//! Linking's state ([`LinkState`]) inside one commit: groups, cores, entities and the linking
//! indexes read through the commit's pending writes and written into them.

use super::keys;
use super::records::{DocFacts, dec, decompress, enc};
use super::tx::Tx;
use crate::error::Result;
use crate::link::corpus::{Core, EntityDraft, Group, Index, LinkState};
use crate::model::{DocId, DocumentInfo, EntityId, GroupId};

/// A commit as linking sees it.
pub struct TxState<'t> {
    pub tx: Tx<'t>,
}

impl<'t> TxState<'t> {
    pub fn new(tx: Tx<'t>) -> Self {
        TxState { tx }
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

    pub fn facts(&self, id: DocId) -> Result<Option<DocFacts>> {
        match self.tx.get(&keys::id(keys::FACTS, id.0))? {
            Some(v) => Ok(Some(dec(&decompress(&v)?)?)),
            None => Ok(None),
        }
    }
}

impl LinkState for TxState<'_> {
    fn group(&mut self, id: GroupId) -> Result<Option<Group>> {
        self.get_record(&keys::id(keys::GROUP, id.0))
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
        self.tx.insert(
            keys::text(keys::GROUP_KEY, &g.key),
            g.id.0.to_be_bytes().to_vec(),
        );
        self.tx.insert(keys::id(keys::GROUP, g.id.0), enc(g)?);
        Ok(())
    }

    fn remove_group(&mut self, id: GroupId, key: &str) -> Result<()> {
        self.tx.remove(keys::id(keys::GROUP, id.0));
        let k = keys::text(keys::GROUP_KEY, key);
        if self.tx.get(&k)?.and_then(|v| keys::u64_at(&v, 0)) == Some(id.0) {
            self.tx.remove(k);
        }
        Ok(())
    }

    fn members(&mut self, ix: Index, key: &str) -> Result<Vec<GroupId>> {
        let prefix = keys::link_index(ix, key, None);
        Ok(self
            .tx
            .scan_keys(&prefix)?
            .iter()
            .filter(|k| k.len() == prefix.len() + 8)
            .filter_map(|k| keys::last_id(k))
            .map(GroupId)
            .collect())
    }

    fn index_add(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()> {
        self.tx
            .insert(keys::link_index(ix, key, Some(g.0)), Vec::new());
        Ok(())
    }

    fn index_remove(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()> {
        self.tx.remove(keys::link_index(ix, key, Some(g.0)));
        Ok(())
    }

    fn core(&mut self, anchor: GroupId) -> Result<Option<Core>> {
        self.get_record(&keys::id(keys::CORE, anchor.0))
    }

    fn put_core(&mut self, c: &Core) -> Result<()> {
        self.tx.insert(keys::id(keys::CORE, c.anchor.0), enc(c)?);
        Ok(())
    }

    fn remove_core(&mut self, anchor: GroupId) -> Result<()> {
        self.tx.remove(keys::id(keys::CORE, anchor.0));
        Ok(())
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

    fn put_entity(&mut self, e: &EntityDraft) -> Result<()> {
        self.tx.insert(keys::id(keys::ENTITY, e.id.0), enc(e)?);
        Ok(())
    }

    fn remove_entity(&mut self, id: EntityId) -> Result<()> {
        self.tx.remove(keys::id(keys::ENTITY, id.0));
        Ok(())
    }

    fn examples(
        &mut self,
        g: GroupId,
        surfaces: &[String],
    ) -> Result<Vec<Option<(String, String)>>> {
        // the group's documents, by name
        let mut docs: Vec<(String, DocId)> = Vec::new();
        for k in self.tx.scan_keys(&keys::id(keys::GROUP_DOCS, g.0))? {
            let Some(d) = keys::last_id(&k).map(DocId) else {
                continue;
            };
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
            let Some(f) = self.facts(d)? else {
                continue;
            };
            for (i, s) in surfaces.iter().enumerate() {
                if out[i].is_some() {
                    continue;
                }
                let hit = f
                    .nodes
                    .iter()
                    .zip(&f.groups)
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

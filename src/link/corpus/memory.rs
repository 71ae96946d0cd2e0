//! Linking state held in memory: for tests, and to link a set of documents without a store.

use super::{Core, EntityDraft, Group, Index, LinkState, Node};
use crate::error::Result;
use crate::model::{EntityId, GroupId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Groups, cores, entities and indexes in maps, and the documents' nodes (to find example
/// documents again).
#[derive(Clone, Debug, Default)]
pub struct MemState {
    pub groups: BTreeMap<GroupId, Group>,
    pub keys: HashMap<String, GroupId>,
    pub next_group: u64,
    pub indexes: HashMap<(Index, String), BTreeSet<GroupId>>,
    pub cores: BTreeMap<GroupId, Core>,
    pub entities: BTreeMap<EntityId, EntityDraft>,
    pub scope: Vec<GroupId>,
    /// Document name → its nodes with their groups.
    pub docs: BTreeMap<String, Vec<(Node, GroupId)>>,
}

impl LinkState for MemState {
    fn group(&mut self, id: GroupId) -> Result<Option<Group>> {
        Ok(self.groups.get(&id).cloned())
    }
    fn group_by_key(&mut self, key: &str) -> Result<Option<GroupId>> {
        Ok(self.keys.get(key).copied())
    }
    fn new_group_id(&mut self) -> Result<GroupId> {
        self.next_group += 1;
        Ok(GroupId(self.next_group))
    }
    fn put_group(&mut self, g: &Group) -> Result<()> {
        self.keys.insert(g.key.clone(), g.id);
        self.groups.insert(g.id, g.clone());
        Ok(())
    }
    fn remove_group(&mut self, id: GroupId, key: &str) -> Result<()> {
        self.groups.remove(&id);
        if self.keys.get(key) == Some(&id) {
            self.keys.remove(key);
        }
        Ok(())
    }
    fn members(&mut self, ix: Index, key: &str) -> Result<Vec<GroupId>> {
        Ok(self
            .indexes
            .get(&(ix, key.to_string()))
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default())
    }
    fn index_add(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()> {
        self.indexes
            .entry((ix, key.to_string()))
            .or_default()
            .insert(g);
        Ok(())
    }
    fn index_remove(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()> {
        let k = (ix, key.to_string());
        if let Some(s) = self.indexes.get_mut(&k) {
            s.remove(&g);
            if s.is_empty() {
                self.indexes.remove(&k);
            }
        }
        Ok(())
    }
    fn core(&mut self, anchor: GroupId) -> Result<Option<Core>> {
        Ok(self.cores.get(&anchor).cloned())
    }
    fn put_core(&mut self, c: &Core) -> Result<()> {
        self.cores.insert(c.anchor, c.clone());
        Ok(())
    }
    fn remove_core(&mut self, anchor: GroupId) -> Result<()> {
        self.cores.remove(&anchor);
        Ok(())
    }
    fn curated_scope(&mut self) -> Result<Vec<GroupId>> {
        Ok(self.scope.clone())
    }
    fn put_curated_scope(&mut self, groups: &[GroupId]) -> Result<()> {
        self.scope = groups.to_vec();
        Ok(())
    }
    fn entity(&mut self, id: EntityId) -> Result<Option<EntityDraft>> {
        Ok(self.entities.get(&id).cloned())
    }
    fn put_entity(&mut self, e: &EntityDraft) -> Result<()> {
        self.entities.insert(e.id, e.clone());
        Ok(())
    }
    fn remove_entity(&mut self, id: EntityId) -> Result<()> {
        self.entities.remove(&id);
        Ok(())
    }
    fn examples(
        &mut self,
        g: GroupId,
        surfaces: &[String],
    ) -> Result<Vec<Option<(String, String)>>> {
        Ok(surfaces
            .iter()
            .map(|s| {
                self.docs.iter().find_map(|(doc, nodes)| {
                    nodes.iter().find_map(|(n, id)| {
                        if *id != g {
                            return None;
                        }
                        n.surfaces
                            .iter()
                            .find(|x| &x.0 == s)
                            .map(|x| (doc.clone(), x.2.clone()))
                    })
                })
            })
            .collect())
    }
}

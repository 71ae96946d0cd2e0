//! Linking state held in memory: for tests, and to link a set of documents without a store.

use super::{Core, EntityDraft, Group, Index, LinkState, Node};
use crate::error::Result;
use crate::model::{EntityId, GroupId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Groups, cores, entities and indexes in maps, and the documents' nodes (to find example
/// documents again). Like the store, it keeps no plain entity and no core of one group: the
/// linker draws those from their groups.
#[derive(Clone, Debug)]
pub struct MemState<'g> {
    pub gaz: &'g crate::mentions::Gazetteer,
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

impl<'g> MemState<'g> {
    pub fn new(gaz: &'g crate::mentions::Gazetteer) -> Self {
        MemState {
            gaz,
            groups: BTreeMap::new(),
            keys: HashMap::new(),
            next_group: 0,
            indexes: HashMap::new(),
            cores: BTreeMap::new(),
            entities: BTreeMap::new(),
            scope: Vec::new(),
            docs: BTreeMap::new(),
        }
    }

    fn gaz(&self) -> &'g crate::mentions::Gazetteer {
        self.gaz
    }

    /// Every entity, the plain ones drawn from their groups.
    pub fn all_entities(&self) -> BTreeMap<EntityId, EntityDraft> {
        let mut out = self.entities.clone();
        for g in self.groups.values() {
            let id = EntityId(g.id.0);
            if g.entity == id && !out.contains_key(&id) && g.nodes > 0 {
                out.insert(
                    id,
                    super::finalize::draft(
                        &[g],
                        &super::finalize::Overrides::default(),
                        self.gaz(),
                    ),
                );
            }
        }
        out
    }

    /// Every core, those of one group drawn from their groups.
    pub fn all_cores(&self) -> BTreeMap<GroupId, Core> {
        let mut out = self.cores.clone();
        for g in self.groups.values() {
            if g.core == g.id && !out.contains_key(&g.id) && g.nodes > 0 {
                let (etype, family_first) = super::full::core_info(&[g], self.gaz());
                out.insert(
                    g.id,
                    Core {
                        anchor: g.id,
                        members: vec![g.id],
                        etype,
                        family_first,
                    },
                );
            }
        }
        out
    }
}

impl LinkState for MemState<'_> {
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
        // a core of one group is not kept (as in the store)
        if c.members.len() > 1 {
            self.cores.insert(c.anchor, c.clone());
        } else {
            self.cores.remove(&c.anchor);
        }
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
    fn put_entity(&mut self, e: &EntityDraft, groups: &[&Group]) -> Result<()> {
        // a plain entity is not kept (as in the store): [`MemState::all_entities`] draws it
        if super::is_plain(e, groups, self.gaz()) {
            self.entities.remove(&e.id);
        } else {
            self.entities.insert(e.id, e.clone());
        }
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

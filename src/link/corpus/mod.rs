//! Cross-document linking, incremental: the local entities of every document are gathered into
//! **groups** (one per identity key), and groups into **entities** by a few named rules.
//!
//! * A group holds every local entity of the corpus with one identity key: its gazetteer id
//!   ("country:US" for "U.S.", "American", "Washington" as government) or its normalised name
//!   ("key:kim jong un" for "Kim Jong-un" and "Kim Jong Un"). A group's aggregates (mentions,
//!   type votes, surfaces, titles) are sums over its members, so they do not depend on the order
//!   documents arrive in, and a document's arrival or removal changes only its own groups.
//! * Groups join into entities by the rules of [`rules`], in order of decreasing precision:
//!   a gazetteer surface (`gazetteer:name`), a one-letter typo in one part of a multi-part name
//!   (`typo:*`), then a lone word joining the one entity it can be a short form of (`acronym`,
//!   `surname-reuse`, `east-asian-family-name`). Each decision is a **link** from one group to
//!   another; an entity is a connected set of groups, its id the smallest group id in it.
//! * The curations of the user ([`Curation`]) are replayed, in order, over the entities they
//!   name ([`curate`]).
//!
//! [`full::link_all`] decides everything from scratch (`kg relink`); [`incremental::Linker`]
//! re-decides only what a batch of added or removed documents can change, reading the rest
//! through a [`LinkState`] (the store, or [`memory::MemState`]). Both give the same entities:
//! `tests` and tests/archive.rs check it over random orders and batchings of real corpora.

pub mod curate;
pub mod finalize;
pub mod full;
pub mod incremental;
pub mod memory;
pub mod rules;

use crate::error::Result;
use crate::model::{DocExtraction, EntityId, EntityType, GroupId};
use serde::{Deserialize, Serialize};

/// One local entity of one document, as it counts towards its group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Node {
    /// The identity key of its group.
    pub key: String,
    pub gid: Option<String>,
    /// The normalised key of its name (without initials for persons).
    pub name_key: String,
    /// Its fullest name in the document, as written.
    pub name: String,
    pub etype: EntityType,
    pub mentions: u64,
    /// Surfaces in first-seen order: text, number of mentions, the rule of the first mention.
    pub surfaces: Vec<(String, u64, String)>,
    pub titles: Vec<String>,
}

/// The nodes of a document's local entities (index = local entity index).
pub fn nodes_of(ext: &DocExtraction) -> Vec<Node> {
    let mut surfaces: Vec<Vec<(String, u64, String)>> = vec![Vec::new(); ext.entities.len()];
    for m in &ext.mentions {
        let Some(v) = m.entity.and_then(|l| surfaces.get_mut(l as usize)) else {
            continue;
        };
        match v.iter_mut().find(|x| x.0 == m.text) {
            Some(x) => x.1 += 1,
            None => v.push((m.text.clone(), 1, m.rule.clone())),
        }
    }
    ext.entities
        .iter()
        .zip(surfaces)
        .map(|(e, surfaces)| {
            let name_key = if e.etype == EntityType::Person {
                rules::person_key(&e.name)
            } else {
                crate::normalize::key(&e.name)
            };
            let key = match &e.gazetteer_id {
                Some(g) => g.clone(),
                None => format!("key:{name_key}"),
            };
            Node {
                key,
                gid: e.gazetteer_id.clone(),
                name_key,
                name: e.name.clone(),
                etype: e.etype,
                mentions: surfaces.iter().map(|s| s.1).sum(),
                surfaces,
                titles: e.titles.clone(),
            }
        })
        .collect()
}

/// A text with a count (names, keys, titles of a group).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Counted {
    pub text: String,
    pub count: u64,
}

/// A surface of a group: how often it was written, an example document (the first by name)
/// and the rule of its first mention there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Surface {
    pub text: String,
    pub count: u64,
    pub doc: String,
    pub rule: String,
}

/// A decision tying one group to another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    pub to: GroupId,
    /// The rule that made it (`gazetteer:name`, `typo:substitution`, `surname-reuse`, ...).
    pub rule: String,
}

impl Link {
    /// Links of the last pass (a lone word joining a longer name) hang off an entity's core.
    pub fn is_single(&self) -> bool {
        rules::SINGLE_RULES.contains(&self.rule.as_str())
    }
}

/// Every local entity of the corpus with one identity key, and what linking decided for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Group {
    pub id: GroupId,
    pub key: String,
    pub gid: Option<String>,
    /// Number of local entities (about: documents).
    pub nodes: u64,
    pub mentions: u64,
    /// Σ max(mentions, 1) over its nodes: the weight of its type votes.
    pub weight: u64,
    /// Type votes (by [`EntityType::ALL`] index), each node voting with max(mentions, 1).
    pub votes: [u64; 5],
    /// Number of nodes of each type.
    pub kinds: [u64; 5],
    /// Name keys of its nodes (one for a name group; several for a gazetteer group).
    pub name_keys: Vec<Counted>,
    pub names: Vec<Counted>,
    /// Sorted by text.
    pub surfaces: Vec<Surface>,
    pub titles: Vec<Counted>,
    /// Decisions tying it to other groups (all typo partners it loses to; at most one other).
    pub links: Vec<Link>,
    /// Its core: the smallest group id joined to it by rules 1-2.
    pub core: GroupId,
    /// The automatic entity (before curations): the smallest group id connected to it.
    pub auto: GroupId,
    /// The entity it belongs to after curations.
    pub entity: EntityId,
}

impl Group {
    pub fn is_gazetteer(&self) -> bool {
        self.gid.is_some()
    }
    /// The name key of a name group ("" for a gazetteer group).
    pub fn name_key(&self) -> &str {
        self.key.strip_prefix("key:").unwrap_or("")
    }
    /// The type its nodes vote for (ties go to the first type of [`EntityType::ALL`]).
    pub fn etype(&self) -> EntityType {
        vote(&self.votes)
    }
    /// Has it a node of type `t`?
    pub fn has_kind(&self, t: EntityType) -> bool {
        self.kinds[type_index(t)] > 0
    }
    /// The most frequent name (ties: the smallest).
    pub fn main_name(&self) -> &str {
        most_frequent(&self.names)
    }
    /// Name keys of two or more words.
    pub fn multi_part_keys(&self) -> impl Iterator<Item = &str> {
        self.name_keys
            .iter()
            .map(|k| k.text.as_str())
            .filter(|k| k.split(' ').count() >= 2)
    }
    /// A name group of one word (a candidate for the last pass).
    pub fn is_single_word(&self) -> bool {
        !self.is_gazetteer() && self.multi_part_keys().next().is_none()
    }
    /// Adds (or with `sign` -1 removes) one node from document `doc`.
    pub fn count_node(&mut self, n: &Node, doc: &str, sign: i64) {
        let add = |x: &mut u64, by: u64| {
            *x = if sign > 0 {
                *x + by
            } else {
                x.saturating_sub(by)
            }
        };
        let w = n.mentions.max(1);
        add(&mut self.nodes, 1);
        add(&mut self.mentions, n.mentions);
        add(&mut self.weight, w);
        if n.etype != EntityType::Other {
            add(&mut self.votes[type_index(n.etype)], w);
        }
        add(&mut self.kinds[type_index(n.etype)], 1);
        count_text(&mut self.name_keys, &n.name_key, 1, sign);
        count_text(&mut self.names, &n.name, 1, sign);
        for t in &n.titles {
            count_text(&mut self.titles, t, 1, sign);
        }
        for (text, c, rule) in &n.surfaces {
            let i = match self
                .surfaces
                .binary_search_by(|s| s.text.as_str().cmp(text))
            {
                Ok(i) => i,
                Err(i) if sign > 0 => {
                    self.surfaces.insert(
                        i,
                        Surface {
                            text: text.clone(),
                            count: 0,
                            doc: doc.to_string(),
                            rule: rule.clone(),
                        },
                    );
                    i
                }
                Err(_) => continue,
            };
            let s = &mut self.surfaces[i];
            add(&mut s.count, *c);
            if sign > 0 && doc < s.doc.as_str() {
                s.doc = doc.to_string();
                s.rule = rule.clone();
            }
        }
        self.surfaces.retain(|s| s.count > 0);
    }
    /// Surfaces whose example document is `doc` (to look up again when it goes).
    pub fn examples_in(&self, doc: &str) -> Vec<String> {
        self.surfaces
            .iter()
            .filter(|s| s.doc == doc)
            .map(|s| s.text.clone())
            .collect()
    }
}

fn count_text(list: &mut Vec<Counted>, text: &str, by: u64, sign: i64) {
    match list.binary_search_by(|c| c.text.as_str().cmp(text)) {
        Ok(i) => {
            if sign > 0 {
                list[i].count += by;
            } else {
                list[i].count = list[i].count.saturating_sub(by);
                if list[i].count == 0 {
                    list.remove(i);
                }
            }
        }
        Err(i) if sign > 0 => list.insert(
            i,
            Counted {
                text: text.to_string(),
                count: by,
            },
        ),
        Err(_) => {}
    }
}

/// The most frequent text of a list (ties: the smallest text).
pub fn most_frequent(list: &[Counted]) -> &str {
    list.iter()
        .max_by(|a, b| a.count.cmp(&b.count).then(b.text.cmp(&a.text)))
        .map_or("", |c| c.text.as_str())
}

pub fn type_index(t: EntityType) -> usize {
    EntityType::ALL.iter().position(|x| *x == t).unwrap_or(4)
}

/// The type with the most votes (none: other; ties: the first of [`EntityType::ALL`]).
pub fn vote(votes: &[u64; 5]) -> EntityType {
    let mut best = (0u64, EntityType::Other);
    for (i, t) in EntityType::ALL.iter().enumerate() {
        if *t != EntityType::Other && votes[i] > best.0 {
            best = (votes[i], *t);
        }
    }
    best.1
}

/// A corpus entity as linking decided it: what the store keeps and queries show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct EntityDraft {
    pub id: EntityId,
    /// Its groups, smallest id first (the first is its id).
    pub groups: Vec<GroupId>,
    pub name: String,
    pub etype: EntityType,
    /// A stable handle for curations: the gazetteer id, a curation's, or its name's key.
    pub key: String,
    pub gazetteer_id: Option<String>,
    pub aliases: Vec<crate::model::Alias>,
    pub titles: Vec<String>,
    pub mentions: u64,
    /// Local entities in it (about: documents).
    pub nodes: u64,
    /// Earlier names a rename curation replaced.
    pub known: Vec<String>,
}

/// An entity's core: the groups joined by rules 1-2 (gazetteer names and typos), with its type
/// before lone words join it and whether one of its names is written family name first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Core {
    /// The smallest group id in it.
    pub anchor: GroupId,
    pub members: Vec<GroupId>,
    pub etype: EntityType,
    pub family_first: bool,
}

/// Is `e` a plain entity: one name group, and just what [`finalize::draft`] makes of it?
pub fn is_plain(e: &EntityDraft, groups: &[&Group], gaz: &crate::mentions::Gazetteer) -> bool {
    match groups {
        [g] if !g.is_gazetteer() && e.groups.len() == 1 => {
            finalize::draft(&[g], &finalize::Overrides::default(), gaz) == *e
        }
        _ => false,
    }
}

/// The indexes linking keeps over groups, each a set of groups under a text key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Index {
    /// Normalised key of a surface → groups that wrote it.
    Surface,
    /// A one-deletion variant of one long word of a multi-part name, with the other words
    /// (`1|laura|kowalki`): two names one edit apart in one word share one (typo candidates).
    Bucket,
    /// A short form ("kim", "biden") → multi-part name groups it can stand for.
    ShortForm,
    /// Initials of a multi-part name key ("un") → groups with such a name.
    Initials,
    /// Acronym letters ("UN") → one-word name groups written that way.
    Acronym,
    /// A group id (decimal) → the groups that link to it.
    LinkedFrom,
}

impl Index {
    pub const ALL: [Index; 6] = [
        Index::Surface,
        Index::Bucket,
        Index::ShortForm,
        Index::Initials,
        Index::Acronym,
        Index::LinkedFrom,
    ];
}

/// The index keys a group belongs under (for one index).
pub fn index_keys(g: &Group, ix: Index, gaz: &crate::mentions::Gazetteer) -> Vec<String> {
    let mut out: Vec<String> = match ix {
        Index::Surface => g
            .surfaces
            .iter()
            .map(|s| crate::normalize::key(&s.text))
            .filter(|k| !k.is_empty())
            .collect(),
        Index::Bucket => {
            if g.is_gazetteer() {
                Vec::new()
            } else {
                rules::typo_buckets(g.name_key())
            }
        }
        Index::ShortForm => {
            if g.is_gazetteer() || g.name_key().split(' ').count() < 2 {
                Vec::new()
            } else {
                rules::short_forms_of(g, gaz)
            }
        }
        Index::Initials => g
            .multi_part_keys()
            .map(crate::link::local::initials)
            .filter(|i| i.chars().count() >= 2)
            .collect(),
        Index::Acronym => {
            if g.is_single_word() {
                rules::acronym_of(g).into_iter().collect()
            } else {
                Vec::new()
            }
        }
        Index::LinkedFrom => Vec::new(),
    };
    out.sort();
    out.dedup();
    out
}

/// What linking reads and writes besides the documents: groups, entities and the indexes.
/// The store implements it over sled (with the writes of one commit held in memory);
/// [`memory::MemState`] keeps everything in memory.
pub trait LinkState {
    fn group(&mut self, id: GroupId) -> Result<Option<Group>>;
    fn group_by_key(&mut self, key: &str) -> Result<Option<GroupId>>;
    /// A fresh group id (never reused).
    fn new_group_id(&mut self) -> Result<GroupId>;
    fn put_group(&mut self, g: &Group) -> Result<()>;
    fn remove_group(&mut self, id: GroupId, key: &str) -> Result<()>;
    fn members(&mut self, ix: Index, key: &str) -> Result<Vec<GroupId>>;
    fn index_add(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()>;
    fn index_remove(&mut self, ix: Index, key: &str, g: GroupId) -> Result<()>;
    /// A core of several groups (a core of one group need not be kept: the linker draws it
    /// from the group).
    fn core(&mut self, anchor: GroupId) -> Result<Option<Core>>;
    fn put_core(&mut self, c: &Core) -> Result<()>;
    fn remove_core(&mut self, anchor: GroupId) -> Result<()>;
    /// The groups the curations reached when they were last replayed.
    fn curated_scope(&mut self) -> Result<Vec<GroupId>>;
    fn put_curated_scope(&mut self, groups: &[GroupId]) -> Result<()>;
    /// A stored entity. A *plain* entity (one name group, nothing a curation set: exactly
    /// [`finalize::draft`] of its group) need not be kept; the linker draws it from the group.
    fn entity(&mut self, id: EntityId) -> Result<Option<EntityDraft>>;
    /// Stores an entity; `groups` are its groups as they will be.
    fn put_entity(&mut self, e: &EntityDraft, groups: &[&Group]) -> Result<()>;
    fn remove_entity(&mut self, id: EntityId) -> Result<()>;
    /// For each of `surfaces` of group `g`: the first document (by name) that writes it with
    /// its first mention's rule, looked up again after the example document went away.
    fn examples(
        &mut self,
        g: GroupId,
        surfaces: &[String],
    ) -> Result<Vec<Option<(String, String)>>>;
}

#[cfg(test)]
mod tests;

//! An entity's face: its canonical name, type, aliases (each with the rule that linked it and an
//! example document), titles and counts, computed from its groups and the curations' overrides.
//! Every choice breaks ties by text, never by arrival order, so the result does not depend on
//! the order documents were ingested in.

use super::{EntityDraft, Group, vote};
use crate::mentions::Gazetteer;
use crate::model::{Alias, EntityId, EntityType};
use crate::normalize::key;
use std::collections::{BTreeMap, HashSet};

/// What curations set on an entity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub name: Option<String>,
    pub etype: Option<EntityType>,
    pub key: Option<String>,
    /// Earlier canonical names (after a rename).
    pub known: Vec<String>,
    /// Surface keys a curation brought in.
    pub curated: HashSet<String>,
}

/// Mention rules that say how a surface was linked inside its document.
const LINKING_MENTION_RULES: &[&str] = &[
    "surname-reuse",
    "east-asian-family-name",
    "acronym",
    "title-disambiguated",
];

/// Groups in the order their surfaces are merged: gazetteer groups first, then by key.
pub fn ordered<'g>(groups: &[&'g Group]) -> Vec<&'g Group> {
    let mut v = groups.to_vec();
    v.sort_by(|a, b| {
        b.is_gazetteer()
            .cmp(&a.is_gazetteer())
            .then(a.key.cmp(&b.key))
    });
    v
}

/// The canonical name: a curation's, the gazetteer's for a country, else the most written
/// surface among those with the most words (two or more counting alike).
pub fn canonical(groups: &[&Group], name: Option<&str>, gaz: &Gazetteer) -> String {
    if let Some(n) = name {
        return n.to_string();
    }
    let groups = ordered(groups);
    if let Some(n) = groups
        .iter()
        .find_map(|g| g.gid.as_ref())
        .and_then(|gid| gaz.country_names.get(gid))
    {
        return n.clone();
    }
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for g in &groups {
        for s in &g.surfaces {
            *counts.entry(s.text.as_str()).or_default() += s.count;
        }
    }
    let parts = |s: &str| key(s).split(' ').count().min(2);
    let max_parts = counts.keys().map(|s| parts(s)).max().unwrap_or(1);
    counts
        .iter()
        .filter(|(s, _)| parts(s) == max_parts)
        .max_by(|a, b| (a.1, a.0.len()).cmp(&(b.1, b.0.len())).then(b.0.cmp(a.0)))
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| {
            groups
                .first()
                .map_or(String::new(), |g| g.main_name().to_string())
        })
}

/// The entity type: a curation's, a gazetteer group's, else the vote of all its nodes.
pub fn entity_type(groups: &[&Group], forced: Option<EntityType>) -> EntityType {
    if let Some(t) = forced {
        return t;
    }
    let groups = ordered(groups);
    if let Some(g) = groups.iter().find(|g| g.is_gazetteer()) {
        return g.etype();
    }
    let mut votes = [0u64; 5];
    for g in &groups {
        for (v, x) in votes.iter_mut().zip(g.votes) {
            *v += x;
        }
    }
    vote(&votes)
}

/// The stable handle of an entity: the gazetteer id, else its name's key.
pub fn entity_key(name: &str, etype: EntityType, gid: Option<&str>) -> String {
    match gid {
        Some(g) => g.to_string(),
        None if etype == EntityType::Person => super::rules::person_key(name),
        None => key(name),
    }
}

/// How a surface of `g` came to be an alias of an entity named `name`.
fn alias_rule(g: &Group, surface: &str, mention_rule: &str, name: &str, ov: &Overrides) -> String {
    let sk = key(surface);
    if ov.curated.contains(&sk) {
        return "curation".into();
    }
    if let Some(l) = g.links.first() {
        return l.rule.clone();
    }
    if mention_rule.starts_with("gazetteer:") || LINKING_MENTION_RULES.contains(&mention_rule) {
        return mention_rule.to_string();
    }
    if surface == name {
        "exact".into()
    } else if sk == key(name) || super::rules::person_key(surface) == super::rules::person_key(name)
    {
        "normalised".into()
    } else {
        "exact".into()
    }
}

/// Most titles kept on an entity record (the most frequent first).
pub const MAX_TITLES: usize = 24;

/// The entity made of `groups` (at least one) with the curations' overrides.
pub fn draft(groups: &[&Group], ov: &Overrides, gaz: &Gazetteer) -> EntityDraft {
    let ordered = ordered(groups);
    let name = canonical(groups, ov.name.as_deref(), gaz);
    let etype = entity_type(groups, ov.etype);
    let gazetteer_id = ordered.iter().find_map(|g| g.gid.clone());
    let handle = ov
        .key
        .clone()
        .unwrap_or_else(|| entity_key(&name, etype, gazetteer_id.as_deref()));
    let mut aliases: Vec<Alias> = Vec::new();
    let mut titles: BTreeMap<&str, u64> = BTreeMap::new();
    for g in &ordered {
        for s in &g.surfaces {
            if let Some(a) = aliases.iter_mut().find(|a| a.surface == s.text) {
                a.count += s.count;
                continue;
            }
            aliases.push(Alias {
                surface: s.text.clone(),
                rule: alias_rule(g, &s.text, &s.rule, &name, ov),
                doc: s.doc.clone(),
                count: s.count,
            });
        }
        for t in &g.titles {
            *titles.entry(t.text.as_str()).or_default() += t.count;
        }
    }
    aliases.sort_by(|a, b| b.count.cmp(&a.count).then(a.surface.cmp(&b.surface)));
    let mut titles: Vec<(&str, u64)> = titles.into_iter().collect();
    titles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut seen = HashSet::new();
    let titles: Vec<String> = titles
        .into_iter()
        .filter(|(t, _)| seen.insert(key(t)))
        .take(MAX_TITLES)
        .map(|(t, _)| t.to_string())
        .collect();
    let mut ids: Vec<_> = groups.iter().map(|g| g.id).collect();
    ids.sort();
    EntityDraft {
        id: EntityId(ids.first().map_or(0, |g| g.0)),
        groups: ids,
        name,
        etype,
        key: handle,
        gazetteer_id,
        aliases,
        titles,
        mentions: groups.iter().map(|g| g.mentions).sum(),
        nodes: groups.iter().map(|g| g.nodes).sum(),
        known: ov.known.clone(),
    }
}

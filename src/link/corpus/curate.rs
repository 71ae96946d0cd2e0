//! The user's curations, replayed in order over the automatic entities (each a set of groups):
//! `alias` makes a surface mean an entity, `merge` folds one entity into another, `split` moves
//! aliases to an entity of their own, `rename` and `type` set the name and type.
//!
//! A curation names entities by canonical name (current or earlier), key, gazetteer id or
//! alias; [`scope`] lists every group such a name can reach, so the incremental linker replays
//! the curations over just the entities they can touch.

use super::finalize::{self, Overrides};
use super::{EntityDraft, Group};
use crate::mentions::Gazetteer;
use crate::model::{Alias, Curation, GroupId};
use crate::normalize::key;
use std::collections::{HashMap, HashSet};

/// One entity while curations are replayed.
#[derive(Clone, Debug, Default)]
pub struct Work {
    /// Its groups, sorted.
    pub members: Vec<GroupId>,
    pub ov: Overrides,
}

/// The names a curation refers to entities by.
pub fn names_of(c: &Curation) -> Vec<&str> {
    match c {
        Curation::Alias { alias, entity } => vec![alias, entity],
        Curation::Merge { into, from } => vec![into, from],
        Curation::Split { entity, aliases } => std::iter::once(entity.as_str())
            .chain(aliases.iter().map(String::as_str))
            .collect(),
        Curation::Rename { entity, .. } | Curation::Type { entity, .. } => vec![entity],
    }
}

/// The keys under which [`super::LinkState`] can find the groups a name may refer to: the
/// surface index for its normalised key, and the group keys it may be.
pub fn lookup_keys(name: &str) -> (String, Vec<String>) {
    let k = key(name);
    let pk = super::rules::person_key(name);
    let mut group_keys = vec![
        format!("key:{k}"),
        format!("key:{pk}"),
        name.trim().to_string(),
    ];
    group_keys.dedup();
    (k, group_keys)
}

type Groups = HashMap<GroupId, Group>;

fn members<'g>(w: &Work, groups: &'g Groups) -> Vec<&'g Group> {
    w.members.iter().filter_map(|m| groups.get(m)).collect()
}

fn name_of(w: &Work, groups: &Groups, gaz: &Gazetteer) -> String {
    finalize::canonical(&members(w, groups), w.ov.name.as_deref(), gaz)
}

/// The entity a curation names: by canonical name (current or earlier), key or gazetteer id,
/// else the one with most mentions among those with that alias.
fn find(works: &[Work], groups: &Groups, name: &str, gaz: &Gazetteer) -> Option<usize> {
    let k = key(name);
    let live = || {
        works
            .iter()
            .enumerate()
            .filter(|(_, w)| !w.members.is_empty())
    };
    if let Some((i, _)) = live().find(|(_, w)| key(&name_of(w, groups, gaz)) == k) {
        return Some(i);
    }
    if let Some((i, _)) = live().find(|(_, w)| w.ov.known.iter().any(|x| key(x) == k)) {
        return Some(i);
    }
    if let Some((i, _)) = live().find(|(_, w)| {
        w.ov.key.as_deref() == Some(name)
            || members(w, groups)
                .iter()
                .any(|g| g.gid.as_deref() == Some(name))
    }) {
        return Some(i);
    }
    live()
        .filter(|(_, w)| {
            members(w, groups).iter().any(|g| {
                g.name_keys.iter().any(|n| n.text == k)
                    || g.surfaces.iter().any(|s| key(&s.text) == k)
            })
        })
        .max_by_key(|(i, w)| {
            (
                members(w, groups).iter().map(|g| g.mentions).sum::<u64>(),
                std::cmp::Reverse(*i),
            )
        })
        .map(|(i, _)| i)
}

/// Does group `g` go by one of these surface keys (its name, or all it writes)?
fn goes_by(g: &Group, keys: &HashSet<String>) -> bool {
    let all_names = !g.name_keys.is_empty() && g.name_keys.iter().all(|n| keys.contains(&n.text));
    let all_surfaces =
        !g.surfaces.is_empty() && g.surfaces.iter().all(|s| keys.contains(&key(&s.text)));
    all_names || all_surfaces
}

/// Replays `curations` in order over `works`.
pub fn replay(works: &mut Vec<Work>, groups: &Groups, curations: &[Curation], gaz: &Gazetteer) {
    for c in curations {
        apply(works, groups, c, gaz);
    }
}

fn apply(works: &mut Vec<Work>, groups: &Groups, c: &Curation, gaz: &Gazetteer) {
    match c {
        Curation::Alias { alias, entity } => {
            let Some(t) = find(works, groups, entity, gaz) else {
                return;
            };
            let keys: HashSet<String> = [key(alias)].into_iter().collect();
            let mut moved = Vec::new();
            for (i, w) in works.iter_mut().enumerate() {
                if i == t {
                    continue;
                }
                let (go, stay): (Vec<GroupId>, Vec<GroupId>) = w
                    .members
                    .iter()
                    .partition(|m| groups.get(m).is_some_and(|g| goes_by(g, &keys)));
                w.members = stay;
                moved.extend(go);
            }
            let w = &mut works[t];
            w.members.extend(moved);
            w.members.sort();
            w.ov.curated.insert(key(alias));
        }
        Curation::Merge { into, from } => {
            let (Some(a), Some(b)) = (
                find(works, groups, into, gaz),
                find(works, groups, from, gaz),
            ) else {
                return;
            };
            if a == b {
                return;
            }
            let from_w = std::mem::take(&mut works[b]);
            let a_name = name_of(&works[a], groups, gaz);
            let w = &mut works[a];
            for m in &from_w.members {
                if let Some(g) = groups.get(m) {
                    w.ov.curated.extend(g.surfaces.iter().map(|s| key(&s.text)));
                }
            }
            w.members.extend(from_w.members);
            w.members.sort();
            w.ov.curated.extend(from_w.ov.curated);
            w.ov.known.extend(from_w.ov.known);
            if w.ov.name.is_none() {
                w.ov.name = Some(a_name);
            }
        }
        Curation::Split { entity, aliases } => {
            let Some(t) = find(works, groups, entity, gaz) else {
                return;
            };
            let keys: HashSet<String> = aliases.iter().map(|a| key(a)).collect();
            let (go, stay): (Vec<GroupId>, Vec<GroupId>) = works[t]
                .members
                .iter()
                .partition(|m| groups.get(m).is_some_and(|g| goes_by(g, &keys)));
            if go.is_empty() || stay.is_empty() {
                return;
            }
            let old_name = name_of(&works[t], groups, gaz);
            works[t].members = stay;
            if works[t].ov.name.is_none() {
                works[t].ov.name = Some(old_name);
            }
            let first = aliases.first().map(|a| key(a)).unwrap_or_default();
            works.push(Work {
                members: go,
                ov: Overrides {
                    key: Some(format!("split:{first}")),
                    curated: keys,
                    ..Overrides::default()
                },
            });
        }
        Curation::Rename { entity, name } => {
            let Some(t) = find(works, groups, entity, gaz) else {
                return;
            };
            let old = name_of(&works[t], groups, gaz);
            // the key stays what it was, so a later curation still finds it
            if works[t].ov.key.is_none() {
                let d = finalize::draft(&members(&works[t], groups), &works[t].ov, gaz);
                works[t].ov.key = Some(d.key);
            }
            works[t].ov.known.push(old);
            works[t].ov.name = Some(name.clone());
        }
        Curation::Type { entity, etype } => {
            if let Some(t) = find(works, groups, entity, gaz) {
                works[t].ov.etype = Some(*etype);
            }
        }
    }
}

/// The entities of the replayed works, each with the aliases an `alias` curation gave it where
/// no document writes them yet (so `kg show ALIAS` finds it at once).
pub fn drafts(
    works: &[Work],
    groups: &Groups,
    curations: &[Curation],
    gaz: &Gazetteer,
) -> Vec<EntityDraft> {
    let mut out: Vec<EntityDraft> = works
        .iter()
        .filter(|w| !w.members.is_empty())
        .map(|w| finalize::draft(&members(w, groups), &w.ov, gaz))
        .collect();
    for c in curations {
        let Curation::Alias { alias, entity } = c else {
            continue;
        };
        let (ak, ek) = (key(alias), key(entity));
        let names = |d: &EntityDraft| -> Vec<String> {
            let mut v: Vec<String> = d.aliases.iter().map(|a| key(&a.surface)).collect();
            v.push(key(&d.name));
            v
        };
        let target = out
            .iter()
            .position(|d| key(&d.name) == ek)
            .or_else(|| out.iter().position(|d| names(d).contains(&ek)));
        if let Some(t) = target
            && !names(&out[t]).contains(&ak)
        {
            out[t].aliases.push(Alias {
                surface: alias.clone(),
                rule: "curation:alias".into(),
                doc: String::new(),
                count: 0,
            });
        }
    }
    out
}

/// Works of the automatic entities `entities` (each a list of groups), in a fixed order that
/// does not depend on ids: by their smallest group key.
pub fn works_of(entities: Vec<Vec<GroupId>>, groups: &Groups) -> Vec<Work> {
    let mut works: Vec<(String, Work)> = entities
        .into_iter()
        .map(|mut m| {
            m.sort();
            let k = m
                .iter()
                .filter_map(|g| groups.get(g).map(|g| g.key.clone()))
                .min()
                .unwrap_or_default();
            (
                k,
                Work {
                    members: m,
                    ov: Overrides::default(),
                },
            )
        })
        .collect();
    works.sort_by(|a, b| a.0.cmp(&b.0));
    works.into_iter().map(|(_, w)| w).collect()
}

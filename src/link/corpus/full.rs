//! Linking decided from scratch over all groups (`kg relink`, and the reference the incremental
//! linker is tested against). It asks the rules of [`super::rules`] about every candidate pair
//! an in-memory index finds.

use super::curate::{self, Work};
use super::rules::{self, Target};
use super::{EntityDraft, Group, Index, Link, index_keys};
use crate::mentions::Gazetteer;
use crate::model::{Curation, EntityId, GroupId};
use std::collections::{BTreeMap, HashMap};

/// Union-find over group ids; the root of a set is its smallest id.
#[derive(Default)]
pub struct Sets {
    parent: HashMap<GroupId, GroupId>,
}

impl Sets {
    pub fn find(&mut self, x: GroupId) -> GroupId {
        let mut r = x;
        while let Some(&p) = self.parent.get(&r) {
            if p == r {
                break;
            }
            r = p;
        }
        let mut y = x;
        while let Some(&p) = self.parent.get(&y) {
            if p == r {
                break;
            }
            self.parent.insert(y, r);
            y = p;
        }
        r
    }
    pub fn union(&mut self, a: GroupId, b: GroupId) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (r, c) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(c, r);
            self.parent.entry(r).or_insert(r);
        }
    }
}

/// The result of linking: every group with its links and entity, and the entities.
#[derive(Debug, Default)]
pub struct Outcome {
    pub groups: HashMap<GroupId, Group>,
    pub cores: Vec<super::Core>,
    pub entities: Vec<EntityDraft>,
}

/// The groups under each key of an index.
fn build_index(
    groups: &HashMap<GroupId, Group>,
    ix: Index,
    gaz: &Gazetteer,
) -> HashMap<String, Vec<GroupId>> {
    let mut m: HashMap<String, Vec<GroupId>> = HashMap::new();
    for g in groups.values() {
        for k in index_keys(g, ix, gaz) {
            m.entry(k).or_default().push(g.id);
        }
    }
    for v in m.values_mut() {
        v.sort();
    }
    m
}

/// Sorts typo links so that the one to the heaviest partner comes first.
pub fn order_typo_links(links: &mut [Link], groups: &HashMap<GroupId, Group>) {
    links.sort_by(|a, b| {
        let (ga, gb) = (groups.get(&a.to), groups.get(&b.to));
        let wa = ga.map(|g| (std::cmp::Reverse(g.weight), g.key.clone()));
        let wb = gb.map(|g| (std::cmp::Reverse(g.weight), g.key.clone()));
        wa.cmp(&wb).then(a.cmp(b))
    });
}

/// The cores (groups joined by rules 1-2) with their type and family-first shape.
pub struct Cores {
    pub anchor: HashMap<GroupId, GroupId>,
    pub info: HashMap<GroupId, (crate::model::EntityType, bool)>,
}

/// A core's type before lone words join and whether one of its names is family name first.
pub fn core_info(members: &[&Group], gaz: &Gazetteer) -> (crate::model::EntityType, bool) {
    let etype = super::finalize::entity_type(members, None);
    let ff = members.iter().any(|g| {
        g.multi_part_keys().next().is_some() && rules::looks_family_first(g.main_name(), gaz)
    });
    (etype, ff)
}

/// Links every group from scratch and replays the curations.
pub fn link_all(
    mut groups: HashMap<GroupId, Group>,
    curations: &[Curation],
    gaz: &Gazetteer,
) -> Outcome {
    for g in groups.values_mut() {
        g.links.clear();
    }
    let surface = build_index(&groups, Index::Surface, gaz);
    // 1. gazetteer names
    let mut gaz_linked: HashMap<GroupId, Link> = HashMap::new();
    for g in groups.values() {
        if g.is_gazetteer() {
            continue;
        }
        let cands: Vec<&Group> = surface
            .get(g.name_key())
            .into_iter()
            .flatten()
            .filter_map(|id| groups.get(id))
            .collect();
        if let Some(l) = rules::gazetteer_name_target(g, &cands) {
            gaz_linked.insert(g.id, l);
        }
    }
    // 2. typos
    let mut typo: HashMap<GroupId, Vec<Link>> = HashMap::new();
    {
        let eligible = |g: &Group| rules::typo_eligible(g, gaz_linked.contains_key(&g.id), gaz);
        let mut buckets: BTreeMap<String, Vec<GroupId>> = BTreeMap::new();
        for g in groups.values().filter(|g| eligible(g)) {
            for b in rules::typo_buckets(g.name_key()) {
                buckets.entry(b).or_default().push(g.id);
            }
        }
        let mut seen: std::collections::HashSet<(GroupId, GroupId)> = Default::default();
        let mut ids: Vec<GroupId> = groups
            .values()
            .filter(|g| eligible(g))
            .map(|g| g.id)
            .collect();
        ids.sort();
        for a in &ids {
            let probes = rules::typo_probes(groups[a].name_key());
            for b in probes.iter().filter_map(|p| buckets.get(p)).flatten() {
                {
                    if a == b || !seen.insert((*a.min(b), *a.max(b))) {
                        continue;
                    }
                    let (ga, gb) = (&groups[a], &groups[b]);
                    if let Some(rule) = rules::typo_rule(ga, gb) {
                        let (lose, win) = if rules::typo_joins(ga, gb) {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        typo.entry(*lose).or_default().push(Link {
                            to: *win,
                            rule: rule.into(),
                        });
                    }
                }
            }
        }
    }
    for (id, mut links) in typo {
        order_typo_links(&mut links, &groups);
        if let Some(g) = groups.get_mut(&id) {
            g.links = links;
        }
    }
    for (id, l) in gaz_linked {
        if let Some(g) = groups.get_mut(&id) {
            g.links = vec![l];
        }
    }
    // cores: rules 1-2
    let mut sets = Sets::default();
    for g in groups.values() {
        sets.find(g.id);
        for l in &g.links {
            sets.union(g.id, l.to);
        }
    }
    let mut core_members: HashMap<GroupId, Vec<GroupId>> = HashMap::new();
    for id in groups.keys() {
        core_members.entry(sets.find(*id)).or_default().push(*id);
    }
    let core_of: HashMap<GroupId, GroupId> =
        groups.keys().map(|id| (*id, sets.find(*id))).collect();
    let info: HashMap<GroupId, (crate::model::EntityType, bool)> = core_members
        .iter()
        .map(|(a, m)| {
            let ms: Vec<&Group> = m.iter().filter_map(|x| groups.get(x)).collect();
            (*a, core_info(&ms, gaz))
        })
        .collect();
    let mut cores: Vec<super::Core> = core_members
        .iter()
        .map(|(a, m)| {
            let mut members = m.clone();
            members.sort();
            let (etype, family_first) = info[a];
            super::Core {
                anchor: *a,
                members,
                etype,
                family_first,
            }
        })
        .collect();
    cores.sort_by_key(|c| c.anchor);
    for (id, a) in &core_of {
        if let Some(g) = groups.get_mut(id) {
            g.core = *a;
        }
    }
    // 3. lone words
    let initials = build_index(&groups, Index::Initials, gaz);
    let short = build_index(&groups, Index::ShortForm, gaz);
    let cores_for = |ids: Option<&Vec<GroupId>>, me: GroupId| -> Vec<Target> {
        ids.into_iter()
            .flatten()
            .filter(|id| core_of.get(id) != core_of.get(&me))
            .filter_map(|id| {
                let a = *core_of.get(id)?;
                let (etype, family_first) = *info.get(&a)?;
                Some(Target {
                    anchor: a,
                    etype,
                    family_first,
                    via: *id,
                })
            })
            .collect()
    };
    let mut single_links: Vec<(GroupId, Link)> = Vec::new();
    for g in groups.values() {
        if !g.is_single_word() || !g.links.is_empty() {
            continue;
        }
        let acr = rules::acronym_of(g)
            .map(|l| cores_for(initials.get(&l), g.id))
            .unwrap_or_default();
        let sh = cores_for(short.get(g.name_key()), g.id);
        if let Some(l) = rules::single_target(g, &acr, &sh) {
            single_links.push((g.id, l));
        }
    }
    for (id, l) in single_links {
        sets.union(id, l.to);
        if let Some(g) = groups.get_mut(&id) {
            g.links = vec![l];
        }
    }
    // automatic entities, then curations
    let mut autos: BTreeMap<GroupId, Vec<GroupId>> = BTreeMap::new();
    for id in groups.keys().copied().collect::<Vec<_>>() {
        let a = sets.find(id);
        autos.entry(a).or_default().push(id);
        if let Some(g) = groups.get_mut(&id) {
            g.auto = a;
        }
    }
    let mut works: Vec<Work> = curate::works_of(autos.into_values().collect(), &groups);
    curate::replay(&mut works, &groups, curations, gaz);
    let entities = curate::drafts(&works, &groups, curations, gaz);
    for e in &entities {
        for gid in &e.groups {
            if let Some(g) = groups.get_mut(gid) {
                g.entity = e.id;
            }
        }
    }
    let mut entities = entities;
    entities.sort_by_key(|e| e.id);
    Outcome {
        groups,
        cores,
        entities,
    }
}

/// Entity id of a group's automatic entity (for tests and checks).
pub fn auto_entity(g: &Group) -> EntityId {
    EntityId(g.auto.0)
}

/// The groups the curations can reach (every group of the automatic entities their names
/// find), as the incremental linker keeps it after replaying them.
pub fn curated_scope(out: &Outcome, curations: &[Curation], gaz: &Gazetteer) -> Vec<GroupId> {
    if curations.is_empty() {
        return Vec::new();
    }
    let surface = build_index(&out.groups, Index::Surface, gaz);
    let by_key: HashMap<&str, GroupId> = out
        .groups
        .values()
        .map(|g| (g.key.as_str(), g.id))
        .collect();
    let mut found: std::collections::BTreeSet<GroupId> = Default::default();
    for c in curations {
        for n in curate::names_of(c) {
            let (sk, keys) = curate::lookup_keys(n);
            found.extend(surface.get(&sk).into_iter().flatten().copied());
            for k in keys {
                if let Some(id) = by_key.get(k.as_str()) {
                    found.insert(*id);
                }
            }
        }
    }
    let autos: std::collections::BTreeSet<GroupId> = found
        .iter()
        .filter_map(|g| out.groups.get(g).map(|g| g.auto))
        .collect();
    let mut scope: Vec<GroupId> = out
        .groups
        .values()
        .filter(|g| autos.contains(&g.auto))
        .map(|g| g.id)
        .collect();
    scope.sort();
    scope
}

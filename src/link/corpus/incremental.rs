//! Incremental linking: documents added or removed change only their own groups' aggregates;
//! [`Linker::finish`] then re-decides exactly the decisions those changes can reach, in the
//! order of the rules, and leaves everything else as it was:
//!
//! 1. gazetteer names of the name groups touched, and of the name groups whose name a touched
//!    gazetteer group writes (or wrote);
//! 2. typo links of the touched name groups and of their typo partners (found through the
//!    deletion buckets);
//! 3. the cores (groups joined by 1-2) that lost or gained a link or a touched member;
//! 4. the lone words (singles) whose candidate cores changed, or that were touched;
//! 5. the automatic entities of the changed cores and singles, then the curations over the
//!    entities they can reach, then the entities' faces.
//!
//! The cost is proportional to what the batch touches, not to the corpus. The result equals
//! [`super::full::link_all`] over the same documents in any order and batching (tested).

use super::curate::{self, Work};
use super::finalize;
use super::full::{core_info, order_typo_links};
use super::rules::{self, Target};
use super::{Core, EntityDraft, Group, Index, Link, LinkState, Node, index_keys};
use crate::error::Result;
use crate::mentions::Gazetteer;
use crate::model::{Curation, EntityId, GroupId};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// What a [`Linker::finish`] changed, for the store's own records.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Entities written (new or changed).
    pub entities: Vec<EntityDraft>,
    /// Entity ids that no longer exist.
    pub removed: Vec<EntityId>,
    /// Groups whose entity changed: (group, old entity, new entity).
    pub moved: Vec<(GroupId, EntityId, EntityId)>,
    /// How many of `entities` are new.
    pub created: usize,
    /// How each changed or removed entity looked before.
    pub old: Vec<EntityDraft>,
}

/// Links a batch of documents into the corpus held by a [`LinkState`].
pub struct Linker<'s, S: LinkState> {
    pub state: &'s mut S,
    gaz: &'s Gazetteer,
    curations: &'s [Curation],
    /// Working copies of the groups read or changed.
    work: BTreeMap<GroupId, Group>,
    /// Groups to write back.
    dirty: BTreeSet<GroupId>,
    /// Before-images of groups whose aggregates changed (None: new).
    before: BTreeMap<GroupId, Option<Group>>,
    /// Surfaces whose example document went away, per group.
    refresh: BTreeMap<GroupId, Vec<String>>,
    /// Links as they were before this batch changed them.
    old_links: BTreeMap<GroupId, Vec<Link>>,
    /// Set when the curations changed: replay them even if no entity they reach changed.
    pub curations_changed: bool,
}

impl<'s, S: LinkState> Linker<'s, S> {
    pub fn new(state: &'s mut S, gaz: &'s Gazetteer, curations: &'s [Curation]) -> Self {
        Linker {
            state,
            gaz,
            curations,
            work: BTreeMap::new(),
            dirty: BTreeSet::new(),
            before: BTreeMap::new(),
            refresh: BTreeMap::new(),
            old_links: BTreeMap::new(),
            curations_changed: false,
        }
    }

    fn load(&mut self, id: GroupId) -> Result<bool> {
        if self.work.contains_key(&id) {
            return Ok(true);
        }
        match self.state.group(id)? {
            Some(g) => {
                self.work.insert(id, g);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn get(&mut self, id: GroupId) -> Result<Option<&Group>> {
        Ok(if self.load(id)? {
            self.work.get(&id)
        } else {
            None
        })
    }

    fn get_mut(&mut self, id: GroupId) -> Result<Option<&mut Group>> {
        if !self.load(id)? {
            return Ok(None);
        }
        self.dirty.insert(id);
        Ok(self.work.get_mut(&id))
    }

    fn remember(&mut self, id: GroupId) -> Result<()> {
        if !self.before.contains_key(&id) {
            let old = self.get(id)?.cloned();
            self.before.insert(id, old);
        }
        Ok(())
    }

    fn live(&self, id: GroupId) -> bool {
        self.work.get(&id).is_some_and(|g| g.nodes > 0)
    }

    /// Adds a document's nodes to their groups (creating groups for new keys); returns the
    /// group of each node.
    pub fn add_doc(&mut self, doc: &str, nodes: &[Node]) -> Result<Vec<GroupId>> {
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            let id = match self.state.group_by_key(&n.key)? {
                Some(id) => {
                    self.remember(id)?;
                    id
                }
                None => {
                    let id = self.state.new_group_id()?;
                    let g = Group {
                        id,
                        key: n.key.clone(),
                        gid: n.gid.clone(),
                        core: id,
                        auto: id,
                        entity: EntityId(id.0),
                        ..Group::default()
                    };
                    self.state.put_group(&g)?;
                    self.work.insert(id, g);
                    self.before.insert(id, None);
                    id
                }
            };
            if let Some(g) = self.get_mut(id)? {
                g.count_node(n, doc, 1);
            }
            out.push(id);
        }
        Ok(out)
    }

    /// Removes a document's nodes (with the groups [`Linker::add_doc`] gave them).
    pub fn remove_doc(&mut self, doc: &str, nodes: &[Node], groups: &[GroupId]) -> Result<()> {
        for (n, id) in nodes.iter().zip(groups) {
            self.remember(*id)?;
            let Some(g) = self.get_mut(*id)? else {
                continue;
            };
            let gone = g.examples_in(doc);
            g.count_node(n, doc, -1);
            let gone: Vec<String> = gone
                .into_iter()
                .filter(|s| g.surfaces.iter().any(|x| &x.text == s))
                .collect();
            if !gone.is_empty() {
                self.refresh.entry(*id).or_default().extend(gone);
            }
        }
        Ok(())
    }

    /// Re-decides what the batch can change and writes it to the state.
    pub fn finish(mut self) -> Result<Changes> {
        self.refresh_examples()?;
        let touched: Vec<GroupId> = self.before.keys().copied().collect();
        let surface_keys = self.update_indexes(&touched)?;
        for id in &touched {
            if !self.live(*id) {
                self.set_links(*id, Vec::new())?;
            }
        }
        // 1. gazetteer names
        let mut relinked: BTreeSet<GroupId> = BTreeSet::new();
        let gaz_candidates = self.gazetteer_candidates(&touched, &surface_keys)?;
        let mut gaz_changed = BTreeSet::new();
        for id in gaz_candidates {
            if self.decide_gazetteer(id)? {
                gaz_changed.insert(id);
                relinked.insert(id);
            }
        }
        // 2. typos
        let typo_seeds: BTreeSet<GroupId> = touched
            .iter()
            .copied()
            .chain(gaz_changed.iter().copied())
            .collect();
        for id in self.decide_typos(&typo_seeds)? {
            relinked.insert(id);
        }
        // 3. cores
        let core_seeds: BTreeSet<GroupId> = touched.iter().copied().chain(relinked).collect();
        let (changed_cores, old_cores) = self.rebuild_cores(&core_seeds)?;
        // 4. singles
        let singles = self.affected_singles(&touched, &gaz_changed, &changed_cores, &old_cores)?;
        let mut single_changed = BTreeSet::new();
        for id in singles {
            if self.decide_single(id)? {
                single_changed.insert(id);
            }
        }
        // 5. automatic entities, curations, faces
        let autos = self.rebuild_autos(&changed_cores, &old_cores, &single_changed, &touched)?;
        let changes = self.finalize_entities(autos)?;
        for id in std::mem::take(&mut self.dirty) {
            match self.work.get(&id) {
                Some(g) if g.nodes > 0 => self.state.put_group(g)?,
                Some(g) => {
                    let key = g.key.clone();
                    self.state.remove_group(id, &key)?
                }
                None => {}
            }
        }
        Ok(changes)
    }

    fn refresh_examples(&mut self) -> Result<()> {
        for (id, surfaces) in std::mem::take(&mut self.refresh) {
            let found = self.state.examples(id, &surfaces)?;
            if let Some(g) = self.get_mut(id)? {
                for (s, f) in surfaces.iter().zip(found) {
                    if let (Some(x), Some((doc, rule))) =
                        (g.surfaces.iter_mut().find(|x| &x.text == s), f)
                    {
                        x.doc = doc;
                        x.rule = rule;
                    }
                }
            }
        }
        Ok(())
    }

    /// Moves touched groups between index keys; returns the surface keys whose gazetteer
    /// groups changed (a gazetteer group wrote or stopped writing them, or changed type).
    fn update_indexes(&mut self, touched: &[GroupId]) -> Result<BTreeSet<String>> {
        let mut surface_keys = BTreeSet::new();
        for id in touched {
            let old = self.before.get(id).cloned().flatten();
            let new = self.work.get(id).filter(|g| g.nodes > 0).cloned();
            for ix in Index::ALL {
                if ix == Index::LinkedFrom {
                    continue;
                }
                let ok: BTreeSet<String> = old
                    .as_ref()
                    .map(|g| index_keys(g, ix, self.gaz))
                    .unwrap_or_default()
                    .into_iter()
                    .collect();
                let nk: BTreeSet<String> = new
                    .as_ref()
                    .map(|g| index_keys(g, ix, self.gaz))
                    .unwrap_or_default()
                    .into_iter()
                    .collect();
                for k in ok.difference(&nk) {
                    self.state.index_remove(ix, k, *id)?;
                }
                for k in nk.difference(&ok) {
                    self.state.index_add(ix, k, *id)?;
                }
                let gazetteer = old
                    .as_ref()
                    .or(new.as_ref())
                    .is_some_and(|g| g.is_gazetteer());
                if ix == Index::Surface && gazetteer {
                    let type_changed =
                        old.as_ref().map(|g| g.etype()) != new.as_ref().map(|g| g.etype());
                    if type_changed {
                        surface_keys.extend(ok.union(&nk).cloned());
                    } else {
                        surface_keys.extend(ok.symmetric_difference(&nk).cloned());
                    }
                }
            }
        }
        Ok(surface_keys)
    }

    fn gazetteer_candidates(
        &mut self,
        touched: &[GroupId],
        surface_keys: &BTreeSet<String>,
    ) -> Result<BTreeSet<GroupId>> {
        let mut out: BTreeSet<GroupId> = BTreeSet::new();
        for id in touched {
            if self.get(*id)?.is_some_and(|g| !g.is_gazetteer()) {
                out.insert(*id);
            }
        }
        for k in surface_keys {
            if let Some(id) = self.state.group_by_key(&format!("key:{k}"))? {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// Sets a group's links, keeping the LinkedFrom index in step.
    fn set_links(&mut self, id: GroupId, links: Vec<Link>) -> Result<bool> {
        let old = self.get(id)?.map(|g| g.links.clone()).unwrap_or_default();
        if old == links {
            return Ok(false);
        }
        self.old_links.entry(id).or_insert_with(|| old.clone());
        for l in &old {
            if !links.iter().any(|x| x.to == l.to) {
                self.state
                    .index_remove(Index::LinkedFrom, &l.to.0.to_string(), id)?;
            }
        }
        for l in &links {
            if !old.iter().any(|x| x.to == l.to) {
                self.state
                    .index_add(Index::LinkedFrom, &l.to.0.to_string(), id)?;
            }
        }
        if let Some(g) = self.get_mut(id)? {
            g.links = links;
        }
        Ok(true)
    }

    /// Rule 1 for one group; true when its links changed.
    fn decide_gazetteer(&mut self, id: GroupId) -> Result<bool> {
        let Some(g) = self.get(id)?.cloned() else {
            return Ok(false);
        };
        let had = g.links.first().is_some_and(|l| l.rule == "gazetteer:name");
        let target = if g.nodes == 0 || g.is_gazetteer() {
            None
        } else {
            let mut cands = Vec::new();
            for c in self.state.members(Index::Surface, g.name_key())? {
                if let Some(x) = self.get(c)?
                    && x.nodes > 0
                {
                    cands.push(x.clone());
                }
            }
            let refs: Vec<&Group> = cands.iter().collect();
            rules::gazetteer_name_target(&g, &refs)
        };
        match (had, target) {
            (_, Some(l)) => self.set_links(id, vec![l]),
            (true, None) => self.set_links(id, Vec::new()),
            (false, None) => Ok(false),
        }
    }

    fn joined_gazetteer(g: &Group) -> bool {
        g.links.first().is_some_and(|l| l.rule == "gazetteer:name")
    }

    /// Rule 2 for the seeds and their partners; returns the groups whose links changed.
    fn decide_typos(&mut self, seeds: &BTreeSet<GroupId>) -> Result<BTreeSet<GroupId>> {
        // every group whose typo links may change: the seeds and all their bucket partners
        let mut affected: BTreeSet<GroupId> = BTreeSet::new();
        for id in seeds {
            let mut keys: BTreeSet<String> = BTreeSet::new();
            if let Some(Some(old)) = self.before.get(id) {
                keys.extend(rules::typo_probes(old.name_key()));
            }
            if let Some(g) = self.get(*id)? {
                if g.is_gazetteer() {
                    continue;
                }
                keys.extend(rules::typo_probes(g.name_key()));
            }
            if keys.is_empty() {
                continue;
            }
            affected.insert(*id);
            for k in keys {
                affected.extend(self.state.members(Index::Bucket, &k)?);
            }
            // partners it joined before
            if let Some(g) = self.get(*id)? {
                affected.extend(
                    g.links
                        .iter()
                        .filter(|l| l.rule.starts_with("typo:"))
                        .map(|l| l.to),
                );
            }
            affected.extend(self.state.members(Index::LinkedFrom, &id.0.to_string())?);
        }
        let mut changed = BTreeSet::new();
        for id in affected {
            if self.recompute_typo_links(id)? {
                changed.insert(id);
            }
        }
        Ok(changed)
    }

    fn typo_eligible_now(&mut self, id: GroupId) -> Result<bool> {
        let gaz = self.gaz;
        Ok(self.get(id)?.is_some_and(|g| {
            g.nodes > 0 && rules::typo_eligible(g, Self::joined_gazetteer(g), gaz)
        }))
    }

    /// The typo links of one group from its buckets; true when they changed.
    fn recompute_typo_links(&mut self, id: GroupId) -> Result<bool> {
        let Some(g) = self.get(id)?.cloned() else {
            return Ok(false);
        };
        if Self::joined_gazetteer(&g) || g.links.first().is_some_and(Link::is_single) {
            return Ok(false);
        }
        let mut links: Vec<Link> = Vec::new();
        if self.typo_eligible_now(id)? {
            let mut seen = BTreeSet::new();
            for b in rules::typo_probes(g.name_key()) {
                for c in self.state.members(Index::Bucket, &b)? {
                    if c == id || !seen.insert(c) || !self.typo_eligible_now(c)? {
                        continue;
                    }
                    let Some(other) = self.get(c)?.cloned() else {
                        continue;
                    };
                    if let Some(rule) = rules::typo_rule(&g, &other)
                        && rules::typo_joins(&g, &other)
                    {
                        links.push(Link {
                            to: c,
                            rule: rule.into(),
                        });
                    }
                }
            }
            let mut weights: HashMap<GroupId, Group> = HashMap::new();
            for l in &links {
                if let Some(x) = self.get(l.to)? {
                    weights.insert(l.to, x.clone());
                }
            }
            order_typo_links(&mut links, &weights);
        }
        self.set_links(id, links)
    }

    /// Rebuilds the cores reached from `seeds` over links of rules 1-2 (both directions).
    /// Returns the cores that changed (new anchors) and the anchors of the cores before.
    fn rebuild_cores(&mut self, seeds: &BTreeSet<GroupId>) -> Result<(Vec<Core>, Vec<Core>)> {
        // the old cores of the seeds, all their members
        let mut old_cores: BTreeMap<GroupId, Core> = BTreeMap::new();
        let mut start: BTreeSet<GroupId> = BTreeSet::new();
        for id in seeds {
            start.insert(*id);
            let anchor = match self.before.get(id) {
                Some(Some(b)) => b.core,
                Some(None) => continue,
                None => match self.get(*id)? {
                    Some(g) => g.core,
                    None => continue,
                },
            };
            if let std::collections::btree_map::Entry::Vacant(e) = old_cores.entry(anchor)
                && let Some(c) = self.core(anchor)?
            {
                start.extend(c.members.iter().copied());
                e.insert(c);
            }
        }
        // new components over core links
        let mut seen: BTreeSet<GroupId> = BTreeSet::new();
        let mut new_cores: Vec<Core> = Vec::new();
        for s in start {
            if seen.contains(&s) {
                continue;
            }
            self.load(s)?;
            if !self.live(s) {
                seen.insert(s);
                continue;
            }
            let mut members = Vec::new();
            let mut queue = VecDeque::from([s]);
            seen.insert(s);
            while let Some(x) = queue.pop_front() {
                members.push(x);
                let Some(g) = self.get(x)?.cloned() else {
                    continue;
                };
                let mut next: Vec<GroupId> = g
                    .links
                    .iter()
                    .filter(|l| !l.is_single())
                    .map(|l| l.to)
                    .collect();
                for from in self.state.members(Index::LinkedFrom, &x.0.to_string())? {
                    if self
                        .get(from)?
                        .is_some_and(|f| f.links.iter().any(|l| l.to == x && !l.is_single()))
                    {
                        next.push(from);
                    }
                }
                for n in next {
                    self.load(n)?;
                    if self.live(n) {
                        if seen.insert(n) {
                            queue.push_back(n);
                        }
                        // an old core reached from outside the seeds: its old record goes too
                        let a = self.get(n)?.map(|g| g.core);
                        if let Some(a) = a
                            && !old_cores.contains_key(&a)
                            && let Some(c) = self.core(a)?
                        {
                            old_cores.insert(a, c);
                        }
                    }
                }
            }
            members.sort();
            let ms: Vec<Group> = members
                .iter()
                .filter_map(|m| self.work.get(m).cloned())
                .collect();
            let refs: Vec<&Group> = ms.iter().collect();
            let (etype, family_first) = core_info(&refs, self.gaz);
            new_cores.push(Core {
                anchor: members[0],
                members,
                etype,
                family_first,
            });
        }
        let old: Vec<Core> = old_cores.into_values().collect();
        let mut changed = Vec::new();
        for c in &new_cores {
            for m in &c.members {
                if let Some(g) = self.get_mut(*m)?
                    && g.core != c.anchor
                {
                    g.core = c.anchor;
                }
            }
            if !old.iter().any(|o| o == c) {
                self.state.put_core(c)?;
                changed.push(c.clone());
            }
        }
        for o in &old {
            if !new_cores.iter().any(|c| c.anchor == o.anchor) {
                self.state.remove_core(o.anchor)?;
            }
        }
        Ok((changed, old))
    }

    /// Singles whose rule-3 decision may have changed.
    fn affected_singles(
        &mut self,
        touched: &[GroupId],
        gaz_changed: &BTreeSet<GroupId>,
        changed: &[Core],
        old: &[Core],
    ) -> Result<BTreeSet<GroupId>> {
        let mut out: BTreeSet<GroupId> = touched.iter().chain(gaz_changed).copied().collect();
        let mut members: BTreeSet<GroupId> = BTreeSet::new();
        for c in changed.iter().chain(old) {
            members.extend(c.members.iter().copied());
        }
        // the touched groups' index keys, before and after
        let mut short: BTreeSet<String> = BTreeSet::new();
        let mut initials: BTreeSet<String> = BTreeSet::new();
        for id in touched {
            if let Some(Some(b)) = self.before.get(id) {
                short.extend(index_keys(b, Index::ShortForm, self.gaz));
                initials.extend(index_keys(b, Index::Initials, self.gaz));
            }
        }
        for m in members.iter().chain(touched) {
            if let Some(g) = self.get(*m)?.cloned() {
                short.extend(index_keys(&g, Index::ShortForm, self.gaz));
                initials.extend(index_keys(&g, Index::Initials, self.gaz));
            }
            out.extend(self.state.members(Index::LinkedFrom, &m.0.to_string())?);
        }
        for s in short {
            if let Some(id) = self.state.group_by_key(&format!("key:{s}"))? {
                out.insert(id);
            }
        }
        for i in initials {
            out.extend(self.state.members(Index::Acronym, &i)?);
        }
        let mut singles = BTreeSet::new();
        for id in out {
            if self
                .get(id)?
                .is_some_and(|g| g.nodes > 0 && g.is_single_word())
            {
                singles.insert(id);
            }
        }
        Ok(singles)
    }

    /// Candidate cores of one single, from an index.
    fn targets(&mut self, ix: Index, key: &str, me: GroupId) -> Result<Vec<Target>> {
        let mut out = Vec::new();
        for id in self.state.members(ix, key)? {
            let Some(g) = self.get(id)?.cloned() else {
                continue;
            };
            if g.nodes == 0 || g.core == me {
                continue;
            }
            let Some(c) = self.core(g.core)? else {
                continue;
            };
            out.push(Target {
                anchor: c.anchor,
                etype: c.etype,
                family_first: c.family_first,
                via: id,
            });
        }
        Ok(out)
    }

    /// Rule 3 for one single; true when its link changed.
    fn decide_single(&mut self, id: GroupId) -> Result<bool> {
        let Some(g) = self.get(id)?.cloned() else {
            return Ok(false);
        };
        if Self::joined_gazetteer(&g) {
            return Ok(false);
        }
        let acr = match rules::acronym_of(&g) {
            Some(l) => self.targets(Index::Initials, &l, g.core)?,
            None => Vec::new(),
        };
        let short = self.targets(Index::ShortForm, g.name_key(), g.core)?;
        let links: Vec<Link> = rules::single_target(&g, &acr, &short).into_iter().collect();
        self.set_links(id, links)
    }

    /// The automatic entities touched: each changed core with the singles hanging off it.
    fn rebuild_autos(
        &mut self,
        changed: &[Core],
        old: &[Core],
        singles: &BTreeSet<GroupId>,
        touched: &[GroupId],
    ) -> Result<Vec<Vec<GroupId>>> {
        let mut groups: BTreeSet<GroupId> = BTreeSet::new();
        for c in changed.iter().chain(old) {
            groups.extend(c.members.iter().copied());
        }
        groups.extend(singles.iter().copied());
        groups.extend(touched.iter().copied());
        // both ends of every link this batch changed
        for (id, links) in self.old_links.clone() {
            groups.insert(id);
            groups.extend(links.iter().map(|l| l.to));
            if let Some(g) = self.get(id)? {
                groups.extend(g.links.iter().map(|l| l.to).collect::<Vec<_>>());
            }
        }
        // and the groups of the automatic entities they were in
        let mut olds: BTreeSet<GroupId> = BTreeSet::new();
        for id in &groups {
            if let Some(Some(b)) = self.before.get(id) {
                olds.insert(b.auto);
            }
            if let Some(g) = self.get(*id)? {
                olds.insert(g.auto);
            }
        }
        groups.extend(olds);
        let mut anchors: BTreeSet<GroupId> = BTreeSet::new();
        for id in groups {
            self.load(id)?;
            if self.live(id)
                && let Some(c) = self.auto_core(id)?
            {
                anchors.insert(c);
            }
        }
        let mut autos = Vec::new();
        for a in anchors {
            let members = self.core_members(a)?;
            let Some(&anchor) = members.first() else {
                continue;
            };
            for m in &members {
                if let Some(g) = self.get_mut(*m)?
                    && g.auto != anchor
                {
                    g.auto = anchor;
                }
            }
            autos.push(members);
        }
        Ok(autos)
    }

    /// The final entities: automatic ones as they are, and the curations replayed over every
    /// entity they can reach; writes the entities that changed.
    fn finalize_entities(&mut self, autos: Vec<Vec<GroupId>>) -> Result<Changes> {
        let mut works: Vec<Vec<GroupId>> = self.with_old_entities(autos)?;
        let mut curated: BTreeSet<GroupId> = BTreeSet::new();
        let old_scope: Vec<GroupId> = if self.curations.is_empty() && !self.curations_changed {
            Vec::new()
        } else {
            self.state.curated_scope()?
        };
        if self.curations.is_empty() && self.curations_changed {
            // the last curation went: everything it reached is automatic again
            for g in &old_scope {
                if let Some(x) = self.get(*g)?.cloned()
                    && x.nodes > 0
                {
                    works.push(self.auto_members(x.auto)?);
                }
            }
            self.state.put_curated_scope(&[])?;
        }
        if !self.curations.is_empty() {
            let scope = self.scope()?;
            let touches = self.curations_changed
                || works.iter().flatten().any(|g| scope.contains(g))
                || scope.iter().copied().collect::<BTreeSet<_>>()
                    != old_scope.iter().copied().collect::<BTreeSet<_>>();
            if touches {
                curated = scope;
                for g in &old_scope {
                    if !curated.contains(g) {
                        // left the curations' reach: back to its automatic entity
                        if let Some(x) = self.get(*g)?.cloned()
                            && x.nodes > 0
                        {
                            works.push(self.auto_members(x.auto)?);
                        }
                    }
                }
            }
        }
        let mut seen = BTreeSet::new();
        works.retain(|m| m.first().is_some_and(|a| seen.insert(*a)));
        // the automatic entities in the curations' reach are replayed together
        let (inside, outside): (Vec<Vec<GroupId>>, Vec<Vec<GroupId>>) = works
            .into_iter()
            .partition(|w| w.iter().any(|g| curated.contains(g)));
        let mut drafts: Vec<EntityDraft> = Vec::new();
        let mut groups_map: HashMap<GroupId, Group> = HashMap::new();
        for w in &outside {
            let gs: Vec<Group> = w.iter().filter_map(|m| self.work.get(m).cloned()).collect();
            if gs.is_empty() {
                continue;
            }
            let refs: Vec<&Group> = gs.iter().collect();
            drafts.push(finalize::draft(
                &refs,
                &finalize::Overrides::default(),
                self.gaz,
            ));
        }
        if !curated.is_empty() || !inside.is_empty() {
            let mut autos: BTreeSet<GroupId> = BTreeSet::new();
            for g in &curated {
                if let Some(x) = self.get(*g)? {
                    autos.insert(x.auto);
                }
            }
            let mut all: Vec<Vec<GroupId>> = Vec::new();
            for a in autos {
                let m = self.auto_members(a)?;
                for g in &m {
                    self.load(*g)?;
                    if let Some(x) = self.work.get(g) {
                        groups_map.insert(*g, x.clone());
                    }
                }
                all.push(m);
            }
            let mut ws: Vec<Work> = curate::works_of(all, &groups_map);
            curate::replay(&mut ws, &groups_map, self.curations, self.gaz);
            drafts.extend(curate::drafts(&ws, &groups_map, self.curations, self.gaz));
            let mut scope: Vec<GroupId> = groups_map.keys().copied().collect();
            scope.sort();
            self.state.put_curated_scope(&scope)?;
        }
        // write what changed
        let mut changes = Changes::default();
        let mut old_ids: BTreeSet<EntityId> = BTreeSet::new();
        for d in &drafts {
            for gid in &d.groups {
                let before = self.before.get(gid).cloned().flatten().map(|g| g.entity);
                let Some(g) = self.get(*gid)?.cloned() else {
                    continue;
                };
                old_ids.insert(g.entity);
                if let Some(b) = before {
                    old_ids.insert(b);
                }
                if g.entity != d.id {
                    changes.moved.push((*gid, g.entity, d.id));
                    if let Some(m) = self.get_mut(*gid)? {
                        m.entity = d.id;
                    }
                }
            }
        }
        // groups that vanished leave their entity too
        for (id, b) in &self.before {
            if let Some(b) = b
                && !self.live(*id)
            {
                old_ids.insert(b.entity);
            }
        }
        let new_ids: BTreeSet<EntityId> = drafts.iter().map(|d| d.id).collect();
        for d in drafts {
            let old = self.old_entity(d.id)?;
            if old.as_ref() != Some(&d) {
                match old {
                    None => changes.created += 1,
                    Some(o) => changes.old.push(o),
                }
                let gs: Vec<Group> = d
                    .groups
                    .iter()
                    .filter_map(|g| self.work.get(g).cloned())
                    .collect();
                let refs: Vec<&Group> = gs.iter().collect();
                self.state.put_entity(&d, &refs)?;
                changes.entities.push(d);
            }
        }
        for id in old_ids.difference(&new_ids) {
            if let Some(o) = self.old_entity(*id)? {
                changes.old.push(o);
                self.state.remove_entity(*id)?;
                changes.removed.push(*id);
            }
        }
        Ok(changes)
    }

    /// A core: stored when it has several groups, else the group's own (from its working copy).
    fn core(&mut self, anchor: GroupId) -> Result<Option<Core>> {
        if let Some(c) = self.state.core(anchor)? {
            return Ok(Some(c));
        }
        let gaz = self.gaz;
        Ok(self
            .get(anchor)?
            .filter(|g| g.core == anchor && g.nodes > 0)
            .map(|g| {
                let (etype, family_first) = core_info(&[g], gaz);
                Core {
                    anchor,
                    members: vec![anchor],
                    etype,
                    family_first,
                }
            }))
    }

    /// An entity as it was before this batch: stored, or (a plain entity of one group, which
    /// the state need not keep) drawn from its group's before-image.
    fn old_entity(&mut self, id: EntityId) -> Result<Option<EntityDraft>> {
        if let Some(e) = self.state.entity(id)? {
            return Ok(Some(e));
        }
        let gid = GroupId(id.0);
        let before = match self.before.get(&gid) {
            Some(b) => b.clone(),
            None => self.get(gid)?.cloned(),
        };
        Ok(before
            .filter(|g| g.entity == id && g.nodes > 0 && !g.is_gazetteer())
            .map(|g| finalize::draft(&[&g], &finalize::Overrides::default(), self.gaz)))
    }

    /// Adds to `autos` every automatic entity that shares a (final) entity with one of them, so
    /// that an entity losing a group is drafted again rather than left behind.
    fn with_old_entities(&mut self, autos: Vec<Vec<GroupId>>) -> Result<Vec<Vec<GroupId>>> {
        let mut have: BTreeSet<GroupId> = autos.iter().flatten().copied().collect();
        let mut out = autos;
        let mut i = 0;
        while i < out.len() {
            let groups = out[i].clone();
            i += 1;
            let mut olds: BTreeSet<EntityId> = BTreeSet::new();
            for g in &groups {
                if let Some(Some(b)) = self.before.get(g) {
                    olds.insert(b.entity);
                }
                if let Some(x) = self.get(*g)? {
                    olds.insert(x.entity);
                }
            }
            for e in olds {
                let Some(d) = self.old_entity(e)? else {
                    continue;
                };
                for g in d.groups {
                    if !have.insert(g) {
                        continue;
                    }
                    let Some(x) = self.get(g)?.cloned() else {
                        continue;
                    };
                    if x.nodes == 0 {
                        continue;
                    }
                    let m = self.auto_members(x.auto)?;
                    have.extend(m.iter().copied());
                    out.push(m);
                }
            }
        }
        // one list per automatic entity
        let mut seen = BTreeSet::new();
        out.retain(|m| m.first().is_some_and(|a| seen.insert(*a)));
        Ok(out)
    }

    /// The core an automatic entity grows from, for any of its groups: a lone word that joined
    /// another entity grows from that entity's core.
    fn auto_core(&mut self, g: GroupId) -> Result<Option<GroupId>> {
        let Some(x) = self.get(g)?.cloned() else {
            return Ok(None);
        };
        match x.links.first().filter(|l| l.is_single()) {
            Some(l) => Ok(self.get(l.to)?.map(|t| t.core)),
            None => Ok(Some(x.core)),
        }
    }

    /// The groups of the automatic entity grown from core `anchor`: the core and the lone words
    /// hanging off it.
    fn core_members(&mut self, anchor: GroupId) -> Result<Vec<GroupId>> {
        let Some(c) = self.core(anchor)? else {
            return Ok(Vec::new());
        };
        let mut members = c.members.clone();
        for m in &c.members {
            for from in self.state.members(Index::LinkedFrom, &m.0.to_string())? {
                if self.get(from)?.is_some_and(|f| {
                    f.nodes > 0 && f.links.first().is_some_and(|l| l.to == *m && l.is_single())
                }) {
                    members.push(from);
                }
            }
        }
        members.sort();
        members.dedup();
        Ok(members)
    }

    /// Members of the automatic entity of group `g`.
    fn auto_members(&mut self, g: GroupId) -> Result<Vec<GroupId>> {
        match self.auto_core(g)? {
            Some(c) => self.core_members(c),
            None => Ok(Vec::new()),
        }
    }

    /// Every group a curation's names can reach, with all of its automatic entity.
    fn scope(&mut self) -> Result<BTreeSet<GroupId>> {
        let mut found: BTreeSet<GroupId> = BTreeSet::new();
        for c in self.curations {
            for n in curate::names_of(c) {
                let (sk, keys) = curate::lookup_keys(n);
                found.extend(self.state.members(Index::Surface, &sk)?);
                for k in keys {
                    if let Some(id) = self.state.group_by_key(&k)? {
                        found.insert(id);
                    }
                }
            }
        }
        let mut out = BTreeSet::new();
        for g in found {
            let Some(x) = self.get(g)?.cloned() else {
                continue;
            };
            if x.nodes == 0 {
                continue;
            }
            out.extend(self.auto_members(x.auto)?);
        }
        Ok(out)
    }
}

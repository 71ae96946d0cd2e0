//! Cross-document linking: clusters local entities of all documents into corpus entities.
//!
//! Rules, in order (each link records its rule in the aliases):
//! 1. `gazetteer:*` — local entities with the same gazetteer id are one ("U.S.", "American",
//!    "Washington" as government → United States).
//! 2. `exact` / `normalised` — the same normalised name (case, hyphens, spaces, diacritics,
//!    curly quotes, initials of persons ignored: "Kim Jong-un" = "Kim Jong Un").
//! 3. `typo:*` — two multi-part names of the same type that differ in one part by one edit
//!    (transposition, substitution, insertion or deletion), that part at least 5 letters long,
//!    all other parts equal, and not a family-name-first (East Asian) name: the less frequent
//!    form joins the more frequent ("Valdimir Putin" → "Vladimir Putin").
//! 4. `acronym` — an acronym joins the one organization whose initials it is.
//! 5. `surname-reuse` / `east-asian-family-name` — a bare short form ("Kim", "Biden") joins a
//!    full name of another document only when exactly one person cluster has that short form.
//!
//! Then the curations are replayed in order ([`Curation`]).

use crate::link::local::{acronym_letters, initials, short_forms};
use crate::mentions::Gazetteer;
use crate::model::{Alias, Curation, DocExtraction, DocId, EntityType, LocalRef};
use crate::normalize::key;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One document's local entities, as input to clustering.
pub struct DocLocals<'a> {
    pub doc: DocId,
    pub doc_name: &'a str,
    pub extraction: &'a DocExtraction,
}

/// A corpus entity before it gets its stable id.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// A stable identity for the cluster (a gazetteer id, or the normalised key of its first
    /// full name): the store keeps entity ids stable across relinks through it.
    pub key: String,
    pub name: String,
    pub etype: EntityType,
    pub gazetteer_id: Option<String>,
    pub titles: Vec<String>,
    pub aliases: Vec<Alias>,
    /// The local entities it is made of.
    pub members: Vec<(DocId, LocalRef)>,
}

/// A local entity with its surfaces.
struct Node<'a> {
    doc: DocId,
    doc_name: &'a str,
    local: LocalRef,
    name: &'a str,
    key: String,
    etype: EntityType,
    gid: Option<&'a str>,
    titles: &'a [String],
    /// surface → (count, mention rule), in first-seen order
    surfaces: Vec<(&'a str, u64, &'a str)>,
    mentions: u64,
    /// How it joined its cluster (None: by its own key).
    join: Option<String>,
}

impl Node<'_> {
    fn parts(&self) -> Vec<String> {
        crate::normalize::key_tokens(&self.key)
            .map(str::to_string)
            .collect()
    }
}

struct Uf {
    parent: Vec<usize>,
}

impl Uf {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let n = self.parent[y];
            self.parent[y] = r;
            y = n;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        // keep the smaller index as root (deterministic)
        let (r, c) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[c] = r;
        true
    }
}

/// Work state of one cluster during curation.
#[derive(Clone, Debug, Default)]
struct Work {
    members: Vec<usize>,
    name: Option<String>,
    etype: Option<EntityType>,
    key: Option<String>,
    /// Earlier canonical names (after a rename) by which curations may still refer to it.
    known: Vec<String>,
    /// Surface keys that a curation brought in.
    curated: HashSet<String>,
}

/// Does `name` look written family name first (for names whose local shape is unknown)?
fn looks_family_first(name: &str, res: &Gazetteer) -> bool {
    let toks: Vec<&str> = name.split_whitespace().collect();
    if toks.len() < 2 || !res.is_ea_surname(toks[0]) {
        return false;
    }
    let g = res;
    match toks.len() {
        2 => {
            toks[1].contains('-')
                || (!g.is_given_name(toks[1]) && !g.is_given_name(toks[0]) && toks[1].len() <= 7)
        }
        3 => toks[1..]
            .iter()
            .all(|t| t.chars().count() <= 5 && !g.is_given_name(t)),
        _ => false,
    }
}

/// Damerau (optimal string alignment) distance of one and the kind of edit.
fn one_edit(a: &str, b: &str) -> Option<&'static str> {
    if strsim::osa_distance(a, b) != 1 {
        return None;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    Some(if ca.len() != cb.len() {
        "typo:insertion"
    } else if strsim::hamming(a, b).is_ok_and(|h| h == 2) {
        "typo:transposition"
    } else {
        "typo:substitution"
    })
}

/// Clusters the local entities of `docs`, then applies `curations` in order.
pub fn cluster(docs: &[DocLocals<'_>], curations: &[Curation], res: &Gazetteer) -> Vec<Cluster> {
    // ---------------------------------------------------------------- nodes
    let mut nodes: Vec<Node<'_>> = Vec::new();
    for d in docs {
        let ext = d.extraction;
        let mut surf: Vec<Vec<(&str, u64, &str)>> = vec![Vec::new(); ext.entities.len()];
        for m in &ext.mentions {
            let Some(l) = m.entity else { continue };
            let Some(v) = surf.get_mut(l as usize) else {
                continue;
            };
            match v.iter_mut().find(|x| x.0 == m.text) {
                Some(x) => x.1 += 1,
                None => v.push((m.text.as_str(), 1, m.rule.as_str())),
            }
        }
        for (i, e) in ext.entities.iter().enumerate() {
            let surfaces = std::mem::take(&mut surf[i]);
            let mentions = surfaces.iter().map(|x| x.1).sum();
            let k = if e.etype == EntityType::Person {
                person_key(&e.name)
            } else {
                key(&e.name)
            };
            nodes.push(Node {
                doc: d.doc,
                doc_name: d.doc_name,
                local: i as LocalRef,
                name: &e.name,
                key: k,
                etype: e.etype,
                gid: e.gazetteer_id.as_deref(),
                titles: &e.titles,
                surfaces,
                mentions,
                join: None,
            });
        }
    }
    let n = nodes.len();
    let mut uf = Uf {
        parent: (0..n).collect(),
    };
    // ---------------------------------------------------------------- 1-2. ids and keys
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, nd) in nodes.iter().enumerate() {
        let id = match nd.gid {
            Some(g) => g.to_string(),
            None => format!("key:{}", nd.key),
        };
        match by_id.get(&id) {
            Some(&j) => {
                uf.union(j, i);
            }
            None => {
                by_id.insert(id, i);
            }
        }
    }
    // a name-only entity whose key is a name of a gazetteer entity joins it ("Korea" typed
    // as a place in one document, as a country in another)
    let mut gid_keys: HashMap<String, HashSet<(usize, EntityType)>> = HashMap::new();
    for (i, nd) in nodes.iter().enumerate() {
        if nd.gid.is_some() {
            let r = uf.find(i);
            for (s, _, _) in &nd.surfaces {
                gid_keys.entry(key(s)).or_default().insert((r, nd.etype));
            }
        }
    }
    for (i, nd) in nodes.iter_mut().enumerate() {
        if nd.gid.is_none()
            && let Some(rs) = gid_keys.get(&nd.key)
            && rs.len() == 1
            && rs
                .iter()
                .all(|(_, t)| nd.etype == EntityType::Other || *t == nd.etype)
        {
            let r = rs.iter().next().map_or(i, |x| x.0);
            if uf.union(r, i) {
                nd.join = Some("gazetteer:name".into());
            }
        }
    }

    // cluster summaries
    let summarize = |uf: &mut Uf, nodes: &[Node<'_>]| -> BTreeMap<usize, Vec<usize>> {
        let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..nodes.len() {
            m.entry(uf.find(i)).or_default().push(i);
        }
        m
    };
    let ctype = |members: &[usize], nodes: &[Node<'_>]| -> EntityType { vote_type(members, nodes) };
    let cmentions = |members: &[usize], nodes: &[Node<'_>]| -> u64 {
        members.iter().map(|&i| nodes[i].mentions.max(1)).sum()
    };

    // ---------------------------------------------------------------- 3. typos
    {
        let groups = summarize(&mut uf, &nodes);
        // representative multi-part key per cluster (its most frequent node key)
        let mut reps: Vec<(usize, String, EntityType, u64, bool)> = Vec::new();
        for (r, members) in &groups {
            if members.iter().any(|&i| nodes[i].gid.is_some()) {
                continue;
            }
            let t = ctype(members, &nodes);
            if !matches!(
                t,
                EntityType::Person | EntityType::Organization | EntityType::Location
            ) {
                continue;
            }
            let best = members
                .iter()
                .max_by_key(|&&i| (nodes[i].key.split(' ').count(), nodes[i].mentions))
                .copied()
                .unwrap_or(*r);
            let k = nodes[best].key.clone();
            if k.split(' ').count() < 2 {
                continue;
            }
            let ff = looks_family_first(nodes[best].name, res);
            reps.push((*r, k, t, cmentions(members, &nodes), ff));
        }
        let mut buckets: HashMap<(EntityType, String), Vec<usize>> = HashMap::new();
        for (ri, (_, k, t, _, _)) in reps.iter().enumerate() {
            let toks: Vec<&str> = k.split(' ').collect();
            for pos in 0..toks.len() {
                let mut b = toks.clone();
                b[pos] = "*";
                buckets
                    .entry((*t, format!("{pos}|{}", b.join(" "))))
                    .or_default()
                    .push(ri);
            }
        }
        let mut merges: Vec<(usize, usize, &'static str)> = Vec::new();
        for ((_, bk), list) in &buckets {
            if list.len() < 2 {
                continue;
            }
            let pos: usize = bk
                .split('|')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            for a in 0..list.len() {
                for b in a + 1..list.len() {
                    let (x, y) = (&reps[list[a]], &reps[list[b]]);
                    if x.4 || y.4 {
                        continue; // East Asian given-name syllables never merge by spelling
                    }
                    let tx = x.1.split(' ').nth(pos).unwrap_or("");
                    let ty = y.1.split(' ').nth(pos).unwrap_or("");
                    if tx.chars().count() < 5 || ty.chars().count() < 5 {
                        continue;
                    }
                    if let Some(rule) = one_edit(tx, ty) {
                        // the less frequent form joins the more frequent one
                        let (win, lose) = if y.3 > x.3 { (y.0, x.0) } else { (x.0, y.0) };
                        merges.push((win, lose, rule));
                    }
                }
            }
        }
        merges.sort();
        for (win, lose, rule) in merges {
            // `lose` is a phase-start root: its group lists its members
            let members: Vec<usize> = groups.get(&lose).cloned().unwrap_or_default();
            if uf.union(win, lose) {
                for i in members {
                    nodes[i].join.get_or_insert_with(|| rule.to_string());
                }
            }
        }
    }

    // ---------------------------------------------------------------- 4-5. acronyms, short forms
    {
        let groups = summarize(&mut uf, &nodes);
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_short: HashMap<String, Vec<usize>> = HashMap::new();
        let mut singles: Vec<(usize, String, EntityType, Option<String>)> = Vec::new();
        for (r, members) in &groups {
            let t = ctype(members, &nodes);
            let multi: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| nodes[i].key.split(' ').count() >= 2)
                .collect();
            if multi.is_empty() {
                if members.iter().all(|&i| nodes[i].gid.is_none()) {
                    let nd = &nodes[members[0]];
                    let acr = nd.surfaces.iter().find_map(|(s, _, _)| acronym_letters(s));
                    singles.push((*r, nd.key.clone(), t, acr));
                }
                continue;
            }
            if matches!(t, EntityType::Organization | EntityType::Other) {
                let mut seen = HashSet::new();
                for &i in &multi {
                    let ini = initials(&nodes[i].key);
                    if ini.chars().count() >= 2 && seen.insert(ini.clone()) {
                        by_initials.entry(ini).or_default().push(*r);
                    }
                }
            }
            if t == EntityType::Person {
                let mut seen = HashSet::new();
                for &i in &multi {
                    let parts = nodes[i].parts();
                    let ff = looks_family_first(nodes[i].name, res);
                    for s in short_forms(&parts, ff) {
                        if seen.insert(s.clone()) {
                            by_short.entry(s).or_default().push(*r);
                        }
                    }
                }
            }
        }
        for (r, k, t, acr) in singles {
            let target = if let Some(letters) = acr.filter(|_| t != EntityType::Person) {
                by_initials
                    .get(&letters)
                    .filter(|v| v.len() == 1)
                    .map(|v| (v[0], "acronym".to_string()))
            } else if matches!(t, EntityType::Person | EntityType::Other) {
                by_short.get(&k).filter(|v| v.len() == 1).map(|v| {
                    let ff = groups
                        .get(&v[0])
                        .is_some_and(|m| m.iter().any(|&i| looks_family_first(nodes[i].name, res)));
                    (
                        v[0],
                        if ff {
                            "east-asian-family-name".to_string()
                        } else {
                            "surname-reuse".to_string()
                        },
                    )
                })
            } else {
                None
            };
            if let Some((tr, rule)) = target {
                let members: Vec<usize> = groups.get(&r).cloned().unwrap_or_default();
                if uf.union(tr, r) {
                    for i in members {
                        nodes[i].join.get_or_insert_with(|| rule.clone());
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- curations
    let groups = summarize(&mut uf, &nodes);
    let mut works: Vec<Work> = groups
        .into_values()
        .map(|members| Work {
            members,
            ..Work::default()
        })
        .collect();
    for c in curations {
        apply_curation(&mut works, &nodes, c, res);
    }
    let mut clusters: Vec<Cluster> = works
        .iter()
        .filter(|w| !w.members.is_empty())
        .map(|w| finalize(w, &nodes, res))
        .collect();
    // keys must be unique
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in clusters.iter_mut() {
        let k = c.key.clone();
        let n = seen.entry(k.clone()).or_insert(0);
        if *n > 0 {
            c.key = format!("{k}#{n}");
        }
        *n += 1;
    }
    clusters
}

/// Key of a person's name without initials ("Donald J. Trump" = "Donald Trump").
fn person_key(name: &str) -> String {
    let k = key(name);
    let toks: Vec<&str> = crate::normalize::key_tokens(&k)
        .filter(|t| !(t.chars().count() <= 2 && t.ends_with('.')) && t.chars().count() > 1)
        .collect();
    if toks.is_empty() { k } else { toks.join(" ") }
}

fn vote_type(members: &[usize], nodes: &[Node<'_>]) -> EntityType {
    if let Some(&i) = members.iter().find(|&&i| nodes[i].gid.is_some()) {
        return nodes[i].etype;
    }
    let mut score: HashMap<EntityType, u64> = HashMap::new();
    for &i in members {
        if nodes[i].etype != EntityType::Other {
            *score.entry(nodes[i].etype).or_default() += nodes[i].mentions.max(1);
        }
    }
    score
        .into_iter()
        .max_by_key(|(t, s)| (*s, std::cmp::Reverse(*t)))
        .map_or(EntityType::Other, |(t, _)| t)
}

/// The canonical name: the gazetteer's for countries, else the most frequent full form.
fn canonical(w: &Work, nodes: &[Node<'_>], res: &Gazetteer) -> String {
    if let Some(n) = &w.name {
        return n.clone();
    }
    if let Some(gid) = w.members.iter().find_map(|&i| nodes[i].gid)
        && let Some(n) = res.country_names.get(gid)
    {
        return n.clone();
    }
    let mut counts: Vec<(&str, u64, usize)> = Vec::new();
    for &i in &w.members {
        for (s, c, _) in &nodes[i].surfaces {
            match counts.iter_mut().find(|x| x.0 == *s) {
                Some(x) => x.1 += c,
                None => counts.push((s, *c, counts.len())),
            }
        }
        if nodes[i].surfaces.is_empty() {
            counts.push((nodes[i].name, 1, counts.len()));
        }
    }
    let parts = |s: &str| key(s).split(' ').count();
    let max_parts = counts.iter().map(|x| parts(x.0).min(2)).max().unwrap_or(1);
    counts
        .iter()
        .filter(|x| parts(x.0).min(2) == max_parts)
        .max_by_key(|x| (x.1, x.0.len(), std::cmp::Reverse(x.2)))
        .map_or_else(
            || {
                w.members
                    .first()
                    .map_or(String::new(), |&i| nodes[i].name.to_string())
            },
            |x| x.0.to_string(),
        )
}

fn finalize(w: &Work, nodes: &[Node<'_>], res: &Gazetteer) -> Cluster {
    let name = canonical(w, nodes, res);
    let gazetteer_id = w
        .members
        .iter()
        .find_map(|&i| nodes[i].gid)
        .map(str::to_string);
    let etype = w.etype.unwrap_or_else(|| vote_type(&w.members, nodes));
    let ckey = w.key.clone().unwrap_or_else(|| {
        gazetteer_id.clone().unwrap_or_else(|| {
            if etype == EntityType::Person {
                person_key(&name)
            } else {
                key(&name)
            }
        })
    });
    let name_key = key(&name);
    let mut aliases: Vec<Alias> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    let mut members: Vec<(DocId, LocalRef)> = Vec::new();
    for &i in &w.members {
        let nd = &nodes[i];
        members.push((nd.doc, nd.local));
        for t in nd.titles {
            if !titles.iter().any(|x| key(x) == key(t)) {
                titles.push(t.clone());
            }
        }
        for (s, c, mrule) in &nd.surfaces {
            if let Some(a) = aliases.iter_mut().find(|a| a.surface == *s) {
                a.count += c;
                continue;
            }
            let sk = key(s);
            let rule = if w.curated.contains(&sk) {
                "curation".to_string()
            } else if let Some(j) = &nd.join {
                j.clone()
            } else if mrule.starts_with("gazetteer:")
                || matches!(
                    *mrule,
                    "surname-reuse" | "east-asian-family-name" | "acronym" | "title-disambiguated"
                )
            {
                mrule.to_string()
            } else if *s == name {
                "exact".to_string()
            } else if sk == name_key || person_key(s) == person_key(&name) {
                "normalised".to_string()
            } else {
                "exact".to_string()
            };
            aliases.push(Alias {
                surface: s.to_string(),
                rule,
                doc: nd.doc_name.to_string(),
                count: *c,
            });
        }
    }
    aliases.sort_by(|a, b| b.count.cmp(&a.count).then(a.surface.cmp(&b.surface)));
    members.sort();
    Cluster {
        key: ckey,
        name,
        etype,
        gazetteer_id,
        titles,
        aliases,
        members,
    }
}

/// The cluster a curation names: by canonical name (current or earlier), cluster key, or alias
/// (the one with most mentions when several share it).
fn find_cluster(works: &[Work], nodes: &[Node<'_>], name: &str, res: &Gazetteer) -> Option<usize> {
    let k = key(name);
    let live = || {
        works
            .iter()
            .enumerate()
            .filter(|(_, w)| !w.members.is_empty())
    };
    if let Some((i, _)) = live().find(|(_, w)| key(&canonical(w, nodes, res)) == k) {
        return Some(i);
    }
    if let Some((i, _)) = live().find(|(_, w)| w.known.iter().any(|x| key(x) == k)) {
        return Some(i);
    }
    if let Some((i, _)) = live().find(|(_, w)| {
        w.key.as_deref() == Some(name) || w.members.iter().any(|&m| nodes[m].gid == Some(name))
    }) {
        return Some(i);
    }
    live()
        .filter(|(_, w)| {
            w.members.iter().any(|&m| {
                nodes[m].key == k || nodes[m].surfaces.iter().any(|(s, _, _)| key(s) == k)
            })
        })
        .max_by_key(|(i, w)| {
            (
                w.members.iter().map(|&m| nodes[m].mentions).sum::<u64>(),
                std::cmp::Reverse(*i),
            )
        })
        .map(|(i, _)| i)
}

/// Does local entity `m` go by this surface key (its name, or all its mentions)?
fn node_is(nodes: &[Node<'_>], m: usize, keys: &HashSet<String>) -> bool {
    let nd = &nodes[m];
    keys.contains(&nd.key)
        || keys.contains(&key(nd.name))
        || (!nd.surfaces.is_empty() && nd.surfaces.iter().all(|(s, _, _)| keys.contains(&key(s))))
}

fn apply_curation(works: &mut Vec<Work>, nodes: &[Node<'_>], c: &Curation, res: &Gazetteer) {
    match c {
        Curation::Alias { alias, entity } => {
            let Some(t) = find_cluster(works, nodes, entity, res) else {
                return;
            };
            let keys: HashSet<String> = [key(alias)].into_iter().collect();
            let mut moved = Vec::new();
            for (i, w) in works.iter_mut().enumerate() {
                if i == t {
                    continue;
                }
                let (go, stay): (Vec<usize>, Vec<usize>) =
                    w.members.iter().partition(|&&m| node_is(nodes, m, &keys));
                w.members = stay;
                moved.extend(go);
            }
            let w = &mut works[t];
            w.members.extend(moved);
            w.members.sort();
            w.curated.insert(key(alias));
        }
        Curation::Merge { into, from } => {
            let (Some(a), Some(b)) = (
                find_cluster(works, nodes, into, res),
                find_cluster(works, nodes, from, res),
            ) else {
                return;
            };
            if a == b {
                return;
            }
            let from_w = std::mem::take(&mut works[b]);
            let a_name = canonical(&works[a], nodes, res);
            let w = &mut works[a];
            for &m in &from_w.members {
                for (s, _, _) in &nodes[m].surfaces {
                    w.curated.insert(key(s));
                }
            }
            w.members.extend(from_w.members);
            w.members.sort();
            w.curated.extend(from_w.curated);
            w.known.extend(from_w.known);
            if w.name.is_none() {
                // the surviving name is A's as it was
                w.name = Some(a_name);
            }
        }
        Curation::Split { entity, aliases } => {
            let Some(t) = find_cluster(works, nodes, entity, res) else {
                return;
            };
            let keys: HashSet<String> = aliases.iter().map(|a| key(a)).collect();
            let (go, stay): (Vec<usize>, Vec<usize>) = works[t]
                .members
                .iter()
                .partition(|&&m| node_is(nodes, m, &keys));
            if go.is_empty() || stay.is_empty() {
                return;
            }
            let old_name = canonical(&works[t], nodes, res);
            works[t].members = stay;
            if works[t].name.is_none() {
                works[t].name = Some(old_name);
            }
            let first = aliases.first().map(|a| key(a)).unwrap_or_default();
            works.push(Work {
                members: go,
                key: Some(format!("split:{first}")),
                curated: keys,
                ..Work::default()
            });
        }
        Curation::Rename { entity, name } => {
            let Some(t) = find_cluster(works, nodes, entity, res) else {
                return;
            };
            let old = canonical(&works[t], nodes, res);
            // the key stays what it was, so the id survives the rename
            if works[t].key.is_none() {
                let tmp = finalize(&works[t], nodes, res);
                works[t].key = Some(tmp.key);
            }
            works[t].known.push(old);
            works[t].name = Some(name.clone());
        }
        Curation::Type { entity, etype } => {
            if let Some(t) = find_cluster(works, nodes, entity, res) {
                works[t].etype = Some(*etype);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res() -> &'static Gazetteer {
        &crate::extract::Resources::global()
            .expect("schema loads")
            .gazetteer
    }

    fn run(texts: &[&str], curations: &[Curation]) -> Vec<Cluster> {
        let exts: Vec<DocExtraction> = texts
            .iter()
            .map(|t| {
                let r = crate::extract::Resources::global().expect("schema loads");
                crate::extract::extract(t, r, Default::default())
            })
            .collect();
        let names: Vec<String> = (0..texts.len()).map(|i| format!("d{i}.txt")).collect();
        let docs: Vec<DocLocals<'_>> = exts
            .iter()
            .zip(&names)
            .enumerate()
            .map(|(i, (e, n))| DocLocals {
                doc: DocId(i as u64 + 1),
                doc_name: n,
                extraction: e,
            })
            .collect();
        cluster(&docs, curations, res())
    }

    /// The cluster holding surface `s`.
    fn of<'c>(cs: &'c [Cluster], s: &str) -> Option<&'c Cluster> {
        cs.iter().find(|c| c.aliases.iter().any(|a| a.surface == s))
    }

    fn same(cs: &[Cluster], a: &str, b: &str) -> bool {
        match (of(cs, a), of(cs, b)) {
            (Some(x), Some(y)) => x.key == y.key,
            _ => false,
        }
    }

    fn rule(cs: &[Cluster], s: &str) -> String {
        of(cs, s)
            .and_then(|c| c.aliases.iter().find(|a| a.surface == s))
            .map(|a| a.rule.clone())
            .unwrap_or_default()
    }

    #[test]
    fn normalised_names_join_across_documents() {
        let cs = run(
            &["Kim Dae-sung spoke on Monday.", "Kim Dae Sung spoke again."],
            &[],
        );
        assert!(same(&cs, "Kim Dae-sung", "Kim Dae Sung"));
        let c = of(&cs, "Kim Dae Sung").expect("cluster");
        let other = if c.name == "Kim Dae Sung" {
            "Kim Dae-sung"
        } else {
            "Kim Dae Sung"
        };
        assert_eq!(rule(&cs, other), "normalised");
        assert_eq!(rule(&cs, &c.name), "exact");
    }

    #[test]
    fn typo_joins_the_more_frequent_spelling() {
        let cs = run(
            &[
                "Laura Kowalski said yes. Laura Kowalski left.",
                "Laura Kowalski said no.",
                "Laura Kowlaski said maybe.",
            ],
            &[],
        );
        assert!(same(&cs, "Laura Kowalski", "Laura Kowlaski"));
        assert_eq!(rule(&cs, "Laura Kowlaski"), "typo:transposition");
        let c = of(&cs, "Laura Kowlaski").expect("cluster");
        assert_eq!(c.name, "Laura Kowalski");
        // a short part or a different given-name syllable never merges
        let cs = run(&["Laura Kent said yes.", "Laura Kant said no."], &[]);
        assert!(!same(&cs, "Laura Kent", "Laura Kant"));
        let cs = run(&["Choi Min-jae said yes.", "Choi Min-hae said no."], &[]);
        assert!(!same(&cs, "Choi Min-jae", "Choi Min-hae"));
        let cs = run(
            &["Choi Jae-myung said yes.", "Choi Jae-woong said no."],
            &[],
        );
        assert!(!same(&cs, "Choi Jae-myung", "Choi Jae-woong"));
    }

    #[test]
    fn bare_short_form_joins_only_when_unambiguous() {
        let cs = run(
            &[
                "Oren Halvorsen spoke on Monday.",
                "Later Halvorsen said more.",
            ],
            &[],
        );
        assert!(same(&cs, "Oren Halvorsen", "Halvorsen"));
        assert_eq!(rule(&cs, "Halvorsen"), "surname-reuse");
        let cs = run(
            &[
                "Oren Halvorsen spoke on Monday.",
                "Laura Halvorsen spoke on Tuesday.",
                "Later Halvorsen said more.",
            ],
            &[],
        );
        assert!(!same(&cs, "Oren Halvorsen", "Halvorsen"));
        assert!(!same(&cs, "Laura Halvorsen", "Halvorsen"));
    }

    #[test]
    fn gazetteer_joins_all_country_forms() {
        let cs = run(
            &[
                "American diplomats left.",
                "Later Washington rejected the offer.",
                "The U.S. envoy spoke.",
            ],
            &[],
        );
        assert!(same(&cs, "American", "Washington"));
        assert!(same(&cs, "American", "U.S."));
        let c = of(&cs, "American").expect("cluster");
        assert_eq!(c.key, "country:US");
        assert_eq!(c.name, "United States");
        assert_eq!(rule(&cs, "American"), "gazetteer:demonym");
        assert_eq!(rule(&cs, "Washington"), "gazetteer:capital-metonym");
        // the capital as a place is its own entity
        let cs = run(
            &[
                "The U.S. envoy spoke.",
                "She arrived in Washington on Friday.",
            ],
            &[],
        );
        assert!(!same(&cs, "U.S.", "Washington"));
    }

    #[test]
    fn acronym_joins_across_documents() {
        let cs = run(
            &[
                "The Harbor Morning Post reported it.",
                "According to HMP the talks failed.",
            ],
            &[],
        );
        assert!(same(&cs, "Harbor Morning Post", "HMP"));
        assert_eq!(rule(&cs, "HMP"), "acronym");
    }

    #[test]
    fn curations_alias_merge_split_rename_type() {
        let docs = [
            "Laura Santos spoke on Monday.",
            "Oren Balik spoke on Tuesday.",
            "Minister Tal Ferro left.",
        ];
        let cs = run(&docs, &[]);
        assert!(!same(&cs, "Laura Santos", "Oren Balik"));
        let merge = Curation::Merge {
            into: "Laura Santos".into(),
            from: "Oren Balik".into(),
        };
        let cs = run(&docs, std::slice::from_ref(&merge));
        assert!(same(&cs, "Laura Santos", "Oren Balik"));
        assert_eq!(
            of(&cs, "Oren Balik").map(|c| c.name.as_str()),
            Some("Laura Santos")
        );
        assert_eq!(rule(&cs, "Oren Balik"), "curation");
        // split undoes it
        let split = Curation::Split {
            entity: "Laura Santos".into(),
            aliases: vec!["Oren Balik".into()],
        };
        let cs = run(&docs, &[merge.clone(), split]);
        assert!(!same(&cs, "Laura Santos", "Oren Balik"));
        // alias: every mention with that surface goes to the entity
        let alias = Curation::Alias {
            alias: "Tal Ferro".into(),
            entity: "Laura Santos".into(),
        };
        let cs = run(&docs, &[alias]);
        assert!(same(&cs, "Laura Santos", "Tal Ferro"));
        // rename keeps the key (so the id), type forces the type
        let before = run(&docs, &[]);
        let k = of(&before, "Tal Ferro").map(|c| c.key.clone());
        let cs = run(
            &docs,
            &[
                Curation::Rename {
                    entity: "Tal Ferro".into(),
                    name: "Tal Ferro-Amit".into(),
                },
                Curation::Type {
                    entity: "Tal Ferro-Amit".into(),
                    etype: EntityType::Organization,
                },
            ],
        );
        let c = of(&cs, "Tal Ferro").expect("cluster");
        assert_eq!(c.name, "Tal Ferro-Amit");
        assert_eq!(c.etype, EntityType::Organization);
        assert_eq!(Some(c.key.clone()), k);
    }

    #[test]
    fn curations_apply_to_documents_added_later() {
        let merge = Curation::Merge {
            into: "Laura Santos".into(),
            from: "Oren Balik".into(),
        };
        let cs = run(
            &[
                "Laura Santos spoke on Monday.",
                "Oren Balik spoke on Tuesday.",
                "A new report says Oren Balik left.",
            ],
            &[merge],
        );
        let c = of(&cs, "Oren Balik").expect("cluster");
        assert_eq!(c.members.len(), 3);
    }
}

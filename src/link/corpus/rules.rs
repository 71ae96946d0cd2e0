//! The rules that join groups into entities, in order of decreasing precision. Each is a pure
//! function of the groups involved; [`super::full`] and [`super::incremental`] only decide
//! *which* groups to ask them about.
//!
//! 1. [`gazetteer_name_target`] (`gazetteer:name`): a name group whose name is a surface of
//!    exactly one gazetteer group joins it ("Korea" as a place in one document joins the country
//!    the gazetteer knows by that name).
//! 2. [`typo_rule`] (`typo:substitution|insertion|transposition`): two multi-part names of the
//!    same type that differ in one part by one edit, that part at least five letters long in
//!    both, neither written family name first: the lighter joins the heavier.
//! 3. [`acronym_target`] (`acronym`) and [`short_form_target`] (`surname-reuse`,
//!    `east-asian-family-name`): a one-word name joins the one entity whose initials it spells,
//!    or the one person entity it can be the short form of ("Biden", "Kim").

use super::{Group, Link};
use crate::mentions::Gazetteer;
use crate::model::EntityType;
use crate::normalize::{key, key_tokens};

/// Rules of the last pass: a lone word hangs off the entity it stands for.
pub const SINGLE_RULES: &[&str] = &["acronym", "surname-reuse", "east-asian-family-name"];

/// Key of a person's name without initials ("Donald J. Trump" = "Donald Trump").
pub fn person_key(name: &str) -> String {
    let k = key(name);
    let toks: Vec<&str> = key_tokens(&k)
        .filter(|t| !(t.chars().count() <= 2 && t.ends_with('.')) && t.chars().count() > 1)
        .collect();
    if toks.is_empty() { k } else { toks.join(" ") }
}

/// Does `name` look written family name first ("Kim Jong-un", "Lee Jae-myung")?
pub fn looks_family_first(name: &str, gaz: &Gazetteer) -> bool {
    let toks: Vec<&str> = name.split_whitespace().collect();
    if toks.len() < 2 || !gaz.is_ea_surname(toks[0]) {
        return false;
    }
    match toks.len() {
        2 => {
            toks[1].contains('-')
                || (!gaz.is_given_name(toks[1])
                    && !gaz.is_given_name(toks[0])
                    && toks[1].len() <= 7)
        }
        3 => toks[1..]
            .iter()
            .all(|t| t.chars().count() <= 5 && !gaz.is_given_name(t)),
        _ => false,
    }
}

/// Damerau (optimal string alignment) distance of one, and the kind of edit.
pub fn one_edit(a: &str, b: &str) -> Option<&'static str> {
    if strsim::osa_distance(a, b) != 1 {
        return None;
    }
    Some(if a.chars().count() != b.chars().count() {
        "typo:insertion"
    } else if strsim::hamming(a, b).is_ok_and(|h| h == 2) {
        "typo:transposition"
    } else {
        "typo:substitution"
    })
}

/// Rule 1, `gazetteer:name`: the one gazetteer group among `candidates` (the groups that wrote
/// this group's name) that a name group joins, if its type fits one of the group's readings.
pub fn gazetteer_name_target(g: &Group, candidates: &[&Group]) -> Option<Link> {
    if g.is_gazetteer() {
        return None;
    }
    let mut gazetteer = candidates.iter().filter(|c| c.is_gazetteer());
    let (Some(target), None) = (gazetteer.next(), gazetteer.next()) else {
        return None;
    };
    let t = target.etype();
    (g.has_kind(EntityType::Other) || g.has_kind(t)).then(|| Link {
        to: target.id,
        rule: "gazetteer:name".into(),
    })
}

/// Shortest word a typo may change (in both spellings).
pub const TYPO_MIN_LETTERS: usize = 5;

/// The typo buckets a name key is filed under: for each word of at least
/// [`TYPO_MIN_LETTERS`] letters, two buckets with the other words around it, the word's length
/// and its first letter or its last (`1|laura *|8|f:k`, `1|laura *|8|l:i`). One edit keeps the
/// first letter or the last (or both), and changes the length by at most one, so
/// [`typo_probes`] of one name reach every name one edit apart in one word, while a bucket
/// holds only names of that shape: two index entries a word, few candidates a probe.
pub fn typo_buckets(name_key: &str) -> Vec<String> {
    typo_keys(name_key, false)
}

/// The buckets to look in for the typo partners of a name key: its own buckets, and those
/// of words one letter longer or shorter.
pub fn typo_probes(name_key: &str) -> Vec<String> {
    typo_keys(name_key, true)
}

fn typo_keys(name_key: &str, probe: bool) -> Vec<String> {
    let toks: Vec<&str> = key_tokens(name_key).collect();
    if toks.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (pos, t) in toks.iter().enumerate() {
        let chars: Vec<char> = t.chars().collect();
        if chars.len() < TYPO_MIN_LETTERS {
            continue;
        }
        let mut others = toks.clone();
        others[pos] = "*";
        let ctx = others.join(" ");
        let (first, last) = (chars[0], chars[chars.len() - 1]);
        let n = chars.len();
        let lens: Vec<usize> = if probe {
            vec![n - 1, n, n + 1]
        } else {
            vec![n]
        };
        for len in lens {
            out.push(format!("{pos}|{ctx}|{len}|f:{first}"));
            out.push(format!("{pos}|{ctx}|{len}|l:{last}"));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// May a group take part in rule 2 (a typo)? A name group of two or more words, of a type that
/// has spelling variants (person, organization, location), not joined to the gazetteer, not
/// written family name first (East Asian given-name syllables differ by one letter on purpose).
pub fn typo_eligible(g: &Group, joined_gazetteer: bool, gaz: &Gazetteer) -> bool {
    !g.is_gazetteer()
        && !joined_gazetteer
        && matches!(
            g.etype(),
            EntityType::Person | EntityType::Organization | EntityType::Location
        )
        && key_tokens(g.name_key()).count() >= 2
        && !looks_family_first(g.main_name(), gaz)
}

/// 2. The typo rule between two eligible groups, if their names differ in one word by one edit.
pub fn typo_rule(a: &Group, b: &Group) -> Option<&'static str> {
    if a.id == b.id || a.etype() != b.etype() {
        return None;
    }
    let ta: Vec<&str> = key_tokens(a.name_key()).collect();
    let tb: Vec<&str> = key_tokens(b.name_key()).collect();
    if ta.len() != tb.len() {
        return None;
    }
    let mut diff = ta.iter().zip(&tb).filter(|(x, y)| x != y);
    let (Some((x, y)), None) = (diff.next(), diff.next()) else {
        return None;
    };
    if x.chars().count() < TYPO_MIN_LETTERS || y.chars().count() < TYPO_MIN_LETTERS {
        return None;
    }
    one_edit(x, y)
}

/// Of two typo partners, does `a` join `b`? The lighter joins the heavier (ties: the larger
/// key joins the smaller).
pub fn typo_joins(a: &Group, b: &Group) -> bool {
    (b.weight, std::cmp::Reverse(&b.key)) > (a.weight, std::cmp::Reverse(&a.key))
}

/// The short forms a multi-part person name can be written as ("biden" for "joe biden", "kim"
/// for "kim jong un"); the family-name-first shape is decided on the written name, which keeps
/// its hyphens.
pub fn short_forms_of(g: &Group, gaz: &Gazetteer) -> Vec<String> {
    let parts: Vec<String> = key_tokens(g.name_key()).map(str::to_string).collect();
    crate::link::local::short_forms(&parts, looks_family_first(g.main_name(), gaz))
}

/// The acronym letters a one-word group is written as ("UN" for "U.N."), from its most
/// frequent such surface.
pub fn acronym_of(g: &Group) -> Option<String> {
    let mut surfaces: Vec<&super::Surface> = g.surfaces.iter().collect();
    surfaces.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
    surfaces
        .iter()
        .find_map(|s| crate::link::local::acronym_letters(&s.text))
}

/// A candidate target of the last pass: an entity core (a group set joined by rules 1-2) with
/// its type before the lone words join, and whether any of its names is family name first.
#[derive(Clone, Debug)]
pub struct Target {
    /// The smallest group id of the core.
    pub anchor: crate::model::GroupId,
    pub etype: EntityType,
    pub family_first: bool,
    /// The group of the core that matched (the link's target).
    pub via: crate::model::GroupId,
}

/// 3a. `acronym`: a one-word group written as an acronym, not a person, joins the one
/// organization (or untyped) core whose initials it spells.
pub fn acronym_target(single: &Group, cores: &[Target]) -> Option<Link> {
    if single.etype() == EntityType::Person {
        return None;
    }
    unique_core(cores, |c| {
        matches!(c.etype, EntityType::Organization | EntityType::Other)
    })
    .map(|c| Link {
        to: c.via,
        rule: "acronym".into(),
    })
}

/// 3b. `surname-reuse` / `east-asian-family-name`: a one-word person (or untyped) group joins
/// the one person core it is a short form of.
pub fn short_form_target(single: &Group, cores: &[Target]) -> Option<Link> {
    if !matches!(single.etype(), EntityType::Person | EntityType::Other) {
        return None;
    }
    unique_core(cores, |c| c.etype == EntityType::Person).map(|c| Link {
        to: c.via,
        rule: if c.family_first {
            "east-asian-family-name".into()
        } else {
            "surname-reuse".into()
        },
    })
}

/// The one core that passes `ok` (several groups of one core count once; the matched group
/// is the smallest id).
fn unique_core(cores: &[Target], ok: impl Fn(&Target) -> bool) -> Option<Target> {
    let mut found: Option<Target> = None;
    for c in cores.iter().filter(|c| ok(c)) {
        match &mut found {
            None => found = Some(c.clone()),
            Some(f) if f.anchor == c.anchor => {
                if c.via < f.via {
                    f.via = c.via;
                }
            }
            Some(_) => return None,
        }
    }
    found
}

/// The last pass for one single: the acronym path when it is written as one and is not a
/// person, else the short-form path.
pub fn single_target(
    single: &Group,
    acronym_cores: &[Target],
    short_cores: &[Target],
) -> Option<Link> {
    if acronym_of(single).is_some() && single.etype() != EntityType::Person {
        acronym_target(single, acronym_cores)
    } else {
        short_form_target(single, short_cores)
    }
}

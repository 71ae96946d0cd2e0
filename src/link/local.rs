//! Within-document linking.
//!
//! 1. Gazetteer candidates join the entity of their gazetteer id (every form of a country: name,
//!    code, demonym, capital used for its government).
//! 2. Multi-part names introduce entities (keyed by the normalised name without initials, so
//!    "Kim Jong-un" and "Kim Jong Un" are one).
//! 3. Short forms resolve to the full name whose short form they are: the last part of a Western
//!    name ("Trump" → "Donald Trump"), the first part of a family-name-first name ("Kim" →
//!    "Kim Jong Un"), an acronym to the name with its initials ("SCMP"). When several people share
//!    the short form, the title written with the mention picks the one introduced with that
//!    title ("President Lee"); otherwise the mention stays unresolved (`entity: None`).

use crate::Resources;
use crate::mentions::Candidate;
use crate::model::{EntityType, LocalEntity, Mention, Span};
use std::collections::{HashMap, HashSet};

struct Ent {
    le: LocalEntity,
    key: String,
    parts: Vec<String>,
    family_first: bool,
    best_conf: f32,
}

/// Words ignored when taking an organization's initials.
const INITIALS_SKIP: &[&str] = &["of", "the", "and", "for", "on", "&"];

/// Initials of a multi-word name ("South China Morning Post" → "SCMP").
pub fn initials(key: &str) -> String {
    crate::normalize::key_tokens(key)
        .filter(|t| !INITIALS_SKIP.contains(t))
        .filter_map(|t| t.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// An acronym's letters ("U.N." → "UN"), if the surface looks like one.
pub fn acronym_letters(surface: &str) -> Option<String> {
    let letters: String = surface.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n)
        && letters
            .chars()
            .all(|c| c.is_uppercase() && c.is_alphabetic()))
    .then_some(letters)
}

/// The key of a person's name without initials ("donald j. trump" → "donald trump").
fn core_key(key: &str) -> String {
    let toks: Vec<&str> = crate::normalize::key_tokens(key)
        .filter(|t| !(t.chars().count() <= 2 && t.ends_with('.')) && t.chars().count() > 1)
        .collect();
    if toks.is_empty() {
        key.to_string()
    } else {
        toks.join(" ")
    }
}

/// Name particles that belong to a Western surname ("von der Leyen").
const SURNAME_PARTICLES: &[&str] = &[
    "von", "der", "van", "de", "da", "del", "di", "du", "al", "bin", "le", "la",
];

/// The short forms a person's full name is referred to by.
pub fn short_forms(parts: &[String], family_first: bool) -> Vec<String> {
    if parts.len() < 2 {
        return Vec::new();
    }
    if family_first {
        return vec![parts[0].clone()];
    }
    let last = parts.len() - 1;
    let mut out = vec![parts[last].clone()];
    // a double surname ("Okonkwo-Bauer", "García Márquez") is also used on its own
    if parts.len() >= 3 && !SURNAME_PARTICLES.contains(&parts[last - 1].as_str()) {
        out.push(parts[last - 1..].join(" "));
    }
    let mut st = last;
    while st > 1 && SURNAME_PARTICLES.contains(&parts[st - 1].as_str()) {
        st -= 1;
        out.push(parts[st..].join(" "));
    }
    out
}

fn title_key(t: &str) -> String {
    crate::normalize::key(t)
}

#[cfg(test)]
mod short_form_tests {
    use super::short_forms;

    fn sf(name: &str) -> Vec<String> {
        let parts: Vec<String> = crate::normalize::key_tokens(&crate::normalize::key(name))
            .map(str::to_string)
            .collect();
        short_forms(&parts, false)
    }

    #[test]
    fn double_surnames_are_short_forms() {
        assert!(sf("Rafael Okonkwo-Bauer").contains(&"okonkwo bauer".to_string()));
        assert!(sf("Lucia Ferrer Ibarra").contains(&"ferrer ibarra".to_string()));
        // a two-part name has only its surname; particles still join the surname
        assert_eq!(sf("Ana Ruiz"), vec!["ruiz".to_string()]);
        assert_eq!(
            sf("Ursula von der Leyen"),
            vec!["leyen", "der leyen", "von der leyen"]
        );
    }
}

/// Groups a document's candidates into local entities.
pub fn link_document(
    _text: &str,
    _sentences: &[Span],
    candidates: Vec<Candidate>,
    res: &Resources,
) -> (Vec<LocalEntity>, Vec<Mention>) {
    let g = &res.gazetteer;
    let mut ents: Vec<Ent> = Vec::new();
    let mut by_gid: HashMap<String, usize> = HashMap::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut link: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut rules: Vec<Option<&'static str>> = vec![None; candidates.len()];
    let keys: Vec<String> = candidates
        .iter()
        .map(|c| crate::normalize::key(&c.text))
        .collect();

    let new_ent = |ents: &mut Vec<Ent>, c: &Candidate, key: &str| -> usize {
        let parts: Vec<String> = crate::normalize::key_tokens(key)
            .map(str::to_string)
            .collect();
        ents.push(Ent {
            le: LocalEntity {
                name: c.text.clone(),
                etype: c.etype,
                gazetteer_id: c.gazetteer_id.clone(),
                titles: Vec::new(),
            },
            key: key.to_string(),
            parts,
            family_first: c.family_first,
            best_conf: c.confidence,
        });
        ents.len() - 1
    };

    // 1. gazetteer ids
    for (i, c) in candidates.iter().enumerate() {
        if let Some(gid) = &c.gazetteer_id {
            let e = match by_gid.get(gid) {
                Some(&e) => e,
                None => {
                    let e = new_ent(&mut ents, c, &keys[i]);
                    if let Some(name) = g.country_names.get(gid) {
                        ents[e].le.name = name.clone();
                        ents[e].key = crate::normalize::key(name);
                    }
                    by_gid.insert(gid.clone(), e);
                    e
                }
            };
            // the fullest written form names a non-country entity
            if !ents[e].le.name.is_empty()
                && !g.country_names.contains_key(gid)
                && c.text.len() > ents[e].le.name.len()
            {
                ents[e].le.name = c.text.clone();
            }
            link[i] = Some(e);
        }
    }
    // two-part short forms of longer person names ("Okonkwo-Bauer" of "Rafael Okonkwo-Bauer"):
    // they resolve below like a surname instead of introducing an entity of their own
    let long_short_forms: HashSet<String> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.etype == EntityType::Person && !c.family_first)
        .flat_map(|(i, _)| {
            let parts: Vec<String> = crate::normalize::key_tokens(&core_key(&keys[i]))
                .map(str::to_string)
                .collect();
            if parts.len() >= 3 {
                short_forms(&parts, false)
            } else {
                Vec::new()
            }
        })
        .filter(|k| {
            // "Paul Jones" is a full name of its own, "Okonkwo Bauer" is not
            k.split(' ')
                .next()
                .is_some_and(|first| !g.given_names.contains(first))
        })
        .collect();
    // 2. multi-part names
    for (i, c) in candidates.iter().enumerate() {
        if link[i].is_some() {
            continue;
        }
        let parts = crate::normalize::key_tokens(&keys[i]).count();
        if parts < 2
            || (parts == 2 && c.etype != EntityType::Country && long_short_forms.contains(&keys[i]))
        {
            continue;
        }
        let k = if c.etype == EntityType::Person {
            core_key(&keys[i])
        } else {
            keys[i].clone()
        };
        let e = match by_key.get(&k) {
            Some(&e) => e,
            None => {
                let e = new_ent(&mut ents, c, &k);
                by_key.insert(k, e);
                e
            }
        };
        link[i] = Some(e);
        if c.family_first {
            ents[e].family_first = true;
        }
    }
    // types and titles of the multi-part entities so far
    for (i, c) in candidates.iter().enumerate() {
        if let Some(e) = link[i] {
            absorb(&mut ents[e], c);
        }
    }
    // where each entity so far is first mentioned
    let mut first_at: Vec<Option<usize>> = vec![None; ents.len()];
    for (i, c) in candidates.iter().enumerate() {
        if let Some(e) = link[i] {
            let f = &mut first_at[e];
            *f = Some(f.map_or(c.span.start, |x| x.min(c.span.start)));
        }
    }
    // 3. short forms
    for (i, c) in candidates.iter().enumerate() {
        if link[i].is_some() {
            continue;
        }
        let key = &keys[i];
        // acronyms: an organization with these initials
        if let Some(letters) = acronym_letters(&c.text) {
            let hits: Vec<usize> = (0..ents.len())
                .filter(|&e| {
                    ents[e].parts.len() >= 2
                        && matches!(
                            ents[e].le.etype,
                            EntityType::Organization | EntityType::Other
                        )
                        && initials(&ents[e].key) == letters
                })
                .collect();
            // "NK" for North Korea: a country of this document with these initials
            let hits = if hits.is_empty() {
                (0..ents.len())
                    .filter(|&e| {
                        ents[e].le.etype == EntityType::Country
                            && ents[e].le.gazetteer_id.is_some()
                            && ents[e].parts.len() >= 2
                            && initials(&ents[e].key) == letters
                    })
                    .collect()
            } else {
                hits
            };
            if hits.len() == 1 {
                link[i] = Some(hits[0]);
                rules[i] = Some("acronym");
                if ents[hits[0]].le.etype == EntityType::Other {
                    ents[hits[0]].le.etype = EntityType::Organization;
                }
                continue;
            }
        }
        if let Some(&e) = by_key.get(key) {
            link[i] = Some(e);
            absorb(&mut ents[e], c);
            continue;
        }
        // weakly typed names (by a preposition) yield to the document's people
        if matches!(c.etype, EntityType::Person | EntityType::Other) || c.confidence < 0.7 {
            let matches: Vec<usize> = (0..ents.len())
                .filter(|&e| {
                    let en = &ents[e];
                    (en.le.etype == EntityType::Person
                        || (en.le.etype == EntityType::Other
                            && c.etype == EntityType::Person
                            && (2..=3).contains(&en.parts.len())))
                        && short_forms(&en.parts, en.family_first).contains(key)
                })
                .collect();
            let mut by_order = false;
            let chosen = match matches.len() {
                0 => None,
                1 => Some(Ok(matches[0])),
                _ => {
                    // titles written with the mention pick among namesakes
                    let with_title: Vec<usize> = match &c.title {
                        Some(t) => {
                            let tk = title_key(t);
                            matches
                                .iter()
                                .copied()
                                .filter(|&e| ents[e].le.titles.iter().any(|x| title_key(x) == tk))
                                .collect()
                        }
                        None => Vec::new(),
                    };
                    // else the one namesake introduced before the mention, when the others
                    // come later ("Choi" before the second Choi appears)
                    let before: Vec<usize> = matches
                        .iter()
                        .copied()
                        .filter(|&e| {
                            first_at
                                .get(e)
                                .copied()
                                .flatten()
                                .is_some_and(|st| st < c.span.start)
                        })
                        .collect();
                    if with_title.len() == 1 {
                        Some(Ok(with_title[0]))
                    } else if with_title.is_empty() && before.len() == 1 {
                        by_order = true;
                        Some(Ok(before[0]))
                    } else {
                        Some(Err(()))
                    }
                }
            };
            match chosen {
                Some(Ok(e)) => {
                    let ff = ents[e].family_first;
                    link[i] = Some(e);
                    rules[i] = Some(if by_order {
                        "earlier-namesake"
                    } else if matches.len() > 1 {
                        "title-disambiguated"
                    } else if ff {
                        "east-asian-family-name"
                    } else {
                        "surname-reuse"
                    });
                    ents[e].le.etype = EntityType::Person;
                    if let Some(t) = &c.title {
                        push_title(&mut ents[e].le, t);
                    }
                    continue;
                }
                Some(Err(())) => {
                    // ambiguous: leave unresolved rather than guess
                    rules[i] = Some("ambiguous-short-form");
                    continue;
                }
                None => {}
            }
        }
        let e = new_ent(&mut ents, c, key);
        by_key.insert(key.clone(), e);
        link[i] = Some(e);
        absorb(&mut ents[e], c);
    }

    let remap: Vec<Option<u32>> = (0..ents.len()).map(|e| Some(e as u32)).collect();
    let out_ents: Vec<LocalEntity> = ents.into_iter().map(|e| e.le).collect();
    let mentions = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| Mention {
            span: c.span,
            text: c.text,
            entity: link[i].and_then(|e| remap[e]),
            rule: rules[i].map_or(c.rule, str::to_string),
            confidence: c.confidence,
        })
        .collect();
    (out_ents, mentions)
}

fn push_title(le: &mut LocalEntity, t: &str) {
    let tk = title_key(t);
    if !le.titles.iter().any(|x| title_key(x) == tk) {
        le.titles.push(t.to_string());
    }
}

/// Folds a mention's evidence (type, title) into its entity.
fn absorb(en: &mut Ent, c: &Candidate) {
    if let Some(t) = &c.title {
        push_title(&mut en.le, t);
        if en.le.etype == EntityType::Other {
            en.le.etype = EntityType::Person;
        }
    }
    if c.etype != EntityType::Other
        && (en.le.etype == EntityType::Other
            || (c.confidence > en.best_conf && en.le.gazetteer_id.is_none()))
    {
        en.le.etype = c.etype;
    }
    if c.confidence > en.best_conf {
        en.best_conf = c.confidence;
    }
}

#[cfg(test)]
mod tests {
    use crate::Resources;
    use crate::model::{DocExtraction, EntityType};

    fn ext(text: &str) -> DocExtraction {
        crate::extract::extract(
            text,
            Resources::global().expect("schema loads"),
            Default::default(),
        )
    }

    /// The entity name each occurrence of `surface` links to (None: unresolved).
    fn links(e: &DocExtraction, surface: &str) -> Vec<Option<String>> {
        e.mentions
            .iter()
            .filter(|m| m.text == surface)
            .map(|m| m.entity.map(|i| e.entities[i as usize].name.clone()))
            .collect()
    }

    #[test]
    fn western_surname_reuses_the_full_name() {
        let e = ext("Laura Santos arrived. Later Santos said the deal was close.");
        assert_eq!(links(&e, "Santos"), vec![Some("Laura Santos".to_string())]);
        let m = e
            .mentions
            .iter()
            .find(|m| m.text == "Santos")
            .expect("mention");
        assert_eq!(m.rule, "surname-reuse");
        // two people with that surname: unresolved
        let e = ext("Laura Santos arrived. Oren Santos left. Then Santos said no.");
        assert_eq!(links(&e, "Santos"), vec![None]);
    }

    #[test]
    fn double_surname_reuses_the_full_name_but_a_full_name_stays_apart() {
        let e = ext("Minister Rafael Okonkwo-Bauer arrived. \"Yes,\" Okonkwo-Bauer said.");
        assert_eq!(
            links(&e, "Okonkwo-Bauer"),
            vec![Some("Rafael Okonkwo-Bauer".to_string())]
        );
        // "Paul Jones" starts with a given name: a person of its own, not a short form
        let e = ext("John Paul Jones met Paul Jones in Boston.");
        assert_eq!(
            links(&e, "Paul Jones"),
            vec![Some("Paul Jones".to_string())]
        );
    }

    #[test]
    fn east_asian_family_name_resolves_to_the_full_name() {
        let e = ext("Choi Min-jae spoke first. Later Choi said talks would go on.");
        assert_eq!(links(&e, "Choi"), vec![Some("Choi Min-jae".to_string())]);
        assert_eq!(
            e.entities[0].etype,
            EntityType::Person,
            "the full name is a person"
        );
        let e = ext("Choi Min-jae spoke. Choi Dae-hyun left. Choi said nothing.");
        assert_eq!(links(&e, "Choi"), vec![None]);
    }

    #[test]
    fn titles_pick_among_namesakes() {
        let e = ext(
            "President Choi Min-jae met Choi Dae-hyun, a spokesperson for the ministry. \
             Later President Choi ordered a halt.",
        );
        assert_eq!(links(&e, "Choi"), vec![Some("Choi Min-jae".to_string())]);
        let e = ext(
            "President Choi Min-jae met Choi Dae-hyun, a spokesperson for the ministry. \
             Later Minister Choi ordered a halt.",
        );
        assert_eq!(links(&e, "Choi"), vec![None]);
    }

    #[test]
    fn a_short_form_before_the_second_namesake_is_the_first() {
        let e = ext(
            "Choi Min-jae led the march. Choi said it was peaceful. Choi Dae-hyun, an analyst, \
             disagreed.",
        );
        assert_eq!(links(&e, "Choi"), vec![Some("Choi Min-jae".to_string())]);
        let m = e
            .mentions
            .iter()
            .find(|m| m.text == "Choi")
            .expect("mention");
        assert_eq!(m.rule, "earlier-namesake");
        // after both are introduced it stays ambiguous
        let e = ext("Choi Min-jae led. Choi Dae-hyun, an analyst, disagreed. Choi said no.");
        assert_eq!(links(&e, "Choi"), vec![None]);
    }

    #[test]
    fn title_only_reference_resolves_like_the_surname() {
        let e = ext("Kim Dae Sung visited. Supreme Leader Kim then spoke.");
        assert_eq!(links(&e, "Kim"), vec![Some("Kim Dae Sung".to_string())]);
    }

    #[test]
    fn spelling_variants_are_one_local_entity() {
        let e = ext("Kim Dae-sung spoke. Kim Dae Sung left.");
        let a = links(&e, "Kim Dae-sung");
        assert_eq!(a, links(&e, "Kim Dae Sung"));
    }

    #[test]
    fn acronym_joins_its_expansion() {
        let e = ext("The Harbor Morning Post reported it. HMP said more.");
        assert_eq!(
            links(&e, "HMP"),
            vec![Some("Harbor Morning Post".to_string())]
        );
        let e = ext("The Harbor Morning Post reported it. XKP said more.");
        assert_ne!(
            links(&e, "XKP"),
            vec![Some("Harbor Morning Post".to_string())]
        );
    }

    #[test]
    fn country_forms_share_one_entity() {
        let e = ext("American officials said Washington rejected the plan, and U.S. envoys left.");
        let a = links(&e, "American");
        assert!(a[0].is_some());
        assert_eq!(a, links(&e, "Washington"));
        assert_eq!(a, links(&e, "U.S."));
    }

    #[test]
    fn initials_helpers() {
        assert_eq!(super::initials("south china morning post"), "SCMP");
        assert_eq!(super::initials("ministry of foreign affairs"), "MFA");
        assert_eq!(super::acronym_letters("U.N.").as_deref(), Some("UN"));
        assert_eq!(super::acronym_letters("Post"), None);
    }
}

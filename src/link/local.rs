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

use crate::mentions::{Candidate, Gazetteer};
use crate::model::{EntityType, LocalEntity, Mention, Span};
use rustc_hash::{FxHashMap, FxHashSet};

struct Ent {
    le: LocalEntity,
    key: String,
    parts: Vec<String>,
    family_first: bool,
    /// The short forms of a person of this name ([`short_forms`] of `parts`).
    short: Vec<String>,
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
    gazetteer: &Gazetteer,
) -> (Vec<LocalEntity>, Vec<Mention>) {
    let (ents, link, rules) = {
        let mut l = Linker::new(&candidates, gazetteer);
        l.gazetteer_ids_join_their_entity();
        l.multi_part_names_introduce_entities();
        l.short_forms_resolve_to_full_names();
        (l.ents, l.link, l.rules)
    };
    let out_ents: Vec<LocalEntity> = ents.into_iter().map(|e| e.le).collect();
    let mentions = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| Mention {
            span: c.span,
            text: c.text,
            entity: link[i].map(|e| e as u32),
            rule: rules[i].map_or(c.rule, str::to_string),
            confidence: c.confidence,
        })
        .collect();
    (out_ents, mentions)
}

/// The state of linking one document.
struct Linker<'c> {
    g: &'c Gazetteer,
    candidates: &'c [Candidate],
    /// The normalised text of each candidate.
    keys: Vec<String>,
    ents: Vec<Ent>,
    by_gid: FxHashMap<String, usize>,
    by_key: FxHashMap<String, usize>,
    /// The entity of each candidate.
    link: Vec<Option<usize>>,
    /// The linking rule of each candidate, where linking decided (else the candidate's own).
    rules: Vec<Option<&'static str>>,
}

impl<'c> Linker<'c> {
    fn new(candidates: &'c [Candidate], g: &'c Gazetteer) -> Self {
        Self {
            g,
            candidates,
            keys: candidates
                .iter()
                .map(|c| crate::normalize::key(&c.text))
                .collect(),
            ents: Vec::new(),
            by_gid: FxHashMap::default(),
            by_key: FxHashMap::default(),
            link: vec![None; candidates.len()],
            rules: vec![None; candidates.len()],
        }
    }

    /// A new entity for candidate `c`, under `key`.
    fn introduce(&mut self, c: &Candidate, key: &str) -> usize {
        let parts: Vec<String> = crate::normalize::key_tokens(key)
            .map(str::to_string)
            .collect();
        self.ents.push(Ent {
            le: LocalEntity {
                name: c.text.clone(),
                etype: c.etype,
                gazetteer_id: c.gazetteer_id.clone(),
                titles: Vec::new(),
            },
            key: key.to_string(),
            short: short_forms(&parts, c.family_first),
            parts,
            family_first: c.family_first,
            best_conf: c.confidence,
        });
        self.ents.len() - 1
    }

    /// Step 1 — "American", "Washington", "U.S.": a candidate with a gazetteer id joins the
    /// entity of that id, named by the country's name, or else by the fullest form written.
    fn gazetteer_ids_join_their_entity(&mut self) {
        let candidates = self.candidates;
        for (i, c) in candidates.iter().enumerate() {
            let Some(gid) = &c.gazetteer_id else {
                continue;
            };
            let e = match self.by_gid.get(gid) {
                Some(&e) => e,
                None => self.gazetteer_entity(i, gid),
            };
            let en = &mut self.ents[e].le;
            if !en.name.is_empty()
                && !self.g.country_names.contains_key(gid)
                && c.text.len() > en.name.len()
            {
                en.name = c.text.clone();
            }
            self.link[i] = Some(e);
        }
    }

    /// The entity of gazetteer id `gid`, introduced by candidate `i`: a country is named by its
    /// country name.
    fn gazetteer_entity(&mut self, i: usize, gid: &str) -> usize {
        let candidates = self.candidates;
        let key = self.keys[i].clone();
        let e = self.introduce(&candidates[i], &key);
        if let Some(name) = self.g.country_names.get(gid) {
            self.ents[e].le.name = name.clone();
            self.ents[e].key = crate::normalize::key(name);
        }
        self.by_gid.insert(gid.to_string(), e);
        e
    }

    /// Step 2 — "Kim Jong-un", "Ministry of Foreign Affairs": a name of two parts or more
    /// introduces an entity (a person's keyed without initials), unless it is a short form of
    /// a longer name of the document.
    fn multi_part_names_introduce_entities(&mut self) {
        let long_short_forms = self.two_part_short_forms_of_longer_names();
        let candidates = self.candidates;
        for (i, c) in candidates.iter().enumerate() {
            if self.link[i].is_some() {
                continue;
            }
            let key = &self.keys[i];
            let parts = crate::normalize::key_tokens(key).count();
            if parts < 2
                || (parts == 2 && c.etype != EntityType::Country && long_short_forms.contains(key))
            {
                continue;
            }
            let k = if c.etype == EntityType::Person {
                core_key(key)
            } else {
                key.clone()
            };
            let e = match self.by_key.get(&k) {
                Some(&e) => e,
                None => {
                    let e = self.introduce(c, &k);
                    self.by_key.insert(k, e);
                    e
                }
            };
            self.link[i] = Some(e);
            if c.family_first && !self.ents[e].family_first {
                let en = &mut self.ents[e];
                en.family_first = true;
                en.short = short_forms(&en.parts, true);
            }
        }
    }

    /// "Okonkwo-Bauer" of "Rafael Okonkwo-Bauer": two-part short forms of the document's
    /// longer person names, which resolve like a surname instead of introducing an entity of
    /// their own ("Paul Jones", starting with a given name, is a full name of its own).
    fn two_part_short_forms_of_longer_names(&self) -> FxHashSet<String> {
        self.candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.etype == EntityType::Person && !c.family_first)
            .flat_map(|(i, _)| {
                let parts: Vec<String> = crate::normalize::key_tokens(&core_key(&self.keys[i]))
                    .map(str::to_string)
                    .collect();
                if parts.len() >= 3 {
                    short_forms(&parts, false)
                } else {
                    Vec::new()
                }
            })
            .filter(|k| {
                k.split(' ')
                    .next()
                    .is_some_and(|first| !self.g.given_names.contains(first))
            })
            .collect()
    }

    /// Step 3 — every other candidate, in order: an acronym of a full name, the key of an
    /// entity, a short form of a person, else an entity of its own. The entities so far first
    /// take the types and titles of their mentions.
    fn short_forms_resolve_to_full_names(&mut self) {
        let candidates = self.candidates;
        for (i, c) in candidates.iter().enumerate() {
            if let Some(e) = self.link[i] {
                absorb(&mut self.ents[e], c);
            }
        }
        let first_at = self.first_mentions();
        for (i, c) in candidates.iter().enumerate() {
            if self.link[i].is_some()
                || self.acronym_of_a_full_name(i)
                || self.same_key_as_an_entity(i)
                || self.short_form_of_a_person(i, &first_at)
            {
                continue;
            }
            let key = self.keys[i].clone();
            let e = self.introduce(c, &key);
            self.by_key.insert(key, e);
            self.link[i] = Some(e);
            absorb(&mut self.ents[e], c);
        }
    }

    /// Where each entity so far is first mentioned (its earliest start).
    fn first_mentions(&self) -> Vec<Option<usize>> {
        let mut first_at: Vec<Option<usize>> = vec![None; self.ents.len()];
        for (i, c) in self.candidates.iter().enumerate() {
            if let Some(e) = self.link[i] {
                let f = &mut first_at[e];
                *f = Some(f.map_or(c.span.start, |x| x.min(c.span.start)));
            }
        }
        first_at
    }

    /// "HMP" → "Harbor Morning Post": an acronym joins the one organization (or name of
    /// unknown type, then an organization) with these initials, else the one country of the
    /// document with them ("NK" → North Korea).
    fn acronym_of_a_full_name(&mut self, i: usize) -> bool {
        let Some(letters) = acronym_letters(&self.candidates[i].text) else {
            return false;
        };
        let hits = self.with_initials(&letters, |en| {
            matches!(en.le.etype, EntityType::Organization | EntityType::Other)
        });
        let hits = if hits.is_empty() {
            self.with_initials(&letters, |en| {
                en.le.etype == EntityType::Country && en.le.gazetteer_id.is_some()
            })
        } else {
            hits
        };
        let [e] = hits[..] else {
            return false;
        };
        self.link[i] = Some(e);
        self.rules[i] = Some("acronym");
        if self.ents[e].le.etype == EntityType::Other {
            self.ents[e].le.etype = EntityType::Organization;
        }
        true
    }

    /// The entities of several parts, of the kind `kind` picks, whose initials are `letters`.
    fn with_initials(&self, letters: &str, kind: impl Fn(&Ent) -> bool) -> Vec<usize> {
        (0..self.ents.len())
            .filter(|&e| {
                let en = &self.ents[e];
                en.parts.len() >= 2 && kind(en) && initials(&en.key) == letters
            })
            .collect()
    }

    /// A candidate written like an entity's key joins it.
    fn same_key_as_an_entity(&mut self, i: usize) -> bool {
        let Some(&e) = self.by_key.get(&self.keys[i]) else {
            return false;
        };
        self.link[i] = Some(e);
        absorb(&mut self.ents[e], &self.candidates[i]);
        true
    }

    /// "Santos" → "Laura Santos", "Kim" → "Kim Jong Un": a person's name, or a weakly typed
    /// one (the document's people win over a preposition's guess), that is the short form of
    /// one person of the document joins that person; among namesakes a title or the order of
    /// introduction picks one, else the mention stays unresolved rather than guess.
    fn short_form_of_a_person(&mut self, i: usize, first_at: &[Option<usize>]) -> bool {
        let candidates = self.candidates;
        let c = &candidates[i];
        if !(matches!(c.etype, EntityType::Person | EntityType::Other) || c.confidence < 0.7) {
            return false;
        }
        let matches = self.people_with_short_form(c, &self.keys[i]);
        let (e, rule) = match matches[..] {
            [] => return false,
            [e] if self.ents[e].family_first => (e, "east-asian-family-name"),
            [e] => (e, "surname-reuse"),
            _ => match self.namesake(c, &matches, first_at) {
                Some(pick) => pick,
                None => {
                    self.rules[i] = Some("ambiguous-short-form");
                    return true;
                }
            },
        };
        self.link[i] = Some(e);
        self.rules[i] = Some(rule);
        self.ents[e].le.etype = EntityType::Person;
        if let Some(t) = &c.title {
            push_title(&mut self.ents[e].le, t);
        }
        true
    }

    /// The people (and, for a person's mention, names of unknown type of two or three parts)
    /// that have `key` among their short forms.
    fn people_with_short_form(&self, c: &Candidate, key: &str) -> Vec<usize> {
        (0..self.ents.len())
            .filter(|&e| {
                let en = &self.ents[e];
                (en.le.etype == EntityType::Person
                    || (en.le.etype == EntityType::Other
                        && c.etype == EntityType::Person
                        && (2..=3).contains(&en.parts.len())))
                    && en.short.iter().any(|f| f == key)
            })
            .collect()
    }

    /// The one of several namesakes a mention refers to, with the rule that picked it: the
    /// one introduced with the title written with the mention, else (when none has it) the
    /// one introduced before the mention.
    fn namesake(
        &self,
        c: &Candidate,
        matches: &[usize],
        first_at: &[Option<usize>],
    ) -> Option<(usize, &'static str)> {
        match self.namesakes_with_the_title(c, matches)[..] {
            [e] => Some((e, "title-disambiguated")),
            [] => earlier_namesake(c, matches, first_at).map(|e| (e, "earlier-namesake")),
            _ => None,
        }
    }

    /// "President Choi": the namesakes introduced with the title written with the mention.
    fn namesakes_with_the_title(&self, c: &Candidate, matches: &[usize]) -> Vec<usize> {
        let Some(t) = &c.title else {
            return Vec::new();
        };
        let tk = title_key(t);
        matches
            .iter()
            .copied()
            .filter(|&e| self.ents[e].le.titles.iter().any(|x| title_key(x) == tk))
            .collect()
    }
}

/// "Choi" before the second Choi appears: the one namesake introduced before the mention.
fn earlier_namesake(c: &Candidate, matches: &[usize], first_at: &[Option<usize>]) -> Option<usize> {
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
    match before[..] {
        [e] => Some(e),
        _ => None,
    }
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
    fn a_gazetteer_entity_is_named_by_its_fullest_form_a_country_by_its_name() {
        let e = ext("The U.N. met on Monday. The United Nations agreed.");
        assert_eq!(links(&e, "U.N."), vec![Some("United Nations".to_string())]);
        // near miss: a country keeps its country name, however long the form written
        let e = ext("North Korea fired. The Democratic People's Republic of Korea said no.");
        assert_eq!(
            links(&e, "Democratic People's Republic of Korea"),
            vec![Some("North Korea".to_string())]
        );
    }

    #[test]
    fn an_acronym_of_a_country_of_the_document_joins_it() {
        let e = ext("North Korea fired a missile. NK said it was a test.");
        assert_eq!(links(&e, "NK"), vec![Some("North Korea".to_string())]);
        let m = e.mentions.iter().find(|m| m.text == "NK").expect("mention");
        assert_eq!(m.rule, "acronym");
        // near miss: other initials
        let e = ext("North Korea fired a missile. XK said it was a test.");
        assert_eq!(links(&e, "XK"), vec![Some("XK".to_string())]);
    }

    #[test]
    fn a_name_written_like_an_entity_joins_it() {
        let e = ext("Ondrak said no. Officials met Ondrak later.");
        assert_eq!(
            links(&e, "Ondrak"),
            vec![Some("Ondrak".to_string()), Some("Ondrak".to_string())]
        );
        assert_eq!(e.entities.len(), 1);
        // near miss: another spelling is another entity
        let e = ext("Officials met Ondrak. Critics met Ondrek later.");
        assert_eq!(links(&e, "Ondrek"), vec![Some("Ondrek".to_string())]);
    }

    #[test]
    fn a_weakly_typed_place_yields_to_a_person_of_the_document() {
        let e = ext("Laura Marrowby arrived. Talks in Marrowby ended.");
        assert_eq!(
            links(&e, "Marrowby"),
            vec![Some("Laura Marrowby".to_string())]
        );
        // near miss: a place by a place noun is typed firmly enough
        let e = ext("Laura Marrowby arrived. Floods hit Marrowby province.");
        assert_eq!(links(&e, "Marrowby"), vec![Some("Marrowby".to_string())]);
    }

    #[test]
    fn initials_helpers() {
        assert_eq!(super::initials("south china morning post"), "SCMP");
        assert_eq!(super::initials("ministry of foreign affairs"), "MFA");
        assert_eq!(super::acronym_letters("U.N.").as_deref(), Some("UN"));
        assert_eq!(super::acronym_letters("Post"), None);
    }
}

//! Passes over the whole document, once every sentence is read: elliptical compass names,
//! shared short forms of countries, landforms, unsupported sentence-initial words and hyphen
//! compounds of known names.

use super::classify::Shape;
use super::{Candidate, Ctx, Sent, lower_in};
use crate::mentions::gazetteer::{Gazetteer, tok_key};
use crate::model::{EntityType, Span};
use rustc_hash::{FxHashMap, FxHashSet};

/// Prepositions after which a name with a head that is also a landform ("X Bank") is the
/// landform.
const GEO_PREPOSITIONS: &[&str] = &[
    "near",
    "off",
    "around",
    "over",
    "across",
    "surrounding",
    "beyond",
    "toward",
    "towards",
];
/// Organization head words that also name landforms ("Tamarind Bank" shoal).
const LANDFORM_ORG_HEADS: &[&str] = &["bank", "banks"];
/// Nouns that make an apposition geographic ("X, a shallow reef").
const LANDFORM_NOUNS: &[&str] = &[
    "reef",
    "reefs",
    "shoal",
    "shoals",
    "atoll",
    "island",
    "islands",
    "sandbank",
    "bank",
    "ridge",
    "seamount",
    "lagoon",
    "waters",
    "area",
    "archipelago",
    "outcrop",
];

impl Ctx<'_, '_> {
    /// "the North": a compass word after "the" is kept aside to name the one country of the
    /// document with that compass word ([`Ctx::resolve_compass`]).
    pub(super) fn elliptical_compass_name(&mut self, s: &Sent<'_>, sh: &Shape<'_>) -> bool {
        let [w] = sh.words else { return false };
        if !(sh.p > 0 && matches!(s.toks[sh.p - 1].text, "the" | "The")) {
            return false;
        }
        let word = w.text.to_lowercase();
        if !matches!(word.as_str(), "north" | "south" | "east" | "west") {
            return false;
        }
        self.compass.push((w.span, w.text.to_string(), word, s.idx));
        true
    }

    /// "North Korea fired ... The North said": an elliptical compass name is the country of
    /// the document with that compass word, when exactly one is mentioned.
    pub(super) fn resolve_compass(&mut self) {
        let compass = std::mem::take(&mut self.compass);
        for (span, text, word, sentence) in compass {
            let options: Vec<&String> = self
                .g
                .compass_countries
                .iter()
                .filter(|((w, _), _)| *w == word)
                .map(|(_, gid)| gid)
                .collect();
            let present: Vec<&String> = options
                .into_iter()
                .filter(|gid| {
                    self.out
                        .iter()
                        .any(|c| c.gazetteer_id.as_deref() == Some(gid.as_str()))
                })
                .collect();
            if present.len() == 1 {
                self.out.push(Candidate {
                    span,
                    text,
                    etype: EntityType::Country,
                    gazetteer_id: Some(present[0].clone()),
                    title: None,
                    rule: "gazetteer:elliptical".into(),
                    confidence: 0.7,
                    family_first: false,
                    sentence,
                });
            }
        }
    }
}

/// "Trump-Kim summit": a hyphen compound of names the document also uses alone is split into
/// them.
pub(super) fn split_hyphen_compounds(out: &mut Vec<Candidate>) {
    let splittable =
        |c: &Candidate| c.gazetteer_id.is_none() && c.text.contains('-') && !c.family_first;
    if !out.iter().any(splittable) {
        return;
    }
    let known = names_used_alone(out);
    let mut extra = Vec::new();
    out.retain(|c| {
        if !splittable(c) {
            return true;
        }
        let parts = hyphen_parts(&c.text);
        if parts.len() < 2
            || !parts.iter().all(|(_, p)| {
                p.chars().next().is_some_and(char::is_uppercase)
                    && known.contains_key(&crate::normalize::key(p))
            })
        {
            return true;
        }
        for (off, p) in parts {
            let etype = known
                .get(&crate::normalize::key(p))
                .copied()
                .unwrap_or(EntityType::Other);
            extra.push(Candidate {
                span: Span::new(c.span.start + off, c.span.start + off + p.len()),
                text: p.to_string(),
                etype,
                gazetteer_id: None,
                title: None,
                rule: "name:hyphen-compound".into(),
                confidence: 0.8,
                family_first: false,
                sentence: c.sentence,
            });
        }
        false
    });
    out.extend(extra);
}

/// The names the document writes without a hyphen, with their types, and the short forms of
/// its people ("Trump" of "Donald Trump").
fn names_used_alone(out: &[Candidate]) -> FxHashMap<String, EntityType> {
    let mut known: FxHashMap<String, EntityType> = FxHashMap::default();
    for c in out {
        if c.text.contains('-') {
            continue;
        }
        let k = crate::normalize::key(&c.text);
        let toks: Vec<&str> = k.split(' ').collect();
        known.entry(k.clone()).or_insert(c.etype);
        if c.etype == EntityType::Person && toks.len() >= 2 {
            let short = if c.family_first {
                toks[0]
            } else {
                toks[toks.len() - 1]
            };
            known.insert(short.to_string(), EntityType::Person);
        }
    }
    known
}

/// The parts of a hyphenated name with their byte offsets ("Trump-Kim" → (0, "Trump"),
/// (6, "Kim")).
fn hyphen_parts(text: &str) -> Vec<(usize, &str)> {
    let mut v = Vec::new();
    let mut st = 0;
    for (i, ch) in text.char_indices() {
        if ch == '-' {
            v.push((st, &text[st..i]));
            st = i + 1;
        }
    }
    v.push((st, &text[st..]));
    v
}

/// "Korean" or "Korea" alone: the one country of the document that shares the name (South
/// Korea when only South Korea is mentioned); unresolved (`other`) when none or both are.
pub(super) fn resolve_shared_short(out: &mut [Candidate], g: &Gazetteer) {
    let present: FxHashSet<String> = out.iter().filter_map(|c| c.gazetteer_id.clone()).collect();
    for c in out.iter_mut() {
        if c.etype != EntityType::Other || c.gazetteer_id.is_some() {
            continue;
        }
        let Some(options) = g.shared_short.get(&tok_key(&c.text)) else {
            continue;
        };
        let here: Vec<&String> = options.iter().filter(|o| present.contains(*o)).collect();
        if here.len() == 1 {
            c.etype = EntityType::Country;
            c.gazetteer_id = Some(here[0].clone());
            c.rule = "gazetteer:shared-short-form".into();
            c.confidence = 0.75;
        }
    }
}

/// The word-token index of a candidate's first token in its sentence.
pub(super) fn tok_index(sents: &[Sent<'_>], c: &Candidate) -> Option<usize> {
    sents
        .get(c.sentence)?
        .toks
        .iter()
        .position(|t| t.span.start == c.span.start)
}

/// "X Bank" is an organization unless the document treats it as a landform: after "near",
/// "off", "around"... or with an apposition "X Bank, a shallow reef". Then every mention of it
/// in the document is a location.
pub(super) fn landforms(out: &mut [Candidate], sents: &[Sent<'_>]) {
    let geo: FxHashSet<String> = out
        .iter()
        .filter(|c| landform_head(c) && used_as_a_landform(c, sents))
        .map(|c| crate::normalize::key(&c.text))
        .collect();
    if geo.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        if landform_head(c) && geo.contains(&crate::normalize::key(&c.text)) {
            c.etype = EntityType::Location;
            c.rule = "location:landform".into();
            c.confidence = 0.75;
        }
    }
}

/// A name of several words ending in an organization head that also names a landform ("X
/// Bank").
fn landform_head(c: &Candidate) -> bool {
    c.etype == EntityType::Organization
        && c.gazetteer_id.is_none()
        && c.text.rsplit(' ').next().is_some_and(|w| {
            crate::normalize::with_lowercase(w, |l| LANDFORM_ORG_HEADS.contains(&l))
        })
        && c.text.contains(' ')
}

/// "near X Bank", "X Bank, a shallow reef": a geographic preposition before the name, or a
/// landform noun within the first words of an apposition after it.
fn used_as_a_landform(c: &Candidate, sents: &[Sent<'_>]) -> bool {
    let (Some(s), Some(i)) = (sents.get(c.sentence), tok_index(sents, c)) else {
        return false;
    };
    let toks = &s.toks;
    let before = i > 0 && toks[i - 1].word && lower_in(&toks[i - 1], GEO_PREPOSITIONS);
    let Some(j) = toks.iter().position(|t| t.span.start >= c.span.end) else {
        return before;
    };
    let appos = toks[j].text == ","
        && toks.get(j + 1).is_some_and(|t| {
            crate::normalize::lower_eq(t.text, "a")
                || crate::normalize::lower_eq(t.text, "an")
                || crate::normalize::lower_eq(t.text, "the")
        })
        && toks[j + 2..(j + 5).min(toks.len())]
            .iter()
            .take_while(|t| t.word)
            .any(|t| lower_in(t, LANDFORM_NOUNS));
    before || appos
}

/// A capitalised word at a sentence start with no reading ("Fishermen", "Relatives") is an
/// ordinary word unless the document also uses it as a name: inside another name, or
/// capitalised where a sentence does not start.
pub(super) fn drop_unsupported_initials(out: &mut Vec<Candidate>, sents: &[Sent<'_>]) {
    let initial = |c: &Candidate| -> bool {
        let (Some(s), Some(i)) = (sents.get(c.sentence), tok_index(sents, c)) else {
            return false;
        };
        s.starts_at(i)
    };
    let used = words_used_as_names(out, sents);
    let drop: Vec<bool> = out
        .iter()
        .map(|c| {
            c.etype == EntityType::Other
                && c.rule == "name:capitalised"
                && !c.text.contains([' ', '-'])
                && initial(c)
                && !used.contains(c.text.as_str())
        })
        .collect();
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// The words the document capitalises where no sentence starts, and the words of its
/// names of several words.
fn words_used_as_names<'o>(out: &'o [Candidate], sents: &[Sent<'o>]) -> FxHashSet<&'o str> {
    let mut used: FxHashSet<&'o str> = FxHashSet::default();
    for s in sents {
        for (i, t) in s.toks.iter().enumerate() {
            if t.word && t.cap && !s.starts_at(i) {
                used.insert(t.text);
            }
        }
    }
    for c in out.iter().filter(|c| c.text.contains([' ', '-'])) {
        used.extend(c.text.split([' ', '-']));
    }
    used
}

//! Typing a name that is no gazetteer name and no organization by structure: the rules of
//! [`NAME_RULES`] are tried in order and the first that decides wins; a name that no rule
//! decides is a capitalised word of unknown type (or "the North", resolved later).

use super::{Ctx, Mode, NONCOUNTRY_PREFIX, Sent, lower_in, orgs, people, places};
use crate::mentions::gazetteer::{Gazetteer, TitleInfo};
use crate::model::EntityType;
use crate::text::WordTok;

/// What the name rules look at in the span `[p, q)` of a sentence.
pub(super) struct Shape<'s> {
    pub(super) p: usize,
    pub(super) q: usize,
    /// The span's tokens.
    pub(super) words: &'s [WordTok<'s>],
    /// Name parts: hyphen-joined tokens count as one ("Min-jae").
    pub(super) parts: usize,
    /// Every word is a common English word.
    pub(super) all_common: bool,
    /// The East Asian family-name-first shape ([`people::is_family_first`]).
    pub(super) family_first: bool,
    /// At the start of the sentence, a quotation or a parenthesis.
    pub(super) initial: bool,
    /// The last word, lower-cased.
    pub(super) last_lower: String,
    /// The title before the span, else the one in an apposition after it.
    pub(super) title: Option<&'s TitleInfo>,
    /// That title came before the span (not only in an apposition).
    pub(super) title_before: bool,
}

impl<'s> Shape<'s> {
    fn of(
        g: &Gazetteer,
        s: &'s Sent<'_>,
        p: usize,
        q: usize,
        title: Option<&'s TitleInfo>,
        title_before: bool,
    ) -> Self {
        let words = &s.toks[p..q];
        Shape {
            p,
            q,
            words,
            parts: words.iter().filter(|t| !t.hyphen_before).count(),
            all_common: words.iter().all(|t| g.is_common(t.text)),
            family_first: people::is_family_first(g, words),
            initial: s.starts_at(p),
            last_lower: words
                .last()
                .map_or_else(String::new, |t| t.text.to_lowercase()),
            title,
            title_before,
        }
    }
}

/// What a name rule decides.
#[derive(Debug, PartialEq)]
pub(super) enum Verdict {
    /// Not this rule's case: the next rule decides.
    Pass,
    /// Not a name: nothing is emitted.
    NoName,
    /// A name of this type, by this rule, with this confidence.
    Name(EntityType, &'static str, f32),
    /// A person named with the span's title, by this rule, with this confidence.
    TitledPerson(&'static str, f32),
}

/// One name rule.
pub(super) type NameRule = fn(&Ctx<'_, '_>, &Sent<'_>, &Shape<'_>) -> Verdict;

/// The name rules, in the order they are tried.
const NAME_RULES: &[NameRule] = &[
    lone_letter_is_no_name,
    name_inside_a_derived_adjective,
    people::title_makes_a_person,
    people::east_asian_name_shape,
    people::given_name_makes_a_person,
    people::initials_make_a_person,
    places::place_noun_of_makes_a_location,
    places::adjective_of_a_place,
    places::place_noun_after_makes_a_location,
    places::location_head_word_makes_a_location,
    people::speech_verb_makes_a_person,
    orgs::upper_case_word_is_an_acronym,
    common_words_are_no_name,
    places::locative_preposition_makes_a_location,
    people::two_or_three_capitalised_parts_make_a_person,
];

impl Ctx<'_, '_> {
    /// Types the name `[p, q)` (with the title before it and the apposition title after it)
    /// by the first of [`NAME_RULES`] that decides.
    pub(super) fn name(
        &mut self,
        s: &Sent<'_>,
        p: usize,
        q: usize,
        title: Option<TitleInfo>,
        appos: Option<TitleInfo>,
    ) {
        let sh = Shape::of(
            self.g,
            s,
            p,
            q,
            title.as_ref().or(appos.as_ref()),
            title.is_some(),
        );
        for rule in NAME_RULES {
            match rule(self, s, &sh) {
                Verdict::Pass => {}
                Verdict::NoName => return,
                Verdict::Name(etype, rule, conf) => {
                    self.push(s, p, q, etype, rule, conf).family_first =
                        etype == EntityType::Person && sh.family_first;
                    return;
                }
                Verdict::TitledPerson(rule, conf) => {
                    let c = self.push(s, p, q, EntityType::Person, rule, conf);
                    c.title = sh.title.map(|t| t.title.clone());
                    c.family_first = sh.family_first;
                    return;
                }
            }
        }
        if !self.elliptical_compass_name(s, &sh) {
            self.push(s, p, q, EntityType::Other, "name:capitalised", 0.4);
        }
    }
}

/// "U . S ." in spaced text: a lone letter is no name.
fn lone_letter_is_no_name(_: &Ctx<'_, '_>, _: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    match sh.words {
        [w] if w.text.chars().filter(|c| c.is_alphabetic()).count() < 2 => Verdict::NoName,
        _ => Verdict::Pass,
    }
}

/// "inter-Korean", "anti-Trump": a name glued by a hyphen to a lower-case prefix is inside a
/// derived adjective — no name after "inter-"-style prefixes or when longer than one word,
/// else a weak mention of unknown type.
fn name_inside_a_derived_adjective(_: &Ctx<'_, '_>, s: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    let (toks, p) = (&s.toks, sh.p);
    if !(toks[p].hyphen_before && p > 0 && toks[p - 1].word && !toks[p - 1].cap) {
        return Verdict::Pass;
    }
    if lower_in(&toks[p - 1], NONCOUNTRY_PREFIX) || sh.words.len() > 1 {
        return Verdict::NoName;
    }
    Verdict::Name(EntityType::Other, "name:prefixed", 0.4)
}

/// "Fine", "Related Article": a name of common words only is no name when it is one word,
/// opens a sentence or sits in a headline.
fn common_words_are_no_name(_: &Ctx<'_, '_>, s: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    if sh.all_common && (s.mode != Mode::Normal || sh.initial || sh.words.len() == 1) {
        return Verdict::NoName;
    }
    Verdict::Pass
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, ctx, sent};
    use super::*;
    use crate::mentions::tests::{found, rule_of};
    use crate::model::EntityType::*;

    /// The verdict of `rule` on the words `first..=last` of the first sentence of `text`,
    /// with no title.
    fn verdict(rule: NameRule, text: &str, first: &str, last: &str) -> Verdict {
        let s = sent(text);
        let cx = ctx(text);
        let sh = Shape::of(cx.g, &s, at(&s, first), at(&s, last) + 1, None, false);
        rule(&cx, &s, &sh)
    }

    #[test]
    fn a_lone_letter_is_no_name() {
        let t = "Officials met J Brastow.";
        assert_eq!(
            verdict(lone_letter_is_no_name, t, "J", "J"),
            Verdict::NoName
        );
        // (a letter beside a gazetteer name is read alone)
        let c = found("Seeds : B Kenya , C Ghana .");
        assert_eq!(
            c,
            vec![
                ("Kenya".to_string(), Country),
                ("Ghana".to_string(), Country)
            ]
        );
        // near miss: two letters
        let t = "Officials met Jo Brastow.";
        assert_eq!(
            verdict(lone_letter_is_no_name, t, "Jo", "Jo"),
            Verdict::Pass
        );
    }

    #[test]
    fn a_name_glued_to_a_prefix_is_a_weak_mention() {
        let t = "The anti-Brastow protests grew.";
        assert_eq!(rule_of(t, "Brastow").as_deref(), Some("name:prefixed"));
        // near miss: the same name with no prefix
        let t = "Officials met Brastow today.";
        assert_eq!(rule_of(t, "Brastow").as_deref(), Some("name:capitalised"));
    }

    #[test]
    fn a_common_word_alone_is_no_name() {
        assert!(found("He said Fine, then left.").is_empty());
        // near miss: an uncommon word alone is a name of unknown type
        assert_eq!(
            found("He met Ondrak, then left."),
            vec![("Ondrak".to_string(), Other)]
        );
    }
}

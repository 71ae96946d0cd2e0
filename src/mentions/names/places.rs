//! The rules that make a name a place: a place noun before "of" or after the name, a location
//! head word, a locative preposition; and the adjective of a place, which is no name.

use super::classify::{Shape, Verdict};
use super::{Ctx, Sent, lower_in};
use crate::mentions::gazetteer::{GazKind, Gazetteer, LOCATION_HEADS};
use crate::model::EntityType;

/// Prepositions after which an unknown or capital name is a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "into",
    "inside",
    "outside",
    "across",
    "around",
    "throughout",
    "via",
    "visit",
    "visited",
    "visiting",
    "visits",
];
/// Words after which "to X" is movement to a place.
const MOTION: &[&str] = &[
    "trip",
    "travel",
    "travelled",
    "traveled",
    "traveling",
    "travelling",
    "flew",
    "fly",
    "flying",
    "went",
    "go",
    "going",
    "came",
    "come",
    "coming",
    "return",
    "returned",
    "returning",
    "arrived",
    "moved",
    "headed",
    "heading",
    "journey",
    "flight",
    "visit",
    "back",
    "way",
    "route",
    "left",
    "departed",
    "bound",
    "leaving",
    "leaves",
];
/// Nouns before "of" that make the name after it a place ("the province of X").
const PLACE_NOUNS_OF: &[&str] = &[
    "province",
    "region",
    "city",
    "town",
    "village",
    "island",
    "islands",
    "county",
    "district",
    "prefecture",
    "state",
    "municipality",
    "port",
    "republic",
];
/// Lower-case nouns right after a name that make it a place ("Dak Lak province").
const PLACE_NOUNS_AFTER: &[&str] = &[
    "region",
    "province",
    "city",
    "island",
    "oblast",
    "county",
    "district",
    "prefecture",
    "state",
    "peninsula",
    "village",
    "border",
    "area",
];

/// "in X", "at X", "visited X", "flew to X": a locative preposition, or "to" / "for" after a
/// word of motion, right before token `p`.
pub(super) fn locative_before(s: &Sent<'_>, p: usize) -> bool {
    let toks = &s.toks;
    if p == 0 {
        return false;
    }
    let prev = &toks[p - 1];
    if !prev.word {
        return false;
    }
    if lower_in(prev, LOCATIVE) {
        return true;
    }
    matches!(prev.text, "to" | "for")
        && p >= 2
        && toks[p - 2].word
        && lower_in(&toks[p - 2], MOTION)
}

/// "Sea of Japan", "Gulf of Aden": a location head word before "of" starts a place name.
pub(super) fn place_head_before_of(s: &Sent<'_>, p: usize, q: usize) -> bool {
    q - p >= 3
        && s.toks[p + 1].text == "of"
        && crate::normalize::with_lowercase(s.toks[p].text, |l| LOCATION_HEADS.contains(&l))
}

/// "the province of Quang Tri", "the island of Lombok": a place noun and "of" before an
/// untitled name make a place.
pub(super) fn place_noun_of_makes_a_location(
    _: &Ctx<'_, '_>,
    s: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    let (toks, p) = (&s.toks, sh.p);
    if p >= 2
        && toks[p - 1].text == "of"
        && !toks[p - 2].cap
        && lower_in(&toks[p - 2], PLACE_NOUNS_OF)
        && sh.title.is_none()
        && !sh.all_common
    {
        return Verdict::Name(EntityType::Location, "location:noun-of", 0.75);
    }
    Verdict::Pass
}

/// "Southeast Asian", "Central African": the adjective of a gazetteer place is no person, a
/// weak mention of unknown type.
pub(super) fn adjective_of_a_place(cx: &Ctx<'_, '_>, s: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    if place_adjective(cx.g, s, sh.p, sh.q) {
        return Verdict::Name(EntityType::Other, "name:place-adjective", 0.4);
    }
    Verdict::Pass
}

/// "Dak Lak province", "the Tarsk border": a lower-case place noun right after an untitled
/// name that starts with no given name makes a place.
pub(super) fn place_noun_after_makes_a_location(
    cx: &Ctx<'_, '_>,
    s: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    let next_place_noun = s
        .toks
        .get(sh.q)
        .is_some_and(|t| t.word && !t.cap && PLACE_NOUNS_AFTER.contains(&t.text));
    if next_place_noun
        && !sh.all_common
        && sh.title.is_none()
        && !cx.g.is_given_name(sh.words[0].text)
    {
        return Verdict::Name(EntityType::Location, "location:noun-after", 0.7);
    }
    Verdict::Pass
}

/// "Corvina Island", "Tarsk Valley": a location head word last in a name of two parts or
/// more makes a place.
pub(super) fn location_head_word_makes_a_location(
    _: &Ctx<'_, '_>,
    _: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    if sh.parts >= 2 && LOCATION_HEADS.contains(&sh.last_lower.as_str()) && !sh.all_common {
        return Verdict::Name(EntityType::Location, "location:head", 0.75);
    }
    Verdict::Pass
}

/// "in Marrowby", "flew to Marrowby": up to three parts after a locative preposition make a
/// place (not an upper-case word).
pub(super) fn locative_preposition_makes_a_location(
    _: &Ctx<'_, '_>,
    s: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    if sh.parts <= 3 && locative_before(s, sh.p) && !sh.words[0].upper {
        return Verdict::Name(EntityType::Location, "location:preposition", 0.6);
    }
    Verdict::Pass
}

/// "Southeast Asian" (from "Southeast Asia"), "Balkan" ("Balkans" aside): the words less a
/// final "n" (or "an" for "-e" names) name a gazetteer place.
fn place_adjective(g: &Gazetteer, s: &Sent<'_>, p: usize, q: usize) -> bool {
    let k = s.keys.phrase(p, q);
    let is_place = |key: &str| {
        g.names.get(key).is_some_and(|es| {
            es.iter()
                .any(|e| matches!(e.kind, GazKind::Place | GazKind::Capital))
        })
    };
    if let Some(stem) = k.strip_suffix('n')
        && is_place(stem)
    {
        return true;
    }
    k.strip_suffix("an")
        .is_some_and(|stem| is_place(&format!("{stem}e")))
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::{has, rule_of};
    use crate::model::EntityType::*;

    #[test]
    fn a_place_head_before_of_makes_a_place() {
        let t = "Boats crossed the Gulf of Tarsk at dawn.";
        assert_eq!(
            rule_of(t, "Gulf of Tarsk").as_deref(),
            Some("location:head-of")
        );
        // near miss: a name before "of" is no place head
        let t = "Later Nora of Tarsk arrived.";
        assert!(!has(t, "Nora of Tarsk", Location) && !has(t, "Tarsk", Location));
    }

    #[test]
    fn a_place_noun_after_the_name_makes_a_place() {
        let t = "Floods hit Tarsk province on Monday.";
        assert_eq!(rule_of(t, "Tarsk").as_deref(), Some("location:noun-after"));
        // near miss: capitalised, the noun is part of the name (and its head)
        let t = "Floods hit Tarsk Province on Monday.";
        assert_eq!(
            rule_of(t, "Tarsk Province").as_deref(),
            Some("location:head")
        );
    }

    #[test]
    fn a_location_head_word_last_makes_a_place() {
        let t = "Boats reached Ondrak Island.";
        assert_eq!(
            rule_of(t, "Ondrak Island").as_deref(),
            Some("location:head")
        );
        // near miss: the head word first
        let t = "They sailed past Island Ondrak.";
        assert!(!has(t, "Island Ondrak", Location));
    }

    #[test]
    fn a_locative_preposition_makes_a_place() {
        let t = "Talks in Marrowby failed.";
        assert_eq!(
            rule_of(t, "Marrowby").as_deref(),
            Some("location:preposition")
        );
        // near miss: a preposition that is not locative
        assert!(has("Talks with Marrowby failed.", "Marrowby", Other));
    }

    #[test]
    fn to_after_a_word_of_motion_makes_a_place() {
        assert!(has("She flew to Marrowby on Monday.", "Marrowby", Location));
        // near miss: "to" after another verb
        assert!(has("She wrote to Marrowby on Monday.", "Marrowby", Other));
    }
}

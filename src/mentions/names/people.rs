//! The rules that make a name a person's: a title, the East Asian shape, a given name,
//! initials, a speech verb, and the plain shape of two or three capitalised parts.

use super::classify::{Shape, Verdict};
use super::{Ctx, Mode, Sent};
use crate::mentions::gazetteer::{Gazetteer, LOCATION_HEADS};
use crate::model::EntityType;
use crate::text::WordTok;

/// Last words that make a capitalised run an event, a prize or a law, not a person
/// ("Reunion Day", "Davis Cup").
const EVENT_HEADS: &[&str] = &[
    "day",
    "week",
    "year",
    "eve",
    "festival",
    "games",
    "cup",
    "award",
    "awards",
    "prize",
    "act",
    "bill",
    "treaty",
    "war",
    "summit",
    "conference",
];

/// "President Elena Varga", "Tal Ferro, a spokesperson": a title before the name or in an
/// apposition after it makes a person (not a lone common word titled only by an apposition).
pub(super) fn title_makes_a_person(_: &Ctx<'_, '_>, _: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    let Some(t) = sh.title else {
        return Verdict::Pass;
    };
    if sh.all_common && sh.words.len() == 1 && !t.title.is_empty() && !sh.title_before {
        return Verdict::Pass;
    }
    Verdict::TitledPerson("name:title", 0.9)
}

/// "Choi Min-jae", "Xi Jinping": the East Asian family-name-first shape makes a person.
pub(super) fn east_asian_name_shape(_: &Ctx<'_, '_>, _: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    if sh.family_first {
        return Verdict::Name(EntityType::Person, "name:east-asian", 0.85);
    }
    Verdict::Pass
}

/// "Laura Santos": a given name first, in a name of two parts or more that ends in no place
/// head word ("Laura Island").
pub(super) fn given_name_makes_a_person(cx: &Ctx<'_, '_>, _: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    if sh.parts >= 2
        && cx.g.is_given_name(sh.words[0].text)
        && !LOCATION_HEADS.contains(&sh.last_lower.as_str())
    {
        return Verdict::Name(EntityType::Person, "name:given-name", 0.85);
    }
    Verdict::Pass
}

/// "J. Ondrak": an initial in a name of two parts or more makes a person.
pub(super) fn initials_make_a_person(_: &Ctx<'_, '_>, _: &Sent<'_>, sh: &Shape<'_>) -> Verdict {
    let has_initial = sh
        .words
        .iter()
        .any(|t| t.text.len() == 2 && t.text.ends_with('.') && t.cap);
    if sh.parts >= 2 && has_initial {
        return Verdict::Name(EntityType::Person, "name:initials", 0.8);
    }
    Verdict::Pass
}

/// "Brastow Quell said", "said Brastow Quell": two to four parts, not all common words, next
/// to a speech verb make a person.
pub(super) fn speech_verb_makes_a_person(
    cx: &Ctx<'_, '_>,
    s: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    let (toks, p) = (&s.toks, sh.p);
    let next_is_speech = toks.get(sh.q).is_some_and(|t| {
        t.word && crate::normalize::with_lowercase(t.text, |l| cx.g.speech_verbs.contains(l))
    });
    let prev_is_speech =
        p > 0 && toks[p - 1].word && matches!(toks[p - 1].text, "said" | "says" | "told" | "added");
    if (2..=4).contains(&sh.parts) && !sh.all_common && (next_is_speech || prev_is_speech) {
        return Verdict::Name(EntityType::Person, "name:speech-verb", 0.75);
    }
    Verdict::Pass
}

/// Two or three capitalised parts in ordinary text, with no organization, place or event
/// head word and no more than one common word: in news, a person.
pub(super) fn two_or_three_capitalised_parts_make_a_person(
    cx: &Ctx<'_, '_>,
    s: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    let g = cx.g;
    let words = sh.words;
    let heads = words.iter().any(|t| {
        g.org_head(t.text).is_some()
            || crate::normalize::with_lowercase(t.text, |l| LOCATION_HEADS.contains(&l))
    }) || EVENT_HEADS.contains(&sh.last_lower.as_str());
    let any_common = words.iter().any(|t| g.is_common(t.text));
    let caps_ok = words.iter().all(|t| t.hyphen_before || t.cap) && !words.iter().all(|t| t.upper);
    if (2..=3).contains(&sh.parts)
        && s.mode == Mode::Normal
        && !heads
        && !(sh.initial && any_common)
        && !sh.all_common
        && caps_ok
        && words.iter().filter(|t| !g.is_common(t.text)).count() >= sh.parts.min(2) - 1
    {
        return Verdict::Name(EntityType::Person, "name:shape", 0.6);
    }
    Verdict::Pass
}

/// Family-name-first shape: a common East Asian family name followed by a hyphenated given
/// name ("Lee Jae-myung", "Kim Jong-un"), or by two short syllables ("Kim Jong Un"), or by one
/// syllable that is not a Western given name ("Xi Jinping").
pub(super) fn is_family_first(g: &Gazetteer, words: &[WordTok<'_>]) -> bool {
    if words.len() < 2 || !g.is_ea_surname(words[0].text) || words[0].hyphen_before {
        return false;
    }
    let rest = &words[1..];
    if rest[0].hyphen_before {
        return false;
    }
    let syll = |t: &WordTok<'_>| {
        let c = t.text.chars().count();
        (1..=7).contains(&c) && t.text.chars().all(char::is_alphabetic)
    };
    match rest {
        // "Xi Jinping", "Wang Yi"
        [one] => {
            syll(one)
                && !g.is_given_name(one.text)
                && !g.is_given_name(words[0].text)
                && !g.is_common(one.text)
        }
        // "Jae-myung" / "Jong Un"
        [a, b] => syll(a) && syll(b) && (b.hyphen_before || !g.is_given_name(a.text)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::{found, rec, rule_of};

    #[test]
    fn an_apposition_title_makes_a_person_but_not_of_a_common_word() {
        let t = "Later Olin Brastow, the spokesperson, left.";
        assert_eq!(rule_of(t, "Olin Brastow").as_deref(), Some("name:title"));
        // near miss: a lone common word is not titled by an apposition
        assert!(found("Later Hope, the spokesperson, left.").is_empty());
    }

    #[test]
    fn the_east_asian_shape_makes_a_person_written_family_name_first() {
        let c = rec("Critics met Pak Sol-mi on Monday.");
        let p = c.iter().find(|c| c.text == "Pak Sol-mi").expect("person");
        assert_eq!((p.rule.as_str(), p.family_first), ("name:east-asian", true));
        // near miss: a listed family name before a Western given name
        let t = "The envoy met Lee Hamilton yesterday.";
        assert_eq!(rule_of(t, "Lee Hamilton").as_deref(), Some("name:shape"));
    }

    #[test]
    fn a_given_name_first_makes_a_person_unless_a_place_head_ends_it() {
        let t = "Despite talks, Laura Santos left.";
        assert_eq!(
            rule_of(t, "Laura Santos").as_deref(),
            Some("name:given-name")
        );
        // near miss: a place head word last
        let t = "Later Laura Island was quiet.";
        assert_eq!(rule_of(t, "Laura Island").as_deref(), Some("location:head"));
    }

    #[test]
    fn an_initial_makes_a_person() {
        let t = "Critics of J. Ondrak objected.";
        assert_eq!(rule_of(t, "J. Ondrak").as_deref(), Some("name:initials"));
        // near miss: no initial
        let t = "Ondrak Brastow won the race.";
        assert_ne!(
            rule_of(t, "Ondrak Brastow").as_deref(),
            Some("name:initials")
        );
    }

    #[test]
    fn a_speech_verb_makes_a_person() {
        let t = "Ondrak Brastow said the plan failed.";
        assert_eq!(
            rule_of(t, "Ondrak Brastow").as_deref(),
            Some("name:speech-verb")
        );
        // near miss: another verb
        let t = "Ondrak Brastow won the race.";
        assert_ne!(
            rule_of(t, "Ondrak Brastow").as_deref(),
            Some("name:speech-verb")
        );
    }

    #[test]
    fn two_capitalised_parts_with_no_head_make_a_person() {
        let t = "Ondrak Brastow won the race.";
        assert_eq!(rule_of(t, "Ondrak Brastow").as_deref(), Some("name:shape"));
        // near miss: an event head word last
        let t = "They celebrated Ondrak Day on Monday.";
        assert_eq!(
            rule_of(t, "Ondrak Day").as_deref(),
            Some("name:capitalised")
        );
    }
}

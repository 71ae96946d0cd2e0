//! One piece of a run (between titles): what is trimmed off it, where it splits, and how the
//! gazetteer names inside it are read.

use super::{CONNECTORS, Ctx, Hit, Sent, lower_in};
use crate::mentions::gazetteer::{GazKind, TitleInfo};
use crate::model::EntityType;
use crate::text::WordTok;

/// Nouns of nationality written before a name like a title.
const NATIONALITY_NOUNS: &[&str] = &[
    "Englishman",
    "Englishwoman",
    "Frenchman",
    "Frenchwoman",
    "Irishman",
    "Irishwoman",
    "Scotsman",
    "Scotswoman",
    "Welshman",
    "Welshwoman",
    "Dutchman",
    "Dutchwoman",
    "Countryman",
    "Kiwi",
    "Aussie",
];

impl Ctx<'_, '_> {
    /// Reads the piece `[p, q)` of a run, with the title before it and the apposition title
    /// after it: the first rule that applies decides.
    pub(super) fn piece(
        &mut self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        p: usize,
        q: usize,
        title: Option<TitleInfo>,
        appos: Option<TitleInfo>,
    ) {
        let p = self.leading_non_name_words_skipped(s, hits, p, q);
        let q = trailing_lone_letter_dropped(s, p, trailing_lower_case_dropped(s, p, q));
        if no_word_of_two_letters(&s.toks[p..q]) {
            return;
        }
        let (p, title) = nationality_noun_is_a_cue(s, p, q, title);
        if p >= q {
            return;
        }
        if hits[p].as_ref().is_some_and(|h| p + h.len == q) {
            self.gazetteer_reading(s, hits, p);
        } else if let Some(rule) = self.org_shape(s, p, q) {
            self.organization_by_structure(s, hits, p, q, rule);
        } else if super::places::place_head_before_of(s, p, q) {
            self.push(s, p, q, EntityType::Location, "location:head-of", 0.75);
        } else if let Some((c, e)) = split_at_connector(s, p, q) {
            self.piece(s, hits, p, c, title, None);
            if e < q {
                self.piece(s, hits, e, q, None, appos);
            }
        } else if self.given_name_before_place_name(s, hits, p, q) {
            self.name(s, p, q, title, appos);
        } else {
            self.gazetteer_names_inside(s, hits, p, q, title, appos);
        }
    }

    /// Skips what opens a piece but is no part of the name: an article (not that of a
    /// gazetteer name: "The Hague"), a lower-case word, and at a sentence start a common word
    /// ("Despite talks").
    fn leading_non_name_words_skipped(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        mut p: usize,
        q: usize,
    ) -> usize {
        let toks = &s.toks;
        let g = self.g;
        while p < q {
            let t = &toks[p];
            let article = matches!(t.text, "The" | "THE" | "A" | "An") && hits[p].is_none();
            let connector = !t.cap && !t.upper;
            let initial_common = s.starts_at(p)
                && hits[p].is_none()
                && g.is_common(t.text)
                && !g.is_given_name(t.text)
                && !(q > p + 1 && toks[p + 1].hyphen_before);
            if !(article || connector || initial_common) {
                break;
            }
            p += 1;
        }
        p
    }

    /// "Laura Kent", "Jack London": a given name before a place name makes the whole a
    /// person's name.
    fn given_name_before_place_name(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        p: usize,
        q: usize,
    ) -> bool {
        q - p >= 2
            && hits[p].is_none()
            && self.g.is_given_name(s.toks[p].text)
            && !s.toks[p].upper
            && (p..q).all(|k| {
                hits[k].as_ref().is_none_or(|h| {
                    h.entries
                        .iter()
                        .all(|e| matches!(e.kind, GazKind::Place | GazKind::Capital))
                })
            })
    }

    /// "Olin Brastow Kenya": each gazetteer name inside the piece is read as such and the
    /// words between them as names; with none inside, the piece is one name.
    fn gazetteer_names_inside(
        &mut self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        p: usize,
        q: usize,
        mut title: Option<TitleInfo>,
        appos: Option<TitleInfo>,
    ) {
        let mut k = p;
        let mut gap_start = p;
        let mut any_hit = false;
        while k < q {
            if let Some(h) = &hits[k]
                && k + h.len <= q
            {
                if gap_start < k {
                    self.name(s, gap_start, k, title.take(), None);
                }
                self.gazetteer_reading(s, hits, k);
                any_hit = true;
                k += h.len;
                gap_start = k;
                continue;
            }
            k += 1;
        }
        if !any_hit {
            self.name(s, p, q, title, appos);
        } else if gap_start < q {
            self.name(s, gap_start, q, title, appos);
        }
    }
}

/// Drops lower-case words at the end of a piece ("Laura Santos and" before a title), not a
/// hyphenated syllable ("Choi Min-jae").
fn trailing_lower_case_dropped(s: &Sent<'_>, p: usize, mut q: usize) -> usize {
    let toks = &s.toks;
    while q > p && !toks[q - 1].cap && !toks[q - 1].upper && !toks[q - 1].hyphen_before {
        q -= 1;
    }
    q
}

/// "Benjamin U . S .": a trailing lone letter (or its dot) is not part of the name.
fn trailing_lone_letter_dropped(s: &Sent<'_>, p: usize, mut q: usize) -> usize {
    let toks = &s.toks;
    while q > p + 1
        && (toks[q - 1].text == "." || (toks[q - 1].word && toks[q - 1].text.chars().count() == 1))
    {
        q -= 1;
    }
    q
}

/// No word of two letters or more: nothing to read.
fn no_word_of_two_letters(toks: &[WordTok<'_>]) -> bool {
    toks.iter()
        .all(|t| !t.word || t.text.chars().filter(|c| c.is_alphabetic()).count() < 2)
}

/// "Englishman Robert Buckley": a nationality noun before a name is a cue (the title, when
/// there is none), not part of the name.
fn nationality_noun_is_a_cue(
    s: &Sent<'_>,
    p: usize,
    q: usize,
    title: Option<TitleInfo>,
) -> (usize, Option<TitleInfo>) {
    let noun = s.toks[p].text;
    if q > p + 1 && NATIONALITY_NOUNS.contains(&noun) {
        let title = title.or_else(|| {
            Some(TitleInfo {
                title: noun.to_string(),
                kind: "nationality".into(),
            })
        });
        return (p + 1, title);
    }
    (p, title)
}

/// "Trump and Kim", "X on Y Island": a lower-case connector inside a piece splits it in two.
/// Returns where the connector starts and where the second piece does.
fn split_at_connector(s: &Sent<'_>, p: usize, q: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let c = (p + 1..q - 1).find(|&k| {
        toks[k].word && !toks[k].cap && !toks[k].upper && lower_in(&toks[k], CONNECTORS)
    })?;
    let mut e = c;
    while e < q && toks[e].word && !toks[e].cap && !toks[e].upper {
        e += 1;
    }
    Some((c, e))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, sent};
    use super::trailing_lower_case_dropped;
    use crate::mentions::tests::{found, has, rec};
    use crate::model::EntityType::*;

    #[test]
    fn trailing_lower_case_words_are_dropped() {
        let s = sent("Later Laura Kent and the President met.");
        let (p, q) = (at(&s, "Laura"), at(&s, "President"));
        assert_eq!(trailing_lower_case_dropped(&s, p, q), at(&s, "and"));
        // near miss: a hyphenated syllable stays
        let s = sent("The envoy met Choi Min-jae today.");
        let (p, q) = (at(&s, "Choi"), at(&s, "jae") + 1);
        assert_eq!(trailing_lower_case_dropped(&s, p, q), q);
    }

    #[test]
    fn a_trailing_lone_letter_is_dropped() {
        let c = found("Later Olin Brastow U . S . said no .");
        assert_eq!(c, vec![("Olin Brastow".to_string(), Person)]);
        // near miss: an initial inside the name stays
        assert!(has(
            "Later Olin J . Brastow spoke .",
            "Olin J . Brastow",
            Person
        ));
    }

    #[test]
    fn lone_letters_alone_are_nothing() {
        assert!(found("He lived in the U . S . then .").is_empty());
        // near miss: two letters together are a name
        assert!(has("He lived in the US then.", "US", Country));
    }

    #[test]
    fn a_nationality_noun_is_the_title_of_the_name_after_it() {
        let c = rec("Frenchman Olin Brastow won the race.");
        let b = c.iter().find(|c| c.text == "Olin Brastow").expect("person");
        assert_eq!((b.etype, b.title.as_deref()), (Person, Some("Frenchman")));
        // near miss: with no name after it the noun is the mention
        let c = rec("Yesterday the Dutchman won the race.");
        assert!(c.iter().any(|c| c.text == "Dutchman" && c.title.is_none()));
    }

    #[test]
    fn gazetteer_names_inside_a_piece_split_it() {
        let c = found("Later Olin Brastow Kenya won.");
        assert!(c.contains(&("Olin Brastow".to_string(), Person)));
        assert!(c.contains(&("Kenya".to_string(), Country)));
        // near miss: with no gazetteer name inside, the piece is one name
        assert!(has(
            "Later Olin Brastow Quell won.",
            "Olin Brastow Quell",
            Person
        ));
    }
}

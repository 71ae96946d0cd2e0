//! Organizations by structure: a head word or head phrase ("Defense Ministry", "Harbor
//! Daily", "Ministry of Foreign Affairs"), a country modifier in front of a generic
//! organization, a lower-case organization after a country, and acronyms.

use super::classify::{Shape, Verdict};
use super::{Ctx, Hit, Mode, Sent};
use crate::mentions::gazetteer::{GazKind, Gazetteer};
use crate::model::EntityType;

/// A test of the tokens `p..q` of a sentence for one organization shape.
type OrgShape = fn(&Gazetteer, &Sent<'_>, usize, usize) -> bool;

/// The organization shapes, in the order they are tried, with the rule each one reports.
const ORG_SHAPES: &[(&str, OrgShape)] = &[
    ("org:head-phrase", org_head_phrase_inside),
    ("org:head-last", org_head_word_last),
    ("org:head-first", org_head_word_first),
    ("org:head-of", org_head_before_of),
];

/// "Joint Chiefs of Staff": an organization head phrase inside the span.
fn org_head_phrase_inside(g: &Gazetteer, s: &Sent<'_>, p: usize, q: usize) -> bool {
    (p..q).any(|k| {
        g.org_phrases
            .longest(&s.toks, &s.keys, k, 6)
            .is_some_and(|(l, _)| k + l <= q)
    })
}

/// "Defense Ministry", "Harbor Daily": a capitalised organization head word last.
fn org_head_word_last(g: &Gazetteer, s: &Sent<'_>, _p: usize, q: usize) -> bool {
    let last = &s.toks[q - 1];
    (last.cap || last.upper)
        && g.org_head(last.text)
            .is_some_and(|h| h.position == "last" || h.position == "any" || h.position.is_empty())
}

/// "Office of the President", "Borussia Dortmund": an organization head word that may come
/// first, before more words.
fn org_head_word_first(g: &Gazetteer, s: &Sent<'_>, p: usize, q: usize) -> bool {
    q - p >= 2
        && g.org_head(s.toks[p].text)
            .is_some_and(|h| h.position == "first" || h.position == "any")
}

/// "Ministry of Foreign Affairs", "Institute for Ocean Policy", "Commission on Human
/// Rights": a head word before "of", "for" or "on" and a capitalised word.
fn org_head_before_of(g: &Gazetteer, s: &Sent<'_>, p: usize, q: usize) -> bool {
    let toks = &s.toks;
    q - p >= 3
        && (p..q - 1).any(|k| {
            matches!(toks[k + 1].text, "of" | "for" | "on")
                && toks[k + 2].cap
                && (p..k).all(|j| toks[j].cap || toks[j].upper)
                && g.org_head(toks[k].text)
                    .is_some_and(|h| h.position == "any")
        })
}

impl Ctx<'_, '_> {
    /// Is `[p, q)` an organization name by its head word? Returns the rule.
    pub(super) fn org_shape(&self, s: &Sent<'_>, p: usize, q: usize) -> Option<&'static str> {
        ORG_SHAPES
            .iter()
            .find(|(_, shape)| shape(self.g, s, p, q))
            .map(|(rule, _)| *rule)
    }

    /// Emits the organization `[p, q)` found by its shape (`rule`), with a country modifier
    /// in front of it as a mention of its own.
    pub(super) fn organization_by_structure(
        &mut self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        p: usize,
        q: usize,
        rule: &'static str,
    ) {
        if let Some(p2) = self.country_before_a_generic_org(s, hits, p, q) {
            self.gazetteer_reading(s, hits, p);
            if !self.bare_head_after_a_country(s, p2, q) {
                self.push(s, p2, q, EntityType::Organization, rule, 0.85);
            }
            return;
        }
        if self.bare_generic_head_is_no_name(s, p, q) {
            return;
        }
        self.push(s, p, q, EntityType::Organization, rule, 0.85);
    }

    /// "Russian Defense Ministry", "Kenyan Defence Ministry": a country (or the capital of a
    /// government body) in front of an organization whose other words are generic. Returns
    /// where the organization starts. (A city starts the names of its institutes: "Oslo
    /// Institute for X".)
    fn country_before_a_generic_org(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        p: usize,
        q: usize,
    ) -> Option<usize> {
        let toks = &s.toks;
        let g = self.g;
        let h = hits[p].as_ref()?;
        let is_country = h.entries.iter().any(|e| {
            matches!(e.kind, GazKind::CountryName | GazKind::Demonym)
                || (e.kind == GazKind::Capital
                    && g.org_head(toks[q - 1].text).is_some_and(|h| {
                        matches!(h.kind.as_str(), "government" | "military" | "legislature")
                    }))
        });
        let rest_generic = (p + h.len..q).all(|k| {
            let t = &toks[k];
            g.is_common(t.text) || g.org_head(t.text).is_some() || !t.cap
        });
        (is_country && rest_generic && p + h.len < q).then_some(p + h.len)
    }

    /// "Russian Army": a bare head after a country is no organization name; the country is
    /// the mention.
    fn bare_head_after_a_country(&self, s: &Sent<'_>, p2: usize, q: usize) -> bool {
        q - p2 == 1 && self.g.org_head(s.toks[p2].text).is_some() && !s.toks[p2].upper
    }

    /// A bare generic head ("Ministry", "Army") is no name; a body that is one of a kind in
    /// its country ("Treasury", "Senate", "Parliament") is, except at a sentence start.
    fn bare_generic_head_is_no_name(&self, s: &Sent<'_>, p: usize, q: usize) -> bool {
        if q - p != 1 || s.toks[p].upper {
            return false;
        }
        let unique_body = self.g.org_head(s.toks[p].text).is_some_and(|h| {
            h.position == "last" && matches!(h.kind.as_str(), "government" | "legislature")
        });
        !unique_body || p == s.first_word()
    }

    /// "South Korea's unification ministry": a lower-case government body within three words
    /// after a country or its demonym.
    pub(super) fn lowercase_org_after_country(&mut self, s: &Sent<'_>, q: usize) {
        let toks = &s.toks;
        let g = self.g;
        for j in q + 1..(q + 3).min(toks.len()) {
            let t = &toks[j];
            if !t.word || t.cap {
                return;
            }
            if let Some(h) = g.org_head(t.text) {
                if matches!(
                    h.kind.as_str(),
                    "government" | "agency" | "legislature" | "military"
                ) && (q..j).all(|k| toks[k].word && !toks[k].cap && !g.is_common(toks[k].text))
                {
                    self.push(
                        s,
                        q,
                        j + 1,
                        EntityType::Organization,
                        "org:lowercase-after-country",
                        0.7,
                    );
                }
                return;
            }
            if g.is_common(t.text) {
                return;
            }
        }
    }
}

/// "NATO", "IAEA": one upper-case word of two to six letters, no dots and no common word, in
/// ordinary text, is an organization's acronym.
pub(super) fn upper_case_word_is_an_acronym(
    cx: &Ctx<'_, '_>,
    s: &Sent<'_>,
    sh: &Shape<'_>,
) -> Verdict {
    let w = &sh.words[0];
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    if sh.words.len() == 1
        && w.upper
        && s.mode == Mode::Normal
        && (2..=6).contains(&letters)
        && !w.text.contains('.')
        && !cx.g.is_common(w.text)
    {
        return Verdict::Name(EntityType::Organization, "org:acronym", 0.6);
    }
    Verdict::Pass
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::{found, has, rule_of};
    use crate::model::EntityType::*;

    #[test]
    fn each_organization_shape_reports_its_rule() {
        // (must fire, near miss) for each shape
        let cases = [
            (
                ("The Tarsk General Staff said so.", "Tarsk General Staff"),
                ("She works at the Tarsk Institute now.", "Tarsk Institute"),
                "org:head-phrase",
            ),
            (
                (
                    "It was first reported by Harbor Daily on Monday.",
                    "Harbor Daily",
                ),
                (
                    "A letter came from the Office of the President today.",
                    "Office of the President",
                ),
                "org:head-last",
            ),
            (
                (
                    "A letter came from the Office of the President today.",
                    "Office of the President",
                ),
                ("She works at the Tarsk Institute now.", "Tarsk Institute"),
                "org:head-first",
            ),
            (
                (
                    "She works at the Tarsk Institute for Ocean Policy now.",
                    "Tarsk Institute for Ocean Policy",
                ),
                ("She works at the Tarsk Institute now.", "Tarsk Institute"),
                "org:head-of",
            ),
        ];
        for ((fire, name), (miss, miss_name), rule) in cases {
            assert_eq!(rule_of(fire, name).as_deref(), Some(rule), "{fire}");
            assert!(
                rule_of(miss, miss_name).is_some_and(|r| r != rule),
                "{miss}"
            );
        }
    }

    #[test]
    fn a_bare_head_after_a_country_leaves_the_country() {
        let c = found("The Kenyan Army said so.");
        assert_eq!(c, vec![("Kenyan".to_string(), Country)]);
        // near miss: more than the bare head is an organization of its own
        assert!(has(
            "The Kenyan Defence Ministry said so.",
            "Defence Ministry",
            Organization
        ));
    }

    #[test]
    fn a_bare_generic_head_is_no_name_but_a_unique_body_is() {
        assert!(found("Officials said the Ministry agreed.").is_empty());
        assert!(found("Treasury officials agreed.").is_empty());
        // near miss: a body one of a kind in its country, mid-sentence
        assert!(has(
            "Officials said the Treasury agreed.",
            "Treasury",
            Organization
        ));
    }

    #[test]
    fn an_upper_case_word_is_an_acronym() {
        assert_eq!(
            rule_of("Officials at ZQX said no.", "ZQX").as_deref(),
            Some("org:acronym")
        );
        // near miss: an ordinary word in capitals
        assert!(found("Officials said NO to it.").is_empty());
    }
}

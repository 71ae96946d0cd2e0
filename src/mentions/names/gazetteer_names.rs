//! The reading of a gazetteer name: which of its entries the context picks (a capital is the
//! city in a place context, else its country's government), and the country modifier of a
//! gazetteer organization.

use super::places::locative_before;
use super::{Ctx, Hit, NONCOUNTRY_PREFIX, Sent, lower_in};
use crate::mentions::gazetteer::{GazEntry, GazKind};
use crate::model::EntityType;

/// Nouns after which a capital names the venue of an event ("the Hanoi summit").
const EVENT_NOUNS: &[&str] = &[
    "summit",
    "talks",
    "meeting",
    "conference",
    "declaration",
    "agreement",
    "accord",
    "process",
    "negotiations",
    "visit",
    "trip",
    "forum",
    "games",
    "olympics",
    "marathon",
    "round",
];

/// What a gazetteer name is read as.
struct Reading {
    kind: GazKind,
    rule: &'static str,
    etype: EntityType,
    gid: String,
}

impl Reading {
    fn of(e: &GazEntry, rule: &'static str, etype: EntityType, gid: &str) -> Self {
        Self {
            kind: e.kind,
            rule,
            etype,
            gid: gid.to_string(),
        }
    }
}

/// The entry a gazetteer name is read as, by priority: a capital (the city in a place
/// context, else the country of that name, else its country's government), a country, a
/// demonym, an organization, a place.
fn reading_of(entries: &[GazEntry], place_context: bool) -> Option<Reading> {
    let find = |k: GazKind| entries.iter().find(|e| e.kind == k);
    let country = |c: &GazEntry| Reading::of(c, "gazetteer:country", EntityType::Country, &c.gid);
    if let Some(cap) = find(GazKind::Capital) {
        return Some(if place_context {
            Reading::of(
                cap,
                "gazetteer:capital-place",
                EntityType::Location,
                &cap.gid,
            )
        } else if let Some(c) = find(GazKind::CountryName) {
            country(c)
        } else {
            Reading::of(
                cap,
                "gazetteer:capital-metonym",
                EntityType::Country,
                cap.country_gid.as_deref().unwrap_or(&cap.gid),
            )
        });
    }
    if let Some(c) = find(GazKind::CountryName) {
        return Some(country(c));
    }
    if let Some(d) = find(GazKind::Demonym) {
        return Some(Reading::of(
            d,
            "gazetteer:demonym",
            EntityType::Country,
            &d.gid,
        ));
    }
    if let Some(o) = find(GazKind::Org) {
        return Some(Reading::of(
            o,
            "gazetteer:org",
            EntityType::Organization,
            &o.gid,
        ));
    }
    let pl = find(GazKind::Place)?;
    Some(Reading::of(
        pl,
        "gazetteer:place",
        EntityType::Location,
        &pl.gid,
    ))
}

impl Ctx<'_, '_> {
    /// Emits the gazetteer reading of the hit starting at `p`.
    pub(super) fn gazetteer_reading(&mut self, s: &Sent<'_>, hits: &[Option<Hit>], p: usize) {
        let Some(h) = &hits[p] else { return };
        let q = p + h.len;
        let toks = &s.toks;
        if demonym_after_a_prefix(s, p) {
            return;
        }
        let place_context = self.place_context(s, hits, p, q);
        let Some(r) = reading_of(&h.entries, place_context) else {
            return;
        };
        if r.kind == GazKind::Org && self.country_modifier_of_a_gazetteer_org(s, p, h.len, &r) {
            return;
        }
        self.push(s, p, q, r.etype, r.rule, 0.95).gazetteer_id = Some(r.gid);
        if r.etype == EntityType::Country && (r.kind == GazKind::Demonym || toks[q - 1].possessive)
        {
            self.lowercase_org_after_country(s, q);
        }
    }

    /// Does the context make the name at `[p, q)` a place: the venue of an event, a dateline,
    /// a locative preposition, a list of places, or a country after a comma ("Paris, France")?
    fn place_context(&self, s: &Sent<'_>, hits: &[Option<Hit>], p: usize, q: usize) -> bool {
        venue_of_an_event(s, p, q)
            || dateline_at(s, p, q, hits)
            || locative_before(s, p)
            || self.list_after_place(s, p)
            || country_after_a_comma(s, hits, q)
    }

    /// "in Singapore (2018), Hanoi (2019)": an item of a list whose previous item (in this
    /// sentence) is a place.
    fn list_after_place(&self, s: &Sent<'_>, p: usize) -> bool {
        let toks = &s.toks;
        let mut k = p;
        // skip back over a parenthesis and the separator
        let mut depth = 0;
        let mut sep = false;
        while k > 0 {
            k -= 1;
            let t = toks[k].text;
            if t == ")" {
                depth += 1;
            } else if t == "(" {
                depth -= 1;
            } else if depth > 0 {
                continue;
            } else if (t == "," || t == "and") && !sep {
                sep = true;
            } else {
                break;
            }
        }
        if !sep {
            return false;
        }
        let end = toks[k].span.end;
        self.out
            .iter()
            .rev()
            .take(4)
            .any(|c| c.sentence == s.idx && c.span.end == end && c.etype == EntityType::Location)
    }

    /// "U.S. State Department": a country at the front of a gazetteer organization is a
    /// mention of its own when the rest alone names the same organization. Emits both.
    fn country_modifier_of_a_gazetteer_org(
        &mut self,
        s: &Sent<'_>,
        p: usize,
        len: usize,
        r: &Reading,
    ) -> bool {
        let g = self.g;
        let toks = &s.toks;
        if len < 2 {
            return false;
        }
        let Some((l, ces)) = g.names.longest(toks, &s.keys, p, len - 1) else {
            return false;
        };
        let country = ces
            .iter()
            .find(|c| matches!(c.kind, GazKind::CountryName | GazKind::Demonym));
        let rest_same = g
            .names
            .longest(toks, &s.keys, p + l, len - l)
            .is_some_and(|(rl, rs)| rl == len - l && rs.iter().any(|x| x.gid == r.gid));
        let (Some(c), true) = (country, rest_same) else {
            return false;
        };
        let rule_c = if c.kind == GazKind::Demonym {
            "gazetteer:demonym"
        } else {
            "gazetteer:country"
        };
        self.push(s, p, p + l, EntityType::Country, rule_c, 0.95)
            .gazetteer_id = Some(c.gid.clone());
        self.push(s, p + l, p + len, r.etype, r.rule, 0.95)
            .gazetteer_id = Some(r.gid.clone());
        true
    }
}

/// "inter-Korean", "pan-European": a demonym glued to a prefix is no country mention.
fn demonym_after_a_prefix(s: &Sent<'_>, p: usize) -> bool {
    s.toks[p].hyphen_before && p > 0 && lower_in(&s.toks[p - 1], NONCOUNTRY_PREFIX)
}

/// "the Hanoi summit", "before Tokyo talks": the venue of an event (not "Tokyo's talks", nor
/// "the Manila-Hanoi accord", which joins two governments).
fn venue_of_an_event(s: &Sent<'_>, p: usize, q: usize) -> bool {
    let toks = &s.toks;
    let compound = toks[p].hyphen_before || toks.get(q).is_some_and(|t| t.hyphen_before);
    !toks[q - 1].possessive
        && !compound
        && toks
            .get(q)
            .is_some_and(|t| t.word && !t.cap && lower_in(t, EVENT_NOUNS))
}

/// "Paris, France": a country name after a comma.
fn country_after_a_comma(s: &Sent<'_>, hits: &[Option<Hit>], q: usize) -> bool {
    s.toks.get(q).map(|t| t.text) == Some(",")
        && hits
            .get(q + 1)
            .and_then(|x| x.as_ref())
            .is_some_and(|x| x.entries.iter().any(|e| e.kind == GazKind::CountryName))
}

/// A dateline: the place a story was filed from, opening its first sentence ("TOKYO —",
/// "Oslo (Agency) -", "PARIS, France -", "LONDON 1996-08-30"). A capital there is the city.
fn dateline_at(s: &Sent<'_>, p: usize, q: usize, hits: &[Option<Hit>]) -> bool {
    let toks = &s.toks;
    if toks[..p].iter().any(|t| t.word) {
        return false;
    }
    let Some(next) = toks.get(q) else {
        return false;
    };
    let dash = |t: &str| matches!(t, "\u{2014}" | "\u{2013}" | "-" | "(");
    if dash(next.text) {
        return true;
    }
    // "LONDON 1996-08-30": a date right after the name
    if next.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && next.text.chars().filter(|c| c.is_ascii_digit()).count() >= 4
    {
        return true;
    }
    // "PARIS, France —": the country after a comma, then the dash
    if next.text == ","
        && let Some(h) = hits.get(q + 1).and_then(|h| h.as_ref())
        && h.entries.iter().any(|e| e.kind == GazKind::CountryName)
    {
        return toks.get(q + 1 + h.len).is_some_and(|t| dash(t.text));
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::{gid_of, has};
    use crate::model::EntityType::*;

    #[test]
    fn a_capital_listed_after_a_place_is_a_place() {
        let t = "Summits took place in Hanoi (2019), Nairobi (2020) and Seoul.";
        assert!(has(t, "Nairobi", Location) && has(t, "Seoul", Location));
        // near miss: after a government it is a government
        assert!(has(
            "Talks between Hanoi and Nairobi stalled.",
            "Nairobi",
            Country
        ));
    }

    #[test]
    fn a_capital_before_a_comma_and_its_country_is_the_city() {
        assert!(has(
            "Officials from Nairobi, Kenya arrived.",
            "Nairobi",
            Location
        ));
        // near miss: alone it is the government
        assert!(has("Officials from Nairobi arrived.", "Nairobi", Country));
    }

    #[test]
    fn the_country_in_front_of_a_gazetteer_organization_is_its_own_mention() {
        let t = "Officials at U.S. Central Command said so.";
        assert!(has(t, "U.S.", Country));
        assert_eq!(
            gid_of(t, "Central Command").as_deref(),
            Some("org:u.s. central command")
        );
        // near miss: the rest alone names no such organization
        let t = "Officials at U.S. Air Force bases said so.";
        assert!(has(t, "U.S. Air Force", Organization) && !has(t, "U.S.", Country));
    }
}

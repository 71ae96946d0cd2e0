//! Sports pages name clubs after places ("Kent 108-3", "CHICAGO 71 64 .526", "Lazio v
//! Roma"): a side in a results line or a fixture is a team, an organization.

use super::{Candidate, Sent};
use crate::model::EntityType;
use rustc_hash::FxHashSet;

/// A place (not a country: national sides stay countries) or an unknown name followed by a
/// score in a line of figures, or on either side of "v" / "vs" / "AT" (fixtures), is a team,
/// an organization; every other mention of it in the document follows, except datelines.
pub(super) fn sports_teams(out: &mut [Candidate], sents: &[Sent<'_>]) {
    let mut teams: FxHashSet<String> = FxHashSet::default();
    for c in out.iter_mut() {
        if side_in_a_results_line_or_fixture(c, sents) {
            make_team(c);
            teams.insert(crate::normalize::key(&c.text));
        }
    }
    if teams.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        if teamable(c) && !dateline(c, sents) && teams.contains(&crate::normalize::key(&c.text)) {
            make_team(c);
        }
    }
}

fn make_team(c: &mut Candidate) {
    c.etype = EntityType::Organization;
    c.gazetteer_id = None;
    c.rule = "org:sports-team".into();
}

/// A place that is no country, or a name of unknown type (not family-first): it may be a team.
fn teamable(c: &Candidate) -> bool {
    (c.etype == EntityType::Location
        && !c
            .gazetteer_id
            .as_deref()
            .is_some_and(|g| g.starts_with("country:")))
        || (c.etype == EntityType::Other && !c.family_first)
}

/// "Kent 108-3", "Lazio v Roma": a teamable name before a score in a line of two figures or
/// more, or beside a fixture word (not a dateline).
fn side_in_a_results_line_or_fixture(c: &Candidate, sents: &[Sent<'_>]) -> bool {
    if !teamable(c) || dateline(c, sents) {
        return false;
    }
    let after_fixture = prev_tok(c, sents).is_some_and(is_fixture);
    // the last word of a fixture line
    let Some((s, j)) = next_tok(c, sents) else {
        return after_fixture;
    };
    let numbers = s.toks.iter().filter(|t| is_score(t.text)).count();
    let next = s.toks[j].text;
    (is_score(next) && numbers >= 2) || is_fixture(next) || after_fixture
}

fn is_fixture(t: &str) -> bool {
    matches!(t, "v" | "vs" | "vs." | "V" | "AT")
}

/// The sentence of a candidate and the index of the token after it.
fn next_tok<'s, 't>(c: &Candidate, sents: &'s [Sent<'t>]) -> Option<(&'s Sent<'t>, usize)> {
    let s = sents.get(c.sentence)?;
    let j = s.toks.iter().position(|t| t.span.start >= c.span.end)?;
    Some((s, j))
}

/// The token before a candidate.
fn prev_tok<'s>(c: &Candidate, sents: &'s [Sent<'_>]) -> Option<&'s str> {
    let s = sents.get(c.sentence)?;
    let j = s.toks.iter().rposition(|t| t.span.end <= c.span.start)?;
    Some(s.toks[j].text)
}

/// "LONDON 1996-08-30", "LONDON -": a name opening its sentence before a date, a year or a
/// dash.
fn dateline(c: &Candidate, sents: &[Sent<'_>]) -> bool {
    let Some(s) = sents.get(c.sentence) else {
        return false;
    };
    let first = s.toks.first().is_some_and(|t| t.span.start == c.span.start);
    first
        && next_tok(c, sents).is_some_and(|(s, j)| {
            let t = s.toks[j].text;
            t.chars().filter(|c| c.is_ascii_digit()).count() >= 6
                || t == "-"
                || (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
        })
}

/// A score or table figure ("108-3", "71", ".526"), not a year or a date.
fn is_score(t: &str) -> bool {
    // one or two numbers of at most three digits (or decimals), joined by - or /: "108-3",
    // "2/1", ".526"; years ("1996") and dates ("1996-08-30") are not scores
    static SCORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:\d{1,3}|\d{0,3}\.\d+)(?:[-/](?:\d{1,3}|\d{0,3}\.\d+))?$")
            .expect("a valid pattern")
    });
    // (a score opens with a digit or a dot: most tokens need no regex)
    t.chars().next().is_some_and(|c| c == '.' || c.is_numeric()) && SCORE.is_match(t)
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::rec;
    use crate::model::EntityType::*;

    #[test]
    fn scores_but_not_years_or_dates() {
        for s in ["3", "108-3", "2/1", ".526", "71", "6-4"] {
            assert!(super::is_score(s), "{s}");
        }
        for s in [
            "1996",
            "1996-08-30",
            "12/05/2024",
            "abc",
            "-",
            "3-",
            "2024-25",
        ] {
            assert!(!super::is_score(s), "{s}");
        }
    }

    #[test]
    fn both_sides_of_a_fixture_are_teams() {
        let c = rec("Results : Marrowby v Quellton .");
        for side in ["Marrowby", "Quellton"] {
            assert!(
                c.iter().any(|c| c.text == side
                    && c.etype == Organization
                    && c.rule == "org:sports-team"),
                "{side}"
            );
        }
        // near miss: no fixture, no score
        let c = rec("Talks in Marrowby ended .");
        assert!(c.iter().all(|c| c.etype == Location));
    }
}

//! Entities a statement is about without naming them: "both sides", "the two countries" ->
//! the two countries coordinated nearby (or the document's two main countries); "the agreement",
//! "the deal" -> the two countries the document names as its parties ("an agreement between A
//! and B", "A signed a deal with B"). "The talks" is left alone: measured on the demo corpus,
//! statements about talks are rarely about the parties that hold them.

use super::Ctx;
use crate::model::{EntityType, LocalRef};

/// Nouns after "both"/"the two"/"either"/"neither"/"each" that stand for the two parties.
fn is_pair_noun(w: &str) -> bool {
    matches!(
        w,
        "side"
            | "sides"
            | "government"
            | "governments"
            | "country"
            | "countries"
            | "nation"
            | "nations"
            | "capital"
            | "capitals"
            | "neighbour"
            | "neighbours"
            | "neighbor"
            | "neighbors"
            | "party"
            | "parties"
    )
}

/// Event nouns whose parties a document names once ("the agreement", "the deal"); nouns of one
/// group refer to the same event.
fn event_group(w: &str) -> Option<u8> {
    match w {
        "agreement" | "accord" | "deal" | "pact" | "treaty" | "truce" => Some(0),
        _ => None,
    }
}

/// The country of the mention covering token `i`.
fn country_at(ctx: &Ctx, i: usize) -> Option<LocalRef> {
    ctx.entity_at(i)
        .filter(|&e| ctx.etype(e) == EntityType::Country)
}

/// The token after the mention covering token `i`.
fn mention_end(ctx: &Ctx, i: usize) -> usize {
    let m = ctx.tok_mention[i];
    let mut j = i + 1;
    while j < ctx.toks.len() && m.is_some() && ctx.tok_mention[j] == m {
        j += 1;
    }
    j
}

/// Country pairs coordinated in tokens `a..b` ("A and B", "the A and the B", "A and B's"),
/// in text order, as (first token, pair).
fn coordinated(ctx: &Ctx, a: usize, b: usize) -> Vec<(usize, [LocalRef; 2])> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let Some(x) = country_at(ctx, i) else {
            i += 1;
            continue;
        };
        let j = mention_end(ctx, i);
        let mut k = j;
        if k < b && ctx.toks[k].lower == "and" {
            k += 1;
            if k < b && ctx.toks[k].lower == "the" {
                k += 1;
            }
            if k < b
                && let Some(y) = country_at(ctx, k)
                && y != x
            {
                out.push((i, [x, y]));
            }
        }
        i = j;
    }
    out
}

/// The pair "both sides" at token `i` stands for: a country pair coordinated before it in the
/// same or the previous sentence; else the two countries of this and the previous sentence when
/// there are exactly two; else the one pair the document coordinates; else the document's two
/// most mentioned countries when a third is mentioned less often than both. The last two only
/// when no other country is named in this or the previous sentence.
fn pair_before(ctx: &Ctx, i: usize) -> Option<[LocalRef; 2]> {
    let s = ctx.toks[i].sent;
    for si in (s.saturating_sub(1)..=s).rev() {
        let (a, b) = ctx.sent_toks[si];
        let b = if si == s { i } else { b };
        if let Some(&(_, p)) = coordinated(ctx, a, b).last() {
            return Some(p);
        }
    }
    // countries of this and the previous sentence: any outside a pair makes it ambiguous
    let a = ctx.sent_toks[s.saturating_sub(1)].0;
    let b = ctx.sent_toks[s].1;
    let mut near: Vec<LocalRef> = Vec::new();
    for k in a..b {
        // not an affiliation ("a former Chilean foreign minister")
        if let Some(c) = country_at(ctx, k)
            && !near.contains(&c)
            && (k > a && ctx.tok_mention[k - 1] == ctx.tok_mention[k]
                || ctx.title_at(mention_end(ctx, k), b).is_none())
        {
            near.push(c);
        }
    }
    let fits = |p: [LocalRef; 2]| near.iter().all(|c| p.contains(c));
    if near.len() == 2 {
        return Some([near[0], near[1]]);
    }
    let mut pairs: Vec<[LocalRef; 2]> = Vec::new();
    for (_, p) in coordinated(ctx, 0, ctx.toks.len()) {
        if !pairs.iter().any(|q| same_pair(*q, p)) {
            pairs.push(p);
        }
    }
    if pairs.len() == 1 {
        return fits(pairs[0]).then_some(pairs[0]);
    }
    // salience: mentions per country in the document
    let mut counts: Vec<(usize, LocalRef)> = Vec::new();
    for m in ctx.mentions {
        if let Some(e) = m.entity
            && ctx.etype(e) == EntityType::Country
        {
            match counts.iter_mut().find(|c| c.1 == e) {
                Some(c) => c.0 += 1,
                None => counts.push((1, e)),
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    let third = counts.get(2).map_or(0, |c| c.0);
    if counts.len() >= 2 && counts[1].0 >= 2 && counts[1].0 > third {
        let p = [counts[0].1, counts[1].1];
        return fits(p).then_some(p);
    }
    None
}

fn same_pair(p: [LocalRef; 2], q: [LocalRef; 2]) -> bool {
    (p[0] == q[0] && p[1] == q[1]) || (p[0] == q[1] && p[1] == q[0])
}

/// The parties of the event nouns of `group` named in the document: a sentence holding such a
/// noun and a coordinated country pair ("a deal between A and B", "A and B signed an accord"),
/// or "A signed/reached a deal with B". `None` unless exactly one pair is named.
fn event_parties(ctx: &Ctx, group: u8) -> Option<[LocalRef; 2]> {
    let mut pairs: Vec<[LocalRef; 2]> = Vec::new();
    let add = |p: [LocalRef; 2], pairs: &mut Vec<[LocalRef; 2]>| {
        if !pairs.iter().any(|q| same_pair(*q, p)) {
            pairs.push(p);
        }
    };
    for &(a, b) in &ctx.sent_toks {
        let nouns: Vec<usize> = (a..b)
            .filter(|&k| {
                ctx.tok_mention[k].is_none() && event_group(&ctx.toks[k].lower) == Some(group)
            })
            .collect();
        if nouns.is_empty() {
            continue;
        }
        for (_, p) in coordinated(ctx, a, b) {
            add(p, &mut pairs);
        }
        // "A signed an agreement with B": the sentence's first country before the noun
        for &n in &nouns {
            let with = (n + 1..(n + 3).min(b)).find(|&k| ctx.toks[k].lower == "with");
            let Some(w) = with else { continue };
            let mut k = w + 1;
            if k < b && ctx.toks[k].lower == "the" {
                k += 1;
            }
            let Some(y) = (k < b).then(|| country_at(ctx, k)).flatten() else {
                continue;
            };
            let x = (a..n).find_map(|k| country_at(ctx, k));
            if let Some(x) = x
                && x != y
            {
                add([x, y], &mut pairs);
            }
        }
    }
    (pairs.len() == 1).then(|| pairs[0])
}

/// "the coast guard", "the agency": the one organization named earlier in the document whose
/// name ends with the words after "the" at token `i` (at most three lower-case words, the
/// last a noun of the name). Returns the organization and the tokens used.
fn described_org(ctx: &Ctx, i: usize, b: usize) -> Option<(LocalRef, usize)> {
    let before = ctx.toks[i].span.start;
    let mut best: Option<(LocalRef, usize)> = None;
    for n in (1..=3).rev() {
        if i + n >= b {
            continue;
        }
        let words: Vec<&str> = (i + 1..i + 1 + n)
            .map(|k| ctx.toks.get(k).map_or("", |t| t.lower.as_str()))
            .collect();
        if (i + 1..i + 1 + n)
            .any(|k| k >= b || ctx.toks[k].punct || ctx.toks[k].cap || ctx.tok_mention[k].is_some())
        {
            continue;
        }
        // the phrase must end there ("the coast guard aircraft" is an aircraft)
        if ctx.toks.get(i + 1 + n).is_some_and(|t| {
            !t.punct && !t.cap && i + 1 + n < b && ctx.lex.nouns.contains_key(t.lower.as_str())
        }) {
            continue;
        }
        let tail = words.join(" ");
        let mut found: Vec<LocalRef> = Vec::new();
        for m in ctx.mentions {
            let Some(e) = m.entity else { continue };
            if m.span.start >= before || ctx.etype(e) != EntityType::Organization {
                continue;
            }
            let ends = crate::normalize::with_lowercase(&ctx.entities[e as usize].name, |name| {
                name == tail
                    || name
                        .strip_suffix(tail.as_str())
                        .is_some_and(|rest| rest.ends_with(' '))
            });
            if ends && !found.contains(&e) {
                found.push(e);
            }
        }
        if found.len() == 1 {
            best = Some((found[0], n));
            break;
        }
        if found.len() > 1 {
            return None;
        }
    }
    best
}

/// Words after "it is/was" that make "it" an expletive ("it is likely that").
fn is_expletive_word(w: &str) -> bool {
    matches!(
        w,
        "likely"
            | "unlikely"
            | "clear"
            | "unclear"
            | "possible"
            | "impossible"
            | "important"
            | "necessary"
            | "time"
            | "true"
            | "hard"
            | "difficult"
            | "easy"
            | "too"
            | "not"
    )
}

/// A content that opens with "it"/"its" and whose speaker is a country is about the speaker
/// ("Chile said it was not a party to the dispute"). Organizations are left out: measured on
/// the demo and seed corpora, their self-references ("the ministry said it regrets") are not
/// counted as what the statement is about.
pub fn self_reference(
    ctx: &Ctx,
    a: usize,
    b: usize,
    speaker: Option<LocalRef>,
) -> Option<LocalRef> {
    let sp = speaker?;
    if ctx.etype(sp) != EntityType::Country || a >= b {
        return None;
    }
    let w = ctx.toks[a].lower.as_str();
    if w == "its" {
        return Some(sp);
    }
    if w != "it" {
        return None;
    }
    let l = |k: usize| (k < b).then(|| ctx.toks[k].lower.as_str());
    // "it is likely that", "it was time to", "it seems"; "it is not a party" stays
    let expletive = match (l(a + 1), l(a + 2), l(a + 3)) {
        (Some("is" | "was" | "would" | "will" | "may" | "might" | "could"), Some(x), y) => {
            (is_expletive_word(x) && x != "not")
                || (x == "not" && y.is_some_and(|y| is_expletive_word(y) && y != "not"))
                || (x == "be" && y.is_some_and(is_expletive_word))
        }
        (Some("seems" | "seemed" | "appears" | "appeared" | "remains" | "remained"), _, _) => true,
        _ => false,
    };
    (!expletive).then_some(sp)
}

/// Entities tokens `a..b` refer to without naming them.
pub fn referents(ctx: &Ctx, a: usize, b: usize) -> Vec<LocalRef> {
    let mut out: Vec<LocalRef> = Vec::new();
    let push = |p: [LocalRef; 2], out: &mut Vec<LocalRef>| {
        for e in p {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    };
    let b = b.min(ctx.toks.len());
    for i in a..b {
        let w = ctx.toks[i].lower.as_str();
        let next = |k: usize| (i + k < b).then(|| ctx.toks[i + k].lower.as_str());
        // "both sides", "the two countries", "either government"; not "both sides of the river"
        let noun_at = match w {
            "both" | "either" | "neither" | "each" => Some(i + 1),
            "the" if next(1) == Some("two") => Some(i + 2),
            _ => None,
        };
        if let Some(n) = noun_at
            && n < b
            && ctx.tok_mention[n].is_none()
            && is_pair_noun(&ctx.toks[n].lower)
            && ctx.toks.get(n + 1).is_none_or(|t| t.lower != "of")
        {
            if let Some(p) = pair_before(ctx, i) {
                push(p, &mut out);
            }
            continue;
        }
        // "the coast guard" -> the organization named earlier whose name ends so
        if w == "the"
            && let Some((e, _)) = described_org(ctx, i, b)
        {
            if !out.contains(&e) {
                out.push(e);
            }
            continue;
        }
        // "the agreement", "the deal" (not "the agreement of X", not a named treaty)
        if matches!(w, "the" | "this" | "that")
            && let Some(g) = next(1).and_then(event_group)
            && ctx.tok_mention[i + 1].is_none()
            && ctx.toks.get(i + 2).is_none_or(|t| t.lower != "of")
            && let Some(p) = event_parties(ctx, g)
        {
            push(p, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType::*;
    use crate::model::Statement;
    use crate::relations::testutil::*;

    type Ents<'a> = &'a [(&'a str, crate::model::EntityType, &'a [&'a str])];

    fn about_names(text: &str, ents: Ents, content_part: &str) -> Vec<String> {
        let d = doc(text, ents);
        let (st, _) = run(&d);
        let s: &Statement = st
            .iter()
            .find(|s| s.content.contains(content_part))
            .unwrap_or_else(|| panic!("no statement with {content_part:?} in {st:#?}"));
        let mut v: Vec<String> = s
            .about
            .iter()
            .map(|&e| d.entities[e as usize].name.clone())
            .collect();
        v.sort();
        v
    }

    const ENTS: Ents = &[
        ("Chile", Country, &["Chile"]),
        ("Peru", Country, &["Peru"]),
        ("Bolivia", Country, &["Bolivia", "Bolivian"]),
        ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
    ];

    #[test]
    fn both_sides_are_the_coordinated_countries() {
        let text = "Chile and Peru resumed border talks on Monday. \
                    Ruiz said both sides had shown restraint.";
        assert_eq!(
            about_names(text, ENTS, "restraint"),
            ["Chile".to_string(), "Peru".into()]
        );
        // near miss: "both sides of the river" is no pair of parties
        let text = "Chile and Peru resumed border talks on Monday. \
                    Ruiz said farms on both sides of the river were flooded.";
        assert!(about_names(text, ENTS, "flooded").is_empty());
        // the document's one coordinated pair, named further back
        let text = "Chile and Peru resumed border talks on Monday. Rain fell. Rain fell again. \
                    Ruiz said both sides had shown restraint.";
        assert_eq!(
            about_names(text, ENTS, "restraint"),
            ["Chile".to_string(), "Peru".into()]
        );
        // an affiliation does not count
        let text = "Chile and Peru resumed border talks on Monday. Rain fell. \
                    Ruiz, a former Bolivian foreign minister, spoke. \
                    Ruiz said both sides had shown restraint.";
        assert_eq!(
            about_names(text, ENTS, "restraint"),
            ["Chile".to_string(), "Peru".into()]
        );
        // near miss: another country named just before makes the far pair ambiguous
        let text = "Chile and Peru resumed border talks on Monday. Rain fell. Bolivia voted. \
                    Ruiz said both sides had shown restraint.";
        assert!(about_names(text, ENTS, "restraint").is_empty());
        let text = "Chile and Peru resumed border talks on Monday. \
                    Ruiz said the timetable was for both parties to set.";
        assert_eq!(
            about_names(text, ENTS, "timetable"),
            ["Chile".to_string(), "Peru".into()]
        );
        // near miss: bare "the parties" is left alone (often other parties than the pair)
        let text = "Chile and Peru resumed border talks on Monday. \
                    Ruiz said the timetable was for the parties to set.";
        assert!(about_names(text, ENTS, "timetable").is_empty());
        // near miss: no pair named anywhere
        let text = "Bolivia held elections on Monday. Ruiz said both sides had shown restraint.";
        assert!(about_names(text, ENTS, "restraint").is_empty());
    }

    #[test]
    fn both_sides_are_the_documents_two_main_countries() {
        let text = "Chile closed a border crossing. Peru protested. Chile said it had no choice. \
                    Peru called it illegal. Ruiz said both governments wanted calm.";
        assert_eq!(
            about_names(text, ENTS, "wanted calm"),
            ["Chile".to_string(), "Peru".into()]
        );
        // near miss: a third country as often mentioned as the second: no main pair
        let text = "Chile closed a border crossing. Peru protested. Chile said it had no choice. \
                    Peru called it illegal. Bolivia said it was worried. Bolivia sent an envoy. \
                    Ruiz said both governments wanted calm.";
        assert!(about_names(text, ENTS, "wanted calm").is_empty());
    }

    #[test]
    fn the_coast_guard_is_the_organization_named_before() {
        let ents: Ents = &[
            (
                "Chilean Coast Guard",
                Organization,
                &["Chilean Coast Guard"],
            ),
            ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
        ];
        let text = "The Chilean Coast Guard seized a trawler. \
                    Ruiz said the crew fled before the coast guard arrived.";
        assert_eq!(
            about_names(text, ents, "crew fled"),
            ["Chilean Coast Guard"]
        );
        // the name's last word alone
        let text = "The Chilean Coast Guard seized a trawler. \
                    Ruiz said the crew fled before the guard arrived on the pier.";
        assert_eq!(
            about_names(text, ents, "crew fled"),
            ["Chilean Coast Guard"]
        );
        // near misses: a coast guard named only later, and another head noun
        let text = "Ruiz said the crew fled before the coast guard arrived. \
                    The Chilean Coast Guard seized a trawler.";
        assert!(about_names(text, ents, "crew fled").is_empty());
        let text = "The Chilean Coast Guard seized a trawler. \
                    Ruiz said the crew fled before the navy arrived.";
        assert!(about_names(text, ents, "crew fled").is_empty());
    }

    #[test]
    fn a_country_speaking_of_itself() {
        let text = "Peru said it was not a party to the dispute.";
        assert_eq!(about_names(text, ENTS, "party to the dispute"), ["Peru"]);
        // near misses: an expletive "it", and a person speaker
        let text = "Peru said it was likely that the border would reopen.";
        assert!(about_names(text, ENTS, "border would reopen").is_empty());
        let text = "Ruiz said it was not a party to the dispute.";
        assert!(about_names(text, ENTS, "party to the dispute").is_empty());
    }

    #[test]
    fn both_sides_in_the_addressee_of_the_cue() {
        let text = "Chile and Peru exchanged protests. \
                    Ruiz urged both sides to \"talk before it is too late\".";
        assert_eq!(
            about_names(text, ENTS, "too late"),
            ["Chile".to_string(), "Peru".into()]
        );
        let text = "Chile and Peru exchanged protests. \
                    Ruiz urged reporters to \"talk before it is too late\".";
        assert!(about_names(text, ENTS, "too late").is_empty());
    }

    #[test]
    fn the_agreement_is_about_its_parties() {
        let text = "Chile signed an agreement with Peru on Friday. \
                    Ruiz said the agreement would lower tariffs.";
        assert_eq!(
            about_names(text, ENTS, "lower tariffs"),
            ["Chile".to_string(), "Peru".into()]
        );
        // near miss: two different pairs make "the agreement" ambiguous
        let text = "Chile signed an agreement with Peru on Friday. \
                    Bolivia and Peru signed a similar agreement in May. \
                    Ruiz said the agreement would lower tariffs.";
        assert!(about_names(text, ENTS, "lower tariffs").is_empty());
        // near miss: talks are another event than the agreement (and name no parties)
        let text = "Chile signed an agreement with Peru on Friday. \
                    Ruiz said the talks would resume.";
        assert!(about_names(text, ENTS, "resume").is_empty());
    }
}

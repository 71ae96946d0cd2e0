//! HOLDS_ROLE: "White House press secretary X" (organization + title + person), "Chilean
//! President X" (demonym + title + person), "Chile's President X" (possessive), and
//! appositions "X, a spokesperson for Y" / "X, the Chilean foreign minister".

use super::Ctx;
use crate::model::{EntityType, LocalRef, Relation, Span};

fn holder(ctx: &Ctx, e: LocalRef) -> bool {
    matches!(ctx.etype(e), EntityType::Organization | EntityType::Country)
}

fn is_person(ctx: &Ctx, e: LocalRef) -> bool {
    ctx.etype(e) == EntityType::Person
}

/// The first token of the title that ends right before token `end`, if any (longest).
fn title_before(ctx: &Ctx, end: usize, s0: usize) -> Option<usize> {
    (end.saturating_sub(5).max(s0)..end).find(|&t0| ctx.title_at(t0, end) == Some(end - t0))
}

fn edge(
    ctx: &Ctx,
    person: LocalRef,
    to: LocalRef,
    title: (usize, usize),
    from: usize,
    upto: usize,
    rule: &str,
) -> Relation {
    let sent = ctx.sentences[ctx.toks[title.0].sent];
    Relation {
        src: person,
        dst: to,
        relation: "HOLDS_ROLE".into(),
        label: Some(ctx.span(title.0, title.1).slice(ctx.text).to_lowercase()),
        span: Span::new(ctx.toks[from].span.start, ctx.toks[upto - 1].span.end),
        sentence: sent,
        rule: rule.into(),
        confidence: 0.85,
        statement: None,
        weight: 1,
    }
}

/// HOLDS_ROLE edges of the document: for each person mention, a title right before it
/// ([`title_before_the_person`]) and a title in an apposition after it
/// ([`apposition_after_the_person`]); one edge per (person, holder, title).
pub fn find(ctx: &Ctx) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    for &(s0, s1) in &ctx.sent_toks {
        let mut i = s0;
        while i < s1 {
            let Some(p) = ctx.entity_at(i).filter(|&e| is_person(ctx, e)) else {
                i += 1;
                continue;
            };
            let mi = ctx.tok_mention[i];
            let mut j = i;
            while j < s1 && ctx.tok_mention[j] == mi {
                j += 1;
            }
            let person = PersonMention { p, i, j, s0, s1 };
            out.extend(title_before_the_person(ctx, &person));
            out.extend(apposition_after_the_person(ctx, &person));
            i = j;
        }
    }
    out.sort_by_key(|r| (r.src, r.dst, r.span.start));
    out.dedup_by(|a, b| a.src == b.src && a.dst == b.dst && a.label == b.label);
    out
}

/// A person's mention: its entity `p`, tokens `i..j`, in the sentence of tokens `s0..s1`.
struct PersonMention {
    p: LocalRef,
    i: usize,
    j: usize,
    s0: usize,
    s1: usize,
}

/// "Interior Ministry spokesperson X", "Chilean President X", "Chile's President X": an
/// organization or country right before a title right before the person.
fn title_before_the_person(ctx: &Ctx, m: &PersonMention) -> Option<Relation> {
    let t0 = title_before(ctx, m.i, m.s0).filter(|&t0| t0 > m.s0)?;
    let h = ctx.entity_at(t0 - 1).filter(|&e| holder(ctx, e))?;
    let mut from = t0 - 1;
    while from > m.s0 && ctx.entity_at(from - 1) == Some(h) {
        from -= 1;
    }
    let rule = if ctx.toks[t0 - 1].possessive {
        "role.possessive"
    } else if ctx.etype(h) == EntityType::Country {
        "role.demonym"
    } else {
        "role.org-title"
    };
    Some(edge(ctx, m.p, h, (t0, m.i), from, m.j, rule))
}

/// "X, a spokesperson for the Interior Ministry", "X, the Chilean foreign minister":
/// `PERSON , (a|an|the) [HOLDER] [modifier] TITLE [(for|of|at|to|with) [the] HOLDER]`; the
/// holder after the title wins over the one before it.
fn apposition_after_the_person(ctx: &Ctx, m: &PersonMention) -> Option<Relation> {
    let (j, s1) = (m.j, m.s1);
    if !(j + 2 < s1 && ctx.toks[j].lower == ",") {
        return None;
    }
    let mut k = j + 1;
    if matches!(ctx.toks[k].lower.as_str(), "a" | "an" | "the") {
        k += 1;
    }
    let mut modifier = None;
    if let Some(h) = ctx.entity_at(k).filter(|&e| holder(ctx, e)) {
        modifier = Some(h);
        while k < s1 && ctx.entity_at(k) == Some(h) {
            k += 1;
        }
    }
    let (t0, t1) = apposition_title(ctx, k, s1)?;
    let (target, end) = match holder_after_title(ctx, t1, s1) {
        Some((h, q)) => (h, q + 1),
        None => (modifier?, t1),
    };
    Some(edge(
        ctx,
        m.p,
        target,
        (t0, t1),
        m.i,
        end.min(s1),
        "role.apposition",
    ))
}

/// The title at token `k` of an apposition, allowing one lower-case modifier word before it
/// ("senior", "deputy", "chief"): its token range.
fn apposition_title(ctx: &Ctx, k: usize, s1: usize) -> Option<(usize, usize)> {
    if let Some(n) = ctx.title_at(k, s1) {
        return Some((k, k + n));
    }
    if k + 1 < s1 && !ctx.toks[k].punct && !ctx.toks[k].cap {
        let n = ctx.title_at(k + 1, s1)?;
        return Some((k + 1, k + 1 + n));
    }
    None
}

/// The organization or country after a title ending at `t1` ("for the Chilean Interior
/// Ministry"), within six tokens and before punctuation, skipping a country that modifies
/// an organization: the holder and its first token.
fn holder_after_title(ctx: &Ctx, t1: usize, s1: usize) -> Option<(LocalRef, usize)> {
    if !(t1 + 1 < s1
        && matches!(
            ctx.toks[t1].lower.as_str(),
            "for" | "of" | "at" | "to" | "with"
        ))
    {
        return None;
    }
    let mut m = t1 + 1;
    if ctx.toks[m].lower == "the" && m + 1 < s1 {
        m += 1;
    }
    let mut found = None;
    let mut q = m;
    while q < s1 && q < m + 6 {
        if let Some(h) = ctx.entity_at(q).filter(|&e| holder(ctx, e)) {
            found = Some((h, q));
            if ctx.etype(h) == EntityType::Organization {
                break;
            }
            while q < s1 && ctx.entity_at(q) == Some(h) {
                q += 1;
            }
            continue;
        }
        if ctx.toks[q].punct {
            break;
        }
        q += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType::*;
    use crate::relations::testutil::*;

    fn roles(text: &str) -> Vec<(u32, u32, String, String)> {
        let d = doc(
            text,
            &[
                ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
                ("Chile", Country, &["Chile", "Chilean"]),
                ("Interior Ministry", Organization, &["Interior Ministry"]),
                ("Lima", Location, &["Lima"]),
            ],
        );
        run(&d)
            .1
            .into_iter()
            .filter(|r| r.relation == "HOLDS_ROLE")
            .map(|r| (r.src, r.dst, r.label.unwrap_or_default(), r.rule))
            .collect()
    }

    #[test]
    fn org_title_person() {
        let r = roles("Interior Ministry spokesperson Ana Ruiz spoke.");
        assert_eq!(
            r,
            vec![(0, 2, "spokesperson".into(), "role.org-title".into())]
        );
        // near miss: no title between organization and person
        assert!(roles("The Interior Ministry and Ana Ruiz spoke.").is_empty());
    }

    #[test]
    fn demonym_and_possessive_title_person() {
        let r = roles("Chilean President Ana Ruiz spoke.");
        assert_eq!(r, vec![(0, 1, "president".into(), "role.demonym".into())]);
        let r = roles("Chile's President Ana Ruiz spoke.");
        assert_eq!(r[0].3, "role.possessive");
        // near miss: a location is not a role holder
        assert!(roles("Lima mayor Ana Ruiz spoke.").is_empty());
    }

    #[test]
    fn one_modifier_word_may_precede_an_apposition_title() {
        let r = roles("Ana Ruiz, a senior spokesperson for the Interior Ministry, spoke.");
        assert_eq!(
            r,
            vec![(0, 2, "spokesperson".into(), "role.apposition".into())]
        );
        // near miss: two modifier words
        assert!(
            roles("Ana Ruiz, a very senior spokesperson for the Interior Ministry, spoke.")
                .is_empty()
        );
    }

    #[test]
    fn the_holder_follows_the_apposition_title_directly() {
        let r = roles("Ana Ruiz, a spokesperson at the Interior Ministry, spoke.");
        assert_eq!(r.len(), 1);
        // near miss: a comma between the title and the organization
        assert!(roles("Ana Ruiz, a spokesperson, thanked the Interior Ministry.").is_empty());
    }

    #[test]
    fn apposition_for_org() {
        let r = roles("Ana Ruiz, a spokesperson for the Chilean Interior Ministry, spoke.");
        assert_eq!(
            r,
            vec![(0, 2, "spokesperson".into(), "role.apposition".into())]
        );
        let r = roles("Ana Ruiz, the Chilean foreign minister, spoke.");
        assert_eq!(
            r,
            vec![(0, 1, "foreign minister".into(), "role.apposition".into())]
        );
        // near miss: an apposition without a title
        assert!(roles("Ana Ruiz, a friend of the Interior Ministry, spoke.").is_empty());
    }
}

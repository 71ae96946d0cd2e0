//! Interactions from the relation lexicon (schema/relations.tsv): "X met with Y" -> MET_WITH,
//! "Y was rejected by X" -> X REJECTED Y. Both ends must resolve to entities.

use super::speakers::{self, left_np, right_np, skip_adverbials_back};
use super::{Ctx, Direction, NounKind};
use crate::model::{EntityType, LocalRef, Relation};

/// The entity a noun phrase `a..b` stands for: its head mention, a pronoun's antecedent, the
/// country or organization of an unnamed group ("Chilean diplomats"), or a possessor
/// ("Chile's letter").
fn np_entity(ctx: &Ctx, a: usize, b: usize) -> Option<LocalRef> {
    if b - a == 1 && speakers::is_subject_pronoun(&ctx.toks[a].lower) {
        return speakers::resolve_pronoun(ctx, a, &ctx.toks[a].lower);
    }
    // head: last token before an unmentioned preposition
    let mut head = b - 1;
    for i in a + 1..b {
        if matches!(
            ctx.toks[i].lower.as_str(),
            "of" | "for" | "at" | "from" | "in" | "with"
        ) && ctx.tok_mention[i].is_none()
        {
            head = i - 1;
            break;
        }
    }
    if let Some(e) = ctx.entity_at(head) {
        return Some(e);
    }
    let first = (a..=head).find_map(|i| ctx.entity_at(i).map(|e| (i, e)));
    match ctx.noun(head) {
        Some(NounKind::Person | NounKind::Group) => first
            .map(|x| x.1)
            .filter(|&e| matches!(ctx.etype(e), EntityType::Country | EntityType::Organization)),
        _ => first.filter(|&(i, _)| ctx.toks[i].possessive).map(|x| x.1),
    }
}

pub fn find(ctx: &Ctx) -> Vec<Relation> {
    let mut out = Vec::new();
    for &(s0, s1) in &ctx.sent_toks {
        let mut i = s0;
        while i < s1 {
            let t = &ctx.toks[i];
            let pats = if ctx.tok_quote[i].is_none() {
                ctx.lex.relations.get(t.lower.as_str())
            } else {
                None
            };
            let Some(p) = pats.and_then(|ps| ps.iter().find(|p| ctx.words_match(i, s1, &p.words)))
            else {
                i += 1;
                continue;
            };
            let n = p.words.len();
            // subject: left noun phrase (passive auxiliaries skipped)
            let k = skip_adverbials_back(ctx, i, s0);
            let subj = left_np(ctx, k, s0)
                .filter(|&(_, b)| b == k)
                .and_then(|(a, b)| np_entity(ctx, a, b))
                .or_else(|| {
                    (k > s0 && speakers::is_subject_pronoun(&ctx.toks[k - 1].lower))
                        .then(|| speakers::resolve_pronoun(ctx, k - 1, &ctx.toks[k - 1].lower))
                        .flatten()
                });
            let mut o = i + n;
            while o < s1 && speakers::is_determiner(&ctx.toks[o].lower) {
                o += 1;
            }
            let obj = right_np(ctx, o, s1).and_then(|(a, b)| np_entity(ctx, a, b));
            let (Some(s), Some(ob)) = (subj, obj) else {
                i += n;
                continue;
            };
            if s == ob {
                i += n;
                continue;
            }
            let (src, dst) = match p.direction {
                Direction::Passive => (ob, s),
                _ => (s, ob),
            };
            out.push(Relation {
                src,
                dst,
                relation: p.relation.clone(),
                label: Some(ctx.span(i, i + n).slice(ctx.text).to_string()),
                span: ctx.span(i, i + n),
                sentence: ctx.sentences[t.sent],
                rule: format!(
                    "lexicon.{}",
                    match p.direction {
                        Direction::Active => "active",
                        Direction::Passive => "passive",
                        Direction::Symmetric => "symmetric",
                    }
                ),
                confidence: 0.7,
                statement: None,
                weight: 1,
            });
            i += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType::*;
    use crate::relations::testutil::*;

    fn rels(text: &str) -> Vec<(u32, u32, String)> {
        let d = doc(
            text,
            &[
                ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
                ("Chile", Country, &["Chile", "Chilean"]),
                ("Tomas Berg", Person, &["Tomas Berg", "Berg"]),
                ("Lima", Location, &["Lima"]),
            ],
        );
        run(&d)
            .1
            .into_iter()
            .filter(|r| {
                !matches!(
                    r.relation.as_str(),
                    "MENTIONED_WITH" | "HOLDS_ROLE" | "SAID_ABOUT"
                )
            })
            .map(|r| (r.src, r.dst, r.relation))
            .collect()
    }

    #[test]
    fn active_pattern() {
        assert_eq!(
            rels("Ana Ruiz met with Tomas Berg on Monday."),
            vec![(0, 2, "MET_WITH".into())]
        );
        assert_eq!(
            rels("Ruiz later visited Chile."),
            vec![(0, 1, "VISITED".into())]
        );
        // near miss: the object is not an entity
        assert!(rels("Ana Ruiz met with reporters on Monday.").is_empty());
    }

    #[test]
    fn passive_pattern_agent_is_the_source() {
        assert_eq!(
            rels("Berg was rejected by Chilean diplomats."),
            vec![(1, 2, "REJECTED".into())]
        );
        // near miss: the patient is not an entity
        assert!(rels("The letter was rejected by Chilean diplomats.").is_empty());
    }
}

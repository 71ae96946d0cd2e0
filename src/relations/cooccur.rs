//! MENTIONED_WITH: one edge per unordered pair of entities that share a sentence, weighted by
//! the number of sentences they share; span and sentence are the first shared sentence.

use super::Ctx;
use crate::model::{LocalRef, Relation};
use std::collections::BTreeMap;

pub fn find(ctx: &Ctx) -> Vec<Relation> {
    let mut pairs: BTreeMap<(LocalRef, LocalRef), (u32, usize)> = BTreeMap::new();
    let mut ents: Vec<LocalRef> = Vec::new();
    for (si, &(a, b)) in ctx.sent_toks.iter().enumerate() {
        ents.clear();
        for i in a..b {
            if let Some(e) = ctx.entity_at(i)
                && !ents.contains(&e)
            {
                ents.push(e);
            }
        }
        ents.sort_unstable();
        for (x, &e1) in ents.iter().enumerate() {
            for &e2 in &ents[x + 1..] {
                let v = pairs.entry((e1, e2)).or_insert((0, si));
                v.0 += 1;
            }
        }
    }
    pairs
        .into_iter()
        .map(|((src, dst), (weight, si))| Relation {
            src,
            dst,
            relation: "MENTIONED_WITH".into(),
            label: None,
            span: ctx.sentences[si],
            sentence: ctx.sentences[si],
            rule: "cooccur.sentence".into(),
            confidence: 0.5,
            statement: None,
            weight,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::EntityType::*;
    use crate::relations::testutil::*;

    #[test]
    fn one_edge_per_pair_weighted_by_shared_sentences() {
        let d = doc(
            "Ana Ruiz met Tomas Berg. Ruiz and Berg spoke again. Berg left for Lima.",
            &[
                ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
                ("Tomas Berg", Person, &["Tomas Berg", "Berg"]),
                ("Lima", Location, &["Lima"]),
            ],
        );
        let (_, rels) = run(&d);
        let co: Vec<_> = rels
            .iter()
            .filter(|r| r.relation == "MENTIONED_WITH")
            .collect();
        assert_eq!(co.len(), 2, "{co:#?}");
        let rb = co
            .iter()
            .find(|r| r.src == 0 && r.dst == 1)
            .expect("Ruiz-Berg");
        assert_eq!(rb.weight, 2);
        assert_eq!(rb.sentence.slice(&d.text), "Ana Ruiz met Tomas Berg.");
        // near miss: Ruiz and Lima never share a sentence
        assert!(!co.iter().any(|r| r.src == 0 && r.dst == 2));
    }
}

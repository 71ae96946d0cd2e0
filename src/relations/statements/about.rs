//! What a statement is about: the entities its content names or refers to.

use crate::model::{EntityType, LocalRef, Span};
use crate::relations::Ctx;

/// Words after a person's name that make the name a modifier ("the Trump administration").
fn is_modifier_head(w: &str) -> bool {
    matches!(
        w,
        "administration" | "era" | "term" | "presidency" | "government" | "campaign" | "years"
    )
}

/// The entities a content span is about: its mentions, minus locations, title-modifier
/// demonyms ("North Korean leader Kim"), and names used as modifiers; plus "the president".
pub fn about(ctx: &Ctx, content: Span, speaker: Option<LocalRef>) -> Vec<LocalRef> {
    let mut out = Vec::new();
    let first = ctx.toks.partition_point(|t| t.span.start < content.start);
    let mut i = first;
    while i < ctx.toks.len() && ctx.toks[i].span.end <= content.end {
        let Some(mi) = ctx.tok_mention[i] else {
            // "the president" in the content
            if ctx.toks[i].lower == "the"
                && i + 1 < ctx.toks.len()
                && !ctx.toks[i + 1].cap
                && ctx.lex.titles.contains_key(ctx.toks[i + 1].lower.as_str())
                && ctx.toks[i + 1].span.end <= content.end
            {
                let title = &ctx.toks[i + 1].lower;
                if let Some(e) = ctx.entities.iter().position(|x| {
                    x.etype == EntityType::Person
                        && x.titles.iter().any(|t| t.eq_ignore_ascii_case(title))
                }) {
                    let e = e as LocalRef;
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
            }
            i += 1;
            continue;
        };
        let m = &ctx.mentions[mi];
        let mut j = i;
        while j < ctx.toks.len() && ctx.tok_mention[j] == Some(mi) {
            j += 1;
        }
        if let Some(e) = m.entity {
            let et = ctx.etype(e);
            let skip = match et {
                EntityType::Location => true,
                EntityType::Country => title_modifier(ctx, j),
                EntityType::Person => {
                    j < ctx.toks.len() && !ctx.toks[j].punct && is_modifier_head(&ctx.toks[j].lower)
                }
                _ => false,
            };
            if !skip && !out.contains(&e) {
                out.push(e);
            }
        }
        i = j.max(i + 1);
    }
    // "both sides", "the agreement": entities referred to without a name
    for e in crate::relations::implicit::referents(ctx, first, i) {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    // "X said it was not a party": the speaking organization or country
    if let Some(e) = crate::relations::implicit::self_reference(ctx, first, i, speaker)
        && !out.contains(&e)
    {
        out.push(e);
    }
    out
}

/// Does a title and then a person's name follow token `j` ("[North Korean] leader Kim")?
fn title_modifier(ctx: &Ctx, j: usize) -> bool {
    let end = ctx.toks.len();
    if j >= end {
        return false;
    }
    let mut k = j;
    // "North Korean Foreign Minister X", "U.S. Secretary of State X"
    let mut saw_title = false;
    while k < end && k < j + 5 {
        if let Some(n) = ctx.title_at(k, end) {
            k += n;
            saw_title = true;
            continue;
        }
        break;
    }
    saw_title
        && k < end
        && ctx
            .entity_at(k)
            .is_some_and(|e| ctx.etype(e) == EntityType::Person)
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn about_skips_locations_and_title_demonyms() {
        let v = stmts(
            "Ruiz said Chilean President Tomas Berg will visit Lima.",
            PEOPLE,
        );
        let s = one(&v, "will visit");
        assert_eq!(s.about, vec![1]);
        let v = stmts("Ruiz said Chilean troops will visit Lima.", PEOPLE);
        assert_eq!(one(&v, "will visit").about, vec![2]);
    }

    #[test]
    fn a_name_before_a_word_like_administration_is_a_modifier() {
        let v = stmts("Ruiz said the Berg administration would fall.", PEOPLE);
        assert!(one(&v, "would fall").about.is_empty(), "{v:#?}");
        // near miss: the name alone is what the content is about
        let v = stmts("Ruiz said Berg would fall.", PEOPLE);
        assert_eq!(one(&v, "would fall").about, vec![1]);
    }
}

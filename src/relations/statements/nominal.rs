//! Nominal sources: a possessive before a nominal cue ("Lee's decision to resign") and a
//! report noun before a that-clause ("the report that ...").

use super::content::{content_end, trim_content};
use super::lexicon::is_relative_start;
use super::{Builder, is_open_mark, tok_starting_at, word_count};
use crate::model::StatementKind;
use crate::relations::speakers::{self, Speaker, SpeakerState, is_determiner, resolve, right_np};
use crate::relations::{Ctx, NounKind};

/// The possessor at `p` of a nominal cue: a named mention ("Lee's") or a possessive pronoun
/// ("her claim").
fn possessor(ctx: &Ctx, p: usize, state: &SpeakerState) -> Option<Speaker> {
    let pt = &ctx.toks[p];
    if pt.possessive {
        let mi = ctx.tok_mention[p]?;
        let a = tok_starting_at(ctx, ctx.mentions[mi].span.start)?;
        let sp = resolve(ctx, a, p + 1, state)?;
        return sp.entity.is_some().then_some(sp);
    }
    let pron = match pt.lower.as_str() {
        "his" => "he",
        "her" => "she",
        "its" => "it",
        "their" => "they",
        _ => return None,
    };
    let entity = speakers::resolve_pronoun(ctx, p, pron);
    Some(Speaker {
        entity,
        text: pt.span.slice(ctx.text).to_string(),
        span: pt.span,
        report_noun: false,
        rule: if entity.is_some() {
            "possessive"
        } else {
            "possessive.unresolved"
        },
    })
}

/// The content of a nominal cue whose complement is at `k`: an infinitive or clause runs to the
/// clause end; a prepositional object stops at the next comma.
fn nominal_content(ctx: &Ctx, k: usize, s1: usize, infinitive: bool) -> (usize, usize) {
    let from = if infinitive { k } else { k + 1 };
    let mut end = content_end(ctx, from, s1);
    if !infinitive
        && ctx.toks[k].lower != "that"
        && let Some(x) = (from..end).find(|&x| {
            matches!(ctx.toks[x].lower.as_str(), "," | ";") && ctx.tok_quote[x].is_none()
        })
    {
        end = x;
    }
    trim_content(ctx, from, end)
}

impl Builder<'_, '_> {
    /// Nominal cue with a possessive source: "Lee's decision to resign", "her claim that ...",
    /// "their support for the bill" (schema/nominal_cues.tsv). The cue at `c` must be followed
    /// by one of its complements ("to", "that", "for", ...) and preceded by its possessor.
    pub(super) fn nominal(&mut self, c: usize, s0: usize, s1: usize) -> bool {
        let ctx = self.ctx;
        if c == s0 || c + 2 >= s1 || ctx.tok_mention[c].is_some() {
            return false;
        }
        let Some(comps) = ctx.lex.nominal.get(ctx.toks[c].lower.as_str()) else {
            return false;
        };
        let k = c + 1;
        let comp = ctx.toks[k].lower.as_str();
        if !comps.iter().any(|w| w == comp) || ctx.tok_quote[k].is_some() {
            return false;
        }
        // "the claim that was made" is a relative clause; "to" must open an infinitive
        let next = &ctx.toks[k + 1];
        if next.punct && !is_open_mark(ctx, k + 1) {
            return false;
        }
        if comp == "that" && is_relative_start(&next.lower) {
            return false;
        }
        // "to" opens an infinitive ("decision to resign") unless a noun phrase follows
        // ("opposition to the plan")
        let infinitive = comp == "to" && !(next.cap || is_determiner(&next.lower));
        let p = c - 1;
        let Some(sp) = possessor(ctx, p, &self.state) else {
            return false;
        };
        let (ca, cb) = nominal_content(ctx, k, s1, infinitive);
        if word_count(ctx, ca, cb) < 2 {
            return false;
        }
        let content = ctx.span(ca, cb);
        self.push(
            Some(&sp),
            (c, c + 1),
            content,
            StatementKind::Indirect,
            "indirect.nominal",
            0.55,
            false,
            (p, cb),
        );
        true
    }

    /// "The report that ...", "assessments by officials that ...": a report noun (its
    /// determiner and modifiers, "by/from X" after it) before a that-clause; not a relative
    /// clause describing the report, nor the verb after a name ("Yonhap reports that ...").
    pub(super) fn report_noun(&mut self, c: usize, s0: usize, s1: usize) -> bool {
        let ctx = self.ctx;
        // noun [by/from NP] that CLAUSE
        let mut k = c + 1;
        if k < s1 && matches!(ctx.toks[k].lower.as_str(), "by" | "from") {
            let Some((_, b)) = right_np(ctx, k + 1, s1) else {
                return false;
            };
            k = b;
        }
        if !(k + 1 < s1 && ctx.toks[k].lower == "that") {
            return false;
        }
        let next = ctx.toks[k + 1].lower.as_str();
        if is_relative_start(next) || next == "showed" {
            return false; // a relative clause describing the report
        }
        // the noun phrase: determiner + modifiers + noun (+ by/from NP)
        let mut a = c;
        while a > s0 {
            let l = &ctx.toks[a - 1].lower;
            if is_determiner(l) || matches!(ctx.noun(a - 1), Some(NounKind::Modifier)) {
                a -= 1;
            } else {
                break;
            }
        }
        // "The Tax Institute estimates that ...", "Yonhap reports that ...": after a name the
        // word is the verb, not a report noun
        if a == c
            && c > s0
            && (ctx.tok_mention[c - 1].is_some() || (ctx.toks[c - 1].cap && !ctx.toks[c - 1].punct))
        {
            return false;
        }
        let Some(sp) = resolve(ctx, a, k, &self.state) else {
            return false;
        };
        let end = content_end(ctx, k + 1, s1);
        let (ca, cb) = trim_content(ctx, k + 1, end);
        if word_count(ctx, ca, cb) < 2 {
            return false;
        }
        let content = ctx.span(ca, cb);
        self.push(
            Some(&sp),
            (c, c + 1),
            content,
            StatementKind::Indirect,
            "indirect.report-noun",
            0.6,
            true,
            (a, cb),
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn nominal_cues_with_possessive_sources() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("Berg's decision to close the embassy angered Lima.");
        let s = one(&v, "to close the embassy");
        assert_eq!(s.speaker, Some(1));
        assert_eq!(s.rule, "indirect.nominal.named");
        let v = att("Ruiz spoke in Lima. Her claim that the vote was rigged drew protests.");
        assert_eq!(one(&v, "vote was rigged").speaker, Some(0));
        let v = att("Chile's opposition to the new quota system, announced last week, grew.");
        assert_eq!(
            one(&v, "the new quota system").content,
            "the new quota system"
        );
        // near misses: a relative clause after "claim that", a noun with no possessor, and
        // speech mode
        assert!(att("Berg's claim that was filed in May failed.").is_empty());
        assert!(att("The decision to close the embassy angered Lima.").is_empty());
        assert!(stmts("Berg's decision to close the embassy angered Lima.", PEOPLE).is_empty());
    }

    #[test]
    fn the_report_refers_back_to_the_outlet() {
        let v = stmts(
            "The Daily Courier reported that Berg resigned. Following the report that Berg resigned, Ruiz said Chile would wait.",
            PEOPLE,
        );
        let r: Vec<_> = v.iter().filter(|s| s.cue == "report").collect();
        assert_eq!(r.len(), 1, "{v:#?}");
        assert_eq!(r[0].speaker, Some(3));
        assert_eq!(r[0].content, "Berg resigned");
        assert_eq!(one(&v, "Chile would wait").speaker, Some(0));
    }

    #[test]
    fn a_report_word_after_a_name_is_the_verb() {
        let v = stmts(
            "The Daily Courier reports that the harbour lost money again.",
            PEOPLE,
        );
        let st = one(&v, "harbour lost money");
        assert_eq!(st.speaker, Some(3), "{v:#?}");
        assert!(st.rule.starts_with("indirect.verb"), "{v:#?}");
        // near miss: with a determiner it is the noun, and the report is the source
        let v = stmts(
            "New reports that the harbour lost money worried Ruiz.",
            PEOPLE,
        );
        assert!(
            one(&v, "harbour lost money")
                .rule
                .starts_with("indirect.report-noun"),
            "{v:#?}"
        );
    }
}

//! Credits: "according to X" and "as reported by X" ("as confirmed by X", "as stated by X").
//! The credited content is the sentence before the credit, else the words after it.

use super::content::{content_end, trim_content};
use super::{Builder, is_close_mark, split_and, word_count};
use crate::model::StatementKind;
use crate::relations::speakers::{self, Speaker, resolve, right_np};
use crate::relations::{Cue, CueClass};

impl Builder<'_, '_> {
    /// A credit at the cue `c..c + n`: "as reported by X" first, then "according to X". True
    /// when the cue is a credit (whether or not it gave a statement).
    pub(super) fn credit(&mut self, c: usize, n: usize, cue: &Cue, s0: usize, s1: usize) -> bool {
        self.as_reported_by_source(c, n, s0, s1) || self.according_to_source(c, n, cue, s0, s1)
    }

    /// "as confirmed by X", "as reported by X": "as", a cue, then "by" and the source.
    fn as_reported_by_source(&mut self, c: usize, n: usize, s0: usize, s1: usize) -> bool {
        let ctx = self.ctx;
        let as_by =
            c > s0 && ctx.toks[c - 1].lower == "as" && c + n < s1 && ctx.toks[c + n].lower == "by";
        if as_by {
            self.credited_statement(c - 1, c + n + 1, s0, s1);
        }
        as_by
    }

    /// "according to X": a cue of the credit class, then the source.
    fn according_to_source(&mut self, c: usize, n: usize, cue: &Cue, s0: usize, s1: usize) -> bool {
        let credit = cue.class == CueClass::According;
        if credit {
            self.credited_statement(c, c + n, s0, s1);
        }
        credit
    }

    /// The sources after a credit (from `np_from`): "A", "A and B", "A, B and C" (a comma
    /// continues the list only when "and" or another comma follows the next name). Whatever
    /// follows "according to" is a source: unlisted nouns are accepted. Returns the sources and
    /// the end of the list.
    fn credited_sources(&mut self, np_from: usize, s1: usize) -> Option<(Vec<Speaker>, usize)> {
        let ctx = self.ctx;
        let (a, mut b) = speakers::right_np_mode(ctx, np_from, s1, true, false)?;
        while b + 1 < s1 && matches!(ctx.toks[b].lower.as_str(), "and" | ",") {
            let comma = ctx.toks[b].lower == ",";
            let mut from = b + 1;
            if from < s1 && ctx.toks[from].lower == "and" {
                from += 1;
            }
            match right_np(ctx, from, s1) {
                Some((x, y))
                    if x == from
                        && resolve(ctx, x, y, &self.state).is_some()
                        && (!comma
                            || (y < s1 && matches!(ctx.toks[y].lower.as_str(), "and" | ","))) =>
                {
                    b = y
                }
                _ => break,
            }
        }
        self.state.lenient = true;
        let speakers: Vec<Speaker> = split_and(ctx, a, b)
            .into_iter()
            .filter_map(|(pa, pb)| resolve(ctx, pa, pb, &self.state))
            .collect();
        self.state.lenient = false;
        Some((speakers, b))
    }

    /// The statement of a credit from `start` (the sources from `np_from`): the content before
    /// the credit, else after the sources; one statement per source.
    fn credited_statement(&mut self, start: usize, np_from: usize, s0: usize, s1: usize) {
        let ctx = self.ctx;
        let Some((speakers, b)) = self.credited_sources(np_from, s1) else {
            return;
        };
        if speakers.is_empty() {
            return;
        }
        let mut before_end = start;
        while before_end > s0
            && ctx.toks[before_end - 1].punct
            && !is_close_mark(ctx, before_end - 1)
        {
            before_end -= 1;
        }
        let (ca, cb) = trim_content(ctx, s0, before_end);
        let (ca, cb) = if word_count(ctx, ca, cb) >= 3 {
            (ca, cb)
        } else {
            let end = content_end(ctx, b, s1);
            trim_content(ctx, b, end)
        };
        if word_count(ctx, ca, cb) < 3 {
            return;
        }
        let content = ctx.span(ca, cb);
        let cue_end = if ctx.toks[start].lower == "as" {
            np_from
        } else {
            np_from.min(start + 2)
        };
        for sp in &speakers {
            self.push(
                Some(sp),
                (start, cue_end),
                content,
                StatementKind::Indirect,
                "indirect.according",
                0.8,
                true,
                (s0, s1),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn according_to_two_outlets_gives_two_statements() {
        let v = stmts(
            "Chile recalled its ambassador, according to the Daily Courier and the Evening Gazette.",
            PEOPLE,
        );
        let mine: Vec<_> = v
            .iter()
            .filter(|s| s.content.contains("recalled"))
            .collect();
        assert_eq!(mine.len(), 2, "{v:#?}");
        assert_eq!(mine[0].speaker, Some(3));
        assert_eq!(mine[1].speaker, Some(4));
        assert_eq!(mine[0].content, mine[1].content);
        let v = stmts("According to Ruiz, the border will stay closed.", PEOPLE);
        assert_eq!(one(&v, "border will stay").speaker, Some(0));
        // near miss: "according to plan" has no source
        let v = stmts("Everything went according to plan in Lima.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn as_stated_by_and_nested_speakers() {
        let v = stmts("Chile is ready to talk, as stated by Ana Ruiz.", PEOPLE);
        assert_eq!(one(&v, "ready to talk").speaker, Some(0));
        let v = stmts(
            "Berg insisted the talks had failed, according to the Daily Courier.",
            PEOPLE,
        );
        let berg = v.iter().find(|s| s.speaker == Some(1)).expect("Berg");
        assert_eq!(berg.content, "the talks had failed");
        let outlet = v.iter().find(|s| s.speaker == Some(3)).expect("outlet");
        assert_eq!(outlet.content, "the talks had failed");
        assert!(!outlet.about.contains(&1), "{outlet:?}");
    }

    #[test]
    fn unnamed_source_phrase_keeps_its_prepositional_object() {
        let ents: Ents = &[("Chile", Country, &["Chile"])];
        let text = "Chile dropped its demand for a ban, according to officials familiar with the \
                    negotiations.";
        let v = stmts(text, ents);
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].speaker_text.as_deref(),
            Some("officials familiar with the negotiations")
        );
        // near miss: a clause word after the article is not part of the phrase
        let text = "Chile dropped its demand for a ban, according to officials familiar with the \
                    matter who spoke on Monday.";
        let v = stmts(text, ents);
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].speaker_text.as_deref(),
            Some("officials familiar with the matter")
        );
    }

    #[test]
    fn as_confirmed_by_a_source_is_a_credit() {
        let v = stmts(
            "The port will reopen in May, as confirmed by the Daily Courier.",
            PEOPLE,
        );
        let s = one(&v, "port will reopen");
        assert_eq!(s.speaker, Some(3));
        assert_eq!(s.content, "The port will reopen in May");
        assert_eq!(s.cue, "as confirmed by");
        // near miss: without "by" the phrase credits no source
        let v = stmts(
            "The port will reopen in May, as confirmed in a letter.",
            PEOPLE,
        );
        assert!(
            v.iter().all(|s| !s.rule.starts_with("indirect.according")),
            "{v:#?}"
        );
    }
}

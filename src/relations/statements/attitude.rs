//! Attitude-mode sources without a cue word: a question put to the subject ("Asked whether
//! ..., Ruiz said") and a poll ("In a Courier poll, Ruiz led by nine points").

use super::content::{skip_time, trim_content};
use super::{Builder, word_count};
use crate::model::StatementKind;
use crate::relations::speakers::{self, resolve};

impl Builder<'_, '_> {
    /// Attitude mode: a question put to the subject of the sentence, "(When) asked (by a
    /// reporter) whether the port would close, Ruiz said ..." -> the question is the content;
    /// its source is the asker after "by", else none. The content runs to the next comma.
    pub(super) fn asked_clause(&mut self, c: usize, s0: usize, s1: usize) -> bool {
        let ctx = self.ctx;
        if ctx.toks[c].lower != "asked" {
            return false;
        }
        let opens = c == s0
            || (ctx.toks[c - 1].lower == "when"
                && (c - 1 == s0 || matches!(ctx.toks[c - 2].lower.as_str(), "but" | "and" | ",")));
        if !opens {
            return false;
        }
        let mut k = c + 1;
        let mut asker = None;
        if k < s1 && ctx.toks[k].lower == "by" {
            let Some((x, y)) = speakers::right_np_mode(ctx, k + 1, s1, true, false) else {
                return false;
            };
            self.state.lenient = true;
            asker = resolve(ctx, x, y, &self.state);
            self.state.lenient = false;
            if asker.is_none() {
                return false;
            }
            k = y;
        }
        // skip a time phrase: "Asked on Monday whether ..."
        while k < s1 && (skip_time(ctx, k, k + 1) > k || ctx.toks[k].lower == "during") {
            k += 1;
        }
        if k >= s1
            || !matches!(
                ctx.toks[k].lower.as_str(),
                "if" | "whether" | "what" | "why" | "how" | "which" | "who" | "when" | "about"
            )
        {
            return false;
        }
        let from = if ctx.toks[k].lower == "about" {
            k + 1
        } else {
            k
        };
        let end = (from..s1)
            .find(|&i| ctx.toks[i].lower == "," && ctx.tok_quote[i].is_none())
            .unwrap_or(s1);
        let (ca, cb) = trim_content(ctx, from, end);
        if word_count(ctx, ca, cb) < 2 {
            return false;
        }
        self.push(
            asker.as_ref(),
            (c, c + 1),
            ctx.span(ca, cb),
            StatementKind::Indirect,
            "indirect.asked",
            0.7,
            false,
            (s0, s1),
        );
        true
    }

    /// Attitude mode: a poll or study as the source of a finding, "In a Courier poll released
    /// Monday, Ruiz led by nine points" or "Ruiz led by nine points in the latest Courier
    /// poll". Only where the finding has no attribution cue of its own.
    pub(super) fn poll(&mut self, c: usize, s0: usize, s1: usize) -> bool {
        let ctx = self.ctx;
        if ctx.toks[c].lower != "in" || c + 2 >= s1 {
            return false;
        }
        let Some((x, y)) = speakers::right_np_mode(ctx, c + 1, s1, true, false) else {
            return false;
        };
        // a named or described poll ("a Courier poll", "the latest survey"), not "the polls"
        let poll_head = matches!(
            ctx.toks[y - 1].lower.as_str(),
            "poll" | "polls" | "survey" | "surveys" | "study" | "studies"
        );
        if x != c + 1 || !poll_head || y - x < 3 {
            return false;
        }
        let has_cue = |a: usize, b: usize| (a..b).any(|i| self.used[i] || ctx.cue_at(i).is_some());
        let (ca, cb) = if c == s0 {
            // the opening phrase ends at a comma: "In a poll released Monday, ..."
            let Some(comma) = (y..s1).find(|&i| ctx.toks[i].lower == ",") else {
                return false;
            };
            if comma > y + 4 || has_cue(comma + 1, s1) {
                return false;
            }
            trim_content(ctx, comma + 1, s1)
        } else {
            // a closing phrase: "... in the latest poll." (a date may follow)
            let rest = skip_time(ctx, y, s1);
            if (rest..s1).any(|i| !ctx.toks[i].punct) || has_cue(s0, c) {
                return false;
            }
            trim_content(ctx, s0, c)
        };
        if word_count(ctx, ca, cb) < 3 {
            return false;
        }
        self.state.lenient = true;
        let source = resolve(ctx, x, y, &self.state);
        self.state.lenient = false;
        let Some(source) = source else {
            return false;
        };
        self.push(
            Some(&source),
            (c, c + 1),
            ctx.span(ca, cb),
            StatementKind::Indirect,
            "indirect.poll",
            0.7,
            true,
            (s0, s1),
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn a_question_put_to_the_subject_is_a_statement_of_its_asker() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("Asked whether the port would close, Ruiz said the decision was not hers.");
        let q = one(&v, "whether the port would close");
        assert_eq!((q.speaker, q.cue.as_str()), (None, "Asked"), "{q:#?}");
        assert_eq!(q.content, "whether the port would close");
        assert_eq!(one(&v, "decision was not hers").speaker, Some(0));
        let v = att("When asked by the Daily Courier if the talks had failed, Berg shrugged.");
        assert_eq!(one(&v, "if the talks had failed").speaker, Some(3));
        // near misses: "asked" with an object, and speech mode
        let v = att("Ruiz asked Berg to reopen the port.");
        assert!(
            v.iter().all(|s| !s.rule.starts_with("indirect.asked")),
            "{v:#?}"
        );
        let v = stmts(
            "Asked whether the port would close, Ruiz said nothing.",
            PEOPLE,
        );
        assert!(
            v.iter().all(|s| !s.rule.starts_with("indirect.asked")),
            "{v:#?}"
        );
    }

    #[test]
    fn a_poll_is_the_source_of_its_finding_in_attitude_mode() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("In a Daily Courier poll released Monday, Ruiz led Berg by nine points.");
        let s = one(&v, "Ruiz led Berg by nine points");
        assert_eq!(
            s.speaker_text.as_deref(),
            Some("a Daily Courier poll"),
            "{s:#?}"
        );
        assert!(s.rule.starts_with("indirect.poll"), "{s:#?}");
        let v = att("Ruiz led Berg by nine points in the latest Evening Gazette poll.");
        let s = one(&v, "Ruiz led Berg by nine points");
        assert_eq!(
            s.speaker_text.as_deref(),
            Some("the latest Evening Gazette poll")
        );
        // near misses: a finding with its own cue, and "in the polls"
        let v = att("In a Daily Courier poll released Monday, voters said Ruiz was ahead.");
        assert!(
            v.iter().all(|s| !s.rule.starts_with("indirect.poll")),
            "{v:#?}"
        );
        let v = att("Berg still sits at single digits in the polls.");
        assert!(v.is_empty(), "{v:#?}");
    }
}

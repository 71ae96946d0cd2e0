//! Statements: direct quotes (with the attribution before, after or around them) and reported
//! speech ("X said (that) ...", "according to X", "as stated by X", "reports indicate ..."),
//! each with its speaker, cue, content, the entities it is about and the rule that found it.
//!
//! [`find`] runs the rules sentence by sentence: first the quotes that open in the sentence
//! (`Builder::direct`), then the reported-speech rules token by token
//! (`Builder::reported_at`). The rules live by family:
//!
//! - `direct.rs`: direct quotes and where their attribution is;
//! - `reported.rs`: reported speech after a verb cue ("X said ...", "..., X said");
//! - `subject.rs`: the speaker of a verb cue;
//! - `according.rs`: credits ("according to X", "as reported by X");
//! - `nominal.rs`: nominal sources ("Lee's decision to", "the report that");
//! - `attitude.rs`: attitude-mode sources without a cue word (questions put, polls);
//! - `lines.rs`: transcript turns and headline claims;
//! - `noun_use.rs`: cue words that are nouns here;
//! - `content.rs`: where a content starts and ends;
//! - `lexicon.rs`: the word lists the rules test for;
//! - `about.rs` and `adjust.rs`: what a statement is about, and the adjustments after all rules.

use super::speakers::{Speaker, SpeakerState};
use super::{Ctx, NounKind};
use crate::model::{Span, Statement, StatementKind};

mod about;
mod according;
mod adjust;
mod attitude;
mod content;
mod direct;
mod lexicon;
mod lines;
mod nominal;
mod noun_use;
mod reported;
mod subject;
#[cfg(test)]
mod testkit;

pub use about::about;
pub use adjust::split_nested;
pub(super) use adjust::unsource_raising;
use content::trim_content;
pub(super) use content::{is_time_phrase, subordinate_close};
use lexicon::is_naming_lemma;
pub(super) use lexicon::is_subordinator;

/// A statement plus what the relation builders need to know about it.
#[derive(Clone, Debug)]
pub struct Found {
    pub statement: Statement,
    /// Credited with "according to" / "X reported": REPORTED edges for organizations.
    pub reported: bool,
}

/// The number of words (tokens that are no punctuation) in `a..b`.
fn word_count(ctx: &Ctx, a: usize, b: usize) -> usize {
    (a..b).filter(|&i| !ctx.toks[i].punct).count()
}

/// Is `s` a dash (hyphen, en, em or horizontal bar, double hyphen)?
fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "\u{2014}" | "\u{2013}" | "\u{2015}" | "--")
}

/// Does token `i` open a quotation?
fn is_open_mark(ctx: &Ctx, i: usize) -> bool {
    ctx.quotes
        .iter()
        .any(|q| q.outer.start == ctx.toks[i].span.start)
}

/// Does token `i` close a quotation?
fn is_close_mark(ctx: &Ctx, i: usize) -> bool {
    ctx.quotes
        .iter()
        .any(|q| q.outer.end == ctx.toks[i].span.end)
}

/// The rules' shared state: the statements found so far, the tokens they claimed (cues and
/// transcript turns), and what earlier statements tell the speaker resolver.
struct Builder<'c, 'a> {
    ctx: &'c Ctx<'a>,
    out: Vec<Found>,
    used: Vec<bool>,
    state: SpeakerState,
}

/// All statements of the document, in text order of their content.
pub fn find(ctx: &Ctx) -> Vec<Found> {
    let mut b = Builder {
        ctx,
        out: Vec::new(),
        used: vec![false; ctx.toks.len()],
        state: SpeakerState::default(),
    };
    // quotes by the sentence they start in (before the reported-speech pass of that sentence,
    // so that the quote rule claims its attribution first)
    let mut quotes_by_start: Vec<Vec<usize>> = vec![Vec::new(); ctx.sentences.len()];
    for (qi, q) in ctx.quotes.iter().enumerate() {
        if let Some(t) = tok_starting_at(ctx, q.outer.start) {
            quotes_by_start[ctx.toks[t].sent].push(qi);
        }
    }
    for (s, starting) in quotes_by_start.iter().enumerate() {
        for &qi in starting {
            b.direct(qi);
        }
        b.indirect(s);
    }
    let mut out = b.out;
    out.sort_by_key(|f| (f.statement.content_span.start, f.statement.content_span.end));
    out
}

/// The token starting at byte `pos`, if any.
fn tok_starting_at(ctx: &Ctx, pos: usize) -> Option<usize> {
    let i = ctx.toks.partition_point(|t| t.span.start < pos);
    (i < ctx.toks.len() && ctx.toks[i].span.start == pos).then_some(i)
}

/// The token ending at byte `pos`, if any.
fn tok_ending_at(ctx: &Ctx, pos: usize) -> Option<usize> {
    let i = ctx.toks.partition_point(|t| t.span.end < pos);
    (i < ctx.toks.len() && ctx.toks[i].span.end == pos).then_some(i)
}

impl Builder<'_, '_> {
    /// The span of the sentences tokens `a..b` lie in.
    fn sentence_hull(&self, a: usize, b: usize) -> Span {
        let ctx = self.ctx;
        let sa = ctx.sentences[ctx.toks[a].sent];
        let sb = ctx.sentences[ctx.toks[b.saturating_sub(1).max(a)].sent];
        Span::new(sa.start.min(sb.start), sa.end.max(sb.end))
    }

    /// Reported speech in sentence `s`: a transcript turn takes the whole sentence; else a
    /// headline claim, then token by token the first rule that takes the token.
    fn indirect(&mut self, s: usize) {
        let (s0, s1) = self.ctx.sent_toks[s];
        if self.transcript(s) {
            return;
        }
        self.headline_claim(s);
        let mut c = s0;
        while c < s1 {
            c += self.reported_at(c, s0, s1);
        }
    }

    /// The reported-speech rules at token `c` of the sentence `s0..s1`, in order; returns how
    /// many tokens they took.
    fn reported_at(&mut self, c: usize, s0: usize, s1: usize) -> usize {
        let ctx = self.ctx;
        if ctx.tok_quote[c].is_some() || self.used[c] {
            return 1;
        }
        // "the report that ...", "assessments by officials that ..."
        if ctx.noun(c) == Some(NounKind::Report) && self.report_noun(c, s0, s1) {
            return 1;
        }
        if ctx.lex.attitudes
            && (self.nominal(c, s0, s1) || self.asked_clause(c, s0, s1) || self.poll(c, s0, s1))
        {
            return 1;
        }
        let Some((n, cue)) = ctx.cue_at(c) else {
            return 1;
        };
        if self.credit(c, n, cue, s0, s1) {
            return n;
        }
        // a one-word naming cue ("called it ...") takes only a quoted name (direct.rs)
        if !(is_naming_lemma(&cue.lemma) && cue.words.len() == 1) {
            self.verb(c, n, cue, s0, s1);
        }
        n
    }

    /// Records a statement: its speaker, cue tokens, content, kind, rule and confidence (scaled
    /// down for an unnamed or missing speaker), whether it is a report, and the tokens it spans;
    /// what it is about includes the addressee of the cue. An empty content records nothing.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        speaker: Option<&Speaker>,
        cue: (usize, usize),
        content: Span,
        kind: StatementKind,
        rule: &str,
        confidence: f32,
        reported: bool,
        tok_range: (usize, usize),
    ) {
        let ctx = self.ctx;
        let content_text = content.slice(ctx.text).trim();
        if content_text.is_empty() {
            return;
        }
        let spk = speaker.and_then(|s| s.entity);
        let mut about = about(ctx, content, spk);
        // the addressee of the cue ("urged both sides to \"...\"")
        let c0 = ctx.toks.partition_point(|t| t.span.start < content.start);
        if cue.0 < cue.1 && cue.1 <= c0 && c0 - cue.1 <= 6 {
            for e in super::implicit::referents(ctx, cue.1, c0) {
                if !about.contains(&e) {
                    about.push(e);
                }
            }
        }
        let cue_span = ctx.span(cue.0, cue.1);
        let cue_text = if cue.0 < cue.1 {
            cue_span.slice(ctx.text).to_string()
        } else {
            String::new()
        };
        let conf = match speaker {
            Some(s) if s.entity.is_some() => confidence,
            Some(_) => confidence * 0.9,
            None => confidence * 0.8,
        };
        let rule = match speaker {
            Some(s) => format!("{rule}.{}", s.rule),
            None => rule.to_string(),
        };
        if spk.is_some() && (reported || speaker.is_some_and(|s| s.report_noun)) {
            self.state.last_reporter = spk;
        }
        for i in cue.0..cue.1 {
            self.used[i] = true;
        }
        self.out.push(Found {
            statement: Statement {
                speaker: spk,
                speaker_text: speaker.map(|s| s.text.clone()),
                speaker_span: speaker.map(|s| s.span),
                cue: cue_text,
                cue_span: (cue.0 < cue.1).then_some(cue_span),
                content: content_text.to_string(),
                content_span: content,
                kind,
                about,
                sentence: self.sentence_hull(tok_range.0, tok_range.1),
                confidence: conf,
                rule,
            },
            reported,
        });
    }
}

/// Splits "A and B" / "A, B and C" into parts (not inside a mention).
fn split_and(ctx: &Ctx, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut start = a;
    for i in a..b {
        let l = ctx.toks[i].lower.as_str();
        if (l == "and" || l == ",") && ctx.tok_mention[i].is_none() {
            if i > start {
                parts.push((start, i));
            }
            start = i + 1;
        }
    }
    if b > start {
        parts.push((start, b));
    }
    parts
}

//! Statements: direct quotes (with the attribution before, after or around them) and reported
//! speech ("X said (that) ...", "according to X", "as stated by X", "reports indicate ..."),
//! each with its speaker, cue, content, the entities it is about and the rule that found it.

use super::speakers::{self, Speaker, SpeakerState, right_np, skip_adverbials_back};
use super::{Ctx, CueClass, NounKind};
use crate::model::{EntityType, Span, Statement, StatementKind};

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
mod subject;
#[cfg(test)]
mod testkit;

pub use about::about;
pub use adjust::split_nested;
pub(super) use adjust::unsource_raising;
use content::{
    content_end, looks_like_clause, object_end, skip_circumstance, skip_time, trim_content,
};
pub(super) use content::{is_time_phrase, subordinate_close};
pub(super) use lexicon::is_subordinator;
use lexicon::{
    is_evaluation_lemma, is_evidence_lemma, is_naming_lemma, is_speech_lemma, needs_clause,
    needs_that, takes_object,
};
use lines::is_headline;
use noun_use::{is_aspect, noun_use};

/// A statement plus what the relation builders need to know about it.
#[derive(Clone, Debug)]
pub struct Found {
    pub statement: Statement,
    /// Credited with "according to" / "X reported": REPORTED edges for organizations.
    pub reported: bool,
}

fn word_count(ctx: &Ctx, a: usize, b: usize) -> usize {
    (a..b).filter(|&i| !ctx.toks[i].punct).count()
}

fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "\u{2014}" | "\u{2013}" | "\u{2015}" | "--")
}

fn is_open_mark(ctx: &Ctx, i: usize) -> bool {
    ctx.quotes
        .iter()
        .any(|q| q.outer.start == ctx.toks[i].span.start)
}

fn is_close_mark(ctx: &Ctx, i: usize) -> bool {
    ctx.quotes
        .iter()
        .any(|q| q.outer.end == ctx.toks[i].span.end)
}

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

fn tok_starting_at(ctx: &Ctx, pos: usize) -> Option<usize> {
    let i = ctx.toks.partition_point(|t| t.span.start < pos);
    (i < ctx.toks.len() && ctx.toks[i].span.start == pos).then_some(i)
}

fn tok_ending_at(ctx: &Ctx, pos: usize) -> Option<usize> {
    let i = ctx.toks.partition_point(|t| t.span.end < pos);
    (i < ctx.toks.len() && ctx.toks[i].span.end == pos).then_some(i)
}

impl Builder<'_, '_> {
    fn sentence_hull(&self, a: usize, b: usize) -> Span {
        let ctx = self.ctx;
        let sa = ctx.sentences[ctx.toks[a].sent];
        let sb = ctx.sentences[ctx.toks[b.saturating_sub(1).max(a)].sent];
        Span::new(sa.start.min(sb.start), sa.end.max(sb.end))
    }

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

    /// Reported speech in sentence `s`.
    fn indirect(&mut self, s: usize) {
        let ctx = self.ctx;
        let (s0, s1) = ctx.sent_toks[s];
        if self.transcript(s) {
            return;
        }
        self.headline_claim(s);
        let mut c = s0;
        while c < s1 {
            if ctx.tok_quote[c].is_some() || self.used[c] {
                c += 1;
                continue;
            }
            // "the report that ...", "assessments by officials that ..."
            if let Some(NounKind::Report) = ctx.noun(c)
                && self.report_noun(c, s0, s1)
            {
                c += 1;
                continue;
            }
            if ctx.lex.attitudes && self.nominal(c, s0, s1) {
                c += 1;
                continue;
            }
            if ctx.lex.attitudes && (self.asked_clause(c, s0, s1) || self.poll(c, s0, s1)) {
                c += 1;
                continue;
            }
            let Some((n, cue)) = ctx.cue_at(c) else {
                c += 1;
                continue;
            };
            // "as confirmed by X" / "as reported by X"
            let as_by = c > s0
                && ctx.toks[c - 1].lower == "as"
                && c + n < s1
                && ctx.toks[c + n].lower == "by";
            if cue.class == CueClass::According || as_by {
                let start = if as_by { c - 1 } else { c };
                let np_from = if as_by { c + n + 1 } else { c + n };
                self.according(start, np_from, s0, s1);
                c += n;
                continue;
            }
            if is_naming_lemma(&cue.lemma) && cue.words.len() == 1 {
                c += n;
                continue;
            }
            self.verb(c, n, cue, s0, s1);
            c += n;
        }
    }

    fn verb(&mut self, c: usize, n: usize, cue: &super::Cue, s0: usize, s1: usize) {
        let ctx = self.ctx;
        let (lemma, class) = (cue.lemma.as_str(), cue.class);
        // a noun use of a cue word ("Lee's plan is", "a plan", "his claims"): a possessive or
        // determiner right before it
        if c > s0 && {
            let p = &ctx.toks[c - 1];
            // "he's claiming", "who's called for": a contraction, not a possessive
            (p.possessive
                && ctx.tok_quote[c - 1].is_none()
                && !matches!(
                    p.lower.as_str(),
                    "he" | "she" | "it" | "who" | "that" | "there" | "what" | "let" | "here"
                ))
                || matches!(
                    p.lower.as_str(),
                    "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
                )
        } {
            return;
        }
        // passive voice ("was rejected by X") is not X speaking
        let k = skip_adverbials_back(ctx, c, s0);
        if super::is_past_participle(&ctx.toks[c].lower)
            && (k..c).any(|x| {
                matches!(
                    ctx.toks[x].lower.as_str(),
                    "was" | "were" | "been" | "being" | "is" | "are" | "be"
                )
            })
        {
            return;
        }
        if is_aspect(ctx, c, n, lemma) {
            return;
        }
        self.state.lenient = is_speech_lemma(lemma) || class == CueClass::Report;
        let found = self.verb_speaker(c, n, s0, s1);
        self.state.lenient = false;
        let Some((sp, inverted, edge)) = found else {
            return;
        };
        if !inverted && noun_use(ctx, edge, c, n, lemma) {
            return;
        }
        // speech mode: a cue inside another speaker's reported clause (`X said Seoul hoped the
        // talks ...`) is part of X's statement, not a statement of its own
        let content_after = {
            let t = skip_time(ctx, c + n, s1);
            t < s1 && !ctx.toks[t].punct
        };
        if !ctx.lex.attitudes && !inverted && content_after && self.inside_reported(c, s0) {
            return;
        }
        // speech mode: an unlisted common noun is not a source of an evidence verb ("the
        // agreement showed that", "the figures suggest"): only people and institutions speak
        if sp.rule == "unnamed.lenient" && is_evidence_lemma(lemma) && !ctx.lex.attitudes {
            return;
        }
        // "Yonhap and Kyodo reported": one statement per named source
        let sources = if inverted {
            vec![sp.clone()]
        } else {
            self.coordinated(edge, skip_adverbials_back(ctx, c, s0))
                .unwrap_or_else(|| vec![sp.clone()])
        };
        // "Chilean and Peruvian claims to the reef": a third-person singular form after a
        // coordinated subject is a plural noun, not the verb
        if sources.len() > 1 && n == 1 {
            let w = ctx.toks[c].lower.as_str();
            if w != lemma && (w == format!("{lemma}s") || w == format!("{lemma}es")) {
                return;
            }
        }
        let reported = class == CueClass::Report;
        // content after the cue
        if !inverted {
            let mut a = c + n;
            if takes_object(lemma) && n == 1 && class != CueClass::Ask {
                if a < s1
                    && matches!(
                        ctx.toks[a].lower.as_str(),
                        "him" | "her" | "them" | "us" | "me" | "it" | "reporters" | "journalists"
                    )
                {
                    a += 1;
                } else if let Some((_, b)) = right_np(ctx, a, s1) {
                    a = b;
                }
                // "told one of his aides on a regular basis that ...": the that-clause after a
                // longer object (no clause, quote or comma between)
                if a < s1
                    && ctx.toks[a].lower != "that"
                    && let Some(th) = (a..(a + 10).min(s1)).find(|&k| ctx.toks[k].lower == "that")
                    && (a..th).all(|k| {
                        !ctx.toks[k].punct
                            && ctx.tok_quote[k].is_none()
                            && ctx.cue_at(k).is_none()
                            && !matches!(
                                ctx.toks[k].lower.as_str(),
                                "is" | "was"
                                    | "are"
                                    | "were"
                                    | "has"
                                    | "had"
                                    | "have"
                                    | "will"
                                    | "would"
                                    | "who"
                                    | "which"
                            )
                    })
                {
                    a = th;
                }
            }
            // "said Friday afternoon, as ..." has no content after the cue
            let t = skip_time(ctx, a, s1);
            let mut no_after =
                t < s1 && matches!(ctx.toks[t].lower.as_str(), "," | "." | "(" | ";");
            // "insisted, most recently in an interview, that ...": the that-clause after an aside
            let mut after_aside = None;
            if no_after
                && ctx.toks[t].lower == ","
                && let Some(th) = (t + 1..(t + 16).min(s1))
                    .find(|&x| ctx.toks[x].lower == "that" && ctx.toks[x - 1].lower == ",")
            {
                no_after = false;
                after_aside = Some(th + 1);
            }
            // "on Tuesday", "in a statement" before the content
            a = skip_time(ctx, skip_circumstance(ctx, a, s1), s1);
            // "said separately that", "said afterwards that"
            if let Some(th) = (a..(a + 3).min(s1)).find(|&x| ctx.toks[x].lower == "that")
                && (a..th).all(|x| {
                    !ctx.toks[x].punct
                        && (speakers::is_adverbial(&ctx.toks[x].lower)
                            || matches!(ctx.toks[x].lower.as_str(), "afterwards" | "afterward"))
                })
            {
                a = th;
            }
            if let Some(x) = after_aside {
                a = x;
            }
            if no_after {
                a = s1;
            }
            // "said at a rally this month that ...": a leading phrase needs a "that" after it
            if a < s1
                && matches!(
                    ctx.toks[a].lower.as_str(),
                    "at" | "in" | "on" | "during" | "after" | "before" | "while" | "with"
                )
                && !(takes_object(lemma) && ctx.toks[a].lower == "to")
            {
                a = match (a..(a + 12).min(s1)).find(|&k| ctx.toks[k].lower == "that") {
                    Some(k) => k,
                    None => s1,
                };
            }
            // "spoke to a gathering of donors": the addressee is not content; the topic may
            // follow ("spoke to reporters about X"), a comma or the sentence end means none
            if matches!(lemma, "speak" | "talk")
                && a + 1 < s1
                && matches!(ctx.toks[a].lower.as_str(), "to" | "with")
                && !ctx.toks[a + 1].punct
            {
                let stop = (a + 1..s1)
                    .find(|&k| {
                        (ctx.toks[k].punct && ctx.tok_quote[k].is_none())
                            || ctx.toks[k].lower == "about"
                    })
                    .unwrap_or(s1);
                a = if stop < s1 && ctx.toks[stop].lower == "about" {
                    stop
                } else {
                    s1
                };
            }
            // "spoke out on Tuesday about X", "spoke of X": the topic after the preposition
            {
                let mut k = a;
                if k < s1
                    && matches!(
                        ctx.toks[k].lower.as_str(),
                        "out" | "up" | "publicly" | "openly" | "again"
                    )
                {
                    k += 1;
                }
                let k = skip_time(ctx, k, s1);
                if k + 1 < s1
                    && matches!(ctx.toks[k].lower.as_str(), "about" | "of")
                    && !ctx.toks[k + 1].punct
                    && !is_naming_lemma(lemma)
                {
                    a = k + 1;
                }
            }
            let end = content_end(ctx, a, s1);
            let (ca, mut cb) = trim_content(ctx, a, end);
            // a cue in an opening subordinate clause ("While Ruiz praised the plan, Berg
            // ...", "As Democrats urged him to quit, he ..."): the content ends at the comma
            // that closes the clause
            if let Some(close) = subordinate_close(ctx, s0, c, ca, cb) {
                cb = trim_content(ctx, ca, close).1;
            }
            // the object of a non-speech cue ("praised the plan", "refused to comment") ends
            // before a comma, a new verb or a subordinate clause
            if !is_speech_lemma(lemma)
                && ca < cb
                && !matches!(ctx.toks[ca].lower.as_str(), "that" | ":" | "whether" | "if")
                && !is_open_mark(ctx, ca)
            {
                let e = object_end(ctx, ca, cb);
                if e < cb && !looks_like_clause(ctx, ca, e) {
                    cb = trim_content(ctx, ca, e).1;
                }
            }
            // most cues take their content as a clause or a noun phrase ("confirmed the
            // meeting"); a few ambiguous verbs only count with a clause
            // an unlisted common-noun subject ("the poll shows") needs a clause after a
            // non-speech cue
            let weak_subject = sp.rule == "unnamed.lenient" && !is_speech_lemma(lemma);
            let clause_ok = (!needs_clause(lemma) && !weak_subject)
                || (a < s1
                    && matches!(ctx.toks[a].lower.as_str(), "that" | ":" | "whether" | "if"))
                || looks_like_clause(ctx, ca, cb);
            // speech mode: agreeing, accepting, planning on or to a thing is an act, not
            // speech; only "agreed that ..." reports what was said
            let that_ok = ctx.lex.attitudes
                || !needs_that(lemma)
                || (a < s1 && matches!(ctx.toks[a].lower.as_str(), "that" | ":"));
            // a negated cue ("has not commented publicly") and, in speech mode, an evaluation
            // of a thing ("criticized the decision", "praised the deal") report no content
            // unless a clause follows
            let negated = (skip_adverbials_back(ctx, c, s0)..c)
                .any(|x| matches!(ctx.toks[x].lower.as_str(), "not" | "never"))
                || (c > s0 && matches!(ctx.toks[c - 1].lower.as_str(), "not" | "never"));
            let evaluation = !ctx.lex.attitudes && is_evaluation_lemma(lemma);
            let clause_ok = clause_ok
                && (!(negated || evaluation)
                    || (a < s1 && matches!(ctx.toks[a].lower.as_str(), "that" | ":"))
                    || looks_like_clause(ctx, ca, cb));
            // "asked not to be named": a request for anonymity
            let anonymity = cb > ca + 3
                && ctx.toks[ca].lower == "not"
                && ctx.toks[ca + 1].lower == "to"
                && ctx.toks[ca + 2].lower == "be"
                && matches!(
                    ctx.toks[ca + 3].lower.as_str(),
                    "named" | "identified" | "quoted"
                );
            // a byline: "X reported from Kabul, and Y from Doha" says where, not what
            let byline = class == CueClass::Report
                && ca + 1 < cb
                && matches!(ctx.toks[ca].lower.as_str(), "from" | "in" | "at")
                && ctx.toks[ca + 1].cap;
            if anonymity || byline {
                return;
            }
            // an attitude cue of the derived list takes a bare name ("endorsed Lee")
            let words = word_count(ctx, ca, cb);
            let named_object = cue.derived
                && words == 1
                && ctx.tok_mention[ca]
                    .and_then(|m| ctx.mentions[m].entity)
                    .is_some_and(|e| ctx.etype(e) != EntityType::Location);
            if (words >= 2 || named_object) && class != CueClass::Decline && clause_ok && that_ok {
                let content = ctx.span(ca, cb);
                let rule = if sp.report_noun {
                    "indirect.report"
                } else {
                    "indirect.verb"
                };
                for sp in &sources {
                    self.push(
                        Some(sp),
                        (c, c + n),
                        content,
                        StatementKind::Indirect,
                        rule,
                        0.75,
                        reported,
                        (s0, s1),
                    );
                }
                return;
            }
            if !that_ok {
                return;
            }
        }
        // content before: "CONTENT, X said." / "CONTENT, said X."
        let mut rest_from = skip_time(ctx, if inverted { edge } else { c + n }, s1);
        // a short place or time phrase closing the sentence ("..., X told reporters at the
        // airport.", "..., X said after the meeting.")
        if rest_from < s1
            && matches!(
                ctx.toks[rest_from].lower.as_str(),
                "at" | "in" | "on" | "after" | "before" | "during" | "outside" | "from"
            )
        {
            let end = (rest_from..s1).find(|&k| ctx.toks[k].punct).unwrap_or(s1);
            if end - rest_from <= 6
                && (end..s1).all(|k| ctx.toks[k].punct && ctx.tok_quote[k].is_none())
                && (rest_from..end).all(|k| ctx.toks[k].lower != "that")
            {
                rest_from = end;
            }
        }
        // a parenthetical attribution: "Too often, X said, the debate is ..." -- the content
        // is the sentence around it (text: the two parts joined with an ellipsis, span: hull)
        let comma = if inverted { c } else { edge };
        if rest_from + 1 < s1
            && ctx.toks[rest_from].lower == ","
            && comma > s0 + 1
            && ctx.toks[comma - 1].lower == ","
            && !is_open_mark(ctx, rest_from + 1)
            // "..., said Ann Lee, a former adviser": an apposition, not the sentence going on
            && !(inverted
                && (speakers::is_determiner(&ctx.toks[rest_from + 1].lower)
                    || ctx.toks[rest_from + 1].cap))
        {
            let (pa, pb) = trim_content(ctx, s0, comma - 1);
            let (qa, qb) = trim_content(ctx, rest_from + 1, s1);
            // (the attribution and the words before it outside quotation marks: a quoted
            // first part is the direct rule's; a quote may go on in the second part)
            let quoted = ctx.tok_quote[c].is_some() || (pa..pb).any(|k| ctx.tok_quote[k].is_some());
            // "..., X said, adding that ..." / "..., X said, and ...": the sentence does not go
            // on, a new clause starts
            let next = &ctx.toks[rest_from + 1].lower;
            let new_clause = matches!(
                next.as_str(),
                "and"
                    | "but"
                    | "while"
                    | "although"
                    | "though"
                    | "because"
                    | "as"
                    | "after"
                    | "before"
                    | "when"
                    | "if"
                    | "so"
                    | "which"
                    | "who"
            ) || (next.ends_with("ing") && ctx.cue_at(rest_from + 1).is_some());
            if word_count(ctx, pa, pb) >= 1
                && word_count(ctx, qa, qb) >= 3
                && !quoted
                && !new_clause
            {
                let hull = Span::new(ctx.toks[pa].span.start, ctx.toks[qb - 1].span.end);
                let text = format!(
                    "{} \u{2026} {}",
                    ctx.span(pa, pb).slice(ctx.text),
                    ctx.span(qa, qb).slice(ctx.text)
                );
                for sp in &sources {
                    self.push(
                        Some(sp),
                        (c, c + n),
                        hull,
                        StatementKind::Indirect,
                        "indirect.parenthetical",
                        0.7,
                        reported,
                        (s0, s1),
                    );
                    if let Some(last) = self.out.last_mut() {
                        let st = &mut last.statement;
                        st.content = text.clone();
                        // what the two parts talk about, not the attribution between them
                        let mut ab = about(ctx, ctx.span(pa, pb), st.speaker);
                        for e in about(ctx, ctx.span(qa, qb), st.speaker) {
                            if !ab.contains(&e) {
                                ab.push(e);
                            }
                        }
                        st.about = ab;
                    }
                }
                return;
            }
        }
        if rest_from < s1 && !ctx.toks[rest_from].punct {
            return;
        }
        // `X said, "..."`: the quote is the content, not what precedes
        let mut q = rest_from;
        while q < s1 && matches!(ctx.toks[q].lower.as_str(), "," | ":") {
            q += 1;
        }
        if q < s1 && is_open_mark(ctx, q) {
            return;
        }
        if comma <= s0 + 1 || ctx.toks[comma - 1].lower != "," {
            return;
        }
        let (ca, cb) = trim_content(ctx, s0, comma - 1);
        if word_count(ctx, ca, cb) < 3 {
            return;
        }
        // a headline's "..., Hanoi protests" reports a reaction to the event before it, not
        // speech: only speech verbs ("..., Tokyo says") or a clause before them count
        if is_headline(ctx, ctx.toks[c].sent)
            && !is_speech_lemma(&cue.lemma)
            && !looks_like_clause(ctx, ca, cb)
        {
            return;
        }
        // a partial quote followed by more words ("''quoted'' of the plan, X said")
        let kind = if is_open_mark(ctx, ca) {
            StatementKind::Direct
        } else {
            StatementKind::Indirect
        };
        let content = ctx.span(ca, cb);
        for sp in &sources {
            self.push(
                Some(sp),
                (c, c + n),
                content,
                kind,
                "indirect.trailing",
                0.7,
                reported,
                (s0, s1),
            );
        }
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

#[cfg(test)]
mod tests {
    use super::testkit::*;

    #[test]
    fn things_do_not_speak_and_agreeing_on_a_thing_is_not_speech() {
        let v = stmts(
            "The agreement showed that old rivals can cooperate.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:#?}");
        // near miss: an unlisted noun with a verb of speech is an unnamed source
        let v = stmts("The announcer said that the race was over.", PEOPLE);
        assert_eq!(
            one(&v, "race was over").speaker_text.as_deref(),
            Some("The announcer")
        );
        let v = stmts("Chile agreed on a new fishing quota on Monday.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        let v = stmts("Chile agreed to resume the fishing talks.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        // near miss: agreeing that something is so is speech
        let v = stmts("Chile agreed that the quota was too low.", PEOPLE);
        assert_eq!(one(&v, "quota was too low").speaker, Some(2));
        // attitude mode keeps the PolNeAR convention (intentions count)
        let v = run_attitudes(&doc("Chile agreed to resume the fishing talks.", PEOPLE)).0;
        assert_eq!(one(&v, "resume").speaker, Some(2));
    }

    #[test]
    fn nested_negated_and_evaluative_cues() {
        // a cue inside another speaker's reported clause is part of that statement
        let v = stmts("Ruiz said Chile hoped the talks would resume.", PEOPLE);
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].speaker, Some(0));
        let v = stmts(
            "Ruiz told reporters Chile would not accept \"a deal written in Lima\".",
            PEOPLE,
        );
        assert!(v.iter().all(|s| s.speaker != Some(2)), "{v:#?}");
        // near miss: a report noun is the source, not an outer statement
        let v = stmts(
            "Officials met on Friday, and reports surfaced indicating that Chile would wait.",
            PEOPLE,
        );
        assert!(one(&v, "Chile would wait").speaker_text.is_some(), "{v:#?}");
        // near miss: after a comma a new clause may report its own statement
        let v = stmts(
            "After Ruiz said the talks failed, Berg said Chile would wait.",
            PEOPLE,
        );
        assert_eq!(one(&v, "Chile would wait").speaker, Some(1));
        // attitude mode gives each token one role (PolNeAR): the nested hope is part of
        // Ruiz's content, not a statement of its own
        let v = run_attitudes(&doc(
            "Ruiz said Chile hoped the talks would resume.",
            PEOPLE,
        ))
        .0;
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].speaker, Some(0));
        assert!(v[0].content.contains("Chile hoped"), "{v:#?}");
        // negated cue with no clause: nothing was said
        let v = stmts("Ruiz has not commented publicly on the arrests.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        // near miss: a negated cue with a clause still reports it
        let v = stmts("Ruiz did not say that the arrests were legal.", PEOPLE);
        assert_eq!(one(&v, "arrests were legal").speaker, Some(0));
        // an evaluation of a thing is not a statement in speech mode
        let v = stmts("Chile criticized the decision on Monday.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        let v = stmts("Berg praised the ruling in a written statement.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        // requests for anonymity and "spoke on condition" are not content
        let v = stmts(
            "An official, who asked not to be named, said the border would reopen.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(v[0].content.contains("border would reopen"));
        // "said separately that": the clause after the adverb
        let v = stmts("Berg said separately that the mine would close.", PEOPLE);
        assert_eq!(one(&v, "mine").content, "the mine would close");
    }

    #[test]
    fn reported_speech_with_that_and_without() {
        let v = stmts("Ruiz said that Chile would reopen the embassy.", PEOPLE);
        let s = one(&v, "Chile would reopen");
        assert_eq!(s.speaker, Some(0));
        assert_eq!(s.kind, StatementKind::Indirect);
        assert_eq!(s.content, "Chile would reopen the embassy");
        let v = stmts("Berg emphasized the embassy would reopen soon.", PEOPLE);
        assert_eq!(one(&v, "embassy would reopen").speaker, Some(1));
        // near miss: "said" as an adjective-ish use with no speaker phrase
        let v = stmts("The said embassy would reopen soon.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn told_reporters_and_declined_to_comment_stating() {
        let v = stmts("Ruiz told reporters that the vote was delayed.", PEOPLE);
        assert_eq!(one(&v, "vote was delayed").speaker, Some(0));
        let v = stmts("Berg told the Daily Courier the vote was delayed.", PEOPLE);
        assert_eq!(one(&v, "vote was delayed").speaker, Some(1));
        let v = stmts(
            "The Evening Gazette declined to comment, stating that the case is ongoing.",
            PEOPLE,
        );
        assert_eq!(one(&v, "case is ongoing").speaker, Some(4));
        // near miss: declining without content is no statement
        let v = stmts("The Evening Gazette declined to comment.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
        let v = stmts("The Evening Gazette did not give a response.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn headline_reaction_verbs_are_not_attributions() {
        let ents: Ents = &[("Chile", Country, &["Chile"]), ("Peru", Country, &["Peru"])];
        let text = "Chile seizes three fishing boats off Arica, Peru protests\n\nBody text here.";
        assert!(stmts(text, ents).is_empty());
        // near misses: a speech verb in a headline, and a reaction verb in body text
        let text = "Border crossing to reopen next week, Peru says\n\nBody text here.";
        assert_eq!(stmts(text, ents).len(), 1);
        let text = "Title\n\nThe seizure of the boats was illegal, Peru protested.";
        assert_eq!(stmts(text, ents).len(), 1);
    }

    #[test]
    fn trailing_attribution_with_a_place_phrase() {
        let ents: Ents = &[("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"])];
        let text = "The border will reopen on Friday, Ruiz told reporters at the airport.";
        let v = stmts(text, ents);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].content, "The border will reopen on Friday");
        // near miss: a longer tail is a clause of its own, not a place phrase
        let text = "The border will reopen on Friday, Ruiz told reporters at the airport \
                    where the strikers had gathered since dawn with banners and drums.";
        assert!(stmts(text, ents).is_empty());
    }

    #[test]
    fn plural_noun_after_coordinated_names_is_not_a_verb() {
        let ents: Ents = &[
            ("Chile", Country, &["Chile", "Chilean"]),
            ("Peru", Country, &["Peru", "Peruvian"]),
        ];
        let text = "The reef lies where Chilean and Peruvian claims to fishing rights overlap.";
        assert!(stmts(text, ents).is_empty());
        // near miss: the past tense after the same subject is the verb
        let text = "Chile and Peru claimed that the reef was theirs.";
        assert_eq!(stmts(text, ents).len(), 2);
    }

    #[test]
    fn trailing_attribution_for_reported_speech() {
        let v = stmts(
            "The vote will be delayed until May, Berg said on Monday.",
            PEOPLE,
        );
        let s = one(&v, "vote will be delayed");
        assert_eq!(s.speaker, Some(1));
        assert_eq!(s.content, "The vote will be delayed until May");
    }

    #[test]
    fn passive_and_action_verbs_are_not_speech() {
        // near misses: "rejected" in the passive, and with a noun object
        let v = stmts("The plan was rejected by Ana Ruiz in Lima.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
        let v = stmts("Ana Ruiz rejected the plan.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
        // with a clause it is a statement
        let v = stmts("Ana Ruiz rejected claims that Chile had lied.", PEOPLE);
        assert!(
            v.is_empty() || v.iter().all(|s| s.speaker == Some(0)),
            "{v:?}"
        );
        let v = stmts("Berg denied that Chile had lied.", PEOPLE);
        assert_eq!(one(&v, "Chile had lied").speaker, Some(1));
    }

    #[test]
    fn attitude_cues_only_in_attitude_mode() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        // a derived attitude cue with a bare named object
        let t = "Ruiz endorsed Berg on Monday.";
        assert!(stmts(t, PEOPLE).is_empty(), "speech mode: no statement");
        let v = att(t);
        let s = one(&v, "Berg");
        assert_eq!(s.speaker, Some(0));
        assert_eq!(s.rule, "indirect.verb.named");
        // an intention with an infinitive
        let v = att("Berg refused to sign the fishing accord.");
        assert_eq!(one(&v, "to sign the fishing accord").speaker, Some(1));
        // "made it clear that"
        let v = att("Ruiz made it clear that the port would stay closed.");
        assert_eq!(one(&v, "port would stay closed").speaker, Some(0));
        // near miss: a bare common noun object is not content
        assert!(att("Ruiz endorsed it.").is_empty());
    }

    #[test]
    fn irregular_passives_are_not_their_subject_speaking() {
        let v = stmts("Ruiz was told that the port would close.", PEOPLE);
        assert!(v.iter().all(|s| s.speaker != Some(0)), "{v:#?}");
        let v = run_attitudes(&doc(
            "Berg is best known for his harsh words about the harbour board.",
            PEOPLE,
        ))
        .0;
        assert!(v.iter().all(|s| s.speaker != Some(1)), "{v:#?}");
        // near miss: the active verb
        let v = stmts("Ruiz told reporters that the port would close.", PEOPLE);
        assert_eq!(one(&v, "port would close").speaker, Some(0));
    }

    #[test]
    fn naming_cue_content_holds_the_object_in_attitude_mode() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let t = "Ruiz called the harbour deal \"a costly mistake\".";
        let v = att(t);
        assert!(
            v.iter()
                .any(|s| s.content == "the harbour deal \"a costly mistake\""),
            "{v:#?}"
        );
        // near miss: speech mode keeps the quoted name alone
        let v = stmts(t, PEOPLE);
        assert!(v.iter().any(|s| s.content == "a costly mistake"), "{v:#?}");
    }

    #[test]
    fn that_clause_after_a_long_object() {
        let t = "Ruiz told a group of visiting harbour officials on Monday that the port would \
                 reopen.";
        let v = stmts(t, PEOPLE);
        assert!(
            v.iter().any(|s| s.content == "the port would reopen"),
            "{v:#?}"
        );
        // near miss: "that" of a relative clause inside the object is not the content's start
        let t = "Ruiz told officials who had said that the port was closed to wait for news.";
        let v = stmts(t, PEOPLE);
        assert!(
            v.iter()
                .all(|s| s.content != "the port was closed to wait for news"),
            "{v:#?}"
        );
    }

    #[test]
    fn topic_after_about_is_the_content() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("Ruiz spoke out on Tuesday about the closure of the northern port.");
        assert!(
            v.iter()
                .any(|s| s.content == "the closure of the northern port"),
            "{v:#?}"
        );
        // near miss: "about" inside the object is kept
        let v = att("Ruiz criticized the rumours about the closure of the port.");
        assert!(
            v.iter()
                .any(|s| s.content == "the rumours about the closure of the port"),
            "{v:#?}"
        );
    }

    #[test]
    fn the_addressee_of_speak_is_not_content() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("Ruiz spoke to a gathering of harbour workers in the north.");
        assert!(v.is_empty(), "{v:#?}");
        // the topic after the addressee stays
        let v = att("Ruiz spoke to the harbour workers about the closure of the port.");
        assert!(
            v.iter().any(|s| s.content == "the closure of the port"),
            "{v:#?}"
        );
    }

    #[test]
    fn supplementary_cues_find_and_want() {
        let v = stmts(
            "A new study found that Chilean exports fell sharply.",
            PEOPLE,
        );
        assert_eq!(
            one(&v, "exports fell").speaker_text.as_deref(),
            Some("A new study")
        );
        let v = stmts("Berg wants to reopen the border before May.", PEOPLE);
        assert_eq!(one(&v, "reopen the border").speaker, Some(1));
        // near miss: a thing that "found" nothing it could say
        let v = stmts("The keys were found under the mat.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn parenthetical_attribution_takes_the_sentence_around_it() {
        let v = stmts(
            "Too often, Ruiz said, the debate over Chile is reduced to slogans.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].speaker, Some(0));
        assert_eq!(
            v[0].content,
            "Too often \u{2026} the debate over Chile is reduced to slogans"
        );
        assert!(v[0].rule.starts_with("indirect.parenthetical"), "{v:#?}");
        // about: the parts, not the speaker between them
        assert_eq!(v[0].about, vec![2]);
        let v = stmts("The port, said Berg, is not for sale this year.", PEOPLE);
        assert_eq!(one(&v, "not for sale").speaker, Some(1));
        // a quotation may go on in the second part
        let v = stmts(
            "During her years in office, Ruiz said, most people came to believe \"that the port is the city.\"",
            PEOPLE,
        );
        assert!(
            one(&v, "port is the city")
                .content
                .starts_with("During her years"),
            "{v:#?}"
        );
        // near misses: a participle cue or a conjunction after the attribution starts a new
        // clause, so the attribution closes the first one
        assert_eq!(
            content_of(
                "The port is closed, Berg said, adding that it would reopen.",
                "port is closed"
            ),
            "The port is closed"
        );
        let v = stmts(
            "The port is closed, Berg said, adding that it would reopen.",
            PEOPLE,
        );
        assert_eq!(one(&v, "would reopen").cue, "adding");
        assert_eq!(
            content_of(
                "The port is closed, Berg said, and the union agreed.",
                "port is closed"
            ),
            "The port is closed"
        );
        // near miss: an apposition after an inverted attribution closes the sentence
        assert_eq!(
            content_of(
                "The port could close this week, said Berg, a former adviser to the mayor.",
                "port could close"
            ),
            "The port could close this week"
        );
        // near misses: an attribution closing the sentence, and one opening a clause
        let v = stmts("The port is closed for the winter, Berg said.", PEOPLE);
        assert!(
            one(&v, "port is closed")
                .rule
                .starts_with("indirect.trailing"),
            "{v:#?}"
        );
        assert_eq!(
            content_of(
                "In Lima, Ruiz said the port was closed for the winter.",
                "port was closed"
            ),
            "the port was closed for the winter"
        );
    }

    #[test]
    fn a_byline_is_no_report() {
        let v = stmts("Ruiz reported from Lima, and Berg from Valdora.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        // near miss: a report with a clause
        let v = stmts(
            "The Daily Courier reported that the port was closed.",
            PEOPLE,
        );
        assert_eq!(one(&v, "port was closed").speaker, Some(3));
    }
}

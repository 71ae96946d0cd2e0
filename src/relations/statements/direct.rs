//! Direct quotes: the attribution after the quote (`"...," she said.`), before it (`Smith said:
//! "..."`), in the sentence before (`... told reporters:`), a testimonial dash, a headline colon,
//! or the previous speaker's quote going on. [`Builder::direct`] tries the rules in that order;
//! the first that takes the quote wins.

use super::lexicon::{is_naming_lemma, is_speech_lemma, takes_object};
use super::lines::headline_subject;
use super::noun_use::{is_aspect, noun_use};
use super::{
    Builder, about, is_close_mark, is_dash, is_open_mark, split_and, tok_ending_at,
    tok_starting_at, trim_content, word_count,
};
use crate::model::{Span, StatementKind};
use crate::relations::speakers::{Speaker, resolve, right_np};
use crate::relations::{Ctx, Cue, CueClass, NounKind};
use crate::text::Quote;

/// A direct quotation with the tokens and sentences around it.
struct QuoteAt<'a> {
    quote: Quote,
    /// The opening and the closing quotation mark.
    open: usize,
    close: usize,
    /// The first token of the sentence the quote opens in, and the end of the one it closes in.
    s0: usize,
    s1: usize,
    /// The sentences the quote opens and closes in.
    ss: usize,
    se: usize,
    words: usize,
    /// The quoted words, trimmed.
    content: Span,
    inner_text: &'a str,
}

impl<'a> QuoteAt<'a> {
    /// Quotation `qi` of the document, `None` when its marks are no tokens.
    fn new(ctx: &Ctx<'a>, qi: usize) -> Option<Self> {
        let quote = ctx.quotes[qi];
        let open = tok_starting_at(ctx, quote.outer.start)?;
        let close = tok_ending_at(ctx, quote.outer.end)?;
        let se = ctx.toks[close].sent;
        let ss = ctx.toks[open].sent;
        Some(QuoteAt {
            quote,
            open,
            close,
            s0: ctx.sent_toks[ss].0,
            s1: ctx.sent_toks[se].1,
            ss,
            se,
            words: quote.word_count(ctx.text),
            content: trim_span(ctx.text, quote.inner),
            inner_text: quote.inner.slice(ctx.text).trim_end(),
        })
    }
}

/// Where the attribution after a quote is looked for.
#[derive(Clone, Copy)]
struct Tail {
    /// The first token after the quote's closing punctuation.
    from: usize,
    /// The end of the search: the next quote or the end of the (attribution's) sentence.
    end: usize,
    /// Is there a cue among the first words after the quote?
    has_cue: bool,
}

/// The span `s` without its surrounding whitespace and trailing commas.
fn trim_span(text: &str, s: Span) -> Span {
    let inner = s.slice(text);
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim().trim_end_matches([',', ' ']);
    Span::new(s.start + lead, s.start + lead + body.len())
}

/// A quoted title after a preposition, article or possessive (`on CBS's "Face the Nation,"`,
/// `in "The Apprentice"`) is a name, not speech.
fn quoted_title_is_a_name(ctx: &Ctx, open: usize) -> bool {
    if open == 0 || ctx.toks[open - 1].sent != ctx.toks[open].sent {
        return false;
    }
    let p = &ctx.toks[open - 1];
    p.possessive
        || matches!(
            p.lower.as_str(),
            "on" | "in"
                | "of"
                | "at"
                | "from"
                | "for"
                | "about"
                | "by"
                | "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
        )
}

/// `"Why?" she asked.`: after a question or exclamation that ends its sentence, the attribution
/// is the next sentence of the paragraph when it is short (or its cue takes no clause of its
/// own) and holds a cue among its first words. Returns that sentence's token range.
fn quote_followed_by_attribution_sentence(ctx: &Ctx, q: &QuoteAt) -> Option<(usize, usize)> {
    let &(n0, n1) = ctx.sent_toks.get(q.se + 1)?;
    let attributed = q.inner_text.ends_with(['?', '!'])
        && n0 < n1
        && !ctx.text[q.quote.outer.end..ctx.toks[n0].span.start].contains('\n')
        && !is_open_mark(ctx, n0)
        && (n0..(n0 + 8).min(n1)).any(|c| {
            ctx.tok_quote[c].is_none()
                && ctx.cue_at(c).is_some_and(|(n, cue)| {
                    cue.class != CueClass::According
                        && (word_count(ctx, n0, n1) <= 12
                            || takes_no_clause(ctx, after_addressee(ctx, c + n, n1, &cue.lemma)))
                })
        });
    attributed.then_some((n0, n1))
}

/// Does the cue's complement at `k` take no clause of its own (`Ruiz said of the plan in
/// March, when ...`): nothing, punctuation or a preposition or subordinator?
fn takes_no_clause(ctx: &Ctx, k: usize) -> bool {
    ctx.toks.get(k).is_none_or(|t| {
        t.punct
            || matches!(
                t.lower.as_str(),
                "of" | "in" | "on" | "at" | "during" | "after" | "before" | "when" | "while" | "as"
            )
    })
}

/// The token after the addressee of a cue that takes one (`Ruiz told the Courier in May ...`),
/// else `k`.
fn after_addressee(ctx: &Ctx, k: usize, end: usize, lemma: &str) -> usize {
    match right_np(ctx, k, end) {
        Some((a, b)) if a == k && takes_object(lemma) => b,
        _ => k,
    }
}

/// The token where an attribution before the quote ends: the opening mark, before the
/// punctuation that leads up to it.
fn attribution_before_end(ctx: &Ctx, q: &QuoteAt) -> usize {
    let mut j = q.open;
    while j > q.s0 && ctx.toks[j - 1].punct && !is_close_mark(ctx, j - 1) {
        j -= 1;
    }
    j
}

/// Are the tokens from `k` to the quote's opening mark only punctuation or "that"?
fn only_punct_or_that(ctx: &Ctx, k: usize, open: usize) -> bool {
    (k..open).all(|x| ctx.toks[x].punct || ctx.toks[x].lower == "that")
}

/// Does the cue `c..c + n` reach the quote: nothing but punctuation or "that" between (a few
/// words after a naming cue), or an addressee closed by a comma (`told reporters, "..."`,
/// `told his radio audience on Monday, "..."`)?
fn cue_reaches_quote(
    ctx: &Ctx,
    q: &QuoteAt,
    c: usize,
    n: usize,
    lemma: &str,
    naming: bool,
) -> bool {
    let open = q.open;
    let gap_ok = only_punct_or_that(ctx, c + n, open) || (naming && open - (c + n) <= 4);
    let obj_ok = takes_object(lemma)
        && (open - (c + n) <= 4
            || (open - (c + n) <= 10
                && ctx.toks[open - 1].lower == ","
                && (c + n..open - 1).all(|k| !ctx.toks[k].punct)));
    gap_ok || obj_ok
}

/// `he said "budget reforms" and unpaid taxes would pay for it`: a short quote that opens a
/// longer clause is part of it (the indirect rule takes the clause).
fn short_quote_opens_clause(ctx: &Ctx, q: &QuoteAt) -> bool {
    let close = q.close;
    let (_, s1q) = ctx.sent_toks[ctx.toks[close].sent];
    q.words <= 6
        && close + 1 < s1q
        && !ctx.toks[close + 1].punct
        && !q.inner_text.ends_with(['.', '!', '?', ','])
}

impl Builder<'_, '_> {
    /// Direct quotation `qi`: the rules in order, the first that takes the quote wins; anything
    /// else (scare quotes, titles, unattributed quotes) is not a statement.
    pub(super) fn direct(&mut self, qi: usize) {
        let ctx = self.ctx;
        let Some(q) = QuoteAt::new(ctx, qi) else {
            return;
        };
        if quoted_title_is_a_name(ctx, q.open) {
            return;
        }
        let tail = self.attribution_tail(&q);
        if self.quote_followed_by_attribution(&q, tail) || self.testimonial_dash_name(&q) {
            return;
        }
        let j = attribution_before_end(ctx, &q);
        if self.cue_before_quote(&q, j)
            || self.colon_sentence_before_quote(&q, j)
            || self.headline_name_colon_quote(&q, j)
        {
            return;
        }
        self.quote_goes_on_from_previous(&q, tail.has_cue);
    }

    /// Where to look for the attribution after the quote: the rest of its sentence, or the
    /// next sentence after a question (see [`quote_followed_by_attribution_sentence`]).
    fn attribution_tail(&self, q: &QuoteAt) -> Tail {
        let ctx = self.ctx;
        let mut from = q.close + 1;
        while from < q.s1 && ctx.toks[from].punct && !is_open_mark(ctx, from) {
            from += 1;
        }
        let mut end = q.s1;
        if from >= q.s1
            && let Some((n0, n1)) = quote_followed_by_attribution_sentence(ctx, q)
        {
            from = n0;
            end = n1;
        }
        let end = (from..end).find(|&k| is_open_mark(ctx, k)).unwrap_or(end);
        let has_cue = (from..(from + 30).min(end)).any(|c| ctx.cue_at(c).is_some());
        Tail { from, end, has_cue }
    }

    /// `"...," she said.` / `"...," said Smith.` / `"...," according to X.`: the first cue
    /// after a quote shaped like speech (not a partial quote inside reported speech: `X said the
    /// deal was "a model", and Y said ...`, where the cue before owns it).
    fn quote_followed_by_attribution(&mut self, q: &QuoteAt, tail: Tail) -> bool {
        let ctx = self.ctx;
        let shaped = q.words > 2
            || q.inner_text.ends_with([',', '.', '!', '?'])
            || (q.close + 1 < q.s1 && ctx.toks[q.close + 1].lower == ",");
        if !shaped || self.inside_reported(q.open, q.s0) {
            return false;
        }
        for c in tail.from..(tail.from + 30).min(tail.end) {
            if ctx.toks[c].punct {
                if matches!(ctx.toks[c].lower.as_str(), ";" | "?" | "!") {
                    break;
                }
                continue;
            }
            if let Some((n, cue)) = ctx.cue_at(c) {
                if self.used[c] {
                    break;
                }
                if cue.class == CueClass::According {
                    self.quote_followed_by_according(q, c, n, tail.end);
                    return true;
                }
                return self.quote_followed_by_speaker(q, c, n, cue, tail);
            }
        }
        false
    }

    /// `"...," according to X and Y.`: one statement per source of the credit.
    fn quote_followed_by_according(&mut self, q: &QuoteAt, c: usize, n: usize, end: usize) {
        let ctx = self.ctx;
        let Some((a, b)) = right_np(ctx, c + n, end) else {
            return;
        };
        for (pa, pb) in split_and(ctx, a, b) {
            if let Some(sp) = resolve(ctx, pa, pb, &self.state) {
                self.push(
                    Some(&sp),
                    (c, c + n),
                    q.content,
                    StatementKind::Direct,
                    "direct.according",
                    0.85,
                    true,
                    (q.open, q.close + 1),
                );
            }
        }
    }

    /// `"...," she said.`: the speaker of the verb cue after the quote; a mixed quote (`However
    /// sensible the aim, the tax "is the wrong tool," she said.`) takes the whole clause.
    fn quote_followed_by_speaker(
        &mut self,
        q: &QuoteAt,
        c: usize,
        n: usize,
        cue: &Cue,
        tail: Tail,
    ) -> bool {
        let ctx = self.ctx;
        self.state.lenient = is_speech_lemma(&cue.lemma);
        let found = self
            .verb_speaker(c, n, tail.from, tail.end)
            .filter(|(_, inv, edge)| *inv || !noun_use(ctx, *edge, c, n, &cue.lemma));
        self.state.lenient = false;
        let Some((sp, _, _)) = found else {
            return false;
        };
        let reported = cue.class == CueClass::Report;
        let (content, from, rule) = match self.mixed_quote_prefix(q.s0, q.open) {
            Some(a) if q.ss == q.se => (
                Span::new(ctx.toks[a].span.start, q.quote.outer.end),
                a,
                "direct.after.mixed",
            ),
            _ => (q.content, q.open, "direct.after"),
        };
        self.push(
            Some(&sp),
            (c, c + n),
            content,
            StatementKind::Direct,
            rule,
            0.9,
            reported,
            (from, q.close + 1),
        );
        true
    }

    /// The start of the words before a quote that belong to the quoted clause (a mixed quote):
    /// at least two words from the sentence start `s0` to the opening mark `open`, with no cue,
    /// quote, claimed token, colon or dash among them (`The tax, she said, "..."` is not one).
    fn mixed_quote_prefix(&self, s0: usize, open: usize) -> Option<usize> {
        let ctx = self.ctx;
        if open <= s0 {
            return None;
        }
        let (a, _) = trim_content(ctx, s0, open);
        if word_count(ctx, a, open) < 2 {
            return None;
        }
        let clean = (a..open).all(|k| {
            let t = &ctx.toks[k];
            !self.used[k]
                && ctx.tok_quote[k].is_none()
                && !is_open_mark(ctx, k)
                && !is_close_mark(ctx, k)
                && !matches!(t.lower.as_str(), ":" | ";")
                && !is_dash(&t.lower)
                && ctx.cue_at(k).is_none()
        });
        (clean && !ctx.toks[open - 1].lower.eq(",")).then_some(a)
    }

    /// `"..." ― Ann Lee, Ohio` (testimonials): a full-sentence quote opening its sentence, then a
    /// dash and a capitalised name that closes the sentence or a clause.
    fn testimonial_dash_name(&mut self, q: &QuoteAt) -> bool {
        let ctx = self.ctx;
        let (open, close, s1) = (q.open, q.close, q.s1);
        let full_sentence = q.inner_text.ends_with(['.', '!', '?']) && (open == q.s0 || open == 0);
        if q.words < 3 || !full_sentence || close + 2 >= s1 || !is_dash(&ctx.toks[close + 1].lower)
        {
            return false;
        }
        let from = close + 2;
        let Some((a, b)) = right_np(ctx, from, s1) else {
            return false;
        };
        if a != from || !ctx.toks[a].cap || !(b == s1 || ctx.toks[b].punct) {
            return false;
        }
        let Some(sp) = resolve(ctx, a, b, &self.state) else {
            return false;
        };
        self.push(
            Some(&sp),
            (close + 1, close + 2),
            q.content,
            StatementKind::Direct,
            "direct.dash",
            0.6,
            false,
            (open, b),
        );
        true
    }

    /// `Smith said: "..."`, `said Smith, "..."`, `called it "a farce"`: the nearest cue in the
    /// few words before the quote (ending at `j`) decides.
    fn cue_before_quote(&mut self, q: &QuoteAt, j: usize) -> bool {
        let ctx = self.ctx;
        for c in (j.saturating_sub(8).max(q.s0)..j).rev() {
            if ctx.tok_quote[c].is_some() || self.used[c] {
                continue;
            }
            let Some((n, cue)) = ctx.cue_at(c) else {
                continue;
            };
            if c + n > q.open {
                continue;
            }
            return self.attribution_before_quote(q, c, n, cue);
        }
        false
    }

    /// The cue `c..c + n` before the quote: an inverted attribution, else the speaker of the
    /// cue when it introduces the quote (not a partial quote inside reported speech, which the
    /// indirect rule takes).
    fn attribution_before_quote(&mut self, q: &QuoteAt, c: usize, n: usize, cue: &Cue) -> bool {
        let ctx = self.ctx;
        let naming = is_naming_lemma(&cue.lemma)
            || (c + n < q.open
                && ctx.toks[c + n].lower == "as"
                && matches!(cue.lemma.as_str(), "refer" | "describe"));
        if self.inverted_said_before_quote(q, c, n) {
            return true;
        }
        if !cue_reaches_quote(ctx, q, c, n, &cue.lemma, naming) || cue.class == CueClass::According
        {
            return false;
        }
        // `X said Y would not accept "..."`: the quote is part of X's reported statement
        if !naming && (short_quote_opens_clause(ctx, q) || self.inside_reported(c, q.s0)) {
            return false;
        }
        self.speaker_cue_before_quote(q, c, n, cue, naming)
    }

    /// `Said Ellis: "..."`: a cue opening the sentence or clause, then the speaker and the quote
    /// (not a participle: `, telling Ellis that "..."` is someone telling Ellis).
    fn inverted_said_before_quote(&mut self, q: &QuoteAt, c: usize, n: usize) -> bool {
        let ctx = self.ctx;
        if !(c == q.s0 || ctx.toks[c - 1].punct) || ctx.toks[c].lower.ends_with("ing") {
            return false;
        }
        let Some((a, b)) = right_np(ctx, c + n, q.open) else {
            return false;
        };
        if a != c + n || !only_punct_or_that(ctx, b, q.open) {
            return false;
        }
        let Some(sp) = resolve(ctx, a, b, &self.state) else {
            return false;
        };
        self.push(
            Some(&sp),
            (c, c + n),
            q.content,
            StatementKind::Direct,
            "direct.inverted-before",
            0.85,
            false,
            (c, q.close + 1),
        );
        true
    }

    /// `Smith said: "..."`, `called the plan "a farce"`: the speaker of the cue before the quote
    /// (a naming participle takes the clause subject: `X welcomed it, calling it "..."`). In
    /// attitude mode (PolNeAR) a naming cue's content is its object with the quoted name.
    fn speaker_cue_before_quote(
        &mut self,
        q: &QuoteAt,
        c: usize,
        n: usize,
        cue: &Cue,
        naming: bool,
    ) -> bool {
        let ctx = self.ctx;
        self.state.lenient =
            is_speech_lemma(&cue.lemma) || (naming && ctx.toks[c].lower.ends_with("ing"));
        let found = self
            .verb_speaker(c, n, q.s0, q.open)
            .filter(|(_, inv, edge)| *inv || !noun_use(ctx, *edge, c, n, &cue.lemma));
        self.state.lenient = false;
        let Some((sp, _, _)) = found else {
            return false;
        };
        let rule = if naming {
            "direct.naming"
        } else {
            "direct.before"
        };
        let content = if naming && ctx.lex.attitudes && (c + n..q.open).any(|x| !ctx.toks[x].punct)
        {
            Span::new(ctx.toks[c + n].span.start, ctx.toks[q.close].span.end)
        } else {
            q.content
        };
        let reported = cue.class == CueClass::Report;
        self.push(
            Some(&sp),
            (c, c + n),
            content,
            StatementKind::Direct,
            rule,
            0.85,
            reported,
            (c, q.close + 1),
        );
        true
    }

    /// `Ruiz told reporters:` then a quote opening the next sentence: the speaker of the last
    /// cue of the sentence before, when it ends with a colon.
    fn colon_sentence_before_quote(&mut self, q: &QuoteAt, j: usize) -> bool {
        let ctx = self.ctx;
        if j != q.s0 || q.ss == 0 {
            return false;
        }
        let (p0, p1) = ctx.sent_toks[q.ss - 1];
        if p1 <= p0 || ctx.toks[p1 - 1].lower != ":" {
            return false;
        }
        for c in (p0..p1).rev() {
            if let Some((n, _)) = ctx.cue_at(c)
                && !self.used[c]
                && let Some((sp, _, _)) = self.verb_speaker(c, n, p0, p1)
            {
                self.push(
                    Some(&sp),
                    (c, c + n),
                    q.content,
                    StatementKind::Direct,
                    "direct.colon",
                    0.8,
                    false,
                    (q.open, q.close + 1),
                );
                return true;
            }
        }
        false
    }

    /// `Name Does Something: "..."` (headline style): the name opening the sentence before a
    /// colon right before the quote.
    fn headline_name_colon_quote(&mut self, q: &QuoteAt, j: usize) -> bool {
        let ctx = self.ctx;
        let s0 = q.s0;
        if j <= s0 + 1 || ctx.toks[j].lower != ":" || !(j + 1..q.open).all(|x| ctx.toks[x].punct) {
            return false;
        }
        let Some((a, b)) = right_np(ctx, s0, j) else {
            return false;
        };
        if a != s0 || b - a < 2 || !ctx.toks[a].cap {
            return false;
        }
        let Some(sp) = headline_subject(ctx, a, b, &self.state) else {
            return false;
        };
        self.push(
            Some(&sp),
            (j, j + 1),
            q.content,
            StatementKind::Direct,
            "direct.colon-headline",
            0.5,
            false,
            (s0, q.close + 1),
        );
        true
    }

    /// A quote with no attribution of its own (no cue anywhere in its sentence outside quotes)
    /// that no earlier statement's content holds goes on from the previous direct quote in the
    /// same sentence or the next: it completes a quote split by its attribution (`"A," X said,
    /// "and b."`), or is a statement of its own by the same speaker (`"A," X said. "B."`).
    fn quote_goes_on_from_previous(&mut self, q: &QuoteAt, tail_has_cue: bool) {
        let ctx = self.ctx;
        let own_cue = (q.s0..q.s1)
            .any(|c| ctx.tok_quote[c].is_none() && !self.used[c] && ctx.cue_at(c).is_some());
        let held = self
            .out
            .iter()
            .any(|f| f.statement.content_span.contains(q.quote.inner));
        if q.words < 4 || tail_has_cue || own_cue || held {
            return;
        }
        let Some(prev) = self.out.last() else {
            return;
        };
        if prev.statement.kind != StatementKind::Direct || prev.statement.speaker_span.is_none() {
            return;
        }
        let gap = Span::new(
            prev.statement.content_span.end.min(q.quote.outer.start),
            q.quote.outer.start,
        );
        let between_sentences = ctx.sentences.iter().filter(|s| gap.contains(**s)).count();
        let same_paragraph = !ctx.text[gap.start..gap.end].contains('\n');
        // a quote that opens its own sentence after the attributed one is a statement of its
        // own, as a reader counts it; attitude mode follows the PolNeAR convention: one content
        // for the paragraph
        let own_sentence = q.open == q.s0 && !ctx.lex.attitudes;
        if between_sentences == 0 && same_paragraph && !own_sentence {
            self.quote_split_by_its_attribution(q);
        } else if between_sentences == 0 {
            self.quote_continues_previous_speaker(q, gap, same_paragraph);
        }
    }

    /// `"A," X said, "and b."`: one attribution over a quote split by it; the content of the
    /// previous statement becomes the quoted parts joined with an ellipsis, its span their hull.
    fn quote_split_by_its_attribution(&mut self, q: &QuoteAt) {
        let ctx = self.ctx;
        let Some(prev) = self.out.last() else {
            return;
        };
        let more = about(ctx, q.content, prev.statement.speaker);
        let sent = ctx.sentences[ctx.toks[q.close].sent];
        if let Some(last) = self.out.last_mut() {
            let st = &mut last.statement;
            st.content = format!("{} \u{2026} {}", st.content, q.content.slice(ctx.text));
            st.content_span = Span::new(st.content_span.start, q.content.end);
            st.sentence = Span::new(st.sentence.start, st.sentence.end.max(sent.end));
            for e in more {
                if !st.about.contains(&e) {
                    st.about.push(e);
                }
            }
            st.rule.push_str("+continued");
        }
    }

    /// `"A," X said. "B."` (or a quote in the next paragraph): a statement of its own by the
    /// previous quote's speaker.
    fn quote_continues_previous_speaker(&mut self, q: &QuoteAt, gap: Span, same_paragraph: bool) {
        let Some(prev) = self.out.last() else {
            return;
        };
        let sp = Speaker {
            entity: prev.statement.speaker,
            text: prev.statement.speaker_text.clone().unwrap_or_default(),
            span: prev.statement.speaker_span.unwrap_or(gap),
            report_noun: false,
            rule: "continuation",
        };
        let confidence = if same_paragraph { 0.8 } else { 0.7 };
        self.push(
            Some(&sp),
            (q.open, q.open),
            q.content,
            StatementKind::Direct,
            "direct",
            confidence,
            false,
            (q.open, q.close + 1),
        );
    }

    /// Does a speech cue before token `open` (in the sentence from `s0`) take a reported clause
    /// that runs into the quote (`said the deal was "a model"`)? A cue right before the quote
    /// (`said: "..."`, `said that "..."`) introduces it and does not count.
    pub(super) fn inside_reported(&self, open: usize, s0: usize) -> bool {
        let ctx = self.ctx;
        (s0..open).any(|c| {
            ctx.tok_quote[c].is_none()
                // a noun use ("the report that ...", "reports surfaced indicating") is no
                // reporting verb
                && ctx.noun(c) != Some(NounKind::Report)
                && !(c > s0
                    && (ctx.toks[c - 1].possessive
                        || matches!(
                            ctx.toks[c - 1].lower.as_str(),
                            "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our"
                        )))
                // a comma closes the reported clause ("After X said ..., Y told ...")
                && !(c..open).any(|x| ctx.toks[x].lower == "," && ctx.tok_quote[x].is_none())
                && ctx.cue_at(c).is_some_and(|(n, cue)| {
                    cue.class != CueClass::According
                        && !is_naming_lemma(&cue.lemma)
                        && !is_aspect(ctx, c, n, &cue.lemma)
                        && (c + n..open).any(|x| {
                            !ctx.toks[x].punct && ctx.toks[x].lower != "that"
                        })
                        // a cue in an earlier clause closed by a quote is not this quote's
                        && (c + n..open).all(|x| ctx.tok_quote[x].is_none() && !is_close_mark(ctx, x))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn direct_quote_then_attribution() {
        let v = stmts(
            "\u{201C}We will not sign this deal,\u{201D} Ruiz said.",
            PEOPLE,
        );
        let s = one(&v, "We will not sign");
        assert_eq!(s.speaker, Some(0));
        assert_eq!(s.kind, StatementKind::Direct);
        assert_eq!(s.content, "We will not sign this deal");
        assert_eq!(s.cue, "said");
        // near miss: a quoted title with no cue is not a statement
        assert!(stmts("\"The Long Night\" opened in Lima.", PEOPLE).is_empty());
    }

    #[test]
    fn inverted_and_straight_quotes() {
        let v = stmts("\"Talks are over for now,\" said Tomas Berg.", PEOPLE);
        assert_eq!(one(&v, "Talks are over").speaker, Some(1));
        let v = stmts("\"Talks are over for now,\" said the minister.", PEOPLE);
        assert_eq!(one(&v, "Talks are over").speaker, None);
        assert_eq!(
            one(&v, "Talks are over").speaker_text.as_deref(),
            Some("the minister")
        );
    }

    #[test]
    fn attribution_then_quote_colon_and_dash() {
        let v = stmts("Ruiz said: \"Chile will respond.\"", PEOPLE);
        assert_eq!(one(&v, "Chile will respond").speaker, Some(0));
        assert_eq!(one(&v, "Chile will respond").about, vec![2]);
        let v = stmts(
            "Berg added \u{2014} \u{201C}nobody wants this war.\u{201D}",
            PEOPLE,
        );
        assert_eq!(one(&v, "nobody wants").speaker, Some(1));
        // near miss: the quote after a non-speech verb is not attributed
        let v = stmts(
            "Berg wrote a book called \"Lima nights\" last year.",
            PEOPLE,
        );
        assert!(
            v.iter()
                .all(|s| s.kind != StatementKind::Direct || s.speaker.is_some())
        );
    }

    #[test]
    fn multi_paragraph_quote_and_continuation() {
        let t = "\"The border stays closed,\" Ruiz said. \"We will review it in spring.\"\n\"First we need guarantees.\nThen we talk.\"";
        let v = stmts(t, PEOPLE);
        assert_eq!(one(&v, "review it in spring").speaker, Some(0));
        // near miss: a quote after an unrelated sentence does not inherit the speaker
        let t2 = "\"The border stays closed,\" Ruiz said. The weather was bad. \"We will review it in spring.\"";
        let v2 = stmts(t2, PEOPLE);
        assert!(v2.iter().all(|s| !s.content.contains("review it")));
    }

    #[test]
    fn quotes_of_a_paragraph_are_not_merged_across_speakers() {
        // a partial quote inside another speaker's reported statement stays there
        let t = "\"Nobody lost face today,\" Ruiz said. Berg said the talks proved that \"old rivals can still share a table\".";
        let v = stmts(t, PEOPLE);
        assert_eq!(
            one(&v, "Nobody lost face").content,
            "Nobody lost face today"
        );
        let b = one(&v, "old rivals");
        assert_eq!(b.speaker, Some(1));
        assert!(
            v.iter()
                .all(|s| !(s.speaker == Some(0) && s.content.contains("old rivals"))),
            "{v:#?}"
        );
        // near miss: a quote with no attribution of its own goes on with Ruiz
        let t = "\"Nobody lost face today,\" Ruiz said. \"The hard part starts next week.\"";
        let v = stmts(t, PEOPLE);
        assert_eq!(one(&v, "hard part").speaker, Some(0));
    }

    #[test]
    fn quotes_around_a_mid_attribution_are_two_statements() {
        // two full sentences around the attribution: two rows, each a complete quote
        let t = "\"The border stays closed,\" Ruiz said. \"We will review it in spring.\"";
        let v = stmts(t, PEOPLE);
        assert_eq!(v.len(), 2, "{v:#?}");
        assert_eq!(one(&v, "border").content, "The border stays closed");
        assert_eq!(one(&v, "review").content, "We will review it in spring.");
        assert!(v.iter().all(|s| s.speaker == Some(0)));
        // attitude mode keeps the PolNeAR convention: one content for the paragraph
        let v = run_attitudes(&doc(t, PEOPLE)).0;
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(v[0].content.contains("border") && v[0].content.contains("review"));
        // near miss: a sentence split by the attribution is one statement, its parts joined
        let t = "\"The border stays closed,\" Ruiz said, \"until the spring review is over.\"";
        let v = stmts(t, PEOPLE);
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(
            v[0].content,
            "The border stays closed \u{2026} until the spring review is over."
        );
    }

    #[test]
    fn partial_quote_in_reported_speech_is_not_the_next_clause_speakers() {
        let t = "Berg said the accord was \"a fair bargain for everyone\", and a Chilean negotiator said the text was final.";
        let v = stmts(t, PEOPLE);
        assert!(
            v.iter().all(|s| !(s.content.contains("fair bargain")
                && s.speaker_text.as_deref() == Some("a Chilean negotiator"))),
            "{v:#?}"
        );
        assert_eq!(one(&v, "fair bargain").speaker, Some(1));
        // near miss: a quote that opens the sentence is attributed by the cue after it
        let v = stmts(
            "\"A fair bargain for everyone,\" a Chilean negotiator said.",
            PEOPLE,
        );
        assert_eq!(
            one(&v, "fair bargain").speaker_text.as_deref(),
            Some("a Chilean negotiator")
        );
    }

    #[test]
    fn scare_quotes_are_not_statements_unless_named_by_a_speaker() {
        let v = stmts("The \"peace plan\" was discussed in Lima.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
        let v = stmts(
            "Berg called the proposal \"pure theatre\" on Monday.",
            PEOPLE,
        );
        let s = one(&v, "pure theatre");
        assert_eq!(s.speaker, Some(1));
        assert_eq!(s.kind, StatementKind::Direct);
        assert_eq!(s.content, "pure theatre");
    }

    #[test]
    fn testimonial_dash_and_headline_colon_quotes() {
        let v = stmts(
            "\u{201C}The lines were far too long this year.\u{201D} \u{2015} Ana Ruiz, Lima",
            PEOPLE,
        );
        assert_eq!(one(&v, "lines were far too long").speaker, Some(0));
        let v = stmts(
            "Tomas Berg Warns Chile: \u{2018}The Border Stays Closed.\u{2019}\n",
            PEOPLE,
        );
        assert_eq!(one(&v, "Border Stays Closed").speaker, Some(1));
        // near misses: a dash before a lower-case aside, a colon after a common noun
        let v = stmts(
            "\u{201C}The lines were far too long this year.\u{201D} \u{2014} and nobody cared.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:?}");
        let v = stmts("The verdict: \u{201C}guilty on all counts.\u{201D}", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn mixed_quote_takes_its_clause() {
        let v = stmts(
            "However sensible the aim, raising the port tax \"is the wrong tool,\" Ruiz said.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(v[0].content.starts_with("However sensible"), "{v:#?}");
        assert!(v[0].rule.starts_with("direct.after.mixed"), "{v:#?}");
        assert_eq!(v[0].speaker, Some(0));
        // near miss: a quote that opens the sentence keeps its own words only
        assert_eq!(
            content_of("\"It is the wrong tool,\" Ruiz said.", "wrong tool"),
            "It is the wrong tool"
        );
        // near miss: words before a colon introduce the quote, they are not part of it
        let v = stmts(
            "Ruiz was blunt about the tax: \"It is the wrong tool,\" she said.",
            PEOPLE,
        );
        assert!(!one(&v, "wrong tool").content.contains("blunt"), "{v:#?}");
    }

    #[test]
    fn a_question_quote_takes_the_attribution_of_the_next_sentence() {
        let v = stmts("\u{201c}Why must we wait?\u{201d} Ruiz asked.", PEOPLE);
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(
            (v[0].speaker, v[0].content.as_str()),
            (Some(0), "Why must we wait?")
        );
        // a long attribution whose cue takes no clause: "said of ..."
        let v = stmts(
            "\u{201c}Who do they think they are?\u{201d} Ruiz said of the harbour board in May, \
             when the board refused to publish the catch figures for the second year running.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(
            (v[0].speaker, v[0].content.as_str()),
            (Some(0), "Who do they think they are?")
        );
        // ... also after the addressee of "told"
        let v = stmts(
            "\u{201c}Who knows?\u{201d} Berg told the Daily Courier in an interview aired on \
             Monday when asked how the talks with the fishing fleet would end.",
            PEOPLE,
        );
        assert_eq!(one(&v, "Who knows?").speaker, Some(1), "{v:#?}");
        // near misses: a long next sentence is no attribution, nor one with its own content
        let v = stmts(
            "\u{201c}Why?\u{201d} The crowd fell silent after that and the mayor left the hall.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:#?}");
        let v = stmts(
            "\u{201c}Why?\u{201d} Berg said the port would stay closed until the board had \
             published the catch figures for the second year running.",
            PEOPLE,
        );
        assert!(v.iter().all(|s| s.content != "Why?"), "{v:#?}");
    }

    #[test]
    fn an_addressee_closed_by_a_comma_before_a_quote() {
        let v = stmts(
            "Berg told his radio audience on Monday, \"The port is closed.\"",
            PEOPLE,
        );
        let st = one(&v, "port is closed");
        assert_eq!((st.speaker, st.cue.as_str()), (Some(1), "told"));
        assert_eq!(st.content, "The port is closed.");
    }

    #[test]
    fn boasts_and_mixed_quotation_marks() {
        let v = stmts("Ruiz boasted, \u{201c}That makes me smart.\u{201d}", PEOPLE);
        assert_eq!(one(&v, "makes me smart").speaker, Some(0));
        let v = stmts("\u{201c}Deals are no requirement,\" Berg said.", PEOPLE);
        assert_eq!(one(&v, "no requirement").speaker, Some(1));
        // near miss: a snapped branch says nothing
        let v = stmts("The branch snapped under the snow.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
    }

    #[test]
    fn a_short_quote_opening_a_clause_belongs_to_the_clause() {
        let v = stmts(
            "Berg said \"budget reforms\" and unpaid taxes would pay for the port.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(v[0].content.ends_with("would pay for the port"), "{v:#?}");
        // near miss: a full quoted sentence after the cue is the direct quote
        let v = stmts("Berg said: \"The port is closed.\"", PEOPLE);
        assert_eq!(one(&v, "port is closed").kind, StatementKind::Direct);
    }

    #[test]
    fn a_participle_before_a_quote_is_not_inverted() {
        let v = stmts(
            "Ruiz had choice words for the panel, telling Berg that \"the port is not for sale.\"",
            PEOPLE,
        );
        assert_eq!(one(&v, "not for sale").speaker, Some(0), "{v:#?}");
        // near miss: an inverted cue before a quote
        let v = stmts("Said Berg: \"The port is closed.\"", PEOPLE);
        assert_eq!(one(&v, "port is closed").speaker, Some(1));
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
    fn a_quote_followed_by_according_to_a_source() {
        let v = stmts(
            "\"The port will close in May,\" according to the Daily Courier.",
            PEOPLE,
        );
        let s = one(&v, "port will close");
        assert_eq!(s.speaker, Some(3));
        assert_eq!(s.kind, StatementKind::Direct);
        assert!(s.rule.starts_with("direct.according"), "{v:#?}");
        // near miss: "according to plan" credits no one
        let v = stmts("\"The port will close in May,\" according to plan.", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
    }

    #[test]
    fn a_quote_after_a_sentence_ending_in_a_colon_takes_its_speaker() {
        let v = stmts(
            "Ruiz said on Monday:\n\n\"We will reopen the port in May.\"",
            PEOPLE,
        );
        let s = one(&v, "reopen the port");
        assert_eq!(s.speaker, Some(0));
        assert!(s.rule.starts_with("direct.colon"), "{v:#?}");
        // near miss: a sentence ending in a colon with no cue attributes nothing
        let v = stmts(
            "The sign on the gate was short:\n\n\"No fishing until May.\"",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:#?}");
    }

    #[test]
    fn a_headline_name_before_a_colon_speaks_the_quote() {
        let v = stmts(
            "Tomas Berg Unplugged: \u{201C}The Border Stays Closed.\u{201D}\n",
            PEOPLE,
        );
        let s = one(&v, "Border Stays Closed");
        assert_eq!(s.speaker, Some(1));
        assert!(s.rule.starts_with("direct.colon-headline"), "{v:#?}");
        // near miss: words between the colon and the quote
        let v = stmts(
            "Tomas Berg Unplugged: Border Talk and \u{201C}Closed Gates\u{201D}\n",
            PEOPLE,
        );
        assert!(
            v.iter()
                .all(|s| !s.rule.starts_with("direct.colon-headline")),
            "{v:#?}"
        );
    }
}

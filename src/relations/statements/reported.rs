//! Reported speech after a verb cue: "X said (that) ...", "X told reporters ...", "..., X said",
//! "Too often, X said, the debate is ...". [`Builder::verb`] first drops cues that are no speech
//! here (nouns, passives, aspect), finds the speaker, then takes the content after the cue, else
//! the content before it.

use super::content::{
    content_end, looks_like_clause, object_end, skip_circumstance, skip_time, subordinate_close,
    trim_content,
};
use super::lexicon::{
    is_evaluation_lemma, is_evidence_lemma, is_naming_lemma, is_speech_lemma, needs_clause,
    needs_that, takes_object,
};
use super::lines::is_headline;
use super::noun_use::{determiner_before_cue, is_aspect, noun_use};
use super::{Builder, about, is_open_mark, word_count};
use crate::model::{EntityType, Span, StatementKind};
use crate::relations::speakers::{self, Speaker, right_np, skip_adverbials_back};
use crate::relations::{Ctx, Cue, CueClass};

/// A verb cue at `c` (`n` tokens) in the sentence `s0..s1`.
#[derive(Clone, Copy)]
struct VerbCue<'l> {
    c: usize,
    n: usize,
    lemma: &'l str,
    class: CueClass,
    /// From the derived attitude list (takes a bare name as its object: "endorsed Lee").
    derived: bool,
    s0: usize,
    s1: usize,
}

/// The speaker of a verb cue and the sources it stands for.
struct Speakers {
    speaker: Speaker,
    /// The speaker follows the cue ("said X").
    inverted: bool,
    /// Where the speaker phrase starts (or ends, when inverted).
    edge: usize,
    /// One speaker per named source of a coordinated subject, else the speaker.
    sources: Vec<Speaker>,
    /// A report-class cue: REPORTED edges for organizations.
    reported: bool,
}

/// What follows a cue (its object skipped) before any word: nothing ("said Friday afternoon,
/// as ..."), an aside before a that-clause ("insisted, most recently in an interview, that
/// ..."), or words.
enum AfterCue {
    Words,
    Nothing,
    /// The content starts at this token, after the aside.
    ThatAfterAside(usize),
}

/// Passive voice ("was rejected by X") is not X speaking.
fn passive_cue(ctx: &Ctx, c: usize, s0: usize) -> bool {
    let k = skip_adverbials_back(ctx, c, s0);
    crate::relations::is_past_participle(&ctx.toks[c].lower)
        && (k..c).any(|x| {
            matches!(
                ctx.toks[x].lower.as_str(),
                "was" | "were" | "been" | "being" | "is" | "are" | "be"
            )
        })
}

/// "Chilean and Peruvian claims to the reef": a third-person singular form after a coordinated
/// subject is a plural noun, not the verb.
fn plural_noun_after_coordinated_names(ctx: &Ctx, v: &VerbCue, sources: usize) -> bool {
    if sources <= 1 || v.n != 1 {
        return false;
    }
    let w = ctx.toks[v.c].lower.as_str();
    w != v.lemma && (w == format!("{}s", v.lemma) || w == format!("{}es", v.lemma))
}

/// "told reporters that", "warned the minister that": the addressee after a cue that takes a
/// person object (from `a`, the token after the cue).
fn skip_addressee(ctx: &Ctx, a: usize, s1: usize) -> usize {
    if a < s1
        && matches!(
            ctx.toks[a].lower.as_str(),
            "him" | "her" | "them" | "us" | "me" | "it" | "reporters" | "journalists"
        )
    {
        return a + 1;
    }
    match right_np(ctx, a, s1) {
        Some((_, b)) => b,
        None => a,
    }
}

/// "told one of his aides on a regular basis that ...": the that-clause after a longer object
/// (no clause, quote or comma between).
fn that_after_long_object(ctx: &Ctx, a: usize, s1: usize) -> usize {
    if a >= s1 || ctx.toks[a].lower == "that" {
        return a;
    }
    let Some(th) = (a..(a + 10).min(s1)).find(|&k| ctx.toks[k].lower == "that") else {
        return a;
    };
    let plain_object = (a..th).all(|k| {
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
    });
    if plain_object { th } else { a }
}

/// What follows the cue's object at `a` (after time words): see [`AfterCue`].
fn after_cue(ctx: &Ctx, a: usize, s1: usize) -> AfterCue {
    let t = skip_time(ctx, a, s1);
    if !(t < s1 && matches!(ctx.toks[t].lower.as_str(), "," | "." | "(" | ";")) {
        return AfterCue::Words;
    }
    if ctx.toks[t].lower == ","
        && let Some(th) = (t + 1..(t + 16).min(s1))
            .find(|&x| ctx.toks[x].lower == "that" && ctx.toks[x - 1].lower == ",")
    {
        return AfterCue::ThatAfterAside(th + 1);
    }
    AfterCue::Nothing
}

/// "said separately that", "said afterwards that": adverbs before the that-clause.
fn adverb_before_that(ctx: &Ctx, a: usize, s1: usize) -> usize {
    match (a..(a + 3).min(s1)).find(|&x| ctx.toks[x].lower == "that") {
        Some(th)
            if (a..th).all(|x| {
                !ctx.toks[x].punct
                    && (speakers::is_adverbial(&ctx.toks[x].lower)
                        || matches!(ctx.toks[x].lower.as_str(), "afterwards" | "afterward"))
            }) =>
        {
            th
        }
        _ => a,
    }
}

/// "said at a rally this month that ...": a leading phrase needs a "that" after it, else there
/// is no content after the cue.
fn leading_phrase_needs_that(ctx: &Ctx, v: &VerbCue, a: usize) -> usize {
    let s1 = v.s1;
    if a < s1
        && matches!(
            ctx.toks[a].lower.as_str(),
            "at" | "in" | "on" | "during" | "after" | "before" | "while" | "with"
        )
        && !(takes_object(v.lemma) && ctx.toks[a].lower == "to")
    {
        return (a..(a + 12).min(s1))
            .find(|&k| ctx.toks[k].lower == "that")
            .unwrap_or(s1);
    }
    a
}

/// "spoke to a gathering of donors": the addressee of "speak"/"talk" is not content; the topic
/// may follow ("spoke to reporters about X"), a comma or the sentence end means none.
fn addressee_of_speak_is_not_content(ctx: &Ctx, v: &VerbCue, a: usize) -> usize {
    let s1 = v.s1;
    if !(matches!(v.lemma, "speak" | "talk")
        && a + 1 < s1
        && matches!(ctx.toks[a].lower.as_str(), "to" | "with")
        && !ctx.toks[a + 1].punct)
    {
        return a;
    }
    let stop = (a + 1..s1)
        .find(|&k| {
            (ctx.toks[k].punct && ctx.tok_quote[k].is_none()) || ctx.toks[k].lower == "about"
        })
        .unwrap_or(s1);
    if stop < s1 && ctx.toks[stop].lower == "about" {
        stop
    } else {
        s1
    }
}

/// "spoke out on Tuesday about X", "spoke of X": the topic after the preposition is the content.
fn topic_after_about(ctx: &Ctx, v: &VerbCue, a: usize) -> usize {
    let s1 = v.s1;
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
        && !is_naming_lemma(v.lemma)
    {
        return k + 1;
    }
    a
}

/// Where the content after the cue starts: after the addressee, the time and place of the
/// saying and adverbs, at the that-clause, or at the sentence end when none follows.
fn content_start_after_cue(ctx: &Ctx, v: &VerbCue) -> usize {
    let s1 = v.s1;
    let mut a = v.c + v.n;
    if takes_object(v.lemma) && v.n == 1 && v.class != CueClass::Ask {
        a = skip_addressee(ctx, a, s1);
        a = that_after_long_object(ctx, a, s1);
    }
    let after = after_cue(ctx, a, s1);
    // "on Tuesday", "in a statement" before the content
    a = skip_time(ctx, skip_circumstance(ctx, a, s1), s1);
    a = adverb_before_that(ctx, a, s1);
    match after {
        AfterCue::Words => {}
        AfterCue::Nothing => a = s1,
        AfterCue::ThatAfterAside(x) => a = x,
    }
    a = leading_phrase_needs_that(ctx, v, a);
    a = addressee_of_speak_is_not_content(ctx, v, a);
    topic_after_about(ctx, v, a)
}

/// The content after the cue, from `a`: to the content end, the comma that closes an opening
/// subordinate clause ("While Ruiz praised the plan, Berg ..."), or, for the object of a
/// non-speech cue ("praised the plan", "refused to comment"), before a comma, a new verb or a
/// subordinate clause.
fn content_after_cue(ctx: &Ctx, v: &VerbCue, a: usize) -> (usize, usize) {
    let end = content_end(ctx, a, v.s1);
    let (ca, mut cb) = trim_content(ctx, a, end);
    if let Some(close) = subordinate_close(ctx, v.s0, v.c, ca, cb) {
        cb = trim_content(ctx, ca, close).1;
    }
    if !is_speech_lemma(v.lemma)
        && ca < cb
        && !matches!(ctx.toks[ca].lower.as_str(), "that" | ":" | "whether" | "if")
        && !is_open_mark(ctx, ca)
    {
        let e = object_end(ctx, ca, cb);
        if e < cb && !looks_like_clause(ctx, ca, e) {
            cb = trim_content(ctx, ca, e).1;
        }
    }
    (ca, cb)
}

/// Does the content start at `a` with "that" or a colon (or, with `question`, "whether"/"if")?
fn that_or_colon_at(ctx: &Ctx, a: usize, s1: usize, question: bool) -> bool {
    a < s1
        && match ctx.toks[a].lower.as_str() {
            "that" | ":" => true,
            "whether" | "if" => question,
            _ => false,
        }
}

/// Does the cue take the content `ca..cb` (starting at `a`) as speech? Most cues take a clause
/// or a noun phrase ("confirmed the meeting"); a few ambiguous verbs, and a non-speech cue of
/// an unlisted common-noun subject ("the poll shows"), need a clause; a negated cue ("has not
/// commented publicly") and, in speech mode, an evaluation of a thing ("criticized the
/// decision") report no content unless a clause follows.
fn cue_takes_content(
    ctx: &Ctx,
    v: &VerbCue,
    speaker: &Speaker,
    a: usize,
    ca: usize,
    cb: usize,
) -> bool {
    let s1 = v.s1;
    let weak_subject = speaker.rule == "unnamed.lenient" && !is_speech_lemma(v.lemma);
    let clause_ok = (!needs_clause(v.lemma) && !weak_subject)
        || that_or_colon_at(ctx, a, s1, true)
        || looks_like_clause(ctx, ca, cb);
    let negated = (skip_adverbials_back(ctx, v.c, v.s0)..v.c)
        .any(|x| matches!(ctx.toks[x].lower.as_str(), "not" | "never"))
        || (v.c > v.s0 && matches!(ctx.toks[v.c - 1].lower.as_str(), "not" | "never"));
    let evaluation = !ctx.lex.attitudes && is_evaluation_lemma(v.lemma);
    clause_ok
        && (!(negated || evaluation)
            || that_or_colon_at(ctx, a, s1, false)
            || looks_like_clause(ctx, ca, cb))
}

/// Speech mode: agreeing, accepting, planning on or to a thing is an act, not speech; only
/// "agreed that ..." reports what was said.
fn that_needed_and_missing(ctx: &Ctx, v: &VerbCue, a: usize) -> bool {
    !(ctx.lex.attitudes || !needs_that(v.lemma) || that_or_colon_at(ctx, a, v.s1, false))
}

/// "asked not to be named": a request for anonymity.
fn anonymity_request(ctx: &Ctx, ca: usize, cb: usize) -> bool {
    cb > ca + 3
        && ctx.toks[ca].lower == "not"
        && ctx.toks[ca + 1].lower == "to"
        && ctx.toks[ca + 2].lower == "be"
        && matches!(
            ctx.toks[ca + 3].lower.as_str(),
            "named" | "identified" | "quoted"
        )
}

/// A byline: "X reported from Kabul, and Y from Doha" says where, not what.
fn byline(ctx: &Ctx, v: &VerbCue, ca: usize, cb: usize) -> bool {
    v.class == CueClass::Report
        && ca + 1 < cb
        && matches!(ctx.toks[ca].lower.as_str(), "from" | "in" | "at")
        && ctx.toks[ca + 1].cap
}

/// An attitude cue of the derived list takes a bare name ("endorsed Lee"), not a place.
fn named_object(ctx: &Ctx, v: &VerbCue, ca: usize, words: usize) -> bool {
    v.derived
        && words == 1
        && ctx.tok_mention[ca]
            .and_then(|m| ctx.mentions[m].entity)
            .is_some_and(|e| ctx.etype(e) != EntityType::Location)
}

/// Where the rest of the sentence starts after the attribution (its time words skipped), past
/// a short place or time phrase that closes the sentence ("..., X told reporters at the
/// airport.", "..., X said after the meeting.").
fn rest_after_attribution(ctx: &Ctx, v: &VerbCue, who: &Speakers) -> usize {
    let s1 = v.s1;
    let from = if who.inverted { who.edge } else { v.c + v.n };
    let rest = skip_time(ctx, from, s1);
    if rest < s1
        && matches!(
            ctx.toks[rest].lower.as_str(),
            "at" | "in" | "on" | "after" | "before" | "during" | "outside" | "from"
        )
    {
        let end = (rest..s1).find(|&k| ctx.toks[k].punct).unwrap_or(s1);
        if end - rest <= 6
            && (end..s1).all(|k| ctx.toks[k].punct && ctx.tok_quote[k].is_none())
            && (rest..end).all(|k| ctx.toks[k].lower != "that")
        {
            return end;
        }
    }
    rest
}

/// The comma-side edge of the attribution: the cue when inverted ("..., said X"), else the
/// start of the speaker ("..., X said").
fn attribution_edge(v: &VerbCue, who: &Speakers) -> usize {
    if who.inverted { v.c } else { who.edge }
}

/// Words that open a new clause after "..., X said," (the sentence does not go on).
fn opens_new_clause(ctx: &Ctx, k: usize) -> bool {
    let next = &ctx.toks[k].lower;
    matches!(
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
    ) || (next.ends_with("ing") && ctx.cue_at(k).is_some())
}

/// The two parts of a sentence around a parenthetical attribution ("Too often, X said, the
/// debate is ..."): the words before the attribution and the rest after it, when the first is
/// not quoted, the second has three words, and neither an apposition (", said Ann Lee, a former
/// adviser") nor a new clause (", X said, adding that ...") follows.
fn parenthetical_parts(
    ctx: &Ctx,
    v: &VerbCue,
    who: &Speakers,
    rest: usize,
) -> Option<((usize, usize), (usize, usize))> {
    let (s0, s1) = (v.s0, v.s1);
    let comma = attribution_edge(v, who);
    let framed = rest + 1 < s1
        && ctx.toks[rest].lower == ","
        && comma > s0 + 1
        && ctx.toks[comma - 1].lower == ","
        && !is_open_mark(ctx, rest + 1)
        && !(who.inverted
            && (speakers::is_determiner(&ctx.toks[rest + 1].lower) || ctx.toks[rest + 1].cap));
    if !framed {
        return None;
    }
    let (pa, pb) = trim_content(ctx, s0, comma - 1);
    let (qa, qb) = trim_content(ctx, rest + 1, s1);
    // (the attribution and the words before it outside quotation marks: a quoted first part
    // is the direct rule's; a quote may go on in the second part)
    let quoted = ctx.tok_quote[v.c].is_some() || (pa..pb).any(|k| ctx.tok_quote[k].is_some());
    let ok = word_count(ctx, pa, pb) >= 1
        && word_count(ctx, qa, qb) >= 3
        && !quoted
        && !opens_new_clause(ctx, rest + 1);
    ok.then_some(((pa, pb), (qa, qb)))
}

impl Builder<'_, '_> {
    /// A verb cue at `c` (`n` tokens) in the sentence `s0..s1`: the cue's gates, its speaker,
    /// then the content after the cue, else a parenthetical or trailing attribution.
    pub(super) fn verb(&mut self, c: usize, n: usize, cue: &Cue, s0: usize, s1: usize) {
        let ctx = self.ctx;
        let v = VerbCue {
            c,
            n,
            lemma: cue.lemma.as_str(),
            class: cue.class,
            derived: cue.derived,
            s0,
            s1,
        };
        if determiner_before_cue(ctx, c, s0)
            || passive_cue(ctx, c, s0)
            || is_aspect(ctx, c, n, v.lemma)
        {
            return;
        }
        let Some(who) = self.speakers_of_verb(&v) else {
            return;
        };
        if !who.inverted && self.said_that_content(&v, &who) {
            return;
        }
        let rest = rest_after_attribution(ctx, &v, &who);
        if self.parenthetical_attribution(&v, &who, rest) {
            return;
        }
        self.content_then_attribution(&v, &who, rest);
    }

    /// The speaker of the verb cue and the named sources it stands for ("Yonhap and Kyodo
    /// reported": one per source); `None` when the cue is no one's speech here.
    fn speakers_of_verb(&mut self, v: &VerbCue) -> Option<Speakers> {
        let ctx = self.ctx;
        let (c, n, s0, s1) = (v.c, v.n, v.s0, v.s1);
        self.state.lenient = is_speech_lemma(v.lemma) || v.class == CueClass::Report;
        let found = self.verb_speaker(c, n, s0, s1);
        self.state.lenient = false;
        let (speaker, inverted, edge) = found?;
        if !inverted && noun_use(ctx, edge, c, n, v.lemma) {
            return None;
        }
        if self.cue_inside_reported_clause(v, inverted)
            || thing_as_evidence_source(ctx, v, &speaker)
        {
            return None;
        }
        let sources = if inverted {
            vec![speaker.clone()]
        } else {
            self.coordinated(edge, skip_adverbials_back(ctx, c, s0))
                .unwrap_or_else(|| vec![speaker.clone()])
        };
        if plural_noun_after_coordinated_names(ctx, v, sources.len()) {
            return None;
        }
        Some(Speakers {
            speaker,
            inverted,
            edge,
            sources,
            reported: v.class == CueClass::Report,
        })
    }

    /// Speech mode: a cue inside another speaker's reported clause (`X said Seoul hoped the
    /// talks ...`) is part of X's statement, not a statement of its own.
    fn cue_inside_reported_clause(&self, v: &VerbCue, inverted: bool) -> bool {
        let ctx = self.ctx;
        let content_after = {
            let t = skip_time(ctx, v.c + v.n, v.s1);
            t < v.s1 && !ctx.toks[t].punct
        };
        !ctx.lex.attitudes && !inverted && content_after && self.inside_reported(v.c, v.s0)
    }

    /// "X said (that) ...", "X told reporters ...", "X confirmed the meeting": the content
    /// after the cue. True when the cue is settled (a statement pushed, or no speech).
    fn said_that_content(&mut self, v: &VerbCue, who: &Speakers) -> bool {
        let ctx = self.ctx;
        let a = content_start_after_cue(ctx, v);
        let (ca, cb) = content_after_cue(ctx, v, a);
        let clause_ok = cue_takes_content(ctx, v, &who.speaker, a, ca, cb);
        let missing_that = that_needed_and_missing(ctx, v, a);
        if anonymity_request(ctx, ca, cb) || byline(ctx, v, ca, cb) {
            return true;
        }
        let words = word_count(ctx, ca, cb);
        let taken = (words >= 2 || named_object(ctx, v, ca, words))
            && v.class != CueClass::Decline
            && clause_ok
            && !missing_that;
        if !taken {
            return missing_that;
        }
        let content = ctx.span(ca, cb);
        let rule = if who.speaker.report_noun {
            "indirect.report"
        } else {
            "indirect.verb"
        };
        for sp in &who.sources {
            self.push(
                Some(sp),
                (v.c, v.c + v.n),
                content,
                StatementKind::Indirect,
                rule,
                0.75,
                who.reported,
                (v.s0, v.s1),
            );
        }
        true
    }

    /// "Too often, X said, the debate is ...": the content is the sentence around the
    /// attribution (text: the two parts joined with an ellipsis, span: their hull; about: what
    /// the two parts talk about, not the attribution between them).
    fn parenthetical_attribution(&mut self, v: &VerbCue, who: &Speakers, rest: usize) -> bool {
        let ctx = self.ctx;
        let Some(((pa, pb), (qa, qb))) = parenthetical_parts(ctx, v, who, rest) else {
            return false;
        };
        let hull = Span::new(ctx.toks[pa].span.start, ctx.toks[qb - 1].span.end);
        let text = format!(
            "{} \u{2026} {}",
            ctx.span(pa, pb).slice(ctx.text),
            ctx.span(qa, qb).slice(ctx.text)
        );
        for sp in &who.sources {
            self.push(
                Some(sp),
                (v.c, v.c + v.n),
                hull,
                StatementKind::Indirect,
                "indirect.parenthetical",
                0.7,
                who.reported,
                (v.s0, v.s1),
            );
            if let Some(last) = self.out.last_mut() {
                let st = &mut last.statement;
                st.content = text.clone();
                let mut ab = about(ctx, ctx.span(pa, pb), st.speaker);
                for e in about(ctx, ctx.span(qa, qb), st.speaker) {
                    if !ab.contains(&e) {
                        ab.push(e);
                    }
                }
                st.about = ab;
            }
        }
        true
    }

    /// "CONTENT, X said." / "CONTENT, said X.": the words before the attribution's comma, when
    /// nothing but punctuation follows the attribution (not a quote: `X said, "..."` is the
    /// quote's), and not a headline's reaction ("..., Hanoi protests" reports a reaction to the
    /// event before it: only speech verbs or a clause before them count). A partial quote
    /// followed by more words ("''quoted'' of the plan, X said") is a direct statement.
    fn content_then_attribution(&mut self, v: &VerbCue, who: &Speakers, rest: usize) {
        let ctx = self.ctx;
        let (s0, s1) = (v.s0, v.s1);
        if rest < s1 && !ctx.toks[rest].punct {
            return;
        }
        let mut q = rest;
        while q < s1 && matches!(ctx.toks[q].lower.as_str(), "," | ":") {
            q += 1;
        }
        if q < s1 && is_open_mark(ctx, q) {
            return;
        }
        let comma = attribution_edge(v, who);
        if comma <= s0 + 1 || ctx.toks[comma - 1].lower != "," {
            return;
        }
        let (ca, cb) = trim_content(ctx, s0, comma - 1);
        if word_count(ctx, ca, cb) < 3 {
            return;
        }
        if is_headline(ctx, ctx.toks[v.c].sent)
            && !is_speech_lemma(v.lemma)
            && !looks_like_clause(ctx, ca, cb)
        {
            return;
        }
        let kind = if is_open_mark(ctx, ca) {
            StatementKind::Direct
        } else {
            StatementKind::Indirect
        };
        let content = ctx.span(ca, cb);
        for sp in &who.sources {
            self.push(
                Some(sp),
                (v.c, v.c + v.n),
                content,
                kind,
                "indirect.trailing",
                0.7,
                who.reported,
                (s0, s1),
            );
        }
    }
}

/// Speech mode: an unlisted common noun is not a source of an evidence verb ("the agreement
/// showed that", "the figures suggest"): only people and institutions speak.
fn thing_as_evidence_source(ctx: &Ctx, v: &VerbCue, speaker: &Speaker) -> bool {
    speaker.rule == "unnamed.lenient" && is_evidence_lemma(v.lemma) && !ctx.lex.attitudes
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

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

    #[test]
    fn a_derived_attitude_cue_takes_a_bare_name() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("Ruiz endorsed Berg.");
        let s = one(&v, "Berg");
        assert_eq!((s.speaker, s.content.as_str()), (Some(0), "Berg"));
        // near misses: a place is no bare-name object, and speech mode has no derived cues
        assert!(att("Ruiz endorsed Lima.").is_empty());
        assert!(stmts("Ruiz endorsed Berg.", PEOPLE).is_empty());
    }
}

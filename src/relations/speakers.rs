//! Speakers: the noun phrase that says something, found next to a cue, and resolved to an entity
//! (a named mention, a pronoun, or a nominal such as "the outlet") or kept unnamed.

use std::ops::ControlFlow;

use super::{Ctx, NounKind};
use crate::model::{EntityType, LocalRef, Span};

/// Words that may stand between a speaker and its cue ("has also repeatedly said").
pub fn is_adverbial(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "then"
            | "later"
            | "earlier"
            | "once"
            | "again"
            | "still"
            | "already"
            | "just"
            | "today"
            | "yesterday"
            | "separately"
            | "first"
            | "last"
            | "long"
            | "since"
            | "even"
            | "too"
            | "been"
            | "now"
            | "week"
            | "month"
            | "year"
            | "in"
            | "on"
    ) || crate::text::is_weekday(w)
        || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "family" | "italy" | "daily" | "ally"))
}

/// Is `w` a determiner (article, demonstrative, possessive, quantifier or small number)?
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "some"
            | "several"
            | "many"
            | "most"
            | "other"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "both"
            | "all"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "one"
            | "this"
            | "these"
            | "those"
            | "that"
            | "another"
            | "few"
            | "numerous"
            | "various"
    )
}

/// Is `w` a preposition that may join a source phrase ("officials at the ministry")?
fn is_prep(w: &str) -> bool {
    matches!(w, "of" | "for" | "at" | "from" | "in" | "with" | "to")
}

/// Capitalised words that open sentences or clauses without naming anyone.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "and"
            | "or"
            | "however"
            | "meanwhile"
            | "still"
            | "yet"
            | "so"
            | "then"
            | "now"
            | "also"
            | "in"
            | "on"
            | "at"
            | "after"
            | "before"
            | "while"
            | "when"
            | "as"
            | "if"
            | "because"
            | "since"
            | "although"
            | "though"
            | "where"
            | "whereas"
            | "with"
            | "by"
            | "for"
            | "from"
            | "of"
            | "to"
            | "that"
            | "which"
            | "who"
            | "what"
            | "it"
            | "there"
            | "this"
            | "these"
            | "those"
            | "earlier"
            | "later"
            | "separately"
            | "instead"
            | "indeed"
            | "moreover"
            | "furthermore"
            | "additionally"
            | "finally"
            | "first"
            | "despite"
            | "having"
            | "given"
            | "amid"
            | "following"
            | "according"
            | "not"
            | "even"
    )
}

/// Is `w` a subject pronoun ("he", "she", "they", ...)?
pub fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it" | "we" | "i")
}

/// Is `s` a quotation mark?
pub fn is_quote_mark(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201C}" | "\u{201D}" | "'" | "\u{2018}" | "\u{2019}"
    )
}

/// Skips adverbials and auxiliaries backwards from token `end` (exclusive); returns the new end.
pub fn skip_adverbials_back(ctx: &Ctx, end: usize, start: usize) -> usize {
    let mut k = end;
    let mut steps = 0;
    while k > start && steps < 4 {
        let t = &ctx.toks[k - 1];
        let weekday = t.cap && crate::text::is_weekday(&t.lower);
        if (!t.punct && !t.cap && is_adverbial(&t.lower)) || weekday {
            k -= 1;
            steps += 1;
        } else {
            break;
        }
    }
    // "on Tuesday" is skipped; a dangling "in"/"on" must not be
    while k < end && matches!(ctx.toks[k].lower.as_str(), "in" | "on") {
        k += 1;
    }
    k
}

/// Is token `i` a word that may belong to a source phrase?
fn np_word(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.toks[i];
    if ctx.tok_mention[i].is_some() {
        return true;
    }
    if t.punct {
        return t.lower == "-" || t.lower == "&" || t.lower == ".";
    }
    if t.cap || t.lower.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    ctx.noun(i).is_some() || ctx.lex.titles.contains_key(t.lower.as_str()) || t.lower.contains('-')
}

/// The source phrase ending right before token `end` (exclusive), not before `start`: a token
/// range, or `None`.
pub fn left_np(ctx: &Ctx, end: usize, start: usize) -> Option<(usize, usize)> {
    left_np_with(ctx, end, start, false)
}

/// Words that never belong to a lenient source phrase.
fn is_clause_word(w: &str) -> bool {
    is_function_word(w)
        || is_subject_pronoun(w)
        || is_adverbial(w)
        || matches!(
            w,
            "and"
                | "or"
                | "not"
                | "be"
                | "been"
                | "being"
                | "him"
                | "her"
                | "them"
                | "me"
                | "us"
                | "you"
                | "said"
                | "says"
                | "told"
                | "say"
                | "than"
                | "no"
                | "yes"
        )
        || w.ends_with("ed")
        || w.ends_with("ing")
}

/// [`left_np`]; `lenient` also accepts up to three unlisted lower-case words and numbers when the
/// phrase opens with a determiner, a number or a capitalised word ("the announcer", "another 19
/// percent").
pub fn left_np_with(ctx: &Ctx, end: usize, start: usize, lenient: bool) -> Option<(usize, usize)> {
    let mut i = end;
    let mut unknown = 0;
    while i > start && end - i < 16 {
        match left_np_step(ctx, i, start, end, lenient, &mut unknown) {
            Step::Go(k) => i = k,
            Step::Stop(k) => {
                i = k;
                break;
            }
        }
    }
    if unknown > 0 {
        // the phrase must open with a determiner, a number or a name
        let (a, _) = trim_np(ctx, i, end)?;
        let f = &ctx.toks[a];
        let opens = is_determiner(&f.lower)
            || f.cap
            || f.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
            || ctx.noun(a).is_some();
        if !opens {
            return None;
        }
    }
    trim_np(ctx, i, end)
}

/// One step of a phrase scan: go on from this token, or stop there.
enum Step {
    Go(usize),
    Stop(usize),
}

/// One step left of [`left_np_with`] over the token before `i`; `unknown` counts the unlisted
/// words taken so far.
fn left_np_step(
    ctx: &Ctx,
    i: usize,
    start: usize,
    end: usize,
    lenient: bool,
    unknown: &mut usize,
) -> Step {
    let t = &ctx.toks[i - 1];
    // a parenthesis inside the phrase: "Sen. Ann Lee (D-Ore.)"
    if t.lower == ")" && i < end + 1 {
        return match (i.saturating_sub(8).max(start)..i - 1)
            .rev()
            .find(|&k| ctx.toks[k].lower == "(")
        {
            Some(open) => Step::Go(open),
            None => Step::Stop(i),
        };
    }
    // "Citizenship and Immigration Services", "the Courier and the Gazette"
    if t.lower == "and"
        && i < end
        && i > start + 1
        && (ctx.toks[i].cap || (ctx.toks[i].lower == "the" && i + 1 < end && ctx.toks[i + 1].cap))
        && ctx.toks[i - 2].cap
        && !ctx.toks[i - 2].punct
    {
        return Step::Go(i - 1);
    }
    if np_word(ctx, i - 1) {
        if t.punct && i == end {
            return Step::Stop(i);
        }
        return Step::Go(i - 1);
    }
    if is_determiner(&t.lower) && i < end {
        return left_np_over_determiner(ctx, i - 1, start);
    }
    if is_prep(&t.lower) && i < end && i > start + 1 && np_word(ctx, i - 2) {
        return Step::Go(i - 1);
    }
    if is_quote_mark(&t.lower) && i < end && i > start + 1 && np_word(ctx, i - 2) {
        // a word in scare quotes inside the phrase (a "senior" source)
        return Step::Go(i - 1);
    }
    if lenient
        && *unknown < 3
        && !t.punct
        && !t.cap
        && !is_clause_word(&t.lower)
        && !is_prep(&t.lower)
    {
        *unknown += 1;
        return Step::Go(i - 1);
    }
    Step::Stop(i)
}

/// [`left_np_step`] at a determiner (token `i`): the phrase opens there unless it goes on over a
/// conjunction ("the Courier and the Gazette") or a preposition ("a spokesperson for the
/// ministry").
fn left_np_over_determiner(ctx: &Ctx, i: usize, start: usize) -> Step {
    if ctx.toks[i].lower == "the"
        && i > start + 1
        && ctx.toks[i - 1].lower == "and"
        && ctx.toks[i - 2].cap
        && !ctx.toks[i - 2].punct
    {
        return Step::Go(i);
    }
    if i > start + 1
        && is_prep(&ctx.toks[i - 1].lower)
        && np_word(ctx, i - 2)
        && !ctx.toks[i - 2].punct
    {
        return Step::Go(i - 1);
    }
    Step::Stop(i)
}

/// The source phrase starting at token `from`, not past `end`.
pub fn right_np(ctx: &Ctx, from: usize, end: usize) -> Option<(usize, usize)> {
    right_np_with(ctx, from, end, false)
}

/// [`right_np`]; `lenient` also accepts up to three unlisted lower-case words after a
/// determiner ("the fisheries agency").
pub fn right_np_with(ctx: &Ctx, from: usize, end: usize, lenient: bool) -> Option<(usize, usize)> {
    right_np_mode(ctx, from, end, lenient, true)
}

/// [`right_np_with`]; with `need_det` false the unlisted words need no determiner before them
/// (after "according to", whatever follows is a source: "according to federal statistics").
pub fn right_np_mode(
    ctx: &Ctx,
    from: usize,
    end: usize,
    lenient: bool,
    need_det: bool,
) -> Option<(usize, usize)> {
    let mut i = from;
    let mut unknown = 0;
    while i < end && i - from < 14 {
        let t = &ctx.toks[i];
        if lenient
            && unknown < 3
            && (i > from || !need_det)
            && plain_word(ctx, i)
            && (!need_det || is_determiner(&ctx.toks[from].lower))
        {
            unknown += 1;
            i += 1;
            continue;
        }
        if np_word(ctx, i) && !(t.punct && i == from) {
            i += 1;
            continue;
        }
        // (lenient: a determiner before unlisted words, "a shop owner")
        if (is_determiner(&t.lower) || is_quote_mark(&t.lower))
            && i + 1 < end
            && (np_word(ctx, i + 1)
                || (is_quote_mark(&ctx.toks[i + 1].lower) && i + 2 < end)
                || (lenient && unknown < 3 && is_determiner(&t.lower) && plain_word(ctx, i + 1)))
        {
            i += 1;
            continue;
        }
        match right_np_over_preposition(ctx, i, from, end, lenient && unknown < 3) {
            Some((k, took_unknown)) => {
                unknown += usize::from(took_unknown);
                i = k;
            }
            None => break,
        }
    }
    // do not end on a preposition, determiner or quote mark
    while i > from {
        let l = &ctx.toks[i - 1].lower;
        if is_prep(l) || is_determiner(l) || is_quote_mark(l) || l == "-" || l == "." {
            i -= 1;
        } else {
            break;
        }
    }
    trim_np(ctx, from, i)
}

/// An unlisted lower-case word: no punctuation, name, clause word, preposition or determiner.
fn plain_word(ctx: &Ctx, k: usize) -> bool {
    let w = &ctx.toks[k];
    !w.punct
        && !w.cap
        && !is_clause_word(&w.lower)
        && !is_prep(&w.lower)
        && !is_determiner(&w.lower)
}

/// [`right_np_mode`] at a preposition (token `i`, not "to", not the first): "officials at the
/// ministry" goes on (not "Trump in Seoul" after a name); `lenient` also takes an unlisted head
/// after "the" ("officials familiar with the talks"). Returns where the scan goes on and
/// whether it took an unlisted word; `None` stops it.
fn right_np_over_preposition(
    ctx: &Ctx,
    i: usize,
    from: usize,
    end: usize,
    lenient: bool,
) -> Option<(usize, bool)> {
    let t = &ctx.toks[i];
    if !(is_prep(&t.lower) && i > from && i + 1 < end && t.lower != "to") {
        return None;
    }
    let next = &ctx.toks[i + 1];
    if lenient
        && is_determiner(&next.lower)
        && i + 2 < end
        && !np_word(ctx, i + 2)
        && plain_word(ctx, i + 2)
    {
        return Some((i + 3, true));
    }
    (np_word(ctx, i + 1) || is_determiner(&next.lower)).then_some((i + 1, false))
}

/// The phrase `a..b` without leading punctuation, function words and prepositions and without
/// trailing punctuation outside a mention; `None` when nothing is left.
fn trim_np(ctx: &Ctx, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b {
        let t = &ctx.toks[a];
        if t.punct
            || (ctx.tok_mention[a].is_none() && is_function_word(&t.lower))
            || is_prep(&t.lower)
        {
            a += 1;
        } else {
            break;
        }
    }
    while b > a && ctx.toks[b - 1].punct && ctx.tok_mention[b - 1].is_none() {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// A speaker as found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    pub entity: Option<LocalRef>,
    pub text: String,
    pub span: Span,
    /// The phrase heads a report/document noun ("reports indicate").
    pub report_noun: bool,
    pub rule: &'static str,
}

/// The head token of the phrase `a..b`: the last token before a preposition that no mention
/// covers.
fn head_of(ctx: &Ctx, a: usize, mut b: usize) -> usize {
    // a trailing parenthesis is not the head: "Ann Lee (D-Ore.)"
    if let Some(open) = (a + 1..b).find(|&k| ctx.toks[k].lower == "(") {
        b = open;
    }
    for i in a + 1..b {
        if is_prep(&ctx.toks[i].lower) && ctx.tok_mention[i].is_none() {
            return i - 1;
        }
    }
    b - 1
}

/// What the phrase `a..b` stands for; `None` when it is not a plausible speaker. The rules by
/// the phrase's head: a pronoun alone, a named mention, an organization's name before a noun of
/// its kind, a report noun, a definite nominal ("the outlet"), another listed noun, a title
/// ("the president"), an unlisted phrase (lenient), a name the recogniser did not link.
pub fn resolve(ctx: &Ctx, a: usize, b: usize, state: &SpeakerState) -> Option<Speaker> {
    let head = head_of(ctx, a, b);
    let t = &ctx.toks[head];
    if b - a == 1 && is_subject_pronoun(&t.lower) {
        return Some(pronoun_speaker(ctx, head));
    }
    if (is_function_word(&t.lower) || is_determiner(&t.lower)) && ctx.tok_mention[head].is_none() {
        return None;
    }
    if let ControlFlow::Break(found) = named_head_speaker(ctx, a, b, head) {
        return found;
    }
    let kind = ctx.noun(head).filter(|k| *k != NounKind::Modifier);
    if let Some(sp) = organization_before_its_kind(ctx, a, b, head, kind) {
        return Some(sp);
    }
    let det = ctx.toks[a].lower.as_str();
    let definite = matches!(det, "the" | "this" | "that" | "its");
    let has_name = (a..=head).any(|i| ctx.toks[i].cap && ctx.tok_mention[i].is_none() && i > a)
        || (ctx.toks[a].cap && !definite && !is_determiner(det));
    match kind {
        Some(NounKind::Report) => report_noun_speaker(ctx, a, b, head, state, definite),
        Some(NounKind::Media | NounKind::Government | NounKind::Country)
            if definite && !has_name =>
        {
            Some(definite_nominal_speaker(ctx, a, b, kind, state))
        }
        Some(_) => Some(phrase_speaker(ctx, a, b, None, "unnamed")),
        None => unlisted_head_speaker(ctx, a, b, head, state, definite),
    }
}

/// A speaker for the phrase `a..b` as a whole (text and span), standing for `entity`.
fn phrase_speaker(
    ctx: &Ctx,
    a: usize,
    b: usize,
    entity: Option<LocalRef>,
    rule: &'static str,
) -> Speaker {
    let span = ctx.span(a, b);
    Speaker {
        entity,
        text: span.slice(ctx.text).to_string(),
        span,
        report_noun: false,
        rule,
    }
}

/// "he", "she", "it" alone: the entity the pronoun at `head` refers to, if any.
fn pronoun_speaker(ctx: &Ctx, head: usize) -> Speaker {
    let t = &ctx.toks[head];
    let entity = resolve_pronoun(ctx, head, &t.lower);
    Speaker {
        entity,
        text: t.span.slice(ctx.text).to_string(),
        span: t.span,
        report_noun: false,
        rule: if entity.is_some() {
            "pronoun"
        } else {
            "pronoun.unresolved"
        },
    }
}

/// A named mention at the head is the speaker; a location is none (a demonym or country
/// modifying an unnamed head, "South Korean officials", is not: the head word decides).
/// `Continue` when the head is no linked mention.
fn named_head_speaker(ctx: &Ctx, a: usize, b: usize, head: usize) -> ControlFlow<Option<Speaker>> {
    let Some(mi) = ctx.tok_mention[head] else {
        return ControlFlow::Continue(());
    };
    let m = &ctx.mentions[mi];
    let Some(e) = m.entity else {
        return ControlFlow::Continue(());
    };
    if ctx.etype(e) == EntityType::Location {
        return ControlFlow::Break(None);
    }
    ControlFlow::Break(Some(Speaker {
        entity: Some(e),
        text: ctx.span(a, b).slice(ctx.text).to_string(),
        span: m.span,
        report_noun: false,
        rule: "named",
    }))
}

/// "Kyodo news agency", "the Xinhua news agency": an organization's name before a common noun
/// of its kind (media or government, `kind` of the head) names the speaker; not a possessive
/// ("Kyodo's news agency").
fn organization_before_its_kind(
    ctx: &Ctx,
    a: usize,
    b: usize,
    head: usize,
    kind: Option<NounKind>,
) -> Option<Speaker> {
    if !matches!(kind, Some(NounKind::Media | NounKind::Government)) {
        return None;
    }
    let mi = (a..head).find_map(|i| ctx.tok_mention[i])?;
    let e = ctx.mentions[mi].entity?;
    if !matches!(ctx.etype(e), EntityType::Organization | EntityType::Other) {
        return None;
    }
    let mut j = a;
    while j < head && ctx.tok_mention[j] != Some(mi) {
        j += 1;
    }
    let before_ok = (a..j).all(|i| ctx.toks[i].lower == "the");
    while j < head && ctx.tok_mention[j] == Some(mi) {
        j += 1;
    }
    let possessive = j > a && ctx.toks[j - 1].possessive;
    let between_ok = (j..head).all(|i| {
        ctx.tok_mention[i].is_none()
            && matches!(
                ctx.noun(i),
                Some(NounKind::Modifier | NounKind::Media | NounKind::Government)
            )
    });
    (before_ok && between_ok && !possessive).then(|| Speaker {
        entity: Some(e),
        text: ctx.span(a, b).slice(ctx.text).to_string(),
        span: ctx.mentions[mi].span,
        report_noun: false,
        rule: "named.kind",
    })
}

/// A report noun at the head: "reports from an outlet" speak for the outlet; "the report" for
/// the last outlet credited with a report, else the most recent media organization.
fn report_noun_speaker(
    ctx: &Ctx,
    a: usize,
    b: usize,
    head: usize,
    state: &SpeakerState,
    definite: bool,
) -> Option<Speaker> {
    if head + 1 < b && matches!(ctx.toks[head + 1].lower.as_str(), "from" | "by") {
        let (pa, pb) = trim_np(ctx, head + 2, b)?;
        let inner = resolve(ctx, pa, pb, state)?;
        return Some(Speaker {
            report_noun: true,
            ..inner
        });
    }
    let entity = if definite && b - a <= 3 {
        state
            .last_reporter
            .or_else(|| resolve_nominal(ctx, a, NounKind::Media))
    } else {
        None
    };
    let rule = if entity.is_some() {
        "nominal.report"
    } else {
        "unnamed.report"
    };
    Some(Speaker {
        report_noun: true,
        ..phrase_speaker(ctx, a, b, entity, rule)
    })
}

/// "the outlet", "the ministry", "the country" (no name in the phrase): the organization last
/// credited with a report when it is named in the last few sentences (its kind may be unknown:
/// "PWN reported ... The outlet also reported"), else the most recent entity of that kind.
fn definite_nominal_speaker(
    ctx: &Ctx,
    a: usize,
    b: usize,
    kind: Option<NounKind>,
    state: &SpeakerState,
) -> Speaker {
    let reporter = state.last_reporter.filter(|&r| {
        kind == Some(NounKind::Media)
            && ctx.etype(r) == EntityType::Organization
            && recent_mentions(ctx, a, 2).iter().any(|s| s.contains(&r))
    });
    let entity = reporter.or_else(|| resolve_nominal(ctx, a, kind.unwrap_or(NounKind::Media)));
    let rule = if entity.is_some() {
        "nominal"
    } else {
        "nominal.unresolved"
    };
    phrase_speaker(ctx, a, b, entity, rule)
}

/// A head that is no listed noun: a lower-case title ("the president", "the foreign
/// minister"), an unlisted phrase when lenient, or a capitalised name the recogniser did not
/// link (a single word may be the one person of the document whose name opens or ends with
/// it: "Choi" -> "Choi Min-ho").
fn unlisted_head_speaker(
    ctx: &Ctx,
    a: usize,
    b: usize,
    head: usize,
    state: &SpeakerState,
    definite: bool,
) -> Option<Speaker> {
    let t = &ctx.toks[head];
    if ctx.lex.titles.contains_key(t.lower.as_str()) && !t.cap {
        let entity = if definite {
            resolve_title(ctx, a, &t.lower)
        } else {
            None
        };
        let rule = if entity.is_some() {
            "nominal.title"
        } else {
            "unnamed"
        };
        return Some(phrase_speaker(ctx, a, b, entity, rule));
    }
    if state.lenient && !t.punct && b - a >= 1 && (b - a >= 2 || t.lower.ends_with('s')) {
        return Some(phrase_speaker(ctx, a, b, None, "unnamed.lenient"));
    }
    if !t.cap {
        return None;
    }
    let entity = (b - a == 1)
        .then(|| surname_person(ctx, head, &t.lower))
        .flatten();
    if entity.is_some() {
        return Some(phrase_speaker(ctx, a, b, entity, "name.part"));
    }
    Some(phrase_speaker(ctx, a, b, None, "name.unlinked"))
}

/// The only person entity of the document whose name's first or last word is `word` (lower
/// case); `None` when there is none or more than one.
/// When several share it, the one of them named in this or the two sentences before, if only
/// one is.
fn surname_person(ctx: &Ctx, tok: usize, word: &str) -> Option<LocalRef> {
    let found: Vec<LocalRef> = ctx
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let words: Vec<String> = e.name.split_whitespace().map(str::to_lowercase).collect();
            e.etype == EntityType::Person
                && words.len() >= 2
                && (words.first().map(String::as_str) == Some(word)
                    || words.last().map(String::as_str) == Some(word))
        })
        .map(|(i, _)| i as LocalRef)
        .collect();
    match found.as_slice() {
        [] => None,
        [one] => Some(*one),
        many => {
            let recent = recent_mentions(ctx, tok, 2);
            let near: Vec<LocalRef> = many
                .iter()
                .copied()
                .filter(|e| recent.iter().any(|s| s.contains(e)))
                .collect();
            (near.len() == 1).then(|| near[0])
        }
    }
}

/// Mentions (entity, mention index) before byte `pos`, most recent sentence first; within a
/// sentence in text order. Mentions inside quotations are skipped.
fn recent_mentions(ctx: &Ctx, tok: usize, back: usize) -> Vec<Vec<LocalRef>> {
    let sent = ctx.toks[tok].sent;
    let pos = ctx.toks[tok].span.start;
    let mut out = Vec::new();
    for s in (sent.saturating_sub(back)..=sent).rev() {
        let (a, b) = ctx.sent_toks[s];
        let mut v = Vec::new();
        for i in a..b {
            if ctx.toks[i].span.start >= pos {
                break;
            }
            if ctx.tok_quote[i].is_some() {
                continue;
            }
            if let Some(e) = ctx.entity_at(i)
                && v.last() != Some(&e)
            {
                v.push(e);
            }
        }
        out.push(v);
    }
    out
}

/// he/she -> the subject-most person of the nearest sentence with one; it -> organization or
/// country; others stay unresolved.
pub fn resolve_pronoun(ctx: &Ctx, tok: usize, pronoun: &str) -> Option<LocalRef> {
    let ok = |e: LocalRef| match pronoun {
        "he" | "she" => ctx.etype(e) == EntityType::Person,
        "it" => matches!(ctx.etype(e), EntityType::Organization | EntityType::Country),
        _ => false,
    };
    if !matches!(pronoun, "he" | "she" | "it") {
        return None;
    }
    for sent in recent_mentions(ctx, tok, 3) {
        if let Some(&e) = sent.iter().find(|&&e| ok(e)) {
            return Some(e);
        }
    }
    None
}

/// "the outlet" -> the most recent media organization; "the ministry" -> government body;
/// "the country" -> country.
fn resolve_nominal(ctx: &Ctx, tok: usize, kind: NounKind) -> Option<LocalRef> {
    let ok = |e: LocalRef| match kind {
        NounKind::Media => ctx.org_kind(e) == Some("media"),
        NounKind::Government => matches!(
            ctx.org_kind(e),
            Some("government" | "military" | "legislature" | "agency")
        ),
        NounKind::Country => ctx.etype(e) == EntityType::Country,
        _ => false,
    };
    for sent in recent_mentions(ctx, tok, 6) {
        if let Some(&e) = sent.iter().rev().find(|&&e| ok(e)) {
            return Some(e);
        }
    }
    None
}

/// "the president" -> the most recent person whose titles include "president".
fn resolve_title(ctx: &Ctx, tok: usize, title: &str) -> Option<LocalRef> {
    let ok = |e: LocalRef| {
        ctx.entities.get(e as usize).is_some_and(|x| {
            x.etype == EntityType::Person && x.titles.iter().any(|t| t.eq_ignore_ascii_case(title))
        })
    };
    for sent in recent_mentions(ctx, tok, 40) {
        if let Some(&e) = sent.iter().rev().find(|&&e| ok(e)) {
            return Some(e);
        }
    }
    None
}

/// What earlier statements tell the resolver.
#[derive(Clone, Debug, Default)]
pub struct SpeakerState {
    /// The last named speaker of a report-class statement ("the report" refers back to it).
    pub last_reporter: Option<LocalRef>,
    /// Accept unlisted common nouns as unnamed speakers (set for unambiguous speech cues).
    pub lenient: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType::*;
    use crate::relations::testutil::*;

    fn speaker_before(
        text: &str,
        word: &str,
        ents: &[(&str, EntityType, &[&str])],
    ) -> Option<Speaker> {
        let d = doc(text, ents);
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex());
        let cue = ctx.toks.iter().position(|t| t.lower == word)?;
        let s0 = ctx.sent_toks[ctx.toks[cue].sent].0;
        let k = skip_adverbials_back(&ctx, cue, s0);
        let (a, b) = left_np(&ctx, k, s0)?;
        resolve(&ctx, a, b, &SpeakerState::default())
    }

    #[test]
    fn title_and_org_before_a_name_resolve_to_the_person() {
        let s = speaker_before(
            "Kremlin spokesman Ivan Petrov also said the talks failed.",
            "said",
            &[
                ("Kremlin", Organization, &["Kremlin"]),
                ("Ivan Petrov", Person, &["Ivan Petrov"]),
            ],
        )
        .expect("speaker");
        assert_eq!(s.entity, Some(1));
    }

    #[test]
    fn unnamed_group_is_kept_without_entity() {
        let s = speaker_before(
            "Senior Brazilian officials said the deal was close.",
            "said",
            &[("Brazil", Country, &["Brazilian"])],
        )
        .expect("speaker");
        assert_eq!(s.entity, None);
        assert_eq!(s.text, "Senior Brazilian officials");
        // near miss: a verb phrase is not a speaker
        assert!(
            speaker_before("The move signals that the deal was close.", "signals", &[]).is_none()
        );
    }

    #[test]
    fn pronoun_goes_to_the_subject_person_of_the_previous_sentence() {
        let s = speaker_before(
            "Maria Lopez met Ivan Petrov in Lima. She said the talks failed.",
            "said",
            &[
                ("Maria Lopez", Person, &["Maria Lopez"]),
                ("Ivan Petrov", Person, &["Ivan Petrov"]),
                ("Lima", Location, &["Lima"]),
            ],
        )
        .expect("speaker");
        assert_eq!(s.entity, Some(0));
        // near miss: no person before, left unresolved
        let s = speaker_before(
            "Peru is far. She said the talks failed.",
            "said",
            &[("Peru", Country, &["Peru"])],
        )
        .expect("speaker");
        assert_eq!(s.entity, None);
    }

    #[test]
    fn the_outlet_is_the_last_media_organization() {
        let s = speaker_before(
            "The Lima Herald spoke to Ivan Petrov. The outlet said he resigned.",
            "said",
            &[
                ("Lima Herald", Organization, &["Lima Herald"]),
                ("Ivan Petrov", Person, &["Ivan Petrov"]),
            ],
        )
        .expect("speaker");
        assert_eq!(s.entity, Some(0));
        // near miss: the ministry is not a media outlet
        let s = speaker_before(
            "The Lima Herald spoke to Ivan Petrov. The ministry said he resigned.",
            "said",
            &[
                ("Lima Herald", Organization, &["Lima Herald"]),
                ("Ivan Petrov", Person, &["Ivan Petrov"]),
            ],
        )
        .expect("speaker");
        assert_eq!(s.entity, None);
    }

    #[test]
    fn the_president_is_the_person_with_that_title() {
        let text = "President Ana Ruiz met Tomas Berg. The president said the talks failed.";
        let mut d = doc(
            text,
            &[
                ("Ana Ruiz", Person, &["Ana Ruiz"]),
                ("Tomas Berg", Person, &["Tomas Berg"]),
            ],
        );
        d.entities[0].titles.push("President".into());
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex());
        let cue = ctx
            .toks
            .iter()
            .position(|t| t.lower == "said")
            .expect("cue");
        let s0 = ctx.sent_toks[ctx.toks[cue].sent].0;
        let (a, b) = left_np(&ctx, cue, s0).expect("phrase");
        let s = resolve(&ctx, a, b, &SpeakerState::default()).expect("speaker");
        assert_eq!(s.entity, Some(0));
        // near miss: no one holds the title "minister"
        let text2 = "President Ana Ruiz met Tomas Berg. The minister said the talks failed.";
        let mut d2 = doc(text2, &[("Ana Ruiz", Person, &["Ana Ruiz"])]);
        d2.entities[0].titles.push("President".into());
        let ctx2 = Ctx::new(&d2.text, &d2.sentences, &d2.entities, &d2.mentions, lex());
        let cue2 = ctx2
            .toks
            .iter()
            .position(|t| t.lower == "said")
            .expect("cue");
        let s02 = ctx2.sent_toks[ctx2.toks[cue2].sent].0;
        let (a2, b2) = left_np(&ctx2, cue2, s02).expect("phrase");
        let s2 = resolve(&ctx2, a2, b2, &SpeakerState::default()).expect("speaker");
        assert_eq!(s2.entity, None);
    }

    #[test]
    fn an_organization_before_a_noun_of_its_kind_is_that_organization() {
        let ents: &[(&str, EntityType, &[&str])] =
            &[("Harbour Wire", Organization, &["Harbour Wire"])];
        let s = speaker_before(
            "The Harbour Wire news agency said the strike was over.",
            "said",
            ents,
        )
        .expect("speaker");
        assert_eq!((s.entity, s.rule), (Some(0), "named.kind"));
        // near miss: the agency the organization owns is not the organization itself
        let s = speaker_before(
            "The Harbour Wire's news agency said the strike was over.",
            "said",
            ents,
        );
        assert!(s.as_ref().is_none_or(|s| s.rule != "named.kind"), "{s:?}");
    }

    #[test]
    fn reports_from_an_outlet_speak_for_the_outlet() {
        let ents: &[(&str, EntityType, &[&str])] =
            &[("Coast Herald", Organization, &["Coast Herald"])];
        let s = speaker_before(
            "Reports from the Coast Herald suggested the strike was over.",
            "suggested",
            ents,
        )
        .expect("speaker");
        assert_eq!(s.entity, Some(0));
        assert!(s.report_noun);
        // near miss: reports with no outlet named and none credited before stay unnamed
        let s = speaker_before("Reports suggested the strike was over.", "suggested", ents)
            .expect("speaker");
        assert_eq!((s.entity, s.rule), (None, "unnamed.report"));
    }

    #[test]
    fn a_place_is_no_speaker_and_an_unlinked_name_is_kept() {
        let ents: &[(&str, EntityType, &[&str])] = &[("Valparaiso", Location, &["Valparaiso"])];
        assert!(speaker_before("Valparaiso said the strike was over.", "said", ents).is_none());
        // near miss: a capitalised name the recogniser did not link is still a speaker
        let s = speaker_before("Okafor said the strike was over.", "said", ents).expect("speaker");
        assert_eq!((s.entity, s.rule), (None, "name.unlinked"));
    }

    #[test]
    fn an_unlisted_phrase_is_a_speaker_only_when_lenient() {
        let text = "The dock workers union said the strike was over.";
        let d = doc(text, &[]);
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex());
        let cue = ctx
            .toks
            .iter()
            .position(|t| t.lower == "said")
            .expect("cue");
        let lenient = SpeakerState {
            lenient: true,
            ..SpeakerState::default()
        };
        let (a, b) = left_np_with(&ctx, cue, 0, true).expect("phrase");
        let s = resolve(&ctx, a, b, &lenient).expect("speaker");
        assert_eq!(
            (s.text.as_str(), s.rule),
            ("The dock workers union", "unnamed.lenient")
        );
        // near miss: the same phrase is no speaker when the cue is not unambiguous speech
        assert!(resolve(&ctx, a, b, &SpeakerState::default()).is_none());
    }
}

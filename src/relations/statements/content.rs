//! Content boundaries: where the content of a statement starts and ends (datelines, trailing
//! credits, a new attributed clause, an object that ends before a new verb, time and place
//! phrases after a cue).

use super::lexicon::{is_subordinator, is_venue_word};
use super::{is_close_mark, is_dash, is_open_mark, word_count};
use crate::relations::speakers::{self, is_determiner};
use crate::relations::{Ctx, CueClass};

/// The token after a dateline opening sentence-start token `a` ("TOKYO —", "BUSAN, South
/// Korea —", "MANILA (Wire News) —"): an upper-case place word, then capitalised words, commas
/// or a parenthesis, then a dash.
fn dateline_end(ctx: &Ctx, a: usize, b: usize) -> Option<usize> {
    let first = ctx.toks[a].span.slice(ctx.text);
    // at a paragraph start only
    let para_start = ctx.text[..ctx.toks[a].span.start]
        .chars()
        .rev()
        .find(|c| !matches!(c, ' ' | '\t'))
        .is_none_or(|c| matches!(c, '\n' | '\r' | '>'));
    if first.chars().filter(|c| c.is_alphabetic()).count() < 2
        || first.chars().any(|c| c.is_lowercase())
        || a != ctx.sent_toks[ctx.toks[a].sent].0
        || !para_start
    {
        return None;
    }
    let mut depth = 0usize;
    for k in a + 1..(a + 12).min(b) {
        let l = ctx.toks[k].lower.as_str();
        if depth == 0 && is_dash(l) {
            return (k + 1 < b).then_some(k + 1);
        }
        match l {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            "," | "." => {}
            _ if depth > 0 || ctx.toks[k].cap => {}
            _ => return None,
        }
    }
    None
}

/// Trims a content token range: leading dateline, "that"/punctuation, trailing punctuation.
pub(super) fn trim_content(ctx: &Ctx, mut a: usize, mut b: usize) -> (usize, usize) {
    if a < b
        && let Some(k) = dateline_end(ctx, a, b)
    {
        a = k;
    }
    while a < b {
        let l = ctx.toks[a].lower.as_str();
        if (ctx.toks[a].punct && ctx.tok_quote[a].is_none() && !is_open_mark(ctx, a))
            || l == "that"
            || l == ","
        {
            a += 1;
        } else {
            break;
        }
    }
    while b > a {
        let t = &ctx.toks[b - 1];
        if t.punct && !is_close_mark(ctx, b - 1) {
            b -= 1;
        } else {
            break;
        }
    }
    // "X said as much in an interview on Thursday": where it was said closes the sentence,
    // it is not part of what was said
    if let Some(k) = (a + 1..b).rev().take(12).find(|&k| {
        matches!(ctx.toks[k].lower.as_str(), "in" | "at" | "during")
            && (k + 1..(k + 4).min(b)).any(|x| {
                matches!(
                    ctx.toks[x].lower.as_str(),
                    "statement" | "interview" | "briefing" | "conference" | "speech" | "tweet"
                )
            })
            && (k..b).all(|x| {
                ctx.tok_quote[x].is_none() && !matches!(ctx.toks[x].lower.as_str(), "," | "that")
            })
    }) {
        b = k;
    }
    (a, b)
}

/// Where the content that starts at `a` ends: before a new attributed clause, a second cue of
/// the same subject, or what a comma or dash opens (a trailing credit ", according to X", ", as
/// reported by X", ", X said."; a clause of the writer's); else at the sentence end `b`.
pub(super) fn content_end(ctx: &Ctx, a: usize, b: usize) -> usize {
    (a + 1..b)
        .find(|&i| content_ends_at(ctx, i, b))
        .unwrap_or(b)
}

/// The rules that end a content after a comma or a dash (at `n`, the token after it).
const AFTER_COMMA: &[fn(&Ctx, usize, usize) -> bool] = &[
    content_ends_at_according,
    content_ends_at_and_subordinate_clause,
    content_ends_at_but_clause,
    content_ends_at_concession,
    content_ends_at_participle_cue,
    content_ends_at_as_cue,
    content_ends_at_verb_after_aside,
    content_ends_at_new_attributed_clause,
    content_ends_at_trailing_attribution,
];

/// Does the content end before token `i` (the sentence ends at `b`)?
fn content_ends_at(ctx: &Ctx, i: usize, b: usize) -> bool {
    if content_ends_at_and_attributed_clause(ctx, i, b) || content_ends_at_and_second_cue(ctx, i, b)
    {
        return true;
    }
    // a comma or a dash ("... more intense -- and he noted that ...")
    let separator =
        (ctx.toks[i].lower == "," || is_dash(&ctx.toks[i].lower)) && ctx.tok_quote[i].is_none();
    separator && i + 1 < b && AFTER_COMMA.iter().any(|rule| rule(ctx, i + 1, b))
}

/// Is the cue at `k` a cue other than a credit ("according to")?
fn speech_cue_at(ctx: &Ctx, k: usize) -> bool {
    ctx.cue_at(k)
        .is_some_and(|(_, c)| c.class != CueClass::According)
}

/// "X said A and Democrats accused B": "and" (without a comma) before a new attributed clause.
fn content_ends_at_and_attributed_clause(ctx: &Ctx, i: usize, b: usize) -> bool {
    ctx.toks[i].lower == "and"
        && ctx.tok_quote[i].is_none()
        && ctx.toks[i - 1].lower != ","
        && speakers::right_np_mode(ctx, i + 1, b, true, false).is_some_and(|(na, nb)| {
            na == i + 1
                && (ctx.toks[na].cap || ctx.tok_mention[na].is_some())
                && speech_cue_at(ctx, nb)
        })
}

/// "X said A and warned B": "and" before a second past-tense cue of the same subject.
fn content_ends_at_and_second_cue(ctx: &Ctx, i: usize, b: usize) -> bool {
    ctx.toks[i].lower == "and"
        && ctx.tok_quote[i].is_none()
        && i + 1 < b
        && (ctx.toks[i + 1].lower.ends_with("ed")
            || matches!(ctx.toks[i + 1].lower.as_str(), "said" | "told" | "wrote"))
        && speech_cue_at(ctx, i + 1)
}

/// ", according to X": a trailing credit.
fn content_ends_at_according(ctx: &Ctx, n: usize, _b: usize) -> bool {
    ctx.toks[n].lower == "according"
}

/// ", and when pressed ...": a subordinate clause of the writer's.
fn content_ends_at_and_subordinate_clause(ctx: &Ctx, n: usize, b: usize) -> bool {
    ctx.toks[n].lower == "and"
        && n + 1 < b
        && matches!(
            ctx.toks[n + 1].lower.as_str(),
            "when" | "while" | "if" | "after" | "before" | "because" | "although"
        )
}

/// ", but it heralded ...": a new clause with its own subject (a pronoun, "the", a capitalised
/// word) is the writer's.
fn content_ends_at_but_clause(ctx: &Ctx, n: usize, b: usize) -> bool {
    ctx.toks[n].lower == "but"
        && ctx.toks.get(n + 1).is_some_and(|t| {
            n + 1 < b
                && (speakers::is_subject_pronoun(&t.lower) || t.lower == "the" || t.cap)
                && ctx.tok_quote[n + 1].is_none()
        })
}

/// ", although he refused ...": the writer's concession, not the content.
fn content_ends_at_concession(ctx: &Ctx, n: usize, _b: usize) -> bool {
    matches!(
        ctx.toks[n].lower.as_str(),
        "although" | "though" | "whereas"
    )
}

/// ", arguing that ...", ", adding ...": a participle cue opens a statement of its own.
fn content_ends_at_participle_cue(ctx: &Ctx, n: usize, _b: usize) -> bool {
    ctx.toks[n].lower.ends_with("ing") && speech_cue_at(ctx, n)
}

/// ", as reported by X", ", as he said": "as" before a cue.
fn content_ends_at_as_cue(ctx: &Ctx, n: usize, _b: usize) -> bool {
    ctx.toks[n].lower == "as" && ctx.cue_at(n + 1).is_some()
}

/// "X, noting A, said: ...": the verb after an aside (followed by a comma, colon, "that" or a
/// quote) opens the main statement.
fn content_ends_at_verb_after_aside(ctx: &Ctx, n: usize, _b: usize) -> bool {
    !ctx.toks[n].lower.ends_with("ing")
        && speech_cue_at(ctx, n)
        && ctx.toks.get(n + 1).is_some_and(|t| {
            matches!(t.lower.as_str(), "," | ":" | "that") || is_open_mark(ctx, n + 1)
        })
}

/// ", the ministry said that ...", ", and rights groups warned that ...", ", and he noted that
/// ...": a new attributed clause (a subject, adverbs, then a cue).
fn content_ends_at_new_attributed_clause(ctx: &Ctx, n: usize, b: usize) -> bool {
    let m = if matches!(ctx.toks[n].lower.as_str(), "and" | "but" | "while") {
        n + 1
    } else {
        n
    };
    let np = if m < b && speakers::is_subject_pronoun(&ctx.toks[m].lower) {
        Some((m, m + 1))
    } else {
        speakers::right_np_mode(ctx, m, b, true, false)
    };
    let Some((_, nb)) = np else {
        return false;
    };
    let mut k = nb;
    while k < b && !ctx.toks[k].punct && speakers::is_adverbial(&ctx.toks[k].lower) {
        k += 1;
    }
    speech_cue_at(ctx, k)
}

/// ", X said." / ", said X.": an attribution closing the sentence.
fn content_ends_at_trailing_attribution(ctx: &Ctx, n: usize, b: usize) -> bool {
    trailing_attribution(ctx, n, b).is_some()
}

/// Is `from..b` an attribution that closes the sentence ("the minister said", "said Smith",
/// "he added on Tuesday")? Returns the cue token.
fn trailing_attribution(ctx: &Ctx, from: usize, b: usize) -> Option<usize> {
    for c in from..(from + 12).min(b) {
        if let Some((n, cue)) = ctx.cue_at(c) {
            if cue.class == CueClass::According {
                return None;
            }
            // what follows the cue must be nothing, a short name or time phrase
            let rest = word_count(ctx, c + n, b);
            if rest <= 4 && (c + n..b).all(|k| ctx.toks[k].lower != "that") {
                return Some(c);
            }
            return None;
        }
        if ctx.toks[c].punct && ctx.toks[c].lower != "-" {
            return None;
        }
    }
    None
}

/// Where a noun-phrase or infinitive object starting at `a` ends (before `b`): at a semicolon,
/// at a comma before a participle or a cue (", saying ...", ", claiming that ..."), at a
/// subordinating word ("while", "because", "as he ..."), or at "and"/"but"/"yet" before another
/// verb ("bemoaned the unrest and said ..."). Appositions, lists and relative clauses stay.
pub(super) fn object_end(ctx: &Ctx, a: usize, b: usize) -> usize {
    for k in a + 1..b {
        let t = &ctx.toks[k];
        if ctx.tok_quote[k].is_some() || is_open_mark(ctx, k) || is_close_mark(ctx, k) {
            continue;
        }
        let l = t.lower.as_str();
        let next = ctx.toks.get(k + 1).filter(|_| k + 1 < b);
        if l == ";" {
            return k;
        }
        if l == ","
            && let Some(nx) = next
            && !nx.cap
            && ctx.tok_mention[k + 1].is_none()
            && ((nx.lower.ends_with("ing") && nx.lower.len() > 5) || ctx.cue_at(k + 1).is_some())
        {
            return k;
        }
        if k > a + 1 && matches!(l, "while" | "when" | "because" | "although" | "though") {
            return k;
        }
        if l == "as"
            && k > a + 1
            && next.is_some_and(|nx| {
                ctx.tok_mention[k + 1].is_some()
                    || matches!(nx.lower.as_str(), "he" | "she" | "they" | "it" | "we" | "i")
            })
        {
            return k;
        }
        if matches!(l, "and" | "but" | "yet")
            && next.is_some_and(|nx| ctx.cue_at(k + 1).is_some() || nx.lower.ends_with("ed"))
        {
            return k;
        }
    }
    b
}

/// Does `a..b` look like a clause (a finite auxiliary or modal early on) rather than an
/// object ("confirmed the meeting")?
pub(super) fn looks_like_clause(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a..b.min(a + 10)).skip(1).any(|i| {
        matches!(
            ctx.toks[i].lower.as_str(),
            "was"
                | "were"
                | "is"
                | "are"
                | "had"
                | "has"
                | "have"
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
                | "must"
                | "won't"
                | "wasn't"
                | "isn't"
                | "didn't"
                | "hasn't"
                | "hadn't"
                | "weren't"
                | "aren't"
        )
    })
}

/// When the sentence `s0..` opens with a subordinator ("while", "as", "although", ...) and no
/// comma comes before the cue at `c`: the comma that closes that clause inside the content
/// `ca..cb`, if any.
pub(in crate::relations) fn subordinate_close(
    ctx: &Ctx,
    s0: usize,
    c: usize,
    ca: usize,
    cb: usize,
) -> Option<usize> {
    let mut k = s0;
    if k < c && matches!(ctx.toks[k].lower.as_str(), "but" | "and" | "yet" | "so") {
        k += 1;
    }
    let opens = k < c && is_subordinator(&ctx.toks[k].lower);
    if !opens || (k..c).any(|x| ctx.toks[x].lower == "," || ctx.tok_quote[x].is_some()) {
        return None;
    }
    (ca + 1..cb).find(|&x| ctx.toks[x].lower == "," && ctx.tok_quote[x].is_none())
}

/// Is `a..b` a date or time ("Thursday", "In August", "last week") rather than a subject?
pub(in crate::relations) fn is_time_phrase(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a..b).all(|k| {
        let t = &ctx.toks[k];
        skip_time(ctx, k, k + 1) > k
            || crate::text::is_month(&t.lower)
            || t.lower.chars().all(|c| c.is_ascii_digit())
            || matches!(t.lower.as_str(), "in" | "of" | "at" | ",")
    })
}

/// Skips time words after a cue ("Friday afternoon", "on Monday", "last week").
pub(super) fn skip_time(ctx: &Ctx, mut a: usize, s1: usize) -> usize {
    while a < s1
        && (crate::text::is_weekday(&ctx.toks[a].lower)
            || matches!(
                ctx.toks[a].lower.as_str(),
                "today"
                    | "yesterday"
                    | "tonight"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "night"
                    | "last"
                    | "this"
                    | "next"
                    | "week"
                    | "month"
                    | "year"
                    | "earlier"
                    | "later"
                    | "on"
                    | "again"
                    | "late"
                    | "early"
                    | "weekend"
            ))
    {
        a += 1;
    }
    a
}

/// Skips "on Tuesday", "in a statement", "in an interview with X", "to reporters" after a cue.
pub(super) fn skip_circumstance(ctx: &Ctx, mut a: usize, s1: usize) -> usize {
    loop {
        let start = a;
        while a < s1
            && ctx.toks[a].punct
            && !is_open_mark(ctx, a)
            && ctx.toks[a].lower != "\u{201C}"
        {
            if is_dash(&ctx.toks[a].lower) || ctx.toks[a].lower == "," || ctx.toks[a].lower == ":" {
                a += 1;
            } else {
                break;
            }
        }
        if a + 1 < s1
            && matches!(
                ctx.toks[a].lower.as_str(),
                "on" | "in" | "to" | "during" | "at" | "through" | "via"
            )
        {
            let nxt = ctx.toks[a + 1].lower.as_str();
            let day = matches!(
                nxt,
                "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            );
            let venue = is_determiner(nxt)
                && (a + 2..(a + 5).min(s1)).any(|k| is_venue_word(&ctx.toks[k].lower));
            if day {
                a += 2;
            } else if venue {
                let mut k = a + 2;
                while k < s1 && !ctx.toks[k].punct && ctx.toks[k].lower != "that" && k < a + 8 {
                    k += 1;
                    if is_venue_word(&ctx.toks[k - 1].lower) {
                        break;
                    }
                }
                a = k;
            } else if matches!(nxt, "reporters" | "journalists") {
                a += 2;
            }
        }
        if a == start {
            return a;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn datelines_are_not_content() {
        let ents: Ents = &[
            ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
            ("Chile", Country, &["Chile"]),
        ];
        let text = "Title\n\nSANTIAGO, Chile (Andes Wire) \u{2014} The border will reopen on \
                    Friday, Ruiz said.";
        let v = stmts(text, ents);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].content, "The border will reopen on Friday");
        // near misses: not at a paragraph start; an upper-case acronym opening a sentence
        let text = "Title\n\nRain fell. US Envoy Tomas Berg \u{2014} the border will reopen, \
                    Ruiz said.";
        let v = stmts(text, ents);
        assert!(
            v.iter().any(|s| s.content.starts_with("US Envoy")),
            "{v:#?}"
        );
        let text = "Title\n\nNATO will meet on Friday \u{2014} and the border will reopen, \
                    Ruiz said.";
        let v = stmts(text, ents);
        assert_eq!(v.len(), 1);
        assert!(
            v[0].content.starts_with("NATO will meet"),
            "{}",
            v[0].content
        );
    }

    #[test]
    fn a_cue_in_an_opening_subordinate_clause_ends_at_its_comma() {
        let v = stmts(
            "As Ruiz warned the port would close, Berg left the hall in Lima.",
            PEOPLE,
        );
        assert_eq!(one(&v, "port would close").content, "the port would close");
        let v = stmts(
            "But while Berg insisted the count was fair, the Daily Courier printed the tally.",
            PEOPLE,
        );
        assert_eq!(one(&v, "count was fair").content, "the count was fair");
        // near miss: no subordinator, the comma belongs to the content
        let v = stmts("Ruiz warned the port, which is old, would close.", PEOPLE);
        assert_eq!(
            one(&v, "port").content,
            "the port, which is old, would close"
        );
    }

    #[test]
    fn a_but_clause_with_its_own_subject_ends_the_content() {
        let v = stmts(
            "Ruiz said the fleet would return on Monday, but the storm kept it in Lima.",
            PEOPLE,
        );
        assert_eq!(
            one(&v, "fleet would return").content,
            "the fleet would return on Monday"
        );
        // near miss: "but" before a verb goes on with the same subject
        let v = stmts(
            "Ruiz said the fleet would return, but would stay in port for a week.",
            PEOPLE,
        );
        assert!(
            one(&v, "fleet would return")
                .content
                .ends_with("for a week")
        );
    }

    #[test]
    fn participle_cue_ends_the_previous_content() {
        let v = stmts(
            "Berg said the mine would close by June, arguing that copper prices had collapsed.",
            PEOPLE,
        );
        assert_eq!(v.len(), 2, "{v:#?}");
        assert_eq!(
            one(&v, "mine would close").content,
            "the mine would close by June"
        );
        assert_eq!(one(&v, "copper prices").speaker, Some(1));
        // near miss: a participle that is no cue stays in the content
        let v = stmts(
            "Berg said the mine would close by June, leaving 300 workers without jobs.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(v[0].content.contains("leaving 300 workers"), "{v:#?}");
    }

    #[test]
    fn a_concession_or_a_new_attributed_clause_ends_the_content() {
        assert_eq!(
            content_of(
                "Berg said the port was closed and Ruiz said it was open.",
                "port was closed"
            ),
            "the port was closed"
        );
        assert_eq!(
            content_of(
                "Berg claimed that the tax was fair, although he again refused to publish his accounts.",
                "tax was fair"
            ),
            "the tax was fair"
        );
        // near miss: "and" between two nouns of the content
        assert_eq!(
            content_of("Ruiz said the port and the docks were closed.", "docks"),
            "the port and the docks were closed"
        );
    }

    #[test]
    fn where_it_was_said_closes_the_content() {
        assert_eq!(
            content_of(
                "Berg said the port would close in an interview on Monday.",
                "port"
            ),
            "the port would close"
        );
        // near miss: an interview inside a clause of the content stays
        assert_eq!(
            content_of(
                "Ruiz said that what she told the paper in an interview, was misquoted.",
                "misquoted"
            ),
            "what she told the paper in an interview, was misquoted"
        );
    }

    #[test]
    fn a_second_verb_or_clause_of_the_speaker_ends_the_content() {
        assert_eq!(
            content_of(
                "Chile said it was opposed to the test and warned Peru against another.",
                "opposed"
            ),
            "it was opposed to the test"
        );
        assert_eq!(
            content_of(
                "Berg said the talks would be tense \u{2014} and he noted that Ruiz agreed.",
                "tense"
            ),
            "the talks would be tense"
        );
        // near miss: two verbs of the content itself
        assert_eq!(
            content_of(
                "Ruiz said the ministry would study and announce the plan.",
                "ministry"
            ),
            "the ministry would study and announce the plan"
        );
    }

    #[test]
    fn object_contents_end_before_a_participle_or_a_new_verb() {
        let att = |t: &str| run_attitudes(&doc(t, PEOPLE)).0;
        let v = att("Ruiz praised the harbour plan, saying it would help the crews.");
        assert!(v.iter().any(|s| s.content == "the harbour plan"), "{v:#?}");
        let v = att("Ruiz criticized the night raid and said the crews were innocent.");
        assert!(v.iter().any(|s| s.content == "the night raid"), "{v:#?}");
        let v = att("Berg refused to sign the accord while the talks continued.");
        assert!(
            v.iter().any(|s| s.content == "to sign the accord"),
            "{v:#?}"
        );
        // near misses: an apposition, a list and "as" before a noun phrase stay in the object
        let v = att("Ruiz praised the harbour plan, a compromise reached in May.");
        assert!(
            v.iter()
                .any(|s| s.content == "the harbour plan, a compromise reached in May"),
            "{v:#?}"
        );
        let v = att("Ruiz cited the raid as an example of carelessness.");
        assert!(
            v.iter()
                .any(|s| s.content == "the raid as an example of carelessness"),
            "{v:#?}"
        );
        // a clause after a speech verb is not cut
        let v = att("Ruiz said the raid was legal, adding nothing.");
        assert!(
            v.iter()
                .any(|s| s.content.starts_with("the raid was legal")),
            "{v:#?}"
        );
    }

    #[test]
    fn an_as_phrase_with_a_cue_ends_the_content() {
        assert_eq!(
            content_of(
                "Ruiz said the port would reopen in May, as promised.",
                "port would reopen"
            ),
            "the port would reopen in May"
        );
        // near miss: an "as" clause without a cue stays in the content
        assert_eq!(
            content_of(
                "Ruiz said the port would reopen in May, as the harbour was repaired.",
                "port would reopen"
            ),
            "the port would reopen in May, as the harbour was repaired"
        );
    }
}

//! Noun uses of cue words: "a media request", "his claims", "Democratic claims", "his home
//! state" are nouns, not verbs of speech.

use crate::relations::Ctx;

/// Is the one-word cue at `c` (`n` tokens, lemma `lemma`), whose subject phrase starts at
/// `edge`, a noun rather than a verb?
pub(super) fn noun_use(ctx: &Ctx, edge: usize, c: usize, n: usize, lemma: &str) -> bool {
    if n != 1 || c == 0 {
        return false;
    }
    indefinite_noun_compound(ctx, edge, c, lemma)
        || possessed_cue_word(ctx, c, lemma)
        || lone_adjective_subject(ctx, edge, c)
        || state_as_a_noun(ctx, c, lemma)
}

/// "a media request", "an overall cost estimate": after a singular indefinite article (at
/// `edge`) and words that are no auxiliary, modal or adverb, the bare form heads a noun compound
/// (a singular subject would take "requests").
fn indefinite_noun_compound(ctx: &Ctx, edge: usize, c: usize, lemma: &str) -> bool {
    edge + 1 < c
        && matches!(ctx.toks[edge].lower.as_str(), "a" | "an")
        && (edge + 1..c).all(|k| {
            !ctx.toks[k].punct
                && !matches!(
                    ctx.toks[k].lower.as_str(),
                    "will"
                        | "would"
                        | "can"
                        | "could"
                        | "may"
                        | "might"
                        | "must"
                        | "shall"
                        | "should"
                        | "did"
                        | "does"
                        | "do"
                        | "to"
                        | "not"
                        | "also"
                        | "often"
                        | "never"
                        | "always"
                        | "now"
                )
        })
        && ctx.toks[c].lower == lemma
}

/// "Mr. King's show", "his claims": after a possessive a bare or plural cue word is a noun
/// (a participle after the "'s" of "has" does not reach here: "Ruiz's been saying").
fn possessed_cue_word(ctx: &Ctx, c: usize, lemma: &str) -> bool {
    let word = ctx.toks[c].lower.as_str();
    let prev = &ctx.toks[c - 1];
    (prev.possessive
        || matches!(
            prev.lower.as_str(),
            "his" | "her" | "its" | "their" | "our" | "my" | "your"
        ))
        && (word == lemma || (word.ends_with('s') && !word.ends_with("ss")))
}

/// "Democratic claims", "Republican promises": a lone adjective (a capitalised word with an
/// adjective ending, no entity or a demonym) is no subject of an "-s" form.
fn lone_adjective_subject(ctx: &Ctx, edge: usize, c: usize) -> bool {
    let demonym = ctx.tok_mention[edge].is_some_and(|m| ctx.mentions[m].rule.contains("demonym"));
    edge + 1 == c
        && ctx.toks[edge].cap
        && (ctx.entity_at(edge).is_none() || demonym)
        && ctx.toks[c].lower.ends_with('s')
        && ["ic", "an", "ish", "ese", "al"]
            .iter()
            .any(|suf| ctx.toks[edge].lower.ends_with(suf))
}

/// "his home state of Ohio", "the seven states where ...": "state" is far more often the noun;
/// the verb takes "that" or a colon.
fn state_as_a_noun(ctx: &Ctx, c: usize, lemma: &str) -> bool {
    lemma == "state"
        && !ctx
            .toks
            .get(c + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "that" | ":"))
}

/// "continued to" is aspect ("Ruiz continued to lead the count", "continues to insist that"),
/// not speech: the cue at `c` (`n` tokens, lemma `lemma`).
pub(super) fn is_aspect(ctx: &Ctx, c: usize, n: usize, lemma: &str) -> bool {
    lemma == "continue" && ctx.toks.get(c + n).is_some_and(|t| t.lower == "to")
}

/// "Lee's plan is", "a plan", "his claims": a possessive or determiner right before the cue at
/// `c` makes it a noun ("he's claiming", "who's called for" are contractions, not possessives).
pub(super) fn determiner_before_cue(ctx: &Ctx, c: usize, s0: usize) -> bool {
    if c <= s0 {
        return false;
    }
    let p = &ctx.toks[c - 1];
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
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn noun_uses_of_cue_words_are_not_speech() {
        // "plan", "claims" after a possessive or determiner are nouns
        let v = stmts(
            "Berg's plans would cost the treasury two billion pesos.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:?}");
        let v = stmts("A plan similar to the old one was shelved.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
        // "state" as a noun, "continued to" as aspect
        let v = stmts(
            "Chilean state media have given the raids wide coverage in Lima.",
            PEOPLE,
        );
        assert!(v.iter().all(|s| s.cue != "state"), "{v:?}");
        let v = stmts("Ruiz continued to lead the count in Lima.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
        let v = stmts("The Daily Courier states that the port will close.", PEOPLE);
        assert_eq!(one(&v, "port will close").cue, "states");
        // near miss: a contraction of "he is" keeps the verb
        let v = stmts(
            "Berg spoke on Monday. He's claiming that the count was rigged.",
            PEOPLE,
        );
        assert_eq!(one(&v, "count was rigged").speaker, Some(1));
    }

    #[test]
    fn a_bare_cue_after_an_article_or_possessive_heads_a_noun() {
        // "a media request", not "a media" requesting
        let v = stmts(
            "Ruiz rejected a media request to open the port files on Monday.",
            PEOPLE,
        );
        assert!(!v.iter().any(|s| s.cue == "request"), "{v:#?}");
        // the same before and after a quotation, and after a possessive
        let v = stmts(
            "The spot, titled \"Arrogant,\" features a Daily Courier report.",
            PEOPLE,
        );
        assert!(v.is_empty(), "{v:#?}");
        let v = stmts("Ruiz appeared on Berg's show, \"Harbour Talk.\"", PEOPLE);
        assert!(v.is_empty(), "{v:#?}");
        // near misses: an inflected form, or a modal before the bare one, is a verb
        let v = stmts("A Lima court requests that the files stay sealed.", PEOPLE);
        assert!(
            one(&v, "files stay sealed").speaker_text.is_some(),
            "{v:#?}"
        );
        let v = stmts(
            "A Lima court will request that the files stay closed.",
            PEOPLE,
        );
        assert!(
            one(&v, "files stay closed").speaker_text.is_some(),
            "{v:#?}"
        );
    }

    #[test]
    fn a_lone_adjective_is_no_speaker() {
        let v = stmts(
            "The Daily Courier rated 22 percent of Republican claims as false in May.",
            PEOPLE,
        );
        assert!(!v.iter().any(|s| s.cue == "claims"), "{v:#?}");
        // near misses: the country itself, and a plural noun, are subjects
        let v = stmts("Chile claims the port is closed.", PEOPLE);
        assert_eq!(one(&v, "port is closed").speaker, Some(2));
        let v = stmts("Republicans claim the port is closed.", PEOPLE);
        assert!(one(&v, "port is closed").speaker_text.is_some(), "{v:#?}");
    }
}

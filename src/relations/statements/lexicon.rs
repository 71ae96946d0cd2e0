//! Word lists of the statement rules: cue lemmas by how they take their content, and the
//! small closed classes of words the rules test for.

/// Cue lemmas that quote a name rather than report a claim ("called it a 'farce'").
pub(super) fn is_naming_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "call" | "describe" | "refer" | "dub" | "label" | "term" | "brand" | "characterize"
    )
}

/// Cues that take a person object before the content ("told reporters that").
pub(super) fn takes_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell"
            | "warn"
            | "assure"
            | "remind"
            | "inform"
            | "notify"
            | "ask"
            | "urge"
            | "brief"
            | "promise"
            | "caution"
            | "advise"
    )
}

/// Verbs between a report noun and an -ing cue ("reports surfaced indicating").
pub(super) fn is_emergence_verb(w: &str) -> bool {
    matches!(
        w,
        "surfaced" | "emerged" | "circulated" | "appeared" | "came" | "spread" | "suggested"
    )
}

/// Verbs of evidence: their subject may be a thing ("the data show that"), which is not a
/// source of speech.
pub(super) fn is_evidence_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "show" | "indicate" | "signal" | "suggest" | "reveal" | "find" | "demonstrate" | "prove"
    )
}

/// Cues that report speech only with a that-clause ("agreed that ...", not "agreed on a
/// quota" or "agreed to meet"; "spoke that ..." but not "spoke on condition of anonymity").
pub(super) fn needs_that(lemma: &str) -> bool {
    matches!(
        lemma,
        "agree" | "accept" | "plan" | "decide" | "propose" | "speak"
    )
}

/// Evaluation cues: with a noun-phrase object ("criticized the decision") they judge a thing
/// and report no content; with a clause they do ("criticized that the talks were slow").
pub(super) fn is_evaluation_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "praise"
            | "criticize"
            | "criticise"
            | "condemn"
            | "denounce"
            | "blame"
            | "applaud"
            | "hail"
            | "slam"
            | "commend"
            | "laud"
            | "decry"
            | "question"
    )
}

/// Words that open a relative clause after "that" ("the claim that was made").
pub(super) fn is_relative_start(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "is"
            | "were"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "said"
            | "says"
            | "came"
    )
}

/// Cues whose noun-phrase object is usually not speech ("recalled its ambassador", "added
/// troops"): they need a clause.
pub(super) fn needs_clause(lemma: &str) -> bool {
    matches!(
        lemma,
        "recall"
            | "add"
            | "address"
            | "raise"
            | "express"
            | "point"
            | "mention"
            | "repeat"
            | "reject"
            | "refuse"
            | "dismiss"
            | "suspect"
            | "welcome"
            | "oppose"
            | "accept"
            | "state"
            | "answer"
            | "respond"
            | "reply"
            | "write"
            | "post"
            | "tweet"
            | "release"
            | "issue"
    )
}

/// Cues that introduce reported content without "that" ("X said the talks failed").
pub(super) fn is_speech_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "claim"
            | "insist"
            | "argue"
            | "believe"
            | "think"
            | "warn"
            | "deny"
            | "assert"
            | "allege"
            | "emphasize"
            | "stress"
            | "suggest"
            | "explain"
            | "maintain"
            | "contend"
            | "reiterate"
            | "acknowledge"
            | "admit"
            | "predict"
            | "vow"
            | "promise"
            | "add"
            | "note"
            | "state"
            | "tell reporters"
            | "believe that"
            | "fear"
            | "hope"
            | "expect"
            | "estimate"
            | "conclude"
            | "caution"
            | "speculate"
            | "assume"
            | "guess"
    )
}

/// A word that opens a subordinate clause ("while", "as", "although", "because", ...).
pub(in crate::relations) fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "while"
            | "as"
            | "although"
            | "though"
            | "when"
            | "whereas"
            | "since"
            | "because"
            | "if"
            | "once"
            | "until"
            | "unless"
            | "after"
            | "before"
    )
}

/// Words that end a "where/how it was said" phrase after a cue ("in a statement", "through a
/// spokesman").
pub(super) fn is_venue_word(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "interview"
            | "briefing"
            | "conference"
            | "post"
            | "speech"
            | "email"
            | "letter"
            | "message"
            | "broadcast"
            | "tweet"
            | "address"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "representative"
            | "lawyer"
            | "attorney"
            | "aide"
            | "release"
            | "call"
    )
}

/// Verbs whose infinitive's subject is their own: the speaker of "continues to insist",
/// "wanted to say", "declined to comment" is the subject of the governing verb.
pub(super) fn is_governing_verb(w: &str) -> bool {
    matches!(
        w,
        "continue"
            | "continues"
            | "continued"
            | "want"
            | "wants"
            | "wanted"
            | "seem"
            | "seems"
            | "seemed"
            | "appear"
            | "appears"
            | "appeared"
            | "began"
            | "begin"
            | "begins"
            | "tried"
            | "tries"
            | "try"
            | "went"
            | "goes"
            | "go"
            | "used"
            | "has"
            | "have"
            | "had"
            | "refused"
            | "declined"
    )
}

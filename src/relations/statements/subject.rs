//! The speaker of a verb cue: the subject before it (a pronoun, a relative "who", a noun
//! phrase, a name before an apposition), the subject of the clause for a participle or a
//! coordinated verb, or the speaker after it ("..., said the minister"). [`Builder::verb_speaker`]
//! tries the rules in that order; the first that decides wins.

use std::ops::ControlFlow::{self, Break, Continue};

use super::lexicon::{is_emergence_verb, is_governing_verb};
use super::{Builder, Found, is_time_phrase, split_and};
use crate::model::{EntityType, Span};
use crate::relations::speakers::{
    self, Speaker, SpeakerState, is_subject_pronoun, left_np, left_np_with, resolve, right_np,
    skip_adverbials_back,
};
use crate::relations::{Ctx, NounKind};

/// A speaker found for a verb cue: the speaker, whether it follows the cue (inverted: "said
/// X"), and the token where the speaker phrase starts (or ends, when inverted).
pub(super) type Subject = (Speaker, bool, usize);

/// A subject rule's verdict: `Break(found)` ends the search with `found` (`None`: the cue has no
/// speaker), `Continue` hands on to the next rule.
type Verdict = ControlFlow<Option<Subject>>;

/// `Break` with a found subject, `Continue` without one.
fn take(found: Option<Subject>) -> Verdict {
    match found {
        Some(subject) => Break(Some(subject)),
        None => Continue(()),
    }
}

/// "an official who said": the relative pronoun right before the cue speaks for the entity
/// right before it.
fn relative_pronoun_subject(ctx: &Ctx, k: usize, s0: usize) -> Option<Subject> {
    if !(k > s0 && matches!(ctx.toks[k - 1].lower.as_str(), "who" | "which")) {
        return None;
    }
    let mut m = k - 1;
    if m > s0 && ctx.toks[m - 1].lower == "," {
        m -= 1;
    }
    let entity = (m > s0).then(|| ctx.entity_at(m - 1)).flatten();
    let sp = Speaker {
        entity,
        text: ctx.toks[k - 1].span.slice(ctx.text).to_string(),
        span: ctx.toks[k - 1].span,
        report_noun: false,
        rule: if entity.is_some() {
            "relative"
        } else {
            "relative.unresolved"
        },
    };
    Some((sp, false, k - 1))
}

/// Is the phrase `a..b` after a preposition ("In a statement announcing ...")?
fn after_preposition(ctx: &Ctx, sp: Span) -> bool {
    let k = ctx.toks.partition_point(|t| t.span.start < sp.start);
    k > 0
        && matches!(
            ctx.toks[k - 1].lower.as_str(),
            "in" | "on" | "at" | "with" | "by"
        )
}

impl Builder<'_, '_> {
    /// The speaker of a verb cue at `c` (`n` tokens) in the sentence `s0..s1`.
    pub(super) fn verb_speaker(&self, c: usize, n: usize, s0: usize, s1: usize) -> Option<Subject> {
        match self.subject_rules(c, n, s0, s1) {
            Break(found) => found,
            Continue(()) => None,
        }
    }

    /// The subject rules of [`Builder::verb_speaker`], in order.
    fn subject_rules(&self, c: usize, n: usize, s0: usize, s1: usize) -> Verdict {
        let ctx = self.ctx;
        let ing = ctx.toks[c].lower.ends_with("ing");
        let k = self.subject_end(c, s0, ing);
        self.pronoun_subject(k, s0)?;
        take(relative_pronoun_subject(ctx, k, s0))?;
        take(self.noun_phrase_subject(k, s0, ing))?;
        if k > s0 && ctx.toks[k - 1].lower == "," {
            take(self.apposition_subject(k, s0))?;
            if ing && self.state.lenient {
                take(self.participle_continues_statement(c, s0))?;
                take(self.clause_subject(s0, k - 1))?;
            }
        }
        // coordination: "X did this, and said ..." -> the subject of the clause
        if k > s0 + 1 && ctx.toks[k - 1].lower == "and" && self.state.lenient {
            take(self.clause_subject(s0, k - 1))?;
        }
        self.inverted_subject(c, n, k, s0, s1, ing)
    }

    /// Where the subject before the cue at `c` ends: before adverbials, before a governing verb
    /// ("continues to insist", "wanted to say": the subject of that verb) and, for an -ing cue,
    /// before a verb of emergence ("reports surfaced indicating").
    fn subject_end(&self, c: usize, s0: usize, ing: bool) -> usize {
        let ctx = self.ctx;
        let mut k = skip_adverbials_back(ctx, c, s0);
        if self.state.lenient
            && k > s0 + 1
            && ctx.toks[k - 1].lower == "to"
            && is_governing_verb(&ctx.toks[k - 2].lower)
        {
            let mut g = k - 2;
            if g > s0 && ctx.toks[g - 1].lower == "on" {
                g -= 1;
            }
            k = skip_adverbials_back(ctx, g, s0);
        }
        if ing && k > s0 && is_emergence_verb(&ctx.toks[k - 1].lower) {
            k -= 1;
        }
        k
    }

    /// "he said", "I think": a subject pronoun right before the cue (ending at `k`).
    fn pronoun_subject(&self, k: usize, s0: usize) -> Verdict {
        let ctx = self.ctx;
        if k > s0 && is_subject_pronoun(&ctx.toks[k - 1].lower) {
            return Break(resolve(ctx, k - 1, k, &self.state).map(|sp| (sp, false, k - 1)));
        }
        Continue(())
    }

    /// "The minister said": the noun phrase right before the cue (ending at `k`, nothing but
    /// punctuation other than a comma between). "X sent a letter to Y asking ...": a document
    /// that is a verb's object speaks for that verb's subject.
    fn noun_phrase_subject(&self, k: usize, s0: usize, ing: bool) -> Option<Subject> {
        let ctx = self.ctx;
        let (a, b) = left_np_with(ctx, k, s0, self.state.lenient)?;
        if !(b..k).all(|x| ctx.toks[x].punct && ctx.toks[x].lower != ",") {
            return None;
        }
        let sp = resolve(ctx, a, b, &self.state)?;
        if ing
            && a > s0
            && !ctx.toks[a - 1].punct
            && (a..b).any(|x| ctx.noun(x) == Some(NounKind::Report))
            && let Some(best) = self.clause_subject(s0, a)
        {
            return Some(best);
        }
        Some((sp, false, a))
    }

    /// "Lee, a spokesperson for the ministry, said": the subject before an apposition that ends
    /// with the comma before the cue (at `k - 1`); the apposition may hold commas of its own
    /// ("X, the attorney general of Y, one of the states, said").
    fn apposition_subject(&self, k: usize, s0: usize) -> Option<Subject> {
        let ctx = self.ctx;
        let lo = (k - 1).saturating_sub(40).max(s0);
        for p in (lo..k - 1).rev() {
            if ctx.toks[p].lower != "," || p + 1 >= k - 1 {
                continue;
            }
            if ctx.cue_at(p + 1).is_some() {
                return self.participial_aside_subject(p, s0);
            }
            let Some((a, b)) = left_np(ctx, p, s0) else {
                continue;
            };
            if b != p || is_time_phrase(ctx, a, b) {
                continue;
            }
            // the phrase is the subject: it opens the sentence or a clause
            let subject =
                a == s0 || ctx.toks[a - 1].punct || (a - 1 == s0 || ctx.toks[a - 2].punct);
            if !subject {
                continue;
            }
            let found = self
                .name_between_commas_after_title(a, b, p, k)
                .or_else(|| self.named_subject_before_apposition(a, b, p));
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// "Berg, noting the size of the crowd, said ...": a participial aside (opening at the
    /// comma `p`) between a named subject and its verb.
    fn participial_aside_subject(&self, p: usize, s0: usize) -> Option<Subject> {
        let ctx = self.ctx;
        if !ctx.toks[p + 1].lower.ends_with("ing") {
            return None;
        }
        let (a, b) = left_np(ctx, p, s0)?;
        if b != p
            || !(a == s0 || ctx.toks[a - 1].punct)
            || !(ctx.toks[b - 1].cap || ctx.tok_mention[b - 1].is_some())
        {
            return None;
        }
        let sp = resolve(ctx, a, b, &self.state)?;
        Some((sp, false, a))
    }

    /// "The party's chairman, Ann Lee, said", "Chile's Minister of Mining, Ann Lee, said": the
    /// name between the commas (`p` and `k - 1`) after an unnamed or title phrase `a..b`; after
    /// a title phrase it must be a person (a person's name after "of"/"for" is the title's
    /// complement, not its holder).
    fn name_between_commas_after_title(
        &self,
        a: usize,
        b: usize,
        p: usize,
        k: usize,
    ) -> Option<Subject> {
        let ctx = self.ctx;
        let title_phrase = (a..b).any(|x| ctx.title_at(x, b).is_some())
            && !(a..b).any(|x| {
                ctx.entity_at(x)
                    .is_some_and(|e| ctx.etype(e) == EntityType::Person)
                    && !(x > a && matches!(ctx.toks[x - 1].lower.as_str(), "of" | "for"))
            });
        let unnamed = !(ctx.toks[b - 1].cap || ctx.tok_mention[b - 1].is_some());
        if !(unnamed || title_phrase) {
            return None;
        }
        let (na, nb) = left_np(ctx, k - 1, p + 1)?;
        if na != p + 1 || nb != k - 1 || !ctx.toks[nb - 1].cap {
            return None;
        }
        let sp = resolve(ctx, na, nb, &self.state)?;
        let person = sp
            .entity
            .is_some_and(|e| ctx.etype(e) == EntityType::Person);
        (unnamed || person).then_some((sp, false, na))
    }

    /// "Lee, a spokesperson for the ministry, said", "An official, who asked not to be named,
    /// said": a named subject `a..b` (or an unnamed source before a relative clause) before the
    /// apposition opening at the comma `p`.
    fn named_subject_before_apposition(&self, a: usize, b: usize, p: usize) -> Option<Subject> {
        let ctx = self.ctx;
        let named = ctx.toks[b - 1].cap
            || ctx.tok_mention[b - 1].is_some()
            || (ctx.toks[p + 1].lower == "who" && ctx.noun(b - 1).is_some());
        if !named {
            return None;
        }
        let sp = resolve(ctx, a, b, &self.state)?;
        Some((sp, false, a))
    }

    /// ", stating that ...": the participle of a speech verb goes on from the statement of the
    /// main clause in the same sentence, by a named speaker first. Not a statement nested in
    /// another's content ("X told them that she believes A, saying B" is X saying), nor one
    /// whose speaker follows a preposition ("In a statement announcing it, the union called
    /// ..., citing" is the union citing), nor a possessive nominal cue.
    fn participle_continues_statement(&self, c: usize, s0: usize) -> Option<Subject> {
        let ctx = self.ctx;
        let nested = |f: &Found| {
            f.statement.cue_span.is_some_and(|cue| {
                self.out
                    .iter()
                    .any(|g| !std::ptr::eq(f, g) && g.statement.content_span.contains(cue))
            })
        };
        let earlier = |named: bool| {
            self.out.iter().rev().find(|f| {
                f.statement.sentence.contains(ctx.toks[c].span)
                    && f.statement
                        .speaker_span
                        .is_some_and(|sp| !after_preposition(ctx, sp))
                    && (!named || f.statement.speaker.is_some())
                    && !f.statement.rule.starts_with("indirect.nominal")
                    && !nested(f)
            })
        };
        let prev = earlier(true).or_else(|| earlier(false))?;
        let sp = prev.statement.speaker_span?;
        let speaker = Speaker {
            entity: prev.statement.speaker,
            text: prev.statement.speaker_text.clone().unwrap_or_default(),
            span: sp,
            report_noun: false,
            rule: "participle",
        };
        Some((speaker, false, s0))
    }

    /// ", said the minister.", ", said he", ", said 9/11 widow Ann Lee.": the speaker after a
    /// cue that opens the sentence or follows a comma or a closing quote (a participle has
    /// none: ", calling it ..." is not "it" calling).
    fn inverted_subject(
        &self,
        c: usize,
        n: usize,
        k: usize,
        s0: usize,
        s1: usize,
        ing: bool,
    ) -> Verdict {
        let ctx = self.ctx;
        let after = c + n;
        let inverted_ok = !ing
            && (k > s0 && matches!(ctx.toks[k - 1].lower.as_str(), "," | "\u{201D}" | "\"")
                || k == s0);
        if !inverted_ok {
            return Continue(());
        }
        if after < s1 && is_subject_pronoun(&ctx.toks[after].lower) {
            return Break(
                resolve(ctx, after, after + 1, &self.state).map(|sp| (sp, true, after + 1)),
            );
        }
        take(self.inverted_noun_phrase(after, s1))?;
        take(self.inverted_descriptor_name(after, s1))
    }

    /// ", said the minister.": the noun phrase right after the cue.
    fn inverted_noun_phrase(&self, after: usize, s1: usize) -> Option<Subject> {
        let ctx = self.ctx;
        let (a, b) = right_np(ctx, after, s1)
            .or_else(|| speakers::right_np_with(ctx, after, s1, self.state.lenient))?;
        if a != after {
            return None;
        }
        let sp = resolve(ctx, a, b, &self.state)?;
        Some((sp, true, b))
    }

    /// ", said 9/11 widow Ann Lee.": a descriptor before the name -- a few words without
    /// punctuation, then a person's name that closes the clause.
    fn inverted_descriptor_name(&self, after: usize, s1: usize) -> Option<Subject> {
        let ctx = self.ctx;
        let m0 = (after..(after + 5).min(s1)).find(|&x| {
            ctx.entity_at(x)
                .is_some_and(|e| ctx.etype(e) == EntityType::Person)
        })?;
        let descriptor = m0 > after
            && (after..m0).all(|x| {
                (!ctx.toks[x].punct || matches!(ctx.toks[x].lower.as_str(), "/" | "-"))
                    && ctx.tok_mention[x].is_none()
            });
        if !descriptor {
            return None;
        }
        let m1 = (m0..s1)
            .find(|&x| ctx.tok_mention[x] != ctx.tok_mention[m0])
            .unwrap_or(s1);
        if !(m1 == s1 || ctx.toks[m1].punct) {
            return None;
        }
        let sp = resolve(ctx, m0, m1, &self.state)?;
        Some((sp, true, m1))
    }

    /// The subject of the clause before token `limit`: the last noun phrase that opens the
    /// sentence or follows a comma and is followed by a word (its verb).
    fn clause_subject(&self, s0: usize, limit: usize) -> Option<Subject> {
        let ctx = self.ctx;
        let lenient = SpeakerState {
            lenient: true,
            ..self.state.clone()
        };
        let mut best = None;
        for p in s0..limit {
            if !(p == s0 || ctx.toks[p - 1].lower == ",") {
                continue;
            }
            if let Some((a, b)) = speakers::right_np_with(ctx, p, limit, true)
                && a == p
                && b < limit
                && !ctx.toks[b].punct
                && !is_time_phrase(ctx, a, b)
                && let Some(sp) = resolve(ctx, a, b, &lenient)
            {
                best = Some((sp, false, a));
            }
        }
        best
    }

    /// The sources of a subject phrase `a..b` that coordinates names ("Yonhap and Kyodo",
    /// "Chile, Peru and Bolivia"): one speaker per part when there are at least two and every
    /// part is a distinct named entity; `None` otherwise.
    pub(super) fn coordinated(&self, a: usize, b: usize) -> Option<Vec<Speaker>> {
        let ctx = self.ctx;
        if b <= a || !(a..b).any(|i| ctx.toks[i].lower == "and" && ctx.tok_mention[i].is_none()) {
            return None;
        }
        let parts = split_and(ctx, a, b);
        if parts.len() < 2 {
            return None;
        }
        let mut out: Vec<Speaker> = Vec::new();
        for (pa, pb) in parts {
            let sp = resolve(ctx, pa, pb, &self.state)?;
            let e = sp.entity?;
            if out.iter().any(|x| x.entity == Some(e)) {
                return None;
            }
            out.push(sp);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::statements::testkit::*;

    #[test]
    fn coordinated_named_sources_give_one_statement_each() {
        let t =
            "The talks collapsed on Friday, the Daily Courier and the Evening Gazette reported.";
        let v = stmts(t, PEOPLE);
        let mut spk: Vec<_> = v.iter().map(|s| s.speaker).collect();
        spk.sort();
        assert_eq!(spk, vec![Some(3), Some(4)], "{v:#?}");
        let v = stmts(
            "Ruiz and Berg said that the border would stay closed.",
            PEOPLE,
        );
        assert_eq!(v.len(), 2, "{v:#?}");
        // near miss: a single source is one statement
        let v = stmts(
            "The Daily Courier reported that the talks collapsed.",
            PEOPLE,
        );
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(v[0].speaker, Some(3));
    }

    #[test]
    fn name_after_a_title_phrase_is_the_speaker() {
        let t = "Chile's Minister of Mining, Ana Ruiz, said in Lima that the mine would reopen.";
        let v = stmts(t, PEOPLE);
        let s = one(&v, "mine would reopen");
        assert_eq!(s.speaker, Some(0));
        assert_eq!(s.content, "the mine would reopen");
        let ents: Ents = &[
            ("Ana Ruiz", Person, &["Ana Ruiz"]),
            ("Norway", Country, &["Norway"]),
            // a recogniser may take a title's complement for a name
            ("Fisheries", Person, &["Fisheries"]),
        ];
        let t = "The deal was signed on Friday. Norway's Minister of Fisheries, Ana Ruiz, said in Oslo that the mine would reopen.";
        assert_eq!(one(&stmts(t, ents), "mine would").speaker, Some(0));
        // near miss: a name before the commas stays the speaker
        let t = "Tomas Berg, the Minister of Mining, said that the mine would reopen.";
        assert_eq!(one(&stmts(t, PEOPLE), "mine would").speaker, Some(1));
    }

    #[test]
    fn outlet_names_surnames_and_the_outlet() {
        let ents: Ents = &[
            ("Daily Courier", Organization, &["Daily Courier"]),
            ("Luis Ortega", Person, &["Luis Ortega"]),
            ("QTV", Organization, &["QTV"]),
            ("Hekla", Other, &["Hekla"]),
        ];
        // a name of unknown type before "news agency" names the agency
        let v = stmts("Hekla news agency reported that the talks collapsed.", ents);
        assert_eq!(one(&v, "talks collapsed").speaker, Some(3));
        let v = stmts(
            "Daily Courier news agency reported that the talks collapsed.",
            ents,
        );
        assert_eq!(one(&v, "talks collapsed").speaker, Some(0));
        // near miss: the agency of an outlet's owner is not named by the possessive
        let v = stmts(
            "The Daily Courier's news agency reported that the talks collapsed.",
            ents,
        );
        assert_eq!(one(&v, "talks collapsed").speaker, None);
        // an unlinked surname of the document's only person with that name
        let v = stmts(
            "Luis Ortega arrived late. \"We will stay,\" Ortega said.",
            ents,
        );
        assert_eq!(one(&v, "We will stay").speaker, Some(1));
        let two: Ents = &[
            ("Luis Ortega", Person, &["Luis Ortega"]),
            ("Marta Ortega", Person, &["Marta Ortega"]),
        ];
        let v = stmts(
            "Luis Ortega and Marta Ortega arrived. \"We will stay,\" Ortega said.",
            two,
        );
        assert_eq!(one(&v, "We will stay").speaker, None);
        // ... unless only one of them was named just before
        let v = stmts(
            "Luis Ortega and Marta Ortega arrived. It rained all day. Marta Ortega spoke first. \"We will stay,\" Ortega said.",
            two,
        );
        assert_eq!(one(&v, "We will stay").speaker, Some(1));
        // "the outlet" after an organization credited with a report (of unknown kind)
        let v = stmts(
            "The Daily Courier covered the port. QTV reported that the ships left. The outlet also reported that the crews stayed.",
            ents,
        );
        assert_eq!(one(&v, "crews stayed").speaker, Some(2));
        // near miss: with no report credited nearby, the most recent media organization
        let v = stmts(
            "The Daily Courier covered the port. The outlet also reported that the crews stayed.",
            ents,
        );
        assert_eq!(one(&v, "crews stayed").speaker, Some(0));
    }

    #[test]
    fn participles_have_no_inverted_subject() {
        let v = stmts(
            "Chile's President Ana Ruiz welcomed the ruling, calling it \"a fair end\".",
            PEOPLE,
        );
        assert_eq!(one(&v, "a fair end").speaker, Some(0), "{v:#?}");
        // near miss: an inverted subject after a past-tense cue
        let v = stmts("\"It is a fair end,\" said Ruiz.", PEOPLE);
        assert_eq!(one(&v, "fair end").speaker, Some(0));
        // an unlisted group noun heads the phrase, not the country after "in"
        let v = stmts(
            "Farmers' groups in both countries said the deal came too late.",
            PEOPLE,
        );
        assert_eq!(
            one(&v, "too late").speaker_text.as_deref(),
            Some("Farmers' groups in both countries")
        );
    }

    #[test]
    fn apposition_speaker() {
        let v = stmts(
            "Tomas Berg, a spokesperson for the Chilean foreign ministry, remarked that the talks failed.",
            PEOPLE,
        );
        assert_eq!(one(&v, "talks failed").speaker, Some(1));
    }

    #[test]
    fn pronoun_and_outlet_speakers() {
        let v = stmts(
            "The Daily Courier interviewed Ana Ruiz. She said the border will reopen. The outlet reported that Berg resigned.",
            PEOPLE,
        );
        assert_eq!(one(&v, "border will reopen").speaker, Some(0));
        assert_eq!(one(&v, "Berg resigned").speaker, Some(3));
        assert_eq!(one(&v, "Berg resigned").about, vec![1]);
    }

    #[test]
    fn relative_who_and_parenthetical_speakers() {
        let v = stmts("He met Tomas Berg, who said the deal was dead.", PEOPLE);
        let s = one(&v, "deal was dead");
        assert_eq!(s.speaker, Some(1));
        assert_eq!(s.speaker_text.as_deref(), Some("who"));
        let v = stmts(
            "\"We are ready,\" Sen. Ana Ruiz (D-Chile) said Friday.",
            PEOPLE,
        );
        assert_eq!(one(&v, "We are ready").speaker, Some(0));
    }

    #[test]
    fn a_participial_aside_between_subject_and_verb() {
        let v = stmts(
            "Tomas Berg, noting the size of the crowd, said the movement was growing.",
            PEOPLE,
        );
        assert_eq!(one(&v, "movement was growing").speaker, Some(1));
        let v = stmts(
            "Tomas Berg, noting the size of the crowd, said, \u{201c}This is a movement.\u{201d}",
            PEOPLE,
        );
        assert_eq!(one(&v, "This is a movement.").speaker, Some(1));
        let noting = v.iter().find(|s| s.cue == "noting").expect("the aside");
        assert_eq!(noting.content, "the size of the crowd");
        // near miss: an aside of a common noun is no named subject
        let v = stmts(
            "The crowd, noting the rain, said nothing of the harbour plan.",
            PEOPLE,
        );
        assert!(v.iter().all(|s| s.speaker.is_none()), "{v:#?}");
    }

    #[test]
    fn an_inverted_unnamed_speaker_with_unlisted_words() {
        let v = stmts("\"We were tricked,\" said a shop owner in Lima.", PEOPLE);
        let s = one(&v, "We were tricked");
        assert_eq!(
            (s.speaker, s.speaker_text.as_deref()),
            (None, Some("a shop owner in Lima"))
        );
        let v = stmts(
            "\"We were tricked,\" said one owner of a shoe shop.",
            PEOPLE,
        );
        assert_eq!(
            one(&v, "We were tricked").speaker_text.as_deref(),
            Some("one owner of a shoe shop")
        );
        // near miss: a named speaker stays named
        let v = stmts("\"We were tricked,\" said Ruiz.", PEOPLE);
        assert_eq!(one(&v, "We were tricked").speaker, Some(0));
    }

    #[test]
    fn coordinated_and_infinitive_speakers_and_asides() {
        let v = stmts(
            "Berg left the party in May, and said the vote was rigged.",
            PEOPLE,
        );
        assert_eq!(one(&v, "vote was rigged").speaker, Some(1));
        let v = stmts("Ruiz continues to insist that the vote was rigged.", PEOPLE);
        assert_eq!(one(&v, "vote was rigged").speaker, Some(0));
        let v = stmts(
            "Ruiz insisted, most recently on Monday, that the vote was rigged.",
            PEOPLE,
        );
        assert_eq!(one(&v, "vote was rigged").content, "the vote was rigged");
        // near miss: "and" between two objects is no coordination of speech
        let v = stmts("Ruiz met Berg and Lima officials.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }

    #[test]
    fn a_date_is_never_the_subject_of_a_participle() {
        let v = stmts(
            "On Thursday, however, Ruiz spoke to the dockworkers, promising to lift the port tax.",
            PEOPLE,
        );
        assert_eq!(one(&v, "lift the port tax").speaker, Some(0), "{v:#?}");
        let v = stmts(
            "In August, the dockworkers of Lima marched again, saying the port tax was unfair.",
            PEOPLE,
        );
        assert!(
            !v.iter()
                .any(|s| s.speaker_text.as_deref() == Some("August"))
        );
    }

    #[test]
    fn a_participle_skips_a_speaker_inside_a_prepositional_phrase() {
        let v = stmts(
            "In a statement announcing the deal, the Daily Courier praised Ruiz, citing her work after the flood.",
            PEOPLE,
        );
        assert_eq!(one(&v, "her work").speaker, Some(3), "{v:#?}");
    }

    #[test]
    fn a_descriptor_before_an_inverted_speaker() {
        let v = stmts(
            "\u{201c}The port must stay open,\u{201d} said harbour widow Ana Ruiz.",
            PEOPLE,
        );
        assert_eq!(one(&v, "must stay open").speaker, Some(0));
        // near miss: a name followed by more words is the object of a longer clause
        let v = stmts(
            "\u{201c}Why?\u{201d} said nothing about Ana Ruiz and her plans for the port.",
            PEOPLE,
        );
        assert!(v.iter().all(|s| s.speaker != Some(0)), "{v:#?}");
        // ", and when pressed ...": the writer's subordinate clause
        assert_eq!(
            content_of(
                "Ruiz said the port would close, and when pressed, she left.",
                "port would"
            ),
            "the port would close"
        );
    }

    #[test]
    fn a_participle_goes_on_from_the_main_clause_not_a_nested_one() {
        let v = run_attitudes(&doc(
            "Ruiz told the crowd that Berg believes the port must close, saying that he was wrong.",
            PEOPLE,
        ))
        .0;
        assert_eq!(one(&v, "he was wrong").speaker, Some(0), "{v:#?}");
    }

    #[test]
    fn a_sent_document_speaks_for_its_sender() {
        let ents: Ents = &[
            ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
            ("Luis Mendes", Person, &["Luis Mendes", "Mendes"]),
        ];
        let text = "Ruiz sent a letter to Foreign Minister Luis Mendes asking for the sailors to \
                    be freed.";
        let v = stmts(text, ents);
        let s = one(&v, "sailors");
        assert_eq!(s.speaker_text.as_deref(), Some("Ruiz"));
        // near miss: people who are the object speak for themselves
        let text = "Ruiz met protesters outside the ministry asking for the sailors to be freed.";
        let v = stmts(text, ents);
        assert!(
            v.iter().all(|s| s.speaker_text.as_deref() != Some("Ruiz")),
            "{v:#?}"
        );
    }

    #[test]
    fn unnamed_sources_and_beliefs() {
        let v = stmts("Analysts believe Chile will hold early elections.", PEOPLE);
        let s = one(&v, "early elections");
        assert_eq!(s.speaker, None);
        assert_eq!(s.speaker_text.as_deref(), Some("Analysts"));
        let v = stmts(
            "Reports indicate that Chile will hold early elections.",
            PEOPLE,
        );
        assert_eq!(one(&v, "early elections").speaker, None);
        let v = stmts(
            "A senior Chilean diplomatic source said the talks failed.",
            PEOPLE,
        );
        let s = one(&v, "talks failed");
        assert_eq!(s.speaker, None);
        assert_eq!(s.about, Vec::<u32>::new());
        // near miss: a thing that "believes" nothing
        let v = stmts("The bridge indicates the border.", PEOPLE);
        assert!(v.is_empty(), "{v:?}");
    }
}

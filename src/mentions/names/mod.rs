//! The recogniser proper: capitalised runs, titles, gazetteer readings and name shapes.
//!
//! Each rule is a function named after what it matches; the files group them by family:
//!
//! - [`headlines`]: the mode of a sentence (ordinary, Title Case headline, ALL CAPS) and the
//!   few safe readings of an ALL-CAPS headline or byline;
//! - [`runs`]: capitalised runs — which tokens start one and what a run takes in;
//! - [`titles`]: titles before, inside and after a run, and the pieces they split it into;
//! - [`pieces`]: one piece of a run — trimming, splitting, gazetteer names inside it;
//! - [`gazetteer_names`]: the reading of a gazetteer name (country, capital as government or
//!   city, demonym, organization, place);
//! - [`orgs`]: organizations by head word;
//! - [`classify`]: the ordered table of rules that types any other name, drawing on
//!   [`people`] and [`places`];
//! - [`document`]: passes over the whole document (compass names, hyphen compounds, shared
//!   short forms, landforms, sentence-initial words), and [`sports`] teams.

mod classify;
mod document;
mod gazetteer_names;
mod headlines;
mod orgs;
mod people;
mod pieces;
mod places;
mod runs;
mod sports;
mod titles;

use super::Candidate;
use super::gazetteer::{GazEntry, Gazetteer, TokKeys};
use crate::model::{EntityType, Span};
use crate::text::{WordTok, word_tokens};
use rustc_hash::FxHashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Normal,
    /// Headline in Title Case: capitalised common words are not names.
    TitleCase,
    /// ALL CAPS headline or byline: capitals are no evidence.
    AllCaps,
}

/// Lower-case words that may connect the parts of an organization or place name.
const CONNECTORS: &[&str] = &["of", "for", "the", "on", "and"];
/// Prefixes before which a demonym is not a country mention ("inter-Korean", "pan-European").
const NONCOUNTRY_PREFIX: &[&str] = &["inter", "intra", "pan", "trans"];

struct Sent<'a> {
    idx: usize,
    toks: Vec<WordTok<'a>>,
    /// The keys of `toks`.
    keys: TokKeys,
    mode: Mode,
}

impl Sent<'_> {
    /// Index of the first word token (0 when there is none).
    fn first_word(&self) -> usize {
        self.toks.iter().position(|t| t.word).unwrap_or(0)
    }

    /// Does the sentence, a quotation or a parenthesis start at token `p`?
    fn starts_at(&self, p: usize) -> bool {
        p == self.first_word() || (p > 0 && is_opening(&self.toks[p - 1]))
    }
}

/// A gazetteer name starting at a token: its length in tokens and its entries.
struct Hit {
    len: usize,
    entries: Vec<GazEntry>,
}

struct Ctx<'a, 'r> {
    text: &'a str,
    g: &'r Gazetteer,
    out: Vec<Candidate>,
    /// "the North": (span, text, compass word, sentence).
    compass: Vec<(Span, String, String, usize)>,
    /// Words the document also writes in lower case ("fisheries"): ordinary words when
    /// capitalised in a title or at a sentence start.
    lower_words: FxHashSet<&'a str>,
}

pub fn recognize(text: &str, sentences: &[Span], g: &Gazetteer) -> Vec<Candidate> {
    let sents: Vec<Sent<'_>> = sentences
        .iter()
        .enumerate()
        .map(|(idx, s)| {
            let toks = word_tokens(text, *s, &g.abbreviations);
            let mode = headlines::mode_of(&toks, g);
            let keys = TokKeys::of(&toks);
            Sent {
                idx,
                toks,
                keys,
                mode,
            }
        })
        .collect();
    let lower_words = sents
        .iter()
        .flat_map(|s| s.toks.iter())
        .filter(|t| t.word && t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text)
        .collect();
    let mut cx = Ctx {
        text,
        g,
        out: Vec::new(),
        compass: Vec::new(),
        lower_words,
    };
    for s in sents.iter().filter(|s| s.mode != Mode::AllCaps) {
        cx.sentence(s);
    }
    let body = headlines::BodyNames::of(&cx.out);
    for s in sents.iter().filter(|s| s.mode == Mode::AllCaps) {
        cx.allcaps(s, &body);
    }
    cx.resolve_compass();
    let mut out = cx.out;
    sports::sports_teams(&mut out, &sents);
    document::resolve_shared_short(&mut out, g);
    document::landforms(&mut out, &sents);
    document::drop_unsupported_initials(&mut out, &sents);
    document::split_hyphen_compounds(&mut out);
    longer_span_wins(out)
}

/// Overlapping names: the one that starts first wins, and of two that start together the
/// longer.
fn longer_span_wins(mut out: Vec<Candidate>) -> Vec<Candidate> {
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out {
        if let Some(last) = kept.last()
            && last.span.overlaps(c.span)
        {
            continue;
        }
        kept.push(c);
    }
    kept
}

fn lower_in(t: &WordTok<'_>, list: &[&str]) -> bool {
    crate::normalize::with_lowercase(t.text, |l| list.contains(&l))
}

fn is_opening(t: &WordTok<'_>) -> bool {
    matches!(
        t.text,
        "\"" | "\u{201C}"
            | "\u{2018}"
            | "'"
            | "("
            | "["
            | ":"
            | "\u{2014}"
            | "-"
            | "\u{2013}"
            | "|"
    )
}

impl Ctx<'_, '_> {
    /// Records the name `[p, q)` of sentence `s`, with no gazetteer id, title or family-first
    /// flag; the caller sets those on the returned candidate where it has them.
    fn push(
        &mut self,
        s: &Sent<'_>,
        p: usize,
        q: usize,
        etype: EntityType,
        rule: &str,
        conf: f32,
    ) -> &mut Candidate {
        let span = Span::new(s.toks[p].span.start, s.toks[q - 1].span.end);
        self.out.push(Candidate {
            span,
            text: span.slice(self.text).to_string(),
            etype,
            gazetteer_id: None,
            title: None,
            rule: rule.to_string(),
            confidence: conf,
            family_first: false,
            sentence: s.idx,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// Direct access to the recogniser's parts, for the tests of single rules.
#[cfg(test)]
mod test_support {
    use super::*;

    /// The first sentence of `text`, tokenised, with its mode.
    pub(super) fn sent(text: &str) -> Sent<'_> {
        let r = crate::mentions::tests::res();
        let span = crate::text::sentences(text, &r.abbreviations)
            .first()
            .copied()
            .expect("a sentence");
        let toks = word_tokens(text, span, &r.abbreviations);
        let mode = headlines::mode_of(&toks, &r.gazetteer);
        let keys = TokKeys::of(&toks);
        Sent {
            idx: 0,
            toks,
            keys,
            mode,
        }
    }

    /// A recogniser over `text` that has found nothing yet.
    pub(super) fn ctx(text: &str) -> Ctx<'_, 'static> {
        Ctx {
            text,
            g: &crate::mentions::tests::res().gazetteer,
            out: Vec::new(),
            compass: Vec::new(),
            lower_words: FxHashSet::default(),
        }
    }

    /// The index of the first token written `word`.
    pub(super) fn at(s: &Sent<'_>, word: &str) -> usize {
        s.toks
            .iter()
            .position(|t| t.text == word)
            .expect("the word is in the sentence")
    }
}

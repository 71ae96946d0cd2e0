//! Titles: before a run ("national security advisor X"), inside it ("Trade Minister X" splits
//! "Trade Minister" off the name) and in an apposition after it ("X, a spokesperson for ...").

use super::{CONNECTORS, Ctx, Hit, Sent, lower_in};
use crate::mentions::gazetteer::TitleInfo;
use crate::text::WordTok;

/// Words that end the search for a title in an apposition ("X, met with the Foreign Minister").
const APPOSITION_STOP: &[&str] = &[
    "with", "and", "or", "to", "at", "in", "on", "for", "of", "by", "from", "said", "says", "met",
    "told", "was", "is", "has", "had", "will", "would", "which", "that", "but", "as",
];

/// A piece of a run between titles: `[p, q)` and the title before it.
type Piece = (usize, usize, Option<TitleInfo>);

impl Ctx<'_, '_> {
    /// Reads the capitalised run `[start, end)`: splits it at the titles inside it and reads
    /// each piece, the last one with the apposition title after the run.
    pub(super) fn run(&mut self, s: &Sent<'_>, hits: &[Option<Hit>], start: usize, end: usize) {
        let pieces = self.pieces_between_titles(s, hits, start, end);
        let last = pieces.len().saturating_sub(1);
        for (i, (p, q, t)) in pieces.into_iter().enumerate() {
            let appos = if i == last {
                self.title_after(s, end)
            } else {
                None
            };
            self.piece(s, hits, p, q, t, appos);
        }
    }

    /// The pieces of a run between the titles inside it, each with the title before it.
    fn pieces_between_titles(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        start: usize,
        end: usize,
    ) -> Vec<Piece> {
        let toks = &s.toks;
        let mut pieces: Vec<Piece> = Vec::new();
        let mut title = self.title_before(s, start);
        let mut p = start;
        let mut k = start;
        while k < end {
            if let Some(l) = self.gazetteer_or_org_phrase_at(s, hits, k) {
                k += l;
                continue;
            }
            let Some((l, t)) = self.title_splitting_run_at(s, p, k, end) else {
                k += 1;
                continue;
            };
            if k > p && !self.portfolio_before_title(s, hits, p, k) {
                pieces.push((p, k, title.take()));
            }
            title = t;
            k += l;
            // "Minister of Defence X", "Secretary of State X": the portfolio belongs to the
            // title, and so does all of it when nothing follows ("Minister of Agriculture, X")
            if k + 1 < end && toks[k].text == "of" {
                k = self.portfolio_end(s, hits, k + 1, end);
            }
            p = k;
        }
        if p < end {
            pieces.push((p, end, title));
        }
        pieces
    }

    /// A gazetteer name or organization phrase at `k` (a title inside it splits nothing):
    /// its length.
    fn gazetteer_or_org_phrase_at(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        k: usize,
    ) -> Option<usize> {
        if let Some(h) = &hits[k] {
            return Some(h.len);
        }
        self.g
            .org_phrases
            .longest(&s.toks, &s.keys, k, 6)
            .map(|(l, _)| l)
    }

    /// A capitalised title at `k` that splits the run (it fits in the run and ends no
    /// organization name): its length and the title.
    fn title_splitting_run_at(
        &self,
        s: &Sent<'_>,
        p: usize,
        k: usize,
        end: usize,
    ) -> Option<(usize, Option<TitleInfo>)> {
        let toks = &s.toks;
        if !(toks[k].cap || toks[k].upper) {
            return None;
        }
        let (l, ts) = self.g.titles.longest(toks, &s.keys, k, 6)?;
        if k + l > end || title_word_ends_an_org_name(toks, p, k) {
            return None;
        }
        Some((l, ts.first().cloned()))
    }

    /// "Oceans Minister X", "Trade Secretary X": ordinary words before a title name its
    /// portfolio and belong to it.
    fn portfolio_before_title(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        p: usize,
        k: usize,
    ) -> bool {
        (p..k).all(|j| hits[j].is_none() && self.ordinary(&s.toks[j]))
    }

    /// A lower-case title right before the run ("national security advisor John Bolton"), or
    /// a title and its portfolio before a comma ("Minister of Agriculture, John Bolton").
    fn title_before(&self, s: &Sent<'_>, start: usize) -> Option<TitleInfo> {
        if let Some(t) = self.title_ending_at(s, start) {
            return Some(t);
        }
        let toks = &s.toks;
        if start < 2 || toks[start - 1].text != "," {
            return None;
        }
        let e = start - 1;
        if let Some(t) = self.title_ending_at(s, e).filter(|_| toks[e - 1].cap) {
            return Some(t);
        }
        // back over the portfolio to "of"
        let mut o = e;
        while o > 0 && e - o < 6 {
            o -= 1;
            let t = &toks[o];
            if t.text == "of" {
                return self.title_ending_at(s, o).filter(|_| o + 1 < e);
            }
            if !(t.word && (t.cap || matches!(t.text, "and" | "the"))) {
                break;
            }
        }
        None
    }

    /// A title of up to four words ending right before token `end`.
    fn title_ending_at(&self, s: &Sent<'_>, end: usize) -> Option<TitleInfo> {
        for l in (1..=4usize).rev() {
            if end < l {
                continue;
            }
            if let Some((len, ts)) = self.g.titles.longest(&s.toks, &s.keys, end - l, l)
                && len == l
            {
                return ts.first().cloned();
            }
        }
        None
    }

    /// A title in an apposition after the run ("X, a spokesperson for ...", "X, the minister").
    fn title_after(&self, s: &Sent<'_>, end: usize) -> Option<TitleInfo> {
        let toks = &s.toks;
        if toks.get(end).map(|t| t.text) != Some(",") {
            return None;
        }
        let mut i = end + 1;
        if toks.get(i).is_some_and(|t| {
            crate::normalize::with_lowercase(t.text, |l| {
                matches!(l, "a" | "an" | "the" | "who" | "its" | "his" | "her")
            })
        }) {
            i += 1;
        }
        for j in i..(i + 4).min(toks.len()) {
            if !toks[j].word {
                break;
            }
            if let Some((_, ts)) = self.g.titles.longest(toks, &s.keys, j, 6) {
                return ts.first().cloned();
            }
            // only modifiers may come before the title ("a senior", "Japan's"), not a verb or
            // a preposition ("X, met with the Foreign Minister")
            let stop = crate::normalize::with_lowercase(toks[j].text, |w| {
                APPOSITION_STOP.contains(&w) || w.ends_with("ed")
            });
            if !toks[j].cap && stop {
                break;
            }
        }
        None
    }

    /// Is this capitalised word an ordinary one (a common word, or one the document also
    /// writes in lower case), not a given name?
    pub(super) fn ordinary(&self, t: &WordTok<'_>) -> bool {
        t.word
            && !t.upper
            && !self.g.is_given_name(t.text)
            && (self.g.is_common(t.text)
                || crate::normalize::with_lowercase(t.text, |l| self.lower_words.contains(l)))
    }

    /// The end of a title's portfolio starting at `m` (after "of"): a gazetteer name or ordinary
    /// capitalised words joined by "and" ("of Oceans and Fisheries"), else one word; all of the
    /// run when the portfolio reaches its end.
    fn portfolio_end(&self, s: &Sent<'_>, hits: &[Option<Hit>], mut m: usize, end: usize) -> usize {
        let toks = &s.toks;
        if m < end && toks[m].text == "the" {
            m += 1;
        }
        if m >= end {
            return end;
        }
        let mut e = m + hits[m].as_ref().map_or(1, |h| h.len);
        if hits[m].is_none() && self.ordinary(&toks[m]) {
            loop {
                if e < end && self.ordinary(&toks[e]) && hits[e].is_none() {
                    e += 1;
                } else if e + 1 < end
                    && toks[e].text == "and"
                    && self.ordinary(&toks[e + 1])
                    && hits[e + 1].is_none()
                {
                    e += 2;
                } else {
                    break;
                }
            }
        }
        if e >= end || (end - e == 1 && toks[e].text == "and") {
            return end;
        }
        e
    }
}

/// "Office of the President": a title word after a connector ("of", "for the") ends an
/// organization name and does not split it.
fn title_word_ends_an_org_name(toks: &[WordTok<'_>], p: usize, k: usize) -> bool {
    k > p
        && lower_in(&toks[k - 1], CONNECTORS)
        && (!lower_in(&toks[k - 1], &["the"])
            || (k >= p + 2 && lower_in(&toks[k - 2], &["of", "for", "to"])))
}

#[cfg(test)]
mod tests {
    use crate::mentions::tests::{found, has, rec};
    use crate::model::EntityType::*;

    #[test]
    fn a_title_after_of_the_ends_an_organization_name() {
        assert!(has(
            "A letter came from the Office of the President today.",
            "Office of the President",
            Organization
        ));
        // near miss: after "and the" the title splits the run
        let c = found("Later Laura Kent and the President met.");
        assert_eq!(c, vec![("Laura Kent".to_string(), Person)]);
    }

    #[test]
    fn a_title_inside_an_organization_phrase_splits_nothing() {
        assert!(has(
            "The Tarsk General Staff said so.",
            "Tarsk General Staff",
            Organization
        ));
        // near miss: the same title before a name is the name's title
        let c = rec("Yesterday General Olin Brastow said so.");
        let b = c.iter().find(|c| c.text == "Olin Brastow").expect("person");
        assert_eq!(b.title.as_deref(), Some("General"));
    }
}

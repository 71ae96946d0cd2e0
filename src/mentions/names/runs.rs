//! Capitalised runs: the gazetteer names of a sentence, which tokens may start or continue a
//! name, and what joins the tokens of one run.

use super::{CONNECTORS, Ctx, Hit, Mode, Sent, lower_in};
use crate::mentions::gazetteer::{GazEntry, case_ok};
use crate::text::WordTok;

/// Name particles that may sit lower case inside a person's name.
const PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "von", "der", "den", "de", "da", "van", "del", "della", "di",
    "du", "dos", "das", "la", "le", "ter", "zu", "abu", "ben", "y",
];
/// Lower-case words that a hyphen may glue to a name without being part of it ("Trump-led").
const HYPHEN_SUFFIX_STOP: &[&str] = &[
    "led",
    "run",
    "based",
    "born",
    "backed",
    "owned",
    "style",
    "era",
    "linked",
    "related",
    "funded",
    "made",
    "bound",
    "wide",
    "like",
    "controlled",
    "allied",
    "sponsored",
    "friendly",
    "specific",
    "level",
    "type",
    "class",
    "brokered",
    "hosted",
    "imposed",
    "centric",
    "bashing",
    "aligned",
    "oriented",
    "registered",
    "flagged",
    "listed",
    "held",
    "occupied",
    "speaking",
    "dominated",
    "inspired",
    "esque",
    "ish",
    "ist",
    "ism",
    "only",
    "free",
    "proof",
    "plus",
    "affiliated",
    "appointed",
    "elect",
    "trained",
    "educated",
    "designed",
    "built",
    "themed",
    "focused",
    "heavy",
    "less",
    "mania",
    "gate",
    "year",
    "old",
    "led",
    "made",
    "bashing",
    "ally",
    "allies",
    "supporting",
    "supported",
    "leaning",
    "approved",
    "imposed",
];

impl Ctx<'_, '_> {
    /// Finds the capitalised runs of an ordinary or Title Case sentence and reads each.
    pub(super) fn sentence(&mut self, s: &Sent<'_>) {
        let hits = self.gaz_hits(s);
        let in_gaz = covered_by_gazetteer(&hits);
        let mut k = 0;
        while k < s.toks.len() {
            if !self.nameish(s, k, in_gaz[k]) {
                k += 1;
                continue;
            }
            let start = particle_glued_before(s, k);
            let end = self.extend_run(s, &hits, &in_gaz, start, k + 1);
            self.run(s, &hits, start, end);
            k = end;
        }
    }

    /// The gazetteer names of a sentence, longest first from left to right: `hits[i]` is the
    /// name starting at token `i`, if one does.
    pub(super) fn gaz_hits(&self, s: &Sent<'_>) -> Vec<Option<Hit>> {
        let toks = &s.toks;
        let mut hits: Vec<Option<Hit>> = (0..toks.len()).map(|_| None).collect();
        let mut i = 0;
        while i < toks.len() {
            if let Some((l, es)) = self.g.names.longest(toks, &s.keys, i, 10) {
                let ok = entries_in_their_case(toks, i, l, es);
                if !ok.is_empty() && !self.article_before_a_bare_name(s, i, l, &ok) {
                    hits[i] = Some(Hit {
                        len: l,
                        entries: ok,
                    });
                    i += l;
                    continue;
                }
            }
            i += 1;
        }
        hits
    }

    /// "The Philippines": the article is not part of a name that stands without it.
    fn article_before_a_bare_name(
        &self,
        s: &Sent<'_>,
        i: usize,
        l: usize,
        entries: &[GazEntry],
    ) -> bool {
        let article = l >= 2 && matches!(s.toks[i].text, "The" | "the" | "THE");
        article
            && self
                .g
                .names
                .longest(&s.toks, &s.keys, i + 1, l - 1)
                .is_some_and(|(bl, bes)| {
                    bl == l - 1 && bes.iter().any(|b| entries.iter().any(|e| e.gid == b.gid))
                })
    }

    /// May token `k` be part of a name? A capitalised or upper-case word that is no number
    /// and no date, and in a Title Case headline no common word outside a gazetteer name.
    fn nameish(&self, s: &Sent<'_>, k: usize, in_gaz: bool) -> bool {
        let t = &s.toks[k];
        let headline_word = s.mode == Mode::TitleCase
            && !in_gaz
            && self.g.is_common(t.text)
            && !self.g.is_given_name(t.text);
        t.word
            && (t.cap || t.upper)
            && !t.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !headline_word
            && !is_date_word(t.text)
    }

    /// Extends the run `[start, end)` while one of the joining rules takes in more tokens.
    fn extend_run(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        in_gaz: &[bool],
        start: usize,
        mut end: usize,
    ) -> usize {
        loop {
            if end >= s.toks.len() || self.possessive_ends_run(s, hits, end - 1) {
                return end;
            }
            let joined = self
                .capitalised_word_joins(s, in_gaz, end)
                .or_else(|| self.initial_with_detached_dot(s, in_gaz, end))
                .or_else(|| lower_case_syllable_after_hyphen(s, hits, end))
                .or_else(|| self.particle_or_connector_before_capital(s, in_gaz, end))
                .or_else(|| self.portfolio_list_end(s, hits, start, end));
            match joined {
                Some(e) => end = e,
                None => return end,
            }
        }
    }

    /// A possessive ends a run ("Marta Quinlan's plan"), except inside a gazetteer name
    /// ("Democratic People's Republic") or before an organization head ("Fishers' Union").
    fn possessive_ends_run(&self, s: &Sent<'_>, hits: &[Option<Hit>], k: usize) -> bool {
        s.toks[k].possessive
            && !possessive_inside(&s.toks, k, hits)
            && !self.plural_possessive_before_head(s, k, hits)
    }

    /// "Fishers' Association", "Veterans' Party": a plural possessive inside an organization
    /// name, before its head word.
    fn plural_possessive_before_head(&self, s: &Sent<'_>, k: usize, hits: &[Option<Hit>]) -> bool {
        let toks = &s.toks;
        let t = &toks[k];
        let after = &self.text[t.span.end..];
        let plural = t.text.ends_with('s')
            && after.starts_with(['\'', '\u{2019}'])
            && !after[after.chars().next().map_or(1, char::len_utf8)..].starts_with(['s', 'S']);
        plural
            && t.cap
            && hits[k].is_none()
            && !self.g.is_given_name(t.text)
            && toks
                .get(k + 1)
                .is_some_and(|h| h.cap && self.g.org_head(h.text).is_some())
    }

    /// The next capitalised word joins the run.
    fn capitalised_word_joins(&self, s: &Sent<'_>, in_gaz: &[bool], end: usize) -> Option<usize> {
        self.nameish(s, end, in_gaz[end]).then_some(end + 1)
    }

    /// "Regina M . Benjamin": an initial with a detached dot (tokenised text) before a
    /// capitalised word.
    fn initial_with_detached_dot(
        &self,
        s: &Sent<'_>,
        in_gaz: &[bool],
        end: usize,
    ) -> Option<usize> {
        let toks = &s.toks;
        let initial = &toks[end - 1];
        let fires = toks[end].text == "."
            && initial.word
            && initial.text.chars().count() == 1
            && initial.cap
            && end + 1 < toks.len()
            && self.nameish(s, end + 1, in_gaz[end + 1]);
        fires.then_some(end + 2)
    }

    /// "Ursula von der Leyen", "Ministry of Foreign Affairs": up to two lower-case particles
    /// or connectors followed by a capitalised word.
    fn particle_or_connector_before_capital(
        &self,
        s: &Sent<'_>,
        in_gaz: &[bool],
        end: usize,
    ) -> Option<usize> {
        let toks = &s.toks;
        let n = toks.len();
        let mut m = end;
        while m < n
            && m < end + 2
            && toks[m].word
            && !toks[m].cap
            && !toks[m].hyphen_before
            && (lower_in(&toks[m], PARTICLES) || lower_in(&toks[m], CONNECTORS))
        {
            m += 1;
        }
        let fires = m > end && m < n && self.nameish(s, m, in_gaz[m]) && !toks[m].hyphen_before;
        fires.then_some(m + 1)
    }

    /// "Ministry of Trade, Industry and Fisheries": after an "X of Y" organization run ending
    /// at `end` (at a comma), the end of a list ", Y2, Y3 and Y4" of single ordinary
    /// capitalised words, if there is one.
    fn portfolio_list_end(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        start: usize,
        end: usize,
    ) -> Option<usize> {
        let toks = &s.toks;
        if toks[end].text != "," {
            return None;
        }
        let of_head = (start..end.saturating_sub(1)).any(|k| {
            toks[k + 1].text == "of"
                && self
                    .g
                    .org_head(toks[k].text)
                    .is_some_and(|h| h.position == "any" || h.position == "first")
        });
        if !of_head || !self.ordinary(&toks[end - 1]) {
            return None;
        }
        let word = |j: usize| {
            toks.get(j)
                .is_some_and(|t| t.cap && hits[j].is_none() && self.ordinary(t))
        };
        let mut j = end;
        loop {
            // j is at a separator
            match toks.get(j).map(|t| t.text) {
                Some(",") if word(j + 1) => j += 2,
                Some(",") if toks.get(j + 1).is_some_and(|t| t.text == "and") && word(j + 2) => {
                    return Some(j + 3);
                }
                Some("and") if j > end && word(j + 1) => return Some(j + 2),
                _ => return None,
            }
        }
    }
}

/// For each token: is it inside a gazetteer name?
fn covered_by_gazetteer(hits: &[Option<Hit>]) -> Vec<bool> {
    let mut in_gaz = vec![false; hits.len()];
    for (i, h) in hits.iter().enumerate() {
        if let Some(h) = h {
            for f in in_gaz.iter_mut().skip(i).take(h.len) {
                *f = true;
            }
        }
    }
    in_gaz
}

/// The entries of the gazetteer name `toks[i..i + l]` whose case the text matches.
fn entries_in_their_case(
    toks: &[WordTok<'_>],
    i: usize,
    l: usize,
    entries: &[GazEntry],
) -> Vec<GazEntry> {
    entries
        .iter()
        .filter(|e| {
            (0..l).all(|k| {
                e.surface
                    .get(k)
                    .is_some_and(|sf| case_ok(toks[i + k].text, sf))
            })
        })
        .cloned()
        .collect()
}

/// Dates are no names ("December T-bonds", "Friday Mitchell"); "May" may be one.
fn is_date_word(w: &str) -> bool {
    (crate::text::is_month(w) && !w.eq_ignore_ascii_case("may"))
        || crate::text::is_weekday(w)
        || matches!(
            w,
            "Jan." | "Feb." | "Aug." | "Sept." | "Sep." | "Oct." | "Nov." | "Dec."
        )
}

/// "al-Assad": a lower-case particle glued by a hyphen before the name starts the run.
fn particle_glued_before(s: &Sent<'_>, k: usize) -> usize {
    let toks = &s.toks;
    let glued = k > 0
        && toks[k].hyphen_before
        && toks[k - 1].word
        && !toks[k - 1].cap
        && lower_in(&toks[k - 1], PARTICLES);
    if glued { k - 1 } else { k }
}

/// "Jong-un": a lower-case syllable glued by a hyphen to the name (not "-led", "-based", nor
/// after a gazetteer name).
fn lower_case_syllable_after_hyphen(
    s: &Sent<'_>,
    hits: &[Option<Hit>],
    end: usize,
) -> Option<usize> {
    let t = &s.toks[end];
    let fires = t.word
        && t.hyphen_before
        && !t.cap
        && !lower_in(t, HYPHEN_SUFFIX_STOP)
        && !gaz_ends_at(hits, end)
        && t.text.chars().all(char::is_alphabetic);
    fires.then_some(end + 1)
}

fn gaz_ends_at(hits: &[Option<Hit>], end: usize) -> bool {
    hits.iter()
        .enumerate()
        .take(end)
        .any(|(i, h)| h.as_ref().is_some_and(|h| i + h.len == end))
}

/// "People's" inside a gazetteer name ("Democratic People's Republic of Korea").
fn possessive_inside(toks: &[WordTok<'_>], k: usize, hits: &[Option<Hit>]) -> bool {
    hits.iter()
        .enumerate()
        .take(k + 1)
        .any(|(i, h)| h.as_ref().is_some_and(|h| i + h.len > k + 1))
        && toks[k].possessive
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, sent};
    use super::particle_glued_before;
    use crate::mentions::tests::{found, gid_of, has};
    use crate::model::EntityType::*;

    #[test]
    fn dates_are_no_part_of_a_name_but_may_is() {
        let c = found("He said Friday Olin Brastow would resign.");
        assert_eq!(c, vec![("Olin Brastow".to_string(), Person)]);
        // near miss: "May" may be a given name
        assert!(has("Later May Brastow spoke.", "May Brastow", Person));
    }

    #[test]
    fn a_possessive_inside_a_gazetteer_name_does_not_end_it() {
        let t = "The Democratic People's Republic of Korea replied.";
        assert_eq!(
            gid_of(t, "Democratic People's Republic of Korea").as_deref(),
            Some("country:KP")
        );
        // near miss: outside a gazetteer name the possessive ends the run
        let c = found("Officials of Quinlan's Republic Party met.");
        assert!(c.iter().any(|(n, _)| n == "Quinlan"));
        assert!(c.contains(&("Republic Party".to_string(), Organization)));
    }

    #[test]
    fn an_initial_with_a_detached_dot_joins_the_name() {
        assert!(has(
            "Later Olin J . Brastow spoke .",
            "Olin J . Brastow",
            Person
        ));
        // near miss: a word of more than one letter before the dot ends a sentence
        let c = found("They thanked Brastow . Olin Quell left .");
        assert!(c.iter().any(|(n, _)| n == "Brastow"));
        assert!(c.iter().any(|(n, _)| n == "Olin Quell"));
    }

    #[test]
    fn a_lower_case_syllable_after_a_hyphen_joins_the_name() {
        assert!(has(
            "Critics met Pak Sol-mi on Monday.",
            "Pak Sol-mi",
            Person
        ));
        // near miss: "-led" is no syllable of the name
        let c = found("The Brastow-led team won.");
        assert_eq!(c, vec![("Brastow".to_string(), Other)]);
    }

    #[test]
    fn particles_before_a_capitalised_word_join_the_name() {
        assert!(has(
            "Later Margit von der Hollen spoke.",
            "Margit von der Hollen",
            Person
        ));
        // near miss: connectors before a lower-case word end the name
        let c = found("Olin Brastow of the agency said no.");
        assert_eq!(c, vec![("Olin Brastow".to_string(), Person)]);
    }

    #[test]
    fn a_particle_glued_before_the_name_starts_the_run() {
        let s = sent("Officials met Samir al-Haddadi on Monday.");
        let k = at(&s, "Haddadi");
        assert_eq!(particle_glued_before(&s, k), k - 1);
        // near miss: a prefix that is no name particle
        let s = sent("The anti-Haddadi camp spoke.");
        let k = at(&s, "Haddadi");
        assert_eq!(particle_glued_before(&s, k), k);
    }
}

//! The recogniser proper: capitalised runs, titles, gazetteer readings and name shapes.

use super::Candidate;
use super::gazetteer::{GazEntry, GazKind, Gazetteer, LOCATION_HEADS, TitleInfo, case_ok, tok_key};
use crate::Resources;
use crate::model::{EntityType, Span};
use crate::text::{WordTok, word_tokens};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Normal,
    /// Headline in Title Case: capitalised common words are not names.
    TitleCase,
    /// ALL CAPS headline or byline: capitals are no evidence.
    AllCaps,
}

/// Name particles that may sit lower case inside a person's name.
const PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "von", "der", "den", "de", "da", "van", "del", "della", "di",
    "du", "dos", "das", "la", "le", "ter", "zu", "abu", "ben", "y",
];
/// Lower-case words that may connect the parts of an organization or place name.
const CONNECTORS: &[&str] = &["of", "for", "the", "on", "and"];
/// Prepositions after which an unknown or capital name is a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "into",
    "inside",
    "outside",
    "across",
    "around",
    "throughout",
    "via",
    "visit",
    "visited",
    "visiting",
    "visits",
];
/// Words after which "to X" is movement to a place.
const MOTION: &[&str] = &[
    "trip",
    "travel",
    "travelled",
    "traveled",
    "traveling",
    "travelling",
    "flew",
    "fly",
    "flying",
    "went",
    "go",
    "going",
    "came",
    "come",
    "coming",
    "return",
    "returned",
    "returning",
    "arrived",
    "moved",
    "headed",
    "heading",
    "journey",
    "flight",
    "visit",
    "back",
    "way",
    "route",
    "left",
    "departed",
    "bound",
    "leaving",
    "leaves",
];
/// Nouns after which a capital names the venue of an event ("the Hanoi summit").
const EVENT_NOUNS: &[&str] = &[
    "summit",
    "talks",
    "meeting",
    "conference",
    "declaration",
    "agreement",
    "accord",
    "process",
    "negotiations",
    "visit",
    "trip",
    "forum",
    "games",
    "olympics",
    "marathon",
    "round",
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
/// Nouns of nationality written before a name like a title.
const NATIONALITY_NOUNS: &[&str] = &[
    "Englishman",
    "Englishwoman",
    "Frenchman",
    "Frenchwoman",
    "Irishman",
    "Irishwoman",
    "Scotsman",
    "Scotswoman",
    "Welshman",
    "Welshwoman",
    "Dutchman",
    "Dutchwoman",
    "Countryman",
    "Kiwi",
    "Aussie",
];
/// Words that end the search for a title in an apposition ("X, met with the Foreign Minister").
const APPOSITION_STOP: &[&str] = &[
    "with", "and", "or", "to", "at", "in", "on", "for", "of", "by", "from", "said", "says", "met",
    "told", "was", "is", "has", "had", "will", "would", "which", "that", "but", "as",
];
/// Prepositions after which a name with a head that is also a landform ("X Bank") is the
/// landform.
const GEO_PREPOSITIONS: &[&str] = &[
    "near",
    "off",
    "around",
    "over",
    "across",
    "surrounding",
    "beyond",
    "toward",
    "towards",
];
/// Organization head words that also name landforms ("Tamarind Bank" shoal).
const LANDFORM_ORG_HEADS: &[&str] = &["bank", "banks"];
/// Nouns that make an apposition geographic ("X, a shallow reef").
const LANDFORM_NOUNS: &[&str] = &[
    "reef",
    "reefs",
    "shoal",
    "shoals",
    "atoll",
    "island",
    "islands",
    "sandbank",
    "bank",
    "ridge",
    "seamount",
    "lagoon",
    "waters",
    "area",
    "archipelago",
    "outcrop",
];
/// Nouns before "of" that make the name after it a place ("the province of X").
const PLACE_NOUNS_OF: &[&str] = &[
    "province",
    "region",
    "city",
    "town",
    "village",
    "island",
    "islands",
    "county",
    "district",
    "prefecture",
    "state",
    "municipality",
    "port",
    "republic",
];
/// Prefixes before which a demonym is not a country mention ("inter-Korean", "pan-European").
const NONCOUNTRY_PREFIX: &[&str] = &["inter", "intra", "pan", "trans"];

struct Sent<'a> {
    idx: usize,
    toks: Vec<WordTok<'a>>,
    mode: Mode,
}

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
    lower_words: std::collections::HashSet<String>,
}

fn mode_of(toks: &[WordTok<'_>], g: &Gazetteer) -> Mode {
    let words: Vec<&WordTok<'_>> = toks
        .iter()
        .filter(|t| t.word && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    if words.len() >= 2 {
        let upper = words.iter().filter(|t| t.upper).count();
        if upper * 10 >= words.len() * 6 {
            return Mode::AllCaps;
        }
    }
    let ends_with_period = toks
        .iter()
        .rev()
        .find(|t| !matches!(t.text, "\"" | "\u{201D}" | "'" | "\u{2019}" | ")"))
        .is_some_and(|t| matches!(t.text, "." | "?" | "!"));
    let content: Vec<&&WordTok<'_>> = words
        .iter()
        .filter(|t| !g.common.contains(&t.text.to_lowercase()) || t.text.len() >= 4)
        .filter(|t| t.text.len() >= 4)
        .collect();
    if !ends_with_period && content.len() >= 3 {
        let cap = content.iter().filter(|t| t.cap).count();
        // a headline capitalises ordinary words; a list of names or a results line does not
        let cap_common = content
            .iter()
            .filter(|t| t.cap && g.is_common(t.text) && !g.is_given_name(t.text))
            .count();
        if cap * 4 >= content.len() * 3 && cap_common >= 2 {
            return Mode::TitleCase;
        }
    }
    Mode::Normal
}

pub fn recognize(text: &str, sentences: &[Span], res: &Resources) -> Vec<Candidate> {
    let g = &res.gazetteer;
    let sents: Vec<Sent<'_>> = sentences
        .iter()
        .enumerate()
        .map(|(idx, s)| {
            let toks = word_tokens(text, *s, &res.abbreviations);
            let mode = mode_of(&toks, g);
            Sent { idx, toks, mode }
        })
        .collect();
    let lower_words = sents
        .iter()
        .flat_map(|s| s.toks.iter())
        .filter(|t| t.word && t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text.to_string())
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
    // names seen in the body, for ALL-CAPS headlines and bylines
    let mut known: HashMap<String, (EntityType, Option<String>, bool)> = HashMap::new();
    let mut known_max = 1;
    for c in &cx.out {
        let k = crate::normalize::key(&c.text);
        known_max = known_max.max(k.split(' ').count());
        known
            .entry(k)
            .or_insert((c.etype, c.gazetteer_id.clone(), c.family_first));
    }
    // people's short forms too ("TARANGO" for Jeff Tarango), when only one person has it
    let mut shorts: HashMap<String, Vec<String>> = HashMap::new();
    for c in cx.out.iter().filter(|c| c.etype == EntityType::Person) {
        let k = crate::normalize::key(&c.text);
        let toks: Vec<&str> = k.split(' ').collect();
        if toks.len() >= 2 {
            let short = if c.family_first {
                toks[0]
            } else {
                toks[toks.len() - 1]
            };
            let v = shorts.entry(short.to_string()).or_default();
            if !v.contains(&k) {
                v.push(k.clone());
            }
        }
    }
    for (short, fulls) in shorts {
        if fulls.len() == 1 {
            known
                .entry(short)
                .or_insert((EntityType::Person, None, false));
        }
    }
    for s in sents.iter().filter(|s| s.mode == Mode::AllCaps) {
        cx.allcaps(s, &known, known_max);
    }
    cx.resolve_compass();
    let mut out = cx.out;
    sports_teams(&mut out, &sents);
    resolve_shared_short(&mut out, g);
    landforms(&mut out, &sents);
    drop_unsupported_initials(&mut out, &sents);
    split_hyphen_compounds(&mut out);
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
    });
    // overlaps: the longer span wins
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
    let l = t.text.to_lowercase();
    list.contains(&l.as_str())
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

impl<'a> Ctx<'a, '_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        s: &Sent<'_>,
        p: usize,
        q: usize,
        etype: EntityType,
        gid: Option<String>,
        title: Option<&TitleInfo>,
        rule: &str,
        conf: f32,
        family_first: bool,
    ) {
        let span = Span::new(s.toks[p].span.start, s.toks[q - 1].span.end);
        self.out.push(Candidate {
            span,
            text: span.slice(self.text).to_string(),
            etype,
            gazetteer_id: gid,
            title: title.map(|t| t.title.clone()),
            rule: rule.to_string(),
            confidence: conf,
            family_first,
            sentence: s.idx,
        });
    }

    fn gaz_hits(&self, s: &Sent<'_>) -> Vec<Option<Hit>> {
        let toks = &s.toks;
        let mut hits: Vec<Option<Hit>> = (0..toks.len()).map(|_| None).collect();
        let mut i = 0;
        while i < toks.len() {
            if let Some((l, es)) = self.g.names.longest(toks, i, 10) {
                let ok: Vec<GazEntry> = es
                    .iter()
                    .filter(|e| {
                        (0..l).all(|k| {
                            e.surface
                                .get(k)
                                .is_some_and(|sf| case_ok(toks[i + k].text, sf))
                        })
                    })
                    .cloned()
                    .collect();
                // "The Philippines": the article is not part of a name that stands without it
                let article = l >= 2 && matches!(toks[i].text, "The" | "the" | "THE");
                let bare = article
                    && self
                        .g
                        .names
                        .longest(toks, i + 1, l - 1)
                        .is_some_and(|(bl, bes)| {
                            bl == l - 1 && bes.iter().any(|b| ok.iter().any(|e| e.gid == b.gid))
                        });
                if !ok.is_empty() && !bare {
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

    fn nameish(&self, s: &Sent<'_>, k: usize, in_gaz: bool) -> bool {
        let t = &s.toks[k];
        if !t.word || !(t.cap || t.upper) {
            return false;
        }
        if t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        if s.mode == Mode::TitleCase
            && !in_gaz
            && self.g.is_common(t.text)
            && !self.g.is_given_name(t.text)
        {
            return false;
        }
        // dates are no names ("December T-bonds", "Friday Mitchell"); "May" may be one
        let date = (crate::text::is_month(t.text) && !t.text.eq_ignore_ascii_case("may"))
            || crate::text::is_weekday(t.text)
            || matches!(
                t.text,
                "Jan." | "Feb." | "Aug." | "Sept." | "Sep." | "Oct." | "Nov." | "Dec."
            );
        !date
    }

    fn sentence(&mut self, s: &Sent<'_>) {
        let toks = &s.toks;
        let n = toks.len();
        let hits = self.gaz_hits(s);
        let mut in_gaz = vec![false; n];
        for (i, h) in hits.iter().enumerate() {
            if let Some(h) = h {
                for f in in_gaz.iter_mut().skip(i).take(h.len) {
                    *f = true;
                }
            }
        }
        let mut k = 0;
        while k < n {
            if !self.nameish(s, k, in_gaz[k]) {
                k += 1;
                continue;
            }
            let mut start = k;
            // "al-Assad": a particle glued before the name
            if start > 0
                && toks[start].hyphen_before
                && toks[start - 1].word
                && !toks[start - 1].cap
                && lower_in(&toks[start - 1], PARTICLES)
            {
                start -= 1;
            }
            let mut end = k + 1;
            loop {
                if toks[end - 1].possessive
                    && !possessive_inside(toks, end - 1, &hits)
                    && !self.plural_possessive_before_head(s, end - 1, &hits)
                {
                    break;
                }
                let Some(t) = toks.get(end) else { break };
                if self.nameish(s, end, in_gaz[end]) {
                    end += 1;
                    continue;
                }
                // "Regina M . Benjamin": an initial with a detached dot (tokenised text)
                if t.text == "."
                    && toks[end - 1].word
                    && toks[end - 1].text.chars().count() == 1
                    && toks[end - 1].cap
                    && end + 1 < n
                    && self.nameish(s, end + 1, in_gaz[end + 1])
                {
                    end += 2;
                    continue;
                }
                // "Jong-un": a lower-case syllable glued to the name
                if t.word
                    && t.hyphen_before
                    && !t.cap
                    && !lower_in(t, HYPHEN_SUFFIX_STOP)
                    && !gaz_ends_at(&hits, end)
                    && t.text.chars().all(char::is_alphabetic)
                {
                    end += 1;
                    continue;
                }
                // particles and connectors followed by a capitalised word
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
                if m > end && m < n && self.nameish(s, m, in_gaz[m]) && !toks[m].hyphen_before {
                    end = m + 1;
                    continue;
                }
                // "Ministry of Trade, Industry and Fisheries": a list closes an "X of" name
                if t.text == ","
                    && let Some(e) = self.portfolio_list_end(s, &hits, start, end)
                {
                    end = e;
                    continue;
                }
                break;
            }
            self.run(s, &hits, start, end);
            k = end;
        }
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

    /// After an "X of Y" organization run ending at `end` (before a comma): the end of a list
    /// ", Y2, Y3 and Y4" of single ordinary capitalised words, if there is one.
    fn portfolio_list_end(
        &self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        start: usize,
        end: usize,
    ) -> Option<usize> {
        let toks = &s.toks;
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

    fn title_ending_at(&self, s: &Sent<'_>, end: usize) -> Option<TitleInfo> {
        for l in (1..=4usize).rev() {
            if end < l {
                continue;
            }
            if let Some((len, ts)) = self.g.titles.longest(&s.toks, end - l, l)
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
            matches!(
                t.text.to_lowercase().as_str(),
                "a" | "an" | "the" | "who" | "its" | "his" | "her"
            )
        }) {
            i += 1;
        }
        for j in i..(i + 4).min(toks.len()) {
            if !toks[j].word {
                break;
            }
            if let Some((_, ts)) = self.g.titles.longest(toks, j, 6) {
                return ts.first().cloned();
            }
            // only modifiers may come before the title ("a senior", "Japan's"), not a verb or
            // a preposition ("X, met with the Foreign Minister")
            let w = toks[j].text.to_lowercase();
            if !toks[j].cap && (APPOSITION_STOP.contains(&w.as_str()) || w.ends_with("ed")) {
                break;
            }
        }
        None
    }

    fn run(&mut self, s: &Sent<'_>, hits: &[Option<Hit>], start: usize, end: usize) {
        let toks = &s.toks;
        let mut pieces: Vec<(usize, usize, Option<TitleInfo>)> = Vec::new();
        let mut title = self.title_before(s, start);
        let mut p = start;
        let mut k = start;
        while k < end {
            if let Some(h) = &hits[k] {
                k += h.len;
                continue;
            }
            if let Some((l, _)) = self.g.org_phrases.longest(toks, k, 6) {
                k += l;
                continue;
            }
            if (toks[k].cap || toks[k].upper)
                && let Some((l, ts)) = self.g.titles.longest(toks, k, 6)
                && k + l <= end
            {
                // a title word at the end of an organization name is part of it
                // ("Office of the President" is not split)
                let after_connector = k > p
                    && lower_in(&toks[k - 1], CONNECTORS)
                    && (!lower_in(&toks[k - 1], &["the"])
                        || (k >= p + 2 && lower_in(&toks[k - 2], &["of", "for", "to"])));
                if !after_connector {
                    // "Oceans Minister X", "Trade Secretary X": ordinary words before a title
                    // name its portfolio
                    let portfolio =
                        k > p && (p..k).all(|j| hits[j].is_none() && self.ordinary(&toks[j]));
                    if k > p && !portfolio {
                        pieces.push((p, k, title.take()));
                    }
                    title = ts.first().cloned();
                    k += l;
                    // "Minister of Defence X", "Secretary of State X": the portfolio belongs to
                    // the title, and so does all of it when nothing follows ("Minister of
                    // Agriculture, X")
                    if k + 1 < end && toks[k].text == "of" {
                        k = self.portfolio_end(s, hits, k + 1, end);
                    }
                    p = k;
                    continue;
                }
            }
            k += 1;
        }
        if p < end {
            pieces.push((p, end, title));
        }
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

    /// Is this capitalised word an ordinary one (a common word, or one the document also
    /// writes in lower case), not a given name?
    fn ordinary(&self, t: &WordTok<'_>) -> bool {
        t.word
            && !t.upper
            && !self.g.is_given_name(t.text)
            && (self.g.is_common(t.text) || self.lower_words.contains(&t.text.to_lowercase()))
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

    fn piece(
        &mut self,
        s: &Sent<'_>,
        hits: &[Option<Hit>],
        mut p: usize,
        mut q: usize,
        title: Option<TitleInfo>,
        appos: Option<TitleInfo>,
    ) {
        let toks = &s.toks;
        let g = self.g;
        // leading articles and sentence-initial common words
        let first_word = toks.iter().position(|t| t.word).unwrap_or(0);
        while p < q {
            let t = &toks[p];
            let initial = p == first_word || (p > 0 && is_opening(&toks[p - 1]));
            // ("The Hague": the article of a gazetteer name stays)
            let article = matches!(t.text, "The" | "THE" | "A" | "An") && hits[p].is_none();
            let connector = !t.cap && !t.upper;
            if article
                || connector
                || (initial
                    && hits[p].is_none()
                    && g.is_common(t.text)
                    && !g.is_given_name(t.text)
                    && !(q > p + 1 && toks[p + 1].hyphen_before))
            {
                p += 1;
                continue;
            }
            break;
        }
        while q > p && !toks[q - 1].cap && !toks[q - 1].upper && !toks[q - 1].hyphen_before {
            q -= 1;
        }
        // a trailing lone letter ("Benjamin U . S .") is not part of the name
        while q > p + 1
            && (toks[q - 1].text == "."
                || (toks[q - 1].word && toks[q - 1].text.chars().count() == 1))
        {
            q -= 1;
        }
        if toks[p..q]
            .iter()
            .all(|t| !t.word || t.text.chars().filter(|c| c.is_alphabetic()).count() < 2)
        {
            return;
        }
        // "Englishman Robert Buckley": a nationality noun is a cue, not part of the name
        let mut title = title;
        if q > p + 1 && NATIONALITY_NOUNS.contains(&toks[p].text) {
            title = title.or_else(|| {
                Some(TitleInfo {
                    title: toks[p].text.to_string(),
                    kind: "nationality".into(),
                })
            });
            p += 1;
        }
        if p >= q {
            return;
        }
        // exact gazetteer name
        if let Some(h) = &hits[p]
            && p + h.len == q
        {
            self.gaz(s, hits, p);
            return;
        }
        // organization by structure
        if let Some(rule) = self.org_shape(s, p, q) {
            // a country modifier in front of a generic organization name is its own mention
            if let Some(h) = &hits[p] {
                // (a city starts the name of its institutes: "Oslo Institute for X")
                let is_country = h.entries.iter().any(|e| {
                    matches!(e.kind, GazKind::CountryName | GazKind::Demonym)
                        || (e.kind == GazKind::Capital
                            && g.org_head(toks[q - 1].text).is_some_and(|h| {
                                matches!(h.kind.as_str(), "government" | "military" | "legislature")
                            }))
                });
                let rest_generic = (p + h.len..q).all(|k| {
                    let t = &toks[k];
                    g.is_common(t.text) || g.org_head(t.text).is_some() || !t.cap
                });
                if is_country && rest_generic && p + h.len < q {
                    self.gaz(s, hits, p);
                    let p2 = p + h.len;
                    if q - p2 == 1 && g.org_head(toks[p2].text).is_some() && !toks[p2].upper {
                        return; // "Russian Army"-style bare head: the country is the mention
                    }
                    self.push(
                        s,
                        p2,
                        q,
                        EntityType::Organization,
                        None,
                        None,
                        rule,
                        0.85,
                        false,
                    );
                    return;
                }
            }
            if q - p == 1 && !toks[p].upper {
                // a bare generic head ("Ministry", "Army") is no name; a body that is one of a
                // kind in its country ("Treasury", "Senate", "Parliament") is, mid-sentence
                let unique_body = g.org_head(toks[p].text).is_some_and(|h| {
                    h.position == "last" && matches!(h.kind.as_str(), "government" | "legislature")
                });
                let first_word = toks.iter().position(|t| t.word).unwrap_or(0);
                if !unique_body || p == first_word {
                    return;
                }
            }
            self.push(
                s,
                p,
                q,
                EntityType::Organization,
                None,
                None,
                rule,
                0.85,
                false,
            );
            return;
        }
        // "Sea of Japan", "Gulf of Aden": a place head before "of"
        if q - p >= 3
            && toks[p + 1].text == "of"
            && LOCATION_HEADS.contains(&toks[p].text.to_lowercase().as_str())
        {
            self.push(
                s,
                p,
                q,
                EntityType::Location,
                None,
                None,
                "location:head-of",
                0.75,
                false,
            );
            return;
        }
        // not one name: split at lower-case connectors ("Trump and Kim", "X on Y Island")
        if let Some(c) = (p + 1..q - 1).find(|&k| {
            toks[k].word && !toks[k].cap && !toks[k].upper && lower_in(&toks[k], CONNECTORS)
        }) {
            let mut e = c;
            while e < q && toks[e].word && !toks[e].cap && !toks[e].upper {
                e += 1;
            }
            self.piece(s, hits, p, c, title, None);
            if e < q {
                self.piece(s, hits, e, q, None, appos);
            }
            return;
        }
        // "Laura Kent", "Jack London": a given name before a place name makes a person
        if q - p >= 2
            && hits[p].is_none()
            && g.is_given_name(toks[p].text)
            && !toks[p].upper
            && (p..q).all(|k| {
                hits[k].as_ref().is_none_or(|h| {
                    h.entries
                        .iter()
                        .all(|e| matches!(e.kind, GazKind::Place | GazKind::Capital))
                })
            })
        {
            self.name(s, p, q, title, appos);
            return;
        }
        // gazetteer names inside: emit them, classify the gaps
        let mut k = p;
        let mut gap_start = p;
        let mut any_hit = false;
        while k < q {
            if let Some(h) = &hits[k]
                && k + h.len <= q
            {
                if gap_start < k {
                    self.name(s, gap_start, k, title.take(), None);
                }
                self.gaz(s, hits, k);
                any_hit = true;
                k += h.len;
                gap_start = k;
                continue;
            }
            k += 1;
        }
        if any_hit {
            if gap_start < q {
                self.name(s, gap_start, q, title, appos);
            }
            return;
        }
        self.name(s, p, q, title, appos);
    }

    /// Is `[p, q)` an organization name by its head word? Returns the rule.
    fn org_shape(&self, s: &Sent<'_>, p: usize, q: usize) -> Option<&'static str> {
        let toks = &s.toks;
        let g = self.g;
        for k in p..q {
            if let Some((l, _)) = g.org_phrases.longest(toks, k, 6)
                && k + l <= q
            {
                return Some("org:head-phrase");
            }
        }
        let last = &toks[q - 1];
        if (last.cap || last.upper)
            && g.org_head(last.text).is_some_and(|h| {
                h.position == "last" || h.position == "any" || h.position.is_empty()
            })
        {
            return Some("org:head-last");
        }
        let first = &toks[p];
        if q - p >= 2
            && g.org_head(first.text)
                .is_some_and(|h| h.position == "first" || h.position == "any")
        {
            return Some("org:head-first");
        }
        if q - p >= 3 {
            // "Ministry of Foreign Affairs": head before "of"
            // ("Institute for Ocean Policy", "Commission on Human Rights")
            for k in p..q - 1 {
                if matches!(toks[k + 1].text, "of" | "for" | "on")
                    && toks[k + 2].cap
                    && (p..k).all(|j| toks[j].cap || toks[j].upper)
                    && g.org_head(toks[k].text)
                        .is_some_and(|h| h.position == "any")
                {
                    return Some("org:head-of");
                }
            }
        }
        None
    }

    /// "in Singapore (2018), Hanoi (2019)": an item of a list whose previous item (in this
    /// sentence) is a place.
    fn list_after_place(&self, s: &Sent<'_>, p: usize) -> bool {
        let toks = &s.toks;
        let mut k = p;
        // skip back over a parenthesis and the separator
        let mut depth = 0;
        let mut sep = false;
        while k > 0 {
            k -= 1;
            let t = toks[k].text;
            if t == ")" {
                depth += 1;
            } else if t == "(" {
                depth -= 1;
            } else if depth > 0 {
                continue;
            } else if (t == "," || t == "and") && !sep {
                sep = true;
            } else {
                break;
            }
        }
        if !sep {
            return false;
        }
        let end = toks[k].span.end;
        self.out
            .iter()
            .rev()
            .take(4)
            .any(|c| c.sentence == s.idx && c.span.end == end && c.etype == EntityType::Location)
    }

    fn locative_before(&self, s: &Sent<'_>, p: usize) -> bool {
        let toks = &s.toks;
        if p == 0 {
            return false;
        }
        let prev = &toks[p - 1];
        if !prev.word {
            return false;
        }
        if lower_in(prev, LOCATIVE) {
            return true;
        }
        matches!(prev.text, "to" | "for")
            && p >= 2
            && toks[p - 2].word
            && lower_in(&toks[p - 2], MOTION)
    }

    /// Emits the gazetteer reading of the hit starting at `p`.
    fn gaz(&mut self, s: &Sent<'_>, hits: &[Option<Hit>], p: usize) {
        let Some(h) = &hits[p] else { return };
        let q = p + h.len;
        let toks = &s.toks;
        // "inter-Korean", "pan-European": no country mention
        if toks[p].hyphen_before && p > 0 && lower_in(&toks[p - 1], NONCOUNTRY_PREFIX) {
            return;
        }
        let find = |k: GazKind| h.entries.iter().find(|e| e.kind == k);
        // "the Hanoi summit", "before Tokyo talks": the venue of an event (not "Tokyo's talks")
        // ("the Manila-Hanoi accord" joins two governments)
        let compound = toks[p].hyphen_before || toks.get(q).is_some_and(|t| t.hyphen_before);
        let venue = !toks[q - 1].possessive
            && !compound
            && toks
                .get(q)
                .is_some_and(|t| t.word && !t.cap && lower_in(t, EVENT_NOUNS));
        let locative = venue
            || dateline_at(s, p, q, hits)
            || self.locative_before(s, p)
            || self.list_after_place(s, p)
            || (toks.get(q).map(|t| t.text) == Some(",")
                && hits
                    .get(q + 1)
                    .and_then(|x| x.as_ref())
                    .is_some_and(|x| x.entries.iter().any(|e| e.kind == GazKind::CountryName)));
        let (e, rule, etype, gid) = if let Some(cap) = find(GazKind::Capital) {
            if locative {
                (
                    cap,
                    "gazetteer:capital-place",
                    EntityType::Location,
                    cap.gid.clone(),
                )
            } else if let Some(c) = find(GazKind::CountryName) {
                (c, "gazetteer:country", EntityType::Country, c.gid.clone())
            } else {
                (
                    cap,
                    "gazetteer:capital-metonym",
                    EntityType::Country,
                    cap.country_gid.clone().unwrap_or_else(|| cap.gid.clone()),
                )
            }
        } else if let Some(c) = find(GazKind::CountryName) {
            (c, "gazetteer:country", EntityType::Country, c.gid.clone())
        } else if let Some(d) = find(GazKind::Demonym) {
            (d, "gazetteer:demonym", EntityType::Country, d.gid.clone())
        } else if let Some(o) = find(GazKind::Org) {
            (o, "gazetteer:org", EntityType::Organization, o.gid.clone())
        } else if let Some(pl) = find(GazKind::Place) {
            (pl, "gazetteer:place", EntityType::Location, pl.gid.clone())
        } else {
            return;
        };
        let kind = e.kind;
        // "U.S. State Department": the country modifier of an organization is its own mention
        if kind == GazKind::Org
            && h.len >= 2
            && let Some((l, ces)) = self.g.names.longest(toks, p, h.len - 1)
        {
            let country = ces
                .iter()
                .find(|c| matches!(c.kind, GazKind::CountryName | GazKind::Demonym));
            let rest_same = self
                .g
                .names
                .longest(toks, p + l, h.len - l)
                .is_some_and(|(rl, rs)| rl == h.len - l && rs.iter().any(|r| r.gid == gid));
            if let (Some(c), true) = (country, rest_same) {
                let rule_c = if c.kind == GazKind::Demonym {
                    "gazetteer:demonym"
                } else {
                    "gazetteer:country"
                };
                self.push(
                    s,
                    p,
                    p + l,
                    EntityType::Country,
                    Some(c.gid.clone()),
                    None,
                    rule_c,
                    0.95,
                    false,
                );
                self.push(s, p + l, q, etype, Some(gid), None, rule, 0.95, false);
                return;
            }
        }
        self.push(s, p, q, etype, Some(gid), None, rule, 0.95, false);
        // "South Korea's unification ministry": a lower-case organization after a country
        if etype == EntityType::Country && (kind == GazKind::Demonym || toks[q - 1].possessive) {
            self.lowercase_org(s, q);
        }
    }

    fn lowercase_org(&mut self, s: &Sent<'_>, q: usize) {
        let toks = &s.toks;
        for j in q + 1..(q + 3).min(toks.len()) {
            let t = &toks[j];
            if !t.word || t.cap {
                return;
            }
            if let Some(h) = self.g.org_head(t.text) {
                if matches!(
                    h.kind.as_str(),
                    "government" | "agency" | "legislature" | "military"
                ) && (q..j).all(|k| {
                    toks[k].word
                        && !toks[k].cap
                        && !self.g.common.contains(&toks[k].text.to_lowercase())
                }) {
                    self.push(
                        s,
                        q,
                        j + 1,
                        EntityType::Organization,
                        None,
                        None,
                        "org:lowercase-after-country",
                        0.7,
                        false,
                    );
                }
                return;
            }
            if self.g.common.contains(&t.text.to_lowercase()) {
                return;
            }
        }
    }

    /// Classifies a non-gazetteer, non-organization span as a person, place, acronym or other.
    fn name(
        &mut self,
        s: &Sent<'_>,
        p: usize,
        q: usize,
        title: Option<TitleInfo>,
        appos: Option<TitleInfo>,
    ) {
        let toks = &s.toks;
        let g = self.g;
        let n = q - p;
        let words: Vec<&WordTok<'_>> = toks[p..q].iter().collect();
        // hyphen-joined parts count as one name part
        let parts = words.iter().filter(|t| !t.hyphen_before).count();
        let all_common = words.iter().all(|t| g.is_common(t.text));
        let family_first = is_family_first(g, &words);
        let first_word = toks.iter().position(|t| t.word).unwrap_or(0);
        let initial = p == first_word || (p > 0 && is_opening(&toks[p - 1]));
        let next_is_speech = toks
            .get(q)
            .is_some_and(|t| t.word && g.speech_verbs.contains(&t.text.to_lowercase()));
        let prev_is_speech = p > 0
            && toks[p - 1].word
            && matches!(toks[p - 1].text, "said" | "says" | "told" | "added");
        let has_initial = words
            .iter()
            .any(|t| t.text.len() == 2 && t.text.ends_with('.') && t.cap);
        let last_lower = words[n - 1].text.to_lowercase();
        let title_ref = title.as_ref().or(appos.as_ref());
        // a lone letter ("U . S ." in spaced text) is no name
        if n == 1 && words[0].text.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return;
        }
        // "inter-Korean", "anti-Trump": a name inside a derived adjective
        if toks[p].hyphen_before && p > 0 && toks[p - 1].word && !toks[p - 1].cap {
            if lower_in(&toks[p - 1], NONCOUNTRY_PREFIX) || n > 1 {
                return;
            }
            self.push(
                s,
                p,
                q,
                EntityType::Other,
                None,
                None,
                "name:prefixed",
                0.4,
                false,
            );
            return;
        }
        if let Some(t) = title_ref
            && !(all_common && n == 1 && !t.title.is_empty() && title.is_none())
        {
            self.push(
                s,
                p,
                q,
                EntityType::Person,
                None,
                Some(t),
                "name:title",
                0.9,
                family_first,
            );
            return;
        }
        if family_first {
            self.push(
                s,
                p,
                q,
                EntityType::Person,
                None,
                None,
                "name:east-asian",
                0.85,
                true,
            );
            return;
        }
        if parts >= 2
            && g.is_given_name(words[0].text)
            && !LOCATION_HEADS.contains(&last_lower.as_str())
        {
            self.push(
                s,
                p,
                q,
                EntityType::Person,
                None,
                None,
                "name:given-name",
                0.85,
                false,
            );
            return;
        }
        if parts >= 2 && has_initial {
            self.push(
                s,
                p,
                q,
                EntityType::Person,
                None,
                None,
                "name:initials",
                0.8,
                false,
            );
            return;
        }
        // "the province of Quang Tri", "the island of Lombok"
        if p >= 2
            && toks[p - 1].text == "of"
            && !toks[p - 2].cap
            && lower_in(&toks[p - 2], PLACE_NOUNS_OF)
            && title_ref.is_none()
            && !all_common
        {
            self.push(
                s,
                p,
                q,
                EntityType::Location,
                None,
                None,
                "location:noun-of",
                0.75,
                false,
            );
            return;
        }
        // "Southeast Asian", "Central African": the adjective of a place is no name
        if self.place_adjective(&words) {
            self.push(
                s,
                p,
                q,
                EntityType::Other,
                None,
                None,
                "name:place-adjective",
                0.4,
                false,
            );
            return;
        }
        let next_place_noun = toks.get(q).is_some_and(|t| {
            t.word
                && !t.cap
                && matches!(
                    t.text,
                    "region"
                        | "province"
                        | "city"
                        | "island"
                        | "oblast"
                        | "county"
                        | "district"
                        | "prefecture"
                        | "state"
                        | "peninsula"
                        | "village"
                        | "border"
                        | "area"
                )
        });
        if next_place_noun && !all_common && title_ref.is_none() && !g.is_given_name(words[0].text)
        {
            self.push(
                s,
                p,
                q,
                EntityType::Location,
                None,
                None,
                "location:noun-after",
                0.7,
                false,
            );
            return;
        }
        if parts >= 2 && LOCATION_HEADS.contains(&last_lower.as_str()) && !all_common {
            self.push(
                s,
                p,
                q,
                EntityType::Location,
                None,
                None,
                "location:head",
                0.75,
                false,
            );
            return;
        }
        if (2..=4).contains(&parts) && !all_common && (next_is_speech || prev_is_speech) {
            self.push(
                s,
                p,
                q,
                EntityType::Person,
                None,
                None,
                "name:speech-verb",
                0.75,
                false,
            );
            return;
        }
        if n == 1 && words[0].upper && s.mode == Mode::Normal {
            let letters = words[0].text.chars().filter(|c| c.is_alphabetic()).count();
            if (2..=6).contains(&letters)
                && !words[0].text.contains('.')
                && !g.is_common(words[0].text)
            {
                self.push(
                    s,
                    p,
                    q,
                    EntityType::Organization,
                    None,
                    None,
                    "org:acronym",
                    0.6,
                    false,
                );
                return;
            }
        }
        if all_common {
            // "Monday", "Related Article"
            if s.mode != Mode::Normal || initial || n == 1 {
                return;
            }
        }
        if parts <= 3 && self.locative_before(s, p) && !words[0].upper {
            self.push(
                s,
                p,
                q,
                EntityType::Location,
                None,
                None,
                "location:preposition",
                0.6,
                false,
            );
            return;
        }
        if initial && n == 1 && g.is_common(words[0].text) {
            return;
        }
        // two or three capitalised parts with no organization, place or event head: in news,
        // a person
        let heads = words.iter().any(|t| {
            g.org_head(t.text).is_some() || LOCATION_HEADS.contains(&t.text.to_lowercase().as_str())
        }) || matches!(
            last_lower.as_str(),
            "day"
                | "week"
                | "year"
                | "eve"
                | "festival"
                | "games"
                | "cup"
                | "award"
                | "awards"
                | "prize"
                | "act"
                | "bill"
                | "treaty"
                | "war"
                | "summit"
                | "conference"
        );
        let any_common = words.iter().any(|t| g.is_common(t.text));
        let caps_ok =
            words.iter().all(|t| t.hyphen_before || t.cap) && !words.iter().all(|t| t.upper);
        if (2..=3).contains(&parts)
            && s.mode == Mode::Normal
            && !heads
            && !(initial && any_common)
            && !all_common
            && caps_ok
            && words.iter().filter(|t| !g.is_common(t.text)).count() >= parts.min(2) - 1
        {
            self.push(
                s,
                p,
                q,
                EntityType::Person,
                None,
                None,
                "name:shape",
                0.6,
                false,
            );
            return;
        }
        self.push(
            s,
            p,
            q,
            EntityType::Other,
            None,
            None,
            "name:capitalised",
            0.4,
            false,
        );
        // "the North": an elliptical compass name
        if n == 1 && p > 0 && matches!(toks[p - 1].text, "the" | "The") {
            let w = words[0].text.to_lowercase();
            if matches!(w.as_str(), "north" | "south" | "east" | "west") {
                self.out.pop();
                let span = Span::new(toks[p].span.start, toks[p].span.end);
                self.compass
                    .push((span, toks[p].text.to_string(), w, s.idx));
            }
        }
    }

    /// "Southeast Asian" (from "Southeast Asia"), "Balkan" ("Balkans" aside): the words less a
    /// final "n" (or "an" for "-e" names) name a gazetteer place.
    fn place_adjective(&self, words: &[&WordTok<'_>]) -> bool {
        let k = words
            .iter()
            .map(|t| tok_key(t.text))
            .collect::<Vec<_>>()
            .join(" ");
        let is_place = |key: &str| {
            self.g.names.get(key).is_some_and(|es| {
                es.iter()
                    .any(|e| matches!(e.kind, GazKind::Place | GazKind::Capital))
            })
        };
        if let Some(stem) = k.strip_suffix('n')
            && is_place(stem)
        {
            return true;
        }
        k.strip_suffix("an")
            .is_some_and(|stem| is_place(&format!("{stem}e")))
    }

    /// ALL-CAPS sentence: gazetteer names, names seen in the body, and safe person shapes.
    fn allcaps(
        &mut self,
        s: &Sent<'_>,
        known: &HashMap<String, (EntityType, Option<String>, bool)>,
        known_max: usize,
    ) {
        let toks = &s.toks;
        let hits = self.gaz_hits(s);
        let n = toks.len();
        let mut i = 0;
        while i < n {
            if !toks[i].word {
                i += 1;
                continue;
            }
            // body names first (they carry the document's own reading)
            let mut matched = None;
            let mut keys: Vec<String> = Vec::new();
            for k in 0..known_max.min(6) {
                let Some(t) = toks.get(i + k) else { break };
                if !t.word || (k > 0 && toks[i + k - 1].possessive) {
                    break;
                }
                keys.push(tok_key(t.text));
            }
            for l in (1..=keys.len()).rev() {
                if let Some(v) = known.get(&keys[..l].join(" "))
                    && v.0 != EntityType::Other
                {
                    matched = Some((l, v.clone()));
                    break;
                }
            }
            let hit_len = hits[i].as_ref().map_or(0, |h| h.len);
            if let Some((l, (etype, gid, ff))) = matched
                && l >= hit_len
            {
                self.push(
                    s,
                    i,
                    i + l,
                    etype,
                    gid,
                    None,
                    "headline:known-name",
                    0.8,
                    ff,
                );
                i += l;
                continue;
            }
            if hit_len > 0 {
                self.gaz(s, &hits, i);
                i += hit_len;
                continue;
            }
            // bylines: "By JOHN SMITH", "PARK HYUN-JU"
            let mut q = i;
            while q < n && q < i + 4 && toks[q].word && (q == i || !toks[q - 1].possessive) {
                q += 1;
            }
            if q > i + 1 {
                let words: Vec<&WordTok<'_>> = toks[i..q].iter().collect();
                // the East Asian shape: family name + hyphenated given name
                if g_is_family_first_caps(self.g, &words) {
                    let l = if words.len() >= 3 && words[2].hyphen_before {
                        3
                    } else {
                        2
                    };
                    self.push(
                        s,
                        i,
                        i + l,
                        EntityType::Person,
                        None,
                        None,
                        "name:east-asian",
                        0.8,
                        true,
                    );
                    i += l;
                    continue;
                }
                if self.g.is_given_name(words[0].text)
                    && !self.g.is_common(words[0].text)
                    && !self.g.is_common(words[1].text)
                    && words[1].text.chars().all(char::is_alphabetic)
                {
                    self.push(
                        s,
                        i,
                        i + 2,
                        EntityType::Person,
                        None,
                        None,
                        "name:given-name",
                        0.7,
                        false,
                    );
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
    }

    fn resolve_compass(&mut self) {
        let compass = std::mem::take(&mut self.compass);
        for (span, text, word, sentence) in compass {
            let options: Vec<&String> = self
                .g
                .compass_countries
                .iter()
                .filter(|((w, _), _)| *w == word)
                .map(|(_, gid)| gid)
                .collect();
            let present: Vec<&String> = options
                .into_iter()
                .filter(|gid| {
                    self.out
                        .iter()
                        .any(|c| c.gazetteer_id.as_deref() == Some(gid.as_str()))
                })
                .collect();
            if present.len() == 1 {
                self.out.push(Candidate {
                    span,
                    text,
                    etype: EntityType::Country,
                    gazetteer_id: Some(present[0].clone()),
                    title: None,
                    rule: "gazetteer:elliptical".into(),
                    confidence: 0.7,
                    family_first: false,
                    sentence,
                });
            }
        }
    }
}

/// A dateline: the place a story was filed from, opening its first sentence ("TOKYO —",
/// "Oslo (Agency) -", "PARIS, France -", "LONDON 1996-08-30"). A capital there is the city.
fn dateline_at(s: &Sent<'_>, p: usize, q: usize, hits: &[Option<Hit>]) -> bool {
    let toks = &s.toks;
    if toks[..p].iter().any(|t| t.word) {
        return false;
    }
    let Some(next) = toks.get(q) else {
        return false;
    };
    let dash = |t: &str| matches!(t, "\u{2014}" | "\u{2013}" | "-" | "(");
    if dash(next.text) {
        return true;
    }
    // "LONDON 1996-08-30": a date right after the name
    if next.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && next.text.chars().filter(|c| c.is_ascii_digit()).count() >= 4
    {
        return true;
    }
    // "PARIS, France —": the country after a comma, then the dash
    if next.text == ","
        && let Some(h) = hits.get(q + 1).and_then(|h| h.as_ref())
        && h.entries.iter().any(|e| e.kind == GazKind::CountryName)
    {
        return toks.get(q + 1 + h.len).is_some_and(|t| dash(t.text));
    }
    false
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

/// Family-name-first shape: a common East Asian family name followed by a hyphenated given
/// name ("Lee Jae-myung", "Kim Jong-un"), or by two short syllables ("Kim Jong Un"), or by one
/// syllable that is not a Western given name ("Xi Jinping").
pub(crate) fn is_family_first(g: &Gazetteer, words: &[&WordTok<'_>]) -> bool {
    if words.len() < 2 || !g.is_ea_surname(words[0].text) || words[0].hyphen_before {
        return false;
    }
    let rest = &words[1..];
    if rest[0].hyphen_before {
        return false;
    }
    let syll = |t: &WordTok<'_>| {
        let c = t.text.chars().count();
        (1..=7).contains(&c) && t.text.chars().all(char::is_alphabetic)
    };
    match rest.len() {
        // "Xi Jinping", "Wang Yi"
        1 => {
            syll(rest[0])
                && !g.is_given_name(rest[0].text)
                && !g.is_given_name(words[0].text)
                && !g.is_common(rest[0].text)
        }
        // "Jae-myung" / "Jong Un"
        2 => {
            syll(rest[0])
                && syll(rest[1])
                && (rest[1].hyphen_before || !g.is_given_name(rest[0].text))
        }
        _ => false,
    }
}

fn g_is_family_first_caps(g: &Gazetteer, words: &[&WordTok<'_>]) -> bool {
    words.len() >= 3
        && g.is_ea_surname(words[0].text)
        && words[2].hyphen_before
        && !words[1].hyphen_before
}

/// "Trump-Kim summit": a hyphen compound of names the document also uses alone is split into
/// them.
fn split_hyphen_compounds(out: &mut Vec<Candidate>) {
    let mut known: HashMap<String, EntityType> = HashMap::new();
    for c in out.iter() {
        if c.text.contains('-') {
            continue;
        }
        let k = crate::normalize::key(&c.text);
        let toks: Vec<&str> = k.split(' ').collect();
        known.entry(k.clone()).or_insert(c.etype);
        if c.etype == EntityType::Person && toks.len() >= 2 {
            let short = if c.family_first {
                toks[0]
            } else {
                toks[toks.len() - 1]
            };
            known.insert(short.to_string(), EntityType::Person);
        }
    }
    let mut extra = Vec::new();
    out.retain(|c| {
        if c.gazetteer_id.is_some() || !c.text.contains('-') || c.family_first {
            return true;
        }
        let parts: Vec<(usize, &str)> = {
            let mut v = Vec::new();
            let mut st = 0;
            for (i, ch) in c.text.char_indices() {
                if ch == '-' {
                    v.push((st, &c.text[st..i]));
                    st = i + 1;
                }
            }
            v.push((st, &c.text[st..]));
            v
        };
        if parts.len() < 2
            || !parts.iter().all(|(_, p)| {
                p.chars().next().is_some_and(char::is_uppercase)
                    && known.contains_key(&crate::normalize::key(p))
            })
        {
            return true;
        }
        for (off, p) in parts {
            let etype = known
                .get(&crate::normalize::key(p))
                .copied()
                .unwrap_or(EntityType::Other);
            extra.push(Candidate {
                span: Span::new(c.span.start + off, c.span.start + off + p.len()),
                text: p.to_string(),
                etype,
                gazetteer_id: None,
                title: None,
                rule: "name:hyphen-compound".into(),
                confidence: 0.8,
                family_first: false,
                sentence: c.sentence,
            });
        }
        false
    });
    out.extend(extra);
}

/// "Korean" or "Korea" alone: the one country of the document that shares the name (South
/// Korea when only South Korea is mentioned); unresolved (`other`) when none or both are.
fn resolve_shared_short(out: &mut [Candidate], g: &Gazetteer) {
    let present: std::collections::HashSet<String> =
        out.iter().filter_map(|c| c.gazetteer_id.clone()).collect();
    for c in out.iter_mut() {
        if c.etype != EntityType::Other || c.gazetteer_id.is_some() {
            continue;
        }
        let Some(options) = g.shared_short.get(&tok_key(&c.text)) else {
            continue;
        };
        let here: Vec<&String> = options.iter().filter(|o| present.contains(*o)).collect();
        if here.len() == 1 {
            c.etype = EntityType::Country;
            c.gazetteer_id = Some(here[0].clone());
            c.rule = "gazetteer:shared-short-form".into();
            c.confidence = 0.75;
        }
    }
}

/// The word-token index of a candidate's first token in its sentence.
fn tok_index(sents: &[Sent<'_>], c: &Candidate) -> Option<usize> {
    sents
        .get(c.sentence)?
        .toks
        .iter()
        .position(|t| t.span.start == c.span.start)
}

/// "X Bank" is an organization unless the document treats it as a landform: after "near",
/// "off", "around"... or with an apposition "X Bank, a shallow reef". Then every mention of it
/// in the document is a location.
fn landforms(out: &mut [Candidate], sents: &[Sent<'_>]) {
    let landform_head = |c: &Candidate| {
        c.etype == EntityType::Organization
            && c.gazetteer_id.is_none()
            && c.text
                .rsplit(' ')
                .next()
                .is_some_and(|w| LANDFORM_ORG_HEADS.contains(&w.to_lowercase().as_str()))
            && c.text.contains(' ')
    };
    let mut geo: std::collections::HashSet<String> = std::collections::HashSet::new();
    for c in out.iter().filter(|c| landform_head(c)) {
        let (Some(s), Some(i)) = (sents.get(c.sentence), tok_index(sents, c)) else {
            continue;
        };
        let toks = &s.toks;
        let before = i > 0 && toks[i - 1].word && lower_in(&toks[i - 1], GEO_PREPOSITIONS);
        let Some(j) = toks.iter().position(|t| t.span.start >= c.span.end) else {
            if before {
                geo.insert(crate::normalize::key(&c.text));
            }
            continue;
        };
        // ", a shallow reef system": a landform noun within the apposition's first words
        let appos = toks[j].text == ","
            && toks
                .get(j + 1)
                .is_some_and(|t| matches!(t.text.to_lowercase().as_str(), "a" | "an" | "the"))
            && toks[j + 2..(j + 5).min(toks.len())]
                .iter()
                .take_while(|t| t.word)
                .any(|t| lower_in(t, LANDFORM_NOUNS));
        if before || appos {
            geo.insert(crate::normalize::key(&c.text));
        }
    }
    if geo.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        if landform_head(c) && geo.contains(&crate::normalize::key(&c.text)) {
            c.etype = EntityType::Location;
            c.rule = "location:landform".into();
            c.confidence = 0.75;
        }
    }
}

/// A capitalised word at a sentence start with no reading ("Fishermen", "Relatives") is an
/// ordinary word unless the document also uses it as a name: inside another name, or
/// capitalised where a sentence does not start.
fn drop_unsupported_initials(out: &mut Vec<Candidate>, sents: &[Sent<'_>]) {
    let initial = |c: &Candidate| -> bool {
        let (Some(s), Some(i)) = (sents.get(c.sentence), tok_index(sents, c)) else {
            return false;
        };
        let first_word = s.toks.iter().position(|t| t.word).unwrap_or(0);
        i == first_word || (i > 0 && is_opening(&s.toks[i - 1]))
    };
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    for s in sents {
        let first_word = s.toks.iter().position(|t| t.word).unwrap_or(0);
        for (i, t) in s.toks.iter().enumerate() {
            if t.word && t.cap && i != first_word && !(i > 0 && is_opening(&s.toks[i - 1])) {
                used.insert(t.text.to_string());
            }
        }
    }
    for c in out.iter().filter(|c| c.text.contains([' ', '-'])) {
        used.extend(c.text.split([' ', '-']).map(str::to_string));
    }
    let drop: Vec<bool> = out
        .iter()
        .map(|c| {
            c.etype == EntityType::Other
                && c.rule == "name:capitalised"
                && !c.text.contains([' ', '-'])
                && initial(c)
                && !used.contains(&c.text)
        })
        .collect();
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// A score or table figure ("108-3", "71", ".526"), not a year or a date.
fn is_score(t: &str) -> bool {
    // one or two numbers of at most three digits (or decimals), joined by - or /: "108-3",
    // "2/1", ".526"; years ("1996") and dates ("1996-08-30") are not scores
    static SCORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:\d{1,3}|\d{0,3}\.\d+)(?:[-/](?:\d{1,3}|\d{0,3}\.\d+))?$")
            .expect("a valid pattern")
    });
    SCORE.is_match(t)
}

/// Sports pages name clubs after places ("Kent 108-3", "CHICAGO 71 64 .526", "Lazio v Roma"):
/// a place (not a country: national sides stay countries) or an unknown name followed by a
/// score in a line of figures, or on either side of "v" / "vs" / "AT" (fixtures), is a team,
/// an organization; every other mention of it in the document follows, except datelines.
fn sports_teams(out: &mut [Candidate], sents: &[Sent<'_>]) {
    let teamable = |c: &Candidate| {
        (c.etype == EntityType::Location
            && !c
                .gazetteer_id
                .as_deref()
                .is_some_and(|g| g.starts_with("country:")))
            || (c.etype == EntityType::Other && !c.family_first)
    };
    let next_tok = |c: &Candidate| -> Option<(&Sent<'_>, usize)> {
        let s = sents.get(c.sentence)?;
        let j = s.toks.iter().position(|t| t.span.start >= c.span.end)?;
        Some((s, j))
    };
    let prev_tok = |c: &Candidate| -> Option<&str> {
        let s = sents.get(c.sentence)?;
        let j = s.toks.iter().rposition(|t| t.span.end <= c.span.start)?;
        Some(s.toks[j].text)
    };
    let is_fixture = |t: &str| matches!(t, "v" | "vs" | "vs." | "V" | "AT");
    let dateline = |c: &Candidate| -> bool {
        let Some(s) = sents.get(c.sentence) else {
            return false;
        };
        let first = s.toks.first().is_some_and(|t| t.span.start == c.span.start);
        first
            && next_tok(c).is_some_and(|(s, j)| {
                let t = s.toks[j].text;
                t.chars().filter(|c| c.is_ascii_digit()).count() >= 6
                    || t == "-"
                    || (t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()))
            })
    };
    let mut teams: HashMap<String, ()> = HashMap::new();
    for c in out.iter_mut() {
        if !teamable(c) || dateline(c) {
            continue;
        }
        let Some((s, j)) = next_tok(c) else {
            // the last word of a fixture line
            if prev_tok(c).is_some_and(is_fixture) {
                c.etype = EntityType::Organization;
                c.gazetteer_id = None;
                c.rule = "org:sports-team".into();
                teams.insert(crate::normalize::key(&c.text), ());
            }
            continue;
        };
        let numbers = s.toks.iter().filter(|t| is_score(t.text)).count();
        let next = s.toks[j].text;
        let cue = (is_score(next) && numbers >= 2)
            || is_fixture(next)
            || prev_tok(c).is_some_and(is_fixture);
        if cue {
            c.etype = EntityType::Organization;
            c.gazetteer_id = None;
            c.rule = "org:sports-team".into();
            teams.insert(crate::normalize::key(&c.text), ());
        }
    }
    if teams.is_empty() {
        return;
    }
    for c in out.iter_mut() {
        if teamable(c) && !dateline(c) && teams.contains_key(&crate::normalize::key(&c.text)) {
            c.etype = EntityType::Organization;
            c.gazetteer_id = None;
            c.rule = "org:sports-team".into();
        }
    }
}

#[cfg(test)]
mod score_tests {
    #[test]
    fn scores_but_not_years_or_dates() {
        for s in ["3", "108-3", "2/1", ".526", "71", "6-4"] {
            assert!(super::is_score(s), "{s}");
        }
        for s in [
            "1996",
            "1996-08-30",
            "12/05/2024",
            "abc",
            "-",
            "3-",
            "2024-25",
        ] {
            assert!(!super::is_score(s), "{s}");
        }
    }
}

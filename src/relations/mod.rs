//! Relations: statements (who said what about whom), roles, interactions and co-occurrence.
//!
//! The stage works on tokens of the document's sentences plus the mentions the linker found.
//! Everything it matches against (speech cues, titles, source nouns, the interaction lexicon) is
//! compiled once into a [`Lexicon`]; [`extract`] is then a linear pass per rule.
//!
//! * [`statements`]: direct quotes and reported speech, with speakers from [`speakers`];
//! * [`roles`]: HOLDS_ROLE edges from title patterns;
//! * [`interactions`]: verb-pattern edges from schema/relations.tsv;
//! * [`cooccur`]: MENTIONED_WITH edges; SAID_ABOUT and REPORTED come from the statements.

pub mod cooccur;
pub mod implicit;
pub mod interactions;
pub mod learned;
pub mod roles;
pub mod speakers;
pub mod statements;

use crate::model::{EntityType, LocalEntity, LocalRef, Mention, Relation, Span, Statement};
use crate::schema::SchemaData;
use crate::text::{Abbreviations, Quote};
use std::collections::HashMap;

/// The class of a speech cue (schema/speech_verbs.tsv, third column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    Say,
    Assert,
    Report,
    Warn,
    Deny,
    Believe,
    Ask,
    Acknowledge,
    Decline,
    Complain,
    According,
}

impl CueClass {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "say" => CueClass::Say,
            "assert" => CueClass::Assert,
            "report" => CueClass::Report,
            "warn" => CueClass::Warn,
            "deny" => CueClass::Deny,
            "believe" => CueClass::Believe,
            "ask" => CueClass::Ask,
            "acknowledge" => CueClass::Acknowledge,
            "decline" => CueClass::Decline,
            "complain" => CueClass::Complain,
            "according" => CueClass::According,
            _ => return None,
        })
    }
}

/// One speech cue: a word or a fixed phrase.
#[derive(Clone, Debug)]
pub struct Cue {
    pub words: Vec<String>,
    pub lemma: String,
    pub class: CueClass,
    /// From schema/attribution_cues.tsv (derived from annotated cue spans, not a speech verb
    /// list): attitude and evaluation cues whose object may be a bare name ("endorsed X").
    pub derived: bool,
}

/// What a common noun heading a source phrase stands for (schema/speaker_nouns.tsv).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NounKind {
    Person,
    Group,
    Media,
    Government,
    Report,
    Country,
    Modifier,
}

/// Direction of an interaction pattern (schema/relations.tsv).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Active,
    Passive,
    Symmetric,
}

/// One interaction pattern.
#[derive(Clone, Debug)]
pub struct RelPattern {
    pub words: Vec<String>,
    pub relation: String,
    pub direction: Direction,
}

/// Organization kinds (media, government, ...) of an organization by name.
#[derive(Clone, Debug, Default)]
pub struct OrgKinds {
    by_name: HashMap<String, String>,
    by_head: HashMap<String, String>,
}

impl OrgKinds {
    /// The kind of an organization named `name` ("NK News" -> media): a gazetteer row when one
    /// matches, else the kind of a head word in the name.
    pub fn kind(&self, name: &str) -> Option<&str> {
        if let Some(k) = self.by_name.get(&name.to_lowercase()) {
            return Some(k);
        }
        name.split_whitespace()
            .rev()
            .find_map(|w| self.by_head.get(&w.to_lowercase()))
            .map(String::as_str)
    }
}

pub use crate::model::StatementMode;

/// Compiled cue and relation matchers, built once from [`SchemaData`].
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Speech cues keyed by their first word (lower case), longest first.
    pub cues: HashMap<String, Vec<Cue>>,
    /// Titles (lower case word sequences) keyed by their first word, longest first.
    pub titles: HashMap<String, Vec<Vec<String>>>,
    pub nouns: HashMap<String, NounKind>,
    pub relations: HashMap<String, Vec<RelPattern>>,
    pub org_kinds: OrgKinds,
    pub abbreviations: Abbreviations,
    /// Nominal cues (schema/nominal_cues.tsv): noun -> the words that may open its content.
    pub nominal: HashMap<String, Vec<String>>,
    /// Attitude statements: beliefs, intentions and evaluations ("endorsed X", "refused to",
    /// "her decision to") from schema/attribution_cues.tsv and schema/nominal_cues.tsv, the
    /// PolNeAR convention, plus the learned tagger ([`learned`]). Off in the speech lexicon,
    /// on in the attitude lexicon ([`StatementMode::Attitudes`]).
    pub attitudes: bool,
    /// Run the learned attribution tagger after the rules (attitude mode; the rule unit tests
    /// leave it off).
    pub tagger: bool,
}

const SPEAKER_NOUNS: &str = include_str!("../../schema/speaker_nouns.tsv");
const STATEMENT_CUES: &str = include_str!("../../schema/statement_cues.tsv");
const NOMINAL_CUES: &str = include_str!("../../schema/nominal_cues.tsv");
const ATTRIBUTION_CUES: &str = include_str!("../../schema/attribution_cues.tsv");

/// Verb rows of schema/attribution_cues.tsv (form, lemma, class, pos, counts...).
fn attribution_cue_rows() -> Vec<crate::schema::SpeechVerbRow> {
    ATTRIBUTION_CUES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').map(str::trim).collect();
            (c.len() >= 4 && c[3] == "verb").then(|| crate::schema::SpeechVerbRow {
                form: c[0].to_string(),
                lemma: c[1].to_string(),
                class: c[2].to_string(),
            })
        })
        .collect()
}

fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn sort_longest<T>(map: &mut HashMap<String, Vec<T>>, len: impl Fn(&T) -> usize) {
    for v in map.values_mut() {
        v.sort_by_key(|x| std::cmp::Reverse(len(x)));
    }
}

impl Lexicon {
    /// The speech lexicon.
    pub fn new(data: &SchemaData) -> Self {
        let mut cues: HashMap<String, Vec<Cue>> = HashMap::new();
        let extra: Vec<crate::schema::SpeechVerbRow> = STATEMENT_CUES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let mut c = l.split('\t');
                Some(crate::schema::SpeechVerbRow {
                    form: c.next()?.trim().to_string(),
                    lemma: c.next()?.trim().to_string(),
                    class: c.next()?.trim().to_string(),
                })
            })
            .collect();
        let derived = attribution_cue_rows();
        let n_listed = data.speech_verbs.len() + extra.len();
        for (ri, row) in data
            .speech_verbs
            .iter()
            .chain(&extra)
            .chain(&derived)
            .enumerate()
        {
            let Some(class) = CueClass::parse(row.class.trim()) else {
                continue;
            };
            let words = words_of(&row.form);
            if cues
                .get(words.first().map_or("", String::as_str))
                .is_some_and(|v| v.iter().any(|c| c.words == words))
            {
                continue;
            }
            if let Some(first) = words.first() {
                cues.entry(first.clone()).or_default().push(Cue {
                    words,
                    lemma: row.lemma.clone(),
                    class,
                    derived: ri >= n_listed,
                });
            }
        }
        sort_longest(&mut cues, |c| c.words.len());
        let mut titles: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for row in &data.titles {
            if row.kind == "honorific" {
                continue;
            }
            let words = words_of(&row.title);
            if let Some(first) = words.first() {
                let e = titles.entry(first.clone()).or_default();
                if !e.contains(&words) {
                    e.push(words);
                }
            }
        }
        for extra in [
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "press secretary",
        ] {
            let words = words_of(extra);
            let e = titles.entry(words[0].clone()).or_default();
            if !e.contains(&words) {
                e.push(words);
            }
        }
        sort_longest(&mut titles, Vec::len);
        let mut nouns = HashMap::new();
        for line in SPEAKER_NOUNS
            .lines()
            .skip_while(|l| l.starts_with('#'))
            .skip(1)
        {
            let mut cells = line.split('\t');
            let (Some(w), Some(k)) = (cells.next(), cells.next()) else {
                continue;
            };
            let kind = match k.trim() {
                "person" => NounKind::Person,
                "group" => NounKind::Group,
                "media" => NounKind::Media,
                "government" => NounKind::Government,
                "report" => NounKind::Report,
                "country" => NounKind::Country,
                "modifier" => NounKind::Modifier,
                _ => continue,
            };
            // a word listed as a head and as a modifier keeps its head kind
            let key = w.trim().to_lowercase();
            if kind == NounKind::Modifier && nouns.contains_key(&key) {
                continue;
            }
            nouns.insert(key, kind);
        }
        let mut relations: HashMap<String, Vec<RelPattern>> = HashMap::new();
        for row in &data.relations {
            let direction = match row.direction.trim() {
                "passive" => Direction::Passive,
                "symmetric" => Direction::Symmetric,
                _ => Direction::Active,
            };
            let words = words_of(&row.pattern);
            if let Some(first) = words.first() {
                relations
                    .entry(first.clone())
                    .or_default()
                    .push(RelPattern {
                        words,
                        relation: row.relation.trim().to_string(),
                        direction,
                    });
            }
        }
        sort_longest(&mut relations, |p| p.words.len());
        let mut org_kinds = OrgKinds::default();
        for row in &data.organizations {
            for n in std::iter::once(&row.name).chain(&row.aliases) {
                org_kinds
                    .by_name
                    .insert(n.to_lowercase(), row.kind.to_lowercase());
            }
        }
        for row in &data.org_heads {
            if row.position != "phrase" && !row.word.contains(' ') {
                org_kinds
                    .by_head
                    .entry(row.word.to_lowercase())
                    .or_insert_with(|| row.kind.to_lowercase());
            }
        }
        let mut nominal: HashMap<String, Vec<String>> = HashMap::new();
        for line in NOMINAL_CUES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .skip(1)
        {
            let mut c = line.split('\t');
            let (Some(noun), Some(comps)) = (c.next(), c.next()) else {
                continue;
            };
            nominal.insert(
                noun.trim().to_lowercase(),
                comps.split(',').map(|w| w.trim().to_lowercase()).collect(),
            );
        }
        Self {
            attitudes: false,
            tagger: false,
            nominal,
            cues,
            titles,
            nouns,
            relations,
            org_kinds,
            abbreviations: Abbreviations::new(&data.abbreviations),
        }
    }
}

/// A token of the document with its precomputed features.
#[derive(Clone, Debug)]
pub struct Tok {
    pub span: Span,
    /// Lower case, possessive stripped, curly apostrophes straightened.
    pub lower: String,
    pub cap: bool,
    pub possessive: bool,
    /// Not a word (punctuation, quote mark).
    pub punct: bool,
    pub sent: usize,
}

/// The document as the rules see it.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    pub toks: Vec<Tok>,
    /// Token range of each sentence.
    pub sent_toks: Vec<(usize, usize)>,
    pub entities: &'a [LocalEntity],
    pub mentions: &'a [Mention],
    /// Mention indices sorted by start.
    pub order: Vec<usize>,
    /// For each token, the mention covering it.
    pub tok_mention: Vec<Option<usize>>,
    pub quotes: Vec<Quote>,
    /// For each token, the quote whose inner span holds it.
    pub tok_quote: Vec<Option<usize>>,
    /// For each sentence: a title-case headline line ("Mayor Says Port Will Close"), where a
    /// capitalised cue is a verb, not part of a name.
    pub title_case: Vec<bool>,
    pub lex: &'a Lexicon,
}

impl<'a> Ctx<'a> {
    pub fn new(
        text: &'a str,
        sentences: &'a [Span],
        entities: &'a [LocalEntity],
        mentions: &'a [Mention],
        lex: &'a Lexicon,
    ) -> Self {
        let mut toks = Vec::new();
        let mut sent_toks = Vec::with_capacity(sentences.len());
        for (si, s) in sentences.iter().enumerate() {
            let start = toks.len();
            for t in crate::text::tokens_in(text, *s, |w| lex.abbreviations.contains(w)) {
                let raw = t.text.replace('\u{2019}', "'");
                let (base, possessive) = match raw.strip_suffix("'s") {
                    Some(b) if !b.is_empty() => (b.to_string(), true),
                    _ => (raw.clone(), false),
                };
                let first = t.text.chars().next().unwrap_or(' ');
                toks.push(Tok {
                    span: t.span,
                    lower: base.to_lowercase(),
                    cap: first.is_uppercase(),
                    possessive,
                    punct: !first.is_alphanumeric(),
                    sent: si,
                });
            }
            sent_toks.push((start, toks.len()));
        }
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| (mentions[i].span.start, mentions[i].span.end));
        let mut tok_mention = vec![None; toks.len()];
        let mut j = 0;
        for (ti, t) in toks.iter().enumerate() {
            while j < order.len() && mentions[order[j]].span.end <= t.span.start {
                j += 1;
            }
            // mentions never overlap much; look at a few from j
            for &mi in order.iter().skip(j).take(4) {
                let m = &mentions[mi];
                if m.span.start <= t.span.start && t.span.start < m.span.end {
                    tok_mention[ti] = Some(mi);
                    break;
                }
            }
        }
        let quotes = crate::text::quotes(text);
        let mut tok_quote = vec![None; toks.len()];
        let mut q = 0;
        for (ti, t) in toks.iter().enumerate() {
            while q < quotes.len() && quotes[q].inner.end <= t.span.start {
                q += 1;
            }
            if q < quotes.len() && quotes[q].inner.contains(t.span) {
                tok_quote[ti] = Some(q);
            }
        }
        let title_case = sentences
            .iter()
            .zip(&sent_toks)
            .map(|(span, &(a, b))| {
                let line_end = crate::text::ends_line(text, span.end);
                let words: Vec<&Tok> = toks[a..b].iter().filter(|t| !t.punct).collect();
                let capped = words.iter().filter(|t| t.cap).count();
                line_end && words.len() >= 4 && capped * 10 >= words.len() * 8
            })
            .collect();
        Self {
            text,
            sentences,
            title_case,
            toks,
            sent_toks,
            entities,
            mentions,
            order,
            tok_mention,
            quotes,
            tok_quote,
            lex,
        }
    }

    /// The cue starting at token `i` (longest match), with its length in tokens.
    pub fn cue_at(&self, i: usize) -> Option<(usize, &'a Cue)> {
        let t = self.toks.get(i)?;
        if t.punct || self.tok_mention[i].is_some() {
            return None;
        }
        // a capitalised cue inside a sentence is part of a name ("State Department"), except
        // in a title-case headline ("Mayor Says Port Will Close")
        if t.cap
            && i > self.sent_toks[t.sent].0
            && !self.toks[i - 1].punct
            && !self.title_case[t.sent]
        {
            let word = t.span.slice(self.text);
            if !word.chars().all(|c| !c.is_lowercase()) {
                return None;
            }
        }
        let key = if t.possessive {
            format!("{}'s", t.lower)
        } else {
            t.lower.clone()
        };
        let list = self.lex.cues.get(&key)?;
        let end = self.sent_toks[t.sent].1;
        // derived attitude cues only in attitude mode (a shorter listed cue may still match)
        list.iter()
            .find(|c| (!c.derived || self.lex.attitudes) && self.words_match(i, end, &c.words))
            .map(|c| (c.words.len(), c))
    }

    /// Do the tokens from `i` (before `end`) spell `words`?
    pub fn words_match(&self, i: usize, end: usize, words: &[String]) -> bool {
        if i + words.len() > end {
            return false;
        }
        words.iter().enumerate().all(|(k, w)| {
            let t = &self.toks[i + k];
            t.lower == *w || (t.possessive && format!("{}'s", t.lower) == *w)
        })
    }

    /// The title (lower-case word sequence) starting at token `i`, with its length.
    pub fn title_at(&self, i: usize, end: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        let list = self.lex.titles.get(&t.lower)?;
        list.iter()
            .find(|w| self.words_match(i, end, w))
            .map(Vec::len)
    }

    pub fn noun(&self, i: usize) -> Option<NounKind> {
        self.lex.nouns.get(&self.toks[i].lower).copied()
    }

    /// The entity of the mention covering token `i`.
    pub fn entity_at(&self, i: usize) -> Option<LocalRef> {
        self.tok_mention[i].and_then(|m| self.mentions[m].entity)
    }

    pub fn etype(&self, e: LocalRef) -> EntityType {
        self.entities
            .get(e as usize)
            .map_or(EntityType::Other, |x| x.etype)
    }

    /// The organization kind (media, government, ...) of an entity.
    pub fn org_kind(&self, e: LocalRef) -> Option<&'a str> {
        let ent = self.entities.get(e as usize)?;
        if ent.etype != EntityType::Organization {
            return None;
        }
        self.lex.org_kinds.kind(&ent.name)
    }

    /// The byte span of tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        if a >= b || b > self.toks.len() {
            return Span::new(0, 0);
        }
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }

    /// Distinct entities of mentions lying inside `span`, in text order.
    pub fn entities_in(&self, span: Span) -> Vec<(usize, LocalRef)> {
        let mut out: Vec<(usize, LocalRef)> = Vec::new();
        let from = self
            .order
            .partition_point(|&m| self.mentions[m].span.start < span.start);
        for &mi in &self.order[from..] {
            let m = &self.mentions[mi];
            if m.span.start >= span.end {
                break;
            }
            if m.span.end <= span.end
                && let Some(e) = m.entity
                && !out.iter().any(|x| x.1 == e)
            {
                out.push((mi, e));
            }
        }
        out
    }
}

/// A past participle: "-ed", or a common irregular one.
pub(crate) fn is_past_participle(w: &str) -> bool {
    (w.ends_with("ed") && w.len() > 3)
        || matches!(
            w,
            "known"
                | "seen"
                | "thought"
                | "said"
                | "told"
                | "written"
                | "shown"
                | "heard"
                | "held"
                | "given"
                | "taken"
                | "understood"
                | "felt"
                | "meant"
                | "found"
                | "drawn"
                | "made"
        )
}

/// Statements and relations of one document.
pub fn extract(
    text: &str,
    sentences: &[Span],
    entities: &[LocalEntity],
    mentions: &[Mention],
    lexicon: &Lexicon,
) -> (Vec<Statement>, Vec<Relation>) {
    extract_with(text, sentences, entities, mentions, lexicon)
}

/// Attitude mode gives each token one role in one attribution (the PolNeAR convention): an
/// attribution whose cue lies inside another's content is part of that content ("X said he
/// expected Y" is X's statement, not also his expectation).
fn drop_nested(found: &mut Vec<statements::Found>) {
    let contents: Vec<Span> = found.iter().map(|f| f.statement.content_span).collect();
    let mut k = 0;
    found.retain(|f| {
        let me = k;
        k += 1;
        let Some(cue) = f.statement.cue_span else {
            return true;
        };
        !contents
            .iter()
            .enumerate()
            .any(|(j, c)| j != me && c.contains(cue))
    });
}

/// [`extract`] with an explicit lexicon (what the tests use).
pub fn extract_with(
    text: &str,
    sentences: &[Span],
    entities: &[LocalEntity],
    mentions: &[Mention],
    lex: &Lexicon,
) -> (Vec<Statement>, Vec<Relation>) {
    let ctx = Ctx::new(text, sentences, entities, mentions, lex);
    let mut found = statements::find(&ctx);
    statements::split_nested(&ctx, &mut found);
    if lex.attitudes {
        // the learned tagger adds what the rules missed
        if lex.tagger
            && let Some(model) = learned::embedded()
        {
            let extra = learned::find(&ctx, model, &found);
            found.extend(extra);
            found.sort_by_key(|f| (f.statement.content_span.start, f.statement.content_span.end));
        }
        drop_nested(&mut found);
        for f in &mut found {
            statements::unsource_raising(&ctx, &mut f.statement);
        }
    }
    let mut relations = Vec::new();
    let mut statements_out = Vec::with_capacity(found.len());
    for (idx, f) in found.into_iter().enumerate() {
        if let Some(sp) = f.statement.speaker {
            // REPORTED: media outlets, and organizations of unknown kind credited with
            // "according to"
            let outlet = f.reported
                && ctx.etype(sp) == EntityType::Organization
                && match ctx.org_kind(sp) {
                    Some(k) => k == "media",
                    None => f.statement.rule.starts_with("indirect.according"),
                };
            for &a in &f.statement.about {
                if a == sp {
                    continue;
                }
                relations.push(Relation {
                    src: sp,
                    dst: a,
                    relation: "SAID_ABOUT".into(),
                    label: Some(f.statement.cue.clone()),
                    span: f.statement.content_span,
                    sentence: f.statement.sentence,
                    rule: format!("said-about.{}", f.statement.rule),
                    confidence: f.statement.confidence,
                    statement: Some(idx as u32),
                    weight: 1,
                });
                if outlet {
                    relations.push(Relation {
                        src: sp,
                        dst: a,
                        relation: "REPORTED".into(),
                        label: Some(f.statement.cue.clone()),
                        span: f.statement.cue_span.unwrap_or(f.statement.content_span),
                        sentence: f.statement.sentence,
                        rule: format!("reported.{}", f.statement.rule),
                        confidence: f.statement.confidence * 0.9,
                        statement: Some(idx as u32),
                        weight: 1,
                    });
                }
            }
        }
        statements_out.push(f.statement);
    }
    relations.extend(roles::find(&ctx));
    relations.extend(interactions::find(&ctx));
    relations.extend(cooccur::find(&ctx));
    (statements_out, relations)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-built documents for the unit tests: entities are given as (surface, type) and every
    //! occurrence of a surface in the text becomes a mention.
    use super::*;
    use std::sync::OnceLock;

    pub fn lex() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::new(&SchemaData::embedded().expect("schema parses")))
    }

    pub struct Doc {
        pub text: String,
        pub sentences: Vec<Span>,
        pub entities: Vec<LocalEntity>,
        pub mentions: Vec<Mention>,
    }

    /// `ents`: (name, type, surfaces). Every occurrence of a surface (longest first, whole words)
    /// becomes a mention of that entity.
    pub fn doc(text: &str, ents: &[(&str, EntityType, &[&str])]) -> Doc {
        let sentences = crate::text::sentences(text, &lex().abbreviations);
        let entities: Vec<LocalEntity> = ents
            .iter()
            .map(|(n, t, _)| LocalEntity {
                name: n.to_string(),
                etype: *t,
                ..Default::default()
            })
            .collect();
        let mut surfaces: Vec<(&str, u32)> = ents
            .iter()
            .enumerate()
            .flat_map(|(i, (_, _, s))| s.iter().map(move |x| (*x, i as u32)))
            .collect();
        surfaces.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        let mut mentions: Vec<Mention> = Vec::new();
        for (s, e) in surfaces {
            for (pos, _) in text.match_indices(s) {
                let end = pos + s.len();
                let before_ok = text[..pos]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                let span = Span::new(pos, end);
                if before_ok && after_ok && !mentions.iter().any(|m| m.span.overlaps(span)) {
                    mentions.push(Mention {
                        span,
                        text: s.to_string(),
                        entity: Some(e),
                        rule: "test".into(),
                        confidence: 1.0,
                    });
                }
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        Doc {
            text: text.to_string(),
            sentences,
            entities,
            mentions,
        }
    }

    pub fn run(d: &Doc) -> (Vec<Statement>, Vec<Relation>) {
        extract_with(&d.text, &d.sentences, &d.entities, &d.mentions, lex())
    }

    /// The lexicon in attitude mode (beliefs, intentions, evaluations), rules only (the
    /// learned tagger off, so that each rule is tested on its own).
    pub fn lex_attitudes() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon {
            attitudes: true,
            ..Lexicon::new(&SchemaData::embedded().expect("schema parses"))
        })
    }

    pub fn run_attitudes(d: &Doc) -> (Vec<Statement>, Vec<Relation>) {
        extract_with(
            &d.text,
            &d.sentences,
            &d.entities,
            &d.mentions,
            lex_attitudes(),
        )
    }

    /// Attitude mode as `kg ingest --statements attitudes` runs it: rules and the tagger.
    pub fn run_tagger(d: &Doc) -> (Vec<Statement>, Vec<Relation>) {
        static L: OnceLock<Lexicon> = OnceLock::new();
        let lex = L.get_or_init(|| Lexicon {
            tagger: true,
            ..lex_attitudes().clone()
        });
        extract_with(&d.text, &d.sentences, &d.entities, &d.mentions, lex)
    }
}

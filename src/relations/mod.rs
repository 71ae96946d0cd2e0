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
use rustc_hash::FxHashMap;

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
    /// The class's name as written in feature names ("Say", "According").
    pub fn name(self) -> &'static str {
        match self {
            CueClass::Say => "Say",
            CueClass::Assert => "Assert",
            CueClass::Report => "Report",
            CueClass::Warn => "Warn",
            CueClass::Deny => "Deny",
            CueClass::Believe => "Believe",
            CueClass::Ask => "Ask",
            CueClass::Acknowledge => "Acknowledge",
            CueClass::Decline => "Decline",
            CueClass::Complain => "Complain",
            CueClass::According => "According",
        }
    }

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

impl NounKind {
    /// The kind named in schema/speaker_nouns.tsv's second column.
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "person" => NounKind::Person,
            "group" => NounKind::Group,
            "media" => NounKind::Media,
            "government" => NounKind::Government,
            "report" => NounKind::Report,
            "country" => NounKind::Country,
            "modifier" => NounKind::Modifier,
            _ => return None,
        })
    }
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
    by_name: FxHashMap<String, String>,
    by_head: FxHashMap<String, String>,
}

impl OrgKinds {
    /// The kinds of the organizations of organizations.tsv by name and alias, and of the
    /// single head words of org_heads.tsv (the first row of a word wins).
    fn new(data: &SchemaData) -> Self {
        let mut kinds = OrgKinds::default();
        for row in &data.organizations {
            for n in std::iter::once(&row.name).chain(&row.aliases) {
                kinds
                    .by_name
                    .insert(n.to_lowercase(), row.kind.to_lowercase());
            }
        }
        for row in &data.org_heads {
            if row.position != "phrase" && !row.word.contains(' ') {
                kinds
                    .by_head
                    .entry(row.word.to_lowercase())
                    .or_insert_with(|| row.kind.to_lowercase());
            }
        }
        kinds
    }

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
    pub cues: FxHashMap<String, Vec<Cue>>,
    /// Titles (lower case word sequences) keyed by their first word, longest first.
    pub titles: FxHashMap<String, Vec<Vec<String>>>,
    pub nouns: FxHashMap<String, NounKind>,
    pub relations: FxHashMap<String, Vec<RelPattern>>,
    pub org_kinds: OrgKinds,
    pub abbreviations: Abbreviations,
    /// Nominal cues (schema/nominal_cues.tsv): noun -> the words that may open its content.
    pub nominal: FxHashMap<String, Vec<String>>,
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

fn sort_longest<T>(map: &mut FxHashMap<String, Vec<T>>, len: impl Fn(&T) -> usize) {
    for v in map.values_mut() {
        v.sort_by_key(|x| std::cmp::Reverse(len(x)));
    }
}

impl Lexicon {
    /// The speech lexicon.
    pub fn new(data: &SchemaData) -> Self {
        let listed: Vec<_> = data
            .speech_verbs
            .iter()
            .cloned()
            .chain(statement_cue_rows())
            .collect();
        let derived = attribution_cue_rows();
        let derived = derived.iter().map(|r| (r, true));
        Self {
            attitudes: false,
            tagger: false,
            nominal: nominal_cues(NOMINAL_CUES),
            cues: compile_cues(listed.iter().map(|r| (r, false)).chain(derived)),
            titles: compile_titles(data),
            nouns: speaker_nouns(SPEAKER_NOUNS),
            relations: compile_relations(data),
            org_kinds: OrgKinds::new(data),
            abbreviations: Abbreviations::new(&data.abbreviations),
        }
    }
}

/// The rows of schema/statement_cues.tsv (form, lemma, class).
fn statement_cue_rows() -> Vec<crate::schema::SpeechVerbRow> {
    STATEMENT_CUES
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
        .collect()
}

/// Speech cues by first word, longest first, from `(row, derived)` pairs in file order (the
/// speech verbs, the statement cues, then the derived attitude cues); a word sequence listed
/// twice keeps its first row.
fn compile_cues<'r>(
    rows: impl Iterator<Item = (&'r crate::schema::SpeechVerbRow, bool)>,
) -> FxHashMap<String, Vec<Cue>> {
    let mut cues: FxHashMap<String, Vec<Cue>> = FxHashMap::default();
    for (row, derived) in rows {
        let Some(class) = CueClass::parse(row.class.trim()) else {
            continue;
        };
        let words = words_of(&row.form);
        let Some(first) = words.first() else {
            continue;
        };
        let list = cues.entry(first.clone()).or_default();
        if list.iter().any(|c| c.words == words) {
            continue;
        }
        list.push(Cue {
            words,
            lemma: row.lemma.clone(),
            class,
            derived,
        });
    }
    sort_longest(&mut cues, |c| c.words.len());
    cues
}

/// Titles of office (no honorifics) by first word, longest first, with the spokesperson
/// titles that titles.tsv may lack.
fn compile_titles(data: &SchemaData) -> FxHashMap<String, Vec<Vec<String>>> {
    let mut titles: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
    let listed = data
        .titles
        .iter()
        .filter(|row| row.kind != "honorific")
        .map(|row| row.title.as_str());
    let extra = [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "press secretary",
    ];
    for title in listed.chain(extra) {
        let words = words_of(title);
        if let Some(first) = words.first() {
            let e = titles.entry(first.clone()).or_default();
            if !e.contains(&words) {
                e.push(words);
            }
        }
    }
    sort_longest(&mut titles, Vec::len);
    titles
}

/// The nouns of schema/speaker_nouns.tsv with their kind; a word listed as a head and as a
/// modifier keeps its head kind.
fn speaker_nouns(tsv: &str) -> FxHashMap<String, NounKind> {
    let mut nouns = FxHashMap::default();
    for line in tsv.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let mut cells = line.split('\t');
        let (Some(w), Some(k)) = (cells.next(), cells.next()) else {
            continue;
        };
        let Some(kind) = NounKind::parse(k.trim()) else {
            continue;
        };
        let key = w.trim().to_lowercase();
        if kind == NounKind::Modifier && nouns.contains_key(&key) {
            continue;
        }
        nouns.insert(key, kind);
    }
    nouns
}

/// Interaction patterns of schema/relations.tsv by first word, longest first.
fn compile_relations(data: &SchemaData) -> FxHashMap<String, Vec<RelPattern>> {
    let mut relations: FxHashMap<String, Vec<RelPattern>> = FxHashMap::default();
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
    relations
}

/// schema/nominal_cues.tsv: each noun with the words that may open its content.
fn nominal_cues(tsv: &str) -> FxHashMap<String, Vec<String>> {
    let mut nominal: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for line in tsv
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
    nominal
}

/// A token of the document with its precomputed features.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    pub span: Span,
    /// Lower case, possessive stripped, curly apostrophes straightened.
    pub lower: Lower<'a>,
    pub cap: bool,
    pub possessive: bool,
    /// Not a word (punctuation, quote mark).
    pub punct: bool,
    pub sent: usize,
}

/// A token's lower-case form: borrowed from the text when the token is written so (most
/// are), else owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lower<'a>(std::borrow::Cow<'a, str>);

impl<'a> Lower<'a> {
    /// The lower-case form of an ASCII word `w`, borrowed when it has no capital letter.
    fn of_ascii(w: &'a str) -> Self {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Lower(w.to_ascii_lowercase().into())
        } else {
            Lower(w.into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Lower<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The document as the rules see it.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    pub toks: Vec<Tok<'a>>,
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
        let (toks, sent_toks) = tokenize(text, sentences, &lex.abbreviations);
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| (mentions[i].span.start, mentions[i].span.end));
        let tok_mention = mention_of_each_token(&toks, mentions, &order);
        let quotes = crate::text::quotes(text);
        let tok_quote = quote_of_each_token(&toks, &quotes);
        let title_case = sentences
            .iter()
            .zip(&sent_toks)
            .map(|(span, &(a, b))| is_title_case_line(text, *span, &toks[a..b]))
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
        let list = if t.possessive {
            self.lex.cues.get(&format!("{}'s", t.lower))?
        } else {
            self.lex.cues.get(t.lower.as_str())?
        };
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
            t.lower == *w || (t.possessive && w.strip_suffix("'s") == Some(t.lower.as_str()))
        })
    }

    /// The title (lower-case word sequence) starting at token `i`, with its length.
    pub fn title_at(&self, i: usize, end: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        let list = self.lex.titles.get(t.lower.as_str())?;
        list.iter()
            .find(|w| self.words_match(i, end, w))
            .map(Vec::len)
    }

    pub fn noun(&self, i: usize) -> Option<NounKind> {
        self.lex.nouns.get(self.toks[i].lower.as_str()).copied()
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

/// The tokens of the sentences and the token range of each.
fn tokenize<'a>(
    text: &'a str,
    sentences: &[Span],
    abbr: &Abbreviations,
) -> (Vec<Tok<'a>>, Vec<(usize, usize)>) {
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let mut sent_toks = Vec::with_capacity(sentences.len());
    for (si, s) in sentences.iter().enumerate() {
        let start = toks.len();
        for t in crate::text::tokens_in(text, *s, |w| abbr.contains(w)) {
            toks.push(Tok::of(t, si));
        }
        sent_toks.push((start, toks.len()));
    }
    (toks, sent_toks)
}

impl<'a> Tok<'a> {
    /// The token `t` of sentence `si`: lower case with curly apostrophes straightened and a
    /// possessive `'s` stripped ("Ruiz’s" -> "ruiz", possessive).
    fn of(t: crate::text::Token<'a>, si: usize) -> Self {
        let (lower, possessive) = if t.text.is_ascii() {
            match t.text.strip_suffix("'s") {
                Some(b) if !b.is_empty() => (Lower::of_ascii(b), true),
                _ => (Lower::of_ascii(t.text), false),
            }
        } else {
            let raw = t.text.replace('\u{2019}', "'");
            match raw.strip_suffix("'s") {
                Some(b) if !b.is_empty() => (Lower(b.to_lowercase().into()), true),
                _ => (Lower(raw.to_lowercase().into()), false),
            }
        };
        let first = t.text.chars().next().unwrap_or(' ');
        Tok {
            span: t.span,
            lower,
            cap: first.is_uppercase(),
            possessive,
            punct: !first.is_alphanumeric(),
            sent: si,
        }
    }
}

/// For each token, the mention covering its start (`order`: mention indices by start).
fn mention_of_each_token(
    toks: &[Tok],
    mentions: &[Mention],
    order: &[usize],
) -> Vec<Option<usize>> {
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
    tok_mention
}

/// For each token, the quote whose inner span holds it.
fn quote_of_each_token(toks: &[Tok], quotes: &[Quote]) -> Vec<Option<usize>> {
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
    tok_quote
}

/// A title-case headline line ("Mayor Says Port Will Close"): the sentence ends its line and
/// has four words or more, at least 80% of them capitalised.
fn is_title_case_line(text: &str, span: Span, toks: &[Tok]) -> bool {
    let line_end = crate::text::ends_line(text, span.end);
    let words = toks.iter().filter(|t| !t.punct).count();
    let capped = toks.iter().filter(|t| !t.punct && t.cap).count();
    line_end && words >= 4 && capped * 10 >= words * 8
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{NamedRow, OrgHeadRow, SpeechVerbRow, TitleRow};

    fn verb(form: &str, class: &str) -> SpeechVerbRow {
        SpeechVerbRow {
            form: form.into(),
            lemma: form.into(),
            class: class.into(),
        }
    }

    #[test]
    fn a_cue_class_is_named_as_it_is_spelled() {
        for w in [
            "say",
            "assert",
            "report",
            "warn",
            "deny",
            "believe",
            "ask",
            "acknowledge",
            "decline",
            "complain",
            "according",
        ] {
            let c = CueClass::parse(w).expect("a class");
            assert_eq!(c.name(), format!("{c:?}"));
            assert_eq!(c.name().to_lowercase(), w);
        }
        // near miss: no such class
        assert_eq!(CueClass::parse("shout"), None);
    }

    #[test]
    fn a_cue_listed_twice_keeps_its_first_row() {
        let listed = [verb("voiced", "say"), verb("pointed out", "assert")];
        let derived = [verb("voiced", "believe"), verb("pointed", "believe")];
        let rows = listed
            .iter()
            .map(|r| (r, false))
            .chain(derived.iter().map(|r| (r, true)));
        let cues = compile_cues(rows);
        let voiced = &cues["voiced"];
        assert_eq!(voiced.len(), 1);
        assert_eq!((voiced[0].class, voiced[0].derived), (CueClass::Say, false));
        // near miss: a derived cue listed nowhere else stays, after the longer listed one
        let pointed: Vec<(usize, bool)> = cues["pointed"]
            .iter()
            .map(|c| (c.words.len(), c.derived))
            .collect();
        assert_eq!(pointed, vec![(2, false), (1, true)]);
    }

    #[test]
    fn titles_leave_out_honorifics_and_add_spokespeople() {
        let row = |title: &str, kind: &str| TitleRow {
            title: title.into(),
            kind: kind.into(),
        };
        let data = SchemaData {
            titles: vec![row("Dr.", "honorific"), row("Harbour Master", "office")],
            ..SchemaData::default()
        };
        let titles = compile_titles(&data);
        assert_eq!(titles["harbour"], vec![vec!["harbour", "master"]]);
        assert!(titles.contains_key("spokeswoman") && titles.contains_key("press"));
        // near miss: an honorific is no title of office
        assert!(!titles.contains_key("dr."));
    }

    #[test]
    fn a_speaker_noun_listed_as_head_and_modifier_keeps_its_head_kind() {
        let tsv = "# comment\nword\tkind\nwarden\tperson\nwarden\tmodifier\nveteran\tmodifier\n";
        let nouns = speaker_nouns(tsv);
        assert_eq!(nouns["warden"], NounKind::Person);
        // near miss: a word listed only as a modifier is one
        assert_eq!(nouns["veteran"], NounKind::Modifier);
    }

    #[test]
    fn nominal_cues_list_the_words_that_open_their_content() {
        let nominal = nominal_cues("noun\tcomplements\nvow\tto, that\n");
        assert_eq!(nominal["vow"], vec!["to", "that"]);
        // near miss: a row without complements is skipped
        assert!(nominal_cues("noun\tcomplements\npledge\n").is_empty());
    }

    #[test]
    fn an_organization_kind_comes_from_its_row_else_its_head_word() {
        let data = SchemaData {
            organizations: vec![NamedRow {
                name: "Tarsk Herald".into(),
                aliases: vec!["The Herald".into()],
                kind: "Media".into(),
                country: None,
            }],
            org_heads: vec![OrgHeadRow {
                word: "Gazette".into(),
                kind: "media".into(),
                position: "last".into(),
            }],
            ..SchemaData::default()
        };
        let kinds = OrgKinds::new(&data);
        assert_eq!(kinds.kind("the herald"), Some("media"));
        assert_eq!(kinds.kind("Quell Gazette"), Some("media"));
        // near miss: no row and no head word
        assert_eq!(kinds.kind("Quell Fisheries"), None);
    }

    #[test]
    fn a_token_drops_its_possessive_and_straightens_its_apostrophe() {
        let t = "Ruiz\u{2019}s O\u{2019}Neill 's";
        let toks: Vec<Tok> = crate::text::tokens_in(t, Span::new(0, t.len()), |_| false)
            .into_iter()
            .map(|x| Tok::of(x, 0))
            .collect();
        let lower: Vec<(&str, bool)> = toks
            .iter()
            .map(|t| (t.lower.as_str(), t.possessive))
            .collect();
        // near misses: an inner apostrophe, and a bare "'s" with no word before it
        assert_eq!(
            lower,
            vec![
                ("ruiz", true),
                ("o'neill", false),
                ("'", false),
                ("s", false)
            ]
        );
    }

    #[test]
    fn a_title_case_line_has_four_words_mostly_capitalised() {
        let line = |t: &str| {
            let toks: Vec<Tok> = crate::text::tokens_in(t, Span::new(0, t.len()), |_| false)
                .into_iter()
                .map(|x| Tok::of(x, 0))
                .collect();
            is_title_case_line(t, Span::new(0, t.len()), &toks)
        };
        assert!(line("Mayor Says Port Will Close"));
        // near misses: an ordinary sentence, and a short line
        assert!(!line("Mayor says the port will close"));
        assert!(!line("Port Will Close"));
    }
}

//! The data model shared by every stage: identifiers, spans, entities, mentions, statements and
//! relations, in two flavours:
//!
//! * **local** (per document, produced by extraction): entities are indices into
//!   [`DocExtraction::entities`]; this is what a pure extraction returns and what the store keeps
//!   per document;
//! * **global** (corpus-wide, produced by linking): entities are [`EntityId`]s.
//!
//! [`Statement`] and [`Relation`] are generic over the entity reference so that one type serves
//! both flavours (`Statement<LocalRef>` inside a document, `Statement<EntityId>` in answers).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Index of an entity inside one document's [`DocExtraction::entities`].
pub type LocalRef = u32;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl $name {
            /// Big-endian bytes: sled's ordered keys then sort ids numerically.
            pub fn to_be_bytes(self) -> [u8; 8] {
                self.0.to_be_bytes()
            }
            /// Reads an id back from the first 8 bytes of a key.
            pub fn from_be_slice(bytes: &[u8]) -> Option<Self> {
                let arr: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
                Some(Self(u64::from_be_bytes(arr)))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A stored document.
    DocId
);
id_type!(
    /// A corpus-wide entity (a node of the graph).
    EntityId
);
id_type!(
    /// A group: every local entity of the corpus that shares one identity key (a gazetteer id
    /// or a normalised name). Groups never change their members' identity, so every index by
    /// entity is written per group once and survives relinking; an entity is a set of groups.
    GroupId
);
id_type!(
    /// A statement: `doc << 24 | index in the document`.
    StatementId
);
id_type!(
    /// A relation edge: `doc << 24 | index in the document`.
    EdgeId
);

/// Number of low bits of a [`StatementId`] / [`EdgeId`] that hold the index inside a document.
pub const LOCAL_BITS: u32 = 24;

impl StatementId {
    pub fn new(doc: DocId, index: usize) -> Self {
        Self((doc.0 << LOCAL_BITS) | index as u64)
    }
    pub fn doc(self) -> DocId {
        DocId(self.0 >> LOCAL_BITS)
    }
    pub fn index(self) -> usize {
        (self.0 & ((1 << LOCAL_BITS) - 1)) as usize
    }
}

impl EdgeId {
    pub fn new(doc: DocId, index: usize) -> Self {
        Self((doc.0 << LOCAL_BITS) | index as u64)
    }
    pub fn doc(self) -> DocId {
        DocId(self.0 >> LOCAL_BITS)
    }
    pub fn index(self) -> usize {
        (self.0 & ((1 << LOCAL_BITS) - 1)) as usize
    }
}

/// A byte range `[start, end)` into a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under the span (empty when the span is out of range or not on char boundaries).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
    pub fn as_pair(self) -> [usize; 2] {
        [self.start, self.end]
    }
}

/// The five node types of the ontology (schema/ontology.json).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Country,
    Organization,
    Location,
    #[default]
    Other,
}

impl EntityType {
    pub const ALL: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Country,
        EntityType::Organization,
        EntityType::Location,
        EntityType::Other,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Country => "country",
            EntityType::Organization => "organization",
            EntityType::Location => "location",
            EntityType::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" => Some(EntityType::Person),
            "country" | "gpe" => Some(EntityType::Country),
            "organization" | "organisation" | "org" => Some(EntityType::Organization),
            "location" | "loc" | "place" => Some(EntityType::Location),
            "other" | "misc" => Some(EntityType::Other),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What counts as a statement, chosen per database (`kg ingest --statements MODE`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementMode {
    /// Speech: what someone said, wrote or reported (direct and reported speech).
    #[default]
    Speech,
    /// Speech plus beliefs, intentions and evaluations ("X hopes ...", "X refused to ...",
    /// "X endorsed Y"): the PolNeAR notion of attribution, with the learned tagger.
    Attitudes,
}

impl StatementMode {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementMode::Speech => "speech",
            StatementMode::Attitudes => "attitudes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "speech" => Some(StatementMode::Speech),
            "attitudes" => Some(StatementMode::Attitudes),
            _ => None,
        }
    }
}

/// How a document's text was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    Text,
    Markdown,
    Html,
}

/// A document header (the text is stored separately).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: DocId,
    /// The document name: path relative to the folder given to `ingest` (the file name for a
    /// single file, `-` or `stdin` for standard input). Unique in a database.
    pub name: String,
    /// The path the file was read from, as given.
    pub path: String,
    pub title: String,
    /// blake3 of the stored text, hex.
    pub hash: String,
    /// Length of the stored text in bytes.
    pub bytes: usize,
    pub format: DocFormat,
    /// Publication date (`YYYY-MM-DD`): from the article's metadata, `--date`, or the file.
    #[serde(default)]
    pub published: Option<String>,
    /// Where the date came from: `html-meta`, `json-ld`, `front-matter`, `option`, `file`,
    /// `ingest`.
    #[serde(default)]
    pub date_source: Option<String>,
    /// Words in the stored text.
    #[serde(default)]
    pub words: usize,
}

// ------------------------------------------------------------------ local (per-document) facts

/// One entity as seen inside one document, after doc-local linking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct LocalEntity {
    /// The fullest name the document uses for it ("Kim Jong Un"), as written.
    pub name: String,
    pub etype: EntityType,
    /// A gazetteer identity when one matched ("country:KP", "org:united nations"): two local
    /// entities with the same gazetteer id are the same real-world entity.
    pub gazetteer_id: Option<String>,
    /// Titles and roles seen next to it in the document ("President", "press secretary").
    pub titles: Vec<String>,
}

/// One occurrence of a name in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// The surface as written, possessive and title stripped ("Kim Jong-un").
    pub text: String,
    /// The local entity it refers to; `None` when it could not be resolved safely (e.g. "Lee"
    /// when two Lees are in the document).
    pub entity: Option<LocalRef>,
    /// The rule that found and linked it (e.g. "gazetteer.demonym", "name.surname-reuse").
    pub rule: String,
    pub confidence: f32,
}

/// Direct quotation or reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Direct,
    Indirect,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
        }
    }
}

/// "Who said what about whom", with provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement<E = LocalRef> {
    /// The speaker entity, `None` for unnamed sources ("a diplomatic source").
    pub speaker: Option<E>,
    /// How the speaker is referred to at this place ("Leavitt", "he", "a diplomatic source").
    pub speaker_text: Option<String>,
    pub speaker_span: Option<Span>,
    /// The cue ("said", "according to").
    pub cue: String,
    pub cue_span: Option<Span>,
    pub content: String,
    pub content_span: Span,
    pub kind: StatementKind,
    /// Entities the content talks about.
    pub about: Vec<E>,
    /// The sentence(s) holding the statement.
    pub sentence: Span,
    pub confidence: f32,
    pub rule: String,
}

/// A typed, directed relation between two entities, with provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation<E = LocalRef> {
    pub src: E,
    pub dst: E,
    /// Relation type from schema/ontology.json ("HOLDS_ROLE", "MET_WITH", "SAID_ABOUT", ...).
    pub relation: String,
    /// Extra label: the role title for HOLDS_ROLE, the verb for interactions.
    pub label: Option<String>,
    /// The words that express the relation.
    pub span: Span,
    /// The evidence sentence.
    pub sentence: Span,
    pub rule: String,
    pub confidence: f32,
    /// For SAID_ABOUT: the statement (index in the same document) it comes from.
    pub statement: Option<u32>,
    /// For MENTIONED_WITH: the number of sentences the two share in this document; else 1.
    pub weight: u32,
}

impl<E> Statement<E> {
    pub fn map_entities<F>(self, mut f: impl FnMut(E) -> Option<F>) -> Statement<F> {
        Statement {
            speaker: self.speaker.and_then(&mut f),
            speaker_text: self.speaker_text,
            speaker_span: self.speaker_span,
            cue: self.cue,
            cue_span: self.cue_span,
            content: self.content,
            content_span: self.content_span,
            kind: self.kind,
            about: self.about.into_iter().filter_map(&mut f).collect(),
            sentence: self.sentence,
            confidence: self.confidence,
            rule: self.rule,
        }
    }
}

impl<E> Relation<E> {
    /// Maps both ends; `None` when either end has no image.
    pub fn map_entities<F>(self, mut f: impl FnMut(E) -> Option<F>) -> Option<Relation<F>> {
        Some(Relation {
            src: f(self.src)?,
            dst: f(self.dst)?,
            relation: self.relation,
            label: self.label,
            span: self.span,
            sentence: self.sentence,
            rule: self.rule,
            confidence: self.confidence,
            statement: self.statement,
            weight: self.weight,
        })
    }
}

/// Everything extraction found in one document. A pure function of (text, resources).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct DocExtraction {
    pub sentences: Vec<Span>,
    pub entities: Vec<LocalEntity>,
    pub mentions: Vec<Mention>,
    pub statements: Vec<Statement<LocalRef>>,
    pub relations: Vec<Relation<LocalRef>>,
}

// ------------------------------------------------------------------ global (corpus) facts

/// A name an entity is known by, with the rule that linked it and an example document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub surface: String,
    pub rule: String,
    /// Name of a document where it occurs.
    pub doc: String,
    pub count: u64,
}

/// A node of the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub etype: EntityType,
    pub aliases: Vec<Alias>,
    pub mention_count: u64,
    /// Documents it is mentioned in (counted per local entity).
    pub doc_count: u64,
    pub gazetteer_id: Option<String>,
    pub titles: Vec<String>,
}

/// A global statement with its id and document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    pub id: StatementId,
    pub doc: DocId,
    pub doc_name: String,
    #[serde(flatten)]
    pub statement: Statement<EntityId>,
}

/// A global edge with its id, document and evidence sentence text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub id: EdgeId,
    pub doc: DocId,
    pub doc_name: String,
    pub evidence: String,
    #[serde(flatten)]
    pub relation: Relation<EntityId>,
    /// For SAID_ABOUT: the global statement id.
    pub statement_id: Option<StatementId>,
    /// How many occurrences the edge stands for: 1 for one relation in one sentence; for an
    /// aggregated tie (co-occurrence per pair, or a focused view), the relations (documents
    /// for co-occurrence) it sums, `id`/`doc`/`evidence` being the strongest of them.
    #[serde(default = "one")]
    pub count: u64,
}

fn one() -> u64 {
    1
}

/// A mention with its global entity and document, for exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub entity: EntityId,
    pub doc: DocId,
    pub doc_name: String,
    pub span: Span,
    pub text: String,
    pub rule: String,
}

/// A user's correction of linking, persisted and replayed on every relink.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Curation {
    /// Make ALIAS (a surface) always mean ENTITY.
    Alias { alias: String, entity: String },
    /// Merge entity B into entity A (A's name survives).
    Merge { into: String, from: String },
    /// Move these aliases of ENTITY to a new entity of their own.
    Split {
        entity: String,
        aliases: Vec<String>,
    },
    /// Give ENTITY a new canonical name.
    Rename { entity: String, name: String },
    /// Force the type of ENTITY.
    Type { entity: String, etype: EntityType },
}

// ------------------------------------------------------------------ dates

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the proleptic Gregorian calendar).
pub fn day_number(date: &str) -> Option<i32> {
    let mut it = date.get(..10)?.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1..=9999).contains(&y) {
        return None;
    }
    let days_in_month = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = if m == 2 && leap {
        29
    } else {
        days_in_month[(m - 1) as usize]
    };
    if d > max {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// The `YYYY-MM-DD` of a day number (inverse of [`day_number`]).
pub fn date_of_day(day: i32) -> String {
    let z = day as i64 + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2025-06-11"), Some(20_250));
        for d in [-700_000, -1, 0, 59, 60, 11_016, 20_250, 2_900_000] {
            assert_eq!(day_number(&date_of_day(d)), Some(d), "{d}");
        }
        // near misses: no 30 February, no month 13, not a date
        assert_eq!(day_number("2023-02-29"), None);
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2024-02-29"), Some(19_782));
    }
}

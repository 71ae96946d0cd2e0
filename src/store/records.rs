//! The values kg stores, and how they are encoded: postcard for records, zstd for a document's
//! body (its text and facts, written once, read section by section).

use crate::error::{KgError, Result};
use crate::link::corpus::{Group, Node};
use crate::model::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub fn enc<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    Ok(postcard::to_stdvec(v)?)
}

pub fn dec<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    Ok(postcard::from_bytes(b)?)
}

/// zstd level for document bodies: fast, and most of the gain.
const ZSTD_LEVEL: i32 = 3;

pub fn compress(b: &[u8]) -> Result<Vec<u8>> {
    zstd::bulk::compress(b, ZSTD_LEVEL)
        .map_err(|e| KgError::Invalid(format!("cannot compress a record: {e}")))
}

/// Largest section kg decompresses.
const MAX_DECOMPRESSED: usize = 512 << 20;

pub fn decompress(b: &[u8]) -> Result<Vec<u8>> {
    let v = zstd::stream::decode_all(b).map_err(|e| {
        KgError::Invalid(format!("a stored record is damaged ({e}); run `kg check`"))
    })?;
    if v.len() > MAX_DECOMPRESSED {
        return Err(KgError::Invalid(
            "a stored record is too large; run `kg check`".into(),
        ));
    }
    Ok(v)
}

/// Curations are stored as JSON: [`Curation`] is an internally tagged enum, which postcard
/// cannot decode.
pub fn enc_json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| KgError::Invalid(format!("cannot encode a curation: {e}")))
}

pub fn dec_json<T: DeserializeOwned>(b: &[u8]) -> Result<T> {
    serde_json::from_slice(b)
        .map_err(|e| KgError::Invalid(format!("cannot decode a stored curation: {e}")))
}

// ------------------------------------------------------------------ a document's body

/// What queries read of a document: the group of each local entity, its statements and its
/// relations (typed ones and co-occurrence; relation `i` is edge `doc << 24 | i`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub groups: Vec<GroupId>,
    pub statements: Vec<Statement<LocalRef>>,
    pub relations: Vec<Relation<LocalRef>>,
}

impl Facts {
    pub fn group(&self, local: LocalRef) -> Option<GroupId> {
        self.groups.get(local as usize).copied()
    }
}

/// What exports and removal read: sentences, the nodes the document adds to its groups, and
/// every mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub sentences: Vec<Span>,
    pub nodes: Vec<Node>,
    pub mentions: Vec<Mention>,
}

/// Version byte of a body value.
const BODY_V2: u8 = 2;

/// A text a record usually shares with the document: the slice of its span, its own when it
/// differs, or none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum Text {
    None,
    Slice,
    Own(String),
}

impl Text {
    fn of(s: Option<&str>, span: Option<Span>, text: &str) -> Self {
        match (s, span) {
            (None, _) => Text::None,
            (Some(s), Some(sp)) if sp.slice(text) == s => Text::Slice,
            (Some(s), _) => Text::Own(s.to_string()),
        }
    }
    fn get(&self, span: Option<Span>, text: &str) -> Option<String> {
        match self {
            Text::None => None,
            Text::Slice => Some(span.map_or("", |sp| sp.slice(text)).to_string()),
            Text::Own(s) => Some(s.clone()),
        }
    }
}

/// A document's strings that repeat (rule names, relation types, cues): each once.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Strings(Vec<String>);

impl Strings {
    fn id(&mut self, s: &str) -> u32 {
        match self.0.iter().position(|x| x == s) {
            Some(i) => i as u32,
            None => {
                self.0.push(s.to_string());
                (self.0.len() - 1) as u32
            }
        }
    }
    fn get(&self, i: u32) -> String {
        self.0.get(i as usize).cloned().unwrap_or_default()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CStatement {
    speaker: Option<LocalRef>,
    speaker_text: Text,
    speaker_span: Option<Span>,
    cue: Text,
    cue_span: Option<Span>,
    content: Text,
    content_span: Span,
    kind: StatementKind,
    about: Vec<LocalRef>,
    sentence: Span,
    confidence: f32,
    rule: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CRelation {
    src: LocalRef,
    dst: LocalRef,
    relation: u32,
    label: Option<String>,
    span: Span,
    sentence: Span,
    rule: u32,
    confidence: f32,
    statement: Option<u32>,
    weight: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CMention {
    span: Span,
    text: Text,
    entity: Option<LocalRef>,
    rule: u32,
    confidence: f32,
}

/// Everything of a document but its groups, in one zstd frame: the strings its records share
/// with its text compress into back-references, and most are stored as spans only.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Packed {
    text: String,
    strings: Strings,
    sentences: Vec<Span>,
    entities: Vec<LocalEntity>,
    mentions: Vec<CMention>,
    statements: Vec<CStatement>,
    relations: Vec<CRelation>,
}

/// A document's text and extraction, packed and compressed (done where the document is
/// extracted, so the writer does not compress): [`encode_body`] adds the groups.
pub fn pack_body(text: &str, ext: &DocExtraction) -> Result<Vec<u8>> {
    let mut strings = Strings::default();
    let statements = ext
        .statements
        .iter()
        .map(|s| CStatement {
            speaker: s.speaker,
            speaker_text: Text::of(s.speaker_text.as_deref(), s.speaker_span, text),
            speaker_span: s.speaker_span,
            cue: Text::of(Some(&s.cue), s.cue_span, text),
            cue_span: s.cue_span,
            content: Text::of(Some(&s.content), Some(s.content_span), text),
            content_span: s.content_span,
            kind: s.kind,
            about: s.about.clone(),
            sentence: s.sentence,
            confidence: s.confidence,
            rule: strings.id(&s.rule),
        })
        .collect();
    let relations = ext
        .relations
        .iter()
        .map(|r| CRelation {
            src: r.src,
            dst: r.dst,
            relation: strings.id(&r.relation),
            label: r.label.clone(),
            span: r.span,
            sentence: r.sentence,
            rule: strings.id(&r.rule),
            confidence: r.confidence,
            statement: r.statement,
            weight: r.weight,
        })
        .collect();
    let mentions = ext
        .mentions
        .iter()
        .map(|m| CMention {
            span: m.span,
            text: Text::of(Some(&m.text), Some(m.span), text),
            entity: m.entity,
            rule: strings.id(&m.rule),
            confidence: m.confidence,
        })
        .collect();
    let p = Packed {
        text: text.to_string(),
        strings,
        sentences: ext.sentences.clone(),
        entities: ext.entities.clone(),
        mentions,
        statements,
        relations,
    };
    compress(&enc(&p)?)
}

/// A body value: a version byte, the group of each local entity, then the packed frame.
pub fn encode_body(groups: &[GroupId], packed: &[u8]) -> Result<Vec<u8>> {
    let mut out = vec![BODY_V2];
    out.extend(enc(&groups.to_vec())?);
    out.extend_from_slice(packed);
    Ok(out)
}

/// A decoded body.
#[derive(Clone, Debug, Default)]
pub struct Body {
    pub text: String,
    pub facts: Facts,
    pub detail: Detail,
}

fn damaged_body() -> KgError {
    KgError::Invalid("a stored document body is damaged; run `kg check`".into())
}

/// The groups of a body and where its frame starts.
fn body_parts(body: &[u8]) -> Result<(Vec<GroupId>, &[u8])> {
    if body.first() != Some(&BODY_V2) {
        return Err(damaged_body());
    }
    let (groups, rest): (Vec<GroupId>, &[u8]) =
        postcard::take_from_bytes(&body[1..]).map_err(|_| damaged_body())?;
    Ok((groups, rest))
}

/// Decodes a whole body.
pub fn decode_body(body: &[u8]) -> Result<Body> {
    let (groups, frame) = body_parts(body)?;
    let p: Packed = dec(&decompress(frame)?)?;
    let text = p.text;
    let statements = p
        .statements
        .into_iter()
        .map(|s| Statement {
            speaker: s.speaker,
            speaker_text: s.speaker_text.get(s.speaker_span, &text),
            speaker_span: s.speaker_span,
            cue: s.cue.get(s.cue_span, &text).unwrap_or_default(),
            cue_span: s.cue_span,
            content: s
                .content
                .get(Some(s.content_span), &text)
                .unwrap_or_default(),
            content_span: s.content_span,
            kind: s.kind,
            about: s.about,
            sentence: s.sentence,
            confidence: s.confidence,
            rule: p.strings.get(s.rule),
        })
        .collect();
    let relations = p
        .relations
        .into_iter()
        .map(|r| Relation {
            src: r.src,
            dst: r.dst,
            relation: p.strings.get(r.relation),
            label: r.label,
            span: r.span,
            sentence: r.sentence,
            rule: p.strings.get(r.rule),
            confidence: r.confidence,
            statement: r.statement,
            weight: r.weight,
        })
        .collect();
    let mentions: Vec<Mention> = p
        .mentions
        .into_iter()
        .map(|m| Mention {
            span: m.span,
            text: m.text.get(Some(m.span), &text).unwrap_or_default(),
            entity: m.entity,
            rule: p.strings.get(m.rule),
            confidence: m.confidence,
        })
        .collect();
    let ext = DocExtraction {
        sentences: Vec::new(),
        entities: p.entities,
        mentions,
        statements: Vec::new(),
        relations: Vec::new(),
    };
    let nodes = crate::link::corpus::nodes_of(&ext);
    Ok(Body {
        facts: Facts {
            groups,
            statements,
            relations,
        },
        detail: Detail {
            sentences: p.sentences,
            nodes,
            mentions: ext.mentions,
        },
        text,
    })
}

/// The groups of a body (without decompressing it).
pub fn body_groups(body: &[u8]) -> Result<Vec<GroupId>> {
    Ok(body_parts(body)?.0)
}

pub fn body_text(body: &[u8]) -> Result<String> {
    Ok(decode_body(body)?.text)
}

pub fn body_facts(body: &[u8]) -> Result<Facts> {
    Ok(decode_body(body)?.facts)
}

pub fn body_detail(body: &[u8]) -> Result<Detail> {
    Ok(decode_body(body)?.detail)
}

// ------------------------------------------------------------------ groups and their documents

/// One document of a group: where it is dated, how often the group is mentioned, and the
/// indices of the statements it makes or is talked about in and of the typed relations it
/// takes part in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    pub day: i32,
    pub doc: DocId,
    pub mentions: u32,
    pub said: Vec<u32>,
    pub about: Vec<u32>,
    pub out: Vec<u32>,
    pub inn: Vec<u32>,
}

/// Documents a group keeps inside its own record; a group in more goes to `M` keys.
pub const INLINE_POSTINGS: usize = 8;

/// Where a group's postings are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Postings {
    /// In the group's record, sorted by (day, document).
    Inline(Vec<Posting>),
    /// Under `M ‖ group ‖ day ‖ doc`.
    #[default]
    Spilled,
}

/// Where a group's ties are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ties {
    /// In the group's record (a group in few documents), sorted by partner.
    Inline(Vec<Tie>),
    /// Under `P ‖ group ‖ shard`.
    Spilled,
}

impl Default for Ties {
    fn default() -> Self {
        Ties::Inline(Vec::new())
    }
}

/// The stored value of a group: linking's record, its documents and its ties.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredGroup {
    pub group: Group,
    pub postings: Postings,
    pub ties: Ties,
}

// ------------------------------------------------------------------ ties

/// A piece of evidence for a tie between two groups: an edge (a typed relation, or a
/// co-occurrence inside one document).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub edge: EdgeId,
    pub confidence: f32,
    pub weight: u32,
    /// An order-free tie-break (hash of the document name and index): the best evidence does
    /// not depend on the order documents were ingested in.
    pub tie: u32,
}

impl EvidenceRef {
    /// Orders evidence: confidence, then weight, then the tie-break.
    pub fn rank(&self) -> (i64, u32, std::cmp::Reverse<u32>) {
        (
            (self.confidence * 1000.0) as i64,
            self.weight,
            std::cmp::Reverse(self.tie),
        )
    }
}

/// Best pieces of evidence kept per tie and relation (the rest is found through the postings).
pub const BEST_EVIDENCE: usize = 1;

/// One relation type between a group and a partner, aggregated over the corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TieRel {
    pub relation: String,
    /// Edges from the group to the partner, and from the partner to the group (co-occurrence
    /// counts documents in `out`).
    pub out: u64,
    pub inn: u64,
    /// Sum of the edges' weights (co-occurrence: shared sentences).
    pub weight: u64,
    /// The strongest evidence, best first.
    pub best: Vec<EvidenceRef>,
}

/// A group's connection to one partner group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    pub partner: GroupId,
    /// Sorted by relation.
    pub rels: Vec<TieRel>,
}

impl Tie {
    /// Total weight: how strongly the two are connected (for ranking partners).
    pub fn weight(&self) -> u64 {
        self.rels.iter().map(|r| r.weight.max(r.out + r.inn)).sum()
    }
}

/// A group mentioned in more documents than this keeps its ties under keys of their own
/// (one small record per partner, so a commit rewrites only the ties it changes); a smaller
/// one keeps them in its record.
pub const TIE_MIN_NODES: u64 = 8;

/// Most partners kept in a group's top list.
pub const TOP_PARTNERS: usize = 64;

/// A group's partner bookkeeping (for a group whose ties have keys of their own): how many
/// partners it has and the strongest (so a hub's neighbours need not read all its ties).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerMeta {
    pub partners: u64,
    /// The strongest partners, strongest first (weight, then partner id).
    pub top: Vec<(GroupId, u64)>,
}

/// The counts every commit keeps up to date in the meta record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: u64,
    pub entities: u64,
    pub groups: u64,
    pub mentions: u64,
    pub statements: u64,
    pub relations: u64,
    pub text_bytes: u64,
    pub words: u64,
    pub entities_by_type: std::collections::BTreeMap<String, u64>,
    pub relations_by_type: std::collections::BTreeMap<String, u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_round_trips_and_damage_is_an_error() {
        let res = crate::extract::Resources::global().unwrap();
        let text = "Lima is far. \"We agree,\" Ana Ruiz said of Peru. ".repeat(40);
        let ext = crate::extract::extract(&text, res, Default::default());
        assert!(!ext.statements.is_empty() && !ext.mentions.is_empty());
        let groups: Vec<GroupId> = (0..ext.entities.len() as u64).map(GroupId).collect();
        let b = encode_body(&groups, &pack_body(&text, &ext).unwrap()).unwrap();
        assert!(b.len() < text.len(), "{} bytes for {}", b.len(), text.len());
        let body = decode_body(&b).unwrap();
        assert_eq!(body.text, text);
        assert_eq!(body.facts.statements, ext.statements);
        assert_eq!(body.facts.relations, ext.relations);
        assert_eq!(body.detail.mentions, ext.mentions);
        assert_eq!(body.detail.sentences, ext.sentences);
        assert_eq!(body.facts.groups, groups);
        assert_eq!(body_groups(&b).unwrap(), groups);
        // near misses: a truncated or foreign value is an error, not a panic
        assert!(decode_body(&b[..b.len() / 2]).is_err());
        assert!(decode_body(b"\x07garbage").is_err());
        assert!(decode_body(&[]).is_err());
    }
}

//! The learned attribution tagger of attitude mode.
//!
//! A first-order averaged-perceptron sequence tagger labels each token of a sentence as part
//! of an attribution's source, cue or content (BIO tags). Its weights live in
//! schema/attribution_model.tsv, trained by `examples/train_attribution.rs` on the annotated
//! spans of the PolNeAR train split (no article text is stored: feature names are single words,
//! word pairs and shapes). The hand-written rules of [`super::statements`] run first; the tagger
//! only adds attributions where the rules found nothing, which is how it recovers the long tail
//! of one-off cues ("is doubling down on", "took offense at") that no cue list holds.
//!
//! The feature extractor below is shared by training and inference, so the two cannot drift.

use super::Ctx;
use super::speakers::{self, SpeakerState};
use super::statements::{self, Found};
use crate::model::{EntityType, Span, Statement, StatementKind};

const MODEL: &str = include_str!("../../schema/attribution_model.tsv");

/// The model of schema/attribution_model.tsv, parsed on first use (`None` if the file does
/// not parse; a unit test makes sure it does).
pub fn embedded() -> Option<&'static Model> {
    static M: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
    M.get_or_init(|| Model::parse(MODEL).ok()).as_ref()
}

/// The tag set, in the order of the weight columns.
pub const TAGS: [&str; 7] = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"];
/// Number of tags.
pub const N: usize = TAGS.len();
/// The "previous tag" of a sentence's first token (row N of the transition table).
pub const START: usize = N;

/// A role of a token in an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    /// The B tag of the role (the I tag is one more).
    pub fn begin_tag(self) -> usize {
        match self {
            Role::Source => 1,
            Role::Cue => 3,
            Role::Content => 5,
        }
    }
}

/// The role of a tag, `None` for O.
pub fn role_of(tag: usize) -> Option<Role> {
    match tag {
        1 | 2 => Some(Role::Source),
        3 | 4 => Some(Role::Cue),
        5 | 6 => Some(Role::Content),
        _ => None,
    }
}

/// May `tag` follow `prev`? An I tag continues a B or I tag of its own role.
pub fn allowed(prev: usize, tag: usize) -> bool {
    if tag == 2 || tag == 4 || tag == 6 {
        prev == tag || prev + 1 == tag
    } else {
        true
    }
}

/// The hash of a feature name (the model file keeps the names, so the hash function only has
/// to agree with itself within one process).
pub fn fhash(s: &str) -> u64 {
    NameHash::of(s.as_bytes()).finish()
}

/// A polynomial hash of bytes (mod 2^64) with the power of the base it reached, so the hash
/// of a name is composed from the hashes of its pieces: `of(a ‖ b) = of(a).then(of(b))`. A
/// sentence's words are hashed once and each feature only combines pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NameHash {
    h: u64,
    /// `BASE` to the number of bytes hashed.
    pow: u64,
}

impl NameHash {
    const BASE: u64 = 0x9e37_79b9_7f4a_7c15;
    const EMPTY: NameHash = NameHash { h: 0, pow: 1 };

    /// The hash of `bytes`.
    const fn of(bytes: &[u8]) -> Self {
        let mut x = Self::EMPTY;
        let mut i = 0;
        while i < bytes.len() {
            x.h =
                x.h.wrapping_mul(Self::BASE)
                    .wrapping_add(bytes[i] as u64 + 1);
            x.pow = x.pow.wrapping_mul(Self::BASE);
            i += 1;
        }
        x
    }

    /// The hash of the bytes of `self` followed by those of `next`.
    const fn then(self, next: NameHash) -> Self {
        NameHash {
            h: self.h.wrapping_mul(next.pow).wrapping_add(next.h),
            pow: self.pow.wrapping_mul(next.pow),
        }
    }

    /// The final 64-bit hash (murmur3's finalizer over both words).
    fn finish(self) -> u64 {
        let mut k = self.h ^ self.pow.rotate_left(29);
        k ^= k >> 33;
        k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
        k ^= k >> 33;
        k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        k ^ (k >> 33)
    }
}

/// A piece of a feature name with its hash.
#[derive(Clone, Copy, Debug)]
pub struct Piece<'s> {
    pub text: &'s str,
    hash: NameHash,
}

impl<'s> Piece<'s> {
    /// The piece `text` (a `const fn`: fixed pieces are hashed at compile time, see `lit!`).
    pub const fn of(text: &'s str) -> Self {
        Piece {
            text,
            hash: NameHash::of(text.as_bytes()),
        }
    }
}

/// The hash ([`fhash`]) of the name the pieces spell.
fn hash_of(pieces: &[Piece<'_>]) -> u64 {
    pieces
        .iter()
        .fold(NameHash::EMPTY, |h, p| h.then(p.hash))
        .finish()
}

/// A fixed piece of a feature name, hashed at compile time.
macro_rules! lit {
    ($s:literal) => {
        const { Piece::of($s) }
    };
}

/// The start and end of sentence markers, as words.
const BOS: Piece<'static> = Piece::of("<s>");
const EOS: Piece<'static> = Piece::of("</s>");

fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return "empty";
    };
    if !first.is_alphanumeric() {
        return match first {
            '"' | '\u{201c}' | '\u{201d}' | '\'' | '\u{2018}' | '\u{2019}' => "quote",
            ',' => "comma",
            '.' | '!' | '?' => "stop",
            ':' | ';' => "colon",
            '-' | '\u{2013}' | '\u{2014}' | '\u{2015}' => "dash",
            '(' | ')' | '[' | ']' => "paren",
            _ => "punct",
        };
    }
    if first.is_numeric() {
        return "digit";
    }
    let rest_lower = word.chars().skip(1).all(|c| !c.is_uppercase());
    match (first.is_uppercase(), rest_lower) {
        (true, true) => "Cap",
        (true, false) => "CAPS",
        _ => "low",
    }
}

/// A crude lemma: common inflection suffixes cut ("attacked", "attacks" -> "attack").
fn lemma(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if let Some(b) = w.strip_suffix(suf)
            && b.len() >= 3
        {
            return b;
        }
    }
    w
}

/// A boolean as a feature writes it.
fn bool_piece(b: bool) -> Piece<'static> {
    if b { lit!("true") } else { lit!("false") }
}

/// A signed distance as a feature writes it: exact up to 2, then in ranges.
fn bucket(d: isize) -> Piece<'static> {
    match d {
        ..=-11 => lit!("<-10"),
        -10..=-6 => lit!("-6..-10"),
        -5..=-3 => lit!("-3..-5"),
        -2 => lit!("-2"),
        -1 => lit!("-1"),
        0 => lit!("0"),
        1 => lit!("1"),
        2 => lit!("2"),
        3..=5 => lit!("3..5"),
        6..=10 => lit!("6..10"),
        _ => lit!(">10"),
    }
}

fn etype_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "per",
        EntityType::Organization => "org",
        EntityType::Country => "gpe",
        EntityType::Location => "loc",
        EntityType::Other => "other",
    }
}

/// Where [`features_into`] sends each feature of a token, as the pieces its name is made of
/// (the tagger combines their hashes without building a string; the trainer joins them).
pub trait FeatureSink {
    fn feature(&mut self, tok: usize, name: &[Piece<'_>]);
}

struct NamedSink<F: FnMut(usize, &str)> {
    buf: String,
    emit: F,
}

impl<F: FnMut(usize, &str)> FeatureSink for NamedSink<F> {
    fn feature(&mut self, tok: usize, name: &[Piece<'_>]) {
        self.buf.clear();
        for p in name {
            self.buf.push_str(p.text);
        }
        (self.emit)(tok, &self.buf);
    }
}

/// Calls `emit(token, feature name)` for every feature of every token of sentence `s`.
pub fn sentence_features(ctx: &Ctx, s: usize, emit: impl FnMut(usize, &str)) {
    let mut sink = NamedSink {
        buf: String::with_capacity(64),
        emit,
    };
    features_into(ctx, s, &mut sink);
}

/// Sends every feature of every token of sentence `s` to `sink`, group by group (the order
/// is part of the model: scores are summed in it).
pub fn features_into(ctx: &Ctx, s: usize, sink: &mut impl FeatureSink) {
    let Some(v) = SentenceView::of(ctx, s) else {
        return;
    };
    for j in 0..v.n {
        let tok = v.a + j;
        let mut f = |name: &[Piece<'_>]| sink.feature(tok, name);
        word_features(&v, j, &mut f);
        shape_and_quote_features(&v, j, &mut f);
        mention_features(&v, j, &mut f);
        cue_features(&v, j, &mut f);
        position_features(&v, j, &mut f);
        wide_window_features(&v, j, &mut f);
        lemma_features(&v, j, &mut f);
        ahead_and_behind_features(&v, j, &mut f);
    }
}

/// A token inside a lexicon cue: whether it begins the cue, and the cue's class name.
type CueMark = (bool, &'static str);

/// What the features of a sentence's tokens look at, computed once per sentence (index `j`
/// is token `a + j`).
struct SentenceView<'c> {
    a: usize,
    n: usize,
    /// The lexicon cue covering each token.
    cue: Vec<Option<CueMark>>,
    /// Where each lexicon cue begins.
    cue_starts: Vec<usize>,
    /// Lower-case words, and as pieces.
    words: Vec<&'c str>,
    word_pieces: Vec<Piece<'c>>,
    /// The lemmas of the words ([`lemma`]).
    lemmas: Vec<Piece<'c>>,
    /// Shapes of the words as written ([`shape`]), and as pieces.
    shapes: Vec<&'static str>,
    shape_pieces: Vec<Piece<'static>>,
    /// The entity type of the mention covering each token ("-" for none, "unres"), and as
    /// pieces.
    mtype: Vec<&'static str>,
    mtype_pieces: Vec<Piece<'static>>,
    in_quote: Vec<bool>,
    possessive: Vec<bool>,
    has_quote: bool,
    commas: Vec<usize>,
}

impl<'c> SentenceView<'c> {
    /// The view of sentence `s`, `None` when it has no tokens.
    fn of(ctx: &'c Ctx, s: usize) -> Option<Self> {
        let (a, b) = ctx.sent_toks[s];
        if a >= b {
            return None;
        }
        let (cue, cue_starts) = lexicon_cues(ctx, a, b);
        let raw: Vec<&str> = (a..b).map(|k| ctx.toks[k].span.slice(ctx.text)).collect();
        let in_quote: Vec<bool> = (a..b).map(|k| ctx.tok_quote[k].is_some()).collect();
        let words: Vec<&str> = (a..b).map(|k| ctx.toks[k].lower.as_str()).collect();
        let shapes: Vec<&str> = raw.iter().map(|r| shape(r)).collect();
        let mtype: Vec<&str> = (a..b).map(|k| mention_type(ctx, k)).collect();
        Some(SentenceView {
            a,
            n: b - a,
            cue,
            cue_starts,
            word_pieces: words.iter().map(|w| Piece::of(w)).collect(),
            lemmas: words.iter().map(|w| Piece::of(lemma(w))).collect(),
            words,
            shape_pieces: shapes.iter().map(|w| Piece::of(w)).collect(),
            shapes,
            mtype_pieces: mtype.iter().map(|w| Piece::of(w)).collect(),
            mtype,
            has_quote: in_quote.iter().any(|&q| q),
            in_quote,
            possessive: (a..b).map(|k| ctx.toks[k].possessive).collect(),
            commas: (0..b - a).filter(|&j| raw[j] == ",").collect(),
        })
    }

    /// The word at `j`, or a sentence boundary marker outside the sentence.
    fn w(&self, j: isize) -> Piece<'c> {
        self.at(j, &self.word_pieces)
    }

    /// The lemma of the word at `j`, or a sentence boundary marker (its own lemma).
    fn lem(&self, j: isize) -> Piece<'c> {
        self.at(j, &self.lemmas)
    }

    /// `pieces[j]`, or a sentence boundary marker outside the sentence.
    fn at(&self, j: isize, pieces: &[Piece<'c>]) -> Piece<'c> {
        if j < 0 {
            BOS
        } else if j as usize >= self.n {
            EOS
        } else {
            pieces[j as usize]
        }
    }
}

/// The lexicon cues of tokens `a..b`: for each token the cue covering it (begins here?,
/// class), and where each cue begins (relative to `a`).
fn lexicon_cues(ctx: &Ctx, a: usize, b: usize) -> (Vec<Option<CueMark>>, Vec<usize>) {
    let mut cue: Vec<Option<CueMark>> = vec![None; b - a];
    let mut cue_starts: Vec<usize> = Vec::new();
    let mut i = a;
    while i < b {
        let Some((len, c)) = ctx.cue_at(i) else {
            i += 1;
            continue;
        };
        cue_starts.push(i - a);
        for k in 0..len.max(1) {
            if i + k < b {
                cue[i + k - a] = Some((k == 0, c.class.name()));
            }
        }
        i += len.max(1);
    }
    (cue, cue_starts)
}

/// The entity type of the mention covering token `k`: "-" for none, "unres" when unlinked.
fn mention_type(ctx: &Ctx, k: usize) -> &'static str {
    match ctx.tok_mention[k] {
        Some(m) => match ctx.mentions[m].entity {
            Some(e) => etype_name(ctx.etype(e)),
            None => "unres",
        },
        None => "-",
    }
}

/// The bias, the word and its neighbours up to two away, the two word pairs and the last
/// three letters.
fn word_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let ji = j as isize;
    let w = |k: isize| v.w(k);
    let bar = lit!("|");
    f(&[lit!("bias")]);
    f(&[lit!("w="), w(ji)]);
    f(&[lit!("p="), w(ji - 1)]);
    f(&[lit!("n="), w(ji + 1)]);
    f(&[lit!("pp="), w(ji - 2)]);
    f(&[lit!("nn="), w(ji + 2)]);
    f(&[lit!("pw="), w(ji - 1), bar, w(ji)]);
    f(&[lit!("wn="), w(ji), bar, w(ji + 1)]);
    // the last three characters (all of a shorter word)
    let word = v.words[j];
    let from = word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    f(&[lit!("s3="), Piece::of(&word[from..])]);
}

/// The shapes of the word and its neighbours, a possessive, and whether the token and the
/// sentence hold a quotation.
fn shape_and_quote_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let sh = v.shape_pieces[j];
    let bar = lit!("|");
    f(&[lit!("sh="), sh]);
    let psh = if j > 0 { v.shape_pieces[j - 1] } else { BOS };
    let nsh = if j + 1 < v.n {
        v.shape_pieces[j + 1]
    } else {
        EOS
    };
    f(&[lit!("shp="), psh, bar, sh, bar, nsh]);
    if v.possessive[j] {
        f(&[lit!("poss")]);
    }
    f(&[lit!("q="), bool_piece(v.in_quote[j]), bar, sh]);
    f(&[lit!("hq="), bool_piece(v.has_quote)]);
}

/// The entity types of the mentions at the token and beside it.
fn mention_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let m = v.mtype_pieces[j];
    f(&[lit!("m="), m]);
    let mp = if j > 0 { v.mtype_pieces[j - 1] } else { BOS };
    let mn = if j + 1 < v.n {
        v.mtype_pieces[j + 1]
    } else {
        EOS
    };
    f(&[lit!("mp="), mp, lit!("|m="), m]);
    f(&[lit!("m="), m, lit!("|mn="), mn]);
}

/// The lexicon cue at the token, and the nearest one: signed distance, whether a comma lies
/// between, with the mention type, the shape and the cue word.
fn cue_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let ji = j as isize;
    if let Some((begin, class)) = v.cue[j] {
        f(&[lit!("c="), bool_piece(begin), lit!("|"), Piece::of(class)]);
    } else {
        f(&[lit!("c=none")]);
    }
    let near = v
        .cue_starts
        .iter()
        .min_by_key(|&&c| (c as isize - ji).unsigned_abs())
        .copied();
    let Some(c) = near else {
        f(&[lit!("cd=none")]);
        return;
    };
    let d = ji - c as isize;
    let bk = bucket(d);
    let (lo, hi) = if c < j { (c, j) } else { (j, c) };
    let comma = v.commas.iter().any(|&k| lo < k && k < hi);
    let side = match d.signum() {
        -1 => lit!("-1"),
        0 => lit!("0"),
        _ => lit!("1"),
    };
    let cd = lit!("cd=");
    f(&[cd, bk]);
    f(&[cd, bk, lit!("|comma="), bool_piece(comma)]);
    f(&[cd, bk, lit!("|m="), v.mtype_pieces[j]]);
    f(&[cd, bk, lit!("|sh="), v.shape_pieces[j]]);
    f(&[lit!("cw="), v.word_pieces[c], lit!("|side="), side]);
}

/// The distance from the sentence's start and end, and the first with the word.
fn position_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let ji = j as isize;
    f(&[lit!("ps="), bucket(ji)]);
    f(&[lit!("pe="), bucket(v.n as isize - 1 - ji)]);
    f(&[lit!("ps="), bucket(ji), lit!("|w="), v.w(ji)]);
}

/// The words three away, the pair around the token and the two word triples.
fn wide_window_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let ji = j as isize;
    let w = |k: isize| v.w(k);
    let bar = lit!("|");
    f(&[lit!("ppp="), w(ji - 3)]);
    f(&[lit!("nnn="), w(ji + 3)]);
    f(&[lit!("pn="), w(ji - 1), bar, w(ji + 1)]);
    f(&[lit!("ppw="), w(ji - 2), bar, w(ji - 1), bar, w(ji)]);
    f(&[lit!("wnn="), w(ji), bar, w(ji + 1), bar, w(ji + 2)]);
}

/// The lemma of the word, alone and with the lemmas beside it.
fn lemma_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let ji = j as isize;
    let lem = v.lemmas[j];
    f(&[lit!("lem="), lem]);
    f(&[lit!("plem="), v.lem(ji - 1), lit!("|lem="), lem]);
    f(&[lit!("lem="), lem, lit!("|nlem="), v.lem(ji + 1)]);
}

/// What follows within three tokens (a complementizer, "to", a quote, a colon) and what
/// precedes (a name or a subject pronoun), with the lemma.
fn ahead_and_behind_features(v: &SentenceView, j: usize, f: &mut impl FnMut(&[Piece<'_>])) {
    let lem = v.lemmas[j];
    let ahead = (j + 1..(j + 4).min(v.n))
        .find_map(|k| match (v.words[k], v.shapes[k]) {
            ("that", _) => Some(lit!("that")),
            ("to", _) => Some(lit!("to")),
            ("if" | "whether", _) => Some(lit!("if")),
            (_, "quote") => Some(lit!("quote")),
            (_, "colon") => Some(lit!("colon")),
            _ => None,
        })
        .unwrap_or(lit!("-"));
    f(&[lit!("ahead="), ahead]);
    f(&[lit!("ahead="), ahead, lit!("|lem="), lem]);
    let behind = (j.saturating_sub(3)..j)
        .rev()
        .find_map(|k| {
            if super::speakers::is_subject_pronoun(v.words[k]) {
                Some(lit!("pron"))
            } else if v.mtype[k] != "-" {
                Some(v.mtype_pieces[k])
            } else {
                None
            }
        })
        .unwrap_or(lit!("-"));
    f(&[lit!("behind="), behind]);
    f(&[lit!("behind="), behind, lit!("|lem="), lem]);
    f(&[lit!("behind="), behind, lit!("|ahead="), ahead]);
}

/// The confidence of a tagger statement: about two thirds of them match an annotated
/// attribution on PolNeAR dev, and 83% of those have the right source (the rules' statements:
/// about 88% and 93%).
pub const LEARNED_CONFIDENCE: f32 = 0.5;

/// A tagged attribution: token ranges of its parts.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged {
    pub source: Option<(usize, usize)>,
    pub cue: (usize, usize),
    pub content: (usize, usize),
}

/// The feature weights: an open-addressing table keyed by feature hash, the keys in one
/// dense array (1 MB for the embedded model, so a probe mostly stays in cache) and each
/// key's weights at the same slot of a second array, read only on a hit.
#[derive(Debug, Default)]
struct Weights {
    /// Feature hash per slot, 0 for an empty slot.
    keys: Vec<u64>,
    rows: Vec<[f32; N]>,
    /// The weights of the feature whose hash is 0 (it cannot sit in a slot).
    zero: Option<[f32; N]>,
    len: usize,
}

impl Weights {
    /// The slot where probing for `h` starts.
    fn home(&self, h: u64) -> usize {
        // the hash's high bits, mixed (the table size is a power of two)
        let mixed = h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
        (mixed as usize) & (self.keys.len() - 1)
    }

    /// Sets the weights of feature hash `h` (a later row of the same hash replaces it).
    fn insert(&mut self, h: u64, w: [f32; N]) {
        if h == 0 {
            self.len += usize::from(self.zero.is_none());
            self.zero = Some(w);
            return;
        }
        if (self.len + 1) * 2 > self.keys.len() {
            self.grow();
        }
        let mask = self.keys.len() - 1;
        let mut i = self.home(h);
        while self.keys[i] != 0 && self.keys[i] != h {
            i = (i + 1) & mask;
        }
        if self.keys[i] == 0 {
            self.keys[i] = h;
            self.len += 1;
        }
        self.rows[i] = w;
    }

    /// Doubles the table (at least 1024 slots), keeping it at most half full.
    fn grow(&mut self) {
        let old_keys = std::mem::take(&mut self.keys);
        let old_rows = std::mem::take(&mut self.rows);
        let size = (old_keys.len() * 2).max(1024);
        self.keys = vec![0; size];
        self.rows = vec![[0.0; N]; size];
        self.len = usize::from(self.zero.is_some());
        for (h, w) in old_keys.into_iter().zip(old_rows) {
            if h != 0 {
                self.insert(h, w);
            }
        }
    }

    /// The weights of feature hash `h`.
    fn get(&self, h: u64) -> Option<&[f32; N]> {
        if h == 0 {
            return self.zero.as_ref();
        }
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.home(h);
        loop {
            match self.keys[i] {
                k if k == h => return Some(&self.rows[i]),
                0 => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The trained tagger.
#[derive(Debug, Default)]
pub struct Model {
    weights: Weights,
    trans: [[f32; N]; N + 1],
}

/// Reasons schema/attribution_model.tsv could not be read.
#[derive(Debug, thiserror::Error)]
#[error("attribution model, line {line}: {what}")]
pub struct ModelError {
    pub line: usize,
    pub what: String,
}

impl Model {
    /// Parses the model file: `trans` rows (`trans<TAB>prev<TAB>w0 .. w6`) and feature rows
    /// (`feature<TAB>tag:weight ...`, tags by index, only the non-zero ones).
    pub fn parse(src: &str) -> Result<Self, ModelError> {
        let mut m = Model::default();
        for (ln, line) in src.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |what: &str| ModelError {
                line: ln + 1,
                what: what.to_string(),
            };
            let mut cols = line.split('\t');
            let name = cols.next().ok_or_else(|| err("empty line"))?;
            if name == "trans" {
                let prev: usize = cols
                    .next()
                    .and_then(|p| p.parse().ok())
                    .filter(|&p| p <= N)
                    .ok_or_else(|| err("bad previous tag"))?;
                let ws: Vec<f32> = cols
                    .next()
                    .unwrap_or("")
                    .split(' ')
                    .map(str::parse)
                    .collect::<Result<_, _>>()
                    .map_err(|_| err("bad weight"))?;
                if ws.len() != N {
                    return Err(err("a transition row needs 7 weights"));
                }
                m.trans[prev].copy_from_slice(&ws);
                continue;
            }
            let mut w = [0f32; N];
            for pair in cols
                .next()
                .unwrap_or("")
                .split(' ')
                .filter(|p| !p.is_empty())
            {
                let (t, v) = pair
                    .split_once(':')
                    .ok_or_else(|| err("expected tag:weight"))?;
                let t: usize = t
                    .parse()
                    .ok()
                    .filter(|&t| t < N)
                    .ok_or_else(|| err("bad tag"))?;
                w[t] = v.parse().map_err(|_| err("bad weight"))?;
            }
            m.weights.insert(fhash(name), w);
        }
        Ok(m)
    }

    /// Number of feature rows.
    pub fn len(&self) -> usize {
        self.weights.len
    }

    pub fn is_empty(&self) -> bool {
        self.weights.len == 0
    }

    /// Per-token tag scores of sentence `s`: the weights of each token's features summed in
    /// feature order. The features are hashed first and looked up together, so the look-ups'
    /// memory accesses overlap.
    pub fn scores(&self, ctx: &Ctx, s: usize) -> Vec<[f32; N]> {
        let (a, b) = ctx.sent_toks[s];
        struct Hashes {
            a: usize,
            out: Vec<(usize, u64)>,
        }
        impl FeatureSink for Hashes {
            fn feature(&mut self, tok: usize, name: &[Piece<'_>]) {
                self.out.push((tok - self.a, hash_of(name)));
            }
        }
        let mut hashes = Hashes {
            a,
            out: Vec::with_capacity((b - a) * 48),
        };
        features_into(ctx, s, &mut hashes);
        let mut out = vec![[0f32; N]; b - a];
        for &(j, h) in &hashes.out {
            if let Some(w) = self.weights.get(h) {
                let row = &mut out[j];
                for t in 0..N {
                    row[t] += w[t];
                }
            }
        }
        out
    }

    /// The best tag sequence for per-token `scores` (Viterbi with the transition weights).
    pub fn decode(&self, scores: &[[f32; N]]) -> Vec<usize> {
        decode(scores, &self.trans)
    }

    /// Attributions the tagger finds in sentence `s`.
    pub fn tag(&self, ctx: &Ctx, s: usize) -> Vec<Tagged> {
        let scores = self.scores(ctx, s);
        let tags = self.decode(&scores);
        assemble(ctx.sent_toks[s].0, &tags)
    }
}

/// Viterbi over `scores` with `trans[prev][tag]` (row N = sentence start); I tags may only
/// continue their own role.
pub fn decode(scores: &[[f32; N]], trans: &[[f32; N]; N + 1]) -> Vec<usize> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut best = vec![[neg; N]; n];
    let mut back = vec![[0usize; N]; n];
    for t in 0..N {
        if allowed(START, t) {
            best[0][t] = trans[START][t] + scores[0][t];
        }
    }
    for i in 1..n {
        for t in 0..N {
            let mut bv = neg;
            let mut bp = 0;
            for p in 0..N {
                if best[i - 1][p] == neg || !allowed(p, t) {
                    continue;
                }
                let v = best[i - 1][p] + trans[p][t];
                if v > bv {
                    bv = v;
                    bp = p;
                }
            }
            if bv > neg {
                best[i][t] = bv + scores[i][t];
                back[i][t] = bp;
            }
        }
    }
    let mut t = (0..N)
        .max_by(|&x, &y| best[n - 1][x].total_cmp(&best[n - 1][y]))
        .unwrap_or(0);
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = t;
        t = back[i][t];
    }
    out
}

/// Groups a sentence's tags (the first token has index `a`) into attributions: each content
/// segment goes to the nearest cue segment, each cue takes the nearest source segment; a cue
/// keeps the hull of its content segments.
pub fn assemble(a: usize, tags: &[usize]) -> Vec<Tagged> {
    let mut segs: Vec<(Role, usize, usize)> = Vec::new();
    for (j, &t) in tags.iter().enumerate() {
        let Some(r) = role_of(t) else { continue };
        let begin = t == r.begin_tag();
        match segs.last_mut() {
            Some((lr, _, e)) if !begin && *lr == r && *e == a + j => *e = a + j + 1,
            _ => segs.push((r, a + j, a + j + 1)),
        }
    }
    let cues: Vec<(usize, usize)> = segs
        .iter()
        .filter(|s| s.0 == Role::Cue)
        .map(|s| (s.1, s.2))
        .collect();
    let gap = |x: (usize, usize), y: (usize, usize)| -> usize {
        if x.1 <= y.0 {
            y.0 - x.1
        } else {
            x.0.saturating_sub(y.1)
        }
    };
    let nearest = |x: (usize, usize)| cues.iter().enumerate().min_by_key(|(_, c)| gap(**c, x));
    let mut content: Vec<Option<(usize, usize)>> = vec![None; cues.len()];
    let mut source: Vec<Option<(usize, usize)>> = vec![None; cues.len()];
    for &(r, s, e) in &segs {
        if r == Role::Cue {
            continue;
        }
        let Some((ci, _)) = nearest((s, e)) else {
            continue;
        };
        let slot = if r == Role::Content {
            &mut content[ci]
        } else {
            &mut source[ci]
        };
        *slot = Some(match *slot {
            None => (s, e),
            Some((x, y)) if r == Role::Content => (x.min(s), y.max(e)),
            Some(old) => {
                if gap(cues[ci], (s, e)) < gap(cues[ci], old) {
                    (s, e)
                } else {
                    old
                }
            }
        });
    }
    cues.iter()
        .enumerate()
        .filter_map(|(i, &cue)| {
            Some(Tagged {
                source: source[i],
                cue,
                content: content[i]?,
            })
        })
        .collect()
}

fn overlaps(x: Span, y: Span) -> bool {
    x.start < y.end && y.start < x.end
}

/// Attributions of the tagger that the rules did not find, as statements: skipped when their
/// content or cue overlaps a rule statement's content, cue or speaker.
pub fn find(ctx: &Ctx, model: &Model, rules: &[Found]) -> Vec<Found> {
    let taken: Vec<Span> = rules
        .iter()
        .flat_map(|f| {
            let s = &f.statement;
            [Some(s.content_span), s.cue_span, s.speaker_span]
        })
        .flatten()
        .collect();
    let state = SpeakerState::default();
    (0..ctx.sentences.len())
        .flat_map(|s| model.tag(ctx, s).into_iter().map(move |t| (s, t)))
        .filter_map(|(s, t)| tagged_statement(ctx, s, &t, &taken, &state))
        .collect()
}

/// The statement of the tagged attribution `t` of sentence `s`, unless one of the filters
/// drops it: an empty content, a cue of function words alone, an overlap with a `taken`
/// span, no speaker for an active cue, a sourceless passive with no listed cue, a
/// first-person speaker.
fn tagged_statement(
    ctx: &Ctx,
    s: usize,
    t: &Tagged,
    taken: &[Span],
    state: &SpeakerState,
) -> Option<Found> {
    let (c0, c1) = content_extent(ctx, s, t, taken)?;
    // a cue of function words alone ("on", "not", "the") is a tagging slip
    if (t.cue.0..t.cue.1).all(|k| is_function_word(&ctx.toks[k].lower)) {
        return None;
    }
    let content_span = ctx.span(c0, c1);
    let cue_span = ctx.span(t.cue.0, t.cue.1);
    if taken
        .iter()
        .any(|&x| overlaps(x, content_span) || overlaps(x, cue_span))
    {
        return None;
    }
    let (speaker, how) = source_of(ctx, t, state)?;
    // a passive with no source needs a listed cue: "was sent to", "is set to" alone
    // are rarely attributions (fewer than a quarter on a PolNeAR train jackknife)
    if speaker.is_none() && !has_listed_cue(ctx, t.cue) {
        return None;
    }
    // a first-person speaker outside a quote is the writer or a transcript turn, whose
    // own beliefs ("I think", "we know") are seldom attributions: about a fifth of the
    // tagger's were right on a PolNeAR train jackknife
    if speaker.as_ref().is_some_and(|sp| is_first_person(&sp.text)) {
        return None;
    }
    Some(learned_found(ctx, s, speaker, how, content_span, cue_span))
}

/// The token range of a tagged content: punctuation trimmed at its edges (as the rules do),
/// run on when it stops before a word that goes on with it ([`run_on`]), and ended at the
/// comma of an opening subordinate clause it sits in. `None` when nothing is left.
fn content_extent(ctx: &Ctx, s: usize, t: &Tagged, taken: &[Span]) -> Option<(usize, usize)> {
    let (mut c0, mut c1) = t.content;
    while c0 < c1 && ctx.toks[c0].punct && !is_quote(ctx, c0) {
        c0 += 1;
    }
    while c1 > c0 && ctx.toks[c1 - 1].punct && !is_quote(ctx, c1 - 1) {
        c1 -= 1;
    }
    if c0 >= c1 {
        return None;
    }
    // a content cut off before a word that goes on with it ("said the | videos show
    // ...", "see him | as the stronger candidate") runs on to the end of the sentence
    // (or a semicolon, or the next rule statement): on a PolNeAR train jackknife the
    // tagger stops early there more often than it stops right
    if t.cue.1 <= c0 {
        c1 = run_on(ctx, c1, ctx.sent_toks[s].1, taken);
    }
    // as for the rules: a content inside an opening subordinate clause ends at its comma
    if let Some(close) = statements::subordinate_close(ctx, ctx.sent_toks[s].0, t.cue.0, c0, c1) {
        c1 = close;
    }
    Some((c0, c1))
}

/// The statement of a tagged attribution: direct when its content is quoted, with the rule
/// `learned.tagger.source-HOW` and [`LEARNED_CONFIDENCE`].
fn learned_found(
    ctx: &Ctx,
    s: usize,
    speaker: Option<speakers::Speaker>,
    how: &str,
    content_span: Span,
    cue_span: Span,
) -> Found {
    let entity = speaker.as_ref().and_then(|sp| sp.entity);
    let content = content_span.slice(ctx.text).to_string();
    let direct = content.starts_with(['"', '\u{201c}']) || content.ends_with(['"', '\u{201d}']);
    Found {
        statement: Statement {
            speaker: entity,
            speaker_text: speaker.as_ref().map(|sp| sp.text.clone()),
            speaker_span: speaker.as_ref().map(|sp| sp.span),
            cue: cue_span.slice(ctx.text).to_string(),
            cue_span: Some(cue_span),
            about: statements::about(ctx, content_span, entity),
            content,
            content_span,
            kind: if direct {
                StatementKind::Direct
            } else {
                StatementKind::Indirect
            },
            sentence: ctx.sentences[s],
            confidence: LEARNED_CONFIDENCE,
            rule: format!("learned.tagger.source-{how}"),
        },
        reported: false,
    }
}

/// The speaker of a tagged attribution and how it was found: the tagged source phrase
/// ("tagged"); else the noun phrase right before the cue ("adjacent"); else, for a participle
/// cue ("..., saying"), the first name or subject pronoun of the sentence, and for a
/// participle opening the sentence the first name after its phrase ("subject"). A passive cue
/// ("is expected to") has no speaker unless the tagger found one ("passive"). `None` when an
/// active cue has none of these: the attribution is then dropped. A common noun phrase before
/// the cue, the nearest name, or no speaker at all were tried as further fallbacks and dropped:
/// on a jackknife over PolNeAR train, fewer than a third of such attributions were right
/// (docs/QUALITY.md).
fn source_of(
    ctx: &Ctx,
    t: &Tagged,
    state: &SpeakerState,
) -> Option<(Option<speakers::Speaker>, &'static str)> {
    // a passive cue without "by" has no source: "is expected to", "has been accused of", "is
    // perhaps best known for"; a source the tagger found before it is its subject, not its
    // holder
    let sourceless_passive = is_passive_cue(ctx, t) && !has_by_agent(ctx, t);
    if let Some((x, y)) = t.source.filter(|&(x, y)| usable_source(ctx, x, y)) {
        if sourceless_passive && y <= t.cue.0 {
            return Some((None, "passive"));
        }
        let sp = speakers::resolve(ctx, x, y, state).unwrap_or_else(|| phrase_as_is(ctx, x, y));
        return Some((Some(sp), "tagged"));
    }
    if sourceless_passive {
        return Some((None, "passive"));
    }
    let s0 = ctx.sent_toks[ctx.toks[t.cue.0].sent].0;
    let k = speakers::skip_adverbials_back(ctx, t.cue.0, s0);
    if let Some((x, y)) = speakers::left_np_with(ctx, k, s0, true)
        && let Some(sp) = speakers::resolve(ctx, x, y, state)
    {
        return Some((Some(sp), "adjacent"));
    }
    subject_after_an_opening_participle(ctx, t, s0, state)
        .or_else(|| subject_of_a_participle_or_second_verb(ctx, t, s0, k, state))
        .map(|sp| (Some(sp), "subject"))
}

/// The phrase `x..y` as the speaker, linked to no entity.
fn phrase_as_is(ctx: &Ctx, x: usize, y: usize) -> speakers::Speaker {
    speakers::Speaker {
        entity: None,
        text: ctx.span(x, y).slice(ctx.text).to_string(),
        span: ctx.span(x, y),
        report_noun: false,
        rule: "learned",
    }
}

/// A form of "be" at token `k`.
fn is_be(ctx: &Ctx, k: usize) -> bool {
    matches!(
        ctx.toks[k].lower.as_str(),
        "is" | "are" | "was" | "were" | "been" | "being" | "be"
    )
}

/// An adverb that may stand inside a verb group ("perhaps", "best"), but no auxiliary: those
/// make the passive.
fn is_inner_adverb(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.toks[k].lower.as_str();
    !is_be(ctx, k)
        && (speakers::is_adverbial(w)
            || matches!(w, "best" | "perhaps" | "often" | "ever" | "well"))
}

/// Is the cue passive: a form of "be" followed (past inner adverbs) by a past participle
/// inside it ("is perhaps best known"), or a participle cue right after "be" ("was | told")?
fn is_passive_cue(ctx: &Ctx, t: &Tagged) -> bool {
    let participle_after = |k: usize| {
        (k + 1..t.cue.1.max(k + 2).min(ctx.toks.len()))
            .find(|&j| !is_inner_adverb(ctx, j))
            .is_some_and(|j| super::is_past_participle(&ctx.toks[j].lower))
    };
    let be_before = (0..t.cue.0)
        .rev()
        .find(|&j| !is_inner_adverb(ctx, j))
        .is_some_and(|j| is_be(ctx, j));
    (t.cue.0..t.cue.1).any(|k| is_be(ctx, k) && participle_after(k))
        || (be_before && super::is_past_participle(&ctx.toks[t.cue.0].lower))
}

/// Does "by" (the agent of a passive) stand between the cue and the content?
fn has_by_agent(ctx: &Ctx, t: &Tagged) -> bool {
    (t.cue.1..t.content.0.max(t.cue.1)).any(|k| ctx.toks[k].lower == "by")
}

/// Is the tagged source `x..y` usable: it has a letter or digit, is no lone relative
/// pronoun ("which", "that"), and is not cut off after a function word or a negation ("one
/// of his", "the senator didn't")? Otherwise the fallbacks look for the real one.
fn usable_source(ctx: &Ctx, x: usize, y: usize) -> bool {
    let text = ctx.span(x, y).slice(ctx.text);
    // the last word, past trailing punctuation ("Berg," -> "Berg")
    let last = (x..y).rev().find(|&k| !ctx.toks[k].punct);
    text.chars().any(char::is_alphanumeric)
        && !matches!(ctx.toks[x].lower.as_str(), "that" | "which" if y == x + 1)
        && last.is_some_and(|k| {
            let w = ctx.toks[k].lower.as_str();
            !is_function_word(w) && !w.ends_with("n't") && w != "not"
        })
}

/// The speaker token `i` stands for, outside the content: the mention of a person,
/// organization or country there, else a subject pronoun resolved to its referent.
fn named_or_pronoun_speaker(
    ctx: &Ctx,
    t: &Tagged,
    i: usize,
    state: &SpeakerState,
) -> Option<speakers::Speaker> {
    if i >= t.content.0 && i < t.content.1 {
        return None;
    }
    let named = ctx.entity_at(i).is_some_and(|e| {
        matches!(
            ctx.etype(e),
            EntityType::Person | EntityType::Organization | EntityType::Country
        )
    });
    if named {
        let m = ctx.tok_mention[i]?;
        let span = ctx.mentions[m].span;
        return Some(speakers::Speaker {
            entity: ctx.entity_at(i),
            text: span.slice(ctx.text).to_string(),
            span,
            report_noun: false,
            rule: "learned",
        });
    }
    speakers::is_subject_pronoun(&ctx.toks[i].lower)
        .then(|| speakers::resolve(ctx, i, i + 1, state))
        .flatten()
}

/// "Citing a theory, Trump accused ...": for a participle cue opening the sentence (or
/// after "after", "while", "before", "when"), the first name after the participial phrase.
fn subject_after_an_opening_participle(
    ctx: &Ctx,
    t: &Tagged,
    s0: usize,
    state: &SpeakerState,
) -> Option<speakers::Speaker> {
    let (_, s1) = ctx.sent_toks[ctx.toks[t.cue.0].sent];
    let opening = ctx.toks[t.cue.0].lower.ends_with("ing")
        && (t.cue.0 == s0
            || (t.cue.0 == s0 + 1
                && matches!(
                    ctx.toks[s0].lower.as_str(),
                    "after" | "while" | "before" | "when"
                )));
    if !opening {
        return None;
    }
    let from = t.content.1.max(t.cue.1);
    (from..s1)
        .skip_while(|&i| ctx.toks[i].lower != ",")
        .find_map(|i| named_or_pronoun_speaker(ctx, t, i, state))
}

/// "..., saying", "X criticized the deals and called for ...": for a participle cue after a
/// comma, or a second verb of the clause (after "and", "but"; `k` is where the cue's
/// adverbials begin), the noun phrase opening the sentence, else its first name not
/// governed by a preposition ("Dockworkers marched through Lima, chanting ...").
fn subject_of_a_participle_or_second_verb(
    ctx: &Ctx,
    t: &Tagged,
    s0: usize,
    k: usize,
    state: &SpeakerState,
) -> Option<speakers::Speaker> {
    let coordinated = k > s0 && matches!(ctx.toks[k - 1].lower.as_str(), "and" | "but");
    let participle = ctx.toks[t.cue.0].lower.ends_with("ing")
        && t.cue.0 > s0
        && ctx.toks[t.cue.0 - 1].lower == ",";
    if !(participle || coordinated) {
        return None;
    }
    if let Some((x, y)) = speakers::right_np_with(ctx, s0, t.cue.0, true)
        && plausible_subject(ctx, x, y)
        && let Some(sp) = speakers::resolve(ctx, x, y, state)
    {
        return Some(sp);
    }
    let after_prep = |i: usize| i > s0 && is_preposition(&ctx.toks[i - 1].lower);
    (s0..t.cue.0)
        .filter(|&i| !after_prep(i))
        .find_map(|i| named_or_pronoun_speaker(ctx, t, i, state))
}

/// Can the phrase `x..y` opening a sentence be its subject? Not a date ("Friday", "In
/// April"), an adverb or participle ("Ultimately", "Speaking"), or a lone word set off by a
/// comma ("Still, ..."), unless it names an entity.
fn plausible_subject(ctx: &Ctx, x: usize, y: usize) -> bool {
    if ctx.entity_at(x).is_some() {
        return true;
    }
    let w = ctx.toks[x].lower.as_str();
    let dated = statements::is_time_phrase(ctx, x, y);
    let lone = y == x + 1 && ctx.toks.get(y).is_some_and(|t| t.lower == ",");
    !(dated || w.ends_with("ly") || w.ends_with("ing") || lone)
}

/// Where a content ending before token `c1` really ends: when the word at `c1` goes on with
/// it, at the end of the sentence (`s1`), a semicolon or the start of a `taken` span.
fn run_on(ctx: &Ctx, c1: usize, s1: usize, taken: &[Span]) -> usize {
    if c1 >= s1 || !goes_on(ctx, c1) {
        return c1;
    }
    let from = ctx.toks[c1].span.start;
    let stop = taken
        .iter()
        .filter(|x| x.start >= from)
        .map(|x| x.start)
        .min();
    let mut e = c1;
    while e < s1 && ctx.toks[e].lower != ";" && stop.is_none_or(|st| ctx.toks[e].span.end <= st) {
        e += 1;
    }
    while e > c1 && ctx.toks[e - 1].punct && !is_quote(ctx, e - 1) {
        e -= 1;
    }
    e
}

/// Does the word at `k` go on with a content before it: a lower-case word that opens no new
/// clause (not "and", "but", "which", "when", ...)?
fn goes_on(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.toks[k];
    let lower_start = t
        .span
        .slice(ctx.text)
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    lower_start
        && !statements::is_subordinator(&t.lower)
        && !matches!(
            t.lower.as_str(),
            "and" | "but" | "or" | "which" | "who" | "whom" | "whose" | "where"
        )
}

/// "I", "we": a first-person speaker phrase.
fn is_first_person(text: &str) -> bool {
    matches!(text.to_lowercase().as_str(), "i" | "we")
}

/// Does the cue `a..b` hold a cue of the lexicon?
fn has_listed_cue(ctx: &Ctx, (a, b): (usize, usize)) -> bool {
    (a..b).any(|k| ctx.cue_at(k).is_some())
}

fn is_function_word(w: &str) -> bool {
    is_preposition(w)
        || matches!(
            w,
            "a" | "an"
                | "the"
                | "not"
                | "no"
                | "and"
                | "or"
                | "but"
                | "as"
                | "than"
                | "this"
                | "these"
                | "those"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "some"
                | "any"
        )
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "to"
            | "from"
            | "by"
            | "about"
            | "through"
            | "into"
            | "across"
            | "near"
            | "against"
            | "over"
            | "under"
            | "after"
            | "before"
            | "during"
            | "since"
            | "between"
            | "among"
            | "toward"
            | "towards"
    )
}

fn is_quote(ctx: &Ctx, i: usize) -> bool {
    speakers::is_quote_mark(ctx.toks[i].span.slice(ctx.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType::*;
    use crate::relations::testutil::*;

    const B_SRC: usize = 1;
    const B_CUE: usize = 3;
    const B_CON: usize = 5;
    const I_CON: usize = 6;

    #[test]
    fn the_embedded_model_parses() {
        let m = embedded().expect("schema/attribution_model.tsv parses");
        assert!(m.len() > 10_000, "{} feature rows", m.len());
        // a content token is likelier to follow a cue than to open a sentence
        assert!(m.trans[B_CUE][B_CON] > m.trans[START][B_CON]);
    }

    #[test]
    fn hashing_the_pieces_equals_hashing_the_string() {
        let pieces = ["pw=", "the", "|", "port"].map(Piece::of);
        assert_eq!(hash_of(&pieces), fhash("pw=the|port"));
        assert_ne!(hash_of(&pieces), fhash("pw=the|ports"));
        // every split of a name hashes as the name
        let name = "wnn=the|harbour|closed";
        for i in 0..=name.len() {
            for k in i..=name.len() {
                let parts = [&name[..i], &name[i..k], &name[k..]].map(Piece::of);
                assert_eq!(hash_of(&parts), fhash(name), "{i} {k}");
            }
        }
        // near misses: the same bytes in another order, or one byte more
        assert_ne!(fhash("ab|c"), fhash("c|ab"));
        assert_ne!(fhash("w=a"), fhash("w=a\0"));
    }

    #[test]
    fn bad_model_lines_are_reported_with_their_line() {
        let e = Model::parse("trans\t9\t0 0 0 0 0 0 0\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Model::parse("# c\nw=port\t8:1.5\n").unwrap_err();
        assert_eq!((e.line, e.what.as_str()), (2, "bad tag"));
        let e = Model::parse("w=port\t3\n").unwrap_err();
        assert_eq!(e.what, "expected tag:weight");
        let e = Model::parse("trans\t0\t1 2 3\n").unwrap_err();
        assert!(e.what.contains("7 weights"), "{e}");
        let m = Model::parse("w=port\t3:1.5 5:-2\n").unwrap();
        assert_eq!(m.weights.get(fhash("w=port")).map(|w| w[3]), Some(1.5));
    }

    #[test]
    fn the_weight_table_finds_every_key_and_no_other() {
        let mut w = Weights::default();
        let keys: Vec<u64> = (0..5000u64).map(|i| fhash(&format!("w=x{i}"))).collect();
        for (i, &k) in keys.iter().enumerate() {
            w.insert(k, [i as f32; N]);
        }
        // a later row of the same feature replaces the earlier one; hash 0 is a key too
        w.insert(keys[7], [-1.0; N]);
        w.insert(0, [2.0; N]);
        assert_eq!(w.len, 5001);
        for (i, &k) in keys.iter().enumerate() {
            let want = if i == 7 { -1.0 } else { i as f32 };
            assert_eq!(w.get(k).map(|r| r[0]), Some(want));
        }
        assert_eq!(w.get(0).map(|r| r[6]), Some(2.0));
        // near miss: features that were never inserted
        for i in 5000..6000u64 {
            assert_eq!(w.get(fhash(&format!("w=x{i}"))), None);
        }
        assert_eq!(Weights::default().get(42), None);
    }

    #[test]
    fn decoding_never_starts_an_inside_tag_without_its_begin() {
        let trans = [[0f32; N]; N + 1];
        // every token prefers I-CON, which may not open a sentence or follow O
        let mut scores = vec![[0f32; N]; 4];
        for row in &mut scores {
            row[I_CON] = 5.0;
            row[B_CON] = 4.0;
        }
        let tags = decode(&scores, &trans);
        assert_eq!(tags, vec![B_CON, I_CON, I_CON, I_CON]);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
        assert!(!allowed(0, I_CON) && !allowed(B_SRC, I_CON) && allowed(B_CON, I_CON));
    }

    #[test]
    fn tags_group_into_attributions_around_their_cue() {
        // Ruiz(SRC) said(CUE) the(CON) port(CON) closed(CON) .(O)
        let t = assemble(10, &[B_SRC, B_CUE, B_CON, I_CON, I_CON, 0]);
        assert_eq!(
            t,
            vec![Tagged {
                source: Some((10, 11)),
                cue: (11, 12),
                content: (12, 15),
            }]
        );
        // two cues: each content goes to the nearer one
        let t = assemble(0, &[B_CUE, B_CON, 0, 0, B_SRC, B_CUE, B_CON]);
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].content, t[0].source), ((1, 2), None));
        assert_eq!((t[1].content, t[1].source), ((6, 7), Some((4, 5))));
        // near misses: content without a cue, a cue without content
        assert!(assemble(0, &[B_CON, I_CON, 0]).is_empty());
        assert!(assemble(0, &[B_SRC, B_CUE, 0]).is_empty());
    }

    const ENTS: &[(&str, EntityType, &[&str])] = &[("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"])];

    #[test]
    fn the_tagger_adds_an_attribution_no_cue_list_holds() {
        let (v, _) = run_tagger(&doc(
            "New figures show the harbour lost money for a third year.",
            ENTS,
        ));
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(v[0].rule.starts_with("learned.tagger"), "{v:#?}");
        assert_eq!(v[0].content, "the harbour lost money for a third year");
        assert_eq!(v[0].cue, "show");
        assert_eq!(v[0].speaker_text.as_deref(), Some("New figures"));
        // the rules alone find nothing there
        assert!(
            run_attitudes(&doc("New figures show the harbour lost money.", ENTS))
                .0
                .is_empty()
        );
        // near miss: a plain event sentence
        let (v, _) = run_tagger(&doc(
            "The harbour lost money for a third year in a row.",
            ENTS,
        ));
        assert!(v.is_empty(), "{v:#?}");
    }

    /// The speaker `source_of` gives a tagged attribution without a source phrase: `cue` and
    /// `content` are the words of those parts.
    fn fallback_speaker(text: &str, cue: &str, content: &str) -> (Option<String>, &'static str) {
        tagged_speaker(text, None, cue, content)
    }

    /// Like `fallback_speaker`, with the source phrase the tagger found.
    fn tagged_speaker(
        text: &str,
        source: Option<&str>,
        cue: &str,
        content: &str,
    ) -> (Option<String>, &'static str) {
        let d = doc(text, ENTS2);
        let lex = crate::relations::testutil::lex_attitudes();
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex);
        let find = |words: &str| -> (usize, usize) {
            let w: Vec<&str> = words.split(' ').collect();
            let i = (0..ctx.toks.len())
                .find(|&i| {
                    (0..w.len()).all(|k| ctx.toks.get(i + k).is_some_and(|t| t.lower == w[k]))
                })
                .expect("words in the text");
            (i, i + w.len())
        };
        let t = Tagged {
            source: source.map(find),
            cue: find(cue),
            content: find(content),
        };
        match source_of(&ctx, &t, &SpeakerState::default()) {
            Some((sp, how)) => (sp.map(|s| s.text), how),
            None => (None, "dropped"),
        }
    }

    const ENTS2: &[(&str, EntityType, &[&str])] = &[
        ("Ana Ruiz", Person, &["Ana Ruiz", "Ruiz"]),
        ("Tomas Berg", Person, &["Tomas Berg", "Berg"]),
    ];

    #[test]
    fn fallback_speakers_of_participles_and_second_verbs() {
        // a participle opening the sentence: the name after its phrase
        let (sp, how) = fallback_speaker(
            "Citing a report on the port, Ruiz accused Berg of lying.",
            "citing",
            "a report on the port",
        );
        assert_eq!((sp.as_deref(), how), (Some("Ruiz"), "subject"));
        // a second verb of the clause: the clause's subject, not the nearer name
        let (sp, how) = fallback_speaker(
            "Ruiz criticized Berg for the deal and called for new tariffs.",
            "called for",
            "new tariffs",
        );
        assert_eq!((sp.as_deref(), how), (Some("Ruiz"), "subject"));
        // near miss: an active cue with no subject the fallbacks trust is dropped, not given
        // the nearest name or a common noun phrase
        let (sp, how) = fallback_speaker(
            "After Ruiz left, leaked figures show the deal was signed.",
            "show",
            "the deal was signed",
        );
        assert_eq!((sp, how), (None, "dropped"));
        // an adverb or date opening the sentence is no subject
        let (sp, how) = fallback_speaker(
            "Ultimately, Ruiz rejected the deal and called for new tariffs.",
            "called for",
            "new tariffs",
        );
        assert_eq!((sp.as_deref(), how), (Some("Ruiz"), "subject"));
        // near miss: a passive cue has no source
        let (sp, how) = fallback_speaker(
            "Ruiz is expected to sign the deal.",
            "is expected",
            "to sign the deal",
        );
        assert_eq!((sp, how), (None, "passive"));
    }

    #[test]
    fn a_passive_cue_has_no_speaker_even_when_its_subject_was_tagged() {
        let (sp, how) = tagged_speaker(
            "Ruiz is perhaps best known for the harbour plan.",
            Some("ruiz"),
            "is perhaps best known for",
            "the harbour plan",
        );
        assert_eq!((sp, how), (None, "passive"));
        // near miss: the agent after "by" is the source
        let (sp, how) = tagged_speaker(
            "The harbour plan was rejected by Berg on Monday.",
            Some("berg"),
            "was rejected",
            "the harbour plan",
        );
        assert_eq!((sp.as_deref(), how), (Some("Berg"), "tagged"));
        // a relative pronoun tagged as the source is not kept as the speaker
        let (sp, _) = tagged_speaker(
            "The board, which endorsed the harbour plan, met Ruiz.",
            Some("which"),
            "endorsed",
            "the harbour plan",
        );
        assert_ne!(sp.as_deref(), Some("which"));
        // nor a phrase cut off after a function word
        let (sp, _) = tagged_speaker(
            "Later one of his aides praised the harbour plan.",
            Some("one of his"),
            "praised",
            "the harbour plan",
        );
        assert_ne!(sp.as_deref(), Some("one of his"));
    }

    #[test]
    fn a_sourceless_passive_needs_a_listed_cue() {
        let d = doc(
            "The plan was sent to the board. The plan is expected to pass.",
            ENTS2,
        );
        let lex = crate::relations::testutil::lex_attitudes();
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex);
        let at = |w: &str| {
            (0..ctx.toks.len())
                .find(|&i| ctx.toks[i].lower == w)
                .unwrap()
        };
        let sent = at("sent");
        assert!(!has_listed_cue(&ctx, (sent - 1, sent + 2)));
        let expected = at("expected");
        assert!(has_listed_cue(&ctx, (expected - 1, expected + 2)));
    }

    #[test]
    fn a_content_cut_off_before_a_word_runs_on_to_the_clause_end() {
        let d = doc(
            "Berg said the videos show Ruiz leaving the port; the board disagreed. \
             Berg said the videos and nothing else.",
            ENTS2,
        );
        let lex = crate::relations::testutil::lex_attitudes();
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex);
        let at = |w: &str| {
            (0..ctx.toks.len())
                .find(|&i| ctx.toks[i].lower == w)
                .unwrap()
        };
        let s1 = ctx.sent_toks[0].1;
        // "the | videos show ..." runs on to the semicolon
        let e = run_on(&ctx, at("videos"), s1, &[]);
        assert_eq!(ctx.toks[e].lower, ";");
        // a rule statement's span stops it
        let ruiz = ctx.toks[at("ruiz")].span;
        assert_eq!(run_on(&ctx, at("videos"), s1, &[ruiz]), at("ruiz"));
        // near misses: "and" opens a new clause, a capitalised word is not gone on with
        let and = (0..ctx.toks.len())
            .rfind(|&i| ctx.toks[i].lower == "and")
            .unwrap();
        assert_eq!(run_on(&ctx, and, ctx.sent_toks[1].1, &[]), and);
        assert_eq!(run_on(&ctx, at("ruiz"), s1, &[]), at("ruiz"));
    }

    #[test]
    fn a_tagged_content_loses_its_edge_punctuation_but_not_its_quote_marks() {
        let d = doc("Berg said: \"The port closed\".", ENTS2);
        let lex = crate::relations::testutil::lex_attitudes();
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex);
        let n = ctx.toks.len();
        let t = Tagged {
            source: Some((0, 1)),
            cue: (1, 2),
            content: (2, n),
        };
        let (c0, c1) = content_extent(&ctx, 0, &t, &[]).expect("a content");
        assert_eq!(ctx.span(c0, c1).slice(&d.text), "\"The port closed\"");
        // near miss: a content of punctuation alone is none
        let t = Tagged {
            content: (n - 1, n),
            ..t
        };
        assert_eq!(content_extent(&ctx, 0, &t, &[]), None);
    }

    #[test]
    fn a_quoted_tagged_content_is_direct() {
        let d = doc("Berg said \"the port closed\" and the port closed.", ENTS2);
        let lex = crate::relations::testutil::lex_attitudes();
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex);
        let span_of = |w: &str| {
            let i = d.text.find(w).expect("in the text");
            Span::new(i, i + w.len())
        };
        let cue = span_of("said");
        let f = learned_found(
            &ctx,
            0,
            None,
            "passive",
            span_of("\"the port closed\""),
            cue,
        );
        assert_eq!(f.statement.kind, StatementKind::Direct);
        assert_eq!(f.statement.rule, "learned.tagger.source-passive");
        // near miss: the same words unquoted
        let f = learned_found(&ctx, 0, None, "passive", span_of("the port closed."), cue);
        assert_eq!(f.statement.kind, StatementKind::Indirect);
    }

    #[test]
    fn a_token_inside_a_lexicon_cue_has_its_class_as_a_feature() {
        let d = doc("Berg said the port closed.", ENTS2);
        let lex = crate::relations::testutil::lex_attitudes();
        let ctx = Ctx::new(&d.text, &d.sentences, &d.entities, &d.mentions, lex);
        let mut feats: Vec<(usize, String)> = Vec::new();
        sentence_features(&ctx, 0, |tok, name| feats.push((tok, name.to_string())));
        let has = |tok: usize, name: &str| feats.iter().any(|(t, n)| *t == tok && n == name);
        assert!(has(1, "c=true|Say"), "{feats:?}");
        assert!(has(2, "cd=1") && has(2, "cw=said|side=1"));
        // near miss: a token outside any cue
        assert!(has(3, "c=none") && !has(3, "c=true|Say"));
    }

    #[test]
    fn first_person_speakers_are_recognised() {
        assert!(is_first_person("I") && is_first_person("We"));
        assert!(!is_first_person("Ruiz") && !is_first_person("we the people"));
    }

    #[test]
    fn function_words_are_never_a_cue_alone() {
        assert!(is_function_word("on") && is_function_word("the") && is_function_word("not"));
        assert!(!is_function_word("says") && !is_function_word(":"));
    }

    #[test]
    fn the_tagger_keeps_out_of_what_the_rules_found() {
        let text = "Ana Ruiz said the harbour lost money for a third year.";
        let (rules, _) = run_attitudes(&doc(text, ENTS));
        let (both, _) = run_tagger(&doc(text, ENTS));
        assert_eq!(rules, both);
    }
}

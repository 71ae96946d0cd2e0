//! Text primitives: sentences, tokens, paragraphs and quotation spans. Pure functions over
//! `&str` that return byte spans into it.

use crate::model::Span;
use rustc_hash::FxHashSet;

/// Abbreviations that do not end a sentence (from schema/abbreviations.txt).
#[derive(Clone, Debug, Default)]
pub struct Abbreviations {
    set: FxHashSet<String>,
}

impl Abbreviations {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> Self {
        Self {
            set: items
                .into_iter()
                .map(|s| s.as_ref().trim().to_lowercase())
                .collect(),
        }
    }
    /// Is `word` (ending in a dot) a known abbreviation? Single capital initials ("J.") and
    /// dotted acronyms ("U.S.", "D.C.") always are.
    pub fn contains(&self, word: &str) -> bool {
        let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if crate::normalize::with_lowercase(w, |l| self.set.contains(l)) {
            return true;
        }
        let body = w.trim_end_matches('.');
        let mut chars = body.chars();
        let (first, n) = (chars.next(), body.chars().count());
        // "J." initial
        if n == 1 && first.is_some_and(char::is_uppercase) {
            return true;
        }
        // "U.S." / "a.m." style: letters separated by dots
        n >= 3
            && body.contains('.')
            && body
                .split('.')
                .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    }
}

/// A word-like token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl Token<'_> {
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-' || c == '\u{2010}' || c == '.'
}

/// Splits `text[span]` into tokens: runs of letters/digits that may contain inner
/// apostrophes, hyphens and dots ("Jong-un", "U.S.", "Trump's"); any other non-space character
/// is a token of its own. A trailing dot is split off unless the word is an abbreviation-like
/// dotted form ("U.S.", "Mr.") per `keep_dot`.
pub fn tokens_in<'a>(text: &'a str, span: Span, keep_dot: impl Fn(&str) -> bool) -> Vec<Token<'a>> {
    let s = span.slice(text);
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let base = span.start;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            // trim trailing joiners that are not part of the word
            let mut word = &s[i..end];
            loop {
                let trimmed = word.trim_end_matches(['\'', '\u{2019}', '-', '\u{2010}']);
                let trimmed = if trimmed.ends_with('.') && !keep_dot(trimmed) {
                    trimmed.trim_end_matches('.')
                } else {
                    trimmed
                };
                if trimmed.len() == word.len() {
                    break;
                }
                word = trimmed;
            }
            let wend = i + word.len();
            out.push(Token {
                text: word,
                span: Span::new(base + i, base + wend),
            });
            // re-emit trimmed trailing characters as punctuation tokens
            for (k, ch) in s[wend..end].char_indices() {
                out.push(Token {
                    text: &s[wend + k..wend + k + ch.len_utf8()],
                    span: Span::new(base + wend + k, base + wend + k + ch.len_utf8()),
                });
            }
        } else {
            out.push(Token {
                text: &s[i..i + c.len_utf8()],
                span: Span::new(base + i, base + i + c.len_utf8()),
            });
        }
    }
    out
}

/// A word token for name recognition (see [`word_tokens`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordTok<'a> {
    pub text: &'a str,
    pub span: Span,
    /// Starts with a letter or digit (else a punctuation character).
    pub word: bool,
    /// First character upper case.
    pub cap: bool,
    /// Two or more letters, all upper case ("SCMP", "U.S.", "PARK").
    pub upper: bool,
    /// Joined to the previous token by a hyphen with no space ("Jong-un": "un").
    pub hyphen_before: bool,
    /// Followed by a possessive `'s` / `’s` (or a bare `'` after a plural), which is skipped.
    pub possessive: bool,
}

impl WordTok<'_> {
    /// Lower-case text.
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Word tokens of `text[span]` for name recognition: letters/digits with inner dots
/// ("U.S.", "J."), inner apostrophes before a letter ("O'Brien"); a trailing dot is kept only for
/// abbreviations and initials. A hyphen between two words splits them but marks the second
/// `hyphen_before` ("U.S.-North", "Jong-un"). A possessive `'s` is dropped and flagged on the word
/// before it. Every other non-space character is a punctuation token of its own.
pub fn word_tokens<'a>(text: &'a str, span: Span, abbr: &Abbreviations) -> Vec<WordTok<'a>> {
    let s = span.slice(text);
    if s.is_ascii() {
        word_tokens_in(s, span.start, abbr, &AsciiChars(s.as_bytes()))
    } else {
        word_tokens_in(s, span.start, abbr, &char_offsets(s)[..])
    }
}

/// [`word_tokens`] of `s` (at byte `base` of the text) over its characters `chars`.
fn word_tokens_in<'a>(
    s: &'a str,
    base: usize,
    abbr: &Abbreviations,
    chars: &(impl CharIndex + ?Sized),
) -> Vec<WordTok<'a>> {
    let sc = CharScan { s, chars };
    let mut out: Vec<WordTok<'a>> = Vec::with_capacity(s.len() / 4 + 1);
    let mut i = 0;
    let mut pending_hyphen = false;
    while i < chars.len() {
        let c = chars.at(i).1;
        if c.is_whitespace() {
            pending_hyphen = false;
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            pending_hyphen = sc.hyphen_joins_words(i);
            if !pending_hyphen {
                let st = sc.off(i);
                out.push(punctuation_tok(s, base, st, st + c.len_utf8()));
            }
            i += 1;
            continue;
        }
        let j = sc.word_end(i, abbr);
        let (st, en) = (sc.off(i), sc.off(j));
        let (possessive, next) = sc.possessive_after(j, &s[st..en]);
        out.push(word_tok(s, base, st, en, pending_hyphen, possessive));
        pending_hyphen = false;
        i = next;
    }
    out
}

/// The characters of `s` with their byte offsets (allocated once: `s` has at most as many
/// characters as bytes).
fn char_offsets(s: &str) -> Vec<(usize, char)> {
    let mut chars = Vec::with_capacity(s.len());
    chars.extend(s.char_indices());
    chars
}

/// The characters of a text by index, with their byte offsets: ASCII text is read in place
/// ([`AsciiChars`]), other text from its decoded characters.
trait CharIndex {
    /// Number of characters.
    fn len(&self) -> usize;
    /// Character `k` and its byte offset, `None` past the end.
    fn get(&self, k: usize) -> Option<(usize, char)>;
    /// Character `k` and its byte offset (`k` must be in range).
    fn at(&self, k: usize) -> (usize, char);
}

impl CharIndex for [(usize, char)] {
    fn len(&self) -> usize {
        <[(usize, char)]>::len(self)
    }
    fn get(&self, k: usize) -> Option<(usize, char)> {
        <[(usize, char)]>::get(self, k).copied()
    }
    fn at(&self, k: usize) -> (usize, char) {
        self[k]
    }
}

/// The bytes of an ASCII text as its characters: character `k` is byte `k`.
struct AsciiChars<'s>(&'s [u8]);

impl CharIndex for AsciiChars<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn get(&self, k: usize) -> Option<(usize, char)> {
        self.0.get(k).map(|&b| (k, char::from(b)))
    }
    fn at(&self, k: usize) -> (usize, char) {
        (k, char::from(self.0[k]))
    }
}

/// The characters of a sentence with their byte offsets, as [`word_tokens`] walks them.
struct CharScan<'s, 'c, C: CharIndex + ?Sized> {
    s: &'s str,
    chars: &'c C,
}

impl<C: CharIndex + ?Sized> CharScan<'_, '_, C> {
    /// The character at index `k`, if any.
    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|x| x.1)
    }

    /// The byte offset of character `k` (the end of the text past the last one).
    fn off(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.s.len(), |x| x.0)
    }

    /// "Jong-un", "U.S.-North": a hyphen (not an en or em dash) glued between a word (or a
    /// dot) and a word joins them.
    fn hyphen_joins_words(&self, i: usize) -> bool {
        let c = self.chars.at(i).1;
        crate::normalize::is_dash(c)
            && c != '\u{2014}'
            && c != '\u{2013}'
            && i > 0
            && self
                .at(i - 1)
                .is_some_and(|p| p.is_alphanumeric() || p == '.')
            && self.at(i + 1).is_some_and(char::is_alphanumeric)
    }

    /// Where the word starting at character `i` ends: letters and digits, inner dots
    /// ("U.S"), inner apostrophes before a letter ("O'Brien", not a possessive `'s`), and a
    /// trailing dot when the word is an abbreviation or an initial ("U.S.", "J.").
    fn word_end(&self, i: usize, abbr: &Abbreviations) -> usize {
        let mut j = i + 1;
        loop {
            match self.at(j) {
                Some(d) if d.is_alphanumeric() => j += 1,
                Some('.') if self.at(j + 1).is_some_and(char::is_alphanumeric) => j += 1,
                Some(d) if is_apos(d) && self.inner_apostrophe(j) => j += 1,
                _ => break,
            }
        }
        if self.at(j) == Some('.') && abbr.contains(&self.s[self.off(i)..self.off(j + 1)]) {
            j += 1;
        }
        j
    }

    /// Is the apostrophe at `j` inside a word: before a letter, and not a possessive `'s`
    /// ending the word ("O'Brien", "Ne'sa" but not "Kim's")?
    fn inner_apostrophe(&self, j: usize) -> bool {
        self.at(j + 1).is_some_and(char::is_alphabetic)
            && (!matches!(self.at(j + 1), Some('s') | Some('S'))
                || self.at(j + 2).is_some_and(char::is_alphanumeric))
    }

    /// A possessive after the word `w` ending at character `j`: `'s` ("Kim's"), or a bare
    /// apostrophe after a plural ("Fishers' union"). Whether there is one, and where the next
    /// token starts.
    fn possessive_after(&self, j: usize, w: &str) -> (bool, usize) {
        if !self.at(j).is_some_and(is_apos) {
            return (false, j);
        }
        if matches!(self.at(j + 1), Some('s') | Some('S'))
            && !self.at(j + 2).is_some_and(char::is_alphanumeric)
        {
            return (true, j + 2);
        }
        if w.ends_with(['s', 'S']) && !self.at(j + 1).is_some_and(char::is_alphanumeric) {
            return (true, j + 1);
        }
        (false, j)
    }
}

/// The punctuation token `s[st..en]` (`base` is the offset of `s` in the text).
fn punctuation_tok(s: &str, base: usize, st: usize, en: usize) -> WordTok<'_> {
    WordTok {
        text: &s[st..en],
        span: Span::new(base + st, base + en),
        word: false,
        cap: false,
        upper: false,
        hyphen_before: false,
        possessive: false,
    }
}

/// The word token `s[st..en]` with its case flags (`base` is the offset of `s` in the text).
fn word_tok(
    s: &str,
    base: usize,
    st: usize,
    en: usize,
    hyphen_before: bool,
    possessive: bool,
) -> WordTok<'_> {
    let w = &s[st..en];
    WordTok {
        text: w,
        span: Span::new(base + st, base + en),
        word: true,
        cap: w.chars().next().is_some_and(char::is_uppercase),
        upper: is_all_caps(w),
        hyphen_before,
        possessive,
    }
}

/// Two or more letters, all upper case ("SCMP", "U.S.", "PARK").
fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Paragraph spans: runs of text separated by blank lines (or single newlines, since news text
/// often has one paragraph a line). Leading/trailing white space is excluded.
/// Is `word` (any case) a weekday name?
pub fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// Is `word` (any case) a month name?
pub fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Does the text end a line at byte `end` (only spaces or tabs before a line break, the end
/// of the text, or markup)?
pub fn ends_line(text: &str, end: usize) -> bool {
    text.get(end..)
        .unwrap_or("")
        .chars()
        .find(|c| !matches!(c, ' ' | '\t'))
        .is_none_or(|c| c == '\n' || c == '\r' || c == '<')
}

pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed_start = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let s = start + trimmed_start;
        out.push(Span::new(s, s + body.len()));
    }
    out
}

fn is_closing_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']')
}

/// Splits text into sentences. A sentence ends at `.`, `!` or `?` (plus closing quotes or
/// brackets) followed by white space and an upper-case letter, digit or opening quote, unless
/// the word before the dot is an abbreviation ("Mr.", "U.S." before a lower-case word, "Jan.").
/// Line breaks always end a sentence (headlines, bullets, bylines). Spans exclude surrounding
/// white space.
pub fn sentences(text: &str, abbr: &Abbreviations) -> Vec<Span> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(text, para, abbr, &mut out);
    }
    cap_sentence_length(text, out)
}

/// Longest sentence kept whole, in bytes. News sentences are a few hundred bytes; a longer
/// "sentence" is a run of text without punctuation (a table, a dump, a broken file), and later
/// stages work per sentence, so it is cut at white space to keep extraction linear.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn cap_sentence_length(text: &str, spans: Vec<Span>) -> Vec<Span> {
    if spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES) {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len());
    for sp in spans {
        let mut start = sp.start;
        while sp.end - start > MAX_SENTENCE_BYTES {
            let mut cut = start + MAX_SENTENCE_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            // the last white space before the cap, if any
            let piece = &text[start..cut];
            let at = piece
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
                .map_or(cut, |i| start + i);
            out.push(Span::new(start, at));
            start = at;
            while start < sp.end {
                match text[start..].chars().next() {
                    Some(c) if c.is_whitespace() => start += c.len_utf8(),
                    _ => break,
                }
            }
        }
        if start < sp.end {
            out.push(Span::new(start, sp.end));
        }
    }
    out
}

/// Splits one paragraph into sentences (see [`sentences`]).
fn split_paragraph(text: &str, para: Span, abbr: &Abbreviations, out: &mut Vec<Span>) {
    let s = para.slice(text);
    if s.is_ascii() {
        split_paragraph_in(s, para.start, abbr, &AsciiChars(s.as_bytes()), out);
    } else {
        split_paragraph_in(s, para.start, abbr, &char_offsets(s)[..], out);
    }
}

/// [`split_paragraph`] of `s` (at byte `base` of the text) over its characters `chars`.
fn split_paragraph_in(
    s: &str,
    base: usize,
    abbr: &Abbreviations,
    chars: &(impl CharIndex + ?Sized),
    out: &mut Vec<Span>,
) {
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (bi, c) = chars.at(i);
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            i += 1;
            continue;
        }
        // extend over runs of terminal punctuation and closing quotes/brackets
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars.at(j).1, '.' | '!' | '?') || is_closing_punct(chars.at(j).1))
        {
            j += 1;
        }
        // need white space next
        if j < chars.len() && chars.at(j).1.is_whitespace() {
            let mut k = j;
            while k < chars.len() && chars.at(k).1.is_whitespace() {
                k += 1;
            }
            let next_starts = chars.get(k).is_some_and(|x| opens_a_sentence(x.1));
            // a lone dot after a word: an abbreviation or a spaced initial may not end it
            let boundary = next_starts
                && (c != '.' || j != i + 1 || dot_ends_sentence(s, bi, chars.at(k).0, abbr));
            if boundary {
                let end = chars.get(j).map_or(s.len(), |x| x.0);
                push_trimmed(base, s, start, end, out);
                start = chars.at(k).0;
                i = k;
                continue;
            }
        }
        i = j;
    }
    push_trimmed(base, s, start, s.len(), out);
}

/// May `n` open a sentence: an upper-case letter, a digit, an opening quote or bracket, a
/// dash?
fn opens_a_sentence(n: char) -> bool {
    n.is_uppercase()
        || n.is_ascii_digit()
        || matches!(
            n,
            '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[' | '-' | '\u{2014}'
        )
}

/// Does the dot at byte `bi` of the paragraph `s` end a sentence whose successor starts at
/// byte `next`? Not after a spaced initial ("Regina M . Benjamin"), nor after an
/// abbreviation, except a dotted acronym before a sentence opener ("the U.S. The talks").
fn dot_ends_sentence(s: &str, bi: usize, next: usize, abbr: &Abbreviations) -> bool {
    // the word before the dot
    let word_start = s[..bi]
        .rfind(|ch: char| ch.is_whitespace() || matches!(ch, '(' | '"' | '\u{201C}'))
        .map(|p| p + s[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &s[word_start..bi + 1];
    // tokenised text: "Regina M . Benjamin" (a spaced initial)
    let spaced_initial = word == "." && {
        let before = s[..bi].trim_end();
        let mut rev = before.chars().rev();
        matches!((rev.next(), rev.next()), (Some(l), p) if l.is_uppercase()
            && p.is_none_or(char::is_whitespace))
    };
    if spaced_initial {
        return false;
    }
    if !abbr.contains(word) {
        return true;
    }
    // "U.S." / "Inc." may still end a sentence; an abbreviation that is a title or initial
    // never does.
    let body = word.trim_end_matches('.');
    let is_dotted_acronym =
        body.contains('.') && body.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    let next_word: String = s[next..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    is_dotted_acronym
        && next_word.chars().next().is_some_and(char::is_uppercase)
        && is_sentence_opener(&next_word)
}

/// Words that typically open a sentence; after "U.S." such a word means the dot ended it.
fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "However"
            | "Meanwhile"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "There"
            | "Still"
            | "Yet"
            | "After"
            | "Before"
            | "While"
            | "When"
            | "As"
            | "If"
            | "Since"
            | "Despite"
            | "Officials"
            | "Analysts"
    )
}

fn push_trimmed(base: usize, s: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    if !body.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + body.len(),
        ));
    }
}

/// A quotation: the span including the quotation marks and the inner content span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub outer: Span,
    pub inner: Span,
}

impl Quote {
    /// Number of words inside.
    pub fn word_count(&self, text: &str) -> usize {
        self.inner.slice(text).split_whitespace().count()
    }
}

/// Finds quotations: curly “…” pairs and straight "…" pairs. A quotation may run over several
/// sentences and paragraphs; a paragraph that opens a quote without closing it and the next one
/// opening again (the news convention for multi-paragraph quotes) continues the quotation.
/// Single quotes ‘…’ / '…' count only when they open after a non-letter and close before a
/// non-letter (so apostrophes in "don't" and "Trump's" are not taken for quotes).
pub fn quotes(text: &str) -> Vec<Quote> {
    if text.is_ascii() {
        quotes_in(text, &AsciiChars(text.as_bytes()))
    } else {
        quotes_in(text, &char_offsets(text)[..])
    }
}

/// [`quotes`] of `text` over its characters `chars`.
fn quotes_in(text: &str, chars: &(impl CharIndex + ?Sized)) -> Vec<Quote> {
    let mut out = Vec::new();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let (bi, c) = chars.at(i);
        // typewriter doubled apostrophes ''like this'' (some archives write quotes so)
        if c == '\'' && chars.get(i + 1).is_some_and(|x| x.1 == '\'') {
            let Some(j) = find_doubled_apostrophe(chars, i + 2) else {
                i += 2;
                continue;
            };
            push_quote(
                text,
                Span::new(bi, chars.at(j).0 + 2),
                bi + 2,
                chars.at(j).0,
                &mut out,
            );
            i = j + 2;
            continue;
        }
        let Some(closer) = closer_of(chars, i) else {
            i += 1;
            continue;
        };
        match find_closer(chars, i, closer) {
            Some(j) => {
                let end = chars.at(j).0 + chars.at(j).1.len_utf8();
                push_quote(
                    text,
                    Span::new(bi, end),
                    bi + c.len_utf8(),
                    chars.at(j).0,
                    &mut out,
                );
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Records the quotation `outer` with the inner content `inner_start..inner_end`, unless
/// the content is blank.
fn push_quote(text: &str, outer: Span, inner_start: usize, inner_end: usize, out: &mut Vec<Quote>) {
    let inner = Span::new(inner_start, inner_end);
    if !inner.slice(text).trim().is_empty() {
        out.push(Quote { outer, inner });
    }
}

/// The mark that closes a quotation opened at character `i`, if one opens there: curly and
/// straight double quotes always, single ones only where [`opens_single`] allows.
fn closer_of(chars: &(impl CharIndex + ?Sized), i: usize) -> Option<char> {
    match chars.at(i).1 {
        '\u{201C}' => Some('\u{201D}'),
        '"' => Some('"'),
        '\'' if opens_single(chars, i) => Some('\''),
        '\u{2018}' if opens_single(chars, i) => Some('\u{2019}'),
        _ => None,
    }
}

/// The closing mark of the quotation opened at character `i`: double quotes may cross a
/// paragraph break only when the next paragraph re-opens the quote; single quotes close
/// before a non-letter and within 400 characters.
fn find_closer(chars: &(impl CharIndex + ?Sized), i: usize, closer: char) -> Option<usize> {
    let c = chars.at(i).1;
    let double = c != '\'' && c != '\u{2018}';
    let n = chars.len();
    let mut j = i + 1;
    while j < n {
        let d = chars.at(j).1;
        if (d == closer || closes_with_mixed_mark(chars, c, j))
            && (double || closes_single(chars, j))
        {
            return Some(j);
        }
        if d == '\n' {
            // paragraph break: continue only if the next non-space char re-opens
            let mut k = j + 1;
            while k < n && chars.at(k).1.is_whitespace() {
                k += 1;
            }
            if double && k < n && chars.at(k).1 == c {
                j = k + 1;
                continue;
            }
            return None;
        }
        if !double && j - i > 400 {
            return None;
        }
        j += 1;
    }
    None
}

/// Mixed marks in one quote: a curly opening quote closed by a straight one, a straight one
/// closed by a curly one, or by a second opening mark typed where the closing one belongs
/// (`\u{201c}No,\u{201c} he said`: attached to the word before it and followed by a space or
/// punctuation). `open` is the opening mark, `j` the candidate closer.
fn closes_with_mixed_mark(chars: &(impl CharIndex + ?Sized), open: char, j: usize) -> bool {
    let d = chars.at(j).1;
    if !matches!(d, '"' | '\u{201C}' | '\u{201D}') {
        return false;
    }
    let attached = chars.at(j - 1).1 != '\n'
        && !chars.at(j - 1).1.is_whitespace()
        && chars.get(j + 1).is_none_or(|x| !x.1.is_alphanumeric());
    (open == '\u{201C}' && d == '"')
        || (open == '"' && d == '\u{201D}')
        || (open == '\u{201C}' && d == '\u{201C}' && attached)
}

/// The next `''` from `from`, within the paragraph (or continued by a paragraph that reopens
/// with `''`).
fn find_doubled_apostrophe(chars: &(impl CharIndex + ?Sized), from: usize) -> Option<usize> {
    let mut j = from;
    while j + 1 < chars.len() {
        if chars.at(j).1 == '\'' && chars.at(j + 1).1 == '\'' {
            return Some(j);
        }
        if chars.at(j).1 == '\n' {
            let mut k = j + 1;
            while k < chars.len() && chars.at(k).1.is_whitespace() {
                k += 1;
            }
            if k + 1 < chars.len() && chars.at(k).1 == '\'' && chars.at(k + 1).1 == '\'' {
                j = k + 2;
                continue;
            }
            return None;
        }
        j += 1;
    }
    None
}

fn opens_single(chars: &(impl CharIndex + ?Sized), i: usize) -> bool {
    let prev_ok = i == 0 || !chars.at(i - 1).1.is_alphanumeric();
    let next_ok = chars.get(i + 1).is_some_and(|x| x.1.is_alphanumeric());
    prev_ok && next_ok
}

fn closes_single(chars: &(impl CharIndex + ?Sized), j: usize) -> bool {
    let prev_ok = j > 0 && !chars.at(j - 1).1.is_whitespace();
    let next_ok = chars.get(j + 1).is_none_or(|x| !x.1.is_alphanumeric());
    prev_ok && next_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbr() -> Abbreviations {
        Abbreviations::new(["Mr.", "Mrs.", "Dr.", "Jan.", "Feb.", "Gen.", "St."])
    }

    fn split(t: &str) -> Vec<&str> {
        sentences(t, &abbr())
            .into_iter()
            .map(|s| s.slice(t))
            .collect()
    }

    #[test]
    fn overlong_sentences_are_cut_at_white_space() {
        let t = "word ".repeat(1000) + "end.";
        let spans = sentences(&t, &abbr());
        assert!(spans.len() >= 3, "{}", spans.len());
        for s in &spans {
            assert!(s.len() <= MAX_SENTENCE_BYTES);
            assert!(!s.slice(&t).starts_with(' ') && !s.slice(&t).ends_with(' '));
        }
        assert_eq!(spans.last().map(|s| s.end), Some(t.len()));
        // a normal sentence is untouched
        assert_eq!(
            split("A short one. Another."),
            vec!["A short one.", "Another."]
        );
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            split("One is here. Two is there! Three?"),
            vec!["One is here.", "Two is there!", "Three?"]
        );
    }

    #[test]
    fn survives_titles_initials_and_months() {
        assert_eq!(
            split("Mr. Smith met Dr. J. Doe on Jan. 5 in the U.S. capital. They talked."),
            vec![
                "Mr. Smith met Dr. J. Doe on Jan. 5 in the U.S. capital.",
                "They talked."
            ]
        );
    }

    #[test]
    fn dotted_acronym_can_end_a_sentence() {
        assert_eq!(
            split("The envoy flew to the U.S. The talks begin today."),
            vec!["The envoy flew to the U.S.", "The talks begin today."]
        );
        // but not before a name
        assert_eq!(
            split("He met U.S. Secretary Brown."),
            vec!["He met U.S. Secretary Brown."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("\u{201C}We will talk.\u{201D} She left. \"Fine.\" He stayed."),
            vec![
                "\u{201C}We will talk.\u{201D}",
                "She left.",
                "\"Fine.\"",
                "He stayed."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(
            split("Headline here\nBody text. More"),
            vec!["Headline here", "Body text.", "More"]
        );
    }

    #[test]
    fn spaced_initial_does_not_split() {
        assert_eq!(
            split("Then Regina M . Benjamin spoke . Next came"),
            vec!["Then Regina M . Benjamin spoke .", "Next came"]
        );
    }

    #[test]
    fn lower_case_after_dot_does_not_split() {
        assert_eq!(
            split("It cost 3.5 million vs. last year."),
            vec!["It cost 3.5 million vs. last year."]
        );
    }

    #[test]
    fn tokens_keep_inner_hyphens_apostrophes_and_dots() {
        let t = "Kim Jong-un's U.S. visit, said Trump.";
        let toks: Vec<&str> = tokens_in(t, Span::new(0, t.len()), |w| w == "U.S.")
            .iter()
            .map(|x| x.text)
            .collect();
        assert_eq!(
            toks,
            vec![
                "Kim",
                "Jong-un's",
                "U.S.",
                "visit",
                ",",
                "said",
                "Trump",
                "."
            ]
        );
    }

    #[test]
    fn word_tokens_split_hyphens_and_flag_possessives() {
        let t = "Kim Jong-un\u{2019}s U.S.-North talks with O'Neill's team.";
        let toks = word_tokens(t, Span::new(0, t.len()), &abbr());
        let words: Vec<(&str, bool, bool)> = toks
            .iter()
            .filter(|w| w.word)
            .map(|w| (w.text, w.hyphen_before, w.possessive))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Kim", false, false),
                ("Jong", false, false),
                ("un", true, true),
                ("U.S.", false, false),
                ("North", true, false),
                ("talks", false, false),
                ("with", false, false),
                ("O'Neill", false, true),
                ("team", false, false),
            ]
        );
        for w in &toks {
            assert_eq!(w.span.slice(t), w.text);
        }
        // a spaced dash is no hyphen join
        let t = "Seoul - Tokyo";
        let toks = word_tokens(t, Span::new(0, t.len()), &abbr());
        assert!(toks.iter().all(|w| !w.hyphen_before));
    }

    fn words_of(t: &str) -> Vec<WordTok<'_>> {
        word_tokens(t, Span::new(0, t.len()), &abbr())
    }

    #[test]
    fn ascii_text_read_in_place_splits_as_decoded_text_does() {
        let t = "Mr. Kim Jong-un's U.S.-North talks ''went well,'' he said. \"Fine,\" said \
                 O'Neill's aide. It cost 3.5 million vs. last year! J. Doe left.\n\"Next\nline.";
        let decoded = char_offsets(t);
        let a = abbr();
        let (ascii, wide) = (AsciiChars(t.as_bytes()), &decoded[..]);
        assert_eq!(
            word_tokens_in(t, 0, &a, &ascii),
            word_tokens_in(t, 0, &a, wide)
        );
        assert_eq!(quotes_in(t, &ascii), quotes_in(t, wide));
        let (mut x, mut y) = (Vec::new(), Vec::new());
        split_paragraph_in(t, 0, &a, &ascii, &mut x);
        split_paragraph_in(t, 0, &a, wide, &mut y);
        assert_eq!(x, y);
        assert!(x.len() >= 4 && quotes(t).len() >= 2, "{x:?}");
    }

    #[test]
    fn only_a_hyphen_glued_between_words_joins_them() {
        let toks = words_of("Oslo-Bergen ferry");
        assert!(toks.iter().any(|w| w.text == "Bergen" && w.hyphen_before));
        // near miss: an em dash between the same words is punctuation
        let toks = words_of("Oslo\u{2014}Bergen ferry");
        assert!(toks.iter().all(|w| !w.hyphen_before));
        assert!(toks.iter().any(|w| w.text == "\u{2014}" && !w.word));
    }

    #[test]
    fn a_bare_apostrophe_after_a_plural_is_a_possessive() {
        let toks = words_of("the Growers' market");
        let texts: Vec<&str> = toks.iter().map(|w| w.text).collect();
        assert_eq!(texts, vec!["the", "Growers", "market"]);
        assert!(toks[1].possessive);
        // near miss: after a singular word the apostrophe is punctuation
        let toks = words_of("the Mira' market");
        let texts: Vec<&str> = toks.iter().map(|w| w.text).collect();
        assert_eq!(texts, vec!["the", "Mira", "'", "market"]);
        assert!(!toks[1].possessive);
    }

    #[test]
    fn upper_needs_two_capital_letters() {
        let toks = words_of("NATO and U.S. met A Nato aide");
        let upper: Vec<&str> = toks.iter().filter(|w| w.upper).map(|w| w.text).collect();
        // near misses: one capital letter ("A"), a capitalised word ("Nato")
        assert_eq!(upper, vec!["NATO", "U.S."]);
    }

    #[test]
    fn a_quote_does_not_cross_a_paragraph_that_does_not_reopen_it() {
        let t = "\"Open here\nthen more\" later";
        assert!(quotes(t).is_empty(), "{:?}", quotes(t));
        // must fire: the same with the next paragraph reopening the quote
        let t = "\"Open here\n\"then more\" later";
        assert_eq!(quotes(t).len(), 1);
    }

    #[test]
    fn blank_quotes_are_dropped() {
        let t = "He wrote \"  \" and \"yes\".";
        let q: Vec<&str> = quotes(t).iter().map(|q| q.inner.slice(t)).collect();
        assert_eq!(q, vec!["yes"]);
    }

    #[test]
    fn quotes_closed_by_the_wrong_curly_mark() {
        // a second opening mark typed where the closing one belongs
        let t = "\u{201c}Not yet,\u{201c} Berg said. \u{201c}Soon.\u{201d}";
        let q = quotes(t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].inner.slice(t), "Not yet,");
        assert_eq!(q[1].inner.slice(t), "Soon.");
        // a straight opening mark closed by a curly one
        let t = "\"Never underestimate him,\u{201d} Ruiz said.";
        assert_eq!(quotes(t)[0].inner.slice(t), "Never underestimate him,");
        // near miss: an opening mark after a space opens a new quote
        let t = "\u{201c}Wait \u{201c}here\u{201d} now";
        assert!(
            quotes(t).iter().all(|q| q.inner.slice(t) != "Wait "),
            "{:?}",
            quotes(t)
        );
    }

    #[test]
    fn quotes_with_mixed_marks() {
        let t = "\u{201c}Deals are no requirement,\" Berg said.";
        let q = quotes(t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].inner.slice(t), "Deals are no requirement,");
        assert_eq!(q[0].outer.slice(t), &t[..q[0].outer.end]);
        assert!(q[0].outer.slice(t).ends_with('"'));
    }

    #[test]
    fn quotes_curly_straight_and_multi_paragraph() {
        let t = "He said \u{201C}we agree\u{201D} and \"no more\".\n\"First part.\n\"Second part,\" she said.";
        let q: Vec<&str> = quotes(t).iter().map(|q| q.inner.slice(t)).collect();
        assert_eq!(
            q,
            vec!["we agree", "no more", "First part.\n\"Second part,"]
        );
    }

    #[test]
    fn doubled_apostrophes_quote() {
        let t = "''We are ready,'' she said. It''s odd.";
        let q: Vec<&str> = quotes(t).iter().map(|q| q.inner.slice(t)).collect();
        assert_eq!(q, vec!["We are ready,"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let t = "Trump's letter wasn't read, the 'love letters' era ended.";
        let q: Vec<&str> = quotes(t).iter().map(|q| q.inner.slice(t)).collect();
        assert_eq!(q, vec!["love letters"]);
    }
}

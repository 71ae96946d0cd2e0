//! Normalised keys for names: the alias index, name look-ups and linking compare these, never
//! the surfaces (which are always kept as written).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Is `c` a hyphen or dash of any kind?
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// Is `c` an apostrophe (straight or curly)?
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
}

/// The normalised key of a name: NFKC, diacritics folded, lower case, curly quotes straightened,
/// hyphens and runs of white space made one space, a possessive `'s` and a leading "the "
/// dropped, surrounding punctuation trimmed. Dots are kept inside ("u.s.") but a lone trailing
/// dot is dropped.
///
/// `key("Kim Jong-un") == key("kim jong un")`, `key("Trump’s") == key("Trump")`.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// Appends [`key`]`(name)` to `out` (callers that key many names reuse one buffer).
pub fn key_into(name: &str, out: &mut String) {
    let from = out.len();
    // one ASCII character (most punctuation tokens): itself in lower case, or nothing when
    // it is trimmed, a separator or a lone dot
    if let [c] = name.as_bytes()
        && c.is_ascii()
    {
        if !(is_key_trim(char::from(*c)) || matches!(c, b'.' | b'-' | b'_' | b'`' | 0x0B | 0x0C)) {
            out.push(char::from(c.to_ascii_lowercase()));
        }
        return;
    }
    // a plain word: lower case is all its key has to do
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(name);
        out[from..].make_ascii_lowercase();
        return;
    }
    if name.is_ascii() {
        fold_ascii(name, |c| out.push(char::from(c)));
    } else {
        fold_unicode_into(name, out);
    }
    let (a, b) = trimmed_range(&out[from..]);
    out.truncate(from + b);
    out.drain(from..from + a);
}

/// The folding of [`key`] for ASCII text, where NFKC and NFKD change nothing: lower case,
/// `` ` `` made an apostrophe, hyphens, underscores and white space made single spaces
/// between words. Sends each byte of the result to `push`.
fn fold_ascii(name: &str, mut push: impl FnMut(u8)) {
    let mut any = false;
    let mut space = false;
    for b in name.bytes() {
        let c = match b {
            b'`' => b'\'',
            b'-' | b'_' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => {
                space = any;
                continue;
            }
            _ => b.to_ascii_lowercase(),
        };
        if space {
            push(b' ');
            space = false;
        }
        push(c);
        any = true;
    }
}

/// Calls `f` with [`key`]`(name)`, without allocating for a short ASCII name.
pub fn with_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    const CAP: usize = 48;
    if name.len() <= CAP && name.is_ascii() {
        let mut buf = [0u8; CAP];
        let mut n = 0;
        fold_ascii(name, |c| {
            buf[n] = c;
            n += 1;
        });
        if let Ok(folded) = std::str::from_utf8(&buf[..n]) {
            let (a, b) = trimmed_range(folded);
            return f(&folded[a..b]);
        }
    }
    f(&key(name))
}

/// The folding of [`key`] for any text: NFKD with combining marks dropped, NFKC, lower case,
/// apostrophes straightened, dashes, underscores and white space made single spaces between
/// words.
fn fold_unicode_into(name: &str, out: &mut String) {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if is_apostrophe(c) {
                '\''
            } else if is_dash(c) || c.is_whitespace() || c == '_' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let start = out.len();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Punctuation trimmed from both ends of a key.
fn is_key_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '('
                | ')'
                | '['
                | ']'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '«'
                | '»'
                | '“'
                | '”'
        )
}

/// The byte range of a folded name that is its key: surrounding punctuation trimmed, then a
/// possessive `'s` and what it uncovers, then a leading "the ", then a lone trailing dot.
fn trimmed_range(folded: &str) -> (usize, usize) {
    let trim = |s: &str| -> (usize, usize) {
        let t = s.trim_start_matches(is_key_trim);
        let a = s.len() - t.len();
        (a, a + t.trim_end_matches(is_key_trim).len())
    };
    let (a, b) = trim(folded);
    let (mut a, mut b) = match folded[a..b].strip_suffix("'s") {
        Some(rest) => {
            let (x, y) = trim(rest);
            (a + x, a + y)
        }
        None => (a, b),
    };
    if folded[a..b].starts_with("the ") {
        a += 4;
    }
    let out = &folded[a..b];
    if out.ends_with('.') && out.matches('.').count() == 1 {
        b -= 1;
    }
    (a, b)
}

/// Calls `f` with `word` in lower case (`str::to_lowercase`), without allocating for a short
/// ASCII word.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const CAP: usize = 48;
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    if word.len() <= CAP && word.is_ascii() {
        let mut buf = [0u8; CAP];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(l) = std::str::from_utf8(lower) {
            return f(l);
        }
    }
    f(&word.to_lowercase())
}

/// Is `word` in lower case (`str::to_lowercase`) equal to `lower`?
pub fn lower_eq(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len() && word.eq_ignore_ascii_case(lower) && lower_is_lower(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// Has `s` no ASCII upper-case letter?
fn lower_is_lower(s: &str) -> bool {
    !s.bytes().any(|b| b.is_ascii_uppercase())
}

/// Tokens of a key (split on spaces).
pub fn key_tokens(key: &str) -> impl Iterator<Item = &str> {
    key.split(' ').filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_spaces_and_case_fold_together() {
        assert_eq!(key("Kim Jong-un"), key("Kim Jong Un"));
        assert_eq!(key("KIM  JONG\u{2010}UN"), "kim jong un");
    }

    #[test]
    fn possessive_and_article_dropped() {
        assert_eq!(key("Trump’s"), "trump");
        assert_eq!(key("the White House's"), "white house");
    }

    #[test]
    fn diacritics_folded_dots_kept() {
        assert_eq!(key("José Martí"), "jose marti");
        assert_eq!(key("U.S."), "u.s.");
        assert_ne!(key("U.S."), key("US"));
        assert_eq!(key("Mr."), "mr");
    }

    /// The key by the general (Unicode) folding only.
    fn unicode_key(name: &str) -> String {
        let mut out = String::new();
        fold_unicode_into(name, &mut out);
        let (a, b) = trimmed_range(&out);
        out[a..b].to_string()
    }

    #[test]
    fn the_ascii_fast_path_equals_the_unicode_folding() {
        // every ASCII character alone, inside a word and between words
        for b in 0u8..128 {
            let c = char::from(b);
            for s in [
                c.to_string(),
                format!("Ab{c}Cd"),
                format!("the {c}x's{c}"),
                format!("{c}U.S.{c}"),
            ] {
                assert_eq!(key(&s), unicode_key(&s), "{s:?}");
            }
        }
        // every pair of ASCII characters
        for a in 0u8..128 {
            for b in 0u8..128 {
                let s = format!("{}{}", char::from(a), char::from(b));
                assert_eq!(key(&s), unicode_key(&s), "{s:?}");
            }
        }
        // pseudo-random strings over the characters the rules treat specially
        let alphabet = b"aZ .'`-_\t\n\x0b\x0c\r\"()[],;:!?sStThHe\x1c";
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 12) as usize;
            let mut y = x;
            for _ in 0..len {
                s.push(char::from(alphabet[(y % alphabet.len() as u64) as usize]));
                y /= alphabet.len() as u64;
                if y == 0 {
                    y = x.rotate_left(29);
                }
            }
            assert_eq!(key(&s), unicode_key(&s), "{s:?}");
        }
    }

    #[test]
    fn with_key_and_with_lowercase_see_what_key_and_to_lowercase_give() {
        for name in [
            "The  Harbour's",
            "U.S.",
            "Mr.",
            "José Martí",
            &"Long ".repeat(20),
            "\u{212a}IM",
        ] {
            assert_eq!(with_key(name, str::to_string), key(name), "{name:?}");
            assert_eq!(with_lowercase(name, str::to_string), name.to_lowercase());
            assert!(lower_eq(name, &name.to_lowercase()));
        }
        // near misses: another word, an upper-case "lower" form
        assert!(!lower_eq("Harbour", "harbor") && !lower_eq("Harbour", "HARBOUR"));
    }

    #[test]
    fn key_into_appends_to_what_the_buffer_holds() {
        let mut buf = String::from("x ");
        key_into("The  Harbour's", &mut buf);
        assert_eq!(buf, "x harbour");
        key_into(" José ", &mut buf);
        assert_eq!(buf, "x harbourjose");
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(key("Lee Jae-myung"), key("Lee Jae-woong"));
    }
}

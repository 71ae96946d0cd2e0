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
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let trim = |s: &str| -> String {
        s.trim_matches(|c: char| {
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
        })
        .to_string()
    };
    let mut out = trim(&out);
    if let Some(stripped) = out.strip_suffix("'s") {
        out = stripped.to_string();
    }
    let mut out = trim(&out);
    if let Some(stripped) = out.strip_prefix("the ") {
        out = stripped.to_string();
    }
    if out.ends_with('.') && out.matches('.').count() == 1 {
        out.pop();
    }
    out
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

    #[test]
    fn different_names_stay_different() {
        assert_ne!(key("Lee Jae-myung"), key("Lee Jae-woong"));
    }
}

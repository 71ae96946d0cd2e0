//! Escaping shared by the exporters and the terminal: DOT strings, HTML text, CSV cells, and
//! one-line clipping of article text. Every piece of user text that leaves kg goes through one
//! of these.

/// A DOT double-quoted string holding `s` literally: backslashes and quotes escaped, line
/// breaks as `\n` (a centred line break in labels), other control characters as spaces. Since
/// every backslash of the input is doubled, the input cannot produce Graphviz escapes such as
/// `\N` or `\l`; `<`, `>` and `&` need no escaping inside a quoted string (Graphviz escapes them
/// in SVG output).
pub fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// HTML text and attribute escaping.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell: quoted when needed; cells starting with = + - @ (or tab/CR) are prefixed with
/// an apostrophe so spreadsheets do not run them as formulas.
pub fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        csv_field(&format!("'{s}"))
    } else {
        csv_field(s)
    }
}

/// A CSV field exactly as RFC 4180 has it, for database loaders rather than spreadsheets (no
/// formula defusing): quoted when it holds a comma, a quote, CR or LF, inner quotes doubled.
/// Backslashes are ordinary characters.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A relation type as an identifier usable unquoted as a Neo4j relationship type and as the
/// local name of an RDF property: ASCII letters, digits and `_` (anything else becomes `_`),
/// never starting with a digit, never empty.
pub fn identifier(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if out.is_empty() {
        out.push_str("RELATED_TO");
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "R_");
    }
    out
}

/// CSV text with a header line.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = header
        .iter()
        .map(|h| csv_cell(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// Shortens `s` to at most `max` characters (with an ellipsis), on one line.
pub fn clip(s: &str, max: usize) -> String {
    let one: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one = one.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else {
        let mut t: String = one.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        // a near miss: an inner = or - is left alone
        assert_eq!(csv_cell("a=b-c"), "a=b-c");
    }

    #[test]
    fn csv_fields_are_quoted_but_never_defused() {
        assert_eq!(csv_field("=SUM(A1)"), "=SUM(A1)");
        assert_eq!(csv_field("a\\b"), "a\\b");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn identifiers_are_safe_names() {
        assert_eq!(identifier("MET_WITH"), "MET_WITH");
        assert_eq!(identifier("said about"), "said_about");
        assert_eq!(identifier("3WAY"), "R_3WAY");
        assert_eq!(identifier("`x`<>"), "_x___");
        assert_eq!(identifier(""), "RELATED_TO");
    }

    #[test]
    fn clip_keeps_one_line_and_marks_the_cut() {
        assert_eq!(clip("a\nb\tc", 10), "a b c");
        assert_eq!(clip("abcdefghijkl", 5), "abcd…");
        assert_eq!(clip("short", 5), "short");
    }
}

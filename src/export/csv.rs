//! The JSONL tables as CSV (one file a table). Lists are joined with "; "; cells that a
//! spreadsheet would run as a formula (starting with = + - @) are defused by
//! [`super::escape::csv_cell`].

use super::jsonl::Table;
use serde_json::Value;

/// A JSON value as one CSV cell's text.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(cell_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// CSV text of a table, with a header line.
pub fn to_string(t: &Table) -> String {
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    super::escape::csv(&t.columns, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::jsonl::tables;
    use crate::export::test_support::nasty_selection;

    #[test]
    fn csv_quotes_lists_and_defuses_formulas() {
        let mut g = nasty_selection().data;
        g.entities[2].name = "=HYPERLINK(\"x\")".into();
        let ts = tables(&g);
        let ents = to_string(&ts[0]);
        assert!(ents.starts_with("id,name,type,mention_count"));
        assert!(ents.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{ents}");
        // a near miss: a name with an inner = is left alone
        assert!(ents.contains("\"Dr. \"\"Quote\"\" O'Brien\\\""));
        assert_eq!(cell_text(&serde_json::json!([1, 2])), "1; 2");
        assert_eq!(cell_text(&Value::Null), "");
    }
}

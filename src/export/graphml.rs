//! GraphML for Gephi, yEd and Cytoscape (and `networkx.read_graphml`): every node and edge
//! attribute declared as a `<key>`, all text XML-escaped. Parallel edges (one per piece of
//! evidence) are kept; each edge has the id `e<edge id>`.

use super::GraphData;
use crate::model::*;
use std::collections::HashMap;
use std::fmt::Write;

/// XML text: the five special characters escaped, characters XML 1.0 forbids dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("name", "string"),
    ("type", "string"),
    ("mention_count", "long"),
    ("statements", "long"),
    ("aliases", "string"),
    ("documents", "string"),
    ("titles", "string"),
    ("gazetteer_id", "string"),
];

const EDGE_KEYS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("label", "string"),
    ("doc", "string"),
    ("evidence", "string"),
    ("confidence", "double"),
    ("rule", "string"),
    ("weight", "long"),
    ("statement", "long"),
];

fn data(out: &mut String, prefix: &str, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{prefix}_{key}\">{}</data>",
        xml_escape(value)
    );
}

/// The GraphML document.
pub fn to_string(g: &GraphData) -> String {
    let doc_names: HashMap<DocId, &str> = g
        .documents
        .iter()
        .map(|d| (d.id, d.name.as_str()))
        .collect();
    let mut said: HashMap<EntityId, u64> = HashMap::new();
    for s in &g.statements {
        if let Some(sp) = s.statement.speaker {
            *said.entry(sp).or_default() += 1;
        }
    }
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (k, t) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"n_{k}\" for=\"node\" attr.name=\"{k}\" attr.type=\"{t}\"/>"
        );
    }
    for (k, t) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"e_{k}\" for=\"edge\" attr.name=\"{k}\" attr.type=\"{t}\"/>"
        );
    }
    out.push_str("  <graph id=\"kg\" edgedefault=\"directed\">\n");
    for e in &g.entities {
        let _ = writeln!(out, "    <node id=\"n{}\">", e.id.0);
        data(&mut out, "n", "label", &e.name);
        data(&mut out, "n", "name", &e.name);
        data(&mut out, "n", "type", e.etype.as_str());
        data(&mut out, "n", "mention_count", &e.mention_count.to_string());
        data(
            &mut out,
            "n",
            "statements",
            &said.get(&e.id).copied().unwrap_or(0).to_string(),
        );
        let aliases: Vec<&str> = e.aliases.iter().map(|a| a.surface.as_str()).collect();
        data(&mut out, "n", "aliases", &aliases.join("; "));
        let docs: Vec<&str> = g
            .docs_of(e.id)
            .iter()
            .filter_map(|d| doc_names.get(d).copied())
            .collect();
        data(&mut out, "n", "documents", &docs.join("; "));
        data(&mut out, "n", "titles", &e.titles.join("; "));
        if let Some(gz) = &e.gazetteer_id {
            data(&mut out, "n", "gazetteer_id", gz);
        }
        out.push_str("    </node>\n");
    }
    for e in &g.edges {
        let r = &e.relation;
        let _ = writeln!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">",
            e.id.0, r.src.0, r.dst.0
        );
        data(&mut out, "e", "relation", &r.relation);
        if let Some(l) = &r.label {
            data(&mut out, "e", "label", l);
        }
        data(&mut out, "e", "doc", &e.doc_name);
        data(&mut out, "e", "evidence", &e.evidence);
        data(&mut out, "e", "confidence", &format!("{}", r.confidence));
        data(&mut out, "e", "rule", &r.rule);
        data(&mut out, "e", "weight", &r.weight.to_string());
        if let Some(s) = e.statement_id {
            data(&mut out, "e", "statement", &s.0.to_string());
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::nasty_selection;

    #[test]
    fn escapes_text_and_declares_keys() {
        assert_eq!(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_escape("bell\u{7}\nok"), "bell\nok");
        let s = to_string(&nasty_selection().data);
        assert!(
            s.contains("<key id=\"n_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>")
        );
        assert!(s.contains("Line\nBreak &lt;Corp&gt; &amp; Sons"));
        assert!(!s.contains("<Corp>"));
        assert!(!s.contains("<script>"));
        assert_eq!(s.matches("<node ").count(), 3);
        assert_eq!(s.matches("<edge ").count(), 2);
        // every data key used is declared
        for k in s.match_indices("<data key=\"").map(|(i, _)| {
            let rest = &s[i + 11..];
            &rest[..rest.find('"').unwrap()]
        }) {
            assert!(s.contains(&format!("<key id=\"{k}\"")), "{k} undeclared");
        }
    }
}

//! DOT for Graphviz, built as graphviz-rust's DOT model (`dot_structures`) and printed with its
//! printer: node shape and colour by entity type, edge style by relation, repeated relations
//! bundled into one weighted edge (pen width by weight), statements and evidence as tooltips,
//! and a legend cluster. Every piece of user text goes through [`dot_quote`].

use super::escape::{clip, dot_quote};
use super::style::{
    bundle_label, edge_tooltip, node_tooltip, penwidth, relation_style, relation_words, type_style,
};
use super::{GraphData, Selection};
use crate::graph::{self, MENTIONED_WITH};
use crate::model::*;
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeSet, HashMap};

fn esc(s: &str) -> Id {
    Id::Escaped(dot_quote(s))
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), esc(v))
}

fn node_id(id: EntityId) -> NodeId {
    NodeId(Id::Plain(format!("n{}", id.0)), None)
}

/// Graphviz layout engines `--layout` accepts. `fdp` (the default) is force-directed and keeps
/// the legend cluster together: news graphs are webs rather than hierarchies.
pub const LAYOUTS: &[&str] = &["fdp", "dot", "sfdp", "neato", "circo", "twopi"];
pub const DEFAULT_LAYOUT: &str = "fdp";

/// Checks a `--layout` name.
pub fn check_layout(layout: &str) -> crate::error::Result<()> {
    if LAYOUTS.contains(&layout) {
        Ok(())
    } else {
        Err(crate::error::KgError::Invalid(format!(
            "unknown layout {layout:?} ({})",
            LAYOUTS.join(", ")
        )))
    }
}

/// The DOT model of a selection, laid out by the Graphviz engine `layout`.
pub fn to_graph(sel: &Selection, title: &str, layout: &str) -> Graph {
    let g: &GraphData = &sel.data;
    let names = g.names();
    let said = g.statements_by_speaker();
    let statements: HashMap<StatementId, &StatementRecord> =
        g.statements.iter().map(|s| (s.id, s)).collect();
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut label = title.to_string();
    if let Some(n) = &sel.note {
        label.push('\n');
        label.push_str(n);
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", &label),
        attr("labelloc", "t"),
        attr("fontname", "Helvetica"),
        attr("fontsize", "16"),
        attr("outputorder", "edgesfirst"),
        attr("tooltip", title),
    ])));
    let mut layout_attrs = vec![attr("layout", layout)];
    if layout == "dot" {
        layout_attrs.extend([
            attr("rankdir", "LR"),
            attr("nodesep", "0.25"),
            attr("ranksep", "0.9"),
        ]);
    } else {
        layout_attrs.extend([
            attr("K", "1.2"),
            attr("sep", "+8"),
            attr("overlap", "false"),
            attr("splines", "true"),
        ]);
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(layout_attrs)));
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "12"),
        attr("style", "filled"),
        attr("color", "#495057"),
    ])));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
        attr("fontname", "Helvetica"),
        attr("fontsize", "10"),
        attr("arrowsize", "0.7"),
    ])));
    let mut types_present = BTreeSet::new();
    for e in &g.entities {
        types_present.insert(e.etype);
        let (shape, fill) = type_style(e.etype);
        let mut attrs = vec![
            attr("label", &clip(&e.name, 40)),
            attr("shape", shape),
            attr("fillcolor", fill),
            attr(
                "tooltip",
                &node_tooltip(e, said.get(&e.id).map(Vec::as_slice).unwrap_or(&[])),
            ),
        ];
        if Some(e.id) == sel.focus {
            attrs.push(attr("penwidth", "3"));
            attrs.push(attr("fontsize", "15"));
        }
        stmts.push(Stmt::Node(Node::new(node_id(e.id), attrs)));
    }
    let bundles = graph::bundle(&g.edges);
    let mut rels_present = BTreeSet::new();
    for b in &bundles {
        rels_present.insert(b.relation.clone());
        let (style, color) = relation_style(&b.relation);
        let mut attrs = vec![
            attr("label", &bundle_label(b)),
            attr("style", style),
            attr("color", color),
            attr("fontcolor", color),
            attr("penwidth", &format!("{:.1}", penwidth(b.weight))),
            attr("weight", &b.weight.min(100).to_string()),
            attr("tooltip", &edge_tooltip(b, &names, &statements)),
            attr("labeltooltip", &edge_tooltip(b, &names, &statements)),
        ];
        if !b.directed {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(Vertex::N(node_id(b.source)), Vertex::N(node_id(b.target))),
            attributes: attrs,
        }));
    }
    if !types_present.is_empty() || !rels_present.is_empty() {
        stmts.push(Stmt::Subgraph(legend(&types_present, &rels_present)));
    }
    Graph::DiGraph {
        id: Id::Plain("kg".into()),
        strict: false,
        stmts,
    }
}

/// The legend: a cluster holding one node whose HTML-like label is a table with a swatch per
/// entity type present and a line sample per relation present (a table keeps it compact under
/// every layout engine). Only kg's own fixed words go into it, never user text.
fn legend(types: &BTreeSet<EntityType>, rels: &BTreeSet<String>) -> Subgraph {
    let mut rows = String::new();
    for t in types {
        let (shape, fill) = type_style(*t);
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{fill}\" border=\"1\">{}</td><td align=\"left\">{shape}</td></tr>",
            t.as_str()
        ));
    }
    for r in rels {
        let (style, color) = relation_style(r);
        let line = match style {
            "dashed" => "╌╌╌╌",
            "dotted" => "┈┈┈┈",
            "bold" => "━━━━",
            _ => "────",
        };
        let arrow = if r == MENTIONED_WITH { "" } else { "▸" };
        rows.push_str(&format!(
            "<tr><td><font color=\"{color}\">{line}{arrow}</font></td><td align=\"left\"><font color=\"{color}\">{}</font></td></tr>",
            super::escape::html(&relation_words(r))
        ));
    }
    let table = format!(
        "<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"3\">{rows}</table>>"
    );
    Subgraph {
        id: Id::Plain("cluster_legend".into()),
        stmts: vec![
            Stmt::Attribute(attr("label", "Legend")),
            Stmt::Attribute(attr("style", "rounded")),
            Stmt::Attribute(attr("color", "#adb5bd")),
            Stmt::Attribute(attr("fontsize", "12")),
            Stmt::Node(Node::new(
                NodeId(Id::Plain("legend".into()), None),
                vec![
                    Attribute(Id::Plain("label".into()), Id::Html(table)),
                    attr("shape", "plain"),
                    attr("style", ""),
                    attr("fontsize", "10"),
                ],
            )),
        ],
    }
}

/// DOT text of a selection, ending in a newline.
pub fn to_string(sel: &Selection, title: &str, layout: &str) -> String {
    let mut ctx = PrinterContext::default();
    ctx.with_semi();
    let mut s = to_graph(sel, title, layout).print(&mut ctx);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::nasty_selection;

    #[test]
    fn quote_escapes_everything_that_could_break_the_file() {
        assert_eq!(dot_quote("plain"), "\"plain\"");
        assert_eq!(dot_quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(dot_quote("back\\slash"), "\"back\\\\slash\"");
        assert_eq!(dot_quote("ends with \\"), "\"ends with \\\\\"");
        assert_eq!(dot_quote("two\nlines\r\nthree"), "\"two\\nlines\\nthree\"");
        assert_eq!(dot_quote("tab\there\u{0}"), "\"tab here \"");
        assert_eq!(dot_quote("<b>&amp;</b>"), "\"<b>&amp;</b>\"");
        // a near miss: ordinary punctuation and non-ASCII pass unchanged
        assert_eq!(
            dot_quote("Kim Jong-un’s (DPRK) #1"),
            "\"Kim Jong-un’s (DPRK) #1\""
        );
    }

    #[test]
    fn nasty_names_give_a_parseable_file() {
        let sel = nasty_selection();
        let s = to_string(&sel, "kg \"test\"", DEFAULT_LAYOUT);
        let parsed = graphviz_rust::parse(&s).expect("DOT parses");
        let round = parsed.print(&mut PrinterContext::default());
        // three entity nodes survive with their ids
        for id in ["n1", "n2", "n3"] {
            assert!(round.contains(id), "{id} missing");
        }
        assert!(s.contains("Dr. \\\"Quote\\\" O'Brien\\\\"));
        assert!(s.contains("Line\\nBreak <Corp> & Sons \\\\N \\\\l"));
        assert!(s.contains("label=\"}; digraph evil { x\""));
        // exactly the three entity nodes at top level, the legend in its cluster
        let Graph::DiGraph { stmts, .. } = &parsed else {
            panic!("not a digraph")
        };
        let nodes = stmts.iter().filter(|s| matches!(s, Stmt::Node(_))).count();
        assert_eq!(nodes, 3);
        assert_eq!(
            stmts
                .iter()
                .filter(|s| matches!(s, Stmt::Subgraph(_)))
                .count(),
            1
        );
        assert!(s.contains("subgraph cluster_legend"));
        assert!(
            s.contains("penwidth=\"2.7\""),
            "weight 4 bundle is thicker: {s}"
        );
        // Graphviz itself accepts it (when installed)
        if let Some(out) = crate::export::render::run_dot_if_present(&s, "svg") {
            let svg = String::from_utf8_lossy(&out);
            assert!(svg.contains("&lt;Corp&gt; &amp; Sons"), "{svg}");
        }
    }

    #[test]
    fn an_empty_selection_is_still_a_valid_file() {
        let s = to_string(&Selection::default(), "empty", "dot");
        graphviz_rust::parse(&s).expect("DOT parses");
        assert!(!s.contains("cluster_legend"), "no empty legend table");
        if let Some(out) = crate::export::render::run_dot_if_present(&s, "svg") {
            assert!(String::from_utf8_lossy(&out).contains("<svg"));
        }
    }

    #[test]
    fn styles_differ_by_type_and_relation() {
        assert_ne!(
            type_style(EntityType::Person),
            type_style(EntityType::Country)
        );
        assert_ne!(relation_style("SAID_ABOUT"), relation_style(MENTIONED_WITH));
        assert_eq!(relation_style("MET_WITH"), relation_style("CALLED"));
        assert!(penwidth(1) < penwidth(10) && penwidth(1_000_000) <= 6.0);
    }
}

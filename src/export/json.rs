//! The notebook format: networkx node-link JSON (`networkx.node_link_graph(data, edges="links")`),
//! described in docs/FORMAT.md and schema/export.schema.json.

use super::GraphData;
use crate::model::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Format version of the JSON export (bumped on incompatible changes).
pub const FORMAT_VERSION: u32 = 1;

fn span(s: Span) -> Value {
    json!([s.start, s.end])
}

/// Builds the node-link document.
pub fn to_value(g: &GraphData) -> Value {
    let doc_names: HashMap<DocId, &str> = g
        .documents
        .iter()
        .map(|d| (d.id, d.name.as_str()))
        .collect();
    let mut mentions_of: BTreeMap<EntityId, Vec<Value>> = BTreeMap::new();
    if let Some(ms) = &g.mentions {
        for m in ms {
            mentions_of.entry(m.entity).or_default().push(json!({
                "doc": m.doc_name, "start": m.span.start, "end": m.span.end, "text": m.text,
            }));
        }
    }
    let nodes: Vec<Value> = g
        .entities
        .iter()
        .map(|e| {
            let mut n = json!({
                "id": e.id.0,
                "name": e.name,
                "type": e.etype.as_str(),
                "aliases": e.aliases.iter().map(|a| a.surface.clone()).collect::<Vec<_>>(),
                "mention_count": e.mention_count,
                "documents": g.docs_of(e.id).iter().filter_map(|d| doc_names.get(d).copied()).collect::<Vec<_>>(),
            });
            if g.mentions.is_some() {
                n["mentions"] = Value::Array(mentions_of.remove(&e.id).unwrap_or_default());
            }
            n
        })
        .collect();
    let links: Vec<Value> = g
        .edges
        .iter()
        .map(|e| {
            let r = &e.relation;
            let mut l = json!({
                "source": r.src.0,
                "target": r.dst.0,
                "key": e.id.0,
                "relation": r.relation,
                "label": r.label,
                "doc": e.doc_name,
                "span": span(r.span),
                "evidence": e.evidence,
                "confidence": r.confidence,
                "rule": r.rule,
                "weight": r.weight,
            });
            if let Some(s) = e.statement_id {
                l["statement"] = json!(s.0);
            }
            l
        })
        .collect();
    let documents: Vec<Value> = g
        .documents
        .iter()
        .map(|d| json!({"id": d.name, "path": d.path, "title": d.title, "hash": d.hash, "bytes": d.bytes, "format": d.format}))
        .collect();
    let statements: Vec<Value> = g
        .statements
        .iter()
        .map(|s| {
            let st = &s.statement;
            json!({
                "id": s.id.0,
                "doc": s.doc_name,
                "speaker": st.speaker.map(|x| x.0),
                "speaker_text": st.speaker_text,
                "speaker_span": st.speaker_span.map(span),
                "cue": st.cue,
                "cue_span": st.cue_span.map(span),
                "content": st.content,
                "content_span": span(st.content_span),
                "kind": st.kind.as_str(),
                "about": st.about.iter().map(|a| a.0).collect::<Vec<_>>(),
                "confidence": st.confidence,
                "rule": st.rule,
            })
        })
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "generator": format!("kg {}", env!("CARGO_PKG_VERSION")),
            "format_version": FORMAT_VERSION,
            "schema_version": g.schema_version,
            "documents": g.documents.len(),
            "entities": g.entities.len(),
            "relations": g.edges.len(),
            "statements": g.statements.len(),
            "statement_mode": g.statement_mode.as_str(),
        },
        "nodes": nodes,
        "links": links,
        "documents": documents,
        "statements": statements,
    })
}

/// Pretty-printed JSON text, ending in a newline.
pub fn to_string(g: &GraphData) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(g)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

//! Graph walks: `kg neighbors`, `kg path`, `kg top`, `kg subgraph`.

use super::table::{csv, render};
use super::{Output, open_for_read, pretty, write_out};
use crate::error::{KgError, Result};
use crate::export::escape::clip;
use crate::export::style::relation_words;
use crate::graph::GraphData;
use crate::graph::{self, Evidence, WalkFilter};
use crate::model::*;
use crate::query;
use serde::Serialize;
use serde_json::json;
use std::path::Path;

fn walk_filter(relations: &[String], types: &[String]) -> Result<WalkFilter> {
    Ok(WalkFilter {
        relations: graph::parse_relations(relations)?,
        types: graph::parse_types(types)?,
        top: None,
    })
}

/// Neighbours shown when no --limit is given.
pub const DEFAULT_NEIGHBORS: usize = 50;

fn brief(e: &Entity) -> serde_json::Value {
    json!({"id": e.id.0, "name": e.name, "type": e.etype.as_str()})
}

fn evidence_text(e: &Evidence) -> String {
    format!("{}: {}", e.doc, clip(&e.sentence, 200))
}

/// `kg neighbors NAME`
pub fn neighbors(
    db: &Path,
    name: &str,
    depth: usize,
    relations: &[String],
    types: &[String],
    limit: Option<usize>,
    out: Output,
) -> Result<()> {
    let mut filter = walk_filter(relations, types)?;
    let limit = limit.unwrap_or(DEFAULT_NEIGHBORS);
    // each entity's strongest neighbours are enough to show the strongest few
    filter.top = Some(limit.max(8) * 2);
    let store = open_for_read(db)?;
    let center = query::resolve(&store, name)?;
    let nb = graph::neighborhood(&store, center.id, depth.max(1), &filter, false)?;
    let mut rows = graph::summarize_neighbors(&nb);
    let total = rows.len();
    rows.truncate(limit);
    for r in &mut rows {
        if let Some(ev) = r.evidence.as_mut() {
            graph::complete_evidence(&store, ev)?;
        }
    }
    match out {
        Output::Json => write_out(
            None,
            &pretty(&json!({
                "entity": brief(&center),
                "depth": depth.max(1),
                "total": total,
                "neighbors": rows,
            })),
        ),
        Output::Jsonl => write_out(None, &super::jsonl(&rows)),
        _ => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.depth.to_string(),
                        r.name.clone(),
                        r.etype.to_string(),
                        r.relations
                            .iter()
                            .map(|(k, n)| format!("{} ×{n}", relation_words(k)))
                            .collect::<Vec<_>>()
                            .join(", "),
                        r.weight.to_string(),
                        r.evidence.as_ref().map(evidence_text).unwrap_or_default(),
                    ]
                })
                .collect();
            let header = [
                "depth",
                "neighbour",
                "type",
                "connected by",
                "weight",
                "strongest evidence",
            ];
            if out == Output::Csv {
                return write_out(None, &csv(&header, &cells));
            }
            let mut s = format!(
                "{} ({}, id:{}): {} neighbours within {} hop{}{}\n\n",
                center.name,
                center.etype,
                center.id,
                total,
                depth.max(1),
                if depth.max(1) == 1 { "" } else { "s" },
                if rows.len() < total {
                    format!(" (showing {})", rows.len())
                } else {
                    String::new()
                }
            );
            if rows.is_empty() {
                s.push_str("no connections (try a larger --depth or fewer filters)\n");
            } else {
                s.push_str(&render(&header, &cells, 90));
            }
            write_out(None, &s)
        }
    }
}

/// `kg path A B`
pub fn path(
    db: &Path,
    a: &str,
    b: &str,
    max_depth: usize,
    relations: &[String],
    limit: usize,
    out: Output,
) -> Result<()> {
    let filter = walk_filter(relations, &[])?;
    let store = open_for_read(db)?;
    let ea = query::resolve(&store, a)?;
    let eb = query::resolve(&store, b)?;
    if ea.id == eb.id {
        return Err(KgError::Invalid(format!(
            "{a:?} and {b:?} are the same entity ({}, id:{})",
            ea.name, ea.id
        )));
    }
    let paths = graph::shortest_paths(&store, ea.id, eb.id, max_depth, &filter, limit.max(1))?;
    if out == Output::Json {
        return write_out(
            None,
            &pretty(&json!({
                "from": brief(&ea),
                "to": brief(&eb),
                "max_depth": max_depth,
                "paths": paths,
            })),
        );
    }
    let mut s = String::new();
    if paths.is_empty() {
        s.push_str(&format!(
            "no connection between {} and {} within {} hops\n",
            ea.name, eb.name, max_depth
        ));
        return write_out(None, &s);
    }
    s.push_str(&format!(
        "{} shortest connection{} between {} and {} ({} hop{}):\n",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        ea.name,
        eb.name,
        paths[0].length,
        if paths[0].length == 1 { "" } else { "s" }
    ));
    for (i, p) in paths.iter().enumerate() {
        s.push_str(&format!("\npath {}\n", i + 1));
        for h in &p.hops {
            let rel = relation_words(&h.evidence.relation);
            let arrow = if h.evidence.relation == graph::MENTIONED_WITH {
                format!("—[{rel}]—")
            } else if h.evidence.source == h.from {
                format!("—[{rel}]→")
            } else {
                format!("←[{rel}]—")
            };
            let others = if h.edges > 1 {
                format!(
                    "  ({} edges: {})",
                    h.edges,
                    h.relations
                        .iter()
                        .map(|r| relation_words(r))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                String::new()
            };
            s.push_str(&format!(
                "  {} {arrow} {}{others}\n      e:{} {}\n",
                h.from_name,
                h.to_name,
                h.evidence.edge,
                evidence_text(&h.evidence)
            ));
        }
    }
    write_out(None, &s)
}

/// How `kg top` ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopBy {
    Degree,
    Pagerank,
    Mentions,
}

impl TopBy {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "degree" => Some(Self::Degree),
            "pagerank" | "rank" => Some(Self::Pagerank),
            "mentions" => Some(Self::Mentions),
            _ => None,
        }
    }
}

/// One row of `kg top`.
#[derive(Clone, Debug, Serialize)]
pub struct TopRow {
    pub rank: usize,
    pub id: EntityId,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Distinct entities it is linked to.
    pub degree: usize,
    /// Sum of the weights of its edges.
    pub weight: u64,
    pub pagerank: f64,
    pub mentions: u64,
}

/// Central entities over the whole graph.
pub fn top_rows(g: &GraphData, by: TopBy, etype: Option<EntityType>, limit: usize) -> Vec<TopRow> {
    let kg = graph::KGraph::from_parts(&g.entities, &g.edges);
    let deg = graph::degrees(&kg);
    let pr = graph::pagerank(&kg);
    let mut rows: Vec<TopRow> = g
        .entities
        .iter()
        .filter(|e| etype.is_none_or(|t| e.etype == t))
        .map(|e| {
            let d = deg.get(&e.id).copied().unwrap_or_default();
            TopRow {
                rank: 0,
                id: e.id,
                name: e.name.clone(),
                etype: e.etype,
                degree: d.neighbors,
                weight: d.weight,
                pagerank: pr.get(&e.id).copied().unwrap_or(0.0),
                mentions: e.mention_count,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let primary = match by {
            TopBy::Degree => b.degree.cmp(&a.degree).then(b.weight.cmp(&a.weight)),
            TopBy::Pagerank => b.pagerank.total_cmp(&a.pagerank),
            TopBy::Mentions => b.mentions.cmp(&a.mentions),
        };
        primary
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    rows.truncate(limit);
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    rows
}

/// `kg top`
pub fn top(
    db: &Path,
    by: TopBy,
    etype: Option<EntityType>,
    limit: usize,
    out: Output,
) -> Result<()> {
    let store = open_for_read(db)?;
    let all = crate::query::select::graph_data(&store, false)?;
    let g = GraphData {
        entities: all.entities,
        edges: all.edges,
        ..Default::default()
    };
    let rows = top_rows(&g, by, etype, limit);
    match out {
        Output::Json => write_out(None, &pretty(&rows)),
        Output::Jsonl => write_out(None, &super::jsonl(&rows)),
        _ => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.rank.to_string(),
                        format!("id:{}", r.id),
                        r.name.clone(),
                        r.etype.to_string(),
                        r.degree.to_string(),
                        r.weight.to_string(),
                        format!("{:.4}", r.pagerank),
                        r.mentions.to_string(),
                    ]
                })
                .collect();
            let header = [
                "rank", "id", "name", "type", "degree", "weight", "pagerank", "mentions",
            ];
            if out == Output::Csv {
                write_out(None, &csv(&header, &cells))
            } else {
                write_out(None, &render(&header, &cells, 60))
            }
        }
    }
}

/// `kg subgraph NAME`: what an export with `--focus NAME` and the same filters would write.
pub fn subgraph(db: &Path, spec: &super::exports::FilterSpec, out: Output) -> Result<()> {
    let store = open_for_read(db)?;
    let filter = spec.to_filter(false)?;
    let sel = crate::query::select::select(&store, &filter, false)?;
    let g = &sel.data;
    let names = g.names();
    let name = |id: &EntityId| names.get(id).copied().unwrap_or("?").to_string();
    let bundles = graph::bundle(&g.edges);
    if out == Output::Json {
        let edges: Vec<serde_json::Value> = bundles
            .iter()
            .map(|b| {
                json!({
                    "source": b.source.0, "source_name": name(&b.source),
                    "target": b.target.0, "target_name": name(&b.target),
                    "relation": b.relation, "labels": b.labels, "count": b.count,
                    "weight": b.weight, "edges": b.edges, "directed": b.directed,
                })
            })
            .collect();
        return write_out(
            None,
            &pretty(&json!({
                "focus": sel.focus.map(|f| f.0),
                "depth": filter.depth,
                "nodes": g.entities.iter().map(brief).collect::<Vec<_>>(),
                "edges": edges,
                "statements": g.statements.len(),
                "documents": g.documents.len(),
                "note": sel.note,
            })),
        );
    }
    let mut s = format!(
        "{} entities, {} connections ({} edges), {} statements from {} documents\n",
        g.entities.len(),
        bundles.len(),
        g.edges.len(),
        g.statements.len(),
        g.documents.len()
    );
    if let Some(n) = &sel.note {
        s.push_str(&format!("{n}\n"));
    }
    s.push_str("\nentities\n");
    let rows: Vec<Vec<String>> = g
        .entities
        .iter()
        .map(|e| {
            vec![
                format!("id:{}", e.id),
                e.name.clone(),
                e.etype.to_string(),
                e.mention_count.to_string(),
            ]
        })
        .collect();
    s.push_str(&render(&["id", "name", "type", "mentions"], &rows, 60));
    if !bundles.is_empty() {
        s.push_str("\nconnections\n");
        let rows: Vec<Vec<String>> = bundles
            .iter()
            .map(|b| {
                vec![
                    name(&b.source),
                    relation_words(&b.relation),
                    name(&b.target),
                    b.count.to_string(),
                    b.weight.to_string(),
                ]
            })
            .collect();
        s.push_str(&render(
            &["source", "relation", "target", "edges", "weight"],
            &rows,
            50,
        ));
    }
    write_out(None, &s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{edge, ent};

    #[test]
    fn top_ranks_by_each_measure() {
        use EntityType::*;
        let mut ents = vec![
            ent(1, "Hub", Person),
            ent(2, "B", Country),
            ent(3, "C", Country),
            ent(4, "Famous", Person),
        ];
        ents[3].mention_count = 99;
        let edges = vec![
            edge(1, 2, 1, "SAID_ABOUT", 1, 0.9),
            edge(2, 3, 1, "SAID_ABOUT", 1, 0.9),
            edge(3, 1, 2, "MET_WITH", 1, 0.9),
        ];
        let g = GraphData {
            entities: ents,
            edges,
            ..Default::default()
        };
        let r = top_rows(&g, TopBy::Degree, None, 10);
        assert_eq!(r[0].name, "Hub");
        assert_eq!(r[0].degree, 2);
        assert_eq!(r[0].rank, 1);
        let r = top_rows(&g, TopBy::Pagerank, None, 10);
        assert_eq!(r[0].name, "Hub");
        let r = top_rows(&g, TopBy::Mentions, None, 2);
        assert_eq!(r[0].name, "Famous");
        assert_eq!(r.len(), 2);
        let r = top_rows(&g, TopBy::Degree, Some(Country), 10);
        assert!(r.iter().all(|x| x.etype == Country));
        assert_eq!(TopBy::parse("PageRank"), Some(TopBy::Pagerank));
        assert_eq!(TopBy::parse("size"), None);
    }
}

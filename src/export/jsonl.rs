//! Flat tables for pandas: entities, statements, relations, mentions and documents, one record a
//! line (`pandas.read_json(path, lines=True)`). [`tables`] is shared with the CSV export.

use super::GraphData;
use crate::error::{KgError, Result};
use crate::model::*;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::path::Path;

/// One table: column names and rows of JSON values in the same order.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(name: &'static str, columns: &[&'static str]) -> Self {
        Table {
            name,
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }
    /// Rows as JSON objects.
    pub fn records(&self) -> impl Iterator<Item = Value> + '_ {
        self.rows.iter().map(|r| {
            let m: Map<String, Value> = self
                .columns
                .iter()
                .zip(r)
                .map(|(c, v)| (c.to_string(), v.clone()))
                .collect();
            Value::Object(m)
        })
    }
}

/// The five tables of an export. Mentions are empty unless `g.mentions` is loaded.
pub fn tables(g: &GraphData) -> Vec<Table> {
    let names: HashMap<EntityId, &str> = g.names();
    let name = |id: &EntityId| json!(names.get(id).copied());
    let doc_names: HashMap<DocId, &str> = g
        .documents
        .iter()
        .map(|d| (d.id, d.name.as_str()))
        .collect();

    let mut entities = Table::new(
        "entities",
        &[
            "id",
            "name",
            "type",
            "mention_count",
            "documents",
            "aliases",
            "titles",
            "gazetteer_id",
        ],
    );
    for e in &g.entities {
        entities.rows.push(vec![
            json!(e.id.0),
            json!(e.name),
            json!(e.etype.as_str()),
            json!(e.mention_count),
            json!(
                g.docs_of(e.id)
                    .iter()
                    .filter_map(|d| doc_names.get(d).copied())
                    .collect::<Vec<_>>()
            ),
            json!(e.aliases.iter().map(|a| &a.surface).collect::<Vec<_>>()),
            json!(e.titles),
            json!(e.gazetteer_id),
        ]);
    }

    let mut statements = Table::new(
        "statements",
        &[
            "id",
            "doc",
            "speaker",
            "speaker_name",
            "speaker_text",
            "cue",
            "kind",
            "content",
            "about",
            "about_names",
            "start",
            "end",
            "confidence",
            "rule",
        ],
    );
    for s in &g.statements {
        let st = &s.statement;
        statements.rows.push(vec![
            json!(s.id.0),
            json!(s.doc_name),
            json!(st.speaker.map(|x| x.0)),
            st.speaker.as_ref().map(name).unwrap_or(Value::Null),
            json!(st.speaker_text),
            json!(st.cue),
            json!(st.kind.as_str()),
            json!(st.content),
            json!(st.about.iter().map(|a| a.0).collect::<Vec<_>>()),
            json!(
                st.about
                    .iter()
                    .filter_map(|a| names.get(a).copied())
                    .collect::<Vec<_>>()
            ),
            json!(st.content_span.start),
            json!(st.content_span.end),
            json!(st.confidence),
            json!(st.rule),
        ]);
    }

    let mut relations = Table::new(
        "relations",
        &[
            "id",
            "source",
            "source_name",
            "relation",
            "label",
            "target",
            "target_name",
            "doc",
            "start",
            "end",
            "evidence",
            "confidence",
            "rule",
            "weight",
            "statement",
        ],
    );
    for e in &g.edges {
        let r = &e.relation;
        relations.rows.push(vec![
            json!(e.id.0),
            json!(r.src.0),
            name(&r.src),
            json!(r.relation),
            json!(r.label),
            json!(r.dst.0),
            name(&r.dst),
            json!(e.doc_name),
            json!(r.span.start),
            json!(r.span.end),
            json!(e.evidence),
            json!(r.confidence),
            json!(r.rule),
            json!(r.weight),
            json!(e.statement_id.map(|s| s.0)),
        ]);
    }

    let mut mentions = Table::new(
        "mentions",
        &[
            "entity",
            "entity_name",
            "doc",
            "start",
            "end",
            "text",
            "rule",
        ],
    );
    for m in g.mentions.iter().flatten() {
        mentions.rows.push(vec![
            json!(m.entity.0),
            name(&m.entity),
            json!(m.doc_name),
            json!(m.span.start),
            json!(m.span.end),
            json!(m.text),
            json!(m.rule),
        ]);
    }

    let mut documents = Table::new(
        "documents",
        &["id", "name", "path", "title", "hash", "bytes", "format"],
    );
    for d in &g.documents {
        documents.rows.push(vec![
            json!(d.id.0),
            json!(d.name),
            json!(d.path),
            json!(d.title),
            json!(d.hash),
            json!(d.bytes),
            json!(d.format),
        ]);
    }
    vec![entities, statements, relations, mentions, documents]
}

/// One JSON record a line.
pub fn to_string(t: &Table) -> String {
    t.records()
        .map(|r| serde_json::to_string(&r).unwrap_or_default() + "\n")
        .collect()
}

/// Writes `<table>.<ext>` files into `dir` (created if needed); returns the paths written.
pub fn write_dir(
    dir: &Path,
    tables: &[Table],
    ext: &str,
    render: impl Fn(&Table) -> String,
) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| KgError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut out = Vec::new();
    for t in tables {
        let p = dir.join(format!("{}.{ext}", t.name));
        std::fs::write(&p, render(t)).map_err(|e| KgError::Io {
            path: p.clone(),
            source: e,
        })?;
        out.push(p);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::nasty_selection;

    #[test]
    fn tables_have_one_record_a_line_with_names() {
        let g = nasty_selection().data;
        let ts = tables(&g);
        let names: Vec<&str> = ts.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "entities",
                "statements",
                "relations",
                "mentions",
                "documents"
            ]
        );
        let ents = to_string(&ts[0]);
        assert_eq!(ents.lines().count(), 3);
        for line in ents.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert!(v["name"].is_string());
        }
        // newlines inside names stay escaped inside one line
        assert!(ents.contains("Line\\nBreak"));
        let st: Value = serde_json::from_str(to_string(&ts[1]).lines().next().unwrap()).unwrap();
        assert_eq!(st["speaker_name"], "Dr. \"Quote\" O'Brien\\");
        assert_eq!(st["about_names"][0], "Line\nBreak <Corp> & Sons \\N \\l");
        let rel: Value = serde_json::from_str(to_string(&ts[2]).lines().next().unwrap()).unwrap();
        assert_eq!(rel["relation"], "SAID_ABOUT");
        assert_eq!(rel["target_name"], "Line\nBreak <Corp> & Sons \\N \\l");
        assert!(to_string(&ts[3]).is_empty(), "no mentions loaded");
    }
}

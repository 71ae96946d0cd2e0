//! `kg export json|dot|jsonl|csv|graphml|neo4j|rdf|html` and `kg render`, all with the same
//! filters.

use super::{open_for_read, write_out};
use crate::error::{KgError, Result};
use crate::export::rdf::RdfFormat;
use crate::export::render::{ImageFormat, Renderer};
use crate::export::{self, DEFAULT_DEPTH, DEFAULT_MAX_NODES, Selection};
use crate::graph;
use crate::query::select::{Filter, select};
use crate::store::Store;
use std::path::Path;

/// The filters as typed on the command line (parsed and checked by [`FilterSpec::to_filter`]).
#[derive(Clone, Debug, Default)]
pub struct FilterSpec {
    pub focus: Option<String>,
    pub depth: Option<usize>,
    /// Relation types, each item may hold a comma-separated list.
    pub relations: Vec<String>,
    pub types: Vec<String>,
    pub min_weight: Option<u64>,
    /// 0 means no cap.
    pub max_nodes: Option<usize>,
}

/// Statements by and about each entity of a focused diagram (its tooltips and tables show
/// the newest).
pub const DIAGRAM_STATEMENTS: usize = 50;

impl FilterSpec {
    /// The export filter; diagrams get a default node cap.
    pub fn to_filter(&self, diagram: bool) -> Result<Filter> {
        let max_nodes = match self.max_nodes {
            Some(0) => None,
            Some(n) => Some(n),
            None if diagram => Some(DEFAULT_MAX_NODES),
            None => None,
        };
        Ok(Filter {
            focus: self.focus.clone(),
            depth: self.depth.unwrap_or(DEFAULT_DEPTH),
            relations: graph::parse_relations(&self.relations)?,
            types: graph::parse_types(&self.types)?,
            min_weight: self.min_weight.unwrap_or(1),
            max_nodes,
            statements_per_entity: if diagram {
                Some(DIAGRAM_STATEMENTS)
            } else {
                None
            },
        })
    }
}

fn selection(
    db: &Path,
    spec: &FilterSpec,
    diagram: bool,
    mentions: bool,
) -> Result<(Store, Selection, String)> {
    let store = open_for_read(db)?;
    let filter = spec.to_filter(diagram)?;
    let sel = select(&store, &filter, mentions)?;
    if let Some(n) = &sel.note {
        eprintln!("kg: {n}");
    }
    let title = match sel
        .focus
        .and_then(|f| sel.data.entities.iter().find(|e| e.id == f))
    {
        Some(f) => format!(
            "kg: around {} ({} hop{})",
            f.name,
            filter.depth,
            if filter.depth == 1 { "" } else { "s" }
        ),
        None => format!(
            "kg: {} entities from {} documents",
            sel.data.entities.len(),
            sel.data.documents.len()
        ),
    };
    Ok((store, sel, title))
}

/// `kg export json`
pub fn json(db: &Path, spec: &FilterSpec, mentions: bool, out: Option<&Path>) -> Result<()> {
    let (_s, sel, _) = selection(db, spec, false, mentions)?;
    write_out(out, &export::json::to_string(&sel.data))
}

/// `kg export dot`
pub fn dot(db: &Path, spec: &FilterSpec, layout: &str, out: Option<&Path>) -> Result<()> {
    export::dot::check_layout(layout)?;
    let (_s, sel, title) = selection(db, spec, true, false)?;
    write_out(out, &export::dot::to_string(&sel, &title, layout))
}

/// `kg export graphml`
pub fn graphml(db: &Path, spec: &FilterSpec, out: Option<&Path>) -> Result<()> {
    let (_s, sel, _) = selection(db, spec, false, false)?;
    write_out(out, &export::graphml::to_string(&sel.data))
}

fn report(paths: &[std::path::PathBuf]) {
    for p in paths {
        println!("wrote {}", p.display());
    }
}

/// `kg export jsonl --dir DIR`
pub fn jsonl(db: &Path, spec: &FilterSpec, dir: &Path) -> Result<()> {
    let (_s, sel, _) = selection(db, spec, false, true)?;
    let tables = export::jsonl::tables(&sel.data);
    let written = export::jsonl::write_dir(dir, &tables, "jsonl", export::jsonl::to_string)?;
    report(&written);
    Ok(())
}

/// `kg export csv --dir DIR`
pub fn csv(db: &Path, spec: &FilterSpec, dir: &Path) -> Result<()> {
    let (_s, sel, _) = selection(db, spec, false, true)?;
    let tables = export::jsonl::tables(&sel.data);
    let written = export::jsonl::write_dir(dir, &tables, "csv", export::csv::to_string)?;
    report(&written);
    Ok(())
}

/// `kg export neo4j --dir DIR`: node and relationship CSV files for `neo4j-admin database
/// import full`, README.txt with the command, schema.cypher and queries.cypher.
pub fn neo4j(db: &Path, spec: &FilterSpec, dir: &Path) -> Result<()> {
    let (_s, sel, _) = selection(db, spec, false, true)?;
    let written = export::neo4j::write_dir(dir, &sel.data)?;
    report(&written);
    Ok(())
}

/// `kg export rdf [--format ntriples|turtle] [-o FILE]`
pub fn rdf(db: &Path, spec: &FilterSpec, format: RdfFormat, out: Option<&Path>) -> Result<()> {
    let (_s, sel, _) = selection(db, spec, false, false)?;
    write_out(out, &export::rdf::to_string(&sel.data, format))
}

fn engine(r: Renderer) -> &'static str {
    match r {
        Renderer::Graphviz => "graphviz",
        Renderer::Builtin => "the built-in layout (graphviz not found)",
    }
}

/// `kg export html -o FILE`
pub fn html(db: &Path, spec: &FilterSpec, layout: &str, out: &Path) -> Result<()> {
    export::dot::check_layout(layout)?;
    let (_s, sel, title) = selection(db, spec, true, false)?;
    let (svg, how) = export::render::render(&sel, &title, ImageFormat::Svg, layout)?;
    let page = export::html::page(&sel, &title, &String::from_utf8_lossy(&svg));
    write_out(Some(out), &page)?;
    println!(
        "wrote {} ({} entities, {} statements; diagram by {})",
        out.display(),
        sel.data.entities.len(),
        sel.data.statements.len(),
        engine(how)
    );
    Ok(())
}

/// `kg render --format svg|png|pdf -o FILE`
pub fn render(db: &Path, spec: &FilterSpec, format: &str, layout: &str, out: &Path) -> Result<()> {
    export::dot::check_layout(layout)?;
    let format = ImageFormat::parse(format)
        .ok_or_else(|| KgError::Invalid(format!("unknown format {format:?} (svg, png, pdf)")))?;
    // fail before reading the database when the format cannot be made here
    if format != ImageFormat::Svg && export::render::dot_on_path().is_none() {
        return Err(KgError::GraphvizMissing {
            format: format.as_str().into(),
        });
    }
    let (_s, sel, title) = selection(db, spec, true, false)?;
    let (bytes, how) = export::render::render(&sel, &title, format, layout)?;
    std::fs::write(out, bytes).map_err(|e| KgError::Io {
        path: out.to_path_buf(),
        source: e,
    })?;
    println!(
        "wrote {} ({} entities, {} edges; drawn by {})",
        out.display(),
        sel.data.entities.len(),
        sel.data.edges.len(),
        engine(how)
    );
    Ok(())
}

//! ingest, stats, entities, show, said, relations, why.

use super::table::{csv, render};
use super::{Output, open_for_read, write_out};
use crate::error::Result;
use crate::extract::Resources;
use crate::ingest::{IngestOptions, IngestReport};
use crate::model::*;
use crate::query::{self, SaidFilter, StatementRow};
use crate::store::Store;
use serde_json::json;
use std::path::{Path, PathBuf};

/// A file skipped because it is not an article kg reads (a README, a data file) or was listed
/// twice is no failure; every other skip (unreadable, invalid, too large, a name collision) is.
fn is_benign_skip(s: &crate::read::Skipped) -> bool {
    s.reason.starts_with("not an article")
        || s.reason.contains("read once")
        || s.reason.contains("already read")
}

/// A progress bar on the terminal (indicatif) for [`crate::ingest::Progress`].
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Self {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {pos}/{len} documents {elapsed} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Bar(b)
    }
}

impl crate::ingest::Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn inc(&self) {
        self.0.inc(1);
    }
    fn phase(&self, name: &str) {
        self.0.set_message(name.to_string());
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// `kg ingest`: returns the report; prints the skipped files and the one-line summary.
/// `progress` draws a progress bar (on terminals).
pub fn ingest(
    db: &Path,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    progress: bool,
    out: Output,
) -> Result<IngestReport> {
    let res = Resources::global()?;
    let store = Store::open(db)?;
    let mut opts = opts.clone();
    if progress {
        opts.progress = Some(std::sync::Arc::new(Bar::new()));
    }
    let report = crate::ingest::ingest(&store, inputs, &opts, res)?;

    if out == Output::Json {
        let v = json!({
            "documents": {"new": report.new, "unchanged": report.unchanged, "replaced": report.replaced,
                          "skipped": report.skipped.len(), "total": report.documents_total},
            "skipped": report.skipped.iter().map(|s| json!({"path": s.path, "reason": s.reason})).collect::<Vec<_>>(),
            "entities": report.totals.entities, "mentions": report.totals.mentions,
            "relations": report.totals.relations, "statements": report.totals.statements,
            "bytes": report.bytes, "words": report.words, "seconds": report.seconds,
        });
        write_out(None, &super::pretty(&v))?;
    } else {
        for s in &report.skipped {
            eprintln!("skipped {}: {}", s.path, s.reason);
        }
        let wps = if report.seconds > 0.0 {
            report.words as f64 / report.seconds
        } else {
            0.0
        };
        println!(
            "{} new, {} unchanged, {} replaced, {} skipped documents; {} entities, {} relations, {} statements in {}; {:.2} s ({:.0} words/s)",
            report.new,
            report.unchanged,
            report.replaced,
            report.skipped.len(),
            report.totals.entities,
            report.totals.relations,
            report.totals.statements,
            db.display(),
            report.seconds,
            wps
        );
    }
    if report.new + report.unchanged + report.replaced == 0 && !report.skipped.is_empty() {
        return Err(crate::error::KgError::Invalid(format!(
            "no document could be read ({} skipped)",
            report.skipped.len()
        )));
    }
    let failed = report.skipped.iter().filter(|s| !is_benign_skip(s)).count();
    if failed > 0 {
        return Err(crate::error::KgError::Invalid(format!(
            "{failed} file{} not stored (the reasons are listed above); the others are stored",
            if failed == 1 { " was" } else { "s were" }
        )));
    }
    Ok(report)
}

/// `kg stats`: from the counts every commit keeps, so it answers at once on any size.
pub fn stats(db: &Path, out: Output) -> Result<()> {
    let store = open_for_read(db)?;
    let st = store.totals()?;
    let by_type = &st.entities_by_type;
    let by_rel = &st.relations_by_type;
    if out == Output::Json {
        let v = json!({
            "database": db.display().to_string(),
            "schema_version": crate::store::SCHEMA_VERSION,
            "documents": st.documents, "bytes": st.text_bytes, "words": st.words,
            "entities": st.entities, "entities_by_type": by_type,
            "mentions": st.mentions, "statements": st.statements,
            "relations": st.relations, "relations_by_type": by_rel,
            "curations": store.curations()?.len(),
            "statement_mode": store.statement_mode()?.as_str(),
        });
        write_out(None, &super::pretty(&v))
    } else {
        let mut s = format!(
            "database    {}\ndocuments   {} ({} bytes)\nentities    {}\nmentions    {}\nstatements  {} ({} mode)\nrelations   {}\n",
            db.display(),
            st.documents,
            st.text_bytes,
            st.entities,
            st.mentions,
            st.statements,
            store.statement_mode()?.as_str(),
            st.relations
        );
        s.push_str("\nentities by type\n");
        for (t, n) in by_type {
            s.push_str(&format!("  {t:<14}{n}\n"));
        }
        s.push_str("\nrelations by type\n");
        for (t, n) in by_rel {
            s.push_str(&format!("  {t:<24}{n}\n"));
        }
        write_out(None, &s)
    }
}

/// `kg entities`
pub fn entities(
    db: &Path,
    etype: Option<EntityType>,
    limit: Option<usize>,
    out: Output,
) -> Result<()> {
    let store = open_for_read(db)?;
    let ents = query::entities(&store, etype, limit)?;
    match out {
        Output::Json => write_out(None, &super::pretty(&ents)),
        Output::Jsonl => {
            let s: String = ents
                .iter()
                .map(|e| serde_json::to_string(e).unwrap_or_default() + "\n")
                .collect();
            write_out(None, &s)
        }
        _ => {
            let rows: Vec<Vec<String>> = ents
                .iter()
                .map(|e| {
                    vec![
                        format!("id:{}", e.id),
                        e.name.clone(),
                        e.etype.to_string(),
                        e.mention_count.to_string(),
                        e.doc_count.to_string(),
                        e.aliases
                            .iter()
                            .map(|a| a.surface.as_str())
                            .filter(|a| *a != e.name)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]
                })
                .collect();
            let header = ["id", "name", "type", "mentions", "docs", "aliases"];
            if out == Output::Csv {
                write_out(None, &csv(&header, &rows))
            } else {
                write_out(None, &render(&header, &rows, 60))
            }
        }
    }
}

fn statement_table(rows: &[StatementRow], width: usize) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            vec![
                format!("s:{}", s.id),
                s.speaker
                    .clone()
                    .unwrap_or_else(|| format!("({})", s.speaker_text.clone().unwrap_or_default())),
                s.about.join(", "),
                s.kind.as_str().to_string(),
                s.content.clone(),
                s.doc.clone(),
            ]
        })
        .collect();
    render(
        &["id", "speaker", "about", "kind", "content", "doc"],
        &cells,
        width,
    )
}

/// `kg show NAME`
pub fn show(db: &Path, name: &str, out: Output) -> Result<()> {
    let store = open_for_read(db)?;
    let e = query::resolve(&store, name)?;
    let card = query::entity_card(&store, e)?;
    if out == Output::Json {
        return write_out(None, &super::pretty(&card));
    }
    let e = &card.entity;
    let mut s = format!("{} ({}, id:{})\n", e.name, e.etype, e.id);
    s.push_str(&format!(
        "mentions: {} in {} documents\n",
        e.mention_count,
        card.documents.len()
    ));
    if !e.titles.is_empty() {
        s.push_str(&format!("titles: {}\n", e.titles.join(", ")));
    }
    if let Some(g) = &e.gazetteer_id {
        s.push_str(&format!("gazetteer: {g}\n"));
    }
    s.push_str("\naliases\n");
    let rows: Vec<Vec<String>> = e
        .aliases
        .iter()
        .map(|a| {
            vec![
                a.surface.clone(),
                a.count.to_string(),
                a.rule.clone(),
                a.doc.clone(),
            ]
        })
        .collect();
    s.push_str(&render(
        &["alias", "count", "linked by", "e.g. in"],
        &rows,
        50,
    ));
    s.push_str("\ndocuments\n");
    for (d, n) in &card.documents {
        s.push_str(&format!("  {d} ({n})\n"));
    }
    if !card.relations.is_empty() {
        s.push_str("\nrelations\n");
        let rows: Vec<Vec<String>> = card
            .relations
            .iter()
            .map(|r| {
                vec![
                    format!("e:{}", r.id),
                    r.source.clone(),
                    match &r.label {
                        Some(l) => format!("{} ({l})", r.relation),
                        None => r.relation.clone(),
                    },
                    r.target.clone(),
                    r.doc.clone(),
                ]
            })
            .collect();
        s.push_str(&render(
            &["id", "source", "relation", "target", "doc"],
            &rows,
            50,
        ));
    }
    if !card.statements_by.is_empty() {
        s.push_str(&format!("\nstatements by {}\n", e.name));
        s.push_str(&statement_table(&card.statements_by, 70));
    }
    if !card.statements_about.is_empty() {
        s.push_str(&format!("\nstatements about {}\n", e.name));
        s.push_str(&statement_table(&card.statements_about, 70));
    }
    write_out(None, &s)
}

/// `kg said`
pub fn said(db: &Path, f: &SaidFilter, out: Output) -> Result<()> {
    let store = open_for_read(db)?;
    let rows = query::said(&store, f)?;
    match out {
        Output::Json => write_out(None, &super::pretty(&rows)),
        Output::Jsonl => write_out(None, &super::jsonl(&rows)),
        Output::Csv => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.speaker.clone().unwrap_or_default(),
                        s.speaker_text.clone().unwrap_or_default(),
                        s.about.join("; "),
                        s.kind.as_str().into(),
                        s.cue.clone(),
                        s.content.clone(),
                        s.doc.clone(),
                        s.content_span[0].to_string(),
                        s.content_span[1].to_string(),
                    ]
                })
                .collect();
            write_out(
                None,
                &csv(
                    &[
                        "id",
                        "speaker",
                        "speaker_text",
                        "about",
                        "kind",
                        "cue",
                        "content",
                        "doc",
                        "start",
                        "end",
                    ],
                    &cells,
                ),
            )
        }
        Output::Table => write_out(None, &statement_table(&rows, 80)),
    }
}

/// `kg relations`
pub fn relations(db: &Path, f: &query::RelationFilter, out: Output) -> Result<()> {
    let store = open_for_read(db)?;
    let rows = query::relations(&store, f)?;
    match out {
        Output::Json => write_out(None, &super::pretty(&rows)),
        Output::Jsonl => write_out(None, &super::jsonl(&rows)),
        _ => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        format!("e:{}", r.id),
                        r.source.clone(),
                        r.relation.clone(),
                        r.label.clone().unwrap_or_default(),
                        r.target.clone(),
                        r.doc.clone(),
                        r.evidence.clone(),
                    ]
                })
                .collect();
            let header = [
                "id", "source", "relation", "label", "target", "doc", "evidence",
            ];
            if out == Output::Csv {
                write_out(None, &csv(&header, &cells))
            } else {
                write_out(None, &render(&header, &cells, 60))
            }
        }
    }
}

/// `kg why ID`
pub fn why(db: &Path, id: &str, out: Output) -> Result<()> {
    let store = open_for_read(db)?;
    let w = query::why(&store, id)?;
    if out == Output::Json {
        return write_out(None, &super::pretty(&w));
    }
    let mut s = format!(
        "{} {} in {} ({}), bytes {}..{}\n",
        w.kind, w.id, w.doc, w.path, w.sentence_span[0], w.sentence_span[1]
    );
    if let Some(st) = &w.statement {
        s.push_str(&format!(
            "speaker: {}  ({})\nabout:   {}\nkind:    {}\ncue:     {}\n",
            st.speaker.clone().unwrap_or_else(|| "unnamed".into()),
            st.speaker_text.clone().unwrap_or_default(),
            st.about.join(", "),
            st.kind.as_str(),
            st.cue
        ));
        s.push_str("\n  [[speaker]] <<cue>> {{content}}\n");
    }
    if let Some(e) = &w.edge {
        s.push_str(&format!(
            "{} -[{}{}]-> {}\n",
            e.source,
            e.relation,
            e.label
                .as_ref()
                .map(|l| format!(": {l}"))
                .unwrap_or_default(),
            e.target
        ));
        s.push_str("\n  <<relation words>>\n");
    }
    s.push_str(&format!(
        "  {}\n\nrule: {} (confidence {:.2})\n",
        w.marked, w.rule, w.confidence
    ));
    write_out(None, &s)
}

//! The `kg` command line: parses arguments and dispatches to `kg::app`. No logic lives here.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use kg::app::{self, Output};
use kg::model::{Curation, DocFormat, EntityType, StatementKind};
use std::io::IsTerminal;
use std::path::PathBuf;

/// kg: a knowledge-graph store for news. Who is in the story, how are they connected, and who
/// said what about whom.
#[derive(Parser)]
#[command(name = "kg", version, about, max_term_width = 100)]
struct Cli {
    /// The database folder.
    #[arg(long, global = true, env = "KG_DB", default_value = "graph.db")]
    db: PathBuf,
    /// Print JSON instead of a table (read commands).
    #[arg(long, global = true)]
    json: bool,
    /// Print one JSON record a line (said, relations, entities).
    #[arg(long, global = true, conflicts_with = "json")]
    jsonl: bool,
    /// Print CSV (said, relations, entities).
    #[arg(long, global = true, conflicts_with_all = ["json", "jsonl"])]
    csv: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (.txt, .md, .html; folders recursively; - for stdin) into the database.
    Ingest(IngestArgs),
    /// Counts of documents, entities, mentions, statements and relations.
    Stats,
    /// List entities, most mentioned first.
    Entities {
        /// Only this type: person, country, organization, location, other.
        #[arg(long = "type", value_parser = parse_type)]
        etype: Option<EntityType>,
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Everything about one entity: aliases (with the rule that linked each), documents,
    /// relations, statements by and about it.
    Show {
        /// Any name or alias ("Kim Jong-un", "kim", "U.S.") or id:N.
        name: String,
    },
    /// Who said what about whom.
    Said {
        /// Statements by this speaker.
        #[arg(long)]
        by: Option<String>,
        /// Statements about this entity.
        #[arg(long)]
        about: Option<String>,
        /// Only this document.
        #[arg(long)]
        doc: Option<String>,
        /// direct or indirect.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<StatementKind>,
        /// At most this many rows.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Relations between entities (roles, interactions, co-occurrence).
    Relations {
        /// Relation type, e.g. HOLDS_ROLE, MET_WITH, SAID_ABOUT.
        #[arg(long = "type")]
        relation: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
    /// Why does kg believe this? The document, sentence and rule behind a statement (s:ID or
    /// ID) or an edge (e:ID).
    Why { id: String },
    /// Export the graph.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Make ALIAS always mean ENTITY.
    #[command(subcommand)]
    Alias(AliasCommand),
    /// Merge entity FROM into entity INTO.
    Merge { into: String, from: String },
    /// Move ALIASES of ENTITY to an entity of their own.
    Split {
        entity: String,
        #[arg(required = true)]
        aliases: Vec<String>,
    },
    /// Give ENTITY a new canonical name.
    Rename { entity: String, name: String },
    /// Set the type of ENTITY.
    Type {
        entity: String,
        #[arg(value_parser = parse_type)]
        etype: EntityType,
    },
    /// Recompute linking for all stored documents (after a curation or gazetteer change).
    Relink {
        /// Also re-run extraction on the stored texts (after upgrading kg or its schema data).
        #[arg(long)]
        reextract: bool,
    },
    /// Export or import curations as a plain file (one JSON object a line).
    #[command(subcommand)]
    Curations(CurationsCommand),
}

#[derive(Args)]
struct IngestArgs {
    /// Files or folders; - reads one document from standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = kg::read::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Format of standard input: txt, md or html.
    #[arg(long, default_value = "txt", value_parser = parse_format)]
    stdin_format: DocFormat,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

#[derive(Subcommand)]
enum ExportCommand {
    /// networkx node-link JSON (the notebook format).
    Json {
        /// Include every mention occurrence with byte offsets (large).
        #[arg(long)]
        mentions: bool,
        /// Write to FILE instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AliasCommand {
    /// kg alias add ALIAS ENTITY
    Add { alias: String, entity: String },
}

#[derive(Subcommand)]
enum CurationsCommand {
    /// Print the curations (one JSON object a line).
    Export {
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Replace the curations with those in FILE and relink.
    Import { file: PathBuf },
}

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(s).ok_or_else(|| {
        format!("unknown type {s:?} (person, country, organization, location, other)")
    })
}

fn parse_kind(s: &str) -> Result<StatementKind, String> {
    match s {
        "direct" => Ok(StatementKind::Direct),
        "indirect" => Ok(StatementKind::Indirect),
        _ => Err(format!("unknown kind {s:?} (direct, indirect)")),
    }
}

fn parse_format(s: &str) -> Result<DocFormat, String> {
    match s {
        "txt" | "text" => Ok(DocFormat::Text),
        "md" | "markdown" => Ok(DocFormat::Markdown),
        "html" | "htm" => Ok(DocFormat::Html),
        _ => Err(format!("unknown format {s:?} (txt, md, html)")),
    }
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kg: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    let out = if cli.json {
        Output::Json
    } else if cli.jsonl {
        Output::Jsonl
    } else if cli.csv {
        Output::Csv
    } else {
        Output::Table
    };
    let db = cli.db.as_path();
    let say = |s: String| println!("{s}");
    match cli.command {
        Command::Ingest(a) => {
            let opts = kg::ingest::IngestOptions {
                read: kg::read::ReadOptions {
                    max_bytes: a.max_bytes,
                },
                progress: !a.quiet && std::io::stderr().is_terminal(),
                stdin_format: a.stdin_format,
            };
            let report = app::core::ingest(db, &a.paths, &opts, out)
                .with_context(|| format!("ingest into {}", db.display()))?;
            if report.new + report.unchanged + report.replaced == 0 && !report.skipped.is_empty() {
                anyhow::bail!(
                    "no document could be read ({} skipped)",
                    report.skipped.len()
                );
            }
        }
        Command::Stats => app::core::stats(db, out)?,
        Command::Entities { etype, limit } => app::core::entities(db, etype, limit, out)?,
        Command::Show { name } => app::core::show(db, &name, out)?,
        Command::Said {
            by,
            about,
            doc,
            kind,
            limit,
        } => app::core::said(
            db,
            &kg::query::SaidFilter {
                by,
                about,
                doc,
                kind,
                limit,
            },
            out,
        )?,
        Command::Relations { relation, from, to } => {
            app::core::relations(db, &kg::query::RelationFilter { relation, from, to }, out)?
        }
        Command::Why { id } => app::core::why(db, &id, out)?,
        Command::Export(ExportCommand::Json { mentions, output }) => {
            app::core::export_json(db, mentions, output.as_deref())?
        }
        Command::Alias(AliasCommand::Add { alias, entity }) => {
            say(app::curate::apply(db, Curation::Alias { alias, entity })?)
        }
        Command::Merge { into, from } => {
            say(app::curate::apply(db, Curation::Merge { into, from })?)
        }
        Command::Split { entity, aliases } => {
            say(app::curate::apply(db, Curation::Split { entity, aliases })?)
        }
        Command::Rename { entity, name } => {
            say(app::curate::apply(db, Curation::Rename { entity, name })?)
        }
        Command::Type { entity, etype } => {
            say(app::curate::apply(db, Curation::Type { entity, etype })?)
        }
        Command::Relink { reextract } => say(app::curate::relink(db, reextract)?),
        Command::Curations(CurationsCommand::Export { output }) => {
            app::write_out(output.as_deref(), &app::curate::export(db)?)?
        }
        Command::Curations(CurationsCommand::Import { file }) => {
            say(app::curate::import(db, &file)?)
        }
    }
    Ok(())
}

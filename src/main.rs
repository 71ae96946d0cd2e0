//! The `kg` command line: parses arguments and dispatches to `kg::app`. No logic lives here.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use kg::app::{self, Output};
use kg::model::StatementMode;
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
    /// Who said what about whom: speaker, about, kind, content, document (the documents ingested
    /// last come first).
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
    /// Who is connected to NAME, by what, how often, with the strongest evidence.
    Neighbors {
        /// Any name or alias, or id:N.
        name: String,
        /// Hops to walk.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Only these relation types (comma-separated), e.g. MET_WITH,SAID_ABOUT.
        #[arg(long = "relation")]
        relations: Vec<String>,
        /// Only neighbours of these types (comma-separated).
        #[arg(long = "type")]
        types: Vec<String>,
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Shortest connection(s) between two entities, each hop with its evidence sentence.
    Path {
        a: String,
        b: String,
        /// Longest connection to look for, in hops.
        #[arg(long, default_value_t = 4)]
        max_depth: usize,
        /// Only these relation types (comma-separated).
        #[arg(long = "relation")]
        relations: Vec<String>,
        /// At most this many paths.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// The central actors: by degree, PageRank or mentions.
    Top {
        /// degree, pagerank or mentions.
        #[arg(long, default_value = "degree", value_parser = parse_top_by)]
        by: app::walk::TopBy,
        #[arg(long = "type", value_parser = parse_type)]
        etype: Option<EntityType>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The part of the graph around NAME that `kg export ... --focus NAME` writes.
    Subgraph {
        name: String,
        #[command(flatten)]
        filters: SelectArgs,
    },
    /// Export the graph (all exports accept --focus/--depth/--relation/--type/--min-weight).
    #[command(subcommand)]
    Export(ExportCommand),
    /// Draw the graph as SVG, PNG or PDF (Graphviz; SVG also without it).
    Render {
        /// svg, png or pdf.
        #[arg(long, default_value = "svg")]
        format: String,
        /// Graphviz layout engine: fdp, dot, sfdp, neato, circo, twopi.
        #[arg(long, default_value = app::DEFAULT_LAYOUT)]
        layout: String,
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
    },
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
        /// Switch the database's statement mode (with --reextract): speech or attitudes.
        #[arg(long, value_parser = parse_mode)]
        statements: Option<StatementMode>,
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
    #[arg(long, default_value_t = app::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Format of standard input: txt, md or html.
    #[arg(long, default_value = "txt", value_parser = parse_format)]
    stdin_format: DocFormat,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// What counts as a statement: speech (what someone said, wrote or reported; the default)
    /// or attitudes (also beliefs, intentions and evaluations, with the learned tagger: the
    /// PolNeAR notion of attribution). Stored in the database; later runs keep it.
    #[arg(long, value_parser = parse_mode)]
    statements: Option<StatementMode>,
    /// Replace a stored document whose name is taken by different content (without it, such
    /// a collision is reported and nothing is replaced).
    #[arg(long)]
    replace: bool,
    /// Store every document under PREFIX/ (e.g. the outlet: --prefix reuters).
    #[arg(long)]
    prefix: Option<String>,
    /// The name of the document read from standard input (default: stdin- and its hash).
    #[arg(long)]
    name: Option<String>,
    /// Publication date (YYYY-MM-DD) for documents whose text gives none.
    #[arg(long)]
    date: Option<String>,
}

/// Filters shared by `kg subgraph` and the exports.
#[derive(Args, Clone)]
struct SelectArgs {
    /// Hops around the focus.
    #[arg(long)]
    depth: Option<usize>,
    /// Only these relation types (comma-separated).
    #[arg(long = "relation")]
    relations: Vec<String>,
    /// Only entities of these types (comma-separated; the focus always stays).
    #[arg(long = "type")]
    types: Vec<String>,
    /// Drop connections (one relation between two entities) lighter than W.
    #[arg(long)]
    min_weight: Option<u64>,
    /// Keep at most N entities, the best connected (0: all; diagrams default to 60).
    #[arg(long)]
    max_nodes: Option<usize>,
}

/// The export filters.
#[derive(Args, Clone)]
struct FilterArgs {
    /// Only the neighbourhood of this entity (with --depth, default 2).
    #[arg(long)]
    focus: Option<String>,
    #[command(flatten)]
    select: SelectArgs,
}

impl FilterArgs {
    fn spec(self) -> app::exports::FilterSpec {
        self.select.spec(self.focus)
    }
}

impl SelectArgs {
    fn spec(self, focus: Option<String>) -> app::exports::FilterSpec {
        app::exports::FilterSpec {
            focus,
            depth: self.depth,
            relations: self.relations,
            types: self.types,
            min_weight: self.min_weight,
            max_nodes: self.max_nodes,
        }
    }
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
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// Graphviz DOT (styled, bundled, with a legend).
    Dot {
        /// Graphviz layout engine: fdp, dot, sfdp, neato, circo, twopi.
        #[arg(long, default_value = app::DEFAULT_LAYOUT)]
        layout: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// GraphML for Gephi, yEd, Cytoscape.
    Graphml {
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// entities/statements/relations/mentions/documents.jsonl into DIR.
    Jsonl {
        #[arg(long)]
        dir: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// The same tables as CSV files into DIR.
    Csv {
        #[arg(long)]
        dir: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// Neo4j bulk import into DIR: node and relationship CSV files, README.txt with the
    /// `neo4j-admin database import full` command, schema.cypher and queries.cypher.
    Neo4j {
        #[arg(long)]
        dir: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// RDF in kg's vocabulary (https://kg.example/ns#): N-Triples or Turtle.
    Rdf {
        /// ntriples or turtle.
        #[arg(long, default_value = "ntriples", value_parser = parse_rdf_format)]
        format: app::RdfFormat,
        /// Write to FILE instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// One self-contained HTML page: diagram and searchable statements.
    Html {
        /// Graphviz layout engine: fdp, dot, sfdp, neato, circo, twopi.
        #[arg(long, default_value = app::DEFAULT_LAYOUT)]
        layout: String,
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        filters: FilterArgs,
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

fn parse_mode(s: &str) -> Result<StatementMode, String> {
    StatementMode::parse(s)
        .ok_or_else(|| format!("unknown statement mode {s:?} (speech, attitudes)"))
}

fn parse_top_by(s: &str) -> Result<app::walk::TopBy, String> {
    app::walk::TopBy::parse(s)
        .ok_or_else(|| format!("unknown ranking {s:?} (degree, pagerank, mentions)"))
}

fn parse_kind(s: &str) -> Result<StatementKind, String> {
    match s {
        "direct" => Ok(StatementKind::Direct),
        "indirect" => Ok(StatementKind::Indirect),
        _ => Err(format!("unknown kind {s:?} (direct, indirect)")),
    }
}

fn parse_rdf_format(s: &str) -> Result<app::RdfFormat, String> {
    app::RdfFormat::parse(s).ok_or_else(|| format!("unknown RDF format {s:?} (ntriples, turtle)"))
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
    match cli.command {
        Command::Ingest(a) => {
            let opts = app::IngestOptions {
                read: app::ReadOptions {
                    max_bytes: a.max_bytes,
                },
                progress: None,
                stdin_format: a.stdin_format,
                statements: a.statements,
                replace: a.replace,
                prefix: a.prefix,
                stdin_name: a.name,
                date: a.date,
                ..app::IngestOptions::default()
            };
            let progress = !a.quiet && std::io::stderr().is_terminal();
            app::core::ingest(db, &a.paths, &opts, progress, out)
                .with_context(|| format!("ingest into {}", db.display()))?;
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
            &app::SaidFilter {
                by,
                about,
                doc,
                kind,
                limit,
            },
            out,
        )?,
        Command::Relations { relation, from, to } => {
            app::core::relations(db, &app::RelationFilter { relation, from, to }, out)?
        }
        Command::Why { id } => app::core::why(db, &id, out)?,
        Command::Neighbors {
            name,
            depth,
            relations,
            types,
            limit,
        } => app::walk::neighbors(db, &name, depth, &relations, &types, limit, out)?,
        Command::Path {
            a,
            b,
            max_depth,
            relations,
            limit,
        } => app::walk::path(db, &a, &b, max_depth, &relations, limit, out)?,
        Command::Top { by, etype, limit } => app::walk::top(db, by, etype, limit, out)?,
        Command::Subgraph { name, filters } => {
            app::walk::subgraph(db, &filters.spec(Some(name)), out)?
        }
        Command::Export(ExportCommand::Json {
            mentions,
            output,
            filters,
        }) => app::exports::json(db, &filters.spec(), mentions, output.as_deref())?,
        Command::Export(ExportCommand::Dot {
            layout,
            output,
            filters,
        }) => app::exports::dot(db, &filters.spec(), &layout, output.as_deref())?,
        Command::Export(ExportCommand::Graphml { output, filters }) => {
            app::exports::graphml(db, &filters.spec(), output.as_deref())?
        }
        Command::Export(ExportCommand::Jsonl { dir, filters }) => {
            app::exports::jsonl(db, &filters.spec(), &dir)?
        }
        Command::Export(ExportCommand::Csv { dir, filters }) => {
            app::exports::csv(db, &filters.spec(), &dir)?
        }
        Command::Export(ExportCommand::Neo4j { dir, filters }) => {
            app::exports::neo4j(db, &filters.spec(), &dir)?
        }
        Command::Export(ExportCommand::Rdf {
            format,
            output,
            filters,
        }) => app::exports::rdf(db, &filters.spec(), format, output.as_deref())?,
        Command::Export(ExportCommand::Html {
            layout,
            output,
            filters,
        }) => app::exports::html(db, &filters.spec(), &layout, &output)?,
        Command::Render {
            format,
            layout,
            output,
            filters,
        } => app::exports::render(db, &filters.spec(), &format, &layout, &output)?,
        Command::Alias(AliasCommand::Add { alias, entity }) => {
            app::say(app::curate::apply(db, Curation::Alias { alias, entity })?)
        }
        Command::Merge { into, from } => {
            app::say(app::curate::apply(db, Curation::Merge { into, from })?)
        }
        Command::Split { entity, aliases } => {
            app::say(app::curate::apply(db, Curation::Split { entity, aliases })?)
        }
        Command::Rename { entity, name } => {
            app::say(app::curate::apply(db, Curation::Rename { entity, name })?)
        }
        Command::Type { entity, etype } => {
            app::say(app::curate::apply(db, Curation::Type { entity, etype })?)
        }
        Command::Relink {
            reextract,
            statements,
        } => app::say(app::curate::relink(db, reextract, statements)?),
        Command::Curations(CurationsCommand::Export { output }) => {
            app::write_out(output.as_deref(), &app::curate::export(db)?)?
        }
        Command::Curations(CurationsCommand::Import { file }) => {
            app::say(app::curate::import(db, &file)?)
        }
    }
    Ok(())
}

//! Neo4j bulk import: node and relationship CSV files in the header format of
//! `neo4j-admin database import full`, with the exact command line (`README.txt`), constraints
//! and indexes (`schema.cypher`) and sample queries (`queries.cypher`); see docs/FORMAT.md.
//!
//! * Nodes: `Entity` (with its type as a second label: `Person`, `Country`, `Organization`,
//!   `Location`, `Other`), `Document`, `Statement`, one file each.
//! * Relationships: the graph's relation edges (the relation type as `:TYPE`), and
//!   `(:Statement)-[:SPOKEN_BY]->(:Entity)`, `(:Statement)-[:ABOUT]->(:Entity)`,
//!   `(:Statement)-[:IN]->(:Document)`, `(:Entity)-[:MENTIONED_IN]->(:Document)`. A row is only
//!   written when both of its ends are in the node files, so the import never meets a missing
//!   node.
//! * Ids: one global ID space with a prefix per node kind (`e12`, `d3`, `s16777216`), stored on
//!   every node as the string property `id` (the `id:ID` column) and the number `kg_id`.
//! * CSV: RFC 4180 (a field with a comma, quote, CR or LF is quoted, inner quotes doubled),
//!   backslashes literal, LF line ends, arrays joined with `;` (a `;` inside an element becomes
//!   `,`). An empty field is no property; an empty string is written `""`. No formula defusing:
//!   these files are for a database, not a spreadsheet. The settings the files assume are
//!   spelled out in the command line of [`import_command`].

use super::GraphData;
use super::escape::{csv_field, identifier};
use crate::error::{KgError, Result};
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The array delimiter of `string[]` columns and `:LABEL` (neo4j-admin's default).
pub const ARRAY_DELIMITER: char = ';';

/// Nodes or relationships: which `neo4j-admin` option takes the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Nodes,
    Relationships,
}

/// One CSV file: its name, kind, header fields and rows. `None` is an empty field (no
/// property); `Some("")` an empty string.
#[derive(Clone, Debug)]
pub struct CsvFile {
    pub name: &'static str,
    pub kind: FileKind,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Option<String>>>,
}

impl CsvFile {
    fn new(name: &'static str, kind: FileKind, header: &[&'static str]) -> Self {
        CsvFile {
            name,
            kind,
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    /// The CSV text: the header line, then one record a row, each line ending in LF.
    pub fn to_csv(&self) -> String {
        let mut out = self.header.join(",");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    None => String::new(),
                    Some(s) if s.is_empty() => "\"\"".into(),
                    Some(s) => csv_field(s),
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

/// The node id of an entity.
pub fn entity_id(id: EntityId) -> String {
    format!("e{}", id.0)
}

/// The node id of a document.
pub fn document_id(id: DocId) -> String {
    format!("d{}", id.0)
}

/// The node id of a statement.
pub fn statement_id(id: StatementId) -> String {
    format!("s{}", id.0)
}

/// The second label of an entity.
pub fn type_label(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "Person",
        EntityType::Country => "Country",
        EntityType::Organization => "Organization",
        EntityType::Location => "Location",
        EntityType::Other => "Other",
    }
}

fn text(s: &str) -> Option<String> {
    Some(s.to_string())
}

fn opt_text(s: &Option<String>) -> Option<String> {
    s.clone()
}

fn long(n: impl Into<u64>) -> Option<String> {
    Some(n.into().to_string())
}

fn size(n: usize) -> Option<String> {
    Some(n.to_string())
}

/// A `double` field; NaN and infinities are left empty (no property).
fn double(x: f32) -> Option<String> {
    x.is_finite().then(|| format!("{x}"))
}

/// A `string[]` field: the elements joined with `;` (one inside an element becomes `,`); no
/// elements: empty (the importer stores no empty arrays).
fn array<'a>(items: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let items: Vec<String> = items
        .into_iter()
        .map(|s| s.replace(ARRAY_DELIMITER, ","))
        .collect();
    (!items.is_empty()).then(|| items.join(&ARRAY_DELIMITER.to_string()))
}

/// A `date` field: only a valid `YYYY-MM-DD`, else empty.
fn date(d: &Option<String>) -> Option<String> {
    d.as_deref()
        .filter(|d| d.len() == 10 && day_number(d).is_some())
        .map(str::to_string)
}

pub const ENTITIES: &str = "nodes_entities.csv";
pub const DOCUMENTS: &str = "nodes_documents.csv";
pub const STATEMENTS: &str = "nodes_statements.csv";
pub const RELATIONS: &str = "rels_relations.csv";
pub const SPOKEN_BY: &str = "rels_spoken_by.csv";
pub const ABOUT: &str = "rels_about.csv";
pub const IN: &str = "rels_in.csv";
pub const MENTIONED_IN: &str = "rels_mentioned_in.csv";

/// The node and relationship files of a selection, nodes first.
pub fn files(g: &GraphData) -> Vec<CsvFile> {
    use FileKind::{Nodes, Relationships};
    let entity_set: HashSet<EntityId> = g.entities.iter().map(|e| e.id).collect();
    let doc_set: HashSet<DocId> = g.documents.iter().map(|d| d.id).collect();
    let mut said: HashMap<EntityId, u64> = HashMap::new();
    for s in &g.statements {
        if let Some(sp) = s.statement.speaker {
            *said.entry(sp).or_default() += 1;
        }
    }
    let mut mention_counts: BTreeMap<(EntityId, DocId), u64> = BTreeMap::new();
    for m in g.mentions.iter().flatten() {
        *mention_counts.entry((m.entity, m.doc)).or_default() += 1;
    }

    let mut entities = CsvFile::new(
        ENTITIES,
        Nodes,
        &[
            "id:ID",
            ":LABEL",
            "kg_id:long",
            "name",
            "type",
            "mention_count:long",
            "doc_count:long",
            "statements:long",
            "aliases:string[]",
            "titles:string[]",
            "gazetteer_id",
        ],
    );
    for e in &g.entities {
        entities.rows.push(vec![
            Some(entity_id(e.id)),
            Some(format!("Entity{ARRAY_DELIMITER}{}", type_label(e.etype))),
            long(e.id.0),
            text(&e.name),
            text(e.etype.as_str()),
            long(e.mention_count),
            long(e.doc_count),
            long(said.get(&e.id).copied().unwrap_or(0)),
            array(e.aliases.iter().map(|a| a.surface.as_str())),
            array(e.titles.iter().map(String::as_str)),
            opt_text(&e.gazetteer_id),
        ]);
    }

    let mut documents = CsvFile::new(
        DOCUMENTS,
        Nodes,
        &[
            "id:ID",
            ":LABEL",
            "kg_id:long",
            "name",
            "path",
            "title",
            "hash",
            "bytes:long",
            "words:long",
            "format",
            "published:date",
            "date_source",
        ],
    );
    for d in &g.documents {
        let format = match d.format {
            DocFormat::Text => "text",
            DocFormat::Markdown => "markdown",
            DocFormat::Html => "html",
        };
        documents.rows.push(vec![
            Some(document_id(d.id)),
            text("Document"),
            long(d.id.0),
            text(&d.name),
            text(&d.path),
            text(&d.title),
            text(&d.hash),
            size(d.bytes),
            size(d.words),
            text(format),
            date(&d.published),
            opt_text(&d.date_source),
        ]);
    }

    let mut statements = CsvFile::new(
        STATEMENTS,
        Nodes,
        &[
            "id:ID",
            ":LABEL",
            "kg_id:long",
            "content",
            "cue",
            "kind",
            "speaker_text",
            "doc",
            "content_start:long",
            "content_end:long",
            "sentence_start:long",
            "sentence_end:long",
            "confidence:double",
            "rule",
        ],
    );
    let rel_header = [":START_ID", ":END_ID", ":TYPE"];
    let mut spoken_by = CsvFile::new(SPOKEN_BY, Relationships, &rel_header);
    let mut about = CsvFile::new(ABOUT, Relationships, &rel_header);
    let mut in_doc = CsvFile::new(IN, Relationships, &rel_header);
    for s in &g.statements {
        let st = &s.statement;
        let sid = statement_id(s.id);
        statements.rows.push(vec![
            Some(sid.clone()),
            text("Statement"),
            long(s.id.0),
            text(&st.content),
            text(&st.cue),
            text(st.kind.as_str()),
            opt_text(&st.speaker_text),
            text(&s.doc_name),
            size(st.content_span.start),
            size(st.content_span.end),
            size(st.sentence.start),
            size(st.sentence.end),
            double(st.confidence),
            text(&st.rule),
        ]);
        if let Some(sp) = st.speaker.filter(|sp| entity_set.contains(sp)) {
            spoken_by.rows.push(vec![
                Some(sid.clone()),
                Some(entity_id(sp)),
                text("SPOKEN_BY"),
            ]);
        }
        let mut seen = HashSet::new();
        for a in &st.about {
            if entity_set.contains(a) && seen.insert(*a) {
                about
                    .rows
                    .push(vec![Some(sid.clone()), Some(entity_id(*a)), text("ABOUT")]);
            }
        }
        if doc_set.contains(&s.doc) {
            in_doc
                .rows
                .push(vec![Some(sid), Some(document_id(s.doc)), text("IN")]);
        }
    }

    let mut relations = CsvFile::new(
        RELATIONS,
        Relationships,
        &[
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "kg_id:long",
            "relation",
            "label",
            "doc",
            "evidence",
            "start:long",
            "end:long",
            "confidence:double",
            "rule",
            "weight:long",
            "count:long",
            "statement",
        ],
    );
    for e in &g.edges {
        let r = &e.relation;
        if !entity_set.contains(&r.src) || !entity_set.contains(&r.dst) {
            continue;
        }
        relations.rows.push(vec![
            Some(entity_id(r.src)),
            Some(entity_id(r.dst)),
            Some(identifier(&r.relation)),
            long(e.id.0),
            text(&r.relation),
            opt_text(&r.label),
            text(&e.doc_name),
            text(&e.evidence),
            size(r.span.start),
            size(r.span.end),
            double(r.confidence),
            text(&r.rule),
            long(r.weight),
            long(e.count),
            e.statement_id.map(statement_id),
        ]);
    }

    let mut mentioned_in = CsvFile::new(
        MENTIONED_IN,
        Relationships,
        &[":START_ID", ":END_ID", ":TYPE", "mentions:long"],
    );
    for e in &g.entities {
        let mut seen = HashSet::new();
        for d in g.docs_of(e.id) {
            if doc_set.contains(d) && seen.insert(*d) {
                let count = g
                    .mentions
                    .as_ref()
                    .map(|_| mention_counts.get(&(e.id, *d)).copied().unwrap_or(0));
                mentioned_in.rows.push(vec![
                    Some(entity_id(e.id)),
                    Some(document_id(*d)),
                    text("MENTIONED_IN"),
                    count.and_then(long),
                ]);
            }
        }
    }
    vec![
        entities,
        documents,
        statements,
        relations,
        spoken_by,
        about,
        in_doc,
        mentioned_in,
    ]
}

/// The `neo4j-admin database import full` command for these files, run from the folder that
/// holds them. The options after the file list are the settings the files assume, written out
/// even where they are the defaults.
pub fn import_command(files: &[CsvFile]) -> String {
    let mut cmd = String::from("neo4j-admin database import full neo4j");
    for f in files {
        let opt = match f.kind {
            FileKind::Nodes => "nodes",
            FileKind::Relationships => "relationships",
        };
        let _ = write!(cmd, " \\\n  --{opt}={}", f.name);
    }
    cmd.push_str(
        " \\\n  --delimiter=',' --array-delimiter=';' --quote='\"' --id-type=string \\\n  \
         --multiline-fields=true --legacy-style-quoting=false",
    );
    cmd
}

/// README.txt: what the files are and how to load them.
pub fn readme(files: &[CsvFile]) -> String {
    let mut out = format!(
        "kg export for Neo4j, written by kg {}. The formats are described in kg's docs/FORMAT.md.\n\n\
         Files\n",
        env!("CARGO_PKG_VERSION")
    );
    for f in files {
        let _ = writeln!(
            out,
            "  {:<24} {} {}",
            f.name,
            f.rows.len(),
            match f.kind {
                FileKind::Nodes => "nodes",
                FileKind::Relationships => "relationships",
            }
        );
    }
    for (name, what) in [
        ("README.txt", "this file"),
        (
            "schema.cypher",
            "constraints and indexes, to run after the import",
        ),
        (
            "queries.cypher",
            "sample queries (who said what about whom)",
        ),
    ] {
        let _ = writeln!(out, "  {name:<24} {what}");
    }
    let _ = write!(
        out,
        "\nImport into a new or empty database (stop it first; add --overwrite-destination=true\n\
         to replace one), from this folder:\n\n{}\n\n\
         Then start Neo4j (CREATE DATABASE for a database other than neo4j) and run\n\n  \
         cypher-shell -d neo4j -f schema.cypher\n\n\
         (Enterprise edition: --schema=schema.cypher on the import does the same.)\n\n\
         CSV settings these files assume (the options of the command above): comma-delimited,\n\
         RFC 4180 quoting (fields with a comma, quote or line break in double quotes, inner\n\
         quotes doubled), backslashes are ordinary characters (--legacy-style-quoting=false: a\n\
         backslash never escapes a quote), quoted fields may span lines (--multiline-fields=true),\n\
         arrays and labels separated by ';' (a ';' inside an alias or title was written as ','),\n\
         UTF-8, LF line ends. An empty field is no property; \"\" is an empty string.\n\n\
         Ids: one ID space for all node files: e<entity id>, d<document id>, s<statement id>,\n\
         stored as the string property id; kg_id holds kg's number (kg show id:N, kg why s:N).\n",
        import_command(files)
    );
    out
}

/// schema.cypher: uniqueness constraints on the node ids, indexes for name look-ups.
pub const SCHEMA_CYPHER: &str = "\
// Constraints and indexes for a kg export loaded with neo4j-admin (see README.txt).
// Run after the import: cypher-shell -d neo4j -f schema.cypher
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE INDEX document_name IF NOT EXISTS FOR (d:Document) ON (d.name);
CREATE FULLTEXT INDEX statement_content IF NOT EXISTS FOR (s:Statement) ON EACH [s.content];
";

/// A Cypher string literal (single quotes; backslash escapes).
pub fn cypher_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The entity the most statements are about (the sample queries' example).
fn most_talked_about(g: &GraphData) -> Option<&str> {
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    for s in &g.statements {
        for a in &s.statement.about {
            *counts.entry(*a).or_default() += 1;
        }
    }
    let names = g.names();
    counts
        .iter()
        .filter_map(|(id, n)| names.get(id).map(|name| (*n, *name)))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, name)| name)
}

/// queries.cypher: who said what about whom, and two more.
pub fn queries(g: &GraphData) -> String {
    let name = most_talked_about(g)
        .or_else(|| g.entities.first().map(|e| e.name.as_str()))
        .unwrap_or("Chile");
    format!(
        "// Sample queries over a kg export (see README.txt). cypher-shell -d neo4j -f queries.cypher\n\n\
         // Who said what about whom: the statements about one entity, with their speakers.\n\
         MATCH (s:Statement)-[:ABOUT]->(x:Entity {{name: {name}}})\n\
         OPTIONAL MATCH (s)-[:SPOKEN_BY]->(speaker:Entity)\n\
         OPTIONAL MATCH (s)-[:IN]->(d:Document)\n\
         RETURN speaker.name AS speaker, s.cue AS cue, s.content AS content, d.name AS document\n\
         ORDER BY document, s.content_start;\n\n\
         // Who talks about whom most.\n\
         MATCH (speaker:Entity)<-[:SPOKEN_BY]-(s:Statement)-[:ABOUT]->(x:Entity)\n\
         RETURN speaker.name AS speaker, x.name AS about, count(s) AS statements\n\
         ORDER BY statements DESC LIMIT 20;\n\n\
         // The strongest ties of the people, co-occurrence left out, with one evidence sentence.\n\
         MATCH (a:Person)-[r]->(b:Entity)\n\
         WHERE type(r) <> 'MENTIONED_WITH'\n\
         RETURN a.name AS person, type(r) AS relation, b.name AS other, sum(r.weight) AS weight,\n       \
         collect(r.evidence)[0] AS evidence\n\
         ORDER BY weight DESC LIMIT 20;\n",
        name = cypher_string(name)
    )
}

fn write(path: PathBuf, text: &str) -> Result<PathBuf> {
    std::fs::write(&path, text).map_err(|e| KgError::Io {
        path: path.clone(),
        source: e,
    })?;
    Ok(path)
}

/// Writes the CSV files, README.txt, schema.cypher and queries.cypher into `dir` (created if
/// needed); returns the paths written.
pub fn write_dir(dir: &Path, g: &GraphData) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| KgError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let files = files(g);
    let mut written = Vec::new();
    for f in &files {
        written.push(write(dir.join(f.name), &f.to_csv())?);
    }
    written.push(write(dir.join("README.txt"), &readme(&files))?);
    written.push(write(dir.join("schema.cypher"), SCHEMA_CYPHER)?);
    written.push(write(dir.join("queries.cypher"), &queries(g))?);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::nasty_full;

    /// A strict RFC 4180 reader: records of fields, each with whether it was quoted. Panics on
    /// a bare quote inside an unquoted field, text after a closing quote, a bare CR or an
    /// unterminated quote.
    fn read_csv(text: &str) -> Vec<Vec<(String, bool)>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut in_quotes = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if in_quotes {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        in_quotes = false;
                        let next = chars.peek().copied();
                        assert!(
                            matches!(next, None | Some(',') | Some('\n') | Some('\r')),
                            "{next:?} after a closing quote"
                        );
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                '"' if field.is_empty() && !quoted => {
                    in_quotes = true;
                    quoted = true;
                }
                '"' => panic!("a quote inside an unquoted field: {field:?}"),
                ',' => record.push((std::mem::take(&mut field), std::mem::take(&mut quoted))),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' => panic!("a bare CR after {field:?}"),
                '\n' => {
                    record.push((std::mem::take(&mut field), std::mem::take(&mut quoted)));
                    records.push(std::mem::take(&mut record));
                }
                c => field.push(c),
            }
        }
        assert!(!in_quotes, "unterminated quoted field");
        if !field.is_empty() || quoted || !record.is_empty() {
            record.push((field, quoted));
            records.push(record);
        }
        records
    }

    /// A field as the importer sees it: unquoted empty is no value.
    fn value((s, quoted): &(String, bool)) -> Option<String> {
        (*quoted || !s.is_empty()).then(|| s.clone())
    }

    fn column<'a>(f: &'a CsvFile, name: &str) -> impl Iterator<Item = Option<&'a str>> {
        let i = f
            .header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{}: no column {name}", f.name));
        f.rows.iter().map(move |r| r[i].as_deref())
    }

    #[test]
    fn every_csv_reads_back_to_the_same_values() {
        let g = nasty_full().data;
        let files = files(&g);
        for f in &files {
            let text = f.to_csv();
            let recs = read_csv(&text);
            assert_eq!(recs.len(), f.rows.len() + 1, "{}", f.name);
            let header: Vec<&str> = recs[0].iter().map(|(s, _)| s.as_str()).collect();
            assert_eq!(header, f.header, "{}", f.name);
            for (rec, row) in recs[1..].iter().zip(&f.rows) {
                let got: Vec<Option<String>> = rec.iter().map(value).collect();
                assert_eq!(&got, row, "{}", f.name);
                // typed fields are what their type says
                for (h, v) in f.header.iter().zip(row) {
                    let Some(v) = v else { continue };
                    if h.ends_with(":long") {
                        v.parse::<i64>().unwrap_or_else(|_| panic!("{h}: {v:?}"));
                    } else if h.ends_with(":double") {
                        v.parse::<f64>().unwrap_or_else(|_| panic!("{h}: {v:?}"));
                    } else if h.ends_with(":date") {
                        assert!(v.len() == 10 && day_number(v).is_some(), "{h}: {v:?}");
                    }
                }
            }
        }
        // the hostile text survives unchanged (no formula defusing, backslashes kept)
        let ents = &files[0];
        let names: Vec<&str> = column(ents, "name").flatten().collect();
        let want: Vec<&str> = g.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, want);
        let aliases: Vec<&str> = column(ents, "aliases:string[]")
            .next()
            .flatten()
            .expect("aliases")
            .split(ARRAY_DELIMITER)
            .collect();
        assert_eq!(
            aliases,
            ["+1, \"two\"\r\nthree", "semi,colon\ttab\u{7}bell"]
        );
        let titles: Vec<&str> = column(ents, "titles:string[]")
            .nth(1)
            .flatten()
            .expect("titles")
            .split(ARRAY_DELIMITER)
            .collect();
        assert_eq!(titles, ["-2+3", "@SUM(A1)"]);
        let docs = &files[1];
        assert_eq!(
            column(docs, "title").next().flatten(),
            Some("=cmd|' /C calc'!A0")
        );
        assert_eq!(
            column(docs, "path").next().flatten(),
            Some("C:\\news\\a,b \"x\".txt")
        );
        let st = &files[2];
        assert_eq!(
            column(st, "content").next().flatten(),
            Some(g.statements[0].statement.content.as_str())
        );
        let rels = &files[3];
        assert_eq!(
            column(rels, "evidence").next().flatten(),
            Some("He said \"no\" \\ then\nleft <now>.")
        );
        assert_eq!(column(rels, "label").next().flatten(), Some("\"label\""));
        // no mentions of entity 2 loaded: a count of 0, not an empty field
        let counts: Vec<Option<&str>> = column(&files[7], "mentions:long").collect();
        assert_eq!(counts, [Some("1"), Some("0"), Some("0")]);
    }

    #[test]
    fn ids_are_unique_and_every_relationship_end_is_a_node() {
        let g = nasty_full().data;
        let files = files(&g);
        let mut ids = HashSet::new();
        for f in files.iter().filter(|f| f.kind == FileKind::Nodes) {
            assert_eq!(f.header[0], "id:ID");
            assert_eq!(f.header[1], ":LABEL");
            for id in column(f, "id:ID") {
                let id = id.expect("an id");
                assert!(ids.insert(id.to_string()), "{id} twice");
            }
        }
        assert_eq!(ids.len(), 3 + 1 + 1);
        let labels: Vec<&str> = column(&files[0], ":LABEL").flatten().collect();
        assert_eq!(
            labels,
            ["Entity;Person", "Entity;Organization", "Entity;Country"]
        );
        let mut types = Vec::new();
        for f in files.iter().filter(|f| f.kind == FileKind::Relationships) {
            assert_eq!(&f.header[..3], [":START_ID", ":END_ID", ":TYPE"]);
            for end in [":START_ID", ":END_ID"] {
                for id in column(f, end) {
                    let id = id.expect("an end");
                    assert!(ids.contains(id), "{}: {id} is no node", f.name);
                }
            }
            types.extend(column(f, ":TYPE").flatten().map(str::to_string));
        }
        types.sort();
        types.dedup();
        assert_eq!(
            types,
            [
                "ABOUT",
                "IN",
                "MENTIONED_IN",
                "MENTIONED_WITH",
                "SAID_ABOUT",
                "SPOKEN_BY"
            ]
        );
    }

    #[test]
    fn a_dangling_end_writes_no_relationship() {
        let mut g = nasty_full().data;
        g.statements[0].statement.speaker = Some(EntityId(99));
        g.statements[0].statement.about.push(EntityId(98));
        g.statements[0].doc = DocId(5);
        g.entity_docs.insert(EntityId(1), vec![DocId(1), DocId(7)]);
        let files = files(&g);
        let rows = |name: &str| files.iter().find(|f| f.name == name).unwrap().rows.len();
        assert_eq!(rows(SPOKEN_BY), 0);
        assert_eq!(rows(ABOUT), 1);
        assert_eq!(rows(IN), 0);
        assert_eq!(rows(MENTIONED_IN), 3);
    }

    #[test]
    fn the_readme_has_the_command_and_the_queries_a_safe_name() {
        let g = nasty_full().data;
        let files = files(&g);
        let cmd = import_command(&files);
        assert!(cmd.starts_with("neo4j-admin database import full neo4j"));
        for f in &files {
            let opt = match f.kind {
                FileKind::Nodes => "--nodes=",
                FileKind::Relationships => "--relationships=",
            };
            assert!(cmd.contains(&format!("{opt}{}", f.name)), "{cmd}");
        }
        for setting in [
            "--multiline-fields=true",
            "--legacy-style-quoting=false",
            "--array-delimiter=';'",
        ] {
            assert!(cmd.contains(setting), "{cmd}");
        }
        assert!(readme(&files).contains(&cmd));
        assert!(SCHEMA_CYPHER.contains(
            "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;"
        ));
        // the example entity is the one spoken about, its name a safe Cypher literal
        let q = queries(&g);
        assert!(
            q.contains("{name: 'Line\\nBreak <Corp> & Sons \\\\N \\\\l'}"),
            "{q}"
        );
        assert_eq!(cypher_string("O'Brien\\"), "'O\\'Brien\\\\'");
        assert_eq!(cypher_string("a\u{7}"), "'a\\u0007'");
    }
}

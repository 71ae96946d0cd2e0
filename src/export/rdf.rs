//! RDF in a small vocabulary of its own (namespace [`NS`], prefix `kg:`), as N-Triples (the
//! default) or Turtle; the vocabulary is tabled in docs/FORMAT.md.
//!
//! * Entities, documents and statements are IRIs made from their ids under [`ID_BASE`]
//!   (`https://kg.example/id/entity/12`, `.../document/3`, `.../statement/16777216`).
//! * An entity is a `kg:Entity` and a `kg:Person` (`kg:Country`, ...) with `kg:name`,
//!   `kg:type`, one `kg:alias` and `kg:title` each, counts and `kg:mentionedIn` documents.
//! * A statement is a `kg:Statement` with `kg:speaker`, `kg:about`, `kg:content`, `kg:cue`,
//!   `kg:kind`, `kg:inDocument` and its span.
//! * Each relation is a direct triple with one property per relation type (`kg:MET_WITH`),
//!   and, for its provenance, a `kg:Relation` resource (`.../relation/<edge id>`) with
//!   source, target, evidence sentence, document, span, confidence, rule and weight.
//!
//! Literals are escaped as the N-Triples grammar has it (`\"`, `\\`, `\n`, `\r`, `\t`, and
//! `\uXXXX` for every other control character); plain strings carry no language tag. Turtle is
//! the same triples with prefixes, one triple a line.

use super::GraphData;
use super::escape::identifier;
use crate::model::*;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write;

/// The vocabulary's namespace.
pub const NS: &str = "https://kg.example/ns#";
/// The base of the IRIs of entities, documents, statements and relations.
pub const ID_BASE: &str = "https://kg.example/id/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Which syntax to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RdfFormat {
    #[default]
    NTriples,
    Turtle,
}

impl RdfFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ntriples" | "n-triples" | "nt" => Some(RdfFormat::NTriples),
            "turtle" | "ttl" => Some(RdfFormat::Turtle),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            RdfFormat::NTriples => "ntriples",
            RdfFormat::Turtle => "turtle",
        }
    }
}

/// The object of a triple: an IRI or a literal with an optional datatype IRI.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    Iri(String),
    Literal {
        lexical: String,
        datatype: Option<&'static str>,
    },
}

/// Subject IRI, predicate IRI, object.
pub type Triple = (String, String, Term);

pub fn entity_iri(id: EntityId) -> String {
    format!("{ID_BASE}entity/{}", id.0)
}

pub fn document_iri(id: DocId) -> String {
    format!("{ID_BASE}document/{}", id.0)
}

pub fn statement_iri(id: StatementId) -> String {
    format!("{ID_BASE}statement/{}", id.0)
}

/// The class of an entity type (besides `kg:Entity`).
pub fn class_of(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "Person",
        EntityType::Country => "Country",
        EntityType::Organization => "Organization",
        EntityType::Location => "Location",
        EntityType::Other => "Other",
    }
}

fn kg(local: &str) -> String {
    format!("{NS}{local}")
}

fn string(s: &str) -> Term {
    Term::Literal {
        lexical: s.to_string(),
        datatype: None,
    }
}

fn integer(n: impl Into<u64>) -> Term {
    Term::Literal {
        lexical: n.into().to_string(),
        datatype: Some("integer"),
    }
}

fn size(n: usize) -> Term {
    Term::Literal {
        lexical: n.to_string(),
        datatype: Some("integer"),
    }
}

fn double(x: f32) -> Term {
    let lexical = if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "INF" } else { "-INF" }.to_string()
    } else {
        format!("{x}")
    };
    Term::Literal {
        lexical,
        datatype: Some("double"),
    }
}

/// Collects triples in order, each once.
#[derive(Default)]
struct Graph {
    triples: Vec<Triple>,
    seen: HashSet<Triple>,
}

impl Graph {
    fn add(&mut self, s: &str, p: &str, o: Term) {
        let t = (s.to_string(), kg_or_full(p), o);
        if self.seen.insert(t.clone()) {
            self.triples.push(t);
        }
    }
    fn iri(&mut self, s: &str, p: &str, o: String) {
        self.add(s, p, Term::Iri(o));
    }
    fn a(&mut self, s: &str, class: &str) {
        self.add(s, &format!("{RDF}type"), Term::Iri(kg(class)));
    }
}

/// A vocabulary term by local name, or a full IRI as it is.
fn kg_or_full(p: &str) -> String {
    if p.contains("://") {
        p.to_string()
    } else {
        kg(p)
    }
}

/// The triples of a selection: a few vocabulary triples (the entity classes as subclasses of
/// `kg:Entity`, the relation properties), then entities, documents, statements and relations.
pub fn triples(g: &GraphData) -> Vec<Triple> {
    let mut out = Graph::default();
    let subclass = format!("{RDFS}subClassOf");
    for t in EntityType::ALL {
        out.iri(&kg(class_of(t)), &subclass, kg("Entity"));
    }
    let relation_types: BTreeSet<&str> = g
        .edges
        .iter()
        .map(|e| e.relation.relation.as_str())
        .collect();
    for r in relation_types {
        let p = kg(&identifier(r));
        out.iri(&p, &format!("{RDF}type"), format!("{RDF}Property"));
        out.add(&p, &format!("{RDFS}label"), string(r));
    }

    let doc_set: HashSet<DocId> = g.documents.iter().map(|d| d.id).collect();
    for e in &g.entities {
        let s = entity_iri(e.id);
        out.a(&s, "Entity");
        out.a(&s, class_of(e.etype));
        out.add(&s, "name", string(&e.name));
        out.add(&s, "type", string(e.etype.as_str()));
        for a in &e.aliases {
            out.add(&s, "alias", string(&a.surface));
        }
        for t in &e.titles {
            out.add(&s, "title", string(t));
        }
        out.add(&s, "mentionCount", integer(e.mention_count));
        out.add(&s, "documentCount", integer(e.doc_count));
        if let Some(gz) = &e.gazetteer_id {
            out.add(&s, "gazetteerId", string(gz));
        }
        for d in g.docs_of(e.id).iter().filter(|d| doc_set.contains(d)) {
            out.iri(&s, "mentionedIn", document_iri(*d));
        }
    }

    for d in &g.documents {
        let s = document_iri(d.id);
        out.a(&s, "Document");
        out.add(&s, "name", string(&d.name));
        out.add(&s, "path", string(&d.path));
        out.add(&s, "title", string(&d.title));
        out.add(&s, "hash", string(&d.hash));
        out.add(&s, "bytes", size(d.bytes));
        out.add(&s, "words", size(d.words));
        let format = match d.format {
            DocFormat::Text => "text",
            DocFormat::Markdown => "markdown",
            DocFormat::Html => "html",
        };
        out.add(&s, "format", string(format));
        if let Some(p) = d
            .published
            .as_deref()
            .filter(|p| p.len() == 10 && day_number(p).is_some())
        {
            out.add(
                &s,
                "published",
                Term::Literal {
                    lexical: p.to_string(),
                    datatype: Some("date"),
                },
            );
        }
        if let Some(ds) = &d.date_source {
            out.add(&s, "dateSource", string(ds));
        }
    }

    for st in &g.statements {
        let s = statement_iri(st.id);
        let x = &st.statement;
        out.a(&s, "Statement");
        if let Some(sp) = x.speaker {
            out.iri(&s, "speaker", entity_iri(sp));
        }
        if let Some(t) = &x.speaker_text {
            out.add(&s, "speakerText", string(t));
        }
        for a in &x.about {
            out.iri(&s, "about", entity_iri(*a));
        }
        out.add(&s, "content", string(&x.content));
        out.add(&s, "cue", string(&x.cue));
        out.add(&s, "kind", string(x.kind.as_str()));
        out.iri(&s, "inDocument", document_iri(st.doc));
        out.add(&s, "spanStart", size(x.content_span.start));
        out.add(&s, "spanEnd", size(x.content_span.end));
        out.add(&s, "sentenceStart", size(x.sentence.start));
        out.add(&s, "sentenceEnd", size(x.sentence.end));
        out.add(&s, "confidence", double(x.confidence));
        out.add(&s, "rule", string(&x.rule));
    }

    let mut relation_iris = HashSet::new();
    for e in &g.edges {
        let r = &e.relation;
        let (src, dst) = (entity_iri(r.src), entity_iri(r.dst));
        out.iri(&src, &identifier(&r.relation), dst.clone());
        // the edge id names the relation; a repeated id (never expected) gets its ends too
        let mut s = format!("{ID_BASE}relation/{}", e.id.0);
        if !relation_iris.insert(s.clone()) {
            s = format!("{s}-{}-{}", r.src.0, r.dst.0);
            relation_iris.insert(s.clone());
        }
        out.a(&s, "Relation");
        out.iri(&s, "source", src);
        out.iri(&s, "target", dst);
        out.add(&s, "relation", string(&r.relation));
        if let Some(l) = &r.label {
            out.add(&s, "label", string(l));
        }
        out.add(&s, "evidence", string(&e.evidence));
        out.iri(&s, "inDocument", document_iri(e.doc));
        out.add(&s, "spanStart", size(r.span.start));
        out.add(&s, "spanEnd", size(r.span.end));
        out.add(&s, "confidence", double(r.confidence));
        out.add(&s, "rule", string(&r.rule));
        out.add(&s, "weight", integer(r.weight));
        out.add(&s, "count", integer(e.count));
        if let Some(st) = e.statement_id {
            out.iri(&s, "statement", statement_iri(st));
        }
    }
    out.triples
}

/// A string literal as N-Triples (and Turtle) write it: `"`, `\`, LF, CR and tab as `\"`,
/// `\\`, `\n`, `\r`, `\t`; every other control character as `\uXXXX`.
pub fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One triple a line: `<s> <p> <o> .`
pub fn to_ntriples(triples: &[Triple]) -> String {
    let mut out = String::new();
    for (s, p, o) in triples {
        let o = match o {
            Term::Iri(i) => format!("<{i}>"),
            Term::Literal {
                lexical,
                datatype: None,
            } => literal(lexical),
            Term::Literal {
                lexical,
                datatype: Some(dt),
            } => format!("{}^^<{XSD}{dt}>", literal(lexical)),
        };
        let _ = writeln!(out, "<{s}> <{p}> {o} .");
    }
    out
}

/// The prefixes of the Turtle output.
const PREFIXES: &[(&str, &str)] = &[
    ("kg", NS),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("entity", "https://kg.example/id/entity/"),
    ("document", "https://kg.example/id/document/"),
    ("statement", "https://kg.example/id/statement/"),
    ("relation", "https://kg.example/id/relation/"),
];

/// An IRI as a prefixed name when one of [`PREFIXES`] covers it and the rest is a plain local
/// name (letters, digits, `_`), else `<iri>`.
fn turtle_iri(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
            && local.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return format!("{p}:{local}");
        }
    }
    format!("<{iri}>")
}

/// Turtle: the prefixes, then one triple a line.
pub fn to_turtle(triples: &[Triple]) -> String {
    let mut out = String::new();
    for (p, ns) in PREFIXES {
        let _ = writeln!(out, "@prefix {p}: <{ns}> .");
    }
    out.push('\n');
    let rdf_type = format!("{RDF}type");
    for (s, p, o) in triples {
        let p = if *p == rdf_type {
            "a".to_string()
        } else {
            turtle_iri(p)
        };
        let o = match o {
            Term::Iri(i) => turtle_iri(i),
            Term::Literal {
                lexical,
                datatype: None,
            } => literal(lexical),
            Term::Literal {
                lexical,
                datatype: Some(dt),
            } => format!("{}^^xsd:{dt}", literal(lexical)),
        };
        let _ = writeln!(out, "{} {p} {o} .", turtle_iri(s));
    }
    out
}

/// The selection as RDF text.
pub fn to_string(g: &GraphData, format: RdfFormat) -> String {
    let ts = triples(g);
    match format {
        RdfFormat::NTriples => to_ntriples(&ts),
        RdfFormat::Turtle => to_turtle(&ts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::nasty_full;
    use std::collections::HashMap;

    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    enum T {
        Iri(String),
        Lit(String, Option<String>),
    }

    /// `<iri>` at the start of `s`: the IRI and the rest. Panics on characters IRIREF forbids.
    fn iri(s: &str) -> (String, &str) {
        assert!(s.starts_with('<'), "no IRI at {s:?}");
        let end = s.find('>').unwrap_or_else(|| panic!("unclosed IRI {s:?}"));
        let i = &s[1..end];
        assert!(
            !i.chars().any(|c| c <= ' ' || "<>\"{}|^`\\".contains(c)),
            "bad IRI {i:?}"
        );
        assert!(i.starts_with("https://") || i.starts_with("http://"), "{i}");
        (i.to_string(), &s[end + 1..])
    }

    fn hex(s: &str, n: usize) -> char {
        assert!(
            s.len() >= n && s[..n].chars().all(|c| c.is_ascii_hexdigit()),
            "bad UCHAR {s:?}"
        );
        char::from_u32(u32::from_str_radix(&s[..n], 16).unwrap()).expect("a scalar value")
    }

    /// A STRING_LITERAL_QUOTE at the start of `s`: its value (escapes undone) and the rest.
    fn string_literal(s: &str) -> (String, &str) {
        assert!(s.starts_with('"'));
        let mut value = String::new();
        let mut rest = &s[1..];
        loop {
            let c = rest.chars().next().expect("unterminated literal");
            rest = &rest[c.len_utf8()..];
            match c {
                '"' => return (value, rest),
                '\\' => {
                    let e = rest.chars().next().expect("dangling backslash");
                    rest = &rest[1..];
                    match e {
                        't' => value.push('\t'),
                        'b' => value.push('\u{8}'),
                        'n' => value.push('\n'),
                        'r' => value.push('\r'),
                        'f' => value.push('\u{c}'),
                        '"' | '\'' | '\\' => value.push(e),
                        'u' => {
                            value.push(hex(rest, 4));
                            rest = &rest[4..];
                        }
                        'U' => {
                            value.push(hex(rest, 8));
                            rest = &rest[8..];
                        }
                        other => panic!("bad escape \\{other}"),
                    }
                }
                '\n' | '\r' => panic!("raw line break in a literal"),
                c => value.push(c),
            }
        }
    }

    /// An N-Triples object: IRI or literal with an optional datatype.
    fn object(s: &str) -> (T, &str) {
        if s.starts_with('<') {
            let (i, rest) = iri(s);
            return (T::Iri(i), rest);
        }
        let (v, rest) = string_literal(s);
        if let Some(r) = rest.strip_prefix("^^") {
            let (dt, rest) = iri(r);
            return (T::Lit(v, Some(dt)), rest);
        }
        (T::Lit(v, None), rest)
    }

    /// One N-Triples line (the grammar of RDF 1.1 N-Triples, with IRIs only as subjects).
    fn nt_line(l: &str) -> (String, String, T) {
        assert!(!l.chars().any(char::is_control), "raw control in {l:?}");
        let body = l
            .strip_suffix(" .")
            .unwrap_or_else(|| panic!("no ' .': {l}"));
        let (s, rest) = iri(body);
        let (p, rest) = iri(rest.strip_prefix(' ').expect("space after subject"));
        let (o, rest) = object(rest.strip_prefix(' ').expect("space after predicate"));
        assert!(rest.is_empty(), "trailing {rest:?} in {l}");
        if let T::Lit(v, Some(dt)) = &o {
            match dt.strip_prefix(XSD) {
                Some("integer") => assert!(v.parse::<u64>().is_ok(), "{v}"),
                Some("double") => assert!(v.parse::<f64>().is_ok(), "{v}"),
                Some("date") => assert!(day_number(v).is_some(), "{v}"),
                other => panic!("unexpected datatype {other:?}"),
            }
        }
        (s, p, o)
    }

    fn parsed(nt: &str) -> Vec<(String, String, T)> {
        nt.lines().map(nt_line).collect()
    }

    #[test]
    fn every_ntriples_line_follows_the_grammar_and_keeps_the_text() {
        let g = nasty_full().data;
        let nt = to_string(&g, RdfFormat::NTriples);
        let ts = parsed(&nt);
        assert_eq!(ts.len(), nt.lines().count());
        let lits: HashSet<&str> = ts
            .iter()
            .filter_map(|(_, _, o)| match o {
                T::Lit(v, None) => Some(v.as_str()),
                _ => None,
            })
            .collect();
        let st = &g.statements[0].statement;
        let d = &g.documents[0];
        let mut want: Vec<&str> = vec![
            st.content.as_str(),
            st.cue.as_str(),
            d.name.as_str(),
            d.path.as_str(),
            d.title.as_str(),
            g.edges[0].evidence.as_str(),
            "\"label\"",
            "=HYPERLINK(\"http://x\")",
        ];
        for e in &g.entities {
            want.push(&e.name);
            want.extend(e.aliases.iter().map(|a| a.surface.as_str()));
            want.extend(e.titles.iter().map(String::as_str));
        }
        for w in want {
            assert!(lits.contains(w), "{w:?} lost: {lits:?}");
        }
        // the escapes in the text itself
        assert!(nt.contains(r#""Dr. \"Quote\" O'Brien\\""#), "{nt}");
        assert!(nt.contains(r#""semi;colon\ttab\u0007bell""#));
        assert!(nt.contains(r#""+1, \"two\"\r\nthree""#));
    }

    #[test]
    fn entities_statements_and_relations_are_linked() {
        let g = nasty_full().data;
        let ts: HashSet<(String, String, T)> = parsed(&to_string(&g, RdfFormat::NTriples))
            .into_iter()
            .collect();
        let has = |s: &str, p: &str, o: T| ts.contains(&(s.to_string(), kg_or_full(p), o));
        let e1 = entity_iri(EntityId(1));
        let e2 = entity_iri(EntityId(2));
        let rdf_type = format!("{RDF}type");
        assert!(has(&e1, &rdf_type, T::Iri(kg("Entity"))));
        assert!(has(&e1, &rdf_type, T::Iri(kg("Person"))));
        assert!(has(&e2, &rdf_type, T::Iri(kg("Organization"))));
        assert!(has(&e1, "SAID_ABOUT", T::Iri(e2.clone())));
        assert!(has(
            &e1,
            "mentionCount",
            T::Lit("1".into(), Some(format!("{XSD}integer")))
        ));
        let s = statement_iri(StatementId(7));
        assert!(has(&s, "speaker", T::Iri(e1.clone())));
        assert!(has(&s, "about", T::Iri(e2.clone())));
        assert!(has(&s, "inDocument", T::Iri(document_iri(DocId(1)))));
        assert!(has(&s, "kind", T::Lit("direct".into(), None)));
        let r = format!("{ID_BASE}relation/1");
        assert!(has(&r, "source", T::Iri(e1)));
        assert!(has(
            &r,
            "confidence",
            T::Lit("0.9".into(), Some(format!("{XSD}double")))
        ));
        assert!(has(
            &document_iri(DocId(1)),
            "published",
            T::Lit("2025-06-01".into(), Some(format!("{XSD}date")))
        ));
        assert!(has(
            &kg("SAID_ABOUT"),
            &rdf_type,
            T::Iri(format!("{RDF}Property"))
        ));
        // each triple once
        let nt = to_string(&g, RdfFormat::NTriples);
        assert_eq!(ts.len(), nt.lines().count());
    }

    /// A term of the simple Turtle this module writes: `<iri>`, `prefix:local`, `a`, or a
    /// literal with an optional `^^` datatype.
    fn turtle_term<'a>(s: &'a str, prefixes: &HashMap<String, String>) -> (T, &'a str) {
        if s.starts_with('<') {
            let (i, rest) = iri(s);
            return (T::Iri(i), rest);
        }
        if s.starts_with('"') {
            let (v, rest) = string_literal(s);
            if let Some(r) = rest.strip_prefix("^^") {
                let (dt, rest) = turtle_term(r, prefixes);
                let T::Iri(dt) = dt else { panic!("datatype") };
                return (T::Lit(v, Some(dt)), rest);
            }
            return (T::Lit(v, None), rest);
        }
        if let Some(rest) = s.strip_prefix("a ") {
            return (T::Iri(format!("{RDF}type")), &s[s.len() - rest.len() - 1..]);
        }
        let end = s.find(' ').unwrap_or(s.len());
        let (pname, rest) = s.split_at(end);
        let (p, local) = pname.split_once(':').expect("a prefixed name");
        let ns = prefixes
            .get(p)
            .unwrap_or_else(|| panic!("unknown prefix {p}"));
        (T::Iri(format!("{ns}{local}")), rest)
    }

    #[test]
    fn turtle_is_the_same_graph_with_prefixes() {
        let g = nasty_full().data;
        let nt: HashSet<(String, String, T)> = parsed(&to_string(&g, RdfFormat::NTriples))
            .into_iter()
            .collect();
        let ttl = to_string(&g, RdfFormat::Turtle);
        let mut prefixes = HashMap::new();
        let mut got = HashSet::new();
        for l in ttl.lines().filter(|l| !l.is_empty()) {
            if let Some(p) = l.strip_prefix("@prefix ") {
                let (name, rest) = p.split_once(": ").expect("prefix name");
                let (ns, rest) = iri(rest);
                assert_eq!(rest, " .");
                prefixes.insert(name.to_string(), ns);
                continue;
            }
            let body = l.strip_suffix(" .").expect("ends with ' .'");
            let (s, rest) = turtle_term(body, &prefixes);
            let (p, rest) = turtle_term(rest.strip_prefix(' ').expect("space"), &prefixes);
            let (o, rest) = turtle_term(rest.strip_prefix(' ').expect("space"), &prefixes);
            assert!(rest.is_empty(), "{l}");
            let (T::Iri(s), T::Iri(p)) = (s, p) else {
                panic!("{l}")
            };
            got.insert((s, p, o));
        }
        assert_eq!(got, nt);
        assert!(ttl.contains("entity:1 a kg:Person ."));
        assert!(ttl.contains("entity:1 kg:SAID_ABOUT entity:2 ."));
    }

    #[test]
    fn literals_escape_exactly_the_grammar_s_characters() {
        assert_eq!(literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(literal("l1\nl2\r\t"), r#""l1\nl2\r\t""#);
        assert_eq!(literal("\u{0}\u{1f}\u{7f}"), r#""\u0000\u001F\u007F""#);
        // a near miss: non-ASCII text and angle brackets stay as they are
        assert_eq!(literal("Séoul <b>"), "\"Séoul <b>\"");
        assert_eq!(RdfFormat::parse("TTL"), Some(RdfFormat::Turtle));
        assert_eq!(RdfFormat::parse("nt"), Some(RdfFormat::NTriples));
        assert_eq!(RdfFormat::parse("xml"), None);
    }
}

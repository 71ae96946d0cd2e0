//! Every export through the binary, on a database built from a known fixture graph (with names
//! full of quotes, backslashes and angle brackets), plus the real clients when available:
//! scripts/check_exports.py (networkx, pandas, jsonschema, Graphviz, Python's csv module for the
//! Neo4j files, pyoxigraph and SPARQL for the RDF).

mod support;
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{NAMES, NASTY_ORG, NASTY_PERSON, fixture, json_out, kg};

fn dot_installed() -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("dot").is_file()))
}

/// The Python with networkx, pandas, jsonschema and pyoxigraph (KG_PYTHON, else python3); None
/// (skip) when missing, a panic when KG_EXPORT_CHECKS_REQUIRED=1.
fn python_with_clients() -> Option<String> {
    let py = std::env::var("KG_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = std::process::Command::new(&py)
        .args(["-c", "import networkx, pandas, jsonschema, pyoxigraph"])
        .output()
        .is_ok_and(|o| o.status.success());
    let required = std::env::var("KG_EXPORT_CHECKS_REQUIRED").as_deref() == Ok("1");
    if ok && (dot_installed() || !required) {
        return Some(py);
    }
    if required {
        panic!(
            "KG_EXPORT_CHECKS_REQUIRED=1 but {py} lacks networkx/pandas/jsonschema/pyoxigraph or `dot` is missing"
        );
    }
    eprintln!("skipping: {py} with networkx, pandas, jsonschema and pyoxigraph not found");
    None
}

/// Writes every export of `db` (with `filters`) into `dir` as check_exports.py expects.
fn export_all(db: &Path, dir: &Path, filters: &[&str]) {
    let file = |n: &str| dir.join(n);
    kg(db)
        .args(["export", "json", "--mentions", "-o"])
        .arg(file("kg.json"))
        .args(filters)
        .assert()
        .success();
    kg(db)
        .args(["export", "graphml", "-o"])
        .arg(file("kg.graphml"))
        .args(filters)
        .assert()
        .success();
    kg(db)
        .args(["export", "dot", "--max-nodes", "0", "-o"])
        .arg(file("kg.dot"))
        .args(filters)
        .assert()
        .success();
    for kind in ["jsonl", "csv", "neo4j"] {
        kg(db)
            .args(["export", kind, "--dir"])
            .arg(file(kind))
            .args(filters)
            .assert()
            .success();
    }
    for (format, name) in [("ntriples", "kg.nt"), ("turtle", "kg.ttl")] {
        kg(db)
            .args(["export", "rdf", "--format", format, "-o"])
            .arg(file(name))
            .args(filters)
            .assert()
            .success();
    }
    write_said(db, dir);
}

/// `said.json` for check_exports.py: what `kg --json said --about X` answers for each entity X
/// that a statement of kg.json is about (and whose name no other entity has).
fn write_said(db: &Path, dir: &Path) {
    let json: Value = serde_json::from_str(&read(dir.join("kg.json"))).unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    let name_of = |id: &Value| {
        nodes
            .iter()
            .find(|n| n["id"] == *id)
            .and_then(|n| n["name"].as_str())
    };
    let mut about: Vec<(u64, &str)> = Vec::new();
    for st in json["statements"].as_array().unwrap() {
        for a in st["about"].as_array().unwrap() {
            if let Some(name) = name_of(a)
                && nodes.iter().filter(|n| n["name"] == name).count() == 1
                && !about.iter().any(|(_, n)| *n == name)
            {
                about.push((a.as_u64().unwrap(), name));
            }
        }
    }
    let said: Vec<Value> = about
        .into_iter()
        .map(|(id, name)| {
            let rows = json_out(kg(db).args(["--json", "said", "--about", &format!("id:{id}")]));
            serde_json::json!({"about": name, "said": rows})
        })
        .collect();
    std::fs::write(
        dir.join("said.json"),
        serde_json::to_string_pretty(&said).unwrap(),
    )
    .unwrap();
}

fn run_checks(dir: &Path) {
    let Some(py) = python_with_clients() else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check_exports.py");
    let out = std::process::Command::new(py)
        .arg(script)
        .arg(dir)
        .output()
        .expect("python runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "check_exports.py failed:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("9 passed, 0 failed"), "{text}");
}

fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn every_export_holds_every_entity_and_real_clients_load_them() {
    let (t, db) = fixture();
    let dir = t.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    export_all(&db, &dir, &[]);
    let json: Value = serde_json::from_str(&read(dir.join("kg.json"))).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), NAMES.len());
    assert_eq!(json["statements"].as_array().unwrap().len(), 2);
    let graphml = read(dir.join("kg.graphml"));
    let dot = read(dir.join("kg.dot"));
    let ents_jsonl = read(dir.join("jsonl/entities.jsonl"));
    let ents_csv = read(dir.join("csv/entities.csv"));
    for name in NAMES {
        assert!(
            json["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n["name"] == *name),
            "{name} not in JSON"
        );
        let xml = name
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;");
        assert!(graphml.contains(&xml), "{name} not in GraphML");
        let dotq = name.replace('\\', "\\\\").replace('"', "\\\"");
        assert!(dot.contains(&dotq), "{name} not in DOT");
        assert!(
            ents_jsonl.contains(&serde_json::to_string(name).unwrap()),
            "{name} not in JSONL"
        );
    }
    assert!(
        ents_csv.contains("'=Formula Ltd"),
        "formula defused: {ents_csv}"
    );
    assert!(!ents_csv.contains(",=Formula"));
    for t in [
        "entities",
        "statements",
        "relations",
        "mentions",
        "documents",
    ] {
        let lines = read(dir.join(format!("jsonl/{t}.jsonl")));
        assert!(!lines.is_empty(), "{t}.jsonl empty");
        for l in lines.lines() {
            serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{t}: {e}: {l}"));
        }
        assert!(dir.join(format!("csv/{t}.csv")).is_file());
    }
    if dot_installed() {
        let out = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(dir.join("kg.dot"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.contains("&lt;Corp&gt; &amp; Sons"));
        assert!(svg.contains("Legend"));
    }
    run_checks(&dir);
}

/// A strict RFC 4180 reader (the test's own, independent of kg's writer): records of fields.
/// Panics on a quote inside an unquoted field, text after a closing quote, a bare CR or an
/// unterminated quote.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut in_quotes) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    let next = chars.peek().copied();
                    assert!(
                        matches!(next, None | Some(',' | '\n' | '\r')),
                        "{next:?} after a closing quote"
                    );
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !quoted => (in_quotes, quoted) = (true, true),
            '"' => panic!("a quote inside the unquoted field {field:?}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => panic!("a bare CR after {field:?}"),
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted = false;
            }
            c => field.push(c),
        }
    }
    assert!(!in_quotes, "unterminated quoted field");
    if !field.is_empty() || quoted || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// The column `name` of a table read by [`read_csv`].
fn col<'a>(t: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = t[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", t[0]));
    t[1..].iter().map(|r| r[i].as_str()).collect()
}

/// The Neo4j files: headers as neo4j-admin reads them, every name unharmed (no formula
/// defusing in a database file), ids unique across the node files and every relationship end
/// one of them; the RDF: one triple a line in the N-Triples shape, the names as escaped
/// literals; then the real clients (Python's csv module, pyoxigraph and a SPARQL "who said what
/// about X" compared with `kg --json said --about X`) through check_exports.py.
#[test]
fn neo4j_and_rdf_exports_hold_the_graph_and_load() {
    let (t, db) = fixture();
    let dir = t.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    export_all(&db, &dir, &[]);
    let json: Value = serde_json::from_str(&read(dir.join("kg.json"))).unwrap();
    let n = dir.join("neo4j");
    let table = |f: &str| {
        let t = read_csv(&read(n.join(f)));
        for r in &t {
            assert_eq!(r.len(), t[0].len(), "{f}: {r:?}");
        }
        t
    };
    let ents = table("nodes_entities.csv");
    assert_eq!(
        ents[0],
        [
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
            "gazetteer_id"
        ]
    );
    let mut names = col(&ents, "name");
    names.sort();
    let mut want = NAMES.to_vec();
    want.sort();
    assert_eq!(names, want, "names unharmed, =Formula Ltd not defused");
    for (label, ty) in col(&ents, ":LABEL").iter().zip(col(&ents, "type")) {
        let mut cap = ty.to_string();
        cap[..1].make_ascii_uppercase();
        assert_eq!(*label, format!("Entity;{cap}"));
    }
    for m in col(&ents, "mention_count:long") {
        m.parse::<u64>().unwrap();
    }
    let docs = table("nodes_documents.csv");
    let stmts = table("nodes_statements.csv");
    assert_eq!(col(&docs, ":LABEL"), ["Document"; 3]);
    assert_eq!(col(&docs, "published:date"), ["2025-06-01"; 3]);
    let mut contents = col(&stmts, "content");
    contents.sort();
    assert_eq!(
        contents,
        [
            "Chile would send a delegation to Oslo",
            "Norway wants a fair deal with Chile"
        ]
    );
    for c in col(&stmts, "confidence:double") {
        c.parse::<f64>().unwrap();
    }
    let mut ids = std::collections::HashSet::new();
    for t in [&ents, &docs, &stmts] {
        for id in col(t, "id:ID") {
            assert!(ids.insert(id.to_string()), "{id} twice");
        }
    }
    assert_eq!(ids.len(), NAMES.len() + 3 + 2);
    let mut rel_types = Vec::new();
    for f in [
        "rels_relations.csv",
        "rels_spoken_by.csv",
        "rels_about.csv",
        "rels_in.csv",
        "rels_mentioned_in.csv",
    ] {
        let r = table(f);
        assert_eq!(r[0][..3], [":START_ID", ":END_ID", ":TYPE"], "{f}");
        for end in [":START_ID", ":END_ID"] {
            for id in col(&r, end) {
                assert!(ids.contains(id), "{f}: {id} is no node");
            }
        }
        assert!(r.len() > 1, "{f} is empty");
        rel_types.extend(col(&r, ":TYPE").into_iter().map(str::to_string));
    }
    let mut json_rels: Vec<String> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["relation"].as_str().unwrap().to_string())
        .collect();
    json_rels.extend([
        "SPOKEN_BY".into(),
        "SPOKEN_BY".into(),
        "IN".into(),
        "IN".into(),
    ]);
    json_rels.extend(["ABOUT"; 4].map(String::from));
    let mentioned_in = table("rels_mentioned_in.csv").len() - 1;
    json_rels.extend(std::iter::repeat_n(
        "MENTIONED_IN".to_string(),
        mentioned_in,
    ));
    rel_types.sort();
    json_rels.sort();
    assert_eq!(rel_types, json_rels);
    let readme = read(n.join("README.txt"));
    assert!(readme.contains("neo4j-admin database import full neo4j"));
    assert!(readme.contains("--nodes=nodes_entities.csv"));
    assert!(readme.contains("--relationships=rels_mentioned_in.csv"));
    assert!(readme.contains("--multiline-fields=true"));
    assert!(read(n.join("schema.cypher")).contains(
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;"
    ));
    assert!(read(n.join("queries.cypher")).contains("-[:ABOUT]->(x:Entity {name: 'Chile'})"));

    let nt = read(dir.join("kg.nt"));
    for l in nt.lines() {
        assert!(l.starts_with("<https://kg.example/"), "{l}");
        assert!(l.ends_with(" ."), "{l}");
        assert!(!l.chars().any(char::is_control), "{l}");
    }
    for name in NAMES {
        let lit = serde_json::to_string(name).unwrap(); // the same escapes for these names
        assert!(
            nt.contains(&format!("<https://kg.example/ns#name> {lit} .")),
            "{name} not in N-Triples"
        );
    }
    let person =
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kg.example/ns#Person> .";
    assert_eq!(nt.matches(person).count(), 4);
    assert!(nt.contains("<https://kg.example/ns#MET_WITH> <https://kg.example/id/entity/"));
    let ttl = read(dir.join("kg.ttl"));
    assert!(ttl.starts_with("@prefix kg: <https://kg.example/ns#> ."));
    assert!(ttl.contains(" a kg:Statement ."));
    kg(&db)
        .args(["export", "rdf", "--format", "rdfxml"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown RDF format"));
    // stdout by default, N-Triples by default
    let out = kg(&db).args(["export", "rdf"]).assert().success();
    assert_eq!(String::from_utf8_lossy(&out.get_output().stdout), nt);
    run_checks(&dir);
}

#[test]
fn filters_select_the_same_part_in_every_export() {
    let (t, db) = fixture();
    let dir = t.path().join("focus");
    std::fs::create_dir_all(&dir).unwrap();
    let filters = ["--focus", "Ingrid Halvorsen", "--depth", "1"];
    export_all(&db, &dir, &filters);
    let json: Value = serde_json::from_str(&read(dir.join("kg.json"))).unwrap();
    let mut names: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Chile", "Ingrid Halvorsen", "Mateo Rojas", "Norway", "Oslo"]
    );
    // statements by or about the selected entities, mentions of them only
    assert_eq!(json["statements"].as_array().unwrap().len(), 2);
    for n in json["nodes"].as_array().unwrap() {
        assert!(!n["mentions"].as_array().unwrap().is_empty());
    }
    let docs: Vec<&str> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!docs.contains(&"nasty.txt"), "{docs:?}");
    assert!(!read(dir.join("kg.graphml")).contains("Lena Park"));
    assert!(!read(dir.join("kg.dot")).contains("Lena Park"));
    run_checks(&dir);

    // type and relation filters
    let v = json_out(kg(&db).args(["export", "json", "--type", "person"]));
    assert!(
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["type"] == "person")
    );
    assert!(
        v["links"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["relation"] != "CRITICIZED"),
        "the organization end is gone"
    );
    let v = json_out(kg(&db).args(["export", "json", "--relation", "MET_WITH,CALLED"]));
    let rels: Vec<&str> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["relation"].as_str().unwrap())
        .collect();
    assert_eq!(rels.len(), 3);
    assert!(rels.iter().all(|r| *r == "MET_WITH" || *r == "CALLED"));
    // min weight keeps only the heavy co-occurrence between Halvorsen and Rojas
    let v = json_out(kg(&db).args(["export", "json", "--min-weight", "2"]));
    let links = v["links"].as_array().unwrap();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0]["weight"], 2);
    // node cap with a note
    let out = kg(&db)
        .args(["export", "json", "--max-nodes", "3"])
        .assert()
        .success();
    let o = out.get_output();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["nodes"].as_array().unwrap().len(), 3);
    assert!(String::from_utf8_lossy(&o.stderr).contains("showing 3 of 10 entities"));
    // unknown focus: suggestions
    kg(&db)
        .args(["export", "dot", "--focus", "Mateo Roja"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("Mateo Rojas"));
}

#[test]
fn dot_has_styles_bundles_tooltips_and_legend() {
    let (_t, db) = fixture();
    let out = kg(&db).args(["export", "dot"]).assert().success();
    let dot = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(dot.starts_with("digraph kg {"));
    assert!(dot.contains("subgraph cluster_legend"));
    // the two Halvorsen-Rojas relations stay separate bundles, co-occurrence has no arrow
    assert!(dot.contains("label=\"met with\""));
    assert!(dot.contains("dir=\"none\""));
    // the statement is the tooltip of the SAID_ABOUT edge and of its speaker
    assert!(dot.contains("“Norway wants a fair deal with Chile”"));
    assert!(dot.contains("said “Norway wants a fair deal with Chile”"));
    // nasty names escaped
    assert!(dot.contains(&NASTY_PERSON.replace('\\', "\\\\").replace('"', "\\\"")));
    assert!(dot.contains(NASTY_ORG));
    assert!(dot.contains("layout=\"fdp\""));
    kg(&db)
        .args(["export", "dot", "--layout", "dot"])
        .assert()
        .success()
        .stdout(predicates::str::contains("rankdir=\"LR\""));
    kg(&db)
        .args(["export", "dot", "--layout", "spring"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown layout"));
}

fn png_magic(b: &[u8]) -> bool {
    b.starts_with(b"\x89PNG")
}

#[test]
fn render_uses_graphviz_or_the_builtin_layout() {
    let (t, db) = fixture();
    let svg = t.path().join("g.svg");
    // without graphviz: SVG still works, PNG names the package to install
    kg(&db)
        .env("KG_NO_GRAPHVIZ", "1")
        .args(["render", "--format", "svg", "-o"])
        .arg(&svg)
        .assert()
        .success()
        .stdout(predicates::str::contains("built-in layout"));
    let s = read(svg.clone());
    assert!(s.contains("<svg") && s.contains("Ingrid Halvorsen"));
    if let Some(keep) = std::env::var_os("KG_KEEP_RENDER") {
        std::fs::write(Path::new(&keep).join("fixture-builtin.svg"), &s).unwrap();
    }
    assert!(s.contains("&lt;Corp&gt; &amp; Sons"));
    kg(&db)
        .env("KG_NO_GRAPHVIZ", "1")
        .args(["render", "--format", "png", "-o"])
        .arg(t.path().join("g.png"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("graphviz"))
        .stderr(predicates::str::contains("apt-get install graphviz"));
    // an empty PATH is the same as no graphviz
    kg(&db)
        .env("PATH", "")
        .args(["render", "--format", "pdf", "-o"])
        .arg(t.path().join("g.pdf"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("graphviz"));
    if !dot_installed() {
        eprintln!("skipping the graphviz half: `dot` not on PATH");
        return;
    }
    for (fmt, check) in [
        ("png", png_magic as fn(&[u8]) -> bool),
        ("pdf", |b: &[u8]| b.starts_with(b"%PDF")),
        ("svg", |b: &[u8]| {
            String::from_utf8_lossy(b).contains("<svg")
        }),
    ] {
        let f = t.path().join(format!("gv.{fmt}"));
        kg(&db)
            .args(["render", "--format", fmt, "--focus", "Mateo Rojas", "-o"])
            .arg(&f)
            .assert()
            .success()
            .stdout(predicates::str::contains("drawn by graphviz"));
        let b = std::fs::read(&f).unwrap();
        assert!(check(&b), "{fmt} output looks wrong");
        if let Some(keep) = std::env::var_os("KG_KEEP_RENDER") {
            std::fs::write(Path::new(&keep).join(format!("fixture.{fmt}")), &b).unwrap();
        }
    }
    kg(&db)
        .args(["render", "--format", "gif", "-o"])
        .arg(t.path().join("g.gif"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown format"));
}

#[test]
fn html_is_one_self_contained_file() {
    let (t, db) = fixture();
    for no_gv in [false, true] {
        let f = t.path().join(format!("report-{no_gv}.html"));
        let mut c = kg(&db);
        if no_gv {
            c.env("KG_NO_GRAPHVIZ", "1");
        }
        c.args(["export", "html", "-o"]).arg(&f).assert().success();
        let h = read(f);
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(h.contains("<svg"));
        assert!(h.contains("<input id=\"q\""));
        assert!(h.contains("Norway wants a fair deal with Chile"));
        assert!(h.contains("Dr. &quot;Quote&quot; O&#39;Brien\\"));
        assert!(!h.contains("<Corp>"), "user text escaped");
        // nothing fetched from the network: no external src/href, no stylesheet links
        assert!(!h.contains("<link"));
        assert!(!h.contains("src=\"http"));
        assert!(!h.contains("href=\"http"));
        assert!(!h.contains("<script src"));
        assert_eq!(h.matches("<script>").count(), 1);
    }
}

/// The real pipeline on invented articles: whatever entities extraction finds appear in every
/// export (meaningful once extraction lands; structure is checked either way).
#[test]
fn ingested_articles_export_consistently() {
    let t = tempfile::tempdir().unwrap();
    let c = t.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(
        c.join("a.txt"),
        "Talks resume in Geneva\n\
         Foreign Minister Tomas Varga of Hungary met Chilean envoy Rosa Quispe in Geneva on Friday.\n\
         \"We are ready to sign,\" Varga said after the meeting.\n\
         Quispe told reporters that Chile wanted a broader agreement with Hungary.\n",
    )
    .unwrap();
    std::fs::write(
        c.join("b.txt"),
        "Budapest welcomes deal\n\
         Hungary's government said on Monday that the agreement with Chile would be signed soon.\n\
         Tomas Varga praised the United Nations for its support.\n",
    )
    .unwrap();
    let db = t.path().join("g.db");
    kg(&db)
        .args(["ingest", "--quiet"])
        .arg(&c)
        .assert()
        .success();
    let dir = t.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    export_all(&db, &dir, &[]);
    let json: Value = serde_json::from_str(&read(dir.join("kg.json"))).unwrap();
    let graphml = read(dir.join("kg.graphml"));
    let jsonl = read(dir.join("jsonl/entities.jsonl"));
    assert_eq!(json["documents"].as_array().unwrap().len(), 2);
    assert_eq!(
        jsonl.lines().count(),
        json["nodes"].as_array().unwrap().len()
    );
    for n in json["nodes"].as_array().unwrap() {
        let id = n["id"].as_u64().unwrap();
        assert!(graphml.contains(&format!("<node id=\"n{id}\">")));
    }
    run_checks(&dir);
}

/// 250 entities: diagrams are capped by default (with a note), filters narrow them, and the
/// result still renders. Set KG_KEEP_RENDER=DIR to keep the images for a look.
#[test]
fn large_graphs_stay_readable() {
    let t = tempfile::tempdir().unwrap();
    let db = t.path().join("big.db");
    support::build_large(&db, 250, 120);
    let n = json_out(kg(&db).args(["export", "json"]))["nodes"]
        .as_array()
        .unwrap()
        .len();
    assert!(n > 200, "{n} entities");
    let out = kg(&db).args(["export", "dot"]).assert().success();
    let o = out.get_output();
    let dot = String::from_utf8_lossy(&o.stdout);
    let nodes = dot
        .lines()
        .filter(|l| l.trim_start().starts_with('n') && l.contains("shape="))
        .count();
    assert!((50..=60).contains(&nodes), "{nodes} nodes drawn");
    let note = format!("showing {nodes} of {n} entities");
    assert!(String::from_utf8_lossy(&o.stderr).contains(&note));
    assert!(dot.contains(&note), "the note is in the diagram title");
    // no entity is drawn without a connection
    for l in dot.lines().map(str::trim_start) {
        if l.starts_with('n') && l.contains("shape=") {
            let id = l.split('[').next().unwrap();
            assert!(
                dot.contains(&format!("{id} -> ")) || dot.contains(&format!("-> {id} [")),
                "{id} is isolated"
            );
        }
    }
    let keep = std::env::var_os("KG_KEEP_RENDER").map(PathBuf::from);
    let dir = keep.clone().unwrap_or_else(|| t.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("large.dot"), dot.as_bytes()).unwrap();
    let svg = dir.join("large-builtin.svg");
    kg(&db)
        .env("KG_NO_GRAPHVIZ", "1")
        .args(["render", "--max-nodes", "25", "-o"])
        .arg(&svg)
        .assert()
        .success();
    assert!(read(svg).contains("<svg"));
    if dot_installed() {
        let png = dir.join("large.png");
        kg(&db)
            .args(["render", "--format", "png", "-o"])
            .arg(&png)
            .assert()
            .success();
        assert!(png_magic(&std::fs::read(&png).unwrap()));
        let focus = dir.join("large-focus.png");
        kg(&db)
            .args([
                "render",
                "--format",
                "png",
                "--focus",
                "Person 001",
                "--depth",
                "1",
                "--min-weight",
                "2",
                "-o",
            ])
            .arg(&focus)
            .assert()
            .success();
    }
}

/// docs/examples/notebook.py runs on real exports and answers "who talks about X most".
#[test]
fn notebook_example_runs() {
    let Some(py) = python_with_clients() else {
        return;
    };
    let (t, db) = fixture();
    let dir = t.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    export_all(&db, &dir, &[]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/notebook.py");
    let out = std::process::Command::new(py)
        .arg(script)
        .arg(&dir)
        .arg("chile")
        .output()
        .expect("python runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Who talks about Chile most"), "{text}");
    assert!(
        text.contains("Ingrid Halvorsen") && text.contains("Mateo Rojas"),
        "{text}"
    );
    assert!(text.contains("Best connected"));
    assert!(text.contains("Mateo Rojas                    5"), "{text}");
}

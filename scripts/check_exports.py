#!/usr/bin/env python3
"""Proves kg's exports with their real clients.

Usage: check_exports.py DIR [--schema schema/export.schema.json]

DIR holds what these commands wrote (any subset; missing ones are reported and fail):
    kg export json -o DIR/kg.json
    kg export graphml -o DIR/kg.graphml
    kg export dot -o DIR/kg.dot
    kg export jsonl --dir DIR/jsonl
    kg export csv --dir DIR/csv
    kg export neo4j --dir DIR/neo4j
    kg export rdf -o DIR/kg.nt
    kg export rdf --format turtle -o DIR/kg.ttl
    DIR/said.json: [{"about": NAME, "said": <the output of kg --json said --about NAME>}, ...]
Checks: jsonschema validates kg.json against the schema; networkx loads kg.json (node-link) and
kg.graphml with the same nodes and edges; pandas loads every JSONL and CSV table with the same
rows; Graphviz's `dot` renders kg.dot to SVG; Python's csv module reads the Neo4j files strictly
(headers, typed columns, unique ids, every relationship end a node); pyoxigraph parses kg.nt and
kg.ttl into the same graph with the entities of kg.json; a SPARQL query "who said what about
NAME" over kg.nt answers what kg said answers. Needs: pip install networkx pandas jsonschema
pyoxigraph; Debian package graphviz. Exits non-zero when a check fails.
"""

import argparse
import csv
import json
import pathlib
import subprocess
import sys

TABLES = {
    "entities": ["id", "name", "type", "mention_count", "documents", "aliases", "titles", "gazetteer_id"],
    "statements": ["id", "doc", "speaker", "speaker_name", "speaker_text", "cue", "kind", "content",
                   "about", "about_names", "start", "end", "confidence", "rule"],
    "relations": ["id", "source", "source_name", "relation", "label", "target", "target_name", "doc",
                  "start", "end", "evidence", "confidence", "rule", "weight", "statement"],
    "mentions": ["entity", "entity_name", "doc", "start", "end", "text", "rule"],
    "documents": ["id", "name", "path", "title", "hash", "bytes", "format"],
}

NEO4J_HEADERS = {
    "nodes_entities.csv": ["id:ID", ":LABEL", "kg_id:long", "name", "type", "mention_count:long",
                           "doc_count:long", "statements:long", "aliases:string[]", "titles:string[]",
                           "gazetteer_id"],
    "nodes_documents.csv": ["id:ID", ":LABEL", "kg_id:long", "name", "path", "title", "hash",
                            "bytes:long", "words:long", "format", "published:date", "date_source"],
    "nodes_statements.csv": ["id:ID", ":LABEL", "kg_id:long", "content", "cue", "kind", "speaker_text",
                             "doc", "content_start:long", "content_end:long", "sentence_start:long",
                             "sentence_end:long", "confidence:double", "rule"],
    "rels_relations.csv": [":START_ID", ":END_ID", ":TYPE", "kg_id:long", "relation", "label", "doc",
                           "evidence", "start:long", "end:long", "confidence:double", "rule",
                           "weight:long", "count:long", "statement"],
    "rels_spoken_by.csv": [":START_ID", ":END_ID", ":TYPE"],
    "rels_about.csv": [":START_ID", ":END_ID", ":TYPE"],
    "rels_in.csv": [":START_ID", ":END_ID", ":TYPE"],
    "rels_mentioned_in.csv": [":START_ID", ":END_ID", ":TYPE", "mentions:long"],
}
ENTITY_LABELS = {"Person", "Country", "Organization", "Location", "Other"}
KG_PREFIX = "PREFIX kg: <https://kg.example/ns#>\n"

passed = 0
failed = 0


def check(name, fn):
    global passed, failed
    try:
        detail = fn()
        print(f"ok    {name}" + (f": {detail}" if detail else ""))
        passed += 1
    except Exception as e:  # noqa: BLE001 - report every failure the same way
        print(f"FAIL  {name}: {type(e).__name__}: {e}")
        failed += 1


def sparql_string(s):
    """A SPARQL string literal holding s."""
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + out.replace("\t", "\\t") + '"'


def read_neo4j_csv(p):
    """Header and rows of a Neo4j CSV file, read strictly (RFC 4180)."""
    with p.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    assert rows, f"{p.name} is empty"
    for r in rows[1:]:
        assert len(r) == len(rows[0]), f"{p.name}: {len(r)} fields under {len(rows[0])} columns: {r}"
    return rows[0], rows[1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=pathlib.Path)
    ap.add_argument("--schema", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parent.parent / "schema" / "export.schema.json")
    a = ap.parse_args()
    d = a.dir

    import jsonschema
    import networkx as nx
    import pandas as pd

    data = json.loads((d / "kg.json").read_text(encoding="utf-8"))
    counts = {"entities": len(data["nodes"]), "relations": len(data["links"]),
              "statements": len(data["statements"]), "documents": len(data["documents"])}
    names = sorted(n["name"] for n in data["nodes"])

    def schema():
        s = json.loads(a.schema.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(s)
        jsonschema.Draft202012Validator(s).validate(data)
        return f"{a.schema.name}"

    def nx_json():
        try:
            g = nx.node_link_graph(data, edges="links")
        except TypeError:  # networkx < 3.4
            g = nx.node_link_graph(data, link="links")
        assert g.is_directed() and g.is_multigraph()
        assert g.number_of_nodes() == counts["entities"], (g.number_of_nodes(), counts)
        assert g.number_of_edges() == counts["relations"], (g.number_of_edges(), counts)
        assert sorted(nx.get_node_attributes(g, "name").values()) == names
        return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"

    def nx_graphml():
        g = nx.read_graphml(d / "kg.graphml")
        assert g.number_of_nodes() == counts["entities"], (g.number_of_nodes(), counts)
        assert g.number_of_edges() == counts["relations"], (g.number_of_edges(), counts)
        assert sorted(nx.get_node_attributes(g, "name").values()) == names
        for _, _, e in g.edges(data=True):
            assert isinstance(e["weight"], int) and isinstance(e["confidence"], float)
        return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"

    def tables(kind):
        def run():
            sizes = {}
            for t, cols in TABLES.items():
                p = d / kind / f"{t}.{kind}"
                if kind == "jsonl":
                    df = pd.read_json(p, lines=True) if p.stat().st_size else pd.DataFrame(columns=cols)
                else:
                    df = pd.read_csv(p, keep_default_na=False, dtype=str)
                missing = set(cols) - set(df.columns)
                assert not missing or len(df) == 0, f"{t}: missing columns {missing}"
                if t in counts:
                    assert len(df) == counts[t], f"{t}: {len(df)} rows, JSON has {counts[t]}"
                if t == "entities" and len(df):
                    got = sorted(df["name"].tolist())
                    if kind == "csv":  # formula-looking cells are defused with a leading '
                        got = sorted(n[1:] if n.startswith("'") and n[1:2] in "=+-@" else n for n in got)
                    assert got == names, f"entity names differ: {got} vs {names}"
                sizes[t] = len(df)
            return ", ".join(f"{k} {v}" for k, v in sizes.items())
        return run

    def dot():
        r = subprocess.run(["dot", "-Tsvg", str(d / "kg.dot")], capture_output=True, timeout=300)
        assert r.returncode == 0, r.stderr.decode(errors="replace")
        assert b"<svg" in r.stdout
        return f"{len(r.stdout)} bytes of SVG"

    def neo4j():
        n = d / "neo4j"
        files = {p.name: read_neo4j_csv(p) for p in sorted(n.glob("*.csv"))}
        assert sorted(files) == sorted(NEO4J_HEADERS), sorted(files)
        ids = {}
        for name, (header, rows) in files.items():
            assert header == NEO4J_HEADERS[name], (name, header)
            for r in rows:
                for col, v in zip(header, r):
                    if v and col.endswith(":long"):
                        int(v)
                    elif v and col.endswith(":double"):
                        float(v)
                if name.startswith("nodes_"):
                    assert r[0] not in ids, f"id {r[0]} twice"
                    ids[r[0]] = r[1].split(";")
        for name, (header, rows) in files.items():
            if name.startswith("rels_"):
                for r in rows:
                    assert r[0] in ids and r[1] in ids, f"{name}: {r[:3]} refers to a missing node"
        ents = files["nodes_entities.csv"][1]
        assert sorted(r[3] for r in ents) == names, "entity names differ"
        for r in ents:
            labels = r[1].split(";")
            assert labels[0] == "Entity" and labels[1] in ENTITY_LABELS and len(labels) == 2, labels
        for r in files["rels_spoken_by.csv"][1] + files["rels_about.csv"][1]:
            assert ids[r[0]] == ["Statement"] and ids[r[1]][0] == "Entity", r
        for t, f in [("documents", "nodes_documents.csv"), ("statements", "nodes_statements.csv"),
                     ("relations", "rels_relations.csv")]:
            assert len(files[f][1]) == counts[t], f"{f}: {len(files[f][1])} rows, JSON has {counts[t]} {t}"
        readme = (n / "README.txt").read_text(encoding="utf-8")
        assert "neo4j-admin database import full neo4j" in readme
        for name in files:
            opt = "--nodes=" if name.startswith("nodes_") else "--relationships="
            assert opt + name in readme, f"{name} missing from the import command"
        schema_cypher = (n / "schema.cypher").read_text(encoding="utf-8")
        assert "FOR (e:Entity) REQUIRE e.id IS UNIQUE" in schema_cypher
        return f"{len(ids)} nodes, {sum(len(r) for k, (_, r) in files.items() if k.startswith('rels_'))} relationships"

    def rdf_store():
        from pyoxigraph import RdfFormat, Store
        store = Store()
        store.load(path=str(d / "kg.nt"), format=RdfFormat.N_TRIPLES)
        return store

    def rdf():
        from pyoxigraph import RdfFormat, parse
        nt = set(parse(path=str(d / "kg.nt"), format=RdfFormat.N_TRIPLES))
        ttl = set(parse(path=str(d / "kg.ttl"), format=RdfFormat.TURTLE))
        assert nt == ttl, f"N-Triples and Turtle differ: {len(nt ^ ttl)} triples"
        store = rdf_store()
        q = KG_PREFIX + "SELECT ?name WHERE { ?e a kg:Entity ; kg:name ?name }"
        got = sorted(s["name"].value for s in store.query(q))
        assert got == names, f"entity names differ: {got} vs {names}"
        for cls, t in [("Statement", "statements"), ("Relation", "relations"), ("Document", "documents")]:
            q = KG_PREFIX + f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a kg:{cls} }}"
            n = int(next(iter(store.query(q)))["n"].value)
            assert n == counts[t], f"{n} kg:{cls}, JSON has {counts[t]} {t}"
        return f"{len(nt)} triples"

    def sparql_said():
        said = json.loads((d / "said.json").read_text(encoding="utf-8"))
        assert said, "said.json names no entity"
        store = rdf_store()
        rows = 0
        for item in said:
            q = KG_PREFIX + f"""SELECT ?speaker ?content WHERE {{
                ?s a kg:Statement ; kg:about ?x ; kg:content ?content .
                ?x kg:name {sparql_string(item["about"])} .
                OPTIONAL {{ ?s kg:speaker ?sp . ?sp kg:name ?speaker }}
            }}"""
            got = sorted((s["speaker"].value if s["speaker"] else "", s["content"].value)
                         for s in store.query(q))
            want = sorted((r["speaker"] or "", r["content"]) for r in item["said"])
            assert got == want, f"about {item['about']!r}: SPARQL {got} vs kg said {want}"
            rows += len(got)
        return f"{len(said)} entities, {rows} statements"

    check("jsonschema validates kg.json", schema)
    check("networkx loads kg.json (node-link)", nx_json)
    check("networkx loads kg.graphml", nx_graphml)
    check("pandas loads jsonl/*.jsonl", tables("jsonl"))
    check("pandas loads csv/*.csv", tables("csv"))
    check("graphviz renders kg.dot", dot)
    check("csv reads neo4j/*.csv; every relationship end is a node", neo4j)
    check("pyoxigraph loads kg.nt and kg.ttl (the same graph)", rdf)
    check("SPARQL who said what about X matches kg said", sparql_said)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

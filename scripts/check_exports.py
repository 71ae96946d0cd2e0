#!/usr/bin/env python3
"""Proves kg's exports with their real clients.

Usage: check_exports.py DIR [--schema schema/export.schema.json]

DIR holds what these commands wrote (any subset; missing ones are reported and fail):
    kg export json -o DIR/kg.json
    kg export graphml -o DIR/kg.graphml
    kg export dot -o DIR/kg.dot
    kg export jsonl --dir DIR/jsonl
    kg export csv --dir DIR/csv
Checks: jsonschema validates kg.json against the schema; networkx loads kg.json (node-link) and
kg.graphml with the same nodes and edges; pandas loads every JSONL and CSV table with the same
rows; Graphviz's `dot` renders kg.dot to SVG. Needs: pip install networkx pandas jsonschema;
Debian package graphviz. Exits non-zero when a check fails.
"""

import argparse
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

    check("jsonschema validates kg.json", schema)
    check("networkx loads kg.json (node-link)", nx_json)
    check("networkx loads kg.graphml", nx_graphml)
    check("pandas loads jsonl/*.jsonl", tables("jsonl"))
    check("pandas loads csv/*.csv", tables("csv"))
    check("graphviz renders kg.dot", dot)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

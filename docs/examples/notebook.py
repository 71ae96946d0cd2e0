#!/usr/bin/env python3
"""Load kg's exports into networkx and pandas and ask: who talks about NAME most?

    kg export json -o out/kg.json
    kg export jsonl --dir out/jsonl
    python docs/examples/notebook.py out "North Korea"

Needs: pip install networkx pandas. Each block below works as a notebook cell.
"""

import json
import pathlib
import sys

import networkx as nx
import pandas as pd

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out")
target = sys.argv[2] if len(sys.argv) > 2 else "North Korea"

# --- cell 1: the graph in networkx (node-link JSON; one edge per piece of evidence)
data = json.loads((out / "kg.json").read_text(encoding="utf-8"))
try:
    G = nx.node_link_graph(data, edges="links")
except TypeError:  # networkx < 3.4
    G = nx.node_link_graph(data, link="links")
print(f"{G.number_of_nodes()} entities, {G.number_of_edges()} relation edges")

# find the entity by its name or any alias
wanted = target.casefold()
matches = [n for n, d in G.nodes(data=True)
           if d["name"].casefold() == wanted or wanted in (a.casefold() for a in d["aliases"])]
if not matches:
    sys.exit(f"no entity named {target!r} in {out / 'kg.json'}")
node = matches[0]

# --- cell 2: who talks about it, from the SAID_ABOUT edges (speaker -> target)
speakers = pd.Series(
    [G.nodes[u]["name"] for u, _, d in G.in_edges(node, data=True) if d["relation"] == "SAID_ABOUT"],
    dtype="object",
).value_counts()
print(f"\nWho talks about {G.nodes[node]['name']} most (networkx, SAID_ABOUT edges):")
print(speakers.head(10).to_string() if len(speakers) else "(nobody)")

# --- cell 3: the same from the statements table in pandas, with what they said
st = pd.read_json(out / "jsonl" / "statements.jsonl", lines=True)
if len(st):
    about = st[st["about"].apply(lambda ids: node in ids)]
    top = about.groupby("speaker_name").size().sort_values(ascending=False)
    print(f"\nStatements about {G.nodes[node]['name']} by speaker (pandas):")
    print(top.head(10).to_string() if len(top) else "(none)")
    if len(about):
        first = about.iloc[0]
        print(f"\ne.g. {first['speaker_name']} {first['cue']}: {first['content']!r} ({first['doc']})")

# --- cell 4: the best connected entities (distinct neighbours; nx.pagerank needs scipy too)
simple = nx.Graph(G)  # one undirected edge per pair
print("\nBest connected (distinct neighbours):")
for n, d in sorted(simple.degree(), key=lambda x: (-x[1], G.nodes[x[0]]["name"]))[:5]:
    print(f"  {G.nodes[n]['name']:<30} {d}")

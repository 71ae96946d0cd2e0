#!/usr/bin/env python3
"""Writes the PolNeAR TRAIN split as a make-corpus folder (articles + gold.json) for
examples/train_attribution.rs.

Usage: scripts/polnear_train_corpus.py OUTDIR [POLNEAR_DIR]
       (POLNEAR_DIR defaults to $KG_SHARED/eval/polnear, else ../shared/eval/polnear)

It runs ../shared/eval/polnear.py's make-corpus on the train split. A few train .ann files
have a span whose offsets do not reproduce its covered text; make-corpus refuses those, so
this script leaves such articles out (and says which) instead of giving up. Never dev or test.
"""
import os
import re
import shutil
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
shared = os.environ.get("KG_SHARED", os.path.join(here, "..", "..", "shared"))
out = sys.argv[1]
src = sys.argv[2] if len(sys.argv) > 2 else os.path.join(shared, "eval", "polnear")
sys.path.insert(0, os.path.join(shared, "eval"))
import polnear  # noqa: E402

excluded = set()
with tempfile.TemporaryDirectory() as tmp:
    while True:
        root = os.path.join(tmp, "polnear")
        shutil.rmtree(root, ignore_errors=True)
        for sub in ("text", "attributions"):
            os.makedirs(os.path.join(root, "train", sub))
            for f in os.listdir(os.path.join(src, "train", sub)):
                art = f[:-4] if sub == "text" else f[:-4].rsplit("_", 1)[0]
                if art not in excluded:
                    os.symlink(os.path.join(src, "train", sub, f), os.path.join(root, "train", sub, f))
        try:
            gold = polnear.make_corpus("train", out, root)
            break
        except SystemExit as e:
            m = re.match(r"(\S+)\.ann ", str(e))
            if not m:
                raise
            art = m.group(1).rsplit("_", 1)[0]
            print(f"left out {art}: {str(e)[:120]}", file=sys.stderr)
            excluded.add(art)
            try:
                os.remove(os.path.join(out, art + ".txt"))
            except FileNotFoundError:
                pass
print(f"{out}: {gold['counts']}", file=sys.stderr)

#!/usr/bin/env bash
# Two-fold jackknife of kg's attitude mode on the PolNeAR TRAIN split (docs/QUALITY.md,
# "Session 3"): the train articles are split by sorted name into two halves; the attribution
# tagger is trained on one half and kg, built with that model, scores the other half, and the
# other way round. The learned part is thus never scored on text it was trained on, so rule and
# tagger changes can be judged on train before dev is scored. Prints the pooled attribution P/R/F1
# (token Dice >= 0.5, the scorer's main setting).
#
# Usage: scripts/polnear_jackknife.sh            (takes about three minutes)
# Needs ../shared/eval (or KG_SHARED). Never touches dev or test, nor this checkout's model: each
# fold builds a copy of the sources in a temporary folder.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${KG_SHARED:-$here/../shared}
[ -d "$shared/eval/polnear" ] || { echo "no $shared/eval/polnear: the evaluation data is not here" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$here"

KG_SHARED=$shared python3 scripts/polnear_train_corpus.py "$T/train" 2>/dev/null
python3 - "$T" <<'PY'
import json, os, shutil, sys
t = sys.argv[1]
gold = json.load(open(f"{t}/train/gold.json"))
docs = sorted(d["doc"] for d in gold["docs"])
for k, name in enumerate("AB"):
    mine = set(docs[k::2])
    out = f"{t}/fold{name}"
    os.makedirs(out)
    for d in mine:
        shutil.copy(f"{t}/train/{d}", out)
    g = dict(gold)
    g["docs"] = [d for d in gold["docs"] if d["doc"] in mine]
    g["attributions"] = [a for a in gold["attributions"] if a["doc"] in mine]
    json.dump(g, open(f"{out}/gold.json", "w"))
PY

cargo build --release --quiet --example train_attribution
for pair in "A B" "B A"; do
  set -- $pair
  ./target/release/examples/train_attribution "$T/fold$1" > "$T/model.$1.tsv" 2>/dev/null
  # a copy of the sources with that model (the model is compiled in)
  src="$T/src$1"
  mkdir -p "$src"
  git ls-files -z | xargs -0 cp --parents -t "$src"
  cp "$T/model.$1.tsv" "$src/schema/attribution_model.tsv"
  CARGO_TARGET_DIR="$here/target/jackknife" cargo build --release --quiet --manifest-path "$src/Cargo.toml"
  kg="$here/target/jackknife/release/kg"
  "$kg" --db "$T/g$2.db" ingest --quiet --statements attitudes "$T/fold$2" >/dev/null 2>&1
  "$kg" --db "$T/g$2.db" export json --mentions > "$T/kg$2.json"
  python3 "$shared/eval/kg_to_format.py" "$T/kg$2.json" > "$T/sys$2.json"
  python3 "$shared/eval/polnear.py" score "$T/fold$2" "$T/sys$2.json" --json > "$T/score$2.json"
done
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
tp = ns = ng = 0
for f in "AB":
    a = json.load(open(f"{t}/score{f}.json"))["dice>=0.5"]["attribution"]
    print(f"fold {f}: attribution P {a['p']:.4f} R {a['r']:.4f} F1 {a['f1']:.4f}")
    tp += a["tp"]; ns += a["n_sys"]; ng += a["n_gold"]
p, r = tp / ns, tp / ng
print(f"pooled:  attribution P {p:.4f} R {r:.4f} F1 {2 * p * r / (p + r):.4f}  ({tp} right of {ns} system, {ng} gold)")
PY

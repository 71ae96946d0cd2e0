#!/usr/bin/env bash
# Scores kg against the evaluation data in ../shared/eval (see docs/QUALITY.md).
# Usage: scripts/eval.sh seeds|demo|holdout|conll-testa|conll-testb|polnear-dev|polnear-train|ecb-dev|ecb-test [--verbose]
# Builds the release binary first. Prints the scorer's report.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${KG_SHARED:-$here/../shared}
eval_dir=$shared/eval
[ -d "$eval_dir" ] || { echo "no $eval_dir: the evaluation data is not here" >&2; exit 2; }
what=${1:?usage: scripts/eval.sh seeds|demo|holdout|conll-testa|conll-testb|polnear-dev|polnear-train|ecb-dev|ecb-test}
shift || true
cd "$here"
mode=speech
cargo build --release --quiet
KG=$here/target/release/kg
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
run() { # corpus-dir -> $T/sys.json
  "$KG" --db "$T/g.db" ingest --quiet --statements "$mode" "$1" >/dev/null
  "$KG" --db "$T/g.db" export json --mentions > "$T/kg.json"
  python3 "$eval_dir/kg_to_format.py" "$T/kg.json" > "$T/sys.json"
}
case "$what" in
  seeds)
    run "$shared/seeds"
    python3 "$eval_dir/score.py" "$eval_dir/seeds-gold/gold.json" "$T/sys.json" "$@" ;;
  demo)
    run "$here/docs/demo"
    python3 "$eval_dir/score.py" "$here/tests/gold/demo-gold.json" "$T/sys.json" "$@" ;;
  holdout)
    run "$here/tests/holdout/articles"
    python3 "$eval_dir/score.py" "$here/tests/holdout/gold.json" "$T/sys.json" "$@" ;;
  conll-testa|conll-testb)
    split=${what#conll-}
    python3 "$eval_dir/conll.py" make-corpus "$eval_dir/conll2003/eng.$split" "$T/corpus" >/dev/null
    run "$T/corpus"
    python3 "$eval_dir/conll.py" score "$T/corpus" "$T/sys.json" "$@" ;;
  polnear-dev|polnear-train)
    # PolNeAR annotates beliefs, intentions and evaluations as attributions: score kg's
    # attitude mode (`--statements attitudes`); KG_STATEMENTS=speech scores speech only
    mode=${KG_STATEMENTS:-attitudes}
    split=${what#polnear-}
    python3 "$eval_dir/polnear.py" make-corpus "$split" "$T/corpus" >/dev/null
    run "$T/corpus"
    python3 "$eval_dir/polnear.py" score "$T/corpus" "$T/sys.json" "$@" ;;
  ecb-dev|ecb-test)
    topics=dev; [ "$what" = ecb-test ] && topics=36-45
    python3 "$eval_dir/ecbplus.py" make-corpus "$T/corpus" --topics "$topics" >/dev/null
    run "$T/corpus"
    python3 "$eval_dir/ecbplus.py" score "$T/corpus" "$T/sys.json" "$@" ;;
  *) echo "unknown: $what" >&2; exit 2 ;;
esac

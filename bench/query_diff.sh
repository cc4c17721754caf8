#!/usr/bin/env bash
# Search-output regression check between two builds (stemming, name keys, extraction).
#
#   bench/query_diff.sh BIN CORPUS OUTFILE
#
# Ingests CORPUS into a fresh temporary index with BIN and writes `query --json` for a fixed
# set of queries to OUTFILE. The index writer's threads make document order (and so the
# order of equal-score hits and which copy of a duplicate is shown) vary from run to run,
# so each result is canonicalised: hits sorted by (score, ids), each hit's id merged with
# its duplicates, ids relative to the corpus root, hits tied at the -n cut-off dropped.
# Run it with the old and the new binary and `cmp` the two files.
set -euo pipefail
bin=${1:?binary}; corpus=${2:?corpus}; out=${3:?output file}
ix=$(mktemp -d)
"$bin" ingest "$corpus" --index "$ix" -q --commit-seconds 1000000 --commit-every 100000000
{
  for q in minister '"interest rates"' said running companies 'Zürich' 'bank OR banks' \
           '"prime minister" -budget' 'election' 'stated' 'generously'; do
    echo "== query $q"
    "$bin" query --index "$ix" --json -n 1000 "$q" || echo "rc=$?"
  done
  for p in Trump Varga 'Tomas Varga' Smith Brown; do
    echo "== person $p"
    "$bin" query --index "$ix" --json -n 1000 --person "$p" || echo "rc=$?"
    echo "== said-by $p"
    "$bin" query --index "$ix" --json -n 1000 --said-by "$p" || echo "rc=$?"
  done
} | CORPUS_NAME=$(basename "$corpus") python3 -c '
import json, os, sys
name = "/" + os.environ["CORPUS_NAME"] + "/"
def norm(i):  # the shown copy has a relative id, duplicates an absolute path
    return ("/" + i).rsplit(name, 1)[-1]
for line in sys.stdin:
    if line.startswith("=="):
        print(line, end=""); continue
    try:
        r = json.loads(line)
    except ValueError:
        print(line, end=""); continue
    for k in [k for k in r if "elapsed" in k or "took" in k]:
        r[k] = 0
    hits = []
    for h in r.get("hits", []):
        h["ids"] = sorted(norm(i) for i in [h.pop("id")] + h.pop("duplicates", []))
        h.pop("path", None)
        hits.append(h)
    if len(hits) == 1000:  # which of the hits tied at the cut-off are shown varies too
        hits = [h for h in hits if h["score"] > hits[-1]["score"]]
    r["hits"] = sorted(hits, key=lambda h: (-h["score"], h["ids"]))
    print(json.dumps(r, sort_keys=True, ensure_ascii=False))
' > "$out"
rm -rf "$ix"
wc -c "$out"

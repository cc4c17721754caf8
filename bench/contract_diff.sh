#!/usr/bin/env bash
# Before/after check of the search contract: `query --json`, `quotes --json` and
# `people --json` over a fixed list of 48 requests, for two builds on one corpus.
#
#   bench/contract_diff.sh OLD_BIN NEW_BIN CORPUS
#
# Each binary ingests CORPUS into its own fresh index; the outputs are canonicalised (hit
# order among equal scores, ids relative to the corpus, which copy of a duplicated article a
# quotation comes from (the same words by the same speaker in two articles are shown once,
# from either: its title and cue are not compared), scores to 6 significant digits: the query tree tantivy builds from
# the rewritten AST sums the same BM25 terms in another order, a last-bit difference) and
# compared. KEEP=1 keeps the work folder. Keys that
# the contract changed on purpose are mapped before comparing: `query` (once command-line
# text, now the query text alone), the new `filters` and `kind` echoes, and the entity kinds
# `organization`/`location`, now `org`/`place`. Prints the differing requests; exit 1 if any.
set -euo pipefail
old=${1:?old binary}; new=${2:?new binary}; corpus=${3:?corpus}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; echo "work: $work" >&2
requests() {
  local q
  for q in minister '"interest rates"' said running companies 'Zürich' 'bank OR banks' \
           '"prime minister" -budget' election stated generously 'title:election' \
           'budget -tax' '(rail OR tram) council' 'date:2004' 'date:2024-03' \
           'date:[2004-01-01 TO 2004-06-30]' 'date:>=2005-01-01 economy' 'quote:"we will"' \
           'person:Blair' 'org:Labour' 'place:London' 'said_by:Brown' 'brit*' \
           '"said it would"' 'music awards' 'film -oscar' 'author:smith'; do
    printf 'query\t%s\n' "$q"
  done
  for p in Trump Varga 'Tomas Varga' Smith Brown Blair 'Elena Ruiz'; do
    printf 'query\t--person\t%s\n' "$p"
    printf 'query\t--said-by\t%s\n' "$p"
  done
  printf 'query\tbudget\t--sort\tdate\n'
  printf 'query\tgovernment\t--since\t2004-06-01\t--until\t2005-03-31\n'
  printf 'quotes\tbudget\n'; printf 'quotes\t"no deal"\n'; printf 'quotes\t--by\tBlair\n'
  printf 'quotes\t--by\tVarga\n'; printf 'quotes\tgovernment\t--since\t2005-01-01\n'
  printf 'people\n'; printf 'people\telection\n'; printf 'people\t--kind\tperson\n'
  printf 'people\ttram\t--kind\torg\n'; printf 'people\t"prime minister"\t--kind\tplace\n'
}
run() {  # BIN INDEX OUT
  local bin=$1 ix=$2 out=$3 line
  "$bin" ingest "$corpus" --index "$ix" -q --commit-seconds 1000000 --commit-every 100000000 || true
  : > "$out"
  while IFS= read -r line; do
    IFS=$'\t' read -r -a args <<< "$line"
    { printf '== %s\n' "$line"; "$bin" "${args[0]}" --index "$ix" --json -n 1000 "${args[@]:1}" 2>&1 || echo "rc=$?"; } >> "$out"
  done < <(requests)
}
canon() {  # stdin → stdout
  CORPUS_NAME=$(basename "$corpus") python3 -c '
import json, os, sys
name = "/" + os.environ["CORPUS_NAME"] + "/"
kinds = {"organization": "org", "location": "place"}
def norm(i):
    return ("/" + i).rsplit(name, 1)[-1]
for line in sys.stdin:
    if line.startswith("=="):
        print(line, end=""); continue
    try:
        r = json.loads(line)
    except ValueError:
        print(line, end=""); continue
    r.pop("query", None); r.pop("filters", None)
    for e in r.get("entities", []):
        e["kind"] = kinds.get(e["kind"], e["kind"])
    r.pop("kind", None)  # the people answer now echoes the kind asked for
    if "entities" in r:
        r["entities"] = sorted(r["entities"], key=lambda e: (-e["articles"], e["name"], e["kind"]))
    hits = []
    for h in r.get("hits", []):
        h["ids"] = sorted(norm(i) for i in [h.pop("id")] + h.pop("duplicates", []))
        h.pop("path", None)
        hits.append(h)
    if "hits" in r:
        if len(hits) == 1000:
            hits = [h for h in hits if h["score"] > hits[-1]["score"]]
        r["hits"] = sorted(hits, key=lambda h: (-h["score"], h["ids"]))
    for h in r.get("hits", []):
        h["score"] = float("%.6g" % h["score"])
    if "quotes" in r:
        for q in r["quotes"]:
            # Which copy of a duplicated article a quotation is shown from follows the
            # index order, which the writer threads vary from run to run.
            q.pop("path", None); q.pop("article_id", None); q.pop("title", None); q.pop("cue", None)
            q["score"] = float("%.6g" % q["score"])
        r["quotes"] = sorted(r["quotes"], key=lambda q: (-q["score"], json.dumps(q, sort_keys=True)))
    print(json.dumps(r, sort_keys=True, ensure_ascii=False))
'
}
run "$old" "$work/old-ix" "$work/old.raw"
run "$new" "$work/new-ix" "$work/new.raw"
canon < "$work/old.raw" > "$work/old.txt"
canon < "$work/new.raw" > "$work/new.txt"
echo "requests: $(requests | wc -l)"
if cmp -s "$work/old.txt" "$work/new.txt"; then
  echo "no difference"
else
  python3 - "$work/old.txt" "$work/new.txt" <<'PY'
import sys
def blocks(p):
    out, key = {}, None
    for line in open(p):
        if line.startswith("== "):
            key = line[3:].rstrip("\n"); out[key] = ""
        else:
            out[key] += line
    return out
a, b = blocks(sys.argv[1]), blocks(sys.argv[2])
for k in a:
    if a[k] != b.get(k):
        print("DIFF", k); print("  old:", a[k][:300].strip()); print("  new:", b.get(k, "")[:300].strip())
PY
  exit 1
fi

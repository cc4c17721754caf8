#!/usr/bin/env bash
# Byte-for-byte regression check of `newsdex extract --json` between two binaries.
#
#   bench/extract_diff.sh record BIN OUTDIR    # reference outputs from BIN
#   bench/extract_diff.sh check  BIN OUTDIR    # rerun with BIN, diff against OUTDIR
#
# File set (fixed, sorted, so both runs see the same files): every 3rd file of the BBC
# corpus, every 40th file of the 20k synthetic corpus (500), sample_corpus/ and
# tests/fixtures/. Override the corpus roots with BBC=... SYNTH=....
# Outputs (stdout, stderr, exit code) are written per group; nothing is copied into the repo.
set -euo pipefail
mode=${1:?record|check}; bin=${2:?binary}; out=${3:?output dir}
BBC=${BBC:-/work/shared/corpora/bbc}
SYNTH=${SYNTH:-/tmp/newsdex-bench/corpus-20000-s42}
repo=$(cd "$(dirname "$0")/.." && pwd)

lists() {
  find "$BBC" -type f -name '*.txt' | LC_ALL=C sort | awk 'NR % 3 == 1' > "$1/bbc.list"
  find "$SYNTH" -type f | LC_ALL=C sort | awk 'NR % 40 == 1' > "$1/synth.list"
  find "$repo/sample_corpus" -type f | LC_ALL=C sort > "$1/sample.list"
  find "$repo/tests/fixtures" -type f | LC_ALL=C sort > "$1/fixtures.list"
}

run() { # dir
  for g in bbc synth sample fixtures; do
    # One process per file keeps a bad file from hiding the others' output.
    while IFS= read -r f; do
      echo "== $f"
      "$bin" extract --json "$f" 2>&1 || echo "rc=$?"
    done < "$out/$g.list" > "$1/$g.out"
  done
}

case $mode in
  record)
    mkdir -p "$out"; lists "$out"; run "$out"
    wc -l "$out"/*.list "$out"/*.out ;;
  check)
    new=$(mktemp -d); run "$new"; status=0
    for g in bbc synth sample fixtures; do
      if cmp -s "$out/$g.out" "$new/$g.out"; then echo "$g: identical"
      else echo "$g: DIFFERS"; diff "$out/$g.out" "$new/$g.out" | head -20; status=1; fi
    done
    rm -rf "$new"; exit $status ;;
  *) echo "mode must be record or check" >&2; exit 2 ;;
esac

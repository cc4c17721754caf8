#!/usr/bin/env bash
# newsdex performance benchmark (issues 6, 14): builds newsdex, generates (or reuses) a
# deterministic corpus of real news text with ../shared/bench/synth_corpus.py (BBC, Reuters and
# PolNeAR paragraphs), installs tantivy-cli if missing, then runs bench/bench.py: ingest,
# re-ingest and query latency for newsdex, its index-only floor, SQLite FTS5 and tantivy-cli.
#
# usage: bench/run.sh [--docs N] [--seed S] [--input DIR] [--work DIR] [--smoke]
#                     [--repeat R] [--runs Q] [--threads N] [--memory MB] [--stages]
#                     [--no-baselines]
#
#   --docs N        articles to generate (default 100000, ~450 MB)
#   --seed S        generator seed (default 1); the same seed and size give the same bytes
#   --generator G   synth (default: real news text, $NEWSDEX_SYNTH or
#                   ../shared/bench/synth_corpus.py) or gen (examples/gen_corpus: invented
#                   words, kept because its manifest gives query terms of known frequency)
#   --input DIR     benchmark an existing folder instead (e.g. /work/shared/corpora/bbc);
#                   read only, never modified
#   --work DIR      where corpora, indexes and results go (default /tmp/newsdex-bench)
#   --smoke         tiny and quick: 500 articles, 1 ingest run, 5 query runs
#   --repeat R      ingest runs per system (default 3); --runs Q timed runs per query (30)
#   --threads N     newsdex ingest --threads (default: newsdex's own, one per core)
#   --memory MB     writer memory budget for newsdex and tantivy-cli (default 128, newsdex's own)
#   --stages        also time `newsdex extract` alone on a sample
#   --no-baselines  newsdex only (no SQLite, no tantivy-cli)
#
# Prints Markdown tables (also saved as WORK/results.md) and writes WORK/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."

docs=100000 seed=1 generator=synth input="" work=/tmp/newsdex-bench smoke=0
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --generator) generator="$2"; shift 2 ;;
        --input) input="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --smoke) smoke=1; shift ;;
        --repeat|--runs|--threads|--memory) extra+=("$1" "$2"); shift 2 ;;
        --stages|--no-baselines) extra+=("$1"); shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [[ $smoke == 1 ]]; then
    [[ " $* " == *" --docs "* ]] || docs=500
    extra=(--repeat 1 --runs 5 --warmup 1 "${extra[@]}")
    work="$work-smoke"
fi
mkdir -p "$work"

echo "== building newsdex, the corpus generator, the NER throughput probe and the index-only" \
    "floor (release)" >&2
cargo build --release --quiet --bin newsdex --example gen_corpus --example bench_ner \
    --example ingest_floor

if [[ " ${extra[*]} " != *" --no-baselines "* ]] && ! command -v tantivy >/dev/null; then
    # Not --locked: tantivy-cli 0.24's lock file pins traitobject 0.1.0, which current
    # compilers reject; the resolver picks the fixed 0.1.1.
    echo "== installing tantivy-cli (cargo install tantivy-cli; a few minutes)" >&2
    cargo install --quiet tantivy-cli
fi

if [[ -n "$input" ]]; then
    corpus="$input"
else
    corpus="$work/$generator-$docs-s$seed"
    if [[ ! -f "$corpus/.generated" ]]; then
        rm -rf "$corpus"
        echo "== generating $docs articles (seed $seed, $generator) into $corpus" >&2
        case "$generator" in
            synth)
                synth=${NEWSDEX_SYNTH:-../shared/bench/synth_corpus.py}
                [[ -f "$synth" ]] || { echo "run.sh: $synth not found (set NEWSDEX_SYNTH)" >&2; exit 2; }
                python3 "$synth" --out "$corpus" --articles "$docs" --seed "$seed" ;;
            gen) target/release/examples/gen_corpus --out "$corpus" --docs "$docs" --seed "$seed" ;;
            *) echo "run.sh: unknown generator $generator (synth or gen)" >&2; exit 2 ;;
        esac
        touch "$corpus/.generated"
    else
        echo "== reusing $corpus" >&2
    fi
fi

python3 bench/bench.py --corpus "$corpus" --work "$work" --newsdex target/release/newsdex \
    --floor target/release/examples/ingest_floor \
    "${extra[@]}" | tee "$work/results.md"

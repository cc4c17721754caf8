#!/usr/bin/env bash
# Dump benchmark (issue 13): builds newsdex, builds JSON Lines, CSV and WARC.gz dumps of the
# given size from ../shared/corpora (BBC + Reuters articles; article-extraction-benchmark
# pages as WARC response records) and the same articles as separate files, then reports wall
# time, MB/s and peak RSS (/usr/bin/time -v) of `newsdex ingest` on each. Not part of
# `cargo test`.
#
# usage: bench/dumps.sh [--mb MB] [--work DIR] [--threads N] [--only jsonl,csv,files,warc,htmlfiles] [--reuse]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec python3 bench/dumps.py "$@"

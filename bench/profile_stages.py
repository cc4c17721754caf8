#!/usr/bin/env python3
"""Where newsdex ingest spends its CPU, by pipeline stage, from a `perf record -g` profile.

usage: bench/profile_stages.py CORPUS [--newsdex BIN] [--index DIR] [--freq HZ]
       bench/profile_stages.py --script FILE     (reuse a `perf script` dump)

Runs `perf record -F HZ -g --call-graph dwarf` on one ingest into a fresh index (perf must be
installed: apt-get install linux-perf), then attributes every sample to the first stage
whose marker appears in its call stack, scanning the stage list in order (so NER time inside
`extract` counts as NER, stemming inside tantivy's indexer counts as stemming). Prints one
Markdown table: stage, share of CPU samples.
"""
import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile

# (stage, markers): a sample belongs to the first stage with a marker in one of its frames.
STAGES = [
    ("walk (list files, stat)", ["newsdex::corpus::walk", "newsdex::ingest::list_files"]),
    ("read files", ["newsdex::corpus::read"]),
    ("decode + parse articles", ["newsdex::article::"]),
    ("extract: NER tagger", ["newsdex::extract::ner::"]),
    ("extract: quotes", ["newsdex::extract::quotes::"]),
    ("extract: names, kinds, rest", ["newsdex::extract::"]),
    ("fingerprint + hash", ["newsdex::ingest::fingerprint", "xxhash_rust::"]),
    ("build tantivy documents", ["newsdex::index::document::prepare", "NewsIndex::prepare"]),
    ("index: stemming (news analyzer)", ["newsdex::index::analyzer::stem_cached",
                                         "CachedStemmerStream"]),
    ("index: name analyzer", ["newsdex::index::analyzer::NameTokenizer",
                              "newsdex::extract::names::name_keys"]),
    ("index: segment serialisation", ["SegmentWriter::finalize", "segment_serializer"]),
    ("index: doc store compression", ["store_compressor", "lz4_flex::"]),
    ("index: merges", ["IndexMerger", "merge_operation", "merger::"]),
    ("index: tokenise + postings (other)", ["tantivy::indexer::", "tantivy::postings::"]),
    ("re-ingest stamps, open, commit", ["newsdex::ingest::ingest", "file_stamps"]),
]


def samples(script_text):
    """Yields the frames (symbol names) of each sample of a `perf script` dump."""
    frames = []
    for line in script_text.splitlines():
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line.startswith(("\t", " ")):
            parts = line.strip().split(None, 1)
            frames.append(parts[1] if len(parts) > 1 else "")
    if frames:
        yield frames


def attribute(script_text):
    counts = collections.Counter()
    total = 0
    for frames in samples(script_text):
        total += 1
        stack = "\n".join(frames)
        stage = next((name for name, marks in STAGES if any(m in stack for m in marks)),
                     "other (allocator, kernel, threads)")
        counts[stage] += 1
    return counts, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--newsdex", default="target/release/newsdex")
    ap.add_argument("--index", default="")
    ap.add_argument("--freq", type=int, default=250)
    ap.add_argument("--script", default="")
    a = ap.parse_args()
    if a.script:
        text = open(a.script, encoding="utf-8", errors="replace").read()
    else:
        if not a.corpus:
            ap.error("give a corpus folder or --script")
        work = tempfile.mkdtemp(prefix="newsdex-profile-")
        index = a.index or os.path.join(work, "index")
        shutil.rmtree(index, ignore_errors=True)
        data = os.path.join(work, "perf.data")
        subprocess.run(["perf", "record", "-q", "-F", str(a.freq), "-g", "--call-graph",
                        "dwarf,16384", "-o", data, a.newsdex, "ingest", a.corpus, "--index",
                        index, "--quiet"], check=True)
        text = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"],
                              capture_output=True, text=True, errors="replace").stdout
        shutil.rmtree(work, ignore_errors=True)
    counts, total = attribute(text)
    print(f"| stage | share of CPU samples ({total:,} samples) |")
    print("|---|---|")
    order = [name for name, _ in STAGES] + ["other (allocator, kernel, threads)"]
    for name in order:
        if counts[name]:
            print(f"| {name} | {100 * counts[name] / total:.1f} % |")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Known-item search on a BBC-style corpus: query each sampled title as a phrase and check
that its own article (or an exact duplicate of it) ranks first.

usage: bench/known_item.py CORPUS_DIR INDEX_DIR [--sample N] [--seed S] [--bin PATH]
"""
import argparse, json, os, random, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("corpus"); ap.add_argument("index")
ap.add_argument("--sample", type=int, default=300); ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--bin", default="target/release/newsdex")
a = ap.parse_args()

files = sorted(os.path.join(d, f) for d, _, fs in os.walk(a.corpus) for f in fs if f.endswith(".txt"))
random.Random(a.seed).shuffle(files)
ok = total = 0
misses = []
for path in files[: a.sample]:
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    title = text.split("\n", 1)[0].strip().replace('"', " ")
    if not title:
        continue
    out = subprocess.run([a.bin, "query", "--json", "--index", a.index, "-n", "1", f'"{title}"'],
                         capture_output=True, text=True)
    total += 1
    hits = json.loads(out.stdout)["hits"] if out.returncode in (0, 1) and out.stdout else []
    rel = os.path.relpath(path, a.corpus)
    if hits and (hits[0]["path"].endswith(rel) or any(p.endswith(rel) for p in hits[0]["duplicates"])):
        ok += 1
    else:
        misses.append((rel, title, hits[0]["path"] if hits else None))
print(f"known-item success@1: {ok}/{total} = {ok / max(total, 1):.3f}")
for m in misses[:10]:
    print("  miss:", m)

#!/usr/bin/env python3
"""Compare a local index with the same archive pushed to a Quickwit cluster.

Runs each query of a list through `newsdex query --json` twice, on the local index and
with `--quickwit URL`, and compares the top-10 ids in order and the totals; then
`people --json` over everything (names and counts) and `quotes --by NAME --json` for the
most quoted speakers. Prints one line per check and a summary; exits 1 on any mismatch.

    python3 bench/quickwit_compare.py --index IDX --quickwit http://127.0.0.1:7280 \
        [--newsdex target/release/newsdex] [--queries FILE]

The default query list is written for BBC News 2004-5 (keywords, phrases, boolean,
fields, person:, said_by:, dates); a file gives one query per line instead.
"""

import argparse
import json
import subprocess
import sys

QUERIES = [
    "election", "economy growth", "\"prime minister\"", "\"interest rates\"",
    "blair OR brown", "football -chelsea", "title:music", "broadband AND mobile",
    "\"human rights\"", "oil prices", "person:Blair", "person:\"Tony Blair\"",
    "person:Howard tax", "org:Microsoft", "place:China", "said_by:Blair",
    "said_by:\"Michael Howard\" election", "film award", "\"world cup\"", "iraq war",
    "games console", "shares fell", "music download*", "(labour OR tory) campaign",
    "title:\"box office\"", "china -economy", "\"said it would\"", "virus email",
    "date:2005", "date:[2004-01-01 TO 2004-12-31] budget",
]


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        return None, out.stderr.strip()
    return json.loads(out.stdout) if out.stdout.strip() else None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--quickwit", required=True)
    ap.add_argument("--name", default="newsdex")
    ap.add_argument("--newsdex", default="target/release/newsdex")
    ap.add_argument("--queries")
    a = ap.parse_args()
    queries = QUERIES
    if a.queries:
        queries = [l.strip() for l in open(a.queries, encoding="utf-8") if l.strip()]
    base = [a.newsdex]
    remote = ["--quickwit", a.quickwit, "--quickwit-name", a.name]
    bad = 0
    for q in queries:
        local, e1 = run(base + ["query", "--index", a.index, "--json", q])
        far, e2 = run(base + ["query", "--index", a.index, "--json", q] + remote)
        if e1 or e2:
            print(f"ERROR  {q!r}: {e1 or e2}")
            bad += 1
            continue
        li = [h["id"] for h in local["hits"]] if local else []
        ri = [h["id"] for h in far["hits"]] if far else []
        lt = local["total"] if local else 0
        rt = far["total"] if far else 0
        same = li == ri and lt == rt
        bad += not same
        print(f"{'same ' if same else 'DIFF '} {q!r}: total {lt}/{rt}, top {len(li)}/{len(ri)}")
        if not same:
            for i, (x, y) in enumerate(zip(li, ri)):
                if x != y:
                    print(f"        first difference at rank {i + 1}: {x} / {y}")
                    break
    local, _ = run(base + ["people", "--index", a.index, "--json", "-n", "50"])
    far, _ = run(base + ["people", "--index", a.index, "--json", "-n", "50"] + remote)
    lp = [(e["name"], e["kind"], e["articles"]) for e in local["entities"]]
    rp = [(e["name"], e["kind"], e["articles"]) for e in far["entities"]]
    same = lp == rp
    bad += not same
    print(f"{'same ' if same else 'DIFF '} people -n 50: {len(lp)}/{len(rp)} entities")
    if not same:
        print("        local only:", sorted(set(lp) - set(rp))[:5])
        print("        quickwit only:", sorted(set(rp) - set(lp))[:5])
    speakers = [e["name"] for e in local["entities"] if e["kind"] == "person"][:8]
    for s in speakers:
        lq, _ = run(base + ["quotes", "--index", a.index, "--json", "--by", s, "-n", "50"])
        rq, _ = run(base + ["quotes", "--index", a.index, "--json", "--by", s, "-n", "50"] + remote)
        key = lambda r: sorted((q["text"], q["speaker"] or "", q["article_id"]) for q in r["quotes"])
        same = key(lq) == key(rq) and lq["total"] == rq["total"]
        bad += not same
        print(f"{'same ' if same else 'DIFF '} quotes --by {s!r}: {lq['total']}/{rq['total']}")
    print(f"{bad} differences")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

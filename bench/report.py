#!/usr/bin/env python3
"""Markdown tables from a bench/bench.py results file (also used by bench.py itself).

usage: bench/report.py RESULTS.json
"""
import json
import sys

# Issue 14 targets on the 2-core machine, 100k articles (re-ingest from issue 6).
TARGET_INGEST_RSS_MB = 400
TARGET_TANTIVY_RATIO = 1.2
TARGET_FLOOR_RATIO = 2.0
TARGET_QUERY_MS = 25
TARGET_REINGEST_S = 5


def median(xs):
    s = sorted(x for x in xs if x is not None)
    n = len(s)
    return (s[n // 2] + s[(n - 1) // 2]) / 2 if n else float("nan")


def percentile(xs, p):
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-p * len(s) // 100) - 1))] if s else float("nan")


def ms(x):
    if x != x:
        return "—"
    return f"{x * 1000:.2f}" if x < 0.001 else f"{x * 1000:.1f}"


def ingest_row(name, runs, mb, docs):
    if not runs:
        return None, None
    walls = [r["wall"] for r in runs]
    w = median(walls)
    row = (f"| {name} | {w:.1f} ({min(walls):.1f}–{max(walls):.1f}) | "
           f"{median(r['cpu_s'] for r in runs):.1f} | {docs / w:,.0f} | {mb / w:.1f} | "
           f"{max(r['rss_mb'] for r in runs):.0f} / {max(r['anon_mb'] for r in runs):.0f} | "
           f"{median(r['size'] for r in runs) / 1e6:.0f} |")
    return row, w


def markdown(res):
    m = res["machine"]
    mb = res["corpus_bytes"] / 1e6
    nd = res["ingest"]["newsdex"]
    docs = nd[0]["docs"] or res["corpus_files"]
    out = [f"Corpus: {res['corpus_files']:,} files, {docs:,} articles, {mb:.0f} MB "
           f"({res['corpus']}); machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB; "
           f"{m['date_utc']}; load average at start {m['loadavg_start'][0]:.2f}, "
           f"at end {m['loadavg_end'][0]:.2f}.", "",
           f"Ingest from an empty index, median of {len(nd)} runs (min–max):", "",
           "| system | wall s | CPU s | docs/s | MB/s | peak RSS / anon MB | index MB |",
           "|---|---|---|---|---|---|---|"]
    walls = {}
    for key, name in [("newsdex", "newsdex ingest"),
                      ("floor", "newsdex without extraction (floor)"),
                      ("sqlite", "SQLite FTS5 (porter)"),
                      ("tantivy", "tantivy-cli (en_stem, 2 threads)")]:
        row, w = ingest_row(name, res["ingest"].get(key), mb, docs)
        if row:
            out.append(row)
            walls[key] = w
    re = res["reingest"]
    rw = median(r["wall"] for r in re)
    out.append(f"| newsdex re-ingest, unchanged | {rw:.2f} "
               f"({min(r['wall'] for r in re):.2f}–{max(r['wall'] for r in re):.2f}) | "
               f"{median(r['cpu_s'] for r in re):.2f} | {docs / rw:,.0f} | {mb / rw:.0f} | "
               f"{max(r['rss_mb'] for r in re):.0f} / {max(r['anon_mb'] for r in re):.0f} | — |")
    ratios = [f"{who} / {k} ingest time: {walls[key] / walls[k]:.2f}"
              for key, who in (("newsdex", "newsdex"), ("floor", "newsdex without extraction"))
              for k in ("sqlite", "tantivy") if key in walls and k in walls]
    if ratios:
        out += ["", "Ratios: " + "; ".join(ratios) + "."]
    out += ["", "Queries, whole process (start, open, search, top 10 with snippets, print), "
            f"{len(next(iter(res['query_times'].values()))['newsdex'])} runs each, ms:", ""]
    has_t = "tantivy_query" in res
    head = "| query | hits newsdex / FTS5 | newsdex p50 | p95 | sqlite3 p50 | p95 |"
    sep = "|---|---|---|---|---|---|"
    if has_t:
        head += " tantivy-cli in-process p50 | p95 |"
        sep += "---|---|"
    out += [head, sep]
    pooled = {"newsdex": [], "sqlite": []}
    for q in res["queries"]:
        name = q["name"]
        t = res["query_times"][name]
        h = res["hits"][name]
        row = (f"| {name} | {h['newsdex']} / {h['sqlite'] if h['sqlite'] is not None else '—'} | "
               f"{ms(median(t['newsdex']))} | {ms(percentile(t['newsdex'], 95))} | "
               f"{ms(median(t['sqlite']))} | {ms(percentile(t['sqlite'], 95))} |")
        if has_t:
            tq = res["tantivy_query"].get(name, {"times": []})["times"]
            row += f" {ms(median(tq))} | {ms(percentile(tq, 95))} |"
        out.append(row)
        for s in pooled:
            pooled[s] += t[s]
    row = (f"| **whole mix** | | **{ms(median(pooled['newsdex']))}** | "
           f"**{ms(percentile(pooled['newsdex'], 95))}** | {ms(median(pooled['sqlite']))} | "
           f"{ms(percentile(pooled['sqlite'], 95))} |")
    if has_t:
        w = res["tantivy_query"]["rare word, whole process"]["times"]
        row += f" rare word, whole process: {ms(median(w))} | {ms(percentile(w, 95))} |"
    out.append(row)
    p50, p95 = median(pooled["newsdex"]), percentile(pooled["newsdex"], 95)
    rss = max(r["rss_mb"] for r in nd)
    anon = max(r["anon_mb"] for r in nd)
    check = lambda ok: "met" if ok else "NOT met"
    frss = max((r["rss_mb"] for r in res["ingest"].get("floor") or []), default=None)
    target = []
    if "tantivy" in walls:
        ratio = walls["newsdex"] / walls["tantivy"]
        target.append(f"- ingest ≤ {TARGET_TANTIVY_RATIO}× tantivy-cli: {check(ratio <= TARGET_TANTIVY_RATIO)} "
                      f"({ratio:.2f}×)")
    if "floor" in walls:
        ratio = walls["newsdex"] / walls["floor"]
        target.append(f"- ingest ≤ {TARGET_FLOOR_RATIO}× newsdex's floor: "
                      f"{check(ratio <= TARGET_FLOOR_RATIO)} ({ratio:.2f}×)")
    target.append(f"- peak RSS ≤ {TARGET_INGEST_RSS_MB} MB: {check(rss <= TARGET_INGEST_RSS_MB)} "
                  f"({rss:.0f} MB max resident set; {anon:.0f} MB anonymous)"
                  + (f"; floor {check(frss <= TARGET_INGEST_RSS_MB)} ({frss:.0f} MB)" if frss else ""))
    target.append(f"- re-ingest ≤ {TARGET_REINGEST_S} s: {check(rw <= TARGET_REINGEST_S)}")
    slow = [q["name"] for q in res["queries"]
            if median(res["query_times"][q["name"]]["newsdex"]) * 1000 > TARGET_QUERY_MS]
    behind = [q["name"] for q in res["queries"] if res["query_times"][q["name"]]["sqlite"]
              and median(res["query_times"][q["name"]]["newsdex"])
              >= median(res["query_times"][q["name"]]["sqlite"])]
    target.append(f"- every query p50 ≤ {TARGET_QUERY_MS} ms: {check(not slow)}"
                  + (f" (over: {', '.join(slow)})" if slow else "")
                  + f"; faster than sqlite3 on each: {check(not behind)}"
                  + (f" (not: {', '.join(behind)})" if behind else ""))
    out += ["", "Targets (issue 14, stated for 100k articles):"]
    out += target
    if "views" in res:
        v = res["views"]
        out += ["", "Whole-archive views, whole process: " + "; ".join(
            f"`{k}` p50 {ms(median(t))}" for k, t in v.items()) + "."]
    if "stages" in res:
        s = res["stages"]
        out += ["", f"Stage alone: `newsdex extract --json` (read, parse, extract, print; one "
                f"core) on {s['extract_files']} files ({s['extract_mb']:.1f} MB): "
                f"{s['extract_mb_s']:.1f} MB/s, {s['extract_docs_s']:,.0f} docs/s."]
        if "ner_mb_s" in s:
            out.append(f"NER tagger alone (examples/bench_ner, one core): {s['ner_mb_s']:.2f} MB/s "
                       f"({s['ner_line']}).")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(json.load(open(sys.argv[1]))))

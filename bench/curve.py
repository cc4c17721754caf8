#!/usr/bin/env python3
"""The growth curve (issue 14): one table and one plot from several bench/bench.py results
files, one per corpus size (e.g. 10k, 100k and 1M articles of synth_corpus.py).

usage: bench/curve.py --png docs/bench_curve.png RESULTS.json [RESULTS.json ...]

Prints a Markdown table (per size: ingest wall and CPU for newsdex, its floor, tantivy-cli
and FTS5; docs/s, MB/s, peak RSS, index size, unchanged re-ingest, query p50/p95 of the mix,
`people` and `stats`) and, when matplotlib is installed, writes a PNG of ingest time, peak
RSS and query p50 against the number of articles (log-log), with the slope between the two
largest sizes (1.0 = linear) in the legend.
"""
import argparse
import json
import math

from report import median, percentile


def row(res):
    """The figures of one run, by name."""
    ing = res["ingest"]
    nd = ing["newsdex"]
    docs = nd[0]["docs"] or res["corpus_files"]
    mb = res["corpus_bytes"] / 1e6
    wall = lambda key: median(r["wall"] for r in ing.get(key) or []) if ing.get(key) else None
    pooled = [t for q in res["query_times"].values() for t in q["newsdex"]]
    views = res.get("views", {})
    return {
        "articles": docs, "mb": mb,
        "newsdex_s": wall("newsdex"), "cpu_s": median(r["cpu_s"] for r in nd),
        "floor_s": wall("floor"), "tantivy_s": wall("tantivy"), "sqlite_s": wall("sqlite"),
        "rss_mb": max(r["rss_mb"] for r in nd),
        "index_mb": median(r["size"] / 1e6 for r in nd if r.get("size")),
        "reingest_s": median(r["wall"] for r in res["reingest"]),
        "p50_ms": median(pooled) * 1000, "p95_ms": percentile(pooled, 95) * 1000,
        "people_ms": median(views["people"]) * 1000 if "people" in views else None,
        "stats_ms": median(views["stats"]) * 1000 if "stats" in views else None,
    }


def fmt(x, spec):
    return "—" if x is None or x != x else format(x, spec)


def table(rows):
    out = ["| articles | MB | newsdex s | CPU s | floor s | tantivy-cli s | FTS5 s | docs/s "
           "| MB/s | peak RSS MB | index MB | re-ingest s | query p50 / p95 ms "
           "| people ms | stats ms |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(
            f"| {r['articles']:,} | {r['mb']:.0f} | {fmt(r['newsdex_s'], '.1f')} "
            f"| {fmt(r['cpu_s'], '.0f')} | {fmt(r['floor_s'], '.1f')} "
            f"| {fmt(r['tantivy_s'], '.1f')} | {fmt(r['sqlite_s'], '.1f')} "
            f"| {r['articles'] / r['newsdex_s']:,.0f} | {r['mb'] / r['newsdex_s']:.1f} "
            f"| {r['rss_mb']:.0f} | {fmt(r['index_mb'], '.0f')} | {r['reingest_s']:.2f} "
            f"| {r['p50_ms']:.1f} / {r['p95_ms']:.1f} | {fmt(r['people_ms'], '.0f')} "
            f"| {fmt(r['stats_ms'], '.0f')} |")
    return "\n".join(out)


def slope(rows, key):
    """Log-log slope between the two largest sizes: 1 is linear, under 1 sub-linear."""
    pts = [(r["articles"], r[key]) for r in rows if r.get(key)]
    if len(pts) < 2:
        return None
    (n0, y0), (n1, y1) = pts[-2], pts[-1]
    return math.log(y1 / y0) / math.log(n1 / n0)


def plot(rows, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"(matplotlib not installed: {path} not written)")
        return
    x = [r["articles"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.2))
    panels = [
        ("ingest wall time (s)", [("newsdex_s", "newsdex"), ("floor_s", "newsdex, no extraction"),
                                   ("tantivy_s", "tantivy-cli"), ("sqlite_s", "SQLite FTS5")]),
        ("peak RSS / index size (MB)", [("rss_mb", "newsdex peak RSS"), ("index_mb", "index size")]),
        ("whole-process latency (ms)", [("p50_ms", "query p50"), ("p95_ms", "query p95"),
                                        ("people_ms", "people"), ("stats_ms", "stats")]),
    ]
    for ax, (title, series) in zip(axes, panels):
        for key, label in series:
            ys = [r.get(key) for r in rows]
            if all(y is None for y in ys):
                continue
            k = slope(rows, key)
            ax.plot(x, ys, marker="o", label=f"{label}" + (f" (slope {k:.2f})" if k else ""))
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("articles")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"plot: {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="+")
    ap.add_argument("--png", default="docs/bench_curve.png")
    a = ap.parse_args()
    rows = sorted((row(json.load(open(p))) for p in a.results), key=lambda r: r["articles"])
    print(table(rows))
    for key in ("newsdex_s", "rss_mb", "index_mb", "p50_ms", "people_ms"):
        k = slope(rows, key)
        if k is not None:
            print(f"- {key}: log-log slope {k:.2f} between the two largest sizes")
    plot(rows, a.png)


if __name__ == "__main__":
    main()

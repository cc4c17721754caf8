#!/usr/bin/env python3
"""newsdex performance benchmark: ingest, re-ingest and command-line query latency, against
SQLite FTS5 and tantivy-cli on the same articles. Normally started by bench/run.sh, which
builds the binaries and the corpus first.

usage: bench/bench.py --corpus DIR --work DIR [--newsdex BIN] [--floor BIN] [--tantivy BIN]
                      [--repeat R]
                      [--runs Q] [--warmup W] [--threads N] [--memory MB] [--no-baselines]
                      [--stages] [--out results.json]

Method (see docs/BENCHMARKS.md):
- the corpus is read once first so every system starts with a warm page cache;
- each ingest starts from an empty index and runs R times, the systems taking turns, after
  a `sync` (so no run pays for the writeback of the previous system's index); wall
  time is measured around the whole process; peak RSS is the max resident set reported by
  /usr/bin/time (it includes touched pages of memory-mapped index files) and peak anonymous
  RSS is sampled from /proc every 20 ms (heap only);
- with --floor, newsdex's pipeline with extraction off (examples/ingest_floor) takes a turn
  too: what indexing alone costs;
- re-ingest runs newsdex again, R times, on the unchanged corpus and the last index;
- queries: whole processes (start, open, search, top 10 with snippets, print to a pipe),
  Q timed runs after W warm-up runs, queries and systems interleaved; p50 and p95 by nearest
  rank. tantivy-cli's `search` prints every match unranked, so its figures come from
  `tantivy bench` (in-process top 10 + count, then fetching the 10 stored documents).
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import articles  # noqa: E402

SNIPPET_SQL = ("SELECT rowid, title, snippet(articles, 1, '[', ']', '…', 24) FROM articles "
               "WHERE articles MATCH '{match}' ORDER BY {order} LIMIT 10;")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--newsdex", default="target/release/newsdex")
    ap.add_argument("--floor", default="",
                    help="examples/ingest_floor binary: also ingest without extraction")
    ap.add_argument("--tantivy", default=shutil.which("tantivy") or "")
    ap.add_argument("--repeat", type=int, default=3, help="ingest runs per system")
    ap.add_argument("--runs", type=int, default=30, help="timed runs per query")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=0, help="newsdex ingest --threads")
    ap.add_argument("--memory", type=int, default=128,
                    help="writer budget (MB), both tantivys (newsdex's own default)")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--stages", action="store_true", help="also time pipeline stages alone")
    ap.add_argument("--out", default="")
    return ap.parse_args()


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _rss_anon_kb(time_pid):
    """Anonymous RSS (KB) of the process that /usr/bin/time (pid time_pid) started."""
    try:
        with open(f"/proc/{time_pid}/task/{time_pid}/children") as f:
            child = f.read().split()[0]
        with open(f"/proc/{child}/status") as f:
            return next((int(l.split()[1]) for l in f if l.startswith("RssAnon:")), 0)
    except (OSError, IndexError):
        return 0


def timed(cmd):
    """Runs cmd under /usr/bin/time; returns wall seconds, peak RSS in MB (the max resident
    set /usr/bin/time reports; it also counts touched pages of memory-mapped index files),
    peak anonymous RSS in MB (sampled every 20 ms from /proc), CPU seconds (user + system),
    exit code and stdout."""
    # Dirty pages left by the previous run (another system's index: 350-720 MB) are written
    # back first, so no run pays for its predecessor's writeback (it cost newsdex ~10 %).
    os.sync()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        start = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name] + cmd,
                             stdout=out, stderr=err)
        anon = 0
        while p.poll() is None:
            anon = max(anon, _rss_anon_kb(p.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - start
        rc = p.returncode
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        fields = (open(tf.name).read().strip().split("\n") or [""])[-1].split()
    if rc not in (0, 1):
        log(f"command failed ({rc}): {' '.join(cmd)}\n{errors[-2000:]}")
    rss, user, system = (float(x) for x in fields) if len(fields) == 3 else (0, 0, 0)
    return {"wall": wall, "rss_mb": rss / 1024, "anon_mb": anon / 1024, "rc": rc,
            "cpu_s": user + system, "out": text}


def wall_only(cmd):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, p.returncode


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return (s[n // 2] + s[(n - 1) // 2]) / 2 if n else float("nan")


def percentile(xs, p):
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-p * len(s) // 100) - 1))] if s else float("nan")


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem / 1024 / 1024, 1),
            "kernel": platform.release(), "loadavg_start": os.getloadavg(),
            "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def warm_cache(files):
    start = time.perf_counter()
    total = 0
    for path in files:
        with open(path, "rb") as f:
            total += len(f.read())
    return total, time.perf_counter() - start


def ingest_newsdex(a, corpus, index):
    shutil.rmtree(index, ignore_errors=True)
    cmd = [a.newsdex, "ingest", corpus, "--index", index, "--json", "--quiet",
           "--memory", str(a.memory)]
    if a.threads:
        cmd += ["--threads", str(a.threads)]
    r = timed(cmd)
    summary = json.loads(r["out"]) if r["out"].strip() else {}
    return {"wall": r["wall"], "rss_mb": r["rss_mb"], "anon_mb": r["anon_mb"], "rc": r["rc"],
            "cpu_s": r["cpu_s"], "docs": summary.get("documents"), "failed": summary.get("failed"),
            "elapsed_seconds": summary.get("elapsed_seconds"), "size": dir_size(index)}


def ingest_floor(a, corpus, index):
    """newsdex's pipeline with extraction off (examples/ingest_floor): what indexing alone
    costs, next to the baselines."""
    shutil.rmtree(index, ignore_errors=True)
    r = timed([a.floor, corpus, index, str(a.memory)])
    return {"wall": r["wall"], "rss_mb": r["rss_mb"], "anon_mb": r["anon_mb"], "rc": r["rc"],
            "cpu_s": r["cpu_s"], "size": dir_size(index)}


def reingest_newsdex(a, corpus, index):
    cmd = [a.newsdex, "ingest", corpus, "--index", index, "--json", "--quiet"]
    r = timed(cmd)
    summary = json.loads(r["out"]) if r["out"].strip() else {}
    return {"wall": r["wall"], "rss_mb": r["rss_mb"], "anon_mb": r["anon_mb"], "rc": r["rc"],
            "cpu_s": r["cpu_s"], "unchanged": summary.get("unchanged"),
            "added": summary.get("added")}


def ingest_sqlite(ndjson, db):
    if os.path.exists(db):
        os.remove(db)
    fts5 = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fts5.py")
    r = timed([sys.executable, fts5, ndjson, db])
    docs = json.loads(r["out"])["articles"] if r["rc"] == 0 else None
    return {"wall": r["wall"], "rss_mb": r["rss_mb"], "anon_mb": r["anon_mb"], "rc": r["rc"],
            "cpu_s": r["cpu_s"], "docs": docs, "size": dir_size(db)}


def tantivy_schema(tokenizer):
    text = lambda name: {"name": name, "type": "text", "options": {
        "indexing": {"record": "position", "fieldnorms": True, "tokenizer": tokenizer},
        "stored": True, "fast": False}}
    stored = {"name": "date", "type": "text", "options": {"indexing": None, "stored": True,
                                                          "fast": False}}
    return {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
            "segments": [], "schema": [text("title"), text("body"), stored], "opstamp": 0}


def ingest_tantivy(a, ndjson, index, threads):
    shutil.rmtree(index, ignore_errors=True)
    os.makedirs(index)
    with open(os.path.join(index, "meta.json"), "w") as f:
        json.dump(tantivy_schema("en_stem"), f)
    r = timed([a.tantivy, "index", "-i", index, "-f", ndjson, "-t", str(threads),
               "-m", str(a.memory * 1024 * 1024)])
    return {"wall": r["wall"], "rss_mb": r["rss_mb"], "anon_mb": r["anon_mb"], "rc": r["rc"],
            "cpu_s": r["cpu_s"], "size": dir_size(index)}


def newsdex_total(a, index, args):
    p = subprocess.run([a.newsdex, "query", "--index", index, "--json"] + args,
                       capture_output=True, text=True)
    try:
        return json.loads(p.stdout)["total"]
    except (ValueError, KeyError):
        return None


def top_person(a, index):
    """The person newsdex finds in most articles: the person-filter query of a corpus without
    a manifest (a capitalised word pair picked from the text is as often a place)."""
    p = subprocess.run([a.newsdex, "people", "--index", index, "--kind", "person", "--limit",
                        "1", "--json"], capture_output=True, text=True)
    try:
        return json.loads(p.stdout)["entities"][0]["name"]
    except (ValueError, KeyError, IndexError):
        return None


def sqlite_cmd(db, match, order):
    sql = SNIPPET_SQL.format(match=match.replace("'", "''"), order=order)
    return ["sqlite3", "-readonly", db, sql]


def sqlite_total(db, match):
    sql = f"SELECT count(*) FROM articles WHERE articles MATCH '{match.replace(chr(39), chr(39) * 2)}';"
    p = subprocess.run(["sqlite3", "-readonly", db, sql], capture_output=True, text=True)
    return int(p.stdout.strip()) if p.stdout.strip().isdigit() else None


def bench_queries(a, mix, index, db):
    """Interleaved whole-process timings: {query name: {system: [seconds...]}}."""
    times = {name: {"newsdex": [], "sqlite": []} for name, *_ in mix}
    for r in range(a.warmup + a.runs):
        for name, nargs, match, order, _ in mix:
            jobs = [("newsdex", [a.newsdex, "query", "--index", index] + nargs)]
            if db:
                jobs.append(("sqlite", sqlite_cmd(db, match, order)))
            for system, cmd in jobs:
                secs, rc = wall_only(cmd)
                if rc not in (0, 1):
                    log(f"query failed ({rc}): {cmd}")
                if r >= a.warmup:
                    times[name][system].append(secs)
    return times


def bench_views(a, index):
    """Whole-process times (s) of the views that read the whole archive: `people` (the
    top 20 of every kind) and `stats`."""
    cmds = {"people": [a.newsdex, "people", "--index", index, "--limit", "20", "--json"],
            "stats": [a.newsdex, "stats", "--index", index, "--json"]}
    out = {}
    for name, cmd in cmds.items():
        runs = [wall_only(cmd)[0] for _ in range(a.warmup + min(a.runs, 10))]
        out[name] = runs[a.warmup:]
    return out


def tantivy_bench(a, mix, index):
    """In-process search (top 10 + count) plus fetch of the 10 documents, per query (s)."""
    queries = [(name, q) for name, *_, q in mix if q]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(q for _, q in queries) + "\n")
        qfile = f.name
    p = subprocess.run([a.tantivy, "bench", "-i", index, "-q", qfile, "-n", str(a.runs)],
                       capture_output=True, text=True)
    os.remove(qfile)
    search, fetch, hits = {}, {}, {}
    section = None
    for line in p.stdout.splitlines():
        if line.startswith(("SEARCH", "FETCH STORE")):
            section = line.split()[0]
            continue
        parts = line.split("\t")
        if section == "SEARCH" and len(parts) == 3 and parts[2].strip().isdigit():
            search.setdefault(parts[0], []).append(int(parts[2]) / 1e6)
            hits[parts[0]] = int(parts[1])
        elif section == "FETCH" and len(parts) == 2 and parts[1].strip().isdigit():
            fetch.setdefault(parts[0], []).append(int(parts[1]) / 1e6)
    out = {}
    for name, q in queries:
        both = [s + f for s, f in zip(search.get(q, []), fetch.get(q, []))]
        out[name] = {"times": both, "hits": hits.get(q)}
    # One whole-process `tantivy search` on the rare word (few matches to print).
    rare = next(q for name, q in queries if name == "rare word")
    walls = [wall_only([a.tantivy, "search", "-i", index, "-q", rare])[0]
             for _ in range(a.warmup + a.runs)][a.warmup:]
    out["rare word, whole process"] = {"times": walls, "hits": None}
    return out


def _is_utf8(path):
    try:
        open(path, "rb").read().decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def stages(a, files):
    """Throughput of stages alone on a sample of the corpus, one process on one core:
    `newsdex extract --json` (read, parse, extract, print) and, when built, the NER tagger
    alone (examples/bench_ner: tags the raw files for two seconds after a warm-up)."""
    sample = files[:: max(1, len(files) // 2000)][:2000]
    size = sum(os.path.getsize(f) for f in sample)
    walls = []
    for _ in range(3):
        with tempfile.TemporaryFile() as sink:
            start = time.perf_counter()
            subprocess.run([a.newsdex, "extract", "--json"] + sample, stdout=sink,
                           stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
    w = median(walls)
    out = {"extract_files": len(sample), "extract_mb": size / 1e6, "extract_wall": w,
           "extract_mb_s": size / 1e6 / w, "extract_docs_s": len(sample) / w}
    ner = os.path.join(os.path.dirname(a.newsdex), "examples", "bench_ner")
    if os.path.exists(ner):
        texts = [f for f in sample if f.endswith(".txt") and _is_utf8(f)][:500]
        p = subprocess.run([ner] + texts, capture_output=True, text=True)
        rate = [l for l in p.stdout.splitlines() if "MB/s" in l]
        if rate:
            out["ner_line"] = rate[-1]
            out["ner_mb_s"] = float(rate[-1].split(" MB/s")[0].split()[-1])
    return out


def main():
    a = parse_args()
    a.newsdex = os.path.abspath(a.newsdex)
    os.makedirs(a.work, exist_ok=True)
    baselines = not a.no_baselines
    if baselines and not a.tantivy:
        log("tantivy-cli not found: its columns are skipped (bench/run.sh installs it)")
    res = {"machine": machine(), "corpus": os.path.abspath(a.corpus),
           "params": {k: v for k, v in vars(a).items()}}
    files = articles.corpus_files(a.corpus)
    size, read_s = warm_cache(files)
    res["corpus_files"], res["corpus_bytes"], res["read_all_s"] = len(files), size, read_s
    log(f"{len(files)} files, {size / 1e6:.1f} MB; read once (warm cache) in {read_s:.1f}s")
    manifest_path = os.path.join(a.corpus, ".generator.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else None
    res["manifest"] = manifest
    ndjson = os.path.join(a.work, "articles.ndjson")
    if baselines or not manifest:
        start = time.perf_counter()
        n, skipped = articles.export_ndjson(a.corpus, ndjson)
        log(f"exported {n} articles for the baselines ({skipped} files skipped) "
            f"in {time.perf_counter() - start:.1f}s")
    terms = manifest["terms"] if manifest else articles.auto_terms(ndjson)
    mix = articles.query_mix(terms)
    res["terms"] = terms
    index, db = os.path.join(a.work, "newsdex-index"), os.path.join(a.work, "fts5.sqlite")
    tindex = os.path.join(a.work, "tantivy-index")
    runs = {"newsdex": [], "floor": [], "sqlite": [], "tantivy": []}
    findex = os.path.join(a.work, "floor-index")
    for r in range(a.repeat):
        log(f"ingest run {r + 1}/{a.repeat}: newsdex")
        runs["newsdex"].append(ingest_newsdex(a, a.corpus, index))
        if a.floor:
            log(f"ingest run {r + 1}/{a.repeat}: newsdex without extraction (floor)")
            runs["floor"].append(ingest_floor(a, a.corpus, findex))
        if baselines:
            log(f"ingest run {r + 1}/{a.repeat}: sqlite fts5")
            runs["sqlite"].append(ingest_sqlite(ndjson, db))
            if a.tantivy:
                log(f"ingest run {r + 1}/{a.repeat}: tantivy-cli")
                runs["tantivy"].append(ingest_tantivy(a, ndjson, tindex, os.cpu_count()))
    shutil.rmtree(findex, ignore_errors=True)
    res["ingest"] = runs
    person = None if manifest else top_person(a, index)
    if person:
        terms["person"] = {"text": person, "df": None}
        mix = articles.query_mix(terms)
    log("re-ingest (unchanged corpus)")
    res["reingest"] = [reingest_newsdex(a, a.corpus, index) for _ in range(a.repeat)]
    log(f"queries: {len(mix)} x {a.runs} runs")
    res["queries"] = [{"name": n, "newsdex_args": na, "fts5_match": m, "fts5_order": o,
                       "tantivy_query": t} for n, na, m, o, t in mix]
    res["query_times"] = bench_queries(a, mix, index, db if baselines else None)
    res["views"] = bench_views(a, index)
    res["hits"] = {n: {"newsdex": newsdex_total(a, index, na),
                       "sqlite": sqlite_total(db, m) if baselines else None}
                   for n, na, m, _, _ in mix}
    if baselines and a.tantivy:
        res["tantivy_query"] = tantivy_bench(a, mix, tindex)
    if a.stages:
        log("stage throughput")
        res["stages"] = stages(a, files)
    res["machine"]["loadavg_end"] = os.getloadavg()
    out = a.out or os.path.join(a.work, "results.json")
    with open(out, "w") as f:
        json.dump(res, f, indent=1)
    import report  # noqa: E402
    print(report.markdown(res))
    log(f"results: {out}")


if __name__ == "__main__":
    main()

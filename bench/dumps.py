#!/usr/bin/env python3
"""Builds benchmark dumps from ../shared/corpora and times `newsdex ingest` on each.

Articles: BBC (title = first line) and Reuters-21578 (<TITLE>/<BODY>), repeated with a
repetition number in each title until the dump reaches --mb megabytes, written as one JSON
Lines file, one CSV file, and the same articles as separate .json files. Pages: the
article-extraction-benchmark HTML pages wrapped as WARC response records (one gzip member per
record, as Common Crawl writes them) to --mb megabytes uncompressed, and the same pages as
separate .html files. Each input is ingested into a fresh index under /usr/bin/time -v;
the table gives wall time, MB/s of the input's uncompressed size, and peak RSS.
Nothing is copied into the repository: the corpora are only read at run time.
"""
import argparse, csv, glob, gzip, html, io, json, os, re, shutil, subprocess, sys, time

def bbc(root):
    for path in sorted(glob.glob(os.path.join(root, "bbc", "*", "*.txt"))):
        text = open(path, encoding="latin-1").read().strip()
        title, _, body = text.partition("\n")
        yield title.strip(), body.strip()

def reuters(root):
    for path in sorted(glob.glob(os.path.join(root, "reuters21578", "*.sgm"))):
        data = open(path, encoding="latin-1").read()
        for m in re.finditer(r"<REUTERS.*?</REUTERS>", data, re.S):
            t = re.search(r"<TITLE>(.*?)</TITLE>", m.group(0), re.S)
            b = re.search(r"<BODY>(.*?)</BODY>", m.group(0), re.S)
            if t and b:
                yield html.unescape(t.group(1)).strip(), html.unescape(b.group(1)).strip()

def articles(root, limit):
    base = list(bbc(root)) + list(reuters(root))
    size, rep = 0, 0
    while True:
        for title, body in base:
            if size >= limit:
                return
            rec = {"title": f"{title} ({rep})", "body": body}
            size += len(body) + len(title)
            yield rec
        rep += 1

def pages(root, limit):
    files = sorted(glob.glob(os.path.join(root, "article-extraction-benchmark", "html", "*.html.gz")))
    raw = [gzip.open(f).read() for f in files]
    size, rep = 0, 0
    while True:
        for i, page in enumerate(raw):
            if size >= limit:
                return
            size += len(page)
            yield f"https://bench.example/{rep}/{i}", page
        rep += 1

def warc_record(uri, page):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=6)

def build(root, work, mb, only):
    """Writes the inputs named in `only` (all when empty)."""
    limit = mb * 1_000_000
    want = lambda name: not only or name in only
    for d in ["jsonl", "csv", "files", "warc", "htmlfiles"]:
        if want(d):
            shutil.rmtree(os.path.join(work, d), ignore_errors=True)
            os.makedirs(os.path.join(work, d))
    if want("jsonl") or want("csv") or want("files"):
        jl = open(f"{work}/jsonl/dump.jsonl", "w") if want("jsonl") else None
        cf = open(f"{work}/csv/dump.csv", "w", newline="") if want("csv") else None
        w = csv.writer(cf) if cf else None
        if w:
            w.writerow(["title", "body"])
        for n, rec in enumerate(articles(root, limit)):
            if jl:
                jl.write(json.dumps(rec) + "\n")
            if w:
                w.writerow([rec["title"], rec["body"]])
            if want("files"):
                folder = f"{work}/files/{n // 1000:04d}"
                os.makedirs(folder, exist_ok=True)
                with open(f"{folder}/{n}.json", "w") as f:
                    json.dump(rec, f)
        for f in (jl, cf):
            if f:
                f.close()
    if want("warc") or want("htmlfiles"):
        wf = open(f"{work}/warc/dump.warc.gz", "wb") if want("warc") else None
        for n, (uri, page) in enumerate(pages(root, limit)):
            if wf:
                wf.write(warc_record(uri, page))
            if want("htmlfiles"):
                folder = f"{work}/htmlfiles/{n // 1000:04d}"
                os.makedirs(folder, exist_ok=True)
                with open(f"{folder}/{n}.html", "wb") as f:
                    f.write(page)
        if wf:
            wf.close()

def uncompressed_mb(path):
    if path.endswith(".gz"):
        n = 0
        with gzip.open(path) as f:
            while chunk := f.read(1 << 20):
                n += len(chunk)
        return n / 1e6
    total = 0
    for dirpath, _, names in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
        total += sum(os.path.getsize(os.path.join(dirpath, n)) for n in names)
    return total / 1e6

def run(binary, work, name, target, threads):
    index = f"{work}/idx-{name}"
    shutil.rmtree(index, ignore_errors=True)
    cmd = ["/usr/bin/time", "-v", binary, "ingest", target, "--index", index, "--json", "--quiet"]
    if threads:
        cmd += ["--threads", str(threads)]
    subprocess.run(["sync"])
    started = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    summary = json.loads(p.stdout.strip().splitlines()[-1]) if p.stdout.strip() else {}
    mb = uncompressed_mb(target)
    return {"input": name, "mb": round(mb, 1), "articles": summary.get("documents"),
            "wall_s": round(wall, 1), "mb_per_s": round(mb / wall, 2),
            "peak_rss_mb": round(int(rss.group(1)) / 1024) if rss else None, "exit": p.returncode}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=250, help="size of each dump (uncompressed MB)")
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora"))
    ap.add_argument("--work", default="/tmp/newsdex-dumps-bench")
    ap.add_argument("--binary", default="target/release/newsdex")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated subset: jsonl,csv,files,warc,htmlfiles")
    ap.add_argument("--reuse", action="store_true", help="keep dumps built by an earlier run")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    only = set(filter(None, a.only.split(",")))
    if not a.reuse:
        build(a.corpora, a.work, a.mb, only)
    targets = [("jsonl", f"{a.work}/jsonl/dump.jsonl"), ("csv", f"{a.work}/csv/dump.csv"),
               ("files", f"{a.work}/files"), ("warc.gz", f"{a.work}/warc/dump.warc.gz"),
               ("htmlfiles", f"{a.work}/htmlfiles")]
    rows = [run(a.binary, a.work, n, t, a.threads) for n, t in targets
            if not only or n.split(".")[0] in only]
    print("| input | MB | articles | wall s | MB/s | peak RSS MB | exit |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['input']} | {r['mb']} | {r['articles']} | {r['wall_s']} | {r['mb_per_s']} | {r['peak_rss_mb']} | {r['exit']} |")
    json.dump(rows, open(f"{a.work}/results.json", "w"), indent=1)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How well `newsdex quotes` groups copies of one quotation (issue 16, item 4).

Two measures, both through the JSON output of the real binary:

  known   A set with known repeats: every Nth BBC article is copied with its quotations
          edited the way follow-ups edit them (a trailing clause trimmed, commas turned
          into dashes, one word changed), under a new file name and headline. For every
          quotation of an original article, `quotes "<its words>"` must list one entry
          whose sources hold the original and its edited copy (recall) and no article
          whose words are another quotation (precision).
  archive Every entry with more than one source in an archive (BBC), found by listing
          each speaker's quotations: how many group identical words, and the others (near
          copies) written out for a hand check.

    python3 bench/quote_groups.py known   --bin target/release/newsdex --bbc ../shared/corpora/bbc --work /tmp/qg
    python3 bench/quote_groups.py archive --bin target/release/newsdex --index BBC_INDEX --out /tmp/qg/near.txt

Nothing read here is written into the repository.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

QUOTE = re.compile(r'"([^"\n]{20,}?)"|“([^”\n]{20,}?)”')
WORD = re.compile(r"\w+")


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)}: {out.stderr}")
    return out.stdout


def edit_quote(text, i):
    """One follow-up edit of a quotation's words, chosen by `i`."""
    w = text.split()
    kind = i % 3
    if kind == 0 and "," in text.rstrip(",. "):
        head = text.rstrip(",. ").rsplit(",", 1)[0]
        if len(head.split()) >= 8:
            return head + ",", "trimmed"
    if kind == 1 and "," in text:
        return text.replace(", ", " - "), "punctuation"
    if len(w) >= 8:
        w[4] = "really" if w[4].lower() != "really" else "truly"
        return " ".join(w), "word"
    return text.replace(", ", " - "), "punctuation"


def make_set(bbc, work, every):
    orig, copy = os.path.join(work, "orig"), os.path.join(work, "edit")
    for d in (orig, copy):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    files = sorted(
        os.path.join(r, f) for r, _, fs in os.walk(bbc) for f in fs if f.endswith(".txt")
    )
    edits = {}
    for n, path in enumerate(files[::every]):
        text = open(path, encoding="latin-1").read()
        name = f"{n:04d}.txt"
        open(os.path.join(orig, name), "w").write(text)
        i = 0

        def sub(m):
            nonlocal i
            inner = m.group(1) or m.group(2)
            new, kind = edit_quote(inner, n + i)
            i += 1
            edits.setdefault(name, []).append(kind)
            return m.group(0).replace(inner, new)

        title, _, body = text.partition("\n")
        edited = "Follow-up: " + title + "\n" + QUOTE.sub(sub, body)
        open(os.path.join(copy, "copy-" + name), "w").write(edited)
    return orig, copy, edits


def known(a):
    orig, copy, edits = make_set(a.bbc, a.work, a.every)
    index = os.path.join(a.work, "index")
    shutil.rmtree(index, ignore_errors=True)
    run(a.bin, "ingest", orig, copy, "--index", index, "--quiet")
    rows = [
        json.loads(l)
        for l in run(a.bin, "export", "--index", index, "--what", "quotes", "--format", "jsonl").splitlines()
    ]
    originals = [r for r in rows if r["article_id"].startswith("orig/")]
    found = missed = wrong = checked = 0
    wrong_examples = []
    for r in originals:
        w = words(r["text"])
        if len(w) < 4:
            continue
        checked += 1
        phrase = '"' + " ".join(w[:6]) + '"'
        answer = json.loads(run(a.bin, "quotes", phrase, "--index", index, "--json", "--limit", "50"))
        entry = next(
            (q for q in answer["quotes"] if any(s["article_id"] == r["article_id"] for s in q["sources"])),
            None,
        )
        if entry is None:
            missed += 1
            continue
        mate = "edit/copy-" + r["article_id"].split("/", 1)[1]
        ids = {s["article_id"] for s in entry["sources"]}
        found += mate in ids
        missed += mate not in ids
        for s in entry["sources"]:
            base = s["article_id"].split("/", 1)[1].removeprefix("copy-")
            if base != r["article_id"].split("/", 1)[1] and words(s["text"]) != w:
                wrong += 1
                wrong_examples.append((r["text"], s["text"]))
    print(f"articles {len(edits)}, original quotations checked {checked}")
    print(f"edited copy grouped with its original: {found}/{checked} ({found / max(1, checked):.3f})")
    print(f"sources from another article with other words: {wrong}")
    for x, y in wrong_examples[:20]:
        print(f"  {x[:90]!r}\n    ~ {y[:90]!r}")


def archive(a):
    rows = [
        json.loads(l)
        for l in run(a.bin, "export", "--index", a.index, "--what", "quotes", "--format", "jsonl").splitlines()
    ]
    speakers = sorted({r["speaker"] for r in rows if r["speaker"]})
    groups = {}
    for s in speakers:
        answer = json.loads(run(a.bin, "quotes", "--by", s, "--index", a.index, "--json", "--limit", "1000"))
        for q in answer["quotes"]:
            if q["source_count"] > 1:
                key = tuple(sorted(x["article_id"] for x in q["sources"]))
                groups[key] = q
    exact = [g for g in groups.values() if len({" ".join(words(s["text"])) for s in g["sources"]}) == 1]
    near = [g for g in groups.values() if g not in exact]
    print(f"quotation documents {len(rows)}, speakers {len(speakers)}")
    print(f"entries with more than one source: {len(groups)} (identical words {len(exact)}, near copies {len(near)})")
    with open(a.out, "w") as f:
        for g in near:
            f.write(f"== {g['speaker']} · {g['source_count']} sources\n")
            for s in g["sources"]:
                f.write(f"   {s['article_id']}: {s['text']}\n")
    print(f"near copies for a hand check: {a.out}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["known", "archive"])
    p.add_argument("--bin", default="target/release/newsdex")
    p.add_argument("--bbc", default="../shared/corpora/bbc")
    p.add_argument("--work", default="/tmp/quote-groups")
    p.add_argument("--every", type=int, default=10, help="copy every Nth BBC article")
    p.add_argument("--index", help="archive mode: the index to read")
    p.add_argument("--out", default="/tmp/quote-groups-near.txt")
    a = p.parse_args()
    known(a) if a.mode == "known" else archive(a)


if __name__ == "__main__":
    main()

"""Corpus helpers for the benchmark: read a folder of articles into title/body/date records
(for the SQLite FTS5 and tantivy-cli baselines), and choose the query mix.

The reader is a deliberately simple mirror of newsdex's parsers for the formats the
generator writes and BBC-style folders hold (.txt title + blank line + body, .json article
objects or arrays, .jsonl, .md with YAML front matter); other files are skipped and counted.
It never writes corpus text anywhere but the benchmark's work folder.
"""
import collections
import json
import os
import re

SKIP_PREFIXES = ("readme", "license", "changelog", "contributing", "copying")
TITLE_KEYS = ("title", "headline")
BODY_KEYS = ("body", "content", "text", "article")
DATE_KEYS = ("date", "published", "publishedAt", "pubDate", "datePublished")
STOPWORDS = set("""a about after again all also an and any are as at be been before being
but by can could did do does for from had has have he her his how i if in into is it its
just last more most mr ms new not now of on one only or other our out over said says she so
than that the their them then there these they this those to told two up was we were what
when which while who will with would year years you""".split())


def corpus_files(root):
    """Article files under root, sorted, skipping hidden entries and folder documentation."""
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or f.lower().startswith(SKIP_PREFIXES):
                continue
            out.append(os.path.join(d, f))
    return out


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _first(obj, keys):
    for k in keys:
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return ""


def _from_object(obj):
    if not isinstance(obj, dict):
        return None
    body = _first(obj, BODY_KEYS)
    title = _first(obj, TITLE_KEYS)
    if not body and not title:
        return None
    return {"title": title, "body": body, "date": _first(obj, DATE_KEYS)}


def _json_articles(text):
    data = json.loads(text)
    if isinstance(data, dict) and not _from_object(data):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    items = data if isinstance(data, list) else [data]
    return [a for a in map(_from_object, items) if a]


def _markdown(text):
    meta, body = {}, text
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if m:
        body = text[m.end():]
        for line in m.group(1).splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip().strip('"').strip("'")
    return [{"title": meta.get("title", ""), "body": body.strip(), "date": meta.get("date", "")}]


def _text(text):
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        return [{"title": lines[0].strip(), "body": "\n".join(lines[2:]).strip(), "date": ""}]
    return [{"title": "", "body": "\n".join(lines).strip(), "date": ""}]


def read_articles(path):
    """Articles of one file (list of dicts), or None for an unsupported format."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".txt", ".json", ".jsonl", ".ndjson", ".md"):
        return None
    with open(path, "rb") as f:
        text = decode(f.read())
    try:
        if ext == ".txt":
            return _text(text)
        if ext == ".md":
            return _markdown(text)
        if ext == ".json":
            return _json_articles(text)
        return [a for a in (_from_object(json.loads(l)) for l in text.splitlines() if l.strip()) if a]
    except (ValueError, AttributeError):
        return []


def export_ndjson(root, out_path):
    """Writes one {"title", "body", "date"} object per article; returns (articles, skipped)."""
    n = skipped = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in corpus_files(root):
            arts = read_articles(path)
            if arts is None:
                skipped += 1
                continue
            for a in arts:
                out.write(json.dumps(a, ensure_ascii=False) + "\n")
                n += 1
    return n, skipped


def _closest(df, goal, exclude=()):
    cands = [w for w in df if w not in exclude]
    return min(cands, key=lambda w: (abs(df[w] - goal), w)) if cands else "news"


def auto_terms(ndjson_path, sample=3000):
    """Query terms for a corpus without a generator manifest, from a sample of articles:
    a word in ~30 % of articles, a rare word, two words in ~6 %, the most frequent two- and
    three-word phrases of content words, and the most frequent capitalised two-word name."""
    with open(ndjson_path, encoding="utf-8") as f:
        total = sum(1 for _ in f)
    step = max(1, total // sample)
    df, bi, tri, names = (collections.Counter() for _ in range(4))
    n = 0
    with open(ndjson_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % step:
                continue
            n += 1
            a = json.loads(line)
            text = a["title"] + "\n" + a["body"]
            words = re.findall(r"[a-z]+", text.lower())
            df.update({w for w in words if len(w) >= 4 and w not in STOPWORDS})
            bi.update({(x, y) for x, y in zip(words, words[1:])
                       if x not in STOPWORDS and y not in STOPWORDS and len(x) > 2 and len(y) > 2})
            tri.update({t for t in zip(words, words[1:], words[2:])
                        if t[0] not in STOPWORDS and t[2] not in STOPWORDS})
            names.update(set(re.findall(r"(?<=[a-z,] )([A-Z][a-z]+ [A-Z][a-z]{2,})\b", text)))
    share = {w: c / max(n, 1) for w, c in df.items()}
    common = _closest(share, 0.30)
    a1 = _closest(share, 0.06, {common})
    a2 = _closest(share, 0.06, {common, a1})
    rare = sorted(w for w, c in df.items() if c == 1 and len(w) >= 6)[:1] or ["zzzz"]
    phrase2 = " ".join(max(bi, key=lambda k: (bi[k], k))) if bi else "news report"
    phrase3 = " ".join(max(tri, key=lambda k: (tri[k], k))) if tri else "news of the"
    person = max(names, key=lambda k: (names[k], k)) if names else "John Smith"
    t = lambda s: {"text": s, "df": None}
    return {"common": t(common), "rare": t(rare[0]), "and": [t(a1), t(a2)],
            "phrase2": t(phrase2), "phrase3": t(phrase3), "person": t(person)}


def query_mix(terms):
    """The benchmark's queries: (name, newsdex args, FTS5 MATCH, FTS5 order, tantivy query)."""
    common, rare = terms["common"]["text"], terms["rare"]["text"]
    a, b = (x["text"] for x in terms["and"])
    p2, p3, person = terms["phrase2"]["text"], terms["phrase3"]["text"], terms["person"]["text"]
    rank = "bm25(articles, 2.0, 1.0)"
    return [
        ("common word", [common], common, rank, common),
        ("rare word", [rare], rare, rank, rare),
        ("two-word AND", [a, b], f"{a} {b}", rank, f"+{a} +{b}"),
        ("2-word phrase", [f'"{p2}"'], f'"{p2}"', rank, f'"{p2}"'),
        ("3-word phrase", [f'"{p3}"'], f'"{p3}"', rank, f'"{p3}"'),
        ("person filter", ["--person", person], f'"{person}"', rank, f'"{person}"'),
        ("date-sorted", [common, "--sort", "date"], common, "date DESC", None),
    ]

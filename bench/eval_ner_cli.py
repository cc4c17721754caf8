#!/usr/bin/env python3
"""Scores newsdex's entities on a CoNLL-2003 file through the command line, the way an
independent checker would: each document is written as one text file (tokens joined by
spaces, one sentence per line), `newsdex extract --raw --json` tags them all in one process,
and the returned byte spans are mapped back to tokens (span-exact, conlleval semantics, over
PER/ORG/LOC).

usage: bench/eval_ner_cli.py CONLL_FILE NEWSDEX_BINARY
"""
import json, os, subprocess, sys, collections
path = sys.argv[1]; binp = sys.argv[2]; out = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'newsdex-conll-docs'); os.makedirs(out, exist_ok=True)
docs = []; cur = []; sent = []
for line in open(path, encoding='utf-8'):
    line = line.rstrip('\n')
    if line.startswith('-DOCSTART-'):
        if sent: cur.append(sent); sent = []
        if cur: docs.append(cur); cur = []
        continue
    if not line.strip():
        if sent: cur.append(sent); sent = []
        continue
    p = line.split(); sent.append((p[0], p[-1]))
if sent: cur.append(sent)
if cur: docs.append(cur)
files = []
gold_all = []; toks_all = []
for i, d in enumerate(docs):
    text = ''; offs = []
    for s in d:
        for j, (w, t) in enumerate(s):
            if j: text += ' '
            offs.append((len(text.encode()), len((text + w).encode()), t)); text += w
        text += '\n'
    fn = f'{out}/{i:04d}.txt'; open(fn, 'w').write(text); files.append(fn); toks_all.append(offs)
res = subprocess.run([binp, 'extract', '--raw', '--json'] + files, capture_output=True, text=True)
lines = res.stdout.splitlines(); assert len(lines) == len(files), (len(lines), len(files), res.stderr[:500])
def spans_from_iob(tags):
    out = []; start = None; typ = None
    for k, t in enumerate(tags + ['O']):
        if t == 'O' or t.startswith('B-') or (t[2:] != typ):
            if start is not None: out.append((start, k, typ)); start = None; typ = None
        if t != 'O' and start is None: start = k; typ = t[2:]
    return out
# Kinds are person/org/place since the search contract (earlier versions: organization/location).
kindmap = {'person': 'PER', 'org': 'ORG', 'place': 'LOC', 'organization': 'ORG', 'location': 'LOC'}
tp = collections.Counter(); fp = collections.Counter(); fn_ = collections.Counter()
for offs, line in zip(toks_all, lines):
    d = json.loads(line)
    gold = set(s for s in spans_from_iob([t for _, _, t in offs]) if s[2] in ('PER', 'ORG', 'LOC'))
    start_idx = {o[0]: k for k, o in enumerate(offs)}; end_idx = {o[1]: k for k, o in enumerate(offs)}
    pred = set()
    for e in d['entities']:
        if e['start'] in start_idx and e['end'] in end_idx:
            pred.add((start_idx[e['start']], end_idx[e['end']] + 1, kindmap[e['kind']]))
        else:
            pred.add((-1, e['start'], kindmap[e['kind']]))
    for s in pred:
        (tp if s in gold else fp)[s[2]] += 1
    for s in gold - pred: fn_[s[2]] += 1
def prf(ts):
    t = sum(tp[x] for x in ts); f = sum(fp[x] for x in ts); n = sum(fn_[x] for x in ts)
    p = t / max(t + f, 1); r = t / max(t + n, 1); return p, r, 2 * p * r / max(p + r, 1e-9)
for ty in ['PER', 'ORG', 'LOC']: print(ty, '%.4f %.4f %.4f' % prf([ty]))
print('micro', '%.4f %.4f %.4f' % prf(['PER', 'ORG', 'LOC']))

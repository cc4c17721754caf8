#!/usr/bin/env python3
"""Scores `newsdex extract --raw --json` against a hand annotation of raw article files.

usage: bench/eval_ner_annot.py GOLD_TXT REGIONS_TSV TEXT_DIR NEWSDEX_BINARY [--dump]

GOLD_TXT: blocks `== FILE-PREFIX` then lines `para<TAB>LABEL<TAB>surface` (paragraphs are the
text's lines, numbered from 0). Every word-bounded occurrence of the surface in that paragraph
that is not inside a longer listed surface is a gold span (longest surfaces claim first).
LABEL is PER, ORG, LOC or MISC; MISC spans are not scored (conlleval over PER/ORG/LOC), they
only keep their words from being claimed by shorter surfaces.
REGIONS_TSV: `file<TAB>paragraphs`: only the first N paragraphs of each file were annotated;
predicted spans after them are ignored. Writes the gold spans as byte offsets (no text) to
GOLD_TXT with the suffix .offsets.tsv, prints P/R/F1 per type and micro, span-exact.
"""
import collections
import json
import re
import subprocess
import sys


def gold_spans(gold_path, regions, text_dir):
    blocks = collections.defaultdict(list)
    cur = None
    for line in open(gold_path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#') or not line.strip():
            continue
        if line.startswith('== '):
            cur = line[3:].strip()
            continue
        para, label, surface = line.split('\t')
        blocks[cur].append((int(para), label, surface))
    out = {}
    for prefix, rows in blocks.items():
        names = [f for f in regions if f.startswith(prefix)]
        assert len(names) == 1, (prefix, names)
        f = names[0]
        text = open(f'{text_dir}/{f}', encoding='utf-8').read()
        paras = text.split('\n')
        starts = [0]
        for p in paras:
            starts.append(starts[-1] + len(p.encode()) + 1)
        spans = []
        for para, label, surface in sorted(rows, key=lambda r: -len(r[2])):
            p = paras[para]
            found = False
            for m in re.finditer(r'(?<!\w)' + re.escape(surface) + r'(?!\w)', p):
                a = starts[para] + len(p[:m.start()].encode())
                b = a + len(surface.encode())
                if any(a < e and s < b for s, e, _ in spans):
                    continue
                spans.append((a, b, label))
                found = True
            assert found, (prefix, para, surface)
        region_end = starts[regions[f]]
        out[f] = (sorted(spans), region_end)
    return out


def main():
    gold_path, regions_path, text_dir, binary = sys.argv[1:5]
    dump = '--dump' in sys.argv
    regions = {}
    for line in open(regions_path):
        f, n = line.split('\t')
        regions[f] = int(n)
    gold = gold_spans(gold_path, regions, text_dir)
    with open(gold_path + '.offsets.tsv', 'w') as w:
        for f, (spans, end) in sorted(gold.items()):
            for a, b, label in spans:
                w.write(f'{f}\t{a}\t{b}\t{label}\n')
    files = sorted(gold)
    res = subprocess.run([binary, 'extract', '--raw', '--json'] + [f'{text_dir}/{f}' for f in files],
                         capture_output=True, text=True)
    lines = res.stdout.splitlines()
    assert len(lines) == len(files), res.stderr[:500]
    kind = {'person': 'PER', 'org': 'ORG', 'place': 'LOC', 'organization': 'ORG', 'location': 'LOC'}
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for f, line in zip(files, lines):
        spans, end = gold[f]
        g = {s for s in spans if s[2] != 'MISC'}
        raw = open(f'{text_dir}/{f}', 'rb').read()
        p = {(e['start'], e['end'], kind[e['kind']]) for e in json.loads(line)['entities'] if e['end'] <= end}
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
        if dump:
            for s in sorted(p ^ g):
                tag = 'FP' if s in p else 'FN'
                print(f'{tag} {s[2]} {raw[s[0]:s[1]].decode()!r} {f[:30]}', file=sys.stderr)

    def prf(types):
        t = sum(tp[x] for x in types)
        a = sum(fp[x] for x in types)
        n = sum(fn[x] for x in types)
        p = t / max(t + a, 1)
        r = t / max(t + n, 1)
        return p, r, 2 * p * r / max(p + r, 1e-9), t + n
    for ty in ['PER', 'ORG', 'LOC']:
        print(ty, '%.4f %.4f %.4f  gold %d' % prf([ty]))
    print('micro', '%.4f %.4f %.4f  gold %d' % prf(['PER', 'ORG', 'LOC']))


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Builds the evaluation sets of docs/NER.md outside the repository (nothing is copied in).

  bench/ner_sets.py folds CONLL_FILE K OUTDIR
      Splits the documents of a CoNLL file into K folds by document index (i % K): writes
      OUTDIR/fold{i}.train (the other K-1 folds) and OUTDIR/fold{i}.test, CoNLL format.
  bench/ner_sets.py gmb GMB_ZIP OUT_FILE [SENTENCES_PER_DOC]
      Converts the GMB corpus (ner_dataset.csv.zip, Windows-1252 CSV, IOB2 over 8 types) to
      a CoNLL file with PER/ORG/LOC/MISC: per -> PER, org -> ORG, geo -> LOC, gpe -> MISC
      (GMB's gpe is mostly nationality adjectives, "Iraqi", "British", which CoNLL calls MISC),
      tim/art/eve/nat -> O. GMB has no article boundaries: consecutive sentences are grouped
      into pseudo-documents of SENTENCES_PER_DOC (default 20) under -DOCSTART- lines.
"""
import csv
import io
import sys
import zipfile


def read_conll_docs(path):
    docs, cur, sent = [], [], []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('-DOCSTART-'):
            if sent:
                cur.append(sent)
                sent = []
            if cur:
                docs.append(cur)
                cur = []
            continue
        if not line.strip():
            if sent:
                cur.append(sent)
                sent = []
            continue
        sent.append(line)
    if sent:
        cur.append(sent)
    if cur:
        docs.append(cur)
    return docs


def write_docs(path, docs):
    with open(path, 'w', encoding='utf-8') as f:
        for d in docs:
            f.write('-DOCSTART- -X- -X- O\n\n')
            for s in d:
                f.write('\n'.join(s) + '\n\n')


def folds(path, k, outdir):
    docs = read_conll_docs(path)
    for i in range(k):
        test = [d for j, d in enumerate(docs) if j % k == i]
        train = [d for j, d in enumerate(docs) if j % k != i]
        write_docs(f'{outdir}/fold{i}.train', train)
        write_docs(f'{outdir}/fold{i}.test', test)
        print(f'fold {i}: {len(train)} train docs, {len(test)} test docs')


TYPES = {'per': 'PER', 'org': 'ORG', 'geo': 'LOC', 'gpe': 'MISC'}


def gmb(zip_path, out, per_doc):
    z = zipfile.ZipFile(zip_path)
    text = z.read('ner_dataset.csv').decode('cp1252')
    rows = csv.reader(io.StringIO(text))
    next(rows)
    sents, sent = [], []
    for row in rows:
        if len(row) < 4:
            continue
        if row[0] and sent:
            sents.append(sent)
            sent = []
        word, tag = row[1].replace(' ', '_'), row[3]
        ty = TYPES.get(tag[2:]) if tag != 'O' else None
        sent.append(f'{word} X X {tag[:2]}{ty}' if ty else f'{word} X X O')
    if sent:
        sents.append(sent)
    docs = [sents[i:i + per_doc] for i in range(0, len(sents), per_doc)]
    write_docs(out, docs)
    print(f'{len(sents)} sentences in {len(docs)} documents')


if __name__ == '__main__':
    if len(sys.argv) >= 5 and sys.argv[1] == 'folds':
        folds(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'gmb':
        gmb(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 20)
    else:
        sys.exit(__doc__)

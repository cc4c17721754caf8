#!/usr/bin/env python3
"""SQLite FTS5 baseline loader: index the title and body of every article of an NDJSON
export (from bench/articles.py) in one FTS5 table, as a plain full-text setup would.

usage: bench/fts5.py NDJSON DB

Table: articles(title, body, date UNINDEXED) with tokenize='porter unicode61' (stemming, like
newsdex); one transaction, synchronous=OFF, no journal (the fastest honest bulk load). Queries
are run separately with the sqlite3 command-line shell (see bench/bench.py).
"""
import json
import sqlite3
import sys


def main():
    ndjson, db = sys.argv[1:3]
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE articles USING fts5("
                "title, body, date UNINDEXED, tokenize='porter unicode61')")
    with open(ndjson, encoding="utf-8") as f, con:
        rows = ((a["title"], a["body"], a["date"]) for a in map(json.loads, f))
        con.executemany("INSERT INTO articles(title, body, date) VALUES (?, ?, ?)", rows)
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    print(json.dumps({"articles": n}))


if __name__ == "__main__":
    main()

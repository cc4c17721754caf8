//! Quickwit: the configs and documents `export quickwit` writes for `sample_corpus/`,
//! compared with files a real Quickwit 0.9.0 server accepted; recorded answers of that
//! server turned into the same results as the local index; and, when
//! `NEWSDEX_QUICKWIT_URL` names a cluster, a live push, query, re-push and replacement.
//!
//! The fixtures in `tests/fixtures/quickwit/` were recorded on 2026-12-04 with a Quickwit
//! 0.9.0 (commit cc420c3) debug build, two nodes on loopback (file-backed metastore): both
//! configs created the indexes (`POST /api/v1/indexes`), and both NDJSON files were ingested
//! with `commit=wait_for&detailed_response=true`: 46 and 116 documents, none rejected. The
//! answers were recorded by `recorded_answers_rank_as_the_local_index` itself, run with
//! `NEWSDEX_QUICKWIT_URL` and `NEWSDEX_QUICKWIT_RECORD=1` against those indexes (archive
//! name `golden`). `NEWSDEX_BLESS=1` rewrites the golden configs and documents.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use newsdex::search::remote::{RemoteArchive, RemoteError, Transport};
use newsdex::search::{Archive, QuoteRequest, SearchRequest};
use serde_json::Value;

use crate::harness::{copy_tree, fixtures, newsdex, repo, sample_corpus, sample_index, scratch};

fn golden() -> std::path::PathBuf {
    fixtures().join("quickwit")
}

/// One NDJSON file made comparable across machines and runs: the repository's path as
/// `<repo>`, the ingest-order key and the file bucket zeroed (ingest workers finish in any
/// order; the bucket is a hash of the file's absolute path), lines in id order.
fn normalised(ndjson: &str) -> String {
    let root = repo().to_string_lossy().into_owned();
    let mut lines: Vec<(String, String)> = ndjson
        .lines()
        .map(|line| {
            let mut doc: Value = serde_json::from_str(line).expect("a JSON document per line");
            doc["order_key"] = Value::from(0u64);
            if doc.get("file_bucket").is_some() {
                doc["file_bucket"] = Value::from(0u64);
            }
            let text = doc.to_string().replace(&root, "<repo>");
            let key = format!(
                "{}{}{}",
                doc["id"].as_str().unwrap_or(""),
                doc["article_id"].as_str().unwrap_or(""),
                doc["quote_text"].as_str().unwrap_or("")
            );
            (key, text)
        })
        .collect();
    lines.sort();
    lines.into_iter().map(|(_, l)| l + "\n").collect()
}

#[test]
fn configs_and_documents_match_what_a_real_server_accepted() {
    let out = scratch("quickwit-export");
    let run = newsdex(&[
        "export",
        "quickwit",
        "--index",
        sample_index(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("46 articles and 116 quotations"),
        "{}",
        run.stderr
    );
    let bless = std::env::var_os("NEWSDEX_BLESS").is_some();
    for name in ["articles", "quotes"] {
        let config = std::fs::read_to_string(out.join(format!("{name}.yaml"))).unwrap();
        let docs =
            normalised(&std::fs::read_to_string(out.join(format!("{name}.ndjson"))).unwrap());
        let (want_config, want_docs) = (
            golden().join(format!("{name}.yaml")),
            golden().join(format!("{name}.ndjson")),
        );
        if bless {
            std::fs::write(&want_config, &config).unwrap();
            std::fs::write(&want_docs, &docs).unwrap();
        }
        assert_eq!(
            config,
            std::fs::read_to_string(&want_config).unwrap(),
            "{name}.yaml"
        );
        let want = std::fs::read_to_string(&want_docs).unwrap();
        for (i, (got, want)) in docs.lines().zip(want.lines()).enumerate() {
            assert_eq!(got, want, "{name}.ndjson, line {}", i + 1);
        }
        assert_eq!(
            docs.lines().count(),
            want.lines().count(),
            "{name}.ndjson lines"
        );
    }
}

/// Answers from a file of recorded ones, keyed by index and request body; or, when
/// recording, from a live server, written to that file at the end.
struct Recorded {
    answers: Mutex<BTreeMap<String, Value>>,
    live: Option<String>,
}

impl Recorded {
    fn file() -> std::path::PathBuf {
        golden().join("answers.json")
    }

    fn open() -> Recorded {
        let live = std::env::var("NEWSDEX_QUICKWIT_URL")
            .ok()
            .filter(|_| std::env::var_os("NEWSDEX_QUICKWIT_RECORD").is_some());
        let answers = match &live {
            Some(_) => BTreeMap::new(),
            None => serde_json::from_str(&std::fs::read_to_string(Self::file()).unwrap()).unwrap(),
        };
        Recorded {
            answers: Mutex::new(answers),
            live,
        }
    }

    fn answer(&self, key: String, path: &str, body: Option<&Value>) -> Result<Value, RemoteError> {
        let mut answers = self.answers.lock().unwrap();
        if let Some(url) = &self.live {
            let request = match body {
                Some(b) => minreq::post(format!("{url}{path}"))
                    .with_header("content-type", "application/json")
                    .with_body(b.to_string()),
                None => minreq::get(format!("{url}{path}")),
            };
            let text = request.send().unwrap().as_str().unwrap().to_string();
            let mut value: Value = serde_json::from_str(&text).unwrap();
            let hits = value
                .pointer_mut("/hits/hits")
                .and_then(Value::as_array_mut);
            for hit in hits.into_iter().flatten() {
                // Only what ranking, collapsing and snippets read.
                if let Some(source) = hit["_source"].as_object_mut() {
                    source.retain(|k, _| {
                        [
                            "id",
                            "file",
                            "fingerprint",
                            "simhash",
                            "body_text",
                            "path",
                            "title_text",
                            "date",
                            "quote_text",
                            "speaker",
                            "cue",
                            "article_id",
                        ]
                        .contains(&k.as_str())
                    });
                }
            }
            answers.insert(key.clone(), value);
        }
        answers.get(&key).cloned().ok_or(RemoteError::Answer {
            url: key,
            reason: "not recorded".into(),
        })
    }

    fn save(&self) {
        if self.live.is_some() {
            let answers = self.answers.lock().unwrap();
            let text = serde_json::to_string_pretty(&*answers).unwrap();
            std::fs::write(Self::file(), text + "\n").unwrap();
        }
    }
}

impl Transport for &'static Recorded {
    fn search(&self, index: &str, body: &Value) -> Result<Value, RemoteError> {
        let path = format!("/api/v1/_elastic/{index}/_search");
        self.answer(format!("POST {path} {body}"), &path, Some(body))
    }

    fn get(&self, path: &str) -> Result<Option<Value>, RemoteError> {
        self.answer(format!("GET {path}"), path, None).map(Some)
    }
}

/// Hits as (score to 4 decimals, id), best first, ties by id: what must agree whatever
/// order each engine gives equal scores.
fn ranked(hits: impl Iterator<Item = (f32, String)>) -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = hits
        .map(|(score, id)| ((score * 10_000.0).round() as i64, id))
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    out
}

#[test]
fn recorded_answers_rank_as_the_local_index() {
    let recorded: &'static Recorded = Box::leak(Box::new(Recorded::open()));
    let remote = RemoteArchive::new(Box::new(recorded), "golden");
    let local = Archive::open(Path::new(sample_index())).unwrap();
    for query in [
        "harbour",
        "\"port operators\"",
        "council budget",
        "person:Vogel",
        "date:2024 harbour",
    ] {
        let request = SearchRequest {
            query: Some(query.to_string()),
            ..SearchRequest::default()
        };
        let (l, r) = (
            local.search(&request).unwrap(),
            remote.search(&request).unwrap(),
        );
        assert_eq!(l.total, r.total, "{query}");
        assert!(!l.hits.is_empty(), "{query}");
        let ids =
            |hits: &[newsdex::search::Hit]| ranked(hits.iter().map(|h| (h.score, h.id.clone())));
        assert_eq!(ids(&l.hits), ids(&r.hits), "{query}");
        let snippets = |hits: &[newsdex::search::Hit]| {
            let mut s: Vec<(String, String)> = hits
                .iter()
                .map(|h| (h.id.clone(), h.snippet.clone()))
                .collect();
            s.sort();
            s
        };
        assert_eq!(snippets(&l.hits), snippets(&r.hits), "{query}");
    }
    let by = QuoteRequest {
        filters: newsdex::search::Filters {
            said_by: vec!["Elena Ruiz".into()],
            ..Default::default()
        },
        limit: 50,
        ..QuoteRequest::default()
    };
    let (l, r) = (local.quotes(&by).unwrap(), remote.quotes(&by).unwrap());
    let texts = |q: &newsdex::search::QuoteResults| {
        let mut t: Vec<String> = q.quotes.iter().map(|q| q.text.clone()).collect();
        t.sort();
        t
    };
    assert_eq!((l.total, texts(&l)), (r.total, texts(&r)));
    assert!(l.total > 0);
    recorded.save();
}

/// POSTs or DELETEs against the live cluster (for the live test's own checks).
fn cluster(url: &str, method: &str, path: &str) -> Value {
    let request = match method {
        "DELETE" => minreq::delete(format!("{url}{path}")),
        _ => minreq::get(format!("{url}{path}")),
    };
    let text = request
        .send()
        .map(|r| r.as_str().unwrap_or("").to_string())
        .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

#[test]
fn live_push_query_push_again_and_replace() {
    let Ok(url) = std::env::var("NEWSDEX_QUICKWIT_URL") else {
        eprintln!("skipped: set NEWSDEX_QUICKWIT_URL (e.g. http://127.0.0.1:7280) to push to a live Quickwit 0.9 cluster");
        return;
    };
    let dir = scratch("quickwit-live");
    let corpus = dir.join("corpus");
    copy_tree(&sample_corpus(), &corpus);
    let index = dir.join("index");
    let name = format!("newsdex-test-{}", std::process::id());
    let (c, i) = (corpus.to_str().unwrap(), index.to_str().unwrap());
    let push = |with_paths: bool| {
        let mut args = vec![
            "push",
            "--index",
            i,
            "--quickwit",
            &url,
            "--name",
            &name,
            "--json",
            "-q",
        ];
        if with_paths {
            args.insert(1, c);
        }
        let run = newsdex(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json::<Value>()
    };
    let first = push(true);
    assert_eq!(
        (first["sent"].as_u64(), first["articles"].as_u64()),
        (Some(37), Some(46))
    );
    let query = |q: &str| {
        let run = newsdex(&[
            "query",
            "--index",
            i,
            "--json",
            "--quickwit",
            &url,
            "--quickwit-name",
            &name,
            q,
        ]);
        assert!(run.code <= 1, "{}", run.stderr);
        run.json::<Value>()
    };
    assert_eq!(query("harbour")["total"], 7);
    let again = push(false);
    assert_eq!(
        (again["unchanged"].as_u64(), again["sent"].as_u64()),
        (Some(37), Some(0))
    );
    assert_eq!(
        query("\"the\"")["total"],
        46,
        "a second push duplicated nothing"
    );
    let file = corpus.join("sport/mcintyre-derby-win.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("derby", "derby replayed")).unwrap();
    let changed = push(true);
    assert_eq!(
        (changed["sent"].as_u64(), changed["replaced"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(query("replayed")["total"], 1);
    assert_eq!(query("\"the\"")["total"], 46, "the old version is gone");
    // The page's API from the cluster gives what the local index gives.
    let remote =
        crate::serve::server::Server::start_with(&["--quickwit", &url, "--quickwit-name", &name]);
    let local = crate::serve::server::Server::start(i);
    // Scores aside: after a replacement the new version sits in a split of its own, and
    // Quickwit scores each split with its own statistics.
    let unscored = |mut v: Value| {
        for hit in v["hits"].as_array_mut().into_iter().flatten() {
            hit["score"] = Value::Null;
        }
        v
    };
    for path in [
        "/api/search?q=harbour",
        "/api/people?q=harbour",
        "/api/quotes?by=Elena+Ruiz",
    ] {
        assert_eq!(
            unscored(remote.json(path, 200)),
            unscored(local.json(path, 200)),
            "{path}"
        );
    }
    assert_eq!(
        remote.get("/api/saved").0,
        400,
        "saved searches need the local index"
    );
    for c in ["articles", "quotes"] {
        cluster(&url, "DELETE", &format!("/api/v1/indexes/{name}-{c}"));
    }
}

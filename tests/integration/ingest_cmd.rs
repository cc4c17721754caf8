//! `newsdex ingest`: counts, idempotence, updates, pruning, bad files, exit codes.

use std::fs;

use crate::harness::{copy_tree, fixtures, newsdex, newsdex_in, sample_corpus, scratch, Summary};

/// Articles in sample_corpus/ (46 records in 37 files; README.md is folder documentation).
const SAMPLE_ARTICLES: usize = 46;

#[test]
fn ingest_indexes_every_sample_article_and_reingest_changes_nothing() {
    let index = scratch("twice").join("index");
    let index = index.to_str().unwrap();
    let first = newsdex(&["ingest", "sample_corpus", "--index", index, "--json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let s: Summary = first.json();
    assert_eq!(
        (s.added, s.updated, s.unchanged, s.removed, s.failed),
        (SAMPLE_ARTICLES, 0, 0, 0, 0),
        "{:?}",
        s.errors
    );
    assert_eq!(s.documents, SAMPLE_ARTICLES as u64);

    let second = newsdex(&["ingest", "sample_corpus", "--index", index, "--json"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let s: Summary = second.json();
    assert_eq!(
        (s.added, s.updated, s.unchanged, s.removed),
        (0, 0, SAMPLE_ARTICLES, 0)
    );
    assert_eq!(
        s.documents, SAMPLE_ARTICLES as u64,
        "re-ingest must never duplicate"
    );
}

#[test]
fn changed_files_are_replaced_and_pruned_files_removed() {
    let dir = scratch("update");
    let corpus = dir.join("news");
    copy_tree(&sample_corpus().join("politics"), &corpus);
    let run = newsdex_in(&dir, &["ingest", "news", "--index", "idx", "--json"]);
    let before: Summary = run.json();
    assert_eq!(before.failed, 0, "{:?}", before.errors);

    let budget = corpus.join("portvale-council-budget.txt");
    let text = fs::read_to_string(&budget).unwrap();
    fs::write(
        &budget,
        text.replace("Portvale", "Port Vale") + "\nA late amendment added a zebrafish survey.\n",
    )
    .unwrap();
    fs::remove_file(corpus.join("world-briefs.json")).unwrap();

    let without_prune: Summary =
        newsdex_in(&dir, &["ingest", "news", "--index", "idx", "--json"]).json();
    assert_eq!(without_prune.updated, 1);
    assert_eq!(without_prune.removed, 0);
    assert_eq!(
        without_prune.documents, before.documents,
        "without --prune, gone files stay"
    );

    let pruned: Summary = newsdex_in(
        &dir,
        &["ingest", "news", "--index", "idx", "--prune", "--json"],
    )
    .json();
    assert_eq!(pruned.removed, 3, "world-briefs.json held three articles");
    assert_eq!(pruned.documents, before.documents - 3);

    let found = newsdex_in(&dir, &["query", "zebrafish", "--index", "idx", "--json"]);
    assert_eq!(found.code, 0, "the updated text is searchable");
    let old = newsdex_in(
        &dir,
        &[
            "query",
            "title:Portvale",
            "title:leaner",
            "--index",
            "idx",
            "--json",
        ],
    );
    assert_eq!(
        old.code, 1,
        "the old version of the file is gone:\n{}",
        old.stdout
    );
}

#[test]
fn bad_files_are_reported_and_skipped_while_good_ones_index() {
    let index = scratch("bad").join("index");
    let run = newsdex(&[
        "ingest",
        fixtures().join("bad").to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 1, "some files failed: exit 1\n{}", run.stderr);
    let s: Summary = run.json();
    let failed: Vec<&str> = s
        .errors
        .iter()
        .map(|e| {
            let name = e.path.rsplit('/').next().unwrap();
            // Dump records are reported as `path:line`.
            name.split(':').next().unwrap()
        })
        .collect();
    for name in [
        "empty.txt",
        "photo-renamed.txt",
        "truncated.json",
        "mixed.jsonl",
        "array-with-bad-element.json",
    ] {
        assert!(
            failed.contains(&name),
            "{name} should be reported: {:?}",
            s.errors
        );
    }
    assert!(s.errors.iter().all(|e| !e.reason.is_empty()));
    let jsonl = s
        .errors
        .iter()
        .find(|e| e.path.contains("mixed.jsonl"))
        .unwrap();
    assert!(
        jsonl.path.ends_with("mixed.jsonl:2"),
        "the bad line is named: {}",
        jsonl.path
    );
    // good-article.txt, two good JSON Lines and two good array elements.
    assert_eq!(s.documents, 5);
    for line in run.stderr.lines().filter(|l| !l.trim().is_empty()) {
        assert!(line.contains(": "), "errors are `path: reason`: {line}");
    }
    for word in ["quay", "Lindau", "Halden", "Vernholm", "marathon"] {
        let q = newsdex(&["query", word, "--index", index.to_str().unwrap()]);
        assert_eq!(q.code, 0, "{word} should be found");
    }
}

#[test]
fn missing_folder_is_a_fatal_error() {
    let index = scratch("missing").join("index");
    let run = newsdex(&[
        "ingest",
        "no/such/folder",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/folder"), "{}", run.stderr);
}

#[test]
fn index_location_comes_from_the_environment_when_not_given() {
    let dir = scratch("env");
    copy_tree(&sample_corpus().join("science"), &dir.join("science"));
    let output = assert_cmd::Command::cargo_bin("newsdex")
        .unwrap()
        .env_clear()
        .env("NEWSDEX_INDEX", dir.join("from-env"))
        .current_dir(&dir)
        .args(["ingest", "science", "--quiet"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(dir.join("from-env/newsdex.json").exists());
    let default = newsdex_in(&dir, &["ingest", "science", "--quiet"]);
    assert_eq!(default.code, 0);
    assert!(
        dir.join("newsdex-index/newsdex.json").exists(),
        "default is ./newsdex-index"
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_refused() {
    let dir = scratch("notindex");
    fs::write(dir.join("notes.txt"), "my notes").unwrap();
    let run = newsdex(&["query", "budget", "--index", dir.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a newsdex index"), "{}", run.stderr);
    let ingest = newsdex(&[
        "ingest",
        "sample_corpus/science",
        "--index",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        ingest.code, 2,
        "never writes an index into a folder holding other files"
    );
}

#[test]
fn stats_reports_documents_and_formats() {
    let run = newsdex(&["stats", "--json", "--index", crate::harness::sample_index()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = run.json();
    assert_eq!(v["documents"], SAMPLE_ARTICLES);
    for format in ["text", "markdown", "json", "jsonl", "html", "feed"] {
        assert!(
            v["formats"][format].as_u64().unwrap_or(0) > 0,
            "{format} in {v}"
        );
    }
}

//! `newsdex saved`: saved searches and exactly what was added since the last check.

use std::path::Path;

use crate::harness::{copy_tree, newsdex, sample_corpus, scratch, Run, Summary};
use crate::shapes::{SavedNews, SavedRow};

fn run(index: &Path, args: &[&str]) -> Run {
    let mut all = vec!["saved"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--index", index.to_str().unwrap()]);
    newsdex(&all)
}

fn ingest(corpus: &Path, index: &Path) -> Summary {
    let run = newsdex(&[
        "ingest",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    run.json()
}

fn news(index: &Path, args: &[&str]) -> Vec<SavedNews> {
    let mut all = vec!["new", "--json"];
    all.extend_from_slice(args);
    let out = run(index, &all);
    assert!(out.code <= 1, "{}", out.stderr);
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const STRIKE: &str = "---\ntitle: Ferry crews join the harbour strike\ndate: 2026-11-30\n---\n\
Ferry crews in Port Ellery joined the harbour strike on Monday, leaving the island without a crossing for the first time in a decade.\n\n\
\"Nobody crosses until the port authority talks to us,\" said Jane Roe, the union's regional secretary.\n";

const WEATHER: &str = "Storm warning for the coast\n\nForecasters warned of gales along the northern coast on Friday and advised fishing boats to stay in port.\n";

#[test]
fn saved_new_lists_exactly_the_articles_added_since_the_last_check() {
    let dir = scratch("saved-new");
    let (corpus, index) = (dir.join("corpus"), dir.join("index"));
    copy_tree(&sample_corpus(), &corpus);
    ingest(&corpus, &index);
    for args in [
        &["add", "strike", "harbour strike"][..],
        &["add", "roe", "--said-by", "Jane Roe"][..],
    ] {
        let out = run(&index, args);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    // Nothing is new right after saving.
    assert!(news(&index, &["--peek"])
        .iter()
        .all(|n| n.new_articles == 0));

    std::fs::write(corpus.join("politics/ferry-strike.md"), STRIKE).unwrap();
    std::fs::write(corpus.join("science/storm.txt"), WEATHER).unwrap();
    let summary = ingest(&corpus, &index);
    assert_eq!(summary.added, 2);
    let counts: Vec<(&str, usize, Option<usize>)> = summary
        .saved
        .iter()
        .map(|s| (s.name.as_str(), s.new_articles, s.new_quotes))
        .collect();
    assert_eq!(counts, [("strike", 1, Some(0)), ("roe", 1, Some(1))]);

    // --peek shows without marking; the next check shows the same, then nothing.
    for _ in 0..2 {
        let found = news(&index, &["strike", "--peek"]);
        assert_eq!(found.len(), 1);
        let paths: Vec<&str> = found[0].articles.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(paths.len(), 1);
        assert!(paths[0].ends_with("politics/ferry-strike.md"), "{paths:?}");
    }
    let all = news(&index, &[]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].quotes.len(), 1);
    assert_eq!(all[1].quotes[0].speaker.as_deref(), Some("Jane Roe"));
    let again = run(&index, &["new"]);
    assert_eq!(again.code, 1, "nothing new is exit 1: {}", again.stdout);
    assert!(
        again.stdout.contains("strike · 0 new articles"),
        "{}",
        again.stdout
    );

    // An edited article is new again; re-ingesting unchanged files adds nothing.
    let edited = STRIKE.replace("on Monday", "on Monday night");
    std::fs::write(corpus.join("politics/ferry-strike.md"), edited).unwrap();
    ingest(&corpus, &index);
    ingest(&corpus, &index);
    let after_edit = news(&index, &["strike"]);
    assert_eq!(after_edit[0].new_articles, 1);
    assert!(after_edit[0].mark > all[0].mark);
}

#[test]
fn saved_searches_are_listed_removed_and_refused_with_clear_messages() {
    let dir = scratch("saved-list");
    let index = dir.join("index");
    let corpus = sample_corpus();
    ingest(&corpus, &index);
    assert_eq!(run(&index, &["add", "blair", "--person", "Blair"]).code, 0);
    let dup = run(&index, &["add", "blair", "budget"]);
    assert_eq!(dup.code, 2);
    assert!(dup.stderr.contains("already exists"), "{}", dup.stderr);
    let bad = run(&index, &["add", "broken", "title:("]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("invalid query"), "{}", bad.stderr);

    let list = run(&index, &["list", "--json"]);
    let rows: Vec<SavedRow> = serde_json::from_value(
        serde_json::from_str::<serde_json::Value>(&list.stdout).unwrap()["saved"].clone(),
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].filters.person, ["Blair"]);
    assert_eq!(
        rows[0].new_quotes, None,
        "person filters rule quotations out"
    );

    assert_eq!(run(&index, &["remove", "blair"]).code, 0);
    let gone = run(&index, &["remove", "blair"]);
    assert_eq!(gone.code, 2);
    assert!(
        gone.stderr.contains("no saved search named `blair`"),
        "{}",
        gone.stderr
    );

    std::fs::write(index.join("saved-searches.json"), "{\"format\": 1").unwrap();
    let corrupt = run(&index, &["list"]);
    assert_eq!(corrupt.code, 2);
    assert!(
        corrupt
            .stderr
            .contains("saved-searches.json: the saved searches are unreadable"),
        "{}",
        corrupt.stderr
    );
    assert!(
        !corrupt.stderr.contains("Error {"),
        "no debug output: {}",
        corrupt.stderr
    );
}

//! Exact matching: `exact:"…"` and `query --exact` see case, accents and word forms as
//! written, where ordinary search folds and stems them.

use std::fs;

use crate::harness::{newsdex, scratch, Results};

const ARTICLES: [(&str, &str); 3] = [
    (
        "zurich-bank.txt",
        "Bank talks in Zürich\n\nTalks collapsed in Zürich on Monday after US officials left early.\n",
    ),
    (
        "zurich-ferry.txt",
        "Ferry to Zurich airport\n\nA new ferry links the lake to Zurich airport, the operator told us.\n",
    ),
    (
        "talk-show.txt",
        "Radio talk show returns\n\nThe talk collapsed into laughter when the host told us a story.\n",
    ),
];

fn hits(index: &str, args: &[&str]) -> Results {
    let mut all = vec!["query", "--index", index, "--json"];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    run.json()
}

fn files(r: &Results) -> Vec<String> {
    let mut out: Vec<String> = r
        .hits
        .iter()
        .map(|h| h.path.rsplit('/').next().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn exact_search_keeps_case_accents_and_word_forms() {
    let dir = scratch("exact");
    let news = dir.join("news");
    fs::create_dir_all(&news).unwrap();
    for (name, text) in ARTICLES {
        fs::write(news.join(name), text).unwrap();
    }
    let index = dir.join("idx");
    let index = index.to_str().unwrap();
    let run = newsdex(&[
        "ingest",
        news.to_str().unwrap(),
        "--index",
        index,
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let cases: [(&[&str], &[&str]); 8] = [
        (&["Zurich"], &["zurich-bank.txt", "zurich-ferry.txt"]),
        (&["exact:Zürich"], &["zurich-bank.txt"]),
        (&["--exact", "Zurich"], &["zurich-ferry.txt"]),
        (
            &["us"],
            &["talk-show.txt", "zurich-bank.txt", "zurich-ferry.txt"],
        ),
        (&["--exact", "US"], &["zurich-bank.txt"]),
        (
            &["\"talk collapsed\""],
            &["talk-show.txt", "zurich-bank.txt"],
        ),
        (&["exact:\"talk collapsed\""], &["talk-show.txt"]),
        (&["ferry exact:US"], &[]),
    ];
    for (args, expected) in cases {
        assert_eq!(files(&hits(index, args)), expected, "query {args:?}");
    }
    // The exact word is what the snippet highlights.
    let r = hits(index, &["--exact", "Zürich"]);
    let hit = &r.hits[0];
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|[a, b]| &hit.snippet[*a..*b])
        .collect();
    assert_eq!(marked, ["Zürich"], "{}", hit.snippet);
}

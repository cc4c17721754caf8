//! The search contract as the command line shows it: results echo the query and the
//! filters, limits are refused out of range, phrases stay phrases whatever they hold, and a
//! closed pipe is a quiet success.

use std::process::{Command, Stdio};

use crate::harness::{ingest, newsdex, query, sample_index, scratch};
use crate::shapes::{Filters, QuoteResults};

#[test]
fn json_into_a_closed_pipe_exits_quietly() {
    for args in [
        vec!["query", "budget", "--json"],
        vec!["query", "budget"],
        vec!["quotes", "--json", "--limit", "50"],
        vec!["people", "--json"],
        vec!["stats", "--json"],
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader); // Every write now fails with EPIPE, as after `| head -c 10`.
        let out = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .env_clear()
            .args(&args)
            .args(["--index", sample_index()])
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("newsdex:"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_phrase_holding_a_field_name_is_a_phrase() {
    let dir = scratch("phrase-date");
    let corpus = dir.join("desk");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("calendar.txt"),
        "Council sets its calendar\n\nThe clerk confirmed the budget date: 2024 opens with a vote in March.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("other.txt"),
        "Budget talks stall\n\nThe budget was delayed and no date was set for 2024.\n",
    )
    .unwrap();
    let index = dir.join("index");
    ingest(corpus.to_str().unwrap(), &index);
    let run = newsdex(&[
        "query",
        "\"budget date:2024\"",
        "--json",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: crate::shapes::Results = run.json();
    let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["desk/calendar.txt"],
        "only the article with the phrase"
    );
    // Outside a phrase `date:` is still the date field.
    let run = newsdex(&[
        "query",
        "budget date:2024",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "undated articles: no hit: {}", run.stderr);
}

#[test]
fn results_echo_the_query_and_the_filters() {
    let (_, r) = query(&["budget", "--person", "Elena Ruiz", "--since", "2024-01-01"]);
    assert_eq!(r.query.as_deref(), Some("budget"));
    assert_eq!(
        r.filters,
        Filters {
            person: vec!["Elena Ruiz".into()],
            since: Some("2024-01-01".into()),
            ..Filters::default()
        }
    );
    let (_, only_filters) = query(&["--person", "Elena Ruiz"]);
    assert_eq!(only_filters.query, None);
    let run = newsdex(&[
        "quotes",
        "--json",
        "--by",
        "Varga",
        "--index",
        sample_index(),
    ]);
    let q: QuoteResults = run.json();
    assert_eq!(q.filters.said_by, ["Varga"]);
    assert_eq!(q.query, None);
}

#[test]
fn limits_out_of_range_are_refused_on_every_command() {
    for args in [
        vec!["query", "budget", "--limit", "0"],
        vec!["query", "budget", "--limit", "1001"],
        vec!["quotes", "--limit", "0"],
        vec!["people", "--limit", "0"],
    ] {
        let mut all = args.clone();
        all.extend(["--index", sample_index()]);
        let run = newsdex(&all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("the limit must be from 1 to 1000"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = newsdex(&[
        "query",
        "budget",
        "--offset",
        "10001",
        "--index",
        sample_index(),
    ]);
    assert!(
        run.stderr.contains("offset must be at most 10000"),
        "{}",
        run.stderr
    );
}

#[test]
fn people_takes_the_article_filters() {
    let run = newsdex(&[
        "people",
        "--json",
        "--person",
        "Elena Ruiz",
        "--kind",
        "person",
        "--index",
        sample_index(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: crate::shapes::PeopleResults = run.json();
    let (_, articles) = query(&["--person", "Elena Ruiz", "--limit", "1000"]);
    let ruiz = r.entities.iter().find(|e| e.name == "Elena Ruiz").unwrap();
    assert_eq!(
        ruiz.articles as usize, articles.total,
        "every counted article names her"
    );
    assert_eq!(r.kind.as_deref(), Some("person"));
    assert_eq!(r.filters.person, ["Elena Ruiz"]);
}

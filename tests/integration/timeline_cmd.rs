//! `newsdex timeline`: counts per period agree with `query` and `quotes` over the same
//! dates, every match is counted once (dated or undated), and the bars are readable.

use crate::harness::{newsdex, query, sample_index};
use crate::shapes::{QuoteResults, Stats, Timeline};

fn timeline(args: &[&str]) -> Timeline {
    let mut all = vec!["timeline", "--json", "--index", sample_index()];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    run.json()
}

#[test]
fn months_count_what_query_finds_in_them() {
    let t = timeline(&["--by", "month"]);
    assert_eq!((t.by.as_str(), t.counted.as_str()), ("month", "articles"));
    let run = newsdex(&["stats", "--json", "--index", sample_index()]);
    let stats: Stats = run.json();
    let dated: u64 = t.buckets.iter().map(|b| b.articles).sum();
    assert_eq!(dated + t.undated, stats.documents, "every article once");
    assert!(dated > 10 && t.undated > 0, "{t:?}");
    let busy: Vec<_> = t
        .buckets
        .iter()
        .filter(|b| b.articles > 0)
        .take(4)
        .collect();
    assert!(busy.len() >= 3, "{t:?}");
    for b in busy {
        let (_, r) = query(&["--since", &b.start, "--until", &b.end, "--limit", "1000"]);
        assert_eq!(r.total as u64, b.articles, "{} to {}", b.start, b.end);
    }
    // Months are whole calendar months, one after the other, empty ones included.
    for pair in t.buckets.windows(2) {
        assert!(pair[0].end < pair[1].start, "{pair:?}");
    }
    assert!(t.buckets.iter().all(|b| b.start.ends_with("-01")));
}

#[test]
fn a_query_and_filters_narrow_the_timeline() {
    let t = timeline(&["budget", "--person", "Ruiz", "--by", "year"]);
    let (_, r) = query(&["budget", "--person", "Ruiz", "--limit", "1000"]);
    let counted: u64 = t.buckets.iter().map(|b| b.articles).sum::<u64>() + t.undated;
    assert_eq!(counted, r.total as u64);
    assert_eq!(t.query.as_deref(), Some("budget"));
    assert_eq!(t.filters.person, ["Ruiz"]);
}

#[test]
fn quotations_by_a_speaker_per_period() {
    let t = timeline(&["--quotes", "--said-by", "Varga", "--by", "year"]);
    assert_eq!(t.counted, "quotes");
    let run = newsdex(&[
        "quotes",
        "--json",
        "--by",
        "Varga",
        "--limit",
        "1000",
        "--index",
        sample_index(),
    ]);
    let q: QuoteResults = run.json();
    let counted: u64 = t.buckets.iter().map(|b| b.articles).sum::<u64>() + t.undated;
    assert_eq!(counted, q.total as u64);
    let run = newsdex(&[
        "timeline",
        "--quotes",
        "--place",
        "Kessel",
        "--index",
        sample_index(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("applies to articles"), "{}", run.stderr);
}

#[test]
fn bars_for_people() {
    let run = newsdex(&["timeline", "--by", "year", "--index", sample_index()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2024 ") && l.contains('█')),
        "{}",
        run.stdout
    );
    assert!(
        lines.last().unwrap().ends_with("without a date"),
        "{}",
        run.stdout
    );
    let none = newsdex(&["timeline", "zzzqqq", "--index", sample_index()]);
    assert_eq!(none.code, 1, "nothing found: {}", none.stdout);
}

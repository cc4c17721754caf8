//! `newsdex quotes`, `quote:` scoping and `--said-by`.

use crate::harness::{hit_paths, newsdex, query, sample_index};
use crate::shapes::QuoteResults;

fn quotes(args: &[&str]) -> QuoteResults {
    let mut all = vec!["quotes", "--json", "--index", sample_index()];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()
}

#[test]
fn quotes_by_a_person_are_theirs_and_newest_first() {
    let r = quotes(&["--by", "Elena Ruiz", "--limit", "50"]);
    assert!(r.total >= 5, "{r:?}");
    assert!(r
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Elena Ruiz")));
    assert!(r
        .quotes
        .iter()
        .any(|q| q.text.starts_with("We cannot keep patching the same roads")));
    let dates: Vec<&str> = r.quotes.iter().filter_map(|q| q.date.as_deref()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let ivana = quotes(&["--by", "Ivana Ruiz"]);
    assert!(ivana
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Ivana Ruiz")));
    assert!(ivana
        .quotes
        .iter()
        .any(|q| q.path.ends_with("ivana-ruiz-marathon.txt")));
}

#[test]
fn quote_text_search_ranks_quotations_with_their_article() {
    let r = quotes(&["rocket science"]);
    assert!(r.total >= 1);
    let q = &r.quotes[0];
    assert!(q.text.contains("rocket science"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Callum McIntyre"));
    assert!(q.cue.is_some());
    assert!(!q.title.is_empty() && q.path.ends_with("mcintyre-derby-win.txt"));
}

#[test]
fn quote_scope_searches_inside_quotations_only() {
    // "patching" appears in the article only inside Ruiz's quote; "marathon" only outside quotes.
    let (_, inside) = query(&["quote:patching"]);
    assert!(hit_paths(&inside)
        .iter()
        .any(|p| p.ends_with("portvale-council-budget.txt")));
    let (_, phrase) = query(&["quote:\"rocket science\""]);
    assert_eq!(phrase.total, 1);
    let (_, body_only) = query(&["quote:\"fourteen-hour session\""]);
    assert_eq!(body_only.total, 0, "narration is not a quotation");
}

#[test]
fn said_by_keeps_articles_quoting_that_person() {
    let (_, r) = query(&["--said-by", "Delacroix", "--limit", "20"]);
    let paths = hit_paths(&r);
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("geneva-physics-conference.txt")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("quasicrystal-discovery.md")),
        "{paths:?}"
    );
    let (_, mentioned) = query(&["--person", "Delacroix", "--limit", "20"]);
    assert!(mentioned.total >= r.total);
}

#[test]
fn no_quote_is_exit_code_one() {
    let run = newsdex(&["quotes", "xylophonist", "--index", sample_index()]);
    assert_eq!(run.code, 1);
}

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

/// Quotes over `tests/fixtures/wire`: one statement by Ana Lind carried by three outlets
/// (the agency's own copy, a trimmed one attributed to "Ms Lind", one with a dash for a
/// comma), reported speech beside it.
fn wire(args: &[&str]) -> QuoteResults {
    use std::sync::OnceLock;
    static INDEX: OnceLock<String> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdex-wire-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let fixtures = crate::harness::fixtures().join("wire");
        let run = newsdex(&[
            "ingest",
            fixtures.to_str().unwrap(),
            "--index",
            dir.to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        dir.to_str().unwrap().to_string()
    });
    let mut all = vec!["quotes", "--json", "--index", index.as_str()];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()
}

#[test]
fn one_quotation_in_three_outlets_is_one_entry_with_three_sources() {
    let r = wire(&["no deal"]);
    assert_eq!(r.total, 3, "three copies match: {r:?}");
    assert_eq!(r.quotes.len(), 1, "listed once: {r:?}");
    let q = &r.quotes[0];
    assert_eq!(q.source_count, 3);
    let files: Vec<&str> = q
        .sources
        .iter()
        .map(|s| s.path.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "agency-fishing-talks.md",
            "evening-post-talks-resume.json",
            "harbour-gazette-quota-row.txt"
        ],
        "dated sources earliest first, the undated last"
    );
    assert_eq!(q.first_seen.as_deref(), Some("2026-03-02"));
    assert_eq!(
        q.speaker.as_deref(),
        Some("Ana Lind"),
        "as most articles name her"
    );
    assert_eq!(q.role.as_deref(), Some("Fisheries Minister"));
    // The query's words are marked in the text.
    let marked: Vec<&str> = q.highlights.iter().map(|&[s, e]| &q.text[s..e]).collect();
    assert!(
        marked.contains(&"no") && marked.contains(&"deal"),
        "{marked:?}"
    );
    // The words around it come from the copy shown.
    assert!(q.context.before.ends_with(['“', '"']), "{:?}", q.context);
    assert!(
        q.context.after.contains("said") || q.context.after.contains("told"),
        "{:?}",
        q.context
    );
}

#[test]
fn reported_speech_is_listed_only_when_asked_for() {
    let direct = wire(&["--limit", "50"]);
    assert!(
        direct.quotes.iter().all(|q| q.kind == "direct"),
        "{direct:?}"
    );
    assert_eq!(direct.kinds, "direct");
    let all = wire(&["--indirect", "--limit", "50"]);
    assert_eq!(all.kinds, "all");
    let reported: Vec<&str> = all
        .quotes
        .iter()
        .filter(|q| q.kind == "indirect")
        .map(|q| q.text.as_str())
        .collect();
    assert!(
        reported.contains(&"the coastal fleet had lost a third of its catch in five years"),
        "{reported:?}"
    );
    assert!(all.total > direct.total);
    let only = wire(&["--kind", "indirect", "--by", "Piet Ros"]);
    assert_eq!(only.quotes.len(), 1, "{only:?}");
    assert_eq!(only.quotes[0].text, "the walkout was overdue");
    assert_eq!(only.quotes[0].kind, "indirect");
    assert!(
        only.quotes[0].context.before.ends_with("said "),
        "{:?}",
        only.quotes[0].context
    );
}

#[test]
fn a_quotation_carried_once_has_one_source() {
    // Piet Ros is quoted in one article only.
    let r = wire(&["--limit", "50"]);
    let ros: Vec<_> = r
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("Piet Ros"))
        .collect();
    assert_eq!(ros.len(), 1, "{r:?}");
    assert_eq!(ros[0].source_count, 1);
    assert_eq!(ros[0].sources.len(), 1);
}

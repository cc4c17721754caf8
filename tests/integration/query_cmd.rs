//! `newsdex query`: keywords, phrases, boolean syntax, field scoping, dates, duplicates,
//! JSON shape, exit codes.

use crate::harness::{hit_paths, newsdex, query, sample_index};

fn lower_text(path: &str) -> String {
    // The hit's own file may be gzip or a feed; snippets are enough for these checks.
    path.to_lowercase()
}

#[test]
fn keywords_are_anded_and_phrases_are_exact() {
    let (_, words) = query(&["interest", "rates"]);
    let (_, phrase) = query(&["\"interest rates\""]);
    let (_, reversed) = query(&["\"rates interest\""]);
    assert!(phrase.total >= 5, "{:?}", hit_paths(&phrase));
    assert!(words.total >= phrase.total);
    assert_eq!(reversed.total, 0, "a phrase keeps word order");
    for hit in &phrase.hits {
        assert!(
            hit.snippet.to_lowercase().contains("interest rate"),
            "{}: {}",
            hit.path,
            hit.snippet
        );
    }
}

#[test]
fn boolean_operators_and_exclusion() {
    let (_, budget) = query(&["budget"]);
    let (_, without) = query(&["budget -Portvale"]);
    assert!(without.total < budget.total);
    let (_, either) = query(&["quasicrystal OR telescope"]);
    let (_, one) = query(&["quasicrystal"]);
    assert!(either.total > one.total);
    let (_, grouped) = query(&["(quasicrystal OR telescope) AND Vernholm"]);
    assert!(grouped.total >= 1 && grouped.total <= either.total);
}

#[test]
fn rare_word_finds_its_one_article_first_with_highlights() {
    let (_, r) = query(&["quasicrystal"]);
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert!(hit.path.ends_with("science/quasicrystal-discovery.md"));
    assert!(!hit.highlights.is_empty());
    for [a, b] in &hit.highlights {
        assert!(hit.snippet[*a..*b]
            .to_lowercase()
            .starts_with("quasicrystal"));
    }
    assert_eq!(hit.date.as_deref(), Some("2025-01-22"));
    assert!(hit.score > 0.0);
    assert!(
        hit.url.as_deref().unwrap_or("").contains("quasicrystal"),
        "{:?}",
        hit.url
    );
    assert!(hit.source.is_some(), "front matter source is kept");
}

#[test]
fn field_scoping_limits_where_words_match() {
    let (_, title) = query(&["title:Varga"]);
    assert!(title.total >= 2);
    for hit in &title.hits {
        assert!(hit.title.contains("Varga"), "{}", hit.title);
    }
    let (_, author) = query(&["author:Rossi"]);
    assert!(author.total >= 1);
    for hit in &author.hits {
        assert!(
            hit.author.as_deref().unwrap_or("").contains("Rossi"),
            "{:?}",
            hit.author
        );
    }
}

#[test]
fn accents_fold_and_apostrophes_unify() {
    let (_, folded) = query(&["zurich OR tromso"]);
    let (_, accented) = query(&["Tromsø"]);
    assert!(accented.total >= 1);
    assert!(folded.total >= accented.total);
    let (_, cafe) = query(&["\"maison elise\""]);
    assert_eq!(
        cafe.total,
        1,
        "Windows-1252 file decodes: {:?}",
        hit_paths(&cafe)
    );
    let (_, pound) = query(&["takeover", "Élise"]);
    assert!(
        pound
            .hits
            .iter()
            .any(|h| h.snippet.contains('£') || h.title.contains('£')),
        "£ intact"
    );
}

#[test]
fn date_filters_and_date_syntax_agree() {
    let (_, flags) = query(&["bank", "--since", "2024-09-01", "--until", "2024-12-31"]);
    let (_, syntax) = query(&["bank date:[2024-09-01 TO 2024-12-31]"]);
    assert!(flags.total >= 1);
    assert_eq!(flags.total, syntax.total);
    for hit in &flags.hits {
        let d = hit.date.as_deref().expect("dated");
        assert!(("2024-09-01".."2025-01-01").contains(&d), "{d}");
    }
    let (_, sorted) = query(&["budget", "--sort", "date"]);
    let dates: Vec<&str> = sorted
        .hits
        .iter()
        .filter_map(|h| h.date.as_deref())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
}

#[test]
fn exact_duplicates_appear_once_with_their_copies() {
    let (_, r) = query(&["\"Baltic shipping hub\""]);
    assert_eq!(r.total, 2, "both copies match");
    assert_eq!(r.hits.len(), 1, "shown once");
    assert_eq!(r.hits[0].duplicates.len(), 1);
    assert!(lower_text(&r.hits[0].duplicates[0]).contains("harbour-port-merger.txt"));
}

#[test]
fn title_matches_rank_first() {
    let (_, r) = query(&["telescope"]);
    assert!(
        r.hits[0].title.to_lowercase().contains("telescope"),
        "{}",
        r.hits[0].title
    );
}

#[test]
fn json_output_has_the_documented_fields() {
    let (run, r) = query(&["climate", "--limit", "2"]);
    assert_eq!(r.query.as_deref(), Some("climate"));
    assert!(r.hits.len() <= 2 && r.total >= r.hits.len());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for key in [
        "id",
        "path",
        "title",
        "date",
        "author",
        "source",
        "url",
        "score",
        "snippet",
        "highlights",
        "persons",
    ] {
        assert!(v["hits"][0].get(key).is_some(), "missing {key}");
    }
    let (_, page2) = query(&["climate", "--limit", "2", "--offset", "2"]);
    assert!(
        page2
            .hits
            .iter()
            .all(|h| r.hits.iter().all(|g| g.id != h.id)),
        "pages do not overlap"
    );
}

#[test]
fn exit_codes_follow_grep() {
    let index = sample_index();
    assert_eq!(
        newsdex(&["query", "quasicrystal", "--index", index]).code,
        0
    );
    assert_eq!(newsdex(&["query", "xylophonist", "--index", index]).code, 1);
    let bad = newsdex(&["query", "\"unclosed phrase", "--index", index]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr.trim().lines().count(),
        1,
        "one-line error: {}",
        bad.stderr
    );
    let field = newsdex(&["query", "headline:budget", "--index", index]);
    assert_eq!(field.code, 2);
    assert!(field.stderr.contains("headline"), "{}", field.stderr);
    let nothing = newsdex(&["query", "--index", index]);
    assert_eq!(nothing.code, 2, "a query or a filter is required");
    let missing = newsdex(&["query", "budget", "--index", "/nonexistent/newsdex"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("ingest"),
        "says how to build one: {}",
        missing.stderr
    );
}

#[test]
fn human_output_lists_rank_title_path_and_summary() {
    let run = newsdex(&["query", "quasicrystal", "--index", sample_index()]);
    assert!(run.stdout.contains("1. "), "{}", run.stdout);
    assert!(run.stdout.contains("quasicrystal-discovery.md"));
    assert!(
        !run.stdout.contains('\x1b'),
        "no colour when NO_COLOR is set or not a terminal"
    );
    assert!(run.stderr.contains("1 matching article"), "{}", run.stderr);
}

#[test]
fn a_trailing_star_finds_the_words_that_start_so() {
    // "harbo*" is every word starting with "harbo" (harbour, Harbour's), in title or body,
    // as many articles as the whole word; a title-scoped one only the titles.
    let (_, whole) = query(&["harbour"]);
    let (_, start) = query(&["Harbo*"]);
    assert!(whole.total > 0);
    assert_eq!(start.total, whole.total);
    let (_, titles) = query(&["title:harbo*"]);
    assert!(
        titles.total > 0 && titles.total < whole.total,
        "{}",
        titles.total
    );
    let (_, none) = query(&["harbx*"]);
    assert_eq!(none.total, 0);
}

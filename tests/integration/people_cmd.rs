//! `--person`/`--org`/`--place` filters and `newsdex people`.

use crate::harness::{hit_paths, newsdex, query, sample_index};
use crate::shapes::{EntityCount, PeopleResults};

fn paths_for(args: &[&str]) -> Vec<String> {
    let (_, r) = query(args);
    hit_paths(&r)
}

#[test]
fn person_filter_matches_surname_and_full_name() {
    let surname = paths_for(&["--person", "Varga", "--limit", "50"]);
    assert!(surname.len() >= 3, "{surname:?}");
    assert!(surname
        .iter()
        .any(|p| p.ends_with("varga-austerity-speech.txt")));
    let full = paths_for(&["--person", "Tomas Varga", "--limit", "50"]);
    assert!(!full.is_empty() && full.len() <= surname.len());
    let (_, r) = query(&["--person", "Varga", "--limit", "50"]);
    assert!(
        r.hits
            .iter()
            .all(|h| h.persons.iter().any(|p| p.contains("Varga"))),
        "hits list their people"
    );
}

#[test]
fn first_names_tell_people_apart() {
    let elena = paths_for(&["--person", "Elena Ruiz", "--limit", "50"]);
    let ivana = paths_for(&["--person", "Ivana Ruiz", "--limit", "50"]);
    let ruiz = paths_for(&["--person", "Ruiz", "--limit", "50"]);
    assert!(
        ivana.iter().any(|p| p.ends_with("ivana-ruiz-marathon.txt")),
        "{ivana:?}"
    );
    assert!(
        !elena.iter().any(|p| p.ends_with("ivana-ruiz-marathon.txt")),
        "{elena:?}"
    );
    assert!(
        elena
            .iter()
            .any(|p| p.ends_with("portvale-council-budget.txt")),
        "{elena:?}"
    );
    assert!(
        ruiz.len() > elena.len(),
        "surname alone matches both: {ruiz:?}"
    );
}

#[test]
fn transliterations_and_accents_resolve_to_one_person() {
    let dmitry = paths_for(&["--person", "Dmitry Sokolov"]);
    let dmitri = paths_for(&["--person", "Dmitri Sokolov"]);
    assert_eq!(dmitry.len(), 2, "{dmitry:?}");
    assert_eq!(dmitry, dmitri);
    let folded = paths_for(&["--person", "Jose Alvarez"]);
    assert!(!folded.is_empty(), "accents fold");
}

#[test]
fn filters_combine_with_words_and_each_other() {
    let both = paths_for(&[
        "budget", "--person", "Varga", "--person", "Alvarez", "--limit", "50",
    ]);
    assert!(
        both.iter()
            .any(|p| p.ends_with("varga-austerity-speech.txt")),
        "{both:?}"
    );
    let org = paths_for(&["--org", "Brightline Group", "--limit", "50"]);
    assert!(org.len() >= 2, "{org:?}");
    let place = paths_for(&["--place", "Geneva", "--limit", "50"]);
    assert!(!place.is_empty());
    let syntax = paths_for(&["person:Varga", "--limit", "50"]);
    assert_eq!(
        syntax.len(),
        paths_for(&["--person", "Varga", "--limit", "50"]).len()
    );
}

#[test]
fn names_match_whole_words_of_people_only() {
    // "Port" is a word in many texts and part of "Portvale", never a person's name here.
    let (_, r) = query(&["--person", "Portvale"]);
    assert_eq!(r.total, 0, "{:?}", hit_paths(&r));
}

/// `newsdex people ARGS --json` on the sample index (the run must succeed).
fn people_results(args: &[&str]) -> PeopleResults {
    let mut all = vec!["people", "--json", "--index", sample_index()];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

/// The entity list of `newsdex people ARGS --json`.
fn people(args: &[&str]) -> Vec<EntityCount> {
    people_results(args).entities
}

/// Articles counted for `name` as `kind` (0 when it is not listed).
fn count(list: &[EntityCount], name: &str, kind: &str) -> u64 {
    list.iter()
        .find(|e| e.name == name && e.kind == kind)
        .map_or(0, |e| e.articles)
}

#[test]
fn people_lists_recurring_characters_with_article_counts() {
    let list = people(&["--kind", "person", "--limit", "10"]);
    assert!(count(&list, "Elena Ruiz", "person") >= 4, "{list:?}");
    assert!(count(&list, "Tomas Varga", "person") >= 3, "{list:?}");
    assert!(list.iter().all(|e| e.kind == "person"));
    let scoped = people(&["quasicrystal"]);
    assert!(
        scoped.iter().any(|e| e.name == "Anne-Marie Delacroix"),
        "{scoped:?}"
    );
}

/// Datelines in capitals ("KESSEL —") are listed under the article's own spelling of the
/// place, and a dateline makes its name a place in the article.
#[test]
fn dateline_places_are_listed_once_in_mixed_case() {
    let list = people(&["--limit", "1000"]);
    let capitals: Vec<&EntityCount> = list
        .iter()
        .filter(|e| {
            let name = e.name.as_str();
            e.kind == "place"
                && name.chars().filter(|c| c.is_alphabetic()).count() > 3
                && !name.chars().any(char::is_lowercase)
        })
        .collect();
    assert!(capitals.is_empty(), "names in capitals: {capitals:?}");
    assert!(count(&list, "Kessel", "place") >= 10, "{list:?}");
    assert!(
        count(&list, "Portvale", "place") > count(&list, "Portvale", "org"),
        "{list:?}"
    );
}

/// Counts are of articles: one matching article counts at most once for any name, whatever
/// spellings of it the article uses, and a place's last word is not merged into a longer
/// place ("Anchor" and "Golden Anchor" in one story, "Ireland" next to "Northern Ireland").
#[test]
fn one_article_counts_once_and_last_words_stay_apart() {
    let list = people(&["\"Golden Anchor\"", "--limit", "100"]);
    assert!(list.len() >= 5, "{list:?}");
    assert!(list.iter().all(|e| e.articles == 1), "{list:?}");
    assert!(list.iter().any(|e| e.name == "Ireland"), "{list:?}");
}

/// `people --with`: the companions of one person, each with the articles they share, the
/// articles they appear in at all, and a score that ranks specific company first.
#[test]
fn companions_share_articles_with_the_person() {
    let r = people_results(&["--with", "Elena Ruiz", "--limit", "50"]);
    assert_eq!(r.with.as_deref(), Some("Elena Ruiz"));
    let (_, hers) = query(&["--person", "Elena Ruiz", "--limit", "1000"]);
    assert_eq!(r.with_articles, Some(hers.total as u64));
    assert!(!r.entities.is_empty());
    assert!(
        r.entities
            .iter()
            .all(|e| e.name != "Elena Ruiz" && e.name != "Ruiz"),
        "not her own companion: {:?}",
        r.entities
    );
    for e in &r.entities {
        let all = e.in_all.expect("in_all with --with");
        assert!(
            e.articles <= all && e.lift.is_some() && e.score.is_some(),
            "{e:?}"
        );
    }
    let scores: Vec<f64> = r.entities.iter().map(|e| e.score.unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let person = r.entities.iter().find(|e| e.kind == "person").unwrap();
    let (_, both) = query(&[
        "--person",
        "Elena Ruiz",
        "--person",
        &person.name,
        "--limit",
        "1000",
    ]);
    assert_eq!(person.articles, both.total as u64, "{person:?}");
}

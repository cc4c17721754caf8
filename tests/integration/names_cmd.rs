//! Names across the archive (`tests/fixtures/names/`): a lone surname linked to the one full
//! name the archive uses, an ambiguous one left alone, a party's two names, an acronym
//! defined in one article and bare in another, a town the archive tags as a place though
//! one article makes it a person; through `people`, the filters and `person:`, and kept
//! right by re-ingest, `--prune` and a lost table.

use std::path::Path;
use std::sync::OnceLock;

use crate::harness::{copy_tree, fixtures, newsdex, scratch};
use crate::shapes::{EntityCount, PeopleResults, Results};

/// The index of the fixtures, built once.
fn index() -> &'static str {
    static INDEX: OnceLock<String> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = scratch("names").join("index");
        let corpus = fixtures().join("names");
        ingest(&corpus, &dir, &[]);
        dir.to_str().unwrap().to_string()
    })
}

fn ingest(corpus: &Path, index: &Path, extra: &[&str]) {
    let mut args = vec![
        "ingest",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let run = newsdex(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn people_in(index: &str, kind: &str) -> Vec<EntityCount> {
    let run = newsdex(&[
        "people", "--json", "--index", index, "--kind", kind, "--limit", "100",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json::<PeopleResults>().entities
}

fn find<'a>(list: &'a [EntityCount], name: &str) -> Option<&'a EntityCount> {
    list.iter().find(|e| e.name == name)
}

/// Files (names only) of the articles matching a query on the fixtures' index.
fn hits(index: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["query", "--json", "--index", index, "--limit", "100"];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let mut files: Vec<String> = run
        .json::<Results>()
        .hits
        .iter()
        .filter_map(|h| Path::new(&h.path).file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn a_lone_surname_joins_the_one_full_name_and_an_ambiguous_one_stays_alone() {
    let list = people_in(index(), "person");
    let oskar = find(&list, "Oskar Lindqvist").expect("listed");
    assert_eq!(oskar.articles, 5, "{oskar:?}");
    let aliases: Vec<(&str, u64)> = oskar
        .aliases
        .iter()
        .map(|a| (a.name.as_str(), a.articles))
        .collect();
    assert_eq!(
        aliases,
        [("Oskar Lindqvist", 3), ("Lindqvist", 2)],
        "{oskar:?}"
    );
    assert!(find(&list, "Lindqvist").is_none(), "{list:?}");
    for (name, n) in [("Anna Brandt", 2), ("Peter Brandt", 2), ("Brandt", 1)] {
        assert_eq!(
            find(&list, name).map(|e| e.articles),
            Some(n),
            "{name}: {list:?}"
        );
    }
}

#[test]
fn filters_and_the_query_language_accept_any_alias() {
    let lindqvist = [
        "lindqvist-budget-plan.txt",
        "lindqvist-rail-vote.txt",
        "lindqvist-surname-again.txt",
        "lindqvist-surname-only.txt",
        "lindqvist-visits-harbour.txt",
    ];
    assert_eq!(hits(index(), &["--person", "Oskar Lindqvist"]), lindqvist);
    assert_eq!(hits(index(), &["--person", "Lindqvist"]), lindqvist);
    assert_eq!(hits(index(), &["person:\"Oskar Lindqvist\""]), lindqvist);
    assert_eq!(
        hits(index(), &["--person", "Anna Brandt"]),
        ["brandt-debate.txt", "brandt-siblings.txt"],
        "an ambiguous surname is not expanded"
    );
    let party = [
        "labour-party-manifesto.txt",
        "labour-party-poll.txt",
        "labour-rally.txt",
    ];
    assert_eq!(hits(index(), &["--org", "Labour Party"]), party);
    assert_eq!(hits(index(), &["org:\"Labour Party\""]), party);
    assert_eq!(
        hits(index(), &["--org", "CFA"]),
        ["flood-agency-bare.txt", "flood-agency-defined.txt"]
    );
    let town = hits(index(), &["--place", "Alvik"]);
    assert_eq!(town.len(), 5, "{town:?}");
    assert!(town.contains(&"alvik-council-offer.txt".to_string()));
    assert_eq!(
        hits(index(), &["--person", "Alvik"]),
        ["alvik-council-offer.txt"],
        "a person filter is not narrowed by the vote"
    );
}

#[test]
fn organisations_merge_their_names_and_the_archive_votes_on_kinds() {
    let orgs = people_in(index(), "org");
    let party = find(&orgs, "Labour Party").expect("listed");
    assert_eq!(party.articles, 3, "{party:?}");
    assert!(find(&orgs, "Labour").is_none(), "{orgs:?}");
    let agency = find(&orgs, "Coastal Flood Agency").expect("listed");
    assert_eq!(agency.articles, 2, "{agency:?}");
    assert!(find(&orgs, "CFA").is_none(), "{orgs:?}");
    let places = people_in(index(), "place");
    let town = find(&places, "Alvik").expect("listed");
    assert_eq!(town.articles, 5, "{town:?}");
    assert!(
        town.aliases
            .iter()
            .any(|a| a.kind == "person" && a.articles == 1),
        "the article that tagged the town a person counts for the town: {town:?}"
    );
    let persons = people_in(index(), "person");
    assert!(find(&persons, "Alvik").is_none(), "{persons:?}");
}

#[test]
fn reingest_prune_and_a_lost_table_keep_the_table_right() {
    let root = scratch("names-edit");
    let corpus = root.join("corpus");
    let index = root.join("index");
    copy_tree(&fixtures().join("names"), &corpus);
    ingest(&corpus, &index, &[]);
    let dir = index.to_str().unwrap();
    let oskar = |dir: &str| find(&people_in(dir, "person"), "Oskar Lindqvist").map(|e| e.articles);
    assert_eq!(oskar(dir), Some(5));

    // One surname-only article deleted (pruned), another rewritten with the full name.
    std::fs::remove_file(corpus.join("lindqvist-surname-again.txt")).unwrap();
    ingest(&corpus, &index, &["--prune"]);
    assert_eq!(oskar(dir), Some(4));
    assert_eq!(hits(dir, &["--person", "Oskar Lindqvist"]).len(), 4);
    std::fs::write(
        corpus.join("lindqvist-surname-only.txt"),
        "Rail costs questioned\n\nAnna Brandt asked about the rail link on Tuesday.\n",
    )
    .unwrap();
    ingest(&corpus, &index, &[]);
    let list = people_in(dir, "person");
    assert_eq!(
        find(&list, "Oskar Lindqvist").map(|e| e.articles),
        Some(3),
        "{list:?}"
    );
    assert_eq!(
        find(&list, "Anna Brandt").map(|e| e.articles),
        Some(3),
        "{list:?}"
    );

    // Both table files lost: the next ingest (nothing to read) rebuilds them from the index.
    let before = people_in(dir, "org");
    for file in ["names.counts", "names.entities"] {
        std::fs::remove_file(index.join(file)).unwrap();
    }
    assert!(
        find(&people_in(dir, "org"), "Labour").is_some(),
        "no table, no merge"
    );
    ingest(&corpus, &index, &[]);
    let after = people_in(dir, "org");
    let shown = |l: &[EntityCount]| -> Vec<(String, u64)> {
        l.iter().map(|e| (e.name.clone(), e.articles)).collect()
    };
    assert_eq!(shown(&after), shown(&before));
}

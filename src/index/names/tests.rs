//! Tables for the archive-level rules, the counts, the files, and the writer keeping the
//! table current through adds, replacements, deletes and a lost file.

use super::resolve::{resolve, shortens, Entity};
use super::*;
use crate::article::{Article, Format};
use crate::extract::{Entity as Mention, EntityKind as K, Extraction};
use crate::index::{DocInput, FileStamp, NewsIndex};

fn counts(names: &[(&str, [u32; 3])], acronyms: &[(&str, &str, u32)]) -> NameCounts {
    NameCounts {
        names: names.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
        acronyms: acronyms
            .iter()
            .map(|(a, f, n)| ((a.to_string(), f.to_string()), *n))
            .collect(),
    }
}

/// Each entity as "kind display: member/kind, …" (members sorted), sorted.
fn shown(entities: &[Entity]) -> Vec<String> {
    let mut out: Vec<String> = entities
        .iter()
        .map(|e| {
            let mut members: Vec<String> = e
                .members
                .iter()
                .map(|m| format!("{}/{}", m.spelling, m.kind.name()))
                .collect();
            members.sort();
            format!("{} {}: {}", e.kind.name(), e.display, members.join(", "))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn archive_rules_merge_what_the_counts_support_and_nothing_else() {
    type Case<'a> = (&'a str, NameCounts, Vec<&'a str>);
    let cases: Vec<Case> = vec![
        (
            "a lone surname joins the full name that holds 95 % of its full names",
            counts(
                &[
                    ("Tony Blair", [40, 0, 0]),
                    ("Blair", [20, 0, 0]),
                    ("Cherie Blair", [2, 0, 0]),
                ],
                &[],
            ),
            vec!["person Tony Blair: Blair/person, Tony Blair/person"],
        ),
        (
            "a hyphenated surname is one word",
            counts(
                &[("Robert Kilroy-Silk", [12, 0, 0]), ("Kilroy-Silk", [10, 0, 0])],
                &[],
            ),
            vec!["person Robert Kilroy-Silk: Kilroy-Silk/person, Robert Kilroy-Silk/person"],
        ),
        (
            "an ambiguous surname stays alone",
            counts(
                &[
                    ("John Smith", [5, 0, 0]),
                    ("Jane Smith", [4, 0, 0]),
                    ("Smith", [6, 0, 0]),
                ],
                &[],
            ),
            vec![],
        ),
        (
            "a full name in fewer than three articles takes no surname",
            counts(&[("Elena Ruiz", [2, 0, 0]), ("Ruiz", [3, 0, 0])], &[]),
            vec![],
        ),
        (
            "a name the archive tags as an organisation is one in every article",
            counts(&[("Oscar", [2, 20, 0])], &[]),
            vec!["org Oscar: Oscar/org, Oscar/person"],
        ),
        (
            "a split vote (60 %) leaves each kind apart",
            counts(&[("Mahler", [3, 0, 2])], &[]),
            vec![],
        ),
        (
            "a vote needs five articles",
            counts(&[("Dalmora", [1, 0, 3])], &[]),
            vec![],
        ),
        (
            "a party's short name and its full name are one",
            counts(&[("Labour", [0, 30, 0]), ("Labour Party", [0, 10, 0])], &[]),
            vec!["org Labour Party: Labour Party/org, Labour/org"],
        ),
        (
            "words shortened one by one, and a plural before Party",
            counts(
                &[
                    ("Lib Dems", [0, 8, 0]),
                    ("Liberal Democrats", [0, 12, 0]),
                    ("Conservatives", [0, 7, 0]),
                    ("Conservative Party", [0, 4, 0]),
                ],
                &[],
            ),
            vec![
                "org Conservative Party: Conservative Party/org, Conservatives/org",
                "org Liberal Democrats: Lib Dems/org, Liberal Democrats/org",
            ],
        ),
        (
            "a misspelt long form does not take the display from the common one",
            counts(
                &[("Electronic Arts", [0, 7, 0]), ("Electronics Arts", [0, 2, 0])],
                &[],
            ),
            vec!["org Electronic Arts: Electronic Arts/org, Electronics Arts/org"],
        ),
        (
            "an acronym one article defined, used bare elsewhere",
            counts(
                &[
                    ("NATO", [0, 9, 0]),
                    ("North Atlantic Treaty Organization", [0, 3, 0]),
                ],
                &[("NATO", "North Atlantic Treaty Organization", 1)],
            ),
            vec!["org North Atlantic Treaty Organization: NATO/org, North Atlantic Treaty Organization/org"],
        ),
        (
            "an acronym defined two ways half and half stays bare",
            counts(
                &[
                    ("ICC", [0, 6, 0]),
                    ("International Criminal Court", [0, 3, 0]),
                    ("International Cricket Council", [0, 3, 0]),
                ],
                &[
                    ("ICC", "International Criminal Court", 2),
                    ("ICC", "International Cricket Council", 2),
                ],
            ),
            vec![],
        ),
        (
            "a city's name is not short for either of its clubs; a shortened club name is",
            counts(
                &[
                    ("Manchester", [0, 5, 0]),
                    ("Manchester City", [0, 10, 0]),
                    ("Man City", [0, 3, 0]),
                    ("Manchester United", [0, 6, 0]),
                ],
                &[],
            ),
            vec!["org Manchester City: Man City/org, Manchester City/org"],
        ),
        (
            "spellings with the same keys are one name with it",
            counts(
                &[
                    ("Volodymyr Zelensky", [6, 0, 0]),
                    ("Volodymyr Zelenskyy", [2, 0, 0]),
                    ("Zelensky", [3, 0, 0]),
                ],
                &[],
            ),
            vec!["person Volodymyr Zelensky: Volodymyr Zelensky/person, Volodymyr Zelenskyy/person, Zelensky/person"],
        ),
    ];
    for (what, counts, want) in cases {
        assert_eq!(shown(&resolve(&counts)), want, "{what}");
    }
}

#[test]
fn short_forms_are_suffixes_plurals_or_shortened_words() {
    let k = |s: &str| crate::extract::names::name_keys(s);
    let cases = [
        ("Labour", "Labour Party", true),
        ("Brightline", "Brightline Group", true),
        ("Conservatives", "Conservative Party", true),
        ("Lib Dems", "Liberal Democrats", true),
        ("Man City", "Manchester City", true),
        ("Manchester", "Manchester City", false),
        ("Man Utd", "Manchester United", true),
        ("Utd Man", "United Manchester", false),
        ("Man Dems", "Manchester United", false),
        ("Li Dems", "Liberal Democrats", false),
        ("Liberal Democrats", "Liberal Democrats", false),
        ("Labour Party", "Labour", false),
    ];
    for (short, long, want) in cases {
        assert_eq!(shortens(&k(short), &k(long)), want, "{short} / {long}");
    }
}

fn mention(kind: K, text: &str, canonical: &str) -> Mention {
    Mention {
        kind,
        text: text.into(),
        canonical: canonical.into(),
        start: 0,
        end: 0,
    }
}

#[test]
fn an_article_counts_each_name_once_and_keeps_only_acronym_definitions() {
    let nato = "North Atlantic Treaty Organization";
    let extraction = Extraction {
        entities: vec![
            mention(K::Person, "Blair", "Tony Blair"),
            mention(K::Person, "Tony Blair", "Tony Blair"),
            mention(K::Org, "NATO", nato),
            mention(K::Org, nato, nato),
            mention(K::Org, "Lib Dems", "Lib Dems"),
            mention(K::Org, "UN", "UN"),
            mention(K::Place, " ", " "),
        ],
        title_entities: vec![
            (K::Place, "Kessel".into()),
            (K::Person, "Tony Blair".into()),
        ],
        quotes: Vec::new(),
    };
    let got = ArticleNames::from_extraction(&extraction);
    let names: Vec<(K, &str)> = got.names.iter().map(|(k, n)| (*k, n.as_str())).collect();
    assert_eq!(
        names,
        [
            (K::Person, "Tony Blair"),
            (K::Org, "Lib Dems"),
            (K::Org, nato),
            (K::Org, "UN"),
            (K::Place, "Kessel"),
        ]
    );
    assert_eq!(got.acronyms, [("NATO".to_string(), nato.to_string())]);
}

#[test]
fn counts_add_and_remove_articles_and_drop_empty_rows() {
    let a = ArticleNames {
        names: vec![(K::Person, "Tony Blair".into()), (K::Org, "Labour".into())],
        acronyms: vec![("UN".into(), "United Nations".into())],
    };
    let b = ArticleNames {
        names: vec![(K::Person, "Tony Blair".into())],
        acronyms: Vec::new(),
    };
    let mut c = NameCounts::default();
    c.apply(&a, true);
    c.apply(&b, true);
    assert_eq!(c.names["Tony Blair"], [2, 0, 0]);
    c.apply(&a, false);
    assert_eq!(c.names["Tony Blair"], [1, 0, 0]);
    assert!(!c.names.contains_key("Labour"));
    assert!(c.acronyms.is_empty());
    c.apply(&b, false);
    c.apply(&b, false);
    assert!(c.names.is_empty(), "never below zero");
}

#[test]
fn files_round_trip_and_refuse_damage() {
    let dir = tempfile::tempdir().unwrap();
    let c = counts(
        &[
            ("Tony Blair", [3, 0, 0]),
            ("Tab\tName", [0, 1, 0]),
            ("Blair", [2, 0, 1]),
        ],
        &[("NATO", "North Atlantic Treaty Organization", 2)],
    );
    file::write_counts(dir.path(), 42, &c).unwrap();
    let (opstamp, back) = file::read_counts(dir.path()).unwrap();
    assert_eq!((opstamp, &back), (42, &c));
    let entities = resolve(&c);
    file::write_entities(dir.path(), 42, &entities).unwrap();
    assert_eq!(file::read_entities(dir.path()).unwrap(), entities);

    let path = dir.path().join(COUNTS_FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let damaged = [
        text.replace("Tony Blair", "Tony Blare"),
        text[..text.len() - 10].to_string(),
        text.replacen("\t1\t", "\t9\t", 1),
        String::new(),
    ];
    for bad in damaged {
        std::fs::write(&path, &bad).unwrap();
        assert!(file::read_counts(dir.path()).is_err(), "{bad:?}");
    }
}

fn prepare(
    index: &NewsIndex,
    file: &str,
    people: &[&[(&str, &str)]],
) -> crate::index::PreparedFile {
    let articles: Vec<Article> = (0..people.len())
        .map(|i| Article {
            title: format!("Report {i} from {file}"),
            body: format!("The council met on Tuesday ({file}, {i})."),
            ..Article::default()
        })
        .collect();
    let extractions: Vec<Extraction> = people
        .iter()
        .map(|names| Extraction {
            entities: names
                .iter()
                .map(|(text, canonical)| mention(K::Person, text, canonical))
                .collect(),
            ..Extraction::default()
        })
        .collect();
    let inputs: Vec<DocInput<'_>> = articles
        .iter()
        .zip(&extractions)
        .enumerate()
        .map(|(i, (a, e))| DocInput {
            id: format!("{file}#{i}"),
            path: file.to_string(),
            format: Format::Json,
            article: a,
            extraction: e,
            fingerprint: crate::ingest::fingerprint(&a.title, &a.body),
        })
        .collect();
    index.prepare(file, FileStamp::default(), &inputs)
}

fn table_counts(dir: &Path) -> HashMap<String, [u32; 3]> {
    file::read_counts(dir).unwrap().1.names
}

#[test]
fn the_writer_keeps_the_table_current_and_rebuilds_a_lost_one() {
    let dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(dir.path()).unwrap();
    let blair: &[(&str, &str)] = &[("Tony Blair", "Tony Blair")];
    let lone: &[(&str, &str)] = &[("Blair", "Blair")];
    let mut w = index.writer(16 << 20, 1).unwrap();
    w.add(prepare(&index, "/a.json", &[blair, blair, blair]))
        .unwrap();
    w.add(prepare(&index, "/b.json", &[lone])).unwrap();
    w.commit().unwrap();
    w.finish().unwrap();
    assert_eq!(table_counts(dir.path())["Blair"], [1, 0, 0]);
    let members = |index: &NewsIndex| -> Vec<String> {
        let table = index.names();
        let e = table.named(K::Person, "Blair").map(|e| e.members.clone());
        let mut m: Vec<String> = e
            .unwrap_or_default()
            .into_iter()
            .map(|m| m.spelling)
            .collect();
        m.sort();
        m
    };
    assert_eq!(members(&index), ["Blair", "Tony Blair"]);

    // An edited file: its old articles leave the counts, the new ones enter.
    let index = NewsIndex::open(dir.path()).unwrap();
    let mut w = index.writer(16 << 20, 1).unwrap();
    w.replace(prepare(&index, "/a.json", &[blair, lone]))
        .unwrap();
    w.commit().unwrap();
    w.finish().unwrap();
    let now = table_counts(dir.path());
    assert_eq!((now["Tony Blair"], now["Blair"]), ([1, 0, 0], [2, 0, 0]));
    assert!(
        members(&index).is_empty(),
        "one article is too few for the link"
    );

    // A deleted file (`--prune`), then a lost table: rebuilt from the index alike.
    let mut w = index.writer(16 << 20, 1).unwrap();
    w.delete_file("/b.json");
    w.commit().unwrap();
    w.finish().unwrap();
    let after_delete = table_counts(dir.path());
    assert_eq!(after_delete["Blair"], [1, 0, 0]);
    std::fs::remove_file(dir.path().join(COUNTS_FILE)).unwrap();
    let mut w = index.writer(16 << 20, 1).unwrap();
    w.commit().unwrap();
    w.finish().unwrap();
    assert_eq!(table_counts(dir.path()), after_delete);

    // A file added and deleted again by one writer: recounted from the index.
    let mut w = index.writer(16 << 20, 1).unwrap();
    w.add(prepare(&index, "/c.json", &[lone])).unwrap();
    w.delete_file("/c.json");
    w.commit().unwrap();
    w.finish().unwrap();
    assert_eq!(table_counts(dir.path()), after_delete);
}

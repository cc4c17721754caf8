use super::*;

fn name(kind: EntityKind, name: &str) -> Option<Target> {
    Some(Target::Name {
        kind,
        name: name.into(),
    })
}

#[test]
fn names_alone_are_told_from_queries() {
    use EntityKind::{Org, Person, Place};
    let cases: &[(&str, Option<Target>)] = &[
        ("person:\"Jane Roe\"", name(Person, "Jane Roe")),
        ("  person : \"Jane Roe\" ", name(Person, "Jane Roe")),
        ("person:“Jane Roe”", name(Person, "Jane Roe")),
        ("org:\"Acme Ltd\"", name(Org, "Acme Ltd")),
        ("place:Nairobi", name(Place, "Nairobi")),
        ("person:Roe", name(Person, "Roe")),
        ("person:\"Jane Roe\" budget", None),
        ("person:Roe AND budget", None),
        ("person:\"Jane \" Roe\"", None),
        ("person:\"\"", None),
        ("person:", None),
        ("person:-Roe", None),
        ("person:Ro*", None),
        ("said_by:\"Jane Roe\"", None),
        ("Person:\"Jane Roe\"", None),
        ("persons:\"Jane Roe\"", None),
        ("\"Jane Roe\"", None),
        ("budget", None),
    ];
    for (line, want) in cases {
        assert_eq!(&name_line(line), want, "{line:?}");
    }
}

#[test]
fn with_names_every_plain_line_is_a_name() {
    let req = BatchRequest {
        names: Some(EntityKind::Person),
        ..BatchRequest::default()
    };
    assert_eq!(
        req.target(" Jane Roe "),
        Target::Name {
            kind: EntityKind::Person,
            name: "Jane Roe".into()
        }
    );
    assert_eq!(
        req.target("org:\"Acme\""),
        Target::Name {
            kind: EntityKind::Org,
            name: "Acme".into()
        }
    );
    assert_eq!(req.target("title:budget"), Target::Query);
    assert_eq!(BatchRequest::default().target("Jane Roe"), Target::Query);
}

fn entity(kind: EntityKind, name: &str, aliases: &[&str], articles: u64) -> EntityRow {
    EntityRow {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        articles,
        first_date: None,
        last_date: None,
    }
}

#[test]
fn the_spellings_of_the_name_asked_for_are_chosen() {
    use EntityKind::{Org, Person};
    let rows = [
        entity(Person, "Mary Jane Roe", &[], 9),
        entity(Person, "Jane Roe", &["JANE ROE", "Roe"], 4),
        entity(Org, "Jane Roe Foundation", &[], 20),
        entity(Person, "Gordon Brown", &[], 7),
        entity(Person, "Cherie Brown", &[], 3),
    ];
    let got = spellings(&rows, Person, "jane roe");
    assert_eq!(
        got.0.as_deref(),
        Some("Jane Roe"),
        "exact keys beat more articles"
    );
    assert_eq!(got.1, ["JANE ROE", "Roe"]);
    assert_eq!(
        spellings(&rows, Person, "Brown").0.as_deref(),
        Some("Gordon Brown")
    );
    assert_eq!(
        spellings(&rows, Org, "Jane Roe").0.as_deref(),
        Some("Jane Roe Foundation")
    );
    assert_eq!(spellings(&rows, Person, "Ali Khan"), (None, Vec::new()));
    assert_eq!(spellings(&rows, Person, "!!"), (None, Vec::new()));
}

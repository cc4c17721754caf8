//! Table-driven tests of speaker kinds (organisations and publications speaking),
//! affiliations, reported speech and the ranker's shapes, on sentences written for them.
//! Tagger entities are given by hand, as (kind, text, canonical) found in the body.

use super::{find_quotes, find_quotes_with, Attribution, QuoteKind, Settings};
use crate::extract::{Entity, EntityKind, Quote};

/// Entities at every occurrence of each (kind, text, canonical) in the body.
fn entities(body: &str, spec: &[(EntityKind, &str, &str)]) -> Vec<Entity> {
    let mut out = Vec::new();
    for &(kind, text, canonical) in spec {
        for (start, _) in body.match_indices(text) {
            out.push(Entity {
                kind,
                text: text.to_string(),
                canonical: canonical.to_string(),
                start,
                end: start + text.len(),
            });
        }
    }
    out.sort_by_key(|e| e.start);
    out
}

const P: EntityKind = EntityKind::Person;
const O: EntityKind = EntityKind::Org;

type Spec = &'static [(EntityKind, &'static str, &'static str)];

/// (body, entities, expected (text, speaker, speaker kind, affiliation) of every quote).
type KindCase = (
    &'static str,
    Spec,
    Vec<(
        &'static str,
        Option<&'static str>,
        Option<EntityKind>,
        Option<&'static str>,
    )>,
);

/// What a quote is checked for: text, speaker, speaker kind, affiliation.
type Seen = (String, Option<String>, Option<EntityKind>, Option<String>);

fn run_kinds(cases: Vec<KindCase>) {
    for (body, spec, want) in cases {
        let got: Vec<Seen> = find_quotes(body, &entities(body, spec))
            .into_iter()
            .map(|q| (q.text, q.speaker, q.speaker_kind, q.affiliation))
            .collect();
        let want: Vec<Seen> = want
            .into_iter()
            .map(|(t, s, k, a)| {
                (
                    t.to_string(),
                    s.map(str::to_string),
                    k,
                    a.map(str::to_string),
                )
            })
            .collect();
        assert_eq!(got, want, "{body}");
    }
}

#[test]
fn organisations_and_publications_speak_under_their_canonical_names() {
    run_kinds(vec![
        (
            "The Ministry of Transport published its figures on Monday.\n\n\
             “Rail journeys rose by a fifth last year,” the ministry said.",
            &[(O, "Ministry of Transport", "Ministry of Transport")],
            vec![(
                "Rail journeys rose by a fifth last year,",
                Some("Ministry of Transport"),
                Some(O),
                None,
            )],
        ),
        (
            "“The mayor has misled voters about the bridge,” wrote the Portvale Herald.",
            &[(O, "Portvale Herald", "Portvale Herald")],
            vec![(
                "The mayor has misled voters about the bridge,",
                Some("Portvale Herald"),
                Some(O),
                None,
            )],
        ),
        (
            "“We expect a decision very soon,” Laura Chen said.",
            &[(P, "Laura Chen", "Laura Chen")],
            vec![(
                "We expect a decision very soon,",
                Some("Laura Chen"),
                Some(P),
                None,
            )],
        ),
    ]);
}

#[test]
fn spokespeople_keep_the_organisation_they_speak_for() {
    let acme: Spec = &[
        (O, "Acme Freight", "Acme Freight"),
        (P, "Jane Roe", "Jane Roe"),
    ];
    run_kinds(vec![
        (
            "A spokeswoman for the Acme Freight, Jane Roe, said: “We have nothing to add.”",
            acme,
            vec![(
                "We have nothing to add.",
                Some("Jane Roe"),
                Some(P),
                Some("Acme Freight"),
            )],
        ),
        (
            "A spokeswoman for Acme Freight, Jane Roe, said: “We have nothing to add today.”",
            acme,
            vec![(
                "We have nothing to add today.",
                Some("Jane Roe"),
                Some(P),
                Some("Acme Freight"),
            )],
        ),
        (
            "“We have nothing to add today,” said Jane Roe, a spokeswoman for Acme Freight.",
            acme,
            vec![(
                "We have nothing to add today,",
                Some("Jane Roe"),
                Some(P),
                Some("Acme Freight"),
            )],
        ),
        (
            "Acme Freight spokeswoman Jane Roe said: “We have nothing to add today.”",
            acme,
            vec![(
                "We have nothing to add today.",
                Some("Jane Roe"),
                Some(P),
                Some("Acme Freight"),
            )],
        ),
    ]);
}

/// (body, entities, expected (kind, text, speaker, cue) with reported speech on).
type ReportedCase = (
    &'static str,
    Spec,
    Vec<(
        QuoteKind,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    )>,
);

#[test]
fn reported_speech_has_content_speaker_and_cue() {
    let roe: Spec = &[(P, "Jane Roe", "Jane Roe"), (P, "Roe", "Jane Roe")];
    let d = QuoteKind::Direct;
    let i = QuoteKind::Indirect;
    let cases: Vec<ReportedCase> = vec![
        (
            "Jane Roe said the talks had failed after midnight.",
            roe,
            vec![(
                i,
                "the talks had failed after midnight",
                Some("Jane Roe"),
                Some("say"),
            )],
        ),
        (
            "Jane Roe told reporters that the talks had failed after midnight.",
            roe,
            vec![(
                i,
                "the talks had failed after midnight",
                Some("Jane Roe"),
                Some("tell"),
            )],
        ),
        (
            "According to Jane Roe, the talks failed shortly after midnight.",
            roe,
            vec![(
                i,
                "the talks failed shortly after midnight",
                Some("Jane Roe"),
                Some("according to"),
            )],
        ),
        (
            "The talks failed shortly after midnight, Roe said.",
            roe,
            vec![(
                i,
                "The talks failed shortly after midnight",
                Some("Jane Roe"),
                Some("say"),
            )],
        ),
        (
            "Jane Roe spoke on Monday. She said the harbour would reopen in the spring. \
             “We are ready,” she added.",
            roe,
            vec![
                (
                    i,
                    "the harbour would reopen in the spring",
                    Some("Jane Roe"),
                    Some("say"),
                ),
                (d, "We are ready,", Some("Jane Roe"), Some("add")),
            ],
        ),
        (
            "Jane Roe left the room, saying the talks had failed after midnight.",
            roe,
            vec![(
                i,
                "the talks had failed after midnight",
                Some("Jane Roe"),
                Some("say"),
            )],
        ),
        // No reporting verb, too short, or a participle without a comma: nothing reported.
        ("The talks failed after midnight on Tuesday.", roe, vec![]),
        ("Jane Roe said no.", roe, vec![]),
        (
            "Jane Roe kept saying the talks had failed after midnight.",
            roe,
            vec![],
        ),
    ];
    for (body, spec, want) in cases {
        let ents = entities(body, spec);
        let settings = Settings {
            indirect: true,
            ..Settings::default()
        };
        let got: Vec<(QuoteKind, String, Option<String>, Option<String>)> =
            find_quotes_with(body, &ents, &settings)
                .into_iter()
                .map(|q: Quote| (q.kind, q.text, q.speaker, q.cue))
                .collect();
        let want: Vec<(QuoteKind, String, Option<String>, Option<String>)> = want
            .into_iter()
            .map(|(k, t, s, c)| {
                (
                    k,
                    t.to_string(),
                    s.map(str::to_string),
                    c.map(str::to_string),
                )
            })
            .collect();
        assert_eq!(got, want, "{body}");
        // Without `indirect`, only the direct quotations are listed.
        let direct = find_quotes(body, &ents);
        assert!(direct.iter().all(|q| q.kind == QuoteKind::Direct), "{body}");
        assert_eq!(
            direct.len(),
            got.iter().filter(|g| g.0 == QuoteKind::Direct).count()
        );
    }
}

#[test]
fn rules_and_ranker_agree_on_plain_attributions() {
    let bodies = [
        "“We will not back down,” Tom Baker said.",
        "Tom Baker said: “We will not back down.”",
        "“We will not back down,” said Tom Baker, the mayor of Portvale.",
    ];
    for body in bodies {
        let ents = entities(body, &[(P, "Tom Baker", "Tom Baker")]);
        let rules = Settings {
            attribution: Attribution::Rules,
            indirect: false,
        };
        let by_rules = find_quotes_with(body, &ents, &rules);
        let learnt = find_quotes(body, &ents);
        assert_eq!(by_rules, learnt, "{body}");
        assert_eq!(learnt[0].speaker.as_deref(), Some("Tom Baker"), "{body}");
    }
}

//! Table-driven tests of the quote finder on sentences written for them, one or more per
//! attribution pattern, plus the traps (apostrophes, nesting, unclosed marks, titles,
//! nicknames, scare quotes). No tagger entities are given: speakers come from attribution
//! and in-article name linking alone.

use super::find_quotes;

/// (body, expected quotes as (text, speaker, cue)).
type Case = (
    &'static str,
    Vec<(&'static str, Option<&'static str>, Option<&'static str>)>,
);

fn run(cases: Vec<Case>) {
    for (body, want) in cases {
        let got: Vec<(String, Option<String>, Option<String>)> = find_quotes(body, &[])
            .into_iter()
            .map(|q| {
                assert!(body.is_char_boundary(q.start) && body.is_char_boundary(q.end));
                (q.text, q.speaker, q.cue)
            })
            .collect();
        let want: Vec<(String, Option<String>, Option<String>)> = want
            .into_iter()
            .map(|(t, s, c)| (t.to_string(), s.map(str::to_string), c.map(str::to_string)))
            .collect();
        assert_eq!(got, want, "{body}");
    }
}

#[test]
fn speaker_after_the_quote() {
    run(vec![
        (
            "“We will not back down,” Smith said.",
            vec![("We will not back down,", Some("Smith"), Some("say"))],
        ),
        (
            "“The economy is growing again,” said Maria Lopez, the finance minister.",
            vec![(
                "The economy is growing again,",
                Some("Maria Lopez"),
                Some("say"),
            )],
        ),
        (
            "“We expect a decision very soon,” Laura Chen, the company’s lawyer, said on Monday.",
            vec![(
                "We expect a decision very soon,",
                Some("Laura Chen"),
                Some("say"),
            )],
        ),
        (
            "“Prices will fall next year,” economist Peter Hall warned.",
            vec![(
                "Prices will fall next year,",
                Some("Peter Hall"),
                Some("warn"),
            )],
        ),
        (
            "\"We will win this race,\" Jones added.",
            vec![("We will win this race,", Some("Jones"), Some("add"))],
        ),
        (
            "“Subpoenas are not optional,” Rep. Dana Cole (R-Ohio) said after the hearing.",
            vec![(
                "Subpoenas are not optional,",
                Some("Dana Cole"),
                Some("say"),
            )],
        ),
        (
            "‘We will win the next election,’ said Boris Hale.",
            vec![(
                "We will win the next election,",
                Some("Boris Hale"),
                Some("say"),
            )],
        ),
        (
            "“Vote for change in November.” ― Carla Diaz",
            vec![("Vote for change in November.", Some("Carla Diaz"), None)],
        ),
    ]);
}

#[test]
fn speaker_before_the_quote() {
    run(vec![
        (
            "Governor Ann Patel said: “We are ready for the storm.”",
            vec![(
                "We are ready for the storm.",
                Some("Ann Patel"),
                Some("say"),
            )],
        ),
        (
            "Sen. Tom Baker told reporters, “This bill will pass next week.”",
            vec![(
                "This bill will pass next week.",
                Some("Tom Baker"),
                Some("tell"),
            )],
        ),
        (
            "Tom Baker, who chairs the committee, said that “the vote is scheduled for June.”",
            vec![(
                "the vote is scheduled for June.",
                Some("Tom Baker"),
                Some("say"),
            )],
        ),
        (
            "According to Maria Lopez, “the deal is done and signed.”",
            vec![(
                "the deal is done and signed.",
                Some("Maria Lopez"),
                Some("according to"),
            )],
        ),
        (
            "Patel: “We are not leaving this city.”",
            vec![("We are not leaving this city.", Some("Patel"), None)],
        ),
        (
            "Smith said the talks had created “understanding” between the two sides.",
            vec![("understanding", Some("Smith"), Some("say"))],
        ),
        (
            "Despite Baker’s earlier warnings of “severe consequences” the plan went ahead.",
            vec![("severe consequences", Some("Baker"), Some("warnings"))],
        ),
    ]);
}

#[test]
fn pronouns_and_continuations() {
    run(vec![
        (
            "Ms. Rivera spoke after the vote. “We won because we listened,” she said.",
            vec![("We won because we listened,", Some("Rivera"), Some("say"))],
        ),
        (
            "Mr. Grant met Ms. Rivera on Monday. “It went well for both of us,” he said.",
            vec![("It went well for both of us,", Some("Grant"), Some("say"))],
        ),
        (
            "“We will rebuild the bridge,” Mayor Ann Patel said.\n\n“It will take two years and a lot of money.”",
            vec![
                ("We will rebuild the bridge,", Some("Ann Patel"), Some("say")),
                ("It will take two years and a lot of money.", Some("Ann Patel"), None),
            ],
        ),
        (
            "“The first part of the statement is here.\n\n“And the second part ends it,” Smith said.",
            vec![(
                "The first part of the statement is here. And the second part ends it,",
                Some("Smith"),
                Some("say"),
            )],
        ),
        (
            "“We are ready,” Smith said. “The troops are in place.”",
            vec![("We are ready, The troops are in place.", Some("Smith"), Some("say"))],
        ),
    ]);
}

#[test]
fn fallback_patterns() {
    run(vec![
        (
            "“Go back to your seat,” Mayor Ann Patel barked.",
            vec![("Go back to your seat,", Some("Ann Patel"), Some("barked"))],
        ),
        (
            "Silverman chimed in, “Ladies and gentlemen, our next guest is here.”",
            vec![("Ladies and gentlemen, our next guest is here.", Some("Silverman"), Some("chimed"))],
        ),
        (
            "Professor Dana Brook agreed. “The party has run out of time to change course.”",
            vec![("The party has run out of time to change course.", Some("Dana Brook"), Some("agree"))],
        ),
        (
            "“This will be a real challenge” for the governor, said Kunin.",
            vec![("This will be a real challenge", Some("Kunin"), Some("say"))],
        ),
        (
            "Archbishop Aris Tavan of the Patriarchate of Jerusalem told the agency, “We have suffered the same fate.”",
            vec![("We have suffered the same fate.", Some("Aris Tavan"), Some("tell"))],
        ),
        (
            "A spokesman for Sen. Ted Cruz said that “the senator has no plans to endorse anyone.”",
            vec![("the senator has no plans to endorse anyone.", None, Some("say"))],
        ),
        (
            "Sen. Rand Dale, R-Ky., told Fox News that polls could be “way off this year.”",
            vec![("way off this year.", Some("Rand Dale"), Some("tell"))],
        ),
        (
            "Smith said he is sure Jones will continue to be “a champion of the cause.”",
            vec![("a champion of the cause.", Some("Smith"), Some("say"))],
        ),
    ]);
}

#[test]
fn lead_ins_from_the_sentence_or_paragraph_before() {
    run(vec![
        (
            "The Daily Ledger reports:\n\n“Only a quarter of the donors gave more than once.”",
            vec![(
                "Only a quarter of the donors gave more than once.",
                Some("Daily Ledger"),
                Some("report"),
            )],
        ),
        (
            "The talks moved to Geneva in March, Keller said. “Nobody expected a deal this early.”",
            vec![(
                "Nobody expected a deal this early.",
                Some("Keller"),
                Some("say"),
            )],
        ),
    ]);
}

#[test]
fn pronouns_skip_possessives_and_participles_find_agents() {
    run(vec![
        (
            "Ms. Lane visited Mrs. Ortiz’s office, in what she calls “a war of unpleasant words.”",
            vec![("a war of unpleasant words.", Some("Lane"), Some("call"))],
        ),
        (
            "The new ad uses footage of Nora Lane asking, “Why are we not fifty points ahead?”",
            vec![(
                "Why are we not fifty points ahead?",
                Some("Nora Lane"),
                Some("ask"),
            )],
        ),
    ]);
}

#[test]
fn adjectives_are_not_subjects() {
    run(vec![
        (
            "Walsh took a risk by praising Jewish voters, telling the crowd, “You know how to negotiate better than anyone.”",
            vec![("You know how to negotiate better than anyone.", Some("Walsh"), Some("tell"))],
        ),
        (
            "The panel released transcripts to disprove Republican claims of “significant new breakthroughs” in the case.",
            vec![],
        ),
        (
            "Sullivan says he is satisfied that there has been “no illegal disclosure by anyone” at the agency.",
            vec![("no illegal disclosure by anyone", Some("Sullivan"), Some("say"))],
        ),
    ]);
}

#[test]
fn names_ending_in_ly_are_not_adverbs() {
    run(vec![(
        "Kelly responded pointedly, with a smile: “It can happen when you are 45.”",
        vec![(
            "It can happen when you are 45.",
            Some("Kelly"),
            Some("respond"),
        )],
    )]);
}

#[test]
fn colon_and_inverted_lead_ins() {
    run(vec![
        (
            "The surge does not surprise Republican pollster Dana Shore: “Lesser-known candidates often win early.”",
            vec![("Lesser-known candidates often win early.", Some("Dana Shore"), None)],
        ),
        (
            "Because of how the schedule was drawn, explained Rosenberg, “it was over by mid-March.”",
            vec![("it was over by mid-March.", Some("Rosenberg"), Some("explain"))],
        ),
        (
            "Said Ellis: “I do not get the sense that she cares about tax reform.”",
            vec![("I do not get the sense that she cares about tax reform.", Some("Ellis"), Some("say"))],
        ),
    ]);
}

#[test]
fn pronoun_subjects_defer_to_a_named_reporter() {
    run(vec![(
        "Mr. Allen spoke first. Later, Grant said he believes the war was “a terrible mistake.”",
        vec![("a terrible mistake.", Some("Grant"), Some("say"))],
    )]);
}

#[test]
fn times_between_subject_and_verb() {
    run(vec![(
        "Priebus later Thursday told Fox News: “Both men want the party to be unified.”",
        vec![(
            "Both men want the party to be unified.",
            Some("Priebus"),
            Some("tell"),
        )],
    )]);
}

#[test]
fn prepositional_phrase_before_the_verb() {
    run(vec![(
        "Marsh in his announcement speech called the plan “a disaster for every family.”",
        vec![("a disaster for every family.", Some("Marsh"), Some("call"))],
    )]);
}

#[test]
fn bare_nouns_are_not_cues() {
    run(vec![(
        "Meyer said the biofuel rule “could be less about policy than politics.”",
        vec![(
            "could be less about policy than politics.",
            Some("Meyer"),
            Some("say"),
        )],
    )]);
}

#[test]
fn unnamed_and_organisation_speakers() {
    run(vec![
        (
            "“We deny the allegations completely,” the Kremlin said.",
            vec![(
                "We deny the allegations completely,",
                Some("Kremlin"),
                Some("say"),
            )],
        ),
        (
            "“We deny the allegations completely,” a spokesman said.",
            vec![("We deny the allegations completely,", None, Some("say"))],
        ),
        (
            "“Nobody here knows what will happen next,” one resident told the paper.",
            vec![(
                "Nobody here knows what will happen next,",
                None,
                Some("tell"),
            )],
        ),
    ]);
}

#[test]
fn traps_are_not_quotes() {
    run(vec![
        (
            "We don’t know whether the Smiths’ house, built in the ’90s, will be sold.",
            vec![],
        ),
        ("The report ends with “a warning that nobody heard", vec![]),
        ("She starred in “The Long Goodbye” last year.", vec![]),
        ("The president’s car, “The Beast,” arrived first.", vec![]),
        ("The so-called “reform” passed without debate.", vec![]),
        ("", vec![]),
        ("“", vec![]),
        ("”’‘\"«»„", vec![]),
    ]);
}

#[test]
fn nested_quotes_stay_inside() {
    let body =
        "Ms. Adams recalled the night. “He told me ‘never again,’ and I believed him,” she said.";
    let quotes = find_quotes(body, &[]);
    assert_eq!(quotes.len(), 1);
    let q = &quotes[0];
    assert_eq!(
        &body[q.start..q.end],
        "He told me ‘never again,’ and I believed him,"
    );
    assert_eq!(q.speaker.as_deref(), Some("Adams"));
    assert_eq!(q.speaker_text.as_deref(), Some("she"));
}

#[test]
fn offsets_exclude_the_marks() {
    let body = "Intro.\n\n“Hello there, everyone,” Smith said.";
    let q = &find_quotes(body, &[])[0];
    assert_eq!(&body[q.start..q.end], "Hello there, everyone,");
    assert_eq!(&body[q.start - "“".len()..q.start], "“");
}

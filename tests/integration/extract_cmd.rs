//! `newsdex extract`: what newsdex sees in one file, and the speaker of every attribution
//! pattern the sample corpus exercises (sample_corpus/README.md, "Quote patterns").

use crate::harness::{newsdex, sample_corpus};
use crate::shapes::Entity;
use crate::shapes::Extracted;

fn extract(args: &[&str]) -> Vec<Extracted> {
    let mut all = vec!["extract", "--json"];
    all.extend_from_slice(args);
    let run = newsdex(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// Apostrophes differ between files; names compare with them unified.
fn same_name(a: &str, b: &str) -> bool {
    a.replace('’', "'") == b.replace('’', "'")
}

#[test]
fn offsets_slice_the_body_exactly() {
    let path = sample_corpus().join("politics/portvale-council-budget.txt");
    let articles = extract(&[path.to_str().unwrap()]);
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert!(a.path.ends_with("portvale-council-budget.txt"));
    assert!(!a.title.is_empty() && a.date.is_none());
    assert!(!a.entities.is_empty() && !a.quotes.is_empty());
    for e in &a.entities {
        assert_eq!(&a.body[e.start..e.end], e.text, "{e:?}");
        assert!(["person", "org", "place"].contains(&e.kind.as_str()));
    }
    for q in &a.quotes {
        assert_eq!(&a.body[q.start..q.end], q.text, "{q:?}");
    }
    let ruiz: Vec<&Entity> = a.entities.iter().filter(|e| e.text == "Ruiz").collect();
    assert!(
        !ruiz.is_empty() && ruiz.iter().all(|e| e.canonical == "Elena Ruiz"),
        "short mentions link to the full name"
    );
}

#[test]
fn many_files_in_one_call_and_raw_mode() {
    let dir = sample_corpus();
    let files = [
        "politics/ruiz-tram-extension.txt",
        "business/markets.jsonl",
        "feeds/newsdex-wire.rss",
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|f| dir.join(f).to_str().unwrap().to_string())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    assert_eq!(extract(&args).len(), 1 + 4 + 3, "one line per article");
    let raw = extract(&["--raw", &paths[0]]);
    assert_eq!(raw.len(), 1);
    assert!(raw[0].title.is_empty(), "--raw does no title detection");
    assert!(
        raw[0].body.starts_with("Ruiz unveils tram extension"),
        "{}",
        &raw[0].body[..40]
    );
}

#[test]
fn reported_speech_only_with_indirect() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harbour.txt");
    let body = "Mayor Elena Ruiz said the harbour would reopen in the spring.\n\n\
                “We are ready,” Ruiz said.\n";
    std::fs::write(&path, body).unwrap();
    let file = path.to_str().unwrap();
    let kinds = |args: &[&str]| -> Vec<(String, String, Option<String>, Option<String>)> {
        extract(args)[0]
            .quotes
            .iter()
            .map(|q| {
                (
                    q.kind.clone(),
                    q.text.clone(),
                    q.speaker.clone(),
                    q.speaker_kind.clone(),
                )
            })
            .collect()
    };
    let person = Some("person".to_string());
    let ruiz = Some("Elena Ruiz".to_string());
    let direct = (
        "direct".to_string(),
        "We are ready,".to_string(),
        ruiz.clone(),
        person.clone(),
    );
    let reported = (
        "indirect".to_string(),
        "the harbour would reopen in the spring".to_string(),
        ruiz,
        person,
    );
    assert_eq!(kinds(&["--raw", file]), vec![direct.clone()]);
    assert_eq!(
        kinds(&["--raw", "--indirect", file]),
        vec![reported, direct]
    );
}

/// (file, first words of the quote, expected speaker), one row per attribution pattern.
const PATTERNS: &[(&str, &str, &str)] = &[
    (
        "politics/portvale-council-budget.txt",
        "We cannot keep patching the same roads",
        "Elena Ruiz",
    ),
    (
        "business/central-bank-holds-rates.md",
        "The minister is entitled to his view",
        "Zoë Brandt",
    ),
    (
        "politics/ruiz-tram-extension.txt",
        "The tram should reach the people who need it most",
        "Elena Ruiz",
    ),
    (
        "sport/mcintyre-derby-win.txt",
        "People outside talk about pressure",
        "Rasmus Holm",
    ),
    (
        "politics/northern-province-election.json",
        "People here feel that the decisions",
        "Helena Marsh",
    ),
    (
        "politics/varga-coalition-talks.md",
        "We have a mandate to govern",
        "Tomas Varga",
    ),
    (
        "politics/ruiz-tram-extension.txt",
        "paid for by the city, not borrowed",
        "Elena Ruiz",
    ),
    (
        "science/quasicrystal-discovery.md",
        "far too small to be useful in a laptop today",
        "Anne-Marie Delacroix",
    ),
    (
        "politics/ruiz-flood-emergency.md",
        "a gamble with other people’s homes",
        "Gregor Hale",
    ),
    (
        "culture/long-harbour-premiere.txt",
        "the only place I ever wanted this film to begin",
        "Siobhan O'Neill",
    ),
    (
        "politics/ruiz-tram-extension.txt",
        "We will break ground before the next budget",
        "Elena Ruiz",
    ),
    (
        "politics/world-briefs.json",
        "Nobody should expect a signed agreement",
        "Ingrid Halvorsen",
    ),
    (
        "politics/portvale-council-budget.txt",
        "This is the first budget in a decade",
        "Elena Ruiz",
    ),
    (
        "politics/portvale-council-budget.txt",
        "The headline numbers hide two years",
        "Priya Nandakumar",
    ),
    (
        "politics/varga-coalition-talks.md",
        "We are not here to decorate",
        "Maren Solberg",
    ),
    (
        "politics/ruiz-flood-emergency.md",
        "Please, do not go back for your car",
        "Elena Ruiz",
    ),
    (
        "politics/ruiz-tram-extension.txt",
        "Canal Street was the only option",
        "Hugo Lindqvist",
    ),
    (
        "politics/northern-province-election.json",
        "The message from the north is clear",
        "Tomas Varga",
    ),
    (
        "business/brightline-annual-results.txt",
        "They saw interest rates rising",
        "Sunniva Dahl",
    ),
    (
        "politics/varga-austerity-speech.txt",
        "Nobody in this chamber enjoys a budget like this one",
        "Tomas Varga",
    ),
    (
        "politics/varga-austerity-speech.txt",
        "We will publish a review every quarter",
        "José Álvarez",
    ),
    (
        "sport/mcintyre-derby-win.txt",
        "We don’t win derbies by being polite",
        "Callum McIntyre",
    ),
    (
        "sport/mcintyre-derby-win.txt",
        "It’s not rocket science",
        "Callum McIntyre",
    ),
    (
        "science/geneva-physics-conference.txt",
        "If we close the small laboratories",
        "Anne-Marie Delacroix",
    ),
    (
        "science/geneva-physics-conference.txt",
        "People support what they understand",
        "Anne-Marie Delacroix",
    ),
    (
        "science/geneva-physics-conference.txt",
        "Some of these facilities should close",
        "Lars Eberhardt",
    ),
    (
        "business/central-bank-holds-rates.md",
        "We are not there yet",
        "Zoë Brandt",
    ),
    (
        "culture/long-harbour-premiere.txt",
        "I grew up watching boats come in",
        "Siobhan O'Neill",
    ),
    (
        "business/brightline-annual-results.txt",
        "Our shareholders will see a smaller",
        "Martin J. Okafor",
    ),
    (
        "sport/ivana-ruiz-marathon.txt",
        "When we turned onto the harbour road",
        "Ivana Ruiz",
    ),
];

#[test]
fn every_attribution_pattern_names_its_speaker() {
    let mut failures = Vec::new();
    for (file, start, speaker) in PATTERNS {
        let path = sample_corpus().join(file);
        let articles = extract(&[path.to_str().unwrap()]);
        let found = articles
            .iter()
            .flat_map(|a| &a.quotes)
            .find(|q| q.text.starts_with(start));
        match found {
            Some(q) if q.speaker.as_deref().is_some_and(|s| same_name(s, speaker)) => {
                assert!(
                    q.speaker_text.is_some(),
                    "a named speaker comes with its mention: {q:?}"
                );
                assert!(q.cue.as_deref().is_none_or(|c| !c.is_empty()), "{q:?}");
            }
            other => failures.push(format!("{file}: “{start}…” → {other:?}, want {speaker}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} patterns wrong:\n{}",
        failures.len(),
        PATTERNS.len(),
        failures.join("\n")
    );
}

#[test]
fn titles_of_works_nicknames_and_scare_quotes_are_not_quotes() {
    for (file, not_quote) in [
        ("culture/long-harbour-premiere.txt", "The Long Harbour"),
        ("sport/transfer-window-closes.md", "The Hammer"),
    ] {
        let path = sample_corpus().join(file);
        for a in extract(&[path.to_str().unwrap()]) {
            assert!(
                a.quotes.iter().all(|q| !q.text.starts_with(not_quote)),
                "{file}: {not_quote} is not speech"
            );
        }
    }
}

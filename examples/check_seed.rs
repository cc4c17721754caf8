//! Checks extraction of one article against a hand-annotated gold file:
//! `cargo run --release --example check_seed -- ARTICLE.txt GOLD.json`
//! (defaults: the seed article in /work/shared/corpora/seed).
//!
//! The whole file is the body and the title is empty (`extract("", text)`). Checked: every
//! gold quote is extracted with exactly that text (apostrophes and surrounding space
//! normalised) and that speaker; no extracted quote is one of the `not_quotes`; the sets of
//! canonical person, organisation and location names equal the gold sets. Prints one line
//! per check and exits with status 1 when any fails.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use newsdex::extract::{extract, EntityKind};
use serde_json::Value;

fn norm(s: &str) -> String {
    s.trim().replace(['’', '‘'], "'")
}

fn strings(v: &Value, key: &str) -> BTreeSet<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let article = args
        .first()
        .cloned()
        .unwrap_or_else(|| "/work/shared/corpora/seed/alaska-summit.txt".into());
    let gold_path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| article.trim_end_matches(".txt").to_string() + ".gold.json");
    let text = std::fs::read_to_string(&article).with_context(|| article.clone())?;
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)?;
    let ex = extract("", &text);
    let mut failures = 0;
    let mut check = |ok: bool, what: String| {
        println!("{} {what}", if ok { "ok  " } else { "FAIL" });
        failures += usize::from(!ok);
    };
    for q in gold["quotes"].as_array().into_iter().flatten() {
        let (want, who) = (q["text"].as_str().unwrap_or(""), q["speaker"].as_str());
        let got = ex.quotes.iter().find(|p| norm(&p.text) == norm(want));
        let speaker = got.and_then(|p| p.speaker.as_deref());
        check(
            got.is_some() && speaker == who,
            format!(
                "quote {want:?} by {who:?}: found {}, speaker {speaker:?}",
                got.is_some()
            ),
        );
    }
    for not in strings(&gold, "not_quotes") {
        let bad = ex.quotes.iter().any(|p| norm(&p.text) == norm(&not));
        check(!bad, format!("not a quote: {not:?}"));
    }
    for (key, kind) in [
        ("persons", EntityKind::Person),
        ("organizations", EntityKind::Org),
        ("locations", EntityKind::Place),
    ] {
        let want = strings(&gold, key);
        let got: BTreeSet<String> = ex
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.canonical.clone())
            .collect();
        check(want == got, format!("{key}: want {want:?} got {got:?}"));
    }
    for q in &ex.quotes {
        println!(
            "     quote {:?} speaker {:?} cue {:?}",
            q.text, q.speaker, q.cue
        );
    }
    println!("{failures} failed");
    if failures > 0 {
        std::process::exit(1);
    }
    Ok(())
}

//! Trains the quote speaker ranker on PolNeAR train and measures it by
//! leave-one-publisher-out cross-validation:
//! `cargo run --release --features train --example train_quotes -- TRAIN_DIR [--out FILE] [--epochs N]`.
//!
//! For each of the publishers, a model is trained on the other publishers' articles and
//! both the rules and that model are scored on the held-out publisher (gold and scoring of
//! `common/polnear.rs`, direct quotes). The table is printed as Markdown. With `--out`,
//! a model trained on all of TRAIN_DIR is written there (the shipped
//! `src/extract/quotes/model.bin`). `--show` prints the ranker's errors on each held-out
//! publisher. Only the directory given is read: pass the train split.

#[path = "common/polnear.rs"]
mod polnear;

use std::path::Path;

use anyhow::{Context, Result};
use newsdex::extract::quotes::train::{self, Example, Gold};
use newsdex::extract::quotes::{find_quotes_with, Attribution, Settings};
use newsdex::extract::{extract, Entity};
use polnear::{Article, Totals, Which};

struct Prepared {
    article: Article,
    entities: Vec<Entity>,
    gold: Vec<polnear::Gold>,
    examples: Vec<Example>,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .context("usage: train_quotes TRAIN_DIR [--out FILE] [--epochs N] [--show]")?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let epochs: usize = flag("--epochs").map_or(Ok(8), |s| s.parse())?;
    let out = flag("--out");
    let show = args.iter().any(|a| a == "--show");
    let prepared: Vec<Prepared> = polnear::load(Path::new(dir))?
        .into_iter()
        .map(prepare)
        .collect();
    let publishers: Vec<String> = {
        let mut p: Vec<String> = prepared
            .iter()
            .map(|p| p.article.publisher.clone())
            .collect();
        p.dedup();
        p
    };
    eprintln!(
        "{} articles, {} labelled quotations",
        prepared.len(),
        prepared.iter().map(|p| p.examples.len()).sum::<usize>()
    );
    println!("| held-out publisher | quotes | F1 rules | F1 ranker | named speaker rules | named speaker ranker |");
    println!("|---|---|---|---|---|---|");
    let (mut all_rules, mut all_learnt) = (Totals::default(), Totals::default());
    for held in &publishers {
        let train_set: Vec<&Example> = prepared
            .iter()
            .filter(|p| &p.article.publisher != held)
            .flat_map(|p| &p.examples)
            .collect();
        let model = train::train(&train_set, epochs);
        let (mut rules, mut learnt) = (Totals::default(), Totals::default());
        for p in prepared.iter().filter(|p| &p.article.publisher == held) {
            let a = &p.article;
            let q = find_quotes_with(&a.text, &p.entities, &settings(Attribution::Rules));
            polnear::score(&mut rules, &a.name, &a.text, &p.gold, &q, false);
            let q = find_quotes_with(&a.text, &p.entities, &settings(Attribution::Learnt(&model)));
            polnear::score(&mut learnt, &a.name, &a.text, &p.gold, &q, show);
        }
        row(held, &rules, &learnt);
        all_rules.add(&rules);
        all_learnt.add(&learnt);
    }
    row("**all**", &all_rules, &all_learnt);
    if let Some(out) = out {
        let all: Vec<&Example> = prepared.iter().flat_map(|p| &p.examples).collect();
        let model = train::train(&all, epochs);
        std::fs::write(out, model.to_bytes()).with_context(|| format!("writing {out}"))?;
        eprintln!("wrote {out} (trained on all {} quotations)", all.len());
    }
    Ok(())
}

fn row(name: &str, rules: &Totals, learnt: &Totals) {
    println!(
        "| {name} | {} | {:.3} | {:.3} | {:.3} ({}/{}) | {:.3} ({}/{}) |",
        rules.n_gold,
        rules.f1(),
        learnt.f1(),
        rules.speaker(),
        rules.right,
        rules.n_named,
        learnt.speaker(),
        learnt.right,
        learnt.n_named
    );
}

/// Tags the article once and labels its quotations' candidates.
fn prepare(article: Article) -> Prepared {
    let entities = extract("", &article.text).entities;
    let gold = polnear::gold(&article.text, &article.ann, Which::Direct);
    let bytes = polnear::byte_index(&article.text);
    let to_bytes: Vec<Gold> = gold
        .iter()
        .map(|g| Gold {
            start: bytes[g.start],
            end: bytes[g.end],
            source: g.source_span.map(|(s, e)| (bytes[s], bytes[e])),
        })
        .collect();
    let examples = train::examples(&article.text, &entities, &to_bytes);
    Prepared {
        article,
        entities,
        gold,
        examples,
    }
}

fn settings(attribution: Attribution) -> Settings {
    Settings {
        attribution,
        indirect: false,
    }
}

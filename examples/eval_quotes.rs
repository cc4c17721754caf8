//! Evaluates quotation extraction and speaker attribution on a PolNeAR split (brat
//! standoff): `cargo run --release --example eval_quotes -- DIR [--show] [--rules]
//! [--indirect]` where DIR holds `text/` and `attributions/`.
//!
//! Each text file is the whole body (title empty), exactly `extract("", text).quotes`, as
//! `newsdex extract --raw --json` would give; `--rules` re-runs the quote finder with the
//! rules' speaker choice instead of the shipped ranker; `--indirect` extracts reported
//! speech too (`newsdex extract --raw --json --indirect`) and scores it separately against
//! the Content spans without quotation marks. Gold spans and scoring are those of
//! `common/polnear.rs`. Prints the totals and one line per publisher.

#[path = "common/polnear.rs"]
mod polnear;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use newsdex::extract::quotes::{find_quotes_with, Attribution, Settings};
use newsdex::extract::{extract_with, Options, QuoteKind};
use polnear::{Totals, Which};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .context("usage: eval_quotes DIR [--show] [--rules]")?;
    let show = args.iter().any(|a| a == "--show");
    let rules = args.iter().any(|a| a == "--rules");
    let indirect = args.iter().any(|a| a == "--indirect");
    let mut reported: BTreeMap<String, Totals> = BTreeMap::new();
    let articles = polnear::load(Path::new(dir))?;
    let mut by_pub: BTreeMap<String, Totals> = BTreeMap::new();
    let (mut bytes, mut secs) = (0usize, 0f64);
    for a in &articles {
        let gold = polnear::gold(&a.text, &a.ann, Which::Direct);
        let t0 = Instant::now();
        let x = extract_with("", &a.text, &Options { indirect });
        secs += t0.elapsed().as_secs_f64();
        bytes += a.text.len();
        let settings = Settings {
            attribution: Attribution::Rules,
            indirect,
        };
        let all = if rules {
            find_quotes_with(&a.text, &x.entities, &settings)
        } else {
            x.quotes
        };
        let (quotes, other): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|q| q.kind == QuoteKind::Direct);
        if indirect {
            let gold = polnear::gold(&a.text, &a.ann, Which::Indirect);
            let t = reported.entry(a.publisher.clone()).or_default();
            polnear::score(t, &a.name, &a.text, &gold, &other, show);
        }
        let t = by_pub.entry(a.publisher.clone()).or_default();
        polnear::score(t, &a.name, &a.text, &gold, &quotes, show);
    }
    print("direct quotations", articles.len(), &by_pub);
    if indirect {
        print("reported speech", articles.len(), &reported);
    }
    println!(
        "extract() throughput: {:.1} MB/s",
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    Ok(())
}

/// Prints totals and the per-publisher lines of one kind.
fn print(what: &str, articles: usize, by_pub: &BTreeMap<String, Totals>) {
    let mut all = Totals::default();
    for t in by_pub.values() {
        all.add(t);
    }
    println!("== {what}");
    println!(
        "articles {}  gold quotes {}  predicted {}",
        articles, all.n_gold, all.n_pred
    );
    println!(
        "precision {:.3}  recall {:.3}  F1 {:.3}",
        all.precision(),
        all.recall(),
        all.f1()
    );
    println!(
        "speaker (named gold source, matched quotes): {}/{} = {:.3}",
        all.right,
        all.n_named,
        all.speaker()
    );
    for (p, t) in by_pub {
        println!(
            "  {p:<13} F1 {:.3}  speaker {:.3} ({}/{})",
            t.f1(),
            t.speaker(),
            t.right,
            t.n_named
        );
    }
}

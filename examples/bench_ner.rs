//! Measures tagging throughput (MB of text per second, one thread).
//!
//! `cargo run --release --example bench_ner -- FILE...`: CoNLL files are rebuilt into one text
//! per document (as `eval_ner` does); other files are tagged as raw text. The texts are tagged
//! repeatedly for at least two seconds after one warm-up pass (which also loads the model).

use anyhow::{Context, Result};
use newsdex::extract::ner::conll::{self, Layout};
use newsdex::extract::ner::tag;
use std::time::Instant;

fn main() -> Result<()> {
    let mut texts = Vec::new();
    for f in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&f).with_context(|| format!("reading {f}"))?;
        if raw.starts_with("-DOCSTART-") {
            for doc in conll::read(&raw) {
                texts.extend(
                    conll::render(&doc, Layout::Lines)
                        .into_iter()
                        .map(|r| r.text),
                );
            }
        } else {
            texts.push(raw);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let load = Instant::now();
    let mut spans: usize = texts.iter().map(|t| tag(t).len()).sum();
    println!(
        "warm-up (incl. model load): {:.3}s",
        load.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let mut rounds = 0usize;
    while rounds == 0 || start.elapsed().as_secs_f64() < 2.0 {
        spans += texts.iter().map(|t| tag(t).len()).sum::<usize>();
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} texts, {:.2} MB x {rounds} rounds in {secs:.2}s: {:.2} MB/s ({spans} spans)",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs
    );
    Ok(())
}

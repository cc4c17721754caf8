//! Measures tagging throughput (MB of text per second, one thread).
//!
//! `cargo run --release --example bench_ner -- FILE...`: CoNLL files are rebuilt into one text
//! per document (as `eval_ner` does); other files are tagged as raw text. The texts are tagged
//! repeatedly for at least two seconds after one warm-up pass (which also loads the model).
//! Prints wall-clock MB/s and, on Linux, MB per CPU-second of the tagging thread.

use anyhow::{Context, Result};
use newsdex::extract::ner::conll::{self, Layout};
use newsdex::extract::ner::tag;
use std::time::Instant;

/// CPU time this thread has run, from Linux `/proc/thread-self/schedstat` (None elsewhere): on
/// a shared machine wall-clock throughput says more about the neighbours than about the tagger.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<()> {
    let mut texts = Vec::new();
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).with_context(|| format!("reading {f}"))?;
        let raw = String::from_utf8_lossy(&bytes).into_owned();
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
    let cpu_start = cpu_seconds();
    let mut rounds = 0usize;
    while rounds == 0 || start.elapsed().as_secs_f64() < 2.0 {
        spans += texts.iter().map(|t| tag(t).len()).sum::<usize>();
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(b, a)| b - a);
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} texts, {:.2} MB x {rounds} rounds in {secs:.2}s: {:.2} MB/s ({spans} spans)",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!("CPU time {cpu:.2}s: {:.2} MB per CPU-second", mb / cpu);
    }
    Ok(())
}

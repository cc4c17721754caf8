//! Scores the named-entity tagger on a CoNLL file, span-exact (conlleval semantics).
//!
//! `cargo run --release --example eval_ner -- FILE [--model models/ner.bin]`. Each document is
//! rebuilt as text (tokens joined by spaces, sentences by newlines), tagged with the same
//! `tag(text)` the product uses, and the byte spans are mapped back onto the tokens. Prints
//! per-type precision/recall/F1, the PER+ORG+LOC micro average (MISC dropped), and the micro
//! figures for the one-line-per-document and one-text-per-sentence variants. `--dump` prints
//! `token gold predicted` per token instead (BIO tags as numbers: 0 = O,
//! 1 + 4·type for B, 2 + 4·type for I; types PER, ORG, LOC, MISC).

use anyhow::{bail, Context, Result};
use newsdex::extract::ner::conll::{self, Counts, Layout};
use newsdex::extract::ner::Tagger;

fn print_counts(c: &Counts) {
    println!(
        "{:<6} {:>9} {:>9} {:>9} {:>6} {:>6}",
        "type", "precision", "recall", "F1", "gold", "pred"
    );
    for (i, name) in ["PER", "ORG", "LOC", "MISC"].iter().enumerate() {
        let (p, r, f) = c.prf(&[i]);
        println!(
            "{name:<6} {p:>9.4} {r:>9.4} {f:>9.4} {:>6} {:>6}",
            c.gold[i], c.pred[i]
        );
    }
    let (p, r, f) = c.prf(&[0, 1, 2]);
    println!("{:<6} {p:>9.4} {r:>9.4} {f:>9.4}   (PER+ORG+LOC)", "micro");
}

/// Prints `token gold predicted` lines (tags as numbers), a blank line between documents.
fn dump_tags(docs: &[conll::Doc], tagger: &Tagger) {
    for doc in docs {
        for r in conll::render(doc, Layout::Lines) {
            let pred = conll::tags_from_spans(&tagger.tag(&r.text), &r.ranges);
            for (i, &(a, b)) in r.ranges.iter().enumerate() {
                println!("{} {} {}", &r.text[a..b], r.gold[i], pred[i]);
            }
            println!();
        }
    }
}

fn main() -> Result<()> {
    let mut file = None;
    let mut model_path = None;
    let mut dump = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--model" => model_path = Some(it.next().context("--model needs a path")?),
            "--dump" => dump = true,
            _ if file.is_none() => file = Some(a),
            other => bail!("unexpected argument {other}"),
        }
    }
    let file = file.context("usage: eval_ner FILE [--model PATH]")?;
    let docs =
        conll::read(&std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?);
    let tagger = match model_path {
        Some(p) => {
            Tagger::from_bytes(&std::fs::read(&p)?).with_context(|| format!("loading {p}"))?
        }
        None => Tagger::builtin().clone(),
    };
    if dump {
        dump_tags(&docs, &tagger);
        return Ok(());
    }
    let c = conll::evaluate(&docs, Layout::Lines, |t| tagger.tag(t));
    println!(
        "{file}: {} documents, layout: sentences on lines, one text per document",
        docs.len()
    );
    print_counts(&c);
    for (name, layout) in [
        ("one line per document", Layout::OneLine),
        ("one text per sentence", Layout::Sentence),
    ] {
        let c = conll::evaluate(&docs, layout, |t| tagger.tag(t));
        let (_, _, per) = c.prf(&[0]);
        let (p, r, f) = c.prf(&[0, 1, 2]);
        println!("variant {name}: PER F1 {per:.4}, micro P {p:.4} R {r:.4} F1 {f:.4}");
    }
    Ok(())
}

//! Prints the tagger's spans for every text of the given files, one line per text, so two
//! builds can be compared byte for byte (`diff`): a check that a speed change of the tagger
//! leaves its output alone.
//!
//! `cargo run --release --example tag_dump -- FILE... > tags.txt`: CoNLL files are rebuilt
//! into one text per document (as `eval_ner` does); other files are tagged as one text each.

use anyhow::{Context, Result};
use newsdex::extract::ner::conll::{self, Layout};
use newsdex::extract::ner::tag;
use std::io::Write;

fn main() -> Result<()> {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).with_context(|| format!("reading {f}"))?;
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let texts: Vec<String> = if raw.starts_with("-DOCSTART-") {
            conll::read(&raw)
                .iter()
                .flat_map(|doc| {
                    conll::render(doc, Layout::Lines)
                        .into_iter()
                        .map(|r| r.text)
                })
                .collect()
        } else {
            vec![raw]
        };
        for (i, text) in texts.iter().enumerate() {
            write!(out, "{f}#{i}:")?;
            for s in tag(text) {
                write!(out, " {}-{}:{:?}", s.start, s.end, s.label)?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

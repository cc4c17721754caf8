//! Prints everything `extract` finds in every `.txt` file under the given folders (sorted
//! paths), one JSON line per file: the entities, the title entities and the quotes, with
//! reported speech, and the body's SimHash. The first line of a file is its title, the rest
//! its body. Two builds are compared by diffing their dumps: a check, broader than
//! `bench/extract_diff.sh` (title entities, reported speech, thousands of files in one
//! process), that a speed change leaves extraction alone.
//!
//! `cargo run --release --example extract_dump -- DIR... > dump.jsonl`

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use newsdex::extract::{extract_with, similar, Options};

#[path = "common/files.rs"]
mod files;

fn main() -> Result<()> {
    let mut paths = Vec::new();
    for dir in std::env::args().skip(1) {
        files::text_files(Path::new(&dir), &mut paths)?;
    }
    paths.sort();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let options = Options { indirect: true };
    for path in &paths {
        let raw = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
        let (title, body) = raw.split_once('\n').unwrap_or(("", raw.as_str()));
        let x = extract_with(title, body, &options);
        let line = serde_json::json!({
            "path": path.display().to_string(),
            "entities": x.entities,
            "title_entities": x.title_entities,
            "quotes": x.quotes,
            "simhash": similar::simhash(body),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}

//! The floor under `newsdex ingest`: the same pipeline (walk, read, decode, parse,
//! fingerprint, index title, body and metadata) with entity and quote extraction switched
//! off, so the benchmark can show what indexing alone costs next to SQLite FTS5 and
//! tantivy-cli. Not a product mode: the index it writes has no entities or quotes.
//!
//! `cargo run --release --example ingest_floor -- CORPUS INDEX [MEMORY_MB]` prints the
//! ingest summary as JSON (the shape of `newsdex ingest --json`).

use std::path::PathBuf;

use anyhow::{bail, Result};
use newsdex::ingest::{ingest, IngestOptions};

fn main() -> Result<()> {
    tune_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (corpus, index) = match (args.first(), args.get(1)) {
        (Some(c), Some(i)) => (PathBuf::from(c), PathBuf::from(i)),
        _ => bail!("usage: ingest_floor CORPUS INDEX [MEMORY_MB]"),
    };
    let mut opts = IngestOptions::new(vec![corpus], index);
    opts.extract = false;
    if let Some(mb) = args.get(2) {
        opts.memory_budget = mb.parse::<usize>()? * 1024 * 1024;
    }
    let summary = ingest(&opts, &mut |_| {})?;
    println!("{}", serde_json::to_string(&summary)?);
    Ok(())
}

/// The binary's allocator settings (src/main.rs), so the floor is measured as `newsdex` runs.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator tuning parameter, before any thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

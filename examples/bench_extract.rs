//! Throughput and robustness of `extract`: runs `extract("", text)` on every `.txt` file
//! under the given folders (and, with `--mangled`, on truncated and byte-shuffled copies
//! of each to exercise odd boundaries) and reports MB/s and quote counts; then the quote
//! finder alone on the same texts with their entities, three ways: the rules' speaker
//! choice (the behaviour before the ranker), the shipped ranker, and the ranker with
//! reported speech.
//! Speeds are MB per CPU-second of the benchmark thread (on a shared machine wall time
//! also counts the other processes' turns); the first line gives the wall time too.
//! `cargo run --release --example bench_extract -- DIR... [--mangled]`

use std::time::Instant;

#[path = "common/files.rs"]
mod files;

/// CPU seconds used by this thread (wall seconds where there is no such clock).
fn cpu_secs() -> f64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid timespec for the call to write into.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// A stopwatch of CPU time.
struct Cpu(f64);

impl Cpu {
    fn now() -> Cpu {
        Cpu(cpu_secs())
    }

    fn elapsed(&self) -> f64 {
        cpu_secs() - self.0
    }
}

use anyhow::Result;
use newsdex::extract::extract;
use newsdex::extract::quotes::{find_quotes_with, Attribution, Model, Settings};

/// Variants of a text that cut it at odd places: every 7th char boundary prefix of the
/// last 200 bytes, and the text with its quotation marks rotated.
fn mangle(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let from = text.len().saturating_sub(200);
    for (i, _) in text.char_indices().filter(|(i, _)| *i >= from).step_by(7) {
        out.push(text[..i].to_string());
    }
    let rotated: String = text
        .chars()
        .map(|c| match c {
            '“' => '”',
            '”' => '"',
            '"' => '‘',
            '‘' => '’',
            '’' => '“',
            _ => c,
        })
        .collect();
    out.push(rotated);
    out
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mangled = args.iter().any(|a| a == "--mangled");
    let mut paths = Vec::new();
    for dir in args.iter().filter(|a| !a.starts_with("--")) {
        files::text_files(std::path::Path::new(dir), &mut paths)?;
    }
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (t0, c0) = (Instant::now(), Cpu::now());
    let quotes: usize = texts.iter().map(|t| extract("", t).quotes.len()).sum();
    let (wall, secs) = (t0.elapsed().as_secs_f64(), c0.elapsed());
    println!(
        "{} files, {:.1} MB, {quotes} quotes, {:.2} CPU-s ({:.2} s wall), {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        wall,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    let t1 = Cpu::now();
    let tagged: usize = texts
        .iter()
        .map(|t| newsdex::extract::ner::tag(t).len())
        .sum();
    let ner_secs = t1.elapsed();
    let t2 = Cpu::now();
    let alone: usize = texts
        .iter()
        .map(|t| newsdex::extract::quotes::find_quotes(t, &[]).len())
        .sum();
    let quote_secs = t2.elapsed();
    let mbs = |s: f64| bytes as f64 / 1e6 / s.max(1e-9);
    println!(
        "  of which: ner::tag alone {:.1} MB/s ({tagged} spans)",
        mbs(ner_secs)
    );
    println!(
        "  find_quotes alone (no entities) {:.1} MB/s ({alone} quotes)",
        mbs(quote_secs)
    );
    let entities: Vec<Vec<newsdex::extract::Entity>> =
        texts.iter().map(|t| extract("", t).entities).collect();
    let ways = [
        ("rules", Attribution::Rules, false),
        ("ranker", Attribution::Learnt(Model::shipped()), false),
        (
            "ranker + reported speech",
            Attribution::Learnt(Model::shipped()),
            true,
        ),
    ];
    for (name, attribution, indirect) in ways {
        let settings = Settings {
            attribution,
            indirect,
        };
        let t = Cpu::now();
        let n: usize = texts
            .iter()
            .zip(&entities)
            .map(|(t, e)| find_quotes_with(t, e, &settings).len())
            .sum();
        println!(
            "  find_quotes with entities, {name}: {:.1} MB/s ({n} quotes)",
            mbs(t.elapsed())
        );
    }
    if mangled {
        let mut n = 0;
        for t in &texts {
            for m in mangle(t) {
                n += extract("", &m).quotes.len();
            }
        }
        println!("mangled variants: no panic ({n} quotes)");
    }
    Ok(())
}

//! Synthetic news corpus for benchmarks: deterministic from a seed, news-like, any size.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --out DIR [--docs 100000] [--seed 42] [--threads 2]
//! ```
//!
//! Writes `DIR/SECTION/YEAR/MONTH/NNNNNN.EXT`: mostly BBC-style `.txt` (title, blank line,
//! body; 1 in 100 of them Windows-1252), some `.json` (one article object with date, author,
//! source, tags) and `.md` (YAML front matter), sizes log-normal around a ~3.9 KB median,
//! 0.5 % exact duplicates of earlier articles. Also writes `DIR/.generator.json` (hidden,
//! so newsdex skips it): the parameters, totals, and query terms of known selectivity
//! (a common word, a rare word, two mid-frequency words, phrases, a frequent person), which
//! `bench/run.sh` uses to build its query mix. The same seed and size give the same bytes.

mod compose;
mod rng;
mod vocab;

use compose::{compose, Article, Stats, STOCK_PHRASES};
use rng::Rng;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use vocab::{Vocab, SECTIONS};

struct Options {
    out: PathBuf,
    docs: usize,
    seed: u64,
    threads: usize,
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus --out DIR [--docs N] [--seed S] [--threads T]");
    std::process::exit(2)
}

fn parse_args() -> Options {
    let mut opts = Options {
        out: PathBuf::new(),
        docs: 100_000,
        seed: 42,
        threads: 2,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--out" => opts.out = PathBuf::from(value),
            "--docs" => opts.docs = value.parse().unwrap_or_else(|_| usage()),
            "--seed" => opts.seed = value.parse().unwrap_or_else(|_| usage()),
            "--threads" => opts.threads = value.parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    if opts.out.as_os_str().is_empty() || opts.threads == 0 {
        usage();
    }
    opts
}

/// What one thread wrote.
#[derive(Default)]
struct Totals {
    bytes: u64,
    sizes: Vec<u32>,
    formats: [usize; 4],
}

fn main() {
    let opts = parse_args();
    let started = Instant::now();
    if opts.out.exists()
        && std::fs::read_dir(&opts.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!("gen_corpus: {} exists and is not empty", opts.out.display());
        std::process::exit(2);
    }
    let vocab = Vocab::build(opts.seed);
    for section in SECTIONS {
        for year in 2017..2025 {
            for month in 1..=12 {
                let dir = opts.out.join(format!("{section}/{year}/{month:02}"));
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&dir, e));
            }
        }
    }
    let results: Vec<(Totals, Stats)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..opts.threads)
            .map(|t| {
                let (vocab, opts) = (&vocab, &opts);
                scope.spawn(move || generate_stripe(vocab, opts, t))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .collect()
    });
    let mut totals = Totals::default();
    let mut stats = Stats::new(&vocab);
    for (t, s) in &results {
        totals.bytes += t.bytes;
        totals.sizes.extend(&t.sizes);
        for (a, b) in totals.formats.iter_mut().zip(t.formats) {
            *a += b;
        }
        stats.merge(s);
    }
    totals.sizes.sort_unstable();
    let median = totals
        .sizes
        .get(totals.sizes.len() / 2)
        .copied()
        .unwrap_or(0);
    let manifest = manifest(&opts, &vocab, &stats, &totals, median);
    let path = opts.out.join(".generator.json");
    let json = serde_json::to_string_pretty(&manifest).expect("manifest serialises");
    std::fs::write(&path, json + "\n").unwrap_or_else(|e| fail(&path, e));
    eprintln!(
        "gen_corpus: {} articles, {:.1} MB (median {} B) in {:.1}s -> {}",
        opts.docs,
        totals.bytes as f64 / 1e6,
        median,
        started.elapsed().as_secs_f64(),
        opts.out.display()
    );
}

fn fail(path: &Path, e: std::io::Error) -> ! {
    eprintln!("gen_corpus: {}: {e}", path.display());
    std::process::exit(1)
}

/// Articles `t`, `t + threads`, … : each depends only on (seed, its number).
fn generate_stripe(vocab: &Vocab, opts: &Options, t: usize) -> (Totals, Stats) {
    let mut totals = Totals::default();
    let mut stats = Stats::new(vocab);
    for n in (t..opts.docs).step_by(opts.threads) {
        let mut pick = Rng::for_item(opts.seed, n as u64 ^ 0xf11e);
        // 0.5 % exact duplicates: recompose an earlier article from its own stream.
        let source = if n >= 100 && pick.chance(0.005) {
            n - 1 - pick.below(n.min(5000))
        } else {
            n
        };
        let article = compose(vocab, Rng::for_item(opts.seed, source as u64), &mut stats);
        let format = if source != n {
            0
        } else {
            match pick.below(100) {
                0..=83 => 0,
                84..=91 => 1,
                _ => 2,
            }
        };
        let legacy = format == 0 && pick.chance(0.01);
        let (ext, bytes) = match format {
            0 if legacy => ("txt", windows_1252(&as_text(&article))),
            0 => ("txt", as_text(&article).into_bytes()),
            1 => ("json", as_json(&article, n).into_bytes()),
            _ => ("md", as_markdown(&article).into_bytes()),
        };
        let (y, m, ..) = article.date;
        let path = opts
            .out
            .join(format!("{}/{y}/{m:02}/{n:06}.{ext}", article.section));
        let mut file = std::fs::File::create(&path).unwrap_or_else(|e| fail(&path, e));
        file.write_all(&bytes).unwrap_or_else(|e| fail(&path, e));
        totals.bytes += bytes.len() as u64;
        totals.sizes.push(bytes.len() as u32);
        totals.formats[if legacy { 3 } else { format }] += 1;
    }
    (totals, stats)
}

fn as_text(a: &Article) -> String {
    format!("{}\n\n{}\n", a.title, a.body)
}

fn iso_date(a: &Article) -> String {
    let (y, m, d, h, min) = a.date;
    format!("{y}-{m:02}-{d:02}T{h:02}:{min:02}:00Z")
}

fn as_json(a: &Article, n: usize) -> String {
    let value = serde_json::json!({
        "title": a.title,
        "date": iso_date(a),
        "author": a.author,
        "source": a.source,
        "url": format!("https://news.example.org/{}/{n:06}", a.section),
        "tags": a.tags,
        "body": a.body,
    });
    serde_json::to_string_pretty(&value).expect("article serialises") + "\n"
}

fn as_markdown(a: &Article) -> String {
    let (y, m, d, ..) = a.date;
    format!(
        "---\ntitle: \"{}\"\ndate: {y}-{m:02}-{d:02}\nauthor: {}\nsource: {}\ntags: [{}]\n---\n\n{}\n",
        a.title.replace('"', "'"),
        a.author,
        a.source,
        a.tags.join(", "),
        a.body
    )
}

/// Encodes text as Windows-1252 (the generator only emits characters it has).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '“' => 0x93,
            '”' => 0x94,
            '’' => 0x92,
            '£' => 0xA3,
            'é' => 0xE9,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// Parameters, totals and query terms of known document frequency.
fn manifest(
    opts: &Options,
    vocab: &Vocab,
    stats: &Stats,
    totals: &Totals,
    median: u32,
) -> serde_json::Value {
    let docs = opts.docs.max(1) as f64;
    // The noun whose document frequency is closest to a share of the corpus.
    let noun_near = |share: f64, skip: Option<usize>| -> usize {
        let goal = (share * docs).max(1.0);
        (0..vocab.nouns.len())
            .filter(|&k| Some(k) != skip && stats.noun_df[k] > 0)
            .min_by(|&a, &b| {
                let da = (stats.noun_df[a] as f64 - goal).abs();
                let db = (stats.noun_df[b] as f64 - goal).abs();
                da.total_cmp(&db).then(a.cmp(&b))
            })
            .unwrap_or(0)
    };
    let common = noun_near(0.30, None);
    // Rare: about 10 articles in 100,000 (at least 2), from the invented long tail.
    let rare = noun_near((10.0 / 100_000.0f64).max(2.0 / docs), None);
    let and_a = noun_near(0.06, None);
    let and_b = noun_near(0.06, Some(and_a));
    let person = (0..vocab.people.len())
        .max_by_key(|&k| (stats.person_df[k], std::cmp::Reverse(k)))
        .unwrap_or(0);
    let stock = |phrase: &str| {
        let k = STOCK_PHRASES.iter().position(|p| *p == phrase).unwrap_or(0);
        serde_json::json!({"text": phrase.trim_start_matches("the "), "df": stats.stock_df[k]})
    };
    let word = |k: usize| serde_json::json!({"text": vocab.nouns[k], "df": stats.noun_df[k]});
    serde_json::json!({
        "generator": "examples/gen_corpus",
        "seed": opts.seed,
        "docs": opts.docs,
        "bytes": totals.bytes,
        "median_bytes": median,
        "files": {"txt": totals.formats[0], "json": totals.formats[1], "md": totals.formats[2],
                  "txt_windows_1252": totals.formats[3]},
        "terms": {
            "common": word(common),
            "rare": word(rare),
            "and": [word(and_a), word(and_b)],
            "phrase2": stock("interest rates"),
            "phrase3": stock("the cost of living"),
            "person": {"text": vocab.people[person].full(), "df": stats.person_df[person]},
        },
    })
}

//! Measures the HTML reader (`newsdex::article::html::parse`) on two local corpora.
//!
//! * The article-extraction benchmark (`html/<id>.html.gz` + `ground-truth.json`): body
//!   precision, recall and F1 with the benchmark's own metric — 4-token shingles, tokens being
//!   runs of word characters (`\w+`), true/false positives counted per page and normalised by
//!   their sum, precision and recall averaged over pages, F1 of the two averages.
//! * Readability's news test pages (`<page>/source.html` + `expected-metadata.json`): how
//!   often the title and the publication date match the expected ones.
//!
//! `cargo run --release --example eval_html -- [--bench DIR] [--readability DIR] [--worst N]`

use chrono::{DateTime, NaiveDateTime, Utc};
use newsdex::article::html;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CORPORA: &str = "/work/shared/corpora";

fn main() -> anyhow::Result<()> {
    let mut bench = PathBuf::from(CORPORA).join("article-extraction-benchmark");
    let mut readability = PathBuf::from(CORPORA).join("readability-news-pages");
    let mut worst = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--bench" => bench = PathBuf::from(value()?),
            "--readability" => readability = PathBuf::from(value()?),
            "--worst" => worst = value()?.parse()?,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    if bench.exists() {
        eval_bench(&bench, worst)?;
    } else {
        println!("benchmark: {} not found, skipped", bench.display());
    }
    if readability.exists() {
        eval_readability(&readability)?;
    } else {
        println!("readability: {} not found, skipped", readability.display());
    }
    Ok(())
}

/// Per-page true positives, false positives and false negatives, normalised by their sum.
type Counts = (f64, f64, f64);

fn eval_bench(dir: &Path, worst: usize) -> anyhow::Result<()> {
    let truth: HashMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut counts = Vec::new();
    let mut time = Duration::ZERO;
    let mut errors = 0;
    for id in ids {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz")))?;
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
        let start = Instant::now();
        let parsed = html::parse(&bytes);
        time += start.elapsed();
        let body = parsed.map(|a| a.body).unwrap_or_else(|_| {
            errors += 1;
            String::new()
        });
        let expected = truth[id]["articleBody"].as_str().unwrap_or("");
        counts.push((id.clone(), shingle_matching(expected, &body)));
    }
    let (p, r, f1) = metrics(counts.iter().map(|(_, c)| *c));
    println!(
        "benchmark: P={p:.3} R={r:.3} F1={f1:.3} pages={} errors={errors} time={:.2}s ({:.1} ms/page)",
        counts.len(),
        time.as_secs_f64(),
        time.as_secs_f64() * 1000.0 / counts.len().max(1) as f64
    );
    counts.sort_by(|a, b| page_f1(a.1).total_cmp(&page_f1(b.1)));
    for (id, c) in counts.iter().take(worst) {
        println!(
            "  F1={:.3} P={:.3} R={:.3} {id}",
            page_f1(*c),
            c.0 / (c.0 + c.1).max(1e-9),
            c.0 / (c.0 + c.2).max(1e-9)
        );
    }
    Ok(())
}

fn page_f1((tp, fp, fn_): Counts) -> f64 {
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    }
}

/// Averages precision and recall over pages as the benchmark does (a page counts for
/// precision only if something was predicted, for recall only if something was expected).
fn metrics(counts: impl Iterator<Item = Counts>) -> (f64, f64, f64) {
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for (tp, fp, fn_) in counts {
        let perfect = fp == 0.0 && fn_ == 0.0;
        if tp + fp > 0.0 {
            ps.push(if perfect { 1.0 } else { tp / (tp + fp) });
        }
        if tp + fn_ > 0.0 {
            rs.push(if perfect { 1.0 } else { tp / (tp + fn_) });
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let (p, r) = (mean(&ps), mean(&rs));
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

/// Python's `re.findall(r'\w+', text)`: runs of letters, digits and underscores.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Counts of 4-token shingles (a shorter text is one shingle of all its tokens).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    for i in 0..toks.len().saturating_sub(3).max(1) {
        let shingle = toks[i..(i + 4).min(toks.len())].to_vec();
        if !shingle.is_empty() {
            *out.entry(shingle).or_insert(0) += 1;
        }
    }
    out
}

fn shingle_matching(expected: &str, predicted: &str) -> Counts {
    let (truth, pred) = (shingles(expected), shingles(predicted));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (key, &t) in &truth {
        let p = pred.get(key).copied().unwrap_or(0);
        tp += t.min(p) as f64;
        fn_ += t.saturating_sub(p) as f64;
    }
    for (key, &p) in &pred {
        fp += p.saturating_sub(truth.get(key).copied().unwrap_or(0)) as f64;
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn eval_readability(dir: &Path) -> anyhow::Result<()> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    let (mut strict, mut loose, mut dated, mut dates_right, mut with_date) = (0, 0, 0, 0, 0);
    let (mut bylines, mut authors_right) = (0, 0);
    for page in &pages {
        let name = page
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(
            page.join("expected-metadata.json"),
        )?)?;
        let article = html::parse(&std::fs::read(page.join("source.html"))?).unwrap_or_default();
        let want = clean(expected["title"].as_str().unwrap_or(""));
        let got = clean(&article.title);
        if got == want {
            strict += 1;
            loose += 1;
        } else if is_site_suffix_of(&want, &got) {
            loose += 1;
            println!("  title ~ {name}: {got:?} (expected {want:?})");
        } else {
            println!("  title ✗ {name}: {got:?} (expected {want:?})");
        }
        with_date += usize::from(article.date.is_some());
        if let Some(byline) = expected["byline"]
            .as_str()
            .map(clean)
            .filter(|b| !b.is_empty())
        {
            bylines += 1;
            let got = clean(article.author.as_deref().unwrap_or("")).to_lowercase();
            let ok = !got.is_empty() && byline.to_lowercase().contains(&got);
            authors_right += usize::from(ok);
            if !ok {
                println!(
                    "  author ✗ {name}: {:?} (expected byline {byline:?})",
                    article.author
                );
            }
        }
        if let Some(raw) = expected["publishedTime"].as_str() {
            dated += 1;
            let ok = article.date.is_some_and(|d| same_date(raw, d));
            dates_right += usize::from(ok);
            if !ok {
                println!("  date ✗ {name}: {:?} (expected {raw})", article.date);
            }
        }
    }
    let n = pages.len().max(1);
    println!(
        "readability: pages={} title exact={strict} ({:.0}%) title exact-or-site-suffix-stripped={loose} ({:.0}%) \
         date right={dates_right}/{dated} pages with an expected date; a date found on {with_date} pages; \
         author within the expected byline={authors_right}/{bylines}",
        pages.len(),
        100.0 * strict as f64 / n as f64,
        100.0 * loose as f64 / n as f64,
    );
    Ok(())
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `want` is `got` plus a trailing " | Site"-style segment that we strip on purpose.
fn is_site_suffix_of(want: &str, got: &str) -> bool {
    !got.is_empty()
        && want.strip_prefix(got).is_some_and(|rest| {
            let rest = rest.trim_start();
            ["|", "-", "–", "—", "_", "::", "·"]
                .iter()
                .any(|sep| rest.starts_with(sep))
        })
}

/// Same instant, or for an expected time without a zone, within the ±14 h a zone can shift.
fn same_date(expected: &str, got: DateTime<Utc>) -> bool {
    if let Ok(d) = DateTime::parse_from_rfc3339(expected)
        .or_else(|_| DateTime::parse_from_str(expected, "%Y-%m-%dT%H:%M:%S%z"))
    {
        return d.with_timezone(&Utc) == got;
    }
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(expected, f).ok())
    .is_some_and(|naive| (naive - got.naive_utc()).num_hours().abs() <= 14)
}

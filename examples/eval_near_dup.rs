//! Measures near-duplicate grouping (`extract::similar`) on copies with known answers.
//!
//! `cargo run --release --example eval_near_dup -- ../shared/corpora/bbc [SEED]`
//!
//! From every BBC article (body after its headline line) it makes one near-copy, as wire
//! copy is reprinted: a dateline and a byline added, one sentence dropped, two sentences
//! swapped, and 5-10 % of the words replaced by other words of the corpus. Positives are
//! (article, its copy) pairs; negatives are pairs of *different* articles of the same
//! section (same subject). For each threshold it prints precision and recall of "near"
//! over those pairs, and the cost of a signature per article.

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsdex::extract::similar::{near, simhash, NEAR_BITS};

/// A small deterministic generator (xorshift), so a seed gives the same copies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn bodies(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut sections: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    sections.sort();
    for section in sections {
        let name = section
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&section)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let body = text
                .split_once('\n')
                .map_or(&*text, |(_, b)| b)
                .trim()
                .to_string();
            out.push((name.clone(), body));
        }
    }
    out
}

fn near_copy(body: &str, vocabulary: &[&str], rng: &mut Rng) -> String {
    let mut sentences: Vec<String> = body.split_inclusive(". ").map(str::to_string).collect();
    if sentences.len() > 3 {
        let drop = 1 + rng.below(sentences.len() - 1);
        sentences.remove(drop);
        let a = 1 + rng.below(sentences.len() - 1);
        let b = 1 + rng.below(sentences.len() - 1);
        sentences.swap(a, b);
    }
    let rate = 5 + rng.below(6); // percent of words replaced
    let mut words: Vec<String> = sentences.concat().split(' ').map(str::to_string).collect();
    for w in words.iter_mut() {
        if rng.below(100) < rate {
            *w = vocabulary[rng.below(vocabulary.len())].to_string();
        }
    }
    format!("LONDON (Wire) - By a staff reporter\n\n{}", words.join(" "))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first() else {
        eprintln!("usage: eval_near_dup BBC_FOLDER [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(7u64);
    let articles = bodies(Path::new(root));
    let all_text: String = articles
        .iter()
        .map(|(_, b)| b.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let vocabulary: Vec<&str> = all_text.split_whitespace().collect();
    let mut rng = Rng(seed.max(1));
    let started = Instant::now();
    let originals: Vec<u64> = articles.iter().map(|(_, b)| simhash(b)).collect();
    let per_article = started.elapsed().as_secs_f64() / articles.len().max(1) as f64;
    let copies: Vec<u64> = articles
        .iter()
        .map(|(_, b)| simhash(&near_copy(b, &vocabulary, &mut rng)))
        .collect();
    let positives: Vec<u32> = originals
        .iter()
        .zip(&copies)
        .filter(|(a, b)| **a != 0 && **b != 0)
        .map(|(a, b)| (a ^ b).count_ones())
        .collect();
    let mut negatives: Vec<u32> = Vec::new();
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            // Pairs of identical bodies are the corpus's own duplicates, not negatives.
            if articles[i].0 == articles[j].0
                && originals[i] != 0
                && originals[j] != 0
                && articles[i].1 != articles[j].1
            {
                negatives.push((originals[i] ^ originals[j]).count_ones());
            }
        }
    }
    println!(
        "{} articles, {} positive pairs, {} same-section negative pairs, signature {:.1} µs/article",
        articles.len(),
        positives.len(),
        negatives.len(),
        per_article * 1e6
    );
    println!("bits  recall  precision  false pairs");
    for k in [4, 8, 12, 14, 15, 16, 18] {
        let tp = positives.iter().filter(|&&d| d <= k).count();
        let fp = negatives.iter().filter(|&&d| d <= k).count();
        let recall = tp as f64 / positives.len().max(1) as f64;
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        let mark = if k == NEAR_BITS { "  <- NEAR_BITS" } else { "" };
        println!("{k:>4}  {recall:.3}   {precision:.4}     {fp}{mark}");
    }
    let check = originals
        .iter()
        .zip(&copies)
        .filter(|(a, b)| near(**a, **b))
        .count();
    println!(
        "near() at NEAR_BITS: {check} of {} copies found",
        positives.len()
    );
}

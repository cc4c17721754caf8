//! Measures near-duplicate grouping (`extract::similar`) on copies with known answers.
//!
//! `cargo run --release --example eval_near_dup -- ../shared/corpora/bbc [SEED]`
//!
//! From every BBC article (body after its headline line) it makes one near-copy, as wire
//! copy is reprinted: a dateline and a byline added, one sentence dropped, two sentences
//! swapped, and 5-10 % of the words replaced by other words of the corpus. Positives are
//! (article, its copy) pairs; negatives are pairs of *different* articles of the same
//! section (same subject). It prints precision and recall over those pairs for the
//! signature alone at each number of bits, then for signatures within some bits whose
//! bodies' shingle resemblance reaches a threshold (what search uses), and the cost of a
//! signature per article. Choose on one seed, report on others.

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsdex::extract::similar::{near, simhash, Shingles, MIN_RESEMBLANCE, NEAR_BITS};

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

fn resemble(a: &str, b: &str) -> f64 {
    Shingles::of(a).resemblance(&Shingles::of(b))
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
    let copy_texts: Vec<String> = articles
        .iter()
        .map(|(_, b)| near_copy(b, &vocabulary, &mut rng))
        .collect();
    let copies: Vec<u64> = copy_texts.iter().map(|c| simhash(c)).collect();
    let positives: Vec<u32> = originals
        .iter()
        .zip(&copies)
        .filter(|(a, b)| **a != 0 && **b != 0)
        .map(|(a, b)| (a ^ b).count_ones())
        .collect();
    // (bits apart, resemblance) of each positive and of each negative within 22 bits.
    let pos_pairs: Vec<(u32, f64)> = (0..articles.len())
        .filter(|&i| originals[i] != 0 && copies[i] != 0)
        .map(|i| {
            let bits = (originals[i] ^ copies[i]).count_ones();
            (bits, resemble(&articles[i].1, &copy_texts[i]))
        })
        .collect();
    let mut neg_pairs: Vec<(u32, f64)> = Vec::new();
    let mut negatives: Vec<u32> = Vec::new();
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            // Pairs of identical bodies are the corpus's own duplicates, not negatives.
            if articles[i].0 == articles[j].0
                && originals[i] != 0
                && originals[j] != 0
                && articles[i].1 != articles[j].1
            {
                let bits = (originals[i] ^ originals[j]).count_ones();
                negatives.push(bits);
                if bits <= 22 {
                    neg_pairs.push((bits, resemble(&articles[i].1, &articles[j].1)));
                }
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
    println!("signature alone: bits  recall  precision  false pairs");
    for k in [4, 8, 12, 14, 15, 16, 18, 20] {
        let tp = positives.iter().filter(|&&d| d <= k).count();
        let fp = negatives.iter().filter(|&&d| d <= k).count();
        let recall = tp as f64 / positives.len().max(1) as f64;
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        println!("{k:>4}  {recall:.3}   {precision:.4}     {fp}");
    }
    println!("candidates within BITS, kept when their bodies' resemblance >= R:");
    println!("bits     R  recall  precision  false pairs");
    for bits in [16, 18, 20, 22] {
        for r in [0.2, 0.3, 0.4, 0.5] {
            let kept = |p: &&(u32, f64)| p.0 <= bits && p.1 >= r;
            let tp = pos_pairs.iter().filter(kept).count();
            let fp = neg_pairs.iter().filter(kept).count();
            let recall = tp as f64 / pos_pairs.len().max(1) as f64;
            let precision = tp as f64 / (tp + fp).max(1) as f64;
            let chosen = bits == NEAR_BITS && (r - MIN_RESEMBLANCE).abs() < 1e-9;
            let mark = if chosen {
                "  <- NEAR_BITS, MIN_RESEMBLANCE"
            } else {
                ""
            };
            println!("{bits:>4}  {r:.2}  {recall:.3}   {precision:.4}     {fp}{mark}");
        }
    }
    let check = (0..articles.len())
        .filter(|&i| {
            near(originals[i], copies[i])
                && Shingles::of(&articles[i].1).resembles(&Shingles::of(&copy_texts[i]))
        })
        .count();
    println!(
        "near() and resembles(): {check} of {} copies found",
        positives.len()
    );
}

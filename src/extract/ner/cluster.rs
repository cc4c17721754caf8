//! Distributional word clusters from unlabeled text, for tagging words unseen in training.
//!
//! A name the labelled data never saw still keeps company like the names it did see ("said",
//! "told", "of", "in"). Each lowercased word is described by counts of its left and right
//! neighbours among the most frequent words, log-scaled and length-normalised, and the words are
//! grouped by spherical k-means (deterministic: seeded with the most frequent words). The
//! tagger uses the cluster ids as features; only `(word hash, cluster)` pairs are kept.

use std::collections::HashMap;

/// Collects neighbour counts over sentences of lowercased word hashes.
#[derive(Debug, Default)]
pub struct ContextCounter {
    freq: HashMap<u64, u32>,
    sentences: Vec<Vec<u64>>,
}

/// Sentence boundary marker in context vectors.
const EDGE: u64 = 0;

impl ContextCounter {
    /// Adds one sentence (lowercased word hashes in order).
    pub fn add_sentence(&mut self, words: Vec<u64>) {
        for &w in &words {
            *self.freq.entry(w).or_insert(0) += 1;
        }
        self.sentences.push(words);
    }

    /// Words sorted by descending frequency (ties by hash, for determinism).
    fn by_frequency(&self, min_count: u32) -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> = self
            .freq
            .iter()
            .filter(|(_, &n)| n >= min_count)
            .map(|(&w, &n)| (w, n))
            .collect();
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Sparse context vectors (log counts, L2-normalised) for the `max_words` most frequent
    /// words seen at least `min_count` times, over a context vocabulary of `n_context` words.
    fn vectors(
        &self,
        min_count: u32,
        max_words: usize,
        n_context: usize,
    ) -> (Vec<u64>, Vec<Vec<(u32, f32)>>) {
        let ranked = self.by_frequency(min_count);
        let words: Vec<u64> = ranked.iter().take(max_words).map(|w| w.0).collect();
        let row: HashMap<u64, usize> = words.iter().enumerate().map(|(i, &w)| (w, i)).collect();
        let mut ctx: HashMap<u64, u32> = ranked
            .iter()
            .take(n_context)
            .enumerate()
            .map(|(i, w)| (w.0, i as u32))
            .collect();
        ctx.insert(EDGE, n_context as u32);
        let other = n_context as u32 + 1;
        let width = other + 1;
        let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); words.len()];
        for s in &self.sentences {
            for (i, w) in s.iter().enumerate() {
                let Some(&r) = row.get(w) else { continue };
                let left = if i == 0 { EDGE } else { s[i - 1] };
                let right = s.get(i + 1).copied().unwrap_or(EDGE);
                let l = ctx.get(&left).copied().unwrap_or(other);
                let rr = ctx.get(&right).copied().unwrap_or(other) + width;
                *counts[r].entry(l).or_insert(0.0) += 1.0;
                *counts[r].entry(rr).or_insert(0.0) += 1.0;
            }
        }
        let vecs = counts
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32)> =
                    m.into_iter().map(|(k, c)| (k, (1.0 + c).ln())).collect();
                v.sort_unstable_by_key(|e| e.0);
                let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(1e-6);
                v.iter_mut().for_each(|e| e.1 /= norm);
                v
            })
            .collect();
        (words, vecs)
    }

    /// Clusters the vocabulary into `k` groups; returns `word hash → cluster id (1-based)`.
    pub fn cluster(
        &self,
        k: usize,
        min_count: u32,
        max_words: usize,
        iterations: usize,
    ) -> HashMap<u64, u16> {
        let n_context = 600;
        let (words, vecs) = self.vectors(min_count, max_words, n_context);
        let dim = 2 * (n_context + 2);
        let k = k.min(words.len()).max(1);
        let mut centroids: Vec<Vec<f32>> = (0..k)
            .map(|i| dense(&vecs[i.min(vecs.len().saturating_sub(1))], dim))
            .collect();
        let mut assign = vec![0usize; vecs.len()];
        for _ in 0..iterations {
            for (a, v) in assign.iter_mut().zip(&vecs) {
                *a = nearest(v, &centroids);
            }
            let mut sums = vec![vec![0f32; dim]; k];
            for (&a, v) in assign.iter().zip(&vecs) {
                for &(d, x) in v {
                    sums[a][d as usize] += x;
                }
            }
            for (c, s) in centroids.iter_mut().zip(sums) {
                let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    *c = s.into_iter().map(|x| x / norm).collect();
                }
            }
        }
        words
            .into_iter()
            .zip(assign)
            .map(|(w, a)| (w, a as u16 + 1))
            .collect()
    }
}

fn dense(v: &[(u32, f32)], dim: usize) -> Vec<f32> {
    let mut d = vec![0f32; dim];
    for &(i, x) in v {
        if let Some(slot) = d.get_mut(i as usize) {
            *slot = x;
        }
    }
    d
}

fn nearest(v: &[(u32, f32)], centroids: &[Vec<f32>]) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (j, c) in centroids.iter().enumerate() {
        let s: f32 = v
            .iter()
            .map(|&(i, x)| c.get(i as usize).copied().unwrap_or(0.0) * x)
            .sum();
        if s > best.1 {
            best = (j, s);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::features::hash_bytes;

    #[test]
    fn words_in_same_contexts_share_a_cluster() {
        let mut c = ContextCounter::default();
        let h = |w: &str| hash_bytes(w.as_bytes());
        let sents = [
            "in paris today",
            "in london today",
            "in berlin today",
            "in paris now",
            "in london now",
            "smith said that",
            "jones said that",
            "brown said that",
            "smith said yes",
            "jones said yes",
            "brown said it",
        ];
        for _ in 0..3 {
            for s in sents {
                c.add_sentence(s.split(' ').map(h).collect());
            }
        }
        let clusters = c.cluster(2, 3, 100, 10);
        let cases = [
            ("paris", "london", true),
            ("smith", "jones", true),
            ("paris", "smith", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(clusters.get(&h(a)) == clusters.get(&h(b)), same, "{a} {b}");
        }
    }
}

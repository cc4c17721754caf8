//! Training the speaker ranker (cargo feature `train`): candidate sets labelled from gold
//! quotations, and an averaged perceptron over them. Used by the `train_quotes` example.

use super::rank::{Model, DIM};
use crate::extract::Entity;

/// A gold quotation: byte range of its quoted text and of its source phrase, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    /// Byte offset of the quoted text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Byte range of the source (speaker) phrase, when annotated.
    pub source: Option<(usize, usize)>,
}

/// One quotation's candidates (their feature lists) and which of them are right.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Feature ids of each candidate.
    pub cands: Vec<Vec<u32>>,
    /// Whether each candidate is a right answer.
    pub good: Vec<bool>,
}

/// Labelled candidate sets of one article: each found quotation that overlaps at least
/// half of a gold quotation, whose gold source is among its candidates (or that has no
/// gold source: then "nobody" is right).
pub fn examples(body: &str, entities: &[Entity], gold: &[Gold]) -> Vec<Example> {
    let mut out = Vec::new();
    for (s, e, cands) in super::candidate_sets(body, entities) {
        let overlap = |g: &Gold| e.min(g.end).saturating_sub(s.max(g.start));
        let best = gold
            .iter()
            .filter(|g| overlap(g) > 0 && 2 * overlap(g) >= g.end - g.start)
            .max_by_key(|g| overlap(g));
        let Some(g) = best else { continue };
        let good: Vec<bool> = cands
            .iter()
            .map(|c| match g.source {
                None => c.null,
                Some((a, b)) => !c.null && c.start < b && a < c.end,
            })
            .collect();
        if good.iter().any(|&x| x) {
            out.push(Example {
                cands: cands.into_iter().map(|c| c.feats).collect(),
                good,
            });
        }
    }
    out
}

/// Trains an averaged perceptron: on each mistake the best-scoring right candidate's
/// features gain 1 and the predicted one's lose 1. The order of examples is shuffled
/// each epoch by a fixed generator, so training is deterministic.
pub fn train(examples: &[&Example], epochs: usize) -> Model {
    let mut w = vec![0.0f32; DIM];
    let mut acc = vec![0.0f64; DIM];
    let mut step = 1.0f64;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let score = |w: &[f32], f: &[u32]| f.iter().map(|&i| w[i as usize]).sum::<f32>();
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &x in &order {
            let ex = examples[x];
            let scores: Vec<f32> = ex.cands.iter().map(|f| score(&w, f)).collect();
            let argmax = |keep: &dyn Fn(usize) -> bool| {
                (0..scores.len())
                    .filter(|&i| keep(i))
                    .fold(None, |b: Option<usize>, i| match b {
                        Some(j) if scores[j] >= scores[i] => Some(j),
                        _ => Some(i),
                    })
            };
            let pred = argmax(&|_| true).expect("a candidate set is never empty");
            if !ex.good[pred] {
                let target = argmax(&|i| ex.good[i]).expect("examples have a right candidate");
                for &f in &ex.cands[target] {
                    w[f as usize] += 1.0;
                    acc[f as usize] += step;
                }
                for &f in &ex.cands[pred] {
                    w[f as usize] -= 1.0;
                    acc[f as usize] -= step;
                }
            }
            step += 1.0;
        }
    }
    let weights = w
        .iter()
        .zip(&acc)
        .map(|(&w, &a)| (w as f64 - a / step) as f32)
        .collect();
    Model { weights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_to_prefer_the_right_candidate() {
        // Candidate 0 always carries feature 7, the right one feature 3.
        let ex = Example {
            cands: vec![vec![7, 1], vec![3, 1]],
            good: vec![false, true],
        };
        let flipped = Example {
            cands: vec![vec![3, 2], vec![7, 2]],
            good: vec![true, false],
        };
        let model = train(&[&ex, &flipped], 5);
        assert!(model.weights[3] > model.weights[7]);
    }
}

//! Training: an averaged perceptron over the greedy decoder, plus the lexicon builder.
//!
//! Training sees documents exactly as tagging does: CoNLL tokens are joined into text, the text
//! is re-tokenised by [`tokenize`](super::tokenize) and the gold tags are carried over by byte
//! offsets, so any tokeniser difference is learnt rather than hidden. The decoder uses its own
//! predictions for the previous-tag and history features (as at tag time) and the weights are
//! updated on every wrong token. Documents are shuffled with a fixed seed: training is
//! deterministic.

use super::cluster::ContextCounter;
use super::conll::{render, Doc, Layout};
use super::decode::{
    allowed, best, decode_document, is_inside, make_tag, reopen, tag_type, to_bilou, Stepper, Tok,
    NTAGS,
};
use super::features::{infos, sentence_mode, static_features, TokInfo};
use super::lexicon::{CaseCounter, Lexicon};
use super::model::Model;
use super::tokenize::{sentences, tokenize, Token};
use std::collections::HashMap;
use std::ops::Range;

/// A training document: token infos, sentences and gold BILOU tags on product tokens.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// What the features need of each token.
    pub infos: Vec<TokInfo>,
    /// Token ranges of the sentences.
    pub sentences: Vec<Range<usize>>,
    /// Gold tag of each token.
    pub gold: Vec<u8>,
}

/// Carries gold tags from CoNLL token ranges onto product tokens (matched by start offset).
pub fn align(tokens: &[Token], ranges: &[(usize, usize)], gold: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut j = 0;
    for t in tokens {
        while j + 1 < ranges.len() && ranges[j].1 <= t.start {
            j += 1;
        }
        let g = gold.get(j).copied().unwrap_or(0);
        let continues = ranges.get(j).is_some_and(|r| r.0 < t.start);
        out.push(match tag_type(g) {
            Some(ty) if continues => make_tag(ty, true),
            _ => g,
        });
    }
    out
}

/// Prepares CoNLL documents for training (text layout as in [`Layout::Lines`]).
pub fn prepare(docs: &[Doc], lexicon: &Lexicon, layout: Layout) -> Vec<TrainDoc> {
    let mut out = Vec::new();
    for doc in docs {
        for r in render(doc, layout) {
            let tokens = tokenize(&r.text);
            let sentences = sentences(&r.text, &tokens);
            let gold = to_bilou(&align(&tokens, &r.ranges, &r.gold), &sentences);
            out.push(TrainDoc {
                infos: infos(&r.text, &tokens, lexicon),
                sentences,
                gold,
            });
        }
    }
    out
}

/// Counts capitalisation of running-text words (skipping sentence starts and headlines).
pub fn count_case(text: &str, counter: &mut CaseCounter) {
    let tokens = tokenize(text);
    let empty = Lexicon::default();
    let all = infos(text, &tokens, &empty);
    for range in sentences(text, &tokens) {
        let Some(sent) = all.get(range) else { continue };
        if sentence_mode(sent) != 1 {
            continue;
        }
        for (i, t) in sent.iter().enumerate().skip(1) {
            use super::features::flag;
            let after_punct = sent[i - 1].flags & flag::PUNCT != 0;
            if t.flags & flag::HAS_ALPHA != 0 && !after_punct {
                counter.add(t.lower, t.flags & flag::INIT_CAP != 0);
            }
        }
    }
}

/// Adds the sentences of `text` (lowercased word hashes) to a cluster context counter.
pub fn add_context(text: &str, counter: &mut ContextCounter) {
    let tokens = tokenize(text);
    let all = infos(text, &tokens, &Lexicon::default());
    for range in sentences(text, &tokens) {
        if let Some(sent) = all.get(range) {
            counter.add_sentence(sent.iter().map(|t| t.lower).collect());
        }
    }
}

/// Averaged perceptron weights keyed by feature hash.
#[derive(Debug, Default)]
pub struct Perceptron {
    index: HashMap<u64, u32>,
    w: Vec<f32>,
    acc: Vec<f32>,
    clock: f32,
}

impl Perceptron {
    fn scores(&self, feats: &[u64]) -> [f32; NTAGS] {
        let mut s = [0f32; NTAGS];
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let base = row as usize * NTAGS;
                for (k, x) in s.iter_mut().enumerate() {
                    *x += self.w[base + k];
                }
            }
        }
        s
    }

    fn update(&mut self, feats: &[u64], gold: u8, pred: u8) {
        for f in feats {
            let next = self.index.len() as u32;
            let row = *self.index.entry(*f).or_insert(next);
            if row == next {
                self.w.extend_from_slice(&[0.0; NTAGS]);
                self.acc.extend_from_slice(&[0.0; NTAGS]);
            }
            let base = row as usize * NTAGS;
            for (tag, d) in [(gold, 1.0f32), (pred, -1.0)] {
                self.w[base + tag as usize] += d;
                self.acc[base + tag as usize] += self.clock * d;
            }
        }
    }

    /// Averaged weights, dropping rows whose largest weight is below `prune`.
    pub fn averaged(&self, prune: f32) -> Vec<(u64, [f32; NTAGS])> {
        let c = self.clock.max(1.0);
        let mut rows: Vec<(u64, [f32; NTAGS])> = self
            .index
            .iter()
            .filter_map(|(&h, &row)| {
                let base = row as usize * NTAGS;
                let mut r = [0f32; NTAGS];
                for (k, x) in r.iter_mut().enumerate() {
                    *x = self.w[base + k] - self.acc[base + k] / c;
                }
                (r.iter().fold(0f32, |m, &x| m.max(x.abs())) >= prune).then_some((h, r))
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows
    }
}

struct TrainStep<'a> {
    p: &'a mut Perceptron,
    gold: &'a [u8],
    feats: Vec<u64>,
}

impl Stepper for TrainStep<'_> {
    fn step(&mut self, tok: Tok<'_>, dynamic: &[u64], prev: u8) -> u8 {
        let feats = &mut self.feats;
        feats.clear();
        static_features(tok.sent, tok.i, tok.mode, feats);
        feats.extend_from_slice(dynamic);
        let feats = &self.feats[..];
        self.p.clock += 1.0;
        let pred = best(&self.p.scores(feats));
        let mut gold = self.gold.get(tok.index).copied().unwrap_or(0);
        if !allowed(prev, gold) && is_inside(gold) {
            // The entity was not opened by the prediction: learn to start it here.
            gold = reopen(gold);
        }
        if pred != gold {
            self.p.update(feats, gold, pred);
        }
        pred
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training documents.
    pub epochs: usize,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Rows whose largest averaged weight is below this are dropped from the model.
    pub prune: f32,
    /// Tag (and learn) each document twice, the second time with document-wide features.
    pub two_pass: bool,
}

/// Trains `bags` models with seeds `cfg.seed`, `cfg.seed + 1`, … and averages their weights,
/// which smooths out the perceptron's sensitivity to document order.
pub fn train_bagged(docs: &[TrainDoc], lexicon: &Lexicon, cfg: TrainConfig, bags: usize) -> Model {
    let mut sum: HashMap<u64, [f32; NTAGS]> = HashMap::new();
    let n = bags.max(1);
    for b in 0..n {
        let c = TrainConfig {
            seed: cfg.seed.wrapping_add(b as u64),
            ..cfg
        };
        for (h, row) in run_epochs(docs, c, |_, _| {}).averaged(0.0) {
            let acc = sum.entry(h).or_insert([0.0; NTAGS]);
            for (a, w) in acc.iter_mut().zip(row) {
                *a += w / n as f32;
            }
        }
    }
    let mut rows: Vec<(u64, [f32; NTAGS])> = sum
        .into_iter()
        .filter(|(_, r)| r.iter().fold(0f32, |m, &x| m.max(x.abs())) >= cfg.prune)
        .collect();
    rows.sort_by_key(|r| r.0);
    Model::from_weights(&rows, lexicon.clone()).with_two_pass(cfg.two_pass)
}

/// Trains on `docs`; `on_epoch` sees the averaged model after each epoch.
pub fn train(
    docs: &[TrainDoc],
    lexicon: &Lexicon,
    cfg: TrainConfig,
    mut on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let p = run_epochs(docs, cfg, |epoch, p| {
        on_epoch(
            epoch,
            &Model::from_weights(&p.averaged(cfg.prune), lexicon.clone())
                .with_two_pass(cfg.two_pass),
        );
    });
    Model::from_weights(&p.averaged(cfg.prune), lexicon.clone()).with_two_pass(cfg.two_pass)
}

/// The perceptron training loop; `on_epoch` sees the weights after each epoch.
fn run_epochs(
    docs: &[TrainDoc],
    cfg: TrainConfig,
    mut on_epoch: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let mut p = Perceptron::default();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = cfg.seed | 1;
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &d in &order {
            let doc = &docs[d];
            let mut step = TrainStep {
                p: &mut p,
                gold: &doc.gold,
                feats: Vec::with_capacity(64),
            };
            decode_document(&doc.infos, &doc.sentences, &mut step, cfg.two_pass);
        }
        on_epoch(epoch + 1, &p);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_carries_tags_onto_split_tokens() {
        // "Anna's" is one gold token here but two product tokens.
        let text = "Anna's Oslo";
        let tokens = tokenize(text);
        let got = align(
            &tokens,
            &[(0, 6), (7, 11)],
            &[make_tag(0, false), make_tag(2, false)],
        );
        assert_eq!(
            got,
            vec![make_tag(0, false), make_tag(0, true), make_tag(2, false)]
        );
    }
}

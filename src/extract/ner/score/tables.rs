//! Sums of weight rows that tag-time scoring would otherwise fetch again and again: the
//! features fixed by one neighbour's word ([`NeighbourScores`], a per-thread table like the
//! word-score one) and those fixed by small tag values alone ([`Fixed`]: the previous two
//! tags, the history slot, the global type). Weights are integers, so adding a kept sum gives
//! exactly the score of adding its rows one by one.

use super::super::decode::NTAGS;
use super::super::features::{
    global_features, history_feature, key, neighbour_features, tag_features, TokInfo,
};
use super::super::model::Model;

/// The sum of the weight rows of `feats`.
pub(super) fn sum(model: &Model, feats: &[u64]) -> [i32; NTAGS] {
    let mut acc = [0i32; NTAGS];
    model.add_all(feats, &mut acc);
    acc
}

/// Adds a kept sum to `acc`.
#[inline]
pub(super) fn add(acc: &mut [i32; NTAGS], row: &[i32; NTAGS]) {
    for (a, r) in acc.iter_mut().zip(row) {
        *a += r;
    }
}

/// History slots and global types: 0 (none) to 5.
const SLOTS: usize = 6;
/// Capitalisation classes of the global features (two flag bits).
const CAPS: usize = 4;

/// Sums of the tag-dependent features that involve no word, for every value they take.
pub(super) struct Fixed {
    /// By `prev * NTAGS + prev2`.
    tags: Vec<[i32; NTAGS]>,
    /// By history slot.
    hist: Vec<[i32; NTAGS]>,
    /// By `global * CAPS + caps`.
    global: Vec<[i32; NTAGS]>,
}

impl Fixed {
    pub(super) fn new(model: &Model) -> Fixed {
        let tags = (0..NTAGS * NTAGS)
            .map(|x| sum(model, &tag_features((x / NTAGS) as u8, (x % NTAGS) as u8)))
            .collect();
        let hist = (0..SLOTS)
            .map(|h| sum(model, &[history_feature(h as u8)]))
            .collect();
        let global = (0..SLOTS * CAPS)
            .map(|x| sum(model, &global_features((x / CAPS) as u8, (x % CAPS) as u8)))
            .collect();
        Fixed { tags, hist, global }
    }

    /// Adds the word-free dynamic features of a context to `acc` (those of a value outside
    /// the tables are looked up one by one).
    pub(super) fn add_to(
        &self,
        model: &Model,
        (prev, prev2, hist): (u8, u8, u8),
        (global, caps): (u8, u8),
        acc: &mut [i32; NTAGS],
    ) {
        let at = usize::from(prev) * NTAGS + usize::from(prev2);
        match self.tags.get(at).filter(|_| usize::from(prev2) < NTAGS) {
            Some(row) => add(acc, row),
            None => model.add_all(&tag_features(prev, prev2), acc),
        }
        match self.hist.get(usize::from(hist)) {
            Some(row) => add(acc, row),
            None => model.add(history_feature(hist), acc),
        }
        if global == 0 {
            return;
        }
        let at = usize::from(global) * CAPS + usize::from(caps);
        match self.global.get(at).filter(|_| usize::from(caps) < CAPS) {
            Some(row) => add(acc, row),
            None => model.add_all(&global_features(global, caps), acc),
        }
    }
}

/// Slots of the per-thread neighbour-score table (direct-mapped).
const NEIGHBOUR_SLOTS: usize = 1 << 13;

/// Sums of [`neighbour_features`] by (neighbour role, word).
pub(super) struct NeighbourScores {
    keys: Vec<u64>,
    rows: Vec<[i32; NTAGS]>,
}

impl NeighbourScores {
    pub(super) fn new() -> NeighbourScores {
        NeighbourScores {
            keys: vec![0; NEIGHBOUR_SLOTS],
            rows: vec![[0; NTAGS]; NEIGHBOUR_SLOTS],
        }
    }

    /// Adds the sum of `n`'s features in `role` to `acc`, from the table or computed.
    pub(super) fn add_to(
        &mut self,
        model: &Model,
        role: usize,
        n: &TokInfo,
        buf: &mut Vec<u64>,
        acc: &mut [i32; NTAGS],
    ) {
        let k = key(98, n.word, role as u64);
        let slot = k as usize & (NEIGHBOUR_SLOTS - 1);
        if k != 0 && self.keys[slot] == k {
            add(acc, &self.rows[slot]);
            return;
        }
        buf.clear();
        neighbour_features(role, n, buf);
        let row = sum(model, buf);
        add(acc, &row);
        if k != 0 {
            self.keys[slot] = k;
            self.rows[slot] = row;
        }
    }
}

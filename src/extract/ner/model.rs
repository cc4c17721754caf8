//! The trained model: quantised feature weights and the word lexicon, in a compact binary file.
//!
//! Format (little-endian): magic `NDXNER03`, `u32` number of tags, `f32` weight scale, `u32` flags
//! (bit 0: two-pass decoding), `u32`
//! lexicon size then `(u32 key, u8 case class, u8 gazetteer bits, u16 fine cluster, u16 coarse
//! cluster)` entries, `u32` feature count
//! then `(u32 key, i16 × tags)` entries. Feature keys are the top 32 bits of the 64-bit feature
//! hash. At load time the rows are stored densely and found through a small open-addressing
//! index of `(key, row number)` pairs: most features looked up are absent from the model, and
//! those cost a probe in the 4 MB index only, not in the 4.8 MB of rows (a table holding the
//! rows in its slots was 21 MB and missed the caches far more often). In front of the index a
//! 256 KB bit filter, which stays in a core's L2 cache, turns most absent features away before
//! they reach it.

use super::decode::NTAGS;
use super::lexicon::{LexInfo, Lexicon};
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

const MAGIC: &[u8; 8] = b"NDXNER03";

/// Why a model file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with the model's magic bytes.
    #[error("not a newsdex NER model (bad magic)")]
    BadMagic,
    /// The file ends early.
    #[error("model file is truncated")]
    Truncated,
    /// Trained with another tag set.
    #[error("model has {0} tags, this build expects {NTAGS}")]
    TagCount(u32),
}

/// Quantised weights plus lexicon, ready for scoring.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// `(key, row)` pairs; key 0 marks an empty slot.
    index: Vec<(u32, u32)>,
    /// One bit per [`filter_bit`] of each key in the index: a clear bit proves a feature
    /// absent without touching the index.
    filter: Vec<u64>,
    rows: Vec<[i16; NTAGS]>,
    mask: usize,
    scale: f32,
    flags: u32,
    /// Distinguishes models in per-thread caches of their scores (0 = default, empty).
    id: u64,
    /// Case usage, gazetteer classes and clusters of known words.
    pub lexicon: Lexicon,
}

/// Source of [`Model::id`]s.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn slot_key(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

/// Bits of the absence filter: 256 KB, small enough to stay in a core's L2 cache, where the
/// 4 MB index does not; with ~140,000 keys about one absent feature in fifteen passes it.
const FILTER_BITS: usize = 1 << 21;

/// The filter bit of a key (mixed so that it is independent of the key's index slot).
fn filter_bit(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> (32 - FILTER_BITS.trailing_zeros())) as usize
}

impl Model {
    /// Builds a model from float weights (`(feature hash, row)`), quantising to i16.
    pub fn from_weights(rows: &[(u64, [f32; NTAGS])], lexicon: Lexicon) -> Model {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let quantised: Vec<(u32, [i16; NTAGS])> = rows
            .iter()
            .map(|(h, r)| (slot_key(*h), r.map(|w| (w * scale).round() as i16)))
            .collect();
        Model::from_quantised(&quantised, scale, lexicon)
    }

    fn from_quantised(rows: &[(u32, [i16; NTAGS])], scale: f32, lexicon: Lexicon) -> Model {
        // Load factor between 0.25 and 0.5: absent keys end their probe within a slot or two
        // (a denser index, 0.54 here, measured 10 % slower).
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut index = vec![(0u32, 0u32); cap];
        let mut filter = vec![0u64; FILTER_BITS / 64];
        let mut weights: Vec<[i16; NTAGS]> = Vec::with_capacity(rows.len());
        for &(k, w) in rows {
            let mut i = k as usize & mask;
            while index[i].0 != 0 && index[i].0 != k {
                i = (i + 1) & mask;
            }
            if index[i].0 == k {
                weights[index[i].1 as usize] = w;
            } else {
                index[i] = (k, weights.len() as u32);
                weights.push(w);
                let bit = filter_bit(k);
                filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        Model {
            index,
            filter,
            rows: weights,
            mask,
            scale,
            flags: 0,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            lexicon,
        }
    }

    /// Sets whether documents are decoded in two passes (as the model was trained).
    pub fn with_two_pass(mut self, on: bool) -> Model {
        self.flags = if on { self.flags | 1 } else { self.flags & !1 };
        self
    }

    /// True if the model was trained for two-pass decoding.
    pub fn two_pass(&self) -> bool {
        self.flags & 1 != 0
    }

    /// An id unique to this model's weights among the models built in this process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Number of weight rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True if the model has no weights (e.g. it failed to load).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds the weights of feature `h` to `scores`.
    #[inline]
    pub fn add(&self, h: u64, scores: &mut [i32; NTAGS]) {
        if self.index.is_empty() {
            return;
        }
        let k = slot_key(h);
        let bit = filter_bit(k);
        if self
            .filter
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) == 0)
        {
            return;
        }
        let mut i = k as usize & self.mask;
        loop {
            let (key, row) = self.index[i];
            if key == k {
                if let Some(w) = self.rows.get(row as usize) {
                    add_row(scores, w);
                }
                return;
            }
            if key == 0 {
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the weights of every feature in `feats` to `scores`.
    #[inline]
    pub fn add_all(&self, feats: &[u64], scores: &mut [i32; NTAGS]) {
        for &f in feats {
            self.add(f, scores);
        }
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NTAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.flags.to_le_bytes());
        let lex: Vec<(u32, LexInfo)> = self.lexicon.entries().collect();
        out.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        for (k, e) in lex {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&[e.case, e.gaz]);
            out.extend_from_slice(&e.fine.to_le_bytes());
            out.extend_from_slice(&e.coarse.to_le_bytes());
        }
        let mut keyed: Vec<(u32, u32)> = self.index.iter().filter(|e| e.0 != 0).copied().collect();
        keyed.sort_unstable_by_key(|e| e.1);
        out.extend_from_slice(&(keyed.len() as u32).to_le_bytes());
        for (key, row) in keyed {
            out.extend_from_slice(&key.to_le_bytes());
            for w in self.rows[row as usize] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Parses a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let ntags = r.u32()?;
        if ntags as usize != NTAGS {
            return Err(ModelError::TagCount(ntags));
        }
        let scale = f32::from_bits(r.u32()?);
        let flags = r.u32()?;
        let n_lex = r.u32()? as usize;
        let mut lex = Vec::with_capacity(n_lex.min(bytes.len() / 10));
        for _ in 0..n_lex {
            let k = r.u32()?;
            let b = r.take(6)?;
            let info = LexInfo {
                case: b[0],
                gaz: b[1],
                fine: u16::from_le_bytes([b[2], b[3]]),
                coarse: u16::from_le_bytes([b[4], b[5]]),
            };
            lex.push((k, info));
        }
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n.min(bytes.len() / (4 + 2 * NTAGS)));
        for _ in 0..n {
            let k = r.u32()?;
            let mut w = [0i16; NTAGS];
            for x in &mut w {
                let b = r.take(2)?;
                *x = i16::from_le_bytes([b[0], b[1]]);
            }
            rows.push((k, w));
        }
        let mut model = Model::from_quantised(&rows, scale, Lexicon::from_stored(&lex));
        model.flags = flags;
        Ok(model)
    }
}

/// Adds a weight row to `scores`: the first sixteen weights as one block the compiler turns
/// into vector adds (a 17-wide loop stayed scalar), then the rest.
#[inline]
fn add_row(scores: &mut [i32; NTAGS], w: &[i16; NTAGS]) {
    const BLOCK: usize = 16;
    let (head, tail) = scores.split_at_mut(BLOCK.min(NTAGS));
    let (wh, wt) = w.split_at(BLOCK.min(NTAGS));
    for (acc, &x) in head.iter_mut().zip(wh) {
        *acc += i32::from(x);
    }
    for (acc, &x) in tail.iter_mut().zip(wt) {
        *acc += i32::from(x);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let mut row = [0f32; NTAGS];
        row[0] = 1.0;
        row[1] = -2.0;
        row[8] = 4.0;
        let rows = vec![(0xdead_beef_0000_0001u64, row)];
        let info = LexInfo {
            case: 5,
            gaz: 2,
            fine: 300,
            coarse: 7,
        };
        let lex = Lexicon::from_entries(&[(0x1234_5678_9abc_def0, info)]);
        let m = Model::from_weights(&rows, lex).with_two_pass(true);
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("round trip");
        let mut s = [0i32; NTAGS];
        back.add(0xdead_beef_0000_0001, &mut s);
        assert_eq!(s[8], 32767);
        assert_eq!(s[1], -16384);
        assert_eq!(back.lexicon.get(0x1234_5678_9abc_def0), info);
        assert!(back.two_pass());
        let cases: &[(&[u8], ModelError)] = &[
            (b"", ModelError::Truncated),
            (b"NOTMODEL", ModelError::BadMagic),
            (&bytes[..bytes.len() - 1], ModelError::Truncated),
        ];
        for (input, want) in cases {
            assert_eq!(Model::from_bytes(input).err().as_ref(), Some(want));
        }
    }

    #[test]
    fn every_stored_feature_passes_the_filter_and_most_absent_ones_do_not() {
        // Keys spread over the whole 64-bit range, as feature hashes are.
        let hash = |i: u64| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i << 7);
        let rows: Vec<(u64, [f32; NTAGS])> = (1..=20_000u64)
            .map(|i| {
                let mut row = [0f32; NTAGS];
                row[(i % NTAGS as u64) as usize] = 1.0;
                (hash(i), row)
            })
            .collect();
        let m = Model::from_weights(&rows, Lexicon::default());
        for (h, _) in &rows {
            let mut s = [0i32; NTAGS];
            m.add(*h, &mut s);
            assert_eq!(s.iter().filter(|&&w| w == 32767).count(), 1, "{h:x}");
        }
        let passed = (1_000_000..1_100_000u64)
            .map(hash)
            .filter(|&h| {
                let bit = filter_bit(slot_key(h));
                m.filter[bit / 64] & (1 << (bit % 64)) != 0
            })
            .count();
        // 20,000 keys set at most 20,000 of 2^21 bits: about 1 % of absent keys pass.
        assert!(
            passed < 2_000,
            "{passed} of 100,000 absent keys passed the filter"
        );
    }
}

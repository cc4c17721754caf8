//! Word lexicon: how a word is usually capitalised in running news text, plus gazetteer bits.
//!
//! Capitalisation is the strongest clue for names, and it fails exactly where news needs it most:
//! sentence starts, all-caps headlines and title-case lines. The case-usage class says whether a
//! lowercased word appears capitalised mid-sentence always, mostly, sometimes or never in a large
//! body of unlabeled news (counted at training time), so the tagger can tell "The" from "Japan"
//! even in "THE JAPAN GAMBLE". Keys are hashes of the lowercased word; no text is stored.

#[cfg(feature = "train")]
use std::collections::HashMap;

/// Gazetteer class bits.
pub mod gaz {
    /// Part of a known person's name.
    pub const PERSON: u8 = 1;
    /// Part of a known place name.
    pub const PLACE: u8 = 2;
    /// Part of a known organisation name.
    pub const ORG: u8 = 4;
    /// A company or body suffix (Inc, Ltd, Party, Ministry).
    pub const ORG_SUFFIX: u8 = 8;
    /// A title or honorific (President, Mr).
    pub const TITLE: u8 = 16;
    /// A given name.
    pub const FIRST_NAME: u8 = 32;
}

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LexInfo {
    /// Case-usage class (0 = unknown word).
    pub case: u8,
    /// Gazetteer bits.
    pub gaz: u8,
    /// Fine and coarse distributional cluster ids (0 = none).
    pub fine: u16,
    /// The coarse cluster id.
    pub coarse: u16,
}

/// Read-only lexicon: open-addressing table of (32-bit key, [`LexInfo`]).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    slots: Vec<(u32, LexInfo)>,
    mask: usize,
}

fn slot_key(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

impl Lexicon {
    /// Builds the table from `(word hash, info)` entries.
    pub fn from_entries(entries: &[(u64, LexInfo)]) -> Lexicon {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u32, LexInfo::default()); cap];
        let mask = cap - 1;
        for &(h, info) in entries {
            let k = slot_key(h);
            let mut i = k as usize & mask;
            while slots[i].0 != 0 && slots[i].0 != k {
                i = (i + 1) & mask;
            }
            slots[i] = (k, info);
        }
        Lexicon { slots, mask }
    }

    /// Everything known about a lowercased word hash (all zero if unknown).
    pub fn get(&self, h: u64) -> LexInfo {
        if self.slots.is_empty() {
            return LexInfo::default();
        }
        let k = slot_key(h);
        let mut i = k as usize & self.mask;
        loop {
            let (sk, info) = self.slots[i];
            if sk == k {
                return info;
            }
            if sk == 0 {
                return LexInfo::default();
            }
            i = (i + 1) & self.mask;
        }
    }

    /// All entries as `(32-bit key, info)` for serialisation, in table order.
    pub fn entries(&self) -> impl Iterator<Item = (u32, LexInfo)> + '_ {
        self.slots.iter().copied().filter(|e| e.0 != 0)
    }

    /// Rebuilds from serialised 32-bit keys.
    pub fn from_stored(entries: &[(u32, LexInfo)]) -> Lexicon {
        let hashed: Vec<(u64, LexInfo)> = entries
            .iter()
            .map(|&(k, info)| (u64::from(k) << 32, info))
            .collect();
        Lexicon::from_entries(&hashed)
    }
}

/// Builds the lexicon from case classes, gazetteer bits and clusters, deterministically.
#[cfg(feature = "train")]
pub fn merge(
    classes: &HashMap<u64, u8>,
    gazetteer: &[(u64, u8)],
    fine: &HashMap<u64, u16>,
    coarse: &HashMap<u64, u16>,
) -> Lexicon {
    let mut all: HashMap<u64, LexInfo> = HashMap::new();
    for (&h, &c) in classes {
        all.entry(h).or_default().case = c;
    }
    for &(h, bit) in gazetteer {
        all.entry(h).or_default().gaz |= bit;
    }
    for (&h, &c) in fine {
        all.entry(h).or_default().fine = c;
    }
    for (&h, &c) in coarse {
        all.entry(h).or_default().coarse = c;
    }
    let mut entries: Vec<(u64, LexInfo)> = all.into_iter().collect();
    entries.sort_unstable_by_key(|e| e.0);
    Lexicon::from_entries(&entries)
}

/// Counts capitalisation of words in running text (not sentence-initial, not all-caps lines).
#[cfg(feature = "train")]
#[derive(Debug, Default)]
pub struct CaseCounter {
    counts: HashMap<u64, (u32, u32)>,
}

#[cfg(feature = "train")]
impl CaseCounter {
    /// Records one occurrence of a lowercased word hash; `capitalised` if it began uppercase.
    pub fn add(&mut self, lower_hash: u64, capitalised: bool) {
        let e = self.counts.entry(lower_hash).or_insert((0, 0));
        e.0 = e.0.saturating_add(1);
        e.1 = e.1.saturating_add(u32::from(capitalised));
    }

    /// Case classes of every word seen at least `min_count` times.
    pub fn classes(&self, min_count: u32) -> HashMap<u64, u8> {
        self.counts
            .iter()
            .filter(|(_, &(n, _))| n >= min_count)
            .map(|(&h, &(n, cap))| (h, case_class(n, cap)))
            .collect()
    }
}

/// Class 1–6 by share of capitalised uses, +8 for frequent words.
#[cfg(feature = "train")]
fn case_class(total: u32, cap: u32) -> u8 {
    let r = f64::from(cap) / f64::from(total.max(1));
    let c = if cap == 0 {
        1
    } else if r < 0.1 {
        2
    } else if r < 0.5 {
        3
    } else if r < 0.9 {
        4
    } else if cap < total {
        5
    } else {
        6
    };
    if total >= 20 {
        c + 8
    } else {
        c
    }
}

#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;
    use crate::extract::ner::features::hash_bytes;

    #[test]
    fn classes_follow_capitalisation_share() {
        let cases: &[(&str, u32, u32, u8)] = &[
            ("the", 100, 0, 9),
            ("japan", 30, 30, 14),
            ("bank", 10, 4, 3),
            ("reuters", 5, 5, 6),
        ];
        let mut counter = CaseCounter::default();
        for &(w, n, cap, _) in cases {
            for i in 0..n {
                counter.add(hash_bytes(w.as_bytes()), i < cap);
            }
        }
        let classes = counter.classes(2);
        let none = HashMap::new();
        let lex = merge(&classes, &[], &none, &none);
        let lex = Lexicon::from_stored(&lex.entries().collect::<Vec<_>>());
        for &(w, _, _, want) in cases {
            let h = hash_bytes(w.as_bytes());
            assert_eq!(classes.get(&h), Some(&want), "{w}");
            assert_eq!(lex.get(h).case, want, "{w} after reload");
        }
        assert_eq!(lex.get(hash_bytes(b"unseen")), LexInfo::default());
    }
}

//! Gazetteer bits for the tagger's word table, from the hand-written word lists of
//! [`crate::extract::lexicon::tagger`] (titles, organisation words, first names).
//!
//! Training data teaches the tagger the names it has seen; these lists add clues that carry
//! over to names it has not: "Mr." and "Prime Minister" precede people, "Corp" and "Ministry"
//! end organisations, "Olena" or "Kwame" start a person's name. They are baked into the
//! model's lexicon at training time as gazetteer bits on lowercased word hashes.
//! [`from_labelled`] derives person/place/organisation word lists from another labelled corpus.

use super::features::hash_bytes;
use super::lexicon::gaz;
use crate::extract::lexicon::tagger::{FIRST_NAMES, ORG_WORDS, TITLES};
use std::collections::HashMap;

/// `(lowercase word hash, gazetteer bits)` for every listed word.
pub fn entries() -> Vec<(u64, u8)> {
    let lists: [(&[&str], u8); 3] = [
        (TITLES, gaz::TITLE),
        (ORG_WORDS, gaz::ORG_SUFFIX),
        (FIRST_NAMES, gaz::FIRST_NAME),
    ];
    let mut out: Vec<(u64, u8)> = Vec::new();
    for (list, bit) in lists {
        for w in list {
            out.push((hash_bytes(w.as_bytes()), bit));
        }
    }
    out
}

/// Derives gazetteer bits from a labelled corpus given as `(word, type)` pairs, where type is
/// `Some(0..3)` for person, place, organisation words and `None` outside entities: a
/// capitalised word gets a bit when it was seen at least `min_count` times and at least half of
/// its occurrences were inside that kind of entity. Titles are left out.
pub fn from_labelled<'a>(
    rows: impl Iterator<Item = (&'a str, Option<u8>)>,
    min_count: u32,
) -> Vec<(u64, u8)> {
    let mut counts: HashMap<u64, [u32; 4]> = HashMap::new();
    let titles: Vec<u64> = TITLES.iter().map(|t| hash_bytes(t.as_bytes())).collect();
    for (word, ty) in rows {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let c = counts
            .entry(hash_bytes(word.to_lowercase().as_bytes()))
            .or_insert([0; 4]);
        c[3] += 1;
        if let Some(t) = ty.filter(|&t| t < 3) {
            c[t as usize] += 1;
        }
    }
    let bits = [gaz::PERSON, gaz::PLACE, gaz::ORG];
    let mut out: Vec<(u64, u8)> = counts
        .into_iter()
        .filter(|(h, _)| !titles.contains(h))
        .filter_map(|(h, c)| {
            let b = (0..3)
                .filter(|&t| c[t] >= min_count && c[t] * 2 >= c[3])
                .fold(0u8, |acc, t| acc | bits[t]);
            (b != 0).then_some((h, b))
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_bits_from_labelled_words() {
        let rows = [
            ("Maria", Some(0)),
            ("Maria", Some(0)),
            ("Kowalski", Some(0)),
            ("Kowalski", Some(0)),
            ("Warsaw", Some(1)),
            ("Warsaw", Some(1)),
            ("Warsaw", None),
            ("Bank", Some(2)),
            ("Bank", None),
            ("Bank", None),
            ("President", Some(0)),
            ("President", Some(0)),
            ("said", Some(0)),
            ("said", Some(0)),
        ];
        let got: HashMap<u64, u8> = from_labelled(rows.into_iter(), 2).into_iter().collect();
        let cases = [
            ("maria", Some(gaz::PERSON)),
            ("kowalski", Some(gaz::PERSON)),
            ("warsaw", Some(gaz::PLACE)),
            ("bank", None),
            ("president", None),
            ("said", None),
        ];
        for (w, want) in cases {
            assert_eq!(got.get(&hash_bytes(w.as_bytes())).copied(), want, "{w}");
        }
    }
}

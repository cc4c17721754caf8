//! Greedy left-to-right decoding over BIO tags, shared by tagging and training.
//!
//! Tags: 0 = O, then B/I for PER, ORG, LOC, MISC (`1 + 2·type + inside`). An I-X tag may only
//! follow B-X or I-X. The decoder walks a whole document so that a word's earlier tags (its
//! "history") can inform later mentions — the document-consistency feature.

use super::features::{dynamic_features, flag, sentence_mode, static_features, TokInfo};
use super::Label;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Hasher for keys that already are well-mixed 64-bit hashes: passes them through.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// Number of BIO tags.
pub const NTAGS: usize = 9;

/// Entity type index (0..4) of a non-O tag.
pub fn tag_type(tag: u8) -> Option<u8> {
    (tag > 0 && (tag as usize) < NTAGS).then(|| (tag - 1) / 2)
}

/// True for an I- tag.
pub fn is_inside(tag: u8) -> bool {
    tag > 0 && (tag - 1) % 2 == 1
}

/// Tag for an entity type, beginning or inside.
pub fn make_tag(ty: u8, inside: bool) -> u8 {
    1 + 2 * ty + u8::from(inside)
}

/// Whether `tag` may follow `prev`.
pub fn allowed(prev: u8, tag: u8) -> bool {
    !is_inside(tag) || tag_type(prev) == tag_type(tag)
}

/// Label of an entity type index.
pub fn label(ty: u8) -> Label {
    match ty {
        0 => Label::Per,
        1 => Label::Org,
        2 => Label::Loc,
        _ => Label::Misc,
    }
}

/// Chooses a tag for one token given its features; training steppers also learn here.
pub trait Stepper {
    /// `index` is the token index in the document; returns the chosen tag.
    fn step(&mut self, index: usize, feats: &[u64], prev: u8) -> u8;
}

/// Argmax over allowed tags.
pub fn best_allowed(scores: &[f32; NTAGS], prev: u8) -> u8 {
    let mut best = 0u8;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as u8;
        if s > best_score && allowed(prev, t) {
            best = t;
            best_score = s;
        }
    }
    best
}

fn hist_key(t: &TokInfo) -> Option<u64> {
    (t.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0).then_some(t.lower)
}

type History = HashMap<u64, [u16; 5], BuildHasherDefault<KeyHasher>>;

/// Most frequent slot of a history count (0 = O, 1 + type otherwise), plus one; 0 if unseen.
fn majority(c: &[u16; 5]) -> u8 {
    let best = (0..5).max_by_key(|&j| (c[j], 5 - j)).unwrap_or(0);
    1 + best as u8
}

/// Tags a document (its token infos split into sentences) greedily; returns one tag per token.
/// With `two_pass`, the document is tagged a second time with each word's types elsewhere in
/// the document (from the first pass) as features — a headline name can then profit from the
/// body that follows it.
pub fn decode_document<S: Stepper>(
    infos: &[TokInfo],
    sentences: &[Range<usize>],
    stepper: &mut S,
    two_pass: bool,
) -> Vec<u8> {
    let first = decode_pass(infos, sentences, stepper, None);
    if !two_pass {
        return first;
    }
    let global = global_types(infos, &first);
    decode_pass(infos, sentences, stepper, Some((&global, &first)))
}

/// For each capitalised token, the types its word got at its other occurrences in the first
/// pass: 0 = no other occurrence, 1–4 = the most frequent entity type, 5 = always O.
fn global_types(infos: &[TokInfo], tags: &[u8]) -> Vec<u8> {
    let mut counts: History = HashMap::default();
    for (t, &tag) in infos.iter().zip(tags) {
        if let Some(k) = hist_key(t) {
            counts.entry(k).or_insert([0; 5])[tag_type(tag).map_or(0, |x| x as usize + 1)] += 1;
        }
    }
    let mut out = vec![0u8; infos.len()];
    for (i, (t, &tag)) in infos.iter().zip(tags).enumerate() {
        let Some(mut c) = hist_key(t).and_then(|k| counts.get(&k)).copied() else {
            continue;
        };
        let own = tag_type(tag).map_or(0, |x| x as usize + 1);
        c[own] = c[own].saturating_sub(1);
        if c.iter().any(|&n| n > 0) {
            let ent = (1..5).max_by_key(|&j| (c[j], 5 - j)).unwrap_or(1);
            out[i] = if c[ent] > 0 { ent as u8 } else { 5 };
        }
    }
    out
}

/// One greedy pass. In the second pass (`second` = global types and first-pass tags),
/// sentences without any repeated word keep their first-pass tags.
fn decode_pass<S: Stepper>(
    infos: &[TokInfo],
    sentences: &[Range<usize>],
    stepper: &mut S,
    second: Option<(&[u8], &[u8])>,
) -> Vec<u8> {
    let mut tags = vec![0u8; infos.len()];
    let mut history: History = HashMap::default();
    let mut feats = Vec::with_capacity(64);
    for range in sentences {
        let Some(sent) = infos.get(range.clone()) else {
            continue;
        };
        let global = second.and_then(|(g, _)| g.get(range.clone()));
        let keep = second.and_then(|(g, first)| {
            let quiet = g.get(range.clone())?.iter().all(|&x| x == 0);
            quiet.then(|| first.get(range.clone())).flatten()
        });
        let mode = sentence_mode(sent);
        let (mut prev, mut prev2) = (0u8, 0u8);
        for (i, info) in sent.iter().enumerate() {
            let key = hist_key(info);
            let tag = if let Some(kept) = keep {
                kept[i]
            } else {
                feats.clear();
                static_features(sent, i, mode, &mut feats);
                let hist = key.and_then(|k| history.get(&k)).map_or(0, majority);
                let g = global.and_then(|g| g.get(i)).copied().unwrap_or(0);
                dynamic_features(info, prev, prev2, hist, g, &mut feats);
                stepper.step(range.start + i, &feats, prev)
            };
            if let Some(k) = key {
                let slot = tag_type(tag).map_or(0, |t| t as usize + 1);
                let c = history.entry(k).or_insert([0; 5]);
                c[slot] = c[slot].saturating_add(1);
            }
            tags[range.start + i] = tag;
            prev2 = prev;
            prev = tag;
        }
    }
    tags
}

/// Turns per-token tags into `(type, first token, last token + 1)` entity runs.
pub fn runs(tags: &[u8]) -> Vec<(u8, usize, usize)> {
    let mut out: Vec<(u8, usize, usize)> = Vec::new();
    let mut open: Option<(u8, usize)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let ty = tag_type(tag);
        if let Some((oty, start)) = open {
            if ty == Some(oty) && is_inside(tag) {
                continue;
            }
            out.push((oty, start, i));
            open = None;
        }
        if let Some(t) = ty {
            open = Some((t, i));
        }
    }
    if let Some((t, start)) = open {
        out.push((t, start, tags.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_follow_bio() {
        let per_b = make_tag(0, false);
        let per_i = make_tag(0, true);
        let loc_b = make_tag(2, false);
        type Case<'a> = (&'a [u8], &'a [(u8, usize, usize)]);
        let cases: &[Case] = &[
            (&[0, per_b, per_i, 0, loc_b], &[(0, 1, 3), (2, 4, 5)]),
            (&[per_b, per_b, per_i], &[(0, 0, 1), (0, 1, 3)]),
            (&[per_i, loc_b], &[(0, 0, 1), (2, 1, 2)]),
            (&[], &[]),
        ];
        for (tags, want) in cases {
            assert_eq!(&runs(tags), want);
        }
    }

    #[test]
    fn inside_needs_same_type_before() {
        let cases = [
            (0, make_tag(1, true), false),
            (make_tag(1, false), make_tag(1, true), true),
            (make_tag(2, true), make_tag(1, true), false),
            (make_tag(2, true), 0, true),
        ];
        for (prev, tag, want) in cases {
            assert_eq!(allowed(prev, tag), want, "{prev} -> {tag}");
        }
    }
}

//! Greedy left-to-right decoding over BILOU tags, shared by tagging and training.
//!
//! Tags: 0 = O, then B/I/L/U for PER, ORG, LOC, MISC (`1 + 4·type + part`); BILOU marks the
//! last token of an entity and one-token entities explicitly, which helps a greedy decoder. The decoder walks a whole document so that a word's earlier tags (its
//! "history") can inform later mentions — the document-consistency feature.

use super::features::{dynamic_features, flag, sentence_mode, TokInfo};
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

/// Number of tags: O plus B/I/L/U (begin, inside, last, unit) for each of the 4 types.
pub const NTAGS: usize = 17;

const B: u8 = 0;
const I: u8 = 1;
const L: u8 = 2;
const U: u8 = 3;

/// Position part of a non-O tag (B, I, L or U).
fn part(tag: u8) -> u8 {
    tag.saturating_sub(1) % 4
}

/// Entity type index (0..4) of a non-O tag.
pub fn tag_type(tag: u8) -> Option<u8> {
    (tag > 0 && (tag as usize) < NTAGS).then(|| (tag - 1) / 4)
}

/// True for tags that continue an entity (I or L).
pub fn is_inside(tag: u8) -> bool {
    tag > 0 && matches!(part(tag), I | L)
}

/// True for tags after which the entity must go on (B or I).
fn opens(tag: u8) -> bool {
    tag > 0 && matches!(part(tag), B | I)
}

/// BIO-style tag for an entity type, beginning or inside (accepted everywhere BILOU is).
pub fn make_tag(ty: u8, inside: bool) -> u8 {
    1 + 4 * ty + if inside { I } else { B }
}

fn with_part(ty: u8, p: u8) -> u8 {
    1 + 4 * ty + p
}

/// Whether `tag` may follow `prev` in well-formed BILOU: B/I must be followed by I/L of the
/// same type, anything else by O, B or U. (Training uses it to repair gold tags.)
pub fn allowed(prev: u8, tag: u8) -> bool {
    if opens(prev) {
        is_inside(tag) && tag_type(tag) == tag_type(prev)
    } else {
        !is_inside(tag)
    }
}

/// The tag that starts an entity in place of an inside tag: I → B, L → U.
pub fn reopen(tag: u8) -> u8 {
    match (tag_type(tag), part(tag)) {
        (Some(ty), I) => with_part(ty, B),
        (Some(ty), L) => with_part(ty, U),
        _ => tag,
    }
}

/// Converts BIO tags to BILOU within each sentence.
pub fn to_bilou(tags: &[u8], sentences: &[Range<usize>]) -> Vec<u8> {
    let mut out = tags.to_vec();
    for r in sentences {
        for i in r.clone() {
            let Some(ty) = tags.get(i).copied().and_then(tag_type) else {
                continue;
            };
            let same = |j: usize| tags.get(j).copied().and_then(tag_type) == Some(ty);
            let begins = !(is_inside(tags[i]) && i > r.start && same(i - 1));
            let ends =
                i + 1 == r.end || !(same(i + 1) && tags.get(i + 1).is_some_and(|&t| is_inside(t)));
            out[i] = with_part(
                ty,
                match (begins, ends) {
                    (true, true) => U,
                    (true, false) => B,
                    (false, true) => L,
                    (false, false) => I,
                },
            );
        }
    }
    out
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

/// The token being tagged, in its sentence: what a [`Stepper`] needs to compute its
/// tag-independent features (see [`super::features::static_features`]).
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    /// The token's sentence.
    pub sent: &'a [TokInfo],
    /// Position in the sentence.
    pub i: usize,
    /// The sentence's case mode ([`sentence_mode`]).
    pub mode: u64,
    /// Position in the document (the same token in both passes has the same index).
    pub index: usize,
}

/// Chooses a tag for one token; training steppers also learn here. The decoder hands over
/// the token and the tag-dependent features it computed (`dynamic`); the stepper adds the
/// static ones itself, so that a tagger can reuse them across passes.
pub trait Stepper {
    /// `prev` is the tag chosen before the token in its sentence; returns the chosen tag.
    fn step(&mut self, tok: Tok<'_>, dynamic: &[u64], prev: u8) -> u8;

    /// True when the stepper tags the token O whatever its tag-dependent features, so that
    /// the decoder need not compute them (`step` is then not called). None by default.
    fn outside(&self, _tok: Tok<'_>, _prev: u8) -> bool {
        false
    }

    /// [`Stepper::step`] from the token's tag-dependent context: by default the decoder's
    /// [`dynamic_features`] of it, in `feats`, handed to `step`; a tagger may score the
    /// context its own way.
    fn step_in(&mut self, tok: Tok<'_>, ctx: Context, feats: &mut Vec<u64>) -> u8 {
        feats.clear();
        if let Some(info) = tok.sent.get(tok.i) {
            dynamic_features(info, ctx.prev, ctx.prev2, ctx.hist, ctx.global, feats);
        }
        self.step(tok, feats, ctx.prev)
    }
}

/// The tag-dependent context of a token (see [`dynamic_features`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The tag before the token in its sentence (0 at its start).
    pub prev: u8,
    /// The tag before that.
    pub prev2: u8,
    /// The document history of the token's word (`majority` slot, 0 = none).
    pub hist: u8,
    /// The word's types elsewhere in the document (second pass; 0 = none).
    pub global: u8,
}

/// Highest-scoring tag. Decoding is unconstrained (an ill-formed sequence such as B-X O still
/// reads as an entity, see [`runs`]): with hard BILOU constraints one wrong B forces the next
/// token into the entity too, which cost 5 points of F1 on dev; forbidding only type switches
/// inside an entity still cost 0.7.
pub fn best(scores: &[f32; NTAGS]) -> u8 {
    let mut best = 0u8;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        if s > best_score {
            best = t as u8;
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
pub fn decode_document<S: Stepper + ?Sized>(
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
            let c =
                &mut counts.entry(k).or_insert([0; 5])[tag_type(tag).map_or(0, |x| x as usize + 1)];
            *c = c.saturating_add(1);
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
fn decode_pass<S: Stepper + ?Sized>(
    infos: &[TokInfo],
    sentences: &[Range<usize>],
    stepper: &mut S,
    second: Option<(&[u8], &[u8])>,
) -> Vec<u8> {
    let mut tags = vec![0u8; infos.len()];
    let mut history: History = HashMap::default();
    let mut feats = Vec::with_capacity(16);
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
            let tok = Tok {
                sent,
                i,
                mode,
                index: range.start + i,
            };
            let tag = if let Some(kept) = keep {
                kept[i]
            } else if stepper.outside(tok, prev) {
                0
            } else {
                let ctx = Context {
                    prev,
                    prev2,
                    hist: key.and_then(|k| history.get(&k)).map_or(0, majority),
                    global: global.and_then(|g| g.get(i)).copied().unwrap_or(0),
                };
                stepper.step_in(tok, ctx, &mut feats)
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

/// Turns per-token tags (BIO or BILOU) into `(type, first token, last token + 1)` runs.
pub fn runs(tags: &[u8]) -> Vec<(u8, usize, usize)> {
    let mut out: Vec<(u8, usize, usize)> = Vec::new();
    let mut open: Option<(u8, usize)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let ty = tag_type(tag);
        if let Some((oty, start)) = open {
            if !(ty == Some(oty) && is_inside(tag)) {
                out.push((oty, start, i));
                open = None;
            }
        }
        if open.is_none() {
            open = ty.map(|t| (t, i));
        }
        if ty.is_some() && matches!(part(tag), L | U) {
            if let Some((t, start)) = open.take() {
                out.push((t, start, i + 1));
            }
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
            // BILOU: U and L close the entity.
            (&[with_part(0, U), with_part(0, U)], &[(0, 0, 1), (0, 1, 2)]),
            (&[per_b, with_part(0, L), per_i], &[(0, 0, 2), (0, 2, 3)]),
        ];
        for (tags, want) in cases {
            assert_eq!(&runs(tags), want);
        }
    }

    #[test]
    fn bio_converts_to_bilou() {
        let (b, i) = (make_tag(1, false), make_tag(1, true));
        let bio = [b, i, i, 0, b, b, i];
        let want = [
            with_part(1, B),
            with_part(1, I),
            with_part(1, L),
            0,
            with_part(1, U),
            with_part(1, B),
            with_part(1, L),
        ];
        let whole = std::iter::once(0..bio.len()).collect::<Vec<_>>();
        assert_eq!(to_bilou(&bio, &whole), want);
        // An entity cut by a sentence boundary ends and restarts there.
        assert_eq!(
            to_bilou(&[b, i], &[0..1, 1..2]),
            [with_part(1, U), with_part(1, U)]
        );
        assert_eq!(runs(&to_bilou(&bio, &whole)), runs(&bio));
    }

    #[test]
    fn inside_needs_same_type_before() {
        let cases = [
            (0, make_tag(1, true), false),
            (make_tag(1, false), make_tag(1, true), true),
            (make_tag(2, true), make_tag(1, true), false),
            (make_tag(2, true), 0, false),
            (with_part(2, L), 0, true),
            (with_part(2, U), with_part(2, L), false),
        ];
        for (prev, tag, want) in cases {
            assert_eq!(allowed(prev, tag), want, "{prev} -> {tag}");
        }
    }
}

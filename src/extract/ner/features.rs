//! Feature extraction for the tagger: hashed (u64) features, no strings at tag time.
//!
//! Each token is summarised once ([`TokInfo`]: hashes of the word, its lowercase form, shape,
//! affixes, plus case flags and the case-usage lexicon class); the feature templates then combine
//! these hashes for the token and its ±2 neighbours. Tag-dependent features (previous tags,
//! document history) are added by the decoder through [`dynamic_features`].

use super::lexicon::Lexicon;
use super::tokenize::Token;
use crate::extract::lexicon::names::NAME_PARTICLES;
use std::sync::OnceLock;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash-style mixing step.
#[inline]
pub fn combine(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Final avalanche (murmur3 fmix64) so that every bit of the key is usable.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hashes a byte string.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = combine(0x9e37_79b9_7f4a_7c15, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(c);
        h = combine(h, u64::from_le_bytes(buf));
    }
    for &b in chunks.remainder() {
        h = combine(h, u64::from(b));
    }
    finish(h)
}

/// Key of a feature made of a template id and one or two values.
#[inline]
pub fn key(template: u64, a: u64, b: u64) -> u64 {
    finish(combine(combine(template.wrapping_mul(K), a), b))
}

/// Case flags of a token.
pub mod flag {
    /// Starts with an uppercase letter.
    pub const INIT_CAP: u8 = 1;
    /// Every letter is uppercase.
    pub const ALL_CAPS: u8 = 2;
    /// Holds a digit.
    pub const HAS_DIGIT: u8 = 4;
    /// Holds a letter.
    pub const HAS_ALPHA: u8 = 8;
    /// Punctuation only.
    pub const PUNCT: u8 = 16;
    /// Some letter is uppercase (anywhere in the word).
    pub const HAS_UPPER: u8 = 32;
    /// The lowercase word is a name particle ("de", "van", "bin": `NAME_PARTICLES`).
    pub const PARTICLE: u8 = 64;
    /// The word is "&".
    pub const AMPERSAND: u8 = 128;
}

/// [`flag::PARTICLE`] and [`flag::AMPERSAND`] of a lowercase word's hash.
fn word_flags(lower: u64) -> u8 {
    static PARTICLES: OnceLock<(Vec<u64>, u64)> = OnceLock::new();
    let (particles, ampersand) = PARTICLES.get_or_init(|| {
        let hashes = NAME_PARTICLES.iter().map(|p| hash_bytes(p.as_bytes()));
        (hashes.collect(), hash_bytes(b"&"))
    });
    let particle = if particles.contains(&lower) {
        flag::PARTICLE
    } else {
        0
    };
    particle
        | if lower == *ampersand {
            flag::AMPERSAND
        } else {
            0
        }
}

/// What the feature templates need to know about one token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokInfo {
    /// Hash of the word as written.
    pub word: u64,
    /// Hash of the lowercased word.
    pub lower: u64,
    /// Hash of the word's shape (`Xxxx`, `dd`, `X.X.`).
    pub shape: u64,
    /// Hashes of the first 1–4 characters.
    pub prefix: [u64; 4],
    /// Hashes of the last 1–4 characters.
    pub suffix: [u64; 4],
    /// Case flags ([`flag`]).
    pub flags: u8,
    /// Case-usage class from the lexicon (0 = unknown word).
    pub lex: u8,
    /// Gazetteer class bits.
    pub gaz: u8,
    /// Fine and coarse word clusters (0 = none).
    pub fine: u16,
    /// The coarse cluster.
    pub coarse: u16,
}

/// Shape class of a char: X (upper), x (lower), d (digit) or the char itself.
fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Maps typographic variants onto the ASCII forms of the training data (’ → ', “ → ", — → -).
fn normalise(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Reusable buffers for [`tok_info`].
#[derive(Debug, Default)]
pub struct Scratch {
    word: String,
    lower: String,
}

/// Computes the [`TokInfo`] of `word` (typographic variants normalised first).
pub fn tok_info(word: &str, scratch: &mut Scratch, lex: &Lexicon) -> TokInfo {
    if word.is_ascii() {
        ascii_tok_info(word, scratch, lex)
    } else {
        unicode_tok_info(word, scratch, lex)
    }
}

/// [`tok_info`] of any word, char by char.
fn unicode_tok_info(word: &str, scratch: &mut Scratch, lex: &Lexicon) -> TokInfo {
    let Scratch { word: norm, lower } = scratch;
    norm.clear();
    norm.extend(word.chars().map(normalise));
    let word = norm.as_str();
    lower.clear();
    let mut shape_h = 0x1234_5678u64;
    let (mut last, mut run) = ('\0', 0u8);
    let (mut n_upper, mut n_alpha, mut flags) = (0usize, 0usize, 0u8);
    for (i, c) in word.chars().enumerate() {
        lower.extend(c.to_lowercase());
        let s = shape_class(c);
        if s == last {
            run = run.saturating_add(1);
        } else {
            run = 0;
        }
        if run < 1 {
            shape_h = combine(shape_h, u64::from(s));
        }
        last = s;
        if c.is_alphabetic() {
            n_alpha += 1;
            if c.is_uppercase() {
                n_upper += 1;
                flags |= flag::HAS_UPPER;
                if i == 0 {
                    flags |= flag::INIT_CAP;
                }
            }
        } else if c.is_numeric() {
            flags |= flag::HAS_DIGIT;
        }
    }
    finish_info(
        word,
        lower,
        shape_h,
        count_flags(flags, n_upper, n_alpha),
        lex,
    )
}

/// [`tok_info`] of an ASCII word, byte by byte: the same hashes and flags without Unicode
/// case tables (an ASCII char's Unicode classes are its ASCII ones; only the backtick
/// is normalised, to an apostrophe). Most words of English news are ASCII.
fn ascii_tok_info(word: &str, scratch: &mut Scratch, lex: &Lexicon) -> TokInfo {
    let Scratch { word: norm, lower } = scratch;
    norm.clear();
    norm.push_str(word);
    if word.contains('`') {
        *norm = norm.replace('`', "'");
    }
    lower.clear();
    lower.push_str(norm);
    lower.make_ascii_lowercase();
    let mut shape_h = 0x1234_5678u64;
    let mut last = 0u8;
    let (mut n_upper, mut n_alpha, mut flags) = (0usize, 0usize, 0u8);
    for (i, &b) in norm.as_bytes().iter().enumerate() {
        let s = if b.is_ascii_uppercase() {
            b'X'
        } else if b.is_ascii_lowercase() {
            b'x'
        } else if b.is_ascii_digit() {
            b'd'
        } else {
            b
        };
        // A class is hashed where a run of it starts, as in the Unicode path.
        if s != last {
            shape_h = combine(shape_h, u64::from(s));
        }
        last = s;
        if b.is_ascii_alphabetic() {
            n_alpha += 1;
            if b.is_ascii_uppercase() {
                n_upper += 1;
                flags |= flag::HAS_UPPER;
                if i == 0 {
                    flags |= flag::INIT_CAP;
                }
            }
        } else if b.is_ascii_digit() {
            flags |= flag::HAS_DIGIT;
        }
    }
    finish_info(
        norm,
        lower,
        shape_h,
        count_flags(flags, n_upper, n_alpha),
        lex,
    )
}

/// Adds the flags that depend on the letter counts.
fn count_flags(mut flags: u8, n_upper: usize, n_alpha: usize) -> u8 {
    if n_alpha > 0 {
        flags |= flag::HAS_ALPHA;
        if n_upper == n_alpha && n_alpha > 1 {
            flags |= flag::ALL_CAPS;
        }
    } else if flags & flag::HAS_DIGIT == 0 {
        flags |= flag::PUNCT;
    }
    flags
}

/// The [`TokInfo`] of a normalised word, its lowercase form, shape hash and flags.
fn finish_info(word: &str, lower: &str, shape_h: u64, flags: u8, lex: &Lexicon) -> TokInfo {
    let lower_h = hash_bytes(lower.as_bytes());
    let entry = lex.get(lower_h);
    let mut info = TokInfo {
        word: hash_bytes(word.as_bytes()),
        lower: lower_h,
        shape: finish(shape_h),
        flags: flags | word_flags(lower_h),
        lex: entry.case,
        gaz: entry.gaz,
        fine: entry.fine,
        coarse: entry.coarse,
        ..TokInfo::default()
    };
    affixes(lower, &mut info);
    info
}

/// Fills prefix/suffix hashes (1–4 chars) of the lowercase word.
fn affixes(lower: &str, info: &mut TokInfo) {
    let mut bounds = [lower.len(); 5];
    for (k, (i, _)) in lower.char_indices().take(5).enumerate() {
        bounds[k] = i;
    }
    for k in 0..4 {
        let end = bounds[k + 1];
        info.prefix[k] = hash_bytes(&lower.as_bytes()[..end]);
    }
    let mut starts = lower.char_indices().rev().map(|(i, _)| i);
    for k in 0..4 {
        let start = starts.next().unwrap_or(0);
        info.suffix[k] = hash_bytes(&lower.as_bytes()[start..]);
    }
}

/// Case mode of a sentence: normal, all-caps (headline/table) or title-case headline.
pub fn sentence_mode(infos: &[TokInfo]) -> u64 {
    let words = infos.iter().filter(|t| t.flags & flag::HAS_ALPHA != 0);
    let (mut n, mut caps, mut init) = (0, 0, 0);
    for t in words {
        n += 1;
        if t.flags & flag::ALL_CAPS != 0 {
            caps += 1;
        } else if t.flags & flag::INIT_CAP != 0 {
            init += 1;
        }
    }
    if n >= 2 && caps * 10 >= n * 6 {
        2
    } else if n >= 3 && (init + caps) * 10 >= n * 8 {
        3
    } else {
        1
    }
}

const PAD: TokInfo = TokInfo {
    word: 11,
    lower: 11,
    shape: 11,
    prefix: [11; 4],
    suffix: [11; 4],
    flags: 0,
    lex: 255,
    gaz: 0,
    fine: 0xffff,
    coarse: 0xffff,
};

/// Appends the tag-independent features of token `i` of a sentence to `out`: the token's
/// own features ([`word_features`]) followed by its context ([`context_features`]).
pub fn static_features(s: &[TokInfo], i: usize, mode: u64, out: &mut Vec<u64>) {
    if let Some(t) = s.get(i) {
        word_features(t, i == 0, mode, out);
        context_features(s, i, out);
    }
}

/// Features of the token alone, its position at the sentence start and the sentence's case
/// mode: everything here is fixed by (word, first, mode), so the tagger can cache their sum.
pub fn word_features(t: &TokInfo, first: bool, mode: u64, out: &mut Vec<u64>) {
    let first = u64::from(first);
    let lex = u64::from(t.lex);
    out.extend_from_slice(&[
        key(1, 0, 0),
        key(2, t.word, 0),
        key(3, t.lower, 0),
        key(4, t.shape, 0),
        key(16, first, t.shape),
        key(17, mode, t.shape),
        key(18, lex, first),
        key(19, lex, mode),
        key(21, u64::from(t.gaz), t.shape),
        key(23, mode, t.lower),
        key(50, u64::from(t.fine), 0),
        key(51, u64::from(t.coarse), t.shape),
    ]);
    for k in 0..4 {
        out.push(key(30 + k as u64, t.prefix[k], 0));
        out.push(key(34 + k as u64, t.suffix[k], 0));
    }
}

/// Features of token `i` that involve its neighbours (±2 tokens, padded at the edges).
pub fn context_features(s: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let at = |d: isize| -> &TokInfo {
        let j = i as isize + d;
        if j < 0 || j >= s.len() as isize {
            &PAD
        } else {
            &s[j as usize]
        }
    };
    let (t, p1, p2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    out.extend_from_slice(&[
        key(5, p1.lower, 0),
        key(6, p2.lower, 0),
        key(7, n1.lower, 0),
        key(8, n2.lower, 0),
        key(9, p1.shape, 0),
        key(10, n1.shape, 0),
        key(11, p2.shape, 0),
        key(12, n2.shape, 0),
        key(13, p1.lower, t.lower),
        key(14, t.lower, n1.lower),
        key(15, combine(p1.shape, t.shape), n1.shape),
        key(20, u64::from(p1.lex), u64::from(n1.lex)),
        key(22, u64::from(p1.gaz), u64::from(n1.gaz)),
        key(24, p1.word, 0),
        key(25, n1.word, 0),
        key(52, u64::from(p1.fine), 0),
        key(53, u64::from(n1.fine), 0),
        key(54, u64::from(p1.coarse), u64::from(t.coarse)),
    ]);
}

/// Neighbour roles of [`neighbour_features`]: the tokens one and two before the token, one
/// and two after it.
pub const NEIGHBOURS: [isize; 4] = [-1, -2, 1, 2];

/// The token `d` places from token `i` of a sentence, or the padding past its edges.
pub fn neighbour(s: &[TokInfo], i: usize, d: isize) -> &TokInfo {
    let j = i as isize + d;
    if j < 0 || j >= s.len() as isize {
        &PAD
    } else {
        &s[j as usize]
    }
}

/// The features of [`context_features`] that involve one neighbour alone, `n` in the role
/// `NEIGHBOURS[role]`: fixed by the neighbour's word, so a tagger can cache their sum.
/// With [`pair_features`] they are exactly the context features.
pub fn neighbour_features(role: usize, n: &TokInfo, out: &mut Vec<u64>) {
    let fine = u64::from(n.fine);
    match role {
        0 => out.extend_from_slice(&[
            key(5, n.lower, 0),
            key(9, n.shape, 0),
            key(24, n.word, 0),
            key(52, fine, 0),
        ]),
        1 => out.extend_from_slice(&[key(6, n.lower, 0), key(11, n.shape, 0)]),
        2 => out.extend_from_slice(&[
            key(7, n.lower, 0),
            key(10, n.shape, 0),
            key(25, n.word, 0),
            key(53, fine, 0),
        ]),
        _ => out.extend_from_slice(&[key(8, n.lower, 0), key(12, n.shape, 0)]),
    }
}

/// The features of [`context_features`] that combine token `i` with its neighbours.
pub fn pair_features(s: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let at = |d: isize| neighbour(s, i, d);
    let (t, p1, n1) = (at(0), at(-1), at(1));
    out.extend_from_slice(&[
        key(13, p1.lower, t.lower),
        key(14, t.lower, n1.lower),
        key(15, combine(p1.shape, t.shape), n1.shape),
        key(20, u64::from(p1.lex), u64::from(n1.lex)),
        key(22, u64::from(p1.gaz), u64::from(n1.gaz)),
        key(54, u64::from(p1.coarse), u64::from(t.coarse)),
    ]);
}

/// The features of [`dynamic_features`] fixed by the previous two tags.
pub fn tag_features(prev: u8, prev2: u8) -> [u64; 2] {
    let (p, pp) = (u64::from(prev), u64::from(prev2));
    [key(40, p, 0), key(41, p, pp)]
}

/// The feature of [`dynamic_features`] fixed by the history slot.
pub fn history_feature(hist: u8) -> u64 {
    key(44, u64::from(hist), 0)
}

/// The capitalisation class of [`dynamic_features`]' global features.
pub fn caps_class(t: &TokInfo) -> u8 {
    t.flags & (flag::INIT_CAP | flag::ALL_CAPS)
}

/// The features of [`dynamic_features`] fixed by the global type (not 0) and [`caps_class`].
pub fn global_features(global: u8, caps: u8) -> [u64; 2] {
    let g = u64::from(global);
    [key(46, g, 0), key(48, g, u64::from(caps))]
}

/// The features of [`dynamic_features`] that involve the token's own word: with
/// [`tag_features`], [`history_feature`] and (for a global type other than 0)
/// [`global_features`], exactly the dynamic features.
pub fn word_dynamic_features(t: &TokInfo, prev: u8, hist: u8, global: u8, out: &mut Vec<u64>) {
    let (p, h) = (u64::from(prev), u64::from(hist));
    out.extend_from_slice(&[
        key(42, p, t.lower),
        key(43, p, t.shape),
        key(45, h, t.shape),
    ]);
    if global != 0 {
        out.push(key(47, u64::from(global), t.shape));
    }
}

/// Appends features that depend on the tags already chosen: previous two tags, the document
/// history (the type most often given to this word earlier in the document) and, in the
/// second pass, `global`: the types of the word's other occurrences (0 = none / first pass).
pub fn dynamic_features(
    t: &TokInfo,
    prev: u8,
    prev2: u8,
    hist: u8,
    global: u8,
    out: &mut Vec<u64>,
) {
    let (p, pp, h) = (u64::from(prev), u64::from(prev2), u64::from(hist));
    out.extend_from_slice(&[
        key(40, p, 0),
        key(41, p, pp),
        key(42, p, t.lower),
        key(43, p, t.shape),
        key(44, h, 0),
        key(45, h, t.shape),
    ]);
    if global != 0 {
        let g = u64::from(global);
        let caps = u64::from(t.flags & (flag::INIT_CAP | flag::ALL_CAPS));
        out.extend_from_slice(&[key(46, g, 0), key(47, g, t.shape), key(48, g, caps)]);
    }
}

/// Builds the [`TokInfo`]s of all tokens of a text.
pub fn infos(text: &str, tokens: &[Token], lex: &Lexicon) -> Vec<TokInfo> {
    let mut scratch = Scratch::default();
    tokens
        .iter()
        .map(|t| tok_info(text.get(t.start..t.end).unwrap_or(""), &mut scratch, lex))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::Tagger;

    #[test]
    fn ascii_words_get_the_infos_of_the_unicode_path() {
        let lex = &Tagger::builtin().model.lexicon;
        let words = [
            "the",
            "The",
            "THE",
            "Kessel",
            "McIlroy",
            "U.S.",
            "1,000.5",
            "$",
            "&",
            "'s",
            "n't",
            "``",
            "`Tis",
            "ok`",
            "--",
            "X",
            "x",
            "4x4",
            "iPhone",
            "A.B.C.",
            "",
            "\u{0}a",
            "a\u{0}",
            "\u{7f}",
            "e-mail",
            "Jean-Luc",
            "supercalifragilisticexpialidocious",
        ];
        let (mut a, mut b) = (Scratch::default(), Scratch::default());
        for word in words {
            assert!(word.is_ascii(), "{word}");
            assert_eq!(
                ascii_tok_info(word, &mut a, lex),
                unicode_tok_info(word, &mut b, lex),
                "{word:?}"
            );
        }
        // Non-ASCII words take the Unicode path, whose normalisation the ASCII one shares.
        assert_eq!(
            tok_info("O\u{2019}Connor", &mut a, lex),
            tok_info("O'Connor", &mut b, lex)
        );
    }
}
